/* pipe: the daemon serving pipe: (the logic is in pipe.c). */
#include <ferrite/print.h>

#include "loop.h"
#include "pipe.h"

int main(void)
{
	static struct pipes ps;

	if (pipes_init(&ps) < 0) {
		fe_printf("pipe: out of memory\n");
		return 1;
	}
	return srv_serve("pipe", &pipe_ops, &ps);
}
