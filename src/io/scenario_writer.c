/* scenario_writer.c — writes a scenario as parley YAML (docs/scenario-format.md), losslessly:
 * every number with as many digits as it takes to read back the same double, weights as the model holds them
 * (normalise_weights: false), ids quoted. Reading the text back gives the same utility, to the
 * bit, for every package and party. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "util/buf.h"
#include "util/error.h"

static void num(pl_buf *b, double x) { pl_buf_exact_number(b, x); }

/* A number, or the distribution that stands for it (d NULL or kind NONE: the number). */
static void param(pl_buf *b, double x, const pl_dist *d) {
  if (!d || d->kind == PL_DIST_NONE) {
    num(b, x);
    return;
  }
  pl_buf_printf(b, "{%s: [", pl_dist_name(d->kind));
  num(b, d->a);
  pl_buf_puts(b, ", ");
  num(b, d->kind == PL_DIST_TRIANGULAR ? d->c : d->b);
  if (d->kind == PL_DIST_TRIANGULAR) {
    pl_buf_puts(b, ", ");
    num(b, d->b);
  }
  pl_buf_puts(b, "]}");
}

/* A numeric issue written as a range must give back the same option ids and numbers. */
static int as_range(const pl_issue *is, double *lo, double *step) {
  if (!is->numeric || is->n_options == 0) return 0;
  *lo = is->options[0].number;
  *step = is->n_options > 1 ? is->options[1].number - is->options[0].number : 1;
  if (!(*step > 0)) return 0;
  for (uint32_t o = 0; o < is->n_options; o++) {
    char id[40];
    snprintf(id, sizeof id, "%.12g", *lo + *step * o);
    if (strcmp(id, is->options[o].id) != 0 || strtod(id, NULL) != is->options[o].number) return 0;
  }
  /* the reader counts options as floor((max - min) / step + 1e-9) + 1 */
  double hi = *lo + *step * (is->n_options - 1);
  return (uint32_t)floor((hi - *lo) / *step + 1e-9) + 1 == is->n_options;
}

static void conditions(pl_buf *b, const parley_scenario *sc, const pl_rule *r) {
  pl_buf_puts(b, "{");
  for (uint32_t k = 0; k < r->n_conds; k++) {
    const pl_cond *c = &r->conds[k];
    const pl_issue *is = &sc->issues[c->issue];
    pl_buf_puts(b, k ? ", " : "");
    pl_buf_json_string(b, is->id);
    pl_buf_puts(b, ": [");
    int first = 1;
    for (uint32_t o = 0; o < is->n_options; o++) {
      if (!c->allowed[o]) continue;
      pl_buf_puts(b, first ? "" : ", ");
      pl_buf_json_string(b, is->options[o].id);
      first = 0;
    }
    pl_buf_puts(b, "]");
  }
  pl_buf_puts(b, "}");
}

/* The YAML format holds a bonus in [-1, 1]; the builder allows more. Refused here, so what is written reads back. */
static int check_bonuses(const parley_scenario *sc, parley_error *err) {
  for (uint32_t p = 0; p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    for (uint32_t k = 0; k < pa->n_interactions; k++)
      if (!(pa->interactions[k].bonus >= -1 && pa->interactions[k].bonus <= 1))
        return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0,
                       "party '%s', interaction %u: bonus %g is outside [-1, 1], which the scenario format cannot hold",
                       pa->id, k + 1, pa->interactions[k].bonus);
  }
  return 0;
}

/* A schedule: {schedule: [[t, number or distribution], ...]}. */
static void schedule(pl_buf *b, const pl_sched *s) {
  pl_buf_puts(b, "{schedule: [");
  for (uint32_t k = 0; k < s->n; k++) {
    pl_buf_puts(b, k ? ", [" : "[");
    num(b, s->t[k]);
    pl_buf_puts(b, ", ");
    param(b, s->v[k], s->d ? &s->d[k] : NULL);
    pl_buf_putc(b, ']');
  }
  pl_buf_puts(b, "]}");
}

/* A profile's keys (PL_KEY_*; values: per issue, NULL for every weighted one) at indent
 * spaces, each line ended. A party's (belief 0) leaves out a discount of 1 and empty rule lists,
 * the defaults; a belief writes every key it gives, since what it leaves out is the truth. */
static void write_profile(pl_buf *b, const parley_scenario *sc, const pl_party *pa, int ind, unsigned keys,
                          const unsigned char *values, int belief) {
  char pad[16];
  snprintf(pad, sizeof pad, "%*s", ind, "");
  if (keys & PL_KEY_POWER) {
    pl_buf_puts(b, pad), pl_buf_puts(b, "power: ");
    num(b, pa->power);
    pl_buf_putc(b, '\n');
  }
  if (keys & PL_KEY_RESERVATION) {
    pl_buf_puts(b, pad), pl_buf_puts(b, "reservation: ");
    if (pa->reservation_sched) schedule(b, pa->reservation_sched);
    else param(b, pa->reservation, &pa->reservation_dist);
    pl_buf_putc(b, '\n');
  }
  if ((keys & PL_KEY_DISCOUNT) && (pa->discount != 1 || belief)) {
    pl_buf_puts(b, pad), pl_buf_puts(b, "discount: ");
    num(b, pa->discount);
    pl_buf_putc(b, '\n');
  }
  if (keys & PL_KEY_WEIGHTS) {
    /* uncertain weights as given, with their distributions; certain ones as the model holds them */
    const double *w = pa->weight_raw ? pa->weight_raw : pa->weight;
    pl_buf_puts(b, pad), pl_buf_printf(b, "normalise_weights: %s\n", pa->weight_raw && pa->normalise ? "true" : "false");
    pl_buf_puts(b, pad), pl_buf_puts(b, pa->alpha ? "weights: {dirichlet: {" : "weights: {");
    int first = 1;
    for (uint32_t i = 0; i < sc->n_issues; i++) {
      const pl_dist *d = pa->weight_dist ? &pa->weight_dist[i] : NULL;
      const pl_sched *s = pa->weight_sched ? pa->weight_sched[i] : NULL;
      if (w[i] == 0 && (!d || d->kind == PL_DIST_NONE) && !s) continue;
      pl_buf_puts(b, first ? "" : ", ");
      pl_buf_json_string(b, sc->issues[i].id);
      pl_buf_puts(b, ": ");
      if (s) schedule(b, s);
      else param(b, w[i], d);
      first = 0;
    }
    pl_buf_puts(b, pa->alpha ? "}}\n" : "}\n");
  }
  int first = 1;
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    /* a party's values for the issues it weighs, now or at some time or in some draw */
    const int weighed = pa->weight[i] != 0 || (pa->weight_sched && pa->weight_sched[i]) ||
                        (pa->weight_dist && pa->weight_dist[i].kind) || (pa->alpha && pa->alpha[i] > 0);
    if (!pa->value[i] || (values ? !values[i] : !weighed)) continue;
    if (first) pl_buf_puts(b, pad), pl_buf_puts(b, "values:\n");
    first = 0;
    pl_buf_puts(b, pad), pl_buf_puts(b, "  ");
    pl_buf_json_string(b, sc->issues[i].id);
    const pl_points *pts = pa->points ? pa->points[i] : NULL;
    if (pts) { /* a function with uncertain points: the points */
      pl_buf_puts(b, ": {points: [");
      for (uint32_t k = 0; k < pts->n; k++) {
        pl_buf_puts(b, k ? ", [" : "[");
        num(b, pts->x[k]);
        pl_buf_puts(b, ", ");
        param(b, pts->y[k], &pts->y_dist[k]);
        pl_buf_putc(b, ']');
      }
      pl_buf_puts(b, "]}\n");
      continue;
    }
    pl_buf_puts(b, ": [");
    for (uint32_t o = 0; o < sc->issues[i].n_options; o++) {
      pl_buf_puts(b, o ? ", " : "");
      param(b, pa->value[i][o], pa->value_dist && pa->value_dist[i] ? &pa->value_dist[i][o] : NULL);
    }
    pl_buf_puts(b, "]\n");
  }
  for (int red = 0; red < 2; red++) {
    if (!(keys & (red ? PL_KEY_RED_LINES : PL_KEY_INTERACTIONS))) continue;
    const uint32_t n_likely = red ? pa->n_red_lines : pa->n_interactions, n = n_likely + (red ? pa->n_unlikely : 0);
    if (n || belief) pl_buf_puts(b, pad), pl_buf_puts(b, red ? "red_lines:" : "interactions:"), pl_buf_puts(b, n ? "\n" : " []\n");
    for (uint32_t k = 0; k < n; k++) {
      const pl_rule *rule = red ? pl_red_line_given(pa, k) : &pa->interactions[k];
      pl_buf_puts(b, pad), pl_buf_puts(b, "  - when: ");
      conditions(b, sc, rule);
      if (!red) {
        pl_buf_putc(b, '\n'), pl_buf_puts(b, pad), pl_buf_puts(b, "    bonus: ");
        param(b, rule->bonus, &rule->bonus_dist);
      }
      if (red && rule->probability < 1) {
        pl_buf_putc(b, '\n'), pl_buf_puts(b, pad), pl_buf_puts(b, "    probability: ");
        num(b, rule->probability);
      }
      if (rule->note && rule->note[0]) {
        pl_buf_putc(b, '\n'), pl_buf_puts(b, pad), pl_buf_puts(b, "    note: ");
        pl_buf_json_string(b, rule->note);
      }
      pl_buf_putc(b, '\n');
    }
  }
}

/* The `mediation:` section, when the scenario has one: every default written out except the
 * ones that are defaults by omission (every party drafting, everyone talking). */
static void write_mediation(pl_buf *b, const parley_scenario *sc) {
  const pl_mediation *md = &sc->mediation;
  if (!md->n_mediators) return;
  pl_buf_puts(b, "mediation:\n  mediators:\n");
  for (uint32_t k = 0; k < md->n_mediators; k++) {
    const pl_mediator *x = &md->mediators[k];
    pl_buf_puts(b, "    - ");
    if (x->party != UINT32_MAX) {
      pl_buf_json_string(b, x->id);
    } else {
      pl_buf_puts(b, "{id: ");
      pl_buf_json_string(b, x->id);
      pl_buf_puts(b, ", name: ");
      pl_buf_json_string(b, x->name);
      pl_buf_putc(b, '}');
    }
    pl_buf_putc(b, '\n');
  }
  pl_buf_puts(b, "  mediator: ");
  pl_buf_json_string(b, md->mediators[md->drafting].id);
  pl_buf_putc(b, '\n');
  const uint64_t every = sc->n_parties == 64 ? ~(uint64_t)0 : (((uint64_t)1 << sc->n_parties) - 1);
  if (md->drafts_with != every) {
    pl_buf_puts(b, "  drafts_with: [");
    for (uint32_t p = 0, first = 1; p < sc->n_parties; p++)
      if (md->drafts_with >> p & 1) {
        pl_buf_puts(b, first ? "" : ", ");
        pl_buf_json_string(b, sc->parties[p].id);
        first = 0;
      }
    pl_buf_puts(b, "]\n");
  }
  if (md->n_channels) pl_buf_puts(b, "  channels:\n");
  for (uint32_t k = 0; k < md->n_channels; k++) {
    pl_buf_puts(b, "    - [");
    pl_buf_json_string(b, md->actor_id[md->channel[2 * k]]);
    pl_buf_puts(b, ", ");
    pl_buf_json_string(b, md->actor_id[md->channel[2 * k + 1]]);
    pl_buf_puts(b, "]\n");
  }
  if (md->n_beliefs) pl_buf_puts(b, "  beliefs:\n");
  for (uint32_t m = 0; m < md->n_mediators; m++) /* each mediator once, its beliefs in order */
    for (uint32_t k = 0, first = 1; k < md->n_beliefs; k++) {
      const pl_belief *bl = &md->beliefs[k];
      if (bl->mediator != m) continue;
      if (first) {
        pl_buf_puts(b, "    ");
        pl_buf_json_string(b, md->mediators[m].id);
        pl_buf_puts(b, ":\n");
        first = 0;
      }
      pl_buf_puts(b, "      ");
      pl_buf_json_string(b, sc->parties[bl->party].id);
      pl_buf_puts(b, bl->keys || memchr(bl->values, 1, sc->n_issues) ? ":\n" : ": {}\n");
      write_profile(b, sc, &bl->profile, 8, bl->keys, bl->values, 1);
    }
}

int parley_scenario_write_yaml(const parley_scenario *sc, char **text_out, size_t *len_out,
                               parley_error *err) {
  if (!sc || !text_out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *text_out = NULL;
  int rc = check_bonuses(sc, err);
  if (rc) return rc;
  pl_buf b = {0};
  pl_buf_puts(&b, "# written by parley ");
  pl_buf_puts(&b, PARLEY_VERSION_STRING);
  pl_buf_puts(&b, " from ");
  pl_buf_puts(&b, sc->source);
  pl_buf_puts(&b, "\nparley: 1\n");
  if (sc->title[0]) {
    pl_buf_puts(&b, "title: ");
    pl_buf_json_string(&b, sc->title);
    pl_buf_putc(&b, '\n');
  }
  if (sc->description[0]) {
    pl_buf_puts(&b, "description: ");
    pl_buf_json_string(&b, sc->description);
    pl_buf_putc(&b, '\n');
  }
  if (sc->time_unit[0] || sc->horizon != 1) {
    pl_buf_puts(&b, "time: {unit: ");
    pl_buf_json_string(&b, sc->time_unit);
    pl_buf_puts(&b, ", horizon: ");
    num(&b, sc->horizon);
    pl_buf_puts(&b, "}\n");
  }
  pl_buf_puts(&b, "issues:\n");
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    const pl_issue *is = &sc->issues[i];
    pl_buf_puts(&b, "  - id: ");
    pl_buf_json_string(&b, is->id);
    pl_buf_puts(&b, "\n    name: ");
    pl_buf_json_string(&b, is->name);
    if (is->unit && is->unit[0]) {
      pl_buf_puts(&b, "\n    unit: ");
      pl_buf_json_string(&b, is->unit);
    }
    double lo, step;
    if (as_range(is, &lo, &step)) {
      pl_buf_puts(&b, "\n    range: {min: ");
      num(&b, lo);
      pl_buf_puts(&b, ", max: ");
      num(&b, lo + step * (is->n_options - 1));
      pl_buf_puts(&b, ", step: ");
      num(&b, step);
      pl_buf_puts(&b, "}\n");
    } else {
      pl_buf_puts(&b, "\n    options:\n");
      for (uint32_t o = 0; o < is->n_options; o++) {
        pl_buf_puts(&b, "      - {id: ");
        pl_buf_json_string(&b, is->options[o].id);
        pl_buf_puts(&b, ", name: ");
        pl_buf_json_string(&b, is->options[o].name);
        pl_buf_puts(&b, "}\n");
      }
    }
  }
  pl_buf_puts(&b, "parties:\n");
  for (uint32_t p = 0; p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    pl_buf_puts(&b, "  - id: ");
    pl_buf_json_string(&b, pa->id);
    pl_buf_puts(&b, "\n    name: ");
    pl_buf_json_string(&b, pa->name);
    pl_buf_putc(&b, '\n');
    write_profile(&b, sc, pa, 4, PL_KEY_ALL, NULL, 0);
  }
  if (sc->n_frameworks) pl_buf_puts(&b, "frameworks:\n");
  for (uint32_t f = 0; f < sc->n_frameworks; f++) {
    const pl_framework *fw = &sc->frameworks[f];
    pl_buf_puts(&b, "  - id: ");
    pl_buf_json_string(&b, fw->id);
    pl_buf_puts(&b, "\n    name: ");
    pl_buf_json_string(&b, fw->name);
    pl_buf_puts(&b, "\n    package: {");
    for (uint32_t i = 0; i < sc->n_issues; i++) {
      pl_buf_puts(&b, i ? ", " : "");
      pl_buf_json_string(&b, sc->issues[i].id);
      pl_buf_puts(&b, ": ");
      pl_buf_json_string(&b, sc->issues[i].options[fw->package[i]].id);
    }
    pl_buf_puts(&b, "}\n");
  }
  write_mediation(&b, sc);
  if (b.failed || !b.data) {
    pl_buf_free(&b);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  *text_out = b.data;
  if (len_out) *len_out = b.len;
  return 0;
}
