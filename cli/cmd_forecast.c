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
    "actor, capability, position, salience) or the DEU III CSV (docs/forecasting.md).\n"
    "\n"
    "options:\n"
    "  --model NAME       mean, median, compromise, weighted-median, or all (default all)\n"
    "  --capability C     equal, votes, data (the file's own), or a CSV of actor,capability;\n"
    "                     default: data when the file gives capabilities, else equal\n"
    "  --csv              print CSV (issue, model, forecast, outcome)\n"
    "  --json             print JSON\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 2 bad command line, 3 bad input.\n";

int cmd_forecast(int argc, char **argv) {
  static const struct option opts[] = {{"model", required_argument, 0, 'm'},
                                       {"capability", required_argument, 0, 'c'},
                                       {"csv", no_argument, 0, 'v'},
                                       {"json", no_argument, 0, 'j'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *model = "all", *capability = NULL;
  int csv = 0, json = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'm': model = optarg; break;
      case 'c': capability = optarg; break;
      case 'v': csv = 1; break;
      case 'j': json = 1; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (optind + 1 != argc || (csv && json)) {
    fprintf(stderr, "parley forecast: give one CSV file (and at most one of --csv, --json)\n\n%s", help);
    return EXIT_USAGE;
  }
  int first = 0, last = PARLEY_MODEL_COUNT - 1;
  if (strcmp(model, "all") != 0) {
    first = last = parley_model_find(model);
    if (first < 0) {
      fprintf(stderr, "parley forecast: unknown model '%s' (mean, median, compromise, weighted-median, all)\n", model);
      return EXIT_USAGE;
    }
  }
  parley_diagnostics *d = parley_diagnostics_new();
  parley_positions *pos = NULL;
  parley_error err = {0};
  int rc = d ? parley_positions_read_file(argv[optind], NULL, &pos, d, &err) : PARLEY_ERR_NOMEM;
  if (rc) {
    cli_print_diagnostics(d);
    parley_diagnostics_free(d);
    return rc == PARLEY_ERR_IO ? EXIT_INPUT : cli_exit_code(rc);
  }
  parley_diagnostics_free(d);
  parley_capability cap;
  double *table = NULL;
  int status = cli_capability(capability, pos, &cap, &table);
  if (status != EXIT_OK) {
    parley_positions_free(pos);
    return status;
  }
  const size_t N = parley_positions_issue_count(pos);
  if (csv) printf("issue,model,forecast,outcome\n");
  else if (json) printf("{\"source\":\"%s\",\"forecasts\":[", argv[optind]);
  else printf("parley forecast of %s (%zu issue%s, %zu actors)\n\n%-32s %-16s %10s %10s\n", argv[optind], N,
              N == 1 ? "" : "s", parley_positions_actor_count(pos), "issue", "model", "forecast", "outcome");
  int firstj = 1;
  for (size_t i = 0; i < N; i++) {
    double o = parley_positions_outcome(pos, i);
    for (int m = first; m <= last; m++) {
      double f;
      int ok = parley_forecast_issue(pos, i, (parley_model)m, &cap, &f) == 0;
      const char *id = parley_positions_issue_id(pos, i), *name = parley_model_name((parley_model)m);
      if (csv) {
        printf("%s,%s,", id, name);
        if (ok) printf("%.6f", f);
        printf(",");
        if (!isnan(o)) printf("%.6f", o);
        printf("\n");
      } else if (json) {
        printf("%s\n {\"issue\":\"%s\",\"model\":\"%s\",\"forecast\":", firstj ? "" : ",", id, name);
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
  free(table);
  parley_positions_free(pos);
  return EXIT_OK;
}
