/* cmd_mediate.c — `parley mediate`: a mediator drafts a text on what it knows (its view), and
 * every party judges it by its true profile. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley mediate [OPTIONS] FILE\n"
    "\n"
    "A mediator drafts one text from the input of the parties it drafts with, then every party\n"
    "judges it by its true profile. The mediator, whom it drafts with and who talks to whom come\n"
    "from the scenario's mediation section (docs/scenario-format.md); without one, an outside\n"
    "mediator drafts with every party. The mediator drafts on its view: the true profiles of\n"
    "the parties it drafts with, and its own when it is a party, and its beliefs about the\n"
    "parties it does not hear; the others do not shape the text (docs/semantics.md,\n"
    "\"Mediation procedures\"). A party reached through d channel links is heard every d\n"
    "steps, and its answers arrive d - 1 steps late.\n"
    "\n"
    "options:\n"
    "  --procedure NAME   how the text is drafted (default single-text):\n"
    "                     single-text  Raiffa's single text: from a start, the parties\n"
    "                                  consulted ask for the changes they most want,\n"
    "                                  and the mediator adopts those no one consulted\n"
    "                                  loses by, until none is left\n"
    "                     least-satisfied  each step the least satisfied party names the\n"
    "                                  change it most wants that keeps it at or above its\n"
    "                                  reservation, and the mediator adopts it\n"
    "                     nash         the Nash package of the mediator's view, exactly\n"
    "                     veto         baseline: a random text each step, adopted when\n"
    "                                  every party consulted prefers it\n"
    "                     hill-climb   baseline: one issue moved to a random option,\n"
    "                                  adopted when the least satisfied party gains\n"
    "                     adjusted-winner  Brams and Taylor's division of items between the\n"
    "                                  two parties of the view: each issue an item whose\n"
    "                                  options are named after the two parties, each\n"
    "                                  party's weights its points; one item may be split\n"
    "  --seed S           veto, hill-climb: the seed of the random draws (default 1)\n"
    "  --from ID          every procedure but nash: the framework to start from\n"
    "                     (default: the first, else the view's Kalai-Smorodinsky package)\n"
    "  --steps N          every procedure but nash: the most steps (default 100)\n"
    "  --shuttle          single-text, least-satisfied and the baselines: shuttle\n"
    "                     diplomacy; the mediator visits one party a step, the nearest\n"
    "                     first, and hears it at once\n"
    "  --mediator ID      who drafts: one of the scenario's mediators (default: the one the\n"
    "                     scenario names)\n"
    "  --drafts-with A,B  whose input it takes: party ids (default: the scenario's)\n"
    "  --power            nash: the asymmetric Nash package, the parties' powers as exponents\n"
    "  --compare          draft the same way with the declared group, with everyone, with\n"
    "                     each party added or left out, and with each other mediator; show\n"
    "                     every party's utility and verdict for each, and what keeping each\n"
    "                     party out of the drafting costs it\n"
    "  --json             print JSON instead of text (docs/cli.md)\n"
    "  --csv              print the verdicts as CSV\n"
    "  --out FILE         write to FILE (atomically) instead of standard output\n"
    "  --trace-csv FILE   also write the drafting trace as CSV: one line per step, with\n"
    "                     who proposed, who was consulted, what changed and every party's\n"
    "                     utility\n"
    "  --html FILE        also write the HTML report to FILE: the drafting path in a utility\n"
    "                     plane, each party's utility step by step and the verdicts; with\n"
    "                     --compare, each party's utility per drafting group and what\n"
    "                     leaving it out costs it (docs/report.md)\n"
    "  --pair A,B         --html: the two parties of the utility plane, ids or numbers from 1\n"
    "                     (default: the two the text serves least)\n"
    "  --threads N        threads for the analysis of the view (default: one per core)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok (whether or not the parties accept), 1 could not write the output, 2\n"
    "bad command line, 3 bad input file, 130 interrupted by Ctrl-C (nothing written).\n";

int cmd_mediate(int argc, char **argv) {
  static const struct option opts[] = {{"procedure", required_argument, 0, 'p'}, {"mediator", required_argument, 0, 'm'},
                                       {"drafts-with", required_argument, 0, 'd'}, {"power", no_argument, 0, 'w'},
                                       {"from", required_argument, 0, 'f'},     {"steps", required_argument, 0, 's'},
                                       {"compare", no_argument, 0, 'c'},        {"html", required_argument, 0, 'H'},
                                       {"pair", required_argument, 0, 'P'},        {"seed", required_argument, 0, 'S'},
                                       {"shuttle", no_argument, 0, 'u'},
                                       {"trace-csv", required_argument, 0, 'T'},
                                       {"json", no_argument, 0, 'j'},           {"csv", no_argument, 0, 'v'},
                                       {"out", required_argument, 0, 'o'},      {"threads", required_argument, 0, 't'},
                                       {"help", no_argument, 0, 'h'},           {0, 0, 0, 0}};
  parley_mediate_options mo;
  parley_mediate_defaults(&mo);
  const char *mediator = NULL, *group_s = NULL, *out = NULL, *from = NULL, *trace = NULL, *html = NULL, *pair_s = NULL;
  int json = 0, csv = 0, compare = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'p': {
        const int p = parley_procedure_find(optarg);
        if (p < 0) {
          fprintf(stderr, "parley mediate: unknown procedure '%s'; the procedures are:", optarg);
          for (int k = 0; k < PARLEY_PROCEDURE_COUNT; k++) fprintf(stderr, " %s", parley_procedure_name((parley_procedure)k));
          fputc('\n', stderr);
          return EXIT_USAGE;
        }
        mo.procedure = (parley_procedure)p;
        break;
      }
      case 'm': mediator = optarg; break;
      case 'd': group_s = optarg; break;
      case 'w': mo.power = 1; break;
      case 'c': compare = 1; break;
      case 'H': html = optarg; break;
      case 'P': pair_s = optarg; break;
      case 'u': mo.shuttle = 1; break;
      case 'T': trace = optarg; break;
      case 'S':
        if (cli_parse_u64("mediate", "seed", optarg, 0, &mo.seed)) return EXIT_USAGE;
        break;
      case 'f': from = optarg; break;
      case 's':
        if (cli_parse_size("mediate", "steps", optarg, &mo.max_steps)) return EXIT_USAGE;
        break;
      case 'j': json = 1; break;
      case 'v': csv = 1; break;
      case 'o': out = optarg; break;
      case 't':
        if (cli_parse_threads("mediate", optarg, &mo.analysis.threads)) return EXIT_USAGE;
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_one_input("mediate", argc, optind, 0, help)) return EXIT_USAGE;
  if (json && csv) {
    fprintf(stderr, "parley mediate: give at most one of --json and --csv\n");
    return EXIT_USAGE;
  }
  if (cli_same_file(trace, out) || cli_same_file(html, out) || cli_same_file(html, trace)) {
    fprintf(stderr, "parley mediate: --trace-csv, --html and --out name the same file\n");
    return EXIT_USAGE;
  }
  if (mo.shuttle && (mo.procedure == PARLEY_PROCEDURE_NASH || mo.procedure == PARLEY_PROCEDURE_ADJUSTED_WINNER)) {
    fprintf(stderr, "parley mediate: --shuttle goes with the procedures that step (single-text, least-satisfied, veto, "
                    "hill-climb), not with %s\n",
            parley_procedure_name(mo.procedure));
    return EXIT_USAGE;
  }
  if (trace && compare) {
    fprintf(stderr, "parley mediate: --trace-csv writes one drafting's trace; it does not go with --compare\n");
    return EXIT_USAGE;
  }
  parley_scenario *sc = NULL;
  parley_mediation_result *r = NULL;
  parley_mediation_comparison *cmp = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0, group[PARLEY_MAX_PARTIES], pair[2] = {PARLEY_NONE, PARLEY_NONE};
  int status = EXIT_OK;
  if ((status = cli_load("mediate", (const char *const *)argv + optind, 1, 0, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  if (mediator && (mo.mediator = parley_mediator_find(sc, mediator)) == PARLEY_NONE) {
    fprintf(stderr, "parley mediate: --mediator '%s' is not among the mediators of %s", mediator, parley_scenario_source(sc));
    if (!parley_mediator_count(sc)) fputs(" (it has no mediation section)", stderr);
    fputc('\n', stderr);
    status = EXIT_USAGE;
    goto done;
  }
  if (from) {
    if ((mo.from = parley_framework_find(sc, from)) == PARLEY_NONE) {
      fprintf(stderr, "parley mediate: --from '%s' is not a framework of %s\n", from, parley_scenario_source(sc));
      status = EXIT_USAGE;
      goto done;
    }
  }
  if (group_s) {
    const int n = cli_parse_parties("mediate", "drafts-with", sc, group_s, group);
    if (n < 0) {
      status = EXIT_USAGE;
      goto done;
    }
    mo.drafts_with = group, mo.n_drafts_with = (size_t)n;
  }
  if (pair_s && cli_parse_pair("mediate", sc, pair_s, pair)) {
    status = EXIT_USAGE;
    goto done;
  }
  mo.analysis.progress = cli_progress;
  cli_cancellable(1);
  const parley_format format = json ? PARLEY_FORMAT_JSON : csv ? PARLEY_FORMAT_CSV : PARLEY_FORMAT_TEXT;
  rc = compare ? parley_mediate_compare(sc, &mo, &cmp, &err) : parley_mediate(sc, &mo, &r, &err);
  cli_cancellable(0);
  if (rc == 0)
    rc = compare ? parley_report_mediation_comparison(cmp, format, &text, &len, &err)
                 : parley_report_mediation(r, format, &text, &len, &err);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  /* every output checked before any is written; then the trace, the page, the report */
  if ((trace && cli_check_output("mediate", trace)) || (html && cli_check_output("mediate", html)) ||
      (out && cli_check_output("mediate", out))) {
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  if (trace) {
    char *csv_text = NULL;
    size_t csv_len = 0;
    if (parley_report_mediation_trace(r, &csv_text, &csv_len, &err)) {
      cli_print_error(&err);
      status = EXIT_FAILURE_RUN;
      goto done;
    }
    status = cli_write_file(trace, csv_text, csv_len);
    parley_string_free(csv_text);
    if (status != EXIT_OK) goto done;
  }
  if (html) {
    parley_html *h = parley_html_new(*parley_scenario_title(sc) ? parley_scenario_title(sc) : argv[optind]);
    parley_analysis *an = compare ? NULL : cli_quiet_analysis(sc);
    rc = !h ? PARLEY_ERR_NOMEM
         : compare ? parley_html_add_mediation_comparison(h, cmp, &err)
                   : parley_html_add_mediation(h, r, an, pair[0], pair[1], &err);
    status = rc ? (cli_print_error(&err), cli_exit_code(rc)) : cli_write_html(html, h);
    parley_analysis_free(an);
    parley_html_free(h);
    if (status != EXIT_OK) goto done;
  }
  status = cli_write("mediate", out, text, len);
done:
  parley_string_free(text);
  parley_mediation_result_free(r);
  parley_mediation_comparison_free(cmp);
  parley_scenario_free(sc);
  return status;
}
