/* vec.c — the growable array; see vec.h. */
#include "util/vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parley/base.h"

int pl_resize_(void *pitems, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return PARLEY_ERR_NOMEM;
  void *old;
  memcpy(&old, pitems, sizeof old);
  void *resized = realloc(old, count && size ? count * size : 1);
  if (!resized) return PARLEY_ERR_NOMEM;
  memcpy(pitems, &resized, sizeof resized);
  return 0;
}

int pl_grow_(void *pitems, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return 0;
  size_t n = *cap ? *cap : 8;
  while (n < need) {
    if (n > SIZE_MAX / 2) return PARLEY_ERR_NOMEM;
    n *= 2;
  }
  if (pl_resize_(pitems, n, size)) return PARLEY_ERR_NOMEM;
  *cap = n;
  return 0;
}
