/* positions.c — accessors of parley_positions. */
#include "model/positions.h"

#include <math.h>

#include "model/scenario.h"
#include "util/error.h"

void parley_positions_free(parley_positions *pos) {
  if (!pos) return;
  pl_arena a = pos->arena; /* the object lives in its own arena */
  pl_arena_release(&a);
}

const char *parley_positions_source(const parley_positions *pos) { return pos->source; }
size_t parley_positions_actor_count(const parley_positions *pos) { return pos->n_actors; }
const char *parley_positions_actor_id(const parley_positions *pos, size_t a) {
  return a < pos->n_actors ? pos->actor[a] : NULL;
}
size_t parley_positions_issue_count(const parley_positions *pos) { return pos->n_issues; }
const char *parley_positions_issue_id(const parley_positions *pos, size_t i) {
  return i < pos->n_issues ? pos->issue[i] : NULL;
}
int parley_positions_issue_year(const parley_positions *pos, size_t i) {
  return i < pos->n_issues ? pos->year[i] : 0;
}
double parley_positions_position(const parley_positions *pos, size_t i, size_t a) {
  return i < pos->n_issues && a < pos->n_actors ? pos->position[i * pos->n_actors + a] : NAN;
}
double parley_positions_salience(const parley_positions *pos, size_t i, size_t a) {
  return i < pos->n_issues && a < pos->n_actors ? pos->salience[i * pos->n_actors + a] : NAN;
}
double parley_positions_reference(const parley_positions *pos, size_t i) {
  return i < pos->n_issues ? pos->reference[i] : NAN;
}
double parley_positions_outcome(const parley_positions *pos, size_t i) {
  return i < pos->n_issues ? pos->outcome[i] : NAN;
}
size_t parley_positions_active_count(const parley_positions *pos, size_t i) {
  if (i >= pos->n_issues) return 0;
  size_t n = 0;
  for (size_t a = 0; a < pos->n_actors; a++)
    n += !isnan(pos->position[i * pos->n_actors + a]) && !isnan(pos->salience[i * pos->n_actors + a]);
  return n;
}

size_t parley_positions_issue_group(const parley_positions *pos, size_t i) {
  if (!pos || i >= pos->n_issues) return PARLEY_NONE;
  return pos->group ? pos->group[i] : 0;
}

const char *parley_positions_issue_proposal(const parley_positions *pos, size_t i) {
  return pos && i < pos->n_issues && pos->proposal ? pos->proposal[i] : NULL;
}

double parley_positions_capability(const parley_positions *pos, size_t a) {
  return a < pos->n_actors && pos->capability ? pos->capability[a] : NAN;
}

int pl_positions_alloc(parley_positions *pos, size_t A, size_t I) {
  pl_arena *ar = &pos->arena;
  pos->n_actors = A;
  pos->n_issues = I;
  pos->actor = pl_arena_array(ar, A, sizeof *pos->actor);
  pos->capability = pl_arena_array(ar, A, sizeof *pos->capability);
  pos->issue = pl_arena_array(ar, I, sizeof *pos->issue);
  pos->year = pl_arena_array(ar, I, sizeof *pos->year);
  pos->position = pl_arena_array(ar, I * A, sizeof *pos->position);
  pos->salience = pl_arena_array(ar, I * A, sizeof *pos->salience);
  pos->reference = pl_arena_array(ar, I, sizeof *pos->reference);
  pos->outcome = pl_arena_array(ar, I, sizeof *pos->outcome);
  if (!pos->actor || !pos->capability || !pos->issue || !pos->year || !pos->position || !pos->salience ||
      !pos->reference || !pos->outcome)
    return PARLEY_ERR_NOMEM;
  for (size_t a = 0; a < A; a++) pos->actor[a] = NULL, pos->capability[a] = NAN;
  for (size_t i = 0; i < I; i++) {
    pos->issue[i] = NULL;
    pos->year[i] = 0;
    pos->reference[i] = pos->outcome[i] = NAN;
  }
  for (size_t k = 0; k < I * A; k++) pos->position[k] = pos->salience[k] = NAN;
  return 0;
}

int parley_positions_from_scenario(const parley_scenario *sc, parley_positions **out, parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  size_t n_numeric = 0;
  for (uint32_t i = 0; i < sc->n_issues; i++) n_numeric += sc->issues[i].numeric != 0;
  if (sc->n_positions) n_numeric = sc->n_positions; /* given outright: those issues */
  if (n_numeric == 0)
    return pl_fail(err, PARLEY_ERR_INVALID, sc->source, 0, 0,
                   "the scenario has no numeric issue (range) to forecast on, and no 'positions'");
  pl_arena a = {0};
  parley_positions *pos = pl_arena_alloc(&a, sizeof *pos);
  if (!pos) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  pos->arena = a;
  pl_arena *ar = &pos->arena;
  const size_t A = sc->n_parties;
  pos->source = pl_arena_strdup(ar, sc->source);
  if (!pos->source || pl_positions_alloc(pos, A, n_numeric)) {
    parley_positions_free(pos);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  /* the positions outlive the scenario: copy its strings */
  int nomem = 0;
  for (size_t p = 0; p < A; p++) {
    pos->actor[p] = pl_arena_strdup(ar, sc->parties[p].id);
    pos->capability[p] = sc->parties[p].power;
    nomem |= !pos->actor[p];
  }
  size_t k = 0;
  for (uint32_t m = 0; m < sc->n_positions; m++, k++) {
    const pl_position_issue *pi = &sc->positions[m];
    pos->issue[k] = pl_arena_strdup(ar, sc->issues[pi->issue].id);
    nomem |= !pos->issue[k];
    pos->reference[k] = pi->reference;
    pos->outcome[k] = pi->outcome;
    for (size_t p = 0; p < A; p++) {
      pos->position[k * A + p] = pi->position[p];
      pos->salience[k * A + p] = pi->salience[p];
    }
  }
  for (uint32_t i = 0; i < sc->n_issues && !sc->n_positions; i++) {
    const pl_issue *is = &sc->issues[i];
    if (!is->numeric) continue;
    pos->issue[k] = pl_arena_strdup(ar, is->id);
    nomem |= !pos->issue[k];
    for (size_t p = 0; p < A; p++) {
      const pl_party *pa = &sc->parties[p];
      double best = -1, x = NAN;
      for (uint32_t o = 0; pa->value[i] && o < is->n_options; o++)
        if (pa->value[i][o] > best) {
          best = pa->value[i][o];
          x = is->options[o].number;
        }
      pos->position[k * A + p] = x; /* NaN for a party that gives the issue no weight */
      pos->salience[k * A + p] = pa->value[i] ? 100 * pa->weight[i] : NAN;
    }
    k++;
  }
  if (nomem) {
    parley_positions_free(pos);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  *out = pos;
  return 0;
}
