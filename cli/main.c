/* main.c — the `parley` command: dispatches to one subcommand per file. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "usage: parley COMMAND [OPTIONS] FILE\n"
    "\n"
    "Analyse multi-party negotiations: which deals every party can accept, which is fair,\n"
    "and who must concede what; and forecast what a group of actors will decide.\n"
    "\n"
    "commands:\n"
    "  validate FILE...   check scenario files and report every problem found\n"
    "  analyze FILE       feasible set, Pareto frontier, bargaining solutions, acceptance of\n"
    "                     the scenario's frameworks and concessions at the Nash package\n"
    "                     (FILE may be a folder holding a GENIUS domain and its profiles)\n"
    "  offers FILE        the packages that give a party a utility in a window, and the\n"
    "                     best of them for another party (one query, or a stream of them)\n"
    "  amend FILE         the smallest change to a draft that every party accepts\n"
    "  accept FILE        the probability that a draft is accepted, the parties'\n"
    "                     preferences being uncertain\n"
    "  negotiate FILE     a negotiation between strategies: stacked alternating offers\n"
    "                     over rounds, with the agreement reached (or not) and its quality\n"
    "  tournament ...     negotiations between every assignment of agents to parties, on all\n"
    "                     cores: a CSV row each, and a summary per agent\n"
    "  timeline FILE      the deal over the scenario's clock: when a deal and each\n"
    "                     framework become possible, and when they stop being possible\n"
    "  mediate FILE       a mediator drafts a text from the input of the parties it drafts\n"
    "                     with; every party judges it by its true profile\n"
    "  report FILE        one self-contained HTML page with charts of the deal space and the\n"
    "                     draft (-o REPORT.html)\n"
    "  convert INPUT      GENIUS XML to a parley scenario (YAML) and back\n"
    "  forecast FILE      what each forecasting model predicts the group will decide (FILE:\n"
    "                     a scenario, or a CSV of positions: DEU III, KTAB, one issue)\n"
    "  backtest FILE      score forecasting models on decisions with known outcomes (DEU\n"
    "                     III, or a scenario whose positions give outcomes)\n"
    "  help [COMMAND]     show this help, or a command's\n"
    "\n"
    "options:\n"
    "  -h, --help         show help\n"
    "  --version          show the version\n"
    "\n"
    "Scenarios are YAML or JSON (docs/scenario-format.md), or GENIUS XML (docs/genius.md);\n"
    "forecasting reads scenarios and CSV (docs/forecasting.md). `parley help COMMAND` shows a\n"
    "command's options.\n"
    "\n"
    "Exit status: 0 ok, 1 could not finish (e.g. output not writable), 2 bad command line,\n"
    "3 bad input file, 130 interrupted by Ctrl-C (nothing written).\n";

void cli_print_error(const parley_error *e) {
  if (e->code == PARLEY_ERR_CANCELLED && cli_interrupted()) {
    if (isatty(STDERR_FILENO)) fputs("\r                \r", stderr); /* the progress line */
    fputs("parley: interrupted; nothing was written\n", stderr);
    return;
  }
  char buf[1024];
  parley_error_format(e, buf, sizeof buf);
  fprintf(stderr, "%s\n", buf);
}

void cli_print_diagnostics(const parley_diagnostics *d) {
  size_t n = parley_diagnostics_count(d), errors = 0;
  for (size_t i = 0; i < n; i++) {
    cli_print_error(parley_diagnostics_get(d, i));
    errors += parley_diagnostics_get(d, i)->code != PARLEY_WARNING;
  }
  if (errors > 1) fprintf(stderr, "%zu errors\n", errors);
}

int cli_parse_count(const char *s, uint64_t *out) {
  char *end;
  double x = strtod(s, &end);
  if (end == s || *end || !(x >= 1) || x > 1.8e19 || x != (double)(uint64_t)x) return -1;
  *out = (uint64_t)x;
  return 0;
}

int cli_parse_threads(const char *cmd, const char *s, size_t *threads) {
  uint64_t v;
  if (cli_parse_count(s, &v) || v > 1024) {
    fprintf(stderr, "parley %s: --threads needs a whole number from 1 to 1024, not '%s'\n", cmd, s);
    return -1;
  }
  *threads = (size_t)v;
  return 0;
}

int cli_at(const char *cmd, const char *at, parley_scenario **sc) {
  if (!at) return EXIT_OK;
  char *end = NULL;
  const double t = strtod(at, &end);
  if (!*at || *end || !(t >= 0)) {
    fprintf(stderr, "parley %s: --at needs a time >= 0, not '%s'\n", cmd, at);
    return EXIT_USAGE;
  }
  const double H = parley_scenario_horizon(*sc);
  if (t > H) {
    const char *unit = parley_scenario_time_unit(*sc);
    fprintf(stderr, "%s: error: --at %s is past the scenario's horizon, %g%s%s (its 'time:')\n", parley_scenario_source(*sc), at, H,
            *unit ? " " : "", unit);
    return EXIT_INPUT;
  }
  parley_scenario *later = NULL;
  parley_error err = {0};
  if (parley_scenario_at(*sc, t, &later, &err)) {
    cli_print_error(&err);
    return cli_exit_code(err.code);
  }
  parley_scenario_free(*sc);
  *sc = later;
  return EXIT_OK;
}

int cli_draft(const char *cmd, const parley_scenario *sc, const char *framework, const char *package, uint32_t *draft,
              size_t *framework_out) {
  parley_error err = {0};
  if (framework_out) *framework_out = PARLEY_NONE;
  if (package) {
    if (parley_package_parse(sc, package, draft, &err) == 0) return 0;
    fprintf(stderr, "parley %s: --package: %s\n", cmd, err.message);
    return -1;
  }
  const size_t f = framework ? parley_framework_find(sc, framework) : parley_framework_count(sc) ? 0 : PARLEY_NONE;
  if (f == PARLEY_NONE) {
    if (framework) fprintf(stderr, "parley %s: --framework '%s' is not a framework of %s\n", cmd, framework, parley_scenario_source(sc));
    else fprintf(stderr, "parley %s: %s has no frameworks; name a draft with --package issue=option,...\n", cmd, parley_scenario_source(sc));
    return -1;
  }
  memcpy(draft, parley_framework_package(sc, f), parley_issue_count(sc) * sizeof *draft);
  if (framework_out) *framework_out = f;
  return 0;
}

int cli_parse_parties(const char *cmd, const char *opt, const parley_scenario *sc, const char *s, size_t *parties) {
  int n = 0;
  char buf[4096];
  snprintf(buf, sizeof buf, "%s", s);
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    const size_t p = parley_party_find(sc, tok);
    if (p == PARLEY_NONE) {
      fprintf(stderr, "parley %s: --%s names '%s', which is not a party of %s\n", cmd, opt, tok, parley_scenario_source(sc));
      return -1;
    }
    for (int k = 0; k < n; k++)
      if (parties[k] == p) {
        fprintf(stderr, "parley %s: --%s names '%s' twice\n", cmd, opt, tok);
        return -1;
      }
    if (n == PARLEY_MAX_PARTIES) return -1;
    parties[n++] = p;
  }
  if (n == 0) fprintf(stderr, "parley %s: --%s needs at least one party id\n", cmd, opt);
  return n ? n : -1;
}

int cli_parse_u64(const char *cmd, const char *opt, const char *s, uint64_t min, uint64_t *out) {
  if (cli_parse_count(s, out) == 0 && *out >= min) return 0;
  fprintf(stderr, "parley %s: --%s needs a whole number %s, not '%s'\n", cmd, opt, min ? "> 0" : ">= 0", s);
  return -1;
}

int cli_parse_size(const char *cmd, const char *opt, const char *s, size_t *out) {
  uint64_t v;
  if (cli_parse_count(s, &v) || v > SIZE_MAX) {
    fprintf(stderr, "parley %s: --%s needs a positive whole number, not '%s'\n", cmd, opt, s);
    return -1;
  }
  *out = (size_t)v;
  return 0;
}

int cli_read_input(const char *const *paths, int n, int genius, parley_scenario **out,
                   parley_diagnostics *diags, parley_error *err) {
  int rc;
  struct stat st;
  for (int i = 0; i < n; i++) cli_note_input(paths[i]);
  if (genius) rc = parley_scenario_read_genius(paths[0], paths + 1, (size_t)(n - 1), NULL, out, diags, err);
  else if (stat(paths[0], &st) == 0 && S_ISDIR(st.st_mode)) rc = parley_scenario_read_genius_dir(paths[0], NULL, out, diags, err);
  else rc = parley_scenario_read_file(paths[0], NULL, out, diags, err);
  if (rc == 0) cli_print_diagnostics(diags); /* the warnings of a file read */
  return rc;
}

int cli_load(const char *cmd, const char *const *paths, int n, int genius, parley_scenario **out) {
  parley_diagnostics *d = parley_diagnostics_new();
  parley_error err = {0};
  if (!d) {
    fprintf(stderr, "parley %s: out of memory\n", cmd);
    return EXIT_FAILURE_RUN;
  }
  const int rc = cli_read_input(paths, n, genius, out, d, &err);
  if (rc) cli_print_diagnostics(d);
  parley_diagnostics_free(d);
  return rc ? cli_input_exit_code(rc) : EXIT_OK;
}

int cli_one_input(const char *cmd, int argc, int first, int genius, const char *help) {
  if (first >= argc) {
    fprintf(stderr, "parley %s: no scenario file given\n\n%s", cmd, help);
    return -1;
  }
  if (genius && argc - first < 2) {
    fprintf(stderr, "parley %s: --genius needs a domain file and at least one profile\n", cmd);
    return -1;
  }
  if (!genius && first + 1 < argc) {
    fprintf(stderr, "parley %s: one scenario at a time (got %d files; --genius reads a domain and its profiles)\n",
            cmd, argc - first);
    return -1;
  }
  return 0;
}

int cli_exit_code(int status) {
  switch (status) {
    case PARLEY_OK: return EXIT_OK;
    case PARLEY_ERR_SYNTAX:
    case PARLEY_ERR_INVALID:
    case PARLEY_ERR_LIMIT: return EXIT_INPUT;
    case PARLEY_ERR_ARG: return EXIT_USAGE;
    case PARLEY_ERR_CANCELLED: return EXIT_INTERRUPTED + (cli_interrupted() ? cli_interrupted() : 2);
    default: return EXIT_FAILURE_RUN;
  }
}

int cli_input_exit_code(int status) {
  return status == PARLEY_ERR_IO ? EXIT_INPUT : cli_exit_code(status);
}

static int run(int argc, char **argv);

int main(int argc, char **argv) {
  cli_mpi_init(&argc, &argv); /* parley-mpi: the processes start here; parley: nothing */
  /* under MPI only a tournament is shared between the processes; the first runs the rest */
  const int rc = cli_mpi_size() > 1 && cli_mpi_rank() != 0 && (argc < 2 || strcmp(argv[1], "tournament")) ? EXIT_OK : run(argc, argv);
  cli_mpi_finalize();
  return rc;
}

static int run(int argc, char **argv) {
  cli_guard_init();
  if (argc < 2) {
    fputs(usage, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help")) {
    fputs(usage, stdout);
    return EXIT_OK;
  }
  if (!strcmp(cmd, "--version")) {
    printf("parley %s\n", parley_version());
    return EXIT_OK;
  }
  if (!strcmp(cmd, "help")) {
    if (argc < 3) {
      fputs(usage, stdout);
      return EXIT_OK;
    }
    char *args[] = {argv[2], "--help", NULL};
    if (!strcmp(argv[2], "validate")) return cmd_validate(2, args);
    if (!strcmp(argv[2], "analyze")) return cmd_analyze(2, args);
    if (!strcmp(argv[2], "convert")) return cmd_convert(2, args);
    if (!strcmp(argv[2], "offers")) return cmd_offers(2, args);
    if (!strcmp(argv[2], "mediate")) return cmd_mediate(2, args);
    if (!strcmp(argv[2], "amend")) return cmd_amend(2, args);
    if (!strcmp(argv[2], "accept")) return cmd_accept(2, args);
    if (!strcmp(argv[2], "timeline")) return cmd_timeline(2, args);
    if (!strcmp(argv[2], "negotiate")) return cmd_negotiate(2, args);
    if (!strcmp(argv[2], "tournament")) return cmd_tournament(2, args);
    if (!strcmp(argv[2], "report")) return cmd_report(2, args);
    if (!strcmp(argv[2], "backtest")) return cmd_backtest(2, args);
    if (!strcmp(argv[2], "forecast")) return cmd_forecast(2, args);
    fprintf(stderr, "parley: unknown command '%s'\n", argv[2]);
    return EXIT_USAGE;
  }
  if (!strcmp(cmd, "validate")) return cmd_validate(argc - 1, argv + 1);
  if (!strcmp(cmd, "analyze") || !strcmp(cmd, "analyse")) return cmd_analyze(argc - 1, argv + 1);
  if (!strcmp(cmd, "convert")) return cmd_convert(argc - 1, argv + 1);
  if (!strcmp(cmd, "offers")) return cmd_offers(argc - 1, argv + 1);
  if (!strcmp(cmd, "mediate")) return cmd_mediate(argc - 1, argv + 1);
  if (!strcmp(cmd, "amend")) return cmd_amend(argc - 1, argv + 1);
  if (!strcmp(cmd, "accept")) return cmd_accept(argc - 1, argv + 1);
  if (!strcmp(cmd, "timeline")) return cmd_timeline(argc - 1, argv + 1);
  if (!strcmp(cmd, "negotiate")) return cmd_negotiate(argc - 1, argv + 1);
  if (!strcmp(cmd, "tournament")) return cmd_tournament(argc - 1, argv + 1);
  if (!strcmp(cmd, "report")) return cmd_report(argc - 1, argv + 1);
  if (!strcmp(cmd, "backtest")) return cmd_backtest(argc - 1, argv + 1);
  if (!strcmp(cmd, "forecast")) return cmd_forecast(argc - 1, argv + 1);
  fprintf(stderr, "parley: unknown command '%s'\n\n%s", cmd, usage);
  return EXIT_USAGE;
}
