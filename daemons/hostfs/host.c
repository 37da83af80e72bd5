/*
 * The host calls of hostfs (host.h), as raw x86_64 Linux system calls.
 *
 * Opens use openat2 with RESOLVE_BENEATH (no "..", absolute path or
 * symlink may leave the directory) and RESOLVE_NO_MAGICLINKS, O_NONBLOCK
 * so that a FIFO in the directory cannot stall the daemon, and
 * O_NOCTTY. Only regular files and directories are served. Linux's error
 * numbers are Ferrite's for every error both have; leaving the directory
 * (EXDEV) or a symlink loop (ELOOP) is -FE_EACCES, anything else -FE_EIO.
 */
#include "host.h"

#define SIM_FD_HOST 100 /* sim/gate.h */

#define NR_pread64 17
#define NR_lseek 8
#define NR_fstat 5
#define NR_close 3
#define NR_getdents64 217
#define NR_openat2 437

#define O_RDONLY_NB_NOCTTY_CLOEXEC 0x80900 /* O_RDONLY|O_NONBLOCK|O_NOCTTY|O_CLOEXEC */
#define RESOLVE_NO_MAGICLINKS 0x02
#define RESOLVE_BENEATH 0x08
#define EXDEV 18
#define ELOOP 40
#define S_IFMT 0170000
#define S_IFREG 0100000
#define S_IFDIR 0040000

struct open_how {
	uint64_t flags, mode, resolve;
};

/* struct stat of x86_64 Linux. */
struct linux_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	int64_t unused[3];
};

struct linux_dirent64 {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};

static long sys4(long nr, long a, long b, long c, long d)
{
	register long r10 __asm__("r10") = d;
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
	                 : "rcx", "r11", "memory");
	return ret;
}

static int fe_error(long e)
{
	if (e == -EXDEV || e == -ELOOP)
		return -FE_EACCES;
	switch (-e) {
	case FE_EPERM:
	case FE_ENOENT:
	case FE_EACCES:
	case FE_ENOTDIR:
	case FE_EISDIR:
	case FE_EINVAL:
	case FE_EMFILE:
	case FE_ENOMEM:
	case FE_ENAMETOOLONG:
	case FE_EIO:
		return (int)e;
	default:
		return -FE_EIO;
	}
}

int host_open(const char *rel)
{
	struct open_how how = { O_RDONLY_NB_NOCTTY_CLOEXEC, 0,
		                RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
	struct linux_stat st;
	long fd = sys4(NR_openat2, SIM_FD_HOST, (long)rel, (long)&how, sizeof(how));

	if (fd < 0)
		return fe_error(fd);
	if (sys4(NR_fstat, fd, (long)&st, 0, 0) < 0 ||
	    ((st.mode & S_IFMT) != S_IFREG && (st.mode & S_IFMT) != S_IFDIR)) {
		host_close((int)fd);
		return -FE_EACCES;
	}
	return (int)fd;
}

void host_close(int fd)
{
	sys4(NR_close, fd, 0, 0, 0);
}

int64_t host_pread(int fd, void *buf, uint64_t n, uint64_t off)
{
	long r = sys4(NR_pread64, fd, (long)buf, (long)n, (long)off);

	return r < 0 ? fe_error(r) : r;
}

int host_fstat(int fd, struct fe_stat *st)
{
	struct linux_stat ls;
	long r = sys4(NR_fstat, fd, (long)&ls, 0, 0);

	if (r < 0)
		return fe_error(r);
	*st = (struct fe_stat){
		.ino = ls.ino,
		.mode = ls.mode & ~0222u,
		.nlink = (uint32_t)ls.nlink,
		.size = (uint64_t)ls.size,
		.blocks = (uint64_t)ls.blocks,
		.atime_ns = ls.atime * 1000000000 + ls.atime_ns,
		.mtime_ns = ls.mtime * 1000000000 + ls.mtime_ns,
		.ctime_ns = ls.ctime * 1000000000 + ls.ctime_ns,
		.blksize = (uint32_t)ls.blksize,
	};
	return 0;
}

static bool dot_or_dotdot(const char *n)
{
	return n[0] == '.' && (!n[1] || (n[1] == '.' && !n[2]));
}

int host_readdir(int fd, bool (*fn)(void *arg, const struct host_dirent *e), void *arg)
{
	static char buf[8192] __attribute__((aligned(8)));
	long n = sys4(NR_lseek, fd, 0, 0, 0);

	while (n >= 0) {
		n = sys4(NR_getdents64, fd, (long)buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		for (long at = 0; at < n;) {
			const struct linux_dirent64 *d = (const void *)(buf + at);
			struct host_dirent e = { d->ino, (uint32_t)d->type << 12, d->name };

			at += d->reclen;
			if (!dot_or_dotdot(d->name) && !fn(arg, &e))
				return 0;
		}
	}
	return n < 0 ? fe_error(n) : 0;
}
