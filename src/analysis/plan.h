/* plan.h — choosing the method and running it (plan.c). */
#ifndef PL_ANALYSIS_PLAN_H
#define PL_ANALYSIS_PLAN_H

#include "analysis/enumerate.h"

/* parley_analyze with the enumeration cut up as tune says (tests). */
int pl_analyze_tuned(const parley_scenario *sc, const parley_analysis_options *options,
                     const pl_enum_tuning *tune, parley_analysis **out, parley_error *err);

#endif
