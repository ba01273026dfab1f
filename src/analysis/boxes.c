/* boxes.c — exact frontier over sets of box terms; see boxes.h. */
#include "analysis/boxes.h"

#include "analysis/exact.h"
#include "util/vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct bx_rule {
  uint32_t party;
  pl_fx bonus;
  uint32_t n;        /* issues it constrains */
  uint32_t *issue;
  uint64_t *mask;    /* allowed options per constrained issue */
} bx_rule;

typedef struct bx {
  pl_boxes_search *s;
  const pl_compiled *c;
  uint32_t N, P, R, W, K; /* issues, parties, boxes, words per box set, objectives */
  bx_rule *rules;         /* by decreasing bonus */
  uint64_t *excl;         /* R x W: boxes that can never hold together with box r */
  uint64_t *touch;        /* R x W: boxes sharing an issue with box r */
  uint64_t *of_obj;       /* K x W: the boxes of each objective party */
  int32_t *obj_of_party;  /* per party: its objective slot, or -1 */
  uint64_t *cur;          /* per depth: N option masks */
  uint64_t *cand;         /* per depth: W words */
  pl_fx *util;            /* K: utility of the included boxes (plus constants) */
  pl_fx *bound;           /* K */
  pl_fx sum_bound;        /* two objectives: bound of u0 + u1 */
  pl_fx *floor;           /* K */
  pl_fx *u_eval;          /* P */
  uint64_t *scratch;      /* 2 x W, for the bound */
  uint32_t *pkg;          /* N */
  double done;            /* fraction of the search tree closed (for progress) */
  double next_report;
  int rc;
} bx;

int pl_boxes_applicable(const parley_scenario *sc) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties;
  uint32_t boxes = 0;
  for (uint32_t i = 0; i < c->n_issues; i++) {
    if (c->radix[i] > PL_BOXES_MAX_OPTIONS) return 0;
    const pl_fx *t = c->contrib + c->offset[i];
    for (uint32_t o = 1; o < c->radix[i]; o++)
      for (uint32_t p = 0; p < P; p++)
        if (t[(size_t)o * P + p] != t[p]) return 0;
  }
  for (uint32_t k = 0; k < c->n_rules; k++) {
    if (c->rules[k].red_line || c->rules[k].bonus < 0) return 0;
    boxes++;
  }
  return boxes <= PL_BOXES_MAX_RULES;
}

static int by_bonus(const void *a, const void *b) {
  const bx_rule *x = a, *y = b;
  if (x->bonus != y->bonus) return x->bonus > y->bonus ? -1 : 1;
  return 0;
}

static int intersects(const bx_rule *a, const bx_rule *b) {
  for (uint32_t i = 0, j = 0; i < a->n && j < b->n;) {
    if (a->issue[i] < b->issue[j]) i++;
    else if (a->issue[i] > b->issue[j]) j++;
    else {
      if (!(a->mask[i] & b->mask[j])) return 0;
      i++, j++;
    }
  }
  return 1;
}

static int shares_issue(const bx_rule *a, const bx_rule *b) {
  for (uint32_t i = 0, j = 0; i < a->n && j < b->n;) {
    if (a->issue[i] < b->issue[j]) i++;
    else if (a->issue[i] > b->issue[j]) j++;
    else return 1;
  }
  return 0;
}

static inline int fits(const bx_rule *r, const uint64_t *cur) {
  for (uint32_t k = 0; k < r->n; k++)
    if (!(r->mask[k] & cur[r->issue[k]])) return 0;
  return 1;
}

/* Builds the box list: one per compiled rule with a positive bonus and no empty condition. */
static int build(bx *b) {
  const pl_compiled *c = b->c;
  b->rules = calloc(c->n_rules ? c->n_rules : 1, sizeof *b->rules);
  if (!b->rules) return PARLEY_ERR_NOMEM;
  uint32_t R = 0;
  for (uint32_t k = 0; k < c->n_rules; k++) {
    const pl_crule *cr = &c->rules[k];
    if (cr->bonus <= 0 || b->obj_of_party[cr->party] < 0) continue;
    bx_rule *r = &b->rules[R];
    const pl_rule *rule = cr->rule;
    r->party = cr->party;
    r->bonus = cr->bonus;
    r->issue = calloc(rule->n_conds ? rule->n_conds : 1, sizeof *r->issue);
    r->mask = calloc(rule->n_conds ? rule->n_conds : 1, sizeof *r->mask);
    if (!r->issue || !r->mask) {
      free(r->issue);
      free(r->mask);
      return PARLEY_ERR_NOMEM;
    }
    int empty = 0;
    for (uint32_t q = 0; q < rule->n_conds; q++) {
      uint32_t is = rule->conds[q].issue;
      uint64_t m = 0;
      for (uint32_t o = 0; o < c->radix[is]; o++)
        if (rule->conds[q].allowed[o]) m |= (uint64_t)1 << o;
      /* insert sorted by issue; a second condition on the same issue narrows the first */
      uint32_t pos = 0;
      while (pos < r->n && r->issue[pos] < is) pos++;
      if (pos < r->n && r->issue[pos] == is) {
        r->mask[pos] &= m;
      } else {
        memmove(r->issue + pos + 1, r->issue + pos, (r->n - pos) * sizeof *r->issue);
        memmove(r->mask + pos + 1, r->mask + pos, (r->n - pos) * sizeof *r->mask);
        r->issue[pos] = is;
        r->mask[pos] = m;
        r->n++;
      }
    }
    for (uint32_t q = 0; q < r->n; q++) empty |= r->mask[q] == 0;
    if (empty) {
      free(r->issue);
      free(r->mask);
      memset(r, 0, sizeof *r);
      continue;
    }
    R++;
  }
  b->R = R;
  qsort(b->rules, R, sizeof *b->rules, by_bonus);
  b->W = (R + 63) / 64;
  if (b->W == 0) b->W = 1;
  const uint32_t W = b->W;
  b->excl = calloc((size_t)R * W + 1, sizeof *b->excl);
  b->touch = calloc((size_t)R * W + 1, sizeof *b->touch);
  b->of_obj = calloc((size_t)b->K * W, sizeof *b->of_obj);
  b->cur = calloc((size_t)(R + 1) * b->N + 1, sizeof *b->cur);
  b->cand = calloc((size_t)(R + 1) * W, sizeof *b->cand);
  b->scratch = calloc(2 * (size_t)W, sizeof *b->scratch);
  if (!b->excl || !b->touch || !b->of_obj || !b->cur || !b->cand || !b->scratch) return PARLEY_ERR_NOMEM;
  for (uint32_t x = 0; x < R; x++) {
    b->of_obj[(size_t)b->obj_of_party[b->rules[x].party] * W + x / 64] |= (uint64_t)1 << (x % 64);
    for (uint32_t y = 0; y < R; y++) {
      if (x == y) continue;
      if (!intersects(&b->rules[x], &b->rules[y])) b->excl[(size_t)x * W + y / 64] |= (uint64_t)1 << (y % 64);
      if (shares_issue(&b->rules[x], &b->rules[y])) b->touch[(size_t)x * W + y / 64] |= (uint64_t)1 << (y % 64);
    }
  }
  for (uint32_t i = 0; i < b->N; i++)
    b->cur[i] = c->radix[i] >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << c->radix[i]) - 1);
  for (uint32_t x = 0; x < R; x++)
    if (fits(&b->rules[x], b->cur)) b->cand[x / 64] |= (uint64_t)1 << (x % 64);
  return 0;
}

static inline int first_bit(const uint64_t *set, uint32_t W) {
  for (uint32_t w = 0; w < W; w++)
    if (set[w]) return (int)(w * 64 + (uint32_t)__builtin_ctzll(set[w]));
  return -1;
}

/* The most the boxes in `left` (emptied on return) can add together: a greedy colouring into
 * classes of mutually exclusive boxes, each class adding at most its largest bonus (its first
 * box, since boxes are by decreasing bonus). */
static pl_fx colour_bound(const bx *b, uint64_t *left, uint64_t *cls) {
  const uint32_t W = b->W;
  pl_fx add = 0;
  int v;
  while ((v = first_bit(left, W)) >= 0) {
    add += b->rules[v].bonus;
    /* the class: v, then each next box exclusive with every member so far */
    left[v / 64] &= ~((uint64_t)1 << (v % 64));
    for (uint32_t w = 0; w < W; w++) cls[w] = left[w] & b->excl[(size_t)v * W + w];
    int u;
    while ((u = first_bit(cls, W)) >= 0) {
      left[u / 64] &= ~((uint64_t)1 << (u % 64));
      cls[u / 64] &= ~((uint64_t)1 << (u % 64));
      for (uint32_t w = 0; w < W; w++) cls[w] &= b->excl[(size_t)u * W + w];
    }
  }
  return add;
}

/* Upper bounds over the remaining boxes: per objective, and for two objectives their sum. */
static void bound(bx *b, const uint64_t *cand, uint64_t *left, uint64_t *cls) {
  const uint32_t W = b->W;
  for (uint32_t k = 0; k < b->K; k++) {
    for (uint32_t w = 0; w < W; w++) left[w] = cand[w] & b->of_obj[(size_t)k * W + w];
    b->bound[k] = b->util[k] + colour_bound(b, left, cls);
  }
  if (b->K != 2) return;
  memcpy(left, cand, W * sizeof *left);
  b->sum_bound = b->util[0] + b->util[1] + colour_bound(b, left, cls);
}

/* Two objectives: 1 if every point u <= bound with u0 + u1 <= sum_bound is weakly dominated
 * by the frontier. The points the frontier leaves uncovered are those with u0 > x_i and
 * u1 > y_(i+1) for some i, with the frontier sorted by increasing x (so decreasing y) and
 * x_0 = y_(n+1) = -infinity. */
static int covered2(const pl_frontier *f, const pl_fx *bd, pl_fx sum_bound) {
  const size_t n = f->n;
  for (size_t i = 0; i <= n; i++) {
    pl_fx x = i == 0 ? INT64_MIN : f->u[2 * (i - 1)];
    pl_fx y = i == n ? INT64_MIN : f->u[2 * i + 1];
    if (x >= bd[0] || y >= bd[1]) continue;
    /* the smallest uncovered point of this notch inside the corner */
    pl_fx a = i == 0 ? INT64_MIN : x + 1, c = i == n ? INT64_MIN : y + 1;
    if (a == INT64_MIN || c == INT64_MIN || a + c <= sum_bound) return 0;
  }
  return 1;
}

static int covered(const pl_frontier *f, const pl_fx *v, uint32_t K) {
  if (K == 2) return pl_frontier2_covers(f, v[0], v[1]);
  for (size_t i = 0; i < f->n; i++) {
    const pl_fx *u = f->u + i * K;
    uint32_t k = 0;
    while (k < K && u[k] >= v[k]) k++;
    if (k == K) return 1;
  }
  return 0;
}

static int leaf(bx *b, const uint64_t *cur) {
  pl_boxes_search *s = b->s;
  for (uint32_t i = 0; i < b->N; i++) b->pkg[i] = (uint32_t)__builtin_ctzll(cur[i]);
  uint64_t red;
  pl_eval(b->c, b->pkg, b->u_eval, &red);
  pl_fx v[PARLEY_MAX_PARTIES];
  for (uint32_t k = 0; k < b->K; k++) {
    v[k] = b->u_eval[s->obj[k]];
    if (v[k] < b->floor[k]) return 0;
  }
  if (covered(&s->frontier, v, b->K)) return 0;
  if (s->n_pkgs == s->cap_pkgs) {
    size_t cap = s->cap_pkgs ? 2 * s->cap_pkgs : 64;
    if (pl_resize(&s->pkgs, cap * b->N)) return PARLEY_ERR_NOMEM;
    s->cap_pkgs = cap;
  }
  memcpy(s->pkgs + s->n_pkgs * b->N, b->pkg, b->N * sizeof *b->pkg);
  return pl_frontier_offer(&s->frontier, s->n_pkgs++, v);
}

static void closed(bx *b, uint32_t depth) {
  b->done += ldexp(1.0, -(int)(depth < 1000 ? depth : 1000));
  pl_boxes_search *s = b->s;
  if (s->progress && b->done >= b->next_report) {
    b->next_report = b->done + 0.01;
    if (s->progress(s->progress_user, b->done > 1 ? 1 : b->done)) b->rc = PARLEY_ERR_CANCELLED;
  }
}

/* After the options allowed on box v's issues changed to ncur: drops from ncand the boxes
 * sharing an issue with v that no longer fit, and takes at once (adding their bonuses) those
 * that now hold wherever the package goes: leaving them out could only lead to packages
 * inside them anyway. */
static void narrow(bx *b, uint32_t v, const uint64_t *ncur, uint64_t *ncand, pl_fx *added) {
  const uint32_t W = b->W;
  for (uint32_t w = 0; w < W; w++) {
    uint64_t t = ncand[w] & b->touch[(size_t)v * W + w];
    while (t) {
      uint32_t x = w * 64 + (uint32_t)__builtin_ctzll(t);
      t &= t - 1;
      const bx_rule *rx = &b->rules[x];
      int fit = 1, forced = 1;
      for (uint32_t q = 0; q < rx->n && fit; q++) {
        uint64_t m = ncur[rx->issue[q]];
        fit = (rx->mask[q] & m) != 0;
        forced &= (m & ~rx->mask[q]) == 0;
      }
      if (!fit || forced) ncand[w] &= ~((uint64_t)1 << (x % 64));
      if (fit && forced) added[b->obj_of_party[rx->party]] += rx->bonus;
    }
  }
}

static void node(bx *b, uint32_t depth);

/* Visits the child at depth + 1 with the bonuses taken on the way down added. */
static void descend(bx *b, uint32_t depth, const pl_fx *added) {
  for (uint32_t k = 0; k < b->K; k++) b->util[k] += added[k];
  node(b, depth + 1);
  for (uint32_t k = 0; k < b->K; k++) b->util[k] -= added[k];
}

static void node(bx *b, uint32_t depth) {
  if (b->rc) return;
  pl_boxes_search *s = b->s;
  const uint32_t W = b->W, N = b->N;
  uint64_t *cur = b->cur + (size_t)depth * N, *cand = b->cand + (size_t)depth * W;
  if (s->max_nodes && s->nodes >= s->max_nodes) {
    b->rc = PARLEY_ERR_LIMIT;
    return;
  }
  if (s->max_frontier && s->frontier.n > s->max_frontier) {
    b->rc = PARLEY_ERR_LIMIT;
    s->frontier_full = 1;
    return;
  }
  s->nodes++;
  bound(b, cand, b->scratch, b->scratch + W);
  for (uint32_t k = 0; k < b->K; k++)
    if (b->bound[k] < b->floor[k]) {
      closed(b, depth);
      return;
    }
  if (b->K == 2 ? covered2(&s->frontier, b->bound, b->sum_bound) : covered(&s->frontier, b->bound, b->K)) {
    closed(b, depth);
    return;
  }
  int v = -1, best = -1;
  for (uint32_t w = 0; w < W; w++) {
    uint64_t t = cand[w];
    while (t) {
      uint32_t x = w * 64 + (uint32_t)__builtin_ctzll(t);
      t &= t - 1;
      int cnt = 0;
      for (uint32_t q = 0; q < W; q++) cnt += __builtin_popcountll(cand[q] & b->excl[(size_t)x * W + q]);
      if (cnt > best) best = cnt, v = (int)x;
    }
  }
  if (v < 0) {
    int rc = leaf(b, cur);
    if (rc) b->rc = rc;
    closed(b, depth);
    return;
  }
  const bx_rule *r = &b->rules[v];
  uint64_t *ncur = cur + N, *ncand = cand + W;
  /* include v: narrow its issues, drop the boxes sharing an issue that no longer fit */
  memcpy(ncur, cur, N * sizeof *cur);
  for (uint32_t k = 0; k < r->n; k++) ncur[r->issue[k]] &= r->mask[k];
  for (uint32_t w = 0; w < W; w++) ncand[w] = cand[w];
  ncand[v / 64] &= ~((uint64_t)1 << (v % 64));
  pl_fx added[PARLEY_MAX_PARTIES] = {0};
  added[b->obj_of_party[r->party]] = r->bonus;
  narrow(b, v, ncur, ncand, added);
  descend(b, depth, added);
  if (b->rc) return;
  /* exclude v; when v constrains one issue, the package must avoid its options there */
  memcpy(ncur, cur, N * sizeof *cur);
  for (uint32_t w = 0; w < W; w++) ncand[w] = cand[w];
  ncand[v / 64] &= ~((uint64_t)1 << (v % 64));
  memset(added, 0, sizeof added);
  if (r->n == 1) {
    ncur[r->issue[0]] &= ~r->mask[0];
    narrow(b, v, ncur, ncand, added);
  }
  descend(b, depth, added);
}

int pl_boxes_run(pl_boxes_search *s) {
  const parley_scenario *sc = s->sc;
  bx b;
  memset(&b, 0, sizeof b);
  b.s = s;
  b.c = &sc->compiled;
  b.N = sc->n_issues;
  b.P = sc->n_parties;
  b.K = s->n_obj;
  pl_frontier_init(&s->frontier, b.K);
  s->nodes = 0;
  int rc = 0;
  b.obj_of_party = malloc(b.P * sizeof *b.obj_of_party);
  b.util = calloc(b.K, sizeof *b.util);
  b.bound = calloc(b.K, sizeof *b.bound);
  b.floor = calloc(b.K, sizeof *b.floor);
  b.u_eval = calloc(b.P, sizeof *b.u_eval);
  b.pkg = calloc(b.N ? b.N : 1, sizeof *b.pkg);
  if (!b.obj_of_party || !b.util || !b.bound || !b.floor || !b.u_eval || !b.pkg) rc = PARLEY_ERR_NOMEM;
  if (rc == 0) {
    for (uint32_t p = 0; p < b.P; p++) b.obj_of_party[p] = -1;
    for (uint32_t k = 0; k < b.K; k++) b.obj_of_party[s->obj[k]] = (int32_t)k;
    rc = build(&b);
  }
  if (rc == 0) {
    /* the constant part of each objective's utility */
    const pl_compiled *c = b.c;
    for (uint32_t k = 0; k < b.K; k++) {
      pl_fx base = 0;
      for (uint32_t i = 0; i < b.N; i++) base += c->contrib[c->offset[i] + s->obj[k]];
      b.util[k] = base;
      b.floor[k] = s->floor ? s->floor[k] : INT64_MIN;
    }
    /* boxes that hold everywhere */
    for (uint32_t x = 0; x < b.R; x++) {
      const bx_rule *rx = &b.rules[x];
      int forced = 1;
      for (uint32_t q = 0; q < rx->n; q++) forced &= (b.cur[rx->issue[q]] & ~rx->mask[q]) == 0;
      if (forced) {
        b.cand[x / 64] &= ~((uint64_t)1 << (x % 64));
        b.util[b.obj_of_party[rx->party]] += rx->bonus;
      }
    }
    b.next_report = 0.01;
    node(&b, 0);
    rc = b.rc;
    if (rc == 0) pl_frontier_check(&s->frontier, s->frontier.P == 2 ? PL_ORDER_GROWING : PL_ORDER_ANY);
  }
  if (rc == 0 && s->progress && s->progress(s->progress_user, 1.0)) rc = PARLEY_ERR_CANCELLED;
  for (uint32_t x = 0; b.rules && x < b.R; x++) {
    free(b.rules[x].issue);
    free(b.rules[x].mask);
  }
  free(b.rules);
  free(b.excl);
  free(b.touch);
  free(b.of_obj);
  free(b.cur);
  free(b.cand);
  free(b.scratch);
  free(b.obj_of_party);
  free(b.util);
  free(b.bound);
  free(b.floor);
  free(b.u_eval);
  free(b.pkg);
  return rc;
}

void pl_boxes_search_free(pl_boxes_search *s) {
  pl_frontier_free(&s->frontier);
  free(s->pkgs);
  s->pkgs = NULL;
  s->n_pkgs = s->cap_pkgs = 0;
}

/* What party p gets from every package: its constant issue contributions plus the bonuses of
 * its boxes that hold everywhere (every condition allows every option). */
static pl_fx always(const pl_compiled *c, uint32_t p) {
  pl_fx v = 0;
  for (uint32_t i = 0; i < c->n_issues; i++) v += c->contrib[c->offset[i] + p];
  for (uint32_t k = 0; k < c->n_rules; k++) {
    const pl_crule *cr = &c->rules[k];
    int all = cr->party == p;
    for (uint32_t q = 0; q < cr->rule->n_conds && all; q++)
      for (uint32_t o = 0; o < c->radix[cr->rule->conds[q].issue] && all; o++) all = cr->rule->conds[q].allowed[o];
    if (all) v += cr->bonus;
  }
  return v;
}

/* The lowest utility of party p: what it always gets (base) when some package lies in no
 * other box of p's. A greedy choice (per issue the option the fewest bonus points of p's boxes
 * allow) finds such a package in the cases that matter; otherwise the minimum stays unknown. */
static void lowest(const parley_scenario *sc, uint32_t p, uint32_t *pkg, pl_fx base, pl_party_range *r) {
  const pl_compiled *c = &sc->compiled;
  for (uint32_t i = 0; i < c->n_issues; i++) {
    pl_fx best = 0;
    pkg[i] = 0;
    for (uint32_t o = 0; o < c->radix[i]; o++) {
      pl_fx load = 0;
      for (uint32_t k = 0; k < c->n_rules; k++) {
        const pl_crule *cr = &c->rules[k];
        if (cr->party != p) continue;
        for (uint32_t q = 0; q < cr->rule->n_conds; q++)
          if (cr->rule->conds[q].issue == i && cr->rule->conds[q].allowed[o]) load += cr->bonus;
      }
      if (o == 0 || load < best) best = load, pkg[i] = o;
    }
  }
  pl_fx u[PARLEY_MAX_PARTIES];
  uint64_t red;
  pl_eval(c, pkg, u, &red);
  r->min = u[p];
  r->min_known = u[p] == base;
}

int pl_analyze_boxes(parley_analysis *an, const parley_analysis_options *opt) {
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  uint32_t obj[PARLEY_MAX_PARTIES];
  for (uint32_t p = 0; p < P; p++) obj[p] = p;
  pl_boxes_search s;
  memset(&s, 0, sizeof s);
  s.sc = sc;
  s.n_obj = P;
  s.obj = obj;
  s.max_nodes = opt->max_nodes ? opt->max_nodes : PARLEY_DEFAULT_MAX_NODES;
  s.max_frontier = opt->max_frontier ? opt->max_frontier : PARLEY_DEFAULT_MAX_FRONTIER;
  s.progress = opt->progress;
  s.progress_user = opt->progress_user;
  /* the whole frontier, without the reservations: the feasible frontier is its part at or
   * above them (no red lines, so whatever dominates a feasible package is feasible), and the
   * ideals, the opposition and the blocking group come from it too */
  int rc = pl_boxes_run(&s);
  an->nodes = s.nodes;
  if (rc == PARLEY_ERR_LIMIT) an->limit_hit = s.frontier_full ? PL_LIMIT_FRONTIER : PL_LIMIT_NODES;
  uint32_t *tmp = calloc(N ? N : 1, sizeof *tmp);
  if (rc == 0 && !tmp) rc = PARLEY_ERR_NOMEM;
  pl_fx base[PARLEY_MAX_PARTIES];
  for (uint32_t p = 0; rc == 0 && p < P; p++) {
    base[p] = always(c, p);
    lowest(sc, p, tmp, base[p], &an->range[p]);
  }
  if (rc == 0) rc = pl_analysis_from_frontier(an, s.frontier.u, s.pkgs, s.frontier.idx, NULL, s.frontier.n, base);
  free(tmp);
  pl_boxes_search_free(&s);
  return rc;
}
