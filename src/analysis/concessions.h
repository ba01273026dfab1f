/* concessions.h — what each party gives up at the Nash package against its ideal
 * (concessions.c). */
#ifndef PL_ANALYSIS_CONCESSIONS_H
#define PL_ANALYSIS_CONCESSIONS_H

#include "analysis/analysis.h"

/* Fills the concessions from the Nash solution and the ideal packages. Returns 0 or
 * PARLEY_ERR_NOMEM. */
int pl_analysis_concessions(parley_analysis *an);

#endif
