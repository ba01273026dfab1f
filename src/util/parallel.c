/* parallel.c — the one parallel loop; see parallel.h. */
#define _POSIX_C_SOURCE 200809L
#include "util/parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

size_t parley_default_threads(void) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  return cores > 0 ? (size_t)cores : 1;
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static double fraction_done(pl_parallel *par, size_t chunks_done) {
  double f = par->total ? (double)atomic_load(&par->done) / (double)par->total : (double)chunks_done / (double)par->n_chunks;
  return f > 1 ? 1 : f;
}

int pl_parallel_poll(pl_parallel *par) {
  if (par->progress && !pl_parallel_stopping(par) && pthread_equal(pthread_self(), par->caller)) {
    const uint64_t t = now_ns();
    if (t - par->last_report_ns >= PL_POLL_NS) {
      par->last_report_ns = t;
      if (par->progress(par->progress_user, fraction_done(par, atomic_load(&par->next)))) atomic_store(&par->stop, 2);
    }
  }
  return pl_parallel_stopping(par);
}

/* Takes chunks until none is left; the calling thread (report) also calls the progress
 * callback between them. */
static void take(pl_parallel *par, int report) {
  for (;;) {
    if (pl_parallel_stopping(par)) break;
    size_t k = atomic_fetch_add(&par->next, 1);
    if (k >= par->n_chunks) break;
    par->rc[k] = par->run(par->ctx, k, par);
    if (par->rc[k]) atomic_store(&par->stop, 1);
    if (report && par->progress && !pl_parallel_stopping(par)) {
      par->last_report_ns = now_ns();
      if (par->progress(par->progress_user, fraction_done(par, k + 1))) atomic_store(&par->stop, 2);
    }
  }
}

static void *worker(void *arg) {
  take(arg, 0);
  return NULL;
}

int pl_parallel_run(pl_parallel *par) {
  const size_t n = par->n_chunks;
  atomic_init(&par->next, 0);
  atomic_init(&par->done, 0);
  atomic_init(&par->stop, 0);
  par->caller = pthread_self();
  par->last_report_ns = now_ns();
  par->rc = calloc(n ? n : 1, sizeof *par->rc);
  if (!par->rc) return PARLEY_ERR_NOMEM;
  size_t threads = par->threads ? par->threads : parley_default_threads();
  size_t extra = threads > 1 && n > 1 ? (threads - 1 < n - 1 ? threads - 1 : n - 1) : 0;
  pthread_t *tid = extra ? calloc(extra, sizeof *tid) : NULL;
  size_t started = 0;
  while (tid && started < extra && pthread_create(&tid[started], NULL, worker, par) == 0) started++;
  take(par, 1); /* the calling thread works too; chunks no thread started for are left to it */
  for (size_t t = 0; t < started; t++) pthread_join(tid[t], NULL);
  free(tid);
  /* a chunk that gave up because another failed says PARLEY_ERR_CANCELLED: the failure wins */
  int rc = 0;
  for (size_t k = 0; k < n && (rc == 0 || rc == PARLEY_ERR_CANCELLED); k++)
    if (par->rc[k]) rc = par->rc[k];
  if (rc == 0 && atomic_load(&par->stop) == 2) rc = PARLEY_ERR_CANCELLED;
  free(par->rc);
  par->rc = NULL;
  if (rc == 0 && par->progress && par->progress(par->progress_user, 1.0)) rc = PARLEY_ERR_CANCELLED;
  return rc;
}
