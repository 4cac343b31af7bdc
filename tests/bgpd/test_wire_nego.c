/*
 * Unit tests for bgpd/wire_nego.c: peer AS checks (2- and 4-octet, AS 0),
 * identifier and hold time refusals, Unsupported Capability with the exact
 * data, and the negotiated values: address families (RFC 4760 8 default),
 * ADD-PATH directions, hold/keepalive, route refresh and graceful restart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bgpd/wire_nego.h"
#include "tests/bgpd/msg_util.h"

#define LOCAL_AS 64512
#define LOCAL_ID 0x0a000001

static void
nego_conf(struct wire_nego_conf *c, uint32_t peer_as)
{
	memset(c, 0, sizeof(*c));
	c->local_as = LOCAL_AS;
	c->local_id = LOCAL_ID;
	c->peer_as = peer_as;
}

static void
nego_local(struct wire_open *o)
{
	wire_open_init(o, LOCAL_AS, 90, LOCAL_ID);
	wire_caps_add_mp(&o->caps, 1, 1);
	wire_caps_add_mp(&o->caps, 2, 1);
	wire_caps_set_flag(&o->caps, WIRE_CAPF_RR | WIRE_CAPF_ERR);
}

static void
nego_expect_err(const struct wire_open *l, const struct wire_open *p,
    const struct wire_nego_conf *c, uint8_t sub, const char *data)
{
	struct wire_nego n;
	struct wire_err err;
	uint8_t want[64];
	size_t len;

	assert_int_equal(wire_nego_open(l, p, c, &n, &err), WIRE_RESET);
	assert_int_equal(err.code, WIRE_ERR_OPEN);
	assert_int_equal(err.subcode, sub);
	len = hex_decode(data, want, sizeof(want));
	assert_int_equal(err.data_len, len);
	assert_memory_equal(err.data, want, len);
	assert_non_null(err.reason);
}

static void
test_nego_peer_as(void **state)
{
	struct wire_open l, p;
	struct wire_nego_conf c;
	struct wire_nego n;
	struct wire_err err;

	(void)state;
	nego_local(&l);
	wire_open_init(&p, 65000, 90, 0x0a000002);
	nego_conf(&c, 65001);
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_PEER_AS, "");
	nego_conf(&c, 65000);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.caps.peer_as, 65000);
	assert_false(n.caps.ibgp);
	nego_conf(&c, 0);	/* any AS */
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);

	/* 4-octet peer: My AS is AS_TRANS, capability 65 decides. */
	wire_open_init(&p, 4200000000u, 90, 0x0a000002);
	nego_conf(&c, 4200000000u);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.caps.peer_as, 4200000000u);
	assert_true(n.caps.as4);
	nego_conf(&c, WIRE_AS_TRANS);
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_PEER_AS, "");
	/* Without capability 65 the peer is AS_TRANS, not the 4-octet AS. */
	p.caps.has &= ~(uint32_t)WIRE_CAPF_AS4;
	nego_conf(&c, 4200000000u);
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_PEER_AS, "");
	nego_conf(&c, 0);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_false(n.caps.as4);
	assert_int_equal(n.caps.peer_as, WIRE_AS_TRANS);

	/* RFC 7607: AS 0 in either place. */
	wire_open_init(&p, 0, 90, 0x0a000002);
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_PEER_AS, "");
	wire_open_init(&p, 65000, 90, 0x0a000002);
	p.caps.as4 = 0;
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_PEER_AS, "");
}

static void
test_nego_identifier_and_hold(void **state)
{
	struct wire_open l, p;
	struct wire_nego_conf c;
	struct wire_nego n;
	struct wire_err err;

	(void)state;
	nego_local(&l);
	/* RFC 6286 2.2: same identifier refused from iBGP only. */
	wire_open_init(&p, LOCAL_AS, 90, LOCAL_ID);
	nego_conf(&c, LOCAL_AS);
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_ID, "");
	wire_open_init(&p, 65000, 90, LOCAL_ID);
	nego_conf(&c, 65000);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);

	/* Configured hold-time limits. */
	wire_open_init(&p, 65000, 0, 0x0a000002);
	c.reject_zero_hold = true;
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_HOLD, "");
	c.reject_zero_hold = false;
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.hold, 0);
	assert_int_equal(n.keepalive, 0);
	wire_open_init(&p, 65000, 5, 0x0a000002);
	c.min_hold = 9;
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_HOLD, "");
	c.min_hold = 5;
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.hold, 5);
	assert_int_equal(n.keepalive, 1);
	/* The smaller hold wins; keepalive is a third of it. */
	wire_open_init(&p, 65000, 240, 0x0a000002);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.hold, 90);
	assert_int_equal(n.keepalive, 30);
	assert_int_equal(n.peer_id, 0x0a000002);
}

static void
test_nego_required_caps(void **state)
{
	struct wire_open l, p;
	struct wire_nego_conf c;
	struct wire_nego n;
	struct wire_err err;

	(void)state;
	nego_local(&l);
	nego_conf(&c, 65000);
	wire_open_init(&p, 65000, 90, 0x0a000002);
	wire_caps_add_mp(&p.caps, 1, 1);
	c.require = WIRE_CAPF_AS4;
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	c.require = WIRE_CAPF_RR | WIRE_CAPF_ERR;
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_CAP, "0200 4600");
	/* Missing IPv6 unicast: the tuple we sent. */
	c.require = WIRE_CAPF_MP;
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_CAP, "0104 00020001");
	wire_caps_add_mp(&p.caps, 2, 1);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	/* No MP at all: every tuple we sent. */
	wire_open_init(&p, 65000, 90, 0x0a000002);
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_CAP,
	    "0104 00010001 0104 00020001");
	/* AS4 missing: our capability 65 with our AS. */
	p.caps.has = 0;
	c.require = WIRE_CAPF_AS4;
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_CAP, "4104 0000fc00");
	/* Required but not sent by us either: the code alone. */
	c.require = WIRE_CAPF_EXT_MSG;
	nego_expect_err(&l, &p, &c, WIRE_OPEN_BAD_CAP, "0600");
}

static void
test_nego_afs(void **state)
{
	struct wire_open l, p;
	struct wire_nego_conf c;
	struct wire_nego n;
	struct wire_err err;

	(void)state;
	nego_conf(&c, 0);
	/* Neither side sends MP: IPv4 unicast (RFC 4760 8). */
	wire_open_init(&l, LOCAL_AS, 90, LOCAL_ID);
	wire_open_init(&p, 65000, 90, 2);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.caps.afs, WIRE_AF_IPV4_UNICAST);
	/* We send v4+v6, the peer nothing: IPv4 unicast. */
	nego_local(&l);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.caps.afs, WIRE_AF_IPV4_UNICAST);
	/* The peer sends v6 only: v6 only. */
	wire_caps_add_mp(&p.caps, 2, 1);
	wire_caps_add_mp(&p.caps, 1, 128);	/* unknown to the codec */
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_int_equal(n.caps.afs, WIRE_AF_IPV6_UNICAST);
	assert_int_equal(wire_nego_afs(&p.caps), WIRE_AF_IPV6_UNICAST);
	/* Extended messages need both. */
	assert_false(n.caps.ext_msg);
	wire_caps_set_flag(&p.caps, WIRE_CAPF_EXT_MSG);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_false(n.caps.ext_msg);
	wire_caps_set_flag(&l.caps, WIRE_CAPF_EXT_MSG);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_true(n.caps.ext_msg);
	assert_int_equal(n.caps.local_as, LOCAL_AS);
}

static void
test_nego_addpath(void **state)
{
	static const struct {
		uint8_t local, peer;
		bool rx, tx;
	} rows[] = {
		{ 1, 2, true, false }, { 2, 1, false, true },
		{ 3, 3, true, true }, { 1, 1, false, false },
		{ 2, 2, false, false }, { 3, 0, false, false },
		{ 3, 7, false, false }, { 0, 3, false, false },
	};
	struct wire_open l, p;
	struct wire_nego_conf c;
	struct wire_nego n;
	struct wire_err err;
	size_t i;

	(void)state;
	nego_conf(&c, 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		nego_local(&l);
		wire_open_init(&p, 65000, 90, 2);
		wire_caps_add_mp(&p.caps, 1, 1);
		wire_caps_add_addpath(&l.caps, 1, 1, rows[i].local);
		wire_caps_add_addpath(&p.caps, 1, 1, rows[i].peer);
		/* IPv6 is not common, so ADD-PATH for it never counts. */
		wire_caps_add_addpath(&l.caps, 2, 1, 3);
		wire_caps_add_addpath(&p.caps, 2, 1, 3);
		assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err),
		    WIRE_OK);
		assert_int_equal(n.caps.addpath_rx,
		    rows[i].rx ? WIRE_AF_IPV4_UNICAST : 0);
		assert_int_equal(n.caps.addpath_tx,
		    rows[i].tx ? WIRE_AF_IPV4_UNICAST : 0);
	}
}

static void
test_nego_refresh_and_gr(void **state)
{
	struct wire_open l, p;
	struct wire_nego_conf c;
	struct wire_nego n;
	struct wire_err err;

	(void)state;
	nego_conf(&c, 0);
	nego_local(&l);
	wire_open_init(&p, 65000, 90, 2);
	wire_caps_add_mp(&p.caps, 1, 1);
	wire_caps_add_mp(&p.caps, 2, 1);
	wire_caps_set_flag(&p.caps, WIRE_CAPF_RR);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_true(n.rr);
	assert_false(n.enhanced_rr);
	assert_false(n.gr);
	wire_caps_set_flag(&p.caps, WIRE_CAPF_ERR);
	wire_caps_set_gr(&p.caps, WIRE_GR_R | WIRE_GR_N, 120);
	wire_caps_add_gr(&p.caps, 1, 1, WIRE_GR_AF_F);
	wire_caps_add_gr(&p.caps, 2, 1, 0);
	wire_caps_add_gr(&p.caps, 1, 128, WIRE_GR_AF_F);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_true(n.enhanced_rr);
	assert_true(n.gr);
	assert_true(n.gr_restarting);
	assert_false(n.gr_notification);	/* we did not send N */
	assert_int_equal(n.gr_time, 120);
	assert_int_equal(n.gr_afs, WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST);
	assert_int_equal(n.gr_fwd, WIRE_AF_IPV4_UNICAST);
	wire_caps_set_gr(&l.caps, WIRE_GR_N, 120);
	assert_int_equal(wire_nego_open(&l, &p, &c, &n, &err), WIRE_OK);
	assert_true(n.gr_notification);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nego_peer_as),
		cmocka_unit_test(test_nego_identifier_and_hold),
		cmocka_unit_test(test_nego_required_caps),
		cmocka_unit_test(test_nego_afs),
		cmocka_unit_test(test_nego_addpath),
		cmocka_unit_test(test_nego_refresh_and_gr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
