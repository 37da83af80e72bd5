/*
 * dead_server: a server that dies holding an unanswered call.
 *
 * As the first process it runs two rounds. In each it spawns itself as
 * "dead_server server MODE" with the only receive right of a fresh endpoint
 * and calls it. The server receives the call and then dies without replying:
 * MODE "exit" exits with status 7, MODE "fault" writes to an unmapped
 * address. The client's call must fail with -FE_ECONNRESET, the server's end
 * must be what the mode says, and a second call on the endpoint, which now
 * has no receive right left anywhere, must fail with -FE_EPIPE.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"

#define EXIT_STATUS 7
#define TIMEOUT_NS 5000000000L /* only so that a broken kernel cannot hang the test */

static volatile uintptr_t bad_address = 0x10;

static int server(const char *mode)
{
	struct fe_msg m = fe_msg_empty();
	fe_handle_t reply = fe_recv(0, &m, FE_FOREVER);

	if (reply < 0) {
		fe_printf("server: recv = %d (%s)\n", reply, t_error_name(reply));
		return 1;
	}
	fe_printf("server: got call %llu, dying (%s) without a reply\n",
	          (unsigned long long)m.label, mode);
	if (strcmp(mode, "fault") == 0)
		*(volatile int *)bad_address = 1;
	return EXIT_STATUS;
}

static bool exit_as_expected(const char *mode, const struct fe_exit *ex)
{
	if (strcmp(mode, "fault") == 0)
		return ex->kind == FE_EXIT_FAULT && ex->code == FE_FAULT_PAGE;
	return ex->kind == FE_EXIT_NORMAL && ex->code == EXIT_STATUS;
}

static int call(fe_handle_t ep, uint64_t label)
{
	struct fe_msg m = fe_msg_empty();

	m.label = label;
	return fe_call(ep, &m, TIMEOUT_NS);
}

static bool round_ok(const char *mode)
{
	const char *const argv[] = { "dead_server", "server", mode, NULL };
	fe_handle_t child, ep = t_spawn_server("dead_server", argv, &child);
	struct fe_exit ex;
	int first, second;
	bool ok;

	first = call(ep, 1);
	t_wait(child, &ex);
	second = call(ep, 2);
	fe_printf("dead_server (%s): first call = %d (%s), second call = %d (%s)\n", mode, first,
	          t_error_name(first), second, t_error_name(second));
	t_print_exit("server", &ex);
	ok = first == -FE_ECONNRESET && second == -FE_EPIPE && exit_as_expected(mode, &ex);
	fe_printf("dead_server (%s): %s\n", mode, ok ? "ok" : "FAIL");
	(void)fe_handle_close(ep);
	(void)fe_handle_close(child);
	return ok;
}

int main(int argc, char **argv)
{
	bool ok;

	if (argc >= 3 && strcmp(argv[1], "server") == 0)
		return server(argv[2]);
	ok = round_ok("exit");
	ok = round_ok("fault") && ok;
	fe_printf("dead_server: %s\n", ok ? "all rounds ok" : "FAIL");
	return ok ? 0 : 1;
}
