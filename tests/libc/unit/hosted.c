/*
 * What libc's pure parts call that is not in them: the kernel's memory
 * mapping (fe_mem_map, fe_mem_unmap) for malloc, here on the host's mmap;
 * and the tests' deterministic random numbers.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "fl.h"

int fe_mem_map(void *hint, uint64_t len, unsigned prot, void **addr);
int fe_mem_unmap(void *addr, uint64_t len);

int fe_mem_map(void *hint, uint64_t len, unsigned prot, void **addr)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -12;
	*addr = p;
	return 0;
}

int fe_mem_unmap(void *addr, uint64_t len)
{
	return munmap(addr, len) == 0 ? 0 : -22;
}

static uint64_t state = 0x9e3779b97f4a7c15ull;

uint64_t fl_test_rand(void)
{
	/* xorshift64* */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dull;
}

double fl_test_double(void)
{
	uint64_t u;
	double d;

	do {
		u = fl_test_rand();
		memcpy(&d, &u, sizeof(d));
	} while (d != d || d - d != 0);
	return d;
}
