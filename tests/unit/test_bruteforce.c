/* test_bruteforce.c — every analysis result against a naive implementation of the
 * definitions in docs/semantics.md, on many random small scenarios (2-5 parties, discrete and
 * numeric issues, piecewise-linear values, interactions, red lines, frameworks). The naive
 * side stores every outcome, finds the frontier by comparing all pairs and maximises each
 * solution over the whole feasible set. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/plan.h"
#include "analysis/solutions.h"
#include "support.h"

typedef struct brute {
  size_t n;          /* outcomes */
  uint32_t P, N;
  int exact;         /* the scenario's utilities are exact fractions */
  int64_t L;         /* u holds utilities in units of 1/L: a common denominator of the brute
                        force's own, or 2^40 when parley rounds each term */
  int64_t *u;        /* n x P */
  int64_t *res;      /* per party: its reservation, likewise */
  uint64_t *red;     /* per outcome: parties whose red lines it crosses */
  unsigned char *feasible;
} brute;

/* Fractions of 128-bit integers, the brute force's own (not parley's arithmetic). */
typedef struct frac {
  pl_i128 n, d;
} frac;

static pl_i128 gcd_i(pl_i128 a, pl_i128 b) {
  if (a < 0) a = -a;
  while (b) {
    const pl_i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static frac fr(pl_i128 n, pl_i128 d) {
  assert_true(d > 0);
  const pl_i128 g = gcd_i(n, d);
  return (frac){n / g, d / g};
}

static frac fr_add(frac a, frac b) { return fr(a.n * b.d + b.n * a.d, a.d * b.d); }
static frac fr_mul(frac a, frac b) { return fr(a.n * b.n, a.d * b.d); }
static frac fr_of(pl_q q) {
  assert_true(q.den > 0); /* an exact scenario holds every number as a fraction */
  return fr(q.num, q.den);
}

/* Utility straight from the model: weight x value per issue, plus interaction bonuses; as an
 * exact fraction, or with each term rounded to 2^-40 (into *rounded) when not exact. */
static void brute_eval(const parley_scenario *sc, int exact, const uint32_t *pkg, frac *u, int64_t *rounded,
                       uint64_t *red) {
  *red = 0;
  for (uint32_t p = 0; p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    frac s = {0, 1};
    int64_t r = 0;
    for (uint32_t i = 0; i < sc->n_issues; i++) {
      if (!pa->value[i]) continue;
      if (exact) s = fr_add(s, fr_mul(fr_of(pa->weight_q[i]), fr_of(pa->value_q[i][pkg[i]])));
      else r += llround(pa->weight[i] * pa->value[i][pkg[i]] * 0x1p40);
    }
    for (uint32_t k = 0; k < pa->n_interactions; k++) {
      int holds = 1;
      for (uint32_t c = 0; c < pa->interactions[k].n_conds; c++) {
        const pl_cond *cd = &pa->interactions[k].conds[c];
        if (!cd->allowed[pkg[cd->issue]]) holds = 0;
      }
      if (!holds) continue;
      if (exact) s = fr_add(s, fr_of(pa->interactions[k].bonus_q));
      else r += llround(pa->interactions[k].bonus * 0x1p40);
    }
    for (uint32_t k = 0; k < pa->n_red_lines; k++) {
      int holds = 1;
      for (uint32_t c = 0; c < pa->red_lines[k].n_conds; c++) {
        const pl_cond *cd = &pa->red_lines[k].conds[c];
        if (!cd->allowed[pkg[cd->issue]]) holds = 0;
      }
      if (holds) *red |= (uint64_t)1 << p;
    }
    u[p] = s;
    rounded[p] = r;
  }
}

/* The outcome x's package: issue 0 most significant, decoded by hand. */
static void brute_decode(const parley_scenario *sc, size_t x, uint32_t *pkg) {
  for (uint32_t i = sc->n_issues; i-- > 0;) {
    pkg[i] = (uint32_t)(x % sc->radix[i]);
    x /= sc->radix[i];
  }
}

/* A utility of the brute force as a double: rounded once (L and u are below 2^53 here). */
static double bval(const brute *b, int64_t u) { return (double)u / (double)b->L; }

static void brute_build(const parley_scenario *sc, brute *b) {
  b->P = sc->n_parties;
  b->N = sc->n_issues;
  b->n = (size_t)parley_outcome_count(sc);
  b->exact = sc->compiled.exact;
  b->u = calloc(b->n * b->P, sizeof *b->u);
  b->res = calloc(b->P, sizeof *b->res);
  b->red = calloc(b->n, sizeof *b->red);
  b->feasible = calloc(b->n, 1);
  frac *fu = calloc(b->n * b->P, sizeof *fu), fres[8];
  int64_t rounded[8];
  uint32_t pkg[16];
  /* a normalised party's weights add up to 1 exactly */
  for (uint32_t p = 0; b->exact && p < b->P; p++) {
    frac sum = {0, 1};
    for (uint32_t i = 0; i < b->N; i++) sum = fr_add(sum, fr_of(sc->parties[p].weight_q[i]));
    assert_true(sum.n == sum.d);
  }
  for (size_t x = 0; x < b->n; x++) {
    brute_decode(sc, x, pkg);
    brute_eval(sc, b->exact, pkg, fu + x * b->P, rounded, &b->red[x]);
    for (uint32_t p = 0; !b->exact && p < b->P; p++) b->u[x * b->P + p] = rounded[p];
  }
  if (b->exact) { /* one common denominator over every utility and reservation */
    pl_i128 L = 1;
    for (uint32_t p = 0; p < b->P; p++) {
      fres[p] = fr_of(sc->parties[p].reservation_q);
      L = L / gcd_i(L, fres[p].d) * fres[p].d;
    }
    for (size_t k = 0; k < b->n * b->P; k++) L = L / gcd_i(L, fu[k].d) * fu[k].d;
    assert_true(L < ((pl_i128)1 << 53));
    b->L = (int64_t)L;
    for (size_t k = 0; k < b->n * b->P; k++) b->u[k] = (int64_t)(fu[k].n * (L / fu[k].d));
    for (uint32_t p = 0; p < b->P; p++) b->res[p] = (int64_t)(fres[p].n * (L / fres[p].d));
  } else {
    b->L = (int64_t)1 << 40;
    for (uint32_t p = 0; p < b->P; p++) b->res[p] = llround(sc->parties[p].reservation * 0x1p40);
  }
  free(fu);
  for (size_t x = 0; x < b->n; x++) {
    int ok = 1;
    for (uint32_t p = 0; p < b->P; p++)
      if ((b->red[x] >> p & 1) || b->u[x * b->P + p] < b->res[p]) ok = 0;
    b->feasible[x] = (unsigned char)ok;
  }
}

static void brute_free(brute *b) {
  free(b->u);
  free(b->res);
  free(b->red);
  free(b->feasible);
}

static int dominates(const int64_t *a, const int64_t *b, uint32_t P) {
  int strict = 0;
  for (uint32_t p = 0; p < P; p++) {
    if (a[p] < b[p]) return 0;
    if (a[p] > b[p]) strict = 1;
  }
  return strict;
}

/* The Nash product of the gains u - r (each >= 0) in 64-bit limbs, the brute force's own. */
static int nash_big(const int64_t *u, const int64_t *r, uint32_t P, uint64_t *limb) {
  int n = 1;
  limb[0] = 1;
  for (uint32_t p = 0; p < P; p++) {
    assert_true(u[p] >= r[p]);
    pl_u128 carry = 0;
    for (int k = 0; k < n; k++) {
      const pl_u128 t = (pl_u128)limb[k] * (uint64_t)(u[p] - r[p]) + carry;
      limb[k] = (uint64_t)t;
      carry = t >> 64;
    }
    if (carry) limb[n++] = (uint64_t)carry;
  }
  while (n > 1 && limb[n - 1] == 0) n--;
  return n;
}

/* -1, 0, 1 as solution s's objective at a is worse than, equal to, better than at b (exact). */
static int solution_cmp(int s, const int64_t *a, const int64_t *b, const int64_t *r, const int64_t *ideal, uint32_t P) {
  switch (s) {
    case PARLEY_NASH: {
      uint64_t x[8], y[8];
      const int nx = nash_big(a, r, P, x), ny = nash_big(b, r, P, y);
      if (nx != ny) return nx < ny ? -1 : 1;
      for (int k = nx; k-- > 0;)
        if (x[k] != y[k]) return x[k] < y[k] ? -1 : 1;
      return 0;
    }
    case PARLEY_KALAI_SMORODINSKY: { /* min_p (u_p - r_p) / (ideal_p - r_p), 1 with no room */
      pl_i128 an = 1, ad = 1, bn = 1, bd = 1;
      for (uint32_t p = 0; p < P; p++) {
        if (ideal[p] <= r[p]) continue;
        const pl_i128 d = ideal[p] - r[p];
        if ((pl_i128)(a[p] - r[p]) * ad < an * d) an = a[p] - r[p], ad = d;
        if ((pl_i128)(b[p] - r[p]) * bd < bn * d) bn = b[p] - r[p], bd = d;
      }
      const pl_i128 l = an * bd, rr = bn * ad;
      return (l > rr) - (l < rr);
    }
    case PARLEY_EGALITARIAN: {
      int64_t ma = a[0] - r[0], mb = b[0] - r[0];
      for (uint32_t p = 1; p < P; p++) {
        if (a[p] - r[p] < ma) ma = a[p] - r[p];
        if (b[p] - r[p] < mb) mb = b[p] - r[p];
      }
      return (ma > mb) - (ma < mb);
    }
    case PARLEY_UTILITARIAN: {
      pl_i128 sa = 0, sb = 0;
      for (uint32_t p = 0; p < P; p++) sa += a[p], sb += b[p];
      return (sa > sb) - (sa < sb);
    }
    default: { /* the smaller spread max_p U_p - min_p U_p is the better */
      int64_t la = a[0], ha = a[0], lb = b[0], hb = b[0];
      for (uint32_t p = 1; p < P; p++) {
        if (a[p] < la) la = a[p];
        if (a[p] > ha) ha = a[p];
        if (b[p] < lb) lb = b[p];
        if (b[p] > hb) hb = b[p];
      }
      return (ha - la < hb - lb) - (ha - la > hb - lb);
    }
  }
}

/* What the random scenarios covered, so the test cannot pass on trivial cases only. */
typedef struct coverage {
  int scenarios, feasible, infeasible, big_frontier, frameworks, dominated_frameworks, rules,
      ties, exact, additive;
} coverage;
static coverage cov;

static void check_method(const parley_scenario *sc, const char *yaml, parley_method method) {
  brute b;
  brute_build(sc, &b);
  parley_analysis *an = NULL;
  parley_error err = {0};
  /* small batches, so that three or more parties go through many frontier merges; one to
   * three threads, so that the chunks' tallies and frontiers are merged too; and inner blocks
   * of one issue up to the whole space, so that rules fall inside, outside and across them */
  static size_t round;
  static const size_t inner_max[] = {1, 4, 12, 40, 0};
  size_t batch = 1 + round % 7, threads = 1 + round % 3, inner = inner_max[round % 5];
  round++;
  const pl_enum_tuning tune = {batch, threads, inner};
  const parley_analysis_options mo = {.method = method};
  assert_int_equal(pl_analyze_tuned(sc, &mo, &tune, &an, &err), 0);
  if (method == PARLEY_METHOD_AUTO) cov.additive += parley_analysis_method(an) == PARLEY_METHOD_ADDITIVE;
  const uint32_t P = b.P;
  const int64_t *res = b.res;

  /* outcome and feasible counts */
  assert_int_equal(parley_analysis_outcome_count(an), b.n);
  size_t nf = 0;
  for (size_t x = 0; x < b.n; x++) nf += b.feasible[x];
  if (parley_analysis_feasible_count(an) != nf) print_error("%s\n", yaml);
  assert_int_equal(parley_analysis_feasible_count(an), nf);

  /* per-party range and ideal (lowest index among ties), over outcomes without own red line */
  for (uint32_t p = 0; p < P; p++) {
    long best = -1;
    int64_t mn = 0;
    for (size_t x = 0; x < b.n; x++) {
      if (b.red[x] >> p & 1) continue;
      int64_t v = b.u[x * P + p];
      if (best < 0 || v < mn) mn = v;
      if (best < 0 || v > b.u[(size_t)best * P + p]) best = (long)x;
    }
    double ideal, lowest;
    uint32_t pkg[16];
    int rc = parley_analysis_party_range(an, p, pkg, &ideal, &lowest);
    if (best < 0) {
      assert_int_equal(rc, PARLEY_ERR_INVALID);
      continue;
    }
    assert_int_equal(rc, 0);
    assert_true(ideal == bval(&b, b.u[(size_t)best * P + p]));
    assert_true(lowest == bval(&b, mn));
    uint64_t idx = 0;
    for (uint32_t i = 0; i < b.N; i++) idx = idx * sc->radix[i] + pkg[i];
    assert_int_equal(idx, (uint64_t)best);
  }

  /* the offer index of party 0: windows and the best offer for a random opponent model */
  {
    parley_offer_index *ix = NULL;
    assert_int_equal(parley_offer_index_build(sc, 0, 0, &ix, &err), 0);
    size_t own = 0;
    for (size_t x = 0; x < b.n; x++) own += !(b.red[x] & 1);
    assert_int_equal(parley_offer_index_count(ix), own);
    size_t all_first = 9;
    assert_int_equal(parley_offer_index_range(ix, -INFINITY, INFINITY, &all_first), own); /* open sides */
    assert_int_equal(all_first, 0);
    test_rng r = {b.n * 31 + P};
    double weight[16], *value[16], vals[16][8];
    for (uint32_t i = 0; i < b.N; i++) {
      weight[i] = test_rng_below(&r, 4);
      for (uint32_t o = 0; o < sc->radix[i] && o < 8; o++) vals[i][o] = test_rng_below(&r, 5) / 4.0;
      value[i] = vals[i];
    }
    parley_opponent_model model = {weight, (const double *const *)value};
    for (int q = 0; q < 4; q++) {
      double lo = test_rng_below(&r, 11) / 10.0 - 0.1, hi = lo + test_rng_below(&r, 8) / 10.0;
      size_t first, n = parley_offer_index_range(ix, lo, hi, &first), want = 0;
      long best = -1;
      double best_v = -1e300;
      uint32_t pkg[16];
      for (size_t x = 0; x < b.n; x++) {
        int64_t u0 = b.u[x * P];
        if ((b.red[x] & 1) || bval(&b, u0) < lo - 1e-9 || bval(&b, u0) > hi + 1e-9) continue;
        want++;
        size_t rest = x;
        for (uint32_t i = b.N; i-- > 0;) {
          pkg[i] = (uint32_t)(rest % sc->radix[i]);
          rest /= sc->radix[i];
        }
        double v = 0;
        for (uint32_t i = 0; i < b.N; i++) v += weight[i] * vals[i][pkg[i]];
        if (best < 0 || v > best_v || (v == best_v && u0 > b.u[(size_t)best * P])) {
          best = (long)x;
          best_v = v;
        }
      }
      assert_int_equal(n, want);
      uint32_t got[16];
      double own_u, opp_u;
      int rc = parley_offer_index_best(ix, lo, hi, &model, got, &own_u, &opp_u);
      if (want == 0) {
        assert_int_equal(rc, PARLEY_ERR_INVALID);
        continue;
      }
      assert_int_equal(rc, 0);
      uint64_t idx = 0;
      for (uint32_t i = 0; i < b.N; i++) idx = idx * sc->radix[i] + got[i];
      assert_int_equal(idx, (uint64_t)best);
      assert_true(own_u == bval(&b, b.u[(size_t)best * P]));
      /* every party of the scenario as the opponent: its full utility, its red lines */
      for (uint32_t pq = 0; pq < P; pq++) {
        long bq = -1;
        for (size_t x = 0; x < b.n; x++) {
          int64_t u0 = b.u[x * P];
          if ((b.red[x] & 1) || (b.red[x] >> pq & 1) || bval(&b, u0) < lo - 1e-9 || bval(&b, u0) > hi + 1e-9) continue;
          int64_t v = b.u[x * P + pq], w = bq < 0 ? 0 : b.u[(size_t)bq * P + pq];
          if (bq < 0 || v > w || (v == w && u0 > b.u[(size_t)bq * P])) bq = (long)x;
        }
        double ou, qu;
        rc = parley_offer_index_best_party(ix, lo, hi, pq, got, &ou, &qu);
        if (bq < 0) {
          assert_int_equal(rc, PARLEY_ERR_INVALID);
          continue;
        }
        assert_int_equal(rc, 0);
        idx = 0;
        for (uint32_t i = 0; i < b.N; i++) idx = idx * sc->radix[i] + got[i];
        assert_int_equal(idx, (uint64_t)bq);
        assert_true(ou == bval(&b, b.u[(size_t)bq * P]));
        assert_true(qu == bval(&b, b.u[(size_t)bq * P + pq]));
      }
    }
    /* the whole order: by utility, then by outcome index, packages decoded right */
    for (size_t k = 0, prev = 0; k < parley_offer_index_count(ix); k++) {
      uint32_t pk[16];
      double u;
      assert_int_equal(parley_offer_index_get(ix, k, pk, &u), 0);
      size_t x = 0;
      for (uint32_t i = 0; i < b.N; i++) x = x * sc->radix[i] + pk[i];
      assert_false(b.red[x] & 1);
      assert_true(u == bval(&b, b.u[x * P]));
      if (k) assert_true(b.u[prev * P] < b.u[x * P] || (b.u[prev * P] == b.u[x * P] && prev < x));
      prev = x;
    }
    parley_offer_index_free(ix);
  }

  /* mean utility and opposition over all outcomes */
  double total = 0, best_d2 = 1e300;
  for (uint32_t p = 0; p < P; p++) {
    double sum = 0;
    for (size_t x = 0; x < b.n; x++) sum += bval(&b, b.u[x * P + p]);
    assert_close(parley_analysis_mean_utility(an, p), sum / (double)b.n, 1e-9);
    total += sum / (double)b.n;
  }
  assert_close(parley_analysis_mean_utility(an, (size_t)-1), total / P, 1e-9);
  for (size_t x = 0; x < b.n; x++) {
    double d2 = 0;
    for (uint32_t p = 0; p < P; p++) d2 += (1 - bval(&b, b.u[x * P + p])) * (1 - bval(&b, b.u[x * P + p]));
    if (d2 < best_d2) best_d2 = d2;
  }
  assert_close(parley_analysis_opposition(an), sqrt(best_d2), 1e-9);

  /* frontier: feasible outcomes no feasible outcome dominates, in index order; then their
   * distinct vectors, each at its first package, with how many packages reach it */
  size_t nfront = 0, nvec = 0;
  size_t *front = calloc(b.n ? b.n : 1, sizeof *front), *vec = calloc(b.n ? b.n : 1, sizeof *vec);
  size_t *vec_of = calloc(b.n ? b.n : 1, sizeof *vec_of); /* per frontier package: its vector */
  uint64_t *vcount = calloc(b.n ? b.n : 1, sizeof *vcount);
  for (size_t x = 0; x < b.n; x++) {
    if (!b.feasible[x]) continue;
    int dom = 0;
    for (size_t y = 0; y < b.n && !dom; y++)
      if (b.feasible[y] && dominates(b.u + y * P, b.u + x * P, P)) dom = 1;
    if (dom) continue;
    size_t v = 0;
    while (v < nvec && memcmp(b.u + vec[v] * P, b.u + x * P, P * sizeof *b.u)) v++;
    if (v == nvec) vec[nvec++] = x;
    vcount[v]++;
    vec_of[nfront] = v;
    front[nfront++] = x;
  }
  if (parley_analysis_frontier_count(an) != nvec) print_error("%s\n", yaml);
  assert_int_equal(parley_analysis_frontier_count(an), nvec);
  assert_int_equal(parley_analysis_frontier_package_total(an), nfront);
  for (size_t i = 0; i < nvec; i++) {
    uint64_t idx;
    assert_int_equal(parley_analysis_frontier_get(an, i, NULL, &idx), 0);
    assert_int_equal(idx, vec[i]);
    assert_int_equal(parley_analysis_frontier_packages(an, i), vcount[i]);
    for (uint32_t p = 0; p < P; p++)
      assert_true(parley_analysis_frontier_utility(an, i, p) == bval(&b, b.u[vec[i] * P + p]));
  }
  /* every tied package, when asked for */
  if (round % 4 == 0) {
    parley_analysis *at = NULL;
    parley_analysis_options o = {.all_ties = 1, .method = method};
    assert_int_equal(pl_analyze_tuned(sc, &o, &tune, &at, &err), 0);
    assert_int_equal(parley_analysis_tie_count(at), nfront);
    for (size_t k = 0; k < nfront; k++) {
      uint64_t idx;
      uint32_t pk[16];
      assert_int_equal(parley_analysis_tie_get(at, k, pk, &idx), vec_of[k]);
      assert_int_equal(idx, front[k]);
      uint64_t x = 0;
      for (uint32_t i = 0; i < b.N; i++) x = x * sc->radix[i] + pk[i];
      assert_int_equal(x, front[k]);
    }
    assert_int_equal(parley_analysis_tie_get(at, nfront, NULL, NULL), PARLEY_NONE);
    parley_analysis_free(at);
  }

  /* solutions: the optimum over the whole feasible set, attained on the frontier at the
   * lowest-index Pareto-optimal outcome */
  int64_t *ideal = calloc(P, sizeof *ideal);
  for (uint32_t p = 0; p < P; p++) {
    ideal[p] = res[p];
    for (size_t x = 0; x < b.n; x++)
      if (b.feasible[x] && b.u[x * P + p] > ideal[p]) ideal[p] = b.u[x * P + p];
  }
  unsigned char *on_front = calloc(b.n ? b.n : 1, 1);
  for (size_t i = 0; i < nfront; i++) on_front[front[i]] = 1;
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
    size_t got = parley_analysis_solution(an, (parley_solution)s);
    if (nf == 0) {
      assert_int_equal(got, PARLEY_NONE);
      continue;
    }
    if (s == PARLEY_NASH_WEIGHTED) { /* in floating point: checked on its own below */
      assert_true(got != PARLEY_NONE);
      continue;
    }
    long arg_all = -1, arg = -1;
    for (size_t x = 0; x < b.n; x++) {
      if (!b.feasible[x]) continue;
      if (arg_all < 0 || solution_cmp(s, b.u + x * P, b.u + (size_t)arg_all * P, res, ideal, P) > 0) arg_all = (long)x;
      if (on_front[x] && (arg < 0 || solution_cmp(s, b.u + x * P, b.u + (size_t)arg * P, res, ideal, P) > 0)) arg = (long)x;
    }
    /* it is defined on the frontier */
    if (s != PARLEY_KS_UNNORMALISED) assert_int_equal(solution_cmp(s, b.u + (size_t)arg_all * P, b.u + (size_t)arg * P, res, ideal, P), 0);
    assert_true(got != PARLEY_NONE);
    assert_int_equal(vec[got], (size_t)arg);
  }
  free(on_front);
  /* the power-weighted Nash solution: the largest sum_p w_p log(gain_p), w_p = power / total;
   * with equal powers, the Nash solution itself */
  if (nf) {
    long double wsum = 0, wv[8];
    int equal = 1;
    for (uint32_t p = 0; p < P; p++) wsum += sc->parties[p].power, equal &= sc->parties[p].power == sc->parties[0].power;
    for (uint32_t p = 0; p < P; p++) wv[p] = sc->parties[p].power / wsum;
    const size_t got = parley_analysis_solution(an, PARLEY_NASH_WEIGHTED);
    if (equal) {
      assert_int_equal(got, parley_analysis_solution(an, PARLEY_NASH));
    } else {
      long double best = -INFINITY, second = -INFINITY, at_got = 0;
      long arg = -1;
      for (size_t i = 0; i < nvec; i++) {
        long double v = 0;
        for (uint32_t p = 0; p < P; p++) {
          const int64_t g = b.u[vec[i] * P + p] - res[p];
          v = g > 0 ? v + wv[p] * logl((long double)g / (long double)b.L) : -INFINITY;
          if (g <= 0) break;
        }
        if (i == got) at_got = v;
        if (v > best) second = best, best = v, arg = (long)i;
        else if (v > second) second = v;
      }
      assert_true(at_got == best || fabsl(at_got - best) <= 1e-12L * (1 + fabsl(best))); /* a maximum */
      if (best - second > 1e-9L) assert_int_equal(got, (size_t)arg);                     /* the one, when clear */
    }
  }

  /* blocking group: the smallest set of parties no outcome satisfies together */
  uint64_t mask;
  if (nf == 0 && P <= PARLEY_BLOCKING_MAX_PARTIES) {
    assert_int_equal(parley_analysis_blocking_group(an, &mask), 0);
    int best_size = 99;
    uint64_t best = 0;
    for (uint64_t S = 1; S < ((uint64_t)1 << P); S++) {
      int sat = 0;
      for (size_t x = 0; x < b.n && !sat; x++) {
        int all = 1;
        for (uint32_t p = 0; p < P; p++)
          if ((S >> p & 1) && ((b.red[x] >> p & 1) || b.u[x * P + p] < res[p])) all = 0;
        sat = all;
      }
      if (sat) continue;
      int size = __builtin_popcountll(S);
      /* same size: lexicographically smallest list of party indices */
      int better = size < best_size;
      if (size == best_size) {
        for (uint32_t p = 0; p < P; p++) {
          if ((S >> p & 1) == (best >> p & 1)) continue;
          better = (int)(S >> p & 1);
          break;
        }
      }
      if (better) {
        best = S;
        best_size = size;
      }
    }
    assert_int_equal(mask, best);
  } else {
    assert_int_equal(parley_analysis_blocking_group(an, &mask), PARLEY_ERR_INVALID);
  }

  /* frameworks: acceptance and the frontier points that dominate them */
  for (size_t f = 0; f < parley_framework_count(sc); f++) {
    const uint32_t *pkg = parley_framework_package(sc, f);
    size_t fx = 0;
    for (uint32_t i = 0; i < b.N; i++) fx = fx * sc->radix[i] + pkg[i];
    const int64_t *u = b.u + fx * P;
    const uint64_t red = b.red[fx];
    int feasible = 1;
    for (uint32_t p = 0; p < P; p++) {
      parley_acceptance a;
      assert_int_equal(parley_analysis_framework_acceptance(an, f, p, &a), 0);
      assert_true(a.utility == bval(&b, u[p]));
      assert_true(parley_utility(sc, p, pkg) == bval(&b, u[p]));
      int acc = !(red >> p & 1) && u[p] >= res[p];
      assert_int_equal(a.accepts, acc);
      assert_int_equal(a.red_lines_crossed > 0, (int)(red >> p & 1));
      feasible &= acc;
    }
    size_t ndom = 0;
    for (size_t i = 0; i < nvec; i++) ndom += (size_t)dominates(b.u + vec[i] * P, u, P);
    assert_int_equal(parley_analysis_framework_dominator_count(an, f), ndom);
    assert_int_equal(parley_analysis_framework_on_frontier(an, f), feasible && ndom == 0);
  }

  /* concessions at Nash: total = U(ideal) - U(nash); per-issue costs from the value tables */
  size_t ns = parley_analysis_solution(an, PARLEY_NASH);
  if (ns != PARLEY_NONE) {
    for (uint32_t p = 0; p < P; p++) {
      uint32_t ipkg[16];
      double iu;
      if (parley_analysis_party_range(an, p, ipkg, &iu, NULL) != 0) continue;
      double want = iu - parley_analysis_frontier_utility(an, (size_t)ns, p);
      assert_close(parley_analysis_concession_total(an, p), want, 1e-9);
      for (size_t k = 0; k < parley_analysis_concession_count(an, p); k++) {
        size_t issue;
        uint32_t io, no;
        double cost;
        assert_int_equal(parley_analysis_concession_get(an, p, k, &issue, &io, &no, &cost), 0);
        assert_int_equal(io, ipkg[issue]);
        assert_true(io != no);
        const pl_party *pa = &sc->parties[p];
        double w = pa->value[issue] ? pa->weight[issue] * (pa->value[issue][io] - pa->value[issue][no]) : 0;
        assert_close(cost, w, 1e-9);
      }
    }
  }
  if (method == PARLEY_METHOD_AUTO) goto done;
  cov.scenarios++;
  cov.feasible += nf > 0;
  cov.infeasible += nf == 0;
  cov.big_frontier += nvec >= 4;
  cov.frameworks += parley_framework_count(sc) > 0;
  for (size_t f = 0; f < parley_framework_count(sc); f++)
    if (parley_analysis_framework_dominator_count(an, f) > 0) {
      cov.dominated_frameworks++;
      break;
    }
  cov.rules += sc->compiled.n_rules > 0;
  cov.exact += b.exact;
  for (size_t i = 0; i < nvec; i++)
    if (vcount[i] > 1) {
      cov.ties++;
      break;
    }
done:
  free(ideal);
  free(front), free(vec), free(vec_of), free(vcount);
  parley_analysis_free(an);
  brute_free(&b);
}

/* Every result of enumeration, and of whatever method auto picks (the additive method when it
 * applies and proves cheaper), against the brute force. */
static void check_scenario(const parley_scenario *sc, const char *yaml) {
  check_method(sc, yaml, PARLEY_METHOD_ENUMERATE);
  check_method(sc, yaml, PARLEY_METHOD_AUTO);
}

static void run_random(uint64_t seed, int count, const test_gen_options *o, int small) {
  test_rng r = {seed};
  memset(&cov, 0, sizeof cov);
  for (int k = 0; k < count; k++) {
    char *yaml = test_random_scenario(&r, o);
    parley_scenario *sc = test_load(yaml);
    check_scenario(sc, yaml);
    parley_scenario_free(sc);
    free(yaml);
  }
  print_message("%d scenarios: %d feasible, %d infeasible, %d with frontier >= 4 vectors, %d with "
                "frameworks (%d dominated), %d with rules, %d with tied frontier points, %d exact, %d where auto "
                "picked the additive method\n",
                cov.scenarios, cov.feasible, cov.infeasible, cov.big_frontier, cov.frameworks,
                cov.dominated_frameworks, cov.rules, cov.ties, cov.exact, cov.additive);
  if (o->rough == 1) assert_true(cov.exact <= count / 2); /* rounded, but where one issue has all the weight */
  else assert_int_equal(cov.exact, count);             /* every one exact */
  assert_true(cov.feasible >= count / 8);
  assert_true(cov.infeasible >= count / 50);
  if (!small) {
    assert_true(cov.big_frontier >= count / 20);
    assert_true(cov.dominated_frameworks >= count / 20);
    assert_true(cov.ties >= 1);
  }
  assert_true(cov.rules >= count / 2);
}

/* 2 parties: the staircase frontier */
static void test_random_two_parties(void **state) {
  (void)state;
  test_gen_options o = {2, 2, 1, 5, 5, 0};
  run_random(1, 400, &o, 0);
}

/* 2 parties, larger spaces (up to 6^6 outcomes): enough offers for the staircase's table of
 * quick rejections to be built and used, and rows long enough for a row to be skipped whole */
static void test_random_two_parties_large(void **state) {
  (void)state;
  test_gen_options o = {2, 2, 5, 6, 6, 0};
  run_random(4, 60, &o, 0);
}

/* 3-5 parties: the general frontier */
static void test_random_many_parties(void **state) {
  (void)state;
  test_gen_options o = {3, 5, 1, 5, 5, 0};
  run_random(2, 600, &o, 0);
}

/* Weights parley cannot hold exactly: every term rounded to 2^-40, as documented */
static void test_random_rounded(void **state) {
  (void)state;
  test_gen_options o = {2, 4, 1, 4, 4, 1};
  run_random(5, 200, &o, 1);
}

/* Values in thirds and sevenths: exact, with ties that no decimal gives */
static void test_random_thirds(void **state) {
  (void)state;
  test_gen_options o = {2, 3, 2, 5, 5, 2};
  run_random(6, 300, &o, 0);
}

/* 1 party, and few options: degenerate shapes, many infeasible cases */
static void test_random_small(void **state) {
  (void)state;
  test_gen_options o = {1, 5, 1, 2, 2, 0};
  run_random(3, 200, &o, 1);
}

/* A row whose every outcome is dominated by an earlier one may still hold a party's lowest
 * utility: the enumeration must not settle it from bounds alone. Three parties, x outer and y
 * inner (blocks of 3), a rule on x1 and y0 so that row x1 takes the rule-linked path; row x0's
 * (x0, y1) dominates all of row x1, where p's utility falls to 0.25. */
static void test_dominated_row_lowest(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "issues:\n  - {id: x, options: [x0, x1]}\n  - {id: y, options: [y0, y1, y2]}\n"
      "parties:\n"
      "  - id: p\n    weights: {x: 1, y: 1}\n    values: {x: [1, 0], y: [1, 0.5, 0.8]}\n"
      "  - id: q\n    weights: {x: 1, y: 1}\n    values: {x: [1, 0.5], y: [0.5, 1, 0.7]}\n"
      "    interactions:\n      - {when: {x: x1, y: y0}, bonus: 0.01}\n"
      "  - id: r\n    weights: {x: 1, y: 1}\n    values: {x: [1, 0.5], y: [0.5, 1, 0.7]}\n");
  for (size_t inner = 1; inner <= 6; inner++) {
    parley_analysis *an = NULL;
    parley_error err = {0};
    const pl_enum_tuning tune = {4, 1, inner};
    const parley_analysis_options mo = {.method = PARLEY_METHOD_ENUMERATE};
    assert_int_equal(pl_analyze_tuned(sc, &mo, &tune, &an, &err), 0);
    double lo, hi;
    assert_int_equal(parley_analysis_party_range(an, 0, NULL, &hi, &lo), 0);
    assert_close(lo, 0.25, 1e-12);
    assert_close(hi, 1.0, 1e-12);
    assert_int_equal(parley_analysis_feasible_count(an), 6);
    parley_analysis_free(an);
  }
  parley_scenario_free(sc);
}

/* the bundled example, whole */
static void test_example(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_error err = {0};
  assert_int_equal(parley_scenario_read_file(PARLEY_EXAMPLES "/ukraine-framework.yaml", NULL, &sc, NULL, &err), 0);
  check_scenario(sc, "example");
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_random_two_parties),
      cmocka_unit_test(test_random_two_parties_large),
      cmocka_unit_test(test_random_many_parties),
      cmocka_unit_test(test_random_small),
      cmocka_unit_test(test_random_rounded),
      cmocka_unit_test(test_random_thirds),
      cmocka_unit_test(test_dominated_row_lowest),
      cmocka_unit_test(test_example),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
