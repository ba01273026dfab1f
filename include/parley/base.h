/*
 * parley/base.h — what every part of the library shares: the version, statuses and errors,
 * lists of problems, input limits, progress callbacks, strings handed to the caller, and the
 * "none" values.
 *
 * Conventions of the whole library:
 *  - Every object is opaque and owns its memory; one *_free call releases it. Passing NULL to
 *    a *_free function is allowed.
 *  - Functions that can fail return int: 0 on success, a negative parley_status on failure,
 *    and fill the caller's parley_error (which may be NULL) with a message and, for input
 *    problems, the file, line and column (1-based). A reader also lists warnings (code
 *    PARLEY_WARNING, positive) in its diagnostics: what it read but looks like a slip; they
 *    never make a read fail.
 *  - The library never prints, never exits, never reads the environment and keeps no global
 *    mutable state; different objects may be used from different threads at once.
 *  - Lengths are named *_count; the i-th item of a list is read with *_get.
 *  - "None" has one spelling per type: PARLEY_NONE for an index (size_t), NaN for a number
 *    (double), UINT64_MAX for a count or outcome index that is unknown or does not fit 64 bits,
 *    NULL for a pointer, and -1 for an enumeration looked up by name.
 *
 * Each function is tagged with the object it belongs to, as CONSTRUCTOR (makes one),
 * DESTRUCTOR (releases one) or METHOD (works on one); functions of no object are FUNCTION.
 */
#ifndef PARLEY_BASE_H
#define PARLEY_BASE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the functions libparley.so exports; everything else in the library is hidden. */
#if defined(PARLEY_BUILDING) && defined(__GNUC__)
#define PARLEY_API __attribute__((visibility("default")))
#else
#define PARLEY_API
#endif

#define PARLEY_VERSION_MAJOR 0
#define PARLEY_VERSION_MINOR 1
#define PARLEY_VERSION_PATCH 0
#define PARLEY_VERSION_STRING "0.1.0"

/* FUNCTION: the library's version string, e.g. "0.1.0". */
PARLEY_API const char *parley_version(void);

/* "No index": what functions returning an index (size_t) give when there is none. */
#define PARLEY_NONE ((size_t)-1)

/* ---------------------------------------------------------------------------------------- */
/* Statuses                                                                                 */
/* ---------------------------------------------------------------------------------------- */

/* Every status once: its enumerator suffix, value, short name and message. */
#define PARLEY_STATUS_MAP(XX)                                                         \
  XX(WARNING, 1, "warning", "the input was read, but something in it is likely a slip") \
  XX(OK, 0, "ok", "no error")                                                         \
  XX(ERR_NOMEM, -1, "nomem", "out of memory")                                         \
  XX(ERR_IO, -2, "io", "input/output error")                                          \
  XX(ERR_SYNTAX, -3, "syntax", "syntax error")                                        \
  XX(ERR_INVALID, -4, "invalid", "invalid input")                                     \
  XX(ERR_LIMIT, -5, "limit", "limit exceeded")                                        \
  XX(ERR_ARG, -6, "arg", "invalid argument")                                          \
  XX(ERR_CANCELLED, -7, "cancelled", "cancelled by the progress callback")

typedef enum parley_status {
#define PARLEY_STATUS_ENUM_(suffix, value, name, message) PARLEY_##suffix = value,
  PARLEY_STATUS_MAP(PARLEY_STATUS_ENUM_)
#undef PARLEY_STATUS_ENUM_
} parley_status;

/* FUNCTION: a status's short name ("nomem", "syntax", ...), or "unknown". */
PARLEY_API const char *parley_status_name(int status);
/* FUNCTION: a status's message ("out of memory", "syntax error", ...), or "unknown status". */
PARLEY_API const char *parley_status_message(int status);

/* ---------------------------------------------------------------------------------------- */
/* Errors                                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* One problem, with its position where it comes from input. line/column are 1-based; 0
 * means "no position" (e.g. an I/O error). */
typedef struct parley_error {
  int code;        /* a parley_status */
  int line;
  int column;
  char file[256];  /* the input's name, as given to the reader; empty if none */
  char message[512];
} parley_error;

/* FUNCTION: formats an error the way compilers do: "FILE:LINE:COL: error: MESSAGE" (position
 * parts omitted when unknown). Writes at most size bytes including the terminating NUL and
 * returns the length the full text would have (like snprintf). */
PARLEY_API int parley_error_format(const parley_error *err, char *buf, size_t size);

/* A list of problems. Readers append every problem they find to it, so that a user sees
 * them all at once, not one per run. */
typedef struct parley_diagnostics parley_diagnostics;

/* CONSTRUCTOR: an empty list, or NULL when out of memory. */
PARLEY_API parley_diagnostics *parley_diagnostics_new(void);
/* DESTRUCTOR */
PARLEY_API void parley_diagnostics_free(parley_diagnostics *diags);
/* METHOD: parley_diagnostics — the number of problems. */
PARLEY_API size_t parley_diagnostics_count(const parley_diagnostics *diags);
/* METHOD: parley_diagnostics — the i-th problem, in input order; NULL if i is out of range. */
PARLEY_API const parley_error *parley_diagnostics_get(const parley_diagnostics *diags, size_t i);

/* ---------------------------------------------------------------------------------------- */
/* Limits on input                                                                          */
/* ---------------------------------------------------------------------------------------- */

/* Limits applied by the readers. Zero fields take the defaults below. */
typedef struct parley_read_limits {
  size_t max_file_bytes;  /* default PARLEY_DEFAULT_MAX_FILE_BYTES */
  size_t max_depth;       /* nesting depth of the YAML/JSON tree; default 64 */
  size_t max_options;     /* options per issue (also for expanded ranges); default 10,000 */
} parley_read_limits;

#define PARLEY_DEFAULT_MAX_FILE_BYTES ((size_t)16 << 20)
#define PARLEY_DEFAULT_MAX_DEPTH ((size_t)64)
#define PARLEY_DEFAULT_MAX_OPTIONS ((size_t)10000)
#define PARLEY_MAX_ISSUES 256
#define PARLEY_MAX_PARTIES 64

/* ---------------------------------------------------------------------------------------- */
/* Long work: threads, progress and cancellation                                            */
/* ---------------------------------------------------------------------------------------- */

/* Called now and then during long work with the fraction done, in [0, 1], always from the
 * thread that called the library. A non-zero return cancels the work, which then fails with
 * PARLEY_ERR_CANCELLED. */
typedef int (*parley_progress_fn)(void *user, double fraction);

/* FUNCTION: the number of threads "0 threads" means wherever a function takes a thread
 * count: one per online core. Results never depend on the thread count. */
PARLEY_API size_t parley_default_threads(void);

/* ---------------------------------------------------------------------------------------- */
/* Strings handed to the caller                                                             */
/* ---------------------------------------------------------------------------------------- */

/* FUNCTION: releases a string the library handed over (reports, written scenarios). */
PARLEY_API void parley_string_free(char *s);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_BASE_H */
