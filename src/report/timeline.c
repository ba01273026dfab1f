/* timeline.c — parley_report_timeline: the deal over time, as `parley timeline` prints it
 * (text), as data (JSON) or as a table (CSV). */
#include <math.h>
#include <string.h>

#include "report/common.h"
#include "util/error.h"

/* "month 3.41" or "t = 0.25" */
static void when(pl_buf *b, const parley_scenario *sc, double t) {
  const char *unit = parley_scenario_time_unit(sc);
  if (unit && *unit) pl_buf_printf(b, "%s %.4g", unit, t);
  else pl_buf_printf(b, "t = %.4g", t);
}

static void windows_text(pl_buf *b, const parley_timeline *tl, size_t f) {
  const parley_scenario *sc = parley_timeline_scenario(tl);
  const size_t n = parley_timeline_window_count(tl, f);
  const double H = parley_scenario_horizon(sc);
  if (!n) {
    pl_buf_puts(b, "never\n");
    return;
  }
  for (size_t w = 0; w < n; w++) {
    double from, to;
    parley_timeline_window(tl, f, w, &from, &to);
    pl_buf_puts(b, w ? "; " : "");
    if (from == 0 && to == H) {
      pl_buf_puts(b, "throughout");
      continue;
    }
    pl_buf_puts(b, from == 0 ? "from the start" : "from ");
    if (from > 0) when(b, sc, from);
    pl_buf_puts(b, to == H ? " to the end" : " to ");
    if (to < H) when(b, sc, to);
  }
  pl_buf_putc(b, '\n');
}

static void text(pl_buf *b, const parley_timeline *tl) {
  const parley_scenario *sc = parley_timeline_scenario(tl);
  const size_t P = parley_party_count(sc), F = parley_framework_count(sc), n = parley_timeline_count(tl);
  const char *unit = parley_scenario_time_unit(sc);
  pl_buf_printf(b, "parley timeline of %s: %zu points from 0 to %g%s%s%s\n", parley_scenario_source(sc), n,
                parley_scenario_horizon(sc), unit && *unit ? " (" : "", unit && *unit ? unit : "", unit && *unit ? ")" : "");
  pl_buf_puts(b, "Schedules read at each time; each party's discount applied as d^(t / horizon).\n\n");
  pl_buf_printf(b, "  %8s %9s  Nash utilities:", unit && *unit ? unit : "t", "feasible");
  for (size_t p = 0; p < P; p++) pl_buf_printf(b, " %9.9s", parley_party_id(sc, p));
  for (size_t f = 0; f < F; f++) pl_buf_printf(b, "  %s", parley_framework_id(sc, f));
  pl_buf_putc(b, '\n');
  for (size_t k = 0; k < n; k++) {
    int known;
    const uint64_t feas = parley_timeline_feasible(tl, k, &known);
    pl_buf_printf(b, "  %8.4g ", parley_timeline_time(tl, k));
    if (known) pl_buf_printf(b, "%9llu", (unsigned long long)feas);
    else pl_buf_printf(b, "%9s", parley_timeline_nash(tl, k) ? "some" : "0");
    pl_buf_printf(b, "  %15s", "");
    for (size_t p = 0; p < P; p++) {
      const double u = parley_timeline_nash_utility(tl, k, p);
      if (isnan(u)) pl_buf_printf(b, " %9s", "-");
      else pl_buf_printf(b, " %9.3f", u);
    }
    for (size_t f = 0; f < F; f++) /* padded to the column's id, but for the last */
      pl_buf_printf(b, "  %-*s", f + 1 < F ? (int)strlen(parley_framework_id(sc, f)) : 0,
                    parley_timeline_framework_accepted(tl, k, f) ? "yes" : "no");
    pl_buf_putc(b, '\n');
  }
  pl_buf_puts(b, "\nA deal (a package every party accepts) exists: ");
  windows_text(b, tl, PARLEY_NONE);
  for (size_t f = 0; f < F; f++) {
    pl_buf_printf(b, "Framework '%s' is acceptable to every party: ", parley_framework_id(sc, f));
    windows_text(b, tl, f);
  }
  /* the Nash package as it changes */
  pl_buf_puts(b, "\nThe Nash package over time:\n");
  const uint32_t *last = NULL;
  for (size_t k = 0; k < n; k++) {
    const uint32_t *pkg = parley_timeline_nash(tl, k);
    if (!pkg) {
      if (last || k == 0) {
        pl_buf_puts(b, "  from ");
        when(b, sc, parley_timeline_time(tl, k));
        pl_buf_puts(b, ": none (no deal)\n");
      }
      last = NULL;
      continue;
    }
    if (last && !memcmp(last, pkg, parley_issue_count(sc) * sizeof *pkg)) continue;
    pl_buf_puts(b, "  from ");
    when(b, sc, parley_timeline_time(tl, k));
    pl_buf_puts(b, ": ");
    if (last) pl_report_changes(b, sc, last, pkg, ", ");
    else pl_report_package(b, sc, pkg);
    pl_buf_putc(b, '\n');
    last = pkg;
  }
}

static void windows_json(pl_buf *b, const parley_timeline *tl, size_t f) {
  pl_buf_putc(b, '[');
  for (size_t w = 0; w < parley_timeline_window_count(tl, f); w++) {
    double from, to;
    parley_timeline_window(tl, f, w, &from, &to);
    pl_buf_puts(b, w ? ",[" : "[");
    pl_buf_json_number(b, from);
    pl_buf_putc(b, ',');
    pl_buf_json_number(b, to);
    pl_buf_putc(b, ']');
  }
  pl_buf_putc(b, ']');
}

static void json(pl_buf *b, const parley_timeline *tl) {
  const parley_scenario *sc = parley_timeline_scenario(tl);
  const size_t P = parley_party_count(sc), F = parley_framework_count(sc);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  pl_buf_puts(b, ",\"unit\":");
  pl_buf_json_string(b, parley_scenario_time_unit(sc));
  pl_buf_puts(b, ",\"horizon\":");
  pl_buf_json_number(b, parley_scenario_horizon(sc));
  pl_buf_puts(b, ",\"points\":[");
  for (size_t k = 0; k < parley_timeline_count(tl); k++) {
    int known;
    const uint64_t feas = parley_timeline_feasible(tl, k, &known);
    pl_buf_puts(b, k ? ",\n  {\"time\":" : "\n  {\"time\":");
    pl_buf_json_number(b, parley_timeline_time(tl, k));
    if (known) pl_buf_printf(b, ",\"feasible\":%llu", (unsigned long long)feas);
    else pl_buf_puts(b, ",\"feasible\":null");
    pl_buf_puts(b, ",\"nash\":");
    const uint32_t *pkg = parley_timeline_nash(tl, k);
    if (pkg) {
      pl_buf_puts(b, "{\"package\":");
      pl_report_package_json(b, sc, pkg);
      pl_buf_puts(b, ",\"utilities\":{");
      for (size_t p = 0; p < P; p++) {
        pl_buf_puts(b, p ? "," : "");
        pl_buf_json_string(b, parley_party_id(sc, p));
        pl_buf_putc(b, ':');
        pl_buf_json_number(b, parley_timeline_nash_utility(tl, k, p));
      }
      pl_buf_puts(b, "}}");
    } else {
      pl_buf_puts(b, "null");
    }
    pl_buf_puts(b, ",\"frameworks\":{");
    for (size_t f = 0; f < F; f++) {
      pl_buf_puts(b, f ? "," : "");
      pl_buf_json_string(b, parley_framework_id(sc, f));
      pl_buf_puts(b, parley_timeline_framework_accepted(tl, k, f) ? ":true" : ":false");
    }
    pl_buf_puts(b, "}}");
  }
  pl_buf_puts(b, "],\"deal_windows\":");
  windows_json(b, tl, PARLEY_NONE);
  pl_buf_puts(b, ",\"framework_windows\":{");
  for (size_t f = 0; f < F; f++) {
    pl_buf_puts(b, f ? "," : "");
    pl_buf_json_string(b, parley_framework_id(sc, f));
    pl_buf_putc(b, ':');
    windows_json(b, tl, f);
  }
  pl_buf_puts(b, "}}\n");
}

static void csv(pl_buf *b, const parley_timeline *tl) {
  const parley_scenario *sc = parley_timeline_scenario(tl);
  const size_t P = parley_party_count(sc), F = parley_framework_count(sc);
  pl_buf_puts(b, "time,feasible");
  for (size_t p = 0; p < P; p++) {
    pl_buf_puts(b, ",nash_");
    pl_report_csv_field(b, parley_party_id(sc, p));
  }
  for (size_t f = 0; f < F; f++) {
    pl_buf_putc(b, ',');
    pl_report_csv_field(b, parley_framework_id(sc, f));
  }
  pl_buf_putc(b, '\n');
  for (size_t k = 0; k < parley_timeline_count(tl); k++) {
    int known;
    const uint64_t feas = parley_timeline_feasible(tl, k, &known);
    pl_report_csv_number(b, parley_timeline_time(tl, k));
    if (known) pl_buf_printf(b, ",%llu", (unsigned long long)feas);
    else pl_buf_putc(b, ',');
    for (size_t p = 0; p < P; p++) {
      pl_buf_putc(b, ',');
      pl_report_csv_number(b, parley_timeline_nash_utility(tl, k, p));
    }
    for (size_t f = 0; f < F; f++) pl_buf_printf(b, ",%d", parley_timeline_framework_accepted(tl, k, f));
    pl_buf_putc(b, '\n');
  }
}

int parley_report_timeline(const parley_timeline *tl, parley_format format, char **text_out, size_t *len_out, parley_error *err) {
  int rc = pl_report_check(tl, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_JSON) json(&b, tl);
  else if (format == PARLEY_FORMAT_CSV) csv(&b, tl);
  else text(&b, tl);
  return pl_report_finish(&b, text_out, len_out, err);
}
