/* html_forecast.c — parley_html_add_forecast and parley_html_add_backtest: each model's
 * forecast per issue against the actors' positions; the expected-utility rounds, the exchange
 * rounds and the SMP turns as trajectories per actor; and a backtest's errors per model with
 * their bootstrap intervals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "report/html.h"
#include "util/error.h"

#define MAX_ISSUES 25 /* issues in the forecast chart; the table has them all */
#define MAX_RUNS 6    /* runs drawn as trajectories; the table has the rest */

/* The range of what the chart of the models draws: the positions, the outcomes and the
 * forecasts of the issues drawn (the chart widens a range of one value). */
static void position_range(const parley_forecast *fc, size_t issues, double *lo, double *hi) {
  const parley_positions *pos = parley_forecast_positions(fc);
  const size_t M = parley_forecast_options_get(fc)->n_models;
  double a = INFINITY, z = -INFINITY;
  for (size_t i = 0; i < issues; i++) {
    for (size_t k = 0; k < parley_positions_actor_count(pos); k++) pl_html_range(&a, &z, parley_positions_position(pos, i, k));
    pl_html_range(&a, &z, parley_positions_outcome(pos, i));
    for (size_t m = 0; m < M; m++) pl_html_range(&a, &z, parley_forecast_value(fc, i, m));
  }
  if (a > z) a = 0, z = 1;
  *lo = a, *hi = z;
}

static void table_chart(pl_section *s, const parley_forecast *fc) {
  const parley_positions *pos = parley_forecast_positions(fc);
  const parley_forecast_options *o = parley_forecast_options_get(fc);
  const size_t I = parley_positions_issue_count(pos), A = parley_positions_actor_count(pos), M = o->n_models;
  const size_t shown = I < MAX_ISSUES ? I : MAX_ISSUES;
  pl_buf *b = &s->body;
  char id[64], tip[300];
  double lo, hi;
  position_range(fc, shown, &lo, &hi);
  pl_html_chart_id(s, "models", id, sizeof id);
  pl_chart c;
  const double rows = fmax((double)shown, 0.67 * (double)(M + 2)); /* room for the legend too */
  pl_chart_open(b, &c, id, "Each model's forecast on each issue, among the actors' positions", 860, 80 + 30 * rows, lo,
                hi, 0, (double)shown, "position", NULL, PL_CHART_LONG_NAMES);
  for (size_t i = 0; i < shown; i++) {
    const double y = (double)(shown - 1 - i);
    pl_chart_category(&c, 0, y + 0.5, parley_positions_issue_id(pos, i));
    pl_chart_dots_begin(&c, PL_SVG_LIGHT, 7, "actors", "an actor's position");
    for (size_t k = 0; k < A; k++) {
      const double x = parley_positions_position(pos, i, k);
      if (!isnan(x)) pl_chart_dot(&c, x, y + 0.5);
    }
    pl_chart_dots_end(&c);
    const double out = parley_positions_outcome(pos, i);
    if (!isnan(out)) {
      snprintf(tip, sizeof tip, "%s: the outcome %.4g", parley_positions_issue_id(pos, i), out);
      pl_chart_mark(&c, out, y + 0.5, PL_MARK_CROSS, "#000000", "outcome", tip, NULL);
    }
    for (size_t m = 0; m < M; m++) {
      const double x = parley_forecast_value(fc, i, m);
      if (isnan(x)) continue;
      snprintf(tip, sizeof tip, "%s, %s: %.4g", parley_positions_issue_id(pos, i), parley_model_name(o->models[m]), x);
      pl_chart_mark(&c, x, y + 0.5, pl_svg_mark(m), pl_svg_colour(m), parley_model_name(o->models[m]), tip, NULL);
    }
  }
  pl_chart_legend(&c, "actors' positions", PL_SVG_LIGHT, PL_MARK_CIRCLE, NULL, "actors");
  pl_chart_legend(&c, "the outcome (when known)", "#000000", PL_MARK_CROSS, NULL, "outcome");
  for (size_t m = 0; m < M; m++)
    pl_chart_legend(&c, parley_model_name(o->models[m]), pl_svg_colour(m), (int)pl_svg_mark(m), NULL,
                    parley_model_name(o->models[m]));
  pl_chart_close(&c);
  if (shown < I) pl_html_para(b, "The first %zu of %zu issues are drawn; the table has them all.", shown, I);
  pl_buf head = {0}, row = {0};
  pl_buf_puts(&head, "issue\toutcome");
  for (size_t m = 0; m < M; m++) pl_buf_printf(&head, "\t%s", parley_model_name(o->models[m]));
  pl_chart_table_open(b, "The numbers", head.data && !head.failed ? head.data : "issue");
  for (size_t i = 0; i < I; i++) {
    row.len = 0;
    for (size_t m = 0; m < M; m++) pl_buf_printf(&row, "\t%.4g", parley_forecast_value(fc, i, m));
    pl_chart_table_row(b, "%s\t%.4g%s", parley_positions_issue_id(pos, i), parley_positions_outcome(pos, i),
                       row.data ? row.data : "");
  }
  pl_chart_table_close(b);
  if (head.failed || row.failed) b->failed = 1;
  pl_buf_free(&head), pl_buf_free(&row);
}

/* One trajectory chart: T + 1 states, lines per actor (grey) and up to two bold summary lines.
 * at(user, t, k) gives actor k's position in state t. */
typedef double (*pos_fn)(const void *res, size_t t, size_t k, size_t d);

static void trajectories(pl_section *s, const char *suffix, const char *title, const char *xlabel, const void *res,
                         size_t T, size_t K, size_t d, pos_fn at, const char *const *actor_ids, const char *line_name,
                         const double *summary, const char *summary_name, const double *summary2,
                         const char *summary2_name) {
  pl_buf *b = &s->body;
  char id[64];
  pl_html_chart_id(s, suffix, id, sizeof id);
  double lo = INFINITY, hi = -INFINITY;
  for (size_t t = 0; t <= T; t++)
    for (size_t k = 0; k < K; k++) {
      const double x = at(res, t, k, d);
      if (!isnan(x)) lo = fmin(lo, x), hi = fmax(hi, x);
    }
  if (!(lo < hi)) lo -= 0.5, hi += 0.5;
  double *xs = malloc((T + 1) * sizeof *xs), *ys = malloc((T + 1) * sizeof *ys);
  if (!xs || !ys) {
    free(xs), free(ys);
    b->failed = 1;
    return;
  }
  pl_chart c;
  pl_chart_open(b, &c, id, title, 860, 420, 0, T ? (double)T : 1, lo, hi, xlabel, "position", PL_CHART_X_WHOLE);
  for (size_t k = 0; k < K; k++) {
    size_t m = 0;
    for (size_t t = 0; t <= T; t++) {
      const double x = at(res, t, k, d);
      if (!isnan(x)) xs[m] = (double)t, ys[m++] = x;
    }
    pl_chart_line(&c, xs, ys, m, K == 1 ? pl_svg_colour(0) : "#b0b0b0", NULL, K == 1 ? 2.5 : 1.2, "actors");
  }
  for (size_t t = 0; t <= T; t++) xs[t] = (double)t;
  if (summary) pl_chart_line(&c, xs, summary, T + 1, pl_svg_colour(0), NULL, 3, "summary");
  if (summary2) pl_chart_line(&c, xs, summary2, T + 1, pl_svg_colour(1), pl_svg_dash(1), 3, "summary2");
  pl_chart_legend(&c, line_name, K == 1 ? pl_svg_colour(0) : "#b0b0b0", -1, NULL, "actors");
  if (summary) pl_chart_legend(&c, summary_name, pl_svg_colour(0), -1, NULL, "summary");
  if (summary2) pl_chart_legend(&c, summary2_name, pl_svg_colour(1), -1, pl_svg_dash(1), "summary2");
  pl_chart_close(&c);
  pl_buf head = {0}, row = {0};
  pl_buf_puts(&head, xlabel);
  if (summary) pl_buf_printf(&head, "\t%s", summary_name);
  if (summary2) pl_buf_printf(&head, "\t%s", summary2_name);
  for (size_t k = 0; k < K; k++) pl_buf_printf(&head, "\t%s", actor_ids[k]);
  pl_chart_table_open(b, "The numbers", head.data && !head.failed ? head.data : "state");
  for (size_t t = 0; t <= T; t++) {
    row.len = 0;
    if (summary) pl_buf_printf(&row, "\t%.4f", summary[t]);
    if (summary2) pl_buf_printf(&row, "\t%.4f", summary2[t]);
    for (size_t k = 0; k < K; k++) pl_buf_printf(&row, "\t%.4f", at(res, t, k, d));
    pl_chart_table_row(b, "%zu%s", t, row.data ? row.data : "");
  }
  pl_chart_table_close(b);
  if (head.failed || row.failed) b->failed = 1;
  pl_buf_free(&head), pl_buf_free(&row);
  free(xs), free(ys);
}

static double eu_at(const void *res, size_t t, size_t k, size_t d) {
  (void)d;
  return parley_eu_position(res, t, k);
}
static double smp_at(const void *res, size_t t, size_t k, size_t d) { return parley_smp_position(res, t, k, d); }
static double exchange_at(const void *res, size_t t, size_t k, size_t d) {
  (void)k; /* one line: the outcome */
  return parley_exchange_outcome(res, t, d);
}

int parley_html_add_forecast(parley_html *h, const parley_forecast *fc, parley_error *err) {
  if (!h || !fc) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_positions *pos = parley_forecast_positions(fc);
  const parley_forecast_options *o = parley_forecast_options_get(fc);
  pl_section *s = pl_html_section(h, "forecast", "The forecast");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body;
  pl_html_para(b, "%zu actors, %zu issues, from %s.", parley_positions_actor_count(pos), parley_positions_issue_count(pos),
               parley_positions_source(pos));
  if (o->kind == PARLEY_FORECAST_TABLE) {
    table_chart(s, fc);
    return pl_html_section_check(h, s, err);
  }
  const size_t R = parley_forecast_run_count(fc);
  size_t drawn = 0;
  char title[300], suffix[32];
  for (size_t r = 0; r < R && drawn < MAX_RUNS; r++) {
    snprintf(suffix, sizeof suffix, "run%zu", r + 1);
    if (o->kind == PARLEY_FORECAST_EU && parley_forecast_eu(fc, r)) {
      const parley_eu_result *res = parley_forecast_eu(fc, r);
      const size_t T = parley_eu_round_count(res), K = parley_eu_actor_count(res);
      const char **ids = malloc((K + 1) * sizeof *ids);
      double *med = malloc((T + 1) * sizeof *med), *mean = malloc((T + 1) * sizeof *mean);
      if (!ids || !med || !mean) {
        free(ids), free(med), free(mean);
        b->failed = 1;
        break;
      }
      for (size_t k = 0; k < K; k++) ids[k] = parley_positions_actor_id(pos, parley_eu_actor(res, k));
      for (size_t t = 0; t <= T; t++) med[t] = parley_eu_median(res, t), mean[t] = parley_eu_mean(res, t);
      snprintf(title, sizeof title, "%s: the expected-utility model round by round",
               parley_positions_issue_id(pos, parley_eu_issue(res)));
      trajectories(s, suffix, title, "round", res, T, K, 0, eu_at, ids, "an actor's position", med, "median", mean, "mean");
      free(ids), free(med), free(mean);
      drawn++;
    } else if (o->kind == PARLEY_FORECAST_SMP && parley_forecast_smp(fc, r)) {
      const parley_smp_result *res = parley_forecast_smp(fc, r);
      const size_t T = parley_smp_turn_count(res), K = parley_smp_actor_count(res);
      const char **ids = malloc((K + 1) * sizeof *ids);
      if (!ids) {
        b->failed = 1;
        break;
      }
      for (size_t k = 0; k < K; k++) ids[k] = parley_positions_actor_id(pos, parley_smp_actor(res, k));
      for (size_t d = 0; d < parley_smp_issue_count(res) && drawn < MAX_RUNS; d++, drawn++) {
        snprintf(suffix, sizeof suffix, "run%zu-%zu", r + 1, d + 1);
        snprintf(title, sizeof title, "%s: the SMP turn by turn (forecast %.4g)",
                 parley_positions_issue_id(pos, parley_smp_issue(res, d)), parley_smp_forecast(res, d));
        trajectories(s, suffix, title, "turn", res, T, K, d, smp_at, ids, "an actor's position", NULL, NULL, NULL, NULL);
      }
      free(ids);
    } else if (o->kind == PARLEY_FORECAST_EXCHANGE && parley_forecast_exchange(fc, r)) {
      const parley_exchange_result *res = parley_forecast_exchange(fc, r);
      const size_t T = parley_exchange_round_count(res);
      for (size_t d = 0; d < parley_exchange_issue_count(res) && drawn < MAX_RUNS; d++, drawn++) {
        const char *ids[1] = {"outcome"};
        snprintf(suffix, sizeof suffix, "run%zu-%zu", r + 1, d + 1);
        snprintf(title, sizeof title, "%s: the exchange model's outcome round by round",
                 parley_positions_issue_id(pos, parley_exchange_issue(res, d)));
        trajectories(s, suffix, title, "round", res, T, 1, d, exchange_at, ids, "the outcome", NULL, NULL, NULL, NULL);
      }
    }
  }
  if (drawn == MAX_RUNS) pl_html_para(b, "The first %d trajectories are drawn; parley forecast --csv gives every run.", MAX_RUNS);
  if (!drawn) pl_html_para(b, "No run could be made.");
  return pl_html_section_check(h, s, err);
}

int parley_html_add_backtest(parley_html *h, const parley_backtest *bt, parley_error *err) {
  if (!h || !bt) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_backtest_options *o = parley_backtest_options_get(bt);
  const size_t M = o->n_models;
  pl_section *s = pl_html_section(h, "backtest", "The backtest");
  if (!s) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pl_buf *b = &s->body;
  pl_html_para(b, "Each model's forecasts against the known outcomes of %s: the mean absolute error with its 95%% bootstrap "
               "interval (%zu resamples). Shorter is better.", parley_positions_source(parley_backtest_positions(bt)),
               o->resamples ? o->resamples : (size_t)2000);
  double hi = 0;
  for (size_t m = 0; m < M; m++) {
    const parley_backtest_stats *st = parley_backtest_stats_get(bt, m);
    if (st && st->n) hi = fmax(hi, fmax(st->mae_hi, st->rmse_hi));
  }
  if (!(hi > 0)) hi = 1;
  char id[64], tip[300];
  pl_html_chart_id(s, "errors", id, sizeof id);
  pl_chart c;
  pl_chart_open(b, &c, id, "Each model's errors on the issues with known outcomes", 860, 94 + 44 * (double)M, 0, hi * 1.05, 0,
                (double)M, "error (on the positions' scale)", NULL, PL_CHART_LEGEND_BELOW);
  for (size_t m = 0; m < M; m++) {
    const parley_backtest_stats *st = parley_backtest_stats_get(bt, m);
    const double y = (double)(M - 1 - m);
    pl_chart_category(&c, 0, y + 0.5, parley_model_name(o->models[m]));
    if (!st || !st->n) {
      pl_chart_aside(&c, y + 0.5, "no issue to score");
      continue;
    }
    snprintf(tip, sizeof tip, "%s: MAE %.3f [%.3f, %.3f], RMSE %.3f [%.3f, %.3f], %zu issues", parley_model_name(o->models[m]),
             st->mae, st->mae_lo, st->mae_hi, st->rmse, st->rmse_lo, st->rmse_hi, st->n);
    pl_chart_bar(&c, 0, st->mae, y + 0.52, y + 0.88, pl_svg_colour(0), NULL, "mae", tip);
    pl_chart_interval(&c, st->mae_lo, st->mae_hi, y + 0.7, "#000000");
    pl_chart_bar(&c, 0, st->rmse, y + 0.12, y + 0.48, pl_svg_colour(4), NULL, "rmse", tip);
    pl_chart_interval(&c, st->rmse_lo, st->rmse_hi, y + 0.3, "#000000");
  }
  pl_chart_legend(&c, "mean absolute error", pl_svg_colour(0), PL_MARK_SQUARE, NULL, "mae");
  pl_chart_legend(&c, "root mean square error", pl_svg_colour(4), PL_MARK_SQUARE, NULL, "rmse");
  pl_chart_legend(&c, "95% interval", "#000000", -1, NULL, NULL);
  pl_chart_close(&c);
  pl_chart_table_open(b, "The numbers", "model\tissues\tMAE\tlow\thigh\tRMSE\tlow\thigh\tmedian AE\tlow\thigh");
  for (size_t m = 0; m < M; m++) {
    const parley_backtest_stats *st = parley_backtest_stats_get(bt, m);
    if (!st || !st->n) {
      const parley_error *e = parley_backtest_model_error(bt, m);
      pl_chart_table_row(b, "%s\t0\t%s", parley_model_name(o->models[m]), e ? e->message : "");
      continue;
    }
    pl_chart_table_row(b, "%s\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f", parley_model_name(o->models[m]), st->n,
                       st->mae, st->mae_lo, st->mae_hi, st->rmse, st->rmse_lo, st->rmse_hi, st->median_ae, st->median_lo,
                       st->median_hi);
  }
  pl_chart_table_close(b);
  return pl_html_section_check(h, s, err);
}
