/* check.h — invariants, written down and checked. pl_assert(x) aborts with the expression and
 * its place when x is false, in debug and sanitizer builds (NDEBUG not defined); release builds
 * compile it away. Each file that keeps an invariant numbers it in its top comment and names
 * the number in the assertion's comment; its checker function (pl_*_check) asserts them all at
 * the points where they must hold, the way SQLite's assert_pager_state() does. */
#ifndef PL_UTIL_CHECK_H
#define PL_UTIL_CHECK_H

#include <assert.h>

#ifdef NDEBUG
#define PL_DEBUG 0
#define pl_assert(x) ((void)sizeof(!(x))) /* not evaluated */
#else
#define PL_DEBUG 1
#define pl_assert(x) assert(x)
#endif

#endif
