/*
 * What every Unix tool in posix/bin/ shares: its name in messages, --help,
 * option errors, and the exit statuses.
 *
 * Conventions, the same for every tool:
 *   - `--help` among the options (before the first operand) prints the
 *     usage on standard output and exits 0;
 *   - a bad option or a missing operand prints "NAME: what is wrong" and
 *     the synopsis on standard error and exits 2 (EXIT_USAGE);
 *   - a failure on a file prints "NAME: FILE: reason" and makes the final
 *     status 1 (the tool carries on with the other files).
 */
#ifndef TOOL_H
#define TOOL_H

#define EXIT_USAGE 2

extern const char *tool_name;

/* Remember the name and usage text; handle --help. */
void tool_init(const char *name, const char *usage, int argc, char **argv);
/* getopt() that turns an unknown option or a missing argument into a
 * usage error. */
int tool_getopt(int argc, char **argv, const char *optstring);
/* "NAME: message" on standard error. */
void tool_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "NAME: message", the usage's synopsis lines, exit 2. */
void tool_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* "NAME: message: strerror(errno)"; returns 1 for `status |= ...`. */
int tool_errno(const char *what);
/* Write all of buf to fd; -1 on error (errno set). */
int tool_write(int fd, const void *buf, unsigned long len);
/* dir + "/" + name, with no doubled separator, and none after a scheme
 * ("sys:" + "proc" is "sys:proc"). malloc'd. */
char *tool_path_join(const char *dir, const char *name);
/* The last component of a path, trailing slashes ignored; malloc'd. */
char *tool_basename(const char *path);
/* Parse a whole decimal number; -1 if s is not one. */
int tool_parse_long(const char *s, long *out);

#endif
