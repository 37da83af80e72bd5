/*
 * Shell variables and positional parameters.
 *
 * Variables are a small array searched by name: a shell has tens of them,
 * not thousands. The environment a program receives is built from the
 * exported ones each time a program is started (var_environ), so the shell
 * never touches the C library's environ after start-up.
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
	char *name;
	char *value;
	int exported;
};

static struct var *vars;
static int nvars, capvars;

static char *arg0;
static char **params;
static int nparams;

static struct var *var_lookup(const char *name)
{
	for (int i = 0; i < nvars; i++)
		if (strcmp(vars[i].name, name) == 0)
			return &vars[i];
	return NULL;
}

static struct var *var_create(const char *name)
{
	struct var *v = var_lookup(name);

	if (v)
		return v;
	if (nvars == capvars) {
		capvars = capvars ? capvars * 2 : 64;
		vars = xrealloc(vars, (size_t)capvars * sizeof(*vars));
	}
	v = &vars[nvars++];
	v->name = xstrdup(name);
	v->value = NULL;
	v->exported = 0;
	return v;
}

void var_init(char **envp)
{
	for (; envp && *envp; envp++) {
		const char *eq = strchr(*envp, '=');
		char *name;

		if (!eq || eq == *envp)
			continue;
		name = xstrndup(*envp, (size_t)(eq - *envp));
		var_set(name, eq + 1);
		var_export(name);
		free(name);
	}
	if (!var_get("PATH")) {
		var_set("PATH", "/bin:initfs:");
		var_export("PATH");
	}
	if (!var_get("IFS"))
		var_set("IFS", " \t\n");
}

const char *var_get(const char *name)
{
	struct var *v = var_lookup(name);

	return v ? v->value : NULL;
}

int var_set(const char *name, const char *value)
{
	struct var *v = var_create(name);
	char *copy = xstrdup(value);

	free(v->value);
	v->value = copy;
	return 0;
}

void var_unset(const char *name)
{
	struct var *v = var_lookup(name);

	if (!v)
		return;
	free(v->name);
	free(v->value);
	*v = vars[--nvars];
}

void var_export(const char *name)
{
	var_create(name)->exported = 1;
}

/* Single quotes keep everything; a quote inside becomes '\''. */
static void put_quoted(struct strbuf *sb, const char *s)
{
	sb_putc(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, *s);
	}
	sb_putc(sb, '\'');
}

static int var_cmp(const void *a, const void *b)
{
	const struct var *x = a, *y = b;

	return strcmp(x->name, y->name);
}

void var_print(int fd, int exported_only)
{
	struct strbuf sb;

	if (nvars > 0)
		qsort(vars, (size_t)nvars, sizeof(*vars), var_cmp);
	sb_init(&sb);
	for (int i = 0; i < nvars; i++) {
		if (exported_only && !vars[i].exported)
			continue;
		if (exported_only)
			sb_puts(&sb, "export ");
		sb_puts(&sb, vars[i].name);
		if (vars[i].value) {
			sb_putc(&sb, '=');
			put_quoted(&sb, vars[i].value);
		}
		sb_putc(&sb, '\n');
	}
	if (sb.s)
		out_str(fd, sb.s);
	sb_free(&sb);
}

char **var_environ(void)
{
	char **env = xmalloc((size_t)(nvars + 1) * sizeof(char *));
	int n = 0;

	for (int i = 0; i < nvars; i++) {
		struct strbuf sb;

		if (!vars[i].exported || !vars[i].value)
			continue;
		sb_init(&sb);
		sb_puts(&sb, vars[i].name);
		sb_putc(&sb, '=');
		sb_puts(&sb, vars[i].value);
		env[n++] = sb_take(&sb);
	}
	env[n] = NULL;
	return env;
}

int is_assignment(const char *word)
{
	size_t n = name_len(word);

	return n > 0 && word[n] == '=';
}

void params_set(const char *zero, int argc, char **argv)
{
	if (zero) {
		free(arg0);
		arg0 = xstrdup(zero);
	}
	for (int i = 0; i < nparams; i++)
		free(params[i]);
	free(params);
	params = xmalloc((size_t)(argc + 1) * sizeof(char *));
	for (int i = 0; i < argc; i++)
		params[i] = xstrdup(argv[i]);
	params[argc] = NULL;
	nparams = argc;
}

const char *param_zero(void)
{
	return arg0 ? arg0 : "sh";
}

const char *param_get(int i)
{
	if (i == 0)
		return param_zero();
	return i <= nparams ? params[i - 1] : NULL;
}

int param_count(void)
{
	return nparams;
}

/* Take the current parameters away (a function call is about to set its
 * own); params_restore puts them back. */
char **params_save(int *argc)
{
	char **saved = params;

	*argc = nparams;
	params = xmalloc(sizeof(char *));
	params[0] = NULL;
	nparams = 0;
	return saved;
}

void params_restore(char **argv, int argc)
{
	for (int i = 0; i < nparams; i++)
		free(params[i]);
	free(params);
	params = argv;
	nparams = argc;
}

void params_shift(int n)
{
	if (n > nparams)
		n = nparams;
	for (int i = 0; i < n; i++)
		free(params[i]);
	memmove(params, params + n, (size_t)(nparams - n + 1) * sizeof(char *));
	nparams -= n;
}
