/* ramfs: the daemon serving file: from memory (the logic is in ramfs.c and
 * node.c). */
#include <ferrite/print.h>

#include "loop.h"
#include "ramfs.h"

int main(void)
{
	static struct ramfs fs;

	if (ramfs_init(&fs) < 0) {
		fe_printf("ramfs: cannot make the starting tree\n");
		return 1;
	}
	return srv_serve("file", &ramfs_ops, &fs);
}
