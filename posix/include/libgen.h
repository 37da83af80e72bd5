/*
 * Path name pieces. Both functions may modify their argument and return a
 * pointer into it or into static storage, as POSIX allows.
 */
#ifndef _LIBGEN_H
#define _LIBGEN_H

char *basename(char *path);
char *dirname(char *path);

#endif
