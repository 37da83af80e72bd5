/*
 * Memory objects in the sim: each is a memfd, mapped once MAP_SHARED in the
 * kernel process (arch_mem_ptr) and mapped into children by sending them
 * the fd (sim/ops.c). A memfd is zero-filled and page-granular, as the
 * contract asks.
 *
 * Rules: a child only ever receives fds of memory the core mapped into it.
 * Read-only mappings are made from a read-only reopening of the memfd, so a
 * child cannot later upgrade one to writable. An object lives while the
 * core holds it or a queued op still has to send it (refs); arch_mem_destroy
 * drops the core's reference.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sim.h"

struct arch_mem *arch_mem_create(uint64_t size)
{
	struct arch_mem *mem;

	if (size == 0 || size % FE_PAGE_SIZE)
		return NULL;
	mem = calloc(1, sizeof(*mem));
	if (!mem)
		return NULL;
	mem->ro_fd = -1;
	mem->size = size;
	mem->refs = 1;
	mem->fd = memfd_create("ferrite-mem", MFD_CLOEXEC);
	if (mem->fd < 0)
		goto error;
	if (ftruncate(mem->fd, (off_t)size) < 0)
		goto error_fd;
	mem->base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, mem->fd, 0);
	if (mem->base == MAP_FAILED)
		goto error_fd;
	return mem;
error_fd:
	close(mem->fd);
error:
	free(mem);
	return NULL;
}

void sim_mem_get(struct arch_mem *mem)
{
	mem->refs++;
}

void sim_mem_put(struct arch_mem *mem)
{
	if (--mem->refs)
		return;
	munmap(mem->base, mem->size);
	close(mem->fd);
	if (mem->ro_fd >= 0)
		close(mem->ro_fd);
	free(mem);
}

void arch_mem_destroy(struct arch_mem *mem)
{
	sim_mem_put(mem);
}

void *arch_mem_ptr(struct arch_mem *mem, uint64_t off)
{
	return mem->base + off;
}

/* The fd to send for a mapping with `fe_prot`, or -errno. */
int sim_mem_fd(struct arch_mem *mem, unsigned fe_prot)
{
	char path[64];

	if (fe_prot & FE_PROT_WRITE)
		return mem->fd;
	if (mem->ro_fd >= 0)
		return mem->ro_fd;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", mem->fd);
	mem->ro_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (mem->ro_fd < 0)
		return -errno;
	return mem->ro_fd;
}
