/* ties.h — every package on the frontier, tied ones included (ties.c). */
#ifndef PL_ANALYSIS_TIES_H
#define PL_ANALYSIS_TIES_H

#include "analysis/analysis.h"

/* Visits every package and keeps, by outcome index, each feasible one whose vector is a
 * frontier vector, with that vector's frontier index (an->n_ties, tie_idx, tie_vector); counts
 * the frontier's packages where the method did not. Returns 0, PARLEY_ERR_LIMIT when the space
 * has more than max_outcomes packages, PARLEY_ERR_CANCELLED, or PARLEY_ERR_NOMEM. */
int pl_analysis_ties(parley_analysis *an, const parley_analysis_options *opt);

#endif
