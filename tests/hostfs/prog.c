/*
 * The host-built program of the hostfs test: built with ferrite-cc into the
 * directory the sim mounts, and with the host's compiler for comparison. It
 * prints its arguments and the size and FNV-1a hash of the blob linked into
 * it (BLOB, a few MB), so a run from host: shows that the whole image
 * arrived intact.
 */
#include <stdint.h>
#include <stdio.h>

#define STR2(x) #x
#define STR(x) STR2(x)

extern const unsigned char blob[], blob_end[];
#define BLOB_ASM(path)                                                  \
	".section .rodata\n.global blob\nblob:\n.incbin \"" path "\"\n" \
	".global blob_end\nblob_end:\n.previous\n"
__asm__(BLOB_ASM(STR(BLOB)));

int main(int argc, char **argv)
{
	uint32_t h = 2166136261u;

	for (int i = 1; i < argc; i++)
		printf("arg %d: %s\n", i, argv[i]);
	for (const unsigned char *p = blob; p < blob_end; p++)
		h = (h ^ *p) * 16777619u;
	printf("blob: %ld bytes, fnv %08x\n", (long)(blob_end - blob), (unsigned)h);
	return argc - 1;
}
