/* solutions.c — the bargaining solutions: their objectives, and the frontier package that
 * maximises each (docs/semantics.md). The optimum over the feasible set is attained on the
 * frontier, and ties are broken on the lowest frontier index, which is package order, so every
 * solution is Pareto-optimal and the same whichever method found the frontier. */
#include "analysis/solutions.h"

double pl_nash_product(const pl_fx *u, const pl_fx *r, uint32_t P) {
  double prod = 1;
  for (uint32_t p = 0; p < P; p++) prod *= pl_fx_to(u[p] - r[p]);
  return prod;
}

double pl_ks_value(const pl_fx *u, const pl_fx *r, const pl_fx *ideal, uint32_t P) {
  double m = 1;
  for (uint32_t p = 0; p < P; p++) {
    if (ideal[p] <= r[p]) continue; /* no room to gain: counts as fully satisfied */
    double v = (double)(u[p] - r[p]) / (double)(ideal[p] - r[p]);
    if (v < m) m = v;
  }
  return m;
}

pl_fx pl_egalitarian_value(const pl_fx *u, const pl_fx *r, uint32_t P) {
  pl_fx m = u[0] - r[0];
  for (uint32_t p = 1; p < P; p++)
    if (u[p] - r[p] < m) m = u[p] - r[p];
  return m;
}

pl_fx pl_utilitarian_value(const pl_fx *u, uint32_t P) {
  pl_fx s = 0;
  for (uint32_t p = 0; p < P; p++) s += u[p];
  return s;
}

pl_fx pl_spread_value(const pl_fx *u, uint32_t P) {
  pl_fx lo = u[0], hi = u[0];
  for (uint32_t p = 1; p < P; p++) {
    if (u[p] < lo) lo = u[p];
    if (u[p] > hi) hi = u[p];
  }
  return hi - lo;
}

const char *parley_solution_name(parley_solution s) {
  switch (s) {
    case PARLEY_NASH: return "nash";
    case PARLEY_KALAI_SMORODINSKY: return "kalai_smorodinsky";
    case PARLEY_EGALITARIAN: return "egalitarian";
    case PARLEY_UTILITARIAN: return "utilitarian";
    case PARLEY_KS_UNNORMALISED: return "kalai_smorodinsky_unnormalised";
    default: return "unknown";
  }
}


void pl_analysis_solve(parley_analysis *an) {
  const pl_compiled *c = &an->sc->compiled;
  const uint32_t P = c->n_parties;
  const pl_frontier *f = &an->frontier;
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) an->solution[s] = PARLEY_NONE;
  for (uint32_t p = 0; p < P; p++) an->feasible_ideal[p] = c->reservation[p];
  for (size_t i = 0; i < f->n; i++)
    for (uint32_t p = 0; p < P; p++)
      if (f->u[i * P + p] > an->feasible_ideal[p]) an->feasible_ideal[p] = f->u[i * P + p];
  double best_nash = 0, best_ks = 0;
  pl_fx best_egal = 0, best_util = 0, best_spread = 0;
  for (size_t i = 0; i < f->n; i++) {
    const pl_fx *u = f->u + i * P;
    double nash = pl_nash_product(u, c->reservation, P);
    double ks = pl_ks_value(u, c->reservation, an->feasible_ideal, P);
    pl_fx egal = pl_egalitarian_value(u, c->reservation, P), util = pl_utilitarian_value(u, P);
    if (i == 0 || nash > best_nash) best_nash = nash, an->solution[PARLEY_NASH] = i;
    if (i == 0 || ks > best_ks) best_ks = ks, an->solution[PARLEY_KALAI_SMORODINSKY] = i;
    if (i == 0 || egal > best_egal) best_egal = egal, an->solution[PARLEY_EGALITARIAN] = i;
    if (i == 0 || util > best_util) best_util = util, an->solution[PARLEY_UTILITARIAN] = i;
    pl_fx spread = pl_spread_value(u, P);
    if (i == 0 || spread < best_spread) best_spread = spread, an->solution[PARLEY_KS_UNNORMALISED] = i;
  }
}


size_t parley_analysis_solution(const parley_analysis *an, parley_solution s) {
  return (unsigned)s < PARLEY_SOLUTION_COUNT ? an->solution[s] : PARLEY_NONE;
}
