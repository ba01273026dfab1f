/* smp.h — what the files of KTAB's Spatial Model of Politics share (smp.c the run,
 * smp_election.c the probabilistic Condorcet election, smp_options.c the options): the
 * options' values, and the small functions the run calls in its inner loops, inline. */
#ifndef PL_FORECAST_SMP_H
#define PL_FORECAST_SMP_H

#include <stddef.h>

#include "parley/forecast.h"

enum { VP_LINEAR, VP_SQUARE, VP_QUARTIC, VP_OCTIC, VP_BINARY };
enum { PCE_CONDITIONAL, PCE_MARKOV_UNIFORM, PCE_MARKOV_INCENTIVE };
enum { VR_PROP, VR_BINARY, VR_PROPBIN, VR_PROPCUBIC, VR_CUBIC, VR_ASYMPROSP };
enum { RA_ONE_THIRD, RA_NONE, RA_HALF, RA_TWO_THIRDS, RA_FULL };
enum { RR_MID, RR_MIN, RR_MAX };
enum { TP_SEMI, TP_FULL, TP_NONE };
enum { IV_S2P2, IV_S1P1, IV_S2PMAX };
enum { BM_INIT_ONLY, BM_INIT_RCVR, BM_PW_COMP };

/* Utility of a salience-weighted distance d in [0, 1] under risk attitude r in [-1, 1]. */
static inline double bs_util(double d, double r) {
  return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r);
}

/* Vote of weight w for the option worth u1 over the one worth u2. */
static inline __attribute__((always_inline)) double vote(int vr, double w, double u1, double u2) {
  const double du = u1 - u2;
  double bin = du / 1e-8;
  bin = bin > 1 ? 1 : bin < -1 ? -1 : bin;
  switch (vr) {
    case VR_BINARY: return w * bin;
    case VR_PROPBIN: return w * ((1 - 0.2) * du + 0.2 * bin);
    case VR_PROPCUBIC: return w * ((1 - 0.5) * du + 0.5 * du * du * du);
    case VR_CUBIC: return w * (du * du * du);
    case VR_ASYMPROSP: return du < 0 ? w * du : du > 0 ? 2.0 * w * du / 3.0 : 0.0;
    default: return w * du;
  }
}

/* h's estimate of i's risk attitude. */
static inline double est_risk(int ra, double rh, double ri) {
  switch (ra) {
    case RA_FULL: return ri;
    case RA_TWO_THIRDS: return (rh + 2.0 * ri) / 3.0;
    case RA_HALF: return (rh + ri) / 2;
    case RA_NONE: return rh;
    default: return (2.0 * rh + ri) / 3.0;
  }
}

/* Scratch for elections over up to `cap` options. */
typedef struct pl_pce_work {
  size_t cap;
  double *c, *pv, *q, *tmp;
} pl_pce_work;

/* Room for elections over nb options: 0 or PARLEY_ERR_NOMEM. */
int pl_pce_reserve(pl_pce_work *w, size_t nb);
void pl_pce_free(pl_pce_work *w);

/* A probabilistic Condorcet election: na voters of weights w judge nb options by utilities
 * u[m * na + a] (option-major, so that a pair of options reads two rows); p receives each
 * option's probability. */
void pl_pce(size_t na, size_t nb, const double *w, const double *u, int vr, int vpm, int pcem, pl_pce_work *work,
            double *p);

/* The first index of the largest absolute value. */
size_t pl_arg_max(const double *p, size_t n);

#endif
