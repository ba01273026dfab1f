/* cmd_forecast.c — `parley forecast`: what each model predicts the group will decide. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley forecast [OPTIONS] FILE\n"
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
    "  --out FILE         write to FILE (atomically) instead of standard output\n"
    "  --html FILE        also write the HTML report to FILE: each model's forecast per\n"
    "                     issue, or each actor's position round by round (docs/report.md)\n"
    "  --max-actors N     refuse more than N actors for the expected-utility and SMP\n"
    "                     models, whose work grows with the cube of the actors (default 300)\n"
    "  --threads N        issues (or runs) forecast at once, and threads for one SMP run\n"
    "                     (default: one per core); the result is the same whatever N\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not finish (e.g. output not writable), 2 bad command line,\n"
    "3 bad input, 130 interrupted by Ctrl-C (nothing written).\n";

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
                                       {"out", required_argument, 0, 'o'},
                                       {"html", required_argument, 0, 'H'},
                                       {"threads", required_argument, 0, 't'},
                                       {"max-actors", required_argument, 0, 'A'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *model = "all", *capability = NULL, *out = NULL, *html = NULL;
  int csv = 0, json = 0, explain = 0, c, rounds_set = 0, tolerance_set = 0;
  parley_forecast_options fo;
  parley_forecast_defaults(&fo);
  size_t rounds = 0;
  double tolerance = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'm': model = optarg; break;
      case 'c': capability = optarg; break;
      case 'v': csv = 1; break;
      case 'o': out = optarg; break;
      case 'H': html = optarg; break;
      case 't':
        if (cli_parse_threads("forecast", optarg, &fo.threads)) return EXIT_USAGE;
        break;
      case 'A':
        if (cli_parse_size("forecast", "max-actors", optarg, &fo.max_actors)) return EXIT_USAGE;
        break;
      case 'R': {
        uint64_t v;
        if (cli_parse_count(optarg, &v) || v > 100000) {
          fprintf(stderr, "parley forecast: --rounds needs a whole number from 1 to 100000, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        rounds = (size_t)v;
        rounds_set = 1;
        break;
      }
      case 'E': explain = 1; break;
      case 'M':
        if (!strcmp(optarg, "replication")) fo.eu.mode = PARLEY_EU_MODE_REPLICATION;
        else if (!strcmp(optarg, "printed")) fo.eu.mode = PARLEY_EU_MODE_PRINTED;
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
        if (parley_smp_set(&fo.smp, key, eq + 1, &err) != 0) {
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
        if (c == 'Q') fo.eu.q = v;
        else tolerance = v, tolerance_set = 1;
        break;
      }
      case 'j': json = 1; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_same_file(html, out)) {
    fprintf(stderr, "parley forecast: --html and --out name the same file\n");
    return EXIT_USAGE;
  }
  if (optind + 1 != argc || (csv && json)) {
    fprintf(stderr, "parley forecast: give one CSV file (and at most one of --csv, --json)\n\n%s", help);
    return EXIT_USAGE;
  }
  parley_model one;
  int status = EXIT_OK;
  if (!strcmp(model, "expected-utility")) {
    fo.kind = PARLEY_FORECAST_EU;
    if (rounds_set) fo.eu.rounds = rounds;
    if (tolerance_set) fo.eu.tolerance = tolerance;
  } else if (!strcmp(model, "smp")) {
    fo.kind = PARLEY_FORECAST_SMP;
    if (rounds_set) fo.smp.max_turns = fo.smp.min_turns = rounds;
    if (tolerance_set) fo.smp.stop_ratio = tolerance;
  } else if (!strcmp(model, "exchange")) {
    fo.kind = PARLEY_FORECAST_EXCHANGE;
    if (rounds_set) fo.exchange.rounds = rounds;
    if (tolerance_set) fo.exchange.tolerance = tolerance;
  } else if ((status = cli_models("forecast", model, &one, &fo.models, &fo.n_models)) != EXIT_OK) {
    return status;
  }
  parley_positions *pos = NULL;
  parley_scenario *sc = NULL; /* when the input is a scenario: its forecasts are put to its parties */
  double *table = NULL;
  if ((status = cli_load_positions(argv[optind], capability, &pos, &fo.capability, &table, &sc)) != EXIT_OK) return status;
  fo.scenario = sc;
  parley_forecast *fc = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0;
  /* progress on a terminal where the run may take a while (it grows with the cube of the actors) */
  fo.progress = cli_progress;
  fo.progress_user = parley_positions_actor_count(pos) >= 100 ? (void *)"forecasting" : NULL;
  cli_cancellable(1);
  int rc = parley_forecast_run(pos, &fo, &fc, &err);
  cli_cancellable(0);
  for (size_t k = 0; rc == 0 && k < parley_forecast_run_count(fc); k++) {
    const parley_error *e = parley_forecast_run_error(fc, k);
    if (!e) continue;
    cli_print_error(e);
    status = cli_exit_code(e->code);
  }
  const parley_format format = csv ? PARLEY_FORMAT_CSV : json ? PARLEY_FORMAT_JSON : PARLEY_FORMAT_TEXT;
  if (rc == 0) rc = parley_report_forecast(fc, format, explain, &text, &len, &err);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
  } else if (html && (cli_check_output("forecast", html) || (out && cli_check_output("forecast", out)))) {
    status = EXIT_FAILURE_RUN;
  } else {
    int ws = EXIT_OK;
    if (html) {
      parley_html *h = parley_html_new(argv[optind]);
      const int hr = h ? parley_html_add_forecast(h, fc, &err) : PARLEY_ERR_NOMEM;
      ws = hr ? (cli_print_error(&err), cli_exit_code(hr)) : cli_write_html(html, h);
      parley_html_free(h);
    }
    if (ws == EXIT_OK) ws = cli_write("forecast", out, text, len);
    if (ws != EXIT_OK) status = ws;
  }
  parley_string_free(text);
  parley_forecast_free(fc);
  free(table);
  parley_positions_free(pos);
  parley_scenario_free(sc);
  return status;
}
