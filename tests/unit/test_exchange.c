#define _POSIX_C_SOURCE 200809L
/* test_exchange.c — Stokman's exchange model (equal-gain form): two cases worked by hand, and
 * on 300 random problems every rule of the model checked from the outside: outcomes are the
 * weighted means of the votes; every exchange is the best one left (found here by brute force,
 * with its own arithmetic), gives both sides the same positive gain, and moves each supplier's
 * vote towards, and not past, its partner's, with no outcome past its demander's interest (its
 * starting position); an actor-issue pair trades once a round; a round ends when nothing is
 * left; and a run that stops before the round limit has nothing left to trade. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "support.h"

/* Writes text to a temporary file and reads it as DEU III. */
static parley_positions *load_deu(const char *text) {
  char path[] = "/tmp/parley-exchange-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  parley_positions *pos = NULL;
  parley_error err = {0};
  if (parley_positions_read_deu(path, NULL, &pos, NULL, &err)) fail_msg("%s", err.message);
  unlink(path);
  return pos;
}

/* Two proposals of two issues, two actors each, equal capability.
 *
 * Proposal 1: at = (P 100, Q 0), saliences 80/20; be = (P 0, Q 100), saliences 30/60.
 * W_P = 1.1, W_Q = 0.8; O_P = 80/1.1 = 72.73, O_Q = 60/0.8 = 75: opposite sides on both.
 * 0.8 x 0.6 > 0.2 x 0.3, so at demands P. be moving all the way on P would shift O_P by
 * 0.3 x 100 / 1.1 = 27.27 and need a shift of 27.27 x 1.1 / 0.8 = 37.5 on Q, a move of
 * 37.5 x 0.8 / 0.2 = 150 by at: past be. So at moves all the way (0 -> 100, shift 25),
 * O_P shifts 25 x 0.8 / 1.1 = 18.18, and be moves 18.18 x 1.1 / 0.3 = 66.67 (0 -> 66.67).
 * Gains: at 0.8 x 18.18 - 0.2 x 25 = 9.545; be 0.6 x 25 - 0.3 x 18.18 = 9.545.
 * Outcomes: O_P = (80 + 0.3 x 66.67) / 1.1 = 90.91, O_Q = 100. Then be and at agree on Q:
 * nothing left to trade.
 *
 * Proposal 2: at = (P 100 s 90, Q 0 s 20); be = (P 0 s 10, Q 100 s 90). W_P = 1, W_Q = 1.1.
 * be all the way on P shifts O_P by 10, which needs 10 x 1 / 1.1 = 9.09 on Q: at moves
 * 9.09 x 1.1 / 0.2 = 50 (0 -> 50). Gains 0.9 x 10 - 0.2 x 9.09 = 7.182 and
 * 0.9 x 9.09 - 0.1 x 10 = 7.182. O_P = 100, O_Q = (0.2 x 50 + 90) / 1.1 = 90.91. */
static void test_hand_worked(void **state) {
  (void)state;
  parley_positions *pos = load_deu("isnr,pat,sat,pbe,sbe,rp,out\n"
                                   "d01001i1,100,80,0,30,,\n"
                                   "d01001i2,0,20,100,60,,\n"
                                   "d01002i1,100,90,0,10,,\n"
                                   "d01002i2,0,20,100,90,,\n");
  assert_int_equal(parley_positions_issue_group(pos, 0), 0);
  assert_int_equal(parley_positions_issue_group(pos, 1), 0);
  assert_int_equal(parley_positions_issue_group(pos, 2), 2);
  assert_int_equal(parley_positions_issue_group(pos, 3), 2);
  assert_string_equal(parley_positions_issue_proposal(pos, 3), "d01002");
  parley_capability eq = {.kind = PARLEY_CAPABILITY_EQUAL};
  const size_t first[2] = {0, 1}, second[2] = {2, 3};
  const double want_out[2][2] = {{1000.0 / 11, 100}, {100, 1000.0 / 11}};
  const double want_gain[2] = {0.8 * 200.0 / 11 - 5, 9 - 0.2 * 100.0 / 11};
  /* at moves on Q, be on P */
  const double want_to[2][2] = {{100, 200.0 / 3}, {50, 100}};
  for (int c = 0; c < 2; c++) {
    parley_exchange_result *res = NULL;
    parley_error err = {0};
    assert_int_equal(parley_exchange_run(pos, c ? second : first, 2, &eq, NULL, &res, &err), 0);
    assert_int_equal(parley_exchange_round_count(res), 1);
    assert_true(parley_exchange_converged(res));
    assert_int_equal(parley_exchange_count(res), 1);
    const parley_exchange *e = parley_exchange_get(res, 0);
    assert_int_equal(e->round, 1);
    assert_int_equal(e->actor[0], 0); /* at demands P */
    assert_int_equal(e->actor[1], 1);
    assert_int_equal(e->demand[0], c ? 2 : 0);
    assert_int_equal(e->demand[1], c ? 3 : 1);
    assert_close(e->from[0], 0, 1e-12);
    assert_close(e->to[0], want_to[c][0], 1e-9);
    assert_close(e->from[1], 0, 1e-12);
    assert_close(e->to[1], want_to[c][1], 1e-9);
    assert_close(e->gain, want_gain[c], 1e-9);
    for (size_t d = 0; d < 2; d++) assert_close(parley_exchange_outcome(res, 1, d), want_out[c][d], 1e-9);
    assert_close(parley_exchange_outcome(res, 0, 0), c ? 90 : 800.0 / 11, 1e-9);
    assert_close(parley_exchange_position(res, 1, 1, 0), want_to[c][1], 1e-9);
    parley_exchange_free(res);
    /* the per-issue forecast runs the issue's proposal */
    for (size_t d = 0; d < 2; d++) {
      double f;
      assert_int_equal(parley_forecast_issue(pos, (c ? second : first)[d], PARLEY_MODEL_EXCHANGE, &eq, &f), 0);
      assert_close(f, want_out[c][d], 1e-9);
    }
  }
  /* one round at most: the same; zero rounds: the start */
  parley_exchange_options o;
  parley_exchange_defaults(&o);
  o.rounds = 0;
  parley_exchange_result *res = NULL;
  assert_int_equal(parley_exchange_run(pos, first, 2, &eq, &o, &res, NULL), 0);
  assert_int_equal(parley_exchange_round_count(res), 0);
  assert_false(parley_exchange_converged(res));
  assert_int_equal(parley_exchange_count(res), 0);
  parley_exchange_free(res);
  parley_positions_free(pos);
}

/* ---- the rules, from the outside, on random problems ------------------------------------ */

typedef struct problem {
  size_t A, D;
  double x[6][4], s[6][4], c[6]; /* s on 0-1 */
} problem;

static double weight(const problem *p, size_t a, size_t d) { return p->c[a] * p->s[a][d]; }

static double total(const problem *p, size_t d) {
  double W = 0;
  for (size_t a = 0; a < p->A; a++) W += weight(p, a, d);
  return W;
}

/* The largest equal-gain trade of i (demanding p) and j (demanding q) on votes x, as a
 * different calculation from the library's: moves m_j on p and m_i = k m_j on q, each in the
 * direction that brings the outcome towards the demander's interest (its starting position),
 * neither past the partner's vote, neither outcome past the demander's interest. Returns its
 * gain and the moves. */
static double best_trade(const problem *pr, const double x[6][4], const double *O, size_t i, size_t j, size_t p,
                         size_t q, double *mi, double *mj) {
  const double Wp = total(pr, p), Wq = total(pr, q);
  const double k = (weight(pr, j, p) / Wp) * (pr->s[i][p] + pr->s[j][p]) / (pr->s[i][q] + pr->s[j][q]) * Wq /
                   weight(pr, i, q);
  const double up_p = pr->x[i][p] > O[p] ? 1 : -1, up_q = pr->x[j][q] > O[q] ? 1 : -1;
  const double room_j = (x[i][p] - x[j][p]) * up_p > 0 ? fabs(x[i][p] - x[j][p]) : 0;
  const double room_i = (x[j][q] - x[i][q]) * up_q > 0 ? fabs(x[j][q] - x[i][q]) : 0;
  *mj = fmin(fmin(room_j, room_i / k), fmin(fabs(pr->x[i][p] - O[p]) * Wp / weight(pr, j, p),
                                            fabs(pr->x[j][q] - O[q]) * Wq / weight(pr, i, q) / k));
  *mi = k * *mj;
  return pr->s[i][p] * weight(pr, j, p) * *mj / Wp - pr->s[i][q] * weight(pr, i, q) * *mi / Wq;
}

/* Two actors are on opposite sides of the outcome when neither is within 1e-9 x (1 + the
 * range of the positions) of it. */
static int opposite(const problem *pr, double u, double v) {
  double lo = INFINITY, hi = -INFINITY;
  for (size_t a = 0; a < pr->A; a++)
    for (size_t d = 0; d < pr->D; d++) lo = fmin(lo, pr->x[a][d]), hi = fmax(hi, pr->x[a][d]);
  const double eps = 1e-9 * (1 + hi - lo);
  return (u > eps && v < -eps) || (u < -eps && v > eps);
}

/* The best gain of any exchange possible on positions x with outcomes O among the actor-issue
 * pairs not used (0 when none). */
static double best_gain(const problem *pr, const double x[6][4], const double *O, unsigned char used[6][4]) {
  double best = 0, mi, mj;
  for (size_t i = 0; i < pr->A; i++)
    for (size_t j = 0; j < pr->A; j++)
      for (size_t p = 0; p < pr->D; p++)
        for (size_t q = 0; q < pr->D; q++) {
          if (i == j || p == q || used[i][p] || used[i][q] || used[j][p] || used[j][q]) continue;
          if (!(pr->s[i][p] > 0 && pr->s[i][q] > 0 && pr->s[j][p] > 0 && pr->s[j][q] > 0)) continue;
          /* interests (starting positions) on opposite sides of both outcomes */
          if (!(opposite(pr, pr->x[i][p] - O[p], pr->x[j][p] - O[p]) && opposite(pr, pr->x[i][q] - O[q], pr->x[j][q] - O[q])))
            continue;
          if (!(pr->s[i][p] * pr->s[j][q] > pr->s[i][q] * pr->s[j][p] * (1 + 1e-9))) continue;
          best = fmax(best, best_trade(pr, x, O, i, j, p, q, &mi, &mj));
        }
  return best;
}

static void means(const problem *pr, const double x[6][4], double *O) {
  for (size_t d = 0; d < pr->D; d++) {
    double sw = 0;
    for (size_t a = 0; a < pr->A; a++) sw += weight(pr, a, d) * x[a][d];
    O[d] = sw / total(pr, d);
  }
}

static void check_run(const problem *pr, const parley_positions *pos, const parley_capability *cap) {
  parley_exchange_result *res = NULL;
  parley_error err = {0};
  if (parley_exchange_run(pos, NULL, 0, cap, NULL, &res, &err)) fail_msg("%s", err.message);
  const size_t T = parley_exchange_round_count(res), n_ex = parley_exchange_count(res);
  size_t k = 0;
  double x[6][4], O[4];
  for (size_t a = 0; a < pr->A; a++)
    for (size_t d = 0; d < pr->D; d++) x[a][d] = pr->x[a][d];
  for (size_t t = 1; t <= T; t++) {
    unsigned char used[6][4] = {{0}};
    means(pr, x, O);
    assert_true(k < n_ex && parley_exchange_get(res, k)->round == t); /* every round trades */
    for (; k < n_ex && parley_exchange_get(res, k)->round == t; k++) {
      const parley_exchange *e = parley_exchange_get(res, k);
      const size_t i = e->actor[0], j = e->actor[1], p = e->demand[0], q = e->demand[1];
      /* the best exchange left, by brute force */
      const double best = best_gain(pr, x, O, used);
      assert_close(e->gain, best, 1e-9 * (1 + best));
      assert_false(used[i][p] || used[i][q] || used[j][p] || used[j][q]);
      used[i][p] = used[i][q] = used[j][p] = used[j][q] = 1;
      /* from where they stood, towards the demander's side and not past the partner's vote */
      assert_close(e->from[0], x[i][q], 1e-9);
      assert_close(e->from[1], x[j][p], 1e-9);
      double mi, mj;
      best_trade(pr, x, O, i, j, p, q, &mi, &mj);
      assert_close(fabs(e->to[0] - e->from[0]), mi, 1e-9);
      assert_close(fabs(e->to[1] - e->from[1]), mj, 1e-9);
      const double dmi = e->to[0] - e->from[0], dmj = e->to[1] - e->from[1];
      assert_true(dmi * (pr->x[j][q] - O[q]) > 0 && dmi * (x[j][q] - x[i][q]) > 0);
      assert_true(dmj * (pr->x[i][p] - O[p]) > 0 && dmj * (x[i][p] - x[j][p]) > 0);
      assert_true(fabs(dmi) <= fabs(x[j][q] - x[i][q]) + 1e-9 && fabs(dmj) <= fabs(x[i][p] - x[j][p]) + 1e-9);
      /* equal, positive gains: salience x shift of the outcome towards each one's interest, no
       * outcome past its demander's interest */
      const double a = weight(pr, j, p) * fabs(dmj) / total(pr, p), b = weight(pr, i, q) * fabs(dmi) / total(pr, q);
      assert_true(a <= fabs(pr->x[i][p] - O[p]) + 1e-9 && b <= fabs(pr->x[j][q] - O[q]) + 1e-9);
      const double gi = pr->s[i][p] * a - pr->s[i][q] * b, gj = pr->s[j][q] * b - pr->s[j][p] * a;
      assert_true(gi > 0);
      assert_close(gi, gj, 1e-9 * (1 + gi));
      assert_close(gi, e->gain, 1e-9 * (1 + gi));
      x[i][q] = e->to[0];
      x[j][p] = e->to[1];
      means(pr, x, O);
    }
    assert_true(best_gain(pr, x, O, used) <= 1e-9); /* the round ends when nothing is left */
    for (size_t d = 0; d < pr->D; d++) {
      for (size_t a = 0; a < pr->A; a++) assert_close(parley_exchange_position(res, t, a, d), x[a][d], 1e-12);
      assert_close(parley_exchange_outcome(res, t, d), O[d], 1e-9);
    }
  }
  assert_int_equal(k, n_ex);
  unsigned char none[6][4] = {{0}};
  if (parley_exchange_converged(res)) assert_true(best_gain(pr, x, O, none) <= 1e-9);
  else assert_int_equal(T, 100);
  parley_exchange_free(res);
}

static void test_rules_random(void **state) {
  (void)state;
  test_rng rng = {20261124};
  char text[8192];
  for (int run = 0; run < 300; run++) {
    problem pr;
    pr.A = 2 + test_rng_below(&rng, 5);
    pr.D = 2 + test_rng_below(&rng, 3);
    double table[6];
    int at = snprintf(text, sizeof text, "isnr");
    for (size_t a = 0; a < pr.A; a++) at += snprintf(text + at, sizeof text - (size_t)at, ",pa%c,sa%c", (char)('a' + a), (char)('a' + a));
    at += snprintf(text + at, sizeof text - (size_t)at, ",rp,out\n");
    for (size_t a = 0; a < pr.A; a++) table[a] = pr.c[a] = 1 + test_rng_below(&rng, 30);
    for (size_t a = 0; a < pr.A; a++)
      for (size_t d = 0; d < pr.D; d++) {
        /* whole-number positions make ties and shared sides common */
        pr.x[a][d] = run % 2 ? test_rng_below(&rng, 5) * 25 : test_rng_below(&rng, 101);
        pr.s[a][d] = (10 + test_rng_below(&rng, 91)) / 100.0;
      }
    for (size_t d = 0; d < pr.D; d++) {
      at += snprintf(text + at, sizeof text - (size_t)at, "d07%03di%zu", run, d + 1);
      for (size_t a = 0; a < pr.A; a++)
        at += snprintf(text + at, sizeof text - (size_t)at, ",%g,%g", pr.x[a][d], pr.s[a][d] * 100);
      at += snprintf(text + at, sizeof text - (size_t)at, ",,\n");
    }
    parley_positions *pos = load_deu(text);
    parley_capability cap = {.kind = PARLEY_CAPABILITY_TABLE, .table = table};
    check_run(&pr, pos, &cap);
    parley_positions_free(pos);
  }
}

/* Bad calls and inputs get errors, not crashes. */
static void test_errors(void **state) {
  (void)state;
  parley_positions *pos = load_deu("isnr,pat,sat,pbe,sbe,rp,out\nd01001i1,100,0,0,0,,\n");
  parley_exchange_result *res = NULL;
  parley_error err = {0};
  assert_int_equal(parley_exchange_run(pos, NULL, 0, NULL, NULL, &res, &err), PARLEY_ERR_INVALID);
  assert_null(res);
  assert_non_null(strstr(err.message, "salience above 0"));
  const size_t bad = 5;
  assert_int_equal(parley_exchange_run(pos, &bad, 1, NULL, NULL, &res, &err), PARLEY_ERR_ARG);
  parley_exchange_options o;
  parley_exchange_defaults(&o);
  o.tolerance = -1;
  assert_int_equal(parley_exchange_run(pos, NULL, 0, NULL, &o, &res, &err), PARLEY_ERR_ARG);
  assert_int_equal(parley_exchange_run(NULL, NULL, 0, NULL, NULL, &res, &err), PARLEY_ERR_ARG);
  assert_null(parley_exchange_get(res, 0));
  parley_positions_free(pos);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hand_worked),
      cmocka_unit_test(test_rules_random),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
