/*
 * Regular expressions for grep: POSIX basic (BRE) and extended (ERE)
 * syntax, matched by simulating an NFA, so the time is linear in the text
 * whatever the pattern (no backtracking blow-up).
 *
 *   both  .  [...] [^...] [[:alpha:]]  *  ^  $  \c (c literally)
 *   BRE   \( \)  \{m,n\}  and, as GNU allows, \+ \? \|
 *   ERE   ( )  {m,n}  +  ?  |
 *
 * Back-references (\1) are not supported.
 */
#ifndef REGEX_H
#define REGEX_H

#include <stddef.h>

#define RE_EXTENDED 1
#define RE_ICASE 2

struct regex;

/* NULL on a bad pattern, with *err saying why. */
struct regex *re_compile(const char *pattern, int flags, const char **err);
/* Does the pattern match anywhere in s[0..len)? */
int re_search(const struct regex *re, const char *s, size_t len);
void re_free(struct regex *re);

#endif
