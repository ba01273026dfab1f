/* cmd_validate.c — `parley validate`: read scenarios and list every problem. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley validate [-q] [--max-outcomes N] FILE|DIR...\n"
    "       parley validate [-q] [--max-outcomes N] --genius DOMAIN.xml PROFILE.xml...\n"
    "\n"
    "Checks each scenario file (YAML or JSON), or folder holding a GENIUS domain and its\n"
    "profiles, and reports every problem as FILE:LINE:COL: error: MESSAGE. Also checks that\n"
    "`parley analyze` can handle the outcome space: it fits the enumeration limit, or the\n"
    "exact method without enumeration applies (the line printed says which).\n"
    "\n"
    "options:\n"
    "  --max-outcomes N   enumeration limit to check against (default 1e8)\n"
    "  --genius           the files are one GENIUS domain and its profiles\n"
    "  -q, --quiet        print nothing for valid files\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 all valid, 2 bad command line, 3 some file has a problem.\n";

int cmd_validate(int argc, char **argv) {
  static const struct option opts[] = {{"max-outcomes", required_argument, 0, 'm'},
                                       {"quiet", no_argument, 0, 'q'},
                                       {"genius", no_argument, 0, 'g'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  uint64_t max_outcomes = PARLEY_DEFAULT_MAX_OUTCOMES;
  int quiet = 0, genius = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
    switch (c) {
      case 'm':
        if (cli_parse_count(optarg, &max_outcomes)) {
          fprintf(stderr, "parley validate: --max-outcomes needs a positive whole number, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        break;
      case 'q': quiet = 1; break;
      case 'g': genius = 1; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (optind >= argc) {
    fprintf(stderr, "parley validate: no scenario file given\n\n%s", help);
    return EXIT_USAGE;
  }
  if (genius && argc - optind < 2) {
    fprintf(stderr, "parley validate: --genius needs a domain file and at least one profile\n");
    return EXIT_USAGE;
  }
  int status = EXIT_OK;
  /* with --genius, all the files make one scenario */
  for (int i = optind; i < (genius ? optind + 1 : argc); i++) {
    parley_diagnostics *d = parley_diagnostics_new();
    parley_scenario *sc = NULL;
    parley_error err = {0};
    if (!d) {
      fprintf(stderr, "parley validate: out of memory\n");
      return EXIT_FAILURE_RUN;
    }
    int rc = cli_read_input((const char *const *)argv + i, genius ? argc - i : 1, genius, &sc, d, &err);
    if (rc == 0) {
      parley_analysis_options opt = {.max_outcomes = max_outcomes};
      parley_method method;
      if ((rc = parley_analysis_plan(sc, &opt, &method, &err)) != 0) {
        cli_print_error(&err);
      } else if (!quiet) {
        char count[1200];
        parley_outcome_count_text(sc, count, sizeof count);
        const size_t F = parley_framework_count(sc);
        const int either = method == PARLEY_METHOD_ADDITIVE && parley_outcome_count(sc) <= max_outcomes;
        const size_t I = parley_issue_count(sc), P = parley_party_count(sc);
        printf("%s: ok (%zu issue%s, %zu part%s, %zu framework%s, %s outcomes; method %s%s)\n", argv[i], I,
               I == 1 ? "" : "s", P, P == 1 ? "y" : "ies", F, F == 1 ? "" : "s", count, parley_method_name(method),
               either ? ", or enumerate should it prove slower" : "");
      }
    } else {
      cli_print_diagnostics(d);
    }
    if (rc) {
      int code = cli_input_exit_code(rc);
      if (code > status) status = code;
    }
    parley_scenario_free(sc);
    parley_diagnostics_free(d);
  }
  return status;
}
