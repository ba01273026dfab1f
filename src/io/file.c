/* file.c — reading a whole input file, bounded in size; see file.h. */
#include "io/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/vec.h"

int pl_read_whole_file(const char *path, size_t max_bytes, char **buf_out, size_t *len_out, pl_collect *col) {
  *buf_out = NULL;
  *len_out = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    pl_collect_add(col, PARLEY_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    return PARLEY_ERR_IO;
  }
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  int rc = buf ? 0 : PARLEY_ERR_NOMEM, saved = 0;
  while (rc == 0) {
    if (len == cap) {
      if (cap > max_bytes) break; /* over the limit: refused below */
      if (pl_grow(&buf, &cap, cap + 1)) {
        rc = PARLEY_ERR_NOMEM;
        break;
      }
    }
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (got == 0) {
      if (ferror(f)) {
        saved = errno;
        rc = PARLEY_ERR_IO;
      }
      break;
    }
  }
  fclose(f);
  if (rc == 0 && len > max_bytes) {
    rc = PARLEY_ERR_LIMIT;
    pl_collect_add(col, rc, path, 0, 0, "the file is larger than the limit of %zu bytes", max_bytes);
  } else if (rc == PARLEY_ERR_IO) {
    pl_collect_add(col, rc, path, 0, 0, "cannot read: %s", strerror(saved));
  } else if (rc == PARLEY_ERR_NOMEM) {
    pl_collect_add(col, rc, path, 0, 0, "out of memory");
  }
  if (rc) {
    free(buf);
    return rc;
  }
  *buf_out = buf;
  *len_out = len;
  return 0;
}
