/*
 * console: the terminal as a scheme ("console:"), the standard input and
 * output of the shell.
 *
 * Output goes straight to the machine's console (FE_SYS_DEBUG_WRITE).
 * Input comes from FE_SYS_CONSOLE_READ, which blocks, so a helper thread
 * of the daemon (main.c) reads it and hands each chunk to the server loop
 * as a private message (CONSOLE_OP_INPUT; an empty chunk is the end of the
 * input). The loop keeps that message unanswered while its buffer is
 * nearly full, which holds the thread, and so the input, back.
 *
 * When the console is a terminal (FE_CONSOLE_TTY: the sim puts the host
 * terminal in raw mode), this daemon is its line discipline (ldisc.c): in
 * canonical mode (ICANON, the default) it echoes, edits the line (erase,
 * kill, word erase), and hands reads whole lines; ^D ends the input once
 * on an empty line; ^C and ^\ (with ISIG) send SIGINT and SIGQUIT to the
 * foreground process group that TIOCSPGRP set. A program that edits lines
 * itself (the shell) switches ICANON, ECHO and ISIG off with TCSETS. The termios requests are Linux's
 * (TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP,
 * TIOCSPGRP, FIONREAD) with Linux's struct layouts. When the console is not
 * a terminal (input piped in), bytes pass through untouched and the
 * termios requests are -FE_ENOTTY.
 *
 * Reads wait while there is nothing to read; after the end of the input
 * they return 0.
 */
#ifndef DAEMON_CONSOLE_H
#define DAEMON_CONSOLE_H

#include "server.h"

#define CONSOLE_RING (64u * 1024u)
#define CONSOLE_LINE 4096u
#define CONSOLE_CHUNK 4096u /* the input thread's reads */
#define CONSOLE_OP_INPUT (SRV_OP_PRIVATE + 1)
#define CONSOLE_NCCS 19

/* Linux's struct termios, as <termios.h> in posix/ lays it out. */
struct console_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[CONSOLE_NCCS];
};

struct console_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

struct console_waiter;

struct console {
	bool tty;
	bool ended;       /* the machine's input has ended */
	bool eof_pending; /* ^D on an empty line: the next empty read gives 0 */
	struct console_termios tio;
	struct console_winsize ws;
	int32_t pgrp;
	char ring[CONSOLE_RING]; /* input ready for readers */
	uint64_t head, tail;
	char line[CONSOLE_LINE]; /* the line being edited (canonical mode) */
	uint32_t line_len;
	struct console_waiter *reads;
	fe_handle_t input_reply; /* the input thread, held back; or FE_NO_HANDLE */
	char *scratch;           /* CONSOLE_RING bytes for late answers */
};

extern const struct srv_ops console_ops;

int console_init(struct console *c, bool tty);
void console_fini(struct console *c);

/* Seams: write to the machine's console; send a signal to a process group
 * (the console needs FE_GRANT_SIGNAL: the group is not its own). */
void console_out(const void *buf, uint64_t len);
void console_signal(int32_t pgrp, int sig);

/* ldisc.c: take input bytes into the ring (and the line). */
void ldisc_input(struct console *c, const char *buf, uint64_t len);
/* The machine's input has ended: what is being edited is ready too. */
void ldisc_end(struct console *c);
/* Bytes a read may take now: up to the first newline in canonical mode. */
uint64_t ldisc_readable(const struct console *c, uint64_t count);
void ldisc_defaults(struct console *c);
/* Non-canonical with VMIN 0: a read with nothing to take returns 0 at once
 * (VTIME's wait is not kept: the read does not wait at all). */
bool ldisc_polls(const struct console *c);

#endif
