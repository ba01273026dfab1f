/* solutions.h — the bargaining solutions' objectives (docs/semantics.md) and finding each
 * solution on the feasible frontier (solutions.c). */
#ifndef PL_ANALYSIS_SOLUTIONS_H
#define PL_ANALYSIS_SOLUTIONS_H

#include "analysis/analysis.h"

/* Objective values of the solutions for one utility vector u, reservations r. */
double pl_nash_product(const pl_fx *u, const pl_fx *r, uint32_t P);
double pl_ks_value(const pl_fx *u, const pl_fx *r, const pl_fx *ideal, uint32_t P);
pl_fx pl_egalitarian_value(const pl_fx *u, const pl_fx *r, uint32_t P);
pl_fx pl_utilitarian_value(const pl_fx *u, uint32_t P);
pl_fx pl_spread_value(const pl_fx *u, uint32_t P); /* max_p U_p - min_p U_p */

/* The feasible ideals and every solution's frontier index (ties: the lowest index). */
void pl_analysis_solve(parley_analysis *an);

#endif
