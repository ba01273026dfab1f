/*
 * parley/forecast.h — forecasting what a group of actors will decide, in the Bueno de Mesquita,
 * KTAB and DEU tradition: actors' positions, saliences and capabilities on one-dimensional
 * issues; static models (mean, median, compromise, weighted median, Nash bargaining solution);
 * dynamic ones run round by round (Bueno de Mesquita's expected-utility model, Stokman's
 * exchange model, KTAB's Spatial Model of Politics); whole files forecast at once; and
 * backtests that score the models on decisions with known outcomes. The formulas are in
 * docs/models.md, the choices and readings in docs/forecasting.md.
 */
#ifndef PARLEY_FORECAST_H
#define PARLEY_FORECAST_H

#include "parley/base.h"
#include "parley/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------- */
/* Positions                                                                                */
/* ---------------------------------------------------------------------------------------- */

/* Actors x issues: each actor's position (a number on the issue's scale) and salience (0-100)
 * per issue, missing values as NaN; per issue a reference point (status quo) and the actual
 * outcome when known (NaN otherwise), and the year the proposal was made. */
typedef struct parley_positions parley_positions;

/* CONSTRUCTOR: parley_positions — reads the DEU III CSV (docs/forecasting.md): columns isnr,
 * p<actor>, s<actor>, rp, out. Values outside 0-100 (such as 999) and blanks are missing.
 * Errors are FILE:LINE:COL. */
PARLEY_API int parley_positions_read_deu(const char *path, const parley_read_limits *limits,
                                         parley_positions **out, parley_diagnostics *diags,
                                         parley_error *err);
/* CONSTRUCTOR: parley_positions — reads a plain CSV with one issue: a header naming the
 * columns actor, capability, position (or position_<unit>) and salience, then one actor per
 * line (the 1994 car-emission case of Bueno de Mesquita & Stokman is one). Positions may be on
 * any scale; capabilities come with the file (use PARLEY_CAPABILITY_DATA). */
PARLEY_API int parley_positions_read_plain(const char *path, const parley_read_limits *limits,
                                           parley_positions **out, parley_diagnostics *diags,
                                           parley_error *err);
/* CONSTRUCTOR: parley_positions — reads KTAB's CSV (the input of its Spatial Model of
 * Politics, `smpc --csv`): line 1 the scenario name, a description, the number of actors and
 * of dimensions; line 2 a header (Actor, Description, Power, then a position and a salience
 * column per dimension); then one actor a line. Positions and saliences are on 0-100; an
 * actor's saliences add up to at most 100. Each dimension becomes an issue, Power the
 * capability (PARLEY_CAPABILITY_DATA). */
PARLEY_API int parley_positions_read_ktab(const char *path, const parley_read_limits *limits,
                                          parley_positions **out, parley_diagnostics *diags,
                                          parley_error *err);
/* CONSTRUCTOR: parley_positions — reads any of these formats, telling them apart by the first
 * line (isnr: DEU III; actor: plain; whole numbers in fields 3 and 4: KTAB). */
PARLEY_API int parley_positions_read_file(const char *path, const parley_read_limits *limits,
                                          parley_positions **out, parley_diagnostics *diags,
                                          parley_error *err);
/* CONSTRUCTOR: parley_positions — the positions of a scenario (docs/forecasting.md), one actor
 * per party with its power as capability. With a `positions:` section: its issues, positions,
 * saliences, reference points and outcomes as written. Without: derived, one issue per numeric
 * issue; the party's position is the number of its best option on that issue (the lowest among
 * equals), its salience 100 x its normalised weight; no reference point or outcome. Fails with
 * PARLEY_ERR_INVALID when there is neither a `positions:` section nor a numeric issue. */
PARLEY_API int parley_positions_from_scenario(const parley_scenario *sc, parley_positions **out,
                                              parley_error *err);
/* DESTRUCTOR: parley_positions */
PARLEY_API void parley_positions_free(parley_positions *pos);

/* METHOD: parley_positions — the name it was read from. */
PARLEY_API const char *parley_positions_source(const parley_positions *pos);
/* METHOD: parley_positions — the capability the input gives an actor, or NaN (DEU III gives
 * none). */
PARLEY_API double parley_positions_capability(const parley_positions *pos, size_t actor);
PARLEY_API size_t parley_positions_actor_count(const parley_positions *pos);
PARLEY_API const char *parley_positions_actor_id(const parley_positions *pos, size_t actor);
PARLEY_API size_t parley_positions_issue_count(const parley_positions *pos);
PARLEY_API const char *parley_positions_issue_id(const parley_positions *pos, size_t issue);
PARLEY_API int parley_positions_issue_year(const parley_positions *pos, size_t issue); /* 0 if unknown */
PARLEY_API double parley_positions_position(const parley_positions *pos, size_t issue, size_t actor);
PARLEY_API double parley_positions_salience(const parley_positions *pos, size_t issue, size_t actor);
PARLEY_API double parley_positions_reference(const parley_positions *pos, size_t issue);
PARLEY_API double parley_positions_outcome(const parley_positions *pos, size_t issue);
/* METHOD: parley_positions — the proposal the issue belongs to, as the index of the proposal's
 * first issue: issues with the same number are decided together (the exchange model trades
 * between them). In DEU III, the issues of one proposal (isnr d00032i1, d00032i2, ...: the same
 * text before the final i<digits>); in every other format all the issues of the file form one
 * proposal, 0. */
PARLEY_API size_t parley_positions_issue_group(const parley_positions *pos, size_t issue);
/* METHOD: parley_positions — the name of the issue's proposal (DEU III: d00032 for d00032i1),
 * or NULL when the format names none. */
PARLEY_API const char *parley_positions_issue_proposal(const parley_positions *pos, size_t issue);
/* METHOD: parley_positions — actors with both a position and a salience on the issue. */
PARLEY_API size_t parley_positions_active_count(const parley_positions *pos, size_t issue);

/* ---------------------------------------------------------------------------------------- */
/* Capabilities                                                                             */
/* ---------------------------------------------------------------------------------------- */

/* Capability per actor and issue. */
typedef enum parley_capability_kind {
  PARLEY_CAPABILITY_EQUAL = 0,   /* every actor 1 */
  PARLEY_CAPABILITY_VOTES,       /* EU Council votes: EU15 (pre-Nice) for proposals before 2004,
                                    Nice votes from 2004; the Commission ("com") and Parliament
                                    ("ep") get the largest member-state weight of the era */
  PARLEY_CAPABILITY_TABLE,       /* one number per actor, given by the caller */
  PARLEY_CAPABILITY_DATA         /* the capabilities the input file gives */
} parley_capability_kind;

typedef struct parley_capability {
  parley_capability_kind kind;
  const double *table; /* PARLEY_CAPABILITY_TABLE: per actor, in parley_positions order (NaN: none) */
  const char *name;    /* what reports call it (NULL: the kind's name, "table" for a table) */
} parley_capability;

/* FUNCTION: "equal", "votes", "table", "data". */
PARLEY_API const char *parley_capability_kind_name(parley_capability_kind k);

/* METHOD: parley_positions — reads a CSV of actor,capability lines (a header line is skipped)
 * into table, which has parley_positions_actor_count entries: the capability of each actor
 * named, NaN for the others. Errors are FILE:LINE. */
PARLEY_API int parley_capability_read(const char *path, const parley_positions *pos, double *table,
                                      parley_diagnostics *diags, parley_error *err);

/* ---------------------------------------------------------------------------------------- */
/* Models                                                                                   */
/* ---------------------------------------------------------------------------------------- */

typedef enum parley_model {
  PARLEY_MODEL_MEAN = 0,         /* unweighted mean of the positions */
  PARLEY_MODEL_MEDIAN,           /* unweighted median of the positions */
  PARLEY_MODEL_COMPROMISE,       /* capability x salience weighted mean */
  PARLEY_MODEL_WEIGHTED_MEDIAN,  /* capability x salience weighted (lower) median */
  PARLEY_MODEL_EU_MEDIAN,        /* expected-utility model (parley_eu_run, defaults): the median
                                    after the last round */
  PARLEY_MODEL_EU_MEAN,          /* the same, the weighted mean after the last round */
  PARLEY_MODEL_NBS,              /* asymmetric Nash bargaining solution: quadratic utilities,
                                    weights capability x salience, disagreement point the issue's
                                    reference point; every actor must gain, so it is the
                                    reference point itself unless all actors lie on one side of
                                    it (docs/forecasting.md); needs a reference point */
  PARLEY_MODEL_EXCHANGE,         /* Stokman's exchange model (parley_exchange_run, defaults) over
                                    the issue's proposal (parley_positions_issue_group): the
                                    issue's outcome once no exchange is left */
  PARLEY_MODEL_SMP,              /* KTAB's Spatial Model of Politics (parley_smp_run, defaults)
                                    on the issue alone: the forecast after the last turn */
  PARLEY_MODEL_COUNT
} parley_model;

/* FUNCTION: "mean", "median", "compromise", ... */
PARLEY_API const char *parley_model_name(parley_model m);
/* FUNCTION: the model with this name, or -1. */
PARLEY_API int parley_model_find(const char *name);

/* METHOD: parley_positions — the model's forecast for one issue, over the actors with a
 * position and a salience (and a capability, for the weighted models). Returns 0, or
 * PARLEY_ERR_INVALID when no actor qualifies. */
PARLEY_API int parley_forecast_issue(const parley_positions *pos, size_t issue, parley_model model,
                                     const parley_capability *cap, double *forecast);

/* ---------------------------------------------------------------------------------------- */
/* Bueno de Mesquita's expected-utility model                                               */
/* ---------------------------------------------------------------------------------------- */

/* The "challenge" model on one issue, in two modes: replication-compatible (the rules under
 * which an open re-implementation reproduces Scholz, Calbert & Smith (2011), Table 2) and
 * printed (the paper's equations as printed, with the readings docs/forecasting.md lists where
 * it is ambiguous). */
typedef enum parley_eu_mode {
  PARLEY_EU_MODE_REPLICATION = 0,
  PARLEY_EU_MODE_PRINTED
} parley_eu_mode;

typedef struct parley_eu_options {
  double q;          /* probability of the status quo without a challenge (default 1.0, as Scholz) */
  size_t rounds;     /* rounds to run (default 10), or the most with a tolerance */
  double tolerance;  /* > 0: stop after the first round where median and mean move by <= it */
  parley_eu_mode mode;
  /* Progress and cancellation (may be NULL): called now and then with the share of the rounds
   * done; a non-zero return stops the run with PARLEY_ERR_CANCELLED. */
  parley_progress_fn progress;
  void *progress_user;
} parley_eu_options;

/* FUNCTION: the defaults: q 1, 10 rounds, no tolerance, replication mode. */
PARLEY_API void parley_eu_defaults(parley_eu_options *o);

typedef struct parley_eu_result parley_eu_result;

typedef enum parley_eu_move {
  PARLEY_EU_STAY = 0,        /* no offer worth taking */
  PARLEY_EU_CONFRONTATION,   /* lost a confrontation: moved to the challenger's position */
  PARLEY_EU_COMPROMISE,      /* moved part way towards the challenger */
  PARLEY_EU_CAPITULATION     /* printed mode: gave in to a stronger challenger, moved to it */
} parley_eu_move;

/* FUNCTION: "stay", "confrontation", "compromise", "capitulation". */
PARLEY_API const char *parley_eu_move_name(parley_eu_move m);

/* CONSTRUCTOR: parley_eu_result — runs the model on an issue (its actors with position,
 * salience and capability; salience is read as a probability, salience / 100). options may be
 * NULL for the defaults. */
PARLEY_API int parley_eu_run(const parley_positions *pos, size_t issue, const parley_capability *cap,
                             const parley_eu_options *options, parley_eu_result **out, parley_error *err);
/* DESTRUCTOR: parley_eu_result */
PARLEY_API void parley_eu_free(parley_eu_result *res);
/* METHOD: parley_eu_result — the options it ran with, and the issue. */
PARLEY_API const parley_eu_options *parley_eu_options_get(const parley_eu_result *res);
PARLEY_API size_t parley_eu_issue(const parley_eu_result *res);
/* METHOD: parley_eu_result — rounds run (round 0 is the starting point). */
PARLEY_API size_t parley_eu_round_count(const parley_eu_result *res);
PARLEY_API double parley_eu_median(const parley_eu_result *res, size_t round);
PARLEY_API double parley_eu_mean(const parley_eu_result *res, size_t round);
/* Whether a run's median (or mean) had come to rest by its last round. */
typedef enum parley_eu_settle {
  PARLEY_EU_SETTLED = 0,     /* the last round left it where it was (within 10^-9 of the span of
                                the starting positions) */
  PARLEY_EU_DRIFTING,        /* still moving, the same way over the last rounds */
  PARLEY_EU_OSCILLATING      /* swinging: it changed direction at least twice over the last four
                                rounds (457 -> 792 -> 538 -> 728) */
} parley_eu_settle;

/* FUNCTION: "settled", "drifting", "oscillating". */
PARLEY_API const char *parley_eu_settle_name(parley_eu_settle s);
/* METHOD: parley_eu_result — whether the median (mean: 0) or the mean (1) settled, and its
 * lowest and highest value over the last four rounds (low_out, high_out may be NULL). A forecast
 * from a run that did not settle depends on when it stopped. */
PARLEY_API parley_eu_settle parley_eu_settled(const parley_eu_result *res, int mean, double *low_out,
                                              double *high_out);
/* METHOD: parley_eu_result — the actors taking part, as indices into parley_positions. */
PARLEY_API size_t parley_eu_actor_count(const parley_eu_result *res);
PARLEY_API size_t parley_eu_actor(const parley_eu_result *res, size_t k);
/* METHOD: parley_eu_result — per round and taking-part actor k: position after the round, the
 * risk exponent that drove its decisions in that round, and how it moved (partner: the actor
 * it moved towards, as an index into parley_positions, or PARLEY_NONE). */
PARLEY_API double parley_eu_position(const parley_eu_result *res, size_t round, size_t k);
PARLEY_API double parley_eu_risk(const parley_eu_result *res, size_t round, size_t k);
PARLEY_API parley_eu_move parley_eu_move_get(const parley_eu_result *res, size_t round, size_t k,
                                             size_t *partner);

/* ---------------------------------------------------------------------------------------- */
/* KTAB's Spatial Model of Politics                                                         */
/* ---------------------------------------------------------------------------------------- */

/* The SMP as KTAB 1.4's code runs it (docs/models.md, docs/forecasting.md): all the issues
 * given form one multi-dimensional space; each turn every actor estimates risk attitudes from
 * a probabilistic Condorcet election, picks the target whose challenge gains it most, proposes
 * a bargain, and every actor adopts the bargain its own election favours. Deterministic under
 * the defaults, which are KTAB's. */
typedef enum parley_smp_option {
  PARLEY_SMP_VICTORY = 0,   /* linear | square | quartic | octic | binary */
  PARLEY_SMP_PCE,           /* conditional | markov-uniform | markov-incentive */
  PARLEY_SMP_TRANSITIONS,   /* deterministic | stochastic (seeded: options.seed) */
  PARLEY_SMP_VOTING,        /* proportional | binary | prop-bin | prop-cubic | cubic | asym-prospect */
  PARLEY_SMP_RISK_ADJUST,   /* one-third | none | half | two-thirds | full */
  PARLEY_SMP_RISK_RANGE,    /* mid | min | max */
  PARLEY_SMP_THIRD_PARTY,   /* semi | full | none (third parties' commitment) */
  PARLEY_SMP_INTERPOLATION, /* s2p2 | s1p1 | s2pmax */
  PARLEY_SMP_BARGAIN,       /* init-only | init-receiver | power-weighted */
  PARLEY_SMP_OPTION_COUNT
} parley_smp_option;

typedef struct parley_smp_options {
  int choice[PARLEY_SMP_OPTION_COUNT]; /* per option the value's index; 0 is KTAB's default */
  size_t max_turns;                    /* default 100 */
  size_t min_turns;                    /* default 2 */
  double stop_ratio;                   /* stop when a turn moves less than this share of the
                                          first turn's movement (default 0.02) */
  uint64_t seed;                       /* stochastic transitions only */
  size_t threads;                      /* 0 = parley_default_threads(); results do not depend on it */
  parley_progress_fn progress;         /* may be NULL: called after each turn with the share of
                                          max_turns done; non-zero stops the run (cancelled) */
  void *progress_user;
} parley_smp_options;

/* FUNCTION: KTAB's defaults. */
PARLEY_API void parley_smp_defaults(parley_smp_options *o);
/* FUNCTION: the option's name ("victory", "pce", ...) and its values' names (NULL past the
 * last). */
PARLEY_API const char *parley_smp_option_name(parley_smp_option k);
PARLEY_API const char *parley_smp_value_name(parley_smp_option k, int choice);
/* FUNCTION: sets option `key` to `value` by name (also "max-turns", "min-turns", "stop-ratio",
 * "seed"); PARLEY_ERR_ARG with a message listing the accepted values otherwise. */
PARLEY_API int parley_smp_set(parley_smp_options *o, const char *key, const char *value, parley_error *err);

typedef struct parley_smp_result parley_smp_result;

/* CONSTRUCTOR: parley_smp_result — runs the SMP over the n_issues issues given (NULL: all) as
 * the dimensions of one space, with the actors that have a position, a salience and a
 * capability above 0 on every one of them and a salience above 0 on one (an actor that cares
 * about none takes no part). Positions are read on 0-100 when they all lie there, else on each
 * issue's range of positions; saliences are divided by 100 and an actor's must add up to more
 * than 0 and at most 100 over the issues. Returns 0, PARLEY_ERR_INVALID (fewer than two such
 * actors, bad saliences), PARLEY_ERR_ARG or PARLEY_ERR_NOMEM. */
PARLEY_API int parley_smp_run(const parley_positions *pos, const size_t *issues, size_t n_issues,
                              const parley_capability *cap, const parley_smp_options *options,
                              parley_smp_result **out, parley_error *err);
/* DESTRUCTOR: parley_smp_result */
PARLEY_API void parley_smp_free(parley_smp_result *res);
/* METHOD: parley_smp_result — the options it ran with. */
PARLEY_API const parley_smp_options *parley_smp_options_get(const parley_smp_result *res);
/* METHOD: parley_smp_result — turns run; states 0 (the start) to the turn count. */
PARLEY_API size_t parley_smp_turn_count(const parley_smp_result *res);
/* METHOD: parley_smp_result — 1 when the run stopped by the movement rule, 0 when it reached
 * max_turns. */
PARLEY_API int parley_smp_converged(const parley_smp_result *res);
PARLEY_API size_t parley_smp_actor_count(const parley_smp_result *res);
PARLEY_API size_t parley_smp_actor(const parley_smp_result *res, size_t k); /* index into parley_positions */
PARLEY_API size_t parley_smp_issue_count(const parley_smp_result *res);
PARLEY_API size_t parley_smp_issue(const parley_smp_result *res, size_t d);  /* index into parley_positions */
/* METHOD: parley_smp_result — actor k's position on dimension d in state t, on the input's
 * scale. */
PARLEY_API double parley_smp_position(const parley_smp_result *res, size_t t, size_t k, size_t d);
/* METHOD: parley_smp_result — actor k's risk attitude (-1 risk-seeking .. 1 risk-averse) as
 * assessed in state t. */
PARLEY_API double parley_smp_risk(const parley_smp_result *res, size_t t, size_t k);
/* METHOD: parley_smp_result — the probability that actor k's position in state t wins (the
 * election over the distinct positions, each actor judging by its own utilities; co-located
 * actors share it). */
PARLEY_API double parley_smp_probability(const parley_smp_result *res, size_t t, size_t k);
/* METHOD: parley_smp_result — turn t (1 to the turn count): the actor k challenged (PARLEY_NONE:
 * none worth it), with k's estimates of the gain and of its probability of winning. */
PARLEY_API size_t parley_smp_target(const parley_smp_result *res, size_t t, size_t k, double *gain,
                                    double *prob);
/* METHOD: parley_smp_result — turn t: the bargain k adopted, as its initiator and receiver
 * (both PARLEY_NONE: k kept its position, the status quo won k's election). */
PARLEY_API size_t parley_smp_adopted(const parley_smp_result *res, size_t t, size_t k, size_t *receiver);
/* METHOD: parley_smp_result — the forecast on dimension d: the capability x salience weighted
 * mean of the final positions. */
PARLEY_API double parley_smp_forecast(const parley_smp_result *res, size_t d);

/* ---------------------------------------------------------------------------------------- */
/* Stokman's exchange model                                                                 */
/* ---------------------------------------------------------------------------------------- */

/* Stokman's exchange model of voting positions (Stokman & Van Oosten 1994), equal-gain form
 * (docs/forecasting.md): the issues given are decided together, each by the capability x
 * salience weighted mean of the votes (at first, the positions). Actors' interests stay their
 * starting positions. Two actors whose interests lie on opposite sides of the outcome on two
 * issues, and who care about them in different proportions, trade: each moves its vote on the
 * issue it cares less about towards the other's vote, by amounts that give both the same gain
 * (salience x shift of the outcome towards its interest), as far as possible without passing
 * the partner's vote or moving an outcome past the demander's interest. Each round executes
 * the best exchanges greedily, an actor-issue pair at most once. Deterministic. */
typedef struct parley_exchange_options {
  size_t rounds;     /* the most rounds (default 100); the run stops earlier when no exchange
                        is possible */
  double tolerance;  /* > 0: also stop after a round in which no outcome moved by more than it */
} parley_exchange_options;

/* FUNCTION: the defaults: 100 rounds, no tolerance. */
PARLEY_API void parley_exchange_defaults(parley_exchange_options *o);

/* One executed exchange: actor[0] demands issue demand[0], on which actor[1] moves from
 * from[1] to to[1]; actor[1] demands demand[1], on which actor[0] moves from from[0] to
 * to[0]. Actors and issues are indices into parley_positions; gain is each side's gain. */
typedef struct parley_exchange {
  size_t round;
  size_t actor[2];
  size_t demand[2];
  double from[2], to[2];
  double gain;
} parley_exchange;

typedef struct parley_exchange_result parley_exchange_result;

/* CONSTRUCTOR: parley_exchange_result — runs the model over the n_issues issues given (NULL:
 * all), with the actors that have a position, a salience and a capability above 0 on an issue
 * taking part in it. Returns 0, PARLEY_ERR_INVALID (no issue anybody weighs), PARLEY_ERR_ARG or
 * PARLEY_ERR_NOMEM. */
PARLEY_API int parley_exchange_run(const parley_positions *pos, const size_t *issues, size_t n_issues,
                                   const parley_capability *cap, const parley_exchange_options *options,
                                   parley_exchange_result **out, parley_error *err);
/* DESTRUCTOR: parley_exchange_result */
PARLEY_API void parley_exchange_free(parley_exchange_result *res);
/* METHOD: parley_exchange_result — the options it ran with. */
PARLEY_API const parley_exchange_options *parley_exchange_options_get(const parley_exchange_result *res);
/* METHOD: parley_exchange_result — rounds run; states 0 (the start) to the round count. */
PARLEY_API size_t parley_exchange_round_count(const parley_exchange_result *res);
/* METHOD: parley_exchange_result — 1 when the run stopped because no exchange was left (or by
 * the tolerance), 0 when it reached the most rounds. */
PARLEY_API int parley_exchange_converged(const parley_exchange_result *res);
PARLEY_API size_t parley_exchange_issue_count(const parley_exchange_result *res);
PARLEY_API size_t parley_exchange_issue(const parley_exchange_result *res, size_t d); /* index into parley_positions */
/* METHOD: parley_exchange_result — the outcome (weighted mean) of dimension d in state t; NaN
 * when nobody weighs it. */
PARLEY_API double parley_exchange_outcome(const parley_exchange_result *res, size_t t, size_t d);
/* METHOD: parley_exchange_result — the vote of actor (an index into parley_positions) on
 * dimension d in state t; NaN when it takes no part. */
PARLEY_API double parley_exchange_position(const parley_exchange_result *res, size_t t, size_t actor, size_t d);
/* METHOD: parley_exchange_result — every exchange executed, in order (round by round, best
 * first). */
PARLEY_API size_t parley_exchange_count(const parley_exchange_result *res);
PARLEY_API const parley_exchange *parley_exchange_get(const parley_exchange_result *res, size_t k);

/* ---------------------------------------------------------------------------------------- */
/* Forecasting a whole file                                                                 */
/* ---------------------------------------------------------------------------------------- */

/* What parley_forecast_run computes. */
typedef enum parley_forecast_kind {
  PARLEY_FORECAST_TABLE = 0, /* each chosen model's forecast for every issue */
  PARLEY_FORECAST_EU,        /* the expected-utility model round by round, on each issue */
  PARLEY_FORECAST_EXCHANGE,  /* the exchange model round by round, on each proposal's issues */
  PARLEY_FORECAST_SMP        /* the SMP turn by turn: all the issues as one space when every
                                actor has them all and its saliences add up to at most 100
                                over them, else each issue on its own */
} parley_forecast_kind;

/* A party's verdict on the package a model's forecasts make of a scenario. */
typedef enum parley_forecast_verdict {
  PARLEY_VERDICT_ACCEPTS = 0,        /* crosses none of its red lines, at or above its reservation
                                        (however the open issues are filled in) */
  PARLEY_VERDICT_RED_LINE,           /* rejects it: it crosses one of the party's red lines */
  PARLEY_VERDICT_BELOW_RESERVATION,  /* rejects it: below the party's reservation */
  PARLEY_VERDICT_DEPENDS,            /* depends on how the open issues are filled in */
  PARLEY_VERDICT_UNCHECKED           /* too many ways to fill in the open issues (over 2^20) */
} parley_forecast_verdict;

/* FUNCTION: "accepts", "red_line", "below_reservation", "depends", "unchecked". */
PARLEY_API const char *parley_forecast_verdict_name(parley_forecast_verdict v);

/* The default limit on actors for the models whose work grows with their cube (expected utility,
 * SMP): 300 actors take the expected-utility model about a minute on one core. */
#define PARLEY_DEFAULT_MAX_ACTORS ((size_t)300)

typedef struct parley_forecast_options {
  parley_forecast_kind kind;
  const parley_model *models;   /* TABLE: the models, in this order (NULL: every one) */
  size_t n_models;
  parley_capability capability; /* for every model */
  parley_eu_options eu;         /* EU (set them with the *_defaults functions) */
  parley_exchange_options exchange;
  parley_smp_options smp;
  size_t threads;               /* issues or runs forecast at once (0: parley_default_threads()) */
  parley_progress_fn progress;  /* may be NULL */
  void *progress_user;
  /* The scenario the positions come from (parley_positions_from_scenario), or NULL. With it,
   * each TABLE model's forecasts are read back as one of its packages (a numeric issue at the
   * option nearest its forecast, the lower of two equally near; the others open) and put to
   * its parties: parley_forecast_package, parley_forecast_verdict_get. Keep it alive while
   * using the result. */
  const parley_scenario *scenario;
  /* The most actors the expected-utility and SMP models take (0 = PARLEY_DEFAULT_MAX_ACTORS):
   * their work grows with the cube of the actors, so more stop the run (PARLEY_ERR_LIMIT). */
  size_t max_actors;
} parley_forecast_options;

/* FUNCTION: kind TABLE, every model, equal capability, each model's defaults. */
PARLEY_API void parley_forecast_defaults(parley_forecast_options *o);

typedef struct parley_forecast parley_forecast;

/* CONSTRUCTOR: parley_forecast — forecasts every issue of pos as options say. A run (an issue,
 * a proposal or the one space) that cannot be made (too few actors, say) is recorded with its
 * error and the others go on: see parley_forecast_run_error. The result refers to pos, which
 * must outlive it. Fails only for bad arguments, memory, or cancellation. */
PARLEY_API int parley_forecast_run(const parley_positions *pos, const parley_forecast_options *options,
                                   parley_forecast **out, parley_error *err);
/* DESTRUCTOR: parley_forecast */
PARLEY_API void parley_forecast_free(parley_forecast *fc);
/* METHOD: parley_forecast — the positions, and the options (models and capability table copied
 * into the result). */
PARLEY_API const parley_positions *parley_forecast_positions(const parley_forecast *fc);
PARLEY_API const parley_forecast_options *parley_forecast_options_get(const parley_forecast *fc);
/* METHOD: parley_forecast — TABLE: the forecast of model k (in the options' order) for an issue,
 * NaN when the model has none for it. */
PARLEY_API double parley_forecast_value(const parley_forecast *fc, size_t issue, size_t k);
/* METHOD: parley_forecast — TABLE with a scenario: the package model k's forecasts make, one
 * option per issue of the scenario (UINT32_MAX where the issue is open: not numeric, or no
 * forecast), or NULL without a scenario; and a party's verdict on it, with its utility
 * (utility_out may be NULL; NaN when an issue is open). */
PARLEY_API const uint32_t *parley_forecast_package(const parley_forecast *fc, size_t k);
PARLEY_API parley_forecast_verdict parley_forecast_verdict_get(const parley_forecast *fc, size_t k, size_t party,
                                                               double *utility_out);
/* METHOD: parley_forecast — TABLE: for eu-median and eu-mean, whether the run behind that
 * forecast had settled (parley_eu_settled); PARLEY_EU_SETTLED for the other models. */
PARLEY_API parley_eu_settle parley_forecast_settle(const parley_forecast *fc, size_t issue, size_t k);
/* METHOD: parley_forecast — EU, EXCHANGE, SMP: the runs made (EU: one per issue; EXCHANGE: one
 * per proposal, in the order of their first issues; SMP: one, or one per issue), each with its
 * result (NULL when it failed, for the other kinds, or out of range) or its error (NULL when
 * it ran). */
PARLEY_API size_t parley_forecast_run_count(const parley_forecast *fc);
PARLEY_API const parley_eu_result *parley_forecast_eu(const parley_forecast *fc, size_t run);
PARLEY_API const parley_exchange_result *parley_forecast_exchange(const parley_forecast *fc, size_t run);
PARLEY_API const parley_smp_result *parley_forecast_smp(const parley_forecast *fc, size_t run);
PARLEY_API const parley_error *parley_forecast_run_error(const parley_forecast *fc, size_t run);
/* METHOD: parley_forecast — SMP: 1 when all the issues formed one space. */
PARLEY_API int parley_forecast_smp_joint(const parley_forecast *fc);

/* ---------------------------------------------------------------------------------------- */
/* Backtests                                                                                */
/* ---------------------------------------------------------------------------------------- */

/* Accuracy of a model over the issues scored. */
typedef struct parley_backtest_stats {
  size_t n;                  /* issues scored */
  double mae, rmse, median_ae;
  double mae_lo, mae_hi;     /* 95% bootstrap interval of the MAE (percentile method) */
  double rmse_lo, rmse_hi;
  double median_lo, median_hi;
} parley_backtest_stats;

/* The most bootstrap resamples a backtest takes (more change no figure at the precision shown). */
#define PARLEY_BACKTEST_MAX_RESAMPLES ((size_t)1000000)

typedef struct parley_backtest_options {
  const parley_model *models;   /* the models to score, in this order (NULL: every one) */
  size_t n_models;
  parley_capability capability;
  size_t min_actors;            /* actors with a position and salience an issue needs (0: 3) */
  int from_year, before_year;   /* proposals from from_year, before before_year (0: any) */
  size_t resamples;             /* bootstrap resamples (0: 2000; at most PARLEY_BACKTEST_MAX_RESAMPLES) */
  uint64_t seed;                /* of the bootstrap's PRNG: the same seed gives the same figures */
  size_t threads;               /* issues forecast at once (0: parley_default_threads()) */
  parley_progress_fn progress;  /* may be NULL */
  void *progress_user;
  size_t max_actors;            /* as in parley_forecast_options (0 = PARLEY_DEFAULT_MAX_ACTORS) */
} parley_backtest_options;

/* FUNCTION: every model, equal capability, 3 actors, any year, 2000 resamples, seed 1. */
PARLEY_API void parley_backtest_defaults(parley_backtest_options *o);

typedef struct parley_backtest parley_backtest;

/* CONSTRUCTOR: parley_backtest — scores each model on the issues with an outcome, at least
 * min_actors actors with a position and a salience, from the years asked for, and a forecast
 * from the model. A model with no issue to score gets n = 0 and an error (see
 * parley_backtest_model_error); the run fails only for bad arguments, memory or cancellation.
 * The result refers to pos, which must outlive it. */
PARLEY_API int parley_backtest_run(const parley_positions *pos, const parley_backtest_options *options,
                                   parley_backtest **out, parley_error *err);
/* DESTRUCTOR: parley_backtest */
PARLEY_API void parley_backtest_free(parley_backtest *bt);
/* METHOD: parley_backtest — the positions, and the options (models and capability table copied
 * into the result). */
PARLEY_API const parley_positions *parley_backtest_positions(const parley_backtest *bt);
PARLEY_API const parley_backtest_options *parley_backtest_options_get(const parley_backtest *bt);
/* METHOD: parley_backtest — model k's figures (in the options' order), and why it has none
 * (NULL when it has). */
PARLEY_API const parley_backtest_stats *parley_backtest_stats_get(const parley_backtest *bt, size_t k);
PARLEY_API const parley_error *parley_backtest_model_error(const parley_backtest *bt, size_t k);
/* METHOD: parley_backtest — model k's forecast for an issue and its absolute error, NaN for
 * issues not scored. */
PARLEY_API double parley_backtest_forecast(const parley_backtest *bt, size_t k, size_t issue);
PARLEY_API double parley_backtest_abs_error(const parley_backtest *bt, size_t k, size_t issue);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_FORECAST_H */
