/*
 * Where commands come from: a string (sh -c, scripts, eval), a terminal
 * (through the line editor, with a prompt), or any other fd.
 *
 * A non-terminal fd is read one byte at a time: standard input is shared
 * with the commands the shell runs, and `printf 'cat\nhello\n' | sh` must
 * leave "hello" for cat rather than in the shell's buffer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct input {
	char *text; /* string input, or NULL */
	size_t pos;
	int fd;
	int tty;
};

struct input *input_string(const char *text)
{
	struct input *in = xmalloc(sizeof(*in));

	in->text = xstrdup(text);
	in->pos = 0;
	in->fd = -1;
	in->tty = 0;
	return in;
}

struct input *input_fd(int fd, int interactive)
{
	struct input *in = xmalloc(sizeof(*in));

	in->text = NULL;
	in->pos = 0;
	in->fd = fd;
	in->tty = interactive;
	return in;
}

void input_free(struct input *in)
{
	free(in->text);
	free(in);
}

int input_is_tty(struct input *in)
{
	return in->tty;
}

static char *string_line(struct input *in)
{
	const char *start = in->text + in->pos;
	const char *nl = strchr(start, '\n');
	size_t len = nl ? (size_t)(nl - start) + 1 : strlen(start);

	if (len == 0)
		return NULL;
	in->pos += len;
	return xstrndup(start, len);
}

static char *fd_line(struct input *in)
{
	struct strbuf sb;
	char c;

	sb_init(&sb);
	for (;;) {
		ssize_t r = read(in->fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sb_putc(&sb, c);
		if (c == '\n')
			break;
	}
	if (sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_take(&sb);
}

static char *tty_line(struct input *in, const char *prompt)
{
	char *line = le_readline(in->fd, prompt);
	struct strbuf sb;

	if (!line)
		return NULL;
	if (line[strspn(line, " \t")])
		le_history_add(line);
	sb_init(&sb);
	sb_puts(&sb, line);
	sb_putc(&sb, '\n');
	free(line);
	return sb_take(&sb);
}

char *input_line(struct input *in, const char *prompt)
{
	if (in->text)
		return string_line(in);
	if (in->tty)
		return tty_line(in, prompt);
	return fd_line(in);
}
