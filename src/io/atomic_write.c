/* atomic_write.c — write a whole file or nothing: a temporary file beside the target, fsync,
 * rename. What is at the path decides what is written:
 *   - nothing: a new file, with the usual permissions (0666 less the umask);
 *   - a regular file: replaced, keeping its permissions;
 *   - a symbolic link: written through, to the file it points to (the link stays a link), which
 *     must itself be a regular file or not exist yet in an existing folder;
 *   - anything else (a device such as /dev/full, a folder, a FIFO, a socket): refused, so that
 *     a rename never replaces it with a regular file. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "parley/report.h"
#include "util/error.h"

static const char *kind_of(mode_t m) {
  return S_ISDIR(m) ? "a folder" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
         : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/* The file a symbolic link leads to, following every link (malloc'd), or NULL with errno set.
 * A link whose last target does not exist yet resolves to that path, when its folder exists. */
static char *resolve_link(const char *path) {
  char *full = realpath(path, NULL);
  if (full || errno != ENOENT) return full;
  /* dangling: follow the links by hand, at most 40 of them, to the path they name */
  char *cur = strdup(path);
  for (int hops = 0; cur && hops < 40; hops++) {
    struct stat st;
    if (lstat(cur, &st) != 0) return cur; /* the end of the chain: the file to create */
    if (!S_ISLNK(st.st_mode)) return cur;
    char target[PATH_MAX];
    const ssize_t n = readlink(cur, target, sizeof target - 1);
    if (n < 0) {
      free(cur);
      return NULL;
    }
    target[n] = '\0';
    char *next;
    if (target[0] == '/') {
      next = strdup(target);
    } else { /* relative to the link's folder */
      const char *slash = strrchr(cur, '/');
      const size_t dl = slash ? (size_t)(slash - cur) + 1 : 0, len = dl + (size_t)n + 1;
      next = malloc(len);
      if (next) snprintf(next, len, "%.*s%s", (int)dl, cur, target);
    }
    free(cur);
    cur = next;
  }
  free(cur);
  errno = ELOOP;
  return NULL;
}

int parley_write_file_atomic(const char *path, const void *data, size_t len, parley_error *err) {
  if (!path || !*path || (!data && len)) return pl_fail(err, PARLEY_ERR_ARG, path, 0, 0, "invalid argument");
  char *target = NULL; /* the file written, past any symbolic link */
  struct stat st;
  int exists = lstat(path, &st) == 0;
  if (exists && S_ISLNK(st.st_mode)) {
    if (!(target = resolve_link(path)))
      return pl_fail(err, PARLEY_ERR_IO, path, 0, 0, "cannot follow the symbolic link: %s", strerror(errno));
    exists = stat(target, &st) == 0;
  } else if (!(target = strdup(path))) {
    return pl_fail(err, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  if (exists && !S_ISREG(st.st_mode)) {
    free(target);
    return pl_fail(err, PARLEY_ERR_IO, path, 0, 0, "is %s; parley writes only regular files", kind_of(st.st_mode));
  }
  size_t n = strlen(target) + 32;
  char *tmp = malloc(n);
  if (!tmp) {
    free(target);
    return pl_fail(err, PARLEY_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  /* a fresh name beside the target, created with the usual permissions (the kernel applies the
   * umask; reading it back would change process state): no counter, so nothing global */
  int fd = -1;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t seed = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^ (uint64_t)getpid() << 16 ^ (uint64_t)(uintptr_t)&ts;
  for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
    seed = seed * 6364136223846793005u + 1442695040888963407u;
    snprintf(tmp, n, "%s.tmp-%06" PRIx64, target, (seed >> 40) & 0xffffff);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    int e = errno;
    free(tmp), free(target);
    return pl_fail(err, PARLEY_ERR_IO, path, 0, 0, "cannot create a temporary file beside it: %s", strerror(e));
  }
  if (exists) { /* keep the replaced file's permissions, and its owner where we may */
    if (fchown(fd, st.st_uid, st.st_gid) != 0) { /* not ours to give: the new file stays ours */
    }
    (void)fchmod(fd, st.st_mode & 07777);
  }
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
  if (!e && rename(tmp, target) != 0) e = errno;
  if (e) unlink(tmp);
  free(tmp), free(target);
  return e ? pl_fail(err, PARLEY_ERR_IO, path, 0, 0, "cannot write: %s", strerror(e)) : 0;
}
