/*
 * Tests for bgpd/export.c: the export rules (side split, split horizon,
 * RFC 1997 well-known communities, iBGP, policy chain default) and the
 * eBGP rewrite (prepend, next-hop-self, LOCAL_PREF and MED removed); then
 * packing: many prefixes with one attribute set become few UPDATEs, which
 * decode back to exactly the prefixes and withdrawals put in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bgpd/export.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/community.h"

static const uint8_t path_65000[] = { 2, 1, 0, 0, 0xfd, 0xe8 };

struct ctx {
	struct attr_table *t;
	const struct attrs *in;
	struct export_key k;
	struct export_src src;
	struct prefix p;
};

static const struct attrs *
in_make(struct attr_table *t, uint32_t comm)
{
	struct attr_builder b;
	const struct attrs *a;
	uint8_t c[4] = { comm >> 24, comm >> 16, comm >> 8, comm };

	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP |
	    ATTRS_HAS_MED | ATTRS_HAS_LOCAL_PREF;
	b.a.origin = ORIGIN_IGP;
	b.a.med = 50;
	b.a.local_pref = 200;
	addr_parse("169.254.10.2", &b.a.nexthop);
	b.aspath.p = path_65000;
	b.aspath.len = sizeof(path_65000);
	if (comm != 0) {
		b.comms.p = c;
		b.comms.len = 4;
	}
	a = attrs_intern(t, &b);
	attr_builder_fini(&b);
	return a;
}

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->t = attr_table_new();
	c->in = in_make(c->t, 0);
	c->k.local_as = 64512;
	c->k.as4 = true;
	c->k.afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST;
	addr_parse("169.254.100.1", &c->k.nh4);
	c->src.peer_id = 1;
	c->src.side = 1;
	prefix_parse("10.1.0.0/16", &c->p, true);
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	attrs_unref(c->t, c->in);
	assert_int_equal(attr_table_count(c->t), 0);
	attr_table_free(c->t);
	free(c);
	return 0;
}

static void
test_ebgp_rewrite(void **state)
{
	struct ctx *c = *state;
	const struct attrs *a;
	char buf[64];

	a = export_attrs(c->t, &c->k, NULL, &c->p, c->in, &c->src, 9);
	assert_non_null(a);
	aspath_print(blob_bytes(a->aspath), buf, sizeof(buf));
	assert_string_equal(buf, "64512 65000");
	assert_string_equal(addr_print(attrs_nexthop(a), buf, sizeof(buf)),
	    "169.254.100.1");
	assert_false(a->flags & ATTRS_HAS_LOCAL_PREF);
	assert_false(a->flags & ATTRS_HAS_MED);
	assert_int_equal(a->origin, ORIGIN_IGP);
	attrs_unref(c->t, a);
}

static void
test_rules(void **state)
{
	struct ctx *c = *state;
	const struct attrs *noexp, *noadv, *a;
	struct pol_chain reject = { .v = NULL, .n = 0, .dflt = POL_REJECT };

	/* Link to link: never (SPEC.md 1.8). */
	c->k.side = 2;
	assert_null(export_attrs(c->t, &c->k, NULL, &c->p, c->in, &c->src,
	    9));
	c->k.side = 0;
	/* Not back to the peer it came from. */
	assert_null(export_attrs(c->t, &c->k, NULL, &c->p, c->in, &c->src,
	    1));
	/* RFC 8212: a chain without policies and default reject. */
	assert_null(export_attrs(c->t, &c->k, &reject, &c->p, c->in,
	    &c->src, 9));
	noexp = in_make(c->t, COMMUNITY_NO_EXPORT);
	noadv = in_make(c->t, COMMUNITY_NO_ADVERTISE);
	assert_null(export_attrs(c->t, &c->k, NULL, &c->p, noexp, &c->src,
	    9));
	c->k.ibgp = true;
	a = export_attrs(c->t, &c->k, NULL, &c->p, noexp, &c->src, 9);
	assert_non_null(a);
	/* iBGP: path unchanged, LOCAL_PREF kept. */
	assert_int_equal(blob_bytes(a->aspath).len, sizeof(path_65000));
	assert_int_equal(a->local_pref, 200);
	attrs_unref(c->t, a);
	assert_null(export_attrs(c->t, &c->k, NULL, &c->p, noadv, &c->src,
	    9));
	/* iBGP-learned routes do not go to iBGP peers. */
	c->src.ibgp = true;
	assert_null(export_attrs(c->t, &c->k, NULL, &c->p, c->in, &c->src,
	    9));
	attrs_unref(c->t, noexp);
	attrs_unref(c->t, noadv);
}

static void
test_ipv6_over_ipv4(void **state)
{
	struct ctx *c = *state;
	const struct attrs *a;
	struct prefix p6;
	char buf[64];

	prefix_parse("2001:db8::/32", &p6, true);
	a = export_attrs(c->t, &c->k, NULL, &p6, c->in, &c->src, 9);
	assert_non_null(a);
	assert_string_equal(addr_print(attrs_nexthop(a), buf, sizeof(buf)),
	    "::ffff:169.254.100.1");
	attrs_unref(c->t, a);
}

struct sink {
	size_t msgs, reach, unreach;
	struct wire_caps caps;
};

static void
emit(void *ctx, const uint8_t *msg, size_t len)
{
	struct sink *s = ctx;
	struct wire_update u;
	struct wire_err err;

	assert_true(len <= WIRE_MAX_LEN);
	assert_int_equal(msg[18], WIRE_UPDATE);
	wire_update_init(&u);
	assert_int_equal(wire_update_decode(msg + WIRE_HDR_LEN,
	    len - WIRE_HDR_LEN, &s->caps, &u, &err), WIRE_OK);
	s->msgs++;
	s->reach += u.nlri.n;
	s->unreach += u.withdrawn.n;
	wire_update_fini(&u);
}

static void
test_pack(void **state)
{
	struct ctx *c = *state;
	struct export_item *v = calloc(1210, sizeof(*v));
	const struct attrs *a1, *a2;
	struct sink s = { 0 };
	size_t i, n;

	a1 = export_attrs(c->t, &c->k, NULL, &c->p, c->in, &c->src, 9);
	c->k.local_as = 64513;
	a2 = export_attrs(c->t, &c->k, NULL, &c->p, c->in, &c->src, 9);
	for (i = 0; i < 1210; i++) {
		v[i].p.afi = AFI_IPV4;
		v[i].p.len = 24;
		v[i].p.a[0] = 10;
		v[i].p.a[1] = (uint8_t)(i >> 8);
		v[i].p.a[2] = (uint8_t)i;
		/* Interleaved: packing must regroup by attribute set. */
		v[i].a = i < 10 ? NULL : (i % 2 ? a1 : a2);
	}
	s.caps.as4 = true;
	s.caps.afs = WIRE_AF_IPV4_UNICAST;
	s.caps.local_as = 65000;
	s.caps.peer_as = 0;	/* two local ASes below: skip the check */
	n = export_pack(v, 1210, &s.caps, emit, &s);
	assert_int_equal(n, s.msgs);
	assert_int_equal(s.reach, 1200);
	assert_int_equal(s.unreach, 10);
	/* 600 /24s take 2400 bytes: one message per set, one withdrawal. */
	assert_int_equal(s.msgs, 3);
	attrs_unref(c->t, a1);
	attrs_unref(c->t, a2);
	free(v);
}

struct capture {
	uint8_t msg[WIRE_MAX_LEN];
	size_t len;
};

static void
capture(void *ctx, const uint8_t *msg, size_t len)
{
	struct capture *c = ctx;

	memcpy(c->msg, msg, len);
	c->len = len;
}

/* Built once with placeholders, patched per member. */
static void
test_nh_patch(void **state)
{
	struct ctx *c = *state;
	struct addr m4, m6, nh;
	struct export_item it;
	struct capture cap;
	struct wire_caps wc = { .as4 = true,
	    .afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST };
	struct wire_update u;
	struct wire_err err;
	char buf[64];
	int fam;

	addr_parse("169.254.10.5", &m4);
	addr_parse("fd20::9", &m6);
	for (fam = 0; fam < 3; fam++) {
		struct export_key k = c->k;

		memset(&k.nh4, 0, sizeof(k.nh4));
		memset(&k.nh6, 0, sizeof(k.nh6));
		if (fam == 0 || fam == 2)
			export_nh_placeholder(AFI_IPV4, &k.nh4);
		if (fam == 1)
			export_nh_placeholder(AFI_IPV6, &k.nh6);
		if (fam == 0)
			it.p = c->p;
		else
			prefix_parse("fd00:1::/48", &it.p, true);
		it.a = export_attrs(c->t, &k, NULL, &it.p, c->in, &c->src, 9);
		assert_non_null(it.a);
		assert_int_equal(export_pack(&it, 1, &wc, capture, &cap), 1);
		attrs_unref(c->t, it.a);
		assert_int_equal(export_nh_patch(cap.msg, cap.len, &m4, &m6),
		    0);
		wire_update_init(&u);
		assert_int_equal(wire_update_decode(cap.msg + WIRE_HDR_LEN,
		    cap.len - WIRE_HDR_LEN, &wc, &u, &err), WIRE_OK);
		nh = fam == 0 ? u.attrs.a.nexthop : u.reach.nh;
		assert_string_equal(addr_print(&nh, buf, sizeof(buf)),
		    fam == 0 ? "169.254.10.5" : fam == 1 ? "fd20::9" :
		    "::ffff:169.254.10.5");
		wire_update_fini(&u);
	}
	/* Not an UPDATE body: refused. */
	assert_int_equal(export_nh_patch(cap.msg, 20, &m4, &m6), -1);
}

static void
test_key_eq(void **state)
{
	struct ctx *c = *state;
	struct export_key k2 = c->k;

	assert_true(export_key_eq(&c->k, &k2));
	k2.policy_id++;
	assert_false(export_key_eq(&c->k, &k2));
	k2 = c->k;
	addr_parse("169.254.100.5", &k2.nh4);
	assert_false(export_key_eq(&c->k, &k2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ebgp_rewrite, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipv6_over_ipv4, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_pack, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_eq, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nh_patch, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
