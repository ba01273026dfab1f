/* cmd_analyze.c — `parley analyze`: the whole-space analysis of one scenario. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
    "usage: parley analyze [OPTIONS] FILE\n"
    "       parley analyze [OPTIONS] DIR\n"
    "       parley analyze [OPTIONS] --genius DOMAIN.xml PROFILE.xml PROFILE.xml...\n"
    "\n"
    "FILE is a scenario in YAML or JSON; DIR a folder holding a GENIUS domain file and its\n"
    "profiles (one party per profile, in file-name order); --genius names them one by one.\n"
    "\n"
    "Analyses the whole outcome space of the scenario and prints:\n"
    "  - the outcome-space size, the mean utility over all packages and the opposition,\n"
    "    and each party's ideal package and utility range;\n"
    "  - the feasible set (no red line crossed, every party at or above its reservation),\n"
    "    or the smallest group of parties whose constraints together leave nothing;\n"
    "  - the Pareto frontier of the feasible set: its utility vectors, how many packages\n"
    "    reach each, and the first of them in package order;\n"
    "  - the Nash, Kalai-Smorodinsky, egalitarian and utilitarian packages, and the\n"
    "    unnormalised KS point of the ANAC literature (smallest utility spread);\n"
    "  - for each framework: who accepts it and why not, and better packages if any;\n"
    "  - the concessions each party makes at the Nash package.\n"
    "\n"
    "Methods (the report says which ran):\n"
    "  enumerate   visit every package; any profile; every count exact\n"
    "  boxes       exact frontier without enumerating, for profiles made only of\n"
    "              interaction terms with bonuses >= 0, such as the ANAC 2014\n"
    "              hyper-rectangle profiles (10^10 to 10^40 packages): each frontier\n"
    "              vector with one package that reaches it, not counting the others\n"
    "  additive    exact frontier without enumerating, for additive profiles:\n"
    "              issues linked by interaction terms or red lines are folded into\n"
    "              one (combinations crossing a red line dropped), and the groups'\n"
    "              non-dominated utility vectors summed pairwise (10^30 packages,\n"
    "              2 parties: milliseconds); counts the packages like enumeration\n"
    "  auto        (default) when the space fits --max-outcomes: the additive\n"
    "              method when it applies and finishes within half a step per\n"
    "              package with every figure enumeration gives (feasible count\n"
    "              included), else enumeration; beyond the limit, additive or boxes\n"
    "              when one applies, else refuse with a message\n"
    "\n"
    "options:\n"
    "  --genius           read a GENIUS domain and its profiles (see above)\n"
    "  --json             print a JSON document instead (docs/json-output.md)\n"
    "  --csv              print the frontier as CSV instead: one vector a line, with its\n"
    "                     first package's outcome index, the packages that reach it, an\n"
    "                     option per issue and a utility per party\n"
    "  --feasible         with --csv: list every feasible package instead (every party\n"
    "                     accepts it), with its outcome index, an option per issue and a\n"
    "                     utility per party; visits every package, so the space must fit\n"
    "                     --max-outcomes\n"
    "  --frontier         list every frontier vector in the text report\n"
    "  --all-ties         also list every package on the frontier, tied ones included (in\n"
    "                     every format; visits every package, so the space must fit\n"
    "                     --max-outcomes)\n"
    "  --out FILE         write the report to FILE (atomically) instead of standard output\n"
    "  --max-outcomes N   the enumeration limit (default 1e8): larger spaces are analysed\n"
    "                     only by the exact methods without enumeration, or refused\n"
    "  --threads N        threads to enumerate on (default: one per core); the result is the\n"
    "                     same whatever N\n"
    "  --method M         auto, enumerate, boxes or additive (default auto; see above)\n"
    "  --max-nodes N      give up the exact search after N nodes (default 2e8)\n"
    "  --at T             the scenario as it stands at time T of its clock: schedules read\n"
    "                     at T, discounts applied (docs/semantics.md, \"The deal over time\")\n"
    "  --max-frontier N   give up when the Pareto frontier passes N utility vectors\n"
    "                     (default 1e5)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not write the output, 2 bad command line, 3 bad input file,\n"
    "130 interrupted by Ctrl-C (nothing written).\n";

int cmd_analyze(int argc, char **argv) {
  static const struct option opts[] = {{"json", no_argument, 0, 'j'},
                                       {"csv", no_argument, 0, 'v'},
                                       {"genius", no_argument, 0, 'g'},
                                       {"frontier", no_argument, 0, 'f'},
                                       {"all-ties", no_argument, 0, 'T'},
                                       {"out", required_argument, 0, 'o'},
                                       {"max-outcomes", required_argument, 0, 'm'},
                                       {"at", required_argument, 0, 'A'},
                                       {"threads", required_argument, 0, 't'},
                                       {"method", required_argument, 0, 'M'},
                                       {"max-nodes", required_argument, 0, 'n'},
                                       {"max-frontier", required_argument, 0, 'F'},
                                       {"help", no_argument, 0, 'h'},
                                       {"feasible", no_argument, 0, 'E'},
                                       {0, 0, 0, 0}};
  int json = 0, csv = 0, genius = 0, feasible = 0, c;
  const char *at = NULL;
  parley_report_options ropt = {0};
  parley_analysis_options aopt = {0};
  const char *out = NULL;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'j': json = 1; break;
      case 'v': csv = 1; break;
      case 'E': feasible = 1; break;
      case 'g': genius = 1; break;
      case 'f': ropt.list_frontier = 1; break;
      case 'T': aopt.all_ties = 1; break;
      case 'o': out = optarg; break;
      case 'm':
        if (cli_parse_count(optarg, &aopt.max_outcomes)) {
          fprintf(stderr, "parley analyze: --max-outcomes needs a positive whole number, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        break;
      case 't':
        if (cli_parse_threads("analyze", optarg, &aopt.threads)) return EXIT_USAGE;
        break;
      case 'A': at = optarg; break;
      case 'M': {
        int m = parley_method_find(optarg);
        if (m < 0) {
          fprintf(stderr, "parley analyze: --method must be auto, enumerate, boxes or additive, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        aopt.method = (parley_method)m;
        break;
      }
      case 'n':
        if (cli_parse_count(optarg, &aopt.max_nodes)) {
          fprintf(stderr, "parley analyze: --max-nodes needs a positive whole number, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        break;
      case 'F':
        if (cli_parse_count(optarg, &aopt.max_frontier)) {
          fprintf(stderr, "parley analyze: --max-frontier needs a positive whole number, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_one_input("analyze", argc, optind, genius, help)) return EXIT_USAGE;
  if (json && csv) {
    fprintf(stderr, "parley analyze: give at most one of --json and --csv\n");
    return EXIT_USAGE;
  }
  if (feasible && !csv) {
    fprintf(stderr, "parley analyze: --feasible lists the feasible packages as CSV; add --csv\n");
    return EXIT_USAGE;
  }
  parley_scenario *sc = NULL;
  parley_analysis *an = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0;
  int status = EXIT_OK;
  if ((status = cli_load("analyze", (const char *const *)argv + optind, argc - optind, genius, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  if ((status = cli_at("analyze", at, &sc)) != EXIT_OK) goto done;
  /* Ctrl-C stops the work cleanly; progress shows on long runs when someone is watching */
  aopt.progress = cli_progress;
  aopt.progress_user = parley_outcome_count(sc) >= ((uint64_t)1 << 24) ? (void *)"analysing" : NULL;
  cli_cancellable(1);
  if (feasible) { /* the feasible set, not the analysis */
    rc = parley_report_feasible_csv(sc, &aopt, &text, &len, &err);
    cli_cancellable(0);
    if (rc) {
      cli_print_error(&err);
      status = cli_exit_code(rc);
      goto done;
    }
    status = cli_write("analyze", out, text, len);
    goto done;
  }
  rc = parley_analyze(sc, &aopt, &an, &err);
  cli_cancellable(0);
  if (rc == 0)
    rc = parley_report_analysis(an, &ropt, json ? PARLEY_FORMAT_JSON : csv ? PARLEY_FORMAT_CSV : PARLEY_FORMAT_TEXT, &text,
                                &len, &err);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  status = cli_write("analyze", out, text, len);
done:
  parley_string_free(text);
  parley_analysis_free(an);
  parley_scenario_free(sc);
  return status;
}
