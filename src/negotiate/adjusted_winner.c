/* adjusted_winner.c — Brams and Taylor's Adjusted Winner in exact fractions; see
 * parley/mediate.h for the procedure.
 *
 * Invariants, asserted in debug builds (aw_check):
 *   W1. Every share is in [0, 1]; at most one item (split) has a share strictly between.
 *   W2. A's points = sum of share_i a_i, B's = sum of (1 - share_i) b_i, both exact, and they
 *       are equal (equitability).
 *   W3. Every item A holds at all has a ratio a_i / b_i at least that of every item B holds at
 *       all (the threshold that makes the division efficient). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parley/mediate.h"
#include "util/check.h"
#include "util/error.h"
#include "util/rational.h"

struct parley_adjusted_winner {
  size_t n;
  pl_q *a, *b;   /* points scaled to 100 a side */
  pl_q *share;   /* A's share of each item */
  size_t split;  /* PARLEY_NONE or the split item */
  pl_q points[2];
};

/* x_i / y_i < x_j / y_j, with y >= 0 (a ratio over 0 is above every finite one). */
static int ratio_less(pl_q xi, pl_q yi, pl_q xj, pl_q yj) {
  const int inf_i = yi.num == 0, inf_j = yj.num == 0;
  if (inf_i || inf_j) return !inf_i && inf_j;
  return pl_q_cmp(pl_q_mul(xi, yj), pl_q_mul(xj, yi)) < 0;
}

static void aw_check(const parley_adjusted_winner *aw) {
#ifndef NDEBUG
  size_t between = 0;
  pl_q pa = pl_q_int(0), pb = pl_q_int(0);
  for (size_t i = 0; i < aw->n; i++) {
    const pl_q s = aw->share[i];
    pl_assert(pl_q_cmp(s, pl_q_int(0)) >= 0 && pl_q_cmp(s, pl_q_int(1)) <= 0); /* W1 */
    between += pl_q_cmp(s, pl_q_int(0)) > 0 && pl_q_cmp(s, pl_q_int(1)) < 0;
    pa = pl_q_add(pa, pl_q_mul(s, aw->a[i]));
    pb = pl_q_add(pb, pl_q_mul(pl_q_sub(pl_q_int(1), s), aw->b[i]));
  }
  pl_assert(between <= 1);
  pl_assert(pl_q_cmp(pa, aw->points[0]) == 0 && pl_q_cmp(pb, aw->points[1]) == 0); /* W2 */
  pl_assert(pl_q_cmp(pa, pb) == 0);
  for (size_t i = 0; i < aw->n; i++) /* W3 */
    for (size_t j = 0; j < aw->n; j++)
      if (aw->share[i].num > 0 && pl_q_cmp(aw->share[j], pl_q_int(1)) < 0)
        pl_assert(!ratio_less(aw->a[i], aw->b[i], aw->a[j], aw->b[j]));
#else
  (void)aw;
#endif
}

void parley_adjusted_winner_free(parley_adjusted_winner *aw) {
  if (!aw) return;
  free(aw->a), free(aw->b), free(aw->share);
  free(aw);
}

/* Reads one side's points as fractions scaled to a total of 100. */
static int read_side(const double *p, size_t n, pl_q *out, const char *side, parley_error *err) {
  pl_q total = pl_q_int(0);
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(p[i]) || p[i] < 0)
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "party %s's points for item %zu must be a number >= 0, not %g",
                     side, i + 1, p[i]);
    out[i] = pl_q_from_double(p[i]);
    total = pl_q_add(total, out[i]);
    if (!pl_q_exact(total)) return pl_fail(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "party %s's points are too fine to add up exactly", side);
  }
  if (total.num == 0) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "party %s gives no item any points", side);
  const pl_q scale = pl_q_div(pl_q_int(100), total);
  for (size_t i = 0; i < n; i++) {
    out[i] = pl_q_mul(out[i], scale);
    if (!pl_q_exact(out[i])) return pl_fail(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "party %s's points are too fine to scale exactly", side);
  }
  return 0;
}

/* The party ahead (x: its points, its share of each item is s or 1 - s) hands items over to the
 * other (y) in increasing order of x_i / y_i until the totals meet. Returns 0 or
 * PARLEY_ERR_LIMIT / _NOMEM. */
static int hand_over(parley_adjusted_winner *aw, int ahead) {
  const size_t n = aw->n;
  const pl_q *x = ahead == 0 ? aw->a : aw->b, *y = ahead == 0 ? aw->b : aw->a;
  size_t *order = malloc(n * sizeof *order), m = 0;
  if (!order) return PARLEY_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    const int held = ahead == 0 ? aw->share[i].num == 1 : aw->share[i].num == 0;
    if (held && (x[i].num > 0 || y[i].num > 0)) order[m++] = i;
  }
  for (size_t i = 1; i < m; i++) /* insertion sort: stable, so equal ratios stay in item order */
    for (size_t j = i; j > 0 && ratio_less(x[order[j]], y[order[j]], x[order[j - 1]], y[order[j - 1]]); j--) {
      const size_t t = order[j];
      order[j] = order[j - 1], order[j - 1] = t;
    }
  pl_q *tx = &aw->points[ahead], *ty = &aw->points[1 - ahead];
  int rc = 0;
  for (size_t k = 0; k < m && pl_q_cmp(*tx, *ty) > 0; k++) {
    const size_t i = order[k];
    const pl_q after_x = pl_q_sub(*tx, x[i]), after_y = pl_q_add(*ty, y[i]);
    if (!pl_q_exact(after_x) || !pl_q_exact(after_y)) {
      rc = PARLEY_ERR_LIMIT;
      break;
    }
    if (pl_q_cmp(after_x, after_y) >= 0) { /* the whole item, and still not behind */
      aw->share[i] = pl_q_int(ahead == 0 ? 0 : 1);
      *tx = after_x, *ty = after_y;
      continue;
    }
    /* the part p that makes the totals meet: tx - p x_i = ty + p y_i */
    const pl_q p = pl_q_div(pl_q_sub(*tx, *ty), pl_q_add(x[i], y[i]));
    const pl_q keep = pl_q_sub(pl_q_int(1), p);
    *tx = pl_q_sub(*tx, pl_q_mul(p, x[i]));
    *ty = pl_q_add(*ty, pl_q_mul(p, y[i]));
    aw->share[i] = ahead == 0 ? keep : p;
    aw->split = i;
    if (!pl_q_exact(p) || !pl_q_exact(*tx) || !pl_q_exact(*ty)) rc = PARLEY_ERR_LIMIT;
    break;
  }
  free(order);
  return rc;
}

int parley_adjusted_winner_run(const double *points_a, const double *points_b, size_t n,
                               parley_adjusted_winner **out, parley_error *err) {
  if (!out || !points_a || !points_b || n == 0 || n > PARLEY_AW_MAX_ITEMS)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "Adjusted Winner divides 1 to %d items", PARLEY_AW_MAX_ITEMS);
  *out = NULL;
  parley_adjusted_winner *aw = calloc(1, sizeof *aw);
  if (aw) {
    aw->n = n;
    aw->a = malloc(n * sizeof *aw->a), aw->b = malloc(n * sizeof *aw->b), aw->share = malloc(n * sizeof *aw->share);
  }
  if (!aw || !aw->a || !aw->b || !aw->share) {
    parley_adjusted_winner_free(aw);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  int rc = read_side(points_a, n, aw->a, "A", err);
  if (rc == 0) rc = read_side(points_b, n, aw->b, "B", err);
  if (rc) {
    parley_adjusted_winner_free(aw);
    return rc;
  }
  /* each item to the side that gives it more points, a tie to A */
  aw->split = PARLEY_NONE;
  aw->points[0] = aw->points[1] = pl_q_int(0);
  for (size_t i = 0; i < n; i++) {
    const int to_a = pl_q_cmp(aw->a[i], aw->b[i]) >= 0;
    aw->share[i] = pl_q_int(to_a);
    if (to_a) aw->points[0] = pl_q_add(aw->points[0], aw->a[i]);
    else aw->points[1] = pl_q_add(aw->points[1], aw->b[i]);
  }
  const int c = pl_q_cmp(aw->points[0], aw->points[1]);
  if (c != 0) rc = hand_over(aw, c > 0 ? 0 : 1);
  if (rc) {
    parley_adjusted_winner_free(aw);
    return rc == PARLEY_ERR_NOMEM ? pl_fail(err, rc, NULL, 0, 0, "out of memory")
                                  : pl_fail(err, rc, NULL, 0, 0, "the points are too fine for exact fractions");
  }
  aw_check(aw);
  *out = aw;
  return 0;
}

size_t parley_adjusted_winner_item_count(const parley_adjusted_winner *aw) { return aw ? aw->n : 0; }

static void put(pl_q q, int64_t *num, int64_t *den) {
  if (num) *num = q.num;
  if (den) *den = q.den;
}

void parley_adjusted_winner_share(const parley_adjusted_winner *aw, size_t item, int64_t *num, int64_t *den) {
  put(aw && item < aw->n ? aw->share[item] : PL_Q_NONE, num, den);
}

double parley_adjusted_winner_share_value(const parley_adjusted_winner *aw, size_t item) {
  return aw && item < aw->n ? pl_q_to_double(aw->share[item]) : NAN;
}

size_t parley_adjusted_winner_split(const parley_adjusted_winner *aw) { return aw ? aw->split : PARLEY_NONE; }

void parley_adjusted_winner_points(const parley_adjusted_winner *aw, int party, int64_t *num, int64_t *den) {
  put(aw && (party == 0 || party == 1) ? aw->points[party] : PL_Q_NONE, num, den);
}

double parley_adjusted_winner_points_value(const parley_adjusted_winner *aw, int party) {
  return aw && (party == 0 || party == 1) ? pl_q_to_double(aw->points[party]) : NAN;
}

void parley_adjusted_winner_item_points(const parley_adjusted_winner *aw, size_t item, int party, int64_t *num,
                                        int64_t *den) {
  put(aw && item < aw->n && (party == 0 || party == 1) ? (party == 0 ? aw->a : aw->b)[item] : PL_Q_NONE, num, den);
}
