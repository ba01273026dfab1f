/* enumerate.h — the enumeration method: one streaming pass over every outcome (enumerate.c). */
#ifndef PL_ANALYSIS_ENUMERATE_H
#define PL_ANALYSIS_ENUMERATE_H

#include "analysis/analysis.h"

/* Feasible points gathered per frontier merge with three or more parties. */
#define PL_DEFAULT_BATCH ((size_t)1 << 16)
/* Frontier points kept aside to reject dominated points before they are gathered. */
#define PL_FILTER 8
/* The most combinations in the inner block of a row. */
#define PL_INNER_MAX 1024

/* How the pass is cut up; tests use small batches, several threads and small inner blocks on
 * small spaces to exercise the merging and the rows where rules link inner and outer issues.
 * Zero fields take the defaults (threads: 1). */
typedef struct pl_enum_tuning {
  size_t batch, threads, inner_max;
} pl_enum_tuning;

/* Fills the frontier (in package order) and its packages, the ranges and ideal packages, the
 * means, the opposition, the feasible count and the blocking group. Returns 0,
 * PARLEY_ERR_NOMEM or PARLEY_ERR_CANCELLED. */
int pl_enumerate(parley_analysis *an, const parley_analysis_options *opt, const pl_enum_tuning *tune);

#endif
