/*
 * Bounded reader implementation: the one file allowed to advance pointers over
 * wire bytes. Pure; no allocation, no logging.
 */
#include <string.h>

#include "lib/rd.h"

void
rd_init(struct rd *r, const void *p, size_t n)
{
	r->p = p;
	r->left = n;
}

bool
rd_u8(struct rd *r, uint8_t *v)
{
	if (r->left < 1)
		return false;
	*v = r->p[0];
	r->p++;
	r->left--;
	return true;
}

bool
rd_u16(struct rd *r, uint16_t *v)
{
	if (r->left < 2)
		return false;
	*v = (uint16_t)((r->p[0] << 8) | r->p[1]);
	r->p += 2;
	r->left -= 2;
	return true;
}

bool
rd_u32(struct rd *r, uint32_t *v)
{
	if (r->left < 4)
		return false;
	*v = ((uint32_t)r->p[0] << 24) | ((uint32_t)r->p[1] << 16) |
	    ((uint32_t)r->p[2] << 8) | r->p[3];
	r->p += 4;
	r->left -= 4;
	return true;
}

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

bool
rd_skip(struct rd *r, size_t n)
{
	if (r->left < n)
		return false;
	r->p += n;
	r->left -= n;
	return true;
}

bool
rd_sub(struct rd *r, size_t n, struct rd *sub)
{
	if (r->left < n)
		return false;
	sub->p = r->p;
	sub->left = n;
	r->p += n;
	r->left -= n;
	return true;
}

bool
rd_ptr(struct rd *r, size_t n, const uint8_t **p)
{
	if (r->left < n)
		return false;
	*p = r->p;
	r->p += n;
	r->left -= n;
	return true;
}

bool
rd_peek_u8(const struct rd *r, uint8_t *v)
{
	if (r->left < 1)
		return false;
	*v = r->p[0];
	return true;
}
