/* pool.c — the packages an agent bids from where the outcome space is too large for an offer
 * index (more than PARLEY_DEFAULT_MAX_INDEXED packages, like ANAC 2014's 10^10 to 10^40): the
 * parties' ideal packages, the paths that climb from each of them and from random packages to
 * the agent's best (each step the one-issue change that raises its utility most), and random
 * packages. Sorted by the agent's utility, it serves as the index does: the highest packages
 * for a demanding target, the climbs' paths for the compromises between, the random ones for
 * the rest. Deterministic from the seed. */
#include <stdlib.h>
#include <string.h>

#include "negotiate/agent.h"
#include "util/prng.h"
#include "util/vec.h"

#define RANDOM 2000 /* random packages */
#define CLIMBS 8    /* climbs from random packages (besides one from each ideal) */
#define STEPS 200   /* the most steps of a climb */

typedef struct pool_b {
  const parley_scenario *sc;
  size_t party, N, n, cap, cap_u;
  uint32_t *pkg;
  double *u;
} pool_b;

/* Keeps pkg unless it crosses the party's red lines. */
static int keep(pool_b *b, const uint32_t *pkg) {
  if (parley_red_line_crossed_count(b->sc, b->party, pkg)) return 0;
  if (pl_grow(&b->pkg, &b->cap, (b->n + 1) * (b->N ? b->N : 1)) || pl_grow(&b->u, &b->cap_u, b->n + 1)) return PARLEY_ERR_NOMEM;
  memcpy(b->pkg + b->n * b->N, pkg, b->N * sizeof *pkg);
  b->u[b->n++] = parley_utility(b->sc, b->party, pkg);
  return 0;
}

/* Climbs from pkg to the party's best, keeping every package on the way. */
static int climb(pool_b *b, uint32_t *pkg) {
  double u = parley_utility(b->sc, b->party, pkg);
  int rc = keep(b, pkg);
  for (int step = 0; rc == 0 && step < STEPS; step++) {
    size_t bi = 0;
    uint32_t bo = 0;
    double bu = u;
    for (size_t i = 0; i < b->N; i++) {
      const uint32_t was = pkg[i], m = (uint32_t)parley_issue_option_count(b->sc, i);
      for (uint32_t o = 0; o < m; o++) {
        if (o == was) continue;
        pkg[i] = o;
        const double x = parley_utility(b->sc, b->party, pkg);
        if (x > bu) bu = x, bi = i, bo = o;
      }
      pkg[i] = was;
    }
    if (!(bu > u)) break;
    pkg[bi] = bo, u = bu;
    rc = keep(b, pkg);
  }
  return rc;
}

/* The packages by utility, ties by the package (qsort has no context in C17: each key carries
 * its pool). */
typedef struct key {
  double u;
  size_t i;
  const pool_b *b;
} key;

static int by_key(const void *x, const void *y) {
  const key *a = x, *c = y;
  if (a->u != c->u) return a->u < c->u ? -1 : 1;
  return memcmp(a->b->pkg + a->i * a->b->N, c->b->pkg + c->i * c->b->N, a->b->N * sizeof *a->b->pkg);
}

int pl_pool_build(const parley_scenario *sc, size_t party, const uint32_t *ideal, uint64_t seed, pl_pool *out) {
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc), NN = N ? N : 1;
  pool_b b = {.sc = sc, .party = party, .N = N};
  uint32_t *pkg = malloc(NN * sizeof *pkg);
  uint64_t rng = seed ^ (0x2545f4914f6cdd1dULL * (party + 1));
  int rc = pkg ? 0 : PARLEY_ERR_NOMEM;
  for (size_t q = 0; rc == 0 && ideal && q < P; q++) { /* every party's ideal, then up to its own best */
    memcpy(pkg, ideal + q * N, N * sizeof *pkg);
    rc = climb(&b, pkg);
  }
  for (int k = 0; rc == 0 && k < RANDOM + CLIMBS; k++) {
    for (size_t i = 0; i < N; i++) pkg[i] = (uint32_t)(pl_prng_next(&rng) % parley_issue_option_count(sc, i));
    rc = k < CLIMBS ? climb(&b, pkg) : keep(&b, pkg);
  }
  free(pkg);
  /* by utility, duplicates dropped */
  key *keys = rc == 0 ? malloc((b.n ? b.n : 1) * sizeof *keys) : NULL;
  uint32_t *sorted = rc == 0 ? malloc((b.n ? b.n : 1) * NN * sizeof *sorted) : NULL;
  double *su = rc == 0 ? malloc((b.n ? b.n : 1) * sizeof *su) : NULL;
  if (rc == 0 && (!keys || !sorted || !su)) rc = PARLEY_ERR_NOMEM;
  size_t n = 0;
  if (rc == 0) {
    for (size_t i = 0; i < b.n; i++) keys[i] = (key){b.u[i], i, &b};
    qsort(keys, b.n, sizeof *keys, by_key);
    for (size_t k = 0; k < b.n; k++) {
      const uint32_t *x = b.pkg + keys[k].i * N;
      if (n && su[n - 1] == keys[k].u && !memcmp(sorted + (n - 1) * N, x, N * sizeof *x)) continue;
      memcpy(sorted + n * N, x, N * sizeof *x);
      su[n++] = keys[k].u;
    }
  }
  free(keys), free(b.pkg), free(b.u);
  if (rc) {
    free(sorted), free(su);
    return rc;
  }
  out->n = n, out->pkg = sorted, out->u = su;
  return 0;
}

void pl_pool_free(pl_pool *p) {
  if (!p) return;
  free(p->pkg), free(p->u);
  memset(p, 0, sizeof *p);
}
