/*
 * Service manifests: the text files (NAME.svc in the boot archive) that
 * tell init what to start, in which order, with which grants and how to
 * supervise it. The format is in docs/services.md. This is plain C without
 * system calls: tests/daemons/ builds it hosted and unit-tests it.
 *
 * Rules: a manifest either parses whole or is refused with the line and
 * the reason; every number is bounded; the grants are exactly what the
 * manifest lists (the kernel narrows the service's grants to them).
 */
#ifndef INIT_MANIFEST_H
#define INIT_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/abi.h>

#define MF_NAME_MAX 32    /* a service's name, NUL included */
#define MF_ARGS_MAX 16    /* argv entries, the program included */
#define MF_ARGS_BYTES 512 /* argv strings, NULs included */
#define MF_DEPS_MAX 8
#define MF_SUFFIX ".svc"

enum mf_policy { MF_ALWAYS, MF_ON_FAILURE, MF_NEVER };

struct manifest {
	char name[MF_NAME_MAX];
	char args[MF_ARGS_BYTES]; /* argc NUL-terminated strings; the first is the program */
	uint32_t argc;
	uint32_t args_len;
	char deps[MF_DEPS_MAX][MF_NAME_MAX];
	uint32_t ndeps;
	struct fe_grant grants[FE_SPAWN_MAX_GRANTS];
	uint32_t ngrants;
	bool archive;  /* it gets the boot archive (SVC_ARCHIVE_HANDLE) */
	bool optional; /* its program may be missing from the archive */
	bool standby;  /* keep a spare instance started, waiting to take over */
	enum mf_policy policy;
	uint32_t backoff_ms, backoff_max_ms; /* the first and the largest delay */
	uint32_t budget, window_s;           /* at most `budget` restarts in window_s */
	uint32_t heartbeat_ms;               /* 0: no hang detection */
};

/* Why a manifest was refused: the line (0: the file as a whole), what is
 * wrong, and the offending word if any. */
struct mf_error {
	uint32_t line;
	const char *what;
	char word[MF_NAME_MAX];
};

/* The shortest heartbeat period a manifest may ask for: the server library
 * beats every SVC_BEAT_NS (service.h), and init allows it to miss one. */
#define MF_HEARTBEAT_MIN_MS 200u

/*
 * Parse the manifest `file` (its archive name, NAME.svc) of len bytes into
 * *m: 0, or -FE_EINVAL with *err filled.
 */
int manifest_parse(const char *file, const char *text, uint64_t len, struct manifest *m,
                   struct mf_error *err);

/*
 * The start order of n parsed manifests: fills order[] with indices such
 * that every service comes after its dependencies, keeping the given order
 * otherwise, and returns how many it placed. A service with an unknown
 * dependency, in a cycle, or depending on one of those, is left out and
 * reported in bad[i] (its err explains why); the rest are placed.
 */
uint32_t manifest_order(const struct manifest *m, uint32_t n, uint32_t *order,
                        struct mf_error *bad);

#endif
