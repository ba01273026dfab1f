/* capability.h — an actor's capability on an issue under a capability rule (capability.c). */
#ifndef PL_FORECAST_CAPABILITY_H
#define PL_FORECAST_CAPABILITY_H

#include <stddef.h>

#include "parley/forecast.h"

/* The capability an actor has on an issue under a capability rule; NaN if none. */
double pl_forecast_capability(const parley_positions *pos, size_t issue, size_t actor, const parley_capability *cap);

#endif
