/* smp_election.c — the probabilistic Condorcet election of KTAB's Spatial Model of Politics:
 * the victory probabilities of two coalitions, and the election over a set of options, in its
 * conditional and Markov forms (docs/models.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/smp.h"

/* Victory probabilities of two coalitions of strengths s1, s2. */
static void vprob(int vpm, double s1, double s2, double *p1, double *p2) {
  double x1 = s1, x2 = s2;
  switch (vpm) {
    case VP_SQUARE: x1 = s1 * s1, x2 = s2 * s2; break;
    case VP_QUARTIC: x1 = s1 * s1 * s1 * s1, x2 = s2 * s2 * s2 * s2; break;
    case VP_OCTIC: {
      double q1 = s1 * s1 * s1 * s1, q2 = s2 * s2 * s2 * s2;
      x1 = q1 * q1, x2 = q2 * q2;
      break;
    }
    case VP_BINARY: {
      const double thresh = 1.10;
      if (s1 >= thresh * s2) x1 = 1.0, x2 = 1e-6;
      else if (s2 >= thresh * s1) x1 = 1e-6, x2 = 1.0;
      else {
        double r12 = s1 / (s1 + s2), p12 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
        x1 = p12, x2 = 1 - p12;
      }
      break;
    }
    default: break;
  }
  *p1 = x1 / (x1 + x2);
  *p2 = x2 / (x1 + x2);
}

int pl_pce_reserve(pl_pce_work *w, size_t nb) {
  if (nb <= w->cap) return 0;
  free(w->c), free(w->pv), free(w->q), free(w->tmp);
  w->c = malloc(nb * nb * sizeof *w->c);
  w->pv = malloc(nb * nb * sizeof *w->pv);
  w->q = malloc(nb * sizeof *w->q);
  w->tmp = malloc(nb * nb * sizeof *w->tmp);
  w->cap = w->c && w->pv && w->q && w->tmp ? nb : 0;
  return w->cap ? 0 : PARLEY_ERR_NOMEM;
}

void pl_pce_free(pl_pce_work *w) {
  free(w->c), free(w->pv), free(w->q), free(w->tmp);
}

void pl_pce(size_t na, size_t nb, const double *w, const double *u, int vr, int vpm, int pcem,
                       pl_pce_work *wk, double *p) {
  double *c = wk->c, *pv = wk->pv;
  for (size_t i = 0; i < nb; i++) {
    for (size_t j = 0; j < i; j++) {
      double cij = 1e-8, cji = 1e-8;
      const double *ui = u + i * na, *uj = u + j * na;
      if (vr == VR_PROP) {
        for (size_t k = 0; k < na; k++) {
          double v = w[k] * (ui[k] - uj[k]);
          cij = cij + (v > 0 ? v : 0.0); /* adding +0 leaves a positive sum unchanged */
          cji = cji - (v < 0 ? v : 0.0);
        }
      } else {
        for (size_t k = 0; k < na; k++) {
          double v = vote(vr, w[k], ui[k], uj[k]);
          if (v > 0) cij = cij + v;
          if (v < 0) cji = cji - v;
        }
      }
      c[i * nb + j] = cij;
      c[j * nb + i] = cji;
    }
    c[i * nb + i] = 1e-8;
  }
  for (size_t i = 0; i < nb; i++) {
    for (size_t j = 0; j < i; j++) vprob(vpm, c[i * nb + j], c[j * nb + i], &pv[i * nb + j], &pv[j * nb + i]);
    pv[i * nb + i] = 0.5;
  }
  if (pcem == PCE_CONDITIONAL) {
    double sum = 0;
    for (size_t i = 0; i < nb; i++) {
      double pi = 1.0;
      for (size_t j = 0; j < nb; j++) pi = pi * pv[i * nb + j];
      p[i] = pi;
      sum = sum + p[i];
    }
    if (sum > 0 && isfinite(sum)) {
      for (size_t i = 0; i < nb; i++) p[i] = p[i] / sum;
      return;
    }
    /* every product underflowed (hundreds of options): the same ratios from logarithms */
    double top = -INFINITY;
    for (size_t i = 0; i < nb; i++) {
      double l = 0;
      for (size_t j = 0; j < nb; j++) l += log(pv[i * nb + j]);
      p[i] = l;
      if (l > top) top = l;
    }
    sum = 0;
    for (size_t i = 0; i < nb; i++) sum += (p[i] = exp(p[i] - top));
    for (size_t i = 0; i < nb; i++) p[i] /= sum;
    return;
  }
  double *q = wk->q, *m = wk->tmp;
  for (size_t i = 0; i < nb; i++) p[i] = 1.0 / (double)nb;
  if (pcem == PCE_MARKOV_INCENTIVE) {
    /* challenge probabilities proportional to the incentive c(i:j) P[i>j] */
    for (size_t i = 0; i < nb; i++)
      for (size_t j = 0; j < nb; j++) m[i * nb + j] = c[i * nb + j] * pv[i * nb + j] + (i == j ? 1e-10 : 0);
    for (size_t j = 0; j < nb; j++) {
      double s = 0;
      for (size_t k = 0; k < nb; k++) s = s + m[k * nb + j];
      for (size_t i = 0; i < nb; i++) m[i * nb + j] /= s; /* m(i,j) = P[i challenges j] */
    }
  }
  const double tol = pcem == PCE_MARKOV_INCENTIVE ? 1e-8 : 1e-6;
  for (int iter = 0; iter < 1000; iter++) {
    double change = 0;
    for (size_t i = 0; i < nb; i++) {
      double qi = 0;
      for (size_t j = 0; j < nb; j++) {
        if (pcem == PCE_MARKOV_INCENTIVE) qi = qi + pv[i * nb + j] * (p[i] * m[j * nb + i] + p[j] * m[i * nb + j]);
        else qi = qi + pv[i * nb + j] * (p[i] + p[j]);
      }
      q[i] = pcem == PCE_MARKOV_INCENTIVE ? qi : qi / (double)nb;
      double d = fabs(q[i] - p[i]);
      change = d > change ? d : change;
    }
    for (size_t i = 0; i < nb; i++) p[i] = (p[i] + q[i]) / 2.0;
    if (!(change > tol)) break;
  }
}

size_t pl_arg_max(const double *p, size_t n) {
  size_t best = 0;
  double top = -1.0;
  for (size_t i = 0; i < n; i++)
    if (top < fabs(p[i])) top = fabs(p[i]), best = i;
  return best;
}

