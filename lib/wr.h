/*
 * Fixed-capacity writer with a sticky error flag (STYLE.md section 3): build a
 * whole message, check wr_ok() once at the end. Length fields are reserved
 * with wr_mark() and patched with wr_patch_u8/u16() once the body is written.
 */
#ifndef XR_WR_H
#define XR_WR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct wr {
	uint8_t *buf;	/* borrowed output buffer */
	size_t cap;	/* its capacity */
	size_t len;	/* bytes written so far */
	bool err;	/* set once any write did not fit; sticky */
};

/* Start a writer over cap bytes at buf (borrowed). */
void wr_init(struct wr *w, void *buf, size_t cap);
void wr_u8(struct wr *w, uint8_t v);
/* Write v in network order. */
void wr_u16(struct wr *w, uint16_t v);
/* Write v in network order. */
void wr_u32(struct wr *w, uint32_t v);
void wr_bytes(struct wr *w, const void *p, size_t n);
/* Return the current offset, to patch a length field there later. */
size_t wr_mark(const struct wr *w);
/* Overwrite one byte / a network-order u16 at an earlier offset. */
void wr_patch_u8(struct wr *w, size_t at, uint8_t v);
void wr_patch_u16(struct wr *w, size_t at, uint16_t v);
/* Mark the writer failed (e.g. a length does not fit its field). */
void wr_fail(struct wr *w);

static inline bool
wr_ok(const struct wr *w)
{
	return !w->err;
}

static inline size_t
wr_len(const struct wr *w)
{
	return w->len;
}

#endif
