/*
 * rand: the scheme of random bytes, drawn from the kernel's generator
 * (FE_SYS_RANDOM, seeded, so a sim run with the same seed reads the same
 * bytes). Reads fill what was asked; writes are accepted and dropped, as
 * writing to a Unix random device only stirs it.
 */
#include "rand.h"

#include "chardev.h"

static int64_t rand_read(void *state, struct srv_req *req)
{
	int64_t rc = chardev_check(req);

	(void)state;
	if (rc < 0)
		return rc;
	rc = rand_fill(req->out, req->arg1);
	if (rc < 0)
		return rc;
	req->out_len = req->arg1;
	return (int64_t)req->arg1;
}

static int64_t rand_write(void *state, struct srv_req *req)
{
	int64_t rc = chardev_check(req);

	(void)state;
	return rc < 0 ? rc : (int64_t)req->len;
}

static int64_t rand_fstat(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_fstat(req, 3);
}

const struct srv_ops rand_ops = {
	.open = chardev_open,
	.read = rand_read,
	.write = rand_write,
	.seek = chardev_seek,
	.fstat = rand_fstat,
	.stat = rand_fstat,
	.readdir = chardev_readdir,
	.ftruncate = chardev_ftruncate,
};
