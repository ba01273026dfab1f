/* cmd_backtest.c — `parley backtest`: score forecasting models against actual outcomes. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley backtest [OPTIONS] FILE\n"
    "\n"
    "Scores forecasting models on decisions with known outcomes: the DEU III CSV (columns isnr,\n"
    "p<actor>, s<actor>, rp, out), or any input forecast reads that gives outcomes, such as a\n"
    "scenario whose 'positions:' section has them (docs/forecasting.md). For each model: the\n"
    "number of issues scored, mean absolute error, root mean square error and median absolute\n"
    "error, each with a 95% bootstrap interval. An issue is scored when it has an outcome and at\n"
    "least --min-actors actors with a position and a salience.\n"
    "\n"
    "options:\n"
    "  --model NAME       mean, median, compromise, weighted-median, eu-median, eu-mean\n"
    "                     (Bueno de Mesquita's model after 10 rounds), nbs (Nash bargaining\n"
    "                     solution from the reference point), exchange (Stokman's exchange\n"
    "                     model on each proposal's issues, until no exchange is left), smp\n"
    "                     (KTAB's Spatial Model of Politics on each issue, KTAB's defaults),\n"
    "                     or all (default)\n"
    "  --capability C     equal, votes (EU Council votes: EU15 weights before 2004, Nice\n"
    "                     weights from 2004; Commission and Parliament get the largest state\n"
    "                     weight), data (the file's own), or a CSV file of actor,capability;\n"
    "                     default: data when the file gives capabilities, else equal\n"
    "  --min-actors N     actors an issue needs to be scored (default 3)\n"
    "  --from-year Y      score only proposals from year Y on\n"
    "  --before-year Y    score only proposals made before year Y (with --from-year, a\n"
    "                     train/test split: fit on one, report on the other)\n"
    "  --per-issue        also print every issue's forecast, outcome and error per model (CSV)\n"
    "  --json             print JSON (every figure; each issue's forecasts with --per-issue)\n"
    "  --csv              print CSV: one line per model, or per issue and model with --per-issue\n"
    "  --out FILE         write to FILE (atomically) instead of standard output\n"
    "  --html FILE        also write the HTML report to FILE: each model's errors with\n"
    "                     their 95% intervals (docs/report.md)\n"
    "  --max-actors N     refuse more than N actors for the expected-utility and SMP models\n"
    "                     (default 300)\n"
    "  --threads N        issues forecast at once (default: one per core); the figures are the\n"
    "                     same whatever N\n"
    "  --resamples N      bootstrap resamples (default 2000, at most 1e6)\n"
    "  --seed N           bootstrap seed (default 1): the same seed gives the same figures\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not finish (e.g. output not writable), 2 bad command line,\n"
    "3 bad input (or a model with no issue to score), 130 interrupted by Ctrl-C (nothing written).\n";

int cmd_backtest(int argc, char **argv) {
  static const struct option opts[] = {{"model", required_argument, 0, 'm'},
                                       {"capability", required_argument, 0, 'c'},
                                       {"min-actors", required_argument, 0, 'n'},
                                       {"per-issue", no_argument, 0, 'p'},
                                       {"from-year", required_argument, 0, 'F'},
                                       {"before-year", required_argument, 0, 'B'},
                                       {"resamples", required_argument, 0, 'r'},
                                       {"seed", required_argument, 0, 's'},
                                       {"json", no_argument, 0, 'j'},
                                       {"csv", no_argument, 0, 'v'},
                                       {"out", required_argument, 0, 'o'},
                                       {"html", required_argument, 0, 'H'},
                                       {"threads", required_argument, 0, 't'},
                                       {"max-actors", required_argument, 0, 'A'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *model = "all", *capability = NULL, *out = NULL, *html = NULL;
  uint64_t min_actors = 3, resamples = 2000, seed = 1, from_year = 0, before_year = 0;
  int per_issue = 0, json = 0, csv = 0, c;
  parley_backtest_options bo;
  parley_backtest_defaults(&bo);
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'm': model = optarg; break;
      case 'c': capability = optarg; break;
      case 'p': per_issue = 1; break;
      case 'j': json = 1; break;
      case 'v': csv = 1; break;
      case 'o': out = optarg; break;
      case 'H': html = optarg; break;
      case 't':
        if (cli_parse_threads("backtest", optarg, &bo.threads)) return EXIT_USAGE;
        break;
      case 'A':
        if (cli_parse_size("backtest", "max-actors", optarg, &bo.max_actors)) return EXIT_USAGE;
        break;
      case 'n':
      case 'r':
      case 's':
      case 'F':
      case 'B': {
        uint64_t v;
        const char *name = c == 'n' ? "min-actors" : c == 'r' ? "resamples" : c == 's' ? "seed" : c == 'F' ? "from-year" : "before-year";
        if (cli_parse_count(optarg, &v) || ((c == 'F' || c == 'B') && (v < 1900 || v > 2200))) {
          fprintf(stderr, "parley backtest: --%s needs a %s, not '%s'\n", name,
                  c == 'F' || c == 'B' ? "year" : "positive whole number", optarg);
          return EXIT_USAGE;
        }
        if (c == 'r' && v > PARLEY_BACKTEST_MAX_RESAMPLES) {
          fprintf(stderr, "parley backtest: --resamples takes at most %zu, not '%s'\n", PARLEY_BACKTEST_MAX_RESAMPLES, optarg);
          return EXIT_USAGE;
        }
        *(c == 'n' ? &min_actors : c == 'r' ? &resamples : c == 's' ? &seed : c == 'F' ? &from_year : &before_year) = v;
        break;
      }
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_same_file(html, out)) {
    fprintf(stderr, "parley backtest: --html and --out name the same file\n");
    return EXIT_USAGE;
  }
  if (optind + 1 != argc || (csv && json)) {
    fprintf(stderr, "parley backtest: give one CSV file (and at most one of --csv, --json)\n\n%s", help);
    return EXIT_USAGE;
  }
  parley_model one;
  int status = cli_models("backtest", model, &one, &bo.models, &bo.n_models);
  if (status != EXIT_OK) return status;
  bo.min_actors = (size_t)min_actors;
  bo.resamples = (size_t)resamples;
  bo.seed = seed;
  bo.from_year = (int)from_year;
  bo.before_year = (int)before_year;
  parley_positions *pos = NULL;
  double *table = NULL;
  if ((status = cli_load_positions(argv[optind], capability, &pos, &bo.capability, &table, NULL)) != EXIT_OK) return status;
  parley_backtest *bt = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0;
  bo.progress = cli_progress;
  bo.progress_user = "backtesting";
  cli_cancellable(1);
  int rc = parley_backtest_run(pos, &bo, &bt, &err);
  cli_cancellable(0);
  for (size_t k = 0; rc == 0 && k < parley_backtest_options_get(bt)->n_models; k++) {
    const parley_error *e = parley_backtest_model_error(bt, k);
    if (!e) continue;
    cli_print_error(e);
    status = cli_exit_code(e->code);
  }
  const parley_format format = csv ? PARLEY_FORMAT_CSV : json ? PARLEY_FORMAT_JSON : PARLEY_FORMAT_TEXT;
  if (rc == 0) rc = parley_report_backtest(bt, format, per_issue, &text, &len, &err);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
  } else if (html && (cli_check_output("backtest", html) || (out && cli_check_output("backtest", out)))) {
    status = EXIT_FAILURE_RUN;
  } else {
    int ws = EXIT_OK;
    if (html) {
      parley_html *h = parley_html_new(argv[optind]);
      const int hr = h ? parley_html_add_backtest(h, bt, &err) : PARLEY_ERR_NOMEM;
      ws = hr ? (cli_print_error(&err), cli_exit_code(hr)) : cli_write_html(html, h);
      parley_html_free(h);
    }
    if (ws == EXIT_OK) ws = cli_write("backtest", out, text, len);
    if (ws != EXIT_OK) status = ws;
  }
  parley_string_free(text);
  parley_backtest_free(bt);
  free(table);
  parley_positions_free(pos);
  return status;
}
