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
  uint32_t *draft;  /* amendments under uncertainty: the draft (else NULL) */
  size_t max_changes;
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
  const uint32_t *cand;            /* the packages judged, N each; NULL: every package in order */
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
      const uint32_t *at = x->cand ? x->cand + idx * N : pkg;
      if (x->certain_ok[idx]) {
        int all = 1;
        for (size_t p = 0; p < P && all; p++)
          if (sc->parties[p].uncertain) all = pl_draw_accepts(sc, &d, p, at);
        local[idx] += (uint32_t)all;
      }
      if (x->cand) continue;
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
  free(r->pkg), free(r->count), free(r->sol), free(r->draft);
  free(r);
}

static uint64_t index_of(const parley_scenario *sc, const uint32_t *pkg) {
  uint64_t idx = 0;
  for (size_t i = 0; i < parley_issue_count(sc); i++) idx = idx * parley_issue_option_count(sc, i) + pkg[i];
  return idx;
}

static size_t distance(const uint32_t *a, const uint32_t *b, size_t n) {
  size_t d = 0;
  for (size_t i = 0; i < n; i++) d += a[i] != b[i];
  return d;
}

typedef struct near_ctx {
  const parley_scenario *sc;
  const uint32_t *draft;
  size_t N, m, at;
  uint32_t cur[PARLEY_MAX_ISSUES];
  uint32_t *out;
} near_ctx;

/* Issue i on, with `changed` issues changed so far: each option in order, the draft's among
 * them, others while fewer than m are changed. */
static void near_from(near_ctx *x, size_t i, size_t changed) {
  if (i == x->N) {
    memcpy(x->out + x->at++ * x->N, x->cur, x->N * sizeof *x->cur);
    return;
  }
  const uint32_t mi = (uint32_t)parley_issue_option_count(x->sc, i);
  for (uint32_t o = 0; o < mi; o++) {
    const int change = o != x->draft[i];
    if (change && changed == x->m) continue;
    x->cur[i] = o;
    near_from(x, i + 1, changed + (size_t)change);
  }
}

/* Every package that changes at most m issues of draft, in package order (issue 0 most
 * significant); their count in *n. NULL when out of memory, or when there are more than limit
 * of them (*n then past limit). */
static uint32_t *near(const parley_scenario *sc, const uint32_t *draft, size_t m, uint64_t limit, uint64_t *n) {
  const size_t N = parley_issue_count(sc);
  /* count first: ways[k], the packages that change exactly k issues */
  double *ways = calloc(m + 1, sizeof *ways), total = 0;
  if (!ways) return NULL;
  ways[0] = 1;
  for (size_t i = 0; i < N; i++)
    for (size_t k = m; k >= 1; k--) ways[k] += ways[k - 1] * (double)(parley_issue_option_count(sc, i) - 1);
  for (size_t k = 0; k <= m; k++) total += ways[k];
  free(ways);
  if (total > (double)limit) {
    *n = limit + 1;
    return NULL;
  }
  *n = (uint64_t)total;
  near_ctx x = {.sc = sc, .draft = draft, .N = N, .m = m};
  x.out = malloc((*n ? *n : 1) * (N ? N : 1) * sizeof *x.out);
  if (!x.out) return NULL;
  near_from(&x, 0, 0);
  *n = x.at;
  return x.out;
}

/* The shares of the packages (those near draft, or every package when draft is NULL), the best
 * `top` kept. */
static int robust(const parley_scenario *sc, const parley_accept_options *options, const uint32_t *draft, size_t max_changes,
                  size_t top, uint64_t max_work, parley_robustness **out, parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_accept_options o;
  if (options) o = *options;
  else parley_accept_defaults(&o);
  if (!o.samples) o.samples = 10000;
  if (!top) top = 10;
  if (!max_work) max_work = 4000000000ull;
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc), NN = N ? N : 1;
  uint64_t T = parley_outcome_count(sc);
  uint32_t *cand = NULL;
  if (draft) {
    cand = near(sc, draft, max_changes < N ? max_changes : N, max_work / o.samples, &T);
    if (!cand && T <= max_work / o.samples) return NOMEM(err);
  }
  if (T == 0 || T > max_work / o.samples) {
    free(cand);
    return pl_fail(err, PARLEY_ERR_LIMIT, parley_scenario_source(sc), 0, 0,
                   "%s times %llu draws is more than the %.3g package judgements allowed; draw fewer%s",
                   draft ? "the packages within that many changes" : "the scenario's packages", (unsigned long long)o.samples,
                   (double)max_work, draft ? ", or allow fewer changes" : ", or judge one package at a time");
  }
  rob_ctx x = {.sc = sc, .samples = o.samples, .seed = o.seed, .packages = T, .cand = cand};
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
      const uint32_t *at = cand ? cand + idx * N : pkg;
      int ok = 1;
      for (size_t p = 0; p < P && ok; p++)
        if (!sc->parties[p].uncertain) ok = pl_draw_accepts(sc, NULL, p, at);
      certain_ok[idx] = (unsigned char)ok;
      for (size_t i = N; !cand && i-- > 0;) {
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
  if (rc == 0) { /* the best: by count, then (amending) fewer changes, then in package order */
    r->sc = sc, r->samples = o.samples, r->packages = T, r->n_issues = N, r->max_changes = max_changes;
    r->pkg = malloc(top * NN * sizeof *r->pkg);
    r->count = malloc(top * sizeof *r->count);
    r->sol = malloc(PARLEY_SOLUTION_COUNT * NN * sizeof *r->sol);
    if (draft && (r->draft = malloc(NN * sizeof *r->draft))) memcpy(r->draft, draft, N * sizeof *draft);
    if (!r->pkg || !r->count || !r->sol || (draft && !r->draft)) rc = NOMEM(err);
    uint32_t pkg[PARLEY_MAX_ISSUES] = {0};
    for (uint64_t idx = 0; rc == 0 && idx < T; idx++) {
      const uint32_t *at = cand ? cand + idx * N : pkg;
      const uint64_t c = atomic_load_explicit(&x.count[idx], memory_order_relaxed);
      if (c) {
        const size_t dist = draft ? distance(at, draft, N) : 0;
        size_t k = r->n;
        /* packages come in package order, so an equal one already kept stays first */
        while (k > 0 && (r->count[k - 1] < c || (r->count[k - 1] == c && draft && distance(r->pkg + (k - 1) * N, draft, N) > dist)))
          k--;
        if (k < top) {
          const size_t last = r->n < top ? r->n : top - 1;
          memmove(r->count + k + 1, r->count + k, (last - k) * sizeof *r->count);
          memmove(r->pkg + (k + 1) * N, r->pkg + k * N, (last - k) * N * sizeof *r->pkg);
          r->count[k] = c;
          memcpy(r->pkg + k * N, at, N * sizeof *at);
          if (r->n < top) r->n++;
        }
      }
      for (size_t i = N; !cand && i-- > 0;) {
        if (++pkg[i] < parley_issue_option_count(sc, i)) break;
        pkg[i] = 0;
      }
    }
    
  }
  if (rc == 0 && !draft) { /* the bargaining solutions at the means */
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
  free((void *)x.params), free(certain_ok), free(x.count), free(cand);
  if (rc) {
    parley_robustness_free(r);
    return rc;
  }
  *out = r;
  return 0;
}

int parley_accept_robust(const parley_scenario *sc, const parley_accept_options *options, size_t top, uint64_t max_work,
                         parley_robustness **out, parley_error *err) {
  return robust(sc, options, NULL, 0, top, max_work, out, err);
}

int parley_amend_robust(const parley_scenario *sc, const uint32_t *draft, size_t max_changes, const parley_accept_options *options,
                        size_t top, parley_robustness **out, parley_error *err) {
  if (!sc || !draft) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  for (size_t i = 0; i < parley_issue_count(sc); i++)
    if (draft[i] >= parley_issue_option_count(sc, i)) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no option %u of issue %zu", draft[i], i);
  return robust(sc, options, draft, max_changes ? max_changes : 2, top, 0, out, err);
}

const uint32_t *parley_robustness_draft(const parley_robustness *r) { return r ? r->draft : NULL; }
size_t parley_robustness_max_changes(const parley_robustness *r) { return r ? r->max_changes : 0; }

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
