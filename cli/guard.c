/* guard.c — what keeps the command's files safe: signals, the inputs it read, and the writing
 * of outputs.
 *
 * Invariants:
 *   G1. No output is written over a file the command read (the same device and inode, after
 *       following symbolic links): it is refused before anything is written.
 *   G2. While an output file is being written (temporary file, flush, rename), SIGINT, SIGTERM,
 *       SIGHUP and SIGQUIT are blocked: a signal then takes effect once the file is whole, so
 *       no temporary file is left behind. SIGKILL cannot be blocked.
 *   G3. Outside cancellable work a first signal ends the process at once with the default
 *       action (nothing is half-written then, by G2). Inside cancellable work (a library call
 *       with a progress callback) it asks the work to stop: the callback returns nonzero, the
 *       library returns PARLEY_ERR_CANCELLED, the command says "interrupted" and exits with
 *       128 + the signal's number, as the shell would report it (130 for Ctrl-C). A second
 *       signal ends the process at once.
 * This is the one place of the CLI with process-wide state: the library has none. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static volatile sig_atomic_t interrupted, cancellable;

static void on_signal(int sig) {
  if (cancellable && !interrupted) {
    interrupted = sig;
    return;
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

static const int guarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void cli_guard_init(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++) {
    struct sigaction old;
    /* a signal ignored by whoever started us (nohup) stays ignored */
    if (sigaction(guarded[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(guarded[i], &sa, NULL);
  }
}

void cli_cancellable(int on) {
  cancellable = on ? 1 : 0;
}

int cli_interrupted(void) {
  return interrupted;
}

/* G1: the files read, by device and inode (a folder read counts for every file in it). */
enum { MAX_INPUTS = 256 };
static struct {
  dev_t dev;
  ino_t ino;
} inputs[MAX_INPUTS];
static size_t n_inputs;

static void note(const struct stat *st) {
  if (n_inputs < MAX_INPUTS) inputs[n_inputs].dev = st->st_dev, inputs[n_inputs++].ino = st->st_ino;
}

void cli_note_input(const char *path) {
  struct stat st;
  if (!path || stat(path, &st) != 0) return;
  note(&st);
  if (!S_ISDIR(st.st_mode)) return;
  DIR *dir = opendir(path);
  if (!dir) return;
  for (struct dirent *e; (e = readdir(dir)) != NULL;) {
    char p[4096];
    struct stat fs;
    if (snprintf(p, sizeof p, "%s/%s", path, e->d_name) < (int)sizeof p && stat(p, &fs) == 0 && S_ISREG(fs.st_mode))
      note(&fs);
  }
  closedir(dir);
}

/* What a node is, in the words parley_write_file_atomic uses. */
static const char *node_kind(mode_t m) {
  return S_ISDIR(m) ? "a folder" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
         : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/* The path's folder resolved, and its last part: the file it names, links in the folder's path
 * followed. 0, or -1 when the folder does not exist. */
static int resolved(const char *path, char *out, size_t size) {
  char dir[4096], real[PATH_MAX];
  const char *slash = strrchr(path, '/');
  if (!slash) snprintf(dir, sizeof dir, ".");
  else snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
  if (!realpath(dir, real)) return -1;
  snprintf(out, size, "%s/%s", real, slash ? slash + 1 : path);
  return 0;
}

int cli_same_file(const char *a, const char *b) {
  if (!a || !b) return 0;
  if (!strcmp(a, b)) return 1;
  struct stat sa, sb;
  if (stat(a, &sa) == 0 && stat(b, &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  char ra[8192], rb[8192];
  return resolved(a, ra, sizeof ra) == 0 && resolved(b, rb, sizeof rb) == 0 && !strcmp(ra, rb);
}

int cli_check_output(const char *cmd, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) { /* nothing there yet (or a dangling link): its folder must take it */
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    if (access(dir, W_OK | X_OK) != 0) {
      fprintf(stderr, "%s: error: cannot create a temporary file in %s: %s\n", path, dir, strerror(errno));
      return -1;
    }
    return 0;
  }
  if (!S_ISREG(st.st_mode)) { /* refused before anything is written (the writer would refuse it too) */
    fprintf(stderr, "%s: error: is %s; parley writes only regular files\n", path, node_kind(st.st_mode));
    return -1;
  }
  for (size_t i = 0; i < n_inputs; i++)
    if (inputs[i].dev == st.st_dev && inputs[i].ino == st.st_ino) {
      fprintf(stderr, "parley %s: %s is an input of this command; refusing to write over it\n", cmd, path);
      return -1;
    }
  return 0;
}

int cli_write_file(const char *path, const char *text, size_t len) {
  sigset_t block, old;
  sigemptyset(&block);
  for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++) sigaddset(&block, guarded[i]);
  sigprocmask(SIG_BLOCK, &block, &old); /* G2 */
  parley_error err = {0};
  const int rc = parley_write_file_atomic(path, text, len, &err);
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (rc) cli_print_error(&err);
  return rc ? EXIT_FAILURE_RUN : EXIT_OK;
}

int cli_write(const char *cmd, const char *path, const char *text, size_t len) {
  if (path) {
    if (cli_check_output(cmd, path)) return EXIT_FAILURE_RUN;
    return cli_write_file(path, text, len);
  }
  if (fwrite(text, 1, len, stdout) == len && fflush(stdout) == 0) return EXIT_OK;
  fprintf(stderr, "parley %s: cannot write to standard output\n", cmd);
  return EXIT_FAILURE_RUN;
}

int cli_progress(void *label, double fraction) {
  if (label && isatty(STDERR_FILENO)) {
    fprintf(stderr, "\r%s: %3.0f%%", (const char *)label, fraction * 100);
    if (fraction >= 1) fputs("\r                \r", stderr);
    fflush(stderr);
  }
  return interrupted != 0;
}
