/*
 * The rest of stdio: perror, temporary files, and pipes to commands
 * (popen, which runs the command with "sh -c" found along PATH).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "stdio_impl.h"

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

/* A temporary file in $TMPDIR or /tmp, which is made if it is missing
 * (Ferrite's filesystem starts empty); unlinked at once, so it goes away
 * with its last descriptor. */
FILE *tmpfile(void)
{
	const char *dir = getenv("TMPDIR");
	char path[FILENAME_MAX];
	int fd;
	FILE *f;

	if (!dir || !*dir)
		dir = P_tmpdir;
	snprintf(path, sizeof(path), "%s/tmpfileXXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0 && errno == ENOENT && mkdir(dir, 01777) == 0) {
		snprintf(path, sizeof(path), "%s/tmpfileXXXXXX", dir);
		fd = mkstemp(path);
	}
	if (fd < 0)
		return NULL;
	unlink(path);
	f = fdopen(fd, "w+");
	if (!f)
		close(fd);
	return f;
}

char *tmpnam(char *s)
{
	static char name[L_tmpnam];
	static unsigned counter;
	char *out = s ? s : name;

	snprintf(out, L_tmpnam, "/tmp/tmp%ld.%u", (long)getpid(), counter++);
	return out;
}

FILE *popen(const char *command, const char *mode)
{
	int fds[2], mine, theirs;
	bool reading = mode[0] == 'r';
	pid_t pid;
	FILE *f;

	if ((mode[0] != 'r' && mode[0] != 'w') || pipe2(fds, O_CLOEXEC) < 0) {
		errno = errno ? errno : EINVAL;
		return NULL;
	}
	mine = reading ? fds[0] : fds[1];
	theirs = reading ? fds[1] : fds[0];
	pid = fork();
	if (pid == 0) {
		dup2(theirs, reading ? 1 : 0);
		execlp("sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(theirs);
	f = pid < 0 ? NULL : fdopen(mine, reading ? "r" : "w");
	if (!f) {
		close(mine);
		return NULL;
	}
	f->pid = pid;
	return f;
}

int pclose(FILE *f)
{
	pid_t pid = f->pid;
	int status;

	fclose(f);
	if (pid <= 0) {
		errno = ECHILD;
		return -1;
	}
	return waitpid(pid, &status, 0) < 0 ? -1 : status;
}
