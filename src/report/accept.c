/* accept.c — parley_report_acceptance and parley_report_robustness: the probability that a
 * package is accepted under uncertainty, and the most robust packages, as `parley accept`
 * prints them (text), as data (JSON) or as a table (CSV). */
#include <math.h>
#include <string.h>

#include "report/common.h"
#include "util/error.h"

static const char *framework_of(const parley_scenario *sc, const uint32_t *pkg) {
  for (size_t f = 0; f < parley_framework_count(sc); f++)
    if (!memcmp(parley_framework_package(sc, f), pkg, parley_issue_count(sc) * sizeof *pkg)) return parley_framework_id(sc, f);
  return NULL;
}

/* Whether party has an uncertain number of its own. */
static int uncertain(const parley_scenario *sc, size_t party) {
  for (size_t k = 0; k < parley_uncertain_count(sc); k++)
    if (parley_uncertain_party(sc, k) == party) return 1;
  return 0;
}

static void text(pl_buf *b, const parley_acceptance_estimate *e) {
  const parley_scenario *sc = parley_estimate_scenario(e);
  const uint32_t *pkg = parley_estimate_package(e);
  const size_t P = parley_party_count(sc), U = parley_uncertain_count(sc);
  const char *fw = framework_of(sc, pkg);
  if (fw) pl_buf_printf(b, "parley acceptance of framework %s in %s, under uncertainty\n", fw, parley_scenario_source(sc));
  else pl_buf_printf(b, "parley acceptance of a package in %s, under uncertainty\n", parley_scenario_source(sc));
  pl_buf_puts(b, "Package: ");
  pl_report_package(b, sc, pkg);
  pl_buf_puts(b, "\n");
  pl_report_count(b, parley_estimate_samples(e));
  pl_buf_printf(b, " draws (seed %llu) of %zu uncertain number%s", (unsigned long long)parley_estimate_seed(e), U, U == 1 ? "" : "s");
  pl_buf_puts(b, U ? "; a party with none is judged exactly.\n\n" : ": nothing is uncertain, every verdict is exact.\n\n");
  pl_buf_puts(b, "  party                P(accepts)  95% interval      refuses alone\n");
  for (size_t p = 0; p < P; p++) {
    double lo, hi;
    const double x = parley_estimate_probability(e, p, &lo, &hi);
    pl_buf_printf(b, "  %-20s %10.3f  [%.3f, %.3f]    %8.3f%s\n", parley_party_id(sc, p), x, lo, hi, parley_estimate_sole_refuser(e, p),
                  uncertain(sc, p) ? "" : "   (certain)");
  }
  double lo, hi;
  const double all = parley_estimate_probability(e, PARLEY_NONE, &lo, &hi);
  pl_buf_printf(b, "  %-20s %10.3f  [%.3f, %.3f]\n", "everyone", all, lo, hi);
  int any = 0;
  for (size_t p = 0; p < P; p++) any |= parley_estimate_sensitivity_count(e, p) > 0;
  if (!any) return;
  pl_buf_puts(b, "\nWhat moves each decision: the share of draws in which the party accepts when the number is\n"
                 "in the upper half of its draws, minus the share when it is in the lower half (for a red\n"
                 "line: when it holds, minus when it does not). The intelligence worth getting comes first.\n");
  for (size_t p = 0; p < P; p++) {
    const size_t n = parley_estimate_sensitivity_count(e, p);
    if (!n) continue;
    pl_buf_printf(b, "  %s\n", parley_party_id(sc, p));
    for (size_t k = 0; k < n; k++) {
      double delta;
      const size_t u = parley_estimate_sensitivity(e, p, k, &delta);
      char desc[512];
      parley_uncertain_describe(sc, u, desc, sizeof desc);
      const char *colon = strchr(desc, ':');
      pl_buf_printf(b, "    %+7.3f  %s\n", delta, colon ? colon + 2 : desc);
    }
  }
}

static void json(pl_buf *b, const parley_acceptance_estimate *e) {
  const parley_scenario *sc = parley_estimate_scenario(e);
  const uint32_t *pkg = parley_estimate_package(e);
  const char *fw = framework_of(sc, pkg);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  pl_buf_puts(b, ",\"framework\":");
  if (fw) pl_buf_json_string(b, fw);
  else pl_buf_puts(b, "null");
  pl_buf_puts(b, ",\"package\":");
  pl_report_package_json(b, sc, pkg);
  pl_buf_printf(b, ",\"samples\":%llu,\"seed\":%llu,\"parties\":[", (unsigned long long)parley_estimate_samples(e),
                (unsigned long long)parley_estimate_seed(e));
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    double lo, hi;
    const double x = parley_estimate_probability(e, p, &lo, &hi);
    pl_buf_puts(b, p ? ",\n  {\"party\":" : "\n  {\"party\":");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_puts(b, ",\"probability\":");
    pl_buf_json_number(b, x);
    pl_buf_puts(b, ",\"interval\":[");
    pl_buf_json_number(b, lo);
    pl_buf_putc(b, ',');
    pl_buf_json_number(b, hi);
    pl_buf_puts(b, "],\"refuses_alone\":");
    pl_buf_json_number(b, parley_estimate_sole_refuser(e, p));
    pl_buf_printf(b, ",\"uncertain\":%s,\"sensitivity\":[", uncertain(sc, p) ? "true" : "false");
    for (size_t k = 0; k < parley_estimate_sensitivity_count(e, p); k++) {
      double delta;
      const size_t u = parley_estimate_sensitivity(e, p, k, &delta);
      char desc[512];
      parley_uncertain_describe(sc, u, desc, sizeof desc);
      pl_buf_puts(b, k ? ",{\"number\":" : "{\"number\":");
      pl_buf_json_string(b, desc);
      pl_buf_puts(b, ",\"delta\":");
      pl_buf_json_number(b, delta);
      pl_buf_putc(b, '}');
    }
    pl_buf_puts(b, "]}");
  }
  double lo, hi;
  const double all = parley_estimate_probability(e, PARLEY_NONE, &lo, &hi);
  pl_buf_puts(b, "],\"everyone\":{\"probability\":");
  pl_buf_json_number(b, all);
  pl_buf_puts(b, ",\"interval\":[");
  pl_buf_json_number(b, lo);
  pl_buf_putc(b, ',');
  pl_buf_json_number(b, hi);
  pl_buf_puts(b, "]}}\n");
}

static void csv(pl_buf *b, const parley_acceptance_estimate *e) {
  const parley_scenario *sc = parley_estimate_scenario(e);
  pl_buf_puts(b, "party,probability,low,high,refuses_alone\n");
  for (size_t p = 0; p <= parley_party_count(sc); p++) {
    const size_t q = p < parley_party_count(sc) ? p : PARLEY_NONE;
    double lo, hi;
    const double x = parley_estimate_probability(e, q, &lo, &hi);
    pl_report_csv_field(b, q == PARLEY_NONE ? "everyone" : parley_party_id(sc, q));
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, x);
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, lo);
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, hi);
    pl_buf_putc(b, ',');
    if (q != PARLEY_NONE) pl_report_csv_number(b, parley_estimate_sole_refuser(e, q));
    pl_buf_putc(b, '\n');
  }
}

int parley_report_acceptance(const parley_acceptance_estimate *e, parley_format format, char **text_out, size_t *len_out,
                             parley_error *err) {
  int rc = pl_report_check(e, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_JSON) json(&b, e);
  else if (format == PARLEY_FORMAT_CSV) csv(&b, e);
  else text(&b, e);
  return pl_report_finish(&b, text_out, len_out, err);
}

/* ------------------------------------------------------------------------------------------ */
/* Robustness                                                                                 */

/* Amendments under uncertainty: the packages near the draft by how often all accept them. */
static void amend_text(pl_buf *b, const parley_robustness *r) {
  const parley_scenario *sc = parley_robustness_scenario(r);
  const uint32_t *draft = parley_robustness_draft(r);
  const char *fw = framework_of(sc, draft);
  const size_t m = parley_robustness_max_changes(r);
  if (fw) pl_buf_printf(b, "parley amendments of framework %s in %s, under uncertainty\n", fw, parley_scenario_source(sc));
  else pl_buf_printf(b, "parley amendments of a package in %s, under uncertainty\n", parley_scenario_source(sc));
  pl_buf_puts(b, "Draft: ");
  pl_report_package(b, sc, draft);
  pl_buf_puts(b, "\n");
  pl_report_count(b, parley_robustness_samples(r));
  pl_buf_printf(b, " draws of every uncertain number; the draft and each of the ");
  pl_report_count(b, parley_robustness_packages(r) - 1);
  pl_buf_printf(b, " packages that change at most %zu of its issues judged by every party in each.\n\n", m);
  if (!parley_robustness_count(r)) {
    pl_buf_printf(b, "No package within %zu changes is accepted by every party in any draw.\n", m);
    return;
  }
  pl_buf_puts(b, "Most often accepted by every party:\n");
  for (size_t k = 0; k < parley_robustness_count(r); k++) {
    double lo, hi;
    const double x = parley_robustness_probability(r, k, &lo, &hi);
    const uint32_t *pkg = parley_robustness_package(r, k);
    pl_buf_printf(b, "  %2zu. %.3f [%.3f, %.3f]  ", k + 1, x, lo, hi);
    if (!memcmp(pkg, draft, parley_issue_count(sc) * sizeof *pkg)) pl_buf_puts(b, "(the draft as it stands)");
    else pl_report_changes(b, sc, draft, pkg, ", ");
    pl_buf_putc(b, '\n');
  }
}

static void robust_text(pl_buf *b, const parley_robustness *r) {
  const parley_scenario *sc = parley_robustness_scenario(r);
  if (parley_robustness_draft(r)) {
    amend_text(b, r);
    return;
  }
  pl_buf_printf(b, "parley robustness of %s, under uncertainty\n", parley_scenario_source(sc));
  pl_report_count(b, parley_robustness_samples(r));
  pl_buf_puts(b, " draws of every uncertain number, each package of ");
  pl_report_count(b, parley_robustness_packages(r));
  pl_buf_puts(b, " judged by every party in each.\n\n");
  if (!parley_robustness_count(r)) {
    pl_buf_puts(b, "No package is accepted by every party in any draw.\n");
  } else {
    pl_buf_puts(b, "The packages every party accepts most often:\n");
    for (size_t k = 0; k < parley_robustness_count(r); k++) {
      double lo, hi;
      const double x = parley_robustness_probability(r, k, &lo, &hi);
      pl_buf_printf(b, "  %2zu. %.3f [%.3f, %.3f]  ", k + 1, x, lo, hi);
      pl_report_package(b, sc, parley_robustness_package(r, k));
      pl_buf_putc(b, '\n');
    }
  }
  pl_buf_puts(b, "\nThe bargaining solutions of the scenario at its means, and how often every party accepts them:\n");
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
    double x;
    const uint32_t *pkg = parley_robustness_solution(r, (parley_solution)s, &x);
    if (!pkg) continue;
    pl_buf_printf(b, "  %-32s %.3f  ", parley_solution_name((parley_solution)s), x);
    pl_report_package(b, sc, pkg);
    pl_buf_putc(b, '\n');
  }
}

static void robust_json(pl_buf *b, const parley_robustness *r) {
  const parley_scenario *sc = parley_robustness_scenario(r);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  const uint32_t *draft = parley_robustness_draft(r);
  pl_buf_puts(b, ",\"draft\":");
  if (draft) pl_report_package_json(b, sc, draft);
  else pl_buf_puts(b, "null");
  if (draft) pl_buf_printf(b, ",\"max_changes\":%zu", parley_robustness_max_changes(r));
  else pl_buf_puts(b, ",\"max_changes\":null");
  pl_buf_printf(b, ",\"samples\":%llu,\"packages\":%llu,\"best\":[", (unsigned long long)parley_robustness_samples(r),
                (unsigned long long)parley_robustness_packages(r));
  for (size_t k = 0; k < parley_robustness_count(r); k++) {
    double lo, hi;
    const double x = parley_robustness_probability(r, k, &lo, &hi);
    pl_buf_puts(b, k ? ",\n  {\"package\":" : "\n  {\"package\":");
    pl_report_package_json(b, sc, parley_robustness_package(r, k));
    if (draft) {
      pl_buf_puts(b, ",\"changed\":{");
      pl_report_changes(b, sc, draft, parley_robustness_package(r, k), NULL);
      pl_buf_putc(b, '}');
    }
    pl_buf_puts(b, ",\"probability\":");
    pl_buf_json_number(b, x);
    pl_buf_puts(b, ",\"interval\":[");
    pl_buf_json_number(b, lo);
    pl_buf_putc(b, ',');
    pl_buf_json_number(b, hi);
    pl_buf_puts(b, "]}");
  }
  pl_buf_puts(b, "],\"solutions\":[");
  for (int s = 0, first = 1; s < PARLEY_SOLUTION_COUNT; s++) {
    double x;
    const uint32_t *pkg = parley_robustness_solution(r, (parley_solution)s, &x);
    if (!pkg) continue;
    pl_buf_printf(b, "%s{\"solution\":\"%s\",\"package\":", first ? "" : ",", parley_solution_name((parley_solution)s));
    pl_report_package_json(b, sc, pkg);
    pl_buf_puts(b, ",\"probability\":");
    pl_buf_json_number(b, x);
    pl_buf_putc(b, '}');
    first = 0;
  }
  pl_buf_puts(b, "]}\n");
}

static void robust_csv(pl_buf *b, const parley_robustness *r) {
  const parley_scenario *sc = parley_robustness_scenario(r);
  pl_buf_puts(b, "rank,probability,low,high");
  pl_report_csv_issues(b, sc);
  pl_buf_putc(b, '\n');
  for (size_t k = 0; k < parley_robustness_count(r); k++) {
    double lo, hi;
    const double x = parley_robustness_probability(r, k, &lo, &hi);
    pl_buf_printf(b, "%zu,", k + 1);
    pl_report_csv_number(b, x);
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, lo);
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, hi);
    const uint32_t *pkg = parley_robustness_package(r, k);
    pl_report_csv_options(b, sc, pkg);
    pl_buf_putc(b, '\n');
  }
}

int parley_report_robustness(const parley_robustness *r, parley_format format, char **text_out, size_t *len_out,
                             parley_error *err) {
  int rc = pl_report_check(r, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_JSON) robust_json(&b, r);
  else if (format == PARLEY_FORMAT_CSV) robust_csv(&b, r);
  else robust_text(&b, r);
  return pl_report_finish(&b, text_out, len_out, err);
}
