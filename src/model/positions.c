/* positions.c — accessors of parley_positions. */
#include "model/positions.h"

#include <math.h>

void parley_positions_free(parley_positions *pos) {
  if (!pos) return;
  pl_arena a = pos->arena; /* the object lives in its own arena */
  pl_arena_release(&a);
}

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

double parley_positions_capability(const parley_positions *pos, size_t a) {
  return a < pos->n_actors && pos->capability ? pos->capability[a] : NAN;
}
