/* dominance.h — the non-dominated points of a batch of utility vectors of any number of
 * parties, given in decreasing order of their sums (dominance.c). */
#ifndef PL_ANALYSIS_DOMINANCE_H
#define PL_ANALYSIS_DOMINANCE_H

#include <stddef.h>
#include <stdint.h>

#include "model/scenario.h"

/* 1 if a Pareto-dominates b: >= for every party and > for one. */
static inline int pl_dominates(const pl_fx *a, const pl_fx *b, uint32_t P) {
  int strict = 0;
  for (uint32_t p = 0; p < P; p++) {
    if (a[p] < b[p]) return 0;
    if (a[p] > b[p]) strict = 1;
  }
  return strict;
}

/* pts[0..m) point at P utilities each, sorted by decreasing sum with equal vectors next to
 * each other (a point can then only be dominated by an earlier one). Sets keep[i] = 1 for the
 * points no other point dominates. Unless ties, a point equal to an earlier kept one is not
 * kept either, and same[i] names that kept point (same[i] = i for the others), so that callers
 * can add up counts. Returns 0 or PARLEY_ERR_NOMEM. */
int pl_nondominated_sorted(const pl_fx *const *pts, size_t m, uint32_t P, int ties, unsigned char *keep,
                           size_t *same);

#endif
