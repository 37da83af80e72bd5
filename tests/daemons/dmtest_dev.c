/*
 * dmtest_dev: the null:, zero: and rand: daemons, run as the first process
 * with the three daemons in the boot archive.
 *
 * null: reads give end of file, writes are swallowed whole; zero: reads
 * fill the buffer with zeros; rand: reads fill it with bytes that are not
 * all equal, and two reads differ. All three: a character device by fstat,
 * any other path is ENOENT, O_DIRECTORY is ENOTDIR, readdir is ENOTDIR, a
 * forged request id and a bad access mode are refused.
 */
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "tcheck.h"

static char buf[70000];

static char what[80];

/* "scheme: check" for the output. */
static const char *w(const char *scheme, const char *check)
{
	fe_snprintf(what, sizeof(what), "%s: %s", scheme, check);
	return what;
}

static void check_common(const char *scheme)
{
	char path[40];
	struct fe_stat st;
	int fd;
	size_t n = strlen(scheme);

	memcpy(path, scheme, n);
	memcpy(path + n, ":nope", 6);
	t_eq(w(scheme, "other path is ENOENT"), fdio_open(path, FE_O_RDONLY, 0), -FE_ENOENT);
	memcpy(path + n, ":", 2);
	t_eq(w(scheme, "O_DIRECTORY is ENOTDIR"), fdio_open(path, FE_O_RDONLY | FE_O_DIRECTORY, 0),
	     -FE_ENOTDIR);
	t_eq(w(scheme, "access mode 3 is EINVAL"), fdio_open(path, 3, 0), -FE_EINVAL);
	fd = fdio_open(path, FE_O_RDWR, 0);
	t_ok(w(scheme, "open"), fd);
	t_eq(w(scheme, "fstat"), fdio_fstat(fd, &st), 0);
	t_eq(w(scheme, "a character device"), st.mode & FE_S_IFMT, FE_S_IFCHR);
	t_eq(w(scheme, "stat by path"), fdio_stat(path, &st), 0);
	t_eq(w(scheme, "seek"), fdio_seek(fd, 100, 0), 0);
	t_eq(w(scheme, "readdir is ENOTDIR"), fdio_readdir(fd, 0, buf, 4096), -FE_ENOTDIR);
	t_eq(w(scheme, "ftruncate is EINVAL"), fdio_ftruncate(fd, 0), -FE_EINVAL);
	t_eq(w(scheme, "unlink is ENOSYS"), fdio_unlink(path), -FE_ENOSYS);
	t_eq(w(scheme, "close"), fe_close(fd), 0);
	t_eq(w(scheme, "closed fd is EBADF"), fdio_read(fd, buf, 1), -FE_EBADF);
}

static void check_null(void)
{
	int fd = fdio_open("null:", FE_O_RDWR, 0);

	t_ok("null: open", fd);
	t_eq("null: read is end of file", fdio_read(fd, buf, 100), 0);
	t_eq("null: write swallows all", fdio_write(fd, buf, 65536), 65536);
	t_eq("null: empty write", fdio_write(fd, buf, 0), 0);
	check_common("null");
	fe_close(fd);
}

static bool all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void check_zero(void)
{
	int fd = fdio_open("zero:", FE_O_RDONLY, 0);

	t_ok("zero: open", fd);
	memset(buf, 0x5a, sizeof(buf));
	t_eq("zero: read fills", fdio_read(fd, buf, 5000), 5000);
	t_true("zero: the bytes are zero", all_zero(buf, 5000));
	t_true("zero: nothing past them", buf[5000] == 0x5a);
	t_eq("zero: a read is at most 64 KiB", fdio_read(fd, buf, sizeof(buf)), 65536);
	t_eq("zero: write", fdio_write(fd, buf, 10), 10);
	check_common("zero");
	fe_close(fd);
}

static void check_rand(void)
{
	static char other[5000];
	int fd = fdio_open("rand:", FE_O_RDONLY, 0);
	size_t same = 0;

	t_ok("rand: open", fd);
	t_eq("rand: read fills", fdio_read(fd, buf, 5000), 5000);
	t_eq("rand: read again", fdio_read(fd, other, 5000), 5000);
	for (size_t i = 0; i < 5000; i++)
		same += buf[i] == other[i];
	t_true("rand: two reads differ", same < 200);
	t_true("rand: not all zero", !all_zero(buf, 5000));
	check_common("rand");
	fe_close(fd);
}

int main(void)
{
	t_service("null", false);
	t_service("zero", false);
	t_service("rand", false);
	check_null();
	check_zero();
	check_rand();
	return t_finish("dmtest_dev");
}
