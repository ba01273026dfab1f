/* analysis.h — the analysis renderers, one file per format (analysis_text.c, analysis_json.c;
 * the CSV and the dispatcher in analysis.c). Each appends to b and returns 0 or
 * PARLEY_ERR_NOMEM. */
#ifndef PL_REPORT_ANALYSIS_H
#define PL_REPORT_ANALYSIS_H

#include "report/common.h"

int pl_report_analysis_text(pl_buf *b, const parley_analysis *an, const parley_report_options *opt);
int pl_report_analysis_json(pl_buf *b, const parley_analysis *an);

#endif
