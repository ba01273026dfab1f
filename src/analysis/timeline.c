/* timeline.c — the deal over time (parley_timeline_run): the scenario at evenly spaced times
 * over its clock, each analysed (the feasible set, the Nash package), each framework judged,
 * and the windows in which a deal exists and in which each framework is acceptable to every
 * party, their ends found by bisection between the steps where the answer changes.
 *
 * Invariants (asserted in debug builds):
 *   T1. The times run from 0 to the horizon in equal steps.
 *   T2. Windows are disjoint, in order, within [0, horizon], and a step's answer is yes exactly
 *       when its time lies in a window. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/analysis.h"
#include "parley/scenario.h"
#include "util/check.h"
#include "util/error.h"
#include "util/vec.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")
#define BISECT 40 /* halvings of a step: its ends to about 1e-12 of the step */

typedef struct window {
  double from, to;
} window;

typedef struct windows {
  window *w;
  size_t n, cap;
} windows;

struct parley_timeline {
  const parley_scenario *sc;
  size_t n, P, N, F;
  double *t;
  uint64_t *feasible;  /* per step */
  int *feasible_known;
  uint32_t *nash;      /* n x N */
  int *has_nash;
  double *nash_u;      /* n x P */
  unsigned char *fw_ok;/* n x F: every party accepts framework f */
  windows deal, *fw;   /* F */
};

void parley_timeline_free(parley_timeline *tl) {
  if (!tl) return;
  free(tl->t), free(tl->feasible), free(tl->feasible_known), free(tl->nash), free(tl->has_nash), free(tl->nash_u), free(tl->fw_ok);
  free(tl->deal.w);
  for (size_t f = 0; tl->fw && f < tl->F; f++) free(tl->fw[f].w);
  free(tl->fw);
  free(tl);
}

/* Whether every party accepts framework f at time t (f == SIZE_MAX: whether some package is
 * feasible), or -1 on an error. */
static int answer(const parley_scenario *sc, size_t f, double t, const parley_analysis_options *ao, parley_error *err) {
  parley_scenario *at = NULL;
  if (parley_scenario_at(sc, t, &at, err)) return -1;
  int yes = 1;
  if (f == SIZE_MAX) {
    parley_analysis *an = NULL;
    if (parley_analyze(at, ao, &an, err)) yes = -1;
    else yes = parley_analysis_feasible_count(an) > 0 || parley_analysis_frontier_count(an) > 0;
    parley_analysis_free(an);
  } else {
    for (size_t p = 0; p < parley_party_count(at) && yes; p++) {
      parley_acceptance a;
      parley_package_acceptance(at, p, parley_framework_package(at, f), &a);
      yes = a.accepts;
    }
  }
  parley_scenario_free(at);
  return yes;
}

/* The windows of the answers ok (one per step): each flip between two steps bisected. */
static int make_windows(const parley_timeline *tl, const unsigned char *ok, size_t stride, size_t f,
                        const parley_analysis_options *ao, windows *out, parley_error *err) {
  double start = NAN;
  for (size_t k = 0; k < tl->n; k++) {
    const int now = ok[k * stride];
    if (k > 0 && now != ok[(k - 1) * stride]) { /* the change lies in (t[k-1], t[k]] */
      double lo = tl->t[k - 1], hi = tl->t[k];
      for (int it = 0; it < BISECT; it++) {
        const double mid = (lo + hi) / 2;
        const int a = answer(tl->sc, f, mid, ao, err);
        if (a < 0) return err && err->code ? err->code : PARLEY_ERR_NOMEM;
        if (a == now) hi = mid;
        else lo = mid;
      }
      if (now) start = hi;
      else {
        if (pl_grow(&out->w, &out->cap, out->n + 1)) return NOMEM(err);
        out->w[out->n++] = (window){start, lo};
        start = NAN;
      }
    } else if (k == 0 && now) {
      start = tl->t[0];
    }
  }
  if (!isnan(start)) {
    if (pl_grow(&out->w, &out->cap, out->n + 1)) return NOMEM(err);
    out->w[out->n++] = (window){start, tl->t[tl->n - 1]};
  }
  return 0;
}

static void timeline_check(const parley_timeline *tl) {
#ifndef NDEBUG
  const double H = parley_scenario_horizon(tl->sc);
  pl_assert(tl->t[0] == 0 && tl->t[tl->n - 1] == H); /* T1 */
  for (size_t f = 0; f <= tl->F; f++) {
    const windows *w = f < tl->F ? &tl->fw[f] : &tl->deal;
    for (size_t k = 0; k < w->n; k++) {
      pl_assert(w->w[k].from <= w->w[k].to && w->w[k].from >= 0 && w->w[k].to <= H); /* T2 */
      if (k) pl_assert(w->w[k - 1].to < w->w[k].from);
    }
  }
#else
  (void)tl;
#endif
}

int parley_timeline_run(const parley_scenario *sc, size_t steps, const parley_analysis_options *options, parley_timeline **out,
                        parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  if (!steps) steps = 12;
  if (steps > 100000) return pl_fail(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "at most 100,000 steps");
  parley_analysis_options ao = {0};
  if (options) ao = *options;
  parley_timeline *tl = calloc(1, sizeof *tl);
  if (!tl) return NOMEM(err);
  tl->sc = sc, tl->n = steps + 1, tl->P = parley_party_count(sc), tl->N = parley_issue_count(sc), tl->F = parley_framework_count(sc);
  const size_t n = tl->n, NN = tl->N ? tl->N : 1;
  tl->t = malloc(n * sizeof *tl->t), tl->feasible = calloc(n, sizeof *tl->feasible);
  tl->feasible_known = calloc(n, sizeof *tl->feasible_known), tl->nash = calloc(n * NN, sizeof *tl->nash);
  tl->has_nash = calloc(n, sizeof *tl->has_nash), tl->nash_u = calloc(n * tl->P, sizeof *tl->nash_u);
  tl->fw_ok = calloc(n * (tl->F ? tl->F : 1), 1), tl->fw = calloc(tl->F ? tl->F : 1, sizeof *tl->fw);
  unsigned char *deal = calloc(n, 1);
  int rc = tl->t && tl->feasible && tl->feasible_known && tl->nash && tl->has_nash && tl->nash_u && tl->fw_ok && tl->fw && deal
               ? 0
               : NOMEM(err);
  const double H = parley_scenario_horizon(sc);
  for (size_t k = 0; rc == 0 && k < n; k++) {
    tl->t[k] = k == steps ? H : H * (double)k / (double)steps;
    parley_scenario *at = NULL;
    parley_analysis *an = NULL;
    rc = parley_scenario_at(sc, tl->t[k], &at, err);
    if (rc == 0) rc = parley_analyze(at, &ao, &an, err);
    if (rc == 0) {
      tl->feasible_known[k] = parley_analysis_feasible_known(an);
      tl->feasible[k] = parley_analysis_feasible_count(an);
      deal[k] = tl->feasible[k] > 0 || parley_analysis_frontier_count(an) > 0;
      const size_t i = parley_analysis_solution(an, PARLEY_NASH);
      if (i != PARLEY_NONE && parley_analysis_frontier_get(an, i, tl->nash + k * NN, NULL) == 0) {
        tl->has_nash[k] = 1;
        for (size_t p = 0; p < tl->P; p++) tl->nash_u[k * tl->P + p] = parley_analysis_frontier_utility(an, i, p);
      }
      for (size_t f = 0; f < tl->F; f++) {
        int yes = 1;
        for (size_t p = 0; p < tl->P && yes; p++) {
          parley_acceptance a;
          parley_analysis_framework_acceptance(an, f, p, &a);
          yes = a.accepts;
        }
        tl->fw_ok[k * tl->F + f] = (unsigned char)yes;
      }
    }
    parley_analysis_free(an);
    parley_scenario_free(at);
    if (rc == 0 && ao.progress && ao.progress(ao.progress_user, (double)(k + 1) / (double)(n + 1)))
      rc = pl_fail(err, PARLEY_ERR_CANCELLED, NULL, 0, 0, "cancelled");
  }
  if (rc == 0) rc = make_windows(tl, deal, 1, SIZE_MAX, &ao, &tl->deal, err);
  for (size_t f = 0; rc == 0 && f < tl->F; f++) rc = make_windows(tl, tl->fw_ok + f, tl->F, f, &ao, &tl->fw[f], err);
  free(deal);
  if (rc) {
    parley_timeline_free(tl);
    return rc;
  }
  timeline_check(tl);
  *out = tl;
  return 0;
}

const parley_scenario *parley_timeline_scenario(const parley_timeline *tl) { return tl ? tl->sc : NULL; }
size_t parley_timeline_count(const parley_timeline *tl) { return tl ? tl->n : 0; }
double parley_timeline_time(const parley_timeline *tl, size_t k) { return tl && k < tl->n ? tl->t[k] : NAN; }
uint64_t parley_timeline_feasible(const parley_timeline *tl, size_t k, int *known) {
  if (!tl || k >= tl->n) return 0;
  if (known) *known = tl->feasible_known[k];
  return tl->feasible[k];
}
const uint32_t *parley_timeline_nash(const parley_timeline *tl, size_t k) {
  return tl && k < tl->n && tl->has_nash[k] ? tl->nash + k * (tl->N ? tl->N : 1) : NULL;
}
double parley_timeline_nash_utility(const parley_timeline *tl, size_t k, size_t party) {
  return tl && k < tl->n && party < tl->P && tl->has_nash[k] ? tl->nash_u[k * tl->P + party] : NAN;
}
int parley_timeline_framework_accepted(const parley_timeline *tl, size_t k, size_t f) {
  return tl && k < tl->n && f < tl->F && tl->fw_ok[k * tl->F + f];
}
size_t parley_timeline_window_count(const parley_timeline *tl, size_t f) {
  if (!tl) return 0;
  return f == PARLEY_NONE ? tl->deal.n : f < tl->F ? tl->fw[f].n : 0;
}
int parley_timeline_window(const parley_timeline *tl, size_t f, size_t w, double *from, double *to) {
  const windows *ws = !tl ? NULL : f == PARLEY_NONE ? &tl->deal : f < tl->F ? &tl->fw[f] : NULL;
  if (!ws || w >= ws->n) return PARLEY_ERR_ARG;
  if (from) *from = ws->w[w].from;
  if (to) *to = ws->w[w].to;
  return 0;
}
