/* test_html.c — the HTML report: marks drawn where the axes say (a framework at utility
 * (0.64, 0.67), every solution and framework of random scenarios), the same bytes for the same
 * input, escaped text, the sample beyond 20,000 packages, and refusals that leave the report as
 * it was. */
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
#include "util/utf8.h"

static void ok(int rc, const parley_error *e) {
  if (rc) fail_msg("%s", e->message);
}

static const char two[] = "title: Two <&> parties\n"
                          "issues:\n"
                          "  - {id: deal, options: [a, b, c]}\n"
                          "  - {id: side, options: [x, y]}\n"
                          "parties:\n"
                          "  - id: first\n"
                          "    name: First <b>\n"
                          "    reservation: 0.3\n"
                          "    weights: {deal: 1, side: 0}\n"
                          "    values: {deal: [1, 0.64, 0], side: [1, 0]}\n"
                          "  - id: second\n"
                          "    reservation: 0.2\n"
                          "    weights: {deal: 1, side: 0}\n"
                          "    values: {deal: [0, 0.67, 1], side: [0, 1]}\n"
                          "frameworks:\n"
                          "  - {id: draft, package: {deal: b, side: x}}\n";

static char *report_of(const parley_scenario *sc, size_t a, size_t b) {
  parley_analysis *an = NULL;
  parley_html *h = parley_html_new("test");
  parley_error e = {0};
  char *text = NULL;
  assert_non_null(h);
  ok(parley_analyze(sc, NULL, &an, &e), &e);
  ok(parley_html_add_analysis(h, an, a, b, &e), &e);
  ok(parley_html_render(h, &text, NULL, &e), &e);
  parley_html_free(h);
  parley_analysis_free(an);
  return text;
}

/* The value of attribute name in the tag starting at p (NAN when absent). */
static double attr(const char *p, const char *name) {
  const char *end = strchr(p, '>');
  char key[64];
  snprintf(key, sizeof key, " %s=\"", name);
  const char *k = strstr(p, key);
  return k && k < end ? strtod(k + strlen(key), NULL) : NAN;
}

/* In the chart that starts at svg, the pixel of value v on an axis, from its ticks: the linear
 * map through the first and last tick (S1 of svg.h). */
static double axis_pixel(const char *svg, char axis, double v) {
  const char *end = strstr(svg, "</svg>");
  double v0 = NAN, p0 = NAN, v1 = NAN, p1 = NAN;
  char key[32];
  snprintf(key, sizeof key, "data-tick=\"%c:", axis);
  for (const char *t = strstr(svg, key); t && t < end; t = strstr(t + 1, key)) {
    const char *tag = t;
    while (*tag != '<') tag--;
    const double val = strtod(t + strlen(key), NULL), pix = attr(tag, axis == 'x' ? "x1" : "y1");
    if (isnan(v0)) v0 = val, p0 = pix;
    v1 = val, p1 = pix;
  }
  assert_false(isnan(v0) || v0 == v1);
  return p0 + (v - v0) / (v1 - v0) * (p1 - p0);
}

/* Every mark of every chart with axes lies where the axes put its values, and its shape is
 * drawn there, inside the picture; no number that is not one is written; returns how many marks
 * were checked. */
static int check_marks(const char *html) {
  int n = 0;
  assert_null(strstr(html, "\"nan"));
  assert_null(strstr(html, "Mnan"));
  assert_null(strstr(html, "\"inf"));
  assert_null(strstr(html, "\"-nan"));
  assert_int_equal(pl_utf8_invalid_at((const unsigned char *)html, strlen(html)), strlen(html));
  for (const char *svg = strstr(html, "<svg"); svg; svg = strstr(svg + 1, "<svg")) {
    const double W = attr(svg, "width"), H = attr(svg, "height");
    const char *end = strstr(svg, "</svg>"), *yt = strstr(svg, "data-tick=\"y:");
    const int categories = !yt || yt > end; /* no y ticks: categories, checked on x only */
    for (const char *m = strstr(svg, "<g class=\"mark\""); m && m < end; m = strstr(m + 1, "<g class=\"mark\"")) {
      const double x = attr(m, "data-x"), y = attr(m, "data-y"), px = attr(m, "data-px"), py = attr(m, "data-py");
      assert_close(px, axis_pixel(svg, 'x', x), 0.011);
      if (!categories) assert_close(py, axis_pixel(svg, 'y', y), 0.011);
      if (!(px >= 0 && px <= W && py >= 0 && py <= H)) fail_msg("a mark at (%g, %g) outside a %g x %g picture", px, py, W, H);
      const char *shape = strchr(m, '>') + 1;
      if (!strncmp(shape, "<circle", 7)) {
        assert_close(attr(shape, "cx"), px, 0.011), assert_close(attr(shape, "cy"), py, 0.011);
      } else if (!strncmp(shape, "<rect", 5)) {
        assert_close(attr(shape, "x") + attr(shape, "width") / 2, px, 0.011);
        assert_close(attr(shape, "y") + attr(shape, "height") / 2, py, 0.011);
      } else { /* a path starts at the top of a diamond or triangle, at the corner of a cross */
        const char *d = strstr(shape, " d=\"M") + 5;
        char *rest;
        const double dx = strtod(d, &rest), dy = strtod(rest, NULL);
        assert_true(fabs(dx - px) <= 5.011 && fabs(dy - py) <= 6.511);
      }
      n++;
    }
    for (const char *m = strstr(svg, "<g class=\"bar\""); m && m < end; m = strstr(m + 1, "<g class=\"bar\"")) {
      const double a = axis_pixel(svg, 'x', attr(m, "data-x0")), z = axis_pixel(svg, 'x', attr(m, "data-x1"));
      const char *rect = strstr(m, "<rect");
      assert_close(attr(rect, "x"), fmin(a, z), 0.011);
      assert_close(attr(rect, "width"), fabs(z - a), 0.011);
      if (!(fmin(a, z) >= 0 && fmax(a, z) <= W)) fail_msg("a bar from %g to %g outside a picture %g wide", a, z, W);
      n++;
    }
  }
  return n;
}

static void test_point_where_axes_say(void **state) {
  (void)state;
  parley_scenario *sc = test_load(two);
  char *html = report_of(sc, PARLEY_NONE, PARLEY_NONE);
  /* the framework: first 0.64, second 0.67 */
  const char *m = strstr(html, "data-x=\"0.640000\" data-y=\"0.670000\"");
  assert_non_null(m);
  while (*m != '<') m--;
  const char *svg = m;
  while (strncmp(svg, "<svg", 4)) svg--;
  assert_close(attr(m, "data-px"), axis_pixel(svg, 'x', 0.64), 0.011);
  assert_close(attr(m, "data-py"), axis_pixel(svg, 'y', 0.67), 0.011);
  assert_non_null(strstr(m, ">draft</text>")); /* labelled */
  assert_true(check_marks(html) >= 2);
  /* escaped: the title and a party's name */
  assert_non_null(strstr(html, "Two &lt;&amp;&gt; parties"));
  assert_non_null(strstr(html, "First &lt;b&gt;"));
  assert_null(strstr(html, "<b>"));
  /* nothing fetched: no source, no link, no address but the SVG namespace */
  assert_null(strstr(html, "src="));
  assert_null(strstr(html, "https://"));
  for (const char *u = strstr(html, "http://"); u; u = strstr(u + 1, "http://"))
    assert_true(!strncmp(u, "http://www.w3.org/2000/svg", 26));
  assert_null(strstr(html, "<link"));
  parley_string_free(html);
  parley_scenario_free(sc);
}

/* On random scenarios: every mark where its axes say, the same bytes twice, and the pair asked
 * for is the pair drawn. */
static void test_random_reports(void **state) {
  (void)state;
  test_rng rng = {31};
  test_gen_options go = {2, 4, 1, 5, 5, 0};
  int marks = 0;
  for (int trial = 0; trial < 60; trial++) {
    char *yaml = test_random_scenario(&rng, &go);
    parley_scenario *sc = test_load(yaml);
    free(yaml);
    const size_t P = parley_party_count(sc), a = P - 1, b = 0;
    char *one = report_of(sc, a, b), *again = report_of(sc, a, b);
    assert_string_equal(one, again);
    char want[300];
    snprintf(want, sizeof want, "utilities of %s and %s", parley_party_name(sc, a), parley_party_name(sc, b));
    assert_non_null(strstr(one, want));
    marks += check_marks(one);
    parley_string_free(one), parley_string_free(again);
    parley_scenario_free(sc);
  }
  assert_true(marks > 100);
}

/* Beyond 20,000 packages the plane draws a sample of 20,000, and says so. */
static void test_sample(void **state) {
  (void)state;
  char yaml[4096];
  size_t n = (size_t)snprintf(yaml, sizeof yaml, "issues:\n");
  for (int i = 0; i < 6; i++) n += (size_t)snprintf(yaml + n, sizeof yaml - n, "  - {id: i%d, options: [a, b, c, d, e, f]}\n", i);
  n += (size_t)snprintf(yaml + n, sizeof yaml - n, "parties:\n");
  for (int p = 0; p < 2; p++) {
    n += (size_t)snprintf(yaml + n, sizeof yaml - n, "  - id: p%d\n    weights: {i0: 1, i1: 2, i2: 3, i3: 4, i4: 5, i5: 6}\n    values: {", p);
    for (int i = 0; i < 6; i++)
      n += (size_t)snprintf(yaml + n, sizeof yaml - n, "%si%d: %s", i ? ", " : "", i, p ? "[0, 0.2, 0.4, 0.6, 0.8, 1]" : "[1, 0.8, 0.6, 0.4, 0.2, 0]");
    n += (size_t)snprintf(yaml + n, sizeof yaml - n, "}\n");
  }
  parley_scenario *sc = test_load(yaml);
  char *html = report_of(sc, PARLEY_NONE, PARLEY_NONE);
  assert_non_null(strstr(html, "a uniform sample of 20000 of the 46,656 packages"));
  /* the dots: 20,000 in the two clouds, plus the one outside the view each path starts with */
  size_t dots = 0;
  const char *p = html;
  for (int k = 0; k < 2; k++) {
    p = strstr(p, "<path class=\"dots\"");
    assert_non_null(p);
    const char *end = strstr(p, "\">");
    for (const char *q = p; q < end; q++) dots += *q == 'M';
    p = end;
  }
  assert_int_equal(dots, 20000 + 2);
  parley_string_free(html);
  parley_scenario_free(sc);
}

/* Refusals leave the report as it was. */
static void test_refusals(void **state) {
  (void)state;
  parley_scenario *sc = test_load(two);
  parley_analysis *an = NULL;
  parley_error e = {0};
  parley_html *h = parley_html_new(NULL);
  ok(parley_analyze(sc, NULL, &an, &e), &e);
  assert_int_equal(parley_html_add_analysis(h, an, 0, 0, &e), PARLEY_ERR_ARG);
  assert_int_equal(parley_html_add_analysis(h, an, 0, 7, &e), PARLEY_ERR_ARG);
  assert_int_equal(parley_html_add_analysis(NULL, an, 0, 1, &e), PARLEY_ERR_ARG);
  assert_int_equal(parley_html_section_count(h), 0);
  ok(parley_html_add_analysis(h, an, 1, 0, &e), &e);
  assert_int_equal(parley_html_section_count(h), 2); /* the deal space and the draft */
  char *text = NULL;
  ok(parley_html_render(h, &text, NULL, &e), &e);
  assert_non_null(strstr(text, "<title>parley report</title>"));
  assert_non_null(strstr(text, "id=\"space-1\"") && strstr(text, "id=\"draft-1\""));
  parley_string_free(text);
  parley_html_free(h);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

/* A negotiation and a tournament give their sections, with the agreement marked where the axes
 * say. */
static void test_negotiation(void **state) {
  (void)state;
  parley_scenario *sc = test_load(two);
  parley_analysis *an = NULL;
  parley_session *s = NULL;
  parley_error e = {0};
  parley_negotiate_options o;
  parley_negotiate_defaults(&o);
  o.trace = 1;
  ok(parley_analyze(sc, NULL, &an, &e), &e);
  ok(parley_negotiate(sc, &o, &s, &e), &e);
  parley_html *h = parley_html_new("n");
  ok(parley_html_add_session(h, s, an, PARLEY_NONE, PARLEY_NONE, &e), &e);
  parley_tournament_summary *m = parley_tournament_summary_new(1);
  const size_t who[2] = {0, 0};
  parley_tournament_summary_add(m, s, who);
  const parley_agent_spec ag = {.strategy = PARLEY_STRATEGY_BOULWARE, .e = 1};
  ok(parley_html_add_tournament(h, m, &ag, 1, 1, &e), &e);
  char *text = NULL;
  ok(parley_html_render(h, &text, NULL, &e), &e);
  assert_non_null(strstr(text, "id=\"negotiation-1-time\"") && strstr(text, "id=\"negotiation-1-path\""));
  assert_non_null(strstr(text, "id=\"tournament-1-scores\""));
  if (parley_session_agreement(s)) assert_non_null(strstr(text, ">agreement</text>"));
  assert_true(check_marks(text) >= 1);
  parley_string_free(text);
  parley_tournament_summary_free(m);
  parley_html_free(h);
  parley_session_free(s);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

static int count(const char *s, const char *what) {
  int n = 0;
  for (const char *p = strstr(s, what); p; p = strstr(p + 1, what)) n++;
  return n;
}

/* Every section on the bundled case and the small forecasting inputs: marks where the axes say,
 * every chart with its title and its table, the same bytes twice. */
static char *every_section(void) {
  parley_scenario *sc = NULL;
  parley_error e = {0};
  ok(parley_scenario_read_file(PARLEY_EXAMPLES "/ukraine-framework.yaml", NULL, &sc, NULL, &e), &e);
  parley_html *h = parley_html_new("every section");
  parley_analysis *an = NULL;
  ok(parley_analyze(sc, NULL, &an, &e), &e);
  ok(parley_html_add_analysis(h, an, PARLEY_NONE, PARLEY_NONE, &e), &e);
  parley_mediate_options mo;
  parley_mediate_defaults(&mo);
  parley_mediation_result *r = NULL;
  ok(parley_mediate(sc, &mo, &r, &e), &e);
  ok(parley_html_add_mediation(h, r, an, PARLEY_NONE, PARLEY_NONE, &e), &e);
  parley_mediation_comparison *cm = NULL;
  ok(parley_mediate_compare(sc, &mo, &cm, &e), &e);
  ok(parley_html_add_mediation_comparison(h, cm, &e), &e);
  parley_accept_options uo;
  parley_accept_defaults(&uo);
  uo.samples = 2000;
  parley_acceptance_estimate *est = NULL;
  ok(parley_accept(sc, parley_framework_package(sc, 0), &uo, &est, &e), &e);
  ok(parley_html_add_acceptance(h, est, "the draft", &e), &e);
  parley_robustness *rb = NULL;
  ok(parley_accept_robust(sc, &uo, 5, 0, &rb, &e), &e);
  ok(parley_html_add_robustness(h, rb, &e), &e);
  parley_timeline *tl = NULL;
  ok(parley_timeline_run(sc, 4, NULL, &tl, &e), &e);
  ok(parley_html_add_timeline(h, tl, &e), &e);
  parley_negotiate_options no;
  parley_negotiate_defaults(&no);
  no.trace = 1;
  parley_session *ss = NULL;
  ok(parley_negotiate(sc, &no, &ss, &e), &e);
  ok(parley_html_add_session(h, ss, an, PARLEY_NONE, PARLEY_NONE, &e), &e);
  const char *inputs[2] = {PARLEY_TEST_DATA "/deu/small.csv", PARLEY_TEST_DATA "/ktab/small.csv"};
  const parley_forecast_kind kinds[4] = {PARLEY_FORECAST_TABLE, PARLEY_FORECAST_EU, PARLEY_FORECAST_SMP, PARLEY_FORECAST_EXCHANGE};
  for (int k = 0; k < 4; k++) {
    parley_positions *pos = NULL;
    parley_forecast *fc = NULL;
    ok(parley_positions_read_file(inputs[k == 2], NULL, &pos, NULL, &e), &e);
    parley_forecast_options fo;
    parley_forecast_defaults(&fo);
    fo.kind = kinds[k];
    fo.threads = 1;
    ok(parley_forecast_run(pos, &fo, &fc, &e), &e);
    ok(parley_html_add_forecast(h, fc, &e), &e);
    if (k == 0) {
      parley_backtest_options bo;
      parley_backtest_defaults(&bo);
      bo.resamples = 100, bo.threads = 1, bo.min_actors = 2;
      parley_backtest *bt = NULL;
      ok(parley_backtest_run(pos, &bo, &bt, &e), &e);
      ok(parley_html_add_backtest(h, bt, &e), &e);
      parley_backtest_free(bt);
    }
    parley_forecast_free(fc);
    parley_positions_free(pos);
  }
  char *text = NULL;
  ok(parley_html_render(h, &text, NULL, &e), &e);
  assert_int_equal(parley_html_section_count(h), 13);
  parley_session_free(ss);
  parley_timeline_free(tl);
  parley_robustness_free(rb);
  parley_acceptance_estimate_free(est);
  parley_mediation_comparison_free(cm);
  parley_mediation_result_free(r);
  parley_analysis_free(an);
  parley_html_free(h);
  parley_scenario_free(sc);
  return text;
}

static void test_every_section(void **state) {
  (void)state;
  char *one = every_section(), *again = every_section();
  assert_string_equal(one, again);
  const int figures = count(one, "<figure class=\"chart\""), tables = count(one, "<details class=\"numbers\">");
  assert_true(figures >= 20);
  assert_int_equal(figures, tables);
  assert_int_equal(figures, count(one, "<svg "));
  assert_int_equal(figures, count(one, "<figcaption>"));
  const int marks = check_marks(one);
  if (marks < 30) fail_msg("only %d marks checked", marks);
  /* every id once */
  for (const char *p = strstr(one, " id=\""); p; p = strstr(p + 1, " id=\"")) {
    char id[80];
    const char *q = p + 5, *end = strchr(q, '"');
    snprintf(id, sizeof id, " id=\"%.*s\"", (int)(end - q), q);
    assert_int_equal(count(one, id), 1);
  }
  parley_string_free(one), parley_string_free(again);
}

/* Utilities beyond [0, 1] (bonuses), long names in several scripts, control characters, and a
 * tournament agent that never played: every mark inside its picture, valid UTF-8, no NaN. */
static void test_awkward_inputs(void **state) {
  (void)state;
  char yaml[8192];
  char name[1200] = "";
  for (int k = 0; k < 200; k++) strcat(name, k % 3 ? "\xc3\xbc" : "\xe6\x97\xa5"); /* u-umlaut, a CJK sign */
  snprintf(yaml, sizeof yaml,
           "title: \"Awkward \\u0001 %s\"\n"
           "issues:\n  - {id: a, options: [x, y, z]}\n  - {id: b, options: [u, v]}\n"
           "parties:\n"
           "  - id: p\n    name: \"%s\"\n    weights: {a: 1, b: 1}\n    values: {a: [1, 0.5, 0], b: [0, 1]}\n"
           "    interactions: [{when: {a: x, b: v}, bonus: 0.9}]\n"
           "    red_lines: [{when: {a: z}, note: \"%s\"}]\n"
           "  - id: q\n    weights: {a: 1, b: 1}\n    values: {a: [0, 0.5, 1], b: [1, 0]}\n    reservation: 0.1\n"
           "  - id: r\n    weights: {a: 1}\n    values: {a: [0.2, 1, 0.4]}\n"
           "frameworks:\n  - {id: f, name: \"%s\", package: {a: z, b: v}}\n",
           name, name, name, name);
  parley_scenario *sc = test_load(yaml);
  char *html = report_of(sc, PARLEY_NONE, PARLEY_NONE);
  assert_true(check_marks(html) >= 3);
  parley_string_free(html);
  /* a negotiation reaching utilities above 1, and a tournament where one agent never played */
  parley_analysis *an = NULL;
  parley_session *s = NULL;
  parley_error e = {0};
  parley_negotiate_options o;
  parley_negotiate_defaults(&o);
  o.trace = 1;
  ok(parley_analyze(sc, NULL, &an, &e), &e);
  ok(parley_negotiate(sc, &o, &s, &e), &e);
  parley_html *h = parley_html_new(name);
  ok(parley_html_add_session(h, s, an, PARLEY_NONE, PARLEY_NONE, &e), &e);
  parley_tournament_summary *m = parley_tournament_summary_new(3);
  const size_t who[3] = {1, 1, 1};
  parley_tournament_summary_add(m, s, who); /* agent 1 played one session; 0 and 2 none */
  const parley_agent_spec ag[3] = {{.strategy = PARLEY_STRATEGY_BOULWARE}, {.strategy = PARLEY_STRATEGY_CONCEDER},
                                   {.strategy = PARLEY_STRATEGY_LINEAR}};
  ok(parley_html_add_tournament(h, m, ag, 3, 1, &e), &e);
  char *text = NULL;
  ok(parley_html_render(h, &text, NULL, &e), &e);
  check_marks(text);
  const char *conceder = strstr(text, ">conceder</text>"), *boulware = strstr(text, ">boulware</text>");
  assert_true(conceder && boulware && conceder < boulware); /* the agent that played comes first */
  parley_string_free(text);
  parley_tournament_summary_free(m);
  parley_html_free(h);
  parley_session_free(s);
  parley_analysis_free(an);
  parley_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_point_where_axes_say), cmocka_unit_test(test_random_reports), cmocka_unit_test(test_sample),
      cmocka_unit_test(test_refusals),             cmocka_unit_test(test_negotiation),
      cmocka_unit_test(test_every_section),        cmocka_unit_test(test_awkward_inputs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
