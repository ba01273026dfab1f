/* forecast.h — the forecast renderers, one file per kind of run: forecast.c (the dispatcher,
 * the table and the expected-utility model), forecast_smp.c and forecast_exchange.c. Each
 * appends to b. */
#ifndef PL_REPORT_FORECAST_H
#define PL_REPORT_FORECAST_H

#include "report/common.h"

void pl_report_smp(pl_buf *b, const parley_forecast *fc, parley_format format, int explain);
void pl_report_exchange(pl_buf *b, const parley_forecast *fc, parley_format format, int explain);

#endif
