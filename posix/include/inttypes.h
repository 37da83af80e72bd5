/*
 * Format macros for the <stdint.h> types (LP64: 64-bit types are long) and
 * the intmax_t functions.
 */
#ifndef _INTTYPES_H
#define _INTTYPES_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	intmax_t quot, rem;
} imaxdiv_t;

intmax_t imaxabs(intmax_t x);
imaxdiv_t imaxdiv(intmax_t a, intmax_t b);
intmax_t strtoimax(const char *restrict s, char **restrict end, int base);
uintmax_t strtoumax(const char *restrict s, char **restrict end, int base);

#define __FE_PRI64 "l"
#define __FE_PRIPTR "l"

#define PRId8 "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 __FE_PRI64 "d"
#define PRIi8 "i"
#define PRIi16 "i"
#define PRIi32 "i"
#define PRIi64 __FE_PRI64 "i"
#define PRIu8 "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 __FE_PRI64 "u"
#define PRIo8 "o"
#define PRIo16 "o"
#define PRIo32 "o"
#define PRIo64 __FE_PRI64 "o"
#define PRIx8 "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 __FE_PRI64 "x"
#define PRIX8 "X"
#define PRIX16 "X"
#define PRIX32 "X"
#define PRIX64 __FE_PRI64 "X"

#define PRIdLEAST8 PRId8
#define PRIdLEAST16 PRId16
#define PRIdLEAST32 PRId32
#define PRIdLEAST64 PRId64
#define PRIuLEAST8 PRIu8
#define PRIuLEAST16 PRIu16
#define PRIuLEAST32 PRIu32
#define PRIuLEAST64 PRIu64
#define PRIxLEAST64 PRIx64
#define PRIdFAST8 PRId8
#define PRIdFAST16 __FE_PRI64 "d"
#define PRIdFAST32 __FE_PRI64 "d"
#define PRIdFAST64 PRId64
#define PRIuFAST8 PRIu8
#define PRIuFAST16 __FE_PRI64 "u"
#define PRIuFAST32 __FE_PRI64 "u"
#define PRIuFAST64 PRIu64

#define PRIdMAX __FE_PRI64 "d"
#define PRIiMAX __FE_PRI64 "i"
#define PRIuMAX __FE_PRI64 "u"
#define PRIoMAX __FE_PRI64 "o"
#define PRIxMAX __FE_PRI64 "x"
#define PRIXMAX __FE_PRI64 "X"
#define PRIdPTR __FE_PRIPTR "d"
#define PRIiPTR __FE_PRIPTR "i"
#define PRIuPTR __FE_PRIPTR "u"
#define PRIoPTR __FE_PRIPTR "o"
#define PRIxPTR __FE_PRIPTR "x"
#define PRIXPTR __FE_PRIPTR "X"

#define SCNd8 "hhd"
#define SCNd16 "hd"
#define SCNd32 "d"
#define SCNd64 __FE_PRI64 "d"
#define SCNi8 "hhi"
#define SCNi16 "hi"
#define SCNi32 "i"
#define SCNi64 __FE_PRI64 "i"
#define SCNu8 "hhu"
#define SCNu16 "hu"
#define SCNu32 "u"
#define SCNu64 __FE_PRI64 "u"
#define SCNo8 "hho"
#define SCNo16 "ho"
#define SCNo32 "o"
#define SCNo64 __FE_PRI64 "o"
#define SCNx8 "hhx"
#define SCNx16 "hx"
#define SCNx32 "x"
#define SCNx64 __FE_PRI64 "x"
#define SCNdMAX __FE_PRI64 "d"
#define SCNiMAX __FE_PRI64 "i"
#define SCNuMAX __FE_PRI64 "u"
#define SCNxMAX __FE_PRI64 "x"
#define SCNdPTR __FE_PRIPTR "d"
#define SCNuPTR __FE_PRIPTR "u"
#define SCNxPTR __FE_PRIPTR "x"

#endif
