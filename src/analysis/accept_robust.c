/* accept_robust.c — the acceptability of every package under uncertainty (parley_accept_robust):
 * over the same draws as parley_accept, the share in which every party accepts each package,
 * the best of them, and the share for each bargaining solution of the scenario at its means.
 * Chunks of draws count into a shared table with atomic additions of integers, which give the
 * same totals in any order. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/accept.h"
#include "model/sample.h"
#include "parley/uncertainty.h"
#include "util/error.h"
#include "util/parallel.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")
#define CHUNK 64 /* draws a chunk */

struct parley_robustness {
  const parley_scenario *sc;
  uint64_t samples, packages;
  size_t n, n_issues;
  uint32_t *pkg;    /* n x N */
  uint64_t *count;  /* n */
  uint32_t *sol;    /* PARLEY_SOLUTION_COUNT x N */
  int has_sol[PARLEY_SOLUTION_COUNT];
  uint64_t sol_count[PARLEY_SOLUTION_COUNT];
};

typedef struct rob_ctx {
  const parley_scenario *sc;
  const pl_uparam *params;
  size_t n_params;
  uint64_t samples, seed, packages;
  const unsigned char *certain_ok; /* per package: every party with no uncertain number accepts */
  _Atomic uint64_t *count;         /* per package */
} rob_ctx;

static int rob_chunk(void *vctx, size_t chunk, pl_parallel *par) {
  rob_ctx *x = vctx;
  const parley_scenario *sc = x->sc;
  const size_t P = parley_party_count(sc), N = parley_issue_count(sc);
  pl_draw d;
  uint32_t *local = calloc(x->packages, sizeof *local), pkg[PARLEY_MAX_ISSUES];
  if (!local || pl_draw_alloc(sc, x->n_params, &d)) {
    free(local);
    return PARLEY_ERR_NOMEM;
  }
  const uint64_t from = (uint64_t)chunk * CHUNK, to = from + CHUNK < x->samples ? from + CHUNK : x->samples;
  int rc = 0;
  for (uint64_t s = from; s < to && rc == 0; s++) {
    pl_draw_sample(sc, x->params, x->n_params, x->seed, s, &d);
    memset(pkg, 0, N * sizeof *pkg);
    for (uint64_t idx = 0; idx < x->packages; idx++) {
      if (x->certain_ok[idx]) {
        int all = 1;
        for (size_t p = 0; p < P && all; p++)
          if (sc->parties[p].uncertain) all = pl_draw_accepts(sc, &d, p, pkg);
        local[idx] += (uint32_t)all;
      }
      for (size_t i = N; i-- > 0;) { /* the next package, issue 0 most significant */
        if (++pkg[i] < parley_issue_option_count(sc, i)) break;
        pkg[i] = 0;
      }
    }
    pl_parallel_advance(par, 1);
    if (pl_parallel_poll(par)) rc = PARLEY_ERR_CANCELLED;
  }
  for (uint64_t idx = 0; rc == 0 && idx < x->packages; idx++)
    if (local[idx]) atomic_fetch_add_explicit(&x->count[idx], local[idx], memory_order_relaxed);
  free(local);
  pl_draw_free(&d);
  return rc;
}

void parley_robustness_free(parley_robustness *r) {
  if (!r) return;
  free(r->pkg), free(r->count), free(r->sol);
  free(r);
}

static uint64_t index_of(const parley_scenario *sc, const uint32_t *pkg) {
  uint64_t idx = 0;
  for (size_t i = 0; i < parley_issue_count(sc); i++) idx = idx * parley_issue_option_count(sc, i) + pkg[i];
  return idx;
}

int parley_accept_robust(const parley_scenario *sc, const parley_accept_options *options, size_t top, uint64_t max_work,
                         parley_robustness **out, parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_accept_options o;
  if (options) o = *options;
  else parley_accept_defaults(&o);
  if (!o.samples) o.samples = 10000;
  if (!top) top = 10;
  if (!max_work) max_work = 4000000000ull;
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
  const uint64_t T = parley_outcome_count(sc);
  if (T == 0 || T > max_work / o.samples)
    return pl_fail(err, PARLEY_ERR_LIMIT, parley_scenario_source(sc), 0, 0,
                   "%s packages times %llu draws is more than the %.3g package judgements allowed; draw fewer, or judge "
                   "one package at a time",
                   T ? "the scenario's" : "too many", (unsigned long long)o.samples, (double)max_work);
  rob_ctx x = {.sc = sc, .samples = o.samples, .seed = o.seed, .packages = T};
  x.params = NULL;
  {
    size_t n = pl_uparams(sc, NULL);
    pl_uparam *u = malloc((n ? n : 1) * sizeof *u);
    if (u) pl_uparams(sc, u);
    x.params = u, x.n_params = n;
  }
  unsigned char *certain_ok = malloc(T);
  x.count = calloc(T, sizeof *x.count);
  parley_robustness *r = calloc(1, sizeof *r);
  int rc = x.params && certain_ok && x.count && r ? 0 : NOMEM(err);
  if (rc == 0) { /* the parties with no uncertain number, judged once, exactly */
    uint32_t pkg[PARLEY_MAX_ISSUES] = {0};
    for (uint64_t idx = 0; idx < T; idx++) {
      int ok = 1;
      for (size_t p = 0; p < P && ok; p++)
        if (!sc->parties[p].uncertain) ok = pl_draw_accepts(sc, NULL, p, pkg);
      certain_ok[idx] = (unsigned char)ok;
      for (size_t i = N; i-- > 0;) {
        if (++pkg[i] < parley_issue_option_count(sc, i)) break;
        pkg[i] = 0;
      }
    }
    x.certain_ok = certain_ok;
    pl_parallel par = {.n_chunks = (size_t)((o.samples + CHUNK - 1) / CHUNK), .threads = o.threads, .run = rob_chunk,
                       .ctx = &x, .total = o.samples, .progress = o.progress, .progress_user = o.progress_user};
    rc = pl_parallel_run(&par);
    if (rc == PARLEY_ERR_CANCELLED) pl_fail(err, rc, NULL, 0, 0, "cancelled");
    else if (rc) NOMEM(err);
  }
  if (rc == 0) { /* the best: by count, then in package order */
    r->sc = sc, r->samples = o.samples, r->packages = T, r->n_issues = N;
    r->pkg = malloc(top * (N ? N : 1) * sizeof *r->pkg);
    r->count = malloc(top * sizeof *r->count);
    r->sol = malloc(PARLEY_SOLUTION_COUNT * (N ? N : 1) * sizeof *r->sol);
    uint64_t *best = malloc(top * sizeof *best);
    if (!r->pkg || !r->count || !r->sol || !best) rc = NOMEM(err);
    for (uint64_t idx = 0; rc == 0 && idx < T; idx++) {
      const uint64_t c = atomic_load_explicit(&x.count[idx], memory_order_relaxed);
      if (!c) continue;
      size_t at = r->n;
      while (at > 0 && r->count[at - 1] < c) at--;
      if (at >= top) continue;
      const size_t last = r->n < top ? r->n : top - 1;
      memmove(r->count + at + 1, r->count + at, (last - at) * sizeof *r->count);
      memmove(best + at + 1, best + at, (last - at) * sizeof *best);
      r->count[at] = c, best[at] = idx;
      if (r->n < top) r->n++;
    }
    for (size_t k = 0; rc == 0 && k < r->n; k++) {
      uint64_t idx = best[k];
      for (size_t i = N; i-- > 0;) {
        r->pkg[k * N + i] = (uint32_t)(idx % parley_issue_option_count(sc, i));
        idx /= parley_issue_option_count(sc, i);
      }
    }
    free(best);
  }
  if (rc == 0) { /* the bargaining solutions at the means */
    parley_analysis *an = NULL;
    parley_analysis_options ao = {.threads = o.threads};
    if (parley_analyze(sc, &ao, &an, NULL) == 0) {
      for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
        const size_t i = parley_analysis_solution(an, (parley_solution)s);
        if (i == PARLEY_NONE || parley_analysis_frontier_get(an, i, r->sol + (size_t)s * N, NULL)) continue;
        r->has_sol[s] = 1;
        r->sol_count[s] = atomic_load_explicit(&x.count[index_of(sc, r->sol + (size_t)s * N)], memory_order_relaxed);
      }
      parley_analysis_free(an);
    }
  }
  free((void *)x.params), free(certain_ok), free(x.count);
  if (rc) {
    parley_robustness_free(r);
    return rc;
  }
  *out = r;
  return 0;
}

const parley_scenario *parley_robustness_scenario(const parley_robustness *r) { return r ? r->sc : NULL; }
uint64_t parley_robustness_samples(const parley_robustness *r) { return r ? r->samples : 0; }
uint64_t parley_robustness_packages(const parley_robustness *r) { return r ? r->packages : 0; }
size_t parley_robustness_count(const parley_robustness *r) { return r ? r->n : 0; }
const uint32_t *parley_robustness_package(const parley_robustness *r, size_t k) {
  return r && k < r->n ? r->pkg + k * r->n_issues : NULL;
}

double parley_robustness_probability(const parley_robustness *r, size_t k, double *lo, double *hi) {
  if (!r || k >= r->n) return NAN;
  pl_wilson(r->count[k], r->samples, lo, hi);
  return (double)r->count[k] / (double)r->samples;
}

const uint32_t *parley_robustness_solution(const parley_robustness *r, parley_solution s, double *p) {
  if (!r || (unsigned)s >= PARLEY_SOLUTION_COUNT || !r->has_sol[s]) return NULL;
  if (p) *p = (double)r->sol_count[s] / (double)r->samples;
  return r->sol + (size_t)s * r->n_issues;
}
