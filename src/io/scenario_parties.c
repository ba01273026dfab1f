/* scenario_parties.c — the parties of a scenario file (scenario_reader.c reads the rest): each
 * party's weights, values (a table, a list or piecewise-linear points), interaction terms and
 * red lines, every problem reported at its node. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/scenario_read.h"
#include "util/error.h"

/* ------------------------------------------------------------------------------------------ */
/* Parties                                                                                    */

/* A piecewise-linear value function {points: [[x, value], ...]}; set sets it. */
static void read_points(rd *r, size_t party, size_t issue, const pl_ynode *pts, int set) {
  if (!yr_is_seq(r, pts, "'points'")) return;
  if (pts->count == 0) {
    bad(r, pts, "'points' for issue '%s' is empty", pl_builder_issue_id(r->b, issue));
    return;
  }
  const size_t n = pts->count;
  double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
  const pl_ynode **nodes = malloc(n * sizeof *nodes);
  pl_dist *yd = calloc(n, sizeof *yd);
  if (!xs || !ys || !nodes || !yd) {
    free(xs), free(ys), free(nodes), free(yd);
    yr_nomem(r);
    return;
  }
  int uncertain = 0;
  size_t k = 0;
  int ok = 1;
  for (const pl_ynode *p = pts->first; p; p = p->next, k++) {
    nodes[k] = p;
    if (p->kind != PL_YSEQ || p->count != 2) {
      bad(r, p, "each point must be a pair [x, value]");
      ok = 0;
      continue;
    }
    ok &= yr_get_number(r, p->first, "point x", &xs[k]) && yr_get_param(r, p->first->next, "a value", 0, 1, &ys[k], &yd[k]);
    uncertain |= yd[k].kind != PL_DIST_NONE;
  }
  parley_error e = {0};
  size_t bad_k;
  int bad_part;
  if (ok && pl_builder_set_points(r->b, party, issue, n, xs, ys, &bad_k, &bad_part, &e))
    yr_at(r, bad_k < n ? (bad_part ? nodes[bad_k]->first->next : nodes[bad_k]->first) : pts, &e);
  else if (ok && !set)
    pl_builder_clear_values(r->b, party, issue);
  else if (ok && uncertain && pl_builder_set_points_dist(r->b, party, issue, n, xs, ys, yd, &e))
    yr_at(r, pts, &e);
  free(xs), free(ys), free(nodes), free(yd);
}

/* One value, or a distribution standing for one, checked where it stands; returns 1 when it is
 * one. */
static int read_value(rd *r, const pl_ynode *n, double *out, pl_dist *d) {
  parley_error e = {0};
  if (!yr_get_param(r, n, "a value", 0, 1, out, d)) return 0;
  if (d->kind) return 1;
  if (pl_check_value(*out, &e) == 0) return 1;
  yr_at(r, n, &e);
  return 0;
}

/* Reads one issue's values for a party; set: the party weighs the issue, so they are kept. */
static void read_value_table(rd *r, size_t party, size_t issue, const pl_ynode *t, int set) {
  const parley_builder *b = r->b;
  const char *iid = pl_builder_issue_id(b, issue);
  const size_t n = pl_builder_option_count(b, issue);
  const int numeric = pl_builder_issue_numeric(b, issue);
  if (t->kind == PL_YMAP && yr_find(t, "points") && numeric) {
    static const char *const keys[] = {"points", NULL};
    yr_check_keys(r, t, keys, "a piecewise-linear value function");
    read_points(r, party, issue, yr_find(t, "points"), set);
    return;
  }
  double *vals = calloc(n ? n : 1, sizeof *vals);
  unsigned char *seen = calloc(n ? n : 1, 1);
  pl_dist *dists = calloc(n ? n : 1, sizeof *dists);
  if (!vals || !seen || !dists) {
    free(vals), free(seen), free(dists);
    yr_nomem(r);
    return;
  }
  const int before = r->col.n_errors;
  if (t->kind == PL_YSEQ) {
    if (t->count != n) {
      bad(r, t, "issue '%s' has %zu options but %zu values are listed", iid, n, t->count);
    } else {
      size_t o = 0;
      for (const pl_ynode *v = t->first; v; v = v->next, o++) read_value(r, v, &vals[o], &dists[o]);
    }
  } else if (t->kind == PL_YMAP) {
    for (const pl_ynode *v = t->first; v; v = v->next) {
      long o = yr_option_ref(r, issue, v->key);
      if (o < 0) continue;
      if (seen[o]) {
        bad(r, v->key, "value for option '%s' of issue '%s' given twice", pl_builder_option_id(b, issue, (size_t)o), iid);
        continue;
      }
      seen[o] = 1;
      read_value(r, v, &vals[o], &dists[o]);
    }
    for (size_t o = 0; o < n; o++)
      if (!seen[o] && r->col.n_errors == before)
        bad(r, t, "no value for option '%s' of issue '%s'", pl_builder_option_id(b, issue, o), iid);
  } else {
    bad(r, t, "values for issue '%s' must be a mapping from option to value, a list of values%s, not %s", iid,
        numeric ? " or {points: [[x, value], ...]}" : "", yr_kind_name(t));
  }
  parley_error e = {0};
  if (set && r->col.n_errors == before && parley_builder_set_values(r->b, party, issue, vals, &e)) yr_at(r, t, &e);
  for (size_t o = 0; set && r->col.n_errors == before && o < n; o++)
    if (dists[o].kind && pl_builder_set_value_dist(r->b, party, issue, o, &dists[o], &e)) yr_at(r, t, &e);
  free(vals), free(seen), free(dists);
}

/* Reads a `when:` condition set into conds, each issue at most once (so conds needs room for
 * one per issue, and flags for every option of every issue). Returns the number of conditions,
 * or -1 after reporting a problem. */
static long read_when(rd *r, const pl_ynode *when, parley_condition *conds, unsigned char *flags) {
  if (!yr_is_map(r, when, "'when'")) return -1; /* an empty mapping holds everywhere */
  const parley_builder *b = r->b;
  const int before = r->col.n_errors;
  size_t n = 0, used = 0;
  for (const pl_ynode *v = when->first; v; v = v->next) {
    long i = yr_issue_ref(r, v->key);
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
        long oi = yr_option_ref(r, (size_t)i, o);
        if (oi >= 0) allowed[oi] = 1;
      }
    } else if (v->kind == PL_YMAP) {
      static const char *const keys[] = {"min", "max", NULL};
      if (!pl_builder_issue_numeric(b, (size_t)i)) {
        bad(r, v, "issue '%s' is not numeric; list its options instead of min/max", iid);
        continue;
      }
      yr_check_keys(r, v, keys, "a condition");
      double lo = -INFINITY, hi = INFINITY;
      const pl_ynode *nlo = yr_find(v, "min"), *nhi = yr_find(v, "max");
      if (!nlo && !nhi) {
        bad(r, v, "a numeric condition needs 'min', 'max' or both");
        continue;
      }
      if ((nlo && !yr_get_number(r, nlo, "min", &lo)) || (nhi && !yr_get_number(r, nhi, "max", &hi))) continue;
      int any = 0;
      for (size_t o = 0; o < m; o++) {
        const double x = pl_builder_option_number(b, (size_t)i, o);
        if (x >= lo - 1e-12 && x <= hi + 1e-12) any = allowed[o] = 1;
      }
      if (!any) bad(r, v, "condition on issue '%s' selects none of its options", iid);
    } else {
      long oi = yr_option_ref(r, (size_t)i, v);
      if (oi >= 0) allowed[oi] = 1;
    }
    conds[n++] = (parley_condition){(size_t)i, allowed};
    used += m;
  }
  return r->col.n_errors == before ? (long)n : -1;
}

static void read_rules(rd *r, size_t party, const pl_ynode *list, int red_lines) {
  static const char *const ikeys[] = {"when", "bonus", "note", NULL};
  static const char *const rkeys[] = {"when", "note", "probability", NULL};
  const char *what = red_lines ? "a red line" : "an interaction";
  if (!yr_is_seq(r, list, red_lines ? "'red_lines'" : "'interactions'")) return;
  /* room for one condition per issue and a flag per option of every issue */
  size_t flags_needed = 0;
  for (size_t i = 0; i < pl_builder_issue_count(r->b); i++) flags_needed += pl_builder_option_count(r->b, i);
  parley_condition *conds = malloc(PARLEY_MAX_ISSUES * sizeof *conds);
  unsigned char *flags = malloc(flags_needed ? flags_needed : 1);
  if (!conds || !flags) {
    free(conds), free(flags);
    yr_nomem(r);
    return;
  }
  for (const pl_ynode *it = list->first; it; it = it->next) {
    if (!yr_is_map(r, it, what)) continue;
    yr_check_keys(r, it, red_lines ? rkeys : ikeys, what);
    const char *note = yr_opt_text(r, it, "note", "note", "");
    const pl_ynode *when = yr_find(it, "when"), *bn = yr_find(it, "bonus");
    long n = -1;
    if (!when) bad(r, it, "%s needs 'when'", what);
    else n = read_when(r, when, conds, flags);
    double bonus = 0, prob = 1;
    pl_dist bd = {0};
    int ok = n >= 0;
    parley_error e = {0};
    const pl_ynode *pn = red_lines ? yr_find(it, "probability") : NULL;
    if (!red_lines) {
      if (!bn) {
        bad(r, it, "an interaction needs 'bonus' (negative for a penalty)");
        ok = 0;
      } else if (!yr_get_param(r, bn, "a bonus", -1, 1, &bonus, &bd)) {
        ok = 0;
      } else if (yr_check_bonus(bonus, &e)) {
        yr_at(r, bn, &e);
        ok = 0;
      }
    } else if (pn && !yr_get_number(r, pn, "a red line's probability", &prob)) {
      ok = 0;
    } else if (pn && !(prob >= 0 && prob <= 1)) {
      bad(r, pn, "a red line's probability must be in [0, 1], not %g", prob);
      ok = 0;
    }
    if (!ok) continue;
    int rc = red_lines ? parley_builder_add_red_line(r->b, party, note, conds, (size_t)n, &e)
                       : parley_builder_add_interaction(r->b, party, bonus, note, conds, (size_t)n, &e);
    if (rc) yr_at(r, it, &e);
    else if ((red_lines ? pn != NULL : bd.kind != PL_DIST_NONE) && pl_builder_set_rule_dist(r->b, party, red_lines, &bd, prob, &e))
      yr_at(r, red_lines ? pn : bn, &e);
  }
  free(conds), free(flags);
}

/* weights: {issue: weight, ...}; w_out receives each weight read (0 elsewhere), wnode each
 * weight's node. */
static void read_weights(rd *r, size_t party, const char *pid, const pl_ynode *it, int normalise, double *w_out,
                         const pl_ynode **wnode) {
  const pl_ynode *w = yr_find(it, "weights");
  parley_error e = {0};
  if (!w && party >= pl_builder_party_count(r->b)) return; /* a belief: the true weights stand */
  if (!w) {
    bad(r, it, "party '%s' needs 'weights' (a weight per issue it cares about)", pid);
    return;
  }
  if (!yr_is_map(r, w, "'weights'")) return;
  int ok = 1;
  const pl_ynode *dir = yr_find(w, "dirichlet");
  if (dir) { /* {dirichlet: {issue: alpha, ...}}: the whole vector uncertain */
    if (w->count != 1) {
      bad(r, w, "'weights' with 'dirichlet' holds nothing else");
      return;
    }
    if (!normalise) {
      bad(r, w, "Dirichlet weights add up to 1; they do not go with normalise_weights: false");
      return;
    }
    if (!yr_is_map(r, dir, "'dirichlet' ({issue: alpha, ...})")) return;
    double alpha[PARLEY_MAX_ISSUES] = {0};
    for (const pl_ynode *v = dir->first; v; v = v->next) {
      long i = yr_issue_ref(r, v->key);
      if (i < 0) {
        ok = 0;
        continue;
      }
      if (wnode[i]) {
        bad(r, v->key, "alpha for issue '%s' given twice", v->key->text);
        ok = 0;
        continue;
      }
      wnode[i] = v;
      if (!yr_get_number(r, v, "an alpha", &alpha[i])) ok = 0;
      else if (!(alpha[i] > 0)) {
        bad(r, v, "an alpha must be > 0, not %g", alpha[i]);
        ok = 0;
      } else {
        w_out[i] = alpha[i];
      }
    }
    if (ok && pl_builder_set_dirichlet(r->b, party, alpha, &e)) yr_at(r, dir, &e);
    return;
  }
  for (const pl_ynode *v = w->first; v; v = v->next) {
    long i = yr_issue_ref(r, v->key);
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
    pl_dist d;
    size_t ns;
    double *st, *sv;
    pl_dist *sd;
    const int sched = yr_read_schedule(r, v, "a weight", 0, INFINITY, &ns, &st, &sv, &sd);
    if (sched) {
      if (sched < 0 || pl_builder_set_weight_schedule(r->b, party, (size_t)i, ns, st, sv, sd, &e)) {
        if (sched > 0) yr_at(r, v, &e);
        ok = 0;
      } else {
        w_out[i] = sv[0] > 0 ? sv[0] : 1; /* weighed at some time: its values are needed */
      }
      free(st), free(sv), free(sd);
      continue;
    }
    if (!yr_get_param(r, v, "a weight", 0, INFINITY, &x, &d)) {
      ok = 0;
    } else if (d.kind ? pl_builder_set_weight_dist(r->b, party, (size_t)i, &d, &e)
                      : parley_builder_set_weight(r->b, party, (size_t)i, x, &e)) {
      yr_at(r, v, &e);
      ok = 0;
    } else {
      w_out[i] = x;
    }
  }
  /* without normalisation weights are as written (GENIUS semantics); all zero is allowed when
   * interaction terms carry the utility, as in ANAC 2014's non-linear profiles */
  if (!normalise) return;
  if (w->count == 0) bad(r, w, "party '%s' has no weights", pid);
  else if (ok && pl_builder_check_weights(r->b, party, &e)) yr_at(r, w, &e);
}

void yr_read_profile(rd *r, size_t p, const char *pid, const pl_ynode *it) {
  /* a party's profile; p may be a belief's handle, which gives only what it says */
  const int belief = p >= pl_builder_party_count(r->b);
  parley_error e = {0};
  const pl_ynode *n;
  double x;
  if ((n = yr_find(it, "discount")) && yr_get_number(r, n, "discount", &x) && parley_builder_set_discount(r->b, p, x, &e))
    yr_at(r, n, &e);
  if ((n = yr_find(it, "power")) && yr_get_number(r, n, "power", &x) && parley_builder_set_power(r->b, p, x, &e)) yr_at(r, n, &e);
  pl_dist d;
  size_t ns;
  double *st, *sv;
  pl_dist *sd;
  int sched = (n = yr_find(it, "reservation")) ? yr_read_schedule(r, n, "a reservation", 0, 1, &ns, &st, &sv, &sd) : 0;
  if (sched > 0 && pl_builder_set_reservation_schedule(r->b, p, ns, st, sv, sd, &e)) yr_at(r, n, &e);
  if (sched) free(st), free(sv), free(sd);
  if (!sched && n && yr_get_param(r, n, "a reservation", 0, 1, &x, &d) &&
      (d.kind ? pl_builder_set_reservation_dist(r->b, p, &d, &e) : parley_builder_set_reservation(r->b, p, x, &e)))
    yr_at(r, n, &e);
  int normalise = 1;
  if ((n = yr_find(it, "normalise_weights"))) {
    if (n->kind == PL_YSCALAR && !n->quoted && strcmp(n->text, "false") == 0) normalise = 0;
    else if (!(n->kind == PL_YSCALAR && !n->quoted && strcmp(n->text, "true") == 0))
      bad(r, n, "normalise_weights must be true or false");
  }
  if (!belief || yr_find(it, "weights")) parley_builder_set_normalise(r->b, p, normalise, NULL);
  double weight[PARLEY_MAX_ISSUES] = {0};
  const pl_ynode *wnode[PARLEY_MAX_ISSUES] = {0}, *vnode[PARLEY_MAX_ISSUES] = {0};
  read_weights(r, p, pid, it, normalise, weight, wnode);
  const pl_ynode *vals = yr_find(it, "values");
  if (vals && yr_is_map(r, vals, "'values'")) {
    for (const pl_ynode *v = vals->first; v; v = v->next) {
      long i = yr_issue_ref(r, v->key);
      if (i < 0) continue;
      if (vnode[i]) {
        bad(r, v->key, "values for issue '%s' given twice", v->key->text);
        continue;
      }
      vnode[i] = v;
      read_value_table(r, p, (size_t)i, v, belief || weight[i] > 0);
    }
  }
  for (size_t i = 0; !belief && i < pl_builder_issue_count(r->b); i++)
    if (wnode[i] && weight[i] > 0 && !vnode[i] && r->issue_ok[i] && pl_builder_check_values(r->b, p, i, &e))
      yr_at(r, vals ? vals : it, &e);
  for (int red = 0; red < 2; red++)
    if ((n = yr_find(it, red ? "red_lines" : "interactions"))) {
      pl_builder_give_rules(r->b, p, red); /* for a belief, an empty list says "none" */
      read_rules(r, p, n, red);
    }
}

static void read_party(rd *r, const pl_ynode *it) {
  static const char *const keys[] = {"id", "name", "description", "power", "reservation", "discount",
                                     "normalise_weights", "weights", "values", "interactions",
                                     "red_lines", NULL};
  if (!yr_is_map(r, it, "a party")) return;
  const pl_ynode *idn = yr_entity_id(r, it, keys, "a", "party");
  if (!idn) return;
  const char *id = idn->text;
  size_t p;
  parley_error e = {0};
  if (parley_builder_add_party(r->b, id, yr_opt_text(r, it, "name", "party name", id), &p, &e)) {
    yr_at(r, idn, &e);
    return;
  }
  yr_read_profile(r, p, id, it);
}

void yr_read_parties(rd *r, const pl_ynode *parties) {
  if (!yr_is_seq(r, parties, "'parties'")) return;
  if (parties->count == 0) {
    bad(r, parties, "'parties' is empty; a scenario needs at least one party");
    return;
  }
  if (parties->count > PARLEY_MAX_PARTIES) {
    yr_bad_code(r, PARLEY_ERR_LIMIT, parties, "%zu parties, more than the limit of %d", parties->count, PARLEY_MAX_PARTIES);
    return;
  }
  for (const pl_ynode *it = parties->first; it; it = it->next) read_party(r, it);
}

