/*
 * Helpers shared by the message codec tests (tests/bgpd/test_wire_*.c):
 * hex strings to bytes and fixture files from tests/data. Header-only so
 * each test stays one binary per source file.
 */
#ifndef XR_TESTS_BGPD_MSG_UTIL_H
#define XR_TESTS_BGPD_MSG_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decode hex (spaces ignored) into out (cap bytes); returns the length. */
static inline size_t
hex_decode(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	unsigned v;

	while (*hex) {
		if (*hex == ' ') {
			hex++;
			continue;
		}
		if (n >= cap || sscanf(hex, "%2x", &v) != 1) {
			fprintf(stderr, "bad hex or too long: %s\n", hex);
			abort();
		}
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

/* Copy n bytes into an exact-size heap block, so ASan sees any overread. */
static inline uint8_t *
dup_exact(const uint8_t *p, size_t n)
{
	uint8_t *q = calloc(n ? n : 1, 1);

	if (q == NULL)
		abort();
	if (n)
		memcpy(q, p, n);
	return q;
}

/* Path of a file under the source tree ($XR_SRCDIR, else "."). */
static inline void
src_path(char *buf, size_t size, const char *rel)
{
	const char *top = getenv("XR_SRCDIR");

	snprintf(buf, size, "%s/%s", top ? top : ".", rel);
}

/* Read a whole file into a malloc'd buffer; NULL if it cannot. */
static inline uint8_t *
file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	*len = 0;
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

#endif
