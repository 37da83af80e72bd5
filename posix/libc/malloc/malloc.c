/*
 * malloc, free, realloc, calloc and the aligned allocators, over the heap
 * of heap.c. Every payload is 16-byte aligned. free() checks the header it
 * is given and stops the program on a pointer that is not an allocated
 * block (a double free, most often), rather than corrupt the heap.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heap.h"

int __fe_malloc_check(void);

/* Report a bad pointer and stop. Plain writes, not stdio: malloc must not
 * bring printf into every program that allocates. */
static _Noreturn void corrupt(const char *what, void *p)
{
	char hex[19] = "0x";
	uintptr_t v = (uintptr_t)p;

	for (int i = 0; i < 16; i++)
		hex[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
	hex[18] = '\0';
	write(2, "malloc: ", 8);
	write(2, what, strlen(what));
	write(2, "(", 1);
	write(2, hex, 18);
	write(2, "): not an allocated block\n", 26);
	abort();
}

static size_t usable(const struct chunk *c)
{
	if (c->size & F_MAPPED)
		return chunk_size(c) - c->prev_size - CHUNK_HDR;
	return chunk_size(c) - CHUNK_HDR;
}

static void *alloc(size_t n, size_t align)
{
	size_t size = request_size(n);
	struct chunk *c;

	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	if (size >= FE_MMAP_MIN) {
		void *p = heap_map_large(n, align);

		if (!p)
			errno = ENOMEM;
		return p;
	}
	c = align > CHUNK_ALIGN ? heap_take_aligned(size, align) : heap_take(size);
	if (!c) {
		errno = ENOMEM;
		return NULL;
	}
	return chunk_payload(c);
}

void *malloc(size_t n)
{
	return alloc(n, CHUNK_ALIGN);
}

static struct chunk *checked(void *p, const char *what)
{
	struct chunk *c = payload_chunk(p);

	if ((uintptr_t)p % CHUNK_ALIGN || !(c->size & F_INUSE) || chunk_size(c) < CHUNK_MIN)
		corrupt(what, p);
	return c;
}

void free(void *p)
{
	struct chunk *c;

	if (!p)
		return;
	c = checked(p, "free");
	if (c->size & F_MAPPED)
		heap_unmap_large(c);
	else
		heap_give(c);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* Resize within the chunk or its free neighbour; false if it must move. */
static bool resize_in_place(struct chunk *c, size_t n)
{
	size_t size = request_size(n);

	if (c->size & F_MAPPED)
		return n <= usable(c) && n >= usable(c) / 2;
	if (!size || size >= FE_MMAP_MIN)
		return false;
	if (size <= chunk_size(c)) {
		heap_split(c, size);
		return true;
	}
	return heap_grow_into_next(c, size);
}

void *realloc(void *p, size_t n)
{
	struct chunk *c;
	void *q;

	if (!p)
		return malloc(n);
	c = checked(p, "realloc");
	if (resize_in_place(c, n))
		return p;
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, usable(c) < n ? usable(c) : n);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	p = alloc(n, align);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	void *p = NULL;
	int rc;

	if (align < CHUNK_ALIGN)
		align = CHUNK_ALIGN;
	rc = posix_memalign(&p, align, n);
	if (rc)
		errno = rc;
	return p;
}

/* For tests: 0 if the heap keeps every rule of heap.h. */
int __fe_malloc_check(void)
{
	return heap_check();
}
