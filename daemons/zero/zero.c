/*
 * zero: the scheme of endless zero bytes: every read fills what was asked
 * (up to the largest reply) with zeros; writes succeed whole and the bytes
 * are dropped.
 */
#include <string.h>

#include "zero.h"

#include "chardev.h"

static int64_t zero_read(void *state, struct srv_req *req)
{
	int64_t rc = chardev_check(req);

	(void)state;
	if (rc < 0)
		return rc;
	memset(req->out, 0, req->arg1);
	req->out_len = req->arg1;
	return (int64_t)req->arg1;
}

static int64_t zero_write(void *state, struct srv_req *req)
{
	int64_t rc = chardev_check(req);

	(void)state;
	return rc < 0 ? rc : (int64_t)req->len;
}

static int64_t zero_fstat(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_fstat(req, 2);
}

const struct srv_ops zero_ops = {
	.open = chardev_open,
	.read = zero_read,
	.write = zero_write,
	.seek = chardev_seek,
	.fstat = zero_fstat,
	.stat = zero_fstat,
	.readdir = chardev_readdir,
	.ftruncate = chardev_ftruncate,
};
