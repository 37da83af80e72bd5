/*
 * console: the daemon serving console: (the logic is in console.c and
 * ldisc.c), its output and signal seams, and the input thread.
 *
 * The input thread blocks in FE_SYS_CONSOLE_READ and calls the daemon's
 * own endpoint with each chunk (CONSOLE_OP_INPUT); the server loop answers
 * when it has room, so the thread never outruns the readers. At the end of
 * the input it sends an empty chunk and exits.
 */
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "console.h"
#include "loop.h"
#include "service.h"

#define STACK (64u * 1024u)

static struct console con;
static fe_handle_t endpoint;

void console_out(const void *buf, uint64_t len)
{
	const char *p = buf;

	while (len > 0) {
		uint64_t n = len < 4096 ? len : 4096;

		if (fe_debug_write(p, n) < 0)
			return;
		p += n;
		len -= n;
	}
}

void console_signal(int32_t pgrp, int sig)
{
	fe_signal_send(-(long)pgrp, sig);
}

static void input_thread(void *arg)
{
	static char chunk[CONSOLE_CHUNK];
	long n;

	(void)arg;
	do {
		struct fe_msg m = fe_msg_empty();

		n = fe_console_read(chunk, sizeof(chunk), FE_FOREVER);
		if (n < 0) {
			fe_printf("console: input failed: %ld\n", n);
			n = 0;
		}
		m.label = CONSOLE_OP_INPUT;
		m.buf = chunk;
		m.len = (uint64_t)n;
		(void)fe_call(endpoint, &m, FE_FOREVER);
	} while (n > 0);
	fe_thread_exit();
}

static int start_input(void)
{
	void *stack;
	int rc = fe_mem_map(NULL, STACK, FE_PROT_READ | FE_PROT_WRITE, &stack);
	fe_handle_t t;

	if (rc < 0)
		return rc;
	/* A thread starts with the stack pointer it is given, as if jumped to;
	 * C code expects to be called, with a return address pushed onto a
	 * 16-byte aligned stack. Leave that slot. */
	t = fe_thread_create(input_thread, (char *)stack + STACK - 8, NULL);
	if (t < 0)
		return t;
	return fe_handle_close(t);
}

int main(void)
{
	long info = fe_sysinfo(FE_INFO_CONSOLE, NULL, 0);
	int rc = console_init(&con, info >= 0 && (info & FE_CONSOLE_TTY));

	if (rc == 0) {
		endpoint = srv_register("console");
		rc = endpoint < 0 ? endpoint : start_input();
	}
	if (rc < 0) {
		fe_printf("console: cannot start: %d\n", rc);
		return 1;
	}
	svc_ready();
	srv_loop(endpoint, "console", &console_ops, &con);
}
