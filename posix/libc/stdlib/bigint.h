/*
 * Unsigned big integers for exact decimal-to-binary conversion (strtod):
 * little-endian 32-bit limbs, fixed capacity (enough for any long double
 * conversion of up to 800 significant digits), every operation exact.
 */
#ifndef FERRITE_BIGINT_H
#define FERRITE_BIGINT_H

#include <stdbool.h>
#include <stdint.h>

#define BIG_LIMBS 640

struct bigint {
	int n; /* limbs in use; no leading zero limbs; 0 for zero */
	uint32_t d[BIG_LIMBS];
};

void __fe_big_set(struct bigint *b, uint64_t v);
void __fe_big_mul_add(struct bigint *b, uint32_t mul, uint32_t add);
void __fe_big_mul_pow5(struct bigint *b, int k);
void __fe_big_shl(struct bigint *b, int bits);
int __fe_big_bitlen(const struct bigint *b);
int __fe_big_cmp(const struct bigint *a, const struct bigint *b);
void __fe_big_sub(struct bigint *a, const struct bigint *b); /* a >= b */
void __fe_big_shr1(struct bigint *b);
/* The top `bits` bits of b (bits <= 127) and whether any bit below is set. */
unsigned __int128 __fe_big_top(const struct bigint *b, int bits, bool *sticky);

#endif
