/* forecast_smp.c — `parley forecast --model smp`: KTAB's Spatial Model of Politics, its
 * forecast, its turns, and why each actor moved. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *actor_name(const parley_positions *pos, const parley_smp_result *r, long k) {
  return k < 0 ? "" : parley_positions_actor_id(pos, parley_smp_actor(r, (size_t)k));
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

static void print_options(const parley_smp_options *o, const char *sep, int json) {
  for (int k = 0; k < PARLEY_SMP_OPTION_COUNT; k++) {
    const char *name = parley_smp_option_name((parley_smp_option)k);
    const char *value = parley_smp_value_name((parley_smp_option)k, o->choice[k]);
    if (json) printf("%s\"%s\":\"%s\"", k ? "," : "", name, value);
    else printf("%s%s=%s", k ? sep : "", name, value);
  }
}

static void print_text(const parley_positions *pos, const parley_smp_result *r, const parley_smp_options *o,
                       int explain) {
  const size_t T = parley_smp_turns(r), K = parley_smp_actor_count(r), D = parley_smp_issue_count(r);
  printf("options: ");
  print_options(o, ", ", 0);
  printf("\n%zu actors, %zu turn%s, %s\n\n", K, T, T == 1 ? "" : "s",
         parley_smp_converged(r) ? "stopped when a turn moved less than the stop ratio of the first"
                                 : "stopped at the turn limit");
  printf("forecast (capability x salience weighted mean of the final positions):\n");
  for (size_t d = 0; d < D; d++)
    printf("  %-24s %8.2f\n", parley_positions_issue_id(pos, parley_smp_issue(r, d)), parley_smp_forecast(r, d));
  printf("\nturn  movement  adopted bargains\n");
  for (size_t t = 1; t <= T; t++) {
    size_t movers = 0;
    for (size_t k = 0; k < K; k++) {
      long rc;
      if (parley_smp_adopted(r, t, k, &rc) >= 0) movers++;
    }
    printf("%4zu %9.3f %7zu\n", t, movement(r, t), movers);
  }
  printf("\nfinal positions (P = probability that the actor's position wins):\n%-20s", "actor");
  for (size_t d = 0; d < D; d++) printf(" %10.10s", parley_positions_issue_id(pos, parley_smp_issue(r, d)));
  printf(" %8s %7s\n", "risk", "P");
  for (size_t k = 0; k < K; k++) {
    printf("%-20.20s", actor_name(pos, r, (long)k));
    for (size_t d = 0; d < D; d++) printf(" %10.2f", parley_smp_position(r, T, k, d));
    printf(" %8.3f %7.4f\n", parley_smp_risk(r, T, k), parley_smp_probability(r, T, k));
  }
  if (!explain) return;
  for (size_t t = 1; t <= T; t++) {
    printf("\nturn %zu:\n", t);
    for (size_t k = 0; k < K; k++) {
      double gain, p;
      long target = parley_smp_target(r, t, k, &gain, &p), rc, init = parley_smp_adopted(r, t, k, &rc);
      printf("  %s ", actor_name(pos, r, (long)k));
      if (target >= 0) printf("challenges %s (expected gain %.4f, win probability %.3f); ", actor_name(pos, r, target), gain, p);
      else printf("challenges nobody (no target worth it); ");
      if (init < 0) {
        printf("keeps its position\n");
        continue;
      }
      printf("adopts the bargain %s proposed to %s:", actor_name(pos, r, init), actor_name(pos, r, rc));
      for (size_t d = 0; d < D; d++) printf(" %.2f->%.2f", parley_smp_position(r, t - 1, k, d), parley_smp_position(r, t, k, d));
      printf("\n");
    }
  }
}

static void print_csv(const parley_positions *pos, const parley_smp_result *r) {
  const size_t T = parley_smp_turns(r), K = parley_smp_actor_count(r), D = parley_smp_issue_count(r);
  for (size_t t = 0; t <= T; t++)
    for (size_t k = 0; k < K; k++) {
      double gain = NAN, p = NAN;
      long target = parley_smp_target(r, t, k, &gain, &p), rc, init = parley_smp_adopted(r, t, k, &rc);
      for (size_t d = 0; d < D; d++) {
        printf("%zu,%s,%s,%.6f,%.6f,%.6f,%s,", t, actor_name(pos, r, (long)k),
               parley_positions_issue_id(pos, parley_smp_issue(r, d)), parley_smp_position(r, t, k, d),
               parley_smp_risk(r, t, k), parley_smp_probability(r, t, k), actor_name(pos, r, target));
        if (target >= 0) printf("%.6f,%.6f", gain, p);
        else printf(",");
        printf(",%s,%s\n", actor_name(pos, r, init), actor_name(pos, r, rc));
      }
    }
}

static void print_json(const parley_positions *pos, const parley_smp_result *r, const parley_smp_options *o,
                       const char *path) {
  const size_t T = parley_smp_turns(r), K = parley_smp_actor_count(r), D = parley_smp_issue_count(r);
  printf("{\"source\":");
  cli_json_string(path);
  printf(",\"model\":\"smp\",\"options\":{");
  print_options(o, ",", 1);
  printf("},\"turns\":%zu,\"converged\":%s,\"issues\":[", T, parley_smp_converged(r) ? "true" : "false");
  for (size_t d = 0; d < D; d++) {
    printf("%s{\"issue\":", d ? "," : "");
    cli_json_string(parley_positions_issue_id(pos, parley_smp_issue(r, d)));
    printf(",\"forecast\":%.6f}", parley_smp_forecast(r, d));
  }
  printf("],\"states\":[");
  for (size_t t = 0; t <= T; t++) {
    printf("%s\n {\"turn\":%zu,\"actors\":[", t ? "," : "", t);
    for (size_t k = 0; k < K; k++) {
      double gain = NAN, p = NAN;
      long target = parley_smp_target(r, t, k, &gain, &p), rc, init = parley_smp_adopted(r, t, k, &rc);
      printf("%s{\"actor\":", k ? "," : "");
      cli_json_string(actor_name(pos, r, (long)k));
      printf(",\"position\":[");
      for (size_t d = 0; d < D; d++) printf("%s%.6f", d ? "," : "", parley_smp_position(r, t, k, d));
      printf("],\"risk\":%.6f,\"probability\":%.6f", parley_smp_risk(r, t, k), parley_smp_probability(r, t, k));
      if (t > 0) {
        printf(",\"target\":");
        if (target >= 0) {
          cli_json_string(actor_name(pos, r, target));
          printf(",\"gain\":%.6f,\"win_probability\":%.6f", gain, p);
        } else {
          printf("null");
        }
        printf(",\"adopted\":");
        if (init >= 0) {
          printf("{\"from\":");
          cli_json_string(actor_name(pos, r, init));
          printf(",\"to\":");
          cli_json_string(actor_name(pos, r, rc));
          printf("}");
        } else {
          printf("null");
        }
      }
      printf("}");
    }
    printf("]}");
  }
  printf("\n]}\n");
}

int cli_forecast_smp(const parley_positions *pos, const parley_capability *cap, const parley_smp_options *o, int csv,
                     int json, int explain, const char *path) {
  const size_t N = parley_positions_issue_count(pos), A = parley_positions_actor_count(pos);
  /* one space of all the issues when every actor has them all and its saliences share 100
   * among them (KTAB's files, scenarios); otherwise, as in DEU III where each proposal has its
   * own saliences, each issue on its own with the actors who have it */
  int complete = 1;
  for (size_t a = 0; a < A && complete; a++) {
    double total = 0;
    for (size_t i = 0; i < N && complete; i++) {
      complete = !isnan(parley_positions_position(pos, i, a)) && !isnan(parley_positions_salience(pos, i, a));
      total += parley_positions_salience(pos, i, a);
    }
    complete = complete && total <= 100 + 1e-9;
  }
  const size_t runs = complete ? 1 : N;
  int status = EXIT_OK;
  if (json && runs > 1) printf("[");
  if (csv) printf("turn,actor,issue,position,risk,probability,target,gain,win_probability,adopted_from,adopted_to\n");
  for (size_t run = 0; run < runs; run++) {
    parley_smp_result *r = NULL;
    parley_error err = {0};
    const int rc = parley_smp_run(pos, complete ? NULL : &run, complete ? 0 : 1, cap, o, &r, &err);
    if (rc != 0) {
      cli_print_error(&err);
      status = cli_exit_code(rc);
      continue;
    }
    if (csv) {
      print_csv(pos, r);
    } else if (json) {
      if (runs > 1 && run) printf(",");
      print_json(pos, r, o, path);
    } else {
      printf("%sparley forecast of %s: KTAB's Spatial Model of Politics", run ? "\n" : "", path);
      if (!complete) printf(", issue %s on its own", parley_positions_issue_id(pos, run));
      printf("\n");
      print_text(pos, r, o, explain);
    }
    parley_smp_free(r);
  }
  if (json && runs > 1) printf("]\n");
  return status;
}
