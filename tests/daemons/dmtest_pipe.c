/*
 * dmtest_pipe: pipe: between processes, run as the first process with the
 * pipe daemon in the boot archive.
 *
 * Checks, in one process: order, partial reads, end of file once the write
 * end is closed, EPIPE once the read end is, the write end's one-time open.
 * Then with a child (this program again, "dmtest_pipe writer MODE FD",
 * inheriting the write end as descriptor FD): a read that waits until the
 * child writes; 1 MiB through the pipe in writes of assorted sizes, checked
 * byte for byte, which makes the child's writes wait while the pipe is
 * full; and end of file when the child exits.
 */
#include <stdbool.h>
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "service.h"
#include "tcheck.h"

#define BIG (1024u * 1024u)

static unsigned char buf[70000];

static unsigned char pattern(uint64_t i)
{
	return (unsigned char)(i * 131 + (i >> 9));
}

/* pipe(): the read end (close-on-exec if asked) and the write end. */
static int make_pipe(int fds[2], uint32_t rflags)
{
	char path[32];
	struct fe_stat st;
	int rc;

	fds[0] = fdio_open("pipe:", FE_O_RDONLY | rflags, 0);
	if (fds[0] < 0)
		return fds[0];
	rc = fdio_fstat(fds[0], &st);
	if (rc < 0)
		return rc;
	fe_snprintf(path, sizeof(path), "pipe:%llu", (unsigned long long)st.ino);
	fds[1] = fdio_open(path, FE_O_WRONLY, 0);
	return fds[1] < 0 ? fds[1] : 0;
}

static void check_basics(void)
{
	char path[32];
	struct fe_stat st;
	int p[2];

	t_eq("pipe made", make_pipe(p, 0), 0);
	t_eq("fstat of the read end", fdio_fstat(p[0], &st), 0);
	t_eq("a FIFO", st.mode & FE_S_IFMT, FE_S_IFIFO);
	fe_snprintf(path, sizeof(path), "pipe:%llu", (unsigned long long)st.ino);
	t_eq("second write-end open is EBUSY", fdio_open(path, FE_O_WRONLY, 0), -FE_EBUSY);
	t_eq("read end open for writing is EINVAL", fdio_open("pipe:", FE_O_WRONLY, 0), -FE_EINVAL);
	t_eq("unknown pipe is ENOENT", fdio_open("pipe:999", FE_O_WRONLY, 0), -FE_ENOENT);
	t_eq("write", fdio_write(p[1], "hello, pipe", 11), 11);
	t_eq("partial read", fdio_read(p[0], buf, 5), 5);
	t_true("partial read's bytes", memcmp(buf, "hello", 5) == 0);
	t_eq("rest", fdio_read(p[0], buf, sizeof(buf)), 6);
	t_eq("seek is ESPIPE", fdio_seek(p[0], 0, 0), -FE_ESPIPE);
	t_eq("read from the write end is EBADF", fdio_read(p[1], buf, 1), -FE_EBADF);
	t_eq("write end closed", fe_close(p[1]), 0);
	t_eq("end of file", fdio_read(p[0], buf, 10), 0);
	t_eq("read end closed", fe_close(p[0]), 0);

	t_eq("second pipe", make_pipe(p, 0), 0);
	t_eq("its read end closed", fe_close(p[0]), 0);
	t_eq("write without reader is EPIPE", fdio_write(p[1], "x", 1), -FE_EPIPE);
	fe_close(p[1]);
}

static fe_handle_t spawn_writer(const char *mode, int fd)
{
	char num[16];
	const char *argv[] = { "dmtest_pipe", "writer", mode, num, NULL };
	fe_handle_t proc;
	int rc;

	fe_snprintf(num, sizeof(num), "%d", fd);
	rc = boot_spawn("dmtest_pipe", argv, NULL, 0, FE_SPAWN_FDS, &proc);
	if (rc < 0) {
		fe_printf("FAIL spawn writer: %d\n", rc);
		fe_exit(1);
	}
	return proc;
}

static void check_waiting_read(void)
{
	struct fe_exit ex;
	fe_handle_t child;
	int p[2];
	uint64_t t0;

	t_eq("pipe for the late writer", make_pipe(p, FE_O_CLOEXEC), 0);
	child = spawn_writer("late", p[1]);
	fe_close(p[1]);
	t0 = fe_clock();
	t_eq("read waits for the late write", fdio_read(p[0], buf, sizeof(buf)), 4);
	t_true("the read waited", fe_clock() - t0 >= 20 * 1000 * 1000);
	t_true("late bytes", memcmp(buf, "late", 4) == 0);
	t_eq("end of file after the writer exits", fdio_read(p[0], buf, 10), 0);
	t_eq("writer ended", fe_proc_wait(child, &ex, FE_FOREVER), 0);
	t_eq("writer's status", ex.code, 0);
	fe_close(p[0]);
}

static void check_big(void)
{
	uint64_t got = 0, bad = 0, t0 = fe_clock();
	struct fe_exit ex;
	fe_handle_t child;
	int p[2];
	long n;

	t_eq("pipe for the big transfer", make_pipe(p, FE_O_CLOEXEC), 0);
	child = spawn_writer("big", p[1]);
	fe_close(p[1]);
	while ((n = fdio_read(p[0], buf, 3000 + got % 9000)) > 0) {
		for (long i = 0; i < n; i++)
			bad += buf[i] != pattern(got + (uint64_t)i);
		got += (uint64_t)n;
	}
	t_eq("big transfer ends with end of file", n, 0);
	t_eq("every byte arrived", (long)got, BIG);
	t_eq("every byte right", (long)bad, 0);
	t_eq("big writer ended", fe_proc_wait(child, &ex, FE_FOREVER), 0);
	t_eq("big writer's status", ex.code, 0);
	fe_printf("info: 1 MiB through a pipe in %llu us\n",
	          (unsigned long long)(fe_clock() - t0) / 1000);
	fe_close(p[0]);
}

static int writer(const char *mode, int fd)
{
	uint64_t sent = 0;

	if (strcmp(mode, "late") == 0) {
		fe_sleep(50 * 1000 * 1000);
		return fdio_write(fd, "late", 4) == 4 ? 0 : 1;
	}
	while (sent < BIG) {
		uint64_t n = 1 + (sent * 7919) % 65536;
		long rc;

		if (n > BIG - sent)
			n = BIG - sent;
		for (uint64_t i = 0; i < n; i++)
			buf[i] = pattern(sent + i);
		rc = fdio_write(fd, buf, n);
		if (rc != (long)n) {
			fe_printf("writer: write %llu = %ld\n", (unsigned long long)n, rc);
			return 1;
		}
		sent += n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "writer") == 0)
		return writer(argv[2], argv[3][0] - '0');
	t_service("pipe", false);
	check_basics();
	check_waiting_read();
	check_big();
	return t_finish("dmtest_pipe");
}
