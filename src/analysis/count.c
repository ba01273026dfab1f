/* count.c — the feasible packages of an additive space, counted by convolution over its groups:
 * the states after k groups are the distinct partial sums of their vectors, with how many
 * combinations reach each. A party's partial sum is settled as soon as what the later groups
 * add at least (their minima) lifts it to the reservation, or at most (their maxima) cannot:
 * settled parties leave the state (a satisfied one is written PL_SAT; an unsatisfiable state is
 * dropped), which is what keeps the states few. At the end every party is settled, and the
 * count is the sum over the states left. */
#include "analysis/count.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/frontier.h"
#include "util/vec.h"

#define PL_SAT INT64_MAX

typedef struct state {
  const pl_fx *u;
  uint64_t count;
  uint32_t P;
} state;

static int by_vector(const void *a, const void *b) {
  const state *x = a, *y = b;
  for (uint32_t p = 0; p < x->P; p++)
    if (x->u[p] != y->u[p]) return x->u[p] < y->u[p] ? -1 : 1;
  return 0;
}

/* Sorts the n records by vector and makes each run of equal vectors one, its count the sum;
 * returns how many are left. */
static size_t merge_equal(state *st, size_t n) {
  qsort(st, n, sizeof *st, by_vector);
  size_t w = 0;
  for (size_t k = 0; k < n; k++) {
    if (w && !by_vector(&st[w - 1], &st[k])) st[w - 1].count = pl_count_add(st[w - 1].count, st[k].count);
    else st[w++] = st[k];
  }
  return w;
}

int pl_dist_make(const pl_fx *u, size_t n, uint32_t P, pl_count_dist *out) {
  memset(out, 0, sizeof *out);
  state *st = malloc((n ? n : 1) * sizeof *st);
  out->u = malloc((n ? n : 1) * P * sizeof *out->u);
  out->count = malloc((n ? n : 1) * sizeof *out->count);
  if (!st || !out->u || !out->count) {
    free(st), free(out->u), free(out->count);
    memset(out, 0, sizeof *out);
    return PARLEY_ERR_NOMEM;
  }
  for (size_t k = 0; k < n; k++) st[k] = (state){u + k * P, 1, P};
  out->n = merge_equal(st, n);
  for (size_t k = 0; k < out->n; k++) {
    memcpy(out->u + k * P, st[k].u, P * sizeof *out->u);
    out->count[k] = st[k].count;
  }
  free(st);
  return 0;
}

int pl_count_feasible(const pl_compiled *c, const pl_count_dist *groups, size_t n_groups, uint64_t budget, uint64_t *work,
                      uint64_t *count) {
  const uint32_t P = c->n_parties;
  /* what the groups after each one add at least and at most, per party */
  pl_fx *rest_min = calloc((n_groups + 1) * P, sizeof *rest_min), *rest_max = calloc((n_groups + 1) * P, sizeof *rest_max);
  if (!rest_min || !rest_max) {
    free(rest_min), free(rest_max);
    return PARLEY_ERR_NOMEM;
  }
  for (size_t g = n_groups; g-- > 0;)
    for (uint32_t p = 0; p < P; p++) {
      pl_fx lo = 0, hi = 0;
      for (size_t k = 0; k < groups[g].n; k++) {
        const pl_fx v = groups[g].u[k * P + p];
        if (k == 0 || v < lo) lo = v;
        if (k == 0 || v > hi) hi = v;
      }
      rest_min[g * P + p] = rest_min[(g + 1) * P + p] + lo;
      rest_max[g * P + p] = rest_max[(g + 1) * P + p] + hi;
    }
  /* the states, P values and a count each */
  size_t n = 1, cap_u = P, cap_c = 1;
  pl_fx *su = calloc(P ? P : 1, sizeof *su);
  uint64_t *sc = malloc(sizeof *sc);
  int rc = su && sc ? 0 : PARLEY_ERR_NOMEM;
  if (rc == 0) sc[0] = 1;
  /* before any group: parties the whole space satisfies, or cannot */
  for (uint32_t p = 0; rc == 0 && p < P; p++) {
    if (rest_min[p] >= c->reservation[p]) su[p] = PL_SAT;
    else if (rest_max[p] < c->reservation[p]) n = 0;
  }
  for (size_t g = 0; rc == 0 && g < n_groups && n; g++) {
    const pl_count_dist *d = &groups[g];
    const uint64_t steps = pl_count_mul(n, d->n);
    *work = pl_count_add(*work, steps);
    if (budget && *work > budget) {
      rc = PARLEY_ERR_LIMIT;
      break;
    }
    pl_fx *nu = malloc((steps ? steps : 1) * P * sizeof *nu);
    state *st = malloc((steps ? steps : 1) * sizeof *st);
    if (!nu || !st) {
      free(nu), free(st);
      rc = PARLEY_ERR_NOMEM;
      break;
    }
    const pl_fx *lo = rest_min + (g + 1) * P, *hi = rest_max + (g + 1) * P;
    size_t m = 0;
    for (size_t s = 0; s < n; s++)
      for (size_t k = 0; k < d->n; k++) {
        pl_fx *w = nu + m * P;
        int dead = 0;
        for (uint32_t p = 0; p < P && !dead; p++) {
          const pl_fx a = su[s * P + p];
          if (a == PL_SAT) {
            w[p] = PL_SAT;
            continue;
          }
          const pl_fx x = a + d->u[k * P + p];
          if (x + lo[p] >= c->reservation[p]) w[p] = PL_SAT;
          else if (x + hi[p] < c->reservation[p]) dead = 1;
          else w[p] = x;
        }
        if (dead) continue;
        st[m] = (state){w, pl_count_mul(sc[s], d->count[k]), P};
        m++;
      }
    const size_t w = merge_equal(st, m); /* equal states become one */
    if (pl_grow(&su, &cap_u, w * P) || pl_grow(&sc, &cap_c, w)) rc = PARLEY_ERR_NOMEM;
    for (size_t k = 0; rc == 0 && k < w; k++) {
      memcpy(su + k * P, st[k].u, P * sizeof *su);
      sc[k] = st[k].count;
    }
    n = rc == 0 ? w : 0;
    free(nu), free(st);
  }
  uint64_t total = 0;
  for (size_t s = 0; rc == 0 && s < n; s++) total = pl_count_add(total, sc[s]);
  if (rc == 0) *count = total;
  free(su), free(sc), free(rest_min), free(rest_max);
  return rc;
}
