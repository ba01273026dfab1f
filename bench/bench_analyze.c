/* bench_analyze.c — times parley_analyze (feasible set, Pareto frontier and all solutions) on
 * random additive profiles, and reports each case's peak memory. Each case runs in its own
 * child process so that peak RSS belongs to that case alone. Timings are the median of
 * several runs, on one thread and on all cores (parley_analyze's default; spaces under 2^20
 * outcomes run on one thread whatever is asked).
 *
 *   bench_analyze [--quick]     --quick: fewer repetitions, for a smoke run
 *   bench_analyze --case TEXT   only the random cases whose name holds TEXT (then the rest)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "parley.h"
#include "util/buf.h"
#include "util/prng.h"

typedef struct bench_case {
  const char *name;
  unsigned parties, issues, options;
  const char *target;      /* from the issue, for the table */
  unsigned interactions;   /* per party: interaction terms on random pairs of issues */
  unsigned red_lines;      /* per party: red lines on one option of each of two random issues */
} bench_case;


/* Random additive profiles: weights and values uniform in [0,1], no reservation. */
static char *random_scenario(const bench_case *c, uint64_t seed) {
  pl_buf b = {0};
  pl_buf_puts(&b, "issues:\n");
  for (unsigned i = 0; i < c->issues; i++) {
    pl_buf_printf(&b, "  - id: i%u\n    options: [", i);
    for (unsigned o = 0; o < c->options; o++) pl_buf_printf(&b, "%so%u", o ? ", " : "", o);
    pl_buf_puts(&b, "]\n");
  }
  pl_buf_puts(&b, "parties:\n");
  for (unsigned p = 0; p < c->parties; p++) {
    pl_buf_printf(&b, "  - id: p%u\n    weights: {", p);
    for (unsigned i = 0; i < c->issues; i++) pl_buf_printf(&b, "%si%u: %.6f", i ? ", " : "", i, 0.05 + pl_prng_uniform(&seed));
    pl_buf_puts(&b, "}\n    values:\n");
    for (unsigned i = 0; i < c->issues; i++) {
      pl_buf_printf(&b, "      i%u: [", i);
      for (unsigned o = 0; o < c->options; o++) pl_buf_printf(&b, "%s%.6f", o ? ", " : "", pl_prng_uniform(&seed));
      pl_buf_puts(&b, "]\n");
    }
    if (c->interactions) pl_buf_puts(&b, "    interactions:\n");
    for (unsigned k = 0; k < c->interactions; k++) {
      unsigned a = (unsigned)(pl_prng_next(&seed) % c->issues), d = 1 + (unsigned)(pl_prng_next(&seed) % (c->issues - 1));
      unsigned bi = (a + d) % c->issues;
      pl_buf_printf(&b, "      - when: {i%u: o%u, i%u: [o%u, o%u]}\n        bonus: %.3f\n", a,
                    (unsigned)(pl_prng_next(&seed) % c->options), bi, (unsigned)(pl_prng_next(&seed) % c->options),
                    (unsigned)(pl_prng_next(&seed) % c->options), 0.2 * pl_prng_uniform(&seed) - 0.1);
    }
    if (c->red_lines) pl_buf_puts(&b, "    red_lines:\n");
    for (unsigned k = 0; k < c->red_lines; k++) {
      unsigned a = (unsigned)(pl_prng_next(&seed) % c->issues), d = 1 + (unsigned)(pl_prng_next(&seed) % (c->issues - 1));
      pl_buf_printf(&b, "      - when: {i%u: o%u, i%u: o%u}\n", a, (unsigned)(pl_prng_next(&seed) % c->options),
                    (a + d) % c->issues, (unsigned)(pl_prng_next(&seed) % c->options));
    }
  }
  return b.data;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The case's random scenario (seed 42), or NULL with a message. */
static parley_scenario *load_case(const bench_case *c) {
  char *yaml = random_scenario(c, 42);
  parley_scenario *sc = NULL;
  parley_error err = {0};
  if (parley_scenario_read_string(yaml, strlen(yaml), c->name, NULL, &sc, NULL, &err) != 0)
    fprintf(stderr, "%s: %s\n", c->name, err.message);
  free(yaml);
  return sc;
}

/* Reads a GENIUS folder under the shared data and times parley_analyze on it (reps runs, one
 * thread or all); prints nothing and returns 1 when the folder is missing. */
static int time_dir(const char *rel, parley_method method, int reps, size_t threads, double *t, size_t *frontier,
                    uint64_t *nodes, size_t *issues, size_t *parties, uint64_t *outcomes) {
  char path[1024];
  snprintf(path, sizeof path, "%s/anac/%s", PARLEY_SHARED_DATA, rel);
  parley_scenario *sc = NULL;
  parley_error err = {0};
  if (parley_scenario_read_genius_dir(path, NULL, &sc, NULL, &err) != 0) {
    fprintf(stderr, "%s: %s\n", path, err.message);
    return 1;
  }
  int rc = 0;
  for (int r = 0; r < reps && rc == 0; r++) {
    parley_analysis *an = NULL;
    parley_analysis_options opt = {.method = method, .threads = threads};
    double t0 = now();
    if (parley_analyze(sc, &opt, &an, &err) != 0) {
      fprintf(stderr, "%s: %s\n", path, err.message);
      rc = 1;
      break;
    }
    t[r] = now() - t0;
    *frontier = parley_analysis_frontier_count(an);
    *nodes = parley_analysis_search_nodes(an);
    parley_analysis_free(an);
  }
  qsort(t, (size_t)reps, sizeof t[0], cmp_double);
  *issues = parley_issue_count(sc);
  *parties = parley_party_count(sc);
  *outcomes = parley_outcome_count(sc);
  parley_scenario_free(sc);
  return rc;
}

/* Runs in the child: prints one table row. */
static int run_case(const bench_case *c, int reps, size_t threads, parley_method method) {
  parley_scenario *sc = load_case(c);
  if (!sc) return 1;
  parley_error err = {0};
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  long rss_before = ru.ru_maxrss;
  double t[32];
  size_t frontier = 0;
  long nash = -1;
  parley_method ran = method;
  for (int r = 0; r < reps; r++) {
    parley_analysis *an = NULL;
    parley_analysis_options opt = {.max_outcomes = (uint64_t)1 << 40, .threads = threads, .method = method};
    double t0 = now();
    if (parley_analyze(sc, &opt, &an, &err) != 0) {
      fprintf(stderr, "%s: %s\n", c->name, err.message);
      return 1;
    }
    t[r] = now() - t0;
    frontier = parley_analysis_frontier_count(an);
    nash = parley_analysis_solution(an, PARLEY_NASH);
    ran = parley_analysis_method(an);
    parley_analysis_free(an);
  }
  qsort(t, (size_t)reps, sizeof t[0], cmp_double);
  getrusage(RUSAGE_SELF, &ru);
  uint64_t n = parley_outcome_count(sc);
  char threads_text[32], method_text[32];
  if (threads) snprintf(threads_text, sizeof threads_text, "%zu", threads);
  else snprintf(threads_text, sizeof threads_text, "all (%ld)", sysconf(_SC_NPROCESSORS_ONLN));
  if (method == PARLEY_METHOD_AUTO) snprintf(method_text, sizeof method_text, "auto: %s", parley_method_name(ran));
  else snprintf(method_text, sizeof method_text, "%s", parley_method_name(ran));
  printf("| %-28s | %-15s | %-7s | %12llu | %8zu | %9.1f | %9.1f | %8.1f | %8ld | %-12s |\n", c->name, method_text,
         threads_text, (unsigned long long)n, frontier, t[reps / 2] * 1e3, t[0] * 1e3, (double)n / t[reps / 2] / 1e6,
         (ru.ru_maxrss - rss_before), c->target);
  (void)nash;
  parley_scenario_free(sc);
  return 0;
}

int main(int argc, char **argv) {
  int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
  const char *only = argc > 2 && strcmp(argv[1], "--case") == 0 ? argv[2] : NULL;
  static const bench_case cases[] = {
      {"2 parties, 5 issues x 10", 2, 5, 10, "", 0, 0},
      {"2 parties, 6 issues x 10", 2, 6, 10, "<= 10 ms", 0, 0},
      {"2 parties, 7 issues x 10", 2, 7, 10, "<= 100 ms", 0, 0},
      {"3 parties, 6 issues x 10", 3, 6, 10, "", 0, 0},
      {"4 parties, 6 issues x 10", 4, 6, 10, "", 0, 0},
      {"5 parties, 5 issues x 10", 5, 5, 10, "", 0, 0},
      {"2 parties, 7 x 10, 8 terms", 2, 7, 10, ">= 300 M/s", 8, 0},
      {"3 parties, 7 x 10, 8 terms", 3, 7, 10, "", 8, 0},
  };
  char host[256] = "?";
  gethostname(host, sizeof host);
  printf("parley %s bench_analyze: random additive profiles (seed 42), whole analysis\n", parley_version());
  printf("('N terms': non-additive, each party also has N interaction terms on random pairs of issues)\n");
  printf("(feasible set, Pareto frontier, all solutions); median of runs: enumerated on 1 thread and on all\n");
  printf("cores, then the method auto picks (on all cores)\n\n");
  printf("| %-28s | %-15s | %-7s | %12s | %8s | %9s | %9s | %8s | %8s | %-12s |\n", "case", "method", "threads", "outcomes",
         "frontier", "median ms", "best ms", "M out/s", "+RSS KiB", "target");
  printf("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "------------------------------", "-----------------", "---------",
         "--------------", "----------", "-----------", "-----------", "----------", "----------", "--------------");
  fflush(stdout);
  int status = 0;
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    const bench_case *c = &cases[k];
    if ((quick && c->issues >= 7) || (only && !strstr(c->name, only))) continue;
    int reps = c->issues >= 7 ? 3 : quick ? 3 : 11;
    for (int run = 0; run < 3; run++) { /* enumerate on 1 thread, on all; auto on all */
      const size_t threads = run == 0 ? 1 : 0;
      const parley_method method = run < 2 ? PARLEY_METHOD_ENUMERATE : PARLEY_METHOD_AUTO;
      pid_t pid = fork();
      if (pid == 0) {
        int rc = run_case(c, reps, threads, method);
        fflush(stdout);
        _exit(rc);
      }
      int ws = 0;
      if (pid < 0 || waitpid(pid, &ws, 0) < 0 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) status = 1;
    }
  }
  /* the offer index: build once, then the per-round query of an agent */
  {
    bench_case c = {"offer index", 2, 6, 10, "", 0, 0};
    parley_scenario *sc = load_case(&c);
    parley_error err = {0};
    if (sc) {
      parley_offer_index *ix = NULL;
      double b[5];
      int ok = 1;
      for (int r = 0; r < 5 && ok; r++) { /* median of 5 builds */
        parley_offer_index_free(ix);
        ix = NULL;
        double t0 = now();
        ok = parley_offer_index_build(sc, 0, 0, &ix, &err) == 0;
        b[r] = now() - t0;
      }
      if (ok) {
        qsort(b, 5, sizeof b[0], cmp_double);
        double built = b[2];
        double weight[6] = {1, 1, 1, 1, 1, 1}, vals[6][10], *value[6];
        uint64_t seed = 7;
        for (int i = 0; i < 6; i++) {
          for (int o = 0; o < 10; o++) vals[i][o] = pl_prng_uniform(&seed);
          value[i] = vals[i];
        }
        parley_opponent_model model = {weight, (const double *const *)value};
        size_t first, n = parley_offer_index_range(ix, 0.60, 0.65, &first);
        double q[15], qp[15];
        for (int k = 0; k < 15; k++) {
          double t1 = now(), own, opp;
          parley_offer_index_best(ix, 0.60, 0.65, &model, NULL, &own, &opp);
          q[k] = now() - t1;
          t1 = now();
          parley_offer_index_best_party(ix, 0.60, 0.65, 1, NULL, &own, &opp);
          qp[k] = now() - t1;
        }
        qsort(q, 15, sizeof q[0], cmp_double);
        qsort(qp, 15, sizeof qp[0], cmp_double);
        printf("\noffer index, 2 parties, 6 issues x 10 (10^6 outcomes): build %.1f ms (median of 5); among the "
               "%zu outcomes with own utility in [0.60, 0.65], the best for an opponent model %.3f ms, for the "
               "other party %.3f ms (medians of 15)\n",
               built * 1e3, n, q[7] * 1e3, qp[7] * 1e3);
        parley_offer_index_free(ix);
      }
      parley_scenario_free(sc);
    } else {
      status = 1;
    }
  }
  /* additive profiles too large to enumerate: the exact additive method */
  {
    static const bench_case big[] = {
        {"2 parties, 10 issues x 10", 2, 10, 10, "", 0, 0},
        {"2 parties, 20 issues x 10", 2, 20, 10, "", 0, 0},
        {"2 parties, 30 issues x 10", 2, 30, 10, "exact, <= 1 s", 0, 0},
        {"3 parties, 10 issues x 10", 3, 10, 10, "", 0, 0},
        {"3 parties, 12 issues x 10", 3, 12, 10, "", 0, 0},
        {"3 parties, 15 issues x 10", 3, 15, 10, "exact, <= 10 s", 0, 0},
        {"3 parties, 20 issues x 10", 3, 20, 10, "", 0, 0},
        {"4 parties, 6 issues x 10", 4, 6, 10, "", 0, 0},
        {"4 parties, 8 issues x 10", 4, 8, 10, "", 0, 0},
        {"4 parties, 10 issues x 10", 4, 10, 10, "", 0, 0},
        {"2 parties, 30 x 10, 2 red lines each", 2, 30, 10, "", 0, 2},
        {"3 parties, 15 x 10, 2 red lines each", 3, 15, 10, "", 0, 2},
    };
    printf("\nAdditive profiles beyond enumeration (method additive), median of 3:\n\n"
           "| case | packages | frontier | median ms | target |\n|---|---|---|---|---|\n");
    for (size_t k = 0; k < sizeof big / sizeof *big; k++) {
      if (quick && big[k].parties >= 3 && big[k].issues > 12 - 2 * (big[k].parties - 3)) continue;
      parley_scenario *sc = load_case(&big[k]);
      parley_error err = {0};
      if (!sc) {
        status = 1;
        continue;
      }
      double t[3];
      size_t frontier = 0;
      for (int r = 0; r < 3; r++) {
        parley_analysis *an = NULL;
        parley_analysis_options opt = {.method = PARLEY_METHOD_ADDITIVE};
        double t0 = now();
        if (parley_analyze(sc, &opt, &an, &err) != 0) {
          fprintf(stderr, "%s: %s\n", big[k].name, err.message);
          status = 1;
          break;
        }
        t[r] = now() - t0;
        frontier = parley_analysis_frontier_count(an);
        parley_analysis_free(an);
      }
      qsort(t, 3, sizeof t[0], cmp_double);
      printf("| %s | 10^%u | %zu | %.1f | %s |\n", big[k].name, big[k].issues, frontier, t[1] * 1e3, big[k].target);
      fflush(stdout);
      parley_scenario_free(sc);
    }
  }
  /* ANAC domains small enough to enumerate: the analysis alone (the XML read once) */
  {
    static const struct {
      const char *dir, *target;
    } enumd[] = {{"y2011/Energy", "<= 5 ms"}, {"y2016/AgentHp2", "<= 200 ms"}};
    printf("\nANAC domains, enumerated (parley_analyze alone, all cores), median of 11:\n\n"
           "| domain | packages | parties | frontier packages | median ms | best ms | target |\n"
           "|---|---|---|---|---|---|---|\n");
    for (size_t d = 0; d < sizeof enumd / sizeof *enumd; d++) {
      double t[11];
      size_t frontier = 0, issues = 0, parties = 0;
      uint64_t nodes = 0, outcomes = 0;
      if (time_dir(enumd[d].dir, PARLEY_METHOD_ENUMERATE, 11, 0, t, &frontier, &nodes, &issues, &parties, &outcomes)) {
        status = 1;
        continue;
      }
      printf("| %s | %llu | %zu | %zu | %.1f | %.1f | %s |\n", enumd[d].dir, (unsigned long long)outcomes, parties,
             frontier, t[5] * 1e3, t[0] * 1e3, enumd[d].target);
      fflush(stdout);
    }
  }
  /* ANAC 2014: the exact search over hyper-rectangles, on spaces no enumeration reaches */
  {
    static const char *const dirs[] = {"10issues", "30issues", "30issuesDiscountedwithRV", "50issues",
                                       "50issuesDiscountedwithRV", "50issueswithRV"};
    printf("\nANAC 2014 (exact search, method boxes), median of 5:\n\n"
           "| domain | packages | frontier | nodes | median ms | best ms |\n|---|---|---|---|---|---|\n");
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
      char rel[128];
      snprintf(rel, sizeof rel, "y2014/%s", dirs[d]);
      double t[5];
      size_t frontier = 0, issues = 0, parties = 0;
      uint64_t nodes = 0, outcomes = 0;
      if (time_dir(rel, PARLEY_METHOD_AUTO, 5, 0, t, &frontier, &nodes, &issues, &parties, &outcomes)) {
        status = 1;
        continue;
      }
      printf("| %s | 10^%zu | %zu | %llu | %.1f | %.1f |\n", rel, issues, frontier, (unsigned long long)nodes,
             t[2] * 1e3, t[0] * 1e3);
      fflush(stdout);
    }
  }
  return status;
}
