/* dominance.c — the non-dominated points of a batch, for four parties or more (two use a
 * staircase, three pl_nondominated3's sweep).
 *
 * The points come in decreasing order of their sums, so a point is never dominated by a later
 * one, and the points kept so far are the only candidates to dominate the next: the kept set
 * only grows. It is held in a k-d tree whose every node also keeps the largest utility of each
 * party in its subtree. Looking for a dominator of v walks the tree and leaves every subtree
 * whose largest utilities fall below v's for some party: most of the tree, for a frontier of
 * thousands of points in five dimensions (y2015 killer robot: 240,000 points against 7,444
 * kept, a few dozen nodes a query, where checking every kept point took 4.6 µs a point).
 *
 * Invariants of the tree (checked in debug builds by tree_check):
 *   K1. Every kept vector is in exactly one node (a kept point equal to the point before it, kept
 *       with ties, is not: its twin answers for it); node 0 is the root.
 *   K2. A node's children hold points whose utility for the node's party (dim) is at most the
 *       node's (child 0) or above it (child 1).
 *   K3. max[node] is, party by party, the largest utility in the node's subtree. */
#include "analysis/dominance.h"

#include <stdlib.h>
#include <string.h>

#include "util/check.h"
#include "util/vec.h"

#define NONE UINT32_MAX

typedef struct kd {
  uint32_t P;
  size_t n, cap;
  uint32_t *pt;       /* the point of each node */
  uint32_t *child;    /* n x 2 */
  uint32_t *dim;      /* the party a node splits on */
  pl_fx *max;         /* n x P */
  const pl_fx *const *pts;
  uint32_t *stack;
  size_t stack_cap;
} kd;

static void kd_free(kd *t) {
  free(t->pt), free(t->child), free(t->dim), free(t->max), free(t->stack);
}

/* K1-K3, on trees small enough to check whole. */
static void tree_check(const kd *t) {
  if (!PL_DEBUG || t->n > 4096) return;
  for (size_t k = 0; k < t->n; k++) {
    const pl_fx *v = t->pts[t->pt[k]];
    for (int side = 0; side < 2; side++) {
      const uint32_t c = t->child[2 * k + side];
      if (c == NONE) continue;
      pl_assert(c < t->n && c > k);
      const pl_fx cv = t->pts[t->pt[c]][t->dim[k]], nv = v[t->dim[k]];
      pl_assert(side ? cv > nv : cv <= nv); /* K2, for the child itself */
      for (uint32_t p = 0; p < t->P; p++) pl_assert(t->max[c * t->P + p] <= t->max[k * t->P + p]); /* K3 */
    }
    for (uint32_t p = 0; p < t->P; p++) pl_assert(v[p] <= t->max[k * t->P + p]); /* K3 */
  }
}

static int kd_insert(kd *t, uint32_t i) {
  const uint32_t P = t->P;
  const pl_fx *v = t->pts[i];
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 256;
    if (pl_resize(&t->pt, cap) || pl_resize(&t->child, 2 * cap) || pl_resize(&t->dim, cap) ||
        pl_resize(&t->max, cap * P))
      return PARLEY_ERR_NOMEM;
    t->cap = cap;
  }
  const uint32_t k = (uint32_t)t->n;
  uint32_t depth = 0;
  if (k > 0) {
    uint32_t n = 0;
    for (;;) {
      pl_fx *mx = t->max + (size_t)n * P;
      for (uint32_t p = 0; p < P; p++)
        if (v[p] > mx[p]) mx[p] = v[p];
      const int side = v[t->dim[n]] > t->pts[t->pt[n]][t->dim[n]];
      depth++;
      if (t->child[2 * n + side] == NONE) {
        t->child[2 * n + side] = k;
        break;
      }
      n = t->child[2 * n + side];
    }
  }
  t->pt[k] = i;
  t->dim[k] = depth % P;
  t->child[2 * k] = t->child[2 * k + 1] = NONE;
  memcpy(t->max + (size_t)k * P, v, P * sizeof *v);
  t->n++;
  return 0;
}

/* 1 if a point of the tree dominates v, 0 if none does, or -PARLEY_ERR_NOMEM. */
static int kd_dominated(kd *t, const pl_fx *v) {
  const uint32_t P = t->P;
  if (t->n == 0) return 0;
  size_t top = 0;
  if (pl_grow(&t->stack, &t->stack_cap, 1)) return -PARLEY_ERR_NOMEM;
  t->stack[top++] = 0;
  while (top) {
    const uint32_t n = t->stack[--top];
    const pl_fx *mx = t->max + (size_t)n * P;
    uint32_t p = 0;
    while (p < P && mx[p] >= v[p]) p++;
    if (p < P) continue; /* nothing below can reach v for party p */
    const pl_fx *w = t->pts[t->pt[n]];
    if (pl_dominates(w, v, P)) return 1;
    if (pl_grow(&t->stack, &t->stack_cap, top + 2)) return -PARLEY_ERR_NOMEM;
    /* the lower side only when it can reach v on the split party; the upper side last, so
     * that it is looked at first */
    const uint32_t lo = t->child[2 * n], hi = t->child[2 * n + 1];
    if (lo != NONE && w[t->dim[n]] >= v[t->dim[n]]) t->stack[top++] = lo;
    if (hi != NONE) t->stack[top++] = hi;
  }
  return 0;
}

int pl_nondominated_sorted(const pl_fx *const *pts, size_t m, uint32_t P, int ties, unsigned char *keep,
                           size_t *same) {
  kd t = {.P = P, .pts = pts};
  int rc = 0;
  for (size_t i = 0; i < m && rc == 0; i++) {
    same[i] = i;
    if (i > 0 && !memcmp(pts[i], pts[i - 1], P * sizeof *pts[i])) {
      /* the same vector as the point before: the same verdict */
      const int dominated = !keep[i - 1] && same[i - 1] == i - 1;
      if (ties) {
        /* kept too, but not put in the tree: a vector already there dominates the same
         * points, and a run of equal vectors would make the tree a chain (quadratic) */
        keep[i] = keep[i - 1];
      } else {
        keep[i] = 0;
        if (!dominated) same[i] = keep[i - 1] ? i - 1 : same[i - 1];
      }
      continue;
    }
    const int d = kd_dominated(&t, pts[i]);
    if (d < 0) {
      rc = -d;
      break;
    }
    keep[i] = (unsigned char)!d;
    if (!d) rc = kd_insert(&t, (uint32_t)i);
  }
  if (rc == 0) tree_check(&t);
  kd_free(&t);
  return rc;
}
