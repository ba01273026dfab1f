/* rational.c — exact fractions (rational.h). */
#include "util/rational.h"

#include <math.h>

#define PL_Q_MAX ((int64_t)1 << 62)

uint64_t pl_gcd(uint64_t a, uint64_t b) {
  while (b) {
    const uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

uint64_t pl_lcm(uint64_t a, uint64_t b, uint64_t limit) {
  const pl_u128 l = (pl_u128)(a / pl_gcd(a, b)) * b;
  return l <= limit ? (uint64_t)l : 0;
}

static pl_u128 gcd128(pl_u128 a, pl_u128 b) {
  while (b) {
    const pl_u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

pl_q pl_q_make(pl_i128 num, pl_i128 den) {
  if (den == 0) return PL_Q_NONE;
  if (den < 0) num = -num, den = -den;
  const pl_u128 an = num < 0 ? (pl_u128)(-num) : (pl_u128)num;
  const pl_u128 g = an ? gcd128(an, (pl_u128)den) : (pl_u128)den;
  const pl_u128 n = an / g, d = (pl_u128)den / g;
  if (n > (pl_u128)PL_Q_MAX || d > (pl_u128)PL_Q_MAX) return PL_Q_NONE;
  return (pl_q){num < 0 ? -(int64_t)n : (int64_t)n, (int64_t)d};
}

pl_q pl_q_add(pl_q a, pl_q b) {
  if (!pl_q_exact(a) || !pl_q_exact(b)) return PL_Q_NONE;
  return pl_q_make((pl_i128)a.num * b.den + (pl_i128)b.num * a.den, (pl_i128)a.den * b.den);
}

pl_q pl_q_sub(pl_q a, pl_q b) { return pl_q_add(a, (pl_q){-b.num, b.den}); }

pl_q pl_q_mul(pl_q a, pl_q b) {
  if (!pl_q_exact(a) || !pl_q_exact(b)) return PL_Q_NONE;
  return pl_q_make((pl_i128)a.num * b.num, (pl_i128)a.den * b.den);
}

pl_q pl_q_div(pl_q a, pl_q b) {
  if (!pl_q_exact(a) || !pl_q_exact(b) || b.num == 0) return PL_Q_NONE;
  return pl_q_make((pl_i128)a.num * b.den, (pl_i128)a.den * b.num);
}

int pl_q_cmp(pl_q a, pl_q b) {
  const pl_i128 l = (pl_i128)a.num * b.den, r = (pl_i128)b.num * a.den;
  return (l > r) - (l < r);
}

double pl_q_to_double(pl_q a) {
  if (!pl_q_exact(a)) return NAN;
  /* both exact as doubles below 2^53, and then IEEE division rounds once */
  return (double)a.num / (double)a.den;
}

/* The simplest fraction in [lo_n/lo_d, hi_n/hi_d], 0 <= lo <= hi, by continued fractions: while
 * both ends share their integer part t, the answer is t + 1/(the simplest fraction between the
 * reciprocals of what is left), read off as convergents. 0 when a convergent passes PL_Q_MAX. */
static int simplest_between(pl_u128 a, pl_u128 b, pl_u128 c, pl_u128 d, pl_u128 *p_out, pl_u128 *q_out) {
  pl_u128 h0 = 0, h1 = 1, k0 = 1, k1 = 0; /* convergents: h/k */
  for (;;) {
    const pl_u128 t = a / b;
    pl_u128 term;
    int last = 1;
    if (t * b == a) term = t;                 /* lo is the integer t */
    else if ((t + 1) * d <= c) term = t + 1;  /* an integer lies in (lo, hi] */
    else {                                    /* both in (t, t + 1): go on with the reciprocals */
      term = t;
      last = 0;
    }
    const pl_u128 h2 = term * h1 + h0, k2 = term * k1 + k0;
    if (h2 > (pl_u128)PL_Q_MAX || k2 > (pl_u128)PL_Q_MAX) return 0;
    if (last) {
      *p_out = h2;
      *q_out = k2;
      return 1;
    }
    h0 = h1, h1 = h2, k0 = k1, k1 = k2;
    const pl_u128 na = d, nb = c - t * d, nc = b, nd = a - t * b; /* 1/(hi - t) .. 1/(lo - t) */
    a = na, b = nb, c = nc, d = nd;
  }
}

pl_q pl_q_from_double(double x) {
  if (!isfinite(x)) return PL_Q_NONE;
  if (x == 0) return pl_q_int(0);
  const double ax = fabs(x);
  if (ax >= 0x1p62 || ax < 0x1p-60) return PL_Q_NONE;
  if (ax >= 0x1p52) return pl_q_int((int64_t)x); /* an integer, and no other fraction rounds to it */
  /* the values that round to ax lie between the midpoints to its neighbours; as fractions over
   * 2^s, s chosen so that both midpoints are integers */
  const double below = ax - nextafter(ax, 0), above = nextafter(ax, INFINITY) - ax;
  int e;
  frexp(below < above ? below : above, &e); /* the smaller gap is 2^(e-1) */
  const int s = 2 - e;                      /* half the smaller gap is 2^(e-2) = 2^-s */
  const pl_u128 den = (pl_u128)1 << s;
  const pl_u128 mid = (pl_u128)ldexp(ax, s);
  const pl_u128 lo = mid - (pl_u128)ldexp(below, s - 1), hi = mid + (pl_u128)ldexp(above, s - 1);
  pl_u128 p, q;
  if (!simplest_between(lo, den, hi, den, &p, &q)) return PL_Q_NONE;
  pl_q r = {x < 0 ? -(int64_t)p : (int64_t)p, (int64_t)q};
  /* an end of the interval rounds to x or its neighbour by the even rule: make sure */
  if (q <= ((pl_u128)1 << 53) && p <= ((pl_u128)1 << 53) && pl_q_to_double(r) != x) return PL_Q_NONE;
  return r;
}
