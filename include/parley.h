/*
 * parley.h — the public interface of the parley library.
 *
 * parley analyses multi-issue, multi-party negotiations. A *scenario* holds issues (each an
 * ordered list of options), parties (each with power, a reservation value and a preference
 * profile) and named frameworks (packages to evaluate). An *outcome* or *package* picks one
 * option per issue. The library reads scenarios from YAML or JSON, analyses the outcome space
 * (feasible set, Pareto frontier, bargaining solutions, acceptance of frameworks, concessions)
 * and renders the results as text or JSON.
 *
 * Conventions:
 *  - Every object is opaque and owns its memory; one *_free call releases it. Passing NULL to
 *    a *_free function is allowed.
 *  - Functions that can fail return int: 0 on success, a negative parley_status on failure,
 *    and fill the caller's parley_error (which may be NULL) with a message and, for input
 *    problems, the file, line and column (1-based).
 *  - The library never prints, never exits and keeps no global mutable state; it is safe to
 *    use different objects from different threads.
 *  - Semantics (acceptability, feasibility, the solutions and their tie-breaking) are in
 *    docs/semantics.md; the scenario format in docs/scenario-format.md.
 */
#ifndef PARLEY_H
#define PARLEY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARLEY_VERSION_MAJOR 0
#define PARLEY_VERSION_MINOR 1
#define PARLEY_VERSION_PATCH 0
#define PARLEY_VERSION_STRING "0.1.0"

/* Returns the library's version string, e.g. "0.1.0". */
const char *parley_version(void);

/* ---------------------------------------------------------------------------------------- */
/* Errors                                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* Error kinds. Every failing function returns one of these (all negative). */
typedef enum parley_status {
  PARLEY_OK = 0,
  PARLEY_ERR_NOMEM = -1,   /* out of memory */
  PARLEY_ERR_IO = -2,      /* a file could not be read or written */
  PARLEY_ERR_SYNTAX = -3,  /* the text is not well-formed YAML or JSON */
  PARLEY_ERR_INVALID = -4, /* well-formed, but not a valid scenario */
  PARLEY_ERR_LIMIT = -5,   /* a size limit was exceeded (file, options, outcome space) */
  PARLEY_ERR_ARG = -6      /* the caller passed an invalid argument */
} parley_status;

/* One problem, with its position where it comes from input. line/column are 1-based; 0
 * means "no position" (e.g. an I/O error). */
typedef struct parley_error {
  int code;        /* a parley_status */
  int line;
  int column;
  char file[256];  /* the input's name, as given to the reader; empty if none */
  char message[512];
} parley_error;

/* Returns a short English name for a status ("syntax error", "invalid scenario", ...). */
const char *parley_status_name(int status);

/* Formats an error the way compilers do: "FILE:LINE:COL: error: MESSAGE" (position parts
 * omitted when unknown). Writes at most size bytes including the terminating NUL and returns
 * the length the full text would have (like snprintf). */
int parley_error_format(const parley_error *err, char *buf, size_t size);

/* A list of problems. Readers append every problem they find to it, so that a user sees
 * them all at once, not one per run. */
typedef struct parley_diagnostics parley_diagnostics;

parley_diagnostics *parley_diagnostics_new(void);
void parley_diagnostics_free(parley_diagnostics *diags);
size_t parley_diagnostics_count(const parley_diagnostics *diags);
/* The i-th problem, in input order; NULL if i is out of range. */
const parley_error *parley_diagnostics_get(const parley_diagnostics *diags, size_t i);

/* ---------------------------------------------------------------------------------------- */
/* Scenarios                                                                                */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_scenario parley_scenario;

/* Limits on input, applied by the readers. Zero fields take the defaults below. */
typedef struct parley_read_limits {
  size_t max_file_bytes;  /* default PARLEY_DEFAULT_MAX_FILE_BYTES */
  size_t max_depth;       /* nesting depth of the YAML/JSON tree; default 64 */
  size_t max_options;     /* options per issue (also for expanded ranges); default 10,000 */
} parley_read_limits;

#define PARLEY_DEFAULT_MAX_FILE_BYTES ((size_t)16 << 20)
#define PARLEY_DEFAULT_MAX_DEPTH ((size_t)64)
#define PARLEY_DEFAULT_MAX_OPTIONS ((size_t)10000)
#define PARLEY_MAX_ISSUES 256
#define PARLEY_MAX_PARTIES 64

/* Reads a scenario from a YAML or JSON file (JSON is YAML 1.2, so both go through one
 * parser). On success *out owns the scenario. On failure returns a negative status, fills err
 * with the first problem and, if diags is not NULL, appends every problem found to it.
 * limits may be NULL for the defaults. */
int parley_scenario_read_file(const char *path, const parley_read_limits *limits,
                              parley_scenario **out, parley_diagnostics *diags,
                              parley_error *err);

/* The same from text in memory. name is used in error positions (e.g. the file name). */
int parley_scenario_read_string(const char *text, size_t len, const char *name,
                                const parley_read_limits *limits, parley_scenario **out,
                                parley_diagnostics *diags, parley_error *err);

/* Reads a GENIUS domain file and its preference profiles (one party per profile, in the order
 * given; a party's id comes from its file name) with GENIUS's semantics: see docs/genius.md.
 * Errors are reported as FILE:LINE. The XML parser never uses the network, never loads a DTD
 * and never expands entities: a file with a DOCTYPE is refused. */
int parley_scenario_read_genius(const char *domain_path, const char *const *profile_paths,
                                size_t n_profiles, const parley_read_limits *limits,
                                parley_scenario **out, parley_diagnostics *diags,
                                parley_error *err);

/* The same for a folder holding one domain file (root element <negotiation_template>) and
 * its profiles (root <utility_space>), taken in file-name order; other XML files, such as
 * pareto.xml, are ignored. */
int parley_scenario_read_genius_dir(const char *dir, const parley_read_limits *limits,
                                    parley_scenario **out, parley_diagnostics *diags,
                                    parley_error *err);

void parley_scenario_free(parley_scenario *sc);

/* Descriptive fields; strings are owned by the scenario ("" when absent). */
const char *parley_scenario_title(const parley_scenario *sc);
const char *parley_scenario_source(const parley_scenario *sc); /* the name it was read from */

size_t parley_issue_count(const parley_scenario *sc);
const char *parley_issue_id(const parley_scenario *sc, size_t issue);
const char *parley_issue_name(const parley_scenario *sc, size_t issue);
size_t parley_issue_option_count(const parley_scenario *sc, size_t issue);
/* 1 if the issue was given as a numeric range (its options carry numbers), else 0. */
int parley_issue_is_numeric(const parley_scenario *sc, size_t issue);
const char *parley_option_id(const parley_scenario *sc, size_t issue, size_t option);
const char *parley_option_name(const parley_scenario *sc, size_t issue, size_t option);
/* The number of a numeric issue's option (0 for a discrete issue). */
double parley_option_value(const parley_scenario *sc, size_t issue, size_t option);
/* Index of the issue with this id, or -1. */
long parley_issue_find(const parley_scenario *sc, const char *id);
/* Index of the option with this id in the issue, or -1. */
long parley_option_find(const parley_scenario *sc, size_t issue, const char *id);

size_t parley_party_count(const parley_scenario *sc);
const char *parley_party_id(const parley_scenario *sc, size_t party);
const char *parley_party_name(const parley_scenario *sc, size_t party);
double parley_party_power(const parley_scenario *sc, size_t party);
double parley_party_reservation(const parley_scenario *sc, size_t party);
/* The party's time discount factor d: at normalised time t in [0,1] its utilities and its
 * reservation value are multiplied by d^t (GENIUS semantics). 1 means no discounting. */
double parley_party_discount(const parley_scenario *sc, size_t party);
/* The party's weight for the issue, normalised so the party's weights sum to 1. */
double parley_party_weight(const parley_scenario *sc, size_t party, size_t issue);
long parley_party_find(const parley_scenario *sc, const char *id);

size_t parley_framework_count(const parley_scenario *sc);
const char *parley_framework_id(const parley_scenario *sc, size_t fw);
const char *parley_framework_name(const parley_scenario *sc, size_t fw);
/* The framework's package: one option index per issue (parley_issue_count entries). */
const uint32_t *parley_framework_package(const parley_scenario *sc, size_t fw);

/* Number of outcomes (product of option counts), saturating at UINT64_MAX. */
uint64_t parley_outcome_count(const parley_scenario *sc);

/* Utility of a package (one option index per issue) for a party: the weighted sum of option
 * values plus the interaction terms that apply. Red lines do not change utility; see
 * parley_package_crosses_red_line. Returns NaN for an invalid argument. */
double parley_utility(const parley_scenario *sc, size_t party, const uint32_t *package);

/* Number of the party's red lines the package crosses (0 = none). */
size_t parley_package_crosses_red_line(const parley_scenario *sc, size_t party,
                                       const uint32_t *package);

/* ---------------------------------------------------------------------------------------- */
/* Analysis                                                                                 */
/* ---------------------------------------------------------------------------------------- */

#define PARLEY_DEFAULT_MAX_OUTCOMES ((uint64_t)100000000) /* 10^8 */

/* How parley_analyze explores the outcome space (docs/semantics.md, "Methods"). */
typedef enum parley_method {
  PARLEY_METHOD_AUTO = 0,   /* enumerate when the space fits max_outcomes, else an exact
                               method that applies (additive, then boxes), else refuse
                               (PARLEY_ERR_LIMIT) */
  PARLEY_METHOD_ENUMERATE,  /* visit every package: any profile; every count is exact */
  PARLEY_METHOD_BOXES,      /* exact frontier without enumeration, for profiles that are sums of
                               non-negative "box" terms (ANAC 2014 hyper-rectangles): each
                               frontier utility vector once, with one package attaining it */
  PARLEY_METHOD_ADDITIVE,   /* exact frontier without enumeration, for additive profiles:
                               issues linked by interaction terms or red lines folded into
                               one (combinations crossing a red line dropped), then the
                               groups' non-dominated sets summed pairwise; same reporting as
                               boxes */
  PARLEY_METHOD_COUNT
} parley_method;

const char *parley_method_name(parley_method m); /* "auto", "enumerate", "boxes", "additive" */
/* The method with this name, or -1. */
int parley_method_find(const char *name);

/* 1 if PARLEY_METHOD_BOXES applies to the scenario: no red lines, every interaction bonus
 * >= 0, every issue's weighted value the same for all its options (weight 0), at most 64
 * options per issue and 4,096 interaction terms. */
int parley_boxes_applicable(const parley_scenario *sc);

/* 1 if PARLEY_METHOD_ADDITIVE applies: the issues linked by interaction terms and red lines
 * form groups of at most 2^20 combinations each. */
int parley_additive_applicable(const parley_scenario *sc);

#define PARLEY_DEFAULT_MAX_NODES ((uint64_t)200000000) /* 2 x 10^8 */

typedef struct parley_analysis_options {
  /* Refuse outcome spaces larger than this (0 = PARLEY_DEFAULT_MAX_OUTCOMES). */
  uint64_t max_outcomes;
  /* Called now and then during enumeration with the fraction done, in [0,1]; may be NULL.
   * A non-zero return cancels the analysis (it then returns PARLEY_ERR_ARG). */
  int (*progress)(void *user, double fraction);
  void *progress_user;
  /* Threads to enumerate on (0 = one per online core). The result does not depend on it. */
  size_t threads;
  /* PARLEY_METHOD_AUTO (0) picks by itself; parley_analysis_method tells which ran. */
  parley_method method;
  /* The exact search gives up (PARLEY_ERR_LIMIT) after this many nodes (0 = the default). */
  uint64_t max_nodes;
} parley_analysis_options;

typedef struct parley_analysis parley_analysis;

/* 0 if the scenario's outcome space fits the enumeration limit (0 = the default); otherwise
 * PARLEY_ERR_LIMIT with a message, positioned at the issues list, that says what to do
 * instead. parley_analyze makes the same check. */
int parley_check_outcome_limit(const parley_scenario *sc, uint64_t max_outcomes, parley_error *err);

/* The method parley_analyze would use with these options (NULL: defaults), or an error that
 * says why none can: PARLEY_ERR_LIMIT (too many packages to enumerate and no exact method
 * applies) or PARLEY_ERR_INVALID (the method asked for does not apply). */
int parley_analysis_plan(const parley_scenario *sc, const parley_analysis_options *options,
                         parley_method *method_out, parley_error *err);

/* Analyses the whole outcome space of the scenario. options may be NULL. On success *out
 * owns the result, which refers to sc: keep sc alive while using it. */
int parley_analyze(const parley_scenario *sc, const parley_analysis_options *options,
                   parley_analysis **out, parley_error *err);
void parley_analysis_free(parley_analysis *an);

uint64_t parley_analysis_outcome_count(const parley_analysis *an); /* saturates at UINT64_MAX */
/* The exact number of outcomes in decimal (it may exceed 64 bits), like snprintf. */
int parley_outcome_count_text(const parley_scenario *sc, char *buf, size_t size);
/* The method that ran, and the nodes the exact search visited (0 for enumeration). */
parley_method parley_analysis_method(const parley_analysis *an);
uint64_t parley_analysis_search_nodes(const parley_analysis *an);

/* Per party, over the outcomes that cross none of that party's own red lines: the best
 * (ideal) package, its utility, and the lowest utility (NaN when the exact search could not
 * establish it). Returns 0 on success, or
 * PARLEY_ERR_INVALID if every outcome crosses one of the party's red lines. package_out may
 * be NULL; otherwise it receives parley_issue_count entries. */
int parley_analysis_party_range(const parley_analysis *an, size_t party, uint32_t *package_out,
                                double *ideal_out, double *min_out);

/* Mean utility over all outcomes, for one party, or over all parties and outcomes when
 * party is (size_t)-1 (the "mean utility" the ANAC literature quotes for a domain). */
double parley_analysis_mean_utility(const parley_analysis *an, size_t party);

/* Opposition (NaN when the exact search could not establish it, which happens only when a
 * party's utility can exceed 1): the smallest Euclidean distance from an outcome's utility vector to the point
 * (1, ..., 1) of complete satisfaction, over all outcomes (Baarslag et al. 2013). 0 means some
 * outcome satisfies everyone fully; larger means more opposed. */
double parley_analysis_opposition(const parley_analysis *an);

/* Number of feasible outcomes (acceptable to every party). The exact methods count them only
 * when every package free of red lines meets every reservation (then all packages, or, with
 * the additive method and red lines, the product of the groups' combinations free of red
 * lines, when it fits in 64 bits); otherwise this returns UINT64_MAX and
 * parley_analysis_feasible_known returns 0. 0 is always known. */
uint64_t parley_analysis_feasible_count(const parley_analysis *an);
int parley_analysis_feasible_known(const parley_analysis *an);

/* When nothing is feasible: the smallest group of parties whose constraints (red lines and
 * reservation values) together leave no outcome, as a bit mask over party indices (bit p =
 * party p), lowest party indices first among groups of the same size. Returns 0 and sets
 * *mask, or PARLEY_ERR_INVALID when a deal is feasible or the group was not computed (more
 * than 20 parties; or, with the additive method and red lines, when finding it would take more
 * than 64 further runs of the method). */
int parley_analysis_blocking_group(const parley_analysis *an, uint64_t *mask);

/* The Pareto frontier of the feasible set, in increasing outcome index (the order of the
 * packages read as numbers, issue 0 most significant). Enumeration lists every package whose
 * utility vector is not dominated; the exact search lists each such vector once. */
size_t parley_analysis_frontier_size(const parley_analysis *an);
/* The i-th frontier package (package_out gets parley_issue_count entries; may be NULL) and
 * its outcome index (UINT64_MAX when the index does not fit 64 bits). Returns 0, or
 * PARLEY_ERR_ARG if i is out of range. */
int parley_analysis_frontier_point(const parley_analysis *an, size_t i, uint32_t *package_out,
                                   uint64_t *index_out);
/* Utility of the i-th frontier package for a party (NaN if out of range). */
double parley_analysis_frontier_utility(const parley_analysis *an, size_t i, size_t party);

typedef enum parley_solution {
  PARLEY_NASH = 0,            /* maximise prod_p (U_p - r_p) */
  PARLEY_KALAI_SMORODINSKY,   /* maximise min_p (U_p - r_p) / (ideal_p - r_p) */
  PARLEY_EGALITARIAN,         /* maximise min_p (U_p - r_p) */
  PARLEY_UTILITARIAN,         /* maximise sum_p U_p */
  PARLEY_KS_UNNORMALISED,     /* the frontier point with the smallest max_p U_p - min_p U_p:
                                 for two parties the smallest |U_1 - U_2|, the "Kalai point" of
                                 the ANAC literature (Baarslag, Hindriks & Jonker 2014) */
  PARLEY_SOLUTION_COUNT
} parley_solution;

const char *parley_solution_name(parley_solution s); /* "nash", "kalai_smorodinsky", ... */

/* The frontier index of a solution, or -1 when nothing is feasible. */
long parley_analysis_solution(const parley_analysis *an, parley_solution s);

/* Acceptance of the scenario's named frameworks. */
typedef struct parley_acceptance {
  double utility;      /* U_p of the framework */
  double reservation;  /* r_p */
  int accepts;         /* 1 if it crosses none of p's red lines and utility >= reservation */
  size_t red_lines_crossed;
} parley_acceptance;

int parley_analysis_framework_acceptance(const parley_analysis *an, size_t fw, size_t party,
                                         parley_acceptance *out);
/* 1 if the framework is feasible and no feasible package Pareto-dominates it. */
int parley_analysis_framework_on_frontier(const parley_analysis *an, size_t fw);
/* Number of frontier packages that Pareto-dominate the framework, and the i-th of them as a
 * frontier index (in decreasing order of total utility gain), or -1. */
size_t parley_analysis_framework_dominator_count(const parley_analysis *an, size_t fw);
long parley_analysis_framework_dominator(const parley_analysis *an, size_t fw, size_t i);

/* Concessions at the Nash package: for a party, the issues on which the Nash package differs
 * from the party's ideal, and what each costs the party in utility (its weighted value at
 * the ideal option minus at the Nash option). Interaction terms are not assigned to an
 * issue; parley_analysis_concession_total gives the whole utility given up. */
size_t parley_analysis_concession_count(const parley_analysis *an, size_t party);
int parley_analysis_concession(const parley_analysis *an, size_t party, size_t i,
                               size_t *issue_out, uint32_t *ideal_option_out,
                               uint32_t *nash_option_out, double *cost_out);
double parley_analysis_concession_total(const parley_analysis *an, size_t party);

/* ---------------------------------------------------------------------------------------- */
/* The offer index: the questions negotiating agents ask every round                        */
/* ---------------------------------------------------------------------------------------- */

/* Every outcome, sorted by one party's utility: the outcomes whose utility for that party lies
 * in [lo, hi] are found by binary search, and the best of them for an opponent by a scan of
 * that window only (two table lookups per outcome). Memory: 16 bytes per outcome kept, twice
 * that while building. The index refers to the scenario, which must outlive it. */
typedef struct parley_offer_index parley_offer_index;

/* Builds the index for `party` (refuses spaces over max_outcomes; 0 = 10^7). Outcomes crossing
 * the party's own red lines are left out. */
int parley_offer_index_build(const parley_scenario *sc, size_t party, uint64_t max_outcomes,
                             parley_offer_index **out, parley_error *err);
void parley_offer_index_free(parley_offer_index *ix);
/* Number of outcomes indexed. */
size_t parley_offer_index_size(const parley_offer_index *ix);
/* The outcomes with utility in [lo, hi]: positions [*first, *first + count) of the order by
 * increasing utility; returns count. The bounds are included with a slack of 10^-9, so that a
 * utility that is lo or hi but for the rounding of its terms (docs/semantics.md) is in; a bound
 * at or beyond -10^6 or 10^6 (infinities included) leaves that side open. */
size_t parley_offer_index_range(const parley_offer_index *ix, double lo, double hi, size_t *first);
/* The k-th outcome by increasing utility: its package (may be NULL) and utility. */
int parley_offer_index_get(const parley_offer_index *ix, size_t k, uint32_t *package_out,
                           double *utility_out);

/* An additive opponent model: a weight per issue and a value per option (NULL for an issue
 * the opponent ignores); utility = sum_i weight[i] * value[i][option]. */
typedef struct parley_opponent_model {
  const double *weight;
  const double *const *value;
} parley_opponent_model;

/* Among the outcomes with utility in [lo, hi] for the indexed party, the one the opponent
 * model values most (ties: the higher own utility, then the lower outcome index). The model's
 * terms weight[i] * value[i][o] are rounded to multiples of 2^-40, as scenario utilities are,
 * so its sums are exact. Returns 0, or PARLEY_ERR_INVALID when the window is empty. */
int parley_offer_index_best(const parley_offer_index *ix, double lo, double hi,
                            const parley_opponent_model *model, uint32_t *package_out,
                            double *own_out, double *opponent_out);

/* The same with another party of the scenario as the opponent, its full utility (interaction
 * terms included): outcomes crossing that party's red lines are passed over. Returns
 * PARLEY_ERR_INVALID when the window is empty or the party rejects all of it. */
int parley_offer_index_best_party(const parley_offer_index *ix, double lo, double hi,
                                  size_t party, uint32_t *package_out, double *own_out,
                                  double *opponent_out);

/* ---------------------------------------------------------------------------------------- */
/* Reports                                                                                  */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_report_options {
  int list_frontier;    /* text: list every frontier package (JSON always lists them) */
  size_t max_listed;    /* text: at most this many dominating packages per framework (0 = 5) */
} parley_report_options;

/* Renders an analysis as readable text or as a JSON document (schema in
 * docs/schema/analysis.schema.json). On success *text_out is a NUL-terminated string the
 * caller releases with parley_string_free, and *len_out (may be NULL) its length. */
int parley_report_text(const parley_analysis *an, const parley_report_options *options,
                       char **text_out, size_t *len_out, parley_error *err);
int parley_report_json(const parley_analysis *an, const parley_report_options *options,
                       char **text_out, size_t *len_out, parley_error *err);
void parley_string_free(char *s);

/* Writes the scenario as parley YAML (docs/scenario-format.md), losslessly: reading the text
 * back gives the same utility, to the bit, for every package and party. The caller releases
 * *text_out with parley_string_free. */
int parley_scenario_write_yaml(const parley_scenario *sc, char **text_out, size_t *len_out,
                               parley_error *err);

/* Writes the scenario as GENIUS XML (docs/genius.md): file 0 is the domain, file p + 1 the
 * profile of party p. GENIUS reads the same utility for every package (to 1e-12). Fails with
 * PARLEY_ERR_INVALID, naming the party, for what GENIUS cannot hold: red lines, and
 * interaction terms other than ANAC 2014 hyper-rectangles over integer issues. */
int parley_scenario_write_genius(const parley_scenario *sc, size_t file, char **text_out,
                                 size_t *len_out, parley_error *err);

/* Writes data to path atomically: a temporary file in the same directory, flushed, then
 * renamed over path. On failure nothing is left behind and path is untouched. */
int parley_write_file_atomic(const char *path, const void *data, size_t len,
                             parley_error *err);

/* ---------------------------------------------------------------------------------------- */
/* Forecasting: actors' positions on issues, and models of the collective decision          */
/* ---------------------------------------------------------------------------------------- */

/* Actors x issues: each actor's position (a number on the issue's scale) and salience (0-100)
 * per issue, missing values as NaN; per issue a reference point (status quo) and the actual
 * outcome when known (NaN otherwise), and the year the proposal was made. */
typedef struct parley_positions parley_positions;

/* Reads the DEU III CSV (docs/forecasting.md): columns isnr, p<actor>, s<actor>, rp, out.
 * Values outside 0-100 (such as 999) and blanks are missing. Errors are FILE:LINE:COL. */
int parley_positions_read_deu(const char *path, const parley_read_limits *limits,
                              parley_positions **out, parley_diagnostics *diags,
                              parley_error *err);
/* Reads a plain CSV with one issue: a header naming the columns actor, capability,
 * position (or position_<unit>) and salience, then one actor per line (the 1994 emission case
 * of ../shared/data/bdm1994 is one). Positions may be on any scale; capabilities come with the
 * file (use PARLEY_CAPABILITY_DATA). */
int parley_positions_read_plain(const char *path, const parley_read_limits *limits,
                                parley_positions **out, parley_diagnostics *diags,
                                parley_error *err);
/* Reads KTAB's CSV (the input of its Spatial Model of Politics, `smpc --csv`): line 1 the
 * scenario name, a description, the number of actors and of dimensions; line 2 a header
 * (Actor, Description, Power, then a position and a salience column per dimension); then one
 * actor a line. Positions and saliences are on 0-100; an actor's saliences add up to at most
 * 100. Each dimension becomes an issue, Power the capability (PARLEY_CAPABILITY_DATA). */
int parley_positions_read_ktab(const char *path, const parley_read_limits *limits,
                               parley_positions **out, parley_diagnostics *diags,
                               parley_error *err);
/* Reads any of these formats, telling them apart by the first line (isnr: DEU III; actor:
 * plain; whole numbers in fields 3 and 4: KTAB). */
int parley_positions_read_file(const char *path, const parley_read_limits *limits,
                               parley_positions **out, parley_diagnostics *diags,
                               parley_error *err);
/* The positions of a scenario (docs/forecasting.md), one actor per party with its power as
 * capability. With a `positions:` section: its issues, positions, saliences, reference points
 * and outcomes as written. Without: derived, one issue per numeric issue; the party's position
 * is the number of its best option on that issue (the lowest among equals), its salience 100 x
 * its normalised weight; no reference point or outcome. Fails with PARLEY_ERR_INVALID when
 * there is neither a `positions:` section nor a numeric issue. */
int parley_positions_from_scenario(const parley_scenario *sc, parley_positions **out,
                                   parley_error *err);
void parley_positions_free(parley_positions *pos);
/* The capability the input gives an actor, or NaN (DEU III gives none). */
double parley_positions_capability(const parley_positions *pos, size_t actor);

size_t parley_positions_actor_count(const parley_positions *pos);
const char *parley_positions_actor_id(const parley_positions *pos, size_t actor);
size_t parley_positions_issue_count(const parley_positions *pos);
const char *parley_positions_issue_id(const parley_positions *pos, size_t issue);
int parley_positions_issue_year(const parley_positions *pos, size_t issue); /* 0 if unknown */
double parley_positions_position(const parley_positions *pos, size_t issue, size_t actor);
double parley_positions_salience(const parley_positions *pos, size_t issue, size_t actor);
double parley_positions_reference(const parley_positions *pos, size_t issue);
double parley_positions_outcome(const parley_positions *pos, size_t issue);
/* The proposal the issue belongs to, as the index of the proposal's first issue: issues with
 * the same number are decided together (the exchange model trades between them). In DEU III,
 * the issues of one proposal (isnr d00032i1, d00032i2, ...: the same text before the final
 * i<digits>); in every other format all the issues of the file form one proposal, 0. */
size_t parley_positions_issue_group(const parley_positions *pos, size_t issue);
/* The name of the issue's proposal (DEU III: d00032 for d00032i1), or NULL when the format
 * names none. */
const char *parley_positions_issue_proposal(const parley_positions *pos, size_t issue);
/* Actors with both a position and a salience on the issue. */
size_t parley_positions_active_count(const parley_positions *pos, size_t issue);

typedef enum parley_model {
  PARLEY_MODEL_MEAN = 0,         /* unweighted mean of the positions */
  PARLEY_MODEL_MEDIAN,           /* unweighted median of the positions */
  PARLEY_MODEL_COMPROMISE,       /* capability x salience weighted mean */
  PARLEY_MODEL_WEIGHTED_MEDIAN,  /* capability x salience weighted (lower) median */
  PARLEY_MODEL_EU_MEDIAN,        /* expected-utility model (parley_eu_run, defaults): the median
                                    after the last round */
  PARLEY_MODEL_EU_MEAN,          /* the same, the weighted mean after the last round */
  PARLEY_MODEL_NBS,              /* asymmetric Nash bargaining solution: quadratic utilities,
                                    weights capability x salience, disagreement point the issue's
                                    reference point; every actor must gain, so it is the
                                    reference point itself unless all actors lie on one side of
                                    it (docs/forecasting.md); needs a reference point */
  PARLEY_MODEL_EXCHANGE,         /* Stokman's exchange model (parley_exchange_run, defaults) over
                                    the issue's proposal (parley_positions_issue_group): the
                                    issue's outcome once no exchange is left */
  PARLEY_MODEL_SMP,              /* KTAB's Spatial Model of Politics (parley_smp_run, defaults)
                                    on the issue alone: the forecast after the last turn */
  PARLEY_MODEL_COUNT
} parley_model;

const char *parley_model_name(parley_model m); /* "mean", "median", "compromise", ... */
/* The model with this name, or -1. */
int parley_model_find(const char *name);

/* Capability per actor and issue. */
typedef enum parley_capability_kind {
  PARLEY_CAPABILITY_EQUAL = 0,   /* every actor 1 */
  PARLEY_CAPABILITY_VOTES,       /* EU Council votes: EU15 (pre-Nice) for proposals before 2004,
                                    Nice votes from 2004; the Commission ("com") and Parliament
                                    ("ep") get the largest member-state weight of the era */
  PARLEY_CAPABILITY_TABLE,       /* one number per actor, given by the caller */
  PARLEY_CAPABILITY_DATA         /* the capabilities the input file gives */
} parley_capability_kind;

typedef struct parley_capability {
  parley_capability_kind kind;
  const double *table; /* PARLEY_CAPABILITY_TABLE: per actor, in parley_positions order */
} parley_capability;

/* The model's forecast for one issue, over the actors with a position and a salience (and a
 * capability, for the weighted models). Returns 0, or PARLEY_ERR_INVALID when no actor
 * qualifies. */
int parley_forecast_issue(const parley_positions *pos, size_t issue, parley_model model,
                          const parley_capability *cap, double *forecast);

/* Accuracy of a model over the issues with an outcome and at least min_actors active actors. */
typedef struct parley_backtest {
  size_t n;                  /* issues scored */
  double mae, rmse, median_ae;
  double mae_lo, mae_hi;     /* 95% bootstrap interval of the MAE (percentile method) */
  double rmse_lo, rmse_hi;
  double median_lo, median_hi;
} parley_backtest;

/* Which issues a backtest scores, beyond having an outcome and enough actors: proposals from
 * year `from_year` (0 = any) and before year `before_year` (0 = any). */
typedef struct parley_backtest_filter {
  size_t min_actors;
  int from_year, before_year;
} parley_backtest_filter;

/* As parley_backtest_model, with a filter on the issues scored; forecasts_out (may be NULL)
 * receives each scored issue's forecast (NaN elsewhere). */
int parley_backtest_model_filtered(const parley_positions *pos, parley_model model,
                                   const parley_capability *cap, const parley_backtest_filter *filter,
                                   size_t resamples, uint64_t seed, parley_backtest *out,
                                   double *errors_out, double *forecasts_out, parley_error *err);

/* Scores a model; errors_out (may be NULL) receives per issue the absolute error, or NaN for
 * issues not scored (parley_positions_issue_count entries). The bootstrap draws `resamples`
 * resamples (0 = 2000) from a PRNG seeded with `seed`: the same seed gives the same figures. */
int parley_backtest_model(const parley_positions *pos, parley_model model,
                          const parley_capability *cap, size_t min_actors, size_t resamples,
                          uint64_t seed, parley_backtest *out, double *errors_out,
                          parley_error *err);

/* Bueno de Mesquita's expected-utility ("challenge") model on one issue, in two modes:
 * replication-compatible (the rules under which an open re-implementation reproduces Scholz,
 * Calbert & Smith (2011), Table 2) and printed (the paper's equations as printed, with the
 * readings docs/forecasting.md lists where it is ambiguous). */
typedef enum parley_eu_mode {
  PARLEY_EU_MODE_REPLICATION = 0,
  PARLEY_EU_MODE_PRINTED
} parley_eu_mode;

typedef struct parley_eu_options {
  double q;          /* probability of the status quo without a challenge (default 1.0, as Scholz) */
  size_t rounds;     /* rounds to run (default 10), or the most with a tolerance */
  double tolerance;  /* > 0: stop after the first round where median and mean move by <= it */
  parley_eu_mode mode;
} parley_eu_options;

typedef struct parley_eu_result parley_eu_result;

typedef enum parley_eu_move {
  PARLEY_EU_STAY = 0,        /* no offer worth taking */
  PARLEY_EU_CONFRONTATION,   /* lost a confrontation: moved to the challenger's position */
  PARLEY_EU_COMPROMISE,      /* moved part way towards the challenger */
  PARLEY_EU_CAPITULATION     /* printed mode: gave in to a stronger challenger, moved to it */
} parley_eu_move;

/* Runs the model on an issue (its actors with position, salience and capability; salience is
 * read as a probability, salience / 100). options may be NULL. */
int parley_eu_run(const parley_positions *pos, size_t issue, const parley_capability *cap,
                  const parley_eu_options *options, parley_eu_result **out, parley_error *err);
void parley_eu_free(parley_eu_result *res);
/* Rounds run (round 0 is the starting point). */
size_t parley_eu_rounds(const parley_eu_result *res);
double parley_eu_median(const parley_eu_result *res, size_t round);
double parley_eu_mean(const parley_eu_result *res, size_t round);
/* The actors taking part, as indices into parley_positions. */
size_t parley_eu_actor_count(const parley_eu_result *res);
size_t parley_eu_actor(const parley_eu_result *res, size_t k);
/* Per round and taking-part actor k: position after the round, the risk exponent that drove
 * its decisions in that round, and how it moved (partner: the actor it moved towards, as an
 * index into parley_positions, or -1). */
double parley_eu_position(const parley_eu_result *res, size_t round, size_t k);
double parley_eu_risk(const parley_eu_result *res, size_t round, size_t k);
parley_eu_move parley_eu_move_of(const parley_eu_result *res, size_t round, size_t k, long *partner);

/* KTAB's Spatial Model of Politics (SMP), as KTAB 1.4's code runs it (docs/models.md §2,
 * docs/forecasting.md): all the issues given form one multi-dimensional space; each turn every
 * actor estimates risk attitudes from a probabilistic Condorcet election, picks the target
 * whose challenge gains it most, proposes a bargain, and every actor adopts the bargain its
 * own election favours. Deterministic under the defaults, which are KTAB's. */
typedef enum parley_smp_option {
  PARLEY_SMP_VICTORY = 0,   /* linear | square | quartic | octic | binary */
  PARLEY_SMP_PCE,           /* conditional | markov-uniform | markov-incentive */
  PARLEY_SMP_TRANSITIONS,   /* deterministic | stochastic (seeded: options.seed) */
  PARLEY_SMP_VOTING,        /* proportional | binary | prop-bin | prop-cubic | cubic | asym-prospect */
  PARLEY_SMP_RISK_ADJUST,   /* one-third | none | half | two-thirds | full */
  PARLEY_SMP_RISK_RANGE,    /* mid | min | max */
  PARLEY_SMP_THIRD_PARTY,   /* semi | full | none (third parties' commitment) */
  PARLEY_SMP_INTERPOLATION, /* s2p2 | s1p1 | s2pmax */
  PARLEY_SMP_BARGAIN,       /* init-only | init-receiver | power-weighted */
  PARLEY_SMP_OPTION_COUNT
} parley_smp_option;

typedef struct parley_smp_options {
  int choice[PARLEY_SMP_OPTION_COUNT]; /* per option the value's index; 0 is KTAB's default */
  size_t max_turns;                    /* default 100 */
  size_t min_turns;                    /* default 2 */
  double stop_ratio;                   /* stop when a turn moves less than this share of the
                                          first turn's movement (default 0.02) */
  uint64_t seed;                       /* stochastic transitions only */
  size_t threads;                      /* 0 = all cores; results do not depend on it */
} parley_smp_options;

void parley_smp_defaults(parley_smp_options *o);
/* The option's name ("victory", "pce", ...) and its values' names (NULL past the last). */
const char *parley_smp_option_name(parley_smp_option k);
const char *parley_smp_value_name(parley_smp_option k, int choice);
/* Sets option `key` to `value` by name (also "max-turns", "min-turns", "stop-ratio",
 * "seed"); PARLEY_ERR_ARG with a message listing the accepted values otherwise. */
int parley_smp_set(parley_smp_options *o, const char *key, const char *value, parley_error *err);

typedef struct parley_smp_result parley_smp_result;

/* Runs the SMP over the n_issues issues given (NULL: all) as the dimensions of one space, with
 * the actors that have a position, a salience and a capability above 0 on every one of them
 * and a salience above 0 on one (an actor that cares about none takes no part).
 * Positions are read on 0-100 when they all lie there, else on each issue's range of positions;
 * saliences are divided by 100 and an actor's must add up to more than 0 and at most 100 over
 * the issues. Returns 0, PARLEY_ERR_INVALID (fewer than two such actors, bad saliences),
 * PARLEY_ERR_ARG or PARLEY_ERR_NOMEM. */
int parley_smp_run(const parley_positions *pos, const size_t *issues, size_t n_issues,
                   const parley_capability *cap, const parley_smp_options *options,
                   parley_smp_result **out, parley_error *err);
void parley_smp_free(parley_smp_result *res);
/* Turns run; states 0 (the start) to turns. */
size_t parley_smp_turns(const parley_smp_result *res);
/* 1 when the run stopped by the movement rule, 0 when it reached max_turns. */
int parley_smp_converged(const parley_smp_result *res);
size_t parley_smp_actor_count(const parley_smp_result *res);
size_t parley_smp_actor(const parley_smp_result *res, size_t k); /* index into parley_positions */
size_t parley_smp_issue_count(const parley_smp_result *res);
size_t parley_smp_issue(const parley_smp_result *res, size_t d);  /* index into parley_positions */
/* Actor k's position on dimension d in state t, on the input's scale. */
double parley_smp_position(const parley_smp_result *res, size_t t, size_t k, size_t d);
/* Actor k's risk attitude (-1 risk-seeking .. 1 risk-averse) as assessed in state t. */
double parley_smp_risk(const parley_smp_result *res, size_t t, size_t k);
/* Probability that actor k's position in state t wins (the election over the distinct
 * positions, each actor judging by its own utilities; co-located actors share it). */
double parley_smp_probability(const parley_smp_result *res, size_t t, size_t k);
/* Turn t (1..turns): the actor k challenged (-1: none worth it), with k's estimates of the
 * gain and of its probability of winning. */
long parley_smp_target(const parley_smp_result *res, size_t t, size_t k, double *gain, double *prob);
/* Turn t: the bargain k adopted, as its initiator and receiver (both -1: k kept its
 * position, the status quo won k's election). */
long parley_smp_adopted(const parley_smp_result *res, size_t t, size_t k, long *receiver);
/* The forecast on dimension d: the capability x salience weighted mean of the final positions. */
double parley_smp_forecast(const parley_smp_result *res, size_t d);

/* Stokman's exchange model of voting positions (Stokman & Van Oosten 1994), equal-gain form
 * (docs/forecasting.md): the issues given are decided together, each by the capability x
 * salience weighted mean of the votes (at first, the positions). Actors' interests stay their
 * starting positions. Two actors whose interests lie on opposite sides of the outcome on two
 * issues, and who care about them in different proportions, trade: each moves its vote on the
 * issue it cares less about towards the other's vote, by amounts that give both the same gain
 * (salience x shift of the outcome towards its interest), as far as possible without passing
 * the partner's vote or moving an outcome past the demander's interest. Each round executes
 * the best exchanges greedily, an actor-issue pair at most once. Deterministic. */
typedef struct parley_exchange_options {
  size_t rounds;     /* the most rounds (default 100); the run stops earlier when no exchange
                        is possible */
  double tolerance;  /* > 0: also stop after a round in which no outcome moved by more than it */
} parley_exchange_options;

void parley_exchange_defaults(parley_exchange_options *o);

/* One executed exchange: actor[0] demands issue demand[0], on which actor[1] moves from
 * from[1] to to[1]; actor[1] demands demand[1], on which actor[0] moves from from[0] to
 * to[0]. Actors and issues are indices into parley_positions; gain is each side's gain. */
typedef struct parley_exchange {
  size_t round;
  size_t actor[2];
  size_t demand[2];
  double from[2], to[2];
  double gain;
} parley_exchange;

typedef struct parley_exchange_result parley_exchange_result;

/* Runs the model over the n_issues issues given (NULL: all), with the actors that have a
 * position, a salience and a capability above 0 on an issue taking part in it. Returns 0,
 * PARLEY_ERR_INVALID (no issue anybody weighs), PARLEY_ERR_ARG or PARLEY_ERR_NOMEM. */
int parley_exchange_run(const parley_positions *pos, const size_t *issues, size_t n_issues,
                        const parley_capability *cap, const parley_exchange_options *options,
                        parley_exchange_result **out, parley_error *err);
void parley_exchange_free(parley_exchange_result *res);
/* Rounds run; states 0 (the start) to rounds. */
size_t parley_exchange_rounds(const parley_exchange_result *res);
/* 1 when the run stopped because no exchange was left (or by the tolerance), 0 when it
 * reached the most rounds. */
int parley_exchange_converged(const parley_exchange_result *res);
size_t parley_exchange_issue_count(const parley_exchange_result *res);
size_t parley_exchange_issue(const parley_exchange_result *res, size_t d); /* index into parley_positions */
/* The outcome (weighted mean) of dimension d in state t; NaN when nobody weighs it. */
double parley_exchange_outcome(const parley_exchange_result *res, size_t t, size_t d);
/* The vote of actor (an index into parley_positions) on dimension d in state t; NaN when
 * it takes no part. */
double parley_exchange_position(const parley_exchange_result *res, size_t t, size_t actor, size_t d);
/* Every exchange executed, in order (round by round, best first). */
size_t parley_exchange_count(const parley_exchange_result *res);
const parley_exchange *parley_exchange_at(const parley_exchange_result *res, size_t k);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_H */
