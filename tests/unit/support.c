/* support.c — see support.h. */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/prng.h"

uint64_t test_rng_next(test_rng *r) { return pl_prng_next(&r->s); }

uint32_t test_rng_below(test_rng *r, uint32_t n) { return (uint32_t)(test_rng_next(r) % n); }

parley_scenario *test_load(const char *yaml) {
  parley_scenario *sc = NULL;
  parley_error err = {0};
  int rc = parley_scenario_read_string(yaml, strlen(yaml), "test.yaml", NULL, &sc, NULL, &err);
  if (rc != 0) {
    char buf[1024];
    parley_error_format(&err, buf, sizeof buf);
    print_error("%s\n--- input ---\n%s\n", buf, yaml);
    fail_msg("scenario did not load");
  }
  return sc;
}

parley_diagnostics *test_load_bad(const char *yaml, int *status) {
  parley_diagnostics *d = parley_diagnostics_new();
  parley_scenario *sc = NULL;
  parley_error err = {0};
  *status = parley_scenario_read_string(yaml, strlen(yaml), "bad.yaml", NULL, &sc, d, &err);
  assert_null(sc);
  assert_int_not_equal(*status, 0);
  assert_true(parley_diagnostics_count(d) >= 1);
  /* the error handed back is the first diagnostic */
  assert_string_equal(err.message, parley_diagnostics_get(d, 0)->message);
  return d;
}

/* a value on a coarse grid, so that ties happen often */
static double grid(test_rng *r, int steps) { return (double)test_rng_below(r, (uint32_t)steps + 1) / steps; }

char *test_random_scenario(test_rng *r, const test_gen_options *o) {
  pl_buf b = {0};
  uint32_t P = o->min_parties + test_rng_below(r, o->max_parties - o->min_parties + 1);
  uint32_t N = o->min_issues + test_rng_below(r, o->max_issues - o->min_issues + 1);
  uint32_t n_opt[16];
  int numeric[16];
  double lo[16], step[16];
  pl_buf_puts(&b, "issues:\n");
  for (uint32_t i = 0; i < N; i++) {
    n_opt[i] = 1 + test_rng_below(r, o->max_options);
    numeric[i] = test_rng_below(r, 3) == 0;
    if (numeric[i]) {
      lo[i] = (double)test_rng_below(r, 5) * 10;
      step[i] = test_rng_below(r, 2) ? 5 : 2.5;
      pl_buf_printf(&b, "  - id: n%u\n    range: {min: %g, max: %g, step: %g}\n", i, lo[i],
                    lo[i] + step[i] * (n_opt[i] - 1), step[i]);
    } else {
      pl_buf_printf(&b, "  - id: d%u\n    options: [", i);
      for (uint32_t k = 0; k < n_opt[i]; k++) pl_buf_printf(&b, "%so%u", k ? ", " : "", k);
      pl_buf_puts(&b, "]\n");
    }
  }
  pl_buf_puts(&b, "parties:\n");
  for (uint32_t p = 0; p < P; p++) {
    pl_buf_printf(&b, "  - id: p%u\n    reservation: %g\n    power: %u\n    weights: {", p, grid(r, 10) * 0.6,
                  1 + test_rng_below(r, 3));
    uint32_t must = test_rng_below(r, N);
    for (uint32_t i = 0; i < N; i++) {
      uint32_t w = test_rng_below(r, 4);
      if (i == must && w == 0) w = 1;
      if (o->rough == 1) /* w plus a fraction of no small denominator */
        pl_buf_printf(&b, "%s%s%u: %.17g", i ? ", " : "", numeric[i] ? "n" : "d", i,
                      w + test_rng_below(r, 1000) * 1e-4 * 1.4142135623730951);
      else
        pl_buf_printf(&b, "%s%s%u: %u", i ? ", " : "", numeric[i] ? "n" : "d", i, w);
    }
    pl_buf_puts(&b, "}\n    values:\n");
    for (uint32_t i = 0; i < N; i++) {
      pl_buf_printf(&b, "      %s%u: ", numeric[i] ? "n" : "d", i);
      int form = (int)test_rng_below(r, numeric[i] ? 3 : 2);
      if (form == 0) {
        pl_buf_putc(&b, '[');
        for (uint32_t k = 0; k < n_opt[i]; k++) {
          if (o->rough == 2) pl_buf_printf(&b, "%s%.17g", k ? ", " : "", grid(r, test_rng_below(r, 2) ? 3 : 7));
          else pl_buf_printf(&b, "%s%g", k ? ", " : "", grid(r, 10));
        }
        pl_buf_puts(&b, "]\n");
      } else if (form == 1) {
        pl_buf_putc(&b, '{');
        for (uint32_t k = n_opt[i]; k-- > 0;) {
          if (numeric[i]) pl_buf_printf(&b, "%g: %g", lo[i] + step[i] * k, grid(r, 10));
          else pl_buf_printf(&b, "o%u: %g", k, grid(r, 10));
          if (k) pl_buf_puts(&b, ", ");
        }
        pl_buf_puts(&b, "}\n");
      } else {
        double x0 = lo[i] - step[i], x1 = lo[i] + step[i] * (double)n_opt[i] / 2, x2 = lo[i] + step[i] * n_opt[i];
        pl_buf_printf(&b, "{points: [[%g, %g], [%g, %g], [%g, %g]]}\n", x0, grid(r, 4), x1,
                      grid(r, 4), x2, grid(r, 4));
      }
    }
    for (int kind = 0; kind < 2; kind++) {
      /* interactions: 0-2; red lines: 0 half the time, else 1-2 */
      uint32_t n = kind == 0 ? test_rng_below(r, 3) : test_rng_below(r, 4) / 2 * (1 + test_rng_below(r, 2));
      if (!n) continue;
      pl_buf_puts(&b, kind == 0 ? "    interactions:\n" : "    red_lines:\n");
      for (uint32_t k = 0; k < n; k++) {
        pl_buf_puts(&b, "      - when: {");
        uint32_t a = test_rng_below(r, N), c = test_rng_below(r, N);
        for (uint32_t j = 0; j < (a == c ? 1u : 2u); j++) {
          uint32_t i = j == 0 ? a : c;
          uint32_t opt = test_rng_below(r, n_opt[i]);
          if (j) pl_buf_puts(&b, ", ");
          if (numeric[i] && test_rng_below(r, 2))
            pl_buf_printf(&b, "n%u: {min: %g}", i, lo[i] + step[i] * opt);
          else if (numeric[i])
            pl_buf_printf(&b, "n%u: %g", i, lo[i] + step[i] * opt);
          else if (test_rng_below(r, 2))
            pl_buf_printf(&b, "d%u: [o%u, o%u]", i, opt, test_rng_below(r, n_opt[i]));
          else
            pl_buf_printf(&b, "d%u: o%u", i, opt);
        }
        pl_buf_puts(&b, "}\n");
        if (kind == 0) pl_buf_printf(&b, "        bonus: %g\n", (grid(r, 8) - 0.5) * 0.4);
      }
    }
  }
  uint32_t F = test_rng_below(r, 3);
  if (F) pl_buf_puts(&b, "frameworks:\n");
  for (uint32_t f = 0; f < F; f++) {
    pl_buf_printf(&b, "  - id: f%u\n    package: {", f);
    for (uint32_t i = 0; i < N; i++) {
      uint32_t opt = test_rng_below(r, n_opt[i]);
      if (numeric[i]) pl_buf_printf(&b, "%sn%u: %g", i ? ", " : "", i, lo[i] + step[i] * opt);
      else pl_buf_printf(&b, "%sd%u: o%u", i ? ", " : "", i, opt);
    }
    pl_buf_puts(&b, "}\n");
  }
  return b.data;
}

void test_assert_close(double a, double b, double eps, const char *expr, const char *file, int line) {
  if (fabs(a - b) <= eps) return;
  print_error("%s:%d: %s = %.17g, expected %.17g (within %g)\n", file, line, expr, a, b, eps);
  _fail(file, line);
}
