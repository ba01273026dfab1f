/* ytree.h — a small YAML/JSON document tree with a 1-based line and column on every node,
 * built from libfyaml's parser events. Aliases and tags other than the core schema's are
 * refused, which also rules out "billion laughs" expansion. */
#ifndef PL_IO_YTREE_H
#define PL_IO_YTREE_H

#include <stddef.h>

#include "parley.h"
#include "util/arena.h"

typedef enum { PL_YSCALAR, PL_YMAP, PL_YSEQ } pl_ykind;

typedef struct pl_ynode pl_ynode;
struct pl_ynode {
  pl_ykind kind;
  int line, column;   /* 1-based */
  const char *text;   /* scalar text, NUL-terminated ("" for collections) */
  size_t len;
  int quoted;         /* scalar was quoted (so it is a string, never a number) */
  size_t count;       /* children: sequence items, or mapping pairs */
  pl_ynode *first;    /* first child (for a mapping: the first value) */
  pl_ynode *next;     /* next sibling */
  pl_ynode *key;      /* for a mapping value: its key (a scalar) */
};

/* Parses text into a tree allocated in arena. On a syntax error, appends every error libfyaml
 * reports to diags, fills err with the first and returns PARLEY_ERR_SYNTAX (or
 * PARLEY_ERR_LIMIT when the tree is nested deeper than max_depth). An empty document gives a
 * NULL root and 0. */
int pl_ytree_parse(pl_arena *arena, const char *text, size_t len, const char *name,
                   size_t max_depth, pl_ynode **root, parley_diagnostics *diags,
                   parley_error *err);

#endif
