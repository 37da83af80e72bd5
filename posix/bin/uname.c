/*
 * uname: print what the system says about itself.
 *   -s kernel name (the default)  -n node name  -r release  -v version
 *   -m machine  -a all of them, in that order
 */
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: uname [-asnrvm]\n"
			    "Print system information (the kernel name with no option).\n"
			    "  -s  kernel name   -n  node name   -r  release   -v  version\n"
			    "  -m  machine       -a  all of the above\n";

int main(int argc, char **argv)
{
	struct utsname u;
	int c, want[5] = { 0 }, any = 0;
	const char *parts[5];
	const char *sep = "";

	tool_init("uname", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "asnrvm")) != -1) {
		for (int i = 0; i < 5; i++)
			want[i] |= c == "snrvm"[i] || c == 'a';
		any = 1;
	}
	if (optind < argc)
		tool_usage_error("extra operand '%s'", argv[optind]);
	if (!any)
		want[0] = 1;
	if (uname(&u) < 0)
		return tool_errno("uname");
	parts[0] = u.sysname;
	parts[1] = u.nodename;
	parts[2] = u.release;
	parts[3] = u.version;
	parts[4] = u.machine;
	for (int i = 0; i < 5; i++) {
		if (want[i]) {
			printf("%s%s", sep, parts[i]);
			sep = " ";
		}
	}
	putchar('\n');
	return 0;
}
