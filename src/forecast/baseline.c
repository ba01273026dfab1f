/* baseline.c — the static forecasting models of docs/forecasting.md: unweighted mean and
 * median, the compromise model (capability x salience weighted mean; Van den Bos 1991,
 * Achen 2006), the weighted median (the Condorcet winner with single-peaked preferences) and
 * the asymmetric Nash bargaining solution. */
#include "forecast/baseline.h"

#include <math.h>
#include <stdlib.h>

#include "forecast/capability.h"
#include "model/positions.h"

typedef struct pw {
  double x, w;
} pw;

static int by_x(const void *a, const void *b) {
  double x = ((const pw *)a)->x, y = ((const pw *)b)->x;
  return x < y ? -1 : x > y;
}

/* The asymmetric Nash bargaining solution with quadratic utilities -(x - x_i)^2, weights w_i
 * and disagreement point q (docs/models.md, "Nash bargaining"): the x maximising
 * sum w_i log g_i(x), g_i(x) = (q - x_i)^2 - (x - x_i)^2, over the x where every actor gains.
 * That set is empty unless every actor (with a weight) lies strictly on one side of q; then it
 * is the open interval from q to the nearest mirror image 2 x_i - q, on which the objective is
 * strictly concave: bisection on its derivative. Otherwise no agreement beats q for everyone
 * and q is the solution. */
static double nash_bargaining(const pw *v, size_t n, double q) {
  int above = 0, below = 0;
  double hi = INFINITY, lo = -INFINITY;
  for (size_t k = 0; k < n; k++) {
    if (!(v[k].w > 0)) continue;
    if (v[k].x > q) above = 1, hi = fmin(hi, 2 * v[k].x - q);
    else if (v[k].x < q) below = 1, lo = fmax(lo, 2 * v[k].x - q);
    else return q; /* an actor at q can only lose */
  }
  if (above == below) return q; /* both sides (or nobody): nothing improves on q for all */
  double a = above ? q : lo, b = above ? hi : q;
  for (int it = 0; it < 200 && b - a > 1e-12 * (1 + fabs(a) + fabs(b)); it++) {
    const double x = 0.5 * (a + b);
    double slope = 0; /* d/dx sum w log g = sum w (-2 (x - x_i)) / g_i(x) */
    for (size_t k = 0; k < n; k++) {
      if (!(v[k].w > 0)) continue;
      const double g = (q - v[k].x) * (q - v[k].x) - (x - v[k].x) * (x - v[k].x);
      slope += v[k].w * (-2 * (x - v[k].x)) / g;
    }
    if (slope > 0) a = x;
    else b = x;
  }
  return 0.5 * (a + b);
}

int pl_baseline_forecast(const parley_positions *pos, size_t issue, parley_model model, const parley_capability *cap,
                         double *forecast) {
  const size_t A = pos->n_actors;
  pw *v = malloc((A ? A : 1) * sizeof *v);
  if (!v) return PARLEY_ERR_NOMEM;
  size_t n = 0;
  const int weighted = model == PARLEY_MODEL_COMPROMISE || model == PARLEY_MODEL_WEIGHTED_MEDIAN || model == PARLEY_MODEL_NBS;
  for (size_t a = 0; a < A; a++) {
    double x = pos->position[issue * A + a], s = pos->salience[issue * A + a];
    if (isnan(x) || isnan(s)) continue;
    double w = 1;
    if (weighted) {
      double c = pl_forecast_capability(pos, issue, a, cap);
      if (isnan(c)) continue;
      w = c * s;
    }
    v[n++] = (pw){x, w};
  }
  int rc = 0;
  double W = 0;
  for (size_t k = 0; k < n; k++) W += v[k].w;
  if (n == 0 || (weighted && !(W > 0)) || (model == PARLEY_MODEL_NBS && isnan(pos->reference[issue]))) {
    rc = PARLEY_ERR_INVALID;
  } else if (model == PARLEY_MODEL_NBS) {
    *forecast = nash_bargaining(v, n, pos->reference[issue]);
  } else if (model == PARLEY_MODEL_MEAN || model == PARLEY_MODEL_COMPROMISE) {
    double sum = 0;
    for (size_t k = 0; k < n; k++) sum += v[k].w * v[k].x;
    *forecast = sum / W;
  } else if (model == PARLEY_MODEL_MEDIAN) {
    qsort(v, n, sizeof *v, by_x);
    *forecast = n % 2 ? v[n / 2].x : (v[n / 2 - 1].x + v[n / 2].x) / 2;
  } else {
    /* the lower weighted median: the first position where the cumulative weight reaches W/2 */
    qsort(v, n, sizeof *v, by_x);
    double cum = 0;
    size_t k = 0;
    for (; k < n; k++) {
      cum += v[k].w;
      if (cum >= W / 2) break;
    }
    *forecast = v[k < n ? k : n - 1].x;
  }
  free(v);
  return rc;
}
