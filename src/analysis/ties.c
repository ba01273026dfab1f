/* ties.c — every package on the frontier: the frontier holds each vector once, with how many
 * packages reach it and the first of them; listing them all takes one more pass over the space,
 * looking each feasible package's vector up in a hash table of the frontier's. */
#include "analysis/ties.h"

#include <stdlib.h>
#include <string.h>

#include "util/check.h"
#include "util/vec.h"

/* Open addressing over a power of two slots, each the frontier index + 1 (0: empty). */
typedef struct vtable {
  size_t mask;
  uint32_t *slot;
} vtable;

static uint64_t vhash(const pl_fx *u, uint32_t P) {
  uint64_t h = 0x9e3779b97f4a7c15u;
  for (uint32_t p = 0; p < P; p++) {
    h ^= (uint64_t)u[p];
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
  }
  return h;
}

static int vtable_make(vtable *t, const pl_frontier *f) {
  size_t n = 16;
  while (n < 2 * f->n) n *= 2;
  t->mask = n - 1;
  if (!(t->slot = calloc(n, sizeof *t->slot))) return PARLEY_ERR_NOMEM;
  for (size_t i = 0; i < f->n; i++) {
    size_t s = vhash(f->u + i * f->P, f->P) & t->mask;
    while (t->slot[s]) s = (s + 1) & t->mask;
    t->slot[s] = (uint32_t)i + 1;
  }
  return 0;
}

/* The frontier index of vector u, or -1. */
static long vtable_find(const vtable *t, const pl_frontier *f, const pl_fx *u) {
  for (size_t s = vhash(u, f->P) & t->mask; t->slot[s]; s = (s + 1) & t->mask)
    if (!memcmp(f->u + (size_t)(t->slot[s] - 1) * f->P, u, f->P * sizeof *u)) return (long)t->slot[s] - 1;
  return -1;
}

int pl_analysis_ties(parley_analysis *an, const parley_analysis_options *opt) {
  const pl_compiled *c = &an->sc->compiled;
  const uint32_t P = c->n_parties, N = c->n_issues;
  if (an->n_outcomes > opt->max_outcomes) return PARLEY_ERR_LIMIT;
  if (an->frontier.n > UINT32_MAX - 1) return PARLEY_ERR_LIMIT;
  vtable t = {0};
  uint32_t *pkg = calloc(N ? N : 1, sizeof *pkg);
  uint64_t *seen = calloc(an->frontier.n ? an->frontier.n : 1, sizeof *seen);
  uint64_t *first = calloc(an->frontier.n ? an->frontier.n : 1, sizeof *first);
  size_t cap = 0;
  int rc = pkg && seen && first ? vtable_make(&t, &an->frontier) : PARLEY_ERR_NOMEM;
  pl_fx u[PARLEY_MAX_PARTIES];
  for (uint64_t x = 0; rc == 0 && x < an->n_outcomes; x++) {
    if ((x & 0xfffff) == 0xfffff && opt->progress &&
        opt->progress(opt->progress_user, (double)x / (double)an->n_outcomes))
      rc = PARLEY_ERR_CANCELLED;
    uint64_t red;
    pl_eval(c, pkg, u, &red);
    uint32_t p = 0;
    while (p < P && u[p] >= c->reservation[p]) p++;
    const long k = red || p < P ? -1 : vtable_find(&t, &an->frontier, u);
    if (k >= 0) {
      if (pl_grow(&an->tie_idx, &cap, an->n_ties + 1) || pl_resize(&an->tie_vector, cap)) rc = PARLEY_ERR_NOMEM;
      else {
        an->tie_idx[an->n_ties] = x;
        an->tie_vector[an->n_ties++] = (uint32_t)k;
        if (!seen[k]++) first[k] = x;
      }
    }
    for (uint32_t i = N; i-- > 0;) { /* the next package: an odometer, issue 0 most significant */
      if (++pkg[i] < c->radix[i]) break;
      pkg[i] = 0;
    }
  }
  if (rc == 0) {
    /* the methods that count agree, and their witness is the first package; the box search's
     * witness may be another, and becomes the first */
    const int relabel = !an->frontier_counted;
    for (size_t k = 0; k < an->frontier.n; k++) {
      pl_assert(seen[k] >= 1);
      pl_assert(relabel || (an->frontier.count[k] == seen[k] && an->frontier.idx[k] == first[k]));
      an->frontier.count[k] = seen[k];
      an->frontier.idx[k] = first[k];
    }
    an->frontier_counted = 1;
    if (relabel) rc = pl_frontier_sort_by_index(&an->frontier);
    for (size_t k = 0; relabel && rc == 0 && k < an->frontier.n; k++) pl_decode(c, an->frontier.idx[k], an->fpkg + k * N);
    if (relabel && rc == 0) { /* the ties name frontier indices, which the sort moved */
      free(t.slot);
      t.slot = NULL;
      rc = vtable_make(&t, &an->frontier);
      for (uint64_t j = 0; rc == 0 && j < an->n_ties; j++) {
        pl_decode(c, an->tie_idx[j], pkg);
        uint64_t red;
        pl_eval(c, pkg, u, &red);
        an->tie_vector[j] = (uint32_t)vtable_find(&t, &an->frontier, u);
      }
    }
  }
  free(t.slot), free(pkg), free(seen), free(first);
  return rc;
}
