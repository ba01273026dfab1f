/* blocking.h — the smallest blocking group: the fewest parties whose constraints together leave
 * no outcome (blocking.c). Every method finds which acceptance sets occur its own way and then
 * calls this. */
#ifndef PL_ANALYSIS_BLOCKING_H
#define PL_ANALYSIS_BLOCKING_H

#include <stdint.h>

/* sat has 2^P entries (P <= PARLEY_BLOCKING_MAX_PARTIES), sat[m] = 1 when some outcome is
 * accepted by exactly the parties in m; it is overwritten (closed under subsets). Returns the
 * smallest set no outcome satisfies, the one holding the lowest differing party among sets of
 * the same size. */
uint64_t pl_blocking_group(uint8_t *sat, uint32_t P);

#endif
