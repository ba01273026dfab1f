/* arena.c — bump allocator in linked blocks; see arena.h. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct pl_arena_block {
  pl_arena_block *next;
  size_t used;
  size_t cap;
  alignas(max_align_t) unsigned char data[];
};

#define PL_ARENA_BLOCK ((size_t)64 * 1024)

void *pl_arena_alloc(pl_arena *a, size_t n) {
  const size_t align = alignof(max_align_t);
  if (n == 0) n = 1;
  if (n > SIZE_MAX - align) return NULL;
  n = (n + align - 1) & ~(align - 1);
  pl_arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > PL_ARENA_BLOCK ? n : PL_ARENA_BLOCK;
    if (cap > SIZE_MAX - sizeof(pl_arena_block)) return NULL;
    b = malloc(sizeof(pl_arena_block) + cap);
    if (!b) return NULL;
    b->used = 0;
    b->cap = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

void *pl_arena_array(pl_arena *a, size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size) return NULL;
  return pl_arena_alloc(a, count * size);
}

char *pl_arena_strndup(pl_arena *a, const char *s, size_t len) {
  if (len == SIZE_MAX) return NULL;
  char *d = pl_arena_alloc(a, len + 1);
  if (!d) return NULL;
  if (len) memcpy(d, s, len);
  d[len] = '\0';
  return d;
}

char *pl_arena_strdup(pl_arena *a, const char *s) { return pl_arena_strndup(a, s, strlen(s)); }

int pl_arena_grow_(pl_arena *a, void *pitems, size_t old_count, size_t new_count, size_t size) {
  void *grown = pl_arena_array(a, new_count ? new_count : 1, size), *old;
  if (!grown) return -1; /* PARLEY_ERR_NOMEM */
  memcpy(&old, pitems, sizeof old);
  if (old && old_count) memcpy(grown, old, old_count * size);
  memcpy(pitems, &grown, sizeof grown);
  return 0;
}

void pl_arena_release(pl_arena *a) {
  pl_arena_block *b = a->head;
  while (b) {
    pl_arena_block *n = b->next;
    free(b);
    b = n;
  }
  a->head = NULL;
}
