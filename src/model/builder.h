/* builder.h — what the readers in io/ use of the builder beyond the public API: the same
 * setters, telling which argument is at fault so that a reader can put the problem at the
 * right place in the file, and a note of where the issues list starts (for limit messages). */
#ifndef PL_MODEL_BUILDER_H
#define PL_MODEL_BUILDER_H

#include "model/uncertain.h"
#include "parley/scenario.h"
#include "parley/uncertainty.h"
#include "util/rational.h"

/* The mediation section as a whole (mediation.c): every reference, and that the drafting
 * mediator reaches every party it drafts with through the channels. Returns 0 or
 * PARLEY_ERR_INVALID / _NOMEM with the problem in err. */
int pl_mediation_check(const parley_builder *b, parley_error *err);

/* One belief (its handle from parley_builder_add_belief) as a whole: its ids, and its profile
 * merged with the party's true one. For a reader to place the problem at the belief. */
int pl_builder_check_belief(const parley_builder *b, size_t profile, parley_error *err);
/* Puts belief k of sc (a scenario b was made from) in place of the profile of b's party (the
 * mediator's view, which then holds what the mediator believes). */
int pl_builder_believe(parley_builder *b, const parley_scenario *sc, size_t belief, size_t party, parley_error *err);

/* Marks a profile's interaction terms (red_lines 0) or red lines (1) as given, even when none
 * are: a belief that lists none says the party has none. */
void pl_builder_give_rules(parley_builder *b, size_t party, int red_lines);

/* Uncertain numbers (builder_uncertain.c; docs/scenario-format.md, "Uncertainty"): each sets
 * the number to the distribution's mean through the ordinary setter, then keeps the
 * distribution. The range is the number's (a reservation's and a value's [0, 1], a weight's
 * [0, inf), a bonus's [-1, 1]). set_value_dist needs the issue's values set; set_dirichlet
 * takes an alpha per issue (0: not weighed) and sets the weights to them; set_points_dist gives
 * a piecewise-linear function whose points' values may be uncertain (kind NONE: y[k] as it
 * is); set_rule_dist applies to the party's last interaction (red_line 0: its bonus) or red line
 * (red_line 1: the probability it holds, in [0, 1]). Each returns 0 or the problem. */
int pl_builder_set_reservation_dist(parley_builder *b, size_t party, const pl_dist *d, parley_error *err);
int pl_builder_set_weight_dist(parley_builder *b, size_t party, size_t issue, const pl_dist *d, parley_error *err);
int pl_builder_set_dirichlet(parley_builder *b, size_t party, const double *alpha, parley_error *err);
int pl_builder_set_value_dist(parley_builder *b, size_t party, size_t issue, size_t option, const pl_dist *d,
                              parley_error *err);
int pl_builder_set_points_dist(parley_builder *b, size_t party, size_t issue, size_t n, const double *x, const double *y,
                               const pl_dist *y_dist, parley_error *err);
int pl_builder_set_rule_dist(parley_builder *b, size_t party, int red_line, const pl_dist *bonus, double probability,
                             parley_error *err);
/* A public distribution as a pl_dist (its range left for the setter); 0 or PARLEY_ERR_ARG. */
int pl_dist_from_public(const parley_distribution *d, pl_dist *out, parley_error *err);

/* Time (schedule.c): the clock, `time: {unit, horizon}` (horizon > 0; 1 by default), and
 * numbers that follow schedules over it: n points (t[k], v[k]) with times strictly increasing
 * from 0 or later, or (d not NULL, all of one kind) distributions at those times. The number at
 * time 0 is set through the ordinary setters. check_times: no schedule runs past the horizon. */
int pl_builder_set_time(parley_builder *b, const char *unit, double horizon, parley_error *err);
int pl_builder_set_reservation_schedule(parley_builder *b, size_t party, size_t n, const double *t, const double *v,
                                        const pl_dist *d, parley_error *err);
int pl_builder_set_weight_schedule(parley_builder *b, size_t party, size_t issue, size_t n, const double *t, const double *v,
                                   const pl_dist *d, parley_error *err);
int pl_builder_check_times(const parley_builder *b, parley_error *err);

/* Where the issues list starts in the file read (line, column; 0 when not from a file). */
void pl_builder_set_issues_position(parley_builder *b, int line, int column);

/* parley_builder_add_range; *bad_arg is 0 (min), 1 (max) or 2 (step) when an argument is at
 * fault. */
int pl_builder_add_range(parley_builder *b, size_t issue, double min, double max, double step, int *bad_arg,
                         parley_error *err);

/* parley_builder_set_values; exact (NULL: none) gives each value as the fraction it is, where
 * a reader derives it (and a fraction with den 0, not exact, keeps the double); *bad_option is
 * the option whose value is at fault. */
int pl_builder_set_values(parley_builder *b, size_t party, size_t issue, const double *values, const pl_q *exact,
                          size_t *bad_option, parley_error *err);
/* parley_builder_add_interaction with the bonus as the fraction it is (bonus_q). */
int pl_builder_add_interaction(parley_builder *b, size_t party, double bonus, pl_q bonus_q, const char *note,
                               const parley_condition *conds, size_t n_conds, parley_error *err);

/* parley_builder_set_points; *bad_point is the point at fault and *bad_part 0 (its x) or 1 (its
 * value). */
int pl_builder_set_points(parley_builder *b, size_t party, size_t issue, size_t n, const double *x,
                          const double *value, size_t *bad_point, int *bad_part, parley_error *err);

/* The checks parley_builder_build makes of one party, for a reader to place their problems:
 * weights to normalise that are not all zero (nor too large to add up); values for an issue
 * it weighs, one per option. Return 0 or PARLEY_ERR_INVALID with the message. */
int pl_builder_check_weights(const parley_builder *b, size_t party, parley_error *err);
int pl_builder_check_values(const parley_builder *b, size_t party, size_t issue, parley_error *err);

/* The rule on an option's value, in [0, 1], for a reader to check each value where it
 * stands. Returns 0 or PARLEY_ERR_INVALID. */
int pl_check_value(double v, parley_error *err);

/* Adds an option with a number to an issue that has no options or only such options (GENIUS's
 * integer and real issues, whose numbers need not be evenly spaced), and makes it numeric. */
int pl_builder_add_numeric_option(parley_builder *b, size_t issue, const char *id, double number, parley_error *err);
/* A framework id that parley_builder_add_framework would take (well formed, not yet used). */
int pl_builder_check_framework_id(const parley_builder *b, const char *id, parley_error *err);

/* What the builder holds so far: issues, their options (ids, numbers), parties. Indices out of
 * range give 0, NULL, NaN; the find functions PARLEY_NONE. */
size_t pl_builder_issue_count(const parley_builder *b);
size_t pl_builder_issue_find(const parley_builder *b, const char *id);
const char *pl_builder_issue_id(const parley_builder *b, size_t issue);
int pl_builder_issue_numeric(const parley_builder *b, size_t issue);
size_t pl_builder_option_count(const parley_builder *b, size_t issue);
const char *pl_builder_option_id(const parley_builder *b, size_t issue, size_t option);
double pl_builder_option_number(const parley_builder *b, size_t issue, size_t option);
size_t pl_builder_party_count(const parley_builder *b);
size_t pl_builder_party_find(const parley_builder *b, const char *id);
size_t pl_builder_mediator_find(const parley_builder *b, const char *id);

/* Drops the party's values of an issue (a reader checks values a party gives an issue it does
 * not weigh, then leaves them out). */
void pl_builder_clear_values(parley_builder *b, size_t party, size_t issue);

#endif
