/* plan.c — planning and dispatch: which method can analyse a scenario, the enumeration limit,
 * and parley_analyze, which runs the method chosen and then reads the solutions, the
 * frameworks' verdicts and the concessions off the frontier it found. */
#include "analysis/plan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/additive.h"
#include "analysis/boxes.h"
#include "analysis/concessions.h"
#include "analysis/result.h"
#include "analysis/solutions.h"
#include "analysis/ties.h"
#include "util/error.h"

static void product_text(const parley_scenario *sc, char *buf, size_t size) {
  size_t l = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < sc->n_issues && l + 16 < size; i++)
    l += (size_t)snprintf(buf + l, size - l, "%s%u", i ? " x " : "", sc->radix[i]);
  if (l + 16 >= size) snprintf(buf + l, size - l, " ...");
}

int parley_outcome_count_check(const parley_scenario *sc, uint64_t max_outcomes, parley_error *err) {
  if (!sc) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  if (!max_outcomes) max_outcomes = PARLEY_DEFAULT_MAX_OUTCOMES;
  uint64_t n = parley_outcome_count(sc);
  if (n <= max_outcomes) return 0;
  char dims[200], size[64];
  product_text(sc, dims, sizeof dims);
  if (n < 1000000000000ULL) {
    snprintf(size, sizeof size, "%llu", (unsigned long long)n);
  } else {
    double lg = 0; /* the exact count may not fit 64 bits: give its magnitude */
    for (uint32_t i = 0; i < sc->n_issues; i++) lg += log10((double)sc->radix[i]);
    snprintf(size, sizeof size, "about %.3ge%d", pow(10, lg - floor(lg)), (int)floor(lg));
  }
  return pl_fail(err, PARLEY_ERR_LIMIT, sc->source, sc->issues_line, sc->issues_column,
                 "the outcome space has %s packages (%s), more than the enumeration limit "
                 "of %llu; use coarser steps on numeric ranges, fewer options, or split the "
                 "question into smaller scenarios, or raise the limit with --max-outcomes",
                 size, dims, (unsigned long long)max_outcomes);
}

const char *parley_method_name(parley_method m) {
  switch (m) {
    case PARLEY_METHOD_AUTO: return "auto";
    case PARLEY_METHOD_ENUMERATE: return "enumerate";
    case PARLEY_METHOD_BOXES: return "boxes";
    case PARLEY_METHOD_ADDITIVE: return "additive";
    default: return "?";
  }
}

int parley_method_find(const char *name) {
  for (int m = 0; m < PARLEY_METHOD_COUNT; m++)
    if (name && strcmp(name, parley_method_name((parley_method)m)) == 0) return m;
  return -1;
}

int parley_analysis_plan(const parley_scenario *sc, const parley_analysis_options *options,
                         parley_method *method_out, parley_error *err) {
  if (!sc || !method_out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  parley_analysis_options opt = {0};
  if (options) opt = *options;
  switch (opt.method) {
    case PARLEY_METHOD_ENUMERATE:
      *method_out = PARLEY_METHOD_ENUMERATE;
      return parley_outcome_count_check(sc, opt.max_outcomes, err);
    case PARLEY_METHOD_BOXES:
      *method_out = PARLEY_METHOD_BOXES;
      if (pl_boxes_applicable(sc)) return 0;
      return pl_fail(err, PARLEY_ERR_INVALID, sc->source, 0, 0,
                     "the exact method 'boxes' needs profiles made only of interaction terms "
                     "with bonuses >= 0 (issue weights 0, no red lines, at most 64 options per "
                     "issue and 4096 terms); use --method enumerate");
    case PARLEY_METHOD_ADDITIVE:
      *method_out = PARLEY_METHOD_ADDITIVE;
      if (pl_additive_applicable(sc)) return 0;
      return pl_fail(err, PARLEY_ERR_INVALID, sc->source, 0, 0,
                     "the exact method 'additive' needs a scenario whose interaction terms and "
                     "red lines link groups of issues of at most 2^20 combinations; use "
                     "--method enumerate or boxes");
    case PARLEY_METHOD_AUTO: {
      *method_out = PARLEY_METHOD_ENUMERATE;
      int rc = parley_outcome_count_check(sc, opt.max_outcomes, err);
      if (rc == 0 && pl_additive_applicable(sc)) *method_out = PARLEY_METHOD_ADDITIVE; /* enumeration if not cheaper */
      if (rc != PARLEY_ERR_LIMIT) return rc;
      if (pl_additive_applicable(sc)) *method_out = PARLEY_METHOD_ADDITIVE;
      else if (pl_boxes_applicable(sc)) *method_out = PARLEY_METHOD_BOXES;
      else return rc;
      if (err) memset(err, 0, sizeof *err);
      return 0;
    }
    default:
      return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "unknown method");
  }
}


int parley_method_applicable(const parley_scenario *sc, parley_method m) {
  if (!sc) return 0;
  switch (m) {
    case PARLEY_METHOD_AUTO:
    case PARLEY_METHOD_ENUMERATE: return 1;
    case PARLEY_METHOD_BOXES: return pl_boxes_applicable(sc);
    case PARLEY_METHOD_ADDITIVE: return pl_additive_applicable(sc);
    default: return 0;
  }
}

int parley_analyze(const parley_scenario *sc, const parley_analysis_options *options, parley_analysis **out,
                   parley_error *err) {
  pl_enum_tuning tune = {PL_DEFAULT_BATCH, options && options->threads ? options->threads : parley_default_threads(), 0};
  /* small spaces are not worth a thread: merging the chunks' frontiers costs more */
  if (sc && parley_outcome_count(sc) < ((uint64_t)1 << 20)) tune.threads = 1;
  return pl_analyze_tuned(sc, options, &tune, out, err);
}

int pl_analyze_tuned(const parley_scenario *sc, const parley_analysis_options *options, const pl_enum_tuning *tune,
                     parley_analysis **out, parley_error *err) {
  if (!sc || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_analysis_options opt = {0};
  if (options) opt = *options;
  if (!opt.max_outcomes) opt.max_outcomes = PARLEY_DEFAULT_MAX_OUTCOMES;
  parley_method method;
  int rc = parley_analysis_plan(sc, &opt, &method, err);
  if (rc) return rc;
  if (opt.all_ties && parley_outcome_count(sc) > opt.max_outcomes)
    return pl_fail(err, PARLEY_ERR_LIMIT, sc->source, sc->issues_line, sc->issues_column,
                   "listing every tied frontier package visits every package, and the outcome "
                   "space has more than the enumeration limit of %llu; raise it with "
                   "--max-outcomes, or leave out --all-ties",
                   (unsigned long long)opt.max_outcomes);
  parley_analysis *an = NULL;
  /* auto, on a space small enough to enumerate: the additive method first when it applies, on
   * a budget of half a unit of work per package, which enumeration takes over from when the
   * method would pass it or could not give every figure enumeration gives */
  if (opt.method == PARLEY_METHOD_AUTO && method == PARLEY_METHOD_ADDITIVE && parley_outcome_count(sc) <= opt.max_outcomes) {
    method = PARLEY_METHOD_ENUMERATE;
    int over = 0;
    if (!(an = pl_analysis_new(sc, PARLEY_METHOD_ADDITIVE))) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
    rc = pl_analyze_additive(an, &opt, parley_outcome_count(sc) / 2 + 1, &over);
    if (rc == 0 && (!an->feasible_known || isnan(an->opposition) || (an->n_feasible == 0 && !an->blocking_known)))
      over = 1;
    if (rc == 0 && !over) method = PARLEY_METHOD_ADDITIVE;
    else if (rc == 0 || over || rc == PARLEY_ERR_LIMIT) rc = 0, parley_analysis_free(an), an = NULL;
  }
  if (!an && rc == 0) {
    if (!(an = pl_analysis_new(sc, method))) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
    if (method == PARLEY_METHOD_BOXES) rc = pl_analyze_boxes(an, &opt);
    else if (method == PARLEY_METHOD_ADDITIVE) rc = pl_analyze_additive(an, &opt, 0, NULL);
    else rc = pl_enumerate(an, &opt, tune);
  }
  if (rc == 0 && method == PARLEY_METHOD_ENUMERATE) an->frontier_counted = 1;
  if (rc == 0 && opt.all_ties) rc = pl_analysis_ties(an, &opt);
  an->frontier_total = an->frontier_counted ? 0 : UINT64_MAX;
  for (size_t k = 0; rc == 0 && an->frontier_counted && k < an->frontier.n; k++)
    an->frontier_total = pl_count_add(an->frontier_total, an->frontier.count[k]);
  if (rc == 0) pl_analysis_solve(an);
  if (rc == 0) rc = pl_analysis_frameworks(an);
  if (rc == 0) rc = pl_analysis_concessions(an);
  if (rc != 0) {
    const pl_limit why = an ? an->limit_hit : PL_LIMIT_NONE;
    parley_analysis_free(an);
    if (rc == PARLEY_ERR_CANCELLED) return pl_fail(err, rc, NULL, 0, 0, "analysis cancelled");
    if (rc == PARLEY_ERR_LIMIT && why == PL_LIMIT_FRONTIER)
      return pl_fail(err, rc, sc->source, sc->issues_line, sc->issues_column,
                     "the Pareto frontier has more than %llu utility vectors (the %s method "
                     "stopped there); raise the limit with --max-frontier (time and memory grow "
                     "with it), or merge parties or issues",
                     (unsigned long long)(opt.max_frontier ? opt.max_frontier : PARLEY_DEFAULT_MAX_FRONTIER),
                     parley_method_name(method));
    if (rc == PARLEY_ERR_LIMIT && why == PL_LIMIT_MEMORY)
      return pl_fail(err, rc, sc->source, sc->issues_line, sc->issues_column,
                     "the additive method's partial frontiers (one per group of issues, merged "
                     "pairwise) would take more than 1 GiB together; use fewer or coarser "
                     "issues, or --method enumerate on a space of at most --max-outcomes packages");
    if (rc == PARLEY_ERR_LIMIT && method == PARLEY_METHOD_ADDITIVE)
      return pl_fail(err, rc, sc->source, sc->issues_line, sc->issues_column,
                     "the additive method's partial frontiers grew too large (one merge would "
                     "form more than %llu sums); use --method enumerate on a space of at most "
                     "--max-outcomes packages",
                     (unsigned long long)pl_additive_max_sums(sc));
    if (rc == PARLEY_ERR_LIMIT)
      return pl_fail(err, rc, sc->source, sc->issues_line, sc->issues_column,
                     "the exact search gave up after %llu nodes without finishing; raise the "
                     "limit with --max-nodes, or use fewer interaction terms",
                     (unsigned long long)(opt.max_nodes ? opt.max_nodes : PARLEY_DEFAULT_MAX_NODES));
    return pl_fail(err, rc, NULL, 0, 0, "out of memory");
  }
  *out = an;
  return 0;
}
