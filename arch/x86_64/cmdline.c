/*
 * The kernel command line and the boot archive, turned into the core's
 * boot_info. The command line is
 *
 *     [option ...] init=NAME [arg ...]
 *
 * where the options are `trace` (emit the event trace on the console),
 * `seed=N` and, for the port itself (start.c), `noapic` (device interrupts
 * through the 8259s even where there is an IOAPIC) and `notty` (the console
 * is not reported as a terminal); other words before init= (GRUB may pass
 * the kernel's path) are ignored. The first init= counts. Everything after NAME is init's argv[1..]. NAME is
 * looked up in the boot archive (the first boot module, format in
 * <ferrite/bootfs.h>), whose header and entries are checked against the
 * module's size before use.
 */
#include <ferrite/bootfs.h>

#include "x86.h"

#define DEFAULT_INIT "init"
#define DEFAULT_SEED 1

static char args[BOOT_CMDLINE_MAX];

static _Noreturn void no_init(const char *name, const char *why)
{
	con_puts("ferrite: cannot start init '");
	con_puts(name);
	con_puts("': ");
	con_puts(why);
	con_puts("\n");
	arch_halt(1);
}

static bool word_is(const char *w, size_t len, const char *s)
{
	size_t n = x86_strlen(s);

	return len == n && memcmp(w, s, n) == 0;
}

static uint64_t parse_u64(const char *s, size_t len)
{
	uint64_t v = 0;

	for (size_t i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	return v;
}

/* Lay the words of `s` end to end as NUL-terminated strings in args. */
static void split_args(const char *s, struct boot_info *bi)
{
	size_t n = 0;

	for (;;) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		while (*s && *s != ' ')
			args[n++] = *s++;
		args[n++] = '\0';
		bi->init_argc++;
	}
	bi->init_args = args;
	bi->init_args_len = n;
}

static void parse_cmdline(const char *s, struct boot_info *bi)
{
	bi->seed = DEFAULT_SEED;
	while (*s) {
		const char *w;
		size_t len = 0;

		while (*s == ' ')
			s++;
		w = s;
		while (w[len] && w[len] != ' ')
			len++;
		if (len > 5 && memcmp(w, "init=", 5) == 0) {
			split_args(w + 5, bi);
			return;
		}
		if (word_is(w, len, "trace"))
			bi->trace = true;
		else if (len > 5 && memcmp(w, "seed=", 5) == 0)
			bi->seed = parse_u64(w + 5, len - 5);
		s = w + len;
	}
	split_args(DEFAULT_INIT, bi);
}

static bool name_ok(const char *name, size_t max)
{
	for (size_t i = 0; i < max; i++)
		if (name[i] == '\0')
			return i > 0;
	return false;
}

static bool entry_ok(const struct bootfs_entry *e, uint64_t table_end, uint64_t size)
{
	return name_ok(e->name, sizeof(e->name)) && e->offset % 8 == 0 && e->offset >= table_end &&
	       e->offset <= size && e->size <= size - e->offset;
}

/* The archive's size if its header and every entry are sound, else 0. */
static uint64_t archive_check(const void *a, uint64_t module_size)
{
	const struct bootfs_header *h = a;
	const struct bootfs_entry *e = (const void *)(h + 1);
	uint64_t table_end;

	if (module_size < sizeof(*h) || memcmp(h->magic, BOOTFS_MAGIC, sizeof(h->magic)) ||
	    h->size > module_size || h->size < sizeof(*h) ||
	    h->count > (h->size - sizeof(*h)) / sizeof(*e))
		return 0;
	table_end = sizeof(*h) + (uint64_t)h->count * sizeof(*e);
	for (uint32_t i = 0; i < h->count; i++)
		if (!entry_ok(&e[i], table_end, h->size))
			return 0;
	return h->size;
}

static void find_init(const struct boot_params *bp, struct boot_info *bi)
{
	const char *name = bi->init_args;
	const void *a = phys_to_virt(bp->module_start);
	const struct bootfs_entry *e = (const void *)((const struct bootfs_header *)a + 1);
	uint64_t size = bp->module_size ? archive_check(a, bp->module_size) : 0;

	if (!bp->module_size)
		no_init(name, "no boot archive (give one as the boot module)");
	if (!size)
		no_init(name, "the boot archive is malformed");
	for (uint32_t i = 0; i < ((const struct bootfs_header *)a)->count; i++) {
		if (x86_strlen(e[i].name) == x86_strlen(name) &&
		    memcmp(e[i].name, name, x86_strlen(name)) == 0) {
			bi->init_image = (const char *)a + e[i].offset;
			bi->init_size = e[i].size;
			bi->bootfs = a;
			bi->bootfs_size = size;
			return;
		}
	}
	no_init(name, "not in the boot archive");
}

/* Whether `word` is one of the options before init=. */
bool cmdline_option(const char *s, const char *word)
{
	while (*s) {
		size_t len = 0;

		while (*s == ' ')
			s++;
		while (s[len] && s[len] != ' ')
			len++;
		if (len > 5 && memcmp(s, "init=", 5) == 0)
			return false;
		if (word_is(s, len, word))
			return true;
		s += len;
	}
	return false;
}

void boot_info_build(const struct boot_params *bp, struct boot_info *bi)
{
	parse_cmdline(bp->cmdline, bi);
	find_init(bp, bi);
}
