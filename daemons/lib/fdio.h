/*
 * File operations on descriptors and paths, as the scheme protocol
 * (<ferrite/scheme.h>) carries them: thin wrappers over FE_SYS_OPEN,
 * FE_SYS_FD_CALL and FE_SYS_PATH_CALL for init and the daemon tests, which
 * run without a libc. Each returns what the server answered: >= 0, or
 * -FE_E*. Paths are NUL-terminated strings.
 */
#ifndef DAEMON_FDIO_H
#define DAEMON_FDIO_H

#include <stdint.h>

#include <ferrite/scheme.h>

int fdio_open(const char *path, uint32_t flags, uint32_t mode);
long fdio_read(int fd, void *buf, uint64_t len);
long fdio_write(int fd, const void *buf, uint64_t len);
long fdio_seek(int fd, int64_t off, int whence);
int fdio_fstat(int fd, struct fe_stat *st);
int fdio_fsync(int fd);
int fdio_ftruncate(int fd, uint64_t len);
/* READDIR from `cookie` into buf: bytes of struct fe_dirent, 0 at the end. */
long fdio_readdir(int fd, uint64_t cookie, void *buf, uint64_t cap);
long fdio_ioctl(int fd, uint64_t request, uint64_t arg);

int fdio_stat(const char *path, struct fe_stat *st);
int fdio_unlink(const char *path);
int fdio_mkdir(const char *path, uint32_t mode);
int fdio_rmdir(const char *path);
/* Both paths name the same scheme; `to` may carry its "name:" or not. */
int fdio_rename(const char *from, const char *to);

#endif
