/* csv.c — reading CSV files row by row: the size bounded, line ends and blank lines dropped,
 * NUL bytes and unclosed quotes refused (reported, the row skipped), fields split. */
#define _POSIX_C_SOURCE 200809L
#include "io/csv.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

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


int pl_csv_open(pl_csv *in, const char *path, const parley_read_limits *limits, pl_collect *col) {
  memset(in, 0, sizeof *in);
  in->path = path;
  in->col = col;
  in->max_bytes = limits && limits->max_file_bytes ? limits->max_file_bytes : PARLEY_DEFAULT_MAX_FILE_BYTES;
  in->f = fopen(path, "rb");
  if (!in->f) {
    pl_collect_add(col, PARLEY_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    return PARLEY_ERR_IO;
  }
  return 0;
}

/* 1 with the next row in in->fields; 0 at the end, or after a problem that ends the read. */
int pl_csv_next(pl_csv *in) {
  ssize_t got;
  while (in->col->n_errors < 50 && (got = getline(&in->line, &in->cap, in->f)) > 0) {
    in->lineno++;
    in->total += (size_t)got;
    if (in->total > in->max_bytes) {
      pl_collect_add(in->col, PARLEY_ERR_LIMIT, in->path, in->lineno, 0,
                     "the file is larger than the limit of %zu bytes", in->max_bytes);
      return 0;
    }
    while (got > 0 && (in->line[got - 1] == '\n' || in->line[got - 1] == '\r')) in->line[--got] = '\0';
    if (got == 0) continue;
    if (memchr(in->line, '\0', (size_t)got)) {
      pl_collect_add(in->col, PARLEY_ERR_SYNTAX, in->path, in->lineno, 0, "the line contains a NUL byte");
      continue;
    }
    int bad_col = 0;
    in->n = pl_csv_split(in->line, in->fields, in->cols, PL_CSV_MAX_COLUMNS, &bad_col);
    if (in->n < 0) {
      pl_collect_add(in->col, PARLEY_ERR_SYNTAX, in->path, in->lineno, bad_col, "a quoted field is not closed");
      continue;
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
  if (in->f && ferror(in->f) && in->col->n_errors == 0)
    pl_collect_add(in->col, PARLEY_ERR_IO, in->path, 0, 0, "cannot read the file");
  if (in->f) fclose(in->f);
  free(in->line);
}

double pl_csv_number(const char *s, int *bad) {
  while (*s == ' ') s++;
  if (!*s) return NAN;
  char *end;
  errno = 0;
  double x = strtod(s, &end);
  while (*end == ' ') end++;
  if (*end || errno == ERANGE || !isfinite(x)) {
    *bad = 1;
    return NAN;
  }
  return x;
}

