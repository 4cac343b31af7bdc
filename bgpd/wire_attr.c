/*
 * Path attribute decoder (bgpd/wire_attr.h): walks the Path Attributes
 * field through the bounded reader, applies the RFC 7606 table of
 * bgpd/wire_7606.c to every attribute (flags, length, duplicates, eBGP
 * discards, unknown attributes per RFC 4271 5 / 6.3), decodes the values
 * into the attribute builder of a struct wire_update, and merges AS4_PATH /
 * AS4_AGGREGATOR for 2-octet sessions (RFC 6793 4.2.3). Fixed-size values
 * are copied; variable parts stay views into the message, except where they
 * must be rewritten (2-octet AS_PATH, unknown attributes), which go to the
 * builder's storage, sized from the attribute block (bounded by the message).
 * The encoder is bgpd/wire_attr_enc.c.
 */
#include <string.h>

#include "bgpd/wire_7606.h"
#include "bgpd/wire_attr.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/rd.h"
#include "lib/wr.h"

/* Decoding state of one attribute block. */
struct dec {
	const struct wire_caps *caps;
	const struct wire_attrs_opts *opts;
	struct wire_update *u;
	struct wire_err *err;
	enum wire_verdict v;
	size_t blk_len;
	struct bytes as4path;		/* AS4_PATH, confed segments removed */
	bool has_as4path;
	bool has_as4aggr;
	uint32_t as4aggr_as, as4aggr_id;
	struct wr unk;			/* unknown attributes being collected */
};

/* One attribute being decoded. */
struct one {
	uint8_t flags, type;
	size_t off;			/* of the attribute header in the message */
	struct rd val;			/* its value */
	struct bytes raw;		/* header and value */
	const struct wire_7606_row *row;
};

static const struct wire_attrs_opts no_opts;

/* Record an error of severity v; the first of the most severe wins. */
static void
dec_note(struct dec *d, enum wire_verdict v, uint8_t subcode,
    const struct one *a, const char *reason)
{
	if (v == WIRE_ATTR_DISCARD)
		d->u->discarded++;
	if (v <= d->v)
		return;
	wire_err_set(d->err, WIRE_ERR_UPDATE, subcode, a ? a->off : 0, reason);
	d->err->attr_type = a ? a->type : 0;
	d->v = v;
}

/* Record the failure of the MP attribute a of afi/safi. */
static void
dec_note_afi(struct dec *d, enum wire_verdict v, uint16_t afi, uint8_t safi,
    uint8_t subcode, const struct one *a, const char *reason)
{
	if (v == WIRE_AFI_DISABLE && d->v < WIRE_AFI_DISABLE) {
		d->u->disable_afi = afi;
		d->u->disable_safi = safi;
	}
	dec_note(d, v, subcode, a, reason);
}

/* RESET with the attribute as NOTIFICATION data (RFC 4271 6.3). */
static void
dec_reset_with_attr(struct dec *d, uint8_t subcode, const struct one *a,
    const char *reason)
{
	size_t n = a->raw.len < WIRE_ERR_DATA_MAX ? a->raw.len :
	    WIRE_ERR_DATA_MAX;

	dec_note(d, WIRE_RESET, subcode, a, reason);
	if (d->err->attr_type == a->type && d->err->reason == reason) {
		memcpy(d->err->data, a->raw.p, n);
		d->err->data_len = (uint16_t)n;
	}
}

/*
 * Validate AS_PATH segments of asn_len-octet ASNs in r (RFC 7606 7.2:
 * unknown type, zero count, overrun or underrun are malformed); count
 * segments and ASNs.
 */
static bool
aspath_wire_ok(struct rd r, size_t asn_len, size_t *nseg, size_t *nasn)
{
	uint8_t type, count;

	*nseg = *nasn = 0;
	while (!rd_is_empty(&r)) {
		if (!rd_u8(&r, &type) || !rd_u8(&r, &count))
			return false;
		if (type < ASPATH_SET || type > ASPATH_CONFED_SET ||
		    count == 0 || !rd_skip(&r, count * asn_len))
			return false;
		(*nseg)++;
		*nasn += count;
	}
	return true;
}

/* Widen a valid 2-octet AS_PATH in r into builder storage. */
static struct bytes
aspath_widen(struct attr_builder *b, struct rd r, size_t nseg, size_t nasn)
{
	struct bytes out;
	struct wr w;
	uint8_t type, count, i;
	uint16_t as;
	uint8_t *p;

	out.len = nseg * 2 + nasn * 4;
	p = attr_builder_alloc(b, out.len);
	wr_init(&w, p, out.len);
	while (rd_u8(&r, &type) && rd_u8(&r, &count)) {
		wr_u8(&w, type);
		wr_u8(&w, count);
		for (i = 0; i < count && rd_u16(&r, &as); i++)
			wr_u32(&w, as);
	}
	out.p = p;
	return out;
}

/* Decode AS_PATH (2- or 4-octet per the session) into the builder. */
static bool
attr_aspath(struct dec *d, struct one *a)
{
	struct attr_builder *b = &d->u->attrs;
	size_t nseg, nasn, len = rd_left(&a->val);
	const uint8_t *p;

	if (!aspath_wire_ok(a->val, d->caps->as4 ? 4 : 2, &nseg, &nasn))
		return false;
	if (d->caps->as4) {
		rd_ptr(&a->val, len, &p);
		b->aspath.p = p;
		b->aspath.len = len;
	} else {
		b->aspath = aspath_widen(b, a->val, nseg, nasn);
	}
	b->a.flags |= ATTRS_HAS_ASPATH;
	return true;
}

/*
 * Checks of AS_PATH against an external peer when caps->peer_as is set
 * (a live session; MRT replays leave it 0): RFC 4271 6.3 / RFC 7606 7.2,
 * the leftmost AS is the peer's (AS_TRANS stands for a 4-octet peer on a
 * 2-octet session); RFC 5065 5, no confederation segments from outside
 * the confederation (which crossroute does not join).
 */
static void
aspath_check_neighbor(struct dec *d, const struct one *a)
{
	uint32_t want = d->caps->peer_as;
	struct aspath_iter it;
	struct aspath_seg seg;
	bool first = true, ok = false;

	if (d->caps->ibgp || want == 0)
		return;
	if (!d->caps->as4 && want > 0xffff)
		want = AS_TRANS;
	aspath_iter_init(&it, d->u->attrs.aspath);
	while (aspath_iter_next(&it, &seg)) {
		if (seg.type == ASPATH_CONFED_SEQUENCE ||
		    seg.type == ASPATH_CONFED_SET) {
			dec_note(d, WIRE_WITHDRAW, WIRE_UPD_AS_PATH, a,
			    "confederation segment from an external peer");
			return;
		}
		if (first)
			ok = seg.type == ASPATH_SEQUENCE &&
			    aspath_seg_as(&seg, 0) == want;
		first = false;
	}
	if (!ok)
		dec_note(d, WIRE_WITHDRAW, WIRE_UPD_AS_PATH, a,
		    "leftmost AS is not the peer AS");
}

/* AS4_PATH: 4-octet segments; confed segments are dropped (RFC 6793 6). */
static bool
attr_as4path(struct dec *d, struct one *a)
{
	size_t nseg, nasn, len = rd_left(&a->val);
	struct aspath_iter it;
	struct aspath_seg seg;
	struct bytes in;
	struct wr w;
	uint8_t *p;

	if (!aspath_wire_ok(a->val, 4, &nseg, &nasn))
		return false;
	rd_ptr(&a->val, len, &in.p);
	in.len = len;
	p = attr_builder_alloc(&d->u->attrs, len ? len : 1);
	wr_init(&w, p, len);
	aspath_iter_init(&it, in);
	while (aspath_iter_next(&it, &seg)) {
		if (seg.type == ASPATH_CONFED_SEQUENCE ||
		    seg.type == ASPATH_CONFED_SET)
			continue;
		wr_u8(&w, seg.type);
		wr_u8(&w, seg.count);
		wr_bytes(&w, seg.asns, (size_t)seg.count * 4);
	}
	d->as4path.p = p;
	d->as4path.len = wr_len(&w);
	d->has_as4path = true;
	return true;
}

static bool
attr_origin(struct dec *d, struct one *a)
{
	uint8_t o;

	if (!rd_u8(&a->val, &o) || o > ORIGIN_INCOMPLETE)
		return false;
	d->u->attrs.a.origin = o;
	d->u->attrs.a.flags |= ATTRS_HAS_ORIGIN;
	return true;
}

static bool
attr_u32(struct one *a, uint32_t *v)
{
	return rd_u32(&a->val, v);
}

static bool
attr_aggregator(struct dec *d, struct one *a)
{
	struct attr_vals *s = &d->u->attrs.a;
	uint16_t as2;

	if (d->caps->as4) {
		if (!rd_u32(&a->val, &s->aggr_as))
			return false;
	} else {
		if (!rd_u16(&a->val, &as2))
			return false;
		s->aggr_as = as2;
	}
	if (!rd_u32(&a->val, &s->aggr_id))
		return false;
	s->flags |= ATTRS_HAS_AGGREGATOR;
	return true;
}

/* A view of the whole value (length already checked by the table). */
static struct bytes
attr_view(struct one *a)
{
	struct bytes v = { NULL, rd_left(&a->val) };

	rd_ptr(&a->val, v.len, &v.p);
	return v;
}

/* Append a to the unknown list in the form of lib/attr.h. */
static void
attr_keep_unknown(struct dec *d, struct one *a, uint8_t flags)
{
	size_t cap;
	uint8_t *p;

	if (d->unk.buf == NULL) {
		/* A 3-byte wire header becomes 4 bytes: at most 4/3 growth. */
		cap = d->blk_len / 3 * 4 + 4;
		p = attr_builder_alloc(&d->u->attrs, cap);
		wr_init(&d->unk, p, cap);
	}
	wr_u8(&d->unk, flags & (uint8_t)~ATTR_FLAG_EXTLEN);
	wr_u8(&d->unk, a->type);
	wr_u16(&d->unk, (uint16_t)rd_left(&a->val));
	wr_bytes(&d->unk, a->val.p, rd_left(&a->val));
}

/* RFC 4271 5 and 6.3 for attributes without a table row. */
static void
attr_unknown(struct dec *d, struct one *a)
{
	if (!(a->flags & ATTR_FLAG_OPTIONAL)) {
		dec_reset_with_attr(d, WIRE_UPD_UNRECOGNIZED_WK, a,
		    "unrecognized well-known attribute");
		return;
	}
	if (!(a->flags & ATTR_FLAG_TRANSITIVE))
		return;		/* optional non-transitive: quietly ignored */
	attr_keep_unknown(d, a, a->flags | ATTR_FLAG_PARTIAL);
}

/* RFC 4271 5: remember Partial on recognised optional transitive ones. */
static void
attr_partial(struct dec *d, const struct one *a)
{
	static const struct {
		uint8_t type;
		uint32_t bit;
	} map[] = {
		{ ATTR_AGGREGATOR, ATTRS_PARTIAL_AGGREGATOR },
		{ ATTR_COMMUNITIES, ATTRS_PARTIAL_COMMS },
		{ ATTR_EXT_COMMUNITIES, ATTRS_PARTIAL_ECOMMS },
		{ ATTR_LARGE_COMMUNITY, ATTRS_PARTIAL_LCOMMS },
		{ ATTR_OTC, ATTRS_PARTIAL_OTC },
	};
	size_t i;

	if (!(a->flags & ATTR_FLAG_PARTIAL))
		return;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].type == a->type)
			d->u->attrs.a.flags |= map[i].bit;
}

/* Decode the value of a known, well-formed-so-far attribute. */
static bool
attr_value(struct dec *d, struct one *a)
{
	struct attr_vals *s = &d->u->attrs.a;
	struct attr_builder *b = &d->u->attrs;
	uint32_t v;

	switch (a->type) {
	case ATTR_ORIGIN:
		return attr_origin(d, a);
	case ATTR_AS_PATH:
		if (!attr_aspath(d, a))
			return false;
		aspath_check_neighbor(d, a);
		return true;
	case ATTR_NEXT_HOP:
		attr_u32(a, &v);
		addr_from_ipv4(&s->nexthop, v);
		s->flags |= ATTRS_HAS_NEXTHOP;
		return true;
	case ATTR_MED:
		attr_u32(a, &s->med);
		s->flags |= ATTRS_HAS_MED;
		return true;
	case ATTR_LOCAL_PREF:
		attr_u32(a, &s->local_pref);
		s->flags |= ATTRS_HAS_LOCAL_PREF;
		return true;
	case ATTR_ATOMIC_AGGREGATE:
		s->flags |= ATTRS_HAS_ATOMIC_AGG;
		return true;
	case ATTR_AGGREGATOR:
		return attr_aggregator(d, a);
	case ATTR_COMMUNITIES:
		b->comms = attr_view(a);
		return true;
	case ATTR_ORIGINATOR_ID:
		attr_u32(a, &s->originator_id);
		s->flags |= ATTRS_HAS_ORIGINATOR;
		return true;
	case ATTR_CLUSTER_LIST:
		b->clusters = attr_view(a);
		return true;
	case ATTR_EXT_COMMUNITIES:
		b->ecomms = attr_view(a);
		return true;
	case ATTR_AS4_PATH:
		return attr_as4path(d, a);
	case ATTR_AS4_AGGREGATOR:
		attr_u32(a, &d->as4aggr_as);
		attr_u32(a, &d->as4aggr_id);
		d->has_as4aggr = true;
		return true;
	case ATTR_LARGE_COMMUNITY:
		b->lcomms = attr_view(a);
		return true;
	case ATTR_OTC:
		attr_u32(a, &s->otc);
		s->flags |= ATTRS_HAS_OTC;
		return true;
	default:
		/* Known but kept opaque (IPv6 extended communities). */
		attr_keep_unknown(d, a, a->flags);
		return true;
	}
}

/* Whether the bit for type t is set in seen, then set it. */
static bool
seen_test_set(uint8_t *seen, uint8_t t)
{
	bool was = seen[t >> 3] & (1u << (t & 7));

	seen[t >> 3] |= (uint8_t)(1u << (t & 7));
	return was;
}

/* Peek AFI and SAFI at the start of an MP attribute value. */
static bool
mp_peek_af(const struct one *a, uint16_t *afi, uint8_t *safi)
{
	struct rd r = a->val;

	return rd_u16(&r, afi) && rd_u8(&r, safi);
}

/* Decode the next hop of an MP_REACH_NLRI (RFC 4760 3, RFC 2545 3, RFC 8950). */
static bool
mp_nexthop(struct rd *r, uint16_t afi, struct wire_mp *m)
{
	uint8_t len;

	if (!rd_u8(r, &len))
		return false;
	memset(&m->nh, 0, sizeof(m->nh));
	memset(&m->nh_ll, 0, sizeof(m->nh_ll));
	if (len == 4 && afi == AFI_IPV4) {
		m->nh.afi = AFI_IPV4;
		return rd_copy(r, m->nh.a, 4);
	}
	if (len != 16 && len != 32)
		return false;
	m->nh.afi = AFI_IPV6;
	if (!rd_copy(r, m->nh.a, 16))
		return false;
	if (len == 32) {
		m->nh_ll.afi = AFI_IPV6;
		return rd_copy(r, m->nh_ll.a, 16);
	}
	return true;
}

/* The NLRI of an MP attribute; a bad prefix disables the AFI/SAFI. */
static void
mp_nlri(struct dec *d, struct one *a, struct wire_mp *m, uint32_t af)
{
	size_t where = 0;
	enum wire_nlri_res res;

	res = wire_nlri_decode(&a->val, (uint8_t)m->afi,
	    (d->caps->addpath_rx & af) != 0, &m->nlri,
	    &d->u->host_bits_masked, &where);
	if (res == WIRE_NLRI_OK)
		return;
	dec_note_afi(d, WIRE_AFI_DISABLE, m->afi, m->safi, WIRE_UPD_OPTIONAL,
	    a, res == WIRE_NLRI_BAD_LEN ? "MP prefix length too long" :
	    "MP NLRI overrun");
	/* Nothing of a disabled family is handed on, not even a prefix. */
	m->present = false;
	m->nlri.n = 0;
}

/* MRT RIB entries carry an abbreviated MP_REACH_NLRI (RFC 6396 4.3.4). */
static bool
mp_reach_mrt(struct dec *d, struct one *a)
{
	struct wire_mp *m = &d->u->reach;
	uint8_t first;

	/*
	 * Writers that put a full attribute there start with AFI 0x00..;
	 * a lone 0x00 is too short for that and is the abbreviated form with
	 * next hop length 0.
	 */
	if (!rd_peek_u8(&a->val, &first) ||
	    (first == 0 && rd_left(&a->val) != 1))
		return false;
	m->afi = d->opts->mrt_afi;
	m->safi = d->opts->mrt_safi;
	if (!mp_nexthop(&a->val, m->afi, m))
		dec_note_afi(d, WIRE_AFI_DISABLE, m->afi, m->safi,
		    WIRE_UPD_OPTIONAL, a, "MP_REACH_NLRI next hop invalid");
	else
		m->present = true;
	return true;
}

static void
attr_mp(struct dec *d, struct one *a)
{
	struct wire_mp *m = a->type == ATTR_MP_REACH_NLRI ? &d->u->reach :
	    &d->u->unreach;
	uint16_t afi;
	uint8_t safi, reserved, sub;
	const char *why;
	uint32_t af;

	if (a->type == ATTR_MP_REACH_NLRI &&
	    (d->opts->flags & WIRE_ATTRS_MRT_RIB) && mp_reach_mrt(d, a))
		return;
	if (!mp_peek_af(a, &afi, &safi)) {
		dec_note(d, WIRE_RESET, WIRE_UPD_OPTIONAL, a,
		    "MP attribute too short to name its AFI/SAFI");
		return;
	}
	af = wire_af_bit(afi, safi);
	if (af == 0 || !(d->caps->afs & af))
		return;		/* a family we do not speak: ignored */
	if (wire_7606_check(a->row, a->flags, rd_left(&a->val), d->caps,
	    &sub, &why) != WIRE_OK) {
		dec_note_afi(d, WIRE_AFI_DISABLE, afi, safi, sub, a, why);
		return;
	}
	rd_skip(&a->val, 3);
	m->afi = afi;
	m->safi = safi;
	if (a->type == ATTR_MP_REACH_NLRI &&
	    (!mp_nexthop(&a->val, afi, m) || !rd_u8(&a->val, &reserved))) {
		dec_note_afi(d, WIRE_AFI_DISABLE, afi, safi, WIRE_UPD_OPTIONAL,
		    a, "MP_REACH_NLRI next hop invalid");
		return;
	}
	m->present = true;
	mp_nlri(d, a, m, af);
}

/* Apply the table row of one known attribute, then decode its value. */
static void
attr_known(struct dec *d, struct one *a)
{
	const struct wire_7606_row *row = a->row;
	const char *why;
	uint8_t sub;
	enum wire_verdict v;

	if ((a->type == ATTR_AS4_PATH || a->type == ATTR_AS4_AGGREGATOR) &&
	    d->caps->as4)
		return;		/* RFC 6793 3: NEW speakers ignore them */
	if (row->ebgp_discard && !d->caps->ibgp) {
		dec_note(d, WIRE_ATTR_DISCARD, 0, a,
		    "attribute not accepted from an external peer");
		return;
	}
	if (a->type == ATTR_MP_REACH_NLRI || a->type == ATTR_MP_UNREACH_NLRI) {
		attr_mp(d, a);
		return;
	}
	v = wire_7606_check(row, a->flags, rd_left(&a->val), d->caps, &sub,
	    &why);
	if (v != WIRE_OK) {
		dec_note(d, v, sub, a, why);
		return;
	}
	if (attr_value(d, a))
		attr_partial(d, a);
	else
		dec_note(d, (enum wire_verdict)row->on_error,
		    a->type == ATTR_ORIGIN ? WIRE_UPD_ORIGIN :
		    a->type == ATTR_AS_PATH ? WIRE_UPD_AS_PATH :
		    WIRE_UPD_OPTIONAL, a, "malformed attribute value");
}

/*
 * Read one attribute header and carve its value. False when the field is
 * exhausted mid-header or the length overruns it (RFC 7606 4).
 */
static bool
attr_read(struct rd *r, size_t base, size_t total, struct one *a)
{
	struct rd start = *r;
	uint16_t len16;
	uint8_t len8;

	a->off = base + (total - rd_left(r));
	a->raw.p = r->p;
	if (!rd_u8(r, &a->flags) || !rd_u8(r, &a->type))
		return false;
	if (a->flags & ATTR_FLAG_EXTLEN) {
		if (!rd_u16(r, &len16))
			return false;
	} else {
		if (!rd_u8(r, &len8))
			return false;
		len16 = len8;
	}
	if (!rd_sub(r, len16, &a->val))
		return false;
	a->raw.len = rd_left(&start) - rd_left(r);
	return true;
}

/* Take as many ASNs from the front of path as RFC 6793 4.2.3 needs. */
static void
aspath_lead(struct wr *w, struct bytes path, unsigned need,
    uint8_t *last_type, size_t *last_at)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	unsigned taken = 0, k;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		if (seg.type == ASPATH_CONFED_SEQUENCE ||
		    seg.type == ASPATH_CONFED_SET)
			k = seg.count;
		else if (taken >= need)
			break;
		else if (seg.type == ASPATH_SET)
			k = seg.count, taken++;
		else {
			k = need - taken < seg.count ? need - taken : seg.count;
			taken += k;
		}
		*last_type = seg.type;
		*last_at = wr_mark(w);
		wr_u8(w, seg.type);
		wr_u8(w, (uint8_t)k);
		wr_bytes(w, seg.asns, (size_t)k * 4);
	}
}

/* RFC 6793 4.2.3: rebuild the 4-octet path from AS_PATH and AS4_PATH. */
static void
aspath_merge(struct dec *d)
{
	struct attr_builder *b = &d->u->attrs;
	unsigned n = aspath_length(b->aspath), n4 = aspath_length(d->as4path);
	uint8_t last = 0, *p;
	size_t last_at = 0, cap = b->aspath.len + d->as4path.len;
	struct aspath_iter it;
	struct aspath_seg first;
	struct wr w;

	if (n < n4)
		return;		/* AS4_PATH ignored */
	p = attr_builder_alloc(b, cap);
	wr_init(&w, p, cap);
	aspath_lead(&w, b->aspath, n - n4, &last, &last_at);
	aspath_iter_init(&it, d->as4path);
	/* Join the two halves of one sequence split by the merge. */
	if (last == ASPATH_SEQUENCE && aspath_iter_next(&it, &first) &&
	    first.type == ASPATH_SEQUENCE &&
	    p[last_at + 1] + first.count <= 255) {
		wr_patch_u8(&w, last_at + 1,
		    (uint8_t)(p[last_at + 1] + first.count));
		wr_bytes(&w, first.asns, (size_t)first.count * 4);
		wr_bytes(&w, it.p, it.left);
	} else {
		wr_bytes(&w, d->as4path.p, d->as4path.len);
	}
	b->aspath.p = p;
	b->aspath.len = wr_len(&w);
}

/* RFC 6793 4.2.3 for a session with a 2-octet (OLD) speaker. */
static void
as4_reconstruct(struct dec *d)
{
	struct attr_vals *s = &d->u->attrs.a;

	if (d->caps->as4)
		return;
	if (d->has_as4aggr && (s->flags & ATTRS_HAS_AGGREGATOR)) {
		/* An AGGREGATOR not AS_TRANS means AS4_* are stale. */
		if (s->aggr_as != AS_TRANS)
			return;
		s->aggr_as = d->as4aggr_as;
		s->aggr_id = d->as4aggr_id;
	}
	if (d->has_as4path && (s->flags & ATTRS_HAS_ASPATH))
		aspath_merge(d);
}

enum wire_verdict
wire_attrs_decode(const uint8_t *p, size_t len, const struct wire_caps *caps,
    const struct wire_attrs_opts *opts, struct wire_update *u,
    enum wire_verdict v, struct wire_err *err)
{
	struct dec d;
	struct one a;
	struct rd r;

	/* Builder storage is sized from len: bound it by the largest message. */
	if (len > WIRE_MAX_LEN_EXT)
		return wire_err_set(err, WIRE_ERR_UPDATE,
		    WIRE_UPD_MALFORMED_LIST, 0, "attribute block too long");
	memset(&d, 0, sizeof(d));
	d.caps = caps;
	d.opts = opts ? opts : &no_opts;
	d.u = u;
	d.err = err;
	d.v = v;
	d.blk_len = len;
	rd_init(&r, p, len);
	while (!rd_is_empty(&r)) {
		memset(&a, 0, sizeof(a));
		if (!attr_read(&r, d.opts->base, len, &a)) {
			/* RFC 7606 4: withdraw, unless MP NLRI are lost. */
			dec_note(&d, a.type == ATTR_MP_REACH_NLRI ||
			    a.type == ATTR_MP_UNREACH_NLRI ? WIRE_RESET :
			    WIRE_WITHDRAW, WIRE_UPD_MALFORMED_LIST, &a,
			    "attribute overruns the path attribute field");
			break;
		}
		a.row = wire_7606_lookup(a.type);
		if (seen_test_set(u->seen, a.type)) {
			/* RFC 7606 3(g). */
			if (a.row && a.row->dup_reset)
				dec_note(&d, WIRE_RESET, WIRE_UPD_MALFORMED_LIST,
				    &a, "MP attribute present twice");
			else
				dec_note(&d, WIRE_ATTR_DISCARD, 0, &a,
				    "duplicate attribute discarded");
			continue;
		}
		if (a.row == NULL)
			attr_unknown(&d, &a);
		else
			attr_known(&d, &a);
	}
	if (d.unk.buf != NULL) {
		u->attrs.unknown.p = d.unk.buf;
		u->attrs.unknown.len = wr_len(&d.unk);
	}
	as4_reconstruct(&d);
	return d.v;
}

/*
 * RFC 4271 6.3 / RFC 7606 7.3: a NEXT_HOP that is not a host address
 * (0/8, 127/8, class D and E) is syntactically incorrect.
 */
static bool
nexthop_is_martian(const struct addr *nh)
{
	uint32_t a = addr_to_ipv4(nh);

	return (a >> 24) == 0 || (a >> 24) == 127 || (a >> 29) == 7;
}

/* Record a WITHDRAW found after decoding unless one is already there. */
static enum wire_verdict
check_fail(enum wire_verdict v, struct wire_err *err, uint8_t subcode,
    uint8_t type, const char *reason)
{
	if (v >= WIRE_WITHDRAW)
		return v;
	wire_err_set(err, WIRE_ERR_UPDATE, subcode, 0, reason);
	err->attr_type = type;
	return WIRE_WITHDRAW;
}

enum wire_verdict
wire_attrs_check(struct wire_update *u, const struct wire_caps *caps,
    bool ipv4_nlri, enum wire_verdict v, struct wire_err *err)
{
	uint32_t f = u->attrs.a.flags;
	uint8_t missing = 0;

	if (!ipv4_nlri && !u->reach.present)
		return v;
	/* RFC 7606 3(d): a missing well-known mandatory attribute. */
	if (!(f & ATTRS_HAS_ORIGIN))
		missing = ATTR_ORIGIN;
	else if (!(f & ATTRS_HAS_ASPATH))
		missing = ATTR_AS_PATH;
	else if (ipv4_nlri && !(f & ATTRS_HAS_NEXTHOP))
		missing = ATTR_NEXT_HOP;
	else if (caps->ibgp && !(f & ATTRS_HAS_LOCAL_PREF))
		missing = ATTR_LOCAL_PREF;
	if (missing != 0) {
		v = check_fail(v, err, WIRE_UPD_MISSING_WK, missing,
		    "missing well-known mandatory attribute");
		if (err->attr_type == missing && err->data_len == 0) {
			err->data_len = 1;
			err->data[0] = missing;
		}
		return v;
	}
	if (ipv4_nlri && nexthop_is_martian(&u->attrs.a.nexthop))
		v = check_fail(v, err, WIRE_UPD_NEXT_HOP, ATTR_NEXT_HOP,
		    "NEXT_HOP is not a host address");
	return v;
}
