/*
 * Redirections: <, >, >|, >>, <>, n<&m, n>&m, n>&-.
 *
 * In a child about to become a program they are simply applied. In the
 * shell itself (builtins, functions, compound commands) each fd that is
 * about to change is first copied out of the way (to fd 10 or above,
 * close-on-exec) and put back afterwards by redir_restore.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static int save_fd(struct redir_save *save, int fd)
{
	int copy;

	for (int i = 0; i < save->n; i++)
		if (save->fds[i].fd == fd)
			return 0;
	if (save->n == (int)(sizeof(save->fds) / sizeof(save->fds[0]))) {
		sh_error("too many redirections");
		return -1;
	}
	copy = fcntl(fd, F_DUPFD, 10);
	if (copy < 0 && errno != EBADF) {
		sh_error("%d: %s", fd, strerror(errno));
		return -1;
	}
	if (copy >= 0)
		fcntl(copy, F_SETFD, FD_CLOEXEC);
	save->fds[save->n].fd = fd;
	save->fds[save->n].copy = copy;
	save->n++;
	return 0;
}

static int open_flags(enum redir_kind kind)
{
	switch (kind) {
	case R_IN:
		return O_RDONLY;
	case R_OUT:
		return O_WRONLY | O_CREAT | O_TRUNC;
	case R_APPEND:
		return O_WRONLY | O_CREAT | O_APPEND;
	default:
		return O_RDWR | O_CREAT;
	}
}

static int redir_open(struct redir *r, const char *target)
{
	int fd = open(target, open_flags(r->kind), 0666);

	if (fd < 0) {
		sh_error("%s: %s", target, strerror(errno));
		return -1;
	}
	if (fd != r->fd) {
		if (dup2(fd, r->fd) < 0) {
			sh_error("%d: %s", r->fd, strerror(errno));
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

static int redir_dup(struct redir *r, const char *target)
{
	char *end;
	long m;

	if (strcmp(target, "-") == 0) {
		close(r->fd);
		return 0;
	}
	m = strtol(target, &end, 10);
	if (!target[0] || *end || m < 0 || m > 1023) {
		sh_error("%s: bad file descriptor number", target);
		return -1;
	}
	if (m != r->fd && dup2((int)m, r->fd) < 0) {
		sh_error("%ld: %s", m, strerror(errno));
		return -1;
	}
	if (m == r->fd && fcntl(r->fd, F_GETFD) < 0) {
		sh_error("%ld: %s", m, strerror(errno));
		return -1;
	}
	return 0;
}

int redir_apply(struct redir *r, struct redir_save *save)
{
	for (; r; r = r->next) {
		char *target = expand_word(r->word);
		int rc;

		if (!target)
			return -1;
		if (save && save_fd(save, r->fd) < 0) {
			free(target);
			return -1;
		}
		if (r->kind == R_DUPIN || r->kind == R_DUPOUT)
			rc = redir_dup(r, target);
		else
			rc = redir_open(r, target);
		free(target);
		if (rc < 0)
			return -1;
	}
	return 0;
}

void redir_restore(struct redir_save *save)
{
	while (save->n > 0) {
		struct saved_fd *s = &save->fds[--save->n];

		if (s->copy >= 0) {
			dup2(s->copy, s->fd);
			close(s->copy);
		} else {
			close(s->fd);
		}
	}
}
