/* compile.c — compiling a scenario's profiles into the tables analysis evaluates with: per
 * issue and option, each party's weighted value as an integer in units of 1/scale, the
 * reservations and bonuses likewise, and every party's rules in one flat list.
 *
 * The scale: when every weight, value, bonus and reservation of every party is a fraction
 * (model/scenario.h) and the least common denominator D of the terms weight * value, the
 * bonuses and the reservations keeps every utility below 2^56 / 64 in units of 1/D, the scale
 * is D and every utility is exact. Otherwise it is 2^40 and each term is rounded.
 *
 * Invariants of a compiled scenario (pl_compiled_check asserts them in debug builds):
 *   C1. c->n_issues and c->n_parties are the scenario's; c->radix is its option counts, each
 *       at least 1.
 *   C2. offset[0] = 0 and offset[i + 1] = offset[i] + radix[i] * n_parties: contrib holds, issue
 *       by issue and option by option, one entry per party.
 *   C3. contrib[offset[i] + o * P + p] is party p's term for option o of issue i in units of
 *       1/scale: weight_q[i] * value_q[i][o] * scale exactly when c->exact, else
 *       pl_fx_from(weight[i] * value[i][o]); 0 when the party has no values for issue i.
 *   C4. reservation[p] is party p's reservation likewise (reservation_q * scale when exact).
 *   C5. rules lists every party's interaction terms then red lines, party by party, in their
 *       order; an interaction's bonus is likewise its bonus in units of 1/scale, a red line's
 *       0; every condition names an issue of the scenario.
 *   C6. scale > 0; c->exact or scale = 2^40. */
#include <math.h>

#include "model/scenario.h"
#include "util/check.h"

/* What the limit on utilities in units of 1/D is: 64 parties' utilities must add up in 63 bits. */
#define PL_EXACT_LIMIT ((uint64_t)1 << 56)

void pl_compiled_check(const parley_scenario *sc) {
  if (!PL_DEBUG) return;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  pl_assert(c->n_issues == N && c->n_parties == P && c->radix == sc->radix); /* C1 */
  pl_assert(c->offset[0] == 0);                                               /* C2 */
  for (uint32_t i = 0; i < N; i++) {
    pl_assert(c->radix[i] >= 1 && c->radix[i] == sc->issues[i].n_options); /* C1 */
    pl_assert(c->offset[i + 1] == c->offset[i] + (size_t)c->radix[i] * P);  /* C2 */
    for (uint32_t p = 0; p < P; p++)
      for (uint32_t o = 0; o < c->radix[i]; o++) {
        const pl_party *pa = &sc->parties[p];
        const pl_fx want =
            pa->value[i] ? pl_fx_of(c, pl_q_mul(pa->weight_q[i], pa->value_q[i][o]), pa->weight[i] * pa->value[i][o]) : 0;
        pl_assert(c->contrib[c->offset[i] + (size_t)o * P + p] == want); /* C3 */
      }
  }
  uint32_t k = 0;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    pl_assert(c->reservation[p] == pl_fx_of(c, pa->reservation_q, pa->reservation)); /* C4 */
    for (uint32_t j = 0; j < pa->n_interactions + pa->n_red_lines; j++, k++) {
      const pl_crule *r = &c->rules[k];
      const int red = j >= pa->n_interactions;
      pl_assert(r->party == p && r->red_line == red); /* C5 */
      pl_assert(r->rule == (red ? &pa->red_lines[j - pa->n_interactions] : &pa->interactions[j]));
      pl_assert(r->bonus == (red ? 0 : pl_fx_of(c, r->rule->bonus_q, r->rule->bonus)));
      for (uint32_t q = 0; q < r->rule->n_conds; q++) pl_assert(r->rule->conds[q].issue < N);
    }
  }
  pl_assert(k == c->n_rules); /* C5 */
  pl_assert(c->scale > 0 && (c->exact || c->scale == PL_FX_ROUNDED)); /* C6 */
}

/* The common denominator of every term, bonus and reservation when it keeps utilities within
 * PL_EXACT_LIMIT; 0 when there is none (a number not held exactly, or too large a one). */
static int64_t common_denominator(const parley_scenario *sc) {
  uint64_t D = 1;
  double reach_max = 1;
  for (uint32_t p = 0; p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    double reach = 0;
    for (uint32_t i = 0; i < sc->n_issues; i++) {
      if (!pa->value[i]) continue;
      double top = 0;
      for (uint32_t o = 0; o < sc->radix[i]; o++) {
        const pl_q t = pl_q_mul(pa->weight_q[i], pa->value_q[i][o]);
        if (!pl_q_exact(t) || !(D = pl_lcm(D, (uint64_t)t.den, PL_EXACT_LIMIT))) return 0;
        top = fmax(top, fabs(pl_q_to_double(t)));
      }
      reach += top;
    }
    for (uint32_t k = 0; k < pa->n_interactions; k++) {
      const pl_q b = pa->interactions[k].bonus_q;
      if (!pl_q_exact(b) || !(D = pl_lcm(D, (uint64_t)b.den, PL_EXACT_LIMIT))) return 0;
      reach += fabs(pl_q_to_double(b));
    }
    if (!pl_q_exact(pa->reservation_q) || !(D = pl_lcm(D, (uint64_t)pa->reservation_q.den, PL_EXACT_LIMIT))) return 0;
    reach_max = fmax(reach_max, fmax(reach, fabs(pl_q_to_double(pa->reservation_q))));
  }
  return (double)D * reach_max <= (double)PL_EXACT_LIMIT ? (int64_t)D : 0;
}

int pl_scenario_compile(parley_scenario *sc) {
  pl_compiled *c = &sc->compiled;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  c->n_issues = N;
  c->n_parties = P;
  c->radix = sc->radix;
  c->offset = pl_arena_array(&sc->arena, N + 1, sizeof *c->offset);
  if (!c->offset) return PARLEY_ERR_NOMEM;
  size_t total = 0;
  for (uint32_t i = 0; i < N; i++) {
    c->offset[i] = total;
    total += (size_t)sc->radix[i] * P;
  }
  c->offset[N] = total;
  c->contrib = pl_arena_array(&sc->arena, total ? total : 1, sizeof *c->contrib);
  c->reservation = pl_arena_array(&sc->arena, P, sizeof *c->reservation);
  if (!c->contrib || !c->reservation) return PARLEY_ERR_NOMEM;
  const int64_t D = common_denominator(sc);
  c->exact = D > 0;
  c->scale = D > 0 ? D : PL_FX_ROUNDED;
  uint32_t n_rules = 0;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    c->reservation[p] = pl_fx_of(c, pa->reservation_q, pa->reservation);
    n_rules += pa->n_interactions + pa->n_red_lines;
    for (uint32_t i = 0; i < N; i++) {
      if (!pa->value[i]) continue;
      for (uint32_t o = 0; o < sc->radix[i]; o++)
        c->contrib[c->offset[i] + (size_t)o * P + p] =
            pl_fx_of(c, c->exact ? pl_q_mul(pa->weight_q[i], pa->value_q[i][o]) : PL_Q_NONE, pa->weight[i] * pa->value[i][o]);
    }
  }
  c->rules = pl_arena_array(&sc->arena, n_rules ? n_rules : 1, sizeof *c->rules);
  if (!c->rules) return PARLEY_ERR_NOMEM;
  c->n_rules = 0;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    for (uint32_t k = 0; k < pa->n_interactions; k++)
      c->rules[c->n_rules++] = (pl_crule){p, 0, pl_fx_of(c, pa->interactions[k].bonus_q, pa->interactions[k].bonus),
                                          &pa->interactions[k]};
    for (uint32_t k = 0; k < pa->n_red_lines; k++)
      c->rules[c->n_rules++] = (pl_crule){p, 1, 0, &pa->red_lines[k]};
  }
  pl_compiled_check(sc);
  return 0;
}

