/*
 * parley/analysis.h — the whole outcome space of a scenario: the feasible set (packages every
 * party accepts), the Pareto frontier, the bargaining solutions, each framework's acceptance
 * and what dominates it, and the concessions at the Nash package.
 *
 * parley_analyze plans a method (enumeration of every package, or an exact method that finds
 * the frontier without enumerating: additive, boxes), runs it, and reads everything else off
 * the frontier. Definitions, tie-breaking and what each method counts are in docs/semantics.md.
 */
#ifndef PARLEY_ANALYSIS_H
#define PARLEY_ANALYSIS_H

#include "parley/base.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PARLEY_DEFAULT_MAX_OUTCOMES ((uint64_t)100000000) /* 10^8 */
#define PARLEY_DEFAULT_MAX_NODES ((uint64_t)200000000)    /* 2 x 10^8 */
#define PARLEY_DEFAULT_MAX_FRONTIER ((uint64_t)100000)    /* 10^5 utility vectors */
/* The smallest blocking group is found for up to this many parties. */
#define PARLEY_BLOCKING_MAX_PARTIES 20

/* How parley_analyze explores the outcome space (docs/semantics.md, "Methods"). */
typedef enum parley_method {
  PARLEY_METHOD_AUTO = 0,   /* the cheapest method that gives every figure: when the space
                               fits max_outcomes, the additive method if it applies and finishes
                               within half a unit of work per package (candidates formed,
                               counting steps) with every figure enumeration gives, else
                               enumeration; beyond max_outcomes, an exact method that applies
                               (additive, then boxes), else refuse (PARLEY_ERR_LIMIT) */
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

/* FUNCTION: "auto", "enumerate", "boxes", "additive". */
PARLEY_API const char *parley_method_name(parley_method m);
/* FUNCTION: the method with this name, or -1. */
PARLEY_API int parley_method_find(const char *name);

/* METHOD: parley_scenario — 1 if the method applies to the scenario, else 0. Enumeration and
 * auto always apply (the size limit aside). Boxes: no red lines, every interaction bonus >= 0,
 * every issue's weighted value the same for all its options (weight 0), at most 64 options per
 * issue and 4,096 interaction terms. Additive: the issues linked by interaction terms and red
 * lines form groups of at most 2^20 combinations each. */
PARLEY_API int parley_method_applicable(const parley_scenario *sc, parley_method m);

typedef struct parley_analysis_options {
  /* Refuse to enumerate outcome spaces larger than this (0 = PARLEY_DEFAULT_MAX_OUTCOMES). */
  uint64_t max_outcomes;
  /* Progress and cancellation (may be NULL): see parley_progress_fn. */
  parley_progress_fn progress;
  void *progress_user;
  /* Threads to enumerate on (0 = parley_default_threads()). The result does not depend on it. */
  size_t threads;
  /* PARLEY_METHOD_AUTO (0) picks by itself; parley_analysis_method tells which ran. */
  parley_method method;
  /* The exact search gives up (PARLEY_ERR_LIMIT) after this many nodes (0 = the default). */
  uint64_t max_nodes;
  /* 1: also list every package on the frontier, tied ones included (parley_analysis_tie_get).
   * This visits every package, whatever the method, so the space must fit max_outcomes. */
  int all_ties;
  /* Give up (PARLEY_ERR_LIMIT) when the Pareto frontier, or a partial frontier a method builds
   * on the way, holds more utility vectors than this (0 = PARLEY_DEFAULT_MAX_FRONTIER). Work and
   * memory grow with the frontier; spaces where nearly every package is on it (many parties
   * with unrelated preferences) reach the limit instead of running for hours. */
  uint64_t max_frontier;
} parley_analysis_options;

typedef struct parley_analysis parley_analysis;

/* METHOD: parley_scenario — 0 if the outcome space fits the enumeration limit (0 = the
 * default); otherwise PARLEY_ERR_LIMIT with a message, positioned at the issues list, that says
 * what to do instead. parley_analyze makes the same check when it enumerates. */
PARLEY_API int parley_outcome_count_check(const parley_scenario *sc, uint64_t max_outcomes,
                                          parley_error *err);

/* METHOD: parley_scenario — the method parley_analyze would use with these options (NULL:
 * defaults), or an error that says why none can: PARLEY_ERR_LIMIT (too many packages to
 * enumerate and no exact method applies) or PARLEY_ERR_INVALID (the method asked for does not
 * apply). With auto on a space that fits max_outcomes, PARLEY_METHOD_ADDITIVE means that
 * parley_analyze tries the additive method first and enumerates when it proves dearer. */
PARLEY_API int parley_analysis_plan(const parley_scenario *sc, const parley_analysis_options *options,
                                    parley_method *method_out, parley_error *err);

/* CONSTRUCTOR: parley_analysis — analyses the whole outcome space of the scenario. options may
 * be NULL. On success *out owns the result, which refers to sc: keep sc alive while using it.
 * Fails with PARLEY_ERR_CANCELLED when the progress callback says stop. */
PARLEY_API int parley_analyze(const parley_scenario *sc, const parley_analysis_options *options,
                              parley_analysis **out, parley_error *err);
/* DESTRUCTOR: parley_analysis */
PARLEY_API void parley_analysis_free(parley_analysis *an);

/* METHOD: parley_analysis — the scenario analysed. */
PARLEY_API const parley_scenario *parley_analysis_scenario(const parley_analysis *an);
/* METHOD: parley_analysis — the number of outcomes, saturating at UINT64_MAX. */
PARLEY_API uint64_t parley_analysis_outcome_count(const parley_analysis *an);
/* METHOD: parley_analysis — the method that ran, and the nodes the exact search visited
 * (boxes), the merges it made (additive), or 0 (enumeration). */
PARLEY_API parley_method parley_analysis_method(const parley_analysis *an);
PARLEY_API uint64_t parley_analysis_search_nodes(const parley_analysis *an);

/* METHOD: parley_analysis — per party, over the outcomes that cross none of that party's own
 * red lines: the best (ideal) package, its utility, and the lowest utility (NaN when the exact
 * search could not establish it). Returns 0, or PARLEY_ERR_INVALID if every outcome crosses one
 * of the party's red lines. package_out may be NULL; otherwise it receives parley_issue_count
 * entries. */
PARLEY_API int parley_analysis_party_range(const parley_analysis *an, size_t party, uint32_t *package_out,
                                           double *ideal_out, double *min_out);

/* METHOD: parley_analysis — mean utility over all outcomes for one party, or over all parties
 * and outcomes when party is PARLEY_NONE (the "mean utility" the ANAC literature quotes). */
PARLEY_API double parley_analysis_mean_utility(const parley_analysis *an, size_t party);

/* METHOD: parley_analysis — opposition: the smallest Euclidean distance from an outcome's
 * utility vector to the point (1, ..., 1) of complete satisfaction, over all outcomes
 * (Baarslag et al. 2013). 0 means some outcome satisfies everyone fully; larger means more
 * opposed. NaN when the exact search could not establish it (only when a party's utility can
 * exceed 1). */
PARLEY_API double parley_analysis_opposition(const parley_analysis *an);

/* METHOD: parley_analysis — the number of feasible outcomes (acceptable to every party). The
 * exact methods count them only when every package free of red lines meets every reservation
 * (then all packages, or, with the additive method and red lines, the product of the groups'
 * combinations free of red lines, when it fits in 64 bits); otherwise the count is UINT64_MAX
 * and parley_analysis_feasible_known gives 0. 0 is always known. */
PARLEY_API uint64_t parley_analysis_feasible_count(const parley_analysis *an);
PARLEY_API int parley_analysis_feasible_known(const parley_analysis *an);

/* METHOD: parley_analysis — when nothing is feasible: the smallest group of parties whose
 * constraints (red lines and reservation values) together leave no outcome, as a bit mask over
 * party indices (bit p = party p), lowest party indices first among groups of the same size.
 * Returns 0 and sets *mask, or PARLEY_ERR_INVALID when a deal is feasible or the group was not
 * computed (more than PARLEY_BLOCKING_MAX_PARTIES parties; or, with the additive method and red
 * lines, when finding it would take more than 64 further runs of the method). */
PARLEY_API int parley_analysis_blocking_group(const parley_analysis *an, uint64_t *mask);

/* METHOD: parley_analysis — the Pareto frontier of the feasible set: the utility vectors of
 * feasible packages that no feasible package dominates, each once, with how many packages reach
 * it and one of them, its witness. Vectors are listed by their witness's outcome index (the
 * order of the packages read as numbers, issue 0 most significant); the witness is the first
 * package of its vector in that order (with the box search, one package of it, unless all_ties
 * was asked for). */
PARLEY_API size_t parley_analysis_frontier_count(const parley_analysis *an);
/* METHOD: parley_analysis — the i-th frontier vector's witness package (package_out gets
 * parley_issue_count entries; may be NULL) and its outcome index (UINT64_MAX when the index does
 * not fit 64 bits). Returns 0, or PARLEY_ERR_ARG if i is out of range. */
PARLEY_API int parley_analysis_frontier_get(const parley_analysis *an, size_t i, uint32_t *package_out,
                                            uint64_t *index_out);
/* METHOD: parley_analysis — the i-th frontier vector's utility for a party (NaN if out of
 * range). */
PARLEY_API double parley_analysis_frontier_utility(const parley_analysis *an, size_t i, size_t party);
/* METHOD: parley_analysis — the whole frontier at once, for bindings and plotting: every
 * vector's utilities into out (frontier_count x party_count doubles, row by row), and every
 * witness package into packages_out (frontier_count x issue_count options, row by row); either
 * may be NULL. */
PARLEY_API void parley_analysis_frontier_matrix(const parley_analysis *an, double *out, uint32_t *packages_out);
/* METHOD: parley_analysis — how many feasible packages reach the i-th frontier vector, and how
 * many reach the frontier in all: 0 when the method did not count them (the box search, unless
 * all_ties), UINT64_MAX when the count does not fit 64 bits. */
PARLEY_API uint64_t parley_analysis_frontier_packages(const parley_analysis *an, size_t i);
PARLEY_API uint64_t parley_analysis_frontier_package_total(const parley_analysis *an);
/* METHOD: parley_analysis — with all_ties: every package on the frontier, by increasing outcome
 * index (parley_analysis_tie_count of them; 0 without all_ties). parley_analysis_tie_get gives
 * the k-th (package_out and index_out as above, either may be NULL) and returns the frontier
 * index of the vector it reaches, or PARLEY_NONE when k is out of range. */
PARLEY_API uint64_t parley_analysis_tie_count(const parley_analysis *an);
PARLEY_API size_t parley_analysis_tie_get(const parley_analysis *an, uint64_t k, uint32_t *package_out,
                                          uint64_t *index_out);

typedef enum parley_solution {
  PARLEY_NASH = 0,            /* maximise prod_p (U_p - r_p) */
  PARLEY_KALAI_SMORODINSKY,   /* maximise min_p (U_p - r_p) / (ideal_p - r_p) */
  PARLEY_EGALITARIAN,         /* maximise min_p (U_p - r_p) */
  PARLEY_UTILITARIAN,         /* maximise sum_p U_p */
  PARLEY_KS_UNNORMALISED,     /* the frontier point with the smallest max_p U_p - min_p U_p:
                                 for two parties the smallest |U_1 - U_2|, the "Kalai point" of
                                 the ANAC literature (Baarslag, Hindriks & Jonker 2014) */
  PARLEY_NASH_WEIGHTED,       /* the asymmetric Nash solution: maximise prod_p (U_p - r_p)^w_p,
                                 w_p a party's power over the sum of powers; the only solution
                                 that uses power (with equal powers, the Nash solution) */
  PARLEY_SOLUTION_COUNT
} parley_solution;

/* FUNCTION: "nash", "kalai_smorodinsky", "egalitarian", "utilitarian",
 * "kalai_smorodinsky_unnormalised", "nash_weighted". */
PARLEY_API const char *parley_solution_name(parley_solution s);
/* FUNCTION: 1 if the solution depends on the parties' power (only PARLEY_NASH_WEIGHTED). */
PARLEY_API int parley_solution_uses_power(parley_solution s);

/* METHOD: parley_analysis — the frontier index of a solution, or PARLEY_NONE when nothing is
 * feasible. */
PARLEY_API size_t parley_analysis_solution(const parley_analysis *an, parley_solution s);


/* METHOD: parley_analysis — party's verdict on framework fw. Returns 0 or PARLEY_ERR_ARG. */
PARLEY_API int parley_analysis_framework_acceptance(const parley_analysis *an, size_t fw, size_t party,
                                                    parley_acceptance *out);
/* METHOD: parley_analysis — 1 if the framework is feasible and no feasible package
 * Pareto-dominates it. */
PARLEY_API int parley_analysis_framework_on_frontier(const parley_analysis *an, size_t fw);
/* METHOD: parley_analysis — the number of frontier packages that Pareto-dominate the framework,
 * and the i-th of them as a frontier index (in decreasing order of total utility gain; ties in
 * frontier order), or PARLEY_NONE; with its gain, the sum over parties of its utility minus
 * the framework's. */
PARLEY_API size_t parley_analysis_framework_dominator_count(const parley_analysis *an, size_t fw);
/* METHOD: parley_analysis — for a framework some party rejects, the best one-line amendment:
 * the package that changes one issue of it and that every party accepts, the one that costs
 * the drafters least (parley_amend with max_changes 1; *loss what they lose, *count how many
 * one-issue changes every party accepts); NULL when there is none, or the framework is
 * accepted as it stands. */
PARLEY_API const uint32_t *parley_analysis_framework_amendment(const parley_analysis *an, size_t fw, double *loss,
                                                               uint64_t *count);
PARLEY_API size_t parley_analysis_framework_dominator_get(const parley_analysis *an, size_t fw, size_t i,
                                                          double *gain_out);

/* METHOD: parley_analysis — concessions at the Nash package: for a party, the issues on which
 * the Nash package differs from the party's ideal and that cost the party something, and what
 * each costs it in utility (its weighted value at the ideal option minus at the Nash option; an
 * issue it gives no weight, or whose two options it values alike, is not listed). Interaction
 * terms are not assigned to an issue: parley_analysis_concession_interactions gives what they
 * account for, and parley_analysis_concession_total the whole utility given up (the sum of the
 * costs and the interactions' part, exactly). */
PARLEY_API size_t parley_analysis_concession_count(const parley_analysis *an, size_t party);
PARLEY_API int parley_analysis_concession_get(const parley_analysis *an, size_t party, size_t i,
                                              size_t *issue_out, uint32_t *ideal_option_out,
                                              uint32_t *nash_option_out, double *cost_out);
PARLEY_API double parley_analysis_concession_total(const parley_analysis *an, size_t party);
PARLEY_API double parley_analysis_concession_interactions(const parley_analysis *an, size_t party);

/* ---------------------------------------------------------------------------------------- */
/* Amendments: the smallest change to a draft that every party accepts                       */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_amend_options {
  /* the parties whose loss ranks the amendments (indices), or NULL: the drafters a mediation
   * section names (the drafting mediator's own party and the parties it drafts with), else
   * every party */
  const size_t *keep_for;
  size_t n_keep_for;
  /* how many amendments to keep (0: 5) */
  size_t top;
  /* the most issues an amendment may change (0: any number) */
  size_t max_changes;
  /* progress and cancellation (may be NULL): see parley_progress_fn */
  parley_progress_fn progress;
  void *progress_user;
} parley_amend_options;

/* FUNCTION: options with the defaults: the top 5, any number of changes, the default drafters. */
PARLEY_API void parley_amend_defaults(parley_amend_options *o);

typedef struct parley_amendments parley_amendments;

/* CONSTRUCTOR: parley_amendments — the packages every party accepts (no red line crossed,
 * utility at least its reservation) that change the fewest issues of draft (one option per
 * issue), ranked by what the keep_for parties lose: the sum of their utility of the draft minus
 * their utility of the amendment, least first, then in package order (issue 0 most
 * significant); the first `top` of them. Exact on every scenario: a search over the issues
 * changed, evaluating each package it keeps exactly (docs/semantics.md, "Amendments"); its
 * work grows with the number of ways to change that many issues, not with the outcome space.
 * A draft every party accepts is its own amendment, with 0 changes. Fails with
 * PARLEY_ERR_CANCELLED when the progress callback says stop. */
PARLEY_API int parley_amend(const parley_scenario *sc, const uint32_t *draft, const parley_amend_options *options,
                            parley_amendments **out, parley_error *err);
/* DESTRUCTOR: parley_amendments. */
PARLEY_API void parley_amendments_free(parley_amendments *a);
/* METHOD: parley_amendments — the scenario (keep it alive) and the draft. */
PARLEY_API const parley_scenario *parley_amendments_scenario(const parley_amendments *a);
PARLEY_API const uint32_t *parley_amendments_draft(const parley_amendments *a);
/* METHOD: parley_amendments — the fewest issues an acceptable package changes, or PARLEY_NONE
 * when none within parley_amendments_max_changes is (then there are no amendments). */
PARLEY_API size_t parley_amendments_changes(const parley_amendments *a);
PARLEY_API size_t parley_amendments_max_changes(const parley_amendments *a);
/* METHOD: parley_amendments — how many acceptable packages change that many issues, and how
 * many packages the search evaluated. */
PARLEY_API uint64_t parley_amendments_found(const parley_amendments *a);
PARLEY_API uint64_t parley_amendments_visited(const parley_amendments *a);
/* METHOD: parley_amendments — the amendments kept, in ranking order: amendment k's package (NULL
 * out of range) and the keep_for parties' loss (negative: they gain). */
PARLEY_API size_t parley_amendments_count(const parley_amendments *a);
PARLEY_API const uint32_t *parley_amendments_package(const parley_amendments *a, size_t k);
PARLEY_API double parley_amendments_loss(const parley_amendments *a, size_t k);
/* METHOD: parley_amendments — 1 when party's loss counts in the ranking. */
PARLEY_API int parley_amendments_keeps_for(const parley_amendments *a, size_t party);

/* Called for each package a visit finds: its outcome index (issues in order, the last one
 * fastest) and the package. Returns 0 to go on; anything else stops the visit. */
typedef int (*parley_package_fn)(void *user, uint64_t index, const uint32_t *package);

/* METHOD: parley_scenario — calls fn for every package every party accepts (no red line crossed,
 * utility at least the reservation, compared exactly), in outcome order. Visits every package,
 * so the space must fit options->max_outcomes (options may be NULL: the defaults); its progress
 * callback may cancel (PARLEY_ERR_CANCELLED). fn returning a positive number stops the visit
 * with 0; a negative one is returned. */
PARLEY_API int parley_feasible_each(const parley_scenario *sc, const parley_analysis_options *options, parley_package_fn fn,
                                    void *user, parley_error *err);

/* ---------------------------------------------------------------------------------------- */
/* The deal over time                                                                        */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_timeline parley_timeline;

/* CONSTRUCTOR: parley_timeline — the scenario at steps + 1 evenly spaced times over its clock
 * (parley_scenario_at; steps 0: 12), each analysed with options (NULL: defaults): whether a deal
 * exists (the feasible set's size), the Nash package and its utilities, and whether every party
 * accepts each framework; and the windows of time in which a deal exists and in which each
 * framework is acceptable to all, their ends found by bisection between steps (docs/semantics.md,
 * "The deal over time"). */
PARLEY_API int parley_timeline_run(const parley_scenario *sc, size_t steps, const parley_analysis_options *options,
                                   parley_timeline **out, parley_error *err);
/* DESTRUCTOR: parley_timeline. */
PARLEY_API void parley_timeline_free(parley_timeline *tl);
PARLEY_API const parley_scenario *parley_timeline_scenario(const parley_timeline *tl);
/* METHOD: parley_timeline — the times (steps + 1 of them) and, at time k: the feasible packages
 * (*known 0 when the method could not count them), the Nash package (NULL: no deal) and a
 * party's utility of it, and whether every party accepts framework f. */
PARLEY_API size_t parley_timeline_count(const parley_timeline *tl);
PARLEY_API double parley_timeline_time(const parley_timeline *tl, size_t k);
PARLEY_API uint64_t parley_timeline_feasible(const parley_timeline *tl, size_t k, int *known);
PARLEY_API const uint32_t *parley_timeline_nash(const parley_timeline *tl, size_t k);
PARLEY_API double parley_timeline_nash_utility(const parley_timeline *tl, size_t k, size_t party);
PARLEY_API int parley_timeline_framework_accepted(const parley_timeline *tl, size_t k, size_t f);
/* METHOD: parley_timeline — the windows in which framework f (PARLEY_NONE: some deal) is
 * acceptable to every party, in order: window w runs from *from to *to. */
PARLEY_API size_t parley_timeline_window_count(const parley_timeline *tl, size_t f);
PARLEY_API int parley_timeline_window(const parley_timeline *tl, size_t f, size_t w, double *from, double *to);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_ANALYSIS_H */
