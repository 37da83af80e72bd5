/*
 * Intrusive doubly linked lists. A list head is a node whose next/prev point
 * at itself when empty; an unlinked node points at itself too, so unlinking
 * twice is harmless.
 */
#ifndef KERNEL_LIST_H
#define KERNEL_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list {
	struct list *next, *prev;
};

#define LIST_INIT(name)          \
	{                        \
		&(name), &(name) \
	}
#define container_of(p, type, member) ((type *)((char *)(p)-offsetof(type, member)))
#define list_entry(p, type, member) container_of(p, type, member)
#define list_for_each(it, head) for ((it) = (head)->next; (it) != (head); (it) = (it)->next)
#define list_for_each_safe(it, nx, head) \
	for ((it) = (head)->next, (nx) = (it)->next; (it) != (head); (it) = (nx), (nx) = (it)->next)

static inline void list_init(struct list *l)
{
	l->next = l->prev = l;
}

static inline bool list_empty(const struct list *l)
{
	return l->next == l;
}

static inline void list_insert_before(struct list *pos, struct list *n)
{
	n->prev = pos->prev;
	n->next = pos;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void list_push_back(struct list *head, struct list *n)
{
	list_insert_before(head, n);
}

static inline void list_push_front(struct list *head, struct list *n)
{
	list_insert_before(head->next, n);
}

static inline void list_remove(struct list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	list_init(n);
}

static inline struct list *list_pop_front(struct list *head)
{
	struct list *n = head->next;

	if (n == head)
		return NULL;
	list_remove(n);
	return n;
}

#endif
