/* enumerate.c — the enumeration method: one streaming pass over every outcome in index order,
 * keeping only per-party extremes, the feasible count, the acceptance sets that occur and the
 * Pareto frontier; memory O(frontier). The innermost issues form a tabled block and the outer
 * ones are walked by an odometer with per-issue prefix sums, a row at a time (see
 * inner_block); each part of a row's work runs only when bounds on the row's utilities leave
 * it open (row_needs). The index range is cut into chunks run by the parallel loop and merged
 * in chunk order, so the result does not depend on the number of threads. */
#include "analysis/enumerate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/blocking.h"
#include "analysis/solutions.h"
#include "util/parallel.h"

/* The pass over all outcomes, cut into chunks of consecutive outcome indices (aligned to the
 * innermost issue) that worker threads take in turn. Every chunk keeps its own tallies and
 * frontier; they are merged in chunk order afterwards, so the result does not depend on the
 * number of threads or on their timing. */
__extension__ typedef __int128 pl_wide;

typedef struct chunk {
  uint64_t start, end; /* outcome indices [start, end) */
  int rc;
  uint64_t n_feasible;
  pl_party_range *range; /* per party */
  pl_wide *sum;          /* per party: exact sums of utilities, for the means */
  double best_d2;        /* smallest squared distance to (1, ..., 1) */
  uint8_t *masks;        /* P <= PARLEY_BLOCKING_MAX_PARTIES: 1 at every acceptance mask seen */
  pl_frontier frontier;
  /* three or more parties: feasible points are gathered and merged into the frontier in
   * batches (pl_frontier_merge); two parties offer each point to the staircase at once */
  size_t batch_cap, batch_n;
  uint64_t *batch_idx;
  pl_fx *batch_u;
  /* the feasible points with the largest sums seen so far: most points are dominated by one
   * of them, and a dominated point can never be on the frontier, so it need not be gathered */
  pl_fx filter[PL_FILTER * PARLEY_MAX_PARTIES];
  pl_fx filter_sum[PL_FILTER];
  size_t n_filter, hint;
} chunk;

/* The innermost issues K..N-1 form a block of M combinations whose contributions are tabled
 * once; a row is one setting of the outer issues 0..K-1 and its M outcomes. Most rows need no
 * per-outcome rule work: their outcomes are the row's base plus a table entry, so sums, extremes
 * and the distance to the ideal point come from per-table summaries, the feasible count from one
 * comparison per party, and the frontier candidates from the table's own non-dominated entries
 * (an entry dominated within the table is dominated in every row, and by a feasible one: the
 * reservations are lower bounds). Rows where a rule linking inner and outer issues holds take
 * the general per-outcome path. */
#define PL_INNER_MAX 1024

typedef struct inner_block {
  uint32_t K, M;
  pl_fx *t;            /* M x P: the inner issues' contributions plus inner-only rules' bonuses */
  uint64_t *red;       /* M: parties whose inner-only red lines hold */
  int any_red;
  const pl_crule **outer; /* rules on outer issues only: the same for a whole row */
  uint32_t n_outer;
  const pl_crule **mixed; /* rules on both: their outer part per row, inner part tabled */
  uint32_t n_mixed;
  uint32_t *mixed_at;  /* n_mixed x M: the entries where mixed rule k's inner conditions hold, */
  uint32_t *mixed_n;   /* mixed_at[k * M .. k * M + mixed_n[k]) */
  int *iany;           /* per party, over the entries not red for it: */
  pl_fx *imax, *imin;
  uint32_t *iarg;      /* the first entry of largest utility */
  pl_wide *colsum;     /* per party, over all entries */
  uint32_t *nd, n_nd;  /* entries without red lines, not strictly dominated by another such */
  uint32_t *nd_all, n_nd_all; /* entries not strictly dominated by any entry */
  pl_fx *amax, *amin;  /* per party, over every entry, red lines or not: bounds for a row */
  uint32_t n_blk;      /* the entries in blocks of PL_BLOCK, and each block's largest utility */
  pl_fx *blk_max;      /* per party (n_blk x P), for skipping blocks the frontier dominates */
} inner_block;

#define PL_BLOCK 64

typedef struct pass {
  const pl_compiled *c;
  uint64_t n_outcomes;
  size_t batch;
  size_t inner_max; /* the most combinations in the inner block (0: PL_INNER_MAX) */
  inner_block in;
  chunk *chunks;
  uint64_t max_frontier; /* a frontier larger than this stops the pass (PARLEY_ERR_LIMIT) */
} pass;

static void inner_free(inner_block *in) {
  free(in->t), free(in->red), free(in->outer), free(in->mixed), free(in->mixed_at), free(in->mixed_n);
  free(in->iany), free(in->imax), free(in->imin), free(in->iarg), free(in->colsum);
  free(in->nd), free(in->nd_all), free(in->amax), free(in->amin), free(in->blk_max);
  memset(in, 0, sizeof *in);
}

static int by_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* The entries of t (M x P) not strictly dominated by another (only among those with red == 0
 * when no_red), in index order, into out (*n of them). Uses the frontier's own filter. */
static int nondominated(const pl_fx *t, const uint64_t *red, int no_red, uint32_t M, uint32_t P, uint32_t *out,
                        uint32_t *n) {
  uint64_t *ids = malloc(M * sizeof *ids);
  pl_fx *u = malloc((size_t)M * P * sizeof *u);
  pl_frontier f;
  pl_frontier_init(&f, P);
  f.ties = 1; /* every entry of a tied vector is offered later */
  size_t k = 0;
  for (uint32_t m = 0; ids && u && m < M; m++) {
    if (no_red && red[m]) continue;
    memcpy(u + k * P, t + (size_t)m * P, P * sizeof *u);
    ids[k++] = m;
  }
  int rc = !ids || !u ? PARLEY_ERR_NOMEM : pl_frontier_merge(&f, ids, u, NULL, k);
  if (rc == 0) {
    if (f.n > 1) qsort(f.idx, f.n, sizeof *f.idx, by_u64);
    for (size_t i = 0; i < f.n; i++) out[i] = (uint32_t)f.idx[i];
    *n = (uint32_t)f.n;
  }
  pl_frontier_free(&f);
  free(ids), free(u);
  return rc;
}

/* 1 when every condition of r on issues < K (outer) or >= K (inner, by `inner`) holds. */
static int part_holds(const pl_rule *r, const uint32_t *pkg, uint32_t K, int inner) {
  for (uint32_t k = 0; k < r->n_conds; k++) {
    const pl_cond *cd = &r->conds[k];
    if ((cd->issue >= K) != inner) continue;
    if (!cd->allowed[pkg[cd->issue]]) return 0;
  }
  return 1;
}

static int inner_build(pass *ps) {
  const pl_compiled *c = ps->c;
  const uint32_t N = c->n_issues, P = c->n_parties;
  inner_block *in = &ps->in;
  const uint64_t most = ps->inner_max ? ps->inner_max : PL_INNER_MAX;
  uint32_t K = N - 1, M = c->radix[N - 1];
  while (K > 0 && (uint64_t)M * c->radix[K - 1] <= most) M *= c->radix[--K];
  in->K = K, in->M = M;
  in->t = calloc((size_t)M * P, sizeof *in->t);
  in->red = calloc(M, sizeof *in->red);
  in->outer = calloc(c->n_rules ? c->n_rules : 1, sizeof *in->outer);
  in->mixed = calloc(c->n_rules ? c->n_rules : 1, sizeof *in->mixed);
  in->iany = calloc(P, sizeof *in->iany);
  in->imax = calloc(P, sizeof *in->imax);
  in->imin = calloc(P, sizeof *in->imin);
  in->iarg = calloc(P, sizeof *in->iarg);
  in->colsum = calloc(P, sizeof *in->colsum);
  in->nd = malloc(M * sizeof *in->nd);
  in->nd_all = malloc(M * sizeof *in->nd_all);
  in->amax = malloc(P * sizeof *in->amax);
  in->amin = malloc(P * sizeof *in->amin);
  in->n_blk = (M + PL_BLOCK - 1) / PL_BLOCK;
  in->blk_max = malloc((size_t)in->n_blk * P * sizeof *in->blk_max);
  uint32_t *pkg = calloc(N, sizeof *pkg);
  const pl_crule **inner_rules = calloc(c->n_rules ? c->n_rules : 1, sizeof *inner_rules);
  int rc = 0;
  if (!in->t || !in->red || !in->outer || !in->mixed || !in->iany || !in->imax || !in->imin || !in->iarg ||
      !in->colsum || !in->nd || !in->nd_all || !in->amax || !in->amin || !in->blk_max || !pkg || !inner_rules) {
    rc = PARLEY_ERR_NOMEM;
    goto out;
  }
  uint32_t n_inner = 0;
  for (uint32_t k = 0; k < c->n_rules; k++) {
    const pl_rule *r = c->rules[k].rule;
    int has_in = 0, has_out = 0;
    for (uint32_t j = 0; j < r->n_conds; j++) {
      if (r->conds[j].issue >= K) has_in = 1;
      else has_out = 1;
    }
    if (has_in && has_out) in->mixed[in->n_mixed++] = &c->rules[k];
    else if (has_in) inner_rules[n_inner++] = &c->rules[k];
    else in->outer[in->n_outer++] = &c->rules[k]; /* outer, or no conditions at all */
  }
  if (in->n_mixed && (!(in->mixed_at = malloc((size_t)in->n_mixed * M * sizeof *in->mixed_at)) ||
                      !(in->mixed_n = calloc(in->n_mixed, sizeof *in->mixed_n)))) {
    rc = PARLEY_ERR_NOMEM;
    goto out;
  }
  for (uint32_t m = 0; m < M; m++) {
    uint32_t rest = m;
    for (uint32_t i = N; i-- > K;) {
      pkg[i] = rest % c->radix[i];
      rest /= c->radix[i];
    }
    pl_fx *t = in->t + (size_t)m * P;
    for (uint32_t i = K; i < N; i++) {
      const pl_fx *ct = c->contrib + c->offset[i] + (size_t)pkg[i] * P;
      for (uint32_t p = 0; p < P; p++) t[p] += ct[p];
    }
    for (uint32_t k = 0; k < n_inner; k++) {
      const pl_crule *r = inner_rules[k];
      if (!part_holds(r->rule, pkg, K, 1)) continue;
      if (r->red_line) in->red[m] |= (uint64_t)1 << r->party;
      else t[r->party] += r->bonus;
    }
    in->any_red |= in->red[m] != 0;
    for (uint32_t k = 0; k < in->n_mixed; k++)
      if (part_holds(in->mixed[k]->rule, pkg, K, 1)) in->mixed_at[(size_t)k * M + in->mixed_n[k]++] = m;
    for (uint32_t p = 0; p < P; p++) {
      in->colsum[p] += t[p];
      pl_fx *bm = in->blk_max + (size_t)(m / PL_BLOCK) * P + p;
      if (m % PL_BLOCK == 0 || t[p] > *bm) *bm = t[p];
      if (m == 0 || t[p] > in->amax[p]) in->amax[p] = t[p];
      if (m == 0 || t[p] < in->amin[p]) in->amin[p] = t[p];
      if (in->red[m] >> p & 1) continue;
      if (!in->iany[p]) in->iany[p] = 1, in->imax[p] = in->imin[p] = t[p], in->iarg[p] = m;
      else if (t[p] > in->imax[p]) in->imax[p] = t[p], in->iarg[p] = m;
      else if (t[p] < in->imin[p]) in->imin[p] = t[p];
    }
  }
  if ((rc = nondominated(in->t, in->red, 1, M, P, in->nd, &in->n_nd)) != 0 ||
      (rc = nondominated(in->t, in->red, 0, M, P, in->nd_all, &in->n_nd_all)) != 0)
    goto out;
out:
  free(pkg), free(inner_rules);
  return rc;
}

/* 1 if a filter point dominates u. */
static int filter_dominates(chunk *ch, const pl_fx *u, uint32_t P) {
  if (ch->n_filter && pl_dominates(ch->filter + ch->hint * P, u, P)) return 1;
  for (size_t k = 0; k < ch->n_filter; k++)
    if (pl_dominates(ch->filter + k * P, u, P)) {
      ch->hint = k;
      return 1;
    }
  return 0;
}

/* 1 if a filter point dominates u; otherwise u may join the filter. */
static int filtered(chunk *ch, const pl_fx *u, uint32_t P) {
  if (filter_dominates(ch, u, P)) return 1;
  const pl_fx s = (pl_fx)pl_utilitarian_value(u, P); /* a heuristic's key: fits when exact */
  size_t k = ch->n_filter;
  if (k == PL_FILTER) { /* replace the smallest sum, if u's is larger */
    k = 0;
    for (size_t j = 1; j < PL_FILTER; j++)
      if (ch->filter_sum[j] < ch->filter_sum[k]) k = j;
    if (ch->filter_sum[k] >= s) return 0;
  } else {
    ch->n_filter++;
  }
  ch->filter_sum[k] = s;
  memcpy(ch->filter + k * P, u, P * sizeof *u);
  return 0;
}

static void chunk_free(chunk *ch) {
  free(ch->range);
  free(ch->sum);
  free(ch->masks);
  free(ch->batch_idx);
  free(ch->batch_u);
  pl_frontier_free(&ch->frontier);
}

/* A feasible outcome goes to the frontier: at once with one or two parties, in batches with
 * more (past the filter). */
static inline int offer(chunk *ch, uint64_t idx, const pl_fx *u, uint32_t P) {
  if (!ch->batch_cap) return pl_frontier_offer(&ch->frontier, idx, u);
  if (filtered(ch, u, P)) return 0;
  memcpy(ch->batch_u + ch->batch_n * P, u, P * sizeof *u);
  ch->batch_idx[ch->batch_n++] = idx;
  if (ch->batch_n < ch->batch_cap) return 0;
  ch->batch_n = 0;
  return pl_frontier_merge(&ch->frontier, ch->batch_idx, ch->batch_u, NULL, ch->batch_cap);
}

static void range_update(pl_party_range *pr, pl_fx max, pl_fx min, uint64_t ideal) {
  if (!pr->any) {
    pr->any = 1;
    pr->max = max, pr->min = min, pr->ideal = ideal;
    return;
  }
  if (max > pr->max) pr->max = max, pr->ideal = ideal;
  if (min < pr->min) pr->min = min;
}

/* Read-only zeros, so that one outcome's utilities can go through dist2 as base + 0. */
static const pl_fx no_offset[PARLEY_MAX_PARTIES];

/* The squared distance of base + t to the ideal point (1, ..., 1). */
static double dist2(const pl_compiled *c, const pl_fx *base, const pl_fx *t, uint32_t P) {
  double d2 = 0;
  for (uint32_t p = 0; p < P; p++) {
    double gap = 1.0 - pl_fx_to(c, base[p] + t[p]);
    d2 += gap * gap;
  }
  return d2;
}

/* What a row's active mixed rules add, per party: the total bonus over the row's entries, and
 * the most any one entry gains (up) or loses (down); red: whether one of them is a red line. */
typedef struct row_rules {
  pl_wide bonus[PARLEY_MAX_PARTIES];
  pl_fx up[PARLEY_MAX_PARTIES], down[PARLEY_MAX_PARTIES];
  int red;
} row_rules;

static void row_rules_sum(const inner_block *in, const pl_crule *const *active, const uint32_t *active_k,
                          uint32_t n_active, row_rules *rr) {
  memset(rr, 0, sizeof *rr);
  for (uint32_t k = 0; k < n_active; k++) {
    const pl_crule *r = active[k];
    if (r->red_line) {
      rr->red = 1;
      continue;
    }
    if (r->bonus > 0) rr->up[r->party] += r->bonus;
    else rr->down[r->party] += r->bonus;
    rr->bonus[r->party] += (pl_wide)r->bonus * in->mixed_n[active_k[k]];
  }
}

/* A lower bound on the squared distance to (1, ..., 1) of any outcome whose utilities are at
 * most top (closer to 1 from below is closer; above 1 counts as 0). */
static double d2_bound(const pl_compiled *c, const pl_fx *top, uint32_t P) {
  double bound = 0;
  for (uint32_t p = 0; p < P; p++) {
    double gap = 1.0 - pl_fx_to(c, top[p]);
    if (gap > 0) bound += gap * gap;
  }
  return bound;
}

/* 1 when the frontier (two parties) or the filter (more) shows every point at most ub
 * dominated. */
static int dominated_bound(chunk *ch, const pl_fx *ub, uint32_t P) {
  if (P == 2) return pl_frontier2_rejects(&ch->frontier, ub[0], ub[1]);
  return P > 2 && ch->batch_cap && filter_dominates(ch, ub, P);
}

/* The work a row needs, settled from bounds on its utilities (lb <= u <= ub for every outcome
 * of the row, red lines or not): each part is skipped when the bounds show it cannot change
 * the result. */
typedef struct row_needs {
  uint64_t max, min; /* parties whose best or lowest so far the row might beat */
  int d2;            /* the row might come closer to (1, ..., 1) than the best so far */
  int every, none;   /* every outcome is feasible / none is */
  int masks;         /* acceptance masks still matter (nothing feasible in the chunk yet) */
  int offers;        /* some outcome might join the frontier */
} row_needs;

static void row_needs_of(const pass *ps, chunk *ch, const pl_fx *ub, const pl_fx *lb, int red_possible,
                         row_needs *nd) {
  const pl_compiled *c = ps->c;
  const uint32_t P = c->n_parties;
  memset(nd, 0, sizeof *nd);
  nd->every = !red_possible;
  for (uint32_t p = 0; p < P; p++) {
    const pl_party_range *pr = &ch->range[p];
    if (!pr->any || ub[p] > pr->max) nd->max |= (uint64_t)1 << p;
    if (!pr->any || lb[p] < pr->min) nd->min |= (uint64_t)1 << p;
    nd->every &= lb[p] >= c->reservation[p];
    nd->none |= ub[p] < c->reservation[p];
  }
  nd->d2 = d2_bound(c, ub, P) < ch->best_d2;
  nd->masks = ch->masks && ch->n_feasible == 0 && !nd->every;
  nd->offers = !nd->none && !dominated_bound(ch, ub, P);
}

/* A row where rules link inner and outer issues. Bounds from the table's extremes and the
 * active rules' largest gains and losses decide what the row needs (row_needs); when it needs
 * per-outcome work, its utilities are built (the table plus the base, then each active rule
 * applied to the entries where its inner part holds) and only the needed passes run, the
 * frontier offers block by block, skipping blocks whose upper corner is dominated. Sums come
 * from the table in closed form. */
/* Builds the row's utilities and red-line masks for entries [from, to): the table plus the
 * base, then each active rule applied to its entries there (cur[k]: where rule k's entry list
 * stands; the lists are in entry order, so blocks taken in order share one walk). */
static void row_build(const inner_block *in, uint32_t P, const pl_fx *base, uint64_t rowred, int any_red,
                      const pl_crule *const *active, const uint32_t *active_k, uint32_t n_active, uint32_t *cur,
                      uint32_t from, uint32_t to, pl_fx *u, uint64_t *red) {
  const uint32_t M = in->M;
  for (uint32_t m = from; m < to; m++)
    for (uint32_t p = 0; p < P; p++) u[(size_t)m * P + p] = base[p] + in->t[(size_t)m * P + p];
  if (any_red)
    for (uint32_t m = from; m < to; m++) red[m] = rowred | in->red[m];
  for (uint32_t k = 0; k < n_active; k++) {
    const pl_crule *r = active[k];
    const uint32_t *at = in->mixed_at + (size_t)active_k[k] * M, n = in->mixed_n[active_k[k]];
    uint32_t j = cur[k];
    while (j < n && at[j] < from) j++;
    if (r->red_line)
      for (; j < n && at[j] < to; j++) red[at[j]] |= (uint64_t)1 << r->party;
    else
      for (; j < n && at[j] < to; j++) u[(size_t)at[j] * P + r->party] += r->bonus;
    cur[k] = j;
  }
}

static int row_linked(const pass *ps, chunk *ch, uint64_t idx0, const pl_fx *base, uint64_t rowred,
                      const row_rules *rr, const pl_crule *const *active, const uint32_t *active_k,
                      uint32_t n_active, uint32_t *cur, pl_fx *u, uint64_t *red) {
  const pl_compiled *c = ps->c;
  const inner_block *in = &ps->in;
  const uint32_t P = c->n_parties, M = in->M;
  const uint64_t all = P == 64 ? ~(uint64_t)0 : (((uint64_t)1 << P) - 1);
  for (uint32_t p = 0; p < P; p++) ch->sum[p] += (pl_wide)base[p] * M + in->colsum[p] + rr->bonus[p];
  const int any_red = rowred || in->any_red || rr->red;
  pl_fx ub[PARLEY_MAX_PARTIES], lb[PARLEY_MAX_PARTIES];
  for (uint32_t p = 0; p < P; p++) ub[p] = base[p] + in->amax[p] + rr->up[p], lb[p] = base[p] + in->amin[p] + rr->down[p];
  row_needs nd;
  row_needs_of(ps, ch, ub, lb, any_red, &nd);
  const int count = !nd.every && !nd.none;
  if (!nd.max && !nd.min && !nd.d2 && !count && !nd.masks && !nd.offers) {
    if (nd.every) ch->n_feasible += M;
    return 0;
  }
  /* the row's utilities: all at once when a whole-row pass needs them, else (only frontier
   * offers left to make) block by block, for the blocks not skipped */
  const int by_block = !(nd.max | nd.min) && !nd.d2 && !count && !nd.masks;
  memset(cur, 0, n_active * sizeof *cur);
  if (!by_block) row_build(in, P, base, rowred, any_red, active, active_k, n_active, cur, 0, M, u, red);
  /* extremes, over the outcomes not red for the party, for the parties that need them */
  if (nd.max | nd.min) {
    pl_fx hi[PARLEY_MAX_PARTIES], lo[PARLEY_MAX_PARTIES];
    uint32_t arg[PARLEY_MAX_PARTIES];
    int seen[PARLEY_MAX_PARTIES] = {0};
    if (!any_red) {
      for (uint32_t p = 0; p < P; p++) {
        if (!((nd.max | nd.min) >> p & 1)) continue;
        pl_fx h = u[p], l = u[p];
        for (uint32_t m = 1; m < M; m++) {
          const pl_fx v = u[(size_t)m * P + p];
          h = v > h ? v : h;
          l = v < l ? v : l;
        }
        uint32_t a = 0; /* the first entry at the largest: looked for only when it counts */
        if (nd.max >> p & 1 && (!ch->range[p].any || h > ch->range[p].max))
          while (u[(size_t)a * P + p] != h) a++;
        seen[p] = 1, hi[p] = h, lo[p] = l, arg[p] = a;
      }
    } else {
      for (uint32_t m = 0; m < M; m++)
        for (uint32_t p = 0; p < P; p++) {
          if (red[m] >> p & 1) continue;
          const pl_fx v = u[(size_t)m * P + p];
          if (!seen[p]) seen[p] = 1, hi[p] = lo[p] = v, arg[p] = m;
          else if (v > hi[p]) hi[p] = v, arg[p] = m;
          else if (v < lo[p]) lo[p] = v;
        }
    }
    for (uint32_t p = 0; p < P; p++)
      if (seen[p]) range_update(&ch->range[p], hi[p], lo[p], idx0 + arg[p]);
  }
  if (nd.d2) {
    double best = ch->best_d2;
    for (uint32_t m = 0; m < M; m++) {
      double d2 = dist2(ps->c, u + (size_t)m * P, no_offset, P);
      if (d2 < best) best = d2;
    }
    ch->best_d2 = best;
  }
  /* acceptance, block by block: the feasible ones are counted and go to the frontier, unless
   * the block's upper corner is dominated */
  uint64_t feasible = 0;
  int rc = 0;
  for (uint32_t b = 0; b < in->n_blk && rc == 0 && (count || nd.masks || nd.offers); b++) {
    int offers = nd.offers;
    if (offers) {
      pl_fx bub[PARLEY_MAX_PARTIES];
      for (uint32_t p = 0; p < P; p++) bub[p] = base[p] + in->blk_max[(size_t)b * P + p] + rr->up[p];
      offers = !dominated_bound(ch, bub, P);
    }
    if (!count && !nd.masks && !offers) continue;
    const uint32_t end = (b + 1) * PL_BLOCK < M ? (b + 1) * PL_BLOCK : M;
    if (by_block) row_build(in, P, base, rowred, any_red, active, active_k, n_active, cur, b * PL_BLOCK, end, u, red);
    for (uint32_t m = b * PL_BLOCK; m < end && rc == 0; m++) {
      const pl_fx *um = u + (size_t)m * P;
      uint64_t acc = 0;
      for (uint32_t p = 0; p < P; p++) acc |= (uint64_t)(um[p] >= c->reservation[p]) << p;
      if (any_red) acc &= ~red[m];
      if (acc == all) {
        feasible++;
        if (offers) rc = offer(ch, idx0 + m, um, P);
      } else if (nd.masks) {
        ch->masks[acc] = 1;
      }
    }
  }
  ch->n_feasible += nd.every ? M : feasible; /* none: feasible stays 0 */
  return rc;
}

/* A row without per-outcome rule work: outcome idx0 + m is base + t[m]. */
static int row_fast(const pass *ps, chunk *ch, uint64_t idx0, const pl_fx *base, uint64_t rowred) {
  const pl_compiled *c = ps->c;
  const inner_block *in = &ps->in;
  const uint32_t P = c->n_parties, M = in->M;
  const uint64_t all = P == 64 ? ~(uint64_t)0 : (((uint64_t)1 << P) - 1);
  for (uint32_t p = 0; p < P; p++) ch->sum[p] += (pl_wide)base[p] * M + in->colsum[p];
  /* the distance to the ideal point, when the row's upper corner could beat the best so far;
   * when no utility of the row exceeds 1 it falls along domination, so the table's
   * non-dominated entries are enough */
  pl_fx ub[PARLEY_MAX_PARTIES];
  int le_one = 1;
  for (uint32_t p = 0; p < P; p++) ub[p] = base[p] + in->amax[p], le_one &= ub[p] <= c->scale;
  if (d2_bound(c, ub, P) < ch->best_d2) {
    double best = ch->best_d2;
    const uint32_t n = le_one ? in->n_nd_all : M;
    for (uint32_t k = 0; k < n; k++) {
      double d2 = dist2(c, base, in->t + (size_t)(le_one ? in->nd_all[k] : k) * P, P);
      if (d2 < best) best = d2;
    }
    ch->best_d2 = best;
  }
  for (uint32_t p = 0; p < P; p++)
    if (!(rowred >> p & 1) && in->iany[p])
      range_update(&ch->range[p], base[p] + in->imax[p], base[p] + in->imin[p], idx0 + in->iarg[p]);
  pl_fx thr[PARLEY_MAX_PARTIES];
  for (uint32_t p = 0; p < P; p++) thr[p] = c->reservation[p] - base[p];
  uint64_t count = 0;
  const pl_fx *t = in->t;
  int every = !in->any_red && !rowred, none = 0;
  for (uint32_t p = 0; p < P; p++) every &= in->amin[p] >= thr[p], none |= in->amax[p] < thr[p];
  const int masks = ch->masks && ch->n_feasible == 0; /* they matter only when nothing is feasible */
  if ((every || none) && !masks) {
    count = every ? M : 0;
  } else if (P == 2 && !in->any_red && !rowred) {
    const pl_fx a = thr[0], b = thr[1];
    if (masks) {
      uint8_t *mk = ch->masks;
      for (uint32_t m = 0; m < M; m++) {
        const unsigned acc = (unsigned)(t[2 * m] >= a) | (unsigned)(t[2 * m + 1] >= b) << 1;
        count += acc == 3;
        mk[acc] = 1; /* masks only matter when nothing is feasible; marking 3 is harmless */
      }
    } else {
      for (uint32_t m = 0; m < M; m++) count += (t[2 * m] >= a) & (t[2 * m + 1] >= b);
    }
  } else {
    for (uint32_t m = 0; m < M; m++) {
      const uint64_t red = rowred | in->red[m];
      uint64_t acc = 0;
      for (uint32_t p = 0; p < P; p++)
        if (!(red >> p & 1) && t[(size_t)m * P + p] >= thr[p]) acc |= (uint64_t)1 << p;
      count += acc == all;
      if (masks && acc != all) ch->masks[acc] = 1;
    }
  }
  ch->n_feasible += count;
  if (rowred || count == 0) return 0;
  pl_fx u[PARLEY_MAX_PARTIES];
  for (uint32_t k = 0; k < in->n_nd; k++) {
    const uint32_t m = in->nd[k];
    const pl_fx *tm = t + (size_t)m * P;
    int ok = 1;
    for (uint32_t p = 0; p < P && ok; p++) ok = tm[p] >= thr[p];
    if (!ok) continue;
    for (uint32_t p = 0; p < P; p++) u[p] = base[p] + tm[p];
    int rc = offer(ch, idx0 + m, u, P);
    if (rc) return rc;
  }
  return 0;
}

/* Enumerates the chunk's rows (outer issues by an odometer with per-issue prefix sums). */
static int enumerate_chunk(pass *ps, chunk *ch, pl_parallel *par) {
  const pl_compiled *c = ps->c;
  const inner_block *in = &ps->in;
  const uint32_t N = c->n_issues, P = c->n_parties, K = in->K, M = in->M;
  pl_frontier_init(&ch->frontier, P);
  ch->best_d2 = INFINITY;
  ch->range = calloc(P, sizeof *ch->range);
  ch->sum = calloc(P, sizeof *ch->sum);
  if (P <= PARLEY_BLOCKING_MAX_PARTIES) ch->masks = calloc((size_t)1 << P, 1);
  if (P >= 3) {
    ch->batch_cap = ps->batch;
    ch->batch_idx = malloc(ch->batch_cap * sizeof *ch->batch_idx);
    ch->batch_u = malloc(ch->batch_cap * P * sizeof *ch->batch_u);
  }
  uint32_t *pkg = calloc(N, sizeof *pkg);
  pl_fx *pre = calloc((size_t)(K + 1) * P, sizeof *pre); /* pre[k]: sum over issues < k */
  const pl_crule **active = malloc((in->n_mixed ? in->n_mixed : 1) * sizeof *active);
  pl_fx *row_u = malloc((size_t)M * P * sizeof *row_u);   /* a row's utilities, when rules link it */
  uint64_t *row_red = malloc((size_t)M * sizeof *row_red); /* and its red-line masks */
  uint32_t *active_k = malloc((in->n_mixed ? in->n_mixed : 1) * sizeof *active_k);
  uint32_t *cursor = malloc((in->n_mixed ? in->n_mixed : 1) * sizeof *cursor);
  int rc = 0;
  if (!pkg || !pre || !active || !active_k || !cursor || !row_u || !row_red || !ch->range || !ch->sum || (P <= PARLEY_BLOCKING_MAX_PARTIES && !ch->masks) ||
      (P >= 3 && (!ch->batch_idx || !ch->batch_u))) {
    rc = PARLEY_ERR_NOMEM;
    goto out;
  }
  uint64_t idx = ch->start, unpublished = 0;
  pl_decode(c, idx, pkg);
  for (uint32_t k = 0; k < K; k++) {
    const pl_fx *t = c->contrib + c->offset[k] + (size_t)pkg[k] * P;
    for (uint32_t p = 0; p < P; p++) pre[(size_t)(k + 1) * P + p] = pre[(size_t)k * P + p] + t[p];
  }
  pl_fx base[PARLEY_MAX_PARTIES];
  row_rules rr;
  while (idx < ch->end) {
    memcpy(base, pre + (size_t)K * P, P * sizeof *base);
    uint64_t rowred = 0;
    for (uint32_t k = 0; k < in->n_outer; k++) {
      const pl_crule *r = in->outer[k];
      if (!part_holds(r->rule, pkg, K, 0)) continue;
      if (r->red_line) rowred |= (uint64_t)1 << r->party;
      else base[r->party] += r->bonus;
    }
    uint32_t n_active = 0;
    for (uint32_t k = 0; k < in->n_mixed; k++)
      if (part_holds(in->mixed[k]->rule, pkg, K, 0)) active[n_active] = in->mixed[k], active_k[n_active++] = k;
    if (n_active == 0) {
      rc = row_fast(ps, ch, idx, base, rowred);
    } else {
      row_rules_sum(in, active, active_k, n_active, &rr);
      rc = row_linked(ps, ch, idx, base, rowred, &rr, active, active_k, n_active, cursor, row_u, row_red);
    }
    if (rc) goto out;
    idx += M;
    /* publish progress and look for a cancel now and then, not on every row: the counter is
     * shared between threads */
    if ((unpublished += M) >= ((uint64_t)1 << 16)) {
      pl_parallel_advance(par, unpublished);
      unpublished = 0;
      if (ch->frontier.n > ps->max_frontier) {
        rc = PARLEY_ERR_LIMIT;
        goto out;
      }
      if (pl_parallel_poll(par)) {
        rc = PARLEY_ERR_CANCELLED;
        goto out;
      }
    }
    if (idx >= ch->end || K == 0) break;
    /* advance the odometer over the outer issues, then the prefix sums from the digit that moved */
    uint32_t i = K;
    while (i > 0) {
      i--;
      if (++pkg[i] < c->radix[i]) break;
      pkg[i] = 0;
    }
    for (uint32_t k = i; k < K; k++) {
      const pl_fx *t = c->contrib + c->offset[k] + (size_t)pkg[k] * P;
      for (uint32_t p = 0; p < P; p++) pre[(size_t)(k + 1) * P + p] = pre[(size_t)k * P + p] + t[p];
    }
  }
  pl_parallel_advance(par, unpublished);
  if (ch->batch_n) rc = pl_frontier_merge(&ch->frontier, ch->batch_idx, ch->batch_u, NULL, ch->batch_n);
out:
  free(pkg);
  free(pre);
  free(active);
  free(active_k);
  free(cursor);
  free(row_u);
  free(row_red);
  free(ch->batch_idx);
  free(ch->batch_u);
  ch->batch_idx = NULL;
  ch->batch_u = NULL;
  return rc;
}

static int run_chunk(void *ctx, size_t k, pl_parallel *par) {
  pass *ps = ctx;
  return enumerate_chunk(ps, &ps->chunks[k], par);
}

/* Runs the pass on `threads` threads (the caller's included) and merges the chunks, in order,
 * into the analysis. masks_out receives the acceptance masks seen (or NULL when P > 20). */
static int enumerate(pass *ps, parley_analysis *an, const parley_analysis_options *opt, size_t threads,
                     uint8_t **masks_out) {
  const pl_compiled *c = ps->c;
  const uint32_t P = c->n_parties;
  if (inner_build(ps)) {
    inner_free(&ps->in);
    return PARLEY_ERR_NOMEM;
  }
  const uint64_t R = ps->in.M, rows = ps->n_outcomes / R;
  /* chunks: a few per thread for balance, never smaller than one innermost run */
  size_t n = threads > 1 ? threads * 4 : 1;
  if (n < 16 && ps->n_outcomes >= ((uint64_t)1 << 22)) n = 16; /* progress reports, even on one thread */
  if (n > rows) n = (size_t)rows;
  if (n == 0) n = 1;
  ps->chunks = calloc(n, sizeof *ps->chunks);
  if (!ps->chunks) {
    inner_free(&ps->in);
    return PARLEY_ERR_NOMEM;
  }
  for (size_t k = 0; k < n; k++) {
    ps->chunks[k].start = rows * k / n * R;
    ps->chunks[k].end = rows * (k + 1) / n * R;
  }
  pl_parallel par = {.n_chunks = n, .threads = threads, .run = run_chunk, .ctx = ps, .total = ps->n_outcomes,
                     .progress = opt->progress, .progress_user = opt->progress_user};
  int rc = pl_parallel_run(&par);
  pl_wide *sum = calloc(P, sizeof *sum);
  uint8_t *masks = P <= PARLEY_BLOCKING_MAX_PARTIES ? calloc((size_t)1 << P, 1) : NULL;
  if (rc == 0 && (!sum || (P <= PARLEY_BLOCKING_MAX_PARTIES && !masks))) rc = PARLEY_ERR_NOMEM;
  double best_d2 = INFINITY;
  for (size_t k = 0; k < n && rc == 0; k++) {
    chunk *ch = &ps->chunks[k];
    an->n_feasible += ch->n_feasible;
    if (ch->best_d2 < best_d2) best_d2 = ch->best_d2;
    for (uint32_t p = 0; p < P; p++) {
      sum[p] += ch->sum[p];
      pl_party_range *a = &an->range[p];
      const pl_party_range *b = &ch->range[p];
      if (!b->any) continue;
      if (!a->any) {
        *a = *b;
        continue;
      }
      if (b->max > a->max) a->max = b->max, a->ideal = b->ideal; /* equal: keep the earlier index */
      if (b->min < a->min) a->min = b->min;
    }
    if (masks)
      for (size_t m = 0; m < ((size_t)1 << P); m++) masks[m] |= ch->masks[m];
    if (k == 0) {
      an->frontier = ch->frontier; /* take it whole */
      memset(&ch->frontier, 0, sizeof ch->frontier);
    } else if (P <= 2) {
      for (size_t i = 0; i < ch->frontier.n && rc == 0; i++)
        rc = pl_frontier_offer_search(&an->frontier, ch->frontier.idx[i], ch->frontier.u + i * P, ch->frontier.count[i]);
    }
  }
  /* three or more parties: the other chunks' frontiers join the first's in one merge (each is
   * already in the merge's order, so the sort only merges runs) */
  if (rc == 0 && P >= 3 && n > 1) {
    size_t total = 0;
    for (size_t k = 1; k < n; k++) total += ps->chunks[k].frontier.n;
    uint64_t *ids = malloc((total ? total : 1) * sizeof *ids), *counts = malloc((total ? total : 1) * sizeof *counts);
    pl_fx *us = malloc((total ? total : 1) * P * sizeof *us);
    if (!ids || !us || !counts) rc = PARLEY_ERR_NOMEM;
    for (size_t k = 1, at = 0; rc == 0 && k < n; k++) {
      const pl_frontier *cf = &ps->chunks[k].frontier;
      if (!cf->n) continue;
      memcpy(ids + at, cf->idx, cf->n * sizeof *ids);
      memcpy(counts + at, cf->count, cf->n * sizeof *counts);
      memcpy(us + at * P, cf->u, cf->n * P * sizeof *us);
      at += cf->n;
    }
    if (rc == 0) rc = pl_frontier_merge(&an->frontier, ids, us, counts, total);
    free(ids), free(us), free(counts);
  }
  if (rc == 0) {
    double total = 0;
    for (uint32_t p = 0; p < P; p++) {
      an->mean[p] = (double)sum[p] / (double)ps->c->scale / (double)ps->n_outcomes;
      total += an->mean[p];
    }
    an->mean_all = total / P;
    an->opposition = sqrt(best_d2);
  }
  for (size_t k = 0; k < n; k++) chunk_free(&ps->chunks[k]);
  free(ps->chunks);
  inner_free(&ps->in);
  free(sum);
  if (rc == 0) *masks_out = masks;
  else free(masks);
  return rc;
}


int pl_enumerate(parley_analysis *an, const parley_analysis_options *opt, const pl_enum_tuning *tune) {
  const parley_scenario *sc = an->sc;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  pass ps;
  memset(&ps, 0, sizeof ps);
  ps.c = &sc->compiled;
  ps.n_outcomes = an->n_outcomes;
  ps.batch = tune && tune->batch ? tune->batch : PL_DEFAULT_BATCH;
  ps.inner_max = tune ? tune->inner_max : 0;
  ps.max_frontier = opt->max_frontier ? opt->max_frontier : PARLEY_DEFAULT_MAX_FRONTIER;
  uint8_t *masks = NULL;
  int rc = enumerate(&ps, an, opt, tune && tune->threads ? tune->threads : 1, &masks);
  if (rc == 0 && an->frontier.n > ps.max_frontier) rc = PARLEY_ERR_LIMIT;
  if (rc == PARLEY_ERR_LIMIT) an->limit_hit = PL_LIMIT_FRONTIER;
  an->feasible_known = 1;
  if (rc == 0 && an->n_feasible == 0 && masks) {
    an->blocking_known = 1;
    an->blocking_mask = pl_blocking_group(masks, P);
  }
  free(masks);
  if (rc == 0) pl_frontier_check(&an->frontier, P == 2 ? PL_ORDER_GROWING : PL_ORDER_MERGED);
  if (rc == 0) rc = pl_frontier_sort_by_index(&an->frontier);
  /* the packages, decoded once for every later use */
  if (rc == 0) {
    an->fpkg = malloc((an->frontier.n ? an->frontier.n : 1) * (N ? N : 1) * sizeof *an->fpkg);
    if (!an->fpkg) rc = PARLEY_ERR_NOMEM;
  }
  for (size_t i = 0; rc == 0 && i < an->frontier.n; i++) pl_decode(&sc->compiled, an->frontier.idx[i], an->fpkg + i * N);
  for (uint32_t p = 0; rc == 0 && p < P; p++) {
    an->range[p].min_known = 1;
    if (an->range[p].any) pl_decode(&sc->compiled, an->range[p].ideal, an->ideal_pkg + (size_t)p * N);
  }
  return rc;
}
