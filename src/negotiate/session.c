/* session.c — the stacked alternating offers protocol (parley_negotiate): parties act in turn;
 * the first offers; each next one accepts the standing offer or makes its own, which then
 * stands; a deal is made when every other party has accepted the standing offer in succession;
 * the rounds are the deadline. Time t = action / (rounds x parties) runs over [0, 1) and maps
 * onto the scenario's clock.
 *
 * Invariants of a session (asserted in debug builds):
 *   N1. An agreement is acceptable to every party a strategy plays at the time it is made (no
 *       red line crossed, utility at least its reservation then); a party the program plays
 *       (parley_agent_callbacks) accepts what it likes.
 *   N2. The actions alternate in the order given, one per turn, and end with the agreement's
 *       last acceptance, with a party walking away, or at the deadline. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "negotiate/agent.h"
#include "util/check.h"
#include "util/error.h"
#include "util/vec.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")

static const char *const strat_name[] = {
#define PARLEY_STRATEGY_NAME_(suffix, name, doc) name,
    PARLEY_STRATEGY_MAP(PARLEY_STRATEGY_NAME_)
#undef PARLEY_STRATEGY_NAME_
};
static const char *const strat_doc[] = {
#define PARLEY_STRATEGY_DOC_(suffix, name, doc) doc,
    PARLEY_STRATEGY_MAP(PARLEY_STRATEGY_DOC_)
#undef PARLEY_STRATEGY_DOC_
};

const char *parley_strategy_name(parley_strategy s) { return (unsigned)s < PARLEY_STRATEGY_COUNT ? strat_name[s] : NULL; }
const char *parley_strategy_doc(parley_strategy s) { return (unsigned)s < PARLEY_STRATEGY_COUNT ? strat_doc[s] : NULL; }
int parley_strategy_find(const char *name) {
  for (int s = 0; name && s < PARLEY_STRATEGY_COUNT; s++)
    if (!strcmp(strat_name[s], name)) return s;
  return -1;
}

static const char *const model_name[] = {"frequency", "none", "perfect"};
static const char *const ac_name[] = {"next", "const", "time", "combi"};

int parley_agent_parse(const char *text, parley_agent_spec *out, parley_error *err) {
  if (!text || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  char buf[256];
  if (strlen(text) >= sizeof buf) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "agent '%.40s...' is too long", text);
  strcpy(buf, text);
  memset(out, 0, sizeof *out);
  out->e = 1;
  char *colon = strchr(buf, ':');
  if (colon) *colon = '\0';
  const int s = parley_strategy_find(buf);
  if (s < 0) {
    char names[512] = "";
    for (int k = 0, at = 0; k < PARLEY_STRATEGY_COUNT; k++) at += snprintf(names + at, sizeof names - (size_t)at, " %s", strat_name[k]);
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "unknown strategy '%s'; the strategies are:%s", buf, names);
  }
  out->strategy = (parley_strategy)s;
  for (char *kv = colon ? colon + 1 : NULL, *next; kv && *kv; kv = next) {
    /* key=value pairs, by commas; ac=const:0.7 keeps its colon */
    next = strchr(kv, ',');
    if (next) *next++ = '\0';
    char *eq = strchr(kv, '=');
    if (!eq) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "'%s' in agent '%s' is not key=value", kv, text);
    *eq = '\0';
    const char *v = eq + 1;
    char *end;
    if (!strcmp(kv, "e")) {
      out->e = strtod(v, &end);
      if (end == v || *end || !(out->e > 0))
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "e in agent '%s' must be a number > 0, not '%s'", text, v);
    } else if (!strcmp(kv, "model")) {
      int m = -1;
      for (int k = 0; k < 3; k++)
        if (!strcmp(v, model_name[k])) m = k;
      if (m < 0) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "model in agent '%s' is frequency, none or perfect, not '%s'", text, v);
      out->model = (parley_model_kind)m;
    } else if (!strcmp(kv, "ac")) {
      char acn[32];
      snprintf(acn, sizeof acn, "%s", v);
      char *c2 = strchr(acn, ':');
      if (c2) *c2 = '\0';
      int k2 = -1;
      for (int k = 0; k < 4; k++)
        if (!strcmp(acn, ac_name[k])) k2 = k;
      if (k2 < 0 || (k2 > 0) != (c2 != NULL))
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "ac in agent '%s' is next, const:X, time:T or combi:T, not '%s'", text, v);
      out->ac = (parley_ac_kind)k2;
      if (c2) {
        out->ac_x = strtod(c2 + 1, &end);
        if (end == c2 + 1 || *end || !(out->ac_x >= 0 && out->ac_x <= (k2 == PARLEY_AC_CONST ? 1e6 : 1)))
          return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "ac in agent '%s' needs a number%s after '%s:', not '%s'", text,
                         k2 == PARLEY_AC_CONST ? "" : " in [0, 1]", acn, c2 + 1);
      }
    } else if (!strcmp(kv, "walk")) {
      out->walk = strtod(v, &end);
      if (end == v || *end || !(out->walk > 0 && out->walk <= 1))
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "walk in agent '%s' is a time in (0, 1], not '%s'", text, v);
    } else {
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "unknown key '%s' in agent '%s' (the keys are e, model, ac, walk)", kv, text);
    }
  }
  if (out->strategy != PARLEY_STRATEGY_TIME) out->e = 1;
  return 0;
}

void parley_agent_format(const parley_agent_spec *spec, char *buf, size_t size) {
  if (spec->external) {
    snprintf(buf, size, "external");
    return;
  }
  int n = snprintf(buf, size, "%s", parley_strategy_name(spec->strategy));
  const char *sep = ":";
  if (spec->strategy == PARLEY_STRATEGY_TIME && n >= 0 && (size_t)n < size) n += snprintf(buf + n, size - (size_t)n, "%se=%g", sep, spec->e), sep = ",";
  if (spec->model != PARLEY_MODEL_FREQUENCY && n >= 0 && (size_t)n < size)
    n += snprintf(buf + n, size - (size_t)n, "%smodel=%s", sep, model_name[spec->model]), sep = ",";
  if (spec->ac != PARLEY_AC_NEXT && n >= 0 && (size_t)n < size)
    n += snprintf(buf + n, size - (size_t)n, "%sac=%s:%g", sep, ac_name[spec->ac], spec->ac_x), sep = ",";
  if (spec->walk > 0 && n >= 0 && (size_t)n < size) snprintf(buf + n, size - (size_t)n, "%swalk=%g", sep, spec->walk);
}

void parley_negotiate_defaults(parley_negotiate_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->rounds = 100;
  o->seed = 1;
}

/* ------------------------------------------------------------------------------------------ */
/* The session                                                                                */

struct parley_session {
  const parley_scenario *sc;
  size_t P, N, rounds;
  parley_agent_spec *agents;
  parley_session_end end;
  size_t blocker;
  uint32_t *agreement; /* NULL: none */
  double time;
  size_t round;
  double *utility, *reservation;
  double welfare, pareto, nash;
  parley_action *actions;
  uint32_t *packages; /* the actions' packages, N each */
  size_t n_actions, cap_actions, cap_packages;
};

void parley_session_free(parley_session *s) {
  if (!s) return;
  free(s->agents), free(s->agreement), free(s->utility), free(s->reservation), free(s->actions), free(s->packages);
  free(s);
}

static int record(parley_session *s, double t, size_t round, size_t party, parley_action_kind kind, const uint32_t *pkg) {
  const size_t NN = s->N ? s->N : 1;
  if (pl_grow(&s->actions, &s->cap_actions, s->n_actions + 1) || pl_grow(&s->packages, &s->cap_packages, (s->n_actions + 1) * NN))
    return PARLEY_ERR_NOMEM;
  memcpy(s->packages + s->n_actions * NN, pkg, s->N * sizeof *pkg);
  s->actions[s->n_actions++] = (parley_action){t, round, party, kind, NULL};
  return 0;
}

/* Welfare and the distances to the frontier and the Nash package, from the analysis. */
static void outcome(parley_session *s, const parley_analysis *an) {
  s->welfare = 0;
  for (size_t p = 0; p < s->P; p++) s->welfare += s->utility[p];
  s->pareto = s->nash = NAN;
  if (!s->agreement || !an) return;
  double best = INFINITY;
  for (size_t i = 0; i < parley_analysis_frontier_count(an); i++) {
    double d2 = 0;
    for (size_t p = 0; p < s->P; p++) {
      const double x = parley_analysis_frontier_utility(an, i, p) - parley_utility(s->sc, p, s->agreement);
      d2 += x * x;
    }
    if (d2 < best) best = d2;
  }
  if (isfinite(best)) s->pareto = sqrt(best);
  const size_t n = parley_analysis_solution(an, PARLEY_NASH);
  if (n != PARLEY_NONE) {
    double d2 = 0;
    for (size_t p = 0; p < s->P; p++) {
      const double x = parley_analysis_frontier_utility(an, n, p) - parley_utility(s->sc, p, s->agreement);
      d2 += x * x;
    }
    s->nash = sqrt(d2);
  }
}

/* A program's offer for party: asked into a copy (the standing offer stays intact until it
 * answers), checked, then put on the table. */
static int external_offer(const parley_scenario *sc, const parley_agent_callbacks *ext, size_t party, double t,
                          size_t round, const uint32_t *standing, uint32_t *out, parley_error *err) {
  const size_t N = parley_issue_count(sc);
  uint32_t *pkg = malloc((N ? N : 1) * sizeof *pkg);
  if (!pkg) return NOMEM(err);
  if (standing) memcpy(pkg, standing, N * sizeof *pkg);
  else memset(pkg, 0, (N ? N : 1) * sizeof *pkg);
  int rc = ext->propose(ext->user, party, t, round, standing, pkg);
  if (rc < 0) rc = pl_fail(err, rc, NULL, 0, 0, "the agent of %s stopped the negotiation", parley_party_id(sc, party));
  for (size_t i = 0; rc == 0 && i < N; i++)
    if (pkg[i] >= parley_issue_option_count(sc, i))
      rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the agent of %s offered option %u of issue %s, which has %zu",
                   parley_party_id(sc, party), (unsigned)pkg[i], parley_issue_id(sc, i), parley_issue_option_count(sc, i));
  if (rc == 0) memcpy(out, pkg, N * sizeof *pkg);
  free(pkg);
  return rc;
}

int parley_negotiate(const parley_scenario *sc, const parley_negotiate_options *options, parley_session **out,
                     parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_negotiate_options o;
  if (options) o = *options;
  else parley_negotiate_defaults(&o);
  if (!o.rounds) o.rounds = 100;
  const size_t P = parley_party_count(sc), N = parley_issue_count(sc), NN = N ? N : 1;
  if (P < 2) return pl_fail(err, PARLEY_ERR_INVALID, parley_scenario_source(sc), 0, 0, "a negotiation needs two parties or more");
  if (o.rounds > 100000000) return pl_fail(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "at most 10^8 rounds");
  for (size_t k = 0; o.order && k < P; k++)
    if (o.order[k] >= P) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no party %zu in the order", o.order[k]);
  for (size_t k = 0; o.order && k < P; k++)
    for (size_t j = 0; j < k; j++)
      if (o.order[j] == o.order[k])
        return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "the order names %s twice", parley_party_id(sc, o.order[k]));
  parley_session *s = calloc(1, sizeof *s);
  pl_agent *ag = calloc(P, sizeof *ag);
  parley_offer_index **own_ix = calloc(P, sizeof *own_ix);
  pl_pool *pools = NULL;
  uint32_t *standing = malloc(NN * sizeof *standing);
  if (s) {
    s->sc = sc, s->P = P, s->N = N, s->rounds = o.rounds, s->blocker = PARLEY_NONE;
    s->agents = malloc(P * sizeof *s->agents);
    s->utility = calloc(P, sizeof *s->utility), s->reservation = calloc(P, sizeof *s->reservation);
  }
  int rc = s && ag && own_ix && standing && s->agents && s->utility && s->reservation ? 0 : NOMEM(err);
  /* where the space is too large for an offer index, each agent bids from a pool (pool.c),
   * seeded with the parties' ideal packages when the analysis can find them */
  const int pooled = parley_outcome_count(sc) > PARLEY_DEFAULT_MAX_INDEXED && !(o.indexes && o.indexes[0]);
  parley_analysis *pool_an = NULL;
  uint32_t *ideals = NULL;
  if (rc == 0 && pooled && !(pools = calloc(P, sizeof *pools))) rc = NOMEM(err);
  if (rc == 0 && pooled) {
    const parley_analysis *an = o.analysis;
    if (!an && parley_analyze(sc, NULL, &pool_an, NULL) == 0) an = pool_an;
    if (an && (ideals = malloc(P * NN * sizeof *ideals)))
      for (size_t p = 0; p < P && ideals; p++)
        if (parley_analysis_party_range(an, p, ideals + p * N, NULL, NULL)) free(ideals), ideals = NULL;
    if (!o.analysis) o.analysis = pool_an; /* for the distances too */
  }
  for (size_t p = 0; rc == 0 && p < P; p++) {
    parley_agent_spec def = {.strategy = PARLEY_STRATEGY_BOULWARE, .e = 1};
    s->agents[p] = o.agents ? o.agents[p] : def;
    const parley_offer_index *ix = o.indexes ? o.indexes[p] : NULL;
    if (pooled) rc = pl_pool_build(sc, p, ideals, o.seed, &pools[p]) ? NOMEM(err) : 0;
    else if (!ix) {
      rc = parley_offer_index_build(sc, p, 0, &own_ix[p], err);
      ix = own_ix[p];
    }
    if (rc == 0) rc = pl_agent_init(&ag[p], sc, p, &s->agents[p], ix, pooled ? &pools[p] : NULL, o.rounds, o.seed) ? NOMEM(err) : 0;
  }
  free(ideals);
  /* a party that can accept nothing says so at the start */
  for (size_t p = 0; rc == 0 && p < P && s->blocker == PARLEY_NONE; p++)
    if (!s->agents[p].external && !pl_agent_can_deal(&ag[p])) s->blocker = p;
  if (s) s->end = s->blocker != PARLEY_NONE ? PARLEY_END_NO_DEAL_POSSIBLE : PARLEY_END_DEADLINE;
  const size_t total = o.rounds * P;
  size_t accepted = 0, proposer = PARLEY_NONE;
  for (size_t a = 0; rc == 0 && s->blocker == PARLEY_NONE && a < total; a++) {
    const size_t round = a / P, party = o.order ? o.order[a % P] : a % P;
    const double t = (double)a / (double)total;
    const parley_agent_callbacks *ext = s->agents[party].external;
    int yes = 0;
    if (proposer != PARLEY_NONE) {
      yes = ext ? ext->respond(ext->user, party, t, round, standing) : pl_agent_accepts(&ag[party], t, standing);
      if (yes < 0) {
        rc = pl_fail(err, yes, NULL, 0, 0, "the agent of %s stopped the negotiation", parley_party_id(sc, party));
        break;
      }
    }
    if (yes == PARLEY_WALK_AWAY || (!yes && !ext && s->agents[party].walk > 0 && t >= s->agents[party].walk)) {
      s->end = PARLEY_END_WALKED_AWAY, s->blocker = party, s->time = t, s->round = round;
      if (o.trace) rc = record(s, t, round, party, PARLEY_ACTION_WALK_AWAY, standing) ? NOMEM(err) : 0;
      break;
    }
    if (yes) {
      accepted++;
      if (o.trace) rc = record(s, t, round, party, PARLEY_ACTION_ACCEPT, standing) ? NOMEM(err) : 0;
      if (accepted == P - 1) { /* everyone else accepted in succession */
        s->end = PARLEY_END_AGREEMENT;
        s->time = t, s->round = round;
        if (!(s->agreement = malloc(NN * sizeof *s->agreement))) rc = NOMEM(err);
        else memcpy(s->agreement, standing, N * sizeof *standing);
        break;
      }
      continue;
    }
    if (ext) {
      rc = external_offer(sc, ext, party, t, round, proposer == PARLEY_NONE ? NULL : standing, standing, err);
      if (rc) break;
    } else if (pl_agent_offer(&ag[party], t, standing)) {
      rc = NOMEM(err);
    }
    proposer = party, accepted = 0;
    for (size_t q = 0; rc == 0 && q < P; q++) pl_agent_observe(&ag[q], party, t, standing);
    if (rc == 0 && o.trace) rc = record(s, t, round, party, PARLEY_ACTION_OFFER, standing) ? NOMEM(err) : 0;
  }
  /* the outcome, each party's utility discounted to when it was reached */
  for (size_t p = 0; rc == 0 && p < P; p++) {
    const double H = parley_scenario_horizon(sc), d = parley_party_discount(sc, p);
    const double t = s->agreement || s->end == PARLEY_END_WALKED_AWAY ? s->time : 1;
    s->reservation[p] = parley_party_reservation_at(sc, p, t * H) * pow(d, t);
    s->utility[p] = s->agreement ? parley_utility(sc, p, s->agreement) * pow(d, t) : s->reservation[p];
  }
#ifndef NDEBUG
  for (size_t p = 0; rc == 0 && s->agreement && p < P; p++) /* N1 (a program's agents accept what they like) */
    pl_assert(s->agents[p].external || (parley_red_line_crossed_count(sc, p, s->agreement) == 0 &&
                                        parley_utility(sc, p, s->agreement) >=
                                            parley_party_reservation_at(sc, p, s->time * parley_scenario_horizon(sc))));
#endif
  if (rc == 0) {
    parley_analysis *an = NULL;
    const parley_analysis *use = o.analysis;
    if (!use && s->agreement && parley_analyze(sc, NULL, &an, NULL) == 0) use = an;
    outcome(s, use);
    parley_analysis_free(an);
  }
  for (size_t p = 0; ag && p < P; p++) pl_agent_free(&ag[p]), parley_offer_index_free(own_ix[p]);
  for (size_t p = 0; pools && p < P; p++) pl_pool_free(&pools[p]);
  parley_analysis_free(pool_an);
  free(ag), free(own_ix), free(standing), free(pools);
  if (rc) {
    parley_session_free(s);
    return rc;
  }
  *out = s;
  return 0;
}

const parley_scenario *parley_session_scenario(const parley_session *s) { return s ? s->sc : NULL; }
parley_session_end parley_session_end_reason(const parley_session *s) { return s->end; }
size_t parley_session_blocker(const parley_session *s) { return s ? s->blocker : PARLEY_NONE; }
const uint32_t *parley_session_agreement(const parley_session *s) { return s ? s->agreement : NULL; }
static int ended_early(const parley_session *s) { return s->agreement || s->end == PARLEY_END_WALKED_AWAY; }
double parley_session_time(const parley_session *s) { return s && ended_early(s) ? s->time : NAN; }
size_t parley_session_round(const parley_session *s) { return s && ended_early(s) ? s->round : PARLEY_NONE; }
size_t parley_session_rounds(const parley_session *s) { return s ? s->rounds : 0; }
const parley_agent_spec *parley_session_agent(const parley_session *s, size_t p) { return s && p < s->P ? &s->agents[p] : NULL; }
double parley_session_utility(const parley_session *s, size_t p) { return s && p < s->P ? s->utility[p] : NAN; }
double parley_session_reservation(const parley_session *s, size_t p) { return s && p < s->P ? s->reservation[p] : NAN; }
double parley_session_welfare(const parley_session *s) { return s ? s->welfare : NAN; }
double parley_session_pareto_distance(const parley_session *s) { return s ? s->pareto : NAN; }
double parley_session_nash_distance(const parley_session *s) { return s ? s->nash : NAN; }
size_t parley_session_action_count(const parley_session *s) { return s ? s->n_actions : 0; }
int parley_session_action(const parley_session *s, size_t k, parley_action *out) {
  if (!s || k >= s->n_actions || !out) return PARLEY_ERR_ARG;
  *out = s->actions[k];
  out->package = s->packages + k * (s->N ? s->N : 1);
  return 0;
}
