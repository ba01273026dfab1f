/* backtest.c — scoring models against actual outcomes: mean absolute error, root mean square
 * error and median absolute error, each with a 95% percentile bootstrap interval drawn from an
 * explicitly seeded PRNG, so the same seed gives the same figures on every machine. The
 * forecasts, the costly part, run issue by issue on the parallel loop. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/forecast.h"
#include "model/positions.h"
#include "util/error.h"
#include "util/parallel.h"
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

void parley_backtest_defaults(parley_backtest_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->capability.kind = PARLEY_CAPABILITY_EQUAL;
  o->min_actors = 3;
  o->resamples = 2000;
  o->seed = 1;
}

struct parley_backtest {
  const parley_positions *pos;
  parley_backtest_options opt;
  pl_copied copied;
  parley_backtest_stats *stats; /* per model */
  parley_error *errors;         /* per model; code 0 when it was scored */
  double *forecast, *abs_error; /* models x issues, NaN where not scored */
};

void parley_backtest_free(parley_backtest *bt) {
  if (!bt) return;
  pl_copied_free(&bt->copied);
  free(bt->stats), free(bt->errors), free(bt->forecast), free(bt->abs_error);
  free(bt);
}

/* The progress callback of the runs inside a chunk: the parallel loop's poll. */
static int poll_loop(void *par, double fraction) {
  (void)fraction;
  return pl_parallel_poll(par);
}

/* Chunk i: every model's forecast of issue i, when the issue is to be scored. */
static int forecast_issue(void *ctx, size_t i, pl_parallel *par) {
  parley_backtest *bt = ctx;
  const parley_positions *pos = bt->pos;
  const parley_backtest_options *o = &bt->opt;
  const size_t N = pos->n_issues;
  const int in_years = (!o->from_year || pos->year[i] >= o->from_year) && (!o->before_year || pos->year[i] < o->before_year);
  const int eligible = in_years && !isnan(pos->outcome[i]) && parley_positions_active_count(pos, i) >= o->min_actors;
  double *f = malloc((o->n_models ? o->n_models : 1) * sizeof *f);
  if (!f) return PARLEY_ERR_NOMEM;
  for (size_t m = 0; m < o->n_models; m++) f[m] = NAN;
  int rc = eligible ? pl_forecast_models(pos, i, o->models, o->n_models, &o->capability, f, NULL, poll_loop, par) : 0;
  for (size_t m = 0; rc == 0 && m < o->n_models; m++) {
    bt->forecast[m * N + i] = f[m];
    bt->abs_error[m * N + i] = fabs(f[m] - pos->outcome[i]); /* NaN stays NaN */
  }
  free(f);
  if (rc == 0) pl_parallel_advance(par, 1);
  return rc;
}

/* Model m's figures from its errors, the bootstrap seeded afresh for each model. */
static int score(parley_backtest *bt, size_t m, double *e, double *tmp, double *bm, double *br, double *bd) {
  const parley_positions *pos = bt->pos;
  const size_t N = pos->n_issues, resamples = bt->opt.resamples;
  parley_backtest_stats *out = &bt->stats[m];
  size_t n = 0;
  for (size_t i = 0; i < N; i++)
    if (!isnan(bt->abs_error[m * N + i])) e[n++] = bt->abs_error[m * N + i];
  if (n == 0) {
    const int years = bt->opt.from_year || bt->opt.before_year;
    pl_fail(&bt->errors[m], PARLEY_ERR_INVALID, pos->source, 0, 0, "no issue has an outcome and %zu active actors%s",
            bt->opt.min_actors, years ? " in the years asked for" : "");
    out->mae = out->rmse = out->median_ae = out->mae_lo = out->mae_hi = NAN;
    out->rmse_lo = out->rmse_hi = out->median_lo = out->median_hi = NAN;
    return 0;
  }
  out->n = n;
  stats(e, n, tmp, &out->mae, &out->rmse, &out->median_ae);
  uint64_t s = bt->opt.seed;
  double *draw = malloc(n * sizeof *draw);
  if (!draw) return PARLEY_ERR_NOMEM;
  for (size_t b = 0; b < resamples; b++) {
    for (size_t k = 0; k < n; k++) draw[k] = e[pl_prng_next(&s) % n];
    stats(draw, n, tmp, &bm[b], &br[b], &bd[b]);
  }
  free(draw);
  double *arr[3] = {bm, br, bd};
  double *lo[3] = {&out->mae_lo, &out->rmse_lo, &out->median_lo}, *hi[3] = {&out->mae_hi, &out->rmse_hi, &out->median_hi};
  for (int k = 0; k < 3; k++) {
    qsort(arr[k], resamples, sizeof *arr[k], cmp_double);
    *lo[k] = arr[k][(size_t)floor(0.025 * (double)(resamples - 1))];
    *hi[k] = arr[k][(size_t)ceil(0.975 * (double)(resamples - 1))];
  }
  return 0;
}

int parley_backtest_run(const parley_positions *pos, const parley_backtest_options *options, parley_backtest **out,
                        parley_error *err) {
  if (!pos || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_backtest *bt = calloc(1, sizeof *bt);
  if (!bt) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  bt->pos = pos;
  if (options) bt->opt = *options;
  else parley_backtest_defaults(&bt->opt);
  if (!bt->opt.min_actors) bt->opt.min_actors = 3;
  if (!bt->opt.resamples) bt->opt.resamples = 2000;
  if (bt->opt.resamples > PARLEY_BACKTEST_MAX_RESAMPLES) {
    parley_backtest_free(bt);
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "at most %zu bootstrap resamples", PARLEY_BACKTEST_MAX_RESAMPLES);
  }
  int rc = pl_copy_models(&bt->copied, pos, &bt->opt.models, &bt->opt.n_models, &bt->opt.capability);
  if (rc == PARLEY_ERR_ARG) {
    parley_backtest_free(bt);
    return pl_fail(err, rc, NULL, 0, 0, "unknown model, or a capability table missing");
  }
  if (rc == 0 && (rc = pl_forecast_actor_limit(pos, PARLEY_FORECAST_TABLE, bt->opt.models, bt->opt.n_models,
                                               bt->opt.max_actors, err))) {
    parley_backtest_free(bt);
    return rc;
  }
  const size_t N = pos->n_issues, M = bt->opt.n_models, R = bt->opt.resamples;
  bt->stats = calloc(M ? M : 1, sizeof *bt->stats);
  bt->errors = calloc(M ? M : 1, sizeof *bt->errors);
  bt->forecast = malloc((M ? M : 1) * (N ? N : 1) * sizeof *bt->forecast);
  bt->abs_error = malloc((M ? M : 1) * (N ? N : 1) * sizeof *bt->abs_error);
  if (rc == 0 && (!bt->stats || !bt->errors || !bt->forecast || !bt->abs_error)) rc = PARLEY_ERR_NOMEM;
  if (rc == 0) {
    pl_parallel par = {.n_chunks = N, .threads = bt->opt.threads, .run = forecast_issue, .ctx = bt, .total = N,
                       .progress = bt->opt.progress, .progress_user = bt->opt.progress_user};
    rc = pl_parallel_run(&par);
  }
  double *e = malloc((N ? N : 1) * sizeof *e), *tmp = malloc((N ? N : 1) * sizeof *tmp);
  double *bm = malloc(R * sizeof *bm), *br = malloc(R * sizeof *br), *bd = malloc(R * sizeof *bd);
  if (rc == 0 && (!e || !tmp || !bm || !br || !bd)) rc = PARLEY_ERR_NOMEM;
  for (size_t m = 0; rc == 0 && m < M; m++) rc = score(bt, m, e, tmp, bm, br, bd);
  free(e), free(tmp), free(bm), free(br), free(bd);
  if (rc) {
    parley_backtest_free(bt);
    return pl_fail(err, rc, NULL, 0, 0, "%s", rc == PARLEY_ERR_CANCELLED ? "backtest cancelled" : "out of memory");
  }
  *out = bt;
  return 0;
}

const parley_positions *parley_backtest_positions(const parley_backtest *bt) { return bt->pos; }
const parley_backtest_options *parley_backtest_options_get(const parley_backtest *bt) { return &bt->opt; }
const parley_backtest_stats *parley_backtest_stats_get(const parley_backtest *bt, size_t k) {
  return k < bt->opt.n_models ? &bt->stats[k] : NULL;
}
const parley_error *parley_backtest_model_error(const parley_backtest *bt, size_t k) {
  return k < bt->opt.n_models && bt->errors[k].code ? &bt->errors[k] : NULL;
}
double parley_backtest_forecast(const parley_backtest *bt, size_t k, size_t issue) {
  const size_t N = bt->pos->n_issues;
  return k < bt->opt.n_models && issue < N ? bt->forecast[k * N + issue] : NAN;
}
double parley_backtest_abs_error(const parley_backtest *bt, size_t k, size_t issue) {
  const size_t N = bt->pos->n_issues;
  return k < bt->opt.n_models && issue < N ? bt->abs_error[k * N + issue] : NAN;
}
