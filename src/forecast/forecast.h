/* forecast.h — what forecast.c gives the rest of src/forecast/: the options' models and
 * capability table copied into a result, so that the result does not depend on the caller's
 * arrays. */
#ifndef PL_FORECAST_FORECAST_H
#define PL_FORECAST_FORECAST_H

#include "parley/forecast.h"

typedef struct pl_copied {
  parley_model *models;
  double *table;
  char *name; /* the capability's name */
} pl_copied;

/* Copies the models *models[0 .. *n) (NULL: every model, in order) and, for a capability
 * table, the table (one number per actor of pos), and the capability's name into c, and points
 * *models, *n, cap->table and cap->name at the copies. Returns 0, PARLEY_ERR_NOMEM, or PARLEY_ERR_ARG for an unknown
 * model or a table capability without a table. */
int pl_copy_models(pl_copied *c, const parley_positions *pos, const parley_model **models, size_t *n,
                   parley_capability *cap);
void pl_copied_free(pl_copied *c);

/* Each of the M models' forecast of one issue into out (NaN where a model gives none), the
 * expected-utility model run once for both eu-median and eu-mean; settle (may be NULL) gets a
 * parley_eu_settle per model (PARLEY_EU_SETTLED for the others). progress (may be NULL) goes
 * to the models that run in rounds. Returns 0, PARLEY_ERR_CANCELLED or PARLEY_ERR_NOMEM. */
/* PARLEY_ERR_LIMIT (reported to err) when the models asked for include one whose work grows with
 * the cube of the actors and pos has more than max_actors (0: the default); else 0. */
int pl_forecast_actor_limit(const parley_positions *pos, parley_forecast_kind kind, const parley_model *models,
                            size_t M, size_t max_actors, parley_error *err);

int pl_forecast_models(const parley_positions *pos, size_t issue, const parley_model *models, size_t M,
                       const parley_capability *cap, double *out, unsigned char *settle, parley_progress_fn progress,
                       void *user);

#endif
