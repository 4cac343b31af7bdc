/*
 * Policy actions (SPEC 3.3): AS-path replace / remove / prepend, community
 * add / remove / replace, MED arithmetic, LOCAL_PREF and NEXT_HOP. Works on
 * the normalised encodings of lib/attr.h; AS paths are edited through
 * lib/aspath.h. remove-as-path-asn removes the ASN from every segment type
 * (sequences, sets and confederation segments) and drops emptied segments;
 * replace-as-path yields plain AS_SEQUENCE segments (Cloud WAN semantics are
 * (U), SPEC 3.3).
 */
#include <assert.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/community.h"
#include "policy/action.h"
#include "policy/cloud.h"
#include "policy/ctext.h"

uint32_t
action_med(enum pol_med_op op, uint32_t cur, uint32_t n)
{
	switch (op) {
	case POL_MED_ADD:
		return cur > UINT32_MAX - n ? UINT32_MAX : cur + n;
	case POL_MED_SUB:
		return cur < n ? 0 : cur - n;
	default:
		return n;
	}
}

struct bytes
action_comm_add(struct attr_builder *b, struct bytes view, size_t w,
    const uint8_t *vals, size_t n)
{
	uint8_t *p = attr_builder_alloc(b, view.len + n * w);
	struct bytes r = { p, view.len };
	size_t i;

	if (view.len)
		memcpy(p, view.p, view.len);
	for (i = 0; i < n; i++) {
		if (community_view_has(r, vals + i * w, w))
			continue;
		memcpy(p + r.len, vals + i * w, w);
		r.len += w;
	}
	return r;
}

struct bytes
action_comm_filter(struct attr_builder *b, struct bytes view, size_t w,
    bool (*drop)(const void *ctx, const uint8_t *v), const void *ctx)
{
	uint8_t *p;
	size_t off, len = 0;

	if (view.len == 0)
		return view;
	p = attr_builder_alloc(b, view.len);
	for (off = 0; off + w <= view.len; off += w) {
		if (drop(ctx, view.p + off))
			continue;
		memcpy(p + len, view.p + off, w);
		len += w;
	}
	return (struct bytes){ p, len };
}

static bool
in_list(const uint32_t *v, size_t n, uint32_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

struct bytes
action_aspath_remove(struct attr_builder *b, struct bytes path,
    const uint32_t *asns, size_t n)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	uint8_t *p = attr_builder_alloc(b, path.len ? path.len : 1);
	size_t len = 0, hdr;
	unsigned i;
	uint32_t as;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		hdr = len;
		len += 2;
		for (i = 0; i < seg.count; i++) {
			as = aspath_seg_as(&seg, i);
			if (in_list(asns, n, as))
				continue;
			ctext_put32(p + len, as);
			len += 4;
		}
		if (len == hdr + 2) {
			len = hdr;
			continue;
		}
		p[hdr] = seg.type;
		p[hdr + 1] = (uint8_t)((len - hdr - 2) / 4);
	}
	return (struct bytes){ p, len };
}

struct bytes
action_aspath_make(struct attr_builder *b, const uint32_t *asns, size_t n)
{
	size_t nseg = (n + 254) / 255, i, len = 0, cnt;
	uint8_t *p;

	if (n == 0)
		return (struct bytes){ NULL, 0 };
	p = attr_builder_alloc(b, nseg * 2 + n * 4);
	for (i = 0; i < n; i += cnt) {
		cnt = n - i > 255 ? 255 : n - i;
		p[len++] = ASPATH_SEQUENCE;
		p[len++] = (uint8_t)cnt;
		for (size_t j = 0; j < cnt; j++, len += 4)
			ctext_put32(p + len, asns[i + j]);
	}
	return (struct bytes){ p, len };
}

/*
 * Kept for policy/cloud.c (not this stream's file): the one implementation,
 * fast path included, is aspath_prepend() in lib/aspath.c.
 */
struct bytes
action_aspath_prepend(struct attr_builder *b, struct bytes path, uint32_t as,
    unsigned n)
{
	return aspath_prepend(b, path, as, n);
}

static bool
drop_in_set(const void *ctx, const uint8_t *v)
{
	return cset_has(ctx, v);
}

static struct bytes
comm_edit(struct attr_builder *b, struct bytes view, enum pol_comm_op op,
    const struct cset *s)
{
	size_t w = ctext_width(cset_kind(s));

	switch (op) {
	case POL_COMM_ADD:
		return action_comm_add(b, view, w, cset_values(s),
		    cset_count(s));
	case POL_COMM_REMOVE:
		return action_comm_filter(b, view, w, drop_in_set, s);
	default:
		return action_comm_add(b, (struct bytes){ NULL, 0 }, w,
		    cset_values(s), cset_count(s));
	}
}

static void
action_aspath(const struct pol_actions *a, const struct route *in,
    struct attr_builder *out)
{
	if (a->flags & POL_A_REPLACE_PATH)
		out->aspath = action_aspath_make(out, a->path, a->npath);
	if (a->flags & POL_A_REMOVE_ASN)
		out->aspath = action_aspath_remove(out, out->aspath, a->asns,
		    a->nasns);
	if (a->flags & POL_A_PREPEND)
		out->aspath = aspath_prepend(out, out->aspath,
		    a->prepend_as ? a->prepend_as : in->own_as, a->prepend_n);
	out->a.flags |= ATTRS_HAS_ASPATH;
}

static void
action_nexthop(const struct pol_actions *a, const struct route *in,
    struct attr_builder *out)
{
	out->a.flags |= ATTRS_HAS_NEXTHOP;
	out->a.flags &= ~(uint32_t)ATTRS_HAS_NEXTHOP_LL;
	if (a->nh_mode == POL_NH_ADDR) {
		out->a.nexthop = a->nh;
		return;
	}
	out->a.nexthop = in->self_nh;
	if (in->self_nh_ll.afi) {
		out->a.nexthop_ll = in->self_nh_ll;
		out->a.flags |= ATTRS_HAS_NEXTHOP_LL;
	}
}

/*
 * set-intent (export only): the destination side's mechanism
 * (cloud_intent_apply()); towards a plain neighbour only the prepend.
 */
static void
action_intent(const struct pol_actions *a, const struct route *in,
    struct attr_builder *out)
{
	enum cloud_method m = a->intent_by_prepend ||
	    in->dest_side == POL_SIDE_NONE ? CLOUD_BY_PREPEND : CLOUD_BY_ATTR;

	if (in->dir != POL_EXPORT)
		return;
	cloud_intent_apply((enum cloud_intent)a->intent,
	    in->dest_side == POL_SIDE_DX ? CLOUD_SIDE_DX : CLOUD_SIDE_GOOGLE,
	    m, in->own_as, CLOUD_BASE_PRIORITY, out);
}

void
action_apply(const struct pol_actions *a, const struct route *in,
    struct attr_builder *out)
{
	uint32_t med;

	if (a->flags & (POL_A_REPLACE_PATH | POL_A_REMOVE_ASN | POL_A_PREPEND))
		action_aspath(a, in, out);
	if (a->flags & POL_A_COMM)
		out->comms = comm_edit(out, out->comms, a->comm_op, a->comm);
	if (a->flags & POL_A_LCOMM)
		out->lcomms = comm_edit(out, out->lcomms, a->lcomm_op,
		    a->lcomm);
	if (a->flags & POL_A_ECOMM)
		out->ecomms = comm_edit(out, out->ecomms, a->ecomm_op,
		    a->ecomm);
	if (a->flags & POL_A_MED) {
		med = (out->a.flags & ATTRS_HAS_MED) ? out->a.med : 0;
		out->a.med = action_med(a->med_op, med, a->med);
		out->a.flags |= ATTRS_HAS_MED;
	}
	/* SPEC 3.3: LOCAL_PREF is never sent to an external peer. */
	if ((a->flags & POL_A_LOCAL_PREF) &&
	    !(in->dir == POL_EXPORT && in->peer_type == POL_PEER_EBGP)) {
		out->a.local_pref = a->local_pref;
		out->a.flags |= ATTRS_HAS_LOCAL_PREF;
	}
	if (a->flags & POL_A_NEXTHOP)
		action_nexthop(a, in, out);
	if (a->flags & POL_A_INTENT)
		action_intent(a, in, out);
	assert(a->result <= POL_NEXT);
}
