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
    "  --resamples N      bootstrap resamples (default 2000)\n"
    "  --seed N           bootstrap seed (default 1): the same seed gives the same figures\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 2 bad command line, 3 bad input.\n";

int cmd_backtest(int argc, char **argv) {
  static const struct option opts[] = {{"model", required_argument, 0, 'm'},
                                       {"capability", required_argument, 0, 'c'},
                                       {"min-actors", required_argument, 0, 'n'},
                                       {"per-issue", no_argument, 0, 'p'},
                                       {"from-year", required_argument, 0, 'F'},
                                       {"before-year", required_argument, 0, 'B'},
                                       {"resamples", required_argument, 0, 'r'},
                                       {"seed", required_argument, 0, 's'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *model = "all", *capability = NULL;
  uint64_t min_actors = 3, resamples = 2000, seed = 1, from_year = 0, before_year = 0;
  int per_issue = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'm': model = optarg; break;
      case 'c': capability = optarg; break;
      case 'p': per_issue = 1; break;
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
        *(c == 'n' ? &min_actors : c == 'r' ? &resamples : c == 's' ? &seed : c == 'F' ? &from_year : &before_year) = v;
        break;
      }
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (optind + 1 != argc) {
    fprintf(stderr, "parley backtest: give one CSV file\n\n%s", help);
    return EXIT_USAGE;
  }
  int first, last;
  int cs = cli_models("backtest", model, &first, &last);
  if (cs != EXIT_OK) return cs;
  parley_positions *pos = NULL;
  parley_capability cap;
  double *table = NULL;
  parley_error err = {0};
  int rc;
  if ((cs = cli_load_positions(argv[optind], capability, &pos, &cap, &table)) != EXIT_OK) return cs;
  if (!capability) capability = cap.kind == PARLEY_CAPABILITY_DATA ? "data" : "equal";
  const size_t N = parley_positions_issue_count(pos);
  const size_t cells = (size_t)(last - first + 1) * (N ? N : 1);
  double *errors = calloc(cells, sizeof *errors), *forecasts = calloc(cells, sizeof *forecasts);
  int status = errors && forecasts ? EXIT_OK : EXIT_FAILURE_RUN;
  printf("parley backtest of %s: capability %s, issues with an outcome and >= %llu actors",
         argv[optind], capability, (unsigned long long)min_actors);
  if (from_year) printf(", from %llu", (unsigned long long)from_year);
  if (before_year) printf(", before %llu", (unsigned long long)before_year);
  printf("\n");
  printf("bootstrap: %llu resamples, seed %llu; [95%% interval]\n\n", (unsigned long long)resamples,
         (unsigned long long)seed);
  printf("%-16s %5s %24s %24s %24s\n", "model", "n", "MAE", "RMSE", "median AE");
  for (int m = first; m <= last && status == EXIT_OK; m++) {
    parley_backtest bt;
    parley_backtest_filter filter = {(size_t)min_actors, (int)from_year, (int)before_year};
    rc = parley_backtest_model_filtered(pos, (parley_model)m, &cap, &filter, (size_t)resamples, seed, &bt,
                                        errors + (size_t)(m - first) * N, forecasts + (size_t)(m - first) * N, &err);
    if (rc) {
      cli_print_error(&err);
      status = cli_exit_code(rc);
      break;
    }
    printf("%-16s %5zu %7.2f [%6.2f, %6.2f] %7.2f [%6.2f, %6.2f] %7.2f [%6.2f, %6.2f]\n",
           parley_model_name((parley_model)m), bt.n, bt.mae, bt.mae_lo, bt.mae_hi, bt.rmse, bt.rmse_lo,
           bt.rmse_hi, bt.median_ae, bt.median_lo, bt.median_hi);
  }
  if (status == EXIT_OK && per_issue) {
    printf("\nissue,year,outcome");
    for (int m = first; m <= last; m++) printf(",%s,%s_error", parley_model_name((parley_model)m), parley_model_name((parley_model)m));
    printf("\n");
    for (size_t i = 0; i < N; i++) {
      printf("%s,%d,", parley_positions_issue_id(pos, i), parley_positions_issue_year(pos, i));
      double o = parley_positions_outcome(pos, i);
      if (!isnan(o)) printf("%.6f", o);
      for (int m = first; m <= last; m++) {
        double f = forecasts[(size_t)(m - first) * N + i], e = errors[(size_t)(m - first) * N + i];
        if (!isnan(e)) printf(",%.6f,%.6f", f, e);
        else printf(",,");
      }
      printf("\n");
    }
  }
  free(errors);
  free(forecasts);
  free(table);
  parley_positions_free(pos);
  return status;
}
