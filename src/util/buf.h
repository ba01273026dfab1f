/* buf.h — growable NUL-terminated string buffer for building reports. */
#ifndef PL_UTIL_BUF_H
#define PL_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct pl_buf {
  char *data;
  size_t len;
  size_t cap;
  int failed; /* set once an allocation failed; later appends are ignored */
} pl_buf;

void pl_buf_append(pl_buf *b, const char *s, size_t n);
void pl_buf_puts(pl_buf *b, const char *s);
void pl_buf_putc(pl_buf *b, char c);
__attribute__((format(printf, 2, 3))) void pl_buf_printf(pl_buf *b, const char *fmt, ...);
void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal, quotes included. */
/* s as a JSON string, quoted and escaped; a byte that starts no valid UTF-8 sequence becomes
 * U+FFFD, so that the output is UTF-8 whatever the input. */
void pl_buf_json_string(pl_buf *b, const char *s);
/* Appends a finite double as a JSON number with up to 10 significant digits; NaN/inf as null. */
void pl_buf_json_number(pl_buf *b, double x);
/* Appends a finite double with the fewest significant digits (up to 17) that read back as the
 * same double: 0.2, not 0.20000000000000001. */
void pl_buf_exact_number(pl_buf *b, double x);
/* s as XML or HTML text, in content or a quoted attribute: & < > " ' escaped, line ends and
 * tabs as references so that an attribute keeps them; a byte that starts no valid UTF-8
 * sequence, and any other control character, becomes U+FFFD, so the output is well-formed. */
void pl_buf_markup(pl_buf *b, const char *s);
void pl_buf_free(pl_buf *b);

#endif
