/* forecast_exchange.c — Stokman's exchange model as `parley forecast --model exchange` shows it:
 * per proposal the start and forecast of each issue, the rounds, and, explained, every trade;
 * or each round's votes as CSV rows or JSON. */
#include <math.h>

#include "report/forecast.h"

static const char *id_of(const parley_positions *pos, size_t i) { return parley_positions_issue_id(pos, i); }
static const char *who(const parley_positions *pos, size_t a) { return parley_positions_actor_id(pos, a); }

static void trade(pl_buf *b, const parley_positions *pos, const parley_exchange *e) {
  pl_buf_printf(b, "  %s and %s: %s moves on %s %g -> %g, %s on %s %g -> %g; each gains %.4f\n", who(pos, e->actor[0]),
                who(pos, e->actor[1]), who(pos, e->actor[1]), id_of(pos, e->demand[0]), e->from[1], e->to[1],
                who(pos, e->actor[0]), id_of(pos, e->demand[1]), e->from[0], e->to[0], e->gain);
}

static void text(pl_buf *b, const parley_positions *pos, const parley_exchange_result *r, int explain) {
  const size_t T = parley_exchange_round_count(r), D = parley_exchange_issue_count(r), n = parley_exchange_count(r);
  const double tolerance = parley_exchange_options_get(r)->tolerance;
  pl_buf_printf(b, "%zu round%s, %zu exchange%s, %s\n\n", T, T == 1 ? "" : "s", n, n == 1 ? "" : "s",
                !parley_exchange_converged(r) ? "stopped at the round limit"
                : tolerance > 0 ? "stopped when no exchange was left or the outcomes moved within the tolerance"
                                : "stopped when no exchange was left");
  pl_buf_printf(b, "%-24s %10s %10s %10s\n", "issue", "start", "forecast", "outcome");
  for (size_t d = 0; d < D; d++) {
    const size_t i = parley_exchange_issue(r, d);
    pl_buf_printf(b, "%-24.24s %10.3f %10.3f", id_of(pos, i), parley_exchange_outcome(r, 0, d), parley_exchange_outcome(r, T, d));
    const double o = parley_positions_outcome(pos, i);
    if (!isnan(o)) pl_buf_printf(b, " %10.3f", o);
    pl_buf_putc(b, '\n');
  }
  if (T == 0) return;
  pl_buf_puts(b, "\nround  exchanges  largest shift of an outcome\n");
  size_t k = 0;
  for (size_t t = 1; t <= T; t++) {
    size_t m = 0;
    while (k < n && parley_exchange_get(r, k)->round == t) k++, m++;
    double shift = 0;
    for (size_t d = 0; d < D; d++)
      shift = fmax(shift, fabs(parley_exchange_outcome(r, t, d) - parley_exchange_outcome(r, t - 1, d)));
    pl_buf_printf(b, "%5zu %10zu %12.4f\n", t, m, shift);
  }
  if (!explain) return;
  for (size_t e = 0; e < n; e++) {
    const parley_exchange *x = parley_exchange_get(r, e);
    if (e == 0 || parley_exchange_get(r, e - 1)->round != x->round) pl_buf_printf(b, "\nround %zu:\n", x->round);
    trade(b, pos, x);
  }
}

/* One row per round, issue and actor taking part: the outcome, the actor's vote and the
 * partner it traded with on this issue in this round (if any). */
static void csv(pl_buf *b, const parley_positions *pos, const parley_exchange_result *r) {
  const size_t T = parley_exchange_round_count(r), D = parley_exchange_issue_count(r);
  const size_t A = parley_positions_actor_count(pos), n = parley_exchange_count(r);
  size_t from = 0; /* the round's first exchange: they come in round order */
  for (size_t t = 0; t <= T; t++) {
    while (from < n && parley_exchange_get(r, from)->round < t) from++;
    for (size_t d = 0; d < D; d++) {
      const size_t i = parley_exchange_issue(r, d);
      for (size_t a = 0; a < A; a++) {
        const double x = parley_exchange_position(r, t, a, d);
        if (isnan(x)) continue;
        const char *partner = "";
        for (size_t e = from; e < n && parley_exchange_get(r, e)->round == t; e++) {
          const parley_exchange *ex = parley_exchange_get(r, e);
          if (ex->actor[0] == a && ex->demand[1] == i) partner = who(pos, ex->actor[1]);
          if (ex->actor[1] == a && ex->demand[0] == i) partner = who(pos, ex->actor[0]);
        }
        pl_report_csv_field(b, id_of(pos, i));
        pl_buf_printf(b, ",%zu,", t);
        pl_report_csv_number(b, parley_exchange_outcome(r, t, d));
        pl_buf_putc(b, ',');
        pl_report_csv_field(b, who(pos, a));
        pl_buf_printf(b, ",%.6f,", x);
        pl_report_csv_field(b, partner);
        pl_buf_putc(b, '\n');
      }
    }
  }
}

static void json(pl_buf *b, const parley_positions *pos, const parley_exchange_result *r) {
  const size_t T = parley_exchange_round_count(r), D = parley_exchange_issue_count(r), n = parley_exchange_count(r);
  pl_buf_printf(b, "{\"rounds\":%zu,\"converged\":%s,\"issues\":[", T, parley_exchange_converged(r) ? "true" : "false");
  for (size_t d = 0; d < D; d++) {
    pl_buf_puts(b, d ? ",{\"issue\":" : "{\"issue\":");
    pl_buf_json_string(b, id_of(pos, parley_exchange_issue(r, d)));
    pl_buf_puts(b, ",\"start\":");
    pl_report_json_fixed(b, parley_exchange_outcome(r, 0, d));
    pl_buf_puts(b, ",\"forecast\":");
    pl_report_json_fixed(b, parley_exchange_outcome(r, T, d));
    pl_buf_puts(b, ",\"outcomes\":[");
    for (size_t t = 0; t <= T; t++) {
      if (t) pl_buf_putc(b, ',');
      pl_report_json_fixed(b, parley_exchange_outcome(r, t, d));
    }
    pl_buf_puts(b, "]}");
  }
  pl_buf_puts(b, "],\"exchanges\":[");
  for (size_t e = 0; e < n; e++) {
    const parley_exchange *x = parley_exchange_get(r, e);
    pl_buf_printf(b, "%s\n  {\"round\":%zu", e ? "," : "", x->round);
    for (int s = 0; s < 2; s++) {
      /* side s demands demand[s]; its partner moves there */
      pl_buf_printf(b, ",\"%s\":{\"actor\":", s ? "second" : "first");
      pl_buf_json_string(b, who(pos, x->actor[s]));
      pl_buf_puts(b, ",\"demands\":");
      pl_buf_json_string(b, id_of(pos, x->demand[s]));
      pl_buf_puts(b, ",\"moves_on\":");
      pl_buf_json_string(b, id_of(pos, x->demand[1 - s]));
      pl_buf_puts(b, ",\"from\":");
      pl_report_json_fixed(b, x->from[s]);
      pl_buf_puts(b, ",\"to\":");
      pl_report_json_fixed(b, x->to[s]);
      pl_buf_putc(b, '}');
    }
    pl_buf_puts(b, ",\"gain\":");
    pl_report_json_fixed(b, x->gain);
    pl_buf_putc(b, '}');
  }
  pl_buf_puts(b, "]}");
}

void pl_report_exchange(pl_buf *b, const parley_forecast *fc, parley_format format, int explain) {
  const parley_positions *pos = parley_forecast_positions(fc);
  const parley_exchange_options *o = &parley_forecast_options_get(fc)->exchange;
  const size_t N = parley_positions_issue_count(pos);
  if (format == PARLEY_FORMAT_CSV) pl_buf_puts(b, "issue,round,outcome,actor,vote,traded_with\n");
  if (format == PARLEY_FORMAT_JSON) {
    pl_buf_puts(b, "{\"source\":");
    pl_buf_json_string(b, parley_positions_source(pos));
    pl_buf_printf(b, ",\"model\":\"exchange\",\"max_rounds\":%zu,\"tolerance\":%g,\"proposals\":[", o->rounds, o->tolerance);
  }
  int first = 1;
  for (size_t k = 0; k < parley_forecast_run_count(fc); k++) {
    const parley_exchange_result *r = parley_forecast_exchange(fc, k);
    if (!r) continue;
    const size_t n = parley_exchange_issue_count(r), g = parley_exchange_issue(r, 0);
    if (format == PARLEY_FORMAT_CSV) {
      csv(b, pos, r);
    } else if (format == PARLEY_FORMAT_JSON) {
      pl_buf_puts(b, first ? "\n" : ",\n");
      json(b, pos, r);
    } else {
      pl_buf_printf(b, "%sparley forecast of %s: Stokman's exchange model (equal gain), ", first ? "" : "\n",
                    parley_positions_source(pos));
      const char *proposal = parley_positions_issue_proposal(pos, g);
      if (n == N) pl_buf_printf(b, "all %zu issue%s together\n", n, n == 1 ? "" : "s");
      else pl_buf_printf(b, "the %zu issue%s of proposal %s\n", n, n == 1 ? "" : "s", proposal ? proposal : id_of(pos, g));
      text(b, pos, r, explain);
    }
    first = 0;
  }
  if (format == PARLEY_FORMAT_JSON) pl_buf_puts(b, "\n]}\n");
}
