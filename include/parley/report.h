/*
 * parley/report.h — results rendered for people and programs: readable text, JSON and CSV,
 * each into a string the caller owns; and writing such a string to a file atomically.
 *
 * The renderers read results only through the public functions of the other headers, so what
 * a report says is what any program can get from the library. The JSON formats are described
 * in docs/json-output.md and docs/cli.md (the analysis's schema in
 * docs/schema/analysis.schema.json).
 */
#ifndef PARLEY_REPORT_H
#define PARLEY_REPORT_H

#include "parley/analysis.h"
#include "parley/base.h"
#include "parley/forecast.h"
#include "parley/mediate.h"
#include "parley/negotiate.h"
#include "parley/offers.h"
#include "parley/uncertainty.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parley_format {
  PARLEY_FORMAT_TEXT = 0, /* readable text, as `parley` prints it */
  PARLEY_FORMAT_JSON,     /* one JSON document */
  PARLEY_FORMAT_CSV       /* comma-separated values with a header line */
} parley_format;

/* FUNCTION: "text", "json", "csv". */
PARLEY_API const char *parley_format_name(parley_format f);

typedef struct parley_report_options {
  int list_frontier;    /* text: list every frontier vector (JSON and CSV always list them) */
  size_t max_listed;    /* text: at most this many dominating packages per framework (0 = 5) */
} parley_report_options;

/* Every renderer below hands over, on success, a NUL-terminated string in *text_out that the
 * caller releases with parley_string_free, and its length in *len_out (may be NULL). */

/* METHOD: parley_analysis — text: the readable report of `parley analyze`; JSON: the whole
 * analysis (docs/schema/analysis.schema.json); CSV: the frontier, one vector a line (its index,
 * its first package's outcome index, the packages that reach it, option per issue and utility
 * per party), or, when the analysis lists every tied package (all_ties), one such package a
 * line. Every format lists the tied packages when the analysis has them. options may be NULL. */
PARLEY_API int parley_report_analysis(const parley_analysis *an, const parley_report_options *options,
                                      parley_format format, char **text_out, size_t *len_out,
                                      parley_error *err);

/* METHOD: parley_scenario — every package every party accepts as CSV (parley_feasible_each):
 * `outcome_index,` then each issue's option and each party's utility (the fewest digits that
 * read back exactly). options as for parley_feasible_each. */
PARLEY_API int parley_report_feasible_csv(const parley_scenario *sc, const parley_analysis_options *options,
                                          char **text_out, size_t *len_out, parley_error *err);

/* METHOD: parley_forecast — text, JSON or CSV, as `parley forecast` prints them. explain adds,
 * in text, why each actor moved (SMP) or every trade (exchange). */
PARLEY_API int parley_report_forecast(const parley_forecast *fc, parley_format format, int explain,
                                      char **text_out, size_t *len_out, parley_error *err);

/* METHOD: parley_backtest — text: the table of `parley backtest` (with per_issue, each issue's
 * forecasts and errors after it); JSON: every figure, and each issue's forecasts and errors with
 * per_issue; CSV: one line per model, or with per_issue one per issue and model. */
PARLEY_API int parley_report_backtest(const parley_backtest *bt, parley_format format, int per_issue,
                                      char **text_out, size_t *len_out, parley_error *err);

/* METHOD: parley_offer_index — the answer to one query: the window's size, the best package in
 * it for the opponent, and the listed packages (text and CSV list them; JSON as docs/cli.md
 * describes, one line with no line break when q->line > 0, for query streams). A query with an
 * error gives {"line":N,"error":MESSAGE} in JSON. */
PARLEY_API int parley_report_offers(const parley_offer_index *ix, const parley_offer_query *q,
                                    parley_format format, char **text_out, size_t *len_out,
                                    parley_error *err);

/* METHOD: parley_mediation_result — text: the procedure, the mediator and its view, who was
 * left out, the text and every party's true verdict; JSON: the same as data (docs/cli.md); CSV:
 * the verdicts, one party a line. */
PARLEY_API int parley_report_mediation(const parley_mediation_result *r, parley_format format, char **text_out,
                                       size_t *len_out, parley_error *err);

/* METHOD: parley_amendments — text: the draft and who rejects it, the fewest issues to change,
 * and each amendment kept with every party's utility, change and verdict; JSON: the same as data
 * (docs/cli.md); CSV: one amendment a line, `rank,changed,loss,` then every party's utility. */
PARLEY_API int parley_report_amendments(const parley_amendments *a, parley_format format, char **text_out,
                                        size_t *len_out, parley_error *err);

/* METHOD: parley_acceptance_estimate — text: the package, each party's probability of
 * accepting with its interval and how often it refuses alone, everyone's, and per party its
 * uncertain numbers ranked by how much they move its decision; JSON: the same as data
 * (docs/cli.md); CSV: `party,probability,low,high,refuses_alone`, one party a line, then
 * `everyone`. */
PARLEY_API int parley_report_acceptance(const parley_acceptance_estimate *e, parley_format format, char **text_out,
                                        size_t *len_out, parley_error *err);
/* METHOD: parley_robustness — text: the packages every party accepts most often and the
 * bargaining solutions' shares; JSON: the same (docs/cli.md); CSV: `rank,probability,low,high,`
 * then each issue's option. */
PARLEY_API int parley_report_robustness(const parley_robustness *r, parley_format format, char **text_out,
                                        size_t *len_out, parley_error *err);

/* METHOD: parley_timeline — text: a line per time (the feasible packages, the Nash utilities,
 * each framework accepted by all or not), the windows in which a deal exists and each framework
 * is acceptable, and the Nash package as it changes; JSON: the same (docs/cli.md); CSV: a line
 * per time, `time,feasible,nash_PARTY...,FRAMEWORK...`. */
PARLEY_API int parley_report_timeline(const parley_timeline *tl, parley_format format, char **text_out, size_t *len_out,
                                      parley_error *err);

/* METHOD: parley_session — text: the agents, with trace every action, then the agreement (or
 * why none), each party's utility and reservation discounted, the welfare and the distances to
 * the Pareto frontier and the Nash package; JSON: the same as data (docs/cli.md), with trace a
 * "trace" list. No CSV: parley_report_session_trace gives the actions as CSV,
 * `time,round,party,action,` then each issue's option and each party's utility. */
PARLEY_API int parley_report_session(const parley_session *s, parley_format format, int trace, char **text_out,
                                     size_t *len_out, parley_error *err);
PARLEY_API int parley_report_session_trace(const parley_session *s, char **text_out, size_t *len_out, parley_error *err);

/* FUNCTION: a tournament's row as a CSV line (with header 1, the header line instead, r may
 * then be NULL): `job,scenario,agents,repetition,seed,end,round,time,utilities,welfare,
 * pareto_distance,nash_distance,agreement`, agents and utilities one per party joined by '|',
 * the agreement's issue=option pairs by ';' (docs/cli.md). scenario_name: how the scenario
 * is named in the row; agents: the tournament's. */
PARLEY_API int parley_report_tournament_row(const parley_tournament_row *r, const char *scenario_name,
                                            const parley_agent_spec *agents, int header, char **text_out, size_t *len_out,
                                            parley_error *err);
/* METHOD: parley_tournament_summary — text: the agents by rank with their mean utility and
 * interval, agreement rate and distances; JSON: the same (docs/cli.md). */
PARLEY_API int parley_report_tournament_summary(const parley_tournament_summary *m, const parley_agent_spec *agents,
                                                size_t n_agents, uint64_t negotiations, parley_format format, char **text_out,
                                                size_t *len_out, parley_error *err);

/* METHOD: parley_mediation_result — the drafting trace as CSV: one line per step (0: the start),
 * `step,proposer,consulted,change,` then every party's true utility of the text after it;
 * consulted and change list parties and issue=option pairs separated by ';'. Only a header for
 * nash. */
PARLEY_API int parley_report_mediation_trace(const parley_mediation_result *r, char **text_out, size_t *len_out,
                                             parley_error *err);

/* METHOD: parley_mediation_comparison — text: one row per variant (each party's true utility, a
 * '*' where it rejects, whether all accept, the steps and the distance to the full-information
 * Nash package), the texts, and what keeping each party out costs it; JSON: the same as data;
 * CSV: one line per variant and party. */
PARLEY_API int parley_report_mediation_comparison(const parley_mediation_comparison *c, parley_format format,
                                                  char **text_out, size_t *len_out, parley_error *err);

/* ---------------------------------------------------------------------------------------- */
/* The HTML report                                                                            */
/* ---------------------------------------------------------------------------------------- */

/* One self-contained HTML page (docs/report.md): sections added one by one, each with charts
 * drawn as inline SVG by the library, every chart with a title, labelled axes, a legend and its
 * numbers in a folded table beneath it. Nothing is fetched; the page reads without script. The
 * same results give the same bytes. */
typedef struct parley_html parley_html;

/* CONSTRUCTOR: parley_html — an empty report with its title (NULL: "parley report"); NULL when
 * out of memory. */
PARLEY_API parley_html *parley_html_new(const char *title);
/* DESTRUCTOR: parley_html. */
PARLEY_API void parley_html_free(parley_html *h);
/* METHOD: parley_html — how many sections it has. */
PARLEY_API size_t parley_html_section_count(const parley_html *h);
/* METHOD: parley_html — the page, into a string the caller frees with parley_string_free. */
PARLEY_API int parley_html_render(const parley_html *h, char **text_out, size_t *len_out, parley_error *err);

/* METHOD: parley_html — adds "The deal space" (every package in the utility plane of parties
 * party_a and party_b, or a uniform sample of 20,000 beyond that many, the feasible ones
 * highlighted, the reservations, the Pareto frontier, the bargaining solutions and the
 * frameworks; for three parties or more the frontier in parallel coordinates) and "The draft"
 * (per framework each party's utility against its reservation, red lines crossed, the best
 * one-line amendment; the concessions at the Nash package). PARLEY_NONE for either party: the
 * two with the least above their reservation at the Nash package. Returns 0, PARLEY_ERR_ARG or
 * PARLEY_ERR_NOMEM; on failure the report is as it was. */
PARLEY_API int parley_html_add_analysis(parley_html *h, const parley_analysis *an, size_t party_a, size_t party_b,
                                        parley_error *err);

/* METHOD: parley_html — adds "The negotiation": the agreement (or why none), each party's
 * utility of the offer on the table over time, and each party's offers as a path in the utility
 * plane of party_a and party_b (PARLEY_NONE: the first two) with the agreement marked and, when
 * an is not NULL (an analysis of the session's scenario), the Pareto frontier and the Nash
 * package. */
PARLEY_API int parley_html_add_session(parley_html *h, const parley_session *s, const parley_analysis *an, size_t party_a,
                                       size_t party_b, parley_error *err);
/* METHOD: parley_html — adds "The tournament": the agents by rank, their mean utility as bars
 * with the 95% interval, and a table with agreement rates and distances. */
PARLEY_API int parley_html_add_tournament(parley_html *h, const parley_tournament_summary *m,
                                          const parley_agent_spec *agents, size_t n_agents, uint64_t negotiations,
                                          parley_error *err);

/* METHOD: parley_html — adds "The mediation": the procedure, the mediator and its view, the
 * text; the drafting path in the utility plane of party_a and party_b (PARLEY_NONE: the two the
 * text serves least) with the frontier and Nash package of an (may be NULL); each party's true
 * utility step by step; and the verdicts by the true profiles beside what the mediator expected. */
PARLEY_API int parley_html_add_mediation(parley_html *h, const parley_mediation_result *r, const parley_analysis *an,
                                         size_t party_a, size_t party_b, parley_error *err);
/* METHOD: parley_html — adds "Who drafts, and what exclusion costs": each party's true utility
 * of the text per drafting group and mediator, and what leaving each party out costs it. */
PARLEY_API int parley_html_add_mediation_comparison(parley_html *h, const parley_mediation_comparison *c,
                                                    parley_error *err);

/* METHOD: parley_html — adds "Will they accept LABEL?" (label: what the package is, e.g. a
 * framework's name; NULL: "the package"): each party's probability of accepting and everyone's,
 * with 95% intervals, and the uncertain numbers that move the decisions most as a tornado
 * chart. */
PARLEY_API int parley_html_add_acceptance(parley_html *h, const parley_acceptance_estimate *e, const char *label,
                                          parley_error *err);
/* METHOD: parley_html — adds "The packages most often accepted by all": their probability with
 * its interval, and the bargaining solutions' shares. */
PARLEY_API int parley_html_add_robustness(parley_html *h, const parley_robustness *r, parley_error *err);
/* METHOD: parley_html — adds "The deal over time": when some deal and each framework is
 * acceptable to every party, the feasible packages over time, and each party's utility of the
 * Nash package over time. */
PARLEY_API int parley_html_add_timeline(parley_html *h, const parley_timeline *tl, parley_error *err);

/* METHOD: parley_html — adds "The forecast": for a table of models, each model's forecast on
 * each issue among the actors' positions and the known outcome; for the expected-utility, SMP
 * and exchange runs, each actor's position round by round (turn by turn), with the median and
 * mean, for the first six runs. */
PARLEY_API int parley_html_add_forecast(parley_html *h, const parley_forecast *fc, parley_error *err);
/* METHOD: parley_html — adds "The backtest": each model's mean absolute and root mean square
 * errors with their 95% bootstrap intervals. */
PARLEY_API int parley_html_add_backtest(parley_html *h, const parley_backtest *bt, parley_error *err);

/* FUNCTION: writes data to path atomically: a temporary file (path.tmp-XXXXXX) in the same
 * folder, flushed, then renamed over path. A regular file at path is replaced and keeps its
 * permissions (and its owner, where the process may give it); a symbolic link is written
 * through, to the file it leads to, and stays a link; anything else at path (a device, a
 * folder, a FIFO, a socket) is refused with PARLEY_ERR_IO and left alone. On failure nothing
 * is left behind and path is untouched. The caller that must survive signals blocks them
 * around the call: a process killed between the temporary file's creation and the rename
 * leaves it behind. */
PARLEY_API int parley_write_file_atomic(const char *path, const void *data, size_t len, parley_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_REPORT_H */
