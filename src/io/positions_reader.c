/* positions_reader.c — reads actors' positions from CSV: the DEU III dataset's format, a plain
 * one-issue format (actor, capability, position, salience), and KTAB's multi-dimensional
 * format (its Spatial Model of Politics input).
 *
 * DEU III: the dataset's CSV (Arregui & Perarnaud 2022) into positions:
 * isnr is the issue id (its year is digits 2-3 of the id: d00032i1 -> 2000), p<actor> and
 * s<actor> the positions and saliences, rp the reference point, out the outcome. Blank cells
 * and values outside [0, 100] (such as 999) are missing. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "io/file.h"
#include "model/positions.h"
#include "util/error.h"

/* What every positions reader holds while it reads: its problems, the CSV rows, the positions
 * being made. */
typedef struct reader {
  pl_collect col;
  pl_csv in;
  parley_positions *pos;
} reader;

/* The common start of a reader: checks the arguments, reads path (or takes over text, already
 * read from it, when not NULL) and makes a new, empty positions object in its own arena;
 * returns 0, or an error code after reporting it (nothing left open). */
static int read_start(reader *r, const char *path, const parley_read_limits *limits, char *text, size_t len,
                      parley_positions **out, parley_diagnostics *diags, parley_error *err) {
  if (!path || !out) {
    free(text);
    return pl_fail(err, PARLEY_ERR_ARG, path, 0, 0, "invalid argument");
  }
  *out = NULL;
  r->col = (pl_collect){diags, err, 0, 0};
  r->pos = NULL;
  int rc = text ? pl_csv_open_text(&r->in, path, text, len, &r->col) : pl_csv_open(&r->in, path, limits, &r->col);
  if (rc) return rc;
  pl_arena a = {0};
  parley_positions *pos = pl_arena_alloc(&a, sizeof *pos);
  if (pos) {
    pos->arena = a;
    pos->source = pl_arena_strdup(&pos->arena, path);
  }
  if (!pos || !pos->source) {
    parley_positions_free(pos);
    pl_csv_close(&r->in);
    pl_collect_add(&r->col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
    return PARLEY_ERR_NOMEM;
  }
  r->pos = pos;
  return 0;
}

/* A DEU III cell: values outside [0, 100] (such as 999) mean missing. */
static double cell(const char *s, int *bad) {
  double x = pl_csv_number(s, bad);
  return x >= 0 && x <= 100 ? x : NAN;
}

/* 1 when one of the first k actors is called name: two actors of one name would be one actor
 * counted twice (and a capability file could not tell them apart). */
static int actor_taken(const parley_positions *pos, size_t k, const char *name) {
  for (size_t a = 0; a < k; a++)
    if (pos->actor[a] && !strcmp(pos->actor[a], name)) return 1;
  return 0;
}

/* Hands the positions over, or frees them when a problem was collected. */
static int read_finish(const pl_collect *col, parley_positions *pos, parley_positions **out) {
  if (col->n_errors) {
    parley_positions_free(pos);
    return col->first_code;
  }
  *out = pos;
  return 0;
}

/* DEU III's issue ids name their proposal: d00032i1, d00032i2, ... are the issues of proposal
 * d00032 (the text before a final i<digits>; an id without one is a proposal by itself). Sets
 * each issue's proposal name and group (the index of the proposal's first issue). */
static int group_by_proposal(parley_positions *pos) {
  const size_t N = pos->n_issues;
  pos->group = pl_arena_array(&pos->arena, N, sizeof *pos->group);
  pos->proposal = pl_arena_array(&pos->arena, N, sizeof *pos->proposal);
  if (!pos->group || !pos->proposal) return PARLEY_ERR_NOMEM;
  for (size_t i = 0; i < N; i++) {
    const char *id = pos->issue[i];
    size_t n = strlen(id), k = n;
    while (k > 0 && isdigit((unsigned char)id[k - 1])) k--;
    const size_t len = k < n && k > 1 && id[k - 1] == 'i' ? k - 1 : n;
    pos->group[i] = i;
    for (size_t j = 0; j < i; j++)
      if (pos->group[j] == j && strlen(pos->proposal[j]) == len && !memcmp(pos->proposal[j], id, len)) {
        pos->group[i] = j;
        break;
      }
    pos->proposal[i] = pos->group[i] < i ? pos->proposal[pos->group[i]] : pl_arena_strndup(&pos->arena, id, len);
    if (!pos->proposal[i]) return PARLEY_ERR_NOMEM;
  }
  return 0;
}

/* One start and one finish for every format: open the file and make the positions, let the
 * format read its rows (read_rows closes the file when done), hand the positions over or free
 * them when a problem was collected. */
static int read_positions(const char *path, const parley_read_limits *limits, char *text, size_t len,
                          parley_positions **out, parley_diagnostics *diags, parley_error *err,
                          void (*read_rows)(reader *, const char *)) {
  reader r;
  int started = read_start(&r, path, limits, text, len, out, diags, err);
  if (started) return started;
  read_rows(&r, path);
  return read_finish(&r.col, r.pos, out);
}

static void deu_rows(reader *r, const char *path) {
  pl_collect *col = &r->col;
  parley_positions *pos = r->pos;
  int n_cols = 0, isnr = -1, rp = -1, outc = -1;
  int *pcol = NULL, *scol = NULL; /* per actor: its p and s columns */
  size_t cap_issues = 0;
  int header = 1;
  while (pl_csv_next(&r->in)) {
    const int n = r->in.n, lineno = r->in.lineno;
    if (header) {
      /* the header: find isnr, rp, out and the actors' p/s pairs */
      header = 0;
      n_cols = n;
      pos->actor = pl_arena_array(&pos->arena, (size_t)n, sizeof *pos->actor);
      pcol = pl_arena_array(&pos->arena, (size_t)n, sizeof *pcol);
      scol = pl_arena_array(&pos->arena, (size_t)n, sizeof *scol);
      if (!pos->actor || !pcol || !scol) {
        pl_collect_add(col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
        break;
      }
      for (int k = 0; k < n; k++) {
        const char *h = r->in.fields[k];
        if (!strcmp(h, "isnr")) isnr = k;
        else if (!strcmp(h, "rp")) rp = k;
        else if (!strcmp(h, "out")) outc = k;
      }
      for (int k = 0; k < n && col->n_errors == 0; k++) {
        const char *h = r->in.fields[k];
        if (h[0] != 'p' || strlen(h) < 3 || strlen(h) > 4 || !strcmp(h, "prnr") || !strcmp(h, "proc")) continue;
        int ok = 1;
        for (const char *c = h + 1; *c; c++) ok &= islower((unsigned char)*c) != 0;
        if (!ok) continue;
        for (int j = 0; j < n; j++)
          if (r->in.fields[j][0] == 's' && !strcmp(r->in.fields[j] + 1, h + 1)) {
            if (actor_taken(pos, pos->n_actors, h + 1)) {
              pl_collect_add(col, PARLEY_ERR_INVALID, path, 1, r->in.cols[k], "a second column '%s': actor '%s' appears twice", h,
                             h + 1);
              break;
            }
            pos->actor[pos->n_actors] = pl_arena_strdup(&pos->arena, h + 1);
            pcol[pos->n_actors] = k;
            scol[pos->n_actors] = j;
            pos->n_actors++;
          }
      }
      if (isnr < 0) pl_collect_add(col, PARLEY_ERR_INVALID, path, 1, 0, "no 'isnr' column (the issue id)");
      if (outc < 0) pl_collect_add(col, PARLEY_ERR_INVALID, path, 1, 0, "no 'out' column (the outcome)");
      if (pos->n_actors == 0)
        pl_collect_add(col, PARLEY_ERR_INVALID, path, 1, 0, "no actor columns (pairs p<actor>, s<actor>)");
      if (col->n_errors) break;
      continue;
    }
    if (n != n_cols) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, 0, "%d fields, but the header has %d", n, n_cols);
      continue;
    }
    if (pos->n_issues == cap_issues) {
      const size_t nc = cap_issues ? cap_issues * 2 : 512, m = pos->n_issues, A = pos->n_actors;
      pl_arena *a = &pos->arena;
      if (pl_arena_grow(a, &pos->issue, m, nc) || pl_arena_grow(a, &pos->year, m, nc) ||
          pl_arena_grow(a, &pos->position, m * A, nc * A) || pl_arena_grow(a, &pos->salience, m * A, nc * A) ||
          pl_arena_grow(a, &pos->reference, m, nc) || pl_arena_grow(a, &pos->outcome, m, nc)) {
        pl_collect_add(col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
        break;
      }
      cap_issues = nc;
    }
    size_t i = pos->n_issues;
    const char *id = r->in.fields[isnr];
    if (!*id) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[isnr], "the issue id (isnr) is empty");
      continue;
    }
    pos->issue[i] = pl_arena_strdup(&pos->arena, id);
    /* d00032i1: codecision proposal 2000/032; the year is the two digits after the letter */
    int yy = isdigit((unsigned char)id[1]) && isdigit((unsigned char)id[2]) ? (id[1] - '0') * 10 + (id[2] - '0') : -1;
    pos->year[i] = yy < 0 ? 0 : yy >= 50 ? 1900 + yy : 2000 + yy;
    int bad = 0;
    for (size_t k = 0; k < pos->n_actors; k++) {
      int b1 = 0, b2 = 0;
      pos->position[i * pos->n_actors + k] = cell(r->in.fields[pcol[k]], &b1);
      pos->salience[i * pos->n_actors + k] = cell(r->in.fields[scol[k]], &b2);
      if (b1 || b2) {
        pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[b1 ? pcol[k] : scol[k]],
                       "the %s of actor '%s' %s", b1 ? "position" : "salience", pos->actor[k], pl_csv_bad_text(b1 ? b1 : b2));
        bad = 1;
      }
    }
    int b3 = 0, b4 = 0;
    pos->reference[i] = rp >= 0 ? cell(r->in.fields[rp], &b3) : NAN;
    pos->outcome[i] = cell(r->in.fields[outc], &b4);
    if (b3 || b4) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[b3 ? rp : outc], "the %s %s",
                     b3 ? "reference point (rp)" : "outcome (out)", pl_csv_bad_text(b3 ? b3 : b4));
      bad = 1;
    }
    if (!bad) pos->n_issues++;
  }
  pl_csv_close(&r->in);
  if (col->n_errors == 0 && header) pl_collect_add(col, PARLEY_ERR_INVALID, path, 0, 0, "the file is empty");
  if (col->n_errors == 0 && pos->n_issues == 0) pl_collect_add(col, PARLEY_ERR_INVALID, path, 0, 0, "the file has no issues");
  if (col->n_errors == 0 && group_by_proposal(pos)) pl_collect_add(col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
}

static void plain_rows(reader *r, const char *path) {
  pl_collect *col = &r->col;
  parley_positions *pos = r->pos;
  size_t cap_actors = 0;
  int n_cols = 0, c_actor = -1, c_cap = -1, c_pos = -1, c_sal = -1, header = 1;
  double *x = NULL, *sal = NULL;
  while (pl_csv_next(&r->in)) {
    const int n = r->in.n, lineno = r->in.lineno;
    if (header) {
      header = 0;
      n_cols = n;
      for (int k = 0; k < n; k++) {
        if (!strcmp(r->in.fields[k], "actor")) c_actor = k;
        else if (!strcmp(r->in.fields[k], "capability")) c_cap = k;
        else if (!strcmp(r->in.fields[k], "salience")) c_sal = k;
        else if (!strncmp(r->in.fields[k], "position", 8) && (r->in.fields[k][8] == '\0' || r->in.fields[k][8] == '_')) c_pos = k;
      }
      const char *need[4] = {"actor", "capability", "position", "salience"};
      int have[4] = {c_actor, c_cap, c_pos, c_sal};
      for (int k = 0; k < 4; k++)
        if (have[k] < 0) pl_collect_add(col, PARLEY_ERR_INVALID, path, 1, 0, "no '%s' column", need[k]);
      if (col->n_errors) break;
      continue;
    }
    if (n != n_cols) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, 0, "%d fields, but the header has %d", n, n_cols);
      continue;
    }
    if (pos->n_actors == cap_actors) {
      const size_t nc = cap_actors ? cap_actors * 2 : 64, m = pos->n_actors;
      pl_arena *a = &pos->arena;
      if (pl_arena_grow(a, &pos->actor, m, nc) || pl_arena_grow(a, &x, m, nc) || pl_arena_grow(a, &sal, m, nc) ||
          pl_arena_grow(a, &pos->capability, m, nc)) {
        pl_collect_add(col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
        break;
      }
      cap_actors = nc;
    }
    size_t k = pos->n_actors;
    if (!*r->in.fields[c_actor]) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[c_actor], "the actor's name is empty");
      continue;
    }
    int b1 = 0, b2 = 0, b3 = 0;
    double cv = pl_csv_number(r->in.fields[c_cap], &b1), xv = pl_csv_number(r->in.fields[c_pos], &b2), sv = pl_csv_number(r->in.fields[c_sal], &b3);
    if (b1 || b2 || b3) {
      int c = b1 ? c_cap : b2 ? c_pos : c_sal;
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[c], "the %s of '%s' %s",
                     b1 ? "capability" : b2 ? "position" : "salience", r->in.fields[c_actor], pl_csv_bad_text(b1 ? b1 : b2 ? b2 : b3));
      continue;
    }
    if (cv < 0 || sv < 0) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[cv < 0 ? c_cap : c_sal], "the %s of '%s' is negative",
                     cv < 0 ? "capability" : "salience", r->in.fields[c_actor]);
      continue;
    }
    if (actor_taken(pos, k, r->in.fields[c_actor])) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[c_actor], "actor '%s' appears twice",
                     r->in.fields[c_actor]);
      continue;
    }
    pos->actor[k] = pl_arena_strdup(&pos->arena, r->in.fields[c_actor]);
    pos->capability[k] = cv;
    x[k] = xv;
    sal[k] = sv;
    pos->n_actors++;
  }
  pl_csv_close(&r->in);
  if (col->n_errors == 0 && pos->n_actors == 0) pl_collect_add(col, PARLEY_ERR_INVALID, path, 0, 0, "the file has no actors");
  if (col->n_errors == 0) {
    /* one issue, named after the file, with no reference point or outcome */
    pos->n_issues = 1;
    pos->issue = pl_arena_array(&pos->arena, 1, sizeof *pos->issue);
    pos->year = pl_arena_array(&pos->arena, 1, sizeof *pos->year);
    pos->reference = pl_arena_array(&pos->arena, 1, sizeof *pos->reference);
    pos->outcome = pl_arena_array(&pos->arena, 1, sizeof *pos->outcome);
    if (!pos->issue || !pos->year || !pos->reference || !pos->outcome) {
      pl_collect_add(col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
    } else {
      const char *base = strrchr(path, '/');
      pos->issue[0] = pl_arena_strdup(&pos->arena, base ? base + 1 : path);
      pos->reference[0] = pos->outcome[0] = NAN;
      pos->position = x;
      pos->salience = sal;
    }
  }
}

/* A KTAB field: surrounding spaces dropped. */
static char *trimmed(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = '\0';
  return s;
}

/* A whole number in a KTAB header cell, or -1. */
/* A whole number in a KTAB header cell (a sign allowed, so that -4 is read and refused as a
 * count rather than taken for another format); LONG_MIN when the cell is not one. */
static long header_count(const char *s) {
  while (*s == ' ') s++;
  const char *d = *s == '-' || *s == '+' ? s + 1 : s;
  if (!isdigit((unsigned char)*d)) return LONG_MIN;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  while (*end == ' ') end++;
  return *end || errno ? LONG_MIN : v;
}

static void ktab_rows(reader *r, const char *path) {
  pl_collect *col = &r->col;
  parley_positions *pos = r->pos;
  long n_act = -1, n_dim = -1;
  int row = 0, last_line = 0;
  size_t A = 0;
  while (pl_csv_next(&r->in)) {
    int n = r->in.n;
    const int lineno = r->in.lineno;
    last_line = lineno;
    while (n > 0 && !*trimmed(r->in.fields[n - 1])) n--; /* KTAB lines may end with a comma */
    if (row == 0) {
      /* scenario name, description, number of actors, number of dimensions */
      n_act = n >= 4 ? header_count(r->in.fields[2]) : -1;
      n_dim = n >= 4 ? header_count(r->in.fields[3]) : -1;
      if (n < 4) {
        pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, 0,
                       "line 1 should be: scenario name, description, number of actors, number of dimensions");
      } else if (n_act < 2 || n_act > 100000) {
        pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[2], "the number of actors should be 2 to 100000, not '%s'",
                       trimmed(r->in.fields[2]));
      } else if (n_dim < 1 || n_dim > (PL_CSV_MAX_COLUMNS - 3) / 2) {
        pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[3], "the number of dimensions should be 1 to %d, not '%s'",
                       (PL_CSV_MAX_COLUMNS - 3) / 2, trimmed(r->in.fields[3]));
      }
      if (col->n_errors) break;
      A = (size_t)n_act;
      if (pl_positions_alloc(pos, A, (size_t)n_dim)) {
        pl_collect_add(col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
        break;
      }
      row++;
      continue;
    }
    const int want = 3 + 2 * (int)n_dim;
    if (row == 1) {
      /* Actor, Description, Power, then a position and a salience column per dimension */
      if (n < want) {
        pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, 0,
                       "the header has %d columns; %ld dimensions need %d (actor, description, power, then a position "
                       "and a salience per dimension)", n, n_dim, want);
        break;
      }
      for (long d = 0; d < n_dim; d++) {
        const char *name = trimmed(r->in.fields[3 + 2 * d]);
        pos->issue[d] = pl_arena_strdup(&pos->arena, *name ? name : "dimension");
        if (!pos->issue[d]) pl_collect_add(col, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
      }
      if (col->n_errors) break;
      row++;
      continue;
    }
    const size_t k = (size_t)(row - 2);
    if (k >= A) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, 0, "more actors than the %zu that line 1 announces", A);
      break;
    }
    row++;
    if (n != want) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, 0, "%d fields, but %ld dimensions need %d", n, n_dim, want);
      continue;
    }
    const char *name = trimmed(r->in.fields[0]);
    if (!*name) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[0], "the actor's name is empty");
      continue;
    }
    if (actor_taken(pos, k, name)) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[0], "actor '%s' appears twice", name);
      continue;
    }
    pos->actor[k] = pl_arena_strdup(&pos->arena, name);
    int bad = 0;
    double power = pl_csv_number(r->in.fields[2], &bad);
    if (bad || !(power > 0)) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[2], "the power of '%s' should be a number above 0",
                     name);
      continue;
    }
    pos->capability[k] = power;
    double total = 0;
    for (long d = 0; d < n_dim; d++) {
      int bx = 0, bs = 0, cx = 3 + 2 * (int)d, cs = cx + 1;
      double x = pl_csv_number(r->in.fields[cx], &bx), s = pl_csv_number(r->in.fields[cs], &bs);
      if (bx || isnan(x) || x < 0 || x > 100) {
        pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[cx],
                       "the position of '%s' on '%s' should be a number from 0 to 100", name, pos->issue[d]);
        bad = 1;
        break;
      }
      if (bs || isnan(s) || s < 0 || s > 100) {
        pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[cs],
                       "the salience of '%s' on '%s' should be a number from 0 to 100", name, pos->issue[d]);
        bad = 1;
        break;
      }
      pos->position[(size_t)d * A + k] = x;
      pos->salience[(size_t)d * A + k] = s;
      total += s;
    }
    if (bad) continue;
    if (total > 100 || !(total > 0)) {
      pl_collect_add(col, PARLEY_ERR_INVALID, path, lineno, r->in.cols[4],
                     "the saliences of '%s' add up to %g; they should add up to more than 0 and at most 100", name, total);
      continue;
    }
  }
  pl_csv_close(&r->in);
  if (col->n_errors == 0 && row < 2) pl_collect_add(col, PARLEY_ERR_INVALID, path, last_line, 0, "the file has no actors");
  if (col->n_errors == 0 && (size_t)(row - 2) < A)
    pl_collect_add(col, PARLEY_ERR_INVALID, path, last_line, 0, "line 1 announces %zu actors, but the file has %d", A,
                   row - 2);
}

int parley_positions_read_deu(const char *path, const parley_read_limits *limits, parley_positions **out,
                              parley_diagnostics *diags, parley_error *err) {
  return read_positions(path, limits, NULL, 0, out, diags, err, deu_rows);
}

int parley_positions_read_plain(const char *path, const parley_read_limits *limits, parley_positions **out,
                                parley_diagnostics *diags, parley_error *err) {
  return read_positions(path, limits, NULL, 0, out, diags, err, plain_rows);
}

int parley_positions_read_ktab(const char *path, const parley_read_limits *limits, parley_positions **out,
                               parley_diagnostics *diags, parley_error *err) {
  return read_positions(path, limits, NULL, 0, out, diags, err, ktab_rows);
}

/* Line 1 of a KTAB file: four or more fields, the third and fourth whole numbers. */
static int looks_ktab(char *head) {
  char *fields[PL_CSV_MAX_COLUMNS + 1];
  int cols[PL_CSV_MAX_COLUMNS + 1], bad = 0;
  int n = pl_csv_split(head, fields, cols, PL_CSV_MAX_COLUMNS, &bad);
  return n >= 4 && n <= PL_CSV_MAX_COLUMNS && header_count(fields[2]) != LONG_MIN && header_count(fields[3]) != LONG_MIN;
}

int parley_positions_read_file(const char *path, const parley_read_limits *limits,
                               parley_positions **out, parley_diagnostics *diags,
                               parley_error *err) {
  if (!path || !out) return pl_fail(err, PARLEY_ERR_ARG, path, 0, 0, "invalid argument");
  /* read once: the first line tells the format, and the same text is then parsed (a pipe or a
   * FIFO cannot be read twice) */
  pl_collect col = {diags, err, 0, 0};
  const size_t max = limits && limits->max_file_bytes ? limits->max_file_bytes : PARLEY_DEFAULT_MAX_FILE_BYTES;
  char *text = NULL;
  size_t len = 0;
  int rc = pl_read_whole_file(path, max, &text, &len, &col);
  if (rc) return rc;
  size_t from = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0; /* a byte-order mark */
  size_t n = strcspn(text + from, "\r\n");
  char head[4096];
  if (n > sizeof head - 1) n = sizeof head - 1;
  memcpy(head, text + from, n);
  head[n] = '\0';
  /* the header's first field tells the format */
  void (*rows)(reader *, const char *) = deu_rows;
  if (!strncmp(head, "actor,", 6) || strstr(head, ",actor,")) rows = plain_rows;
  else if (looks_ktab(head)) rows = ktab_rows;
  return read_positions(path, limits, text, len, out, diags, err, rows);
}
