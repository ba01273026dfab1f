/* positions.h — actors' positions, saliences and capabilities on one-dimensional issues, the
 * input of the forecasting models (src/forecast). Knows no file format. */
#ifndef PL_MODEL_POSITIONS_H
#define PL_MODEL_POSITIONS_H

#include <stddef.h>

#include "parley/forecast.h"
#include "util/arena.h"

struct parley_positions {
  pl_arena arena;
  const char *source;
  size_t n_actors;
  const char **actor; /* ids */
  size_t n_issues;
  const char **issue;
  int *year;
  double *position;   /* n_issues x n_actors, NaN = missing */
  double *salience;   /* n_issues x n_actors, NaN = missing */
  double *reference;  /* per issue, NaN = missing */
  double *outcome;    /* per issue, NaN = missing */
  double *capability; /* per actor as the input gives it, or NULL */
  size_t *group;        /* per issue: the index of its proposal's first issue; NULL: one proposal */
  const char **proposal; /* per issue: its proposal's name, or NULL (the same when group is NULL) */
};

/* Gives pos (its arena set up) room for A actors and I issues: every array, ids NULL, year 0,
 * every number NaN (missing). Returns 0 or PARLEY_ERR_NOMEM. */
int pl_positions_alloc(parley_positions *pos, size_t A, size_t I);

#endif
