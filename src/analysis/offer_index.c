/* offer_index.c — every outcome sorted by one party's utility, for the queries a negotiating
 * agent makes each round: which outcomes give me between lo and hi (binary search), and which
 * of those an opponent likes best (a scan of that window only).
 *
 * An outcome's index is split in two at an issue boundary: the high part numbers the
 * combinations of the first issues, the low part those of the rest, and each entry stores
 * both. Anything additive over the issues, such as an opponent model, is then two tables (one
 * per part, about the square root of the space each) and scoring an entry is two lookups and
 * an add, with no decoding. Rules that lie within one part fold into its table; only rules
 * linking both parts are checked per entry. Sums are in units of 2^-40, so they are exact and
 * ties are ties whatever the order.
 *
 * Invariants of a built index (pl_offer_index_check asserts them in debug builds):
 *   I1. split <= N; n_hi and n_lo are the combination counts of issues [0, split) and
 *       [split, N), and n_hi * n_lo is the outcome count; n <= n_hi * n_lo.
 *   I2. Every entry has hi < n_hi and lo < n_lo.
 *   I3. Entries run by increasing utility, and within one utility by increasing outcome index
 *       hi * n_lo + lo.
 *   I4. An entry's utility is its package's utility for the party, exactly (pl_eval's sum), and
 *       the package crosses none of the party's red lines (checked on the first and last 256
 *       entries).
 *   I5. Every outcome that crosses none of the party's red lines has an entry (checked by
 *       counting them when the space has at most 2^16 outcomes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "parley/offers.h"
#include "util/check.h"
#include "util/error.h"
#include "util/vec.h"

#define PL_WINDOW_SLACK 1e-9

typedef struct entry {
  pl_fx u;
  uint32_t hi, lo; /* outcome index = hi * n_lo + lo */
} entry;
_Static_assert(sizeof(entry) == 16, "an index entry is 16 bytes: the memory limit and the docs say so");

struct parley_offer_index {
  const parley_scenario *sc;
  size_t party, n;
  uint32_t split;       /* issues [0, split) make the high part, [split, N) the low */
  uint64_t n_hi, n_lo;  /* combinations of each part */
  entry *e;             /* by utility, then by outcome index */
};

/* A scorer: anything additive over the issues, as two tables, plus the rules that link the two
 * parts (checked per entry). A table entry of PL_REJECT marks a combination that crosses a red
 * line lying within its part. */
#define PL_REJECT INT64_MIN

typedef struct scorer {
  int64_t scale; /* its scores are in units of 1/scale */
  pl_fx *th, *tl;
  const pl_rule **span; /* rules linking the parts: interaction terms, then red lines */
  pl_fx *span_bonus;
  size_t n_span, n_span_red;
} scorer;

static void scorer_free(scorer *s) {
  free(s->th);
  free(s->tl);
  free(s->span);
  free(s->span_bonus);
}

/* Decodes the part [from, to) of the issues from its combination number v. */
static void decode_part(const uint32_t *radix, uint32_t from, uint32_t to, uint64_t v, uint32_t *pkg) {
  for (uint32_t i = to; i-- > from;) {
    pkg[i] = (uint32_t)(v % radix[i]);
    v /= radix[i];
  }
}

/* Which parts the rule's conditions touch: bit 0 the high part, bit 1 the low part. */
static unsigned rule_parts(const pl_rule *r, uint32_t split) {
  unsigned m = 0;
  for (uint32_t k = 0; k < r->n_conds; k++) m |= r->conds[k].issue < split ? 1u : 2u;
  return m ? m : 1u; /* a rule without conditions always holds: the high table takes it */
}

/* Fills one part's table: per combination the sum of the per-option contributions, plus the
 * rules lying within the part. contrib(i, o) gives issue i's option o; stride and base select
 * the party in the compiled table, or model holds the values. */
typedef struct source {
  const pl_compiled *c; /* a scenario party: c, party (in the scenario's units) */
  uint32_t party;
  const pl_party *pa;
  const pl_fx *model; /* or an opponent model: model[moff[i] + o], in units of 2^-40 */
  const size_t *moff;
} source;

static pl_fx contrib(const source *s, uint32_t i, uint32_t o) {
  if (s->model) return s->model[s->moff[i] + o];
  return s->c->contrib[s->c->offset[i] + (size_t)o * s->c->n_parties + s->party];
}

static void fill_part(const source *s, const uint32_t *radix, uint32_t from, uint32_t to, uint32_t split,
                      unsigned part, pl_fx *t, uint64_t n, uint32_t *pkg) {
  for (uint64_t v = 0; v < n; v++) {
    decode_part(radix, from, to, v, pkg);
    pl_fx sum = 0;
    for (uint32_t i = from; i < to; i++) sum += contrib(s, i, pkg[i]);
    if (s->pa) {
      for (uint32_t k = 0; k < s->pa->n_interactions; k++) {
        const pl_rule *r = &s->pa->interactions[k];
        if (rule_parts(r, split) == part && pl_rule_holds(r, pkg)) sum += pl_fx_of(s->c, r->bonus_q, r->bonus);
      }
      for (uint32_t k = 0; k < s->pa->n_red_lines && sum != PL_REJECT; k++) {
        const pl_rule *r = &s->pa->red_lines[k];
        if (rule_parts(r, split) == part && pl_rule_holds(r, pkg)) sum = PL_REJECT;
      }
    }
    t[v] = sum;
  }
}

static int scorer_make(scorer *s, const source *src, const parley_offer_index *ix) {
  memset(s, 0, sizeof *s);
  const pl_compiled *c = &ix->sc->compiled;
  s->scale = src->model ? PL_FX_ROUNDED : c->scale;
  const uint32_t N = c->n_issues;
  uint32_t *pkg = calloc(N ? N : 1, sizeof *pkg);
  s->th = malloc(ix->n_hi * sizeof *s->th);
  s->tl = malloc(ix->n_lo * sizeof *s->tl);
  size_t n_rules = src->pa ? (size_t)src->pa->n_interactions + src->pa->n_red_lines : 0;
  s->span = malloc((n_rules ? n_rules : 1) * sizeof *s->span);
  s->span_bonus = malloc((n_rules ? n_rules : 1) * sizeof *s->span_bonus);
  if (!pkg || !s->th || !s->tl || !s->span || !s->span_bonus) {
    free(pkg);
    scorer_free(s);
    return PARLEY_ERR_NOMEM;
  }
  fill_part(src, c->radix, 0, ix->split, ix->split, 1, s->th, ix->n_hi, pkg);
  fill_part(src, c->radix, ix->split, N, ix->split, 2, s->tl, ix->n_lo, pkg);
  free(pkg);
  if (src->pa) {
    for (uint32_t k = 0; k < src->pa->n_interactions; k++)
      if (rule_parts(&src->pa->interactions[k], ix->split) == 3) {
        s->span_bonus[s->n_span] = pl_fx_of(c, src->pa->interactions[k].bonus_q, src->pa->interactions[k].bonus);
        s->span[s->n_span++] = &src->pa->interactions[k];
      }
    for (uint32_t k = 0; k < src->pa->n_red_lines; k++)
      if (rule_parts(&src->pa->red_lines[k], ix->split) == 3) {
        s->span[s->n_span++] = &src->pa->red_lines[k];
        s->n_span_red++;
      }
  }
  return 0;
}

/* The score of combination (h, l), or PL_REJECT; pkg must hold the decoded package when the
 * scorer has rules linking the parts. */
static inline pl_fx score(const scorer *s, uint64_t h, uint64_t l, const uint32_t *pkg) {
  const pl_fx a = s->th[h], b = s->tl[l];
  if (a == PL_REJECT || b == PL_REJECT) return PL_REJECT;
  pl_fx v = a + b;
  const size_t n_bonus = s->n_span - s->n_span_red;
  for (size_t k = 0; k < s->n_span; k++) {
    if (!pl_rule_holds(s->span[k], pkg)) continue;
    if (k >= n_bonus) return PL_REJECT;
    v += s->span_bonus[k];
  }
  return v;
}

/* Sorts by utility, stably (entries arrive in outcome-index order, so ties stay in it): an LSD
 * radix sort on the utility's offset from the smallest, 11 bits a pass, the counts of every
 * pass taken in one read (cnt: SORT_PASSES tables) and the passes alternating between the
 * two arrays. Returns the array that holds the result (e or tmp). */
#define SORT_BITS 11
#define SORT_PASSES 6 /* 66 bits: any offset */
static entry *sort_entries(entry *e, entry *tmp, size_t (*cnt)[1u << SORT_BITS], size_t m) {
  if (m < 2) return e;
  pl_fx mn = e[0].u, mx = e[0].u;
  for (size_t i = 1; i < m; i++) {
    if (e[i].u < mn) mn = e[i].u;
    if (e[i].u > mx) mx = e[i].u;
  }
  const uint64_t range = (uint64_t)mx - (uint64_t)mn, mask = ((uint64_t)1 << SORT_BITS) - 1;
  unsigned passes = 0;
  while (passes < SORT_PASSES && range >> (passes * SORT_BITS)) passes++;
  memset(cnt, 0, passes * sizeof *cnt);
  for (size_t i = 0; i < m; i++) {
    const uint64_t k = (uint64_t)e[i].u - (uint64_t)mn;
    for (unsigned p = 0; p < passes; p++) cnt[p][k >> (p * SORT_BITS) & mask]++;
  }
  for (unsigned p = 0; p < passes; p++) {
    const unsigned sh = p * SORT_BITS;
    size_t *c = cnt[p];
    for (size_t b = 0, pos = 0; b <= mask; b++) {
      const size_t v = c[b];
      c[b] = pos, pos += v;
    }
    for (size_t i = 0; i < m; i++) tmp[c[((uint64_t)e[i].u - (uint64_t)mn) >> sh & mask]++] = e[i];
    entry *t = e;
    e = tmp, tmp = t;
  }
  return e;
}

/* Asserts the invariants I1-I5 in debug builds. */
static void pl_offer_index_check(const parley_offer_index *ix) {
  if (!PL_DEBUG) return;
  const parley_scenario *sc = ix->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t N = c->n_issues;
  uint64_t hi = 1, lo = 1;
  for (uint32_t i = 0; i < N; i++) *(i < ix->split ? &hi : &lo) *= c->radix[i];
  pl_assert(ix->split <= N && hi == ix->n_hi && lo == ix->n_lo && ix->n <= hi * lo); /* I1 */
  uint32_t pkg[PARLEY_MAX_ISSUES];
  pl_fx u[PARLEY_MAX_PARTIES];
  for (size_t k = 0; k < ix->n; k++) {
    const entry *e = &ix->e[k];
    pl_assert(e->hi < ix->n_hi && e->lo < ix->n_lo); /* I2 */
    if (k > 0) {
      const entry *d = &ix->e[k - 1];
      pl_assert(d->u < e->u || (d->u == e->u && (d->hi < e->hi || (d->hi == e->hi && d->lo < e->lo)))); /* I3 */
    }
    if (k >= 256 && k + 256 < ix->n) continue;
    uint64_t red;
    decode_part(c->radix, 0, ix->split, e->hi, pkg);
    decode_part(c->radix, ix->split, N, e->lo, pkg);
    pl_eval(c, pkg, u, &red);
    pl_assert(u[ix->party] == e->u && !(red >> ix->party & 1)); /* I4 */
  }
  if (hi * lo <= ((uint64_t)1 << 16)) {
    size_t free_of_red = 0;
    for (uint64_t x = 0; x < hi * lo; x++) {
      uint64_t red;
      pl_decode(c, x, pkg);
      pl_eval(c, pkg, u, &red);
      free_of_red += !(red >> ix->party & 1);
    }
    pl_assert(free_of_red == ix->n); /* I5 */
  }
}

int parley_offer_index_build(const parley_scenario *sc, size_t party, uint64_t max_outcomes,
                             parley_offer_index **out, parley_error *err) {
  if (!sc || !out || party >= sc->n_parties) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  if (!max_outcomes) max_outcomes = PARLEY_DEFAULT_MAX_INDEXED;
  const pl_compiled *c = &sc->compiled;
  const uint32_t N = c->n_issues;
  uint64_t n = parley_outcome_count(sc);
  if (n > max_outcomes)
    return pl_fail(err, PARLEY_ERR_LIMIT, sc->source, 0, 0,
                   "the outcome space has %llu packages, more than the index limit of %llu",
                   (unsigned long long)n, (unsigned long long)max_outcomes);
  /* the split that makes the two tables smallest together */
  uint32_t split = 0;
  uint64_t best = UINT64_MAX, n_hi = 1;
  for (uint32_t s = 0; s <= N; s++) {
    const uint64_t lo_part = n / n_hi; /* exact: n is the product of the radices */
    if (n_hi + lo_part < best) best = n_hi + lo_part, split = s;
    if (s < N) n_hi *= c->radix[s];
  }
  n_hi = 1;
  for (uint32_t s = 0; s < split; s++) n_hi *= c->radix[s];
  const uint64_t n_lo = n / n_hi;
  if (n_hi > UINT32_MAX || n_lo > UINT32_MAX || n > SIZE_MAX / (2 * sizeof(entry)))
    return pl_fail(err, PARLEY_ERR_LIMIT, sc->source, 0, 0, "the outcome space is too large for the index");
  parley_offer_index *ix = calloc(1, sizeof *ix);
  if (!ix) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  ix->sc = sc;
  ix->party = party;
  ix->split = split;
  ix->n_hi = n_hi;
  ix->n_lo = n_lo;
  scorer s;
  source src = {c, (uint32_t)party, &sc->parties[party], NULL, NULL};
  entry *e = malloc((size_t)(n ? n : 1) * sizeof *e);
  uint32_t *pkg = calloc(N ? N : 1, sizeof *pkg);
  if (!e || !pkg || scorer_make(&s, &src, ix)) {
    free(ix), free(e), free(pkg);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  size_t m = 0;
  for (uint64_t h = 0; h < n_hi; h++) {
    if (s.th[h] == PL_REJECT) continue;
    if (s.n_span) decode_part(c->radix, 0, split, h, pkg);
    for (uint64_t l = 0; l < n_lo; l++) {
      if (s.n_span) decode_part(c->radix, split, N, l, pkg);
      const pl_fx v = score(&s, h, l, pkg);
      if (v != PL_REJECT) e[m++] = (entry){v, (uint32_t)h, (uint32_t)l};
    }
  }
  free(pkg);
  scorer_free(&s);
  entry *tmp = malloc((m ? m : 1) * sizeof *tmp);
  size_t(*cnt)[1u << SORT_BITS] = malloc(SORT_PASSES * sizeof *cnt);
  if (!tmp || !cnt) {
    free(ix), free(e), free(tmp), free(cnt);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  entry *sorted = sort_entries(e, tmp, cnt, m);
  free(cnt);
  free(sorted == e ? tmp : e);
  if (m && m < n) pl_resize(&sorted, m); /* give back what the red lines left unused */
  ix->e = sorted;
  ix->n = m;
  pl_offer_index_check(ix);
  *out = ix;
  return 0;
}

void parley_offer_index_free(parley_offer_index *ix) {
  if (!ix) return;
  free(ix->e);
  free(ix);
}

size_t parley_offer_index_count(const parley_offer_index *ix) { return ix ? ix->n : 0; }
const parley_scenario *parley_offer_index_scenario(const parley_offer_index *ix) { return ix->sc; }
size_t parley_offer_index_party(const parley_offer_index *ix) { return ix->party; }

/* First position whose utility is >= v (strict: > v). */
static size_t lower(const parley_offer_index *ix, pl_fx v, int strict) {
  size_t lo = 0, hi = ix->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ix->e[mid].u < v || (strict && ix->e[mid].u == v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

size_t parley_offer_index_range(const parley_offer_index *ix, double lo, double hi, size_t *first) {
  if (!ix || isnan(lo) || isnan(hi) || hi < lo) {
    if (first) *first = 0;
    return 0;
  }
  /* a window's ends are doubles, and utilities not held exactly are rounded: a utility meant to
   * be 0.7 may sit a little above or below the double 0.7, so the bounds take in 10^-9 either
   * side */
  const pl_compiled *c = &ix->sc->compiled;
  size_t a = lower(ix, lo <= -1e6 ? INT64_MIN / 2 : pl_fx_ceil(c, lo - PL_WINDOW_SLACK), 0);
  size_t b = lower(ix, hi >= 1e6 ? INT64_MAX / 2 : pl_fx_floor(c, hi + PL_WINDOW_SLACK), 1);
  if (first) *first = a;
  return b > a ? b - a : 0;
}

static void entry_package(const parley_offer_index *ix, const entry *e, uint32_t *pkg) {
  const pl_compiled *c = &ix->sc->compiled;
  decode_part(c->radix, 0, ix->split, e->hi, pkg);
  decode_part(c->radix, ix->split, c->n_issues, e->lo, pkg);
}

int parley_offer_index_get(const parley_offer_index *ix, size_t k, uint32_t *pkg, double *u) {
  if (!ix || k >= ix->n) return PARLEY_ERR_ARG;
  if (pkg) entry_package(ix, &ix->e[k], pkg);
  if (u) *u = pl_fx_to(&ix->sc->compiled, ix->e[k].u);
  return 0;
}

/* The window's entry the scorer values most (ties: the higher own utility, then the lower
 * outcome index), or PARLEY_ERR_INVALID when every entry is rejected. */
static int best_in(const parley_offer_index *ix, const scorer *s, size_t first, size_t n, uint32_t *pkg_out,
                   double *own_out, double *opp_out) {
  const pl_compiled *c = &ix->sc->compiled;
  uint32_t *pkg = NULL;
  if (s->n_span && !(pkg = malloc(c->n_issues * sizeof *pkg))) return PARLEY_ERR_NOMEM;
  const entry *e = ix->e;
  size_t best = SIZE_MAX;
  pl_fx best_v = PL_REJECT;
  /* from the top of the window down: among equal scores the first met has the higher
   * utility, and within one utility the entries run by index, so a later equal entry of the
   * same utility has the lower index */
  for (size_t k = first + n; k-- > first;) {
    if (pkg) entry_package(ix, &e[k], pkg);
    const pl_fx v = score(s, e[k].hi, e[k].lo, pkg);
    if (v == PL_REJECT) continue;
    if (best == SIZE_MAX || v > best_v || (v == best_v && e[k].u == e[best].u)) {
      best_v = v;
      best = k;
    }
  }
  free(pkg);
  if (best == SIZE_MAX) return PARLEY_ERR_INVALID;
  if (pkg_out) entry_package(ix, &e[best], pkg_out);
  if (own_out) *own_out = pl_fx_to(c, e[best].u);
  if (opp_out) *opp_out = (double)best_v / (double)s->scale;
  return 0;
}

int parley_offer_index_best(const parley_offer_index *ix, double lo, double hi,
                            const parley_opponent_model *model, uint32_t *pkg_out, double *own_out,
                            double *opp_out) {
  if (!ix || !model || !model->weight || !model->value) return PARLEY_ERR_ARG;
  size_t first, n = parley_offer_index_range(ix, lo, hi, &first);
  if (n == 0) return PARLEY_ERR_INVALID;
  const pl_compiled *c = &ix->sc->compiled;
  const uint32_t N = c->n_issues;
  /* the model's per-option contributions, in the exact unit, once per query */
  size_t total = 0;
  for (uint32_t i = 0; i < N; i++) total += c->radix[i];
  pl_fx *t = malloc((total ? total : 1) * sizeof *t);
  size_t *off = malloc((N + 1) * sizeof *off);
  if (!t || !off) {
    free(t);
    free(off);
    return PARLEY_ERR_NOMEM;
  }
  size_t o = 0;
  for (uint32_t i = 0; i < N; i++) {
    off[i] = o;
    for (uint32_t k = 0; k < c->radix[i]; k++) {
      const double v = model->value[i] ? model->weight[i] * model->value[i][k] : 0;
      t[o++] = isfinite(v) && fabs(v) < 1e6 ? (pl_fx)llround(v * (double)PL_FX_ROUNDED) : 0;
    }
  }
  source src = {NULL, 0, NULL, t, off};
  scorer s;
  int rc = scorer_make(&s, &src, ix);
  free(t);
  free(off);
  if (rc) return rc;
  rc = best_in(ix, &s, first, n, pkg_out, own_out, opp_out);
  scorer_free(&s);
  return rc;
}

int parley_offer_index_best_party(const parley_offer_index *ix, double lo, double hi, size_t party,
                                  uint32_t *pkg_out, double *own_out, double *opp_out) {
  if (!ix || party >= ix->sc->n_parties) return PARLEY_ERR_ARG;
  size_t first, n = parley_offer_index_range(ix, lo, hi, &first);
  if (n == 0) return PARLEY_ERR_INVALID;
  const parley_scenario *sc = ix->sc;
  source src = {&sc->compiled, (uint32_t)party, &sc->parties[party], NULL, NULL};
  scorer s;
  int rc = scorer_make(&s, &src, ix);
  if (rc) return rc;
  rc = best_in(ix, &s, first, n, pkg_out, own_out, opp_out);
  scorer_free(&s);
  return rc;
}
