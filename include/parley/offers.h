/*
 * parley/offers.h — the offer index: the questions a negotiating agent or a mediator asks every
 * round. Every outcome, sorted by one party's utility: the outcomes whose utility for that
 * party lies in [lo, hi] are found by binary search, and the best of them for an opponent by a
 * scan of that window only (two table lookups per outcome). Memory: 16 bytes per outcome kept,
 * twice that while building.
 */
#ifndef PARLEY_OFFERS_H
#define PARLEY_OFFERS_H

#include "parley/base.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PARLEY_DEFAULT_MAX_INDEXED ((uint64_t)10000000) /* 10^7 */

typedef struct parley_offer_index parley_offer_index;

/* CONSTRUCTOR: parley_offer_index — indexes the outcomes for `party` (refuses spaces over
 * max_outcomes; 0 = PARLEY_DEFAULT_MAX_INDEXED). Outcomes crossing the party's own red lines
 * are left out. The index refers to the scenario, which must outlive it. */
PARLEY_API int parley_offer_index_build(const parley_scenario *sc, size_t party, uint64_t max_outcomes,
                                        parley_offer_index **out, parley_error *err);
/* DESTRUCTOR: parley_offer_index */
PARLEY_API void parley_offer_index_free(parley_offer_index *ix);
/* METHOD: parley_offer_index — the scenario and the party it indexes. */
PARLEY_API const parley_scenario *parley_offer_index_scenario(const parley_offer_index *ix);
PARLEY_API size_t parley_offer_index_party(const parley_offer_index *ix);
/* METHOD: parley_offer_index — the number of outcomes indexed. */
PARLEY_API size_t parley_offer_index_count(const parley_offer_index *ix);
/* METHOD: parley_offer_index — the outcomes with utility in [lo, hi]: positions [*first,
 * *first + count) of the order by increasing utility; returns count. The bounds are included
 * with a slack of 10^-9, so that a utility that is lo or hi but for the rounding of its terms
 * (docs/semantics.md) is in; a bound at or beyond -10^6 or 10^6 (infinities included) leaves
 * that side open. */
PARLEY_API size_t parley_offer_index_range(const parley_offer_index *ix, double lo, double hi, size_t *first);
/* METHOD: parley_offer_index — the k-th outcome by increasing utility: its package (may be
 * NULL) and utility. Returns 0 or PARLEY_ERR_ARG. */
PARLEY_API int parley_offer_index_get(const parley_offer_index *ix, size_t k, uint32_t *package_out,
                                      double *utility_out);

/* An additive opponent model: a weight per issue and a value per option (NULL for an issue
 * the opponent ignores); utility = sum_i weight[i] * value[i][option]. */
typedef struct parley_opponent_model {
  const double *weight;
  const double *const *value;
} parley_opponent_model;

/* METHOD: parley_offer_index — among the outcomes with utility in [lo, hi] for the indexed
 * party, the one the opponent model values most (ties: the higher own utility, then the lower
 * outcome index). The model's terms weight[i] * value[i][o] are rounded to multiples of 2^-40,
 * as scenario utilities are, so its sums are exact. Returns 0, or PARLEY_ERR_INVALID when the
 * window is empty. */
PARLEY_API int parley_offer_index_best(const parley_offer_index *ix, double lo, double hi,
                                       const parley_opponent_model *model, uint32_t *package_out,
                                       double *own_out, double *opponent_out);

/* METHOD: parley_offer_index — the same with another party of the scenario as the opponent, its
 * full utility (interaction terms included): outcomes crossing that party's red lines are
 * passed over. Returns PARLEY_ERR_INVALID when the window is empty or the party rejects all of
 * it. */
PARLEY_API int parley_offer_index_best_party(const parley_offer_index *ix, double lo, double hi,
                                             size_t party, uint32_t *package_out, double *own_out,
                                             double *opponent_out);

/* One question to the index, as parley_report_offers answers it. */
typedef struct parley_offer_query {
  double lo, hi;     /* the window on the indexed party's utility (-INFINITY/INFINITY: open) */
  size_t opponent;   /* a party whose best package of the window to give, or PARLEY_NONE */
  uint64_t limit;    /* list at most this many packages of the window, highest first
                        (UINT64_MAX: all) */
  size_t line;       /* > 0: the line of a query stream it came from, echoed in the answer */
  const char *error; /* not NULL: the query could not be read; the answer says why */
} parley_offer_query;

/* FUNCTION: reads one line of a query stream, "LO HI [OPPONENT]" (OPPONENT a party id or its
 * number from 1), into q->lo, q->hi and q->opponent (left as it is when not given, and so are
 * the other fields). Returns 0; 1 for a blank line or a comment (starting with '#'), which has
 * no query; or PARLEY_ERR_INVALID with err->message saying what is wrong (q unchanged). */
PARLEY_API int parley_offer_query_parse(const char *line, const parley_scenario *sc, parley_offer_query *q,
                                        parley_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_OFFERS_H */
