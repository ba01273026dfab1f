/* report_json.c — the analysis as a JSON document; schema in docs/schema/analysis.schema.json. */
#include <stdio.h>
#include <stdlib.h>

#include "io/report_common.h"
#include "util/error.h"

static void package_obj(pl_buf *b, const parley_scenario *sc, const uint32_t *pkg) {
  pl_buf_putc(b, '{');
  for (uint32_t i = 0; i < sc->n_issues; i++) {
    if (i) pl_buf_putc(b, ',');
    pl_buf_json_string(b, sc->issues[i].id);
    pl_buf_putc(b, ':');
    pl_buf_json_string(b, sc->issues[i].options[pkg[i]].id);
  }
  pl_buf_putc(b, '}');
}

static void utilities_obj(pl_buf *b, const parley_scenario *sc, const pl_fx *u) {
  pl_buf_putc(b, '{');
  for (uint32_t p = 0; p < sc->n_parties; p++) {
    if (p) pl_buf_putc(b, ',');
    pl_buf_json_string(b, sc->parties[p].id);
    pl_buf_putc(b, ':');
    pl_buf_json_number(b, pl_fx_to(u[p]));
  }
  pl_buf_putc(b, '}');
}

/* {"outcome_index":…, "package":{…}, "utilities":{…}} for frontier point i */
static void frontier_point(pl_buf *b, const parley_analysis *an, size_t i) {
  const parley_scenario *sc = an->sc;
  pl_buf_printf(b, "{\"frontier_index\":%zu,\"outcome_index\":", i);
  if (an->frontier.idx[i] == UINT64_MAX) pl_buf_puts(b, "null");
  else pl_buf_printf(b, "%llu", (unsigned long long)an->frontier.idx[i]);
  pl_buf_puts(b, ",\"package\":");
  package_obj(b, sc, an->fpkg + i * sc->n_issues);
  pl_buf_puts(b, ",\"utilities\":");
  utilities_obj(b, sc, an->frontier.u + i * sc->n_parties);
  pl_buf_putc(b, '}');
}

int parley_report_json(const parley_analysis *an, const parley_report_options *options,
                       char **text_out, size_t *len_out, parley_error *err) {
  (void)options;
  if (!an || !text_out) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const parley_scenario *sc = an->sc;
  const pl_compiled *c = &sc->compiled;
  const uint32_t P = sc->n_parties, N = sc->n_issues;
  pl_buf b = {0};

  pl_buf_puts(&b, "{\n\"parley_version\":");
  pl_buf_json_string(&b, PARLEY_VERSION_STRING);
  pl_buf_puts(&b, ",\n\"source\":");
  pl_buf_json_string(&b, sc->source);
  pl_buf_puts(&b, ",\n\"title\":");
  pl_buf_json_string(&b, sc->title);

  pl_buf_puts(&b, ",\n\"issues\":[");
  for (uint32_t i = 0; i < N; i++) {
    const pl_issue *is = &sc->issues[i];
    pl_buf_puts(&b, i ? ",\n  {\"id\":" : "\n  {\"id\":");
    pl_buf_json_string(&b, is->id);
    pl_buf_puts(&b, ",\"name\":");
    pl_buf_json_string(&b, is->name);
    pl_buf_printf(&b, ",\"numeric\":%s,\"options\":[", is->numeric ? "true" : "false");
    for (uint32_t o = 0; o < is->n_options; o++) {
      if (o) pl_buf_putc(&b, ',');
      pl_buf_json_string(&b, is->options[o].id);
    }
    pl_buf_puts(&b, "]}");
  }
  pl_buf_puts(&b, "],\n\"parties\":[");
  for (uint32_t p = 0; p < P; p++) {
    const pl_party *pa = &sc->parties[p];
    const pl_party_range *r = &an->range[p];
    pl_buf_puts(&b, p ? ",\n  {\"id\":" : "\n  {\"id\":");
    pl_buf_json_string(&b, pa->id);
    pl_buf_puts(&b, ",\"name\":");
    pl_buf_json_string(&b, pa->name);
    pl_buf_puts(&b, ",\"power\":");
    pl_buf_json_number(&b, pa->power);
    pl_buf_puts(&b, ",\"reservation\":");
    pl_buf_json_number(&b, pa->reservation);
    pl_buf_puts(&b, ",\"discount\":");
    pl_buf_json_number(&b, pa->discount);
    pl_buf_puts(&b, ",\"mean_utility\":");
    pl_buf_json_number(&b, an->mean[p]);
    if (r->any) {
      pl_buf_puts(&b, ",\"utility_min\":");
      pl_buf_json_number(&b, r->min_known ? pl_fx_to(r->min) : NAN);
      pl_buf_puts(&b, ",\"utility_max\":");
      pl_buf_json_number(&b, pl_fx_to(r->max));
      pl_buf_puts(&b, ",\"ideal\":");
      package_obj(&b, sc, an->ideal_pkg + (size_t)p * N);
    } else {
      pl_buf_puts(&b, ",\"utility_min\":null,\"utility_max\":null,\"ideal\":null");
    }
    pl_buf_putc(&b, '}');
  }
  char digits[1200];
  parley_outcome_count_text(sc, digits, sizeof digits);
  pl_buf_printf(&b, "],\n\"method\":\"%s\",\n\"search_nodes\":%llu", parley_method_name(an->method),
                (unsigned long long)an->nodes);
  pl_buf_printf(&b, ",\n\"outcome_count\":%s,\n\"mean_utility\":", digits);
  pl_buf_json_number(&b, an->mean_all);
  pl_buf_puts(&b, ",\n\"opposition\":");
  pl_buf_json_number(&b, an->opposition);
  pl_buf_puts(&b, ",\n\"feasible_count\":");
  if (!an->feasible_known) pl_buf_puts(&b, "null");
  else if (an->method != PARLEY_METHOD_ENUMERATE && an->n_feasible == an->n_outcomes) pl_buf_puts(&b, digits);
  else pl_buf_printf(&b, "%llu", (unsigned long long)an->n_feasible);
  pl_buf_puts(&b, ",\n\"blocking_group\":");
  if (an->blocking_known) {
    pl_buf_putc(&b, '[');
    int first = 1;
    for (uint32_t p = 0; p < P; p++)
      if (an->blocking_mask >> p & 1) {
        if (!first) pl_buf_putc(&b, ',');
        pl_buf_json_string(&b, sc->parties[p].id);
        first = 0;
      }
    pl_buf_putc(&b, ']');
  } else {
    pl_buf_puts(&b, "null");
  }

  pl_buf_puts(&b, ",\n\"frontier\":[");
  for (size_t i = 0; i < an->frontier.n; i++) {
    pl_buf_puts(&b, i ? ",\n  " : "\n  ");
    frontier_point(&b, an, i);
  }
  pl_buf_puts(&b, "],\n\"solutions\":{");
  for (int s = 0; s < PARLEY_SOLUTION_COUNT; s++) {
    pl_buf_puts(&b, s ? ",\n  " : "\n  ");
    pl_buf_json_string(&b, parley_solution_name((parley_solution)s));
    pl_buf_putc(&b, ':');
    if (an->solution[s] < 0) pl_buf_puts(&b, "null");
    else frontier_point(&b, an, (size_t)an->solution[s]);
  }

  pl_buf_puts(&b, "},\n\"frameworks\":[");
  for (uint32_t k = 0; k < sc->n_frameworks; k++) {
    const pl_framework *fw = &sc->frameworks[k];
    const pl_fw_result *r = &an->fw[k];
    pl_buf_puts(&b, k ? ",\n  {\"id\":" : "\n  {\"id\":");
    pl_buf_json_string(&b, fw->id);
    pl_buf_puts(&b, ",\"name\":");
    pl_buf_json_string(&b, fw->name);
    pl_buf_puts(&b, ",\"package\":");
    package_obj(&b, sc, fw->package);
    pl_buf_printf(&b, ",\"feasible\":%s,\"on_frontier\":%s,\"parties\":[",
                  r->feasible ? "true" : "false", r->on_frontier ? "true" : "false");
    for (uint32_t p = 0; p < P; p++) {
      const pl_party *pa = &sc->parties[p];
      pl_buf_puts(&b, p ? ",\n    {\"id\":" : "\n    {\"id\":");
      pl_buf_json_string(&b, pa->id);
      pl_buf_puts(&b, ",\"utility\":");
      pl_buf_json_number(&b, pl_fx_to(r->u[p]));
      pl_buf_puts(&b, ",\"reservation\":");
      pl_buf_json_number(&b, pa->reservation);
      int below = r->u[p] < c->reservation[p];
      pl_buf_printf(&b, ",\"accepts\":%s,\"shortfall\":", !below && !r->crossed[p] ? "true" : "false");
      pl_buf_json_number(&b, below ? pl_fx_to(c->reservation[p] - r->u[p]) : 0.0);
      pl_buf_puts(&b, ",\"red_lines_crossed\":[");
      int first = 1;
      for (uint32_t q = 0; q < pa->n_red_lines; q++) {
        if (!pl_rule_holds(&pa->red_lines[q], fw->package)) continue;
        pl_buf_printf(&b, "%s{\"index\":%u,\"note\":", first ? "" : ",", q);
        pl_buf_json_string(&b, pa->red_lines[q].note);
        pl_buf_putc(&b, '}');
        first = 0;
      }
      pl_buf_puts(&b, "]}");
    }
    pl_buf_puts(&b, "],\n   \"dominated_by\":[");
    for (size_t j = 0; j < r->n_dominators; j++) {
      size_t fi = r->dominators[j];
      pl_buf_puts(&b, j ? ",\n    {\"total_gain\":" : "\n    {\"total_gain\":");
      pl_buf_json_number(&b, pl_fx_to(pl_utilitarian_value(an->frontier.u + fi * P, P) -
                                       pl_utilitarian_value(r->u, P)));
      pl_buf_puts(&b, ",\"point\":");
      frontier_point(&b, an, fi);
      pl_buf_putc(&b, '}');
    }
    pl_buf_puts(&b, "]}");
  }

  pl_buf_puts(&b, "],\n\"concessions\":");
  if (an->solution[PARLEY_NASH] < 0) {
    pl_buf_puts(&b, "null");
  } else {
    pl_buf_puts(&b, "{\"solution\":\"nash\",\"parties\":[");
    int firstp = 1;
    for (uint32_t p = 0; p < P; p++) {
      if (!an->range[p].any) continue;
      pl_buf_puts(&b, firstp ? "\n  {\"id\":" : ",\n  {\"id\":");
      firstp = 0;
      pl_buf_json_string(&b, sc->parties[p].id);
      pl_buf_puts(&b, ",\"total\":");
      pl_buf_json_number(&b, pl_fx_to(an->concession_total[p]));
      pl_buf_puts(&b, ",\"issues\":[");
      pl_fx rest = an->concession_total[p];
      for (size_t j = 0; j < an->n_concessions[p]; j++) {
        const pl_concession *cn = &an->concessions[p][j];
        const pl_issue *is = &sc->issues[cn->issue];
        pl_buf_puts(&b, j ? ",{\"issue\":" : "{\"issue\":");
        pl_buf_json_string(&b, is->id);
        pl_buf_puts(&b, ",\"ideal\":");
        pl_buf_json_string(&b, is->options[cn->ideal_option].id);
        pl_buf_puts(&b, ",\"nash\":");
        pl_buf_json_string(&b, is->options[cn->nash_option].id);
        pl_buf_puts(&b, ",\"cost\":");
        pl_buf_json_number(&b, pl_fx_to(cn->cost));
        pl_buf_putc(&b, '}');
        rest -= cn->cost;
      }
      pl_buf_puts(&b, "],\"interactions\":");
      pl_buf_json_number(&b, pl_fx_to(rest));
      pl_buf_putc(&b, '}');
    }
    pl_buf_puts(&b, "]}");
  }
  pl_buf_puts(&b, "\n}\n");
  return pl_report_finish(&b, text_out, len_out, err);
}
