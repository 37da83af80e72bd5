/*
 * What cp and mv share: their operands, and copying one regular file's
 * bytes (mv copies when a rename would cross from one filesystem or scheme
 * to another).
 */
#ifndef COPY_H
#define COPY_H

#include <sys/types.h>

/* Copy src's contents to dst (created with `mode`, or truncated). Prints
 * "NAME: FILE: reason" and returns 1 on failure, 0 on success. */
int copy_file(const char *src, const char *dst, mode_t mode);

/* The operands argv[optind ..]: SOURCE DEST, or SOURCE... DIRECTORY. Calls
 * each(source, target) for every source, the target being DEST or
 * DIRECTORY/basename. A missing operand is a usage error; several sources
 * and a DEST that is no directory, status 1. Else the statuses ORed. */
int copy_operands(int argc, char **argv, int (*each)(const char *src, const char *dst));

#endif
