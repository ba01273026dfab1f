/* analysis.h — the result of parley_analyze, shared with the report writers in io/. */
#ifndef PARLEY_ANALYSIS_H
#define PARLEY_ANALYSIS_H

#include "analysis/frontier.h"
#include "model/scenario.h"

#define PL_BLOCKING_MAX_PARTIES 20

typedef struct pl_party_range {
  int any;          /* some outcome crosses none of the party's red lines */
  uint64_t ideal;   /* enumeration: outcome index of its ideal package (lowest among ties) */
  pl_fx max, min;
  int min_known;    /* the exact search may not establish the minimum */
} pl_party_range;

typedef struct pl_fw_result {
  pl_fx *u;              /* per party */
  uint64_t red_mask;     /* parties whose red lines it crosses */
  size_t *crossed;       /* per party: how many of its red lines */
  int feasible;
  int on_frontier;
  size_t n_dominators;
  size_t *dominators;    /* frontier indices, by decreasing total gain */
} pl_fw_result;

typedef struct pl_concession {
  uint32_t issue;
  uint32_t ideal_option, nash_option;
  pl_fx cost;
} pl_concession;

struct parley_analysis {
  const parley_scenario *sc;
  parley_method method;      /* the one that ran: enumerate, boxes or additive */
  uint64_t nodes;            /* boxes: nodes visited; additive: merges */
  uint64_t n_outcomes;       /* saturates at UINT64_MAX */
  int feasible_known;        /* enumeration always; the exact search when everything is */
  uint64_t n_feasible;
  double *mean;              /* per party, over all outcomes */
  double mean_all;
  double opposition;         /* min over outcomes of |U - (1,...,1)| */
  pl_party_range *range;     /* per party */
  pl_frontier frontier;      /* sorted by outcome index (package order) */
  uint32_t *fpkg;            /* frontier packages, frontier.n x n_issues (malloc) */
  uint32_t *ideal_pkg;       /* per party, n_issues: its ideal package */
  pl_fx *feasible_ideal;     /* per party, max utility over the feasible set */
  long solution[PARLEY_SOLUTION_COUNT];
  int blocking_known;
  uint64_t blocking_mask;
  pl_fw_result *fw;          /* per framework */
  size_t *n_concessions;     /* per party */
  pl_concession **concessions;
  pl_fx *concession_total;   /* per party */
};

/* Feasible points gathered per frontier merge with three or more parties. */
#define PL_DEFAULT_BATCH ((size_t)1 << 16)
/* Frontier points kept aside to reject dominated points before they are gathered. */
#define PL_FILTER 8

/* parley_analyze with a chosen batch size, number of threads (1 or more) and most
 * combinations in the enumeration's inner block (0: the default); tests use small batches,
 * several threads and small inner blocks on small spaces to exercise the merging and the rows
 * where rules link inner and outer issues. */
int pl_analyze_batched(const parley_scenario *sc, const parley_analysis_options *options,
                       size_t batch, size_t threads, size_t inner_max, parley_analysis **out,
                       parley_error *err);

/* The smallest group of parties no outcome satisfies together; sat[m] = 1 when some outcome
 * is accepted by exactly the parties in m (2^P entries, overwritten). */
uint64_t pl_blocking_group(uint8_t *sat, uint32_t P);

/* The exact search's part of parley_analyze (boxes.c): fills frontier, fpkg, ideal_pkg,
 * ranges, means, opposition, feasibility and the blocking group. */
int pl_analyze_boxes(parley_analysis *an, const parley_analysis_options *opt);
/* The same for the additive method (additive.c). */
int pl_analyze_additive(parley_analysis *an, const parley_analysis_options *opt);

/* Mean utility of party p over all packages, exactly (each interaction term's bonus times the
 * share of the space where it holds, plus the per-issue means); valid for any scenario
 * (exact.c). */
double pl_mean_utility_exact(const parley_scenario *sc, uint32_t p);

/* The opposition (docs/semantics.md) from the non-dominated vectors of every package (wu,
 * n x P): the distance from (1, ..., 1) to the closest, or NAN when a utility exceeds 1 (then
 * the closest package need not be among them). */
double pl_opposition(const pl_fx *wu, size_t n, uint32_t P);

/* Fills an analysis from the whole frontier of a space without red lines (n points: utilities
 * wu, n x P; packages pkgs, row k at pkgs + (row ? row[k] : k) * n_issues), for the methods
 * that do not enumerate (exact.c): ideals and ideal packages, means, opposition, the feasible
 * frontier in package order, feasibility and the blocking group. floor_all[p] is a utility every
 * package reaches for party p. The caller sets each range's min and min_known. The additive
 * method, when red lines remove packages, then corrects what also depends on the packages
 * outside the frontier's space: ranges, opposition, feasibility and the blocking group. */
int pl_analysis_from_frontier(parley_analysis *an, const pl_fx *wu, const uint32_t *pkgs,
                              const uint64_t *row, size_t n, const pl_fx *floor_all);

/* Objective values of the solutions for one utility vector (exposed for tests). */
double pl_nash_product(const pl_fx *u, const pl_fx *r, uint32_t P);
double pl_ks_value(const pl_fx *u, const pl_fx *r, const pl_fx *ideal, uint32_t P);
pl_fx pl_egalitarian_value(const pl_fx *u, const pl_fx *r, uint32_t P);
pl_fx pl_utilitarian_value(const pl_fx *u, uint32_t P);
pl_fx pl_spread_value(const pl_fx *u, uint32_t P); /* max_p U_p - min_p U_p */

#endif
