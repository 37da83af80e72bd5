/* sys: the daemon serving sys: (the logic is in sys.c), and its seams onto
 * FE_SYS_SYSINFO. */
#include <ferrite/sys.h>

#include "loop.h"
#include "sys.h"

long sys_procs(struct fe_procinfo *buf, uint32_t max)
{
	return fe_sysinfo(FE_INFO_PROCS, buf, (uint64_t)max * sizeof(*buf));
}

int sys_meminfo(struct fe_meminfo *m)
{
	return (int)fe_sysinfo(FE_INFO_MEMORY, m, sizeof(*m));
}

int main(void)
{
	static struct sysfs fs;

	return srv_serve("sys", &sys_ops, &fs);
}
