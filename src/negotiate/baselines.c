/* baselines.c — the drafting baselines other tools use, for comparison with the mediator's
 * procedures (procedures.h): random texts put to a veto, and random one-issue moves uphill.
 * Both are seeded: the same seed gives the same steps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "negotiate/procedures.h"
#include "util/prng.h"

/* The consulted parties' least normalised gain from utilities u. */
static double least_gain(const parley_scenario *view, const double *ideal, uint64_t consulted, const pl_fx *u) {
  double least = INFINITY;
  for (size_t k = 0; k < parley_party_count(view); k++)
    if (consulted >> k & 1) least = fmin(least, pl_view_gain(view, ideal, k, u[k]));
  return least;
}

static uint32_t below(uint64_t *rng, uint32_t n) { return (uint32_t)(pl_prng_next(rng) % n); }

int pl_baseline(const parley_scenario *view, const pl_schedule *sch, const double *ideal, size_t max_steps, int hill,
                uint64_t seed, pl_draft *d) {
  const size_t N = parley_issue_count(view), P = parley_party_count(view);
  uint32_t *pkg = malloc((N ? N : 1) * sizeof *pkg);
  pl_fx *u = malloc((P ? P : 1) * sizeof *u), *v = malloc((P ? P : 1) * sizeof *v);
  unsigned char *ok = malloc(P ? P : 1);
  if (!pkg || !u || !v || !ok) {
    free(pkg), free(u), free(v), free(ok);
    return PARLEY_ERR_NOMEM;
  }
  uint64_t rng = seed;
  int rc = 0;
  d->stop = PARLEY_STOP_LIMIT;
  for (size_t s = 0; rc == 0 && s < max_steps; s++) {
    const uint64_t consulted = pl_schedule_arriving(sch, P, s);
    memcpy(pkg, d->text, N * sizeof *pkg);
    pl_view_judge(view, d->text, u, ok);
    int take = 0;
    if (hill) { /* one issue to a random other option: taken when the least gain rises */
      const uint32_t i = below(&rng, (uint32_t)N), n = (uint32_t)parley_issue_option_count(view, i);
      if (n > 1) {
        pkg[i] = (d->text[i] + 1 + below(&rng, n - 1)) % n;
        pl_view_judge(view, pkg, v, ok);
        take = consulted && least_gain(view, ideal, consulted, v) > least_gain(view, ideal, consulted, u);
      }
    } else { /* a random text: taken when every party consulted prefers it */
      for (size_t i = 0; i < N; i++) pkg[i] = below(&rng, (uint32_t)parley_issue_option_count(view, i));
      pl_view_judge(view, pkg, v, ok);
      take = consulted != 0;
      for (size_t k = 0; k < P && take; k++)
        if (consulted >> k & 1) take = v[k] > u[k];
    }
    pl_step st = {.consulted = consulted, .proposer = (size_t)-1};
    if (take) {
      for (size_t i = 0; i < N; i++)
        if (pkg[i] != d->text[i]) {
          if (st.n_changed < 2) st.issue[st.n_changed] = (uint32_t)i, st.option[st.n_changed] = pkg[i];
          st.n_changed++;
        }
      memcpy(d->text, pkg, N * sizeof *pkg);
    }
    rc = pl_draft_push(d, &st, N);
  }
  free(pkg), free(u), free(v), free(ok);
  return rc;
}
