/* scenario_reader.c — reads a scenario from YAML or JSON, through the builder. It walks the
 * whole document and reports every problem it finds, each with the position of the offending
 * node, so that `parley validate` can list them all at once: the shape of the file (keys,
 * types, references by id) is checked here, and what a scenario may hold (ids, ranges, values,
 * weights) by the builder, whose messages are placed at the node they come from. The format
 * is in docs/scenario-format.md. This file reads the document, its issues, frameworks and
 * positions; scenario_parties.c its parties. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/number.h"
#include "io/file.h"
#include "io/scenario_read.h"
#include "util/error.h"

void yr_bad_code(rd *r, int code, const pl_ynode *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pl_collect_vadd(&r->col, code, r->name, n ? n->line : 0, n ? n->column : 0, fmt, ap);
  va_end(ap);
}

const char *yr_kind_name(const pl_ynode *n) {
  switch (n->kind) {
    case PL_YMAP: return "a mapping";
    case PL_YSEQ: return "a list";
    default: return n->quoted ? "a string" : "a scalar";
  }
}

int yr_is_map(rd *r, const pl_ynode *n, const char *what) {
  if (n->kind == PL_YMAP) return 1;
  bad(r, n, "%s must be a mapping, not %s", what, yr_kind_name(n));
  return 0;
}

int yr_is_seq(rd *r, const pl_ynode *n, const char *what) {
  if (n->kind == PL_YSEQ) return 1;
  bad(r, n, "%s must be a list, not %s", what, yr_kind_name(n));
  return 0;
}

/* Reports keys of map that are not in allowed (NULL-terminated), and repeated keys. */
void yr_check_keys(rd *r, const pl_ynode *map, const char *const *allowed, const char *what) {
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

const pl_ynode *yr_find(const pl_ynode *map, const char *key) {
  for (const pl_ynode *v = map->first; v; v = v->next)
    if (strcmp(v->key->text, key) == 0) return v;
  return NULL;
}

/* Parses an unquoted scalar as a finite number. */
int yr_scalar_number(const pl_ynode *n, double *out) {
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

int yr_get_number(rd *r, const pl_ynode *n, const char *what, double *out) {
  if (yr_scalar_number(n, out)) return 1;
  if (n->kind == PL_YSCALAR && !n->quoted && pl_out_of_range(n->text))
    bad(r, n, "%s is %s: '%s'", what, PL_RANGE_TEXT, n->text);
  else if (n->kind == PL_YSCALAR)
    bad(r, n, "%s must be a number, not '%s'", what, n->text);
  else
    bad(r, n, "%s must be a number, not %s", what, yr_kind_name(n));
  return 0;
}

int yr_read_schedule(rd *r, const pl_ynode *n, const char *what, double lo, double hi, size_t *count, double **t, double **v,
                     pl_dist **d) {
  *count = 0, *t = *v = NULL, *d = NULL;
  if (n->kind != PL_YMAP || !yr_find(n, "schedule")) return 0;
  static const char *const keys[] = {"schedule", NULL};
  yr_check_keys(r, n, keys, "a schedule");
  const pl_ynode *s = yr_find(n, "schedule");
  if (!yr_is_seq(r, s, "'schedule' ([[time, number], ...])")) return -1;
  if (!s->count) {
    bad(r, s, "'schedule' is empty");
    return -1;
  }
  *t = malloc(s->count * sizeof **t), *v = malloc(s->count * sizeof **v), *d = calloc(s->count, sizeof **d);
  if (!*t || !*v || !*d) {
    free(*t), free(*v), free(*d);
    *t = *v = NULL, *d = NULL;
    yr_nomem(r);
    return -1;
  }
  int ok = 1;
  for (const pl_ynode *p = s->first; p; p = p->next) {
    if (p->kind != PL_YSEQ || p->count != 2) {
      bad(r, p, "each point of a schedule is a pair [time, %s]", what);
      ok = 0;
      continue;
    }
    const size_t k = (*count)++;
    ok &= yr_get_number(r, p->first, "a schedule's time", &(*t)[k]) && yr_get_param(r, p->first->next, what, lo, hi, &(*v)[k], &(*d)[k]);
  }
  return ok ? 1 : -1;
}

int yr_get_param(rd *r, const pl_ynode *n, const char *what, double lo, double hi, double *out, pl_dist *d) {
  static const char *const kinds[] = {"uniform", "triangular", "normal", NULL};
  memset(d, 0, sizeof *d);
  if (n->kind != PL_YMAP) return yr_get_number(r, n, what, out);
  const pl_ynode *f = n->first;
  int kind = 0;
  for (int k = 0; f && kinds[k]; k++)
    if (!strcmp(f->key->text, kinds[k])) kind = k + 1;
  if (!f || f->next || !kind) {
    bad(r, n, "%s must be a number or a distribution ({uniform: [a, b]}, {triangular: [low, mode, high]} or "
              "{normal: [mean, sd]})", what);
    return 0;
  }
  const size_t want = kind == PL_DIST_TRIANGULAR ? 3 : 2;
  if (f->kind != PL_YSEQ || f->count != want) {
    bad(r, f, "%s takes %zu numbers: %s", kinds[kind - 1], want,
        kind == PL_DIST_UNIFORM ? "[a, b]" : kind == PL_DIST_TRIANGULAR ? "[low, mode, high]" : "[mean, sd]");
    return 0;
  }
  double x[3];
  size_t k = 0;
  for (const pl_ynode *e = f->first; e; e = e->next, k++)
    if (!yr_get_number(r, e, "a distribution's parameter", &x[k])) return 0;
  d->kind = kind, d->lo = lo, d->hi = hi;
  if (kind == PL_DIST_TRIANGULAR) d->a = x[0], d->c = x[1], d->b = x[2];
  else d->a = x[0], d->b = x[1];
  parley_error e = {0};
  if (pl_dist_check(d, what, &e)) {
    yr_at(r, f, &e);
    return 0;
  }
  *out = pl_dist_mean(d);
  return 1;
}

const char *yr_get_text(rd *r, const pl_ynode *n, const char *what) {
  if (n->kind == PL_YSCALAR) return n->text;
  bad(r, n, "%s must be text, not %s", what, yr_kind_name(n));
  return NULL;
}

const char *yr_opt_text(rd *r, const pl_ynode *map, const char *key, const char *what,
                            const char *dflt) {
  const pl_ynode *n = yr_find(map, key);
  if (!n) return dflt;
  const char *s = yr_get_text(r, n, what);
  return s ? s : dflt;
}

/* The scenario format's rule on a bonus. */
int yr_check_bonus(double bonus, parley_error *err) {
  return bonus >= -1 && bonus <= 1 ? 0 : pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "bonus %g is outside [-1, 1]", bonus);
}

/* Reports a problem the builder found, at node n. */
void yr_at(rd *r, const pl_ynode *n, const parley_error *e) { yr_bad_code(r, e->code, n, "%s", e->message); }

int yr_nomem(rd *r) {
  yr_bad_code(r, PARLEY_ERR_NOMEM, NULL, "out of memory");
  return PARLEY_ERR_NOMEM;
}

/* The common start of an issue, party or framework: known keys and an 'id' that is text.
 * Returns the id node, or NULL after reporting why. `what` is "issue", "party" or
 * "framework"; `article` "an" or "a". */
const pl_ynode *yr_entity_id(rd *r, const pl_ynode *it, const char *const *keys, const char *article,
                                 const char *what) {
  char label[32];
  snprintf(label, sizeof label, "%s %s", article, what);
  yr_check_keys(r, it, keys, label);
  const pl_ynode *idn = yr_find(it, "id");
  if (!idn) {
    bad(r, it, "%s needs an 'id'", what);
    return NULL;
  }
  snprintf(label, sizeof label, "%s id", what);
  return yr_get_text(r, idn, label) ? idn : NULL;
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
  if (!yr_is_map(r, range, "'range'")) return;
  yr_check_keys(r, range, keys, "a range");
  const pl_ynode *node[3] = {yr_find(range, "min"), yr_find(range, "max"), yr_find(range, "step")};
  double v[3] = {0, 0, 1};
  int ok = 1;
  for (int k = 0; k < 3; k++) {
    if (!node[k]) {
      bad(r, range, "range of issue '%s' needs '%s'", pl_builder_issue_id(r->b, issue), keys[k]);
      ok = 0;
    } else {
      ok &= yr_get_number(r, node[k], keys[k], &v[k]);
    }
  }
  parley_error e = {0};
  int bad_arg;
  if (ok && pl_builder_add_range(r->b, issue, v[0], v[1], v[2], &bad_arg, &e)) {
    yr_at(r, bad_arg >= 0 ? node[bad_arg] : range, &e);
  } else if (ok) { /* a step that does not land on max: the range stops short of it */
    const size_t n = pl_builder_option_count(r->b, issue);
    const double last = n ? pl_builder_option_number(r->b, issue, n - 1) : v[0];
    if (fabs(last - v[1]) > 1e-9 * fmax(1, fabs(v[1])))
      pl_collect_warn(&r->col, r->name, node[2]->line, node[2]->column,
                      "the range of issue '%s' stops at %g: steps of %g from %g do not reach max %g",
                      pl_builder_issue_id(r->b, issue), last, v[2], v[0], v[1]);
  }
}

static void read_options(rd *r, size_t issue, const pl_ynode *opts) {
  static const char *const keys[] = {"id", "name", "description", NULL};
  const char *iid = pl_builder_issue_id(r->b, issue);
  if (!yr_is_seq(r, opts, "'options'")) return;
  if (opts->count == 0) {
    bad(r, opts, "issue '%s' has no options", iid);
    return;
  }
  if (opts->count > r->lim.max_options) {
    yr_bad_code(r, PARLEY_ERR_LIMIT, opts, "issue '%s' has %zu options, more than the limit of %zu", iid, opts->count,
             r->lim.max_options);
    return;
  }
  for (const pl_ynode *it = opts->first; it; it = it->next) {
    const char *name = NULL;
    const pl_ynode *idnode = it;
    if (it->kind == PL_YMAP) {
      yr_check_keys(r, it, keys, "an option");
      idnode = yr_find(it, "id");
      if (!idnode) {
        bad(r, it, "option of issue '%s' needs an 'id'", iid);
        continue;
      }
      name = yr_opt_text(r, it, "name", "option name", NULL);
    }
    const char *id = yr_get_text(r, idnode, "option id");
    parley_error e = {0};
    if (id && parley_builder_add_option(r->b, issue, id, name, &e)) yr_at(r, idnode, &e);
  }
}

static void read_issues(rd *r, const pl_ynode *issues) {
  static const char *const keys[] = {"id", "name", "description", "unit", "options", "range", NULL};
  if (!yr_is_seq(r, issues, "'issues'")) return;
  if (issues->count == 0) {
    bad(r, issues, "'issues' is empty; a scenario needs at least one issue");
    return;
  }
  if (issues->count > PARLEY_MAX_ISSUES) {
    yr_bad_code(r, PARLEY_ERR_LIMIT, issues, "%zu issues, more than the limit of %d", issues->count, PARLEY_MAX_ISSUES);
    return;
  }
  for (const pl_ynode *it = issues->first; it; it = it->next) {
    if (!yr_is_map(r, it, "an issue")) continue;
    const int before = r->col.n_errors;
    const pl_ynode *idn = yr_entity_id(r, it, keys, "an", "issue");
    if (!idn) continue;
    size_t i;
    parley_error e = {0};
    if (parley_builder_add_issue(r->b, idn->text, yr_opt_text(r, it, "name", "issue name", idn->text), &i, &e)) {
      yr_at(r, idn, &e);
      continue;
    }
    if (parley_builder_set_issue_unit(r->b, i, yr_opt_text(r, it, "unit", "unit", ""), &e)) yr_at(r, it, &e);
    const pl_ynode *opts = yr_find(it, "options"), *range = yr_find(it, "range");
    if (opts && range) bad(r, range, "issue '%s' has both 'options' and 'range'; give one", idn->text);
    else if (!opts && !range) bad(r, it, "issue '%s' needs 'options' (a list) or 'range' (min, max, step)", idn->text);
    else if (opts) read_options(r, i, opts);
    else read_range(r, i, range);
    r->issue_ok[i] = r->col.n_errors == before && pl_builder_option_count(r->b, i) > 0;
  }
}

/* Finds the issue an id in a key refers to; reports unknown ids. Returns -1 if unknown or if
 * the issue itself was invalid (already reported). */
long yr_issue_ref(rd *r, const pl_ynode *key) {
  const size_t i = pl_builder_issue_find(r->b, key->text);
  if (i != PARLEY_NONE) return r->issue_ok[i] ? (long)i : -1;
  bad(r, key, "unknown issue '%s'", key->text);
  return -1;
}

/* Resolves a scalar to an option of an issue: by id, or for numeric issues by number. */
long yr_option_ref(rd *r, size_t issue, const pl_ynode *n) {
  const parley_builder *b = r->b;
  const char *iid = pl_builder_issue_id(b, issue);
  const size_t count = pl_builder_option_count(b, issue);
  if (n->kind != PL_YSCALAR) {
    bad(r, n, "an option of issue '%s' must be a scalar, not %s", iid, yr_kind_name(n));
    return -1;
  }
  for (size_t o = 0; o < count; o++)
    if (strcmp(pl_builder_option_id(b, issue, o), n->text) == 0) return (long)o;
  double x;
  if (pl_builder_issue_numeric(b, issue) && yr_scalar_number(n, &x)) {
    double tol = 1e-9 * (fabs(x) > 1 ? fabs(x) : 1);
    for (size_t o = 0; o < count; o++)
      if (fabs(pl_builder_option_number(b, issue, o) - x) <= tol) return (long)o;
  }
  char list[200];
  option_list(b, issue, list, sizeof list);
  bad(r, n, "'%s' is not an option of issue '%s' (options: %s)", n->text, iid, list);
  return -1;
}

static void read_frameworks(rd *r, const pl_ynode *fws) {
  static const char *const keys[] = {"id", "name", "description", "package", NULL};
  if (!yr_is_seq(r, fws, "'frameworks'")) return;
  const size_t N = pl_builder_issue_count(r->b);
  uint32_t *package = malloc((N ? N : 1) * sizeof *package);
  unsigned char *seen = malloc(N ? N : 1);
  if (!package || !seen) {
    free(package), free(seen);
    yr_nomem(r);
    return;
  }
  for (const pl_ynode *it = fws->first; it; it = it->next) {
    if (!yr_is_map(r, it, "a framework")) continue;
    const pl_ynode *idn = yr_entity_id(r, it, keys, "a", "framework");
    parley_error e = {0};
    if (!idn) continue;
    if (pl_builder_check_framework_id(r->b, idn->text, &e)) {
      yr_at(r, idn, &e);
      continue;
    }
    const char *id = idn->text, *name = yr_opt_text(r, it, "name", "framework name", id);
    const pl_ynode *pkg = yr_find(it, "package");
    if (!pkg) {
      bad(r, it, "framework '%s' needs a 'package' (one option per issue)", id);
      continue;
    }
    if (!yr_is_map(r, pkg, "'package'")) continue;
    memset(package, 0, N * sizeof *package);
    memset(seen, 0, N);
    const int before = r->col.n_errors;
    for (const pl_ynode *v = pkg->first; v; v = v->next) {
      long i = yr_issue_ref(r, v->key);
      if (i < 0) continue;
      if (seen[i]) {
        bad(r, v->key, "issue '%s' given twice in framework '%s'", v->key->text, id);
        continue;
      }
      seen[i] = 1;
      long o = yr_option_ref(r, (size_t)i, v);
      if (o >= 0) package[i] = (uint32_t)o;
    }
    for (size_t i = 0; i < N; i++)
      if (!seen[i] && r->issue_ok[i] && r->col.n_errors == before)
        bad(r, pkg, "framework '%s' gives no option for issue '%s'", id, pl_builder_issue_id(r->b, i));
    if (r->col.n_errors == before && parley_builder_add_framework(r->b, id, name, package, &e)) yr_at(r, it, &e);
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
  if (!yr_is_map(r, v, "a position ({position, salience})")) return;
  yr_check_keys(r, v, keys, "a position");
  const pl_ynode *pn = yr_find(v, "position"), *sn = yr_find(v, "salience");
  if (!pn || !sn) {
    bad(r, v, "the position of '%s' on '%s' needs both 'position' and 'salience'", pid, iid);
    return;
  }
  double px, sx;
  char what[160];
  snprintf(what, sizeof what, "the position of '%s' on '%s'", pid, iid);
  const int x_ok = yr_get_number(r, pn, what, &px);
  snprintf(what, sizeof what, "the salience of '%s' on '%s'", pid, iid);
  parley_error e = {0};
  if (yr_get_number(r, sn, what, &sx) && parley_builder_set_position(r->b, issue, party, x_ok ? px : 0, sx, &e))
    yr_at(r, sn, &e);
}

static void read_positions(rd *r, const pl_ynode *list) {
  static const char *const keys[] = {"issue", "reference", "outcome", "actors", NULL};
  if (!yr_is_seq(r, list, "'positions'")) return;
  if (list->count == 0) {
    bad(r, list, "'positions' is empty; leave it out to derive positions from the numeric issues");
    return;
  }
  for (const pl_ynode *it = list->first; it; it = it->next) {
    if (!yr_is_map(r, it, "a positions entry")) continue;
    yr_check_keys(r, it, keys, "a positions entry");
    const pl_ynode *in = yr_find(it, "issue"), *an = yr_find(it, "actors");
    if (!in) {
      bad(r, it, "a positions entry needs an 'issue'");
      continue;
    }
    if (in->kind != PL_YSCALAR) {
      bad(r, in, "'issue' must be an issue id, not %s", yr_kind_name(in));
      continue;
    }
    long i = yr_issue_ref(r, in);
    if (i < 0) continue;
    double reference = NAN, outcome = NAN, x;
    const pl_ynode *v;
    if ((v = yr_find(it, "reference")) && yr_get_number(r, v, "'reference' (the status quo)", &x)) reference = x;
    if ((v = yr_find(it, "outcome")) && yr_get_number(r, v, "'outcome' (the decision taken)", &x)) outcome = x;
    parley_error e = {0};
    if (parley_builder_add_positions(r->b, (size_t)i, reference, outcome, &e)) {
      yr_at(r, in, &e);
      continue;
    }
    if (!an) {
      bad(r, it, "the positions of issue '%s' need 'actors' (party id -> {position, salience})", in->text);
      continue;
    }
    if (!yr_is_map(r, an, "'actors'")) continue;
    for (const pl_ynode *a = an->first; a; a = a->next) {
      long p = party_ref(r, a->key);
      if (p >= 0) read_actor_position(r, a, (size_t)p, (size_t)i);
    }
  }
}

/* ------------------------------------------------------------------------------------------ */

static int read_tree(rd *r, const pl_ynode *root) {
  static const char *const keys[] = {"parley", "title", "description", "issues", "parties",
                                     "frameworks", "positions", "mediation", "time", NULL};
  if (!root) {
    bad(r, NULL, "the file is empty; a scenario needs 'issues' and 'parties'");
    return r->col.first_code;
  }
  if (!yr_is_map(r, root, "the scenario")) return r->col.first_code;
  yr_check_keys(r, root, keys, "the scenario");
  const pl_ynode *n;
  if ((n = yr_find(root, "parley"))) {
    double v;
    if (yr_get_number(r, n, "'parley' (the format version)", &v) && v != 1)
      bad(r, n, "format version %g is not supported (this parley reads version 1)", v);
  }
  parley_builder_set_title(r->b, yr_opt_text(r, root, "title", "title", ""), NULL);
  parley_builder_set_description(r->b, yr_opt_text(r, root, "description", "description", ""), NULL);
  if ((n = yr_find(root, "time")) && yr_is_map(r, n, "'time' ({unit: ..., horizon: ...})")) {
    static const char *const tkeys[] = {"unit", "horizon", NULL};
    yr_check_keys(r, n, tkeys, "'time'");
    const pl_ynode *h = yr_find(n, "horizon");
    double horizon = 1;
    parley_error e = {0};
    if (!h) bad(r, n, "'time' needs 'horizon' (how long the clock runs, in its unit)");
    else if (yr_get_number(r, h, "the horizon", &horizon) &&
             pl_builder_set_time(r->b, yr_opt_text(r, n, "unit", "the time unit", ""), horizon, &e))
      yr_at(r, h, &e);
  }
  const pl_ynode *issues = yr_find(root, "issues"), *parties = yr_find(root, "parties");
  if (!issues) {
    bad(r, root, "the scenario needs 'issues'");
    return r->col.first_code;
  }
  pl_builder_set_issues_position(r->b, issues->line, issues->column);
  const int before = r->col.n_errors;
  read_issues(r, issues);
  if (pl_builder_issue_count(r->b) == 0 && r->col.n_errors > before) return r->col.first_code;
  if (!parties) bad(r, root, "the scenario needs 'parties'");
  else yr_read_parties(r, parties);
  if ((n = yr_find(root, "frameworks"))) read_frameworks(r, n);
  if ((n = yr_find(root, "positions")) && pl_builder_party_count(r->b)) read_positions(r, n);
  if ((n = yr_find(root, "mediation")) && pl_builder_party_count(r->b)) yr_read_mediation(r, n);
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
    /* list problems top to bottom; the first error is the one handed back */
    pl_diag_sort_from(diags, start);
    for (size_t k = start; err && k < parley_diagnostics_count(diags); k++)
      if (parley_diagnostics_get(diags, k)->code != PARLEY_WARNING) {
        *err = *parley_diagnostics_get(diags, k);
        break;
      }
  }
  if (rc == 0) {
    /* a problem only the whole shows: in the diagnostics too, so that every caller sees it */
    parley_error whole = {0};
    rc = parley_builder_build(r.b, out, &whole);
    if (rc) {
      if (diags) pl_diag_add(diags, &whole);
      if (err) *err = whole;
    }
  }
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
