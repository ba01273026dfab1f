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
  size_t wish0, n_wishes; /* the consulted parties' wishes: d->wishes[wish0 .. wish0 + n_wishes) */
} pl_step;

/* What a consulted party asked for: a change of n_changed issues (0: nothing it could gain by). */
typedef struct pl_wish {
  size_t party;
  int n_changed;
  uint32_t issue[2], option[2];
} pl_wish;

typedef struct pl_draft {
  uint32_t *text; /* the view's issue count: the start on entry, the final text on return */
  pl_step *steps;
  size_t n_steps, cap_steps;
  uint32_t *texts; /* the text after each step, N each */
  size_t cap_texts;
  pl_wish *wishes; /* every step's, in order */
  size_t n_wishes, cap_wishes;
  int stop;       /* a parley_mediation_stop */
} pl_draft;

/* Who the mediator hears at each step, and how late. Without a tour, view party k is asked at
 * the steps s with every[k] dividing s (every[k] 0: never; a party the mediator only has a
 * belief about) and its answer, about the text as it stood then, reaches the mediator delay[k]
 * steps later. With a tour (shuttle diplomacy), step s hears always (a view party, or
 * (size_t)-1 for none) and tour[s % n_tour], each at once. */
typedef struct pl_schedule {
  const size_t *every, *delay;
  const size_t *tour;
  size_t n_tour, always;
} pl_schedule;

/* The view parties (one bit each) whose answers reach the mediator at step s, and when party k
 * among them was asked. */
uint64_t pl_schedule_arriving(const pl_schedule *sch, size_t n_parties, size_t s);
size_t pl_schedule_asked(const pl_schedule *sch, size_t k, size_t s);
/* 1 when view party k is ever heard. */
int pl_schedule_hears(const pl_schedule *sch, size_t k);

/* Raiffa's single text on the view (docs/semantics.md). At step s the parties consulted are
 * those whose answers arrive then (pl_schedule_arriving). Each names the change (one issue, or
 * two at once) it gains most from among the admissible changes to the text it was shown,
 * admissible meaning no party consulted at s loses and no view party that accepted the text (no
 * red line crossed, utility at or above its reservation) stops accepting it. The mediator puts
 * each wish to the current text, keeps those still admissible and still a gain for the party,
 * and adopts the one that most raises the consulted parties' least normalised gain
 * (U - r) / (ideal - r), ideal[k] given (the first on a tie). It stops when nothing was adopted
 * for as long as it takes every party heard to be asked about the text and answer, or after
 * max_steps steps. Returns 0 or PARLEY_ERR_NOMEM.
 *
 * least_satisfied: each step consults only the heard view party with the lowest normalised
 * gain (the first on a tie), at once, and adopts the change it gains most from among those that
 * keep it at or above its reservation; it stops when there is none, or after max_steps.
 *
 * Either stops too when an adopted change brings back a text it had before (a cycle, which
 * only least_satisfied or parties consulted at different steps can make). */
int pl_single_text(const parley_scenario *view, const pl_schedule *sch, const double *ideal, size_t max_steps,
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
 * The parties consulted at a step are those whose answers arrive then, as in pl_single_text,
 * judging the current text. Both run max_steps steps. */
int pl_baseline(const parley_scenario *view, const pl_schedule *sch, const double *ideal, size_t max_steps, int hill,
                uint64_t seed, pl_draft *d);

void pl_draft_free(pl_draft *d);

#endif
