/*
 * The user and group databases (one user and one group, root) and resource
 * limits (none).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/resource.h>

#include <ferrite/scheme.h>

static struct passwd root = { "root", "", 0, 0, "root", "/", "/bin/sh" };
static char *no_members[] = { NULL };
static struct group root_group = { "root", "", 0, no_members };

struct passwd *getpwuid(uid_t uid)
{
	return uid == 0 ? &root : NULL;
}

struct passwd *getpwnam(const char *name)
{
	return strcmp(name, "root") == 0 ? &root : NULL;
}

struct group *getgrgid(gid_t gid)
{
	return gid == 0 ? &root_group : NULL;
}

struct group *getgrnam(const char *name)
{
	return strcmp(name, "root") == 0 ? &root_group : NULL;
}

int getrlimit(int resource, struct rlimit *rl)
{
	if (resource < 0 || resource > RLIMIT_AS) {
		errno = EINVAL;
		return -1;
	}
	rl->rlim_cur = rl->rlim_max = resource == RLIMIT_NOFILE ? FE_OPEN_MAX : RLIM_INFINITY;
	return 0;
}

int setrlimit(int resource, const struct rlimit *rl)
{
	if (resource < 0 || resource > RLIMIT_AS || rl->rlim_cur > rl->rlim_max) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}
