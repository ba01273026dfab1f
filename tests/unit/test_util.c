/* test_util.c — the helpers every reader and writer leans on: UTF-8 checks (util/utf8.h), JSON
 * strings and numbers that stay valid whatever goes in (util/buf.h), and the bounded whole-file
 * read (io/file.h) on folders, FIFOs, devices and files over the limit. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/file.h"
#include "util/buf.h"
#include "util/utf8.h"

static size_t bad_at(const char *s) { return pl_utf8_invalid_at((const unsigned char *)s, strlen(s)); }

static void test_utf8(void **state) {
  (void)state;
  assert_int_equal(bad_at("plain"), 5);
  assert_int_equal(bad_at("Kyiv \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2"), 13); /* Київ */
  assert_int_equal(bad_at("\xe2\x82\xac 5"), 5);                        /* € */
  assert_int_equal(bad_at("\xf0\x9f\x98\x80"), 4);                      /* U+1F600 */
  assert_int_equal(bad_at("ab\xff"), 2);                                /* never valid */
  assert_int_equal(bad_at("ab\xc3"), 2);                                /* cut short */
  assert_int_equal(bad_at("\xc0\xaf"), 0);                              /* overlong '/' */
  assert_int_equal(bad_at("x\xed\xa0\x80"), 1);                         /* a surrogate */
  assert_int_equal(bad_at("\xf4\x90\x80\x80"), 0);                      /* above U+10FFFF */
  assert_int_equal(pl_utf8_invalid_at((const unsigned char *)"a\0b", 3), 1);
  int line, col;
  pl_text_position("ab\nc\xd0\x9a" "d", 6, &line, &col);
  assert_int_equal(line, 2);
  assert_int_equal(col, 3);
}

static char *json_string(const char *s) {
  pl_buf b = {0};
  pl_buf_json_string(&b, s);
  pl_buf_putc(&b, '\0');
  assert_false(b.failed);
  return b.data;
}

static void test_json(void **state) {
  (void)state;
  char *s = json_string("a\"b\\c\n\x01");
  assert_string_equal(s, "\"a\\\"b\\\\c\\n\\u0001\"");
  free(s);
  s = json_string("Ki\xd1\x97v");
  assert_string_equal(s, "\"Ki\xd1\x97v\"");
  free(s);
  /* invalid bytes become U+FFFD, one for each, and the rest is kept */
  s = json_string("a\xffz\xc3");
  assert_string_equal(s, "\"a\xef\xbf\xbdz\xef\xbf\xbd\"");
  assert_int_equal(bad_at(s), strlen(s));
  free(s);
  pl_buf b = {0};
  pl_buf_json_number(&b, NAN);
  pl_buf_putc(&b, ',');
  pl_buf_json_number(&b, INFINITY);
  pl_buf_putc(&b, ',');
  pl_buf_exact_number(&b, -INFINITY);
  pl_buf_putc(&b, ',');
  pl_buf_exact_number(&b, -0.0);
  pl_buf_putc(&b, '\0');
  assert_string_equal(b.data, "null,null,null,0");
  pl_buf_free(&b);
}

static int read_file(const char *path, size_t max, size_t *len, int *code) {
  parley_error err = {0};
  pl_collect col = {NULL, &err, 0, 0};
  char *buf = NULL;
  int rc = pl_read_whole_file(path, max, &buf, len, &col);
  *code = err.code;
  if (rc == 0) assert_int_equal(buf[*len], '\0');
  free(buf);
  return rc;
}

static void test_read_whole_file(void **state) {
  (void)state;
  char dir[] = "/tmp/parley-test-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[64];
  size_t len = 0;
  int code = 0;
  /* a folder is refused */
  assert_int_equal(read_file(dir, 100, &len, &code), PARLEY_ERR_IO);
  /* a FIFO nobody writes to reads as empty, at once */
  snprintf(path, sizeof path, "%s/fifo", dir);
  assert_int_equal(mkfifo(path, 0600), 0);
  assert_int_equal(read_file(path, 100, &len, &code), 0);
  assert_int_equal(len, 0);
  unlink(path);
  /* a regular file at, and over, the limit */
  snprintf(path, sizeof path, "%s/f", dir);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs("0123456789", f);
  fclose(f);
  assert_int_equal(read_file(path, 10, &len, &code), 0);
  assert_int_equal(len, 10);
  assert_int_equal(read_file(path, 9, &len, &code), PARLEY_ERR_LIMIT);
  assert_int_equal(code, PARLEY_ERR_LIMIT);
  unlink(path);
  /* a device without end stops at the limit */
  assert_int_equal(read_file("/dev/zero", 1 << 16, &len, &code), PARLEY_ERR_LIMIT);
  assert_int_equal(read_file("/dev/null", 100, &len, &code), 0);
  assert_int_equal(len, 0);
  assert_int_equal(read_file("/no/such/file", 100, &len, &code), PARLEY_ERR_IO);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8),
      cmocka_unit_test(test_json),
      cmocka_unit_test(test_read_whole_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
