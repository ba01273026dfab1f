/* analysis.c — parley_report_analysis: the format chosen, and the frontier as CSV. */
#include "report/analysis.h"

#include <stdlib.h>

#include "util/error.h"

/* frontier_index,outcome_index,<issue ids>,<party ids>: one line per frontier package. */
static int analysis_csv(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
  uint32_t *pkg = malloc((N + 1) * sizeof *pkg);
  if (!pkg) return PARLEY_ERR_NOMEM;
  pl_buf_puts(b, "frontier_index,outcome_index");
  for (size_t i = 0; i < N; i++) {
    pl_buf_putc(b, ',');
    pl_report_csv_field(b, parley_issue_id(sc, i));
  }
  for (size_t p = 0; p < P; p++) {
    pl_buf_putc(b, ',');
    pl_report_csv_field(b, parley_party_id(sc, p));
  }
  pl_buf_putc(b, '\n');
  for (size_t k = 0; k < parley_analysis_frontier_count(an); k++) {
    uint64_t index;
    parley_analysis_frontier_get(an, k, pkg, &index);
    pl_buf_printf(b, "%zu,", k);
    if (index != UINT64_MAX) pl_buf_printf(b, "%llu", (unsigned long long)index);
    for (size_t i = 0; i < N; i++) {
      pl_buf_putc(b, ',');
      pl_report_csv_field(b, parley_option_id(sc, i, pkg[i]));
    }
    for (size_t p = 0; p < P; p++) {
      pl_buf_putc(b, ',');
      pl_buf_exact_number(b, parley_analysis_frontier_utility(an, k, p));
    }
    pl_buf_putc(b, '\n');
  }
  free(pkg);
  return 0;
}

int parley_report_analysis(const parley_analysis *an, const parley_report_options *options, parley_format format,
                           char **text_out, size_t *len_out, parley_error *err) {
  int rc = pl_report_check(an, format, 1, text_out, err);
  if (rc) return rc;
  parley_report_options opt = {0};
  if (options) opt = *options;
  if (!opt.max_listed) opt.max_listed = 5;
  pl_buf b = {0};
  rc = format == PARLEY_FORMAT_TEXT   ? pl_report_analysis_text(&b, an, &opt)
       : format == PARLEY_FORMAT_JSON ? pl_report_analysis_json(&b, an)
                                      : analysis_csv(&b, an);
  if (rc) b.failed = 1;
  return pl_report_finish(&b, text_out, len_out, err);
}
