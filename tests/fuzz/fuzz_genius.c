/* fuzz_genius.c — libFuzzer target for the GENIUS XML reader. The input is split at lines
 * "====" into a domain and its profiles (one part is used as both). Reading must fail with a
 * positioned message or give a scenario that analyses without a fault. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "io/genius.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *texts[5];
  size_t lens[5];
  const char *names[5] = {"domain.xml", "a.xml", "b.xml", "c.xml", "d.xml"};
  size_t n = 0;
  const char *p = (const char *)data, *end = p + size;
  while (n < 4) {
    const char *sep = NULL;
    for (const char *q = p; q + 6 <= end; q++)
      if (memcmp(q, "\n====\n", 6) == 0) {
        sep = q;
        break;
      }
    texts[n] = p;
    lens[n] = (size_t)((sep ? sep : end) - p);
    n++;
    if (!sep) break;
    p = sep + 6;
  }
  if (n == 1) {
    texts[1] = texts[0];
    lens[1] = lens[0];
    n = 2;
  }
  parley_diagnostics *d = parley_diagnostics_new();
  parley_scenario *sc = NULL;
  parley_error err;
  memset(&err, 0, sizeof err);
  int rc = pl_scenario_read_genius_memory(names, texts, lens, n, NULL, &sc, d, &err);
  if (rc == 0) {
    parley_analysis_options opt = {.max_outcomes = 20000};
    parley_analysis *an = NULL;
    if (parley_analyze(sc, &opt, &an, &err) == 0) parley_analysis_free(an);
    parley_scenario_free(sc);
  } else if (parley_diagnostics_count(d) == 0) {
    __builtin_trap(); /* every failure must say why */
  }
  parley_diagnostics_free(d);
  return 0;
}
