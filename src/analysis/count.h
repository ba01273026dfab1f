/* count.h — counting the feasible packages of an additive space without visiting them
 * (count.c). */
#ifndef PL_ANALYSIS_COUNT_H
#define PL_ANALYSIS_COUNT_H

#include <stddef.h>
#include <stdint.h>

#include "model/scenario.h"

/* The distinct utility vectors of one group of issues (n of them, u: n x P) and how many of
 * its combinations give each. */
typedef struct pl_count_dist {
  size_t n;
  pl_fx *u;
  uint64_t *count;
} pl_count_dist;

/* The distinct vectors of u (n x P) with how many times each occurs, into out (its own
 * memory, released with free on out->u and out->count). Returns 0 or PARLEY_ERR_NOMEM. */
int pl_dist_make(const pl_fx *u, size_t n, uint32_t P, pl_count_dist *out);

/* The number of packages, one combination from each of the n_groups groups, whose summed
 * vector gives every party at least its reservation (c->reservation), into *count
 * (saturating at UINT64_MAX). *work grows by the steps taken; returns PARLEY_ERR_LIMIT as soon
 * as it would pass budget (0: no budget), else 0 or PARLEY_ERR_NOMEM. */
int pl_count_feasible(const pl_compiled *c, const pl_count_dist *groups, size_t n_groups, uint64_t budget, uint64_t *work,
                      uint64_t *count);

#endif
