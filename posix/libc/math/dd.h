/*
 * Double-double arithmetic: a value is the unevaluated sum hi + lo of two
 * doubles with |lo| <= ulp(hi) / 2, about 106 bits of precision. The math
 * functions compute their result as a double-double and round it once at
 * the end, which is how they stay within a fraction of an ulp.
 *
 * The building blocks are exact: two_sum gives a + b as hi + lo exactly
 * (Knuth), two_prod gives a * b exactly using Dekker's splitting (no fused
 * multiply-add is assumed). They rely on IEEE double arithmetic with round
 * to nearest and no extended precision, which x86_64 (SSE2) provides.
 */
#ifndef FERRITE_MATH_DD_H
#define FERRITE_MATH_DD_H

struct dd {
	double hi, lo;
};

static inline struct dd dd_make(double hi, double lo)
{
	struct dd r = { hi, lo };

	return r;
}

/* a + b exactly, any order of magnitude. */
static inline struct dd two_sum(double a, double b)
{
	double s = a + b, bb = s - a;

	return dd_make(s, (a - (s - bb)) + (b - bb));
}

/* a + b exactly, when |a| >= |b| (or a == 0). */
static inline struct dd fast_two_sum(double a, double b)
{
	double s = a + b;

	return dd_make(s, b - (s - a));
}

/* Split a into two halves of 26 bits each: a = hi + lo. */
static inline struct dd dd_split(double a)
{
	double t = 134217729.0 * a, hi = t - (t - a);

	return dd_make(hi, a - hi);
}

/* a * b exactly (when it neither overflows nor underflows). */
static inline struct dd two_prod(double a, double b)
{
	double p = a * b;
	struct dd x = dd_split(a), y = dd_split(b);

	return dd_make(p, ((x.hi * y.hi - p) + x.hi * y.lo + x.lo * y.hi) + x.lo * y.lo);
}

static inline struct dd dd_from(double a)
{
	return dd_make(a, 0);
}

static inline double dd_round(struct dd a)
{
	return a.hi + a.lo;
}

static inline struct dd dd_neg(struct dd a)
{
	return dd_make(-a.hi, -a.lo);
}

static inline struct dd dd_add(struct dd a, struct dd b)
{
	struct dd s = two_sum(a.hi, b.hi), t = two_sum(a.lo, b.lo);

	s.lo += t.hi;
	s = fast_two_sum(s.hi, s.lo);
	s.lo += t.lo;
	return fast_two_sum(s.hi, s.lo);
}

static inline struct dd dd_sub(struct dd a, struct dd b)
{
	return dd_add(a, dd_neg(b));
}

static inline struct dd dd_add_d(struct dd a, double b)
{
	struct dd s = two_sum(a.hi, b);

	s.lo += a.lo;
	return fast_two_sum(s.hi, s.lo);
}

static inline struct dd dd_mul(struct dd a, struct dd b)
{
	struct dd p = two_prod(a.hi, b.hi);

	p.lo += a.hi * b.lo + a.lo * b.hi;
	return fast_two_sum(p.hi, p.lo);
}

static inline struct dd dd_mul_d(struct dd a, double b)
{
	struct dd p = two_prod(a.hi, b);

	p.lo += a.lo * b;
	return fast_two_sum(p.hi, p.lo);
}

static inline struct dd dd_sqr(struct dd a)
{
	return dd_mul(a, a);
}

static inline struct dd dd_div(struct dd a, struct dd b)
{
	double q1 = a.hi / b.hi, q2;
	struct dd r = dd_sub(a, dd_mul_d(b, q1));

	q2 = r.hi / b.hi;
	r = dd_sub(r, dd_mul_d(b, q2));
	return dd_add_d(fast_two_sum(q1, q2), r.hi / b.hi);
}

/* sqrt of a double-double (0 for a <= 0): one Newton step from the
 * double root. */
static inline struct dd dd_sqrt(struct dd a)
{
	double s;
	struct dd r;

	if (a.hi <= 0)
		return dd_from(0);
	__asm__("sqrtsd %1, %0" : "=x"(s) : "x"(a.hi));
	r = dd_sub(a, two_prod(s, s));
	return fast_two_sum(s, r.hi / (2 * s));
}

#endif
