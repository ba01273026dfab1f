/* html.h — the HTML report (parley_html in parley/report.h): a document of sections, each a
 * heading and a body of charts (svg.h) and prose, rendered into one self-contained page.
 *
 * Invariants:
 *   H1. The page fetches nothing: styles and the one script are inline, the charts are SVG.
 *   H2. Everything the charts say is in the page without script: hover texts are SVG <title>s,
 *       the numbers are tables in <details>; the script only adds toggles and opens the
 *       tables for printing.
 *   H3. Section and chart ids are unique in the page: a section's id is its kind and its
 *       ordinal ("space-1"), a chart's the section's id and a suffix.
 */
#ifndef PL_REPORT_HTML_H
#define PL_REPORT_HTML_H

#include "parley.h"
#include "report/svg.h"

typedef struct pl_section {
  char id[48];
  char *heading;
  pl_buf body;
} pl_section;

struct parley_html {
  char *title;
  pl_section *sections;
  size_t n, cap;
  size_t kinds[16]; /* sections of each kind so far, for H3 */
};

/* A new section of the kind (a short word: "space", "draft"...) with its heading; its id goes to
 * the section's id. NULL when out of memory. */
pl_section *pl_html_section(parley_html *h, const char *kind, const char *heading);
/* A paragraph, printf-formatted and escaped. */
__attribute__((format(printf, 2, 3))) void pl_html_para(pl_buf *b, const char *fmt, ...);
/* A chart id: the section's id, '-', suffix. */
void pl_html_chart_id(const pl_section *s, const char *suffix, char *out, size_t size);
/* Drops the last section added (nothing when there is none). */
void pl_html_drop(parley_html *h);
/* Fails with PARLEY_ERR_NOMEM, and drops the section (the last added), when its buffer failed. */
int pl_html_section_check(parley_html *h, pl_section *s, parley_error *err);

/* html_parts.c: what several sections draw. */
/* Widens [*lo, *hi] to take v (when v is a number). */
void pl_html_range(double *lo, double *hi, double v);
/* "accepts", "rejects: red line", "rejects: below reservation". */
const char *pl_html_verdict(const parley_acceptance *v);
/* Each party's utility as a bar against its reservation, with its verdict (v: one per party)
 * and, when expected is not NULL, what the mediator expected (1 accepts, 0 rejects, -1 it has
 * no picture), then the table; the chart's id is the section's and suffix. */
void pl_html_verdict_chart(pl_section *s, const parley_scenario *sc, const char *suffix, const char *title,
                           const parley_acceptance *v, const int *expected);
/* In a utility plane of parties pa and pb: the Pareto frontier and the Nash package of an (when
 * not NULL), the two reservations, and their legend entries. */
void pl_html_plane_backdrop(pl_chart *c, const parley_scenario *sc, const parley_analysis *an, size_t pa, size_t pb);
/* Widens the ranges of such a plane to take the backdrop: the frontier and the reservations. */
void pl_html_plane_range(const parley_scenario *sc, const parley_analysis *an, size_t pa, size_t pb, double *xlo,
                         double *xhi, double *ylo, double *yhi);

#endif
