/* test_negotiate.c — negotiation: the agents' specs; on 1,000 random scenarios with random
 * strategies, every deal acceptable to every party when it is made, no offer crossing its
 * maker's red lines or below a time-dependent agent's target, the same session for the same
 * seed; hardliners agree only when their ideals coincide. */
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

static parley_session *run(const parley_scenario *sc, const parley_agent_spec *agents, size_t rounds, uint64_t seed) {
  parley_negotiate_options o;
  parley_negotiate_defaults(&o);
  o.agents = agents, o.rounds = rounds, o.seed = seed, o.trace = 1;
  parley_session *s = NULL;
  parley_error err = {0};
  if (parley_negotiate(sc, &o, &s, &err)) fail_msg("%s", err.message);
  return s;
}

static void test_specs(void **state) {
  (void)state;
  parley_agent_spec a;
  parley_error err = {0};
  char buf[128];
  assert_int_equal(parley_agent_parse("time:e=0.5,model=perfect,ac=combi:0.9", &a, &err), 0);
  assert_int_equal(a.strategy, PARLEY_STRATEGY_TIME);
  assert_close(a.e, 0.5, 0);
  assert_int_equal(a.model, PARLEY_MODEL_PERFECT);
  assert_int_equal(a.ac, PARLEY_AC_COMBI);
  assert_close(a.ac_x, 0.9, 0);
  parley_agent_format(&a, buf, sizeof buf);
  assert_string_equal(buf, "time:e=0.5,model=perfect,ac=combi:0.9");
  assert_int_equal(parley_agent_parse("boulware", &a, &err), 0);
  parley_agent_format(&a, buf, sizeof buf);
  assert_string_equal(buf, "boulware");
  assert_int_equal(parley_agent_parse("conceder:ac=const:0.7,walk=0.8", &a, &err), 0);
  assert_close(a.walk, 0.8, 0);
  parley_agent_format(&a, buf, sizeof buf);
  assert_string_equal(buf, "conceder:ac=const:0.7,walk=0.8");
  assert_int_equal(parley_agent_parse("conceder:walk=0", &a, &err), PARLEY_ERR_INVALID);
  assert_int_equal(parley_agent_parse("conceder:walk=1.5", &a, &err), PARLEY_ERR_INVALID);
  assert_int_equal(parley_agent_parse("stubborn", &a, &err), PARLEY_ERR_INVALID);
  assert_non_null(strstr(err.message, "unknown strategy 'stubborn'; the strategies are: boulware linear"));
  assert_int_equal(parley_agent_parse("linear:ac=time", &a, &err), PARLEY_ERR_INVALID);
  assert_int_equal(parley_agent_parse("linear:colour=red", &a, &err), PARLEY_ERR_INVALID);
  assert_int_equal(parley_agent_parse("time:e=-1", &a, &err), PARLEY_ERR_INVALID);
}

/* The target of GENIUS's time-dependent agents. */
static double target(double pmin, double pmax, double e, double t) { return pmin + (pmax - pmin) * (1 - pow(t, 1 / e)); }

static void test_random_sessions(void **state) {
  (void)state;
  test_rng rng = {31};
  test_gen_options go = {2, 4, 1, 4, 4, 0};
  int deals = 0, offers_checked = 0, walked = 0;
  for (int trial = 0; trial < 1000; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc = test_load(yaml);
    free(yaml);
    const size_t P = parley_party_count(sc), N = parley_issue_count(sc);
    parley_agent_spec ag[8];
    for (size_t p = 0; p < P; p++) {
      ag[p] = (parley_agent_spec){.strategy = (parley_strategy)test_rng_below(&rng, PARLEY_STRATEGY_COUNT), .e = 0.5};
      ag[p].model = (parley_model_kind)test_rng_below(&rng, 3);
      ag[p].ac = (parley_ac_kind)test_rng_below(&rng, 4);
      ag[p].ac_x = ag[p].ac == PARLEY_AC_CONST ? 0.5 : 0.8;
      ag[p].walk = test_rng_below(&rng, 6) == 0 ? 0.3 + 0.1 * test_rng_below(&rng, 7) : 0;
    }
    const size_t rounds = 5 + test_rng_below(&rng, 40);
    parley_session *s = run(sc, ag, rounds, (uint64_t)trial), *again = run(sc, ag, rounds, (uint64_t)trial);
    /* the same seed, the same session */
    assert_int_equal(parley_session_action_count(s), parley_session_action_count(again));
    for (size_t k = 0; k < parley_session_action_count(s); k++) {
      parley_action x, y;
      parley_session_action(s, k, &x), parley_session_action(again, k, &y);
      assert_true(x.party == y.party && x.kind == y.kind && !memcmp(x.package, y.package, N * sizeof *x.package));
    }
    /* the offers: none crosses its maker's red lines; a time-dependent maker's is at its target */
    double umin[8], umax[8];
    for (size_t p = 0; p < P; p++) {
      parley_offer_index *ix = NULL;
      parley_error err = {0};
      if (parley_offer_index_build(sc, p, 0, &ix, &err)) fail_msg("%s", err.message);
      const size_t n = parley_offer_index_count(ix);
      umin[p] = umax[p] = NAN;
      if (n) parley_offer_index_get(ix, 0, NULL, &umin[p]), parley_offer_index_get(ix, n - 1, NULL, &umax[p]);
      parley_offer_index_free(ix);
    }
    for (size_t k = 0; k < parley_session_action_count(s); k++) {
      parley_action a;
      parley_session_action(s, k, &a);
      if (a.kind != PARLEY_ACTION_OFFER) continue;
      assert_int_equal(parley_red_line_crossed_count(sc, a.party, a.package), 0);
      const parley_strategy st = ag[a.party].strategy;
      const double e = st == PARLEY_STRATEGY_BOULWARE ? 0.2 : st == PARLEY_STRATEGY_LINEAR ? 1 : st == PARLEY_STRATEGY_CONCEDER ? 2 : 0.5;
      const double pmin = fmax(parley_party_reservation(sc, a.party), umin[a.party]);
      if (st == PARLEY_STRATEGY_HARDLINER) assert_close(parley_utility(sc, a.party, a.package), umax[a.party], 1e-9);
      else if (st <= PARLEY_STRATEGY_TIME && pmin <= umax[a.party])
        assert_true(parley_utility(sc, a.party, a.package) >= target(pmin, umax[a.party], e, a.time) - 1e-9);
      assert_true(parley_utility(sc, a.party, a.package) >= pmin - 1e-9 || pmin > umax[a.party]);
      offers_checked++;
    }
    /* a walk-away: by a party told to, at or after its time, as the last action */
    if (parley_session_end_reason(s) == PARLEY_END_WALKED_AWAY) {
      const size_t w = parley_session_blocker(s);
      assert_true(w < P && ag[w].walk > 0 && parley_session_time(s) >= ag[w].walk);
      parley_action last;
      parley_session_action(s, parley_session_action_count(s) - 1, &last);
      assert_true(last.kind == PARLEY_ACTION_WALK_AWAY && last.party == w);
      assert_null(parley_session_agreement(s));
      walked++;
    }
    /* a deal is acceptable to every party when it is made */
    const uint32_t *deal = parley_session_agreement(s);
    if (deal) {
      for (size_t p = 0; p < P; p++) {
        assert_int_equal(parley_red_line_crossed_count(sc, p, deal), 0);
        assert_true(parley_utility(sc, p, deal) >= parley_party_reservation(sc, p));
      }
      deals++;
    }
    parley_session_free(s), parley_session_free(again);
    parley_scenario_free(sc);
  }
  assert_true(deals > 300 && offers_checked > 10000 && walked > 10);
}

/* The chosen package: with a perfect model, the best for the other party among the packages
 * within 0.02 above the target (none better in that window, by brute force over every package);
 * without a model, the package nearest the target from above. On 200 random bilateral scenarios. */
static void test_chosen_package(void **state) {
  (void)state;
  test_rng rng = {77};
  test_gen_options go = {2, 2, 1, 4, 4, 0};
  int checked = 0;
  for (int trial = 0; trial < 200; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc = test_load(yaml);
    free(yaml);
    const size_t N = parley_issue_count(sc);
    const uint64_t T = parley_outcome_count(sc);
    if (T > 100) { /* the window then holds every candidate: the scan's cap of 100 never binds */
      parley_scenario_free(sc);
      continue;
    }
    for (int model = 0; model < 2; model++) {
      parley_agent_spec ag[2] = {{.strategy = PARLEY_STRATEGY_LINEAR, .e = 1, .model = model ? PARLEY_MODEL_NONE : PARLEY_MODEL_PERFECT},
                                 {.strategy = PARLEY_STRATEGY_HARDLINER, .e = 1}};
      parley_session *s = run(sc, ag, 10, 1);
      parley_offer_index *ix = NULL;
      parley_error err = {0};
      if (parley_offer_index_build(sc, 0, 0, &ix, &err)) fail_msg("%s", err.message);
      const size_t n = parley_offer_index_count(ix);
      double umin, umax;
      if (!n) goto next;
      parley_offer_index_get(ix, 0, NULL, &umin), parley_offer_index_get(ix, n - 1, NULL, &umax);
      for (size_t k = 0; k < parley_session_action_count(s); k++) {
        parley_action a;
        parley_session_action(s, k, &a);
        if (a.party != 0 || a.kind != PARLEY_ACTION_OFFER) continue;
        const double pmin = fmax(parley_party_reservation(sc, 0), umin);
        if (pmin > umax) continue;
        const double tgt = target(pmin, umax, 1, a.time), mine = parley_utility(sc, 0, a.package);
        uint32_t pkg[16];
        double top = -INFINITY; /* the window: up to 0.02 above the target, or ties with the nearest */
        for (size_t j = 0; j < n; j++) {
          double u;
          parley_offer_index_get(ix, j, pkg, &u);
          if (u < tgt - 1e-9) continue;
          if (top == -INFINITY) top = fmax(tgt + 0.02 - 1e-9, u); /* the boundary itself is rounding's */
          if (model) { /* none: nothing nearer the target */
            assert_true(mine <= u + 1e-12);
          } else if (u <= top) { /* perfect: nothing better for the other */
            const double them = parley_red_line_crossed_count(sc, 1, pkg) ? -1 : parley_utility(sc, 1, pkg);
            const double chosen = parley_red_line_crossed_count(sc, 1, a.package) ? -1 : parley_utility(sc, 1, a.package);
            if (!(them <= chosen + 1e-12)) fail_msg("trial %d t %g target %g: chose %g (other %g) but %g (other %g) is in the window", trial, a.time, tgt, mine, chosen, u, them);
          }
        }
        checked++;
      }
    next:
      parley_offer_index_free(ix);
      parley_session_free(s);
    }
    (void)N;
    parley_scenario_free(sc);
  }
  assert_true(checked > 500);
}

/* Two hardliners agree only when the packages each likes best include a common one. */
static void test_hardliners(void **state) {
  (void)state;
  const parley_agent_spec hard[2] = {{.strategy = PARLEY_STRATEGY_HARDLINER, .e = 1}, {.strategy = PARLEY_STRATEGY_HARDLINER, .e = 1}};
  parley_scenario *apart = test_load("issues:\n  - {id: a, options: [x, y]}\nparties:\n"
                                     "  - {id: p, weights: {a: 1}, values: {a: [1, 0]}}\n  - {id: q, weights: {a: 1}, values: {a: [0, 1]}}\n");
  parley_session *s = run(apart, hard, 50, 1);
  assert_null(parley_session_agreement(s));
  assert_int_equal(parley_session_end_reason(s), PARLEY_END_DEADLINE);
  parley_session_free(s);
  parley_scenario_free(apart);
  parley_scenario *together = test_load("issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [u, v]}\nparties:\n"
                                        "  - {id: p, weights: {a: 1}, values: {a: [1, 0]}}\n  - {id: q, weights: {b: 1}, values: {b: [0, 1]}}\n");
  s = run(together, hard, 50, 1);
  assert_non_null(parley_session_agreement(s));
  assert_true(parley_session_agreement(s)[0] == 0 && parley_session_agreement(s)[1] == 1);
  parley_session_free(s);
  parley_scenario_free(together);
}

/* A party whose reservation is above everything says so at the start. */
static void test_no_deal_possible(void **state) {
  (void)state;
  parley_scenario *sc = test_load("issues:\n  - {id: a, options: [x, y]}\nparties:\n"
                                  "  - {id: p, weights: {a: 1}, values: {a: [0.5, 0.4]}, reservation: 0.9}\n"
                                  "  - {id: q, weights: {a: 1}, values: {a: [0, 1]}}\n");
  parley_session *s = run(sc, NULL, 10, 1);
  assert_int_equal(parley_session_end_reason(s), PARLEY_END_NO_DEAL_POSSIBLE);
  assert_int_equal(parley_session_blocker(s), 0);
  assert_int_equal(parley_session_action_count(s), 0);
  assert_close(parley_session_utility(s, 0), 0.9, 1e-12);
  parley_session_free(s);
  parley_scenario_free(sc);
}

/* A tournament's rows: in job order, each once, the same on one thread and on three, and a
 * block (skip, limit) gives the same rows as the whole run does there. */
typedef struct rows {
  uint64_t n, job[4096];
  double u[4096];
  uint64_t seed[4096];
} rows;

static int collect(void *user, const parley_tournament_row *r) {
  rows *x = user;
  if (x->n >= 4096) return -1;
  x->job[x->n] = r->job, x->seed[x->n] = r->seed;
  x->u[x->n++] = parley_session_utility(r->session, 0) + 10 * parley_session_utility(r->session, 1);
  return 0;
}

static void test_tournament(void **state) {
  (void)state;
  test_rng rng = {5};
  test_gen_options go = {2, 3, 1, 4, 4, 0};
  parley_scenario *sc[3];
  for (int k = 0; k < 3; k++) {
    char *yaml = test_random_scenario(&rng, &go);
    sc[k] = test_load(yaml);
    free(yaml);
  }
  const parley_agent_spec ag[4] = {{.strategy = PARLEY_STRATEGY_BOULWARE, .e = 1}, {.strategy = PARLEY_STRATEGY_CONCEDER, .e = 1},
                                   {.strategy = PARLEY_STRATEGY_MICRO, .e = 1}, {.strategy = PARLEY_STRATEGY_RANDOM, .e = 1}};
  static rows a, b, c;
  parley_tournament_options o;
  parley_tournament_defaults(&o);
  o.repetitions = 3, o.rounds = 20, o.seed = 9;
  parley_error err = {0};
  const uint64_t total = parley_tournament_size((const parley_scenario *const *)sc, 3, 4, &o);
  o.threads = 1;
  if (parley_tournament_run((const parley_scenario *const *)sc, 3, ag, 4, &o, collect, &a, &err)) fail_msg("%s", err.message);
  o.threads = 3;
  if (parley_tournament_run((const parley_scenario *const *)sc, 3, ag, 4, &o, collect, &b, &err)) fail_msg("%s", err.message);
  assert_int_equal(a.n, total);
  assert_int_equal(b.n, total);
  for (uint64_t k = 0; k < total; k++) {
    assert_int_equal(a.job[k], k);
    assert_true(a.job[k] == b.job[k] && a.seed[k] == b.seed[k] && a.u[k] == b.u[k]);
  }
  o.skip = 17, o.limit = 40;
  if (parley_tournament_run((const parley_scenario *const *)sc, 3, ag, 4, &o, collect, &c, &err)) fail_msg("%s", err.message);
  assert_int_equal(c.n, 40);
  for (uint64_t k = 0; k < 40; k++) assert_true(c.job[k] == 17 + k && c.u[k] == a.u[17 + k] && c.seed[k] == a.seed[17 + k]);
  for (int k = 0; k < 3; k++) parley_scenario_free(sc[k]);
}

/* A party the program plays: it offers package `offer` until round `give_in`, then accepts
 * anything; the calls it gets are the turns it has. */
typedef struct program {
  const parley_scenario *sc;
  uint32_t offer[8];
  size_t give_in, responds, proposes, bad_option;
  int stop;
  const uint32_t *last_seen;
} program;

static int respond(void *user, size_t party, double t, size_t round, const uint32_t *offer) {
  program *p = user;
  (void)party, (void)t;
  p->responds++;
  p->last_seen = offer;
  if (p->stop) return PARLEY_ERR_CANCELLED;
  return round >= p->give_in;
}

static int walk_away(void *user, size_t party, double t, size_t round, const uint32_t *offer) {
  (void)user, (void)party, (void)t, (void)offer;
  return round >= 3 ? PARLEY_WALK_AWAY : 0;
}

static int propose(void *user, size_t party, double t, size_t round, const uint32_t *standing, uint32_t *pkg) {
  program *p = user;
  (void)party, (void)t, (void)round, (void)standing;
  p->proposes++;
  memcpy(pkg, p->offer, parley_issue_count(p->sc) * sizeof *pkg);
  if (p->bad_option) pkg[0] = 99;
  return 0;
}

static void test_external_agent(void **state) {
  (void)state;
  parley_scenario *sc = test_load("issues:\n  - {id: a, options: [x, y]}\n  - {id: b, options: [u, v]}\nparties:\n"
                                  "  - {id: p, weights: {a: 1, b: 1}, values: {a: [0, 1], b: [0, 1]}}\n"
                                  "  - {id: q, weights: {a: 1, b: 1}, values: {a: [1, 0], b: [1, 0]}}\n");
  program prog = {.sc = sc, .offer = {1, 1}, .give_in = 5};
  const parley_agent_callbacks cb = {respond, propose, &prog};
  parley_agent_spec ag[2] = {{.external = &cb}, {.strategy = PARLEY_STRATEGY_HARDLINER, .e = 1}};
  char buf[64];
  parley_agent_format(&ag[0], buf, sizeof buf);
  assert_string_equal(buf, "external");
  parley_session *s = run(sc, ag, 20, 1);
  /* it offered (1, 1) at once, turned the hardliner's offers down until round 5, then accepted */
  parley_action a;
  parley_session_action(s, 0, &a);
  assert_true(a.party == 0 && a.kind == PARLEY_ACTION_OFFER && a.package[0] == 1 && a.package[1] == 1);
  assert_int_equal(parley_session_end_reason(s), PARLEY_END_AGREEMENT);
  assert_int_equal(parley_session_round(s), 5);
  assert_int_equal(prog.responds, 5);  /* rounds 1 to 5 */
  assert_int_equal(prog.proposes, 5);  /* rounds 0 to 4 */
  assert_true(prog.last_seen != NULL);
  parley_session_free(s);
  /* an option that does not exist, and a program that stops, fail the session */
  parley_negotiate_options o;
  parley_negotiate_defaults(&o);
  o.agents = ag, o.rounds = 20;
  parley_error err = {0};
  prog.bad_option = 1;
  assert_int_equal(parley_negotiate(sc, &o, &s, &err), PARLEY_ERR_INVALID);
  assert_non_null(strstr(err.message, "offered option 99"));
  prog.bad_option = 0, prog.stop = 1;
  assert_int_equal(parley_negotiate(sc, &o, &s, &err), PARLEY_ERR_CANCELLED);
  /* a program's party walks away */
  program walker = {.sc = sc, .offer = {1, 1}, .give_in = 1000};
  const parley_agent_callbacks wcb = {walk_away, propose, &walker};
  const parley_agent_spec wag[2] = {{.external = &wcb}, {.strategy = PARLEY_STRATEGY_HARDLINER, .e = 1}};
  s = run(sc, wag, 20, 1);
  assert_int_equal(parley_session_end_reason(s), PARLEY_END_WALKED_AWAY);
  assert_int_equal(parley_session_blocker(s), 0);
  assert_int_equal(parley_session_round(s), 3);
  parley_session_free(s);
  /* an order must name each party once */
  const size_t twice[2] = {1, 1};
  o.order = twice, prog.stop = 0;
  assert_int_equal(parley_negotiate(sc, &o, &s, &err), PARLEY_ERR_ARG);
  assert_non_null(strstr(err.message, "names q twice"));
  /* tournaments take strategies only */
  parley_tournament_options to;
  parley_tournament_defaults(&to);
  const parley_scenario *const list[1] = {sc};
  assert_int_equal(parley_tournament_run(list, 1, ag, 2, &to, NULL, NULL, &err), PARLEY_ERR_ARG);
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_specs), cmocka_unit_test(test_random_sessions),
                                     cmocka_unit_test(test_hardliners), cmocka_unit_test(test_no_deal_possible),
                                     cmocka_unit_test(test_tournament), cmocka_unit_test(test_chosen_package),
                                     cmocka_unit_test(test_external_agent)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
