/* genius.h — GENIUS XML reading entry points beyond the public ones. */
#ifndef PL_IO_GENIUS_H
#define PL_IO_GENIUS_H

#include <stddef.h>

#include "parley.h"

/* Reads GENIUS XML held in memory: names[0]/texts[0] the domain, the rest its profiles. The
 * names are used in error positions and as party ids (used by the fuzz target). */
int pl_scenario_read_genius_memory(const char *const *names, const char *const *texts,
                                   const size_t *lens, size_t n_files,
                                   const parley_read_limits *limits, parley_scenario **out,
                                   parley_diagnostics *diags, parley_error *err);

#endif
