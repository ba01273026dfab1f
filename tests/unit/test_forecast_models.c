/* test_forecast_models.c — every forecasting model, run through the library on small inputs
 * and rendered by the report layer, compared byte for byte with its expected output kept
 * beside this file (tests/unit/forecast/CASE.out). A change to a model, or to how its result
 * reads, shows up here without going through the command line. PARLEY_UPDATE_GOLDEN=1
 * rewrites the expected files from the current library (review the diff before committing). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

#define EXPECTED "tests/unit/forecast/"

/* Compares text with the expected file (or writes it when updating). */
static void check_golden(const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, EXPECTED "%s.out", name);
  const char *update = getenv("PARLEY_UPDATE_GOLDEN");
  if (update && !strcmp(update, "1")) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return;
  }
  FILE *f = fopen(path, "rb");
  if (!f) fail_msg("%s is missing (PARLEY_UPDATE_GOLDEN=1 writes it)", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *want = malloc((size_t)n + 1);
  assert_non_null(want);
  assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
  want[n] = '\0';
  fclose(f);
  if (strcmp(want, text) != 0) {
    size_t at = 0;
    while (want[at] && want[at] == text[at]) at++;
    size_t line = 1;
    for (size_t k = 0; k < at; k++) line += want[k] == '\n';
    fail_msg("%s differs from the library's output at line %zu", path, line);
  }
  free(want);
}

/* The positions of a CSV, or of a scenario (*sc then the scenario, else NULL). */
static parley_positions *load(const char *path, parley_scenario **sc) {
  parley_positions *pos = NULL;
  parley_error e = {0};
  size_t n = strlen(path);
  *sc = NULL;
  if (n > 5 && !strcmp(path + n - 5, ".yaml")) {
    if (parley_scenario_read_file(path, NULL, sc, NULL, &e) || parley_positions_from_scenario(*sc, &pos, &e))
      fail_msg("%s", e.message);
  } else if (parley_positions_read_file(path, NULL, &pos, NULL, &e)) {
    fail_msg("%s", e.message);
  }
  return pos;
}

/* One case: a file, a kind of forecast (with the EU mode), rendered as text with every
 * explanation, checked against NAME.out. */
static void forecast_case(const char *name, const char *path, parley_forecast_kind kind, parley_eu_mode mode) {
  parley_scenario *sc;
  parley_positions *pos = load(path, &sc);
  parley_forecast_options o;
  parley_forecast_defaults(&o);
  o.scenario = sc; /* a scenario's forecasts are put to its parties */
  o.kind = kind;
  o.eu.mode = mode;
  o.capability.kind = isnan(parley_positions_capability(pos, 0)) ? PARLEY_CAPABILITY_EQUAL : PARLEY_CAPABILITY_DATA;
  o.threads = 2;
  parley_forecast *fc = NULL;
  parley_error e = {0};
  char *text = NULL;
  if (parley_forecast_run(pos, &o, &fc, &e)) fail_msg("%s", e.message);
  if (parley_report_forecast(fc, PARLEY_FORMAT_TEXT, 1, &text, NULL, &e)) fail_msg("%s", e.message);
  check_golden(name, text);
  parley_string_free(text);
  parley_forecast_free(fc);
  parley_positions_free(pos);
  parley_scenario_free(sc);
}

/* Every model's final forecast (the table), on each kind of input. */
static void test_table(void **state) {
  (void)state;
  forecast_case("table-deu-small", "tests/data/deu/small.csv", PARLEY_FORECAST_TABLE, 0);
  forecast_case("table-deu-exchange", "tests/data/deu/exchange.csv", PARLEY_FORECAST_TABLE, 0);
  forecast_case("table-ktab-small", "tests/data/ktab/small.csv", PARLEY_FORECAST_TABLE, 0);
  forecast_case("table-plain", "tests/data/deu/plain.csv", PARLEY_FORECAST_TABLE, 0);
  forecast_case("table-positions", "tests/data/positions.yaml", PARLEY_FORECAST_TABLE, 0);
  forecast_case("table-wage", "tests/data/wage.yaml", PARLEY_FORECAST_TABLE, 0); /* verdicts, open issue, red line */
}

/* Bueno de Mesquita's expected-utility model in both modes, round by round. */
static void test_expected_utility(void **state) {
  (void)state;
  forecast_case("eu-replication-deu-small", "tests/data/deu/small.csv", PARLEY_FORECAST_EU, PARLEY_EU_MODE_REPLICATION);
  forecast_case("eu-printed-deu-small", "tests/data/deu/small.csv", PARLEY_FORECAST_EU, PARLEY_EU_MODE_PRINTED);
  forecast_case("eu-replication-positions", "tests/data/positions.yaml", PARLEY_FORECAST_EU, PARLEY_EU_MODE_REPLICATION);
}

/* Stokman's exchange model with every trade. */
static void test_exchange(void **state) {
  (void)state;
  forecast_case("exchange-deu-exchange", "tests/data/deu/exchange.csv", PARLEY_FORECAST_EXCHANGE, 0);
  forecast_case("exchange-positions", "tests/data/positions.yaml", PARLEY_FORECAST_EXCHANGE, 0);
}

/* KTAB's SMP, one space and issue by issue, with why each actor moved. */
static void test_smp(void **state) {
  (void)state;
  forecast_case("smp-ktab-small", "tests/data/ktab/small.csv", PARLEY_FORECAST_SMP, 0);
  forecast_case("smp-deu-small", "tests/data/deu/small.csv", PARLEY_FORECAST_SMP, 0);
  forecast_case("smp-positions", "tests/data/positions.yaml", PARLEY_FORECAST_SMP, 0);
}

/* A backtest of every model, with each issue's forecasts and errors. */
static void test_backtest(void **state) {
  (void)state;
  parley_scenario *sc;
  parley_positions *pos = load("tests/data/deu/exchange.csv", &sc);
  parley_backtest_options o;
  parley_backtest_defaults(&o);
  o.min_actors = 2;
  o.resamples = 200;
  parley_backtest *bt = NULL;
  parley_error e = {0};
  char *text = NULL;
  if (parley_backtest_run(pos, &o, &bt, &e)) fail_msg("%s", e.message);
  if (parley_report_backtest(bt, PARLEY_FORMAT_TEXT, 1, &text, NULL, &e)) fail_msg("%s", e.message);
  check_golden("backtest-deu-exchange", text);
  parley_string_free(text);
  parley_backtest_free(bt);
  parley_positions_free(pos);
}

int main(void) {
  /* the cases name their inputs relative to the repository, as a user would */
  if (chdir(PARLEY_TEST_DATA "/../..") != 0) return 1;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table), cmocka_unit_test(test_expected_utility), cmocka_unit_test(test_exchange),
      cmocka_unit_test(test_smp),   cmocka_unit_test(test_backtest),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
