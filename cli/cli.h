/* cli.h — shared pieces of the `parley` command: exit codes and helpers. */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "parley.h"

enum {
  EXIT_OK = 0,
  EXIT_FAILURE_RUN = 1, /* could not finish: output not writable, out of memory */
  EXIT_USAGE = 2,       /* bad command line */
  EXIT_INPUT = 3        /* the input file is missing, malformed or invalid */
};

int cmd_validate(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_offers(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_forecast(int argc, char **argv);

/* Turns --capability SPEC (equal, votes, data, or a CSV file; NULL = data when the input has
 * capabilities, else equal) into cap; *table is owned by the caller. Returns an exit code. */
int cli_capability(const char *spec, const parley_positions *pos, parley_capability *cap, double **table);
/* The models NAME selects ("all" = every one) as a range; returns an exit code (after saying
 * why when the name is unknown). */
int cli_models(const char *cmd, const char *name, int *first, int *last);
/* Reads a positions file (plain or DEU III CSV) and a --capability spec; *table is owned by
 * the caller. Returns an exit code (after printing the problems). */
int cli_load_positions(const char *path, const char *capability, parley_positions **pos, parley_capability *cap,
                       double **table);

/* `parley forecast --model smp`: runs KTAB's Spatial Model of Politics and prints it (text,
 * CSV or JSON); returns an exit code. */
int cli_forecast_smp(const parley_positions *pos, const parley_capability *cap, const parley_smp_options *o, int csv,
                     int json, int explain, const char *path);

/* `parley forecast --model exchange`: runs Stokman's exchange model on each proposal and
 * prints it (text, CSV or JSON); returns an exit code. */
int cli_forecast_exchange(const parley_positions *pos, const parley_capability *cap, const parley_exchange_options *o,
                          int csv, int json, int explain, const char *path);

/* Prints an error the way compilers do, to stderr. */
void cli_print_error(const parley_error *e);
/* Prints every problem of the list, then a count line if there is more than one. */
void cli_print_diagnostics(const parley_diagnostics *d);
/* Prints s to stdout as a JSON string, quoted and escaped. */
void cli_json_string(const char *s);
/* Parses a positive count such as 100000000 or 1e8; returns 0 on success. */
int cli_parse_count(const char *s, uint64_t *out);
/* Reads the input a command names: a scenario file (YAML/JSON), a folder holding a GENIUS
 * domain and its profiles, or with genius set, paths[0] a GENIUS domain and paths[1..] its
 * profiles. Problems go to diags. Returns a library status. */
int cli_read_input(const char *const *paths, int n, int genius, parley_scenario **out,
                   parley_diagnostics *diags, parley_error *err);
/* Checks the file arguments argv[first..argc) of a command that reads one scenario (a file,
 * a folder, or with genius a domain and its profiles); returns 0, or -1 after saying why. */
int cli_one_input(const char *cmd, int argc, int first, int genius, const char *help);
/* Exit code for a library status. */
int cli_exit_code(int status);
/* Exit code when reading the input failed: as cli_exit_code, except that an input file that
 * cannot be opened or read is bad input (3), not a failure to finish (1). */
int cli_input_exit_code(int status);

#endif
