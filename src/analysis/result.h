/* result.h — making and releasing a parley_analysis, and reading the frameworks' verdicts off
 * its frontier (result.c). */
#ifndef PL_ANALYSIS_RESULT_H
#define PL_ANALYSIS_RESULT_H

#include "analysis/analysis.h"

/* A new analysis of sc by method, with its per-party arrays allocated and the frontier empty;
 * NULL when out of memory. Released with parley_analysis_free. */
parley_analysis *pl_analysis_new(const parley_scenario *sc, parley_method method);

/* Each framework's utilities, red lines crossed, feasibility, and the frontier packages that
 * dominate it (by decreasing total gain). Returns 0 or PARLEY_ERR_NOMEM. */
int pl_analysis_frameworks(parley_analysis *an);

#endif
