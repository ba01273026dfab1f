/* frontier.c — incremental Pareto frontier; see frontier.h. */
#include "frontier.h"

#include <stdlib.h>
#include <string.h>

void pl_frontier_init(pl_frontier *f, uint32_t P) {
  memset(f, 0, sizeof *f);
  f->P = P;
}

void pl_frontier_free(pl_frontier *f) {
  free(f->idx);
  free(f->u);
  memset(f, 0, sizeof *f);
}

static int grow(pl_frontier *f) {
  if (f->n < f->cap) return 0;
  size_t cap = f->cap ? f->cap * 2 : 64;
  uint64_t *idx = realloc(f->idx, cap * sizeof *idx);
  if (!idx) return PARLEY_ERR_NOMEM;
  f->idx = idx;
  pl_fx *u = realloc(f->u, cap * f->P * sizeof *u);
  if (!u) return PARLEY_ERR_NOMEM;
  f->u = u;
  f->cap = cap;
  return 0;
}

/* Two parties: points sorted by u0 ascending, so u1 is non-increasing along the array. */
static int offer2(pl_frontier *f, uint64_t idx, const pl_fx *u) {
  const pl_fx a = u[0], b = u[1];
  pl_fx *U = f->u;
  /* k = first point with u0 >= a */
  size_t lo = 0, hi = f->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (U[2 * mid] < a) lo = mid + 1;
    else hi = mid;
  }
  size_t k = lo;
  if (k < f->n) {
    /* the point with the largest u1 among those with u0 >= a */
    const pl_fx q0 = U[2 * k], q1 = U[2 * k + 1];
    if (q1 > b || (q1 == b && q0 > a)) return 0; /* dominated */
    if (q1 == b && q0 == a) {
      /* a duplicate: insert after the run of equal points */
      while (k < f->n && U[2 * k] == a && U[2 * k + 1] == b) k++;
      if (grow(f)) return PARLEY_ERR_NOMEM;
      U = f->u;
      memmove(U + 2 * (k + 1), U + 2 * k, (f->n - k) * 2 * sizeof *U);
      memmove(f->idx + k + 1, f->idx + k, (f->n - k) * sizeof *f->idx);
      U[2 * k] = a;
      U[2 * k + 1] = b;
      f->idx[k] = idx;
      f->n++;
      return 0;
    }
  }
  /* not dominated: drop the points it dominates, which form a contiguous run around k —
   * before k those with u1 <= b (u0 < a), from k those with u0 == a (u1 < b here). */
  size_t s = k;
  while (s > 0 && U[2 * (s - 1) + 1] <= b) s--;
  size_t e = k;
  while (e < f->n && U[2 * e] == a) e++;
  if (s == e) {
    if (grow(f)) return PARLEY_ERR_NOMEM;
    U = f->u;
    memmove(U + 2 * (s + 1), U + 2 * s, (f->n - s) * 2 * sizeof *U);
    memmove(f->idx + s + 1, f->idx + s, (f->n - s) * sizeof *f->idx);
    f->n++;
  } else if (e - s > 1) {
    memmove(U + 2 * (s + 1), U + 2 * e, (f->n - e) * 2 * sizeof *U);
    memmove(f->idx + s + 1, f->idx + e, (f->n - e) * sizeof *f->idx);
    f->n -= e - s - 1;
  }
  U[2 * s] = a;
  U[2 * s + 1] = b;
  f->idx[s] = idx;
  return 0;
}

static int offerN(pl_frontier *f, uint64_t idx, const pl_fx *u) {
  const uint32_t P = f->P;
  if (f->hint < f->n && pl_dominates(f->u + f->hint * P, u, P)) return 0;
  for (size_t i = 0; i < f->n; i++)
    if (pl_dominates(f->u + i * P, u, P)) {
      f->hint = i;
      return 0;
    }
  size_t w = 0;
  for (size_t i = 0; i < f->n; i++) {
    if (pl_dominates(u, f->u + i * P, P)) continue;
    if (w != i) {
      memcpy(f->u + w * P, f->u + i * P, P * sizeof *f->u);
      f->idx[w] = f->idx[i];
    }
    w++;
  }
  f->n = w;
  if (grow(f)) return PARLEY_ERR_NOMEM;
  memcpy(f->u + f->n * P, u, P * sizeof *u);
  f->idx[f->n] = idx;
  f->n++;
  return 0;
}

int pl_frontier_offer(pl_frontier *f, uint64_t idx, const pl_fx *u) {
  if (f->P == 1) {
    /* one party: the frontier is the set of outcomes of maximal utility */
    if (f->n && f->u[0] > u[0]) return 0;
    if (f->n && f->u[0] < u[0]) f->n = 0;
    if (grow(f)) return PARLEY_ERR_NOMEM;
    f->u[f->n] = u[0];
    f->idx[f->n++] = idx;
    return 0;
  }
  return f->P == 2 ? offer2(f, idx, u) : offerN(f, idx, u);
}

typedef struct {
  uint64_t idx;
  size_t pos;
} keyed;

static int by_idx(const void *a, const void *b) {
  uint64_t x = ((const keyed *)a)->idx, y = ((const keyed *)b)->idx;
  return x < y ? -1 : x > y;
}

int pl_frontier_sort_by_index(pl_frontier *f) {
  if (f->n < 2) return 0;
  const uint32_t P = f->P;
  keyed *k = malloc(f->n * sizeof *k);
  pl_fx *u = malloc(f->n * P * sizeof *u);
  if (!k || !u) {
    free(k);
    free(u);
    return PARLEY_ERR_NOMEM;
  }
  for (size_t i = 0; i < f->n; i++) k[i] = (keyed){f->idx[i], i};
  qsort(k, f->n, sizeof *k, by_idx);
  for (size_t i = 0; i < f->n; i++) {
    f->idx[i] = k[i].idx;
    memcpy(u + i * P, f->u + k[i].pos * P, P * sizeof *u);
  }
  free(f->u);
  f->u = u;
  f->cap = f->n;
  free(k);
  return 0;
}

int pl_frontier2_covers(const pl_frontier *f, pl_fx a, pl_fx b) {
  size_t lo = 0, hi = f->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (f->u[2 * mid] < a) lo = mid + 1;
    else hi = mid;
  }
  return lo < f->n && f->u[2 * lo + 1] >= b;
}

/* A point of a batch being sorted; qsort has no context argument, so each record carries P. */
typedef struct rec {
  const pl_fx *u;
  uint64_t idx;
  pl_fx sum;
  uint32_t P;
} rec;

static int rec_lex_desc(const void *a, const void *b) {
  const rec *x = a, *y = b;
  for (uint32_t p = 0; p < x->P; p++)
    if (x->u[p] != y->u[p]) return x->u[p] > y->u[p] ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int rec_sum_desc(const void *a, const void *b) {
  const rec *x = a, *y = b;
  if (x->sum != y->sum) return x->sum > y->sum ? -1 : 1;
  return rec_lex_desc(a, b);
}

/* Three parties, records sorted by (u0, u1, u2) decreasing: marks keep[i] for the
 * non-dominated ones. A point is dominated by a point of a group with larger u0 when that
 * point's (u1, u2) is at least its own (the staircase answers this), and within its own group
 * when another point is larger in (u1, u2). */
static int nd3(const rec *r, size_t m, unsigned char *keep) {
  pl_frontier stair;
  pl_frontier_init(&stair, 2);
  int rc = 0;
  for (size_t g = 0; g < m && rc == 0;) {
    size_t e = g;
    while (e < m && r[e].u[0] == r[g].u[0]) e++;
    pl_fx best_prev = 0; /* largest u2 among points of the group with a larger u1 */
    int have_prev = 0;
    for (size_t s = g; s < e;) {
      size_t t = s;
      while (t < e && r[t].u[1] == r[s].u[1]) t++;
      const pl_fx sub_max = r[s].u[2]; /* the first of an equal-u1 run has the largest u2 */
      for (size_t i = s; i < t; i++) {
        int dominated = (have_prev && best_prev >= r[i].u[2]) || sub_max > r[i].u[2] ||
                        pl_frontier2_covers(&stair, r[i].u[1], r[i].u[2]);
        keep[i] = (unsigned char)!dominated;
      }
      if (!have_prev || sub_max > best_prev) best_prev = sub_max;
      have_prev = 1;
      s = t;
    }
    for (size_t i = g; i < e && rc == 0; i++)
      if (keep[i]) rc = pl_frontier_offer(&stair, 0, r[i].u + 1);
    g = e;
  }
  pl_frontier_free(&stair);
  return rc;
}

/* Any number of parties, records sorted by decreasing sum: a point can only be dominated by
 * one with a larger sum, which comes earlier, so each point is checked against the kept ones. */
static void nd_sum(const rec *r, size_t m, unsigned char *keep, uint32_t P) {
  size_t *kept = malloc((m ? m : 1) * sizeof *kept);
  size_t nk = 0, hint = 0;
  for (size_t i = 0; i < m; i++) {
    int dominated = 0;
    if (kept && nk && hint < nk && pl_dominates(r[kept[hint]].u, r[i].u, P)) dominated = 1;
    for (size_t k = 0; k < nk && !dominated; k++)
      if (pl_dominates(r[kept[k]].u, r[i].u, P)) {
        dominated = 1;
        hint = k;
      }
    keep[i] = (unsigned char)!dominated;
    if (!dominated && kept) kept[nk++] = i;
  }
  free(kept);
}

int pl_frontier_merge(pl_frontier *f, const uint64_t *idx, const pl_fx *u, size_t n) {
  const uint32_t P = f->P;
  const size_t m = f->n + n;
  if (n == 0) return 0;
  pl_fx *all = malloc(m * P * sizeof *all);
  uint64_t *aidx = malloc(m * sizeof *aidx);
  rec *r = malloc(m * sizeof *r);
  unsigned char *keep = malloc(m);
  int rc = all && aidx && r && keep ? 0 : PARLEY_ERR_NOMEM;
  if (rc == 0) {
    if (f->n) {
      memcpy(all, f->u, f->n * P * sizeof *all);
      memcpy(aidx, f->idx, f->n * sizeof *aidx);
    }
    memcpy(all + f->n * P, u, n * P * sizeof *all);
    memcpy(aidx + f->n, idx, n * sizeof *aidx);
    for (size_t i = 0; i < m; i++) {
      pl_fx sum = 0;
      for (uint32_t p = 0; p < P; p++) sum += all[i * P + p];
      r[i] = (rec){all + i * P, aidx[i], sum, P};
    }
    if (P == 3) {
      qsort(r, m, sizeof *r, rec_lex_desc);
      rc = nd3(r, m, keep);
    } else {
      qsort(r, m, sizeof *r, rec_sum_desc);
      nd_sum(r, m, keep, P);
    }
  }
  if (rc == 0) {
    f->n = 0;
    for (size_t i = 0; i < m && rc == 0; i++) {
      if (!keep[i]) continue;
      if ((rc = grow(f)) != 0) break;
      memcpy(f->u + f->n * P, r[i].u, P * sizeof *f->u);
      f->idx[f->n++] = r[i].idx;
    }
  }
  free(all);
  free(aidx);
  free(r);
  free(keep);
  return rc;
}
