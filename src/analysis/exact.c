/* exact.c — what the methods that do not enumerate share: the exact mean utility of a
 * scenario, the opposition, and the analysis read off the whole frontier of a space. */
#include "analysis/exact.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/blocking.h"

double pl_mean_utility_exact(const parley_scenario *sc, uint32_t p) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties;
  double mean = 0;
  for (uint32_t i = 0; i < c->n_issues; i++) {
    double s = 0;
    for (uint32_t o = 0; o < c->radix[i]; o++) s += pl_fx_to(c, c->contrib[c->offset[i] + (size_t)o * P + p]);
    mean += s / c->radix[i];
  }
  for (uint32_t k = 0; k < c->n_rules; k++) {
    const pl_crule *cr = &c->rules[k];
    if (cr->red_line || cr->party != p) continue;
    /* the fraction of packages where every condition holds: per issue, the options allowed by
     * all its conditions, over the issue's option count */
    double frac = 1;
    const pl_rule *r = cr->rule;
    for (uint32_t q = 0; q < r->n_conds && frac > 0; q++) {
      uint32_t is = r->conds[q].issue;
      int seen = 0;
      for (uint32_t e = 0; e < q; e++) seen |= r->conds[e].issue == is;
      if (seen) continue;
      uint32_t n = 0;
      for (uint32_t o = 0; o < c->radix[is]; o++) {
        int ok = 1;
        for (uint32_t e = q; e < r->n_conds && ok; e++)
          if (r->conds[e].issue == is && !r->conds[e].allowed[o]) ok = 0;
        n += (uint32_t)ok;
      }
      frac *= (double)n / c->radix[is];
    }
    mean += pl_fx_to(c, cr->bonus) * frac;
  }
  return mean;
}

double pl_opposition(const pl_compiled *c, const pl_fx *wu, size_t n, uint32_t P) {
  /* with every utility at most 1, moving to a dominating package never moves away from
   * (1, ..., 1), so the closest package is among the non-dominated ones. Rounded utilities may
   * pass 1 by the rounding of their terms (weights that add up to 1 + 2^-52); such a utility,
   * within 2^-30 above 1, counts as 1, which moves the opposition by less than 2^-60. */
  const pl_fx slack = c->exact ? 0 : (pl_fx)1 << (PL_FX_SHIFT - 30);
  double best = INFINITY;
  for (size_t k = 0; k < n; k++) {
    double d2 = 0;
    for (uint32_t p = 0; p < P; p++) {
      const pl_fx v = wu[k * P + p];
      if (v > c->scale + slack) return NAN;
      const double d = v >= c->scale ? 0 : 1.0 - pl_fx_to(c, v);
      d2 += d * d;
    }
    if (d2 < best) best = d2;
  }
  return sqrt(best);
}

typedef struct pkg_key {
  const uint32_t *pkg;
  uint32_t N;
  size_t row;
} pkg_key;

static int by_package(const void *a, const void *b) {
  const pkg_key *x = a, *y = b;
  for (uint32_t i = 0; i < x->N; i++)
    if (x->pkg[i] != y->pkg[i]) return x->pkg[i] < y->pkg[i] ? -1 : 1;
  return 0;
}

int pl_analysis_from_frontier(parley_analysis *an, const pl_fx *wu, const uint32_t *pkgs,
                              const uint64_t *row, const uint64_t *count, size_t n, const pl_fx *floor_all) {
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  int rc = 0;
  pkg_key *keys = NULL;
  uint8_t *sat = NULL;
#define PKG(k) (pkgs + (row ? row[k] : (k)) * N)
  /* per party: ideal over the whole frontier (the first in package order among ties) */
  for (uint32_t p = 0; p < P; p++) {
    pl_party_range *r = &an->range[p];
    r->any = n > 0;
    for (size_t k = 0; k < n; k++) {
      pl_fx v = wu[k * P + p];
      const uint32_t *pk = PKG(k);
      int better = k == 0 || v > r->max;
      if (!better && v == r->max) {
        pkg_key a = {pk, N, 0}, b = {an->ideal_pkg + (size_t)p * N, N, 0};
        better = by_package(&a, &b) < 0;
      }
      if (better) {
        r->max = v;
        memcpy(an->ideal_pkg + (size_t)p * N, pk, N * sizeof *pk);
      }
    }
  }
  double total = 0;
  for (uint32_t p = 0; p < P; p++) {
    an->mean[p] = pl_mean_utility_exact(sc, p);
    total += an->mean[p];
  }
  an->mean_all = total / P;
  an->opposition = pl_opposition(&sc->compiled, wu, n, P);
  /* the feasible frontier, in package order */
  size_t nf = 0;
  keys = malloc((n ? n : 1) * sizeof *keys);
  if (!keys) rc = PARLEY_ERR_NOMEM;
  for (size_t k = 0; rc == 0 && k < n; k++) {
    uint32_t p = 0;
    while (p < P && wu[k * P + p] >= c->reservation[p]) p++;
    if (p == P) keys[nf++] = (pkg_key){PKG(k), N, k};
  }
#undef PKG
  if (rc == 0) {
    qsort(keys, nf, sizeof *keys, by_package);
    an->fpkg = malloc((nf ? nf : 1) * (N ? N : 1) * sizeof *an->fpkg);
    an->frontier.idx = malloc((nf ? nf : 1) * sizeof *an->frontier.idx);
    an->frontier.count = malloc((nf ? nf : 1) * sizeof *an->frontier.count);
    an->frontier.u = malloc((nf ? nf : 1) * P * sizeof *an->frontier.u);
    if (!an->fpkg || !an->frontier.idx || !an->frontier.count || !an->frontier.u) rc = PARLEY_ERR_NOMEM;
  }
  if (rc == 0) {
    const int fits = an->n_outcomes != UINT64_MAX;
    an->frontier_counted = count != NULL;
    for (size_t k = 0; k < nf; k++) {
      memcpy(an->fpkg + k * N, keys[k].pkg, N * sizeof *an->fpkg);
      memcpy(an->frontier.u + k * P, wu + keys[k].row * P, P * sizeof *an->frontier.u);
      an->frontier.idx[k] = fits ? pl_encode(c, keys[k].pkg) : UINT64_MAX;
      an->frontier.count[k] = count ? count[keys[k].row] : 1;
    }
    an->frontier.n = an->frontier.cap = nf;
    /* every package is feasible when no reservation exceeds what a party always gets */
    int all = 1;
    for (uint32_t p = 0; p < P; p++) all &= c->reservation[p] <= floor_all[p];
    an->feasible_known = all || nf == 0;
    an->n_feasible = all ? an->n_outcomes : (nf ? UINT64_MAX : 0);
    if (nf == 0 && P <= PARLEY_BLOCKING_MAX_PARTIES) {
      /* an outcome accepted by a set of parties is dominated by a frontier point accepted by
       * at least them, so the frontier's acceptance sets are enough */
      sat = calloc((size_t)1 << P, 1);
      if (!sat) rc = PARLEY_ERR_NOMEM;
      for (size_t k = 0; rc == 0 && k < n; k++) {
        size_t m = 0;
        for (uint32_t p = 0; p < P; p++)
          if (wu[k * P + p] >= c->reservation[p]) m |= (size_t)1 << p;
        sat[m] = 1;
      }
      if (rc == 0) {
        an->blocking_known = 1;
        an->blocking_mask = pl_blocking_group(sat, P);
      }
    }
  }
  free(sat);
  free(keys);
  return rc;
}
