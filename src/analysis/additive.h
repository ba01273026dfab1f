/* additive.h — the additive method: the exact frontier of additive profiles by merging issue
 * groups' non-dominated sets (additive.c). */
#ifndef PL_ANALYSIS_ADDITIVE_H
#define PL_ANALYSIS_ADDITIVE_H

#include "analysis/analysis.h"

/* 1 if the method applies: the issues linked by interaction terms and red lines form groups of
 * at most 2^20 combinations each. */
int pl_additive_applicable(const parley_scenario *sc);

/* The additive method's part of parley_analyze: fills the frontier and its packages, the ranges
 * and ideal packages, the means, the opposition, the feasible count (by convolution over the
 * groups when reservations bind) and the blocking group. With a budget (0: none), gives up with
 * PARLEY_ERR_LIMIT and *over_budget = 1 as soon as its work (candidates formed and counting
 * steps) would pass it, so that the planner can enumerate instead. */
/* The most sums one merge of the method forms before it gives up (PARLEY_ERR_LIMIT). */
uint64_t pl_additive_max_sums(const parley_scenario *sc);

int pl_analyze_additive(parley_analysis *an, const parley_analysis_options *opt, uint64_t budget, int *over_budget);

#endif
