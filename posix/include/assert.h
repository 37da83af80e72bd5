/*
 * assert: on failure, print the expression and where it is to standard
 * error and abort. Like every C library's <assert.h>, this one may be
 * included again after NDEBUG changes, so it has no include guard.
 */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
_Noreturn void __fe_assert_fail(const char *expr, const char *file, int line, const char *func);
#define assert(e) ((e) ? (void)0 : __fe_assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#if !defined(__cplusplus) && !defined(static_assert)
#define static_assert _Static_assert
#endif
