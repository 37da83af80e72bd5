/*
 * true: do nothing, successfully.
 */
#include "tool.h"

int main(int argc, char **argv)
{
	tool_init("true", "usage: true\nExit with status 0.\n", argc, argv);
	return 0;
}
