/* html_negotiate.c — parley_html_add_session and parley_html_add_tournament: a negotiation as
 * each party's utility of the offer on the table over time and as the offers' path in the
 * utility plane (the picture NegMAS users know), and a tournament's agents by mean utility with
 * their intervals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "report/html.h"
#include "util/error.h"

#define MAX_ROWS 2000 /* actions listed in the table */

static int fail_nomem(parley_html *h, pl_section *s, parley_error *err) {
  s->body.failed = 1;
  return pl_html_section_check(h, s, err);
}

/* Each party's utility over time: of its own offers (a solid line) and of the offers the others
 * make (dotted), with the agreement marked: who concedes, how fast. */
static int over_time(pl_section *s, const parley_session *ss) {
  const parley_scenario *sc = parley_session_scenario(ss);
  const size_t P = parley_party_count(sc), n = parley_session_action_count(ss);
  pl_buf *b = &s->body;
  char id[64], name[300];
  pl_html_chart_id(s, "time", id, sizeof id);
  double *xs = malloc((n + 1) * sizeof *xs), *ys = malloc((n + 1) * sizeof *ys);
  if (!xs || !ys) {
    free(xs), free(ys);
    return -1;
  }
  double lo = 0, hi = 1;
  for (size_t k = 0; k < n; k++) {
    parley_action a;
    parley_session_action(ss, k, &a);
    for (size_t p = 0; p < P; p++) pl_html_range(&lo, &hi, parley_utility(sc, p, a.package));
  }
  pl_chart c;
  pl_chart_open(b, &c, id, "Each party's utility over time: of its own offers and of the others'", 860, 440, 0, 1, lo, hi,
                "time (0: the start, 1: the deadline)", "utility (undiscounted)", 0);
  const uint32_t *deal = parley_session_agreement(ss);
  for (size_t p = 0; p < P; p++) {
    for (int theirs = 0; theirs < 2; theirs++) {
      size_t m = 0;
      for (size_t k = 0; k < n; k++) {
        parley_action a;
        parley_session_action(ss, k, &a);
        if (a.kind != PARLEY_ACTION_OFFER || (a.party != p) != theirs) continue;
        xs[m] = a.time, ys[m++] = parley_utility(sc, p, a.package);
      }
      snprintf(name, sizeof name, theirs ? "%s: the others' offers" : "%s: its own offers", parley_party_name(sc, p));
      pl_chart_line(&c, xs, ys, m, pl_svg_colour(p), theirs ? "2 3" : NULL, theirs ? 1.5 : 2.5, name);
      pl_chart_legend(&c, name, pl_svg_colour(p), -1, theirs ? "2 3" : NULL, name);
    }
    if (deal) {
      char tip[256];
      const double u = parley_utility(sc, p, deal);
      snprintf(tip, sizeof tip, "the agreement: %s %.3f at time %.4f", parley_party_name(sc, p), u, parley_session_time(ss));
      pl_chart_mark(&c, parley_session_time(ss), u, pl_svg_mark(p), pl_svg_colour(p), "agreement", tip,
                    p == 0 ? "agreement" : NULL);
    }
  }
  if (deal) pl_chart_legend(&c, "agreement", "#000000", PL_MARK_CIRCLE, NULL, "agreement");
  pl_chart_close(&c);
  free(xs), free(ys);
  pl_buf head = {0};
  pl_buf_puts(&head, "time\tround\tparty\taction");
  for (size_t p = 0; p < P; p++) pl_buf_printf(&head, "\t%s", parley_party_id(sc, p));
  pl_chart_table_open(b, "Every action, in numbers", head.data && !head.failed ? head.data : "time");
  pl_buf_free(&head);
  pl_buf row = {0};
  for (size_t k = 0; k < n && k < MAX_ROWS; k++) {
    parley_action a;
    parley_session_action(ss, k, &a);
    row.len = 0;
    for (size_t p = 0; p < P; p++) pl_buf_printf(&row, "\t%.3f", parley_utility(sc, p, a.package));
    pl_chart_table_row(b, "%.4f\t%zu\t%s\t%s%s", a.time, a.round + 1, parley_party_id(sc, a.party),
                       a.kind == PARLEY_ACTION_OFFER ? "offers" : a.kind == PARLEY_ACTION_ACCEPT ? "accepts" : "walks away",
                       row.data ? row.data : "");
  }
  if (n > MAX_ROWS) pl_chart_table_row(b, "and %zu more actions (parley negotiate --trace-csv lists them all)", n - MAX_ROWS);
  if (row.failed) b->failed = 1;
  pl_buf_free(&row);
  pl_chart_table_close(b);
  return 0;
}

/* The offers of each party as a path in the utility plane of parties pa and pb. */
static int path(pl_section *s, const parley_session *ss, const parley_analysis *an, size_t pa, size_t pb) {
  const parley_scenario *sc = parley_session_scenario(ss);
  const size_t P = parley_party_count(sc), n = parley_session_action_count(ss);
  pl_buf *b = &s->body;
  char id[64], title[256], xl[128], yl[128], tip[256];
  pl_html_chart_id(s, "path", id, sizeof id);
  snprintf(title, sizeof title, "The offers in the utilities of %s and %s", parley_party_name(sc, pa), parley_party_name(sc, pb));
  snprintf(xl, sizeof xl, "utility of %s", parley_party_name(sc, pa));
  snprintf(yl, sizeof yl, "utility of %s", parley_party_name(sc, pb));
  double *xs = malloc((n + 1) * sizeof *xs), *ys = malloc((n + 1) * sizeof *ys);
  if (!xs || !ys) {
    free(xs), free(ys);
    return -1;
  }
  double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
  for (size_t k = 0; k < n; k++) {
    parley_action a;
    parley_session_action(ss, k, &a);
    pl_html_range(&xlo, &xhi, parley_utility(sc, pa, a.package)), pl_html_range(&ylo, &yhi, parley_utility(sc, pb, a.package));
  }
  pl_html_plane_range(sc, an, pa, pb, &xlo, &xhi, &ylo, &yhi);
  pl_chart c;
  pl_chart_open(b, &c, id, title, 860, 620, xlo, xhi, ylo, yhi, xl, yl, 0);
  pl_html_plane_backdrop(&c, sc, an, pa, pb);
  for (size_t p = 0; p < P; p++) {
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
      parley_action a;
      parley_session_action(ss, k, &a);
      if (a.kind != PARLEY_ACTION_OFFER || a.party != p) continue;
      xs[m] = parley_utility(sc, pa, a.package), ys[m++] = parley_utility(sc, pb, a.package);
    }
    pl_chart_line(&c, xs, ys, m, pl_svg_colour(p), pl_svg_dash(p), 1.5, parley_party_id(sc, p));
    pl_chart_dots_begin(&c, pl_svg_colour(p), 5, parley_party_id(sc, p), "an offer");
    for (size_t k = 0; k < m; k++) pl_chart_dot(&c, xs[k], ys[k]);
    pl_chart_dots_end(&c);
    snprintf(tip, sizeof tip, "offers of %s", parley_party_name(sc, p));
    pl_chart_legend(&c, tip, pl_svg_colour(p), -1, pl_svg_dash(p), parley_party_id(sc, p));
  }
  const uint32_t *deal = parley_session_agreement(ss);
  if (deal) {
    const double x = parley_utility(sc, pa, deal), y = parley_utility(sc, pb, deal);
    snprintf(tip, sizeof tip, "the agreement at time %.4f: %.3f, %.3f", parley_session_time(ss), x, y);
    pl_chart_mark(&c, x, y, PL_MARK_CROSS, "#000000", "agreement", tip, "agreement");
    pl_chart_legend(&c, "agreement", "#000000", PL_MARK_CROSS, NULL, "agreement");
  }
  pl_chart_close(&c);
  free(xs), free(ys);
  pl_chart_table_open(b, "The numbers", "point\tx\ty");
  if (deal) pl_chart_table_row(b, "agreement\t%.3f\t%.3f", parley_utility(sc, pa, deal), parley_utility(sc, pb, deal));
  pl_chart_table_row(b, "reservations\t%.3f\t%.3f", parley_party_reservation(sc, pa), parley_party_reservation(sc, pb));
  size_t listed = 0;
  for (size_t k = 0; k < n; k++) {
    parley_action a;
    parley_session_action(ss, k, &a);
    if (a.kind != PARLEY_ACTION_OFFER) continue;
    if (++listed > MAX_ROWS) break;
    pl_chart_table_row(b, "round %zu, %s offers\t%.3f\t%.3f", a.round + 1, parley_party_id(sc, a.party),
                       parley_utility(sc, pa, a.package), parley_utility(sc, pb, a.package));
  }
  if (listed > MAX_ROWS) pl_chart_table_row(b, "and more offers (parley negotiate --trace-csv lists them all)\t\t");
  pl_chart_table_close(b);
  return 0;
}

int parley_html_add_session(parley_html *h, const parley_session *ss, const parley_analysis *an, size_t party_a,
                            size_t party_b, parley_error *err) {
  if (!h || !ss) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = parley_session_scenario(ss);
  const size_t P = parley_party_count(sc);
  if (party_a == PARLEY_NONE || party_b == PARLEY_NONE) party_a = 0, party_b = 1;
  if (P < 2 || party_a >= P || party_b >= P || party_a == party_b)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "the pair to draw must be two different parties of the scenario");
  pl_section *s = pl_html_section(h, "negotiation", "The negotiation");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body, agents = {0};
  for (size_t p = 0; p < P; p++) {
    char spec[128];
    parley_agent_format(parley_session_agent(ss, p), spec, sizeof spec);
    pl_buf_printf(&agents, "%s%s: %s", p ? ", " : "", parley_party_id(sc, p), spec);
  }
  if (agents.failed) b->failed = 1;
  pl_html_para(b, "Stacked alternating offers over %zu rounds. Agents: %s.", parley_session_rounds(ss),
               agents.data && !agents.failed ? agents.data : "");
  pl_buf_free(&agents);
  const uint32_t *deal = parley_session_agreement(ss);
  if (deal) {
    pl_buf pk = {0};
    pl_report_package(&pk, sc, deal);
    pl_html_para(b, "Agreement in round %zu (time %.4f): %s. Welfare %.3f; distance to the Pareto frontier %.3f, to the Nash "
                 "package %.3f.", parley_session_round(ss) + 1, parley_session_time(ss), pk.data ? pk.data : "",
                 parley_session_welfare(ss), parley_session_pareto_distance(ss), parley_session_nash_distance(ss));
    pl_buf_free(&pk);
  } else if (parley_session_end_reason(ss) == PARLEY_END_WALKED_AWAY) {
    pl_html_para(b, "No agreement: %s walked away in round %zu (time %.4f); every party gets its reservation then.",
                 parley_party_name(sc, parley_session_blocker(ss)), parley_session_round(ss) + 1, parley_session_time(ss));
  } else if (parley_session_end_reason(ss) == PARLEY_END_NO_DEAL_POSSIBLE) {
    pl_html_para(b, "No agreement: %s can accept no package at all, and said so at the start.",
                 parley_party_name(sc, parley_session_blocker(ss)));
  } else {
    pl_html_para(b, "No agreement before the deadline; every party gets its reservation.");
  }
  if (over_time(s, ss) || path(s, ss, an, party_a, party_b)) return fail_nomem(h, s, err);
  return pl_html_section_check(h, s, err);
}

int parley_html_add_tournament(parley_html *h, const parley_tournament_summary *m, const parley_agent_spec *agents,
                               size_t n_agents, uint64_t negotiations, parley_error *err) {
  if (!h || !m || !agents || !n_agents) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  pl_section *s = pl_html_section(h, "tournament", "The tournament");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body;
  size_t *order = malloc(n_agents * sizeof *order);
  parley_agent_result *r = malloc(n_agents * sizeof *r);
  char (*name)[128] = malloc(n_agents * sizeof *name);
  if (!order || !r || !name) {
    free(order), free(r), free(name);
    return fail_nomem(h, s, err);
  }
  double lo = 0, hi = 1;
  for (size_t k = 0; k < n_agents; k++) {
    parley_tournament_summary_get(m, k, &r[k]);
    parley_agent_format(&agents[k], name[k], sizeof name[k]);
    order[k] = k;
    if (r[k].sessions) pl_html_range(&lo, &hi, r[k].low), pl_html_range(&lo, &hi, r[k].high), pl_html_range(&lo, &hi, r[k].mean);
  }
  for (size_t i = 1; i < n_agents; i++) /* by rank, the agents that played first (insertion: few agents) */
    for (size_t j = i; j > 0; j--) {
      const size_t a = order[j - 1], z = order[j];
      const int a_after = (!r[a].sessions && r[z].sessions) || (r[a].sessions && r[z].sessions && r[a].rank > r[z].rank);
      if (!a_after) break;
      order[j - 1] = z, order[j] = a;
    }
  pl_buf count = {0};
  pl_report_count(&count, negotiations);
  pl_html_para(b, "%s negotiations. The agents by their mean utility over every party they played, with its 95%% interval.",
               count.data && !count.failed ? count.data : "?");
  pl_buf_free(&count);
  char id[64], tip[256];
  pl_html_chart_id(s, "scores", id, sizeof id);
  pl_chart c;
  pl_chart_open(b, &c, id, "The agents' mean utility with its 95% interval", 860, 68 + 34 * (double)n_agents, lo, hi, 0,
                (double)n_agents, "mean utility", NULL, 0);
  for (size_t i = 0; i < n_agents; i++) {
    const size_t k = order[i];
    const double y = (double)(n_agents - 1 - i);
    snprintf(tip, sizeof tip, "%s: mean %.3f [%.3f, %.3f], agreements %.1f%%", name[k], r[k].mean, r[k].low, r[k].high,
             100 * r[k].agreement_rate);
    pl_chart_category(&c, 0, y + 0.5, name[k]);
    if (!r[k].sessions) continue;
    pl_chart_bar(&c, 0, r[k].mean, y + 0.25, y + 0.75, pl_svg_colour(0), NULL, "mean", tip);
    pl_chart_interval(&c, r[k].low, r[k].high, y + 0.5, "#000000");
  }
  pl_chart_legend(&c, "mean utility", pl_svg_colour(0), PL_MARK_SQUARE, NULL, "mean");
  pl_chart_legend(&c, "95% interval", "#000000", -1, NULL, "interval");
  pl_chart_close(&c);
  pl_chart_table_open(b, "The numbers", "rank\tagent\tnegotiations\tmean utility\tlow\thigh\tagreements\tto Pareto\tto Nash");
  for (size_t i = 0; i < n_agents; i++) {
    const size_t k = order[i];
    if (!r[k].sessions) {
      pl_chart_table_row(b, "\t%s\t0\t\t\t\t\t\t", name[k]);
      continue;
    }
    pl_chart_table_row(b, "%zu\t%s\t%llu\t%.3f\t%.3f\t%.3f\t%.1f%%\t%.3f\t%.3f", r[k].rank, name[k],
                       (unsigned long long)r[k].sessions, r[k].mean, r[k].low, r[k].high, 100 * r[k].agreement_rate,
                       r[k].pareto_distance, r[k].nash_distance);
  }
  pl_chart_table_close(b);
  free(order), free(r), free(name);
  return pl_html_section_check(h, s, err);
}
