/* mediation.c — the `mediation:` section: who may mediate, who drafts, whose input it takes, and
 * who talks to whom; the builder's side (ids, checked as they come and again as a whole) and the
 * scenario's (actor indices, channel distances), with the getters.
 *
 * Invariants of a built scenario's pl_mediation (asserted by mediation_check):
 *   M1. n_mediators == 0, or drafting < n_mediators and drafts_with names at least one party.
 *   M2. Actors are the parties, then the outside mediators in their order: a mediator that is a
 *       party has actor == party, an outside one actor >= n_parties.
 *   M3. distance is symmetric, 0 on the diagonal, and every party the drafting mediator drafts
 *       with is at a finite distance from it. */
#include <stdlib.h>
#include <string.h>

#include "model/builder.h"
#include "model/builder_data.h"
#include "model/scenario.h"
#include "util/check.h"
#include "util/error.h"
#include "util/vec.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")

void pl_mediation_free(b_mediation *m) {
  for (size_t k = 0; k < m->n_mediators; k++) free(m->mediators[k].id), free(m->mediators[k].name);
  free(m->mediators);
  free(m->drafting);
  for (size_t k = 0; k < m->n_drafts; k++) free(m->drafts_with[k]);
  free(m->drafts_with);
  for (size_t k = 0; k < m->n_channel_ids; k++) free(m->channel[k]);
  free(m->channel);
  pl_beliefs_free(m);
  memset(m, 0, sizeof *m);
}

static size_t mediator_of(const b_mediation *m, const char *id) {
  for (size_t k = 0; k < m->n_mediators; k++)
    if (!strcmp(m->mediators[k].id, id)) return k;
  return PARLEY_NONE;
}

size_t pl_builder_mediator_find(const parley_builder *b, const char *id) {
  return b && id ? mediator_of(&b->mediation, id) : PARLEY_NONE;
}

/* An id a channel may name: a party or a mediator. */
static int known_actor(const parley_builder *b, const char *id) {
  return pl_builder_party_find(b, id) != PARLEY_NONE || mediator_of(&b->mediation, id) != PARLEY_NONE;
}

int parley_builder_add_mediator(parley_builder *b, const char *id, const char *name, parley_error *err) {
  if (!b || !id || !*id) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  b_mediation *m = &b->mediation;
  if (mediator_of(m, id) != PARLEY_NONE)
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "mediator '%s' is listed twice", id);
  if (pl_grow(&m->mediators, &m->cap_mediators, m->n_mediators + 1)) return NOMEM(err);
  b_mediator *md = &m->mediators[m->n_mediators];
  md->id = md->name = NULL;
  if (pl_builder_strdup(&md->id, id) || pl_builder_strdup(&md->name, name)) {
    free(md->id), free(md->name);
    return NOMEM(err);
  }
  m->n_mediators++;
  return 0;
}

int parley_builder_clear_mediation(parley_builder *b, parley_error *err) {
  if (!b) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  pl_mediation_free(&b->mediation);
  return 0;
}

int parley_builder_set_drafting_mediator(parley_builder *b, const char *id, parley_error *err) {
  if (!b || !id) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  if (mediator_of(&b->mediation, id) == PARLEY_NONE)
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "'%s' is not among the mediators", id);
  return pl_builder_strdup(&b->mediation.drafting, id) ? NOMEM(err) : 0;
}

/* The problem with drafting with id, or 0. */
static int check_drafts_with(const parley_builder *b, const char *id, parley_error *err) {
  if (pl_builder_party_find(b, id) != PARLEY_NONE) return 0;
  if (mediator_of(&b->mediation, id) != PARLEY_NONE)
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0,
                   "'%s' is an outside mediator, with no preferences to draft with; drafts_with names parties", id);
  return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "drafts_with names '%s', which is not a party", id);
}

int parley_builder_add_drafts_with(parley_builder *b, const char *party_id, parley_error *err) {
  if (!b || !party_id) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  b_mediation *m = &b->mediation;
  int rc = check_drafts_with(b, party_id, err);
  if (rc) return rc;
  for (size_t k = 0; k < m->n_drafts; k++)
    if (!strcmp(m->drafts_with[k], party_id))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "drafts_with names '%s' twice", party_id);
  if (pl_grow(&m->drafts_with, &m->cap_drafts, m->n_drafts + 1)) return NOMEM(err);
  m->drafts_with[m->n_drafts] = NULL;
  if (pl_builder_strdup(&m->drafts_with[m->n_drafts], party_id)) return NOMEM(err);
  m->n_drafts++;
  return 0;
}

/* The problem with a channel between a and c, or 0; from: the channels already given. */
static int check_channel(const parley_builder *b, const char *a, const char *c, size_t upto, parley_error *err) {
  for (int s = 0; s < 2; s++) {
    const char *id = s ? c : a;
    if (!known_actor(b, id))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a channel to '%s', which is neither a party nor a mediator", id);
  }
  if (!strcmp(a, c)) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a channel from '%s' to itself", a);
  const b_mediation *m = &b->mediation;
  for (size_t k = 0; k + 1 < upto; k += 2) {
    const char *x = m->channel[k], *y = m->channel[k + 1];
    if ((!strcmp(x, a) && !strcmp(y, c)) || (!strcmp(x, c) && !strcmp(y, a)))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the channel between '%s' and '%s' is given twice", a, c);
  }
  return 0;
}

int parley_builder_add_channel(parley_builder *b, const char *a, const char *c, parley_error *err) {
  if (!b || !a || !c) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  b_mediation *m = &b->mediation;
  int rc = check_channel(b, a, c, m->n_channel_ids, err);
  if (rc) return rc;
  if (pl_grow(&m->channel, &m->cap_channel_ids, m->n_channel_ids + 2)) return NOMEM(err);
  m->channel[m->n_channel_ids] = m->channel[m->n_channel_ids + 1] = NULL;
  if (pl_builder_strdup(&m->channel[m->n_channel_ids], a) || pl_builder_strdup(&m->channel[m->n_channel_ids + 1], c)) {
    free(m->channel[m->n_channel_ids]), free(m->channel[m->n_channel_ids + 1]);
    return NOMEM(err);
  }
  m->n_channel_ids += 2;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Actors and distances                                                                       */

/* The actor an id names (parties, then outside mediators in order), or PARLEY_NONE. */
static size_t actor_of(const parley_builder *b, const char *id) {
  size_t p = pl_builder_party_find(b, id);
  if (p != PARLEY_NONE) return p;
  size_t actor = b->n_parties;
  for (size_t k = 0; k < b->mediation.n_mediators; k++) {
    const char *mid = b->mediation.mediators[k].id;
    if (pl_builder_party_find(b, mid) != PARLEY_NONE) continue;
    if (!strcmp(mid, id)) return actor;
    actor++;
  }
  return PARLEY_NONE;
}

static size_t actor_total(const parley_builder *b) {
  size_t n = b->n_parties;
  for (size_t k = 0; k < b->mediation.n_mediators; k++) n += pl_builder_party_find(b, b->mediation.mediators[k].id) == PARLEY_NONE;
  return n;
}

/* Each channel's two ends as actors (ends: 2 per channel). */
static void channel_ends(const parley_builder *b, uint32_t *ends) {
  for (size_t k = 0; k < b->mediation.n_channel_ids; k++) ends[k] = (uint32_t)actor_of(b, b->mediation.channel[k]);
}

/* Hops between every two of the n actors by breadth-first search over the channels (ends, 2 per
 * channel; all 1 apart when there are none); dist is n x n. */
static void distances(size_t n, const uint32_t *ends, size_t n_ends, uint32_t *dist, uint32_t *queue) {
  for (size_t s = 0; s < n; s++) {
    uint32_t *d = dist + s * n;
    for (size_t t = 0; t < n; t++) d[t] = n_ends ? UINT32_MAX : (t == s ? 0 : 1);
    if (!n_ends) continue;
    d[s] = 0;
    size_t head = 0, tail = 0;
    queue[tail++] = (uint32_t)s;
    while (head < tail) {
      const uint32_t u = queue[head++];
      for (size_t k = 0; k + 1 < n_ends; k += 2) {
        const size_t x = ends[k], y = ends[k + 1];
        const size_t v = x == u ? y : y == u ? x : PARLEY_NONE;
        if (v == PARLEY_NONE || v >= n || d[v] != UINT32_MAX) continue;
        d[v] = d[u] + 1;
        queue[tail++] = (uint32_t)v;
      }
    }
  }
}

int pl_mediation_check(const parley_builder *b, parley_error *err) {
  const b_mediation *m = &b->mediation;
  if (!m->n_mediators) {
    if (m->drafting || m->n_drafts || m->n_channel_ids || m->n_beliefs)
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the mediation names no mediators");
    return 0;
  }
  if (m->drafting && mediator_of(m, m->drafting) == PARLEY_NONE)
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "'%s' is not among the mediators", m->drafting);
  int rc = 0;
  for (size_t k = 0; rc == 0 && k < m->n_drafts; k++) rc = check_drafts_with(b, m->drafts_with[k], err);
  for (size_t k = 0; rc == 0 && k + 1 < m->n_channel_ids; k += 2) rc = check_channel(b, m->channel[k], m->channel[k + 1], k, err);
  if (rc == 0) rc = pl_beliefs_check(b, err);
  if (rc) return rc;
  /* the drafting mediator must hear everyone it drafts with */
  const size_t n = actor_total(b);
  uint32_t *dist = malloc(n * n * sizeof *dist), *queue = malloc(n * sizeof *queue);
  uint32_t *ends = malloc((m->n_channel_ids ? m->n_channel_ids : 1) * sizeof *ends);
  if (!dist || !queue || !ends) {
    free(dist), free(queue), free(ends);
    return NOMEM(err);
  }
  channel_ends(b, ends);
  distances(n, ends, m->n_channel_ids, dist, queue);
  free(ends);
  const char *drafter = m->drafting ? m->drafting : m->mediators[0].id;
  const size_t from = actor_of(b, drafter);
  for (size_t p = 0; rc == 0 && p < b->n_parties; p++) {
    int drafts = m->n_drafts == 0;
    for (size_t k = 0; k < m->n_drafts && !drafts; k++) drafts = !strcmp(m->drafts_with[k], b->parties[p]->id);
    if (drafts && p != from && dist[from * n + p] == UINT32_MAX)
      rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0,
                   "mediator '%s' drafts with '%s', but no channel path joins them; add a channel, or leave '%s' out of "
                   "drafts_with",
                   drafter, b->parties[p]->id, b->parties[p]->id);
  }
  free(dist), free(queue);
  return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Into a scenario and back                                                                   */

static void mediation_check(const parley_scenario *sc) {
#ifndef NDEBUG
  const pl_mediation *md = &sc->mediation;
  if (!md->n_mediators) return;
  pl_assert(md->drafting < md->n_mediators && md->drafts_with != 0); /* M1 */
  for (uint32_t k = 0; k < md->n_mediators; k++) {                   /* M2 */
    const pl_mediator *x = &md->mediators[k];
    pl_assert(x->party == UINT32_MAX ? x->actor >= sc->n_parties && x->actor < md->n_actors : x->actor == x->party);
  }
  const uint32_t n = md->n_actors, from = md->mediators[md->drafting].actor;
  for (uint32_t s = 0; s < n; s++) /* M3 */
    for (uint32_t t = 0; t < n; t++) pl_assert(md->distance[s * n + t] == md->distance[t * n + s] && (s != t || md->distance[s * n + t] == 0));
  for (uint32_t p = 0; p < sc->n_parties; p++)
    if (md->drafts_with >> p & 1) pl_assert(md->distance[from * n + p] != UINT32_MAX);
#else
  (void)sc;
#endif
}

void pl_mediation_build(const parley_builder *b, parley_scenario *sc, int *nomem) {
  const b_mediation *m = &b->mediation;
  pl_mediation *md = &sc->mediation;
  memset(md, 0, sizeof *md);
  if (!m->n_mediators || *nomem) return;
  pl_arena *a = &sc->arena;
  const size_t n = actor_total(b);
  md->n_mediators = (uint32_t)m->n_mediators;
  md->mediators = pl_arena_array(a, m->n_mediators, sizeof *md->mediators);
  md->n_actors = (uint32_t)n;
  md->actor_id = pl_arena_array(a, n, sizeof *md->actor_id);
  md->actor_name = pl_arena_array(a, n, sizeof *md->actor_name);
  md->n_channels = (uint32_t)(m->n_channel_ids / 2);
  md->channel = pl_arena_array(a, m->n_channel_ids ? m->n_channel_ids : 1, sizeof *md->channel);
  md->distance = pl_arena_array(a, n * n, sizeof *md->distance);
  uint32_t *queue = malloc(n * sizeof *queue);
  if (!md->mediators || !md->actor_id || !md->actor_name || !md->channel || !md->distance || !queue) {
    free(queue);
    *nomem = 1;
    return;
  }
  for (size_t p = 0; p < b->n_parties; p++) {
    md->actor_id[p] = sc->parties[p].id;
    md->actor_name[p] = sc->parties[p].name;
  }
  for (size_t k = 0; k < m->n_mediators; k++) {
    const b_mediator *src = &m->mediators[k];
    pl_mediator *x = &md->mediators[k];
    const size_t p = pl_builder_party_find(b, src->id);
    x->actor = (uint32_t)actor_of(b, src->id);
    x->party = p == PARLEY_NONE ? UINT32_MAX : (uint32_t)p;
    x->id = p == PARLEY_NONE ? pl_build_strdup(a, src->id, NULL, nomem) : sc->parties[p].id;
    x->name = p == PARLEY_NONE ? pl_build_strdup(a, src->name, src->id, nomem) : sc->parties[p].name;
    if (p == PARLEY_NONE) md->actor_id[x->actor] = x->id, md->actor_name[x->actor] = x->name;
  }
  md->drafting = (uint32_t)(m->drafting ? mediator_of(m, m->drafting) : 0);
  for (size_t p = 0; p < b->n_parties; p++) {
    int drafts = m->n_drafts == 0;
    for (size_t k = 0; k < m->n_drafts && !drafts; k++) drafts = !strcmp(m->drafts_with[k], b->parties[p]->id);
    if (drafts) md->drafts_with |= (uint64_t)1 << p;
  }
  channel_ends(b, md->channel);
  distances(n, md->channel, m->n_channel_ids, md->distance, queue);
  free(queue);
  pl_beliefs_build(b, sc, nomem);
  if (!*nomem) mediation_check(sc);
}

int pl_mediation_copy_in(parley_builder *b, const parley_scenario *sc, parley_error *err) {
  const pl_mediation *md = &sc->mediation;
  int rc = 0;
  for (uint32_t k = 0; rc == 0 && k < md->n_mediators; k++)
    rc = parley_builder_add_mediator(b, md->mediators[k].id, md->mediators[k].party == UINT32_MAX ? md->mediators[k].name : NULL, err);
  if (rc == 0 && md->n_mediators && md->drafting != 0)
    rc = parley_builder_set_drafting_mediator(b, md->mediators[md->drafting].id, err);
  const uint64_t every = sc->n_parties == 64 ? ~(uint64_t)0 : (((uint64_t)1 << sc->n_parties) - 1);
  for (uint32_t p = 0; rc == 0 && md->n_mediators && md->drafts_with != every && p < sc->n_parties; p++)
    if (md->drafts_with >> p & 1) rc = parley_builder_add_drafts_with(b, sc->parties[p].id, err);
  for (uint32_t k = 0; rc == 0 && k < md->n_channels; k++)
    rc = parley_builder_add_channel(b, md->actor_id[md->channel[2 * k]], md->actor_id[md->channel[2 * k + 1]], err);
  if (rc == 0) rc = pl_beliefs_copy_in(b, sc, err);
  return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Getters                                                                                    */

size_t parley_mediator_count(const parley_scenario *sc) { return sc ? sc->mediation.n_mediators : 0; }

static const pl_mediator *mediator_at(const parley_scenario *sc, size_t m) {
  return sc && m < sc->mediation.n_mediators ? &sc->mediation.mediators[m] : NULL;
}

const char *parley_mediator_id(const parley_scenario *sc, size_t m) {
  const pl_mediator *x = mediator_at(sc, m);
  return x ? x->id : NULL;
}
const char *parley_mediator_name(const parley_scenario *sc, size_t m) {
  const pl_mediator *x = mediator_at(sc, m);
  return x ? x->name : NULL;
}
size_t parley_mediator_party(const parley_scenario *sc, size_t m) {
  const pl_mediator *x = mediator_at(sc, m);
  return x && x->party != UINT32_MAX ? x->party : PARLEY_NONE;
}
size_t parley_mediator_actor(const parley_scenario *sc, size_t m) {
  const pl_mediator *x = mediator_at(sc, m);
  return x ? x->actor : PARLEY_NONE;
}
size_t parley_mediator_find(const parley_scenario *sc, const char *id) {
  for (size_t m = 0; sc && id && m < sc->mediation.n_mediators; m++)
    if (!strcmp(sc->mediation.mediators[m].id, id)) return m;
  return PARLEY_NONE;
}
size_t parley_mediator_drafting(const parley_scenario *sc) {
  return sc && sc->mediation.n_mediators ? sc->mediation.drafting : PARLEY_NONE;
}
int parley_drafts_with(const parley_scenario *sc, size_t party) {
  if (!sc || party >= sc->n_parties) return 0;
  return !sc->mediation.n_mediators || (sc->mediation.drafts_with >> party & 1);
}
size_t parley_actor_count(const parley_scenario *sc) {
  return !sc ? 0 : sc->mediation.n_mediators ? sc->mediation.n_actors : sc->n_parties;
}
const char *parley_actor_id(const parley_scenario *sc, size_t actor) {
  if (!sc || actor >= parley_actor_count(sc)) return NULL;
  return actor < sc->n_parties ? sc->parties[actor].id : sc->mediation.actor_id[actor];
}
const char *parley_actor_name(const parley_scenario *sc, size_t actor) {
  if (!sc || actor >= parley_actor_count(sc)) return NULL;
  return actor < sc->n_parties ? sc->parties[actor].name : sc->mediation.actor_name[actor];
}
size_t parley_channel_count(const parley_scenario *sc) { return sc ? sc->mediation.n_channels : 0; }
int parley_channel_get(const parley_scenario *sc, size_t k, size_t *a, size_t *b) {
  if (!sc || k >= sc->mediation.n_channels) return PARLEY_ERR_ARG;
  if (a) *a = sc->mediation.channel[2 * k];
  if (b) *b = sc->mediation.channel[2 * k + 1];
  return 0;
}
size_t parley_channel_distance(const parley_scenario *sc, size_t from, size_t to) {
  const size_t n = parley_actor_count(sc);
  if (from >= n || to >= n) return PARLEY_NONE;
  if (!sc->mediation.n_mediators) return from == to ? 0 : 1;
  const uint32_t d = sc->mediation.distance[from * n + to];
  return d == UINT32_MAX ? PARLEY_NONE : d;
}
