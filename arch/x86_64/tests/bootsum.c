/*
 * bootsum: print the name, size and FNV-1a hash of every file in the boot
 * archive the machine handed us (handle 0), in archive order. Run on both
 * machines with the same files (qemu-case --sim), it shows that the sim and
 * the native image load byte-identical programs.
 */
#include <stdint.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/bootfs.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

static uint64_t fnv1a(const unsigned char *p, uint64_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (uint64_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* Map the whole archive: one page first to learn its size. */
static int map_archive(const unsigned char **base, uint64_t *size)
{
	struct bootfs_header h;
	void *p;
	int rc = fe_memobj_map(FE_BOOTFS_HANDLE, NULL, FE_PAGE_SIZE, FE_PROT_READ, 0, &p);

	if (rc < 0)
		return rc;
	memcpy(&h, p, sizeof(h));
	fe_mem_unmap(p, FE_PAGE_SIZE);
	if (h.size < sizeof(h) || h.size > (1ull << 30))
		return -FE_EINVAL;
	rc = fe_memobj_map(FE_BOOTFS_HANDLE, NULL,
	                   (h.size + FE_PAGE_SIZE - 1) & ~(FE_PAGE_SIZE - 1), FE_PROT_READ, 0, &p);
	*base = p;
	*size = h.size;
	return rc;
}

int main(void)
{
	const unsigned char *a;
	struct bootfs_header h;
	uint64_t size;
	int rc = map_archive(&a, &size);

	if (rc < 0) {
		fe_printf("bootsum: cannot map the boot archive: %d\n", rc);
		return 1;
	}
	memcpy(&h, a, sizeof(h));
	for (uint32_t i = 0; i < h.count; i++) {
		struct bootfs_entry e;
		const void *data;
		uint64_t len;

		memcpy(&e, a + sizeof(h) + (uint64_t)i * sizeof(e), sizeof(e));
		if (fe_bootfs_find(a, size, e.name, &data, &len) < 0) {
			fe_printf("bootsum: bad entry %u\n", i);
			return 1;
		}
		fe_printf("bootsum: %s %llu %016llx\n", e.name, (unsigned long long)len,
		          (unsigned long long)fnv1a(data, len));
	}
	fe_printf("bootsum: %u files\n", h.count);
	return 0;
}
