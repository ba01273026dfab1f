/* cmd_offers.c — `parley offers`: the packages that give one party a utility in a window, and
 * the one among them another party values most; one query, or a stream of them answered from
 * one index, for an agent that asks every round. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    "  --genius           read a GENIUS domain and its profiles\n"
    "  --max-outcomes N   refuse outcome spaces larger than N (default 1e7; the index holds\n"
    "                     16 bytes per package, twice that while it is built)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not finish, 2 bad command line, 3 bad input file or query.\n";

typedef struct offers_ctx {
  const parley_scenario *sc;
  const parley_offer_index *ix;
  size_t party;
  uint64_t limit; /* UINT64_MAX: all */
  uint32_t *pkg;
} offers_ctx;

/* A party by id, or by number from 1; -1 when neither. */
static long find_party(const parley_scenario *sc, const char *s) {
  long p = parley_party_find(sc, s);
  if (p >= 0) return p;
  char *end;
  errno = 0;
  long k = strtol(s, &end, 10);
  if (end != s && !*end && !errno && k >= 1 && (size_t)k <= parley_party_count(sc)) return k - 1;
  return -1;
}

static void no_such_party(const char *what, const parley_scenario *sc, const char *s) {
  fprintf(stderr, "parley offers: %s '%s' is not a party of %s; its parties are", what, s,
          parley_scenario_source(sc));
  for (size_t p = 0; p < parley_party_count(sc); p++)
    fprintf(stderr, "%s %s (%zu)", p ? "," : "", parley_party_id(sc, p), p + 1);
  fputc('\n', stderr);
}

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

static void text_package(const parley_scenario *sc, const uint32_t *pkg) {
  for (size_t i = 0; i < parley_issue_count(sc); i++)
    printf("%s%s=%s", i ? ", " : "", parley_issue_id(sc, i), parley_option_id(sc, i, pkg[i]));
}

static void json_number(double x) {
  if (!isfinite(x)) fputs("null", stdout);
  else printf("%.10g", x == 0 ? 0 : x);
}

static void json_package(const parley_scenario *sc, const uint32_t *pkg) {
  putchar('{');
  for (size_t i = 0; i < parley_issue_count(sc); i++) {
    if (i) putchar(',');
    cli_json_string(parley_issue_id(sc, i));
    putchar(':');
    cli_json_string(parley_option_id(sc, i, pkg[i]));
  }
  putchar('}');
}

/* Walks the window from the top for listing: highest utility first, and within a run of
 * equal utilities in package order. Start with run_lo = run_end = at = first + n; call at most
 * n times. */
typedef struct lister {
  const parley_offer_index *ix;
  size_t first, run_lo, run_end, at;
} lister;

static size_t lister_next(lister *L) {
  if (L->at == L->run_end) { /* this run is done: find the one below */
    double u, v;
    L->run_end = L->run_lo;
    size_t lo = L->run_end - 1;
    parley_offer_index_get(L->ix, lo, NULL, &u);
    while (lo > L->first && parley_offer_index_get(L->ix, lo - 1, NULL, &v) == 0 && v == u) lo--;
    L->run_lo = L->at = lo;
  }
  return L->at++;
}

/* One answer as a JSON object (no newline); line > 0 adds the query's line number. */
static int answer_json(const offers_ctx *c, double lo, double hi, long opponent, size_t line) {
  const parley_scenario *sc = c->sc;
  size_t first, n = parley_offer_index_range(c->ix, lo, hi, &first);
  putchar('{');
  if (line) printf("\"line\":%zu,", line);
  fputs("\"party\":", stdout);
  cli_json_string(parley_party_id(sc, c->party));
  fputs(",\"range\":[", stdout);
  json_number(lo);
  putchar(',');
  json_number(hi);
  printf("],\"indexed\":%zu,\"count\":%zu", parley_offer_index_size(c->ix), n);
  if (opponent >= 0) {
    double own, opp;
    int rc = parley_offer_index_best_party(c->ix, lo, hi, (size_t)opponent, c->pkg, &own, &opp);
    fputs(",\"opponent\":", stdout);
    cli_json_string(parley_party_id(sc, (size_t)opponent));
    fputs(",\"best\":", stdout);
    if (rc == 0) {
      fputs("{\"package\":", stdout);
      json_package(sc, c->pkg);
      fputs(",\"utility\":", stdout);
      json_number(own);
      fputs(",\"opponent_utility\":", stdout);
      json_number(opp);
      putchar('}');
    } else if (rc == PARLEY_ERR_INVALID) {
      fputs("null", stdout);
    } else {
      return rc;
    }
  }
  uint64_t listed = n < c->limit ? n : c->limit;
  if (listed || !line) {
    fputs(",\"packages\":[", stdout);
    lister L = {c->ix, first, first + n, first + n, first + n};
    for (uint64_t k = 0; k < listed; k++) {
      double u;
      parley_offer_index_get(c->ix, lister_next(&L), c->pkg, &u);
      fputs(k ? ",{\"package\":" : "{\"package\":", stdout);
      json_package(sc, c->pkg);
      fputs(",\"utility\":", stdout);
      json_number(u);
      if (opponent >= 0) {
        fputs(",\"opponent_utility\":", stdout);
        json_number(parley_utility(sc, (size_t)opponent, c->pkg));
      }
      putchar('}');
    }
    putchar(']');
  }
  putchar('}');
  return 0;
}

/* A count with thousands separators, as the analysis report writes them. */
static void print_count(uint64_t v) {
  char d[24];
  int len = snprintf(d, sizeof d, "%llu", (unsigned long long)v);
  for (int i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0) putchar(',');
    putchar(d[i]);
  }
}

static void text_bound(double x, int open_low) {
  if (isinf(x)) fputs(open_low ? "-inf" : "+inf", stdout);
  else printf("%g", x);
}

static int answer_text(const offers_ctx *c, double lo, double hi, long opponent) {
  const parley_scenario *sc = c->sc;
  const char *pid = parley_party_id(sc, c->party);
  size_t first, n = parley_offer_index_range(c->ix, lo, hi, &first), total = parley_offer_index_size(c->ix);
  uint64_t all = parley_outcome_count(sc);
  if (isinf(lo) && isinf(hi)) {
    printf("%s: all ", pid);
    print_count(total);
    fputs(" of its packages (no --range)\n", stdout);
  } else {
    printf("%s: ", pid);
    print_count(n);
    fputs(" of its ", stdout);
    print_count(total);
    fputs(n == 1 ? " packages gives a utility in [" : " packages give a utility in [", stdout);
    text_bound(lo, 1);
    fputs(", ", stdout);
    text_bound(hi, 0);
    fputs("]\n", stdout);
  }
  if (all > total) {
    putchar('(');
    print_count(all - total);
    fputs(" of the ", stdout);
    print_count(all);
    printf(" packages cross %s's red lines and are not indexed)\n", pid);
  }
  if (opponent >= 0) {
    const char *qid = parley_party_id(sc, (size_t)opponent);
    double own, opp;
    int rc = parley_offer_index_best_party(c->ix, lo, hi, (size_t)opponent, c->pkg, &own, &opp);
    if (rc == 0) {
      printf("\nbest for %s: %s %.4f, %s %.4f\n  ", qid, qid, opp, pid, own);
      text_package(sc, c->pkg);
      putchar('\n');
    } else if (rc == PARLEY_ERR_INVALID) {
      printf("\nbest for %s: none (%s)\n", qid, n ? "every package of the window crosses its red lines" : "the window is empty");
    } else {
      return rc;
    }
  }
  uint64_t listed = n < c->limit ? n : c->limit;
  if (listed) {
    if (listed < n) printf("\nthe first %llu of the window, %s's highest first:\n", (unsigned long long)listed, pid);
    else printf("\nthe window, %s's highest first:\n", pid);
    if (opponent >= 0) printf("  %-8s %-8s package\n", pid, parley_party_id(sc, (size_t)opponent));
    lister L = {c->ix, first, first + n, first + n, first + n};
    for (uint64_t k = 0; k < listed; k++) {
      double u;
      parley_offer_index_get(c->ix, lister_next(&L), c->pkg, &u);
      printf("  %-8.4f ", u);
      if (opponent >= 0) printf("%-8.4f ", parley_utility(sc, (size_t)opponent, c->pkg));
      text_package(sc, c->pkg);
      putchar('\n');
    }
    if (listed < n) {
      fputs("  ... and ", stdout);
      print_count(n - listed);
      fputs(" more (--limit)\n", stdout);
    }
  }
  return 0;
}

/* Reads queries line by line and answers each on one line. Returns an exit code. */
static int serve(const offers_ctx *c, const char *path, long opponent) {
  FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
  const char *name = strcmp(path, "-") ? path : "<stdin>";
  if (!f) {
    fprintf(stderr, "parley offers: cannot open %s: %s\n", path, strerror(errno));
    return EXIT_INPUT;
  }
  char *line = NULL;
  size_t cap = 0, no = 0;
  int status = EXIT_OK;
  ssize_t len;
  while ((len = getline(&line, &cap, f)) != -1) {
    no++;
    char *s = line;
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '#' || *s == '\n' || *s == '\r' || !*s) continue;
    char lo_s[64], hi_s[64], opp_s[256], extra[2];
    int k = sscanf(s, "%63s %63s %255s %1s", lo_s, hi_s, opp_s, extra);
    double lo = NAN, hi = NAN;
    char *end;
    const char *why = NULL;
    long opp = opponent;
    if (k < 2 || k > 3) why = "a query is 'LO HI' or 'LO HI OPPONENT'";
    if (!why) {
      lo = strtod(lo_s, &end);
      if (*end || isnan(lo)) why = "LO is not a number";
    }
    if (!why) {
      hi = strtod(hi_s, &end);
      if (*end || isnan(hi)) why = "HI is not a number";
      else if (hi < lo) why = "HI is below LO";
    }
    if (!why && k == 3 && (opp = find_party(c->sc, opp_s)) < 0) why = "OPPONENT is not a party of the scenario";
    if (why) {
      fprintf(stderr, "%s:%zu: error: %s\n", name, no, why);
      printf("{\"line\":%zu,\"error\":", no);
      cli_json_string(why);
      puts("}");
      status = EXIT_INPUT;
    } else {
      int rc = answer_json(c, lo, hi, opp, no);
      putchar('\n');
      if (rc) {
        fprintf(stderr, "parley offers: out of memory\n");
        status = EXIT_FAILURE_RUN;
        break;
      }
    }
    if (fflush(stdout) != 0) {
      fprintf(stderr, "parley offers: cannot write to standard output\n");
      status = EXIT_FAILURE_RUN;
      break;
    }
  }
  if (ferror(f) && status == EXIT_OK) {
    fprintf(stderr, "parley offers: error reading %s\n", name);
    status = EXIT_INPUT;
  }
  free(line);
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
                                       {"genius", no_argument, 0, 'g'},
                                       {"max-outcomes", required_argument, 0, 'm'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
  const char *party_s = NULL, *opp_s = NULL, *queries = NULL;
  double lo = -INFINITY, hi = INFINITY;
  uint64_t limit = 10, max_outcomes = 10000000;
  int json = 0, genius = 0, limit_given = 0, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'p': party_s = optarg; break;
      case 'o': opp_s = optarg; break;
      case 'q': queries = optarg; break;
      case 'j': json = 1; break;
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
  if (queries && !limit_given) limit = 0;
  parley_diagnostics *d = parley_diagnostics_new();
  parley_scenario *sc = NULL;
  parley_offer_index *ix = NULL;
  uint32_t *pkg = NULL;
  parley_error err = {0};
  int status = EXIT_OK;
  if (!d) {
    fprintf(stderr, "parley offers: out of memory\n");
    return EXIT_FAILURE_RUN;
  }
  int rc = cli_read_input((const char *const *)argv + optind, argc - optind, genius, &sc, d, &err);
  if (rc) {
    cli_print_diagnostics(d);
    status = cli_input_exit_code(rc);
    goto done;
  }
  long party = find_party(sc, party_s), opponent = -1;
  if (party < 0) {
    no_such_party("--party", sc, party_s);
    status = EXIT_USAGE;
    goto done;
  }
  if (opp_s && (opponent = find_party(sc, opp_s)) < 0) {
    no_such_party("--opponent", sc, opp_s);
    status = EXIT_USAGE;
    goto done;
  }
  rc = parley_offer_index_build(sc, (size_t)party, max_outcomes, &ix, &err);
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
  pkg = malloc((parley_issue_count(sc) + 1) * sizeof *pkg);
  if (!pkg) {
    fprintf(stderr, "parley offers: out of memory\n");
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  offers_ctx ctx = {sc, ix, (size_t)party, limit, pkg};
  if (queries) {
    status = serve(&ctx, queries, opponent);
    goto done;
  }
  rc = json ? answer_json(&ctx, lo, hi, opponent, 0) : answer_text(&ctx, lo, hi, opponent);
  if (json) putchar('\n');
  if (rc) {
    fprintf(stderr, "parley offers: out of memory\n");
    status = EXIT_FAILURE_RUN;
  } else if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "parley offers: cannot write to standard output\n");
    status = EXIT_FAILURE_RUN;
  }
done:
  free(pkg);
  parley_offer_index_free(ix);
  parley_scenario_free(sc);
  parley_diagnostics_free(d);
  return status;
}
