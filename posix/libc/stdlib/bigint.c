/*
 * The big integer operations of bigint.h: schoolbook, exact, and bounded
 * by the fixed capacity (callers keep their numbers within it).
 */
#include "bigint.h"

static void trim(struct bigint *b)
{
	while (b->n > 0 && b->d[b->n - 1] == 0)
		b->n--;
}

void __fe_big_set(struct bigint *b, uint64_t v)
{
	b->d[0] = (uint32_t)v;
	b->d[1] = (uint32_t)(v >> 32);
	b->n = 2;
	trim(b);
}

void __fe_big_mul_add(struct bigint *b, uint32_t mul, uint32_t add)
{
	uint64_t carry = add;

	for (int i = 0; i < b->n; i++) {
		uint64_t x = (uint64_t)b->d[i] * mul + carry;

		b->d[i] = (uint32_t)x;
		carry = x >> 32;
	}
	if (carry && b->n < BIG_LIMBS)
		b->d[b->n++] = (uint32_t)carry;
}

void __fe_big_mul_pow5(struct bigint *b, int k)
{
	for (; k >= 13; k -= 13)
		__fe_big_mul_add(b, 1220703125u, 0);
	if (k > 0) {
		uint32_t f = 1;

		while (k--)
			f *= 5;
		__fe_big_mul_add(b, f, 0);
	}
}

void __fe_big_shl(struct bigint *b, int bits)
{
	int limbs = bits / 32, r = bits % 32;

	if (b->n == 0 || bits <= 0)
		return;
	if (b->n + limbs + 1 > BIG_LIMBS)
		limbs = BIG_LIMBS - b->n - 1;
	b->d[b->n + limbs] = 0;
	for (int i = b->n - 1; i >= 0; i--) {
		uint64_t x = (uint64_t)b->d[i] << r;

		b->d[i + limbs + 1] |= (uint32_t)(x >> 32);
		b->d[i + limbs] = (uint32_t)x;
	}
	for (int i = 0; i < limbs; i++)
		b->d[i] = 0;
	b->n += limbs + 1;
	trim(b);
}

int __fe_big_bitlen(const struct bigint *b)
{
	if (b->n == 0)
		return 0;
	return 32 * (b->n - 1) + 32 - __builtin_clz(b->d[b->n - 1]);
}

int __fe_big_cmp(const struct bigint *a, const struct bigint *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->d[i] != b->d[i])
			return a->d[i] < b->d[i] ? -1 : 1;
	return 0;
}

void __fe_big_sub(struct bigint *a, const struct bigint *b)
{
	int64_t borrow = 0;

	for (int i = 0; i < a->n; i++) {
		int64_t x = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;

		borrow = x < 0;
		a->d[i] = (uint32_t)(x + (borrow << 32));
	}
	trim(a);
}

void __fe_big_shr1(struct bigint *b)
{
	for (int i = 0; i < b->n; i++)
		b->d[i] = b->d[i] >> 1 | (i + 1 < b->n ? b->d[i + 1] << 31 : 0);
	trim(b);
}

unsigned __int128 __fe_big_top(const struct bigint *b, int bits, bool *sticky)
{
	int len = __fe_big_bitlen(b), low = len - bits;
	unsigned __int128 v = 0;

	*sticky = false;
	for (int i = len - 1; i >= 0 && i >= low; i--)
		v = v << 1 | ((b->d[i / 32] >> (i % 32)) & 1);
	if (low < 0)
		return v << -low;
	for (int i = 0; i < low / 32 && !*sticky; i++)
		*sticky = b->d[i] != 0;
	if (low % 32 && (b->d[low / 32] & ((1u << (low % 32)) - 1)))
		*sticky = true;
	return v;
}
