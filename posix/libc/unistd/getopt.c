/*
 * Command-line options: POSIX getopt and GNU getopt_long. Arguments are
 * not permuted: option parsing stops at the first operand or at "--", as
 * POSIX says (GNU's "+" and "-" prefixes of optstring are accepted; "-" is
 * treated like "+"). A leading ':' in optstring makes a missing argument
 * return ':' without a message.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int nextchar; /* offset in argv[optind] of the next option letter */

static const char *short_spec(const char *optstring)
{
	while (*optstring == '+' || *optstring == '-')
		optstring++;
	return optstring;
}

static int complain(const char *spec, const char *prog, const char *msg, int c)
{
	if (opterr && spec[0] != ':')
		fprintf(stderr, "%s: %s -- '%c'\n", prog, msg, c);
	return '?';
}

static int short_option(int argc, char *const argv[], const char *spec)
{
	const char *arg = argv[optind], *p;
	int c = (unsigned char)arg[nextchar++];

	optopt = c;
	p = c == ':' ? NULL : strchr(spec, c);
	if (!arg[nextchar]) {
		optind++;
		nextchar = 0;
	}
	if (!p)
		return complain(spec, argv[0], "invalid option", c);
	if (p[1] != ':')
		return c;
	if (nextchar) {
		optarg = (char *)arg + nextchar;
		optind++;
		nextchar = 0;
	} else if (p[2] == ':') {
		optarg = NULL;
	} else if (optind < argc) {
		optarg = argv[optind++];
	} else {
		if (spec[0] == ':')
			return ':';
		return complain(spec, argv[0], "option requires an argument", c);
	}
	return c;
}

/* Is argv[optind] an option? Resets the scan at the first call. */
static bool at_option(int argc, char *const argv[])
{
	if (optind == 0) {
		optind = 1;
		nextchar = 0;
	}
	optarg = NULL;
	if (nextchar)
		return true;
	if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1])
		return false;
	if (strcmp(argv[optind], "--") == 0) {
		optind++;
		return false;
	}
	nextchar = 1;
	return true;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	if (!at_option(argc, argv))
		return -1;
	return short_option(argc, argv, short_spec(optstring));
}

/* The long option `name` (up to '=' or the end) names: exact match first,
 * then a unique prefix. */
static int find_long(const struct option *opts, const char *name, size_t len, bool *ambiguous)
{
	int found = -1;

	*ambiguous = false;
	for (int i = 0; opts[i].name; i++) {
		if (strncmp(opts[i].name, name, len) != 0)
			continue;
		if (strlen(opts[i].name) == len)
			return i;
		if (found >= 0)
			*ambiguous = true;
		found = i;
	}
	return *ambiguous ? -1 : found;
}

static int long_result(const struct option *o)
{
	if (o->flag) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

static int long_option(int argc, char *const argv[], const char *spec, const struct option *opts,
                       int *index, int skip)
{
	const char *arg = argv[optind] + skip, *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	bool ambiguous;
	int i = find_long(opts, arg, len, &ambiguous);
	const char *prog = argv[0];

	optind++;
	nextchar = 0;
	if (i < 0) {
		if (opterr && spec[0] != ':')
			fprintf(stderr, "%s: %s '%.*s'\n", prog,
			        ambiguous ? "option is ambiguous:" : "unrecognized option",
			        (int)(len + skip), argv[optind - 1]);
		optopt = 0;
		return '?';
	}
	if (index)
		*index = i;
	optopt = opts[i].val;
	if (eq && opts[i].has_arg == no_argument) {
		if (opterr && spec[0] != ':')
			fprintf(stderr, "%s: option '--%s' doesn't allow an argument\n", prog,
			        opts[i].name);
		return '?';
	}
	if (eq) {
		optarg = (char *)eq + 1;
	} else if (opts[i].has_arg == required_argument) {
		if (optind >= argc) {
			if (opterr && spec[0] != ':')
				fprintf(stderr, "%s: option '--%s' requires an argument\n", prog,
				        opts[i].name);
			return spec[0] == ':' ? ':' : '?';
		}
		optarg = argv[optind++];
	}
	return long_result(&opts[i]);
}

static int getopt_long_any(int argc, char *const argv[], const char *optstring,
                           const struct option *opts, int *index, bool only)
{
	const char *spec = short_spec(optstring);
	const char *arg;

	if (!at_option(argc, argv))
		return -1;
	arg = argv[optind];
	if (nextchar == 1 && arg[1] == '-')
		return long_option(argc, argv, spec, opts, index, 2);
	if (nextchar == 1 && only) {
		bool ambiguous;
		size_t len = strcspn(arg + 1, "=");

		if (find_long(opts, arg + 1, len, &ambiguous) >= 0 || !strchr(spec, arg[1]))
			return long_option(argc, argv, spec, opts, index, 1);
	}
	return short_option(argc, argv, spec);
}

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *opts,
                int *index)
{
	return getopt_long_any(argc, argv, optstring, opts, index, false);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring, const struct option *opts,
                     int *index)
{
	return getopt_long_any(argc, argv, optstring, opts, index, true);
}
