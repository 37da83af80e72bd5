/*
 * The core's freestanding library: the kernel heap (zeroing, reuse by size
 * class, large blocks, exhaustion, bad frees), the formatter (every
 * conversion, width, flags, truncation), the memory and string helpers,
 * page rounding, the random number generator and object reference counts.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static void *heap_region;

static void own_heap(size_t size)
{
	heap_region = aligned_alloc(64, size);
	ck_assert_ptr_nonnull(heap_region);
	memset(heap_region, 0xa5, size);
	kmem_init(heap_region, size);
}

static void free_heap(void)
{
	free(heap_region);
	heap_region = NULL;
}

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

START_TEST(test_kzalloc_returns_zeroed_aligned_memory)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 31, 32, 33, 100, 4095, 4096, 4097, 100000 };

	own_heap(1 << 20);
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned char *p = kzalloc(sizes[i]);

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		ck_assert(all_zero(p, sizes[i]));
		memset(p, 0xff, sizes[i]);
		kfree(p);
		/* The same block comes back, zeroed again. */
		unsigned char *q = kzalloc(sizes[i]);
		ck_assert_ptr_eq(q, p);
		ck_assert(all_zero(q, sizes[i]));
		kfree(q);
	}
	free_heap();
}
END_TEST

START_TEST(test_kfree_reuses_blocks_by_size_class)
{
	own_heap(1 << 20);
	void *a = kzalloc(40), *b = kzalloc(40), *c;

	ck_assert_ptr_ne(a, b);
	kfree(a);
	c = kzalloc(20); /* another class: not a */
	ck_assert_ptr_ne(c, a);
	ck_assert_ptr_eq(kzalloc(64), a); /* a's class is 33..64 bytes */
	kfree(b);
	kfree(c);
	ck_assert_ptr_eq(kzalloc(33), b);
	ck_assert_ptr_eq(kzalloc(32), c);
	kfree(NULL);
	free_heap();
}
END_TEST

static bool inside(const void *p, size_t n, const void *block, size_t size)
{
	return (const char *)p >= (const char *)block &&
	       (const char *)p + n <= (const char *)block + size;
}

START_TEST(test_large_blocks_are_reused)
{
	own_heap(1 << 20);
	char *big = kzalloc(20000), *again, *half;

	memset(big, 0xff, 20000);
	kfree(big);
	ck_assert_ptr_eq(kzalloc(20000), big);
	kfree(big);
	/* A smaller request takes the front of the block; the rest is kept
	 * for the next one. Both come zeroed. */
	again = kzalloc(10000);
	ck_assert_ptr_eq(again, big);
	ck_assert(all_zero(again, 10000));
	half = kzalloc(9000);
	ck_assert(inside(half, 9000, big, 20000));
	ck_assert(all_zero(half, 9000));
	memset(again, 1, 10000);
	memset(half, 2, 9000);
	kfree(again);
	kfree(half);
	ck_assert(inside(kzalloc(9000), 9000, big, 20000));
	ck_assert(inside(kzalloc(9000), 9000, big, 20000));
	free_heap();
}
END_TEST

/* Once the region is used up, memory freed in large blocks still serves
 * small allocations: the heap never runs dry while most of it is free. */
START_TEST(test_small_allocations_reuse_freed_large_blocks)
{
	void *blocks[64], *p;
	int n = 0;

	own_heap(64 << 10);
	while (n < 64 && (blocks[n] = kzalloc(8000)) != NULL)
		n++;
	ck_assert_int_gt(n, 4);
	for (size_t size = 4096; size >= 32; size /= 2)
		while (kzalloc(size) != NULL)
			; /* the region's last bytes */
	ck_assert_ptr_null(kzalloc(1));
	for (int i = 0; i < n; i++)
		kfree(blocks[i]);
	for (int i = 0; i < 100; i++) {
		p = kzalloc(40);
		ck_assert_ptr_nonnull(p);
		ck_assert(all_zero(p, 40));
		memset(p, 0xee, 40);
	}
	ck_assert_ptr_nonnull(kzalloc(4096));
	ck_assert_ptr_nonnull(kzalloc(5000));
	free_heap();
}
END_TEST

START_TEST(test_kzalloc_returns_null_when_the_heap_is_used_up)
{
	void *last = NULL, *p;
	int n = 0;

	own_heap(16 << 10);
	while ((p = kzalloc(1000)) != NULL) {
		last = p;
		n++;
	}
	ck_assert_int_gt(n, 5);
	ck_assert_ptr_null(kzalloc(1 << 20));
	ck_assert_ptr_null(kzalloc(SIZE_MAX));
	kfree(last);
	ck_assert_ptr_eq(kzalloc(1000), last);
	free_heap();
}
END_TEST

/* Sizes so large that rounding them up wraps around must fail, even when
 * freed large blocks are waiting to be reused. */
START_TEST(test_kzalloc_of_an_impossible_size_is_null)
{
	own_heap(1 << 20);
	void *big = kzalloc(8192);

	kfree(big);
	ck_assert_ptr_null(kzalloc(SIZE_MAX));
	ck_assert_ptr_null(kzalloc(SIZE_MAX - 7));
	ck_assert_ptr_null(kzalloc(SIZE_MAX / 2));
	ck_assert_ptr_eq(kzalloc(8192), big);
	free_heap();
}
END_TEST

/* A double free is reported, not obeyed: the block is handed out once. */
START_TEST(test_kfree_of_a_bad_block_is_reported)
{
	own_heap(1 << 20);
	void *a = kzalloc(100);

	kfree(a);
	kfree(a);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "kfree of a bad block"));
	ck_assert_ptr_eq(kzalloc(100), a);
	ck_assert_ptr_ne(kzalloc(100), a);
	arch_test.console_len = 0;
	arch_test.console[0] = '\0';
	free_heap();
}
END_TEST

START_TEST(test_release_of_a_dead_object_is_reported)
{
	struct notify *n;

	own_heap(1 << 20);
	n = notify_create();
	kobj_retain(&n->obj);
	ck_assert_uint_eq(n->obj.refs, 2);
	kobj_release(&n->obj);
	ck_assert_uint_eq(n->obj.refs, 1);
	n->obj.refs = 0; /* as if already destroyed */
	kobj_release(&n->obj);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "release of a dead object"));
	kobj_release(NULL);
	arch_test.console_len = 0;
	arch_test.console[0] = '\0';
	free_heap();
}
END_TEST

/* ksnprintf without the compiler's format check, for bad formats. */
static int unchecked_format(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = kvsnprintf(buf, size, f, ap);
	va_end(ap);
	return n;
}

static const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static const char *fmt(const char *f, ...)
{
	static char buf[256];
	va_list ap;
	int n;

	va_start(ap, f);
	n = kvsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	ck_assert_int_eq(n, (int)strlen(buf));
	return buf;
}

START_TEST(test_ksnprintf_conversions)
{
	char buf[16];

	ck_assert_str_eq(fmt("%d|%d|%d|%i", 0, 42, -1, INT_MIN), "0|42|-1|-2147483648");
	ck_assert_str_eq(fmt("%u|%u", 0u, UINT_MAX), "0|4294967295");
	ck_assert_str_eq(fmt("%x|%x", 0xdeadbeefu, 0u), "deadbeef|0");
	ck_assert_str_eq(fmt("%lx|%ld", 0x123456789abcul, -5l), "123456789abc|-5");
	ck_assert_str_eq(fmt("%llu|%lld", (unsigned long long)UINT64_MAX, (long long)INT64_MIN),
	                 "18446744073709551615|-9223372036854775808");
	ck_assert_str_eq(fmt("%llx", 0xffffffffffffffffull), "ffffffffffffffff");
	ck_assert_str_eq(fmt("%zu", (size_t)12345), "12345");
	ck_assert_str_eq(fmt("%s|%s", "abc", ""), "abc|");
	ck_assert_int_eq(unchecked_format(buf, sizeof(buf), "%s|", (char *)NULL), 7);
	ck_assert_str_eq(buf, "(null)|");
	ck_assert_str_eq(fmt("%c%c%c", 'x', 'y', 'z'), "xyz");
	ck_assert_str_eq(fmt("%p", (void *)0x1234), "0x1234");
	ck_assert_str_eq(fmt("100%%"), "100%");
	ck_assert_str_eq(fmt("plain text"), "plain text");
}
END_TEST

START_TEST(test_ksnprintf_width_and_flags)
{
	ck_assert_str_eq(fmt("[%5d]", 42), "[   42]");
	ck_assert_str_eq(fmt("[%-5d]", 42), "[42   ]");
	ck_assert_str_eq(fmt("[%05d]", 42), "[00042]");
	ck_assert_str_eq(fmt("[%5d]", -42), "[  -42]");
	ck_assert_str_eq(fmt("[%-5d]", -42), "[-42  ]");
	ck_assert_str_eq(fmt("[%05d]", -42), "[-0042]");
	ck_assert_str_eq(fmt("[%08x]", 0xbeefu), "[0000beef]");
	ck_assert_str_eq(fmt("[%2d]", 12345), "[12345]");
	ck_assert_str_eq(fmt("[%6s]", "ab"), "[    ab]");
	ck_assert_str_eq(fmt("[%-6s]", "ab"), "[ab    ]");
	ck_assert_str_eq(fmt("[%016llx]", 0x1ull), "[0000000000000001]");
	ck_assert_str_eq(fmt("[%-4u|%4u]", 7u, 7u), "[7   |   7]");
}
END_TEST

START_TEST(test_ksnprintf_truncates_and_says_the_full_length)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(ksnprintf(buf, 5, "hello %s", "world"), 11);
	ck_assert_str_eq(buf, "hell");
	ck_assert_int_eq(buf[5], 'x');
	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(ksnprintf(buf, 0, "abc"), 3);
	ck_assert_int_eq(buf[0], 'x');
	ck_assert_int_eq(ksnprintf(buf, 1, "abc"), 3);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(ksnprintf(buf, 4, "abc"), 3);
	ck_assert_str_eq(buf, "abc");
	/* A conversion the formatter does not know prints '?'. */
	ck_assert_int_eq(unchecked_format(buf, sizeof(buf), "%q!"), 2);
	ck_assert_str_eq(buf, "?!");
}
END_TEST

START_TEST(test_kprintf_writes_to_the_console)
{
	kprintf("ferrite: %s %d\n", "test", 5);
	ck_assert_str_eq(arch_test.console, "ferrite: test 5\n");
}
END_TEST

START_TEST(test_memory_and_string_helpers)
{
	char a[8] = "abcdefg", b[8] = "abcdxfg";
	uint64_t r;

	ck_assert_int_eq(kmemcmp(a, b, 4), 0);
	ck_assert_int_lt(kmemcmp(a, b, 5), 0);
	ck_assert_int_gt(kmemcmp(b, a, 5), 0);
	ck_assert_int_eq(kmemcmp(a, b, 0), 0);
	ck_assert_ptr_eq(kmemcpy(b, a, 8), b);
	ck_assert_str_eq(b, "abcdefg");
	ck_assert_ptr_eq(kmemset(a, 'z', 3), a);
	ck_assert_str_eq(a, "zzzdefg");
	ck_assert_uint_eq(kstrnlen("hello", 10), 5);
	ck_assert_uint_eq(kstrnlen("hello", 3), 3);
	ck_assert_uint_eq(kstrnlen("", 3), 0);
	ck_assert(page_round_up(0, &r) && r == 0);
	ck_assert(page_round_up(1, &r) && r == FE_PAGE_SIZE);
	ck_assert(page_round_up(FE_PAGE_SIZE, &r) && r == FE_PAGE_SIZE);
	ck_assert(page_round_up(UINT64_MAX - FE_PAGE_SIZE + 1, &r) &&
	          r == UINT64_MAX - FE_PAGE_SIZE + 1);
	ck_assert(!page_round_up(UINT64_MAX - FE_PAGE_SIZE + 2, &r));
	ck_assert(!page_round_up(UINT64_MAX, &r));
}
END_TEST

/* splitmix64: the published sequence for seed 0, and seeds repeat. */
START_TEST(test_random_is_splitmix64)
{
	uint64_t x;

	random_seed(0);
	ck_assert_uint_eq(random_next(), 0xe220a8397b1dcdafull);
	ck_assert_uint_eq(random_next(), 0x6e789e6aa1b965f4ull);
	random_seed(1234);
	x = random_next();
	random_seed(1234);
	ck_assert_uint_eq(random_next(), x);
}
END_TEST

/* Use up the kernel heap; returns the blocks taken, to give back later. */
static void **exhaust_heap(size_t *count)
{
	size_t cap = 1024, n = 0;
	void **blocks = malloc(cap * sizeof(*blocks));

	ck_assert_ptr_nonnull(blocks);
	for (size_t size = 1 << 20; size >= 1; size /= 2) {
		void *b;

		while ((b = kzalloc(size)) != NULL) {
			if (n == cap) {
				cap *= 2;
				blocks = realloc(blocks, cap * sizeof(*blocks));
				ck_assert_ptr_nonnull(blocks);
			}
			blocks[n++] = b;
		}
	}
	*count = n;
	return blocks;
}

/* With the kernel heap used up, every call that makes an object says
 * -FE_ENOMEM and changes nothing; afterwards they all work. */
START_TEST(test_calls_fail_cleanly_when_the_kernel_heap_is_used_up)
{
	struct thread *t = new_proc("p");
	struct ipc_pair pr;
	size_t n;
	void **blocks;
	int64_t mo;
	unsigned mems, threads;
	uint32_t caps;

	make_pair(&pr);
	mo = sys(t, FE_SYS_MEMOBJ_CREATE, FE_PAGE_SIZE);
	ck_assert_int_ge(mo, 0);
	caps = t->proc->caps.used;
	mems = arch_test.live_mems;
	threads = arch_test.live_threads;
	blocks = exhaust_heap(&n);
	ck_assert_int_eq(sys(t, FE_SYS_ENDPOINT_CREATE), -FE_ENOMEM);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_CREATE), -FE_ENOMEM);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_CREATE, FE_PAGE_SIZE), -FE_ENOMEM);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, FE_PROT_READ), -FE_ENOMEM);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_MAP, mo, 0, FE_PAGE_SIZE, FE_PROT_READ, 0),
	                 -FE_ENOMEM);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, SCRATCH_BASE + FE_PAGE_SIZE, FE_PAGE_SIZE),
	                 -FE_ENOMEM);
	ck_assert_int_eq(vm_check(&t->proc->vm, SCRATCH_BASE, SCRATCH_SIZE, FE_PROT_READ), 0);
	ck_assert_int_eq(sys(t, FE_SYS_THREAD_CREATE, SCRATCH_BASE, SCRATCH_BASE, 0), -FE_ENOMEM);
	ck_assert_uint_eq(t->proc->caps.used, caps);
	ck_assert_uint_eq(arch_test.live_mems, mems);
	ck_assert_uint_eq(arch_test.live_threads, threads);
	/* A delivery that cannot make its reply object fails the receiver and
	 * keeps the caller queued. */
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE }),
	                     FE_FOREVER),
	                 BLOCKED);
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, umsg(pr.server, &(struct fe_msg){ 0 }),
	                     FE_FOREVER),
	                 -FE_ENOMEM);
	ck_assert(still_blocked(pr.client));
	for (size_t i = 0; i < n; i++)
		kfree(blocks[i]);
	free(blocks);
	ck_assert_int_ge(sys(pr.server, FE_SYS_RECV, pr.sep, umsg(pr.server, &(struct fe_msg){ 0 }),
	                     FE_FOREVER),
	                 0);
	ck_assert_int_ge(sys(t, FE_SYS_ENDPOINT_CREATE), 0);
	ck_assert_int_gt(sys(t, FE_SYS_MEMOBJ_MAP, mo, 0, FE_PAGE_SIZE, FE_PROT_READ, 0), 0);
	ck_assert_int_ge(sys(t, FE_SYS_THREAD_CREATE, SCRATCH_BASE, SCRATCH_BASE, 0), 0);
}
END_TEST

Suite *suite_lib(void)
{
	Suite *s = suite_create("lib");

	ADD_BARE_TEST(s, test_kzalloc_returns_zeroed_aligned_memory);
	ADD_BARE_TEST(s, test_kfree_reuses_blocks_by_size_class);
	ADD_BARE_TEST(s, test_large_blocks_are_reused);
	ADD_BARE_TEST(s, test_small_allocations_reuse_freed_large_blocks);
	ADD_BARE_TEST(s, test_kzalloc_returns_null_when_the_heap_is_used_up);
	ADD_BARE_TEST(s, test_kzalloc_of_an_impossible_size_is_null);
	ADD_BARE_TEST(s, test_kfree_of_a_bad_block_is_reported);
	ADD_BARE_TEST(s, test_release_of_a_dead_object_is_reported);
	ADD_BARE_TEST(s, test_ksnprintf_conversions);
	ADD_BARE_TEST(s, test_ksnprintf_width_and_flags);
	ADD_BARE_TEST(s, test_ksnprintf_truncates_and_says_the_full_length);
	ADD_BARE_TEST(s, test_kprintf_writes_to_the_console);
	ADD_BARE_TEST(s, test_memory_and_string_helpers);
	ADD_BARE_TEST(s, test_random_is_splitmix64);
	ADD_TEST(s, test_calls_fail_cleanly_when_the_kernel_heap_is_used_up);
	return s;
}
