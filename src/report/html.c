/* html.c — the HTML report's document (html.h, invariants H1-H3): its sections, the page around
 * them with its styles and script, and the public parley_html_new / _free / _render. */
#include "report/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/common.h"
#include "util/error.h"

static char *dup_text(const char *s) {
  const size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

parley_html *parley_html_new(const char *title) {
  parley_html *h = calloc(1, sizeof *h);
  if (!h) return NULL;
  h->title = dup_text(title && *title ? title : "parley report");
  if (!h->title) {
    free(h);
    return NULL;
  }
  return h;
}

void parley_html_free(parley_html *h) {
  if (!h) return;
  for (size_t i = 0; i < h->n; i++) {
    free(h->sections[i].heading);
    pl_buf_free(&h->sections[i].body);
  }
  free(h->sections);
  free(h->title);
  free(h);
}

size_t parley_html_section_count(const parley_html *h) { return h ? h->n : 0; }

/* The kinds of section, for their ordinals (H3). */
static const char *const kinds[] = {"space", "draft", "mediation", "compare", "accept", "robust", "timeline",
                                    "negotiation", "tournament", "forecast", "backtest"};

pl_section *pl_html_section(parley_html *h, const char *kind, const char *heading) {
  size_t k = 0;
  while (k < sizeof kinds / sizeof *kinds && strcmp(kinds[k], kind)) k++;
  if (k == sizeof kinds / sizeof *kinds) return NULL; /* a kind unknown here is a bug */
  if (h->n == h->cap) {
    const size_t cap = h->cap ? 2 * h->cap : 8;
    pl_section *s = realloc(h->sections, cap * sizeof *s);
    if (!s) return NULL;
    h->sections = s, h->cap = cap;
  }
  pl_section *s = &h->sections[h->n];
  *s = (pl_section){0};
  s->heading = dup_text(heading);
  if (!s->heading) return NULL;
  snprintf(s->id, sizeof s->id, "%s-%zu", kind, ++h->kinds[k]);
  h->n++;
  return s;
}

void pl_html_para(pl_buf *b, const char *fmt, ...) {
  pl_buf t = {0};
  va_list ap;
  va_start(ap, fmt);
  pl_buf_vprintf(&t, fmt, ap);
  va_end(ap);
  pl_buf_puts(b, "<p>");
  if (t.failed) b->failed = 1;
  else pl_html_text(b, t.data);
  pl_buf_puts(b, "</p>\n");
  pl_buf_free(&t);
}

void pl_html_chart_id(const pl_section *s, const char *suffix, char *out, size_t size) {
  snprintf(out, size, "%s-%s", s->id, suffix);
}

void pl_html_drop(parley_html *h) {
  if (!h->n) return;
  h->n--;
  free(h->sections[h->n].heading);
  pl_buf_free(&h->sections[h->n].body);
}

int pl_html_section_check(parley_html *h, pl_section *s, parley_error *err) {
  if (!s->body.failed) return 0;
  pl_html_drop(h); /* s is the last section */
  return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* Greys and the palette print legibly; the lines keep their dash patterns in greyscale. */
static const char style[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1a1a1a;"
    "max-width:1000px;margin:0 auto;padding:0 20px 40px}\n"
    "h1{font-size:1.6em;margin:1em 0 .2em}h2{font-size:1.25em;margin:1.6em 0 .4em;border-bottom:1px solid #ccc}\n"
    "nav ol{columns:2;padding-left:1.2em}p.meta{color:#555;margin-top:0}\n"
    "figure{margin:1em 0 1.5em}figcaption{font-weight:600;margin-bottom:.3em}\n"
    "svg{max-width:100%;height:auto;font-size:12px}svg text{fill:#1a1a1a}\n"
    ".area{fill:#fff;stroke:#888}.grid{stroke:#e4e4e4}.tick{fill:#444}.axis{font-size:13px}\n"
    ".label{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}\n"
    ".leader{stroke:#777;stroke-width:.8}.legend{cursor:pointer}.off{opacity:.12}\n"
    "table{border-collapse:collapse;margin:.5em 0;font-size:13px}td,th{border:1px solid #ccc;padding:2px 8px;"
    "text-align:left}td{font-variant-numeric:tabular-nums}\n"
    "details.numbers summary{cursor:pointer;color:#0b4f8a}\n"
    "ul.facts{padding-left:1.2em}.no{color:#a33}.yes{color:#1f6b45}\n"
    "@media print{nav{display:none}figure,table{break-inside:avoid}body{max-width:none}}\n";

/* Toggles a series by its legend entry; opens every table before printing (H2). */
static const char script[] =
    "document.querySelectorAll('g.legend[data-series]').forEach(function(g){g.addEventListener('click',function(){"
    "var f=g.closest('svg'),s=g.getAttribute('data-series'),off=!g.classList.contains('off');g.classList.toggle('off',off);"
    "f.querySelectorAll('[data-series]').forEach(function(e){if(e!==g&&e.getAttribute('data-series')===s)"
    "e.style.display=off?'none':'';});});});\n"
    "window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){"
    "d.open=true;});});\n";

int parley_html_render(const parley_html *h, char **text_out, size_t *len_out, parley_error *err) {
  if (!h || !text_out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *text_out = NULL;
  pl_buf b = {0};
  pl_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"generator\" content=\"parley " PARLEY_VERSION_STRING "\">\n<title>");
  pl_html_text(&b, h->title);
  pl_buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header><h1>", style);
  pl_html_text(&b, h->title);
  pl_buf_puts(&b, "</h1><p class=\"meta\">A report by parley " PARLEY_VERSION_STRING
                  ". Every chart has its numbers in a table beneath it.</p></header>\n");
  if (h->n > 1) {
    pl_buf_puts(&b, "<nav><ol>\n");
    for (size_t i = 0; i < h->n; i++) {
      pl_buf_printf(&b, "<li><a href=\"#%s\">", h->sections[i].id);
      pl_html_text(&b, h->sections[i].heading);
      pl_buf_puts(&b, "</a></li>\n");
    }
    pl_buf_puts(&b, "</ol></nav>\n");
  }
  pl_buf_puts(&b, "<main>\n");
  for (size_t i = 0; i < h->n; i++) {
    const pl_section *s = &h->sections[i];
    pl_buf_printf(&b, "<section id=\"%s\">\n<h2>", s->id);
    pl_html_text(&b, s->heading);
    pl_buf_puts(&b, "</h2>\n");
    if (s->body.data) pl_buf_append(&b, s->body.data, s->body.len);
    pl_buf_puts(&b, "</section>\n");
  }
  pl_buf_printf(&b, "</main>\n<script>\n%s</script>\n</body>\n</html>\n", script);
  return pl_report_finish(&b, text_out, len_out, err);
}
