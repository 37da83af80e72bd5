/*
 * An ordinary program trying the hostfs daemon's host calls: a raw Linux
 * openat2 on the descriptor where hostfs finds the mounted directory
 * (SIM_FD_HOST). Every process but hostfs keeps the usual sandbox, so the
 * sim must kill it at that call; if it survives, it says so.
 */
#include <stdint.h>
#include <stdio.h>

#define NR_OPENAT2 437
#define SIM_FD_HOST 100

int main(void)
{
	uint64_t how[3] = { 0, 0, 0 };
	register long size __asm__("r10") = sizeof(how);
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(NR_OPENAT2), "D"(SIM_FD_HOST), "S"("file"), "d"(how), "r"(size)
	                 : "rcx", "r11", "memory");
	printf("sneak: openat2 returned %ld: the sandbox let it through\n", ret);
	return 0;
}
