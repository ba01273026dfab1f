/* feasible.c — parley_report_feasible_csv: every package every party accepts, one a line. */
#include "report/common.h"
#include "util/error.h"

typedef struct rows {
  const parley_scenario *sc;
  pl_buf *b;
} rows;

static int row(void *user, uint64_t index, const uint32_t *pkg) {
  rows *r = user;
  pl_buf_printf(r->b, "%llu", (unsigned long long)index);
  pl_report_csv_options(r->b, r->sc, pkg);
  for (size_t p = 0; p < parley_party_count(r->sc); p++) {
    pl_buf_putc(r->b, ',');
    pl_buf_exact_number(r->b, parley_utility(r->sc, p, pkg));
  }
  pl_buf_putc(r->b, '\n');
  return r->b->failed ? -1 : 0;
}

int parley_report_feasible_csv(const parley_scenario *sc, const parley_analysis_options *options, char **text_out,
                               size_t *len_out, parley_error *err) {
  if (!sc || !text_out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *text_out = NULL;
  pl_buf b = {0};
  pl_buf_puts(&b, "outcome_index");
  pl_report_csv_issues(&b, sc);
  pl_report_csv_parties(&b, sc);
  pl_buf_putc(&b, '\n');
  rows r = {sc, &b};
  const int rc = parley_feasible_each(sc, options, row, &r, err);
  if (rc == -1) b.failed = 1; /* out of memory in a row */
  else if (rc) {
    pl_buf_free(&b);
    return rc;
  }
  return pl_report_finish(&b, text_out, len_out, err);
}
