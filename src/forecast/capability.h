/* capability.h — what the forecasting models share: an actor's capability on an issue under a
 * capability rule (defined in baseline.c). */
#ifndef PARLEY_FORECAST_CAPABILITY_H
#define PARLEY_FORECAST_CAPABILITY_H

#include <stddef.h>

#include "parley.h"

/* The capability an actor has on an issue under a capability rule; NaN if none. */
double pl_forecast_capability(const parley_positions *pos, size_t issue, size_t actor, const parley_capability *cap);

#endif
