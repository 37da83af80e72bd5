/*
 * Redirections: <, >, >|, >>, <>, n<&m, n>&m, n>&-, and here-documents
 * (<<, <<-), whose body reaches the command through a pipe: written at
 * once when it fits in the pipe for sure (PIPE_BUF, at least 512 bytes),
 * else by a forked writer.
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

static int write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		len -= (size_t)w;
	}
	return 0;
}

static int redir_heredoc(struct redir *r)
{
	char *text = r->literal ? xstrdup(r->word) : expand_heredoc(r->word);
	size_t len;
	int fds[2];
	pid_t pid = 0;

	if (!text)
		return -1;
	len = strlen(text);
	if (pipe(fds) < 0) {
		sh_error("pipe: %s", strerror(errno));
		free(text);
		return -1;
	}
	if (len <= 512) {
		write_all(fds[1], text, len);
	} else if ((pid = sh_fork(0)) == 0) {
		close(fds[0]);
		_exit(write_all(fds[1], text, len) < 0);
	}
	free(text);
	close(fds[1]);
	if (pid < 0 || (fds[0] != r->fd && dup2(fds[0], r->fd) < 0)) {
		close(fds[0]);
		return -1;
	}
	if (fds[0] != r->fd)
		close(fds[0]);
	return 0;
}

int redir_apply(struct redir *r, struct redir_save *save)
{
	for (; r; r = r->next) {
		char *target;
		int rc;

		if (save && save_fd(save, r->fd) < 0)
			return -1;
		if (r->kind == R_HEREDOC) {
			if (redir_heredoc(r) < 0)
				return -1;
			continue;
		}
		target = expand_word(r->word);
		if (!target)
			return -1;
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
