/*
 * Open files and descriptor tables.
 *
 * A descriptor table is an array grown by doubling up to FE_OPEN_MAX; the
 * lowest free descriptor is always used, as POSIX requires.
 */
#include "fd.h"
#include "lib.h"

struct file *file_create(struct scheme *s, uint64_t id)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	kobj_init(&f->obj, KOBJ_FILE);
	kobj_retain(&s->obj);
	f->scheme = s;
	f->id = id;
	return f;
}

static void file_destroy(struct kobj *o)
{
	struct file *f = container_of(o, struct file, obj);

	scheme_send_close(f->scheme, f->id);
	kobj_release(&f->scheme->obj);
	kfree(f);
}

const struct kobj_ops file_ops = { .destroy = file_destroy };

void fd_table_init(struct fd_table *t)
{
	t->slots = NULL;
	t->size = 0;
}

void fd_table_destroy(struct fd_table *t)
{
	for (uint32_t i = 0; i < t->size; i++)
		if (t->slots[i].file)
			fd_close(t, (int)i);
	kfree(t->slots);
	fd_table_init(t);
}

static int grow(struct fd_table *t, uint32_t need)
{
	return kgrow((void **)&t->slots, &t->size, need, sizeof(*t->slots), 16, FE_OPEN_MAX);
}

struct file *fd_get(struct fd_table *t, int fd)
{
	if (fd < 0 || (uint32_t)fd >= t->size)
		return NULL;
	return t->slots[fd].file;
}

int fd_install_at(struct fd_table *t, int fd, struct file *f, uint32_t flags)
{
	int rc;

	if (fd < 0 || fd >= FE_OPEN_MAX)
		return -FE_EBADF;
	rc = grow(t, (uint32_t)fd + 1);
	if (rc < 0)
		return rc;
	kobj_retain(&f->obj);
	if (t->slots[fd].file)
		fd_close(t, fd);
	t->slots[fd].file = f;
	t->slots[fd].flags = flags;
	return fd;
}

int fd_install(struct fd_table *t, struct file *f, uint32_t flags, int min)
{
	uint32_t fd = min < 0 ? 0 : (uint32_t)min;

	while (fd < t->size && t->slots[fd].file)
		fd++;
	if (fd >= FE_OPEN_MAX)
		return -FE_EMFILE; /* no descriptor is free */
	return fd_install_at(t, (int)fd, f, flags);
}

int fd_close(struct fd_table *t, int fd)
{
	struct file *f = fd_get(t, fd);

	if (!f)
		return -FE_EBADF;
	t->slots[fd].file = NULL;
	t->slots[fd].flags = 0;
	kobj_release(&f->obj);
	return 0;
}

int fd_flags(struct fd_table *t, int fd, uint32_t mask, uint32_t value)
{
	uint32_t old;

	if (!fd_get(t, fd))
		return -FE_EBADF;
	old = t->slots[fd].flags;
	t->slots[fd].flags = (old & ~mask) | (value & mask);
	return (int)old;
}

static int copy_fds(struct fd_table *dst, const struct fd_table *src, bool all)
{
	for (uint32_t i = 0; i < src->size; i++) {
		const struct fd_slot *s = &src->slots[i];
		int rc;

		if (!s->file || (!all && (s->flags & FE_FD_CLOEXEC)))
			continue;
		rc = fd_install_at(dst, (int)i, s->file, s->flags);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int fd_table_inherit(struct fd_table *dst, const struct fd_table *src)
{
	return copy_fds(dst, src, false);
}

int fd_table_copy(struct fd_table *dst, const struct fd_table *src)
{
	return copy_fds(dst, src, true);
}

void fd_table_exec(struct fd_table *t)
{
	for (uint32_t i = 0; i < t->size; i++)
		if (t->slots[i].file && (t->slots[i].flags & FE_FD_CLOEXEC))
			fd_close(t, (int)i);
}
