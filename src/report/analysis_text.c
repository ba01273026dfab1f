/* analysis_text.c — the readable analysis report printed by `parley analyze`, written from the
 * public getters of the analysis and its scenario. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/analysis.h"

/* The exact outcome count with thousands separators (it may exceed 64 bits). */
static void count_text(pl_buf *b, const parley_scenario *sc) {
  char digits[1200];
  parley_outcome_count_text(sc, digits, sizeof digits);
  pl_report_grouped(b, digits);
}

/* The width of the party-name column: the longest name, whole. */
static int name_width(const parley_scenario *sc) {
  int w = 5;
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    int l = (int)strlen(parley_party_name(sc, p));
    if (l > w) w = l;
  }
  return w;
}

/* The width of a utility column: 9, or the longest party id, whole. */
static int column_width(const parley_scenario *sc) {
  int w = 9;
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    int l = (int)strlen(parley_party_id(sc, p));
    if (l > w) w = l;
  }
  return w;
}

/* A header row of party ids, right-aligned in their columns after a label column. */
static void party_header(pl_buf *b, const parley_scenario *sc, int label, const char *text) {
  const int C = column_width(sc);
  pl_buf_printf(b, "  %-*s", label, text);
  for (size_t p = 0; p < parley_party_count(sc); p++) pl_buf_printf(b, " %*s", C, parley_party_id(sc, p));
  pl_buf_putc(b, '\n');
}

/* A row of the utilities of frontier vector i. */
static void frontier_row(pl_buf *b, const parley_analysis *an, int label, const char *text, size_t i) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const int C = column_width(sc);
  pl_buf_printf(b, "  %-*s", label, text);
  for (size_t p = 0; p < parley_party_count(sc); p++) pl_buf_printf(b, " %*.3f", C, parley_analysis_frontier_utility(an, i, p));
  pl_buf_putc(b, '\n');
}

/* Frontier package i on its own line, indented. */
static void frontier_package(pl_buf *b, const parley_analysis *an, const char *indent, size_t i, uint32_t *pkg) {
  parley_analysis_frontier_get(an, i, pkg, NULL);
  pl_buf_puts(b, indent);
  pl_report_package(b, parley_analysis_scenario(an), pkg);
  pl_buf_putc(b, '\n');
}

static void describe_red_lines(pl_buf *b, const parley_scenario *sc, size_t p, const uint32_t *pkg) {
  int first = 1;
  for (size_t k = 0; k < parley_red_line_count(sc, p); k++) {
    if (!parley_red_line_holds(sc, p, k, pkg)) continue;
    pl_buf_puts(b, first ? "crosses red line " : "; and red line ");
    const char *note = parley_red_line_note(sc, p, k);
    if (note[0]) pl_buf_printf(b, "\"%s\"", note);
    else pl_buf_printf(b, "#%zu", k + 1);
    first = 0;
  }
}

static void header(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc), N = parley_issue_count(sc);
  pl_buf_printf(b, "parley analysis of %s\n", parley_scenario_source(sc));
  if (parley_scenario_title(sc)[0]) pl_buf_printf(b, "%s\n", parley_scenario_title(sc));
  pl_buf_puts(b, "\nOutcome space: ");
  count_text(b, sc);
  pl_buf_printf(b, " packages from %zu issues (", N);
  for (size_t i = 0; i < N; i++)
    pl_buf_printf(b, "%s%s %zu", i ? ", " : "", parley_issue_id(sc, i), parley_issue_option_count(sc, i));
  pl_buf_printf(b, "), %zu parties\n", P);
  pl_buf_printf(b, "Mean utility over all packages: %.3f (", parley_analysis_mean_utility(an, PARLEY_NONE));
  for (size_t p = 0; p < P; p++)
    pl_buf_printf(b, "%s%s %.3f", p ? ", " : "", parley_party_id(sc, p), parley_analysis_mean_utility(an, p));
  const double opposition = parley_analysis_opposition(an);
  if (!isnan(opposition)) pl_buf_printf(b, "); opposition %.3f\n", opposition);
  else pl_buf_puts(b, "); opposition not computed (a utility can exceed 1)\n");
  const uint64_t nodes = parley_analysis_search_nodes(an);
  switch (parley_analysis_method(an)) {
    case PARLEY_METHOD_BOXES:
      pl_buf_puts(b, "Method: exact search over the interaction terms (boxes), ");
      pl_report_count(b, nodes);
      pl_buf_puts(b, " nodes; no package enumerated\n");
      break;
    case PARLEY_METHOD_ADDITIVE:
      pl_buf_puts(b, "Method: exact additive frontier (issue groups' non-dominated sums), ");
      pl_report_count(b, nodes);
      pl_buf_puts(b, nodes == 1 ? " merge; no package enumerated\n" : " merges; no package enumerated\n");
      break;
    default: pl_buf_puts(b, "Method: enumeration of every package\n");
  }
  uint64_t den;
  if (parley_scenario_exact(sc, &den)) {
    pl_buf_puts(b, "Utilities: exact fractions (common denominator ");
    pl_report_count(b, den);
    pl_buf_puts(b, ")\n");
  } else {
    pl_buf_puts(b, "Utilities: rounded to multiples of 2^-40 (the numbers have no common denominator small enough to "
                   "hold them exactly); ties closer than that may be told apart\n");
  }
  const size_t U = parley_uncertain_count(sc);
  if (U)
    pl_buf_printf(b, "Uncertain numbers: %zu, each at its mean here (red lines held when likelier than not); "
                     "`parley accept` draws them\n", U);
}

static void parties(pl_buf *b, const parley_analysis *an, int W, uint32_t *pkg) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  pl_buf_puts(b, "\nParties (utility over the packages a party does not reject outright)\n");
  pl_buf_printf(b, "  %-*s %6s %11s %7s %7s\n", W, "party", "power", "reservation", "lowest", "ideal");
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    pl_buf_printf(b, "  %-*s %6.2f %11.3f ", W, parley_party_name(sc, p), parley_party_power(sc, p),
                  parley_party_reservation(sc, p));
    double ideal, lowest;
    if (parley_analysis_party_range(an, p, pkg, &ideal, &lowest) != 0) {
      pl_buf_puts(b, "  every package crosses one of its red lines\n");
      continue;
    }
    if (!isnan(lowest)) pl_buf_printf(b, "%7.3f %7.3f", lowest, ideal);
    else pl_buf_printf(b, "%7s %7.3f", "?", ideal);
    if (parley_party_discount(sc, p) != 1) pl_buf_printf(b, "   discount %g", parley_party_discount(sc, p));
    pl_buf_putc(b, '\n');
    pl_buf_printf(b, "  %*s ideal: ", W, "");
    int first = 1; /* the options of the issues it cares about */
    for (size_t i = 0; i < parley_issue_count(sc); i++) {
      if (!parley_party_cares(sc, p, i)) continue;
      pl_buf_printf(b, "%s%s=%s", first ? "" : ", ", parley_issue_id(sc, i), parley_option_id(sc, i, pkg[i]));
      first = 0;
    }
    pl_buf_putc(b, '\n');
  }
}

/* The frontier: its vectors and the packages reaching them; with --frontier each vector and
 * its first package, and every tied package when the analysis lists them. */
static void frontier(pl_buf *b, const parley_analysis *an, const parley_report_options *opt, uint32_t *pkg) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t F = parley_analysis_frontier_count(an);
  const uint64_t total = parley_analysis_frontier_package_total(an), T = parley_analysis_tie_count(an);
  pl_buf_printf(b, "\nPareto frontier of the feasible set: %zu utility vector%s", F, F == 1 ? "" : "s");
  if (total == 0) {
    pl_buf_puts(b, "; the box search does not count the packages that reach each");
  } else if (total == F) {
    pl_buf_puts(b, F == 1 ? ", reached by one package" : ", one package each");
  } else {
    pl_buf_puts(b, ", reached by ");
    if (total == UINT64_MAX) pl_buf_puts(b, "more than ");
    pl_report_count(b, total);
    pl_buf_puts(b, " packages");
  }
  if (!opt->list_frontier && !T) {
    pl_buf_puts(b, total > F ? " (--frontier lists the vectors, --all-ties every package).\n" : " (--frontier lists them).\n");
    return;
  }
  pl_buf_puts(b, ";\neach with the first package, in package order, that reaches it:\n");
  party_header(b, sc, 17, "index  packages");
  for (size_t i = 0; i < F; i++) {
    char label[48];
    const uint64_t n = parley_analysis_frontier_packages(an, i);
    if (n == 0) snprintf(label, sizeof label, "%-6zu         -", i);
    else if (n == UINT64_MAX) snprintf(label, sizeof label, "%-6zu     >2^64", i);
    else snprintf(label, sizeof label, "%-6zu %9llu", i, (unsigned long long)n);
    frontier_row(b, an, 17, label, i);
    frontier_package(b, an, "                    ", i, pkg);
  }
  if (!T) return;
  pl_buf_puts(b, "\nEvery package on the frontier (");
  pl_report_count(b, T);
  pl_buf_puts(b, "), by outcome index, with the index of the vector it reaches:\n");
  for (uint64_t k = 0; k < T; k++) {
    uint64_t index;
    const size_t v = parley_analysis_tie_get(an, k, pkg, &index);
    pl_buf_printf(b, "  %-6zu ", v);
    pl_report_package(b, sc, pkg);
    pl_buf_putc(b, '\n');
  }
}

static void feasible_set(pl_buf *b, const parley_analysis *an, const parley_report_options *opt, uint32_t *pkg) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc);
  const uint64_t feasible = parley_analysis_feasible_count(an), outcomes = parley_analysis_outcome_count(an);
  const int enumerated = parley_analysis_method(an) == PARLEY_METHOD_ENUMERATE;
  pl_buf_puts(b, "\nFeasible set (no red line crossed, every party at or above its reservation): ");
  if (feasible == 0) {
    pl_buf_puts(b, "no deal is feasible.\n");
    uint64_t mask;
    if (parley_analysis_blocking_group(an, &mask) == 0) {
      pl_buf_puts(b, "  The smallest group whose constraints together leave nothing: ");
      int first = 1;
      for (size_t p = 0; p < P; p++)
        if (mask >> p & 1) {
          pl_buf_printf(b, "%s%s", first ? "" : ", ", parley_party_name(sc, p));
          first = 0;
        }
      pl_buf_puts(b, ".\n  Relax a red line or lower a reservation value of one of them.\n");
    } else {
      pl_buf_printf(b, "  (the smallest blocking group is computed for up to %d parties)\n", PARLEY_BLOCKING_MAX_PARTIES);
    }
    return;
  }
  if (!parley_analysis_feasible_known(an)) {
    pl_buf_puts(b, "not empty (the exact search does not count it).\n");
  } else if (!enumerated && feasible == outcomes && outcomes == UINT64_MAX) {
    pl_buf_puts(b, "every package.\n");
  } else {
    /* the exact methods count the packages free of red lines when every one of them meets
     * the reservations; the space itself may exceed 64 bits */
    pl_report_count(b, feasible);
    pl_buf_puts(b, " of ");
    count_text(b, sc);
    if (outcomes != UINT64_MAX) pl_buf_printf(b, " packages (%.2f%%).\n", 100.0 * (double)feasible / (double)outcomes);
    else pl_buf_puts(b, " packages.\n");
  }
  frontier(b, an, opt, pkg);
  pl_buf_puts(b, "\nBargaining solutions (utility per party; docs/semantics.md has the definitions)\n");
  static const char *const label[] = {"Nash", "Kalai-Smorodinsky", "egalitarian", "utilitarian", "KS unnormalised",
                                      "Nash, power-weighted"};
  _Static_assert(sizeof label / sizeof *label == PARLEY_SOLUTION_COUNT, "a label for every solution");
  party_header(b, sc, 20, "");
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
    const size_t i = parley_analysis_solution(an, (parley_solution)s);
    frontier_row(b, an, 20, label[s], i);
    frontier_package(b, an, "    ", i, pkg);
  }
  pl_buf_puts(b, "  Power enters only the power-weighted Nash solution; the others treat the parties alike.\n");
}

static void framework(pl_buf *b, const parley_analysis *an, size_t k, int W, size_t max_listed, uint32_t *pkg) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  const size_t P = parley_party_count(sc);
  const uint32_t *package = parley_framework_package(sc, k);
  pl_buf_printf(b, "\nFramework '%s': %s\n  package: ", parley_framework_id(sc, k), parley_framework_name(sc, k));
  pl_report_package(b, sc, package);
  pl_buf_printf(b, "\n  %-*s %8s %11s  verdict\n", W, "party", "utility", "reservation");
  size_t rejecting = 0;
  for (size_t p = 0; p < P; p++) {
    parley_acceptance a;
    parley_analysis_framework_acceptance(an, k, p, &a);
    pl_buf_printf(b, "  %-*s %8.3f %11.3f  ", W, parley_party_name(sc, p), a.utility, a.reservation);
    if (a.accepts) {
      pl_buf_puts(b, "accepts\n");
      continue;
    }
    rejecting++;
    pl_buf_puts(b, "rejects: ");
    describe_red_lines(b, sc, p, package);
    if (a.shortfall > 0)
      pl_buf_printf(b, "%s%.3f below its reservation", a.red_lines_crossed ? "; and " : "", a.shortfall);
    pl_buf_putc(b, '\n');
  }
  if (rejecting == 0) pl_buf_puts(b, "  Every party accepts it.");
  else pl_buf_printf(b, "  Rejected by %zu of %zu parties.", rejecting, P);
  double loss;
  uint64_t count;
  const uint32_t *amend = parley_analysis_framework_amendment(an, k, &loss, &count);
  if (amend) {
    pl_buf_puts(b, "\n  One issue changed wins every party: ");
    pl_report_changes(b, sc, package, amend, ", ");
    const char *who = parley_mediator_drafting(sc) == PARLEY_NONE ? "the parties together" : "the drafters";
    if (loss > 0) pl_buf_printf(b, " (%s lose %.3f", who, loss);
    else if (loss < 0) pl_buf_printf(b, " (%s gain %.3f", who, -loss);
    else pl_buf_printf(b, " (%s neither gain nor lose", who);
    if (count > 1) pl_buf_printf(b, "; %llu such changes, `parley amend` ranks them", (unsigned long long)count);
    pl_buf_puts(b, ").");
  } else if (rejecting) {
    pl_buf_puts(b, "\n  No one-issue change wins every party (`parley amend` finds the fewest changes that do).");
  }
  const size_t n = parley_analysis_framework_dominator_count(an, k);
  if (parley_analysis_framework_on_frontier(an, k)) {
    pl_buf_puts(b, " It is on the Pareto frontier.\n");
    return;
  }
  if (n == 0) {
    pl_buf_puts(b, " No feasible package is better for every party.\n");
    return;
  }
  pl_buf_printf(b, "\n  Not Pareto-optimal: %zu feasible package%s give%s every party at least as much", n, n == 1 ? "" : "s",
                n == 1 ? "s" : "");
  const size_t shown = n < max_listed ? n : max_listed;
  pl_buf_printf(b, "; the %s by total gain:\n", shown == 1 ? "best" : "best ones");
  party_header(b, sc, 8, "");
  for (size_t j = 0; j < shown; j++) {
    double gain;
    const size_t fi = parley_analysis_framework_dominator_get(an, k, j, &gain);
    char lab[32];
    snprintf(lab, sizeof lab, "+%.3f", gain);
    frontier_row(b, an, 8, lab, fi);
    frontier_package(b, an, "    ", fi, pkg);
  }
}

static void concessions(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  if (parley_analysis_solution(an, PARLEY_NASH) == PARLEY_NONE) return;
  pl_buf_puts(b, "\nConcessions at the Nash package (what each party gives up against its ideal)\n");
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    if (parley_analysis_party_range(an, p, NULL, NULL, NULL) != 0) continue;
    const char *name = parley_party_name(sc, p);
    const size_t n = parley_analysis_concession_count(an, p);
    const double total = parley_analysis_concession_total(an, p);
    if (n == 0 && total == 0) {
      pl_buf_printf(b, "  %s gets its ideal package.\n", name);
      continue;
    }
    pl_buf_printf(b, "  %s gives up %.3f of utility:\n", name, total);
    for (size_t j = 0; j < n; j++) {
      size_t issue;
      uint32_t ideal, nash;
      double cost;
      parley_analysis_concession_get(an, p, j, &issue, &ideal, &nash, &cost);
      pl_buf_printf(b, "    %-22.22s %s -> %s: %.3f\n", parley_issue_id(sc, issue), parley_option_id(sc, issue, ideal),
                    parley_option_id(sc, issue, nash), cost);
    }
    const double rest = parley_analysis_concession_interactions(an, p);
    if (rest != 0) pl_buf_printf(b, "    %-22s %.3f\n", "interaction terms", rest);
  }
}

int pl_report_analysis_text(pl_buf *b, const parley_analysis *an, const parley_report_options *opt) {
  const parley_scenario *sc = parley_analysis_scenario(an);
  uint32_t *pkg = malloc((parley_issue_count(sc) + 1) * sizeof *pkg);
  if (!pkg) return PARLEY_ERR_NOMEM;
  const int W = name_width(sc);
  header(b, an);
  parties(b, an, W, pkg);
  feasible_set(b, an, opt, pkg);
  for (size_t k = 0; k < parley_framework_count(sc); k++) framework(b, an, k, W, opt->max_listed, pkg);
  concessions(b, an);
  free(pkg);
  return 0;
}
