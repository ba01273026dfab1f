/* amend.c — parley_report_amendments: the smallest changes to a draft that every party accepts,
 * as `parley amend` prints them (text), as data (JSON) or as a table (CSV). */
#include <math.h>
#include <string.h>

#include "report/common.h"
#include "report/mediation.h"
#include "util/error.h"

/* The framework whose package is the draft, or NULL. */
static const char *framework_of(const parley_scenario *sc, const uint32_t *draft) {
  const size_t N = parley_issue_count(sc);
  for (size_t f = 0; f < parley_framework_count(sc); f++)
    if (!memcmp(parley_framework_package(sc, f), draft, N * sizeof *draft)) return parley_framework_id(sc, f);
  return NULL;
}

/* "russia, us": the parties whose loss ranks. */
static void keep_list(pl_buf *b, const parley_amendments *a) {
  const parley_scenario *sc = parley_amendments_scenario(a);
  for (size_t p = 0, n = 0; p < parley_party_count(sc); p++)
    if (parley_amendments_keeps_for(a, p)) pl_buf_printf(b, "%s%s", n++ ? ", " : "", parley_party_id(sc, p));
}

static void verdict_line(pl_buf *b, const parley_scenario *sc, size_t p, const uint32_t *pkg, const uint32_t *draft) {
  parley_acceptance v;
  parley_package_acceptance(sc, p, pkg, &v);
  pl_buf_printf(b, "       %-20s %7.3f %+7.3f %11.3f  ", parley_party_id(sc, p), v.utility, v.utility - parley_utility(sc, p, draft),
                v.reservation);
  if (v.accepts) {
    pl_buf_puts(b, "accepts\n");
    return;
  }
  pl_buf_puts(b, "rejects:");
  if (v.red_lines_crossed) pl_buf_printf(b, " crosses %zu red line%s", v.red_lines_crossed, v.red_lines_crossed == 1 ? "" : "s");
  if (v.red_lines_crossed && v.shortfall > 0) pl_buf_putc(b, ';');
  if (v.shortfall > 0) pl_buf_printf(b, " %.3f below its reservation", v.shortfall);
  pl_buf_putc(b, '\n');
}

static void text(pl_buf *b, const parley_amendments *a) {
  const parley_scenario *sc = parley_amendments_scenario(a);
  const uint32_t *draft = parley_amendments_draft(a);
  const size_t P = parley_party_count(sc), k = parley_amendments_changes(a);
  const char *fw = framework_of(sc, draft);
  if (fw) pl_buf_printf(b, "parley amendments of framework %s in %s\n\n", fw, parley_scenario_source(sc));
  else pl_buf_printf(b, "parley amendments of a package in %s\n\n", parley_scenario_source(sc));
  pl_buf_puts(b, "Draft: ");
  pl_report_package(b, sc, draft);
  pl_buf_puts(b, "\n");
  size_t rejecting = 0;
  for (size_t p = 0; p < P; p++) {
    parley_acceptance v;
    parley_package_acceptance(sc, p, draft, &v);
    if (v.accepts) continue;
    pl_buf_printf(b, "%s %s (", rejecting++ ? "," : "Rejected by", parley_party_id(sc, p));
    if (v.red_lines_crossed) pl_buf_printf(b, "crosses %zu red line%s%s", v.red_lines_crossed, v.red_lines_crossed == 1 ? "" : "s",
                                           v.shortfall > 0 ? "; " : "");
    if (v.shortfall > 0) pl_buf_printf(b, "%.3f against its reservation %.3f", v.utility, v.reservation);
    pl_buf_putc(b, ')');
  }
  pl_buf_puts(b, rejecting ? "\n\n" : "Every party accepts the draft as it stands.\n\n");
  if (k == PARLEY_NONE) {
    if (parley_amendments_max_changes(a) < parley_issue_count(sc))
      pl_buf_printf(b, "No package that changes at most %zu issue%s is acceptable to every party.\n",
                    parley_amendments_max_changes(a), parley_amendments_max_changes(a) == 1 ? "" : "s");
    else
      pl_buf_puts(b, "No package at all is acceptable to every party: no amendment can win everyone.\n");
  } else if (k > 0) {
    pl_buf_printf(b, "Fewest issues to change so that every party accepts: %zu (", k);
    pl_report_count(b, parley_amendments_found(a));
    pl_buf_printf(b, " package%s do%s so).\n", parley_amendments_found(a) == 1 ? "" : "s", parley_amendments_found(a) == 1 ? "es" : "");
    pl_buf_puts(b, "Ranked by what ");
    keep_list(b, a);
    pl_buf_printf(b, " lose (their utility of the draft minus that of the amendment), the first %zu:\n",
                  parley_amendments_count(a));
    for (size_t r = 0; r < parley_amendments_count(a); r++) {
      const uint32_t *pkg = parley_amendments_package(a, r);
      pl_buf_printf(b, "\n  %zu. ", r + 1);
      pl_report_changes(b, sc, draft, pkg, ", ");
      pl_buf_printf(b, "   (loss %+.3f)\n", parley_amendments_loss(a, r));
      pl_buf_puts(b, "       party                utility  change reservation  verdict\n");
      for (size_t p = 0; p < P; p++) verdict_line(b, sc, p, pkg, draft);
    }
  }
  pl_buf_puts(b, "\nExact: a search over the issues changed, every kept package evaluated exactly (");
  pl_report_count(b, parley_amendments_visited(a));
  pl_buf_puts(b, " packages evaluated).\n");
  const size_t U = parley_uncertain_count(sc);
  if (U) pl_buf_printf(b, "Uncertain numbers (%zu) at their means; `parley amend --samples N` draws them.\n", U);
}

static void verdicts_json(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg) {
  pl_buf_putc(b, '[');
  for (size_t p = 0; p < parley_party_count(sc); p++) {
    parley_acceptance v;
    parley_package_acceptance(sc, p, pkg, &v);
    pl_buf_puts(b, p ? ",{\"party\":" : "{\"party\":");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_puts(b, ",\"utility\":");
    pl_buf_json_number(b, v.utility);
    pl_buf_puts(b, ",\"reservation\":");
    pl_buf_json_number(b, v.reservation);
    pl_buf_printf(b, ",\"red_lines_crossed\":%zu,\"accepts\":%s}", v.red_lines_crossed, v.accepts ? "true" : "false");
  }
  pl_buf_putc(b, ']');
}

static void json(pl_buf *b, const parley_amendments *a) {
  const parley_scenario *sc = parley_amendments_scenario(a);
  const uint32_t *draft = parley_amendments_draft(a);
  const size_t k = parley_amendments_changes(a);
  const char *fw = framework_of(sc, draft);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  pl_buf_puts(b, ",\"framework\":");
  if (fw) pl_buf_json_string(b, fw);
  else pl_buf_puts(b, "null");
  pl_buf_puts(b, ",\"draft\":");
  pl_report_package_json(b, sc, draft);
  pl_buf_puts(b, ",\"draft_verdicts\":");
  verdicts_json(b, sc, draft);
  pl_buf_puts(b, ",\"keep_for\":[");
  for (size_t p = 0, n = 0; p < parley_party_count(sc); p++)
    if (parley_amendments_keeps_for(a, p)) {
      pl_buf_puts(b, n++ ? "," : "");
      pl_buf_json_string(b, parley_party_id(sc, p));
    }
  pl_buf_puts(b, "],\"changes\":");
  if (k == PARLEY_NONE) pl_buf_puts(b, "null");
  else pl_buf_printf(b, "%zu", k);
  pl_buf_printf(b, ",\"max_changes\":%zu,\"found\":%llu,\"visited\":%llu,\"amendments\":[", parley_amendments_max_changes(a),
                (unsigned long long)parley_amendments_found(a), (unsigned long long)parley_amendments_visited(a));
  for (size_t r = 0; r < parley_amendments_count(a); r++) {
    const uint32_t *pkg = parley_amendments_package(a, r);
    pl_buf_puts(b, r ? ",\n  {\"package\":" : "\n  {\"package\":");
    pl_report_package_json(b, sc, pkg);
    pl_buf_puts(b, ",\"changed\":{");
    pl_report_changes(b, sc, draft, pkg, NULL);
    pl_buf_puts(b, "},\"loss\":");
    pl_buf_json_number(b, parley_amendments_loss(a, r));
    pl_buf_puts(b, ",\"verdicts\":");
    verdicts_json(b, sc, pkg);
    pl_buf_putc(b, '}');
  }
  pl_buf_puts(b, "]}\n");
}

static void csv(pl_buf *b, const parley_amendments *a) {
  const parley_scenario *sc = parley_amendments_scenario(a);
  const uint32_t *draft = parley_amendments_draft(a);
  pl_buf_puts(b, "rank,changed,loss");
  pl_report_csv_parties(b, sc);
  pl_buf_putc(b, '\n');
  for (size_t r = 0; r < parley_amendments_count(a); r++) {
    const uint32_t *pkg = parley_amendments_package(a, r);
    pl_buf_printf(b, "%zu,", r + 1);
    pl_buf l = {0};
    pl_report_changes(&l, sc, draft, pkg, ";");
    pl_report_csv_field(b, l.data ? l.data : "");
    pl_buf_free(&l);
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, parley_amendments_loss(a, r));
    for (size_t p = 0; p < parley_party_count(sc); p++) {
      pl_buf_putc(b, ',');
      pl_report_csv_number(b, parley_utility(sc, p, pkg));
    }
    pl_buf_putc(b, '\n');
  }
}

int parley_report_amendments(const parley_amendments *a, parley_format format, char **text_out, size_t *len_out,
                             parley_error *err) {
  int rc = pl_report_check(a, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_JSON) json(&b, a);
  else if (format == PARLEY_FORMAT_CSV) csv(&b, a);
  else text(&b, a);
  return pl_report_finish(&b, text_out, len_out, err);
}
