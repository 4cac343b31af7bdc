/*
 * Writer implementation. Writes that do not fit set the sticky error flag and
 * write nothing; no allocation, no logging.
 */
#include <string.h>

#include "lib/wr.h"

void
wr_init(struct wr *w, void *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->err = false;
}

static bool
wr_room(struct wr *w, size_t n)
{
	if (w->err || w->cap - w->len < n) {
		w->err = true;
		return false;
	}
	return true;
}

void
wr_u8(struct wr *w, uint8_t v)
{
	if (wr_room(w, 1))
		w->buf[w->len++] = v;
}

void
wr_u16(struct wr *w, uint16_t v)
{
	if (!wr_room(w, 2))
		return;
	w->buf[w->len++] = (uint8_t)(v >> 8);
	w->buf[w->len++] = (uint8_t)v;
}

void
wr_u32(struct wr *w, uint32_t v)
{
	if (!wr_room(w, 4))
		return;
	w->buf[w->len++] = (uint8_t)(v >> 24);
	w->buf[w->len++] = (uint8_t)(v >> 16);
	w->buf[w->len++] = (uint8_t)(v >> 8);
	w->buf[w->len++] = (uint8_t)v;
}

void
wr_bytes(struct wr *w, const void *p, size_t n)
{
	if (!wr_room(w, n))
		return;
	if (n)
		memcpy(w->buf + w->len, p, n);
	w->len += n;
}

size_t
wr_mark(const struct wr *w)
{
	return w->len;
}

void
wr_patch_u8(struct wr *w, size_t at, uint8_t v)
{
	if (w->err || at + 1 > w->len) {
		w->err = true;
		return;
	}
	w->buf[at] = v;
}

void
wr_patch_u16(struct wr *w, size_t at, uint16_t v)
{
	if (w->err || at + 2 > w->len) {
		w->err = true;
		return;
	}
	w->buf[at] = (uint8_t)(v >> 8);
	w->buf[at + 1] = (uint8_t)v;
}

void
wr_fail(struct wr *w)
{
	w->err = true;
}
