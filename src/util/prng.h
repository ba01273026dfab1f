/* prng.h — the one pseudo-random generator: splitmix64, seeded explicitly by the caller, so the
 * same seed gives the same numbers on every machine (DESIGN.md). */
#ifndef PL_UTIL_PRNG_H
#define PL_UTIL_PRNG_H

#include <stdint.h>

/* Advances *state and returns the next 64 random bits. */
static inline uint64_t pl_prng_next(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* A double uniform in [0, 1), from the top 53 bits. */
static inline double pl_prng_uniform(uint64_t *state) {
  return (double)(pl_prng_next(state) >> 11) / 9007199254740992.0;
}

#endif
