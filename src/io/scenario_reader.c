/* scenario_reader.c — reads a scenario from YAML or JSON, through the builder. It walks the
 * whole document and reports every problem it finds, each with the position of the offending
 * node, so that `parley validate` can list them all at once: the shape of the file (keys,
 * types, references by id) is checked here, and what a scenario may hold (ids, ranges, values,
 * weights) by the builder, whose messages are placed at the node they come from. The format
 * is in docs/scenario-format.md. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/file.h"
#include "io/ytree.h"
#include "model/builder.h"
#include "util/error.h"

typedef struct rd {
  const char *name;
  pl_collect col;
  parley_read_limits lim;
  parley_builder *b;
  int issue_ok[PARLEY_MAX_ISSUES]; /* per issue built: read without error, so references to it can be checked */
} rd;

__attribute__((format(printf, 4, 5))) static void bad_code(rd *r, int code, const pl_ynode *n,
                                                           const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pl_collect_vadd(&r->col, code, r->name, n ? n->line : 0, n ? n->column : 0, fmt, ap);
  va_end(ap);
}

#define bad(r, n, ...) bad_code(r, PARLEY_ERR_INVALID, n, __VA_ARGS__)

static const char *kind_name(const pl_ynode *n) {
  switch (n->kind) {
    case PL_YMAP: return "a mapping";
    case PL_YSEQ: return "a list";
    default: return n->quoted ? "a string" : "a scalar";
  }
}

static int is_map(rd *r, const pl_ynode *n, const char *what) {
  if (n->kind == PL_YMAP) return 1;
  bad(r, n, "%s must be a mapping, not %s", what, kind_name(n));
  return 0;
}

static int is_seq(rd *r, const pl_ynode *n, const char *what) {
  if (n->kind == PL_YSEQ) return 1;
  bad(r, n, "%s must be a list, not %s", what, kind_name(n));
  return 0;
}

/* Reports keys of map that are not in allowed (NULL-terminated), and repeated keys. */
static void check_keys(rd *r, const pl_ynode *map, const char *const *allowed, const char *what) {
  for (const pl_ynode *v = map->first; v; v = v->next) {
    const char *k = v->key->text;
    int known = 0;
    for (const char *const *a = allowed; *a; a++)
      if (strcmp(*a, k) == 0) known = 1;
    if (!known) {
      char list[256] = "";
      for (const char *const *a = allowed; *a; a++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", a == allowed ? "" : ", ", *a);
      }
      bad(r, v->key, "unknown key '%s' in %s (expected one of: %s)", k, what, list);
      continue;
    }
    for (const pl_ynode *w = map->first; w != v; w = w->next)
      if (strcmp(w->key->text, k) == 0) {
        bad(r, v->key, "duplicate key '%s' in %s (first given at line %d)", k, what,
            w->key->line);
        break;
      }
  }
}

static const pl_ynode *find(const pl_ynode *map, const char *key) {
  for (const pl_ynode *v = map->first; v; v = v->next)
    if (strcmp(v->key->text, key) == 0) return v;
  return NULL;
}

/* Parses an unquoted scalar as a finite number. */
static int scalar_number(const pl_ynode *n, double *out) {
  if (n->kind != PL_YSCALAR || n->quoted || n->len == 0) return 0;
  errno = 0;
  char *end;
  double x = strtod(n->text, &end);
  if (*end != '\0' || errno == ERANGE || !isfinite(x)) return 0;
  /* refuse C-only forms YAML/JSON do not have (hex floats, "inf", "nan") */
  for (const char *p = n->text; *p; p++)
    if (*p == 'x' || *p == 'X' || *p == 'n' || *p == 'N' || *p == 'i' || *p == 'I') return 0;
  *out = x;
  return 1;
}

static int get_number(rd *r, const pl_ynode *n, const char *what, double *out) {
  if (scalar_number(n, out)) return 1;
  if (n->kind == PL_YSCALAR)
    bad(r, n, "%s must be a number, not '%s'", what, n->text);
  else
    bad(r, n, "%s must be a number, not %s", what, kind_name(n));
  return 0;
}

static const char *get_text(rd *r, const pl_ynode *n, const char *what) {
  if (n->kind == PL_YSCALAR) return n->text;
  bad(r, n, "%s must be text, not %s", what, kind_name(n));
  return NULL;
}

static const char *opt_text(rd *r, const pl_ynode *map, const char *key, const char *what,
                            const char *dflt) {
  const pl_ynode *n = find(map, key);
  if (!n) return dflt;
  const char *s = get_text(r, n, what);
  return s ? s : dflt;
}

/* The scenario format's rule on a bonus. */
static int check_bonus(double bonus, parley_error *err) {
  return bonus >= -1 && bonus <= 1 ? 0 : pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "bonus %g is outside [-1, 1]", bonus);
}

/* Reports a problem the builder found, at node n. */
static void at(rd *r, const pl_ynode *n, const parley_error *e) { bad_code(r, e->code, n, "%s", e->message); }

static int nomem(rd *r) {
  bad_code(r, PARLEY_ERR_NOMEM, NULL, "out of memory");
  return PARLEY_ERR_NOMEM;
}

/* The common start of an issue, party or framework: known keys and an 'id' that is text.
 * Returns the id node, or NULL after reporting why. `what` is "issue", "party" or
 * "framework"; `article` "an" or "a". */
static const pl_ynode *entity_id(rd *r, const pl_ynode *it, const char *const *keys, const char *article,
                                 const char *what) {
  char label[32];
  snprintf(label, sizeof label, "%s %s", article, what);
  check_keys(r, it, keys, label);
  const pl_ynode *idn = find(it, "id");
  if (!idn) {
    bad(r, it, "%s needs an 'id'", what);
    return NULL;
  }
  snprintf(label, sizeof label, "%s id", what);
  return get_text(r, idn, label) ? idn : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Issues                                                                                     */

static void option_list(const parley_builder *b, size_t issue, char *buf, size_t size) {
  buf[0] = '\0';
  const size_t n = pl_builder_option_count(b, issue);
  for (size_t o = 0; o < n; o++) {
    size_t l = strlen(buf);
    if (o == 8) {
      snprintf(buf + l, size - l, ", ... (%zu in all)", n);
      return;
    }
    snprintf(buf + l, size - l, "%s%s", o ? ", " : "", pl_builder_option_id(b, issue, o));
  }
}

static void read_range(rd *r, size_t issue, const pl_ynode *range) {
  static const char *const keys[] = {"min", "max", "step", NULL};
  if (!is_map(r, range, "'range'")) return;
  check_keys(r, range, keys, "a range");
  const pl_ynode *node[3] = {find(range, "min"), find(range, "max"), find(range, "step")};
  double v[3] = {0, 0, 1};
  int ok = 1;
  for (int k = 0; k < 3; k++) {
    if (!node[k]) {
      bad(r, range, "range of issue '%s' needs '%s'", pl_builder_issue_id(r->b, issue), keys[k]);
      ok = 0;
    } else {
      ok &= get_number(r, node[k], keys[k], &v[k]);
    }
  }
  parley_error e = {0};
  int bad_arg;
  if (ok && pl_builder_add_range(r->b, issue, v[0], v[1], v[2], &bad_arg, &e)) at(r, bad_arg >= 0 ? node[bad_arg] : range, &e);
}

static void read_options(rd *r, size_t issue, const pl_ynode *opts) {
  static const char *const keys[] = {"id", "name", "description", NULL};
  const char *iid = pl_builder_issue_id(r->b, issue);
  if (!is_seq(r, opts, "'options'")) return;
  if (opts->count == 0) {
    bad(r, opts, "issue '%s' has no options", iid);
    return;
  }
  if (opts->count > r->lim.max_options) {
    bad_code(r, PARLEY_ERR_LIMIT, opts, "issue '%s' has %zu options, more than the limit of %zu", iid, opts->count,
             r->lim.max_options);
    return;
  }
  for (const pl_ynode *it = opts->first; it; it = it->next) {
    const char *name = NULL;
    const pl_ynode *idnode = it;
    if (it->kind == PL_YMAP) {
      check_keys(r, it, keys, "an option");
      idnode = find(it, "id");
      if (!idnode) {
        bad(r, it, "option of issue '%s' needs an 'id'", iid);
        continue;
      }
      name = opt_text(r, it, "name", "option name", NULL);
    }
    const char *id = get_text(r, idnode, "option id");
    parley_error e = {0};
    if (id && parley_builder_add_option(r->b, issue, id, name, &e)) at(r, idnode, &e);
  }
}

static void read_issues(rd *r, const pl_ynode *issues) {
  static const char *const keys[] = {"id", "name", "description", "unit", "options", "range", NULL};
  if (!is_seq(r, issues, "'issues'")) return;
  if (issues->count == 0) {
    bad(r, issues, "'issues' is empty; a scenario needs at least one issue");
    return;
  }
  if (issues->count > PARLEY_MAX_ISSUES) {
    bad_code(r, PARLEY_ERR_LIMIT, issues, "%zu issues, more than the limit of %d", issues->count, PARLEY_MAX_ISSUES);
    return;
  }
  for (const pl_ynode *it = issues->first; it; it = it->next) {
    if (!is_map(r, it, "an issue")) continue;
    const int before = r->col.n_errors;
    const pl_ynode *idn = entity_id(r, it, keys, "an", "issue");
    if (!idn) continue;
    size_t i;
    parley_error e = {0};
    if (parley_builder_add_issue(r->b, idn->text, opt_text(r, it, "name", "issue name", idn->text), &i, &e)) {
      at(r, idn, &e);
      continue;
    }
    if (parley_builder_set_issue_unit(r->b, i, opt_text(r, it, "unit", "unit", ""), &e)) at(r, it, &e);
    const pl_ynode *opts = find(it, "options"), *range = find(it, "range");
    if (opts && range) bad(r, range, "issue '%s' has both 'options' and 'range'; give one", idn->text);
    else if (!opts && !range) bad(r, it, "issue '%s' needs 'options' (a list) or 'range' (min, max, step)", idn->text);
    else if (opts) read_options(r, i, opts);
    else read_range(r, i, range);
    r->issue_ok[i] = r->col.n_errors == before && pl_builder_option_count(r->b, i) > 0;
  }
}

/* Finds the issue an id in a key refers to; reports unknown ids. Returns -1 if unknown or if
 * the issue itself was invalid (already reported). */
static long issue_ref(rd *r, const pl_ynode *key) {
  const size_t i = pl_builder_issue_find(r->b, key->text);
  if (i != PARLEY_NONE) return r->issue_ok[i] ? (long)i : -1;
  bad(r, key, "unknown issue '%s'", key->text);
  return -1;
}

/* Resolves a scalar to an option of an issue: by id, or for numeric issues by number. */
static long option_ref(rd *r, size_t issue, const pl_ynode *n) {
  const parley_builder *b = r->b;
  const char *iid = pl_builder_issue_id(b, issue);
  const size_t count = pl_builder_option_count(b, issue);
  if (n->kind != PL_YSCALAR) {
    bad(r, n, "an option of issue '%s' must be a scalar, not %s", iid, kind_name(n));
    return -1;
  }
  for (size_t o = 0; o < count; o++)
    if (strcmp(pl_builder_option_id(b, issue, o), n->text) == 0) return (long)o;
  double x;
  if (pl_builder_issue_numeric(b, issue) && scalar_number(n, &x)) {
    double tol = 1e-9 * (fabs(x) > 1 ? fabs(x) : 1);
    for (size_t o = 0; o < count; o++)
      if (fabs(pl_builder_option_number(b, issue, o) - x) <= tol) return (long)o;
  }
  char list[200];
  option_list(b, issue, list, sizeof list);
  bad(r, n, "'%s' is not an option of issue '%s' (options: %s)", n->text, iid, list);
  return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Parties                                                                                    */

/* A piecewise-linear value function {points: [[x, value], ...]}; set sets it. */
static void read_points(rd *r, size_t party, size_t issue, const pl_ynode *pts, int set) {
  if (!is_seq(r, pts, "'points'")) return;
  if (pts->count == 0) {
    bad(r, pts, "'points' for issue '%s' is empty", pl_builder_issue_id(r->b, issue));
    return;
  }
  const size_t n = pts->count;
  double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
  const pl_ynode **nodes = malloc(n * sizeof *nodes);
  if (!xs || !ys || !nodes) {
    free(xs), free(ys), free(nodes);
    nomem(r);
    return;
  }
  size_t k = 0;
  int ok = 1;
  for (const pl_ynode *p = pts->first; p; p = p->next, k++) {
    nodes[k] = p;
    if (p->kind != PL_YSEQ || p->count != 2) {
      bad(r, p, "each point must be a pair [x, value]");
      ok = 0;
      continue;
    }
    ok &= get_number(r, p->first, "point x", &xs[k]) && get_number(r, p->first->next, "point value", &ys[k]);
  }
  parley_error e = {0};
  size_t bad_k;
  int bad_part;
  if (ok && pl_builder_set_points(r->b, party, issue, n, xs, ys, &bad_k, &bad_part, &e))
    at(r, bad_k < n ? (bad_part ? nodes[bad_k]->first->next : nodes[bad_k]->first) : pts, &e);
  else if (ok && !set)
    pl_builder_clear_values(r->b, party, issue);
  free(xs), free(ys), free(nodes);
}

/* One value, checked where it stands; returns 1 when it is a value. */
static int read_value(rd *r, const pl_ynode *n, double *out) {
  parley_error e = {0};
  if (!get_number(r, n, "a value", out)) return 0;
  if (pl_check_value(*out, &e) == 0) return 1;
  at(r, n, &e);
  return 0;
}

/* Reads one issue's values for a party; set: the party weighs the issue, so they are kept. */
static void read_value_table(rd *r, size_t party, size_t issue, const pl_ynode *t, int set) {
  const parley_builder *b = r->b;
  const char *iid = pl_builder_issue_id(b, issue);
  const size_t n = pl_builder_option_count(b, issue);
  const int numeric = pl_builder_issue_numeric(b, issue);
  if (t->kind == PL_YMAP && find(t, "points") && numeric) {
    static const char *const keys[] = {"points", NULL};
    check_keys(r, t, keys, "a piecewise-linear value function");
    read_points(r, party, issue, find(t, "points"), set);
    return;
  }
  double *vals = calloc(n ? n : 1, sizeof *vals);
  unsigned char *seen = calloc(n ? n : 1, 1);
  if (!vals || !seen) {
    free(vals), free(seen);
    nomem(r);
    return;
  }
  const int before = r->col.n_errors;
  if (t->kind == PL_YSEQ) {
    if (t->count != n) {
      bad(r, t, "issue '%s' has %zu options but %zu values are listed", iid, n, t->count);
    } else {
      size_t o = 0;
      for (const pl_ynode *v = t->first; v; v = v->next, o++) read_value(r, v, &vals[o]);
    }
  } else if (t->kind == PL_YMAP) {
    for (const pl_ynode *v = t->first; v; v = v->next) {
      long o = option_ref(r, issue, v->key);
      if (o < 0) continue;
      if (seen[o]) {
        bad(r, v->key, "value for option '%s' of issue '%s' given twice", pl_builder_option_id(b, issue, (size_t)o), iid);
        continue;
      }
      seen[o] = 1;
      read_value(r, v, &vals[o]);
    }
    for (size_t o = 0; o < n; o++)
      if (!seen[o] && r->col.n_errors == before)
        bad(r, t, "no value for option '%s' of issue '%s'", pl_builder_option_id(b, issue, o), iid);
  } else {
    bad(r, t, "values for issue '%s' must be a mapping from option to value, a list of values%s, not %s", iid,
        numeric ? " or {points: [[x, value], ...]}" : "", kind_name(t));
  }
  parley_error e = {0};
  if (set && r->col.n_errors == before && parley_builder_set_values(r->b, party, issue, vals, &e)) at(r, t, &e);
  free(vals), free(seen);
}

/* Reads a `when:` condition set into conds, each issue at most once (so conds needs room for
 * one per issue, and flags for every option of every issue). Returns the number of conditions,
 * or -1 after reporting a problem. */
static long read_when(rd *r, const pl_ynode *when, parley_condition *conds, unsigned char *flags) {
  if (!is_map(r, when, "'when'")) return -1; /* an empty mapping holds everywhere */
  const parley_builder *b = r->b;
  const int before = r->col.n_errors;
  size_t n = 0, used = 0;
  for (const pl_ynode *v = when->first; v; v = v->next) {
    long i = issue_ref(r, v->key);
    if (i < 0) continue;
    int repeated = 0;
    for (size_t k = 0; k < n; k++) repeated |= conds[k].issue == (size_t)i;
    if (repeated) {
      bad(r, v->key, "issue '%s' appears twice", v->key->text);
      continue;
    }
    const char *iid = pl_builder_issue_id(b, (size_t)i);
    const size_t m = pl_builder_option_count(b, (size_t)i);
    unsigned char *allowed = flags + used;
    memset(allowed, 0, m);
    if (v->kind == PL_YSEQ) {
      if (v->count == 0) bad(r, v, "empty list of options for issue '%s'", iid);
      for (const pl_ynode *o = v->first; o; o = o->next) {
        long oi = option_ref(r, (size_t)i, o);
        if (oi >= 0) allowed[oi] = 1;
      }
    } else if (v->kind == PL_YMAP) {
      static const char *const keys[] = {"min", "max", NULL};
      if (!pl_builder_issue_numeric(b, (size_t)i)) {
        bad(r, v, "issue '%s' is not numeric; list its options instead of min/max", iid);
        continue;
      }
      check_keys(r, v, keys, "a condition");
      double lo = -INFINITY, hi = INFINITY;
      const pl_ynode *nlo = find(v, "min"), *nhi = find(v, "max");
      if (!nlo && !nhi) {
        bad(r, v, "a numeric condition needs 'min', 'max' or both");
        continue;
      }
      if ((nlo && !get_number(r, nlo, "min", &lo)) || (nhi && !get_number(r, nhi, "max", &hi))) continue;
      int any = 0;
      for (size_t o = 0; o < m; o++) {
        const double x = pl_builder_option_number(b, (size_t)i, o);
        if (x >= lo - 1e-12 && x <= hi + 1e-12) any = allowed[o] = 1;
      }
      if (!any) bad(r, v, "condition on issue '%s' selects none of its options", iid);
    } else {
      long oi = option_ref(r, (size_t)i, v);
      if (oi >= 0) allowed[oi] = 1;
    }
    conds[n++] = (parley_condition){(size_t)i, allowed};
    used += m;
  }
  return r->col.n_errors == before ? (long)n : -1;
}

static void read_rules(rd *r, size_t party, const pl_ynode *list, int red_lines) {
  static const char *const ikeys[] = {"when", "bonus", "note", NULL};
  static const char *const rkeys[] = {"when", "note", NULL};
  const char *what = red_lines ? "a red line" : "an interaction";
  if (!is_seq(r, list, red_lines ? "'red_lines'" : "'interactions'")) return;
  /* room for one condition per issue and a flag per option of every issue */
  size_t flags_needed = 0;
  for (size_t i = 0; i < pl_builder_issue_count(r->b); i++) flags_needed += pl_builder_option_count(r->b, i);
  parley_condition *conds = malloc(PARLEY_MAX_ISSUES * sizeof *conds);
  unsigned char *flags = malloc(flags_needed ? flags_needed : 1);
  if (!conds || !flags) {
    free(conds), free(flags);
    nomem(r);
    return;
  }
  for (const pl_ynode *it = list->first; it; it = it->next) {
    if (!is_map(r, it, what)) continue;
    check_keys(r, it, red_lines ? rkeys : ikeys, what);
    const char *note = opt_text(r, it, "note", "note", "");
    const pl_ynode *when = find(it, "when"), *bn = find(it, "bonus");
    long n = -1;
    if (!when) bad(r, it, "%s needs 'when'", what);
    else n = read_when(r, when, conds, flags);
    double bonus = 0;
    int ok = n >= 0;
    parley_error e = {0};
    if (!red_lines) {
      if (!bn) {
        bad(r, it, "an interaction needs 'bonus' (negative for a penalty)");
        ok = 0;
      } else if (!get_number(r, bn, "bonus", &bonus)) {
        ok = 0;
      } else if (check_bonus(bonus, &e)) {
        at(r, bn, &e);
        ok = 0;
      }
    }
    if (!ok) continue;
    int rc = red_lines ? parley_builder_add_red_line(r->b, party, note, conds, (size_t)n, &e)
                       : parley_builder_add_interaction(r->b, party, bonus, note, conds, (size_t)n, &e);
    if (rc) at(r, it, &e);
  }
  free(conds), free(flags);
}

/* weights: {issue: weight, ...}; w_out receives each weight read (0 elsewhere), wnode each
 * weight's node. */
static void read_weights(rd *r, size_t party, const pl_ynode *it, int normalise, double *w_out,
                         const pl_ynode **wnode) {
  const pl_ynode *w = find(it, "weights");
  parley_error e = {0};
  const char *pid = find(it, "id")->text;
  if (!w) {
    bad(r, it, "party '%s' needs 'weights' (a weight per issue it cares about)", pid);
    return;
  }
  if (!is_map(r, w, "'weights'")) return;
  int ok = 1;
  for (const pl_ynode *v = w->first; v; v = v->next) {
    long i = issue_ref(r, v->key);
    double x;
    if (i < 0) {
      ok = 0;
      continue;
    }
    if (wnode[i]) {
      bad(r, v->key, "weight for issue '%s' given twice", v->key->text);
      continue;
    }
    wnode[i] = v;
    if (!get_number(r, v, "a weight", &x)) {
      ok = 0;
    } else if (parley_builder_set_weight(r->b, party, (size_t)i, x, &e)) {
      at(r, v, &e);
      ok = 0;
    } else {
      w_out[i] = x;
    }
  }
  /* without normalisation weights are as written (GENIUS semantics); all zero is allowed when
   * interaction terms carry the utility, as in ANAC 2014's non-linear profiles */
  if (!normalise) return;
  if (w->count == 0) bad(r, w, "party '%s' has no weights", pid);
  else if (ok && pl_builder_check_weights(r->b, party, &e)) at(r, w, &e);
}

static void read_party(rd *r, const pl_ynode *it) {
  static const char *const keys[] = {"id", "name", "description", "power", "reservation", "discount",
                                     "normalise_weights", "weights", "values", "interactions",
                                     "red_lines", NULL};
  if (!is_map(r, it, "a party")) return;
  const pl_ynode *idn = entity_id(r, it, keys, "a", "party");
  if (!idn) return;
  const char *id = idn->text;
  size_t p;
  parley_error e = {0};
  if (parley_builder_add_party(r->b, id, opt_text(r, it, "name", "party name", id), &p, &e)) {
    at(r, idn, &e);
    return;
  }
  const pl_ynode *n;
  double x;
  if ((n = find(it, "discount")) && get_number(r, n, "discount", &x) && parley_builder_set_discount(r->b, p, x, &e))
    at(r, n, &e);
  if ((n = find(it, "power")) && get_number(r, n, "power", &x) && parley_builder_set_power(r->b, p, x, &e)) at(r, n, &e);
  if ((n = find(it, "reservation")) && get_number(r, n, "reservation", &x) && parley_builder_set_reservation(r->b, p, x, &e))
    at(r, n, &e);
  int normalise = 1;
  if ((n = find(it, "normalise_weights"))) {
    if (n->kind == PL_YSCALAR && !n->quoted && strcmp(n->text, "false") == 0) normalise = 0;
    else if (!(n->kind == PL_YSCALAR && !n->quoted && strcmp(n->text, "true") == 0))
      bad(r, n, "normalise_weights must be true or false");
  }
  parley_builder_set_normalise(r->b, p, normalise, NULL);
  double weight[PARLEY_MAX_ISSUES] = {0};
  const pl_ynode *wnode[PARLEY_MAX_ISSUES] = {0}, *vnode[PARLEY_MAX_ISSUES] = {0};
  read_weights(r, p, it, normalise, weight, wnode);
  const pl_ynode *vals = find(it, "values");
  if (vals && is_map(r, vals, "'values'")) {
    for (const pl_ynode *v = vals->first; v; v = v->next) {
      long i = issue_ref(r, v->key);
      if (i < 0) continue;
      if (vnode[i]) {
        bad(r, v->key, "values for issue '%s' given twice", v->key->text);
        continue;
      }
      vnode[i] = v;
      read_value_table(r, p, (size_t)i, v, weight[i] > 0);
    }
  }
  for (size_t i = 0; i < pl_builder_issue_count(r->b); i++)
    if (wnode[i] && weight[i] > 0 && !vnode[i] && r->issue_ok[i] && pl_builder_check_values(r->b, p, i, &e))
      at(r, vals ? vals : it, &e);
  if ((n = find(it, "interactions"))) read_rules(r, p, n, 0);
  if ((n = find(it, "red_lines"))) read_rules(r, p, n, 1);
}

static void read_parties(rd *r, const pl_ynode *parties) {
  if (!is_seq(r, parties, "'parties'")) return;
  if (parties->count == 0) {
    bad(r, parties, "'parties' is empty; a scenario needs at least one party");
    return;
  }
  if (parties->count > PARLEY_MAX_PARTIES) {
    bad_code(r, PARLEY_ERR_LIMIT, parties, "%zu parties, more than the limit of %d", parties->count, PARLEY_MAX_PARTIES);
    return;
  }
  for (const pl_ynode *it = parties->first; it; it = it->next) read_party(r, it);
}

static void read_frameworks(rd *r, const pl_ynode *fws) {
  static const char *const keys[] = {"id", "name", "description", "package", NULL};
  if (!is_seq(r, fws, "'frameworks'")) return;
  const size_t N = pl_builder_issue_count(r->b);
  uint32_t *package = malloc((N ? N : 1) * sizeof *package);
  unsigned char *seen = malloc(N ? N : 1);
  if (!package || !seen) {
    free(package), free(seen);
    nomem(r);
    return;
  }
  for (const pl_ynode *it = fws->first; it; it = it->next) {
    if (!is_map(r, it, "a framework")) continue;
    const pl_ynode *idn = entity_id(r, it, keys, "a", "framework");
    parley_error e = {0};
    if (!idn) continue;
    if (pl_builder_check_framework_id(r->b, idn->text, &e)) {
      at(r, idn, &e);
      continue;
    }
    const char *id = idn->text, *name = opt_text(r, it, "name", "framework name", id);
    const pl_ynode *pkg = find(it, "package");
    if (!pkg) {
      bad(r, it, "framework '%s' needs a 'package' (one option per issue)", id);
      continue;
    }
    if (!is_map(r, pkg, "'package'")) continue;
    memset(package, 0, N * sizeof *package);
    memset(seen, 0, N);
    const int before = r->col.n_errors;
    for (const pl_ynode *v = pkg->first; v; v = v->next) {
      long i = issue_ref(r, v->key);
      if (i < 0) continue;
      if (seen[i]) {
        bad(r, v->key, "issue '%s' given twice in framework '%s'", v->key->text, id);
        continue;
      }
      seen[i] = 1;
      long o = option_ref(r, (size_t)i, v);
      if (o >= 0) package[i] = (uint32_t)o;
    }
    for (size_t i = 0; i < N; i++)
      if (!seen[i] && r->issue_ok[i] && r->col.n_errors == before)
        bad(r, pkg, "framework '%s' gives no option for issue '%s'", id, pl_builder_issue_id(r->b, i));
    if (r->col.n_errors == before && parley_builder_add_framework(r->b, id, name, package, &e)) at(r, it, &e);
  }
  free(package), free(seen);
}

/* ------------------------------------------------------------------------------------------ */
/* Positions (forecasting input)                                                             */

static long party_ref(rd *r, const pl_ynode *key) {
  const size_t p = pl_builder_party_find(r->b, key->text);
  if (p != PARLEY_NONE) return (long)p;
  bad(r, key, "unknown party '%s'", key->text);
  return -1;
}

/* One party's {position, salience} on a positions issue. */
static void read_actor_position(rd *r, const pl_ynode *v, size_t party, size_t issue) {
  static const char *const keys[] = {"position", "salience", NULL};
  const char *pid = v->key->text, *iid = pl_builder_issue_id(r->b, issue);
  if (!is_map(r, v, "a position ({position, salience})")) return;
  check_keys(r, v, keys, "a position");
  const pl_ynode *pn = find(v, "position"), *sn = find(v, "salience");
  if (!pn || !sn) {
    bad(r, v, "the position of '%s' on '%s' needs both 'position' and 'salience'", pid, iid);
    return;
  }
  double px, sx;
  char what[160];
  snprintf(what, sizeof what, "the position of '%s' on '%s'", pid, iid);
  const int x_ok = get_number(r, pn, what, &px);
  snprintf(what, sizeof what, "the salience of '%s' on '%s'", pid, iid);
  parley_error e = {0};
  if (get_number(r, sn, what, &sx) && parley_builder_set_position(r->b, issue, party, x_ok ? px : 0, sx, &e))
    at(r, sn, &e);
}

static void read_positions(rd *r, const pl_ynode *list) {
  static const char *const keys[] = {"issue", "reference", "outcome", "actors", NULL};
  if (!is_seq(r, list, "'positions'")) return;
  if (list->count == 0) {
    bad(r, list, "'positions' is empty; leave it out to derive positions from the numeric issues");
    return;
  }
  for (const pl_ynode *it = list->first; it; it = it->next) {
    if (!is_map(r, it, "a positions entry")) continue;
    check_keys(r, it, keys, "a positions entry");
    const pl_ynode *in = find(it, "issue"), *an = find(it, "actors");
    if (!in) {
      bad(r, it, "a positions entry needs an 'issue'");
      continue;
    }
    if (in->kind != PL_YSCALAR) {
      bad(r, in, "'issue' must be an issue id, not %s", kind_name(in));
      continue;
    }
    long i = issue_ref(r, in);
    if (i < 0) continue;
    double reference = NAN, outcome = NAN, x;
    const pl_ynode *v;
    if ((v = find(it, "reference")) && get_number(r, v, "'reference' (the status quo)", &x)) reference = x;
    if ((v = find(it, "outcome")) && get_number(r, v, "'outcome' (the decision taken)", &x)) outcome = x;
    parley_error e = {0};
    if (parley_builder_add_positions(r->b, (size_t)i, reference, outcome, &e)) {
      at(r, in, &e);
      continue;
    }
    if (!an) {
      bad(r, it, "the positions of issue '%s' need 'actors' (party id -> {position, salience})", in->text);
      continue;
    }
    if (!is_map(r, an, "'actors'")) continue;
    for (const pl_ynode *a = an->first; a; a = a->next) {
      long p = party_ref(r, a->key);
      if (p >= 0) read_actor_position(r, a, (size_t)p, (size_t)i);
    }
  }
}

/* ------------------------------------------------------------------------------------------ */

static int read_tree(rd *r, const pl_ynode *root) {
  static const char *const keys[] = {"parley", "title", "description", "issues", "parties",
                                     "frameworks", "positions", NULL};
  if (!root) {
    bad(r, NULL, "the file is empty; a scenario needs 'issues' and 'parties'");
    return r->col.first_code;
  }
  if (!is_map(r, root, "the scenario")) return r->col.first_code;
  check_keys(r, root, keys, "the scenario");
  const pl_ynode *n;
  if ((n = find(root, "parley"))) {
    double v;
    if (get_number(r, n, "'parley' (the format version)", &v) && v != 1)
      bad(r, n, "format version %g is not supported (this parley reads version 1)", v);
  }
  parley_builder_set_title(r->b, opt_text(r, root, "title", "title", ""), NULL);
  parley_builder_set_description(r->b, opt_text(r, root, "description", "description", ""), NULL);
  const pl_ynode *issues = find(root, "issues"), *parties = find(root, "parties");
  if (!issues) {
    bad(r, root, "the scenario needs 'issues'");
    return r->col.first_code;
  }
  pl_builder_set_issues_position(r->b, issues->line, issues->column);
  const int before = r->col.n_errors;
  read_issues(r, issues);
  if (pl_builder_issue_count(r->b) == 0 && r->col.n_errors > before) return r->col.first_code;
  if (!parties) bad(r, root, "the scenario needs 'parties'");
  else read_parties(r, parties);
  if ((n = find(root, "frameworks"))) read_frameworks(r, n);
  if ((n = find(root, "positions")) && pl_builder_party_count(r->b)) read_positions(r, n);
  return r->col.n_errors ? r->col.first_code : 0;
}

static int read_scenario(const char *text, size_t len, const char *name, const parley_read_limits *limits,
                         parley_scenario **out, parley_diagnostics *diags, parley_error *err) {
  rd r = {0};
  r.name = name;
  r.col.diags = diags;
  r.col.err = err;
  r.lim.max_file_bytes = limits && limits->max_file_bytes ? limits->max_file_bytes : PARLEY_DEFAULT_MAX_FILE_BYTES;
  r.lim.max_depth = limits && limits->max_depth ? limits->max_depth : PARLEY_DEFAULT_MAX_DEPTH;
  r.lim.max_options = limits && limits->max_options ? limits->max_options : PARLEY_DEFAULT_MAX_OPTIONS;
  if (len > r.lim.max_file_bytes)
    return pl_fail(err, PARLEY_ERR_LIMIT, name, 0, 0, "the file is %zu bytes, more than the limit of %zu", len,
                   r.lim.max_file_bytes);
  r.b = parley_builder_new(name);
  if (!r.b) return pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
  parley_builder_set_limits(r.b, &r.lim);
  /* the parse tree lives in its own arena; the builder copies what it keeps */
  pl_arena tree = {0};
  pl_ynode *root = NULL;
  int rc = pl_ytree_parse(&tree, text ? text : "", len, name, r.lim.max_depth, &root, diags, err);
  size_t start = parley_diagnostics_count(diags);
  if (rc == 0) rc = read_tree(&r, root);
  if (rc != 0 && parley_diagnostics_count(diags) > start) {
    /* list problems top to bottom; the first one is the one handed back */
    pl_diag_sort_from(diags, start);
    if (err) *err = *parley_diagnostics_get(diags, start);
  }
  if (rc == 0) rc = parley_builder_build(r.b, out, err);
  pl_arena_release(&tree);
  parley_builder_free(r.b);
  return rc;
}

int parley_scenario_read_string(const char *text, size_t len, const char *name, const parley_read_limits *limits,
                                parley_scenario **out, parley_diagnostics *diags, parley_error *err) {
  if (!out || (!text && len)) return pl_fail(err, PARLEY_ERR_ARG, name, 0, 0, "invalid argument");
  *out = NULL;
  if (!name) name = "<string>";
  /* problems are always collected, so the one handed back is the first in file order */
  parley_diagnostics *own = NULL;
  if (!diags) {
    diags = own = parley_diagnostics_new();
    if (!own) return pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
  }
  int rc = read_scenario(text, len, name, limits, out, diags, err);
  parley_diagnostics_free(own);
  return rc;
}

int parley_scenario_read_file(const char *path, const parley_read_limits *limits, parley_scenario **out,
                              parley_diagnostics *diags, parley_error *err) {
  if (!path || !out) return pl_fail(err, PARLEY_ERR_ARG, path, 0, 0, "invalid argument");
  *out = NULL;
  size_t max = limits && limits->max_file_bytes ? limits->max_file_bytes : PARLEY_DEFAULT_MAX_FILE_BYTES;
  pl_collect col = {diags, err, 0, 0};
  char *buf;
  size_t len;
  int rc = pl_read_whole_file(path, max, &buf, &len, &col);
  if (rc) return rc;
  rc = parley_scenario_read_string(buf, len, path, limits, out, diags, err);
  free(buf);
  return rc;
}
