/* scenario.c — what a scenario holds, through the public getters, and evaluating packages. */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void parley_scenario_free(parley_scenario *sc) {
  if (!sc) return;
  pl_arena a = sc->arena; /* the scenario itself lives in its arena */
  pl_arena_release(&a);
}

const char *parley_scenario_title(const parley_scenario *sc) { return sc->title; }

int parley_party_cares(const parley_scenario *sc, size_t party, size_t issue) {
  if (!sc || party >= sc->n_parties || issue >= sc->n_issues) return 0;
  const pl_party *pa = &sc->parties[party];
  if (pa->value[issue] && pa->weight[issue] > 0) return 1;
  for (int red = 0; red < 2; red++) {
    const pl_rule *rules = red ? pa->red_lines : pa->interactions;
    const uint32_t n = red ? pa->n_red_lines : pa->n_interactions;
    for (uint32_t k = 0; k < n; k++)
      for (uint32_t c = 0; c < rules[k].n_conds; c++)
        if (rules[k].conds[c].issue == issue) return 1;
  }
  return 0;
}

int parley_scenario_exact(const parley_scenario *sc, uint64_t *denominator_out) {
  if (!sc) return 0;
  if (denominator_out) *denominator_out = (uint64_t)sc->compiled.scale;
  return sc->compiled.exact;
}
const char *parley_scenario_description(const parley_scenario *sc) { return sc->description; }
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
const char *parley_issue_unit(const parley_scenario *sc, size_t i) {
  return ISSUE_OK(sc, i) ? sc->issues[i].unit : NULL;
}
size_t parley_issue_find(const parley_scenario *sc, const char *id) {
  for (uint32_t i = 0; id && i < sc->n_issues; i++)
    if (strcmp(sc->issues[i].id, id) == 0) return i;
  return PARLEY_NONE;
}
size_t parley_framework_find(const parley_scenario *sc, const char *id) {
  for (uint32_t f = 0; id && f < sc->n_frameworks; f++)
    if (strcmp(sc->frameworks[f].id, id) == 0) return f;
  return PARLEY_NONE;
}
size_t parley_option_find(const parley_scenario *sc, size_t i, const char *id) {
  if (!ISSUE_OK(sc, i) || !id) return PARLEY_NONE;
  for (uint32_t o = 0; o < sc->issues[i].n_options; o++)
    if (strcmp(sc->issues[i].options[o].id, id) == 0) return o;
  return PARLEY_NONE;
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
double parley_party_value(const parley_scenario *sc, size_t p, size_t i, size_t o) {
  if (!PARTY_OK(sc, p) || !OPTION_OK(sc, i, o) || !sc->parties[p].value[i]) return NAN;
  return sc->parties[p].value[i][o];
}
size_t parley_party_find(const parley_scenario *sc, const char *id) {
  for (uint32_t p = 0; id && p < sc->n_parties; p++)
    if (strcmp(sc->parties[p].id, id) == 0) return p;
  return PARLEY_NONE;
}
size_t parley_party_lookup(const parley_scenario *sc, const char *s) {
  size_t p = parley_party_find(sc, s);
  if (p != PARLEY_NONE || !s) return p;
  /* a number from 1: digits only */
  size_t k = 0;
  for (const char *c = s; *c; c++) {
    if (*c < '0' || *c > '9' || k > sc->n_parties) return PARLEY_NONE;
    k = k * 10 + (size_t)(*c - '0');
  }
  return *s && k >= 1 && k <= sc->n_parties ? k - 1 : PARLEY_NONE;
}

#define RULE_OK(sc, p, k, n) (PARTY_OK(sc, p) && (k) < (sc)->parties[p].n)
size_t parley_interaction_count(const parley_scenario *sc, size_t p) {
  return PARTY_OK(sc, p) ? sc->parties[p].n_interactions : 0;
}
double parley_interaction_bonus(const parley_scenario *sc, size_t p, size_t k) {
  return RULE_OK(sc, p, k, n_interactions) ? sc->parties[p].interactions[k].bonus : NAN;
}
const char *parley_interaction_note(const parley_scenario *sc, size_t p, size_t k) {
  return RULE_OK(sc, p, k, n_interactions) ? sc->parties[p].interactions[k].note : NULL;
}
size_t parley_red_line_count(const parley_scenario *sc, size_t p) {
  return PARTY_OK(sc, p) ? sc->parties[p].n_red_lines : 0;
}
const char *parley_red_line_note(const parley_scenario *sc, size_t p, size_t k) {
  return RULE_OK(sc, p, k, n_red_lines) ? sc->parties[p].red_lines[k].note : NULL;
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

int parley_outcome_count_text(const parley_scenario *sc, char *buf, size_t size) {
  /* base 10^9 limbs, least significant first; 256 issues of up to 10^4 options fit */
  uint32_t limb[128] = {1};
  size_t n = 1;
  for (uint32_t i = 0; sc && i < sc->n_issues; i++) {
    uint64_t carry = 0;
    for (size_t k = 0; k < n; k++) {
      uint64_t v = (uint64_t)limb[k] * sc->radix[i] + carry;
      limb[k] = (uint32_t)(v % 1000000000u);
      carry = v / 1000000000u;
    }
    while (carry && n < 128) {
      limb[n++] = (uint32_t)(carry % 1000000000u);
      carry /= 1000000000u;
    }
  }
  char tmp[128 * 9 + 1];
  int len = snprintf(tmp, sizeof tmp, "%u", limb[n - 1]);
  for (size_t k = n - 1; k-- > 0;) len += snprintf(tmp + len, sizeof tmp - (size_t)len, "%09u", limb[k]);
  return snprintf(buf, size, "%s", tmp);
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
  return pl_fx_to(c, u);
}

int parley_red_line_holds(const parley_scenario *sc, size_t party, size_t k, const uint32_t *pkg) {
  if (!sc || !RULE_OK(sc, party, k, n_red_lines) || !package_ok(sc, pkg)) return 0;
  return pl_rule_holds(&sc->parties[party].red_lines[k], pkg);
}

int parley_package_acceptance(const parley_scenario *sc, size_t party, const uint32_t *pkg, parley_acceptance *out) {
  if (!sc || !PARTY_OK(sc, party) || !package_ok(sc, pkg) || !out) return PARLEY_ERR_ARG;
  const pl_compiled *c = &sc->compiled;
  pl_fx u[PARLEY_MAX_PARTIES];
  uint64_t red;
  pl_eval(c, pkg, u, &red);
  const pl_fx rp = c->reservation[party];
  out->utility = pl_fx_to(c, u[party]);
  out->reservation = sc->parties[party].reservation;
  out->red_lines_crossed = parley_red_line_crossed_count(sc, party, pkg);
  out->shortfall = u[party] < rp ? pl_fx_to(c, rp - u[party]) : 0.0;
  out->accepts = out->red_lines_crossed == 0 && u[party] >= rp;
  return 0;
}

size_t parley_red_line_crossed_count(const parley_scenario *sc, size_t party, const uint32_t *pkg) {
  if (!sc || !PARTY_OK(sc, party) || !package_ok(sc, pkg)) return 0;
  size_t n = 0;
  const pl_party *pa = &sc->parties[party];
  for (uint32_t k = 0; k < pa->n_red_lines; k++) n += (size_t)pl_rule_holds(&pa->red_lines[k], pkg);
  return n;
}
