/*
 * The line editor: reads one line from a terminal, with editing and
 * history, in the way of readline's emacs keys.
 *
 *   Left/Right, ^B/^F   move          Up/Down, ^P/^N   history
 *   Home/End, ^A/^E     line ends     Backspace, Del   delete
 *   ^U / ^K             kill to the start / to the end of the line
 *   ^W                  kill the word before the cursor
 *   ^C                  drop the line, new prompt
 *   ^D                  end of input on an empty line, else delete
 *   ^L                  clear the screen
 *
 * The terminal is put in raw mode (term_raw_enter) only while a line is
 * being read, so programs the shell runs see it as they expect. Where raw
 * mode is not available the line is read as the terminal delivers it. After
 * each key the whole line is redrawn: lines are short and terminals fast.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

#define LINE_MAX_LEN 4096
#define HISTORY_MAX 200

struct editor {
	int fd;
	const char *prompt;
	char buf[LINE_MAX_LEN];
	size_t len, pos;
	int hist;    /* which history entry is shown; hist_len = the new line */
	char *draft; /* the new line, kept while browsing history */
};

static char *history[HISTORY_MAX];
static int hist_len;

enum { KEY_EOF = -1, KEY_UP = 256, KEY_DOWN, KEY_RIGHT, KEY_LEFT, KEY_HOME, KEY_END, KEY_DEL };

void le_history_add(const char *line)
{
	if (hist_len > 0 && strcmp(history[hist_len - 1], line) == 0)
		return;
	if (hist_len == HISTORY_MAX) {
		free(history[0]);
		memmove(history, history + 1, (HISTORY_MAX - 1) * sizeof(char *));
		hist_len--;
	}
	history[hist_len++] = xstrdup(line);
}

static int read_byte(int fd)
{
	unsigned char c;
	ssize_t r;

	while ((r = read(fd, &c, 1)) < 0 && errno == EINTR)
		;
	return r == 1 ? c : KEY_EOF;
}

/* After ESC: "[A" and "OA" style keys, and "[3~" style ones. */
static int read_escape(int fd)
{
	int c = read_byte(fd), num = 0;

	if (c != '[' && c != 'O')
		return 0;
	c = read_byte(fd);
	while (c >= '0' && c <= '9') {
		num = num * 10 + (c - '0');
		c = read_byte(fd);
	}
	switch (c) {
	case 'A':
		return KEY_UP;
	case 'B':
		return KEY_DOWN;
	case 'C':
		return KEY_RIGHT;
	case 'D':
		return KEY_LEFT;
	case 'H':
		return KEY_HOME;
	case 'F':
		return KEY_END;
	case '~':
		return num == 3                 ? KEY_DEL
		       : (num == 1 || num == 7) ? KEY_HOME
		       : (num == 4 || num == 8) ? KEY_END
		                                : 0;
	default:
		return 0;
	}
}

static int read_key(int fd)
{
	int c = read_byte(fd);

	return c == 27 ? read_escape(fd) : c;
}

static void redraw(struct editor *e)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_puts(&sb, "\r");
	sb_puts(&sb, e->prompt);
	sb_putn(&sb, e->buf, e->len);
	sb_puts(&sb, "\x1b[K");
	if (e->pos < e->len) {
		char move[32];

		snprintf(move, sizeof(move), "\x1b[%zuD", e->len - e->pos);
		sb_puts(&sb, move);
	}
	out_str(2, sb.s);
	sb_free(&sb);
}

static void insert(struct editor *e, char c)
{
	if (e->len + 1 >= LINE_MAX_LEN)
		return;
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos);
	e->buf[e->pos++] = c;
	e->len++;
}

/* Remove the characters in [from, to). */
static void cut(struct editor *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to);
	e->len -= to - from;
	e->pos = from;
}

static void kill_word(struct editor *e)
{
	size_t p = e->pos;

	while (p > 0 && e->buf[p - 1] == ' ')
		p--;
	while (p > 0 && e->buf[p - 1] != ' ')
		p--;
	cut(e, p, e->pos);
}

static void show(struct editor *e, const char *text)
{
	e->len = strlen(text);
	if (e->len >= LINE_MAX_LEN)
		e->len = LINE_MAX_LEN - 1;
	memcpy(e->buf, text, e->len);
	e->pos = e->len;
}

/* Move through history by `dir` (-1 older, +1 newer). */
static void browse(struct editor *e, int dir)
{
	int to = e->hist + dir;

	if (to < 0 || to > hist_len)
		return;
	if (e->hist == hist_len) {
		free(e->draft);
		e->draft = xstrndup(e->buf, e->len);
	}
	e->hist = to;
	show(e, to == hist_len ? (e->draft ? e->draft : "") : history[to]);
}

/* Key handlers: each returns 1 when the line is done, -1 at end of input,
 * 0 to go on editing. */
static int key_done(struct editor *e)
{
	(void)e;
	return 1;
}

static int key_eof(struct editor *e)
{
	return e->len ? 1 : -1;
}

static int key_ctrl_d(struct editor *e)
{
	if (e->len == 0)
		return -1;
	if (e->pos < e->len)
		cut(e, e->pos, e->pos + 1);
	return 0;
}

static int key_delete(struct editor *e)
{
	if (e->pos < e->len)
		cut(e, e->pos, e->pos + 1);
	return 0;
}

static int key_backspace(struct editor *e)
{
	if (e->pos > 0)
		cut(e, e->pos - 1, e->pos);
	return 0;
}

static int key_interrupt(struct editor *e)
{
	out_str(2, "^C\r\n");
	e->len = e->pos = 0;
	e->hist = hist_len;
	return 0;
}

static int key_home(struct editor *e)
{
	e->pos = 0;
	return 0;
}

static int key_end(struct editor *e)
{
	e->pos = e->len;
	return 0;
}

static int key_left(struct editor *e)
{
	if (e->pos > 0)
		e->pos--;
	return 0;
}

static int key_right(struct editor *e)
{
	if (e->pos < e->len)
		e->pos++;
	return 0;
}

static int key_up(struct editor *e)
{
	browse(e, -1);
	return 0;
}

static int key_down(struct editor *e)
{
	browse(e, 1);
	return 0;
}

static int key_kill_start(struct editor *e)
{
	cut(e, 0, e->pos);
	return 0;
}

static int key_kill_end(struct editor *e)
{
	e->len = e->pos;
	return 0;
}

static int key_kill_word(struct editor *e)
{
	kill_word(e);
	return 0;
}

static int key_clear(struct editor *e)
{
	(void)e;
	out_str(2, "\x1b[H\x1b[2J");
	return 0;
}

#define CTRL(c) ((c)&0x1f)

static const struct {
	int key;
	int (*fn)(struct editor *e);
} bindings[] = {
	{ KEY_EOF, key_eof },         { '\r', key_done },           { '\n', key_done },
	{ CTRL('D'), key_ctrl_d },    { KEY_DEL, key_delete },      { 127, key_backspace },
	{ CTRL('H'), key_backspace }, { CTRL('C'), key_interrupt }, { CTRL('A'), key_home },
	{ KEY_HOME, key_home },       { CTRL('E'), key_end },       { KEY_END, key_end },
	{ CTRL('B'), key_left },      { KEY_LEFT, key_left },       { CTRL('F'), key_right },
	{ KEY_RIGHT, key_right },     { CTRL('P'), key_up },        { KEY_UP, key_up },
	{ CTRL('N'), key_down },      { KEY_DOWN, key_down },       { CTRL('U'), key_kill_start },
	{ CTRL('K'), key_kill_end },  { CTRL('W'), key_kill_word }, { CTRL('L'), key_clear },
};

/* Apply a key: a binding, or a printable character to insert. */
static int apply_key(struct editor *e, int key)
{
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++)
		if (bindings[i].key == key)
			return bindings[i].fn(e);
	if (key >= 32 && key < 256)
		insert(e, (char)key);
	return 0;
}

static char *edit(int fd, const char *prompt)
{
	struct editor *e = xmalloc(sizeof(*e));
	char *line = NULL;
	int rc;

	e->fd = fd;
	e->prompt = prompt;
	e->len = e->pos = 0;
	e->hist = hist_len;
	e->draft = NULL;
	redraw(e);
	while ((rc = apply_key(e, read_key(fd))) == 0)
		redraw(e);
	out_str(2, "\r\n");
	if (rc > 0)
		line = xstrndup(e->buf, e->len);
	free(e->draft);
	free(e);
	return line;
}

/* Without raw mode the terminal edits the line itself. */
static char *plain(int fd, const char *prompt)
{
	struct strbuf sb;
	int c;

	out_str(2, prompt);
	sb_init(&sb);
	while ((c = read_byte(fd)) != KEY_EOF && c != '\n')
		sb_putc(&sb, (char)c);
	if (c == KEY_EOF && sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_take(&sb);
}

char *le_readline(int fd, const char *prompt)
{
	char *line;

	if (term_raw_enter(fd) < 0)
		return plain(fd, prompt);
	line = edit(fd, prompt);
	term_raw_leave(fd);
	return line;
}
