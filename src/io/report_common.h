/* report_common.h — helpers shared by the text and JSON report writers. */
#ifndef PARLEY_REPORT_COMMON_H
#define PARLEY_REPORT_COMMON_H

#include "analysis/analysis.h"
#include "util/buf.h"

/* Writes "issue=option, issue=option, ..." for the package. */
void pl_report_package(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg);
/* Hands the buffer's text to the caller, or reports out-of-memory. */
int pl_report_finish(pl_buf *b, char **text_out, size_t *len_out, parley_error *err);

#endif
