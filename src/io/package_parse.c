/* package_parse.c — a package written as text, "issue=option,issue=option,...", as the command
 * line takes it (parley amend --package, and the other commands that name a package). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/scenario.h"
#include "util/error.h"

int parley_package_parse(const parley_scenario *sc, const char *text, uint32_t *package, parley_error *err) {
  if (!sc || !text || !package) return pl_fail(err, PARLEY_ERR_ARG, NULL, 0, 0, "invalid argument");
  const size_t N = parley_issue_count(sc);
  unsigned char *seen = calloc(N ? N : 1, 1);
  char *copy = malloc(strlen(text) + 1);
  if (!seen || !copy) {
    free(seen), free(copy);
    return pl_fail(err, PARLEY_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  strcpy(copy, text);
  int rc = 0;
  for (char *tok = copy, *next; tok && rc == 0; tok = next) {
    if ((next = strchr(tok, ','))) *next++ = '\0';
    while (*tok == ' ') tok++;
    if (!*tok) continue; /* an empty pair, as after a trailing comma */
    char *eq = strchr(tok, '=');
    if (!eq) {
      rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "'%s' is not issue=option", tok);
      break;
    }
    *eq = '\0';
    const size_t i = parley_issue_find(sc, tok);
    if (i == PARLEY_NONE) {
      rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "'%s' is not an issue of %s", tok, parley_scenario_source(sc));
      break;
    }
    if (seen[i]) {
      rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "issue '%s' is given twice", tok);
      break;
    }
    const size_t o = parley_option_find(sc, i, eq + 1);
    if (o == PARLEY_NONE) {
      rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "issue '%s' has no option '%s'", tok, eq + 1);
      break;
    }
    seen[i] = 1;
    package[i] = (uint32_t)o;
  }
  for (size_t i = 0; rc == 0 && i < N; i++)
    if (!seen[i]) rc = pl_fail(err, PARLEY_ERR_INVALID, NULL, 0, 0, "the package gives no option for issue '%s'", parley_issue_id(sc, i));
  free(seen), free(copy);
  return rc;
}
