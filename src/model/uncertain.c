/* uncertain.c — the distributions of uncertain.h. Draws use the one seeded generator
 * (util/prng.h): the same seed gives the same draws on every machine. */
#include "model/uncertain.h"

#include <math.h>

#include "util/error.h"
#include "util/prng.h"
#include "util/rational.h"

#define PL_PI 3.14159265358979323846

const char *pl_dist_name(int kind) {
  switch (kind) {
    case PL_DIST_UNIFORM: return "uniform";
    case PL_DIST_TRIANGULAR: return "triangular";
    case PL_DIST_NORMAL: return "normal";
    default: return NULL;
  }
}

static double phi(double x) { return exp(-0.5 * x * x) / sqrt(2 * PL_PI); }
static double cdf(double x) { return 0.5 * erfc(-x / sqrt(2)); }

/* The normal's mass within [lo, hi]. */
static double mass(const pl_dist *d) {
  if (d->b == 0) return d->a >= d->lo && d->a <= d->hi;
  return cdf((d->hi - d->a) / d->b) - cdf((d->lo - d->a) / d->b);
}

int pl_dist_check(const pl_dist *d, const char *what, parley_error *err) {
  const double lo = d->lo, hi = d->hi;
  switch (d->kind) {
    case PL_DIST_UNIFORM:
      if (!(d->a <= d->b)) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "uniform [%g, %g]: the upper end is below the lower", d->a, d->b);
      break;
    case PL_DIST_TRIANGULAR:
      if (!(d->a <= d->c && d->c <= d->b))
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "triangular [%g, %g, %g]: needs low <= mode <= high", d->a, d->c, d->b);
      break;
    case PL_DIST_NORMAL:
      if (!(d->b >= 0) || isinf(d->b))
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "normal [%g, %g]: the standard deviation must be a number >= 0", d->a, d->b);
      if (!(mass(d) >= 1e-6))
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0,
                       "normal [%g, %g] puts almost nothing within %s's range [%g, %g]; it cannot be truncated to it", d->a, d->b,
                       what, lo, hi);
      return 0;
    default: return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "unknown distribution");
  }
  if (!(d->a >= lo && d->b <= hi))
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "%s [%g, %g] reaches outside %s's range [%g, %g]", pl_dist_name(d->kind), d->a,
                   d->b, what, lo, isinf(hi) ? INFINITY : hi);
  return 0;
}

/* (x + y [+ z]) / n in exact arithmetic where the parameters are fractions (so that 0.4, 0.6 and
 * 0.8 give 0.6, not 0.6000000000000001), else in doubles. */
static double exact_mean(double x, double y, double z, int n) {
  const pl_q s = pl_q_add(pl_q_add(pl_q_from_double(x), pl_q_from_double(y)), n == 3 ? pl_q_from_double(z) : pl_q_int(0));
  const pl_q m = pl_q_div(s, pl_q_int(n));
  return pl_q_exact(m) ? pl_q_to_double(m) : (x + y + (n == 3 ? z : 0)) / n;
}

double pl_dist_mean(const pl_dist *d) {
  switch (d->kind) {
    case PL_DIST_UNIFORM: return exact_mean(d->a, d->b, 0, 2);
    case PL_DIST_TRIANGULAR: return exact_mean(d->a, d->b, d->c, 3);
    case PL_DIST_NORMAL: {
      if (d->b == 0) return d->a;
      const double al = (d->lo - d->a) / d->b, be = (d->hi - d->a) / d->b;
      const double m = d->a + d->b * ((isinf(al) ? 0 : phi(al)) - (isinf(be) ? 0 : phi(be))) / mass(d);
      return m < d->lo ? d->lo : m > d->hi ? d->hi : m;
    }
    default: return NAN;
  }
}

/* A standard normal draw (Box-Muller, one of the pair). */
static double gauss(uint64_t *rng) {
  double u = pl_prng_uniform(rng);
  while (u <= 0) u = pl_prng_uniform(rng);
  return sqrt(-2 * log(u)) * cos(2 * PL_PI * pl_prng_uniform(rng));
}

double pl_dist_draw(const pl_dist *d, uint64_t *rng) {
  switch (d->kind) {
    case PL_DIST_UNIFORM: return d->a + (d->b - d->a) * pl_prng_uniform(rng);
    case PL_DIST_TRIANGULAR: {
      const double u = pl_prng_uniform(rng), w = d->b - d->a;
      if (w <= 0) return d->a;
      const double f = (d->c - d->a) / w;
      return u < f ? d->a + sqrt(u * w * (d->c - d->a)) : d->b - sqrt((1 - u) * w * (d->b - d->c));
    }
    case PL_DIST_NORMAL: {
      if (d->b == 0) return d->a;
      for (int tries = 0; tries < 100000; tries++) { /* redrawn until within the range */
        const double x = d->a + d->b * gauss(rng);
        if (x >= d->lo && x <= d->hi) return x;
      }
      return pl_dist_mean(d); /* only for a mass near the 1e-6 the check allows */
    }
    default: return NAN;
  }
}

double pl_gamma_draw(double alpha, uint64_t *rng) {
  if (alpha < 1) { /* Gamma(a) = Gamma(a + 1) * U^(1/a) */
    double u = pl_prng_uniform(rng);
    while (u <= 0) u = pl_prng_uniform(rng);
    return pl_gamma_draw(alpha + 1, rng) * pow(u, 1 / alpha);
  }
  /* Marsaglia and Tsang (2000) */
  const double dd = alpha - 1.0 / 3, c = 1 / sqrt(9 * dd);
  for (;;) {
    double x, v;
    do {
      x = gauss(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = pl_prng_uniform(rng);
    if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + dd * (1 - v + log(v))) return dd * v;
  }
}
