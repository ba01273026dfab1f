/* parley/mediate.h — mediation procedures: how a mediator turns the parties' interests into one
 * text. First, Brams and Taylor's Adjusted Winner for two parties dividing items.
 *
 * Every figure a procedure reports is exact: points are read as fractions (0.1 is 1/10), and
 * shares and totals are fractions of 64-bit integers, with doubles alongside for convenience. */
#ifndef PARLEY_MEDIATE_H
#define PARLEY_MEDIATE_H

#include <stddef.h>
#include <stdint.h>

#include "parley/analysis.h"
#include "parley/base.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------- */
/* The mediator's view, and drafting on it                                                  */
/* ---------------------------------------------------------------------------------------- */

/* The procedures (docs/semantics.md, "Mediation procedures"): code, name, what it does. */
#define PARLEY_PROCEDURE_MAP(XX)                                                                          \
  XX(SINGLE_TEXT, "single-text",                                                                          \
     "Raiffa's single negotiating text: the parties consulted name the change they most want, and the "     \
     "mediator adopts the one that most raises the least satisfied of them, until no one can gain")        \
  XX(LEAST_SATISFIED, "least-satisfied",                                                                  \
     "each step the least satisfied party of the view names the change it most wants that keeps it at or " \
     "above its reservation, and the mediator adopts it")                                                  \
  XX(NASH, "nash", "the Nash package of the mediator's view, drafted at once (exact, through the analysis)") \
  XX(VETO, "veto",                                                                                        \
     "a baseline: a random text each step, adopted when every party consulted prefers it (seeded)")        \
  XX(HILL_CLIMB, "hill-climb",                                                                            \
     "a baseline: one issue moved to a random other option, adopted when it raises the least satisfied "   \
     "party consulted (seeded)")                                                                            \
  XX(ADJUSTED_WINNER, "adjusted-winner",                                                                  \
     "Brams and Taylor's Adjusted Winner between the two parties of the view: each issue an item whose "    \
     "options name who gets it, each party's weights its points; equitable, envy-free, efficient")

typedef enum parley_procedure {
#define PARLEY_PROCEDURE_ENUM_(suffix, name, doc) PARLEY_PROCEDURE_##suffix,
  PARLEY_PROCEDURE_MAP(PARLEY_PROCEDURE_ENUM_)
#undef PARLEY_PROCEDURE_ENUM_
  PARLEY_PROCEDURE_COUNT
} parley_procedure;

/* FUNCTION: a procedure's name ("nash"), or NULL. */
PARLEY_API const char *parley_procedure_name(parley_procedure p);
/* FUNCTION: what a procedure does, in a sentence, or NULL. */
PARLEY_API const char *parley_procedure_doc(parley_procedure p);
/* FUNCTION: the procedure of that name, or -1. */
PARLEY_API int parley_procedure_find(const char *name);

typedef struct parley_mediate_options {
  parley_procedure procedure;
  /* who drafts: a mediator index (parley_mediator_find), or PARLEY_NONE for the scenario's
   * drafting mediator (without a mediation section: an outside mediator drafting with every
   * party) */
  size_t mediator;
  /* whose input it takes: party indices, or NULL for the scenario's drafts_with */
  const size_t *drafts_with;
  size_t n_drafts_with;
  /* nash: the asymmetric Nash package, the parties' powers as exponents */
  int power;
  /* single-text: the framework to start from (PARLEY_NONE: the first framework, else the view's
   * Kalai-Smorodinsky package), and the most steps (0: 100) */
  size_t from;
  size_t max_steps;
  /* single-text and the baselines: shuttle diplomacy, the mediator hearing one party per step
   * (docs/semantics.md), instead of every party as often as its channel distance allows */
  int shuttle;
  /* veto, hill-climb: the seed of their random draws (the same seed, the same steps) */
  uint64_t seed;
  /* how the view is analysed (method, limits, threads, progress) */
  parley_analysis_options analysis;
} parley_mediate_options;

/* FUNCTION: options with the defaults: single-text from the first framework, at most 100 steps,
 * seed 1, the scenario's mediator and drafting group. */
PARLEY_API void parley_mediate_defaults(parley_mediate_options *o);

/* FUNCTION: the mediator's view (docs/semantics.md): a scenario of the parties the drafting
 * mediator takes input from (drafts_with, NULL: the scenario's) and of itself when it is a
 * party, with their true profiles, and of the other parties it holds a belief about, as it
 * believes them; the scenario's issues and frameworks; no one else. parties_out and
 * believed_out (parley_party_count(sc) entries each, either may be NULL) receive, for each party
 * of the view in order, its index in sc and 1 when the view holds the mediator's belief about
 * it rather than the party's own profile; *n_out their number. Errors: a party to draft with
 * that no channel path joins to the mediator (PARLEY_ERR_INVALID), bad indices
 * (PARLEY_ERR_ARG). */
PARLEY_API int parley_mediation_view(const parley_scenario *sc, size_t mediator, const size_t *drafts_with,
                                     size_t n_drafts_with, parley_scenario **view, size_t *parties_out,
                                     unsigned char *believed_out, size_t *n_out, parley_error *err);

typedef struct parley_mediation_result parley_mediation_result;

/* CONSTRUCTOR: parley_mediation_result — drafts a text by the procedure on the mediator's view,
 * then judges it against every party's true profile. A view with no feasible package gives no
 * text (parley_mediation_result_package NULL), which is a result, not an error. */
PARLEY_API int parley_mediate(const parley_scenario *sc, const parley_mediate_options *options,
                              parley_mediation_result **out, parley_error *err);
/* DESTRUCTOR: parley_mediation_result. */
PARLEY_API void parley_mediation_result_free(parley_mediation_result *r);
/* METHOD: parley_mediation_result — the scenario it judged (keep it alive while using the
 * result). */
PARLEY_API const parley_scenario *parley_mediation_result_scenario(const parley_mediation_result *r);
/* METHOD: parley_mediation_result — the procedure and the drafting mediator (PARLEY_NONE: an
 * implicit outside mediator, the scenario having no mediation section). */
PARLEY_API parley_procedure parley_mediation_result_procedure(const parley_mediation_result *r);
PARLEY_API size_t parley_mediation_result_mediator(const parley_mediation_result *r);
/* METHOD: parley_mediation_result — the parties in the mediator's view (indices of the
 * scenario), in order. */
PARLEY_API size_t parley_mediation_result_view_count(const parley_mediation_result *r);
PARLEY_API size_t parley_mediation_result_view_party(const parley_mediation_result *r, size_t k);
/* METHOD: parley_mediation_result — the final text, one option per issue, or NULL when the
 * view had no feasible package. */
PARLEY_API const uint32_t *parley_mediation_result_package(const parley_mediation_result *r);
/* METHOD: parley_mediation_result — party's true verdict on the text (utility, reservation,
 * shortfall, red lines crossed, accepts). PARLEY_ERR_ARG without a text or a party. */
PARLEY_API int parley_mediation_result_verdict(const parley_mediation_result *r, size_t party, parley_acceptance *out);
/* What a party consulted at a step asked for: a change of n_changed issues (0: it could gain by
 * no admissible change), in the text it was shown. */
typedef struct parley_mediation_wish {
  size_t party;
  int n_changed;
  size_t issue[2];
  uint32_t option[2];
} parley_mediation_wish;

/* One step of a drafting procedure: the parties consulted, what each asked for, and the change
 * adopted. */
typedef struct parley_mediation_step {
  uint64_t consulted;    /* one bit per party of the scenario */
  size_t proposer;       /* the party whose change was adopted, or PARLEY_NONE (nothing adopted,
                            or a baseline's own draw) */
  int n_changed;         /* issues the step changed (0: nothing adopted) */
  size_t issue[2];       /* the first two of them */
  uint32_t option[2];
  const uint32_t *text;  /* the text after the step (parley_issue_count entries) */
  size_t n_wishes;       /* single-text and least-satisfied: one wish per party consulted, in */
  const parley_mediation_wish *wishes; /* the scenario's order; the baselines: none */
} parley_mediation_step;

/* Why a stepping procedure stopped. */
typedef enum parley_mediation_stop {
  PARLEY_STOP_SETTLED = 0, /* no party consulted wanted an admissible change */
  PARLEY_STOP_LIMIT,       /* the step limit */
  PARLEY_STOP_CYCLE        /* an adopted change brought back an earlier text */
} parley_mediation_stop;

/* METHOD: parley_mediation_result — why the procedure stopped (SETTLED for nash). */
PARLEY_API parley_mediation_stop parley_mediation_result_stop(const parley_mediation_result *r);

/* METHOD: parley_mediation_result — the text the procedure started from (NULL for nash, or
 * when there was none), and its steps. */
PARLEY_API const uint32_t *parley_mediation_result_start(const parley_mediation_result *r);
PARLEY_API size_t parley_mediation_result_step_count(const parley_mediation_result *r);
PARLEY_API int parley_mediation_result_step(const parley_mediation_result *r, size_t k, parley_mediation_step *out);

/* METHOD: parley_mediation_result — 1 when the mediator's view held its belief about party (a
 * party it does not hear), 0 otherwise. */
PARLEY_API int parley_mediation_result_believed(const parley_mediation_result *r, size_t party);
/* METHOD: parley_mediation_result — party's verdict on the text as the mediator's view expects
 * it: the true one for a party it hears, by its belief for one it believes. PARLEY_ERR_ARG
 * without a text, or for a party outside the view. */
PARLEY_API int parley_mediation_result_expected(const parley_mediation_result *r, size_t party, parley_acceptance *out);
/* METHOD: parley_mediation_result — adjusted-winner: the division (A the first party of the
 * view, B the second; items the issues); NULL for the other procedures. The text gives each
 * item to the party that holds it, the split one to the party with the larger share (A on a
 * tie). */
typedef struct parley_adjusted_winner parley_adjusted_winner;
PARLEY_API const parley_adjusted_winner *parley_mediation_result_adjusted_winner(const parley_mediation_result *r);
/* METHOD: parley_mediation_result — 1 when every party accepts the text by its true profile. */
PARLEY_API int parley_mediation_result_all_accept(const parley_mediation_result *r);

/* ---------------------------------------------------------------------------------------- */
/* What exclusion costs: the same drafting with other groups and mediators                   */
/* ---------------------------------------------------------------------------------------- */

typedef enum parley_variant_kind {
  PARLEY_VARIANT_DECLARED = 0, /* the scenario's drafting group (or the one asked for) */
  PARLEY_VARIANT_EVERYONE,     /* every party */
  PARLEY_VARIANT_PLUS,         /* the declared group and one party left out of it */
  PARLEY_VARIANT_ALL_BUT,      /* every party but one */
  PARLEY_VARIANT_MEDIATOR      /* another mediator drafting with the declared group */
} parley_variant_kind;

typedef struct parley_mediation_comparison parley_mediation_comparison;

/* CONSTRUCTOR: parley_mediation_comparison — drafts the same way (options) with: the declared
 * group; everyone; the declared group plus each party left out of it; everyone but each party
 * (not the mediator's own); and each other mediator of the scenario with the declared group.
 * A variant whose mediator cannot hear a party of its group keeps the reason instead of a
 * result. */
PARLEY_API int parley_mediate_compare(const parley_scenario *sc, const parley_mediate_options *options,
                                      parley_mediation_comparison **out, parley_error *err);
/* DESTRUCTOR: parley_mediation_comparison. */
PARLEY_API void parley_mediation_comparison_free(parley_mediation_comparison *c);
/* METHOD: parley_mediation_comparison — the variants, in the order above. */
PARLEY_API size_t parley_comparison_count(const parley_mediation_comparison *c);
PARLEY_API parley_variant_kind parley_comparison_kind(const parley_mediation_comparison *c, size_t k);
/* The party added (PLUS) or left out (ALL_BUT), or the mediator (MEDIATOR); PARLEY_NONE else. */
PARLEY_API size_t parley_comparison_subject(const parley_mediation_comparison *c, size_t k);
/* The variant's result, or NULL when it could not be drafted (parley_comparison_error says why). */
PARLEY_API const parley_mediation_result *parley_comparison_result(const parley_mediation_comparison *c, size_t k);
PARLEY_API const char *parley_comparison_error(const parley_mediation_comparison *c, size_t k);
/* The Euclidean distance, in the parties' true utilities, from the variant's text to the Nash
 * package of the whole scenario (full information); NaN without one or the other. */
PARLEY_API double parley_comparison_nash_distance(const parley_mediation_comparison *c, size_t k);
/* What keeping party out of the drafting costs it: its true utility of the text drafted with
 * everyone minus that of the text drafted with everyone but it (NaN when either has no text, or
 * for the mediator's own party). */
PARLEY_API double parley_comparison_exclusion_cost(const parley_mediation_comparison *c, size_t party);
PARLEY_API const parley_scenario *parley_comparison_scenario(const parley_mediation_comparison *c);

/* ---------------------------------------------------------------------------------------- */
/* Adjusted Winner (Brams & Taylor 1996, "Fair Division", ch. 4)                            */
/* ---------------------------------------------------------------------------------------- */

/* The most items Adjusted Winner divides. */
#define PARLEY_AW_MAX_ITEMS 256

/* Two parties, A and B, each spread points over n items (any numbers >= 0, not all 0; each
 * side's points are scaled to add up to 100, exactly). Each item first goes to the party that
 * gives it more points (a tie to A). Then the party ahead in its own points hands items to the
 * other, those where its advantage is smallest first (the ratio of its points to the other's,
 * lowest first; equal ratios in item order), until one whole item more would put it behind:
 * that item is split so that both end with the same points. The result is envy-free (each
 * values its share at 50 or more), equitable (equal points) and efficient (no other division
 * is better for one and no worse for the other), with at most one item split. (The type is
 * declared above, with the mediation result.) */

/* CONSTRUCTOR: parley_adjusted_winner — divides n items (1 to PARLEY_AW_MAX_ITEMS) by points_a
 * and points_b. Returns 0; PARLEY_ERR_ARG for n out of range or NULL arrays; PARLEY_ERR_INVALID
 * for a negative or non-finite point or a side whose points are all 0 (err says which);
 * PARLEY_ERR_LIMIT when the points are too fine for exact fractions of 64-bit integers;
 * PARLEY_ERR_NOMEM. */
PARLEY_API int parley_adjusted_winner_run(const double *points_a, const double *points_b, size_t n,
                                          parley_adjusted_winner **out, parley_error *err);
/* DESTRUCTOR: parley_adjusted_winner (NULL is fine). */
PARLEY_API void parley_adjusted_winner_free(parley_adjusted_winner *aw);

/* METHOD: parley_adjusted_winner — the number of items. */
PARLEY_API size_t parley_adjusted_winner_item_count(const parley_adjusted_winner *aw);
/* METHOD: parley_adjusted_winner — A's share of item i as num/den in lowest terms: 1/1 (A has
 * it), 0/1 (B has it), or the split between; B has the rest. 0/0 for i out of range. */
PARLEY_API void parley_adjusted_winner_share(const parley_adjusted_winner *aw, size_t item, int64_t *num, int64_t *den);
/* METHOD: parley_adjusted_winner — A's share of item i as a double (NaN out of range). */
PARLEY_API double parley_adjusted_winner_share_value(const parley_adjusted_winner *aw, size_t item);
/* METHOD: parley_adjusted_winner — the item split between A and B, or PARLEY_NONE when every
 * item went whole to one side. */
PARLEY_API size_t parley_adjusted_winner_split(const parley_adjusted_winner *aw);
/* METHOD: parley_adjusted_winner — party p's points (0: A, 1: B) in its own measure, out of
 * 100, as num/den in lowest terms (equal for the two). */
PARLEY_API void parley_adjusted_winner_points(const parley_adjusted_winner *aw, int party, int64_t *num, int64_t *den);
/* METHOD: parley_adjusted_winner — party p's points as a double. */
PARLEY_API double parley_adjusted_winner_points_value(const parley_adjusted_winner *aw, int party);
/* METHOD: parley_adjusted_winner — the item's points (0: A, 1: B), scaled to 100 a side, as
 * num/den. */
PARLEY_API void parley_adjusted_winner_item_points(const parley_adjusted_winner *aw, size_t item, int party,
                                                   int64_t *num, int64_t *den);

#ifdef __cplusplus
}
#endif

#endif
