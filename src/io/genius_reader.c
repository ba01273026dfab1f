/* genius_reader.c — reads GENIUS XML (the ANAC competitions' format): a domain file and its
 * preference profiles, into a scenario, with GENIUS's own semantics (docs/genius.md):
 *   U(b) = sum_i w_i e_i(b_i), weights as written;
 *   discrete e(v) = evaluation(v) / max evaluation of the issue;
 *   integer  e(v) = clamp(offset + slope (v - lowerbound), 0, 1);
 *   real     e(x) = clamp(p0 + p1 x, 0, 1), on a discretised range;
 *   non-linear (ANAC 2014): sum of the utilities of the hyper-rectangles holding the outcome,
 *   times the ufun weight, divided by maxutility (each rectangle becomes an interaction term).
 * The XML parser never touches the network, never loads a DTD and never expands entities: a
 * document with a DOCTYPE is refused outright. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "io/file.h"
#include "io/genius.h"
#include "io/genius_meta.h"
#include "io/xml.h"
#include "model/builder.h"
#include "util/arena.h"
#include "util/number.h"
#include "util/vec.h"
#include "util/error.h"

#define PL_REAL_STEPS 11 /* options a real issue is discretised into, unless the file says */

typedef struct gx {
  pl_arena *arena; /* the reader's own: attribute texts, the domain's issues */
  pl_collect col;
  const char *file; /* the file being read */
  size_t max_options;
  parley_builder *b;
} gx;

__attribute__((format(printf, 4, 5))) static void gbad(gx *g, int code, const xmlNode *n,
                                                       const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  pl_collect_vadd(&g->col, code, g->file, n ? (int)xmlGetLineNo(n) : 0, 0, fmt, ap);
  va_end(ap);
}

#define BAD(g, n, ...) gbad(g, PARLEY_ERR_INVALID, n, __VA_ARGS__)

static int is_elem(const xmlNode *n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* First element called name at or below n (depth first), or NULL. */
static xmlNode *find_elem(xmlNode *n, const char *name) {
  for (; n; n = n->next) {
    if (is_elem(n, name)) return n;
    if (n->type == XML_ELEMENT_NODE) {
      xmlNode *c = find_elem(n->children, name);
      if (c) return c;
    }
  }
  return NULL;
}

/* The attribute's text copied into the arena, or NULL when absent. */
static const char *attr(gx *g, const xmlNode *n, const char *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  if (!v) return NULL;
  char *s = pl_arena_strdup(g->arena, (const char *)v);
  xmlFree(v);
  return s;
}

static int attr_number(gx *g, const xmlNode *n, const char *name, double *out, int required) {
  const char *s = attr(g, n, name);
  if (!s) {
    if (required) BAD(g, n, "<%s> needs the attribute %s", (const char *)n->name, name);
    return 0;
  }
  char *end;
  errno = 0;
  double x = strtod(s, &end);
  while (*end == ' ') end++;
  if (end == s || *end || errno == ERANGE || !isfinite(x)) {
    if (pl_out_of_range(s)) BAD(g, n, "attribute %s of <%s> is %s: '%s'", name, (const char *)n->name, PL_RANGE_TEXT, s);
    else BAD(g, n, "attribute %s of <%s> must be a number, not '%s'", name, (const char *)n->name, s);
    return 0;
  }
  *out = x;
  return 1;
}

/* An attribute that must be a whole number in int's range (an issue index, say); 1 with it in
 * *out, 0 after reporting a problem (or when it is absent and not required). */
static int attr_int(gx *g, const xmlNode *n, const char *name, int *out, int required) {
  double x;
  if (!attr_number(g, n, name, &x, required)) return 0;
  if (x != floor(x) || x < INT_MIN || x > INT_MAX) {
    BAD(g, n, "attribute %s of <%s> must be a whole number from %d to %d, not '%s'", name, (const char *)n->name, INT_MIN,
        INT_MAX, attr(g, n, name));
    return 0;
  }
  *out = (int)x;
  return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading and parsing one file                                                               */

/* Where the text of each file comes from: files on disk, or buffers in memory (fuzzing). */
typedef struct source {
  const char *const *paths;
  const char *const *texts; /* NULL: read paths from disk */
  const size_t *lens;
} source;

static xmlDoc *load_xml(gx *g, const source *src, size_t k, size_t max_bytes) {
  if (src->texts) {
    if (src->lens[k] > max_bytes) {
      gbad(g, PARLEY_ERR_LIMIT, NULL, "the file is larger than the limit of %zu bytes", max_bytes);
      return NULL;
    }
    return pl_xml_parse(src->texts[k], src->lens[k], g->file, &g->col);
  }
  size_t len = 0;
  char *buf;
  if (pl_read_whole_file(src->paths[k], max_bytes, &buf, &len, &g->col)) return NULL;
  xmlDoc *doc = pl_xml_parse(buf, len, g->file, &g->col);
  free(buf);
  return doc;
}

/* ------------------------------------------------------------------------------------------ */
/* Ids: GENIUS names are free text ("0:00-2:59 prices [cents/kWh]", "19'' LCD"); parley ids    */
/* keep letters, digits and _ - . + and turn every other run into one '_'.                    */

static const char *make_id(pl_arena *a, const char *name, const char *fallback) {
  size_t n = strlen(name);
  char *d = pl_arena_alloc(a, n + 2);
  if (!d) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n && k < 60; i++) {
    unsigned char c = (unsigned char)name[i];
    if (isalnum(c) || c == '_' || c == '-' || c == '.' || c == '+') d[k++] = (char)c;
    else if (k > 0 && d[k - 1] != '_') d[k++] = '_';
  }
  while (k > 0 && d[k - 1] == '_') k--;
  d[k] = '\0';
  return k ? d : fallback;
}

/* Makes ids unique by appending _2, _3, ... */
static int unique_ids(pl_arena *a, const char **ids, size_t n) {
  for (size_t i = 1; i < n; i++) {
    int clash = 0;
    for (size_t j = 0; j < i; j++) clash |= strcmp(ids[i], ids[j]) == 0;
    for (int s = 2; clash; s++) {
      char buf[80];
      snprintf(buf, sizeof buf, "%.60s_%d", ids[i], s);
      clash = 0;
      for (size_t j = 0; j < i; j++) clash |= strcmp(buf, ids[j]) == 0;
      if (!clash) {
        ids[i] = pl_arena_strdup(a, buf);
        if (!ids[i]) return PARLEY_ERR_NOMEM;
      }
    }
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Domain                                                                                     */

typedef struct gissue {
  const char *id, *name;
  int index;          /* GENIUS index attribute */
  int kind;           /* 0 discrete, 1 integer, 2 real */
  double lo, hi;      /* integer and real bounds */
  size_t n_options;   /* 0: the domain failed on it */
  const char **option; /* discrete: the values' names; */
  const char **option_name; /* and the options' display names (parley_name, else the value) */
  const char **option_id; /* and their ids */
  double *number;     /* integer and real: the options' numbers */
} gissue;

/* The domain's issues into gi (*n of them, in the reader's arena). */
static void read_domain(gx *g, xmlDoc *doc, gissue **out, size_t *n_out) {
  xmlNode *root = xmlDocGetRootElement(doc);
  if (!root || (!is_elem(root, "negotiation_template") && !is_elem(root, "utility_space"))) {
    BAD(g, root, "not a GENIUS domain: the root element is <%s>, not <negotiation_template>",
        root ? (const char *)root->name : "(none)");
    return;
  }
  xmlNode *obj = find_elem(root, "objective");
  if (!obj) {
    BAD(g, root, "the domain has no <objective> holding its issues");
    return;
  }
  size_t n = 0;
  for (xmlNode *c = obj->children; c; c = c->next) n += is_elem(c, "issue");
  if (n == 0) {
    BAD(g, obj, "the domain has no issues");
    return;
  }
  if (n > PARLEY_MAX_ISSUES) {
    gbad(g, PARLEY_ERR_LIMIT, obj, "%zu issues, more than the limit of %d", n, PARLEY_MAX_ISSUES);
    return;
  }
  gissue *gi = pl_arena_array(g->arena, n, sizeof *gi);
  const char **ids = pl_arena_array(g->arena, n, sizeof *ids);
  if (!gi || !ids) {
    gbad(g, PARLEY_ERR_NOMEM, NULL, "out of memory");
    return;
  }
  size_t i = 0;
  for (xmlNode *c = obj->children; c; c = c->next) {
    if (!is_elem(c, "issue")) continue;
    gissue *q = &gi[i];
    int idx;
    if (attr_int(g, c, "index", &idx, 1)) q->index = idx;
    const char *name = attr(g, c, "name");
    q->name = name ? name : "";
    char fallback[32];
    snprintf(fallback, sizeof fallback, "issue%zu", i + 1);
    const char *pid = attr(g, c, "parley_id"); /* written by parley: the scenario's own id */
    ids[i] = pid ? pl_arena_strdup(g->arena, pid) : make_id(g->arena, q->name, pl_arena_strdup(g->arena, fallback));
    const char *type = attr(g, c, "etype");
    if (!type) type = attr(g, c, "type");
    if (!type) type = "discrete";
    if (strcmp(type, "discrete") == 0) {
      size_t m = 0;
      for (xmlNode *it = c->children; it; it = it->next) m += is_elem(it, "item");
      if (m == 0) {
        BAD(g, c, "discrete issue '%s' has no <item>", q->name);
      } else if (m > g->max_options) {
        gbad(g, PARLEY_ERR_LIMIT, c, "issue '%s' has %zu values, more than the limit of %zu", q->name, m, g->max_options);
      } else {
        q->option = pl_arena_array(g->arena, m, sizeof *q->option);
        q->option_id = pl_arena_array(g->arena, m, sizeof *q->option_id);
        q->option_name = pl_arena_array(g->arena, m, sizeof *q->option_name);
        if (!q->option || !q->option_id || !q->option_name) {
          gbad(g, PARLEY_ERR_NOMEM, NULL, "out of memory");
          return;
        }
        size_t o = 0;
        for (xmlNode *it = c->children; it; it = it->next) {
          if (!is_elem(it, "item")) continue;
          const char *v = attr(g, it, "value");
          if (!v) {
            BAD(g, it, "an <item> of issue '%s' has no value", q->name);
            v = "";
          }
          const char *oid = attr(g, it, "parley_id"), *oname = attr(g, it, "parley_name");
          q->option[o] = v;
          snprintf(fallback, sizeof fallback, "v%zu", o + 1);
          q->option_id[o] = oid ? pl_arena_strdup(g->arena, oid) : make_id(g->arena, v, pl_arena_strdup(g->arena, fallback));
          q->option_name[o] = oname ? oname : v;
          o++;
        }
        if (unique_ids(g->arena, q->option_id, m)) return;
        q->n_options = m;
      }
    } else if (strcmp(type, "integer") == 0 || strcmp(type, "real") == 0) {
      int integer = type[0] == 'i';
      q->kind = integer ? 1 : 2;
      const xmlNode *rn = c;
      if (!integer) {
        for (xmlNode *k = c->children; k; k = k->next)
          if (is_elem(k, "range")) rn = k;
      }
      double lo, hi, steps = PL_REAL_STEPS;
      if (!attr_number(g, rn, "lowerbound", &lo, 1) || !attr_number(g, rn, "upperbound", &hi, 1)) {
        i++;
        continue;
      }
      if (hi < lo) {
        BAD(g, c, "issue '%s': upperbound %g is below lowerbound %g", q->name, hi, lo);
        i++;
        continue;
      }
      double count;
      if (integer) {
        lo = ceil(lo);
        hi = floor(hi);
        count = hi - lo + 1;
      } else {
        const char *st = attr(g, c, "numberofdiscretizationsteps");
        if (st && attr_number(g, c, "numberofdiscretizationsteps", &steps, 0) && steps < 2) steps = 2;
        count = hi > lo ? floor(steps) : 1;
      }
      if (!(count >= 1) || count > (double)g->max_options) {
        gbad(g, PARLEY_ERR_LIMIT, c, "issue '%s' has %.0f values, more than the limit of %zu", q->name, count,
             g->max_options);
        i++;
        continue;
      }
      q->lo = lo;
      q->hi = hi;
      const size_t m = (size_t)count;
      if (!(q->number = pl_arena_array(g->arena, m, sizeof *q->number))) {
        gbad(g, PARLEY_ERR_NOMEM, NULL, "out of memory");
        return;
      }
      for (size_t o = 0; o < m; o++) {
        q->number[o] = integer ? lo + (double)o : (m == 1 ? lo : lo + (hi - lo) * (double)o / (double)(m - 1));
        /* a real issue's points, rounded once from the fraction they are where lo and hi are exact */
        const pl_q ql = pl_q_from_double(lo), span = pl_q_sub(pl_q_from_double(hi), ql);
        const pl_q x = integer || m == 1 ? PL_Q_NONE : pl_q_add(ql, pl_q_div(pl_q_mul(span, pl_q_int((int64_t)o)), pl_q_int((int64_t)m - 1)));
        if (pl_q_exact(x)) q->number[o] = pl_q_to_double(x);
      }
      q->n_options = m;
    } else {
      BAD(g, c, "issue '%s' has type '%s'; parley reads discrete, integer and real issues", q->name, type);
    }
    i++;
  }
  if (unique_ids(g->arena, ids, n)) return;
  for (i = 0; i < n; i++) gi[i].id = ids[i];
  *out = gi;
  *n_out = n;
}

/* Gives the builder the domain's issues and options. */
static void build_domain(gx *g, const gissue *gi, size_t n) {
  parley_error e = {0};
  for (size_t i = 0; i < n; i++) {
    const gissue *q = &gi[i];
    int rc = parley_builder_add_issue(g->b, q->id, q->name, NULL, &e);
    for (size_t o = 0; rc == 0 && o < q->n_options; o++) {
      if (q->kind == 0) {
        rc = parley_builder_add_option(g->b, i, q->option_id[o], q->option_name[o], &e);
      } else {
        char buf[40];
        snprintf(buf, sizeof buf, "%.12g", q->number[o]);
        rc = pl_builder_add_numeric_option(g->b, i, buf, q->number[o], &e);
      }
    }
    if (rc) {
      gbad(g, e.code, NULL, "%s", e.message);
      return;
    }
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Profiles                                                                                   */

static long issue_by_index(const gissue *gi, size_t n, int index) {
  for (size_t i = 0; i < n; i++)
    if (gi[i].index == index) return (long)i;
  return -1;
}

/* Reports a problem the builder found with a profile, at node n. */
static void builder_bad(gx *g, const xmlNode *n, const parley_error *e) { gbad(g, e->code, n, "%s", e->message); }

/* A linear, additive profile: weights and evaluators per issue. */
static void read_linear(gx *g, xmlNode *obj, const gissue *gi, size_t N, size_t party) {
  double own_index = -1; /* a weight addressed to the objective itself carries no meaning here */
  if (xmlHasProp(obj, (const xmlChar *)"index")) attr_number(g, obj, "index", &own_index, 0);
  unsigned char *has_weight = pl_arena_alloc(g->arena, N), *has_eval = pl_arena_alloc(g->arena, N);
  unsigned char *given = pl_arena_alloc(g->arena, N); /* the issue is there, valid or not */
  double *weight = pl_arena_array(g->arena, N, sizeof *weight);
  if (!has_weight || !has_eval || !given || !weight) {
    gbad(g, PARLEY_ERR_NOMEM, NULL, "out of memory");
    return;
  }
  parley_error e = {0};
  for (xmlNode *c = obj->children; c; c = c->next) {
    if (is_elem(c, "weight")) {
      int idx;
      double w;
      if (!attr_int(g, c, "index", &idx, 1)) continue;
      long i = issue_by_index(gi, N, idx);
      if (i < 0 && idx == own_index) continue; /* issues take precedence over the objective */
      if (i >= 0 && !attr_number(g, c, "value", &w, 1)) {
        has_weight[i] = 2; /* given, if badly: no second complaint that it is missing */
        continue;
      }
      if (i < 0) {
        BAD(g, c, "weight for issue index %d, which the domain does not have", idx);
      } else if (w < 0) {
        has_weight[i] = 2;
        BAD(g, c, "weight of issue '%s' is negative (%g)", gi[i].name, w);
      } else if (has_weight[i]) {
        BAD(g, c, "a second weight for issue '%s'", gi[i].name);
      } else if (parley_builder_set_weight(g->b, party, (size_t)i, w, &e)) {
        builder_bad(g, c, &e);
      } else {
        weight[i] = w;
        has_weight[i] = 1;
      }
      continue;
    }
    if (!is_elem(c, "issue")) continue;
    int idx;
    if (!attr_int(g, c, "index", &idx, 1)) continue;
    long i = issue_by_index(gi, N, idx);
    if (i < 0) {
      BAD(g, c, "issue index %d is not in the domain", idx);
      continue;
    }
    const gissue *is = &gi[i];
    if (is->n_options == 0) continue; /* the domain already failed on it */
    given[i] = 1;
    double *v = pl_arena_array(g->arena, is->n_options, sizeof *v);
    pl_q *q = pl_arena_array(g->arena, is->n_options, sizeof *q); /* the values as fractions */
    if (!v || !q) {
      gbad(g, PARLEY_ERR_NOMEM, NULL, "out of memory");
      return;
    }
    int ok = 1;
    if (is->kind == 0) {
      /* discrete: evaluation per item, matched to the domain by value, divided by the max */
      unsigned char *seen = pl_arena_alloc(g->arena, is->n_options);
      if (!seen) return;
      double max = 0;
      for (xmlNode *it = c->children; it; it = it->next) {
        if (!is_elem(it, "item")) continue;
        const char *val = attr(g, it, "value");
        double ev;
        if (!val) {
          BAD(g, it, "an <item> of issue '%s' has no value", is->name);
          ok = 0;
          continue;
        }
        if (!attr_number(g, it, "evaluation", &ev, 1)) {
          ok = 0;
          continue;
        }
        if (ev < 0) {
          BAD(g, it, "evaluation of '%s' in issue '%s' is negative (%g)", val, is->name, ev);
          ok = 0;
          continue;
        }
        size_t o = 0;
        while (o < is->n_options && strcmp(is->option[o], val) != 0) o++;
        if (o == is->n_options) {
          BAD(g, it, "issue '%s' has no value '%s' in the domain", is->name, val);
          ok = 0;
          continue;
        }
        seen[o] = 1;
        v[o] = ev;
        if (ev > max) max = ev;
      }
      for (size_t o = 0; o < is->n_options && ok; o++)
        if (!seen[o]) {
          BAD(g, c, "no evaluation for value '%s' of issue '%s'", is->option[o], is->name);
          ok = 0;
        }
      for (size_t o = 0; o < is->n_options && ok; o++) {
        q[o] = max > 0 ? pl_q_div(pl_q_from_double(v[o]), pl_q_from_double(max)) : pl_q_int(0);
        v[o] = max > 0 ? v[o] / max : 0;
      }
    } else {
      xmlNode *ev = NULL;
      for (xmlNode *k = c->children; k; k = k->next)
        if (is_elem(k, "evaluator")) ev = k;
      if (!ev) {
        BAD(g, c, "issue '%s' has no <evaluator>", is->name);
        continue;
      }
      const char *ftype = attr(g, ev, "ftype");
      if (ftype && strcmp(ftype, "linear") != 0) {
        BAD(g, ev, "evaluator type '%s' of issue '%s' is not supported (only linear)", ftype, is->name);
        continue;
      }
      double a, b;
      const int integer = is->kind == 1;
      if (!attr_number(g, ev, integer ? "offset" : "parameter0", &a, 1) ||
          !attr_number(g, ev, integer ? "slope" : "parameter1", &b, 1))
        continue;
      const pl_q qa = pl_q_from_double(a), qb = pl_q_from_double(b);
      for (size_t o = 0; o < is->n_options; o++) {
        const double x = integer ? is->number[o] - is->lo : is->number[o];
        const double y = a + b * x;
        v[o] = y < 0 ? 0 : y > 1 ? 1 : y;
        const pl_q qx = integer ? pl_q_sub(pl_q_from_double(is->number[o]), pl_q_from_double(is->lo))
                                : pl_q_from_double(is->number[o]);
        const pl_q qy = pl_q_add(qa, pl_q_mul(qb, qx));
        q[o] = !pl_q_exact(qy) ? qy : qy.num < 0 ? pl_q_int(0) : qy.num > qy.den ? pl_q_int(1) : qy;
      }
    }
    if (ok && pl_builder_set_values(g->b, party, (size_t)i, v, q, NULL, &e)) builder_bad(g, c, &e);
    else if (ok) has_eval[i] = 1;
  }
  for (size_t i = 0; i < N; i++) {
    if (gi[i].n_options == 0) continue;
    if (!has_weight[i]) BAD(g, obj, "no <weight> for issue '%s' (index %d)", gi[i].name, gi[i].index);
    if (!has_eval[i] && !given[i] && weight[i] > 0) BAD(g, obj, "no evaluation for issue '%s'", gi[i].name);
  }
}

/* An ANAC 2014 non-linear profile: hyper-rectangles, each an interaction term. */
static void read_nonlinear(gx *g, xmlNode *root, const gissue *gi, size_t N, size_t party) {
  xmlNode *ut = find_elem(root->children, "utility");
  if (!ut) {
    BAD(g, root, "a non-linear profile needs a <utility maxutility=...> element");
    return;
  }
  double maxu;
  if (!attr_number(g, ut, "maxutility", &maxu, 1)) return;
  if (!(maxu > 0)) {
    BAD(g, ut, "maxutility must be > 0 (got %g)", maxu);
    return;
  }
  parley_condition *conds = pl_arena_array(g->arena, N, sizeof *conds);
  if (!conds) return;
  for (xmlNode *u = ut->children; u; u = u->next) {
    if (!is_elem(u, "ufun")) continue;
    const char *type = attr(g, u, "type"), *agg = attr(g, u, "aggregation");
    if ((type && strcmp(type, "PlainUfun") != 0) || (agg && strcmp(agg, "sum") != 0)) {
      BAD(g, u, "ufun type '%s' with aggregation '%s' is not supported (only PlainUfun, sum)", type ? type : "?",
          agg ? agg : "?");
      continue;
    }
    double w = 1;
    attr_number(g, u, "weight", &w, 0);
    for (xmlNode *h = u->children; h; h = h->next) {
      if (!is_elem(h, "hyperRectangle")) continue;
      double hu;
      if (!attr_number(g, h, "utility", &hu, 1)) continue;
      size_t nc = 0;
      for (xmlNode *k = h->children; k; k = k->next)
        if (!is_elem(k, "INCLUDES") && k->type == XML_ELEMENT_NODE)
          BAD(g, k, "<%s> in a hyperRectangle is not supported (only INCLUDES)", (const char *)k->name);
      int ok = 1;
      for (xmlNode *k = h->children; k; k = k->next) {
        if (!is_elem(k, "INCLUDES")) continue;
        int idx;
        double lo, hi;
        if (!attr_int(g, k, "index", &idx, 1) || !attr_number(g, k, "min", &lo, 1) || !attr_number(g, k, "max", &hi, 1)) {
          ok = 0;
          continue;
        }
        long i = issue_by_index(gi, N, idx);
        if (i < 0 || gi[i].kind == 0) {
          BAD(g, k, "INCLUDES names issue index %d, which is not an integer issue of the domain", idx);
          ok = 0;
          continue;
        }
        const gissue *is = &gi[i];
        size_t at = 0; /* an index named twice: both bounds hold, so the condition is their intersection */
        while (at < nc && conds[at].issue != (size_t)i) at++;
        unsigned char *allowed = at < nc ? (unsigned char *)conds[at].allowed : pl_arena_alloc(g->arena, is->n_options);
        if (!allowed) return;
        for (size_t o = 0; o < is->n_options; o++)
          allowed[o] = (at < nc ? allowed[o] : 1) && is->number[o] >= lo && is->number[o] <= hi;
        if (at == nc) conds[nc++] = (parley_condition){(size_t)i, allowed};
      }
      parley_error e = {0};
      const pl_q bonus = pl_q_div(pl_q_mul(pl_q_from_double(w), pl_q_from_double(hu)), pl_q_from_double(maxu));
      if (ok && pl_builder_add_interaction(g->b, party, w * hu / maxu, bonus, "", conds, nc, &e)) builder_bad(g, h, &e);
    }
  }
}

static void read_profile(gx *g, xmlDoc *doc, const gissue *gi, size_t N, size_t party) {
  xmlNode *root = xmlDocGetRootElement(doc);
  if (!is_elem(root, "utility_space")) {
    BAD(g, root, "not a GENIUS profile: the root element is <%s>, not <utility_space>",
        root ? (const char *)root->name : "(none)");
    return;
  }
  parley_error e = {0};
  const char *name = attr(g, root, "parley_name"); /* written by parley: the party's name and power */
  double power;
  if (name && parley_builder_set_party_name(g->b, party, name, &e)) builder_bad(g, root, &e);
  if (attr(g, root, "parley_power") && attr_number(g, root, "parley_power", &power, 1) &&
      parley_builder_set_power(g->b, party, power, &e))
    builder_bad(g, root, &e);
  for (xmlNode *c = root->children; c; c = c->next) {
    double x;
    if (is_elem(c, "reservation") && attr_number(g, c, "value", &x, 1)) {
      if (x < 0 || x > 1) BAD(g, c, "reservation value %g is outside [0, 1]", x);
      else if (parley_builder_set_reservation(g->b, party, x, &e)) builder_bad(g, c, &e);
    } else if (is_elem(c, "discount_factor") && attr_number(g, c, "value", &x, 1)) {
      if (x < 0 || x > 1) BAD(g, c, "discount factor %g is outside [0, 1]", x);
      else if (parley_builder_set_discount(g->b, party, x > 0 ? x : 1, &e)) builder_bad(g, c, &e); /* 0: no discount */
    }
  }
  const char *type = attr(g, root, "type");
  if (type && strcmp(type, "nonlinear") == 0) {
    read_nonlinear(g, root, gi, N, party);
    return;
  }
  xmlNode *obj = find_elem(root->children, "objective");
  if (!obj) {
    BAD(g, root, "the profile has no <objective>");
    return;
  }
  read_linear(g, obj, gi, N, party);
}

/* A framework parley kept in a comment of the domain file: its package by issue and option ids. */
static void add_framework(gx *g, const pl_genius_framework *fw, int line) {
  const size_t N = pl_builder_issue_count(g->b);
  uint32_t *pkg = pl_arena_array(g->arena, N ? N : 1, sizeof *pkg);
  unsigned char *set = pl_arena_alloc(g->arena, N ? N : 1);
  if (!pkg || !set) {
    gbad(g, PARLEY_ERR_NOMEM, NULL, "out of memory");
    return;
  }
  memset(set, 0, N ? N : 1);
  for (size_t k = 0; k < fw->n; k++) {
    const size_t i = pl_builder_issue_find(g->b, fw->issue[k]);
    size_t o = 0;
    while (i != PARLEY_NONE && o < pl_builder_option_count(g->b, i) && strcmp(pl_builder_option_id(g->b, i, o), fw->option[k]))
      o++;
    if (i == PARLEY_NONE || o == pl_builder_option_count(g->b, i)) {
      pl_collect_add(&g->col, PARLEY_ERR_INVALID, g->file, line, 0,
                     "framework '%s' names option '%s' of issue '%s', which the domain does not have", fw->id,
                     fw->option[k], fw->issue[k]);
      return;
    }
    pkg[i] = (uint32_t)o;
    set[i] = 1;
  }
  for (size_t i = 0; i < N; i++)
    if (!set[i]) {
      pl_collect_add(&g->col, PARLEY_ERR_INVALID, g->file, line, 0, "framework '%s' gives no option for issue '%s'",
                     fw->id, pl_builder_issue_id(g->b, i));
      return;
    }
  parley_error e = {0};
  if (parley_builder_add_framework(g->b, fw->id, fw->name, pkg, &e))
    pl_collect_add(&g->col, e.code, g->file, line, 0, "%s", e.message);
}

/* A party id from the profile's file name: "laptop_buyer_utility.xml" -> "laptop_buyer_utility". */
static const char *party_name_from_path(pl_arena *a, const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  if (n > 4 && strcmp(base + n - 4, ".xml") == 0) n -= 4;
  return pl_arena_strndup(a, base, n);
}

static int read_genius(const source *src, size_t n_files, const parley_read_limits *limits, parley_scenario **out,
                       parley_diagnostics *diags, parley_error *err) {
  const char *domain_path = src->paths[0];
  const char *const *profile_paths = src->paths + 1;
  const size_t n_profiles = n_files - 1;
  *out = NULL;
  if (n_profiles == 0) return pl_fail(err, PARLEY_ERR_ARG, domain_path, 0, 0, "no preference profiles given");
  pl_arena arena = {0};
  parley_diagnostics *own = NULL;
  if (!diags) diags = own = parley_diagnostics_new();
  gx g = {.arena = &arena, .col = {diags, err, 0, 0}, .file = domain_path, .b = parley_builder_new(domain_path)};
  if (!g.b) gbad(&g, PARLEY_ERR_NOMEM, NULL, "out of memory");
  g.max_options = limits && limits->max_options ? limits->max_options : PARLEY_DEFAULT_MAX_OPTIONS;
  parley_builder_set_limits(g.b, limits);
  size_t max_bytes = limits && limits->max_file_bytes ? limits->max_file_bytes : PARLEY_DEFAULT_MAX_FILE_BYTES;
  gissue *gi = NULL;
  size_t N = 0, n_fw = 0, cap_fw = 0;
  pl_genius_framework *fws = NULL; /* parley's frameworks, read back from the domain's comments */
  int *fw_line = NULL;
  xmlDoc *doc = g.b ? load_xml(&g, src, 0, max_bytes) : NULL;
  if (doc) {
    read_domain(&g, doc, &gi, &N);
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *obj = root ? find_elem(root, "objective") : NULL;
    const char *title = obj ? attr(&g, obj, "name") : NULL, *description = obj ? attr(&g, obj, "description") : NULL;
    if (title && strcmp(title, "root") != 0) parley_builder_set_title(g.b, title, NULL);
    if (description && description[0]) parley_builder_set_description(g.b, description, NULL);
    /* parley's frameworks, kept in comments (genius_meta.h) */
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
      if (c->type != XML_COMMENT_NODE || !c->content) continue;
      pl_genius_framework fw;
      const int k = pl_genius_framework_parse(&arena, (const char *)c->content, &fw);
      if (k < 0) gbad(&g, PARLEY_ERR_NOMEM, NULL, "out of memory");
      if (k <= 0) continue;
      if (pl_grow(&fws, &cap_fw, n_fw + 1) || pl_resize(&fw_line, cap_fw)) {
        gbad(&g, PARLEY_ERR_NOMEM, NULL, "out of memory");
        break;
      }
      fws[n_fw] = fw;
      fw_line[n_fw++] = (int)c->line;
    }
    xmlFreeDoc(doc);
  }
  if (g.col.n_errors == 0) build_domain(&g, gi, N);
  if (g.col.n_errors == 0) {
    /* every profile parsed first: a party's id is its profile's parley_id (written by parley),
     * else its file's name; the ids made unique before any profile is read */
    xmlDoc **docs = pl_arena_array(&arena, n_profiles, sizeof *docs);
    const char **ids = pl_arena_array(&arena, n_profiles, sizeof *ids), **names = pl_arena_array(&arena, n_profiles, sizeof *names);
    if (!ids || !names || !docs) gbad(&g, PARLEY_ERR_NOMEM, NULL, "out of memory");
    for (size_t p = 0; docs && p < n_profiles; p++) {
      g.file = profile_paths[p];
      docs[p] = load_xml(&g, src, p + 1, max_bytes);
    }
    for (size_t p = 0; ids && names && docs && p < n_profiles; p++) {
      names[p] = party_name_from_path(&arena, profile_paths[p]);
      xmlNode *root = docs[p] ? xmlDocGetRootElement(docs[p]) : NULL;
      const char *pid = root && is_elem(root, "utility_space") ? attr(&g, root, "parley_id") : NULL;
      ids[p] = make_id(&arena, pid && *pid ? pid : names[p] ? names[p] : "party", "party");
    }
    if (g.col.n_errors == 0 && unique_ids(&arena, ids, n_profiles)) gbad(&g, PARLEY_ERR_NOMEM, NULL, "out of memory");
    for (size_t p = 0; g.col.n_errors == 0 && p < n_profiles; p++) {
      parley_error e = {0};
      if (parley_builder_add_party(g.b, ids[p], names[p], NULL, &e) || parley_builder_set_normalise(g.b, p, 0, &e))
        gbad(&g, e.code, NULL, "%s", e.message);
    }
    const int parties_ok = g.col.n_errors == 0;
    for (size_t p = 0; parties_ok && p < n_profiles; p++) {
      g.file = profile_paths[p];
      size_t start = parley_diagnostics_count(diags);
      read_profile(&g, docs[p], gi, N, p);
      pl_diag_sort_from(diags, start);
    }
    for (size_t p = 0; docs && p < n_profiles; p++)
      if (docs[p]) xmlFreeDoc(docs[p]);
  }
  g.file = domain_path;
  for (size_t f = 0; g.col.n_errors == 0 && f < n_fw; f++) add_framework(&g, &fws[f], fw_line[f]);
  free(fws), free(fw_line);
  if (g.col.n_errors && err && parley_diagnostics_count(diags)) *err = *parley_diagnostics_get(diags, 0);
  int rc = g.col.n_errors ? g.col.first_code : 0;
  if (rc == 0) rc = parley_builder_build(g.b, out, err);
  parley_builder_free(g.b);
  pl_arena_release(&arena);
  parley_diagnostics_free(own);
  return rc;
}

int parley_scenario_read_genius(const char *domain_path, const char *const *profile_paths,
                                size_t n_profiles, const parley_read_limits *limits,
                                parley_scenario **out, parley_diagnostics *diags,
                                parley_error *err) {
  if (!domain_path || !out || (n_profiles && !profile_paths))
    return pl_fail(err, PARLEY_ERR_ARG, domain_path, 0, 0, "invalid argument");
  if (n_profiles > PARLEY_MAX_PARTIES)
    return pl_fail(err, PARLEY_ERR_LIMIT, domain_path, 0, 0, "%zu profiles, more than the limit of %d",
                   n_profiles, PARLEY_MAX_PARTIES);
  const char *paths[PARLEY_MAX_PARTIES + 1];
  paths[0] = domain_path;
  for (size_t p = 0; p < n_profiles; p++) paths[p + 1] = profile_paths[p];
  source src = {paths, NULL, NULL};
  return read_genius(&src, n_profiles + 1, limits, out, diags, err);
}

int pl_scenario_read_genius_memory(const char *const *names, const char *const *texts,
                                   const size_t *lens, size_t n_files,
                                   const parley_read_limits *limits, parley_scenario **out,
                                   parley_diagnostics *diags, parley_error *err) {
  if (!names || !texts || !lens || n_files == 0 || !out)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  if (n_files > PARLEY_MAX_PARTIES + 1)
    return pl_fail(err, PARLEY_ERR_LIMIT, names[0], 0, 0, "too many files");
  source src = {names, texts, lens};
  return read_genius(&src, n_files, limits, out, diags, err);
}
