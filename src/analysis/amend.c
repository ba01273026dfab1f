/* amend.c — the smallest change to a draft that every party accepts (parley_amend): the
 * feasible packages that change the fewest issues of the draft, ranked by what the drafters
 * lose. A search over the issues changed, not over packages: for k = 0, 1, 2, ... it visits the
 * ways to change exactly k issues, each to another option, pruning a branch as soon as some
 * party could not reach its reservation however the issues still open were set. Every package
 * it keeps is evaluated exactly (red lines and interaction terms included), so the answer is
 * exact on any scenario; the bounds only decide how much it visits.
 *
 * Invariants of a result (asserted in debug builds):
 *   A1. Every package kept changes exactly `changes` issues of the draft and is acceptable to
 *       every party; no package changing fewer issues is (the search went through every k below).
 *   A2. The packages kept are in ranking order: loss ascending, then package order (issue 0
 *       most significant), and at most `top` of them; `found` counts every package at that
 *       distance. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "parley/analysis.h"
#include "util/check.h"
#include "util/error.h"
#include "util/vec.h"

struct parley_amendments {
  const parley_scenario *sc;
  size_t n_issues, n_parties;
  uint32_t *draft;
  size_t changes;    /* PARLEY_NONE: no package at any distance up to the limit is acceptable */
  size_t max_changes;
  uint64_t found;    /* acceptable packages at that distance */
  uint64_t visited;  /* packages evaluated */
  size_t n, top;
  uint32_t *pkg;     /* top x N */
  pl_fx *loss;       /* top */
  unsigned char *keep; /* per party: its loss counts */
};

/* The search's state. */
typedef struct am_ctx {
  const pl_compiled *c;
  parley_amendments *a;
  size_t N, P;
  uint32_t *cur;        /* the package being built */
  pl_fx *u;             /* per party: its utility with the changes so far, before bonuses */
  pl_fx *suffix;        /* (N + 1) x P: the most each party can gain from changing issues i.. */
  pl_fx *slack;         /* per party: the sum of its positive bonuses */
  pl_fx *draft_u;       /* per party: its utility of the draft, bonuses and all */
  pl_fx *leaf_u;
  parley_progress_fn progress;
  void *progress_user;
  size_t k; /* the distance being searched, for progress */
  int cancelled;
} am_ctx;

static const pl_fx *row(const pl_compiled *c, size_t i, uint32_t o) { return c->contrib + c->offset[i] + (size_t)o * c->n_parties; }

/* -1, 0, 1 as package x comes before, with or after y in package order. */
static int pkg_cmp(const uint32_t *x, const uint32_t *y, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* Keeps cur if it ranks among the top. */
static void offer(am_ctx *x, pl_fx loss) {
  parley_amendments *a = x->a;
  const size_t N = x->N;
  size_t at = a->n;
  while (at > 0 && (a->loss[at - 1] > loss || (a->loss[at - 1] == loss && pkg_cmp(a->pkg + (at - 1) * N, x->cur, N) > 0))) at--;
  if (at >= a->top) return;
  const size_t last = a->n < a->top ? a->n : a->top - 1; /* the entry that falls off, if full */
  memmove(a->pkg + (at + 1) * N, a->pkg + at * N, (last - at) * N * sizeof *a->pkg);
  memmove(a->loss + at + 1, a->loss + at, (last - at) * sizeof *a->loss);
  memcpy(a->pkg + at * N, x->cur, N * sizeof *a->pkg);
  a->loss[at] = loss;
  if (a->n < a->top) a->n++;
}

/* Every way to change exactly `left` more of the issues from i on; u holds the utilities so
 * far. */
static void search(am_ctx *x, size_t i, size_t left) {
  if (x->cancelled) return;
  const pl_compiled *c = x->c;
  const size_t N = x->N, P = x->P;
  if (left == 0) { /* a package: judged exactly */
    uint64_t red;
    pl_eval(c, x->cur, x->leaf_u, &red);
    if (++x->a->visited % 65536 == 0 && x->progress && x->progress(x->progress_user, (double)x->k / (double)(x->a->max_changes + 1))) x->cancelled = 1;
    if (red) return;
    for (size_t p = 0; p < P; p++)
      if (x->leaf_u[p] < c->reservation[p]) return;
    pl_fx loss = 0;
    for (size_t p = 0; p < P; p++)
      if (x->a->keep[p]) loss += x->draft_u[p] - x->leaf_u[p];
    x->a->found++;
    offer(x, loss);
    return;
  }
  if (N - i < left) return;
  /* could every party still reach its reservation? */
  for (size_t p = 0; p < P; p++)
    if (x->u[p] + x->suffix[i * P + p] + x->slack[p] < c->reservation[p]) return;
  /* change issue i (to each other option), then leave it */
  const uint32_t d = x->a->draft[i];
  const pl_fx *base = row(c, i, d);
  for (uint32_t o = 0; o < c->radix[i]; o++) {
    if (o == d) continue;
    const pl_fx *t = row(c, i, o);
    for (size_t p = 0; p < P; p++) x->u[p] += t[p] - base[p];
    x->cur[i] = o;
    search(x, i + 1, left - 1);
    for (size_t p = 0; p < P; p++) x->u[p] -= t[p] - base[p];
  }
  x->cur[i] = d;
  search(x, i + 1, left);
}

static void amend_check(const parley_amendments *a) {
#ifndef NDEBUG
  const parley_scenario *sc = a->sc;
  for (size_t k = 0; k < a->n; k++) {
    const uint32_t *pkg = a->pkg + k * a->n_issues;
    size_t diff = 0;
    for (size_t i = 0; i < a->n_issues; i++) diff += pkg[i] != a->draft[i];
    pl_assert(diff == a->changes); /* A1 */
    for (size_t p = 0; p < a->n_parties; p++) {
      parley_acceptance v;
      parley_package_acceptance(sc, p, pkg, &v);
      pl_assert(v.accepts);
    }
    if (k > 0) /* A2 */
      pl_assert(a->loss[k - 1] < a->loss[k] ||
                (a->loss[k - 1] == a->loss[k] && pkg_cmp(a->pkg + (k - 1) * a->n_issues, pkg, a->n_issues) < 0));
  }
  pl_assert(a->n <= a->top && a->n <= a->found);
#else
  (void)a;
#endif
}

void parley_amend_defaults(parley_amend_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->top = 5;
}

void parley_amendments_free(parley_amendments *a) {
  if (!a) return;
  free(a->draft), free(a->pkg), free(a->loss), free(a->keep);
  free(a);
}

/* The default parties whose loss ranks: the drafters a mediation section names (the drafting
 * mediator's own party and those it drafts with), else every party. */
static void default_keep(const parley_scenario *sc, unsigned char *keep) {
  const size_t P = parley_party_count(sc), m = parley_mediator_drafting(sc);
  for (size_t p = 0; p < P; p++) keep[p] = m == PARLEY_NONE || parley_drafts_with(sc, p) || p == parley_mediator_party(sc, m);
}

int parley_amend(const parley_scenario *sc, const uint32_t *draft, const parley_amend_options *options,
                 parley_amendments **out, parley_error *err) {
  if (!sc || !draft || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_amend_options o;
  if (options) o = *options;
  else parley_amend_defaults(&o);
  const pl_compiled *c = &sc->compiled;
  const size_t N = c->n_issues, P = c->n_parties;
  for (size_t i = 0; i < N; i++)
    if (draft[i] >= c->radix[i])
      return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "the draft gives issue '%s' option %u, which it does not have",
                     parley_issue_id(sc, i), draft[i]);
  for (size_t k = 0; k < o.n_keep_for; k++)
    if (o.keep_for[k] >= P) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no party %zu to keep for", o.keep_for[k]);
  if (o.top == 0) o.top = 5;
  parley_amendments *a = calloc(1, sizeof *a);
  am_ctx x = {.c = c, .a = a, .N = N, .P = P, .progress = o.progress, .progress_user = o.progress_user};
  const size_t NN = N ? N : 1;
  if (a) {
    a->sc = sc, a->n_issues = N, a->n_parties = P, a->top = o.top, a->changes = PARLEY_NONE;
    a->max_changes = o.max_changes && o.max_changes < N ? o.max_changes : N;
    a->draft = malloc(NN * sizeof *a->draft);
    a->pkg = malloc(o.top * NN * sizeof *a->pkg);
    a->loss = malloc(o.top * sizeof *a->loss);
    a->keep = calloc(P, 1);
    x.cur = malloc(NN * sizeof *x.cur);
    x.u = malloc(P * sizeof *x.u), x.slack = calloc(P, sizeof *x.slack), x.draft_u = malloc(P * sizeof *x.draft_u);
    x.leaf_u = malloc(P * sizeof *x.leaf_u);
    x.suffix = calloc((N + 1) * P, sizeof *x.suffix);
  }
  int rc = a && a->draft && a->pkg && a->loss && a->keep && x.cur && x.u && x.slack && x.draft_u && x.leaf_u && x.suffix
               ? 0
               : pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (rc == 0) {
    memcpy(a->draft, draft, N * sizeof *draft);
    memcpy(x.cur, draft, N * sizeof *draft);
    if (o.keep_for)
      for (size_t k = 0; k < o.n_keep_for; k++) a->keep[o.keep_for[k]] = 1;
    else default_keep(sc, a->keep);
    uint64_t red;
    pl_eval(c, draft, x.draft_u, &red);
    for (size_t p = 0; p < P; p++) x.u[p] = 0;
    for (size_t i = 0; i < N; i++) {
      const pl_fx *t = row(c, i, draft[i]);
      for (size_t p = 0; p < P; p++) x.u[p] += t[p];
    }
    for (size_t k = 0; k < c->n_rules; k++)
      if (!c->rules[k].red_line && c->rules[k].bonus > 0) x.slack[c->rules[k].party] += c->rules[k].bonus;
    for (size_t i = N; i-- > 0;) /* the most each party gains by changing issue i or any after it */
      for (size_t p = 0; p < P; p++) {
        pl_fx best = 0;
        const pl_fx base = row(c, i, draft[i])[p];
        for (uint32_t op = 0; op < c->radix[i]; op++)
          if (op != draft[i] && row(c, i, op)[p] - base > best) best = row(c, i, op)[p] - base;
        x.suffix[i * P + p] = x.suffix[(i + 1) * P + p] + best;
      }
    for (size_t k = 0; k <= a->max_changes && !x.cancelled; k++) {
      x.k = k;
      search(&x, 0, k);
      if (a->found) {
        a->changes = k;
        break;
      }
    }
    if (x.cancelled) rc = pl_fail(err, PARLEY_ERR_CANCELLED, NULL, 0, 0, "cancelled");
  }
  free(x.cur), free(x.u), free(x.slack), free(x.draft_u), free(x.leaf_u), free(x.suffix);
  if (rc) {
    parley_amendments_free(a);
    return rc;
  }
  amend_check(a);
  *out = a;
  return 0;
}

const parley_scenario *parley_amendments_scenario(const parley_amendments *a) { return a ? a->sc : NULL; }
const uint32_t *parley_amendments_draft(const parley_amendments *a) { return a ? a->draft : NULL; }
size_t parley_amendments_changes(const parley_amendments *a) { return a ? a->changes : PARLEY_NONE; }
size_t parley_amendments_max_changes(const parley_amendments *a) { return a ? a->max_changes : 0; }
uint64_t parley_amendments_found(const parley_amendments *a) { return a ? a->found : 0; }
uint64_t parley_amendments_visited(const parley_amendments *a) { return a ? a->visited : 0; }
size_t parley_amendments_count(const parley_amendments *a) { return a ? a->n : 0; }
const uint32_t *parley_amendments_package(const parley_amendments *a, size_t k) {
  return a && k < a->n ? a->pkg + k * a->n_issues : NULL;
}
double parley_amendments_loss(const parley_amendments *a, size_t k) {
  return a && k < a->n ? pl_fx_to(&a->sc->compiled, a->loss[k]) : NAN;
}
int parley_amendments_keeps_for(const parley_amendments *a, size_t party) { return a && party < a->n_parties && a->keep[party]; }
