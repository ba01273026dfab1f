/* cmd_accept.c — `parley accept`: the probability that a draft is accepted when the parties'
 * preferences are uncertain. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: parley accept [OPTIONS] FILE\n"
    "\n"
    "Draws every uncertain number of the parties' profiles (docs/scenario-format.md,\n"
    "\"Uncertainty\") and judges a draft by each draw: per party, the probability that it\n"
    "accepts, with a 95% interval, and that it is the only one refusing; the probability that\n"
    "every party accepts; and per party its uncertain numbers ranked by how much they move its\n"
    "decision, so that the analyst knows which piece of intelligence to go and get\n"
    "(docs/semantics.md, \"Acceptance under uncertainty\").\n"
    "\n"
    "options:\n"
    "  --framework ID     the draft: a framework of the scenario (default: the first)\n"
    "  --package P        the draft written out: issue=option,issue=option,... (every issue)\n"
    "  --all-frameworks   every framework of the scenario, one after the other\n"
    "  --robust           instead: for every package, the probability that every party\n"
    "                     accepts it; the most robust packages, and how the bargaining\n"
    "                     solutions fare\n"
    "  --top K            --robust: how many packages to show (default 10)\n"
    "  --at T             judge the scenario as it stands at time T of its clock\n"
    "  --samples N        draws (default 10000)\n"
    "  --seed S           the seed of the draws (default 1); the same seed, the same output\n"
    "  --threads N        threads (default: one per core); the output does not depend on it\n"
    "  --json             print JSON instead of text (docs/cli.md)\n"
    "  --csv              print CSV\n"
    "  --html FILE        also write the HTML report to FILE: the probabilities with their\n"
    "                     intervals and the uncertain numbers that move the decisions most\n"
    "                     (a tornado chart); with --robust, the most robust packages\n"
    "  --out FILE         write to FILE (atomically) instead of standard output\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not write the output, 2 bad command line, 3 bad input file, 130\n"
    "interrupted by Ctrl-C (nothing written).\n";

/* The report as it grows: one draft's, or several one after the other. */
typedef struct outbuf {
  char *data;
  size_t len, cap;
} outbuf;

static int out_append(outbuf *o, const char *s, size_t n) {
  if (o->len + n + 1 > o->cap) {
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + n + 1) cap *= 2;
    char *d = realloc(o->data, cap);
    if (!d) return -1;
    o->data = d, o->cap = cap;
  }
  memcpy(o->data + o->len, s, n);
  o->len += n;
  o->data[o->len] = '\0';
  return 0;
}

int cmd_accept(int argc, char **argv) {
  static const struct option opts[] = {
      {"framework", required_argument, 0, 'f'}, {"package", required_argument, 0, 'p'}, {"all-frameworks", no_argument, 0, 'a'},
      {"robust", no_argument, 0, 'r'},          {"top", required_argument, 0, 'n'},     {"samples", required_argument, 0, 's'},
      {"seed", required_argument, 0, 'S'},      {"threads", required_argument, 0, 't'}, {"json", no_argument, 0, 'j'},
      {"csv", no_argument, 0, 'v'},             {"out", required_argument, 0, 'o'},     {"help", no_argument, 0, 'h'},
      {"at", required_argument, 0, 'A'},        {"html", required_argument, 0, 'H'},
      {0, 0, 0, 0}};
  parley_accept_options ao;
  parley_accept_defaults(&ao);
  const char *framework = NULL, *package = NULL, *out = NULL, *at = NULL, *html = NULL;
  int json = 0, csv = 0, all = 0, robust = 0, c;
  size_t top = 10;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'f': framework = optarg; break;
      case 'p': package = optarg; break;
      case 'a': all = 1; break;
      case 'A': at = optarg; break;
      case 'r': robust = 1; break;
      case 'n':
        if (cli_parse_size("accept", "top", optarg, &top)) return EXIT_USAGE;
        break;
      case 's':
        if (cli_parse_u64("accept", "samples", optarg, 1, &ao.samples)) return EXIT_USAGE;
        break;
      case 'S':
        if (cli_parse_u64("accept", "seed", optarg, 0, &ao.seed)) return EXIT_USAGE;
        break;
      case 't':
        if (cli_parse_threads("accept", optarg, &ao.threads)) return EXIT_USAGE;
        break;
      case 'j': json = 1; break;
      case 'H': html = optarg; break;
      case 'v': csv = 1; break;
      case 'o': out = optarg; break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  if (cli_one_input("accept", argc, optind, 0, help)) return EXIT_USAGE;
  if (json && csv) {
    fprintf(stderr, "parley accept: give at most one of --json and --csv\n");
    return EXIT_USAGE;
  }
  if ((framework != NULL) + (package != NULL) + all + robust > 1) {
    fprintf(stderr, "parley accept: give one of --framework, --package, --all-frameworks and --robust\n");
    return EXIT_USAGE;
  }
  if (all && csv) {
    fprintf(stderr, "parley accept: --all-frameworks prints text or JSON, not CSV\n");
    return EXIT_USAGE;
  }
  if (cli_same_file(html, out)) {
    fprintf(stderr, "parley accept: --html and --out name the same file\n");
    return EXIT_USAGE;
  }
  parley_scenario *sc = NULL;
  parley_error err = {0};
  uint32_t *draft = NULL;
  outbuf all_text = {0};
  parley_html *h = NULL;
  int status = EXIT_OK;
  if ((status = cli_load("accept", (const char *const *)argv + optind, 1, 0, &sc)) != EXIT_OK) goto done;
  int rc = 0;
  if ((status = cli_at("accept", at, &sc)) != EXIT_OK) goto done;
  if (html && (!(h = parley_html_new(*parley_scenario_title(sc) ? parley_scenario_title(sc) : argv[optind])))) {
    fprintf(stderr, "parley accept: out of memory\n");
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  const size_t N = parley_issue_count(sc), F = parley_framework_count(sc);
  const parley_format format = json ? PARLEY_FORMAT_JSON : csv ? PARLEY_FORMAT_CSV : PARLEY_FORMAT_TEXT;
  ao.progress = cli_progress;
  ao.progress_user = ao.samples >= 200000 || robust ? (void *)"drawing" : NULL; /* shown on a terminal */
  if (robust) {
    parley_robustness *r = NULL;
    cli_cancellable(1);
    rc = parley_accept_robust(sc, &ao, top, 0, &r, &err);
    cli_cancellable(0);
    char *one = NULL;
    size_t one_len = 0;
    if (rc == 0) rc = parley_report_robustness(r, format, &one, &one_len, &err);
    if (rc == 0 && h) rc = parley_html_add_robustness(h, r, &err);
    if (rc == 0 && out_append(&all_text, one, one_len)) rc = PARLEY_ERR_NOMEM;
    parley_string_free(one);
    parley_robustness_free(r);
  } else {
    /* the drafts: one, or every framework */
    size_t n = all ? F : 1, f0 = 0;
    if (!(draft = malloc((N ? N : 1) * sizeof *draft))) {
      fprintf(stderr, "parley accept: out of memory\n");
      status = EXIT_FAILURE_RUN;
      goto done;
    }
    if (cli_draft("accept", sc, framework, package, draft, &f0)) {
      status = EXIT_USAGE;
      goto done;
    }
    for (size_t k = 0; rc == 0 && k < n; k++) {
      if (!package) memcpy(draft, parley_framework_package(sc, f0 + k), N * sizeof *draft);
      parley_acceptance_estimate *e = NULL;
      cli_cancellable(1);
      rc = parley_accept(sc, draft, &ao, &e, &err);
      cli_cancellable(0);
      char *one = NULL;
      size_t one_len = 0;
      if (rc == 0) rc = parley_report_acceptance(e, format, &one, &one_len, &err);
      if (rc == 0 && h) rc = parley_html_add_acceptance(h, e, package ? NULL : parley_framework_name(sc, f0 + k), &err);
      parley_acceptance_estimate_free(e);
      if (rc == 0) {
        /* several: text one after the other, JSON as an array */
        const char *sep = !all ? "" : json ? (k ? ",\n" : "[\n") : (k ? "\n" : "");
        if (out_append(&all_text, sep, strlen(sep)) || out_append(&all_text, one, one_len)) rc = PARLEY_ERR_NOMEM;
      }
      parley_string_free(one);
    }
    if (rc == 0 && all && json && out_append(&all_text, "]\n", 2)) rc = PARLEY_ERR_NOMEM;
  }
  if (rc == PARLEY_ERR_NOMEM) err.code = rc, snprintf(err.message, sizeof err.message, "out of memory");
  if (rc) {
    cli_print_error(&err);
    status = cli_exit_code(rc);
    goto done;
  }
  if (html && (cli_check_output("accept", html) || (out && cli_check_output("accept", out)))) {
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  if (html && (status = cli_write_html(html, h)) != EXIT_OK) goto done;
  status = cli_write("accept", out, all_text.data ? all_text.data : "", all_text.len);
done:
  parley_html_free(h);
  free(all_text.data);
  free(draft);
  parley_scenario_free(sc);
  return status;
}
