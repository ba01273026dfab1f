/* buf.c — growable string buffer; see buf.h. */
#include "buf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

static int reserve(pl_buf *b, size_t extra) {
  if (b->failed) return -1;
  if (b->len + extra + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) {
    if (cap > ((size_t)-1) / 2) {
      b->failed = 1;
      return -1;
    }
    cap *= 2;
  }
  char *d = realloc(b->data, cap);
  if (!d) {
    b->failed = 1;
    return -1;
  }
  b->data = d;
  b->cap = cap;
  return 0;
}

void pl_buf_append(pl_buf *b, const char *s, size_t n) {
  if (reserve(b, n)) return;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void pl_buf_puts(pl_buf *b, const char *s) { pl_buf_append(b, s, strlen(s)); }
void pl_buf_putc(pl_buf *b, char c) { pl_buf_append(b, &c, 1); }

void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0 || reserve(b, (size_t)n)) return;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
}

void pl_buf_printf(pl_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pl_buf_vprintf(b, fmt, ap);
  va_end(ap);
}

/* The UTF-8 sequence at p (*p >= 0x80, the text NUL-terminated) as it is, or U+FFFD for a byte
 * that starts no valid sequence (a name cut inside a character, say); the bytes consumed. */
static size_t put_utf8(pl_buf *b, const unsigned char *p) {
  size_t avail = 1;
  while (avail < 4 && p[avail]) avail++;
  const size_t n = pl_utf8_seq(p, avail);
  if (n == 0) {
    pl_buf_puts(b, "\xef\xbf\xbd");
    return 1;
  }
  pl_buf_append(b, (const char *)p, n);
  return n;
}

void pl_buf_json_string(pl_buf *b, const char *s) {
  pl_buf_putc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= 0x80) { /* JSON is UTF-8 */
      p += put_utf8(b, p) - 1;
      continue;
    }
    switch (*p) {
      case '"': pl_buf_puts(b, "\\\""); break;
      case '\\': pl_buf_puts(b, "\\\\"); break;
      case '\n': pl_buf_puts(b, "\\n"); break;
      case '\r': pl_buf_puts(b, "\\r"); break;
      case '\t': pl_buf_puts(b, "\\t"); break;
      default:
        if (*p < 0x20) pl_buf_printf(b, "\\u%04x", *p);
        else pl_buf_putc(b, (char)*p);
    }
  }
  pl_buf_putc(b, '"');
}

void pl_buf_json_number(pl_buf *b, double x) {
  if (!isfinite(x)) {
    pl_buf_puts(b, "null");
    return;
  }
  if (x == 0) x = 0; /* no "-0" */
  pl_buf_printf(b, "%.10g", x);
}

void pl_buf_exact_number(pl_buf *b, double x) {
  char tmp[40];
  if (!isfinite(x)) {
    pl_buf_puts(b, "null");
    return;
  }
  if (x == 0) x = 0; /* no "-0" */
  for (int digits = 15; digits <= 17; digits++) {
    snprintf(tmp, sizeof tmp, "%.*g", digits, x);
    if (strtod(tmp, NULL) == x) break;
  }
  pl_buf_puts(b, tmp);
}

void pl_buf_free(pl_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

void pl_buf_markup(pl_buf *b, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
    if (*p >= 0x80) {
      p += put_utf8(b, p) - 1;
      continue;
    }
    switch (*p) {
      case '&': pl_buf_puts(b, "&amp;"); break;
      case '<': pl_buf_puts(b, "&lt;"); break;
      case '>': pl_buf_puts(b, "&gt;"); break;
      case '"': pl_buf_puts(b, "&quot;"); break;
      case '\'': pl_buf_puts(b, "&#39;"); break;
      case '\n': pl_buf_puts(b, "&#10;"); break;
      case '\t': pl_buf_puts(b, "&#9;"); break;
      default: /* XML allows no other control character, not even as a reference */
        if (*p < 0x20 || *p == 0x7f) pl_buf_puts(b, "\xef\xbf\xbd");
        else pl_buf_putc(b, (char)*p);
    }
  }
}
