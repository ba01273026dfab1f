/* fuzz_deu.c — libFuzzer target for the CSV readers of positions (DEU III and plain; the
 * header picks one). The reader takes a path, so each
 * input is written to a private temporary file first. Reading must fail with a positioned
 * message or give positions every model and the backtest can use without a fault. */
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
  char path[] = "/tmp/parley-fuzz-deu-XXXXXX";
  if (fuzz_write_temp(path, data, size) != 0) return 0;
  parley_diagnostics *d = parley_diagnostics_new();
  parley_positions *pos = NULL;
  parley_error err;
  memset(&err, 0, sizeof err);
  if (parley_positions_read_file(path, NULL, &pos, d, &err) == 0) {
    for (int c = 0; c < 2; c++) {
      parley_backtest_options o;
      parley_backtest_defaults(&o);
      o.capability.kind = c ? PARLEY_CAPABILITY_VOTES : PARLEY_CAPABILITY_EQUAL;
      o.min_actors = 1;
      o.resamples = 20;
      o.threads = 1;
      parley_backtest *bt = NULL;
      if (parley_backtest_run(pos, &o, &bt, &err) == 0) parley_backtest_free(bt);
    }
    parley_positions_free(pos);
  } else if (parley_diagnostics_count(d) == 0) {
    __builtin_trap(); /* every failure must say why */
  }
  parley_diagnostics_free(d);
  unlink(path);
  return 0;
}
