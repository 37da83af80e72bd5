/*
 * Building the boot archive (kernel/include/ferrite/bootfs.h) from the
 * --module files: a header, one entry per file named by its basename, then
 * the files' bytes, each at an 8-byte aligned offset.
 *
 * Rules: every problem with a module (unreadable, name too long, two files
 * with one name) is reported on stderr as one line naming the file, and the
 * build fails with -errno; the caller exits with status 2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ferrite/bootfs.h>

#include "sim.h"

static uint64_t align8(uint64_t n)
{
	return (n + 7) & ~7ull;
}

static int module_error(const char *path, const char *why)
{
	fprintf(stderr, "ferrite-sim: module %s: %s\n", path, why);
	return -EINVAL;
}

static int read_all(int fd, uint8_t *buf, uint64_t size)
{
	while (size) {
		ssize_t n = read(fd, buf, size);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		buf += n;
		size -= (uint64_t)n;
	}
	return 0;
}

/* Check the module's name and size; fill its entry's name and size. */
static int module_stat(const char *path, struct bootfs_entry *e, const struct bootfs_entry *prev,
                       unsigned nprev)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct stat st;

	if (stat(path, &st) < 0)
		return module_error(path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return module_error(path, "not a regular file");
	if (!*name || strlen(name) >= BOOTFS_NAME_MAX)
		return module_error(path, "name empty or too long");
	for (unsigned i = 0; i < nprev; i++)
		if (!strcmp(prev[i].name, name))
			return module_error(path, "two modules with this name");
	memcpy(e->name, name, strlen(name) + 1);
	e->size = (uint64_t)st.st_size;
	return 0;
}

static int module_read(const char *path, uint8_t *dst, uint64_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int err;

	if (fd < 0)
		return module_error(path, strerror(errno));
	err = read_all(fd, dst, size);
	close(fd);
	if (err)
		return module_error(path, "read failed or file changed");
	return 0;
}

int sim_bootfs_build(char **paths, unsigned n, void **out, uint64_t *size)
{
	struct bootfs_entry *e = calloc(n ? n : 1, sizeof(*e));
	struct bootfs_header h = { .count = n };
	uint64_t off = align8(sizeof(h) + (uint64_t)n * sizeof(*e));
	uint8_t *buf;
	int err = 0;

	if (!e)
		return -ENOMEM;
	memcpy(h.magic, BOOTFS_MAGIC, sizeof(h.magic));
	for (unsigned i = 0; i < n && !err; i++) {
		err = module_stat(paths[i], &e[i], e, i);
		e[i].offset = off;
		off = align8(off + e[i].size);
	}
	buf = err ? NULL : calloc(1, off);
	if (!err && !buf)
		err = -ENOMEM;
	for (unsigned i = 0; i < n && !err; i++)
		err = module_read(paths[i], buf + e[i].offset, e[i].size);
	if (!err) {
		h.size = off;
		memcpy(buf, &h, sizeof(h));
		memcpy(buf + sizeof(h), e, (uint64_t)n * sizeof(*e));
		*out = buf;
		*size = off;
	} else {
		free(buf);
	}
	free(e);
	return err;
}
