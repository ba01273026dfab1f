/* mediate.c — the mediator's view of a scenario and the procedures that draft on it; see
 * parley/mediate.h and docs/semantics.md, "Mediation procedures".
 *
 * Invariants of a result (asserted in debug builds):
 *   D1. The view holds the parties the mediator drafts with, and the mediator's own party, each
 *       once and in the scenario's order; view_party maps them to the scenario.
 *   D2. A text, when there is one, gives a valid option for every issue, and every verdict is
 *       the party's true one (its utility and red lines in the scenario, not the view). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "negotiate/procedures.h"
#include "parley/mediate.h"
#include "util/check.h"
#include "util/error.h"

static const char *const proc_name[] = {
#define PARLEY_PROCEDURE_NAME_(suffix, name, doc) name,
    PARLEY_PROCEDURE_MAP(PARLEY_PROCEDURE_NAME_)
#undef PARLEY_PROCEDURE_NAME_
};
static const char *const proc_doc[] = {
#define PARLEY_PROCEDURE_DOC_(suffix, name, doc) doc,
    PARLEY_PROCEDURE_MAP(PARLEY_PROCEDURE_DOC_)
#undef PARLEY_PROCEDURE_DOC_
};

const char *parley_procedure_name(parley_procedure p) {
  return (unsigned)p < PARLEY_PROCEDURE_COUNT ? proc_name[p] : NULL;
}
const char *parley_procedure_doc(parley_procedure p) { return (unsigned)p < PARLEY_PROCEDURE_COUNT ? proc_doc[p] : NULL; }
int parley_procedure_find(const char *name) {
  for (int p = 0; name && p < PARLEY_PROCEDURE_COUNT; p++)
    if (!strcmp(proc_name[p], name)) return p;
  return -1;
}

void parley_mediate_defaults(parley_mediate_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->procedure = PARLEY_PROCEDURE_SINGLE_TEXT;
  o->mediator = PARLEY_NONE;
  o->from = PARLEY_NONE;
  o->seed = 1;
}

/* Which parties the mediator drafts with (1 each in in_view), and that it can hear them. */
static int drafting_group(const parley_scenario *sc, size_t mediator, const size_t *drafts_with, size_t n,
                          unsigned char *in_view, parley_error *err) {
  const size_t P = parley_party_count(sc);
  memset(in_view, 0, P);
  if (drafts_with) {
    if (n == 0) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "the drafting group is empty");
    for (size_t k = 0; k < n; k++) {
      if (drafts_with[k] >= P) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no party %zu to draft with", drafts_with[k]);
      in_view[drafts_with[k]] = 1;
    }
  } else {
    for (size_t p = 0; p < P; p++) in_view[p] = (unsigned char)parley_drafts_with(sc, p);
  }
  if (mediator == PARLEY_NONE) return 0;
  const size_t own = parley_mediator_party(sc, mediator), from = parley_mediator_actor(sc, mediator);
  for (size_t p = 0; p < P; p++)
    if (in_view[p] && p != own && parley_channel_distance(sc, from, p) == PARLEY_NONE)
      return pl_fail(err, PARLEY_ERR_INVALID, parley_scenario_source(sc), 0, 0,
                     "mediator '%s' cannot draft with '%s': no channel path joins them", parley_mediator_id(sc, mediator),
                     parley_party_id(sc, p));
  if (own != PARLEY_NONE) in_view[own] = 1;
  return 0;
}

int parley_mediation_view(const parley_scenario *sc, size_t mediator, const size_t *drafts_with, size_t n_drafts_with,
                          parley_scenario **view, size_t *parties_out, size_t *n_out, parley_error *err) {
  if (!sc || !view || (mediator != PARLEY_NONE && mediator >= parley_mediator_count(sc)))
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *view = NULL;
  const size_t P = parley_party_count(sc);
  unsigned char *in_view = malloc(P ? P : 1);
  if (!in_view) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  int rc = drafting_group(sc, mediator, drafts_with, n_drafts_with, in_view, err);
  parley_builder *b = NULL;
  if (rc == 0) rc = parley_builder_from_scenario(sc, &b, err);
  if (rc == 0) rc = parley_builder_clear_mediation(b, err);
  /* the parties out of the view go, from the last so that indices hold */
  for (size_t p = P; rc == 0 && p-- > 0;)
    if (!in_view[p]) rc = parley_builder_remove_party(b, p, err);
  if (rc == 0) rc = parley_builder_build(b, view, err);
  size_t k = 0;
  for (size_t p = 0; rc == 0 && p < P; p++)
    if (in_view[p]) {
      if (parties_out) parties_out[k] = p;
      k++;
    }
  if (rc == 0 && n_out) *n_out = k;
  parley_builder_free(b);
  free(in_view);
  return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Results                                                                                    */

struct parley_mediation_result {
  const parley_scenario *sc;
  parley_procedure procedure;
  size_t mediator;
  size_t n_view, *view_party;
  size_t n_issues, n_parties;
  uint32_t *package; /* NULL: no text */
  uint32_t *start;   /* single-text: where it started */
  parley_mediation_step *steps;
  uint32_t *texts; /* the text after each step */
  size_t n_steps;
  parley_mediation_stop stop;
  parley_acceptance *verdict;
};

void parley_mediation_result_free(parley_mediation_result *r) {
  if (!r) return;
  free(r->view_party), free(r->package), free(r->verdict), free(r->start), free(r->steps), free(r->texts);
  free(r);
}

static void result_check(const parley_mediation_result *r, const parley_scenario *sc) {
#ifndef NDEBUG
  for (size_t k = 1; k < r->n_view; k++) pl_assert(r->view_party[k - 1] < r->view_party[k]); /* D1 */
  for (size_t i = 0; r->package && i < r->n_issues; i++) pl_assert(r->package[i] < parley_issue_option_count(sc, i)); /* D2 */
#else
  (void)r, (void)sc;
#endif
}

/* The true verdicts on the text. */
static void judge(parley_mediation_result *r, const parley_scenario *sc) {
  for (size_t p = 0; r->package && p < r->n_parties; p++) parley_package_acceptance(sc, p, r->package, &r->verdict[p]);
}

/* The procedures that step (single-text, least-satisfied and the baselines): from a framework or
 * the view's Kalai-Smorodinsky package, each view party consulted every d steps, d its channel
 * distance from the mediator. */
static int draft_stepwise(parley_mediation_result *r, const parley_scenario *sc, const parley_scenario *view,
                             const parley_mediate_options *o, parley_error *err) {
  const size_t N = r->n_issues, V = r->n_view;
  if (o->from != PARLEY_NONE && o->from >= parley_framework_count(sc))
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no framework %zu to start from", o->from);
  parley_analysis *an = NULL;
  int rc = parley_analyze(view, &o->analysis, &an, err);
  if (rc) return rc;
  double *ideal = malloc(V * sizeof *ideal);
  size_t *every = malloc(V * sizeof *every);
  pl_draft d = {0};
  d.text = malloc((N ? N : 1) * sizeof *d.text);
  if (!ideal || !every || !d.text) rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t k = 0; rc == 0 && k < V; k++) {
    double top = NAN;
    parley_analysis_party_range(an, k, NULL, &top, NULL);
    ideal[k] = isnan(top) ? parley_party_reservation(view, k) + 1 : top;
    const size_t p = r->view_party[k];
    every[k] = 1;
    if (r->mediator != PARLEY_NONE && p != parley_mediator_party(sc, r->mediator)) {
      const size_t dist = parley_channel_distance(sc, parley_mediator_actor(sc, r->mediator), p);
      every[k] = dist == PARLEY_NONE || dist == 0 ? 1 : dist;
    }
  }
  int have = 0;
  const size_t fw = o->from != PARLEY_NONE ? o->from : parley_framework_count(sc) ? 0 : PARLEY_NONE;
  if (rc == 0 && fw != PARLEY_NONE) {
    memcpy(d.text, parley_framework_package(sc, fw), N * sizeof *d.text);
    have = 1;
  } else if (rc == 0) {
    const size_t i = parley_analysis_solution(an, PARLEY_KALAI_SMORODINSKY);
    if (i != PARLEY_NONE) have = parley_analysis_frontier_get(an, i, d.text, NULL) == 0;
  }
  parley_analysis_free(an);
  if (rc == 0 && have) {
    r->start = malloc((N ? N : 1) * sizeof *r->start);
    if (!r->start) rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
    else memcpy(r->start, d.text, N * sizeof *d.text);
  }
  const size_t steps = o->max_steps ? o->max_steps : 100;
  const int hill = o->procedure == PARLEY_PROCEDURE_HILL_CLIMB;
  if (rc == 0 && have &&
      (o->procedure == PARLEY_PROCEDURE_VETO || hill
           ? pl_baseline(view, every, ideal, steps, hill, o->seed, &d)
           : pl_single_text(view, every, ideal, steps, o->procedure == PARLEY_PROCEDURE_LEAST_SATISFIED, &d)))
    rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (rc == 0 && have) {
    r->steps = calloc(d.n_steps ? d.n_steps : 1, sizeof *r->steps);
    if (!r->steps) rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t s = 0; rc == 0 && s < d.n_steps; s++) { /* view parties back to the scenario's */
      const pl_step *st = &d.steps[s];
      parley_mediation_step *o2 = &r->steps[s];
      for (size_t k = 0; k < V; k++)
        if (st->consulted >> k & 1) o2->consulted |= (uint64_t)1 << r->view_party[k];
      o2->proposer = st->n_changed && st->proposer < V ? r->view_party[st->proposer] : PARLEY_NONE;
      o2->n_changed = st->n_changed;
      for (int c = 0; c < 2; c++) o2->issue[c] = st->issue[c], o2->option[c] = st->option[c];
    }
    r->n_steps = d.n_steps;
    r->texts = d.texts;
    d.texts = NULL;
    r->stop = (parley_mediation_stop)d.stop;
    r->package = d.text;
    d.text = NULL;
  }
  pl_draft_free(&d);
  free(ideal), free(every);
  return rc;
}

/* nash: the view's (asymmetric, with power) Nash package, through its exact analysis. */
static int draft_nash(parley_mediation_result *r, const parley_scenario *view, const parley_mediate_options *o,
                      parley_error *err) {
  parley_analysis *an = NULL;
  int rc = parley_analyze(view, &o->analysis, &an, err);
  if (rc) return rc;
  const size_t i = parley_analysis_solution(an, o->power ? PARLEY_NASH_WEIGHTED : PARLEY_NASH);
  if (i != PARLEY_NONE) {
    r->package = malloc((r->n_issues ? r->n_issues : 1) * sizeof *r->package);
    if (!r->package) rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
    else rc = parley_analysis_frontier_get(an, i, r->package, NULL);
  }
  parley_analysis_free(an);
  return rc;
}

int parley_mediate(const parley_scenario *sc, const parley_mediate_options *options, parley_mediation_result **out,
                   parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_mediate_options o;
  if (options) o = *options;
  else parley_mediate_defaults(&o);
  if ((unsigned)o.procedure >= PARLEY_PROCEDURE_COUNT)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "unknown procedure %d", (int)o.procedure);
  if (o.mediator == PARLEY_NONE) o.mediator = parley_mediator_drafting(sc);
  if (o.mediator != PARLEY_NONE && o.mediator >= parley_mediator_count(sc))
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no mediator %zu", o.mediator);
  const size_t P = parley_party_count(sc);
  parley_mediation_result *r = calloc(1, sizeof *r);
  if (r) {
    r->sc = sc, r->procedure = o.procedure, r->mediator = o.mediator;
    r->n_issues = parley_issue_count(sc), r->n_parties = P;
    r->view_party = malloc((P ? P : 1) * sizeof *r->view_party);
    r->verdict = calloc(P ? P : 1, sizeof *r->verdict);
  }
  if (!r || !r->view_party || !r->verdict) {
    parley_mediation_result_free(r);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  parley_scenario *view = NULL;
  int rc = parley_mediation_view(sc, o.mediator, o.drafts_with, o.n_drafts_with, &view, r->view_party, &r->n_view, err);
  if (rc == 0)
    rc = o.procedure == PARLEY_PROCEDURE_NASH ? draft_nash(r, view, &o, err) : draft_stepwise(r, sc, view, &o, err);
  parley_scenario_free(view);
  if (rc) {
    parley_mediation_result_free(r);
    return rc;
  }
  judge(r, sc);
  result_check(r, sc);
  *out = r;
  return 0;
}

const parley_scenario *parley_mediation_result_scenario(const parley_mediation_result *r) { return r->sc; }
parley_mediation_stop parley_mediation_result_stop(const parley_mediation_result *r) { return r->stop; }
const uint32_t *parley_mediation_result_start(const parley_mediation_result *r) { return r->start; }
size_t parley_mediation_result_step_count(const parley_mediation_result *r) { return r->n_steps; }
int parley_mediation_result_step(const parley_mediation_result *r, size_t k, parley_mediation_step *out) {
  if (!r || k >= r->n_steps || !out) return PARLEY_ERR_ARG;
  *out = r->steps[k];
  out->text = r->texts + k * (r->n_issues ? r->n_issues : 1);
  return 0;
}
parley_procedure parley_mediation_result_procedure(const parley_mediation_result *r) { return r->procedure; }
size_t parley_mediation_result_mediator(const parley_mediation_result *r) { return r->mediator; }
size_t parley_mediation_result_view_count(const parley_mediation_result *r) { return r->n_view; }
size_t parley_mediation_result_view_party(const parley_mediation_result *r, size_t k) {
  return k < r->n_view ? r->view_party[k] : PARLEY_NONE;
}
const uint32_t *parley_mediation_result_package(const parley_mediation_result *r) { return r->package; }
int parley_mediation_result_verdict(const parley_mediation_result *r, size_t party, parley_acceptance *out) {
  if (!r || !r->package || party >= r->n_parties || !out) return PARLEY_ERR_ARG;
  *out = r->verdict[party];
  return 0;
}
int parley_mediation_result_all_accept(const parley_mediation_result *r) {
  if (!r || !r->package) return 0;
  for (size_t p = 0; p < r->n_parties; p++)
    if (!r->verdict[p].accepts) return 0;
  return 1;
}
