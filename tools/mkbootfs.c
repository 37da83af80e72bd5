/*
 * mkbootfs: pack files into a Ferrite boot archive (<ferrite/bootfs.h>).
 *
 *     mkbootfs -o ARCHIVE FILE[=NAME] ...
 *
 * Each file is stored under NAME, or its base name, in the order given;
 * names must be unique, non-empty, shorter than BOOTFS_NAME_MAX and free of
 * '/'. File data starts 8-byte aligned and the archive is padded to 8
 * bytes: the layout sim/bootfs.c builds in-process for the same files, so
 * both machines get the same archive. A host tool: used by scripts/qemu,
 * scripts/mkiso and the native tests to build the archive that travels as
 * the boot module.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ferrite/bootfs.h>

struct input {
	const char *path;
	char name[BOOTFS_NAME_MAX];
	unsigned char *data;
	uint64_t size;
};

static void usage(void)
{
	fprintf(stderr, "usage: mkbootfs -o ARCHIVE FILE[=NAME] ...\n");
	exit(2);
}

static int read_file(struct input *in)
{
	FILE *f = fopen(in->path, "rb");
	long n;

	if (!f)
		return -errno;
	if (fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
		fclose(f);
		return -EIO;
	}
	in->size = (uint64_t)n;
	in->data = malloc(n ? (size_t)n : 1);
	if (!in->data || fread(in->data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return -EIO;
	}
	fclose(f);
	return 0;
}

/* Split "path=name" (or take the base name); 0, or -EINVAL for a bad name. */
static int parse_input(char *arg, struct input *in)
{
	char *eq = strchr(arg, '=');
	const char *name;

	if (eq)
		*eq = '\0';
	in->path = arg;
	name = eq ? eq + 1 : (strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg);
	if (!*name || strlen(name) >= BOOTFS_NAME_MAX || strchr(name, '/'))
		return -EINVAL;
	strcpy(in->name, name);
	return 0;
}

static int write_archive(const char *out, struct input *in, unsigned n)
{
	uint64_t off = sizeof(struct bootfs_header) + n * sizeof(struct bootfs_entry);
	struct bootfs_entry *e = calloc(n ? n : 1, sizeof(*e));
	struct bootfs_header h = { .count = n };
	static const char zero[8];
	FILE *f = fopen(out, "wb");
	int ok = f && e;

	for (unsigned i = 0; ok && i < n; i++) {
		off = (off + 7) & ~7ull;
		memcpy(e[i].name, in[i].name, sizeof(e[i].name));
		e[i].offset = off;
		e[i].size = in[i].size;
		off += in[i].size;
	}
	memcpy(h.magic, BOOTFS_MAGIC, sizeof(h.magic));
	h.size = (off + 7) & ~7ull;
	ok = ok && fwrite(&h, sizeof(h), 1, f) == 1 && fwrite(e, sizeof(*e), n, f) == n;
	for (unsigned i = 0; ok && i <= n; i++) {
		long pad = (long)(i < n ? e[i].offset : h.size) - ftell(f);

		ok = pad >= 0 && fwrite(zero, 1, (size_t)pad, f) == (size_t)pad &&
		     (i == n || fwrite(in[i].data, 1, in[i].size, f) == in[i].size);
	}
	if (f && fclose(f) != 0)
		ok = 0;
	free(e);
	return ok ? 0 : -EIO;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	struct input *in = calloc((size_t)argc, sizeof(*in));
	unsigned n = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] == '-') {
			usage();
		} else if (parse_input(argv[i], &in[n]) < 0) {
			fprintf(stderr, "mkbootfs: bad name for %s\n", argv[i]);
			return 1;
		} else {
			n++;
		}
	}
	if (!out)
		usage();
	for (unsigned i = 0; i < n; i++) {
		int rc = read_file(&in[i]);

		for (unsigned j = 0; j < i; j++)
			if (strcmp(in[i].name, in[j].name) == 0)
				rc = -EEXIST;
		if (rc < 0) {
			fprintf(stderr, "mkbootfs: %s: %s\n", in[i].path, strerror(-rc));
			return 1;
		}
	}
	if (write_archive(out, in, n) < 0) {
		fprintf(stderr, "mkbootfs: cannot write %s\n", out);
		return 1;
	}
	return 0;
}
