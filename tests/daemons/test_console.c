/*
 * Unit tests of the console: output, reads that wait for input, end of
 * input, flow control of the input thread, and the line discipline on a
 * terminal (echo, erase, kill, ^D, raw mode through TCSETS, ^C and ^\
 * signalling the foreground group).
 */
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "thost.h"

static struct console con;
static const struct t_server srv = { &console_ops, &con, "console" };

static char t_console[65536];
static uint64_t t_console_len;

void console_out(const void *buf, uint64_t len)
{
	ck_assert_uint_le(t_console_len + len, sizeof(t_console));
	memcpy(t_console + t_console_len, buf, len);
	t_console_len += len;
}

/* The signals the console sent: "group:signal " each. */
static char t_signals[256];

void console_signal(int32_t pgrp, int sig)
{
	size_t n = strlen(t_signals);

	snprintf(t_signals + n, sizeof(t_signals) - n, "%d:%d ", pgrp, sig);
}

static void start(bool tty)
{
	ck_assert_int_eq(console_init(&con, tty), 0);
	t_reset();
	t_console_len = 0;
	t_signals[0] = '\0';
}

static void teardown(void)
{
	console_fini(&con);
}

static int64_t input(const char *s, uint64_t len)
{
	return t_call(&srv, CONSOLE_OP_INPUT, 0, 0, 0, 0, s, len);
}

static int64_t ioctl(uint64_t request, const void *body, uint64_t len)
{
	return t_call(&srv, FE_SCHEME_IOCTL, 1, request, 0, 1, body, len);
}

START_TEST(console_output)
{
	start(false);
	ck_assert_int_eq(t_open(&srv, "", FE_O_RDWR), 1);
	ck_assert_int_eq(t_write(&srv, 1, "hello\n"), 6);
	ck_assert_uint_eq(t_console_len, 6);
	ck_assert_int_eq(memcmp(t_console, "hello\n", 6), 0);
	ck_assert_int_eq(t_write(&srv, 2, "x"), -FE_EBADF);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, 1, 0, 0, 1, NULL, 0), -FE_ESPIPE);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, 1, 0, 0, 1, NULL, 0), 0);
	ck_assert_uint_eq(((struct fe_stat *)t_out)->mode & FE_S_IFMT, FE_S_IFCHR);
}
END_TEST

START_TEST(console_pipe_input)
{
	start(false);
	ck_assert_int_eq(t_read(&srv, 1, 100), SRV_DEFER);
	ck_assert_int_eq(input("ab\ncd", 5), 0);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 5);
	ck_assert_int_eq(memcmp(t_answers[0].body, "ab\ncd", 5), 0);
	ck_assert_uint_eq(t_console_len, 0); /* no echo off a terminal */
	ck_assert_int_eq(input("rest", 4), 0);
	ck_assert_int_eq(input("", 0), 0);
	ck_assert_int_eq(t_read(&srv, 1, 2), 2);
	ck_assert_int_eq(t_read(&srv, 1, 100), 2);
	ck_assert_int_eq(t_read(&srv, 1, 100), 0);
	ck_assert_int_eq(t_read(&srv, 1, 100), 0);
	ck_assert_int_eq(ioctl(0x5401, NULL, 0), -FE_ENOTTY);
}
END_TEST

START_TEST(console_end_wakes)
{
	start(false);
	ck_assert_int_eq(t_read(&srv, 1, 100), SRV_DEFER);
	ck_assert_int_eq(t_read(&srv, 1, 100), SRV_DEFER);
	ck_assert_int_eq(input("", 0), 0);
	ck_assert_uint_eq(t_nanswers, 2);
	ck_assert_int_eq(t_answers[0].result, 0);
	ck_assert_int_eq(t_answers[1].result, 0);
}
END_TEST

START_TEST(console_flow_control)
{
	static char chunk[CONSOLE_CHUNK];
	fe_handle_t held;
	int n = 0;

	start(false);
	memset(chunk, 'x', sizeof(chunk));
	while (input(chunk, sizeof(chunk)) == 0)
		n++;
	held = t_last_reply;
	ck_assert_int_eq(n, (CONSOLE_RING - CONSOLE_LINE) / CONSOLE_CHUNK - 1);
	ck_assert_uint_eq(t_nanswers, 0);
	/* Another chunk while one is held is refused. */
	ck_assert_int_eq(input(chunk, 1), -FE_EINVAL);
	ck_assert_int_eq(t_read(&srv, 1, 100), 100);
	ck_assert_uint_eq(t_nanswers, 0);
	ck_assert_int_eq(t_read(&srv, 1, 4000), 4000);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].reply, held);
}
END_TEST

START_TEST(console_canonical)
{
	start(true);
	ck_assert_int_eq(t_read(&srv, 1, 100), SRV_DEFER);
	ck_assert_int_eq(input("lx\x7fs -l", 7), 0);
	ck_assert_uint_eq(t_nanswers, 0); /* no line yet */
	ck_assert_int_eq(input("\r", 1), 0);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 6);
	ck_assert_int_eq(memcmp(t_answers[0].body, "ls -l\n", 6), 0);
	ck_assert_uint_eq(t_console_len, 10);
	ck_assert_int_eq(memcmp(t_console, "lx\b \bs -l\n", 10), 0);
}
END_TEST

START_TEST(console_lines)
{
	start(true);
	ck_assert_int_eq(input("one\rtwo\r", 8), 0);
	/* A read takes at most one line. */
	ck_assert_int_eq(t_read(&srv, 1, 100), 4);
	ck_assert_int_eq(t_read(&srv, 1, 2), 2);
	ck_assert_int_eq(t_read(&srv, 1, 100), 2);
	/* ^U kills the line; ^W a word; ^D on an empty line is one end of file. */
	ck_assert_int_eq(input("junk\x15"
	                       "a b\x17"
	                       "c\r",
	                       11),
	                 0);
	ck_assert_int_eq(t_read(&srv, 1, 100), 4);
	ck_assert_int_eq(memcmp(t_out, "a c\n", 4), 0);
	ck_assert_int_eq(input("\x04", 1), 0);
	ck_assert_int_eq(t_read(&srv, 1, 100), 0);
	ck_assert_int_eq(t_read(&srv, 1, 100), SRV_DEFER);
	/* ^D after text hands the text over without a newline. */
	ck_assert_int_eq(input("ab\x04", 3), 0);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 2);
}
END_TEST

START_TEST(console_raw_mode)
{
	struct console_termios tio;

	start(true);
	ck_assert_int_eq(ioctl(0x5401, NULL, 0), 0);
	ck_assert_uint_eq(t_out_len, sizeof(tio));
	memcpy(&tio, t_out, sizeof(tio));
	ck_assert_uint_ne(tio.c_lflag & 2, 0);
	tio.c_lflag &= ~(uint32_t)(2 | 8); /* ICANON, ECHO */
	ck_assert_int_eq(ioctl(0x5402, &tio, sizeof(tio)), 0);
	ck_assert_int_eq(ioctl(0x5402, &tio, 3), -FE_EINVAL);
	ck_assert_int_eq(input("a\x7f", 2), 0);
	ck_assert_int_eq(t_read(&srv, 1, 100), 2);
	ck_assert_int_eq(memcmp(t_out, "a\x7f", 2), 0);
	ck_assert_uint_eq(t_console_len, 0);
	/* VMIN 0: an empty read returns at once. */
	ck_assert_int_eq(t_read(&srv, 1, 100), SRV_DEFER);
	ck_assert_int_eq(input("z", 1), 0);
	tio.c_cc[6] = 0;
	ck_assert_int_eq(ioctl(0x5402, &tio, sizeof(tio)), 0);
	ck_assert_int_eq(t_read(&srv, 1, 100), 0);
	ck_assert_int_eq(ioctl(0x5413, NULL, 0), 0);
	ck_assert_uint_eq(((struct console_winsize *)t_out)->ws_col, 80);
	ck_assert_int_eq(ioctl(0x12345, NULL, 0), -FE_ENOTTY);
}
END_TEST

START_TEST(console_interrupt_signals_the_foreground_group)
{
	struct console_termios tio;
	int32_t pgrp = 42;

	start(true);
	/* No foreground group yet: ^C only throws the line away. */
	ck_assert_int_eq(input("abc\x03", 4), 0);
	ck_assert_str_eq(t_signals, "");
	ck_assert_int_eq(ioctl(0x5410, &pgrp, sizeof(pgrp)), 0);
	ck_assert_int_eq(t_read(&srv, 1, 100), SRV_DEFER);
	ck_assert_int_eq(input("rm -rf x\x03", 9), 0);
	ck_assert_str_eq(t_signals, "42:2 ");
	ck_assert_uint_eq(t_nanswers, 0); /* the line is gone, nothing to read */
	ck_assert_int_eq(input("ok\x1c\r", 4), 0);
	ck_assert_str_eq(t_signals, "42:2 42:3 ");
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 1);
	ck_assert_int_eq(memcmp(t_answers[0].body, "\n", 1), 0);
	ck_assert_int_eq(memcmp(t_console, "abc^C\nrm -rf x^C\nok^\\\n\n", 24), 0);
	/* Raw mode with ISIG still signals; without ISIG ^C is a byte. */
	ck_assert_int_eq(ioctl(0x5401, NULL, 0), 0);
	memcpy(&tio, t_out, sizeof(tio));
	tio.c_lflag &= ~(uint32_t)(2 | 8); /* ICANON, ECHO */
	ck_assert_int_eq(ioctl(0x5402, &tio, sizeof(tio)), 0);
	ck_assert_int_eq(input("\x03", 1), 0);
	ck_assert_str_eq(t_signals, "42:2 42:3 42:2 ");
	tio.c_lflag &= ~(uint32_t)1; /* ISIG */
	ck_assert_int_eq(ioctl(0x5402, &tio, sizeof(tio)), 0);
	ck_assert_int_eq(input("\x03", 1), 0);
	ck_assert_str_eq(t_signals, "42:2 42:3 42:2 ");
	ck_assert_int_eq(t_read(&srv, 1, 100), 1);
	ck_assert_int_eq(t_out[0], 3);
}
END_TEST

Suite *suite_console(void)
{
	Suite *s = suite_create("console");
	TCase *tc = tcase_create("console");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, console_output);
	tcase_add_test(tc, console_pipe_input);
	tcase_add_test(tc, console_end_wakes);
	tcase_add_test(tc, console_flow_control);
	tcase_add_test(tc, console_canonical);
	tcase_add_test(tc, console_lines);
	tcase_add_test(tc, console_raw_mode);
	tcase_add_test(tc, console_interrupt_signals_the_foreground_group);
	suite_add_tcase(s, tc);
	return s;
}
