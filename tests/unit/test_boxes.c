/* test_boxes.c — the exact methods without enumeration against enumeration. "boxes": random
 * scenarios whose profiles are sums of interaction terms (2-4 parties, conditions that allow
 * arbitrary sets of options, not only ranges, so that boxes can meet pairwise without meeting
 * together; bonuses on a coarse grid so that ties are common; reservation values that make
 * some spaces infeasible). "additive": the brute-force test's random scenarios (weights,
 * piecewise values, interaction terms) without red lines, 2-5 parties. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/boxes.h"
#include "analysis/solutions.h"
#include "support.h"
#include "util/buf.h"

static char *random_boxes(test_rng *r, uint32_t max_parties) {
  pl_buf b = {0};
  uint32_t P = 2 + test_rng_below(r, max_parties - 1), N = 1 + test_rng_below(r, 6);
  uint32_t n_opt[6];
  pl_buf_puts(&b, "issues:\n");
  for (uint32_t i = 0; i < N; i++) {
    n_opt[i] = 1 + test_rng_below(r, 5);
    pl_buf_printf(&b, "  - id: i%u\n    options: [", i);
    for (uint32_t k = 0; k < n_opt[i]; k++) pl_buf_printf(&b, "%so%u", k ? ", " : "", k);
    pl_buf_puts(&b, "]\n");
  }
  pl_buf_puts(&b, "parties:\n");
  for (uint32_t p = 0; p < P; p++) {
    double res = test_rng_below(r, 3) == 0 ? 0.1 * test_rng_below(r, 8) : 0;
    pl_buf_printf(&b, "  - id: p%u\n    reservation: %g\n    normalise_weights: false\n"
                  "    weights: {i0: 0}\n", p, res);
    uint32_t n = test_rng_below(r, 13);
    int small = test_rng_below(r, 2); /* bonuses summing to at most 1, half the time */
    if (!n) continue;
    pl_buf_puts(&b, "    interactions:\n");
    for (uint32_t k = 0; k < n; k++) {
      pl_buf_puts(&b, "      - when: {");
      uint32_t nc = 1 + test_rng_below(r, 3), used = 0;
      for (uint32_t j = 0; j < nc; j++) {
        uint32_t i = test_rng_below(r, N);
        if (used >> i & 1) continue;
        used |= 1u << i;
        pl_buf_printf(&b, "%si%u: [", j ? ", " : "", i);
        int first = 1;
        for (uint32_t o = 0; o < n_opt[i]; o++)
          if (test_rng_below(r, 2)) {
            pl_buf_printf(&b, "%so%u", first ? "" : ", ", o);
            first = 0;
          }
        if (first) pl_buf_printf(&b, "o%u", test_rng_below(r, n_opt[i]));
        pl_buf_puts(&b, "]");
      }
      double bonus = 0.125 * (1 + test_rng_below(r, 4));
      pl_buf_printf(&b, "}\n        bonus: %g\n", small ? bonus * 2 / n : bonus);
    }
  }
  return b.data;
}

static int vec_cmp(const pl_fx *a, const pl_fx *b, uint32_t P) {
  for (uint32_t p = 0; p < P; p++)
    if (a[p] != b[p]) return a[p] < b[p] ? -1 : 1;
  return 0;
}

static uint32_t sortP;
static int by_vec(const void *a, const void *b) { return vec_cmp(a, b, sortP); }

/* The frontier's distinct utility vectors, sorted. */
static size_t distinct(const parley_analysis *an, pl_fx **out) {
  const uint32_t P = an->sc->n_parties;
  size_t n = an->frontier.n;
  pl_fx *v = malloc((n ? n : 1) * P * sizeof *v);
  if (n) memcpy(v, an->frontier.u, n * P * sizeof *v);
  sortP = P;
  qsort(v, n, P * sizeof *v, by_vec);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (m == 0 || vec_cmp(v + (m - 1) * P, v + i * P, P) != 0) memmove(v + m++ * P, v + i * P, P * sizeof *v);
  *out = v;
  return m;
}

static int checked, infeasible, big, ties, unbounded, convolved;

static void check(const parley_scenario *sc, const char *yaml, parley_method method) {
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  parley_analysis_options oe = {.method = PARLEY_METHOD_ENUMERATE, .threads = 1};
  parley_analysis_options ob = {.method = method};
  parley_analysis *ae = NULL, *ab = NULL;
  parley_error err = {0};
  assert_int_equal(parley_analyze(sc, &oe, &ae, &err), 0);
  assert_int_equal(parley_analyze(sc, &ob, &ab, &err), 0);
  assert_int_equal(parley_analysis_method(ab), method);
  pl_fx *ve, *vb;
  size_t ne = distinct(ae, &ve), nb = distinct(ab, &vb);
  if (ne != nb || memcmp(ve, vb, ne * P * sizeof *ve) != 0) {
    print_error("frontier differs (%zu vs %zu vectors) on\n%s\n", ne, nb, yaml);
    fail();
  }
  assert_int_equal(ab->frontier.n, nb); /* one package per vector */
  /* the search itself, with the reservations as floors, finds the feasible frontier directly */
  if (method == PARLEY_METHOD_BOXES) {
  uint32_t obj[PARLEY_MAX_PARTIES];
  for (uint32_t p = 0; p < P; p++) obj[p] = p;
  pl_boxes_search bs = {.sc = sc, .n_obj = P, .obj = obj, .floor = sc->compiled.reservation};
  assert_int_equal(pl_boxes_run(&bs), 0);
  sortP = P;
  if (bs.frontier.n) qsort(bs.frontier.u, bs.frontier.n, P * sizeof *bs.frontier.u, by_vec);
  assert_int_equal(bs.frontier.n, ne);
  if (ne) assert_memory_equal(bs.frontier.u, ve, ne * P * sizeof *ve);
  pl_boxes_search_free(&bs);
  }
  for (size_t i = 0; i < ae->frontier.n; i++)
    if (ae->frontier.count[i] > 1) {
      ties++;
      break;
    }
  /* the additive method counts too, and finds the same first package of each vector */
  if (method == PARLEY_METHOD_ADDITIVE) {
    assert_int_equal(parley_analysis_frontier_package_total(ab), parley_analysis_frontier_package_total(ae));
    for (size_t i = 0; i < ne; i++) {
      assert_int_equal(ab->frontier.idx[i], ae->frontier.idx[i]);
      assert_int_equal(ab->frontier.count[i], ae->frontier.count[i]);
    }
  } else {
    assert_int_equal(parley_analysis_frontier_package_total(ab), 0); /* the box search does not count */
    if (checked % 5 == 0) { /* with every tie listed it does, and its witnesses become the first packages */
      parley_analysis_options ot = {.method = method, .all_ties = 1};
      parley_analysis *at = NULL;
      assert_int_equal(parley_analyze(sc, &ot, &at, &err), 0);
      assert_int_equal(parley_analysis_tie_count(at), parley_analysis_frontier_package_total(ae));
      assert_int_equal(at->frontier.n, ne);
      for (size_t i = 0; i < ne; i++) {
        assert_int_equal(at->frontier.idx[i], ae->frontier.idx[i]);
        assert_int_equal(at->frontier.count[i], ae->frontier.count[i]);
        assert_memory_equal(at->fpkg + i * N, ae->fpkg + i * N, N * sizeof *at->fpkg);
      }
      for (int sol = 0; sol < PARLEY_SOLUTION_COUNT; sol++) assert_int_equal(at->solution[sol], ae->solution[sol]);
      parley_analysis_free(at);
    }
  }
  big += ne >= 3;
  /* each witness package attains its vector */
  pl_fx u[PARLEY_MAX_PARTIES];
  uint64_t red;
  for (size_t i = 0; i < ab->frontier.n; i++) {
    pl_eval(&sc->compiled, ab->fpkg + i * N, u, &red);
    assert_int_equal(vec_cmp(u, ab->frontier.u + i * P, P), 0);
    if (i) { /* package order */
      uint64_t a = pl_encode(&sc->compiled, ab->fpkg + (i - 1) * N), b = pl_encode(&sc->compiled, ab->fpkg + i * N);
      assert_true(a < b);
      assert_int_equal(ab->frontier.idx[i], b);
    }
  }
  /* per party: ideal value and an ideal package, minimum when known, mean */
  for (uint32_t p = 0; p < P; p++) {
    assert_int_equal(ab->range[p].any, ae->range[p].any);
    assert_close(ab->mean[p], ae->mean[p], 1e-9);
    if (!ae->range[p].any) continue; /* every package crosses one of p's red lines */
    assert_int_equal(ab->range[p].max, ae->range[p].max);
    pl_eval(&sc->compiled, ab->ideal_pkg + (size_t)p * N, u, &red);
    assert_int_equal(u[p], ae->range[p].max);
    if (method == PARLEY_METHOD_ADDITIVE) assert_true(ab->range[p].min_known);
    if (ab->range[p].min_known) assert_int_equal(ab->range[p].min, ae->range[p].min);
  }
  assert_close(ab->mean_all, ae->mean_all, 1e-9);
  if (isnan(ab->opposition)) unbounded++;
  else assert_close(ab->opposition, ae->opposition, 1e-9);
  /* feasibility, blocking group */
  if (ab->feasible_known) assert_int_equal(ab->n_feasible, ae->n_feasible);
  /* a count neither 0 nor every package: red lines dropping combinations, or the additive
   * method's convolution over its groups */
  convolved += ab->feasible_known && ab->n_feasible && ab->n_feasible != ae->n_outcomes;
  if (method == PARLEY_METHOD_ADDITIVE && !ab->feasible_known) print_message("additive did not count:\n%s\n", yaml);
  assert_int_equal(ab->n_feasible == 0, ae->n_feasible == 0);
  infeasible += ae->n_feasible == 0;
  assert_int_equal(ab->blocking_known, ae->blocking_known);
  if (ae->blocking_known) assert_int_equal(ab->blocking_mask, ae->blocking_mask);
  /* the solutions' objective values (the packages may differ among equal vectors) */
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
    size_t ie = ae->solution[s], ib = ab->solution[s];
    assert_int_equal(ie == PARLEY_NONE, ib == PARLEY_NONE);
    if (ie == PARLEY_NONE) continue;
    const pl_fx *ue = ae->frontier.u + ie * P, *ub = ab->frontier.u + ib * P;
    switch ((parley_solution)s) {
      case PARLEY_NASH: assert_int_equal(pl_nash_cmp(ue, ub, sc->compiled.reservation, P), 0); break;
      case PARLEY_KALAI_SMORODINSKY:
        assert_int_equal(pl_ks_cmp(ue, ae->feasible_ideal, ub, ab->feasible_ideal, sc->compiled.reservation, P), 0);
        break;
      case PARLEY_EGALITARIAN: assert_int_equal(pl_egalitarian_value(ue, sc->compiled.reservation, P), pl_egalitarian_value(ub, sc->compiled.reservation, P)); break;
      case PARLEY_UTILITARIAN: assert_true(pl_utilitarian_value(ue, P) == pl_utilitarian_value(ub, P)); break;
      case PARLEY_KS_UNNORMALISED: assert_int_equal(pl_spread_value(ue, P), pl_spread_value(ub, P)); break;
      case PARLEY_NASH_WEIGHTED: {
        double w[PARLEY_MAX_PARTIES];
        pl_power_weights(sc, w);
        const double a = pl_nash_weighted_value(ue, sc->compiled.reservation, w, P),
                     c = pl_nash_weighted_value(ub, sc->compiled.reservation, w, P);
        assert_true(a == c || fabs(a - c) <= 1e-12 * (1 + fabs(a)));
        break;
      }
      default: break;
    }
  }
  checked++;
  free(ve);
  free(vb);
  parley_analysis_free(ae);
  parley_analysis_free(ab);
}

static void run(uint64_t seed, int count, uint32_t max_parties) {
  test_rng r = {seed};
  checked = infeasible = big = ties = unbounded = 0;
  for (int k = 0; k < count; k++) {
    char *yaml = random_boxes(&r, max_parties);
    parley_scenario *sc = test_load(yaml);
    assert_true(parley_method_applicable(sc, PARLEY_METHOD_BOXES));
    check(sc, yaml, PARLEY_METHOD_BOXES);
    parley_scenario_free(sc);
    free(yaml);
  }
  print_message("%d scenarios: %d infeasible, %d with >= 3 frontier vectors, %d with tied packages, "
                "%d with utilities above 1\n", checked, infeasible, big, ties, unbounded);
  assert_true(infeasible >= count / 50);
  assert_true(big >= count / 10);
  assert_true(ties >= count / 10);
  assert_true(unbounded <= count * 3 / 4); /* the opposition is compared often */
}

static void test_two_parties(void **state) {
  (void)state;
  run(11, 500, 2);
}

static void test_many_parties(void **state) {
  (void)state;
  run(12, 500, 4);
}

/* additive: the brute-force test's generator, red lines included (about half the parties
 * have one or two). With several parties nearly every scenario has some, and most of those
 * leave nothing feasible, so scenarios with and without red lines alternate. */
static void run_additive(uint64_t seed, int count, const test_gen_options *o) {
  test_rng r = {seed};
  checked = infeasible = big = ties = unbounded = convolved = 0;
  int with_red = 0, red_blocked = 0;
  while (checked < count) {
    char *yaml = test_random_scenario(&r, o);
    parley_scenario *sc = test_load(yaml);
    assert_true(parley_method_applicable(sc, PARLEY_METHOD_ADDITIVE));
    int red = 0;
    for (uint32_t k = 0; k < sc->compiled.n_rules; k++) red |= sc->compiled.rules[k].red_line;
    if (red != (checked & 1)) {
      parley_scenario_free(sc);
      free(yaml);
      continue;
    }
    const int before = infeasible;
    check(sc, yaml, PARLEY_METHOD_ADDITIVE);
    with_red += red;
    red_blocked += red && infeasible > before;
    parley_scenario_free(sc);
    free(yaml);
  }
  print_message("%d scenarios, %d with red lines: %d infeasible (%d of them with red lines), %d with >= 3 "
                "frontier vectors, %d with tied packages, %d with utilities above 1, %d feasible counts other "
                "than none or all\n",
                checked, with_red, infeasible, red_blocked, big, ties, unbounded, convolved);
  assert_true(convolved >= count / 10);
  assert_true(infeasible >= count / 50);
  assert_true(with_red == count / 2);
  assert_true(red_blocked >= count / 100);
  assert_true(big >= count / 10);
  assert_true(ties >= count / 100); /* 11 of 600 with 3-5 parties, 50 of 400 with 2 */
}

static void test_additive_two_parties(void **state) {
  (void)state;
  test_gen_options o = {2, 2, 1, 6, 5, 0};
  run_additive(21, 400, &o);
}

static void test_additive_many_parties(void **state) {
  (void)state;
  test_gen_options o = {3, 5, 1, 5, 5, 0};
  run_additive(22, 600, &o);
}

/* The choice of method: auto tries the additive method first where it applies (enumerating
 * instead when it proves dearer) and searches what does not fit; asking for boxes where they do
 * not apply, or running out of nodes, is a clear error. */
static void test_plan(void **state) {
  (void)state;
  const char *boxes = "issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [x, y]}\n"
                      "parties:\n  - id: p\n    normalise_weights: false\n    weights: {a: 0}\n"
                      "    interactions:\n      - {when: {a: x}, bonus: 0.5}\n"
                      "  - id: q\n    normalise_weights: false\n    weights: {a: 0}\n"
                      "    interactions:\n      - {when: {a: y, b: y}, bonus: 1}\n";
  parley_scenario *sc = test_load(boxes);
  parley_method m;
  parley_error err = {0};
  assert_int_equal(parley_analysis_plan(sc, NULL, &m, &err), 0);
  assert_int_equal(m, PARLEY_METHOD_ADDITIVE);
  parley_analysis_options o = {.max_outcomes = 3};
  assert_int_equal(parley_analysis_plan(sc, &o, &m, &err), 0);
  assert_int_equal(m, PARLEY_METHOD_ADDITIVE); /* both exact methods apply: additive first */
  o.method = PARLEY_METHOD_ENUMERATE;
  assert_int_equal(parley_analysis_plan(sc, &o, &m, &err), PARLEY_ERR_LIMIT);
  /* a node budget too small to finish */
  parley_analysis *an = NULL;
  parley_analysis_options tiny = {.method = PARLEY_METHOD_BOXES, .max_nodes = 1};
  assert_int_equal(parley_analyze(sc, &tiny, &an, &err), PARLEY_ERR_LIMIT);
  assert_null(an);
  assert_non_null(strstr(err.message, "--max-nodes"));
  char digits[64];
  assert_int_equal(parley_outcome_count_text(sc, digits, sizeof digits), 1);
  assert_string_equal(digits, "4");
  parley_scenario_free(sc);
  assert_string_equal(parley_method_name(PARLEY_METHOD_BOXES), "boxes");
  assert_int_equal(parley_method_find("enumerate"), PARLEY_METHOD_ENUMERATE);
  assert_int_equal(parley_method_find("fast"), -1);

  /* issue weights make the profile additive: not a sum of boxes */
  sc = test_load("issues:\n  - {id: a, options: [x, y]}\nparties:\n  - id: p\n    weights: {a: 1}\n"
                 "    values: {a: [1, 0]}\n");
  assert_false(parley_method_applicable(sc, PARLEY_METHOD_BOXES));
  o = (parley_analysis_options){.method = PARLEY_METHOD_BOXES};
  assert_int_equal(parley_analysis_plan(sc, &o, &m, &err), PARLEY_ERR_INVALID);
  assert_non_null(strstr(err.message, "--method enumerate"));
  assert_true(parley_method_applicable(sc, PARLEY_METHOD_ADDITIVE));
  parley_scenario_free(sc);
  /* a red line, or a negative bonus, rules the method out too */
  sc = test_load("issues:\n  - {id: a, options: [x, y]}\nparties:\n  - id: p\n    normalise_weights: false\n"
                 "    weights: {a: 0}\n    interactions:\n      - {when: {a: x}, bonus: -0.5}\n");
  assert_false(parley_method_applicable(sc, PARLEY_METHOD_BOXES));
  parley_scenario_free(sc);
  sc = test_load("issues:\n  - {id: a, options: [x, y]}\nparties:\n  - id: p\n    normalise_weights: false\n"
                 "    weights: {a: 0}\n    red_lines:\n      - {when: {a: x}}\n");
  assert_false(parley_method_applicable(sc, PARLEY_METHOD_BOXES));
  assert_true(parley_method_applicable(sc, PARLEY_METHOD_ADDITIVE)); /* the additive method drops red-lined combinations */
  o = (parley_analysis_options){.method = PARLEY_METHOD_ADDITIVE};
  assert_int_equal(parley_analysis_plan(sc, &o, &m, &err), 0);
  parley_scenario_free(sc);
  /* auto: the additive method where it gives every figure within its budget, else enumeration
   * (here a utility above 1, so that only enumeration knows the opposition; and a space whose
   * only group is the whole space, so that the method would do more work than enumerating) */
  const char *additive = "issues:\n  - {id: a, range: {min: 0, max: 19, step: 1}}\n"
                         "  - {id: b, range: {min: 0, max: 19, step: 1}}\n  - {id: c, range: {min: 0, max: 19, step: 1}}\n"
                         "parties:\n  - id: p\n    weights: {a: 1, b: 1, c: 1}\n"
                         "    values: {a: {points: [[0, 1], [19, 0]]}, b: {points: [[0, 0], [19, 1]]}, c: {points: [[0, 1], [19, 0]]}}\n"
                         "  - id: q\n    weights: {a: 2, b: 1, c: 1}\n"
                         "    values: {a: {points: [[0, 0], [19, 1]]}, b: {points: [[0, 1], [19, 0]]}, c: {points: [[0, 0], [19, 1]]}}\n";
  const char *above_one = "issues:\n  - {id: a, options: [x, y, z]}\n  - {id: b, options: [u, v]}\n"
                          "parties:\n  - id: p\n    weights: {a: 1, b: 1}\n    values: {a: [1, 0.5, 0], b: [0, 1]}\n"
                          "    interactions:\n      - {when: {a: x}, bonus: 0.5}\n"
                          "  - id: q\n    weights: {a: 1, b: 1}\n    values: {a: [0, 0.5, 1], b: [1, 0]}\n";
  const char *one_group = "issues:\n  - {id: a, options: [x, y, z]}\n  - {id: b, options: [u, v]}\n"
                          "parties:\n  - id: p\n    weights: {a: 1, b: 1}\n    values: {a: [1, 0.5, 0], b: [0, 1]}\n"
                          "    interactions:\n      - {when: {a: x, b: u}, bonus: 0.1}\n"
                          "  - id: q\n    weights: {a: 1, b: 1}\n    values: {a: [0, 0.5, 1], b: [1, 0]}\n";
  const char *const yaml3[] = {additive, above_one, one_group};
  const parley_method want[] = {PARLEY_METHOD_ADDITIVE, PARLEY_METHOD_ENUMERATE, PARLEY_METHOD_ENUMERATE};
  for (int k = 0; k < 3; k++) {
    sc = test_load(yaml3[k]);
    parley_analysis *ae = NULL;
    parley_analysis_options oe = {.method = PARLEY_METHOD_ENUMERATE};
    assert_int_equal(parley_analyze(sc, NULL, &an, &err), 0);
    assert_int_equal(parley_analyze(sc, &oe, &ae, &err), 0);
    assert_int_equal(parley_analysis_method(an), want[k]);
    assert_int_equal(parley_analysis_feasible_count(an), parley_analysis_feasible_count(ae)); /* counted either way */
    assert_int_equal(parley_analysis_frontier_count(an), parley_analysis_frontier_count(ae));
    parley_analysis_free(an), parley_analysis_free(ae);
    parley_scenario_free(sc);
  }
  /* a group of issues linked by terms too large to table rules it out */
  pl_buf big_group = {0};
  pl_buf_puts(&big_group, "issues:\n");
  for (int i = 0; i < 3; i++) pl_buf_printf(&big_group, "  - {id: i%d, range: {min: 0, max: 199, step: 1}}\n", i);
  pl_buf_puts(&big_group, "parties:\n  - id: p\n    normalise_weights: false\n    weights: {i0: 0}\n    red_lines:\n      - {when: {i0: 0, i1: 0, i2: 0}}\n");
  sc = test_load(big_group.data);
  assert_false(parley_method_applicable(sc, PARLEY_METHOD_ADDITIVE));
  assert_int_equal(parley_analysis_plan(sc, &o, &m, &err), PARLEY_ERR_INVALID);
  assert_non_null(strstr(err.message, "2^20"));
  parley_scenario_free(sc);
  free(big_group.data);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_parties),
      cmocka_unit_test(test_many_parties),
      cmocka_unit_test(test_additive_two_parties),
      cmocka_unit_test(test_additive_many_parties),
      cmocka_unit_test(test_plan),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
