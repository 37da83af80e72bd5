/*
 * initfs: the daemon serving initfs: (the logic is in initfs.c). init hands
 * it the boot archive at SVC_ARCHIVE_HANDLE; it maps it read-only and
 * checks it whole before registering the scheme.
 */
#include <ferrite/print.h>

#include "initfs.h"
#include "loop.h"
#include "service.h"

int main(void)
{
	static struct initfs fs;
	const void *base;
	uint64_t size;
	int rc = boot_map(SVC_ARCHIVE_HANDLE, &base, &size);

	if (rc == 0)
		rc = initfs_init(&fs, base, size);
	if (rc < 0) {
		fe_printf("initfs: no usable boot archive at handle %d: %d\n", SVC_ARCHIVE_HANDLE,
		          rc);
		return 1;
	}
	return srv_serve("initfs", &initfs_ops, &fs);
}
