/*
 * The boot archive and starting programs: finding a file in a boot archive
 * (format in <ferrite/bootfs.h>), and spawning a program from an ELF image or
 * by name from the archive that the first process holds at handle 0.
 */
#ifndef FERRITE_BOOT_H
#define FERRITE_BOOT_H

#include <stdint.h>

#include <ferrite/abi.h>

/* The first process's handle to the boot archive (a memory object). */
#define FE_BOOTFS_HANDLE 0

/*
 * Find `name` in the archive [archive, archive + size). Every header field,
 * entry name, offset and size is checked first: 0 and the file's bytes in
 * *data / *len, -FE_ENOENT when there is no such file, -FE_EINVAL when the
 * archive is malformed.
 */
int fe_bootfs_find(const void *archive, uint64_t size, const char *name, const void **data,
                   uint64_t *len);

/*
 * Spawn the ELF `image` with the NULL-terminated `argv` (argv[0] is the
 * program's name) and the handles `handles[0 .. nhandles-1]`, which the child
 * gets as handles 0 .. nhandles-1, at the default priority. The new process's
 * handle goes to *proc. 0 or -FE_E*.
 */
int fe_spawn_image(const void *image, uint64_t len, const char *const argv[],
                   const fe_handle_t *handles, uint32_t nhandles, fe_handle_t *proc);

/* Lay argv (NULL-terminated) end to end in buf, as struct fe_spawn wants
 * it, and point sp's args, args_len and argc at it; -FE_E2BIG if it does not
 * fit in cap bytes. */
int fe_pack_args(const char *const argv[], char *buf, uint64_t cap, struct fe_spawn *sp);

/* Find `name` in this process's boot archive (handle 0), mapping it once. */
int fe_boot_find(const char *name, const void **image, uint64_t *len);

/* The same as fe_spawn_image for the program called `name` in the boot
 * archive, which is mapped (read-only, once) from handle FE_BOOTFS_HANDLE.
 * If argv is NULL the child gets just its name. */
int fe_spawn_boot(const char *name, const char *const argv[], const fe_handle_t *handles,
                  uint32_t nhandles, fe_handle_t *proc);

#endif
