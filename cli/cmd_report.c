/* cmd_report.c — `parley report`: the HTML report of a scenario. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley report [OPTIONS] FILE -o REPORT.html\n"
    "\n"
    "One self-contained HTML page about the scenario (a YAML or JSON file, or a folder with a\n"
    "GENIUS domain): the deal space in the utility plane of a pair of parties, with the feasible\n"
    "packages, the reservations, the Pareto frontier, the bargaining solutions and the\n"
    "frameworks (for three parties or more also the frontier in parallel coordinates); and each\n"
    "framework's utilities against the reservations, the red lines it crosses, its best one-line\n"
    "amendment, and the concessions at the Nash package. Then what applies to the scenario: with\n"
    "a mediation section, the mediator's drafting (as `parley mediate`); with uncertain numbers,\n"
    "each framework's acceptance probabilities and what moves them (as `parley accept`, 10,000\n"
    "draws, seed 1); with a clock, the deal over time (as `parley timeline`). The page fetches\n"
    "nothing, prints, and reads without JavaScript; every chart has its numbers in a folded\n"
    "table (docs/report.md).\n"
    "\n"
    "options:\n"
    "  -o, --out FILE     write the page to FILE (atomically); without it, to standard output\n"
    "  --pair A,B         the two parties of the utility plane, ids or numbers from 1\n"
    "                     (default: the two with the least above their reservation at the\n"
    "                     Nash package)\n"
    "  --title TEXT       the page's title (default: the scenario's)\n"
    "  --only-analysis    only the deal space and the draft\n"
    "  --threads N        threads for the analysis (default: one per core)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not write the output, 2 bad command line, 3 bad input file,\n"
    "130 interrupted by Ctrl-C (nothing written).\n";

/* The sections that apply besides the analysis: the mediation, acceptance under uncertainty
 * for each framework, the deal over time. */
static int add_the_rest(parley_html *h, const parley_scenario *sc, const parley_analysis *an,
                        const parley_analysis_options *aopt, parley_error *err) {
  int rc = 0;
  if (parley_mediator_count(sc)) {
    parley_mediate_options mo;
    parley_mediate_defaults(&mo);
    mo.analysis.threads = aopt->threads;
    mo.analysis.progress = cli_progress;
    parley_mediation_result *r = NULL;
    if (!(rc = parley_mediate(sc, &mo, &r, err))) rc = parley_html_add_mediation(h, r, an, PARLEY_NONE, PARLEY_NONE, err);
    parley_mediation_result_free(r);
  }
  if (!rc && parley_uncertain_count(sc)) {
    parley_accept_options uo;
    parley_accept_defaults(&uo);
    uo.threads = aopt->threads;
    uo.progress = cli_progress;
    for (size_t f = 0; !rc && f < parley_framework_count(sc); f++) {
      parley_acceptance_estimate *e = NULL;
      if (!(rc = parley_accept(sc, parley_framework_package(sc, f), &uo, &e, err)))
        rc = parley_html_add_acceptance(h, e, parley_framework_name(sc, f), err);
      parley_acceptance_estimate_free(e);
    }
  }
  if (!rc && parley_scenario_timed(sc)) {
    parley_timeline *tl = NULL;
    if (!(rc = parley_timeline_run(sc, 0, aopt, &tl, err))) rc = parley_html_add_timeline(h, tl, err);
    parley_timeline_free(tl);
  }
  return rc;
}

int cmd_report(int argc, char **argv) {
  static const struct option opts[] = {{"out", required_argument, 0, 'o'},     {"pair", required_argument, 0, 'p'},
                                       {"title", required_argument, 0, 'T'},   {"threads", required_argument, 0, 't'},
                                       {"help", no_argument, 0, 'h'},          {"only-analysis", no_argument, 0, 'A'},
                                       {0, 0, 0, 0}};
  const char *out = NULL, *pair_s = NULL, *title = NULL;
  parley_analysis_options aopt = {0};
  int c, only = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
    switch (c) {
      case 'o': out = optarg; break;
      case 'p': pair_s = optarg; break;
      case 'T': title = optarg; break;
      case 'A': only = 1; break;
      case 't':
        if (cli_parse_threads("report", optarg, &aopt.threads)) return EXIT_USAGE;
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_one_input("report", argc, optind, 0, help)) return EXIT_USAGE;
  parley_scenario *sc = NULL;
  parley_analysis *an = NULL;
  parley_html *h = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0, pair[PARLEY_MAX_PARTIES] = {PARLEY_NONE, PARLEY_NONE};
  int status = EXIT_OK;
  if ((status = cli_load("report", (const char *const *)argv + optind, 1, 0, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  if (pair_s && cli_parse_pair("report", sc, pair_s, pair)) {
    status = EXIT_USAGE;
    goto done;
  }
  if (parley_party_count(sc) < 2) {
    fprintf(stderr, "parley report: %s has one party; the report compares two or more\n", argv[optind]);
    status = EXIT_INPUT;
    goto done;
  }
  if (!title) title = *parley_scenario_title(sc) ? parley_scenario_title(sc) : argv[optind];
  if (!(h = parley_html_new(title))) {
    fprintf(stderr, "parley report: out of memory\n");
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  aopt.progress = cli_progress;
  aopt.progress_user = (void *)"analysing";
  cli_cancellable(1);
  rc = parley_analyze(sc, &aopt, &an, &err);
  if (!rc) rc = parley_html_add_analysis(h, an, pair[0], pair[1], &err);
  if (!rc && !only) rc = add_the_rest(h, sc, an, &aopt, &err);
  if (!rc) rc = parley_html_render(h, &text, &len, &err);
  cli_cancellable(0);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  status = cli_write("report", out, text, len);
done:
  parley_string_free(text);
  parley_html_free(h);
  parley_analysis_free(an);
  parley_scenario_free(sc);
  return status;
}
