/* file.h — reading a whole input file, bounded in size, for the readers in io/. */
#ifndef PL_IO_FILE_H
#define PL_IO_FILE_H

#include <stddef.h>

#include "util/error.h"

/* Reads path into a malloc'd buffer (*buf, *len; the caller frees it; a NUL follows the last
 * byte). At most max_bytes: a larger file is refused, a regular one before any byte is read,
 * anything else (a pipe, a device) once max_bytes + 1 have come. A folder is refused; a FIFO
 * that nobody writes to reads as empty instead of waiting. Returns 0, or PARLEY_ERR_IO /
 * _LIMIT / _NOMEM after reporting the problem to col ("cannot open: ...", "cannot read: ...",
 * "is a folder, not a file", "the file is larger than the limit of N bytes"). */
int pl_read_whole_file(const char *path, size_t max_bytes, char **buf, size_t *len, pl_collect *col);

#endif
