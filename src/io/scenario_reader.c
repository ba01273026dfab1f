/* scenario_reader.c — reads a scenario from YAML or JSON into the model. It walks the whole
 * document and reports every problem it finds, each with the position of the offending node,
 * so that `parley validate` can list them all at once. The format is in
 * docs/scenario-format.md. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/file.h"
#include "io/ytree.h"
#include "model/scenario.h"
#include "util/error.h"

typedef struct rd {
  pl_arena *arena;
  const char *name;
  pl_collect col;
  parley_read_limits lim;
  parley_scenario *sc;
  int *issue_ok; /* per issue: parsed without error, so references to it can be checked */
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

/* Ids are referred to elsewhere in the file and on the command line, so keep them simple. */
static const char *get_id(rd *r, const pl_ynode *n, const char *what) {
  const char *s = get_text(r, n, what);
  if (!s) return NULL;
  if (!*s) {
    bad(r, n, "%s must not be empty", what);
    return NULL;
  }
  if (strlen(s) > 64) {
    bad(r, n, "%s '%.20s...' is longer than 64 characters", what, s);
    return NULL;
  }
  for (const char *p = s; *p; p++) {
    char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-' || c == '.' || c == '+')) {
      bad(r, n, "%s '%s' may only contain letters, digits, '_', '-', '.' and '+'", what, s);
      return NULL;
    }
  }
  return s;
}

static const char *opt_text(rd *r, const pl_ynode *map, const char *key, const char *what,
                            const char *dflt) {
  const pl_ynode *n = find(map, key);
  if (!n) return dflt;
  const char *s = get_text(r, n, what);
  return s ? s : dflt;
}

static int nomem(rd *r) {
  bad_code(r, PARLEY_ERR_NOMEM, NULL, "out of memory");
  return PARLEY_ERR_NOMEM;
}

/* The common start of an issue, party or framework: known keys, a valid id, unique among the
 * `count` entries before it in `items` (each entry's first member is its id). Returns the id,
 * or NULL after reporting why. `what` is "issue", "party" or "framework". */
static const char *entity_id(rd *r, const pl_ynode *it, const char *const *keys, const char *what,
                             const void *items, size_t stride, size_t count) {
  char label[32];
  snprintf(label, sizeof label, "a %s", what);
  check_keys(r, it, keys, label);
  const pl_ynode *idn = find(it, "id");
  if (!idn) {
    bad(r, it, "%s needs an 'id'", what);
    return NULL;
  }
  snprintf(label, sizeof label, "%s id", what);
  const char *id = get_id(r, idn, label);
  if (!id) return NULL;
  for (size_t j = 0; j < count; j++)
    if (strcmp(*(const char *const *)((const char *)items + j * stride), id) == 0) {
      bad(r, idn, "duplicate %s id '%s'", what, id);
      break;
    }
  return id;
}

/* ------------------------------------------------------------------------------------------ */
/* Issues                                                                                     */

static void option_list(const pl_issue *is, char *buf, size_t size) {
  buf[0] = '\0';
  for (uint32_t o = 0; o < is->n_options; o++) {
    size_t l = strlen(buf);
    if (o == 8) {
      snprintf(buf + l, size - l, ", ... (%u in all)", is->n_options);
      return;
    }
    snprintf(buf + l, size - l, "%s%s", o ? ", " : "", is->options[o].id);
  }
}

static void read_range(rd *r, pl_issue *is, const pl_ynode *range) {
  static const char *const keys[] = {"min", "max", "step", NULL};
  if (!is_map(r, range, "'range'")) return;
  check_keys(r, range, keys, "a range");
  const pl_ynode *nmin = find(range, "min"), *nmax = find(range, "max"), *nstep = find(range, "step");
  double lo = 0, hi = 0, step = 1;
  int ok = 1;
  for (int k = 0; k < 3; k++) {
    const pl_ynode *n = k == 0 ? nmin : k == 1 ? nmax : nstep;
    if (!n) {
      bad(r, range, "range of issue '%s' needs '%s'", is->id, keys[k]);
      ok = 0;
    } else {
      ok &= get_number(r, n, keys[k], k == 0 ? &lo : k == 1 ? &hi : &step);
    }
  }
  if (!ok) return;
  if (!(step > 0)) {
    bad(r, nstep, "step of issue '%s' must be > 0 (got %g)", is->id, step);
    return;
  }
  if (hi < lo) {
    bad(r, nmax, "max of issue '%s' (%g) is below its min (%g)", is->id, hi, lo);
    return;
  }
  double span = (hi - lo) / step;
  if (!(span + 1 <= (double)r->lim.max_options)) {
    bad_code(r, PARLEY_ERR_LIMIT, nstep,
             "range of issue '%s' gives %.0f options, more than the limit of %zu; use a larger "
             "step",
             is->id, floor(span + 1e-9) + 1, r->lim.max_options);
    return;
  }
  uint32_t n = (uint32_t)floor(span + 1e-9) + 1;
  is->options = pl_arena_array(r->arena, n, sizeof *is->options);
  if (!is->options) {
    nomem(r);
    return;
  }
  for (uint32_t o = 0; o < n; o++) {
    char id[40];
    snprintf(id, sizeof id, "%.12g", lo + step * o);
    is->options[o].id = pl_arena_strdup(r->arena, id);
    if (!is->options[o].id) {
      nomem(r);
      return;
    }
    is->options[o].name = is->options[o].id;
    is->options[o].number = strtod(id, NULL);
  }
  is->n_options = n;
  is->numeric = 1;
}

static void read_options(rd *r, pl_issue *is, const pl_ynode *opts) {
  static const char *const keys[] = {"id", "name", "description", NULL};
  if (!is_seq(r, opts, "'options'")) return;
  if (opts->count == 0) {
    bad(r, opts, "issue '%s' has no options", is->id);
    return;
  }
  if (opts->count > r->lim.max_options) {
    bad_code(r, PARLEY_ERR_LIMIT, opts, "issue '%s' has %zu options, more than the limit of %zu",
             is->id, opts->count, r->lim.max_options);
    return;
  }
  is->options = pl_arena_array(r->arena, opts->count, sizeof *is->options);
  if (!is->options) {
    nomem(r);
    return;
  }
  uint32_t n = 0;
  int ok = 1;
  for (const pl_ynode *it = opts->first; it; it = it->next) {
    const char *id = NULL, *name = NULL;
    const pl_ynode *idnode = it;
    if (it->kind == PL_YMAP) {
      check_keys(r, it, keys, "an option");
      idnode = find(it, "id");
      if (!idnode) {
        bad(r, it, "option of issue '%s' needs an 'id'", is->id);
        ok = 0;
        continue;
      }
      name = opt_text(r, it, "name", "option name", NULL);
    }
    id = get_id(r, idnode, "option id");
    if (!id) {
      ok = 0;
      continue;
    }
    for (uint32_t o = 0; o < n; o++)
      if (strcmp(is->options[o].id, id) == 0) {
        bad(r, idnode, "issue '%s' lists option '%s' twice", is->id, id);
        ok = 0;
      }
    is->options[n].id = id;
    is->options[n].name = name ? name : id;
    n++;
  }
  if (ok) is->n_options = n;
}

static void read_issues(rd *r, const pl_ynode *issues) {
  static const char *const keys[] = {"id", "name", "description", "unit", "options", "range", NULL};
  parley_scenario *sc = r->sc;
  if (!is_seq(r, issues, "'issues'")) return;
  if (issues->count == 0) {
    bad(r, issues, "'issues' is empty; a scenario needs at least one issue");
    return;
  }
  if (issues->count > PARLEY_MAX_ISSUES) {
    bad_code(r, PARLEY_ERR_LIMIT, issues, "%zu issues, more than the limit of %d", issues->count,
             PARLEY_MAX_ISSUES);
    return;
  }
  sc->n_issues = (uint32_t)issues->count;
  sc->issues = pl_arena_array(r->arena, sc->n_issues, sizeof *sc->issues);
  sc->radix = pl_arena_array(r->arena, sc->n_issues, sizeof *sc->radix);
  r->issue_ok = pl_arena_array(r->arena, sc->n_issues, sizeof *r->issue_ok);
  if (!sc->issues || !sc->radix || !r->issue_ok) {
    nomem(r);
    return;
  }
  uint32_t i = 0;
  for (const pl_ynode *it = issues->first; it; it = it->next, i++) {
    pl_issue *is = &sc->issues[i];
    is->id = "";
    is->name = "";
    if (!is_map(r, it, "an issue")) continue;
    int before = r->col.n_errors;
    const char *id = entity_id(r, it, keys, "issue", sc->issues, sizeof *sc->issues, i);
    if (!id) continue;
    is->id = id;
    is->name = opt_text(r, it, "name", "issue name", id);
    is->unit = opt_text(r, it, "unit", "unit", "");
    const pl_ynode *opts = find(it, "options"), *range = find(it, "range");
    if (opts && range) {
      bad(r, range, "issue '%s' has both 'options' and 'range'; give one", id);
    } else if (!opts && !range) {
      bad(r, it, "issue '%s' needs 'options' (a list) or 'range' (min, max, step)", id);
    } else if (opts) {
      read_options(r, is, opts);
    } else {
      read_range(r, is, range);
    }
    sc->radix[i] = is->n_options;
    r->issue_ok[i] = r->col.n_errors == before && is->n_options > 0;
  }
}

/* Finds the issue an id in a key refers to; reports unknown ids. Returns -1 if unknown or if
 * the issue itself was invalid (already reported). */
static long issue_ref(rd *r, const pl_ynode *key) {
  for (uint32_t i = 0; i < r->sc->n_issues; i++)
    if (strcmp(r->sc->issues[i].id, key->text) == 0) return r->issue_ok[i] ? (long)i : -1;
  bad(r, key, "unknown issue '%s'", key->text);
  return -1;
}

/* Resolves a scalar to an option of an issue: by id, or for numeric issues by number. */
static long option_ref(rd *r, uint32_t issue, const pl_ynode *n) {
  const pl_issue *is = &r->sc->issues[issue];
  if (n->kind != PL_YSCALAR) {
    bad(r, n, "an option of issue '%s' must be a scalar, not %s", is->id, kind_name(n));
    return -1;
  }
  for (uint32_t o = 0; o < is->n_options; o++)
    if (strcmp(is->options[o].id, n->text) == 0) return o;
  double x;
  if (is->numeric && scalar_number(n, &x)) {
    double tol = 1e-9 * (fabs(x) > 1 ? fabs(x) : 1);
    for (uint32_t o = 0; o < is->n_options; o++)
      if (fabs(is->options[o].number - x) <= tol) return o;
  }
  char list[200];
  option_list(is, list, sizeof list);
  bad(r, n, "'%s' is not an option of issue '%s' (options: %s)", n->text, is->id, list);
  return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Parties                                                                                    */

static void read_points(rd *r, const pl_issue *is, const pl_ynode *pts, double *vals) {
  if (!is_seq(r, pts, "'points'")) return;
  if (pts->count == 0) {
    bad(r, pts, "'points' for issue '%s' is empty", is->id);
    return;
  }
  size_t n = pts->count;
  double *xs = pl_arena_array(r->arena, n, sizeof *xs), *ys = pl_arena_array(r->arena, n, sizeof *ys);
  if (!xs || !ys) {
    nomem(r);
    return;
  }
  size_t k = 0;
  int ok = 1;
  for (const pl_ynode *p = pts->first; p; p = p->next, k++) {
    if (p->kind != PL_YSEQ || p->count != 2) {
      bad(r, p, "each point must be a pair [x, value]");
      ok = 0;
      continue;
    }
    if (!get_number(r, p->first, "point x", &xs[k]) ||
        !get_number(r, p->first->next, "point value", &ys[k])) {
      ok = 0;
      continue;
    }
    if (ys[k] < 0 || ys[k] > 1) {
      bad(r, p->first->next, "value %g is outside [0, 1]", ys[k]);
      ok = 0;
    }
    if (k > 0 && ok && !(xs[k] > xs[k - 1])) {
      bad(r, p->first, "points must be in strictly increasing x (%g follows %g)", xs[k], xs[k - 1]);
      ok = 0;
    }
  }
  if (!ok) return;
  for (uint32_t o = 0; o < is->n_options; o++) {
    double x = is->options[o].number, v;
    if (x <= xs[0]) {
      v = ys[0];
    } else if (x >= xs[n - 1]) {
      v = ys[n - 1];
    } else {
      size_t j = 1;
      while (xs[j] < x) j++;
      double t = (x - xs[j - 1]) / (xs[j] - xs[j - 1]);
      v = ys[j - 1] + t * (ys[j] - ys[j - 1]);
    }
    vals[o] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

static int check_value(rd *r, const pl_ynode *n, double *out) {
  if (!get_number(r, n, "a value", out)) return 0;
  if (*out < 0 || *out > 1) {
    bad(r, n, "value %g is outside [0, 1]", *out);
    return 0;
  }
  return 1;
}

/* Reads one issue's value table; returns the array or NULL (problems reported). */
static double *read_value_table(rd *r, uint32_t issue, const pl_ynode *t) {
  const pl_issue *is = &r->sc->issues[issue];
  double *vals = pl_arena_array(r->arena, is->n_options, sizeof *vals);
  if (!vals) {
    nomem(r);
    return NULL;
  }
  int before = r->col.n_errors;
  if (t->kind == PL_YSEQ) {
    if (t->count != is->n_options) {
      bad(r, t, "issue '%s' has %u options but %zu values are listed", is->id, is->n_options,
          t->count);
      return NULL;
    }
    uint32_t o = 0;
    for (const pl_ynode *v = t->first; v; v = v->next, o++) check_value(r, v, &vals[o]);
  } else if (t->kind == PL_YMAP && find(t, "points") && is->numeric) {
    static const char *const keys[] = {"points", NULL};
    check_keys(r, t, keys, "a piecewise-linear value function");
    read_points(r, is, find(t, "points"), vals);
  } else if (t->kind == PL_YMAP) {
    unsigned char *seen = pl_arena_alloc(r->arena, is->n_options);
    if (!seen) {
      nomem(r);
      return NULL;
    }
    for (const pl_ynode *v = t->first; v; v = v->next) {
      long o = option_ref(r, issue, v->key);
      if (o < 0) continue;
      if (seen[o]) {
        bad(r, v->key, "value for option '%s' of issue '%s' given twice", is->options[o].id, is->id);
        continue;
      }
      seen[o] = 1;
      check_value(r, v, &vals[o]);
    }
    for (uint32_t o = 0; o < is->n_options; o++)
      if (!seen[o] && r->col.n_errors == before) {
        bad(r, t, "no value for option '%s' of issue '%s'", is->options[o].id, is->id);
      }
  } else {
    bad(r, t,
        "values for issue '%s' must be a mapping from option to value, a list of values%s, "
        "not %s",
        is->id, is->numeric ? " or {points: [[x, value], ...]}" : "", kind_name(t));
  }
  return r->col.n_errors == before ? vals : NULL;
}

/* Reads a `when:` condition set. Returns 0 on success. */
static int read_when(rd *r, const pl_ynode *when, pl_rule *rule) {
  if (!is_map(r, when, "'when'")) return -1;
  if (when->count == 0) {
    bad(r, when, "'when' needs at least one issue");
    return -1;
  }
  rule->conds = pl_arena_array(r->arena, when->count, sizeof *rule->conds);
  if (!rule->conds) return nomem(r);
  int before = r->col.n_errors;
  for (const pl_ynode *v = when->first; v; v = v->next) {
    long i = issue_ref(r, v->key);
    if (i < 0) continue;
    for (uint32_t k = 0; k < rule->n_conds; k++)
      if (rule->conds[k].issue == (uint32_t)i) bad(r, v->key, "issue '%s' appears twice", v->key->text);
    const pl_issue *is = &r->sc->issues[i];
    unsigned char *allowed = pl_arena_alloc(r->arena, is->n_options);
    if (!allowed) return nomem(r);
    if (v->kind == PL_YSEQ) {
      if (v->count == 0) bad(r, v, "empty list of options for issue '%s'", is->id);
      for (const pl_ynode *o = v->first; o; o = o->next) {
        long oi = option_ref(r, (uint32_t)i, o);
        if (oi >= 0) allowed[oi] = 1;
      }
    } else if (v->kind == PL_YMAP) {
      static const char *const keys[] = {"min", "max", NULL};
      if (!is->numeric) {
        bad(r, v, "issue '%s' is not numeric; list its options instead of min/max", is->id);
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
      for (uint32_t o = 0; o < is->n_options; o++)
        if (is->options[o].number >= lo - 1e-12 && is->options[o].number <= hi + 1e-12) any = allowed[o] = 1;
      if (!any) bad(r, v, "condition on issue '%s' selects none of its options", is->id);
    } else {
      long oi = option_ref(r, (uint32_t)i, v);
      if (oi >= 0) allowed[oi] = 1;
    }
    rule->conds[rule->n_conds].issue = (uint32_t)i;
    rule->conds[rule->n_conds].allowed = allowed;
    rule->n_conds++;
  }
  return r->col.n_errors == before ? 0 : -1;
}

static void read_rules(rd *r, const pl_ynode *list, int red_lines, pl_rule **out, uint32_t *n_out) {
  static const char *const ikeys[] = {"when", "bonus", "note", NULL};
  static const char *const rkeys[] = {"when", "note", NULL};
  const char *what = red_lines ? "'red_lines'" : "'interactions'";
  if (!is_seq(r, list, what)) return;
  pl_rule *rules = pl_arena_array(r->arena, list->count ? list->count : 1, sizeof *rules);
  if (!rules) {
    nomem(r);
    return;
  }
  uint32_t n = 0;
  for (const pl_ynode *it = list->first; it; it = it->next) {
    if (!is_map(r, it, red_lines ? "a red line" : "an interaction")) continue;
    check_keys(r, it, red_lines ? rkeys : ikeys, red_lines ? "a red line" : "an interaction");
    pl_rule *rule = &rules[n];
    rule->note = opt_text(r, it, "note", "note", "");
    const pl_ynode *when = find(it, "when");
    int ok = 1;
    if (!when) {
      bad(r, it, "%s needs 'when'", red_lines ? "a red line" : "an interaction");
      ok = 0;
    } else if (read_when(r, when, rule) != 0) {
      ok = 0;
    }
    if (!red_lines) {
      const pl_ynode *b = find(it, "bonus");
      if (!b) {
        bad(r, it, "an interaction needs 'bonus' (negative for a penalty)");
        ok = 0;
      } else if (!get_number(r, b, "bonus", &rule->bonus)) {
        ok = 0;
      } else if (rule->bonus < -1 || rule->bonus > 1) {
        bad(r, b, "bonus %g is outside [-1, 1]", rule->bonus);
        ok = 0;
      }
    }
    if (ok) n++;
  }
  *out = rules;
  *n_out = n;
}

static void read_party(rd *r, const pl_ynode *it, pl_party *pa, uint32_t index) {
  static const char *const keys[] = {"id", "name", "description", "power", "reservation", "discount",
                                     "normalise_weights", "weights", "values", "interactions",
                                     "red_lines", NULL};
  parley_scenario *sc = r->sc;
  const uint32_t N = sc->n_issues;
  pa->id = "";
  pa->name = "";
  if (!is_map(r, it, "a party")) return;
  const char *id = entity_id(r, it, keys, "party", sc->parties, sizeof *sc->parties, index);
  if (!id) return;
  pa->id = id;
  pa->name = opt_text(r, it, "name", "party name", id);
  pa->power = 1;
  pa->discount = 1;
  const pl_ynode *n;
  if ((n = find(it, "discount")) && get_number(r, n, "discount", &pa->discount) &&
      !(pa->discount > 0 && pa->discount <= 1))
    bad(r, n, "discount of party '%s' must be in (0, 1] (got %g)", id, pa->discount);
  if ((n = find(it, "power")) && get_number(r, n, "power", &pa->power) && pa->power < 0)
    bad(r, n, "power of party '%s' must be >= 0 (got %g)", id, pa->power);
  if ((n = find(it, "reservation")) && get_number(r, n, "reservation", &pa->reservation) &&
      (pa->reservation < 0 || pa->reservation > 1))
    bad(r, n, "reservation of party '%s' must be in [0, 1] (got %g)", id, pa->reservation);

  pa->weight = pl_arena_array(r->arena, N, sizeof *pa->weight);
  pa->value = pl_arena_array(r->arena, N, sizeof *pa->value);
  if (!pa->weight || !pa->value) {
    nomem(r);
    return;
  }
  int normalise = 1;
  if ((n = find(it, "normalise_weights"))) {
    if (n->kind == PL_YSCALAR && !n->quoted && strcmp(n->text, "false") == 0) normalise = 0;
    else if (!(n->kind == PL_YSCALAR && !n->quoted && strcmp(n->text, "true") == 0))
      bad(r, n, "normalise_weights must be true or false");
  }
  const pl_ynode *w = find(it, "weights");
  const pl_ynode *wnode[PARLEY_MAX_ISSUES] = {0};
  if (!w) {
    bad(r, it, "party '%s' needs 'weights' (a weight per issue it cares about)", id);
  } else if (is_map(r, w, "'weights'")) {
    double sum = 0;
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
        continue;
      }
      if (x < 0) {
        bad(r, v, "weight for issue '%s' must be >= 0 (got %g)", v->key->text, x);
        ok = 0;
        continue;
      }
      pa->weight[i] = x;
      sum += x;
    }
    if (!normalise) {
      /* weights as written (GENIUS semantics); all zero is allowed when interaction terms
       * carry the utility, as in ANAC 2014's non-linear profiles */
    } else if (ok && !(sum > 0) && w->count > 0) {
      bad(r, w, "all weights of party '%s' are zero; at least one must be > 0", id);
    } else if (w->count == 0) {
      bad(r, w, "party '%s' has no weights", id);
    } else if (sum > 0 && isfinite(sum)) {
      for (uint32_t i = 0; i < N; i++) pa->weight[i] /= sum;
    }
  }
  const pl_ynode *vals = find(it, "values");
  const pl_ynode *vnode[PARLEY_MAX_ISSUES] = {0};
  if (vals && is_map(r, vals, "'values'")) {
    for (const pl_ynode *v = vals->first; v; v = v->next) {
      long i = issue_ref(r, v->key);
      if (i < 0) continue;
      if (vnode[i]) {
        bad(r, v->key, "values for issue '%s' given twice", v->key->text);
        continue;
      }
      vnode[i] = v;
      double *t = read_value_table(r, (uint32_t)i, v);
      if (t && pa->weight[i] > 0) pa->value[i] = t;
    }
  }
  for (uint32_t i = 0; i < N; i++)
    if (wnode[i] && pa->weight[i] > 0 && !vnode[i] && r->issue_ok[i])
      bad(r, vals ? vals : it, "party '%s' weighs issue '%s' but gives no values for its options",
          id, sc->issues[i].id);
  if ((n = find(it, "interactions"))) read_rules(r, n, 0, &pa->interactions, &pa->n_interactions);
  if ((n = find(it, "red_lines"))) read_rules(r, n, 1, &pa->red_lines, &pa->n_red_lines);
}

static void read_parties(rd *r, const pl_ynode *parties) {
  parley_scenario *sc = r->sc;
  if (!is_seq(r, parties, "'parties'")) return;
  if (parties->count == 0) {
    bad(r, parties, "'parties' is empty; a scenario needs at least one party");
    return;
  }
  if (parties->count > PARLEY_MAX_PARTIES) {
    bad_code(r, PARLEY_ERR_LIMIT, parties, "%zu parties, more than the limit of %d",
             parties->count, PARLEY_MAX_PARTIES);
    return;
  }
  sc->n_parties = (uint32_t)parties->count;
  sc->parties = pl_arena_array(r->arena, sc->n_parties, sizeof *sc->parties);
  if (!sc->parties) {
    nomem(r);
    return;
  }
  uint32_t p = 0;
  for (const pl_ynode *it = parties->first; it; it = it->next, p++)
    read_party(r, it, &sc->parties[p], p);
}

static void read_frameworks(rd *r, const pl_ynode *fws) {
  static const char *const keys[] = {"id", "name", "description", "package", NULL};
  parley_scenario *sc = r->sc;
  if (!is_seq(r, fws, "'frameworks'")) return;
  sc->frameworks = pl_arena_array(r->arena, fws->count ? fws->count : 1, sizeof *sc->frameworks);
  if (!sc->frameworks) {
    nomem(r);
    return;
  }
  uint32_t f = 0;
  for (const pl_ynode *it = fws->first; it; it = it->next) {
    if (!is_map(r, it, "a framework")) continue;
    pl_framework *fw = &sc->frameworks[f];
    const char *id = entity_id(r, it, keys, "framework", sc->frameworks, sizeof *sc->frameworks, f);
    if (!id) continue;
    fw->id = id;
    fw->name = opt_text(r, it, "name", "framework name", id);
    const pl_ynode *pkg = find(it, "package");
    if (!pkg) {
      bad(r, it, "framework '%s' needs a 'package' (one option per issue)", id);
      continue;
    }
    if (!is_map(r, pkg, "'package'")) continue;
    fw->package = pl_arena_array(r->arena, sc->n_issues ? sc->n_issues : 1, sizeof *fw->package);
    unsigned char *seen = pl_arena_alloc(r->arena, sc->n_issues ? sc->n_issues : 1);
    if (!fw->package || !seen) {
      nomem(r);
      return;
    }
    int before = r->col.n_errors;
    for (const pl_ynode *v = pkg->first; v; v = v->next) {
      long i = issue_ref(r, v->key);
      if (i < 0) continue;
      if (seen[i]) {
        bad(r, v->key, "issue '%s' given twice in framework '%s'", v->key->text, id);
        continue;
      }
      seen[i] = 1;
      long o = option_ref(r, (uint32_t)i, v);
      if (o >= 0) fw->package[i] = (uint32_t)o;
    }
    for (uint32_t i = 0; i < sc->n_issues; i++)
      if (!seen[i] && r->issue_ok[i] && r->col.n_errors == before)
        bad(r, pkg, "framework '%s' gives no option for issue '%s'", id, sc->issues[i].id);
    f++;
  }
  sc->n_frameworks = f;
}

/* ------------------------------------------------------------------------------------------ */
/* Positions (forecasting input)                                                             */

static long party_ref(rd *r, const pl_ynode *key) {
  for (uint32_t p = 0; p < r->sc->n_parties; p++)
    if (r->sc->parties[p].id && strcmp(r->sc->parties[p].id, key->text) == 0) return p;
  bad(r, key, "unknown party '%s'", key->text);
  return -1;
}

/* One party's {position, salience} on a positions issue. */
static void read_actor_position(rd *r, const pl_ynode *v, const char *party, const char *issue, double *x,
                                double *s) {
  static const char *const keys[] = {"position", "salience", NULL};
  if (!is_map(r, v, "a position ({position, salience})")) return;
  check_keys(r, v, keys, "a position");
  const pl_ynode *pn = find(v, "position"), *sn = find(v, "salience");
  if (!pn || !sn) {
    bad(r, v, "the position of '%s' on '%s' needs both 'position' and 'salience'", party, issue);
    return;
  }
  double px, sx;
  char what[160];
  snprintf(what, sizeof what, "the position of '%s' on '%s'", party, issue);
  if (get_number(r, pn, what, &px)) *x = px;
  snprintf(what, sizeof what, "the salience of '%s' on '%s'", party, issue);
  if (get_number(r, sn, what, &sx)) {
    if (sx < 0 || sx > 100) bad(r, sn, "%s must be in [0, 100], not %g", what, sx);
    else *s = sx;
  }
}

static void read_positions(rd *r, const pl_ynode *list) {
  static const char *const keys[] = {"issue", "reference", "outcome", "actors", NULL};
  parley_scenario *sc = r->sc;
  if (!is_seq(r, list, "'positions'")) return;
  if (list->count == 0) {
    bad(r, list, "'positions' is empty; leave it out to derive positions from the numeric issues");
    return;
  }
  const uint32_t P = sc->n_parties;
  sc->positions = pl_arena_array(r->arena, list->count, sizeof *sc->positions);
  if (!sc->positions) {
    nomem(r);
    return;
  }
  uint32_t n = 0;
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
    int dup = 0;
    for (uint32_t k = 0; k < n; k++) dup |= sc->positions[k].issue == (uint32_t)i;
    if (dup) {
      bad(r, in, "issue '%s' has positions twice", in->text);
      continue;
    }
    pl_position_issue *pi = &sc->positions[n];
    pi->issue = (uint32_t)i;
    pi->reference = pi->outcome = NAN;
    const pl_ynode *v;
    double x;
    if ((v = find(it, "reference")) && get_number(r, v, "'reference' (the status quo)", &x)) pi->reference = x;
    if ((v = find(it, "outcome")) && get_number(r, v, "'outcome' (the decision taken)", &x)) pi->outcome = x;
    pi->position = pl_arena_array(r->arena, P ? P : 1, sizeof *pi->position);
    pi->salience = pl_arena_array(r->arena, P ? P : 1, sizeof *pi->salience);
    if (!pi->position || !pi->salience) {
      nomem(r);
      return;
    }
    for (uint32_t p = 0; p < P; p++) pi->position[p] = pi->salience[p] = NAN;
    if (!an) {
      bad(r, it, "the positions of issue '%s' need 'actors' (party id -> {position, salience})", in->text);
      continue;
    }
    if (!is_map(r, an, "'actors'")) continue;
    for (const pl_ynode *a = an->first; a; a = a->next) {
      long p = party_ref(r, a->key);
      if (p < 0) continue;
      read_actor_position(r, a, a->key->text, in->text, &pi->position[p], &pi->salience[p]);
    }
    n++;
  }
  sc->n_positions = n;
}

/* ------------------------------------------------------------------------------------------ */

static int read_scenario(const char *text, size_t len, const char *name,
                         const parley_read_limits *limits, parley_scenario **out,
                         parley_diagnostics *diags, parley_error *err);

static int read_tree(rd *r, const pl_ynode *root) {
  static const char *const keys[] = {"parley", "title", "description", "issues", "parties",
                                     "frameworks", "positions", NULL};
  parley_scenario *sc = r->sc;
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
  sc->title = opt_text(r, root, "title", "title", "");
  sc->description = opt_text(r, root, "description", "description", "");
  const pl_ynode *issues = find(root, "issues"), *parties = find(root, "parties");
  if (!issues) {
    bad(r, root, "the scenario needs 'issues'");
    return r->col.first_code;
  }
  sc->issues_line = issues->line;
  sc->issues_column = issues->column;
  read_issues(r, issues);
  if (!sc->issues) return r->col.first_code;
  if (!parties) bad(r, root, "the scenario needs 'parties'");
  else read_parties(r, parties);
  if ((n = find(root, "frameworks"))) read_frameworks(r, n);
  if ((n = find(root, "positions")) && sc->parties) read_positions(r, n);
  return r->col.n_errors ? r->col.first_code : 0;
}

int parley_scenario_read_string(const char *text, size_t len, const char *name,
                                const parley_read_limits *limits, parley_scenario **out,
                                parley_diagnostics *diags, parley_error *err) {
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

static int read_scenario(const char *text, size_t len, const char *name,
                         const parley_read_limits *limits, parley_scenario **out,
                         parley_diagnostics *diags, parley_error *err) {
  rd r = {0};
  r.name = name;
  r.col.diags = diags;
  r.col.err = err;
  r.lim.max_file_bytes = limits && limits->max_file_bytes ? limits->max_file_bytes : PARLEY_DEFAULT_MAX_FILE_BYTES;
  r.lim.max_depth = limits && limits->max_depth ? limits->max_depth : PARLEY_DEFAULT_MAX_DEPTH;
  r.lim.max_options = limits && limits->max_options ? limits->max_options : PARLEY_DEFAULT_MAX_OPTIONS;
  if (len > r.lim.max_file_bytes)
    return pl_fail(err, PARLEY_ERR_LIMIT, name, 0, 0,
                   "the file is %zu bytes, more than the limit of %zu", len, r.lim.max_file_bytes);

  pl_arena a = {0};
  parley_scenario *sc = pl_arena_alloc(&a, sizeof *sc);
  if (!sc) return pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
  /* from here on everything is allocated through sc->arena */
  sc->arena = a;
  r.arena = &sc->arena;
  r.sc = sc;
  sc->source = pl_arena_strdup(&sc->arena, name);
  sc->title = sc->description = "";

  /* the parse tree lives in the scenario's arena: ids and names point into it */
  pl_ynode *root = NULL;
  int rc = pl_ytree_parse(&sc->arena, text ? text : "", len, name, r.lim.max_depth, &root, diags,
                          err);
  size_t start = parley_diagnostics_count(diags);
  if (rc == 0) rc = read_tree(&r, root);
  if (rc != 0 && parley_diagnostics_count(diags) > start) {
    /* list problems top to bottom; the first one is the one handed back */
    pl_diag_sort_from(diags, start);
    if (err) *err = *parley_diagnostics_get(diags, start);
  }
  if (rc == 0 && !sc->source) rc = pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
  if (rc == 0 && pl_scenario_compile(sc) != 0)
    rc = pl_fail(err, PARLEY_ERR_NOMEM, name, 0, 0, "out of memory");
  if (rc != 0) {
    parley_scenario_free(sc);
    return rc;
  }
  *out = sc;
  return 0;
}

int parley_scenario_read_file(const char *path, const parley_read_limits *limits,
                              parley_scenario **out, parley_diagnostics *diags,
                              parley_error *err) {
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
