/*
 * Waiting for children. The status word has Linux's layout: exit code in
 * bits 8..15 for a normal exit, the signal number in bits 0..6 for a child
 * that a signal ended (see docs/libc.md for how a Ferrite exit record maps
 * onto it).
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG 1
#define WUNTRACED 2

#define WEXITSTATUS(s) (((s)&0xff00) >> 8)
#define WTERMSIG(s) ((s)&0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WIFEXITED(s) (WTERMSIG(s) == 0)
#define WIFSIGNALED(s) (((signed char)(((s)&0x7f) + 1) >> 1) > 0)
#define WIFSTOPPED(s) (((s)&0xff) == 0x7f)
#define WCOREDUMP(s) ((s)&0x80)

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);

#endif
