/* cmd_validate.c — `parley validate`: read scenarios and list every problem. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley validate [-q] [--max-outcomes N] FILE|DIR...\n"
    "       parley validate [-q] [--max-outcomes N] --genius DOMAIN.xml PROFILE.xml...\n"
    "\n"
    "Checks each scenario file (YAML or JSON), or folder holding a GENIUS domain and its\n"
    "profiles, and reports every problem as FILE:LINE:COL: error: MESSAGE. Also checks that\n"
    "`parley analyze` can handle the outcome space: it fits the enumeration limit, or the\n"
    "exact method without enumeration applies (the line printed says which), and says\n"
    "roughly how long enumerating every package would take when that is more than half a\n"
    "minute.\n"
    "\n"
    "options:\n"
    "  --max-outcomes N   enumeration limit to check against (default 1e8)\n"
    "  --genius           the files are one GENIUS domain and its profiles\n"
    "  -q, --quiet        print nothing for valid files\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 all valid, 2 bad command line, 3 some file has a problem.\n";

/* A count of more than 15 digits in powers of ten: "1.0e+30", "about 1.8e+211" (the 212 digits
 * say nothing more). */
static void shorten_count(char *count, size_t size) {
  const size_t digits = strlen(count);
  if (digits <= 15 || size < 32) return;
  const int exact = strspn(count + 2, "0") == digits - 2;
  const char a = count[0], b = count[1];
  snprintf(count, size, "%s%c.%ce+%zu", exact ? "" : "about ", a, b, digits - 1);
}

/* How long enumerating n packages takes, said roughly: a few million to tens of millions of
 * packages a second per core, fewer with more parties (docs/performance.md). Nothing when it is
 * under half a minute. */
static void say_duration(uint64_t n, size_t parties, size_t cores, int maybe) {
  const double per_second = 2e7 / (parties > 4 ? (double)parties / 4 : 1) * (double)(cores ? cores : 1);
  const double s = (double)n / per_second;
  if (s < 30) return;
  const double x = s < 3600 ? s / 60 : s < 2 * 86400 ? s / 3600 : s / 86400;
  const char *unit = s < 3600 ? "minute" : s < 2 * 86400 ? "hour" : "day";
  const long r = x < 1.5 ? 1 : (long)(x + 0.5);
  printf("  note: %s roughly %ld %s%s on %zu core%s (Ctrl-C stops it cleanly)\n",
         maybe ? "should it come to enumerating every package, that takes" : "enumerating every package takes", r, unit,
         r == 1 ? "" : "s", cores, cores == 1 ? "" : "s");
}

/* The mediation section in a line, when there is one: who drafts with whom, the channels and the
 * beliefs. */
static void say_mediation(const parley_scenario *sc) {
  const size_t M = parley_mediator_count(sc), P = parley_party_count(sc);
  if (!M) return;
  const size_t m = parley_mediator_drafting(sc);
  printf("  mediation: %s drafts with", parley_mediator_id(sc, m));
  size_t n = 0;
  for (size_t p = 0; p < P; p++)
    if (parley_drafts_with(sc, p)) printf("%s %s", n++ ? "," : "", parley_party_id(sc, p));
  printf("; %zu mediator%s; ", M, M == 1 ? "" : "s");
  const size_t C = parley_channel_count(sc);
  if (C) printf("%zu channel%s", C, C == 1 ? "" : "s");
  else printf("everyone talks with everyone");
  const size_t B = parley_belief_count(sc);
  for (size_t k = 0; k < B; k++) {
    size_t who, about;
    parley_belief_get(sc, k, &who, &about);
    printf("%s %s about %s", k ? "," : "; beliefs:", parley_mediator_id(sc, who), parley_party_id(sc, about));
  }
  putchar('\n');
}

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
        shorten_count(count, sizeof count);
        const size_t F = parley_framework_count(sc);
        const int either = method == PARLEY_METHOD_ADDITIVE && parley_outcome_count(sc) <= max_outcomes;
        const size_t I = parley_issue_count(sc), P = parley_party_count(sc);
        printf("%s: ok (%zu issue%s, %zu part%s, %zu framework%s, %s outcomes; method %s%s)\n", argv[i], I,
               I == 1 ? "" : "s", P, P == 1 ? "y" : "ies", F, F == 1 ? "" : "s", count, parley_method_name(method),
               either ? ", or enumerate should it prove slower" : "");
        if (method == PARLEY_METHOD_ENUMERATE || either)
          say_duration(parley_outcome_count(sc), P, parley_default_threads(), either);
        say_mediation(sc);
        const size_t U = parley_uncertain_count(sc);
        if (U) printf("  uncertain numbers: %zu (deterministic commands use their means; parley accept draws them)\n", U);
        for (size_t k = 0; k < U; k++) {
          char desc[512];
          if (parley_uncertain_describe(sc, k, desc, sizeof desc) == 0) printf("    %s\n", desc);
        }
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
