/* test_deu.c — the baseline forecasting models on DEU III (../shared/data/deu3): the published
 * mean absolute errors on the 351 scored issues, and per-issue forecasts equal to
 * deu3_baseline_predictions.csv to 1e-6. Skipped without the data, a failure under CI=true. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "parley.h"

#define DEU PARLEY_SHARED_DATA "/deu3"

static int have_data(void) {
  struct stat st;
  if (stat(DEU, &st) == 0 && S_ISDIR(st.st_mode)) return 1;
  const char *ci = getenv("CI");
  if (ci && strcmp(ci, "true") == 0) fail_msg("%s is missing (CI=true: the shared data must be there)", DEU);
  return 0;
}

static parley_positions *load(void) {
  parley_positions *pos = NULL;
  parley_error err = {0};
  if (parley_positions_read_deu(DEU "/deu3_issues.csv", NULL, &pos, NULL, &err)) fail_msg("%s", err.message);
  return pos;
}

/* The published MAEs (DEU III README): to two decimals. */
static void test_published_mae(void **state) {
  (void)state;
  if (!have_data()) skip();
  parley_positions *pos = load();
  assert_int_equal(parley_positions_issue_count(pos), 364);
  struct {
    parley_model model;
    parley_capability_kind cap;
    double mae;
  } want[] = {
      {PARLEY_MODEL_COMPROMISE, PARLEY_CAPABILITY_EQUAL, 23.64},
      {PARLEY_MODEL_COMPROMISE, PARLEY_CAPABILITY_VOTES, 23.03},
      {PARLEY_MODEL_MEAN, PARLEY_CAPABILITY_EQUAL, 23.63},
      {PARLEY_MODEL_WEIGHTED_MEDIAN, PARLEY_CAPABILITY_EQUAL, 28.31},
      {PARLEY_MODEL_WEIGHTED_MEDIAN, PARLEY_CAPABILITY_VOTES, 28.36},
  };
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    parley_capability cap = {want[k].cap, NULL};
    parley_backtest bt;
    parley_error err = {0};
    assert_int_equal(parley_backtest_model(pos, want[k].model, &cap, 3, 500, 1, &bt, NULL, &err), 0);
    print_message("%-16s %-6s n=%zu MAE %.4f [%.2f, %.2f] RMSE %.2f median %.2f\n", parley_model_name(want[k].model),
                  want[k].cap == PARLEY_CAPABILITY_VOTES ? "votes" : "equal", bt.n, bt.mae, bt.mae_lo, bt.mae_hi,
                  bt.rmse, bt.median_ae);
    assert_int_equal(bt.n, 351);
    assert_true(fabs(bt.mae - want[k].mae) <= 0.005 + 1e-9);
    assert_true(bt.mae_lo <= bt.mae && bt.mae <= bt.mae_hi);
  }
  parley_positions_free(pos);
}

/* Every forecast of the baseline file, issue by issue. */
static void test_per_issue(void **state) {
  (void)state;
  if (!have_data()) skip();
  parley_positions *pos = load();
  FILE *f = fopen(DEU "/deu3_baseline_predictions.csv", "r");
  assert_non_null(f);
  char line[1024];
  assert_non_null(fgets(line, sizeof line, f)); /* header */
  const struct {
    parley_model m;
    parley_capability_kind c;
  } column[6] = {{PARLEY_MODEL_MEAN, PARLEY_CAPABILITY_EQUAL},       {PARLEY_MODEL_MEDIAN, PARLEY_CAPABILITY_EQUAL},
                 {PARLEY_MODEL_COMPROMISE, PARLEY_CAPABILITY_EQUAL}, {PARLEY_MODEL_WEIGHTED_MEDIAN, PARLEY_CAPABILITY_EQUAL},
                 {PARLEY_MODEL_COMPROMISE, PARLEY_CAPABILITY_VOTES}, {PARLEY_MODEL_WEIGHTED_MEDIAN, PARLEY_CAPABILITY_VOTES}};
  size_t rows = 0, mismatches = 0;
  while (fgets(line, sizeof line, f)) {
    char *fields[16];
    size_t n = 0;
    for (char *p = strtok(line, ",\n"); p && n < 16; p = strtok(NULL, ",\n")) fields[n++] = p;
    /* isnr, proposal_year, counvte, n_actors, outcome, rp, then the 6 forecasts; strtok
     * skips an empty rp, so the forecasts are read from the end */
    if (n < 11) continue;
    const char *id = fields[0];
    size_t issue = 0;
    while (issue < parley_positions_issue_count(pos) && strcmp(parley_positions_issue_id(pos, issue), id)) issue++;
    assert_true(issue < parley_positions_issue_count(pos));
    rows++;
    for (int c = 0; c < 6; c++) {
      double want = strtod(fields[n - 6 + c], NULL), got;
      parley_capability cap = {column[c].c, NULL};
      assert_int_equal(parley_forecast_issue(pos, issue, column[c].m, &cap, &got), 0);
      if (fabs(got - want) > 1e-6) {
        if (mismatches++ < 10) print_error("%s column %d: %.6f, baseline %.6f\n", id, c, got, want);
      }
    }
  }
  fclose(f);
  print_message("%zu issues x 6 forecasts compared, %zu differ\n", rows, mismatches);
  assert_int_equal(rows, 351);
  assert_int_equal(mismatches, 0);
  parley_positions_free(pos);
}

/* The 1994 emission case: capability x salience weighted mean 7.389956, weighted median 7.0
 * (../shared/data/bdm1994/README.md; round 0 of the oracle file). */
static void test_bdm1994_baselines(void **state) {
  (void)state;
  if (!have_data()) skip();
  parley_positions *pos = NULL;
  parley_error err = {0};
  assert_int_equal(parley_positions_read_file(PARLEY_SHARED_DATA "/bdm1994/bdm1994_emission_standards.csv", NULL, &pos,
                                              NULL, &err), 0);
  assert_int_equal(parley_positions_actor_count(pos), 10);
  assert_int_equal(parley_positions_issue_count(pos), 1);
  parley_capability data = {PARLEY_CAPABILITY_DATA, NULL};
  double f;
  assert_int_equal(parley_forecast_issue(pos, 0, PARLEY_MODEL_COMPROMISE, &data, &f), 0);
  assert_true(fabs(f - 7.389956) < 5e-7);
  assert_int_equal(parley_forecast_issue(pos, 0, PARLEY_MODEL_WEIGHTED_MEDIAN, &data, &f), 0);
  assert_true(f == 7.0);
  parley_positions_free(pos);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_published_mae),
      cmocka_unit_test(test_per_issue),
      cmocka_unit_test(test_bdm1994_baselines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
