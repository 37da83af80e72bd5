/*
 * dmtest_dead: a scheme server that dies, seen from its clients. Run as
 * the first process with ramfs and pipe in the boot archive.
 *
 * ramfs is killed while this process holds a descriptor on it: the next
 * read fails at once with -FE_EPIPE (no server), as does a new open. A new
 * ramfs then registers file: again; the old descriptor is -FE_ESTALE (the
 * server was restarted) and new ones work on the fresh tree.
 *
 * A child blocks in a read of an empty pipe, which the pipe daemon keeps
 * unanswered; when the daemon is killed the child's read fails with
 * -FE_ECONNRESET instead of waiting forever.
 */
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "service.h"
#include "tcheck.h"

static char buf[256];

static void kill_and_wait(const char *what, fe_handle_t proc)
{
	struct fe_exit ex;

	t_eq(what, fe_proc_kill(proc), 0);
	t_eq("it is gone", fe_proc_wait(proc, &ex, FE_FOREVER) == 0 ? (long)ex.kind : -1,
	     FE_EXIT_KILLED);
}

static void check_ramfs(void)
{
	fe_handle_t ramfs = t_service("ramfs", false);
	struct fe_stat st;
	int fd = fdio_open("/tmp/precious", FE_O_RDWR | FE_O_CREAT, 0644), fd2;

	t_ok("open a file on ramfs", fd);
	t_eq("write to it", fdio_write(fd, "data", 4), 4);
	kill_and_wait("kill ramfs", ramfs);
	t_eq("read after the server died is EPIPE", fdio_read(fd, buf, 4), -FE_EPIPE);
	t_eq("write too", fdio_write(fd, "x", 1), -FE_EPIPE);
	t_eq("a new open too", fdio_open("/etc/motd", FE_O_RDONLY, 0), -FE_EPIPE);
	t_eq("stat too", fdio_stat("/etc/motd", &st), -FE_EPIPE);
	t_service("ramfs", false);
	t_eq("after a restart the old descriptor is ESTALE", fdio_read(fd, buf, 4), -FE_ESTALE);
	t_eq("closing it works", fe_close(fd), 0);
	fd2 = fdio_open("/etc/motd", FE_O_RDONLY, 0);
	t_ok("new opens reach the new server", fd2);
	t_true("which serves a fresh tree",
	       fdio_read(fd2, buf, sizeof(buf)) > 0 &&
	               fdio_open("/tmp/precious", FE_O_RDONLY, 0) == -FE_ENOENT);
	fe_close(fd2);
}

/* The child: read descriptor argv[2] and exit 0 if the read failed with
 * ECONNRESET. */
static int reader(const char *fd)
{
	long rc = fdio_read(fd[0] - '0', buf, sizeof(buf));

	fe_printf("reader: read = %ld %s\n", rc, t_errname(rc));
	return rc == -FE_ECONNRESET ? 0 : 1;
}

static void check_blocked_reader(void)
{
	fe_handle_t pipe = t_service("pipe", false), child;
	char path[32], num[4];
	const char *argv[] = { "dmtest_dead", "reader", num, NULL };
	struct fe_stat st;
	struct fe_exit ex;
	int r = fdio_open("pipe:", FE_O_RDONLY, 0), w;

	fdio_fstat(r, &st);
	fe_snprintf(path, sizeof(path), "pipe:%llu", (unsigned long long)st.ino);
	w = fdio_open(path, FE_O_WRONLY | FE_O_CLOEXEC, 0);
	t_ok("a pipe", w);
	fe_snprintf(num, sizeof(num), "%d", r);
	t_eq("spawn a reader", boot_spawn("dmtest_dead", argv, NULL, 0, FE_SPAWN_FDS, &child), 0);
	fe_sleep(50 * 1000 * 1000);
	t_eq("the reader is still waiting", fe_proc_wait(child, &ex, FE_POLL), -FE_ETIMEDOUT);
	kill_and_wait("kill the pipe daemon", pipe);
	t_eq("the reader ended", fe_proc_wait(child, &ex, 5ll * 1000 * 1000 * 1000), 0);
	t_eq("its read failed with ECONNRESET", ex.code, 0);
	t_eq("our write end fails with EPIPE", fdio_write(w, "x", 1), -FE_EPIPE);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "reader") == 0)
		return reader(argv[2]);
	check_ramfs();
	check_blocked_reader();
	return t_finish("dmtest_dead");
}
