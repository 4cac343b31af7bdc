/*
 * Bounded reader over untrusted bytes (STYLE.md section 3). Every read checks
 * the remaining length and returns false on short data without moving; no read
 * ever passes the end. Length fields become sub-readers with rd_sub(), so one
 * attribute cannot read into its neighbour. The only place in the tree that does
 * pointer arithmetic on wire bytes.
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

/* Start a reader over n bytes at p (borrowed; must outlive the reader). */
void rd_init(struct rd *r, const void *p, size_t n);
/* Read one byte. */
bool rd_u8(struct rd *r, uint8_t *v);
/* Read a network-order 16-bit value. */
bool rd_u16(struct rd *r, uint16_t *v);
/* Read a network-order 32-bit value. */
bool rd_u32(struct rd *r, uint32_t *v);
/* Copy n bytes into dst. */
bool rd_copy(struct rd *r, void *dst, size_t n);
/* Skip n bytes. */
bool rd_skip(struct rd *r, size_t n);
/* Carve the next n bytes into sub and advance past them. */
bool rd_sub(struct rd *r, size_t n, struct rd *sub);
/* Borrow a pointer to the next n bytes and advance past them. */
bool rd_ptr(struct rd *r, size_t n, const uint8_t **p);
/* Peek at the next byte without consuming it. */
bool rd_peek_u8(const struct rd *r, uint8_t *v);

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
