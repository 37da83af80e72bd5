/*
 * Terminal control where the C library has no termios: raw mode is never
 * available, so the line editor falls back to reading whole lines as the
 * terminal (or Ferrite's console) delivers them.
 */
#include "sh.h"

int term_raw_enter(int fd)
{
	(void)fd;
	return -1;
}

void term_raw_leave(int fd)
{
	(void)fd;
}
