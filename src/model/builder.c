/* builder.c — making and changing scenarios in code. A builder holds a scenario being made, in
 * memory it owns (every string copied, every table its own), and checks each piece as it is
 * given, with the messages the scenario reader uses; parley_builder_build checks the whole,
 * copies it into a new scenario's arena and compiles it. The readers in io/ build through it,
 * so every rule about what a scenario may hold lives here once. */
#include "model/builder.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "util/error.h"
#include "util/vec.h"

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
  b_cond *conds;
  size_t n_conds;
} b_rule;

typedef struct b_rules {
  b_rule *items;
  size_t n, cap;
} b_rules;

typedef struct b_party {
  char *id, *name;
  double power, reservation, discount;
  int normalise;
  double weight[PARLEY_MAX_ISSUES];
  uint16_t order[PARLEY_MAX_ISSUES]; /* the issues in the order their weights were first set */
  size_t n_order;
  double *value[PARLEY_MAX_ISSUES];  /* NULL: none given */
  size_t n_value[PARLEY_MAX_ISSUES]; /* the issue's option count when they were given */
  b_rules interactions, red_lines;
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
};

/* ------------------------------------------------------------------------------------------ */
/* Memory                                                                                     */

/* *dst = a copy of s (NULL stays NULL). Returns 0 or PARLEY_ERR_NOMEM. */
static int dup(char **dst, const char *s) {
  char *d = NULL;
  if (s && !(d = malloc(strlen(s) + 1))) return PARLEY_ERR_NOMEM;
  if (d) strcpy(d, s);
  free(*dst);
  *dst = d;
  return 0;
}

static void rules_clear(b_rules *r) {
  for (size_t k = 0; k < r->n; k++) {
    free(r->items[k].note);
    for (size_t c = 0; c < r->items[k].n_conds; c++) free(r->items[k].conds[c].allowed);
    free(r->items[k].conds);
  }
  r->n = 0;
}

static void party_free(b_party *p) {
  if (!p) return;
  free(p->id), free(p->name);
  for (size_t i = 0; i < PARLEY_MAX_ISSUES; i++) free(p->value[i]);
  rules_clear(&p->interactions);
  rules_clear(&p->red_lines);
  free(p->interactions.items), free(p->red_lines.items);
  free(p);
}

void parley_builder_free(parley_builder *b) {
  if (!b) return;
  free(b->source), free(b->title), free(b->description);
  for (size_t i = 0; i < b->n_issues; i++) {
    b_issue *is = &b->issues[i];
    for (size_t o = 0; o < is->n_options; o++) free(is->options[o].id), free(is->options[o].name);
    free(is->id), free(is->name), free(is->unit), free(is->options);
  }
  free(b->issues);
  for (size_t p = 0; p < b->n_parties; p++) party_free(b->parties[p]);
  free(b->parties);
  for (size_t f = 0; f < b->n_frameworks; f++)
    free(b->frameworks[f].id), free(b->frameworks[f].name), free(b->frameworks[f].package);
  free(b->frameworks);
  free(b->positions);
  free(b);
}

parley_builder *parley_builder_new(const char *source) {
  parley_builder *b = calloc(1, sizeof *b);
  if (!b) return NULL;
  b->max_options = PARLEY_DEFAULT_MAX_OPTIONS;
  if (dup(&b->source, source ? source : "<built>")) {
    parley_builder_free(b);
    return NULL;
  }
  return b;
}

void parley_builder_set_limits(parley_builder *b, const parley_read_limits *limits) {
  if (b) b->max_options = limits && limits->max_options ? limits->max_options : PARLEY_DEFAULT_MAX_OPTIONS;
}

void pl_builder_set_issues_position(parley_builder *b, int line, int column) {
  b->issues_line = line;
  b->issues_column = column;
}

size_t pl_builder_issue_count(const parley_builder *b) { return b->n_issues; }
size_t pl_builder_issue_find(const parley_builder *b, const char *id) {
  for (size_t i = 0; id && i < b->n_issues; i++)
    if (!strcmp(b->issues[i].id, id)) return i;
  return PARLEY_NONE;
}
const char *pl_builder_issue_id(const parley_builder *b, size_t issue) {
  return issue < b->n_issues ? b->issues[issue].id : NULL;
}
int pl_builder_issue_numeric(const parley_builder *b, size_t issue) {
  return issue < b->n_issues ? b->issues[issue].numeric : 0;
}
size_t pl_builder_option_count(const parley_builder *b, size_t issue) {
  return issue < b->n_issues ? b->issues[issue].n_options : 0;
}
const char *pl_builder_option_id(const parley_builder *b, size_t issue, size_t option) {
  return issue < b->n_issues && option < b->issues[issue].n_options ? b->issues[issue].options[option].id : NULL;
}
double pl_builder_option_number(const parley_builder *b, size_t issue, size_t option) {
  return issue < b->n_issues && option < b->issues[issue].n_options ? b->issues[issue].options[option].number : NAN;
}
size_t pl_builder_party_count(const parley_builder *b) { return b->n_parties; }
size_t pl_builder_party_find(const parley_builder *b, const char *id) {
  for (size_t p = 0; id && p < b->n_parties; p++)
    if (!strcmp(b->parties[p]->id, id)) return p;
  return PARLEY_NONE;
}

/* ------------------------------------------------------------------------------------------ */
/* Checks                                                                                     */

__attribute__((format(printf, 3, 4))) static int invalid(parley_error *err, int code, const char *fmt, ...) {
  if (!err) return code;
  va_list ap;
  va_start(ap, fmt);
  char msg[sizeof err->message];
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return pl_fail(err, code, NULL, 0, 0, "%s", msg);
}

#define NOMEM(err) pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory")
#define CHECK_ISSUE(b, i, err) \
  if ((i) >= (b)->n_issues) return invalid(err, PARLEY_ERR_ARG, "no issue %zu (the scenario has %zu)", (size_t)(i), (b)->n_issues)
#define CHECK_PARTY(b, p, err) \
  if ((p) >= (b)->n_parties) return invalid(err, PARLEY_ERR_ARG, "no party %zu (the scenario has %zu)", (size_t)(p), (b)->n_parties)

/* Ids are referred to elsewhere in the file and on the command line, so keep them simple. */
static int check_id(const char *id, const char *what, parley_error *err) {
  if (!id || !*id) return invalid(err, PARLEY_ERR_INVALID, "%s must not be empty", what);
  if (strlen(id) > 64) return invalid(err, PARLEY_ERR_INVALID, "%s '%.20s...' is longer than 64 characters", what, id);
  for (const char *p = id; *p; p++) {
    const char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
          c == '.' || c == '+'))
      return invalid(err, PARLEY_ERR_INVALID, "%s '%s' may only contain letters, digits, '_', '-', '.' and '+'", what, id);
  }
  return 0;
}

int pl_check_value(double v, parley_error *err) {
  return v >= 0 && v <= 1 ? 0 : invalid(err, PARLEY_ERR_INVALID, "value %g is outside [0, 1]", v);
}

/* The conditions of a rule: issues that exist, a flag per option. */
static int check_conds(const parley_builder *b, const parley_condition *conds, size_t n, parley_error *err) {
  if (n && !conds) return invalid(err, PARLEY_ERR_ARG, "no conditions given");
  for (size_t k = 0; k < n; k++) {
    CHECK_ISSUE(b, conds[k].issue, err);
    if (!conds[k].allowed) return invalid(err, PARLEY_ERR_ARG, "a condition on issue '%s' has no options", b->issues[conds[k].issue].id);
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The scenario, issues and options                                                           */

int parley_builder_set_title(parley_builder *b, const char *title, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  return dup(&b->title, title) ? NOMEM(err) : 0;
}

int parley_builder_set_description(parley_builder *b, const char *text, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  return dup(&b->description, text) ? NOMEM(err) : 0;
}

int parley_builder_add_issue(parley_builder *b, const char *id, const char *name, size_t *issue_out, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  if (b->n_issues == PARLEY_MAX_ISSUES)
    return invalid(err, PARLEY_ERR_LIMIT, "more than %d issues, the limit", PARLEY_MAX_ISSUES);
  int rc = check_id(id, "issue id", err);
  if (rc) return rc;
  for (size_t i = 0; i < b->n_issues; i++)
    if (!strcmp(b->issues[i].id, id)) return invalid(err, PARLEY_ERR_INVALID, "duplicate issue id '%s'", id);
  if (pl_grow(&b->issues, &b->cap_issues, b->n_issues + 1)) return NOMEM(err);
  b_issue *is = &b->issues[b->n_issues];
  memset(is, 0, sizeof *is);
  if (dup(&is->id, id) || dup(&is->name, name)) {
    free(is->id), free(is->name);
    return NOMEM(err);
  }
  if (issue_out) *issue_out = b->n_issues;
  b->n_issues++;
  return 0;
}

int parley_builder_set_issue_unit(parley_builder *b, size_t issue, const char *unit, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  return dup(&b->issues[issue].unit, unit) ? NOMEM(err) : 0;
}

/* Appends an option (id already checked); returns 0 or PARLEY_ERR_NOMEM. */
static int push_option(b_issue *is, const char *id, const char *name, double number) {
  if (pl_grow(&is->options, &is->cap_options, is->n_options + 1)) return PARLEY_ERR_NOMEM;
  b_option *op = &is->options[is->n_options];
  memset(op, 0, sizeof *op);
  if (dup(&op->id, id) || dup(&op->name, name)) {
    free(op->id), free(op->name);
    return PARLEY_ERR_NOMEM;
  }
  op->number = number;
  is->n_options++;
  return 0;
}

int parley_builder_add_option(parley_builder *b, size_t issue, const char *id, const char *name, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  b_issue *is = &b->issues[issue];
  if (is->numeric) return invalid(err, PARLEY_ERR_INVALID, "issue '%s' is a numeric range; it takes no other options", is->id);
  if (is->n_options >= b->max_options)
    return invalid(err, PARLEY_ERR_LIMIT, "issue '%s' has more options than the limit of %zu", is->id, b->max_options);
  int rc = check_id(id, "option id", err);
  if (rc) return rc;
  for (size_t o = 0; o < is->n_options; o++)
    if (!strcmp(is->options[o].id, id))
      return invalid(err, PARLEY_ERR_INVALID, "issue '%s' lists option '%s' twice", is->id, id);
  return push_option(is, id, name, 0) ? NOMEM(err) : 0;
}

int pl_builder_add_numeric_option(parley_builder *b, size_t issue, const char *id, double number, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  b_issue *is = &b->issues[issue];
  if (is->n_options && !is->numeric)
    return invalid(err, PARLEY_ERR_INVALID, "issue '%s' has options without numbers; it cannot take one with a number", is->id);
  if (is->n_options >= b->max_options)
    return invalid(err, PARLEY_ERR_LIMIT, "issue '%s' has more options than the limit of %zu", is->id, b->max_options);
  int rc = check_id(id, "option id", err);
  if (rc) return rc;
  if (!isfinite(number)) return invalid(err, PARLEY_ERR_INVALID, "option '%s' of issue '%s' needs a finite number", id, is->id);
  for (size_t o = 0; o < is->n_options; o++)
    if (!strcmp(is->options[o].id, id)) return invalid(err, PARLEY_ERR_INVALID, "issue '%s' lists option '%s' twice", is->id, id);
  if (push_option(is, id, NULL, number)) return NOMEM(err);
  is->numeric = 1;
  return 0;
}

int pl_builder_add_range(parley_builder *b, size_t issue, double lo, double hi, double step, int *bad_arg,
                         parley_error *err) {
  int ignored;
  if (!bad_arg) bad_arg = &ignored;
  *bad_arg = -1;
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  b_issue *is = &b->issues[issue];
  if (is->n_options) return invalid(err, PARLEY_ERR_INVALID, "issue '%s' already has options; a range makes them", is->id);
  if (!isfinite(lo) || !isfinite(hi) || !isfinite(step)) {
    *bad_arg = !isfinite(lo) ? 0 : !isfinite(hi) ? 1 : 2;
    return invalid(err, PARLEY_ERR_INVALID, "min, max and step of issue '%s' must be finite numbers", is->id);
  }
  if (!(step > 0)) {
    *bad_arg = 2;
    return invalid(err, PARLEY_ERR_INVALID, "step of issue '%s' must be > 0 (got %g)", is->id, step);
  }
  if (hi < lo) {
    *bad_arg = 1;
    return invalid(err, PARLEY_ERR_INVALID, "max of issue '%s' (%g) is below its min (%g)", is->id, hi, lo);
  }
  const double span = (hi - lo) / step;
  if (!(span + 1 <= (double)b->max_options)) {
    *bad_arg = 2;
    return invalid(err, PARLEY_ERR_LIMIT, "range of issue '%s' gives %.0f options, more than the limit of %zu; use a larger step",
                   is->id, floor(span + 1e-9) + 1, b->max_options);
  }
  const size_t n = (size_t)floor(span + 1e-9) + 1;
  for (size_t o = 0; o < n; o++) {
    char id[40];
    snprintf(id, sizeof id, "%.12g", lo + step * (double)o);
    if (push_option(is, id, NULL, strtod(id, NULL))) return NOMEM(err);
  }
  is->numeric = 1;
  return 0;
}

int parley_builder_add_range(parley_builder *b, size_t issue, double min, double max, double step, parley_error *err) {
  return pl_builder_add_range(b, issue, min, max, step, NULL, err);
}

/* ------------------------------------------------------------------------------------------ */
/* Parties                                                                                    */

int parley_builder_add_party(parley_builder *b, const char *id, const char *name, size_t *party_out, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  if (b->n_parties == PARLEY_MAX_PARTIES)
    return invalid(err, PARLEY_ERR_LIMIT, "more than %d parties, the limit", PARLEY_MAX_PARTIES);
  int rc = check_id(id, "party id", err);
  if (rc) return rc;
  for (size_t p = 0; p < b->n_parties; p++)
    if (!strcmp(b->parties[p]->id, id)) return invalid(err, PARLEY_ERR_INVALID, "duplicate party id '%s'", id);
  if (pl_grow(&b->parties, &b->cap_parties, b->n_parties + 1)) return NOMEM(err);
  b_party *pa = calloc(1, sizeof *pa);
  if (!pa || dup(&pa->id, id) || dup(&pa->name, name)) {
    party_free(pa);
    return NOMEM(err);
  }
  pa->power = 1;
  pa->discount = 1;
  pa->normalise = 1;
  for (size_t k = 0; k < b->n_positions; k++)
    b->positions[k].position[b->n_parties] = b->positions[k].salience[b->n_parties] = NAN;
  b->parties[b->n_parties] = pa;
  if (party_out) *party_out = b->n_parties;
  b->n_parties++;
  return 0;
}

int parley_builder_remove_party(parley_builder *b, size_t party, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  party_free(b->parties[party]);
  const size_t after = b->n_parties - party - 1;
  memmove(b->parties + party, b->parties + party + 1, after * sizeof *b->parties);
  for (size_t k = 0; k < b->n_positions; k++) {
    b_positions *ps = &b->positions[k];
    memmove(ps->position + party, ps->position + party + 1, after * sizeof *ps->position);
    memmove(ps->salience + party, ps->salience + party + 1, after * sizeof *ps->salience);
  }
  b->n_parties--;
  return 0;
}

int parley_builder_set_power(parley_builder *b, size_t party, double power, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  if (!(power >= 0) || isinf(power))
    return invalid(err, PARLEY_ERR_INVALID, "power of party '%s' must be >= 0 (got %g)", b->parties[party]->id, power);
  b->parties[party]->power = power;
  return 0;
}

int parley_builder_set_reservation(parley_builder *b, size_t party, double reservation, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  if (!(reservation >= 0 && reservation <= 1))
    return invalid(err, PARLEY_ERR_INVALID, "reservation of party '%s' must be in [0, 1] (got %g)", b->parties[party]->id,
                   reservation);
  b->parties[party]->reservation = reservation;
  return 0;
}

int parley_builder_set_discount(parley_builder *b, size_t party, double discount, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  if (!(discount > 0 && discount <= 1))
    return invalid(err, PARLEY_ERR_INVALID, "discount of party '%s' must be in (0, 1] (got %g)", b->parties[party]->id,
                   discount);
  b->parties[party]->discount = discount;
  return 0;
}

int parley_builder_set_weight(parley_builder *b, size_t party, size_t issue, double weight, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  CHECK_ISSUE(b, issue, err);
  const char *iid = b->issues[issue].id;
  if (isinf(weight)) return invalid(err, PARLEY_ERR_INVALID, "weight for issue '%s' must be a finite number", iid);
  if (!(weight >= 0)) return invalid(err, PARLEY_ERR_INVALID, "weight for issue '%s' must be >= 0 (got %g)", iid, weight);
  b_party *pa = b->parties[party];
  size_t k = 0;
  while (k < pa->n_order && pa->order[k] != issue) k++;
  if (k == pa->n_order) pa->order[pa->n_order++] = (uint16_t)issue;
  pa->weight[issue] = weight;
  return 0;
}

int parley_builder_set_normalise(parley_builder *b, size_t party, int normalise, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  b->parties[party]->normalise = normalise != 0;
  return 0;
}

/* Replaces the party's values of an issue by a copy of v (n entries). */
static int put_values(b_party *pa, size_t issue, const double *v, size_t n, parley_error *err) {
  double *copy = malloc((n ? n : 1) * sizeof *copy);
  if (!copy) return NOMEM(err);
  memcpy(copy, v, n * sizeof *copy);
  free(pa->value[issue]);
  pa->value[issue] = copy;
  pa->n_value[issue] = n;
  return 0;
}

int pl_builder_set_values(parley_builder *b, size_t party, size_t issue, const double *values, size_t *bad_option,
                          parley_error *err) {
  size_t ignored;
  if (!bad_option) bad_option = &ignored;
  *bad_option = PARLEY_NONE;
  if (!b || !values) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  CHECK_ISSUE(b, issue, err);
  const size_t n = b->issues[issue].n_options;
  for (size_t o = 0; o < n; o++)
    if (pl_check_value(values[o], err)) {
      *bad_option = o;
      return PARLEY_ERR_INVALID;
    }
  return put_values(b->parties[party], issue, values, n, err);
}

void pl_builder_clear_values(parley_builder *b, size_t party, size_t issue) {
  if (party >= b->n_parties || issue >= b->n_issues) return;
  free(b->parties[party]->value[issue]);
  b->parties[party]->value[issue] = NULL;
  b->parties[party]->n_value[issue] = 0;
}

int parley_builder_set_values(parley_builder *b, size_t party, size_t issue, const double *values, parley_error *err) {
  return pl_builder_set_values(b, party, issue, values, NULL, err);
}

int pl_builder_set_points(parley_builder *b, size_t party, size_t issue, size_t n, const double *xs, const double *ys,
                          size_t *bad_point, int *bad_part, parley_error *err) {
  size_t ignored_k;
  int ignored_part;
  if (!bad_point) bad_point = &ignored_k;
  if (!bad_part) bad_part = &ignored_part;
  *bad_point = PARLEY_NONE;
  if (!b || (n && (!xs || !ys))) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  CHECK_ISSUE(b, issue, err);
  const b_issue *is = &b->issues[issue];
  if (!is->numeric)
    return invalid(err, PARLEY_ERR_INVALID, "values of issue '%s' can be piecewise-linear only when it is a numeric range", is->id);
  if (n == 0) return invalid(err, PARLEY_ERR_INVALID, "'points' for issue '%s' is empty", is->id);
  for (size_t k = 0; k < n; k++) {
    *bad_point = k;
    if (!isfinite(xs[k])) {
      *bad_part = 0;
      return invalid(err, PARLEY_ERR_INVALID, "point x must be a finite number");
    }
    if (pl_check_value(ys[k], err)) {
      *bad_part = 1;
      return PARLEY_ERR_INVALID;
    }
    if (k > 0 && !(xs[k] > xs[k - 1])) {
      *bad_part = 0;
      return invalid(err, PARLEY_ERR_INVALID, "points must be in strictly increasing x (%g follows %g)", xs[k], xs[k - 1]);
    }
  }
  *bad_point = PARLEY_NONE;
  /* linear between points, flat beyond the first and last */
  double *v = malloc((is->n_options ? is->n_options : 1) * sizeof *v);
  if (!v) return NOMEM(err);
  for (size_t o = 0; o < is->n_options; o++) {
    const double x = is->options[o].number;
    double y;
    if (x <= xs[0]) {
      y = ys[0];
    } else if (x >= xs[n - 1]) {
      y = ys[n - 1];
    } else {
      size_t j = 1;
      while (xs[j] < x) j++;
      const double t = (x - xs[j - 1]) / (xs[j] - xs[j - 1]);
      y = ys[j - 1] + t * (ys[j] - ys[j - 1]);
    }
    v[o] = y < 0 ? 0 : y > 1 ? 1 : y;
  }
  int rc = put_values(b->parties[party], issue, v, is->n_options, err);
  free(v);
  return rc;
}

int parley_builder_set_points(parley_builder *b, size_t party, size_t issue, size_t n, const double *x,
                              const double *value, parley_error *err) {
  return pl_builder_set_points(b, party, issue, n, x, value, NULL, NULL, err);
}

/* Appends a rule with copies of its conditions. */
static int push_rule(parley_builder *b, b_rules *list, double bonus, const char *note, const parley_condition *conds,
                     size_t n, parley_error *err) {
  if (pl_grow(&list->items, &list->cap, list->n + 1)) return NOMEM(err);
  b_rule *r = &list->items[list->n];
  memset(r, 0, sizeof *r);
  r->bonus = bonus;
  r->conds = calloc(n ? n : 1, sizeof *r->conds);
  int rc = !r->conds || dup(&r->note, note) ? PARLEY_ERR_NOMEM : 0;
  for (size_t k = 0; rc == 0 && k < n; k++) {
    const size_t m = b->issues[conds[k].issue].n_options;
    b_cond *c = &r->conds[k];
    c->issue = conds[k].issue;
    c->n_allowed = m;
    if (!(c->allowed = malloc(m ? m : 1))) rc = PARLEY_ERR_NOMEM;
    else {
      for (size_t o = 0; o < m; o++) c->allowed[o] = conds[k].allowed[o] != 0;
      r->n_conds++;
    }
  }
  if (rc) {
    list->n++;
    rules_clear(&(b_rules){r, 1, 1});
    list->n--;
    return NOMEM(err);
  }
  list->n++;
  return 0;
}

int parley_builder_add_interaction(parley_builder *b, size_t party, double bonus, const char *note,
                                   const parley_condition *conds, size_t n_conds, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  int rc = check_conds(b, conds, n_conds, err);
  if (rc) return rc;
  if (!isfinite(bonus)) return invalid(err, PARLEY_ERR_INVALID, "bonus %g is not a finite number", bonus);
  return push_rule(b, &b->parties[party]->interactions, bonus, note, conds, n_conds, err);
}

int parley_builder_add_red_line(parley_builder *b, size_t party, const char *note, const parley_condition *conds,
                                size_t n_conds, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  int rc = check_conds(b, conds, n_conds, err);
  if (rc) return rc;
  return push_rule(b, &b->parties[party]->red_lines, 0, note, conds, n_conds, err);
}

int parley_builder_clear_rules(parley_builder *b, size_t party, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  rules_clear(&b->parties[party]->interactions);
  rules_clear(&b->parties[party]->red_lines);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Frameworks and positions                                                                   */

int pl_builder_check_framework_id(const parley_builder *b, const char *id, parley_error *err) {
  int rc = check_id(id, "framework id", err);
  if (rc) return rc;
  for (size_t f = 0; f < b->n_frameworks; f++)
    if (!strcmp(b->frameworks[f].id, id)) return invalid(err, PARLEY_ERR_INVALID, "duplicate framework id '%s'", id);
  return 0;
}

int parley_builder_add_framework(parley_builder *b, const char *id, const char *name, const uint32_t *package,
                                 parley_error *err) {
  if (!b || (b->n_issues && !package)) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  int rc = pl_builder_check_framework_id(b, id, err);
  if (rc) return rc;
  for (size_t i = 0; i < b->n_issues; i++)
    if (package[i] >= b->issues[i].n_options)
      return invalid(err, PARLEY_ERR_INVALID, "framework '%s' gives option %u of issue '%s', which has %zu options", id,
                     package[i], b->issues[i].id, b->issues[i].n_options);
  if (pl_grow(&b->frameworks, &b->cap_frameworks, b->n_frameworks + 1)) return NOMEM(err);
  b_framework *fw = &b->frameworks[b->n_frameworks];
  memset(fw, 0, sizeof *fw);
  fw->n = b->n_issues;
  fw->package = malloc((fw->n ? fw->n : 1) * sizeof *fw->package);
  if (!fw->package || dup(&fw->id, id) || dup(&fw->name, name)) {
    free(fw->package), free(fw->id), free(fw->name);
    return NOMEM(err);
  }
  if (fw->n) memcpy(fw->package, package, fw->n * sizeof *fw->package);
  b->n_frameworks++;
  return 0;
}

int parley_builder_add_positions(parley_builder *b, size_t issue, double reference, double outcome, parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  for (size_t k = 0; k < b->n_positions; k++)
    if (b->positions[k].issue == issue)
      return invalid(err, PARLEY_ERR_INVALID, "issue '%s' has positions twice", b->issues[issue].id);
  if (isinf(reference) || isinf(outcome))
    return invalid(err, PARLEY_ERR_INVALID, "the reference point and outcome of issue '%s' must be finite",
                   b->issues[issue].id);
  if (pl_grow(&b->positions, &b->cap_positions, b->n_positions + 1)) return NOMEM(err);
  b_positions *ps = &b->positions[b->n_positions++];
  ps->issue = issue;
  ps->reference = reference;
  ps->outcome = outcome;
  for (size_t p = 0; p < PARLEY_MAX_PARTIES; p++) ps->position[p] = ps->salience[p] = NAN;
  return 0;
}

int parley_builder_set_position(parley_builder *b, size_t issue, size_t party, double position, double salience,
                                parley_error *err) {
  if (!b) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  CHECK_PARTY(b, party, err);
  b_positions *ps = NULL;
  for (size_t k = 0; k < b->n_positions && !ps; k++)
    if (b->positions[k].issue == issue) ps = &b->positions[k];
  const char *pid = b->parties[party]->id, *iid = b->issues[issue].id;
  if (!ps) return invalid(err, PARLEY_ERR_ARG, "issue '%s' has no positions entry to set a position in", iid);
  if (!isfinite(position)) return invalid(err, PARLEY_ERR_INVALID, "the position of '%s' on '%s' must be a finite number", pid, iid);
  if (!(salience >= 0 && salience <= 100))
    return invalid(err, PARLEY_ERR_INVALID, "the salience of '%s' on '%s' must be in [0, 100], not %g", pid, iid, salience);
  ps->position[party] = position;
  ps->salience[party] = salience;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Building                                                                                   */

int pl_builder_check_weights(const parley_builder *b, size_t party, parley_error *err) {
  const b_party *pa = b->parties[party];
  if (!pa->normalise) return 0;
  double sum = 0;
  for (size_t k = 0; k < pa->n_order; k++) sum += pa->weight[pa->order[k]];
  if (!(sum > 0))
    return invalid(err, PARLEY_ERR_INVALID, "all weights of party '%s' are zero; at least one must be > 0", pa->id);
  if (!isfinite(sum)) return invalid(err, PARLEY_ERR_INVALID, "the weights of party '%s' are too large to add up", pa->id);
  return 0;
}

int pl_builder_check_values(const parley_builder *b, size_t party, size_t issue, parley_error *err) {
  const b_party *pa = b->parties[party];
  const b_issue *is = &b->issues[issue];
  if (pa->weight[issue] > 0 && !pa->value[issue])
    return invalid(err, PARLEY_ERR_INVALID, "party '%s' weighs issue '%s' but gives no values for its options", pa->id, is->id);
  if (pa->value[issue] && pa->n_value[issue] != is->n_options)
    return invalid(err, PARLEY_ERR_INVALID, "the values of party '%s' for issue '%s' cover %zu options; the issue has %zu",
                   pa->id, is->id, pa->n_value[issue], is->n_options);
  return 0;
}

/* Every check of the whole (see parley_builder_build). */
static int check_all(const parley_builder *b, parley_error *err) {
  if (b->n_issues == 0) return invalid(err, PARLEY_ERR_INVALID, "a scenario needs at least one issue");
  for (size_t i = 0; i < b->n_issues; i++)
    if (b->issues[i].n_options == 0) return invalid(err, PARLEY_ERR_INVALID, "issue '%s' has no options", b->issues[i].id);
  if (b->n_parties == 0) return invalid(err, PARLEY_ERR_INVALID, "a scenario needs at least one party");
  for (size_t p = 0; p < b->n_parties; p++) {
    const b_party *pa = b->parties[p];
    int rc = pl_builder_check_weights(b, p, err);
    for (size_t i = 0; rc == 0 && i < b->n_issues; i++) rc = pl_builder_check_values(b, p, i, err);
    const b_rules *lists[2] = {&pa->interactions, &pa->red_lines};
    for (int l = 0; rc == 0 && l < 2; l++)
      for (size_t k = 0; rc == 0 && k < lists[l]->n; k++)
        for (size_t c = 0; rc == 0 && c < lists[l]->items[k].n_conds; c++) {
          const b_cond *cd = &lists[l]->items[k].conds[c];
          if (cd->n_allowed != b->issues[cd->issue].n_options)
            rc = invalid(err, PARLEY_ERR_INVALID, "a rule of party '%s' on issue '%s' was given for %zu options; the issue has %zu",
                         pa->id, b->issues[cd->issue].id, cd->n_allowed, b->issues[cd->issue].n_options);
        }
    if (rc) return rc;
  }
  for (size_t f = 0; f < b->n_frameworks; f++)
    if (b->frameworks[f].n != b->n_issues)
      return invalid(err, PARLEY_ERR_INVALID, "framework '%s' was given before issue '%s' and has no option for it",
                     b->frameworks[f].id, b->issues[b->frameworks[f].n].id);
  return 0;
}

/* A copy of s in the arena ("" for NULL, or dflt when given). */
static const char *adup(pl_arena *a, const char *s, const char *dflt, int *nomem) {
  const char *d = pl_arena_strdup(a, s ? s : dflt ? dflt : "");
  *nomem |= !d;
  return d;
}

static void copy_rules(pl_arena *a, const b_rules *src, pl_rule **out, uint32_t *n_out, int *nomem) {
  *out = pl_arena_array(a, src->n ? src->n : 1, sizeof **out);
  *n_out = (uint32_t)src->n;
  if (!*out) {
    *nomem = 1;
    return;
  }
  for (size_t k = 0; k < src->n; k++) {
    const b_rule *r = &src->items[k];
    pl_rule *d = &(*out)[k];
    d->note = adup(a, r->note, NULL, nomem);
    d->bonus = r->bonus;
    d->n_conds = (uint32_t)r->n_conds;
    d->conds = pl_arena_array(a, r->n_conds ? r->n_conds : 1, sizeof *d->conds);
    if (!d->conds) {
      *nomem = 1;
      return;
    }
    for (size_t c = 0; c < r->n_conds; c++) {
      d->conds[c].issue = (uint32_t)r->conds[c].issue;
      d->conds[c].allowed = pl_arena_alloc(a, r->conds[c].n_allowed ? r->conds[c].n_allowed : 1);
      if (!d->conds[c].allowed) *nomem = 1;
      else memcpy(d->conds[c].allowed, r->conds[c].allowed, r->conds[c].n_allowed);
    }
  }
}

static void copy_party(pl_arena *a, const parley_builder *b, const b_party *src, pl_party *d, int *nomem) {
  const size_t N = b->n_issues;
  d->id = adup(a, src->id, NULL, nomem);
  d->name = adup(a, src->name, src->id, nomem);
  d->power = src->power;
  d->reservation = src->reservation;
  d->discount = src->discount;
  d->weight = pl_arena_array(a, N, sizeof *d->weight);
  d->value = pl_arena_array(a, N, sizeof *d->value);
  if (!d->weight || !d->value) {
    *nomem = 1;
    return;
  }
  double sum = 0; /* in the order the weights were given, as a reader adds them up */
  for (size_t k = 0; k < src->n_order; k++) sum += src->weight[src->order[k]];
  for (size_t i = 0; i < N; i++) {
    d->weight[i] = src->normalise ? src->weight[i] / sum : src->weight[i];
    if (!src->value[i]) continue;
    d->value[i] = pl_arena_array(a, src->n_value[i], sizeof *d->value[i]);
    if (!d->value[i]) *nomem = 1;
    else memcpy(d->value[i], src->value[i], src->n_value[i] * sizeof *d->value[i]);
  }
  copy_rules(a, &src->interactions, &d->interactions, &d->n_interactions, nomem);
  copy_rules(a, &src->red_lines, &d->red_lines, &d->n_red_lines, nomem);
}

int parley_builder_build(const parley_builder *b, parley_scenario **out, parley_error *err) {
  if (!b || !out) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  *out = NULL;
  int rc = check_all(b, err);
  if (rc) {
    if (err) snprintf(err->file, sizeof err->file, "%s", b->source);
    return rc;
  }
  pl_arena arena = {0};
  parley_scenario *sc = pl_arena_alloc(&arena, sizeof *sc);
  if (!sc) return NOMEM(err);
  sc->arena = arena; /* from here on everything is allocated through sc->arena */
  pl_arena *a = &sc->arena;
  int nomem = 0;
  const size_t N = b->n_issues, P = b->n_parties;
  sc->source = adup(a, b->source, NULL, &nomem);
  sc->title = adup(a, b->title, NULL, &nomem);
  sc->description = adup(a, b->description, NULL, &nomem);
  sc->issues_line = b->issues_line;
  sc->issues_column = b->issues_column;
  sc->n_issues = (uint32_t)N;
  sc->issues = pl_arena_array(a, N, sizeof *sc->issues);
  sc->radix = pl_arena_array(a, N, sizeof *sc->radix);
  sc->n_parties = (uint32_t)P;
  sc->parties = pl_arena_array(a, P, sizeof *sc->parties);
  sc->n_frameworks = (uint32_t)b->n_frameworks;
  sc->frameworks = pl_arena_array(a, b->n_frameworks ? b->n_frameworks : 1, sizeof *sc->frameworks);
  sc->n_positions = (uint32_t)b->n_positions;
  sc->positions = pl_arena_array(a, b->n_positions ? b->n_positions : 1, sizeof *sc->positions);
  nomem |= !sc->issues || !sc->radix || !sc->parties || !sc->frameworks || !sc->positions;
  for (size_t i = 0; !nomem && i < N; i++) {
    const b_issue *src = &b->issues[i];
    pl_issue *is = &sc->issues[i];
    is->id = adup(a, src->id, NULL, &nomem);
    is->name = adup(a, src->name, src->id, &nomem);
    is->unit = adup(a, src->unit, NULL, &nomem);
    is->numeric = src->numeric;
    is->n_options = sc->radix[i] = (uint32_t)src->n_options;
    if (!(is->options = pl_arena_array(a, src->n_options, sizeof *is->options))) nomem = 1;
    for (size_t o = 0; !nomem && o < src->n_options; o++) {
      is->options[o].id = adup(a, src->options[o].id, NULL, &nomem);
      is->options[o].name = adup(a, src->options[o].name, src->options[o].id, &nomem);
      is->options[o].number = src->options[o].number;
    }
  }
  for (size_t p = 0; !nomem && p < P; p++) copy_party(a, b, b->parties[p], &sc->parties[p], &nomem);
  for (size_t f = 0; !nomem && f < b->n_frameworks; f++) {
    const b_framework *src = &b->frameworks[f];
    pl_framework *fw = &sc->frameworks[f];
    fw->id = adup(a, src->id, NULL, &nomem);
    fw->name = adup(a, src->name, src->id, &nomem);
    if (!(fw->package = pl_arena_array(a, N ? N : 1, sizeof *fw->package))) nomem = 1;
    else memcpy(fw->package, src->package, N * sizeof *fw->package);
  }
  for (size_t k = 0; !nomem && k < b->n_positions; k++) {
    const b_positions *src = &b->positions[k];
    pl_position_issue *pi = &sc->positions[k];
    pi->issue = (uint32_t)src->issue;
    pi->reference = src->reference;
    pi->outcome = src->outcome;
    pi->position = pl_arena_array(a, P, sizeof *pi->position);
    pi->salience = pl_arena_array(a, P, sizeof *pi->salience);
    if (!pi->position || !pi->salience) nomem = 1;
    else memcpy(pi->position, src->position, P * sizeof *pi->position), memcpy(pi->salience, src->salience, P * sizeof *pi->salience);
  }
  if (nomem || pl_scenario_compile(sc) != 0) {
    parley_scenario_free(sc);
    return NOMEM(err);
  }
  *out = sc;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* From a scenario                                                                            */

static int copy_rules_in(parley_builder *b, size_t party, const pl_rule *rules, uint32_t n, int red, parley_error *err) {
  int rc = 0;
  for (uint32_t k = 0; rc == 0 && k < n; k++) {
    const pl_rule *r = &rules[k];
    parley_condition conds[PARLEY_MAX_ISSUES];
    const size_t nc = r->n_conds < PARLEY_MAX_ISSUES ? r->n_conds : PARLEY_MAX_ISSUES;
    for (size_t c = 0; c < nc; c++) conds[c] = (parley_condition){r->conds[c].issue, r->conds[c].allowed};
    b_rules *list = red ? &b->parties[party]->red_lines : &b->parties[party]->interactions;
    rc = push_rule(b, list, r->bonus, r->note, conds, nc, err);
  }
  return rc;
}

int parley_builder_from_scenario(const parley_scenario *sc, parley_builder **out, parley_error *err) {
  if (!sc || !out) return invalid(err, PARLEY_ERR_ARG, "invalid argument");
  *out = NULL;
  parley_builder *b = parley_builder_new(sc->source);
  if (!b) return NOMEM(err);
  b->issues_line = sc->issues_line;
  b->issues_column = sc->issues_column;
  b->max_options = (size_t)-1; /* what the scenario holds was allowed when it was made */
  int rc = parley_builder_set_title(b, sc->title, err);
  if (rc == 0) rc = parley_builder_set_description(b, sc->description, err);
  for (uint32_t i = 0; rc == 0 && i < sc->n_issues; i++) {
    const pl_issue *is = &sc->issues[i];
    rc = parley_builder_add_issue(b, is->id, is->name, NULL, err);
    if (rc == 0) rc = parley_builder_set_issue_unit(b, i, is->unit, err);
    for (uint32_t o = 0; rc == 0 && o < is->n_options; o++)
      rc = push_option(&b->issues[i], is->options[o].id, is->options[o].name, is->options[o].number) ? NOMEM(err) : 0;
    b->issues[i].numeric = is->numeric;
  }
  for (uint32_t p = 0; rc == 0 && p < sc->n_parties; p++) {
    const pl_party *pa = &sc->parties[p];
    rc = parley_builder_add_party(b, pa->id, pa->name, NULL, err);
    if (rc) break;
    b_party *d = b->parties[p];
    d->power = pa->power;
    d->reservation = pa->reservation;
    d->discount = pa->discount;
    d->normalise = 0; /* the weights are already as the model holds them */
    for (uint32_t i = 0; rc == 0 && i < sc->n_issues; i++) {
      d->weight[i] = pa->weight[i];
      d->order[d->n_order++] = (uint16_t)i;
      if (pa->value[i]) rc = put_values(d, i, pa->value[i], sc->issues[i].n_options, err);
    }
    if (rc == 0) rc = copy_rules_in(b, p, pa->interactions, pa->n_interactions, 0, err);
    if (rc == 0) rc = copy_rules_in(b, p, pa->red_lines, pa->n_red_lines, 1, err);
  }
  for (uint32_t f = 0; rc == 0 && f < sc->n_frameworks; f++)
    rc = parley_builder_add_framework(b, sc->frameworks[f].id, sc->frameworks[f].name, sc->frameworks[f].package, err);
  for (uint32_t k = 0; rc == 0 && k < sc->n_positions; k++) {
    const pl_position_issue *pi = &sc->positions[k];
    if ((rc = parley_builder_add_positions(b, pi->issue, pi->reference, pi->outcome, err)) != 0) break;
    b_positions *ps = &b->positions[k];
    memcpy(ps->position, pi->position, sc->n_parties * sizeof *ps->position);
    memcpy(ps->salience, pi->salience, sc->n_parties * sizeof *ps->salience);
  }
  b->max_options = PARLEY_DEFAULT_MAX_OPTIONS;
  if (rc) {
    parley_builder_free(b);
    return rc;
  }
  *out = b;
  return 0;
}

int parley_scenario_copy(const parley_scenario *sc, parley_scenario **out, parley_error *err) {
  parley_builder *b = NULL;
  int rc = parley_builder_from_scenario(sc, &b, err);
  if (rc == 0) rc = parley_builder_build(b, out, err);
  parley_builder_free(b);
  return rc;
}
