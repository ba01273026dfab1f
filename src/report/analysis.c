/* analysis.c — parley_report_analysis: the format chosen, and the frontier (or every tied
 * package on it) as CSV. */
#include "report/analysis.h"

#include <stdlib.h>

#include "util/error.h"

/* frontier_index,outcome_index,packages,<issue ids>,<party ids>: one line per frontier vector
 * (its first package), or per tied package when the analysis lists them. */
static int analysis_csv(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
  const uint64_t T = parley_analysis_tie_count(an);
  uint32_t *pkg = malloc((N + 1) * sizeof *pkg);
  if (!pkg) return PARLEY_ERR_NOMEM;
  pl_buf_puts(b, "frontier_index,outcome_index,packages");
  pl_report_csv_issues(b, sc);
  pl_report_csv_parties(b, sc);
  pl_buf_putc(b, '\n');
  const uint64_t rows = T ? T : parley_analysis_frontier_count(an);
  for (uint64_t r = 0; r < rows; r++) {
    uint64_t index;
    const size_t k = T ? parley_analysis_tie_get(an, r, pkg, &index) : (size_t)r;
    if (!T) parley_analysis_frontier_get(an, k, pkg, &index);
    pl_buf_printf(b, "%zu,", k);
    if (index != UINT64_MAX) pl_buf_printf(b, "%llu", (unsigned long long)index);
    pl_buf_putc(b, ',');
    const uint64_t count = parley_analysis_frontier_packages(an, k);
    if (count) pl_buf_printf(b, "%llu", (unsigned long long)count);
    pl_report_csv_options(b, sc, pkg);
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
