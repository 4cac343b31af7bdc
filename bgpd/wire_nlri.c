/*
 * NLRI prefix lists (bgpd/wire_nlri.h): decode through the bounded reader,
 * encode through the writer, reusable arrays bounded by WIRE_NLRI_MAX. RFC
 * 4271 4.3, RFC 4760 5, RFC 7911 3. Knows nothing about attributes.
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/wire_nlri.h"
#include "lib/rd.h"
#include "lib/wr.h"
#include "lib/xmalloc.h"

#define WIRE_NLRI_MIN_CAP 64

void
wire_nlri_list_init(struct wire_nlri_list *l)
{
	memset(l, 0, sizeof(*l));
}

void
wire_nlri_list_fini(struct wire_nlri_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Make room for one more entry; false at WIRE_NLRI_MAX. */
static bool
wire_nlri_list_room(struct wire_nlri_list *l)
{
	size_t cap;

	if (l->n < l->cap)
		return true;
	if (l->cap >= WIRE_NLRI_MAX)
		return false;
	cap = l->cap ? l->cap * 2 : WIRE_NLRI_MIN_CAP;
	if (cap > WIRE_NLRI_MAX)
		cap = WIRE_NLRI_MAX;
	l->v = xrealloc(l->v, cap * sizeof(*l->v));
	l->cap = cap;
	return true;
}

bool
wire_nlri_list_add(struct wire_nlri_list *l, const struct prefix *p,
    uint32_t path_id)
{
	if (!wire_nlri_list_room(l))
		return false;
	l->v[l->n].pfx = *p;
	l->v[l->n].path_id = path_id;
	l->n++;
	return true;
}

enum wire_nlri_res
wire_nlri_decode(struct rd *r, uint8_t afi, bool addpath,
    struct wire_nlri_list *out, size_t *masked, size_t *where)
{
	size_t total = rd_left(r), maxlen = prefix_maxlen(afi);
	const uint8_t *bytes;
	struct wire_nlri *n;
	uint32_t id = 0;
	uint8_t len;

	while (!rd_is_empty(r)) {
		*where = total - rd_left(r);
		if (addpath && !rd_u32(r, &id))
			return WIRE_NLRI_OVERRUN;
		if (!rd_u8(r, &len))
			return WIRE_NLRI_OVERRUN;
		if (len > maxlen)
			return WIRE_NLRI_BAD_LEN;
		if (!rd_ptr(r, (len + 7u) / 8u, &bytes))
			return WIRE_NLRI_OVERRUN;
		if (!wire_nlri_list_room(out))
			return WIRE_NLRI_TOO_MANY;
		n = &out->v[out->n++];
		n->path_id = id;
		if (prefix_from_bytes(&n->pfx, afi, len, bytes))
			(*masked)++;
	}
	return WIRE_NLRI_OK;
}

size_t
wire_nlri_size(const struct prefix *p, bool addpath)
{
	return (addpath ? 5u : 1u) + (p->len + 7u) / 8u;
}

void
wire_nlri_encode(struct wr *w, const struct wire_nlri *n, bool addpath)
{
	if (addpath)
		wr_u32(w, n->path_id);
	wr_u8(w, n->pfx.len);
	wr_bytes(w, n->pfx.a, (n->pfx.len + 7u) / 8u);
}
