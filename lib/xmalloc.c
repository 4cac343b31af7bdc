/*
 * Allocation wrappers that abort on failure. Owns nothing; knows nothing of the
 * rest of the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "lib/xmalloc.h"

static void
xmalloc_die(size_t n)
{
	fprintf(stderr, "crossroute: out of memory allocating %zu bytes\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		xmalloc_die(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > (size_t)-1 / size)
		xmalloc_die((size_t)-1);
	p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		xmalloc_die(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		xmalloc_die(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xmemdup(s, strlen(s) + 1);
}

void *
xmemdup(const void *p, size_t n)
{
	void *q = xmalloc(n);

	if (n)
		memcpy(q, p, n);
	return q;
}

#define XMALLOC_BIG_MIN (4u << 20)
#define XMALLOC_BIG_ALIGN (2u << 20)

void *
xcalloc_big(size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (size != 0 && n > (size_t)-1 / size)
		xmalloc_die((size_t)-1);
	bytes = n * size;
	if (bytes < XMALLOC_BIG_MIN ||
	    posix_memalign(&p, XMALLOC_BIG_ALIGN, bytes) != 0)
		return xcalloc(n, size);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, bytes, MADV_HUGEPAGE);	/* a hint: may fail */
#endif
	memset(p, 0, bytes);
	return p;
}
