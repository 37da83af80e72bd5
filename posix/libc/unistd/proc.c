/*
 * The process's identity and limits: pids, process groups and sessions
 * (the kernel's), the (single) user, sysconf, host and system names. Ferrite has no users: every id is 0, root. The
 * parent's pid comes from the kernel's process list (FE_INFO_PROCS).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

pid_t getpid(void)
{
	return (pid_t)fe_getpid();
}

/* This process's entry in the kernel's list; 0 or -FE_E*. */
int __fe_self_info(struct fe_procinfo *out)
{
	static struct fe_procinfo list[256];
	long me = fe_getpid();
	long n = fe_sysinfo(FE_INFO_PROCS, list, sizeof(list));

	if (n < 0)
		return (int)n;
	for (long i = 0; i < n && i < 256; i++)
		if (list[i].pid == (uint32_t)me) {
			*out = list[i];
			return 0;
		}
	return -FE_ESRCH;
}

pid_t getppid(void)
{
	struct fe_procinfo self;

	return __fe_self_info(&self) < 0 ? 0 : (pid_t)self.parent;
}

pid_t getpgrp(void)
{
	return (pid_t)fe_getpgid(0);
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)fe_err(pid < 0 ? -FE_ESRCH : fe_getpgid(pid));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)fe_err(pid < 0 ? -FE_ESRCH : fe_getsid(pid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)fe_err(fe_setpgid(pid, pgid));
}

pid_t setsid(void)
{
	return (pid_t)fe_err(fe_setsid());
}

/* The terminal's foreground group: the console's TIOCGPGRP and TIOCSPGRP. */
pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	if (pgrp <= 0) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TIOCSPGRP, &pgrp);
}

uid_t getuid(void)
{
	return 0;
}

uid_t geteuid(void)
{
	return 0;
}

gid_t getgid(void)
{
	return 0;
}

gid_t getegid(void)
{
	return 0;
}

int setuid(uid_t uid)
{
	return uid == 0 ? 0 : (int)fe_err(-FE_EPERM);
}

int setgid(gid_t gid)
{
	return gid == 0 ? 0 : (int)fe_err(-FE_EPERM);
}

long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX:
		return FE_SPAWN_MAX_ARGS;
	case _SC_CHILD_MAX:
		return CHILD_MAX;
	case _SC_CLK_TCK:
		return 100;
	case _SC_OPEN_MAX:
		return FE_OPEN_MAX;
	case _SC_PAGESIZE:
		return FE_PAGE_SIZE;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;
	default:
		errno = EINVAL;
		return -1;
	}
}

long pathconf(const char *path, int name)
{
	if (name == _PC_NAME_MAX)
		return NAME_MAX;
	if (name == _PC_PATH_MAX)
		return PATH_MAX;
	errno = EINVAL;
	return -1;
}

long fpathconf(int fd, int name)
{
	return pathconf("", name);
}

int getpagesize(void)
{
	return FE_PAGE_SIZE;
}

int gethostname(char *name, size_t len)
{
	if (strlcpy(name, "ferrite", len) >= len)
		return (int)fe_err(-FE_ENAMETOOLONG);
	return 0;
}

int uname(struct utsname *u)
{
	memset(u, 0, sizeof(*u));
	strcpy(u->sysname, "Ferrite");
	strcpy(u->nodename, "ferrite");
	strcpy(u->release, "0.1.0");
	strcpy(u->version, "Ferrite microkernel");
	strcpy(u->machine, "x86_64");
	return 0;
}
