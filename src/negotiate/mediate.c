/* mediate.c — the mediator's view of a scenario and the procedures that draft on it; see
 * parley/mediate.h and docs/semantics.md, "Mediation procedures".
 *
 * Invariants of a result (asserted in debug builds):
 *   D1. The view holds the parties the mediator drafts with, and the mediator's own party, each
 *       once and in the scenario's order; view_party maps them to the scenario.
 *   D2. A text, when there is one, gives a valid option for every issue, and every verdict is
 *       the party's true one (its utility and red lines in the scenario, not the view). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/builder.h"
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
                          parley_scenario **view, size_t *parties_out, unsigned char *believed_out, size_t *n_out,
                          parley_error *err) {
  if (!sc || !view || (mediator != PARLEY_NONE && mediator >= parley_mediator_count(sc)))
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *view = NULL;
  const size_t P = parley_party_count(sc);
  unsigned char *in_view = malloc(P ? P : 1);
  if (!in_view) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  int rc = drafting_group(sc, mediator, drafts_with, n_drafts_with, in_view, err);
  parley_builder *b = NULL;
  if (rc == 0) rc = parley_builder_from_scenario(sc, &b, err);
  /* the parties it does not hear but has a picture of: in the view as it believes them (2) */
  for (size_t p = 0; rc == 0 && mediator != PARLEY_NONE && p < P; p++) {
    const size_t k = in_view[p] ? PARLEY_NONE : parley_belief_find(sc, mediator, p);
    if (k == PARLEY_NONE) continue;
    in_view[p] = 2;
    rc = pl_builder_believe(b, sc, k, p, err);
  }
  if (rc == 0) rc = parley_builder_clear_mediation(b, err);
  /* the parties out of the view go, from the last so that indices hold */
  for (size_t p = P; rc == 0 && p-- > 0;)
    if (!in_view[p]) rc = parley_builder_remove_party(b, p, err);
  if (rc == 0) rc = parley_builder_build(b, view, err);
  size_t k = 0;
  for (size_t p = 0; rc == 0 && p < P; p++)
    if (in_view[p]) {
      if (parties_out) parties_out[k] = p;
      if (believed_out) believed_out[k] = in_view[p] == 2;
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
  parley_mediation_wish *wishes; /* every step's; a step's wishes start at its wish0 */
  size_t *wish0;
  parley_mediation_stop stop;
  parley_acceptance *verdict;
  unsigned char *believed;       /* per party of the scenario: the view holds a belief about it */
  parley_acceptance *expected;   /* per party: its verdict by the mediator's view (view parties) */
  unsigned char *in_view;        /* per party */
  parley_adjusted_winner *aw;    /* adjusted-winner: the division */
};

void parley_mediation_result_free(parley_mediation_result *r) {
  if (!r) return;
  free(r->view_party), free(r->package), free(r->verdict), free(r->start), free(r->steps), free(r->texts);
  free(r->believed), free(r->expected), free(r->in_view), free(r->wishes), free(r->wish0);
  parley_adjusted_winner_free(r->aw);
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

/* The true verdicts on the text, and those the mediator's view expected. */
static void judge(parley_mediation_result *r, const parley_scenario *sc, const parley_scenario *view) {
  for (size_t p = 0; r->package && p < r->n_parties; p++) parley_package_acceptance(sc, p, r->package, &r->verdict[p]);
  for (size_t k = 0; r->package && k < r->n_view; k++)
    parley_package_acceptance(view, k, r->package, &r->expected[r->view_party[k]]);
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
  size_t *every = malloc(V * sizeof *every), *delay = malloc(V * sizeof *delay), *tour = malloc(V * sizeof *tour);
  size_t *dist = malloc(V * sizeof *dist);
  pl_draft d = {0};
  d.text = malloc((N ? N : 1) * sizeof *d.text);
  if (!ideal || !every || !delay || !tour || !dist || !d.text) rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_schedule sch = {.every = every, .delay = delay, .always = (size_t)-1};
  const size_t own = r->mediator == PARLEY_NONE ? PARLEY_NONE : parley_mediator_party(sc, r->mediator);
  for (size_t k = 0; rc == 0 && k < V; k++) {
    double top = NAN;
    parley_analysis_party_range(an, k, NULL, &top, NULL);
    ideal[k] = isnan(top) ? parley_party_reservation(view, k) + 1 : top;
    const size_t p = r->view_party[k];
    /* heard every d steps, d its channel distance, and answering d - 1 steps later; a party
     * the view holds only a belief about is never heard */
    dist[k] = 1;
    if (r->mediator != PARLEY_NONE && p != own) {
      const size_t x = parley_channel_distance(sc, parley_mediator_actor(sc, r->mediator), p);
      dist[k] = x == PARLEY_NONE || x == 0 ? 1 : x;
    }
    every[k] = r->believed[p] ? 0 : dist[k];
    delay[k] = dist[k] - 1;
    if (p == own) sch.always = k;
  }
  if (rc == 0 && o->shuttle) { /* the heard parties, nearest first, one visit a step */
    sch.tour = tour;
    for (size_t k = 0; k < V; k++)
      if (every[k] && k != sch.always) tour[sch.n_tour++] = k;
    for (size_t a = 1; a < sch.n_tour; a++) /* a stable insertion sort by distance */
      for (size_t b = a; b > 0 && dist[tour[b - 1]] > dist[tour[b]]; b--) {
        const size_t t = tour[b];
        tour[b] = tour[b - 1], tour[b - 1] = t;
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
           ? pl_baseline(view, &sch, ideal, steps, hill, o->seed, &d)
           : pl_single_text(view, &sch, ideal, steps, o->procedure == PARLEY_PROCEDURE_LEAST_SATISFIED, &d)))
    rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (rc == 0 && have) {
    r->steps = calloc(d.n_steps ? d.n_steps : 1, sizeof *r->steps);
    r->wish0 = calloc(d.n_steps ? d.n_steps : 1, sizeof *r->wish0);
    r->wishes = calloc(d.n_wishes ? d.n_wishes : 1, sizeof *r->wishes);
    if (!r->steps || !r->wish0 || !r->wishes) rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
    for (size_t w = 0; rc == 0 && w < d.n_wishes; w++) {
      const pl_wish *x = &d.wishes[w];
      r->wishes[w] = (parley_mediation_wish){.party = r->view_party[x->party], .n_changed = x->n_changed,
                                             .issue = {x->issue[0], x->issue[1]}, .option = {x->option[0], x->option[1]}};
    }
    for (size_t s = 0; rc == 0 && s < d.n_steps; s++) { /* view parties back to the scenario's */
      const pl_step *st = &d.steps[s];
      parley_mediation_step *o2 = &r->steps[s];
      for (size_t k = 0; k < V; k++)
        if (st->consulted >> k & 1) o2->consulted |= (uint64_t)1 << r->view_party[k];
      o2->proposer = st->n_changed && st->proposer < V ? r->view_party[st->proposer] : PARLEY_NONE;
      o2->n_changed = st->n_changed;
      o2->n_wishes = st->n_wishes;
      r->wish0[s] = st->wish0;
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
  free(ideal), free(every), free(delay), free(tour), free(dist);
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

/* adjusted-winner: the view's two parties divide the issues as items, each party's weights its
 * points; each issue needs an option named after each of them. */
static int draft_adjusted_winner(parley_mediation_result *r, const parley_scenario *view, parley_error *err) {
  const size_t N = r->n_issues;
  if (r->n_view != 2) {
    char names[512] = "";
    for (size_t k = 0, at = 0; k < r->n_view && at < sizeof names; k++)
      at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", k ? ", " : "", parley_party_id(view, k));
    return pl_fail(err, PARLEY_ERR_INVALID, parley_scenario_source(r->sc), 0, 0,
                   "adjusted-winner divides items between two parties; the mediator's view holds %zu (%s)", r->n_view,
                   names);
  }
  if (N > PARLEY_AW_MAX_ITEMS)
    return pl_fail(err, PARLEY_ERR_LIMIT, parley_scenario_source(r->sc), 0, 0,
                   "adjusted-winner divides at most %d items; the scenario has %zu issues", PARLEY_AW_MAX_ITEMS, N);
  uint32_t (*to)[2] = malloc(N * sizeof *to);
  double *points[2] = {malloc(N * sizeof(double)), malloc(N * sizeof(double))};
  int rc = to && points[0] && points[1] ? 0 : pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; rc == 0 && i < N; i++)
    for (int s = 0; rc == 0 && s < 2; s++) {
      const char *id = parley_party_id(view, (size_t)s);
      const size_t o = parley_option_find(view, i, id);
      if (o == PARLEY_NONE)
        rc = pl_fail(err, PARLEY_ERR_INVALID, parley_scenario_source(r->sc), 0, 0,
                     "adjusted-winner takes each issue as an item whose options name who gets it; issue '%s' has no "
                     "option '%s'",
                     parley_issue_id(view, i), id);
      to[i][s] = (uint32_t)o;
      points[s][i] = parley_party_weight(view, (size_t)s, i);
    }
  if (rc == 0) rc = parley_adjusted_winner_run(points[0], points[1], N, &r->aw, err);
  if (rc == 0 && !(r->package = malloc((N ? N : 1) * sizeof *r->package)))
    rc = pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; rc == 0 && i < N; i++) { /* whole items to their holders, the split one to the larger share */
    int64_t num, den;
    parley_adjusted_winner_share(r->aw, i, &num, &den);
    r->package[i] = to[i][num >= den - num ? 0 : 1];
  }
  free(to), free(points[0]), free(points[1]);
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
    r->expected = calloc(P ? P : 1, sizeof *r->expected);
    r->believed = calloc(P ? P : 1, 1);
    r->in_view = calloc(P ? P : 1, 1);
  }
  if (!r || !r->view_party || !r->verdict || !r->expected || !r->believed || !r->in_view) {
    parley_mediation_result_free(r);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  parley_scenario *view = NULL;
  unsigned char *believed = malloc(P ? P : 1);
  int rc = believed ? 0 : pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (rc == 0)
    rc = parley_mediation_view(sc, o.mediator, o.drafts_with, o.n_drafts_with, &view, r->view_party, believed, &r->n_view, err);
  for (size_t k = 0; rc == 0 && k < r->n_view; k++) r->in_view[r->view_party[k]] = 1, r->believed[r->view_party[k]] = believed[k];
  free(believed);
  if (rc == 0)
    rc = o.procedure == PARLEY_PROCEDURE_NASH              ? draft_nash(r, view, &o, err)
         : o.procedure == PARLEY_PROCEDURE_ADJUSTED_WINNER ? draft_adjusted_winner(r, view, err)
                                                           : draft_stepwise(r, sc, view, &o, err);
  if (rc == 0) judge(r, sc, view);
  parley_scenario_free(view);
  if (rc) {
    parley_mediation_result_free(r);
    return rc;
  }
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
  out->wishes = out->n_wishes ? r->wishes + r->wish0[k] : NULL;
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
const parley_adjusted_winner *parley_mediation_result_adjusted_winner(const parley_mediation_result *r) {
  return r ? r->aw : NULL;
}
int parley_mediation_result_believed(const parley_mediation_result *r, size_t party) {
  return r && party < r->n_parties && r->believed[party];
}
int parley_mediation_result_expected(const parley_mediation_result *r, size_t party, parley_acceptance *out) {
  if (!r || !r->package || party >= r->n_parties || !r->in_view[party] || !out) return PARLEY_ERR_ARG;
  *out = r->expected[party];
  return 0;
}
int parley_mediation_result_all_accept(const parley_mediation_result *r) {
  if (!r || !r->package) return 0;
  for (size_t p = 0; p < r->n_parties; p++)
    if (!r->verdict[p].accepts) return 0;
  return 1;
}
