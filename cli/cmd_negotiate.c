/* cmd_negotiate.c — `parley negotiate`: one session of stacked alternating offers between
 * strategies. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley negotiate [OPTIONS] FILE|DIR\n"
    "\n"
    "Runs one negotiation: stacked alternating offers between the parties, each played by a\n"
    "strategy, until every other party accepts the standing offer or the rounds run out\n"
    "(docs/semantics.md, \"Negotiation\"). Prints the agreement or why there is none, when it\n"
    "came, each party's utility (discounted) against its reservation, the welfare, and the\n"
    "distance of the agreement to the Pareto frontier and to the Nash package. FILE may be a\n"
    "folder holding a GENIUS domain and its profiles.\n"
    "\n"
    "options:\n"
    "  --agent PARTY=SPEC the strategy of a party (id or number from 1), as NAME[:key=value,...]\n"
    "                     (default boulware for everyone); the strategies:\n"
    "                       boulware, linear, conceder, hardliner, time:e=E (time-dependent),\n"
    "                       tit-for-tat, micro, random; keys: model=frequency|none|perfect,\n"
    "                       ac=next|const:X|time:T|combi:T, walk=T (walk away at the first\n"
    "                       turn from time T on at which it does not accept)\n"
    "  --rounds R         the deadline in rounds; each party acts once a round (default 100)\n"
    "  --seed S           the seed of the random choices (default 1)\n"
    "  --order A,B,...    the order in which the parties act (default: the file's)\n"
    "  --trace            also list every action: time, party, offer or acceptance, package\n"
    "  --trace-csv FILE   write every action as CSV to FILE (atomically)\n"
    "  --html FILE        also write the HTML report of the session to FILE: each party's\n"
    "                     utility over time and the offers in the utility plane with the\n"
    "                     frontier, the Nash package and the agreement (docs/report.md)\n"
    "  --pair A,B         --html: the two parties of the utility plane, ids or numbers from 1\n"
    "                     (default: the first two)\n"
    "  --json             print JSON instead of text (docs/cli.md)\n"
    "  --out FILE         write to FILE (atomically) instead of standard output\n"
    "  --genius           FILE names a GENIUS domain file and its profiles follow\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok (agreement or not), 1 could not write the output, 2 bad command line, 3\n"
    "bad input file, 130 interrupted by Ctrl-C (nothing written).\n";

int cmd_negotiate(int argc, char **argv) {
  static const struct option opts[] = {{"agent", required_argument, 0, 'a'}, {"rounds", required_argument, 0, 'r'},
                                       {"seed", required_argument, 0, 'S'},  {"order", required_argument, 0, 'O'},
                                       {"trace", no_argument, 0, 'T'},       {"trace-csv", required_argument, 0, 'C'},
                                       {"json", no_argument, 0, 'j'},        {"out", required_argument, 0, 'o'},
                                       {"genius", no_argument, 0, 'g'},      {"help", no_argument, 0, 'h'},
                                       {"html", required_argument, 0, 'H'},  {"pair", required_argument, 0, 'P'},
                                       {0, 0, 0, 0}};
  parley_negotiate_options no;
  parley_negotiate_defaults(&no);
  const char *agent_s[PARLEY_MAX_PARTIES * 2], *order_s = NULL, *out = NULL, *trace_csv = NULL, *html = NULL,
             *pair_s = NULL;
  size_t n_agent = 0;
  int json = 0, trace = 0, genius = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'a':
        if (n_agent == sizeof agent_s / sizeof *agent_s) {
          fprintf(stderr, "parley negotiate: too many --agent options\n");
          return EXIT_USAGE;
        }
        agent_s[n_agent++] = optarg;
        break;
      case 'r':
        if (cli_parse_size("negotiate", "rounds", optarg, &no.rounds) || no.rounds == 0) {
          if (no.rounds == 0) fprintf(stderr, "parley negotiate: --rounds needs at least 1\n");
          return EXIT_USAGE;
        }
        break;
      case 'S':
        if (cli_parse_u64("negotiate", "seed", optarg, 0, &no.seed)) return EXIT_USAGE;
        break;
      case 'O': order_s = optarg; break;
      case 'T': trace = 1; break;
      case 'C': trace_csv = optarg; break;
      case 'H': html = optarg; break;
      case 'P': pair_s = optarg; break;
      case 'j': json = 1; break;
      case 'o': out = optarg; break;
      case 'g': genius = 1; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (optind >= argc) {
    fprintf(stderr, "parley negotiate: give a scenario file or a GENIUS folder\n%s", help);
    return EXIT_USAGE;
  }
  if (!genius && argc - optind > 1) {
    fprintf(stderr, "parley negotiate: one scenario at a time (--genius takes a domain and its profiles)\n");
    return EXIT_USAGE;
  }
  if (cli_same_file(trace_csv, out) || cli_same_file(html, out) || cli_same_file(html, trace_csv)) {
    fprintf(stderr, "parley negotiate: --trace-csv, --html and --out name the same file\n");
    return EXIT_USAGE;
  }
  parley_scenario *sc = NULL;
  parley_session *s = NULL;
  parley_analysis *an = NULL;
  parley_error err = {0};
  char *text = NULL;
  size_t len = 0, order[PARLEY_MAX_PARTIES], pair[PARLEY_MAX_PARTIES] = {PARLEY_NONE, PARLEY_NONE};
  parley_agent_spec agents[PARLEY_MAX_PARTIES];
  int status = EXIT_OK;
  if ((status = cli_load("negotiate", (const char *const *)argv + optind, argc - optind, genius, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  const size_t P = parley_party_count(sc);
  for (size_t p = 0; p < P; p++) agents[p] = (parley_agent_spec){.strategy = PARLEY_STRATEGY_BOULWARE, .e = 1};
  for (size_t k = 0; k < n_agent; k++) {
    const char *eq = strchr(agent_s[k], '=');
    char who[128];
    if (!eq || (size_t)(eq - agent_s[k]) >= sizeof who) {
      fprintf(stderr, "parley negotiate: --agent takes PARTY=STRATEGY, not '%s'\n", agent_s[k]);
      status = EXIT_USAGE;
      goto done;
    }
    memcpy(who, agent_s[k], (size_t)(eq - agent_s[k]));
    who[eq - agent_s[k]] = '\0';
    const size_t p = parley_party_lookup(sc, who);
    if (p == PARLEY_NONE) {
      fprintf(stderr, "parley negotiate: --agent names '%s', which is not a party of %s\n", who, parley_scenario_source(sc));
      status = EXIT_USAGE;
      goto done;
    }
    if (parley_agent_parse(eq + 1, &agents[p], &err)) {
      fprintf(stderr, "parley negotiate: --agent %s: %s\n", who, err.message);
      status = EXIT_USAGE;
      goto done;
    }
  }
  no.agents = agents;
  if (order_s) {
    const int n = cli_parse_parties("negotiate", "order", sc, order_s, order);
    if (n < 0 || (size_t)n != P) {
      if (n >= 0) fprintf(stderr, "parley negotiate: --order names %d parties; the scenario has %zu\n", n, P);
      status = EXIT_USAGE;
      goto done;
    }
    no.order = order;
  }
  if (pair_s && cli_parse_pair("negotiate", sc, pair_s, pair)) {
    status = EXIT_USAGE;
    goto done;
  }
  no.trace = trace || trace_csv || html;
  if (html) no.analysis = an = cli_quiet_analysis(sc); /* one analysis for the distances and the page */
  cli_cancellable(1);
  rc = parley_negotiate(sc, &no, &s, &err);
  cli_cancellable(0);
  if (rc == 0) rc = parley_report_session(s, json ? PARLEY_FORMAT_JSON : PARLEY_FORMAT_TEXT, trace, &text, &len, &err);
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  /* every output checked before any is written */
  if ((trace_csv && cli_check_output("negotiate", trace_csv)) || (html && cli_check_output("negotiate", html)) ||
      (out && cli_check_output("negotiate", out))) {
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  if (trace_csv) {
    char *csv = NULL;
    size_t csv_len = 0;
    if (parley_report_session_trace(s, &csv, &csv_len, &err)) {
      cli_print_error(&err);
      status = EXIT_FAILURE_RUN;
      goto done;
    }
    status = cli_write_file(trace_csv, csv, csv_len);
    parley_string_free(csv);
    if (status != EXIT_OK) goto done;
  }
  if (html) {
    parley_html *h = parley_html_new(*parley_scenario_title(sc) ? parley_scenario_title(sc) : argv[optind]);
    rc = h ? parley_html_add_session(h, s, an, pair[0], pair[1], &err) : PARLEY_ERR_NOMEM;
    status = rc ? (cli_print_error(&err), cli_exit_code(rc)) : cli_write_html(html, h);
    parley_html_free(h);
    if (status != EXIT_OK) goto done;
  }
  status = cli_write("negotiate", out, text, len);
done:
  parley_string_free(text);
  parley_session_free(s);
  parley_analysis_free(an);
  parley_scenario_free(sc);
  return status;
}
