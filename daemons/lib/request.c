/*
 * Decoding and dispatching scheme requests, and the helpers that build reply
 * bodies. Pure C with no system calls, so the unit tests run it hosted.
 *
 * Decoding trusts nothing beyond what the kernel guarantees (it fills w[0]
 * and w[3] itself and routes only valid labels), and checks those too: a
 * daemon's own threads can also send to its endpoint, and a bug in either
 * must give an error reply, never a crash.
 */
#include <stddef.h>
#include <string.h>

#include "server.h"

static bool path_op(uint32_t op)
{
	return op == FE_SCHEME_UNLINK || op == FE_SCHEME_MKDIR || op == FE_SCHEME_RMDIR ||
	       op == FE_SCHEME_RENAME || op == FE_SCHEME_STAT;
}

static bool scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Length of a "name:" prefix of p (colon included), or 0 if it has none. */
static uint64_t scheme_prefix(const char *p, uint64_t len)
{
	uint64_t i = 0;

	while (i < len && i <= FE_SCHEME_NAME_MAX && scheme_char(p[i]))
		i++;
	return i > 0 && i < len && p[i] == ':' ? i + 1 : 0;
}

/* RENAME's body is "old\0new"; new may repeat our own "name:". */
static int decode_rename(const char *name, struct srv_req *r)
{
	const char *sep = memchr(r->path, '\0', r->path_len);
	uint64_t pre;

	if (!sep)
		return -FE_EINVAL;
	r->path2 = sep + 1;
	r->path2_len = r->path_len - (uint64_t)(sep - r->path) - 1;
	r->path_len = (uint64_t)(sep - r->path);
	if (memchr(r->path2, '\0', r->path2_len))
		return -FE_EINVAL;
	pre = scheme_prefix(r->path2, r->path2_len);
	if (pre && (strlen(name) != pre - 1 || memcmp(r->path2, name, pre - 1) != 0))
		return -FE_EXDEV;
	r->path2 += pre;
	r->path2_len -= pre;
	return 0;
}

static int decode_path(char *buf, const char *name, struct srv_req *r)
{
	if (r->id != 0)
		return -FE_EINVAL;
	if (r->len > 2 * (uint64_t)FE_PATH_MAX + 1)
		return -FE_ENAMETOOLONG;
	buf[r->len] = '\0';
	r->path = buf;
	r->path_len = r->len;
	if (r->op == FE_SCHEME_RENAME)
		return decode_rename(name, r);
	if (r->len > FE_PATH_MAX)
		return -FE_ENAMETOOLONG;
	return memchr(buf, '\0', r->len) ? -FE_EINVAL : 0;
}

/* The per-operation argument checks of fd operations. */
static int decode_fd_op(struct srv_req *r)
{
	if (r->id == 0)
		return -FE_EBADF;
	switch (r->op) {
	case FE_SCHEME_READ:
		if (r->arg1 > r->out_cap)
			r->arg1 = r->out_cap;
		return 0;
	case FE_SCHEME_READDIR:
		if (r->arg2 == 0)
			r->arg2 = SRV_READDIR_DEFAULT;
		if (r->arg2 > r->out_cap)
			r->arg2 = r->out_cap;
		return 0;
	case FE_SCHEME_SEEK:
		return r->arg2 > 2 ? -FE_EINVAL : 0;
	case FE_SCHEME_FSTAT:
		return r->out_cap < sizeof(struct fe_stat) ? -FE_EINVAL : 0;
	default:
		return 0;
	}
}

int srv_decode(const struct fe_msg *m, char *buf, uint64_t cap, const char *name, struct srv_req *r)
{
	r->op = m->label > UINT32_MAX ? 0 : (uint32_t)m->label;
	r->id = m->w[0];
	r->arg1 = m->w[1];
	r->arg2 = m->w[2];
	r->pid = m->w[3] > UINT32_MAX ? 0 : (uint32_t)m->w[3];
	r->path = r->path2 = NULL;
	r->path_len = r->path2_len = 0;
	r->data = buf;
	r->len = m->rlen;
	r->out_len = 0;
	if ((m->flags & FE_MSG_TRUNCATED) || m->rlen > cap)
		return -FE_EMSGSIZE;
	if (r->op >= SRV_OP_PRIVATE)
		return 0;
	if (r->op == 0 || r->op >= FE_SCHEME_OP_COUNT)
		return -FE_ENOSYS;
	if (r->op == FE_SCHEME_OPEN || path_op(r->op)) {
		int rc = decode_path(buf, name, r);

		if (rc == 0 && r->op == FE_SCHEME_STAT && r->out_cap < sizeof(struct fe_stat))
			rc = -FE_EINVAL;
		return rc;
	}
	if (r->op == FE_SCHEME_CLOSE)
		return r->id == 0 ? -FE_EBADF : 0;
	return decode_fd_op(r);
}

static srv_fn op_fn(const struct srv_ops *ops, uint32_t op)
{
	switch (op) {
	case FE_SCHEME_OPEN:
		return ops->open;
	case FE_SCHEME_READ:
		return ops->read;
	case FE_SCHEME_WRITE:
		return ops->write;
	case FE_SCHEME_SEEK:
		return ops->seek;
	case FE_SCHEME_FSTAT:
		return ops->fstat;
	case FE_SCHEME_FSYNC:
		return ops->fsync;
	case FE_SCHEME_FTRUNCATE:
		return ops->ftruncate;
	case FE_SCHEME_READDIR:
		return ops->readdir;
	case FE_SCHEME_IOCTL:
		return ops->ioctl;
	case FE_SCHEME_UNLINK:
		return ops->unlink;
	case FE_SCHEME_MKDIR:
		return ops->mkdir;
	case FE_SCHEME_RMDIR:
		return ops->rmdir;
	case FE_SCHEME_RENAME:
		return ops->rename;
	case FE_SCHEME_STAT:
		return ops->stat;
	default:
		return op >= SRV_OP_PRIVATE ? ops->private_op : NULL;
	}
}

int64_t srv_dispatch(const struct srv_ops *ops, void *state, struct srv_req *req)
{
	srv_fn fn;

	req->out_len = 0;
	if (req->op == FE_SCHEME_CLOSE) {
		if (ops->close)
			ops->close(state, req->id);
		return 0;
	}
	fn = op_fn(ops, req->op);
	return fn ? fn(state, req) : -FE_ENOSYS;
}

int64_t srv_read_slice(struct srv_req *req, const void *data, uint64_t size, uint64_t off,
                       uint64_t count)
{
	uint64_t n;

	if (off >= size)
		return 0;
	n = size - off;
	if (n > count)
		n = count;
	if (n > req->out_cap)
		n = req->out_cap;
	memcpy(req->out, (const char *)data + off, n);
	req->out_len = n;
	return (int64_t)n;
}

bool srv_put_dirent(struct srv_req *req, uint64_t room, uint64_t ino, uint64_t cookie,
                    uint32_t mode, const char *name)
{
	size_t namelen = strlen(name);
	uint64_t head = offsetof(struct fe_dirent, name);
	uint64_t reclen = (head + namelen + 1 + 7) & ~7ull;
	struct fe_dirent d = { .ino = ino, .cookie = cookie };
	char *at = (char *)req->out + req->out_len;

	if (room > req->out_cap)
		room = req->out_cap;
	if (namelen > 255 || reclen > room || req->out_len > room - reclen)
		return false;
	d.reclen = (uint16_t)reclen;
	d.type = (uint8_t)((mode & FE_S_IFMT) >> 12);
	d.namelen = (uint8_t)namelen;
	memcpy(at, &d, head);
	memcpy(at + head, name, namelen);
	memset(at + head + namelen, 0, reclen - head - namelen);
	req->out_len += reclen;
	return true;
}

int64_t srv_seek(int64_t cur, uint64_t size, int64_t off, uint64_t whence)
{
	int64_t base;

	if (whence == 0)
		base = 0;
	else if (whence == 1)
		base = cur;
	else if (whence == 2 && size <= INT64_MAX)
		base = (int64_t)size;
	else
		return -FE_EINVAL;
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -FE_EINVAL;
	return base + off;
}
