/* offer_index.c — every outcome sorted by one party's utility, for the queries a negotiating
 * agent makes each round: which outcomes give me between lo and hi (binary search), and which
 * of those an opponent model likes best (a scan of that window only). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "util/error.h"

typedef struct entry {
  pl_fx u;
  uint64_t idx;
} entry;

struct parley_offer_index {
  const parley_scenario *sc;
  size_t party, n;
  entry *e;
};

static int by_utility(const void *a, const void *b) {
  const entry *x = a, *y = b;
  if (x->u != y->u) return x->u < y->u ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int parley_offer_index_build(const parley_scenario *sc, size_t party, uint64_t max_outcomes,
                             parley_offer_index **out, parley_error *err) {
  if (!sc || !out || party >= sc->n_parties) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  if (!max_outcomes) max_outcomes = 10000000;
  uint64_t n = parley_outcome_count(sc);
  if (n > max_outcomes)
    return pl_fail(err, PARLEY_ERR_LIMIT, sc->source, 0, 0,
                   "the outcome space has %llu packages, more than the index limit of %llu",
                   (unsigned long long)n, (unsigned long long)max_outcomes);
  parley_offer_index *ix = calloc(1, sizeof *ix);
  entry *e = malloc((size_t)(n ? n : 1) * sizeof *e);
  uint32_t *pkg = calloc(sc->n_issues, sizeof *pkg);
  pl_fx *u = calloc(sc->n_parties, sizeof *u);
  if (!ix || !e || !pkg || !u) {
    free(ix), free(e), free(pkg), free(u);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  const pl_compiled *c = &sc->compiled;
  size_t m = 0;
  for (uint64_t x = 0; x < n; x++) {
    uint64_t red;
    pl_eval(c, pkg, u, &red);
    if (!(red >> party & 1)) e[m++] = (entry){u[party], x};
    for (uint32_t i = c->n_issues; i-- > 0;) { /* next package, issue 0 most significant */
      if (++pkg[i] < c->radix[i]) break;
      pkg[i] = 0;
    }
  }
  qsort(e, m, sizeof *e, by_utility);
  free(pkg);
  free(u);
  ix->sc = sc;
  ix->party = party;
  ix->n = m;
  ix->e = e;
  *out = ix;
  return 0;
}

void parley_offer_index_free(parley_offer_index *ix) {
  if (!ix) return;
  free(ix->e);
  free(ix);
}

size_t parley_offer_index_size(const parley_offer_index *ix) { return ix->n; }

/* First position whose utility is >= v (strict: > v). */
static size_t lower(const parley_offer_index *ix, pl_fx v, int strict) {
  size_t lo = 0, hi = ix->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ix->e[mid].u < v || (strict && ix->e[mid].u == v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

size_t parley_offer_index_range(const parley_offer_index *ix, double lo, double hi, size_t *first) {
  if (!ix || isnan(lo) || isnan(hi) || hi < lo) {
    if (first) *first = 0;
    return 0;
  }
  /* utilities are exact multiples of 2^-40: compare in that unit, so the bounds are inclusive */
  size_t a = lower(ix, lo <= -1e6 ? INT64_MIN / 2 : pl_fx_from(lo), 0);
  size_t b = lower(ix, hi >= 1e6 ? INT64_MAX / 2 : pl_fx_from(hi), 1);
  if (first) *first = a;
  return b > a ? b - a : 0;
}

int parley_offer_index_get(const parley_offer_index *ix, size_t k, uint32_t *pkg, double *u) {
  if (!ix || k >= ix->n) return PARLEY_ERR_ARG;
  if (pkg) pl_decode(&ix->sc->compiled, ix->e[k].idx, pkg);
  if (u) *u = pl_fx_to(ix->e[k].u);
  return 0;
}

int parley_offer_index_best(const parley_offer_index *ix, double lo, double hi,
                            const parley_opponent_model *model, uint32_t *pkg_out, double *own_out,
                            double *opp_out) {
  if (!ix || !model || !model->weight || !model->value) return PARLEY_ERR_ARG;
  size_t first, n = parley_offer_index_range(ix, lo, hi, &first);
  if (n == 0) return PARLEY_ERR_INVALID;
  const pl_compiled *c = &ix->sc->compiled;
  const uint32_t N = c->n_issues;
  /* the opponent's per-option contributions, once per query */
  size_t total = c->offset[N] / c->n_parties;
  double *t = malloc((total ? total : 1) * sizeof *t);
  uint32_t *pkg = malloc(N * sizeof *pkg);
  if (!t || !pkg) {
    free(t);
    free(pkg);
    return PARLEY_ERR_NOMEM;
  }
  size_t *off = malloc((N + 1) * sizeof *off);
  if (!off) {
    free(t);
    free(pkg);
    return PARLEY_ERR_NOMEM;
  }
  size_t o = 0;
  for (uint32_t i = 0; i < N; i++) {
    off[i] = o;
    for (uint32_t k = 0; k < c->radix[i]; k++)
      t[o++] = model->value[i] ? model->weight[i] * model->value[i][k] : 0;
  }
  size_t best = first;
  double best_v = -INFINITY;
  for (size_t k = first; k < first + n; k++) {
    pl_decode(c, ix->e[k].idx, pkg);
    double v = 0;
    for (uint32_t i = 0; i < N; i++) v += t[off[i] + pkg[i]];
    /* ties: the higher own utility (later in the order), then the lower index */
    if (v > best_v || (v == best_v && (ix->e[k].u > ix->e[best].u ||
                                       (ix->e[k].u == ix->e[best].u && ix->e[k].idx < ix->e[best].idx)))) {
      best_v = v;
      best = k;
    }
  }
  if (pkg_out) pl_decode(c, ix->e[best].idx, pkg_out);
  if (own_out) *own_out = pl_fx_to(ix->e[best].u);
  if (opp_out) *opp_out = best_v;
  free(t);
  free(pkg);
  free(off);
  return 0;
}
