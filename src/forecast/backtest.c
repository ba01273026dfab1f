/* backtest.c — scoring a model against actual outcomes: mean absolute error, root mean square
 * error and median absolute error, each with a 95% percentile bootstrap interval drawn from an
 * explicitly seeded PRNG, so the same seed gives the same figures on every machine. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/positions.h"
#include "util/error.h"
#include "util/prng.h"

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median_of(double *v, size_t n) {
  qsort(v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* MAE, RMSE and median of the absolute errors e[0..n). tmp holds n doubles. */
static void stats(const double *e, size_t n, double *tmp, double *mae, double *rmse, double *med) {
  double s = 0, s2 = 0;
  for (size_t k = 0; k < n; k++) {
    s += e[k];
    s2 += e[k] * e[k];
    tmp[k] = e[k];
  }
  *mae = s / n;
  *rmse = sqrt(s2 / n);
  *med = median_of(tmp, n);
}

int parley_backtest_model(const parley_positions *pos, parley_model model,
                          const parley_capability *cap, size_t min_actors, size_t resamples,
                          uint64_t seed, parley_backtest *out, double *errors_out,
                          parley_error *err) {
  parley_backtest_filter f = {min_actors, 0, 0};
  return parley_backtest_model_filtered(pos, model, cap, &f, resamples, seed, out, errors_out, NULL, err);
}

int parley_backtest_model_filtered(const parley_positions *pos, parley_model model,
                                   const parley_capability *cap, const parley_backtest_filter *filter,
                                   size_t resamples, uint64_t seed, parley_backtest *out,
                                   double *errors_out, double *forecasts_out, parley_error *err) {
  const size_t min_actors = filter ? filter->min_actors : 3;
  const int from = filter ? filter->from_year : 0, before = filter ? filter->before_year : 0;
  if (!pos || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  memset(out, 0, sizeof *out);
  if (!resamples) resamples = 2000;
  const size_t N = pos->n_issues;
  double *e = malloc((N ? N : 1) * sizeof *e), *tmp = malloc((N ? N : 1) * sizeof *tmp);
  double *bm = malloc(resamples * sizeof *bm), *br = malloc(resamples * sizeof *br), *bd = malloc(resamples * sizeof *bd);
  if (!e || !tmp || !bm || !br || !bd) {
    free(e), free(tmp), free(bm), free(br), free(bd);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  size_t n = 0;
  for (size_t i = 0; i < N; i++) {
    double f;
    int in_years = (!from || pos->year[i] >= from) && (!before || pos->year[i] < before);
    int scored = in_years && !isnan(pos->outcome[i]) && parley_positions_active_count(pos, i) >= min_actors &&
                 parley_forecast_issue(pos, i, model, cap, &f) == 0;
    if (errors_out) errors_out[i] = scored ? fabs(f - pos->outcome[i]) : NAN;
    if (forecasts_out) forecasts_out[i] = scored ? f : NAN;
    if (scored) e[n++] = fabs(f - pos->outcome[i]);
  }
  int rc = 0;
  if (n == 0) {
    rc = pl_fail(err, PARLEY_ERR_INVALID, pos->source, 0, 0,
                 "no issue has an outcome and %zu active actors (in the years asked for)", min_actors);
  } else {
    out->n = n;
    stats(e, n, tmp, &out->mae, &out->rmse, &out->median_ae);
    uint64_t s = seed;
    double *draw = malloc(n * sizeof *draw);
    if (!draw) rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t b = 0; draw && b < resamples; b++) {
      for (size_t k = 0; k < n; k++) draw[k] = e[pl_prng_next(&s) % n];
      stats(draw, n, tmp, &bm[b], &br[b], &bd[b]);
    }
    free(draw);
    if (rc == 0) {
      double *arr[3] = {bm, br, bd};
      double *lo[3] = {&out->mae_lo, &out->rmse_lo, &out->median_lo}, *hi[3] = {&out->mae_hi, &out->rmse_hi, &out->median_hi};
      for (int k = 0; k < 3; k++) {
        qsort(arr[k], resamples, sizeof *arr[k], cmp_double);
        *lo[k] = arr[k][(size_t)floor(0.025 * (double)(resamples - 1))];
        *hi[k] = arr[k][(size_t)ceil(0.975 * (double)(resamples - 1))];
      }
    }
  }
  free(e), free(tmp), free(bm), free(br), free(bd);
  return rc;
}
