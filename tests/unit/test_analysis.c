/* test_analysis.c — analysis results on small scenarios computed by hand, and on the
 * bundled example. */
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

static parley_analysis *analyze(const parley_scenario *sc) {
  parley_analysis *an = NULL;
  parley_error err = {0};
  assert_int_equal(parley_analyze(sc, NULL, &an, &err), 0);
  return an;
}

static size_t frontier_index_of(const parley_analysis *an, parley_solution s) {
  size_t i = parley_analysis_solution(an, s);
  assert_true(i != PARLEY_NONE);
  uint64_t idx;
  assert_int_equal(parley_analysis_frontier_get(an, (size_t)i, NULL, &idx), 0);
  return (size_t)idx;
}

/* Split a dollar: options 0..4 give A 1, .75, .5, .25, 0 and B the rest. Everything is on the
 * frontier; Nash, KS and egalitarian pick the even split; every package ties on the sum, so
 * utilitarian takes the lowest index. */
static void test_split(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - id: share\n    options: [a4, a3, a2, a1, a0]\n"
      "parties:\n"
      "  - id: A\n    weights: {share: 1}\n    values: {share: [1, 0.75, 0.5, 0.25, 0]}\n"
      "  - id: B\n    weights: {share: 1}\n    values: {share: [0, 0.25, 0.5, 0.75, 1]}\n");
  parley_analysis *an = analyze(sc);
  assert_int_equal(parley_analysis_feasible_count(an), 5);
  assert_int_equal(parley_analysis_frontier_count(an), 5);
  assert_int_equal(frontier_index_of(an, PARLEY_NASH), 2);
  assert_int_equal(frontier_index_of(an, PARLEY_KALAI_SMORODINSKY), 2);
  assert_int_equal(frontier_index_of(an, PARLEY_EGALITARIAN), 2);
  assert_int_equal(frontier_index_of(an, PARLEY_UTILITARIAN), 0);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

/* Reservations move the solutions: with r_A = 0.5 only options 0-2 are feasible; Nash
 * maximises (u_A - .5) * u_B over (.5,0) (.25,.25)x... = option 1: .25*.25; option 0: 0. KS
 * normalises by the feasible ideals (A: 1, B: .5): option 1 gives min(.5, .5). */
static void test_reservations(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - id: share\n    options: [a4, a3, a2, a1, a0]\n"
      "parties:\n"
      "  - id: A\n    reservation: 0.5\n    weights: {share: 1}\n    values: {share: [1, 0.75, 0.5, 0.25, 0]}\n"
      "  - id: B\n    weights: {share: 1}\n    values: {share: [0, 0.25, 0.5, 0.75, 1]}\n");
  parley_analysis *an = analyze(sc);
  assert_int_equal(parley_analysis_feasible_count(an), 3);
  assert_int_equal(parley_analysis_frontier_count(an), 3);
  assert_int_equal(frontier_index_of(an, PARLEY_NASH), 1);
  assert_int_equal(frontier_index_of(an, PARLEY_KALAI_SMORODINSKY), 1);
  /* egalitarian: min(u_A - .5, u_B): option 0: min(.5, 0)=0, 1: .25, 2: 0 */
  assert_int_equal(frontier_index_of(an, PARLEY_EGALITARIAN), 1);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

/* Two issues, logrolling: A cares about x, B about y. The frontier is the one package giving
 * each its issue; a framework that splits both ways is dominated by it. */
static void test_logroll_and_framework(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - id: x\n    options: [A, B]\n  - id: y\n    options: [A, B]\n"
      "parties:\n"
      "  - id: A\n    reservation: 0.3\n    weights: {x: 3, y: 1}\n    values: {x: [1, 0], y: [1, 0]}\n"
      "  - id: B\n    reservation: 0.3\n    weights: {x: 1, y: 3}\n    values: {x: [0, 1], y: [0, 1]}\n"
      "frameworks:\n  - id: swap\n    package: {x: B, y: A}\n  - id: deal\n    package: {x: A, y: B}\n");
  parley_analysis *an = analyze(sc);
  /* (A,A): .75/.25 (B below .3) (A,B): .75/.75 (B,A): .25/.25 (B,B): .25/.75 (A below) */
  assert_int_equal(parley_analysis_feasible_count(an), 1);
  assert_int_equal(parley_analysis_frontier_count(an), 1);
  uint32_t pkg[2];
  assert_int_equal(parley_analysis_frontier_get(an, 0, pkg, NULL), 0);
  assert_int_equal(pkg[0], 0);
  assert_int_equal(pkg[1], 1);
  parley_acceptance a;
  assert_int_equal(parley_analysis_framework_acceptance(an, 0, 0, &a), 0);
  assert_close(a.utility, 0.25, 1e-12);
  assert_false(a.accepts);
  assert_int_equal(parley_analysis_framework_on_frontier(an, 0), 0);
  assert_int_equal(parley_analysis_framework_dominator_count(an, 0), 1);
  assert_int_equal(parley_analysis_framework_dominator_get(an, 0, 0, NULL), 0);
  assert_int_equal(parley_analysis_framework_on_frontier(an, 1), 1);
  assert_int_equal(parley_analysis_framework_dominator_count(an, 1), 0);
  /* concessions at Nash (A,B): A's ideal is (A,A), so it concedes y: cost .25 */
  assert_int_equal(parley_analysis_concession_count(an, 0), 1);
  size_t issue;
  uint32_t io, no;
  double cost;
  assert_int_equal(parley_analysis_concession_get(an, 0, 0, &issue, &io, &no, &cost), 0);
  assert_int_equal(issue, 1);
  assert_int_equal(io, 0);
  assert_int_equal(no, 1);
  assert_close(cost, 0.25, 1e-12);
  assert_close(parley_analysis_concession_total(an, 0), 0.25, 1e-12);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

/* Nothing feasible: A and B have opposite red lines, C is easy. The smallest blocking group
 * is {A, B}. With a reservation C cannot reach, C alone blocks. */
static void test_blocking_group(void **state) {
  (void)state;
  const char *base =
      "issues:\n  - id: x\n    options: [a, b]\n"
      "parties:\n"
      "  - id: C\n    reservation: %s\n    weights: {x: 1}\n    values: {x: [0.5, 0.5]}\n"
      "  - id: A\n    weights: {x: 1}\n    values: {x: [1, 0]}\n    red_lines: [{when: {x: b}}]\n"
      "  - id: B\n    weights: {x: 1}\n    values: {x: [0, 1]}\n    red_lines: [{when: {x: a}}]\n";
  char yaml[1024];
  snprintf(yaml, sizeof yaml, base, "0.5");
  parley_scenario *sc = test_load(yaml);
  parley_analysis *an = analyze(sc);
  uint64_t mask;
  assert_int_equal(parley_analysis_feasible_count(an), 0);
  assert_int_equal(parley_analysis_frontier_count(an), 0);
  assert_int_equal(parley_analysis_solution(an, PARLEY_NASH), PARLEY_NONE);
  assert_int_equal(parley_analysis_blocking_group(an, &mask), 0);
  assert_int_equal(mask, 0x6); /* parties 1 and 2 */
  parley_analysis_free(an);
  parley_scenario_free(sc);

  snprintf(yaml, sizeof yaml, base, "0.6");
  sc = test_load(yaml);
  an = analyze(sc);
  assert_int_equal(parley_analysis_blocking_group(an, &mask), 0);
  assert_int_equal(mask, 0x1);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

/* The enumeration limit gives a clear error at the issues list. */
static void test_outcome_limit(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - id: a\n    range: {min: 1, max: 1000, step: 1}\n  - id: b\n    range: {min: 1, max: 1000, step: 1}\n"
      "parties:\n  - id: p\n    weights: {a: 1}\n    values: {a: {points: [[1, 0], [1000, 1]]}}\n");
  parley_analysis_options opt = {.max_outcomes = 999999, .method = PARLEY_METHOD_ENUMERATE};
  parley_analysis *an = NULL;
  parley_error err = {0};
  assert_int_equal(parley_analyze(sc, &opt, &an, &err), PARLEY_ERR_LIMIT);
  assert_null(an);
  assert_int_equal(err.line, 2);
  assert_int_equal(err.column, 3);
  assert_non_null(strstr(err.message, "1000000 packages (1000 x 1000)"));
  assert_non_null(strstr(err.message, "--max-outcomes"));
  opt.max_outcomes = 1000000;
  assert_int_equal(parley_analyze(sc, &opt, &an, &err), 0);
  assert_int_equal(parley_analysis_frontier_count(an), 1); /* one party: one vector at the top */
  assert_int_equal(parley_analysis_frontier_packages(an, 0), 1000); /* reached by every b */
  assert_int_equal(parley_analysis_frontier_package_total(an), 1000);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

static int cancel_at_once(void *user, double f) {
  (void)f;
  ++*(int *)user;
  return 1;
}

static void test_progress_cancel(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - id: a\n    range: {min: 1, max: 5000, step: 1}\n  - id: b\n    range: {min: 1, max: 1000, step: 1}\n"
      "parties:\n  - id: p\n    weights: {a: 1}\n    values: {a: {points: [[1, 0], [5000, 1]]}}\n");
  int calls = 0;
  parley_analysis_options opt = {.progress = cancel_at_once, .progress_user = &calls};
  parley_analysis *an = NULL;
  parley_error err = {0};
  assert_int_equal(parley_analyze(sc, &opt, &an, &err), PARLEY_ERR_CANCELLED);
  assert_int_equal(calls, 1);
  assert_null(an);
  parley_scenario_free(sc);
}

/* The bundled example's headline figures (brute force confirms them in test_bruteforce). */
static void test_example(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_error err = {0};
  assert_int_equal(parley_scenario_read_file(PARLEY_EXAMPLES "/ukraine-framework.yaml", NULL, &sc, NULL, &err), 0);
  parley_analysis *an = analyze(sc);
  assert_int_equal(parley_analysis_outcome_count(an), 2268);
  assert_true(parley_analysis_feasible_count(an) > 0);
  /* the reported draft: Ukraine alone rejects it, 0.0075 short of its reservation */
  parley_acceptance a;
  int accepts[4] = {0, 1, 1, 1};
  for (size_t p = 0; p < 4; p++) {
    assert_int_equal(parley_analysis_framework_acceptance(an, 0, p, &a), 0);
    assert_int_equal(a.accepts, accepts[p]);
    assert_int_equal(a.red_lines_crossed, 0);
  }
  assert_int_equal(parley_analysis_framework_acceptance(an, 0, 0, &a), 0);
  assert_close(a.reservation - a.utility, 0.0075, 1e-9);
  assert_false(parley_analysis_framework_on_frontier(an, 0));
  assert_true(parley_analysis_framework_dominator_count(an, 0) > 0);
  /* Ukraine's ideal keeps its territory; Russia's cedes it */
  uint32_t pkg[6];
  assert_int_equal(parley_analysis_party_range(an, 0, pkg, NULL, NULL), 0);
  assert_string_equal(parley_option_id(sc, 0, pkg[0]), "ukraine_keeps");
  assert_int_equal(parley_analysis_party_range(an, 1, pkg, NULL, NULL), 0);
  assert_string_equal(parley_option_id(sc, 0, pkg[0]), "ceded");
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

/* Reports render, and the JSON one is well-formed enough to start and end right. */
static void test_reports(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_error err = {0};
  assert_int_equal(parley_scenario_read_file(PARLEY_EXAMPLES "/ukraine-framework.yaml", NULL, &sc, NULL, &err), 0);
  parley_analysis *an = analyze(sc);
  char *text = NULL;
  size_t len = 0;
  parley_report_options ro = {.list_frontier = 1};
  assert_int_equal(parley_report_analysis(an, &ro, PARLEY_FORMAT_TEXT, &text, &len, &err), 0);
  assert_int_equal(strlen(text), len);
  assert_non_null(strstr(text, "Framework 'us_draft'"));
  assert_non_null(strstr(text, "rejects: 0.007 below its reservation"));
  parley_string_free(text);
  assert_int_equal(parley_report_analysis(an, NULL, PARLEY_FORMAT_JSON, &text, &len, &err), 0);
  assert_true(text[0] == '{' && text[len - 2] == '}');
  assert_non_null(strstr(text, "\"outcome_count\":2268"));
  parley_string_free(text);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_split),          cmocka_unit_test(test_reservations),
      cmocka_unit_test(test_logroll_and_framework), cmocka_unit_test(test_blocking_group),
      cmocka_unit_test(test_outcome_limit),  cmocka_unit_test(test_progress_cancel),
      cmocka_unit_test(test_example),        cmocka_unit_test(test_reports),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
