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
  free(d->text), free(d->steps), free(d->texts);
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

/* A candidate change: issues i and j (j == N: i alone) to options oi and oj. */
typedef struct cand {
  size_t i, j;
  uint32_t oi, oj;
} cand;

int pl_single_text(const parley_scenario *view, const size_t *every, const double *ideal, size_t max_steps,
                   int least_satisfied, pl_draft *d) {
  const size_t N = parley_issue_count(view), P = parley_party_count(view);
  uint32_t *radix = malloc((N ? N : 1) * sizeof *radix), *pkg = malloc((N ? N : 1) * sizeof *pkg);
  pl_fx *u = malloc(P * sizeof *u), *v = malloc(P * sizeof *v), *wish_u = malloc(P * sizeof *wish_u);
  unsigned char *ok = malloc(P), *ok2 = malloc(P);
  cand *wish = calloc(P, sizeof *wish);
  int rc = radix && pkg && u && v && wish_u && ok && ok2 && wish ? 0 : PARLEY_ERR_NOMEM;
  size_t quiet = 0, longest = 1;
  for (size_t k = 0; rc == 0 && k < P; k++)
    if (every[k] > longest) longest = every[k];
  for (size_t i = 0; rc == 0 && i < N; i++) radix[i] = (uint32_t)parley_issue_option_count(view, i);
  if (rc == 0) pl_view_judge(view, d->text, u, ok);
  if (least_satisfied) longest = 1; /* the one consulted found nothing: done */
  uint32_t *seen = NULL; /* every text so far, N each */
  size_t n_seen = 0, cap_seen = 0;
  d->stop = PARLEY_STOP_SETTLED;
  if (rc == 0 && (pl_grow(&seen, &cap_seen, N ? N : 1))) rc = PARLEY_ERR_NOMEM;
  if (rc == 0) memcpy(seen, d->text, N * sizeof *seen), n_seen = 1;
  for (size_t s = 0; rc == 0 && s < max_steps && quiet < longest; s++) {
    uint64_t consulted = 0;
    if (least_satisfied) { /* the party with the lowest normalised gain, alone */
      size_t low = 0;
      for (size_t k = 1; k < P; k++)
        if (pl_view_gain(view, ideal, k, u[k]) < pl_view_gain(view, ideal, low, u[low])) low = k;
      consulted = (uint64_t)1 << low;
    } else {
      for (size_t k = 0; k < P; k++)
        if (every[k] && s % every[k] == 0) consulted |= (uint64_t)1 << k;
    }
    for (size_t k = 0; k < P; k++) wish_u[k] = u[k]; /* a wish must beat the text */
    int any = 0;
    /* every candidate once: one issue (j == N), then two */
    for (size_t i = 0; i < N; i++)
      for (size_t j = i; j <= N; j++) {
        if (j == i) continue;
        for (uint32_t oi = 0; oi < radix[i]; oi++) {
          if (oi == d->text[i]) continue;
          for (uint32_t oj = 0; oj < (j < N ? radix[j] : 1); oj++) {
            if (j < N && oj == d->text[j]) continue;
            memcpy(pkg, d->text, N * sizeof *pkg);
            pkg[i] = oi;
            if (j < N) pkg[j] = oj;
            pl_view_judge(view, pkg, v, ok2);
            int admissible = 1;
            for (size_t k = 0; k < P && admissible; k++)
              admissible = least_satisfied ? !(consulted >> k & 1) || v[k] >= view->compiled.reservation[k]
                                           : (!(consulted >> k & 1) || v[k] >= u[k]) && (!ok[k] || ok2[k]);
            if (!admissible) continue;
            for (size_t k = 0; k < P; k++)
              if ((consulted >> k & 1) && v[k] > wish_u[k]) {
                wish_u[k] = v[k];
                wish[k] = (cand){i, j, oi, oj};
                any = 1;
              }
          }
        }
      }
    pl_step st = {.consulted = consulted, .proposer = (size_t)-1};
    if (any) {
      /* the mediator: the wish that most raises the consulted parties' least normalised gain */
      double best = -INFINITY;
      for (size_t k = 0; k < P; k++) {
        if (!(consulted >> k & 1) || !(wish_u[k] > u[k])) continue;
        memcpy(pkg, d->text, N * sizeof *pkg);
        pkg[wish[k].i] = wish[k].oi;
        if (wish[k].j < N) pkg[wish[k].j] = wish[k].oj;
        pl_view_judge(view, pkg, v, ok2);
        double least = INFINITY;
        for (size_t q = 0; q < P; q++)
          if (consulted >> q & 1) least = fmin(least, pl_view_gain(view, ideal, q, v[q]));
        if (least > best) {
          best = least;
          st.proposer = k;
          st.n_changed = wish[k].j < N ? 2 : 1;
          st.issue[0] = (uint32_t)wish[k].i, st.option[0] = wish[k].oi;
          st.issue[1] = (uint32_t)(wish[k].j < N ? wish[k].j : 0), st.option[1] = wish[k].oj;
        }
      }
    }
    if (st.n_changed) {
      d->text[st.issue[0]] = st.option[0];
      if (st.n_changed == 2) d->text[st.issue[1]] = st.option[1];
      pl_view_judge(view, d->text, v, ok2);
#ifndef NDEBUG
      for (size_t k = 0; k < P && !least_satisfied; k++) {
        if (consulted >> k & 1) pl_assert(v[k] >= u[k]); /* S1 */
        if (ok[k]) pl_assert(ok2[k]);                       /* S2 */
      }
      pl_assert(v[st.proposer] > u[st.proposer]);
#endif
      memcpy(u, v, P * sizeof *u);
      memcpy(ok, ok2, P);
      quiet = 0;
    } else {
      quiet++;
    }
    rc = pl_draft_push(d, &st, N);
    if (rc == 0 && st.n_changed) { /* a text seen before: a cycle */
      int again = 0;
      for (size_t k = 0; k < n_seen && !again; k++) again = !memcmp(seen + k * N, d->text, N * sizeof *seen);
      if (again) {
        d->stop = PARLEY_STOP_CYCLE;
        break;
      }
      if (pl_grow(&seen, &cap_seen, (n_seen + 1) * (N ? N : 1))) rc = PARLEY_ERR_NOMEM;
      else memcpy(seen + n_seen++ * N, d->text, N * sizeof *seen);
    }
    if (rc == 0 && s + 1 == max_steps && quiet < longest) d->stop = PARLEY_STOP_LIMIT;
  }
  free(seen);
  free(radix), free(pkg), free(u), free(v), free(wish_u), free(ok), free(ok2), free(wish);
  return rc;
}
