/* smp.c — KTAB's Spatial Model of Politics (Wise, Efird, Lester; KAPSARC), written from the
 * description of its code in docs/models.md ("The Spatial Model of Politics") and checked
 * against the final positions of KTAB 1.4's own runs on its sample inputs (the conformance
 * tests).
 *
 * Positions live on [0, 1] per dimension. A turn, from state t to t + 1:
 *  1. assessment: salience-weighted distances, a probabilistic Condorcet election (PCE) over the
 *     actors' positions with capability weights, risk attitudes from its probabilities, and
 *     each actor's estimate of everyone's risk attitude;
 *  2. targeting: each actor i estimates, for every other actor j, the probability of winning a
 *     challenge against j (principals' votes plus each third party's vote in its "little
 *     contest") and the expected gain; it challenges the best target worth more than 1e-5;
 *  3. bargaining: an interpolation between the two positions, weighted by salience and win
 *     probability, goes into both actors' queues (each queue also holds the status quo);
 *  4. resolution: each actor holds a PCE over the bargains in its queue, each voter valuing a
 *     bargain as its mean utility over all positions after it, and adopts its side of the winner.
 * The run stops when a turn moves less than stop_ratio of the first turn's movement (after
 * min_turns), or after max_turns.
 *
 * Floating-point operations follow KTAB's order where the order can change a result (sums of
 * votes, products of probabilities), so that the deterministic defaults reproduce its figures. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/capability.h"
#include "forecast/smp.h"
#include "model/positions.h"
#include "util/error.h"
#include "util/parallel.h"
#include "util/prng.h"
#include "util/vec.h"

#define SMP_MAX_THREADS 16

/* ---- the run -------------------------------------------------------------------------------- */

struct parley_smp_result {
  size_t n, D, turns, cap_states;
  int converged;
  size_t *actor, *issue;
  double *lo, *scale; /* per dimension: input = lo + scale x */
  double *cap, *sal, *S;
  double *x;          /* states x n x D, on [0, 1] */
  double *risk, *prob; /* states x n */
  long *target, *init, *rcvr; /* states x n */
  double *gain, *tprob;
  double *forecast;   /* D */
  parley_smp_options options;
};

void parley_smp_free(parley_smp_result *r) {
  if (!r) return;
  free(r->actor), free(r->issue), free(r->lo), free(r->scale), free(r->cap), free(r->sal), free(r->S);
  free(r->x), free(r->risk), free(r->prob), free(r->target), free(r->init), free(r->rcvr), free(r->gain);
  free(r->tprob), free(r->forecast);
  free(r);
}

/* Makes room for state t. */
static int reserve_state(parley_smp_result *r, size_t t) {
  if (t < r->cap_states) return 0;
  size_t nc = r->cap_states ? r->cap_states * 2 : 16;
  const size_t n = r->n;
  if (pl_resize(&r->x, nc * n * r->D) || pl_resize(&r->risk, nc * n) || pl_resize(&r->prob, nc * n) ||
      pl_resize(&r->target, nc * n) || pl_resize(&r->init, nc * n) || pl_resize(&r->rcvr, nc * n) ||
      pl_resize(&r->gain, nc * n) || pl_resize(&r->tprob, nc * n))
    return PARLEY_ERR_NOMEM;
  r->cap_states = nc;
  return 0;
}

/* Working memory of one run. */
typedef struct smp_work {
  size_t n, D;
  double *dist;  /* n x n: distance from i's ideal to j's position, in i's saliences */
  double *u0, *ut, *uh; /* n x n: risk-neutral, true (own risk), and one actor's estimate */
  size_t threads;    /* threads for targeting; uh and diag hold one matrix per thread */
  double *p, *diag, *wts;
  double *usq, *ubar; /* voters' utility of the status quo (n) and of each bargain (nbar x n) */
  pl_pce_work pce;
  /* bargains: up to 2 per initiator */
  size_t nbar;
  long *binit, *brcvr;
  double *bpos_i, *bpos_r; /* nbar x D */
  size_t *qstart;       /* n + 1: where each actor's queue starts */
  long *queue;
  double *uq, *pq;
  double *newx;
  double *bscr;     /* 4 x D: one bargain's two views */
  long *first;      /* per initiator: its first bargain, or -1 */
  size_t *rep, *uidx; /* distinct positions: each actor's representative, the representatives */
} smp_work;

static void work_free(smp_work *w) {
  free(w->dist), free(w->u0), free(w->ut), free(w->uh), free(w->p), free(w->diag), free(w->wts), free(w->usq), free(w->ubar);
  free(w->binit), free(w->brcvr), free(w->bpos_i), free(w->bpos_r), free(w->qstart), free(w->queue);
  free(w->uq), free(w->pq), free(w->newx), free(w->bscr), free(w->first), free(w->rep), free(w->uidx);
  pl_pce_free(&w->pce);
}

static int work_init(smp_work *w, size_t n, size_t D, size_t threads) {
  memset(w, 0, sizeof *w);
  w->n = n, w->D = D, w->threads = threads;
  const size_t nn = n * n, nb = 2 * n;
  w->dist = malloc(nn * sizeof *w->dist);
  w->u0 = malloc(nn * sizeof *w->u0);
  w->ut = malloc(nn * sizeof *w->ut);
  w->uh = malloc(threads * nn * sizeof *w->uh);
  w->p = malloc(n * sizeof *w->p);
  w->binit = malloc(nb * sizeof *w->binit);
  w->brcvr = malloc(nb * sizeof *w->brcvr);
  w->bpos_i = malloc(nb * D * sizeof *w->bpos_i);
  w->bpos_r = malloc(nb * D * sizeof *w->bpos_r);
  w->qstart = malloc((n + 1) * sizeof *w->qstart);
  w->queue = malloc((n + 2 * nb) * sizeof *w->queue);
  w->uq = malloc(n * (2 * n + 1) * sizeof *w->uq);
  w->pq = malloc((2 * n + 1) * sizeof *w->pq);
  w->newx = malloc(n * D * sizeof *w->newx);
  w->bscr = malloc(4 * D * sizeof *w->bscr);
  w->diag = malloc(threads * n * sizeof *w->diag);
  w->usq = malloc(n * sizeof *w->usq);
  w->ubar = malloc(nb * n * sizeof *w->ubar);
  w->wts = malloc(n * sizeof *w->wts);
  w->first = malloc(n * sizeof *w->first);
  w->rep = malloc(n * sizeof *w->rep);
  w->uidx = malloc(n * sizeof *w->uidx);
  if (!w->bscr || !w->diag || !w->wts || !w->usq || !w->ubar || !w->first || !w->rep || !w->uidx || !w->dist || !w->u0 || !w->ut || !w->uh || !w->p ||
      !w->binit || !w->brcvr || !w->bpos_i || !w->bpos_r || !w->qstart || !w->queue || !w->uq || !w->pq || !w->newx ||
      pl_pce_reserve(&w->pce, 2 * n + 1))
    return PARLEY_ERR_NOMEM;
  return 0;
}

/* Salience-weighted distance between a and b in the saliences s. */
static double bv_diff(const double *a, const double *b, const double *s, size_t D) {
  double ds = 0, ss = 0;
  for (size_t k = 0; k < D; k++) {
    double d = (a[k] - b[k]) * s[k];
    ds = ds + d * d;
    ss = ss + s[k] * s[k];
  }
  return sqrt(ds / ss);
}

/* Assessment of state x: distances, risk-neutral utilities, the election giving risk
 * attitudes R, the true utilities, and each position's probability of winning. */
static void assess(const parley_smp_result *r, const parley_smp_options *o, smp_work *w, const double *x,
                   double *R, double *prob) {
  const size_t n = r->n, D = r->D;
  const int vr = o->choice[PARLEY_SMP_VOTING], vpm = o->choice[PARLEY_SMP_VICTORY], pcem = o->choice[PARLEY_SMP_PCE];
  /* ideals follow positions (KTAB's identity accommodation), so distances use positions */
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      double d = bv_diff(x + i * D, x + j * D, r->sal + i * D, D);
      w->dist[i * n + j] = d;
      w->u0[j * n + i] = bs_util(d, 0); /* option j, voter i */
    }
  pl_pce(n, n, r->cap, w->u0, vr, vpm, pcem, &w->pce, w->p);
  double pmin = 1.0, pmax = 0.0;
  for (size_t i = 0; i < n; i++) {
    pmin = w->p[i] < pmin ? w->p[i] : pmin;
    pmax = w->p[i] > pmax ? w->p[i] : pmax;
  }
  const int rr = o->choice[PARLEY_SMP_RISK_RANGE];
  for (size_t i = 0; i < n; i++) {
    const double pi = w->p[i];
    if (!(pmax - pmin > 0)) R[i] = 0; /* every position equally likely: all risk-neutral */
    else if (rr == RR_MIN) R[i] = (pi - pmin) / (pmax - pmin);
    else if (rr == RR_MAX) R[i] = (2 * pi - (pmax + pmin)) / (pmax - pmin);
    else R[i] = (3 * pi - (pmax + 2 * pmin)) / (2 * (pmax - pmin));
  }
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) w->ut[i * n + j] = bs_util(w->dist[i * n + j], R[i]);
  /* the probability of each distinct position (within 1e-3), voters judging by their own
   * utilities, proportional votes */
  size_t *rep = w->rep, *uidx = w->uidx, nu = 0;
  for (size_t j = 0; j < n; j++) {
    size_t m = 0;
    for (; m < nu; m++) {
      double s = 0;
      for (size_t k = 0; k < D; k++) {
        double d = x[j * D + k] - x[uidx[m] * D + k];
        s += d * d;
      }
      if (sqrt(s) < 1e-3) break;
    }
    if (m == nu) uidx[nu++] = j;
    rep[j] = m;
  }
  for (size_t a = 0; a < n; a++)
    for (size_t m = 0; m < nu; m++) w->uq[m * n + a] = w->ut[a * n + uidx[m]];
  pl_pce(n, nu, r->cap, w->uq, VR_PROP, vpm, pcem, &w->pce, w->pq);
  for (size_t j = 0; j < n; j++) prob[j] = w->pq[rep[j]];
}

/* Third parties t0..t1-1 of a challenge under proportional votes and semi-commitment (KTAB's
 * defaults), the inner loop of the model: each weighs in on the side its little contest favours.
 * ui, uj: their utilities of i's and j's positions; un: of their own. */
static inline void third_parties_default(const double *wts, const double *ui, const double *uj, const double *un,
                                         size_t t0, size_t t1, double base_i, double base_j, double *chij,
                                         double *chji) {
  double cij = *chij, cji = *chji;
  for (size_t t = t0; t < t1; t++) {
    const double wn = wts[t], uni = ui[t], unj = uj[t], unn = un[t];
    const double v0 = wn * (uni - unj);
    const double cni = base_i + (v0 > 0 ? v0 : 0.0), cnj = base_j - (v0 < 0 ? v0 : 0.0);
    const double pin = cni / (cni + cnj), pjn = 1.0 - pin;
    const double u_ik_j = (pin * (uni + uni + unn)) + (pjn * (unj + unj + unj));
    const double u_i_jk = (pin * (uni + uni + uni)) + (pjn * (unj + unj + unn));
    const double vk = wn * (u_ik_j - u_i_jk);
    cij = cij + (vk > 0 ? vk : 0.0);
    cji = cji - (vk < 0 ? vk : 0.0);
  }
  *chij = cij, *chji = cji;
}

/* h's view of actor i challenging j: returns i's expected gain over the status quo and sets
 * *p_win, the probability that i wins. uhT is h's utility matrix, transposed (uhT[b * n + a]:
 * a's utility of b's position); wts[t] = S_t c_t. (KTAB also estimates the gain to others,
 * for its logs; the model decides on the initiator's own.) */
static double challenge(const parley_smp_result *r, const parley_smp_options *o, const double *uhT,
                        const double *diag, const double *wts, size_t i, size_t j, double *p_win) {
  const size_t n = r->n;
  const int vr = o->choice[PARLEY_SMP_VOTING], tpc = o->choice[PARLEY_SMP_THIRD_PARTY];
  const double *ui = uhT + i * n, *uj = uhT + j * n;
  const double uii = ui[i], uij = uj[i], uji = ui[j], ujj = uj[j];
  const double eu_sq = ui[i] + uj[i];
  const double u_vict = ui[i] + ui[i];
  const double u_loss = uj[i] + uj[i];
  const double sj = r->S[j];
  double ci = vote(vr, wts[i], uii, uij), cj = vote(vr, wts[j], uji, ujj);
  double chij = 1e-10, chji = 1e-10;
  if (ci > 0.0) chij = chij + ci;
  if (ci < 0.0) chji = chji - ci;
  if (cj > 0.0) chij = chij + cj;
  if (cj < 0.0) chji = chji - cj;
  const double base_i = chij, base_j = chji;
  if (vr == VR_PROP && tpc == TP_SEMI) {
    const size_t lo = i < j ? i : j, hi = i < j ? j : i;
    third_parties_default(wts, ui, uj, diag, 0, lo, base_i, base_j, &chij, &chji);
    third_parties_default(wts, ui, uj, diag, lo + 1, hi, base_i, base_j, &chij, &chji);
    third_parties_default(wts, ui, uj, diag, hi + 1, n, base_i, base_j, &chij, &chji);
  } else {
    for (size_t t = 0; t < n; t++) {
      if (t == i || t == j) continue;
      const double wn = wts[t], uni = ui[t], unj = uj[t], unn = diag[t];
      /* the third party's little contest: its vote added to the principals' */
      double v0 = vote(vr, wn, uni, unj);
      double cni = v0 > 0 ? base_i + v0 : base_i, cnj = v0 < 0 ? base_j - v0 : base_j;
      double pin = cni / (cni + cnj), pjn = 1.0 - pin;
      double ik_def_j, j_def_ik, i_def_jk, jk_def_i;
      if (tpc == TP_FULL) {
        ik_def_j = uni + uni + uni, j_def_ik = unj + unj + unj, i_def_jk = uni + uni + uni, jk_def_i = unj + unj + unj;
      } else if (tpc == TP_NONE) {
        ik_def_j = uni + uni + unn, j_def_ik = unj + unj + unn, i_def_jk = uni + uni + unn, jk_def_i = unj + unj + unn;
      } else {
        ik_def_j = uni + uni + unn, j_def_ik = unj + unj + unj, i_def_jk = uni + uni + uni, jk_def_i = unj + unj + unn;
      }
      double u_ik_j = (pin * ik_def_j) + (pjn * j_def_ik);
      double u_i_jk = (pin * i_def_jk) + (pjn * jk_def_i);
      double vk = vote(vr, wn, u_ik_j, u_i_jk);
      chij = vk > 0 ? chij + vk : chij;
      chji = vk < 0 ? chji - vk : chji;
    }
  }
  const double phij = chij / (chij + chji), phji = chji / (chij + chji);
  const double eu_cntst = phij * u_vict + phji * u_loss;
  const double eu_chlg = (1 - sj) * u_vict + sj * eu_cntst;
  *p_win = phij;
  return eu_chlg - eu_sq;
}

/* h's utility matrix, transposed (uhT[j * n + i]: i's utility of j's position under h's
 * estimate of i's risk attitude), and its diagonal. */
static void estimate_utils(const parley_smp_result *r, const parley_smp_options *o, const smp_work *w,
                           const double *R, size_t h, double *uhT, double *diag) {
  const size_t n = r->n;
  for (size_t i = 0; i < n; i++) {
    double rhi = est_risk(o->choice[PARLEY_SMP_RISK_ADJUST], R[h], R[i]);
    for (size_t j = 0; j < n; j++) uhT[j * n + i] = bs_util(w->dist[i * n + j], rhi);
  }
  for (size_t t = 0; t < n; t++) diag[t] = uhT[t * n + t];
}

static double round4(double x) {
  return (double)(int)(0.5 + x * 10000.0) / 10000.0;
}

/* The bargain i proposes to j on every dimension, given i's probability of winning. */
static void interpolate(const parley_smp_result *r, int ivb, size_t i, size_t j, const double *xi, const double *xj,
                        double pi, double pj, double *bi, double *bj) {
  for (size_t k = 0; k < r->D; k++) {
    const double tik = xi[k], tjk = xj[k], sik = r->sal[i * r->D + k], sjk = r->sal[j * r->D + k];
    if (ivb == IV_S2PMAX) {
      double di = pj > pi ? pj - pi : 0, dj = pi > pj ? pi - pj : 0, sik2 = sik * sik, sjk2 = sjk * sjk;
      double dik = (di * sjk2) / ((di * sjk2) + 1e-6 + ((1 - di) * sik2));
      double djk = (dj * sik2) / ((dj * sik2) + 1e-6 + ((1 - dj) * sjk2));
      bi[k] = tik + dik * (tjk - tik);
      bj[k] = tjk + djk * (tik - tjk);
    } else {
      const double e = ivb == IV_S1P1 ? 1 : 2;
      double wik = pow(sik, e) * pow(pi, e), wjk = pow(sjk, e) * pow(pj, e);
      bi[k] = round4(((wik + 1e-6) * tik + wjk * tjk) / (wik + 1e-6 + wjk));
      bj[k] = round4((wik * tik + (1e-6 + wjk) * tjk) / (wik + 1e-6 + wjk));
    }
  }
}

/* Voter a's utility for the state after bargain b (b < 0: the status quo), averaged over the
 * n positions. */
static double bargain_util(const parley_smp_result *r, const smp_work *w, const double *x, const double *R, size_t a,
                           long b) {
  const size_t n = r->n, D = r->D;
  const double *ut = w->ut + a * n;
  double u = 0.0;
  if (b < 0) {
    for (size_t m = 0; m < n; m++) u = u + ut[m];
  } else {
    const size_t bi = (size_t)w->binit[b], br = (size_t)w->brcvr[b];
    u = u + bs_util(bv_diff(x + a * D, w->bpos_i + (size_t)b * D, r->sal + a * D, D), R[a]);
    u = u + bs_util(bv_diff(x + a * D, w->bpos_r + (size_t)b * D, r->sal + a * D, D), R[a]);
    for (size_t m = 0; m < n; m++)
      if (m != bi && m != br) u = u + ut[m];
  }
  return u / (double)n;
}

static void add_bargain(smp_work *w, size_t i, size_t j, const double *bi, const double *bj) {
  const size_t b = w->nbar++, D = w->D;
  w->binit[b] = (long)i, w->brcvr[b] = (long)j;
  memcpy(w->bpos_i + b * D, bi, D * sizeof *bi);
  memcpy(w->bpos_r + b * D, bj, D * sizeof *bj);
}

/* Targeting for initiators lo..hi-1: each one's best target worth more than 1e-5, from its
 * own view (uhT, diag: scratch of n x n and n). */
typedef struct target_job {
  const parley_smp_result *r;
  const parley_smp_options *o;
  const smp_work *w;
  const double *R;
  size_t T; /* chunks: equal shares of the initiators, each judging n - 1 targets */
  long *target;
  double *gain, *tprob;
} target_job;

/* Chunk k of the targeting: initiators n k / T to n (k + 1) / T - 1 find their best target
 * worth more than 1e-5, from their own view, in chunk k's scratch (uh, diag). */
static int target_range(void *ctx, size_t k, pl_parallel *par) {
  (void)par;
  const target_job *jb = ctx;
  const size_t n = jb->r->n;
  double *uhT = jb->w->uh + k * n * n, *diag = jb->w->diag + k * n;
  for (size_t i = n * k / jb->T; i < n * (k + 1) / jb->T; i++) {
    estimate_utils(jb->r, jb->o, jb->w, jb->R, i, uhT, diag);
    long best = -1;
    double best_eu = -1.0, best_p = 0;
    for (size_t j = 0; j < n; j++) {
      if (j == i) continue;
      double p, edu = challenge(jb->r, jb->o, uhT, diag, jb->w->wts, i, j, &p);
      if (1e-5 < edu && best_eu < edu) best = (long)j, best_eu = edu, best_p = p;
    }
    jb->target[i] = best;
    jb->gain[i] = best >= 0 ? best_eu : NAN;
    jb->tprob[i] = best >= 0 ? best_p : NAN;
  }
  return 0;
}

/* Every initiator's target, on up to w->threads threads (the work is cubic in the actors). */
static int find_targets(const parley_smp_result *r, const parley_smp_options *o, smp_work *w, const double *R,
                        long *target, double *gain, double *tprob) {
  const size_t n = r->n;
  size_t T = n >= 48 ? w->threads : 1;
  if (T > n) T = n;
  target_job job = {r, o, w, R, T, target, gain, tprob};
  pl_parallel par = {.n_chunks = T, .threads = T, .run = target_range, .ctx = &job};
  return pl_parallel_run(&par);
}

/* One turn from state t (assessed: R, w->dist, w->ut) to state t + 1. */
static int turn(parley_smp_result *r, const parley_smp_options *o, smp_work *w, size_t t, uint64_t *rng) {
  const size_t n = r->n, D = r->D;
  int rc;
  const double *x = r->x + t * n * D, *R = r->risk + t * n;
  const int ivb = o->choice[PARLEY_SMP_INTERPOLATION], bm = o->choice[PARLEY_SMP_BARGAIN];
  long *target = r->target + (t + 1) * n;
  double *gain = r->gain + (t + 1) * n, *tprob = r->tprob + (t + 1) * n;
  double *bi = w->bscr, *bj = bi + D, *bi2 = bj + D, *bj2 = bi2 + D;
  w->nbar = 0;
  /* targeting and bargains, initiator by initiator; the queues are built afterwards in the
   * order KTAB fills them */
  long *first_bar = w->first;
  if ((rc = find_targets(r, o, w, R, target, gain, tprob)) != 0) return rc;
  for (size_t i = 0; i < n; i++) {
    const long best = target[i];
    const double best_p = tprob[i];
    first_bar[i] = -1;
    if (best < 0) continue;
    const size_t j = (size_t)best;
    first_bar[i] = (long)w->nbar;
    interpolate(r, ivb, i, j, x + i * D, x + j * D, best_p, 1 - best_p, bi, bj);
    if (bm == BM_INIT_ONLY) {
      add_bargain(w, i, j, bi, bj);
      continue;
    }
    /* the receiver's view of the same challenge (KTAB passes j's estimated gain here where it
     * means the probability; parley uses the probability) */
    estimate_utils(r, o, w, R, j, w->uh, w->diag);
    double pj;
    (void)challenge(r, o, w->uh, w->diag, w->wts, i, j, &pj);
    interpolate(r, ivb, i, j, x + i * D, x + j * D, pj, 1 - pj, bi2, bj2);
    if (bm == BM_INIT_RCVR) {
      add_bargain(w, i, j, bi, bj);
      add_bargain(w, i, j, bi2, bj2);
    } else {
      /* power-weighted compromise of the two views, weights capability x total salience */
      const double wi = r->cap[i] * r->S[i], wj = r->cap[j] * r->S[j];
      for (size_t k = 0; k < D; k++) {
        bi[k] = (wi * bi[k] + wj * bi2[k]) / (wi + wj);
        bj[k] = (wi * bj[k] + wj * bj2[k]) / (wi + wj);
      }
      add_bargain(w, i, j, bi, bj);
    }
  }
  /* queues: KTAB appends, initiator by initiator, the status quo to i's queue and then i's
   * bargains to the queues of i and of its target */
  size_t *len = w->qstart; /* reuse: counts first */
  for (size_t k = 0; k <= n; k++) len[k] = 0;
  for (size_t i = 0; i < n; i++) {
    len[i]++;
    if (first_bar[i] < 0) continue;
    size_t nb = bm == BM_INIT_RCVR ? 2 : 1;
    len[i] += nb;
    len[(size_t)target[i]] += nb;
  }
  size_t acc = 0;
  for (size_t k = 0; k < n; k++) {
    size_t c = len[k];
    len[k] = acc;
    acc += c;
  }
  len[n] = acc;
  size_t *fill = malloc(n * sizeof *fill);
  if (!fill) return PARLEY_ERR_NOMEM;
  for (size_t k = 0; k < n; k++) fill[k] = len[k];
  for (size_t i = 0; i < n; i++) {
    w->queue[fill[i]++] = -1;
    if (first_bar[i] < 0) continue;
    size_t nb = bm == BM_INIT_RCVR ? 2 : 1, j = (size_t)target[i];
    for (size_t b = 0; b < nb; b++) w->queue[fill[i]++] = first_bar[i] + (long)b;
    for (size_t b = 0; b < nb; b++) w->queue[fill[j]++] = first_bar[i] + (long)b;
  }
  free(fill);
  /* resolution: each actor's election over the bargains in its queue, every voter valuing a
   * bargain (each valued once: every status quo leaves all positions as they are) */
  for (size_t a = 0; a < n; a++) w->usq[a] = bargain_util(r, w, x, R, a, -1);
  for (size_t b = 0; b < w->nbar; b++)
    for (size_t a = 0; a < n; a++) w->ubar[b * n + a] = bargain_util(r, w, x, R, a, (long)b);
  double *nx = w->newx;
  long *init = r->init + (t + 1) * n, *rcvr = r->rcvr + (t + 1) * n;
  const int vr = o->choice[PARLEY_SMP_VOTING], vpm = o->choice[PARLEY_SMP_VICTORY], pcem = o->choice[PARLEY_SMP_PCE];
  for (size_t k = 0; k < n; k++) {
    const long *q = w->queue + len[k];
    const size_t nb = len[k + 1] - len[k];
    for (size_t m = 0; m < nb; m++)
      memcpy(w->uq + m * n, q[m] < 0 ? w->usq : w->ubar + (size_t)q[m] * n, n * sizeof *w->uq);
    pl_pce(n, nb, r->cap, w->uq, vr, vpm, pcem, &w->pce, w->pq);
    size_t m = 0;
    if (o->choice[PARLEY_SMP_TRANSITIONS] == 1) {
      double u = pl_prng_uniform(rng), cum = 0;
      for (m = 0; m + 1 < nb; m++) {
        cum += w->pq[m];
        if (u < cum) break;
      }
    } else {
      m = pl_arg_max(w->pq, nb);
    }
    const long b = q[m];
    if (b < 0) {
      memcpy(nx + k * D, x + k * D, D * sizeof *nx);
      init[k] = rcvr[k] = -1;
    } else {
      memcpy(nx + k * D, (size_t)w->binit[b] == k ? w->bpos_i + (size_t)b * D : w->bpos_r + (size_t)b * D,
             D * sizeof *nx);
      init[k] = w->binit[b], rcvr[k] = w->brcvr[b];
    }
  }
  memcpy(r->x + (t + 1) * n * D, nx, n * D * sizeof *nx);
  return 0;
}

/* Sum over actors of the Euclidean distance each moved between states a and b. */
static double state_dist(const parley_smp_result *r, size_t a, size_t b) {
  const size_t n = r->n, D = r->D;
  double sum = 0;
  for (size_t i = 0; i < n; i++) {
    double s = 0;
    for (size_t k = 0; k < D; k++) {
      double d = r->x[(a * n + i) * D + k] - r->x[(b * n + i) * D + k];
      s = s + d * d;
    }
    sum = sum + sqrt(s);
  }
  return sum;
}

int parley_smp_run(const parley_positions *pos, const size_t *issues, size_t n_issues, const parley_capability *cap,
                   const parley_smp_options *options, parley_smp_result **out, parley_error *err) {
  if (!pos || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_smp_options o;
  if (options) o = *options;
  else parley_smp_defaults(&o);
  for (int k = 0; k < PARLEY_SMP_OPTION_COUNT; k++)
    if (!parley_smp_value_name((parley_smp_option)k, o.choice[k]))
      return pl_fail(err, PARLEY_ERR_ARG, pos->source, 0, 0, "SMP option %s has no value %d", parley_smp_option_name((parley_smp_option)k), o.choice[k]);
  if (o.max_turns < 1) o.max_turns = 1;
  const size_t A = pos->n_actors, D = issues ? n_issues : pos->n_issues;
  if (D == 0) return pl_fail(err, PARLEY_ERR_INVALID, pos->source, 0, 0, "the SMP needs at least one issue");
  for (size_t d = 0; issues && d < D; d++)
    if (issues[d] >= pos->n_issues) return pl_fail(err, PARLEY_ERR_ARG, pos->source, 0, 0, "no issue %zu", issues[d]);
  parley_smp_result *r = calloc(1, sizeof *r);
  if (!r) return pl_fail(err, PARLEY_ERR_NOMEM, pos->source, 0, 0, "out of memory");
  r->D = D;
  r->issue = malloc(D * sizeof *r->issue);
  r->actor = malloc((A ? A : 1) * sizeof *r->actor);
  r->cap = malloc((A ? A : 1) * sizeof *r->cap);
  r->lo = malloc(D * sizeof *r->lo);
  r->scale = malloc(D * sizeof *r->scale);
  r->forecast = malloc(D * sizeof *r->forecast);
  if (!r->issue || !r->actor || !r->cap || !r->lo || !r->scale || !r->forecast) {
    parley_smp_free(r);
    return pl_fail(err, PARLEY_ERR_NOMEM, pos->source, 0, 0, "out of memory");
  }
  for (size_t d = 0; d < D; d++) r->issue[d] = issues ? issues[d] : d;
  /* the actors with everything on every issue, and a stake in one (an actor whose saliences
   * are all 0 cares about nothing here and takes no part) */
  for (size_t a = 0; a < A; a++) {
    double c = pl_forecast_capability(pos, r->issue[0], a, cap);
    int ok = c > 0, stake = 0;
    for (size_t d = 0; ok && d < D; d++) {
      const size_t i = r->issue[d];
      ok = !isnan(pos->position[i * A + a]) && !isnan(pos->salience[i * A + a]);
      stake |= ok && pos->salience[i * A + a] != 0;
    }
    if (!ok || !stake) continue;
    r->cap[r->n] = c;
    r->actor[r->n++] = a;
  }
  const size_t n = r->n;
  if (n < 2) {
    parley_smp_free(r);
    return pl_fail(err, PARLEY_ERR_INVALID, pos->source, 0, 0,
                   "the SMP needs at least two actors with a capability above 0, a position and a salience on %s, "
                   "and a salience above 0 on one",
                   D == 1 ? "the issue" : "every issue");
  }
  r->sal = malloc(n * D * sizeof *r->sal);
  r->S = malloc(n * sizeof *r->S);
  if (!r->sal || !r->S || reserve_state(r, 0)) {
    parley_smp_free(r);
    return pl_fail(err, PARLEY_ERR_NOMEM, pos->source, 0, 0, "out of memory");
  }
  for (size_t d = 0; d < D; d++) {
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < n; k++) {
      double v = pos->position[r->issue[d] * A + r->actor[k]];
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    if (lo >= 0 && hi <= 100) r->lo[d] = 0, r->scale[d] = 100;
    else r->lo[d] = lo, r->scale[d] = hi > lo ? hi - lo : 1;
  }
  for (size_t k = 0; k < n; k++) {
    double S = 0;
    for (size_t d = 0; d < D; d++) {
      const size_t i = r->issue[d] * A + r->actor[k];
      double s = pos->salience[i];
      if (s < 0 || s > 100) {
        const char *name = pos->actor[r->actor[k]], *iss = pos->issue[r->issue[d]];
        parley_smp_free(r);
        return pl_fail(err, PARLEY_ERR_INVALID, pos->source, 0, 0, "the salience of '%s' on '%s' is %g, not in 0-100",
                       name, iss, s);
      }
      r->sal[k * D + d] = s / 100.0;
      S = S + r->sal[k * D + d];
      r->x[k * D + d] = (pos->position[i] - r->lo[d]) / r->scale[d];
    }
    r->S[k] = S;
    if (!(S > 0) || S > 1 + 1e-12) {
      const char *name = pos->actor[r->actor[k]];
      parley_smp_free(r);
      return pl_fail(err, PARLEY_ERR_INVALID, pos->source, 0, 0,
                     "the saliences of '%s' add up to %g; the SMP needs more than 0 and at most 100", name, S * 100);
    }
  }
  smp_work w;
  size_t threads = o.threads ? o.threads : parley_default_threads();
  if (threads > SMP_MAX_THREADS) threads = SMP_MAX_THREADS;
  int rc = work_init(&w, n, D, threads);
  for (size_t k = 0; rc == 0 && k < n; k++) w.wts[k] = r->S[k] * r->cap[k];
  uint64_t rng = o.seed;
  double d01 = 0;
  size_t t = 0;
  for (size_t k = 0; k < n; k++) r->target[k] = r->init[k] = r->rcvr[k] = -1, r->gain[k] = r->tprob[k] = NAN;
  while (rc == 0) {
    assess(r, &o, &w, r->x + t * n * D, r->risk + t * n, r->prob + t * n);
    if (r->converged || t == o.max_turns) break;
    if ((rc = reserve_state(r, t + 1)) != 0) break;
    if ((rc = turn(r, &o, &w, t, &rng)) != 0) break;
    t++;
    if (t == 1) d01 = state_dist(r, 0, 1) + 1e-4;
    r->converged = t >= o.min_turns && state_dist(r, t, t - 1) / d01 < o.stop_ratio;
    if (o.progress && o.progress(o.progress_user, (double)t / (double)o.max_turns)) rc = PARLEY_ERR_CANCELLED;
  }
  work_free(&w);
  if (rc) {
    parley_smp_free(r);
    return pl_fail(err, rc, pos->source, 0, 0, "%s", rc == PARLEY_ERR_CANCELLED ? "SMP run cancelled" : "out of memory");
  }
  r->turns = t;
  r->options = o;
  /* the forecast: capability x salience weighted mean of the final positions */
  for (size_t d = 0; d < D; d++) {
    double num = 0, den = 0;
    for (size_t k = 0; k < n; k++) {
      double wk = r->cap[k] * r->sal[k * D + d];
      num += wk * r->x[(t * n + k) * D + d];
      den += wk;
    }
    r->forecast[d] = r->lo[d] + r->scale[d] * (den > 0 ? num / den : NAN);
  }
  *out = r;
  return 0;
}

const parley_smp_options *parley_smp_options_get(const parley_smp_result *r) { return &r->options; }
size_t parley_smp_turn_count(const parley_smp_result *r) {
  return r ? r->turns : 0;
}
int parley_smp_converged(const parley_smp_result *r) {
  return r ? r->converged : 0;
}
size_t parley_smp_actor_count(const parley_smp_result *r) {
  return r ? r->n : 0;
}
size_t parley_smp_actor(const parley_smp_result *r, size_t k) {
  return r && k < r->n ? r->actor[k] : PARLEY_NONE;
}
size_t parley_smp_issue_count(const parley_smp_result *r) {
  return r ? r->D : 0;
}
size_t parley_smp_issue(const parley_smp_result *r, size_t d) {
  return r && d < r->D ? r->issue[d] : PARLEY_NONE;
}
double parley_smp_position(const parley_smp_result *r, size_t t, size_t k, size_t d) {
  if (!r || t > r->turns || k >= r->n || d >= r->D) return NAN;
  return r->lo[d] + r->scale[d] * r->x[(t * r->n + k) * r->D + d];
}
double parley_smp_risk(const parley_smp_result *r, size_t t, size_t k) {
  return r && t <= r->turns && k < r->n ? r->risk[t * r->n + k] : NAN;
}
double parley_smp_probability(const parley_smp_result *r, size_t t, size_t k) {
  return r && t <= r->turns && k < r->n ? r->prob[t * r->n + k] : NAN;
}
static size_t index_or_none(long k) { return k >= 0 ? (size_t)k : PARLEY_NONE; }

size_t parley_smp_target(const parley_smp_result *r, size_t t, size_t k, double *gain, double *prob) {
  if (!r || t < 1 || t > r->turns || k >= r->n) return PARLEY_NONE;
  if (gain) *gain = r->gain[t * r->n + k];
  if (prob) *prob = r->tprob[t * r->n + k];
  return index_or_none(r->target[t * r->n + k]);
}
size_t parley_smp_adopted(const parley_smp_result *r, size_t t, size_t k, size_t *receiver) {
  if (receiver) *receiver = PARLEY_NONE;
  if (!r || t < 1 || t > r->turns || k >= r->n) return PARLEY_NONE;
  if (receiver) *receiver = index_or_none(r->rcvr[t * r->n + k]);
  return index_or_none(r->init[t * r->n + k]);
}
double parley_smp_forecast(const parley_smp_result *r, size_t d) {
  return r && d < r->D ? r->forecast[d] : NAN;
}
