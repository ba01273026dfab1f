/* error.c — statuses (from PARLEY_STATUS_MAP), parley_error formatting, the parley_diagnostics
 * list, and strings handed to the caller. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/vec.h"

struct parley_diagnostics {
  parley_error *items;
  size_t count;
  size_t cap;
};

const char *parley_version(void) { return PARLEY_VERSION_STRING; }

const char *parley_status_name(int status) {
  switch (status) {
#define PL_STATUS_NAME_(suffix, value, name, message) \
  case value: return name;
    PARLEY_STATUS_MAP(PL_STATUS_NAME_)
#undef PL_STATUS_NAME_
    default: return "unknown";
  }
}

const char *parley_status_message(int status) {
  switch (status) {
#define PL_STATUS_MESSAGE_(suffix, value, name, message) \
  case value: return message;
    PARLEY_STATUS_MAP(PL_STATUS_MESSAGE_)
#undef PL_STATUS_MESSAGE_
    default: return "unknown status";
  }
}

void parley_string_free(char *s) { free(s); }

int pl_fail(parley_error *err, int code, const char *file, int line, int column,
            const char *fmt, ...) {
  if (!err) return code;
  err->code = code;
  err->line = line;
  err->column = column;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return code;
}

int parley_error_format(const parley_error *err, char *buf, size_t size) {
  if (!err) return snprintf(buf, size, "error: (no error)");
  const char *kind = err->code == PARLEY_WARNING ? "warning" : "error";
  if (err->file[0] && err->line > 0 && err->column > 0)
    return snprintf(buf, size, "%s:%d:%d: %s: %s", err->file, err->line, err->column, kind, err->message);
  if (err->file[0] && err->line > 0) return snprintf(buf, size, "%s:%d: %s: %s", err->file, err->line, kind, err->message);
  if (err->file[0]) return snprintf(buf, size, "%s: %s: %s", err->file, kind, err->message);
  return snprintf(buf, size, "%s: %s", kind, err->message);
}

parley_diagnostics *parley_diagnostics_new(void) { return calloc(1, sizeof(parley_diagnostics)); }

void parley_diagnostics_free(parley_diagnostics *d) {
  if (!d) return;
  free(d->items);
  free(d);
}

size_t parley_diagnostics_count(const parley_diagnostics *d) { return d ? d->count : 0; }

const parley_error *parley_diagnostics_get(const parley_diagnostics *d, size_t i) {
  return d && i < d->count ? &d->items[i] : NULL;
}

int pl_diag_add(parley_diagnostics *d, const parley_error *e) {
  if (!d) return 0;
  if (pl_grow(&d->items, &d->cap, d->count + 1)) return PARLEY_ERR_NOMEM;
  d->items[d->count++] = *e;
  return 0;
}

void pl_diag_sort_from(parley_diagnostics *d, size_t start) {
  if (!d) return;
  /* insertion sort: stable, and lists are short */
  for (size_t i = start + 1; i < d->count; i++) {
    parley_error e = d->items[i];
    size_t j = i;
    while (j > start && (d->items[j - 1].line > e.line ||
                         (d->items[j - 1].line == e.line && d->items[j - 1].column > e.column))) {
      d->items[j] = d->items[j - 1];
      j--;
    }
    d->items[j] = e;
  }
}

void pl_collect_vadd(pl_collect *c, int code, const char *file, int line, int column,
                     const char *fmt, va_list ap) {
  parley_error e;
  e.code = code;
  e.line = line > 0 ? line : 0;
  e.column = column > 0 ? column : 0;
  snprintf(e.file, sizeof e.file, "%s", file ? file : "");
  vsnprintf(e.message, sizeof e.message, fmt, ap);
  if (c->n_errors++ == 0) {
    c->first_code = code;
    if (c->err) *c->err = e;
  }
  pl_diag_add(c->diags, &e);
}

void pl_collect_warn(pl_collect *c, const char *file, int line, int column, const char *fmt, ...) {
  parley_error e;
  e.code = PARLEY_WARNING;
  e.line = line > 0 ? line : 0;
  e.column = column > 0 ? column : 0;
  snprintf(e.file, sizeof e.file, "%s", file ? file : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e.message, sizeof e.message, fmt, ap);
  va_end(ap);
  pl_diag_add(c->diags, &e);
}

void pl_collect_add(pl_collect *c, int code, const char *file, int line, int column,
                    const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pl_collect_vadd(c, code, file, line, column, fmt, ap);
  va_end(ap);
}
