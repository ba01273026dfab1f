/* eu.h — Bueno de Mesquita's expected-utility model (replication-compatible and printed modes). */
#ifndef PL_FORECAST_EU_H
#define PL_FORECAST_EU_H

#include <stddef.h>

#include "parley/base.h"

enum { PL_EU_STAY = 0, PL_EU_CONFRONTATION, PL_EU_COMPROMISE, PL_EU_CAPITULATION };

/* Rounds 0..rounds: per round the median and mean, and per actor its position, risk exponent
 * (the one that drove that round's decisions; 1 in round 0), how it moved and towards whom. */
typedef struct pl_eu_trace {
  size_t rounds, n;
  double *median, *mean; /* rounds + 1 */
  double *x, *r;         /* (rounds + 1) x n */
  int *move;             /* (rounds + 1) x n, PL_EU_* */
  long *partner;         /* (rounds + 1) x n, -1 when it stayed */
} pl_eu_trace;

/* Runs the model on one issue: capabilities c, saliences s in [0, 1], starting positions x0,
 * status-quo probability q (1.0 reproduces Scholz et al.); progress (may be NULL) is called
 * every few actors of a round, its non-zero return cancelling the run. Returns 0,
 * PARLEY_ERR_INVALID (fewer than two actors), PARLEY_ERR_CANCELLED or PARLEY_ERR_NOMEM. */
int pl_eu_run(const double *c, const double *s, const double *x0, size_t n, double q, size_t rounds,
              parley_progress_fn progress, void *user, pl_eu_trace *out);
/* The same, following the equations as printed by Scholz et al. (readings in eu.c). */
int pl_eu_run_printed(const double *c, const double *s, const double *x0, size_t n, double q, size_t rounds,
                      parley_progress_fn progress, void *user, pl_eu_trace *out);
void pl_eu_trace_free(pl_eu_trace *t);

#endif
