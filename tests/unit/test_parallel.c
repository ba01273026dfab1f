/* test_parallel.c — the one parallel loop: every chunk runs once, the first real failure wins,
 * a progress callback that says stop gives PARLEY_ERR_CANCELLED; and the library's parallel
 * work (whole-file forecasts, the SMP's targeting, backtests) gives the same bytes on one
 * thread and on several. Also the status table. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"
#include "util/parallel.h"

typedef struct job {
  int ran[64];
  size_t fail_at;  /* this chunk fails with NOMEM (SIZE_MAX: none) */
  int wait_stop;   /* chunks below fail_at give up with CANCELLED once the loop stops */
} job;

static int chunk(void *ctx, size_t k, pl_parallel *par) {
  job *j = ctx;
  j->ran[k]++;
  pl_parallel_advance(par, 1);
  if (k == j->fail_at) return PARLEY_ERR_NOMEM;
  if (j->wait_stop && pl_parallel_stopping(par)) return PARLEY_ERR_CANCELLED;
  return 0;
}

static int stop_at_once(void *user, double f) {
  (void)f;
  ++*(int *)user;
  return 1;
}

static double last_fraction;
static int record(void *user, double f) {
  (void)user;
  last_fraction = f;
  return 0;
}

static void test_loop(void **state) {
  (void)state;
  for (size_t threads = 1; threads <= 4; threads++) {
    job j = {.fail_at = SIZE_MAX};
    pl_parallel par = {.n_chunks = 40, .threads = threads, .run = chunk, .ctx = &j, .total = 40, .progress = record};
    assert_int_equal(pl_parallel_run(&par), 0);
    for (size_t k = 0; k < 40; k++) assert_int_equal(j.ran[k], 1);
    assert_true(last_fraction == 1.0);
    /* a failing chunk: its error, not the CANCELLED of a chunk that gave up because of it */
    job f = {.fail_at = 7, .wait_stop = 1};
    pl_parallel fp = {.n_chunks = 40, .threads = threads, .run = chunk, .ctx = &f};
    assert_int_equal(pl_parallel_run(&fp), PARLEY_ERR_NOMEM);
    /* the progress callback says stop */
    int calls = 0;
    job c = {.fail_at = SIZE_MAX};
    pl_parallel cp = {.n_chunks = 40, .threads = threads, .run = chunk, .ctx = &c, .progress = stop_at_once, .progress_user = &calls};
    assert_int_equal(pl_parallel_run(&cp), PARLEY_ERR_CANCELLED);
    assert_int_equal(calls, 1);
  }
}

static void test_statuses(void **state) {
  (void)state;
  assert_string_equal(parley_status_name(PARLEY_ERR_CANCELLED), "cancelled");
  assert_string_equal(parley_status_message(PARLEY_ERR_NOMEM), "out of memory");
  assert_string_equal(parley_status_message(PARLEY_OK), "no error");
  assert_string_equal(parley_status_name(-99), "unknown");
  assert_true(parley_default_threads() >= 1);
}

/* A forecast rendered in a format (the caller frees it). */
static char *forecast(const parley_positions *pos, parley_forecast_options o, size_t threads, parley_format f) {
  parley_forecast *fc = NULL;
  parley_error e = {0};
  char *text = NULL;
  o.threads = threads;
  o.smp.threads = threads;
  if (parley_forecast_run(pos, &o, &fc, &e)) fail_msg("%s", e.message);
  if (parley_report_forecast(fc, f, 1, &text, NULL, &e)) fail_msg("%s", e.message);
  parley_forecast_free(fc);
  return text;
}

static void same_on_any_threads(const parley_positions *pos, parley_forecast_kind kind) {
  parley_forecast_options o;
  parley_forecast_defaults(&o);
  o.kind = kind;
  o.capability.kind = isnan(parley_positions_capability(pos, 0)) ? PARLEY_CAPABILITY_EQUAL : PARLEY_CAPABILITY_DATA;
  char *one = forecast(pos, o, 1, PARLEY_FORMAT_JSON);
  for (size_t t = 2; t <= 4; t++) {
    char *many = forecast(pos, o, t, PARLEY_FORMAT_JSON);
    assert_string_equal(one, many);
    parley_string_free(many);
  }
  parley_string_free(one);
}

static parley_positions *read_positions(const char *path) {
  parley_positions *pos = NULL;
  parley_error e = {0};
  if (parley_positions_read_file(path, NULL, &pos, NULL, &e)) fail_msg("%s", e.message);
  return pos;
}

/* 60 actors on two dimensions (from a builder's positions): enough for the SMP to split its
 * targeting between threads. */
static parley_positions *many_actors(void) {
  parley_builder *b = parley_builder_new("many");
  parley_error e = {0};
  test_rng rng = {42};
  parley_builder_add_issue(b, "x", NULL, NULL, &e);
  parley_builder_add_range(b, 0, 0, 100, 50, &e);
  parley_builder_add_issue(b, "y", NULL, NULL, &e);
  parley_builder_add_range(b, 1, 0, 100, 50, &e);
  parley_builder_add_positions(b, 0, NAN, NAN, &e);
  parley_builder_add_positions(b, 1, NAN, NAN, &e);
  for (size_t p = 0; p < 60; p++) {
    char id[16];
    snprintf(id, sizeof id, "a%zu", p);
    if (parley_builder_add_party(b, id, NULL, NULL, &e)) fail_msg("%s", e.message);
    parley_builder_set_power(b, p, 1 + test_rng_below(&rng, 9), &e);
    parley_builder_set_weight(b, p, 0, 1, &e);
    parley_builder_set_points(b, p, 0, 1, &(double){0}, &(double){1}, &e);
    const double s = test_rng_below(&rng, 101);
    parley_builder_set_position(b, 0, p, test_rng_below(&rng, 101), s / 2, &e);
    parley_builder_set_position(b, 1, p, test_rng_below(&rng, 101), (100 - s) / 2, &e);
  }
  parley_scenario *sc = NULL;
  parley_positions *pos = NULL;
  if (parley_builder_build(b, &sc, &e) || parley_positions_from_scenario(sc, &pos, &e)) fail_msg("%s", e.message);
  parley_scenario_free(sc);
  parley_builder_free(b);
  return pos;
}

static void test_forecasts_any_threads(void **state) {
  (void)state;
  parley_positions *deu = read_positions(PARLEY_TEST_DATA "/deu/small.csv");
  parley_positions *ex = read_positions(PARLEY_TEST_DATA "/deu/exchange.csv");
  parley_positions *ktab = read_positions(PARLEY_TEST_DATA "/ktab/small.csv");
  parley_positions *many = many_actors();
  for (int k = PARLEY_FORECAST_TABLE; k <= PARLEY_FORECAST_SMP; k++) {
    same_on_any_threads(deu, (parley_forecast_kind)k);
    same_on_any_threads(ex, (parley_forecast_kind)k);
    same_on_any_threads(ktab, (parley_forecast_kind)k);
  }
  same_on_any_threads(many, PARLEY_FORECAST_SMP);
  parley_positions_free(deu);
  parley_positions_free(ex);
  parley_positions_free(ktab);
  parley_positions_free(many);
}

static void test_backtest_any_threads(void **state) {
  (void)state;
  parley_positions *pos = read_positions(PARLEY_TEST_DATA "/deu/exchange.csv");
  char *text[3] = {0};
  for (size_t t = 1; t <= 3; t++) {
    parley_backtest_options o;
    parley_backtest_defaults(&o);
    o.min_actors = 2;
    o.resamples = 100;
    o.threads = t;
    parley_backtest *bt = NULL;
    parley_error e = {0};
    if (parley_backtest_run(pos, &o, &bt, &e)) fail_msg("%s", e.message);
    if (parley_report_backtest(bt, PARLEY_FORMAT_JSON, 1, &text[t - 1], NULL, &e)) fail_msg("%s", e.message);
    parley_backtest_free(bt);
  }
  assert_string_equal(text[0], text[1]);
  assert_string_equal(text[0], text[2]);
  for (int k = 0; k < 3; k++) parley_string_free(text[k]);
  parley_positions_free(pos);
}

static void test_cancel(void **state) {
  (void)state;
  parley_positions *pos = read_positions(PARLEY_TEST_DATA "/deu/small.csv");
  int calls = 0;
  parley_forecast_options o;
  parley_forecast_defaults(&o);
  o.progress = stop_at_once;
  o.progress_user = &calls;
  parley_forecast *fc = NULL;
  parley_error e = {0};
  assert_int_equal(parley_forecast_run(pos, &o, &fc, &e), PARLEY_ERR_CANCELLED);
  assert_null(fc);
  assert_int_equal(calls, 1);
  parley_backtest_options b;
  parley_backtest_defaults(&b);
  b.progress = stop_at_once;
  b.progress_user = &calls;
  parley_backtest *bt = NULL;
  assert_int_equal(parley_backtest_run(pos, &b, &bt, &e), PARLEY_ERR_CANCELLED);
  assert_null(bt);
  parley_positions_free(pos);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_loop),
      cmocka_unit_test(test_statuses),
      cmocka_unit_test(test_forecasts_any_threads),
      cmocka_unit_test(test_backtest_any_threads),
      cmocka_unit_test(test_cancel),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
