/*
 * qsort and bsearch. qsort is a merge sort, so it is stable — equal
 * elements keep their order, as with the C libraries most programs were
 * tested on — and O(n log n) always. It needs n * size bytes of scratch
 * space: on the stack for small arrays, from malloc otherwise; if malloc
 * fails it falls back to a heap sort, which is in place but not stable.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int (*cmp_fn)(const void *, const void *);

struct sort {
	size_t size;
	cmp_fn cmp;
	char *tmp;
};

#define SMALL_RUN 8
#define STACK_SCRATCH 1024

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;

		*a++ = *b;
		*b++ = t;
	}
}

/* Insertion sort of a short run: stable, fast for a handful of elements. */
static void insertion(const struct sort *s, char *base, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			char *a = base + (j - 1) * s->size, *b = a + s->size;

			if (s->cmp(a, b) <= 0)
				break;
			swap(a, b, s->size);
		}
}

/* Merge the sorted halves [0, mid) and [mid, n) through the scratch space;
 * the left element wins ties, which keeps the sort stable. */
static void merge(const struct sort *s, char *base, size_t mid, size_t n)
{
	char *left = s->tmp, *right = base + mid * s->size, *out = base;
	char *left_end = left + mid * s->size, *right_end = base + n * s->size;

	memcpy(left, base, mid * s->size);
	while (left < left_end && right < right_end) {
		if (s->cmp(left, right) <= 0) {
			memcpy(out, left, s->size);
			left += s->size;
		} else {
			memcpy(out, right, s->size);
			right += s->size;
		}
		out += s->size;
	}
	memcpy(out, left, (size_t)(left_end - left));
}

static void merge_sort(const struct sort *s, char *base, size_t n)
{
	size_t mid = n / 2;

	if (n <= SMALL_RUN) {
		insertion(s, base, n);
		return;
	}
	merge_sort(s, base, mid);
	merge_sort(s, base + mid * s->size, n - mid);
	if (s->cmp(base + (mid - 1) * s->size, base + mid * s->size) > 0)
		merge(s, base, mid, n);
}

static void sift_down(const struct sort *s, char *base, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n &&
		    s->cmp(base + child * s->size, base + (child + 1) * s->size) < 0)
			child++;
		if (s->cmp(base + root * s->size, base + child * s->size) >= 0)
			return;
		swap(base + root * s->size, base + child * s->size, s->size);
	}
}

static void heap_sort(const struct sort *s, char *base, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(s, base, i, n);
	for (size_t end = n; end-- > 1;) {
		swap(base, base + end * s->size, s->size);
		sift_down(s, base, 0, end);
	}
}

void qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	char scratch[STACK_SCRATCH];
	struct sort s = { .size = size, .cmp = cmp, .tmp = scratch };
	size_t need = (n / 2) * size;

	if (n < 2 || size == 0)
		return;
	if (size > SIZE_MAX / n) {
		heap_sort(&s, base, n);
		return;
	}
	if (need > sizeof(scratch))
		s.tmp = malloc(need);
	if (s.tmp)
		merge_sort(&s, base, n);
	else
		heap_sort(&s, base, n);
	if (s.tmp != scratch)
		free(s.tmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, cmp_fn cmp)
{
	const char *lo = base;

	while (n > 0) {
		const char *mid = lo + (n / 2) * size;
		int c = cmp(key, mid);

		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
