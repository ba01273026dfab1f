/* csv.h — reading CSV files row by row, for the positions and capability readers in io/. */
#ifndef PL_IO_CSV_H
#define PL_IO_CSV_H

#include <stdio.h>

#include "util/error.h"

#define PL_CSV_MAX_COLUMNS 512

/* Reads a CSV file row by row: bounds its size, drops line ends and blank lines, refuses NUL
 * bytes and unclosed quotes (reported, the row skipped), splits fields. */
typedef struct pl_csv {
  FILE *f;
  const char *path;
  pl_collect *col;
  size_t max_bytes, total, cap;
  char *line;
  int lineno;
  int n; /* fields in the current row */
  char *fields[PL_CSV_MAX_COLUMNS + 1];
  int cols[PL_CSV_MAX_COLUMNS + 1];
} pl_csv;

/* Opens path for reading (the size limit from limits, NULL: the default). Returns 0, or
 * PARLEY_ERR_IO after reporting "cannot open". */
int pl_csv_open(pl_csv *in, const char *path, const parley_read_limits *limits, pl_collect *col);
/* 1 with the next row in in->fields (in->n of them, in->cols their columns), 0 at the end or
 * after a problem that ends the read. */
int pl_csv_next(pl_csv *in);
/* Closes the file, reporting a read error if no other problem was. */
void pl_csv_close(pl_csv *in);
/* Splits one CSV line in place (quotes allowed, "" inside quotes). Returns the field count
 * (max + 1 when there are more than max), or -1 with *bad_col set for an unterminated quote. */
int pl_csv_split(char *line, char **fields, int *cols, int max, int *bad_col);
/* A number in a cell (any finite value, spaces around it allowed); NaN when blank; *bad set
 * when it is not a number. */
double pl_csv_number(const char *s, int *bad);

#endif
