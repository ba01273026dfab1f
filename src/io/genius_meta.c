/* genius_meta.c — parley's frameworks kept in GENIUS domain files as comments (genius_meta.h). */
#include "io/genius_meta.h"

#include <string.h>

#include "parley/scenario.h"

#define PL_FRAMEWORK_TAG "parley-framework"

/* s percent-encoded: letters, digits, '_' and '.' as they are, every other byte as %XX. */
static void encode(pl_buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    const unsigned char c = *p;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.') {
      pl_buf_putc(b, (char)c);
    } else {
      pl_buf_putc(b, '%');
      pl_buf_putc(b, hex[c >> 4]);
      pl_buf_putc(b, hex[c & 15]);
    }
  }
}

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0..n) decoded, in the arena; NULL when out of memory. A '%' not followed by two hex
 * digits stays as it is. */
static char *decode(pl_arena *a, const char *s, size_t n) {
  char *out = pl_arena_alloc(a, n + 1);
  if (!out) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      out[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
      i += 2;
    } else {
      out[k++] = s[i];
    }
  }
  out[k] = '\0';
  return out;
}

void pl_genius_framework_comment(pl_buf *b, const parley_scenario *sc, size_t fw) {
  pl_buf_puts(b, " " PL_FRAMEWORK_TAG " id=");
  encode(b, parley_framework_id(sc, fw));
  pl_buf_puts(b, " name=");
  encode(b, parley_framework_name(sc, fw));
  pl_buf_puts(b, " package=");
  const uint32_t *pkg = parley_framework_package(sc, fw);
  for (size_t i = 0; i < parley_issue_count(sc); i++) {
    if (i) pl_buf_putc(b, ',');
    encode(b, parley_issue_id(sc, i));
    pl_buf_putc(b, ':');
    encode(b, parley_option_id(sc, i, pkg[i]));
  }
  pl_buf_putc(b, ' ');
}

/* The value of key=VALUE in text (up to the next space), or NULL; *n its length. */
static const char *field(const char *text, const char *key, size_t *n) {
  const size_t kl = strlen(key);
  for (const char *p = text; (p = strstr(p, key)) != NULL; p += kl) {
    if ((p == text || p[-1] == ' ') && p[kl] == '=') {
      const char *v = p + kl + 1;
      *n = strcspn(v, " \t\r\n");
      return v;
    }
  }
  return NULL;
}

int pl_genius_framework_parse(pl_arena *a, const char *text, pl_genius_framework *out) {
  while (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n') text++;
  if (strncmp(text, PL_FRAMEWORK_TAG, strlen(PL_FRAMEWORK_TAG)) != 0) return 0;
  memset(out, 0, sizeof *out);
  size_t n;
  const char *v;
  if ((v = field(text, "id", &n)) && !(out->id = decode(a, v, n))) return -1;
  if ((v = field(text, "name", &n)) && !(out->name = decode(a, v, n))) return -1;
  if (!(v = field(text, "package", &n)) || !out->id) return 1; /* incomplete: the reader says so */
  size_t pairs = n ? 1 : 0;
  for (size_t i = 0; i < n; i++) pairs += v[i] == ',';
  out->issue = pl_arena_array(a, pairs ? pairs : 1, sizeof *out->issue);
  out->option = pl_arena_array(a, pairs ? pairs : 1, sizeof *out->option);
  if (!out->issue || !out->option) return -1;
  for (size_t i = 0; i < n;) {
    size_t e = i;
    while (e < n && v[e] != ',') e++;
    size_t colon = i;
    while (colon < e && v[colon] != ':') colon++;
    if (colon < e) {
      out->issue[out->n] = decode(a, v + i, colon - i);
      out->option[out->n] = decode(a, v + colon + 1, e - colon - 1);
      if (!out->issue[out->n] || !out->option[out->n]) return -1;
      out->n++;
    }
    i = e + 1;
  }
  return 1;
}
