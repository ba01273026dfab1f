/* scenario.c — compiling profiles into contribution tables, and the public accessors. */
#include "scenario.h"

#include <stdlib.h>
#include <string.h>

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
  return 0;
}

void parley_scenario_free(parley_scenario *sc) {
  if (!sc) return;
  pl_arena a = sc->arena; /* the scenario itself lives in its arena */
  pl_arena_release(&a);
}

const char *parley_scenario_title(const parley_scenario *sc) { return sc->title; }
const char *parley_scenario_source(const parley_scenario *sc) { return sc->source; }
size_t parley_issue_count(const parley_scenario *sc) { return sc->n_issues; }

#define ISSUE_OK(sc, i) ((i) < (sc)->n_issues)
#define OPTION_OK(sc, i, o) (ISSUE_OK(sc, i) && (o) < (sc)->issues[i].n_options)

const char *parley_issue_id(const parley_scenario *sc, size_t i) {
  return ISSUE_OK(sc, i) ? sc->issues[i].id : NULL;
}
const char *parley_issue_name(const parley_scenario *sc, size_t i) {
  return ISSUE_OK(sc, i) ? sc->issues[i].name : NULL;
}
size_t parley_issue_option_count(const parley_scenario *sc, size_t i) {
  return ISSUE_OK(sc, i) ? sc->issues[i].n_options : 0;
}
int parley_issue_is_numeric(const parley_scenario *sc, size_t i) {
  return ISSUE_OK(sc, i) ? sc->issues[i].numeric : 0;
}
const char *parley_option_id(const parley_scenario *sc, size_t i, size_t o) {
  return OPTION_OK(sc, i, o) ? sc->issues[i].options[o].id : NULL;
}
const char *parley_option_name(const parley_scenario *sc, size_t i, size_t o) {
  return OPTION_OK(sc, i, o) ? sc->issues[i].options[o].name : NULL;
}
double parley_option_value(const parley_scenario *sc, size_t i, size_t o) {
  return OPTION_OK(sc, i, o) ? sc->issues[i].options[o].number : 0.0;
}
long parley_issue_find(const parley_scenario *sc, const char *id) {
  for (uint32_t i = 0; i < sc->n_issues; i++)
    if (strcmp(sc->issues[i].id, id) == 0) return (long)i;
  return -1;
}
long parley_option_find(const parley_scenario *sc, size_t i, const char *id) {
  if (!ISSUE_OK(sc, i)) return -1;
  for (uint32_t o = 0; o < sc->issues[i].n_options; o++)
    if (strcmp(sc->issues[i].options[o].id, id) == 0) return (long)o;
  return -1;
}

size_t parley_party_count(const parley_scenario *sc) { return sc->n_parties; }
#define PARTY_OK(sc, p) ((p) < (sc)->n_parties)
const char *parley_party_id(const parley_scenario *sc, size_t p) {
  return PARTY_OK(sc, p) ? sc->parties[p].id : NULL;
}
const char *parley_party_name(const parley_scenario *sc, size_t p) {
  return PARTY_OK(sc, p) ? sc->parties[p].name : NULL;
}
double parley_party_power(const parley_scenario *sc, size_t p) {
  return PARTY_OK(sc, p) ? sc->parties[p].power : NAN;
}
double parley_party_reservation(const parley_scenario *sc, size_t p) {
  return PARTY_OK(sc, p) ? sc->parties[p].reservation : NAN;
}
double parley_party_discount(const parley_scenario *sc, size_t p) {
  return PARTY_OK(sc, p) ? sc->parties[p].discount : NAN;
}
double parley_party_weight(const parley_scenario *sc, size_t p, size_t i) {
  return PARTY_OK(sc, p) && ISSUE_OK(sc, i) ? sc->parties[p].weight[i] : NAN;
}
long parley_party_find(const parley_scenario *sc, const char *id) {
  for (uint32_t p = 0; p < sc->n_parties; p++)
    if (strcmp(sc->parties[p].id, id) == 0) return (long)p;
  return -1;
}

size_t parley_framework_count(const parley_scenario *sc) { return sc->n_frameworks; }
const char *parley_framework_id(const parley_scenario *sc, size_t f) {
  return f < sc->n_frameworks ? sc->frameworks[f].id : NULL;
}
const char *parley_framework_name(const parley_scenario *sc, size_t f) {
  return f < sc->n_frameworks ? sc->frameworks[f].name : NULL;
}
const uint32_t *parley_framework_package(const parley_scenario *sc, size_t f) {
  return f < sc->n_frameworks ? sc->frameworks[f].package : NULL;
}

uint64_t parley_outcome_count(const parley_scenario *sc) {
  uint64_t n = 1;
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    if (n > UINT64_MAX / sc->radix[i]) return UINT64_MAX;
    n *= sc->radix[i];
  }
  return n;
}

static int package_ok(const parley_scenario *sc, const uint32_t *pkg) {
  if (!pkg) return 0;
  for (uint32_t i = 0; i < sc->n_issues; i++)
    if (pkg[i] >= sc->radix[i]) return 0;
  return 1;
}

double parley_utility(const parley_scenario *sc, size_t party, const uint32_t *pkg) {
  if (!sc || !PARTY_OK(sc, party) || !package_ok(sc, pkg)) return NAN;
  const pl_compiled *c = &sc->compiled;
  pl_fx u = 0;
  for (uint32_t i = 0; i < c->n_issues; i++)
    u += c->contrib[c->offset[i] + (size_t)pkg[i] * c->n_parties + party];
  for (uint32_t k = 0; k < c->n_rules; k++)
    if (c->rules[k].party == party && !c->rules[k].red_line && pl_rule_holds(c->rules[k].rule, pkg))
      u += c->rules[k].bonus;
  return pl_fx_to(u);
}

size_t parley_package_crosses_red_line(const parley_scenario *sc, size_t party,
                                       const uint32_t *pkg) {
  if (!sc || !PARTY_OK(sc, party) || !package_ok(sc, pkg)) return 0;
  size_t n = 0;
  const pl_party *pa = &sc->parties[party];
  for (uint32_t k = 0; k < pa->n_red_lines; k++) n += (size_t)pl_rule_holds(&pa->red_lines[k], pkg);
  return n;
}
