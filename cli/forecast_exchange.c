/* forecast_exchange.c — `parley forecast --model exchange`: Stokman's exchange model on each
 * proposal (DEU III) or on all the issues of the file together, round by round, with the
 * exchanges that moved the outcomes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *id_of(const parley_positions *pos, size_t i) { return parley_positions_issue_id(pos, i); }
static const char *who(const parley_positions *pos, size_t a) { return parley_positions_actor_id(pos, a); }

static void print_exchange(const parley_positions *pos, const parley_exchange *e) {
  printf("  %s and %s: %s moves on %s %g -> %g, %s on %s %g -> %g; each gains %.4f\n", who(pos, e->actor[0]),
         who(pos, e->actor[1]), who(pos, e->actor[1]), id_of(pos, e->demand[0]), e->from[1], e->to[1],
         who(pos, e->actor[0]), id_of(pos, e->demand[1]), e->from[0], e->to[0], e->gain);
}

static void print_text(const parley_positions *pos, const parley_exchange_result *r, double tolerance, int explain) {
  const size_t T = parley_exchange_rounds(r), D = parley_exchange_issue_count(r), n = parley_exchange_count(r);
  printf("%zu round%s, %zu exchange%s, %s\n\n", T, T == 1 ? "" : "s", n, n == 1 ? "" : "s",
         !parley_exchange_converged(r) ? "stopped at the round limit"
         : tolerance > 0               ? "stopped when no exchange was left or the outcomes moved within the tolerance"
                                       : "stopped when no exchange was left");
  printf("%-24s %10s %10s %10s\n", "issue", "start", "forecast", "outcome");
  for (size_t d = 0; d < D; d++) {
    const size_t i = parley_exchange_issue(r, d);
    printf("%-24.24s %10.3f %10.3f", id_of(pos, i), parley_exchange_outcome(r, 0, d), parley_exchange_outcome(r, T, d));
    double o = parley_positions_outcome(pos, i);
    if (!isnan(o)) printf(" %10.3f", o);
    printf("\n");
  }
  if (T == 0) return;
  printf("\nround  exchanges  largest shift of an outcome\n");
  size_t k = 0;
  for (size_t t = 1; t <= T; t++) {
    size_t m = 0;
    while (k < n && parley_exchange_at(r, k)->round == t) k++, m++;
    double shift = 0;
    for (size_t d = 0; d < D; d++)
      shift = fmax(shift, fabs(parley_exchange_outcome(r, t, d) - parley_exchange_outcome(r, t - 1, d)));
    printf("%5zu %10zu %12.4f\n", t, m, shift);
  }
  if (!explain) return;
  for (size_t e = 0; e < n; e++) {
    const parley_exchange *x = parley_exchange_at(r, e);
    if (e == 0 || parley_exchange_at(r, e - 1)->round != x->round) printf("\nround %zu:\n", x->round);
    print_exchange(pos, x);
  }
}

/* One row per round, issue and actor taking part: the outcome, the actor's position and the
 * partner it traded with on this issue in this round (if any). */
static void print_csv(const parley_positions *pos, const parley_exchange_result *r) {
  const size_t T = parley_exchange_rounds(r), D = parley_exchange_issue_count(r), A = parley_positions_actor_count(pos);
  const size_t n = parley_exchange_count(r);
  size_t from = 0; /* the round's first exchange: they come in round order */
  for (size_t t = 0; t <= T; t++) {
    while (from < n && parley_exchange_at(r, from)->round < t) from++;
    for (size_t d = 0; d < D; d++) {
      const size_t i = parley_exchange_issue(r, d);
      for (size_t a = 0; a < A; a++) {
        const double x = parley_exchange_position(r, t, a, d);
        if (isnan(x)) continue;
        const char *partner = "";
        for (size_t e = from; e < n && parley_exchange_at(r, e)->round == t; e++) {
          const parley_exchange *ex = parley_exchange_at(r, e);
          if (ex->actor[0] == a && ex->demand[1] == i) partner = who(pos, ex->actor[1]);
          if (ex->actor[1] == a && ex->demand[0] == i) partner = who(pos, ex->actor[0]);
        }
        printf("%s,%zu,%.6f,%s,%.6f,%s\n", id_of(pos, i), t, parley_exchange_outcome(r, t, d), who(pos, a), x, partner);
      }
    }
  }
}

static void print_json(const parley_positions *pos, const parley_exchange_result *r) {
  const size_t T = parley_exchange_rounds(r), D = parley_exchange_issue_count(r), n = parley_exchange_count(r);
  printf("{\"rounds\":%zu,\"converged\":%s,\"issues\":[", T, parley_exchange_converged(r) ? "true" : "false");
  for (size_t d = 0; d < D; d++) {
    printf("%s{\"issue\":", d ? "," : "");
    cli_json_string(id_of(pos, parley_exchange_issue(r, d)));
    printf(",\"start\":%.6f,\"forecast\":%.6f,\"outcomes\":[", parley_exchange_outcome(r, 0, d),
           parley_exchange_outcome(r, T, d));
    for (size_t t = 0; t <= T; t++) printf("%s%.6f", t ? "," : "", parley_exchange_outcome(r, t, d));
    printf("]}");
  }
  printf("],\"exchanges\":[");
  for (size_t e = 0; e < n; e++) {
    const parley_exchange *x = parley_exchange_at(r, e);
    printf("%s\n  {\"round\":%zu", e ? "," : "", x->round);
    for (int s = 0; s < 2; s++) {
      /* side s demands demand[s]; its partner moves there */
      printf(",\"%s\":{\"actor\":", s ? "second" : "first");
      cli_json_string(who(pos, x->actor[s]));
      printf(",\"demands\":");
      cli_json_string(id_of(pos, x->demand[s]));
      printf(",\"moves_on\":");
      cli_json_string(id_of(pos, x->demand[1 - s]));
      printf(",\"from\":%.6f,\"to\":%.6f}", x->from[s], x->to[s]);
    }
    printf(",\"gain\":%.6f}", x->gain);
  }
  printf("]}");
}

int cli_forecast_exchange(const parley_positions *pos, const parley_capability *cap, const parley_exchange_options *o,
                          int csv, int json, int explain, const char *path) {
  const size_t N = parley_positions_issue_count(pos);
  size_t *group = malloc((N ? N : 1) * sizeof *group), *of = malloc((N ? N : 1) * sizeof *of);
  if (!group || !of) {
    free(group), free(of);
    fprintf(stderr, "parley forecast: out of memory\n");
    return EXIT_FAILURE_RUN;
  }
  int status = EXIT_OK, first = 1;
  if (csv) printf("issue,round,outcome,actor,vote,traded_with\n");
  if (json) {
    printf("{\"source\":");
    cli_json_string(path);
    printf(",\"model\":\"exchange\",\"max_rounds\":%zu,\"tolerance\":%g,\"proposals\":[", o->rounds, o->tolerance);
  }
  for (size_t i = 0; i < N; i++) of[i] = parley_positions_issue_group(pos, i);
  for (size_t g = 0; g < N; g++) {
    if (of[g] != g) continue; /* not a proposal's first issue */
    size_t n = 0;
    for (size_t i = g; i < N; i++)
      if (of[i] == g) group[n++] = i;
    parley_exchange_result *r = NULL;
    parley_error err = {0};
    const int rc = parley_exchange_run(pos, group, n, cap, o, &r, &err);
    if (rc != 0) {
      cli_print_error(&err);
      status = cli_exit_code(rc);
      continue;
    }
    if (csv) {
      print_csv(pos, r);
    } else if (json) {
      printf("%s\n", first ? "" : ",");
      print_json(pos, r);
    } else {
      printf("%sparley forecast of %s: Stokman's exchange model (equal gain), ", first ? "" : "\n", path);
      if (n == N) printf("all %zu issue%s together\n", n, n == 1 ? "" : "s");
      else printf("the %zu issue%s of proposal %s\n", n, n == 1 ? "" : "s",
                  parley_positions_issue_proposal(pos, g) ? parley_positions_issue_proposal(pos, g) : id_of(pos, g));
      print_text(pos, r, o->tolerance, explain);
    }
    first = 0;
    parley_exchange_free(r);
  }
  if (json) printf("\n]}\n");
  free(group), free(of);
  return status;
}
