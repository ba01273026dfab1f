/* parley/negotiate.h — negotiation over time: the stacked alternating offers protocol (SAOP,
 * Aydoğan et al. 2017) between strategies, for two parties and for more (docs/semantics.md,
 * "Negotiation"). Every random choice draws from the seed given: the same seed gives the same
 * session. */
#ifndef PARLEY_NEGOTIATE_H
#define PARLEY_NEGOTIATE_H

#include <stddef.h>
#include <stdint.h>

#include "parley/analysis.h"
#include "parley/base.h"
#include "parley/offers.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The strategies: code, name, what it does (docs/semantics.md has the formulas). */
#define PARLEY_STRATEGY_MAP(XX)                                                                          \
  XX(BOULWARE, "boulware", "time-dependent, e = 0.2: holds out, concedes late")                          \
  XX(LINEAR, "linear", "time-dependent, e = 1: concedes evenly")                                        \
  XX(CONCEDER, "conceder", "time-dependent, e = 2: concedes early")                                    \
  XX(HARDLINER, "hardliner", "never concedes: offers its best package, accepts only as much")           \
  XX(TIME, "time", "time-dependent with the exponent given (time:e=E)")                                  \
  XX(TIT_FOR_TAT, "tit-for-tat", "relative tit-for-tat: concedes as much as the others conceded")        \
  XX(MICRO, "micro", "MiCRO (de Jonge 2022): down its own ranking, one step per new offer received")    \
  XX(RANDOM, "random", "random acceptable packages (seeded); accepts what is at least its next offer")

typedef enum parley_strategy {
#define PARLEY_STRATEGY_ENUM_(suffix, name, doc) PARLEY_STRATEGY_##suffix,
  PARLEY_STRATEGY_MAP(PARLEY_STRATEGY_ENUM_)
#undef PARLEY_STRATEGY_ENUM_
  PARLEY_STRATEGY_COUNT
} parley_strategy;

/* FUNCTION: a strategy's name, what it does (NULL out of range); the strategy of that name
 * (-1 if none). */
PARLEY_API const char *parley_strategy_name(parley_strategy s);
PARLEY_API const char *parley_strategy_doc(parley_strategy s);
PARLEY_API int parley_strategy_find(const char *name);

/* How an agent models the others: from the frequency of their offers, not at all, or with their
 * true profiles (an upper bound, for comparison). */
typedef enum parley_model_kind { PARLEY_MODEL_FREQUENCY = 0, PARLEY_MODEL_NONE, PARLEY_MODEL_PERFECT } parley_model_kind;

/* When an agent accepts (Baarslag et al. 2014): an offer at least as good as its own next one
 * (next); at least x (const); anything acceptable after time x (time); next, or after time x
 * the best offer seen in the last window of that length (combi). Never below its reservation. */
typedef enum parley_ac_kind { PARLEY_AC_NEXT = 0, PARLEY_AC_CONST, PARLEY_AC_TIME, PARLEY_AC_COMBI } parley_ac_kind;

/* What respond returns to walk away from the negotiation (no agreement). An enumerator, not a
 * macro, so that bindings reading the declarations see it. */
enum { PARLEY_WALK_AWAY = 2 };

/* An agent whose moves the calling program makes (a strategy written in another language, in a
 * binding). respond: whether the party accepts the offer on the table (1), or not (0; it then
 * proposes), or walks away (PARLEY_WALK_AWAY: the session ends without agreement); propose: its offer into package (issue_count options; standing is the offer on the
 * table, NULL before the first). Both are called from the thread that called parley_negotiate,
 * with the party, the normalised time and the round (from 0). A negative return stops the
 * session, which fails with that status. Its offers are the program's: they may cross its own
 * red lines; one naming an option that does not exist fails with PARLEY_ERR_INVALID. */
typedef struct parley_agent_callbacks {
  int (*respond)(void *user, size_t party, double time, size_t round, const uint32_t *offer);
  int (*propose)(void *user, size_t party, double time, size_t round, const uint32_t *standing, uint32_t *package);
  void *user;
} parley_agent_callbacks;

typedef struct parley_agent_spec {
  parley_strategy strategy;
  double e;               /* time: the exponent (boulware 0.2, linear 1, conceder 2) */
  parley_model_kind model;
  parley_ac_kind ac;
  double ac_x;            /* const: the utility; time, combi: the time */
  double walk;            /* in (0, 1]: at its first turn from this time on that it does not
                             accept, it walks away; 0: it never does (the default) */
  const parley_agent_callbacks *external; /* not NULL: the program plays this party and the
                                             fields above are ignored (single negotiations only,
                                             not tournaments) */
} parley_agent_spec;

/* FUNCTION: an agent from text, "NAME[:key=value,...]" (keys e, model, ac, walk; e.g.
 * "time:e=0.5,model=perfect", "boulware:ac=combi:0.9", "conceder:walk=0.8"). PARLEY_ERR_INVALID says what is wrong. */
PARLEY_API int parley_agent_parse(const char *text, parley_agent_spec *out, parley_error *err);
/* FUNCTION: the spec written back as text (into buf, at most size bytes). */
PARLEY_API void parley_agent_format(const parley_agent_spec *spec, char *buf, size_t size);

typedef struct parley_negotiate_options {
  size_t rounds;                  /* the deadline, in rounds (every party acts once a round; 0: 100) */
  uint64_t seed;                  /* for the random choices (default 1) */
  const parley_agent_spec *agents;/* one per party, or NULL: boulware for everyone */
  const size_t *order;            /* the parties in the order they act, each once, or NULL: the file's */
  int trace;                      /* 1: keep every action (parley_session_action) */
  /* optional, to share work between sessions on one scenario (a tournament): an offer index per
   * party (NULL entries built here), and the analysis for the distances (NULL: made here) */
  parley_offer_index *const *indexes;
  const parley_analysis *analysis;
} parley_negotiate_options;

/* FUNCTION: the defaults: 100 rounds, seed 1, boulware for everyone, the file's order. */
PARLEY_API void parley_negotiate_defaults(parley_negotiate_options *o);

/* Why a session ended. */
typedef enum parley_session_end {
  PARLEY_END_AGREEMENT = 0, /* every other party accepted the standing offer in succession */
  PARLEY_END_DEADLINE,      /* the rounds ran out */
  PARLEY_END_NO_DEAL_POSSIBLE, /* a party can accept no package at all: it said so at the start */
  PARLEY_END_WALKED_AWAY       /* a party walked away (parley_session_blocker says which) */
} parley_session_end;

typedef enum parley_action_kind { PARLEY_ACTION_OFFER = 0, PARLEY_ACTION_ACCEPT, PARLEY_ACTION_WALK_AWAY } parley_action_kind;

typedef struct parley_action {
  double time;           /* normalised, in [0, 1) */
  size_t round, party;
  parley_action_kind kind;
  const uint32_t *package; /* the offer made, or the offer accepted */
} parley_action;

typedef struct parley_session parley_session;

/* CONSTRUCTOR: parley_session — runs one negotiation on the scenario (docs/semantics.md,
 * "Negotiation"). */
PARLEY_API int parley_negotiate(const parley_scenario *sc, const parley_negotiate_options *options, parley_session **out,
                                parley_error *err);
/* DESTRUCTOR: parley_session. */
PARLEY_API void parley_session_free(parley_session *s);
PARLEY_API const parley_scenario *parley_session_scenario(const parley_session *s);
/* METHOD: parley_session — how it ended, who blocked it (the party that could accept nothing,
 * or that walked away; PARLEY_NONE otherwise), the agreement (NULL without one), when it ended
 * (normalised time, and the round from 0; NaN and PARLEY_NONE when it ran to the deadline), and
 * the agents. */
PARLEY_API parley_session_end parley_session_end_reason(const parley_session *s);
PARLEY_API size_t parley_session_blocker(const parley_session *s);
PARLEY_API const uint32_t *parley_session_agreement(const parley_session *s);
PARLEY_API double parley_session_time(const parley_session *s);
PARLEY_API size_t parley_session_round(const parley_session *s);
PARLEY_API size_t parley_session_rounds(const parley_session *s);
PARLEY_API const parley_agent_spec *parley_session_agent(const parley_session *s, size_t party);
/* METHOD: parley_session — party's utility of the outcome, discounted to when it was reached
 * (d^t), or without a deal its reservation at the end, discounted to t = 1; and its reservation
 * then. */
PARLEY_API double parley_session_utility(const parley_session *s, size_t party);
PARLEY_API double parley_session_reservation(const parley_session *s, size_t party);
/* METHOD: parley_session — the sum of the parties' utilities; the distance, in the parties'
 * (undiscounted) utilities, from the agreement to the nearest package of the Pareto frontier
 * and to the Nash package (NaN without an agreement, or without a frontier or a Nash package). */
PARLEY_API double parley_session_welfare(const parley_session *s);
PARLEY_API double parley_session_pareto_distance(const parley_session *s);
PARLEY_API double parley_session_nash_distance(const parley_session *s);
/* METHOD: parley_session — the actions, when traced: how many, and action k. */
PARLEY_API size_t parley_session_action_count(const parley_session *s);
PARLEY_API int parley_session_action(const parley_session *s, size_t k, parley_action *out);

/* ---------------------------------------------------------------------------------------- */
/* Tournaments                                                                                */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_tournament_options {
  size_t rounds;       /* per negotiation (0: 100) */
  uint64_t repetitions;/* of each assignment, each with its own seed (0: 1) */
  uint64_t sample;     /* 0: every assignment of agents to parties (agents^parties); else this
                          many assignments per scenario, drawn from the seed */
  uint64_t seed;       /* the tournament's; each negotiation's comes from it and the job alone */
  uint64_t skip;       /* jobs already done (resuming): start after them */
  uint64_t limit;      /* run at most this many jobs after those (0: all): one block of a
                          tournament split between processes */
  size_t threads;      /* 0: one per core; the rows do not depend on it */
  parley_progress_fn progress;
  void *progress_user;
} parley_tournament_options;

/* FUNCTION: the defaults: 100 rounds, 1 repetition, every assignment, seed 1. */
PARLEY_API void parley_tournament_defaults(parley_tournament_options *o);

/* One negotiation of a tournament, as it reaches the caller: its number in the fixed order
 * (scenario, assignment, repetition), the scenario's index, the assignment's, the repetition,
 * its seed, each party's agent (an index into the agents), and the session (valid during the
 * call only). */
typedef struct parley_tournament_row {
  uint64_t job;
  size_t scenario;
  uint64_t assignment, repetition, seed;
  const size_t *agents;
  const parley_session *session;
} parley_tournament_row;

/* Takes a row; a non-zero return stops the tournament (which then fails with that status). */
typedef int (*parley_tournament_row_fn)(void *user, const parley_tournament_row *row);

/* FUNCTION: the number of negotiations a tournament holds (UINT64_MAX when too many to count). */
PARLEY_API uint64_t parley_tournament_size(const parley_scenario *const *scenarios, size_t n_scenarios, size_t n_agents,
                                           const parley_tournament_options *options);
/* FUNCTION: runs the tournament on all cores, each scenario's offer indexes and analysis built
 * once, and hands every negotiation to row, in the fixed order, from the calling thread, as they
 * complete: the rows are the same whatever the thread count. */
PARLEY_API int parley_tournament_run(const parley_scenario *const *scenarios, size_t n_scenarios,
                                     const parley_agent_spec *agents, size_t n_agents,
                                     const parley_tournament_options *options, parley_tournament_row_fn row, void *user,
                                     parley_error *err);

/* The summary per agent: over every party it played, its utility's mean with a 95% interval
 * (mean +- 1.96 sd / sqrt(n)), the share of its negotiations that reached a deal, the mean
 * distances of its deals to the Pareto frontier and to the Nash package, and its rank by mean
 * utility (1: the best; ties to the agent listed first). */
typedef struct parley_agent_result {
  uint64_t sessions;
  double mean, low, high, agreement_rate, pareto_distance, nash_distance;
  size_t rank;
} parley_agent_result;

typedef struct parley_tournament_summary parley_tournament_summary;
/* CONSTRUCTOR: parley_tournament_summary — empty, for n_agents agents (NULL: out of memory). */
PARLEY_API parley_tournament_summary *parley_tournament_summary_new(size_t n_agents);
PARLEY_API void parley_tournament_summary_free(parley_tournament_summary *m);
/* METHOD: parley_tournament_summary — adds a negotiation (agents: each party's agent). */
PARLEY_API void parley_tournament_summary_add(parley_tournament_summary *m, const parley_session *s, const size_t *agents);
/* METHOD: parley_tournament_summary — adds one party's outcome played by agent (a resumed
 * tournament's rows read back): its utility, whether there was a deal, the distances (NaN:
 * none). */
PARLEY_API void parley_tournament_summary_add_values(parley_tournament_summary *m, size_t agent, double utility, int agreed,
                                                     double pareto_distance, double nash_distance);
PARLEY_API int parley_tournament_summary_get(const parley_tournament_summary *m, size_t agent, parley_agent_result *out);

#ifdef __cplusplus
}
#endif

#endif
