/* feasible.c — parley_feasible_each: every package every party accepts, in outcome order. */
#include <stdlib.h>

#include "parley.h"
#include "util/error.h"

int parley_feasible_each(const parley_scenario *sc, const parley_analysis_options *options, parley_package_fn fn,
                         void *user, parley_error *err) {
  if (!sc || !fn) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const uint64_t max = options ? options->max_outcomes : 0;
  int rc = parley_outcome_count_check(sc, max, err);
  if (rc) return rc;
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
  const uint64_t total = parley_outcome_count(sc);
  uint32_t *pkg = calloc(N ? N : 1, sizeof *pkg);
  if (!pkg) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (uint64_t k = 0; k < total; k++) {
    if (k) { /* the next package in mixed radix, the last issue fastest */
      for (size_t i = N; i-- > 0;) {
        if (++pkg[i] < parley_issue_option_count(sc, i)) break;
        pkg[i] = 0;
      }
    }
    if (options && options->progress && (k & 0xfffff) == 0 && k &&
        options->progress(options->progress_user, (double)k / (double)total)) {
      free(pkg);
      return pl_fail(err, PARLEY_ERR_CANCELLED, NULL, 0, 0, "cancelled");
    }
    size_t p = 0;
    for (parley_acceptance v; p < P && !parley_package_acceptance(sc, p, pkg, &v) && v.accepts; p++) {}
    if (p == P && (rc = fn(user, k, pkg)) != 0) break;
  }
  free(pkg);
  return rc > 0 ? 0 : rc;
}
