/* csv.h — reading CSV files row by row, for the positions and capability readers in io/. */
#ifndef PL_IO_CSV_H
#define PL_IO_CSV_H

#include <stddef.h>

#include "util/error.h"

#define PL_CSV_MAX_COLUMNS 512

/* Reads a CSV file record by record (RFC 4180): the whole file is read first, bounded in size
 * (pl_read_whole_file: folders refused, a silent FIFO empty), a UTF-8 byte-order mark dropped,
 * the text checked to be UTF-8 without NUL bytes; a quoted field may hold commas, doubled
 * quotes and line ends; blank lines are skipped; an unclosed quote ends the read. */
typedef struct pl_csv {
  const char *path;
  pl_collect *col;
  char *text;   /* the whole file (NUL-terminated), and where the next record starts */
  size_t len, at;
  int next_line; /* the line text[at] is on */
  char *record; /* the current record, split in place */
  size_t cap;
  int lineno;   /* the line the current record starts on */
  int n;        /* fields in the current record */
  char *fields[PL_CSV_MAX_COLUMNS + 1];
  int cols[PL_CSV_MAX_COLUMNS + 1];
} pl_csv;

/* Reads path (the size limit from limits, NULL: the default). Returns 0, or an error code after
 * reporting the problem ("cannot open", too large, not UTF-8, a NUL byte). */
int pl_csv_open(pl_csv *in, const char *path, const parley_read_limits *limits, pl_collect *col);
/* The same over text[0..len) already read from path (malloc'd; the reader takes it over, also
 * on failure; text[len] must be NUL). */
int pl_csv_open_text(pl_csv *in, const char *path, char *text, size_t len, pl_collect *col);
/* 1 with the next record in in->fields (in->n of them, in->cols their columns, counted from
 * the record's first character), 0 at the end or after a problem that ends the read. */
int pl_csv_next(pl_csv *in);
/* Frees what the reader holds. */
void pl_csv_close(pl_csv *in);
/* Splits one CSV line in place (quotes allowed, "" inside quotes). Returns the field count
 * (max + 1 when there are more than max), or -1 with *bad_col set for an unterminated quote. */
int pl_csv_split(char *line, char **fields, int *cols, int max, int *bad_col);
/* A number in a cell (any finite value, spaces around it allowed); NaN when blank; *bad set
 * when it is not a number (1), or one outside a double's range (2). */
double pl_csv_number(const char *s, int *bad);
/* What to say of a cell pl_csv_number found bad: "is not a number" or "is out of range ...". */
const char *pl_csv_bad_text(int bad);

#endif
