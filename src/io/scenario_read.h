/* scenario_read.h — what the two halves of the scenario reader share (scenario_reader.c, the
 * document, issues, frameworks and positions; scenario_parties.c, the parties): the reading
 * state and the helpers that check a node and report a problem at it. */
#ifndef PL_IO_SCENARIO_READ_H
#define PL_IO_SCENARIO_READ_H

#include <stddef.h>

#include "io/ytree.h"
#include "model/builder.h"
#include "util/error.h"

typedef struct rd {
  const char *name;
  pl_collect col;
  parley_read_limits lim;
  parley_builder *b;
  int issue_ok[PARLEY_MAX_ISSUES]; /* per issue built: read without error, so references to it can be checked */
} rd;

/* Reports a problem with the given status at node n (NULL: no position). */
__attribute__((format(printf, 4, 5))) void yr_bad_code(rd *r, int code, const pl_ynode *n, const char *fmt, ...);
#define bad(r, n, ...) yr_bad_code(r, PARLEY_ERR_INVALID, n, __VA_ARGS__)
/* A builder's message at node n. */
void yr_at(rd *r, const pl_ynode *n, const parley_error *e);
/* Reports out of memory; returns PARLEY_ERR_NOMEM. */
int yr_nomem(rd *r);

/* "a mapping", "a list", ... for messages. */
const char *yr_kind_name(const pl_ynode *n);
/* 1 if n is a mapping (a list); else reports that `what` must be one and returns 0. */
int yr_is_map(rd *r, const pl_ynode *n, const char *what);
int yr_is_seq(rd *r, const pl_ynode *n, const char *what);
/* Reports every key of map not in allowed (NULL-terminated). */
void yr_check_keys(rd *r, const pl_ynode *map, const char *const *allowed, const char *what);
/* The value of key in map, or NULL. */
const pl_ynode *yr_find(const pl_ynode *map, const char *key);
/* A scalar read as a number: 1 and *out, or 0. */
int yr_scalar_number(const pl_ynode *n, double *out);
/* A number, or 0 after reporting that `what` must be one. */
int yr_get_number(rd *r, const pl_ynode *n, const char *what, double *out);
/* A number, or a distribution standing for one ({uniform: [a, b]}, {triangular: [low, mode,
 * high]}, {normal: [mean, sd]}) confined to [lo, hi]: 1 with *out the number (the mean) and *d
 * the distribution (kind PL_DIST_NONE for a number), or 0 after reporting the problem. */
int yr_get_param(rd *r, const pl_ynode *n, const char *what, double lo, double hi, double *out, pl_dist *d);
/* A schedule, {schedule: [[time, number or distribution], ...]}: 0 when n is no schedule; 1
 * with *count points in *t, *v and *d (the caller frees them); -1 after reporting a problem. */
int yr_read_schedule(rd *r, const pl_ynode *n, const char *what, double lo, double hi, size_t *count, double **t, double **v,
                     pl_dist **d);
/* Text, or NULL after reporting that `what` must be text. */
const char *yr_get_text(rd *r, const pl_ynode *n, const char *what);
/* The text of an optional key (dflt when absent), or NULL after reporting. */
const char *yr_opt_text(rd *r, const pl_ynode *map, const char *key, const char *what, const char *dflt);
/* The scenario format's rule on a bonus: in [-1, 1]. */
int yr_check_bonus(double bonus, parley_error *err);
/* The id node of an issue, party or framework entry after checking its keys, or NULL. */
const pl_ynode *yr_entity_id(rd *r, const pl_ynode *it, const char *const *keys, const char *article, const char *what);
/* The index of the issue a key names, or -1 after reporting (or when it failed to read). */
long yr_issue_ref(rd *r, const pl_ynode *key);
/* The index of the option of issue that n names, or -1 after reporting. */
long yr_option_ref(rd *r, size_t issue, const pl_ynode *n);

/* The 'parties' list (scenario_parties.c). */
void yr_read_parties(rd *r, const pl_ynode *parties);
/* A party's profile (power, reservation, discount, weights, values, interactions, red lines)
 * from map it into the builder's party p (pid its id, for messages); p may be a belief's
 * handle, which takes only the keys given. */
void yr_read_profile(rd *r, size_t p, const char *pid, const pl_ynode *it);
/* The 'mediation' section (scenario_mediation.c), after the parties. */
void yr_read_mediation(rd *r, const pl_ynode *mediation);

#endif
