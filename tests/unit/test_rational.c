/* test_rational.c — exact fractions (util/rational.h): a double read as the simplest fraction
 * that rounds to it, arithmetic that says when a result does not fit, least common multiples
 * under a limit. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/rational.h"

static void is_q(pl_q q, int64_t num, int64_t den) {
  if (q.num != num || q.den != den) fail_msg("got %lld/%lld, expected %lld/%lld", (long long)q.num, (long long)q.den, (long long)num, (long long)den);
}

static void test_from_double(void **state) {
  (void)state;
  is_q(pl_q_from_double(0), 0, 1);
  is_q(pl_q_from_double(0.1), 1, 10);
  is_q(pl_q_from_double(0.35), 7, 20);
  is_q(pl_q_from_double(0.083), 83, 1000);
  is_q(pl_q_from_double(-0.25), -1, 4);
  is_q(pl_q_from_double(1.0 / 3), 1, 3);
  is_q(pl_q_from_double(7.0 / 18), 7, 18);
  is_q(pl_q_from_double(0.1234567), 1234567, 10000000);
  is_q(pl_q_from_double(123456.789), 123456789, 1000);
  is_q(pl_q_from_double(1e-7), 1, 10000000);
  is_q(pl_q_from_double(3), 3, 1);
  is_q(pl_q_from_double(0x1p53 + 2), (int64_t)0x1p53 + 2, 1);
  is_q(pl_q_from_double(1 - 0.15 * 3), 11, 20); /* the double nearest 0.55 */
  /* every fraction of denominator below 2^26 in [-1, 1] comes back as itself */
  for (int64_t d = 1; d < 2000; d += 7)
    for (int64_t n = 0; n <= d; n += 1 + d / 50) {
      const pl_q q = pl_q_from_double((double)n / (double)d);
      const pl_q want = pl_q_make(n, d);
      is_q(q, want.num, want.den);
    }
  const int64_t big = 67108859; /* a prime below 2^26 */
  is_q(pl_q_from_double(12345678.0 / big), 12345678, big);
  /* what has no simple fraction, or none within 64 bits */
  assert_true(pl_q_exact(pl_q_from_double(0.1 + 0.2))); /* some fraction, just not 3/10 */
  assert_false(pl_q_from_double(0.1 + 0.2).den == 10);
  assert_false(pl_q_exact(pl_q_from_double(NAN)));
  assert_false(pl_q_exact(pl_q_from_double(INFINITY)));
  assert_false(pl_q_exact(pl_q_from_double(1e20)));
  assert_false(pl_q_exact(pl_q_from_double(1e-30)));
}

static void test_arithmetic(void **state) {
  (void)state;
  const pl_q a = pl_q_make(1, 3), b = pl_q_make(1, 6);
  is_q(pl_q_add(a, b), 1, 2);
  is_q(pl_q_sub(b, a), -1, 6);
  is_q(pl_q_mul(a, b), 1, 18);
  is_q(pl_q_div(a, b), 2, 1);
  is_q(pl_q_make(6, -4), -3, 2);
  assert_false(pl_q_exact(pl_q_div(a, pl_q_int(0))));
  assert_false(pl_q_exact(pl_q_add(a, PL_Q_NONE)));
  const pl_q huge = pl_q_make((int64_t)1 << 61, 3);
  assert_false(pl_q_exact(pl_q_mul(huge, huge))); /* does not fit: not exact, never wrong */
  assert_true(pl_q_cmp(a, b) > 0 && pl_q_cmp(b, a) < 0 && pl_q_cmp(a, pl_q_make(2, 6)) == 0);
  assert_true(pl_q_to_double(pl_q_make(7, 20)) == 0.35);
  assert_true(isnan(pl_q_to_double(PL_Q_NONE)));
}

static void test_lcm(void **state) {
  (void)state;
  assert_int_equal(pl_gcd(800, 3500), 100);
  assert_int_equal(pl_lcm(800, 3500, UINT64_MAX), 28000);
  assert_int_equal(pl_lcm(800, 3500, 27999), 0);
  assert_int_equal(pl_lcm((uint64_t)1 << 40, 3, (uint64_t)1 << 56), (uint64_t)3 << 40);
  assert_int_equal(pl_lcm(UINT64_MAX, UINT64_MAX - 1, UINT64_MAX), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_from_double),
      cmocka_unit_test(test_arithmetic),
      cmocka_unit_test(test_lcm),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
