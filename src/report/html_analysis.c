/* html_analysis.c — parley_html_add_analysis: the deal space (every package, or a sample, in
 * the utility plane of a pair of parties, with the feasible ones, the reservations, the Pareto
 * frontier, the bargaining solutions and the frameworks; for three parties or more the frontier
 * in parallel coordinates) and the draft (each framework's utilities against the reservations,
 * red lines crossed, the best amendment, and the concessions at the Nash package). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "report/html.h"
#include "util/error.h"
#include "util/prng.h"

#define MAX_POINTS 20000   /* packages drawn in the plane; beyond, a uniform sample this large */
#define MAX_FRONTIER 5000  /* frontier vectors drawn; beyond, evenly spaced ones */
#define MAX_LINES 1000     /* frontier vectors drawn in parallel coordinates */
#define MAX_LISTED 200     /* frontier vectors listed in a table */

typedef struct xy {
  double x, y;
} xy;

static int by_x(const void *a, const void *b) {
  const xy *p = a, *q = b;
  return p->x < q->x ? -1 : p->x > q->x ? 1 : p->y > q->y ? -1 : p->y < q->y;
}

/* The pair to draw when none is asked for: the two parties with the least above their
 * reservation at the Nash package (the first two when nothing is feasible). */
static void default_pair(const parley_analysis *an, size_t *a, size_t *b) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc), nash = parley_analysis_solution(an, PARLEY_NASH);
  *a = 0, *b = 1;
  if (nash == PARLEY_NONE) return;
  double ga = INFINITY, gb = INFINITY;
  for (size_t p = 0; p < P; p++) {
    const double g = parley_analysis_frontier_utility(an, nash, p) - parley_party_reservation(sc, p);
    if (g < ga) gb = ga, *b = *a, ga = g, *a = p;
    else if (g < gb) gb = g, *b = p;
  }
  if (*a > *b) {
    const size_t t = *a;
    *a = *b, *b = t;
  }
}

/* The number of packages with thousands separators ("5,760,000"). */
static void count_text(const parley_scenario *sc, char *out, size_t size) {
  char digits[64];
  pl_buf t = {0};
  parley_outcome_count_text(sc, digits, sizeof digits);
  pl_report_grouped(&t, digits);
  snprintf(out, size, "%s", t.data && !t.failed ? t.data : digits);
  pl_buf_free(&t);
}

static int feasible(const parley_scenario *sc, const uint32_t *pkg) {
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    parley_acceptance v;
    if (parley_package_acceptance(sc, p, pkg, &v) || !v.accepts) return 0;
  }
  return 1;
}

/* The solutions at frontier index i, "nash, kalai" (empty when none). */
static void solutions_at(const parley_analysis *an, size_t i, char *out, size_t size) {
  out[0] = 0;
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++)
    if (parley_analysis_solution(an, (parley_solution)s) == i) {
      const size_t n = strlen(out);
      snprintf(out + n, size - n, "%s%s", n ? ", " : "", parley_solution_name((parley_solution)s));
    }
}

/* The packages as dots: every one when there are at most MAX_POINTS, else a uniform sample. */
static int cloud(pl_chart *c, const parley_scenario *sc, size_t pa, size_t pb, uint64_t *drawn, uint64_t *drawn_feasible) {
  const size_t N = parley_issue_count(sc);
  const uint64_t total = parley_outcome_count(sc);
  const int all = total <= MAX_POINTS;
  const uint64_t n = all ? total : MAX_POINTS;
  uint32_t *pkg = calloc(N ? N : 1, sizeof *pkg);
  double *u = malloc(2 * n * sizeof *u);
  unsigned char *ok = malloc(n ? n : 1);
  if (!pkg || !u || !ok) {
    free(pkg), free(u), free(ok);
    return -1;
  }
  uint64_t rng = 0x9e3779b97f4a7c15u, nf = 0;
  for (uint64_t k = 0; k < n; k++) {
    if (!all) {
      for (size_t i = 0; i < N; i++) pkg[i] = (uint32_t)(pl_prng_next(&rng) % parley_issue_option_count(sc, i));
    } else if (k) { /* the next package in mixed radix, the last issue fastest */
      for (size_t i = N; i-- > 0;) {
        if (++pkg[i] < parley_issue_option_count(sc, i)) break;
        pkg[i] = 0;
      }
    }
    u[2 * k] = parley_utility(sc, pa, pkg), u[2 * k + 1] = parley_utility(sc, pb, pkg);
    ok[k] = (unsigned char)feasible(sc, pkg);
    nf += ok[k];
  }
  for (int pass = 0; pass < 2; pass++) {
    pl_chart_dots_begin(c, pass ? "#3d8fc6" : PL_SVG_LIGHT, pass ? 4 : 3.5, pass ? "feasible" : "packages",
                        pass ? "a package every party accepts" : "a package some party rejects");
    for (uint64_t k = 0; k < n; k++)
      if (ok[k] == pass) pl_chart_dot(c, u[2 * k], u[2 * k + 1]);
    pl_chart_dots_end(c);
  }
  *drawn = n, *drawn_feasible = nf;
  free(pkg), free(u), free(ok);
  return 0;
}

/* The numbers of the deal space's charts: the reservations, the solutions, the frameworks and
 * the first MAX_LISTED frontier points, every party's utility. */
static void utilities_table(pl_buf *b, const parley_analysis *an, int *failed) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc), F = parley_analysis_frontier_count(an), NF = parley_framework_count(sc);
  char names[160];
  pl_buf head = {0};
  pl_buf_puts(&head, "point");
  for (size_t p = 0; p < P; p++) pl_buf_printf(&head, "\t%s", parley_party_id(sc, p));
  pl_chart_table_open(b, "The labelled points and the frontier, in numbers", head.failed ? "point" : head.data);
  pl_buf_free(&head);
  pl_buf row = {0};
  for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%.3f", parley_party_reservation(sc, p));
  pl_chart_table_row(b, "reservation%s", row.data ? row.data : "");
  for (size_t i = 0; i < F; i++) {
    solutions_at(an, i, names, sizeof names);
    if (!names[0]) continue;
    row.len = 0;
    for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%.3f", parley_analysis_frontier_utility(an, i, p));
    pl_chart_table_row(b, "%s%s", names, row.data ? row.data : "");
  }
  for (size_t f = 0; f < NF; f++) {
    row.len = 0;
    for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%.3f", parley_utility(sc, p, parley_framework_package(sc, f)));
    pl_chart_table_row(b, "framework %s%s", parley_framework_id(sc, f), row.data ? row.data : "");
  }
  for (size_t i = 0; i < F && i < MAX_LISTED; i++) {
    row.len = 0;
    for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%.3f", parley_analysis_frontier_utility(an, i, p));
    pl_chart_table_row(b, "frontier %zu%s", i + 1, row.data ? row.data : "");
  }
  if (F > MAX_LISTED) pl_chart_table_row(b, "and %zu more frontier points (parley analyze --csv lists them all)", F - MAX_LISTED);
  pl_chart_table_row(b, "the feasible packages: parley analyze --csv --feasible lists them with every party's utility");
  if (row.failed) *failed = 1;
  pl_buf_free(&row);
  pl_chart_table_close(b);
}

static void plane(pl_section *s, const parley_analysis *an, size_t pa, size_t pb, int *failed) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc), F = parley_analysis_frontier_count(an), NF = parley_framework_count(sc);
  const char *A = parley_party_name(sc, pa), *B = parley_party_name(sc, pb);
  pl_buf *b = &s->body;
  char id[64], title[256], xl[128], yl[128];
  snprintf(title, sizeof title, "The deal space in the utilities of %s and %s", A, B);
  snprintf(xl, sizeof xl, "utility of %s", A);
  snprintf(yl, sizeof yl, "utility of %s", B);
  pl_html_chart_id(s, "plane", id, sizeof id);
  double lo = 0, hi = 1; /* utilities are normally in [0, 1]; bonuses can leave it */
  for (size_t i = 0; i < F; i++)
    for (size_t p = 0; p < P; p++) {
      const double v = parley_analysis_frontier_utility(an, i, p);
      if (p == pa || p == pb) lo = fmin(lo, v), hi = fmax(hi, v);
    }
  for (size_t p = 0; p < 2; p++) {
    const size_t q = p ? pb : pa;
    double ideal, least;
    if (!parley_analysis_party_range(an, q, NULL, &ideal, &least)) lo = fmin(lo, least), hi = fmax(hi, ideal);
  }
  pl_chart c;
  pl_chart_open(b, &c, id, title, 860, 620, lo, hi, lo, hi, xl, yl, 0);
  uint64_t drawn = 0, drawn_feasible = 0;
  if (cloud(&c, sc, pa, pb, &drawn, &drawn_feasible)) {
    *failed = 1;
    return;
  }
  /* the frontier: a line for two parties (it is the pair's own), dots for more (a projection) */
  const size_t step = F > MAX_FRONTIER ? (F + MAX_FRONTIER - 1) / MAX_FRONTIER : 1;
  xy *pts = malloc((F / step + 1) * sizeof *pts);
  size_t np = 0;
  if (!pts) {
    *failed = 1;
    return;
  }
  for (size_t i = 0; i < F; i += step)
    pts[np++] = (xy){parley_analysis_frontier_utility(an, i, pa), parley_analysis_frontier_utility(an, i, pb)};
  if (P == 2) {
    qsort(pts, np, sizeof *pts, by_x);
    double *xs = malloc((np + 1) * sizeof *xs), *ys = malloc((np + 1) * sizeof *ys);
    if (!xs || !ys) {
      free(xs), free(ys), free(pts);
      *failed = 1;
      return;
    }
    for (size_t i = 0; i < np; i++) xs[i] = pts[i].x, ys[i] = pts[i].y;
    pl_chart_line(&c, xs, ys, np, "#000000", NULL, 2, "frontier");
    free(xs), free(ys);
  }
  pl_chart_dots_begin(&c, "#000000", P == 2 ? 5 : 4, "frontier", "a package on the Pareto frontier");
  for (size_t i = 0; i < np; i++) pl_chart_dot(&c, pts[i].x, pts[i].y);
  pl_chart_dots_end(&c);
  free(pts);
  pl_chart_rule(&c, 1, parley_party_reservation(sc, pa), "#555555", "5 4", "reservation", "reservations");
  pl_chart_rule(&c, 0, parley_party_reservation(sc, pb), "#555555", "5 4", "reservation", "reservations");
  char names[160], tip[512];
  for (size_t i = 0; i < F; i++) {
    solutions_at(an, i, names, sizeof names);
    if (!names[0]) continue;
    const double x = parley_analysis_frontier_utility(an, i, pa), y = parley_analysis_frontier_utility(an, i, pb);
    snprintf(tip, sizeof tip, "%s: %s %.3f, %s %.3f", names, A, x, B, y);
    pl_chart_mark(&c, x, y, PL_MARK_DIAMOND, pl_svg_colour(1), "solutions", tip, names);
  }
  for (size_t f = 0; f < NF; f++) {
    const uint32_t *pkg = parley_framework_package(sc, f);
    const double x = parley_utility(sc, pa, pkg), y = parley_utility(sc, pb, pkg);
    snprintf(tip, sizeof tip, "%s: %s %.3f, %s %.3f", parley_framework_name(sc, f), A, x, B, y);
    pl_chart_mark(&c, x, y, PL_MARK_SQUARE, pl_svg_colour(3), "frameworks", tip, parley_framework_id(sc, f));
  }
  pl_chart_legend(&c, "package, rejected", PL_SVG_LIGHT, PL_MARK_CIRCLE, NULL, "packages");
  pl_chart_legend(&c, "package, feasible", "#3d8fc6", PL_MARK_CIRCLE, NULL, "feasible");
  pl_chart_legend(&c, P == 2 ? "Pareto frontier" : "Pareto frontier (all parties)", "#000000", P == 2 ? -1 : PL_MARK_CIRCLE,
                  NULL, "frontier");
  pl_chart_legend(&c, "reservations", "#555555", -1, "5 4", "reservations");
  pl_chart_legend(&c, "bargaining solutions", pl_svg_colour(1), PL_MARK_DIAMOND, NULL, "solutions");
  if (NF) pl_chart_legend(&c, "frameworks", pl_svg_colour(3), PL_MARK_SQUARE, NULL, "frameworks");
  pl_chart_close(&c);
  char count[64];
  count_text(sc, count, sizeof count);
  if (drawn < parley_outcome_count(sc))
    pl_html_para(b, "Drawn: a uniform sample of %llu of the %s packages (fixed seed), %llu of them feasible; the frontier, "
                 "solutions and frameworks are exact.", (unsigned long long)drawn, count, (unsigned long long)drawn_feasible);
  else
    pl_html_para(b, "Drawn: all %s packages, %llu of them feasible (every party accepts them).", count,
                 (unsigned long long)drawn_feasible);
  if (P > 2)
    pl_html_para(b, "With %zu parties the frontier is drawn as the points of the all-party Pareto frontier seen from these "
                 "two; some lie inside the pair's own frontier.", P);
  if (step > 1) pl_html_para(b, "The frontier has %zu points; every %zu-th is drawn.", F, step);
  utilities_table(b, an, failed);
}

/* Three parties or more: the frontier in parallel coordinates, one axis per party. */
static void parallel(pl_section *s, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc), F = parley_analysis_frontier_count(an), NF = parley_framework_count(sc);
  pl_buf *b = &s->body;
  char id[64];
  pl_html_chart_id(s, "parallel", id, sizeof id);
  double lo = 0, hi = 1, xs[64], ys[64];
  if (P > 64) return;
  for (size_t i = 0; i < F; i++)
    for (size_t p = 0; p < P; p++) pl_html_range(&lo, &hi, parley_analysis_frontier_utility(an, i, p));
  for (size_t f = 0; f < NF; f++)
    for (size_t p = 0; p < P; p++) pl_html_range(&lo, &hi, parley_utility(sc, p, parley_framework_package(sc, f)));
  pl_chart c;
  pl_chart_open(b, &c, id, "The Pareto frontier, one axis per party", 860, 440, 0, (double)(P - 1), lo, hi, NULL, "utility", 0);
  for (size_t p = 0; p < P; p++) {
    xs[p] = (double)p;
    pl_chart_category(&c, 1, (double)p, parley_party_id(sc, p));
  }
  const size_t step = F > MAX_LINES ? (F + MAX_LINES - 1) / MAX_LINES : 1;
  for (size_t i = 0; i < F; i += step) {
    for (size_t p = 0; p < P; p++) ys[p] = parley_analysis_frontier_utility(an, i, p);
    pl_chart_line(&c, xs, ys, P, "#b8b8b8", NULL, 1, "frontier");
  }
  size_t k = 0;
  for (int sol = 0; sol < PARLEY_SOLUTION_COUNT; sol++) { /* one line each, though several may coincide */
    const size_t i = parley_analysis_solution(an, (parley_solution)sol);
    if (i == PARLEY_NONE) continue;
    const char *name = parley_solution_name((parley_solution)sol);
    for (size_t p = 0; p < P; p++) ys[p] = parley_analysis_frontier_utility(an, i, p);
    pl_chart_line(&c, xs, ys, P, pl_svg_colour(k), pl_svg_dash(k), 2.5, name);
    pl_chart_legend(&c, name, pl_svg_colour(k), -1, pl_svg_dash(k), name);
    k++;
  }
  for (size_t f = 0; f < NF; f++, k++) {
    for (size_t p = 0; p < P; p++) ys[p] = parley_utility(sc, p, parley_framework_package(sc, f));
    pl_chart_line(&c, xs, ys, P, pl_svg_colour(k), pl_svg_dash(k), 2.5, parley_framework_id(sc, f));
    pl_chart_legend(&c, parley_framework_id(sc, f), pl_svg_colour(k), -1, pl_svg_dash(k), parley_framework_id(sc, f));
  }
  pl_chart_legend(&c, "frontier", "#b8b8b8", -1, NULL, "frontier");
  pl_chart_close(&c);
  if (step > 1) pl_html_para(b, "Every %zu-th of the %zu frontier points is drawn.", step, F);
  int failed = 0;
  utilities_table(b, an, &failed);
  if (failed) b->failed = 1;
}

static void draft(pl_section *s, const parley_analysis *an, size_t f, int *failed) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc);
  const uint32_t *pkg = parley_framework_package(sc, f);
  pl_buf *b = &s->body;
  char title[300], suffix[32];
  snprintf(suffix, sizeof suffix, "fw%zu", f + 1);
  snprintf(title, sizeof title, "%s: each party's utility against its reservation", parley_framework_name(sc, f));
  pl_buf pk = {0};
  pl_report_package(&pk, sc, pkg);
  pl_html_para(b, "%s (%s): %s", parley_framework_name(sc, f), parley_framework_id(sc, f), pk.data ? pk.data : "");
  pl_buf_free(&pk);
  parley_acceptance v[PARLEY_MAX_PARTIES];
  size_t rejecting = 0;
  for (size_t p = 0; p < P; p++) {
    parley_analysis_framework_acceptance(an, f, p, &v[p]);
    rejecting += !v[p].accepts;
  }
  pl_html_verdict_chart(s, sc, suffix, title, v, NULL);
  pl_buf_puts(b, "<ul class=\"facts\">\n");
  for (size_t p = 0; p < P; p++)
    for (size_t k = 0; k < parley_red_line_count(sc, p); k++)
      if (parley_red_line_holds(sc, p, k, pkg)) {
        pl_buf_puts(b, "<li class=\"no\">");
        pl_html_text(b, parley_party_name(sc, p));
        pl_buf_puts(b, "'s red line is crossed: ");
        pl_html_text(b, parley_red_line_note(sc, p, k) ? parley_red_line_note(sc, p, k) : "(no note)");
        pl_buf_puts(b, "</li>\n");
      }
  if (!rejecting) {
    pl_buf_printf(b, "<li class=\"yes\">Every party accepts it%s.</li>\n",
                  parley_analysis_framework_on_frontier(an, f) ? ", and no feasible package is better for all" : "");
  } else {
    double loss = 0;
    uint64_t count = 0;
    const uint32_t *am = parley_analysis_framework_amendment(an, f, &loss, &count);
    pl_buf_puts(b, "<li>");
    if (am) {
      pl_buf ch = {0};
      pl_report_changes(&ch, sc, pkg, am, ", ");
      pl_buf_puts(b, "Best one-line amendment: ");
      pl_html_text(b, ch.data ? ch.data : "");
      pl_buf_printf(b, " (every party accepts it; the drafters %s %.3f; %llu one-issue changes win everyone)",
                    loss < 0 ? "gain" : "lose", fabs(loss), (unsigned long long)count);
      pl_buf_free(&ch);
    } else {
      pl_buf_puts(b, "No change of one issue wins every party (parley amend searches further).");
    }
    pl_buf_puts(b, "</li>\n");
  }
  const size_t dom = parley_analysis_framework_dominator_count(an, f);
  if (dom) pl_buf_printf(b, "<li>%zu frontier packages are better for every party.</li>\n", dom);
  pl_buf_puts(b, "</ul>\n");
  if (b->failed) *failed = 1;
}

static void concessions(pl_section *s, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  if (parley_analysis_solution(an, PARLEY_NASH) == PARLEY_NONE) return;
  pl_buf *b = &s->body;
  pl_buf_puts(b, "<h3>Concessions at the Nash package</h3>\n<table>\n<thead><tr><th>party</th><th>issue</th><th>its ideal</th>"
                 "<th>at Nash</th><th>cost</th></tr></thead>\n<tbody>\n");
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    for (size_t i = 0; i < parley_analysis_concession_count(an, p); i++) {
      size_t issue;
      uint32_t ideal, nash;
      double cost;
      if (parley_analysis_concession_get(an, p, i, &issue, &ideal, &nash, &cost)) continue;
      pl_buf_puts(b, "<tr><td>");
      pl_html_text(b, parley_party_id(sc, p));
      pl_buf_puts(b, "</td><td>");
      pl_html_text(b, parley_issue_id(sc, issue));
      pl_buf_puts(b, "</td><td>");
      pl_html_text(b, parley_option_id(sc, issue, ideal));
      pl_buf_puts(b, "</td><td>");
      pl_html_text(b, parley_option_id(sc, issue, nash));
      pl_buf_printf(b, "</td><td>%.3f</td></tr>\n", cost);
    }
    pl_buf_puts(b, "<tr><td>");
    pl_html_text(b, parley_party_id(sc, p));
    pl_buf_printf(b, "</td><td colspan=\"3\">in all</td><td>%.3f</td></tr>\n", parley_analysis_concession_total(an, p));
  }
  pl_buf_puts(b, "</tbody>\n</table>\n");
}

int parley_html_add_analysis(parley_html *h, const parley_analysis *an, size_t party_a, size_t party_b, parley_error *err) {
  if (!h || !an) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc);
  if (party_a == PARLEY_NONE || party_b == PARLEY_NONE) default_pair(an, &party_a, &party_b);
  if (P >= 2 && (party_a >= P || party_b >= P || party_a == party_b))
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "the pair to draw must be two different parties of the scenario");
  pl_section *s = pl_html_section(h, "space", "The deal space");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  int failed = 0;
  const size_t F = parley_analysis_frontier_count(an);
  char count[64];
  count_text(sc, count, sizeof count);
  pl_html_para(&s->body, "%s: %zu parties, %zu issues, %s packages; %llu feasible; %zu points on the Pareto frontier "
               "(method: %s).", parley_scenario_title(sc) && *parley_scenario_title(sc) ? parley_scenario_title(sc) : parley_scenario_source(sc),
               P, parley_issue_count(sc), count, (unsigned long long)parley_analysis_feasible_count(an), F,
               parley_method_name(parley_analysis_method(an)));
  if (P >= 2 && parley_outcome_count(sc) > 0) plane(s, an, party_a, party_b, &failed);
  if (P >= 3 && F) parallel(s, an);
  if (failed) s->body.failed = 1; /* the section goes, and the report is as it was */
  int rc = pl_html_section_check(h, s, err);
  if (rc) return rc;
  if (!parley_framework_count(sc) && parley_analysis_solution(an, PARLEY_NASH) == PARLEY_NONE) return 0;
  s = pl_html_section(h, "draft", "The draft");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t f = 0; f < parley_framework_count(sc); f++) draft(s, an, f, &failed);
  concessions(s, an);
  if (failed) s->body.failed = 1;
  rc = pl_html_section_check(h, s, err);
  if (rc) pl_html_drop(h); /* the deal space goes too: the report is as it was */
  return rc;
}
