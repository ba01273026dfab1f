/* test_amend.c — amendments: the fewest issues to change so that every party accepts, checked
 * against brute force over every package of 1,000 random small scenarios (red lines and
 * interaction terms included), and on the bundled case by hand. */
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

static parley_amendments *amend(const parley_scenario *sc, const uint32_t *draft, const parley_amend_options *o) {
  parley_amendments *a = NULL;
  parley_error err = {0};
  if (parley_amend(sc, draft, o, &a, &err)) fail_msg("%s", err.message);
  return a;
}

/* Package idx of the mixed-radix order, issue 0 most significant. */
static void decode(const parley_scenario *sc, uint64_t idx, uint32_t *pkg) {
  for (size_t i = parley_issue_count(sc); i-- > 0;) {
    const uint64_t m = parley_issue_option_count(sc, i);
    pkg[i] = (uint32_t)(idx % m);
    idx /= m;
  }
}

static int accepts_all(const parley_scenario *sc, const uint32_t *pkg) {
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    parley_acceptance v;
    parley_package_acceptance(sc, p, pkg, &v);
    if (!v.accepts) return 0;
  }
  return 1;
}

/* Brute force: every package, its distance from the draft and its loss for the parties kept. */
static void test_brute_force(void **state) {
  (void)state;
  test_rng rng = {17};
  test_gen_options go = {1, 4, 1, 5, 4, 0};
  int with = 0, without = 0, zero = 0;
  for (int trial = 0; trial < 1000; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc = test_load(yaml);
    free(yaml);
    const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
    const uint64_t total = parley_outcome_count(sc);
    uint32_t draft[16], pkg[16];
    for (size_t i = 0; i < N; i++) draft[i] = test_rng_below(&rng, (uint32_t)parley_issue_option_count(sc, i));
    parley_amend_options o;
    parley_amend_defaults(&o);
    size_t keep[8], nk = 0;
    if (trial % 3 == 1) { /* a random group of parties to keep for */
      for (size_t p = 0; p < P; p++)
        if (test_rng_below(&rng, 2)) keep[nk++] = p;
      if (!nk) keep[nk++] = 0;
      o.keep_for = keep, o.n_keep_for = nk;
    }
    o.top = 1 + test_rng_below(&rng, 4);
    parley_amendments *a = amend(sc, draft, &o);
    double du[8];
    for (size_t p = 0; p < P; p++) du[p] = parley_utility(sc, p, draft);
    /* the fewest changes, and how many packages reach it */
    size_t best = PARLEY_NONE;
    uint64_t count = 0;
    for (uint64_t idx = 0; idx < total; idx++) {
      decode(sc, idx, pkg);
      if (!accepts_all(sc, pkg)) continue;
      size_t d = 0;
      for (size_t i = 0; i < N; i++) d += pkg[i] != draft[i];
      if (d < best) best = d, count = 0;
      if (d == best) count++;
    }
    assert_int_equal(parley_amendments_changes(a), best);
    if (best == PARLEY_NONE) {
      assert_int_equal(parley_amendments_count(a), 0);
      without++;
    } else {
      with++;
      zero += best == 0;
      assert_int_equal(parley_amendments_found(a), count);
      const size_t n = parley_amendments_count(a);
      assert_int_equal(n, count < o.top ? count : o.top);
      double last = -INFINITY;
      for (size_t k = 0; k < n; k++) {
        const uint32_t *x = parley_amendments_package(a, k);
        size_t d = 0;
        for (size_t i = 0; i < N; i++) d += x[i] != draft[i];
        assert_int_equal(d, best);
        assert_true(accepts_all(sc, x));
        double loss = 0;
        for (size_t p = 0; p < P; p++)
          if (parley_amendments_keeps_for(a, p)) loss += du[p] - parley_utility(sc, p, x);
        assert_close(parley_amendments_loss(a, k), loss, 1e-9);
        assert_true(loss >= last - 1e-9);
        last = loss;
      }
      /* nothing left out ranks better than the last kept */
      if (n == o.top) {
        for (uint64_t idx = 0; idx < total; idx++) {
          decode(sc, idx, pkg);
          size_t d = 0;
          for (size_t i = 0; i < N; i++) d += pkg[i] != draft[i];
          if (d != best || !accepts_all(sc, pkg)) continue;
          double loss = 0;
          for (size_t p = 0; p < P; p++)
            if (parley_amendments_keeps_for(a, p)) loss += du[p] - parley_utility(sc, p, pkg);
          int kept = 0;
          for (size_t k = 0; k < n && !kept; k++) kept = !memcmp(parley_amendments_package(a, k), pkg, N * sizeof *pkg);
          if (!kept && loss < last - 1e-9) fail_msg("trial %d: package %llu (loss %g) beats the last kept (%g)", trial, (unsigned long long)idx, loss, last);
        }
      }
    }
    /* no more changes than allowed */
    parley_amend_options one = o;
    one.max_changes = 1;
    parley_amendments *b = amend(sc, draft, &one);
    assert_int_equal(parley_amendments_changes(b), best <= 1 ? best : PARLEY_NONE);
    parley_amendments_free(b);
    parley_amendments_free(a);
    parley_scenario_free(sc);
  }
  assert_true(with > 200 && without > 20 && zero > 20);
}

/* The bundled case: the U.S. draft fails on Kyiv's side; one issue changed wins everyone. */
static void test_bundled(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_error err = {0};
  if (parley_scenario_read_file(PARLEY_EXAMPLES "/ukraine-framework.yaml", NULL, &sc, NULL, &err) != 0) fail_msg("%s", err.message);
  const uint32_t *draft = parley_framework_package(sc, 0);
  parley_amendments *a = amend(sc, draft, NULL);
  assert_int_equal(parley_amendments_changes(a), 1);
  assert_true(parley_amendments_count(a) >= 1);
  /* the drafters by default: the U.S. and Russia */
  assert_true(parley_amendments_keeps_for(a, parley_party_find(sc, "us")));
  assert_true(parley_amendments_keeps_for(a, parley_party_find(sc, "russia")));
  assert_false(parley_amendments_keeps_for(a, parley_party_find(sc, "ukraine")));
  parley_amendments_free(a);
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_brute_force), cmocka_unit_test(test_bundled)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
