/* number.c — numbers outside a double's range; see number.h. */
#include "util/number.h"

#include <errno.h>
#include <stdlib.h>

int pl_out_of_range(const char *s) {
  while (*s == ' ') s++;
  char *end;
  errno = 0;
  (void)strtod(s, &end);
  const int range = errno == ERANGE;
  if (end == s) return 0;
  while (*end == ' ') end++;
  /* hex floats, "inf" and "nan" are not numbers to parley's readers */
  for (const char *p = s; p < end; p++)
    if (*p == 'x' || *p == 'X' || *p == 'n' || *p == 'N' || *p == 'i' || *p == 'I') return 0;
  return *end == '\0' && range;
}
