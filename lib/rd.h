/*
 * Bounded reader over untrusted bytes (STYLE.md section 3). Every read checks
 * the remaining length and returns false on short data without moving; no read
 * ever passes the end. Length fields become sub-readers with rd_sub(), so one
 * attribute cannot read into its neighbour. This header and lib/rd.c are the
 * only places in the tree that do pointer arithmetic on wire bytes.
 */
#ifndef XR_RD_H
#define XR_RD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rd {
	const uint8_t *p;	/* next unread byte */
	size_t left;		/* bytes left */
};

/*
 * The readers are inline: every decoded attribute, prefix and AS path goes
 * through them several times per UPDATE, and a call per byte showed in the
 * convergence profile (rd_u8 among the top decode symbols).
 */

/* Start a reader over n bytes at p (borrowed; must outlive the reader). */
static inline void
rd_init(struct rd *r, const void *p, size_t n)
{
	r->p = p;
	r->left = n;
}

/* Read one byte. */
static inline bool
rd_u8(struct rd *r, uint8_t *v)
{
	if (r->left < 1)
		return false;
	*v = r->p[0];
	r->p++;
	r->left--;
	return true;
}

/* Read a network-order 16-bit value. */
static inline bool
rd_u16(struct rd *r, uint16_t *v)
{
	if (r->left < 2)
		return false;
	*v = (uint16_t)((r->p[0] << 8) | r->p[1]);
	r->p += 2;
	r->left -= 2;
	return true;
}

/* Read a network-order 32-bit value. */
static inline bool
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

/* Copy n bytes into dst. */
bool rd_copy(struct rd *r, void *dst, size_t n);

/* Skip n bytes. */
static inline bool
rd_skip(struct rd *r, size_t n)
{
	if (r->left < n)
		return false;
	r->p += n;
	r->left -= n;
	return true;
}

/* Carve the next n bytes into sub and advance past them (sub is empty
 * when they are not there). */
static inline bool
rd_sub(struct rd *r, size_t n, struct rd *sub)
{
	sub->p = r->p;
	sub->left = 0;
	if (!rd_skip(r, n))
		return false;
	sub->left = n;
	return true;
}

/* Borrow a pointer to the next n bytes and advance past them. */
static inline bool
rd_ptr(struct rd *r, size_t n, const uint8_t **p)
{
	const uint8_t *at = r->p;

	if (!rd_skip(r, n))
		return false;
	*p = at;
	return true;
}

/* Peek at the next byte without consuming it. */
static inline bool
rd_peek_u8(const struct rd *r, uint8_t *v)
{
	if (r->left < 1)
		return false;
	*v = r->p[0];
	return true;
}

static inline size_t
rd_left(const struct rd *r)
{
	return r->left;
}

static inline bool
rd_is_empty(const struct rd *r)
{
	return r->left == 0;
}

#endif
