/* rand: the daemon serving rand: (the logic is in rand.c), and its source
 * of bytes, FE_SYS_RANDOM, which gives at most 4096 bytes a call. */
#include <ferrite/sys.h>

#include "loop.h"
#include "rand.h"

int rand_fill(void *buf, uint64_t len)
{
	char *p = buf;

	while (len > 0) {
		uint64_t n = len < 4096 ? len : 4096;
		long rc = fe_random(p, n);

		if (rc < 0)
			return (int)rc;
		p += n;
		len -= n;
	}
	return 0;
}

int main(void)
{
	return srv_serve("rand", &rand_ops, NULL);
}
