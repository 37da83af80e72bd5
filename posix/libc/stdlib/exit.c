/*
 * Ending a program: atexit handlers, exit (handlers, then stdio, then the
 * kernel), _Exit and _exit. Handlers run in reverse order of registration;
 * a handler may register more, which run next. crt0 calls exit, so this
 * file is in every program: it reaches stdio only through a weak symbol.
 */
#include <stdlib.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

#define ATEXIT_MAX 64

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

_Noreturn void exit(int status)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
	if (__fe_stdio_flush_all)
		__fe_stdio_flush_all();
	_exit(status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

_Noreturn void _exit(int status)
{
	fe_exit(status & 0xff);
}
