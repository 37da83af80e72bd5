/*
 * svc: control the services init supervises, through init's svc: scheme
 * (docs/services.md).
 *
 *   svc list                     name, pid, generation, restarts, state, uptime,
 *                                a standby's spare
 *   svc start|stop|restart NAME  and wait until it serves (or has stopped)
 *   svc log NAME                 its recent events
 *   svc reload NAME [BINARY]     run BINARY (a path: initfs:/x, file:/x,
 *                                host:/x) as NAME's next generation; without
 *                                BINARY, restart the binary it has
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: svc list\n"
			    "       svc start|stop|restart NAME\n"
			    "       svc log NAME\n"
			    "       svc reload NAME [BINARY]\n"
			    "Control the services init supervises.\n"
			    "  list     name, pid, generation, restarts, state, uptime (s),\n"
			    "           the pid of a standby's spare (0: none)\n"
			    "  start, stop, restart\n"
			    "           and wait until NAME serves again (or has stopped)\n"
			    "  log      NAME's recent events\n"
			    "  reload   run BINARY (initfs:/x, file:/x, host:/x) as NAME's next\n"
			    "           generation, falling back to the old binary if it fails\n"
			    "           to become ready; without BINARY, restart NAME\n";

/* Copy the file at path to standard output. */
static int show(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (tool_write(1, buf, (unsigned long)n) < 0)
			break;
	close(fd);
	return n < 0 ? errno : 0;
}

/* What an error of a command means, in the svc: protocol (control.h). */
static const char *meaning(int err, const char *verb)
{
	switch (err) {
	case ESRCH:
		return "no such service";
	case EBUSY:
		return strcmp(verb, "start") == 0  ? "already running"
		       : strcmp(verb, "stop") == 0 ? "already stopped"
		                                   : "busy with another command";
	case EIO:
		return "it did not become ready (see svc log)";
	case ENOEXEC:
		return "the new binary did not become ready; the old one runs again";
	case ENOENT:
	case ENODEV:
		return strcmp(verb, "reload") == 0 ? "cannot read the binary: no such file"
		                                   : "init does not serve svc:";
	default:
		return strerror(err);
	}
}

static int command(const char *verb, const char *name, const char *binary)
{
	char cmd[256];
	int n = snprintf(cmd, sizeof(cmd), "%s %s%s%s", verb, name, binary ? " " : "",
	                 binary ? binary : "");
	int fd, err = 0;

	if (n < 0 || (size_t)n >= sizeof(cmd))
		tool_usage_error("the service name or the path is too long");
	fd = open("svc:ctl", O_WRONLY);
	if (fd < 0) {
		tool_warn("cannot reach init (svc:ctl): %s", strerror(errno));
		return 1;
	}
	if (write(fd, cmd, (size_t)n) < 0)
		err = errno;
	close(fd);
	if (err) {
		tool_warn("%s %s: %s", verb, name, meaning(err, verb));
		return 1;
	}
	return 0;
}

static int list_or_log(const char *verb, const char *name)
{
	char path[128];
	int err;

	snprintf(path, sizeof(path), "svc:%s%s%s", verb, name ? "/" : "", name ? name : "");
	err = show(path);
	if (err) {
		tool_warn("%s%s%s: %s", verb, name ? " " : "", name ? name : "",
		          err == ESRCH ? "no such service" : strerror(err));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *verb;

	tool_init("svc", usage, argc, argv);
	if (argc < 2)
		tool_usage_error("missing command");
	verb = argv[1];
	if (strcmp(verb, "list") == 0) {
		if (argc != 2)
			tool_usage_error("list takes no operand");
		return list_or_log("list", NULL);
	}
	if (strcmp(verb, "log") == 0 || strcmp(verb, "start") == 0 || strcmp(verb, "stop") == 0 ||
	    strcmp(verb, "restart") == 0 || strcmp(verb, "reload") == 0) {
		if (argc < 3)
			tool_usage_error("%s needs a service name", verb);
		if (argc > (strcmp(verb, "reload") == 0 ? 4 : 3))
			tool_usage_error("too many operands for %s", verb);
		if (strcmp(verb, "log") == 0)
			return list_or_log("log", argv[2]);
		return command(verb, argv[2], argc == 4 ? argv[3] : NULL);
	}
	tool_usage_error("unknown command '%s'", verb);
}
