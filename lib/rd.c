/*
 * Bounded reader: the out-of-line part (the fixed-size readers are inline
 * in lib/rd.h). Pure; no allocation, no logging.
 */
#include <string.h>

#include "lib/rd.h"

bool
rd_copy(struct rd *r, void *dst, size_t n)
{
	if (r->left < n)
		return false;
	if (n)
		memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
	return true;
}
