/*
 * sh: Ferrite's shell. Where it reads its commands from, and the options.
 *
 *   sh [-exf] -c COMMAND [NAME [ARG...]]  run COMMAND ($0 = NAME)
 *   sh [-exf] FILE [ARG...]               run the script FILE
 *   sh [-exf] [-i | -s]                   read standard input
 *
 * Reading standard input, the shell is interactive when it is a terminal
 * (or with -i): it prompts with $PS1, edits lines (lineedit.c), ignores ^C
 * itself and reports finished background jobs. Otherwise it reads silently
 * and, at the end, exits with the status of the last command.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

extern char **environ;

static const char usage[] =
	"usage: sh [-exf] [-c COMMAND [NAME [ARG...]] | FILE [ARG...] | -i | -s]\n"
	"  -c COMMAND  run COMMAND and exit\n"
	"  -i          interactive: prompt and edit lines even off a terminal\n"
	"  -s          read commands from standard input\n"
	"  -e          exit when a command fails (set -e)\n"
	"  -x          print each command before running it (set -x)\n"
	"  -f          no pathname expansion (set -f)\n";

struct options {
	const char *command;
	int force_interactive;
	int first_arg; /* index of the first operand */
};

/* The message and the usage's first line, status 2. */
static void bad_usage(const char *what, const char *arg)
{
	const char *nl = strchr(usage, '\n');

	out_fmt(2, "sh: %s%s\n%.*s\n", what, arg, (int)(nl - usage), usage);
	exit(2);
}

static int parse_flags(const char *arg, struct options *o, char **argv, int *i)
{
	for (const char *f = arg + 1; *f; f++) {
		switch (*f) {
		case 'c':
			if (!argv[*i + 1])
				bad_usage("-c: option requires an argument", "");
			o->command = argv[++*i];
			break;
		case 'i':
			o->force_interactive = 1;
			break;
		case 's':
			break;
		case 'x':
			sh.opt_xtrace = 1;
			break;
		case 'e':
			sh.opt_errexit = 1;
			break;
		case 'f':
			sh.opt_noglob = 1;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	int i = 1;

	memset(o, 0, sizeof(*o));
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--help") == 0) {
			out_str(1, usage);
			exit(0);
		}
		if (parse_flags(argv[i], o, argv, &i) < 0)
			bad_usage("invalid option: ", argv[i]);
	}
	o->first_arg = i;
}

static void set_pwd(void)
{
	char cwd[4096];

	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd);
}

static int run_stdin(struct options *o)
{
	struct input *in;
	int status;

	sh.interactive = o->force_interactive || (isatty(0) && isatty(2));
	if (sh.interactive) {
		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		signal(SIGTERM, SIG_IGN);
		job_control_start();
	}
	in = input_fd(0, sh.interactive);
	status = run_input(in);
	input_free(in);
	if (sh.interactive)
		out_str(2, "\n");
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	int n;

	parse_options(argc, argv, &o);
	sh.pid = getpid();
	var_init(environ);
	set_pwd();
	n = argc - o.first_arg;
	if (o.command) {
		struct input *in = input_string(o.command);
		const char *name = n > 0 ? argv[o.first_arg] : argv[0];

		params_set(name, n > 0 ? n - 1 : 0, argv + o.first_arg + (n > 0));
		sh_exit(run_input(in));
	}
	if (n > 0) {
		params_set(argv[o.first_arg], n - 1, argv + o.first_arg + 1);
		sh_exit(exec_file(argv[o.first_arg]));
	}
	params_set(argv[0], 0, argv);
	sh_exit(run_stdin(&o));
}
