/*
 * Path names inside a scheme, the part after "name:". Servers work on the
 * canonical form that path_normalize makes: absolute, components separated
 * by one '/', no "." or "..", no trailing '/', "/" for the root. ".." is
 * resolved by the name alone (as Plan 9 does), and ".." of the root is the
 * root. A path that does not start with '/' is taken from the root: the
 * kernel hands a server what follows "name:", and "file:etc" means
 * "/etc". Each component is at most PATH_NAME_MAX bytes.
 */
#ifndef DAEMON_PATH_H
#define DAEMON_PATH_H

#include <stdint.h>

#define PATH_NAME_MAX 255

/* Write the canonical form of in[0 .. len) to out (cap bytes, NUL
 * included): its length, or -FE_ENAMETOOLONG (a component or the whole is
 * too long), -FE_EINVAL (a NUL inside). */
int64_t path_normalize(const char *in, uint64_t len, char *out, uint64_t cap);

/* Iterate over the components of a canonical path that ends at `end`: *p
 * starts at the path; each call returns the next component's length (0
 * when there is none left) and leaves *name pointing at it. */
uint64_t path_next(const char **p, const char *end, const char **name);

/* The offset of the last component of a canonical path of `len` bytes, or
 * 0 for the root, which has none. */
uint64_t path_leaf(const char *path, uint64_t len);

/* The length of the parent's canonical form, given the leaf's offset:
 * "/a" of "/a/b", "/" of "/b". */
static inline uint64_t path_parent_len(uint64_t leaf)
{
	return leaf > 1 ? leaf - 1 : 1;
}

#endif
