/* compare.c — what exclusion costs: one drafting procedure run with the declared group, with
 * everyone, with each party added or left out, and with each other mediator; see
 * parley/mediate.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/mediate.h"
#include "util/error.h"
#include "util/vec.h"

typedef struct variant {
  parley_variant_kind kind;
  size_t subject;
  parley_mediation_result *result;
  char error[512];
  double nash_distance;
} variant;

struct parley_mediation_comparison {
  const parley_scenario *sc;
  variant *v;
  size_t n, cap;
};

void parley_mediation_comparison_free(parley_mediation_comparison *c) {
  if (!c) return;
  for (size_t k = 0; k < c->n; k++) parley_mediation_result_free(c->v[k].result);
  free(c->v);
  free(c);
}

/* Runs one variant: the options with this mediator and group (NULL: the declared one). */
static int add(parley_mediation_comparison *c, const parley_mediate_options *base, parley_variant_kind kind,
               size_t subject, size_t mediator, const size_t *group, size_t n, const double *nash_u, parley_error *err) {
  if (pl_grow(&c->v, &c->cap, c->n + 1)) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  variant *v = &c->v[c->n++];
  memset(v, 0, sizeof *v);
  v->kind = kind, v->subject = subject, v->nash_distance = NAN;
  parley_mediate_options o = *base;
  o.mediator = mediator;
  if (group) o.drafts_with = group, o.n_drafts_with = n;
  parley_error e = {0};
  const int rc = parley_mediate(c->sc, &o, &v->result, &e);
  if (rc == PARLEY_ERR_NOMEM || rc == PARLEY_ERR_CANCELLED) return pl_fail(err, rc, NULL, 0, 0, "%s", e.message);
  if (rc) {
    snprintf(v->error, sizeof v->error, "%s", e.message);
    return 0;
  }
  const uint32_t *text = parley_mediation_result_package(v->result);
  if (text && nash_u) {
    double d2 = 0;
    for (size_t p = 0; p < parley_party_count(c->sc); p++) {
      const double x = parley_utility(c->sc, p, text) - nash_u[p];
      d2 += x * x;
    }
    v->nash_distance = sqrt(d2);
  }
  return 0;
}

int parley_mediate_compare(const parley_scenario *sc, const parley_mediate_options *options,
                           parley_mediation_comparison **out, parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_mediate_options o;
  if (options) o = *options;
  else parley_mediate_defaults(&o);
  const size_t P = parley_party_count(sc);
  const size_t mediator = o.mediator != PARLEY_NONE ? o.mediator : parley_mediator_drafting(sc);
  const size_t own = mediator == PARLEY_NONE ? PARLEY_NONE : parley_mediator_party(sc, mediator);
  parley_mediation_comparison *c = calloc(1, sizeof *c);
  size_t *group = malloc((P ? P : 1) * sizeof *group), *declared = malloc((P ? P : 1) * sizeof *declared);
  double *nash_u = malloc((P ? P : 1) * sizeof *nash_u);
  if (!c || !group || !declared || !nash_u) {
    free(c), free(group), free(declared), free(nash_u);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  c->sc = sc;
  /* the full-information Nash package, for the distances */
  parley_analysis *an = NULL;
  int rc = parley_analyze(sc, &o.analysis, &an, err), have_nash = 0;
  if (rc == 0) {
    const size_t i = parley_analysis_solution(an, PARLEY_NASH);
    for (size_t p = 0; i != PARLEY_NONE && p < P; p++) nash_u[p] = parley_analysis_frontier_utility(an, i, p);
    have_nash = i != PARLEY_NONE;
  }
  parley_analysis_free(an);
  /* the declared group */
  size_t nd = 0;
  if (o.drafts_with) {
    memcpy(declared, o.drafts_with, o.n_drafts_with * sizeof *declared);
    nd = o.n_drafts_with;
  } else {
    for (size_t p = 0; p < P; p++)
      if (parley_drafts_with(sc, p)) declared[nd++] = p;
  }
  const double *nu = have_nash ? nash_u : NULL;
  if (rc == 0) rc = add(c, &o, PARLEY_VARIANT_DECLARED, PARLEY_NONE, mediator, declared, nd, nu, err);
  for (size_t p = 0; p < P; p++) group[p] = p;
  if (rc == 0) rc = add(c, &o, PARLEY_VARIANT_EVERYONE, PARLEY_NONE, mediator, group, P, nu, err);
  for (size_t q = 0; rc == 0 && q < P; q++) { /* the declared group and one more */
    int in = q == own;
    for (size_t k = 0; k < nd && !in; k++) in = declared[k] == q;
    if (in) continue;
    memcpy(group, declared, nd * sizeof *group);
    group[nd] = q;
    rc = add(c, &o, PARLEY_VARIANT_PLUS, q, mediator, group, nd + 1, nu, err);
  }
  for (size_t q = 0; rc == 0 && q < P && P > 1; q++) { /* everyone but one */
    if (q == own) continue;
    size_t n = 0;
    for (size_t p = 0; p < P; p++)
      if (p != q) group[n++] = p;
    rc = add(c, &o, PARLEY_VARIANT_ALL_BUT, q, mediator, group, n, nu, err);
  }
  for (size_t m = 0; rc == 0 && m < parley_mediator_count(sc); m++) /* the other mediators */
    if (m != mediator) rc = add(c, &o, PARLEY_VARIANT_MEDIATOR, m, m, declared, nd, nu, err);
  free(group), free(declared), free(nash_u);
  if (rc) {
    parley_mediation_comparison_free(c);
    return rc;
  }
  *out = c;
  return 0;
}

size_t parley_comparison_count(const parley_mediation_comparison *c) { return c ? c->n : 0; }
parley_variant_kind parley_comparison_kind(const parley_mediation_comparison *c, size_t k) {
  return k < c->n ? c->v[k].kind : PARLEY_VARIANT_DECLARED;
}
size_t parley_comparison_subject(const parley_mediation_comparison *c, size_t k) {
  return k < c->n ? c->v[k].subject : PARLEY_NONE;
}
const parley_mediation_result *parley_comparison_result(const parley_mediation_comparison *c, size_t k) {
  return k < c->n ? c->v[k].result : NULL;
}
const char *parley_comparison_error(const parley_mediation_comparison *c, size_t k) {
  return k < c->n && !c->v[k].result ? c->v[k].error : NULL;
}
double parley_comparison_nash_distance(const parley_mediation_comparison *c, size_t k) {
  return k < c->n ? c->v[k].nash_distance : NAN;
}
const parley_scenario *parley_comparison_scenario(const parley_mediation_comparison *c) { return c->sc; }

double parley_comparison_exclusion_cost(const parley_mediation_comparison *c, size_t party) {
  const uint32_t *all = NULL, *without = NULL;
  for (size_t k = 0; k < c->n; k++) {
    if (!c->v[k].result) continue;
    if (c->v[k].kind == PARLEY_VARIANT_EVERYONE) all = parley_mediation_result_package(c->v[k].result);
    if (c->v[k].kind == PARLEY_VARIANT_ALL_BUT && c->v[k].subject == party)
      without = parley_mediation_result_package(c->v[k].result);
  }
  if (!all || !without) return NAN;
  return parley_utility(c->sc, party, all) - parley_utility(c->sc, party, without);
}
