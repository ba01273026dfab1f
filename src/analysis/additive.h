/* additive.h — the additive method: the exact frontier of additive profiles by merging issue
 * groups' non-dominated sets (additive.c). */
#ifndef PL_ANALYSIS_ADDITIVE_H
#define PL_ANALYSIS_ADDITIVE_H

#include "analysis/analysis.h"

/* 1 if the method applies: the issues linked by interaction terms and red lines form groups of
 * at most 2^20 combinations each. */
int pl_additive_applicable(const parley_scenario *sc);

/* The additive method's part of parley_analyze: fills the frontier and its packages, the ranges
 * and ideal packages, the means, the opposition, feasibility and the blocking group. */
int pl_analyze_additive(parley_analysis *an, const parley_analysis_options *opt);

#endif
