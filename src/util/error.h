/* error.h — filling parley_error and parley_diagnostics from inside the library. */
#ifndef PL_UTIL_ERROR_H
#define PL_UTIL_ERROR_H

#include <stdarg.h>

#include "parley/base.h"

/* Sets err (if not NULL) and returns code, so callers can `return pl_fail(...)`. */
__attribute__((format(printf, 6, 7))) int pl_fail(parley_error *err, int code, const char *file,
                                                  int line, int column, const char *fmt, ...);

/* Appends a problem to diags (if not NULL). Returns 0, or PARLEY_ERR_NOMEM. */
int pl_diag_add(parley_diagnostics *diags, const parley_error *e);

/* Collects the problems of one read: every one goes to diags (if any); the first also to err
 * (if any) and to first_code. Readers report through it so that validate lists them all. */
typedef struct pl_collect {
  parley_diagnostics *diags;
  parley_error *err;
  int n_errors;
  int first_code;
} pl_collect;

__attribute__((format(printf, 6, 7))) void pl_collect_add(pl_collect *c, int code, const char *file,
                                                          int line, int column, const char *fmt, ...);
void pl_collect_vadd(pl_collect *c, int code, const char *file, int line, int column,
                     const char *fmt, va_list ap);

/* A warning: listed in diags, neither counted as an error nor handed back in err. */
__attribute__((format(printf, 5, 6))) void pl_collect_warn(pl_collect *c, const char *file, int line, int column,
                                                           const char *fmt, ...);

/* Orders the problems added since the list held `start` of them by line and column (those
 * without a position first), keeping the order of problems at the same place. */
void pl_diag_sort_from(parley_diagnostics *diags, size_t start);

#endif
