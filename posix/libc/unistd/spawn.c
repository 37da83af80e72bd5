/*
 * posix_spawn: fork, apply the file actions in the child, exec. fork
 * copies memory eagerly on Ferrite, so spawning from a program with a
 * large heap costs that copy.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../libc.h"

enum { ACT_CLOSE, ACT_DUP2, ACT_OPEN };

struct fe_spawn_action {
	int kind, fd, newfd, flags;
	mode_t mode;
	char *path;
};

static int add(posix_spawn_file_actions_t *fa, struct fe_spawn_action a)
{
	if (fa->count == fa->cap) {
		int cap = fa->cap ? fa->cap * 2 : 8;
		struct fe_spawn_action *p = realloc(fa->actions, (size_t)cap * sizeof(*p));

		if (!p)
			return ENOMEM;
		fa->actions = p;
		fa->cap = cap;
	}
	fa->actions[fa->count++] = a;
	return 0;
}

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	memset(fa, 0, sizeof(*fa));
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	for (int i = 0; i < fa->count; i++)
		free(fa->actions[i].path);
	free(fa->actions);
	memset(fa, 0, sizeof(*fa));
	return 0;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	return fd < 0 ? EBADF : add(fa, (struct fe_spawn_action){ .kind = ACT_CLOSE, .fd = fd });
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	if (fd < 0 || newfd < 0)
		return EBADF;
	return add(fa, (struct fe_spawn_action){ .kind = ACT_DUP2, .fd = fd, .newfd = newfd });
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd,
                                     const char *restrict path, int flags, mode_t mode)
{
	char *copy = strdup(path);
	int rc;

	if (fd < 0)
		return EBADF;
	if (!copy)
		return ENOMEM;
	rc = add(fa, (struct fe_spawn_action){ ACT_OPEN, fd, 0, flags, mode, copy });
	if (rc)
		free(copy);
	return rc;
}

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	memset(attr, 0, sizeof(*attr));
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	attr->flags = flags;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags)
{
	*flags = attr->flags;
	return 0;
}

static int apply(const struct fe_spawn_action *a)
{
	int fd;

	switch (a->kind) {
	case ACT_CLOSE:
		return close(a->fd) < 0 && errno != EBADF ? -1 : 0;
	case ACT_DUP2:
		if (a->fd == a->newfd)
			return fcntl(a->fd, F_SETFD, 0);
		return dup2(a->fd, a->newfd) < 0 ? -1 : 0;
	default:
		fd = open(a->path, a->flags, a->mode);
		if (fd < 0 || fd == a->fd)
			return fd < 0 ? -1 : 0;
		if (dup2(fd, a->fd) < 0)
			return -1;
		return close(fd);
	}
}

/* The child's side: actions, then exec; on failure, report through the
 * status pipe and exit 127. */
static _Noreturn void child(const char *path, bool search, const posix_spawn_file_actions_t *fa,
                            char *const argv[], char *const envp[], int report)
{
	int err = 0;

	for (int i = 0; fa && i < fa->count && !err; i++)
		if (apply(&fa->actions[i]) < 0)
			err = errno;
	if (!err) {
		if (search)
			execvpe(path, argv, envp);
		else
			execve(path, argv, envp);
		err = errno;
	}
	write(report, &err, sizeof(err));
	_exit(127);
}

static int spawn(pid_t *pid, const char *path, bool search, const posix_spawn_file_actions_t *fa,
                 char *const argv[], char *const envp[])
{
	int fds[2], err = 0;
	pid_t child_pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return errno;
	child_pid = fork();
	if (child_pid == 0)
		child(path, search, fa, argv, envp ? envp : environ, fds[1]);
	close(fds[1]);
	if (child_pid < 0) {
		close(fds[0]);
		return errno;
	}
	if (read(fds[0], &err, sizeof(err)) == sizeof(err) && err) {
		waitpid(child_pid, NULL, 0);
		close(fds[0]);
		return err;
	}
	close(fds[0]);
	if (pid)
		*pid = child_pid;
	return 0;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path,
                const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
                char *const argv[restrict], char *const envp[restrict])
{
	return spawn(pid, path, false, fa, argv, envp);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file,
                 const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
                 char *const argv[restrict], char *const envp[restrict])
{
	return spawn(pid, file, true, fa, argv, envp);
}
