/* html.c — what the commands that write an HTML report share: the pair of parties to draw, an
 * analysis for the frontier when one can be had, and writing the page. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_parse_pair(const char *cmd, const parley_scenario *sc, const char *s, size_t *pair) {
  const char *comma = strchr(s, ',');
  char a[256];
  if (!comma || strchr(comma + 1, ',') || (size_t)(comma - s) >= sizeof a) {
    fprintf(stderr, "parley %s: --pair names two parties, A,B (ids, or numbers from 1), not '%s'\n", cmd, s);
    return -1;
  }
  memcpy(a, s, (size_t)(comma - s));
  a[comma - s] = '\0';
  const char *name[2] = {a, comma + 1};
  for (int k = 0; k < 2; k++)
    if ((pair[k] = parley_party_lookup(sc, name[k])) == PARLEY_NONE) {
      fprintf(stderr, "parley %s: --pair names '%s', which is not a party of %s\n", cmd, name[k], parley_scenario_source(sc));
      return -1;
    }
  if (pair[0] == pair[1]) {
    fprintf(stderr, "parley %s: --pair names one party twice\n", cmd);
    return -1;
  }
  return 0;
}

parley_analysis *cli_quiet_analysis(const parley_scenario *sc) {
  parley_analysis *an = NULL;
  parley_error err = {0};
  parley_analysis_options o = {0};
  o.progress = cli_progress;
  cli_cancellable(1);
  const int rc = parley_analyze(sc, &o, &an, &err);
  cli_cancellable(0);
  return rc ? NULL : an;
}

int cli_write_html(const char *path, const parley_html *h) {
  char *text = NULL;
  size_t len = 0;
  parley_error err = {0};
  const int rc = parley_html_render(h, &text, &len, &err);
  if (rc) {
    cli_print_error(&err);
    return cli_exit_code(rc);
  }
  const int status = cli_write_file(path, text, len);
  parley_string_free(text);
  return status;
}
