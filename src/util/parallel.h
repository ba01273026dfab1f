/* parallel.h — the one parallel loop of the library: n independent chunks of work run on up to
 * `threads` threads (the calling thread among them), taken in order from a shared counter.
 *
 * Determinism is the caller's side of the contract: a chunk's work and result may depend only
 * on its number, never on which thread runs it or when, and the caller combines the chunks'
 * results in chunk order afterwards. Then the result is the same for any thread count, and
 * the tests run every parallel path on one thread and on several to show it.
 *
 * Progress and cancellation: chunks report units of work done (pl_parallel_advance) and look
 * now and then whether to stop (pl_parallel_poll). The progress callback runs on the calling
 * thread only: between its chunks, from pl_parallel_poll inside a chunk it runs (at most every
 * PL_POLL_NS, so a long chunk still reports and can be cancelled), and with 1.0 when all are
 * done; a non-zero return stops the loop, which then returns PARLEY_ERR_CANCELLED. A chunk that
 * fails stops the loop too, and the loop returns the error of the lowest-numbered chunk that
 * failed. */
#ifndef PL_UTIL_PARALLEL_H
#define PL_UTIL_PARALLEL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "parley/base.h"

typedef struct pl_parallel pl_parallel;

/* Runs chunk k: returns 0 or a negative parley_status. */
typedef int (*pl_chunk_fn)(void *ctx, size_t k, pl_parallel *par);

struct pl_parallel {
  /* set by the caller */
  size_t n_chunks;
  size_t threads;               /* 0: parley_default_threads() */
  pl_chunk_fn run;
  void *ctx;
  uint64_t total;               /* units of work in all, for the progress fraction */
  parley_progress_fn progress;  /* may be NULL */
  void *progress_user;
  /* the loop's own */
  atomic_size_t next;
  atomic_uint_fast64_t done;
  atomic_int stop;
  int *rc;                      /* per chunk */
  pthread_t caller;             /* the thread that called pl_parallel_run */
  uint64_t last_report_ns;      /* when the caller last called progress (monotonic clock) */
};

/* The least time between two progress calls from pl_parallel_poll: 50 ms. */
#define PL_POLL_NS 50000000ull

/* Runs every chunk (see above); returns 0, the first failing chunk's status, or
 * PARLEY_ERR_CANCELLED. */
int pl_parallel_run(pl_parallel *par);

/* A chunk has done `units` more units of work. */
static inline void pl_parallel_advance(pl_parallel *par, uint64_t units) {
  atomic_fetch_add_explicit(&par->done, units, memory_order_relaxed);
}

/* 1 when the loop is stopping (cancelled, or a chunk failed): a long chunk may give up. */
static inline int pl_parallel_stopping(pl_parallel *par) {
  return atomic_load_explicit(&par->stop, memory_order_relaxed) != 0;
}

/* For a chunk, now and then (every few thousand units of work, or inside a long merge): on the
 * calling thread it calls the progress callback when PL_POLL_NS have passed since the last
 * call. Returns 1 when the loop is stopping, and the chunk should then give up with
 * PARLEY_ERR_CANCELLED. */
int pl_parallel_poll(pl_parallel *par);

#endif
