/* query_reader.c — one line of an offer-query stream, "LO HI [OPPONENT]". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "parley/offers.h"
#include "util/error.h"

int parley_offer_query_parse(const char *line, const parley_scenario *sc, parley_offer_query *q, parley_error *err) {
  if (!line || !sc || !q) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const char *s = line;
  while (*s == ' ' || *s == '\t') s++;
  if (*s == '#' || *s == '\n' || *s == '\r' || !*s) return 1;
  char lo_s[64], hi_s[64], opp_s[256], extra[2];
  const int k = sscanf(s, "%63s %63s %255s %1s", lo_s, hi_s, opp_s, extra);
  if (k < 2 || k > 3) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "a query is 'LO HI' or 'LO HI OPPONENT'");
  char *end;
  const double lo = strtod(lo_s, &end);
  if (*end || isnan(lo)) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "LO is not a number");
  const double hi = strtod(hi_s, &end);
  if (*end || isnan(hi)) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "HI is not a number");
  if (hi < lo) return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "HI is below LO");
  size_t opponent = q->opponent;
  if (k == 3 && (opponent = parley_party_lookup(sc, opp_s)) == PARLEY_NONE)
    return pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "OPPONENT is not a party of the scenario");
  q->lo = lo;
  q->hi = hi;
  q->opponent = opponent;
  return 0;
}
