/* build.c — checking a builder's whole (every party's weights and values, rules and frameworks
 * made for the issues as they are now), making the scenario it describes, and making a builder
 * from a scenario, for copies and changes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/builder.h"
#include "model/builder_data.h"
#include "model/scenario.h"
#include "util/error.h"

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")

/* ------------------------------------------------------------------------------------------ */
/* Building                                                                                   */

/* The sum of the party's weights at time t (its schedules read then). */
static double weight_sum(const b_party *pa, double t) {
  double sum = 0;
  for (size_t k = 0; k < pa->n_order; k++) {
    const size_t i = pa->order[k];
    sum += pa->weight_sched[i] ? pl_builder_sched_value(pa->weight_sched[i], t) : pa->weight[i];
  }
  return sum;
}

static int check_weights(const b_party *pa, parley_error *err) {
  if (!pa->normalise) return 0;
  /* at time 0, and at every point of every weight schedule: between them the sum is linear */
  double worst = weight_sum(pa, 0), when = 0;
  for (size_t k = 0; k < pa->n_order; k++) {
    const b_sched *s = pa->weight_sched[pa->order[k]];
    for (size_t j = 0; s && j < s->n; j++) {
      const double x = weight_sum(pa, s->t[j]);
      if (!(x > worst)) worst = x, when = s->t[j];
    }
  }
  if (!(worst > 0))
    return when > 0 ? pl_builder_fail(err, PARLEY_ERR_INVALID, "all weights of party '%s' are zero at time %g; at least one must be > 0 at every time", pa->id, when)
                    : pl_builder_fail(err, PARLEY_ERR_INVALID, "all weights of party '%s' are zero; at least one must be > 0", pa->id);
  if (!isfinite(weight_sum(pa, 0))) return pl_builder_fail(err, PARLEY_ERR_INVALID, "the weights of party '%s' are too large to add up", pa->id);
  return 0;
}

/* Whether the party weighs the issue now, at some time of a schedule, or in some draw. */
static int weighs(const b_party *pa, size_t i) {
  if (pa->weight[i] > 0) return 1;
  const b_sched *s = pa->weight_sched[i];
  for (size_t j = 0; s && j < s->n; j++)
    if (s->v[j] > 0 || (s->d && s->d[j].kind && (s->d[j].kind == PL_DIST_NORMAL || s->d[j].b > 0))) return 1;
  const pl_dist *d = &pa->weight_dist[i];
  return d->kind == PL_DIST_NORMAL || (d->kind && d->b > 0);
}

static int check_values(const parley_builder *b, const b_party *pa, size_t issue, parley_error *err) {
  const b_issue *is = &b->issues[issue];
  if (weighs(pa, issue) && !pa->value[issue])
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "party '%s' weighs issue '%s'%s but gives no values for its options", pa->id, is->id,
                           pa->weight[issue] > 0 ? "" : " (at some time, or in some draw)");
  if (pa->value[issue] && pa->n_value[issue] != is->n_options)
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "the values of party '%s' for issue '%s' cover %zu options; the issue has %zu",
                   pa->id, is->id, pa->n_value[issue], is->n_options);
  return 0;
}

int pl_builder_check_weights(const parley_builder *b, size_t party, parley_error *err) {
  const b_party *pa = pl_builder_profile(b, party);
  return pa ? check_weights(pa, err) : pl_builder_fail(err, PARLEY_ERR_ARG, "no party %zu", party);
}

int pl_builder_check_values(const parley_builder *b, size_t party, size_t issue, parley_error *err) {
  const b_party *pa = pl_builder_profile(b, party);
  if (!pa || issue >= b->n_issues) return pl_builder_fail(err, PARLEY_ERR_ARG, "no party %zu or issue %zu", party, issue);
  return check_values(b, pa, issue, err);
}

int pl_check_profile(const parley_builder *b, const b_party *pa, parley_error *err) {
  {
    int rc = check_weights(pa, err);
    for (size_t i = 0; rc == 0 && i < b->n_issues; i++) rc = check_values(b, pa, i, err);
    /* the largest a utility can reach: each issue's largest term and every bonus */
    double sum = 0, reach = 0;
    for (size_t k = 0; k < pa->n_order; k++) sum += pa->weight[pa->order[k]];
    for (size_t i = 0; i < b->n_issues; i++) {
      double top = 0;
      for (size_t o = 0; pa->value[i] && o < pa->n_value[i]; o++) top = fmax(top, pa->weight[i] * pa->value[i][o]);
      reach += pa->normalise && sum > 0 ? top / sum : top;
    }
    for (size_t k = 0; k < pa->interactions.n; k++) reach += fabs(pa->interactions.items[k].bonus);
    if (rc == 0 && !(reach <= PL_MAX_UTILITY))
      rc = pl_builder_fail(err, PARLEY_ERR_LIMIT, "the utility of party '%s' could reach %g; parley holds utilities up to %g",
                           pa->id, reach, PL_MAX_UTILITY);
    const b_rules *lists[2] = {&pa->interactions, &pa->red_lines};
    for (int l = 0; rc == 0 && l < 2; l++)
      for (size_t k = 0; rc == 0 && k < lists[l]->n; k++)
        for (size_t c = 0; rc == 0 && c < lists[l]->items[k].n_conds; c++) {
          const b_cond *cd = &lists[l]->items[k].conds[c];
          if (cd->n_allowed != b->issues[cd->issue].n_options)
            rc = pl_builder_fail(err, PARLEY_ERR_INVALID, "a rule of party '%s' on issue '%s' was given for %zu options; the issue has %zu",
                         pa->id, b->issues[cd->issue].id, cd->n_allowed, b->issues[cd->issue].n_options);
        }
    if (rc) return rc;
  }
  return 0;
}

/* Every check of the whole (see parley_builder_build). */
static int check_all(const parley_builder *b, parley_error *err) {
  if (b->n_issues == 0) return pl_builder_fail(err, PARLEY_ERR_INVALID, "a scenario needs at least one issue");
  for (size_t i = 0; i < b->n_issues; i++)
    if (b->issues[i].n_options == 0) return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' has no options", b->issues[i].id);
  if (b->n_parties == 0) return pl_builder_fail(err, PARLEY_ERR_INVALID, "a scenario needs at least one party");
  for (size_t p = 0; p < b->n_parties; p++) {
    int rc = pl_check_profile(b, b->parties[p], err);
    if (rc) return rc;
  }
  int trc = pl_builder_check_times(b, err);
  if (trc) return trc;
  int mrc = pl_mediation_check(b, err);
  if (mrc) return mrc;
  for (size_t f = 0; f < b->n_frameworks; f++)
    if (b->frameworks[f].n != b->n_issues)
      return pl_builder_fail(err, PARLEY_ERR_INVALID, "framework '%s' was given before issue '%s' and has no option for it",
                     b->frameworks[f].id, b->issues[b->frameworks[f].n].id);
  return 0;
}

const char *pl_build_strdup(pl_arena *a, const char *s, const char *dflt, int *nomem) {
  const char *d = pl_arena_strdup(a, s ? s : dflt ? dflt : "");
  *nomem |= !d;
  return d;
}

/* The rules of src into *out; with likely >= 0, only the red lines that hold with probability
 * 1/2 or more (likely 1) or less (likely 0). */
static void copy_rules(pl_arena *a, const b_rules *src, int likely, pl_rule **out, uint32_t *n_out, int *nomem) {
  *out = pl_arena_array(a, src->n ? src->n : 1, sizeof **out);
  *n_out = 0;
  if (!*out) {
    *nomem = 1;
    return;
  }
  for (size_t k = 0; k < src->n; k++) {
    const b_rule *r = &src->items[k];
    if (likely >= 0 && (r->probability >= 0.5) != likely) continue;
    pl_rule *d = &(*out)[(*n_out)++];
    d->order = (uint32_t)k;
    d->bonus_dist = r->bonus_dist;
    d->probability = r->probability;
    d->note = pl_build_strdup(a, r->note, NULL, nomem);
    d->bonus = r->bonus;
    d->bonus_q = r->bonus_q;
    d->n_conds = (uint32_t)r->n_conds;
    d->conds = pl_arena_array(a, r->n_conds ? r->n_conds : 1, sizeof *d->conds);
    if (!d->conds) {
      *nomem = 1;
      return;
    }
    for (size_t c = 0; c < r->n_conds; c++) {
      d->conds[c].issue = (uint32_t)r->conds[c].issue;
      d->conds[c].allowed = pl_arena_alloc(a, r->conds[c].n_allowed ? r->conds[c].n_allowed : 1);
      if (!d->conds[c].allowed) *nomem = 1;
      else memcpy(d->conds[c].allowed, r->conds[c].allowed, r->conds[c].n_allowed);
    }
  }
}

/* A schedule in the arena, or NULL when out of memory. */
static pl_sched *arena_sched(pl_arena *a, const b_sched *s) {
  pl_sched *d = pl_arena_alloc(a, sizeof *d);
  if (!d || !(d->t = pl_arena_array(a, s->n, sizeof *d->t)) || !(d->v = pl_arena_array(a, s->n, sizeof *d->v))) return NULL;
  d->n = (uint32_t)s->n;
  memcpy(d->t, s->t, s->n * sizeof *d->t), memcpy(d->v, s->v, s->n * sizeof *d->v);
  d->d = NULL;
  if (s->d) {
    if (!(d->d = pl_arena_array(a, s->n, sizeof *d->d))) return NULL;
    memcpy(d->d, s->d, s->n * sizeof *d->d);
  }
  return d;
}

/* A model schedule back in the builder's memory, or NULL (*nomem set when out of memory). */
static b_sched *builder_sched(const pl_sched *s, int *nomem) {
  if (!s) return NULL;
  const b_sched x = {s->n, s->t, s->v, s->d};
  return pl_builder_sched_copy(&x, nomem);
}

void pl_build_profile(pl_arena *a, const parley_builder *b, const b_party *src, pl_party *d, int *nomem) {
  const size_t N = b->n_issues;
  d->id = pl_build_strdup(a, src->id, NULL, nomem);
  d->name = pl_build_strdup(a, src->name, src->id, nomem);
  d->power = src->power;
  d->reservation = src->reservation;
  d->reservation_q = src->reservation_q;
  d->discount = src->discount;
  d->weight = pl_arena_array(a, N, sizeof *d->weight);
  d->value = pl_arena_array(a, N, sizeof *d->value);
  d->weight_q = pl_arena_array(a, N, sizeof *d->weight_q);
  d->value_q = pl_arena_array(a, N, sizeof *d->value_q);
  if (!d->weight || !d->value || !d->weight_q || !d->value_q) {
    *nomem = 1;
    return;
  }
  double sum = 0; /* in the order the weights were given, as a reader adds them up */
  pl_q sum_q = pl_q_int(0);
  for (size_t k = 0; k < src->n_order; k++) {
    sum += src->weight[src->order[k]];
    sum_q = pl_q_add(sum_q, src->weight_q[src->order[k]]);
  }
  for (size_t i = 0; i < N; i++) {
    /* normalised in exact arithmetic where the weights are fractions, and rounded from that */
    d->weight_q[i] = src->normalise ? pl_q_div(src->weight_q[i], sum_q) : src->weight_q[i];
    d->weight[i] = pl_q_exact(d->weight_q[i]) ? pl_q_to_double(d->weight_q[i])
                   : src->normalise           ? src->weight[i] / sum
                                              : src->weight[i];
    if (!src->value[i]) continue;
    d->value[i] = pl_arena_array(a, src->n_value[i], sizeof *d->value[i]);
    d->value_q[i] = pl_arena_array(a, src->n_value[i], sizeof *d->value_q[i]);
    if (!d->value[i] || !d->value_q[i]) {
      *nomem = 1;
      continue;
    }
    memcpy(d->value[i], src->value[i], src->n_value[i] * sizeof *d->value[i]);
    memcpy(d->value_q[i], src->value_q[i], src->n_value[i] * sizeof *d->value_q[i]);
  }
  copy_rules(a, &src->interactions, -1, &d->interactions, &d->n_interactions, nomem);
  copy_rules(a, &src->red_lines, 1, &d->red_lines, &d->n_red_lines, nomem);
  copy_rules(a, &src->red_lines, 0, &d->unlikely, &d->n_unlikely, nomem);
  /* uncertainty */
  d->reservation_dist = src->reservation_dist;
  int weights_uncertain = src->has_alpha, values_uncertain = 0, weights_scheduled = 0;
  for (size_t i = 0; i < N; i++) weights_scheduled |= src->weight_sched[i] != NULL;
  for (size_t i = 0; i < N; i++) {
    weights_uncertain |= src->weight_dist[i].kind != PL_DIST_NONE;
    values_uncertain |= src->value_dist[i] || src->points[i];
  }
  int rules_uncertain = d->n_unlikely > 0;
  for (uint32_t k = 0; k < d->n_interactions; k++) rules_uncertain |= d->interactions[k].bonus_dist.kind != PL_DIST_NONE;
  for (uint32_t k = 0; k < d->n_red_lines; k++) rules_uncertain |= d->red_lines[k].probability < 1;
  d->uncertain = weights_uncertain || values_uncertain || rules_uncertain || d->reservation_dist.kind != PL_DIST_NONE;
  if (src->reservation_sched || weights_scheduled) { /* schedules */
    if (src->reservation_sched && !(d->reservation_sched = arena_sched(a, src->reservation_sched))) *nomem = 1;
    if (weights_scheduled && (d->weight_sched = pl_arena_array(a, N ? N : 1, sizeof *d->weight_sched)))
      for (size_t i = 0; i < N; i++)
        if (src->weight_sched[i] && !(d->weight_sched[i] = arena_sched(a, src->weight_sched[i]))) *nomem = 1;
    if (weights_scheduled && !d->weight_sched) *nomem = 1;
  }
  if (weights_uncertain || weights_scheduled) {
    d->normalise = src->normalise;
    d->weight_raw = pl_arena_array(a, N ? N : 1, sizeof *d->weight_raw);
    d->weight_dist = pl_arena_array(a, N ? N : 1, sizeof *d->weight_dist);
    if (!d->weight_raw || !d->weight_dist) {
      *nomem = 1;
      return;
    }
    memcpy(d->weight_raw, src->weight, N * sizeof *d->weight_raw);
    memcpy(d->weight_dist, src->weight_dist, N * sizeof *d->weight_dist);
    if (src->has_alpha) d->alpha = d->weight_raw; /* the alphas are the weights as given */
  }
  if (values_uncertain) {
    d->value_dist = pl_arena_array(a, N ? N : 1, sizeof *d->value_dist);
    d->points = pl_arena_array(a, N ? N : 1, sizeof *d->points);
    if (!d->value_dist || !d->points) {
      *nomem = 1;
      return;
    }
    for (size_t i = 0; i < N; i++) {
      if (src->value_dist[i] && (d->value_dist[i] = pl_arena_array(a, src->n_value[i], sizeof **d->value_dist)))
        memcpy(d->value_dist[i], src->value_dist[i], src->n_value[i] * sizeof **d->value_dist);
      const b_points *p = src->points[i];
      if (!p) continue;
      pl_points *q = d->points[i] = pl_arena_alloc(a, sizeof *q);
      if (!q || !(q->x = pl_arena_array(a, p->n, sizeof *q->x)) || !(q->y = pl_arena_array(a, p->n, sizeof *q->y)) ||
          !(q->y_dist = pl_arena_array(a, p->n, sizeof *q->y_dist))) {
        *nomem = 1;
        return;
      }
      q->n = (uint32_t)p->n;
      memcpy(q->x, p->x, p->n * sizeof *q->x), memcpy(q->y, p->y, p->n * sizeof *q->y);
      memcpy(q->y_dist, p->y_dist, p->n * sizeof *q->y_dist);
    }
  }
}

int parley_builder_build(const parley_builder *b, parley_scenario **out, parley_error *err) {
  if (!b || !out) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  *out = NULL;
  int rc = check_all(b, err);
  if (rc) {
    if (err) snprintf(err->file, sizeof err->file, "%s", b->source);
    return rc;
  }
  pl_arena arena = {0};
  parley_scenario *sc = pl_arena_alloc(&arena, sizeof *sc);
  if (!sc) return NOMEM(err);
  sc->arena = arena; /* from here on everything is allocated through sc->arena */
  pl_arena *a = &sc->arena;
  int nomem = 0;
  const size_t N = b->n_issues, P = b->n_parties;
  sc->source = pl_build_strdup(a, b->source, NULL, &nomem);
  sc->title = pl_build_strdup(a, b->title, NULL, &nomem);
  sc->description = pl_build_strdup(a, b->description, NULL, &nomem);
  sc->issues_line = b->issues_line;
  sc->issues_column = b->issues_column;
  sc->time_unit = pl_build_strdup(a, b->time_unit, NULL, &nomem);
  sc->horizon = b->horizon;
  sc->n_issues = (uint32_t)N;
  sc->issues = pl_arena_array(a, N, sizeof *sc->issues);
  sc->radix = pl_arena_array(a, N, sizeof *sc->radix);
  sc->n_parties = (uint32_t)P;
  sc->parties = pl_arena_array(a, P, sizeof *sc->parties);
  sc->n_frameworks = (uint32_t)b->n_frameworks;
  sc->frameworks = pl_arena_array(a, b->n_frameworks ? b->n_frameworks : 1, sizeof *sc->frameworks);
  sc->n_positions = (uint32_t)b->n_positions;
  sc->positions = pl_arena_array(a, b->n_positions ? b->n_positions : 1, sizeof *sc->positions);
  nomem |= !sc->issues || !sc->radix || !sc->parties || !sc->frameworks || !sc->positions;
  for (size_t i = 0; !nomem && i < N; i++) {
    const b_issue *src = &b->issues[i];
    pl_issue *is = &sc->issues[i];
    is->id = pl_build_strdup(a, src->id, NULL, &nomem);
    is->name = pl_build_strdup(a, src->name, src->id, &nomem);
    is->unit = pl_build_strdup(a, src->unit, NULL, &nomem);
    is->numeric = src->numeric;
    is->n_options = sc->radix[i] = (uint32_t)src->n_options;
    if (!(is->options = pl_arena_array(a, src->n_options, sizeof *is->options))) nomem = 1;
    for (size_t o = 0; !nomem && o < src->n_options; o++) {
      is->options[o].id = pl_build_strdup(a, src->options[o].id, NULL, &nomem);
      is->options[o].name = pl_build_strdup(a, src->options[o].name, src->options[o].id, &nomem);
      is->options[o].number = src->options[o].number;
    }
  }
  for (size_t p = 0; !nomem && p < P; p++) {
    pl_build_profile(a, b, b->parties[p], &sc->parties[p], &nomem);
    sc->timed |= !nomem && (sc->parties[p].reservation_sched || sc->parties[p].weight_sched);
  }
  for (size_t f = 0; !nomem && f < b->n_frameworks; f++) {
    const b_framework *src = &b->frameworks[f];
    pl_framework *fw = &sc->frameworks[f];
    fw->id = pl_build_strdup(a, src->id, NULL, &nomem);
    fw->name = pl_build_strdup(a, src->name, src->id, &nomem);
    if (!(fw->package = pl_arena_array(a, N ? N : 1, sizeof *fw->package))) nomem = 1;
    else memcpy(fw->package, src->package, N * sizeof *fw->package);
  }
  for (size_t k = 0; !nomem && k < b->n_positions; k++) {
    const b_positions *src = &b->positions[k];
    pl_position_issue *pi = &sc->positions[k];
    pi->issue = (uint32_t)src->issue;
    pi->reference = src->reference;
    pi->outcome = src->outcome;
    pi->position = pl_arena_array(a, P, sizeof *pi->position);
    pi->salience = pl_arena_array(a, P, sizeof *pi->salience);
    if (!pi->position || !pi->salience) nomem = 1;
    else memcpy(pi->position, src->position, P * sizeof *pi->position), memcpy(pi->salience, src->salience, P * sizeof *pi->salience);
  }
  pl_mediation_build(b, sc, &nomem);
  if (nomem || pl_scenario_compile(sc) != 0) {
    parley_scenario_free(sc);
    return NOMEM(err);
  }
  *out = sc;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* From a scenario                                                                            */

static int copy_rules_in(parley_builder *b, b_rules *list, const pl_rule *rules, uint32_t n, parley_error *err) {
  int rc = 0;
  for (uint32_t k = 0; rc == 0 && k < n; k++) {
    const pl_rule *r = &rules[k];
    parley_condition *conds = malloc((r->n_conds ? r->n_conds : 1) * sizeof *conds);
    if (!conds) return NOMEM(err);
    for (size_t c = 0; c < r->n_conds; c++) conds[c] = (parley_condition){r->conds[c].issue, r->conds[c].allowed};
    rc = pl_builder_push_rule(b, list, r->bonus, r->bonus_q, r->note, conds, r->n_conds, err);
    free(conds);
    if (rc == 0) list->items[list->n - 1].bonus_dist = r->bonus_dist, list->items[list->n - 1].probability = r->probability;
  }
  return rc;
}

int pl_builder_put_profile(parley_builder *b, b_party *d, const parley_scenario *sc, const pl_party *pa, unsigned keys,
                           const unsigned char *values, parley_error *err) {
  if (keys & PL_KEY_POWER) d->power = pa->power;
  int nomem = 0;
  if (keys & PL_KEY_RESERVATION) {
    d->reservation = pa->reservation, d->reservation_q = pa->reservation_q, d->reservation_dist = pa->reservation_dist;
    pl_builder_sched_free(d->reservation_sched);
    d->reservation_sched = builder_sched(pa->reservation_sched, &nomem);
  }
  if (keys & PL_KEY_DISCOUNT) d->discount = pa->discount;
  if (keys & PL_KEY_WEIGHTS) {
    /* the weights as the model holds them; uncertain ones as given, with their distributions */
    d->normalise = pa->weight_raw ? pa->normalise : 0;
    d->has_alpha = pa->alpha != NULL;
    d->n_order = 0;
    for (uint32_t i = 0; i < sc->n_issues; i++) {
      d->weight[i] = pa->weight_raw ? pa->weight_raw[i] : pa->weight[i];
      d->weight_q[i] = pa->weight_raw ? pl_q_from_double(pa->weight_raw[i]) : pa->weight_q[i];
      d->weight_dist[i] = pa->weight_dist ? pa->weight_dist[i] : (pl_dist){0};
      d->order[d->n_order++] = (uint16_t)i;
      pl_builder_sched_free(d->weight_sched[i]);
      d->weight_sched[i] = builder_sched(pa->weight_sched ? pa->weight_sched[i] : NULL, &nomem);
    }
  }
  if (nomem) return NOMEM(err);
  int rc = 0;
  for (uint32_t i = 0; rc == 0 && i < sc->n_issues; i++) {
    if (values ? !values[i] : !(keys & PL_KEY_WEIGHTS)) continue;
    free(d->value[i]), free(d->value_q[i]);
    d->value[i] = NULL, d->value_q[i] = NULL, d->n_value[i] = 0;
    if (pa->value[i]) rc = pl_builder_put_values(d, i, pa->value[i], pa->value_q[i], sc->issues[i].n_options, err);
    const size_t n = sc->issues[i].n_options;
    if (rc == 0 && pa->value_dist && pa->value_dist[i]) {
      if (!(d->value_dist[i] = malloc(n * sizeof *d->value_dist[i]))) rc = NOMEM(err);
      else memcpy(d->value_dist[i], pa->value_dist[i], n * sizeof *d->value_dist[i]);
    }
    if (rc == 0 && pa->points && pa->points[i]) {
      const pl_points *p = pa->points[i];
      const b_points bp = {p->n, p->x, p->y, p->y_dist};
      if (!(d->points[i] = pl_builder_points_copy(&bp, &nomem))) rc = NOMEM(err);
    }
  }
  if (rc == 0 && (keys & PL_KEY_INTERACTIONS)) {
    pl_builder_rules_clear(&d->interactions);
    rc = copy_rules_in(b, &d->interactions, pa->interactions, pa->n_interactions, err);
  }
  if (rc == 0 && (keys & PL_KEY_RED_LINES)) { /* the likely ones, then the unlikely */
    pl_builder_rules_clear(&d->red_lines);
    for (uint32_t k = 0; rc == 0 && k < pa->n_red_lines + pa->n_unlikely; k++) /* in the order given */
      rc = copy_rules_in(b, &d->red_lines, pl_red_line_given(pa, k), 1, err);
  }
  d->given |= keys;
  return rc;
}

int parley_builder_from_scenario(const parley_scenario *sc, parley_builder **out, parley_error *err) {
  if (!sc || !out) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  *out = NULL;
  parley_builder *b = parley_builder_new(sc->source);
  if (!b) return NOMEM(err);
  b->issues_line = sc->issues_line;
  b->issues_column = sc->issues_column;
  b->horizon = sc->horizon;
  if (sc->time_unit[0] && pl_builder_strdup(&b->time_unit, sc->time_unit)) {
    parley_builder_free(b);
    return NOMEM(err);
  }
  b->max_options = (size_t)-1; /* what the scenario holds was allowed when it was made */
  int rc = parley_builder_set_title(b, sc->title, err);
  if (rc == 0) rc = parley_builder_set_description(b, sc->description, err);
  for (uint32_t i = 0; rc == 0 && i < sc->n_issues; i++) {
    const pl_issue *is = &sc->issues[i];
    rc = parley_builder_add_issue(b, is->id, is->name, NULL, err);
    if (rc == 0) rc = parley_builder_set_issue_unit(b, i, is->unit, err);
    for (uint32_t o = 0; rc == 0 && o < is->n_options; o++)
      rc = pl_builder_push_option(&b->issues[i], is->options[o].id, is->options[o].name, is->options[o].number) ? NOMEM(err) : 0;
    if (rc == 0) b->issues[i].numeric = is->numeric;
  }
  for (uint32_t p = 0; rc == 0 && p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    rc = parley_builder_add_party(b, pa->id, pa->name, NULL, err);
    if (rc == 0) rc = pl_builder_put_profile(b, b->parties[p], sc, pa, PL_KEY_ALL, NULL, err);
  }
  for (uint32_t f = 0; rc == 0 && f < sc->n_frameworks; f++)
    rc = parley_builder_add_framework(b, sc->frameworks[f].id, sc->frameworks[f].name, sc->frameworks[f].package, err);
  for (uint32_t k = 0; rc == 0 && k < sc->n_positions; k++) {
    const pl_position_issue *pi = &sc->positions[k];
    if ((rc = parley_builder_add_positions(b, pi->issue, pi->reference, pi->outcome, err)) != 0) break;
    b_positions *ps = &b->positions[k];
    memcpy(ps->position, pi->position, sc->n_parties * sizeof *ps->position);
    memcpy(ps->salience, pi->salience, sc->n_parties * sizeof *ps->salience);
  }
  if (rc == 0) rc = pl_mediation_copy_in(b, sc, err);
  b->max_options = PARLEY_DEFAULT_MAX_OPTIONS;
  if (rc) {
    parley_builder_free(b);
    return rc;
  }
  *out = b;
  return 0;
}

int parley_scenario_copy(const parley_scenario *sc, parley_scenario **out, parley_error *err) {
  parley_builder *b = NULL;
  int rc = parley_builder_from_scenario(sc, &b, err);
  if (rc == 0) rc = parley_builder_build(b, out, err);
  parley_builder_free(b);
  return rc;
}
