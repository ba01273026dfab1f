/* bench_forecast.c — speed of the forecasting models: KTAB's Spatial Model of Politics on
 * KTAB's own inputs (../shared/data/ktab), 7 to 160 actors, default options, median of runs.
 * KTAB's reference times on the same machine kind are in its README (8 s for 50 actors,
 * 47 minutes for 160). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parley.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
  static const char *const files[] = {"dummyData_3Dim.csv", "SOE-Pol-Comp.csv",  "SOE-Policy.csv",
                                      "SOE-Competitive.csv", "dummyData_6Dim.csv", "dummyData-a040.csv",
                                      "dummyData-a080.csv",  "dummyData-a160.csv"};
  printf("parley %s bench_forecast: KTAB's Spatial Model of Politics, default options\n\n", parley_version());
  printf("| input | actors | dimensions | turns | median ms | best ms | target |\n|---|---|---|---|---|---|---|\n");
  int status = 0, found = 0;
  for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/ktab/%s", PARLEY_SHARED_DATA, files[f]);
    parley_positions *pos = NULL;
    parley_error err = {0};
    if (parley_positions_read_ktab(path, NULL, &pos, NULL, &err) != 0) continue;
    found++;
    parley_capability cap = {PARLEY_CAPABILITY_DATA, NULL, NULL};
    const int reps = quick ? 1 : strstr(files[f], "a160") ? 5 : 7;
    double t[7];
    size_t turns = 0;
    for (int r = 0; r < reps; r++) {
      parley_smp_result *res = NULL;
      double t0 = now();
      if (parley_smp_run(pos, NULL, 0, &cap, NULL, &res, &err) != 0) {
        fprintf(stderr, "%s: %s\n", path, err.message);
        status = 1;
        break;
      }
      t[r] = now() - t0;
      turns = parley_smp_turn_count(res);
      parley_smp_free(res);
    }
    qsort(t, (size_t)reps, sizeof t[0], cmp_double);
    printf("| %s | %zu | %zu | %zu | %.1f | %.1f | %s |\n", files[f], parley_positions_actor_count(pos),
           parley_positions_issue_count(pos), turns, t[reps / 2] * 1e3, t[0] * 1e3,
           strstr(files[f], "a160") ? "<= 1 s" : "");
    fflush(stdout);
    parley_positions_free(pos);
  }
  if (!found) {
    fprintf(stderr, "bench_forecast: no KTAB inputs under %s/ktab\n", PARLEY_SHARED_DATA);
    status = 1;
  }
  return status;
}
