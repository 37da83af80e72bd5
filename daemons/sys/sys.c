/*
 * The sys scheme's operations (sys.h): each open makes its file's text
 * (struct text) from the seams, and reads serve slices of it.
 */
#include <string.h>

#include "mem.h"
#include "path.h"
#include "sys.h"

#define ROOT 0
#define LINE_MAX 96 /* one proc line, name included */

enum { F_PROC = 1, F_UPTIME, F_MEMINFO, F_COUNT };

static const char *const names[F_COUNT] = { "", "proc", "uptime", "meminfo" };

struct text {
	char *buf;
	uint64_t len, cap;
};

struct ofile {
	int kind; /* ROOT or F_* */
	struct text text;
	uint64_t off;
};

static void put_str(struct text *t, const char *s, uint64_t n)
{
	if (n > t->cap - t->len)
		n = t->cap - t->len;
	memcpy(t->buf + t->len, s, n);
	t->len += n;
}

static void put_u64(struct text *t, uint64_t v)
{
	char digits[20];
	int n = 0;

	do {
		digits[sizeof(digits) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put_str(t, digits + sizeof(digits) - n, (uint64_t)n);
}

/* A process name, made safe for one line: control characters become '?'. */
static void put_name(struct text *t, const char *name, uint64_t max)
{
	for (uint64_t i = 0; i < max && name[i]; i++) {
		char c = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';

		put_str(t, &c, 1);
	}
}

static void put_proc(struct text *t, const struct fe_procinfo *p)
{
	put_u64(t, p->pid);
	put_str(t, " ", 1);
	put_u64(t, p->parent);
	put_str(t, p->state == FE_PROC_RUNNING ? " running " : " blocked ", 9);
	put_u64(t, p->threads);
	put_str(t, " ", 1);
	put_u64(t, p->memory);
	put_str(t, " ", 1);
	put_name(t, p->name, sizeof(p->name));
	put_str(t, "\n", 1);
}

static int make_proc(struct text *t)
{
	struct fe_procinfo *list = mem_alloc(SYS_PROCS_MAX * sizeof(*list));
	long n = list ? sys_procs(list, SYS_PROCS_MAX) : -FE_ENOMEM;

	if (n >= 0 && n > SYS_PROCS_MAX)
		n = SYS_PROCS_MAX;
	if (n >= 0) {
		t->cap = (uint64_t)n * LINE_MAX;
		t->buf = mem_alloc(t->cap ? t->cap : 1);
	}
	if (n >= 0 && !t->buf)
		n = -FE_ENOMEM;
	for (long i = 0; i < n; i++)
		put_proc(t, &list[i]);
	mem_free(list);
	return n < 0 ? (int)n : 0;
}

static void put_pair(struct text *t, const char *key, uint64_t v)
{
	put_str(t, key, strlen(key));
	put_str(t, " ", 1);
	put_u64(t, v);
	put_str(t, "\n", 1);
}

static int make_small(struct text *t, int kind)
{
	struct fe_meminfo m;
	uint64_t now = srv_clock();
	int rc = 0;

	t->cap = 256;
	t->buf = mem_alloc(t->cap);
	if (!t->buf)
		return -FE_ENOMEM;
	if (kind == F_UPTIME) {
		uint64_t centi = now / 10000000 % 100;

		put_u64(t, now / 1000000000);
		put_str(t, centi < 10 ? ".0" : ".", centi < 10 ? 2 : 1);
		put_u64(t, centi);
		put_str(t, "\n", 1);
		return 0;
	}
	rc = sys_meminfo(&m);
	if (rc < 0)
		return rc;
	put_pair(t, "kernel_heap_used", m.kernel_heap_used);
	put_pair(t, "kernel_heap_size", m.kernel_heap_size);
	put_pair(t, "user_mapped", m.user_mapped);
	return 0;
}

/* Which file a path names: ROOT, F_*, or -FE_ENOENT. */
static int lookup(const char *path, uint64_t len)
{
	static char buf[FE_PATH_MAX + 2];
	int64_t n = path_normalize(path, len, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	if (n == 1)
		return ROOT;
	for (int k = F_PROC; k < F_COUNT; k++)
		if (strcmp(buf + 1, names[k]) == 0)
			return k;
	return -FE_ENOENT;
}

static int64_t sys_open(void *state, struct srv_req *req)
{
	struct sysfs *fs = state;
	int kind = lookup(req->path, req->path_len), rc = 0;
	struct ofile *f;
	int64_t id;

	if (kind < 0)
		return (req->arg1 & FE_O_CREAT) && kind == -FE_ENOENT ? -FE_EROFS : kind;
	if ((req->arg1 & FE_O_ACCMODE) != FE_O_RDONLY || (req->arg1 & FE_O_TRUNC))
		return kind == ROOT ? -FE_EISDIR : -FE_EROFS;
	if (kind != ROOT && (req->arg1 & FE_O_DIRECTORY))
		return -FE_ENOTDIR;
	f = mem_alloc(sizeof(*f));
	if (!f)
		return -FE_ENOMEM;
	f->kind = kind;
	if (kind == F_PROC)
		rc = make_proc(&f->text);
	else if (kind != ROOT)
		rc = make_small(&f->text, kind);
	id = rc < 0 ? rc : idtab_add(&fs->files, f);
	if (id < 0) {
		mem_free(f->text.buf);
		mem_free(f);
	}
	return id;
}

static void sys_close(void *state, uint64_t id)
{
	struct sysfs *fs = state;
	struct ofile *f = idtab_remove(&fs->files, id);

	if (f)
		mem_free(f->text.buf);
	mem_free(f);
}

static struct ofile *file_of(void *state, const struct srv_req *req)
{
	return idtab_get(&((struct sysfs *)state)->files, req->id);
}

static int64_t sys_read(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	int64_t n;

	if (!f)
		return -FE_EBADF;
	if (f->kind == ROOT)
		return -FE_EISDIR;
	n = srv_read_slice(req, f->text.buf, f->text.len, f->off, req->arg1);
	f->off += (uint64_t)n;
	return n;
}

static int64_t sys_seek(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	int64_t off;

	if (!f)
		return -FE_EBADF;
	off = srv_seek((int64_t)f->off, f->text.len, (int64_t)req->arg1, req->arg2);
	if (off >= 0)
		f->off = (uint64_t)off;
	return off;
}

static int64_t put_stat(struct srv_req *req, int kind, uint64_t size)
{
	struct fe_stat st = { .ino = (uint64_t)kind + 1, .nlink = 1, .blksize = 4096 };

	st.mode = kind == ROOT ? FE_S_IFDIR | 0555 : FE_S_IFREG | 0444;
	st.nlink = kind == ROOT ? 2 : 1;
	st.size = kind == ROOT ? F_COUNT - 1 : size;
	memcpy(req->out, &st, sizeof(st));
	req->out_len = sizeof(st);
	return 0;
}

static int64_t sys_fstat(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);

	return f ? put_stat(req, f->kind, f->text.len) : -FE_EBADF;
}

static int64_t sys_stat(void *state, struct srv_req *req)
{
	int kind = lookup(req->path, req->path_len);

	(void)state;
	return kind < 0 ? kind : put_stat(req, kind, 0);
}

static int64_t sys_readdir(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	bool fits = true;

	if (!f)
		return -FE_EBADF;
	if (f->kind != ROOT)
		return -FE_ENOTDIR;
	if (req->arg1 < 1)
		fits = srv_put_dirent(req, req->arg2, 1, 1, FE_S_IFDIR, ".");
	if (fits && req->arg1 < 2)
		fits = srv_put_dirent(req, req->arg2, 1, 2, FE_S_IFDIR, "..");
	for (int k = F_PROC; fits && k < F_COUNT; k++)
		if (req->arg1 < (uint64_t)k + 2)
			fits = srv_put_dirent(req, req->arg2, (uint64_t)k + 1, (uint64_t)k + 2,
			                      FE_S_IFREG, names[k]);
	if (!fits && req->out_len == 0)
		return -FE_EINVAL;
	return (int64_t)req->out_len;
}

static int64_t sys_refuse(void *state, struct srv_req *req)
{
	if (req->id && !file_of(state, req))
		return -FE_EBADF;
	return req->op == FE_SCHEME_IOCTL ? -FE_ENOTTY : -FE_EROFS;
}

void sys_fini(struct sysfs *fs)
{
	for (uint64_t id = 1; id <= fs->files.size; id++)
		sys_close(fs, id);
	idtab_free(&fs->files);
}

const struct srv_ops sys_ops = {
	.open = sys_open,
	.close = sys_close,
	.read = sys_read,
	.write = sys_refuse,
	.seek = sys_seek,
	.fstat = sys_fstat,
	.ftruncate = sys_refuse,
	.readdir = sys_readdir,
	.ioctl = sys_refuse,
	.unlink = sys_refuse,
	.mkdir = sys_refuse,
	.rmdir = sys_refuse,
	.rename = sys_refuse,
	.stat = sys_stat,
};
