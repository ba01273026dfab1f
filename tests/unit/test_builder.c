/* test_builder.c — the scenario builder: a scenario made in code equals the same scenario
 * read from YAML, to the bit; copies are exact; changes (a reservation, a party removed or
 * added, rules cleared) change what they should and nothing else; and each kind of bad
 * argument is refused with the reader's wording. */
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

/* The used car of tests/data/small.json, as YAML. */
static const char car_yaml[] =
    "issues:\n"
    "  - id: price\n"
    "    range: {min: 8, max: 12, step: 1}\n"
    "  - id: warranty\n"
    "    options: [none, one_year, three_years]\n"
    "parties:\n"
    "  - id: buyer\n"
    "    reservation: 0.3\n"
    "    weights: {price: 2, warranty: 1}\n"
    "    values:\n"
    "      price: {points: [[8, 1], [12, 0]]}\n"
    "      warranty: [0, 0.75, 1]\n"
    "    interactions:\n"
    "      - when: {price: {max: 9}, warranty: three_years}\n"
    "        bonus: 0.05\n"
    "        note: a bargain\n"
    "  - id: seller\n"
    "    power: 2\n"
    "    discount: 0.9\n"
    "    weights: {price: 3, warranty: 1}\n"
    "    values:\n"
    "      price: [0, 0.25, 0.5, 0.75, 1]\n"
    "      warranty: {none: 1, one_year: 0.5, three_years: 0}\n"
    "    red_lines:\n"
    "      - when: {price: 8}\n"
    "        note: not below cost\n"
    "frameworks:\n"
    "  - id: middle\n"
    "    package: {price: 10, warranty: one_year}\n";

static void ok(int rc, const parley_error *e) {
  if (rc) fail_msg("%s", e->message);
}

/* The same scenario, made in code. */
static parley_scenario *car_built(void) {
  parley_error e = {0};
  parley_builder *b = parley_builder_new("test.yaml");
  assert_non_null(b);
  size_t price, warranty, buyer, seller;
  ok(parley_builder_add_issue(b, "price", NULL, &price, &e), &e);
  ok(parley_builder_add_range(b, price, 8, 12, 1, &e), &e);
  ok(parley_builder_add_issue(b, "warranty", NULL, &warranty, &e), &e);
  ok(parley_builder_add_option(b, warranty, "none", NULL, &e), &e);
  ok(parley_builder_add_option(b, warranty, "one_year", NULL, &e), &e);
  ok(parley_builder_add_option(b, warranty, "three_years", NULL, &e), &e);
  ok(parley_builder_add_party(b, "buyer", NULL, &buyer, &e), &e);
  ok(parley_builder_set_reservation(b, buyer, 0.3, &e), &e);
  ok(parley_builder_set_weight(b, buyer, price, 2, &e), &e);
  ok(parley_builder_set_weight(b, buyer, warranty, 1, &e), &e);
  const double px[] = {8, 12}, pv[] = {1, 0}, wv[] = {0, 0.75, 1};
  ok(parley_builder_set_points(b, buyer, price, 2, px, pv, &e), &e);
  ok(parley_builder_set_values(b, buyer, warranty, wv, &e), &e);
  const unsigned char cheap[] = {1, 1, 0, 0, 0}, three[] = {0, 0, 1};
  const parley_condition bargain[] = {{price, cheap}, {warranty, three}};
  ok(parley_builder_add_interaction(b, buyer, 0.05, "a bargain", bargain, 2, &e), &e);
  ok(parley_builder_add_party(b, "seller", NULL, &seller, &e), &e);
  ok(parley_builder_set_power(b, seller, 2, &e), &e);
  ok(parley_builder_set_discount(b, seller, 0.9, &e), &e);
  ok(parley_builder_set_weight(b, seller, price, 3, &e), &e);
  ok(parley_builder_set_weight(b, seller, warranty, 1, &e), &e);
  const double sp[] = {0, 0.25, 0.5, 0.75, 1}, sw[] = {1, 0.5, 0};
  ok(parley_builder_set_values(b, seller, price, sp, &e), &e);
  ok(parley_builder_set_values(b, seller, warranty, sw, &e), &e);
  const unsigned char eight[] = {1, 0, 0, 0, 0};
  const parley_condition cost[] = {{price, eight}};
  ok(parley_builder_add_red_line(b, seller, "not below cost", cost, 1, &e), &e);
  const uint32_t middle[] = {2, 1};
  ok(parley_builder_add_framework(b, "middle", NULL, middle, &e), &e);
  parley_scenario *sc = NULL;
  ok(parley_builder_build(b, &sc, &e), &e);
  parley_builder_free(b);
  return sc;
}

/* Every package: the same utility to the bit and the same red lines, for every party. */
static void assert_same_utilities(const parley_scenario *a, const parley_scenario *b) {
  assert_int_equal(parley_party_count(a), parley_party_count(b));
  assert_int_equal(parley_outcome_count(a), parley_outcome_count(b));
  const size_t N = parley_issue_count(a);
  uint32_t pkg[16] = {0};
  for (uint64_t x = 0; x < parley_outcome_count(a); x++) {
    uint64_t rest = x;
    for (size_t i = N; i-- > 0;) {
      pkg[i] = (uint32_t)(rest % parley_issue_option_count(a, i));
      rest /= parley_issue_option_count(a, i);
    }
    for (size_t p = 0; p < parley_party_count(a); p++) {
      assert_true(parley_utility(a, p, pkg) == parley_utility(b, p, pkg));
      assert_int_equal(parley_red_line_crossed_count(a, p, pkg), parley_red_line_crossed_count(b, p, pkg));
    }
  }
}

/* The text report of an analysis (the caller frees it). */
static char *report(const parley_scenario *sc) {
  parley_analysis *an = NULL;
  parley_error e = {0};
  char *text = NULL;
  ok(parley_analyze(sc, NULL, &an, &e), &e);
  parley_report_options ro = {.list_frontier = 1};
  ok(parley_report_analysis(an, &ro, PARLEY_FORMAT_TEXT, &text, NULL, &e), &e);
  parley_analysis_free(an);
  return text;
}

static void test_built_equals_read(void **state) {
  (void)state;
  parley_scenario *read = test_load(car_yaml), *built = car_built();
  assert_same_utilities(read, built);
  assert_string_equal(parley_red_line_note(built, 1, 0), "not below cost");
  assert_string_equal(parley_interaction_note(built, 0, 0), "a bargain");
  assert_close(parley_party_weight(built, 1, 0), 0.75, 0);
  assert_close(parley_party_discount(built, 1), 0.9, 0);
  assert_string_equal(parley_party_name(built, 0), "buyer"); /* names default to ids */
  char *a = report(read), *b = report(built);
  assert_string_equal(a, b);
  parley_string_free(a);
  parley_string_free(b);
  parley_scenario_free(read);
  parley_scenario_free(built);
}

/* A copy is exact, for a YAML scenario, the bundled example and a GENIUS domain, and outlives
 * its original. */
static void test_copy(void **state) {
  (void)state;
  parley_scenario *orig[3] = {test_load(car_yaml), NULL, NULL};
  parley_error e = {0};
  ok(parley_scenario_read_file(PARLEY_EXAMPLES "/ukraine-framework.yaml", NULL, &orig[1], NULL, &e), &e);
  ok(parley_scenario_read_genius_dir(PARLEY_TEST_DATA "/genius", NULL, &orig[2], NULL, &e), &e);
  for (int k = 0; k < 3; k++) {
    parley_scenario *copy = NULL;
    ok(parley_scenario_copy(orig[k], &copy, &e), &e);
    assert_same_utilities(orig[k], copy);
    char *a = report(orig[k]);
    parley_scenario_free(orig[k]);
    char *b = report(copy);
    assert_string_equal(a, b);
    parley_string_free(a);
    parley_string_free(b);
    parley_scenario_free(copy);
  }
}

/* Changes through a builder made from a scenario. */
static void test_changes(void **state) {
  (void)state;
  parley_scenario *sc = test_load(car_yaml), *changed = NULL;
  parley_builder *b = NULL;
  parley_error e = {0};
  uint32_t pkg[2] = {4, 2}; /* price 12, three years */
  ok(parley_builder_from_scenario(sc, &b, &e), &e);
  /* a reservation: nothing else moves */
  ok(parley_builder_set_reservation(b, 0, 0.9, &e), &e);
  ok(parley_builder_build(b, &changed, &e), &e);
  assert_close(parley_party_reservation(changed, 0), 0.9, 0);
  assert_same_utilities(sc, changed);
  parley_scenario_free(changed);
  /* clearing the seller's rules drops its red line and nothing else */
  ok(parley_builder_clear_rules(b, 1, &e), &e);
  ok(parley_builder_build(b, &changed, &e), &e);
  assert_int_equal(parley_red_line_count(changed, 1), 0);
  assert_true(parley_utility(changed, 1, pkg) == parley_utility(sc, 1, pkg));
  parley_scenario_free(changed);
  /* removing the buyer: the seller moves to index 0 with its utilities */
  ok(parley_builder_remove_party(b, 0, &e), &e);
  ok(parley_builder_build(b, &changed, &e), &e);
  assert_int_equal(parley_party_count(changed), 1);
  assert_string_equal(parley_party_id(changed, 0), "seller");
  assert_true(parley_utility(changed, 0, pkg) == parley_utility(sc, 1, pkg));
  parley_scenario_free(changed);
  /* adding a party back with other weights */
  size_t p;
  ok(parley_builder_add_party(b, "broker", "The broker", &p, &e), &e);
  ok(parley_builder_set_weight(b, p, 1, 1, &e), &e);
  const double v[] = {0, 1, 0};
  ok(parley_builder_set_values(b, p, 1, v, &e), &e);
  ok(parley_builder_build(b, &changed, &e), &e);
  assert_int_equal(parley_party_count(changed), 2);
  assert_close(parley_utility(changed, 1, pkg), 0, 0);
  pkg[1] = 1;
  assert_close(parley_utility(changed, 1, pkg), 1, 0);
  assert_true(isnan(parley_party_value(changed, 1, 0, 0))); /* price: not weighed */
  parley_scenario_free(changed);
  parley_builder_free(b);
  parley_scenario_free(sc);
}

/* Each bad argument is refused, nothing changed, with the reader's wording. */
static void test_refusals(void **state) {
  (void)state;
  parley_builder *b = parley_builder_new(NULL);
  parley_error e = {0};
  size_t i, p;
  assert_int_equal(parley_builder_add_issue(b, "a b", NULL, NULL, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "issue id 'a b' may only contain letters, digits, '_', '-', '.' and '+'");
  ok(parley_builder_add_issue(b, "a", NULL, &i, &e), &e);
  assert_int_equal(parley_builder_add_issue(b, "a", NULL, NULL, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "duplicate issue id 'a'");
  assert_int_equal(parley_builder_add_range(b, i, 0, 10, 0, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "step of issue 'a' must be > 0 (got 0)");
  assert_int_equal(parley_builder_add_range(b, i, 0, 1e9, 1, &e), PARLEY_ERR_LIMIT);
  ok(parley_builder_add_option(b, i, "x", NULL, &e), &e);
  assert_int_equal(parley_builder_add_option(b, i, "x", NULL, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "issue 'a' lists option 'x' twice");
  ok(parley_builder_add_option(b, i, "y", NULL, &e), &e);
  ok(parley_builder_add_party(b, "p", NULL, &p, &e), &e);
  assert_int_equal(parley_builder_set_weight(b, p, i, -1, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "weight for issue 'a' must be >= 0 (got -1)");
  assert_int_equal(parley_builder_set_reservation(b, p, 1.5, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "reservation of party 'p' must be in [0, 1] (got 1.5)");
  assert_int_equal(parley_builder_set_discount(b, p, 0, &e), PARLEY_ERR_INVALID);
  const double bad[] = {0.5, 1.2};
  assert_int_equal(parley_builder_set_values(b, p, i, bad, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "value 1.2 is outside [0, 1]");
  assert_int_equal(parley_builder_set_weight(b, 7, i, 1, &e), PARLEY_ERR_ARG);
  /* the whole: the party weighs 'a' with no values, then all its weights are zero */
  parley_scenario *sc = NULL;
  ok(parley_builder_set_weight(b, p, i, 1, &e), &e);
  assert_int_equal(parley_builder_build(b, &sc, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "party 'p' weighs issue 'a' but gives no values for its options");
  assert_null(sc);
  ok(parley_builder_set_weight(b, p, i, 0, &e), &e);
  assert_int_equal(parley_builder_build(b, &sc, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "all weights of party 'p' are zero; at least one must be > 0");
  /* values given, then an option added: they no longer cover the issue */
  const double v[] = {1, 0};
  ok(parley_builder_set_weight(b, p, i, 1, &e), &e);
  ok(parley_builder_set_values(b, p, i, v, &e), &e);
  ok(parley_builder_build(b, &sc, &e), &e);
  parley_scenario_free(sc);
  ok(parley_builder_add_option(b, i, "z", NULL, &e), &e);
  assert_int_equal(parley_builder_build(b, &sc, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "the values of party 'p' for issue 'a' cover 2 options; the issue has 3");
  parley_builder_free(b);
}

/* Positions given through the builder reach the forecasting models. */
static void test_positions(void **state) {
  (void)state;
  parley_builder *b = parley_builder_new("positions");
  parley_error e = {0};
  size_t i;
  ok(parley_builder_add_issue(b, "tax", NULL, &i, &e), &e);
  ok(parley_builder_add_range(b, i, 0, 100, 10, &e), &e);
  const char *ids[] = {"north", "south", "east"};
  const double x[] = {10, 60, 90}, s[] = {50, 100, 80};
  ok(parley_builder_add_positions(b, i, 40, 55, &e), &e);
  for (size_t p = 0; p < 3; p++) {
    ok(parley_builder_add_party(b, ids[p], NULL, NULL, &e), &e);
    ok(parley_builder_set_weight(b, p, i, 1, &e), &e);
    ok(parley_builder_set_points(b, p, i, 1, &x[p], &(double){1}, &e), &e);
    ok(parley_builder_set_position(b, i, p, x[p], s[p], &e), &e);
  }
  assert_int_equal(parley_builder_set_position(b, i, 0, 1, 120, &e), PARLEY_ERR_INVALID);
  assert_string_equal(e.message, "the salience of 'north' on 'tax' must be in [0, 100], not 120");
  parley_scenario *sc = NULL;
  parley_positions *pos = NULL;
  ok(parley_builder_build(b, &sc, &e), &e);
  ok(parley_positions_from_scenario(sc, &pos, &e), &e);
  assert_int_equal(parley_positions_actor_count(pos), 3);
  assert_close(parley_positions_reference(pos, 0), 40, 0);
  assert_close(parley_positions_outcome(pos, 0), 55, 0);
  double f;
  parley_capability cap = {.kind = PARLEY_CAPABILITY_EQUAL};
  ok(parley_forecast_issue(pos, 0, PARLEY_MODEL_COMPROMISE, &cap, &f), &e);
  assert_close(f, (10 * 50 + 60 * 100 + 90 * 80) / 230.0, 1e-12);
  parley_positions_free(pos);
  parley_scenario_free(sc);
  parley_builder_free(b);
}

/* Rules and limits: a rule that holds everywhere, an issue twice in one rule, the bonus the
 * builder allows but the YAML format cannot hold, a utility past 10^6, removing a framework. */
static void test_rules_and_limits(void **state) {
  (void)state;
  parley_builder *b = parley_builder_new("rules");
  parley_error e = {0};
  size_t i, p;
  ok(parley_builder_add_issue(b, "a", NULL, &i, &e), &e);
  ok(parley_builder_add_option(b, i, "x", NULL, &e), &e);
  ok(parley_builder_add_option(b, i, "y", NULL, &e), &e);
  ok(parley_builder_add_party(b, "p", NULL, &p, &e), &e);
  ok(parley_builder_set_weight(b, p, i, 1, &e), &e);
  const double v[] = {0.25, 0.5};
  ok(parley_builder_set_values(b, p, i, v, &e), &e);
  /* no conditions: the bonus is everywhere, and survives writing and reading back */
  ok(parley_builder_add_interaction(b, p, 0.125, "always", NULL, 0, &e), &e);
  parley_scenario *sc = NULL, *back = NULL;
  ok(parley_builder_build(b, &sc, &e), &e);
  const uint32_t px[] = {0}, py[] = {1};
  assert_true(parley_utility(sc, 0, px) == 0.375);
  assert_true(parley_utility(sc, 0, py) == 0.625);
  char *yaml = NULL;
  ok(parley_scenario_write_yaml(sc, &yaml, NULL, &e), &e);
  assert_non_null(strstr(yaml, "when: {}"));
  back = test_load(yaml);
  assert_same_utilities(sc, back);
  parley_string_free(yaml);
  parley_scenario_free(back);
  parley_scenario_free(sc);
  /* an issue twice in one rule */
  const unsigned char only_x[] = {1, 0}, only_y[] = {0, 1};
  const parley_condition twice[] = {{i, only_x}, {i, only_y}};
  assert_int_equal(parley_builder_add_red_line(b, p, NULL, twice, 2, &e), PARLEY_ERR_INVALID);
  assert_non_null(strstr(e.message, "twice"));
  /* a bonus of 3 is built, but the YAML format cannot hold it: writing is refused, naming the party */
  assert_int_equal(parley_builder_add_interaction(b, p, 2000, NULL, twice, 1, &e), PARLEY_ERR_INVALID);
  ok(parley_builder_add_interaction(b, p, 3, NULL, twice, 1, &e), &e);
  ok(parley_builder_build(b, &sc, &e), &e);
  assert_true(parley_utility(sc, 0, px) == 3.375);
  yaml = NULL;
  assert_int_equal(parley_scenario_write_yaml(sc, &yaml, NULL, &e), PARLEY_ERR_INVALID);
  assert_null(yaml);
  assert_string_equal(e.message, "party 'p', interaction 2: bonus 3 is outside [-1, 1], which the scenario format cannot hold");
  parley_scenario_free(sc);
  ok(parley_builder_clear_rules(b, p, &e), &e);
  /* weights kept as given: a utility that could pass 10^6 is refused when built */
  ok(parley_builder_set_normalise(b, p, 0, &e), &e);
  ok(parley_builder_set_weight(b, p, i, 4e6, &e), &e);
  sc = NULL;
  assert_int_equal(parley_builder_build(b, &sc, &e), PARLEY_ERR_LIMIT);
  assert_null(sc);
  assert_non_null(strstr(e.message, "party 'p' could reach 2e+06"));
  ok(parley_builder_set_weight(b, p, i, 2, &e), &e);
  /* frameworks: the second of three removed, the third moves down */
  for (uint32_t f = 0; f < 3; f++) {
    const char *ids[] = {"f0", "f1", "f2"};
    const uint32_t pkg[] = {f % 2};
    ok(parley_builder_add_framework(b, ids[f], NULL, pkg, &e), &e);
  }
  ok(parley_builder_remove_framework(b, 1, &e), &e);
  assert_int_equal(parley_builder_remove_framework(b, 2, &e), PARLEY_ERR_ARG);
  ok(parley_builder_build(b, &sc, &e), &e);
  assert_int_equal(parley_framework_count(sc), 2);
  assert_string_equal(parley_framework_id(sc, 0), "f0");
  assert_string_equal(parley_framework_id(sc, 1), "f2");
  assert_int_equal(parley_framework_package(sc, 1)[0], 0);
  assert_true(parley_utility(sc, 0, py) == 1.0);
  parley_scenario_free(sc);
  parley_builder_free(b);
}

/* Uncertain and timed numbers through the public builder give the scenario the same YAML
 * gives, to the byte of its written form. */
static void test_uncertain_and_timed(void **state) {
  (void)state;
  parley_scenario *read = test_load("title: U\ntime: {unit: month, horizon: 12}\n"
                                    "issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [u, v, w]}\n"
                                    "parties:\n"
                                    "  - id: p\n    weights: {dirichlet: {a: 2, b: 1}}\n"
                                    "    values: {a: [1, 0], b: [0, {triangular: [0.2, 0.5, 0.6]}, 1]}\n"
                                    "    reservation: {schedule: [[0, {uniform: [0.2, 0.4]}], [12, {uniform: [0.1, 0.3]}]]}\n"
                                    "    interactions: [{when: {a: x, b: w}, bonus: {normal: [0.1, 0.05]}}]\n"
                                    "    red_lines: [{when: {a: y, b: u}, probability: 0.7}]\n"
                                    "  - id: q\n    weights: {a: {schedule: [[0, 1], [6, 2]]}, b: {uniform: [1, 3]}}\n"
                                    "    values: {a: [0, 1], b: [1, 0.5, 0]}\n    reservation: {uniform: [0.1, 0.3]}\n");
  parley_builder *b = parley_builder_new(NULL);
  parley_error e = {0};
  size_t a, bi, p, q;
  const double pa_values[2] = {1, 0}, pb_values[3] = {0, 0.5, 1}, qa[2] = {0, 1}, qb[3] = {1, 0.5, 0};
  const unsigned char ax[2] = {1, 0}, ay[2] = {0, 1}, bu[3] = {1, 0, 0}, bw[3] = {0, 0, 1};
  const parley_condition bonus_when[2] = {{0, ax}, {1, bw}}, red_when[2] = {{0, ay}, {1, bu}};
  const double alpha[2] = {2, 1}, times[2] = {0, 12};
  const parley_distribution tri = {PARLEY_DIST_TRIANGULAR, 0.2, 0.6, 0.5}, bonus = {PARLEY_DIST_NORMAL, 0.1, 0.05, 0},
                            res[2] = {{PARLEY_DIST_UNIFORM, 0.2, 0.4, 0}, {PARLEY_DIST_UNIFORM, 0.1, 0.3, 0}},
                            qres = {PARLEY_DIST_UNIFORM, 0.1, 0.3, 0}, qw = {PARLEY_DIST_UNIFORM, 1, 3, 0};
  int rc = parley_builder_set_title(b, "U", &e);
  if (!rc) rc = parley_builder_set_time(b, "month", 12, &e);
  if (!rc) rc = parley_builder_add_issue(b, "a", NULL, &a, &e);
  if (!rc) rc = parley_builder_add_option(b, a, "x", NULL, &e);
  if (!rc) rc = parley_builder_add_option(b, a, "y", NULL, &e);
  if (!rc) rc = parley_builder_add_issue(b, "b", NULL, &bi, &e);
  for (int k = 0; !rc && k < 3; k++) rc = parley_builder_add_option(b, bi, (const char *[]){"u", "v", "w"}[k], NULL, &e);
  if (!rc) rc = parley_builder_add_party(b, "p", NULL, &p, &e);
  if (!rc) rc = parley_builder_set_dirichlet(b, p, alpha, &e);
  if (!rc) rc = parley_builder_set_values(b, p, a, pa_values, &e);
  if (!rc) rc = parley_builder_set_values(b, p, bi, pb_values, &e);
  if (!rc) rc = parley_builder_set_value_dist(b, p, bi, 1, &tri, &e);
  if (!rc) rc = parley_builder_set_reservation_schedule(b, p, 2, times, NULL, res, &e);
  if (!rc) rc = parley_builder_add_interaction(b, p, 0, NULL, bonus_when, 2, &e);
  if (!rc) rc = parley_builder_set_bonus_dist(b, p, &bonus, &e);
  if (!rc) rc = parley_builder_add_red_line(b, p, NULL, red_when, 2, &e);
  if (!rc) rc = parley_builder_set_red_line_probability(b, p, 0.7, &e);
  if (!rc) rc = parley_builder_add_party(b, "q", NULL, &q, &e);
  const double wt[2] = {0, 6}, wv[2] = {1, 2};
  if (!rc) rc = parley_builder_set_weight_schedule(b, q, a, 2, wt, wv, NULL, &e);
  if (!rc) rc = parley_builder_set_weight_dist(b, q, bi, &qw, &e);
  if (!rc) rc = parley_builder_set_values(b, q, a, qa, &e);
  if (!rc) rc = parley_builder_set_values(b, q, bi, qb, &e);
  if (!rc) rc = parley_builder_set_reservation_dist(b, q, &qres, &e);
  if (rc) fail_msg("%s", e.message);
  /* refusals change nothing */
  const parley_distribution bad = {PARLEY_DIST_UNIFORM, 0.5, 0.2, 0}, none = {(parley_dist_kind)0, 0, 0, 0};
  assert_int_equal(parley_builder_set_reservation_dist(b, q, &bad, &e), PARLEY_ERR_INVALID);
  assert_int_equal(parley_builder_set_reservation_dist(b, q, &none, &e), PARLEY_ERR_ARG);
  assert_int_equal(parley_builder_set_red_line_probability(b, p, 1.5, &e), PARLEY_ERR_INVALID);
  parley_scenario *built = NULL;
  if (parley_builder_build(b, &built, &e)) fail_msg("%s", e.message);
  char *y1 = NULL, *y2 = NULL;
  if (parley_scenario_write_yaml(read, &y1, NULL, &e) || parley_scenario_write_yaml(built, &y2, NULL, &e)) fail_msg("%s", e.message);
  assert_string_equal(strchr(y1, '\n'), strchr(y2, '\n')); /* the first line names the source */
  assert_int_equal(parley_uncertain_count(built), parley_uncertain_count(read));
  parley_string_free(y1), parley_string_free(y2);
  parley_scenario_free(built), parley_scenario_free(read);
  parley_builder_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_built_equals_read), cmocka_unit_test(test_copy), cmocka_unit_test(test_changes),
      cmocka_unit_test(test_refusals), cmocka_unit_test(test_positions), cmocka_unit_test(test_rules_and_limits),
      cmocka_unit_test(test_uncertain_and_timed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
