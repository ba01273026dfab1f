/* result.c — the analysis object: making and releasing it, the frameworks' verdicts read off
 * its frontier, and the getters. */
#include "analysis/result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/solutions.h"

parley_analysis *pl_analysis_new(const parley_scenario *sc, parley_method method) {
  parley_analysis *an = calloc(1, sizeof *an);
  if (!an) return NULL;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  pl_arena *ar = &an->arena;
  an->sc = sc;
  an->method = method;
  an->n_outcomes = parley_outcome_count(sc);
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) an->solution[s] = PARLEY_NONE;
  pl_frontier_init(&an->frontier, P);
  an->range = pl_arena_array(ar, P, sizeof *an->range);
  an->feasible_ideal = pl_arena_array(ar, P, sizeof *an->feasible_ideal);
  an->mean = pl_arena_array(ar, P, sizeof *an->mean);
  an->ideal_pkg = pl_arena_array(ar, (size_t)P * (N ? N : 1), sizeof *an->ideal_pkg);
  if (!an->range || !an->feasible_ideal || !an->mean || !an->ideal_pkg) {
    parley_analysis_free(an);
    return NULL;
  }
  return an;
}

void parley_analysis_free(parley_analysis *an) {
  if (!an) return;
  pl_frontier_free(&an->frontier);
  free(an->fpkg);
  free(an->tie_idx), free(an->tie_vector);
  pl_arena_release(&an->arena);
  free(an);
}

typedef struct gain_key {
  pl_i128 gain;
  size_t fi;
} gain_key;

static int by_gain(const void *a, const void *b) {
  const gain_key *x = a, *y = b;
  if (x->gain != y->gain) return x->gain > y->gain ? -1 : 1;
  return x->fi < y->fi ? -1 : x->fi > y->fi;
}

int pl_analysis_frameworks(parley_analysis *an) {
  pl_arena *ar = &an->arena;
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties;
  const pl_frontier *f = &an->frontier;
  an->fw = pl_arena_array(ar, sc->n_frameworks ? sc->n_frameworks : 1, sizeof *an->fw);
  if (!an->fw) return PARLEY_ERR_NOMEM;
  for (uint32_t k = 0; k < sc->n_frameworks; k++) {
    pl_fw_result *r = &an->fw[k];
    const uint32_t *pkg = sc->frameworks[k].package;
    r->u = pl_arena_array(ar, P, sizeof *r->u);
    r->crossed = pl_arena_array(ar, P, sizeof *r->crossed);
    if (!r->u || !r->crossed) return PARLEY_ERR_NOMEM;
    pl_eval(c, pkg, r->u, &r->red_mask);
    r->feasible = 1;
    for (uint32_t p = 0; p < P; p++) {
      r->crossed[p] = parley_red_line_crossed_count(sc, p, pkg);
      if (r->crossed[p] || r->u[p] < c->reservation[p]) r->feasible = 0;
    }
    gain_key *keys = malloc((f->n ? f->n : 1) * sizeof *keys);
    if (!keys) return PARLEY_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
      if (pl_dominates(f->u + i * P, r->u, P))
        keys[n++] = (gain_key){pl_utilitarian_value(f->u + i * P, P) - pl_utilitarian_value(r->u, P), i};
    qsort(keys, n, sizeof *keys, by_gain);
    r->n_dominators = n;
    r->dominators = pl_arena_array(ar, n ? n : 1, sizeof *r->dominators);
    if (!r->dominators) {
      free(keys);
      return PARLEY_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) r->dominators[i] = keys[i].fi;
    free(keys);
    r->on_frontier = r->feasible && n == 0;
    if (r->feasible) continue;
    /* the best one-line amendment: one issue changed, every party accepting */
    parley_amend_options ao;
    parley_amend_defaults(&ao);
    ao.top = 1, ao.max_changes = 1;
    parley_amendments *am = NULL;
    if (parley_amend(sc, pkg, &ao, &am, NULL)) return PARLEY_ERR_NOMEM;
    if (parley_amendments_count(am) == 1) {
      r->amendment = pl_arena_array(ar, c->n_issues ? c->n_issues : 1, sizeof *r->amendment);
      if (!r->amendment) {
        parley_amendments_free(am);
        return PARLEY_ERR_NOMEM;
      }
      memcpy(r->amendment, parley_amendments_package(am, 0), c->n_issues * sizeof *r->amendment);
      r->amendment_loss = parley_amendments_loss(am, 0);
      r->amendments = parley_amendments_found(am);
    }
    parley_amendments_free(am);
  }
  return 0;
}

const uint32_t *parley_analysis_framework_amendment(const parley_analysis *an, size_t fw, double *loss, uint64_t *count) {
  if (!an || fw >= an->sc->n_frameworks || !an->fw[fw].amendment) return NULL;
  if (loss) *loss = an->fw[fw].amendment_loss;
  if (count) *count = an->fw[fw].amendments;
  return an->fw[fw].amendment;
}


const parley_scenario *parley_analysis_scenario(const parley_analysis *an) { return an->sc; }
parley_method parley_analysis_method(const parley_analysis *an) { return an->method; }
uint64_t parley_analysis_search_nodes(const parley_analysis *an) { return an->nodes; }
int parley_analysis_feasible_known(const parley_analysis *an) { return an->feasible_known; }

uint64_t parley_analysis_outcome_count(const parley_analysis *an) { return an->n_outcomes; }
uint64_t parley_analysis_feasible_count(const parley_analysis *an) { return an->n_feasible; }

double parley_analysis_mean_utility(const parley_analysis *an, size_t p) {
  if (p == PARLEY_NONE) return an->mean_all;
  return p < an->sc->n_parties ? an->mean[p] : NAN;
}

double parley_analysis_opposition(const parley_analysis *an) { return an->opposition; }

int parley_analysis_party_range(const parley_analysis *an, size_t p, uint32_t *pkg, double *ideal,
                                double *min) {
  if (p >= an->sc->n_parties) return PARLEY_ERR_ARG;
  const pl_party_range *r = &an->range[p];
  if (!r->any) return PARLEY_ERR_INVALID;
  const uint32_t N = an->sc->n_issues;
  if (pkg) memcpy(pkg, an->ideal_pkg + (size_t)p * N, N * sizeof *pkg);
  if (ideal) *ideal = pl_fx_to(&an->sc->compiled, r->max);
  if (min) *min = r->min_known ? pl_fx_to(&an->sc->compiled, r->min) : NAN;
  return 0;
}

int parley_analysis_blocking_group(const parley_analysis *an, uint64_t *mask) {
  if (!an->blocking_known) return PARLEY_ERR_INVALID;
  *mask = an->blocking_mask;
  return 0;
}

size_t parley_analysis_frontier_count(const parley_analysis *an) { return an->frontier.n; }

uint64_t parley_analysis_frontier_packages(const parley_analysis *an, size_t i) {
  return i < an->frontier.n && an->frontier_counted ? an->frontier.count[i] : 0;
}

uint64_t parley_analysis_frontier_package_total(const parley_analysis *an) {
  return an->frontier_counted ? an->frontier_total : 0;
}

uint64_t parley_analysis_tie_count(const parley_analysis *an) { return an->n_ties; }

size_t parley_analysis_tie_get(const parley_analysis *an, uint64_t k, uint32_t *package_out, uint64_t *index_out) {
  if (k >= an->n_ties) return PARLEY_NONE;
  if (package_out) pl_decode(&an->sc->compiled, an->tie_idx[k], package_out);
  if (index_out) *index_out = an->tie_idx[k];
  return an->tie_vector[k];
}

int parley_analysis_frontier_get(const parley_analysis *an, size_t i, uint32_t *pkg, uint64_t *index) {
  if (i >= an->frontier.n) return PARLEY_ERR_ARG;
  const uint32_t N = an->sc->n_issues;
  if (pkg) memcpy(pkg, an->fpkg + i * N, N * sizeof *pkg);
  if (index) *index = an->frontier.idx[i];
  return 0;
}

void parley_analysis_frontier_matrix(const parley_analysis *an, double *out, uint32_t *packages_out) {
  if (!an) return;
  const size_t P = an->sc->n_parties, n = an->frontier.n;
  if (out)
    for (size_t k = 0; k < n * P; k++) out[k] = pl_fx_to(&an->sc->compiled, an->frontier.u[k]);
  if (packages_out && n) memcpy(packages_out, an->fpkg, n * an->sc->n_issues * sizeof *packages_out);
}

double parley_analysis_frontier_utility(const parley_analysis *an, size_t i, size_t p) {
  if (i >= an->frontier.n || p >= an->sc->n_parties) return NAN;
  return pl_fx_to(&an->sc->compiled, an->frontier.u[i * an->sc->n_parties + p]);
}

int parley_analysis_framework_acceptance(const parley_analysis *an, size_t fw, size_t p,
                                         parley_acceptance *out) {
  if (fw >= an->sc->n_frameworks || p >= an->sc->n_parties || !out) return PARLEY_ERR_ARG;
  return parley_package_acceptance(an->sc, p, an->sc->frameworks[fw].package, out);
}

int parley_analysis_framework_on_frontier(const parley_analysis *an, size_t fw) {
  return fw < an->sc->n_frameworks ? an->fw[fw].on_frontier : 0;
}

size_t parley_analysis_framework_dominator_count(const parley_analysis *an, size_t fw) {
  return fw < an->sc->n_frameworks ? an->fw[fw].n_dominators : 0;
}

size_t parley_analysis_framework_dominator_get(const parley_analysis *an, size_t fw, size_t i, double *gain) {
  if (fw >= an->sc->n_frameworks || i >= an->fw[fw].n_dominators) return PARLEY_NONE;
  const size_t fi = an->fw[fw].dominators[i];
  const uint32_t P = an->sc->n_parties;
  if (gain)
    *gain = (double)(pl_utilitarian_value(an->frontier.u + fi * P, P) - pl_utilitarian_value(an->fw[fw].u, P)) /
            (double)an->sc->compiled.scale;
  return fi;
}
