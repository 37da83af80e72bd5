/*
 * Helpers shared by the system test programs (tests/programs/): a seeded
 * pseudo-random stream, number parsing, exit-record names, and the "spawn
 * myself as a server" step several tests start with.
 */
#ifndef TESTS_COMMON_H
#define TESTS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ferrite/abi.h>

/* xorshift64*: small, fast, and the same stream on every machine. */
uint64_t t_rand(uint64_t *state);
/* A well-mixed starting state for stream number `n` of `seed` (never 0). */
uint64_t t_stream(uint64_t seed, uint64_t n);
void t_fill(void *buf, size_t len, uint64_t *state);

/* Parse a decimal or 0x-prefixed hexadecimal number; false if malformed. */
bool t_parse_u64(const char *s, uint64_t *out);

const char *t_exit_kind(uint32_t kind);
const char *t_error_name(long err);
void t_print_exit(const char *who, const struct fe_exit *ex);

/* Wait for `proc` to end; on failure print and exit 1. */
void t_wait(fe_handle_t proc, struct fe_exit *ex);

/*
 * Create an endpoint and spawn the boot-archive program `self` with argv
 * `argv` and, at its handle 0, a receive-only copy of the endpoint. Returns
 * the caller's call-only handle; the child's handle goes to *child. Exits 1
 * on failure.
 */
fe_handle_t t_spawn_server(const char *self, const char *const argv[], fe_handle_t *child);

#endif
