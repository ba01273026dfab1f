/* rational.h — exact fractions of 64-bit integers, for utilities that are equal when they are
 * equal in exact arithmetic. A pl_q is num/den with den > 0 and gcd(|num|, den) = 1, or "not
 * held exactly" (den == 0), which every operation passes on: a result that would not fit in 64
 * bits is not held exactly either, never wrong.
 *
 * Numbers reach parley as doubles. pl_q_from_double takes a double as the simplest fraction
 * (smallest denominator) that rounds to it: 0.1 is 1/10, 0.083 is 83/1000, 1.0/3 is 1/3. For a
 * fraction of denominator below 2^26 (every decimal of up to 7 places) in [-1, 1] that is the
 * fraction itself, since two such fractions differ by more than a double's rounding there. */
#ifndef PL_UTIL_RATIONAL_H
#define PL_UTIL_RATIONAL_H

#include <stdint.h>

__extension__ typedef __int128 pl_i128;
__extension__ typedef unsigned __int128 pl_u128;

typedef struct pl_q {
  int64_t num, den;
} pl_q;

#define PL_Q_NONE ((pl_q){0, 0})

static inline int pl_q_exact(pl_q a) { return a.den > 0; }
static inline pl_q pl_q_int(int64_t n) { return (pl_q){n, 1}; }

/* The simplest fraction that rounds to x; PL_Q_NONE for NaN, an infinity, or when that
 * fraction's numerator or denominator would pass 2^62. */
pl_q pl_q_from_double(double x);
/* The double nearest a (within one rounding when num or den passes 2^53); NaN when not exact. */
double pl_q_to_double(pl_q a);
/* num/den reduced; PL_Q_NONE when den is 0 or the result does not fit. */
pl_q pl_q_make(pl_i128 num, pl_i128 den);
pl_q pl_q_add(pl_q a, pl_q b);
pl_q pl_q_sub(pl_q a, pl_q b);
pl_q pl_q_mul(pl_q a, pl_q b);
pl_q pl_q_div(pl_q a, pl_q b); /* PL_Q_NONE when b is 0 */
/* -1, 0 or 1 as a < b, a == b, a > b; both must be exact. */
int pl_q_cmp(pl_q a, pl_q b);
/* The least common multiple of a and b (both > 0), or 0 when it passes limit. */
uint64_t pl_lcm(uint64_t a, uint64_t b, uint64_t limit);
uint64_t pl_gcd(uint64_t a, uint64_t b);

#endif
