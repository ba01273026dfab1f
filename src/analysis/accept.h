/* accept.h — what accept.c shares with accept_robust.c. */
#ifndef PL_ANALYSIS_ACCEPT_H
#define PL_ANALYSIS_ACCEPT_H

#include <stdint.h>

/* The 95% Wilson score interval of k successes in n trials into *lo and *hi (either may be
 * NULL; NaN when n is 0). */
void pl_wilson(uint64_t k, uint64_t n, double *lo, double *hi);

#endif
