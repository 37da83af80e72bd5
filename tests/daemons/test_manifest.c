/*
 * Unit tests of init's service manifests (daemons/init/manifest.c): every
 * key and its bounds, the errors (line and reason), and the start order
 * with unknown dependencies and cycles.
 */
#include <stdio.h>
#include <string.h>

#include "manifest.h"
#include "thost.h"

static struct manifest m;
static struct mf_error err;

static int parse(const char *file, const char *text)
{
	return manifest_parse(file, text, strlen(text), &m, &err);
}

START_TEST(manifest_values)
{
	static const char text[] = "run drv --fast  -v   # trailing comment\n"
				   "after console ramfs\n"
				   "serve drv\n"
				   "open file console\n"
				   "irq 4 5-6\n"
				   "ioport 0x3f8-0x3ff\n"
				   "mmio 0xfee00000-0xFEE00FFF\n"
				   "archive\n"
				   "restart on-failure\n"
				   "backoff 5 500\n"
				   "budget 3 20\n"
				   "heartbeat 250";

	ck_assert_int_eq(parse("drv.svc", text), 0);
	ck_assert_str_eq(m.name, "drv");
	ck_assert_uint_eq(m.argc, 3);
	ck_assert_uint_eq(m.args_len, 14);
	ck_assert_int_eq(memcmp(m.args, "drv\0--fast\0-v", 14), 0);
	ck_assert_uint_eq(m.ndeps, 2);
	ck_assert_str_eq(m.deps[1], "ramfs");
	ck_assert_uint_eq(m.ngrants, 7);
	ck_assert_uint_eq(m.grants[0].kind, FE_GRANT_SERVE);
	ck_assert_str_eq(m.grants[0].name, "drv");
	ck_assert_uint_eq(m.grants[2].kind, FE_GRANT_OPEN);
	ck_assert_str_eq(m.grants[2].name, "console");
	ck_assert_uint_eq(m.grants[3].kind, FE_GRANT_IRQ);
	ck_assert_uint_eq(m.grants[3].lo, 4);
	ck_assert_uint_eq(m.grants[3].hi, 4);
	ck_assert_uint_eq(m.grants[4].hi, 6);
	ck_assert_uint_eq(m.grants[5].kind, FE_GRANT_IOPORT);
	ck_assert_uint_eq(m.grants[5].lo, 0x3f8);
	ck_assert_uint_eq(m.grants[6].kind, FE_GRANT_MMIO);
	ck_assert_uint_eq(m.grants[6].hi, 0xfee00fff);
	ck_assert(m.archive);
	ck_assert_int_eq(m.policy, MF_ON_FAILURE);
	ck_assert_uint_eq(m.backoff_ms, 5);
	ck_assert_uint_eq(m.backoff_max_ms, 500);
	ck_assert_uint_eq(m.budget, 3);
	ck_assert_uint_eq(m.window_s, 20);
	ck_assert_uint_eq(m.heartbeat_ms, 250);
}
END_TEST

START_TEST(manifest_defaults)
{
	ck_assert_int_eq(parse("null.svc", "run null\n"), 0);
	ck_assert_int_eq(m.policy, MF_ALWAYS);
	ck_assert_uint_eq(m.ngrants, 0);
	ck_assert(!m.archive);
	ck_assert(!m.optional);
	ck_assert_uint_eq(m.heartbeat_ms, 0);
	ck_assert_uint_gt(m.budget, 0);
	ck_assert_uint_le(m.backoff_ms, m.backoff_max_ms);
	ck_assert(!m.standby);
	ck_assert_int_eq(parse("star.svc", "run x\nopen *\noptional\nsignal\nstandby\n"), 0);
	ck_assert(m.optional);
	ck_assert(m.standby);
	ck_assert_str_eq(m.grants[0].name, "*");
	ck_assert_uint_eq(m.ngrants, 2);
	ck_assert_uint_eq(m.grants[1].kind, FE_GRANT_SIGNAL);
}
END_TEST

/* Each bad text, the line blamed and the start of the reason. */
START_TEST(manifest_errors)
{
	static const struct {
		const char *file, *text;
		uint32_t line;
		const char *what, *word;
	} cases[] = {
		{ "x.svc", "", 0, "no run line", "" },
		{ "x.svc", "# only a comment\n", 0, "no run line", "" },
		{ "x.txt", "run x\n", 0, "a manifest's name", "x.txt" },
		{ ".svc", "run x\n", 0, "a manifest's name", ".svc" },
		{ "Bad.svc", "run x\n", 0, "bad service name", "" },
		{ "x.svc", "run x\nfrobnicate 1\n", 2, "unknown key", "frobnicate" },
		{ "x.svc", "run\n", 1, "run needs a program", "" },
		{ "x.svc", "run x\nrun y\n", 2, "repeated key", "" },
		{ "x.svc", "run x\nafter\n", 2, "after needs", "" },
		{ "x.svc", "run x\nafter a/b\n", 2, "bad service name", "a/b" },
		{ "x.svc", "run x\nserve\n", 2, "needs a scheme", "" },
		{ "x.svc", "run x\nopen a:b\n", 2, "bad scheme name", "a:b" },
		{ "x.svc", "run x\nirq 5-4\n", 2, "bad range", "5-4" },
		{ "x.svc", "run x\nioport 0x\n", 2, "bad range", "0x" },
		{ "x.svc", "run x\nmmio 99999999999999999999\n", 2, "bad range", "" },
		{ "x.svc", "run x\nirq\n", 2, "needs a number", "" },
		{ "x.svc", "run x\narchive yes\n", 2, "takes no value", "archive" },
		{ "x.svc", "run x\noptional 1\n", 2, "takes no value", "optional" },
		{ "x.svc", "run x\nsignal all\n", 2, "takes no value", "signal" },
		{ "x.svc", "run x\nrestart sometimes\n", 2, "restart takes", "sometimes" },
		{ "x.svc", "run x\nrestart\n", 2, "restart takes", "" },
		{ "x.svc", "run x\nbackoff 10\n", 2, "backoff takes", "" },
		{ "x.svc", "run x\nbackoff 10 5\n", 2, "backoff takes", "" },
		{ "x.svc", "run x\nbackoff 10 60001\n", 2, "backoff takes", "" },
		{ "x.svc", "run x\nbudget 5 0\n", 2, "budget takes", "" },
		{ "x.svc", "run x\nbudget 65 1\n", 2, "budget takes", "" },
		{ "x.svc", "run x\nheartbeat 199\n", 2, "heartbeat takes", "" },
		{ "x.svc", "run x\nheartbeat -1\n", 2, "heartbeat takes", "" },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(parse(cases[i].file, cases[i].text) == -FE_EINVAL, "case %u", i);
		ck_assert_msg(err.line == cases[i].line, "case %u: line %u", i, err.line);
		ck_assert_msg(strncmp(err.what, cases[i].what, strlen(cases[i].what)) == 0,
		              "case %u: %s", i, err.what);
		if (cases[i].word[0])
			ck_assert_str_eq(err.word, cases[i].word);
	}
}
END_TEST

START_TEST(manifest_limits)
{
	char text[600] = "run x";
	char many[400] = "run x\nserve";

	for (int i = 0; i < 20; i++)
		strcat(text, " abcdefghijklmnopqrstuvw");
	ck_assert_int_eq(parse("x.svc", text), -FE_EINVAL); /* line too long */
	ck_assert_str_eq(err.what, "line too long");
	for (int i = 0; i < FE_SPAWN_MAX_GRANTS / 2; i++)
		strcat(many, " a");
	strcat(many, "\nopen");
	for (int i = 0; i < FE_SPAWN_MAX_GRANTS / 2; i++)
		strcat(many, " b");
	strcat(many, "\nirq 1");
	ck_assert_int_eq(parse("x.svc", many), -FE_EINVAL);
	ck_assert_str_eq(err.what, "too many grants");
	ck_assert_int_eq(manifest_parse("x.svc", "run x\0y", 7, &m, &err), -FE_EINVAL);
	ck_assert_str_eq(err.what, "NUL in the text");
}
END_TEST

static void make(struct manifest *list, uint32_t i, const char *name, const char *deps)
{
	char text[128], file[64];

	snprintf(text, sizeof(text), "run %s\n%s%s\n", name, deps[0] ? "after " : "", deps);
	snprintf(file, sizeof(file), "%s.svc", name);
	ck_assert_int_eq(manifest_parse(file, text, strlen(text), &list[i], &err), 0);
}

START_TEST(manifest_start_order)
{
	struct manifest list[6];
	struct mf_error bad[6];
	uint32_t order[6];

	make(list, 0, "app", "db net");
	make(list, 1, "db", "disk");
	make(list, 2, "net", "");
	make(list, 3, "disk", "");
	make(list, 4, "lost", "nowhere");
	make(list, 5, "heir", "lost");
	ck_assert_uint_eq(manifest_order(list, 6, order, bad), 4);
	/* disk before db, db and net before app; otherwise the given order. */
	ck_assert_uint_eq(order[0], 2);
	ck_assert_uint_eq(order[1], 3);
	ck_assert_uint_eq(order[2], 1);
	ck_assert_uint_eq(order[3], 0);
	ck_assert_str_eq(bad[4].what, "unknown dependency");
	ck_assert_str_eq(bad[4].word, "nowhere");
	ck_assert_str_eq(bad[5].what, "depends on a refused service");
	ck_assert_str_eq(bad[5].word, "lost");
	ck_assert_ptr_null(bad[0].what);
}
END_TEST

START_TEST(manifest_cycle)
{
	struct manifest list[4];
	struct mf_error bad[4];
	uint32_t order[4];

	make(list, 0, "a", "b");
	make(list, 1, "b", "c");
	make(list, 2, "c", "a");
	make(list, 3, "d", "");
	ck_assert_uint_eq(manifest_order(list, 4, order, bad), 1);
	ck_assert_uint_eq(order[0], 3);
	for (int i = 0; i < 3; i++)
		ck_assert_str_eq(bad[i].what, "dependency cycle");
	make(list, 0, "a", "a");
	ck_assert_uint_eq(manifest_order(list, 1, order, bad), 0);
	ck_assert_str_eq(bad[0].what, "dependency cycle");
}
END_TEST

Suite *suite_manifest(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("manifest");

	tcase_add_test(tc, manifest_values);
	tcase_add_test(tc, manifest_defaults);
	tcase_add_test(tc, manifest_errors);
	tcase_add_test(tc, manifest_limits);
	tcase_add_test(tc, manifest_start_order);
	tcase_add_test(tc, manifest_cycle);
	suite_add_tcase(s, tc);
	return s;
}
