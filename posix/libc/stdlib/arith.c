/*
 * Integer arithmetic helpers (abs, div) and the pseudo-random generators.
 * rand and random share one algorithm, a 64-bit linear congruential step
 * whose top 31 bits are returned (Knuth's MMIX constants), each with its
 * own state; as C asks, a program that never seeds behaves as if seeded 1.
 */
#include <inttypes.h>
#include <stdlib.h>

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

long long llabs(long long x)
{
	return x < 0 ? -x : x;
}

intmax_t imaxabs(intmax_t x)
{
	return x < 0 ? -x : x;
}

div_t div(int a, int b)
{
	return (div_t){ a / b, a % b };
}

ldiv_t ldiv(long a, long b)
{
	return (ldiv_t){ a / b, a % b };
}

lldiv_t lldiv(long long a, long long b)
{
	return (lldiv_t){ a / b, a % b };
}

imaxdiv_t imaxdiv(intmax_t a, intmax_t b)
{
	return (imaxdiv_t){ a / b, a % b };
}

static uint64_t lcg_step(uint64_t *state)
{
	*state = *state * 6364136223846793005ull + 1442695040888963407ull;
	return *state >> 33;
}

static uint64_t rand_state = 1, random_state = 1;

int rand(void)
{
	return (int)lcg_step(&rand_state);
}

void srand(unsigned seed)
{
	rand_state = seed;
}

int rand_r(unsigned *seed)
{
	uint64_t s = *seed;
	int r = (int)lcg_step(&s);

	*seed = (unsigned)s ^ (unsigned)(s >> 32);
	return r;
}

long random(void)
{
	return (long)lcg_step(&random_state);
}

void srandom(unsigned seed)
{
	random_state = seed;
}
