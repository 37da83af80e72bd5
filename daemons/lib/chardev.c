/*
 * The shared behaviour of stateless character devices (chardev.h).
 */
#include <string.h>

#include "chardev.h"

static bool path_ok(const struct srv_req *req)
{
	return req->path_len == 0 || (req->path_len == 1 && req->path[0] == '/');
}

int64_t chardev_open(void *state, struct srv_req *req)
{
	(void)state;
	if (!path_ok(req))
		return -FE_ENOENT;
	if (req->arg1 & FE_O_DIRECTORY)
		return -FE_ENOTDIR;
	if ((req->arg1 & FE_O_ACCMODE) == FE_O_ACCMODE)
		return -FE_EINVAL;
	return CHARDEV_ID;
}

int64_t chardev_check(const struct srv_req *req)
{
	return req->id == CHARDEV_ID ? 0 : -FE_EBADF;
}

int64_t chardev_fstat(struct srv_req *req, uint64_t ino)
{
	struct fe_stat st = { .ino = ino, .mode = FE_S_IFCHR | 0666, .nlink = 1 };

	if (req->op == FE_SCHEME_FSTAT && chardev_check(req) < 0)
		return -FE_EBADF;
	if (req->op == FE_SCHEME_STAT && !path_ok(req))
		return -FE_ENOENT;
	st.blksize = 4096;
	memcpy(req->out, &st, sizeof(st));
	req->out_len = sizeof(st);
	return 0;
}

int64_t chardev_seek(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_check(req);
}

int64_t chardev_readdir(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_check(req) < 0 ? -FE_EBADF : -FE_ENOTDIR;
}

int64_t chardev_ftruncate(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_check(req) < 0 ? -FE_EBADF : -FE_EINVAL;
}
