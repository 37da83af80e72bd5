/*
 * The libc functions under test, by their fl_ names (prefix-syms renamed
 * them), declared with host types of the same layout. Only what the tests
 * call is here.
 */
#ifndef FL_H
#define FL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <check.h>

/* <time.h>'s struct tm as Ferrite lays it out (the same as glibc's). */
struct fl_tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

extern int fl_errno;

void *fl_malloc(size_t n);
void *fl_calloc(size_t n, size_t size);
void *fl_realloc(void *p, size_t n);
void fl_free(void *p);
int fl_posix_memalign(void **p, size_t align, size_t n);
void *fl_aligned_alloc(size_t align, size_t n);
int fl___fe_malloc_check(void);

int fl_snprintf(char *s, size_t n, const char *fmt, ...);
int fl_vsnprintf(char *s, size_t n, const char *fmt, va_list ap);
int fl_asprintf(char **s, const char *fmt, ...);
int fl_sscanf(const char *s, const char *fmt, ...);

double fl_strtod(const char *s, char **end);
float fl_strtof(const char *s, char **end);
long double fl_strtold(const char *s, char **end);
long fl_strtol(const char *s, char **end, int base);
unsigned long fl_strtoul(const char *s, char **end, int base);
long long fl_strtoll(const char *s, char **end, int base);
unsigned long long fl_strtoull(const char *s, char **end, int base);
int fl_atoi(const char *s);

void fl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *fl_bsearch(const void *key, const void *base, size_t n, size_t size,
                 int (*cmp)(const void *, const void *));

struct fl_tm *fl_gmtime_r(const long *t, struct fl_tm *tm);
long fl_timegm(struct fl_tm *tm);
long fl_mktime(struct fl_tm *tm);
size_t fl_strftime(char *s, size_t max, const char *fmt, const struct fl_tm *tm);
char *fl_asctime_r(const struct fl_tm *tm, char *buf);

void *fl_memcpy(void *d, const void *s, size_t n);
void *fl_memmove(void *d, const void *s, size_t n);
void *fl_memset(void *d, int c, size_t n);
int fl_memcmp(const void *a, const void *b, size_t n);
void *fl_memchr(const void *s, int c, size_t n);
void *fl_memrchr(const void *s, int c, size_t n);
void *fl_memmem(const void *h, size_t hn, const void *n, size_t nn);
size_t fl_strlen(const char *s);
char *fl_strcpy(char *d, const char *s);
char *fl_strncpy(char *d, const char *s, size_t n);
char *fl_strcat(char *d, const char *s);
char *fl_strncat(char *d, const char *s, size_t n);
size_t fl_strlcpy(char *d, const char *s, size_t n);
size_t fl_strlcat(char *d, const char *s, size_t n);
int fl_strcmp(const char *a, const char *b);
int fl_strncmp(const char *a, const char *b, size_t n);
int fl_strcasecmp(const char *a, const char *b);
char *fl_strchr(const char *s, int c);
char *fl_strrchr(const char *s, int c);
char *fl_strstr(const char *h, const char *n);
size_t fl_strspn(const char *s, const char *a);
size_t fl_strcspn(const char *s, const char *r);
char *fl_strpbrk(const char *s, const char *a);
char *fl_strtok_r(char *s, const char *d, char **save);
char *fl_strsep(char **sp, const char *d);
char *fl_strdup(const char *s);
char *fl_strerror(int e);
int fl_isalpha(int c);
int fl_isdigit(int c);
int fl_isspace(int c);
int fl_ispunct(int c);
int fl_isxdigit(int c);
int fl_iscntrl(int c);
int fl_isprint(int c);
int fl_isgraph(int c);
int fl_isupper(int c);
int fl_islower(int c);
int fl_isalnum(int c);
int fl_toupper(int c);
int fl_tolower(int c);

/* The math functions: double versions and a few float ones. */
#define FL_MATH1(name) double fl_##name(double x);
#define FL_MATH2(name) double fl_##name(double x, double y);
FL_MATH1(sin)
FL_MATH1(cos)
FL_MATH1(tan)
FL_MATH1(asin)
FL_MATH1(acos)
FL_MATH1(atan)
FL_MATH1(sinh)
FL_MATH1(cosh)
FL_MATH1(tanh)
FL_MATH1(asinh)
FL_MATH1(acosh)
FL_MATH1(atanh)
FL_MATH1(exp)
FL_MATH1(exp2)
FL_MATH1(expm1)
FL_MATH1(log)
FL_MATH1(log2)
FL_MATH1(log10)
FL_MATH1(log1p)
FL_MATH1(sqrt)
FL_MATH1(cbrt)
FL_MATH1(erf)
FL_MATH1(erfc)
FL_MATH1(tgamma)
FL_MATH1(lgamma)
FL_MATH1(floor)
FL_MATH1(ceil)
FL_MATH1(trunc)
FL_MATH1(round)
FL_MATH1(rint)
FL_MATH1(fabs)
FL_MATH1(logb)
FL_MATH2(atan2)
FL_MATH2(pow)
FL_MATH2(hypot)
FL_MATH2(fmod)
FL_MATH2(remainder)
FL_MATH2(nextafter)
FL_MATH2(fmin)
FL_MATH2(fmax)
FL_MATH2(copysign)
double fl_fma(double x, double y, double z);
double fl_frexp(double x, int *e);
double fl_ldexp(double x, int e);
double fl_modf(double x, double *ip);
double fl_remquo(double x, double y, int *q);
float fl_sinf(float x);
float fl_expf(float x);
float fl_powf(float x, float y);
float fl_sqrtf(float x);

/* Test registration (main.c collects the suites). */
Suite *malloc_suite(void);
Suite *math_suite(void);
Suite *printf_suite(void);
Suite *scanf_suite(void);
Suite *sort_suite(void);
Suite *string_suite(void);
Suite *strtod_suite(void);
Suite *time_suite(void);

/* A deterministic generator for the tests' inputs. */
uint64_t fl_test_rand(void);
double fl_test_double(void); /* a random finite double, any exponent */

#endif
