/*
 * dmtest_initfs: initfs: against the boot archive itself, run as the first
 * process with the initfs daemon in the archive. Every file the archive
 * holds reads back byte for byte through initfs (in odd-sized reads, and
 * from a seek), the directory lists exactly the archive's names, stat
 * agrees, and every change is refused.
 */
#include <stddef.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/bootfs.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "service.h"
#include "tcheck.h"

static char buf[70000];
static const char *archive;
static uint64_t archive_size;

static struct bootfs_entry entry(uint32_t i)
{
	struct bootfs_entry e;

	memcpy(&e, archive + sizeof(struct bootfs_header) + i * sizeof(e), sizeof(e));
	return e;
}

/* Read the whole file through fd and compare it with the archive's bytes. */
static bool same(int fd, const struct bootfs_entry *e)
{
	uint64_t off = 0;
	long n;

	while ((n = fdio_read(fd, buf, 777 + off % 5000)) > 0) {
		if (off + (uint64_t)n > e->size || memcmp(buf, archive + e->offset + off, n))
			return false;
		off += (uint64_t)n;
	}
	return n == 0 && off == e->size;
}

static void check_files(uint32_t count)
{
	char path[80], what[96];
	struct fe_stat st;

	for (uint32_t i = 0; i < count; i++) {
		struct bootfs_entry e = entry(i);
		int fd;

		fe_snprintf(path, sizeof(path), "initfs:/%s", e.name);
		fd = fdio_open(path, FE_O_RDONLY, 0);
		fe_snprintf(what, sizeof(what), "%s reads as in the archive", e.name);
		t_true(what, fd >= 0 && same(fd, &e));
		fe_snprintf(what, sizeof(what), "%s: stat size", e.name);
		t_eq(what, fdio_stat(path, &st) == 0 ? (long)st.size : -1, (long)e.size);
		if (e.size > 100) {
			fe_snprintf(what, sizeof(what), "%s: read after seek", e.name);
			fdio_seek(fd, (int64_t)e.size - 100, 0);
			t_true(what, fdio_read(fd, buf, 200) == 100 &&
			                     !memcmp(buf, archive + e.offset + e.size - 100, 100));
		}
		fe_close(fd);
	}
}

static void check_listing(uint32_t count)
{
	int fd = fdio_open("initfs:/", FE_O_RDONLY | FE_O_DIRECTORY, 0);
	uint64_t cookie = 0;
	uint32_t seen = 0, matched = 0;
	long n;

	t_ok("open the directory", fd);
	while ((n = fdio_readdir(fd, cookie, buf, 100)) > 0) {
		for (long at = 0; at < n;) {
			struct fe_dirent d;
			const char *name = buf + at + offsetof(struct fe_dirent, name);

			memcpy(&d, buf + at, sizeof(d));
			if (seen >= 2 && seen - 2 < count)
				matched += strcmp(name, entry(seen - 2).name) == 0;
			seen++;
			cookie = d.cookie;
			at += d.reclen;
		}
	}
	t_eq("the listing ends", n, 0);
	t_eq("it has . .. and every file", seen, count + 2);
	t_eq("with the archive's names, in order", matched, count);
	fe_close(fd);
}

static void check_refusals(void)
{
	int fd = fdio_open("initfs:/dmtest_initfs", FE_O_RDONLY, 0);

	t_eq("open for writing is EROFS", fdio_open("initfs:/dmtest_initfs", FE_O_RDWR, 0),
	     -FE_EROFS);
	t_eq("create is EROFS", fdio_open("initfs:/new", FE_O_RDWR | FE_O_CREAT, 0644), -FE_EROFS);
	t_eq("write is EROFS", fdio_write(fd, "x", 1), -FE_EROFS);
	t_eq("unlink is EROFS", fdio_unlink("initfs:/dmtest_initfs"), -FE_EROFS);
	t_eq("mkdir is EROFS", fdio_mkdir("initfs:/d", 0755), -FE_EROFS);
	t_eq("missing file is ENOENT", fdio_open("initfs:/none", FE_O_RDONLY, 0), -FE_ENOENT);
	t_eq("a file is no directory", fdio_open("initfs:/initfs/x", FE_O_RDONLY, 0), -FE_ENOTDIR);
	fe_close(fd);
}

int main(void)
{
	struct bootfs_header h;
	const void *base;

	t_service("initfs", true);
	if (boot_map(FE_BOOTFS_HANDLE, &base, &archive_size) < 0) {
		fe_printf("FAIL: cannot map the archive\n");
		return 1;
	}
	archive = base;
	memcpy(&h, archive, sizeof(h));
	t_true("the archive has files", h.count >= 2);
	check_files(h.count);
	check_listing(h.count);
	check_refusals();
	return t_finish("dmtest_initfs");
}
