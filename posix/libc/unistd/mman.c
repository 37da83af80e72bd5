/*
 * mmap of anonymous memory (FE_SYS_MEM_MAP, zero-filled); files cannot be
 * mapped yet. MAP_FIXED and mprotect are not supported.
 */
#include <errno.h>
#include <sys/mman.h>

#include <ferrite/sys.h>

#include "../libc.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p;
	int rc;

	if (!(flags & MAP_ANONYMOUS)) {
		errno = ENODEV;
		return MAP_FAILED;
	}
	if (len == 0 || (flags & MAP_FIXED)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	rc = fe_mem_map(NULL, len, (unsigned)prot & 7, &p);
	if (rc < 0) {
		errno = -rc;
		return MAP_FAILED;
	}
	return p;
}

int munmap(void *addr, size_t len)
{
	return (int)fe_err(fe_mem_unmap(addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)fe_err(-FE_ENOSYS);
}
