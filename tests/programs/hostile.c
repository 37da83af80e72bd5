/*
 * hostile: a process that attacks the system-call interface, and the checks
 * that it hurt no one.
 *
 * As the first process ("hostile [SEED]", SEED from the kernel's random
 * numbers when not given) it spawns, from the boot archive:
 *   - "hostile fuzz SEED' COUNT": the fuzzer (fuzz.c), COUNT random calls;
 *   - "hostile victim SEED''": fills memory with a known pattern, then makes
 *     VICTIM_CALLS calls to us carrying slices of it, checking its whole
 *     memory every few calls and reporting the checksum at the end;
 *   - "hostile badcall NR", one per bad call number: each must be killed
 *     with FE_FAULT_BADCALL.
 * It serves the victim while the fuzzer runs, checks every slice and the
 * victim's final checksum against its own copy of the pattern, and accepts
 * either end for the fuzzer: finished, or killed by the kernel (reported).
 * Then it prints "hostile: kernel survived".
 */
#include <stdbool.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"
#include "fuzz.h"

#define FUZZ_CALLS 100000
#define VICTIM_CALLS 300
#define VICTIM_MEM (128 * 1024)
#define SLICE 4096
#define CHECK_EVERY 25
#define LABEL_DONE UINT64_MAX
#define REPLY_MAGIC 0x600dcafeull
#define SERVE_TIMEOUT 10000000L /* 10 ms: then look whether the victim is alive */

static unsigned char victim_mem[VICTIM_MEM];
static unsigned char slice_buf[SLICE];

/* FNV-1a, 64 bits. */
static uint64_t checksum(const unsigned char *p, uint64_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (uint64_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t fill_pattern(uint64_t seed)
{
	uint64_t st = t_stream(seed, 0);

	t_fill(victim_mem, sizeof(victim_mem), &st);
	return checksum(victim_mem, sizeof(victim_mem));
}

/* ---- The victim ------------------------------------------------------------ */

static bool victim_call(fe_handle_t ep, uint32_t i)
{
	const unsigned char *slice = victim_mem + (uint64_t)i * SLICE % VICTIM_MEM;
	uint64_t sum = checksum(slice, SLICE);
	struct fe_msg m = fe_msg_empty();
	int rc;

	m.label = i;
	m.w[0] = sum;
	m.buf = slice;
	m.len = SLICE;
	rc = fe_call(ep, &m, FE_FOREVER);
	if (rc < 0 || m.label != i || m.w[0] != sum || m.w[1] != (i ^ REPLY_MAGIC)) {
		fe_printf("victim: call %u = %d, reply label %llu w0 %llx (want %llx)\n", i, rc,
		          (unsigned long long)m.label, (unsigned long long)m.w[0],
		          (unsigned long long)sum);
		return false;
	}
	return true;
}

static int victim(uint64_t seed)
{
	const fe_handle_t ep = 0;
	uint64_t sum = fill_pattern(seed);
	struct fe_msg m = fe_msg_empty();
	uint32_t i;

	for (i = 0; i < VICTIM_CALLS; i++) {
		if (!victim_call(ep, i))
			break;
		if (i % CHECK_EVERY == 0 && checksum(victim_mem, VICTIM_MEM) != sum) {
			fe_printf("victim: memory changed under me at call %u\n", i);
			break;
		}
		(void)fe_yield();
	}
	m.label = LABEL_DONE;
	m.w[0] = i;
	m.w[1] = checksum(victim_mem, VICTIM_MEM);
	return fe_call(ep, &m, FE_FOREVER) < 0;
}

/* ---- The first process ----------------------------------------------------- */

struct victim_report {
	uint32_t calls, bad_slices;
	uint64_t final_sum;
	bool done;
};

/* Answer one victim call; false when it was the last. */
static bool answer(fe_handle_t reply, struct fe_msg *m, struct victim_report *rep)
{
	struct fe_msg out = fe_msg_empty();
	uint64_t sum = checksum(slice_buf, SLICE);

	if (m->label == LABEL_DONE) {
		rep->done = true;
		rep->final_sum = m->w[1];
		(void)fe_reply(reply, &out);
		return false;
	}
	if (m->rlen != SLICE || m->label != rep->calls || sum != m->w[0])
		rep->bad_slices++;
	rep->calls++;
	out.label = m->label;
	out.w[0] = sum;
	out.w[1] = m->label ^ REPLY_MAGIC;
	if (fe_reply(reply, &out) < 0)
		rep->bad_slices++;
	return true;
}

static void serve_victim(fe_handle_t ep, fe_handle_t victim, struct victim_report *rep)
{
	struct fe_exit ex;

	memset(rep, 0, sizeof(*rep));
	for (;;) {
		struct fe_msg m = fe_msg_empty();
		fe_handle_t reply;

		m.rbuf = slice_buf;
		m.rcap = sizeof(slice_buf);
		reply = fe_recv(ep, &m, SERVE_TIMEOUT);
		if (reply == -FE_ETIMEDOUT && fe_proc_wait(victim, &ex, FE_POLL) == 0)
			return;
		if (reply == -FE_ETIMEDOUT)
			continue;
		if (reply < 0) {
			fe_printf("hostile: recv = %d (%s)\n", reply, t_error_name(reply));
			return;
		}
		if (!answer(reply, &m, rep))
			return;
	}
}

static fe_handle_t spawn(const char *const argv[], const fe_handle_t *handles, uint32_t n)
{
	fe_handle_t proc;
	int rc = fe_spawn_boot("hostile", argv, handles, n, &proc);

	if (rc < 0) {
		fe_printf("FAIL: spawn hostile %s = %d (%s)\n", argv[1], rc, t_error_name(rc));
		fe_exit(1);
	}
	return proc;
}

static bool victim_ok(const struct victim_report *rep, uint64_t seed, fe_handle_t victim)
{
	uint64_t want = fill_pattern(seed);
	struct fe_exit ex;
	bool ok;

	t_wait(victim, &ex);
	ok = rep->done && rep->calls == VICTIM_CALLS && rep->bad_slices == 0 &&
	     rep->final_sum == want && ex.kind == FE_EXIT_NORMAL && ex.code == 0;
	if (ok) {
		fe_printf("hostile: victim ok (%u calls, memory intact)\n", rep->calls);
		return true;
	}
	fe_printf("hostile: victim FAILED: done %d, %u calls, %u bad slices, sum %llx (want "
	          "%llx)\n",
	          rep->done, rep->calls, rep->bad_slices, (unsigned long long)rep->final_sum,
	          (unsigned long long)want);
	t_print_exit("victim", &ex);
	return false;
}

static bool fuzzer_ok(fe_handle_t fuzzer)
{
	struct fe_exit ex;

	t_wait(fuzzer, &ex);
	if (ex.kind == FE_EXIT_NORMAL && ex.code == 0) {
		fe_printf("hostile: fuzzer finished\n");
		return true;
	}
	fe_printf("hostile: fuzzer killed: kind=%u (%s) code=%d addr=%llx ip=%llx\n", ex.kind,
	          t_exit_kind(ex.kind), ex.code, (unsigned long long)ex.addr,
	          (unsigned long long)ex.ip);
	return ex.kind != FE_EXIT_NORMAL;
}

/* Each bad number must kill its caller with FE_FAULT_BADCALL. */
static bool badcalls_ok(void)
{
	static const char *const numbers[] = { "0", "1000", "9999", "0xffffffffffffffff",
		                               "0x8000000000000000" };
	bool ok = true;

	for (unsigned i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		const char *const argv[] = { "hostile", "badcall", numbers[i], NULL };
		fe_handle_t proc = spawn(argv, NULL, 0);
		struct fe_exit ex;
		bool this_ok;

		t_wait(proc, &ex);
		this_ok = ex.kind == FE_EXIT_FAULT && ex.code == FE_FAULT_BADCALL;
		fe_printf("hostile: bad call %s -> %s (%s %d)\n", numbers[i],
		          this_ok ? "killed" : "FAIL", t_exit_kind(ex.kind), ex.code);
		ok = ok && this_ok;
		(void)fe_handle_close(proc);
	}
	return ok;
}

/* Spawn the victim with a call right on a new endpoint; we keep the rest. */
static fe_handle_t spawn_victim(uint64_t seed, fe_handle_t *ep)
{
	char seed_arg[24];
	const char *const argv[] = { "hostile", "victim", seed_arg, NULL };
	fe_handle_t call, victim;

	fe_snprintf(seed_arg, sizeof(seed_arg), "0x%llx", (unsigned long long)seed);
	*ep = fe_endpoint_create();
	call = *ep < 0 ? *ep : fe_handle_dup(*ep, FE_RIGHT_CALL | FE_RIGHT_TRANSFER);
	if (call < 0) {
		fe_printf("FAIL: endpoint for the victim: %d (%s)\n", call, t_error_name(call));
		fe_exit(1);
	}
	victim = spawn(argv, &call, 1);
	(void)fe_handle_close(call);
	return victim;
}

static fe_handle_t spawn_fuzzer(uint64_t seed)
{
	char seed_arg[24], count[24];
	const char *const argv[] = { "hostile", "fuzz", seed_arg, count, NULL };

	fe_snprintf(seed_arg, sizeof(seed_arg), "0x%llx", (unsigned long long)seed);
	fe_snprintf(count, sizeof(count), "%d", FUZZ_CALLS);
	return spawn(argv, NULL, 0);
}

static int first_process(uint64_t seed)
{
	uint64_t victim_seed = t_stream(seed, 2);
	fe_handle_t ep, victim, fuzzer;
	struct victim_report rep;
	bool ok;

	fe_printf("hostile: seed 0x%llx\n", (unsigned long long)seed);
	victim = spawn_victim(victim_seed, &ep);
	fuzzer = spawn_fuzzer(t_stream(seed, 1));
	serve_victim(ep, victim, &rep);
	ok = victim_ok(&rep, victim_seed, victim);
	ok = fuzzer_ok(fuzzer) && ok;
	ok = badcalls_ok() && ok;
	fe_printf("hostile: %s\n", ok ? "kernel survived" : "FAIL");
	return ok ? 0 : 1;
}

static uint64_t arg_u64(const char *s)
{
	uint64_t v;

	if (!s || !t_parse_u64(s, &v)) {
		fe_printf("hostile: bad number '%s'\n", s ? s : "(none)");
		fe_exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *mode = argc >= 2 ? argv[1] : "";
	uint64_t seed;

	if (strcmp(mode, "fuzz") == 0)
		return fuzz_run(arg_u64(argv[2]), arg_u64(argc >= 4 ? argv[3] : NULL));
	if (strcmp(mode, "victim") == 0)
		return victim(arg_u64(argv[2]));
	if (strcmp(mode, "badcall") == 0) {
		long rc = fe_syscall((long)arg_u64(argv[2]), 0, 0, 0, 0, 0);

		fe_printf("hostile: bad call returned %ld\n", rc);
		return 3;
	}
	if (argc >= 2)
		seed = arg_u64(argv[1]);
	else if (fe_random(&seed, sizeof(seed)) != sizeof(seed))
		seed = 1;
	return first_process(seed);
}
