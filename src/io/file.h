/* file.h — reading a whole input file, bounded in size, for the readers in io/. */
#ifndef PL_IO_FILE_H
#define PL_IO_FILE_H

#include <stddef.h>

#include "util/error.h"

/* Reads path into a malloc'd buffer (*buf, *len; the caller frees it). At most max_bytes: a
 * larger file is refused. Returns 0, or PARLEY_ERR_IO / _LIMIT / _NOMEM after reporting the
 * problem to col ("cannot open: ...", "cannot read: ..."). */
int pl_read_whole_file(const char *path, size_t max_bytes, char **buf, size_t *len, pl_collect *col);

#endif
