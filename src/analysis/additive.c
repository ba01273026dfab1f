/* additive.c — the exact Pareto frontier of additive profiles without enumeration.
 *
 * Issues linked by an interaction term are folded into one group (every combination of their
 * options, bonuses included). A package's utility vector is then the sum of one vector per
 * group, so the set of all utility vectors is the Minkowski sum of the groups' sets, and its
 * non-dominated part is the non-dominated part of the sum of the groups' non-dominated parts.
 * Groups are merged pairwise, divide and conquer, keeping only non-dominated vectors (one
 * package each) after every merge. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"

#define PL_ADD_MAX_GROUP ((uint64_t)1 << 20)      /* combinations of one folded group */
#define PL_ADD_MAX_CANDIDATES ((uint64_t)1 << 26) /* sums formed by one merge */

typedef struct aset {
  size_t n;
  pl_fx *u;       /* n x P */
  uint32_t *pkg;  /* n x N; issues outside the set's groups are 0 */
} aset;

static void aset_free(aset *s) {
  free(s->u);
  free(s->pkg);
  memset(s, 0, sizeof *s);
}

static int aset_alloc(aset *s, size_t n, uint32_t P, uint32_t N) {
  s->n = n;
  s->u = malloc((n ? n : 1) * P * sizeof *s->u);
  s->pkg = malloc((n ? n : 1) * (N ? N : 1) * sizeof *s->pkg);
  return s->u && s->pkg ? 0 : PARLEY_ERR_NOMEM;
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

int parley_additive_applicable(const parley_scenario *sc) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t N = c->n_issues;
  if (N == 0 || N > PARLEY_MAX_ISSUES) return 0;
  for (uint32_t k = 0; k < c->n_rules; k++)
    if (c->rules[k].red_line) return 0;
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

/* Keeps the non-dominated points of u (n x P, with candidate ids), one per distinct vector;
 * returns how many, moved to the front (ids moved alike). */
typedef struct cand {
  const pl_fx *u;
  uint64_t id;
  pl_fx sum;
  uint32_t P;
} cand;

static int by_sum_desc(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->sum != y->sum) return x->sum > y->sum ? -1 : 1;
  for (uint32_t p = 0; p < x->P; p++)
    if (x->u[p] != y->u[p]) return x->u[p] > y->u[p] ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static size_t nondominated(cand *cs, size_t n, uint32_t P) {
  qsort(cs, n, sizeof *cs, by_sum_desc);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    /* a later point has a sum no larger, so it cannot dominate an earlier one; an earlier
     * kept point that is >= everywhere dominates or equals it */
    int covered = 0;
    for (size_t k = 0; k < kept && !covered; k++) {
      uint32_t p = 0;
      while (p < P && cs[k].u[p] >= cs[i].u[p]) p++;
      covered = p == P;
    }
    if (!covered) cs[kept++] = cs[i];
  }
  return kept;
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
  for (size_t i = 0; i < n; i++)
    if (cs[i].u[1] > best) {
      best = cs[i].u[1];
      cs[kept++] = cs[i];
    }
  return kept;
}

/* Three parties: pl_nondominated3 (O(n log n)); the kept candidates, one per distinct vector,
 * the first of each in cs (the callers number candidates in order, so the smallest id), go
 * to the front. Returns 0 or PARLEY_ERR_NOMEM. */
static int nondominated3(cand *cs, size_t n, size_t *kept) {
  pl_pt3 *pts = malloc((n ? n : 1) * sizeof *pts);
  if (!pts) return PARLEY_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) pts[i] = (pl_pt3){{cs[i].u[0], cs[i].u[1], cs[i].u[2]}, i};
  int rc = pl_nondominated3(pts, n, 1, kept);
  /* gather by position first: the kept ones may sit anywhere in cs */
  cand *keep = rc == 0 ? malloc((*kept ? *kept : 1) * sizeof *keep) : NULL;
  if (rc == 0 && !keep) rc = PARLEY_ERR_NOMEM;
  if (rc == 0) {
    for (size_t k = 0; k < *kept; k++) keep[k] = cs[pts[k].idx];
    memcpy(cs, keep, *kept * sizeof *cs);
  }
  free(keep);
  free(pts);
  return rc;
}

static int reduce(cand *cs, size_t n, uint32_t P, size_t *kept) {
  if (P == 3) return nondominated3(cs, n, kept);
  *kept = P == 2 ? nondominated2(cs, n) : nondominated(cs, n, P);
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

/* The non-dominated combinations of one group of issues (its interaction terms: rules[0..nr)),
 * and, added to lowest, each party's minimum over all its combinations. */
static int group_set(const parley_scenario *sc, const uint32_t *issues, uint32_t m, const uint32_t *rules,
                     uint32_t nr, aset *out, pl_fx *lowest) {
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties, N = c->n_issues;
  uint64_t total = 1;
  for (uint32_t j = 0; j < m; j++) total *= c->radix[issues[j]];
  pl_fx *u = malloc(total * P * sizeof *u);
  cand *cs = malloc(total * sizeof *cs);
  uint32_t *pkg = calloc(N, sizeof *pkg);
  pl_fx lo[PARLEY_MAX_PARTIES];
  int rc = u && cs && pkg ? 0 : PARLEY_ERR_NOMEM;
  for (uint64_t x = 0; rc == 0 && x < total; x++) {
    decode_combo(c, issues, m, x, pkg);
    pl_fx *v = u + x * P;
    for (uint32_t p = 0; p < P; p++) v[p] = 0;
    for (uint32_t j = 0; j < m; j++) {
      const pl_fx *t = c->contrib + c->offset[issues[j]] + (size_t)pkg[issues[j]] * P;
      for (uint32_t p = 0; p < P; p++) v[p] += t[p];
    }
    for (uint32_t k = 0; k < nr; k++) {
      const pl_crule *r = &c->rules[rules[k]];
      if (pl_rule_holds(r->rule, pkg)) v[r->party] += r->bonus;
    }
    cs[x] = (cand){v, x, 0, P};
    for (uint32_t p = 0; p < P; p++) {
      cs[x].sum += v[p];
      if (x == 0 || v[p] < lo[p]) lo[p] = v[p];
    }
  }
  size_t kept = 0;
  if (rc == 0) rc = reduce(cs, total, P, &kept);
  if (rc == 0) rc = aset_alloc(out, kept, P, N);
  for (size_t k = 0; rc == 0 && k < kept; k++) {
    memcpy(out->u + k * P, cs[k].u, P * sizeof *out->u);
    uint32_t *o = out->pkg + k * N;
    memset(o, 0, N * sizeof *o);
    decode_combo(c, issues, m, cs[k].id, o);
  }
  for (uint32_t p = 0; rc == 0 && p < P; p++) lowest[p] += lo[p];
  free(u);
  free(cs);
  free(pkg);
  return rc;
}

/* The non-dominated part of the Minkowski sum of a and b. */
static int merge(const parley_scenario *sc, const aset *a, const aset *b, aset *out) {
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  uint64_t total = (uint64_t)a->n * b->n;
  if (total > PL_ADD_MAX_CANDIDATES) return PARLEY_ERR_LIMIT;
  pl_fx *u = malloc((total ? total : 1) * P * sizeof *u);
  cand *cs = malloc((total ? total : 1) * sizeof *cs);
  int rc = u && cs ? 0 : PARLEY_ERR_NOMEM;
  for (size_t i = 0; rc == 0 && i < a->n; i++)
    for (size_t j = 0; j < b->n; j++) {
      uint64_t x = (uint64_t)i * b->n + j;
      pl_fx *v = u + x * P, s = 0;
      for (uint32_t p = 0; p < P; p++) s += v[p] = a->u[i * P + p] + b->u[j * P + p];
      cs[x] = (cand){v, x, s, P};
    }
  size_t kept = 0;
  if (rc == 0) rc = reduce(cs, total, P, &kept);
  if (rc == 0) rc = aset_alloc(out, kept, P, N);
  for (size_t k = 0; rc == 0 && k < kept; k++) {
    size_t i = cs[k].id / b->n, j = cs[k].id % b->n;
    memcpy(out->u + k * P, cs[k].u, P * sizeof *out->u);
    /* the two sides cover different issues, the other side's entries being 0 */
    for (uint32_t q = 0; q < N; q++) out->pkg[k * N + q] = a->pkg[i * N + q] + b->pkg[j * N + q];
  }
  free(u);
  free(cs);
  return rc;
}

int pl_analyze_additive(parley_analysis *an, const parley_analysis_options *opt) {
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = c->n_parties, N = c->n_issues;
  uint32_t up[PARLEY_MAX_ISSUES], members[PARLEY_MAX_ISSUES];
  link_issues(c, up);
  uint32_t *rules = malloc((c->n_rules ? c->n_rules : 1) * sizeof *rules);
  aset sets[PARLEY_MAX_ISSUES];
  memset(sets, 0, sizeof sets);
  uint32_t n_sets = 0;
  int rc = rules ? 0 : PARLEY_ERR_NOMEM;
  /* each group's non-dominated set; the exact per-party minimum is the sum of the groups'
   * minima (over every combination, not only the non-dominated ones) */
  pl_fx lowest[PARLEY_MAX_PARTIES] = {0};
  for (uint32_t g = 0; rc == 0 && g < N; g++) {
    if (root(up, g) != g) continue;
    uint32_t m = 0, nr = 0;
    for (uint32_t i = 0; i < N; i++)
      if (root(up, i) == g) members[m++] = i;
    for (uint32_t k = 0; k < c->n_rules; k++)
      if (rule_group(c->rules[k].rule, up) == g) rules[nr++] = k;
    rc = group_set(sc, members, m, rules, nr, &sets[n_sets], lowest);
    if (rc == 0) n_sets++;
  }
  free(rules);
  /* merge pairwise, neighbours first, until one set is left */
  const size_t to_merge = n_sets ? n_sets - 1 : 0;
  size_t merges = 0;
  while (rc == 0 && n_sets > 1) {
    uint32_t m = 0;
    for (uint32_t s = 0; s < n_sets && rc == 0; s += 2) {
      if (s + 1 == n_sets) {
        sets[m++] = sets[s];
        continue;
      }
      aset out = {0};
      rc = merge(sc, &sets[s], &sets[s + 1], &out);
      aset_free(&sets[s]);
      aset_free(&sets[s + 1]);
      sets[m++] = out;
      merges++;
      if (opt->progress && opt->progress(opt->progress_user, (double)merges / (double)to_merge)) rc = PARLEY_ERR_ARG;
    }
    /* on failure keep n_sets: the slots past m hold the unmerged sets (or freed ones) */
    if (rc == 0) n_sets = m;
  }
  an->nodes = merges;
  if (rc == 0) {
    for (uint32_t p = 0; p < P; p++) {
      an->range[p].min = lowest[p];
      an->range[p].min_known = 1;
    }
    rc = pl_analysis_from_frontier(an, sets[0].u, sets[0].pkg, NULL, sets[0].n, lowest);
  }
  for (uint32_t s = 0; s < n_sets; s++) aset_free(&sets[s]);
  return rc;
}
