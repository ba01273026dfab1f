/* frontier.c — the Pareto frontier of the points offered to it, kept incrementally (two
 * parties: a staircase with binary search and a coarse rejection table) or merged in batches
 * (three parties: pl_nondominated3's sweep; more: a pass in decreasing sum); see frontier.h.
 *
 * Invariants (pl_frontier_check asserts them in debug builds):
 *   F1. n <= cap; idx[0..n), count[0..n) and u[0..n * P) hold the points; every count >= 1.
 *   F2. No point dominates another; unless ties is set, no two points are equal (each is a
 *       distinct vector with its package count); with ties, every count is 1.
 *   F3. One party: every point has the same utility, the largest offered.
 *   F4. Two parties, until sorted by index: u0 non-decreasing and u1 non-increasing along the
 *       array (a staircase), equal points next to each other.
 *   F5. Two parties: the rejection table rejects no point of the frontier (its entries come
 *       from points that dominate or equal what they reject, and a point leaves the frontier
 *       only for one that dominates it).
 *   F6. Three parties, after a merge: decreasing (u0, u1, u2), then increasing idx — one run
 *       for the next merge's sort.
 *   F7. After pl_frontier_sort_by_index: increasing idx. */
#include "analysis/frontier.h"

#include <stdlib.h>
#include <string.h>

#include "util/check.h"
#include "util/vec.h"

void pl_frontier_check(const pl_frontier *f, pl_frontier_order order) {
  if (!PL_DEBUG) return;
  const uint32_t P = f->P;
  const pl_fx *U = f->u;
  pl_assert(f->n <= f->cap || f->n == 0); /* F1 */
  for (size_t i = 0; i < f->n; i++) pl_assert(f->count[i] >= 1 && (!f->ties || f->count[i] == 1));
  if (f->n <= 2000) /* F2 costs n^2 */
    for (size_t i = 0; i < f->n; i++)
      for (size_t j = 0; j < f->n; j++)
        pl_assert(i == j || (!pl_dominates(U + i * P, U + j * P, P) && (f->ties || memcmp(U + i * P, U + j * P, P * sizeof *U))));
  for (size_t i = 1; P == 1 && i < f->n; i++) pl_assert(U[i] == U[0]); /* F3 */
  for (size_t i = 1; P == 2 && order == PL_ORDER_GROWING && i < f->n; i++)
    pl_assert(U[2 * (i - 1)] <= U[2 * i] && U[2 * (i - 1) + 1] >= U[2 * i + 1]); /* F4 */
  for (size_t i = 0; P == 2 && i < f->n; i++) pl_assert(!pl_frontier2_rejects(f, U[2 * i], U[2 * i + 1])); /* F5 */
  for (size_t i = 1; P == 3 && order == PL_ORDER_MERGED && i < f->n; i++) {
    const pl_fx *a = U + 3 * (i - 1), *b = U + 3 * i;
    const int before = a[0] != b[0] ? a[0] > b[0] : a[1] != b[1] ? a[1] > b[1] : a[2] != b[2] ? a[2] > b[2] : f->idx[i - 1] < f->idx[i];
    pl_assert(before); /* F6 */
  }
  for (size_t i = 1; order == PL_ORDER_INDEX && i < f->n; i++) pl_assert(f->idx[i - 1] < f->idx[i]); /* F7 */
}

void pl_frontier_init(pl_frontier *f, uint32_t P) {
  memset(f, 0, sizeof *f);
  f->P = P;
}

void pl_frontier_free(pl_frontier *f) {
  free(f->idx);
  free(f->count);
  free(f->u);
  free(f->grid);
  memset(f, 0, sizeof *f);
}

/* Room for at least `need` points. */
static int reserve(pl_frontier *f, size_t need) {
  if (need <= f->cap) return 0;
  size_t cap = f->cap ? f->cap * 2 : 64;
  if (cap < need) cap = need;
  if (pl_resize(&f->idx, cap) || pl_resize(&f->count, cap) || pl_resize(&f->u, cap * f->P)) return PARLEY_ERR_NOMEM;
  f->cap = cap;
  return 0;
}

static int grow(pl_frontier *f) { return reserve(f, f->n + 1); }


/* Rebuilds the two-party table from the current points (at least two). */
static void grid_build(pl_frontier *f) {
  if (!f->grid && !(f->grid = malloc(PL_GRID * sizeof *f->grid))) return; /* no table: search */
  const pl_fx *U = f->u;
  const pl_fx lo = U[0], span = U[2 * (f->n - 1)] - lo;
  unsigned shift = 0;
  while (shift < 62 && (span >> shift) >= PL_GRID) shift++;
  size_t k = 0;
  for (size_t j = 0; j < PL_GRID; j++) {
    /* the first point with u0 at or above the bucket's upper edge has the largest u1 there */
    const pl_fx edge = lo + ((pl_fx)(j + 1) << shift);
    while (k < f->n && U[2 * k] < edge) k++;
    f->grid[j] = k < f->n ? U[2 * k + 1] : INT64_MIN;
  }
  f->grid_lo = lo, f->grid_first1 = U[1], f->grid_shift = shift;
  f->grid_built = 1, f->grid_stale = 0, f->since_built = 0;
}

/* A point equal to one on the frontier: counted there, its index kept if lower. */
static void count_in(pl_frontier *f, size_t k, uint64_t idx, uint64_t count) {
  f->count[k] = pl_count_add(f->count[k], count);
  if (idx < f->idx[k]) f->idx[k] = idx;
}

/* Two parties: points sorted by u0 ascending, so u1 is non-increasing along the array. */
static int offer2(pl_frontier *f, uint64_t idx, const pl_fx *u, uint64_t count) {
  const pl_fx a = u[0], b = u[1];
  if (f->grid_stale && ++f->since_built >= 64 && f->n >= 2) grid_build(f);
  pl_fx *U = f->u;
  /* most offers are dominated, often by the point that dominated the last one */
  if (f->hint < f->n) {
    const pl_fx h0 = U[2 * f->hint], h1 = U[2 * f->hint + 1];
    if (h0 >= a && h1 >= b && (h0 > a || h1 > b)) return 0;
  }
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
    if (q1 > b || (q1 == b && q0 > a)) { /* dominated */
      f->hint = k;
      return 0;
    }
    if (q1 == b && q0 == a) {
      if (!f->ties) {
        count_in(f, k, idx, count);
        return 0;
      }
      /* a duplicate kept as a point of its own: after the run of equal points */
      while (k < f->n && U[2 * k] == a && U[2 * k + 1] == b) k++;
      if (grow(f)) return PARLEY_ERR_NOMEM;
      f->grid_stale = 1;
      U = f->u;
      memmove(U + 2 * (k + 1), U + 2 * k, (f->n - k) * 2 * sizeof *U);
      memmove(f->idx + k + 1, f->idx + k, (f->n - k) * sizeof *f->idx);
      memmove(f->count + k + 1, f->count + k, (f->n - k) * sizeof *f->count);
      U[2 * k] = a;
      U[2 * k + 1] = b;
      f->idx[k] = idx;
      f->count[k] = count;
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
  f->grid_stale = 1;
  if (s == e) {
    if (grow(f)) return PARLEY_ERR_NOMEM;
    U = f->u;
    memmove(U + 2 * (s + 1), U + 2 * s, (f->n - s) * 2 * sizeof *U);
    memmove(f->idx + s + 1, f->idx + s, (f->n - s) * sizeof *f->idx);
    memmove(f->count + s + 1, f->count + s, (f->n - s) * sizeof *f->count);
    f->n++;
  } else if (e - s > 1) {
    memmove(U + 2 * (s + 1), U + 2 * e, (f->n - e) * 2 * sizeof *U);
    memmove(f->idx + s + 1, f->idx + e, (f->n - e) * sizeof *f->idx);
    memmove(f->count + s + 1, f->count + e, (f->n - e) * sizeof *f->count);
    f->n -= e - s - 1;
  }
  U[2 * s] = a;
  U[2 * s + 1] = b;
  f->idx[s] = idx;
  f->count[s] = count;
  return 0;
}

static int offerN(pl_frontier *f, uint64_t idx, const pl_fx *u, uint64_t count) {
  const uint32_t P = f->P;
  if (f->hint < f->n && pl_dominates(f->u + f->hint * P, u, P)) return 0;
  for (size_t i = 0; i < f->n; i++) {
    const pl_fx *w = f->u + i * P;
    if (pl_dominates(w, u, P)) {
      f->hint = i;
      return 0;
    }
    if (!f->ties && !memcmp(w, u, P * sizeof *u)) {
      count_in(f, i, idx, count);
      return 0;
    }
  }
  size_t w = 0;
  for (size_t i = 0; i < f->n; i++) {
    if (pl_dominates(u, f->u + i * P, P)) continue;
    if (w != i) {
      memcpy(f->u + w * P, f->u + i * P, P * sizeof *f->u);
      f->idx[w] = f->idx[i];
      f->count[w] = f->count[i];
    }
    w++;
  }
  f->n = w;
  if (grow(f)) return PARLEY_ERR_NOMEM;
  memcpy(f->u + f->n * P, u, P * sizeof *u);
  f->idx[f->n] = idx;
  f->count[f->n] = count;
  f->n++;
  return 0;
}

int pl_frontier_offer_search(pl_frontier *f, uint64_t idx, const pl_fx *u, uint64_t count) {
  if (f->P == 1) {
    /* one party: the frontier is the outcomes of maximal utility */
    if (f->n && f->u[0] > u[0]) return 0;
    if (f->n && f->u[0] < u[0]) f->n = 0;
    if (f->n && !f->ties) {
      count_in(f, 0, idx, count);
      return 0;
    }
    if (grow(f)) return PARLEY_ERR_NOMEM;
    f->u[f->n] = u[0];
    f->count[f->n] = count;
    f->idx[f->n++] = idx;
    return 0;
  }
  return f->P == 2 ? offer2(f, idx, u, count) : offerN(f, idx, u, count);
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
  uint64_t *count = malloc(f->n * sizeof *count);
  if (!k || !u || !count) {
    free(k), free(u), free(count);
    return PARLEY_ERR_NOMEM;
  }
  for (size_t i = 0; i < f->n; i++) k[i] = (keyed){f->idx[i], i};
  qsort(k, f->n, sizeof *k, by_idx);
  for (size_t i = 0; i < f->n; i++) {
    f->idx[i] = k[i].idx;
    count[i] = f->count[k[i].pos];
    memcpy(u + i * P, f->u + k[i].pos * P, P * sizeof *u);
  }
  free(f->u), free(f->count);
  f->u = u;
  f->count = count;
  f->cap = f->n;
  free(k);
  pl_frontier_check(f, PL_ORDER_INDEX);
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
  uint64_t idx, count;
  pl_i128 sum;
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

/* 1 when a comes strictly before b: larger (u0, u1, u2) lexicographically, then smaller idx. */
static inline int pt3_before(const pl_pt3 *a, const pl_pt3 *b) {
  if (a->u[0] != b->u[0]) return a->u[0] > b->u[0];
  if (a->u[1] != b->u[1]) return a->u[1] > b->u[1];
  if (a->u[2] != b->u[2]) return a->u[2] > b->u[2];
  return a->idx < b->idx;
}

/* A natural merge sort: ascending runs already in the input (a frontier kept in this order,
 * the frontiers of several chunks) are found and merged, short ones first extended to
 * PL_RUN points by insertion. tmp has room for m points; runs for m / PL_RUN + 2 bounds. */
#define PL_RUN 32
static void sort3(pl_pt3 *a, pl_pt3 *tmp, size_t *runs, size_t m) {
  size_t nr = 0;
  for (size_t i = 0; i < m;) {
    size_t j = i + 1;
    while (j < m && !pt3_before(&a[j], &a[j - 1])) j++;
    if (j - i < PL_RUN) {
      const size_t end = i + PL_RUN < m ? i + PL_RUN : m;
      for (; j < end; j++) {
        const pl_pt3 x = a[j];
        size_t k = j;
        while (k > i && pt3_before(&x, &a[k - 1])) a[k] = a[k - 1], k--;
        a[k] = x;
      }
    }
    runs[nr++] = i;
    i = j;
  }
  runs[nr] = m;
  pl_pt3 *src = a, *dst = tmp;
  while (nr > 1) {
    size_t w = 0;
    for (size_t r = 0; r < nr; r += 2) {
      const size_t lo = runs[r], mid = runs[r + 1], hi = r + 2 <= nr ? runs[r + 2] : mid;
      size_t x = lo, y = mid, o = lo;
      while (x < mid && y < hi) dst[o++] = pt3_before(&src[y], &src[x]) ? src[y++] : src[x++];
      while (x < mid) dst[o++] = src[x++];
      while (y < hi) dst[o++] = src[y++];
      runs[w++] = lo;
    }
    runs[w] = m;
    nr = w;
    pl_pt3 *t = src;
    src = dst, dst = t;
  }
  if (src != a && m) memcpy(a, src, m * sizeof *a);
}

/* Sorts 64-bit keys ascending, bytewise from the lowest (tmp has room for m). */
static void radix_u64(uint64_t *k, uint64_t *tmp, size_t m) {
  size_t cnt[256];
  for (unsigned sh = 0; sh < 64; sh += 8) {
    memset(cnt, 0, sizeof cnt);
    for (size_t i = 0; i < m; i++) cnt[k[i] >> sh & 255]++;
    if (m && cnt[k[0] >> sh & 255] == m) continue; /* every key has this byte */
    size_t pos = 0;
    for (unsigned b = 0; b < 256; b++) {
      const size_t c = cnt[b];
      cnt[b] = pos;
      pos += c;
    }
    for (size_t i = 0; i < m; i++) tmp[cnt[k[i] >> sh & 255]++] = k[i];
    memcpy(k, tmp, m * sizeof *k);
  }
}

static inline uint64_t fx_key(pl_fx v) { return (uint64_t)v ^ ((uint64_t)1 << 63); }

/* The 1-based rank of u1 value v among the D distinct keys (sorted, largest value first). */
static size_t rank_of(const uint64_t *keys, size_t D, pl_fx v) {
  const uint64_t key = ~fx_key(v);
  size_t lo = 0, hi = D;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

int pl_nondominated3(pl_pt3 *pts, size_t m, int distinct, size_t *kept) {
  *kept = 0;
  if (m == 0) return 0;
  pl_pt3 *tmp = malloc(m * sizeof *tmp);
  size_t *runs = malloc((m / PL_RUN + 2) * sizeof *runs);
  uint64_t *keys = malloc(m * sizeof *keys), *ktmp = malloc(m * sizeof *ktmp);
  pl_fx *fen = NULL;
  int rc = tmp && runs && keys && ktmp ? 0 : PARLEY_ERR_NOMEM;
  if (rc == 0) {
    sort3(pts, tmp, runs, m);
    /* ranks of u1, largest first: rank(v) = the number of distinct values above v */
    for (size_t i = 0; i < m; i++) keys[i] = ~fx_key(pts[i].u[1]);
    radix_u64(keys, ktmp, m);
    size_t D = 0;
    for (size_t i = 0; i < m; i++)
      if (D == 0 || keys[i] != keys[D - 1]) keys[D++] = keys[i];
    /* a Fenwick tree over the ranks: the largest u2 among the kept points of earlier groups
     * (larger u0) whose rank is at most r, i.e. whose u1 is at least that value */
    fen = malloc((D + 1) * sizeof *fen);
    if (!fen) rc = PARLEY_ERR_NOMEM;
    for (size_t r = 0; fen && r <= D; r++) fen[r] = INT64_MIN;
    unsigned char *keep = (unsigned char *)tmp; /* tmp is free again: m flags fit */
    for (size_t g = 0; rc == 0 && g < m;) {
      size_t e = g;
      while (e < m && pts[e].u[0] == pts[g].u[0]) e++;
      pl_fx best_prev = INT64_MIN; /* largest u2 among this group's points of larger u1 */
      for (size_t s = g; s < e;) {
        size_t t = s;
        while (t < e && pts[t].u[1] == pts[s].u[1]) t++;
        const pl_fx sub_max = pts[s].u[2]; /* the first of an equal-u1 run has the largest u2 */
        pl_fx above = INT64_MIN;
        for (size_t r = rank_of(keys, D, pts[s].u[1]); r > 0; r &= r - 1)
          if (fen[r] > above) above = fen[r];
        size_t rep = s; /* the first of a run of equal vectors */
        for (size_t i = s; i < t; i++) {
          const pl_fx v = pts[i].u[2];
          int dominated = best_prev >= v || sub_max > v || above >= v;
          if (i > s && v == pts[i - 1].u[2]) {
            if (!dominated && distinct) { /* a repeat: counted in the first */
              pts[rep].count = pl_count_add(pts[rep].count, pts[i].count);
              dominated = 1;
            }
          } else {
            rep = i;
          }
          keep[i] = (unsigned char)!dominated;
        }
        if (sub_max > best_prev) best_prev = sub_max;
        s = t;
      }
      for (size_t i = g; i < e; i++) {
        if (!keep[i]) continue;
        for (size_t r = rank_of(keys, D, pts[i].u[1]); r <= D; r += r & -r)
          if (fen[r] < pts[i].u[2]) fen[r] = pts[i].u[2];
      }
      g = e;
    }
    if (rc == 0) {
      size_t w = 0;
      for (size_t i = 0; i < m; i++)
        if (keep[i]) pts[w++] = pts[i];
      *kept = w;
    }
  }
  free(tmp), free(runs), free(keys), free(ktmp), free(fen);
  return rc;
}

/* Any number of parties, records sorted by decreasing sum (pl_nondominated_sorted); without
 * ties a point equal to a kept one adds its count there. */
static int nd_sum(rec *r, size_t m, unsigned char *keep, uint32_t P, int ties) {
  const pl_fx **pts = malloc((m ? m : 1) * sizeof *pts);
  size_t *same = malloc((m ? m : 1) * sizeof *same);
  int rc = pts && same ? 0 : PARLEY_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < m; i++) pts[i] = r[i].u;
  if (rc == 0) rc = pl_nondominated_sorted(pts, m, P, ties, keep, same);
  for (size_t i = 0; rc == 0 && i < m; i++)
    if (same[i] != i) r[same[i]].count = pl_count_add(r[same[i]].count, r[i].count);
  free(pts), free(same);
  return rc;
}

/* Three parties: the frontier is kept in pl_nondominated3's order, so its points form one run
 * that the sort finds and merges with the new ones. */
static int merge3(pl_frontier *f, const uint64_t *idx, const pl_fx *u, const uint64_t *count, size_t n) {
  const size_t m = f->n + n;
  pl_pt3 *pts = malloc(m * sizeof *pts);
  if (!pts) return PARLEY_ERR_NOMEM;
  for (size_t i = 0; i < f->n; i++) pts[i] = (pl_pt3){{f->u[3 * i], f->u[3 * i + 1], f->u[3 * i + 2]}, f->idx[i], f->count[i]};
  for (size_t i = 0; i < n; i++)
    pts[f->n + i] = (pl_pt3){{u[3 * i], u[3 * i + 1], u[3 * i + 2]}, idx[i], count ? count[i] : 1};
  size_t kept = 0;
  int rc = pl_nondominated3(pts, m, !f->ties, &kept);
  if (rc == 0) rc = reserve(f, kept);
  if (rc == 0) {
    for (size_t i = 0; i < kept; i++) {
      memcpy(f->u + 3 * i, pts[i].u, 3 * sizeof *f->u);
      f->idx[i] = pts[i].idx;
      f->count[i] = pts[i].count;
    }
    f->n = kept;
    pl_frontier_check(f, PL_ORDER_MERGED);
  }
  free(pts);
  return rc;
}

int pl_frontier_merge(pl_frontier *f, const uint64_t *idx, const pl_fx *u, const uint64_t *count, size_t n) {
  const uint32_t P = f->P;
  const size_t m = f->n + n;
  if (n == 0) return 0;
  if (P == 3) return merge3(f, idx, u, count, n);
  pl_fx *all = malloc(m * P * sizeof *all);
  rec *r = malloc(m * sizeof *r);
  unsigned char *keep = malloc(m);
  int rc = all && r && keep ? 0 : PARLEY_ERR_NOMEM;
  if (rc == 0) {
    if (f->n) memcpy(all, f->u, f->n * P * sizeof *all);
    memcpy(all + f->n * P, u, n * P * sizeof *all);
    for (size_t i = 0; i < m; i++) {
      pl_i128 sum = 0;
      for (uint32_t p = 0; p < P; p++) sum += all[i * P + p];
      const int old = i < f->n;
      r[i] = (rec){all + i * P, old ? f->idx[i] : idx[i - f->n], old ? f->count[i] : count ? count[i - f->n] : 1, sum, P};
    }
    qsort(r, m, sizeof *r, rec_sum_desc);
    rc = nd_sum(r, m, keep, P, f->ties);
  }
  if (rc == 0) {
    f->n = 0;
    for (size_t i = 0; i < m && rc == 0; i++) {
      if (!keep[i]) continue;
      if ((rc = grow(f)) != 0) break;
      memcpy(f->u + f->n * P, r[i].u, P * sizeof *f->u);
      f->count[f->n] = r[i].count;
      f->idx[f->n++] = r[i].idx;
    }
  }
  free(all);
  free(r);
  free(keep);
  if (rc == 0) pl_frontier_check(f, PL_ORDER_MERGED);
  return rc;
}
