/* blocking.c — the smallest blocking group: close the acceptance sets that occur under
 * subsets (a set of parties some outcome satisfies has every subset satisfied too), then take
 * the smallest set left unsatisfied. */
#include "analysis/blocking.h"

#include <stddef.h>

uint64_t pl_blocking_group(uint8_t *sat, uint32_t P) {
  const size_t n = (size_t)1 << P;
  for (uint32_t b = 0; b < P; b++)
    for (size_t s = 0; s < n; s++)
      if (!(s >> b & 1) && sat[s | ((size_t)1 << b)]) sat[s] = 1;
  uint64_t best = 0;
  int best_size = P + 1;
  for (size_t s = 0; s < n; s++) {
    if (sat[s]) continue;
    int size = __builtin_popcountll(s);
    /* same size: the set holding the lowest differing party wins */
    if (size < best_size || (size == best_size && ((s ^ best) & s & -(s ^ best)))) {
      best = s;
      best_size = size;
    }
  }
  return best;
}

