/* csv.c — reading CSV files record by record (RFC 4180); see csv.h. */
#define _POSIX_C_SOURCE 200809L
#include "io/csv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "io/file.h"
#include "util/number.h"
#include "util/utf8.h"
#include "util/vec.h"

int pl_csv_split(char *line, char **fields, int *cols, int max, int *bad_col) {
  int n = 0;
  char *p = line;
  for (;;) {
    if (n == max) return n + 1;
    cols[n] = (int)(p - line) + 1;
    if (*p == '"') {
      char *w = ++p, *start = p;
      for (;;) {
        if (*p == '\0') {
          *bad_col = cols[n];
          return -1;
        }
        if (*p == '"') {
          if (p[1] == '"') {
            *w++ = '"';
            p += 2;
            continue;
          }
          p++;
          break;
        }
        *w++ = *p++;
      }
      *w = '\0';
      fields[n++] = start;
      while (*p && *p != ',') p++;
    } else {
      fields[n++] = p;
      while (*p && *p != ',') p++;
    }
    if (*p == '\0') return n;
    *p++ = '\0';
  }
}


int pl_csv_open_text(pl_csv *in, const char *path, char *text, size_t len, pl_collect *col) {
  memset(in, 0, sizeof *in);
  in->path = path;
  in->col = col;
  in->text = text;
  in->len = len;
  in->next_line = 1;
  if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) in->at = 3; /* a byte-order mark */
  const size_t bad = in->at + pl_utf8_invalid_at((const unsigned char *)text + in->at, len - in->at);
  if (bad < len) {
    int line, column;
    pl_text_position(text, bad, &line, &column);
    pl_collect_add(col, PARLEY_ERR_SYNTAX, path, line, column,
                   text[bad] ? "the file is not valid UTF-8 text (save it as UTF-8)" : "the file contains a NUL byte");
    free(text);
    in->text = NULL;
    return PARLEY_ERR_SYNTAX;
  }
  return 0;
}

int pl_csv_open(pl_csv *in, const char *path, const parley_read_limits *limits, pl_collect *col) {
  memset(in, 0, sizeof *in);
  const size_t max = limits && limits->max_file_bytes ? limits->max_file_bytes : PARLEY_DEFAULT_MAX_FILE_BYTES;
  char *text = NULL;
  size_t len = 0;
  int rc = pl_read_whole_file(path, max, &text, &len, col);
  if (rc) return rc;
  return pl_csv_open_text(in, path, text, len, col);
}

/* Finds the end of the record starting at in->at: the first line end outside a quoted field.
 * Returns 0, or -1 with *open_at the offset of an opening quote that is never closed. */
static int record_end(const pl_csv *in, size_t *end, size_t *open_at) {
  const char *t = in->text;
  size_t i = in->at;
  int field_start = 1;
  while (i < in->len && t[i] != '\n') {
    if (field_start && t[i] == '"') {
      const size_t q = i++;
      for (;;) {
        if (i >= in->len) {
          *open_at = q;
          return -1;
        }
        if (t[i] == '"') {
          if (i + 1 < in->len && t[i + 1] == '"') {
            i += 2;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      field_start = 0;
      continue;
    }
    field_start = t[i] == ',';
    i++;
  }
  *end = i;
  return 0;
}

int pl_csv_next(pl_csv *in) {
  while (in->col->n_errors < 50 && in->at < in->len) {
    size_t end = 0, open_at = 0;
    const size_t start = in->at;
    in->lineno = in->next_line;
    if (record_end(in, &end, &open_at)) {
      int line, column;
      pl_text_position(in->text, open_at, &line, &column);
      pl_collect_add(in->col, PARLEY_ERR_SYNTAX, in->path, line, column, "a quoted field is not closed");
      in->at = in->len;
      return 0;
    }
    for (size_t i = start; i < end; i++) in->next_line += in->text[i] == '\n';
    in->at = end < in->len ? end + 1 : end;
    if (end < in->len) in->next_line++;
    size_t n = end - start;
    while (n > 0 && in->text[start + n - 1] == '\r') n--;
    if (n == 0) continue; /* a blank line */
    if (pl_grow(&in->record, &in->cap, n + 1)) {
      pl_collect_add(in->col, PARLEY_ERR_NOMEM, in->path, in->lineno, 0, "out of memory");
      return 0;
    }
    memcpy(in->record, in->text + start, n);
    in->record[n] = '\0';
    int bad_col = 0;
    in->n = pl_csv_split(in->record, in->fields, in->cols, PL_CSV_MAX_COLUMNS, &bad_col);
    if (in->n < 0) { /* cannot happen after record_end; kept for safety */
      pl_collect_add(in->col, PARLEY_ERR_SYNTAX, in->path, in->lineno, bad_col, "a quoted field is not closed");
      return 0;
    }
    if (in->n > PL_CSV_MAX_COLUMNS) {
      pl_collect_add(in->col, PARLEY_ERR_LIMIT, in->path, in->lineno, 0, "more than %d columns", PL_CSV_MAX_COLUMNS);
      return 0;
    }
    return 1;
  }
  return 0;
}

void pl_csv_close(pl_csv *in) {
  free(in->text);
  free(in->record);
  in->text = in->record = NULL;
}

const char *pl_csv_bad_text(int bad) { return bad == 2 ? "is " PL_RANGE_TEXT : "is not a number"; }

double pl_csv_number(const char *s, int *bad) {
  while (*s == ' ') s++;
  if (!*s) return NAN;
  char *end;
  errno = 0;
  double x = strtod(s, &end);
  while (*end == ' ') end++;
  if (*end || errno == ERANGE || !isfinite(x)) {
    *bad = pl_out_of_range(s) ? 2 : 1;
    return NAN;
  }
  return x;
}

