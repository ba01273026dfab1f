/* support.h — helpers for the unit tests: loading scenarios from text, a seeded PRNG, and a
 * generator of random small scenarios (as YAML text, so the reader is exercised too). */
#ifndef PARLEY_TEST_SUPPORT_H
#define PARLEY_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "parley.h"

typedef struct test_rng {
  uint64_t s;
} test_rng;

uint64_t test_rng_next(test_rng *r);
/* Uniform in [0, n). */
uint32_t test_rng_below(test_rng *r, uint32_t n);

/* Loads a scenario from text and fails the test (with the error) if it does not load. */
parley_scenario *test_load(const char *yaml);
/* Loads a scenario expected to be invalid; returns the diagnostics (caller frees) and the
 * status through *status. */
parley_diagnostics *test_load_bad(const char *yaml, int *status);

typedef struct test_gen_options {
  uint32_t min_parties, max_parties;
  uint32_t min_issues, max_issues;
  uint32_t max_options;
  int rough; /* 1: weights with 17 significant digits, which parley cannot hold exactly (it
                rounds); 2: values in thirds and sevenths, written with 17 digits, which it can */
} test_gen_options;

/* Writes a random valid scenario as YAML; the caller frees the result. */
char *test_random_scenario(test_rng *r, const test_gen_options *o);

/* |a - b| <= eps in double precision (cmocka's assert_float_equal rounds to float). */
#define assert_close(a, b, eps) test_assert_close((a), (b), (eps), #a, __FILE__, __LINE__)
void test_assert_close(double a, double b, double eps, const char *expr, const char *file, int line);

#endif
