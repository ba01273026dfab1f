/* fuzz_file.h — for libFuzzer targets whose reader takes a path: writes the input to a
 * private temporary file. */
#ifndef PARLEY_FUZZ_FILE_H
#define PARLEY_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Fills path (a mkstemp template) with data; returns 0, or -1 when no file could be made. */
static inline int fuzz_write_temp(char *path, const uint8_t *data, size_t size) {
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  size_t done = 0;
  while (done < size) {
    ssize_t w = write(fd, data + done, size - done);
    if (w <= 0) break;
    done += (size_t)w;
  }
  close(fd);
  return 0;
}

#endif
