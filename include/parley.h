/*
 * parley.h — the public interface of the parley library, one header per domain:
 *
 *   parley/base.h       version, statuses and errors, limits, progress, conventions
 *   parley/scenario.h   scenarios: reading, building, changing, what they hold, writing
 *   parley/analysis.h   the whole outcome space: frontier, solutions, frameworks, concessions
 *   parley/offers.h     the offer index for negotiating agents
 *   parley/mediate.h    mediation procedures (Adjusted Winner first)
 *   parley/forecast.h   positions and the forecasting models; backtests
 *   parley/report.h     results rendered as text, JSON and CSV
 *
 * parley analyses multi-issue, multi-party negotiations: which deals every party could accept,
 * which is fair, who must concede what, and what a group of actors will decide.
 */
#ifndef PARLEY_H
#define PARLEY_H

#include "parley/base.h"
#include "parley/scenario.h"
#include "parley/analysis.h"
#include "parley/offers.h"
#include "parley/mediate.h"
#include "parley/uncertainty.h"
#include "parley/negotiate.h"
#include "parley/forecast.h"
#include "parley/report.h"

#endif /* PARLEY_H */
