/* common.c — helpers shared by the renderers; see common.h. */
#include "report/common.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"

void pl_report_package(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg) {
  for (size_t i = 0; i < parley_issue_count(sc); i++)
    pl_buf_printf(b, "%s%s=%s", i ? ", " : "", parley_issue_id(sc, i), parley_option_id(sc, i, pkg[i]));
}

void pl_report_package_json(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg) {
  pl_buf_putc(b, '{');
  for (size_t i = 0; i < parley_issue_count(sc); i++) {
    if (i) pl_buf_putc(b, ',');
    pl_buf_json_string(b, parley_issue_id(sc, i));
    pl_buf_putc(b, ':');
    pl_buf_json_string(b, parley_option_id(sc, i, pkg[i]));
  }
  pl_buf_putc(b, '}');
}

void pl_report_grouped(pl_buf *b, const char *digits) {
  const int len = (int)strlen(digits);
  for (int i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) pl_buf_putc(b, ',');
    pl_buf_putc(b, digits[i]);
  }
}

void pl_report_count(pl_buf *b, uint64_t n) {
  char digits[32];
  snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
  pl_report_grouped(b, digits);
}

void pl_report_csv_field(pl_buf *b, const char *s) {
  if (!strpbrk(s, ",\"\r\n")) {
    pl_buf_puts(b, s);
    return;
  }
  pl_buf_putc(b, '"');
  for (; *s; s++) {
    if (*s == '"') pl_buf_putc(b, '"');
    pl_buf_putc(b, *s);
  }
  pl_buf_putc(b, '"');
}

void pl_report_csv_issues(pl_buf *b, const parley_scenario *sc) {
  for (size_t i = 0; i < parley_issue_count(sc); i++) {
    pl_buf_putc(b, ',');
    pl_report_csv_field(b, parley_issue_id(sc, i));
  }
}

void pl_report_csv_parties(pl_buf *b, const parley_scenario *sc) {
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    pl_buf_putc(b, ',');
    pl_report_csv_field(b, parley_party_id(sc, p));
  }
}

void pl_report_csv_options(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg) {
  for (size_t i = 0; i < parley_issue_count(sc); i++) {
    pl_buf_putc(b, ',');
    pl_report_csv_field(b, parley_option_id(sc, i, pkg[i]));
  }
}

void pl_report_csv_number(pl_buf *b, double x) {
  if (isfinite(x)) pl_buf_printf(b, "%.6f", x);
}

void pl_report_json_fixed(pl_buf *b, double x) {
  if (!isfinite(x)) pl_buf_puts(b, "null");
  else pl_buf_printf(b, "%.6f", x);
}

int pl_report_check(const void *result, parley_format format, int csv_ok, char **text_out, parley_error *err) {
  if (!result || !text_out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *text_out = NULL;
  if (format != PARLEY_FORMAT_TEXT && format != PARLEY_FORMAT_JSON && !(format == PARLEY_FORMAT_CSV && csv_ok))
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "this result has no %s form", parley_format_name(format));
  return 0;
}

int pl_report_finish(pl_buf *b, char **text_out, size_t *len_out, parley_error *err) {
  if (!b->failed && !b->data) pl_buf_puts(b, ""); /* nothing to say: an empty string */
  if (b->failed || !b->data) {
    pl_buf_free(b);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  *text_out = b->data;
  if (len_out) *len_out = b->len;
  return 0;
}

const char *parley_format_name(parley_format f) {
  switch (f) {
    case PARLEY_FORMAT_TEXT: return "text";
    case PARLEY_FORMAT_JSON: return "json";
    case PARLEY_FORMAT_CSV: return "csv";
    default: return "unknown";
  }
}

void pl_report_changes(pl_buf *b, const parley_scenario *sc, const uint32_t *before, const uint32_t *after, const char *sep) {
  for (size_t i = 0, first = 1; before && i < parley_issue_count(sc); i++) {
    if (after[i] == before[i]) continue;
    pl_buf_puts(b, first ? "" : sep ? sep : ",");
    if (sep) {
      pl_buf_printf(b, "%s=%s", parley_issue_id(sc, i), parley_option_id(sc, i, after[i]));
    } else {
      pl_buf_json_string(b, parley_issue_id(sc, i));
      pl_buf_putc(b, ':');
      pl_buf_json_string(b, parley_option_id(sc, i, after[i]));
    }
    first = 0;
  }
}
