/*
 * file_touch_now with POSIX's utimensat: both times to now.
 */
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>

#include "filetime.h"

int file_touch_now(const char *path)
{
	return utimensat(AT_FDCWD, path, NULL, 0);
}
