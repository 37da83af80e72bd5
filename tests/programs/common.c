/*
 * Helpers shared by the system test programs; see common.h. Failures in
 * set-up steps print what failed and end the program with status 1, so each
 * test's main reads as the scenario it checks.
 */
#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"

uint64_t t_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

uint64_t t_stream(uint64_t seed, uint64_t n)
{
	uint64_t z = seed + (n + 1) * 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	return z ? z : 1;
}

void t_fill(void *buf, size_t len, uint64_t *state)
{
	unsigned char *p = buf;
	uint64_t r = 0;

	for (size_t i = 0; i < len; i++) {
		if (i % 8 == 0)
			r = t_rand(state);
		p[i] = (unsigned char)(r >> (8 * (i % 8)));
	}
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

bool t_parse_u64(const char *s, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned d = (unsigned)digit_value(*s);

		if (d >= base || v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}

const char *t_exit_kind(uint32_t kind)
{
	switch (kind) {
	case FE_EXIT_NORMAL:
		return "normal";
	case FE_EXIT_KILLED:
		return "killed";
	case FE_EXIT_FAULT:
		return "fault";
	case FE_EXIT_SANDBOX:
		return "sandbox";
	default:
		return "?";
	}
}

const char *t_error_name(long err)
{
	switch (-err) {
	case 0:
		return "ok";
	case FE_EPERM:
		return "EPERM";
	case FE_ENOENT:
		return "ENOENT";
	case FE_EBADF:
		return "EBADF";
	case FE_EACCES:
		return "EACCES";
	case FE_EFAULT:
		return "EFAULT";
	case FE_EINVAL:
		return "EINVAL";
	case FE_EMFILE:
		return "EMFILE";
	case FE_ENOMEM:
		return "ENOMEM";
	case FE_EPIPE:
		return "EPIPE";
	case FE_ECONNRESET:
		return "ECONNRESET";
	case FE_ETIMEDOUT:
		return "ETIMEDOUT";
	case FE_EMSGSIZE:
		return "EMSGSIZE";
	default:
		return err < 0 ? "error" : "value";
	}
}

void t_print_exit(const char *who, const struct fe_exit *ex)
{
	fe_printf("%s: exit kind=%u (%s) code=%d\n", who, ex->kind, t_exit_kind(ex->kind),
	          ex->code);
}

void t_wait(fe_handle_t proc, struct fe_exit *ex)
{
	int rc = fe_proc_wait(proc, ex, FE_FOREVER);

	if (rc < 0) {
		fe_printf("FAIL: proc_wait(%d) = %d (%s)\n", proc, rc, t_error_name(rc));
		fe_exit(1);
	}
}

static void check(const char *what, long rc)
{
	if (rc < 0) {
		fe_printf("FAIL: %s = %ld (%s)\n", what, rc, t_error_name(rc));
		fe_exit(1);
	}
}

fe_handle_t t_spawn_server(const char *self, const char *const argv[], fe_handle_t *child)
{
	fe_handle_t ep = fe_endpoint_create(), recv, call;

	check("endpoint_create", ep);
	recv = fe_handle_dup(ep, FE_RIGHT_RECV | FE_RIGHT_TRANSFER);
	check("handle_dup(recv)", recv);
	call = fe_handle_dup(ep, FE_RIGHT_CALL);
	check("handle_dup(call)", call);
	check("spawn server", fe_spawn_boot(self, argv, &recv, 1, child));
	check("handle_close(ep)", fe_handle_close(ep));
	check("handle_close(recv)", fe_handle_close(recv));
	return call;
}
