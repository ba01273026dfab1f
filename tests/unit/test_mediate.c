/* test_mediate.c — mediation procedures. Adjusted Winner: Brams and Taylor's two published
 * examples exactly (as fractions), then on random point tables, checked against brute force:
 * envy-free, equitable, efficient (no division of whole items is better for one side and no
 * worse for the other, and the division has the ratio threshold), at most one item split. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parley.h"
#include "support.h"

static void is_frac(int64_t num, int64_t den, int64_t want_num, int64_t want_den, const char *what) {
  if (num != want_num || den != want_den)
    fail_msg("%s: got %lld/%lld, expected %lld/%lld", what, (long long)num, (long long)den, (long long)want_num,
             (long long)want_den);
}

static parley_adjusted_winner *run(const double *a, const double *b, size_t n) {
  parley_adjusted_winner *aw = NULL;
  parley_error err = {0};
  if (parley_adjusted_winner_run(a, b, n, &aw, &err)) fail_msg("%s", err.message);
  return aw;
}

/* Brams & Taylor's divorce settlement: Carol and Bob over the retirement account, the home, the
 * summer cottage, the investments and everything else. Carol keeps 5/6 of the retirement
 * account; each gets 170/3 points. */
static void test_carol_and_bob(void **state) {
  (void)state;
  const double carol[] = {50, 20, 15, 10, 5}, bob[] = {40, 30, 10, 10, 10};
  parley_adjusted_winner *aw = run(carol, bob, 5);
  int64_t num, den;
  assert_int_equal(parley_adjusted_winner_split(aw), 0);
  parley_adjusted_winner_share(aw, 0, &num, &den);
  is_frac(num, den, 5, 6, "Carol's share of the retirement account");
  const int64_t want[5][2] = {{5, 6}, {0, 1}, {1, 1}, {0, 1}, {0, 1}};
  for (size_t i = 0; i < 5; i++) {
    parley_adjusted_winner_share(aw, i, &num, &den);
    is_frac(num, den, want[i][0], want[i][1], "Carol's share");
  }
  for (int p = 0; p < 2; p++) {
    parley_adjusted_winner_points(aw, p, &num, &den);
    is_frac(num, den, 170, 3, "points");
  }
  assert_true(fabs(parley_adjusted_winner_points_value(aw, 0) - 56.666666666666667) < 1e-12);
  parley_adjusted_winner_free(aw);
}

/* Ralph and Susan (9/14/22/22/33 against 12/15/25/32/16): Ralph gets 22/47 of the third item and
 * each side 2693/47 points. */
static void test_ralph_and_susan(void **state) {
  (void)state;
  const double ralph[] = {9, 14, 22, 22, 33}, susan[] = {12, 15, 25, 32, 16};
  parley_adjusted_winner *aw = run(ralph, susan, 5);
  int64_t num, den;
  assert_int_equal(parley_adjusted_winner_split(aw), 2);
  parley_adjusted_winner_share(aw, 2, &num, &den);
  is_frac(num, den, 22, 47, "Ralph's share of the third item");
  const int64_t want[5][2] = {{0, 1}, {1, 1}, {22, 47}, {0, 1}, {1, 1}};
  for (size_t i = 0; i < 5; i++) {
    parley_adjusted_winner_share(aw, i, &num, &den);
    is_frac(num, den, want[i][0], want[i][1], "Ralph's share");
  }
  for (int p = 0; p < 2; p++) {
    parley_adjusted_winner_points(aw, p, &num, &den);
    is_frac(num, den, 2693, 47, "points");
  }
  parley_adjusted_winner_free(aw);
}

/* Points that do not add up to 100 are scaled; equal points split nothing or split evenly. */
static void test_scaling_and_ties(void **state) {
  (void)state;
  const double a[] = {1, 1}, b[] = {2, 2}; /* the same preferences, on another scale */
  parley_adjusted_winner *aw = run(a, b, 2);
  int64_t num, den;
  parley_adjusted_winner_item_points(aw, 0, 1, &num, &den);
  is_frac(num, den, 50, 1, "B's points for item 1 scaled");
  /* both tied items go to A first (100 to 0), then A hands item 1 over whole: 50 each */
  assert_int_equal(parley_adjusted_winner_split(aw), PARLEY_NONE);
  parley_adjusted_winner_share(aw, 0, &num, &den);
  is_frac(num, den, 0, 1, "item 1");
  parley_adjusted_winner_points(aw, 0, &num, &den);
  is_frac(num, den, 50, 1, "A's points");
  parley_adjusted_winner_free(aw);
  /* one item: split in half */
  const double one[] = {7};
  aw = run(one, one, 1);
  parley_adjusted_winner_share(aw, 0, &num, &den);
  is_frac(num, den, 1, 2, "the one item");
  parley_adjusted_winner_free(aw);
}

static void test_bad_points(void **state) {
  (void)state;
  parley_adjusted_winner *aw = NULL;
  parley_error err = {0};
  const double ok[] = {1, 2}, neg[] = {1, -2}, zero[] = {0, 0}, nan_[] = {NAN, 1};
  assert_int_equal(parley_adjusted_winner_run(ok, neg, 2, &aw, &err), PARLEY_ERR_INVALID);
  assert_string_equal(err.message, "party B's points for item 2 must be a number >= 0, not -2");
  assert_int_equal(parley_adjusted_winner_run(zero, ok, 2, &aw, &err), PARLEY_ERR_INVALID);
  assert_string_equal(err.message, "party A gives no item any points");
  assert_int_equal(parley_adjusted_winner_run(nan_, ok, 2, &aw, &err), PARLEY_ERR_INVALID);
  assert_int_equal(parley_adjusted_winner_run(ok, ok, 0, &aw, &err), PARLEY_ERR_ARG);
  assert_null(aw);
  parley_adjusted_winner_free(NULL);
}

/* Exact arithmetic of the test's own: fractions of 64-bit integers over small denominators. */
typedef struct {
  __int128 n, d;
} frac;
static frac fr(__int128 n, __int128 d) {
  if (d < 0) n = -n, d = -d;
  __int128 a = n < 0 ? -n : n, b = d;
  while (b) {
    __int128 t = a % b;
    a = b, b = t;
  }
  if (a > 1) n /= a, d /= a;
  return (frac){n, d};
}
static frac add(frac x, frac y) { return fr(x.n * y.d + y.n * x.d, x.d * y.d); }
static frac mul(frac x, frac y) { return fr(x.n * y.n, x.d * y.d); }
static int cmp(frac x, frac y) {
  __int128 l = x.n * y.d, r = y.n * x.d;
  return l < r ? -1 : l > r;
}

static void test_random_tables(void **state) {
  (void)state;
  uint64_t s = 12345;
  for (int trial = 0; trial < 2000; trial++) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    const size_t n = 1 + (size_t)((s >> 33) % 8);
    double a[8], b[8];
    int64_t ia[8], ib[8], ta = 0, tb = 0;
    for (size_t i = 0; i < n; i++) {
      s = s * 6364136223846793005ull + 1442695040888963407ull;
      ia[i] = (int64_t)((s >> 33) % 30), ib[i] = (int64_t)((s >> 45) % 30);
      if (trial % 5 == 0) ib[i] = ia[i] + (int64_t)(i % 2); /* near-ties */
      ta += ia[i], tb += ib[i];
    }
    if (ta == 0) ia[0] = 1, ta = 1;
    if (tb == 0) ib[n - 1] = 1, tb = 1;
    for (size_t i = 0; i < n; i++) a[i] = (double)ia[i], b[i] = (double)ib[i];
    parley_adjusted_winner *aw = run(a, b, n);
    /* the shares, and each side's points by the test's own arithmetic (scaled to 100) */
    frac share[8], pa = fr(0, 1), pb = fr(0, 1);
    size_t between = 0;
    for (size_t i = 0; i < n; i++) {
      int64_t num, den;
      parley_adjusted_winner_share(aw, i, &num, &den);
      assert_true(den > 0 && num >= 0 && num <= den);
      share[i] = fr(num, den);
      between += num > 0 && num < den;
      pa = add(pa, mul(share[i], fr(100 * ia[i], ta)));
      pb = add(pb, mul(fr(den - num, den), fr(100 * ib[i], tb)));
    }
    assert_true(between <= 1);
    if (cmp(pa, pb) != 0) fail_msg("trial %d: not equitable", trial);           /* equitable */
    if (cmp(pa, fr(50, 1)) < 0) fail_msg("trial %d: A envies B", trial);        /* envy-free */
    int64_t num, den;
    parley_adjusted_winner_points(aw, 0, &num, &den);
    if (cmp(fr(num, den), pa) != 0) fail_msg("trial %d: reported points differ", trial);
    /* efficient: no division of whole items gives one side more and the other no less */
    for (uint32_t mask = 0; mask < (1u << n); mask++) {
      frac qa = fr(0, 1), qb = fr(0, 1);
      for (size_t i = 0; i < n; i++) {
        if (mask >> i & 1) qa = add(qa, fr(100 * ia[i], ta));
        else qb = add(qb, fr(100 * ib[i], tb));
      }
      const int ca = cmp(qa, pa), cb = cmp(qb, pb);
      if (ca >= 0 && cb >= 0 && (ca > 0 || cb > 0)) fail_msg("trial %d: division %u dominates", trial, mask);
    }
    /* and has the threshold: everything A holds has a ratio a/b at least that of what B holds */
    for (size_t i = 0; i < n; i++)
      for (size_t j = 0; j < n; j++)
        if (share[i].n > 0 && cmp(share[j], fr(1, 1)) < 0 && (ia[i] || ib[i]) && (ia[j] || ib[j]))
          if (ia[i] * ib[j] * tb < ia[j] * ib[i] * tb) fail_msg("trial %d: A holds %zu but B holds %zu", trial, i, j);
    parley_adjusted_winner_free(aw);
  }
}

static parley_scenario *bundled(const char *extra) {
  FILE *f = fopen(PARLEY_EXAMPLES "/ukraine-framework.yaml", "rb");
  assert_non_null(f);
  static char text[1 << 16];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  if (extra) { /* in place of the example's own mediation section */
    char *m = strstr(text, "\nmediation:");
    if (m) m[1] = '\0';
    assert_true(strlen(text) + strlen(extra) < sizeof text);
    strcat(text, extra);
  }
  return test_load(text);
}

static parley_mediation_result *mediate(const parley_scenario *sc, const parley_mediate_options *o);

/* A random scenario with an outside mediator m drafting with p0 alone and a belief about p1
 * (a reservation and weights of its own); into *plain the same scenario with p1's profile set
 * to that belief by hand and no mediation section. */
static parley_scenario *with_belief(test_rng *rng, const test_gen_options *go, parley_scenario **plain) {
  char *yaml = test_random_scenario(rng, go);
  parley_scenario *base = test_load(yaml);
  const size_t N = parley_issue_count(base);
  double w[16];
  const double res = test_rng_below(rng, 7) / 10.0;
  char extra[2048];
  int k = snprintf(extra, sizeof extra,
                   "mediation:\n  mediators: [{id: m, name: M}]\n  drafts_with: [p0]\n  beliefs:\n    m:\n      p1:\n"
                   "        reservation: %g\n        weights: {",
                   res);
  /* other weights on the issues p1 weighs (it has values for no others) */
  for (size_t i = 0, first = 1; i < N; i++) {
    w[i] = parley_party_weight(base, 1, i) > 0 ? (double)(1 + test_rng_below(rng, 9)) : 0;
    if (w[i] == 0) continue;
    k += snprintf(extra + k, sizeof extra - (size_t)k, "%s%s: %g", first ? "" : ", ", parley_issue_id(base, i), w[i]);
    first = 0;
  }
  snprintf(extra + k, sizeof extra - (size_t)k, "}\n");
  char *full = malloc(strlen(yaml) + strlen(extra) + 1);
  strcpy(full, yaml), strcat(full, extra);
  parley_scenario *sc = test_load(full);
  /* by hand: p1 as m believes it */
  parley_builder *b = NULL;
  parley_error e = {0};
  if (parley_builder_from_scenario(base, &b, &e)) fail_msg("%s", e.message);
  for (size_t i = 0; i < N; i++) parley_builder_set_weight(b, 1, i, w[i], &e);
  parley_builder_set_normalise(b, 1, 1, &e);
  parley_builder_set_reservation(b, 1, res, &e);
  if (parley_builder_build(b, plain, &e)) fail_msg("%s", e.message);
  free(yaml), free(full);
  parley_builder_free(b);
  parley_scenario_free(base);
  return sc;
}

/* Beliefs, on random scenarios: the Nash text of a view holding a belief is the Nash text of
 * the scenario with the believed profile put in by hand; the believed party's true profile
 * changes only its verdict; the expected verdict is the one by the belief; a belief survives
 * the YAML writer and reader. */
static void test_beliefs(void **state) {
  (void)state;
  test_rng rng = {424242};
  test_gen_options go = {2, 4, 1, 4, 4, 0};
  int texts = 0;
  for (int trial = 0; trial < 300; trial++) {
    parley_scenario *plain = NULL, *sc = with_belief(&rng, &go, &plain);
    const size_t N = parley_issue_count(sc), P = parley_party_count(sc);
    parley_mediate_options o;
    parley_mediate_defaults(&o);
    o.procedure = PARLEY_PROCEDURE_NASH;
    parley_mediation_result *r = mediate(sc, &o);
    assert_int_equal(parley_mediation_result_view_count(r), 2);
    assert_true(parley_mediation_result_believed(r, 1));
    size_t group[2] = {0, 1};
    parley_mediate_options oh = o;
    oh.drafts_with = group, oh.n_drafts_with = 2;
    parley_mediation_result *h = mediate(plain, &oh);
    const uint32_t *a = parley_mediation_result_package(r), *c = parley_mediation_result_package(h);
    assert_true((a == NULL) == (c == NULL));
    for (size_t i = 0; a && i < N; i++)
      if (a[i] != c[i]) fail_msg("trial %d: issue %zu: %u, by hand %u", trial, i, a[i], c[i]);
    if (a) {
      texts++;
      parley_acceptance want, got;
      parley_package_acceptance(plain, 1, a, &want);
      assert_int_equal(parley_mediation_result_expected(r, 1, &got), 0);
      if (!(got.accepts == want.accepts && got.utility == want.utility && got.reservation == want.reservation))
        fail_msg("trial %d: expected %d %.17g %.17g, by hand %d %.17g %.17g", trial, got.accepts, got.utility, got.reservation, want.accepts, want.utility, want.reservation);
      assert_int_equal(parley_mediation_result_expected(r, P > 2 ? 2 : 1, &got), P > 2 ? PARLEY_ERR_ARG : 0);
    }
    /* the truth about p1 does not move the text */
    parley_builder *b = NULL;
    parley_error e = {0};
    if (parley_builder_from_scenario(sc, &b, &e)) fail_msg("%s", e.message);
    parley_builder_set_reservation(b, 1, 0.95, &e);
    for (size_t i = 0; i < N; i++)
      if (parley_party_weight(sc, 1, i) > 0) parley_builder_set_weight(b, 1, i, 0.5 / (double)(i + 1), &e);
    parley_scenario *moved = NULL;
    if (parley_builder_build(b, &moved, &e)) fail_msg("%s", e.message);
    for (int proc = 0; proc < 2; proc++) {
      parley_mediate_options op = o;
      op.procedure = proc ? PARLEY_PROCEDURE_SINGLE_TEXT : PARLEY_PROCEDURE_NASH;
      parley_mediation_result *x = mediate(sc, &op), *y = mediate(moved, &op);
      const uint32_t *tx = parley_mediation_result_package(x), *ty = parley_mediation_result_package(y);
      assert_true((tx == NULL) == (ty == NULL));
      for (size_t i = 0; tx && i < N; i++) assert_int_equal(tx[i], ty[i]);
      parley_mediation_result_free(x), parley_mediation_result_free(y);
    }
    /* written and read back, the same belief */
    char *text = NULL;
    if (parley_scenario_write_yaml(moved, &text, NULL, &e)) fail_msg("%s", e.message);
    parley_scenario *back = test_load(text);
    assert_int_equal(parley_belief_count(back), 1);
    parley_mediation_result *x = mediate(moved, &o), *y = mediate(back, &o);
    const uint32_t *tx = parley_mediation_result_package(x), *ty = parley_mediation_result_package(y);
    assert_true((tx == NULL) == (ty == NULL));
    for (size_t i = 0; tx && i < N; i++) assert_int_equal(tx[i], ty[i]);
    assert_close(parley_belief_reservation(back, 0), parley_belief_reservation(sc, 0), 0);
    parley_mediation_result_free(x), parley_mediation_result_free(y);
    free(text);
    parley_scenario_free(back), parley_scenario_free(moved);
    parley_builder_free(b);
    parley_mediation_result_free(r), parley_mediation_result_free(h);
    parley_scenario_free(sc), parley_scenario_free(plain);
  }
  assert_true(texts > 50);
}

/* Channels: a party d links away is asked every d steps and answers d - 1 steps later; every
 * adopted step is weakly better for the parties whose answers arrived and strictly for its
 * proposer. With --shuttle, one party a step, the nearest first, each heard at once. */
static void test_channels(void **state) {
  (void)state;
  test_rng rng = {99};
  test_gen_options go = {3, 4, 1, 4, 4, 0};
  int adopted = 0;
  for (int trial = 0; trial < 300; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *base = test_load(yaml);
    const size_t P = parley_party_count(base), N = parley_issue_count(base);
    /* a chain: m - p0 - p1 - p2 (- p3) */
    char extra[512];
    int k = snprintf(extra, sizeof extra, "mediation:\n  mediators: [{id: m, name: M}]\n  channels:\n    - [m, p0]\n");
    for (size_t p = 1; p < P; p++) k += snprintf(extra + k, sizeof extra - (size_t)k, "    - [p%zu, p%zu]\n", p - 1, p);
    char *full = malloc(strlen(yaml) + strlen(extra) + 1);
    strcpy(full, yaml), strcat(full, extra);
    parley_scenario *sc = test_load(full);
    free(yaml), free(full), parley_scenario_free(base);
    for (int shuttle = 0; shuttle < 2; shuttle++) {
      parley_mediate_options o;
      parley_mediate_defaults(&o);
      o.shuttle = shuttle;
      o.max_steps = 40;
      parley_mediation_result *r = mediate(sc, &o);
      const uint32_t *before = parley_mediation_result_start(r);
      for (size_t s = 0; before && s < parley_mediation_result_step_count(r); s++) {
        parley_mediation_step st;
        parley_mediation_result_step(r, s, &st);
        uint64_t want = 0;
        for (size_t p = 0; p < P; p++) {
          const size_t d = p + 1; /* p's distance from m */
          if (shuttle ? s % P == p : s >= d - 1 && (s - (d - 1)) % d == 0) want |= (uint64_t)1 << p;
        }
        if (st.consulted != want) fail_msg("trial %d shuttle %d step %zu: consulted %llx, expected %llx", trial, shuttle, s,
                                           (unsigned long long)st.consulted, (unsigned long long)want);
        if (st.n_changed) {
          for (size_t p = 0; p < P; p++)
            if (st.consulted >> p & 1) assert_true(parley_utility(sc, p, st.text) >= parley_utility(sc, p, before));
          assert_true(parley_utility(sc, st.proposer, st.text) > parley_utility(sc, st.proposer, before));
          adopted++;
        }
        before = st.text;
      }
      (void)N;
      parley_mediation_result_free(r);
    }
    parley_scenario_free(sc);
  }
  assert_true(adopted > 100);
}

static parley_mediation_result *mediate(const parley_scenario *sc, const parley_mediate_options *o) {
  parley_mediation_result *r = NULL;
  parley_error err = {0};
  if (parley_mediate(sc, o, &r, &err)) fail_msg("%s", err.message);
  return r;
}

/* The view: the parties the mediator drafts with and itself, with their true profiles, and the
 * parties it holds a belief about, as it believes them. */
static void test_view(void **state) {
  (void)state;
  parley_scenario *sc = bundled(NULL); /* the reported process: the U.S. drafting with Russia */
  const size_t us = parley_party_find(sc, "us"), russia = parley_party_find(sc, "russia");
  const size_t ukraine = parley_party_find(sc, "ukraine");
  parley_mediation_result *r = mediate(sc, NULL);
  assert_int_equal(parley_mediation_result_view_count(r), 3); /* and Ukraine, as the U.S. sees it */
  assert_int_equal(parley_mediation_result_view_party(r, 0), ukraine);
  assert_int_equal(parley_mediation_result_view_party(r, 1), russia < us ? russia : us);
  assert_int_equal(parley_mediation_result_view_party(r, 2), russia < us ? us : russia);
  assert_true(parley_mediation_result_believed(r, ukraine) && !parley_mediation_result_believed(r, russia));
  assert_int_equal(parley_mediation_result_mediator(r), 0);
  parley_mediation_result_free(r);
  /* the view itself: the belief's reservation and weights, the truth's values and red line */
  parley_scenario *view = NULL;
  size_t parties[8], n = 0;
  unsigned char believed[8];
  parley_error e = {0};
  if (parley_mediation_view(sc, 0, NULL, 0, &view, parties, believed, &n, &e)) fail_msg("%s", e.message);
  assert_int_equal(n, 3);
  assert_true(believed[0] && !believed[1] && !believed[2]);
  assert_close(parley_party_reservation(view, 0), 0.35, 0);
  const size_t guarantee = parley_issue_find(sc, "guarantee"), territory = parley_issue_find(sc, "territory");
  assert_close(parley_party_weight(view, 0, guarantee), 0.4, 1e-15);
  assert_close(parley_party_weight(view, 0, territory), 0.2, 1e-15);
  for (size_t o = 0; o < parley_issue_option_count(sc, territory); o++)
    assert_close(parley_party_value(view, 0, territory, o), parley_party_value(sc, ukraine, territory, o), 0);
  assert_int_equal(parley_red_line_count(view, 0), parley_red_line_count(sc, ukraine));
  assert_int_equal(parley_belief_count(sc), 1);
  assert_int_equal(parley_belief_find(sc, 0, ukraine), 0);
  assert_close(parley_belief_reservation(sc, 0), 0.35, 0);
  parley_scenario_free(view);
  /* Turkey drafting with Ukraine and Europe: Europe is two links away, through Ukraine */
  parley_mediate_options o;
  parley_mediate_defaults(&o);
  o.mediator = parley_mediator_find(sc, "turkey");
  const size_t group[] = {parley_party_find(sc, "ukraine"), parley_party_find(sc, "europe")};
  o.drafts_with = group, o.n_drafts_with = 2;
  r = mediate(sc, &o);
  assert_int_equal(parley_mediation_result_view_count(r), 2);
  parley_mediation_result_free(r);
  /* with the channel to Ukraine gone, Turkey cannot hear Europe */
  parley_scenario_free(sc);
  sc = bundled("mediation:\n  mediators: [us, {id: turkey, name: Turkey}]\n  drafts_with: [ukraine, europe]\n"
               "  channels:\n    - [us, ukraine]\n    - [us, europe]\n    - [turkey, russia]\n");
  o.mediator = parley_mediator_find(sc, "turkey");
  parley_mediation_result *none = NULL;
  parley_error err = {0};
  assert_int_equal(parley_mediate(sc, &o, &none, &err), PARLEY_ERR_INVALID);
  assert_non_null(strstr(err.message, "mediator 'turkey' cannot draft with 'ukraine': no channel path joins them"));
  parley_scenario_free(sc);
}

/* nash with every party and no beliefs is the analysis's Nash package; a party out of the view
 * never changes the text, only its own verdict. On random small scenarios. */
static void test_nash_against_analysis(void **state) {
  (void)state;
  test_rng rng = {20261130};
  test_gen_options go = {2, 4, 1, 4, 4, 0};
  int checked = 0, with_text = 0;
  for (int trial = 0; trial < 1000; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc = test_load(yaml);
    free(yaml);
    const size_t P = parley_party_count(sc), N = parley_issue_count(sc);
    parley_analysis *an = NULL;
    parley_error err = {0};
    if (parley_analyze(sc, NULL, &an, &err)) fail_msg("%s", err.message);
    parley_mediate_options nash;
    parley_mediate_defaults(&nash);
    nash.procedure = PARLEY_PROCEDURE_NASH;
    parley_mediation_result *r = mediate(sc, &nash);
    assert_int_equal(parley_mediation_result_view_count(r), P);
    const size_t i = parley_analysis_solution(an, PARLEY_NASH);
    const uint32_t *text = parley_mediation_result_package(r);
    if (i == PARLEY_NONE) {
      assert_null(text);
    } else {
      uint32_t want[16];
      assert_int_equal(parley_analysis_frontier_get(an, i, want, NULL), 0);
      assert_non_null(text);
      for (size_t k = 0; k < N; k++)
        if (text[k] != want[k]) fail_msg("trial %d: issue %zu: %u, analysis %u", trial, k, text[k], want[k]);
      for (size_t p = 0; p < P; p++) {
        parley_acceptance v;
        assert_int_equal(parley_mediation_result_verdict(r, p, &v), 0);
        assert_true(v.accepts); /* the Nash package is feasible */
      }
      with_text++;
    }
    parley_mediation_result_free(r);
    parley_analysis_free(an);
    /* drafting without the last party: its profile does not matter */
    if (P >= 3) {
      size_t group[8];
      for (size_t p = 0; p + 1 < P; p++) group[p] = p;
      parley_mediate_options o = nash;
      o.procedure = trial % 2 ? PARLEY_PROCEDURE_NASH : PARLEY_PROCEDURE_SINGLE_TEXT;
      o.drafts_with = group, o.n_drafts_with = P - 1;
      parley_mediation_result *a = mediate(sc, &o);
      parley_builder *b = NULL;
      if (parley_builder_from_scenario(sc, &b, &err)) fail_msg("%s", err.message);
      for (size_t k = 0; k < N; k++)
        if (parley_party_weight(sc, P - 1, k) > 0) parley_builder_set_weight(b, P - 1, k, (double)(k + 1), &err);
      parley_builder_set_reservation(b, P - 1, 0.9, &err);
      parley_scenario *changed = NULL;
      if (parley_builder_build(b, &changed, &err)) fail_msg("%s", err.message);
      parley_mediation_result *c = mediate(changed, &o);
      const uint32_t *ta = parley_mediation_result_package(a), *tc = parley_mediation_result_package(c);
      assert_true((ta == NULL) == (tc == NULL));
      for (size_t k = 0; ta && k < N; k++) assert_int_equal(ta[k], tc[k]);
      parley_mediation_result_free(a), parley_mediation_result_free(c);
      parley_scenario_free(changed);
      parley_builder_free(b);
      checked++;
    }
    parley_scenario_free(sc);
  }
  assert_true(checked > 100 && with_text > 100);
}

/* 1 when the party accepts pkg by its profile in sc. */
static int accepts(const parley_scenario *sc, size_t p, const uint32_t *pkg) {
  return parley_red_line_crossed_count(sc, p, pkg) == 0 && parley_utility(sc, p, pkg) >= parley_party_reservation(sc, p);
}

/* single-text on random scenarios, every party heard directly: each adopted step is weakly better
 * for every party and strictly for its proposer, keeps every party that accepted, and the final
 * text admits no one- or two-issue change that is weakly better for all, strictly for one, and
 * keeps every party that accepts; checked by brute force over those changes. */
static void test_single_text(void **state) {
  (void)state;
  test_rng rng = {7};
  test_gen_options go = {2, 4, 1, 4, 4, 0};
  int steps_seen = 0, texts = 0;
  for (int trial = 0; trial < 1000; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc0 = test_load(yaml);
    free(yaml);
    const size_t P = parley_party_count(sc0), N = parley_issue_count(sc0);
    /* start from a random package, as a framework (three trials in four) */
    parley_scenario *sc = sc0;
    if (trial % 4) {
      parley_builder *b = NULL;
      parley_error err = {0};
      uint32_t draft[16];
      for (size_t i = 0; i < N; i++) draft[i] = test_rng_below(&rng, (uint32_t)parley_issue_option_count(sc0, i));
      if (parley_builder_from_scenario(sc0, &b, &err) || parley_builder_add_framework(b, "draft", "draft", draft, &err) ||
          parley_builder_build(b, &sc, &err))
        fail_msg("%s", err.message);
      parley_builder_free(b);
      parley_scenario_free(sc0);
    }
    parley_mediate_options o;
    parley_mediate_defaults(&o);
    o.from = parley_framework_count(sc) ? parley_framework_count(sc) - 1 : PARLEY_NONE;
    parley_mediation_result *r = mediate(sc, &o);
    const uint32_t *start = parley_mediation_result_start(r), *text = parley_mediation_result_package(r);
    if (!start) {
      assert_null(text);
      parley_mediation_result_free(r);
      parley_scenario_free(sc);
      continue;
    }
    texts++;
    uint32_t cur[16], pkg[16];
    memcpy(cur, start, N * sizeof *cur);
    for (size_t k = 0; k < parley_mediation_result_step_count(r); k++) {
      parley_mediation_step st;
      assert_int_equal(parley_mediation_result_step(r, k, &st), 0);
      if (P < 64) assert_true(st.consulted == (((uint64_t)1 << P) - 1));
      if (!st.n_changed) continue;
      memcpy(pkg, cur, N * sizeof *pkg);
      for (int c = 0; c < st.n_changed; c++) pkg[st.issue[c]] = st.option[c];
      for (size_t p = 0; p < P; p++) {
        if (parley_utility(sc, p, pkg) < parley_utility(sc, p, cur)) fail_msg("trial %d step %zu: party %zu loses", trial, k, p);
        if (accepts(sc, p, cur) && !accepts(sc, p, pkg)) fail_msg("trial %d step %zu: party %zu stops accepting", trial, k, p);
      }
      assert_true(parley_utility(sc, st.proposer, pkg) > parley_utility(sc, st.proposer, cur));
      memcpy(cur, pkg, N * sizeof *cur);
      steps_seen++;
    }
    for (size_t i = 0; i < N; i++) assert_int_equal(cur[i], text[i]);
    /* no admissible improvement is left */
    for (size_t i = 0; i < N; i++)
      for (size_t j = i; j <= N; j++) {
        if (j == i) continue;
        for (uint32_t oi = 0; oi < parley_issue_option_count(sc, i); oi++)
          for (uint32_t oj = 0; oj < (j < N ? parley_issue_option_count(sc, j) : 1); oj++) {
            memcpy(pkg, text, N * sizeof *pkg);
            pkg[i] = oi;
            if (j < N) pkg[j] = oj;
            int weakly = 1, strictly = 0, keeps = 1;
            for (size_t p = 0; p < P; p++) {
              const double a = parley_utility(sc, p, text), b = parley_utility(sc, p, pkg);
              weakly &= b >= a;
              strictly |= b > a;
              keeps &= !accepts(sc, p, text) || accepts(sc, p, pkg);
            }
            if (weakly && strictly && keeps) fail_msg("trial %d: the final text can still improve (issues %zu, %zu)", trial, i, j);
          }
      }
    parley_mediation_result_free(r);
    parley_scenario_free(sc);
  }
  assert_true(texts > 300 && steps_seen > 300);
}

/* least-satisfied on random scenarios: each step consults one party, the one with the lowest
 * normalised gain, and an adopted change raises it and never leaves it below its reservation. */
static void test_least_satisfied(void **state) {
  (void)state;
  test_rng rng = {99};
  test_gen_options go = {2, 4, 1, 4, 4, 0};
  int adopted = 0;
  for (int trial = 0; trial < 500; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc0 = test_load(yaml), *sc = NULL;
    free(yaml);
    const size_t P = parley_party_count(sc0), N = parley_issue_count(sc0);
    parley_builder *b = NULL;
    parley_error err = {0};
    uint32_t pkg[16], cur[16];
    for (size_t i = 0; i < N; i++) pkg[i] = test_rng_below(&rng, (uint32_t)parley_issue_option_count(sc0, i));
    if (parley_builder_from_scenario(sc0, &b, &err) || parley_builder_add_framework(b, "draft", "draft", pkg, &err) ||
        parley_builder_build(b, &sc, &err))
      fail_msg("%s", err.message);
    parley_builder_free(b);
    parley_scenario_free(sc0);
    parley_analysis *an = NULL;
    if (parley_analyze(sc, NULL, &an, &err)) fail_msg("%s", err.message);
    double ideal[8];
    for (size_t p = 0; p < P; p++) {
      ideal[p] = NAN;
      parley_analysis_party_range(an, p, NULL, &ideal[p], NULL);
      if (isnan(ideal[p])) ideal[p] = parley_party_reservation(sc, p) + 1;
    }
    parley_analysis_free(an);
    parley_mediate_options o;
    parley_mediate_defaults(&o);
    o.procedure = PARLEY_PROCEDURE_LEAST_SATISFIED;
    parley_mediation_result *r = mediate(sc, &o);
    memcpy(cur, parley_mediation_result_start(r), N * sizeof *cur);
    for (size_t k = 0; k < parley_mediation_result_step_count(r); k++) {
      parley_mediation_step st;
      parley_mediation_result_step(r, k, &st);
      size_t low = 0;
      for (size_t p = 0; p < P; p++) {
        const double span = ideal[p] - parley_party_reservation(sc, p), spl = ideal[low] - parley_party_reservation(sc, low);
        const double gp = (parley_utility(sc, p, cur) - parley_party_reservation(sc, p)) / (span > 0 ? span : 1);
        const double gl = (parley_utility(sc, low, cur) - parley_party_reservation(sc, low)) / (spl > 0 ? spl : 1);
        if (gp < gl) low = p;
      }
      assert_true(st.consulted == (uint64_t)1 << low);
      if (!st.n_changed) continue;
      memcpy(pkg, cur, N * sizeof *pkg);
      for (int c = 0; c < st.n_changed; c++) pkg[st.issue[c]] = st.option[c];
      assert_int_equal(st.proposer, low);
      assert_true(parley_utility(sc, low, pkg) > parley_utility(sc, low, cur));
      assert_true(parley_utility(sc, low, pkg) >= parley_party_reservation(sc, low));
      memcpy(cur, pkg, N * sizeof *cur);
      adopted++;
    }
    parley_mediation_result_free(r);
    parley_scenario_free(sc);
  }
  assert_true(adopted > 100);
}

/* The report of a run as JSON (the caller frees). */
static char *report_json(const parley_mediation_result *r) {
  char *text = NULL;
  parley_error err = {0};
  if (parley_report_mediation(r, PARLEY_FORMAT_JSON, &text, NULL, &err)) fail_msg("%s", err.message);
  return text;
}

/* The baselines: the same seed gives the same bytes, whatever the threads; every adopted veto
 * draw is strictly better for every party consulted, every hill-climb move raises the least
 * normalised gain; each step's text is the one before with the recorded change. */
static void test_baselines(void **state) {
  (void)state;
  parley_scenario *sc = bundled(NULL);
  const size_t N = parley_issue_count(sc);
  for (int proc = PARLEY_PROCEDURE_VETO; proc <= PARLEY_PROCEDURE_HILL_CLIMB; proc++) {
    parley_mediate_options o;
    parley_mediate_defaults(&o);
    o.procedure = (parley_procedure)proc;
    o.max_steps = 400;
    o.seed = 42;
    o.analysis.threads = 1;
    parley_mediation_result *a = mediate(sc, &o);
    o.analysis.threads = 2;
    parley_mediation_result *b = mediate(sc, &o);
    char *ja = report_json(a), *jb = report_json(b);
    assert_string_equal(ja, jb);
    parley_string_free(ja), parley_string_free(jb);
    size_t adopted = 0;
    const uint32_t *before = parley_mediation_result_start(a);
    for (size_t k = 0; k < parley_mediation_result_step_count(a); k++) {
      parley_mediation_step st;
      parley_mediation_result_step(a, k, &st);
      if (!st.n_changed) {
        for (size_t i = 0; i < N; i++) assert_int_equal(st.text[i], before[i]);
        continue;
      }
      int changed = 0;
      for (size_t i = 0; i < N; i++) changed += st.text[i] != before[i];
      assert_int_equal(changed, st.n_changed);
      for (size_t p = 0; p < parley_party_count(sc); p++)
        if (st.consulted >> p & 1 && proc == PARLEY_PROCEDURE_VETO)
          assert_true(parley_utility(sc, p, st.text) > parley_utility(sc, p, before));
      if (proc == PARLEY_PROCEDURE_HILL_CLIMB) assert_int_equal(st.n_changed, 1);
      before = st.text;
      adopted++;
    }
    assert_true(adopted > 0);
    assert_int_equal(parley_mediation_result_stop(a), PARLEY_STOP_LIMIT);
    /* another seed, other draws */
    o.seed = 43;
    parley_mediation_result *c = mediate(sc, &o);
    char *j1 = report_json(a), *j2 = report_json(c);
    assert_true(strcmp(j1, j2) != 0);
    parley_string_free(j1), parley_string_free(j2);
    parley_mediation_result_free(a), parley_mediation_result_free(b), parley_mediation_result_free(c);
  }
  parley_scenario_free(sc);
}

/* --compare: the variants, each the same as a run of its own, and the exclusion costs from them. */
static void test_compare(void **state) {
  (void)state;
  parley_scenario *sc = bundled(NULL);
  parley_mediation_comparison *c = NULL;
  parley_error err = {0};
  if (parley_mediate_compare(sc, NULL, &c, &err)) fail_msg("%s", err.message);
  /* declared, everyone, + ukraine, + europe, all but ukraine / russia / europe (not us, the
   * mediator), mediator turkey */
  assert_int_equal(parley_comparison_count(c), 8);
  const parley_variant_kind kinds[] = {PARLEY_VARIANT_DECLARED, PARLEY_VARIANT_EVERYONE, PARLEY_VARIANT_PLUS, PARLEY_VARIANT_PLUS,
                                       PARLEY_VARIANT_ALL_BUT,  PARLEY_VARIANT_ALL_BUT,  PARLEY_VARIANT_ALL_BUT, PARLEY_VARIANT_MEDIATOR};
  for (size_t k = 0; k < 8; k++) assert_int_equal(parley_comparison_kind(c, k), kinds[k]);
  /* the declared variant is the plain run */
  parley_mediation_result *plain = mediate(sc, NULL);
  const uint32_t *a = parley_mediation_result_package(plain), *b = parley_mediation_result_package(parley_comparison_result(c, 0));
  for (size_t i = 0; i < parley_issue_count(sc); i++) assert_int_equal(a[i], b[i]);
  parley_mediation_result_free(plain);
  /* an exclusion cost is the difference of two variants' utilities */
  const size_t ukraine = parley_party_find(sc, "ukraine");
  const uint32_t *all = parley_mediation_result_package(parley_comparison_result(c, 1));
  const uint32_t *without = parley_mediation_result_package(parley_comparison_result(c, 4));
  assert_int_equal(parley_comparison_subject(c, 4), ukraine);
  assert_close(parley_comparison_exclusion_cost(c, ukraine), parley_utility(sc, ukraine, all) - parley_utility(sc, ukraine, without), 1e-12);
  assert_true(isnan(parley_comparison_exclusion_cost(c, parley_party_find(sc, "us")))); /* the mediator's own */
  for (size_t k = 0; k < 8; k++) assert_true(parley_comparison_nash_distance(c, k) >= 0);
  /* every variant is the run of its own group and mediator, made here from the definitions */
  const size_t P = parley_party_count(sc), N = parley_issue_count(sc), russia = parley_party_find(sc, "russia");
  for (size_t k = 0; k < 8; k++) {
    size_t group[8], n = 0;
    const size_t s = parley_comparison_subject(c, k);
    parley_mediate_options o;
    parley_mediate_defaults(&o);
    for (size_t p = 0; p < P; p++) {
      const parley_variant_kind kind = parley_comparison_kind(c, k);
      const int declared = p == russia; /* the example drafts with Russia */
      if ((kind == PARLEY_VARIANT_DECLARED && declared) || kind == PARLEY_VARIANT_EVERYONE ||
          (kind == PARLEY_VARIANT_PLUS && (declared || p == s)) || (kind == PARLEY_VARIANT_ALL_BUT && p != s) ||
          (kind == PARLEY_VARIANT_MEDIATOR && declared))
        group[n++] = p;
    }
    if (parley_comparison_kind(c, k) == PARLEY_VARIANT_MEDIATOR) o.mediator = s;
    o.drafts_with = group, o.n_drafts_with = n;
    parley_mediation_result *own = mediate(sc, &o);
    const uint32_t *x = parley_mediation_result_package(own), *y = parley_mediation_result_package(parley_comparison_result(c, k));
    assert_true((x == NULL) == (y == NULL));
    for (size_t i = 0; x && i < N; i++) assert_int_equal(x[i], y[i]);
    parley_mediation_result_free(own);
  }
  parley_mediation_comparison_free(c);
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_carol_and_bob),  cmocka_unit_test(test_ralph_and_susan),
      cmocka_unit_test(test_scaling_and_ties), cmocka_unit_test(test_bad_points),
      cmocka_unit_test(test_random_tables),    cmocka_unit_test(test_view),
      cmocka_unit_test(test_nash_against_analysis), cmocka_unit_test(test_single_text),
      cmocka_unit_test(test_compare),           cmocka_unit_test(test_least_satisfied),
      cmocka_unit_test(test_baselines),        cmocka_unit_test(test_beliefs),
      cmocka_unit_test(test_channels),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
