/* schedule.c — the scenario's clock (`time:`), numbers that follow schedules over it, and the
 * scenario as it stands at a time (parley_scenario_at): every schedule read at that time, and
 * each party's discount d applied as d^(t / horizon) to its utilities and its reservation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/builder.h"
#include "model/builder_data.h"
#include "model/scenario.h"
#include "util/error.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")

void pl_builder_sched_free(b_sched *s) {
  if (!s) return;
  free(s->t), free(s->v), free(s->d);
  free(s);
}

b_sched *pl_builder_sched_copy(const b_sched *s, int *nomem) {
  if (!s) return NULL;
  b_sched *c = calloc(1, sizeof *c);
  if (c) {
    c->n = s->n;
    c->t = malloc(s->n * sizeof *c->t), c->v = malloc(s->n * sizeof *c->v);
    if (s->d) c->d = malloc(s->n * sizeof *c->d);
  }
  if (!c || !c->t || !c->v || (s->d && !c->d)) {
    pl_builder_sched_free(c);
    *nomem = 1;
    return NULL;
  }
  memcpy(c->t, s->t, s->n * sizeof *c->t), memcpy(c->v, s->v, s->n * sizeof *c->v);
  if (s->d) memcpy(c->d, s->d, s->n * sizeof *c->d);
  return c;
}

int pl_builder_set_time(parley_builder *b, const char *unit, double horizon, parley_error *err) {
  if (!b) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  if (!(horizon > 0) || isinf(horizon))
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the horizon must be a number > 0, not %g", horizon);
  if (pl_builder_strdup(&b->time_unit, unit ? unit : "")) return NOMEM(err);
  b->horizon = horizon;
  return 0;
}

/* The number and, where the points are distributions, the distribution at time t. */
static void sched_at(size_t n, const double *ts, const double *vs, const pl_dist *ds, double t, double *v, pl_dist *d) {
  size_t j = 0;
  double f = 0; /* between point j and j + 1, the share of the way */
  if (t <= ts[0]) j = 0;
  else if (t >= ts[n - 1]) j = n - 1;
  else {
    while (ts[j + 1] < t) j++;
    f = (t - ts[j]) / (ts[j + 1] - ts[j]);
  }
  const size_t k = j + 1 < n ? j + 1 : j;
  *v = vs[j] + f * (vs[k] - vs[j]);
  if (!ds) {
    memset(d, 0, sizeof *d);
    return;
  }
  *d = ds[j];
  d->a = ds[j].a + f * (ds[k].a - ds[j].a);
  d->b = ds[j].b + f * (ds[k].b - ds[j].b);
  d->c = ds[j].c + f * (ds[k].c - ds[j].c);
  *v = pl_dist_mean(d);
}

double pl_builder_sched_value(const b_sched *s, double t) {
  double v;
  pl_dist d;
  sched_at(s->n, s->t, s->v, s->d, t, &v, &d);
  return v;
}

/* A schedule's points, checked: at least one, times strictly increasing and >= 0, each number
 * (or distribution, all of one kind) in [lo, hi]. */
static int sched_make(size_t n, const double *t, const double *v, const pl_dist *d, double lo, double hi, const char *what,
                      b_sched **out, parley_error *err) {
  if (!n || !t || !v) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a schedule needs at least one point [time, %s]", what);
  for (size_t k = 0; k < n; k++) {
    if (!(t[k] >= 0) || isinf(t[k]))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a schedule's time must be a number >= 0, not %g", t[k]);
    if (k && !(t[k] > t[k - 1]))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a schedule's times must increase (%g follows %g)", t[k], t[k - 1]);
    if (d && (d[k].kind != PL_DIST_NONE) != (d[0].kind != PL_DIST_NONE))
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a schedule's points must all be numbers, or all distributions");
    if (d && d[k].kind) {
      if (d[k].kind != d[0].kind)
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a schedule's distributions must all be of one kind");
      pl_dist x = d[k];
      x.lo = lo, x.hi = hi;
      int rc = pl_dist_check(&x, what, err);
      if (rc) return rc;
    } else if (!(v[k] >= lo && v[k] <= hi)) {
      return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "%s %g at time %g is outside [%g, %g]", what, v[k], t[k], lo, hi);
    }
  }
  const int uncertain = d && d[0].kind;
  b_sched s = {n, (double *)t, (double *)v, uncertain ? (pl_dist *)d : NULL};
  int nomem = 0;
  if (!(*out = pl_builder_sched_copy(&s, &nomem))) return NOMEM(err);
  for (size_t k = 0; uncertain && k < n; k++) (*out)->d[k].lo = lo, (*out)->d[k].hi = hi, (*out)->v[k] = pl_dist_mean(&(*out)->d[k]);
  return 0;
}

int pl_builder_set_reservation_schedule(parley_builder *b, size_t party, size_t n, const double *t, const double *v,
                                        const pl_dist *d, parley_error *err) {
  b_party *pa = b ? pl_builder_profile(b, party) : NULL;
  if (!pa) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no party %zu", party);
  b_sched *s = NULL;
  int rc = sched_make(n, t, v, d, 0, 1, "a reservation", &s, err);
  if (rc == 0 && s->t[s->n - 1] > b->horizon)
    rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the schedule runs to time %g, past the horizon %g", s->t[s->n - 1], b->horizon);
  double v0;
  pl_dist d0;
  if (rc == 0) sched_at(s->n, s->t, s->v, s->d, 0, &v0, &d0);
  if (rc == 0) rc = d0.kind ? pl_builder_set_reservation_dist(b, party, &d0, err) : parley_builder_set_reservation(b, party, v0, err);
  if (rc) {
    pl_builder_sched_free(s);
    return rc;
  }
  pa->reservation_sched = s;
  return 0;
}

int pl_builder_set_weight_schedule(parley_builder *b, size_t party, size_t issue, size_t n, const double *t, const double *v,
                                   const pl_dist *d, parley_error *err) {
  b_party *pa = b ? pl_builder_profile(b, party) : NULL;
  if (!pa || issue >= b->n_issues) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "no party %zu or issue %zu", party, issue);
  b_sched *s = NULL;
  int rc = sched_make(n, t, v, d, 0, INFINITY, "a weight", &s, err);
  if (rc == 0 && s->t[s->n - 1] > b->horizon)
    rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the schedule runs to time %g, past the horizon %g", s->t[s->n - 1], b->horizon);
  double v0;
  pl_dist d0;
  if (rc == 0) sched_at(s->n, s->t, s->v, s->d, 0, &v0, &d0);
  if (rc == 0) rc = d0.kind ? pl_builder_set_weight_dist(b, party, issue, &d0, err) : parley_builder_set_weight(b, party, issue, v0, err);
  if (rc) {
    pl_builder_sched_free(s);
    return rc;
  }
  pa->weight_sched[issue] = s;
  return 0;
}

int pl_builder_check_times(const parley_builder *b, parley_error *err) {
  for (size_t p = 0; p < b->n_parties; p++) {
    const b_party *pa = b->parties[p];
    const b_sched *all[PARLEY_MAX_ISSUES + 1];
    size_t n = 0;
    if (pa->reservation_sched) all[n++] = pa->reservation_sched;
    for (size_t i = 0; i < b->n_issues; i++)
      if (pa->weight_sched[i]) all[n++] = pa->weight_sched[i];
    for (size_t k = 0; k < n; k++)
      if (all[k]->t[all[k]->n - 1] > b->horizon)
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a schedule of party '%s' runs to time %g, past the horizon %g", pa->id,
                       all[k]->t[all[k]->n - 1], b->horizon);
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The scenario at a time                                                                     */

static void scale_dist(pl_dist *d, double f) {
  if (!d->kind) return;
  d->a *= f, d->b *= f, d->c *= f;
  d->lo *= f, d->hi = isinf(d->hi) ? d->hi : d->hi * f;
}

/* A profile of the builder made from sc at time t: the schedules of src (the profile in sc)
 * read at t, for the parts named by keys, and the discount factor f applied to the parts the
 * profile itself holds (a belief holds only those it gives; the rest is the truth's, scaled as
 * the truth is). handle: a party's index or a belief's handle. */
static int profile_at(parley_builder *b, size_t handle, const pl_party *src, unsigned keys, size_t n_issues, double t, double f,
                      parley_error *err) {
  b_party *pa = pl_builder_profile(b, handle);
  int rc = 0;
  if ((keys & PL_KEY_RESERVATION) && src->reservation_sched) {
    const pl_sched *s = src->reservation_sched;
    double v;
    pl_dist d;
    sched_at(s->n, s->t, s->v, s->d, t, &v, &d);
    rc = d.kind ? pl_builder_set_reservation_dist(b, handle, &d, err) : parley_builder_set_reservation(b, handle, v, err);
  }
  for (size_t i = 0; rc == 0 && (keys & PL_KEY_WEIGHTS) && src->weight_sched && i < n_issues; i++) {
    const pl_sched *s = src->weight_sched[i];
    if (!s) continue;
    double v;
    pl_dist d;
    sched_at(s->n, s->t, s->v, s->d, t, &v, &d);
    rc = d.kind ? pl_builder_set_weight_dist(b, handle, i, &d, err) : parley_builder_set_weight(b, handle, i, v, err);
  }
  if (rc || f == 1) return rc;
  /* a common factor on every term and the reservation: values, points, bonuses scaled */
  for (size_t i = 0; i < n_issues; i++) {
    for (size_t o = 0; pa->value[i] && o < pa->n_value[i]; o++) {
      pa->value[i][o] *= f;
      pa->value_q[i][o] = pl_q_from_double(pa->value[i][o]);
      if (pa->value_dist[i]) scale_dist(&pa->value_dist[i][o], f);
    }
    for (size_t k = 0; pa->points[i] && k < pa->points[i]->n; k++) {
      pa->points[i]->y[k] *= f;
      scale_dist(&pa->points[i]->y_dist[k], f);
    }
  }
  for (size_t k = 0; (keys & PL_KEY_INTERACTIONS) && k < pa->interactions.n; k++) {
    b_rule *r = &pa->interactions.items[k];
    r->bonus *= f;
    r->bonus_q = pl_q_from_double(r->bonus);
    scale_dist(&r->bonus_dist, f);
  }
  if (keys & PL_KEY_RESERVATION) {
    pa->reservation *= f;
    pa->reservation_q = pl_q_from_double(pa->reservation);
    scale_dist(&pa->reservation_dist, f);
  }
  return 0;
}

int parley_scenario_at(const parley_scenario *sc, double t, parley_scenario **out, parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  if (!(t >= 0 && t <= sc->horizon))
    return pl_fail(err, PARLEY_ERR_ARG, parley_scenario_source(sc), 0, 0, "time %g is outside the scenario's clock [0, %g]%s%s", t,
                   sc->horizon, sc->time_unit[0] ? " " : "", sc->time_unit);
  parley_builder *b = NULL;
  int rc = parley_builder_from_scenario(sc, &b, err);
  for (size_t p = 0; rc == 0 && p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    rc = profile_at(b, p, pa, PL_KEY_ALL, sc->n_issues, t, pa->discount < 1 ? pow(pa->discount, t / sc->horizon) : 1, err);
  }
  for (uint32_t k = 0; rc == 0 && k < sc->mediation.n_beliefs; k++) { /* the mediators' pictures, likewise */
    const pl_belief *bl = &sc->mediation.beliefs[k];
    const double d = bl->profile.discount;
    rc = profile_at(b, PL_BELIEF_HANDLE(k), &bl->profile, bl->keys, sc->n_issues, t, d < 1 ? pow(d, t / sc->horizon) : 1, err);
  }
  if (rc == 0) rc = parley_builder_build(b, out, err);
  parley_builder_free(b);
  return rc;
}

double parley_party_reservation_at(const parley_scenario *sc, size_t party, double t) {
  if (!sc || party >= sc->n_parties) return NAN;
  const pl_party *pa = &sc->parties[party];
  if (!pa->reservation_sched) return pa->reservation;
  double v;
  pl_dist d;
  sched_at(pa->reservation_sched->n, pa->reservation_sched->t, pa->reservation_sched->v, pa->reservation_sched->d, t, &v, &d);
  return v;
}

double parley_scenario_horizon(const parley_scenario *sc) { return sc ? sc->horizon : NAN; }
const char *parley_scenario_time_unit(const parley_scenario *sc) { return sc ? sc->time_unit : NULL; }
int parley_scenario_timed(const parley_scenario *sc) { return sc && sc->timed; }

int parley_builder_set_time(parley_builder *b, const char *unit, double horizon, parley_error *err) {
  return pl_builder_set_time(b, unit, horizon, err);
}

/* The public schedules: numbers, or distributions turned into pl_dist (their ranges left to
 * the setter), then the reader's setter; weight 1 for a weight's, 0 for a reservation's. */
static int public_schedule(parley_builder *b, size_t party, size_t issue, int weight, size_t n, const double *t,
                           const double *v, const parley_distribution *d, parley_error *err) {
  if (!d)
    return weight ? pl_builder_set_weight_schedule(b, party, issue, n, t, v, NULL, err)
                  : pl_builder_set_reservation_schedule(b, party, n, t, v, NULL, err);
  if (!n || n > 1000) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "a schedule has 1 to 1000 points, not %zu", n);
  pl_dist *x = malloc(n * sizeof *x);
  double *mean = malloc(n * sizeof *mean); /* the numbers stand for the distributions' means */
  int rc = x && mean ? 0 : pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t k = 0; rc == 0 && k < n; k++) {
    rc = pl_dist_from_public(&d[k], &x[k], err);
    mean[k] = 0;
  }
  if (rc == 0)
    rc = weight ? pl_builder_set_weight_schedule(b, party, issue, n, t, v ? v : mean, x, err)
                : pl_builder_set_reservation_schedule(b, party, n, t, v ? v : mean, x, err);
  free(x), free(mean);
  return rc;
}

int parley_builder_set_reservation_schedule(parley_builder *b, size_t party, size_t n, const double *t, const double *v,
                                            const parley_distribution *d, parley_error *err) {
  return public_schedule(b, party, 0, 0, n, t, v, d, err);
}

int parley_builder_set_weight_schedule(parley_builder *b, size_t party, size_t issue, size_t n, const double *t,
                                       const double *v, const parley_distribution *d, parley_error *err) {
  return public_schedule(b, party, issue, 1, n, t, v, d, err);
}
