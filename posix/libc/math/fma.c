/*
 * fma(x, y, z) = x * y + z with one rounding, in integers: the product of
 * the two 53-bit mantissas is exact in 106 bits, z is lined up with it in
 * a 128-bit accumulator (bits shifted out kept as a sticky bit), and the
 * sum is rounded to nearest even at the end, subnormals included.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>

#include "libm.h"

typedef unsigned __int128 u128;

/* A finite non-zero value: (-1)^neg * m * 2^e. */
struct num {
	bool neg;
	u128 m;
	int e;
};

static struct num decompose(double x)
{
	uint64_t u = asuint64(x);
	int f = (int)(u >> 52 & 0x7ff);
	struct num n = { u >> 63, u & ((1ull << 52) - 1), f ? f - 1075 : -1074 };

	if (f)
		n.m |= 1ull << 52;
	return n;
}

static int bitlen(u128 v)
{
	int n = 0;

	while (v) {
		v >>= 1;
		n++;
	}
	return n;
}

/* Shift v right by s, folding what falls off into bit 0 (sticky). */
static u128 shift_sticky(u128 v, int s)
{
	if (s <= 0)
		return v;
	if (s >= 127)
		return v != 0;
	return v >> s | ((v & (((u128)1 << s) - 1)) != 0);
}

/* Round (-1)^neg * m * 2^e to a double; m's bit 0 may stand for
 * "something non-zero below" (sticky), which rounding treats as such. */
static double round_num(bool neg, u128 m, int e)
{
	int len = bitlen(m), lead = e + len - 1;
	int lsb = (lead < -1022 ? -1022 : lead) - 52, drop = lsb - e;
	u128 q = m;
	double r;

	if (drop > len + 1) {
		q = 0;
	} else if (drop > 0) {
		bool round = (m >> (drop - 1)) & 1;
		bool sticky = drop > 1 && (m & (((u128)1 << (drop - 1)) - 1)) != 0;

		q = m >> drop;
		if (round && (sticky || (q & 1)))
			q++;
	} else {
		lsb = e;
	}
	r = __fe_scale((double)(uint64_t)q, lsb);
	return neg ? -r : r;
}

/* m scaled so that its top bit is bit 124. */
static struct num normalize(struct num n)
{
	int shift = 125 - bitlen(n.m);

	n.m <<= shift;
	n.e -= shift;
	return n;
}

double fma(double x, double y, double z)
{
	struct num p, q, big, small;

	if (!isfinite(x) || !isfinite(y) || x == 0 || y == 0)
		return x * y + z;
	if (!isfinite(z))
		return z;
	if (z == 0)
		return x * y;
	p = decompose(x);
	q = decompose(y);
	p.m *= q.m; /* exact: at most 106 bits */
	p.e += q.e;
	p.neg ^= q.neg;
	p = normalize(p);
	q = normalize(decompose(z));
	big = p.e >= q.e ? p : q;
	small = p.e >= q.e ? q : p;
	small.m = shift_sticky(small.m, big.e - small.e);
	if (big.neg == small.neg) {
		big.m += small.m;
	} else if (big.m >= small.m) {
		big.m -= small.m;
	} else {
		big.m = small.m - big.m;
		big.neg = small.neg;
	}
	if (big.m == 0)
		return 0.0;
	return round_num(big.neg, big.m, big.e);
}
