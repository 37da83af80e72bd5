/*
 * null: the scheme that is always empty and swallows everything: reads
 * return 0 (end of file), writes succeed whole and the bytes are dropped.
 */
#include "null.h"

#include "chardev.h"

static int64_t null_read(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_check(req);
}

static int64_t null_write(void *state, struct srv_req *req)
{
	int64_t rc = chardev_check(req);

	(void)state;
	return rc < 0 ? rc : (int64_t)req->len;
}

static int64_t null_fstat(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_fstat(req, 1);
}

const struct srv_ops null_ops = {
	.open = chardev_open,
	.read = null_read,
	.write = null_write,
	.seek = chardev_seek,
	.fstat = null_fstat,
	.stat = null_fstat,
	.readdir = chardev_readdir,
	.ftruncate = chardev_ftruncate,
};
