/* lib_example.c — the README's library example, compiled against an installed parley by
 * tests/cli/install.sh. Keep the two in step. */
#include <parley.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  parley_scenario *sc = NULL;
  parley_diagnostics *diags = parley_diagnostics_new();
  parley_error err;
  int status = 0;
  if (parley_scenario_read_file(argv[1], NULL, &sc, diags, &err) != 0) {
    char line[1024];
    for (size_t i = 0; i < parley_diagnostics_count(diags); i++) {
      parley_error_format(parley_diagnostics_get(diags, i), line, sizeof line);
      fprintf(stderr, "%s\n", line);
    }
    status = 3;
  } else {
    parley_analysis *an = NULL;
    if (parley_analyze(sc, NULL, &an, &err) == 0) {
      size_t nash = parley_analysis_solution(an, PARLEY_NASH); /* a frontier index, or PARLEY_NONE */
      if (nash != PARLEY_NONE) printf("Nash gives party 0 %.3f\n", parley_analysis_frontier_utility(an, nash, 0));
      parley_analysis_free(an);
    }
    parley_scenario_free(sc);
  }
  parley_diagnostics_free(diags);
  return status;
}
