/* report_common.c — helpers shared by the report writers, and parley_string_free. */
#include "io/report_common.h"

#include <stdlib.h>

#include "util/error.h"

void pl_report_package(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg) {
  for (uint32_t i = 0; i < sc->n_issues; i++)
    pl_buf_printf(b, "%s%s=%s", i ? ", " : "", sc->issues[i].id, sc->issues[i].options[pkg[i]].id);
}

int pl_report_finish(pl_buf *b, char **text_out, size_t *len_out, parley_error *err) {
  if (b->failed || !b->data) {
    pl_buf_free(b);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  *text_out = b->data;
  if (len_out) *len_out = b->len;
  return 0;
}

void parley_string_free(char *s) { free(s); }
