/*
 * dmtest_init: run by init ("init dmtest_init"), with every daemon in the
 * boot archive: the program init starts has the console as descriptors 0,
 * 1 and 2, every service's scheme answers, and its exit status (3) becomes
 * init's and so the machine's. Its standard input is the sim's, which the
 * test runner makes empty: a read of descriptor 0 is end of file.
 *
 * "init dmtest_init cat" copies descriptor 0 to descriptor 1 until the end
 * of the input, in reads and writes of assorted sizes, and prints nothing
 * else (tests/daemons/run-input feeds it).
 */
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "tcheck.h"

static void check_fds(void)
{
	static const char out[] = "dmtest_init: written to descriptor 1\n";
	static const char err[] = "dmtest_init: written to descriptor 2\n";
	struct fe_stat st;
	char c;

	for (int fd = 0; fd < 3; fd++)
		t_true("descriptor is the console",
		       fdio_fstat(fd, &st) == 0 && (st.mode & FE_S_IFMT) == FE_S_IFCHR);
	t_eq("write to descriptor 1", fdio_write(1, out, sizeof(out) - 1), sizeof(out) - 1);
	t_eq("write to descriptor 2", fdio_write(2, err, sizeof(err) - 1), sizeof(err) - 1);
	t_eq("empty input reads as end of file", fdio_read(0, &c, 1), 0);
	t_eq("and again", fdio_read(0, &c, 1), 0);
	t_eq("termios is refused off a terminal", fdio_ioctl(0, 0x5401, 0), -FE_ENOTTY);
	t_eq("descriptor 3 is free", fdio_fstat(3, &st), -FE_EBADF);
}

static void check_schemes(void)
{
	static const char *const paths[] = { "null:",    "zero:",    "rand:",
		                             "pipe:",    "initfs:/", "initfs:/dmtest_init",
		                             "sys:proc", "console:", "/etc/motd" };

	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		char what[64];
		int fd = fdio_open(paths[i], FE_O_RDONLY, 0);

		fe_snprintf(what, sizeof(what), "open %s", paths[i]);
		t_ok(what, fd);
		fe_close(fd);
	}
}

static int cat(void)
{
	static char buf[5000];
	uint64_t round = 0;
	long n;

	while ((n = fdio_read(0, buf, 1 + (round++ * 977) % sizeof(buf))) > 0)
		for (long done = 0; done < n;) {
			long w = fdio_write(1, buf + done, (uint64_t)(n - done));

			if (w <= 0)
				return 2;
			done += w;
		}
	return n == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 2 && argv[1][0] == 'c')
		return cat();
	check_fds();
	check_schemes();
	return t_finish("dmtest_init") == 0 ? 3 : 1;
}
