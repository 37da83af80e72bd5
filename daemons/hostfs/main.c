/*
 * hostfs: the daemon serving host: in the sim (the logic is in hostfs.c,
 * the host calls in host.c). ferrite-sim adds it to the boot archive only
 * with --mount DIR, and gives DIR, at SIM_FD_HOST, to this program alone;
 * init starts it when the archive has it. Anywhere else its first host
 * call is a forbidden one, and the sandbox ends it.
 */
#include "hostfs.h"
#include "loop.h"

int main(void)
{
	static struct hostfs fs;

	return srv_serve("host", &hostfs_ops, &fs);
}
