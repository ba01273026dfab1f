/* sample.c — draws of the uncertain numbers (sample.h). */
#include "model/sample.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/prng.h"

size_t pl_uparams(const parley_scenario *sc, pl_uparam *out) {
  size_t n = 0;
#define ADD(...)                                         \
  do {                                                   \
    if (out) out[n] = (pl_uparam){__VA_ARGS__};          \
    n++;                                                 \
  } while (0)
  for (uint32_t p = 0; p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    if (!pa->uncertain) continue;
    if (pa->reservation_dist.kind) ADD(p, PL_UP_RESERVATION, 0, 0);
    for (uint32_t i = 0; i < sc->n_issues; i++) {
      if (pa->alpha && pa->alpha[i] > 0) ADD(p, PL_UP_DIRICHLET, i, 0);
      else if (pa->weight_dist && pa->weight_dist[i].kind) ADD(p, PL_UP_WEIGHT, i, 0);
    }
    for (uint32_t i = 0; i < sc->n_issues; i++) {
      for (uint32_t o = 0; pa->value_dist && pa->value_dist[i] && o < sc->issues[i].n_options; o++)
        if (pa->value_dist[i][o].kind) ADD(p, PL_UP_VALUE, i, o);
      const pl_points *pts = pa->points ? pa->points[i] : NULL;
      for (uint32_t k = 0; pts && k < pts->n; k++)
        if (pts->y_dist[k].kind) ADD(p, PL_UP_POINT, i, k);
    }
    for (uint32_t k = 0; k < pa->n_interactions; k++)
      if (pa->interactions[k].bonus_dist.kind) ADD(p, PL_UP_BONUS, 0, k);
    for (uint32_t k = 0; k < pa->n_red_lines + pa->n_unlikely; k++) {
      const pl_rule *r = k < pa->n_red_lines ? &pa->red_lines[k] : &pa->unlikely[k - pa->n_red_lines];
      if (r->probability < 1) ADD(p, PL_UP_RED_LINE, 0, k);
    }
  }
#undef ADD
  return n;
}

static size_t unlikely_total(const parley_scenario *sc) {
  size_t n = 0;
  for (uint32_t p = 0; p < sc->n_parties; p++) n += sc->parties[p].n_unlikely;
  return n;
}

int pl_draw_alloc(const parley_scenario *sc, size_t n_params, pl_draw *d) {
  const pl_compiled *c = &sc->compiled;
  size_t terms = 0;
  for (uint32_t i = 0; i < c->n_issues; i++) terms += (size_t)c->radix[i] * c->n_parties;
  memset(d, 0, sizeof *d);
  d->contrib = malloc((terms ? terms : 1) * sizeof *d->contrib);
  d->reservation = malloc((c->n_parties ? c->n_parties : 1) * sizeof *d->reservation);
  d->bonus = calloc(c->n_rules ? c->n_rules : 1, sizeof *d->bonus);
  d->active = calloc(c->n_rules ? c->n_rules : 1, 1);
  d->unlikely = calloc(unlikely_total(sc) + 1, 1);
  d->param = calloc(n_params ? n_params : 1, sizeof *d->param);
  size_t most = 1; /* the most points of an uncertain function */
  for (uint32_t p = 0; p < sc->n_parties; p++)
    for (uint32_t i = 0; sc->parties[p].points && i < sc->n_issues; i++)
      if (sc->parties[p].points[i] && sc->parties[p].points[i]->n > most) most = sc->parties[p].points[i]->n;
  d->ys = malloc(most * sizeof *d->ys);
  if (!d->contrib || !d->reservation || !d->bonus || !d->active || !d->unlikely || !d->param || !d->ys) {
    pl_draw_free(d);
    return PARLEY_ERR_NOMEM;
  }
  return 0;
}

void pl_draw_free(pl_draw *d) {
  free(d->contrib), free(d->reservation), free(d->bonus), free(d->active), free(d->unlikely), free(d->param), free(d->ys);
  memset(d, 0, sizeof *d);
}

/* The value at x of the piecewise-linear function through (xs, ys), flat beyond its ends. */
static double interpolate(const double *xs, const double *ys, uint32_t n, double x) {
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  uint32_t j = 1;
  while (xs[j] < x) j++;
  return ys[j - 1] + (x - xs[j - 1]) / (xs[j] - xs[j - 1]) * (ys[j] - ys[j - 1]);
}

void pl_draw_sample(const parley_scenario *sc, const pl_uparam *params, size_t n_params, uint64_t seed, uint64_t k, pl_draw *d) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t N = c->n_issues, P = c->n_parties;
  /* the draw's own stream: from the seed and the draw's number only */
  uint64_t rng = seed ^ (k * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
  pl_prng_next(&rng);
  size_t at = 0, ul = 0;
  double w[PARLEY_MAX_ISSUES], *ys = d->ys;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    if (!pa->uncertain) {
      ul += pa->n_unlikely;
      continue;
    }
    d->reservation[p] = pa->reservation_dist.kind ? pl_dist_draw(&pa->reservation_dist, &rng) : pa->reservation;
    if (pa->reservation_dist.kind) d->param[at++] = d->reservation[p];
    /* weights: drawn as given, then normalised */
    double sum = 0;
    const size_t first_weight = at;
    for (uint32_t i = 0; i < N; i++) {
      if (pa->alpha) w[i] = pa->alpha[i] > 0 ? pl_gamma_draw(pa->alpha[i], &rng) : 0;
      else if (pa->weight_dist && pa->weight_dist[i].kind) d->param[at++] = w[i] = pl_dist_draw(&pa->weight_dist[i], &rng);
      else w[i] = pa->weight_raw ? pa->weight_raw[i] : pa->weight[i];
      sum += w[i];
    }
    const int norm = pa->alpha || (pa->weight_raw && pa->normalise);
    for (uint32_t i = 0; i < N && norm && sum > 0; i++) w[i] /= sum;
    for (uint32_t i = 0; pa->alpha && i < N; i++) /* a Dirichlet weight: as normalised */
      if (pa->alpha[i] > 0) d->param[at++] = w[i];
    (void)first_weight;
    /* values, and the terms */
    for (uint32_t i = 0; i < N; i++) {
      const pl_points *pts = pa->points ? pa->points[i] : NULL;
      const pl_dist *vd = pa->value_dist ? pa->value_dist[i] : NULL;
      size_t first_value = at;
      if (vd)
        for (uint32_t o = 0; o < c->radix[i]; o++)
          if (vd[o].kind) at++;
      if (pts) {
        for (uint32_t q = 0; q < pts->n; q++) {
          ys[q] = pts->y_dist[q].kind ? pl_dist_draw(&pts->y_dist[q], &rng) : pts->y[q];
          if (pts->y_dist[q].kind) d->param[at++] = ys[q];
        }
      }
      for (uint32_t o = 0; o < c->radix[i]; o++) {
        double v = pa->value[i] ? pa->value[i][o] : 0;
        if (pts) v = interpolate(pts->x, ys, pts->n, sc->issues[i].options[o].number);
        else if (vd && vd[o].kind) d->param[first_value++] = v = pl_dist_draw(&vd[o], &rng);
        d->contrib[c->offset[i] + (size_t)o * P + p] = w[i] * v;
      }
    }
    /* rules */
    for (uint32_t k2 = 0; k2 < c->n_rules; k2++) {
      const pl_crule *r = &c->rules[k2];
      if (r->party != p) continue;
      if (r->red_line) {
        d->active[k2] = r->rule->probability >= 1 || pl_prng_uniform(&rng) < r->rule->probability;
      } else {
        d->bonus[k2] = r->rule->bonus_dist.kind ? pl_dist_draw(&r->rule->bonus_dist, &rng) : r->rule->bonus;
        if (r->rule->bonus_dist.kind) d->param[at++] = d->bonus[k2];
      }
    }
    for (uint32_t k2 = 0; k2 < c->n_rules; k2++) /* the red lines' draws, in order, after the bonuses */
      if (c->rules[k2].party == p && c->rules[k2].red_line && c->rules[k2].rule->probability < 1) d->param[at++] = d->active[k2];
    for (uint32_t k2 = 0; k2 < pa->n_unlikely; k2++, ul++) {
      d->unlikely[ul] = pl_prng_uniform(&rng) < pa->unlikely[k2].probability;
      d->param[at++] = d->unlikely[ul];
    }
  }
  (void)params, (void)n_params;
}

/* 1 when a party's utility and reservation are certain: only whether its red lines hold is
 * drawn, and its utility is the exact one of the model. */
static int numbers_certain(const parley_scenario *sc, const pl_party *pa) {
  if (pa->reservation_dist.kind || pa->alpha) return 0;
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    if (pa->weight_dist && pa->weight_dist[i].kind) return 0;
    if ((pa->value_dist && pa->value_dist[i]) || (pa->points && pa->points[i])) return 0;
  }
  for (uint32_t k = 0; k < pa->n_interactions; k++)
    if (pa->interactions[k].bonus_dist.kind) return 0;
  return 1;
}

int pl_draw_accepts(const parley_scenario *sc, const pl_draw *d, size_t p, const uint32_t *pkg) {
  const pl_compiled *c = &sc->compiled;
  const pl_party *pa = &sc->parties[p];
  const uint32_t P = c->n_parties;
  const int exact = !pa->uncertain || numbers_certain(sc, pa);
  /* the utility: exactly, as the model has it, when no number of the party is drawn */
  pl_fx ux = 0;
  double u = 0;
  for (uint32_t i = 0; i < c->n_issues; i++) {
    const size_t at = c->offset[i] + (size_t)pkg[i] * P + p;
    if (exact) ux += c->contrib[at];
    else u += d->contrib[at];
  }
  for (uint32_t k = 0; k < c->n_rules; k++) {
    const pl_crule *r = &c->rules[k];
    if (r->party != p || !pl_rule_holds(r->rule, pkg)) continue;
    if (r->red_line) {
      if (!pa->uncertain || d->active[k]) return 0;
    } else if (exact) {
      ux += r->bonus;
    } else {
      u += d->bonus[k];
    }
  }
  if (pa->uncertain) {
    size_t ul = 0;
    for (size_t q = 0; q < p; q++) ul += sc->parties[q].n_unlikely;
    for (uint32_t k = 0; k < pa->n_unlikely; k++)
      if (d->unlikely[ul + k] && pl_rule_holds(&pa->unlikely[k], pkg)) return 0;
  }
  return exact ? ux >= c->reservation[p] : u >= d->reservation[p];
}

void pl_uparam_name(const parley_scenario *sc, const pl_uparam *u, char *buf, size_t size) {
  const pl_party *pa = &sc->parties[u->party];
  const char *iid = u->issue < sc->n_issues ? sc->issues[u->issue].id : "";
  switch (u->kind) {
    case PL_UP_RESERVATION: snprintf(buf, size, "%s: reservation", pa->id); break;
    case PL_UP_WEIGHT: snprintf(buf, size, "%s: weight of %s", pa->id, iid); break;
    case PL_UP_DIRICHLET: snprintf(buf, size, "%s: weight of %s", pa->id, iid); break;
    case PL_UP_VALUE: snprintf(buf, size, "%s: value of %s=%s", pa->id, iid, sc->issues[u->issue].options[u->index].id); break;
    case PL_UP_POINT: {
      const pl_points *pts = pa->points[u->issue];
      snprintf(buf, size, "%s: value of %s at %g", pa->id, iid, pts->x[u->index]);
      break;
    }
    case PL_UP_BONUS: {
      const char *note = pa->interactions[u->index].note;
      snprintf(buf, size, "%s: bonus %u%s%s%s", pa->id, u->index + 1, note && *note ? " (" : "", note ? note : "", note && *note ? ")" : "");
      break;
    }
    default: {
      const pl_rule *r = u->index < pa->n_red_lines ? &pa->red_lines[u->index] : &pa->unlikely[u->index - pa->n_red_lines];
      snprintf(buf, size, "%s: red line %u holds%s%s%s", pa->id, r->order + 1, r->note && *r->note ? " (" : "",
               r->note ? r->note : "", r->note && *r->note ? ")" : "");
    }
  }
}
