/* utf8.c — checking text for valid UTF-8; see utf8.h. */
#include "util/utf8.h"

size_t pl_utf8_seq(const unsigned char *s, size_t len) {
  if (len == 0) return 0;
  const unsigned c = s[0];
  if (c < 0x80) return 1;
  size_t n;
  unsigned min, cp;
  if ((c & 0xe0) == 0xc0) n = 1, min = 0x80, cp = c & 0x1f;
  else if ((c & 0xf0) == 0xe0) n = 2, min = 0x800, cp = c & 0x0f;
  else if ((c & 0xf8) == 0xf0) n = 3, min = 0x10000, cp = c & 0x07;
  else return 0;
  if (len <= n) return 0;
  for (size_t k = 1; k <= n; k++) {
    if ((s[k] & 0xc0) != 0x80) return 0;
    cp = cp << 6 | (s[k] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n + 1;
}

size_t pl_utf8_invalid_at(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    if (s[i] == 0) return i;
    const size_t n = pl_utf8_seq(s + i, len - i);
    if (n == 0) return i;
    i += n;
  }
  return len;
}

void pl_text_position(const char *text, size_t at, int *line, int *column) {
  int l = 1, c = 1;
  for (size_t i = 0; i < at; i++) {
    if (text[i] == '\n') l++, c = 1;
    else if (((unsigned char)text[i] & 0xc0) != 0x80) c++;
  }
  *line = l;
  *column = c;
}
