/* svg.c — the chart primitives of the HTML report (svg.h), with invariants S1-S3. */
#include "report/svg.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Okabe and Ito's palette, without the yellow that vanishes on white paper. */
static const char *const palette[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"};
static const char *const dashes[] = {"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4"};

const char *pl_svg_colour(size_t k) { return palette[k % (sizeof palette / sizeof *palette)]; }
pl_mark pl_svg_mark(size_t k) { return (pl_mark)(k % PL_MARK_COUNT); }
const char *pl_svg_dash(size_t k) { return dashes[k % (sizeof dashes / sizeof *dashes)]; }

void pl_html_text(pl_buf *b, const char *s) { pl_buf_markup(b, s); }

double pl_chart_x(const pl_chart *c, double v) { return c->left + (v - c->xlo) / (c->xhi - c->xlo) * c->width; }
double pl_chart_y(const pl_chart *c, double v) { return c->top + c->height - (v - c->ylo) / (c->yhi - c->ylo) * c->height; }

/* A tick step of 1, 2 or 5 times a power of ten giving about n ticks over the span. */
static double tick_step(double span, int n) {
  const double raw = span / n, p = pow(10, floor(log10(raw))), m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

static void ticks(pl_chart *c, int vertical, int whole) {
  const double lo = vertical ? c->ylo : c->xlo, hi = vertical ? c->yhi : c->xhi;
  const double step = whole ? fmax(1, tick_step(hi - lo, 5)) : tick_step(hi - lo, 5);
  const int decimals = step >= 1 ? 0 : (int)fmin(12, ceil(-log10(step) - 1e-9));
  const double k0 = ceil(lo / step - 1e-9);
  for (int i = 0; i < 40; i++) { /* at most 40 ticks, whatever rounding does to k * step */
    const double k = k0 + i;
    if (k * step > hi + step * 1e-9) break;
    const double v = k * step == 0 ? 0 : k * step;
    if (vertical) {
      const double y = pl_chart_y(c, v);
      pl_buf_printf(c->b, "<line class=\"grid\" data-tick=\"y:%.6f\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", v, c->left,
                    y, c->left + c->width, y);
      pl_buf_printf(c->b, "<text class=\"tick\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">%.*f</text>\n", c->left - 6, y + 4,
                    decimals, v);
    } else {
      const double x = pl_chart_x(c, v);
      pl_buf_printf(c->b, "<line class=\"grid\" data-tick=\"x:%.6f\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", v, x,
                    c->top, x, c->top + c->height);
      pl_buf_printf(c->b, "<text class=\"tick\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%.*f</text>\n", x,
                    c->top + c->height + 16, decimals, v);
    }
  }
}

/* A range wide enough to draw: finite, and not narrower than its values' rounding (S1). */
static void drawable(double *lo, double *hi) {
  if (!isfinite(*lo) || !isfinite(*hi) || *lo > *hi) *lo = 0, *hi = 1;
  const double least = fmax(1e-9, 1e-6 * fmax(fabs(*lo), fabs(*hi)));
  if (*hi - *lo < least) {
    const double mid = *lo / 2 + *hi / 2;
    *lo = mid - least, *hi = mid + least;
  }
}

void pl_chart_open(pl_buf *b, pl_chart *c, const char *id, const char *title, double w, double h, double xlo,
                   double xhi, double ylo, double yhi, const char *xlabel, const char *ylabel, int flags) {
  drawable(&xlo, &xhi), drawable(&ylo, &yhi);
  assert(xhi > xlo && yhi > ylo); /* S1: a non-empty range on each axis */
  *c = (pl_chart){.b = b, .left = ylabel ? 64 : flags & PL_CHART_LONG_NAMES ? 300 : 150, .top = 16, .xlo = xlo, .xhi = xhi, .ylo = ylo, .yhi = yhi};
  c->legend_below = (flags & PL_CHART_LEGEND_BELOW) != 0;
  c->width = w - c->left - 240, c->height = h - c->top - 52 - (c->legend_below ? 26 : 0);
  c->legend_x = c->legend_below ? c->left : c->left + c->width + 20;
  c->legend_y = c->legend_below ? c->top + c->height + 62 : c->top + 8;
  pl_buf_puts(b, "<figure class=\"chart\" id=\"");
  pl_html_text(b, id);
  pl_buf_puts(b, "\"><figcaption>");
  pl_html_text(b, title);
  pl_buf_printf(b, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"",
                w, h, w, h);
  pl_html_text(b, id);
  pl_buf_puts(b, "-t\"><title id=\"");
  pl_html_text(b, id);
  pl_buf_puts(b, "-t\">");
  pl_html_text(b, title);
  pl_buf_printf(b, "</title>\n<rect class=\"area\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>\n", c->left, c->top,
                c->width, c->height);
  if (xlabel) ticks(c, 0, flags & PL_CHART_X_WHOLE);
  if (ylabel) ticks(c, 1, 0);
  if (xlabel) {
    pl_buf_printf(b, "<text class=\"axis\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", c->left + c->width / 2,
                  c->top + c->height + 40);
    pl_html_text(b, xlabel);
    pl_buf_puts(b, "</text>\n");
  }
  if (ylabel) {
    pl_buf_printf(b, "<text class=\"axis\" transform=\"translate(16 %.2f) rotate(-90)\" text-anchor=\"middle\">",
                  c->top + c->height / 2);
    pl_html_text(b, ylabel);
    pl_buf_puts(b, "</text>\n");
  }
}

void pl_chart_close(pl_chart *c) { pl_buf_puts(c->b, "</svg>\n"); }

static void series_attr(pl_buf *b, const char *series) {
  if (!series) return;
  pl_buf_puts(b, " data-series=\"");
  pl_html_text(b, series);
  pl_buf_putc(b, '"');
}

static void shape(pl_buf *b, double x, double y, pl_mark m, const char *colour, double r) {
  switch (m) {
    case PL_MARK_SQUARE:
      pl_buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>", x - r, y - r, 2 * r, 2 * r, colour);
      break;
    case PL_MARK_DIAMOND:
      pl_buf_printf(b, "<path d=\"M%.2f %.2fl%.2f %.2fl%.2f %.2fl%.2f %.2fz\" fill=\"%s\"/>", x, y - 1.3 * r, 1.3 * r, 1.3 * r,
                    -1.3 * r, 1.3 * r, -1.3 * r, -1.3 * r, colour);
      break;
    case PL_MARK_TRIANGLE:
      pl_buf_printf(b, "<path d=\"M%.2f %.2fL%.2f %.2fL%.2f %.2fz\" fill=\"%s\"/>", x, y - 1.3 * r, x + 1.2 * r, y + r, x - 1.2 * r,
                    y + r, colour);
      break;
    case PL_MARK_CROSS:
      pl_buf_printf(b, "<path d=\"M%.2f %.2fl%.2f %.2fm0 %.2fl%.2f %.2f\" stroke=\"%s\" stroke-width=\"2.5\"/>", x - r, y - r, 2 * r,
                    2 * r, -2 * r, -2 * r, 2 * r, colour);
      break;
    default: pl_buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>", x, y, r, colour);
  }
}

void pl_chart_mark(pl_chart *c, double x, double y, pl_mark m, const char *colour, const char *series, const char *tip,
                   const char *label) {
  if (!isfinite(x) || !isfinite(y)) return; /* a number that is not one is in the table, not drawn */
  const double px = pl_chart_x(c, x), py = pl_chart_y(c, y);
  pl_buf_printf(c->b, "<g class=\"mark\" data-x=\"%.6f\" data-y=\"%.6f\" data-px=\"%.2f\" data-py=\"%.2f\"", x, y, px, py);
  series_attr(c->b, series);
  pl_buf_puts(c->b, ">");
  shape(c->b, px, py, m, colour, 5);
  if (tip) {
    pl_buf_puts(c->b, "<title>");
    pl_html_text(c->b, tip);
    pl_buf_puts(c->b, "</title>");
  }
  if (label) {
    const double w = 6.2 * (double)strlen(label), x0 = px + 8;
    double ly = py - 6; /* the baseline; the text spans [y - 10, y + 2] */
    for (int k = 1; k < 40; k++) {
      int clear = 1;
      for (size_t i = 0; i < c->n_labels && clear; i++)
        clear = x0 + w < c->labels[i][0] || x0 > c->labels[i][2] || ly + 2 < c->labels[i][1] || ly - 10 > c->labels[i][3];
      if (clear) break;
      ly = py - 6 + (k % 2 ? 1 : -1) * 13 * ((k + 1) / 2); /* below, above, further below... */
    }
    if (c->n_labels < sizeof c->labels / sizeof *c->labels) {
      double *r = c->labels[c->n_labels++];
      r[0] = x0, r[1] = ly - 10, r[2] = x0 + w, r[3] = ly + 2;
    }
    if (ly != py - 6) /* moved away from its mark: a leader line back to it */
      pl_buf_printf(c->b, "<line class=\"leader\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>", px + 3, py,
                    x0 - 1, ly - 4);
    pl_buf_printf(c->b, "<text class=\"label\" x=\"%.2f\" y=\"%.2f\">", x0, ly);
    pl_html_text(c->b, label);
    pl_buf_puts(c->b, "</text>");
  }
  pl_buf_puts(c->b, "</g>\n");
}

void pl_chart_dots_begin(pl_chart *c, const char *colour, double size, const char *series, const char *tip) {
  pl_buf_printf(c->b, "<path class=\"dots\" stroke=\"%s\" stroke-width=\"%.2f\" stroke-linecap=\"round\"", colour, size);
  series_attr(c->b, series);
  pl_buf_puts(c->b, " d=\"M-9 -9h0"); /* never empty; this dot lies outside the view */
  c->dots_tip = tip;
}

void pl_chart_dot(pl_chart *c, double x, double y) {
  if (isfinite(x) && isfinite(y)) pl_buf_printf(c->b, "M%.1f %.1fh0", pl_chart_x(c, x), pl_chart_y(c, y));
}

void pl_chart_dots_end(pl_chart *c) {
  pl_buf_puts(c->b, "\">");
  if (c->dots_tip) {
    pl_buf_puts(c->b, "<title>");
    pl_html_text(c->b, c->dots_tip);
    pl_buf_puts(c->b, "</title>");
  }
  pl_buf_puts(c->b, "</path>\n");
}

void pl_chart_line(pl_chart *c, const double *xs, const double *ys, size_t n, const char *colour, const char *dash,
                   double stroke, const char *series) {
  if (!n) return;
  pl_buf_printf(c->b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\"", colour, stroke);
  if (dash && *dash) pl_buf_printf(c->b, " stroke-dasharray=\"%s\"", dash);
  series_attr(c->b, series);
  pl_buf_puts(c->b, " points=\"");
  for (size_t i = 0, any = 0; i < n; i++)
    if (isfinite(xs[i]) && isfinite(ys[i])) pl_buf_printf(c->b, "%s%.2f,%.2f", any++ ? " " : "", pl_chart_x(c, xs[i]), pl_chart_y(c, ys[i]));
  pl_buf_puts(c->b, "\"/>\n");
}

void pl_chart_rule(pl_chart *c, int vertical, double v, const char *colour, const char *dash, const char *label,
                   const char *series) {
  if (!isfinite(v) || (vertical ? v < c->xlo || v > c->xhi : v < c->ylo || v > c->yhi)) return;
  const double x1 = vertical ? pl_chart_x(c, v) : c->left, x2 = vertical ? x1 : c->left + c->width;
  const double y1 = vertical ? c->top : pl_chart_y(c, v), y2 = vertical ? c->top + c->height : y1;
  pl_buf_printf(c->b, "<g class=\"rule\" data-%s=\"%.6f\"", vertical ? "x" : "y", v);
  series_attr(c->b, series);
  pl_buf_printf(c->b, "><line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"1.5\"", x1, y1, x2, y2,
                colour);
  if (dash && *dash) pl_buf_printf(c->b, " stroke-dasharray=\"%s\"", dash);
  pl_buf_puts(c->b, "/>");
  if (label) {
    if (vertical)
      pl_buf_printf(c->b, "<text class=\"label\" x=\"%.2f\" y=\"%.2f\">", x1 + 4, c->top + 12);
    else
      pl_buf_printf(c->b, "<text class=\"label\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">", x2 - 4, y1 - 4);
    pl_html_text(c->b, label);
    pl_buf_puts(c->b, "</text>");
  }
  pl_buf_puts(c->b, "</g>\n");
}

void pl_chart_bar(pl_chart *c, double x0, double x1, double y0, double y1, const char *colour, const char *pattern,
                  const char *series, const char *tip) {
  if (!isfinite(x0) || !isfinite(x1)) return;
  const double a = pl_chart_x(c, fmin(x0, x1)), z = pl_chart_x(c, fmax(x0, x1));
  const double top = pl_chart_y(c, fmax(y0, y1)), bottom = pl_chart_y(c, fmin(y0, y1));
  pl_buf_printf(c->b, "<g class=\"bar\" data-x0=\"%.6f\" data-x1=\"%.6f\"", x0, x1);
  series_attr(c->b, series);
  pl_buf_printf(c->b, "><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"", a, top, z - a, bottom - top,
                pattern ? pattern : colour);
  if (pattern) pl_buf_printf(c->b, " stroke=\"%s\"", colour);
  pl_buf_puts(c->b, ">");
  if (tip) {
    pl_buf_puts(c->b, "<title>");
    pl_html_text(c->b, tip);
    pl_buf_puts(c->b, "</title>");
  }
  pl_buf_puts(c->b, "</rect></g>\n");
}

void pl_chart_interval(pl_chart *c, double x0, double x1, double y, const char *colour) {
  if (!isfinite(x0) || !isfinite(x1)) return;
  const double a = pl_chart_x(c, x0), z = pl_chart_x(c, x1), py = pl_chart_y(c, y);
  pl_buf_printf(c->b,
                "<path class=\"interval\" data-x0=\"%.6f\" data-x1=\"%.6f\" d=\"M%.2f %.2fH%.2fM%.2f %.2fv10M%.2f %.2fv10\" "
                "stroke=\"%s\" stroke-width=\"1.5\" fill=\"none\"/>\n",
                x0, x1, a, py, z, a, py - 5, z, py - 5, colour);
}

void pl_chart_category(pl_chart *c, int on_x, double v, const char *name) {
  if (on_x)
    pl_buf_printf(c->b, "<text class=\"tick\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", pl_chart_x(c, v),
                  c->top + c->height + 16);
  else
    pl_buf_printf(c->b, "<text class=\"tick\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">", c->left - 8, pl_chart_y(c, v) + 4);
  pl_html_text(c->b, name);
  pl_buf_puts(c->b, "</text>\n");
}

void pl_chart_aside(pl_chart *c, double y, const char *text) {
  pl_buf_printf(c->b, "<text class=\"label\" x=\"%.2f\" y=\"%.2f\">", c->left + c->width + 10, pl_chart_y(c, y) + 4);
  pl_html_text(c->b, text);
  pl_buf_puts(c->b, "</text>\n");
}

void pl_chart_legend(pl_chart *c, const char *name, const char *colour, int m, const char *dash, const char *series) {
  const double x = c->legend_x, y = c->legend_y;
  pl_buf_puts(c->b, "<g class=\"legend\"");
  series_attr(c->b, series);
  pl_buf_puts(c->b, ">");
  if (m >= 0 && m < PL_MARK_COUNT) {
    shape(c->b, x + 10, y, (pl_mark)m, colour, 5);
  } else {
    pl_buf_printf(c->b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"2.5\"", x, y, x + 20, y,
                  colour);
    if (dash && *dash) pl_buf_printf(c->b, " stroke-dasharray=\"%s\"", dash);
    pl_buf_puts(c->b, "/>");
  }
  pl_buf_printf(c->b, "<text x=\"%.2f\" y=\"%.2f\">", x + 28, y + 4);
  pl_html_text(c->b, name);
  pl_buf_puts(c->b, "</text></g>\n");
  if (c->legend_below) c->legend_x += 28 + 7 * (double)strlen(name) + 24;
  else c->legend_y += 20;
}

static void cells(pl_buf *b, const char *tag, const char *row) {
  pl_buf_puts(b, "<tr>");
  for (const char *s = row;;) {
    const char *tab = strchr(s, '\t');
    const size_t n = tab ? (size_t)(tab - s) : strlen(s);
    pl_buf_printf(b, "<%s>", tag);
    for (size_t i = 0; i < n; i++) {
      const char one[2] = {s[i], 0};
      pl_html_text(b, one);
    }
    pl_buf_printf(b, "</%s>", tag);
    if (!tab) break;
    s = tab + 1;
  }
  pl_buf_puts(b, "</tr>\n");
}

void pl_chart_table_open(pl_buf *b, const char *summary, const char *headers) {
  pl_buf_puts(b, "<details class=\"numbers\"><summary>");
  pl_html_text(b, summary);
  pl_buf_puts(b, "</summary>\n<table>\n<thead>");
  cells(b, "th", headers);
  pl_buf_puts(b, "</thead>\n<tbody>\n");
}

void pl_chart_table_row(pl_buf *b, const char *fmt, ...) {
  pl_buf row = {0};
  va_list ap;
  va_start(ap, fmt);
  pl_buf_vprintf(&row, fmt, ap);
  va_end(ap);
  if (row.failed) {
    b->failed = 1;
  } else {
    cells(b, "td", row.data ? row.data : "");
  }
  pl_buf_free(&row);
}

void pl_chart_table_close(pl_buf *b) { pl_buf_puts(b, "</tbody>\n</table>\n</details>\n</figure>\n"); }
