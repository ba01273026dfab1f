/* test_reader.c — the scenario reader: what it builds from valid files, and the position and
 * wording of its errors on bad ones. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

static const char small_yaml[] =
    "title: small\n"
    "issues:\n"
    "  - id: price\n"
    "    range: {min: 10, max: 20, step: 2.5}\n"
    "  - id: color\n"
    "    options: [red, {id: blue, name: Deep blue}]\n"
    "parties:\n"
    "  - id: buyer\n"
    "    reservation: 0.2\n"
    "    weights: {price: 3, color: 1}\n"
    "    values:\n"
    "      price: {points: [[10, 1], [20, 0]]}\n"
    "      color: [0.5, 1]\n"
    "  - id: seller\n"
    "    power: 2\n"
    "    weights: {price: 1}\n"
    "    values:\n"
    "      price: {10: 0, 12.5: 0.25, 15: 0.5, 17.5: 0.75, 20: 1}\n"
    "    red_lines:\n"
    "      - when: {price: {max: 12.5}, color: blue}\n"
    "        note: no cheap blue\n"
    "    interactions:\n"
    "      - when: {color: red}\n"
    "        bonus: -0.1\n"
    "frameworks:\n"
    "  - id: mid\n"
    "    package: {price: 15, color: blue}\n";

static void test_small_scenario(void **state) {
  (void)state;
  parley_scenario *sc = test_load(small_yaml);
  assert_string_equal(parley_scenario_title(sc), "small");
  assert_int_equal(parley_issue_count(sc), 2);
  assert_int_equal(parley_issue_option_count(sc, 0), 5);
  assert_true(parley_issue_is_numeric(sc, 0));
  assert_string_equal(parley_option_id(sc, 0, 1), "12.5");
  assert_close(parley_option_value(sc, 0, 3), 17.5, 0);
  assert_string_equal(parley_option_name(sc, 1, 1), "Deep blue");
  assert_int_equal(parley_party_count(sc), 2);
  assert_close(parley_party_power(sc, 0), 1, 0);   /* default */
  assert_close(parley_party_power(sc, 1), 2, 0);
  assert_close(parley_party_reservation(sc, 1), 0, 0);
  assert_close(parley_party_weight(sc, 0, 0), 0.75, 1e-15);
  assert_close(parley_party_weight(sc, 1, 1), 0, 0);
  assert_int_equal(parley_outcome_count(sc), 10);
  assert_int_equal(parley_issue_find(sc, "color"), 1);
  assert_int_equal(parley_party_find(sc, "nobody"), PARLEY_NONE);

  /* buyer at price 12.5 (piecewise value 0.75), blue (1): 0.75*0.75 + 0.25*1 */
  uint32_t pkg[2] = {1, 1};
  assert_close(parley_utility(sc, 0, pkg), 0.75 * 0.75 + 0.25, 1e-12);
  /* seller: 0.25, and the red line holds */
  assert_close(parley_utility(sc, 1, pkg), 0.25, 1e-12);
  assert_int_equal(parley_red_line_crossed_count(sc, 1, pkg), 1);
  /* red: the seller's penalty applies */
  uint32_t red[2] = {4, 0};
  assert_close(parley_utility(sc, 1, red), 0.9, 1e-12);
  assert_int_equal(parley_red_line_crossed_count(sc, 1, red), 0);
  /* the framework resolved 15 to option 2 */
  assert_int_equal(parley_framework_count(sc), 1);
  assert_int_equal(parley_framework_package(sc, 0)[0], 2);
  assert_int_equal(parley_framework_package(sc, 0)[1], 1);
  assert_int_equal(parley_framework_find(sc, "mid"), 0);
  assert_int_equal(parley_framework_find(sc, "nope"), PARLEY_NONE);
  /* invalid arguments */
  uint32_t out_of_range[2] = {5, 0};
  assert_true(isnan(parley_utility(sc, 0, out_of_range)));
  assert_true(isnan(parley_utility(sc, 7, pkg)));
  parley_scenario_free(sc);
}

/* JSON is read by the same parser and means the same. */
static void test_json_equals_yaml(void **state) {
  (void)state;
  const char *json =
      "{\"title\": \"small\", \"issues\": [{\"id\": \"price\", \"range\": {\"min\": 10, \"max\": 20, \"step\": 2.5}},"
      " {\"id\": \"color\", \"options\": [\"red\", {\"id\": \"blue\", \"name\": \"Deep blue\"}]}],"
      " \"parties\": [{\"id\": \"buyer\", \"reservation\": 0.2, \"weights\": {\"price\": 3, \"color\": 1},"
      "  \"values\": {\"price\": {\"points\": [[10, 1], [20, 0]]}, \"color\": [0.5, 1]}},"
      " {\"id\": \"seller\", \"power\": 2, \"weights\": {\"price\": 1},"
      "  \"values\": {\"price\": {\"10\": 0, \"12.5\": 0.25, \"15\": 0.5, \"17.5\": 0.75, \"20\": 1}},"
      "  \"red_lines\": [{\"when\": {\"price\": {\"max\": 12.5}, \"color\": \"blue\"}, \"note\": \"no cheap blue\"}],"
      "  \"interactions\": [{\"when\": {\"color\": \"red\"}, \"bonus\": -0.1}]}],"
      " \"frameworks\": [{\"id\": \"mid\", \"package\": {\"price\": 15, \"color\": \"blue\"}}]}";
  parley_scenario *a = test_load(small_yaml), *b = test_load(json);
  uint32_t pkg[2];
  for (pkg[0] = 0; pkg[0] < 5; pkg[0]++)
    for (pkg[1] = 0; pkg[1] < 2; pkg[1]++)
      for (size_t p = 0; p < 2; p++) {
        assert_true(parley_utility(a, p, pkg) == parley_utility(b, p, pkg));
        assert_int_equal(parley_red_line_crossed_count(a, p, pkg), parley_red_line_crossed_count(b, p, pkg));
      }
  parley_scenario_free(a);
  parley_scenario_free(b);
}

/* The bundled example: the numbers by hand, from the weights and values in the file. */
static void test_example_by_hand(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_error err = {0};
  assert_int_equal(parley_scenario_read_file(PARLEY_EXAMPLES "/ukraine-framework.yaml", NULL, &sc, NULL, &err), 0);
  assert_int_equal(parley_outcome_count(sc), 3 * 7 * 3 * 3 * 4 * 3);
  const uint32_t *draft = parley_framework_package(sc, 0);
  /* Ukraine: guarantee us 0.8*0.30 + army 600 0.35*0.15 + nato renounced 0.2*0.10
   *          + sanctions maintained 1*0.05 + interaction 0.08 */
  assert_close(parley_utility(sc, 0, draft), 0.24 + 0.0525 + 0.02 + 0.05 + 0.08, 1e-12);
  /* Russia: 1*.30 + 1*.25 + .7*.15 + 1*.10 + .5*.10 + 0*.10 */
  assert_close(parley_utility(sc, 1, draft), 0.3 + 0.25 + 0.105 + 0.1 + 0.05, 1e-12);
  /* United States: .7*.2 + .8*.2 + .6*.2 + .4*.15 + army 600 (0.5 + 2/3*0.5)*.15 + .7*.1 */
  assert_close(parley_utility(sc, 2, draft), 0.14 + 0.16 + 0.12 + 0.06 + (0.5 + 0.5 * 2.0 / 3.0) * 0.15 + 0.07, 1e-12);
  /* Europe: .2*.15 + army 600 .2*.25 + .2*.1 + .3*.1 + .9*.3 + 1*.1 */
  assert_close(parley_utility(sc, 3, draft), 0.03 + 0.05 + 0.02 + 0.03 + 0.27 + 0.1, 1e-12);
  for (size_t p = 0; p < 4; p++) assert_int_equal(parley_red_line_crossed_count(sc, p, draft), 0);
  parley_scenario_free(sc);
}

typedef struct bad_case {
  const char *yaml;
  int status;
  int line, column;
  const char *message; /* a substring of the first error */
} bad_case;

/* Two parties, p and q, over one issue: the start of the mediation cases (the section starts
 * on line 11). */
#define TWO_PARTIES                                                                                              \
  "issues:\n  - id: x\n    options: [a, b]\nparties:\n  - id: p\n    weights: {x: 1}\n    values: {x: [1, 0]}\n" \
  "  - id: q\n    weights: {x: 1}\n    values: {x: [0, 1]}\n"

static const bad_case bad_cases[] = {
    /* the mediation section: every reference checked where it is written */
    {TWO_PARTIES "mediation:\n  mediator: p\n", PARLEY_ERR_INVALID, 12, 3, "'mediation' needs 'mediators'"},
    {TWO_PARTIES "mediation:\n  mediators: []\n", PARLEY_ERR_INVALID, 12, 14, "'mediators' is empty"},
    {TWO_PARTIES "mediation:\n  mediators: [p, p]\n", PARLEY_ERR_INVALID, 12, 18, "mediator 'p' is listed twice"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  mediator: t\n", PARLEY_ERR_INVALID, 13, 13, "'t' is not among the mediators"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  drafts_with: []\n", PARLEY_ERR_INVALID, 13, 16, "'drafts_with' is empty"},
    {TWO_PARTIES "mediation:\n  mediators: [p, {id: t, name: T}]\n  drafts_with: [t]\n", PARLEY_ERR_INVALID, 13, 17,
     "'t' is an outside mediator, with no preferences to draft with"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  drafts_with: [r]\n", PARLEY_ERR_INVALID, 13, 17, "drafts_with names 'r', which is not a party"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  channels:\n    - [p, z]\n", PARLEY_ERR_INVALID, 14, 7,
     "a channel to 'z', which is neither a party nor a mediator"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  channels:\n    - [p, p]\n", PARLEY_ERR_INVALID, 14, 7, "a channel from 'p' to itself"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  channels:\n    - [p, q]\n    - [q, p]\n", PARLEY_ERR_INVALID, 15, 7,
     "the channel between 'q' and 'p' is given twice"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  channels:\n    - [p, q, p]\n", PARLEY_ERR_INVALID, 14, 7, "a channel joins two ids"},
    /* a mediator cannot draft with a party no channel reaches */
    {TWO_PARTIES "mediation:\n  mediators: [{id: t, name: T}]\n  drafts_with: [p, q]\n  channels:\n    - [t, p]\n",
     PARLEY_ERR_INVALID, 13, 16, "mediator 't' drafts with 'q', but no channel path joins them"},
    /* beliefs: about a party, by a mediator, any subset of the profile keys, merged and checked */
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    z:\n      q: {reservation: 0.2}\n", PARLEY_ERR_INVALID, 14, 5,
     "beliefs of 'z', which is not among the mediators"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      r: {reservation: 0.2}\n", PARLEY_ERR_INVALID, 15, 7,
     "a belief of 'p' about 'r', which is not a party"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      p: {reservation: 0.2}\n", PARLEY_ERR_INVALID, 15, 7,
     "a belief of 'p' about itself"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      q: {reservation: 2}\n", PARLEY_ERR_INVALID, 15, 24,
     "reservation of party 'q' must be in [0, 1]"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      q: {colour: red}\n", PARLEY_ERR_INVALID, 15, 11,
     "unknown key 'colour'"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      q: {weights: {x: 0}}\n", PARLEY_ERR_INVALID, 15, 20,
     "all weights of party 'q' are zero"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      q: {values: {x: [0.5, 2]}}\n", PARLEY_ERR_INVALID, 15,
     29, "outside [0, 1]"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      q: [1]\n", PARLEY_ERR_INVALID, 15, 10, "a belief"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      q: {normalise_weights: false}\n", PARLEY_ERR_INVALID,
     15, 11, "normalise_weights in a belief goes with the weights it gives"},
    {TWO_PARTIES "mediation:\n  mediators: [p]\n  beliefs:\n    p:\n      q: {power: 1}\n    p:\n      q: {power: 2}\n",
     PARLEY_ERR_INVALID, 16, 5, "the beliefs of 'p' are given twice"},
    /* numbers a double cannot hold are out of range, not "not a number" */
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    reservation: 1e400\n    weights: {a: 1}\n", PARLEY_ERR_INVALID, 6, 18, "reservation is out of range"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1e-400}\n", PARLEY_ERR_INVALID, 6, 18, "out of range"},
    /* a step that would make 10^300 options says so briefly */
    {"issues:\n  - id: a\n    range: {min: 0, max: 1, step: 1e-300}\n", PARLEY_ERR_LIMIT, 3, 0, "gives about 1e+300 options, more than the limit of 10000"},
    {"issues: [\n", PARLEY_ERR_SYNTAX, 0, 0, "closing bracket"},
    {"{\"issues\": [1, 2,, ]}", PARLEY_ERR_SYNTAX, 1, 0, ""},
    {"", PARLEY_ERR_INVALID, 0, 0, "the file is empty"},
    {"- 1\n- 2\n", PARLEY_ERR_INVALID, 1, 1, "must be a mapping"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {b: 1}\n", PARLEY_ERR_INVALID, 6, 15, "unknown issue 'b'"},
    {"issues:\n  - id: a\n    options: [x, y]\n  - id: a\n    options: [z]\nparties: []\n", PARLEY_ERR_INVALID, 4, 9, "duplicate issue id 'a'"},
    {"issues:\n  - id: a\n    options: [x, x]\n", PARLEY_ERR_INVALID, 3, 18, "lists option 'x' twice"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: -1}\n", PARLEY_ERR_INVALID, 6, 18, "must be >= 0"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 0}\n", PARLEY_ERR_INVALID, 6, 14, "all weights of party 'p' are zero"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: \"1\"}\n", PARLEY_ERR_INVALID, 6, 18, "must be a number"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [0.5, 1.5]}\n",
     PARLEY_ERR_INVALID, 7, 23, "outside [0, 1]"},
    {"issues:\n  - id: a\n    range: {min: 0, max: 10, step: 0}\n", PARLEY_ERR_INVALID, 3, 36, "must be > 0"},
    {"issues:\n  - id: a\n    range: {min: 0, max: 1e9, step: 1}\n", PARLEY_ERR_LIMIT, 3, 37, "use a larger step"},
    {"issues:\n  - id: a\n    options: [x]\n    colour: red\n", PARLEY_ERR_INVALID, 4, 5, "unknown key 'colour'"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n", PARLEY_ERR_INVALID, 5, 5, "gives no values"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: {x: 1}}\n",
     PARLEY_ERR_INVALID, 7, 17, "no value for option 'y'"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "frameworks:\n  - id: f\n    package: {a: z}\n", PARLEY_ERR_INVALID, 10, 18, "'z' is not an option of issue 'a'"},
    {"issues:\n  - id: a\n    options: [x, y]\n  - id: b\n    options: [u]\nparties:\n  - id: p\n    weights: {a: 1}\n"
     "    values: {a: [1, 0]}\nframeworks:\n  - id: f\n    package: {a: x}\n", PARLEY_ERR_INVALID, 12, 14, "gives no option for issue 'b'"},
    {"issues: &i\n  - id: a\n", PARLEY_ERR_INVALID, 1, 9, "anchors"},
    {"a: [1]\nb: *x\n", PARLEY_ERR_INVALID, 2, 4, "aliases"},
    {"a: &x [1]\nb: *x\n", PARLEY_ERR_INVALID, 1, 4, "anchors"},
    {"title: caf\xc3\xa9\nbad: \x98\n", PARLEY_ERR_SYNTAX, 2, 6, "not valid UTF-8"},
    {"%# \x98\x98\n", PARLEY_ERR_SYNTAX, 1, 4, "not valid UTF-8"},
    {"title: \xed\xa0\x80\n", PARLEY_ERR_SYNTAX, 1, 8, "not valid UTF-8"},
    {"title: \xc0\xaf\n", PARLEY_ERR_SYNTAX, 1, 8, "not valid UTF-8"},
    {"a: 1\n---\nb: 2\n", PARLEY_ERR_SYNTAX, 2, 1, "more than one YAML document"},
    {"issues:\n  - id: a\n    options: [x]\nissues: []\n", PARLEY_ERR_INVALID, 4, 1, "duplicate key 'issues'"},
    {"issues:\n  - id: 'a b'\n    options: [x]\n", PARLEY_ERR_INVALID, 2, 9, "may only contain"},
    {"parley: 2\nissues:\n  - id: a\n    options: [x]\n", PARLEY_ERR_INVALID, 1, 9, "version 2 is not supported"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "    red_lines:\n      - when: {a: [x, q]}\n", PARLEY_ERR_INVALID, 9, 23, "'q' is not an option"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "    interactions:\n      - when: {a: x}\n        bonus: 3\n", PARLEY_ERR_INVALID, 10, 16, "outside [-1, 1]"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "    red_lines:\n      - when: {a: x, \"a\": y}\n", PARLEY_ERR_INVALID, 9, 22, "issue 'a' appears twice"},
    {"issues:\n  - id: a\n    range: {min: 0, max: 10, step: 5}\nparties:\n  - id: p\n    weights: {a: 1}\n"
     "    values: {a: {points: [[5, 0], [5, 1]]}}\n", PARLEY_ERR_INVALID, 7, 36, "strictly increasing"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    reservation: 1.5\n    weights: {a: 1}\n    values: {a: [1, 0]}\n",
     PARLEY_ERR_INVALID, 6, 18, "reservation of party 'p' must be in [0, 1]"},    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: b\n    actors: {p: {position: 1, salience: 2}}\n", PARLEY_ERR_INVALID, 9, 12, "unknown issue 'b'"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: a\n    actors: {q: {position: 1, salience: 2}}\n", PARLEY_ERR_INVALID, 10, 14, "unknown party 'q'"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: a\n    actors:\n      p: {position: 1, salience: 120}\n", PARLEY_ERR_INVALID, 11, 34, "the salience of 'p' on 'a' must be in [0, 100]"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: a\n    actors:\n      p: {position: 1}\n", PARLEY_ERR_INVALID, 11, 10, "needs both 'position' and 'salience'"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: a\n    actors: {p: {position: 1, salience: 2}}\n  - issue: a\n    actors: {p: {position: 1, salience: 2}}\n", PARLEY_ERR_INVALID, 11, 12, "issue 'a' has positions twice"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions: []\n", PARLEY_ERR_INVALID, 8, 12, "'positions' is empty"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: a\n    actors:\n      p: {position: high, salience: 2}\n", PARLEY_ERR_INVALID, 11, 21, "the position of 'p' on 'a' must be a number"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: a\n    weight: 3\n    actors: {p: {position: 1, salience: 2}}\n", PARLEY_ERR_INVALID, 10, 5, "unknown key 'weight'"},
    {"issues:\n  - id: a\n    options: [x, y]\nparties:\n  - id: p\n    weights: {a: 1}\n    values: {a: [1, 0]}\n"
     "positions:\n  - issue: a\n", PARLEY_ERR_INVALID, 9, 5, "need 'actors'"},
};

/* Each bad input is refused with the expected problem at the expected place (minimal inputs
 * may carry other problems too, such as a missing 'parties'). */
static void test_bad_inputs(void **state) {
  (void)state;
  int failures = 0;
  for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
    const bad_case *c = &bad_cases[k];
    int status;
    parley_diagnostics *d = test_load_bad(c->yaml, &status);
    int found = 0;
    for (size_t i = 0; i < parley_diagnostics_count(d); i++) {
      const parley_error *e = parley_diagnostics_get(d, i);
      assert_string_equal(e->file, "bad.yaml");
      if (e->code == c->status && (!c->line || e->line == c->line) &&
          (!c->column || e->column == c->column) && strstr(e->message, c->message))
        found = 1;
    }
    if (!found) {
      print_error("case %zu: status %d, expected %d:%d '%s'; got:\n", k, status, c->line, c->column, c->message);
      for (size_t i = 0; i < parley_diagnostics_count(d); i++) {
        char buf[1024];
        parley_error_format(parley_diagnostics_get(d, i), buf, sizeof buf);
        print_error("  %s\n", buf);
      }
      failures++;
    }
    parley_diagnostics_free(d);
  }
  assert_int_equal(failures, 0);
}

/* A `positions:` section gives the forecasting input outright, for discrete issues too. */
static void test_positions_section(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_error err = {0};
  if (parley_scenario_read_file(PARLEY_TEST_DATA "/positions.yaml", NULL, &sc, NULL, &err)) fail_msg("%s", err.message);
  parley_positions *pos = NULL;
  assert_int_equal(parley_positions_from_scenario(sc, &pos, &err), 0);
  parley_scenario_free(sc); /* the positions outlive it */
  assert_int_equal(parley_positions_issue_count(pos), 2);
  assert_string_equal(parley_positions_issue_id(pos, 1), "scope");
  assert_int_equal(parley_positions_actor_count(pos), 3);
  assert_string_equal(parley_positions_actor_id(pos, 2), "east");
  assert_close(parley_positions_reference(pos, 0), 50, 0);
  assert_true(isnan(parley_positions_reference(pos, 1)));
  assert_close(parley_positions_outcome(pos, 1), 60, 0);
  assert_close(parley_positions_position(pos, 1, 2), 50, 0);
  assert_close(parley_positions_salience(pos, 1, 2), 80, 0);
  assert_close(parley_positions_capability(pos, 0), 3, 0);
  assert_int_equal(parley_positions_issue_group(pos, 1), 0); /* one proposal, unnamed */
  assert_null(parley_positions_issue_proposal(pos, 1));
  /* compromise on tax by hand: (3 40 20 + 2 70 80 + 1 20 35) / (120 + 140 + 20) */
  parley_capability cap = {.kind = PARLEY_CAPABILITY_DATA};
  double f;
  assert_int_equal(parley_forecast_issue(pos, 0, PARLEY_MODEL_COMPROMISE, &cap, &f), 0);
  assert_close(f, 14300.0 / 280, 1e-12);
  parley_positions_free(pos);
}

/* validate must list every problem, not stop at the first */
static void test_reports_every_problem(void **state) {
  (void)state;
  const char *yaml =
      "issues:\n"
      "  - id: a\n"
      "    options: [x, y]\n"
      "  - id: b\n"
      "    range: {min: 0, max: 1, step: -1}\n"
      "parties:\n"
      "  - id: p\n"
      "    weights: {a: -2, c: 1}\n"
      "    values: {a: [2, 0]}\n"
      "  - id: p\n"
      "    weights: {a: 1}\n"
      "    values: {a: [1, 0]}\n";
  int status;
  parley_diagnostics *d = test_load_bad(yaml, &status);
  assert_int_equal(status, PARLEY_ERR_INVALID);
  assert_int_equal(parley_diagnostics_count(d), 5);
  const int lines[] = {5, 8, 8, 9, 10}; /* in file order */
  for (size_t i = 0; i < 5; i++) assert_int_equal(parley_diagnostics_get(d, i)->line, lines[i]);
  parley_diagnostics_free(d);
}

/* Quoted text decodes exactly (libfyaml 0.7.12 gets runs of '' wrong on its own). */
static void test_quoted_text(void **state) {
  (void)state;
  parley_scenario *sc = test_load(
      "title: 'x''''''''''''y'\n"
      "issues:\n  - id: a\n    name: \"tab\\there \\u00e9\"\n    options: [{id: a1, name: 'it''s'}, \"b\"]\n"
      "parties:\n  - id: p\n    name: 'multi  \n      line\n\n      \n      para'''''''''''''''''' end'\n    weights: {a: 1}\n    values: {a: {'a1': 1, b: 0}}\n");
  assert_string_equal(parley_scenario_title(sc), "x''''''y");
  assert_string_equal(parley_issue_name(sc, 0), "tab\there \xc3\xa9");
  assert_string_equal(parley_option_name(sc, 0, 0), "it's");
  assert_string_equal(parley_option_id(sc, 0, 1), "b");
  assert_string_equal(parley_party_name(sc, 0), "multi line\n\npara''''''''' end");
  parley_scenario_free(sc);
}

static void test_depth_and_size_limits(void **state) {
  (void)state;
  char deep[400];
  size_t n = 0;
  for (int i = 0; i < 100; i++) deep[n++] = '[';
  for (int i = 0; i < 100; i++) deep[n++] = ']';
  deep[n] = '\0';
  int status;
  parley_diagnostics *d = test_load_bad(deep, &status);
  assert_int_equal(status, PARLEY_ERR_LIMIT);
  assert_non_null(strstr(parley_diagnostics_get(d, 0)->message, "nested too deeply"));
  parley_diagnostics_free(d);

  parley_read_limits lim = {.max_file_bytes = 16};
  parley_scenario *sc = NULL;
  parley_error err = {0};
  assert_int_equal(parley_scenario_read_string(small_yaml, strlen(small_yaml), "x", &lim, &sc, NULL, &err), PARLEY_ERR_LIMIT);
  assert_null(sc);
}

static void test_missing_file(void **state) {
  (void)state;
  parley_scenario *sc = NULL;
  parley_error err = {0};
  assert_int_equal(parley_scenario_read_file("/nonexistent/x.yaml", NULL, &sc, NULL, &err), PARLEY_ERR_IO);
  assert_string_equal(err.file, "/nonexistent/x.yaml");
  assert_non_null(strstr(err.message, "cannot open"));
  char buf[256];
  parley_error_format(&err, buf, sizeof buf);
  assert_string_equal(buf, "/nonexistent/x.yaml: error: cannot open: No such file or directory");
  /* a directory is not a file */
  assert_int_equal(parley_scenario_read_file("/", NULL, &sc, NULL, &err), PARLEY_ERR_IO);
}

/* Writes text to a fresh file and reads it as positions; the first error, or NULL. */
static parley_positions *positions_from(const char *text, size_t len, parley_error *err) {
  char path[] = "/tmp/parley-test-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  assert_non_null(f);
  fwrite(text, 1, len, f);
  fclose(f);
  parley_positions *pos = NULL;
  memset(err, 0, sizeof *err);
  parley_positions_read_file(path, NULL, &pos, NULL, err);
  remove(path);
  return pos;
}

/* CSV as spreadsheets write it, and the positions readers' messages. */
static void test_positions_csv(void **state) {
  (void)state;
  parley_error err;
  /* a byte-order mark, CRLF line ends, a quoted comma and a quoted line end */
  static const char ok[] = "\xef\xbb\xbf" "actor,capability,position,salience\r\n\"North, the\",3,10,50\r\n\"South\r\nregion\",2,20,50\r\n";
  parley_positions *pos = positions_from(ok, sizeof ok - 1, &err);
  assert_non_null(pos);
  assert_int_equal(parley_positions_actor_count(pos), 2);
  assert_string_equal(parley_positions_actor_id(pos, 0), "North, the");
  assert_string_equal(parley_positions_actor_id(pos, 1), "South\r\nregion");
  parley_positions_free(pos);
  static const struct {
    const char *text;
    int line, column;
    const char *message;
  } bad[] = {
      {"actor,capability,position,salience\na,1,10,50\na,2,20,50\n", 3, 1, "actor 'a' appears twice"},
      {"isnr,pcom,scom,pcom,scom,rp,out\nd1,10,50,20,50,0,30\n", 1, 6, "a second column 'pcom': actor 'com' appears twice"},
      {"name,description,-4,2\n", 1, 18, "the number of actors should be 2 to 100000, not '-4'"},
      {"actor,capability,position,salience\na,1e999,10,50\n", 2, 3, "the capability of 'a' is out of range"},
      {"actor,capability,position,salience\nab\xff,1,10,50\n", 2, 3, "the file is not valid UTF-8 text"},
      {"actor,capability,position,salience\na,1,\"10,50\n", 2, 5, "a quoted field is not closed"},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    pos = positions_from(bad[k].text, strlen(bad[k].text), &err);
    if (pos || err.line != bad[k].line || err.column != bad[k].column || !strstr(err.message, bad[k].message))
      fail_msg("case %zu: got %d:%d '%s', expected %d:%d '%s'", k, err.line, err.column, err.message, bad[k].line,
               bad[k].column, bad[k].message);
  }
}

/* The mediation section as the getters give it, and through a YAML round trip. */
static void test_mediation_section(void **state) {
  (void)state;
  static const char yaml[] = TWO_PARTIES
      "  - id: r\n    weights: {x: 1}\n    values: {x: [1, 1]}\n"
      "mediation:\n  mediators:\n    - q\n    - {id: t, name: Turkey}\n  mediator: t\n  drafts_with: [p]\n"
      "  channels:\n    - [t, q]\n    - [q, p]\n";
  for (int round = 0; round < 2; round++) {
    parley_scenario *sc = NULL;
    parley_error err = {0};
    static char *text;
    if (round == 0) {
      if (parley_scenario_read_string(yaml, sizeof yaml - 1, "m.yaml", NULL, &sc, NULL, &err)) fail_msg("%s", err.message);
    } else if (parley_scenario_read_string(text, strlen(text), "again.yaml", NULL, &sc, NULL, &err)) {
      fail_msg("%s\n%s", err.message, text);
    }
    assert_int_equal(parley_mediator_count(sc), 2);
    assert_string_equal(parley_mediator_id(sc, 0), "q");
    assert_int_equal(parley_mediator_party(sc, 0), 1);
    assert_int_equal(parley_mediator_party(sc, 1), PARLEY_NONE);
    assert_string_equal(parley_mediator_name(sc, 1), "Turkey");
    assert_int_equal(parley_mediator_drafting(sc), 1);
    assert_int_equal(parley_mediator_actor(sc, 1), 3);
    assert_int_equal(parley_actor_count(sc), 4);
    assert_string_equal(parley_actor_id(sc, 3), "t");
    assert_int_equal(parley_drafts_with(sc, 0), 1);
    assert_int_equal(parley_drafts_with(sc, 1), 0);
    assert_int_equal(parley_channel_count(sc), 2);
    size_t a, b;
    assert_int_equal(parley_channel_get(sc, 1, &a, &b), 0);
    assert_int_equal(a, 1);
    assert_int_equal(b, 0);
    assert_int_equal(parley_channel_distance(sc, 3, 0), 2); /* t - q - p */
    assert_int_equal(parley_channel_distance(sc, 3, 1), 1);
    assert_int_equal(parley_channel_distance(sc, 3, 3), 0);
    assert_int_equal(parley_channel_distance(sc, 3, 2), PARLEY_NONE); /* r: no channel */
    if (round == 0) {
      size_t len;
      if (parley_scenario_write_yaml(sc, &text, &len, &err)) fail_msg("%s", err.message);
    } else {
      parley_string_free(text);
    }
    /* a copy keeps it */
    parley_scenario *copy = NULL;
    assert_int_equal(parley_scenario_copy(sc, &copy, &err), 0);
    assert_int_equal(parley_channel_distance(copy, 3, 0), 2);
    assert_int_equal(parley_drafts_with(copy, 2), 0);
    parley_scenario_free(copy);
    parley_scenario_free(sc);
  }
  /* no section: every party drafts, everyone talks */
  parley_scenario *sc = NULL;
  parley_error err = {0};
  static const char plain[] = TWO_PARTIES;
  assert_int_equal(parley_scenario_read_string(plain, sizeof plain - 1, "p.yaml", NULL, &sc, NULL, &err), 0);
  assert_int_equal(parley_mediator_count(sc), 0);
  assert_int_equal(parley_mediator_drafting(sc), PARLEY_NONE);
  assert_int_equal(parley_drafts_with(sc, 1), 1);
  assert_int_equal(parley_actor_count(sc), 2);
  assert_int_equal(parley_channel_distance(sc, 0, 1), 1);
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_small_scenario),     cmocka_unit_test(test_json_equals_yaml),
      cmocka_unit_test(test_example_by_hand),    cmocka_unit_test(test_bad_inputs),
      cmocka_unit_test(test_reports_every_problem), cmocka_unit_test(test_depth_and_size_limits), cmocka_unit_test(test_quoted_text),
      cmocka_unit_test(test_missing_file),       cmocka_unit_test(test_positions_section),
      cmocka_unit_test(test_positions_csv),      cmocka_unit_test(test_mediation_section),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
