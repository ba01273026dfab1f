/* single_text.c — Raiffa's single negotiating text on the mediator's view; see procedures.h.
 *
 * Invariants, asserted in debug builds after each adopted step:
 *   S1. The change is weakly better for every party consulted at that step and strictly better
 *       for its proposer.
 *   S2. No view party that accepted the text before the step stops accepting it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/scenario.h"
#include "negotiate/procedures.h"
#include "util/check.h"
#include "util/vec.h"

void pl_draft_free(pl_draft *d) {
  free(d->text), free(d->steps), free(d->texts), free(d->wishes);
  memset(d, 0, sizeof *d);
}

int pl_draft_push(pl_draft *d, const pl_step *st, size_t n_issues) {
  const size_t N = n_issues ? n_issues : 1;
  if (pl_grow(&d->steps, &d->cap_steps, d->n_steps + 1) || pl_grow(&d->texts, &d->cap_texts, (d->n_steps + 1) * N))
    return PARLEY_ERR_NOMEM;
  memcpy(d->texts + d->n_steps * N, d->text, n_issues * sizeof *d->texts);
  d->steps[d->n_steps++] = *st;
  return 0;
}

void pl_view_judge(const parley_scenario *view, const uint32_t *pkg, pl_fx *u, unsigned char *ok) {
  const pl_compiled *c = &view->compiled;
  uint64_t red;
  pl_eval(c, pkg, u, &red);
  for (uint32_t k = 0; k < c->n_parties; k++) ok[k] = !(red >> k & 1) && u[k] >= c->reservation[k];
}

double pl_view_gain(const parley_scenario *view, const double *ideal, size_t k, pl_fx u) {
  const pl_compiled *c = &view->compiled;
  const double r = pl_fx_to(c, c->reservation[k]), span = ideal[k] - r, x = pl_fx_to(c, u);
  return span > 0 ? (x - r) / span : x - r;
}

uint64_t pl_schedule_arriving(const pl_schedule *sch, size_t n_parties, size_t s) {
  uint64_t m = 0;
  if (sch->tour) {
    if (sch->always < n_parties) m |= (uint64_t)1 << sch->always;
    if (sch->n_tour) m |= (uint64_t)1 << sch->tour[s % sch->n_tour];
    return m;
  }
  for (size_t k = 0; k < n_parties; k++) {
    const size_t e = sch->every[k], late = sch->delay ? sch->delay[k] : 0;
    if (e && s >= late && (s - late) % e == 0) m |= (uint64_t)1 << k;
  }
  return m;
}

size_t pl_schedule_asked(const pl_schedule *sch, size_t k, size_t s) {
  return sch->tour || !sch->delay ? s : s - sch->delay[k];
}

int pl_schedule_hears(const pl_schedule *sch, size_t k) {
  if (!sch->tour) return sch->every[k] != 0;
  if (k == sch->always) return 1;
  for (size_t t = 0; t < sch->n_tour; t++)
    if (sch->tour[t] == k) return 1;
  return 0;
}

/* How many quiet steps show that every party heard was asked about the text and answered. */
static size_t settle_time(const pl_schedule *sch, size_t n_parties) {
  if (sch->tour) return sch->n_tour ? sch->n_tour : 1;
  size_t t = 1;
  for (size_t k = 0; k < n_parties; k++)
    if (sch->every[k]) {
      const size_t need = sch->every[k] + (sch->delay ? sch->delay[k] : 0);
      if (need > t) t = need;
    }
  return t;
}

/* A candidate change: issues i and j (j == N: i alone) to options oi and oj. */
typedef struct cand {
  size_t i, j;
  uint32_t oi, oj;
} cand;

/* The work space of one drafting. */
typedef struct st_ctx {
  const parley_scenario *view;
  size_t N, P;
  uint32_t *radix, *pkg;
  pl_fx *v, *base_u, *wish_u;
  unsigned char *ok2, *base_ok;
} st_ctx;

static void apply(const st_ctx *c, const uint32_t *text, const cand *w, uint32_t *out) {
  memcpy(out, text, c->N * sizeof *out);
  out[w->i] = w->oi;
  if (w->j < c->N) out[w->j] = w->oj;
}

/* Whether the text in c->pkg, judged into c->v and c->ok2, is an admissible change from a text
 * whose utilities and acceptance are u and ok. */
static int admissible(const st_ctx *c, uint64_t consulted, int least_satisfied, const pl_fx *u, const unsigned char *ok) {
  const pl_fx *res = c->view->compiled.reservation;
  for (size_t k = 0; k < c->P; k++) {
    if (least_satisfied) {
      if ((consulted >> k & 1) && c->v[k] < res[k]) return 0;
    } else if (((consulted >> k & 1) && c->v[k] < u[k]) || (ok[k] && !c->ok2[k])) {
      return 0;
    }
  }
  return 1;
}

/* The wishes of the parties in group about text: each its most wanted admissible change (the
 * first found on a tie); has[k] says whether it has one. */
static void wishes(st_ctx *c, const uint32_t *text, uint64_t group, uint64_t consulted, int least_satisfied, cand *wish,
                   unsigned char *has) {
  const size_t N = c->N, P = c->P;
  pl_view_judge(c->view, text, c->base_u, c->base_ok);
  for (size_t k = 0; k < P; k++) c->wish_u[k] = c->base_u[k]; /* a wish must beat the text */
  /* every one-issue change (j == N), then every two-issue one: on a tie the fewer changes win */
  for (size_t pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < N; i++)
      for (size_t j = pass ? i + 1 : N; pass ? j < N : j == N; j++)
        for (uint32_t oi = 0; oi < c->radix[i]; oi++) {
          if (oi == text[i]) continue;
          for (uint32_t oj = 0; oj < (j < N ? c->radix[j] : 1); oj++) {
            if (j < N && oj == text[j]) continue;
            const cand w = {i, j, oi, oj};
            apply(c, text, &w, c->pkg);
            pl_view_judge(c->view, c->pkg, c->v, c->ok2);
            if (!admissible(c, consulted, least_satisfied, c->base_u, c->base_ok)) continue;
            for (size_t k = 0; k < P; k++)
              if ((group >> k & 1) && c->v[k] > c->wish_u[k]) {
                c->wish_u[k] = c->v[k];
                wish[k] = w;
                has[k] = 1;
              }
          }
        }
}

int pl_single_text(const parley_scenario *view, const pl_schedule *sch, const double *ideal, size_t max_steps,
                   int least_satisfied, pl_draft *d) {
  const size_t N = parley_issue_count(view), P = parley_party_count(view), NN = N ? N : 1;
  st_ctx c = {.view = view, .N = N, .P = P};
  c.radix = malloc(NN * sizeof *c.radix), c.pkg = malloc(NN * sizeof *c.pkg);
  c.v = malloc(P * sizeof *c.v), c.base_u = malloc(P * sizeof *c.base_u), c.wish_u = malloc(P * sizeof *c.wish_u);
  c.ok2 = malloc(P), c.base_ok = malloc(P);
  pl_fx *u = malloc(P * sizeof *u), *best_v = malloc(P * sizeof *best_v);
  unsigned char *ok = malloc(P), *has = malloc(P), *best_ok = malloc(P);
  uint32_t *start = malloc(NN * sizeof *start), *seen = NULL;
  cand *wish = calloc(P, sizeof *wish);
  size_t *asked = malloc(P * sizeof *asked);
  int rc = c.radix && c.pkg && c.v && c.base_u && c.wish_u && c.ok2 && c.base_ok && u && best_v && ok && has && best_ok &&
                   start && wish && asked
               ? 0
               : PARLEY_ERR_NOMEM;
  size_t quiet = 0, n_seen = 0, cap_seen = 0;
  const size_t settle = least_satisfied ? 1 : settle_time(sch, P); /* least_satisfied: the one consulted found nothing */
  for (size_t i = 0; rc == 0 && i < N; i++) c.radix[i] = (uint32_t)parley_issue_option_count(view, i);
  if (rc == 0) {
    pl_view_judge(view, d->text, u, ok);
    memcpy(start, d->text, N * sizeof *start);
  }
  d->stop = PARLEY_STOP_SETTLED;
  if (rc == 0 && (pl_grow(&seen, &cap_seen, NN))) rc = PARLEY_ERR_NOMEM;
  if (rc == 0) memcpy(seen, d->text, N * sizeof *seen), n_seen = 1;
  for (size_t s = 0; rc == 0 && s < max_steps && quiet < settle; s++) {
    uint64_t consulted = 0;
    if (least_satisfied) { /* the heard party with the lowest normalised gain, alone */
      size_t low = PARLEY_NONE;
      for (size_t k = 0; k < P; k++)
        if (pl_schedule_hears(sch, k) &&
            (low == PARLEY_NONE || pl_view_gain(view, ideal, k, u[k]) < pl_view_gain(view, ideal, low, u[low])))
          low = k;
      if (low != PARLEY_NONE) consulted = (uint64_t)1 << low;
    } else {
      consulted = pl_schedule_arriving(sch, P, s);
    }
    /* the wishes, each about the text the party was shown: grouped by when it was asked */
    memset(has, 0, P);
    uint64_t left = consulted;
    for (size_t k = 0; k < P; k++) asked[k] = least_satisfied ? s : pl_schedule_asked(sch, k, s);
    while (left) {
      size_t k0 = 0;
      while (!(left >> k0 & 1)) k0++;
      uint64_t group = 0;
      for (size_t k = k0; k < P; k++)
        if ((left >> k & 1) && asked[k] == asked[k0]) group |= (uint64_t)1 << k;
      left &= ~group;
      const uint32_t *shown = asked[k0] == s ? d->text : asked[k0] == 0 ? start : d->texts + (asked[k0] - 1) * NN;
      wishes(&c, shown, group, consulted, least_satisfied, wish, has);
    }
    /* the mediator: the wish, put to the current text, that most raises the consulted parties'
     * least normalised gain */
    pl_step st = {.consulted = consulted, .proposer = (size_t)-1, .wish0 = d->n_wishes};
    for (size_t k = 0; k < P && rc == 0; k++) { /* what each consulted party asked for */
      if (!(consulted >> k & 1)) continue;
      if (pl_grow(&d->wishes, &d->cap_wishes, d->n_wishes + 1)) {
        rc = PARLEY_ERR_NOMEM;
        break;
      }
      pl_wish *w = &d->wishes[d->n_wishes++];
      *w = (pl_wish){.party = k};
      if (has[k]) {
        w->n_changed = wish[k].j < N ? 2 : 1;
        w->issue[0] = (uint32_t)wish[k].i, w->option[0] = wish[k].oi;
        w->issue[1] = (uint32_t)(wish[k].j < N ? wish[k].j : 0), w->option[1] = wish[k].oj;
      }
      st.n_wishes++;
    }
    double best = -INFINITY;
    for (size_t k = 0; k < P; k++) {
      if (!has[k]) continue;
      apply(&c, d->text, &wish[k], c.pkg);
      if (!memcmp(c.pkg, d->text, N * sizeof *c.pkg)) continue;
      pl_view_judge(view, c.pkg, c.v, c.ok2);
      if (!(c.v[k] > u[k]) || !admissible(&c, consulted, least_satisfied, u, ok)) continue; /* overtaken */
      double least = INFINITY;
      for (size_t q = 0; q < P; q++)
        if (consulted >> q & 1) least = fmin(least, pl_view_gain(view, ideal, q, c.v[q]));
      if (least > best) {
        best = least;
        st.proposer = k;
        st.n_changed = wish[k].j < N ? 2 : 1;
        st.issue[0] = (uint32_t)wish[k].i, st.option[0] = wish[k].oi;
        st.issue[1] = (uint32_t)(wish[k].j < N ? wish[k].j : 0), st.option[1] = wish[k].oj;
        memcpy(best_v, c.v, P * sizeof *best_v);
        memcpy(best_ok, c.ok2, P);
      }
    }
    if (st.n_changed) {
#ifndef NDEBUG
      for (size_t k = 0; k < P && !least_satisfied; k++) {
        if (consulted >> k & 1) pl_assert(best_v[k] >= u[k]); /* S1 */
        if (ok[k]) pl_assert(best_ok[k]);                      /* S2 */
      }
      pl_assert(best_v[st.proposer] > u[st.proposer]);
#endif
      d->text[st.issue[0]] = st.option[0];
      if (st.n_changed == 2) d->text[st.issue[1]] = st.option[1];
      memcpy(u, best_v, P * sizeof *u);
      memcpy(ok, best_ok, P);
      quiet = 0;
    } else {
      quiet++;
    }
    if (rc == 0) rc = pl_draft_push(d, &st, N);
    if (rc == 0 && st.n_changed) { /* a text seen before: a cycle */
      int again = 0;
      for (size_t k = 0; k < n_seen && !again; k++) again = !memcmp(seen + k * N, d->text, N * sizeof *seen);
      if (again) {
        d->stop = PARLEY_STOP_CYCLE;
        break;
      }
      if (pl_grow(&seen, &cap_seen, (n_seen + 1) * NN)) rc = PARLEY_ERR_NOMEM;
      else memcpy(seen + n_seen++ * N, d->text, N * sizeof *seen);
    }
    if (rc == 0 && s + 1 == max_steps && quiet < settle) d->stop = PARLEY_STOP_LIMIT;
  }
  free(seen), free(start), free(wish), free(asked);
  free(c.radix), free(c.pkg), free(c.v), free(c.base_u), free(c.wish_u), free(c.ok2), free(c.base_ok);
  free(u), free(best_v), free(ok), free(has), free(best_ok);
  return rc;
}
