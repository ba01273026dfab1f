/* beliefs.c — the mediators' pictures of the parties (`beliefs:` in the mediation section): the
 * builder's side (a partial profile per mediator and party, filled through the ordinary profile
 * setters by a handle), its checks, and the scenario's side, where each belief is held merged
 * with the party's true profile.
 *
 * Invariants of a built scenario's beliefs (asserted by beliefs_check):
 *   B1. Each belief's mediator and party exist, the party is not the mediator itself, and no
 *       mediator holds two beliefs about one party.
 *   B2. A belief's profile is the party's true one wherever its keys (and, per issue, its
 *       values flags) do not say otherwise: same id, and the same power, reservation, discount
 *       and weights when those keys are absent. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/builder.h"
#include "model/builder_data.h"
#include "model/scenario.h"
#include "util/check.h"
#include "util/error.h"
#include "util/vec.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")

static void belief_free(b_belief *bl);

static size_t mediator_index(const b_mediation *m, const char *id) {
  for (size_t k = 0; k < m->n_mediators; k++)
    if (!strcmp(m->mediators[k].id, id)) return k;
  return PARLEY_NONE;
}

/* The problem with belief k (its ids, and its being the first of its pair), or 0. */
static int check_ids(const parley_builder *b, size_t k, parley_error *err) {
  const b_belief *bl = &b->mediation.beliefs[k];
  if (mediator_index(&b->mediation, bl->mediator) == PARLEY_NONE)
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "beliefs of '%s', which is not among the mediators", bl->mediator);
  if (pl_builder_party_find(b, bl->party) == PARLEY_NONE)
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a belief of '%s' about '%s', which is not a party", bl->mediator, bl->party);
  if (!strcmp(bl->mediator, bl->party))
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0,
                   "a belief of '%s' about itself; a mediator that is a party drafts with its own true profile", bl->party);
  for (size_t j = 0; j < k; j++)
    if (!strcmp(b->mediation.beliefs[j].mediator, bl->mediator) && !strcmp(b->mediation.beliefs[j].party, bl->party))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the belief of '%s' about '%s' is given twice", bl->mediator, bl->party);
  return 0;
}

int parley_builder_add_belief(parley_builder *b, const char *mediator_id, const char *party_id, size_t *profile,
                              parley_error *err) {
  if (!b || !mediator_id || !party_id) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  b_mediation *m = &b->mediation;
  if (pl_grow(&m->beliefs, &m->cap_beliefs, m->n_beliefs + 1)) return NOMEM(err);
  b_belief *bl = &m->beliefs[m->n_beliefs];
  memset(bl, 0, sizeof *bl);
  bl->profile = calloc(1, sizeof *bl->profile);
  if (!bl->profile || pl_builder_strdup(&bl->mediator, mediator_id) || pl_builder_strdup(&bl->party, party_id) ||
      pl_builder_strdup(&bl->profile->id, party_id)) {
    free(bl->mediator), free(bl->party), pl_builder_party_free(bl->profile);
    return NOMEM(err);
  }
  b_party *pa = bl->profile;
  pa->power = 1, pa->discount = 1, pa->normalise = 1;
  pa->reservation_q = pl_q_int(0);
  for (size_t i = 0; i < PARLEY_MAX_ISSUES; i++) pa->weight_q[i] = pl_q_int(0);
  m->n_beliefs++;
  int rc = check_ids(b, m->n_beliefs - 1, err);
  if (rc) {
    belief_free(&m->beliefs[--m->n_beliefs]);
    return rc;
  }
  if (profile) *profile = PL_BELIEF_HANDLE(m->n_beliefs - 1);
  return 0;
}

static void belief_free(b_belief *bl) {
  free(bl->mediator), free(bl->party);
  pl_builder_party_free(bl->profile);
  memset(bl, 0, sizeof *bl);
}

void pl_beliefs_free(b_mediation *m) {
  for (size_t k = 0; k < m->n_beliefs; k++) belief_free(&m->beliefs[k]);
  free(m->beliefs);
  m->beliefs = NULL;
  m->n_beliefs = m->cap_beliefs = 0;
}

/* The party's true profile t with the belief's parts in their place (sharing their memory). */
static void merge(const parley_builder *b, const b_party *t, const b_party *bel, b_party *m) {
  *m = *t;
  if (bel->given & PL_KEY_POWER) m->power = bel->power;
  if (bel->given & PL_KEY_RESERVATION)
    m->reservation = bel->reservation, m->reservation_q = bel->reservation_q, m->reservation_dist = bel->reservation_dist,
    m->reservation_sched = bel->reservation_sched;
  if (bel->given & PL_KEY_DISCOUNT) m->discount = bel->discount;
  if (bel->given & PL_KEY_WEIGHTS) {
    memcpy(m->weight, bel->weight, sizeof m->weight);
    memcpy(m->weight_q, bel->weight_q, sizeof m->weight_q);
    memcpy(m->order, bel->order, sizeof m->order);
    m->n_order = bel->n_order;
    m->normalise = bel->normalise;
    memcpy(m->weight_dist, bel->weight_dist, sizeof m->weight_dist);
    memcpy(m->weight_sched, bel->weight_sched, sizeof m->weight_sched);
    m->has_alpha = bel->has_alpha;
  }
  for (size_t i = 0; i < b->n_issues; i++)
    if (bel->value[i])
      m->value[i] = bel->value[i], m->value_q[i] = bel->value_q[i], m->n_value[i] = bel->n_value[i],
      m->value_dist[i] = bel->value_dist[i], m->points[i] = bel->points[i];
  if (bel->given & PL_KEY_INTERACTIONS) m->interactions = bel->interactions;
  if (bel->given & PL_KEY_RED_LINES) m->red_lines = bel->red_lines;
}

/* Belief k as a whole: its ids, and its profile merged with the truth. */
static int check_one(const parley_builder *b, size_t k, parley_error *err) {
  int rc = check_ids(b, k, err);
  if (rc) return rc;
  const b_belief *bl = &b->mediation.beliefs[k];
  b_party *m = malloc(sizeof *m);
  if (!m) return NOMEM(err);
  merge(b, b->parties[pl_builder_party_find(b, bl->party)], bl->profile, m);
  parley_error e = {0};
  rc = pl_check_profile(b, m, &e);
  free(m);
  if (rc) return pl_fail(err, rc, NULL, 0, 0, "the belief of '%s' about '%s': %s", bl->mediator, bl->party, e.message);
  return 0;
}

int pl_builder_check_belief(const parley_builder *b, size_t profile, parley_error *err) {
  const size_t k = profile - PL_BELIEF_HANDLE(0);
  if (!b || profile < PL_BELIEF_HANDLE(0) || k >= b->mediation.n_beliefs)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no belief with handle %zu", profile);
  return check_one(b, k, err);
}

int pl_beliefs_check(const parley_builder *b, parley_error *err) {
  int rc = 0;
  for (size_t k = 0; rc == 0 && k < b->mediation.n_beliefs; k++) rc = check_one(b, k, err);
  return rc;
}

static void beliefs_check(const parley_scenario *sc) {
#ifndef NDEBUG
  const pl_mediation *md = &sc->mediation;
  for (uint32_t k = 0; k < md->n_beliefs; k++) {
    const pl_belief *bl = &md->beliefs[k];
    pl_assert(bl->mediator < md->n_mediators && bl->party < sc->n_parties); /* B1 */
    pl_assert(md->mediators[bl->mediator].party != bl->party);
    for (uint32_t j = 0; j < k; j++) pl_assert(md->beliefs[j].mediator != bl->mediator || md->beliefs[j].party != bl->party);
    const pl_party *t = &sc->parties[bl->party], *p = &bl->profile; /* B2 */
    pl_assert(!strcmp(t->id, p->id));
    if (!(bl->keys & PL_KEY_POWER)) pl_assert(t->power == p->power);
    if (!(bl->keys & PL_KEY_RESERVATION)) pl_assert(t->reservation == p->reservation);
    if (!(bl->keys & PL_KEY_DISCOUNT)) pl_assert(t->discount == p->discount);
    for (uint32_t i = 0; !(bl->keys & PL_KEY_WEIGHTS) && i < sc->n_issues; i++) pl_assert(t->weight[i] == p->weight[i]);
  }
#else
  (void)sc;
#endif
}

void pl_beliefs_build(const parley_builder *b, parley_scenario *sc, int *nomem) {
  const b_mediation *m = &b->mediation;
  pl_mediation *md = &sc->mediation;
  md->n_beliefs = 0;
  md->beliefs = NULL;
  if (!m->n_beliefs || *nomem) return;
  pl_arena *a = &sc->arena;
  b_party *merged = malloc(sizeof *merged);
  md->beliefs = pl_arena_array(a, m->n_beliefs, sizeof *md->beliefs);
  if (!merged || !md->beliefs) {
    free(merged);
    *nomem = 1;
    return;
  }
  for (size_t k = 0; k < m->n_beliefs && !*nomem; k++) {
    const b_belief *src = &m->beliefs[k];
    pl_belief *d = &md->beliefs[k];
    const size_t p = pl_builder_party_find(b, src->party);
    d->mediator = (uint32_t)mediator_index(m, src->mediator);
    d->party = (uint32_t)p;
    d->keys = src->profile->given & PL_KEY_ALL;
    if (!(d->values = pl_arena_alloc(a, b->n_issues ? b->n_issues : 1))) {
      *nomem = 1;
      break;
    }
    for (size_t i = 0; i < b->n_issues; i++) d->values[i] = src->profile->value[i] != NULL;
    merge(b, b->parties[p], src->profile, merged);
    pl_build_profile(a, b, merged, &d->profile, nomem);
    if (!*nomem) d->profile.name = sc->parties[p].name;
    sc->timed |= !*nomem && (d->profile.reservation_sched || d->profile.weight_sched);
    md->n_beliefs++;
  }
  free(merged);
  if (!*nomem) beliefs_check(sc);
}

int pl_beliefs_copy_in(parley_builder *b, const parley_scenario *sc, parley_error *err) {
  const pl_mediation *md = &sc->mediation;
  int rc = 0;
  for (uint32_t k = 0; rc == 0 && k < md->n_beliefs; k++) {
    const pl_belief *bl = &md->beliefs[k];
    size_t h;
    rc = parley_builder_add_belief(b, md->mediators[bl->mediator].id, sc->parties[bl->party].id, &h, err);
    if (rc == 0) rc = pl_builder_put_profile(b, pl_builder_profile(b, h), sc, &bl->profile, bl->keys, bl->values, err);
  }
  return rc;
}

int pl_builder_believe(parley_builder *b, const parley_scenario *sc, size_t belief, size_t party, parley_error *err) {
  if (!b || !sc || belief >= sc->mediation.n_beliefs || party >= b->n_parties)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  return pl_builder_put_profile(b, b->parties[party], sc, &sc->mediation.beliefs[belief].profile, PL_KEY_ALL, NULL, err);
}

/* ------------------------------------------------------------------------------------------ */
/* Getters                                                                                    */

size_t parley_belief_count(const parley_scenario *sc) { return sc ? sc->mediation.n_beliefs : 0; }

int parley_belief_get(const parley_scenario *sc, size_t k, size_t *mediator, size_t *party) {
  if (!sc || k >= sc->mediation.n_beliefs) return PARLEY_ERR_ARG;
  if (mediator) *mediator = sc->mediation.beliefs[k].mediator;
  if (party) *party = sc->mediation.beliefs[k].party;
  return 0;
}

size_t parley_belief_find(const parley_scenario *sc, size_t mediator, size_t party) {
  for (size_t k = 0; sc && k < sc->mediation.n_beliefs; k++)
    if (sc->mediation.beliefs[k].mediator == mediator && sc->mediation.beliefs[k].party == party) return k;
  return PARLEY_NONE;
}

double parley_belief_reservation(const parley_scenario *sc, size_t k) {
  return sc && k < sc->mediation.n_beliefs ? sc->mediation.beliefs[k].profile.reservation : NAN;
}
