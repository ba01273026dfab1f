/* forecast.c — the forecasting models by name, one model's forecast for one issue (the
 * dispatcher over baseline.c, eu.c, exchange.c and smp.c), and forecasting a whole file: every
 * issue, proposal or space run on the parallel loop, each run's result kept in run order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast/baseline.h"
#include "forecast/forecast.h"
#include "forecast/verdict.h"
#include "model/positions.h"
#include "util/error.h"
#include "util/parallel.h"

const char *parley_model_name(parley_model m) {
  switch (m) {
    case PARLEY_MODEL_MEAN: return "mean";
    case PARLEY_MODEL_MEDIAN: return "median";
    case PARLEY_MODEL_COMPROMISE: return "compromise";
    case PARLEY_MODEL_WEIGHTED_MEDIAN: return "weighted-median";
    case PARLEY_MODEL_EU_MEDIAN: return "eu-median";
    case PARLEY_MODEL_EU_MEAN: return "eu-mean";
    case PARLEY_MODEL_NBS: return "nbs";
    case PARLEY_MODEL_EXCHANGE: return "exchange";
    case PARLEY_MODEL_SMP: return "smp";
    default: return "unknown";
  }
}

int parley_model_find(const char *name) {
  for (int m = 0; m < PARLEY_MODEL_COUNT; m++)
    if (name && strcmp(name, parley_model_name((parley_model)m)) == 0) return m;
  return -1;
}

/* The exchange model over the issue's proposal: the issue's outcome after the last round. */
static int exchange_forecast(const parley_positions *pos, size_t issue, const parley_capability *cap,
                             double *forecast) {
  const size_t g = parley_positions_issue_group(pos, issue), N = pos->n_issues;
  size_t *group = malloc(N * sizeof *group), n = 0, at = 0;
  if (!group) return PARLEY_ERR_NOMEM;
  for (size_t i = g; i < N; i++)
    if (parley_positions_issue_group(pos, i) == g) {
      if (i == issue) at = n;
      group[n++] = i;
    }
  parley_exchange_result *res = NULL;
  int rc = parley_exchange_run(pos, group, n, cap, NULL, &res, NULL);
  if (rc == 0) {
    *forecast = parley_exchange_outcome(res, parley_exchange_round_count(res), at);
    if (isnan(*forecast)) rc = PARLEY_ERR_INVALID;
  }
  parley_exchange_free(res);
  free(group);
  return rc;
}

/* One model's forecast of one issue, with progress for the models that run in rounds. */
static int forecast_one(const parley_positions *pos, size_t issue, parley_model model, const parley_capability *cap,
                        double *forecast, parley_progress_fn progress, void *user) {
  if (model == PARLEY_MODEL_EU_MEDIAN || model == PARLEY_MODEL_EU_MEAN) {
    parley_eu_options eo;
    parley_eu_defaults(&eo);
    eo.progress = progress, eo.progress_user = user;
    parley_eu_result *res = NULL;
    const int rc = parley_eu_run(pos, issue, cap, &eo, &res, NULL);
    if (rc) return rc == PARLEY_ERR_NOMEM || rc == PARLEY_ERR_CANCELLED ? rc : PARLEY_ERR_INVALID;
    size_t T = parley_eu_round_count(res);
    *forecast = model == PARLEY_MODEL_EU_MEDIAN ? parley_eu_median(res, T) : parley_eu_mean(res, T);
    parley_eu_free(res);
    return 0;
  }
  if (model == PARLEY_MODEL_EXCHANGE) return exchange_forecast(pos, issue, cap, forecast);
  if (model == PARLEY_MODEL_SMP) {
    parley_smp_result *res = NULL;
    parley_smp_options o;
    parley_smp_defaults(&o);
    o.threads = 1;
    o.progress = progress, o.progress_user = user;
    int rc = parley_smp_run(pos, &issue, 1, cap, &o, &res, NULL);
    if (rc == 0) *forecast = parley_smp_forecast(res, 0);
    parley_smp_free(res);
    return rc;
  }
  return pl_baseline_forecast(pos, issue, model, cap, forecast);
}

int pl_forecast_models(const parley_positions *pos, size_t issue, const parley_model *models, size_t M,
                       const parley_capability *cap, double *out, unsigned char *settle, parley_progress_fn progress,
                       void *user) {
  parley_eu_result *eu = NULL; /* run once for eu-median and eu-mean: its median and mean */
  parley_eu_options eo;
  parley_eu_defaults(&eo);
  eo.progress = progress, eo.progress_user = user;
  int eu_rc = 1;               /* 1: not run yet */
  for (size_t m = 0; m < M; m++) {
    out[m] = NAN;
    if (settle) settle[m] = PARLEY_EU_SETTLED;
    int rc;
    if (models[m] == PARLEY_MODEL_EU_MEDIAN || models[m] == PARLEY_MODEL_EU_MEAN) {
      if (eu_rc == 1) eu_rc = parley_eu_run(pos, issue, cap, &eo, &eu, NULL);
      rc = eu_rc;
      if (rc == 0) {
        const size_t T = parley_eu_round_count(eu);
        out[m] = models[m] == PARLEY_MODEL_EU_MEDIAN ? parley_eu_median(eu, T) : parley_eu_mean(eu, T);
        if (settle) settle[m] = (unsigned char)parley_eu_settled(eu, models[m] == PARLEY_MODEL_EU_MEAN, NULL, NULL);
      }
    } else {
      rc = forecast_one(pos, issue, models[m], cap, &out[m], progress, user);
      if (rc) out[m] = NAN;
    }
    if (rc == PARLEY_ERR_NOMEM || rc == PARLEY_ERR_CANCELLED) {
      parley_eu_free(eu);
      return rc;
    }
  }
  parley_eu_free(eu);
  return 0;
}

int parley_forecast_issue(const parley_positions *pos, size_t issue, parley_model model,
                          const parley_capability *cap, double *forecast) {
  if (!pos || issue >= pos->n_issues || !forecast || (unsigned)model >= PARLEY_MODEL_COUNT)
    return PARLEY_ERR_ARG;
  return forecast_one(pos, issue, model, cap, forecast, NULL, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* A whole file                                                                               */

void parley_forecast_defaults(parley_forecast_options *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->kind = PARLEY_FORECAST_TABLE;
  o->capability.kind = PARLEY_CAPABILITY_EQUAL;
  parley_eu_defaults(&o->eu);
  parley_exchange_defaults(&o->exchange);
  parley_smp_defaults(&o->smp);
}

typedef struct run {
  parley_eu_result *eu;
  parley_exchange_result *exchange;
  parley_smp_result *smp;
  int failed;
  parley_error err;
  size_t first, n_issues; /* the issues of an exchange or SMP run: issues[first .. first + n) */
} run;

struct parley_forecast {
  const parley_positions *pos;
  parley_forecast_options opt;
  pl_copied copied;     /* the models and capability table the options point at */
  double *value;        /* TABLE: issues x models */
  unsigned char *settle; /* TABLE: issues x models, a parley_eu_settle */
  uint32_t *package;      /* TABLE with a scenario: models x scenario issues (verdict.c) */
  unsigned char *verdict; /* models x parties, a parley_forecast_verdict */
  double *utility;        /* models x parties */
  run *runs;
  size_t n_runs;
  size_t *issues;       /* the runs' issues, run after run */
  int smp_joint;
};

void parley_forecast_free(parley_forecast *fc) {
  if (!fc) return;
  for (size_t k = 0; fc->runs && k < fc->n_runs; k++) {
    parley_eu_free(fc->runs[k].eu);
    parley_exchange_free(fc->runs[k].exchange);
    parley_smp_free(fc->runs[k].smp);
  }
  free(fc->runs);
  free(fc->value);
  free(fc->settle);
  free(fc->package), free(fc->verdict), free(fc->utility);
  free(fc->issues);
  pl_copied_free(&fc->copied);
  free(fc);
}

/* The progress callback a run inside a chunk is given: the parallel loop's poll (progress on
 * the calling thread, a look at the stop flag on the others). */
static int poll_loop(void *par, double fraction) {
  (void)fraction;
  return pl_parallel_poll(par);
}

/* TABLE: chunk k is issue k, every model. */
static int table_chunk(void *ctx, size_t i, pl_parallel *par) {
  parley_forecast *fc = ctx;
  const size_t M = fc->opt.n_models;
  int rc = pl_forecast_models(fc->pos, i, fc->opt.models, M, &fc->opt.capability, fc->value + i * M, fc->settle + i * M,
                              poll_loop, par);
  if (rc) return rc;
  pl_parallel_advance(par, 1);
  return 0;
}

/* EU, EXCHANGE, SMP: chunk k is run k; a run that cannot be made keeps its error. */
static int run_chunk(void *ctx, size_t k, pl_parallel *par) {
  parley_forecast *fc = ctx;
  run *r = &fc->runs[k];
  const parley_forecast_options *o = &fc->opt;
  const size_t *issues = fc->issues + r->first;
  int rc;
  if (o->kind == PARLEY_FORECAST_EU) {
    parley_eu_options eo = o->eu;
    eo.progress = poll_loop, eo.progress_user = par;
    rc = parley_eu_run(fc->pos, issues[0], &o->capability, &eo, &r->eu, &r->err);
  } else if (o->kind == PARLEY_FORECAST_EXCHANGE) {
    rc = parley_exchange_run(fc->pos, issues, r->n_issues, &o->capability, &o->exchange, &r->exchange, &r->err);
  } else {
    parley_smp_options so = o->smp;
    so.progress = poll_loop, so.progress_user = par;
    if (fc->n_runs > 1) so.threads = 1; /* the runs themselves share the threads */
    else if (!so.threads) so.threads = o->threads;
    rc = parley_smp_run(fc->pos, fc->smp_joint ? NULL : issues, fc->smp_joint ? 0 : r->n_issues, &o->capability, &so,
                        &r->smp, &r->err);
  }
  r->failed = rc != 0;
  pl_parallel_advance(par, 1);
  return rc == PARLEY_ERR_NOMEM || rc == PARLEY_ERR_CANCELLED ? rc : 0;
}

/* The runs of a kind: EU one per issue; EXCHANGE one per proposal; SMP one space when every
 * actor has every issue and its saliences share at most 100 among them (KTAB's files,
 * scenarios), else, as in DEU III where each proposal has its own saliences, one per issue. */
static int plan_runs(parley_forecast *fc) {
  const parley_positions *pos = fc->pos;
  const size_t N = pos->n_issues, A = pos->n_actors;
  fc->issues = malloc((N ? N : 1) * sizeof *fc->issues);
  fc->runs = calloc(N ? N : 1, sizeof *fc->runs);
  if (!fc->issues || !fc->runs) return PARLEY_ERR_NOMEM;
  if (fc->opt.kind == PARLEY_FORECAST_EXCHANGE) {
    size_t at = 0;
    for (size_t g = 0; g < N; g++) {
      if (parley_positions_issue_group(pos, g) != g) continue; /* not a proposal's first issue */
      run *r = &fc->runs[fc->n_runs++];
      r->first = at;
      for (size_t i = g; i < N; i++)
        if (parley_positions_issue_group(pos, i) == g) fc->issues[at++] = i;
      r->n_issues = at - r->first;
    }
    return 0;
  }
  if (fc->opt.kind == PARLEY_FORECAST_SMP) {
    int joint = 1;
    for (size_t a = 0; a < A && joint; a++) {
      double total = 0;
      for (size_t i = 0; i < N && joint; i++) {
        joint = !isnan(pos->position[i * A + a]) && !isnan(pos->salience[i * A + a]);
        total += pos->salience[i * A + a];
      }
      joint = joint && total <= 100 + 1e-9;
    }
    fc->smp_joint = joint;
    if (joint) {
      for (size_t i = 0; i < N; i++) fc->issues[i] = i;
      fc->runs[0] = (run){.first = 0, .n_issues = N};
      fc->n_runs = 1;
      return 0;
    }
  }
  for (size_t i = 0; i < N; i++) {
    fc->issues[i] = i;
    fc->runs[i] = (run){.first = i, .n_issues = 1};
  }
  fc->n_runs = N;
  return 0;
}

int pl_forecast_actor_limit(const parley_positions *pos, parley_forecast_kind kind, const parley_model *models,
                            size_t M, size_t max_actors, parley_error *err) {
  if (!max_actors) max_actors = PARLEY_DEFAULT_MAX_ACTORS;
  int cubic = kind == PARLEY_FORECAST_EU || kind == PARLEY_FORECAST_SMP;
  for (size_t m = 0; kind == PARLEY_FORECAST_TABLE && m < M; m++)
    cubic |= !models || models[m] == PARLEY_MODEL_EU_MEDIAN || models[m] == PARLEY_MODEL_EU_MEAN || models[m] == PARLEY_MODEL_SMP;
  if (!cubic || pos->n_actors <= max_actors) return 0;
  return pl_fail(err, PARLEY_ERR_LIMIT, pos->source, 0, 0,
                 "%zu actors, more than the limit of %zu for the expected-utility and SMP models, whose work grows "
                 "with the cube of the actors (%zu take them about %.1f times as long as %zu); raise the limit with "
                 "--max-actors, or choose other models with --model",
                 pos->n_actors, max_actors, pos->n_actors,
                 pow((double)pos->n_actors / (double)max_actors, 3), max_actors);
}

int parley_forecast_run(const parley_positions *pos, const parley_forecast_options *options, parley_forecast **out,
                        parley_error *err) {
  if (!pos || !out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  *out = NULL;
  parley_forecast *fc = calloc(1, sizeof *fc);
  if (!fc) return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  fc->pos = pos;
  if (options) fc->opt = *options;
  else parley_forecast_defaults(&fc->opt);
  int rc = pl_copy_models(&fc->copied, pos, &fc->opt.models, &fc->opt.n_models, &fc->opt.capability);
  if (rc == PARLEY_ERR_ARG) {
    parley_forecast_free(fc);
    return pl_fail(err, rc, NULL, 0, 0, "unknown model, or a capability table missing");
  }
  if (rc == 0 && (rc = pl_forecast_actor_limit(pos, fc->opt.kind, fc->opt.models, fc->opt.n_models, fc->opt.max_actors, err))) {
    parley_forecast_free(fc);
    return rc;
  }
  const size_t N = pos->n_issues;
  pl_parallel par = {.threads = fc->opt.threads, .ctx = fc, .progress = fc->opt.progress,
                     .progress_user = fc->opt.progress_user};
  if (rc == 0 && fc->opt.kind == PARLEY_FORECAST_TABLE) {
    fc->value = malloc((N ? N : 1) * (fc->opt.n_models ? fc->opt.n_models : 1) * sizeof *fc->value);
    fc->settle = malloc((N ? N : 1) * (fc->opt.n_models ? fc->opt.n_models : 1) * sizeof *fc->settle);
    if (!fc->value || !fc->settle) rc = PARLEY_ERR_NOMEM;
    par.n_chunks = par.total = N;
    par.run = table_chunk;
  } else if (rc == 0) {
    rc = plan_runs(fc);
    par.n_chunks = par.total = fc->n_runs;
    par.run = run_chunk;
  }
  if (rc == 0) rc = pl_parallel_run(&par);
  const parley_scenario *sc = fc->opt.scenario;
  if (rc == 0 && sc && fc->opt.kind == PARLEY_FORECAST_TABLE) {
    const size_t M = fc->opt.n_models ? fc->opt.n_models : 1, P = parley_party_count(sc), NI = parley_issue_count(sc);
    fc->package = malloc(M * (NI ? NI : 1) * sizeof *fc->package);
    fc->verdict = malloc(M * (P ? P : 1) * sizeof *fc->verdict);
    fc->utility = malloc(M * (P ? P : 1) * sizeof *fc->utility);
    rc = fc->package && fc->verdict && fc->utility
             ? pl_forecast_verdicts(sc, pos, fc->value, fc->opt.n_models, fc->package, fc->verdict, fc->utility)
             : PARLEY_ERR_NOMEM;
  }
  if (rc) {
    parley_forecast_free(fc);
    return pl_fail(err, rc, NULL, 0, 0, "%s", rc == PARLEY_ERR_CANCELLED ? "forecast cancelled" : "out of memory");
  }
  *out = fc;
  return 0;
}

const parley_positions *parley_forecast_positions(const parley_forecast *fc) { return fc->pos; }
const parley_forecast_options *parley_forecast_options_get(const parley_forecast *fc) { return &fc->opt; }
parley_eu_settle parley_forecast_settle(const parley_forecast *fc, size_t issue, size_t k) {
  if (!fc->settle || issue >= fc->pos->n_issues || k >= fc->opt.n_models) return PARLEY_EU_SETTLED;
  return (parley_eu_settle)fc->settle[issue * fc->opt.n_models + k];
}

const char *parley_forecast_verdict_name(parley_forecast_verdict v) {
  switch (v) {
    case PARLEY_VERDICT_ACCEPTS: return "accepts";
    case PARLEY_VERDICT_RED_LINE: return "red_line";
    case PARLEY_VERDICT_BELOW_RESERVATION: return "below_reservation";
    case PARLEY_VERDICT_DEPENDS: return "depends";
    case PARLEY_VERDICT_UNCHECKED: return "unchecked";
    default: return "unknown";
  }
}

const uint32_t *parley_forecast_package(const parley_forecast *fc, size_t k) {
  if (!fc->package || k >= fc->opt.n_models) return NULL;
  return fc->package + k * parley_issue_count(fc->opt.scenario);
}

parley_forecast_verdict parley_forecast_verdict_get(const parley_forecast *fc, size_t k, size_t party,
                                                    double *utility_out) {
  const size_t P = fc->opt.scenario ? parley_party_count(fc->opt.scenario) : 0;
  if (utility_out) *utility_out = NAN;
  if (!fc->verdict || k >= fc->opt.n_models || party >= P) return PARLEY_VERDICT_UNCHECKED;
  if (utility_out) *utility_out = fc->utility[k * P + party];
  return (parley_forecast_verdict)fc->verdict[k * P + party];
}

double parley_forecast_value(const parley_forecast *fc, size_t issue, size_t k) {
  if (!fc->value || issue >= fc->pos->n_issues || k >= fc->opt.n_models) return NAN;
  return fc->value[issue * fc->opt.n_models + k];
}
size_t parley_forecast_run_count(const parley_forecast *fc) { return fc->n_runs; }
const parley_eu_result *parley_forecast_eu(const parley_forecast *fc, size_t k) {
  return k < fc->n_runs ? fc->runs[k].eu : NULL;
}
const parley_exchange_result *parley_forecast_exchange(const parley_forecast *fc, size_t k) {
  return k < fc->n_runs ? fc->runs[k].exchange : NULL;
}
const parley_smp_result *parley_forecast_smp(const parley_forecast *fc, size_t k) {
  return k < fc->n_runs ? fc->runs[k].smp : NULL;
}
const parley_error *parley_forecast_run_error(const parley_forecast *fc, size_t k) {
  return k < fc->n_runs && fc->runs[k].failed ? &fc->runs[k].err : NULL;
}
int parley_forecast_smp_joint(const parley_forecast *fc) { return fc->smp_joint; }

int pl_copy_models(pl_copied *c, const parley_positions *pos, const parley_model **models, size_t *n,
                   parley_capability *cap) {
  memset(c, 0, sizeof *c);
  const size_t M = *models ? *n : PARLEY_MODEL_COUNT, A = pos->n_actors;
  c->models = malloc((M ? M : 1) * sizeof *c->models);
  if (!c->models) return PARLEY_ERR_NOMEM;
  for (size_t k = 0; k < M; k++) {
    c->models[k] = *models ? (*models)[k] : (parley_model)k;
    if ((unsigned)c->models[k] >= PARLEY_MODEL_COUNT) return PARLEY_ERR_ARG;
  }
  *models = c->models;
  *n = M;
  if (cap->kind == PARLEY_CAPABILITY_TABLE) {
    if (!cap->table) return PARLEY_ERR_ARG;
    if (!(c->table = malloc((A ? A : 1) * sizeof *c->table))) return PARLEY_ERR_NOMEM;
    memcpy(c->table, cap->table, A * sizeof *c->table);
    cap->table = c->table;
  }
  if (cap->name) {
    const size_t len = strlen(cap->name) + 1;
    if (!(c->name = malloc(len))) return PARLEY_ERR_NOMEM;
    memcpy(c->name, cap->name, len);
    cap->name = c->name;
  }
  return 0;
}

void pl_copied_free(pl_copied *c) {
  free(c->models);
  free(c->table);
  free(c->name);
  memset(c, 0, sizeof *c);
}
