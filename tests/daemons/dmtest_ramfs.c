/*
 * dmtest_ramfs: file: served by ramfs, through the kernel's descriptors,
 * run as the first process with the ramfs daemon in the boot archive.
 *
 * The starting tree; create, write, read, seek, truncate, append; readdir
 * in small buffers; unlink (also of an open file), mkdir, rmdir, rename of
 * files and directories; paths with and without "file:", "." and "..";
 * and the errors ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, EBADF,
 * ENAMETOOLONG. A child process inherits a descriptor and shares its
 * offset, as POSIX says of an open file description.
 */
#include <stddef.h>
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "service.h"
#include "tcheck.h"

static char buf[8192];

static void check_start(void)
{
	struct fe_stat st;
	int fd;

	t_eq("stat /", fdio_stat("/", &st), 0);
	t_eq("/ is a directory", st.mode & FE_S_IFMT, FE_S_IFDIR);
	t_eq("stat file:/tmp", fdio_stat("file:/tmp", &st), 0);
	t_eq("/tmp is sticky and open to all", st.mode, FE_S_IFDIR | 01777);
	t_eq("stat /home", fdio_stat("/home", &st), 0);
	fd = fdio_open("/etc/motd", FE_O_RDONLY, 0);
	t_ok("open /etc/motd", fd);
	t_true("motd greets",
	       fdio_read(fd, buf, sizeof(buf)) > 0 && memcmp(buf, "Welcome to Ferrite", 18) == 0);
	fe_close(fd);
}

static void check_files(void)
{
	struct fe_stat st;
	int fd = fdio_open("/tmp/f", FE_O_RDWR | FE_O_CREAT | FE_O_EXCL, 0600), fd2;

	t_ok("create /tmp/f", fd);
	t_eq("create again with O_EXCL is EEXIST",
	     fdio_open("/tmp/f", FE_O_RDWR | FE_O_CREAT | FE_O_EXCL, 0600), -FE_EEXIST);
	t_eq("write", fdio_write(fd, "hello, ramfs", 12), 12);
	t_eq("seek to 7", fdio_seek(fd, 7, 0), 7);
	t_eq("read after seek", fdio_read(fd, buf, 100), 5);
	t_true("the right bytes", memcmp(buf, "ramfs", 5) == 0);
	t_eq("read at end", fdio_read(fd, buf, 100), 0);
	t_eq("seek before start is EINVAL", fdio_seek(fd, -1, 0), -FE_EINVAL);
	t_eq("truncate to 5", fdio_ftruncate(fd, 5), 0);
	t_eq("fstat", fdio_fstat(fd, &st), 0);
	t_eq("size after truncate", (long)st.size, 5);
	t_eq("mode", st.mode, FE_S_IFREG | 0600);
	t_eq("fsync", fdio_fsync(fd), 0);
	fd2 = fdio_open("file:/tmp/./x/../f", FE_O_WRONLY | FE_O_APPEND, 0);
	t_ok("open with . and .. for append", fd2);
	t_eq("append", fdio_write(fd2, "!", 1), 1);
	t_eq("stat after append", fdio_stat("/tmp/f", &st), 0);
	t_eq("size after append", (long)st.size, 6);
	t_eq("read from write-only is EBADF", fdio_read(fd2, buf, 1), -FE_EBADF);
	fe_close(fd2);
	t_eq("truncate via O_TRUNC", (fd2 = fdio_open("/tmp/f", FE_O_WRONLY | FE_O_TRUNC, 0)) >= 0,
	     1);
	fe_close(fd2);
	t_eq("stat after O_TRUNC", fdio_stat("/tmp/f", &st), 0);
	t_eq("empty after O_TRUNC", (long)st.size, 0);
	fe_close(fd);
	t_eq("read on a closed descriptor is EBADF", fdio_read(fd, buf, 1), -FE_EBADF);
}

static void check_errors(void)
{
	char name[300] = "/tmp/";

	t_eq("open missing is ENOENT", fdio_open("/tmp/none", FE_O_RDONLY, 0), -FE_ENOENT);
	t_eq("create under a file is ENOTDIR",
	     fdio_open("/etc/motd/x", FE_O_RDWR | FE_O_CREAT, 0644), -FE_ENOTDIR);
	t_eq("open a directory for writing is EISDIR", fdio_open("/tmp", FE_O_WRONLY, 0),
	     -FE_EISDIR);
	t_eq("O_DIRECTORY on a file is ENOTDIR",
	     fdio_open("/etc/motd", FE_O_RDONLY | FE_O_DIRECTORY, 0), -FE_ENOTDIR);
	t_eq("unlink a directory is EISDIR", fdio_unlink("/tmp"), -FE_EISDIR);
	t_eq("rmdir a file is ENOTDIR", fdio_rmdir("/etc/motd"), -FE_ENOTDIR);
	t_eq("rmdir non-empty is ENOTEMPTY", fdio_rmdir("/etc"), -FE_ENOTEMPTY);
	t_eq("mkdir existing is EEXIST", fdio_mkdir("/tmp", 0755), -FE_EEXIST);
	memset(name + 5, 'n', 256);
	t_eq("a 256-byte name is ENAMETOOLONG", fdio_open(name, FE_O_RDWR | FE_O_CREAT, 0644),
	     -FE_ENAMETOOLONG);
	t_eq("unknown scheme is ENODEV", fdio_open("nosuch:x", FE_O_RDONLY, 0), -FE_ENODEV);
}

/* Every name in dir, in buffers of `room` bytes, joined with spaces. */
static long list(const char *dir, uint64_t room, char *out)
{
	int fd = fdio_open(dir, FE_O_RDONLY | FE_O_DIRECTORY, 0);
	uint64_t cookie = 0;
	long n, count = 0;

	out[0] = '\0';
	if (fd < 0)
		return fd;
	while ((n = fdio_readdir(fd, cookie, buf, room)) > 0) {
		for (long at = 0; at < n;) {
			struct fe_dirent d;
			size_t len = strlen(out);

			memcpy(&d, buf + at, sizeof(d));
			fe_snprintf(out + len, 1024 - len, "%s%s", len ? " " : "",
			            buf + at + offsetof(struct fe_dirent, name));
			cookie = d.cookie;
			at += d.reclen;
			count++;
		}
	}
	fe_close(fd);
	return n < 0 ? n : count;
}

static void check_dirs(void)
{
	static char names[1024], again[1024];
	char path[32];
	int fd;

	t_eq("mkdir /tmp/d", fdio_mkdir("/tmp/d", 0755), 0);
	for (int i = 0; i < 20; i++) {
		fe_snprintf(path, sizeof(path), "/tmp/d/file%02d", i);
		fd = fdio_open(path, FE_O_WRONLY | FE_O_CREAT, 0644);
		fe_close(fd);
	}
	t_eq("readdir lists 22 entries", list("/tmp/d", 4096, names), 22);
	t_eq("readdir in 40-byte buffers lists them too", list("/tmp/d", 40, again), 22);
	t_true("the same names in the same order", strcmp(names, again) == 0);
	t_true("starting with . and ..", strncmp(names, ". .. file00 file01", 18) == 0);
	fd = fdio_open("/tmp/d", FE_O_RDONLY, 0);
	t_eq("readdir with no room is EINVAL", fdio_readdir(fd, 0, buf, 8), -FE_EINVAL);
	t_eq("read a directory is EISDIR", fdio_read(fd, buf, 10), -FE_EISDIR);
	fe_close(fd);
	t_eq("rmdir a full directory is ENOTEMPTY", fdio_rmdir("/tmp/d"), -FE_ENOTEMPTY);
	for (int i = 0; i < 20; i++) {
		fe_snprintf(path, sizeof(path), "/tmp/d/file%02d", i);
		if (fdio_unlink(path) < 0)
			t_true("unlink", false);
	}
	t_eq("unlink gone is ENOENT", fdio_unlink("/tmp/d/file00"), -FE_ENOENT);
	t_eq("rmdir emptied", fdio_rmdir("/tmp/d"), 0);
	t_eq("rmdir again is ENOENT", fdio_rmdir("/tmp/d"), -FE_ENOENT);
}

static void check_rename(void)
{
	struct fe_stat st;
	int fd = fdio_open("/tmp/a", FE_O_RDWR | FE_O_CREAT, 0644);

	fdio_write(fd, "AAA", 3);
	t_eq("rename a file", fdio_rename("/tmp/a", "/tmp/b"), 0);
	t_eq("old name gone", fdio_stat("/tmp/a", &st), -FE_ENOENT);
	t_eq("the open file follows", fdio_write(fd, "B", 1), 1);
	t_eq("new name has it all", fdio_stat("/tmp/b", &st) == 0 ? (long)st.size : -1, 4);
	fe_close(fd);
	t_eq("mkdir /tmp/dir", fdio_mkdir("/tmp/dir", 0755), 0);
	t_eq("move the file in", fdio_rename("/tmp/b", "file:/tmp/dir/b"), 0);
	t_eq("rename a directory", fdio_rename("/tmp/dir", "/home/dir"), 0);
	t_eq("its file came along", fdio_stat("/home/dir/b", &st), 0);
	t_eq("into itself is EINVAL", fdio_rename("/home/dir", "/home/dir/sub"), -FE_EINVAL);
	t_eq("a file over a directory is EISDIR", fdio_rename("/home/dir/b", "/home"), -FE_EISDIR);
	t_eq("a directory over a file is ENOTDIR", fdio_rename("/home/dir", "/etc/motd"),
	     -FE_ENOTDIR);
	t_eq("over a non-empty directory is ENOTEMPTY", fdio_rename("/tmp", "/home"),
	     -FE_ENOTEMPTY);
	t_eq("missing source is ENOENT", fdio_rename("/nope", "/x"), -FE_ENOENT);
}

static void check_unlink_open(void)
{
	int fd = fdio_open("/tmp/ghost", FE_O_RDWR | FE_O_CREAT, 0644);

	fdio_write(fd, "boo", 3);
	t_eq("unlink an open file", fdio_unlink("/tmp/ghost"), 0);
	t_eq("its name is gone", fdio_open("/tmp/ghost", FE_O_RDONLY, 0), -FE_ENOENT);
	t_eq("it can still be read", fdio_seek(fd, 0, 0) == 0 ? fdio_read(fd, buf, 10) : -1, 3);
	fe_close(fd);
}

/* The child: append "child" at the shared offset of descriptor argv[2]. */
static int child(const char *fd)
{
	return fdio_write(fd[0] - '0', "child", 5) == 5 ? 0 : 1;
}

static void check_inherit(void)
{
	char num[4];
	const char *argv[] = { "dmtest_ramfs", "child", num, NULL };
	struct fe_exit ex;
	fe_handle_t proc;
	int fd = fdio_open("/tmp/shared", FE_O_RDWR | FE_O_CREAT, 0644);

	fdio_write(fd, "parent ", 7);
	fe_snprintf(num, sizeof(num), "%d", fd);
	t_eq("spawn a child with the descriptor",
	     boot_spawn("dmtest_ramfs", argv, NULL, 0, FE_SPAWN_FDS, &proc), 0);
	t_eq("child ended", fe_proc_wait(proc, &ex, FE_FOREVER) == 0 ? ex.code : -1, 0);
	t_eq("the offset is shared", fdio_seek(fd, 0, 1), 12);
	fdio_seek(fd, 0, 0);
	t_eq("both writes are there", fdio_read(fd, buf, 100), 12);
	t_true("in order", memcmp(buf, "parent child", 12) == 0);
	fe_close(fd);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child(argv[2]);
	t_service("ramfs", false);
	check_start();
	check_files();
	check_errors();
	check_dirs();
	check_rename();
	check_unlink_open();
	check_inherit();
	return t_finish("dmtest_ramfs");
}
