/* bench_file.c — times parley_analyze on one scenario file, as a program calling the library
 * would: the file read once, then the analysis repeated (median), so that bindings can be
 * compared with C on the same call (bench/bench_python.sh).
 *
 *   bench_file FILE [METHOD [REPETITIONS [THREADS]]]    prints the median in milliseconds
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "parley.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: bench_file FILE [METHOD [REPETITIONS [THREADS]]]\n");
    return 2;
  }
  parley_scenario *sc = NULL;
  parley_error err = {0};
  if (parley_scenario_read_file(argv[1], NULL, &sc, NULL, &err)) {
    fprintf(stderr, "%s\n", err.message);
    return 3;
  }
  parley_analysis_options o = {0};
  if (argc > 2) o.method = (parley_method)parley_method_find(argv[2]);
  const int reps = argc > 3 ? atoi(argv[3]) : 7;
  if (argc > 4) o.threads = (size_t)atoi(argv[4]);
  double t[64];
  for (int k = 0; k < reps && k < 64; k++) {
    parley_analysis *an = NULL;
    const double s = now_ms();
    if (parley_analyze(sc, &o, &an, &err)) {
      fprintf(stderr, "%s\n", err.message);
      return 1;
    }
    t[k] = now_ms() - s;
    parley_analysis_free(an);
  }
  qsort(t, (size_t)(reps < 64 ? reps : 64), sizeof *t, by_value);
  printf("%.3f\n", t[(reps < 64 ? reps : 64) / 2]);
  parley_scenario_free(sc);
  return 0;
}
