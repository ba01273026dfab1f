/* test_report.c — the report layer's refusals and its numbers that may be missing. */
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

static void ok(int rc, const parley_error *e) {
  if (rc) fail_msg("%s", e->message);
}

/* A query naming an opponent the scenario does not have is refused, not read past the end. */
static void test_offers_opponent(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_offer_index *ix = NULL;
  parley_error e = {0};
  ok(parley_scenario_read_file(PARLEY_TEST_DATA "/small.json", NULL, &sc, NULL, &e), &e);
  ok(parley_offer_index_build(sc, 0, 0, &ix, &e), &e);
  parley_offer_query q = {.lo = -INFINITY, .hi = INFINITY, .opponent = 1, .limit = 3};
  char *text = NULL;
  for (int f = 0; f < 3; f++) {
    ok(parley_report_offers(ix, &q, (parley_format)f, &text, NULL, &e), &e);
    assert_non_null(text);
    parley_string_free(text);
  }
  q.opponent = parley_party_count(sc);
  for (int f = 0; f < 3; f++) {
    text = (char *)"untouched";
    assert_int_equal(parley_report_offers(ix, &q, (parley_format)f, &text, NULL, &e), PARLEY_ERR_ARG);
    assert_null(text);
    assert_string_equal(e.message, "the query's opponent 2 is not a party of the scenario");
  }
  parley_offer_index_free(ix);
  parley_scenario_free(sc);
}

/* The feasible set as CSV: on random scenarios, as many rows as the analysis counts feasible
 * packages, in increasing outcome order, each accepted by every party (brute force). */
static void test_feasible_csv(void **state) {
  (void)state;
  test_rng rng = {11};
  test_gen_options go = {2, 4, 1, 4, 4, 0};
  for (int trial = 0; trial < 200; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc = test_load(yaml);
    free(yaml);
    parley_analysis *an = NULL;
    parley_error e = {0};
    char *text = NULL;
    ok(parley_analyze(sc, NULL, &an, &e), &e);
    ok(parley_report_feasible_csv(sc, NULL, &text, NULL, &e), &e);
    /* brute force: the feasible packages' indices, in order */
    const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
    uint32_t pkg[16] = {0};
    uint64_t want = 0;
    const char *line = strchr(text, '\n') + 1;
    for (uint64_t k = 0; k < parley_outcome_count(sc); k++) {
      uint64_t rest = k;
      for (size_t i = N; i-- > 0;) pkg[i] = (uint32_t)(rest % parley_issue_option_count(sc, i)), rest /= parley_issue_option_count(sc, i);
      int all = 1;
      for (size_t p = 0; p < P; p++) {
        parley_acceptance v;
        parley_package_acceptance(sc, p, pkg, &v);
        all &= v.accepts;
      }
      if (!all) continue;
      want++;
      assert_true(*line != '\0');
      assert_int_equal(strtoull(line, NULL, 10), k);
      line = strchr(line, '\n') + 1;
    }
    assert_true(*line == '\0');
    if (parley_analysis_feasible_known(an)) assert_int_equal(want, parley_analysis_feasible_count(an));
    parley_string_free(text);
    parley_analysis_free(an);
    parley_scenario_free(sc);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_offers_opponent),
      cmocka_unit_test(test_feasible_csv),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
