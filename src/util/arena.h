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
/* Grows an array kept in the arena to new_count items (of size bytes), copying the first
 * old_count; the old copy stays in the arena until it is released. Returns 0 or
 * PARLEY_ERR_NOMEM (*(void **)pitems unchanged). Use the pl_arena_grow macro. */
int pl_arena_grow_(pl_arena *a, void *pitems, size_t old_count, size_t new_count, size_t size);
#define pl_arena_grow(a, pitems, old_count, new_count) pl_arena_grow_((a), (pitems), (old_count), (new_count), sizeof **(pitems))

#endif
