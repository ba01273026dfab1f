/* forecast.c — parley_report_forecast: each model's forecast per issue as a table, and the
 * expected-utility model round by round with every actor's move; the SMP and the exchange
 * model are in their own files. */
#include "report/forecast.h"

#include <math.h>

static void verdicts(pl_buf *b, const parley_forecast *fc, parley_format format);

/* Each model's forecast for every issue, as a table, CSV or JSON. */
static void table(pl_buf *b, const parley_forecast *fc, parley_format format) {
  const parley_positions *pos = parley_forecast_positions(fc);
  const parley_forecast_options *o = parley_forecast_options_get(fc);
  const size_t N = parley_positions_issue_count(pos);
  if (format == PARLEY_FORMAT_CSV) {
    pl_buf_puts(b, "issue,model,forecast,outcome\n");
  } else if (format == PARLEY_FORMAT_JSON) {
    pl_buf_puts(b, "{\"source\":");
    pl_buf_json_string(b, parley_positions_source(pos));
    pl_buf_puts(b, ",\"forecasts\":[");
  } else {
    pl_buf_printf(b, "parley forecast of %s (%zu issue%s, %zu actors)\n\n%-32s %-16s %10s %10s\n", parley_positions_source(pos),
                  N, N == 1 ? "" : "s", parley_positions_actor_count(pos), "issue", "model", "forecast", "outcome");
  }
  int first = 1;
  for (size_t i = 0; i < N; i++) {
    const double outcome = parley_positions_outcome(pos, i);
    const char *id = parley_positions_issue_id(pos, i);
    for (size_t k = 0; k < o->n_models; k++) {
      const double f = parley_forecast_value(fc, i, k);
      const char *name = parley_model_name(o->models[k]);
      if (format == PARLEY_FORMAT_CSV) {
        pl_report_csv_field(b, id);
        pl_buf_printf(b, ",%s,", name);
        pl_report_csv_number(b, f);
        pl_buf_putc(b, ',');
        pl_report_csv_number(b, outcome);
        pl_buf_putc(b, '\n');
      } else if (format == PARLEY_FORMAT_JSON) {
        pl_buf_puts(b, first ? "\n {\"issue\":" : ",\n {\"issue\":");
        pl_buf_json_string(b, id);
        pl_buf_printf(b, ",\"model\":\"%s\",\"forecast\":", name);
        pl_report_json_fixed(b, f);
        pl_buf_puts(b, ",\"outcome\":");
        pl_report_json_fixed(b, outcome);
        if ((o->models[k] == PARLEY_MODEL_EU_MEDIAN || o->models[k] == PARLEY_MODEL_EU_MEAN) && !isnan(f))
          pl_buf_printf(b, ",\"settled\":\"%s\"", parley_eu_settle_name(parley_forecast_settle(fc, i, k)));
        pl_buf_putc(b, '}');
      } else {
        const int unsettled = parley_forecast_settle(fc, i, k) != PARLEY_EU_SETTLED;
        pl_buf_printf(b, "%-32.32s %-16s ", id, name);
        if (!isnan(f)) pl_buf_printf(b, "%10.6f%s", f, unsettled ? "*" : " ");
        else pl_buf_printf(b, "%10s ", "-");
        if (!isnan(outcome)) pl_buf_printf(b, "%10.3f", outcome);
        pl_buf_putc(b, '\n');
      }
      first = 0;
    }
  }
  if (format == PARLEY_FORMAT_JSON) {
    pl_buf_puts(b, "\n]");
    if (parley_forecast_package(fc, 0)) {
      pl_buf_puts(b, ",\"packages\":[");
      verdicts(b, fc, format);
      pl_buf_puts(b, "\n]");
    }
    pl_buf_puts(b, "}\n");
  }
  if (format != PARLEY_FORMAT_TEXT) return;
  /* why a forecast is missing, model by model; and forecasts of runs that did not settle */
  int noted = 0;
  size_t swinging = 0, drifting = 0;
  for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < o->n_models; k++) {
      const parley_eu_settle st = parley_forecast_settle(fc, i, k);
      swinging += st == PARLEY_EU_OSCILLATING;
      drifting += st == PARLEY_EU_DRIFTING;
    }
  if (swinging || drifting)
    pl_buf_printf(b, "%s*: the expected-utility model had not settled when it stopped (%zu forecast%s swinging back "
                     "and forth, %zu still moving one way): the figure depends on the round it stopped at; "
                     "--model expected-utility shows the rounds\n",
                  noted++ ? "" : "\n", swinging, swinging == 1 ? "" : "s", drifting);
  for (size_t k = 0; k < o->n_models; k++) {
    size_t no_reference = 0, no_actor = 0;
    for (size_t i = 0; i < N; i++) {
      if (!isnan(parley_forecast_value(fc, i, k))) continue;
      if (o->models[k] == PARLEY_MODEL_NBS && isnan(parley_positions_reference(pos, i))) no_reference++;
      else no_actor++;
    }
    const char *name = parley_model_name(o->models[k]);
    if (no_reference)
      pl_buf_printf(b, "%s-: %s needs the issue's reference point (the status quo), which %zu issue%s lack%s: "
                       "'reference' in a scenario's positions, the rp column of DEU III\n",
                    noted++ ? "" : "\n", name, no_reference, no_reference == 1 ? "" : "s", no_reference == 1 ? "s" : "");
    if (no_actor)
      pl_buf_printf(b, "%s-: %s has no actor with a position, a salience%s on %zu issue%s\n", noted++ ? "" : "\n",
                    name, o->models[k] == PARLEY_MODEL_MEAN || o->models[k] == PARLEY_MODEL_MEDIAN ? "" : " and a capability above 0",
                    no_actor, no_actor == 1 ? "" : "s");
  }
  verdicts(b, fc, format);
}

/* Each model's forecasts as a package of the scenario they came from, and the parties'
 * verdicts on it (text or JSON). */
static void verdicts(pl_buf *b, const parley_forecast *fc, parley_format format) {
  const parley_forecast_options *o = parley_forecast_options_get(fc);
  const parley_scenario *sc = o->scenario;
  if (!sc || !parley_forecast_package(fc, 0)) return;
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
  if (format == PARLEY_FORMAT_TEXT)
    pl_buf_puts(b, "\nThe forecasts as packages of the scenario (each numeric issue at the option nearest the "
                   "forecast) and the parties' verdicts:\n");
  for (size_t k = 0; k < o->n_models; k++) {
    const uint32_t *pkg = parley_forecast_package(fc, k);
    const char *name = parley_model_name(o->models[k]);
    size_t open = 0, rejecting = 0;
    for (size_t i = 0; i < N; i++) open += pkg[i] == UINT32_MAX;
    if (format == PARLEY_FORMAT_JSON) {
      pl_buf_printf(b, "%s\n {\"model\":\"%s\",\"package\":{", k ? "," : "", name);
      for (size_t i = 0; i < N; i++) {
        if (i) pl_buf_putc(b, ',');
        pl_buf_json_string(b, parley_issue_id(sc, i));
        pl_buf_putc(b, ':');
        if (pkg[i] == UINT32_MAX) pl_buf_puts(b, "null");
        else pl_buf_json_string(b, parley_option_id(sc, i, pkg[i]));
      }
      pl_buf_puts(b, "},\"parties\":[");
      for (size_t p = 0; p < P; p++) {
        double u;
        const parley_forecast_verdict v = parley_forecast_verdict_get(fc, k, p, &u);
        pl_buf_puts(b, p ? ",{\"id\":" : "{\"id\":");
        pl_buf_json_string(b, parley_party_id(sc, p));
        pl_buf_printf(b, ",\"verdict\":\"%s\",\"utility\":", parley_forecast_verdict_name(v));
        pl_report_json_fixed(b, u);
        pl_buf_putc(b, '}');
      }
      pl_buf_puts(b, "]}");
      continue;
    }
    pl_buf_printf(b, "  %-16s ", name);
    int first = 1;
    for (size_t i = 0; i < N; i++) {
      if (pkg[i] == UINT32_MAX) continue;
      pl_buf_printf(b, "%s%s=%s", first ? "" : ", ", parley_issue_id(sc, i), parley_option_id(sc, i, pkg[i]));
      first = 0;
    }
    if (first) { /* no forecast on any issue */
      pl_buf_puts(b, "no forecast\n");
      continue;
    }
    if (open) pl_buf_printf(b, " (%zu issue%s open)", open, open == 1 ? "" : "s");
    pl_buf_putc(b, '\n');
    for (size_t p = 0; p < P; p++) {
      double u;
      const parley_forecast_verdict v = parley_forecast_verdict_get(fc, k, p, &u);
      if (v == PARLEY_VERDICT_ACCEPTS) continue;
      rejecting += v == PARLEY_VERDICT_RED_LINE || v == PARLEY_VERDICT_BELOW_RESERVATION;
      pl_buf_printf(b, "      %s: ", parley_party_name(sc, p));
      if (v == PARLEY_VERDICT_RED_LINE && !open) {
        pl_buf_puts(b, "rejects it: it crosses");
        for (size_t r = 0, n = 0; r < parley_red_line_count(sc, p); r++) {
          if (!parley_red_line_holds(sc, p, r, pkg)) continue;
          const char *note = parley_red_line_note(sc, p, r);
          if (note[0]) pl_buf_printf(b, "%s red line \"%s\"", n++ ? " and" : "", note);
          else pl_buf_printf(b, "%s red line #%zu", n++ ? " and" : "", r + 1);
        }
        pl_buf_putc(b, '\n');
      } else if (v == PARLEY_VERDICT_RED_LINE) {
        pl_buf_puts(b, "rejects it: it crosses one of its red lines however the open issues go\n");
      } else if (v == PARLEY_VERDICT_BELOW_RESERVATION && !open) {
        pl_buf_printf(b, "rejects it: utility %.3f, below its reservation %.3f\n", u, parley_party_reservation(sc, p));
      } else if (v == PARLEY_VERDICT_BELOW_RESERVATION) {
        pl_buf_printf(b, "rejects it: below its reservation %.3f however the open issues go\n", parley_party_reservation(sc, p));
      } else if (v == PARLEY_VERDICT_DEPENDS) {
        pl_buf_puts(b, "accepts or rejects it depending on the open issues\n");
      } else {
        pl_buf_puts(b, "not checked: too many ways to fill in the open issues\n");
      }
    }
    if (!rejecting && !open) pl_buf_puts(b, "      every party accepts it\n");
    else if (!rejecting) pl_buf_puts(b, "      no party rejects it outright\n");
  }
}

static const char *actor_id(const parley_positions *pos, size_t a) {
  return a == PARLEY_NONE ? "" : parley_positions_actor_id(pos, a);
}

/* One issue's expected-utility run as text: the trajectory, the forecast, and every move. */
static void eu_text(pl_buf *b, const parley_positions *pos, const parley_eu_result *res, size_t i) {
  const parley_eu_options *eu = parley_eu_options_get(res);
  const size_t T = parley_eu_round_count(res), K = parley_eu_actor_count(res);
  pl_buf_printf(b, "%sissue %s: expected-utility model, %s mode (Q = %g), %zu rounds\n\n", i ? "\n" : "",
                parley_positions_issue_id(pos, i),
                eu->mode == PARLEY_EU_MODE_PRINTED ? "printed-equations" : "replication-compatible", eu->q, T);
  pl_buf_puts(b, "round     median       mean\n");
  for (size_t t = 0; t <= T; t++) pl_buf_printf(b, "%5zu %10.6f %10.6f\n", t, parley_eu_median(res, t), parley_eu_mean(res, t));
  pl_buf_printf(b, "\nforecast: median %.6f, mean %.6f", parley_eu_median(res, T), parley_eu_mean(res, T));
  const double o = parley_positions_outcome(pos, i);
  if (!isnan(o)) pl_buf_printf(b, " (outcome %.3f)", o);
  pl_buf_putc(b, '\n');
  for (int mean = 0; mean < 2; mean++) {
    double lo, hi;
    const parley_eu_settle st = parley_eu_settled(res, mean, &lo, &hi);
    if (st == PARLEY_EU_OSCILLATING)
      pl_buf_printf(b, "warning: the %s has not settled: over the last rounds it swung between %g and %g, "
                       "so the forecast depends on the round the model stops at\n",
                    mean ? "mean" : "median", lo, hi);
    else if (st == PARLEY_EU_DRIFTING)
      pl_buf_printf(b, "warning: the %s is still moving (from %g to %g over the last rounds); more rounds may move "
                       "it further\n",
                    mean ? "mean" : "median", lo, hi);
  }
  for (size_t t = 1; t <= T; t++) {
    pl_buf_printf(b, "\nround %zu moves (risk exponent in brackets):\n", t);
    for (size_t k = 0; k < K; k++) {
      size_t towards;
      const parley_eu_move m = parley_eu_move_get(res, t, k, &towards);
      pl_buf_printf(b, "  %-16s [%.3f] ", parley_positions_actor_id(pos, parley_eu_actor(res, k)), parley_eu_risk(res, t, k));
      if (m == PARLEY_EU_STAY) {
        pl_buf_printf(b, "stays at %g\n", parley_eu_position(res, t, k));
        continue;
      }
      pl_buf_printf(b, "%s with %s: %g -> %g\n",
                    m == PARLEY_EU_CONFRONTATION   ? "loses a confrontation"
                    : m == PARLEY_EU_CAPITULATION ? "capitulates"
                                                  : "compromises",
                    actor_id(pos, towards), parley_eu_position(res, t - 1, k), parley_eu_position(res, t, k));
    }
  }
}

/* One issue's run as CSV rows or a JSON object: per round and actor, position, risk and move. */
static void eu_rows(pl_buf *b, const parley_positions *pos, const parley_eu_result *res, size_t i, parley_format format,
                    int first) {
  const size_t T = parley_eu_round_count(res), K = parley_eu_actor_count(res);
  const char *id = parley_positions_issue_id(pos, i);
  if (format == PARLEY_FORMAT_JSON) {
    pl_buf_puts(b, first ? "\n {\"issue\":" : ",\n {\"issue\":");
    pl_buf_json_string(b, id);
    pl_buf_puts(b, ",\"rounds\":[");
  }
  for (size_t t = 0; t <= T; t++) {
    if (format == PARLEY_FORMAT_JSON) {
      pl_buf_printf(b, "%s\n  {\"round\":%zu,\"median\":", t ? "," : "", t);
      pl_report_json_fixed(b, parley_eu_median(res, t));
      pl_buf_puts(b, ",\"mean\":");
      pl_report_json_fixed(b, parley_eu_mean(res, t));
      pl_buf_puts(b, ",\"actors\":[");
    }
    for (size_t k = 0; k < K; k++) {
      size_t towards;
      const parley_eu_move m = parley_eu_move_get(res, t, k, &towards);
      const char *name = parley_positions_actor_id(pos, parley_eu_actor(res, k));
      if (format == PARLEY_FORMAT_CSV) {
        pl_report_csv_field(b, id);
        pl_buf_printf(b, ",%zu,", t);
        pl_report_csv_number(b, parley_eu_median(res, t));
        pl_buf_putc(b, ',');
        pl_report_csv_number(b, parley_eu_mean(res, t));
        pl_buf_putc(b, ',');
        pl_report_csv_field(b, name);
        pl_buf_putc(b, ',');
        pl_report_csv_number(b, parley_eu_position(res, t, k));
        pl_buf_putc(b, ',');
        pl_report_csv_number(b, parley_eu_risk(res, t, k));
        pl_buf_printf(b, ",%s,", parley_eu_move_name(m));
        pl_report_csv_field(b, actor_id(pos, towards));
        pl_buf_putc(b, '\n');
        continue;
      }
      pl_buf_puts(b, k ? ",{\"actor\":" : "{\"actor\":");
      pl_buf_json_string(b, name);
      pl_buf_puts(b, ",\"position\":");
      pl_report_json_fixed(b, parley_eu_position(res, t, k));
      pl_buf_puts(b, ",\"risk_exponent\":");
      pl_report_json_fixed(b, parley_eu_risk(res, t, k));
      pl_buf_printf(b, ",\"move\":\"%s\",\"towards\":", parley_eu_move_name(m));
      if (towards != PARLEY_NONE) pl_buf_json_string(b, actor_id(pos, towards));
      else pl_buf_puts(b, "null");
      pl_buf_putc(b, '}');
    }
    if (format == PARLEY_FORMAT_JSON) pl_buf_puts(b, "]}");
  }
  if (format == PARLEY_FORMAT_JSON)
    pl_buf_printf(b, "],\"settled\":{\"median\":\"%s\",\"mean\":\"%s\"}}",
                  parley_eu_settle_name(parley_eu_settled(res, 0, NULL, NULL)),
                  parley_eu_settle_name(parley_eu_settled(res, 1, NULL, NULL)));
}

static void eu(pl_buf *b, const parley_forecast *fc, parley_format format) {
  const parley_positions *pos = parley_forecast_positions(fc);
  const parley_eu_options *eu = &parley_forecast_options_get(fc)->eu;
  if (format == PARLEY_FORMAT_CSV) pl_buf_puts(b, "issue,round,median,mean,actor,position,risk_exponent,move,towards\n");
  if (format == PARLEY_FORMAT_JSON) {
    pl_buf_puts(b, "{\"source\":");
    pl_buf_json_string(b, parley_positions_source(pos));
    pl_buf_printf(b, ",\"model\":\"expected-utility\",\"mode\":\"%s\",\"q\":%g,\"issues\":[",
                  eu->mode == PARLEY_EU_MODE_PRINTED ? "printed" : "replication", eu->q);
  }
  int first = 1;
  for (size_t i = 0; i < parley_forecast_run_count(fc); i++) {
    const parley_eu_result *res = parley_forecast_eu(fc, i);
    if (!res) continue;
    if (format == PARLEY_FORMAT_TEXT) eu_text(b, pos, res, i);
    else eu_rows(b, pos, res, i, format, first);
    first = 0;
  }
  if (format == PARLEY_FORMAT_JSON) pl_buf_puts(b, "\n]}\n");
}

int parley_report_forecast(const parley_forecast *fc, parley_format format, int explain, char **text_out, size_t *len_out,
                           parley_error *err) {
  int rc = pl_report_check(fc, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  switch (parley_forecast_options_get(fc)->kind) {
    case PARLEY_FORECAST_EU: eu(&b, fc, format); break;
    case PARLEY_FORECAST_SMP: pl_report_smp(&b, fc, format, explain); break;
    case PARLEY_FORECAST_EXCHANGE: pl_report_exchange(&b, fc, format, explain); break;
    default: table(&b, fc, format);
  }
  return pl_report_finish(&b, text_out, len_out, err);
}
