/* html_uncertainty.c — parley_html_add_acceptance, parley_html_add_robustness and
 * parley_html_add_timeline: acceptance probabilities with their intervals and the uncertain
 * numbers that move each decision most (a tornado chart); the packages most often accepted by
 * all; and the deal along the scenario's clock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "report/html.h"
#include "util/error.h"

#define TORNADO 15 /* uncertain numbers in the tornado chart */

typedef struct lever {
  size_t party, index;
  double delta;
} lever;

static int by_size(const void *a, const void *b) {
  const lever *x = a, *y = b;
  const double p = fabs(x->delta), q = fabs(y->delta);
  return p > q ? -1 : p < q ? 1 : x->index < y->index ? -1 : x->index > y->index;
}

int parley_html_add_acceptance(parley_html *h, const parley_acceptance_estimate *e, const char *label, parley_error *err) {
  if (!h || !e) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = parley_estimate_scenario(e);
  const size_t P = parley_party_count(sc);
  char heading[300], id[64], tip[400], desc[256];
  if (label && *label) snprintf(heading, sizeof heading, "Will they accept \u201c%s\u201d?", label);
  else snprintf(heading, sizeof heading, "Will they accept the package?");
  pl_section *s = pl_html_section(h, "accept", heading);
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body, t = {0};
  pl_report_package(&t, sc, parley_estimate_package(e));
  if (t.failed) b->failed = 1;
  pl_buf cnt = {0};
  pl_report_count(&cnt, parley_estimate_samples(e));
  pl_html_para(b, "The package: %s. Judged in %s draws of the uncertain numbers (seed %llu); intervals are 95%% Wilson "
               "intervals.", t.data ? t.data : "", cnt.data ? cnt.data : "", (unsigned long long)parley_estimate_seed(e));
  pl_buf_free(&t), pl_buf_free(&cnt);
  pl_html_chart_id(s, "probability", id, sizeof id);
  pl_chart c;
  pl_chart_open(b, &c, id, "The probability that each party accepts", 860, 68 + 34 * (double)(P + 1), 0, 1, 0,
                (double)(P + 1), "probability of accepting", NULL, 0);
  for (size_t p = 0; p <= P; p++) {
    const size_t who = p < P ? p : PARLEY_NONE;
    double lo, hi;
    const double pr = parley_estimate_probability(e, who, &lo, &hi), y = (double)(P - p);
    const char *name = p < P ? parley_party_name(sc, p) : "every party";
    snprintf(tip, sizeof tip, "%s: %.3f [%.3f, %.3f]", name, pr, lo, hi);
    pl_chart_category(&c, 0, y + 0.5, name);
    pl_chart_bar(&c, 0, pr, y + 0.25, y + 0.75, p < P ? pl_svg_colour(0) : pl_svg_colour(2), NULL, p < P ? "party" : "all", tip);
    pl_chart_interval(&c, lo, hi, y + 0.5, "#000000");
  }
  pl_chart_legend(&c, "a party accepts", pl_svg_colour(0), PL_MARK_SQUARE, NULL, "party");
  pl_chart_legend(&c, "every party accepts", pl_svg_colour(2), PL_MARK_SQUARE, NULL, "all");
  pl_chart_legend(&c, "95% interval", "#000000", -1, NULL, NULL);
  pl_chart_close(&c);
  pl_chart_table_open(b, "The numbers", "party\tprobability\tlow\thigh\tthe only one refusing");
  for (size_t p = 0; p <= P; p++) {
    double lo, hi;
    const double pr = parley_estimate_probability(e, p < P ? p : PARLEY_NONE, &lo, &hi);
    if (p < P)
      pl_chart_table_row(b, "%s\t%.4f\t%.4f\t%.4f\t%.4f", parley_party_id(sc, p), pr, lo, hi, parley_estimate_sole_refuser(e, p));
    else
      pl_chart_table_row(b, "everyone\t%.4f\t%.4f\t%.4f\t", pr, lo, hi);
  }
  pl_chart_table_close(b);
  /* the tornado: the uncertain numbers that move a decision most, over every party */
  size_t n = 0;
  for (size_t p = 0; p < P; p++) n += parley_estimate_sensitivity_count(e, p);
  lever *lv = malloc((n ? n : 1) * sizeof *lv);
  if (!lv) {
    b->failed = 1;
    return pl_html_section_check(h, s, err);
  }
  n = 0;
  for (size_t p = 0; p < P; p++)
    for (size_t k = 0; k < parley_estimate_sensitivity_count(e, p); k++) {
      lv[n].party = p;
      lv[n].index = parley_estimate_sensitivity(e, p, k, &lv[n].delta);
      n++;
    }
  qsort(lv, n, sizeof *lv, by_size);
  const size_t shown = n < TORNADO ? n : TORNADO;
  double m = 0.05;
  for (size_t k = 0; k < shown; k++) m = fmax(m, fabs(lv[k].delta));
  if (shown) {
    pl_html_para(b, "What to find out first: for each uncertain number, how much more often its party accepts when the "
                 "number falls in the upper half of its draws than in the lower half (for a red line: when it holds "
                 "than when it does not). The longest bars are the intelligence worth getting.");
    pl_html_chart_id(s, "tornado", id, sizeof id);
    pl_chart_open(b, &c, id, "The uncertain numbers that move the decisions most", 860, 68 + 30 * (double)shown, -m, m, 0,
                  (double)shown, "change in the probability of accepting (upper half minus lower half)", NULL,
                  PL_CHART_LONG_NAMES);
    for (size_t k = 0; k < shown; k++) {
      const double y = (double)(shown - 1 - k);
      char name[300];
      desc[0] = 0;
      if (parley_uncertain_describe(sc, lv[k].index, desc, sizeof desc) < 0) b->failed = 1;
      const char *tilde = strstr(desc, " ~"); /* the name, without its distribution */
      snprintf(name, sizeof name, "%.*s", tilde ? (int)(tilde - desc) : (int)strlen(desc), desc);
      if (strlen(name) > 46) { /* room for about 46 characters on the left: cut at a character, mark it */
        size_t cut = 44;
        while (cut > 0 && ((unsigned char)name[cut] & 0xc0) == 0x80) cut--;
        memcpy(name + cut, "\xe2\x80\xa6", 4); /* ... */
      }
      snprintf(tip, sizeof tip, "%s: %+.3f", desc, lv[k].delta);
      pl_chart_category(&c, 0, y + 0.5, name);
      pl_chart_bar(&c, 0, lv[k].delta, y + 0.2, y + 0.8, lv[k].delta >= 0 ? pl_svg_colour(0) : pl_svg_colour(1), NULL,
                   lv[k].delta >= 0 ? "raises" : "lowers", tip);
    }
    pl_chart_rule(&c, 1, 0, "#000000", NULL, NULL, NULL);
    pl_chart_legend(&c, "raises acceptance", pl_svg_colour(0), PL_MARK_SQUARE, NULL, "raises");
    pl_chart_legend(&c, "lowers acceptance", pl_svg_colour(1), PL_MARK_SQUARE, NULL, "lowers");
    pl_chart_close(&c);
    pl_chart_table_open(b, "The numbers", "rank\tuncertain number\tchange");
    for (size_t k = 0; k < n; k++) {
      desc[0] = 0;
      if (parley_uncertain_describe(sc, lv[k].index, desc, sizeof desc) < 0) b->failed = 1;
      pl_chart_table_row(b, "%zu\t%s\t%+.4f", k + 1, desc, lv[k].delta);
    }
    pl_chart_table_close(b);
  } else {
    pl_html_para(b, "No party's decision depends on an uncertain number.");
  }
  free(lv);
  return pl_html_section_check(h, s, err);
}

int parley_html_add_robustness(parley_html *h, const parley_robustness *r, parley_error *err) {
  if (!h || !r) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = parley_robustness_scenario(r);
  const size_t n = parley_robustness_count(r);
  pl_section *s = pl_html_section(h, "robust", "The packages most often accepted by all");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body, t = {0};
  char id[64], tip[600], rank[32];
  pl_buf cnt = {0};
  pl_report_count(&cnt, parley_robustness_samples(r));
  pl_html_para(b, "For every package, the share of %s draws of the uncertain numbers in which every party accepts it.",
               cnt.data ? cnt.data : "");
  pl_buf_free(&cnt);
  if (n) {
    pl_html_chart_id(s, "top", id, sizeof id);
    pl_chart c;
    pl_chart_open(b, &c, id, "The probability that every party accepts, for the most robust packages", 860, 68 + 30 * (double)n,
                  0, 1, 0, (double)n, "probability that every party accepts", NULL, 0);
    for (size_t k = 0; k < n; k++) {
      double lo, hi;
      const double pr = parley_robustness_probability(r, k, &lo, &hi), y = (double)(n - 1 - k);
      t.len = 0;
      pl_report_package(&t, sc, parley_robustness_package(r, k));
      snprintf(rank, sizeof rank, "#%zu", k + 1);
      snprintf(tip, sizeof tip, "%s: %.3f [%.3f, %.3f]", t.data ? t.data : "", pr, lo, hi);
      pl_chart_category(&c, 0, y + 0.5, rank);
      pl_chart_bar(&c, 0, pr, y + 0.2, y + 0.8, pl_svg_colour(2), NULL, "p", tip);
      pl_chart_interval(&c, lo, hi, y + 0.5, "#000000");
    }
    pl_chart_legend(&c, "every party accepts", pl_svg_colour(2), PL_MARK_SQUARE, NULL, "p");
    pl_chart_legend(&c, "95% interval", "#000000", -1, NULL, NULL);
    pl_chart_close(&c);
    pl_chart_table_open(b, "The numbers", "rank\tprobability\tlow\thigh\tpackage");
    for (size_t k = 0; k < n; k++) {
      double lo, hi;
      const double pr = parley_robustness_probability(r, k, &lo, &hi);
      t.len = 0;
      pl_report_package(&t, sc, parley_robustness_package(r, k));
      pl_chart_table_row(b, "%zu\t%.4f\t%.4f\t%.4f\t%s", k + 1, pr, lo, hi, t.data ? t.data : "");
    }
    pl_chart_table_close(b);
  } else {
    pl_html_para(b, "No package is accepted by every party in any draw.");
  }
  pl_buf_puts(b, "<table>\n<thead><tr><th>bargaining solution (nominal scenario)</th><th>probability every party accepts it</th>"
                 "</tr></thead>\n<tbody>\n");
  for (int k = 0; k < PARLEY_SOLUTION_COUNT; k++) {
    double p = NAN;
    if (!parley_robustness_solution(r, (parley_solution)k, &p)) continue;
    pl_buf_puts(b, "<tr><td>");
    pl_html_text(b, parley_solution_name((parley_solution)k));
    pl_buf_printf(b, "</td><td>%.4f</td></tr>\n", p);
  }
  pl_buf_puts(b, "</tbody>\n</table>\n");
  if (t.failed) b->failed = 1;
  pl_buf_free(&t);
  return pl_html_section_check(h, s, err);
}

int parley_html_add_timeline(parley_html *h, const parley_timeline *tl, parley_error *err) {
  if (!h || !tl) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = parley_timeline_scenario(tl);
  const size_t K = parley_timeline_count(tl), P = parley_party_count(sc), F = parley_framework_count(sc);
  const double H = parley_scenario_horizon(sc);
  const char *unit = parley_scenario_time_unit(sc);
  char xl[128], id[64], tip[300];
  const size_t ul = unit ? strlen(unit) : 0;
  snprintf(xl, sizeof xl, "%s%s", ul ? unit : "time", !ul ? " (0 to the horizon)" : unit[ul - 1] == 's' ? " from now" : "s from now");
  pl_section *s = pl_html_section(h, "timeline", "The deal over time");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body;
  double *xs = malloc((K + 1) * sizeof *xs), *ys = malloc((K + 1) * sizeof *ys);
  if (!xs || !ys || K < 2 || !(H > 0)) {
    free(xs), free(ys);
    if (K < 2 || !(H > 0)) {
      pl_html_para(b, "The scenario has no clock to follow.");
      return pl_html_section_check(h, s, err);
    }
    b->failed = 1;
    return pl_html_section_check(h, s, err);
  }
  /* windows: when some deal, and each framework, is acceptable to all */
  pl_html_chart_id(s, "windows", id, sizeof id);
  pl_chart c;
  pl_chart_open(b, &c, id, "When a deal, and each framework, is acceptable to every party", 860, 68 + 34 * (double)(F + 1), 0,
                H, 0, (double)(F + 1), xl, NULL, 0);
  for (size_t f = 0; f <= F; f++) {
    const size_t which = f == 0 ? PARLEY_NONE : f - 1;
    const double y = (double)(F - f);
    const char *name = f == 0 ? "some deal" : parley_framework_id(sc, which);
    pl_chart_category(&c, 0, y + 0.5, name);
    for (size_t w = 0; w < parley_timeline_window_count(tl, which); w++) {
      double from, to;
      parley_timeline_window(tl, which, w, &from, &to);
      snprintf(tip, sizeof tip, "%s: from %.4g to %.4g", name, from, to);
      pl_chart_bar(&c, from, to, y + 0.25, y + 0.75, f == 0 ? pl_svg_colour(2) : pl_svg_colour(0), NULL,
                   f == 0 ? "deal" : "framework", tip);
    }
    if (!parley_timeline_window_count(tl, which)) pl_chart_aside(&c, y + 0.5, "never");
  }
  pl_chart_legend(&c, "a deal (some package)", pl_svg_colour(2), PL_MARK_SQUARE, NULL, "deal");
  if (F) pl_chart_legend(&c, "the framework", pl_svg_colour(0), PL_MARK_SQUARE, NULL, "framework");
  pl_chart_close(&c);
  pl_chart_table_open(b, "The numbers", "what\tfrom\tto");
  for (size_t f = 0; f <= F; f++) {
    const size_t which = f == 0 ? PARLEY_NONE : f - 1;
    for (size_t w = 0; w < parley_timeline_window_count(tl, which); w++) {
      double from, to;
      parley_timeline_window(tl, which, w, &from, &to);
      pl_chart_table_row(b, "%s\t%.4f\t%.4f", f == 0 ? "some deal" : parley_framework_id(sc, which), from, to);
    }
  }
  pl_chart_table_close(b);
  /* the feasible set over time */
  double top = 1;
  int known = 1;
  for (size_t k = 0; k < K; k++) {
    int kn = 1;
    xs[k] = parley_timeline_time(tl, k), ys[k] = (double)parley_timeline_feasible(tl, k, &kn);
    known &= kn;
    top = fmax(top, ys[k]);
  }
  if (known) {
    pl_html_chart_id(s, "feasible", id, sizeof id);
    pl_chart_open(b, &c, id, "The packages every party accepts, over time", 860, 380, 0, H, 0, top * 1.05, xl, "packages", 0);
    pl_chart_line(&c, xs, ys, K, pl_svg_colour(2), NULL, 2.5, "feasible");
    pl_chart_dots_begin(&c, pl_svg_colour(2), 6, "feasible", "the feasible packages at a step");
    for (size_t k = 0; k < K; k++) pl_chart_dot(&c, xs[k], ys[k]);
    pl_chart_dots_end(&c);
    pl_chart_legend(&c, "feasible packages", pl_svg_colour(2), -1, NULL, "feasible");
    pl_chart_close(&c);
    pl_chart_table_open(b, "The numbers", "time\tfeasible packages");
    for (size_t k = 0; k < K; k++) pl_chart_table_row(b, "%.4g\t%.0f", xs[k], ys[k]);
    pl_chart_table_close(b);
  }
  /* the Nash package's utilities over time */
  pl_html_chart_id(s, "nash", id, sizeof id);
  double ulo = 0, uhi = 1;
  for (size_t k = 0; k < K; k++)
    for (size_t p = 0; parley_timeline_nash(tl, k) && p < P; p++) pl_html_range(&ulo, &uhi, parley_timeline_nash_utility(tl, k, p));
  pl_chart_open(b, &c, id, "Each party's utility of the Nash package, over time", 860, 420, 0, H, ulo, uhi, xl, "utility", 0);
  for (size_t p = 0; p < P; p++) {
    size_t m = 0;
    for (size_t k = 0; k < K; k++)
      if (parley_timeline_nash(tl, k)) xs[m] = parley_timeline_time(tl, k), ys[m++] = parley_timeline_nash_utility(tl, k, p);
    pl_chart_line(&c, xs, ys, m, pl_svg_colour(p), pl_svg_dash(p), 2.5, parley_party_id(sc, p));
    pl_chart_legend(&c, parley_party_name(sc, p), pl_svg_colour(p), -1, pl_svg_dash(p), parley_party_id(sc, p));
  }
  pl_chart_close(&c);
  pl_buf head = {0}, row = {0};
  pl_buf_puts(&head, "time");
  for (size_t p = 0; p < P; p++) pl_buf_printf(&head, "\t%s", parley_party_id(sc, p));
  pl_chart_table_open(b, "The numbers", head.data && !head.failed ? head.data : "time");
  for (size_t k = 0; k < K; k++) {
    row.len = 0;
    for (size_t p = 0; p < P; p++)
      if (parley_timeline_nash(tl, k)) pl_buf_printf(&row, "\t%.3f", parley_timeline_nash_utility(tl, k, p));
      else pl_buf_puts(&row, "\t(no deal)");
    pl_chart_table_row(b, "%.4g%s", parley_timeline_time(tl, k), row.data ? row.data : "");
  }
  pl_chart_table_close(b);
  if (head.failed || row.failed) b->failed = 1;
  pl_buf_free(&head), pl_buf_free(&row);
  free(xs), free(ys);
  return pl_html_section_check(h, s, err);
}
