/*
 * dmtest_sys: sys: with real processes, run as the first process with the
 * sys daemon (and null, as a second service) in the boot archive. sys:proc
 * lists this process as pid 1 with no parent, waiting for sys, and both
 * daemons as its children: sys running, null blocked waiting for
 * requests; uptime grows; meminfo has its three figures.
 */
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "tcheck.h"

static char text[16384];

static long slurp(const char *path)
{
	int fd = fdio_open(path, FE_O_RDONLY, 0);
	long n, len = 0;

	if (fd < 0)
		return fd;
	while ((n = fdio_read(fd, text + len, 100)) > 0 && len < (long)sizeof(text) - 200)
		len += n;
	text[len] = '\0';
	fe_close(fd);
	return n < 0 ? n : len;
}

/* Is there a line starting with `start` and ending with ` name`? */
static bool has_line(const char *start, const char *name)
{
	size_t ls = strlen(start), ln = strlen(name);

	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > ls + ln && !memcmp(p, start, ls) && !memcmp(p + len - ln, name, ln) &&
		    p[len - ln - 1] == ' ')
			return true;
		p += len + (end ? 1 : 0);
	}
	return false;
}

static bool contains(const char *word)
{
	size_t n = strlen(word);

	for (const char *p = text; *p; p++)
		if (!strncmp(p, word, n))
			return true;
	return false;
}

static uint64_t seconds_x100(void)
{
	uint64_t v = 0;

	for (const char *p = text; *p && *p != '\n'; p++)
		if (*p >= '0' && *p <= '9')
			v = v * 10 + (uint64_t)(*p - '0');
	return v;
}

int main(void)
{
	uint64_t before;

	t_service("sys", false);
	t_service("null", false);
	t_true("read sys:proc", slurp("sys:proc") > 0);
	fe_printf("%s", text);
	/* The snapshot is taken while we wait for sys to answer our open. */
	t_true("this process is pid 1, parent 0", has_line("1 0 blocked 1 ", "dmtest_sys"));
	t_true("sys is its running child", has_line("2 1 running 1 ", "sys"));
	t_true("null is its blocked child", has_line("3 1 blocked 1 ", "null"));
	t_true("read sys:uptime", slurp("sys:uptime") > 0);
	before = seconds_x100();
	fe_sleep(50 * 1000 * 1000);
	slurp("sys:uptime");
	t_true("uptime grows", seconds_x100() >= before + 5);
	t_true("read sys:meminfo", slurp("sys:meminfo") > 0);
	t_true("meminfo has the kernel heap",
	       contains("kernel_heap_used ") && contains("kernel_heap_size "));
	t_true("meminfo has user memory", contains("user_mapped "));
	t_eq("sys: is read-only", fdio_open("sys:proc", FE_O_WRONLY, 0), -FE_EROFS);
	t_eq("no such file", fdio_open("sys:nothing", FE_O_RDONLY, 0), -FE_ENOENT);
	return t_finish("dmtest_sys");
}
