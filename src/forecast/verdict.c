/* verdict.c — a forecast made from a scenario, read back as one of its packages and put to its
 * parties. Each numeric issue's forecast becomes the option whose number is nearest (the lower
 * of two equally near); an issue without a forecast (a discrete one, or one no model could
 * forecast) stays open. A party accepts a package when it crosses none of its red lines and
 * gives it at least its reservation; with open issues the verdict covers every way of filling
 * them in (up to 2^20 of them; past that it is not checked). */
#include "forecast/verdict.h"

#include <math.h>
#include <stdlib.h>

#define PL_VERDICT_MAX_OPEN ((uint64_t)1 << 20)

/* The option of a numeric issue nearest x, the lower of two equally near. */
static uint32_t nearest(const parley_scenario *sc, size_t issue, double x) {
  const size_t n = parley_issue_option_count(sc, issue);
  uint32_t best = 0;
  for (uint32_t o = 1; o < n; o++)
    if (fabs(parley_option_value(sc, issue, o) - x) < fabs(parley_option_value(sc, issue, best) - x)) best = o;
  return best;
}

/* 1 if the package is acceptable to the party. */
static int acceptable(const parley_scenario *sc, size_t p, const uint32_t *pkg, double *u) {
  *u = parley_utility(sc, p, pkg);
  return parley_red_line_crossed_count(sc, p, pkg) == 0 && *u >= parley_party_reservation(sc, p);
}

int pl_forecast_verdicts(const parley_scenario *sc, const parley_positions *pos, const double *value, size_t M,
                         uint32_t *package, unsigned char *verdict, double *utility) {
  const size_t N = parley_issue_count(sc), P = parley_party_count(sc), I = parley_positions_issue_count(pos);
  uint32_t *pkg = malloc((N ? N : 1) * sizeof *pkg);
  unsigned char *yes = malloc(P ? P : 1), *no = malloc(P ? P : 1), *red = malloc(P ? P : 1);
  int rc = pkg && yes && no && red ? 0 : PARLEY_ERR_NOMEM;
  for (size_t k = 0; rc == 0 && k < M; k++) {
    uint32_t *fixed = package + k * N;
    for (size_t i = 0; i < N; i++) fixed[i] = UINT32_MAX;
    for (size_t j = 0; j < I; j++) {
      const size_t i = parley_issue_find(sc, parley_positions_issue_id(pos, j));
      const double x = value[j * M + k];
      if (i != PARLEY_NONE && parley_issue_is_numeric(sc, i) && !isnan(x)) fixed[i] = nearest(sc, i, x);
    }
    uint64_t completions = 1;
    for (size_t i = 0; i < N; i++)
      if (fixed[i] == UINT32_MAX) completions = completions > PL_VERDICT_MAX_OPEN ? completions : completions * parley_issue_option_count(sc, i);
    for (size_t p = 0; p < P; p++) {
      yes[p] = no[p] = red[p] = 0;
      utility[k * P + p] = NAN;
    }
    if (completions > PL_VERDICT_MAX_OPEN) {
      for (size_t p = 0; p < P; p++) verdict[k * P + p] = PARLEY_VERDICT_UNCHECKED;
      continue;
    }
    /* every way of filling in the open issues: an odometer over them */
    for (size_t i = 0; i < N; i++) pkg[i] = fixed[i] == UINT32_MAX ? 0 : fixed[i];
    for (uint64_t c = 0; c < completions; c++) {
      for (size_t p = 0; p < P; p++) {
        double u;
        if (acceptable(sc, p, pkg, &u)) yes[p] = 1;
        else no[p] = 1, red[p] |= parley_red_line_crossed_count(sc, p, pkg) > 0 ? 1 : 2;
        if (completions == 1) utility[k * P + p] = u;
      }
      for (size_t i = N; i-- > 0;) {
        if (fixed[i] != UINT32_MAX) continue;
        if (++pkg[i] < parley_issue_option_count(sc, i)) break;
        pkg[i] = 0;
      }
    }
    for (size_t p = 0; p < P; p++)
      verdict[k * P + p] = yes[p] && no[p] ? PARLEY_VERDICT_DEPENDS
                           : yes[p]        ? PARLEY_VERDICT_ACCEPTS
                           : red[p] & 1    ? PARLEY_VERDICT_RED_LINE
                                           : PARLEY_VERDICT_BELOW_RESERVATION;
  }
  free(pkg), free(yes), free(no), free(red);
  return rc;
}
