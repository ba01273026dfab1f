/* analysis.h — the layout of parley_analysis, which every method fills and the read-off
 * (result.c, solutions.c, concessions.c) completes. Declares no function: each file of
 * src/analysis/ has its own header. */
#ifndef PL_ANALYSIS_ANALYSIS_H
#define PL_ANALYSIS_ANALYSIS_H

#include "analysis/frontier.h"
#include "model/scenario.h"
#include "parley/analysis.h"

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
  uint32_t *amendment;   /* rejected: the best one-issue change every party accepts, or NULL */
  double amendment_loss; /* what the drafters lose by it (parley_amend's ranking) */
  uint64_t amendments;   /* how many one-issue changes every party accepts */
} pl_fw_result;

typedef struct pl_concession {
  uint32_t issue;
  uint32_t ideal_option, nash_option;
  pl_fx cost;
} pl_concession;

/* Which limit stopped a method that returned PARLEY_ERR_LIMIT (for the message). */
typedef enum pl_limit { PL_LIMIT_NONE, PL_LIMIT_FRONTIER, PL_LIMIT_SUMS, PL_LIMIT_MEMORY, PL_LIMIT_NODES } pl_limit;

struct parley_analysis {
  const parley_scenario *sc;
  pl_limit limit_hit;        /* set with PARLEY_ERR_LIMIT */
  pl_arena arena;            /* the small arrays below, released with the analysis */
  parley_method method;      /* the one that ran: enumerate, boxes or additive */
  uint64_t nodes;            /* boxes: nodes visited; additive: merges */
  uint64_t n_outcomes;       /* saturates at UINT64_MAX */
  int feasible_known;        /* enumeration always; the exact search when everything is */
  uint64_t n_feasible;
  double *mean;              /* per party, over all outcomes */
  double mean_all;
  double opposition;         /* min over outcomes of |U - (1,...,1)| */
  pl_party_range *range;     /* per party */
  pl_frontier frontier;      /* one point per vector, by its first package's outcome index */
  int frontier_counted;      /* frontier.count holds each vector's packages (not with boxes) */
  uint64_t frontier_total;   /* their sum, saturating; UINT64_MAX also when not counted */
  uint64_t n_ties;           /* all_ties: every frontier package, by outcome index */
  uint64_t *tie_idx;
  uint32_t *tie_vector;      /* the frontier point each attains */
  uint32_t *fpkg;            /* frontier packages, frontier.n x n_issues (malloc) */
  uint32_t *ideal_pkg;       /* per party, n_issues: its ideal package */
  pl_fx *feasible_ideal;     /* per party, max utility over the feasible set */
  size_t solution[PARLEY_SOLUTION_COUNT]; /* frontier indices, PARLEY_NONE when nothing is feasible */
  int blocking_known;
  uint64_t blocking_mask;
  pl_fw_result *fw;          /* per framework */
  size_t *n_concessions;     /* per party */
  pl_concession **concessions;
  pl_fx *concession_total;   /* per party */
  pl_fx *concession_rest;    /* per party: the part of the total that interaction terms make */
};

#endif
