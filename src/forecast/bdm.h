/* bdm.h — Bueno de Mesquita's expected-utility model (replication-compatible and printed modes). */
#ifndef PARLEY_BDM_H
#define PARLEY_BDM_H

#include <stddef.h>

enum { PL_BDM_STAY = 0, PL_BDM_CONFRONTATION, PL_BDM_COMPROMISE, PL_BDM_CAPITULATION };

/* Rounds 0..rounds: per round the median and mean, and per actor its position, risk exponent
 * (the one that drove that round's decisions; 1 in round 0), how it moved and towards whom. */
typedef struct pl_bdm_trace {
  size_t rounds, n;
  double *median, *mean; /* rounds + 1 */
  double *x, *r;         /* (rounds + 1) x n */
  int *move;             /* (rounds + 1) x n, PL_BDM_* */
  long *partner;         /* (rounds + 1) x n, -1 when it stayed */
} pl_bdm_trace;

/* Runs the model on one issue: capabilities c, saliences s in [0, 1], starting positions x0,
 * status-quo probability q (1.0 reproduces Scholz et al.). Returns 0, PARLEY_ERR_INVALID
 * (fewer than two actors) or PARLEY_ERR_NOMEM. */
int pl_bdm_run(const double *c, const double *s, const double *x0, size_t n, double q, size_t rounds,
               pl_bdm_trace *out);
/* The same, following the equations as printed by Scholz et al. (readings in bdm.c). */
int pl_bdm_run_printed(const double *c, const double *s, const double *x0, size_t n, double q, size_t rounds,
                       pl_bdm_trace *out);
void pl_bdm_trace_free(pl_bdm_trace *t);

#endif
