/* genius_writer.c — writes a scenario as GENIUS XML: one domain file and one profile per
 * party, so that GENIUS (and parley's reader) computes the same utility for every package.
 *  - A discrete issue's evaluations are the party's values; GENIUS divides them by their
 *    maximum, so the weight written is the party's weight times that maximum.
 *  - A numeric issue of consecutive integers becomes an integer issue when every party's values
 *    follow one clamped linear evaluator, clamp(offset + slope (v - lowerbound), 0, 1);
 *    otherwise a discrete issue whose items are the numbers.
 *  - A party whose utility comes only from interaction terms on integer issues, each a range
 *    per issue, becomes an ANAC 2014 non-linear profile (hyper-rectangles).
 * Red lines, and interaction terms mixed with weights, have no GENIUS form: writing them is
 * refused with a message naming the party, or, lossy, they are left out and each one listed.
 * What GENIUS has no field for is kept where GENIUS ignores it (genius_meta.h): issue and option
 * ids and names as parley_id / parley_name attributes, a party's name and power on its profile's
 * root, the description in the objective's description, and each framework in a comment. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/genius_meta.h"
#include "model/scenario.h"
#include "util/buf.h"
#include "util/error.h"

/* A number attribute: name="value", with the value exact. */
static void num_attr(pl_buf *b, const char *name, double x) {
  pl_buf_printf(b, " %s=\"", name);
  pl_buf_exact_number(b, x);
  pl_buf_putc(b, '"');
}

static int consecutive_integers(const pl_issue *is) {
  if (!is->numeric) return 0;
  for (uint32_t o = 0; o < is->n_options; o++)
    if (is->options[o].number != is->options[0].number + o || is->options[o].number != floor(is->options[o].number) ||
        fabs(is->options[o].number) > 1e9)
      return 0;
  return 1;
}

/* The same fit in fractions, when every value is one: the line through options a and b, exact,
 * and checked exactly; its offset and slope are then the doubles nearest, which read back as
 * the same fractions. Returns 1 (fit), 0 (no line fits) or -1 (not every value is exact). */
static int linear_fit_exact(const pl_q *q, uint32_t n, long a, long b2, double *offset, double *slope) {
  for (uint32_t o = 0; o < n; o++)
    if (!pl_q_exact(q[o])) return -1;
  const pl_q sl = a == b2 ? pl_q_int(0) : pl_q_div(pl_q_sub(q[b2], q[a]), pl_q_int(b2 - a));
  const pl_q off = a == b2 ? q[0] : pl_q_sub(q[a], pl_q_mul(sl, pl_q_int(a)));
  if (!pl_q_exact(sl) || !pl_q_exact(off)) return -1;
  for (uint32_t o = 0; o < n; o++) {
    pl_q e = pl_q_add(off, pl_q_mul(sl, pl_q_int(o)));
    if (!pl_q_exact(e)) return -1;
    if (e.num < 0) e = pl_q_int(0);
    if (e.num > e.den) e = pl_q_int(1);
    if (pl_q_cmp(e, q[o]) != 0) return 0;
  }
  *offset = pl_q_to_double(off);
  *slope = pl_q_to_double(sl);
  return 1;
}

/* Finds offset and slope with clamp(offset + slope (v - lo), 0, 1) == values (q: the values as
 * fractions), or returns 0. */
static int linear_fit(const pl_issue *is, const double *v, const pl_q *q, double *offset, double *slope) {
  const uint32_t n = is->n_options;
  if (!v) {
    *offset = *slope = 0;
    return 1;
  }
  /* two options strictly inside (0, 1) fix the line; with one, it and its neighbour; else
   * the two ends. The fit is verified below, and one that fails makes a discrete issue. */
  long a = -1, b2 = -1;
  for (uint32_t o = 0; o < n && b2 < 0; o++)
    if (v[o] > 0 && v[o] < 1) {
      if (a < 0) a = o;
      else b2 = o;
    }
  if (b2 < 0 && a >= 0) b2 = a + 1 < (long)n ? a + 1 : a - 1;
  if (b2 < 0) {
    a = 0;
    b2 = (long)n - 1;
  }
  if (b2 < a) {
    long t = a;
    a = b2;
    b2 = t;
  }
  const int exact = linear_fit_exact(q, n, a, b2, offset, slope);
  if (exact >= 0) return exact;
  if (a == b2) {
    *offset = v[0];
    *slope = 0;
  } else {
    *slope = (v[b2] - v[a]) / (double)(b2 - a);
    *offset = v[a] - *slope * (double)a;
  }
  for (uint32_t o = 0; o < n; o++) {
    double e = *offset + *slope * o;
    e = e < 0 ? 0 : e > 1 ? 1 : e;
    if (fabs(e - v[o]) > 1e-12) return 0;
  }
  return 1;
}

/* Per issue: 1 to write it as an integer issue. */
static unsigned char *integer_issues(const parley_scenario *sc) {
  unsigned char *ints = calloc(sc->n_issues ? sc->n_issues : 1, 1);
  if (!ints) return NULL;
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    if (!consecutive_integers(&sc->issues[i])) continue;
    int ok = 1;
    for (uint32_t p = 0; p < sc->n_parties && ok; p++) {
      double off, sl;
      ok = linear_fit(&sc->issues[i], sc->parties[p].value[i], sc->parties[p].value_q[i], &off, &sl);
    }
    ints[i] = (unsigned char)ok;
  }
  return ints;
}

/* Discrete items need distinct values: names when they are distinct, else ids. */
static const char *item_value(const pl_issue *is, uint32_t o) {
  for (uint32_t k = 0; k < is->n_options; k++)
    if (k != o && strcmp(is->options[k].name, is->options[o].name) == 0) return is->options[o].id;
  return is->options[o].name;
}

static void issue_open(pl_buf *b, const parley_scenario *sc, uint32_t i, const unsigned char *ints,
                       int close_empty) {
  const pl_issue *is = &sc->issues[i];
  if (ints[i]) {
    pl_buf_printf(b, "    <issue index=\"%u\" etype=\"integer\" type=\"integer\" vtype=\"integer\" name=\"", i + 1);
    pl_buf_markup(b, is->name);
    pl_buf_puts(b, "\" parley_id=\"");
    pl_buf_markup(b, is->id);
    pl_buf_putc(b, '"');
    num_attr(b, "lowerbound", is->options[0].number);
    num_attr(b, "upperbound", is->options[is->n_options - 1].number);
    pl_buf_puts(b, close_empty ? "/>\n" : ">\n");
  } else {
    pl_buf_printf(b, "    <issue index=\"%u\" etype=\"discrete\" type=\"discrete\" vtype=\"discrete\" name=\"", i + 1);
    pl_buf_markup(b, is->name);
    pl_buf_puts(b, "\" parley_id=\"");
    pl_buf_markup(b, is->id);
    pl_buf_puts(b, "\">\n");
  }
}

/* An item's value and, for parley, the option's id and name (when the value is not the name). */
static void item_open(pl_buf *b, const pl_issue *is, uint32_t o) {
  pl_buf_printf(b, "      <item index=\"%u\" value=\"", o + 1);
  pl_buf_markup(b, item_value(is, o));
  pl_buf_puts(b, "\" parley_id=\"");
  pl_buf_markup(b, is->options[o].id);
  pl_buf_putc(b, '"');
  if (strcmp(item_value(is, o), is->options[o].name) != 0) {
    pl_buf_puts(b, " parley_name=\"");
    pl_buf_markup(b, is->options[o].name);
    pl_buf_putc(b, '"');
  }
}

static int write_domain(const parley_scenario *sc, const unsigned char *ints, pl_buf *b) {
  pl_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<negotiation_template>\n");
  pl_buf_printf(b, "<utility_space number_of_issues=\"%u\">\n", sc->n_issues);
  pl_buf_puts(b, "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"");
  pl_buf_markup(b, sc->description);
  pl_buf_puts(b, "\" name=\"");
  pl_buf_markup(b, sc->title[0] ? sc->title : "root");
  pl_buf_puts(b, "\">\n");
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    const pl_issue *is = &sc->issues[i];
    issue_open(b, sc, i, ints, 1);
    if (ints[i]) continue;
    for (uint32_t o = 0; o < is->n_options; o++) {
      item_open(b, is, o);
      pl_buf_puts(b, "/>\n");
    }
    pl_buf_puts(b, "    </issue>\n");
  }
  pl_buf_puts(b, "  </objective>\n</utility_space>\n");
  for (uint32_t f = 0; f < sc->n_frameworks; f++) {
    pl_buf_puts(b, "<!--");
    pl_genius_framework_comment(b, sc, f);
    pl_buf_puts(b, "-->\n");
  }
  pl_buf_puts(b, "</negotiation_template>\n");
  return 0;
}

/* An ANAC 2014 profile: only interaction terms, each condition a range of an integer issue. */
static int nonlinear_ok(const parley_scenario *sc, const pl_party *pa, const unsigned char *ints) {
  if (pa->n_interactions == 0) return 0;
  for (uint32_t i = 0; i < sc->n_issues; i++)
    if (pa->weight[i] != 0) return 0;
  for (uint32_t k = 0; k < pa->n_interactions; k++)
    for (uint32_t c = 0; c < pa->interactions[k].n_conds; c++) {
      const pl_cond *cd = &pa->interactions[k].conds[c];
      if (!ints[cd->issue]) return 0;
      /* the allowed options must form one run */
      uint32_t n = sc->issues[cd->issue].n_options, o = 0;
      while (o < n && !cd->allowed[o]) o++;
      while (o < n && cd->allowed[o]) o++;
      while (o < n && !cd->allowed[o]) o++;
      if (o < n) return 0;
    }
  return 1;
}

static void write_profile_head(pl_buf *b, const pl_party *pa, uint32_t p, int nonlinear) {
  pl_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  pl_buf_puts(b, nonlinear ? "<utility_space type=\"nonlinear\" parley_id=\"" : "<utility_space parley_id=\"");
  pl_buf_markup(b, pa->id);
  pl_buf_puts(b, "\" parley_name=\"");
  pl_buf_markup(b, pa->name);
  pl_buf_printf(b, "\" parley_index=\"%u\"", p + 1); /* the party's place, for a folder read back */
  num_attr(b, "parley_power", pa->power);
  pl_buf_puts(b, ">\n");
  pl_buf_puts(b, "  <reservation");
  num_attr(b, "value", pa->reservation);
  pl_buf_puts(b, "/>\n");
  if (pa->discount != 1) {
    pl_buf_puts(b, "  <discount_factor");
    num_attr(b, "value", pa->discount);
    pl_buf_puts(b, "/>\n");
  }
}

/* A rule's conditions as "issue=option|option, issue=option" (every option when it has none). */
static void rule_text(pl_buf *b, const parley_scenario *sc, const pl_rule *r) {
  if (r->n_conds == 0) pl_buf_puts(b, "every package");
  for (uint32_t c = 0; c < r->n_conds; c++) {
    const pl_cond *cd = &r->conds[c];
    const pl_issue *is = &sc->issues[cd->issue];
    pl_buf_printf(b, "%s%s=", c ? ", " : "", is->id);
    int first = 1;
    for (uint32_t o = 0; o < is->n_options; o++)
      if (cd->allowed[o]) {
        pl_buf_printf(b, "%s%s", first ? "" : "|", is->options[o].id);
        first = 0;
      }
  }
}

/* Lossy: one warning in dropped for a rule left out. */
static int drop(parley_diagnostics *dropped, const parley_scenario *sc, const pl_party *pa, const pl_rule *r, int red,
                uint32_t k, const char *why) {
  pl_buf t = {0};
  pl_buf_printf(&t, "party '%s': %s %u", pa->id, red ? "red line" : "interaction term", k + 1);
  if (r->note && r->note[0]) pl_buf_printf(&t, " \"%s\"", r->note);
  pl_buf_puts(&t, " (");
  rule_text(&t, sc, r);
  if (!red) {
    pl_buf_puts(&t, ", bonus ");
    pl_buf_exact_number(&t, r->bonus);
  }
  pl_buf_printf(&t, ") left out: %s", why);
  parley_error e = {.code = PARLEY_WARNING};
  snprintf(e.file, sizeof e.file, "%s", sc->source);
  snprintf(e.message, sizeof e.message, "%s", t.data ? t.data : "");
  const int rc = t.failed ? PARLEY_ERR_NOMEM : pl_diag_add(dropped, &e);
  pl_buf_free(&t);
  return rc;
}

static int write_profile(const parley_scenario *sc, uint32_t p, const unsigned char *ints, pl_buf *b, int lossy,
                         parley_diagnostics *dropped, parley_error *err) {
  const pl_party *pa = &sc->parties[p];
  if (pa->n_red_lines && !lossy)
    return pl_fail(err, PARLEY_ERR_INVALID, sc->source, 0, 0,
                   "party '%s' has red lines, which GENIUS profiles cannot hold (--lossy leaves them out)", pa->id);
  /* uncertain numbers: GENIUS holds one number each; lossy, the means */
  if (pa->uncertain || pa->reservation_sched || pa->weight_sched) {
    if (!lossy)
      return pl_fail(err, PARLEY_ERR_INVALID, sc->source, 0, 0,
                     "party '%s' has uncertain numbers or schedules, which GENIUS profiles cannot hold (--lossy writes "
                     "their means at time 0)",
                     pa->id);
    parley_error e = {.code = PARLEY_WARNING};
    snprintf(e.file, sizeof e.file, "%s", sc->source);
    snprintf(e.message, sizeof e.message, "party '%s': its uncertain numbers and schedules written as their means at time 0", pa->id);
    if (pl_diag_add(dropped, &e)) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  for (uint32_t k = 0; k < pa->n_red_lines; k++)
    if (drop(dropped, sc, pa, &pa->red_lines[k], 1, k, "GENIUS profiles cannot hold red lines"))
      return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (nonlinear_ok(sc, pa, ints)) {
    write_profile_head(b, pa, p, 1);
    pl_buf_puts(b, "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"root\">\n");
    for (uint32_t i = 0; i < sc->n_issues; i++) issue_open(b, sc, i, ints, 1);
    pl_buf_puts(b, "  </objective>\n  <utility maxutility=\"1\">\n");
    pl_buf_puts(b, "    <ufun type=\"PlainUfun\" weight=\"1\" aggregation=\"sum\">\n");
    for (uint32_t k = 0; k < pa->n_interactions; k++) {
      const pl_rule *r = &pa->interactions[k];
      pl_buf_puts(b, "      <hyperRectangle");
      num_attr(b, "utility", r->bonus);
      pl_buf_puts(b, ">\n");
      for (uint32_t c = 0; c < r->n_conds; c++) {
        const pl_cond *cd = &r->conds[c];
        const pl_issue *is = &sc->issues[cd->issue];
        double lo = INFINITY, hi = -INFINITY;
        for (uint32_t o = 0; o < is->n_options; o++)
          if (cd->allowed[o]) {
            if (is->options[o].number < lo) lo = is->options[o].number;
            if (is->options[o].number > hi) hi = is->options[o].number;
          }
        pl_buf_printf(b, "        <INCLUDES index=\"%u\"", cd->issue + 1);
        num_attr(b, "min", lo);
        num_attr(b, "max", hi);
        pl_buf_puts(b, "/>\n");
      }
      pl_buf_puts(b, "      </hyperRectangle>\n");
    }
    pl_buf_puts(b, "    </ufun>\n  </utility>\n</utility_space>\n");
    return 0;
  }
  if (pa->n_interactions && !lossy)
    return pl_fail(err, PARLEY_ERR_INVALID, sc->source, 0, 0,
                   "party '%s' has interaction terms, which a linear GENIUS profile cannot hold (only "
                   "a profile made of interaction terms on integer ranges can be written, as ANAC "
                   "2014's non-linear format; --lossy leaves them out)",
                   pa->id);
  for (uint32_t k = 0; k < pa->n_interactions; k++)
    if (drop(dropped, sc, pa, &pa->interactions[k], 0, k,
             "a linear GENIUS profile cannot hold interaction terms; every package it holds for loses that bonus"))
      return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  write_profile_head(b, pa, p, 0);
  pl_buf_puts(b, "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"root\">\n");
  double *weight = calloc(sc->n_issues ? sc->n_issues : 1, sizeof *weight);
  if (!weight) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    const pl_issue *is = &sc->issues[i];
    const double *v = pa->value[i];
    weight[i] = pa->weight[i];
    issue_open(b, sc, i, ints, 0);
    if (ints[i]) {
      double off, sl;
      linear_fit(is, v, pa->value_q[i], &off, &sl);
      pl_buf_puts(b, "      <evaluator ftype=\"linear\"");
      num_attr(b, "offset", off);
      num_attr(b, "slope", sl);
      pl_buf_puts(b, "/>\n");
    } else {
      double max = 0;
      uint32_t at = 0;
      for (uint32_t o = 0; v && o < is->n_options; o++)
        if (v[o] > max) max = v[o], at = o;
      if (max > 0) { /* GENIUS divides evaluations by max: the weight takes it back, in fractions where exact */
        const pl_q wq = pl_q_mul(pa->weight_q[i], pa->value_q[i][at]);
        weight[i] = pl_q_exact(wq) ? pl_q_to_double(wq) : pa->weight[i] * max;
      }
      for (uint32_t o = 0; o < is->n_options; o++) {
        item_open(b, is, o);
        num_attr(b, "evaluation", v ? v[o] : 0.0);
        pl_buf_puts(b, "/>\n");
      }
    }
    pl_buf_puts(b, "    </issue>\n");
  }
  for (uint32_t i = 0; i < sc->n_issues; i++)
  {
    pl_buf_printf(b, "    <weight index=\"%u\"", i + 1);
    num_attr(b, "value", weight[i]);
    pl_buf_puts(b, "/>\n");
  }
  free(weight);
  pl_buf_puts(b, "  </objective>\n</utility_space>\n");
  return 0;
}

static int write_genius(const parley_scenario *sc, size_t file, int lossy, parley_diagnostics *dropped, char **text_out,
                        size_t *len_out, parley_error *err) {
  if (!sc || !text_out || file > sc->n_parties)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *text_out = NULL;
  /* the mediation (mediators, who drafts with whom, channels) has no place in GENIUS files */
  if (file == 0 && sc->mediation.n_mediators) {
    if (!lossy)
      return pl_fail(err, PARLEY_ERR_INVALID, sc->source, 0, 0,
                     "the scenario has a mediation section, which GENIUS files cannot hold (--lossy leaves it out)");
    parley_error e = {.code = PARLEY_WARNING};
    snprintf(e.file, sizeof e.file, "%s", sc->source);
    snprintf(e.message, sizeof e.message, "the mediation section left out: GENIUS files cannot hold it");
    if (pl_diag_add(dropped, &e)) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  unsigned char *ints = integer_issues(sc);
  if (!ints) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf b = {0};
  int rc = file == 0 ? write_domain(sc, ints, &b) : write_profile(sc, (uint32_t)(file - 1), ints, &b, lossy, dropped, err);
  free(ints);
  if (rc) {
    pl_buf_free(&b);
    return rc;
  }
  if (b.failed || !b.data) {
    pl_buf_free(&b);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  *text_out = b.data;
  if (len_out) *len_out = b.len;
  return 0;
}

int parley_scenario_write_genius(const parley_scenario *sc, size_t file, char **text_out, size_t *len_out,
                                 parley_error *err) {
  return write_genius(sc, file, 0, NULL, text_out, len_out, err);
}

int parley_scenario_write_genius_lossy(const parley_scenario *sc, size_t file, parley_diagnostics *dropped,
                                       char **text_out, size_t *len_out, parley_error *err) {
  return write_genius(sc, file, 1, dropped, text_out, len_out, err);
}
