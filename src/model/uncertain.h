/* uncertain.h — distributions that may stand for a number of a profile (docs/scenario-format.md,
 * "Uncertainty"): uniform, triangular and normal, each confined to the range of the number it
 * stands for; their means, which every deterministic command uses; their draws. */
#ifndef PL_MODEL_UNCERTAIN_H
#define PL_MODEL_UNCERTAIN_H

#include <stdint.h>

#include "parley/base.h"

typedef enum pl_dist_kind { PL_DIST_NONE = 0, PL_DIST_UNIFORM, PL_DIST_TRIANGULAR, PL_DIST_NORMAL } pl_dist_kind;

/* uniform: a, b (a <= b); triangular: a (low), c (mode), b (high); normal: a (mean), b (sd),
 * truncated to [lo, hi] (redrawn until it falls there). lo and hi are the range of the number
 * it stands for (a value's [0, 1], a weight's [0, inf)). */
typedef struct pl_dist {
  int kind;
  double a, b, c;
  double lo, hi;
} pl_dist;

/* The kind's name in the scenario format ("uniform"), or NULL. */
const char *pl_dist_name(int kind);
/* 0, or PARLEY_ERR_INVALID with the problem: parameters out of order (b < a, a mode outside
 * [low, high]), a negative sd, a support that leaves [lo, hi] (uniform, triangular), or a normal
 * whose mass within [lo, hi] is too small to draw from. what names the number ("a value"). */
int pl_dist_check(const pl_dist *d, const char *what, parley_error *err);
/* The mean (of the truncated distribution, for a normal). */
double pl_dist_mean(const pl_dist *d);
/* One draw, from *rng. */
double pl_dist_draw(const pl_dist *d, uint64_t *rng);
/* A Gamma(alpha, 1) draw (alpha > 0), for Dirichlet weights. */
double pl_gamma_draw(double alpha, uint64_t *rng);

#endif
