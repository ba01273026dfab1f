/* mediation.h — what the mediation renderers share (mediation.c, mediation_compare.c,
 * html_mediate.c). */
#ifndef PL_REPORT_MEDIATION_H
#define PL_REPORT_MEDIATION_H

#include "parley.h"
#include "util/buf.h"

/* The result's view as a JSON array of party ids. */
void pl_report_view_json(pl_buf *b, const parley_mediation_result *r);

/* When the mediator held a belief about party p and it expected the wrong verdict on the text,
 * writes "us expected ukraine to accept at 0.471; its true utility is ..." (no full stop) and
 * returns 1; else writes nothing and returns 0. */
int pl_report_belief_miss(pl_buf *b, const parley_mediation_result *r, size_t p);

/* How the mediator's view holds party p: 0 not at all, 1 its true profile (heard), 2 the
 * mediator's belief. */
int pl_report_view_holds(const parley_mediation_result *r, size_t p);

/* A comparison's variant k named: "declared group", "everyone", "declared + ukraine",
 * "everyone but ukraine", "mediator turkey". */
void pl_report_variant_name(pl_buf *b, const parley_mediation_comparison *c, size_t k);

#endif
