/* solutions.c — the bargaining solutions: their objectives, and the frontier package that
 * maximises each (docs/semantics.md). The optimum over the feasible set is attained on the
 * frontier, and ties are broken on the lowest frontier index, which is package order, so every
 * solution is Pareto-optimal and the same whichever method found the frontier. */
#include "analysis/solutions.h"

#include <math.h>

#include "util/check.h"

/* The Nash product of gains in exact arithmetic: the product of P integers below 2^63, in
 * 64-bit limbs, least significant first. */
typedef struct nash_big {
  uint64_t limb[PARLEY_MAX_PARTIES + 1];
  uint32_t n;
} nash_big;

static void nash_product(const pl_fx *u, const pl_fx *r, uint32_t P, nash_big *out) {
  out->limb[0] = 1;
  out->n = 1;
  for (uint32_t p = 0; p < P; p++) {
    const pl_fx g = u[p] - r[p];
    pl_assert(g >= 0); /* frontier points are feasible */
    pl_u128 carry = 0;
    for (uint32_t k = 0; k < out->n; k++) {
      const pl_u128 t = (pl_u128)out->limb[k] * (uint64_t)g + carry;
      out->limb[k] = (uint64_t)t;
      carry = t >> 64;
    }
    if (carry) out->limb[out->n++] = (uint64_t)carry;
    while (out->n > 1 && out->limb[out->n - 1] == 0) out->n--;
  }
}

static int nash_cmp(const nash_big *a, const nash_big *b) {
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (uint32_t k = a->n; k-- > 0;)
    if (a->limb[k] != b->limb[k]) return a->limb[k] < b->limb[k] ? -1 : 1;
  return 0;
}

/* The Kalai-Smorodinsky value min_p (u_p - r_p) / (ideal_p - r_p) as a fraction, over the
 * parties with room to gain (1 when none has). */
typedef struct ks_value {
  pl_i128 num, den;
} ks_value;

static ks_value ks_of(const pl_fx *u, const pl_fx *r, const pl_fx *ideal, uint32_t P) {
  ks_value m = {1, 1};
  for (uint32_t p = 0; p < P; p++) {
    if (ideal[p] <= r[p]) continue; /* no room to gain: counts as fully satisfied */
    const pl_i128 num = u[p] - r[p], den = ideal[p] - r[p];
    if (num * m.den < m.num * den) m = (ks_value){num, den};
  }
  return m;
}

static int ks_cmp(ks_value a, ks_value b) {
  const pl_i128 l = a.num * b.den, rr = b.num * a.den;
  return (l > rr) - (l < rr);
}

int pl_nash_cmp(const pl_fx *a, const pl_fx *b, const pl_fx *r, uint32_t P) {
  nash_big x, y;
  nash_product(a, r, P, &x);
  nash_product(b, r, P, &y);
  return nash_cmp(&x, &y);
}

int pl_ks_cmp(const pl_fx *a, const pl_fx *ideal_a, const pl_fx *b, const pl_fx *ideal_b, const pl_fx *r, uint32_t P) {
  return ks_cmp(ks_of(a, r, ideal_a, P), ks_of(b, r, ideal_b, P));
}

pl_fx pl_egalitarian_value(const pl_fx *u, const pl_fx *r, uint32_t P) {
  pl_fx m = u[0] - r[0];
  for (uint32_t p = 1; p < P; p++)
    if (u[p] - r[p] < m) m = u[p] - r[p];
  return m;
}

pl_i128 pl_utilitarian_value(const pl_fx *u, uint32_t P) {
  pl_i128 s = 0;
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
    case PARLEY_NASH_WEIGHTED: return "nash_weighted";
    default: return "unknown";
  }
}

int parley_solution_uses_power(parley_solution s) { return s == PARLEY_NASH_WEIGHTED; }

int pl_power_weights(const parley_scenario *sc, double *w) {
  const uint32_t P = sc->n_parties;
  double total = 0;
  int equal = 1;
  for (uint32_t p = 0; p < P; p++) {
    total += sc->parties[p].power;
    equal &= sc->parties[p].power == sc->parties[0].power;
  }
  for (uint32_t p = 0; p < P; p++) w[p] = total > 0 ? sc->parties[p].power / total : 1.0 / P;
  return equal || !(total > 0);
}

double pl_nash_weighted_value(const pl_fx *u, const pl_fx *r, const double *w, uint32_t P) {
  long double v = 0;
  for (uint32_t p = 0; p < P; p++) {
    if (w[p] == 0) continue; /* a party without power counts for nothing, even at no gain */
    if (u[p] <= r[p]) return -INFINITY;
    v += (long double)w[p] * logl((long double)(u[p] - r[p]));
  }
  return (double)v;
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
  nash_big best_nash = {{0}, 0}, nash;
  ks_value best_ks = {0, 1};
  pl_fx best_egal = 0, best_spread = 0;
  pl_i128 best_util = 0;
  double w[PARLEY_MAX_PARTIES], best_weighted = 0;
  const int symmetric = pl_power_weights(an->sc, w);
  for (size_t i = 0; i < f->n; i++) {
    const pl_fx *u = f->u + i * P;
    nash_product(u, c->reservation, P, &nash);
    const ks_value ks = ks_of(u, c->reservation, an->feasible_ideal, P);
    const pl_fx egal = pl_egalitarian_value(u, c->reservation, P);
    const pl_i128 util = pl_utilitarian_value(u, P);
    if (i == 0 || nash_cmp(&nash, &best_nash) > 0) best_nash = nash, an->solution[PARLEY_NASH] = i;
    if (i == 0 || ks_cmp(ks, best_ks) > 0) best_ks = ks, an->solution[PARLEY_KALAI_SMORODINSKY] = i;
    if (i == 0 || egal > best_egal) best_egal = egal, an->solution[PARLEY_EGALITARIAN] = i;
    if (i == 0 || util > best_util) best_util = util, an->solution[PARLEY_UTILITARIAN] = i;
    pl_fx spread = pl_spread_value(u, P);
    if (i == 0 || spread < best_spread) best_spread = spread, an->solution[PARLEY_KS_UNNORMALISED] = i;
    if (!symmetric) { /* in floating point: the powers are real numbers */
      const double weighted = pl_nash_weighted_value(u, c->reservation, w, P);
      if (i == 0 || weighted > best_weighted) best_weighted = weighted, an->solution[PARLEY_NASH_WEIGHTED] = i;
    }
  }
  if (symmetric) an->solution[PARLEY_NASH_WEIGHTED] = an->solution[PARLEY_NASH]; /* exactly the same */
}


size_t parley_analysis_solution(const parley_analysis *an, parley_solution s) {
  return (unsigned)s < PARLEY_SOLUTION_COUNT ? an->solution[s] : PARLEY_NONE;
}
