/* compile.c — compiling a scenario's profiles into the tables analysis evaluates with: per
 * issue and option, each party's weighted value as an integer in units of 2^-40, the
 * reservations likewise, and every party's rules in one flat list.
 *
 * Invariants of a compiled scenario (pl_compiled_check asserts them in debug builds):
 *   C1. c->n_issues and c->n_parties are the scenario's; c->radix is its option counts, each
 *       at least 1.
 *   C2. offset[0] = 0 and offset[i + 1] = offset[i] + radix[i] * n_parties: contrib holds, issue
 *       by issue and option by option, one entry per party.
 *   C3. contrib[offset[i] + o * P + p] = pl_fx_from(weight[i] * value[i][o]) for party p when it
 *       has values for issue i, else 0.
 *   C4. reservation[p] = pl_fx_from(party p's reservation).
 *   C5. rules lists every party's interaction terms then red lines, party by party, in their
 *       order; an interaction's bonus is pl_fx_from(its bonus), a red line's 0; every condition
 *       names an issue of the scenario. */
#include "model/scenario.h"
#include "util/check.h"

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
        const pl_fx want = pa->value[i] ? pl_fx_from(pa->weight[i] * pa->value[i][o]) : 0;
        pl_assert(c->contrib[c->offset[i] + (size_t)o * P + p] == want); /* C3 */
      }
  }
  uint32_t k = 0;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    pl_assert(c->reservation[p] == pl_fx_from(pa->reservation)); /* C4 */
    for (uint32_t j = 0; j < pa->n_interactions + pa->n_red_lines; j++, k++) {
      const pl_crule *r = &c->rules[k];
      const int red = j >= pa->n_interactions;
      pl_assert(r->party == p && r->red_line == red); /* C5 */
      pl_assert(r->rule == (red ? &pa->red_lines[j - pa->n_interactions] : &pa->interactions[j]));
      pl_assert(r->bonus == (red ? 0 : pl_fx_from(r->rule->bonus)));
      for (uint32_t q = 0; q < r->rule->n_conds; q++) pl_assert(r->rule->conds[q].issue < N);
    }
  }
  pl_assert(k == c->n_rules); /* C5 */
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
  uint32_t n_rules = 0;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    c->reservation[p] = pl_fx_from(pa->reservation);
    n_rules += pa->n_interactions + pa->n_red_lines;
    for (uint32_t i = 0; i < N; i++) {
      if (!pa->value[i]) continue;
      for (uint32_t o = 0; o < sc->radix[i]; o++)
        c->contrib[c->offset[i] + (size_t)o * P + p] = pl_fx_from(pa->weight[i] * pa->value[i][o]);
    }
  }
  c->rules = pl_arena_array(&sc->arena, n_rules ? n_rules : 1, sizeof *c->rules);
  if (!c->rules) return PARLEY_ERR_NOMEM;
  c->n_rules = 0;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    for (uint32_t k = 0; k < pa->n_interactions; k++)
      c->rules[c->n_rules++] = (pl_crule){p, 0, pl_fx_from(pa->interactions[k].bonus),
                                          &pa->interactions[k]};
    for (uint32_t k = 0; k < pa->n_red_lines; k++)
      c->rules[c->n_rules++] = (pl_crule){p, 1, 0, &pa->red_lines[k]};
  }
  pl_compiled_check(sc);
  return 0;
}

