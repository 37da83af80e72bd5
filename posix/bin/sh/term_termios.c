/*
 * Raw terminal mode through termios, for the line editor: no echo, no line
 * buffering, ^C and ^D arrive as bytes. The previous settings come back
 * with term_raw_leave. (term_plain.c stands in where there is no termios.)
 */
#include <termios.h>

#include "sh.h"

static struct termios saved;
static int raw_fd = -1;

int term_raw_enter(int fd)
{
	struct termios t;

	if (tcgetattr(fd, &saved) < 0)
		return -1;
	t = saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSADRAIN, &t) < 0)
		return -1;
	raw_fd = fd;
	return 0;
}

void term_raw_leave(int fd)
{
	if (raw_fd == fd)
		tcsetattr(fd, TCSADRAIN, &saved);
	raw_fd = -1;
}
