/* cmd_amend.c — `parley amend`: the smallest change to a draft that every party accepts. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley amend [OPTIONS] FILE\n"
    "\n"
    "The packages every party accepts (no red line crossed, utility at least its reservation)\n"
    "that change the fewest issues of a draft, ranked by what the drafters lose, each with every\n"
    "party's utility and verdict. Exact on every scenario: a search over the issues changed,\n"
    "not over the packages (docs/semantics.md, \"Amendments\").\n"
    "\n"
    "options:\n"
    "  --framework ID     the draft: a framework of the scenario (default: the first)\n"
    "  --package P        the draft written out: issue=option,issue=option,... (every issue)\n"
    "  --keep-for A,B     the parties whose loss ranks the amendments (default: the drafters\n"
    "                     the mediation section names, the drafting mediator's party and those\n"
    "                     it drafts with; without one, every party)\n"
    "  --top K            how many amendments to show (default 5)\n"
    "  --max-changes M    change at most M issues (default: any number; with --samples, 2)\n"
    "  --samples N        under uncertainty instead: the packages that change at most M\n"
    "                     issues, the draft among them, ranked by the probability that every\n"
    "                     party accepts them over N draws of the uncertain numbers\n"
    "  --seed S           --samples: the seed of the draws (default 1)\n"
    "  --threads N        --samples: threads (default: one per core)\n"
    "  --json             print JSON instead of text (docs/cli.md)\n"
    "  --csv              print the amendments as CSV: rank,changed,loss, then every party's\n"
    "                     utility\n"
    "  --out FILE         write to FILE (atomically) instead of standard output\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok (whether or not an amendment exists), 1 could not write the output, 2 bad\n"
    "command line, 3 bad input file, 130 interrupted by Ctrl-C (nothing written).\n";

int cmd_amend(int argc, char **argv) {
  static const struct option opts[] = {{"framework", required_argument, 0, 'f'}, {"package", required_argument, 0, 'p'},
                                       {"keep-for", required_argument, 0, 'k'},  {"top", required_argument, 0, 'n'},
                                       {"max-changes", required_argument, 0, 'm'}, {"json", no_argument, 0, 'j'},
                                       {"csv", no_argument, 0, 'v'},             {"out", required_argument, 0, 'o'},
                                       {"samples", required_argument, 0, 's'},   {"seed", required_argument, 0, 'S'},
                                       {"threads", required_argument, 0, 't'},
                                       {"help", no_argument, 0, 'h'},            {0, 0, 0, 0}};
  parley_amend_options ao;
  parley_amend_defaults(&ao);
  const char *framework = NULL, *package = NULL, *keep_s = NULL, *out = NULL;
  int json = 0, csv = 0, c;
  parley_accept_options uo;
  parley_accept_defaults(&uo);
  uo.samples = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'f': framework = optarg; break;
      case 'p': package = optarg; break;
      case 'k': keep_s = optarg; break;
      case 'n':
        if (cli_parse_size("amend", "top", optarg, &ao.top)) return EXIT_USAGE;
        break;
      case 'm':
        if (cli_parse_size("amend", "max-changes", optarg, &ao.max_changes)) return EXIT_USAGE;
        break;
      case 's':
        if (cli_parse_u64("amend", "samples", optarg, 1, &uo.samples)) return EXIT_USAGE;
        break;
      case 'S':
        if (cli_parse_u64("amend", "seed", optarg, 0, &uo.seed)) return EXIT_USAGE;
        break;
      case 't':
        if (cli_parse_threads("amend", optarg, &uo.threads)) return EXIT_USAGE;
        break;
      case 'j': json = 1; break;
      case 'v': csv = 1; break;
      case 'o': out = optarg; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_one_input("amend", argc, optind, 0, help)) return EXIT_USAGE;
  if (json && csv) {
    fprintf(stderr, "parley amend: give at most one of --json and --csv\n");
    return EXIT_USAGE;
  }
  if (framework && package) {
    fprintf(stderr, "parley amend: give --framework or --package, not both\n");
    return EXIT_USAGE;
  }
  parley_scenario *sc = NULL;
  parley_amendments *a = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0, keep[PARLEY_MAX_PARTIES];
  uint32_t *draft = NULL;
  int status = EXIT_OK;
  if ((status = cli_load("amend", (const char *const *)argv + optind, 1, 0, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  const size_t N = parley_issue_count(sc);
  if (!(draft = malloc((N ? N : 1) * sizeof *draft))) {
    fprintf(stderr, "parley amend: out of memory\n");
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  if (cli_draft("amend", sc, framework, package, draft, NULL)) {
    status = EXIT_USAGE;
    goto done;
  }
  if (keep_s) {
    const int n = cli_parse_parties("amend", "keep-for", sc, keep_s, keep);
    if (n < 0) {
      status = EXIT_USAGE;
      goto done;
    }
    ao.keep_for = keep, ao.n_keep_for = (size_t)n;
  }
  ao.progress = cli_progress;
  uo.progress = cli_progress;
  const parley_format format = json ? PARLEY_FORMAT_JSON : csv ? PARLEY_FORMAT_CSV : PARLEY_FORMAT_TEXT;
  cli_cancellable(1);
  if (uo.samples) { /* under uncertainty */
    parley_robustness *r = NULL;
    rc = parley_amend_robust(sc, draft, ao.max_changes, &uo, ao.top, &r, &err);
    if (rc == 0) rc = parley_report_robustness(r, format, &text, &len, &err);
    parley_robustness_free(r);
  } else {
    rc = parley_amend(sc, draft, &ao, &a, &err);
    if (rc == 0) rc = parley_report_amendments(a, format, &text, &len, &err);
  }
  cli_cancellable(0);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  status = cli_write("amend", out, text, len);
done:
  parley_string_free(text);
  parley_amendments_free(a);
  free(draft);
  parley_scenario_free(sc);
  return status;
}
