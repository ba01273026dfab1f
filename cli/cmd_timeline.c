/* cmd_timeline.c — `parley timeline`: the deal over the scenario's clock. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "cli.h"

static const char help[] =
    "usage: parley timeline [OPTIONS] FILE\n"
    "\n"
    "The deal over time: the scenario as it stands at evenly spaced times over its clock\n"
    "(`time:`, and the reservations and weights that follow schedules; docs/scenario-format.md),\n"
    "each party's discount applied as d^(t / horizon). At each time: how many packages every\n"
    "party accepts, the Nash package's utilities, and whether each framework is accepted by all;\n"
    "then when a deal becomes possible and when it stops being possible, and the window in\n"
    "which each framework is acceptable to every party, their ends found to a fine precision\n"
    "between the steps (docs/semantics.md, \"The deal over time\").\n"
    "\n"
    "options:\n"
    "  --steps K          K steps over the horizon, K + 1 times (default 12)\n"
    "  --json             print JSON instead of text (docs/cli.md)\n"
    "  --csv              print one line per time\n"
    "  --html FILE        also write the HTML report to FILE: the windows in which a deal and\n"
    "                     each framework are acceptable, the feasible set and the Nash\n"
    "                     package over time (docs/report.md)\n"
    "  --out FILE         write to FILE (atomically) instead of standard output\n"
    "  --threads N        threads for each analysis (default: one per core)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not write the output, 2 bad command line, 3 bad input file, 130\n"
    "interrupted by Ctrl-C (nothing written).\n";

int cmd_timeline(int argc, char **argv) {
  static const struct option opts[] = {{"steps", required_argument, 0, 's'}, {"json", no_argument, 0, 'j'},
                                       {"csv", no_argument, 0, 'v'},           {"out", required_argument, 0, 'o'},
                                       {"threads", required_argument, 0, 't'}, {"help", no_argument, 0, 'h'},
                                       {"html", required_argument, 0, 'H'},    {0, 0, 0, 0}};
  size_t steps = 12;
  parley_analysis_options ao = {0};
  const char *out = NULL, *html = NULL;
  int json = 0, csv = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 's':
        if (cli_parse_size("timeline", "steps", optarg, &steps)) return EXIT_USAGE;
        break;
      case 'j': json = 1; break;
      case 'v': csv = 1; break;
      case 'o': out = optarg; break;
      case 'H': html = optarg; break;
      case 't':
        if (cli_parse_threads("timeline", optarg, &ao.threads)) return EXIT_USAGE;
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_one_input("timeline", argc, optind, 0, help)) return EXIT_USAGE;
  if (json && csv) {
    fprintf(stderr, "parley timeline: give at most one of --json and --csv\n");
    return EXIT_USAGE;
  }
  if (cli_same_file(html, out)) {
    fprintf(stderr, "parley timeline: --html and --out name the same file\n");
    return EXIT_USAGE;
  }
  parley_scenario *sc = NULL;
  parley_timeline *tl = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0;
  int status = EXIT_OK;
  if ((status = cli_load("timeline", (const char *const *)argv + optind, 1, 0, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  ao.progress = cli_progress;
  ao.progress_user = (void *)"timeline";
  cli_cancellable(1);
  rc = parley_timeline_run(sc, steps, &ao, &tl, &err);
  cli_cancellable(0);
  if (rc == 0) rc = parley_report_timeline(tl, json ? PARLEY_FORMAT_JSON : csv ? PARLEY_FORMAT_CSV : PARLEY_FORMAT_TEXT, &text, &len, &err);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  if (html) {
    if (cli_check_output("timeline", html) || (out && cli_check_output("timeline", out))) {
      status = EXIT_FAILURE_RUN;
      goto done;
    }
    parley_html *h = parley_html_new(*parley_scenario_title(sc) ? parley_scenario_title(sc) : argv[optind]);
    rc = h ? parley_html_add_timeline(h, tl, &err) : PARLEY_ERR_NOMEM;
    status = rc ? (cli_print_error(&err), cli_exit_code(rc)) : cli_write_html(html, h);
    parley_html_free(h);
    if (status != EXIT_OK) goto done;
  }
  status = cli_write("timeline", out, text, len);
done:
  parley_string_free(text);
  parley_timeline_free(tl);
  parley_scenario_free(sc);
  return status;
}
