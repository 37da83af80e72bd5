/*
 * Implementation limits: the compiler's <limits.h> gives the integer
 * limits; this adds the POSIX ones. _LIBC_LIMITS_H_ tells the compiler's
 * header that a C library is wrapping it, so it does not look for another.
 */
#ifndef _LIMITS_H
#define _LIMITS_H

#define _LIBC_LIMITS_H_
#include_next <limits.h>

#define PATH_MAX 4096
#define NAME_MAX 255
#define PIPE_BUF 4096
#define ARG_MAX 16384
#define OPEN_MAX 1024
#define CHILD_MAX 256
#define LINE_MAX 2048
#define HOST_NAME_MAX 64
#define TTY_NAME_MAX 32
#define LOGIN_NAME_MAX 256
#define IOV_MAX 1024
#define NZERO 20
#define NL_ARGMAX 64
#define SSIZE_MAX LONG_MAX
#define _POSIX_PATH_MAX 256
#define _POSIX_NAME_MAX 14
#define _POSIX_ARG_MAX 4096
#define _POSIX_OPEN_MAX 20

#endif
