/* builder.c — making and changing scenarios in code. A builder holds a scenario being made, in
 * memory it owns (every string copied, every table its own), and checks each piece as it is
 * given, with the messages the scenario reader uses; build.c checks the whole, copies it into
 * a new scenario's arena and compiles it. The readers in io/ build through it, so every rule
 * about what a scenario may hold lives here once. */
#include "model/builder.h"
#include "model/builder_data.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "util/error.h"
#include "util/vec.h"

/* ------------------------------------------------------------------------------------------ */
/* Memory                                                                                     */

int pl_builder_strdup(char **dst, const char *s) {
  char *d = NULL;
  if (s && !(d = malloc(strlen(s) + 1))) return PARLEY_ERR_NOMEM;
  if (d) strcpy(d, s);
  free(*dst);
  *dst = d;
  return 0;
}

void pl_builder_rules_clear(b_rules *r) {
  for (size_t k = 0; k < r->n; k++) {
    free(r->items[k].note);
    for (size_t c = 0; c < r->items[k].n_conds; c++) free(r->items[k].conds[c].allowed);
    free(r->items[k].conds);
  }
  r->n = 0;
}

void pl_builder_party_free(b_party *p) {
  if (!p) return;
  free(p->id), free(p->name);
  for (size_t i = 0; i < PARLEY_MAX_ISSUES; i++) {
    free(p->value[i]), free(p->value_q[i]), free(p->value_dist[i]);
    pl_builder_points_free(p->points[i]);
    pl_builder_sched_free(p->weight_sched[i]);
  }
  pl_builder_sched_free(p->reservation_sched);
  pl_builder_rules_clear(&p->interactions);
  pl_builder_rules_clear(&p->red_lines);
  free(p->interactions.items), free(p->red_lines.items);
  free(p);
}

void parley_builder_free(parley_builder *b) {
  if (!b) return;
  free(b->source), free(b->title), free(b->description), free(b->time_unit);
  for (size_t i = 0; i < b->n_issues; i++) {
    b_issue *is = &b->issues[i];
    for (size_t o = 0; o < is->n_options; o++) free(is->options[o].id), free(is->options[o].name);
    free(is->id), free(is->name), free(is->unit), free(is->options);
  }
  free(b->issues);
  for (size_t p = 0; p < b->n_parties; p++) pl_builder_party_free(b->parties[p]);
  free(b->parties);
  for (size_t f = 0; f < b->n_frameworks; f++)
    free(b->frameworks[f].id), free(b->frameworks[f].name), free(b->frameworks[f].package);
  free(b->frameworks);
  free(b->positions);
  pl_mediation_free(&b->mediation);
  free(b);
}

parley_builder *parley_builder_new(const char *source) {
  parley_builder *b = calloc(1, sizeof *b);
  if (!b) return NULL;
  b->max_options = PARLEY_DEFAULT_MAX_OPTIONS;
  b->horizon = 1;
  if (pl_builder_strdup(&b->source, source ? source : "<built>")) {
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

int pl_builder_fail(parley_error *err, int code, const char *fmt, ...) {
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
  if ((i) >= (b)->n_issues) return pl_builder_fail(err, PARLEY_ERR_ARG, "no issue %zu (the scenario has %zu)", (size_t)(i), (b)->n_issues)
#define CHECK_PARTY(b, p, err) \
  if ((p) >= (b)->n_parties) return pl_builder_fail(err, PARLEY_ERR_ARG, "no party %zu (the scenario has %zu)", (size_t)(p), (b)->n_parties)
/* pa: the profile p names (a party, or a belief's handle), or the error returned. */
#define GET_PROFILE(pa, b, p, err)                                                                                \
  b_party *pa = pl_builder_profile(b, p);                                                                        \
  if (!pa) return pl_builder_fail(err, PARLEY_ERR_ARG, "no party %zu (the scenario has %zu)", (size_t)(p), (b)->n_parties)

b_party *pl_builder_profile(const parley_builder *b, size_t party) {
  if (party < b->n_parties) return b->parties[party];
  if (party >= PL_BELIEF_HANDLE(0) && party - PL_BELIEF_HANDLE(0) < b->mediation.n_beliefs)
    return b->mediation.beliefs[party - PL_BELIEF_HANDLE(0)].profile;
  return NULL;
}

/* Ids are referred to elsewhere in the file and on the command line, so keep them simple. */
static int check_id(const char *id, const char *what, parley_error *err) {
  if (!id || !*id) return pl_builder_fail(err, PARLEY_ERR_INVALID, "%s must not be empty", what);
  if (strlen(id) > 64) return pl_builder_fail(err, PARLEY_ERR_INVALID, "%s '%.20s...' is longer than 64 characters", what, id);
  for (const char *p = id; *p; p++) {
    const char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
          c == '.' || c == '+'))
      return pl_builder_fail(err, PARLEY_ERR_INVALID, "%s '%s' may only contain letters, digits, '_', '-', '.' and '+'", what, id);
  }
  return 0;
}

int pl_check_value(double v, parley_error *err) {
  return v >= 0 && v <= 1 ? 0 : pl_builder_fail(err, PARLEY_ERR_INVALID, "value %g is outside [0, 1]", v);
}

/* The conditions of a rule: issues that exist, a flag per option. */
static int check_conds(const parley_builder *b, const parley_condition *conds, size_t n, parley_error *err) {
  if (n && !conds) return pl_builder_fail(err, PARLEY_ERR_ARG, "no conditions given");
  for (size_t k = 0; k < n; k++) {
    CHECK_ISSUE(b, conds[k].issue, err);
    const char *iid = b->issues[conds[k].issue].id;
    if (!conds[k].allowed) return pl_builder_fail(err, PARLEY_ERR_ARG, "a condition on issue '%s' has no options", iid);
    for (size_t j = 0; j < k; j++)
      if (conds[j].issue == conds[k].issue)
        return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' appears twice in one rule", iid);
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The scenario, issues and options                                                           */

int parley_builder_set_title(parley_builder *b, const char *title, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  return pl_builder_strdup(&b->title, title) ? NOMEM(err) : 0;
}

int parley_builder_set_description(parley_builder *b, const char *text, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  return pl_builder_strdup(&b->description, text) ? NOMEM(err) : 0;
}

int parley_builder_add_issue(parley_builder *b, const char *id, const char *name, size_t *issue_out, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  if (b->n_issues == PARLEY_MAX_ISSUES)
    return pl_builder_fail(err, PARLEY_ERR_LIMIT, "more than %d issues, the limit", PARLEY_MAX_ISSUES);
  int rc = check_id(id, "issue id", err);
  if (rc) return rc;
  for (size_t i = 0; i < b->n_issues; i++)
    if (!strcmp(b->issues[i].id, id)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "duplicate issue id '%s'", id);
  if (pl_grow(&b->issues, &b->cap_issues, b->n_issues + 1)) return NOMEM(err);
  b_issue *is = &b->issues[b->n_issues];
  memset(is, 0, sizeof *is);
  if (pl_builder_strdup(&is->id, id) || pl_builder_strdup(&is->name, name)) {
    free(is->id), free(is->name);
    return NOMEM(err);
  }
  if (issue_out) *issue_out = b->n_issues;
  b->n_issues++;
  return 0;
}

int parley_builder_set_issue_unit(parley_builder *b, size_t issue, const char *unit, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  return pl_builder_strdup(&b->issues[issue].unit, unit) ? NOMEM(err) : 0;
}

/* Appends an option (id already checked); returns 0 or PARLEY_ERR_NOMEM. */
int pl_builder_push_option(b_issue *is, const char *id, const char *name, double number) {
  if (pl_grow(&is->options, &is->cap_options, is->n_options + 1)) return PARLEY_ERR_NOMEM;
  b_option *op = &is->options[is->n_options];
  memset(op, 0, sizeof *op);
  if (pl_builder_strdup(&op->id, id) || pl_builder_strdup(&op->name, name)) {
    free(op->id), free(op->name);
    return PARLEY_ERR_NOMEM;
  }
  op->number = number;
  is->n_options++;
  return 0;
}

int parley_builder_add_option(parley_builder *b, size_t issue, const char *id, const char *name, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  b_issue *is = &b->issues[issue];
  if (is->numeric) return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' is a numeric range; it takes no other options", is->id);
  if (is->n_options >= b->max_options)
    return pl_builder_fail(err, PARLEY_ERR_LIMIT, "issue '%s' has more options than the limit of %zu", is->id, b->max_options);
  int rc = check_id(id, "option id", err);
  if (rc) return rc;
  for (size_t o = 0; o < is->n_options; o++)
    if (!strcmp(is->options[o].id, id))
      return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' lists option '%s' twice", is->id, id);
  return pl_builder_push_option(is, id, name, 0) ? NOMEM(err) : 0;
}

int pl_builder_add_numeric_option(parley_builder *b, size_t issue, const char *id, double number, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  b_issue *is = &b->issues[issue];
  if (is->n_options && !is->numeric)
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' has options without numbers; it cannot take one with a number", is->id);
  if (is->n_options >= b->max_options)
    return pl_builder_fail(err, PARLEY_ERR_LIMIT, "issue '%s' has more options than the limit of %zu", is->id, b->max_options);
  int rc = check_id(id, "option id", err);
  if (rc) return rc;
  if (!isfinite(number)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "option '%s' of issue '%s' needs a finite number", id, is->id);
  for (size_t o = 0; o < is->n_options; o++)
    if (!strcmp(is->options[o].id, id)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' lists option '%s' twice", is->id, id);
  if (pl_builder_push_option(is, id, NULL, number)) return NOMEM(err);
  is->numeric = 1;
  return 0;
}

int pl_builder_add_range(parley_builder *b, size_t issue, double lo, double hi, double step, int *bad_arg,
                         parley_error *err) {
  int ignored;
  if (!bad_arg) bad_arg = &ignored;
  *bad_arg = -1;
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  b_issue *is = &b->issues[issue];
  if (is->n_options) return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' already has options; a range makes them", is->id);
  if (!isfinite(lo) || !isfinite(hi) || !isfinite(step)) {
    *bad_arg = !isfinite(lo) ? 0 : !isfinite(hi) ? 1 : 2;
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "min, max and step of issue '%s' must be finite numbers", is->id);
  }
  if (!(step > 0)) {
    *bad_arg = 2;
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "step of issue '%s' must be > 0 (got %g)", is->id, step);
  }
  if (hi < lo) {
    *bad_arg = 1;
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "max of issue '%s' (%g) is below its min (%g)", is->id, hi, lo);
  }
  const double span = (hi - lo) / step;
  if (!(span + 1 <= (double)b->max_options)) {
    *bad_arg = 2;
    const double n = floor(span + 1e-9) + 1;
    char count[32]; /* a count past 10^15 in the shortest form, not in 300 digits */
    snprintf(count, sizeof count, n < 1e15 ? "%.0f" : "about %.3g", n);
    return pl_builder_fail(err, PARLEY_ERR_LIMIT, "range of issue '%s' gives %s options, more than the limit of %zu; use a larger step",
                   is->id, count, b->max_options);
  }
  const size_t n = (size_t)floor(span + 1e-9) + 1;
  for (size_t o = 0; o < n; o++) {
    char id[40];
    snprintf(id, sizeof id, "%.12g", lo + step * (double)o);
    if (pl_builder_push_option(is, id, NULL, strtod(id, NULL))) {
      while (is->n_options) { /* out of memory: leave the issue as it was */
        b_option *op = &is->options[--is->n_options];
        free(op->id), free(op->name);
      }
      return NOMEM(err);
    }
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
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  if (b->n_parties == PARLEY_MAX_PARTIES)
    return pl_builder_fail(err, PARLEY_ERR_LIMIT, "more than %d parties, the limit", PARLEY_MAX_PARTIES);
  int rc = check_id(id, "party id", err);
  if (rc) return rc;
  for (size_t p = 0; p < b->n_parties; p++)
    if (!strcmp(b->parties[p]->id, id)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "duplicate party id '%s'", id);
  if (pl_grow(&b->parties, &b->cap_parties, b->n_parties + 1)) return NOMEM(err);
  b_party *pa = calloc(1, sizeof *pa);
  if (!pa || pl_builder_strdup(&pa->id, id) || pl_builder_strdup(&pa->name, name)) {
    pl_builder_party_free(pa);
    return NOMEM(err);
  }
  pa->power = 1;
  pa->discount = 1;
  pa->normalise = 1;
  pa->reservation_q = pl_q_int(0);
  for (size_t i = 0; i < PARLEY_MAX_ISSUES; i++) pa->weight_q[i] = pl_q_int(0);
  for (size_t k = 0; k < b->n_positions; k++)
    b->positions[k].position[b->n_parties] = b->positions[k].salience[b->n_parties] = NAN;
  b->parties[b->n_parties] = pa;
  if (party_out) *party_out = b->n_parties;
  b->n_parties++;
  return 0;
}

int parley_builder_remove_party(parley_builder *b, size_t party, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  pl_builder_party_free(b->parties[party]);
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

int parley_builder_set_party_name(parley_builder *b, size_t party, const char *name, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_PARTY(b, party, err);
  return pl_builder_strdup(&b->parties[party]->name, name) ? NOMEM(err) : 0;
}

int parley_builder_set_power(parley_builder *b, size_t party, double power, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  if (!(power >= 0) || isinf(power))
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "power of party '%s' must be >= 0 (got %g)", pa->id, power);
  pa->power = power;
  pa->given |= PL_KEY_POWER;
  return 0;
}

int parley_builder_set_reservation(parley_builder *b, size_t party, double reservation, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  if (!(reservation >= 0 && reservation <= 1))
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "reservation of party '%s' must be in [0, 1] (got %g)", pa->id, reservation);
  pa->reservation = reservation;
  pa->reservation_q = pl_q_from_double(reservation);
  pa->reservation_dist.kind = PL_DIST_NONE;
  pl_builder_sched_free(pa->reservation_sched);
  pa->reservation_sched = NULL;
  pa->given |= PL_KEY_RESERVATION;
  return 0;
}

int parley_builder_set_discount(parley_builder *b, size_t party, double discount, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  if (!(discount > 0 && discount <= 1))
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "discount of party '%s' must be in (0, 1] (got %g)", pa->id, discount);
  pa->discount = discount;
  pa->given |= PL_KEY_DISCOUNT;
  return 0;
}

int parley_builder_set_weight(parley_builder *b, size_t party, size_t issue, double weight, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  CHECK_ISSUE(b, issue, err);
  const char *iid = b->issues[issue].id;
  if (isinf(weight)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "weight for issue '%s' must be a finite number", iid);
  if (!(weight >= 0)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "weight for issue '%s' must be >= 0 (got %g)", iid, weight);
  pa->given |= PL_KEY_WEIGHTS;
  size_t k = 0;
  while (k < pa->n_order && pa->order[k] != issue) k++;
  if (k == pa->n_order) pa->order[pa->n_order++] = (uint16_t)issue;
  pa->weight[issue] = weight;
  pa->weight_q[issue] = pl_q_from_double(weight);
  pa->weight_dist[issue].kind = PL_DIST_NONE;
  pa->has_alpha = 0;
  pl_builder_sched_free(pa->weight_sched[issue]);
  pa->weight_sched[issue] = NULL;
  return 0;
}

int parley_builder_set_normalise(parley_builder *b, size_t party, int normalise, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  pa->normalise = normalise != 0; /* a belief's counts with its weights only */
  return 0;
}

int pl_builder_put_values(b_party *pa, size_t issue, const double *v, const pl_q *q, size_t n, parley_error *err) {
  double *copy = malloc((n ? n : 1) * sizeof *copy);
  pl_q *copy_q = malloc((n ? n : 1) * sizeof *copy_q);
  if (!copy || !copy_q) {
    free(copy), free(copy_q);
    return NOMEM(err);
  }
  for (size_t o = 0; o < n; o++) {
    copy_q[o] = q ? q[o] : pl_q_from_double(v[o]);
    copy[o] = pl_q_exact(copy_q[o]) ? pl_q_to_double(copy_q[o]) : v[o];
  }
  free(pa->value[issue]), free(pa->value_q[issue]), free(pa->value_dist[issue]);
  pl_builder_points_free(pa->points[issue]);
  pa->value_dist[issue] = NULL, pa->points[issue] = NULL;
  pa->value[issue] = copy;
  pa->value_q[issue] = copy_q;
  pa->n_value[issue] = n;
  return 0;
}

int pl_builder_set_values(parley_builder *b, size_t party, size_t issue, const double *values, const pl_q *exact,
                          size_t *bad_option, parley_error *err) {
  size_t ignored;
  if (!bad_option) bad_option = &ignored;
  *bad_option = PARLEY_NONE;
  if (!b || !values) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  CHECK_ISSUE(b, issue, err);
  const size_t n = b->issues[issue].n_options;
  for (size_t o = 0; o < n; o++)
    if (pl_check_value(values[o], err)) {
      *bad_option = o;
      return PARLEY_ERR_INVALID;
    }
  return pl_builder_put_values(pa, issue, values, exact, n, err);
}

void pl_builder_clear_values(parley_builder *b, size_t party, size_t issue) {
  b_party *pa = pl_builder_profile(b, party);
  if (!pa || issue >= b->n_issues) return;
  free(pa->value[issue]), free(pa->value_q[issue]), free(pa->value_dist[issue]);
  pl_builder_points_free(pa->points[issue]);
  pa->value_dist[issue] = NULL, pa->points[issue] = NULL;
  pa->value[issue] = NULL;
  pa->value_q[issue] = NULL;
  pa->n_value[issue] = 0;
}

int parley_builder_set_values(parley_builder *b, size_t party, size_t issue, const double *values, parley_error *err) {
  return pl_builder_set_values(b, party, issue, values, NULL, NULL, err);
}

int pl_builder_set_points(parley_builder *b, size_t party, size_t issue, size_t n, const double *xs, const double *ys,
                          size_t *bad_point, int *bad_part, parley_error *err) {
  size_t ignored_k;
  int ignored_part;
  if (!bad_point) bad_point = &ignored_k;
  if (!bad_part) bad_part = &ignored_part;
  *bad_point = PARLEY_NONE;
  if (!b || (n && (!xs || !ys))) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  CHECK_ISSUE(b, issue, err);
  const b_issue *is = &b->issues[issue];
  if (!is->numeric)
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "values of issue '%s' can be piecewise-linear only when it is a numeric range", is->id);
  if (n == 0) return pl_builder_fail(err, PARLEY_ERR_INVALID, "'points' for issue '%s' is empty", is->id);
  for (size_t k = 0; k < n; k++) {
    *bad_point = k;
    if (!isfinite(xs[k])) {
      *bad_part = 0;
      return pl_builder_fail(err, PARLEY_ERR_INVALID, "point x must be a finite number");
    }
    if (pl_check_value(ys[k], err)) {
      *bad_part = 1;
      return PARLEY_ERR_INVALID;
    }
    if (k > 0 && !(xs[k] > xs[k - 1])) {
      *bad_part = 0;
      return pl_builder_fail(err, PARLEY_ERR_INVALID, "points must be in strictly increasing x (%g follows %g)", xs[k], xs[k - 1]);
    }
  }
  *bad_point = PARLEY_NONE;
  /* linear between points, flat beyond the first and last; in fractions too, where the points
   * and the option's number are exact */
  double *v = malloc((is->n_options ? is->n_options : 1) * sizeof *v);
  pl_q *q = malloc((is->n_options ? is->n_options : 1) * sizeof *q);
  if (!v || !q) {
    free(v), free(q);
    return NOMEM(err);
  }
  for (size_t o = 0; o < is->n_options; o++) {
    const double x = is->options[o].number;
    double y;
    if (x <= xs[0]) {
      y = ys[0];
      q[o] = pl_q_from_double(ys[0]);
    } else if (x >= xs[n - 1]) {
      y = ys[n - 1];
      q[o] = pl_q_from_double(ys[n - 1]);
    } else {
      size_t j = 1;
      while (xs[j] < x) j++;
      const double t = (x - xs[j - 1]) / (xs[j] - xs[j - 1]);
      y = ys[j - 1] + t * (ys[j] - ys[j - 1]);
      const pl_q x0 = pl_q_from_double(xs[j - 1]), y0 = pl_q_from_double(ys[j - 1]);
      const pl_q tq = pl_q_div(pl_q_sub(pl_q_from_double(x), x0), pl_q_sub(pl_q_from_double(xs[j]), x0));
      q[o] = pl_q_add(y0, pl_q_mul(tq, pl_q_sub(pl_q_from_double(ys[j]), y0)));
    }
    v[o] = y < 0 ? 0 : y > 1 ? 1 : y; /* the points' values are in [0, 1], and so is y in exact arithmetic */
  }
  int rc = pl_builder_put_values(pa, issue, v, q, is->n_options, err);
  free(v), free(q);
  return rc;
}

int parley_builder_set_points(parley_builder *b, size_t party, size_t issue, size_t n, const double *x,
                              const double *value, parley_error *err) {
  return pl_builder_set_points(b, party, issue, n, x, value, NULL, NULL, err);
}

/* Appends a rule with copies of its conditions. */
int pl_builder_push_rule(parley_builder *b, b_rules *list, double bonus, pl_q bonus_q, const char *note,
                         const parley_condition *conds, size_t n, parley_error *err) {
  if (pl_grow(&list->items, &list->cap, list->n + 1)) return NOMEM(err);
  b_rule *r = &list->items[list->n];
  memset(r, 0, sizeof *r);
  r->probability = 1;
  r->bonus = pl_q_exact(bonus_q) ? pl_q_to_double(bonus_q) : bonus;
  r->bonus_q = bonus_q;
  r->conds = calloc(n ? n : 1, sizeof *r->conds);
  int rc = !r->conds || pl_builder_strdup(&r->note, note) ? PARLEY_ERR_NOMEM : 0;
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
    pl_builder_rules_clear(&(b_rules){r, 1, 1});
    list->n--;
    return NOMEM(err);
  }
  list->n++;
  return 0;
}

int pl_builder_add_interaction(parley_builder *b, size_t party, double bonus, pl_q bonus_q, const char *note,
                               const parley_condition *conds, size_t n_conds, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  int rc = check_conds(b, conds, n_conds, err);
  if (rc) return rc;
  if (!(fabs(bonus) <= PL_MAX_TERM))
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "bonus %g is outside [-%g, %g]", bonus, PL_MAX_TERM, PL_MAX_TERM);
  pa->given |= PL_KEY_INTERACTIONS;
  return pl_builder_push_rule(b, &pa->interactions, bonus, bonus_q, note, conds, n_conds, err);
}

int parley_builder_add_interaction(parley_builder *b, size_t party, double bonus, const char *note,
                                   const parley_condition *conds, size_t n_conds, parley_error *err) {
  return pl_builder_add_interaction(b, party, bonus, pl_q_from_double(bonus), note, conds, n_conds, err);
}

int parley_builder_add_red_line(parley_builder *b, size_t party, const char *note, const parley_condition *conds,
                                size_t n_conds, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  int rc = check_conds(b, conds, n_conds, err);
  if (rc) return rc;
  pa->given |= PL_KEY_RED_LINES;
  return pl_builder_push_rule(b, &pa->red_lines, 0, pl_q_int(0), note, conds, n_conds, err);
}

int parley_builder_clear_rules(parley_builder *b, size_t party, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  GET_PROFILE(pa, b, party, err);
  pl_builder_rules_clear(&pa->interactions);
  pl_builder_rules_clear(&pa->red_lines);
  pa->given |= PL_KEY_INTERACTIONS | PL_KEY_RED_LINES;
  return 0;
}

void pl_builder_give_rules(parley_builder *b, size_t party, int red_lines) {
  b_party *pa = b ? pl_builder_profile(b, party) : NULL;
  if (pa) pa->given |= red_lines ? PL_KEY_RED_LINES : PL_KEY_INTERACTIONS;
}

/* ------------------------------------------------------------------------------------------ */
/* Frameworks and positions                                                                   */

int pl_builder_check_framework_id(const parley_builder *b, const char *id, parley_error *err) {
  int rc = check_id(id, "framework id", err);
  if (rc) return rc;
  for (size_t f = 0; f < b->n_frameworks; f++)
    if (!strcmp(b->frameworks[f].id, id)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "duplicate framework id '%s'", id);
  return 0;
}

int parley_builder_add_framework(parley_builder *b, const char *id, const char *name, const uint32_t *package,
                                 parley_error *err) {
  if (!b || (b->n_issues && !package)) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  int rc = pl_builder_check_framework_id(b, id, err);
  if (rc) return rc;
  for (size_t i = 0; i < b->n_issues; i++)
    if (package[i] >= b->issues[i].n_options)
      return pl_builder_fail(err, PARLEY_ERR_INVALID, "framework '%s' gives option %u of issue '%s', which has %zu options", id,
                     package[i], b->issues[i].id, b->issues[i].n_options);
  if (pl_grow(&b->frameworks, &b->cap_frameworks, b->n_frameworks + 1)) return NOMEM(err);
  b_framework *fw = &b->frameworks[b->n_frameworks];
  memset(fw, 0, sizeof *fw);
  fw->n = b->n_issues;
  fw->package = malloc((fw->n ? fw->n : 1) * sizeof *fw->package);
  if (!fw->package || pl_builder_strdup(&fw->id, id) || pl_builder_strdup(&fw->name, name)) {
    free(fw->package), free(fw->id), free(fw->name);
    return NOMEM(err);
  }
  if (fw->n) memcpy(fw->package, package, fw->n * sizeof *fw->package);
  b->n_frameworks++;
  return 0;
}

int parley_builder_remove_framework(parley_builder *b, size_t fw, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  if (fw >= b->n_frameworks)
    return pl_builder_fail(err, PARLEY_ERR_ARG, "no framework %zu (the scenario has %zu)", fw, b->n_frameworks);
  b_framework *f = &b->frameworks[fw];
  free(f->id), free(f->name), free(f->package);
  memmove(f, f + 1, (b->n_frameworks - fw - 1) * sizeof *f);
  b->n_frameworks--;
  return 0;
}

int parley_builder_add_positions(parley_builder *b, size_t issue, double reference, double outcome, parley_error *err) {
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  for (size_t k = 0; k < b->n_positions; k++)
    if (b->positions[k].issue == issue)
      return pl_builder_fail(err, PARLEY_ERR_INVALID, "issue '%s' has positions twice", b->issues[issue].id);
  if (isinf(reference) || isinf(outcome))
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "the reference point and outcome of issue '%s' must be finite",
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
  if (!b) return pl_builder_fail(err, PARLEY_ERR_ARG, "invalid argument");
  CHECK_ISSUE(b, issue, err);
  CHECK_PARTY(b, party, err);
  b_positions *ps = NULL;
  for (size_t k = 0; k < b->n_positions && !ps; k++)
    if (b->positions[k].issue == issue) ps = &b->positions[k];
  const char *pid = b->parties[party]->id, *iid = b->issues[issue].id;
  if (!ps) return pl_builder_fail(err, PARLEY_ERR_ARG, "issue '%s' has no positions entry to set a position in", iid);
  if (!isfinite(position)) return pl_builder_fail(err, PARLEY_ERR_INVALID, "the position of '%s' on '%s' must be a finite number", pid, iid);
  if (!(salience >= 0 && salience <= 100))
    return pl_builder_fail(err, PARLEY_ERR_INVALID, "the salience of '%s' on '%s' must be in [0, 100], not %g", pid, iid, salience);
  ps->position[party] = position;
  ps->salience[party] = salience;
  return 0;
}

