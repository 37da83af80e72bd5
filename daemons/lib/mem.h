/*
 * Memory for daemons, which run on the bare runtime without a libc malloc.
 * In a daemon these come from mem.c (size classes carved from mapped
 * chunks, large blocks mapped whole); in the hosted unit tests from the
 * host's malloc, so that ASan watches the daemons' logic.
 */
#ifndef DAEMON_MEM_H
#define DAEMON_MEM_H

#include <stddef.h>

/* n zeroed bytes, or NULL when memory is short. */
void *mem_alloc(size_t n);
/* Grow or shrink p (NULL: allocate), keeping its contents up to the
 * smaller size; bytes past the old size are undefined. NULL on failure,
 * and p is still valid. */
void *mem_realloc(void *p, size_t n);
void mem_free(void *p);

#endif
