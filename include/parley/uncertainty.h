/* parley/uncertainty.h — uncertain preferences: the numbers of a profile a distribution stands
 * for (docs/scenario-format.md, "Uncertainty"), and the probability that a package is accepted
 * when they are drawn (docs/semantics.md, "Acceptance under uncertainty"). Deterministic
 * functions elsewhere use each distribution's mean. Draws come from a generator seeded
 * explicitly: the same seed gives the same numbers, whatever the thread count. */
#ifndef PARLEY_UNCERTAINTY_H
#define PARLEY_UNCERTAINTY_H

#include <stddef.h>
#include <stdint.h>

#include "parley/analysis.h"
#include "parley/base.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------- */
/* Building uncertain and timed numbers                                                      */
/* ---------------------------------------------------------------------------------------- */

/* A distribution standing for a number (docs/scenario-format.md, "Uncertainty"): uniform on
 * [a, b]; triangular with low a, mode c, high b; normal with mean a and standard deviation b,
 * truncated to the number's range (a reservation's and a value's [0, 1], a weight's [0, inf), a
 * bonus's [-1, 1]). */
typedef enum parley_dist_kind {
  PARLEY_DIST_UNIFORM = 1,
  PARLEY_DIST_TRIANGULAR,
  PARLEY_DIST_NORMAL
} parley_dist_kind;

typedef struct parley_distribution {
  parley_dist_kind kind;
  double a, b, c;
} parley_distribution;

/* METHOD: parley_builder — an uncertain number of a party's profile (party: an index, or a
 * belief's handle): its reservation, its weight for an issue, its value of an option (the
 * issue's values set first), its weights as a whole drawn from Dirichlet(alpha) (one alpha per
 * issue, 0 for an issue it does not weigh; the weights are set to the alphas, normalised), the
 * bonus of its last interaction term, and the probability that its last red line holds (in
 * [0, 1]; it counts as holding in deterministic commands when at least 1/2). Each sets the
 * number to the distribution's mean, which deterministic commands use. 0, or
 * PARLEY_ERR_INVALID / _ARG with the problem, and nothing changed. */
PARLEY_API int parley_builder_set_reservation_dist(parley_builder *b, size_t party, const parley_distribution *d,
                                                   parley_error *err);
PARLEY_API int parley_builder_set_weight_dist(parley_builder *b, size_t party, size_t issue, const parley_distribution *d,
                                              parley_error *err);
PARLEY_API int parley_builder_set_value_dist(parley_builder *b, size_t party, size_t issue, size_t option,
                                             const parley_distribution *d, parley_error *err);
PARLEY_API int parley_builder_set_dirichlet(parley_builder *b, size_t party, const double *alpha, parley_error *err);
PARLEY_API int parley_builder_set_bonus_dist(parley_builder *b, size_t party, const parley_distribution *d,
                                             parley_error *err);
PARLEY_API int parley_builder_set_red_line_probability(parley_builder *b, size_t party, double probability,
                                                       parley_error *err);

/* METHOD: parley_builder — the scenario's clock (`time: {unit, horizon}`; unit may be NULL,
 * horizon > 0), and a party's reservation, or its weight for an issue, following a schedule
 * over it: n points at times
 * t[0] < t[1] < ... from 0 on, each a number v[k] or, with d not NULL, distributions d[k] (all
 * of one kind), read linearly between points and flat beyond (docs/scenario-format.md,
 * "Time"). The build checks that no schedule runs past the horizon. */
PARLEY_API int parley_builder_set_time(parley_builder *b, const char *unit, double horizon, parley_error *err);
PARLEY_API int parley_builder_set_reservation_schedule(parley_builder *b, size_t party, size_t n, const double *t,
                                                       const double *v, const parley_distribution *d, parley_error *err);
PARLEY_API int parley_builder_set_weight_schedule(parley_builder *b, size_t party, size_t issue, size_t n, const double *t,
                                                  const double *v, const parley_distribution *d, parley_error *err);

/* METHOD: parley_scenario — its uncertain numbers (the parties' own, not the mediators'
 * beliefs): how many, which party's number k is, and a line that says what it is and how it is
 * drawn ("ukraine: reservation ~ uniform [0.35, 0.55], mean 0.45"). */
PARLEY_API size_t parley_uncertain_count(const parley_scenario *sc);
PARLEY_API size_t parley_uncertain_party(const parley_scenario *sc, size_t k);
PARLEY_API int parley_uncertain_describe(const parley_scenario *sc, size_t k, char *buf, size_t size);

typedef struct parley_accept_options {
  uint64_t samples; /* draws (0: 10,000) */
  uint64_t seed;    /* the generator's seed (default 1) */
  size_t threads;   /* 0: parley_default_threads(); the result does not depend on it */
  parley_progress_fn progress;
  void *progress_user;
} parley_accept_options;

/* FUNCTION: the defaults: 10,000 draws, seed 1. */
PARLEY_API void parley_accept_defaults(parley_accept_options *o);

typedef struct parley_acceptance_estimate parley_acceptance_estimate;

/* CONSTRUCTOR: parley_acceptance_estimate — draws every uncertain number `samples` times and
 * judges the package by each draw: per party, the share of draws in which it accepts; the
 * share in which every party does; the share in which a party is the only one refusing; and
 * per party its uncertain numbers ranked by how much they move its decision. A party with no
 * uncertain number is judged exactly. Fails with PARLEY_ERR_CANCELLED when the progress
 * callback says stop. */
PARLEY_API int parley_accept(const parley_scenario *sc, const uint32_t *package, const parley_accept_options *options,
                             parley_acceptance_estimate **out, parley_error *err);
/* DESTRUCTOR: parley_acceptance_estimate. */
PARLEY_API void parley_acceptance_estimate_free(parley_acceptance_estimate *e);
/* METHOD: parley_acceptance_estimate — the scenario (keep it alive), the package, the draws and
 * the seed. */
PARLEY_API const parley_scenario *parley_estimate_scenario(const parley_acceptance_estimate *e);
PARLEY_API const uint32_t *parley_estimate_package(const parley_acceptance_estimate *e);
PARLEY_API uint64_t parley_estimate_samples(const parley_acceptance_estimate *e);
PARLEY_API uint64_t parley_estimate_seed(const parley_acceptance_estimate *e);
/* METHOD: parley_acceptance_estimate — the share of draws in which party accepts (PARLEY_NONE:
 * every party), with the 95% Wilson score interval in *lo, *hi (either may be NULL). */
PARLEY_API double parley_estimate_probability(const parley_acceptance_estimate *e, size_t party, double *lo, double *hi);
/* METHOD: parley_acceptance_estimate — the share of draws in which party is the only one to
 * refuse. */
PARLEY_API double parley_estimate_sole_refuser(const parley_acceptance_estimate *e, size_t party);
/* METHOD: parley_acceptance_estimate — party's own uncertain numbers ranked by how much they
 * move its decision: the share of draws in which it accepts when the number falls in the upper
 * half of its draws, minus that when it falls in the lower half (for a red line: when it holds,
 * minus when it does not), largest in size first. k-th: its index (parley_uncertain_describe)
 * and that difference. */
PARLEY_API size_t parley_estimate_sensitivity_count(const parley_acceptance_estimate *e, size_t party);
PARLEY_API size_t parley_estimate_sensitivity(const parley_acceptance_estimate *e, size_t party, size_t k, double *delta);

typedef struct parley_robustness parley_robustness;

/* CONSTRUCTOR: parley_robustness — over the same draws as parley_accept, for every package of
 * the space, the share of draws in which every party accepts it; the `top` packages with the
 * highest share (then in package order); and the share for each bargaining solution of the
 * scenario as it stands (its means). The SMAA acceptability analysis (Lahdelma and Salminen).
 * PARLEY_ERR_LIMIT when packages times draws pass max_work (0: 4e9). */
PARLEY_API int parley_accept_robust(const parley_scenario *sc, const parley_accept_options *options, size_t top,
                                    uint64_t max_work, parley_robustness **out, parley_error *err);
/* CONSTRUCTOR: parley_robustness — amendments under uncertainty: over the same draws, for
 * every package that changes at most max_changes issues of draft (0: 2), the draft included,
 * the share of draws in which every party accepts it; the `top` with the highest share (then
 * fewer changes, then in package order). No bargaining solutions. PARLEY_ERR_LIMIT when those
 * packages times the draws pass 4e9. */
PARLEY_API int parley_amend_robust(const parley_scenario *sc, const uint32_t *draft, size_t max_changes,
                                   const parley_accept_options *options, size_t top, parley_robustness **out,
                                   parley_error *err);
/* METHOD: parley_robustness — the draft amended (NULL for parley_accept_robust) and the most
 * issues changed. */
PARLEY_API const uint32_t *parley_robustness_draft(const parley_robustness *r);
PARLEY_API size_t parley_robustness_max_changes(const parley_robustness *r);
/* DESTRUCTOR: parley_robustness. */
PARLEY_API void parley_robustness_free(parley_robustness *r);
PARLEY_API const parley_scenario *parley_robustness_scenario(const parley_robustness *r);
PARLEY_API uint64_t parley_robustness_samples(const parley_robustness *r);
PARLEY_API uint64_t parley_robustness_packages(const parley_robustness *r);
/* METHOD: parley_robustness — the packages kept, best first: the k-th package and its share
 * (with the 95% Wilson interval). */
PARLEY_API size_t parley_robustness_count(const parley_robustness *r);
PARLEY_API const uint32_t *parley_robustness_package(const parley_robustness *r, size_t k);
PARLEY_API double parley_robustness_probability(const parley_robustness *r, size_t k, double *lo, double *hi);
/* METHOD: parley_robustness — a bargaining solution of the scenario at its means: its package
 * (NULL when it has none) and in *p the share of draws in which every party accepts it. */
PARLEY_API const uint32_t *parley_robustness_solution(const parley_robustness *r, parley_solution s, double *p);

#ifdef __cplusplus
}
#endif

#endif
