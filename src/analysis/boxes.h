/* boxes.h — the exact Pareto frontier without enumeration, for profiles that are sums of
 * "box" terms: each party's utility is a constant plus non-negative bonuses, each earned when
 * every issue in a set takes one of its allowed options (the ANAC 2014 hyper-rectangles).
 *
 * What a package earns depends only on which boxes hold it, and a set of boxes holds a common
 * package exactly when, issue by issue, their allowed options intersect. So the search runs
 * over sets of boxes, not over packages: branch on including or excluding one box, keep per
 * issue the options still allowed, drop the boxes no longer compatible, and bound each party
 * by what it has plus, per colour class of mutually exclusive remaining boxes, the largest
 * bonus. A branch whose bound is weakly dominated by a frontier point, or is below a
 * reservation value, is cut. Each frontier point is a distinct utility vector with one package
 * that attains it (a witness: the lowest allowed option on each issue). */
#ifndef PL_ANALYSIS_BOXES_H
#define PL_ANALYSIS_BOXES_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/analysis.h"

#define PL_BOXES_MAX_RULES 4096
#define PL_BOXES_MAX_OPTIONS 64

/* 1 if the method applies: no red lines, every interaction bonus >= 0, every issue's weighted
 * value the same for all its options (weight 0), at most 64 options per issue and 4,096
 * interaction terms. */
int pl_boxes_applicable(const parley_scenario *sc);

typedef struct pl_boxes_search {
  /* inputs */
  const parley_scenario *sc;
  uint32_t n_obj;          /* the parties whose utilities form the frontier */
  const uint32_t *obj;     /* their indices */
  const pl_fx *floor;      /* per objective: keep only packages at or above it (NULL: none) */
  uint64_t max_nodes;      /* 0 = no limit */
  uint64_t max_frontier;   /* 0 = no limit; more points stop the search too */
  int frontier_full;       /* set when max_frontier stopped it */
  int (*progress)(void *user, double fraction);
  void *progress_user;
  /* outputs */
  pl_frontier frontier;    /* n_obj utilities per point; idx = row in pkgs */
  uint32_t *pkgs;          /* witness packages, n_issues each, indexed by frontier idx */
  size_t n_pkgs, cap_pkgs;
  uint64_t nodes;
} pl_boxes_search;

/* Runs the search. Returns 0, PARLEY_ERR_NOMEM, PARLEY_ERR_LIMIT (max_nodes reached; the
 * frontier found so far is not exact) or PARLEY_ERR_CANCELLED (by progress). Release
 * with pl_boxes_search_free. */
int pl_boxes_run(pl_boxes_search *s);
void pl_boxes_search_free(pl_boxes_search *s);

/* The box search's part of parley_analyze: fills the frontier and its packages, the ranges and
 * ideal packages, the means, the opposition, feasibility and the blocking group. */
int pl_analyze_boxes(parley_analysis *an, const parley_analysis_options *opt);

#endif
