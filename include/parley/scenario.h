/*
 * parley/scenario.h — scenarios: reading them from YAML, JSON or GENIUS XML, building and
 * changing them in code, reading what they hold, and writing them back out.
 *
 * A *scenario* holds issues (each an ordered list of options), parties (each with power, a
 * reservation value, a discount and a preference profile: weights, option values, interaction
 * terms and red lines), named frameworks (packages to evaluate) and, optionally, positions for
 * the forecasting models. A *package* (or outcome) picks one option per issue, as an array of
 * option indices, issue by issue.
 *
 * A scenario is immutable once made, and compiled: evaluating a package is a few additions.
 * To make one in code, or to change one (another reservation, a party dropped, a profile
 * replaced by what a mediator believes), use a *builder*: start empty or from a scenario, make
 * the changes, and build a new scenario. Semantics are in docs/semantics.md, the file format
 * in docs/scenario-format.md, GENIUS's in docs/genius.md.
 */
#ifndef PARLEY_SCENARIO_H
#define PARLEY_SCENARIO_H

#include "parley/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parley_scenario parley_scenario;

/* ---------------------------------------------------------------------------------------- */
/* Reading                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* CONSTRUCTOR: parley_scenario — reads a scenario from a YAML or JSON file (JSON is YAML 1.2,
 * so both go through one parser). On success *out owns the scenario. On failure returns a
 * negative status, fills err with the first problem and, if diags is not NULL, appends every
 * problem found to it. limits may be NULL for the defaults. */
PARLEY_API int parley_scenario_read_file(const char *path, const parley_read_limits *limits,
                                         parley_scenario **out, parley_diagnostics *diags,
                                         parley_error *err);

/* CONSTRUCTOR: parley_scenario — the same from text in memory. name is used in error
 * positions (e.g. the file name). */
PARLEY_API int parley_scenario_read_string(const char *text, size_t len, const char *name,
                                           const parley_read_limits *limits, parley_scenario **out,
                                           parley_diagnostics *diags, parley_error *err);

/* CONSTRUCTOR: parley_scenario — reads a GENIUS domain file and its preference profiles (one
 * party per profile, in the order given; a party's id comes from its file name) with GENIUS's
 * semantics: see docs/genius.md. Errors are reported as FILE:LINE. The XML parser never uses
 * the network, never loads a DTD and never expands entities: a file with a DOCTYPE is
 * refused. */
PARLEY_API int parley_scenario_read_genius(const char *domain_path, const char *const *profile_paths,
                                           size_t n_profiles, const parley_read_limits *limits,
                                           parley_scenario **out, parley_diagnostics *diags,
                                           parley_error *err);

/* CONSTRUCTOR: parley_scenario — the same for a folder holding one domain file (root element
 * <negotiation_template>) and its profiles (root <utility_space>), taken in file-name order;
 * other XML files, such as pareto.xml, are ignored. */
PARLEY_API int parley_scenario_read_genius_dir(const char *dir, const parley_read_limits *limits,
                                               parley_scenario **out, parley_diagnostics *diags,
                                               parley_error *err);

/* CONSTRUCTOR: parley_scenario — a copy of sc, with its own memory: the same utility, to the
 * bit, for every package and party. */
PARLEY_API int parley_scenario_copy(const parley_scenario *sc, parley_scenario **out, parley_error *err);

/* DESTRUCTOR: parley_scenario */
PARLEY_API void parley_scenario_free(parley_scenario *sc);

/* ---------------------------------------------------------------------------------------- */
/* Building and changing                                                                    */
/* ---------------------------------------------------------------------------------------- */

typedef struct parley_builder parley_builder;

/* "Issue takes one of these options": allowed has one flag per option of the issue (as many
 * as the issue has when the rule is added), non-zero for the options the condition allows. */
typedef struct parley_condition {
  size_t issue;
  const unsigned char *allowed;
} parley_condition;

/* CONSTRUCTOR: parley_builder — an empty scenario to fill. source names it in messages and
 * is what parley_scenario_source gives back (NULL: "<built>"). NULL when out of memory. */
PARLEY_API parley_builder *parley_builder_new(const char *source);
/* CONSTRUCTOR: parley_builder — everything sc holds, to change. Weights are taken as sc holds
 * them (already normalised), so building without changes gives the same utilities, to the bit. */
PARLEY_API int parley_builder_from_scenario(const parley_scenario *sc, parley_builder **out,
                                            parley_error *err);
/* DESTRUCTOR: parley_builder */
PARLEY_API void parley_builder_free(parley_builder *b);

/* METHOD: parley_builder — the limits the builder enforces (options per issue); NULL: the
 * defaults. The readers pass theirs. */
PARLEY_API void parley_builder_set_limits(parley_builder *b, const parley_read_limits *limits);

/* Each method below checks its arguments and, when they are not valid, changes nothing and
 * fails with PARLEY_ERR_INVALID (PARLEY_ERR_LIMIT for a limit, PARLEY_ERR_ARG for an index out
 * of range) and a message that names what is wrong, the way the scenario reader words it.
 * Ids are 1 to 64 letters, digits, '_', '-', '.' and '+', unique among their kind; names
 * default to the id (NULL). */

/* METHOD: parley_builder — the scenario's title and description (NULL: none). */
PARLEY_API int parley_builder_set_title(parley_builder *b, const char *title, parley_error *err);
PARLEY_API int parley_builder_set_description(parley_builder *b, const char *text, parley_error *err);

/* METHOD: parley_builder — adds an issue with no options yet; *issue_out (may be NULL) gets its
 * index. At most PARLEY_MAX_ISSUES. */
PARLEY_API int parley_builder_add_issue(parley_builder *b, const char *id, const char *name,
                                        size_t *issue_out, parley_error *err);
/* METHOD: parley_builder — the unit of a numeric issue's numbers ("km", "%"; NULL: none). */
PARLEY_API int parley_builder_set_issue_unit(parley_builder *b, size_t issue, const char *unit,
                                             parley_error *err);
/* METHOD: parley_builder — adds an option to a discrete issue (one with no range). */
PARLEY_API int parley_builder_add_option(parley_builder *b, size_t issue, const char *id,
                                         const char *name, parley_error *err);
/* METHOD: parley_builder — makes an issue numeric: options min, min + step, ... up to max
 * (floor((max - min) / step + 1e-9) + 1 of them), named by their numbers. The issue must have
 * no options yet. */
PARLEY_API int parley_builder_add_range(parley_builder *b, size_t issue, double min, double max,
                                        double step, parley_error *err);

/* METHOD: parley_builder — adds a party with power 1, reservation 0, no discount (1), no
 * weights, and weights normalised to sum 1 when built; *party_out (may be NULL) gets its index.
 * At most PARLEY_MAX_PARTIES. */
PARLEY_API int parley_builder_add_party(parley_builder *b, const char *id, const char *name,
                                        size_t *party_out, parley_error *err);
/* METHOD: parley_builder — removes a party, its profile and its positions; later parties move
 * down one index. */
PARLEY_API int parley_builder_remove_party(parley_builder *b, size_t party, parley_error *err);
/* METHOD: parley_builder — power >= 0; reservation in [0, 1]; discount in (0, 1]. */
/* METHOD: parley_builder — the party's display name (NULL: its id). */
PARLEY_API int parley_builder_set_party_name(parley_builder *b, size_t party, const char *name, parley_error *err);
PARLEY_API int parley_builder_set_power(parley_builder *b, size_t party, double power, parley_error *err);
PARLEY_API int parley_builder_set_reservation(parley_builder *b, size_t party, double reservation,
                                              parley_error *err);
PARLEY_API int parley_builder_set_discount(parley_builder *b, size_t party, double discount,
                                           parley_error *err);
/* METHOD: parley_builder — the party's weight for an issue (>= 0; 0, the default, ignores the
 * issue). */
PARLEY_API int parley_builder_set_weight(parley_builder *b, size_t party, size_t issue, double weight,
                                         parley_error *err);
/* METHOD: parley_builder — whether the party's weights are divided by their sum when built
 * (the default for a new party; then at least one must be > 0), or kept as given (GENIUS
 * semantics; the default for a builder made from a scenario). */
PARLEY_API int parley_builder_set_normalise(parley_builder *b, size_t party, int normalise,
                                            parley_error *err);
/* METHOD: parley_builder — the party's value of each option of the issue, in [0, 1], one per
 * option in order. Every issue the party weighs needs values. */
PARLEY_API int parley_builder_set_values(parley_builder *b, size_t party, size_t issue,
                                         const double *values, parley_error *err);
/* METHOD: parley_builder — the party's values on a numeric issue as a piecewise-linear
 * function through n points (x strictly increasing, values in [0, 1]): linear between points,
 * flat beyond the first and last. */
PARLEY_API int parley_builder_set_points(parley_builder *b, size_t party, size_t issue, size_t n,
                                         const double *x, const double *value, parley_error *err);
/* METHOD: parley_builder — adds an interaction term: the bonus (in [-1000, 1000], negative for
 * a penalty; the scenario format keeps it in [-1, 1]) is added to the party's utility of every
 * package where all the conditions hold. Each issue appears in at most one condition; a rule
 * with no conditions holds everywhere. */
PARLEY_API int parley_builder_add_interaction(parley_builder *b, size_t party, double bonus,
                                              const char *note, const parley_condition *conds,
                                              size_t n_conds, parley_error *err);
/* METHOD: parley_builder — adds a red line: the party rejects every package where all the
 * conditions hold, whatever its utility. */
PARLEY_API int parley_builder_add_red_line(parley_builder *b, size_t party, const char *note,
                                           const parley_condition *conds, size_t n_conds,
                                           parley_error *err);
/* METHOD: parley_builder — drops the party's interaction terms and red lines. */
PARLEY_API int parley_builder_clear_rules(parley_builder *b, size_t party, parley_error *err);

/* METHOD: parley_builder — adds a named package to evaluate: one option index per issue. A
 * framework is given for the issues as they are: add issues first (or remove the framework and
 * give it again). */
PARLEY_API int parley_builder_add_framework(parley_builder *b, const char *id, const char *name,
                                            const uint32_t *package, parley_error *err);
/* METHOD: parley_builder — removes framework fw; later frameworks move down one index. */
PARLEY_API int parley_builder_remove_framework(parley_builder *b, size_t fw, parley_error *err);

/* METHOD: parley_builder — forecasting input given outright: a positions entry for an issue
 * (at most one each), with its reference point (status quo) and actual outcome (NaN: not
 * known), then each party's position (any number) and salience (0-100). */
PARLEY_API int parley_builder_add_positions(parley_builder *b, size_t issue, double reference,
                                            double outcome, parley_error *err);
PARLEY_API int parley_builder_set_position(parley_builder *b, size_t issue, size_t party,
                                           double position, double salience, parley_error *err);

/* METHOD: parley_builder — the mediation (docs/scenario-format.md, "Mediation"). A mediator is
 * a party (id a party's id: it keeps its interests and its vote) or an outside actor (any other
 * id, with a name; no preferences, no vote); add parties first. The drafting mediator defaults
 * to the first; the parties it drafts with default to every party; channels (undirected links
 * between parties and mediators) default to everyone with everyone. Each call checks what it
 * can at once (unknown ids, an outside mediator named as a party to draft with, a channel to
 * itself or given twice); the build checks the whole again, and that the drafting mediator can
 * reach every party it drafts with through the channels. */
PARLEY_API int parley_builder_add_mediator(parley_builder *b, const char *id, const char *name, parley_error *err);
PARLEY_API int parley_builder_set_drafting_mediator(parley_builder *b, const char *id, parley_error *err);
PARLEY_API int parley_builder_add_drafts_with(parley_builder *b, const char *party_id, parley_error *err);
PARLEY_API int parley_builder_add_channel(parley_builder *b, const char *a, const char *b_id, parley_error *err);
/* METHOD: parley_builder — a mediator's picture of a party it does not hear (docs/scenario-
 * format.md, "Beliefs"): *profile receives a handle that every profile setter (power,
 * reservation, discount, weights, normalise, values, points, interactions, red lines, clear
 * rules) takes in place of a party index. What the setters give stands for the party's true
 * profile; the rest is the truth (values count per issue). Errors: an unknown mediator or
 * party, a belief about the mediator's own party, the same pair twice. The build checks each
 * belief merged with the truth as a profile. A handle holds until the mediation is cleared. */
PARLEY_API int parley_builder_add_belief(parley_builder *b, const char *mediator_id, const char *party_id,
                                         size_t *profile, parley_error *err);
/* METHOD: parley_builder — removes the whole mediation section. */
PARLEY_API int parley_builder_clear_mediation(parley_builder *b, parley_error *err);

/* METHOD: parley_builder — checks that the whole is a scenario (at least one issue, every issue
 * with an option, at least one party, values for every issue a party weighs, weights to
 * normalise that are not all zero, no party whose utility could exceed 10^6 in absolute value
 * (PARLEY_ERR_LIMIT)) and makes it: *out owns a new, compiled scenario. The builder is unchanged
 * and may be changed and built again. */
PARLEY_API int parley_builder_build(const parley_builder *b, parley_scenario **out, parley_error *err);

/* ---------------------------------------------------------------------------------------- */
/* What a scenario holds                                                                    */
/* ---------------------------------------------------------------------------------------- */

/* Strings are owned by the scenario ("" when absent); an index out of range gives NULL, 0 or
 * NaN. */

/* METHOD: parley_scenario — title, description, and the name it was read from. */
PARLEY_API const char *parley_scenario_title(const parley_scenario *sc);
PARLEY_API const char *parley_scenario_description(const parley_scenario *sc);
PARLEY_API const char *parley_scenario_source(const parley_scenario *sc);

/* METHOD: parley_scenario — how its utilities are held. 1 when they are exact: every weight,
 * value, bonus and reservation is a fraction (a number given as a double is the simplest
 * fraction that rounds to it, so 0.35 is 7/20 and a decimal of up to 7 places is itself) and
 * their common denominator keeps every utility within 2^56 units; then packages that tie in
 * exact arithmetic tie in every method, and *denominator_out is that denominator. 0 when each
 * term is instead rounded to a multiple of 2^-40 (*denominator_out = 2^40): utilities are then
 * within 2^-40 per term of the exact ones, and ties closer than that may be told apart. */
PARLEY_API int parley_scenario_exact(const parley_scenario *sc, uint64_t *denominator_out);

/* METHOD: parley_scenario — 1 if the party cares about the issue: it gives it a weight above 0,
 * or one of its interaction terms or red lines names it; else 0. */
PARLEY_API int parley_party_cares(const parley_scenario *sc, size_t party, size_t issue);

/* METHOD: parley_scenario — issues and their options. */
PARLEY_API size_t parley_issue_count(const parley_scenario *sc);
PARLEY_API const char *parley_issue_id(const parley_scenario *sc, size_t issue);
PARLEY_API const char *parley_issue_name(const parley_scenario *sc, size_t issue);
PARLEY_API const char *parley_issue_unit(const parley_scenario *sc, size_t issue);
PARLEY_API size_t parley_issue_option_count(const parley_scenario *sc, size_t issue);
/* 1 if the issue was given as a numeric range (its options carry numbers), else 0. */
PARLEY_API int parley_issue_is_numeric(const parley_scenario *sc, size_t issue);
PARLEY_API const char *parley_option_id(const parley_scenario *sc, size_t issue, size_t option);
PARLEY_API const char *parley_option_name(const parley_scenario *sc, size_t issue, size_t option);
/* The number of a numeric issue's option (0 for a discrete issue). */
PARLEY_API double parley_option_value(const parley_scenario *sc, size_t issue, size_t option);
/* The index of the issue with this id, or PARLEY_NONE. */
PARLEY_API size_t parley_issue_find(const parley_scenario *sc, const char *id);
/* The index of the option with this id in the issue, or PARLEY_NONE. */
PARLEY_API size_t parley_option_find(const parley_scenario *sc, size_t issue, const char *id);

/* METHOD: parley_scenario — parties. */
PARLEY_API size_t parley_party_count(const parley_scenario *sc);
PARLEY_API const char *parley_party_id(const parley_scenario *sc, size_t party);
PARLEY_API const char *parley_party_name(const parley_scenario *sc, size_t party);
PARLEY_API double parley_party_power(const parley_scenario *sc, size_t party);
PARLEY_API double parley_party_reservation(const parley_scenario *sc, size_t party);
/* The party's time discount factor d: at normalised time t in [0,1] its utilities and its
 * reservation value are multiplied by d^t (GENIUS semantics). 1 means no discounting. */
PARLEY_API double parley_party_discount(const parley_scenario *sc, size_t party);
/* The party's weight for the issue as the model holds it (normalised to sum 1, unless the
 * party keeps its weights as given). */
PARLEY_API double parley_party_weight(const parley_scenario *sc, size_t party, size_t issue);
/* The party's value of an option, in [0, 1]; NaN when it has no values for the issue (a
 * scenario read from YAML keeps none for the issues a party does not weigh). */
PARLEY_API double parley_party_value(const parley_scenario *sc, size_t party, size_t issue, size_t option);
/* The index of the party with this id, or PARLEY_NONE. */
PARLEY_API size_t parley_party_find(const parley_scenario *sc, const char *id);
/* A party named by its id or by its number from 1 in the scenario's order, or PARLEY_NONE. */
PARLEY_API size_t parley_party_lookup(const parley_scenario *sc, const char *id_or_number);

/* METHOD: parley_scenario — a party's interaction terms and red lines. */
PARLEY_API size_t parley_interaction_count(const parley_scenario *sc, size_t party);
PARLEY_API double parley_interaction_bonus(const parley_scenario *sc, size_t party, size_t k);
PARLEY_API const char *parley_interaction_note(const parley_scenario *sc, size_t party, size_t k);
PARLEY_API size_t parley_red_line_count(const parley_scenario *sc, size_t party);
PARLEY_API const char *parley_red_line_note(const parley_scenario *sc, size_t party, size_t k);
/* 1 if the package crosses the party's red line k (every condition holds), else 0. */
PARLEY_API int parley_red_line_holds(const parley_scenario *sc, size_t party, size_t k,
                                     const uint32_t *package);
/* METHOD: parley_scenario — its clock (`time:`): the horizon (1 without one), the unit ("" when
 * none is given), and whether any number follows a schedule over it. */
PARLEY_API double parley_scenario_horizon(const parley_scenario *sc);
PARLEY_API const char *parley_scenario_time_unit(const parley_scenario *sc);
PARLEY_API int parley_scenario_timed(const parley_scenario *sc);
/* METHOD: parley_scenario — party's reservation at time t of the clock (its schedule read at t,
 * the mean for a distribution; no discount). */
PARLEY_API double parley_party_reservation_at(const parley_scenario *sc, size_t party, double t);
/* CONSTRUCTOR: parley_scenario — the scenario as it stands at time t in [0, horizon]: every
 * schedule read at t, and each party's discount d applied as d^(t / horizon) to its utilities
 * and its reservation (its values, bonuses and reservation scaled, distributions included). The
 * result keeps the schedules and discounts; take other times from the original. */
PARLEY_API int parley_scenario_at(const parley_scenario *sc, double t, parley_scenario **out, parley_error *err);

/* FUNCTION: reads a package written "issue=option,issue=option,..." (ids, every issue once, in
 * any order) into package (parley_issue_count entries). PARLEY_ERR_INVALID names what is wrong:
 * a pair without '=', an unknown issue or option, an issue given twice or missing. */
PARLEY_API int parley_package_parse(const parley_scenario *sc, const char *text, uint32_t *package, parley_error *err);
/* A party's verdict on a package (a framework, a mediated text), in exact arithmetic. */
typedef struct parley_acceptance {
  double utility;      /* U_p of the framework */
  double reservation;  /* r_p */
  double shortfall;    /* r_p - U_p when the utility is below the reservation, else 0 */
  int accepts;         /* 1 if it crosses none of p's red lines and utility >= reservation */
  size_t red_lines_crossed;
} parley_acceptance;

/* METHOD: parley_scenario — party's verdict on a package: its utility, reservation, shortfall and
 * red lines crossed, accepting when it crosses none and its utility is at least its reservation,
 * compared exactly (the compiled utilities, not their doubles). Returns 0 or PARLEY_ERR_ARG. */
PARLEY_API int parley_package_acceptance(const parley_scenario *sc, size_t party, const uint32_t *package,
                                         parley_acceptance *out);
/* How many of the party's red lines the package crosses (0 = none). */
PARLEY_API size_t parley_red_line_crossed_count(const parley_scenario *sc, size_t party,
                                                const uint32_t *package);

/* METHOD: parley_scenario — frameworks. */
PARLEY_API size_t parley_framework_count(const parley_scenario *sc);
PARLEY_API const char *parley_framework_id(const parley_scenario *sc, size_t fw);
PARLEY_API const char *parley_framework_name(const parley_scenario *sc, size_t fw);
/* The framework's package: one option index per issue (parley_issue_count entries). */
PARLEY_API const uint32_t *parley_framework_package(const parley_scenario *sc, size_t fw);
/* The index of the framework with this id, or PARLEY_NONE. */
PARLEY_API size_t parley_framework_find(const parley_scenario *sc, const char *id);

/* METHOD: parley_scenario — the mediation. No `mediation:` section: no mediators
 * (parley_mediator_count 0, parley_mediator_drafting PARLEY_NONE). Actors are the parties
 * (0 .. parley_party_count - 1), then the outside mediators. */
PARLEY_API size_t parley_mediator_count(const parley_scenario *sc);
PARLEY_API const char *parley_mediator_id(const parley_scenario *sc, size_t m);
PARLEY_API const char *parley_mediator_name(const parley_scenario *sc, size_t m);
/* The party a mediator is, or PARLEY_NONE for an outside actor. */
PARLEY_API size_t parley_mediator_party(const parley_scenario *sc, size_t m);
/* The mediator as an actor (its party's index, or past the parties for an outside one). */
PARLEY_API size_t parley_mediator_actor(const parley_scenario *sc, size_t m);
PARLEY_API size_t parley_mediator_find(const parley_scenario *sc, const char *id);
/* The mediator who drafts, or PARLEY_NONE without a mediation section. */
PARLEY_API size_t parley_mediator_drafting(const parley_scenario *sc);
/* 1 when the drafting mediator takes party's input while drafting (every party when the
 * section does not say, or without one). */
PARLEY_API int parley_drafts_with(const parley_scenario *sc, size_t party);
PARLEY_API size_t parley_actor_count(const parley_scenario *sc);
PARLEY_API const char *parley_actor_id(const parley_scenario *sc, size_t actor);
PARLEY_API const char *parley_actor_name(const parley_scenario *sc, size_t actor);
/* The channels declared (0: none declared, everyone talks with everyone); each is a pair of
 * actors, in the file's order. */
PARLEY_API size_t parley_channel_count(const parley_scenario *sc);
PARLEY_API int parley_channel_get(const parley_scenario *sc, size_t k, size_t *a, size_t *b);
/* The number of channel links on the shortest path between two actors (0 for the same actor, 1
 * for any two when no channels are declared), or PARLEY_NONE when none joins them. */
PARLEY_API size_t parley_channel_distance(const parley_scenario *sc, size_t from, size_t to);
/* METHOD: parley_scenario — the mediators' beliefs, in the file's order: belief k's mediator
 * and party (PARLEY_ERR_ARG out of range); the belief a mediator holds about a party, or
 * PARLEY_NONE; and its believed reservation (NaN out of range). The believed profile as a whole
 * is a party of the mediator's view (parley_mediation_view). */
PARLEY_API size_t parley_belief_count(const parley_scenario *sc);
PARLEY_API int parley_belief_get(const parley_scenario *sc, size_t k, size_t *mediator, size_t *party);
PARLEY_API size_t parley_belief_find(const parley_scenario *sc, size_t mediator, size_t party);
PARLEY_API double parley_belief_reservation(const parley_scenario *sc, size_t k);

/* METHOD: parley_scenario — the number of outcomes (product of option counts), saturating at
 * UINT64_MAX. */
PARLEY_API uint64_t parley_outcome_count(const parley_scenario *sc);
/* METHOD: parley_scenario — the exact number of outcomes in decimal (it may exceed 64 bits),
 * like snprintf. */
PARLEY_API int parley_outcome_count_text(const parley_scenario *sc, char *buf, size_t size);

/* METHOD: parley_scenario — utility of a package for a party: the weighted sum of option
 * values plus the interaction terms that apply. Red lines do not change utility; see
 * parley_red_line_crossed_count. NaN for an invalid argument. */
PARLEY_API double parley_utility(const parley_scenario *sc, size_t party, const uint32_t *package);

/* ---------------------------------------------------------------------------------------- */
/* Writing                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* METHOD: parley_scenario — the scenario as parley YAML (docs/scenario-format.md), losslessly:
 * reading the text back gives the same utility, to the bit, for every package and party. A
 * scenario built with an interaction bonus outside [-1, 1], which the format cannot hold, is
 * refused with PARLEY_ERR_INVALID naming the party. The caller releases *text_out with
 * parley_string_free. */
PARLEY_API int parley_scenario_write_yaml(const parley_scenario *sc, char **text_out, size_t *len_out,
                                          parley_error *err);

/* METHOD: parley_scenario — the scenario as GENIUS XML (docs/genius.md): file 0 is the domain,
 * file p + 1 the profile of party p. GENIUS reads the same utility for every package (to
 * 1e-12); what GENIUS has no field for (ids, names, powers, the description, frameworks) is kept
 * where GENIUS ignores it, so that parley reads it back. Fails with PARLEY_ERR_INVALID, naming
 * the party, for what GENIUS cannot hold: red lines, and interaction terms other than ANAC 2014
 * hyper-rectangles over integer issues. */
PARLEY_API int parley_scenario_write_genius(const parley_scenario *sc, size_t file, char **text_out,
                                            size_t *len_out, parley_error *err);
/* METHOD: parley_scenario — as parley_scenario_write_genius, but what GENIUS cannot hold is left
 * out instead: each red line and interaction term left out of profile `file` is listed in
 * dropped (may be NULL) as a warning naming the party and the rule. Utilities stay the same
 * except where a left-out interaction term held. */
PARLEY_API int parley_scenario_write_genius_lossy(const parley_scenario *sc, size_t file, parley_diagnostics *dropped,
                                                  char **text_out, size_t *len_out, parley_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PARLEY_SCENARIO_H */
