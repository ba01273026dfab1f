/* verdict.h — forecasts read back as packages of the scenario they came from (verdict.c). */
#ifndef PL_FORECAST_VERDICT_H
#define PL_FORECAST_VERDICT_H

#include "parley/forecast.h"
#include "parley/scenario.h"

/* For each of the M models: the package its forecasts make (value: positions issues x M), each
 * numeric issue of sc with a forecast at its nearest option, the others open (UINT32_MAX), into
 * package (M x issues); and each party's verdict on it and utility (NaN unless no issue is
 * open), into verdict and utility (M x parties). Returns 0 or PARLEY_ERR_NOMEM. */
int pl_forecast_verdicts(const parley_scenario *sc, const parley_positions *pos, const double *value, size_t M,
                         uint32_t *package, unsigned char *verdict, double *utility);

#endif
