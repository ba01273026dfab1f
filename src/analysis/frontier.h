/* frontier.h — an incrementally maintained Pareto frontier of utility vectors: offer points
 * one at a time; memory is O(frontier), not O(points offered). Two parties use a sorted
 * staircase with binary search; more parties use a list with a move-to-front check. Each point
 * is a distinct vector with how many packages were offered with it and the lowest of their
 * outcome indices (the witness); with ties set, equal vectors are kept as points of their own
 * instead, each counting one. */
#ifndef PL_ANALYSIS_FRONTIER_H
#define PL_ANALYSIS_FRONTIER_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/dominance.h"
#include "model/scenario.h"

typedef struct pl_frontier {
  uint32_t P;
  int ties;        /* 1: equal vectors are points of their own */
  size_t n, cap;
  uint64_t *idx;   /* outcome index of each point (the lowest among its packages) */
  uint64_t *count; /* packages offered with its vector (saturating at UINT64_MAX) */
  pl_fx *u;        /* n x P utilities */
  size_t hint;   /* the point that last dominated an offer */
  /* two parties: a coarse table for rejecting offers without a search. grid[j] is the largest
   * u1 among the points (when it was built) whose u0 lies above bucket j of [grid_lo, ...),
   * buckets of 2^grid_shift; an offer in bucket j with u1 <= grid[j] is dominated. A point
   * leaves the frontier only for one that dominates it, so an old table stays right. */
  pl_fx *grid;
  pl_fx grid_lo, grid_first1; /* the leftmost point's u0 and u1 when built */
  unsigned grid_shift;
  int grid_built, grid_stale;
  uint32_t since_built;       /* offers since the last build */
} pl_frontier;

/* a + b, or UINT64_MAX when that does not fit. */
static inline uint64_t pl_count_add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
/* a * b, likewise. */
static inline uint64_t pl_count_mul(uint64_t a, uint64_t b) { return b && a > UINT64_MAX / b ? UINT64_MAX : a * b; }


#define PL_GRID 256

/* Two parties: 1 if the table shows (a, b) dominated (some point had u0 > a and u1 >= b);
 * 0 says nothing. Inline, so that a caller can skip most offers without a call. */
static inline int pl_frontier2_rejects(const pl_frontier *f, pl_fx a, pl_fx b) {
  if (!f->grid_built) return 0;
  if (a < f->grid_lo) return f->grid_first1 >= b;
  const uint64_t j = (uint64_t)(a - f->grid_lo) >> f->grid_shift;
  return j < PL_GRID && f->grid[j] >= b;
}

void pl_frontier_init(pl_frontier *f, uint32_t P);

/* The order the points are in, for pl_frontier_check: as offered one by one (two parties: the
 * staircase), just merged (three parties: pl_nondominated3's), sorted by outcome index, or
 * none in particular. */
typedef enum pl_frontier_order { PL_ORDER_GROWING, PL_ORDER_MERGED, PL_ORDER_INDEX, PL_ORDER_ANY } pl_frontier_order;
/* Asserts the invariants F1-F7 (frontier.c) in debug builds. */
void pl_frontier_check(const pl_frontier *f, pl_frontier_order order);
/* Offers `count` packages of vector u, the lowest of outcome index idx, without the two-party
 * table's quick rejection. */
int pl_frontier_offer_search(pl_frontier *f, uint64_t idx, const pl_fx *u, uint64_t count);
/* Offers a package; keeps its vector if nothing on the frontier dominates it (counting it when
 * the vector is there already), and drops what it dominates. Returns 0 or PARLEY_ERR_NOMEM.
 * Inline, so that most dominated offers of two parties cost no call. */
static inline int pl_frontier_offer(pl_frontier *f, uint64_t idx, const pl_fx *u) {
  if (f->P == 2 && pl_frontier2_rejects(f, u[0], u[1])) return 0;
  return pl_frontier_offer_search(f, idx, u, 1);
}
/* Replaces the frontier by the non-dominated points of (frontier + the n points given, with
 * their counts, NULL: one each), for any number of parties. Three parties: pl_nondominated3
 * (the frontier stays in its order, so the sort merges the new points into it); more: sort by
 * decreasing sum and keep each point no kept point dominates (no later point can dominate an
 * earlier one). Equal vectors become one point unless f->ties. Returns 0 or PARLEY_ERR_NOMEM. */
int pl_frontier_merge(pl_frontier *f, const uint64_t *idx, const pl_fx *u, const uint64_t *count, size_t n);
/* A point of three parties' utilities, its index and count, for pl_nondominated3. */
typedef struct pl_pt3 {
  pl_fx u[3];
  uint64_t idx, count;
} pl_pt3;
/* Sorts pts by decreasing (u0, u1, u2), then increasing idx, and moves the points no other
 * point dominates to the front, in that order; *kept says how many. With distinct, only the
 * first of equal vectors is kept, its count the sum of theirs. A sweep by decreasing u0 with a
 * Fenwick tree over the ranks of u1 holding the largest u2: O(m log m). Returns 0 or
 * PARLEY_ERR_NOMEM (pts then unchanged as a set, maybe reordered). */
int pl_nondominated3(pl_pt3 *pts, size_t m, int distinct, size_t *kept);
/* Two-party frontier only: 1 if some point has u0 >= a and u1 >= b. */
int pl_frontier2_covers(const pl_frontier *f, pl_fx a, pl_fx b);
/* Orders the points by increasing outcome index. Returns 0 or PARLEY_ERR_NOMEM. */
int pl_frontier_sort_by_index(pl_frontier *f);
void pl_frontier_free(pl_frontier *f);

#endif
