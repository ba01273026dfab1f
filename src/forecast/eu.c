/* eu.c — Bueno de Mesquita's expected-utility ("challenge") model in its
 * replication-compatible form: the rules under which an open re-implementation reproduces
 * Scholz, Calbert & Smith (2011), Table 2 (docs/models.md, "Expected utility", lists them):
 *  - R, the position range, is fixed at the initial range; salience is read as a probability
 *    (salience / 100);
 *  - P(i prevails over j) = sum_k max(0, v_k) / sum_k sum_a sum_b |v_k(a, b)|, where
 *    v_k(a, b) = c_k s_k ((|x_k - x_b| / R)^r_k - (|x_k - x_a| / R)^r_k) uses each voter's own
 *    risk exponent, and the denominator runs over all n^2 ordered pairs of current positions;
 *  - E^i(U_ij) = s_j [P U_s + (1 - P) U_f] + (1 - s_j) U_s - Q U_sq, with the utilities of
 *    §1.4 step B, all taken with the exponent of the actor whose view it is, for E(U_ij) and
 *    E(U_ji) alike;
 *  - risk exponents: with every r = 1, actor i's danger D_i = sum_{j != i} E^i(U_ji),
 *    R_i = (2 D_i - max D - min D) / (max D - min D), r_i = (1 - R_i / 3) / (1 + R_i / 3);
 *  - offers to actor i from each j at another position, as i sees them (a = E(U_ij),
 *    b = E(U_ji)): confrontation when b > a > 0 (i moves to x_j); compromise when b > 0 > a and
 *    b > |a| (i moves to x_i + (x_j - x_i)|a/b|); nothing else (the replication's
 *    capitulation branch can never fire);
 *  - i takes the confrontation that moves it least, else the compromise with the smallest
 *    (|a| x_i + |b| x_j) / (|a| + |b|), first actor first among equals; everyone moves at once;
 *  - the median each round is the Condorcet winner among the distinct positions (with r = 1),
 *    found by a pairwise scan in increasing position; the mean is the c s weighted mean. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/eu.h"
#include "forecast/capability.h"
#include "model/positions.h"
#include "util/error.h"

typedef struct eu_model {
  size_t n;
  const double *c, *s; /* capability, salience in [0, 1] */
  double *x, *r;       /* positions, risk exponents */
  double R, q;
  double denom;        /* the n^3 vote sum of P, for the current x and r */
} eu_model;

static double vote(const eu_model *m, size_t k, double xa, double xb, double rk) {
  return m->c[k] * m->s[k] * (pow(fabs(m->x[k] - xb) / m->R, rk) - pow(fabs(m->x[k] - xa) / m->R, rk));
}

static void refresh_denominator(eu_model *m) {
  double d = 0;
  for (size_t k = 0; k < m->n; k++)
    for (size_t a = 0; a < m->n; a++)
      for (size_t b = 0; b < m->n; b++) d += fabs(vote(m, k, m->x[a], m->x[b], m->r[k]));
  m->denom = d;
}

static double prevail(const eu_model *m, double xi, double xj) {
  if (xi == xj || !(m->denom > 0)) return 0;
  double num = 0;
  for (size_t k = 0; k < m->n; k++) {
    double v = vote(m, k, xi, xj, m->r[k]);
    if (v > 0) num += v;
  }
  return num / m->denom;
}

/* E(U_ij) of i challenging j, seen by actor `view` (its exponent for every utility). */
static double eu_challenge(const eu_model *m, size_t view, size_t i, size_t j) {
  const double rv = m->r[view], d = fabs(m->x[i] - m->x[j]) / m->R;
  const double us = 2 - 4 * pow(0.5 - 0.5 * d, rv), uf = 2 - 4 * pow(0.5 + 0.5 * d, rv);
  const double usq = 2 - 4 * pow(0.5, rv);
  const double p = prevail(m, m->x[i], m->x[j]);
  return m->s[j] * (p * us + (1 - p) * uf) + (1 - m->s[j]) * us - m->q * usq;
}

static double median_of(const eu_model *m) {
  /* distinct positions in increasing order; the Condorcet winner with r = 1 */
  double *v = malloc(m->n * sizeof *v);
  if (!v) return NAN;
  size_t n = 0;
  for (size_t k = 0; k < m->n; k++) {
    size_t j = 0;
    while (j < n && v[j] != m->x[k]) j++;
    if (j == n) v[n++] = m->x[k];
  }
  for (size_t a = 1; a < n; a++)
    for (size_t b = a; b > 0 && v[b - 1] > v[b]; b--) {
      double t = v[b];
      v[b] = v[b - 1];
      v[b - 1] = t;
    }
  double med = v[0];
  for (size_t a = 1; a < n; a++) {
    double votes = 0;
    for (size_t k = 0; k < m->n; k++) votes += vote(m, k, v[a], med, 1.0);
    if (votes > 0) med = v[a];
  }
  free(v);
  return med;
}

static double mean_of(const eu_model *m) {
  double num = 0, den = 0;
  for (size_t k = 0; k < m->n; k++) {
    num += m->c[k] * m->s[k] * m->x[k];
    den += m->c[k] * m->s[k];
  }
  return den > 0 ? num / den : NAN;
}

/* Allocates the trace of `rounds` rounds of n actors; 0 or PARLEY_ERR_NOMEM (nothing left). */
static int trace_alloc(pl_eu_trace *out, size_t n, size_t rounds) {
  out->rounds = rounds;
  out->n = n;
  out->median = malloc((rounds + 1) * sizeof *out->median);
  out->mean = malloc((rounds + 1) * sizeof *out->mean);
  out->x = malloc((rounds + 1) * n * sizeof *out->x);
  out->r = malloc((rounds + 1) * n * sizeof *out->r);
  out->move = malloc((rounds + 1) * n * sizeof *out->move);
  out->partner = malloc((rounds + 1) * n * sizeof *out->partner);
  if (out->median && out->mean && out->x && out->r && out->move && out->partner) return 0;
  pl_eu_trace_free(out);
  return PARLEY_ERR_NOMEM;
}

/* The start both modes share: the model over n actors (positions and risks allocated), the
 * trace, and two scratch rows of n numbers. 0, PARLEY_ERR_INVALID (fewer than two actors) or
 * PARLEY_ERR_NOMEM (nothing left allocated). */
static int model_start(eu_model *m, const double *c, const double *s, size_t n, double q, size_t rounds,
                       pl_eu_trace *out, double **a, double **b) {
  memset(out, 0, sizeof *out);
  *a = *b = NULL;
  if (n < 2) return PARLEY_ERR_INVALID;
  *m = (eu_model){n, c, s, NULL, NULL, 0, q, 0};
  m->x = malloc(n * sizeof *m->x);
  m->r = malloc(n * sizeof *m->r);
  *a = malloc(n * sizeof **a);
  *b = malloc(n * sizeof **b);
  if (m->x && m->r && *a && *b && trace_alloc(out, n, rounds) == 0) return 0;
  free(m->x), free(m->r), free(*a), free(*b);
  pl_eu_trace_free(out);
  return PARLEY_ERR_NOMEM;
}

/* Every 8 actors of a round: asks progress whether to go on (the share done so far). */
static int eu_stop(parley_progress_fn progress, void *user, size_t t, size_t i, size_t n, size_t rounds) {
  if (!progress || (i & 7) != 0) return 0;
  return progress(user, ((double)(t - 1) + (double)i / (double)n) / (double)rounds) != 0;
}

int pl_eu_run(const double *c, const double *s, const double *x0, size_t n, double q, size_t rounds,
              parley_progress_fn progress, void *user, pl_eu_trace *out) {
  eu_model m;
  double *danger, *next;
  int rc = model_start(&m, c, s, n, q, rounds, out, &danger, &next);
  if (rc) return rc;
  double lo = x0[0], hi = x0[0];
  for (size_t k = 0; k < n; k++) {
    m.x[k] = x0[k];
    m.r[k] = 1;
    if (x0[k] < lo) lo = x0[k];
    if (x0[k] > hi) hi = x0[k];
  }
  m.R = hi - lo;
  if (!(m.R > 0)) m.R = 1; /* everyone agrees: nothing will move */
  for (size_t t = 0; t <= rounds; t++) {
    if (t > 0) {
      /* risk exponents from the dangers with every r = 1 */
      for (size_t k = 0; k < n; k++) m.r[k] = 1;
      refresh_denominator(&m);
      double dmax = -INFINITY, dmin = INFINITY;
      for (size_t i = 0; i < n; i++) {
        if (eu_stop(progress, user, t, i, n, rounds)) {
          rc = PARLEY_ERR_CANCELLED;
          goto done;
        }
        danger[i] = 0;
        for (size_t j = 0; j < n; j++)
          if (j != i) danger[i] += eu_challenge(&m, i, j, i);
        if (danger[i] > dmax) dmax = danger[i];
        if (danger[i] < dmin) dmin = danger[i];
      }
      for (size_t i = 0; i < n; i++) {
        double R = dmax > dmin ? (2 * danger[i] - dmax - dmin) / (dmax - dmin) : 0;
        m.r[i] = (1 - R / 3) / (1 + R / 3);
      }
      refresh_denominator(&m);
      /* every actor takes its best offer; all move at once */
      for (size_t i = 0; i < n; i++) {
        int kind = PL_EU_STAY;
        long partner = -1;
        double best_move = INFINITY, best_key = INFINITY, pos = m.x[i];
        for (size_t j = 0; j < n; j++) {
          if (j == i || m.x[j] == m.x[i]) continue;
          double a = eu_challenge(&m, i, i, j), b = eu_challenge(&m, i, j, i);
          if (b > a && a > 0) {
            double mv = fabs(m.x[j] - m.x[i]);
            if (kind != PL_EU_CONFRONTATION || mv < best_move) {
              kind = PL_EU_CONFRONTATION;
              best_move = mv;
              pos = m.x[j];
              partner = (long)j;
            }
          } else if (b > 0 && 0 > a && b > fabs(a) && kind != PL_EU_CONFRONTATION) {
            double key = (fabs(a) * m.x[i] + fabs(b) * m.x[j]) / (fabs(a) + fabs(b));
            if (kind != PL_EU_COMPROMISE || key < best_key) {
              kind = PL_EU_COMPROMISE;
              best_key = key;
              pos = m.x[i] + (m.x[j] - m.x[i]) * fabs(a / b);
              partner = (long)j;
            }
          }
        }
        next[i] = pos;
        out->move[t * n + i] = kind;
        out->partner[t * n + i] = partner;
      }
      memcpy(m.x, next, n * sizeof *next);
    } else {
      for (size_t i = 0; i < n; i++) {
        out->move[i] = PL_EU_STAY;
        out->partner[i] = -1;
      }
    }
    for (size_t k = 0; k < n; k++) m.r[k] = t > 0 ? m.r[k] : 1;
    memcpy(out->x + t * n, m.x, n * sizeof *m.x);
    memcpy(out->r + t * n, m.r, n * sizeof *m.r);
    out->median[t] = median_of(&m);
    out->mean[t] = mean_of(&m);
  }
done:
  free(m.x), free(m.r), free(danger), free(next);
  if (rc) pl_eu_trace_free(out);
  return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* The equations as printed (Scholz, Calbert & Smith 2011; docs/models.md, "Expected utility", steps
 * A-G), with these readings of what the paper leaves open:
 *  - R is the range of the current positions (1 when they coincide);
 *  - P^i = sum_{k: d_k > 0} c_k s_k d_k / sum_k c_k s_k |d_k|, d_k = |x_k - x_j| - |x_k - x_i|
 *    (eqs. 30-31: linear votes on the pair only);
 *  - E^i(U_ij) = s_j [P^i U_s + (1 - P^i) U_f] + (1 - s_j) U_s - Q U_sq
 *    - (1 - Q) [T U_b + (1 - T) U_w], T = 1 iff |x_i - mu| < |x_i - x_j|, with i's exponent;
 *  - security Sec_i = sum_{j != i} E^j(U_ji), each challenger's own view, with every r = 1;
 *    R_i and r_i as in the replication; then every E is recomputed with the new exponents;
 *  - the pair (i, j) is judged on (a, b) = (E^i(U_ij), E^j(U_ji)), each with its own
 *    exponent (Scholz's Figure 10): both positive: the lower concedes fully (confrontation);
 *    b > 0 > a: i compromises, x_i + (x_j - x_i)|a/b|, when |b| > |a|, else capitulates to
 *    x_j; both negative: stalemate;
 *  - each actor takes, of the moves others impose on it, the one whose proposer expects most
 *    (b), the smallest move among equals; all move at once. */
static double printed_prevail(const eu_model *m, double xi, double xj) {
  double num = 0, den = 0;
  for (size_t k = 0; k < m->n; k++) {
    double d = m->c[k] * m->s[k] * (fabs(m->x[k] - xj) - fabs(m->x[k] - xi));
    if (d > 0) num += d;
    den += fabs(d);
  }
  return den > 0 ? num / den : 0.5;
}

static double printed_eu(const eu_model *m, size_t i, size_t j, double ri, double mu) {
  const double R = m->R, dij = fabs(m->x[i] - m->x[j]), dmu = fabs(m->x[i] - mu);
  const double us = 2 - 4 * pow(0.5 - 0.5 * dij / R, ri), uf = 2 - 4 * pow(0.5 + 0.5 * dij / R, ri);
  const double ub = 2 - 4 * pow(0.5 - 0.25 * (dmu + dij) / R, ri), uw = 2 - 4 * pow(0.5 + 0.25 * (dmu + dij) / R, ri);
  const double usq = 2 - 4 * pow(0.5, ri), T = dmu < dij ? 1 : 0;
  const double p = printed_prevail(m, m->x[i], m->x[j]);
  return m->s[j] * (p * us + (1 - p) * uf) + (1 - m->s[j]) * us - m->q * usq - (1 - m->q) * (T * ub + (1 - T) * uw);
}

int pl_eu_run_printed(const double *c, const double *s, const double *x0, size_t n, double q, size_t rounds,
                      parley_progress_fn progress, void *user, pl_eu_trace *out) {
  eu_model m;
  double *sec, *next;
  int rc = model_start(&m, c, s, n, q, rounds, out, &sec, &next);
  if (rc) return rc;
  double *eu = malloc(n * n * sizeof *eu);
  if (!eu) {
    free(m.x), free(m.r), free(sec), free(next);
    pl_eu_trace_free(out);
    return PARLEY_ERR_NOMEM;
  }
  for (size_t k = 0; k < n; k++) m.x[k] = x0[k], m.r[k] = 1;
  for (size_t t = 0; t <= rounds; t++) {
    for (size_t k = 0; k < n; k++) out->move[t * n + k] = PL_EU_STAY, out->partner[t * n + k] = -1;
    double lo = m.x[0], hi = m.x[0];
    for (size_t k = 0; k < n; k++) lo = fmin(lo, m.x[k]), hi = fmax(hi, m.x[k]);
    m.R = hi > lo ? hi - lo : 1;
    if (t > 0) {
      const double mu = median_of(&m);
      /* first pass, r = 1: security levels, then risk exponents */
      double smax = -INFINITY, smin = INFINITY;
      for (size_t i = 0; i < n; i++) {
        if (eu_stop(progress, user, t, i, n, rounds)) {
          rc = PARLEY_ERR_CANCELLED;
          goto done;
        }
        sec[i] = 0;
        for (size_t j = 0; j < n; j++)
          if (j != i) sec[i] += printed_eu(&m, j, i, 1.0, mu);
        smax = fmax(smax, sec[i]), smin = fmin(smin, sec[i]);
      }
      for (size_t i = 0; i < n; i++) {
        double Ri = smax > smin ? (2 * sec[i] - smax - smin) / (smax - smin) : 0;
        m.r[i] = (1 - Ri / 3) / (1 + Ri / 3);
      }
      /* second pass: every E^i(U_ij) with i's exponent */
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) eu[i * n + j] = i == j ? 0 : printed_eu(&m, i, j, m.r[i], mu);
      for (size_t i = 0; i < n; i++) {
        double best_b = -INFINITY, best_move = INFINITY, pos = m.x[i];
        int kind = PL_EU_STAY;
        long partner = -1;
        for (size_t j = 0; j < n; j++) {
          if (j == i || m.x[j] == m.x[i]) continue;
          const double a = eu[i * n + j], b = eu[j * n + i];
          double to;
          int k;
          if (a > 0 && b > 0 && b > a) to = m.x[j], k = PL_EU_CONFRONTATION;
          else if (b > 0 && a < 0 && b > -a) to = m.x[i] + (m.x[j] - m.x[i]) * fabs(a / b), k = PL_EU_COMPROMISE;
          else if (b > 0 && a < 0) to = m.x[j], k = PL_EU_CAPITULATION;
          else continue;
          const double mv = fabs(to - m.x[i]);
          if (b > best_b || (b == best_b && mv < best_move)) best_b = b, best_move = mv, pos = to, kind = k, partner = (long)j;
        }
        next[i] = pos;
        out->move[t * n + i] = kind;
        out->partner[t * n + i] = partner;
      }
      memcpy(m.x, next, n * sizeof *next);
    }
    memcpy(out->x + t * n, m.x, n * sizeof *m.x);
    for (size_t k = 0; k < n; k++) out->r[t * n + k] = t > 0 ? m.r[k] : 1;
    out->median[t] = median_of(&m);
    out->mean[t] = mean_of(&m);
  }
done:
  free(m.x), free(m.r), free(sec), free(next), free(eu);
  if (rc) pl_eu_trace_free(out);
  return rc;
}

void pl_eu_trace_free(pl_eu_trace *t) {
  free(t->median);
  free(t->mean);
  free(t->x);
  free(t->r);
  free(t->move);
  free(t->partner);
  memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------------------------------------ */
/* The public interface                                                                       */

struct parley_eu_result {
  pl_eu_trace t;
  size_t *actor; /* taking-part actors as positions indices */
  size_t issue;
  parley_eu_options options;
};

void parley_eu_defaults(parley_eu_options *o) {
  if (!o) return;
  o->q = 1.0;
  o->rounds = 10;
  o->tolerance = 0;
  o->mode = PARLEY_EU_MODE_REPLICATION;
  o->progress = NULL;
  o->progress_user = NULL;
}

const char *parley_eu_move_name(parley_eu_move m) {
  switch (m) {
    case PARLEY_EU_CONFRONTATION: return "confrontation";
    case PARLEY_EU_COMPROMISE: return "compromise";
    case PARLEY_EU_CAPITULATION: return "capitulation";
    default: return "stay";
  }
}

int parley_eu_run(const parley_positions *pos, size_t issue, const parley_capability *cap,
                  const parley_eu_options *options, parley_eu_result **out, parley_error *err) {
  if (!pos || !out || issue >= pos->n_issues) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_eu_options opt;
  parley_eu_defaults(&opt);
  if (options) {
    opt = *options;
    if (opt.rounds == 0) opt.rounds = 10;
  }
  if (!(opt.q >= 0 && opt.q <= 1)) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "q must be in [0, 1]");
  if (opt.mode != PARLEY_EU_MODE_REPLICATION && opt.mode != PARLEY_EU_MODE_PRINTED)
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "unknown expected-utility mode %d", (int)opt.mode);
  const size_t A = pos->n_actors;
  parley_eu_result *res = calloc(1, sizeof *res);
  double *c = malloc((A ? A : 1) * sizeof *c), *s = malloc((A ? A : 1) * sizeof *s), *x = malloc((A ? A : 1) * sizeof *x);
  if (res) res->actor = malloc((A ? A : 1) * sizeof *res->actor);
  if (!res || !res->actor || !c || !s || !x) {
    if (res) free(res->actor);
    free(res), free(c), free(s), free(x);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  size_t n = 0;
  for (size_t a = 0; a < A; a++) {
    double xa = pos->position[issue * A + a], sa = pos->salience[issue * A + a];
    double ca = pl_forecast_capability(pos, issue, a, cap);
    /* an actor without capability has no vote, and moves no weighted median or mean: left out,
     * so that an issue where nobody has any gives no forecast instead of 0/0 */
    if (isnan(xa) || isnan(sa) || isnan(ca) || !(ca > 0)) continue;
    res->actor[n] = a;
    c[n] = ca;
    s[n] = sa / 100;
    x[n] = xa;
    n++;
  }
  int rc = n < 2                                    ? PARLEY_ERR_INVALID
           : opt.mode == PARLEY_EU_MODE_PRINTED
               ? pl_eu_run_printed(c, s, x, n, opt.q, opt.rounds, opt.progress, opt.progress_user, &res->t)
               : pl_eu_run(c, s, x, n, opt.q, opt.rounds, opt.progress, opt.progress_user, &res->t);
  free(c), free(s), free(x);
  if (rc) {
    free(res->actor);
    free(res);
    return rc == PARLEY_ERR_INVALID     ? pl_fail(err, rc, pos->source, 0, 0, "issue '%s' has fewer than two actors with a position, a salience and a capability above 0", pos->issue[issue])
           : rc == PARLEY_ERR_CANCELLED ? pl_fail(err, rc, NULL, 0, 0, "expected-utility run cancelled")
                                        : pl_fail(err, rc, NULL, 0, 0, "out of memory");
  }
  if (opt.tolerance > 0)
    for (size_t t = 1; t <= res->t.rounds; t++)
      if (fabs(res->t.median[t] - res->t.median[t - 1]) <= opt.tolerance &&
          fabs(res->t.mean[t] - res->t.mean[t - 1]) <= opt.tolerance) {
        res->t.rounds = t; /* each round depends only on the one before: stopping here is exact */
        break;
      }
  res->issue = issue;
  res->options = opt;
  *out = res;
  return 0;
}

const char *parley_eu_settle_name(parley_eu_settle s) {
  switch (s) {
    case PARLEY_EU_SETTLED: return "settled";
    case PARLEY_EU_DRIFTING: return "drifting";
    case PARLEY_EU_OSCILLATING: return "oscillating";
    default: return "unknown";
  }
}

#define PL_EU_SETTLE_ROUNDS 4 /* the last rounds looked at */

parley_eu_settle parley_eu_settled(const parley_eu_result *res, int mean, double *low_out, double *high_out) {
  const size_t T = res->t.rounds, K = res->t.n;
  const double *m = mean ? res->t.mean : res->t.median;
  const size_t from = T > PL_EU_SETTLE_ROUNDS ? T - PL_EU_SETTLE_ROUNDS : 0;
  double lo = m[T], hi = m[T], x0 = INFINITY, x1 = -INFINITY;
  for (size_t t = from; t <= T; t++) lo = fmin(lo, m[t]), hi = fmax(hi, m[t]);
  if (low_out) *low_out = lo;
  if (high_out) *high_out = hi;
  for (size_t k = 0; k < K; k++) x0 = fmin(x0, parley_eu_position(res, 0, k)), x1 = fmax(x1, parley_eu_position(res, 0, k));
  const double eps = 1e-9 * fmax(1, x1 - x0);
  if (T == 0 || fabs(m[T] - m[T - 1]) <= eps) return PARLEY_EU_SETTLED;
  int turns = 0, last = 0;
  for (size_t t = from + 1; t <= T; t++) {
    const double d = m[t] - m[t - 1];
    const int dir = d > eps ? 1 : d < -eps ? -1 : 0;
    if (!dir) continue;
    turns += last && dir != last;
    last = dir;
  }
  return turns >= 2 ? PARLEY_EU_OSCILLATING : PARLEY_EU_DRIFTING;
}

void parley_eu_free(parley_eu_result *res) {
  if (!res) return;
  pl_eu_trace_free(&res->t);
  free(res->actor);
  free(res);
}

const parley_eu_options *parley_eu_options_get(const parley_eu_result *res) { return &res->options; }
size_t parley_eu_issue(const parley_eu_result *res) { return res->issue; }
size_t parley_eu_round_count(const parley_eu_result *res) { return res->t.rounds; }
double parley_eu_median(const parley_eu_result *res, size_t t) { return t <= res->t.rounds ? res->t.median[t] : NAN; }
double parley_eu_mean(const parley_eu_result *res, size_t t) { return t <= res->t.rounds ? res->t.mean[t] : NAN; }
size_t parley_eu_actor_count(const parley_eu_result *res) { return res->t.n; }
size_t parley_eu_actor(const parley_eu_result *res, size_t k) { return k < res->t.n ? res->actor[k] : PARLEY_NONE; }
double parley_eu_position(const parley_eu_result *res, size_t t, size_t k) {
  return t <= res->t.rounds && k < res->t.n ? res->t.x[t * res->t.n + k] : NAN;
}
double parley_eu_risk(const parley_eu_result *res, size_t t, size_t k) {
  return t <= res->t.rounds && k < res->t.n ? res->t.r[t * res->t.n + k] : NAN;
}
parley_eu_move parley_eu_move_get(const parley_eu_result *res, size_t t, size_t k, size_t *partner) {
  if (t > res->t.rounds || k >= res->t.n) {
    if (partner) *partner = PARLEY_NONE;
    return PARLEY_EU_STAY;
  }
  long p = res->t.partner[t * res->t.n + k];
  if (partner) *partner = p >= 0 ? res->actor[p] : PARLEY_NONE;
  return (parley_eu_move)res->t.move[t * res->t.n + k];
}
