/* forecast_smp.c — KTAB's Spatial Model of Politics as `parley forecast --model smp` shows it:
 * the forecast, the turns, the final positions and, explained, whom each actor challenged and
 * which bargain moved it; or every state as CSV rows or JSON. */
#include <math.h>

#include "report/forecast.h"

static const char *actor_name(const parley_positions *pos, const parley_smp_result *r, size_t k) {
  return k == PARLEY_NONE ? "" : parley_positions_actor_id(pos, parley_smp_actor(r, k));
}

static const char *issue_name(const parley_positions *pos, const parley_smp_result *r, size_t d) {
  return parley_positions_issue_id(pos, parley_smp_issue(r, d));
}

/* Total movement of all actors from state t - 1 to t, on the input's scale. */
static double movement(const parley_smp_result *r, size_t t) {
  double sum = 0;
  for (size_t k = 0; k < parley_smp_actor_count(r); k++) {
    double s = 0;
    for (size_t d = 0; d < parley_smp_issue_count(r); d++) {
      double x = parley_smp_position(r, t, k, d) - parley_smp_position(r, t - 1, k, d);
      s += x * x;
    }
    sum += sqrt(s);
  }
  return sum;
}

static void options(pl_buf *b, const parley_smp_options *o, const char *sep, int json) {
  for (int k = 0; k < PARLEY_SMP_OPTION_COUNT; k++) {
    const char *name = parley_smp_option_name((parley_smp_option)k);
    const char *value = parley_smp_value_name((parley_smp_option)k, o->choice[k]);
    if (json) pl_buf_printf(b, "%s\"%s\":\"%s\"", k ? "," : "", name, value);
    else pl_buf_printf(b, "%s%s=%s", k ? sep : "", name, value);
  }
}

static void explain_turns(pl_buf *b, const parley_positions *pos, const parley_smp_result *r) {
  const size_t T = parley_smp_turn_count(r), K = parley_smp_actor_count(r), D = parley_smp_issue_count(r);
  for (size_t t = 1; t <= T; t++) {
    pl_buf_printf(b, "\nturn %zu:\n", t);
    for (size_t k = 0; k < K; k++) {
      double gain, p;
      size_t rc;
      const size_t target = parley_smp_target(r, t, k, &gain, &p), init = parley_smp_adopted(r, t, k, &rc);
      pl_buf_printf(b, "  %s ", actor_name(pos, r, k));
      if (target != PARLEY_NONE)
        pl_buf_printf(b, "challenges %s (expected gain %.4f, win probability %.3f); ", actor_name(pos, r, target), gain, p);
      else pl_buf_puts(b, "challenges nobody (no target worth it); ");
      if (init == PARLEY_NONE) {
        pl_buf_puts(b, "keeps its position\n");
        continue;
      }
      pl_buf_printf(b, "adopts the bargain %s proposed to %s:", actor_name(pos, r, init), actor_name(pos, r, rc));
      for (size_t d = 0; d < D; d++)
        pl_buf_printf(b, " %.2f->%.2f", parley_smp_position(r, t - 1, k, d), parley_smp_position(r, t, k, d));
      pl_buf_putc(b, '\n');
    }
  }
}

static void text(pl_buf *b, const parley_positions *pos, const parley_smp_result *r, int explain) {
  const size_t T = parley_smp_turn_count(r), K = parley_smp_actor_count(r), D = parley_smp_issue_count(r);
  pl_buf_puts(b, "options: ");
  options(b, parley_smp_options_get(r), ", ", 0);
  pl_buf_printf(b, "\n%zu actors, %zu turn%s, %s\n\n", K, T, T == 1 ? "" : "s",
                parley_smp_converged(r) ? "stopped when a turn moved less than the stop ratio of the first"
                                        : "stopped at the turn limit");
  pl_buf_puts(b, "forecast (capability x salience weighted mean of the final positions):\n");
  for (size_t d = 0; d < D; d++) pl_buf_printf(b, "  %-24s %8.2f\n", issue_name(pos, r, d), parley_smp_forecast(r, d));
  pl_buf_puts(b, "\nturn  movement  adopted bargains\n");
  for (size_t t = 1; t <= T; t++) {
    size_t movers = 0;
    for (size_t k = 0; k < K; k++) movers += parley_smp_adopted(r, t, k, NULL) != PARLEY_NONE;
    pl_buf_printf(b, "%4zu %9.3f %7zu\n", t, movement(r, t), movers);
  }
  pl_buf_printf(b, "\nfinal positions (P = probability that the actor's position wins):\n%-20s", "actor");
  for (size_t d = 0; d < D; d++) pl_buf_printf(b, " %10.10s", issue_name(pos, r, d));
  pl_buf_printf(b, " %8s %7s\n", "risk", "P");
  for (size_t k = 0; k < K; k++) {
    pl_buf_printf(b, "%-20.20s", actor_name(pos, r, k));
    for (size_t d = 0; d < D; d++) pl_buf_printf(b, " %10.2f", parley_smp_position(r, T, k, d));
    pl_buf_printf(b, " %8.3f %7.4f\n", parley_smp_risk(r, T, k), parley_smp_probability(r, T, k));
  }
  if (explain) explain_turns(b, pos, r);
}

static void csv(pl_buf *b, const parley_positions *pos, const parley_smp_result *r) {
  const size_t T = parley_smp_turn_count(r), K = parley_smp_actor_count(r), D = parley_smp_issue_count(r);
  for (size_t t = 0; t <= T; t++)
    for (size_t k = 0; k < K; k++) {
      double gain = NAN, p = NAN;
      size_t rc;
      const size_t target = parley_smp_target(r, t, k, &gain, &p), init = parley_smp_adopted(r, t, k, &rc);
      for (size_t d = 0; d < D; d++) {
        pl_buf_printf(b, "%zu,", t);
        pl_report_csv_field(b, actor_name(pos, r, k));
        pl_buf_putc(b, ',');
        pl_report_csv_field(b, issue_name(pos, r, d));
        const double v[3] = {parley_smp_position(r, t, k, d), parley_smp_risk(r, t, k), parley_smp_probability(r, t, k)};
        for (int j = 0; j < 3; j++) {
          pl_buf_putc(b, ',');
          pl_report_csv_number(b, v[j]);
        }
        pl_buf_putc(b, ',');
        pl_report_csv_field(b, actor_name(pos, r, target));
        pl_buf_putc(b, ',');
        if (target != PARLEY_NONE) pl_report_csv_number(b, gain);
        pl_buf_putc(b, ',');
        if (target != PARLEY_NONE) pl_report_csv_number(b, p);
        pl_buf_putc(b, ',');
        pl_report_csv_field(b, actor_name(pos, r, init));
        pl_buf_putc(b, ',');
        pl_report_csv_field(b, actor_name(pos, r, rc));
        pl_buf_putc(b, '\n');
      }
    }
}

static void json_actor(pl_buf *b, const parley_positions *pos, const parley_smp_result *r, size_t t, size_t k) {
  const size_t D = parley_smp_issue_count(r);
  double gain = NAN, p = NAN;
  size_t rc;
  const size_t target = parley_smp_target(r, t, k, &gain, &p), init = parley_smp_adopted(r, t, k, &rc);
  pl_buf_puts(b, k ? ",{\"actor\":" : "{\"actor\":");
  pl_buf_json_string(b, actor_name(pos, r, k));
  pl_buf_puts(b, ",\"position\":[");
  for (size_t d = 0; d < D; d++) {
    if (d) pl_buf_putc(b, ',');
    pl_report_json_fixed(b, parley_smp_position(r, t, k, d));
  }
  pl_buf_puts(b, "],\"risk\":");
  pl_report_json_fixed(b, parley_smp_risk(r, t, k));
  pl_buf_puts(b, ",\"probability\":");
  pl_report_json_fixed(b, parley_smp_probability(r, t, k));
  if (t > 0) {
    pl_buf_puts(b, ",\"target\":");
    if (target != PARLEY_NONE) {
      pl_buf_json_string(b, actor_name(pos, r, target));
      pl_buf_puts(b, ",\"gain\":");
      pl_report_json_fixed(b, gain);
      pl_buf_puts(b, ",\"win_probability\":");
      pl_report_json_fixed(b, p);
    } else {
      pl_buf_puts(b, "null");
    }
    pl_buf_puts(b, ",\"adopted\":");
    if (init != PARLEY_NONE) {
      pl_buf_puts(b, "{\"from\":");
      pl_buf_json_string(b, actor_name(pos, r, init));
      pl_buf_puts(b, ",\"to\":");
      pl_buf_json_string(b, actor_name(pos, r, rc));
      pl_buf_putc(b, '}');
    } else {
      pl_buf_puts(b, "null");
    }
  }
  pl_buf_putc(b, '}');
}

static void json(pl_buf *b, const parley_positions *pos, const parley_smp_result *r) {
  const size_t T = parley_smp_turn_count(r), K = parley_smp_actor_count(r), D = parley_smp_issue_count(r);
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_positions_source(pos));
  pl_buf_puts(b, ",\"model\":\"smp\",\"options\":{");
  options(b, parley_smp_options_get(r), ",", 1);
  pl_buf_printf(b, "},\"turns\":%zu,\"converged\":%s,\"issues\":[", T, parley_smp_converged(r) ? "true" : "false");
  for (size_t d = 0; d < D; d++) {
    pl_buf_puts(b, d ? ",{\"issue\":" : "{\"issue\":");
    pl_buf_json_string(b, issue_name(pos, r, d));
    pl_buf_puts(b, ",\"forecast\":");
    pl_report_json_fixed(b, parley_smp_forecast(r, d));
    pl_buf_putc(b, '}');
  }
  pl_buf_puts(b, "],\"states\":[");
  for (size_t t = 0; t <= T; t++) {
    pl_buf_printf(b, "%s\n {\"turn\":%zu,\"actors\":[", t ? "," : "", t);
    for (size_t k = 0; k < K; k++) json_actor(b, pos, r, t, k);
    pl_buf_puts(b, "]}");
  }
  pl_buf_puts(b, "\n]}\n");
}

void pl_report_smp(pl_buf *b, const parley_forecast *fc, parley_format format, int explain) {
  const parley_positions *pos = parley_forecast_positions(fc);
  const size_t runs = parley_forecast_run_count(fc);
  const int joint = parley_forecast_smp_joint(fc);
  if (format == PARLEY_FORMAT_JSON && runs > 1) pl_buf_putc(b, '[');
  if (format == PARLEY_FORMAT_CSV)
    pl_buf_puts(b, "turn,actor,issue,position,risk,probability,target,gain,win_probability,adopted_from,adopted_to\n");
  int first = 1;
  for (size_t k = 0; k < runs; k++) {
    const parley_smp_result *r = parley_forecast_smp(fc, k);
    if (!r) continue;
    if (format == PARLEY_FORMAT_CSV) {
      csv(b, pos, r);
    } else if (format == PARLEY_FORMAT_JSON) {
      if (runs > 1 && !first) pl_buf_putc(b, ',');
      json(b, pos, r);
    } else {
      pl_buf_printf(b, "%sparley forecast of %s: KTAB's Spatial Model of Politics", k ? "\n" : "", parley_positions_source(pos));
      if (!joint) pl_buf_printf(b, ", issue %s on its own", parley_positions_issue_id(pos, k));
      pl_buf_putc(b, '\n');
      text(b, pos, r, explain);
    }
    first = 0;
  }
  if (format == PARLEY_FORMAT_JSON && runs > 1) pl_buf_puts(b, "]\n");
}
