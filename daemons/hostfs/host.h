/*
 * hostfs's seam to the host: the few Linux calls its sandbox allows
 * (sim/sandbox.c), on the --mount directory the sim put at SIM_FD_HOST.
 * host.c makes them as raw Linux system calls, which only the sim's hostfs
 * sandbox lets through; on any other machine, or in any other process,
 * they are forbidden host calls. Errors come back as -FE_E*.
 */
#ifndef DAEMON_HOSTFS_HOST_H
#define DAEMON_HOSTFS_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/abi.h>
#include <ferrite/scheme.h>

/* One directory entry as host_readdir reports it. */
struct host_dirent {
	uint64_t ino;
	uint32_t mode; /* FE_S_IF* type only */
	const char *name;
};

/* Open `rel` (relative to the host directory, "." for itself) for reading,
 * never leaving the directory: a descriptor, or -FE_ENOENT, -FE_EACCES (a
 * way out: "..", an absolute or escaping symlink), ... */
int host_open(const char *rel);
void host_close(int fd);

/* Read up to n bytes at `off`: the count, 0 at the end, or -FE_E*. */
int64_t host_pread(int fd, void *buf, uint64_t n, uint64_t off);

/* The file's attributes, with every write permission bit cleared. */
int host_fstat(int fd, struct fe_stat *st);

/* Call fn(arg, entry) for each entry of directory fd but "." and "..",
 * from the start, until it returns false. 0 or -FE_E*. */
int host_readdir(int fd, bool (*fn)(void *arg, const struct host_dirent *e), void *arg);

#endif
