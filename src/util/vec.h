/* vec.h — the one growable array: pl_grow(&items, &cap, need) makes room for at least need
 * items, doubling the capacity (from 8), and leaves the array as it was when memory runs out;
 * pl_resize(&items, count) sets the size of arrays that grow in step. */
#ifndef PL_UTIL_VEC_H
#define PL_UTIL_VEC_H

#include <stddef.h>

/* *(void **)pitems grows to hold need items of size bytes; *cap is its capacity in items.
 * Returns 0 or PARLEY_ERR_NOMEM (nothing changed). Use the pl_grow macro. */
int pl_grow_(void *pitems, size_t *cap, size_t need, size_t size);

#define pl_grow(pitems, cap, need) pl_grow_((pitems), (cap), (need), sizeof **(pitems))

/* *(void **)pitems resized to hold exactly count items of size bytes (several arrays that grow
 * together share one capacity). Returns 0 or PARLEY_ERR_NOMEM (nothing changed). Use the
 * pl_resize macro. */
int pl_resize_(void *pitems, size_t count, size_t size);

#define pl_resize(pitems, count) pl_resize_((pitems), (count), sizeof **(pitems))

#endif
