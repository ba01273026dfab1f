/* tournament.c — many negotiations (parley_tournament_run): every assignment of agents to the
 * parties of each scenario (or a sample of them), each repeated with its own seed, run on all
 * cores in chunks, and handed to the caller row by row in their fixed order, as they complete,
 * from the calling thread; and the summary per agent.
 *
 * Invariants (asserted in debug builds):
 *   R1. Rows reach the caller in job order (scenario, assignment, repetition), each once, from
 *       the calling thread; a job's seed depends on the tournament's seed and the job only. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parley/negotiate.h"
#include "util/check.h"
#include "util/error.h"
#include "util/parallel.h"
#include "util/prng.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")
#define CHUNK 8 /* negotiations a chunk */

void parley_tournament_defaults(parley_tournament_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->rounds = 100, o->repetitions = 1, o->seed = 1;
}

/* The assignments of scenario s: every one (n_agents^P), or `sample` drawn from the seed. */
static uint64_t assignments(size_t P, size_t n_agents, const parley_tournament_options *o) {
  if (o->sample) return o->sample;
  uint64_t n = 1;
  for (size_t p = 0; p < P; p++) {
    if (n > UINT64_MAX / n_agents) return UINT64_MAX;
    n *= n_agents;
  }
  return n;
}

/* Assignment a of scenario s: the agent of each party. */
static void assignment(size_t s, uint64_t a, size_t P, size_t n_agents, const parley_tournament_options *o, size_t *agents) {
  if (o->sample) { /* drawn: from the seed, the scenario and the number only */
    uint64_t rng = o->seed ^ (0x632be59bd9b4e019ULL * (s + 1)) ^ (0x9e3779b97f4a7c15ULL * (a + 1));
    for (size_t p = 0; p < P; p++) agents[p] = (size_t)(pl_prng_next(&rng) % n_agents);
    return;
  }
  for (size_t p = P; p-- > 0;) { /* the last party's agent turns fastest */
    agents[p] = (size_t)(a % n_agents);
    a /= n_agents;
  }
}

typedef struct job {
  size_t scenario;
  uint64_t assignment, repetition, seed;
} job;

typedef struct slot {
  atomic_int done;
  int rc;
  parley_session *session[CHUNK];
  size_t agents[CHUNK][PARLEY_MAX_PARTIES];
} slot;

typedef struct tour {
  const parley_scenario *const *sc;
  size_t n_sc;
  const parley_agent_spec *agents;
  size_t n_agents;
  parley_tournament_options o;
  parley_offer_index ***ix; /* per scenario, per party */
  parley_analysis **an;     /* per scenario */
  uint64_t *first;          /* per scenario: its first job */
  uint64_t total, skip, n_jobs;
  slot *slots;
  size_t next_flush;
  parley_tournament_row_fn row;
  void *user;
  int row_rc;
} tour;

/* Job k (after the skipped ones) of the tournament. */
static job job_at(const tour *t, uint64_t k) {
  k += t->skip;
  size_t s = 0;
  while (s + 1 < t->n_sc && t->first[s + 1] <= k) s++;
  const uint64_t within = k - t->first[s];
  job j = {s, within / t->o.repetitions, within % t->o.repetitions, 0};
  uint64_t rng = t->o.seed ^ (k * 0xd1342543de82ef95ULL);
  j.seed = pl_prng_next(&rng);
  return j;
}

static int run_chunk(void *ctx, size_t chunk, pl_parallel *par) {
  tour *t = ctx;
  slot *sl = &t->slots[chunk];
  int rc = 0;
  for (size_t i = 0; i < CHUNK && rc == 0; i++) {
    const uint64_t k = (uint64_t)chunk * CHUNK + i;
    if (k >= t->n_jobs) break;
    const job j = job_at(t, k);
    const parley_scenario *sc = t->sc[j.scenario];
    const size_t P = parley_party_count(sc);
    parley_agent_spec spec[PARLEY_MAX_PARTIES];
    assignment(j.scenario, j.assignment, P, t->n_agents, &t->o, sl->agents[i]);
    for (size_t p = 0; p < P; p++) spec[p] = t->agents[sl->agents[i][p]];
    parley_negotiate_options no;
    parley_negotiate_defaults(&no);
    no.rounds = t->o.rounds, no.seed = j.seed, no.agents = spec, no.indexes = t->ix[j.scenario], no.analysis = t->an[j.scenario];
    rc = parley_negotiate(sc, &no, &sl->session[i], NULL);
    pl_parallel_advance(par, 1);
  }
  sl->rc = rc;
  atomic_store(&sl->done, 1);
  return rc;
}

/* Hands the completed rows at the head of the order to the caller. Calling thread only. */
static int flush(tour *t) {
  const size_t n_chunks = (size_t)((t->n_jobs + CHUNK - 1) / CHUNK);
  while (t->row_rc == 0 && t->next_flush < n_chunks && atomic_load(&t->slots[t->next_flush].done)) {
    slot *sl = &t->slots[t->next_flush];
    for (size_t i = 0; i < CHUNK; i++) {
      const uint64_t k = (uint64_t)t->next_flush * CHUNK + i;
      if (k >= t->n_jobs || !sl->session[i]) continue;
      const job j = job_at(t, k);
      const parley_tournament_row r = {k + t->skip, j.scenario, j.assignment, j.repetition, j.seed, sl->agents[i], sl->session[i]};
      if (t->row_rc == 0 && t->row) t->row_rc = t->row(t->user, &r);
      parley_session_free(sl->session[i]);
      sl->session[i] = NULL;
    }
    t->next_flush++;
  }
  return t->row_rc;
}

static int progress(void *ctx, double fraction) {
  tour *t = ctx;
  if (flush(t)) return 1;
  return t->o.progress ? t->o.progress(t->o.progress_user, fraction) : 0;
}

uint64_t parley_tournament_size(const parley_scenario *const *scenarios, size_t n_scenarios, size_t n_agents,
                                const parley_tournament_options *options) {
  parley_tournament_options o;
  if (options) o = *options;
  else parley_tournament_defaults(&o);
  if (!o.repetitions) o.repetitions = 1;
  uint64_t n = 0;
  for (size_t s = 0; s < n_scenarios; s++) {
    const uint64_t a = assignments(parley_party_count(scenarios[s]), n_agents, &o);
    if (a == UINT64_MAX || a > UINT64_MAX / o.repetitions || n > UINT64_MAX - a * o.repetitions) return UINT64_MAX;
    n += a * o.repetitions;
  }
  return n;
}

int parley_tournament_run(const parley_scenario *const *scenarios, size_t n_scenarios, const parley_agent_spec *agents,
                          size_t n_agents, const parley_tournament_options *options, parley_tournament_row_fn row, void *user,
                          parley_error *err) {
  if (!scenarios || !n_scenarios || !agents || !n_agents) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  for (size_t k = 0; k < n_agents; k++)
    if (agents[k].external)
      return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "agent %zu is played by the program; tournaments take strategies only", k + 1);
  tour t = {.sc = scenarios, .n_sc = n_scenarios, .agents = agents, .n_agents = n_agents, .row = row, .user = user};
  if (options) t.o = *options;
  else parley_tournament_defaults(&t.o);
  if (!t.o.repetitions) t.o.repetitions = 1;
  if (!t.o.rounds) t.o.rounds = 100;
  t.total = parley_tournament_size(scenarios, n_scenarios, n_agents, &t.o);
  if (t.total == UINT64_MAX || t.total > ((uint64_t)1 << 40))
    return pl_fail(err, PARLEY_ERR_LIMIT, NULL, 0, 0,
                   "every assignment of %zu agents to the parties is too many negotiations; sample some (--sample K)", n_agents);
  for (size_t s = 0; s < n_scenarios; s++)
    if (parley_party_count(scenarios[s]) < 2 || parley_party_count(scenarios[s]) > PARLEY_MAX_PARTIES)
      return pl_fail(err, PARLEY_ERR_INVALID, parley_scenario_source(scenarios[s]), 0, 0, "a negotiation needs two parties or more");
  t.skip = t.o.skip < t.total ? t.o.skip : t.total;
  t.n_jobs = t.total - t.skip;
  if (t.o.limit && t.o.limit < t.n_jobs) t.n_jobs = t.o.limit;
  const size_t n_chunks = (size_t)((t.n_jobs + CHUNK - 1) / CHUNK);
  t.first = calloc(n_scenarios, sizeof *t.first);
  t.ix = calloc(n_scenarios, sizeof *t.ix);
  t.an = calloc(n_scenarios, sizeof *t.an);
  t.slots = calloc(n_chunks ? n_chunks : 1, sizeof *t.slots);
  int rc = t.first && t.ix && t.an && t.slots ? 0 : NOMEM(err);
  /* once per scenario: its first job, an offer index per party, the analysis */
  for (size_t s = 0; rc == 0 && s < n_scenarios; s++) {
    const size_t P = parley_party_count(scenarios[s]);
    if (s) t.first[s] = t.first[s - 1] + assignments(parley_party_count(scenarios[s - 1]), n_agents, &t.o) * t.o.repetitions;
    if (!(t.ix[s] = calloc(P, sizeof *t.ix[s]))) rc = NOMEM(err);
    /* (a space too large to index: each session bids from pools of its own) */
    for (size_t p = 0; rc == 0 && p < P && parley_outcome_count(scenarios[s]) <= PARLEY_DEFAULT_MAX_INDEXED; p++)
      rc = parley_offer_index_build(scenarios[s], p, 0, &t.ix[s][p], err);
    parley_analysis_options ao = {.threads = t.o.threads};
    if (rc == 0 && parley_analyze(scenarios[s], &ao, &t.an[s], NULL)) t.an[s] = NULL; /* the distances then NaN */
  }
  if (rc == 0) {
    pl_parallel par = {.n_chunks = n_chunks, .threads = t.o.threads, .run = run_chunk, .ctx = &t, .total = t.n_jobs,
                       .progress = progress, .progress_user = &t};
    rc = pl_parallel_run(&par);
    if (rc == 0 && flush(&t)) rc = t.row_rc;
    if (rc == PARLEY_ERR_CANCELLED && t.row_rc) rc = t.row_rc;
    if (rc == PARLEY_ERR_CANCELLED) pl_fail(err, rc, NULL, 0, 0, "cancelled");
    else if (rc && t.row_rc) pl_fail(err, rc, NULL, 0, 0, "the rows could not be taken");
    else if (rc) NOMEM(err);
  }
#ifndef NDEBUG
  if (rc == 0) pl_assert(t.next_flush == n_chunks); /* R1 */
#endif
  for (size_t c = 0; t.slots && c < n_chunks; c++)
    for (size_t i = 0; i < CHUNK; i++) parley_session_free(t.slots[c].session[i]);
  for (size_t s = 0; t.ix && s < n_scenarios; s++) {
    for (size_t p = 0; t.ix[s] && p < parley_party_count(scenarios[s]); p++) parley_offer_index_free(t.ix[s][p]);
    free(t.ix[s]);
    if (t.an) parley_analysis_free(t.an[s]);
  }
  free(t.first), free(t.ix), free(t.an), free(t.slots);
  return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* The summary per agent                                                                      */

struct parley_tournament_summary {
  size_t n_agents;
  uint64_t *n, *deals, *n_pareto, *n_nash;
  double *sum, *sum2, *pareto, *nash;
};

parley_tournament_summary *parley_tournament_summary_new(size_t n_agents) {
  parley_tournament_summary *m = calloc(1, sizeof *m);
  if (!m) return NULL;
  m->n_agents = n_agents;
  m->n = calloc(n_agents, sizeof *m->n), m->deals = calloc(n_agents, sizeof *m->deals);
  m->n_pareto = calloc(n_agents, sizeof *m->n_pareto), m->n_nash = calloc(n_agents, sizeof *m->n_nash);
  m->sum = calloc(n_agents, sizeof *m->sum), m->sum2 = calloc(n_agents, sizeof *m->sum2);
  m->pareto = calloc(n_agents, sizeof *m->pareto), m->nash = calloc(n_agents, sizeof *m->nash);
  if (!m->n || !m->deals || !m->n_pareto || !m->n_nash || !m->sum || !m->sum2 || !m->pareto || !m->nash) {
    parley_tournament_summary_free(m);
    return NULL;
  }
  return m;
}

void parley_tournament_summary_free(parley_tournament_summary *m) {
  if (!m) return;
  free(m->n), free(m->deals), free(m->n_pareto), free(m->n_nash), free(m->sum), free(m->sum2), free(m->pareto), free(m->nash);
  free(m);
}

void parley_tournament_summary_add_values(parley_tournament_summary *m, size_t a, double u, int agreed, double dp, double dn) {
  if (!m || a >= m->n_agents) return;
  m->n[a]++, m->sum[a] += u, m->sum2[a] += u * u;
  m->deals[a] += agreed != 0;
  if (!isnan(dp)) m->n_pareto[a]++, m->pareto[a] += dp;
  if (!isnan(dn)) m->n_nash[a]++, m->nash[a] += dn;
}

void parley_tournament_summary_add(parley_tournament_summary *m, const parley_session *s, const size_t *agents) {
  const parley_scenario *sc = parley_session_scenario(s);
  for (size_t p = 0; p < parley_party_count(sc); p++)
    parley_tournament_summary_add_values(m, agents[p], parley_session_utility(s, p), parley_session_agreement(s) != NULL,
                                         parley_session_pareto_distance(s), parley_session_nash_distance(s));
}

int parley_tournament_summary_get(const parley_tournament_summary *m, size_t agent, parley_agent_result *out) {
  if (!m || agent >= m->n_agents || !out) return PARLEY_ERR_ARG;
  const double n = (double)m->n[agent];
  memset(out, 0, sizeof *out);
  out->sessions = m->n[agent];
  out->mean = n ? m->sum[agent] / n : NAN;
  const double var = n > 1 ? (m->sum2[agent] - n * out->mean * out->mean) / (n - 1) : 0;
  const double half = n > 1 ? 1.959963984540054 * sqrt(var > 0 ? var : 0) / sqrt(n) : NAN;
  out->low = out->mean - half, out->high = out->mean + half;
  out->agreement_rate = n ? (double)m->deals[agent] / n : NAN;
  out->pareto_distance = m->n_pareto[agent] ? m->pareto[agent] / (double)m->n_pareto[agent] : NAN;
  out->nash_distance = m->n_nash[agent] ? m->nash[agent] / (double)m->n_nash[agent] : NAN;
  /* its rank: 1 + the agents with a higher mean (then the earlier agent on a tie) */
  out->rank = 1;
  for (size_t b = 0; b < m->n_agents; b++) {
    if (b == agent || !m->n[b]) continue;
    const double mb = m->sum[b] / (double)m->n[b];
    if (mb > out->mean || (mb == out->mean && b < agent)) out->rank++;
  }
  return 0;
}
