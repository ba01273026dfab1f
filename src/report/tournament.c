/* tournament.c — a tournament's rows as CSV lines (parley_report_tournament_row) and its summary
 * per agent (parley_report_tournament_summary), as `parley tournament` writes them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "util/error.h"

static const char *const end_name[] = {"agreement", "deadline", "no_deal_possible", "walked_away"};

int parley_report_tournament_row(const parley_tournament_row *r, const char *scenario_name, const parley_agent_spec *agents,
                                 int header, char **text_out, size_t *len_out, parley_error *err) {
  int rc = pl_report_check(r || header ? (const void *)1 : NULL, PARLEY_FORMAT_CSV, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (header) {
    pl_buf_puts(&b, "job,scenario,agents,repetition,seed,end,round,time,utilities,welfare,pareto_distance,nash_distance,agreement\n");
    return pl_report_finish(&b, text_out, len_out, err);
  }
  const parley_session *s = r->session;
  const parley_scenario *sc = parley_session_scenario(s);
  const size_t P = parley_party_count(sc);
  pl_buf_printf(&b, "%llu,", (unsigned long long)r->job);
  pl_report_csv_field(&b, scenario_name);
  pl_buf_putc(&b, ',');
  pl_buf l = {0};
  for (size_t p = 0; p < P; p++) {
    char spec[128];
    parley_agent_format(&agents[r->agents[p]], spec, sizeof spec);
    pl_buf_printf(&l, "%s%s", p ? "|" : "", spec);
  }
  pl_report_csv_field(&b, l.data ? l.data : "");
  pl_buf_free(&l);
  pl_buf_printf(&b, ",%llu,%llu,%s,", (unsigned long long)r->repetition, (unsigned long long)r->seed, end_name[parley_session_end_reason(s)]);
  const uint32_t *deal = parley_session_agreement(s);
  if (deal) {
    pl_buf_printf(&b, "%zu,", parley_session_round(s) + 1);
    pl_report_csv_number(&b, parley_session_time(s));
  } else {
    pl_buf_putc(&b, ',');
  }
  pl_buf_putc(&b, ',');
  for (size_t p = 0; p < P; p++) {
    pl_buf_puts(&l, p ? "|" : "");
    pl_report_csv_number(&l, parley_session_utility(s, p));
  }
  pl_report_csv_field(&b, l.data ? l.data : "");
  pl_buf_free(&l);
  pl_buf_putc(&b, ',');
  pl_report_csv_number(&b, parley_session_welfare(s));
  pl_buf_putc(&b, ',');
  pl_report_csv_number(&b, parley_session_pareto_distance(s));
  pl_buf_putc(&b, ',');
  pl_report_csv_number(&b, parley_session_nash_distance(s));
  pl_buf_putc(&b, ',');
  if (deal) {
    for (size_t i = 0; i < parley_issue_count(sc); i++)
      pl_buf_printf(&l, "%s%s=%s", i ? ";" : "", parley_issue_id(sc, i), parley_option_id(sc, i, deal[i]));
    pl_report_csv_field(&b, l.data ? l.data : "");
    pl_buf_free(&l);
  }
  pl_buf_putc(&b, '\n');
  return pl_report_finish(&b, text_out, len_out, err);
}

int parley_report_tournament_summary(const parley_tournament_summary *m, const parley_agent_spec *agents, size_t n_agents,
                                     uint64_t negotiations, parley_format format, char **text_out, size_t *len_out,
                                     parley_error *err) {
  int rc = pl_report_check(m, format, 0, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  parley_agent_result *res = calloc(n_agents ? n_agents : 1, sizeof *res);
  if (!res) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t a = 0; a < n_agents; a++) parley_tournament_summary_get(m, a, &res[a]);
  if (format == PARLEY_FORMAT_JSON) {
    pl_buf_printf(&b, "{\"negotiations\":%llu,\"agents\":[", (unsigned long long)negotiations);
    for (size_t a = 0; a < n_agents; a++) {
      char spec[128];
      parley_agent_format(&agents[a], spec, sizeof spec);
      pl_buf_puts(&b, a ? ",\n  {\"agent\":" : "\n  {\"agent\":");
      pl_buf_json_string(&b, spec);
      pl_buf_printf(&b, ",\"rank\":%zu,\"sessions\":%llu,\"mean\":", res[a].rank, (unsigned long long)res[a].sessions);
      pl_buf_json_number(&b, res[a].mean);
      pl_buf_puts(&b, ",\"interval\":[");
      pl_buf_json_number(&b, res[a].low);
      pl_buf_putc(&b, ',');
      pl_buf_json_number(&b, res[a].high);
      pl_buf_puts(&b, "],\"agreement_rate\":");
      pl_buf_json_number(&b, res[a].agreement_rate);
      pl_buf_puts(&b, ",\"pareto_distance\":");
      pl_buf_json_number(&b, res[a].pareto_distance);
      pl_buf_puts(&b, ",\"nash_distance\":");
      pl_buf_json_number(&b, res[a].nash_distance);
      pl_buf_putc(&b, '}');
    }
    pl_buf_puts(&b, "]}\n");
  } else {
    pl_buf_printf(&b, "parley tournament: %llu negotiations, %zu agents\n\n", (unsigned long long)negotiations, n_agents);
    pl_buf_puts(&b, "  rank  agent                     played   mean utility  95% interval      agreements  to Pareto  to Nash\n");
    for (size_t r = 1; r <= n_agents; r++)
      for (size_t a = 0; a < n_agents; a++) {
        if (res[a].rank != r) continue;
        char spec[128];
        parley_agent_format(&agents[a], spec, sizeof spec);
        pl_buf_printf(&b, "  %4zu  %-24s %7llu   %12.3f  [%.3f, %.3f]   %9.1f%%  %9.3f  %7.3f\n", r, spec,
                      (unsigned long long)res[a].sessions, res[a].mean, res[a].low, res[a].high, 100 * res[a].agreement_rate,
                      res[a].pareto_distance, res[a].nash_distance);
      }
  }
  free(res);
  return pl_report_finish(&b, text_out, len_out, err);
}
