/* cmd_tournament.c — `parley tournament`: every assignment of agents to the parties of each
 * scenario, repeated, on all cores; one CSV row per negotiation written as it goes, --resume to
 * go on after an interruption, and a summary per agent. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
    "usage: parley tournament [OPTIONS] --out FILE SCENARIO...\n"
    "\n"
    "Negotiations between strategies on each scenario (a file or a GENIUS folder): every\n"
    "assignment of the agents to its parties (both role orders for two parties), or --sample K\n"
    "of them, each repeated with its own seed from --seed. One CSV row per negotiation goes to\n"
    "FILE as it completes, in a fixed order, the same whatever the thread count; then a summary\n"
    "per agent: mean utility with a 95% interval, agreement rate, mean distances to the Pareto\n"
    "frontier and the Nash package, and the ranking (docs/cli.md).\n"
    "\n"
    "options:\n"
    "  --agents LIST      the agents, separated by spaces (a spec with options, e.g.\n"
    "                     time:e=0.5,model=none, keeps its commas), or by commas when no agent\n"
    "                     has options; --agent SPEC adds one\n"
    "  --repetitions N    of each assignment (default 1)\n"
    "  --rounds R         per negotiation (default 100)\n"
    "  --seed S           the tournament's seed (default 1)\n"
    "  --sample K         K assignments per scenario, drawn from the seed, instead of all\n"
    "  --out FILE         the rows (CSV); required\n"
    "  --resume           FILE holds the rows of an interrupted run of this same tournament:\n"
    "                     keep them and run the rest\n"
    "  --json             print the summary as JSON\n"
    "  --html FILE        also write the summary as an HTML report: the agents' mean utility\n"
    "                     with its 95% interval (docs/report.md)\n"
    "  --threads N        threads (default: one per core)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 ok, 1 could not write the rows, 2 bad command line, 3 bad input file, 130\n"
    "interrupted by Ctrl-C (the rows written so far are kept; --resume goes on).\n";

typedef struct run_ctx {
  FILE *f;           /* the rows' file; NULL: into mem (another process's block, under MPI) */
  char *mem;
  size_t mem_len, mem_cap;
  const char *const *names;
  const parley_agent_spec *agents;
  parley_tournament_summary *sum;
  uint64_t done;
} run_ctx;

static int take_row(void *user, const parley_tournament_row *r) {
  run_ctx *x = user;
  char *line = NULL;
  size_t len = 0;
  parley_error err = {0};
  if (parley_report_tournament_row(r, x->names[r->scenario], x->agents, 0, &line, &len, &err)) return PARLEY_ERR_NOMEM;
  int ok = 1;
  if (x->f) {
    ok = fwrite(line, 1, len, x->f) == len && fflush(x->f) == 0;
  } else { /* kept for the first process */
    if (x->mem_len + len + 1 > x->mem_cap) {
      size_t cap = x->mem_cap ? 2 * x->mem_cap : 65536;
      while (cap < x->mem_len + len + 1) cap *= 2;
      char *m = realloc(x->mem, cap);
      if (m) x->mem = m, x->mem_cap = cap;
      else ok = 0;
    }
    if (ok) memcpy(x->mem + x->mem_len, line, len), x->mem_len += len;
  }
  parley_string_free(line);
  if (!ok) return PARLEY_ERR_IO;
  parley_tournament_summary_add(x->sum, r->session, r->agents);
  x->done++;
  return 0;
}

/* Adds a resumed row's outcomes to the summary: the agents' specs and the utilities, by party. */
static void summarise_line(const char *line, const parley_agent_spec *agents, size_t n_agents, parley_tournament_summary *sum) {
  /* fields: job,scenario,agents,repetition,seed,end,round,time,utilities,welfare,pareto,nash,agreement;
   * the scenario may be quoted */
  char buf[8192];
  snprintf(buf, sizeof buf, "%s", line);
  char *f[13] = {0};
  size_t k = 0;
  for (char *p = buf; k < 13 && p;) {
    if (*p == '"') { /* a quoted field: to the closing quote */
      char *q = p + 1;
      while (*q && !(q[0] == '"' && q[1] != '"')) q += q[0] == '"' ? 2 : 1;
      f[k++] = p;
      p = *q ? strchr(q, ',') : NULL;
    } else {
      f[k++] = p;
      p = strchr(p, ',');
    }
    if (p) *p++ = '\0';
  }
  if (k < 12) return;
  const int agreed = !strcmp(f[5], "agreement");
  const double dp = *f[10] ? strtod(f[10], NULL) : NAN, dn = *f[11] ? strtod(f[11], NULL) : NAN;
  char *as = f[2], *us = f[8];
  for (char *a = strtok(as, "|"), *save_u = NULL, *u = strtok_r(us, "|", &save_u); a && u; a = strtok(NULL, "|"), u = strtok_r(NULL, "|", &save_u)) {
    for (size_t i = 0; i < n_agents; i++) {
      char spec[128];
      parley_agent_format(&agents[i], spec, sizeof spec);
      if (!strcmp(spec, a)) {
        parley_tournament_summary_add_values(sum, i, strtod(u, NULL), agreed, dp, dn);
        break;
      }
    }
  }
}

/* --resume: the rows already in path, complete ones only (a partial last line is cut off);
 * their count, or -1 after saying what is wrong. */
static long long resume(const char *path, const char *header, const parley_agent_spec *agents, size_t n_agents,
                        parley_tournament_summary *sum) {
  FILE *f = fopen(path, "r+");
  if (!f) return 0; /* nothing yet: start */
  char line[8192];
  long long rows = -1;
  long good = 0;
  while (fgets(line, sizeof line, f)) {
    const size_t n = strlen(line);
    if (n == 0 || line[n - 1] != '\n') break; /* a partial line: the run was cut off there */
    if (rows < 0) {
      if (strcmp(line, header)) {
        fprintf(stderr, "parley tournament: %s does not start with a tournament's header; --resume goes on with its own rows\n", path);
        fclose(f);
        return -1;
      }
      rows = 0;
    } else {
      summarise_line(line, agents, n_agents, sum);
      rows++;
    }
    good = ftell(f);
  }
  const int cut = ftruncate(fileno(f), good);
  fclose(f);
  if (cut) {
    fprintf(stderr, "parley tournament: cannot cut the partial last row of %s\n", path);
    return -1;
  }
  return rows < 0 ? 0 : rows;
}

int cmd_tournament(int argc, char **argv) {
  static const struct option opts[] = {{"agents", required_argument, 0, 'a'},      {"agent", required_argument, 0, 'A'},
                                       {"repetitions", required_argument, 0, 'n'}, {"rounds", required_argument, 0, 'r'},
                                       {"seed", required_argument, 0, 'S'},        {"sample", required_argument, 0, 'k'},
                                       {"out", required_argument, 0, 'o'},         {"resume", no_argument, 0, 'R'},
                                       {"json", no_argument, 0, 'j'},              {"threads", required_argument, 0, 't'},
                                       {"scenarios", required_argument, 0, 's'},   {"help", no_argument, 0, 'h'},
                                       {"html", required_argument, 0, 'H'},
                                       {0, 0, 0, 0}};
  parley_tournament_options to;
  parley_tournament_defaults(&to);
  char *agent_text[256];
  size_t n_text = 0;
  const char *out = NULL, *html = NULL, *scen[256];
  size_t n_scen = 0;
  int json = 0, resuming = 0, c, status = EXIT_OK;
  optind = 1;
  while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (c) {
      case 'a': { /* by spaces; by commas too when no agent has options */
        char *copy = strdup(optarg);
        if (!copy) return EXIT_FAILURE_RUN;
        const char *sep = strchr(copy, ':') ? " " : " ,";
        for (char *save = NULL, *tok = strtok_r(copy, sep, &save); tok && n_text < 256; tok = strtok_r(NULL, sep, &save))
          agent_text[n_text++] = strdup(tok);
        free(copy);
        break;
      }
      case 'A':
        if (n_text < 256) agent_text[n_text++] = strdup(optarg);
        break;
      case 'n':
        if (cli_parse_u64("tournament", "repetitions", optarg, 1, &to.repetitions)) return EXIT_USAGE;
        break;
      case 'r':
        if (cli_parse_size("tournament", "rounds", optarg, &to.rounds) || !to.rounds) return EXIT_USAGE;
        break;
      case 'S':
        if (cli_parse_u64("tournament", "seed", optarg, 0, &to.seed)) return EXIT_USAGE;
        break;
      case 'k':
        if (cli_parse_u64("tournament", "sample", optarg, 1, &to.sample)) return EXIT_USAGE;
        break;
      case 'o': out = optarg; break;
      case 'H': html = optarg; break;
      case 'R': resuming = 1; break;
      case 'j': json = 1; break;
      case 't':
        if (cli_parse_threads("tournament", optarg, &to.threads)) return EXIT_USAGE;
        break;
      case 's':
        if (n_scen < 256) scen[n_scen++] = optarg;
        break;
      case 'h': fputs(help, stdout); return EXIT_OK;
      default: fputs(help, stderr); return EXIT_USAGE;
    }
  }
  for (int i = optind; i < argc && n_scen < 256; i++) scen[n_scen++] = argv[i];
  parley_agent_spec agents[256];
  parley_scenario *sc[256] = {0};
  parley_tournament_summary *sum = NULL;
  FILE *f = NULL;
  parley_error err = {0};
  char *header = NULL, *text = NULL;
  size_t len = 0;
  if (!n_text || !n_scen || !out) {
    fprintf(stderr, "parley tournament: give --agents, --out and at least one scenario\n%s", help);
    status = EXIT_USAGE;
    goto done;
  }
  for (size_t k = 0; k < n_text; k++)
    if (!agent_text[k] || parley_agent_parse(agent_text[k], &agents[k], &err)) {
      fprintf(stderr, "parley tournament: agent '%s': %s\n", agent_text[k] ? agent_text[k] : "", err.message);
      status = EXIT_USAGE;
      goto done;
    }
  for (size_t s = 0; s < n_scen; s++)
    if ((status = cli_load("tournament", &scen[s], 1, 0, &sc[s])) != EXIT_OK) goto done;
  if (cli_same_file(html, out)) {
    fprintf(stderr, "parley tournament: --html and --out name the same file\n");
    status = EXIT_USAGE;
    goto done;
  }
  if (cli_check_output("tournament", out) || (html && cli_check_output("tournament", html))) {
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  if (!(sum = parley_tournament_summary_new(n_text)) ||
      parley_report_tournament_row(NULL, NULL, agents, 1, &header, NULL, &err)) {
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  /* resuming: the rows already there count, and the run goes on after them */
  const int rank = cli_mpi_rank(), size = cli_mpi_size();
  long long have = 0;
  if (rank == 0 && resuming && (have = resume(out, header, agents, n_text, sum)) < 0) have = -1;
  uint64_t shared = have < 0 ? UINT64_MAX : (uint64_t)have; /* under MPI: every process learns it */
  if (cli_mpi_broadcast(&shared) || shared == UINT64_MAX) {
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  have = (long long)shared;
  if (rank == 0) {
    if (!(f = fopen(out, have || resuming ? "a" : "w"))) {
      fprintf(stderr, "parley tournament: cannot write %s\n", out);
      status = EXIT_FAILURE_RUN;
      goto done;
    }
    if (ftell(f) == 0 && fputs(header, f) == EOF) {
      status = EXIT_FAILURE_RUN;
      goto done;
    }
    fflush(f);
  }
  const uint64_t total = parley_tournament_size((const parley_scenario *const *)sc, n_scen, n_text, &to);
  /* under MPI the rest is cut into one block per process, in order; the first writes its own
   * rows as they come, then the others' as they arrive */
  const uint64_t left = total > (uint64_t)have ? total - (uint64_t)have : 0, block = (left + (uint64_t)size - 1) / (uint64_t)size;
  const uint64_t mine_first = (uint64_t)have + (uint64_t)rank * block;
  const uint64_t mine = mine_first < total ? (total - mine_first < block ? total - mine_first : block) : 0;
  run_ctx x = {.f = f, .names = scen, .agents = agents, .sum = sum};
  to.skip = mine_first, to.limit = mine;
  to.progress = cli_progress;
  to.progress_user = rank == 0 ? (void *)"tournament" : NULL;
  cli_cancellable(1);
  int rc = mine ? parley_tournament_run((const parley_scenario *const *)sc, n_scen, agents, n_text, &to, take_row, &x, &err) : 0;
  cli_cancellable(0);
  if (size > 1 && rank != 0) { /* its block to the first process */
    if (rc == 0 && cli_mpi_send_text(x.mem ? x.mem : "", x.mem_len)) rc = PARLEY_ERR_IO;
    free(x.mem);
    status = rc ? EXIT_FAILURE_RUN : EXIT_OK;
    goto done;
  }
  for (int r = 1; rc == 0 && r < size; r++) {
    char *text_r = NULL;
    size_t len_r = 0;
    if (cli_mpi_receive_text(r, &text_r, &len_r) || fwrite(text_r, 1, len_r, f) != len_r || fflush(f)) rc = PARLEY_ERR_IO;
    for (char *line = text_r, *nl; rc == 0 && line && (nl = strchr(line, '\n')); line = nl + 1) {
      *nl = '\0';
      summarise_line(line, agents, n_text, sum);
    }
    free(text_r);
  }
  if (rc) {
    if (rc == PARLEY_ERR_IO) fprintf(stderr, "parley tournament: cannot write %s\n", out);
    else cli_print_error(&err);
    status = rc == PARLEY_ERR_IO ? EXIT_FAILURE_RUN : cli_exit_code(rc);
    goto done;
  }
  if (parley_report_tournament_summary(sum, agents, n_text, total, json ? PARLEY_FORMAT_JSON : PARLEY_FORMAT_TEXT, &text, &len, &err)) {
    cli_print_error(&err);
    status = EXIT_FAILURE_RUN;
    goto done;
  }
  if (html) {
    parley_html *h = parley_html_new("parley tournament");
    const int hr = h ? parley_html_add_tournament(h, sum, agents, n_text, total, &err) : PARLEY_ERR_NOMEM;
    status = hr ? (cli_print_error(&err), cli_exit_code(hr)) : cli_write_html(html, h);
    parley_html_free(h);
    if (status != EXIT_OK) goto done;
  }
  status = cli_write("tournament", NULL, text, len);
done:
  if (f) fclose(f);
  parley_string_free(text);
  parley_string_free(header);
  parley_tournament_summary_free(sum);
  for (size_t s = 0; s < n_scen; s++) parley_scenario_free(sc[s]);
  for (size_t k = 0; k < n_text; k++) free(agent_text[k]);
  return status;
}
