/*
 * Copying one regular file's bytes, shared by cp and mv (which copies when
 * a rename would cross from one filesystem or scheme to another).
 */
#ifndef COPY_H
#define COPY_H

#include <sys/types.h>

/* Copy src's contents to dst (created with `mode`, or truncated). Prints
 * "NAME: FILE: reason" and returns 1 on failure, 0 on success. */
int copy_file(const char *src, const char *dst, mode_t mode);

#endif
