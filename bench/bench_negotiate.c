#define _POSIX_C_SOURCE 200809L
/* bench_negotiate.c — sessions per second once the offer indexes and the analysis are built, as
 * a tournament runs them: boulware against conceder, 100 rounds, on small ANAC domains. Prints
 * the mean time of a session over enough sessions to last about a second. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "parley.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(void) {
  static const char *const domains[] = {"y2010/EnglandZimbabwe", "y2010/ItexvsCypress", "y2011/Laptop", "y2012/EnergyA"};
  for (size_t k = 0; k < sizeof domains / sizeof *domains; k++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/anac/%s", PARLEY_SHARED_DATA, domains[k]);
    parley_scenario *sc = NULL;
    parley_error err = {0};
    if (parley_scenario_read_genius_dir(path, NULL, &sc, NULL, &err)) {
      fprintf(stderr, "%s: %s\n", path, err.message);
      return 1;
    }
    parley_offer_index *ix[2] = {0};
    parley_analysis *an = NULL;
    for (size_t p = 0; p < 2; p++)
      if (parley_offer_index_build(sc, p, 0, &ix[p], &err)) return 1;
    if (parley_analyze(sc, NULL, &an, &err)) return 1;
    parley_agent_spec ag[2] = {{.strategy = PARLEY_STRATEGY_BOULWARE, .e = 1}, {.strategy = PARLEY_STRATEGY_CONCEDER, .e = 1}};
    parley_negotiate_options o;
    parley_negotiate_defaults(&o);
    o.agents = ag, o.indexes = ix, o.analysis = an;
    size_t n = 0, deals = 0;
    const double t0 = now();
    double t1 = t0;
    while (t1 - t0 < 1.0) {
      for (int r = 0; r < 100; r++) {
        o.seed = (uint64_t)n + 1;
        parley_session *s = NULL;
        if (parley_negotiate(sc, &o, &s, &err)) return 1;
        deals += parley_session_agreement(s) != NULL;
        parley_session_free(s);
        n++;
      }
      t1 = now();
    }
    printf("%-24s %9llu packages: %7.1f us a session (%zu sessions, %zu agreements)\n", domains[k],
           (unsigned long long)parley_outcome_count(sc), (t1 - t0) / (double)n * 1e6, n, deals);
    parley_analysis_free(an);
    parley_offer_index_free(ix[0]), parley_offer_index_free(ix[1]);
    parley_scenario_free(sc);
  }
  return 0;
}
