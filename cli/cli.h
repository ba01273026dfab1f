/* cli.h — what the subcommands of `parley` share: exit codes and the wiring every command
 * needs (reading inputs, parsing numbers, printing problems, writing output). The commands use
 * only the public library (parley.h). */
#ifndef PARLEY_CLI_H
#define PARLEY_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "parley.h"

enum {
  EXIT_OK = 0,
  EXIT_FAILURE_RUN = 1, /* could not finish: output not writable, out of memory */
  EXIT_USAGE = 2,       /* bad command line */
  EXIT_INPUT = 3,       /* the input file is missing, malformed or invalid */
  EXIT_INTERRUPTED = 128 /* plus the signal's number: stopped by SIGINT (130), SIGTERM (143)... */
};

int cmd_validate(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_offers(int argc, char **argv);
int cmd_mediate(int argc, char **argv);
int cmd_amend(int argc, char **argv);
int cmd_accept(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_negotiate(int argc, char **argv);
int cmd_tournament(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* The processes of parley-mpi (mpi.c; in parley, one process and nothing to do): start and
 * stop, this one's rank and how many, a number sent from rank 0 to all, and text sent to rank 0
 * and received there. 0 or -1. */
void cli_mpi_init(int *argc, char ***argv);
void cli_mpi_finalize(void);
int cli_mpi_rank(void);
int cli_mpi_size(void);
int cli_mpi_broadcast(uint64_t *x);
int cli_mpi_send_text(const char *text, size_t len);
int cli_mpi_receive_text(int from, char **text, size_t *len);
int cmd_backtest(int argc, char **argv);
int cmd_forecast(int argc, char **argv);

/* Prints an error the way compilers do, to stderr. */
void cli_print_error(const parley_error *e);
/* Prints every problem of the list, then a count line if there is more than one. */
void cli_print_diagnostics(const parley_diagnostics *d);
/* Parses a positive count such as 100000000 or 1e8; returns 0 on success. */
int cli_parse_count(const char *s, uint64_t *out);
/* Parses --threads N (1 to 1024) for command cmd into *threads; returns 0, or -1 after saying
 * why. */
int cli_parse_threads(const char *cmd, const char *s, size_t *threads);
/* Option --OPT of command CMD as a whole number at least min (0 or 1) in *out (a seed, a count
 * of draws); -1 after saying what is wrong. */
int cli_parse_u64(const char *cmd, const char *opt, const char *s, uint64_t min, uint64_t *out);
/* Option --OPT of command CMD as a positive whole number (cli_parse_count) in *out; -1 after
 * saying what is wrong. */
int cli_parse_size(const char *cmd, const char *opt, const char *s, size_t *out);
/* "A,B,C" as party indices of sc into parties (room for PARLEY_MAX_PARTIES), each once: the
 * count, or -1 after saying what is wrong ("parley CMD: --OPT names 'x', which is not a party"). */
/* The draft a command judges: --package written out, or --framework (NULL: the first) into
 * draft (parley_issue_count entries), and the framework's index in *framework_out (PARLEY_NONE
 * for a package; may be NULL). 0, or -1 after saying what is wrong. */
/* --at T: *sc replaced by the scenario as it stands at time T (parley_scenario_at); at NULL:
 * nothing. EXIT_OK, EXIT_USAGE for a time that is no number, EXIT_INPUT past the horizon. */
int cli_at(const char *cmd, const char *at, parley_scenario **sc);
int cli_draft(const char *cmd, const parley_scenario *sc, const char *framework, const char *package, uint32_t *draft,
              size_t *framework_out);
int cli_parse_parties(const char *cmd, const char *opt, const parley_scenario *sc, const char *s, size_t *parties);
/* Reads the input a command names: a scenario file (YAML/JSON), a folder holding a GENIUS
 * domain and its profiles, or with genius set, paths[0] a GENIUS domain and paths[1..] its
 * profiles. Problems go to diags. Returns a library status. */
int cli_read_input(const char *const *paths, int n, int genius, parley_scenario **out,
                   parley_diagnostics *diags, parley_error *err);
/* cli_read_input with its problems printed: EXIT_OK with *out the scenario, or the exit code
 * after every problem found was printed (cmd names the command in an out-of-memory message). */
int cli_load(const char *cmd, const char *const *paths, int n, int genius, parley_scenario **out);
/* Checks the file arguments argv[first..argc) of a command that reads one scenario (a file,
 * a folder, or with genius a domain and its profiles); returns 0, or -1 after saying why. */
int cli_one_input(const char *cmd, int argc, int first, int genius, const char *help);
/* Reads positions for forecast and backtest: a scenario (.yaml, .yml, .json: its positions) or
 * a CSV (DEU III, plain, KTAB), and the --capability spec (equal, votes, data, or a CSV file;
 * NULL: data when the input gives capabilities, else equal) into cap, whose table (*table,
 * the caller frees it) and name point into memory the caller keeps; when path is a scenario
 * and scenario is not NULL, the scenario too (the caller frees it). Returns an exit code
 * (after printing the problems). */
int cli_load_positions(const char *path, const char *capability, parley_positions **pos, parley_capability *cap,
                       double **table, parley_scenario **scenario);
/* The models NAME selects ("all": every one, *n = 0 and *models NULL) ; returns an exit code
 * (after saying why when the name is unknown). */
int cli_models(const char *cmd, const char *name, parley_model *one, const parley_model **models, size_t *n);
/* --pair A,B: two different parties of sc into pair[0], pair[1]; 0, or -1 after saying why. */
int cli_parse_pair(const char *cmd, const parley_scenario *sc, const char *s, size_t *pair);
/* The analysis of sc with the default options for a report's frontier, or NULL when it cannot
 * be had (too many packages, out of memory): the report then goes without. */
parley_analysis *cli_quiet_analysis(const parley_scenario *sc);
/* Renders the report and writes it to path (cli_write_file); an exit code. */
int cli_write_html(const char *path, const parley_html *h);
/* guard.c: signals, inputs and outputs (its invariants G1-G3). */
/* Installs the signal handlers (once, first thing in main). */
void cli_guard_init(void);
/* Marks the work that follows as cancellable by a signal (on), or not (0). */
void cli_cancellable(int on);
/* The signal that asked the work to stop, or 0. */
int cli_interrupted(void);
/* Records a file (or a folder and its files) the command reads, so that no output replaces it. */
void cli_note_input(const char *path);
/* 1 when the two paths (either may be NULL) name the same file: the same text, the same file
 * on disk (links and hard links), or the same place in a folder reached two ways. */
int cli_same_file(const char *a, const char *b);
/* 0 when path may be written; -1 after saying why not: it is an input of the command, it is
 * not a regular file, or its folder cannot take a new file. */
int cli_check_output(const char *cmd, const char *path);
/* Writes text to path atomically with the guarded signals blocked; returns an exit code (after
 * printing the error). No input check: see cli_check_output. */
int cli_write_file(const char *path, const char *text, size_t len);
/* Writes a rendered report to path (checked, then written as cli_write_file does), or to
 * standard output when path is NULL. Returns an exit code (after saying why it failed). */
int cli_write(const char *cmd, const char *path, const char *text, size_t len);
/* A progress callback: shows "LABEL: NN%" on standard error while work goes on when standard
 * error is a terminal and label is not NULL; returns 1 (stop) once a signal asked to. */
int cli_progress(void *label, double fraction);
/* Exit code for a library status. */
int cli_exit_code(int status);
/* Exit code when reading the input failed: as cli_exit_code, except that an input file that
 * cannot be opened or read is bad input (3), not a failure to finish (1). */
int cli_input_exit_code(int status);

#endif
