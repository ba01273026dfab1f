/* test_uncertainty.c — uncertain preferences: the means deterministic commands use, and the
 * probability of acceptance against closed forms (Dirichlet weights: 4/7; a uniform
 * reservation; triangular and normal values; red lines that hold with a probability; parties
 * independent of each other), intervals that cover the truth at their stated rate over many
 * seeds, the same bytes whatever the thread count, and --robust against parley_accept. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parley.h"
#include "support.h"

static parley_acceptance_estimate *accept(const parley_scenario *sc, const uint32_t *pkg, uint64_t samples, uint64_t seed,
                                          size_t threads) {
  parley_accept_options o;
  parley_accept_defaults(&o);
  o.samples = samples, o.seed = seed, o.threads = threads;
  parley_acceptance_estimate *e = NULL;
  parley_error err = {0};
  if (parley_accept(sc, pkg, &o, &e, &err)) fail_msg("%s", err.message);
  return e;
}

/* One party, three issues whose drafted options it values 0.9, 0.2 and 0.5, reservation 0.5,
 * Dirichlet weights with every alpha 1: it accepts when 4 w1 >= 3 w2, 4/7 of the simplex. */
static const char *const four_sevenths =
    "issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [x, y]}\n  - {id: c, options: [x, y]}\n"
    "parties:\n  - id: p\n    reservation: 0.5\n    weights: {dirichlet: {a: 1, b: 1, c: 1}}\n"
    "    values: {a: [0.9, 0], b: [0.2, 0], c: [0.5, 0]}\n";

static void test_dirichlet_four_sevenths(void **state) {
  (void)state;
  parley_scenario *sc = test_load(four_sevenths);
  const uint32_t pkg[3] = {0, 0, 0};
  /* the mean: weights 1/3 each, utility 1.6/3 */
  assert_close(parley_utility(sc, 0, pkg), 1.6 / 3, 1e-12);
  parley_acceptance_estimate *e = accept(sc, pkg, 200000, 7, 0);
  double lo, hi;
  const double p = parley_estimate_probability(e, 0, &lo, &hi);
  assert_close(p, 4.0 / 7, 0.005);
  assert_true(lo < 4.0 / 7 && 4.0 / 7 < hi);
  assert_int_equal(parley_uncertain_count(sc), 3);
  parley_acceptance_estimate_free(e);
  parley_scenario_free(sc);
}

/* The 95% interval covers the truth about 95% of the time. */
static void test_coverage(void **state) {
  (void)state;
  parley_scenario *sc = test_load(four_sevenths);
  const uint32_t pkg[3] = {0, 0, 0};
  int covered = 0;
  const int runs = 400;
  for (int s = 0; s < runs; s++) {
    parley_acceptance_estimate *e = accept(sc, pkg, 1000, 1000 + (uint64_t)s, 1);
    double lo, hi;
    parley_estimate_probability(e, 0, &lo, &hi);
    covered += lo <= 4.0 / 7 && 4.0 / 7 <= hi;
    parley_acceptance_estimate_free(e);
  }
  /* 95% of 400 is 380; a binomial's 3.5 sd either side is about 366 to 394 */
  if (covered < 366 || covered > 394) fail_msg("the interval covered 4/7 in %d of %d runs", covered, runs);
  parley_scenario_free(sc);
}

/* Closed forms: a uniform reservation against a certain utility; a triangular value; a red
 * line that holds with probability 0.8; two independent parties. */
static void test_closed_forms(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [u, v]}\n"
      "parties:\n"
      "  - id: p\n    reservation: {uniform: [0.35, 0.55]}\n    weights: {a: 1}\n    values: {a: [0.47, 0]}\n"
      "  - id: q\n    reservation: 0.5\n    weights: {a: 1}\n    values: {a: [{triangular: [0, 1, 1]}, 0]}\n"
      "  - id: r\n    weights: {b: 1}\n    values: {b: [1, 0]}\n"
      "    red_lines: [{when: {b: u}, probability: 0.8, note: maybe}]\n"
      "  - id: s\n    reservation: {normal: [0.5, 0.1]}\n    weights: {a: 1}\n    values: {a: [0.6, 0]}\n");
  const uint32_t pkg[2] = {0, 0};
  /* the means: p's reservation 0.45, q's value 2/3, r's red line held (0.8 >= 1/2), s's 0.5 */
  assert_close(parley_party_reservation(sc, 0), 0.45, 1e-15);
  assert_close(parley_utility(sc, 1, pkg), 2.0 / 3, 1e-12);
  assert_int_equal(parley_red_line_count(sc, 2), 1);
  assert_close(parley_party_reservation(sc, 3), 0.5, 1e-9);
  parley_acceptance_estimate *e = accept(sc, pkg, 200000, 3, 0);
  const double want[4] = {0.6, 0.75, 0.2, 0.841344746068543}; /* (0.47-0.35)/0.2; 1-0.5^2; 1-0.8; Phi(1) */
  for (size_t p = 0; p < 4; p++) assert_close(parley_estimate_probability(e, p, NULL, NULL), want[p], 0.006);
  assert_close(parley_estimate_probability(e, PARLEY_NONE, NULL, NULL), want[0] * want[1] * want[2] * want[3], 0.006);
  /* p alone refusing: it refuses, the others accept */
  assert_close(parley_estimate_sole_refuser(e, 0), 0.4 * want[1] * want[2] * want[3], 0.006);
  /* sensitivity: r's only number is its red line, and it decides everything */
  assert_int_equal(parley_estimate_sensitivity_count(e, 2), 1);
  double delta;
  parley_estimate_sensitivity(e, 2, 0, &delta);
  assert_close(delta, -1, 1e-12);
  parley_acceptance_estimate_free(e);
  parley_scenario_free(sc);
}

/* Discrete draws, integrated by hand over every combination: three red lines of one party hold
 * with probabilities 0.5, 0.3 and 0.8 (the second below 1/2, so out of the deterministic model),
 * and the package crosses the first and the second; a second party's red line, 0.6, crosses it
 * too. p accepts when neither of its crossed lines holds: 0.5 * 0.7 = 0.35; q when its line does
 * not hold: 0.4; both: 0.14; p alone refusing: 0.65 * 0.4 = 0.26. */
static void test_discrete(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [u, v]}\n"
      "parties:\n"
      "  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
      "    red_lines: [{when: {a: x}, probability: 0.5}, {when: {b: u}, probability: 0.3}, {when: {b: v}, probability: 0.8}]\n"
      "  - id: q\n    weights: {b: 1}\n    values: {b: [1, 0]}\n    red_lines: [{when: {a: x, b: u}, probability: 0.6}]\n");
  assert_int_equal(parley_red_line_count(sc, 0), 2); /* 0.5 and 0.8 held, 0.3 left out */
  const uint32_t pkg[2] = {0, 0};
  parley_acceptance_estimate *e = accept(sc, pkg, 200000, 11, 0);
  assert_close(parley_estimate_probability(e, 0, NULL, NULL), 0.35, 0.005);
  assert_close(parley_estimate_probability(e, 1, NULL, NULL), 0.4, 0.005);
  assert_close(parley_estimate_probability(e, PARLEY_NONE, NULL, NULL), 0.14, 0.005);
  assert_close(parley_estimate_sole_refuser(e, 0), 0.26, 0.005);
  parley_acceptance_estimate_free(e);
  parley_scenario_free(sc);
}

/* Found in review: a party whose only uncertain numbers are red lines is judged exactly (a
 * utility of exactly its reservation accepts, as analyze says); a function of more than 64
 * points with uncertain ones draws them all; a weight that is 0 now but not later needs values,
 * and the weights must not all vanish at any time; a belief's schedule is read at time t. */
static void test_review_cases(void **state) {
  (void)state;
  parley_scenario *sc = test_load("issues:\n  - {id: x, options: [x1, x2]}\n  - {id: y, options: [y1, y2]}\n"
                                  "parties:\n  - id: p\n    reservation: 0.5\n    weights: {x: 1, y: 2}\n"
                                  "    values: {x: [0.1, 0], y: [0.7, 0]}\n    red_lines: [{when: {x: x2}, probability: 0.9}]\n");
  const uint32_t tie[2] = {0, 0};
  parley_acceptance_estimate *e = accept(sc, tie, 1000, 1, 0);
  assert_true(parley_estimate_probability(e, 0, NULL, NULL) == 1);
  parley_acceptance_estimate_free(e);
  parley_scenario_free(sc);
  /* 101 points, every tenth uncertain: 10 numbers, each drawn within its range */
  char yaml[8192];
  int k = snprintf(yaml, sizeof yaml, "issues:\n  - {id: n, range: {min: 0, max: 100, step: 1}}\nparties:\n  - id: p\n"
                                      "    weights: {n: 1}\n    values:\n      n: {points: [");
  for (int q = 0; q <= 100; q++)
    k += snprintf(yaml + k, sizeof yaml - (size_t)k, q % 10 == 5 ? "%s[%d, {uniform: [0.1, 0.2]}]" : "%s[%d, 0.5]", q ? ", " : "", q);
  snprintf(yaml + k, sizeof yaml - (size_t)k, "]}\n    reservation: 0.15\n");
  sc = test_load(yaml);
  assert_int_equal(parley_uncertain_count(sc), 10);
  const uint32_t at95[1] = {95};
  e = accept(sc, at95, 20000, 1, 0);
  assert_close(parley_estimate_probability(e, 0, NULL, NULL), 0.5, 0.02); /* the value at 95: uniform [0.1, 0.2] */
  parley_acceptance_estimate_free(e);
  parley_scenario_free(sc);
  int status;
  parley_diagnostics *d = test_load_bad("time: {horizon: 10}\nissues:\n  - {id: x, options: [x1, x2]}\n  - {id: y, options: [y1, y2]}\n"
                                        "parties:\n  - id: p\n    weights: {x: {schedule: [[0, 0], [10, 1]]}, y: 1}\n    values: {y: [0, 1]}\n",
                                        &status);
  assert_non_null(strstr(parley_diagnostics_get(d, 0)->message, "weighs issue 'x' (at some time, or in some draw)"));
  parley_diagnostics_free(d);
  d = test_load_bad("time: {horizon: 10}\nissues:\n  - {id: x, options: [x1, x2]}\n"
                    "parties:\n  - id: p\n    weights: {x: {schedule: [[0, 1], [10, 0]]}}\n    values: {x: [0, 1]}\n",
                    &status);
  assert_non_null(strstr(parley_diagnostics_get(d, 0)->message, "all weights of party 'p' are zero at time 10"));
  parley_diagnostics_free(d);
  /* a belief's reservation schedule and discount at the horizon: 0.6 * 0.9 */
  sc = test_load("time: {horizon: 4}\nissues:\n  - {id: x, options: [x1, x2]}\n"
                 "parties:\n  - {id: p, weights: {x: 1}, values: {x: [1, 0]}}\n  - {id: q, weights: {x: 1}, values: {x: [0, 1]}}\n"
                 "mediation:\n  mediators: [{id: m, name: M}]\n  drafts_with: [p]\n"
                 "  beliefs:\n    m:\n      q: {reservation: {schedule: [[0, 0.2], [4, 0.6]]}, discount: 0.9}\n");
  parley_scenario *later = NULL, *view = NULL;
  parley_error err = {0};
  size_t n;
  if (parley_scenario_at(sc, 4, &later, &err) || parley_mediation_view(later, 0, NULL, 0, &view, NULL, NULL, &n, &err))
    fail_msg("%s", err.message);
  assert_int_equal(n, 2);
  assert_close(parley_party_reservation(view, 1), 0.54, 1e-12);
  parley_scenario_free(view), parley_scenario_free(later), parley_scenario_free(sc);
}

/* The same seed gives the same numbers on one thread and on several. */
static void test_threads(void **state) {
  (void)state;
  parley_scenario *sc = test_load(four_sevenths);
  const uint32_t pkg[3] = {0, 0, 0};
  parley_acceptance_estimate *a = accept(sc, pkg, 30000, 9, 1), *b = accept(sc, pkg, 30000, 9, 4);
  assert_true(parley_estimate_probability(a, 0, NULL, NULL) == parley_estimate_probability(b, 0, NULL, NULL));
  for (size_t k = 0; k < 3; k++) {
    double da, db;
    assert_int_equal(parley_estimate_sensitivity(a, 0, k, &da), parley_estimate_sensitivity(b, 0, k, &db));
    assert_true(da == db);
  }
  parley_acceptance_estimate_free(a), parley_acceptance_estimate_free(b);
  parley_scenario_free(sc);
}

/* --robust: each package's share is what parley_accept gives it with the same draws. */
static void test_robust(void **state) {
  (void)state;
  parley_scenario *sc = test_load(four_sevenths);
  parley_accept_options o;
  parley_accept_defaults(&o);
  o.samples = 5000;
  parley_robustness *r = NULL;
  parley_error err = {0};
  if (parley_accept_robust(sc, &o, 8, 0, &r, &err)) fail_msg("%s", err.message);
  assert_int_equal(parley_robustness_packages(r), 8);
  for (size_t k = 0; k < parley_robustness_count(r); k++) {
    parley_acceptance_estimate *e = accept(sc, parley_robustness_package(r, k), 5000, 1, 0);
    assert_true(parley_robustness_probability(r, k, NULL, NULL) == parley_estimate_probability(e, PARLEY_NONE, NULL, NULL));
    if (k) assert_true(parley_robustness_probability(r, k - 1, NULL, NULL) >= parley_robustness_probability(r, k, NULL, NULL));
    parley_acceptance_estimate_free(e);
  }
  /* the package it values most: accepted whatever the weights */
  const uint32_t *best = parley_robustness_package(r, 0);
  assert_true(best[0] == 0 && best[1] == 0 && best[2] == 0);
  parley_robustness_free(r);
  parley_scenario_free(sc);
}

/* Amendments under uncertainty: each package's share is parley_accept's with the same draws,
 * the packages within reach are all there (the draft among them), and the ranking holds. */
static void test_amend_robust(void **state) {
  (void)state;
  parley_scenario *sc = test_load(four_sevenths);
  const uint32_t draft[3] = {1, 1, 1};
  parley_accept_options o;
  parley_accept_defaults(&o);
  o.samples = 3000;
  parley_robustness *r = NULL;
  parley_error err = {0};
  if (parley_amend_robust(sc, draft, 2, &o, 20, &r, &err)) fail_msg("%s", err.message);
  assert_int_equal(parley_robustness_packages(r), 1 + 3 + 3); /* 0, 1 and 2 of 3 binary issues changed */
  double last = 2;
  for (size_t k = 0; k < parley_robustness_count(r); k++) {
    const uint32_t *pkg = parley_robustness_package(r, k);
    size_t d = 0;
    for (size_t i = 0; i < 3; i++) d += pkg[i] != draft[i];
    assert_true(d <= 2);
    parley_acceptance_estimate *e = accept(sc, pkg, 3000, 1, 0);
    const double p = parley_robustness_probability(r, k, NULL, NULL);
    assert_true(p == parley_estimate_probability(e, PARLEY_NONE, NULL, NULL));
    assert_true(p <= last);
    last = p;
    parley_acceptance_estimate_free(e);
  }
  parley_robustness_free(r);
  parley_scenario_free(sc);
}

/* Bad distributions: one positioned error each. */
static void test_bad(void **state) {
  (void)state;
  static const struct {
    const char *yaml;
    int line, column;
    const char *message;
  } cases[] = {
      {"issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {a: 1}, values: {a: [1, 0]}, reservation: {uniform: [0.5, 0.3]}}\n",
       3, 74, "the upper end is below the lower"},
      {"issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {a: 1}, values: {a: [1, 0]}, reservation: {normal: [0.5, -1]}}\n",
       3, 73, "must be a number >= 0"},
      {"issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {dirichlet: {a: 0}}, values: {a: [1, 0]}}\n", 3, 38,
       "an alpha must be > 0"},
      {"issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {a: 1}, values: {a: [1, 0]}, red_lines: [{when: {a: x}, probability: 1.5}]}\n",
       3, 91, "a red line's probability must be in [0, 1]"},
      {"issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {a: 1}, values: {a: [{uniform: [0.5, 1.5]}, 0]}}\n", 3, 53,
       "reaches outside a value's range"},
      {"issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {a: 1}, values: {a: [{triangular: [0.1, 0.9, 0.5]}, 0]}}\n", 3,
       56, "needs low <= mode <= high"},
      {"issues: [{id: a, options: [x, y]}]\nparties:\n  - {id: p, weights: {a: 1}, values: {a: [{poisson: [1]}, 0]}}\n", 3, 43,
       "a value must be a number or a distribution"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    int status;
    parley_diagnostics *d = test_load_bad(cases[k].yaml, &status);
    assert_int_equal(status, PARLEY_ERR_INVALID);
    const parley_error *e = parley_diagnostics_get(d, 0);
    if (!strstr(e->message, cases[k].message) || e->line != cases[k].line || e->column != cases[k].column)
      fail_msg("case %zu: %d:%d %s", k, e->line, e->column, e->message);
    parley_diagnostics_free(d);
  }
}

/* Schedules: the scenario at time t is the scenario with the numbers at t written in; a
 * discount scales every utility and the reservation by d^(t / horizon); the timeline finds the
 * window's end where the schedule crosses the utility. */
static void test_schedules(void **state) {
  (void)state;
  parley_scenario *sc = test_load("time: {unit: month, horizon: 12}\n"
                                  "issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [u, v]}\n"
                                  "parties:\n"
                                  "  - id: p\n    reservation: {schedule: [[0, 0.6], [12, 0.3]]}\n"
                                  "    weights: {a: {schedule: [[0, 1], [6, 3]]}, b: 1}\n    values: {a: [0.6, 0], b: [0.3, 1]}\n"
                                  "  - id: q\n    discount: 0.5\n    reservation: 0.2\n    weights: {a: 1}\n    values: {a: [0.5, 1]}\n"
                                  "frameworks:\n  - {id: f, package: {a: x, b: u}}\n");
  assert_true(parley_scenario_timed(sc));
  assert_close(parley_scenario_horizon(sc), 12, 0);
  for (int k = 0; k <= 8; k++) {
    const double t = 1.5 * k;
    parley_scenario *at = NULL;
    parley_error err = {0};
    if (parley_scenario_at(sc, t, &at, &err)) fail_msg("%s", err.message);
    /* by hand: p's reservation 0.6 - 0.025 t; its weight of a 1 + t/3 up to month 6, then 3 */
    const double r = 0.6 - 0.025 * t, wa = t < 6 ? 1 + t / 3 : 3, f = pow(0.5, t / 12);
    assert_close(parley_party_reservation(at, 0), r, 1e-12);
    assert_close(parley_party_weight(at, 0, 0), wa / (wa + 1), 1e-12);
    const uint32_t pkg[2] = {0, 0};
    assert_close(parley_utility(at, 0, pkg), (wa * 0.6 + 0.3) / (wa + 1), 1e-12);
    assert_close(parley_utility(at, 1, pkg), 0.5 * f, 1e-12);
    assert_close(parley_party_reservation(at, 1), 0.2 * f, 1e-12);
    parley_scenario_free(at);
  }
  /* f gives p (0.6 wa + 0.3) / (wa + 1), 0.45 from month 0 to the reservation's fall: the
   * window opens where 0.6 - 0.025 t meets it */
  parley_timeline *tl = NULL;
  parley_error err = {0};
  if (parley_timeline_run(sc, 12, NULL, &tl, &err)) fail_msg("%s", err.message);
  assert_int_equal(parley_timeline_window_count(tl, 0), 1);
  double from, to;
  parley_timeline_window(tl, 0, 0, &from, &to);
  /* u(t) = (0.6 (1 + t/3) + 0.3) / (2 + t/3) for t < 6; solve u = 0.6 - 0.025 t */
  double lo = 0, hi = 6;
  for (int it = 0; it < 200; it++) {
    const double m = (lo + hi) / 2, wa = 1 + m / 3;
    if ((0.6 * wa + 0.3) / (wa + 1) >= 0.6 - 0.025 * m) hi = m;
    else lo = m;
  }
  assert_close(from, hi, 1e-9);
  assert_close(to, 12, 0);
  parley_timeline_free(tl);
  parley_scenario *none = NULL;
  assert_int_equal(parley_scenario_at(sc, 13, &none, &err), PARLEY_ERR_ARG);
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_dirichlet_four_sevenths), cmocka_unit_test(test_coverage),
                                     cmocka_unit_test(test_closed_forms), cmocka_unit_test(test_threads),
                                     cmocka_unit_test(test_robust), cmocka_unit_test(test_bad),
                                     cmocka_unit_test(test_schedules), cmocka_unit_test(test_amend_robust),
                                     cmocka_unit_test(test_discrete), cmocka_unit_test(test_review_cases)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
