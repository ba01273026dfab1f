/* fuzz_ktab.c — libFuzzer target for the reader of KTAB's CSV, followed by a short run of the
 * Spatial Model of Politics on what it reads. The reader takes a path, so each input is
 * written to a private temporary file first. Reading must fail with a positioned message or
 * give positions the model runs on without a fault. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_file.h"
#include "parley.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[] = "/tmp/parley-fuzz-ktab-XXXXXX";
  if (fuzz_write_temp(path, data, size) != 0) return 0;
  parley_diagnostics *d = parley_diagnostics_new();
  parley_positions *pos = NULL;
  parley_error err;
  memset(&err, 0, sizeof err);
  if (parley_positions_read_ktab(path, NULL, &pos, d, &err) == 0) {
    parley_capability data_cap = {.kind = PARLEY_CAPABILITY_DATA};
    parley_smp_options o;
    parley_smp_defaults(&o);
    o.max_turns = 3;
    /* keep each input quick: the model is cubic in the actors */
    if (parley_positions_actor_count(pos) <= 40) {
      parley_smp_result *r = NULL;
      if (parley_smp_run(pos, NULL, 0, &data_cap, &o, &r, &err) == 0) parley_smp_free(r);
    }
    for (size_t i = 0; i < parley_positions_issue_count(pos); i++)
      for (int m = 0; m < PARLEY_MODEL_EU_MEDIAN; m++) {
        double f;
        parley_forecast_issue(pos, i, (parley_model)m, &data_cap, &f);
      }
    parley_positions_free(pos);
  } else if (parley_diagnostics_count(d) == 0) {
    __builtin_trap(); /* every failure must say why */
  }
  parley_diagnostics_free(d);
  unlink(path);
  return 0;
}
