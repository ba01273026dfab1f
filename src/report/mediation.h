/* mediation.h — what the two mediation renderers share (mediation.c, mediation_compare.c). */
#ifndef PL_REPORT_MEDIATION_H
#define PL_REPORT_MEDIATION_H

#include "parley.h"
#include "util/buf.h"

/* The issues where after differs from before (nothing when before is NULL): "issue=option"
 * joined by sep, or, with sep NULL, JSON object members "issue":"option" joined by commas. */
void pl_report_changes(pl_buf *b, const parley_scenario *sc, const uint32_t *before, const uint32_t *after, const char *sep);
/* The result's view as a JSON array of party ids. */
void pl_report_view_json(pl_buf *b, const parley_mediation_result *r);

#endif
