/* mediation.c — parley_report_mediation: a mediated text and every party's true verdict, as
 * `parley mediate` prints it (text), as data (JSON) or as a table of verdicts (CSV). */
#include <math.h>

#include "report/common.h"
#include "report/mediation.h"
#include "util/error.h"

/* How the mediator's view holds party p: 0 not at all, 1 its true profile (heard), 2 the
 * mediator's belief. */
int pl_report_view_holds(const parley_mediation_result *r, size_t p) {
  for (size_t k = 0; k < parley_mediation_result_view_count(r); k++)
    if (parley_mediation_result_view_party(r, k) == p) return parley_mediation_result_believed(r, p) ? 2 : 1;
  return 0;
}

/* "ukraine, europe" for the parties held as `want`; 0 when there are none. */
static int party_list(pl_buf *b, const parley_mediation_result *r, int want) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  int n = 0;
  for (size_t p = 0; p < parley_party_count(sc); p++)
    if (pl_report_view_holds(r, p) == want) pl_buf_printf(b, "%s%s", n++ ? ", " : "", parley_party_id(sc, p));
  return n;
}

int pl_report_belief_miss(pl_buf *b, const parley_mediation_result *r, size_t p) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  parley_acceptance e, t;
  if (!parley_mediation_result_believed(r, p) || parley_mediation_result_expected(r, p, &e) ||
      parley_mediation_result_verdict(r, p, &t) || e.accepts == t.accepts)
    return 0;
  const size_t m = parley_mediation_result_mediator(r);
  const char *who = parley_mediator_id(sc, m), *id = parley_party_id(sc, p);
  if (e.accepts) pl_buf_printf(b, "%s expected %s to accept at %.3f; ", who, id, e.utility);
  else if (e.red_lines_crossed) pl_buf_printf(b, "%s expected %s to reject it for a red line; ", who, id);
  else pl_buf_printf(b, "%s expected %s to reject it at %.3f, below its believed reservation %.3f; ", who, id, e.utility, e.reservation);
  if (t.accepts) pl_buf_printf(b, "it accepts at %.3f against its reservation %.3f", t.utility, t.reservation);
  else if (t.red_lines_crossed) pl_buf_printf(b, "the text crosses %zu of its red lines", t.red_lines_crossed);
  else pl_buf_printf(b, "its true utility is %.3f, below its reservation %.3f", t.utility, t.reservation);
  return 1;
}

static void verdict_text(pl_buf *b, const parley_acceptance *v) {
  if (v->accepts) {
    pl_buf_puts(b, "accepts");
    return;
  }
  pl_buf_puts(b, "rejects:");
  if (v->red_lines_crossed) pl_buf_printf(b, " crosses %zu red line%s", v->red_lines_crossed, v->red_lines_crossed == 1 ? "" : "s");
  if (v->red_lines_crossed && v->shortfall > 0) pl_buf_puts(b, ";");
  if (v->shortfall > 0) pl_buf_printf(b, " %.3f below its reservation", v->shortfall);
}

void pl_report_view_json(pl_buf *b, const parley_mediation_result *r) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  pl_buf_putc(b, '[');
  for (size_t k = 0; k < parley_mediation_result_view_count(r); k++) {
    pl_buf_puts(b, k ? "," : "");
    pl_buf_json_string(b, parley_party_id(sc, parley_mediation_result_view_party(r, k)));
  }
  pl_buf_putc(b, ']');
}

/* A wish's change as "issue=option, issue=option" (with sep NULL: JSON members). */
static void wish_change(pl_buf *b, const parley_scenario *sc, const parley_mediation_wish *w, const char *sep) {
  for (int c = 0; c < w->n_changed; c++) {
    pl_buf_puts(b, c ? (sep ? sep : ",") : "");
    if (sep) {
      pl_buf_printf(b, "%s=%s", parley_issue_id(sc, w->issue[c]), parley_option_id(sc, w->issue[c], w->option[c]));
    } else {
      pl_buf_json_string(b, parley_issue_id(sc, w->issue[c]));
      pl_buf_putc(b, ':');
      pl_buf_json_string(b, parley_option_id(sc, w->issue[c], w->option[c]));
    }
  }
}

/* The start and every step where a party asked for something or a change was adopted: who was
 * consulted, what each asked for, what was adopted, and the consulted parties' utilities. */
static void trace_text(pl_buf *b, const parley_mediation_result *r) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  const uint32_t *start = parley_mediation_result_start(r);
  if (!start) return;
  pl_buf_puts(b, "Start: ");
  pl_report_package(b, sc, start);
  pl_buf_putc(b, '\n');
  const size_t n = parley_mediation_result_step_count(r);
  size_t adopted = 0;
  const uint32_t *before = start;
  for (size_t k = 0; k < n; k++) {
    parley_mediation_step st;
    parley_mediation_result_step(r, k, &st);
    int asked = 0;
    for (size_t w = 0; w < st.n_wishes; w++) asked |= st.wishes[w].n_changed > 0;
    if (!st.n_changed && !asked) continue;
    if (!st.n_wishes) { /* a baseline's draw */
      pl_buf_printf(b, "  step %zu: the draw ", k + 1);
      pl_report_changes(b, sc, before, st.text, ", ");
      pl_buf_puts(b, "; adopted\n");
    } else {
      pl_buf_printf(b, "  step %zu, consulted:", k + 1);
      for (size_t w = 0; w < st.n_wishes; w++) pl_buf_printf(b, "%s %s", w ? "," : "", parley_party_id(sc, st.wishes[w].party));
      pl_buf_putc(b, '\n');
      for (size_t w = 0; w < st.n_wishes; w++) {
        const parley_mediation_wish *x = &st.wishes[w];
        pl_buf_printf(b, "    %s asks for ", parley_party_id(sc, x->party));
        if (!x->n_changed) pl_buf_puts(b, "nothing: no admissible change is a gain for it");
        else wish_change(b, sc, x, ", ");
        pl_buf_puts(b, st.n_changed && x->party == st.proposer ? "; adopted\n" : "\n");
      }
      pl_buf_puts(b, "    after it:");
      for (size_t w = 0; w < st.n_wishes; w++)
        pl_buf_printf(b, "%s %s %.3f", w ? "," : "", parley_party_id(sc, st.wishes[w].party),
                      parley_utility(sc, st.wishes[w].party, st.text));
      pl_buf_putc(b, '\n');
    }
    if (st.n_changed) adopted++;
    before = st.text;
  }
  const parley_mediation_stop why = parley_mediation_result_stop(r);
  pl_buf_printf(b, "%zu step%s, %zu change%s adopted; %s.\n\n", n, n == 1 ? "" : "s", adopted, adopted == 1 ? "" : "s",
                why == PARLEY_STOP_LIMIT   ? "stopped at the step limit"
                : why == PARLEY_STOP_CYCLE ? "stopped: the last change brought back an earlier text (a cycle)"
                                           : "then no party consulted could gain by an admissible change");
}

/* adjusted-winner: each item's division and the points, exactly. */
static void aw_text(pl_buf *b, const parley_mediation_result *r) {
  const parley_adjusted_winner *aw = parley_mediation_result_adjusted_winner(r);
  if (!aw) return;
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  const char *a = parley_party_id(sc, parley_mediation_result_view_party(r, 0));
  const char *bb = parley_party_id(sc, parley_mediation_result_view_party(r, 1));
  pl_buf_printf(b, "Adjusted Winner: %s (A) and %s (B) divide the issues as items; each side's points are its\n"
                   "weights in the mediator's view, scaled to 100.\n",
                a, bb);
  pl_buf_printf(b, "  %-20s %8s %8s  %s\n", "item", "A points", "B points", "goes to");
  for (size_t i = 0; i < parley_adjusted_winner_item_count(aw); i++) {
    int64_t n, d, an, ad, bn, bd; /* the points the division used: the view's, scaled to 100 */
    parley_adjusted_winner_item_points(aw, i, 0, &an, &ad);
    parley_adjusted_winner_item_points(aw, i, 1, &bn, &bd);
    pl_buf_printf(b, "  %-20s %8.2f %8.2f  ", parley_issue_id(sc, i), (double)an / (double)ad, (double)bn / (double)bd);
    parley_adjusted_winner_share(aw, i, &n, &d);
    if (n == d) pl_buf_printf(b, "%s\n", a);
    else if (n == 0) pl_buf_printf(b, "%s\n", bb);
    else pl_buf_printf(b, "split: %s %lld/%lld, %s %lld/%lld\n", a, (long long)n, (long long)d, bb, (long long)(d - n), (long long)d);
  }
  int64_t n, d;
  parley_adjusted_winner_points(aw, 0, &n, &d);
  pl_buf_printf(b, "Each side gets %.2f of its own points", parley_adjusted_winner_points_value(aw, 0));
  if (d != 1) pl_buf_printf(b, " (%lld/%lld)", (long long)n, (long long)d);
  pl_buf_puts(b, ".\n");
  if (parley_adjusted_winner_split(aw) != PARLEY_NONE)
    pl_buf_puts(b, "The text gives the split item to the side with the larger share.\n");
  pl_buf_putc(b, '\n');
}

static void text(pl_buf *b, const parley_mediation_result *r) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  const size_t m = parley_mediation_result_mediator(r), P = parley_party_count(sc);
  pl_buf_printf(b, "parley mediation of %s\n\n", parley_scenario_source(sc));
  const parley_procedure proc = parley_mediation_result_procedure(r);
  pl_buf_printf(b, "Procedure: %s: %s\n", parley_procedure_name(proc), parley_procedure_doc(proc));
  if (m == PARLEY_NONE) {
    pl_buf_puts(b, "Mediator: an outside mediator (the scenario names none)\n");
  } else {
    const size_t own = parley_mediator_party(sc, m);
    pl_buf_printf(b, "Mediator: %s (%s)\n", parley_mediator_id(sc, m), own == PARLEY_NONE ? "an outside actor" : "a party");
  }
  pl_buf_puts(b, "Its view: ");
  if (!party_list(b, r, 1)) pl_buf_puts(b, "nobody");
  pl_buf_puts(b, " (true profiles)");
  pl_buf l = {0};
  if (party_list(&l, r, 2)) pl_buf_printf(b, "; %s (as it believes them)", l.data);
  pl_buf_free(&l);
  if (party_list(&l, r, 0)) pl_buf_printf(b, "\nOutside its view (not heard, no belief): %s", l.data);
  pl_buf_free(&l);
  pl_buf_puts(b, "\n\n");
  aw_text(b, r);
  trace_text(b, r);
  const uint32_t *pkg = parley_mediation_result_package(r);
  if (!pkg) {
    pl_buf_puts(b, "Text: none: no package of the view gives every party in it its reservation without crossing "
                   "a red line\n");
    return;
  }
  pl_buf_puts(b, "Text: ");
  pl_report_package(b, sc, pkg);
  pl_buf_puts(b, "\n\nVerdicts, by every party's true profile:\n");
  pl_buf_puts(b, "  party                utility reservation  verdict\n");
  size_t rejecting = 0;
  for (size_t p = 0; p < P; p++) {
    parley_acceptance v;
    parley_mediation_result_verdict(r, p, &v);
    pl_buf_printf(b, "  %-20s %7.3f %11.3f  ", parley_party_id(sc, p), v.utility, v.reservation);
    verdict_text(b, &v);
    pl_buf_putc(b, '\n');
    rejecting += !v.accepts;
  }
  if (rejecting) pl_buf_printf(b, "\n%zu of %zu parties reject the text.\n", rejecting, P);
  else pl_buf_puts(b, "\nEvery party accepts the text.\n");
  if (parley_uncertain_count(sc))
    pl_buf_printf(b, "(Uncertain numbers at their means; `parley accept --package` draws them for this text.)\n");
  for (size_t p = 0, first = 1; p < P; p++) {
    pl_buf l2 = {0};
    if (!pl_report_belief_miss(&l2, r, p)) continue;
    if (first) pl_buf_puts(b, "\nWhere the mediator's belief was wrong in a way that mattered:\n");
    pl_buf_printf(b, "  %s.\n", l2.data);
    pl_buf_free(&l2);
    first = 0;
  }
}

static void json(pl_buf *b, const parley_mediation_result *r) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  const size_t m = parley_mediation_result_mediator(r), P = parley_party_count(sc);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_scenario_source(sc));
  pl_buf_printf(b, ",\"procedure\":\"%s\",\"mediator\":", parley_procedure_name(parley_mediation_result_procedure(r)));
  if (m == PARLEY_NONE) {
    pl_buf_puts(b, "null");
  } else {
    pl_buf_puts(b, "{\"id\":");
    pl_buf_json_string(b, parley_mediator_id(sc, m));
    pl_buf_puts(b, ",\"name\":");
    pl_buf_json_string(b, parley_mediator_name(sc, m));
    pl_buf_printf(b, ",\"party\":%s}", parley_mediator_party(sc, m) == PARLEY_NONE ? "false" : "true");
  }
  pl_buf_puts(b, ",\"view\":");
  pl_report_view_json(b, r);
  pl_buf_puts(b, ",\"believed\":[");
  for (size_t p = 0, first = 1; p < P; p++)
    if (pl_report_view_holds(r, p) == 2) {
      pl_buf_puts(b, first ? "" : ",");
      pl_buf_json_string(b, parley_party_id(sc, p));
      first = 0;
    }
  pl_buf_puts(b, "],\"start\":");
  const uint32_t *start = parley_mediation_result_start(r);
  if (start) pl_report_package_json(b, sc, start);
  else pl_buf_puts(b, "null");
  static const char *const stops[] = {"settled", "limit", "cycle"};
  pl_buf_printf(b, ",\"stop\":\"%s\",\"steps\":[", stops[parley_mediation_result_stop(r)]);
  const uint32_t *before = start;
  for (size_t k = 0; k < parley_mediation_result_step_count(r); k++) {
    parley_mediation_step st;
    parley_mediation_result_step(r, k, &st);
    pl_buf_puts(b, k ? ",\n  {\"consulted\":[" : "\n  {\"consulted\":[");
    for (size_t p = 0, first = 1; p < P; p++)
      if (st.consulted >> p & 1) {
        pl_buf_puts(b, first ? "" : ",");
        pl_buf_json_string(b, parley_party_id(sc, p));
        first = 0;
      }
    pl_buf_puts(b, "],\"proposer\":");
    if (st.n_changed && st.proposer != PARLEY_NONE) pl_buf_json_string(b, parley_party_id(sc, st.proposer));
    else pl_buf_puts(b, "null");
    pl_buf_puts(b, ",\"change\":{");
    pl_report_changes(b, sc, before, st.text, NULL);
    pl_buf_puts(b, "},\"wishes\":[");
    for (size_t w = 0; w < st.n_wishes; w++) {
      pl_buf_puts(b, w ? ",{\"party\":" : "{\"party\":");
      pl_buf_json_string(b, parley_party_id(sc, st.wishes[w].party));
      pl_buf_puts(b, ",\"change\":{");
      wish_change(b, sc, &st.wishes[w], NULL);
      pl_buf_puts(b, "}}");
    }
    pl_buf_puts(b, "]}");
    before = st.text;
  }
  pl_buf_puts(b, "],\"text\":");
  const uint32_t *pkg = parley_mediation_result_package(r);
  if (pkg) pl_report_package_json(b, sc, pkg);
  else pl_buf_puts(b, "null");
  pl_buf_puts(b, ",\"verdicts\":[");
  for (size_t p = 0; pkg && p < P; p++) {
    parley_acceptance v;
    parley_mediation_result_verdict(r, p, &v);
    pl_buf_puts(b, p ? ",\n  {\"party\":" : "\n  {\"party\":");
    pl_buf_json_string(b, parley_party_id(sc, p));
    pl_buf_puts(b, ",\"utility\":");
    pl_buf_json_number(b, v.utility);
    pl_buf_puts(b, ",\"reservation\":");
    pl_buf_json_number(b, v.reservation);
    pl_buf_puts(b, ",\"shortfall\":");
    pl_buf_json_number(b, v.shortfall);
    pl_buf_printf(b, ",\"red_lines_crossed\":%zu,\"accepts\":%s", v.red_lines_crossed, v.accepts ? "true" : "false");
    parley_acceptance e;
    if (parley_mediation_result_expected(r, p, &e) == 0) {
      pl_buf_puts(b, ",\"expected\":{\"utility\":");
      pl_buf_json_number(b, e.utility);
      pl_buf_puts(b, ",\"reservation\":");
      pl_buf_json_number(b, e.reservation);
      pl_buf_printf(b, ",\"red_lines_crossed\":%zu,\"accepts\":%s}", e.red_lines_crossed, e.accepts ? "true" : "false");
    } else {
      pl_buf_puts(b, ",\"expected\":null");
    }
    pl_buf_putc(b, '}');
  }
  pl_buf_printf(b, "],\"all_accept\":%s,\"adjusted_winner\":", parley_mediation_result_all_accept(r) ? "true" : "false");
  const parley_adjusted_winner *aw = parley_mediation_result_adjusted_winner(r);
  if (!aw) {
    pl_buf_puts(b, "null}\n");
    return;
  }
  pl_buf_puts(b, "{\"a\":");
  pl_buf_json_string(b, parley_party_id(sc, parley_mediation_result_view_party(r, 0)));
  pl_buf_puts(b, ",\"b\":");
  pl_buf_json_string(b, parley_party_id(sc, parley_mediation_result_view_party(r, 1)));
  pl_buf_puts(b, ",\"items\":[");
  for (size_t i = 0; i < parley_adjusted_winner_item_count(aw); i++) {
    int64_t n, d;
    parley_adjusted_winner_share(aw, i, &n, &d);
    pl_buf_puts(b, i ? "," : "");
    pl_buf_puts(b, "{\"issue\":");
    pl_buf_json_string(b, parley_issue_id(sc, i));
    pl_buf_printf(b, ",\"a_share\":[%lld,%lld],\"a_share_value\":", (long long)n, (long long)d);
    pl_buf_json_number(b, parley_adjusted_winner_share_value(aw, i));
    pl_buf_putc(b, '}');
  }
  const size_t split = parley_adjusted_winner_split(aw);
  pl_buf_puts(b, "],\"split\":");
  if (split == PARLEY_NONE) pl_buf_puts(b, "null");
  else pl_buf_json_string(b, parley_issue_id(sc, split));
  int64_t n, d;
  parley_adjusted_winner_points(aw, 0, &n, &d);
  pl_buf_printf(b, ",\"points\":[%lld,%lld],\"points_value\":", (long long)n, (long long)d);
  pl_buf_json_number(b, parley_adjusted_winner_points_value(aw, 0));
  pl_buf_puts(b, "}}\n");
}

static void csv(pl_buf *b, const parley_mediation_result *r) {
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  pl_buf_puts(b, "party,utility,reservation,shortfall,red_lines_crossed,accepts\n");
  for (size_t p = 0; parley_mediation_result_package(r) && p < parley_party_count(sc); p++) {
    parley_acceptance v;
    parley_mediation_result_verdict(r, p, &v);
    pl_report_csv_field(b, parley_party_id(sc, p));
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, v.utility);
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, v.reservation);
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, v.shortfall);
    pl_buf_printf(b, ",%zu,%d\n", v.red_lines_crossed, v.accepts);
  }
}

int parley_report_mediation(const parley_mediation_result *r, parley_format format, char **text_out, size_t *len_out,
                            parley_error *err) {
  int rc = pl_report_check(r, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_JSON) json(&b, r);
  else if (format == PARLEY_FORMAT_CSV) csv(&b, r);
  else text(&b, r);
  return pl_report_finish(&b, text_out, len_out, err);
}

/* One trace line: the step, who proposed, who was consulted, what changed, every utility. */
static void trace_line(pl_buf *b, const parley_scenario *sc, size_t step, const parley_mediation_step *st,
                       const uint32_t *before, const uint32_t *text) {
  const size_t P = parley_party_count(sc);
  pl_buf_printf(b, "%zu,", step);
  if (st && st->n_changed && st->proposer != PARLEY_NONE) pl_report_csv_field(b, parley_party_id(sc, st->proposer));
  pl_buf_putc(b, ',');
  pl_buf l = {0};
  for (size_t p = 0, first = 1; st && p < P; p++)
    if (st->consulted >> p & 1) {
      pl_buf_printf(&l, "%s%s", first ? "" : ";", parley_party_id(sc, p));
      first = 0;
    }
  pl_report_csv_field(b, l.data ? l.data : "");
  pl_buf_free(&l);
  pl_buf_putc(b, ',');
  pl_report_changes(&l, sc, before, text, ";");
  pl_report_csv_field(b, l.data ? l.data : "");
  pl_buf_free(&l);
  for (size_t p = 0; p < P; p++) {
    pl_buf_putc(b, ',');
    pl_report_csv_number(b, parley_utility(sc, p, text));
  }
  pl_buf_putc(b, '\n');
}

int parley_report_mediation_trace(const parley_mediation_result *r, char **text_out, size_t *len_out, parley_error *err) {
  int rc = pl_report_check(r, PARLEY_FORMAT_CSV, 1, text_out, err);
  if (rc) return rc;
  const parley_scenario *sc = parley_mediation_result_scenario(r);
  pl_buf b = {0};
  pl_buf_puts(&b, "step,proposer,consulted,change");
  pl_report_csv_parties(&b, sc);
  pl_buf_putc(&b, '\n');
  const uint32_t *start = parley_mediation_result_start(r), *before = start;
  if (start) trace_line(&b, sc, 0, NULL, NULL, start);
  for (size_t k = 0; start && k < parley_mediation_result_step_count(r); k++) {
    parley_mediation_step st;
    parley_mediation_result_step(r, k, &st);
    trace_line(&b, sc, k + 1, &st, before, st.text);
    before = st.text;
  }
  return pl_report_finish(&b, text_out, len_out, err);
}
