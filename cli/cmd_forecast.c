/* cmd_forecast.c — `parley forecast`: what each model predicts the group will decide. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley forecast [OPTIONS] FILE.csv\n"
    "\n"
    "Prints each model's forecast for every issue of FILE: a plain CSV of one issue (columns\n"
    "actor, capability, position, salience), the DEU III CSV, KTAB's CSV (several dimensions),\n"
    "or a parley scenario (.yaml, .json): one actor per party, capability its power, with the\n"
    "positions of its 'positions:' section, or else on each numeric issue at its best option\n"
    "with salience 100 x its weight (docs/forecasting.md).\n"
    "\n"
    "options:\n"
    "  --model NAME       mean, median, compromise, weighted-median, eu-median, eu-mean,\n"
    "                     nbs (Nash bargaining solution from the reference point), all\n"
    "                     (default: these and the final forecasts of exchange and smp), or,\n"
    "                     round by round:\n"
    "                     expected-utility: Bueno de Mesquita's challenge model (--mode),\n"
    "                     with each actor's moves and why;\n"
    "                     exchange: Stokman's exchange model (equal gain), the issues of a\n"
    "                     proposal (DEU III) or of the file decided together, with the trades;\n"
    "                     smp: KTAB's Spatial Model of Politics, all the issues as one space\n"
    "                     (each issue on its own when an actor lacks one or its saliences add\n"
    "                     up to more than 100)\n"
    "  --rounds N         expected-utility: rounds to run (default 10); exchange: the most\n"
    "                     rounds (default 100; it stops when no exchange is left); smp:\n"
    "                     exactly N turns\n"
    "  --tolerance X      expected-utility: stop once median and mean move by <= X; exchange:\n"
    "                     stop once no outcome moves by more than X; smp: stop once a turn\n"
    "                     moves less than X times the first turn (default 0.02)\n"
    "  --smp KEY=VALUE    smp option, repeatable (defaults are KTAB's, listed first):\n"
    "                     victory=linear|square|quartic|octic|binary,\n"
    "                     pce=conditional|markov-uniform|markov-incentive,\n"
    "                     transitions=deterministic|stochastic, voting=proportional|binary|\n"
    "                     prop-bin|prop-cubic|cubic|asym-prospect, risk-adjust=one-third|none|\n"
    "                     half|two-thirds|full, risk-range=mid|min|max, third-party=semi|full|\n"
    "                     none, interpolation=s2p2|s1p1|s2pmax, bargain=init-only|\n"
    "                     init-receiver|power-weighted, max-turns=100, min-turns=2,\n"
    "                     stop-ratio=0.02, seed=0 (stochastic transitions)\n"
    "  --explain          smp: also print, turn by turn, whom each actor challenged and\n"
    "                     which bargain moved it; exchange: every trade, who moved where\n"
    "  --q Q              expected-utility: probability of the status quo (default 1.0)\n"
    "  --mode M           expected-utility: replication (default; the rules that reproduce\n"
    "                     Scholz, Calbert & Smith 2011's Table 2) or printed (the paper's\n"
    "                     equations as printed, with capitulation and T, U_b, U_w)\n"
    "  --capability C     equal, votes, data (the file's own), or a CSV of actor,capability;\n"
    "                     default: data when the file gives capabilities, else equal\n"
    "  --csv              print CSV (issue, model, forecast, outcome)\n"
    "  --json             print JSON\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 2 bad command line, 3 bad input.\n";

static const char *move_name(parley_eu_move m) {
  return m == PARLEY_EU_CONFRONTATION ? "confrontation"
         : m == PARLEY_EU_COMPROMISE  ? "compromise"
         : m == PARLEY_EU_CAPITULATION ? "capitulation"
                                       : "stay";
}

/* Runs the expected-utility model on every issue and prints its trajectory. */
static int forecast_eu(const parley_positions *pos, const parley_capability *cap, const parley_eu_options *eu,
                       int csv, int json, const char *path) {
  const size_t N = parley_positions_issue_count(pos);
  if (csv) printf("issue,round,median,mean,actor,position,risk_exponent,move,towards\n");
  const char *mode = eu->mode == PARLEY_EU_MODE_PRINTED ? "printed" : "replication";
  if (json) {
    printf("{\"source\":");
    cli_json_string(path);
    printf(",\"model\":\"expected-utility\",\"mode\":\"%s\",\"q\":%g,\"issues\":[", mode, eu->q);
  }
  int status = EXIT_OK;
  for (size_t i = 0; i < N; i++) {
    const char *id = parley_positions_issue_id(pos, i);
    parley_eu_result *res = NULL;
    parley_error err = {0};
    if (parley_eu_run(pos, i, cap, eu, &res, &err) != 0) {
      cli_print_error(&err);
      status = EXIT_INPUT;
      continue;
    }
    const size_t T = parley_eu_rounds(res), K = parley_eu_actor_count(res);
    if (!csv && !json) {
      printf("%sissue %s: expected-utility model, %s mode (Q = %g), %zu rounds\n\n", i ? "\n" : "", id,
             eu->mode == PARLEY_EU_MODE_PRINTED ? "printed-equations" : "replication-compatible", eu->q, T);
      printf("round     median       mean\n");
      for (size_t t = 0; t <= T; t++) printf("%5zu %10.6f %10.6f\n", t, parley_eu_median(res, t), parley_eu_mean(res, t));
      printf("\nforecast: median %.6f, mean %.6f", parley_eu_median(res, T), parley_eu_mean(res, T));
      double o = parley_positions_outcome(pos, i);
      if (!isnan(o)) printf(" (outcome %.3f)", o);
      printf("\n");
      for (size_t t = 1; t <= T; t++) {
        printf("\nround %zu moves (risk exponent in brackets):\n", t);
        for (size_t k = 0; k < K; k++) {
          long towards;
          parley_eu_move m = parley_eu_move_of(res, t, k, &towards);
          const char *name = parley_positions_actor_id(pos, parley_eu_actor(res, k));
          printf("  %-16s [%.3f] ", name, parley_eu_risk(res, t, k));
          if (m == PARLEY_EU_STAY) printf("stays at %g\n", parley_eu_position(res, t, k));
          else
            printf("%s with %s: %g -> %g\n",
                   m == PARLEY_EU_CONFRONTATION ? "loses a confrontation"
                   : m == PARLEY_EU_CAPITULATION ? "capitulates"
                                                 : "compromises",
                   parley_positions_actor_id(pos, (size_t)towards), parley_eu_position(res, t - 1, k), parley_eu_position(res, t, k));
        }
      }
    } else {
      if (json) {
        printf("%s\n {\"issue\":", i ? "," : "");
        cli_json_string(id);
        printf(",\"rounds\":[");
      }
      for (size_t t = 0; t <= T; t++) {
        if (json) printf("%s\n  {\"round\":%zu,\"median\":%.6f,\"mean\":%.6f,\"actors\":[", t ? "," : "", t,
                         parley_eu_median(res, t), parley_eu_mean(res, t));
        for (size_t k = 0; k < K; k++) {
          long towards;
          parley_eu_move m = parley_eu_move_of(res, t, k, &towards);
          const char *name = parley_positions_actor_id(pos, parley_eu_actor(res, k));
          const char *to = towards >= 0 ? parley_positions_actor_id(pos, (size_t)towards) : "";
          if (csv)
            printf("%s,%zu,%.6f,%.6f,%s,%.6f,%.6f,%s,%s\n", id, t, parley_eu_median(res, t), parley_eu_mean(res, t), name,
                   parley_eu_position(res, t, k), parley_eu_risk(res, t, k), move_name(m), to);
          else {
            printf("%s{\"actor\":", k ? "," : "");
            cli_json_string(name);
            printf(",\"position\":%.6f,\"risk_exponent\":%.6f,\"move\":\"%s\",\"towards\":",
                   parley_eu_position(res, t, k), parley_eu_risk(res, t, k), move_name(m));
            if (towards >= 0) cli_json_string(to);
            else printf("null");
            printf("}");
          }
        }
        if (json) printf("]}");
      }
      if (json) printf("]}");
    }
    parley_eu_free(res);
  }
  if (json) printf("\n]}\n");
  return status;
}

/* Each model's forecast for every issue (models first..last), as a table, CSV or JSON. */
static int forecast_table(const parley_positions *pos, const parley_capability *cap, int first, int last, int csv,
                          int json, const char *path) {
  const size_t N = parley_positions_issue_count(pos);
  if (csv) printf("issue,model,forecast,outcome\n");
  else if (json) {
    printf("{\"source\":");
    cli_json_string(path);
    printf(",\"forecasts\":[");
  }
  else printf("parley forecast of %s (%zu issue%s, %zu actors)\n\n%-32s %-16s %10s %10s\n", path, N,
              N == 1 ? "" : "s", parley_positions_actor_count(pos), "issue", "model", "forecast", "outcome");
  int firstj = 1;
  for (size_t i = 0; i < N; i++) {
    double o = parley_positions_outcome(pos, i);
    for (int m = first; m <= last; m++) {
      double f;
      int ok = parley_forecast_issue(pos, i, (parley_model)m, cap, &f) == 0;
      const char *id = parley_positions_issue_id(pos, i), *name = parley_model_name((parley_model)m);
      if (csv) {
        printf("%s,%s,", id, name);
        if (ok) printf("%.6f", f);
        printf(",");
        if (!isnan(o)) printf("%.6f", o);
        printf("\n");
      } else if (json) {
        printf("%s\n {\"issue\":", firstj ? "" : ",");
        cli_json_string(id);
        printf(",\"model\":\"%s\",\"forecast\":", name);
        if (ok) printf("%.6f", f);
        else printf("null");
        printf(",\"outcome\":");
        if (!isnan(o)) printf("%.6f", o);
        else printf("null");
        printf("}");
        firstj = 0;
      } else {
        printf("%-32.32s %-16s ", id, name);
        if (ok) printf("%10.6f", f);
        else printf("%10s", "-");
        if (!isnan(o)) printf(" %10.3f", o);
        printf("\n");
      }
    }
  }
  if (json) printf("\n]}\n");
  return EXIT_OK;
}

int cmd_forecast(int argc, char **argv) {
  static const struct option opts[] = {{"model", required_argument, 0, 'm'},
                                       {"rounds", required_argument, 0, 'R'},
                                       {"tolerance", required_argument, 0, 'T'},
                                       {"q", required_argument, 0, 'Q'},
                                       {"capability", required_argument, 0, 'c'},
                                       {"csv", no_argument, 0, 'v'},
                                       {"json", no_argument, 0, 'j'},
                                       {"smp", required_argument, 0, 'S'},
                                       {"explain", no_argument, 0, 'E'},
                                       {"mode", required_argument, 0, 'M'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *model = "all", *capability = NULL;
  int csv = 0, json = 0, explain = 0, c, rounds_set = 0, tolerance_set = 0;
  parley_eu_options eu = {1.0, 10, 0, PARLEY_EU_MODE_REPLICATION};
  parley_smp_options smp;
  parley_smp_defaults(&smp);
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'm': model = optarg; break;
      case 'c': capability = optarg; break;
      case 'v': csv = 1; break;
      case 'R': {
        uint64_t v;
        if (cli_parse_count(optarg, &v) || v > 100000) {
          fprintf(stderr, "parley forecast: --rounds needs a whole number from 1 to 100000, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        eu.rounds = (size_t)v;
        rounds_set = 1;
        break;
      }
      case 'E': explain = 1; break;
      case 'M':
        if (!strcmp(optarg, "replication")) eu.mode = PARLEY_EU_MODE_REPLICATION;
        else if (!strcmp(optarg, "printed")) eu.mode = PARLEY_EU_MODE_PRINTED;
        else {
          fprintf(stderr, "parley forecast: --mode is replication or printed, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        break;
      case 'S': {
        char key[64];
        const char *eq = strchr(optarg, '=');
        size_t klen = eq ? (size_t)(eq - optarg) : 0;
        parley_error err = {0};
        if (!eq || klen == 0 || klen >= sizeof key) {
          fprintf(stderr, "parley forecast: --smp needs KEY=VALUE, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        memcpy(key, optarg, klen);
        key[klen] = '\0';
        if (parley_smp_set(&smp, key, eq + 1, &err) != 0) {
          fprintf(stderr, "parley forecast: --smp: %s\n", err.message);
          return EXIT_USAGE;
        }
        break;
      }
      case 'T':
      case 'Q': {
        char *end;
        double v = strtod(optarg, &end);
        if (end == optarg || *end || !(v >= 0) || (c == 'Q' && v > 1)) {
          fprintf(stderr, "parley forecast: --%s needs a number %s, not '%s'\n", c == 'Q' ? "q" : "tolerance",
                  c == 'Q' ? "in [0, 1]" : ">= 0", optarg);
          return EXIT_USAGE;
        }
        *(c == 'Q' ? &eu.q : &eu.tolerance) = v;
        tolerance_set |= c == 'T';
        break;
      }
      case 'j': json = 1; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (optind + 1 != argc || (csv && json)) {
    fprintf(stderr, "parley forecast: give one CSV file (and at most one of --csv, --json)\n\n%s", help);
    return EXIT_USAGE;
  }
  int first = 0, last = 0, dynamic = strcmp(model, "expected-utility") == 0, is_smp = strcmp(model, "smp") == 0;
  int is_exchange = strcmp(model, "exchange") == 0;
  int status = dynamic || is_smp || is_exchange ? EXIT_OK : cli_models("forecast", model, &first, &last);
  if (status != EXIT_OK) return status;
  parley_positions *pos = NULL;
  parley_capability cap;
  double *table = NULL;
  if ((status = cli_load_positions(argv[optind], capability, &pos, &cap, &table)) != EXIT_OK) return status;
  if (is_smp) {
    if (rounds_set) smp.max_turns = smp.min_turns = eu.rounds;
    if (tolerance_set) smp.stop_ratio = eu.tolerance;
    status = cli_forecast_smp(pos, &cap, &smp, csv, json, explain, argv[optind]);
  } else if (is_exchange) {
    parley_exchange_options xo;
    parley_exchange_defaults(&xo);
    if (rounds_set) xo.rounds = eu.rounds;
    if (tolerance_set) xo.tolerance = eu.tolerance;
    status = cli_forecast_exchange(pos, &cap, &xo, csv, json, explain, argv[optind]);
  } else if (dynamic) {
    status = forecast_eu(pos, &cap, &eu, csv, json, argv[optind]);
  } else {
    status = forecast_table(pos, &cap, first, last, csv, json, argv[optind]);
  }
  free(table);
  parley_positions_free(pos);
  return status;
}
