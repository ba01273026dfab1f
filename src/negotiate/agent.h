/* agent.h — a negotiating agent (agent.c): a strategy's offers and acceptances, its model of the
 * others, for session.c. Times are normalised, in [0, 1]. */
#ifndef PL_NEGOTIATE_AGENT_H
#define PL_NEGOTIATE_AGENT_H

#include <stddef.h>
#include <stdint.h>

#include "parley/negotiate.h"

/* Where the space is too large for an offer index: packages the agent may bid, by increasing
 * utility to it (pool.c). */
typedef struct pl_pool {
  size_t n;
  uint32_t *pkg; /* n x N */
  double *u;
} pl_pool;

/* The pool of party's packages: the parties' ideal packages (ideal: one per party, N each, or
 * NULL), paths climbing from them and from random packages to the party's best, and random
 * packages, none crossing its red lines; drawn from seed. 0 or PARLEY_ERR_NOMEM. */
int pl_pool_build(const parley_scenario *sc, size_t party, const uint32_t *ideal, uint64_t seed, pl_pool *out);
void pl_pool_free(pl_pool *p);

typedef struct pl_agent {
  const parley_scenario *sc;
  size_t party, P, N;
  parley_agent_spec spec;
  const parley_offer_index *ix; /* its offer index, or NULL and then */
  const pl_pool *pool;          /* its pool */
  double step;        /* the time between two of its actions: 1 / rounds */
  double umax, umin;  /* its best and worst utility over the packages it does not reject outright */
  uint64_t rng;
  /* the frequency model of each other party: counts per option, unchanged per issue, its last */
  uint32_t **count;   /* P x (total options), NULL for itself */
  uint32_t **unchanged; /* P x N */
  uint32_t **last;    /* P x N; NULL until it has offered */
  double **mw, **mv;  /* the model as tables, kept up to date: per party a weight per issue and
                         a value per option (the options of all issues one after the other) */
  size_t *base;       /* N: where each issue's options start */
  size_t *offers_by;  /* P */
  /* what it has seen and done */
  struct pl_seen {
    double t, u;
  } *seen;            /* the offers it received: when, and their utility to it */
  size_t n_seen, cap_seen;
  uint32_t *received; /* micro: the distinct packages received, N each */
  size_t distinct_received, cap_received, distinct_made;
  uint32_t *made;     /* micro: the packages it has offered, N each */
  size_t n_made, cap_made;
  double last_target; /* tit-for-tat */
  double lowest_offered;
  uint32_t *scratch, *best; /* N each; best: the bid for cache_t */
  double cache_t, cache_u, cache_target; /* the bid it would make at cache_t (NaN: none) */
  int cache_fresh;    /* micro: that bid goes down its ranking */
} pl_agent;

int pl_agent_init(pl_agent *a, const parley_scenario *sc, size_t party, const parley_agent_spec *spec,
                  const parley_offer_index *ix, const pl_pool *pool, size_t rounds, uint64_t seed);
void pl_agent_free(pl_agent *a);
/* Its reservation at normalised time t (its schedule read at t times the horizon). */
double pl_agent_reservation(const pl_agent *a, double t);
/* Whether it can accept anything at all at time 0. */
int pl_agent_can_deal(const pl_agent *a);
/* What it offers at time t, into pkg; 0 or PARLEY_ERR_NOMEM. */
int pl_agent_offer(pl_agent *a, double t, uint32_t *pkg);
/* Whether it accepts offer at time t: acceptable to it, and by its acceptance condition (next:
 * at least as good as the bid it would make instead, which pl_agent_offer then makes). */
int pl_agent_accepts(pl_agent *a, double t, const uint32_t *offer);
/* It hears party q offer pkg at time t (q may be itself). */
void pl_agent_observe(pl_agent *a, size_t q, double t, const uint32_t *pkg);
/* The target utility of a time-dependent strategy with exponent e at time t. */
double pl_target(double pmin, double pmax, double e, double t);

#endif
