/* sample.h — drawing the uncertain numbers of a scenario's parties (model/uncertain.h), one
 * profile set per draw, and judging packages by a draw. Draw k of seed s depends on (s, k) only,
 * so draws can be spread over threads in any way and give the same numbers. */
#ifndef PL_MODEL_SAMPLE_H
#define PL_MODEL_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "model/scenario.h"

/* An uncertain number of a party: its reservation; a weight (as given, before normalising); a
 * Dirichlet weight (normalised); a value of an option; the value at a point of a
 * piecewise-linear function; an interaction's bonus; whether a red line holds (index counts the
 * likely red lines, then the unlikely ones). */
typedef enum pl_uparam_kind {
  PL_UP_RESERVATION,
  PL_UP_WEIGHT,
  PL_UP_DIRICHLET,
  PL_UP_VALUE,
  PL_UP_POINT,
  PL_UP_BONUS,
  PL_UP_RED_LINE
} pl_uparam_kind;

typedef struct pl_uparam {
  uint32_t party;
  int kind;
  uint32_t issue, index; /* VALUE: the option; POINT: the point; BONUS, RED_LINE: the rule */
} pl_uparam;

/* The scenario's uncertain numbers, party by party in the order above; their count, written to
 * out when it is not NULL. */
size_t pl_uparams(const parley_scenario *sc, pl_uparam *out);

/* One draw of every party's profile. Certain parties keep their model; an uncertain party's
 * terms are doubles. */
typedef struct pl_draw {
  double *contrib;        /* like the compiled table: contrib[offset[i] + o * P + p] */
  double *reservation;    /* per party */
  double *bonus;          /* per compiled rule (interactions) */
  unsigned char *active;  /* per compiled rule (red lines): whether it holds in this draw */
  unsigned char *unlikely;/* per party's unlikely red line, flattened in party order */
  double *param;          /* per uncertain number, what was drawn (1/0 for a red line) */
  double *ys;             /* room for the values at the points of the longest uncertain function */
} pl_draw;

/* Allocates a draw's arrays for sc and n_params numbers; 0 or PARLEY_ERR_NOMEM. */
int pl_draw_alloc(const parley_scenario *sc, size_t n_params, pl_draw *d);
void pl_draw_free(pl_draw *d);
/* Draw k of seed: every uncertain number of every party. */
void pl_draw_sample(const parley_scenario *sc, const pl_uparam *params, size_t n_params, uint64_t seed, uint64_t k, pl_draw *d);
/* 1 when party p accepts pkg in the draw: no red line holding and active, utility at least the
 * reservation. A party with no uncertain number is judged exactly, as in the model. */
int pl_draw_accepts(const parley_scenario *sc, const pl_draw *d, size_t p, const uint32_t *pkg);
/* "ukraine: reservation", "ukraine: weight of territory", "ukraine: value of territory=ceded",
 * "ukraine: red line 1 (note)" ... into buf. */
void pl_uparam_name(const parley_scenario *sc, const pl_uparam *u, char *buf, size_t size);

#endif
