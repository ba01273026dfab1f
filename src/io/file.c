/* file.c — reading a whole input file, bounded in size; see file.h. */
#define _POSIX_C_SOURCE 200809L
#include "io/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/vec.h"

/* Reads fd to its end, at most max_bytes + 1 bytes (one more tells that the file is too large).
 * Returns 0 or PARLEY_ERR_IO (errno in *saved) / _NOMEM. */
static int read_all(int fd, size_t max_bytes, size_t size_hint, char **buf_out, size_t *len_out, int *saved) {
  size_t cap = size_hint + 1 < 4096 ? 4096 : size_hint + 1, len = 0;
  if (cap > max_bytes + 1) cap = max_bytes + 1;
  char *buf = malloc(cap + 1);
  if (!buf) return PARLEY_ERR_NOMEM;
  for (;;) {
    if (len == cap) {
      if (len > max_bytes) break;
      size_t want = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
      char *b = realloc(buf, want + 1);
      if (!b) {
        free(buf);
        return PARLEY_ERR_NOMEM;
      }
      buf = b, cap = want;
    }
    ssize_t got = read(fd, buf + len, cap - len);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      *saved = errno;
      free(buf);
      return PARLEY_ERR_IO;
    }
    if (got == 0) break;
    len += (size_t)got;
  }
  buf[len] = '\0';
  *buf_out = buf;
  *len_out = len;
  return 0;
}

int pl_read_whole_file(const char *path, size_t max_bytes, char **buf_out, size_t *len_out, pl_collect *col) {
  *buf_out = NULL;
  *len_out = 0;
  /* O_NONBLOCK: opening a FIFO nobody writes to must not wait; reading goes back to blocking,
   * so that a pipe with a writer is read to its end */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    pl_collect_add(col, PARLEY_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
    return PARLEY_ERR_IO;
  }
  struct stat st;
  int rc = 0, saved = 0;
  if (fstat(fd, &st) != 0) {
    saved = errno, rc = PARLEY_ERR_IO;
  } else if (S_ISDIR(st.st_mode)) {
    close(fd);
    pl_collect_add(col, PARLEY_ERR_IO, path, 0, 0, "is a folder, not a file");
    return PARLEY_ERR_IO;
  } else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > (uintmax_t)max_bytes) {
    close(fd);
    pl_collect_add(col, PARLEY_ERR_LIMIT, path, 0, 0, "the file is larger than the limit of %zu bytes", max_bytes);
    return PARLEY_ERR_LIMIT;
  } else {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) saved = errno, rc = PARLEY_ERR_IO;
  }
  char *buf = NULL;
  size_t len = 0;
  if (rc == 0) rc = read_all(fd, max_bytes, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, &buf, &len, &saved);
  close(fd);
  if (rc == 0 && len > max_bytes) {
    free(buf);
    pl_collect_add(col, PARLEY_ERR_LIMIT, path, 0, 0, "the file is larger than the limit of %zu bytes", max_bytes);
    return PARLEY_ERR_LIMIT;
  }
  if (rc == PARLEY_ERR_IO) pl_collect_add(col, rc, path, 0, 0, "cannot read: %s", strerror(saved));
  if (rc == PARLEY_ERR_NOMEM) pl_collect_add(col, rc, path, 0, 0, "out of memory");
  if (rc) return rc;
  *buf_out = buf;
  *len_out = len;
  return 0;
}
