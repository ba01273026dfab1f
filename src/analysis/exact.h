/* exact.h — what the methods that do not enumerate share (exact.c). */
#ifndef PL_ANALYSIS_EXACT_H
#define PL_ANALYSIS_EXACT_H

#include "analysis/analysis.h"

/* Mean utility of party p over all packages, exactly (each interaction term's bonus times the
 * share of the space where it holds, plus the per-issue means); valid for any scenario. */
double pl_mean_utility_exact(const parley_scenario *sc, uint32_t p);

/* The opposition (docs/semantics.md) from the non-dominated vectors of every package (wu,
 * n x P): the distance from (1, ..., 1) to the closest, or NAN when a utility exceeds 1 (then
 * the closest package need not be among them), beyond the rounding of rounded utilities. */
double pl_opposition(const pl_compiled *c, const pl_fx *wu, size_t n, uint32_t P);

/* Fills an analysis from the whole frontier of a space without red lines (n points: utilities
 * wu, n x P; packages pkgs, row k at pkgs + (row ? row[k] : k) * n_issues, each the first in
 * package order of its vector; count[k] packages of each, or count NULL when the method does
 * not count them): ideals and ideal
 * packages, means, opposition, the feasible frontier in package order, feasibility and the
 * blocking group. floor_all[p] is a utility every package reaches for party p. The caller sets
 * each range's min and min_known. The additive method, when red lines remove packages, then
 * corrects what also depends on the packages outside the frontier's space: ranges, opposition,
 * feasibility and the blocking group. */
int pl_analysis_from_frontier(parley_analysis *an, const pl_fx *wu, const uint32_t *pkgs,
                              const uint64_t *row, const uint64_t *count, size_t n, const pl_fx *floor_all);

#endif
