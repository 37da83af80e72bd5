/*
 * Shell functions: name() compound-command. The table maps a name to the
 * body's node, which stays in the arena of the command that defined it
 * (exec_tree keeps such arenas alive).
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct func {
	char *name;
	struct node *body;
};

static struct func *funcs;
static int nfuncs, capfuncs, generation;

int func_generation(void)
{
	return generation;
}

struct node *func_find(const char *name)
{
	for (int i = 0; i < nfuncs; i++)
		if (strcmp(funcs[i].name, name) == 0)
			return funcs[i].body;
	return NULL;
}

void func_define(const char *name, struct node *body)
{
	if (body)
		generation++;
	for (int i = 0; i < nfuncs; i++) {
		if (strcmp(funcs[i].name, name) != 0)
			continue;
		if (body) {
			funcs[i].body = body;
		} else {
			free(funcs[i].name);
			funcs[i] = funcs[--nfuncs];
		}
		return;
	}
	if (!body)
		return;
	if (nfuncs == capfuncs) {
		capfuncs = capfuncs ? capfuncs * 2 : 16;
		funcs = xrealloc(funcs, (size_t)capfuncs * sizeof(*funcs));
	}
	funcs[nfuncs].name = xstrdup(name);
	funcs[nfuncs].body = body;
	nfuncs++;
}
