/* negotiate.c — parley_report_session and parley_report_session_trace: a negotiation's
 * outcome (and its actions), as `parley negotiate` prints it (text), as data (JSON), and the
 * actions as CSV. */
#include <math.h>
#include <string.h>

#include "report/common.h"
#include "util/error.h"

static const char *const end_name[] = {"agreement", "deadline", "no_deal_possible", "walked_away"};
static const char *const verb[] = {"offers", "accepts", "walks away"};   /* per parley_action_kind */
static const char *const noun[] = {"offer", "accept", "walk_away"};

/* Every party's utility of a package, "(0.93, 0.12, ...)". */
static void utilities(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg) {
  pl_buf_putc(b, '(');
  for (size_t p = 0; p < parley_party_count(sc); p++) pl_buf_printf(b, "%s%.3f", p ? ", " : "", parley_utility(sc, p, pkg));
  pl_buf_putc(b, ')');
}

static void text(pl_buf *b, const parley_session *s, int trace) {
  const parley_scenario *sc = parley_session_scenario(s);
  const size_t P = parley_party_count(sc);
  pl_buf_printf(b, "parley negotiation on %s: stacked alternating offers, %zu rounds\n", parley_scenario_source(sc),
                parley_session_rounds(s));
  pl_buf_puts(b, "Agents:");
  for (size_t p = 0; p < P; p++) {
    char spec[128];
    parley_agent_format(parley_session_agent(s, p), spec, sizeof spec);
    pl_buf_printf(b, "%s %s %s", p ? "," : "", parley_party_id(sc, p), spec);
  }
  pl_buf_puts(b, "\n\n");
  if (trace && parley_session_action_count(s)) {
    pl_buf_puts(b, "  time   round party                action  utilities, then the package\n");
    for (size_t k = 0; k < parley_session_action_count(s); k++) {
      parley_action a;
      parley_session_action(s, k, &a);
      pl_buf_printf(b, "  %.4f %5zu %-20s %-7s ", a.time, a.round + 1, parley_party_id(sc, a.party),
                    verb[a.kind]);
      utilities(b, sc, a.package);
      if (a.kind == PARLEY_ACTION_OFFER) {
        pl_buf_puts(b, "  ");
        pl_report_package(b, sc, a.package);
      }
      pl_buf_putc(b, '\n');
    }
    pl_buf_putc(b, '\n');
  }
  const uint32_t *deal = parley_session_agreement(s);
  switch (parley_session_end_reason(s)) {
    case PARLEY_END_AGREEMENT:
      pl_buf_printf(b, "Agreement in round %zu of %zu (t = %.4f): ", parley_session_round(s) + 1, parley_session_rounds(s),
                    parley_session_time(s));
      pl_report_package(b, sc, deal);
      pl_buf_putc(b, '\n');
      break;
    case PARLEY_END_DEADLINE: pl_buf_puts(b, "No agreement: the deadline passed.\n"); break;
    case PARLEY_END_WALKED_AWAY:
      pl_buf_printf(b, "No agreement: %s walked away in round %zu of %zu (t = %.4f).\n", parley_party_id(sc, parley_session_blocker(s)),
                    parley_session_round(s) + 1, parley_session_rounds(s), parley_session_time(s));
      break;
    default:
      pl_buf_printf(b, "No agreement possible: %s can accept no package at all (its reservation is above everything it could "
                       "get), and said so at the start.\n",
                    parley_party_id(sc, parley_session_blocker(s)));
  }
  pl_buf_printf(b, "\n  %-20s %-24s %8s %11s\n", "party", "agent", "utility", "reservation");
  for (size_t p = 0; p < P; p++) {
    char spec[128];
    parley_agent_format(parley_session_agent(s, p), spec, sizeof spec);
    pl_buf_printf(b, "  %-20s %-24s %8.3f %11.3f\n", parley_party_id(sc, p), spec, parley_session_utility(s, p),
                  parley_session_reservation(s, p));
  }
  pl_buf_printf(b, "\nUtilities and reservations discounted to %s (d^t). Welfare (their sum): %.3f.\n",
                deal ? "when the agreement was made"
                : parley_session_end_reason(s) == PARLEY_END_WALKED_AWAY ? "when the party walked away"
                                                                           : "the deadline",
                parley_session_welfare(s));
  if (deal) {
    const double dp = parley_session_pareto_distance(s), dn = parley_session_nash_distance(s);
    if (!isnan(dp)) pl_buf_printf(b, "Distance of the agreement to the Pareto frontier %.3f, to the Nash package %.3f.\n", dp, dn);
  }
}

static void json(pl_buf *b, const parley_session *s, int trace) {
  const parley_scenario *sc = parley_session_scenario(s);
  const size_t P = parley_party_count(sc);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  pl_buf_printf(b, ",\"rounds\":%zu,\"end\":\"%s\",\"blocker\":", parley_session_rounds(s), end_name[parley_session_end_reason(s)]);
  if (parley_session_blocker(s) == PARLEY_NONE) pl_buf_puts(b, "null");
  else pl_buf_json_string(b, parley_party_id(sc, parley_session_blocker(s)));
  pl_buf_puts(b, ",\"agreement\":");
  const uint32_t *deal = parley_session_agreement(s);
  if (deal) pl_report_package_json(b, sc, deal);
  else pl_buf_puts(b, "null");
  if (deal || parley_session_end_reason(s) == PARLEY_END_WALKED_AWAY) { /* when it ended, if not at the deadline */
    pl_buf_puts(b, ",\"time\":");
    pl_buf_json_number(b, parley_session_time(s));
    pl_buf_printf(b, ",\"round\":%zu", parley_session_round(s) + 1);
  } else {
    pl_buf_puts(b, ",\"time\":null,\"round\":null");
  }
  pl_buf_puts(b, ",\"parties\":[");
  for (size_t p = 0; p < P; p++) {
    char spec[128];
    parley_agent_format(parley_session_agent(s, p), spec, sizeof spec);
    pl_buf_puts(b, p ? ",{\"party\":" : "{\"party\":");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_puts(b, ",\"agent\":");
    pl_buf_json_string(b, spec);
    pl_buf_puts(b, ",\"utility\":");
    pl_buf_json_number(b, parley_session_utility(s, p));
    pl_buf_puts(b, ",\"reservation\":");
    pl_buf_json_number(b, parley_session_reservation(s, p));
    pl_buf_putc(b, '}');
  }
  pl_buf_puts(b, "],\"welfare\":");
  pl_buf_json_number(b, parley_session_welfare(s));
  pl_buf_puts(b, ",\"pareto_distance\":");
  pl_buf_json_number(b, parley_session_pareto_distance(s));
  pl_buf_puts(b, ",\"nash_distance\":");
  pl_buf_json_number(b, parley_session_nash_distance(s));
  if (trace) {
    pl_buf_puts(b, ",\"trace\":[");
    for (size_t k = 0; k < parley_session_action_count(s); k++) {
      parley_action a;
      parley_session_action(s, k, &a);
      pl_buf_puts(b, k ? ",\n  {\"time\":" : "\n  {\"time\":");
      pl_buf_json_number(b, a.time);
      pl_buf_printf(b, ",\"round\":%zu,\"party\":", a.round + 1);
      pl_buf_json_string(b, parley_party_id(sc, a.party));
      pl_buf_printf(b, ",\"action\":\"%s\",\"package\":", noun[a.kind]);
      pl_report_package_json(b, sc, a.package);
      pl_buf_puts(b, ",\"utilities\":{");
      for (size_t p = 0; p < P; p++) {
        pl_buf_puts(b, p ? "," : "");
        pl_buf_json_string(b, parley_party_id(sc, p));
        pl_buf_putc(b, ':');
        pl_buf_json_number(b, parley_utility(sc, p, a.package));
      }
      pl_buf_puts(b, "}}");
    }
    pl_buf_putc(b, ']');
  }
  pl_buf_puts(b, "}\n");
}

int parley_report_session(const parley_session *s, parley_format format, int trace, char **text_out, size_t *len_out,
                          parley_error *err) {
  int rc = pl_report_check(s, format, 0, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_JSON) json(&b, s, trace);
  else text(&b, s, trace);
  return pl_report_finish(&b, text_out, len_out, err);
}

int parley_report_session_trace(const parley_session *s, char **text_out, size_t *len_out, parley_error *err) {
  int rc = pl_report_check(s, PARLEY_FORMAT_CSV, 1, text_out, err);
  if (rc) return rc;
  const parley_scenario *sc = parley_session_scenario(s);
  const size_t P = parley_party_count(sc);
  pl_buf b = {0};
  pl_buf_puts(&b, "time,round,party,action");
  pl_report_csv_issues(&b, sc);
  pl_report_csv_parties(&b, sc);
  pl_buf_putc(&b, '\n');
  for (size_t k = 0; k < parley_session_action_count(s); k++) {
    parley_action a;
    parley_session_action(s, k, &a);
    pl_report_csv_number(&b, a.time);
    pl_buf_printf(&b, ",%zu,", a.round + 1);
    pl_report_csv_field(&b, parley_party_id(sc, a.party));
    pl_buf_printf(&b, ",%s", noun[a.kind]);
    pl_report_csv_options(&b, sc, a.package);
    for (size_t p = 0; p < P; p++) {
      pl_buf_putc(&b, ',');
      pl_report_csv_number(&b, parley_utility(sc, p, a.package));
    }
    pl_buf_putc(&b, '\n');
  }
  return pl_report_finish(&b, text_out, len_out, err);
}
