/*
 * posix_spawn: start a program in a new process in one step. On Ferrite
 * this is the kernel's own way of making a process (FE_SYS_PROC_SPAWN):
 * libc reads the program's ELF file, applies the file actions to its own
 * descriptor table around the call, and the child inherits that table.
 */
#ifndef _SPAWN_H
#define _SPAWN_H

#include <signal.h>
#include <sys/types.h>

#define POSIX_SPAWN_RESETIDS 1
#define POSIX_SPAWN_SETPGROUP 2
#define POSIX_SPAWN_SETSIGDEF 4
#define POSIX_SPAWN_SETSIGMASK 8

struct fe_spawn_action;

typedef struct {
	int count;
	int cap;
	struct fe_spawn_action *actions;
} posix_spawn_file_actions_t;

typedef struct {
	short flags;
	pid_t pgroup;
	sigset_t sigdefault;
	sigset_t sigmask;
} posix_spawnattr_t;

int posix_spawn(pid_t *restrict pid, const char *restrict path,
                const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
                char *const argv[restrict], char *const envp[restrict]);
int posix_spawnp(pid_t *restrict pid, const char *restrict file,
                 const posix_spawn_file_actions_t *actions, const posix_spawnattr_t *restrict attr,
                 char *const argv[restrict], char *const envp[restrict]);

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd);
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd,
                                     const char *restrict path, int flags, mode_t mode);

int posix_spawnattr_init(posix_spawnattr_t *attr);
int posix_spawnattr_destroy(posix_spawnattr_t *attr);
int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags);
int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags);

#endif
