/* error.h — filling parley_error and parley_diagnostics from inside the library. */
#ifndef PARLEY_ERROR_H
#define PARLEY_ERROR_H

#include "parley.h"

/* Sets err (if not NULL) and returns code, so callers can `return pl_fail(...)`. */
__attribute__((format(printf, 6, 7))) int pl_fail(parley_error *err, int code, const char *file,
                                                  int line, int column, const char *fmt, ...);

/* Appends a problem to diags (if not NULL). Returns 0, or PARLEY_ERR_NOMEM. */
int pl_diag_add(parley_diagnostics *diags, const parley_error *e);

/* Orders the problems added since the list held `start` of them by line and column (those
 * without a position first), keeping the order of problems at the same place. */
void pl_diag_sort_from(parley_diagnostics *diags, size_t start);

#endif
