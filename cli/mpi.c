/* mpi.c — the processes of `parley-mpi` (built when Open MPI is present): which process this
 * is, how many there are, and text gathered from all of them to the first, in rank order. In
 * `parley` itself (no PARLEY_MPI) there is one process and these do nothing. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifdef PARLEY_MPI
#include <mpi.h>

static int started;

void cli_mpi_init(int *argc, char ***argv) {
  if (MPI_Init(argc, argv) == MPI_SUCCESS) started = 1;
}

void cli_mpi_finalize(void) {
  if (started) MPI_Finalize();
  started = 0;
}

int cli_mpi_rank(void) {
  int r = 0;
  if (started) MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int cli_mpi_size(void) {
  int n = 1;
  if (started) MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

int cli_mpi_broadcast(uint64_t *x) {
  return started && MPI_Bcast(x, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD) != MPI_SUCCESS ? -1 : 0;
}

int cli_mpi_send_text(const char *text, size_t len) {
  uint64_t n = len;
  if (MPI_Send(&n, 1, MPI_UINT64_T, 0, 1, MPI_COMM_WORLD) != MPI_SUCCESS) return -1;
  for (uint64_t at = 0; at < n;) { /* in pieces a count of int can hold */
    const int piece = (int)(n - at < (1u << 30) ? n - at : (1u << 30));
    if (MPI_Send(text + at, piece, MPI_CHAR, 0, 2, MPI_COMM_WORLD) != MPI_SUCCESS) return -1;
    at += (uint64_t)piece;
  }
  return 0;
}

int cli_mpi_receive_text(int from, char **text, size_t *len) {
  uint64_t n = 0;
  *text = NULL, *len = 0;
  if (MPI_Recv(&n, 1, MPI_UINT64_T, from, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE) != MPI_SUCCESS) return -1;
  if (!(*text = malloc(n + 1))) return -1;
  for (uint64_t at = 0; at < n;) {
    const int piece = (int)(n - at < (1u << 30) ? n - at : (1u << 30));
    if (MPI_Recv(*text + at, piece, MPI_CHAR, from, 2, MPI_COMM_WORLD, MPI_STATUS_IGNORE) != MPI_SUCCESS) return -1;
    at += (uint64_t)piece;
  }
  (*text)[n] = '\0';
  *len = n;
  return 0;
}

#else

void cli_mpi_init(int *argc, char ***argv) { (void)argc, (void)argv; }
void cli_mpi_finalize(void) {}
int cli_mpi_rank(void) { return 0; }
int cli_mpi_size(void) { return 1; }
int cli_mpi_broadcast(uint64_t *x) { return x ? 0 : -1; }
int cli_mpi_send_text(const char *text, size_t len) { return text && len ? -1 : -1; }
int cli_mpi_receive_text(int from, char **text, size_t *len) {
  (void)from;
  *text = NULL, *len = 0;
  return -1;
}

#endif
