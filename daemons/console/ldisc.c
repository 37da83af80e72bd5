/*
 * The console's line discipline: what a Unix tty driver does between the
 * keyboard and a reading program, for the termios flags that matter on a
 * raw host terminal: ICRNL, ICANON (with VERASE, VKILL, VWERASE, VEOF),
 * ISIG (VINTR, VQUIT), ECHO, ECHOE, ECHOK, ECHOCTL. With ISIG, ^C and ^\
 * are not input: they throw the line being edited away and send SIGINT or
 * SIGQUIT to the foreground process group (TIOCSPGRP), in both modes.
 *
 * Input that is not a terminal passes through as it is.
 */
#include <string.h>

#include "console.h"

/* Linux's values for the flags and c_cc slots used here. */
#define ICRNL 0000400u
#define OPOST 0000001u
#define ONLCR 0000004u
#define ISIG 0000001u
#define ICANON 0000002u
#define ECHO 0000010u
#define ECHOE 0000020u
#define ECHOK 0000040u
#define ECHOCTL 0001000u
#define IEXTEN 0100000u
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VWERASE 14

void ldisc_defaults(struct console *c)
{
	static const uint8_t cc[CONSOLE_NCCS] = { 3,  28, 127, 21, 4,  0,  1, 0, 17, 19,
		                                  26, 0,  18,  15, 23, 22, 0, 0, 0 };

	memset(&c->tio, 0, sizeof(c->tio));
	c->tio.c_iflag = ICRNL | 0002000u; /* ICRNL IXON */
	c->tio.c_oflag = OPOST | ONLCR;
	c->tio.c_cflag = 0000017u | 0000060u | 0000200u; /* B38400 CS8 CREAD */
	c->tio.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | IEXTEN | 0004000u;
	memcpy(c->tio.c_cc, cc, sizeof(cc));
	c->ws.ws_row = 24;
	c->ws.ws_col = 80;
}

static uint64_t ring_room(const struct console *c)
{
	return CONSOLE_RING - (c->head - c->tail);
}

static void ring_put(struct console *c, const char *s, uint64_t n)
{
	for (uint64_t i = 0; i < n && ring_room(c) > 0; i++)
		c->ring[c->head++ % CONSOLE_RING] = s[i];
}

static bool lflag(const struct console *c, uint32_t f)
{
	return (c->tio.c_lflag & f) != 0;
}

static void echo(const struct console *c, const char *s, uint64_t n)
{
	if (lflag(c, ECHO))
		console_out(s, n);
}

/* Echo one typed character: control characters as ^X with ECHOCTL. */
static void echo_char(const struct console *c, char ch)
{
	unsigned char u = (unsigned char)ch;

	if (lflag(c, ECHOCTL) && (u < 32 || u == 127) && ch != '\n' && ch != '\t') {
		char caret[2] = { '^', (char)(u == 127 ? '?' : u + '@') };

		echo(c, caret, 2);
		return;
	}
	echo(c, &ch, 1);
}

static void rub_out(struct console *c)
{
	if (c->line_len == 0)
		return;
	c->line_len--;
	if (lflag(c, ECHOE))
		echo(c, "\b \b", 3);
}

static void commit_line(struct console *c)
{
	ring_put(c, c->line, c->line_len);
	c->line_len = 0;
}

static void erase_word(struct console *c)
{
	while (c->line_len > 0 && c->line[c->line_len - 1] == ' ')
		rub_out(c);
	while (c->line_len > 0 && c->line[c->line_len - 1] != ' ')
		rub_out(c);
}

/* Editing characters; true if ch was one. */
static bool edit(struct console *c, char ch)
{
	const uint8_t *cc = c->tio.c_cc;
	uint8_t u = (uint8_t)ch;

	if (u == cc[VERASE] || ch == '\b') {
		rub_out(c);
	} else if (u == cc[VKILL]) {
		while (c->line_len)
			rub_out(c);
	} else if (lflag(c, IEXTEN) && u == cc[VWERASE]) {
		erase_word(c);
	} else if (u == cc[VEOF]) {
		if (c->line_len == 0)
			c->eof_pending = true;
		commit_line(c);
	} else {
		return false;
	}
	return true;
}

/* ISIG: ^C and ^\ signal the foreground group; true if ch was one. */
static bool signal_char(struct console *c, char ch)
{
	const uint8_t *cc = c->tio.c_cc;
	uint8_t u = (uint8_t)ch;
	int sig;

	if (!lflag(c, ISIG) || u == 0)
		return false;
	if (u == cc[VINTR])
		sig = FE_SIGINT;
	else if (u == cc[VQUIT])
		sig = FE_SIGQUIT;
	else
		return false;
	c->line_len = 0;
	echo_char(c, ch);
	echo(c, "\n", 1);
	if (c->pgrp > 0)
		console_signal(c->pgrp, sig);
	return true;
}

static void canonical(struct console *c, char ch)
{
	if (edit(c, ch))
		return;
	if (c->line_len < CONSOLE_LINE - 1 || ch == '\n')
		c->line[c->line_len++] = ch;
	echo_char(c, ch);
	if (ch == '\n' || c->line_len == CONSOLE_LINE)
		commit_line(c);
}

void ldisc_input(struct console *c, const char *buf, uint64_t len)
{
	if (!c->tty) {
		ring_put(c, buf, len);
		return;
	}
	for (uint64_t i = 0; i < len; i++) {
		char ch = buf[i];

		if (ch == '\r' && (c->tio.c_iflag & ICRNL))
			ch = '\n';
		if (signal_char(c, ch))
			continue;
		if (lflag(c, ICANON)) {
			canonical(c, ch);
		} else {
			ring_put(c, &ch, 1);
			echo_char(c, ch);
		}
	}
}

void ldisc_end(struct console *c)
{
	commit_line(c);
	c->ended = true;
}

uint64_t ldisc_readable(const struct console *c, uint64_t count)
{
	uint64_t n = c->head - c->tail;

	if (n > count)
		n = count;
	if (!c->tty || !lflag(c, ICANON))
		return n;
	for (uint64_t i = 0; i < n; i++)
		if (c->ring[(c->tail + i) % CONSOLE_RING] == '\n')
			return i + 1;
	return n;
}

bool ldisc_polls(const struct console *c)
{
	return c->tty && !lflag(c, ICANON) && c->tio.c_cc[VMIN] == 0;
}
