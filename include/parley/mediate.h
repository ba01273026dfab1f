/* parley/mediate.h — mediation procedures: how a mediator turns the parties' interests into one
 * text. First, Brams and Taylor's Adjusted Winner for two parties dividing items.
 *
 * Every figure a procedure reports is exact: points are read as fractions (0.1 is 1/10), and
 * shares and totals are fractions of 64-bit integers, with doubles alongside for convenience. */
#ifndef PARLEY_MEDIATE_H
#define PARLEY_MEDIATE_H

#include <stddef.h>
#include <stdint.h>

#include "parley/base.h"

#ifdef __cplusplus
extern "C" {
#endif

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
 * is better for one and no worse for the other), with at most one item split. */
typedef struct parley_adjusted_winner parley_adjusted_winner;

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
