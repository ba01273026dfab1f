/* svg.h — the charts of the HTML report, written as inline SVG from numbers: a figure with a
 * title, a plot area with labelled axes and ticks, marks, lines, bars and a legend.
 *
 * Invariants:
 *   S1. One mapping places everything: a value v on an axis [lo, hi] is drawn at
 *       left + (v - lo) / (hi - lo) * width (y: top + height - ...), for ticks and marks alike,
 *       so a mark lies where the axes say it is. Ticks carry data-tick="x:V" / "y:V", marks
 *       data-x and data-y with their values, so a test can check the one against the other.
 *   S2. Pixels are written with two decimals, values with six: the same numbers give the same
 *       bytes.
 *   S3. Nothing here depends on colour alone: every series has a mark shape or a dash pattern
 *       too, and labels are text. The palette is Okabe and Ito's, safe for colour blindness.
 */
#ifndef PL_REPORT_SVG_H
#define PL_REPORT_SVG_H

#include <stddef.h>

#include "util/buf.h"

typedef enum pl_mark { PL_MARK_CIRCLE = 0, PL_MARK_SQUARE, PL_MARK_DIAMOND, PL_MARK_TRIANGLE, PL_MARK_CROSS, PL_MARK_COUNT } pl_mark;

/* The k-th series' colour, mark and dash pattern (cycling). */
const char *pl_svg_colour(size_t k);
pl_mark pl_svg_mark(size_t k);
const char *pl_svg_dash(size_t k);
#define PL_SVG_GREY "#8c8c8c"
#define PL_SVG_LIGHT "#cfcfcf"

typedef struct pl_chart {
  pl_buf *b;
  double left, top, width, height; /* the plot area, in pixels */
  double xlo, xhi, ylo, yhi;       /* the axes' ranges */
  double legend_x, legend_y;       /* where the next legend entry goes */
  int legend_below;
  const char *dots_tip;            /* the hover text of the dots being written */
  double labels[64][4];            /* the labels placed so far (x0, y0, x1, y1), kept apart */
  size_t n_labels;
} pl_chart;

/* Opens a figure: <figure id=ID> with its caption, then the SVG with its <title>, the plot area
 * (w x h pixels in all, a legend column on the right), grid, ticks and axis labels. An axis
 * whose label is NULL has no numbers (categories: pl_chart_category); the x axis's label then
 * says nothing, the y axis's leaves room for long names. */
enum {
  PL_CHART_X_WHOLE = 1,    /* the x axis counts (steps, rounds): whole-number ticks only */
  PL_CHART_LEGEND_BELOW = 2, /* the legend in a row below the axis; the right column stays free
                                for text beside the plot (pl_chart_aside) */
  PL_CHART_LONG_NAMES = 4     /* room on the left for long category names */
};
void pl_chart_open(pl_buf *b, pl_chart *c, const char *id, const char *title, double w, double h, double xlo,
                   double xhi, double ylo, double yhi, const char *xlabel, const char *ylabel, int flags);
/* Closes the SVG (the figure stays open for its table: pl_chart_table_open). */
void pl_chart_close(pl_chart *c);

double pl_chart_x(const pl_chart *c, double v);
double pl_chart_y(const pl_chart *c, double v);

/* A labelled mark at (x, y) with a hover text (tip) and, unless NULL, a label beside it, moved
 * up or down until it overlaps no label placed before (of the first 64). */
void pl_chart_mark(pl_chart *c, double x, double y, pl_mark m, const char *colour, const char *series, const char *tip,
                   const char *label);
/* Many small dots in one path: begin, dot..., end. */
void pl_chart_dots_begin(pl_chart *c, const char *colour, double size, const char *series, const char *tip);
void pl_chart_dot(pl_chart *c, double x, double y);
void pl_chart_dots_end(pl_chart *c);
/* A polyline through n points; dash NULL for a solid line. */
void pl_chart_line(pl_chart *c, const double *xs, const double *ys, size_t n, const char *colour, const char *dash,
                   double stroke, const char *series);
/* A full-width horizontal or full-height vertical rule at value v, labelled. */
void pl_chart_rule(pl_chart *c, int vertical, double v, const char *colour, const char *dash, const char *label,
                   const char *series);
/* A horizontal bar from x0 to x1 at the category band [y0, y1], with a hover text. */
void pl_chart_bar(pl_chart *c, double x0, double x1, double y0, double y1, const char *colour, const char *pattern,
                  const char *series, const char *tip);
/* A horizontal interval (whiskers) from x0 to x1 at height y. */
void pl_chart_interval(pl_chart *c, double x0, double x1, double y, const char *colour);
/* Text in the right column, level with value y. */
void pl_chart_aside(pl_chart *c, double y, const char *text);
/* A category's name on an axis (on_x: the x axis), centred at v. */
void pl_chart_category(pl_chart *c, int on_x, double v, const char *name);
/* A legend entry: a mark (m < PL_MARK_COUNT), else a line sample with the dash pattern. */
void pl_chart_legend(pl_chart *c, const char *name, const char *colour, int m, const char *dash, const char *series);

/* The folded table of the same numbers, after the chart: open (with a summary and the column
 * headers, joined by tabs), rows (cells joined by tabs, as printf would format them), close, and the
 * figure with it. */
void pl_chart_table_open(pl_buf *b, const char *summary, const char *headers);
__attribute__((format(printf, 2, 3))) void pl_chart_table_row(pl_buf *b, const char *fmt, ...);
void pl_chart_table_close(pl_buf *b);

/* Text escaped for HTML and SVG content and attributes. */
void pl_html_text(pl_buf *b, const char *s);

#endif
