/* smp_options.c — the SMP's options: their names, their values' names (KTAB's defaults first),
 * and setting them by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/smp.h"
#include "util/error.h"

static const char *const option_names[PARLEY_SMP_OPTION_COUNT] = {
    "victory", "pce", "transitions", "voting", "risk-adjust", "risk-range", "third-party", "interpolation", "bargain"};
static const char *const option_values[PARLEY_SMP_OPTION_COUNT][7] = {
    {"linear", "square", "quartic", "octic", "binary", NULL},
    {"conditional", "markov-uniform", "markov-incentive", NULL},
    {"deterministic", "stochastic", NULL},
    {"proportional", "binary", "prop-bin", "prop-cubic", "cubic", "asym-prospect", NULL},
    {"one-third", "none", "half", "two-thirds", "full", NULL},
    {"mid", "min", "max", NULL},
    {"semi", "full", "none", NULL},
    {"s2p2", "s1p1", "s2pmax", NULL},
    {"init-only", "init-receiver", "power-weighted", NULL},
};

void parley_smp_defaults(parley_smp_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->max_turns = 100;
  o->min_turns = 2;
  o->stop_ratio = 0.02;
}

const char *parley_smp_option_name(parley_smp_option k) {
  return (unsigned)k < PARLEY_SMP_OPTION_COUNT ? option_names[k] : NULL;
}

const char *parley_smp_value_name(parley_smp_option k, int choice) {
  if ((unsigned)k >= PARLEY_SMP_OPTION_COUNT || choice < 0 || choice >= 7) return NULL;
  return option_values[k][choice];
}

int parley_smp_set(parley_smp_options *o, const char *key, const char *value, parley_error *err) {
  if (!o || !key || !value) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  for (int k = 0; k < PARLEY_SMP_OPTION_COUNT; k++) {
    if (strcmp(key, option_names[k]) != 0) continue;
    char list[160] = "";
    for (int c = 0; option_values[k][c]; c++) {
      if (!strcmp(value, option_values[k][c])) {
        o->choice[k] = c;
        return 0;
      }
      strcat(list, c ? ", " : "");
      strcat(list, option_values[k][c]);
    }
    return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "SMP option %s: '%s' is not one of %s", key, value, list);
  }
  char *end;
  if (!strcmp(key, "max-turns") || !strcmp(key, "min-turns") || !strcmp(key, "seed")) {
    unsigned long long v = strtoull(value, &end, 10);
    if (end == value || *end || value[0] == '-' || (strcmp(key, "seed") && (v < 1 || v > 100000)))
      return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "SMP option %s needs a whole number%s, not '%s'", key,
                     strcmp(key, "seed") ? " from 1 to 100000" : "", value);
    if (!strcmp(key, "seed")) o->seed = v;
    else *(key[1] == 'a' ? &o->max_turns : &o->min_turns) = (size_t)v;
    return 0;
  }
  if (!strcmp(key, "stop-ratio")) {
    double v = strtod(value, &end);
    if (end == value || *end || !(v >= 0 && v <= 1))
      return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "SMP option stop-ratio needs a number in [0, 1], not '%s'", value);
    o->stop_ratio = v;
    return 0;
  }
  return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0,
                 "unknown SMP option '%s' (victory, pce, transitions, voting, risk-adjust, risk-range, third-party, "
                 "interpolation, bargain, max-turns, min-turns, stop-ratio, seed)", key);
}

