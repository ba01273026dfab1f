/* scenario.h — the in-memory scenario (issues, options, parties, profiles, frameworks) and
 * its compiled form: per-issue fixed-point contribution tables so that evaluating an outcome
 * is a few integer additions, exact and independent of summation order. Knows no file
 * format; the builder (builder.c) fills these structures and compiles them (compile.c). */
#ifndef PL_MODEL_SCENARIO_H
#define PL_MODEL_SCENARIO_H

#include <math.h>
#include <stdint.h>

#include "model/uncertain.h"
#include "parley/scenario.h"
#include "util/arena.h"
#include "util/rational.h"

/* Utilities are held as integers: a utility u is pl_fx U with u = U / scale, one scale for
 * the whole compiled scenario. When every party's numbers are fractions whose common
 * denominator is small enough (compile.c), scale is that denominator and utilities are exact:
 * packages that tie in exact arithmetic tie here. Otherwise scale is 2^40 and each term is
 * rounded to the nearest 2^-40 (at most 2^-41, about 4.5e-13, off). Either way sums of these
 * integers are exact, so every method (enumeration, brute force, and any decomposition) sees
 * identical values and identical ties. */
typedef int64_t pl_fx;
#define PL_FX_SHIFT 40
#define PL_FX_ROUNDED ((int64_t)1 << PL_FX_SHIFT)

typedef struct pl_option {
  const char *id;
  const char *name;
  double number; /* numeric issues: the option's value */
} pl_option;

typedef struct pl_issue {
  const char *id;
  const char *name;
  const char *unit;
  uint32_t n_options;
  pl_option *options;
  int numeric;
} pl_issue;

/* "Issue takes one of these options." */
typedef struct pl_cond {
  uint32_t issue;
  unsigned char *allowed; /* n_options flags */
} pl_cond;

/* An interaction term (bonus added when every condition holds) or a red line (the party
 * rejects any outcome where every condition holds). */
typedef struct pl_rule {
  const char *note;
  uint32_t n_conds;
  pl_cond *conds;
  double bonus;
  pl_q bonus_q; /* the bonus as a fraction (den 0: not held exactly) */
  pl_dist bonus_dist; /* an interaction's uncertain bonus (kind NONE: certain); bonus its mean */
  double probability; /* a red line's: the chance it holds (1: certain) */
  uint32_t order;     /* its place in the party's list as given (red lines kept apart by
                         probability keep their numbers) */
} pl_rule;

/* A number that follows a schedule over the scenario's clock: piecewise linear between its
 * points (times strictly increasing, within [0, horizon]), flat outside them; each point may be
 * a distribution (then all of one kind), whose parameters are interpolated the same way. */
typedef struct pl_sched {
  uint32_t n;
  double *t, *v; /* v: the numbers (the means, for distributions) */
  pl_dist *d;    /* NULL, or one per point */
} pl_sched;

/* A piecewise-linear value function with uncertain values at its points; the party's values
 * for the issue are those of the points' means. */
typedef struct pl_points {
  uint32_t n;
  double *x, *y;  /* the points, y the means */
  pl_dist *y_dist; /* kind NONE where a point's value is certain */
} pl_points;

typedef struct pl_party {
  const char *id;
  const char *name;
  double power;
  double reservation;
  double discount; /* utility and reservation are multiplied by discount^t, t in [0,1]; 1 = none */
  double *weight;  /* per issue, normalised to sum 1 */
  double **value;  /* value[issue][option] in [0,1]; NULL where none were given */
  /* The same as fractions (den 0: not held exactly), from which the doubles above are rounded
   * where they are exact: the weights normalised in exact arithmetic. */
  pl_q *weight_q;
  pl_q **value_q;
  pl_q reservation_q;
  uint32_t n_interactions;
  pl_rule *interactions;
  uint32_t n_red_lines;
  pl_rule *red_lines; /* those holding with probability 1/2 or more: the deterministic model's */
  /* Uncertainty (model/uncertain.h, docs/scenario-format.md "Uncertainty"); the numbers above
   * are the means. uncertain is 1 when any of these is set. */
  int uncertain;
  pl_dist reservation_dist;
  double *weight_raw;   /* with weight_dist or alpha (else NULL): the weights as given, and */
  int normalise;        /* whether they are divided by their sum */
  pl_dist *weight_dist; /* n_issues or NULL */
  double *alpha;        /* Dirichlet weights: n_issues (0: an issue not weighed) or NULL */
  pl_dist **value_dist; /* n_issues entries, each NULL or one per option; NULL when none */
  pl_points **points;   /* n_issues entries, each NULL or an uncertain function; NULL when none */
  uint32_t n_unlikely;  /* red lines that hold with probability below 1/2: not in red_lines */
  pl_rule *unlikely;
  /* Schedules (time 0's numbers are the ones above); weight_raw then holds the weights as given */
  pl_sched *reservation_sched; /* or NULL */
  pl_sched **weight_sched;     /* n_issues entries, each NULL or a schedule; NULL when none */
} pl_party;

/* The party's red line numbered k (from 0) as given, likely or unlikely; NULL out of range. */
static inline const pl_rule *pl_red_line_given(const pl_party *pa, uint32_t k) {
  for (uint32_t j = 0; j < pa->n_red_lines; j++)
    if (pa->red_lines[j].order == k) return &pa->red_lines[j];
  for (uint32_t j = 0; j < pa->n_unlikely; j++)
    if (pa->unlikely[j].order == k) return &pa->unlikely[j];
  return NULL;
}

typedef struct pl_framework {
  const char *id;
  const char *name;
  uint32_t *package;
} pl_framework;

/* The `mediation:` section. Actors are the parties, then the outside mediators. */
typedef struct pl_mediator {
  const char *id, *name;
  uint32_t party; /* UINT32_MAX: an outside actor */
  uint32_t actor;
} pl_mediator;

/* The parts of a profile a setter gives, one bit each. A party has them all (what is not set is
 * a default); a belief only those set, the rest being the party's true profile. A belief's
 * values count per issue: those it gives (value[i] not NULL) stand for the truth's. */
enum {
  PL_KEY_POWER = 1,
  PL_KEY_RESERVATION = 2,
  PL_KEY_DISCOUNT = 4,
  PL_KEY_WEIGHTS = 8,
  PL_KEY_INTERACTIONS = 16,
  PL_KEY_RED_LINES = 32,
  PL_KEY_ALL = 63
};

/* A mediator's picture of a party: the party's profile with the parts the belief gives
 * (keys: PL_KEY_* of builder_data.h; values: per issue, 1 where given) put in its place. */
typedef struct pl_belief {
  uint32_t mediator, party;
  unsigned keys;
  unsigned char *values; /* n_issues flags */
  pl_party profile;
} pl_belief;

typedef struct pl_mediation {
  uint32_t n_mediators;       /* 0: no section */
  pl_mediator *mediators;
  uint32_t drafting;          /* index into mediators */
  uint64_t drafts_with;       /* parties, one bit each */
  uint32_t n_actors;
  const char **actor_id, **actor_name;
  uint32_t n_channels;        /* 0: everyone with everyone */
  uint32_t *channel;          /* 2 actors per channel */
  uint32_t *distance;         /* n_actors x n_actors hops, UINT32_MAX: unreachable */
  uint32_t n_beliefs;
  pl_belief *beliefs;         /* in the order given */
} pl_mediation;

/* Forecasting input given outright (the scenario's `positions:` section): for one issue, the
 * parties' positions on a number scale and saliences (0-100), NaN where a party gives none. */
typedef struct pl_position_issue {
  uint32_t issue;
  double reference, outcome; /* NaN when not given */
  double *position;          /* per party */
  double *salience;          /* per party */
} pl_position_issue;

/* A rule of any party, flattened for evaluation. */
typedef struct pl_crule {
  uint32_t party;
  int red_line;
  pl_fx bonus;
  const pl_rule *rule;
} pl_crule;

typedef struct pl_compiled {
  uint32_t n_issues;
  uint32_t n_parties;
  int64_t scale;          /* a utility u is held as u * scale (see pl_fx) */
  int exact;              /* 1: scale is the common denominator and every utility is exact */
  const uint32_t *radix;  /* options per issue */
  pl_fx *contrib;         /* contrib[offset[i] + o * n_parties + p] */
  size_t *offset;
  pl_fx *reservation;     /* per party */
  uint32_t n_rules;
  pl_crule *rules;
} pl_compiled;

/* A utility as a double: U / scale, rounded once when both are below 2^53. */
static inline double pl_fx_to(const pl_compiled *c, pl_fx v) { return (double)v / (double)c->scale; }
/* x in units of the scale, nearest; and the smallest (largest) whole unit at or above (below)
 * x, for thresholds. x must be within the range utilities take. */
static inline pl_fx pl_fx_from(const pl_compiled *c, double x) { return (pl_fx)llround(x * (double)c->scale); }
static inline pl_fx pl_fx_ceil(const pl_compiled *c, double x) { return (pl_fx)ceil(x * (double)c->scale); }
static inline pl_fx pl_fx_floor(const pl_compiled *c, double x) { return (pl_fx)floor(x * (double)c->scale); }
/* A number of the model in units of the scale: its fraction exact when the scale is exact
 * (the fraction's denominator then divides it), else the double rounded. */
static inline pl_fx pl_fx_of(const pl_compiled *c, pl_q exact, double rounded) {
  return c->exact ? exact.num * (c->scale / exact.den) : pl_fx_from(c, rounded);
}

struct parley_scenario {
  pl_arena arena;
  const char *title;
  const char *description;
  const char *source;
  int issues_line, issues_column; /* where the issues list starts, for limit messages */
  uint32_t n_issues;
  pl_issue *issues;
  uint32_t *radix;
  uint32_t n_parties;
  pl_party *parties;
  uint32_t n_frameworks;
  pl_framework *frameworks;
  uint32_t n_positions;           /* issues of the `positions:` section (0: none) */
  pl_position_issue *positions;
  pl_mediation mediation;
  const char *time_unit; /* `time:`; "" when not given */
  double horizon;        /* 1 when not given */
  int timed;             /* 1 when some number follows a schedule */
  pl_compiled compiled;
};

/* Builds sc->compiled from the profiles (compile.c). Returns 0 or PARLEY_ERR_NOMEM. */
int pl_scenario_compile(parley_scenario *sc);
/* Asserts the compiled scenario's invariants (compile.c, C1-C5) in debug builds. */
void pl_compiled_check(const parley_scenario *sc);

/* 1 if every condition of the rule holds for the package. */
static inline int pl_rule_holds(const pl_rule *r, const uint32_t *pkg) {
  for (uint32_t k = 0; k < r->n_conds; k++)
    if (!r->conds[k].allowed[pkg[r->conds[k].issue]]) return 0;
  return 1;
}

_Static_assert(PARLEY_MAX_PARTIES <= 64, "red-line and acceptance masks keep one bit per party in 64 bits");

/* Evaluates a package for every party: utilities into u (n_parties entries) and a bit mask
 * of the parties whose red lines it crosses. */
static inline void pl_eval(const pl_compiled *c, const uint32_t *pkg, pl_fx *u,
                           uint64_t *red_mask) {
  const uint32_t P = c->n_parties;
  for (uint32_t p = 0; p < P; p++) u[p] = 0;
  for (uint32_t i = 0; i < c->n_issues; i++) {
    const pl_fx *t = c->contrib + c->offset[i] + (size_t)pkg[i] * P;
    for (uint32_t p = 0; p < P; p++) u[p] += t[p];
  }
  uint64_t mask = 0;
  for (uint32_t k = 0; k < c->n_rules; k++) {
    const pl_crule *r = &c->rules[k];
    if (!pl_rule_holds(r->rule, pkg)) continue;
    if (r->red_line) mask |= (uint64_t)1 << r->party;
    else u[r->party] += r->bonus;
  }
  *red_mask = mask;
}

/* Decodes outcome index idx (issue 0 most significant) into pkg. */
static inline void pl_decode(const pl_compiled *c, uint64_t idx, uint32_t *pkg) {
  for (uint32_t i = c->n_issues; i-- > 0;) {
    pkg[i] = (uint32_t)(idx % c->radix[i]);
    idx /= c->radix[i];
  }
}

static inline uint64_t pl_encode(const pl_compiled *c, const uint32_t *pkg) {
  uint64_t idx = 0;
  for (uint32_t i = 0; i < c->n_issues; i++) idx = idx * c->radix[i] + pkg[i];
  return idx;
}

#endif
