/* cmd_offers.c — `parley offers`: the packages that give one party a utility in a window, and
 * the one among them another party values most; one query, or a stream of them answered from
 * one index, for an agent that asks every round. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char help[] =
    "usage: parley offers --party P [OPTIONS] FILE|DIR\n"
    "       parley offers --party P [OPTIONS] --genius DOMAIN.xml PROFILE.xml...\n"
    "\n"
    "For an agent or a mediator choosing the next offer: the packages that give party P a\n"
    "utility in a window, highest first, and among them the one another party values most.\n"
    "Every package is indexed once by P's utility (packages crossing P's red lines left\n"
    "out); each query is then a binary search and a scan of its window.\n"
    "\n"
    "options:\n"
    "  --party P          the party whose utility the window is on: its id, or its number\n"
    "                     from 1 in the scenario's order (required)\n"
    "  --range LO:HI      the window, bounds included (default: all of P's packages);\n"
    "                     LO: or :HI leave one side open\n"
    "  --opponent Q       also give the package of the window that party Q values most, by\n"
    "                     Q's whole utility (interaction terms included), passing over\n"
    "                     packages that cross Q's red lines\n"
    "  --limit N          list at most N packages of the window, P's highest first (default\n"
    "                     10, or 0 with --queries; 'all' lists every one)\n"
    "  --queries FILE     answer many queries from the one index: one per line of FILE\n"
    "                     ('-' for standard input) as 'LO HI [OPPONENT]', blank lines and\n"
    "                     lines starting with '#' skipped; each answer is one line of JSON,\n"
    "                     written as soon as it is known, so a program can keep parley\n"
    "                     running and ask each round\n"
    "  --json             print a JSON object instead of text (docs/cli.md)\n"
    "  --csv              print the packages listed as CSV (rank, utilities, an option per\n"
    "                     issue)\n"
    "  --genius           read a GENIUS domain and its profiles\n"
    "  --max-outcomes N   refuse outcome spaces larger than N (default 1e7; the index holds\n"
    "                     16 bytes per package, twice that while it is built)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not finish, 2 bad command line, 3 bad input file or query,\n"
    "130 interrupted by Ctrl-C.\n";

/* "LO:HI", either side may be empty; returns 0 on success. */
static int parse_range(const char *s, double *lo, double *hi) {
  const char *colon = strchr(s, ':');
  if (!colon) return -1;
  *lo = -INFINITY, *hi = INFINITY;
  char *end;
  if (colon != s) {
    *lo = strtod(s, &end);
    if (end != colon || isnan(*lo)) return -1;
  }
  if (colon[1]) {
    *hi = strtod(colon + 1, &end);
    if (*end || isnan(*hi)) return -1;
  }
  return *lo <= *hi ? 0 : -1;
}

static void no_such_party(const char *what, const parley_scenario *sc, const char *s) {
  fprintf(stderr, "parley offers: %s '%s' is not a party of %s; its parties are", what, s, parley_scenario_source(sc));
  for (size_t p = 0; p < parley_party_count(sc); p++)
    fprintf(stderr, "%s %s (%zu)", p ? "," : "", parley_party_id(sc, p), p + 1);
  fputc('\n', stderr);
}

/* Renders one answer (or a bad query's error) and writes it at once; returns an exit code. */
static int answer(const parley_offer_index *ix, const parley_offer_query *q, parley_format format, const char *out) {
  char *text = NULL;
  size_t len = 0;
  parley_error err = {0};
  if (parley_report_offers(ix, q, format, &text, &len, &err)) {
    cli_print_error(&err);
    return EXIT_FAILURE_RUN;
  }
  int status = cli_write("offers", out, text, len);
  parley_string_free(text);
  return status;
}

/* The longest query line read (a query is two numbers and a party id). */
#define QUERY_LINE_MAX 4096

/* Reads one line of f into line[QUERY_LINE_MAX + 1], without its line end. Returns 1 with a
 * line, 0 at the end, -1 for a line longer than QUERY_LINE_MAX, -2 for one with a NUL byte. */
static int query_line(FILE *f, char *line) {
  size_t n = 0;
  int c, nul = 0;
  while ((c = getc(f)) != EOF && c != '\n') {
    if (n == QUERY_LINE_MAX) return -1;
    if (c == 0) nul = 1;
    line[n++] = (char)c;
  }
  if (c == EOF && n == 0) return 0;
  line[n] = '\0';
  return nul ? -2 : 1;
}

/* Reads queries line by line (a stream: a pipe or a FIFO is read as the lines come) and
 * answers each on one line of JSON. A line longer than QUERY_LINE_MAX bytes ends the read.
 * Returns an exit code. */
static int serve(const parley_offer_index *ix, const char *path, const parley_offer_query *defaults) {
  FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  if (!f) {
    fprintf(stderr, "parley offers: cannot open %s: %s\n", path, strerror(errno));
    return EXIT_INPUT;
  }
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
    fprintf(stderr, "%s: error: is a folder, not a file of queries\n", name);
    if (f != stdin) fclose(f);
    return EXIT_INPUT;
  }
  char line[QUERY_LINE_MAX + 1];
  size_t no = 0;
  int status = EXIT_OK, got;
  while ((got = query_line(f, line)) != 0) {
    no++;
    if (got == -1) {
      fprintf(stderr, "%s:%zu: error: the line is longer than %d bytes; a query is 'LO HI [OPPONENT]'\n", name, no,
              QUERY_LINE_MAX);
      status = EXIT_INPUT;
      break;
    }
    if (got == -2) {
      fprintf(stderr, "%s:%zu: error: the line contains a NUL byte\n", name, no);
      status = EXIT_INPUT;
      continue;
    }
    parley_offer_query q = *defaults;
    parley_error err = {0};
    q.line = no;
    int rc = parley_offer_query_parse(line, parley_offer_index_scenario(ix), &q, &err);
    if (rc == 1) continue;
    if (rc) {
      fprintf(stderr, "%s:%zu: error: %s\n", name, no, err.message);
      q.error = err.message;
      status = EXIT_INPUT;
    }
    int ws = answer(ix, &q, PARLEY_FORMAT_JSON, NULL);
    if (ws != EXIT_OK) {
      status = ws;
      break;
    }
  }
  if (ferror(f) && status == EXIT_OK) {
    fprintf(stderr, "parley offers: error reading %s\n", name);
    status = EXIT_INPUT;
  }
  if (f != stdin) fclose(f);
  return status;
}

int cmd_offers(int argc, char **argv) {
  static const struct option opts[] = {{"party", required_argument, 0, 'p'},
                                       {"range", required_argument, 0, 'r'},
                                       {"opponent", required_argument, 0, 'o'},
                                       {"limit", required_argument, 0, 'l'},
                                       {"queries", required_argument, 0, 'q'},
                                       {"json", no_argument, 0, 'j'},
                                       {"csv", no_argument, 0, 'v'},
                                       {"genius", no_argument, 0, 'g'},
                                       {"max-outcomes", required_argument, 0, 'm'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *party_s = NULL, *opp_s = NULL, *queries = NULL;
  double lo = -INFINITY, hi = INFINITY;
  uint64_t limit = 10, max_outcomes = PARLEY_DEFAULT_MAX_INDEXED;
  int json = 0, csv = 0, genius = 0, limit_given = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'p': party_s = optarg; break;
      case 'o': opp_s = optarg; break;
      case 'q': queries = optarg; break;
      case 'j': json = 1; break;
      case 'v': csv = 1; break;
      case 'g': genius = 1; break;
      case 'r':
        if (parse_range(optarg, &lo, &hi)) {
          fprintf(stderr, "parley offers: --range needs LO:HI with LO <= HI (LO: or :HI for an open side), not '%s'\n",
                  optarg);
          return EXIT_USAGE;
        }
        break;
      case 'l':
        limit_given = 1;
        if (!strcmp(optarg, "all")) limit = UINT64_MAX;
        else if (!strcmp(optarg, "0")) limit = 0;
        else if (cli_parse_count(optarg, &limit)) {
          fprintf(stderr, "parley offers: --limit needs a whole number or 'all', not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        break;
      case 'm':
        if (cli_parse_count(optarg, &max_outcomes)) {
          fprintf(stderr, "parley offers: --max-outcomes needs a positive whole number, not '%s'\n", optarg);
          return EXIT_USAGE;
        }
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_one_input("offers", argc, optind, genius, help)) return EXIT_USAGE;
  if (!party_s) {
    fprintf(stderr, "parley offers: --party is required: whose utility is the window on?\n");
    return EXIT_USAGE;
  }
  if (json && csv) {
    fprintf(stderr, "parley offers: give at most one of --json and --csv\n");
    return EXIT_USAGE;
  }
  if (queries && !limit_given) limit = 0;
  parley_scenario *sc = NULL;
  parley_offer_index *ix = NULL;
  parley_error err = {0};
  int status = EXIT_OK;
  if ((status = cli_load("offers", (const char *const *)argv + optind, argc - optind, genius, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  parley_offer_query q = {lo, hi, parley_party_lookup(sc, party_s), limit, 0, NULL};
  const size_t party = q.opponent;
  q.opponent = PARLEY_NONE;
  if (party == PARLEY_NONE) {
    no_such_party("--party", sc, party_s);
    status = EXIT_USAGE;
    goto done;
  }
  if (opp_s && (q.opponent = parley_party_lookup(sc, opp_s)) == PARLEY_NONE) {
    no_such_party("--opponent", sc, opp_s);
    status = EXIT_USAGE;
    goto done;
  }
  rc = parley_offer_index_build(sc, party, max_outcomes, &ix, &err);
  if (rc) {
    if (rc == PARLEY_ERR_LIMIT)
      fprintf(stderr, "%s: error: the outcome space has %llu packages, more than --max-outcomes %llu; the index "
                      "holds 16 bytes per package\n",
              parley_scenario_source(sc), (unsigned long long)parley_outcome_count(sc),
              (unsigned long long)max_outcomes);
    else cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  if (queries) status = serve(ix, queries, &q);
  else status = answer(ix, &q, json ? PARLEY_FORMAT_JSON : csv ? PARLEY_FORMAT_CSV : PARLEY_FORMAT_TEXT, NULL);
done:
  parley_offer_index_free(ix);
  parley_scenario_free(sc);
  return status;
}
