/*
 * qsort and bsearch: sorted output equal to the host's for random arrays
 * of many sizes and element widths, stability (equal keys keep their
 * order), and bsearch finding every present key and no absent one.
 */
#include <stdlib.h>
#include <string.h>

#include "fl.h"

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

struct rec {
	int key, index;
	char pad[9];
};

static int cmp_rec(const void *a, const void *b)
{
	return cmp_int(&((const struct rec *)a)->key, &((const struct rec *)b)->key);
}

START_TEST(sorts_like_the_host)
{
	static int a[5000], b[5000];

	for (int round = 0; round < 400; round++) {
		size_t n = fl_test_rand() % (round < 200 ? 40 : 5000);
		int range = round % 3 == 0 ? 5 : 1 << 30;

		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = (int)(fl_test_rand() % (uint64_t)range) - range / 2;
		if (round % 7 == 0)
			for (size_t i = 0; i < n; i++)
				a[i] = b[i] = (int)i;
		if (round % 11 == 0)
			for (size_t i = 0; i < n; i++)
				a[i] = b[i] = (int)(n - i);
		fl_qsort(a, n, sizeof(int), cmp_int);
		qsort(b, n, sizeof(int), cmp_int);
		ck_assert(memcmp(a, b, n * sizeof(int)) == 0);
	}
}
END_TEST

START_TEST(stable_with_odd_sizes)
{
	static struct rec r[3000];

	for (int round = 0; round < 50; round++) {
		size_t n = fl_test_rand() % 3000;

		for (size_t i = 0; i < n; i++)
			r[i] = (struct rec){ (int)(fl_test_rand() % 17), (int)i, { 0 } };
		fl_qsort(r, n, sizeof(r[0]), cmp_rec);
		for (size_t i = 1; i < n; i++) {
			ck_assert(r[i - 1].key <= r[i].key);
			if (r[i - 1].key == r[i].key)
				ck_assert(r[i - 1].index < r[i].index);
		}
	}
}
END_TEST

START_TEST(bsearch_finds)
{
	int a[1000];

	for (int i = 0; i < 1000; i++)
		a[i] = 2 * i;
	for (int k = -3; k < 2003; k++) {
		int *p = fl_bsearch(&k, a, 1000, sizeof(int), cmp_int);

		if (k >= 0 && k < 2000 && k % 2 == 0)
			ck_assert(p && *p == k);
		else
			ck_assert_ptr_null(p);
	}
	ck_assert_ptr_null(fl_bsearch(&a[0], a, 0, sizeof(int), cmp_int));
}
END_TEST

Suite *sort_suite(void)
{
	Suite *s = suite_create("sort");
	TCase *t = tcase_create("sort");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, sorts_like_the_host);
	tcase_add_test(t, stable_with_odd_sizes);
	tcase_add_test(t, bsearch_finds);
	suite_add_tcase(s, t);
	return s;
}
