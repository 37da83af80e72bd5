/*
 * ps: list processes, from Ferrite's sys: scheme.
 *
 * sys:proc has one line per process: "pid parent state threads memory
 * name" (the name may contain spaces; lines that do not start with a pid
 * are ignored). ps prints them under a header, aligned. -F FILE reads
 * another file of the same format (for testing ps off Ferrite).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: ps [-F FILE]\n"
			    "List the processes: pid, parent, state, threads, memory, name.\n"
			    "  -F FILE  read the process table from FILE instead of sys:proc\n";

struct proc {
	char pid[24], parent[24], state[24], threads[24], memory[32];
	const char *name;
};

/* Cut the next blank-separated field of *s into out. */
static int field(char **s, char *out, size_t size)
{
	char *p = *s;
	size_t n = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
		if (n + 1 < size)
			out[n++] = *p;
		p++;
	}
	out[n] = '\0';
	*s = p;
	return n > 0;
}

static int parse_line(char *line, struct proc *p)
{
	char *s = line;
	size_t len;

	if (!field(&s, p->pid, sizeof(p->pid)) || !isdigit((unsigned char)p->pid[0]))
		return 0;
	if (!field(&s, p->parent, sizeof(p->parent)) || !field(&s, p->state, sizeof(p->state)) ||
	    !field(&s, p->threads, sizeof(p->threads)) || !field(&s, p->memory, sizeof(p->memory)))
		return 0;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		s[--len] = '\0';
	p->name = s;
	return 1;
}

int main(int argc, char **argv)
{
	const char *source = "sys:proc";
	char line[1024];
	struct proc p;
	FILE *f;
	int c;

	tool_init("ps", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "F:ef")) != -1)
		if (c == 'F')
			source = optarg;
	if (optind < argc)
		tool_usage_error("unexpected argument '%s'", argv[optind]);
	f = fopen(source, "r");
	if (!f) {
		tool_errno(source);
		return 1;
	}
	printf("%5s %5s %-8s %3s %9s %s\n", "PID", "PPID", "STATE", "THR", "MEM", "NAME");
	while (fgets(line, sizeof(line), f))
		if (parse_line(line, &p))
			printf("%5s %5s %-8s %3s %9s %s\n", p.pid, p.parent, p.state, p.threads,
			       p.memory, p.name);
	fclose(f);
	return 0;
}
