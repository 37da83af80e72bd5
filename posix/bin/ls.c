/*
 * ls: list files and directories.
 *
 * Operands that are files are listed first, then each directory's entries
 * (under a "DIR:" header when there is more than one operand). Names are
 * sorted bytewise. To a terminal, names go in columns; otherwise one per
 * line. With -l: mode, links, owner and group (as numbers: Ferrite has no
 * user database), size, modification time, name.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: ls [-1adlF] [FILE...]\n"
			    "List each FILE, and the contents of each directory.\n"
			    "  -a  include names starting with '.'\n"
			    "  -l  long format: mode, links, owner, group, size, time\n"
			    "  -d  list directories themselves, not their contents\n"
			    "  -1  one name per line\n"
			    "  -F  append / to directories, * to executables\n";

static int opt_all, opt_long, opt_dir, opt_one, opt_classify;

struct entry {
	char *name; /* as shown */
	char *path; /* to stat */
	struct stat st;
};

struct list {
	struct entry *v;
	int n, cap;
};

static void *xalloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		tool_warn("out of memory");
		exit(2);
	}
	return p;
}

static void list_add(struct list *l, const char *name, const char *path, const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xalloc(l->v, (size_t)l->cap * sizeof(*l->v));
	}
	l->v[l->n].name = strdup(name);
	l->v[l->n].path = strdup(path);
	l->v[l->n].st = *st;
	l->n++;
}

static void list_free(struct list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static void mode_string(mode_t m, char *s)
{
	static const char rwx[] = "rwxrwxrwx";

	s[0] = S_ISDIR(m)    ? 'd'
	       : S_ISLNK(m)  ? 'l'
	       : S_ISCHR(m)  ? 'c'
	       : S_ISBLK(m)  ? 'b'
	       : S_ISFIFO(m) ? 'p'
	       : S_ISSOCK(m) ? 's'
	                     : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	s[10] = '\0';
}

static char classify(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return '/';
	if (S_ISLNK(st->st_mode))
		return '@';
	if (S_ISFIFO(st->st_mode))
		return '|';
	if (st->st_mode & 0111)
		return '*';
	return 0;
}

static void print_name(const struct entry *e)
{
	char c = opt_classify ? classify(&e->st) : 0;

	fputs(e->name, stdout);
	if (c)
		putchar(c);
}

static void time_string(time_t t, char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm *tm = localtime(&t);
	int recent = t <= now + 3600 && now - t < 180L * 24 * 3600;

	if (!tm || !strftime(buf, size, recent ? "%b %e %H:%M" : "%b %e  %Y", tm))
		snprintf(buf, size, "%lld", (long long)t);
}

static int digits(unsigned long long v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static void print_long(const struct entry *e, int wlinks, int wsize)
{
	char mode[11], when[64];

	mode_string(e->st.st_mode, mode);
	time_string(e->st.st_mtime, when, sizeof(when));
	printf("%s %*lu %lu %lu %*lld %s ", mode, wlinks, (unsigned long)e->st.st_nlink,
	       (unsigned long)e->st.st_uid, (unsigned long)e->st.st_gid, wsize,
	       (long long)e->st.st_size, when);
	print_name(e);
	if (S_ISLNK(e->st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(e->path, target, sizeof(target) - 1);

		if (n >= 0) {
			target[n] = '\0';
			printf(" -> %s", target);
		}
	}
	putchar('\n');
}

static int term_width(void)
{
	const char *cols = getenv("COLUMNS");
	long w;

	if (cols && tool_parse_long(cols, &w) == 0 && w > 10)
		return (int)w;
	return 80;
}

/* Names down the columns, as many columns as fit. */
static void print_columns(struct list *l)
{
	int width = 0, cols, rows;

	for (int i = 0; i < l->n; i++) {
		int w = (int)strlen(l->v[i].name) + (opt_classify ? 1 : 0);

		width = w > width ? w : width;
	}
	width += 2;
	cols = term_width() / width;
	cols = cols < 1 ? 1 : cols;
	rows = (l->n + cols - 1) / cols;
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			int i = c * rows + r;
			int last = i + rows >= l->n;

			if (i >= l->n)
				break;
			print_name(&l->v[i]);
			if (!last)
				printf("%*s",
				       width - (int)strlen(l->v[i].name) -
				               (opt_classify && classify(&l->v[i].st)),
				       "");
		}
		putchar('\n');
	}
}

static void print_list(struct list *l)
{
	int wlinks = 1, wsize = 1;

	if (l->n > 0)
		qsort(l->v, (size_t)l->n, sizeof(*l->v), by_name);
	if (!opt_long && !opt_one && isatty(1)) {
		print_columns(l);
		return;
	}
	for (int i = 0; i < l->n; i++) {
		int a = digits((unsigned long long)l->v[i].st.st_nlink);
		int b = digits((unsigned long long)l->v[i].st.st_size);

		wlinks = a > wlinks ? a : wlinks;
		wsize = b > wsize ? b : wsize;
	}
	for (int i = 0; i < l->n; i++) {
		if (opt_long)
			print_long(&l->v[i], wlinks, wsize);
		else {
			print_name(&l->v[i]);
			putchar('\n');
		}
	}
}

static int list_dir(const char *path)
{
	struct list l = { 0 };
	struct dirent *e;
	DIR *dir = opendir(path);
	int status = 0;

	if (!dir) {
		tool_warn("cannot open directory '%s': %s", path, strerror(errno));
		return 2;
	}
	while ((e = readdir(dir)) != NULL) {
		char *child;
		struct stat st;

		if (e->d_name[0] == '.' && !opt_all)
			continue;
		child = tool_path_join(path, e->d_name);
		if (lstat(child, &st) < 0) {
			tool_warn("cannot access '%s': %s", child, strerror(errno));
			status = 1;
		} else {
			list_add(&l, e->d_name, child, &st);
		}
		free(child);
	}
	closedir(dir);
	print_list(&l);
	list_free(&l);
	return status;
}

/* Sort the operands into files (listed together) and directories. */
static int split_operands(int argc, char **argv, struct list *files, struct list *dirs)
{
	int status = 0;

	for (int i = 0; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0 && lstat(argv[i], &st) < 0) {
			tool_warn("cannot access '%s': %s", argv[i], strerror(errno));
			status = 2;
		} else if (S_ISDIR(st.st_mode) && !opt_dir) {
			list_add(dirs, argv[i], argv[i], &st);
		} else {
			if (opt_long)
				lstat(argv[i], &st);
			list_add(files, argv[i], argv[i], &st);
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	struct list files = { 0 }, dirs = { 0 };
	static char *dot[] = { ".", NULL };
	int c, status, total;

	tool_init("ls", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "1adlFA")) != -1) {
		opt_all |= c == 'a' || c == 'A';
		opt_long |= c == 'l';
		opt_dir |= c == 'd';
		opt_one |= c == '1';
		opt_classify |= c == 'F';
	}
	total = argc - optind;
	status = split_operands(total ? total : 1, total ? argv + optind : dot, &files, &dirs);
	if (files.n)
		print_list(&files);
	if (dirs.n > 0)
		qsort(dirs.v, (size_t)dirs.n, sizeof(*dirs.v), by_name);
	for (int i = 0; i < dirs.n; i++) {
		int r;

		if (total > 1 || files.n)
			printf("%s%s:\n", (files.n || i) ? "\n" : "", dirs.v[i].name);
		r = list_dir(dirs.v[i].path);
		status = r > status ? r : status;
	}
	list_free(&files);
	list_free(&dirs);
	if (fflush(stdout) != 0)
		return tool_errno("write error");
	return status;
}
