/*
 * Parsing service manifests and ordering services by their dependencies
 * (manifest.h; the format is in docs/services.md).
 *
 * A manifest is lines of words: a key, then its values; '#' starts a
 * comment. Each key has a handler that checks and stores its values; the
 * first problem stops the parse with the line and the reason.
 */
#include <string.h>

#include "manifest.h"

#define WORDS_MAX (MF_ARGS_MAX + 1)
#define BACKOFF_MAX_MS 60000u
#define BUDGET_MAX 64u /* SUP_BUDGET_MAX: init keeps that many times */
#define WINDOW_MAX_S 3600u
#define HEARTBEAT_MAX_MS 600000u

struct line {
	char *w[WORDS_MAX];
	uint32_t n;
};

typedef const char *(*key_fn)(struct manifest *m, const struct line *l, struct mf_error *err);

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* A service or scheme name: 1..MF_NAME_MAX-1 of [a-z0-9_-]. */
static bool name_ok(const char *s)
{
	uint64_t n = strlen(s);

	if (n == 0 || n >= MF_NAME_MAX)
		return false;
	for (uint64_t i = 0; i < n; i++)
		if (!name_char(s[i]))
			return false;
	return true;
}

/* A decimal or 0x-hexadecimal number of at most 64 bits. */
static bool number(const char *s, uint64_t *v)
{
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	*v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9'                 ? *s - '0'
		        : base == 16 && *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
		        : base == 16 && *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
		                                               : -1;

		if (d < 0 || *v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		*v = *v * (uint64_t)base + (uint64_t)d;
	}
	return true;
}

static bool bounded(const char *s, uint64_t lo, uint64_t hi, uint32_t *out)
{
	uint64_t v;

	if (!number(s, &v) || v < lo || v > hi)
		return false;
	*out = (uint32_t)v;
	return true;
}

static void blame(struct mf_error *err, const char *word)
{
	uint64_t n = strlen(word);

	if (n >= sizeof(err->word))
		n = sizeof(err->word) - 1;
	memcpy(err->word, word, n);
	err->word[n] = '\0';
}

static const char *key_run(struct manifest *m, const struct line *l, struct mf_error *err)
{
	if (m->argc)
		return "repeated key";
	if (l->n < 2)
		return "run needs a program";
	for (uint32_t i = 1; i < l->n; i++) {
		uint64_t len = strlen(l->w[i]) + 1;

		if (len > sizeof(m->args) - m->args_len) {
			blame(err, l->w[i]);
			return "arguments too long";
		}
		memcpy(m->args + m->args_len, l->w[i], len);
		m->args_len += (uint32_t)len;
		m->argc++;
	}
	return NULL;
}

static const char *key_after(struct manifest *m, const struct line *l, struct mf_error *err)
{
	for (uint32_t i = 1; i < l->n; i++) {
		blame(err, l->w[i]);
		if (!name_ok(l->w[i]))
			return "bad service name";
		if (m->ndeps == MF_DEPS_MAX)
			return "too many dependencies";
		strcpy(m->deps[m->ndeps++], l->w[i]);
	}
	err->word[0] = '\0';
	return l->n < 2 ? "after needs a service" : NULL;
}

/* N or N-M. */
static bool range(char *s, uint64_t *lo, uint64_t *hi)
{
	char *dash = strchr(s, '-');
	bool ok;

	if (!dash)
		return number(s, lo) && number(s, hi);
	*dash = '\0';
	ok = number(s, lo) && number(dash + 1, hi) && *lo <= *hi;
	*dash = '-';
	return ok;
}

/* One value of a grant key into *g: NULL, or what is wrong with it. */
static const char *grant_value(char *word, struct fe_grant *g)
{
	if (g->kind == FE_GRANT_SERVE || g->kind == FE_GRANT_OPEN) {
		if (!name_ok(word) && strcmp(word, "*") != 0)
			return "bad scheme name";
		strcpy(g->name, word);
		return NULL;
	}
	if (!range(word, &g->lo, &g->hi))
		return "bad range (N or N-M, decimal or 0x hex, N <= M)";
	return NULL;
}

/* serve, open, irq, ioport, mmio: one grant per value. */
static const char *key_grants(struct manifest *m, const struct line *l, struct mf_error *err)
{
	static const char *const kinds[FE_GRANT_KIND_COUNT] = { [FE_GRANT_SERVE] = "serve",
		                                                [FE_GRANT_OPEN] = "open",
		                                                [FE_GRANT_IRQ] = "irq",
		                                                [FE_GRANT_IOPORT] = "ioport",
		                                                [FE_GRANT_MMIO] = "mmio" };
	uint32_t kind = FE_GRANT_SERVE;

	while (strcmp(kinds[kind], l->w[0]) != 0)
		kind++;
	if (l->n < 2)
		return kind <= FE_GRANT_OPEN ? "needs a scheme name"
		                             : "needs a number or a range N-M";
	for (uint32_t i = 1; i < l->n; i++) {
		struct fe_grant g = { .kind = kind };
		const char *why = grant_value(l->w[i], &g);

		blame(err, l->w[i]);
		if (!why && m->ngrants == FE_SPAWN_MAX_GRANTS)
			why = "too many grants";
		if (why)
			return why;
		m->grants[m->ngrants++] = g;
	}
	err->word[0] = '\0';
	return NULL;
}

/* signal: it may signal any process (FE_GRANT_SIGNAL), without a value. */
static const char *key_signal(struct manifest *m, const struct line *l, struct mf_error *err)
{
	blame(err, l->w[0]);
	if (l->n != 1)
		return "takes no value";
	if (m->ngrants == FE_SPAWN_MAX_GRANTS)
		return "too many grants";
	m->grants[m->ngrants++] = (struct fe_grant){ .kind = FE_GRANT_SIGNAL };
	err->word[0] = '\0';
	return NULL;
}

/* archive, optional, standby: flags without a value. */
static const char *key_flag(struct manifest *m, const struct line *l, struct mf_error *err)
{
	blame(err, l->w[0]);
	if (l->n != 1)
		return "takes no value";
	if (l->w[0][0] == 'a')
		m->archive = true;
	else if (l->w[0][0] == 'o')
		m->optional = true;
	else
		m->standby = true;
	err->word[0] = '\0';
	return NULL;
}

static const char *key_restart(struct manifest *m, const struct line *l, struct mf_error *err)
{
	static const char *const names[] = { "always", "on-failure", "never" };

	if (l->n != 2)
		return "restart takes one of always, on-failure, never";
	for (uint32_t i = 0; i < 3; i++)
		if (strcmp(l->w[1], names[i]) == 0) {
			m->policy = (enum mf_policy)i;
			return NULL;
		}
	blame(err, l->w[1]);
	return "restart takes one of always, on-failure, never";
}

static const char *key_backoff(struct manifest *m, const struct line *l, struct mf_error *err)
{
	(void)err;
	if (l->n != 3 || !bounded(l->w[1], 0, BACKOFF_MAX_MS, &m->backoff_ms) ||
	    !bounded(l->w[2], 0, BACKOFF_MAX_MS, &m->backoff_max_ms) ||
	    m->backoff_max_ms < m->backoff_ms)
		return "backoff takes INITIAL-MS MAX-MS, 0 <= INITIAL <= MAX <= 60000";
	return NULL;
}

static const char *key_budget(struct manifest *m, const struct line *l, struct mf_error *err)
{
	(void)err;
	if (l->n != 3 || !bounded(l->w[1], 0, BUDGET_MAX, &m->budget) ||
	    !bounded(l->w[2], 1, WINDOW_MAX_S, &m->window_s))
		return "budget takes RESTARTS SECONDS (0..64, 1..3600)";
	return NULL;
}

static const char *key_heartbeat(struct manifest *m, const struct line *l, struct mf_error *err)
{
	(void)err;
	if (l->n != 2 || !bounded(l->w[1], MF_HEARTBEAT_MIN_MS, HEARTBEAT_MAX_MS, &m->heartbeat_ms))
		return "heartbeat takes MS, 200..600000";
	return NULL;
}

static const struct {
	const char *key;
	key_fn fn;
} keys[] = {
	{ "run", key_run },         { "after", key_after },   { "serve", key_grants },
	{ "open", key_grants },     { "irq", key_grants },    { "ioport", key_grants },
	{ "mmio", key_grants },     { "archive", key_flag },  { "restart", key_restart },
	{ "backoff", key_backoff }, { "budget", key_budget }, { "heartbeat", key_heartbeat },
	{ "optional", key_flag },   { "signal", key_signal }, { "standby", key_flag },
};

/* Split buf (one line, NUL-terminated, writable) into words. */
static const char *split(char *buf, struct line *l)
{
	char *p = buf;

	l->n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return NULL;
		if (l->n == WORDS_MAX)
			return "too many words";
		l->w[l->n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '#')
			p++;
		if (*p == '#') {
			*p = '\0';
			return NULL;
		}
		if (*p)
			*p++ = '\0';
	}
}

static const char *parse_line(struct manifest *m, char *buf, struct mf_error *err)
{
	struct line l;
	const char *why = split(buf, &l);

	if (why || l.n == 0)
		return why;
	for (uint32_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(l.w[0], keys[i].key) == 0)
			return keys[i].fn(m, &l, err);
	blame(err, l.w[0]);
	return "unknown key";
}

/* The service's name: the file's name without MF_SUFFIX. */
static const char *file_name(struct manifest *m, const char *file, struct mf_error *err)
{
	uint64_t n = strlen(file), s = sizeof(MF_SUFFIX) - 1;

	blame(err, file);
	if (n <= s || strcmp(file + n - s, MF_SUFFIX) != 0 || n - s >= MF_NAME_MAX)
		return "a manifest's name is NAME.svc";
	memcpy(m->name, file, n - s);
	m->name[n - s] = '\0';
	if (!name_ok(m->name))
		return "bad service name";
	err->word[0] = '\0';
	return NULL;
}

static void defaults(struct manifest *m)
{
	*m = (struct manifest){ .policy = MF_ALWAYS,
		                .backoff_ms = 10,
		                .backoff_max_ms = 1000,
		                .budget = 5,
		                .window_s = 10 };
}

int manifest_parse(const char *file, const char *text, uint64_t len, struct manifest *m,
                   struct mf_error *err)
{
	static char buf[256];
	uint64_t pos = 0;

	defaults(m);
	*err = (struct mf_error){ 0 };
	err->what = file_name(m, file, err);
	while (!err->what && pos < len) {
		uint64_t end = pos;

		while (end < len && text[end] != '\n')
			end++;
		err->line++;
		if (end - pos >= sizeof(buf) || memchr(text + pos, '\0', end - pos))
			err->what = end - pos >= sizeof(buf) ? "line too long" : "NUL in the text";
		else {
			memcpy(buf, text + pos, end - pos);
			buf[end - pos] = '\0';
			err->what = parse_line(m, buf, err);
		}
		pos = end + 1;
	}
	if (!err->what && m->argc == 0) {
		err->line = 0;
		err->what = "no run line";
	}
	return err->what ? -FE_EINVAL : 0;
}

static int32_t find(const struct manifest *m, uint32_t n, const char *name)
{
	for (uint32_t i = 0; i < n; i++)
		if (strcmp(m[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

/* Mark the services with an unknown dependency. */
static void check_known(const struct manifest *m, uint32_t n, struct mf_error *bad)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t d = 0; d < m[i].ndeps && !bad[i].what; d++)
			if (find(m, n, m[i].deps[d]) < 0) {
				bad[i].what = "unknown dependency";
				blame(&bad[i], m[i].deps[d]);
			}
}

/* Can service i start once `placed` ones are up? -1 no, 0 not yet, 1 yes.
 * A dependency that was refused refuses i too. */
static int ready(const struct manifest *m, uint32_t n, uint32_t i, const bool *placed,
                 struct mf_error *bad)
{
	for (uint32_t d = 0; d < m[i].ndeps; d++) {
		int32_t j = find(m, n, m[i].deps[d]);

		if (bad[j].what) {
			bad[i].what = "depends on a refused service";
			blame(&bad[i], m[j].name);
			return -1;
		}
		if (!placed[j])
			return 0;
	}
	return 1;
}

uint32_t manifest_order(const struct manifest *m, uint32_t n, uint32_t *order, struct mf_error *bad)
{
	bool placed[n ? n : 1];
	uint32_t count = 0;
	bool progress = true;

	for (uint32_t i = 0; i < n; i++) {
		placed[i] = false;
		bad[i] = (struct mf_error){ 0 };
	}
	check_known(m, n, bad);
	while (progress) {
		progress = false;
		for (uint32_t i = 0; i < n; i++)
			if (!placed[i] && !bad[i].what && ready(m, n, i, placed, bad) != 0) {
				progress = true;
				if (!bad[i].what) {
					placed[i] = true;
					order[count++] = i;
				}
			}
	}
	for (uint32_t i = 0; i < n; i++)
		if (!placed[i] && !bad[i].what)
			bad[i].what = "dependency cycle";
	return count;
}
