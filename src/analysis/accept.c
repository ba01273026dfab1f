/* accept.c — acceptance under uncertainty (parley/uncertainty.h): Monte Carlo over the draws of
 * model/sample.h, spread over the parallel loop in chunks of draws. Each draw's result depends
 * on its number only, and the chunks' counts are integers added in chunk order, so the same
 * seed gives the same bytes whatever the thread count.
 *
 * Invariants of an estimate (asserted in debug builds):
 *   U1. 0 <= everyone <= accepted[p] <= samples for every party p, and a party with no
 *       uncertain number accepts in every draw or in none.
 *   U2. Each party's sensitivity ranking holds its own uncertain numbers, each once, by
 *       decreasing |delta|. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/accept.h"
#include "model/sample.h"
#include "parley/uncertainty.h"
#include "util/check.h"
#include "util/error.h"
#include "util/parallel.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")
#define CHUNK 256 /* draws a chunk */

/* ------------------------------------------------------------------------------------------ */
/* The uncertain numbers                                                                      */

size_t parley_uncertain_count(const parley_scenario *sc) { return sc ? pl_uparams(sc, NULL) : 0; }

static pl_uparam *params_of(const parley_scenario *sc, size_t *n) {
  *n = pl_uparams(sc, NULL);
  pl_uparam *u = malloc((*n ? *n : 1) * sizeof *u);
  if (u) pl_uparams(sc, u);
  return u;
}

size_t parley_uncertain_party(const parley_scenario *sc, size_t k) {
  size_t n;
  pl_uparam *u = sc ? params_of(sc, &n) : NULL;
  const size_t p = u && k < n ? u[k].party : PARLEY_NONE;
  free(u);
  return p;
}

/* The distribution and the number behind an uncertain number. */
static void describe_dist(const parley_scenario *sc, const pl_uparam *u, char *buf, size_t size) {
  const pl_party *pa = &sc->parties[u->party];
  const pl_dist *d = NULL;
  switch (u->kind) {
    case PL_UP_RESERVATION: d = &pa->reservation_dist; break;
    case PL_UP_WEIGHT: d = &pa->weight_dist[u->issue]; break;
    case PL_UP_VALUE: d = &pa->value_dist[u->issue][u->index]; break;
    case PL_UP_POINT: d = &pa->points[u->issue]->y_dist[u->index]; break;
    case PL_UP_BONUS: d = &pa->interactions[u->index].bonus_dist; break;
    case PL_UP_DIRICHLET: {
      double sum = 0;
      for (uint32_t i = 0; i < sc->n_issues; i++) sum += pa->alpha[i];
      snprintf(buf, size, "Dirichlet, alpha %g of %g in all, mean %g", pa->alpha[u->issue], sum, pa->alpha[u->issue] / sum);
      return;
    }
    default: {
      const pl_rule *r = u->index < pa->n_red_lines ? &pa->red_lines[u->index] : &pa->unlikely[u->index - pa->n_red_lines];
      snprintf(buf, size, "with probability %g (%s in the deterministic model)", r->probability,
               r->probability >= 0.5 ? "held" : "left out");
      return;
    }
  }
  if (d->kind == PL_DIST_TRIANGULAR)
    snprintf(buf, size, "triangular [%g, %g, %g], mean %g", d->a, d->c, d->b, pl_dist_mean(d));
  else
    snprintf(buf, size, "%s [%g, %g]%s, mean %g", pl_dist_name(d->kind), d->a, d->b, d->kind == PL_DIST_NORMAL ? " truncated" : "",
             pl_dist_mean(d));
}

int parley_uncertain_describe(const parley_scenario *sc, size_t k, char *buf, size_t size) {
  size_t n;
  pl_uparam *u = sc ? params_of(sc, &n) : NULL;
  if (!u || k >= n || !buf || !size) {
    free(u);
    return PARLEY_ERR_ARG;
  }
  char name[256], dist[256];
  pl_uparam_name(sc, &u[k], name, sizeof name);
  describe_dist(sc, &u[k], dist, sizeof dist);
  snprintf(buf, size, "%s ~ %s", name, dist);
  free(u);
  return 0;
}

void parley_accept_defaults(parley_accept_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->samples = 10000;
  o->seed = 1;
}

void pl_wilson(uint64_t k, uint64_t n, double *lo, double *hi) {
  if (!n) {
    if (lo) *lo = NAN;
    if (hi) *hi = NAN;
    return;
  }
  const double z = 1.959963984540054, p = (double)k / (double)n, nn = (double)n;
  const double den = 1 + z * z / nn, mid = (p + z * z / (2 * nn)) / den;
  const double half = z * sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / den;
  if (lo) *lo = fmax(0, mid - half);
  if (hi) *hi = fmin(1, mid + half);
}

/* ------------------------------------------------------------------------------------------ */
/* One package                                                                                */

typedef struct rank {
  size_t param;
  double delta;
} rank;

struct parley_acceptance_estimate {
  const parley_scenario *sc;
  uint32_t *package;
  uint64_t samples, seed;
  size_t n_parties;
  uint64_t *accepted, *sole; /* per party */
  uint64_t everyone;
  rank **ranks;              /* per party */
  size_t *n_ranks;
};

typedef struct acc_ctx {
  const parley_scenario *sc;
  const uint32_t *pkg;
  const pl_uparam *params;
  size_t n_params;
  uint64_t samples, seed;
  uint64_t *mask;   /* per draw: the parties accepting */
  double *draws;    /* per draw: n_params numbers */
} acc_ctx;

static int acc_chunk(void *vctx, size_t chunk, pl_parallel *par) {
  acc_ctx *x = vctx;
  pl_draw d;
  if (pl_draw_alloc(x->sc, x->n_params, &d)) return PARLEY_ERR_NOMEM;
  const size_t P = parley_party_count(x->sc);
  const uint64_t from = (uint64_t)chunk * CHUNK, to = from + CHUNK < x->samples ? from + CHUNK : x->samples;
  for (uint64_t s = from; s < to; s++) {
    pl_draw_sample(x->sc, x->params, x->n_params, x->seed, s, &d);
    uint64_t m = 0;
    for (size_t p = 0; p < P; p++)
      if (pl_draw_accepts(x->sc, &d, p, x->pkg)) m |= (uint64_t)1 << p;
    x->mask[s] = m;
    memcpy(x->draws + s * x->n_params, d.param, x->n_params * sizeof *d.param);
  }
  pl_parallel_advance(par, to - from);
  pl_draw_free(&d);
  return pl_parallel_poll(par) ? PARLEY_ERR_CANCELLED : 0;
}

static int by_size(const void *a, const void *b) {
  const rank *x = a, *y = b;
  const double dx = fabs(x->delta), dy = fabs(y->delta);
  if (dx != dy) return dx > dy ? -1 : 1;
  return x->param < y->param ? -1 : x->param > y->param;
}

static int by_value(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Party p's own numbers, ranked. */
static int sensitivity(parley_acceptance_estimate *e, const acc_ctx *x, size_t p) {
  size_t n = 0;
  for (size_t k = 0; k < x->n_params; k++) n += x->params[k].party == p;
  e->ranks[p] = malloc((n ? n : 1) * sizeof *e->ranks[p]);
  double *col = malloc((x->samples ? x->samples : 1) * sizeof *col);
  if (!e->ranks[p] || !col) {
    free(col);
    return PARLEY_ERR_NOMEM;
  }
  for (size_t k = 0; k < x->n_params; k++) {
    if (x->params[k].party != p) continue;
    for (uint64_t s = 0; s < x->samples; s++) col[s] = x->draws[s * x->n_params + k];
    qsort(col, x->samples, sizeof *col, by_value);
    /* the split: a red line holds or not; else the median */
    const double cut = x->params[k].kind == PL_UP_RED_LINE ? 0.5 : col[(x->samples - 1) / 2];
    uint64_t up = 0, up_acc = 0, low = 0, low_acc = 0;
    for (uint64_t s = 0; s < x->samples; s++) {
      const double v = x->draws[s * x->n_params + k];
      const int acc = (int)(x->mask[s] >> p & 1);
      if (v > cut) up++, up_acc += (uint64_t)acc;
      else low++, low_acc += (uint64_t)acc;
    }
    const double delta = up && low ? (double)up_acc / (double)up - (double)low_acc / (double)low : 0;
    e->ranks[p][e->n_ranks[p]++] = (rank){k, delta};
  }
  qsort(e->ranks[p], e->n_ranks[p], sizeof *e->ranks[p], by_size);
  free(col);
  return 0;
}

static void estimate_check(const parley_acceptance_estimate *e) {
#ifndef NDEBUG
  for (size_t p = 0; p < e->n_parties; p++) {
    pl_assert(e->everyone <= e->accepted[p] && e->accepted[p] <= e->samples); /* U1 */
    if (!e->sc->parties[p].uncertain) pl_assert(e->accepted[p] == 0 || e->accepted[p] == e->samples);
    for (size_t k = 1; k < e->n_ranks[p]; k++) pl_assert(fabs(e->ranks[p][k - 1].delta) >= fabs(e->ranks[p][k].delta)); /* U2 */
  }
#else
  (void)e;
#endif
}

void parley_acceptance_estimate_free(parley_acceptance_estimate *e) {
  if (!e) return;
  for (size_t p = 0; e->ranks && p < e->n_parties; p++) free(e->ranks[p]);
  free(e->ranks), free(e->n_ranks), free(e->package), free(e->accepted), free(e->sole);
  free(e);
}

int parley_accept(const parley_scenario *sc, const uint32_t *package, const parley_accept_options *options,
                  parley_acceptance_estimate **out, parley_error *err) {
  if (!sc || !package || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_accept_options o;
  if (options) o = *options;
  else parley_accept_defaults(&o);
  if (!o.samples) o.samples = 10000;
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
  for (size_t i = 0; i < N; i++)
    if (package[i] >= parley_issue_option_count(sc, i)) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no option %u of issue %zu", package[i], i);
  if (o.samples > ((uint64_t)1 << 32)) return pl_fail(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "at most 2^32 draws");
  acc_ctx x = {.sc = sc, .pkg = package, .samples = o.samples, .seed = o.seed};
  x.params = params_of(sc, &x.n_params);
  if (x.n_params && o.samples * x.n_params > ((uint64_t)1 << 28)) {
    free((void *)x.params);
    return pl_fail(err, PARLEY_ERR_LIMIT, NULL, 0, 0, "%llu draws of %zu uncertain numbers would take more than 2 GB; draw fewer",
                   (unsigned long long)o.samples, x.n_params);
  }
  parley_acceptance_estimate *e = calloc(1, sizeof *e);
  x.mask = malloc(o.samples * sizeof *x.mask);
  const uint64_t n_draws = o.samples * x.n_params;
  x.draws = malloc((n_draws ? n_draws : 1) * sizeof *x.draws);
  if (e) {
    e->sc = sc, e->samples = o.samples, e->seed = o.seed, e->n_parties = P;
    e->package = malloc((N ? N : 1) * sizeof *e->package);
    e->accepted = calloc(P, sizeof *e->accepted), e->sole = calloc(P, sizeof *e->sole);
    e->ranks = calloc(P, sizeof *e->ranks), e->n_ranks = calloc(P, sizeof *e->n_ranks);
  }
  int rc = x.params && e && x.mask && x.draws && e->package && e->accepted && e->sole && e->ranks && e->n_ranks ? 0 : NOMEM(err);
  if (rc == 0) {
    memcpy(e->package, package, N * sizeof *package);
    pl_parallel par = {.n_chunks = (size_t)((o.samples + CHUNK - 1) / CHUNK), .threads = o.threads, .run = acc_chunk,
                       .ctx = &x, .total = o.samples, .progress = o.progress, .progress_user = o.progress_user};
    rc = pl_parallel_run(&par);
    if (rc == PARLEY_ERR_CANCELLED) pl_fail(err, rc, NULL, 0, 0, "cancelled");
    else if (rc) NOMEM(err);
  }
  const uint64_t all = P == 64 ? ~(uint64_t)0 : ((uint64_t)1 << P) - 1;
  for (uint64_t s = 0; rc == 0 && s < o.samples; s++) {
    const uint64_t m = x.mask[s];
    e->everyone += m == all;
    for (size_t p = 0; p < P; p++) {
      e->accepted[p] += m >> p & 1;
      if ((m | ((uint64_t)1 << p)) == all && !(m >> p & 1)) e->sole[p]++;
    }
  }
  for (size_t p = 0; rc == 0 && p < P; p++) rc = sensitivity(e, &x, p) ? NOMEM(err) : 0;
  free((void *)x.params), free(x.mask), free(x.draws);
  if (rc) {
    parley_acceptance_estimate_free(e);
    return rc;
  }
  estimate_check(e);
  *out = e;
  return 0;
}

const parley_scenario *parley_estimate_scenario(const parley_acceptance_estimate *e) { return e ? e->sc : NULL; }
const uint32_t *parley_estimate_package(const parley_acceptance_estimate *e) { return e ? e->package : NULL; }
uint64_t parley_estimate_samples(const parley_acceptance_estimate *e) { return e ? e->samples : 0; }
uint64_t parley_estimate_seed(const parley_acceptance_estimate *e) { return e ? e->seed : 0; }

double parley_estimate_probability(const parley_acceptance_estimate *e, size_t party, double *lo, double *hi) {
  if (!e || (party != PARLEY_NONE && party >= e->n_parties)) return NAN;
  const uint64_t k = party == PARLEY_NONE ? e->everyone : e->accepted[party];
  pl_wilson(k, e->samples, lo, hi);
  return (double)k / (double)e->samples;
}

double parley_estimate_sole_refuser(const parley_acceptance_estimate *e, size_t party) {
  return e && party < e->n_parties ? (double)e->sole[party] / (double)e->samples : NAN;
}

size_t parley_estimate_sensitivity_count(const parley_acceptance_estimate *e, size_t party) {
  return e && party < e->n_parties ? e->n_ranks[party] : 0;
}

size_t parley_estimate_sensitivity(const parley_acceptance_estimate *e, size_t party, size_t k, double *delta) {
  if (!e || party >= e->n_parties || k >= e->n_ranks[party]) return PARLEY_NONE;
  if (delta) *delta = e->ranks[party][k].delta;
  return e->ranks[party][k].param;
}
