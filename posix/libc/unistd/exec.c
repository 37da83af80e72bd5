/*
 * fork and the exec family.
 *
 * exec reads the program's ELF file through the file API into fresh memory
 * and hands it to the kernel (FE_SYS_EXEC), which replaces the image and
 * keeps the pid, the handles and every descriptor without FD_CLOEXEC. The
 * arguments travel as the kernel's argv strings followed by the
 * environment and a marker (see crt0.c and docs/libc.md); PWD is always
 * set to the current directory, so the new program starts where this one
 * was. A file starting with "#!" is run by the interpreter it names.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

#define DEFAULT_PATH "/bin:initfs:"
#define SHEBANG_DEPTH 4

static int append(char *buf, size_t cap, size_t *len, const char *s)
{
	size_t n = strlen(s) + 1;

	if (n > cap - *len)
		return -FE_E2BIG;
	memcpy(buf + *len, s, n);
	*len += n;
	return 0;
}

int __fe_pack_args(char *const argv[], char *const envp[], char *buf, size_t cap, uint32_t *argc,
                   size_t *len)
{
	char mark[32], pwd[PATH_MAX + 8];
	uint32_t n = 0, nenv = 0;
	int rc = 0;

	*len = 0;
	for (; argv && argv[n] && rc == 0; n++)
		rc = append(buf, cap, len, argv[n]);
	for (size_t i = 0; envp && envp[i] && rc == 0; i++) {
		if (strncmp(envp[i], "PWD=", 4) == 0)
			continue;
		rc = append(buf, cap, len, envp[i]);
		nenv++;
	}
	strcpy(pwd, "PWD=");
	getcwd(pwd + 4, sizeof(pwd) - 4);
	if (rc == 0)
		rc = append(buf, cap, len, pwd);
	snprintf(mark, sizeof(mark), FE_ENV_MARK "%u", nenv + 1);
	if (rc == 0)
		rc = append(buf, cap, len, mark);
	*argc = n + nenv + 2;
	return rc;
}

/* Read the whole file at `path` into fresh memory; 0 or -FE_E*. */
static int load_file(const char *path, void **image, size_t *len)
{
	struct stat st;
	size_t done = 0, map;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode) || st.st_size <= 0) {
		rc = S_ISDIR(st.st_mode) ? -FE_EACCES : -FE_ENOEXEC;
		goto out;
	}
	map = ((size_t)st.st_size + FE_PAGE_SIZE - 1) & ~(FE_PAGE_SIZE - 1);
	rc = fe_mem_map(NULL, map, FE_PROT_READ | FE_PROT_WRITE, image);
	while (rc == 0 && done < (size_t)st.st_size) {
		ssize_t n = read(fd, (char *)*image + done, (size_t)st.st_size - done);

		if (n <= 0) {
			rc = n < 0 ? -errno : -FE_EIO;
			fe_mem_unmap(*image, map);
		}
		done += n > 0 ? (size_t)n : 0;
	}
	*len = done;
out:
	close(fd);
	return rc;
}

static int exec_image(const void *image, size_t len, char *const argv[], char *const envp[])
{
	static char args[FE_SPAWN_MAX_ARGS];
	struct fe_spawn sp = { 0 };
	size_t args_len;
	int rc = __fe_pack_args(argv, envp, args, sizeof(args), &sp.argc, &args_len);

	if (rc < 0)
		return rc;
	sp.args = args;
	sp.args_len = args_len;
	return (int)fe_syscall(FE_SYS_EXEC, (long)image, (long)len, (long)&sp, 0, 0);
}

/* "#!interp [arg]": run interp [arg] path argv[1..]. */
static int exec_script(const char *path, const char *image, size_t len, char *const argv[],
                       char *const envp[], int depth);

static int exec_path(const char *path, char *const argv[], char *const envp[], int depth)
{
	void *image = NULL;
	size_t len = 0;
	int rc = load_file(path, &image, &len);

	if (rc < 0)
		return rc;
	if (len > 2 && memcmp(image, "#!", 2) == 0)
		rc = exec_script(path, image, len, argv, envp, depth);
	else
		rc = exec_image(image, len, argv, envp);
	fe_mem_unmap(image, (len + FE_PAGE_SIZE - 1) & ~(FE_PAGE_SIZE - 1));
	return rc;
}

static int exec_script(const char *path, const char *image, size_t len, char *const argv[],
                       char *const envp[], int depth)
{
	char line[256], *interp, *arg, *nargv[256];
	size_t n = 0, i = 0;

	if (depth >= SHEBANG_DEPTH)
		return -ELOOP;
	while (n < len - 2 && n < sizeof(line) - 1 && image[n + 2] != '\n')
		n++;
	memcpy(line, image + 2, n);
	line[n] = '\0';
	interp = line + strspn(line, " \t");
	arg = interp + strcspn(interp, " \t");
	if (*arg)
		*arg++ = '\0';
	arg += strspn(arg, " \t");
	arg[strcspn(arg, " \t\r")] = '\0';
	if (!*interp)
		return -FE_ENOEXEC;
	nargv[i++] = interp;
	if (*arg)
		nargv[i++] = arg;
	nargv[i++] = (char *)path;
	for (size_t j = 1; argv[0] && argv[j] && i < 255; j++)
		nargv[i++] = argv[j];
	nargv[i] = NULL;
	return exec_path(interp, nargv, envp, depth + 1);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)fe_err(exec_path(path, argv, envp, 0));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* The next entry of a PATH list. Entries are separated by ':', but one
 * that starts with a scheme name keeps that name's ':' (the shell's rule):
 * "/bin:initfs:" is "/bin" then "initfs:". */
static const char *next_entry(const char *p, char *out, size_t cap)
{
	size_t skip = __fe_path_scheme_len(p), n = skip + strcspn(p + skip, ":");

	if (n >= cap)
		n = cap - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return p[n] ? p + n + 1 : NULL;
}

static bool join(char *out, size_t cap, const char *dir, const char *file)
{
	size_t n = strlen(dir);
	bool slash = n && dir[n - 1] != '/' && dir[n - 1] != ':';

	return snprintf(out, cap, "%s%s%s", dir, slash ? "/" : "", file) < (int)cap;
}

int __fe_path_search(const char *file, char *out, size_t cap)
{
	const char *path = getenv("PATH"), *p;
	char dir[PATH_MAX];
	struct stat st;

	if (!*file)
		return -FE_ENOENT;
	if (strchr(file, '/') || __fe_path_scheme_len(file)) {
		if (strlcpy(out, file, cap) >= cap)
			return -FE_ENAMETOOLONG;
		return 0;
	}
	for (p = path ? path : DEFAULT_PATH; p;) {
		p = next_entry(p, dir, sizeof(dir));
		if (join(out, cap, dir, file) && stat(out, &st) == 0 && !S_ISDIR(st.st_mode))
			return 0;
	}
	return -FE_ENOENT;
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	char path[PATH_MAX];
	int rc = __fe_path_search(file, path, sizeof(path));

	if (rc < 0)
		return (int)fe_err(rc);
	rc = exec_path(path, argv, envp, 0);
	if (rc == -FE_ENOEXEC) {
		char *nargv[256] = { "sh", path };
		size_t i = 2;

		for (size_t j = 1; argv[0] && argv[j] && i < 255; j++)
			nargv[i++] = argv[j];
		nargv[i] = NULL;
		if (__fe_path_search("sh", path, sizeof(path)) == 0)
			rc = exec_path(path, nargv, envp, 0);
	}
	return (int)fe_err(rc);
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Collect the arguments of execl and friends into an array. */
#define MAX_LIST_ARGS 256
static int list_args(const char *arg0, va_list ap, char **argv, char ***envp)
{
	int n = 0;

	argv[n++] = (char *)arg0;
	while (arg0 && n < MAX_LIST_ARGS - 1 && (argv[n] = va_arg(ap, char *)))
		n++;
	argv[n] = NULL;
	if (envp)
		*envp = va_arg(ap, char **);
	return n;
}

int execl(const char *path, const char *arg, ...)
{
	char *argv[MAX_LIST_ARGS];
	va_list ap;

	va_start(ap, arg);
	list_args(arg, ap, argv, NULL);
	va_end(ap);
	return execve(path, argv, environ);
}

int execle(const char *path, const char *arg, ...)
{
	char *argv[MAX_LIST_ARGS], **envp;
	va_list ap;

	va_start(ap, arg);
	list_args(arg, ap, argv, &envp);
	va_end(ap);
	return execve(path, argv, envp);
}

int execlp(const char *file, const char *arg, ...)
{
	char *argv[MAX_LIST_ARGS];
	va_list ap;

	va_start(ap, arg);
	list_args(arg, ap, argv, NULL);
	va_end(ap);
	return execvp(file, argv);
}

pid_t fork(void)
{
	fe_handle_t h = FE_NO_HANDLE;
	long pid = fe_syscall(FE_SYS_FORK, (long)&h, 0, 0, 0, 0);

	if (pid < 0)
		return (pid_t)fe_err(pid);
	if (pid == 0) {
		__fe_children_forget();
		return 0;
	}
	__fe_child_add((pid_t)pid, h);
	return (pid_t)pid;
}
