/*
 * errno: one int. libc serves one thread per program (a program that makes
 * threads with fe_thread_create shares it, and must not rely on it).
 */
#include <errno.h>

int errno;
