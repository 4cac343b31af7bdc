/*
 * Tests for bgpd/wire_update.c: decode(encode(x)) == x over synthetic
 * updates (every attribute, 2- and 4-octet sessions, IPv6 with link-local,
 * ADD-PATH, long paths needing Extended Length), RFC 6793 4.2.3 AS4
 * reconstruction cases, End-of-RIB, packing many prefixes per message,
 * truncation sweeps over every offset, steady-state reuse without
 * allocation, and interning of MP routes. Real UPDATEs from the MRT corpus
 * are in tests/bgpd/test_wire_update_real.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/wire_7606.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "tests/bgpd/msg_util.h"

#define ALL_AFS (WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST | \
	WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST)

static struct wire_caps
caps_make(bool as4, uint32_t addpath)
{
	struct wire_caps c;

	memset(&c, 0, sizeof(c));
	c.as4 = as4;
	c.ibgp = true;
	c.afs = ALL_AFS;
	c.addpath_rx = c.addpath_tx = addpath;
	return c;
}

static void
pfx(struct wire_nlri_list *l, const char *s, uint32_t id)
{
	struct prefix p;

	assert_int_equal(prefix_parse(s, &p, true), 0);
	assert_true(wire_nlri_list_add(l, &p, id));
}

static bool
list_eq(const struct wire_nlri_list *a, const struct wire_nlri_list *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!prefix_eq(&a->v[i].pfx, &b->v[i].pfx) ||
		    a->v[i].path_id != b->v[i].path_id)
			return false;
	return true;
}

static bool
mp_eq(const struct wire_mp *a, const struct wire_mp *b, bool reach)
{
	if (a->present != b->present)
		return false;
	if (!a->present)
		return true;
	if (a->afi != b->afi || a->safi != b->safi || !list_eq(&a->nlri, &b->nlri))
		return false;
	return !reach || (addr_eq(&a->nh, &b->nh) &&
	    a->nh_ll.afi == b->nh_ll.afi && addr_eq(&a->nh_ll, &b->nh_ll));
}

/* Everything a decoder reports about the message content. */
static void
assert_update_eq(const struct wire_update *a, const struct wire_update *b)
{
	assert_true(list_eq(&a->withdrawn, &b->withdrawn));
	assert_true(list_eq(&a->nlri, &b->nlri));
	assert_true(mp_eq(&a->reach, &b->reach, true));
	assert_true(mp_eq(&a->unreach, &b->unreach, false));
	if (!attr_builder_eq(&a->attrs, &b->attrs))
		fail_msg("attrs differ: flags %x/%x path %zu/%zu comms %zu/%zu "
		    "unknown %zu/%zu", a->attrs.a.flags, b->attrs.a.flags,
		    a->attrs.aspath.len, b->attrs.aspath.len, a->attrs.comms.len,
		    b->attrs.comms.len, a->attrs.unknown.len,
		    b->attrs.unknown.len);
}

/* Encode x, decode it, compare; return the message length. */
static size_t
round_trip(const struct wire_update *x, const struct wire_caps *c,
    uint8_t *buf, size_t cap)
{
	struct wire_update y;
	struct wire_err err;
	size_t n;

	n = wire_update_encode(x, c, buf, cap);
	assert_true(n >= WIRE_HDR_LEN + 4);
	assert_int_equal(buf[16] << 8 | buf[17], n);
	assert_int_equal(buf[18], WIRE_UPDATE);
	wire_update_init(&y);
	if (wire_update_decode(buf + WIRE_HDR_LEN, n - WIRE_HDR_LEN, c, &y,
	    &err) != WIRE_OK)
		fail_msg("decode: %s (type %u at %zu)", err.reason,
		    err.attr_type, err.offset);
	assert_update_eq(x, &y);
	wire_update_fini(&y);
	return n;
}

static const uint8_t comms[] = { 0xfd, 0xe8, 0, 100, 0xff, 0xff, 0xff, 1 };
static const uint8_t ecomms[] = { 0, 2, 0xfd, 0xe8, 0, 0, 0, 100 };
static const uint8_t lcomms[] = { 0, 1, 0x11, 0x70, 0, 0, 0, 1, 0, 0, 0, 2 };
static const uint8_t clusters[] = { 10, 0, 0, 1, 10, 0, 0, 2 };
/* {flags, type, len16, value}: two unknown transitive attributes. */
static const uint8_t unknown[] = { 0xe0, 30, 0, 2, 0xab, 0xcd,
	0xe0, 99, 0, 1, 0xef };
/* 65001 70000 {64512,80000}. */
static const uint8_t path[] = { 2, 2, 0, 0, 0xfd, 0xe9, 0, 1, 0x11, 0x70,
	1, 2, 0, 0, 0xfc, 0, 0, 1, 0x38, 0x80 };

static void
full_attrs(struct attr_builder *b)
{
	struct attr_vals *a = &b->a;

	a->flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP |
	    ATTRS_HAS_MED | ATTRS_HAS_LOCAL_PREF | ATTRS_HAS_ATOMIC_AGG |
	    ATTRS_HAS_AGGREGATOR | ATTRS_HAS_ORIGINATOR | ATTRS_HAS_OTC;
	a->origin = ORIGIN_EGP;
	a->med = 7;
	a->local_pref = 200;
	a->aggr_as = 70000;
	a->aggr_id = 0xc0000201;
	a->originator_id = 0x0a000009;
	a->otc = 65001;
	addr_from_ipv4(&a->nexthop, 0xc0000202);
	b->aspath.p = path, b->aspath.len = sizeof(path);
	b->comms.p = comms, b->comms.len = sizeof(comms);
	b->ecomms.p = ecomms, b->ecomms.len = sizeof(ecomms);
	b->lcomms.p = lcomms, b->lcomms.len = sizeof(lcomms);
	b->clusters.p = clusters, b->clusters.len = sizeof(clusters);
	b->unknown.p = unknown, b->unknown.len = sizeof(unknown);
}

static void
test_round_trip_ipv4_all_attributes(void **state)
{
	struct wire_update x;
	struct wire_caps c4 = caps_make(true, 0), c2 = caps_make(false, 0);
	uint8_t buf[4096];

	(void)state;
	wire_update_init(&x);
	full_attrs(&x.attrs);
	pfx(&x.nlri, "192.0.2.0/24", 0);
	pfx(&x.nlri, "10.0.0.0/8", 0);
	pfx(&x.nlri, "0.0.0.0/0", 0);
	pfx(&x.nlri, "203.0.113.7/32", 0);
	pfx(&x.withdrawn, "198.51.100.0/25", 0);
	round_trip(&x, &c4, buf, sizeof(buf));
	/* 2-octet session: AS_TRANS in AS_PATH/AGGREGATOR plus AS4_*. */
	round_trip(&x, &c2, buf, sizeof(buf));
	assert_non_null(memmem(buf, 200, "\xc0\x11", 2));
	assert_non_null(memmem(buf, 200, "\xc0\x12\x08", 3));
	wire_update_fini(&x);
}

static void
test_round_trip_ipv6_link_local_and_unreach(void **state)
{
	struct wire_update x;
	struct wire_caps c = caps_make(true, 0);
	uint8_t buf[4096];

	(void)state;
	wire_update_init(&x);
	full_attrs(&x.attrs);
	x.attrs.a.flags &= ~(uint32_t)ATTRS_HAS_NEXTHOP;
	x.reach.present = true;
	x.reach.afi = AFI_IPV6;
	x.reach.safi = SAFI_UNICAST;
	assert_int_equal(addr_parse("2001:db8::1", &x.reach.nh), 0);
	assert_int_equal(addr_parse("fe80::1", &x.reach.nh_ll), 0);
	pfx(&x.reach.nlri, "2001:db8:1::/48", 0);
	pfx(&x.reach.nlri, "::/0", 0);
	x.unreach.present = true;
	x.unreach.afi = AFI_IPV6;
	x.unreach.safi = SAFI_MULTICAST;
	pfx(&x.unreach.nlri, "2001:db8:2::/64", 0);
	pfx(&x.withdrawn, "192.0.2.0/24", 0);
	round_trip(&x, &c, buf, sizeof(buf));
	/* Global next hop only: 16 bytes. */
	memset(&x.reach.nh_ll, 0, sizeof(x.reach.nh_ll));
	round_trip(&x, &c, buf, sizeof(buf));
	/* IPv4 multicast through MP_REACH. */
	x.reach.afi = AFI_IPV4;
	x.reach.safi = SAFI_MULTICAST;
	x.reach.nlri.n = 0;
	addr_from_ipv4(&x.reach.nh, 0x0a000001);
	pfx(&x.reach.nlri, "232.1.0.0/16", 0);
	round_trip(&x, &c, buf, sizeof(buf));
	wire_update_fini(&x);
}

static void
test_round_trip_addpath(void **state)
{
	struct wire_update x, y;
	struct wire_caps c = caps_make(true, WIRE_AF_IPV4_UNICAST |
	    WIRE_AF_IPV6_UNICAST), plain = caps_make(true, 0);
	struct wire_err err;
	uint8_t buf[4096];
	size_t n;

	(void)state;
	wire_update_init(&x);
	full_attrs(&x.attrs);
	pfx(&x.nlri, "192.0.2.0/24", 1);
	pfx(&x.nlri, "192.0.2.0/24", 2);
	pfx(&x.withdrawn, "192.0.2.0/24", 0xffffffff);
	x.unreach.present = true;
	x.unreach.afi = AFI_IPV6;
	x.unreach.safi = SAFI_UNICAST;
	pfx(&x.unreach.nlri, "2001:db8::/32", 77);
	n = round_trip(&x, &c, buf, sizeof(buf));
	/* The same bytes without ADD-PATH do not parse as the same thing. */
	wire_update_init(&y);
	assert_true(wire_update_decode(buf + WIRE_HDR_LEN, n - WIRE_HDR_LEN,
	    &plain, &y, &err) != WIRE_OK || !list_eq(&x.nlri, &y.nlri));
	wire_update_fini(&y);
	wire_update_fini(&x);
}

static void
test_round_trip_long_path_extended_length(void **state)
{
	struct wire_update x;
	struct wire_caps c4 = caps_make(true, 0), c2 = caps_make(false, 0);
	uint8_t buf[8192];
	uint8_t cbuf[400];
	struct bytes p = { NULL, 0 };
	unsigned i;

	(void)state;
	wire_update_init(&x);
	x.attrs.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH |
	    ATTRS_HAS_NEXTHOP | ATTRS_HAS_LOCAL_PREF;
	addr_from_ipv4(&x.attrs.a.nexthop, 0x0a000001);
	p = aspath_prepend(&x.attrs, p, 4200000000u, 300);
	assert_int_equal(p.len, 300 * 4 + 2 * 2);
	x.attrs.aspath = p;
	for (i = 0; i < sizeof(cbuf); i++)
		cbuf[i] = (uint8_t)i;
	x.attrs.comms.p = cbuf;
	x.attrs.comms.len = sizeof(cbuf);
	pfx(&x.nlri, "192.0.2.0/24", 0);
	round_trip(&x, &c4, buf, sizeof(buf));
	round_trip(&x, &c2, buf, sizeof(buf));
	/* Too big for a 4096-byte message: refused, not truncated. */
	x.attrs.comms.len = 0;
	p = aspath_prepend(&x.attrs, p, 4200000000u, 900);
	x.attrs.aspath = p;
	assert_int_equal(wire_update_encode(&x, &c4, buf, sizeof(buf)), 0);
	c4.ext_msg = true;
	round_trip(&x, &c4, buf, sizeof(buf));
	wire_update_fini(&x);
}

/* RFC 6793 4.2.3 reconstruction on a 2-octet session. */
struct as4_case {
	const char *name;
	const char *aspath;		/* 2-octet AS_PATH value, hex */
	const char *as4path;		/* AS4_PATH value, hex; NULL = none */
	const char *aggr;		/* AGGREGATOR value; NULL = none */
	const char *as4aggr;		/* AS4_AGGREGATOR value; NULL = none */
	const char *want_path;
	uint32_t want_aggr;
};

static const struct as4_case as4_cases[] = {
	{ "tail replaced", "02 04 00 01 00 02 5b a0 5b a0",
	    "02 02 00 01 11 70 00 01 38 80", NULL, NULL, "1 2 70000 80000", 0 },
	{ "as4 longer ignored", "02 01 5b a0", "02 02 00 00 00 01 00 01 11 70",
	    NULL, NULL, "23456", 0 },
	{ "set counts one", "02 02 00 01 5b a0 01 02 5b a0 00 03",
	    "02 01 00 01 11 70 01 02 00 01 38 80 00 00 00 03", NULL, NULL,
	    "1 70000 {80000,3}", 0 },
	{ "confed kept", "03 01 fc 00 02 02 00 01 5b a0",
	    "02 02 00 00 00 01 00 01 11 70", NULL, NULL, "(64512) 1 70000", 0 },
	{ "confed in as4 dropped", "02 01 5b a0",
	    "03 01 00 00 fc 00 02 01 00 01 11 70", NULL, NULL, "70000", 0 },
	{ "sequence split joined", "02 04 00 01 00 02 00 03 5b a0",
	    "02 02 00 00 00 03 00 01 11 70", NULL, NULL, "1 2 3 70000", 0 },
	{ "aggregator not AS_TRANS: as4 ignored", "02 02 00 01 5b a0",
	    "02 02 00 00 00 01 00 01 11 70", "00 05 c0 00 02 01",
	    "00 01 11 70 c0 00 02 01", "1 23456", 5 },
	{ "aggregator AS_TRANS: both used", "02 02 00 01 5b a0",
	    "02 02 00 00 00 01 00 01 11 70", "5b a0 c0 00 02 01",
	    "00 01 11 70 c0 00 02 01", "1 70000", 70000 },
	{ "as4_aggregator without aggregator ignored", "02 01 00 01", NULL,
	    NULL, "00 01 11 70 c0 00 02 01", "1", 0 },
};

/* Hex text to bytes; the callers' buffers are sized for their tables. */
static size_t
hex(const char *s, uint8_t *out)
{
	return hex_decode(s, out, SIZE_MAX);
}

static void
put_attr(uint8_t *b, size_t *n, uint8_t flags, uint8_t type, const char *v)
{
	size_t len;

	if (v == NULL)
		return;
	len = hex(v, b + *n + 3);
	b[*n] = flags;
	b[*n + 1] = type;
	b[*n + 2] = (uint8_t)len;
	*n += 3 + len;
}

static void
test_as4_reconstruction(void **state)
{
	struct wire_caps c = caps_make(false, 0);
	struct wire_update u;
	struct wire_err err;
	uint8_t b[512];
	char txt[256];
	size_t i, n;

	(void)state;
	wire_update_init(&u);
	for (i = 0; i < sizeof(as4_cases) / sizeof(as4_cases[0]); i++) {
		const struct as4_case *k = &as4_cases[i];

		n = 4;
		put_attr(b, &n, 0x40, ATTR_ORIGIN, "00");
		put_attr(b, &n, 0x40, ATTR_AS_PATH, k->aspath);
		put_attr(b, &n, 0x40, ATTR_NEXT_HOP, "0a 00 00 01");
		put_attr(b, &n, 0x40, ATTR_LOCAL_PREF, "00 00 00 64");
		put_attr(b, &n, 0xc0, ATTR_AGGREGATOR, k->aggr);
		put_attr(b, &n, 0xc0, ATTR_AS4_PATH, k->as4path);
		put_attr(b, &n, 0xc0, ATTR_AS4_AGGREGATOR, k->as4aggr);
		b[0] = b[1] = 0;
		b[2] = (uint8_t)((n - 4) >> 8);
		b[3] = (uint8_t)(n - 4);
		assert_int_equal(wire_update_decode(b, n, &c, &u, &err),
		    WIRE_OK);
		aspath_print(u.attrs.aspath, txt, sizeof(txt));
		if (strcmp(txt, k->want_path) != 0)
			fail_msg("%s: path '%s' want '%s'", k->name, txt,
			    k->want_path);
		assert_true(aspath_is_valid(u.attrs.aspath));
		if (k->want_aggr)
			assert_int_equal(u.attrs.a.aggr_as, k->want_aggr);
		else
			assert_false(u.attrs.a.flags & ATTRS_HAS_AGGREGATOR);
	}
	wire_update_fini(&u);
}

static void
test_end_of_rib(void **state)
{
	static const uint8_t v4[] = { 0, 0, 0, 0 };
	static const uint8_t v6[] = { 0, 0, 0, 6, 0x80, 15, 3, 0, 2, 1 };
	static const uint8_t v6_nlri[] = { 0, 0, 0, 8, 0x80, 15, 5, 0, 2, 1,
		8, 0x20 };
	static const uint8_t v6_plus[] = { 0, 0, 0, 10, 0x80, 15, 3, 0, 2, 1,
		0x40, 1, 1, 0 };
	struct wire_caps c = caps_make(true, 0);
	struct wire_update u;
	struct wire_err err;
	uint8_t buf[64];
	size_t n;

	(void)state;
	wire_update_init(&u);
	assert_int_equal(wire_update_decode(v4, sizeof(v4), &c, &u, &err),
	    WIRE_OK);
	assert_int_equal(u.eor, WIRE_AF_IPV4_UNICAST);
	assert_int_equal(wire_update_decode(v6, sizeof(v6), &c, &u, &err),
	    WIRE_OK);
	assert_int_equal(u.eor, WIRE_AF_IPV6_UNICAST);
	assert_int_equal(wire_update_decode(v6_nlri, sizeof(v6_nlri), &c, &u,
	    &err), WIRE_OK);
	assert_int_equal(u.eor, 0);
	assert_int_equal(wire_update_decode(v6_plus, sizeof(v6_plus), &c, &u,
	    &err), WIRE_OK);
	assert_int_equal(u.eor, 0);
	/* The encoder's markers decode as End-of-RIB. */
	n = wire_update_encode_eor(AFI_IPV4, SAFI_UNICAST, buf, sizeof(buf));
	assert_int_equal(n, 23);
	assert_int_equal(wire_update_decode(buf + 19, n - 19, &c, &u, &err),
	    WIRE_OK);
	assert_int_equal(u.eor, WIRE_AF_IPV4_UNICAST);
	n = wire_update_encode_eor(AFI_IPV6, SAFI_MULTICAST, buf, sizeof(buf));
	assert_int_equal(n, 29);
	assert_int_equal(wire_update_decode(buf + 19, n - 19, &c, &u, &err),
	    WIRE_OK);
	assert_int_equal(u.eor, WIRE_AF_IPV6_MULTICAST);
	wire_update_fini(&u);
}

#define NPACK 3000

/* Pack NPACK prefixes of afi and check every message is full and valid. */
static void
pack_all(uint16_t afi, bool withdraw, struct wire_caps *c)
{
	static struct wire_nlri v[NPACK];
	struct wire_update x, y;
	struct wire_err err;
	uint8_t buf[WIRE_MAX_LEN_EXT];
	size_t max = c->ext_msg ? WIRE_MAX_LEN_EXT : WIRE_MAX_LEN;
	size_t i, done = 0, k, len, msgs = 0;
	const struct wire_nlri_list *got;

	wire_update_init(&x);
	wire_update_init(&y);
	full_attrs(&x.attrs);
	assert_int_equal(addr_parse(afi == AFI_IPV4 ? "10.0.0.1" :
	    "2001:db8::1", &x.attrs.a.nexthop), 0);
	for (i = 0; i < NPACK; i++) {
		memset(&v[i], 0, sizeof(v[i]));
		v[i].pfx.afi = (uint8_t)afi;
		v[i].pfx.len = afi == AFI_IPV4 ? 24 : 48;
		v[i].pfx.a[0] = afi == AFI_IPV4 ? 10 : 0x20;
		v[i].pfx.a[1] = (uint8_t)(i >> 8);
		v[i].pfx.a[2] = (uint8_t)i;
		v[i].path_id = (uint32_t)i;
	}
	while (done < NPACK) {
		k = withdraw ? wire_update_pack_unreach(afi, SAFI_UNICAST,
		    v + done, NPACK - done, c, buf, sizeof(buf), &len) :
		    wire_update_pack_reach(&x.attrs, afi, SAFI_UNICAST, v + done,
		    NPACK - done, c, buf, sizeof(buf), &len);
		assert_true(k > 0);
		assert_true(len <= max);
		/* Full: the next prefix would not have fit. */
		if (done + k < NPACK)
			assert_true(len + wire_nlri_size(&v[done + k].pfx,
			    c->addpath_tx != 0) + 1 > max);
		assert_int_equal(wire_update_decode(buf + 19, len - 19, c, &y,
		    &err), WIRE_OK);
		got = afi == AFI_IPV4 ? (withdraw ? &y.withdrawn : &y.nlri) :
		    (withdraw ? &y.unreach.nlri : &y.reach.nlri);
		assert_int_equal(got->n, k);
		for (i = 0; i < k; i++) {
			assert_true(prefix_eq(&got->v[i].pfx, &v[done + i].pfx));
			assert_int_equal(got->v[i].path_id,
			    c->addpath_rx ? v[done + i].path_id : 0);
		}
		if (!withdraw && afi == AFI_IPV6)
			assert_true(addr_eq(&y.reach.nh, &x.attrs.a.nexthop));
		done += k;
		msgs++;
	}
	assert_true(msgs > 1 || c->ext_msg);
	wire_update_fini(&x);
	wire_update_fini(&y);
}

static void
test_pack(void **state)
{
	struct wire_caps c = caps_make(true, 0);
	struct wire_caps ap = caps_make(true, WIRE_AF_IPV4_UNICAST |
	    WIRE_AF_IPV6_UNICAST);

	(void)state;
	pack_all(AFI_IPV4, false, &c);
	pack_all(AFI_IPV4, true, &c);
	pack_all(AFI_IPV6, false, &c);
	pack_all(AFI_IPV6, true, &c);
	pack_all(AFI_IPV4, false, &ap);
	pack_all(AFI_IPV6, true, &ap);
	c.ext_msg = true;
	pack_all(AFI_IPV6, false, &c);
}

/* True if off is where an attribute of the block starts (or its end). */
static bool
at_boundary(const uint8_t *a, size_t len, size_t off)
{
	size_t i = 0;

	while (i < off && i + 3 <= len)
		i += (a[i] & ATTR_FLAG_EXTLEN) ? 4 + ((size_t)a[i + 2] << 8 |
		    a[i + 3]) : 3 + (size_t)a[i + 2];
	return i == off;
}

/* Truncate every message at every offset, two ways. */
static void
sweep(const uint8_t *msg, size_t n, const struct wire_caps *c)
{
	struct wire_update u, v;
	struct wire_err err;
	uint8_t copy[4096], re[4096];
	size_t t, alen, m;
	enum wire_verdict verdict;

	wire_update_init(&u);
	wire_update_init(&v);
	for (t = 0; t < n - 19; t++) {
		/* Cut the body: outer lengths now overrun. */
		memcpy(copy, msg + 19, t);
		verdict = wire_update_decode(copy, t, c, &u, &err);
		if (verdict == WIRE_OK) {
			/* A consistent result re-encodes and decodes equal. */
			m = wire_update_encode(&u, c, re, sizeof(re));
			assert_true(m > 0);
			assert_int_equal(wire_update_decode(re + 19, m - 19, c,
			    &v, &err), WIRE_OK);
			assert_update_eq(&u, &v);
		} else {
			assert_non_null(err.reason);
		}
	}
	/*
	 * Cut inside the attribute block, keeping the lengths consistent:
	 * a cut inside an attribute is never clean (RFC 7606 4).
	 */
	alen = (size_t)msg[21] << 8 | msg[22];
	if (msg[19] == 0 && msg[20] == 0) {
		for (t = 0; t < alen; t++) {
			memcpy(copy, msg + 19, 4 + t);
			copy[2] = (uint8_t)(t >> 8);
			copy[3] = (uint8_t)t;
			verdict = wire_update_decode(copy, 4 + t, c, &u, &err);
			if (!at_boundary(msg + 23, alen, t))
				assert_int_not_equal(verdict, WIRE_OK);
		}
	}
	wire_update_fini(&u);
	wire_update_fini(&v);
}

static void
test_truncation_sweep(void **state)
{
	struct wire_update x;
	struct wire_caps c4 = caps_make(true, 0), c2 = caps_make(false, 0);
	uint8_t buf[4096];
	size_t n;

	(void)state;
	wire_update_init(&x);
	full_attrs(&x.attrs);
	pfx(&x.nlri, "192.0.2.0/24", 0);
	pfx(&x.withdrawn, "198.51.100.0/25", 0);
	x.reach.present = true;
	x.reach.afi = AFI_IPV6;
	x.reach.safi = SAFI_UNICAST;
	assert_int_equal(addr_parse("2001:db8::1", &x.reach.nh), 0);
	assert_int_equal(addr_parse("fe80::1", &x.reach.nh_ll), 0);
	pfx(&x.reach.nlri, "2001:db8:1::/48", 0);
	n = wire_update_encode(&x, &c4, buf, sizeof(buf));
	sweep(buf, n, &c4);
	n = wire_update_encode(&x, &c2, buf, sizeof(buf));
	sweep(buf, n, &c2);
	x.withdrawn.n = 0;
	n = wire_update_encode(&x, &c4, buf, sizeof(buf));
	sweep(buf, n, &c4);
	wire_update_fini(&x);
}

static void
test_steady_state_reuses_memory(void **state)
{
	struct wire_update x, u;
	struct wire_caps c = caps_make(false, 0);
	struct wire_err err;
	uint8_t buf[4096];
	const void *nlri, *chunk;
	size_t n, i;

	(void)state;
	wire_update_init(&x);
	wire_update_init(&u);
	full_attrs(&x.attrs);
	for (i = 0; i < 200; i++)
		pfx(&x.nlri, i % 2 ? "10.1.0.0/16" : "10.2.0.0/16", 0);
	n = wire_update_encode(&x, &c, buf, sizeof(buf));
	assert_int_equal(wire_update_decode(buf + 19, n - 19, &c, &u, &err),
	    WIRE_OK);
	nlri = u.nlri.v;
	chunk = u.attrs.chunks;
	assert_non_null(chunk);		/* 2-octet path widened into storage */
	for (i = 0; i < 10; i++) {
		assert_int_equal(wire_update_decode(buf + 19, n - 19, &c, &u,
		    &err), WIRE_OK);
		assert_ptr_equal(u.nlri.v, nlri);
		assert_ptr_equal(u.attrs.chunks, chunk);
		assert_int_equal(u.nlri.n, 200);
	}
	wire_update_fini(&x);
	wire_update_fini(&u);
}

static void
test_intern_mp_and_ipv4(void **state)
{
	struct wire_update x, u;
	struct wire_caps c = caps_make(true, 0);
	struct attr_table *t = attr_table_new();
	const struct attrs *a4, *a6, *again;
	struct wire_err err;
	uint8_t buf[4096];
	size_t n;

	(void)state;
	wire_update_init(&x);
	wire_update_init(&u);
	full_attrs(&x.attrs);
	pfx(&x.nlri, "192.0.2.0/24", 0);
	x.reach.present = true;
	x.reach.afi = AFI_IPV6;
	x.reach.safi = SAFI_UNICAST;
	assert_int_equal(addr_parse("2001:db8::1", &x.reach.nh), 0);
	assert_int_equal(addr_parse("fe80::1", &x.reach.nh_ll), 0);
	pfx(&x.reach.nlri, "2001:db8::/32", 0);
	n = wire_update_encode(&x, &c, buf, sizeof(buf));
	assert_int_equal(wire_update_decode(buf + 19, n - 19, &c, &u, &err),
	    WIRE_OK);
	a4 = wire_update_intern(&u, false, t);
	a6 = wire_update_intern(&u, true, t);
	assert_ptr_not_equal(a4, a6);
	assert_int_equal(attrs_nexthop(a4)->afi, AFI_IPV4);
	assert_false(a4->flags & ATTRS_HAS_NEXTHOP_LL);
	assert_int_equal(attrs_nexthop(a6)->afi, AFI_IPV6);
	assert_true(a6->flags & ATTRS_HAS_NEXTHOP_LL);
	assert_int_equal(attrs_nexthop_ll(a6).afi, x.reach.nh_ll.afi);
	assert_memory_equal(attrs_nexthop_ll(a6).a, x.reach.nh_ll.a, 16);
	/* The builder was restored: interning again finds the same set. */
	again = wire_update_intern(&u, false, t);
	assert_ptr_equal(again, a4);
	assert_int_equal(attr_table_count(t), 2);
	attrs_unref(t, a4);
	attrs_unref(t, a6);
	attrs_unref(t, again);
	assert_int_equal(attr_table_count(t), 0);
	assert_int_equal(attr_table_blob_count(t), 0);
	attr_table_free(t);
	wire_update_fini(&x);
	wire_update_fini(&u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_ipv4_all_attributes),
		cmocka_unit_test(test_round_trip_ipv6_link_local_and_unreach),
		cmocka_unit_test(test_round_trip_addpath),
		cmocka_unit_test(test_round_trip_long_path_extended_length),
		cmocka_unit_test(test_as4_reconstruction),
		cmocka_unit_test(test_end_of_rib),
		cmocka_unit_test(test_pack),
		cmocka_unit_test(test_truncation_sweep),
		cmocka_unit_test(test_steady_state_reuses_memory),
		cmocka_unit_test(test_intern_mp_and_ipv4),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
