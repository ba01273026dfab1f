/* concessions.c — what each party gives up at the Nash package: per issue where the Nash
 * package differs from the party's ideal and the party's weighted value differs, its weighted
 * value there minus at the Nash option; interaction terms are not assigned to an issue, and
 * what they account for is kept apart, so that the costs and it add up to the total. */
#include "analysis/concessions.h"

#include <math.h>
#include <string.h>

int pl_analysis_concessions(parley_analysis *an) {
  pl_arena *ar = &an->arena;
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties, N = c->n_issues;
  an->n_concessions = pl_arena_array(ar, P, sizeof *an->n_concessions);
  an->concessions = pl_arena_array(ar, P, sizeof *an->concessions);
  an->concession_total = pl_arena_array(ar, P, sizeof *an->concession_total);
  an->concession_rest = pl_arena_array(ar, P, sizeof *an->concession_rest);
  uint32_t *ideal = pl_arena_array(ar, N, sizeof *ideal), *nash = pl_arena_array(ar, N, sizeof *nash);
  pl_fx *ui = pl_arena_array(ar, P, sizeof *ui), *un = pl_arena_array(ar, P, sizeof *un);
  if (!an->n_concessions || !an->concessions || !an->concession_total || !an->concession_rest || !ideal || !nash || !ui || !un)
    return PARLEY_ERR_NOMEM;
  const size_t s = an->solution[PARLEY_NASH];
  if (s == PARLEY_NONE) return 0;
  memcpy(nash, an->fpkg + s * N, N * sizeof *nash);
  uint64_t red;
  pl_eval(c, nash, un, &red);
  for (uint32_t p = 0; p < P; p++) {
    if (!an->range[p].any) continue;
    memcpy(ideal, an->ideal_pkg + (size_t)p * N, N * sizeof *ideal);
    pl_eval(c, ideal, ui, &red);
    an->concession_total[p] = an->concession_rest[p] = ui[p] - un[p];
    an->concessions[p] = pl_arena_array(ar, N, sizeof **an->concessions);
    if (!an->concessions[p]) return PARLEY_ERR_NOMEM;
    size_t n = 0;
    for (uint32_t i = 0; i < N; i++) {
      if (ideal[i] == nash[i]) continue;
      const pl_fx cost = c->contrib[c->offset[i] + (size_t)ideal[i] * P + p] -
                         c->contrib[c->offset[i] + (size_t)nash[i] * P + p];
      if (cost == 0) continue; /* nothing given up: an issue the party does not weigh, or equal values */
      an->concessions[p][n++] = (pl_concession){i, ideal[i], nash[i], cost};
      an->concession_rest[p] -= cost;
    }
    an->n_concessions[p] = n;
  }
  return 0;
}


size_t parley_analysis_concession_count(const parley_analysis *an, size_t p) {
  return p < an->sc->n_parties ? an->n_concessions[p] : 0;
}

int parley_analysis_concession_get(const parley_analysis *an, size_t p, size_t i, size_t *issue,
                                   uint32_t *ideal_option, uint32_t *nash_option, double *cost) {
  if (p >= an->sc->n_parties || i >= an->n_concessions[p]) return PARLEY_ERR_ARG;
  const pl_concession *c = &an->concessions[p][i];
  if (issue) *issue = c->issue;
  if (ideal_option) *ideal_option = c->ideal_option;
  if (nash_option) *nash_option = c->nash_option;
  if (cost) *cost = pl_fx_to(&an->sc->compiled, c->cost);
  return 0;
}

double parley_analysis_concession_total(const parley_analysis *an, size_t p) {
  return p < an->sc->n_parties ? pl_fx_to(&an->sc->compiled, an->concession_total[p]) : NAN;
}

double parley_analysis_concession_interactions(const parley_analysis *an, size_t p) {
  return p < an->sc->n_parties ? pl_fx_to(&an->sc->compiled, an->concession_rest[p]) : NAN;
}
