/* exchange.c — Stokman's exchange model of voting positions (Stokman & Van Oosten 1994), in
 * its equal-gain form (docs/models.md, "Exchange", and docs/forecasting.md), written from the published
 * description.
 *
 * Several issues are decided together. The outcome of issue d is the capability x salience
 * weighted mean O_d = sum w_ad x_ad / W_d, w_ad = c_a s_ad. Actor a values a shift of O_d
 * towards its position by s_ad per unit. Two actors i, j who lie on opposite sides of the
 * outcome on two issues p and q, and who care about them in different proportions
 * (s_ip s_jq > s_iq s_jp), can trade: j moves on p towards i's position (i's "demand" issue,
 * j's "supply" issue), i moves on q towards j's. A move of m by j on p shifts O_p by
 * a = w_jp m / W_p; a move of m' by i shifts O_q by b = w_iq m' / W_q. Their gains are
 *     i: s_ip a - s_iq b,    j: s_jq b - s_jp a,
 * equal when b = a (s_ip + s_jp) / (s_iq + s_jq); the common gain is then
 * a (s_ip s_jq - s_iq s_jp) / (s_iq + s_jq) > 0. The exchange is as large as it can be without
 * either actor moving past its partner's position: one of the two moves all the way.
 *
 * An exchange is also limited so that neither outcome moves past the demander's position (a
 * shift beyond it would no longer be a gain to the demander).
 *
 * A round executes exchanges greedily: the one with the highest gain on the current positions
 * and outcomes (ties: the first in the order of issues, then actors), then the best among
 * those that share no actor-issue pair with an exchange already executed in the round, and so
 * on. The run stops when a round finds no exchange, when no outcome moved by more than the
 * tolerance, or after the most rounds asked for. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/capability.h"
#include "model/positions.h"
#include "util/error.h"
#include "util/vec.h"

struct parley_exchange_result {
  size_t A, D;         /* actors of the input, issues of the run */
  size_t *issue;       /* D: indices into parley_positions */
  double *w;           /* D x A: capability x salience / 100, NaN where the actor takes no part */
  double *s;           /* D x A: salience / 100 */
  double *W;           /* D: total weight of each issue */
  double eps;          /* positions closer than this to an outcome are at it */
  double *x;           /* states x D x A positions */
  double *outcome;     /* states x D */
  size_t rounds, cap_states;
  int converged;
  parley_exchange *ex; /* every exchange executed, in order */
  size_t n_ex, cap_ex;
  parley_exchange_options options;
};

void parley_exchange_defaults(parley_exchange_options *o) {
  if (!o) return;
  o->rounds = 100;
  o->tolerance = 0;
}

void parley_exchange_free(parley_exchange_result *r) {
  if (!r) return;
  free(r->issue), free(r->w), free(r->s), free(r->W), free(r->x), free(r->outcome), free(r->ex);
  free(r);
}

static int reserve_state(parley_exchange_result *r, size_t t) {
  if (t < r->cap_states) return 0;
  size_t nc = r->cap_states ? 2 * r->cap_states : 8;
  if (pl_resize(&r->x, nc * r->D * r->A) || pl_resize(&r->outcome, nc * r->D)) return PARLEY_ERR_NOMEM;
  r->cap_states = nc;
  return 0;
}

/* The weighted mean of state t's votes on each issue (NaN where nobody weighs). */
static void outcomes(parley_exchange_result *r, size_t t) {
  const size_t A = r->A, D = r->D;
  const double *x = r->x + t * D * A;
  for (size_t d = 0; d < D; d++) {
    double swx = 0;
    for (size_t a = 0; a < A; a++)
      if (r->w[d * A + a] > 0) swx += r->w[d * A + a] * x[d * A + a];
    r->outcome[t * D + d] = r->W[d] > 0 ? swx / r->W[d] : NAN;
  }
}

/* The equal-gain exchange between actors i and j on issues p and q (indices into the run), i
 * demanding p and j demanding q, on voting positions x with outcomes O; the actors' interests
 * are their starting positions (state 0). Returns 1 and fills e (issues as run indices) when
 * the two gain from it. */
static int equal_gain(const parley_exchange_result *r, const double *x, const double *O, size_t i, size_t j,
                      size_t p, size_t q, parley_exchange *e) {
  const size_t A = r->A;
  const double *W = r->W, *ideal = r->x;
  const double sip = r->s[p * A + i], siq = r->s[q * A + i], sjp = r->s[p * A + j], sjq = r->s[q * A + j];
  const double wjp = r->w[p * A + j], wiq = r->w[q * A + i];
  const double xip = x[p * A + i], xjp = x[p * A + j], xiq = x[q * A + i], xjq = x[q * A + j];
  /* j moves on p in the direction that brings O_p towards i's interest, up to i's vote; i on
   * q likewise */
  const double dir_p = ideal[p * A + i] > O[p] ? 1 : -1, dir_q = ideal[q * A + j] > O[q] ? 1 : -1;
  const double room_j = fmax(0, (xip - xjp) * dir_p), room_i = fmax(0, (xjq - xiq) * dir_q);
  /* the largest shifts of O_p and O_q: a mover stops at its partner's vote, an outcome at the
   * demander's interest */
  const double a_max = fmin(wjp * room_j / W[p], fabs(ideal[p * A + i] - O[p]));
  const double b_max = fmin(wiq * room_i / W[q], fabs(ideal[q * A + j] - O[q]));
  const double ratio = (sip + sjp) / (siq + sjq); /* b / a for equal gains */
  double a = a_max, b = a * ratio;
  if (b > b_max) b = b_max, a = b / ratio;
  const double mj = fmin(a * W[p] / wjp, room_j), mi = fmin(b * W[q] / wiq, room_i);
  const double gain = sip * a - siq * b;
  if (!(gain > 0)) return 0;
  e->actor[0] = i, e->actor[1] = j;
  e->demand[0] = p, e->demand[1] = q;
  /* actor[0] = i moves on demand[1] = q towards j; actor[1] = j moves on p towards i */
  e->from[0] = xiq;
  e->to[0] = mi >= room_i ? xjq : xiq + dir_q * mi;
  e->from[1] = xjp;
  e->to[1] = mj >= room_j ? xip : xjp + dir_p * mj;
  e->gain = gain;
  return 1;
}

/* Which side of the outcome a position lies on, an actor within eps of it lying on neither. */
static int side(double v, double eps) { return v > eps ? 1 : v < -eps ? -1 : 0; }

/* The best exchange on positions x with outcomes O among the actor-issue pairs not yet used
 * (ties: the first in the order of p, q, i, j). Returns 1 and fills best when there is one
 * gaining more than min_gain. */
static int best_exchange(const parley_exchange_result *r, const double *x, const double *O,
                         const unsigned char *used, double min_gain, parley_exchange *best) {
  const size_t A = r->A, D = r->D;
  const double eps = r->eps, *ideal = r->x; /* interests: the starting positions */
  int found = 0;
  for (size_t p = 0; p < D; p++)
    for (size_t q = p + 1; q < D; q++) {
      if (isnan(O[p]) || isnan(O[q])) continue;
      for (size_t i = 0; i < A; i++) {
        if (!(r->w[p * A + i] > 0 && r->w[q * A + i] > 0) || used[p * A + i] || used[q * A + i]) continue;
        const int sp_i = side(ideal[p * A + i] - O[p], eps), sq_i = side(ideal[q * A + i] - O[q], eps);
        if (sp_i == 0 || sq_i == 0) continue;
        for (size_t j = i + 1; j < A; j++) {
          if (!(r->w[p * A + j] > 0 && r->w[q * A + j] > 0) || used[p * A + j] || used[q * A + j]) continue;
          if (side(ideal[p * A + j] - O[p], eps) != -sp_i || side(ideal[q * A + j] - O[q], eps) != -sq_i) continue;
          const double lhs = r->s[p * A + i] * r->s[q * A + j], rhs = r->s[q * A + i] * r->s[p * A + j];
          if (!(fabs(lhs - rhs) > 1e-12 * (lhs + rhs))) continue; /* same proportions: nothing to trade */
          parley_exchange e;
          int ok = lhs > rhs ? equal_gain(r, x, O, i, j, p, q, &e) : equal_gain(r, x, O, j, i, p, q, &e);
          if (ok && e.gain > min_gain && (!found || e.gain > best->gain)) *best = e, found = 1;
        }
      }
    }
  return found;
}

int parley_exchange_run(const parley_positions *pos, const size_t *issues, size_t n_issues,
                        const parley_capability *cap, const parley_exchange_options *options,
                        parley_exchange_result **out, parley_error *err) {
  if (!pos || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_exchange_options o;
  if (options) o = *options;
  else parley_exchange_defaults(&o);
  if (!(o.tolerance >= 0)) return pl_fail(err, PARLEY_ERR_ARG, pos->source, 0, 0, "the tolerance must be 0 or more");
  const size_t A = pos->n_actors, D = issues ? n_issues : pos->n_issues;
  if (D == 0) return pl_fail(err, PARLEY_ERR_INVALID, pos->source, 0, 0, "the exchange model needs at least one issue");
  for (size_t d = 0; issues && d < D; d++)
    if (issues[d] >= pos->n_issues) return pl_fail(err, PARLEY_ERR_ARG, pos->source, 0, 0, "no issue %zu", issues[d]);
  parley_exchange_result *r = calloc(1, sizeof *r);
  if (!r) return pl_fail(err, PARLEY_ERR_NOMEM, pos->source, 0, 0, "out of memory");
  r->A = A, r->D = D;
  r->options = o;
  r->issue = malloc(D * sizeof *r->issue);
  r->w = malloc(D * (A ? A : 1) * sizeof *r->w);
  r->s = malloc(D * (A ? A : 1) * sizeof *r->s);
  r->W = calloc(D, sizeof *r->W);
  int rc = !r->issue || !r->w || !r->s || !r->W || reserve_state(r, 0) ? PARLEY_ERR_NOMEM : 0;
  double lo = INFINITY, hi = -INFINITY;
  size_t weighed = 0;
  for (size_t d = 0; rc == 0 && d < D; d++) {
    const size_t i = r->issue[d] = issues ? issues[d] : d;
    int any = 0;
    for (size_t a = 0; a < A; a++) {
      const double x = pos->position[i * A + a], s = pos->salience[i * A + a];
      const double c = pl_forecast_capability(pos, i, a, cap);
      const int part = !isnan(x) && !isnan(s) && s >= 0 && c > 0;
      r->s[d * A + a] = part ? s / 100 : NAN;
      r->w[d * A + a] = part ? c * s / 100 : NAN;
      r->x[d * A + a] = part ? x : NAN;
      if (part && s > 0) {
        any = 1;
        r->W[d] += c * s / 100;
        lo = fmin(lo, x), hi = fmax(hi, x);
      }
    }
    weighed += any;
  }
  if (rc == 0 && weighed == 0)
    rc = pl_fail(err, PARLEY_ERR_INVALID, pos->source, 0, 0,
                 "the exchange model needs an issue with an actor that has a position, a salience above 0 and a "
                 "capability above 0");
  else if (rc) pl_fail(err, rc, pos->source, 0, 0, "out of memory");
  if (rc) {
    parley_exchange_free(r);
    return rc;
  }
  outcomes(r, 0);
  const double min_gain = 1e-12 * (1 + (hi > lo ? hi - lo : 0));
  r->eps = 1e-9 * (1 + (hi > lo ? hi - lo : 0));
  unsigned char *used = calloc(D * (A ? A : 1), 1);
  if (!used) rc = PARLEY_ERR_NOMEM;
  double *O = malloc((D ? D : 1) * sizeof *O);
  if (!O) rc = PARLEY_ERR_NOMEM;
  size_t t = 0;
  while (rc == 0 && t < o.rounds) {
    if ((rc = reserve_state(r, t + 1)) != 0) break;
    double *next = r->x + (t + 1) * D * A;
    memcpy(next, r->x + t * D * A, D * A * sizeof *next);
    memcpy(O, r->outcome + t * D, D * sizeof *O);
    memset(used, 0, D * A);
    size_t executed = 0;
    parley_exchange e;
    while (rc == 0 && best_exchange(r, next, O, used, min_gain, &e)) {
      const size_t i = e.actor[0], j = e.actor[1], p = e.demand[0], q = e.demand[1];
      used[p * A + i] = used[q * A + i] = used[p * A + j] = used[q * A + j] = 1;
      O[q] += r->w[q * A + i] * (e.to[0] - e.from[0]) / r->W[q];
      O[p] += r->w[p * A + j] * (e.to[1] - e.from[1]) / r->W[p];
      next[q * A + i] = e.to[0];
      next[p * A + j] = e.to[1];
      if (pl_grow(&r->ex, &r->cap_ex, r->n_ex + 1)) {
        rc = PARLEY_ERR_NOMEM;
        break;
      }
      e.round = t + 1;
      e.demand[0] = r->issue[p], e.demand[1] = r->issue[q]; /* as indices into parley_positions */
      r->ex[r->n_ex++] = e;
      executed++;
    }
    if (rc) break;
    if (executed == 0) {
      r->converged = 1;
      break;
    }
    t++;
    outcomes(r, t);
    double moved = 0;
    for (size_t d = 0; d < D; d++) {
      const double m = fabs(r->outcome[t * D + d] - r->outcome[(t - 1) * D + d]);
      if (m > moved) moved = m;
    }
    if (o.tolerance > 0 && moved <= o.tolerance) {
      r->converged = 1;
      break;
    }
  }
  free(O);
  r->rounds = t;
  free(used);
  if (rc) {
    parley_exchange_free(r);
    return pl_fail(err, rc, pos->source, 0, 0, "out of memory");
  }
  *out = r;
  return 0;
}

const parley_exchange_options *parley_exchange_options_get(const parley_exchange_result *r) { return &r->options; }
size_t parley_exchange_round_count(const parley_exchange_result *r) { return r ? r->rounds : 0; }
int parley_exchange_converged(const parley_exchange_result *r) { return r ? r->converged : 0; }
size_t parley_exchange_issue_count(const parley_exchange_result *r) { return r ? r->D : 0; }
size_t parley_exchange_issue(const parley_exchange_result *r, size_t d) {
  return r && d < r->D ? r->issue[d] : PARLEY_NONE;
}
double parley_exchange_outcome(const parley_exchange_result *r, size_t t, size_t d) {
  return r && t <= r->rounds && d < r->D ? r->outcome[t * r->D + d] : NAN;
}
double parley_exchange_position(const parley_exchange_result *r, size_t t, size_t actor, size_t d) {
  return r && t <= r->rounds && d < r->D && actor < r->A ? r->x[(t * r->D + d) * r->A + actor] : NAN;
}
size_t parley_exchange_count(const parley_exchange_result *r) { return r ? r->n_ex : 0; }
const parley_exchange *parley_exchange_get(const parley_exchange_result *r, size_t k) {
  return r && k < r->n_ex ? &r->ex[k] : NULL;
}
