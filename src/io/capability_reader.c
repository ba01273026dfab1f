/* capability_reader.c — a CSV of actor,capability lines (a header line, or any line without a
 * number, is skipped at the top) into a table in the positions' actor order. */
#include <math.h>
#include <string.h>

#include "io/csv.h"
#include "model/positions.h"
#include "util/error.h"

int parley_capability_read(const char *path, const parley_positions *pos, double *table, parley_diagnostics *diags,
                           parley_error *err) {
  if (!path || !pos || !table) return pl_fail(err, PARLEY_ERR_ARG, path, 0, 0, "invalid argument");
  const size_t A = pos->n_actors;
  for (size_t a = 0; a < A; a++) table[a] = NAN;
  pl_collect col = {diags, err, 0, 0};
  pl_csv in;
  int rc = pl_csv_open(&in, path, NULL, &col);
  if (rc) return rc;
  while (pl_csv_next(&in)) {
    if (in.n < 2) continue;
    const char *actor = in.fields[0];
    int bad = 0;
    double v = pl_csv_number(in.fields[1], &bad);
    if (bad || isnan(v) || in.n > 2) {
      if (in.lineno == 1) continue; /* a header */
      pl_collect_add(&col, PARLEY_ERR_INVALID, path, in.lineno, 0, "the capability of '%s' %s", actor, pl_csv_bad_text(bad ? bad : 1));
      break;
    }
    if (v < 0) {
      pl_collect_add(&col, PARLEY_ERR_INVALID, path, in.lineno, 0, "the capability of '%s' is negative", actor);
      break;
    }
    size_t a = 0;
    while (a < A && strcmp(pos->actor[a], actor)) a++;
    if (a == A) {
      pl_collect_add(&col, PARLEY_ERR_INVALID, path, in.lineno, in.cols[0],
                     "'%s' is not an actor of %s; capabilities are for the actors of the positions", actor,
                     pos->source ? pos->source : "the positions");
      continue;
    }
    if (!isnan(table[a])) {
      pl_collect_add(&col, PARLEY_ERR_INVALID, path, in.lineno, in.cols[0], "'%s' is given a capability twice", actor);
      continue;
    }
    table[a] = v;
  }
  pl_csv_close(&in);
  return col.n_errors ? col.first_code : 0;
}
