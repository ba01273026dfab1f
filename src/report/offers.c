/* offers.c — parley_report_offers: the answer to one query to the offer index, as text (what
 * `parley offers` prints), JSON (one object; one line per query in a stream) or CSV (the
 * packages listed). */
#include <math.h>
#include <stdlib.h>

#include "report/common.h"
#include "util/error.h"

/* Walks the window from the top for listing: highest utility first, and within a run of
 * equal utilities in package order. Start with run_lo = run_end = at = first + n; call at most
 * n times. */
typedef struct lister {
  const parley_offer_index *ix;
  size_t first, run_lo, run_end, at;
} lister;

static size_t lister_next(lister *L) {
  if (L->at == L->run_end) { /* this run is done: find the one below */
    double u, v;
    L->run_end = L->run_lo;
    size_t lo = L->run_end - 1;
    parley_offer_index_get(L->ix, lo, NULL, &u);
    while (lo > L->first && parley_offer_index_get(L->ix, lo - 1, NULL, &v) == 0 && v == u) lo--;
    L->run_lo = L->at = lo;
  }
  return L->at++;
}

typedef struct answer {
  const parley_offer_index *ix;
  const parley_scenario *sc;
  const parley_offer_query *q;
  size_t party, first, n;
  uint64_t listed;
  uint32_t *pkg;
  int best_rc; /* with an opponent: parley_offer_index_best_party's result */
  double own, opp;
  uint32_t *best;
} answer;

static void text_bound(pl_buf *b, double x, int open_low) {
  if (isinf(x)) pl_buf_puts(b, open_low ? "-inf" : "+inf");
  else pl_buf_printf(b, "%g", x);
}

static void text(pl_buf *b, const answer *a) {
  const parley_scenario *sc = a->sc;
  const parley_offer_query *q = a->q;
  const char *pid = parley_party_id(sc, a->party);
  const size_t total = parley_offer_index_count(a->ix);
  const uint64_t all = parley_outcome_count(sc);
  if (isinf(q->lo) && isinf(q->hi)) {
    pl_buf_printf(b, "%s: all ", pid);
    pl_report_count(b, total);
    pl_buf_puts(b, " of its packages (no --range)\n");
  } else {
    pl_buf_printf(b, "%s: ", pid);
    pl_report_count(b, a->n);
    pl_buf_puts(b, " of its ");
    pl_report_count(b, total);
    pl_buf_puts(b, a->n == 1 ? " packages gives a utility in [" : " packages give a utility in [");
    text_bound(b, q->lo, 1);
    pl_buf_puts(b, ", ");
    text_bound(b, q->hi, 0);
    pl_buf_puts(b, "]\n");
  }
  if (all > total) {
    pl_buf_putc(b, '(');
    pl_report_count(b, all - total);
    pl_buf_puts(b, " of the ");
    pl_report_count(b, all);
    pl_buf_printf(b, " packages cross %s's red lines and are not indexed)\n", pid);
  }
  if (q->opponent != PARLEY_NONE) {
    const char *qid = parley_party_id(sc, q->opponent);
    if (a->best_rc == 0) {
      pl_buf_printf(b, "\nbest for %s: %s %.4f, %s %.4f\n  ", qid, qid, a->opp, pid, a->own);
      pl_report_package(b, sc, a->best);
      pl_buf_putc(b, '\n');
    } else {
      pl_buf_printf(b, "\nbest for %s: none (%s)\n", qid,
                    a->n ? "every package of the window crosses its red lines" : "the window is empty");
    }
  }
  if (!a->listed) return;
  if (a->listed < a->n)
    pl_buf_printf(b, "\nthe first %llu of the window, %s's highest first:\n", (unsigned long long)a->listed, pid);
  else pl_buf_printf(b, "\nthe window, %s's highest first:\n", pid);
  if (q->opponent != PARLEY_NONE) pl_buf_printf(b, "  %-8s %-8s package\n", pid, parley_party_id(sc, q->opponent));
  lister L = {a->ix, a->first, a->first + a->n, a->first + a->n, a->first + a->n};
  for (uint64_t k = 0; k < a->listed; k++) {
    double u;
    parley_offer_index_get(a->ix, lister_next(&L), a->pkg, &u);
    pl_buf_printf(b, "  %-8.4f ", u);
    if (q->opponent != PARLEY_NONE) pl_buf_printf(b, "%-8.4f ", parley_utility(sc, q->opponent, a->pkg));
    pl_report_package(b, sc, a->pkg);
    pl_buf_putc(b, '\n');
  }
  if (a->listed < a->n) {
    pl_buf_puts(b, "  ... and ");
    pl_report_count(b, a->n - a->listed);
    pl_buf_puts(b, " more (--limit)\n");
  }
}

static void json(pl_buf *b, const answer *a) {
  const parley_scenario *sc = a->sc;
  const parley_offer_query *q = a->q;
  pl_buf_putc(b, '{');
  if (q->line) pl_buf_printf(b, "\"line\":%zu,", q->line);
  pl_buf_puts(b, "\"party\":");
  pl_buf_json_string(b, parley_party_id(sc, a->party));
  pl_buf_puts(b, ",\"range\":[");
  pl_buf_json_number(b, q->lo);
  pl_buf_putc(b, ',');
  pl_buf_json_number(b, q->hi);
  pl_buf_printf(b, "],\"indexed\":%zu,\"count\":%zu", parley_offer_index_count(a->ix), a->n);
  if (q->opponent != PARLEY_NONE) {
    pl_buf_puts(b, ",\"opponent\":");
    pl_buf_json_string(b, parley_party_id(sc, q->opponent));
    pl_buf_puts(b, ",\"best\":");
    if (a->best_rc == 0) {
      pl_buf_puts(b, "{\"package\":");
      pl_report_package_json(b, sc, a->best);
      pl_buf_puts(b, ",\"utility\":");
      pl_buf_json_number(b, a->own);
      pl_buf_puts(b, ",\"opponent_utility\":");
      pl_buf_json_number(b, a->opp);
      pl_buf_putc(b, '}');
    } else {
      pl_buf_puts(b, "null");
    }
  }
  if (a->listed || !q->line) {
    pl_buf_puts(b, ",\"packages\":[");
    lister L = {a->ix, a->first, a->first + a->n, a->first + a->n, a->first + a->n};
    for (uint64_t k = 0; k < a->listed; k++) {
      double u;
      parley_offer_index_get(a->ix, lister_next(&L), a->pkg, &u);
      pl_buf_puts(b, k ? ",{\"package\":" : "{\"package\":");
      pl_report_package_json(b, sc, a->pkg);
      pl_buf_puts(b, ",\"utility\":");
      pl_buf_json_number(b, u);
      if (q->opponent != PARLEY_NONE) {
        pl_buf_puts(b, ",\"opponent_utility\":");
        pl_buf_json_number(b, parley_utility(sc, q->opponent, a->pkg));
      }
      pl_buf_putc(b, '}');
    }
    pl_buf_putc(b, ']');
  }
  pl_buf_puts(b, "}\n");
}

/* rank,utility[,opponent_utility],<issue ids>: the packages listed, highest first. */
static void csv(pl_buf *b, const answer *a) {
  const parley_scenario *sc = a->sc;
  const int opp = a->q->opponent != PARLEY_NONE;
  pl_buf_puts(b, opp ? "rank,utility,opponent_utility" : "rank,utility");
  pl_report_csv_issues(b, sc);
  pl_buf_putc(b, '\n');
  lister L = {a->ix, a->first, a->first + a->n, a->first + a->n, a->first + a->n};
  for (uint64_t k = 0; k < a->listed; k++) {
    double u;
    parley_offer_index_get(a->ix, lister_next(&L), a->pkg, &u);
    pl_buf_printf(b, "%llu,", (unsigned long long)k + 1);
    pl_buf_exact_number(b, u);
    if (opp) {
      pl_buf_putc(b, ',');
      pl_buf_exact_number(b, parley_utility(sc, a->q->opponent, a->pkg));
    }
    pl_report_csv_options(b, sc, a->pkg);
    pl_buf_putc(b, '\n');
  }
}

int parley_report_offers(const parley_offer_index *ix, const parley_offer_query *q, parley_format format, char **text_out,
                         size_t *len_out, parley_error *err) {
  int rc = pl_report_check(ix, format, 1, text_out, err);
  if (rc || (rc = pl_report_check(q, format, 1, text_out, err))) return rc;
  if (q->opponent != PARLEY_NONE && q->opponent >= parley_party_count(parley_offer_index_scenario(ix)))
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "the query's opponent %zu is not a party of the scenario", q->opponent);
  pl_buf b = {0};
  if (q->error) {
    if (format == PARLEY_FORMAT_JSON) {
      pl_buf_printf(&b, "{\"line\":%zu,\"error\":", q->line);
      pl_buf_json_string(&b, q->error);
      pl_buf_puts(&b, "}\n");
    } else {
      pl_buf_printf(&b, "line %zu: %s\n", q->line, q->error);
    }
    return pl_report_finish(&b, text_out, len_out, err);
  }
  const parley_scenario *sc = parley_offer_index_scenario(ix);
  answer a = {.ix = ix, .sc = sc, .q = q, .party = parley_offer_index_party(ix)};
  a.n = parley_offer_index_range(ix, q->lo, q->hi, &a.first);
  a.listed = a.n < q->limit ? a.n : q->limit;
  const size_t N = parley_issue_count(sc);
  a.pkg = malloc((N + 1) * sizeof *a.pkg);
  a.best = malloc((N + 1) * sizeof *a.best);
  if (!a.pkg || !a.best) b.failed = 1;
  if (!b.failed && q->opponent != PARLEY_NONE) {
    a.best_rc = parley_offer_index_best_party(ix, q->lo, q->hi, q->opponent, a.best, &a.own, &a.opp);
    if (a.best_rc != 0 && a.best_rc != PARLEY_ERR_INVALID) b.failed = 1;
  }
  if (!b.failed) {
    if (format == PARLEY_FORMAT_TEXT) text(&b, &a);
    else if (format == PARLEY_FORMAT_JSON) json(&b, &a);
    else csv(&b, &a);
  }
  free(a.pkg);
  free(a.best);
  return pl_report_finish(&b, text_out, len_out, err);
}
