/*
 * malloc: a random mix of malloc, calloc, realloc and free over many
 * sizes (tiny, size-class, large, mapped), with every block's contents
 * checked and the heap's invariants (__fe_malloc_check: boundary tags, no
 * two free neighbours, bins consistent) verified as it goes; alignment
 * of the aligned allocators; and memory coming back after frees.
 */
#include <stdint.h>
#include <string.h>

#include "fl.h"

#define SLOTS 512

struct slot {
	unsigned char *p;
	size_t n;
	unsigned char fill;
};

static size_t random_size(void)
{
	switch (fl_test_rand() % 16) {
	case 0:
		return fl_test_rand() % 16;
	case 1:
	case 2:
	case 3:
		return fl_test_rand() % 1100;
	case 4:
	case 5:
	case 8:
	case 9:
	case 10:
	case 11:
	case 12:
	case 13:
		return fl_test_rand() % 20000;
	case 6:
		return fl_test_rand() % 100000;
	default:
		return fl_test_rand() % 700000;
	}
}

static void check_slot(const struct slot *s)
{
	size_t i = 0;

	while (i < s->n && s->p[i] == s->fill)
		i++;
	ck_assert_msg(i == s->n, "block %p byte %zu changed", (void *)s->p, i);
}

static void fill(struct slot *s)
{
	s->fill = (unsigned char)fl_test_rand();
	memset(s->p, s->fill, s->n);
}

START_TEST(random_operations)
{
	static struct slot slots[SLOTS];

	for (int op = 0; op < 30000; op++) {
		struct slot *s = &slots[fl_test_rand() % SLOTS];

		if (s->p)
			check_slot(s);
		switch (fl_test_rand() % 4) {
		case 0:
			fl_free(s->p);
			s->p = NULL;
			s->n = 0;
			break;
		case 1:
			if (!s->p) {
				s->n = random_size();
				s->p = fl_calloc(1, s->n);
				ck_assert_ptr_nonnull(s->p);
				s->fill = 0;
				check_slot(s);
				fill(s);
			}
			break;
		default: {
			size_t n = random_size(), keep = n < s->n ? n : s->n;
			unsigned char *p = fl_realloc(s->p, n);

			ck_assert_ptr_nonnull(p);
			s->p = p;
			s->n = keep;
			check_slot(s);
			s->n = n;
			fill(s);
		}
		}
		ck_assert_uint_eq((uintptr_t)s->p % 16, 0);
		if (op % 97 == 0)
			ck_assert_int_eq(fl___fe_malloc_check(), 0);
	}
	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].p)
			check_slot(&slots[i]);
		fl_free(slots[i].p);
		slots[i].p = NULL;
	}
	ck_assert_int_eq(fl___fe_malloc_check(), 0);
}
END_TEST

START_TEST(aligned)
{
	void *p[64];

	for (int i = 0; i < 64; i++) {
		size_t align = (size_t)1 << (4 + i % 10);

		ck_assert_int_eq(fl_posix_memalign(&p[i], align, (size_t)(i * 37 + 1)), 0);
		ck_assert_uint_eq((uintptr_t)p[i] % align, 0);
		memset(p[i], i, (size_t)(i * 37 + 1));
	}
	ck_assert_int_eq(fl___fe_malloc_check(), 0);
	for (int i = 0; i < 64; i++)
		fl_free(p[i]);
	ck_assert_int_eq(fl___fe_malloc_check(), 0);
	ck_assert_int_eq(fl_posix_memalign(&p[0], 24, 8), 22);
	p[0] = fl_aligned_alloc(4096, 100);
	ck_assert_uint_eq((uintptr_t)p[0] % 4096, 0);
	fl_free(p[0]);
}
END_TEST

/* Freeing everything lets the same addresses serve again: the heap does
 * not grow without bound under a steady load. */
START_TEST(reuses_memory)
{
	void *first = fl_malloc(1000), *again;

	fl_free(first);
	for (int i = 0; i < 10000; i++) {
		void *a = fl_malloc(1000), *b = fl_malloc(5000);

		fl_free(a);
		fl_free(b);
	}
	again = fl_malloc(1000);
	ck_assert_ptr_eq(again, first);
	fl_free(again);
	ck_assert_ptr_null(fl_malloc((size_t)-1 / 2));
	ck_assert_ptr_null(fl_calloc((size_t)1 << 40, (size_t)1 << 40));
	ck_assert_int_eq(fl___fe_malloc_check(), 0);
}
END_TEST

Suite *malloc_suite(void)
{
	Suite *s = suite_create("malloc");
	TCase *t = tcase_create("malloc");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, random_operations);
	tcase_add_test(t, aligned);
	tcase_add_test(t, reuses_memory);
	suite_add_tcase(s, t);
	return s;
}
