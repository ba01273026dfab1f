/* procedures.h — the drafting procedures that step through texts (single_text.c), for
 * mediate.c. They work on the mediator's view: a scenario whose parties are the ones the
 * mediator hears. */
#ifndef PL_NEGOTIATE_PROCEDURES_H
#define PL_NEGOTIATE_PROCEDURES_H

#include <stddef.h>
#include <stdint.h>

#include "model/scenario.h"
#include "parley/mediate.h"
#include "parley/scenario.h"

/* One step of a drafting: who proposed the change adopted (a view party) and what it changes
 * (one or two issues), or n_changed 0 when nothing was adopted. consulted has one bit per view
 * party. */
typedef struct pl_step {
  uint64_t consulted;
  size_t proposer;
  int n_changed;
  uint32_t issue[2], option[2];
} pl_step;

typedef struct pl_draft {
  uint32_t *text; /* the view's issue count: the start on entry, the final text on return */
  pl_step *steps;
  size_t n_steps, cap_steps;
  uint32_t *texts; /* the text after each step, N each */
  size_t cap_texts;
  int stop;       /* a parley_mediation_stop */
} pl_draft;

/* Raiffa's single text on the view (docs/semantics.md): at step s (from 0) the view party k is
 * consulted when every[k] divides s; each consulted party names the admissible change (one
 * issue, or two at once) it gains most from, admissible meaning no consulted party loses and no
 * view party that accepted the text (no red line crossed, utility at or above its reservation)
 * stops accepting it; the mediator adopts the wish that most raises the consulted parties'
 * least normalised gain (U - r) / (ideal - r), ideal[k] given (the first wish on a tie). It
 * stops when, for as many steps as the largest every[k], nothing was adopted, or after
 * max_steps steps. Returns 0 or PARLEY_ERR_NOMEM.
 *
 * least_satisfied: each step consults only the view party with the lowest normalised gain (the
 * first on a tie; every[k] is not used), and adopts the change it gains most from among those
 * that keep it at or above its reservation; it stops when there is none, or after max_steps.
 *
 * Either stops too when an adopted change brings back a text it had before (a cycle, which
 * only least_satisfied or parties consulted at different steps can make). */
int pl_single_text(const parley_scenario *view, const size_t *every, const double *ideal, size_t max_steps,
                   int least_satisfied, pl_draft *d);

/* Every view party's utility of pkg, exactly (one evaluation for all), and whether it accepts
 * it: no red line crossed and utility at least its reservation. */
void pl_view_judge(const parley_scenario *view, const uint32_t *pkg, pl_fx *u, unsigned char *ok);
/* Party k's normalised gain (U - r) / (ideal - r), or U - r when its ideal is not above r. */
double pl_view_gain(const parley_scenario *view, const double *ideal, size_t k, pl_fx u);

/* Appends a step and the text after it; 0 or PARLEY_ERR_NOMEM. */
int pl_draft_push(pl_draft *d, const pl_step *st, size_t n_issues);

/* The baselines other tools use (baselines.c), seeded: veto, a random text each step, adopted
 * when every party consulted prefers it (strictly); hill (hill-climb), one issue moved to a
 * random other option, adopted when it raises the consulted parties' least normalised gain.
 * Parties are consulted as in pl_single_text. Both run max_steps steps. */
int pl_baseline(const parley_scenario *view, const size_t *every, const double *ideal, size_t max_steps, int hill,
                uint64_t seed, pl_draft *d);

void pl_draft_free(pl_draft *d);

#endif
