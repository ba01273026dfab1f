/* utf8.h — checking text for valid UTF-8, for the readers (input must be UTF-8) and the JSON
 * writer (output must be). */
#ifndef PL_UTIL_UTF8_H
#define PL_UTIL_UTF8_H

#include <stddef.h>

/* The byte offset of the first byte of s[0..len) that does not start a valid UTF-8 sequence
 * (overlong forms, surrogates and code points above U+10FFFF are invalid), or of the first NUL;
 * len when the text is clean. */
size_t pl_utf8_invalid_at(const unsigned char *s, size_t len);

/* The length of the valid UTF-8 sequence at s[0..len), 1 to 4, or 0 when none starts there
 * (an ASCII NUL is valid here: one byte). */
size_t pl_utf8_seq(const unsigned char *s, size_t len);

/* The 1-based line and column (in characters) of byte offset at in text. */
void pl_text_position(const char *text, size_t at, int *line, int *column);

#endif
