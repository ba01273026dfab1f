/* atomic_write.c — write a whole file or nothing: temporary file beside it, fsync, rename. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parley/report.h"
#include "util/error.h"

int parley_write_file_atomic(const char *path, const void *data, size_t len, parley_error *err) {
  if (!path || !*path || (!data && len)) return pl_fail(err, PARLEY_ERR_ARG, path, 0, 0, "invalid argument");
  size_t n = strlen(path) + 32;
  char *tmp = malloc(n);
  if (!tmp) return pl_fail(err, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
  snprintf(tmp, n, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    int e = errno;
    free(tmp);
    return pl_fail(err, PARLEY_ERR_IO, path, 0, 0, "cannot create a temporary file beside it: %s",
                   strerror(e));
  }
  /* mkstemp makes the file 0600; give it the usual permissions */
  mode_t mask = umask(0);
  umask(mask);
  (void)fchmod(fd, 0666 & ~mask);
  const char *p = data;
  size_t left = len;
  int e = 0;
  while (left > 0) {
    ssize_t w = write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      e = errno;
      break;
    }
    p += w;
    left -= (size_t)w;
  }
  if (!e && fsync(fd) != 0) e = errno;
  if (close(fd) != 0 && !e) e = errno;
  if (!e && rename(tmp, path) != 0) e = errno;
  if (e) {
    unlink(tmp);
    free(tmp);
    return pl_fail(err, PARLEY_ERR_IO, path, 0, 0, "cannot write: %s", strerror(e));
  }
  free(tmp);
  return 0;
}
