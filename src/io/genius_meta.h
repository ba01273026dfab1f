/* genius_meta.h — what parley keeps in GENIUS files beyond GENIUS's own content, so that a
 * scenario written as GENIUS XML reads back with its ids, names and frameworks (genius_meta.c).
 * GENIUS ignores all of it: extra attributes (parley_id, parley_name, parley_power) and XML
 * comments in the domain file, one per framework:
 *   <!-- parley-framework id=ID name=NAME package=ISSUE:OPTION,ISSUE:OPTION -->
 * every value percent-encoded (so that no "--" can end the comment early). */
#ifndef PL_IO_GENIUS_META_H
#define PL_IO_GENIUS_META_H

#include <stddef.h>

#include "parley/scenario.h"
#include "util/arena.h"
#include "util/buf.h"

/* The comment's text for framework fw of sc (without the <!-- -->). */
void pl_genius_framework_comment(pl_buf *b, const parley_scenario *sc, size_t fw);

/* A framework read back from a comment's text: its id, name and package as ISSUE:OPTION pairs
 * (n of them, ids decoded). Returns 1 when the comment is one, 0 when it is another comment,
 * -1 when out of memory. */
typedef struct pl_genius_framework {
  const char *id, *name;
  size_t n;
  const char **issue, **option;
} pl_genius_framework;
int pl_genius_framework_parse(pl_arena *a, const char *text, pl_genius_framework *out);

#endif
