/* html_parts.c — charts more than one section draws: the parties' verdicts on a text (bars of
 * utility against reservation), and the backdrop of a utility plane (the frontier, the Nash
 * package, the reservations). */
#include <math.h>
#include <stdio.h>

#include "report/html.h"

void pl_html_range(double *lo, double *hi, double v) {
  if (isfinite(v)) *lo = fmin(*lo, v), *hi = fmax(*hi, v);
}

const char *pl_html_verdict(const parley_acceptance *v) {
  return v->accepts ? "accepts" : v->red_lines_crossed ? "rejects: red line" : "rejects: below reservation";
}

void pl_html_verdict_chart(pl_section *s, const parley_scenario *sc, const char *suffix, const char *title,
                           const parley_acceptance *v, const int *expected) {
  const size_t P = parley_party_count(sc);
  pl_buf *b = &s->body;
  char id[64], tip[300], note[160];
  pl_html_chart_id(s, suffix, id, sizeof id);
  double lo = 0, hi = 1;
  for (size_t p = 0; p < P; p++) pl_html_range(&lo, &hi, v[p].utility), pl_html_range(&lo, &hi, v[p].reservation);
  pl_chart c;
  pl_chart_open(b, &c, id, title, 860, 94 + 34 * (double)P, lo, hi, 0, (double)P, "utility", NULL, PL_CHART_LEGEND_BELOW);
  for (size_t p = 0; p < P; p++) {
    const double y = (double)(P - 1 - p);
    snprintf(note, sizeof note, "%s%s", pl_html_verdict(&v[p]), /* short: the column beside the plot is narrow */
             !expected || expected[p] < 0 ? ""
             : expected[p] == v[p].accepts ? ", as expected"
             : expected[p] ? "; expected: accepts"
                           : "; expected: rejects");
    snprintf(tip, sizeof tip, "%s: utility %.3f, reservation %.3f, %s", parley_party_name(sc, p), v[p].utility,
             v[p].reservation, note);
    pl_chart_category(&c, 0, y + 0.5, parley_party_name(sc, p));
    pl_chart_bar(&c, 0, v[p].utility, y + 0.2, y + 0.8, v[p].accepts ? pl_svg_colour(2) : pl_svg_colour(1), NULL,
                 v[p].accepts ? "accepts" : "rejects", tip);
    const double rx[2] = {v[p].reservation, v[p].reservation}, ry[2] = {y + 0.05, y + 0.95};
    pl_chart_line(&c, rx, ry, 2, "#000000", NULL, 2.5, "reservation");
    pl_chart_aside(&c, y + 0.5, note);
  }
  pl_chart_legend(&c, "accepts", pl_svg_colour(2), PL_MARK_SQUARE, NULL, "accepts");
  pl_chart_legend(&c, "rejects", pl_svg_colour(1), PL_MARK_SQUARE, NULL, "rejects");
  pl_chart_legend(&c, "reservation", "#000000", -1, NULL, "reservation");
  pl_chart_close(&c);
  pl_chart_table_open(b, "The numbers", expected ? "party\tutility\treservation\tverdict\tred lines crossed\tthe mediator expects"
                                                 : "party\tutility\treservation\tverdict\tred lines crossed");
  for (size_t p = 0; p < P; p++)
    pl_chart_table_row(b, "%s\t%.3f\t%.3f\t%s\t%zu%s", parley_party_id(sc, p), v[p].utility, v[p].reservation,
                       pl_html_verdict(&v[p]), v[p].red_lines_crossed,
                       !expected ? "" : expected[p] < 0 ? "\t(no picture)" : expected[p] ? "\taccepts" : "\trejects");
  pl_chart_table_close(b);
}

void pl_html_plane_range(const parley_scenario *sc, const parley_analysis *an, size_t pa, size_t pb, double *xlo,
                         double *xhi, double *ylo, double *yhi) {
  pl_html_range(xlo, xhi, parley_party_reservation(sc, pa)), pl_html_range(ylo, yhi, parley_party_reservation(sc, pb));
  for (size_t i = 0; an && i < parley_analysis_frontier_count(an); i++) {
    pl_html_range(xlo, xhi, parley_analysis_frontier_utility(an, i, pa));
    pl_html_range(ylo, yhi, parley_analysis_frontier_utility(an, i, pb));
  }
}

void pl_html_plane_backdrop(pl_chart *c, const parley_scenario *sc, const parley_analysis *an, size_t pa, size_t pb) {
  char tip[256];
  if (an) {
    const size_t F = parley_analysis_frontier_count(an);
    pl_chart_dots_begin(c, "#000000", 4, "frontier", "a package on the Pareto frontier");
    for (size_t i = 0; i < F; i++)
      pl_chart_dot(c, parley_analysis_frontier_utility(an, i, pa), parley_analysis_frontier_utility(an, i, pb));
    pl_chart_dots_end(c);
    const size_t nash = parley_analysis_solution(an, PARLEY_NASH);
    if (nash != PARLEY_NONE) {
      const double x = parley_analysis_frontier_utility(an, nash, pa), y = parley_analysis_frontier_utility(an, nash, pb);
      snprintf(tip, sizeof tip, "the Nash package: %.3f, %.3f", x, y);
      pl_chart_mark(c, x, y, PL_MARK_DIAMOND, "#555555", "nash", tip, "nash");
    }
    pl_chart_legend(c, parley_party_count(sc) == 2 ? "Pareto frontier" : "Pareto frontier (all parties)", "#000000",
                    PL_MARK_CIRCLE, NULL, "frontier");
    if (nash != PARLEY_NONE) pl_chart_legend(c, "Nash package", "#555555", PL_MARK_DIAMOND, NULL, "nash");
  }
  pl_chart_rule(c, 1, parley_party_reservation(sc, pa), "#555555", "5 4", "reservation", "reservations");
  pl_chart_rule(c, 0, parley_party_reservation(sc, pb), "#555555", "5 4", "reservation", "reservations");
  pl_chart_legend(c, "reservations", "#555555", -1, "5 4", "reservations");
}
