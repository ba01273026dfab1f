/* additive.c — the exact Pareto frontier of additive profiles without enumeration.
 *
 * Issues linked by an interaction term or a red line are folded into one group (every
 * combination of their options, bonuses included). A package's utility vector is then the sum
 * of one vector per group, so the set of all utility vectors is the Minkowski sum of the groups'
 * sets, and its non-dominated part is the non-dominated part of the sum of the groups'
 * non-dominated parts. A red line lies wholly inside one group, so a package crosses it exactly
 * when that group's combination does: dropping those combinations leaves exactly the packages
 * free of red lines. Groups are merged pairwise, divide and conquer, keeping only non-dominated
 * vectors after every merge, each with how many packages reach it and the first of them in
 * package order. A package that uses a dominated partial vector is dominated (the dominating
 * partial with the same rest does better), so no package of a frontier vector is lost: the
 * counts are exact (products and sums, saturating at UINT64_MAX). */
#include <stdlib.h>
#include <string.h>

#include "analysis/additive.h"

#include "analysis/blocking.h"
#include "analysis/count.h"
#include "analysis/dominance.h"
#include "analysis/exact.h"
#include "analysis/frontier.h"
#include "util/vec.h"

#define PL_ADD_MAX_GROUP ((uint64_t)1 << 20)      /* combinations of one folded group */
#define PL_ADD_MAX_CANDIDATES ((uint64_t)1 << 26) /* sums formed by one merge, at most */
#define PL_ADD_MAX_BYTES ((uint64_t)1 << 29)      /* and the memory they take (512 MiB) */
#define PL_ADD_MAX_LIVE ((uint64_t)1 << 30)       /* the partial frontiers alive at once (1 GiB) */

typedef struct aset {
  size_t n;
  pl_fx *u;        /* n x P */
  uint32_t *pkg;   /* n x N; issues outside the set's groups are 0: the first package of each */
  uint64_t *count; /* packages (combinations) reaching each vector */
} aset;

static void aset_free(aset *s) {
  free(s->u);
  free(s->pkg);
  free(s->count);
  memset(s, 0, sizeof *s);
}

static int aset_alloc(aset *s, size_t n, uint32_t P, uint32_t N) {
  s->n = n;
  s->u = malloc((n ? n : 1) * P * sizeof *s->u);
  s->pkg = malloc((n ? n : 1) * (N ? N : 1) * sizeof *s->pkg);
  s->count = malloc((n ? n : 1) * sizeof *s->count);
  return s->u && s->pkg && s->count ? 0 : PARLEY_ERR_NOMEM;
}

/* union-find over issues */
static uint32_t root(uint32_t *up, uint32_t i) {
  while (up[i] != i) i = up[i] = up[up[i]];
  return i;
}

/* Links the issues each interaction term spans: afterwards root(up, i) names i's group. */
static void link_issues(const pl_compiled *c, uint32_t *up) {
  for (uint32_t i = 0; i < c->n_issues; i++) up[i] = i;
  for (uint32_t k = 0; k < c->n_rules; k++) {
    const pl_rule *r = c->rules[k].rule;
    for (uint32_t q = 1; q < r->n_conds; q++) up[root(up, r->conds[q].issue)] = root(up, r->conds[0].issue);
  }
}

/* The group a rule's bonus is counted in: that of its first condition's issue (a rule
 * without conditions holds everywhere and goes with issue 0's group). */
static uint32_t rule_group(const pl_rule *r, uint32_t *up) {
  return root(up, r->n_conds ? r->conds[0].issue : 0);
}

int pl_additive_applicable(const parley_scenario *sc) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t N = c->n_issues;
  if (N == 0 || N > PARLEY_MAX_ISSUES) return 0;
  uint32_t up[PARLEY_MAX_ISSUES];
  link_issues(c, up);
  double size[PARLEY_MAX_ISSUES] = {0};
  for (uint32_t i = 0; i < N; i++) {
    uint32_t g = root(up, i);
    size[g] = (size[g] == 0 ? 1 : size[g]) * c->radix[i];
    if (size[g] > (double)PL_ADD_MAX_GROUP) return 0;
  }
  return 1;
}

/* A candidate vector: its utilities, id (the combination, or a merge's pair), how many packages
 * reach it, and, from a merge, the two halves of its package (pa + pb, entry by entry). */
typedef struct cand {
  const pl_fx *u;
  uint64_t id;
  pl_fx sum;
  uint32_t P, N;
  uint64_t count;
  const uint32_t *pa, *pb;
} cand;

/* 1 when x's package comes before y's: in a group, combinations are numbered in package order. */
static int cand_before(const cand *x, const cand *y) {
  if (!x->pa) return x->id < y->id;
  for (uint32_t q = 0; q < x->N; q++) {
    const uint32_t a = x->pa[q] + x->pb[q], b = y->pa[q] + y->pb[q];
    if (a != b) return a < b;
  }
  return 0;
}

/* y is x's vector again: x counts y's packages and keeps the first package of the two. */
static void cand_absorb(cand *x, const cand *y) {
  const uint64_t count = pl_count_add(x->count, y->count);
  if (cand_before(y, x)) *x = *y;
  x->count = count;
}

static int by_sum_desc(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->sum != y->sum) return x->sum > y->sum ? -1 : 1;
  for (uint32_t p = 0; p < x->P; p++)
    if (x->u[p] != y->u[p]) return x->u[p] > y->u[p] ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Any number of parties: sorted by decreasing sum, then pl_nondominated_sorted; a candidate
 * equal to a kept one is absorbed by it. The kept ones go to the front. */
static int nondominated(cand *cs, size_t n, uint32_t P, size_t *out) {
  qsort(cs, n, sizeof *cs, by_sum_desc);
  const pl_fx **pts = malloc((n ? n : 1) * sizeof *pts);
  size_t *same = malloc((n ? n : 1) * sizeof *same);
  unsigned char *keep = malloc(n ? n : 1);
  int rc = pts && same && keep ? 0 : PARLEY_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < n; i++) pts[i] = cs[i].u;
  if (rc == 0) rc = pl_nondominated_sorted(pts, n, P, 0, keep, same);
  size_t kept = 0;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    if (same[i] != i) cand_absorb(&cs[same[i]], &cs[i]); /* same[i] < i: not yet moved */
  }
  for (size_t i = 0; rc == 0 && i < n; i++)
    if (keep[i]) cs[kept++] = cs[i];
  free(pts), free(same), free(keep);
  *out = kept;
  return rc;
}

static int by_u0_desc(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->u[0] != y->u[0]) return x->u[0] > y->u[0] ? -1 : 1;
  if (x->u[1] != y->u[1]) return x->u[1] > y->u[1] ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Two parties: a sweep by decreasing u0 keeps each point whose u1 beats all before it. */
static size_t nondominated2(cand *cs, size_t n) {
  qsort(cs, n, sizeof *cs, by_u0_desc);
  size_t kept = 0;
  pl_fx best = INT64_MIN;
  for (size_t i = 0; i < n; i++) {
    if (cs[i].u[1] > best) {
      best = cs[i].u[1];
      cs[kept++] = cs[i];
    } else if (kept && cs[i].u[0] == cs[kept - 1].u[0] && cs[i].u[1] == cs[kept - 1].u[1]) {
      cand_absorb(&cs[kept - 1], &cs[i]); /* the same vector, next to it in this order */
    }
  }
  return kept;
}

/* Three parties: pl_nondominated3 (O(n log n)), which keeps equal vectors next to each other;
 * each run of them becomes one candidate, and the kept ones go to the front. Returns 0 or
 * PARLEY_ERR_NOMEM. */
static int nondominated3(cand *cs, size_t n, size_t *kept) {
  pl_pt3 *pts = malloc((n ? n : 1) * sizeof *pts);
  if (!pts) return PARLEY_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) pts[i] = (pl_pt3){{cs[i].u[0], cs[i].u[1], cs[i].u[2]}, i, cs[i].count};
  size_t m = 0;
  int rc = pl_nondominated3(pts, n, 0, &m);
  /* gather by position first: the kept ones may sit anywhere in cs */
  cand *keep = rc == 0 ? malloc((m ? m : 1) * sizeof *keep) : NULL;
  if (rc == 0 && !keep) rc = PARLEY_ERR_NOMEM;
  if (rc == 0) {
    size_t w = 0;
    for (size_t k = 0; k < m; k++) {
      if (w && !memcmp(pts[k].u, pts[k - 1].u, sizeof pts[k].u)) cand_absorb(&keep[w - 1], &cs[pts[k].idx]);
      else keep[w++] = cs[pts[k].idx];
    }
    memcpy(cs, keep, w * sizeof *cs);
    *kept = w;
  }
  free(keep);
  free(pts);
  return rc;
}

static int reduce(cand *cs, size_t n, uint32_t P, size_t *kept) {
  if (P == 3) return nondominated3(cs, n, kept);
  if (P != 2) return nondominated(cs, n, P, kept);
  *kept = nondominated2(cs, n);
  return 0;
}

/* Sets pkg's entries for the group's issues to combination x (the group's last issue varies
 * fastest). */
static void decode_combo(const pl_compiled *c, const uint32_t *issues, uint32_t m, uint64_t x, uint32_t *pkg) {
  for (uint32_t j = m; j-- > 0;) {
    pkg[issues[j]] = (uint32_t)(x % c->radix[issues[j]]);
    x /= c->radix[issues[j]];
  }
}

/* What the main run learns of one group, per party, over the combinations that cross none of
 * that party's red lines: whether there is one, the largest utility and the first combination
 * attaining it, the smallest. Also, over the combinations kept (crossing no red line at all),
 * how many and each party's smallest utility. */
typedef struct gstat {
  int any[PARLEY_MAX_PARTIES];
  pl_fx max[PARLEY_MAX_PARTIES], min[PARLEY_MAX_PARTIES];
  uint64_t argmax[PARLEY_MAX_PARTIES];
  uint64_t kept;
  pl_fx kept_min[PARLEY_MAX_PARTIES];
} gstat;

/* Combination x of a group's issues (its rules: rules[0..nr)): its vector into v, pkg set for
 * those issues; returns the parties whose red lines it crosses. */
static uint64_t combo_vector(const pl_compiled *c, const uint32_t *issues, uint32_t m, const uint32_t *rules, uint32_t nr,
                             uint64_t x, uint32_t *pkg, pl_fx *v) {
  const uint32_t P = c->n_parties;
  uint64_t red = 0;
  decode_combo(c, issues, m, x, pkg);
  for (uint32_t p = 0; p < P; p++) v[p] = 0;
  for (uint32_t j = 0; j < m; j++) {
    const pl_fx *t = c->contrib + c->offset[issues[j]] + (size_t)pkg[issues[j]] * P;
    for (uint32_t p = 0; p < P; p++) v[p] += t[p];
  }
  for (uint32_t k = 0; k < nr; k++) {
    const pl_crule *r = &c->rules[rules[k]];
    if (!pl_rule_holds(r->rule, pkg)) continue;
    if (r->red_line) red |= (uint64_t)1 << r->party;
    else v[r->party] += r->bonus;
  }
  return red;
}

/* The non-dominated combinations of one group of issues (its rules: rules[0..nr)) among those
 * crossing no red line of the parties in `drop`, and, when st is not NULL, the group's
 * statistics. */
static int group_set(const parley_scenario *sc, const uint32_t *issues, uint32_t m, const uint32_t *rules,
                     uint32_t nr, uint64_t drop, aset *out, gstat *st) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties, N = c->n_issues;
  uint64_t total = 1;
  for (uint32_t j = 0; j < m; j++) total *= c->radix[issues[j]];
  pl_fx *u = malloc(total * P * sizeof *u);
  cand *cs = malloc(total * sizeof *cs);
  uint32_t *pkg = calloc(N, sizeof *pkg);
  int rc = u && cs && pkg ? 0 : PARLEY_ERR_NOMEM;
  if (st) memset(st, 0, sizeof *st);
  size_t n = 0;
  for (uint64_t x = 0; rc == 0 && x < total; x++) {
    pl_fx *v = u + n * P;
    const uint64_t red = combo_vector(c, issues, m, rules, nr, x, pkg, v);
    for (uint32_t p = 0; st && p < P; p++) {
      if (red >> p & 1) continue;
      if (!st->any[p] || v[p] > st->max[p]) st->max[p] = v[p], st->argmax[p] = x;
      if (!st->any[p] || v[p] < st->min[p]) st->min[p] = v[p];
      st->any[p] = 1;
    }
    if (red & drop) continue;
    if (st) {
      for (uint32_t p = 0; p < P; p++)
        if (st->kept == 0 || v[p] < st->kept_min[p]) st->kept_min[p] = v[p];
      st->kept++;
    }
    cs[n] = (cand){v, x, 0, P, N, 1, NULL, NULL};
    for (uint32_t p = 0; p < P; p++) cs[n].sum += v[p];
    n++;
  }
  size_t kept = 0;
  if (rc == 0) rc = reduce(cs, n, P, &kept);
  if (rc == 0) rc = aset_alloc(out, kept, P, N);
  for (size_t k = 0; rc == 0 && k < kept; k++) {
    memcpy(out->u + k * P, cs[k].u, P * sizeof *out->u);
    out->count[k] = cs[k].count;
    uint32_t *o = out->pkg + k * N;
    memset(o, 0, N * sizeof *o);
    decode_combo(c, issues, m, cs[k].id, o);
  }
  free(u);
  free(cs);
  free(pkg);
  return rc;
}

/* The work the method may do (candidates formed, counting steps) before it gives way to
 * enumeration (budget 0: no limit); over is set when it would pass it. */
typedef struct work {
  uint64_t budget, used;
  int over;
  uint64_t max_frontier; /* a merged set larger than this stops the method */
  pl_limit why;          /* the limit that stopped it */
} work;

/* The most sums one merge may form: PL_ADD_MAX_CANDIDATES, fewer when their memory (the sums,
 * their records, and the reduction's working copy of three parties' points) would pass
 * PL_ADD_MAX_BYTES. */
static uint64_t max_sums(uint32_t P) {
  const uint64_t each = (uint64_t)P * sizeof(pl_fx) + sizeof(cand) + sizeof(pl_pt3);
  return PL_ADD_MAX_BYTES / each < PL_ADD_MAX_CANDIDATES ? PL_ADD_MAX_BYTES / each : PL_ADD_MAX_CANDIDATES;
}

uint64_t pl_additive_max_sums(const parley_scenario *sc) { return max_sums(sc->n_parties); }

static int spend(work *w, uint64_t n) {
  w->used = pl_count_add(w->used, n);
  if (!w->budget || w->used <= w->budget) return 0;
  w->over = 1;
  return PARLEY_ERR_LIMIT;
}

/* The non-dominated part of the Minkowski sum of a and b. */
static int merge(const parley_scenario *sc, const aset *a, const aset *b, aset *out, work *w) {
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  uint64_t total = (uint64_t)a->n * b->n;
  if (total > max_sums(P)) {
    w->why = PL_LIMIT_SUMS;
    return PARLEY_ERR_LIMIT;
  }
  if (spend(w, total)) return PARLEY_ERR_LIMIT;
  pl_fx *u = malloc((total ? total : 1) * P * sizeof *u);
  cand *cs = malloc((total ? total : 1) * sizeof *cs);
  int rc = u && cs ? 0 : PARLEY_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < a->n; i++)
    for (size_t j = 0; j < b->n; j++) {
      uint64_t x = (uint64_t)i * b->n + j;
      pl_fx *v = u + x * P, s = 0;
      for (uint32_t p = 0; p < P; p++) s += v[p] = a->u[i * P + p] + b->u[j * P + p];
      cs[x] = (cand){v, x, s, P, N, pl_count_mul(a->count[i], b->count[j]), a->pkg + i * N, b->pkg + j * N};
    }
  size_t kept = 0;
  if (rc == 0) rc = reduce(cs, total, P, &kept);
  if (rc == 0 && kept > w->max_frontier) {
    w->why = PL_LIMIT_FRONTIER;
    rc = PARLEY_ERR_LIMIT;
  }
  if (rc == 0) rc = aset_alloc(out, kept, P, N);
  for (size_t k = 0; rc == 0 && k < kept; k++) {
    size_t i = cs[k].id / b->n, j = cs[k].id % b->n;
    memcpy(out->u + k * P, cs[k].u, P * sizeof *out->u);
    out->count[k] = cs[k].count;
    /* the two sides cover different issues, the other side's entries being 0 */
    for (uint32_t q = 0; q < N; q++) out->pkg[k * N + q] = a->pkg[i * N + q] + b->pkg[j * N + q];
  }
  free(u);
  free(cs);
  return rc;
}

/* The issue groups: members[first[g] .. first[g + 1]) are group g's issues (increasing), and
 * rules[rfirst[g] .. rfirst[g + 1]) its rules. */
typedef struct grouping {
  uint32_t n;
  uint32_t first[PARLEY_MAX_ISSUES + 1], members[PARLEY_MAX_ISSUES];
  uint32_t *rfirst, *rules;
} grouping;

static void grouping_free(grouping *gp) {
  free(gp->rfirst);
  free(gp->rules);
}

static int grouping_make(const pl_compiled *c, grouping *gp) {
  const uint32_t N = c->n_issues;
  uint32_t up[PARLEY_MAX_ISSUES];
  link_issues(c, up);
  memset(gp, 0, sizeof *gp);
  gp->rfirst = malloc((N + 1) * sizeof *gp->rfirst);
  gp->rules = malloc((c->n_rules ? c->n_rules : 1) * sizeof *gp->rules);
  if (!gp->rfirst || !gp->rules) return PARLEY_ERR_NOMEM;
  uint32_t at = 0, rat = 0;
  for (uint32_t g = 0; g < N; g++) {
    if (root(up, g) != g) continue;
    gp->first[gp->n] = at;
    gp->rfirst[gp->n] = rat;
    for (uint32_t i = 0; i < N; i++)
      if (root(up, i) == g) gp->members[at++] = i;
    for (uint32_t k = 0; k < c->n_rules; k++)
      if (rule_group(c->rules[k].rule, up) == g) gp->rules[rat++] = k;
    gp->n++;
  }
  gp->first[gp->n] = at;
  gp->rfirst[gp->n] = rat;
  return 0;
}

/* The non-dominated vectors (one package each) of the packages crossing no red line of the
 * parties in `drop`, into out; st (one per group) receives the groups' statistics when not
 * NULL; progress goes to opt when report. *merges counts the merges. */
static int additive_run(const parley_scenario *sc, const grouping *gp, uint64_t drop, gstat *st,
                        const parley_analysis_options *opt, int report, aset *out, size_t *merges, work *w) {
  aset sets[PARLEY_MAX_ISSUES];
  memset(sets, 0, sizeof sets);
  uint32_t n_sets = 0;
  int rc = 0;
  /* the sets alive at once hold a vector, a count and a whole package per point: past
   * PL_ADD_MAX_LIVE together the method gives up rather than swap */
  const uint64_t point_bytes = (uint64_t)sc->n_parties * sizeof(pl_fx) + sizeof(uint64_t) + (uint64_t)sc->n_issues * 4;
  uint64_t live = 0;
  for (uint32_t g = 0; rc == 0 && g < gp->n; g++) {
    rc = group_set(sc, gp->members + gp->first[g], gp->first[g + 1] - gp->first[g], gp->rules + gp->rfirst[g],
                   gp->rfirst[g + 1] - gp->rfirst[g], drop, &sets[n_sets], st ? &st[g] : NULL);
    if (rc == 0) live += sets[n_sets++].n;
    if (rc == 0 && live * point_bytes > PL_ADD_MAX_LIVE) w->why = PL_LIMIT_MEMORY, rc = PARLEY_ERR_LIMIT;
  }
  /* merge pairwise, neighbours first, until one set is left */
  const size_t to_merge = n_sets ? n_sets - 1 : 0;
  *merges = 0;
  while (rc == 0 && n_sets > 1) {
    uint32_t m = 0;
    for (uint32_t s = 0; s < n_sets && rc == 0; s += 2) {
      if (s + 1 == n_sets) {
        sets[m++] = sets[s];
        continue;
      }
      aset merged = {0};
      rc = merge(sc, &sets[s], &sets[s + 1], &merged, w);
      live = live - sets[s].n - sets[s + 1].n + merged.n;
      if (rc == 0 && live * point_bytes > PL_ADD_MAX_LIVE) w->why = PL_LIMIT_MEMORY, rc = PARLEY_ERR_LIMIT;
      aset_free(&sets[s]);
      aset_free(&sets[s + 1]);
      sets[m++] = merged;
      ++*merges;
      if (report && opt->progress && opt->progress(opt->progress_user, (double)*merges / (double)to_merge))
        rc = PARLEY_ERR_CANCELLED;
    }
    /* on failure keep n_sets: the slots past m hold the unmerged sets (or freed ones) */
    if (rc == 0) n_sets = m;
  }
  if (rc == 0) {
    *out = sets[0];
    memset(&sets[0], 0, sizeof sets[0]);
  }
  for (uint32_t s = 0; s < n_sets; s++) aset_free(&sets[s]);
  return rc;
}

/* 1 if some package crossing no red line of the parties in S gives each of them at least its
 * reservation; such a package is dominated by (or is) a non-dominated one of the same kind,
 * which does too. Returns 0 or 1, or a negative error. */
static int satisfiable(const parley_scenario *sc, const grouping *gp, uint64_t S, const parley_analysis_options *opt,
                       work *w) {
  const uint32_t P = sc->n_parties;
  aset a = {0};
  size_t merges;
  int rc = additive_run(sc, gp, S, NULL, opt, 0, &a, &merges, w);
  int ok = 0;
  for (size_t k = 0; rc == 0 && k < a.n && !ok; k++) {
    uint32_t p = 0;
    while (p < P && (!(S >> p & 1) || a.u[k * P + p] >= sc->compiled.reservation[p])) p++;
    ok = p == P;
  }
  aset_free(&a);
  return rc ? -rc : ok;
}

/* Most additive runs spent looking for the smallest blocking group when red lines make every
 * package infeasible (each run is as costly as the analysis itself). */
#define PL_ADD_MAX_BLOCKING_RUNS 64

/* The smallest group of parties whose red lines and reservations together leave no package,
 * group sizes tried in increasing order (a group is satisfiable only if all its subgroups are).
 * *known = 0 when that would take more than PL_ADD_MAX_BLOCKING_RUNS runs. */
static int blocking_by_runs(const parley_scenario *sc, const grouping *gp, const parley_analysis_options *opt,
                            work *w, int *known, uint64_t *mask) {
  const uint32_t P = sc->n_parties;
  *known = 0;
  if (P > PARLEY_BLOCKING_MAX_PARTIES) return 0;
  uint8_t *sat = calloc((size_t)1 << P, 1);
  if (!sat) return PARLEY_ERR_NOMEM;
  sat[0] = 1;
  int rc = 0, runs = 0, found = 0;
  for (uint32_t size = 1; size <= P && !found && rc == 0 && runs <= PL_ADD_MAX_BLOCKING_RUNS; size++)
    for (size_t S = 1; S < ((size_t)1 << P) && rc == 0 && runs <= PL_ADD_MAX_BLOCKING_RUNS; S++) {
      if ((uint32_t)__builtin_popcountll(S) != size) continue;
      int subs = 1;
      for (uint32_t p = 0; p < P && subs; p++)
        if (S >> p & 1) subs = sat[S & ~((size_t)1 << p)];
      if (!subs) continue; /* a part of it already leaves nothing */
      runs++;
      int r = satisfiable(sc, gp, S, opt, w);
      if (r < 0) rc = -r;
      else if (r) sat[S] = 1;
      else found = 1;
    }
  if (rc == 0 && runs <= PL_ADD_MAX_BLOCKING_RUNS && found) {
    *known = 1;
    *mask = pl_blocking_group(sat, P); /* groups larger than the smallest size stay 0 */
  }
  free(sat);
  return rc;
}

/* Counting steps allowed when the method runs on its own (no budget): a count that would take
 * more is left out ("not counted"), not an error. */
#define PL_ADD_MAX_COUNT_STEPS ((uint64_t)1 << 27)

/* Group g's distinct vectors over its combinations that cross no red line, with counts. */
static int group_dist(const parley_scenario *sc, const grouping *gp, uint32_t g, pl_count_dist *out) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties, N = c->n_issues, m = gp->first[g + 1] - gp->first[g];
  const uint32_t *issues = gp->members + gp->first[g];
  uint64_t total = 1;
  for (uint32_t j = 0; j < m; j++) total *= c->radix[issues[j]];
  pl_fx *u = malloc(total * P * sizeof *u);
  uint32_t *pkg = calloc(N, sizeof *pkg);
  int rc = u && pkg ? 0 : PARLEY_ERR_NOMEM;
  size_t n = 0;
  for (uint64_t x = 0; rc == 0 && x < total; x++)
    if (!combo_vector(c, issues, m, gp->rules + gp->rfirst[g], gp->rfirst[g + 1] - gp->rfirst[g], x, pkg, u + n * P)) n++;
  if (rc == 0) rc = pl_dist_make(u, n, P, out);
  free(u), free(pkg);
  return rc;
}

/* The feasible packages counted by convolution over the groups (count.c). */
static int count_by_groups(const parley_scenario *sc, const grouping *gp, work *w, int *known, uint64_t *count) {
  pl_count_dist *d = calloc(gp->n ? gp->n : 1, sizeof *d);
  int rc = d ? 0 : PARLEY_ERR_NOMEM;
  uint64_t steps = 0;
  for (uint32_t g = 0; rc == 0 && g < gp->n; g++) {
    rc = group_dist(sc, gp, g, &d[g]);
    steps = pl_count_add(steps, d[g].n);
  }
  const uint64_t budget = w->budget ? (w->used < w->budget ? w->budget - w->used : 1) : PL_ADD_MAX_COUNT_STEPS;
  if (rc == 0) rc = pl_count_feasible(&sc->compiled, d, gp->n, budget, &steps, count);
  *known = rc == 0 && *count != UINT64_MAX;
  if (rc == PARLEY_ERR_LIMIT) rc = spend(w, steps); /* too long: over the budget, or just not counted */
  for (uint32_t g = 0; d && g < gp->n; g++) free(d[g].u), free(d[g].count);
  free(d);
  return rc;
}

int pl_analyze_additive(parley_analysis *an, const parley_analysis_options *opt, uint64_t budget, int *over_budget) {
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties, N = c->n_issues;
  int has_red = 0;
  for (uint32_t k = 0; k < c->n_rules; k++) has_red |= c->rules[k].red_line;
  grouping gp;
  gstat *st = NULL;
  aset fr = {0}, all = {0};
  int rc = grouping_make(c, &gp);
  if (rc == 0 && !(st = calloc(gp.n, sizeof *st))) rc = PARLEY_ERR_NOMEM;
  size_t merges = 0, ignored;
  const uint64_t every = P == 64 ? ~(uint64_t)0 : (((uint64_t)1 << P) - 1);
  work w = {budget, 0, 0, opt->max_frontier ? opt->max_frontier : PARLEY_DEFAULT_MAX_FRONTIER, PL_LIMIT_NONE};
  for (uint32_t g = 0; rc == 0 && g < gp.n; g++) { /* the groups' combinations are work too */
    uint64_t total = 1;
    for (uint32_t j = gp.first[g]; j < gp.first[g + 1]; j++) total *= c->radix[gp.members[j]];
    rc = spend(&w, total);
  }
  if (rc == 0) rc = additive_run(sc, &gp, every, st, opt, 1, &fr, &merges, &w);
  an->nodes = merges;
  /* per party, exactly, over the packages crossing none of its red lines: the sums of the
   * groups' extremes; the ideal package takes each group's first best combination, which makes
   * it the first in package order */
  pl_fx floor_kept[PARLEY_MAX_PARTIES] = {0};
  uint64_t n_kept = 1;
  int kept_overflow = 0, dropped = 0;
  for (uint32_t g = 0; rc == 0 && g < gp.n; g++) {
    uint64_t total = 1;
    for (uint32_t j = gp.first[g]; j < gp.first[g + 1]; j++) total *= c->radix[gp.members[j]];
    dropped |= st[g].kept < total;
    if (st[g].kept && n_kept >= UINT64_MAX / st[g].kept) kept_overflow = 1; /* UINT64_MAX means "every" */
    n_kept = st[g].kept == 0 ? 0 : n_kept * st[g].kept;
    for (uint32_t p = 0; p < P; p++) floor_kept[p] += st[g].kept_min[p];
  }
  if (rc == 0) rc = pl_analysis_from_frontier(an, fr.u, fr.pkg, NULL, fr.count, fr.n, floor_kept);
  for (uint32_t p = 0; rc == 0 && p < P; p++) {
    pl_party_range *r = &an->range[p];
    r->any = 1, r->max = r->min = 0;
    for (uint32_t g = 0; g < gp.n; g++) {
      const uint32_t *issues = gp.members + gp.first[g];
      r->any &= st[g].any[p];
      r->max += st[g].max[p];
      r->min += st[g].min[p];
      decode_combo(c, issues, gp.first[g + 1] - gp.first[g], st[g].argmax[p], an->ideal_pkg + (size_t)p * N);
    }
    if (!r->any) r->max = r->min = 0;
    r->min_known = 1;
  }
  if (rc == 0 && has_red) {
    /* the opposition is over every package, red lines or not */
    rc = additive_run(sc, &gp, 0, NULL, opt, 0, &all, &ignored, &w);
    if (rc == 0) an->opposition = pl_opposition(c, all.u, all.n, P);
  }
  if (rc == 0 && dropped) {
    /* the packages free of red lines are counted exactly as the product of the groups' kept
     * combinations; they are all feasible when every reservation is below what they all give */
    int every_ok = 1;
    for (uint32_t p = 0; p < P; p++) every_ok &= c->reservation[p] <= floor_kept[p];
    if (n_kept == 0) an->feasible_known = 1, an->n_feasible = 0;
    else if (every_ok) an->feasible_known = !kept_overflow, an->n_feasible = kept_overflow ? UINT64_MAX : n_kept;
    if (an->frontier.n == 0) {
      an->blocking_known = 0;
      rc = blocking_by_runs(sc, &gp, opt, &w, &an->blocking_known, &an->blocking_mask);
    }
  }
  if (rc == 0 && !an->feasible_known) { /* reservations bind: count the feasible packages by convolution */
    int known = 0;
    uint64_t count = 0;
    rc = count_by_groups(sc, &gp, &w, &known, &count);
    if (rc == 0 && known) an->feasible_known = 1, an->n_feasible = count;
  }
  if (over_budget) *over_budget = w.over;
  if (rc == PARLEY_ERR_LIMIT) an->limit_hit = w.why;
  aset_free(&fr);
  aset_free(&all);
  free(st);
  grouping_free(&gp);
  return rc;
}
