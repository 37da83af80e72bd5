/*
 * Freestanding helpers for the core: memory and string routines, formatted
 * output to the console, and the kernel's allocator. Nothing here touches
 * a user address; see vm.h for that.
 */
#ifndef KERNEL_LIB_H
#define KERNEL_LIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ferrite/abi.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define PAGE_SIZE FE_PAGE_SIZE
#define PAGE_DOWN(x) ((x) & ~(PAGE_SIZE - 1))
#define PAGE_ALIGNED(x) (((x) & (PAGE_SIZE - 1)) == 0)

void *kmemcpy(void *dst, const void *src, size_t n);
void *kmemset(void *dst, int c, size_t n);
int kmemcmp(const void *a, const void *b, size_t n);
size_t kstrnlen(const char *s, size_t max);

/* Round up to a page; false when that overflows. */
bool page_round_up(uint64_t x, uint64_t *out);

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Print to the debug console, prefixed with nothing: callers say "ferrite: ". */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The kernel heap, carved from boot_info.heap. Memory is zeroed. */
void kmem_init(void *base, uint64_t size);
void *kzalloc(size_t size);
void kfree(void *p);
/*
 * Grow a zeroed array of `elem`-byte entries to hold at least `need` of them:
 * its size doubles from `first`, up to `max`. 0, -FE_EMFILE when `need` is
 * over `max`, -FE_ENOMEM; the array is unchanged on error.
 */
int kgrow(void **array, uint32_t *size, uint32_t need, size_t elem, uint32_t first, uint32_t max);

/* Bytes of the heap region handed out so far, and its size. */
void kmem_stats(uint64_t *used, uint64_t *size);

/* Deterministic random numbers from the boot seed. */
void random_seed(uint64_t seed);
uint64_t random_next(void);

#endif
