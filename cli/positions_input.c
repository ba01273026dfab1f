/* positions_input.c — what `parley forecast` and `parley backtest` share: reading positions
 * (CSV, or derived from a scenario), the --capability and --model options. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Reads actor,capability lines; returns a table in the positions' actor order (NaN where the
 * file has no value), or NULL after printing why. */
static double *read_capabilities(const char *path, const parley_positions *pos) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "%s: error: cannot open: %s\n", path, strerror(errno));
    return NULL;
  }
  size_t A = parley_positions_actor_count(pos);
  double *t = malloc((A ? A : 1) * sizeof *t);
  for (size_t a = 0; t && a < A; a++) t[a] = NAN;
  char line[512];
  int lineno = 0, ok = t != NULL;
  while (ok && fgets(line, sizeof line, f)) {
    lineno++;
    char *comma = strchr(line, ',');
    if (!comma) continue;
    *comma = '\0';
    char *end;
    double v = strtod(comma + 1, &end);
    while (*end == ' ' || *end == '\r' || *end == '\n') end++;
    if (end == comma + 1 || *end) {
      if (lineno == 1) continue; /* a header */
      fprintf(stderr, "%s:%d: error: the capability of '%s' is not a number\n", path, lineno, line);
      ok = 0;
      break;
    }
    if (v < 0) {
      fprintf(stderr, "%s:%d: error: the capability of '%s' is negative\n", path, lineno, line);
      ok = 0;
      break;
    }
    for (size_t a = 0; a < A; a++)
      if (!strcmp(parley_positions_actor_id(pos, a), line)) t[a] = v;
  }
  fclose(f);
  if (!ok) {
    free(t);
    return NULL;
  }
  return t;
}

int cli_capability(const char *spec, const parley_positions *pos, parley_capability *cap, double **table) {
  *table = NULL;
  cap->table = NULL;
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
    *table = read_capabilities(spec, pos);
    if (!*table) return EXIT_INPUT;
    cap->kind = PARLEY_CAPABILITY_TABLE;
    cap->table = *table;
  }
  return EXIT_OK;
}

int cli_models(const char *cmd, const char *name, int *first, int *last) {
  *first = 0;
  *last = PARLEY_MODEL_COUNT - 1;
  if (strcmp(name, "all") == 0) return EXIT_OK;
  *first = *last = parley_model_find(name);
  if (*first >= 0) return EXIT_OK;
  fprintf(stderr, "parley %s: unknown model '%s' (", cmd, name);
  for (int m = 0; m < PARLEY_MODEL_COUNT; m++) fprintf(stderr, "%s, ", parley_model_name((parley_model)m));
  fprintf(stderr, "all)\n");
  return EXIT_USAGE;
}

int cli_load_positions(const char *path, const char *capability, parley_positions **pos, parley_capability *cap,
                       double **table) {
  *pos = NULL;
  *table = NULL;
  parley_diagnostics *d = parley_diagnostics_new();
  parley_error err = {0};
  int rc;
  size_t len = strlen(path);
  int scenario = (len > 5 && !strcmp(path + len - 5, ".yaml")) || (len > 4 && !strcmp(path + len - 4, ".yml")) ||
                 (len > 5 && !strcmp(path + len - 5, ".json"));
  if (!d) {
    rc = PARLEY_ERR_NOMEM;
  } else if (scenario) {
    /* a parley scenario: actors and issues derived from its parties and numeric issues */
    parley_scenario *sc = NULL;
    rc = parley_scenario_read_file(path, NULL, &sc, d, &err);
    if (rc == 0 && (rc = parley_positions_from_scenario(sc, pos, &err)) != 0) cli_print_error(&err);
    parley_scenario_free(sc);
  } else {
    rc = parley_positions_read_file(path, NULL, pos, d, &err);
  }
  if (rc) {
    cli_print_diagnostics(d);
    parley_diagnostics_free(d);
    return cli_input_exit_code(rc);
  }
  parley_diagnostics_free(d);
  int status = cli_capability(capability, *pos, cap, table);
  if (status != EXIT_OK) {
    parley_positions_free(*pos);
    *pos = NULL;
  }
  return status;
}
