/* html_mediate.c — parley_html_add_mediation and parley_html_add_mediation_comparison: the
 * drafting path in a utility plane and each party's true utility step by step, the verdicts
 * against what the mediator expected; and, across drafting groups and mediators, each party's
 * utility of the text and what leaving it out costs it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "report/html.h"
#include "report/mediation.h"
#include "util/error.h"

static void who(pl_buf *b, const parley_mediation_result *r, int want) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  int n = 0;
  for (size_t p = 0; p < parley_party_count(sc); p++)
    if (pl_report_view_holds(r, p) == want) pl_buf_printf(b, "%s%s", n++ ? ", " : "", parley_party_name(sc, p));
  if (!n) pl_buf_puts(b, "nobody");
}

/* The texts in order: the start (when there is one), then after each step; their count. */
static size_t texts(const parley_mediation_result *r, const uint32_t **out) {
  size_t n = 0;
  if (parley_mediation_result_start(r)) out[n++] = parley_mediation_result_start(r);
  for (size_t k = 0; k < parley_mediation_result_step_count(r); k++) {
    parley_mediation_step st;
    if (!parley_mediation_result_step(r, k, &st) && st.text) out[n++] = st.text;
  }
  if (!n && parley_mediation_result_package(r)) out[n++] = parley_mediation_result_package(r);
  return n;
}

static void path_chart(pl_section *s, const parley_mediation_result *r, const parley_analysis *an, size_t pa, size_t pb,
                       const uint32_t **tx, size_t n) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  char id[64], title[256], xl[128], yl[128], tip[256];
  pl_html_chart_id(s, "path", id, sizeof id);
  snprintf(title, sizeof title, "The drafting path in the utilities of %s and %s", parley_party_name(sc, pa),
           parley_party_name(sc, pb));
  snprintf(xl, sizeof xl, "utility of %s", parley_party_name(sc, pa));
  snprintf(yl, sizeof yl, "utility of %s", parley_party_name(sc, pb));
  double *xs = malloc((n + 1) * sizeof *xs), *ys = malloc((n + 1) * sizeof *ys);
  if (!xs || !ys) {
    free(xs), free(ys);
    s->body.failed = 1;
    return;
  }
  double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
  for (size_t k = 0; k < n; k++) {
    xs[k] = parley_utility(sc, pa, tx[k]), ys[k] = parley_utility(sc, pb, tx[k]);
    pl_html_range(&xlo, &xhi, xs[k]), pl_html_range(&ylo, &yhi, ys[k]);
  }
  pl_html_plane_range(sc, an, pa, pb, &xlo, &xhi, &ylo, &yhi);
  pl_chart c;
  pl_chart_open(&s->body, &c, id, title, 860, 620, xlo, xhi, ylo, yhi, xl, yl, 0);
  pl_html_plane_backdrop(&c, sc, an, pa, pb);
  pl_chart_line(&c, xs, ys, n, pl_svg_colour(0), NULL, 2, "path");
  pl_chart_dots_begin(&c, pl_svg_colour(0), 6, "path", "a text along the way");
  for (size_t k = 0; k < n; k++) pl_chart_dot(&c, xs[k], ys[k]);
  pl_chart_dots_end(&c);
  pl_chart_legend(&c, "the texts, step by step", pl_svg_colour(0), -1, NULL, "path");
  if (n > 1) {
    snprintf(tip, sizeof tip, "the first text: %.3f, %.3f", xs[0], ys[0]);
    pl_chart_mark(&c, xs[0], ys[0], PL_MARK_SQUARE, pl_svg_colour(3), "start", tip, "start");
    pl_chart_legend(&c, "the first text", pl_svg_colour(3), PL_MARK_SQUARE, NULL, "start");
  }
  if (n) {
    snprintf(tip, sizeof tip, "the final text: %.3f, %.3f", xs[n - 1], ys[n - 1]);
    pl_chart_mark(&c, xs[n - 1], ys[n - 1], PL_MARK_CROSS, "#000000", "final", tip, "final text");
    pl_chart_legend(&c, "the final text", "#000000", PL_MARK_CROSS, NULL, "final");
  }
  pl_chart_close(&c);
  pl_chart_table_open(&s->body, "The numbers", "text\tx\ty");
  for (size_t k = 0; k < n; k++)
    pl_chart_table_row(&s->body, "%s\t%.3f\t%.3f", k == 0 && n > 1 ? "first" : k == n - 1 ? "final" : "", xs[k], ys[k]);
  pl_chart_table_close(&s->body);
  free(xs), free(ys);
}

static void steps_chart(pl_section *s, const parley_mediation_result *r, const uint32_t **tx, size_t n) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  const size_t P = parley_party_count(sc);
  char id[64];
  pl_html_chart_id(s, "steps", id, sizeof id);
  double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
  if (!xs || !ys) {
    free(xs), free(ys);
    s->body.failed = 1;
    return;
  }
  double lo = 0, hi = 1;
  for (size_t k = 0; k < n; k++)
    for (size_t p = 0; p < P; p++) lo = fmin(lo, parley_utility(sc, p, tx[k])), hi = fmax(hi, parley_utility(sc, p, tx[k]));
  pl_chart c;
  pl_chart_open(&s->body, &c, id, "Each party's true utility of the text, step by step", 860, 420, 0, (double)(n - 1), lo, hi,
                "step (0: the first text)", "true utility", PL_CHART_X_WHOLE);
  for (size_t p = 0; p < P; p++) {
    for (size_t k = 0; k < n; k++) xs[k] = (double)k, ys[k] = parley_utility(sc, p, tx[k]);
    pl_chart_line(&c, xs, ys, n, pl_svg_colour(p), pl_svg_dash(p), 2.5, parley_party_id(sc, p));
    pl_chart_legend(&c, parley_party_name(sc, p), pl_svg_colour(p), -1, pl_svg_dash(p), parley_party_id(sc, p));
  }
  pl_chart_close(&c);
  pl_buf head = {0}, row = {0};
  pl_buf_puts(&head, "step");
  for (size_t p = 0; p < P; p++) pl_buf_printf(&head, "\t%s", parley_party_id(sc, p));
  pl_chart_table_open(&s->body, "The numbers", head.data && !head.failed ? head.data : "step");
  for (size_t k = 0; k < n; k++) {
    row.len = 0;
    for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%.3f", parley_utility(sc, p, tx[k]));
    pl_chart_table_row(&s->body, "%zu%s", k, row.data ? row.data : "");
  }
  row.len = 0;
  for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%.3f", parley_party_reservation(sc, p));
  pl_chart_table_row(&s->body, "reservation%s", row.data ? row.data : "");
  if (head.failed || row.failed) s->body.failed = 1;
  pl_buf_free(&head), pl_buf_free(&row);
  pl_chart_table_close(&s->body);
  free(xs), free(ys);
}

/* The two parties the text serves least (utility minus reservation). */
static void least_served(const parley_scenario *sc, const uint32_t *pkg, size_t *a, size_t *b) {
  double ga = INFINITY, gb = INFINITY;
  *a = 0, *b = 1;
  for (size_t p = 0; pkg && p < parley_party_count(sc); p++) {
    const double g = parley_utility(sc, p, pkg) - parley_party_reservation(sc, p);
    if (g < ga) gb = ga, *b = *a, ga = g, *a = p;
    else if (g < gb) gb = g, *b = p;
  }
  if (*a > *b) {
    const size_t t = *a;
    *a = *b, *b = t;
  }
}

int parley_html_add_mediation(parley_html *h, const parley_mediation_result *r, const parley_analysis *an, size_t party_a,
                              size_t party_b, parley_error *err) {
  if (!h || !r) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  const size_t P = parley_party_count(sc), m = parley_mediation_result_mediator(r);
  const uint32_t *pkg = parley_mediation_result_package(r);
  if (party_a == PARLEY_NONE || party_b == PARLEY_NONE) least_served(sc, pkg, &party_a, &party_b);
  if (P < 2 || party_a >= P || party_b >= P || party_a == party_b)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "the pair to draw must be two different parties of the scenario");
  pl_section *s = pl_html_section(h, "mediation", "The mediation");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body, t = {0};
  const parley_procedure proc = parley_mediation_result_procedure(r);
  pl_buf_printf(&t, "Procedure: %s (%s). Mediator: %s. It hears ", parley_procedure_name(proc), parley_procedure_doc(proc),
                m == PARLEY_NONE ? "an outside mediator" : parley_mediator_name(sc, m));
  who(&t, r, 1);
  pl_buf_puts(&t, "; it believes it knows ");
  who(&t, r, 2);
  pl_buf_puts(&t, "; outside its view: ");
  who(&t, r, 0);
  pl_buf_puts(&t, ".");
  if (t.failed) b->failed = 1;
  pl_html_para(b, "%s", t.data && !t.failed ? t.data : "");
  t.len = 0;
  if (pkg) {
    pl_report_package(&t, sc, pkg);
    pl_html_para(b, "The text: %s. %s", t.data ? t.data : "",
                 parley_mediation_result_all_accept(r) ? "Every party accepts it." : "Not every party accepts it.");
  } else {
    pl_html_para(b, "No text: no package of the mediator's view gives every party in it its reservation without crossing a "
                 "red line.");
  }
  pl_buf_free(&t);
  const uint32_t **tx = malloc((parley_mediation_result_step_count(r) + 2) * sizeof *tx);
  if (!tx) {
    b->failed = 1;
    return pl_html_section_check(h, s, err);
  }
  const size_t n = texts(r, tx);
  if (n) path_chart(s, r, an, party_a, party_b, tx, n);
  if (n > 1) steps_chart(s, r, tx, n);
  free(tx);
  if (pkg) {
    parley_acceptance v[PARLEY_MAX_PARTIES], e;
    int expected[PARLEY_MAX_PARTIES];
    for (size_t p = 0; p < P; p++) {
      parley_mediation_result_verdict(r, p, &v[p]);
      expected[p] = pl_report_view_holds(r, p) && !parley_mediation_result_expected(r, p, &e) ? e.accepts : -1;
    }
    pl_html_verdict_chart(s, sc, "verdicts", "The text judged by every party's true profile", v, expected);
    pl_buf miss = {0};
    for (size_t p = 0; p < P; p++) {
      miss.len = 0;
      if (pl_report_belief_miss(&miss, r, p)) pl_html_para(b, "A picture was wrong: %s.", miss.data ? miss.data : "");
    }
    if (miss.failed) b->failed = 1;
    pl_buf_free(&miss);
  }
  return pl_html_section_check(h, s, err);
}

int parley_html_add_mediation_comparison(parley_html *h, const parley_mediation_comparison *cm, parley_error *err) {
  if (!h || !cm) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = parley_comparison_scenario(cm);
  const size_t P = parley_party_count(sc), V = parley_comparison_count(cm);
  pl_section *s = pl_html_section(h, "compare", "Who drafts, and what exclusion costs");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body, name = {0}, row = {0};
  pl_html_para(b, "The same procedure with other drafting groups and mediators; every text judged by every party's true "
               "profile. Within each group the bars run in the order of the legend, first at the top; a party that rejects "
               "the text has \"rejects\" after its bar.");
  char id[64], tip[300];
  double lo = 0, hi = 1;
  for (size_t k = 0; k < V; k++) {
    const parley_mediation_result *r = parley_comparison_result(cm, k);
    const uint32_t *pkg = r ? parley_mediation_result_package(r) : NULL;
    for (size_t p = 0; pkg && p < P; p++) lo = fmin(lo, parley_utility(sc, p, pkg)), hi = fmax(hi, parley_utility(sc, p, pkg));
  }
  pl_html_chart_id(s, "groups", id, sizeof id);
  pl_chart c;
  pl_chart_open(b, &c, id, "Each party's true utility of the text, per drafting group", 860, 68 + (10.0 * (double)P + 12) * (double)V,
                lo, hi, 0, (double)V, "true utility", NULL, 0);
  for (size_t k = 0; k < V; k++) {
    const parley_mediation_result *r = parley_comparison_result(cm, k);
    const uint32_t *pkg = r ? parley_mediation_result_package(r) : NULL;
    const double y = (double)(V - 1 - k);
    name.len = 0;
    pl_report_variant_name(&name, cm, k);
    pl_chart_category(&c, 0, y + 0.5, name.data ? name.data : "");
    for (size_t p = 0; pkg && p < P; p++) {
      const double top = y + 0.92 - 0.84 * (double)p / (double)P, u = parley_utility(sc, p, pkg);
      parley_acceptance v;
      parley_mediation_result_verdict(r, p, &v);
      snprintf(tip, sizeof tip, "%s, %s: %.3f, %s", name.data ? name.data : "", parley_party_name(sc, p), u, pl_html_verdict(&v));
      pl_chart_bar(&c, 0, u, top - 0.84 / (double)P, top, pl_svg_colour(p), NULL, parley_party_id(sc, p), tip);
      if (!v.accepts)
        pl_buf_printf(b, "<text class=\"label\" x=\"%.2f\" y=\"%.2f\">rejects</text>\n", pl_chart_x(&c, u) + 4,
                      pl_chart_y(&c, top - 0.42 / (double)P) + 4);
    }
  }
  for (size_t p = 0; p < P; p++)
    pl_chart_legend(&c, parley_party_name(sc, p), pl_svg_colour(p), PL_MARK_SQUARE, NULL, parley_party_id(sc, p));
  pl_chart_close(&c);
  pl_buf_puts(&row, "drafting group");
  for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%s", parley_party_id(sc, p));
  pl_buf_puts(&row, "\tall accept\tto Nash");
  pl_chart_table_open(b, "The numbers (* rejects)", row.data && !row.failed ? row.data : "group");
  for (size_t k = 0; k < V; k++) {
    const parley_mediation_result *r = parley_comparison_result(cm, k);
    const uint32_t *pkg = r ? parley_mediation_result_package(r) : NULL;
    name.len = 0, row.len = 0;
    pl_report_variant_name(&name, cm, k);
    for (size_t p = 0; p < P; p++) {
      parley_acceptance v;
      if (pkg && !parley_mediation_result_verdict(r, p, &v)) pl_buf_printf(&row, "\t%.3f%s", v.utility, v.accepts ? "" : "*");
      else pl_buf_puts(&row, "\t");
    }
    pl_chart_table_row(b, "%s%s\t%s\t%.3f", name.data ? name.data : "", row.data ? row.data : "",
                       !r ? parley_comparison_error(cm, k) : pkg && parley_mediation_result_all_accept(r) ? "yes" : "no",
                       parley_comparison_nash_distance(cm, k));
  }
  pl_chart_table_close(b);
  /* what leaving each party out costs it */
  double clo = 0, chi = 0;
  size_t nc = 0;
  for (size_t p = 0; p < P; p++) {
    const double x = parley_comparison_exclusion_cost(cm, p);
    if (!isnan(x)) clo = fmin(clo, x), chi = fmax(chi, x), nc++;
  }
  if (nc) {
    if (chi - clo < 0.05) chi = clo + 0.05;
    pl_html_chart_id(s, "cost", id, sizeof id);
    pl_chart_open(b, &c, id, "What leaving a party out of the drafting costs it", 860, 68 + 34 * (double)P, clo, chi, 0,
                  (double)P, "its utility drafted with everyone minus drafted without it", NULL, 0);
    for (size_t p = 0; p < P; p++) {
      const double x = parley_comparison_exclusion_cost(cm, p), y = (double)(P - 1 - p);
      pl_chart_category(&c, 0, y + 0.5, parley_party_name(sc, p));
      if (isnan(x)) continue;
      snprintf(tip, sizeof tip, "%s loses %.3f when left out", parley_party_name(sc, p), x);
      pl_chart_bar(&c, 0, x, y + 0.2, y + 0.8, x > 0 ? pl_svg_colour(1) : pl_svg_colour(2), NULL, x > 0 ? "loses" : "gains", tip);
    }
    pl_chart_rule(&c, 1, 0, "#000000", NULL, NULL, NULL);
    pl_chart_legend(&c, "it loses by being left out", pl_svg_colour(1), PL_MARK_SQUARE, NULL, "loses");
    pl_chart_legend(&c, "it gains", pl_svg_colour(2), PL_MARK_SQUARE, NULL, "gains");
    pl_chart_close(&c);
    pl_chart_table_open(b, "The numbers", "party\tcost of being left out");
    for (size_t p = 0; p < P; p++) {
      const double x = parley_comparison_exclusion_cost(cm, p);
      if (isnan(x)) pl_chart_table_row(b, "%s\t(the mediator's own, or no text)", parley_party_id(sc, p));
      else pl_chart_table_row(b, "%s\t%.3f", parley_party_id(sc, p), x);
    }
    pl_chart_table_close(b);
  }
  if (name.failed || row.failed) b->failed = 1;
  pl_buf_free(&name), pl_buf_free(&row);
  return pl_html_section_check(h, s, err);
}
