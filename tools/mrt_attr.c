/*
 * bgpdump-compatible attribute reading for the `mrt dump` printer; see
 * tools/mrt_attr.h for why it exists and what it must not be used for.
 * AS_PATH text follows RFC 4271 4.3 segment types with bgpdump's
 * delimiters; the AS4_PATH merge reproduces bgpdump 1.6.2
 * (process_asn32_trans), including that it only ever copies from the first
 * AS_PATH segment.
 */
#include <stdio.h>
#include <string.h>

#include "lib/rd.h"
#include "tools/mrt_attr.h"

#define ASPATH_TEXT_MAX 8000
#define ASPATH_ERROR "! Error !"
#define AS_TRANS_2 23456

/* Read n bytes into dst, zero-filling what the input lacks (bgpdump mstream). */
static void
get_pad(struct rd *r, void *dst, size_t n)
{
	size_t have = rd_left(r) < n ? rd_left(r) : n;

	rd_copy(r, dst, have);
	memset((uint8_t *)dst + have, 0, n - have);
}

static uint32_t
get_u32(struct rd *r)
{
	uint8_t b[4];

	get_pad(r, b, 4);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static uint32_t
get_asn(struct rd *r, uint8_t len)
{
	uint8_t b[2];

	if (len == 4)
		return get_u32(r);
	get_pad(r, b, 2);
	return (uint32_t)b[0] << 8 | b[1];
}

/*
 * The next hop by its length whatever the AFI (bgpdump 1.6.2, after RFC
 * 5549): 4 IPv4, 16 IPv6, 32 IPv6 + link-local; any other length reads
 * nothing and leaves zeros. IPv4 lines print nh[0..3], IPv6 lines nh[0..15].
 */
static void
mp_nexthop(struct rd *r, struct mrt_mp *mp)
{
	uint8_t len = 0;

	get_pad(r, &len, 1);
	mp->nh_len = len;
	mp->set = true;
	if (len == 4)
		get_pad(r, mp->nh, 4);
	else if (len == 16 || len == 32)
		get_pad(r, mp->nh, 16);
	if (len == 32)
		get_pad(r, mp->nh_ll, 16);
}

static void
mp_reach(struct rd *r, struct mrt_attrs *a)
{
	uint8_t first = 0, safi = 0, nsnpa = 0, slen = 0;
	uint16_t afi = 0;
	struct mrt_mp *mp;

	/* RFC 6396 4.3.4 abbreviated form: starts with the next-hop length. */
	if (rd_peek_u8(r, &first) && first != 0) {
		mp_nexthop(r, &a->reach[AFI_IPV6][SAFI_UNICAST]);
		return;
	}
	if (!rd_u16(r, &afi) || !rd_u8(r, &safi) ||
	    afi > MRT_ATTR_AFI_MAX || safi > MRT_ATTR_SAFI_MAX ||
	    a->reach[afi][safi].set) {
		a->warnings++;
		return;
	}
	mp = &a->reach[afi][safi];
	mp_nexthop(r, mp);
	get_pad(r, &nsnpa, 1);
	for (; nsnpa > 0; nsnpa--) {
		get_pad(r, &slen, 1);
		rd_skip(r, rd_left(r) < slen ? rd_left(r) : slen);
	}
	mp->nlri.p = r->p;
	mp->nlri.len = rd_left(r);
}

static void
mp_unreach(struct rd *r, struct mrt_attrs *a)
{
	uint16_t afi;
	uint8_t safi;
	struct mrt_mp *mp;

	if (!rd_u16(r, &afi) || !rd_u8(r, &safi) ||
	    afi > MRT_ATTR_AFI_MAX || safi > MRT_ATTR_SAFI_MAX ||
	    a->unreach[afi][safi].set) {
		a->warnings++;
		return;
	}
	mp = &a->unreach[afi][safi];
	mp->set = true;
	mp->nlri.p = r->p;
	mp->nlri.len = rd_left(r);
}

static void
attr_one(struct rd *v, uint8_t type, struct mrt_attrs *a)
{
	struct bytes all = { v->p, rd_left(v) };

	switch (type) {
	case ATTR_ORIGIN:
		get_pad(v, &type, 1);
		a->origin = type;
		break;
	case ATTR_AS_PATH:
		a->has_aspath = true, a->aspath = all;
		break;
	case ATTR_NEXT_HOP:
		get_pad(v, a->nexthop, 4);
		break;
	case ATTR_MED:
		a->med = get_u32(v);
		break;
	case ATTR_LOCAL_PREF:
		a->local_pref = get_u32(v);
		break;
	case ATTR_AGGREGATOR:
		a->aggr_as = get_asn(v, a->asn_len);
		get_pad(v, a->aggr_addr, 4);
		break;
	case ATTR_COMMUNITIES:
		a->has_comms = true, a->comms = all;
		break;
	case ATTR_MP_REACH_NLRI:
		mp_reach(v, a);
		break;
	case ATTR_MP_UNREACH_NLRI:
		mp_unreach(v, a);
		break;
	case ATTR_AS4_PATH:
		a->has_as4path = true, a->as4path = all;
		break;
	case ATTR_AS4_AGGREGATOR:
		a->has_new_aggr = true;
		a->new_aggr_as = get_u32(v);
		get_pad(v, a->new_aggr_addr, 4);
		break;
	default:
		break;
	}
}

/*
 * bgpdump's RFC 6793 handling for 2-octet sessions: AS4_AGGREGATOR replaces
 * an AGGREGATOR of AS_TRANS; any other AGGREGATOR also suppresses the
 * AS4_PATH merge (its early return).
 */
static void
as4_aggregator(struct mrt_attrs *a)
{
	a->merge_as4 = a->asn_len == 2 && a->has_as4path && a->has_aspath;
	if (a->asn_len != 2 || !(a->flag & MRT_ATTR_BIT(ATTR_AGGREGATOR)) ||
	    !a->has_new_aggr)
		return;
	if (a->aggr_as != AS_TRANS_2) {
		a->merge_as4 = false;
		return;
	}
	a->aggr_as = a->new_aggr_as;
	memcpy(a->aggr_addr, a->new_aggr_addr, 4);
}

void
mrt_attrs_decode(const uint8_t *p, size_t n, uint8_t asn_len,
    struct mrt_attrs *a)
{
	struct rd r, v;
	uint8_t flags, type, l8;
	uint16_t len;

	memset(a, 0, sizeof(*a));
	a->origin = -1;
	a->asn_len = asn_len;
	memset(a->nexthop, 0xff, 4);
	memset(a->aggr_addr, 0xff, 4);
	rd_init(&r, p, n);
	while (!rd_is_empty(&r)) {
		flags = type = 0;
		rd_u8(&r, &flags);
		rd_u8(&r, &type);
		if (flags & ATTR_FLAG_EXTLEN) {
			len = 0;
			if (!rd_u16(&r, &len))
				rd_skip(&r, rd_left(&r));
		} else {
			l8 = 0;
			rd_u8(&r, &l8);
			len = l8;
		}
		if (!rd_sub(&r, len, &v)) {
			a->warnings++;	/* attribute is truncated */
			return;
		}
		if (type >= 1 && type <= 32)
			a->flag |= MRT_ATTR_BIT(type);
		attr_one(&v, type, a);
	}
	as4_aggregator(a);
}

/* Decimal digits of v at p; returns the count (no NUL). */
static size_t
put_u32(char *p, uint32_t v)
{
	char t[10];
	size_t n = 0, i;

	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (i = 0; i < n; i++)
		p[i] = t[n - 1 - i];
	return n;
}

static char
seg_delim(uint8_t type, bool end)
{
	switch (type) {
	case 1: return end ? '}' : '{';	/* AS_SET */
	case 3: return end ? ')' : '(';	/* AS_CONFED_SEQUENCE */
	case 4: return end ? ']' : '[';	/* AS_CONFED_SET */
	default: return ' ';
	}
}

struct path_text {
	char *buf;
	size_t cap, pos;
	unsigned count;		/* bgpdump's path length (sets count 1) */
};

static size_t
path_error(struct path_text *t)
{
	t->count = 0;
	t->pos = (size_t)snprintf(t->buf, t->cap, "%s", ASPATH_ERROR);
	return t->pos;
}

/* One segment's ASNs; false when the text limit is hit ("..." written). */
static bool
path_asns(struct path_text *t, struct rd *r, uint8_t type, uint8_t cnt,
    uint8_t asn_len)
{
	bool space = false;
	uint32_t as;
	unsigned i;

	for (i = 0; i < cnt; i++) {
		if (space)
			t->buf[t->pos++] = (type == 1 || type == 4) ? ',' : ' ';
		space = true;
		as = get_asn(r, asn_len);
		t->pos += put_u32(t->buf + t->pos, as);
		if (t->pos > t->cap - 100) {
			memcpy(t->buf + t->pos, "...", 4);
			return false;
		}
	}
	return true;
}

/* bgpdump's process_attr_aspath_string over AS_PATH bytes. */
static size_t
path_print(struct bytes path, uint8_t asn_len, struct path_text *t)
{
	struct rd r;
	uint8_t type, cnt, prev = 2;
	bool space = false, any = false;

	t->pos = 0;
	t->count = 0;
	rd_init(&r, path.p, path.len);
	while (!rd_is_empty(&r)) {
		if (!rd_u8(&r, &type) || !rd_u8(&r, &cnt) ||
		    type < 1 || type > 4 || rd_left(&r) < (size_t)cnt * asn_len)
			return path_error(t);
		if (prev != 2)
			t->buf[t->pos++] = seg_delim(prev, true);
		if (space)
			t->buf[t->pos++] = ' ';
		if (type != 2)
			t->buf[t->pos++] = seg_delim(type, false);
		t->count += (type == 2 || type == 3) ? cnt : 1;
		if (!path_asns(t, &r, type, cnt, asn_len))
			return t->pos + 3;
		space = cnt > 0;
		prev = type;
		any = true;
	}
	if (any && prev != 2)
		t->buf[t->pos++] = seg_delim(prev, true);
	t->buf[t->pos] = '\0';
	return t->pos;
}

/*
 * bgpdump's asn32_merge_paths: repeat the first AS_PATH segment (widened)
 * until old count - new count ASNs are taken, then append AS4_PATH.
 */
static size_t
merge_build(const struct mrt_attrs *a, unsigned want, uint8_t *out,
    size_t cap)
{
	struct rd r;
	uint8_t type = 0, cnt = 0;
	unsigned have = 0, i, take;
	size_t n = 0;

	rd_init(&r, a->aspath.p, a->aspath.len);
	rd_u8(&r, &type);
	rd_u8(&r, &cnt);
	while (have < want && cnt > 0 && n + 2 + cnt * 4u <= cap) {
		take = cnt;
		if (type == 1 || type == 4)
			have += 1;
		else if ((have += cnt) > want)
			take = cnt - (have - want);
		out[n++] = type;
		out[n++] = (uint8_t)take;
		for (i = 0; i < take; i++) {
			memset(out + n, 0, 2);
			memcpy(out + n + 2, a->aspath.p + 2 + i * 2, 2);
			n += 4;
		}
	}
	if (n + a->as4path.len > cap)
		return n;
	memcpy(out + n, a->as4path.p, a->as4path.len);
	return n + a->as4path.len;
}

size_t
mrt_attrs_aspath(const struct mrt_attrs *a, char *buf, size_t cap)
{
	struct path_text t = { buf, cap < ASPATH_TEXT_MAX ? cap : ASPATH_TEXT_MAX,
	    0, 0 };
	unsigned oldc, newc;
	uint8_t merged[16384];
	struct bytes m;

	buf[0] = '\0';
	if (!a->has_aspath)
		return 0;
	path_print(a->aspath, a->asn_len, &t);
	if (!a->merge_as4)
		return t.pos;
	oldc = t.count;
	path_print(a->as4path, 4, &t);
	newc = t.count;
	if (oldc < newc)
		return path_print(a->aspath, a->asn_len, &t);
	m.p = merged;
	m.len = merge_build(a, oldc - newc, merged, sizeof(merged));
	return path_print(m, 4, &t);
}

size_t
mrt_attrs_comms(const struct mrt_attrs *a, char *buf, size_t cap)
{
	struct rd r;
	uint32_t c;
	size_t n = 0;

	rd_init(&r, a->comms.p, a->comms.len);
	while (rd_left(&r) >= 4 && n + 24 < cap) {
		rd_u32(&r, &c);
		if (n)
			buf[n++] = ' ';
		if (c == 0xFFFFFF01u)
			n += (size_t)snprintf(buf + n, cap - n, "no-export");
		else if (c == 0xFFFFFF02u)
			n += (size_t)snprintf(buf + n, cap - n, "no-advertise");
		else if (c == 0xFFFFFF03u)
			n += (size_t)snprintf(buf + n, cap - n, "local-AS");
		else {
			n += put_u32(buf + n, c >> 16);
			buf[n++] = ':';
			n += put_u32(buf + n, c & 0xffff);
		}
	}
	buf[n] = '\0';
	return n;
}

bool
mrt_nlri_next(struct rd *r, uint8_t afi, bool addpath, struct prefix *p,
    uint32_t *path_id)
{
	struct rd t = *r;
	const uint8_t *b;
	uint8_t len;

	*path_id = 0;
	if (rd_is_empty(&t))
		return false;
	if (addpath && !rd_u32(&t, path_id))
		return false;
	if (!rd_u8(&t, &len) || len > prefix_maxlen(afi) ||
	    !rd_ptr(&t, (len + 7u) / 8u, &b))
		return false;
	prefix_from_bytes(p, afi, len, b);
	*r = t;
	return true;
}
