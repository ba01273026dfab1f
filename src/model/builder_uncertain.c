/* builder_uncertain.c — the builder's setters for uncertain numbers (model/uncertain.h): each
 * checks the distribution against the range of the number it stands for, sets the number to
 * the distribution's mean through the ordinary setter (so every deterministic rule applies to
 * it), and keeps the distribution beside it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/builder.h"
#include "model/builder_data.h"
#include "util/error.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")

void pl_builder_points_free(b_points *p) {
  if (!p) return;
  free(p->x), free(p->y), free(p->y_dist);
  free(p);
}

b_points *pl_builder_points_copy(const b_points *p, int *nomem) {
  if (!p) return NULL;
  b_points *d = calloc(1, sizeof *d);
  if (d) {
    d->n = p->n;
    d->x = malloc(p->n * sizeof *d->x), d->y = malloc(p->n * sizeof *d->y), d->y_dist = malloc(p->n * sizeof *d->y_dist);
  }
  if (!d || !d->x || !d->y || !d->y_dist) {
    pl_builder_points_free(d);
    *nomem = 1;
    return NULL;
  }
  memcpy(d->x, p->x, p->n * sizeof *d->x), memcpy(d->y, p->y, p->n * sizeof *d->y);
  memcpy(d->y_dist, p->y_dist, p->n * sizeof *d->y_dist);
  return d;
}

static b_party *profile(parley_builder *b, size_t party, parley_error *err) {
  b_party *pa = b ? pl_builder_profile(b, party) : NULL;
  if (!pa) pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no party %zu", party);
  return pa;
}

/* d with the range of the number, checked. */
static int ranged(const pl_dist *d, double lo, double hi, const char *what, pl_dist *out, parley_error *err) {
  if (!d) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = *d;
  out->lo = lo, out->hi = hi;
  return pl_dist_check(out, what, err);
}

int pl_builder_set_reservation_dist(parley_builder *b, size_t party, const pl_dist *d, parley_error *err) {
  b_party *pa = profile(b, party, err);
  pl_dist x;
  if (!pa) return PARLEY_ERR_ARG;
  int rc = ranged(d, 0, 1, "a reservation", &x, err);
  if (rc == 0) rc = parley_builder_set_reservation(b, party, pl_dist_mean(&x), err);
  if (rc == 0) pa->reservation_dist = x;
  return rc;
}

int pl_builder_set_weight_dist(parley_builder *b, size_t party, size_t issue, const pl_dist *d, parley_error *err) {
  b_party *pa = profile(b, party, err);
  pl_dist x;
  if (!pa) return PARLEY_ERR_ARG;
  int rc = ranged(d, 0, INFINITY, "a weight", &x, err);
  if (rc == 0) rc = parley_builder_set_weight(b, party, issue, pl_dist_mean(&x), err);
  if (rc == 0) pa->weight_dist[issue] = x;
  return rc;
}

int pl_builder_set_dirichlet(parley_builder *b, size_t party, const double *alpha, parley_error *err) {
  b_party *pa = profile(b, party, err);
  if (!pa || !alpha) return PARLEY_ERR_ARG;
  int any = 0;
  for (size_t i = 0; i < b->n_issues; i++) {
    if (!(alpha[i] >= 0) || isinf(alpha[i]))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "dirichlet: the alpha of issue '%s' must be a number > 0, not %g",
                     pl_builder_issue_id(b, i), alpha[i]);
    any |= alpha[i] > 0;
  }
  if (!any) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "dirichlet: no issue has an alpha > 0");
  for (size_t i = 0; i < b->n_issues; i++) {
    int rc = alpha[i] > 0 || pa->weight[i] > 0 ? parley_builder_set_weight(b, party, i, alpha[i], err) : 0;
    if (rc) return rc;
  }
  pa->normalise = 1;
  pa->has_alpha = 1; /* the mean of Dirichlet(alpha) is alpha normalised: the weights as set */
  return 0;
}

int pl_builder_set_value_dist(parley_builder *b, size_t party, size_t issue, size_t option, const pl_dist *d,
                              parley_error *err) {
  b_party *pa = profile(b, party, err);
  pl_dist x;
  if (!pa) return PARLEY_ERR_ARG;
  if (issue >= b->n_issues || !pa->value[issue] || option >= pa->n_value[issue])
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no value of option %zu of issue %zu to make uncertain", option, issue);
  int rc = ranged(d, 0, 1, "a value", &x, err);
  if (rc) return rc;
  if (!pa->value_dist[issue] && !(pa->value_dist[issue] = calloc(pa->n_value[issue], sizeof *pa->value_dist[issue])))
    return NOMEM(err);
  pl_builder_points_free(pa->points[issue]); /* values given one by one: no function any more */
  pa->points[issue] = NULL;
  const double m = pl_dist_mean(&x);
  pa->value[issue][option] = m;
  pa->value_q[issue][option] = pl_q_from_double(m);
  if (pl_q_exact(pa->value_q[issue][option])) pa->value[issue][option] = pl_q_to_double(pa->value_q[issue][option]);
  pa->value_dist[issue][option] = x;
  return 0;
}

int pl_builder_set_points_dist(parley_builder *b, size_t party, size_t issue, size_t n, const double *x, const double *y,
                               const pl_dist *y_dist, parley_error *err) {
  b_party *pa = profile(b, party, err);
  if (!pa || !x || !y || !y_dist || n == 0) return PARLEY_ERR_ARG;
  b_points p = {n, NULL, NULL, NULL};
  double *mean = malloc(n * sizeof *mean);
  p.y_dist = malloc(n * sizeof *p.y_dist);
  int rc = mean && p.y_dist ? 0 : NOMEM(err);
  for (size_t k = 0; rc == 0 && k < n; k++) {
    if (y_dist[k].kind == PL_DIST_NONE) {
      mean[k] = y[k];
      p.y_dist[k] = (pl_dist){0};
    } else {
      rc = ranged(&y_dist[k], 0, 1, "a value", &p.y_dist[k], err);
      if (rc == 0) mean[k] = pl_dist_mean(&p.y_dist[k]);
    }
  }
  if (rc == 0) rc = parley_builder_set_points(b, party, issue, n, x, mean, err);
  p.x = (double *)x, p.y = mean;
  int nomem = 0;
  if (rc == 0 && !(pa->points[issue] = pl_builder_points_copy(&p, &nomem))) rc = NOMEM(err);
  free(mean), free(p.y_dist);
  return rc;
}

int pl_builder_set_rule_dist(parley_builder *b, size_t party, int red_line, const pl_dist *bonus, double probability,
                             parley_error *err) {
  b_party *pa = profile(b, party, err);
  if (!pa) return PARLEY_ERR_ARG;
  b_rules *list = red_line ? &pa->red_lines : &pa->interactions;
  if (!list->n) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no rule to make uncertain");
  b_rule *r = &list->items[list->n - 1];
  if (red_line) {
    if (!(probability >= 0 && probability <= 1))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a red line's probability must be in [0, 1], not %g", probability);
    r->probability = probability;
    return 0;
  }
  pl_dist x;
  int rc = ranged(bonus, -1, 1, "a bonus", &x, err);
  if (rc) return rc;
  r->bonus = pl_dist_mean(&x);
  r->bonus_q = pl_q_from_double(r->bonus);
  if (pl_q_exact(r->bonus_q)) r->bonus = pl_q_to_double(r->bonus_q);
  r->bonus_dist = x;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The public setters (parley/uncertainty.h): a parley_distribution is a pl_dist without its  */
/* range, which the setters fill in.                                                          */

_Static_assert((int)PARLEY_DIST_UNIFORM == (int)PL_DIST_UNIFORM && (int)PARLEY_DIST_TRIANGULAR == (int)PL_DIST_TRIANGULAR &&
                   (int)PARLEY_DIST_NORMAL == (int)PL_DIST_NORMAL,
               "the public and internal kinds of distribution are numbered alike");

int pl_dist_from_public(const parley_distribution *d, pl_dist *out, parley_error *err) {
  if (!d || d->kind < PARLEY_DIST_UNIFORM || d->kind > PARLEY_DIST_NORMAL)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "not a distribution (uniform, triangular or normal)");
  *out = (pl_dist){.kind = (int)d->kind, .a = d->a, .b = d->b, .c = d->c};
  return 0;
}

int parley_builder_set_reservation_dist(parley_builder *b, size_t party, const parley_distribution *d, parley_error *err) {
  pl_dist x;
  int rc = pl_dist_from_public(d, &x, err);
  return rc ? rc : pl_builder_set_reservation_dist(b, party, &x, err);
}

int parley_builder_set_weight_dist(parley_builder *b, size_t party, size_t issue, const parley_distribution *d,
                                   parley_error *err) {
  pl_dist x;
  int rc = pl_dist_from_public(d, &x, err);
  return rc ? rc : pl_builder_set_weight_dist(b, party, issue, &x, err);
}

int parley_builder_set_value_dist(parley_builder *b, size_t party, size_t issue, size_t option, const parley_distribution *d,
                                  parley_error *err) {
  pl_dist x;
  int rc = pl_dist_from_public(d, &x, err);
  return rc ? rc : pl_builder_set_value_dist(b, party, issue, option, &x, err);
}

int parley_builder_set_dirichlet(parley_builder *b, size_t party, const double *alpha, parley_error *err) {
  return pl_builder_set_dirichlet(b, party, alpha, err);
}

int parley_builder_set_bonus_dist(parley_builder *b, size_t party, const parley_distribution *d, parley_error *err) {
  pl_dist x;
  int rc = pl_dist_from_public(d, &x, err);
  return rc ? rc : pl_builder_set_rule_dist(b, party, 0, &x, 0, err);
}

int parley_builder_set_red_line_probability(parley_builder *b, size_t party, double probability, parley_error *err) {
  return pl_builder_set_rule_dist(b, party, 1, NULL, probability, err);
}
