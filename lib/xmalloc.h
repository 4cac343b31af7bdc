/*
 * Allocation wrappers. Out of memory is fatal in crossroute: these log one line
 * and abort, so call sites carry no NULL checks (STYLE.md 6.5).
 */
#ifndef XR_XMALLOC_H
#define XR_XMALLOC_H

#include <stddef.h>

/* Return n bytes of uninitialised memory owned by the caller; abort on failure. */
void *xmalloc(size_t n);
/* Return n * size zeroed bytes owned by the caller; abort on overflow or failure. */
void *xcalloc(size_t n, size_t size);
/* Resize p (owned, may be NULL) to n bytes; abort on failure. */
void *xrealloc(void *p, size_t n);
/*
 * Like xcalloc(), for big arrays probed at random (hash tables): from 4 MiB
 * on, aligned to 2 MiB and advised for transparent huge pages (Linux), so
 * probes do not miss the TLB on nearly every access. Free with free().
 */
void *xcalloc_big(size_t n, size_t size);
/* Return an owned copy of the NUL-terminated string s. */
char *xstrdup(const char *s);
/* Return an owned copy of n bytes at p. */
void *xmemdup(const void *p, size_t n);

#endif
