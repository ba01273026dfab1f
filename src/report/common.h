/* common.h — what the renderers of src/report/ share: packages, counts and numbers written the
 * same way everywhere, and handing the finished text to the caller. Everything here reads
 * results only through the public API. */
#ifndef PL_REPORT_COMMON_H
#define PL_REPORT_COMMON_H

#include "parley.h"
#include "util/buf.h"

/* "issue=option, issue=option, ..." */
void pl_report_package(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg);
/* {"issue":"option",...} */
void pl_report_package_json(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg);
/* The issues where after differs from before (nothing when before is NULL): "issue=option"
 * joined by sep, or, with sep NULL, JSON object members "issue":"option" joined by commas. */
void pl_report_changes(pl_buf *b, const parley_scenario *sc, const uint32_t *before, const uint32_t *after, const char *sep);
/* A whole number given in decimal digits, with thousands separators. */
void pl_report_grouped(pl_buf *b, const char *digits);
/* A count with thousands separators. */
void pl_report_count(pl_buf *b, uint64_t n);
/* A CSV field: as it is, or quoted (with "" for ") when it holds a comma, quote or line end. */
void pl_report_csv_field(pl_buf *b, const char *s);
/* CSV columns, each preceded by a comma: every issue's id, every party's id, and a package's
 * option per issue. */
void pl_report_csv_issues(pl_buf *b, const parley_scenario *sc);
void pl_report_csv_parties(pl_buf *b, const parley_scenario *sc);
void pl_report_csv_options(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg);
/* A number in CSV with six decimals, or nothing when NaN. */
void pl_report_csv_number(pl_buf *b, double x);
/* A number in JSON with six decimals, or null when NaN (the forecasting outputs' form). */
void pl_report_json_fixed(pl_buf *b, double x);
/* Checks the arguments every renderer takes; returns 0 or PARLEY_ERR_ARG. */
int pl_report_check(const void *result, parley_format format, int csv_ok, char **text_out, parley_error *err);
/* Hands the buffer's text to the caller, or reports out-of-memory. */
int pl_report_finish(pl_buf *b, char **text_out, size_t *len_out, parley_error *err);

#endif
