/* agent.c — the strategies of negotiate.h: what each offers and accepts, and how it models the
 * others (docs/semantics.md, "Negotiation"). Bids come from the agent's offer index: the
 * packages at or just above its target, the best of them for the others by its model.
 *
 * Invariants (asserted in debug builds):
 *   G1. An offer crosses none of the agent's own red lines and gives it at least its target
 *       (time-dependent, tit-for-tat) or its floor max(reservation, lowest utility).
 *   G2. It accepts only what it could: no red line of its own crossed, utility at least its
 *       reservation at that time. */
#include "negotiate/agent.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/check.h"
#include "util/prng.h"
#include "util/vec.h"

#define WINDOW 0.02 /* the packages "just above" a target: up to this much more */
#define SCAN 100    /* and at most this many of them looked at */

double pl_target(double pmin, double pmax, double e, double t) {
  if (pmin > pmax) pmin = pmax;
  if (!(e > 0)) return pmax;
  return pmin + (pmax - pmin) * (1 - pow(t < 0 ? 0 : t > 1 ? 1 : t, 1 / e));
}

static double own(const pl_agent *a, const uint32_t *pkg) { return parley_utility(a->sc, a->party, pkg); }

/* ------------------------------------------------------------------------------------------ */
/* The packages it bids from: its offer index, or a pool where the space is too large to index */

static size_t bank_count(const pl_agent *a) { return a->ix ? parley_offer_index_count(a->ix) : a->pool->n; }

static int bank_get(const pl_agent *a, size_t k, uint32_t *pkg, double *u) {
  if (a->ix) return parley_offer_index_get(a->ix, k, pkg, u);
  if (k >= a->pool->n) return PARLEY_ERR_ARG;
  if (pkg) memcpy(pkg, a->pool->pkg + k * a->N, a->N * sizeof *pkg);
  if (u) *u = a->pool->u[k];
  return 0;
}

/* The packages with utility in [lo, hi] (a slack of 1e-9, as the index has): how many, from
 * *first. */
static size_t bank_range(const pl_agent *a, double lo, double hi, size_t *first) {
  if (a->ix) return parley_offer_index_range(a->ix, lo, hi, first);
  size_t l = 0, h = a->pool->n;
  while (l < h) {
    const size_t m = l + (h - l) / 2;
    if (a->pool->u[m] < lo - 1e-9) l = m + 1;
    else h = m;
  }
  *first = l;
  size_t e = l;
  while (e < a->pool->n && a->pool->u[e] <= hi + 1e-9) e++;
  return e - l;
}

double pl_agent_reservation(const pl_agent *a, double t) {
  return parley_party_reservation_at(a->sc, a->party, t * parley_scenario_horizon(a->sc));
}

static double floor_at(const pl_agent *a, double t) { return fmax(pl_agent_reservation(a, t), a->umin); }

static int acceptable(const pl_agent *a, double t, const uint32_t *pkg) {
  return parley_red_line_crossed_count(a->sc, a->party, pkg) == 0 && own(a, pkg) >= pl_agent_reservation(a, t);
}

int pl_agent_can_deal(const pl_agent *a) { return bank_count(a) > 0 && a->umax >= pl_agent_reservation(a, 0); }

/* ------------------------------------------------------------------------------------------ */
/* Models of the others                                                                       */

/* How good pkg is for the others, by the agent's model. */
static double score(const pl_agent *a, const uint32_t *pkg) {
  double s = 0;
  for (size_t q = 0; q < a->P; q++) {
    if (q == a->party) continue;
    if (a->spec.model == PARLEY_MODEL_PERFECT) {
      s += parley_red_line_crossed_count(a->sc, q, pkg) ? -1 : parley_utility(a->sc, q, pkg);
    } else if (a->spec.model == PARLEY_MODEL_FREQUENCY && a->offers_by[q]) {
      for (size_t i = 0; i < a->N; i++) s += a->mw[q][i] * a->mv[q][a->base[i] + pkg[i]];
    }
  }
  return s;
}

/* Party q's frequency model, from its offers so far: an issue's weight is 1 + how often q kept
 * it as it was, normalised; an option's value is (1 + how often q offered it) / (1 + how often
 * q offered its most offered option of the issue). */
static void remodel(pl_agent *a, size_t q) {
  double wsum = 0;
  for (size_t i = 0; i < a->N; i++) wsum += 1 + a->unchanged[q][i];
  for (size_t i = 0; i < a->N; i++) {
    const size_t m = parley_issue_option_count(a->sc, i), b = a->base[i];
    uint32_t most = 0;
    for (size_t o = 0; o < m; o++)
      if (a->count[q][b + o] > most) most = a->count[q][b + o];
    a->mw[q][i] = (1 + a->unchanged[q][i]) / wsum;
    for (size_t o = 0; o < m; o++) a->mv[q][b + o] = (1.0 + a->count[q][b + o]) / (1.0 + most);
  }
}

void pl_agent_observe(pl_agent *a, size_t q, double t, const uint32_t *pkg) {
  if (q == a->party) return;
  a->cache_t = NAN; /* a new offer changes its model, and so its bid */
  for (size_t i = 0; i < a->N; i++) {
    a->count[q][a->base[i] + pkg[i]]++;
    if (a->offers_by[q] && a->last[q][i] == pkg[i]) a->unchanged[q][i]++;
    a->last[q][i] = pkg[i];
  }
  a->offers_by[q]++;
  if (a->spec.model == PARLEY_MODEL_FREQUENCY) remodel(a, q);
  if (!pl_grow(&a->seen, &a->cap_seen, a->n_seen + 1)) a->seen[a->n_seen++] = (struct pl_seen){t, own(a, pkg)};
  if (a->spec.strategy == PARLEY_STRATEGY_MICRO) { /* a package it has not received before */
    int fresh = 1;
    for (size_t k = 0; k < a->distinct_received && fresh; k++) fresh = memcmp(a->received + k * a->N, pkg, a->N * sizeof *pkg) != 0;
    if (fresh && !pl_grow(&a->received, &a->cap_received, (a->distinct_received + 1) * a->N))
      memcpy(a->received + a->distinct_received++ * a->N, pkg, a->N * sizeof *pkg);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Bids                                                                                       */

/* The package at or just above target that the model rates best (ties: the better for the
 * agent), into pkg; its utility to the agent. "Just above" is up to WINDOW above the target, or,
 * when nothing lies that close, the packages as good as the nearest one above it. A target above
 * everything gives its best. */
static double choose(pl_agent *a, double target, uint32_t *pkg) {
  const size_t n = bank_count(a);
  size_t first;
  const size_t c = bank_range(a, target, INFINITY, &first);
  double u;
  if (!c) {
    bank_get(a, n - 1, pkg, &u);
    return u;
  }
  if (a->spec.model == PARLEY_MODEL_NONE) { /* no model: the package nearest the target */
    bank_get(a, first, pkg, &u);
    return u;
  }
  double best = -INFINITY, best_u = -INFINITY, top = target + WINDOW;
  for (size_t k = first; k < first + c && k < first + SCAN; k++) {
    bank_get(a, k, a->scratch, &u);
    if (k == first && u > top) top = u; /* nothing within the window: the packages tied with the nearest */
    if (u > top) break;
    const double s = score(a, a->scratch);
    if (s > best || (s == best && u > best_u)) {
      best = s, best_u = u;
      memcpy(pkg, a->scratch, a->N * sizeof *pkg);
    }
  }
  return best_u;
}

/* A random package among those the agent would offer at time t. */
static double random_bid(pl_agent *a, double t, uint32_t *pkg) {
  size_t first;
  const size_t c = bank_range(a, floor_at(a, t), INFINITY, &first);
  double u;
  bank_get(a, c ? first + (size_t)(pl_prng_next(&a->rng) % c) : bank_count(a) - 1, pkg, &u);
  return u;
}

static double strategy_e(const pl_agent *a) {
  switch (a->spec.strategy) {
    case PARLEY_STRATEGY_BOULWARE: return 0.2;
    case PARLEY_STRATEGY_LINEAR: return 1;
    case PARLEY_STRATEGY_CONCEDER: return 2;
    case PARLEY_STRATEGY_HARDLINER: return 0;
    default: return a->spec.e;
  }
}

#ifndef NDEBUG
static int time_dependent(const pl_agent *a) { return a->spec.strategy <= PARLEY_STRATEGY_TIME; }
#endif

/* Tit-for-tat's target at time t: where it stood, lowered by the last concession it received
 * (in its own utility); its best before it has offered. */
static double tft_target(const pl_agent *a, double t) {
  double conceded = 0;
  if (a->n_seen >= 2) conceded = a->seen[a->n_seen - 1].u - a->seen[a->n_seen - 2].u;
  const double target = a->n_made ? a->last_target - fmax(0, conceded) : a->umax;
  return fmin(a->umax, fmax(target, floor_at(a, t)));
}

/* The bid the agent would make at time t, into a->best, and its utility; the agent's state is
 * left as it was, and the bid kept for pl_agent_offer at the same time (AC_next compares an
 * offer with this bid: the one the agent is about to make). */
static double bid(pl_agent *a, double t) {
  if (a->cache_t == t) return a->cache_u;
  double u;
  switch (a->spec.strategy) {
    case PARLEY_STRATEGY_TIT_FOR_TAT: a->cache_target = tft_target(a, t), u = choose(a, a->cache_target, a->best); break;
    case PARLEY_STRATEGY_MICRO: {
      const size_t n = bank_count(a);
      int fresh = a->distinct_received >= a->distinct_made && a->distinct_made < n;
      if (fresh) {
        bank_get(a, n - 1 - a->distinct_made, a->best, &u);
        fresh = u >= floor_at(a, t);
      }
      a->cache_fresh = fresh;
      if (!fresh && a->n_made) { /* concede nothing: its last offer again */
        memcpy(a->best, a->made + (a->n_made - 1) * a->N, a->N * sizeof *a->best);
        u = own(a, a->best);
      } else if (!fresh) {
        bank_get(a, n - 1, a->best, &u);
      }
      break;
    }
    case PARLEY_STRATEGY_RANDOM: u = random_bid(a, t, a->best); break;
    default: a->cache_target = pl_target(floor_at(a, t), a->umax, strategy_e(a), t), u = choose(a, a->cache_target, a->best);
  }
  a->cache_t = t, a->cache_u = u;
  return u;
}

int pl_agent_offer(pl_agent *a, double t, uint32_t *pkg) {
  const double u = bid(a, t);
  memcpy(pkg, a->best, a->N * sizeof *pkg);
  if (a->spec.strategy == PARLEY_STRATEGY_TIT_FOR_TAT) a->last_target = a->cache_target;
  if (a->spec.strategy == PARLEY_STRATEGY_MICRO && a->cache_fresh) a->distinct_made++;
#ifndef NDEBUG
  pl_assert(parley_red_line_crossed_count(a->sc, a->party, pkg) == 0); /* G1 */
  if (time_dependent(a) || a->spec.strategy == PARLEY_STRATEGY_TIT_FOR_TAT)
    pl_assert(u >= a->cache_target - 1e-9 || u >= a->umax - 1e-9);
#endif
  a->cache_t = NAN; /* what it has done changes what it would do */
  if (u < a->lowest_offered) a->lowest_offered = u;
  if (pl_grow(&a->made, &a->cap_made, (a->n_made + 1) * a->N)) return PARLEY_ERR_NOMEM;
  memcpy(a->made + a->n_made++ * a->N, pkg, a->N * sizeof *pkg);
  return 0;
}

int pl_agent_accepts(pl_agent *a, double t, const uint32_t *offer) {
  if (!acceptable(a, t, offer)) return 0;
  const double u = own(a, offer), next = bid(a, t);
  int yes;
  switch (a->spec.ac) {
    case PARLEY_AC_CONST: yes = u >= a->spec.ac_x; break;
    case PARLEY_AC_TIME: yes = t >= a->spec.ac_x || u >= next; break;
    case PARLEY_AC_COMBI: {
      yes = u >= next;
      if (!yes && t >= a->spec.ac_x) { /* the best offer seen in the last window of length 1 - t */
        double best = -INFINITY;
        for (size_t k = 0; k < a->n_seen; k++)
          if (a->seen[k].t >= t - (1 - t) && a->seen[k].u > best) best = a->seen[k].u;
        yes = u >= best;
      }
      break;
    }
    default: yes = u >= next;
  }
#ifndef NDEBUG
  if (yes) pl_assert(acceptable(a, t, offer)); /* G2 */
#endif
  return yes;
}

/* ------------------------------------------------------------------------------------------ */
/* Life                                                                                       */

int pl_agent_init(pl_agent *a, const parley_scenario *sc, size_t party, const parley_agent_spec *spec,
                  const parley_offer_index *ix, const pl_pool *pool, size_t rounds, uint64_t seed) {
  memset(a, 0, sizeof *a);
  a->sc = sc, a->party = party, a->spec = *spec, a->ix = ix, a->pool = pool;
  a->P = parley_party_count(sc), a->N = parley_issue_count(sc);
  a->step = 1.0 / (double)(rounds ? rounds : 1);
  a->rng = seed ^ (0x9e3779b97f4a7c15ULL * (party + 1));
  a->lowest_offered = INFINITY;
  const size_t n = bank_count(a), NN = a->N ? a->N : 1;
  if (n) {
    bank_get(a, 0, NULL, &a->umin);
    bank_get(a, n - 1, NULL, &a->umax);
  }
  a->last_target = a->umax;
  a->cache_t = NAN;
  size_t options = 0;
  a->base = malloc(NN * sizeof *a->base);
  if (!a->base) return PARLEY_ERR_NOMEM;
  for (size_t i = 0; i < a->N; i++) a->base[i] = options, options += parley_issue_option_count(sc, i);
  a->mw = calloc(a->P, sizeof *a->mw), a->mv = calloc(a->P, sizeof *a->mv);
  a->count = calloc(a->P, sizeof *a->count), a->unchanged = calloc(a->P, sizeof *a->unchanged);
  a->last = calloc(a->P, sizeof *a->last), a->offers_by = calloc(a->P, sizeof *a->offers_by);
  a->scratch = malloc(NN * sizeof *a->scratch), a->best = malloc(NN * sizeof *a->best);
  if (!a->count || !a->unchanged || !a->last || !a->offers_by || !a->scratch || !a->best || !a->mw || !a->mv)
    return PARLEY_ERR_NOMEM;
  for (size_t q = 0; q < a->P; q++) {
    if (q == party) continue;
    a->count[q] = calloc(options ? options : 1, sizeof **a->count);
    a->unchanged[q] = calloc(NN, sizeof **a->unchanged);
    a->last[q] = calloc(NN, sizeof **a->last);
    a->mw[q] = calloc(NN, sizeof **a->mw), a->mv[q] = calloc(options ? options : 1, sizeof **a->mv);
    if (!a->count[q] || !a->unchanged[q] || !a->last[q] || !a->mw[q] || !a->mv[q]) return PARLEY_ERR_NOMEM;
  }
  return 0;
}

void pl_agent_free(pl_agent *a) {
  for (size_t q = 0; a->count && q < a->P; q++) free(a->count[q]), free(a->unchanged[q]), free(a->last[q]);
  for (size_t q = 0; a->mw && q < a->P; q++) free(a->mw[q]), free(a->mv[q]);
  free(a->count), free(a->unchanged), free(a->last), free(a->offers_by), free(a->mw), free(a->mv), free(a->base);
  free(a->seen), free(a->received), free(a->made), free(a->scratch), free(a->best);
  memset(a, 0, sizeof *a);
}
