/* capability.c — an actor's capability on an issue under a capability rule (equal, EU Council
 * votes, a table, or the file's own), shared by every weighted model. */
#include "forecast/capability.h"

#include <math.h>
#include <string.h>

#include "model/positions.h"

/* Council votes under qualified majority: the EU15 weights of the Amsterdam treaty (before
 * 2004) and the Nice weights (EU27/28, from 2004). Public facts; the DEU III folder's
 * eu_council_weights.csv holds the same numbers. */
typedef struct council_votes {
  const char *actor;
  double eu15, nice;
} council_votes;

static const council_votes votes[] = {
    {"at", 4, 10}, {"be", 5, 12}, {"bu", 0, 10}, {"cr", 0, 7},  {"cy", 0, 4},  {"cz", 0, 12},
    {"dk", 3, 7},  {"ee", 0, 4},  {"fi", 3, 7},  {"fr", 10, 29}, {"de", 10, 29}, {"el", 5, 12},
    {"hu", 0, 12}, {"ie", 3, 7},  {"it", 10, 29}, {"lv", 0, 4},  {"lt", 0, 7},  {"lu", 2, 4},
    {"mt", 0, 3},  {"nl", 5, 13}, {"pl", 0, 27}, {"pt", 5, 12}, {"ro", 0, 14}, {"si", 0, 4},
    {"sk", 0, 7},  {"es", 8, 27}, {"se", 4, 10}, {"uk", 10, 29},
};

double pl_forecast_capability(const parley_positions *pos, size_t issue, size_t actor, const parley_capability *cap) {
  if (!cap || cap->kind == PARLEY_CAPABILITY_EQUAL) return 1;
  if (cap->kind == PARLEY_CAPABILITY_TABLE) return cap->table ? cap->table[actor] : NAN;
  if (cap->kind == PARLEY_CAPABILITY_DATA) return pos->capability ? pos->capability[actor] : NAN;
  const int nice = pos->year[issue] >= 2004;
  const char *id = pos->actor[actor];
  if (!strcmp(id, "com") || !strcmp(id, "ep")) return nice ? 29 : 10; /* the largest state weight */
  for (size_t k = 0; k < sizeof votes / sizeof votes[0]; k++)
    if (!strcmp(votes[k].actor, id)) {
      double v = nice ? votes[k].nice : votes[k].eu15;
      return v > 0 ? v : NAN; /* not a member yet */
    }
  return NAN;
}

const char *parley_capability_kind_name(parley_capability_kind k) {
  switch (k) {
    case PARLEY_CAPABILITY_EQUAL: return "equal";
    case PARLEY_CAPABILITY_VOTES: return "votes";
    case PARLEY_CAPABILITY_TABLE: return "table";
    case PARLEY_CAPABILITY_DATA: return "data";
    default: return "unknown";
  }
}
