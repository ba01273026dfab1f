/* arena.h — bump allocator: every loaded object owns one; a single free releases it all. */
#ifndef PL_UTIL_ARENA_H
#define PL_UTIL_ARENA_H

#include <stddef.h>

typedef struct pl_arena_block pl_arena_block;

typedef struct pl_arena {
  pl_arena_block *head;
} pl_arena;

/* Zeroed memory aligned for any type, or NULL when out of memory (or n overflows). */
void *pl_arena_alloc(pl_arena *a, size_t n);
/* pl_arena_alloc(a, count * size) with an overflow check. */
void *pl_arena_array(pl_arena *a, size_t count, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *pl_arena_strndup(pl_arena *a, const char *s, size_t len);
char *pl_arena_strdup(pl_arena *a, const char *s);
void pl_arena_release(pl_arena *a);

#endif
