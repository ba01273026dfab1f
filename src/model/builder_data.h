/* builder_data.h — the layout of a builder, shared by builder.c (making and changing) and
 * build.c (checking the whole, building the scenario, and a builder from a scenario). */
#ifndef PL_MODEL_BUILDER_DATA_H
#define PL_MODEL_BUILDER_DATA_H

#include <stdint.h>

#include "model/scenario.h"
#include "parley/scenario.h"
#include "util/arena.h"
#include "util/rational.h"

typedef struct b_option {
  char *id, *name;
  double number;
} b_option;

typedef struct b_issue {
  char *id, *name, *unit;
  b_option *options;
  size_t n_options, cap_options;
  int numeric;
} b_issue;

typedef struct b_cond {
  size_t issue;
  unsigned char *allowed;
  size_t n_allowed; /* the issue's option count when the rule was given */
} b_cond;

typedef struct b_rule {
  char *note;
  double bonus;
  pl_q bonus_q; /* the bonus as a fraction (den 0: not held exactly) */
  b_cond *conds;
  size_t n_conds;
  pl_dist bonus_dist;  /* an interaction's uncertain bonus (kind NONE: certain) */
  double probability;  /* a red line's chance of holding (1: certain) */
} b_rule;

/* A schedule (model/scenario.h, pl_sched), in memory the builder owns. */
typedef struct b_sched {
  size_t n;
  double *t, *v;
  pl_dist *d; /* NULL or n */
} b_sched;

/* A piecewise-linear value function with uncertain point values. */
typedef struct b_points {
  size_t n;
  double *x, *y;
  pl_dist *y_dist;
} b_points;

typedef struct b_rules {
  b_rule *items;
  size_t n, cap;
} b_rules;

/* The largest bonus, and the largest utility a party may reach (the sum of its largest terms),
 * the builder takes: utilities are held in 64 bits in units of 2^-40 when they are not exact,
 * so they must stay far below 2^23. */
#define PL_MAX_TERM 1e3
#define PL_MAX_UTILITY 1e6

_Static_assert(PARLEY_MAX_ISSUES <= UINT16_MAX, "a party's weight order keeps issue indices in 16 bits");

/* Every weight, value, bonus and reservation is kept twice: as the double given and as the
 * fraction it is (util/rational.h), which the scenario's exact utilities come from. A number
 * given as a double is the simplest fraction that rounds to it; a reader that derives a number
 * (GENIUS's evaluation / maximum) gives the exact fraction, and the double is then rounded from
 * it. */
typedef struct b_party {
  char *id, *name;
  unsigned given; /* PL_KEY_* bits set through the setters */
  double power, reservation, discount;
  pl_q reservation_q;
  int normalise;
  double weight[PARLEY_MAX_ISSUES];
  pl_q weight_q[PARLEY_MAX_ISSUES];
  uint16_t order[PARLEY_MAX_ISSUES]; /* the issues in the order their weights were first set */
  size_t n_order;
  double *value[PARLEY_MAX_ISSUES];  /* NULL: none given */
  pl_q *value_q[PARLEY_MAX_ISSUES];  /* the same as fractions; allocated with value */
  size_t n_value[PARLEY_MAX_ISSUES]; /* the issue's option count when they were given */
  b_rules interactions, red_lines;
  /* uncertainty: what a setter of builder.h gave; the numbers above are the means */
  pl_dist reservation_dist;
  pl_dist weight_dist[PARLEY_MAX_ISSUES];
  b_sched *reservation_sched;
  b_sched *weight_sched[PARLEY_MAX_ISSUES];
  int has_alpha;                          /* Dirichlet weights: the weights above are the alphas */
  pl_dist *value_dist[PARLEY_MAX_ISSUES]; /* n_value[i] entries or NULL */
  b_points *points[PARLEY_MAX_ISSUES];
} b_party;

typedef struct b_framework {
  char *id, *name;
  uint32_t *package;
  size_t n; /* the issue count when it was given */
} b_framework;

typedef struct b_positions {
  size_t issue;
  double reference, outcome;
  double position[PARLEY_MAX_PARTIES], salience[PARLEY_MAX_PARTIES];
} b_positions;

typedef struct b_mediator {
  char *id, *name;
} b_mediator;

/* A mediator's picture of a party (`beliefs:`): a partial profile over the party's own. */
typedef struct b_belief {
  char *mediator, *party;
  b_party *profile; /* id: the party's */
} b_belief;

/* The handle of belief k, which the profile setters take in place of a party index. */
#define PL_BELIEF_HANDLE(k) ((size_t)0x100000 + (k))

typedef struct b_mediation {
  b_mediator *mediators;
  size_t n_mediators, cap_mediators;
  char *drafting;           /* NULL: the first mediator */
  char **drafts_with;       /* party ids; none: every party */
  size_t n_drafts, cap_drafts;
  char **channel;           /* 2 ids per channel */
  size_t n_channel_ids, cap_channel_ids;
  b_belief *beliefs;
  size_t n_beliefs, cap_beliefs;
} b_mediation;

struct parley_builder {
  char *source, *title, *description;
  size_t max_options;
  int issues_line, issues_column;
  b_issue *issues;
  size_t n_issues, cap_issues;
  b_party **parties;
  size_t n_parties, cap_parties;
  b_framework *frameworks;
  size_t n_frameworks, cap_frameworks;
  b_positions *positions;
  size_t n_positions, cap_positions;
  b_mediation mediation;
  char *time_unit; /* NULL: no `time:` */
  double horizon;  /* 1 without `time:` */
};

/* *dst = a copy of s (NULL stays NULL), the old *dst freed. Returns 0 or PARLEY_ERR_NOMEM. */
int pl_builder_strdup(char **dst, const char *s);
/* A copy of s in the scenario's arena ("" for NULL, or dflt when given); *nomem set on failure. */
const char *pl_build_strdup(pl_arena *a, const char *s, const char *dflt, int *nomem);

/* What build.c uses of builder.c: a message in err with the given status, returned. */
__attribute__((format(printf, 3, 4))) int pl_builder_fail(parley_error *err, int code, const char *fmt, ...);
/* Appends an option (id already checked) to an issue; 0 or PARLEY_ERR_NOMEM. */
int pl_builder_push_option(b_issue *is, const char *id, const char *name, double number);
/* Replaces the party's values of an issue by a copy of v (n entries) and their fractions q
 * (NULL: each the simplest fraction rounding to its double; an entry not exact keeps its
 * double, an exact one gives it). */
int pl_builder_put_values(b_party *pa, size_t issue, const double *v, const pl_q *q, size_t n, parley_error *err);
/* Appends a rule with copies of its conditions; bonus_q is the bonus as a fraction. */
int pl_builder_push_rule(parley_builder *b, b_rules *list, double bonus, pl_q bonus_q, const char *note,
                         const parley_condition *conds, size_t n, parley_error *err);

/* The profile a setter's party argument names: a party, or a belief's (PL_BELIEF_HANDLE), or
 * NULL. */
b_party *pl_builder_profile(const parley_builder *b, size_t party);
void pl_builder_party_free(b_party *p);
void pl_builder_points_free(b_points *p);
void pl_builder_sched_free(b_sched *s);
/* A schedule's number at time t (for a schedule of distributions, their interpolated mean). */
double pl_builder_sched_value(const b_sched *s, double t);
/* A copy (NULL for NULL); NULL with *nomem set on failure. */
b_sched *pl_builder_sched_copy(const b_sched *s, int *nomem);
/* A copy of p (NULL for NULL); NULL with *nomem set on failure. */
b_points *pl_builder_points_copy(const b_points *p, int *nomem);
/* Drops every rule of a list (the list itself stays). */
void pl_builder_rules_clear(b_rules *r);
/* Every check of one profile as a whole (weights, values per weighted issue, the reach of its
 * utility, rules made for the issues as they are): 0 or the problem in err. */
int pl_check_profile(const parley_builder *b, const b_party *pa, parley_error *err);
/* The built profile of a builder's party (in sc's arena; *nomem set on failure). */
void pl_build_profile(pl_arena *a, const parley_builder *b, const b_party *src, struct pl_party *d, int *nomem);
/* Replaces the parts of d named by keys (PL_KEY_*) by those of a built profile src, and its
 * values for the issues marked in values (NULL: every issue; with PL_KEY_WEIGHTS, or when
 * values is NULL, the others are dropped); d's id and name stay. 0 or PARLEY_ERR_NOMEM. */
int pl_builder_put_profile(parley_builder *b, b_party *d, const parley_scenario *sc, const struct pl_party *src, unsigned keys,
                           const unsigned char *values, parley_error *err);

/* Beliefs (beliefs.c): the whole checked (ids, no belief twice or about the mediator's own
 * party, each merged profile); built into sc (after the mediators); copied back. */
int pl_beliefs_check(const parley_builder *b, parley_error *err);
void pl_beliefs_build(const parley_builder *b, parley_scenario *sc, int *nomem);
int pl_beliefs_copy_in(parley_builder *b, const parley_scenario *sc, parley_error *err);
void pl_beliefs_free(b_mediation *m);

/* The mediation section's part of a builder (mediation.c): freeing it, checking the whole,
 * copying it into a scenario being built (in sc's arena; *nomem set on failure), and back. */
void pl_mediation_free(b_mediation *m);
void pl_mediation_build(const parley_builder *b, parley_scenario *sc, int *nomem);
int pl_mediation_copy_in(parley_builder *b, const parley_scenario *sc, parley_error *err);

#endif
