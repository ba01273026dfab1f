/* report_text.c — the readable analysis report printed by `parley analyze`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/report_common.h"
#include "util/error.h"

/* A whole number given in decimal digits, with thousands separators. */
static void grouped(pl_buf *b, const char *digits) {
  const int len = (int)strlen(digits);
  for (int i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) pl_buf_putc(b, ',');
    pl_buf_putc(b, digits[i]);
  }
}

static void count(pl_buf *b, uint64_t n) {
  char digits[32];
  snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
  grouped(b, digits);
}

/* The exact outcome count with thousands separators (it may exceed 64 bits). */
static void count_text(pl_buf *b, const parley_scenario *sc) {
  char digits[1200];
  parley_outcome_count_text(sc, digits, sizeof digits);
  grouped(b, digits);
}

static int name_width(const parley_scenario *sc) {
  int w = 5;
  for (uint32_t p = 0; p < sc->n_parties; p++) {
    int l = (int)strlen(sc->parties[p].name);
    if (l > w) w = l;
  }
  return w > 28 ? 28 : w;
}

/* A header row of party ids, right-aligned in columns of 9 after a label column. */
static void party_header(pl_buf *b, const parley_scenario *sc, int label, const char *text) {
  pl_buf_printf(b, "  %-*s", label, text);
  for (uint32_t p = 0; p < sc->n_parties; p++) pl_buf_printf(b, " %9.9s", sc->parties[p].id);
  pl_buf_putc(b, '\n');
}

static void party_row(pl_buf *b, const parley_scenario *sc, int label, const char *text,
                      const pl_fx *u) {
  pl_buf_printf(b, "  %-*s", label, text);
  for (uint32_t p = 0; p < sc->n_parties; p++) pl_buf_printf(b, " %9.3f", pl_fx_to(u[p]));
  pl_buf_putc(b, '\n');
}

static void describe_red_lines(pl_buf *b, const pl_party *pa, const uint32_t *pkg) {
  int first = 1;
  for (uint32_t k = 0; k < pa->n_red_lines; k++) {
    if (!pl_rule_holds(&pa->red_lines[k], pkg)) continue;
    pl_buf_puts(b, first ? "crosses red line " : "; and red line ");
    if (pa->red_lines[k].note[0]) pl_buf_printf(b, "\"%s\"", pa->red_lines[k].note);
    else pl_buf_printf(b, "#%u", k + 1);
    first = 0;
  }
}

static void frontier_list(pl_buf *b, const parley_analysis *an) {
  const parley_scenario *sc = an->sc;
  const uint32_t P = sc->n_parties;
  party_header(b, sc, 6, "#");
  for (size_t i = 0; i < an->frontier.n; i++) {
    char label[32];
    snprintf(label, sizeof label, "%zu", i + 1);
    party_row(b, sc, 6, label, an->frontier.u + i * P);
    pl_buf_puts(b, "         ");
    pl_report_package(b, sc, an->fpkg + i * sc->n_issues);
    pl_buf_putc(b, '\n');
  }
}

int parley_report_text(const parley_analysis *an, const parley_report_options *options,
                       char **text_out, size_t *len_out, parley_error *err) {
  if (!an || !text_out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  parley_report_options opt = {0};
  if (options) opt = *options;
  if (!opt.max_listed) opt.max_listed = 5;
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  pl_buf b = {0};
  const int W = name_width(sc);

  pl_buf_printf(&b, "parley analysis of %s\n", sc->source);
  if (sc->title[0]) pl_buf_printf(&b, "%s\n", sc->title);
  pl_buf_puts(&b, "\nOutcome space: ");
  count_text(&b, sc);
  pl_buf_printf(&b, " packages from %u issues (", N);
  for (uint32_t i = 0; i < N; i++) pl_buf_printf(&b, "%s%s %u", i ? ", " : "", sc->issues[i].id, sc->radix[i]);
  pl_buf_printf(&b, "), %u parties\n", P);
  pl_buf_printf(&b, "Mean utility over all packages: %.3f (", an->mean_all);
  for (uint32_t p = 0; p < P; p++) pl_buf_printf(&b, "%s%s %.3f", p ? ", " : "", sc->parties[p].id, an->mean[p]);
  if (an->opposition == an->opposition) pl_buf_printf(&b, "); opposition %.3f\n", an->opposition);
  else pl_buf_puts(&b, "); opposition not computed (a utility can exceed 1)\n");
  if (an->method == PARLEY_METHOD_BOXES) {
    pl_buf_puts(&b, "Method: exact search over the interaction terms (boxes), ");
    count(&b, an->nodes);
    pl_buf_puts(&b, " nodes; no package enumerated\n");
  } else if (an->method == PARLEY_METHOD_ADDITIVE) {
    pl_buf_puts(&b, "Method: exact additive frontier (issue groups' non-dominated sums), ");
    count(&b, an->nodes);
    pl_buf_puts(&b, an->nodes == 1 ? " merge; no package enumerated\n" : " merges; no package enumerated\n");
  } else {
    pl_buf_puts(&b, "Method: enumeration of every package\n");
  }

  pl_buf_puts(&b, "\nParties (utility over the packages a party does not reject outright)\n");
  pl_buf_printf(&b, "  %-*s %6s %11s %7s %7s\n", W, "party", "power", "reservation", "lowest", "ideal");
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    const pl_party_range *r = &an->range[p];
    pl_buf_printf(&b, "  %-*.*s %6.2f %11.3f ", W, W, pa->name, pa->power, pa->reservation);
    if (!r->any) {
      pl_buf_puts(&b, "  every package crosses one of its red lines\n");
      continue;
    }
    if (r->min_known) pl_buf_printf(&b, "%7.3f %7.3f", pl_fx_to(r->min), pl_fx_to(r->max));
    else pl_buf_printf(&b, "%7s %7.3f", "?", pl_fx_to(r->max));
    if (pa->discount != 1) pl_buf_printf(&b, "   discount %g", pa->discount);
    pl_buf_putc(&b, '\n');
    pl_buf_printf(&b, "  %*s ideal: ", W, "");
    pl_report_package(&b, sc, an->ideal_pkg + (size_t)p * N);
    pl_buf_putc(&b, '\n');
  }

  pl_buf_puts(&b, "\nFeasible set (no red line crossed, every party at or above its reservation): ");
  if (an->n_feasible == 0) {
    pl_buf_puts(&b, "no deal is feasible.\n");
    if (an->blocking_known) {
      pl_buf_puts(&b, "  The smallest group whose constraints together leave nothing: ");
      int first = 1;
      for (uint32_t p = 0; p < P; p++)
        if (an->blocking_mask >> p & 1) {
          pl_buf_printf(&b, "%s%s", first ? "" : ", ", sc->parties[p].name);
          first = 0;
        }
      pl_buf_puts(&b, ".\n  Relax a red line or lower a reservation value of one of them.\n");
    } else {
      pl_buf_printf(&b, "  (the smallest blocking group is computed for up to %d parties)\n",
                    PL_BLOCKING_MAX_PARTIES);
    }
  } else {
    if (!an->feasible_known) {
      pl_buf_puts(&b, "not empty (the exact search does not count it).\n");
    } else if (an->method != PARLEY_METHOD_ENUMERATE && an->n_feasible == an->n_outcomes) {
      pl_buf_puts(&b, "every package.\n");
    } else {
      /* the exact methods count the packages free of red lines when every one of them meets
       * the reservations; the space itself may exceed 64 bits */
      count(&b, an->n_feasible);
      pl_buf_puts(&b, " of ");
      count_text(&b, sc);
      if (an->n_outcomes != UINT64_MAX)
        pl_buf_printf(&b, " packages (%.2f%%).\n", 100.0 * (double)an->n_feasible / (double)an->n_outcomes);
      else
        pl_buf_puts(&b, " packages.\n");
    }
    if (an->method != PARLEY_METHOD_ENUMERATE)
      pl_buf_printf(&b, "\nPareto frontier of the feasible set: %zu utility vector%s, one package each",
                    an->frontier.n, an->frontier.n == 1 ? "" : "s");
    else
      pl_buf_printf(&b, "\nPareto frontier of the feasible set: %zu package%s", an->frontier.n,
                    an->frontier.n == 1 ? "" : "s");
    if (opt.list_frontier) {
      pl_buf_puts(&b, ", by outcome index:\n");
      frontier_list(&b, an);
    } else {
      pl_buf_puts(&b, " (--frontier lists them).\n");
    }

    pl_buf_puts(&b, "\nBargaining solutions (utility per party; docs/semantics.md has the definitions)\n");
    static const char *const label[] = {"Nash", "Kalai-Smorodinsky", "egalitarian", "utilitarian",
                                        "KS unnormalised"};
    party_header(&b, sc, 18, "");
    for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
      long i = an->solution[s];
      party_row(&b, sc, 18, label[s], an->frontier.u + (size_t)i * P);
      pl_buf_puts(&b, "    ");
      pl_report_package(&b, sc, an->fpkg + (size_t)i * N);
      pl_buf_putc(&b, '\n');
    }
  }

  for (uint32_t k = 0; k < sc->n_frameworks; k++) {
    const pl_framework *fw = &sc->frameworks[k];
    const pl_fw_result *r = &an->fw[k];
    pl_buf_printf(&b, "\nFramework '%s': %s\n  package: ", fw->id, fw->name);
    pl_report_package(&b, sc, fw->package);
    pl_buf_printf(&b, "\n  %-*s %8s %11s  verdict\n", W, "party", "utility", "reservation");
    size_t rejecting = 0;
    for (uint32_t p = 0; p < P; p++) {
      const pl_party *pa = &sc->parties[p];
      int below = r->u[p] < c->reservation[p];
      pl_buf_printf(&b, "  %-*.*s %8.3f %11.3f  ", W, W, pa->name, pl_fx_to(r->u[p]), pa->reservation);
      if (!r->crossed[p] && !below) {
        pl_buf_puts(&b, "accepts\n");
        continue;
      }
      rejecting++;
      pl_buf_puts(&b, "rejects: ");
      describe_red_lines(&b, pa, fw->package);
      if (below)
        pl_buf_printf(&b, "%s%.3f below its reservation", r->crossed[p] ? "; and " : "",
                      pl_fx_to(c->reservation[p] - r->u[p]));
      pl_buf_putc(&b, '\n');
    }
    if (rejecting == 0) pl_buf_puts(&b, "  Every party accepts it.");
    else pl_buf_printf(&b, "  Rejected by %zu of %u parties.", rejecting, P);
    if (r->on_frontier) {
      pl_buf_puts(&b, " It is on the Pareto frontier.\n");
    } else if (r->n_dominators == 0) {
      pl_buf_puts(&b, " No feasible package is better for every party.\n");
    } else {
      pl_buf_printf(&b, "\n  Not Pareto-optimal: %zu feasible package%s give%s every party at least as much",
                    r->n_dominators, r->n_dominators == 1 ? "" : "s", r->n_dominators == 1 ? "s" : "");
      size_t shown = r->n_dominators < opt.max_listed ? r->n_dominators : opt.max_listed;
      pl_buf_printf(&b, "; the %s by total gain:\n", shown == 1 ? "best" : "best ones");
      party_header(&b, sc, 8, "");
      for (size_t j = 0; j < shown; j++) {
        size_t fi = r->dominators[j];
        const pl_fx *u = an->frontier.u + fi * P;
        char lab[32];
        snprintf(lab, sizeof lab, "+%.3f", pl_fx_to(pl_utilitarian_value(u, P) - pl_utilitarian_value(r->u, P)));
        party_row(&b, sc, 8, lab, u);
        pl_buf_puts(&b, "    ");
        pl_report_package(&b, sc, an->fpkg + fi * N);
        pl_buf_putc(&b, '\n');
      }
    }
  }

  if (an->solution[PARLEY_NASH] >= 0) {
    pl_buf_puts(&b, "\nConcessions at the Nash package (what each party gives up against its ideal)\n");
    for (uint32_t p = 0; p < P; p++) {
      const pl_party *pa = &sc->parties[p];
      if (!an->range[p].any) continue;
      if (an->n_concessions[p] == 0 && an->concession_total[p] == 0) {
        pl_buf_printf(&b, "  %s gets its ideal package.\n", pa->name);
        continue;
      }
      pl_buf_printf(&b, "  %s gives up %.3f of utility:\n", pa->name, pl_fx_to(an->concession_total[p]));
      pl_fx rest = an->concession_total[p];
      for (size_t j = 0; j < an->n_concessions[p]; j++) {
        const pl_concession *cn = &an->concessions[p][j];
        const pl_issue *is = &sc->issues[cn->issue];
        pl_buf_printf(&b, "    %-22.22s %s -> %s: %.3f\n", is->id, is->options[cn->ideal_option].id,
                      is->options[cn->nash_option].id, pl_fx_to(cn->cost));
        rest -= cn->cost;
      }
      if (rest != 0) pl_buf_printf(&b, "    %-22s %.3f\n", "interaction terms", pl_fx_to(rest));
    }
  }
  return pl_report_finish(&b, text_out, len_out, err);
}
