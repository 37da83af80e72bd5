/*
 * pattern: a read-only file of PATTERN_SIZE bytes whose byte at offset o is
 * pattern_byte(o), for crash tests: a reader checks every byte it gets, and
 * the daemon keeps nothing a restart could lose except the offsets of the
 * files open on it, which libc restores (docs/libc.md, retry). "pattern:"
 * (or "pattern:/") is the file; opening it for writing is -FE_EROFS.
 */
#include <string.h>

#include "pattern.h"

static bool path_ok(const struct srv_req *req)
{
	return req->path_len == 0 || (req->path_len == 1 && req->path[0] == '/');
}

static int64_t pattern_open(void *state, struct srv_req *req)
{
	struct pattern *p = state;

	if (!path_ok(req))
		return -FE_ENOENT;
	if (req->arg1 & FE_O_DIRECTORY)
		return -FE_ENOTDIR;
	if ((req->arg1 & FE_O_ACCMODE) != FE_O_RDONLY)
		return -FE_EROFS;
	for (unsigned i = 0; i < PATTERN_FILES; i++)
		if (!p->used[i]) {
			p->used[i] = true;
			p->off[i] = 0;
			return i + 1;
		}
	return -FE_EMFILE;
}

/* The offset of req's file, or NULL for an id not open. */
static uint64_t *offset_of(struct pattern *p, const struct srv_req *req)
{
	if (req->id == 0 || req->id > PATTERN_FILES || !p->used[req->id - 1])
		return NULL;
	return &p->off[req->id - 1];
}

static int64_t pattern_read(void *state, struct srv_req *req)
{
	uint64_t *off = offset_of(state, req);
	uint64_t n;
	uint8_t *out = req->out;

	if (!off)
		return -FE_EBADF;
	n = *off < PATTERN_SIZE ? PATTERN_SIZE - *off : 0;
	n = n < req->arg1 ? n : req->arg1;
	n = n < req->out_cap ? n : req->out_cap;
	for (uint64_t i = 0; i < n; i++)
		out[i] = pattern_byte(*off + i);
	*off += n;
	req->out_len = n;
	return (int64_t)n;
}

static int64_t pattern_seek(void *state, struct srv_req *req)
{
	uint64_t *off = offset_of(state, req);
	int64_t base, to;

	if (!off)
		return -FE_EBADF;
	if (req->arg2 == 0)
		base = 0;
	else if (req->arg2 == 1)
		base = (int64_t)*off;
	else if (req->arg2 == 2)
		base = PATTERN_SIZE;
	else
		return -FE_EINVAL;
	to = base + (int64_t)req->arg1;
	if (to < 0)
		return -FE_EINVAL;
	*off = (uint64_t)to;
	return to;
}

static int64_t pattern_stat(void *state, struct srv_req *req)
{
	struct fe_stat st = { .ino = 1, .mode = FE_S_IFREG | 0444, .nlink = 1 };

	if (req->op == FE_SCHEME_FSTAT && !offset_of(state, req))
		return -FE_EBADF;
	if (req->op == FE_SCHEME_STAT && !path_ok(req))
		return -FE_ENOENT;
	st.size = PATTERN_SIZE;
	st.blksize = 4096;
	memcpy(req->out, &st, sizeof(st));
	req->out_len = sizeof(st);
	return 0;
}

static void pattern_close(void *state, uint64_t id)
{
	struct pattern *p = state;

	if (id >= 1 && id <= PATTERN_FILES)
		p->used[id - 1] = false;
}

const struct srv_ops pattern_ops = {
	.open = pattern_open,
	.read = pattern_read,
	.seek = pattern_seek,
	.fstat = pattern_stat,
	.stat = pattern_stat,
	.close = pattern_close,
};
