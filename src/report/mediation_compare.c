/* mediation_compare.c — parley_report_mediation_comparison: the same drafting with other groups
 * and mediators, side by side, and what keeping each party out of the drafting costs it. */
#include <math.h>

#include "report/common.h"
#include "report/mediation.h"
#include "util/error.h"

/* "declared", "everyone", "+ ukraine", "everyone but ukraine", "mediator turkey" */
void pl_report_variant_name(pl_buf *b, const parley_mediation_comparison *c, size_t k) {
  const parley_scenario *sc = parley_comparison_scenario(c);
  const size_t s = parley_comparison_subject(c, k);
  switch (parley_comparison_kind(c, k)) {
    case PARLEY_VARIANT_DECLARED: pl_buf_puts(b, "declared group"); break;
    case PARLEY_VARIANT_EVERYONE: pl_buf_puts(b, "everyone"); break;
    case PARLEY_VARIANT_PLUS: pl_buf_printf(b, "declared + %s", parley_party_id(sc, s)); break;
    case PARLEY_VARIANT_ALL_BUT: pl_buf_printf(b, "everyone but %s", parley_party_id(sc, s)); break;
    case PARLEY_VARIANT_MEDIATOR: pl_buf_printf(b, "mediator %s", parley_mediator_id(sc, s)); break;
  }
}

static const char *kind_name(parley_variant_kind k) {
  static const char *const names[] = {"declared", "everyone", "plus", "all_but", "mediator"};
  return (unsigned)k < 5 ? names[k] : "unknown";
}

static void text(pl_buf *b, const parley_mediation_comparison *c) {
  const parley_scenario *sc = parley_comparison_scenario(c);
  const size_t P = parley_party_count(sc), V = parley_comparison_count(c);
  pl_buf_printf(b, "parley mediation of %s: what the drafting group changes\n\n", parley_scenario_source(sc));
  const parley_mediation_result *first = parley_comparison_result(c, 0);
  if (first) {
    const size_t m = parley_mediation_result_mediator(first);
    pl_buf_printf(b, "Procedure: %s; mediator: %s\n", parley_procedure_name(parley_mediation_result_procedure(first)),
                  m == PARLEY_NONE ? "an outside mediator" : parley_mediator_id(sc, m));
  }
  pl_buf_puts(b, "Each party's true utility of the text each group drafts (* it rejects the text):\n\n");
  pl_buf_printf(b, "  %-28s", "variant");
  for (size_t p = 0; p < P; p++) pl_buf_printf(b, " %9.9s", parley_party_id(sc, p));
  pl_buf_puts(b, "  all accept  steps  to Nash\n");
  for (size_t k = 0; k < V; k++) {
    pl_buf l = {0};
    pl_report_variant_name(&l, c, k);
    pl_buf_printf(b, "  %-28.28s", l.data ? l.data : "");
    pl_buf_free(&l);
    const parley_mediation_result *r = parley_comparison_result(c, k);
    if (!r) {
      pl_buf_printf(b, " cannot draft: %s\n", parley_comparison_error(c, k));
      continue;
    }
    if (!parley_mediation_result_package(r)) {
      pl_buf_puts(b, " no text: the group's view has no feasible package\n");
      continue;
    }
    for (size_t p = 0; p < P; p++) {
      parley_acceptance v;
      parley_mediation_result_verdict(r, p, &v);
      pl_buf_printf(b, " %8.3f%c", v.utility, v.accepts ? ' ' : '*');
    }
    const double dist = parley_comparison_nash_distance(c, k);
    pl_buf_printf(b, "  %-10s %6zu", parley_mediation_result_all_accept(r) ? "yes" : "no", parley_mediation_result_step_count(r));
    if (isnan(dist)) pl_buf_puts(b, "        -\n"); /* no full-information Nash package */
    else pl_buf_printf(b, "  %7.3f\n", dist);
  }
  pl_buf_puts(b, "\nTexts:\n");
  for (size_t k = 0; k < V; k++) {
    const parley_mediation_result *r = parley_comparison_result(c, k);
    if (!r || !parley_mediation_result_package(r)) continue;
    pl_buf_puts(b, "  ");
    pl_report_variant_name(b, c, k);
    pl_buf_puts(b, ": ");
    pl_report_package(b, sc, parley_mediation_result_package(r));
    pl_buf_putc(b, '\n');
  }
  pl_buf_puts(b, "\nWhat keeping each party out of the drafting costs it (its utility of the text drafted with\n"
                 "everyone, minus that of the text drafted without it):\n");
  for (size_t p = 0; p < P; p++) {
    const double x = parley_comparison_exclusion_cost(c, p);
    if (isnan(x)) pl_buf_printf(b, "  %-20s -\n", parley_party_id(sc, p));
    else pl_buf_printf(b, "  %-20s %+.3f\n", parley_party_id(sc, p), x);
  }
  /* the beliefs that stood for a party and expected the wrong verdict */
  int any = 0, held = 0;
  for (size_t p = 0; p < P; p++)
    for (size_t k = 0; k < V; k++) {
      const parley_mediation_result *r = parley_comparison_result(c, k);
      held |= r && parley_mediation_result_believed(r, p);
      pl_buf l = {0};
      if (r && pl_report_belief_miss(&l, r, p)) {
        if (!any++) pl_buf_puts(b, "\nWhere the mediator's belief about a party was wrong in a way that mattered:\n");
        pl_buf_puts(b, "  ");
        pl_report_variant_name(b, c, k);
        pl_buf_printf(b, ": %s.\n", l.data);
      }
      pl_buf_free(&l);
    }
  if (!any && held)
    pl_buf_puts(b, "\nNo belief of the mediator about a party it did not hear expected the wrong verdict.\n");
}

/* {party: utility} or {party: accepts} of a result's verdicts ({} without a text). */
static void verdict_map(pl_buf *b, const parley_mediation_result *r, int accepts) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  pl_buf_putc(b, '{');
  for (size_t p = 0; parley_mediation_result_package(r) && p < parley_party_count(sc); p++) {
    parley_acceptance v;
    parley_mediation_result_verdict(r, p, &v);
    pl_buf_puts(b, p ? "," : "");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_putc(b, ':');
    if (accepts) pl_buf_puts(b, v.accepts ? "true" : "false");
    else pl_buf_json_number(b, v.utility);
  }
  pl_buf_putc(b, '}');
}

static void json(pl_buf *b, const parley_mediation_comparison *c) {
  const parley_scenario *sc = parley_comparison_scenario(c);
  const size_t P = parley_party_count(sc), V = parley_comparison_count(c);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  pl_buf_puts(b, ",\"variants\":[");
  for (size_t k = 0; k < V; k++) {
    const parley_mediation_result *r = parley_comparison_result(c, k);
    const size_t s = parley_comparison_subject(c, k);
    const parley_variant_kind kind = parley_comparison_kind(c, k);
    pl_buf_printf(b, "%s\n  {\"kind\":\"%s\",\"subject\":", k ? "," : "", kind_name(kind));
    if (s == PARLEY_NONE) pl_buf_puts(b, "null");
    else pl_buf_json_string(b, kind == PARLEY_VARIANT_MEDIATOR ? parley_mediator_id(sc, s) : parley_party_id(sc, s));
    pl_buf_puts(b, ",\"label\":");
    pl_buf l = {0};
    pl_report_variant_name(&l, c, k);
    pl_buf_json_string(b, l.data ? l.data : "");
    pl_buf_free(&l);
    if (!r) {
      pl_buf_puts(b, ",\"error\":");
      pl_buf_json_string(b, parley_comparison_error(c, k));
      pl_buf_putc(b, '}');
      continue;
    }
    pl_buf_puts(b, ",\"view\":");
    pl_report_view_json(b, r);
    pl_buf_puts(b, ",\"belief_misses\":[");
    for (size_t p = 0, first = 1; p < P; p++) {
      pl_buf note = {0};
      if (pl_report_belief_miss(&note, r, p)) {
        pl_buf_puts(b, first ? "{\"party\":" : ",{\"party\":");
        pl_buf_json_string(b, parley_party_id(sc, p));
        pl_buf_puts(b, ",\"note\":");
        pl_buf_json_string(b, note.data);
        pl_buf_putc(b, '}');
        first = 0;
      }
      pl_buf_free(&note);
    }
    pl_buf_puts(b, "],\"text\":");
    const uint32_t *pkg = parley_mediation_result_package(r);
    if (pkg) pl_report_package_json(b, sc, pkg);
    else pl_buf_puts(b, "null");
    pl_buf_puts(b, ",\"utilities\":");
    verdict_map(b, r, 0);
    pl_buf_puts(b, ",\"accepts\":");
    verdict_map(b, r, 1);
    pl_buf_printf(b, ",\"all_accept\":%s,\"steps\":%zu,\"nash_distance\":", parley_mediation_result_all_accept(r) ? "true" : "false",
                  parley_mediation_result_step_count(r));
    pl_buf_json_number(b, parley_comparison_nash_distance(c, k));
    pl_buf_putc(b, '}');
  }
  pl_buf_puts(b, "],\"exclusion_cost\":{");
  for (size_t p = 0; p < P; p++) {
    pl_buf_puts(b, p ? "," : "");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_putc(b, ':');
    pl_buf_json_number(b, parley_comparison_exclusion_cost(c, p));
  }
  pl_buf_puts(b, "}}\n");
}

static void csv(pl_buf *b, const parley_mediation_comparison *c) {
  const parley_scenario *sc = parley_comparison_scenario(c);
  pl_buf_puts(b, "variant,party,utility,accepts\n");
  for (size_t k = 0; k < parley_comparison_count(c); k++) {
    const parley_mediation_result *r = parley_comparison_result(c, k);
    if (!r || !parley_mediation_result_package(r)) continue;
    for (size_t p = 0; p < parley_party_count(sc); p++) {
      parley_acceptance v;
      parley_mediation_result_verdict(r, p, &v);
      pl_buf l = {0};
      pl_report_variant_name(&l, c, k);
      pl_report_csv_field(b, l.data ? l.data : "");
      pl_buf_free(&l);
      pl_buf_putc(b, ',');
      pl_report_csv_field(b, parley_party_id(sc, p));
      pl_buf_putc(b, ',');
      pl_report_csv_number(b, v.utility);
      pl_buf_printf(b, ",%d\n", v.accepts);
    }
  }
}

int parley_report_mediation_comparison(const parley_mediation_comparison *c, parley_format format, char **text_out,
                                       size_t *len_out, parley_error *err) {
  int rc = pl_report_check(c, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_JSON) json(&b, c);
  else if (format == PARLEY_FORMAT_CSV) csv(&b, c);
  else text(&b, c);
  return pl_report_finish(&b, text_out, len_out, err);
}
