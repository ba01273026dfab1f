/* baseline.c — the static forecasting models of docs/forecasting.md: unweighted mean and
 * median, the compromise model (capability x salience weighted mean; Van den Bos 1991,
 * Achen 2006) and the weighted median (the Condorcet winner with single-peaked preferences),
 * and the EU Council capabilities they are usually run with. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/capability.h"
#include "model/positions.h"
#include "util/error.h"

const char *parley_model_name(parley_model m) {
  switch (m) {
    case PARLEY_MODEL_MEAN: return "mean";
    case PARLEY_MODEL_MEDIAN: return "median";
    case PARLEY_MODEL_COMPROMISE: return "compromise";
    case PARLEY_MODEL_WEIGHTED_MEDIAN: return "weighted-median";
    case PARLEY_MODEL_EU_MEDIAN: return "eu-median";
    case PARLEY_MODEL_EU_MEAN: return "eu-mean";
    case PARLEY_MODEL_NBS: return "nbs";
    case PARLEY_MODEL_EXCHANGE: return "exchange";
    case PARLEY_MODEL_SMP: return "smp";
    default: return "unknown";
  }
}

int parley_model_find(const char *name) {
  for (int m = 0; m < PARLEY_MODEL_COUNT; m++)
    if (name && strcmp(name, parley_model_name((parley_model)m)) == 0) return m;
  return -1;
}

/* Council votes under qualified majority: the EU15 weights of the Amsterdam treaty (before
 * 2004) and the Nice weights (EU27/28, from 2004). Public facts; the DEU III folder's
 * eu_council_weights.csv holds the same numbers. */
typedef struct council_votes {
  const char *actor;
  double eu15, nice;
} council_votes;

static const council_votes votes[] = {
    {"at", 4, 10}, {"be", 5, 12}, {"bu", 0, 10}, {"cr", 0, 7},  {"cy", 0, 4},  {"cz", 0, 12},
    {"dk", 3, 7},  {"ee", 0, 4},  {"fi", 3, 7},  {"fr", 10, 29}, {"de", 10, 29}, {"el", 5, 12},
    {"hu", 0, 12}, {"ie", 3, 7},  {"it", 10, 29}, {"lv", 0, 4},  {"lt", 0, 7},  {"lu", 2, 4},
    {"mt", 0, 3},  {"nl", 5, 13}, {"pl", 0, 27}, {"pt", 5, 12}, {"ro", 0, 14}, {"si", 0, 4},
    {"sk", 0, 7},  {"es", 8, 27}, {"se", 4, 10}, {"uk", 10, 29},
};

/* The actor's capability on the issue; NaN when it has none. */
double pl_forecast_capability(const parley_positions *pos, size_t issue, size_t actor, const parley_capability *cap) {
  if (!cap || cap->kind == PARLEY_CAPABILITY_EQUAL) return 1;
  if (cap->kind == PARLEY_CAPABILITY_TABLE) return cap->table ? cap->table[actor] : NAN;
  if (cap->kind == PARLEY_CAPABILITY_DATA) return pos->capability ? pos->capability[actor] : NAN;
  const int nice = pos->year[issue] >= 2004;
  const char *id = pos->actor[actor];
  if (!strcmp(id, "com") || !strcmp(id, "ep")) return nice ? 29 : 10; /* the largest state weight */
  for (size_t k = 0; k < sizeof votes / sizeof votes[0]; k++)
    if (!strcmp(votes[k].actor, id)) {
      double v = nice ? votes[k].nice : votes[k].eu15;
      return v > 0 ? v : NAN; /* not a member yet */
    }
  return NAN;
}

typedef struct pw {
  double x, w;
} pw;

static int by_x(const void *a, const void *b) {
  double x = ((const pw *)a)->x, y = ((const pw *)b)->x;
  return x < y ? -1 : x > y;
}

/* The asymmetric Nash bargaining solution with quadratic utilities -(x - x_i)^2, weights w_i
 * and disagreement point q (../shared/docs/models.md §1.3): the x maximising
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

/* The exchange model over the issue's proposal: the issue's outcome after the last round. */
static int exchange_forecast(const parley_positions *pos, size_t issue, const parley_capability *cap,
                             double *forecast) {
  const size_t g = parley_positions_issue_group(pos, issue), N = pos->n_issues;
  size_t *group = malloc(N * sizeof *group), n = 0, at = 0;
  if (!group) return PARLEY_ERR_NOMEM;
  for (size_t i = g; i < N; i++)
    if (parley_positions_issue_group(pos, i) == g) {
      if (i == issue) at = n;
      group[n++] = i;
    }
  parley_exchange_result *res = NULL;
  int rc = parley_exchange_run(pos, group, n, cap, NULL, &res, NULL);
  if (rc == 0) {
    *forecast = parley_exchange_outcome(res, parley_exchange_rounds(res), at);
    if (isnan(*forecast)) rc = PARLEY_ERR_INVALID;
  }
  parley_exchange_free(res);
  free(group);
  return rc;
}

int parley_forecast_issue(const parley_positions *pos, size_t issue, parley_model model,
                          const parley_capability *cap, double *forecast) {
  if (!pos || issue >= pos->n_issues || !forecast || (unsigned)model >= PARLEY_MODEL_COUNT)
    return PARLEY_ERR_ARG;
  if (model == PARLEY_MODEL_EU_MEDIAN || model == PARLEY_MODEL_EU_MEAN) {
    parley_eu_result *res = NULL;
    if (parley_eu_run(pos, issue, cap, NULL, &res, NULL) != 0) return PARLEY_ERR_INVALID;
    size_t T = parley_eu_rounds(res);
    *forecast = model == PARLEY_MODEL_EU_MEDIAN ? parley_eu_median(res, T) : parley_eu_mean(res, T);
    parley_eu_free(res);
    return 0;
  }
  if (model == PARLEY_MODEL_EXCHANGE) return exchange_forecast(pos, issue, cap, forecast);
  if (model == PARLEY_MODEL_SMP) {
    parley_smp_result *res = NULL;
    parley_smp_options o;
    parley_smp_defaults(&o);
    o.threads = 1;
    int rc = parley_smp_run(pos, &issue, 1, cap, &o, &res, NULL);
    if (rc == 0) *forecast = parley_smp_forecast(res, 0);
    parley_smp_free(res);
    return rc;
  }
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
