/*
 * The builtins that stand in for programs: true, false, echo, test and [
 * (run in the shell so that loops do not fork at every turn) and read
 * (which must set the shell's variables). Each behaves as the program of
 * the same name.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "escape.h"
#include "sh.h"
#include "testexpr.h"

int bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

/* echo [-n] [-e] [-E] args: the same as the echo program. */
int bi_echo(int argc, char **argv)
{
	int i = 1, newline = 1, escapes = 0, stop = 0;
	struct strbuf sb;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;

		if (strspn(o, "neE") != strlen(o))
			break;
		for (; *o; o++) {
			if (*o == 'n')
				newline = 0;
			else
				escapes = *o == 'e';
		}
	}
	sb_init(&sb);
	for (int first = i; i < argc && !stop; i++) {
		if (i > first)
			sb_putc(&sb, ' ');
		if (escapes) {
			char *buf = xmalloc(strlen(argv[i]) + 1);
			size_t n = unescape(argv[i], buf, 1, &stop);

			sb_putn(&sb, buf, n);
			free(buf);
		} else {
			sb_puts(&sb, argv[i]);
		}
	}
	if (newline && !stop)
		sb_putc(&sb, '\n');
	if (sb.len && write(1, sb.s, sb.len) < 0) {
		sb_free(&sb);
		return 1;
	}
	sb_free(&sb);
	return 0;
}

int bi_test(int argc, char **argv)
{
	return test_eval(argc, argv);
}

/* One line from fd 0, a byte at a time so that nothing past the newline
 * is taken from a pipe the next command will read. Without -r a backslash
 * escapes the next character and joins lines. Returns -1 at end of input. */
static int read_line(struct strbuf *sb, int raw)
{
	char c;
	ssize_t r;
	int escaped = 0;

	for (;;) {
		r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (escaped) {
			escaped = 0;
			if (c != '\n')
				sb_putc(sb, c);
			continue;
		}
		if (c == '\n')
			return 0;
		if (c == '\\' && !raw)
			escaped = 1;
		else
			sb_putc(sb, c);
	}
}

static int is_ifs(const char *ifs, char c)
{
	return c && strchr(ifs, c) != NULL;
}

static int is_ifs_blank(const char *ifs, char c)
{
	return is_ifs(ifs, c) && (c == ' ' || c == '\t' || c == '\n');
}

/* Give each name one field of the line, the last one the rest. */
static void read_assign(const char *line, char **names, int count)
{
	const char *ifs = var_get("IFS");
	const char *p = line;

	if (!ifs)
		ifs = " \t\n";
	for (int i = 0; i < count; i++) {
		const char *start, *end;
		char *value;

		while (is_ifs_blank(ifs, *p))
			p++;
		start = p;
		if (i == count - 1) {
			end = p + strlen(p);
			while (end > start && is_ifs_blank(ifs, end[-1]))
				end--;
		} else {
			while (*p && !is_ifs(ifs, *p))
				p++;
			end = p;
			if (*p)
				p++;
		}
		value = xstrndup(start, (size_t)(end - start));
		var_set(names[i], value);
		free(value);
	}
}

int bi_read(int argc, char **argv)
{
	static char *reply[] = { "REPLY", NULL };
	struct strbuf sb;
	int raw = 0, i = 1, rc;

	if (i < argc && strcmp(argv[i], "-r") == 0) {
		raw = 1;
		i++;
	}
	for (int k = i; k < argc; k++) {
		if (name_len(argv[k]) != strlen(argv[k])) {
			sh_error("read: %s: bad variable name", argv[k]);
			return 2;
		}
	}
	sb_init(&sb);
	rc = read_line(&sb, raw);
	if (i < argc)
		read_assign(sb.s ? sb.s : "", argv + i, argc - i);
	else
		read_assign(sb.s ? sb.s : "", reply, 1);
	sb_free(&sb);
	return rc < 0 ? 1 : 0;
}
