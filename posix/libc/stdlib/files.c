/*
 * The stdlib functions that touch files and processes: temporary names
 * (mkstemp, mkdtemp, mktemp), realpath, and system. Temporary names draw
 * their letters from the kernel's random numbers (FE_SYS_RANDOM).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

#define TEMP_TRIES 100

/* Replace the trailing XXXXXX of tmpl with random letters; the Xs' start. */
static char *fill_x(char *tmpl)
{
	static const char letters[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t n = strlen(tmpl);
	unsigned char r[6];
	char *x;

	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0)
		return NULL;
	x = tmpl + n - 6;
	if (fe_random(r, sizeof(r)) < 0)
		for (int i = 0; i < 6; i++)
			r[i] = (unsigned char)rand();
	for (int i = 0; i < 6; i++)
		x[i] = letters[r[i] % (sizeof(letters) - 1)];
	return x;
}

static int make_temp(char *tmpl, bool dir)
{
	char *x;

	for (int i = 0; i < TEMP_TRIES; i++) {
		int rc;

		x = fill_x(tmpl);
		if (!x) {
			errno = EINVAL;
			return -1;
		}
		rc = dir ? mkdir(tmpl, 0700) : open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (rc >= 0 || errno != EEXIST)
			return rc;
		memcpy(x, "XXXXXX", 6);
	}
	errno = EEXIST;
	return -1;
}

int mkstemp(char *tmpl)
{
	return make_temp(tmpl, false);
}

char *mkdtemp(char *tmpl)
{
	return make_temp(tmpl, true) < 0 ? NULL : tmpl;
}

char *mktemp(char *tmpl)
{
	struct stat st;

	for (int i = 0; i < TEMP_TRIES; i++) {
		char *x = fill_x(tmpl);

		if (!x) {
			errno = EINVAL;
			tmpl[0] = '\0';
			return tmpl;
		}
		if (stat(tmpl, &st) < 0 && errno == ENOENT)
			return tmpl;
		memcpy(x, "XXXXXX", 6);
	}
	tmpl[0] = '\0';
	return tmpl;
}

/* Ferrite has no symbolic links: the real path is the cleaned absolute
 * path, if the file exists. */
char *realpath(const char *restrict path, char *restrict resolved)
{
	char buf[PATH_MAX];
	struct stat st;
	int rc = __fe_path_resolve(path, buf, sizeof(buf));

	if (rc < 0) {
		errno = -rc;
		return NULL;
	}
	if (stat(buf, &st) < 0)
		return NULL;
	if (!resolved)
		return strdup(buf);
	return strcpy(resolved, buf);
}

int system(const char *command)
{
	char sh[PATH_MAX];
	pid_t pid;
	int status;

	if (!command)
		return __fe_path_search("sh", sh, sizeof(sh)) == 0;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execlp("sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return status;
}
