/*
 * The Ferrite side of bench/ipc: a client and a server (this same program,
 * spawned from the boot archive with argv[1] = "server") making call/reply
 * round trips with a header-only message, the common case of IPC.
 *
 * The sim's clock is virtual, so the guest cannot time itself: after every
 * batch of calls it prints a line, and the host program timestamps the
 * lines as they arrive. Usage: ipc_guest BATCHES CALLS_PER_BATCH
 */
#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

static long parse(const char *s)
{
	long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

static int serve(fe_handle_t ep)
{
	for (;;) {
		struct fe_msg m = fe_msg_empty();
		fe_handle_t r = fe_recv(ep, &m, FE_FOREVER);

		if (r < 0)
			return r == -FE_EPIPE ? 0 : 1;
		m.label++;
		m.buf = NULL;
		m.len = 0;
		if (fe_reply(r, &m) < 0)
			return 1;
	}
}

static int round_trips(fe_handle_t ep, long n)
{
	for (long i = 0; i < n; i++) {
		struct fe_msg m = fe_msg_empty();

		m.label = (uint64_t)i;
		if (fe_call(ep, &m, FE_FOREVER) < 0 || m.label != (uint64_t)i + 1)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *sargv[] = { "ipc_guest", "server", NULL };
	fe_handle_t ep, server_ep, proc;
	long batches, calls;

	if (argc == 2 && argv[1][0] == 's')
		return serve(0);
	if (argc != 3) {
		fe_printf("usage: ipc_guest BATCHES CALLS_PER_BATCH\n");
		return 2;
	}
	batches = parse(argv[1]);
	calls = parse(argv[2]);
	ep = fe_endpoint_create();
	server_ep = fe_handle_dup(ep, FE_RIGHT_RECV | FE_RIGHT_TRANSFER);
	if (ep < 0 || server_ep < 0 || fe_spawn_boot("ipc_guest", sargv, &server_ep, 1, &proc) < 0)
		return 1;
	if (round_trips(ep, calls) < 0) /* warm-up */
		return 1;
	fe_printf("start\n");
	for (long b = 0; b < batches; b++) {
		if (round_trips(ep, calls) < 0) {
			fe_printf("ipc_guest: call failed\n");
			return 1;
		}
		fe_printf("batch %ld\n", b);
	}
	fe_proc_kill(proc);
	return 0;
}
