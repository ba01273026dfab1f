/* analysis_json.c — the analysis as a JSON document (schema in
 * docs/schema/analysis.schema.json), written from the public getters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/analysis.h"

/* A count, or null when 0 (not counted). */
static void count_or_null(pl_buf *b, uint64_t n) {
  if (n) pl_buf_printf(b, "%llu", (unsigned long long)n);
  else pl_buf_puts(b, "null");
}

/* {"frontier_index":…,"outcome_index":…,"packages":…,"package":{…},"utilities":{…}} for
 * frontier vector i and its first package */
static void frontier_point(pl_buf *b, const parley_analysis *an, size_t i, uint32_t *pkg) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  uint64_t index;
  parley_analysis_frontier_get(an, i, pkg, &index);
  pl_buf_printf(b, "{\"frontier_index\":%zu,\"outcome_index\":", i);
  if (index == UINT64_MAX) pl_buf_puts(b, "null");
  else pl_buf_printf(b, "%llu", (unsigned long long)index);
  pl_buf_puts(b, ",\"packages\":");
  count_or_null(b, parley_analysis_frontier_packages(an, i));
  pl_buf_puts(b, ",\"package\":");
  pl_report_package_json(b, sc, pkg);
  pl_buf_puts(b, ",\"utilities\":{");
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    if (p) pl_buf_putc(b, ',');
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_putc(b, ':');
    pl_buf_json_number(b, parley_analysis_frontier_utility(an, i, p));
  }
  pl_buf_puts(b, "}}");
}

static void issues(pl_buf *b, const parley_scenario *sc) {
  pl_buf_puts(b, ",\n\"issues\":[");
  for (size_t i = 0; i < parley_issue_count(sc); i++) {
    pl_buf_puts(b, i ? ",\n  {\"id\":" : "\n  {\"id\":");
    pl_buf_json_string(b, parley_issue_id(sc, i));
    pl_buf_puts(b, ",\"name\":");
    pl_buf_json_string(b, parley_issue_name(sc, i));
    pl_buf_printf(b, ",\"numeric\":%s,\"options\":[", parley_issue_is_numeric(sc, i) ? "true" : "false");
    for (size_t o = 0; o < parley_issue_option_count(sc, i); o++) {
      if (o) pl_buf_putc(b, ',');
      pl_buf_json_string(b, parley_option_id(sc, i, o));
    }
    pl_buf_puts(b, "]}");
  }
}

static void parties(pl_buf *b, const parley_analysis *an, uint32_t *pkg) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  pl_buf_puts(b, "],\n\"parties\":[");
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    pl_buf_puts(b, p ? ",\n  {\"id\":" : "\n  {\"id\":");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_puts(b, ",\"name\":");
    pl_buf_json_string(b, parley_party_name(sc, p));
    pl_buf_puts(b, ",\"power\":");
    pl_buf_json_number(b, parley_party_power(sc, p));
    pl_buf_puts(b, ",\"reservation\":");
    pl_buf_json_number(b, parley_party_reservation(sc, p));
    pl_buf_puts(b, ",\"discount\":");
    pl_buf_json_number(b, parley_party_discount(sc, p));
    pl_buf_puts(b, ",\"mean_utility\":");
    pl_buf_json_number(b, parley_analysis_mean_utility(an, p));
    double ideal, lowest;
    if (parley_analysis_party_range(an, p, pkg, &ideal, &lowest) == 0) {
      pl_buf_puts(b, ",\"utility_min\":");
      pl_buf_json_number(b, lowest);
      pl_buf_puts(b, ",\"utility_max\":");
      pl_buf_json_number(b, ideal);
      pl_buf_puts(b, ",\"ideal\":");
      pl_report_package_json(b, sc, pkg);
    } else {
      pl_buf_puts(b, ",\"utility_min\":null,\"utility_max\":null,\"ideal\":null");
    }
    pl_buf_putc(b, '}');
  }
}

static void totals(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  char digits[1200];
  parley_outcome_count_text(sc, digits, sizeof digits);
  const parley_method method = parley_analysis_method(an);
  pl_buf_printf(b, "],\n\"method\":\"%s\",\n\"search_nodes\":%llu", parley_method_name(method),
                (unsigned long long)parley_analysis_search_nodes(an));
  uint64_t den;
  const int exact = parley_scenario_exact(sc, &den);
  pl_buf_printf(b, ",\n\"utilities\":{\"exact\":%s,\"denominator\":%llu}", exact ? "true" : "false",
                (unsigned long long)den);
  pl_buf_printf(b, ",\n\"outcome_count\":%s,\n\"mean_utility\":", digits);
  pl_buf_json_number(b, parley_analysis_mean_utility(an, PARLEY_NONE));
  pl_buf_puts(b, ",\n\"opposition\":");
  pl_buf_json_number(b, parley_analysis_opposition(an));
  pl_buf_puts(b, ",\n\"feasible_count\":");
  const uint64_t feasible = parley_analysis_feasible_count(an);
  if (!parley_analysis_feasible_known(an)) pl_buf_puts(b, "null");
  else if (method != PARLEY_METHOD_ENUMERATE && feasible == parley_analysis_outcome_count(an)) pl_buf_puts(b, digits);
  else pl_buf_printf(b, "%llu", (unsigned long long)feasible);
  pl_buf_puts(b, ",\n\"blocking_group\":");
  uint64_t mask;
  if (parley_analysis_blocking_group(an, &mask) == 0) {
    pl_buf_putc(b, '[');
    int first = 1;
    for (size_t p = 0; p < parley_party_count(sc); p++)
      if (mask >> p & 1) {
        if (!first) pl_buf_putc(b, ',');
        pl_buf_json_string(b, parley_party_id(sc, p));
        first = 0;
      }
    pl_buf_putc(b, ']');
  } else {
    pl_buf_puts(b, "null");
  }
}

static void frontier_and_solutions(pl_buf *b, const parley_analysis *an, uint32_t *pkg) {
  pl_buf_puts(b, ",\n\"frontier_packages\":");
  count_or_null(b, parley_analysis_frontier_package_total(an));
  pl_buf_puts(b, ",\n\"frontier\":[");
  for (size_t i = 0; i < parley_analysis_frontier_count(an); i++) {
    pl_buf_puts(b, i ? ",\n  " : "\n  ");
    frontier_point(b, an, i, pkg);
  }
  const uint64_t T = parley_analysis_tie_count(an);
  if (T) { /* every tied package: its outcome index and the vector it reaches */
    const parley_scenario *sc = parley_analysis_scenario(an);
    pl_buf_puts(b, "],\n\"frontier_ties\":[");
    for (uint64_t k = 0; k < T; k++) {
      uint64_t index;
      const size_t v = parley_analysis_tie_get(an, k, pkg, &index);
      pl_buf_printf(b, "%s{\"outcome_index\":%llu,\"frontier_index\":%zu,\"package\":", k ? ",\n  " : "\n  ",
                    (unsigned long long)index, v);
      pl_report_package_json(b, sc, pkg);
      pl_buf_putc(b, '}');
    }
  }
  pl_buf_puts(b, "],\n\"solutions\":{");
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
    pl_buf_puts(b, s ? ",\n  " : "\n  ");
    pl_buf_json_string(b, parley_solution_name((parley_solution)s));
    pl_buf_putc(b, ':');
    const size_t i = parley_analysis_solution(an, (parley_solution)s);
    if (i == PARLEY_NONE) pl_buf_puts(b, "null");
    else frontier_point(b, an, i, pkg);
  }
}

static void framework(pl_buf *b, const parley_analysis *an, size_t k, uint32_t *pkg) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc);
  const uint32_t *package = parley_framework_package(sc, k);
  int feasible = 1;
  for (size_t p = 0; p < P; p++) {
    parley_acceptance a;
    parley_analysis_framework_acceptance(an, k, p, &a);
    feasible &= a.accepts;
  }
  pl_buf_puts(b, k ? ",\n  {\"id\":" : "\n  {\"id\":");
  pl_buf_json_string(b, parley_framework_id(sc, k));
  pl_buf_puts(b, ",\"name\":");
  pl_buf_json_string(b, parley_framework_name(sc, k));
  pl_buf_puts(b, ",\"package\":");
  pl_report_package_json(b, sc, package);
  pl_buf_printf(b, ",\"feasible\":%s,\"on_frontier\":%s,\"parties\":[", feasible ? "true" : "false",
                parley_analysis_framework_on_frontier(an, k) ? "true" : "false");
  for (size_t p = 0; p < P; p++) {
    parley_acceptance a;
    parley_analysis_framework_acceptance(an, k, p, &a);
    pl_buf_puts(b, p ? ",\n    {\"id\":" : "\n    {\"id\":");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_puts(b, ",\"utility\":");
    pl_buf_json_number(b, a.utility);
    pl_buf_puts(b, ",\"reservation\":");
    pl_buf_json_number(b, a.reservation);
    pl_buf_printf(b, ",\"accepts\":%s,\"shortfall\":", a.accepts ? "true" : "false");
    pl_buf_json_number(b, a.shortfall);
    pl_buf_puts(b, ",\"red_lines_crossed\":[");
    int first = 1;
    for (size_t q = 0; q < parley_red_line_count(sc, p); q++) {
      if (!parley_red_line_holds(sc, p, q, package)) continue;
      pl_buf_printf(b, "%s{\"index\":%zu,\"note\":", first ? "" : ",", q);
      pl_buf_json_string(b, parley_red_line_note(sc, p, q));
      pl_buf_putc(b, '}');
      first = 0;
    }
    pl_buf_puts(b, "]}");
  }
  double loss;
  const uint32_t *amend = parley_analysis_framework_amendment(an, k, &loss, NULL);
  pl_buf_puts(b, "],\n   \"amendment\":");
  if (amend) {
    pl_buf_puts(b, "{\"changed\":{");
    pl_report_changes(b, sc, package, amend, NULL);
    pl_buf_puts(b, "},\"package\":");
    pl_report_package_json(b, sc, amend);
    pl_buf_puts(b, ",\"loss\":");
    pl_buf_json_number(b, loss);
    pl_buf_putc(b, '}');
  } else {
    pl_buf_puts(b, "null");
  }
  pl_buf_puts(b, ",\n   \"dominated_by\":[");
  for (size_t j = 0; j < parley_analysis_framework_dominator_count(an, k); j++) {
    double gain;
    const size_t fi = parley_analysis_framework_dominator_get(an, k, j, &gain);
    pl_buf_puts(b, j ? ",\n    {\"total_gain\":" : "\n    {\"total_gain\":");
    pl_buf_json_number(b, gain);
    pl_buf_puts(b, ",\"point\":");
    frontier_point(b, an, fi, pkg);
    pl_buf_putc(b, '}');
  }
  pl_buf_puts(b, "]}");
}

static void concessions(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  pl_buf_puts(b, "],\n\"concessions\":");
  if (parley_analysis_solution(an, PARLEY_NASH) == PARLEY_NONE) {
    pl_buf_puts(b, "null");
    return;
  }
  pl_buf_puts(b, "{\"solution\":\"nash\",\"parties\":[");
  int firstp = 1;
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    if (parley_analysis_party_range(an, p, NULL, NULL, NULL) != 0) continue;
    pl_buf_puts(b, firstp ? "\n  {\"id\":" : ",\n  {\"id\":");
    firstp = 0;
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_puts(b, ",\"total\":");
    const double total = parley_analysis_concession_total(an, p);
    pl_buf_json_number(b, total);
    pl_buf_puts(b, ",\"issues\":[");
    for (size_t j = 0; j < parley_analysis_concession_count(an, p); j++) {
      size_t issue;
      uint32_t ideal, nash;
      double cost;
      parley_analysis_concession_get(an, p, j, &issue, &ideal, &nash, &cost);
      pl_buf_puts(b, j ? ",{\"issue\":" : "{\"issue\":");
      pl_buf_json_string(b, parley_issue_id(sc, issue));
      pl_buf_puts(b, ",\"ideal\":");
      pl_buf_json_string(b, parley_option_id(sc, issue, ideal));
      pl_buf_puts(b, ",\"nash\":");
      pl_buf_json_string(b, parley_option_id(sc, issue, nash));
      pl_buf_puts(b, ",\"cost\":");
      pl_buf_json_number(b, cost);
      pl_buf_putc(b, '}');
    }
    pl_buf_puts(b, "],\"interactions\":");
    pl_buf_json_number(b, parley_analysis_concession_interactions(an, p));
    pl_buf_putc(b, '}');
  }
  pl_buf_puts(b, "]}");
}

int pl_report_analysis_json(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  uint32_t *pkg = malloc((parley_issue_count(sc) + 1) * sizeof *pkg);
  if (!pkg) return PARLEY_ERR_NOMEM;
  pl_buf_puts(b, "{\n\"parley_version\":");
  pl_buf_json_string(b, parley_version());
  pl_buf_puts(b, ",\n\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  pl_buf_puts(b, ",\n\"title\":");
  pl_buf_json_string(b, parley_scenario_title(sc));
  issues(b, sc);
  parties(b, an, pkg);
  totals(b, an);
  frontier_and_solutions(b, an, pkg);
  pl_buf_puts(b, "},\n\"frameworks\":[");
  for (size_t k = 0; k < parley_framework_count(sc); k++) framework(b, an, k, pkg);
  concessions(b, an);
  pl_buf_puts(b, "\n}\n");
  free(pkg);
  return 0;
}
