/* positions.c — what `parley forecast` and `parley backtest` share: reading positions (CSV, or
 * from a scenario), the --capability and --model options. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int is_scenario(const char *path) {
  const size_t len = strlen(path);
  return (len > 5 && !strcmp(path + len - 5, ".yaml")) || (len > 4 && !strcmp(path + len - 4, ".yml")) ||
         (len > 5 && !strcmp(path + len - 5, ".json"));
}

/* --capability SPEC into cap; *table owned by the caller. Returns an exit code. */
static int capability(const char *spec, const parley_positions *pos, parley_capability *cap, double **table) {
  *table = NULL;
  cap->table = NULL;
  cap->name = NULL;
  if (!spec) spec = isnan(parley_positions_capability(pos, 0)) ? "equal" : "data";
  if (!strcmp(spec, "equal")) {
    cap->kind = PARLEY_CAPABILITY_EQUAL;
  } else if (!strcmp(spec, "votes")) {
    cap->kind = PARLEY_CAPABILITY_VOTES;
  } else if (!strcmp(spec, "data")) {
    if (isnan(parley_positions_capability(pos, 0))) {
      fprintf(stderr, "parley: --capability data: the input gives no capabilities (use equal, votes or a file)\n");
      return EXIT_USAGE;
    }
    cap->kind = PARLEY_CAPABILITY_DATA;
  } else {
    const size_t A = parley_positions_actor_count(pos);
    parley_error err = {0};
    if (!(*table = malloc((A ? A : 1) * sizeof **table))) {
      fprintf(stderr, "parley: out of memory\n");
      return EXIT_FAILURE_RUN;
    }
    cli_note_input(spec);
    int rc = parley_capability_read(spec, pos, *table, NULL, &err);
    if (rc) {
      cli_print_error(&err);
      free(*table);
      *table = NULL;
      return cli_input_exit_code(rc);
    }
    cap->kind = PARLEY_CAPABILITY_TABLE;
    cap->table = *table;
    cap->name = spec;
  }
  return EXIT_OK;
}

int cli_models(const char *cmd, const char *name, parley_model *one, const parley_model **models, size_t *n) {
  *models = NULL;
  *n = 0;
  if (strcmp(name, "all") == 0) return EXIT_OK;
  int m = parley_model_find(name);
  if (m >= 0) {
    *one = (parley_model)m;
    *models = one;
    *n = 1;
    return EXIT_OK;
  }
  fprintf(stderr, "parley %s: unknown model '%s' (", cmd, name);
  for (int k = 0; k < PARLEY_MODEL_COUNT; k++) fprintf(stderr, "%s, ", parley_model_name((parley_model)k));
  /* forecast also runs the expected-utility model round by round */
  fprintf(stderr, "%sall)\n", strcmp(cmd, "forecast") == 0 ? "expected-utility, " : "");
  return EXIT_USAGE;
}

int cli_load_positions(const char *path, const char *spec, parley_positions **pos, parley_capability *cap,
                       double **table, parley_scenario **scenario) {
  *pos = NULL;
  *table = NULL;
  if (scenario) *scenario = NULL;
  parley_diagnostics *d = parley_diagnostics_new();
  parley_error err = {0};
  int rc;
  cli_note_input(path);
  if (!d) {
    rc = PARLEY_ERR_NOMEM;
  } else if (is_scenario(path)) {
    /* a parley scenario: actors and issues derived from its parties and numeric issues */
    parley_scenario *sc = NULL;
    rc = parley_scenario_read_file(path, NULL, &sc, d, &err);
    if (rc == 0) cli_print_diagnostics(d); /* its warnings */
    if (rc == 0 && (rc = parley_positions_from_scenario(sc, pos, &err)) != 0) cli_print_error(&err);
    if (rc == 0 && scenario) *scenario = sc; /* the caller's now */
    else parley_scenario_free(sc);
  } else {
    rc = parley_positions_read_file(path, NULL, pos, d, &err);
  }
  if (rc) {
    cli_print_diagnostics(d);
    parley_diagnostics_free(d);
    return cli_input_exit_code(rc);
  }
  parley_diagnostics_free(d);
  int status = capability(spec, *pos, cap, table);
  if (status != EXIT_OK) {
    parley_positions_free(*pos);
    *pos = NULL;
    if (scenario) parley_scenario_free(*scenario), *scenario = NULL;
  }
  return status;
}
