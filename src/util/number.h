/* number.h — telling a number too large or too small for a double from text that is no number,
 * so that readers can say which. */
#ifndef PL_UTIL_NUMBER_H
#define PL_UTIL_NUMBER_H

/* What readers say of a number outside a double's range. */
#define PL_RANGE_TEXT "out of range (a number's size must lie between about 1e-308 and 1e308)"

/* 1 when s (spaces around it allowed) is a decimal number that a double cannot hold: its size
 * above about 1e308, or not 0 but below about 1e-308; else 0. */
int pl_out_of_range(const char *s);

#endif
