/* solutions.h — the bargaining solutions' objectives (docs/semantics.md) and finding each
 * solution on the feasible frontier (solutions.c). */
#ifndef PL_ANALYSIS_SOLUTIONS_H
#define PL_ANALYSIS_SOLUTIONS_H

#include "analysis/analysis.h"

/* Objective values of the solutions for one utility vector u, reservations r, in units of
 * 1/scale (the Nash and Kalai-Smorodinsky objectives are compared in exact arithmetic inside
 * solutions.c). */
pl_fx pl_egalitarian_value(const pl_fx *u, const pl_fx *r, uint32_t P);
/* Each party's power over the sum of powers (equal shares when every power is 0) into w;
 * returns 1 when the shares are all equal (the weighted Nash solution is then the Nash one). */
int pl_power_weights(const parley_scenario *sc, double *w);
/* The weighted Nash objective sum_p w_p log(u_p - r_p) (in units of 1/scale, which only shifts
 * it), -inf when a party with power gains nothing. */
double pl_nash_weighted_value(const pl_fx *u, const pl_fx *r, const double *w, uint32_t P);
/* -1, 0, 1 as the Nash product of a's gains over r (every gain >= 0) is below, equal to or
 * above b's, in exact arithmetic. */
int pl_nash_cmp(const pl_fx *a, const pl_fx *b, const pl_fx *r, uint32_t P);
/* Likewise the Kalai-Smorodinsky value min_p (u_p - r_p) / (ideal_p - r_p) of a and b, each
 * with its ideal point. */
int pl_ks_cmp(const pl_fx *a, const pl_fx *ideal_a, const pl_fx *b, const pl_fx *ideal_b, const pl_fx *r, uint32_t P);
pl_i128 pl_utilitarian_value(const pl_fx *u, uint32_t P);
pl_fx pl_spread_value(const pl_fx *u, uint32_t P); /* max_p U_p - min_p U_p */

/* The feasible ideals and every solution's frontier index (ties: the lowest index). */
void pl_analysis_solve(parley_analysis *an);

#endif
