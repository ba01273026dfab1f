/* test_frontier.c — the frontier routines against brute force on random point sets: values on a
 * coarse grid (negative ones too) so that equal coordinates and equal vectors are common, sets
 * from 0 to a few thousand points, given in any order or partly pre-sorted (a frontier being
 * merged with new points, the frontiers of several chunks one after another). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/frontier.h"
#include "support.h"

/* 1 if point i of u (m x P) is strictly dominated by another; with distinct, also if an equal
 * vector of smaller index exists. */
static int brute_dropped(const pl_fx *u, const uint64_t *idx, size_t m, uint32_t P, size_t i, int distinct) {
  for (size_t j = 0; j < m; j++) {
    if (j == i) continue;
    if (pl_dominates(u + j * P, u + i * P, P)) return 1;
    if (distinct && memcmp(u + j * P, u + i * P, P * sizeof *u) == 0 && idx[j] < idx[i]) return 1;
  }
  return 0;
}

/* How many points of u equal point i's vector (itself included). */
static uint64_t brute_equal(const pl_fx *u, size_t m, uint32_t P, size_t i) {
  uint64_t n = 0;
  for (size_t j = 0; j < m; j++) n += memcmp(u + j * P, u + i * P, P * sizeof *u) == 0;
  return n;
}

/* A frontier fed points 0..m-1 of u (index = position) is the brute-force one: with ties every
 * undominated point, each counting 1; without, each undominated vector once, at its first
 * point, counting every point equal to it. */
static void check_frontier(const pl_frontier *f, const pl_fx *u, const uint64_t *idx, size_t m, uint32_t P) {
  size_t expect = 0;
  for (size_t i = 0; i < m; i++) expect += !brute_dropped(u, idx, m, P, i, !f->ties);
  assert_int_equal(f->n, expect);
  unsigned char *seen = calloc(m ? m : 1, 1);
  assert_non_null(seen);
  for (size_t k = 0; k < f->n; k++) {
    const uint64_t i = f->idx[k];
    assert_true(i < m);
    assert_false(seen[i]);
    seen[i] = 1;
    assert_memory_equal(f->u + k * P, u + i * P, P * sizeof *u);
    assert_false(brute_dropped(u, idx, m, P, (size_t)i, !f->ties));
    assert_int_equal(f->count[k], f->ties ? 1 : brute_equal(u, m, P, (size_t)i));
  }
  free(seen);
}

static void random_points(test_rng *r, pl_fx *u, uint64_t *idx, size_t m, uint32_t P, uint32_t grid) {
  for (size_t i = 0; i < m; i++) {
    for (uint32_t p = 0; p < P; p++) u[i * P + p] = (pl_fx)test_rng_below(r, grid) - (pl_fx)(grid / 4);
    idx[i] = test_rng_next(r) % 100000;
  }
}

/* pl_nondominated3 keeps exactly the points brute force keeps, each once, in its stated order. */
static void test_nondominated3(void **state) {
  (void)state;
  test_rng r = {20261124};
  for (int trial = 0; trial < 400; trial++) {
    const size_t m = trial < 10 ? (size_t)trial : 1 + test_rng_below(&r, trial % 7 == 0 ? 3000 : 300);
    const uint32_t grid = 2 + test_rng_below(&r, trial % 3 == 0 ? 4 : 60);
    const int distinct = trial % 2;
    pl_fx *u = malloc((m ? m : 1) * 3 * sizeof *u);
    uint64_t *idx = malloc((m ? m : 1) * sizeof *idx);
    pl_pt3 *pts = malloc((m ? m : 1) * sizeof *pts);
    assert_non_null(u), assert_non_null(idx), assert_non_null(pts);
    random_points(&r, u, idx, m, 3, grid);
    for (size_t i = 0; i < m; i++) idx[i] = i * 7919 % 100003; /* distinct indices */
    for (size_t i = 0; i < m; i++) pts[i] = (pl_pt3){{u[3 * i], u[3 * i + 1], u[3 * i + 2]}, idx[i], 1};
    size_t kept = 12345;
    assert_int_equal(pl_nondominated3(pts, m, distinct, &kept), 0);
    size_t expect = 0;
    for (size_t i = 0; i < m; i++) expect += !brute_dropped(u, idx, m, 3, i, distinct);
    assert_int_equal(kept, expect);
    for (size_t k = 0; k < kept; k++) {
      /* each kept point is one of the input's, and one brute force keeps */
      size_t i = 0;
      while (i < m && idx[i] != pts[k].idx) i++;
      assert_true(i < m);
      assert_memory_equal(pts[k].u, u + 3 * i, 3 * sizeof *u);
      assert_false(brute_dropped(u, idx, m, 3, i, distinct));
      assert_int_equal(pts[k].count, distinct ? brute_equal(u, m, 3, i) : 1);
      if (k) { /* decreasing (u0, u1, u2), then increasing index */
        const pl_pt3 *a = &pts[k - 1], *b = &pts[k];
        int cmp = 0;
        for (int p = 0; p < 3 && cmp == 0; p++) cmp = a->u[p] > b->u[p] ? -1 : a->u[p] < b->u[p];
        assert_true(cmp < 0 || (cmp == 0 && a->idx < b->idx));
      }
    }
    free(u), free(idx), free(pts);
  }
}

/* pl_frontier_merge, fed in batches (2 to 5 parties), ends with the brute-force frontier of
 * everything offered: equal vectors all kept (ties), or counted in one point. */
static void test_merge_batches(void **state) {
  (void)state;
  test_rng r = {42};
  for (int trial = 0; trial < 300; trial++) {
    const uint32_t P = 2 + test_rng_below(&r, 7); /* 2 to 8: the k-d tree past five dimensions */
    const size_t m = test_rng_below(&r, trial % 5 == 0 ? 4000 : 400);
    const uint32_t grid = 2 + test_rng_below(&r, trial % 3 == 0 ? 5 : 40);
    pl_fx *u = malloc((m ? m : 1) * P * sizeof *u);
    uint64_t *idx = malloc((m ? m : 1) * sizeof *idx);
    assert_non_null(u), assert_non_null(idx);
    random_points(&r, u, idx, m, P, grid);
    for (size_t i = 0; i < m; i++) idx[i] = i;
    pl_frontier f;
    pl_frontier_init(&f, P);
    f.ties = trial % 2;
    for (size_t at = 0; at < m;) {
      size_t n = 1 + test_rng_below(&r, 200);
      if (n > m - at) n = m - at;
      assert_int_equal(pl_frontier_merge(&f, idx + at, u + at * P, NULL, n), 0);
      at += n;
    }
    check_frontier(&f, u, idx, m, P);
    pl_frontier_free(&f);
    free(u), free(idx);
  }
}

/* Two parties offered one point at a time (the enumeration's way, with its table for quick
 * rejection built after enough offers): the brute-force frontier, with ties or counted,
 * and every offer the table rejects truly dominated. Values are small integers, so ties and
 * points one unit apart are common. */
static void test_offer_two(void **state) {
  (void)state;
  test_rng r = {7};
  for (int trial = 0; trial < 300; trial++) {
    const size_t m = 1 + test_rng_below(&r, trial % 4 == 0 ? 5000 : 600);
    const uint32_t grid = 2 + test_rng_below(&r, trial % 3 == 0 ? 6 : 300);
    pl_fx *u = malloc(m * 2 * sizeof *u);
    uint64_t *idx = malloc(m * sizeof *idx);
    assert_non_null(u), assert_non_null(idx);
    random_points(&r, u, idx, m, 2, grid);
    for (size_t i = 0; i < m; i++) idx[i] = i;
    pl_frontier f;
    pl_frontier_init(&f, 2);
    f.ties = trial % 2;
    for (size_t i = 0; i < m; i++) {
      if (pl_frontier2_rejects(&f, u[2 * i], u[2 * i + 1])) {
        int dominated = 0;
        for (size_t j = 0; j < i && !dominated; j++) dominated = pl_dominates(u + 2 * j, u + 2 * i, 2);
        assert_true(dominated);
      }
      assert_int_equal(pl_frontier_offer(&f, idx[i], u + 2 * i), 0);
    }
    check_frontier(&f, u, idx, m, 2);
    pl_frontier_free(&f);
    free(u), free(idx);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_offer_two),
      cmocka_unit_test(test_nondominated3),
      cmocka_unit_test(test_merge_batches),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
