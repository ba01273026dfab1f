/* fuzz_scenario.c — libFuzzer target for the scenario reader. Whatever the bytes, reading
 * must either fail cleanly with a positioned error or give a scenario that analyses and
 * renders without a fault (by enumeration, and by the additive method where it applies to a
 * small space), whose offer index answers queries inside their windows, and whose
 * forecasting positions (its `positions:` section or the derivation) run through the
 * compromise and exchange models; and whose copy through the builder is the same scenario
 * (the same YAML written from both). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  parley_diagnostics *d = parley_diagnostics_new();
  parley_scenario *sc = NULL;
  parley_error err;
  memset(&err, 0, sizeof err);
  int rc = parley_scenario_read_string((const char *)data, size, "fuzz.yaml", NULL, &sc, d, &err);
  if (rc == 0) {
    /* keep each run short: big spaces are refused by the limit, which is also exercised */
    parley_analysis_options opt = {.max_outcomes = 20000};
    parley_analysis *an = NULL;
    if (parley_analyze(sc, &opt, &an, &err) == 0) {
      char *text = NULL;
      if (parley_report_analysis(an, NULL, PARLEY_FORMAT_TEXT, &text, NULL, &err) == 0) parley_string_free(text);
      if (parley_report_analysis(an, NULL, PARLEY_FORMAT_JSON, &text, NULL, &err) == 0) parley_string_free(text);
      /* the HTML page: the deal space, the draft, and a negotiation's section */
      parley_html *h = parley_html_new(parley_scenario_title(sc));
      if (h && parley_party_count(sc) >= 2) {
        parley_html_add_analysis(h, an, PARLEY_NONE, PARLEY_NONE, &err);
        parley_negotiate_options no;
        parley_negotiate_defaults(&no);
        no.rounds = 8, no.trace = 1;
        parley_session *ss = NULL;
        if (parley_negotiate(sc, &no, &ss, &err) == 0) {
          parley_html_add_session(h, ss, an, PARLEY_NONE, PARLEY_NONE, &err);
          parley_session_free(ss);
        }
        if (parley_html_render(h, &text, NULL, &err) == 0) parley_string_free(text);
      }
      parley_html_free(h);
      parley_analysis_free(an);
    }
    if (parley_outcome_count(sc) <= 20000 && parley_method_applicable(sc, PARLEY_METHOD_ADDITIVE)) {
      parley_analysis_options ao = {.method = PARLEY_METHOD_ADDITIVE};
      if (parley_analyze(sc, &ao, &an, &err) == 0) {
        char *text = NULL;
        if (parley_report_analysis(an, NULL, PARLEY_FORMAT_TEXT, &text, NULL, &err) == 0) parley_string_free(text);
        parley_analysis_free(an);
      }
    }
    /* mediation: every procedure, with and without shuttle, and every drafting group when there are few parties; the
     * report of each */
    if (parley_outcome_count(sc) <= 20000) {
      parley_mediate_options mo;
      parley_mediate_defaults(&mo);
      mo.analysis.max_outcomes = 20000;
      mo.max_steps = 20;
      for (int proc = 0; proc < 2 * PARLEY_PROCEDURE_COUNT; proc++) { /* each without, then with --shuttle */
        mo.procedure = (parley_procedure)(proc % PARLEY_PROCEDURE_COUNT);
        mo.shuttle = proc >= PARLEY_PROCEDURE_COUNT;
        parley_mediation_result *mr = NULL;
        if (parley_mediate(sc, &mo, &mr, &err) == 0) {
          char *text = NULL;
          if (parley_report_mediation(mr, proc % 2 ? PARLEY_FORMAT_TEXT : PARLEY_FORMAT_JSON, &text, NULL, &err) == 0)
            parley_string_free(text);
          parley_mediation_result_free(mr);
        }
      }
      mo.shuttle = 0;
      if (parley_party_count(sc) <= 4) {
        parley_mediation_comparison *mc = NULL;
        if (parley_mediate_compare(sc, &mo, &mc, &err) == 0) {
          char *text = NULL;
          if (parley_report_mediation_comparison(mc, PARLEY_FORMAT_TEXT, &text, NULL, &err) == 0) parley_string_free(text);
          parley_mediation_comparison_free(mc);
        }
      }
    }
    /* a short negotiation, each party a different strategy, and its reports */
    if (parley_outcome_count(sc) <= 20000 && parley_party_count(sc) >= 2) {
      parley_agent_spec ag[PARLEY_MAX_PARTIES];
      for (size_t p = 0; p < parley_party_count(sc); p++)
        ag[p] = (parley_agent_spec){.strategy = (parley_strategy)(p % PARLEY_STRATEGY_COUNT), .e = 0.5,
                                    .model = (parley_model_kind)(p % 3), .ac = (parley_ac_kind)(p % 4), .ac_x = 0.7};
      parley_negotiate_options no;
      parley_negotiate_defaults(&no);
      no.agents = ag, no.rounds = 12, no.trace = 1;
      parley_session *ss = NULL;
      if (parley_negotiate(sc, &no, &ss, &err) == 0) {
        char *text = NULL;
        if (parley_report_session(ss, PARLEY_FORMAT_JSON, 1, &text, NULL, &err) == 0) parley_string_free(text);
        if (parley_report_session_trace(ss, &text, NULL, &err) == 0) parley_string_free(text);
        parley_session_free(ss);
      }
    }
    /* the offer index of every party, and a query with every party as the opponent; the
     * best offer must lie in its window */
    for (size_t p = 0; p < parley_party_count(sc); p++) {
      parley_offer_index *ix = NULL;
      if (parley_offer_index_build(sc, p, 20000, &ix, &err) != 0) continue;
      uint32_t pkg[64];
      for (size_t q = 0; q < parley_party_count(sc) && parley_issue_count(sc) <= 64; q++) {
        double own, opp;
        if (parley_offer_index_best_party(ix, 0.25, 0.75, q, pkg, &own, &opp) == 0 &&
            (own < 0.25 - 1e-6 || own > 0.75 + 1e-6 || parley_utility(sc, q, pkg) != opp))
          __builtin_trap();
      }
      parley_offer_index_free(ix);
    }
    parley_scenario *copy = NULL;
    char *y1 = NULL, *y2 = NULL;
    if (parley_scenario_copy(sc, &copy, &err) != 0 || parley_scenario_write_yaml(sc, &y1, NULL, &err) != 0 ||
        parley_scenario_write_yaml(copy, &y2, NULL, &err) != 0 || strcmp(y1, y2) != 0)
      __builtin_trap();
    parley_string_free(y1);
    parley_string_free(y2);
    parley_scenario_free(copy);
    parley_positions *pos = NULL;
    if (parley_positions_from_scenario(sc, &pos, &err) == 0) {
      parley_capability cap = {.kind = PARLEY_CAPABILITY_DATA};
      for (size_t i = 0; i < parley_positions_issue_count(pos); i++) {
        double f;
        (void)parley_forecast_issue(pos, i, PARLEY_MODEL_COMPROMISE, &cap, &f);
      }
      parley_exchange_options xo;
      parley_exchange_defaults(&xo);
      xo.rounds = 3;
      parley_exchange_result *ex = NULL;
      if (parley_exchange_run(pos, NULL, 0, &cap, &xo, &ex, &err) == 0) parley_exchange_free(ex);
      parley_positions_free(pos);
    }
    parley_scenario_free(sc);
  } else {
    char buf[1024];
    for (size_t i = 0; i < parley_diagnostics_count(d); i++)
      parley_error_format(parley_diagnostics_get(d, i), buf, sizeof buf);
    if (parley_diagnostics_count(d) == 0) __builtin_trap(); /* every failure must say why */
  }
  parley_diagnostics_free(d);
  return 0;
}
