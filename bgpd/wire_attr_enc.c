/*
 * Path attribute encoder (bgpd/wire_attr.h): an attribute builder to the
 * Path Attributes field, in type order with canonical flags (well-known
 * 0x40, optional non-transitive 0x80, optional transitive 0xc0 plus the
 * Partial bit when it was received (RFC 4271 5), Extended Length only above
 * 255 bytes, RFC 4271 4.3), unknown transitive attributes
 * interleaved by type with their stored flags. Towards a 2-octet (OLD)
 * speaker AS_PATH and AGGREGATOR carry AS_TRANS and AS4_PATH /
 * AS4_AGGREGATOR the real values (RFC 6793 4.2.2). MP_REACH_NLRI and
 * MP_UNREACH_NLRI are written by bgpd/wire_update.c.
 */
#include <string.h>

#include "bgpd/wire_attr.h"
#include "lib/aspath.h"
#include "lib/attr.h"
#include "lib/rd.h"
#include "lib/wr.h"

#define WK	ATTR_FLAG_TRANSITIVE
#define ONT	ATTR_FLAG_OPTIONAL
#define OT	(ATTR_FLAG_OPTIONAL | ATTR_FLAG_TRANSITIVE)

/* Optional transitive flags, with Partial when it was received set. */
static uint8_t
ot_flags(const struct attr_vals *a, uint32_t partial)
{
	return (a->flags & partial) ? OT | ATTR_FLAG_PARTIAL : OT;
}

/* Attribute header; fails the writer when len does not fit 16 bits. */
static void
attr_hdr(struct wr *w, uint8_t flags, uint8_t type, size_t len)
{
	if (len > 0xffff) {
		wr_fail(w);
		return;
	}
	if (len > 255) {
		wr_u8(w, flags | ATTR_FLAG_EXTLEN);
		wr_u8(w, type);
		wr_u16(w, (uint16_t)len);
	} else {
		wr_u8(w, flags & (uint8_t)~ATTR_FLAG_EXTLEN);
		wr_u8(w, type);
		wr_u8(w, (uint8_t)len);
	}
}

void
wire_attr_put(struct wr *w, uint8_t flags, uint8_t type, const uint8_t *val,
    size_t len)
{
	attr_hdr(w, flags, type, len);
	if (len)
		wr_bytes(w, val, len);
}

static void
attr_put_u32(struct wr *w, uint8_t flags, uint8_t type, uint32_t v)
{
	attr_hdr(w, flags, type, 4);
	wr_u32(w, v);
}

/* True if any ASN of path needs 4 octets. */
static bool
aspath_is_wide(struct bytes path)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	unsigned i;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg))
		for (i = 0; i < seg.count; i++)
			if (aspath_seg_as(&seg, i) > 0xffff)
				return true;
	return false;
}

/* AS_PATH with 2-octet ASNs, AS_TRANS for the wide ones (RFC 6793 4.2.2). */
static void
enc_aspath2(struct wr *w, struct bytes path)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	size_t len = 0;
	uint32_t as;
	unsigned i;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg))
		len += 2 + (size_t)seg.count * 2;
	attr_hdr(w, WK, ATTR_AS_PATH, len);
	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		wr_u8(w, seg.type);
		wr_u8(w, seg.count);
		for (i = 0; i < seg.count; i++) {
			as = aspath_seg_as(&seg, i);
			wr_u16(w, (uint16_t)(as > 0xffff ? AS_TRANS : as));
		}
	}
}

/* AS4_PATH: the path without confederation segments (RFC 6793 4.2.2). */
static void
enc_as4path(struct wr *w, struct bytes path)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	size_t len = 0;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			attr_hdr(w, OT, ATTR_AS4_PATH, len);
		aspath_iter_init(&it, path);
		while (aspath_iter_next(&it, &seg)) {
			if (seg.type == ASPATH_CONFED_SEQUENCE ||
			    seg.type == ASPATH_CONFED_SET)
				continue;
			if (pass == 0) {
				len += 2 + (size_t)seg.count * 4;
				continue;
			}
			wr_u8(w, seg.type);
			wr_u8(w, seg.count);
			wr_bytes(w, seg.asns, (size_t)seg.count * 4);
		}
	}
}

static void
enc_aggregator(struct wr *w, const struct attr_vals *a, bool as4)
{
	uint8_t f = ot_flags(a, ATTRS_PARTIAL_AGGREGATOR);

	if (as4) {
		attr_hdr(w, f, ATTR_AGGREGATOR, 8);
		wr_u32(w, a->aggr_as);
	} else {
		attr_hdr(w, f, ATTR_AGGREGATOR, 6);
		wr_u16(w, (uint16_t)(a->aggr_as > 0xffff ? AS_TRANS :
		    a->aggr_as));
	}
	wr_u32(w, a->aggr_id);
}

/* Write stored unknown attributes from *r while their type is below t. */
static void
enc_unknown_below(struct wr *w, struct rd *r, unsigned t)
{
	uint8_t flags, type;
	uint16_t len;
	const uint8_t *val;
	struct rd peek;

	for (;;) {
		peek = *r;
		if (!rd_u8(&peek, &flags) || !rd_u8(&peek, &type) ||
		    type >= t || !rd_u16(&peek, &len) ||
		    !rd_ptr(&peek, len, &val))
			return;
		wire_attr_put(w, flags, type, val, len);
		*r = peek;
	}
}

/* The known attribute of type t, if b has it. */
static void
enc_one(struct wr *w, const struct attr_builder *b, uint8_t t,
    const struct wire_caps *caps, bool with_nexthop)
{
	const struct attr_vals *a = &b->a;
	uint32_t f = a->flags;

	switch (t) {
	case ATTR_ORIGIN:
		if (f & ATTRS_HAS_ORIGIN) {
			attr_hdr(w, WK, ATTR_ORIGIN, 1);
			wr_u8(w, a->origin);
		}
		break;
	case ATTR_AS_PATH:
		if (!(f & ATTRS_HAS_ASPATH))
			break;
		if (caps->as4)
			wire_attr_put(w, WK, t, b->aspath.p, b->aspath.len);
		else
			enc_aspath2(w, b->aspath);
		break;
	case ATTR_NEXT_HOP:
		if (with_nexthop && (f & ATTRS_HAS_NEXTHOP) &&
		    a->nexthop.afi == AFI_IPV4)
			wire_attr_put(w, WK, t, a->nexthop.a, 4);
		break;
	case ATTR_MED:
		if (f & ATTRS_HAS_MED)
			attr_put_u32(w, ONT, t, a->med);
		break;
	case ATTR_LOCAL_PREF:
		if (f & ATTRS_HAS_LOCAL_PREF)
			attr_put_u32(w, WK, t, a->local_pref);
		break;
	case ATTR_ATOMIC_AGGREGATE:
		if (f & ATTRS_HAS_ATOMIC_AGG)
			attr_hdr(w, WK, t, 0);
		break;
	case ATTR_AGGREGATOR:
		if (f & ATTRS_HAS_AGGREGATOR)
			enc_aggregator(w, a, caps->as4);
		break;
	case ATTR_COMMUNITIES:
		if (b->comms.len)
			wire_attr_put(w, ot_flags(a, ATTRS_PARTIAL_COMMS), t,
			    b->comms.p, b->comms.len);
		break;
	case ATTR_ORIGINATOR_ID:
		if (f & ATTRS_HAS_ORIGINATOR)
			attr_put_u32(w, ONT, t, a->originator_id);
		break;
	case ATTR_CLUSTER_LIST:
		if (b->clusters.len)
			wire_attr_put(w, ONT, t, b->clusters.p,
			    b->clusters.len);
		break;
	case ATTR_EXT_COMMUNITIES:
		if (b->ecomms.len)
			wire_attr_put(w, ot_flags(a, ATTRS_PARTIAL_ECOMMS), t,
			    b->ecomms.p, b->ecomms.len);
		break;
	case ATTR_AS4_PATH:
		if (!caps->as4 && (f & ATTRS_HAS_ASPATH) &&
		    aspath_is_wide(b->aspath))
			enc_as4path(w, b->aspath);
		break;
	case ATTR_AS4_AGGREGATOR:
		if (!caps->as4 && (f & ATTRS_HAS_AGGREGATOR) &&
		    a->aggr_as > 0xffff) {
			attr_hdr(w, OT, t, 8);
			wr_u32(w, a->aggr_as);
			wr_u32(w, a->aggr_id);
		}
		break;
	case ATTR_LARGE_COMMUNITY:
		if (b->lcomms.len)
			wire_attr_put(w, ot_flags(a, ATTRS_PARTIAL_LCOMMS), t,
			    b->lcomms.p, b->lcomms.len);
		break;
	case ATTR_OTC:
		if (f & ATTRS_HAS_OTC)
			attr_put_u32(w, ot_flags(a, ATTRS_PARTIAL_OTC), t,
			    a->otc);
		break;
	default:
		break;
	}
}

void
wire_attrs_encode(struct wr *w, const struct attr_builder *b,
    const struct wire_caps *caps, bool with_nexthop)
{
	static const uint8_t order[] = {
		ATTR_ORIGIN, ATTR_AS_PATH, ATTR_NEXT_HOP, ATTR_MED,
		ATTR_LOCAL_PREF, ATTR_ATOMIC_AGGREGATE, ATTR_AGGREGATOR,
		ATTR_COMMUNITIES, ATTR_ORIGINATOR_ID, ATTR_CLUSTER_LIST,
		ATTR_EXT_COMMUNITIES, ATTR_AS4_PATH, ATTR_AS4_AGGREGATOR,
		ATTR_LARGE_COMMUNITY, ATTR_OTC,
	};
	struct rd unk;
	size_t i;

	rd_init(&unk, b->unknown.p, b->unknown.len);
	for (i = 0; i < sizeof(order); i++) {
		enc_unknown_below(w, &unk, order[i]);
		enc_one(w, b, order[i], caps, with_nexthop);
	}
	enc_unknown_below(w, &unk, 256);
}
