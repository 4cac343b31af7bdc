/*
 * UPDATE message codec (bgpd/wire_update.h): splits the body into
 * Withdrawn Routes, Path Attributes and NLRI (RFC 4271 4.3), locates them
 * (RFC 7606 4: an unlocatable field resets the session), hands the
 * attributes to bgpd/wire_attr.c, decodes prefixes with bgpd/wire_nlri.c,
 * detects End-of-RIB (RFC 4724 2) and runs the mandatory-attribute checks.
 * The encoder builds whole messages and packs prefixes up to the size
 * limit. Pure: bytes in, values and a verdict out.
 */
#include <string.h>

#include "bgpd/wire_7606.h"
#include "bgpd/wire_attr.h"
#include "bgpd/wire_update.h"
#include "lib/rd.h"
#include "lib/wr.h"

static void
wire_mp_init(struct wire_mp *m)
{
	memset(m, 0, sizeof(*m));
	wire_nlri_list_init(&m->nlri);
}

static void
wire_mp_reset(struct wire_mp *m)
{
	struct wire_nlri_list l = m->nlri;

	memset(m, 0, sizeof(*m));
	l.n = 0;
	m->nlri = l;
}

void
wire_update_init(struct wire_update *u)
{
	memset(u, 0, sizeof(*u));
	wire_nlri_list_init(&u->withdrawn);
	wire_nlri_list_init(&u->nlri);
	wire_mp_init(&u->reach);
	wire_mp_init(&u->unreach);
	attr_builder_init(&u->attrs);
}

void
wire_update_fini(struct wire_update *u)
{
	wire_nlri_list_fini(&u->withdrawn);
	wire_nlri_list_fini(&u->nlri);
	wire_nlri_list_fini(&u->reach.nlri);
	wire_nlri_list_fini(&u->unreach.nlri);
	attr_builder_fini(&u->attrs);
}

void
wire_update_reset(struct wire_update *u)
{
	u->withdrawn.n = 0;
	u->nlri.n = 0;
	wire_mp_reset(&u->reach);
	wire_mp_reset(&u->unreach);
	attr_builder_reset(&u->attrs);
	u->attr_len = 0;
	u->eor = 0;
	u->host_bits_masked = 0;
	u->discarded = 0;
	u->disable_afi = 0;
	u->disable_safi = 0;
	memset(u->seen, 0, sizeof(u->seen));
}

bool
wire_update_has_attr(const struct wire_update *u, uint8_t t)
{
	return (u->seen[t >> 3] & (1u << (t & 7))) != 0;
}

/* A prefix list of the message itself (not MP): errors reset (RFC 7606 5.3). */
static enum wire_verdict
update_field(struct rd *r, size_t base, bool addpath, struct wire_update *u,
    struct wire_nlri_list *l, struct wire_err *err)
{
	size_t where = 0;
	enum wire_nlri_res res;

	res = wire_nlri_decode(r, AFI_IPV4, addpath, l, &u->host_bits_masked,
	    &where);
	if (res == WIRE_NLRI_OK)
		return WIRE_OK;
	return wire_err_set(err, WIRE_ERR_UPDATE, WIRE_UPD_NETWORK,
	    base + where, res == WIRE_NLRI_BAD_LEN ?
	    "IPv4 prefix length above 32" : "IPv4 prefix overruns its field");
}

/* RFC 4724 2: the End-of-RIB markers. */
static void
update_eor(struct wire_update *u, size_t len)
{
	size_t i;

	if (len == 4) {
		u->eor = WIRE_AF_IPV4_UNICAST;
		return;
	}
	if (!u->unreach.present || u->unreach.nlri.n || u->withdrawn.n ||
	    u->nlri.n || u->reach.present)
		return;
	/* MP_UNREACH_NLRI must be the only attribute. */
	for (i = 0; i < sizeof(u->seen); i++)
		if (u->seen[i] != (i == ATTR_MP_UNREACH_NLRI / 8 ?
		    1u << (ATTR_MP_UNREACH_NLRI % 8) : 0))
			return;
	u->eor = wire_af_bit(u->unreach.afi, u->unreach.safi);
}

enum wire_verdict
wire_update_decode(const uint8_t *body, size_t len,
    const struct wire_caps *caps, struct wire_update *u,
    struct wire_err *err)
{
	struct wire_attrs_opts opts;
	struct rd r, wd, at;
	uint16_t wlen, alen;
	enum wire_verdict v;
	bool ap = (caps->addpath_rx & WIRE_AF_IPV4_UNICAST) != 0;

	memset(err, 0, sizeof(*err));
	wire_update_reset(u);
	rd_init(&r, body, len);
	/* RFC 7606 4: fields that cannot be located reset the session. */
	if (!rd_u16(&r, &wlen) || !rd_sub(&r, wlen, &wd) ||
	    !rd_u16(&r, &alen) || !rd_sub(&r, alen, &at))
		return wire_err_set(err, WIRE_ERR_UPDATE,
		    WIRE_UPD_MALFORMED_LIST, 0,
		    "withdrawn or attribute length overruns the message");
	u->attr_len = alen;
	if (update_field(&wd, 2, ap, u, &u->withdrawn, err) != WIRE_OK)
		return WIRE_RESET;
	memset(&opts, 0, sizeof(opts));
	opts.base = 4 + (size_t)wlen;
	v = wire_attrs_decode(at.p, alen, caps, &opts, u, WIRE_OK, err);
	if (v == WIRE_RESET)
		return v;
	if (update_field(&r, 4 + (size_t)wlen + alen, ap, u, &u->nlri, err) !=
	    WIRE_OK)
		return WIRE_RESET;
	v = wire_attrs_check(u, caps, u->nlri.n > 0, v, err);
	update_eor(u, len);
	return v;
}

const struct attrs *
wire_update_intern(struct wire_update *u, bool mp, struct attr_table *t)
{
	struct attr_vals *a = &u->attrs.a;
	struct addr nh = a->nexthop, ll = a->nexthop_ll;
	uint32_t flags = a->flags;
	const struct attrs *s;

	if (mp && u->reach.present) {
		a->nexthop = u->reach.nh;
		a->flags |= ATTRS_HAS_NEXTHOP;
		a->flags &= ~(uint32_t)ATTRS_HAS_NEXTHOP_LL;
		if (u->reach.nh_ll.afi) {
			a->nexthop_ll = u->reach.nh_ll;
			a->flags |= ATTRS_HAS_NEXTHOP_LL;
		}
	}
	s = attrs_intern(t, &u->attrs);
	a->nexthop = nh;
	a->nexthop_ll = ll;
	a->flags = flags;
	return s;
}

/* Encoding. */

/* What one message carries; pointers borrowed from the caller. */
struct enc {
	const struct wire_nlri *wd;
	size_t nwd;
	const struct attr_builder *b;	/* NULL: no path attributes */
	const struct wire_nlri *nlri;
	size_t nnlri;
	const struct wire_mp *reach, *unreach;
	const struct wire_nlri *mp_nlri[2];	/* reach, unreach prefixes */
	size_t mp_n[2];
	bool with_nh;			/* write NEXT_HOP if the builder has one */
};

static void
enc_list(struct wr *w, const struct wire_nlri *v, size_t n, bool ap)
{
	size_t i;

	for (i = 0; i < n; i++)
		wire_nlri_encode(w, &v[i], ap);
}

static bool
caps_ap_tx(const struct wire_caps *caps, uint16_t afi, uint8_t safi)
{
	return (caps->addpath_tx & wire_af_bit(afi, safi)) != 0;
}

/* MP_REACH_NLRI (which = 0) or MP_UNREACH_NLRI (which = 1). */
static void
enc_mp(struct wr *w, const struct enc *e, int which,
    const struct wire_caps *caps)
{
	const struct wire_mp *m = which == 0 ? e->reach : e->unreach;
	bool ap = caps_ap_tx(caps, m->afi, m->safi);
	size_t len = 3, i, nhlen;

	nhlen = m->nh.afi == AFI_IPV4 ? 4 : m->nh_ll.afi ? 32 : 16;
	if (which == 0)
		len += 1 + nhlen + 1;
	for (i = 0; i < e->mp_n[which]; i++)
		len += wire_nlri_size(&e->mp_nlri[which][i].pfx, ap);
	if (len > 255) {
		wr_u8(w, ATTR_FLAG_OPTIONAL | ATTR_FLAG_EXTLEN);
		wr_u8(w, which == 0 ? ATTR_MP_REACH_NLRI : ATTR_MP_UNREACH_NLRI);
		wr_u16(w, (uint16_t)len);
	} else {
		wr_u8(w, ATTR_FLAG_OPTIONAL);
		wr_u8(w, which == 0 ? ATTR_MP_REACH_NLRI : ATTR_MP_UNREACH_NLRI);
		wr_u8(w, (uint8_t)len);
	}
	if (len > 0xffff)
		wr_fail(w);
	wr_u16(w, m->afi);
	wr_u8(w, m->safi);
	if (which == 0) {
		wr_u8(w, (uint8_t)nhlen);
		wr_bytes(w, m->nh.a, nhlen == 4 ? 4 : 16);
		if (nhlen == 32)
			wr_bytes(w, m->nh_ll.a, 16);
		wr_u8(w, 0);
	}
	enc_list(w, e->mp_nlri[which], e->mp_n[which], ap);
}

/* Write the whole message of e; returns its length or 0. */
static size_t
enc_message(const struct enc *e, const struct wire_caps *caps,
    uint8_t *buf, size_t cap)
{
	size_t max = caps->ext_msg ? WIRE_MAX_LEN_EXT : WIRE_MAX_LEN, at;
	bool ap4 = (caps->addpath_tx & WIRE_AF_IPV4_UNICAST) != 0;
	struct wr w;

	wr_init(&w, buf, cap < max ? cap : max);
	wire_hdr_encode(&w, 0, WIRE_UPDATE);
	at = wr_mark(&w);
	wr_u16(&w, 0);
	enc_list(&w, e->wd, e->nwd, ap4);
	wr_patch_u16(&w, at, (uint16_t)(wr_len(&w) - at - 2));
	at = wr_mark(&w);
	wr_u16(&w, 0);
	if (e->reach)
		enc_mp(&w, e, 0, caps);
	if (e->unreach)
		enc_mp(&w, e, 1, caps);
	if (e->b)
		wire_attrs_encode(&w, e->b, caps, e->with_nh);
	if (wr_len(&w) - at - 2 > 0xffff)
		wr_fail(&w);
	wr_patch_u16(&w, at, (uint16_t)(wr_len(&w) - at - 2));
	enc_list(&w, e->nlri, e->nnlri, ap4);
	if (!wr_ok(&w))
		return 0;
	wr_patch_u16(&w, WIRE_MARKER_LEN, (uint16_t)wr_len(&w));
	return wr_len(&w);
}

size_t
wire_update_encode(const struct wire_update *u, const struct wire_caps *caps,
    uint8_t *buf, size_t cap)
{
	struct enc e;
	bool attrs = u->attrs.a.flags != 0 || u->attrs.aspath.len ||
	    u->attrs.comms.len || u->attrs.ecomms.len || u->attrs.lcomms.len ||
	    u->attrs.clusters.len || u->attrs.unknown.len;

	memset(&e, 0, sizeof(e));
	e.wd = u->withdrawn.v;
	e.nwd = u->withdrawn.n;
	e.b = attrs ? &u->attrs : NULL;
	e.with_nh = true;
	e.nlri = u->nlri.v;
	e.nnlri = u->nlri.n;
	if (u->reach.present) {
		e.reach = &u->reach;
		e.mp_nlri[0] = u->reach.nlri.v;
		e.mp_n[0] = u->reach.nlri.n;
	}
	if (u->unreach.present) {
		e.unreach = &u->unreach;
		e.mp_nlri[1] = u->unreach.nlri.v;
		e.mp_n[1] = u->unreach.nlri.n;
	}
	return enc_message(&e, caps, buf, cap);
}

/* How many of nlri[0..n) fit in room bytes. */
static size_t
pack_count(const struct wire_nlri *nlri, size_t n, bool ap, size_t room)
{
	size_t i, used = 0, sz;

	for (i = 0; i < n; i++) {
		sz = wire_nlri_size(&nlri[i].pfx, ap);
		if (used + sz > room)
			break;
		used += sz;
	}
	return i;
}

/*
 * Encode e with as many of the prefixes as fit: size the message with no
 * prefix, then fill the room left (one extra byte kept for an MP attribute
 * that may need the Extended Length form).
 */
static size_t
pack(struct enc *e, const struct wire_nlri *nlri, size_t n, int slot,
    bool ap, const struct wire_caps *caps, uint8_t *buf, size_t cap,
    size_t *len)
{
	size_t max = caps->ext_msg ? WIRE_MAX_LEN_EXT : WIRE_MAX_LEN;
	size_t empty, k;

	if (cap < max)
		max = cap;
	empty = enc_message(e, caps, buf, cap);
	if (empty == 0 || empty + 1 >= max)
		return *len = 0;
	k = pack_count(nlri, n, ap, max - empty - 1);
	if (k == 0)
		return *len = 0;
	if (slot < 0) {
		e->nlri = nlri;
		e->nnlri = k;
	} else if (slot == 2) {
		e->wd = nlri;
		e->nwd = k;
	} else {
		e->mp_nlri[slot] = nlri;
		e->mp_n[slot] = k;
	}
	*len = enc_message(e, caps, buf, cap);
	return *len ? k : 0;
}

size_t
wire_update_pack_reach(const struct attr_builder *b, uint16_t afi,
    uint8_t safi, const struct wire_nlri *nlri, size_t n,
    const struct wire_caps *caps, uint8_t *buf, size_t cap, size_t *len)
{
	struct wire_mp m;
	struct enc e;
	bool ap = caps_ap_tx(caps, afi, safi);

	memset(&e, 0, sizeof(e));
	e.b = b;
	if (afi == AFI_IPV4 && safi == SAFI_UNICAST) {
		e.with_nh = true;
		return pack(&e, nlri, n, -1, ap, caps, buf, cap, len);
	}
	/* RFC 4760 3: no NEXT_HOP without IPv4 NLRI in the NLRI field. */
	memset(&m, 0, sizeof(m));
	m.present = true;
	m.afi = afi;
	m.safi = safi;
	m.nh = b->a.nexthop;
	if (b->a.flags & ATTRS_HAS_NEXTHOP_LL)
		m.nh_ll = b->a.nexthop_ll;
	e.reach = &m;
	return pack(&e, nlri, n, 0, ap, caps, buf, cap, len);
}

size_t
wire_update_pack_unreach(uint16_t afi, uint8_t safi,
    const struct wire_nlri *nlri, size_t n, const struct wire_caps *caps,
    uint8_t *buf, size_t cap, size_t *len)
{
	struct wire_mp m;
	struct enc e;
	bool ap = caps_ap_tx(caps, afi, safi);

	memset(&e, 0, sizeof(e));
	if (afi == AFI_IPV4 && safi == SAFI_UNICAST)
		return pack(&e, nlri, n, 2, ap, caps, buf, cap, len);
	memset(&m, 0, sizeof(m));
	m.present = true;
	m.afi = afi;
	m.safi = safi;
	e.unreach = &m;
	return pack(&e, nlri, n, 1, ap, caps, buf, cap, len);
}

size_t
wire_update_encode_eor(uint16_t afi, uint8_t safi, uint8_t *buf, size_t cap)
{
	static const struct wire_caps caps;
	struct wire_mp m;
	struct enc e;

	memset(&e, 0, sizeof(e));
	if (!(afi == AFI_IPV4 && safi == SAFI_UNICAST)) {
		memset(&m, 0, sizeof(m));
		m.present = true;
		m.afi = afi;
		m.safi = safi;
		e.unreach = &m;
	}
	return enc_message(&e, &caps, buf, cap);
}
