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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_offers_opponent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
