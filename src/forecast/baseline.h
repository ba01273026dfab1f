/* baseline.h — the static forecasting models (baseline.c). */
#ifndef PL_FORECAST_BASELINE_H
#define PL_FORECAST_BASELINE_H

#include "parley/forecast.h"

/* The forecast of a static model (mean, median, compromise, weighted median, NBS) for one
 * issue: 0, PARLEY_ERR_INVALID when no actor qualifies, or PARLEY_ERR_NOMEM. */
int pl_baseline_forecast(const parley_positions *pos, size_t issue, parley_model model, const parley_capability *cap,
                         double *forecast);

#endif
