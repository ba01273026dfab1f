/* backtest.c — parley_report_backtest: each model's accuracy with its bootstrap intervals, as
 * `parley backtest` prints it, and each issue's forecasts and errors. */
#include <math.h>

#include "report/common.h"

static const char *capability_name(const parley_capability *cap) {
  return cap->name ? cap->name : parley_capability_kind_name(cap->kind);
}

static void text(pl_buf *b, const parley_backtest *bt, int per_issue) {
  const parley_positions *pos = parley_backtest_positions(bt);
  const parley_backtest_options *o = parley_backtest_options_get(bt);
  const size_t N = parley_positions_issue_count(pos), M = o->n_models;
  pl_buf_printf(b, "parley backtest of %s: capability %s, issues with an outcome and >= %zu actors", parley_positions_source(pos),
                capability_name(&o->capability), o->min_actors);
  if (o->from_year) pl_buf_printf(b, ", from %d", o->from_year);
  if (o->before_year) pl_buf_printf(b, ", before %d", o->before_year);
  pl_buf_putc(b, '\n');
  pl_buf_printf(b, "bootstrap: %zu resamples, seed %llu; [95%% interval]\n\n", o->resamples, (unsigned long long)o->seed);
  pl_buf_printf(b, "%-16s %5s %24s %24s %24s\n", "model", "n", "MAE", "RMSE", "median AE");
  for (size_t k = 0; k < M; k++) {
    const parley_backtest_stats *s = parley_backtest_stats_get(bt, k);
    const char *name = parley_model_name(o->models[k]);
    if (parley_backtest_model_error(bt, k)) {
      pl_buf_printf(b, "%-16s %5zu %24s %24s %24s\n", name, s->n, "-", "-", "-");
      continue;
    }
    pl_buf_printf(b, "%-16s %5zu %7.2f [%6.2f, %6.2f] %7.2f [%6.2f, %6.2f] %7.2f [%6.2f, %6.2f]\n", name, s->n, s->mae,
                  s->mae_lo, s->mae_hi, s->rmse, s->rmse_lo, s->rmse_hi, s->median_ae, s->median_lo, s->median_hi);
  }
  if (!per_issue) return;
  pl_buf_puts(b, "\nissue,year,outcome");
  for (size_t k = 0; k < M; k++) {
    const char *name = parley_model_name(o->models[k]);
    pl_buf_printf(b, ",%s,%s_error", name, name);
  }
  pl_buf_putc(b, '\n');
  for (size_t i = 0; i < N; i++) {
    pl_report_csv_field(b, parley_positions_issue_id(pos, i));
    pl_buf_printf(b, ",%d,", parley_positions_issue_year(pos, i));
    pl_report_csv_number(b, parley_positions_outcome(pos, i));
    for (size_t k = 0; k < M; k++) {
      const double e = parley_backtest_abs_error(bt, k, i);
      pl_buf_putc(b, ',');
      if (!isnan(e)) pl_report_csv_number(b, parley_backtest_forecast(bt, k, i));
      pl_buf_putc(b, ',');
      pl_report_csv_number(b, e);
    }
    pl_buf_putc(b, '\n');
  }
}

static void csv(pl_buf *b, const parley_backtest *bt, int per_issue) {
  const parley_positions *pos = parley_backtest_positions(bt);
  const parley_backtest_options *o = parley_backtest_options_get(bt);
  const size_t N = parley_positions_issue_count(pos), M = o->n_models;
  if (per_issue) {
    pl_buf_puts(b, "issue,year,outcome,model,forecast,abs_error\n");
    for (size_t i = 0; i < N; i++)
      for (size_t k = 0; k < M; k++) {
        pl_report_csv_field(b, parley_positions_issue_id(pos, i));
        pl_buf_printf(b, ",%d,", parley_positions_issue_year(pos, i));
        pl_report_csv_number(b, parley_positions_outcome(pos, i));
        pl_buf_printf(b, ",%s,", parley_model_name(o->models[k]));
        pl_report_csv_number(b, parley_backtest_forecast(bt, k, i));
        pl_buf_putc(b, ',');
        pl_report_csv_number(b, parley_backtest_abs_error(bt, k, i));
        pl_buf_putc(b, '\n');
      }
    return;
  }
  pl_buf_puts(b, "model,n,mae,mae_lo,mae_hi,rmse,rmse_lo,rmse_hi,median_ae,median_ae_lo,median_ae_hi\n");
  for (size_t k = 0; k < M; k++) {
    const parley_backtest_stats *s = parley_backtest_stats_get(bt, k);
    const double v[9] = {s->mae, s->mae_lo, s->mae_hi, s->rmse, s->rmse_lo, s->rmse_hi, s->median_ae, s->median_lo, s->median_hi};
    pl_buf_printf(b, "%s,%zu", parley_model_name(o->models[k]), s->n);
    for (int j = 0; j < 9; j++) {
      pl_buf_putc(b, ',');
      pl_report_csv_number(b, v[j]);
    }
    pl_buf_putc(b, '\n');
  }
}

static void json_interval(pl_buf *b, const char *name, double x, double lo, double hi) {
  pl_buf_printf(b, ",\"%s\":", name);
  pl_buf_json_number(b, x);
  pl_buf_printf(b, ",\"%s_interval\":[", name);
  pl_buf_json_number(b, lo);
  pl_buf_putc(b, ',');
  pl_buf_json_number(b, hi);
  pl_buf_putc(b, ']');
}

static void json_year(pl_buf *b, const char *name, int year) {
  pl_buf_printf(b, ",\"%s\":", name);
  if (year) pl_buf_printf(b, "%d", year);
  else pl_buf_puts(b, "null");
}

static void json(pl_buf *b, const parley_backtest *bt, int per_issue) {
  const parley_positions *pos = parley_backtest_positions(bt);
  const parley_backtest_options *o = parley_backtest_options_get(bt);
  const size_t N = parley_positions_issue_count(pos), M = o->n_models;
  pl_buf_puts(b, "{\"source\":");
  pl_buf_json_string(b, parley_positions_source(pos));
  pl_buf_puts(b, ",\"capability\":");
  pl_buf_json_string(b, capability_name(&o->capability));
  pl_buf_printf(b, ",\"min_actors\":%zu", o->min_actors);
  json_year(b, "from_year", o->from_year);
  json_year(b, "before_year", o->before_year);
  pl_buf_printf(b, ",\"resamples\":%zu,\"seed\":%llu,\"models\":[", o->resamples, (unsigned long long)o->seed);
  for (size_t k = 0; k < M; k++) {
    const parley_backtest_stats *s = parley_backtest_stats_get(bt, k);
    const parley_error *e = parley_backtest_model_error(bt, k);
    pl_buf_puts(b, k ? ",\n {\"model\":" : "\n {\"model\":");
    pl_buf_json_string(b, parley_model_name(o->models[k]));
    pl_buf_printf(b, ",\"n\":%zu", s->n);
    if (e) {
      pl_buf_puts(b, ",\"error\":");
      pl_buf_json_string(b, e->message);
    } else {
      json_interval(b, "mae", s->mae, s->mae_lo, s->mae_hi);
      json_interval(b, "rmse", s->rmse, s->rmse_lo, s->rmse_hi);
      json_interval(b, "median_ae", s->median_ae, s->median_lo, s->median_hi);
    }
    pl_buf_putc(b, '}');
  }
  pl_buf_putc(b, ']');
  if (per_issue) {
    pl_buf_puts(b, ",\"issues\":[");
    for (size_t i = 0; i < N; i++) {
      pl_buf_puts(b, i ? ",\n {\"issue\":" : "\n {\"issue\":");
      pl_buf_json_string(b, parley_positions_issue_id(pos, i));
      json_year(b, "year", parley_positions_issue_year(pos, i));
      pl_buf_puts(b, ",\"outcome\":");
      pl_buf_json_number(b, parley_positions_outcome(pos, i));
      pl_buf_puts(b, ",\"forecasts\":{");
      for (size_t k = 0; k < M; k++) {
        pl_buf_puts(b, k ? "," : "");
        pl_buf_json_string(b, parley_model_name(o->models[k]));
        pl_buf_puts(b, ":{\"forecast\":");
        pl_buf_json_number(b, parley_backtest_forecast(bt, k, i));
        pl_buf_puts(b, ",\"abs_error\":");
        pl_buf_json_number(b, parley_backtest_abs_error(bt, k, i));
        pl_buf_putc(b, '}');
      }
      pl_buf_puts(b, "}}");
    }
    pl_buf_putc(b, ']');
  }
  pl_buf_puts(b, "}\n");
}

int parley_report_backtest(const parley_backtest *bt, parley_format format, int per_issue, char **text_out, size_t *len_out,
                           parley_error *err) {
  int rc = pl_report_check(bt, format, 1, text_out, err);
  if (rc) return rc;
  pl_buf b = {0};
  if (format == PARLEY_FORMAT_TEXT) text(&b, bt, per_issue);
  else if (format == PARLEY_FORMAT_JSON) json(&b, bt, per_issue);
  else csv(&b, bt, per_issue);
  return pl_report_finish(&b, text_out, len_out, err);
}
