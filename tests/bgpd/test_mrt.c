/*
 * Unit tests for the MRT record decoders (bgpd/mrt_rec.c, mrt_td1.c,
 * mrt_td2.c, mrt_bgp4mp.c, mrt_bgp.c): a table of crafted records with their
 * expected values, and a sweep that truncates every valid record body at
 * every offset and requires an error (never a crash or a read past the end;
 * run under ASan in the sanitizer build).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/mrt.h"

/* TABLE_DUMP_V2 PEER_INDEX_TABLE: collector 10.0.0.1, view "v", 2 peers. */
static const uint8_t peer_index[] = {
	10, 0, 0, 1, 0, 1, 'v', 0, 2,
	0x00, 1, 1, 1, 1, 192, 0, 2, 1, 0xfd, 0xe8,	/* IPv4, AS 65000 */
	0x03, 2, 2, 2, 2, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 1, 0xfa, 0x56, 0xea, 0x00,		/* IPv6, AS 4200000000 */
};

/* RIB_IPV4_UNICAST_ADDPATH: seq 7, 10.1.0.0/16 with a host bit, 1 entry. */
static const uint8_t rib_ap[] = {
	0, 0, 0, 7, 16, 10, 1, 0, 1,
	0, 1, 0x5f, 0x5e, 0x10, 0x00, 0, 0, 0, 9, 0, 4,
	0x40, 1, 1, 0,					/* ORIGIN IGP */
};

/* RIB_IPV4_UNICAST (no path id) with host bits set: 10.1.2.3/16. */
static const uint8_t rib_v4[] = {
	0, 0, 0, 1, 16, 10, 1, 0, 1,
	0, 0, 0x5f, 0x5e, 0x10, 0x00, 0, 0,
};

/* RIB_GENERIC IPv6 unicast 2001:db8::/32, no entries. */
static const uint8_t rib_generic[] = {
	0, 0, 0, 2, 0, 2, 1, 32, 0x20, 0x01, 0x0d, 0xb8, 0, 0,
};

/* TABLE_DUMP AFI_IPv4: 192.0.2.0/24 from 198.51.100.1 AS 64500. */
static const uint8_t td1[] = {
	0, 0, 0, 5, 192, 0, 2, 0, 24, 1, 0x5f, 0x5e, 0x10, 0x00,
	198, 51, 100, 1, 0xfb, 0xf4, 0, 4, 0x40, 1, 1, 2,
};

/* BGP4MP STATE_CHANGE_AS4 IPv4: AS 4200000000 -> 65000, Active -> Connect. */
static const uint8_t state_as4[] = {
	0xfa, 0x56, 0xea, 0x00, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1,
	192, 0, 2, 1, 192, 0, 2, 2, 0, 3, 0, 2,
};

/* BGP4MP MESSAGE (2-octet ASNs) carrying a KEEPALIVE. */
static const uint8_t msg_keepalive[] = {
	0xfd, 0xe8, 0xfd, 0xe9, 0, 0, 0, 1, 192, 0, 2, 1, 192, 0, 2, 2,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 19, 4,
};

/* Deprecated type 5 BGP_STATE_CHANGE. */
static const uint8_t bgp5_state[] = { 0x0d, 0x05, 193, 0, 0, 56, 0, 1, 0, 2 };

static void
test_hdr_plain_and_et(void **state)
{
	static const uint8_t plain[] = { 0, 0, 0, 1, 0, 13, 0, 2, 0, 0, 0, 9 };
	static const uint8_t et[] = { 0, 0, 0, 1, 0, 17, 0, 4, 0, 0, 0, 10,
		0, 0, 0, 42 };
	struct mrt_hdr h;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_hdr_decode(plain, sizeof(plain), &h, &e), MRT_OK);
	assert_int_equal(h.type, MRT_TABLE_DUMP_V2);
	assert_int_equal(h.len, 9);
	assert_false(h.et);
	assert_int_equal(mrt_hdr_len(&h), 12);
	assert_int_equal(mrt_hdr_decode(et, sizeof(et), &h, &e), MRT_OK);
	assert_true(h.et);
	assert_int_equal(h.usec, 42);
	assert_int_equal(h.len, 6);	/* RFC 6396 3: usec counted in length */
	assert_int_equal(mrt_hdr_decode(et, 15, &h, &e), MRT_ERR);
	assert_int_equal(mrt_hdr_decode(plain, 11, &h, &e), MRT_ERR);
}

static void
test_known_types(void **state)
{
	(void)state;
	assert_true(mrt_is_known(MRT_TABLE_DUMP_V2, MRT_TD2_RIB_GENERIC_AP));
	assert_false(mrt_is_known(MRT_TABLE_DUMP_V2, MRT_TD2_GEO_PEER_TABLE));
	assert_false(mrt_is_known(MRT_BGP4MP, MRT_BGP4MP_ENTRY));
	assert_true(mrt_is_known(MRT_BGP4MP_ET, MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP));
	assert_false(mrt_is_known(MRT_ISIS, 0));
	assert_true(mrt_is_known(MRT_BGP, MRT_BGP_UPDATE));
	assert_false(mrt_is_replayable(MRT_BGP, MRT_BGP_UPDATE));
	assert_string_equal(mrt_subtype_name(MRT_BGP4MP, 9),
	    "MESSAGE_AS4_ADDPATH");
}

static void
test_peer_index(void **state)
{
	struct mrt_peer_index t;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_peer_index_decode(peer_index, sizeof(peer_index),
	    &t, &e), MRT_OK);
	assert_null(e.reason);
	assert_int_equal(t.collector_id, 0x0a000001);
	assert_string_equal(t.view, "v");
	assert_int_equal(t.count, 2);
	assert_int_equal(t.peers[0].as, 65000);
	assert_int_equal(t.peers[0].ip.afi, AFI_IPV4);
	assert_int_equal(t.peers[1].as, 4200000000u);
	assert_int_equal(t.peers[1].ip.afi, AFI_IPV6);
	assert_int_equal(t.peers[1].ip.a[15], 1);
	mrt_peer_index_fini(&t);
}

static void
test_peer_index_count_bounded(void **state)
{
	/* 65535 peers announced in a 9-byte record: refused before allocating. */
	static const uint8_t b[] = { 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0 };
	struct mrt_peer_index t;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_peer_index_decode(b, sizeof(b), &t, &e), MRT_ERR);
	assert_null(t.peers);
	mrt_peer_index_fini(&t);
}

static void
test_rib_addpath(void **state)
{
	struct mrt_rib rib;
	struct mrt_rib_entry en;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_rib_decode(rib_ap, sizeof(rib_ap),
	    MRT_TD2_RIB_IPV4_UNICAST_AP, &rib, &e), MRT_OK);
	assert_true(rib.addpath);
	assert_int_equal(rib.seq, 7);
	assert_int_equal(rib.pfx.len, 16);
	assert_int_equal(rib.pfx.a[1], 1);
	assert_int_equal(rib.count, 1);
	assert_int_equal(mrt_rib_next(&rib, &en, &e), MRT_OK);
	assert_int_equal(en.peer_idx, 1);
	assert_int_equal(en.path_id, 9);
	assert_int_equal(en.attrs.len, 4);
	assert_int_equal(mrt_rib_next(&rib, &en, &e), MRT_SKIP);
}

static void
test_rib_masks_host_bits(void **state)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 12, 10, 0x1f, 0, 0 };
	struct mrt_rib rib;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_rib_decode(b, sizeof(b), MRT_TD2_RIB_IPV4_UNICAST,
	    &rib, &e), MRT_OK);
	assert_true(rib.host_bits);
	assert_int_equal(rib.pfx.a[1], 0x10);
	assert_int_equal(mrt_rib_decode(rib_v4, sizeof(rib_v4),
	    MRT_TD2_RIB_IPV4_UNICAST, &rib, &e), MRT_OK);
	assert_false(rib.host_bits);
}

static void
test_rib_generic_and_bad_length(void **state)
{
	static const uint8_t bad[] = { 0, 0, 0, 1, 33, 1, 2, 3, 4, 5, 0, 0 };
	static const uint8_t vpn[] = { 0, 0, 0, 1, 0, 1, 128, 0, 0 };
	struct mrt_rib rib;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_rib_decode(rib_generic, sizeof(rib_generic),
	    MRT_TD2_RIB_GENERIC, &rib, &e), MRT_OK);
	assert_int_equal(rib.afi, AFI_IPV6);
	assert_int_equal(rib.pfx.len, 32);
	assert_int_equal(rib.count, 0);
	assert_int_equal(mrt_rib_decode(bad, sizeof(bad),
	    MRT_TD2_RIB_IPV4_UNICAST, &rib, &e), MRT_ERR);
	assert_int_equal(mrt_rib_decode(vpn, sizeof(vpn), MRT_TD2_RIB_GENERIC,
	    &rib, &e), MRT_SKIP);
}

static void
test_td1(void **state)
{
	struct mrt_td1 t;
	struct mrt_err e;
	uint8_t longer[sizeof(td1) + 4];

	(void)state;
	assert_int_equal(mrt_td1_decode(td1, sizeof(td1), 1, &t, &e), MRT_OK);
	assert_null(e.reason);
	assert_int_equal(t.seq, 5);
	assert_int_equal(t.pfx.len, 24);
	assert_int_equal(t.peer_as, 64500);
	assert_int_equal(t.attrs.len, 4);
	/* Bytes beyond the entry: decoded, with a warning. */
	memcpy(longer, td1, sizeof(td1));
	memset(longer + sizeof(td1), 0, 4);
	assert_int_equal(mrt_td1_decode(longer, sizeof(longer), 1, &t, &e),
	    MRT_OK);
	assert_non_null(e.reason);
	assert_int_equal(e.offset, sizeof(td1));
	assert_int_equal(mrt_td1_decode(td1, sizeof(td1), 9, &t, &e), MRT_SKIP);
}

static void
test_bgp4mp_state_and_message(void **state)
{
	static const uint8_t zebra8[] = { 0, 1, 0, 2, 0, 3, 0, 4 };
	struct mrt_bgp4mp m;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_bgp4mp_decode(state_as4, sizeof(state_as4),
	    MRT_BGP4MP_STATE_CHANGE_AS4, &m, &e), MRT_OK);
	assert_true(m.state && m.as4);
	assert_int_equal(m.peer_as, 4200000000u);
	assert_int_equal(m.old_state, 3);
	assert_int_equal(m.new_state, 2);
	assert_int_equal(mrt_bgp4mp_decode(msg_keepalive, sizeof(msg_keepalive),
	    MRT_BGP4MP_MESSAGE_LOCAL_AP, &m, &e), MRT_OK);
	assert_true(m.local && m.addpath && !m.as4);
	assert_int_equal(m.msg.len, 19);
	assert_int_equal(m.msg.p[18], 4);
	assert_int_equal(mrt_bgp4mp_decode(zebra8, sizeof(zebra8),
	    MRT_BGP4MP_STATE_CHANGE, &m, &e), MRT_OK);
	assert_true(m.zebra8);
	assert_int_equal(m.new_state, 4);
	assert_int_equal(mrt_bgp4mp_decode(zebra8, sizeof(zebra8),
	    MRT_BGP4MP_ENTRY, &m, &e), MRT_SKIP);
}

static void
test_bgp4mp_bad_marker(void **state)
{
	uint8_t b[sizeof(msg_keepalive)];
	struct mrt_bgp4mp m;
	struct mrt_err e;

	(void)state;
	memcpy(b, msg_keepalive, sizeof(b));
	b[20] = 0;
	assert_int_equal(mrt_bgp4mp_decode(b, sizeof(b), MRT_BGP4MP_MESSAGE,
	    &m, &e), MRT_ERR);
	assert_int_equal(e.offset, 21);
}

static void
test_bgp5_state(void **state)
{
	struct mrt_bgp b;
	struct mrt_err e;

	(void)state;
	assert_int_equal(mrt_bgp_decode(bgp5_state, sizeof(bgp5_state),
	    MRT_BGP_STATE_CHANGE, &b, &e), MRT_OK);
	assert_int_equal(b.peer_as, 3333);
	assert_int_equal(b.peer_ip.a[3], 56);
	assert_int_equal(b.new_state, 2);
}

/* Run one decoder over a body of n bytes; -1 for MRT_ERR. */
typedef int sweep_fn(const uint8_t *p, size_t n);

static int
sweep_peer_index(const uint8_t *p, size_t n)
{
	struct mrt_peer_index t;
	struct mrt_err e;
	enum mrt_verdict v = mrt_peer_index_decode(p, n, &t, &e);

	mrt_peer_index_fini(&t);
	return v == MRT_ERR ? -1 : 0;
}

static int
sweep_rib(const uint8_t *p, size_t n, uint16_t subtype)
{
	struct mrt_rib rib;
	struct mrt_rib_entry en;
	struct mrt_err e;
	enum mrt_verdict v = mrt_rib_decode(p, n, subtype, &rib, &e);

	while (v == MRT_OK)
		v = mrt_rib_next(&rib, &en, &e);
	return v == MRT_ERR ? -1 : 0;
}

static int
sweep_rib_ap(const uint8_t *p, size_t n)
{
	return sweep_rib(p, n, MRT_TD2_RIB_IPV4_UNICAST_AP);
}

static int
sweep_rib_generic(const uint8_t *p, size_t n)
{
	return sweep_rib(p, n, MRT_TD2_RIB_GENERIC);
}

static int
sweep_td1(const uint8_t *p, size_t n)
{
	struct mrt_td1 t;
	struct mrt_err e;

	return mrt_td1_decode(p, n, 1, &t, &e) == MRT_ERR ? -1 : 0;
}

static int
sweep_state(const uint8_t *p, size_t n)
{
	struct mrt_bgp4mp m;
	struct mrt_err e;

	return mrt_bgp4mp_decode(p, n, MRT_BGP4MP_STATE_CHANGE_AS4, &m, &e) ==
	    MRT_ERR ? -1 : 0;
}

static int
sweep_msg(const uint8_t *p, size_t n)
{
	struct mrt_bgp4mp m;
	struct mrt_err e;

	return mrt_bgp4mp_decode(p, n, MRT_BGP4MP_MESSAGE, &m, &e) == MRT_ERR ?
	    -1 : 0;
}

static int
sweep_bgp5(const uint8_t *p, size_t n)
{
	struct mrt_bgp b;
	struct mrt_err e;

	return mrt_bgp_decode(p, n, MRT_BGP_STATE_CHANGE, &b, &e) == MRT_ERR ?
	    -1 : 0;
}

static const struct sweep {
	const char *name;
	const uint8_t *b;
	size_t n;
	sweep_fn *fn;
} sweeps[] = {
	{ "peer_index", peer_index, sizeof(peer_index), sweep_peer_index },
	{ "rib_ap", rib_ap, sizeof(rib_ap), sweep_rib_ap },
	{ "rib_generic", rib_generic, sizeof(rib_generic), sweep_rib_generic },
	{ "td1", td1, sizeof(td1), sweep_td1 },
	{ "state_as4", state_as4, sizeof(state_as4), sweep_state },
	{ "msg_keepalive", msg_keepalive, sizeof(msg_keepalive), sweep_msg },
	{ "bgp5_state", bgp5_state, sizeof(bgp5_state), sweep_bgp5 },
};

/*
 * Every valid record decodes whole; cut at any shorter length it fails.
 * Each cut is copied into an exact-size heap block so ASan catches a read
 * one byte past the end.
 */
static void
test_truncation_sweep(void **state)
{
	size_t i, n;
	uint8_t *p;

	(void)state;
	for (i = 0; i < sizeof(sweeps) / sizeof(sweeps[0]); i++) {
		assert_int_equal(sweeps[i].fn(sweeps[i].b, sweeps[i].n), 0);
		for (n = 0; n < sweeps[i].n; n++) {
			p = malloc(n ? n : 1);
			memcpy(p, sweeps[i].b, n);
			if (sweeps[i].fn(p, n) != -1)
				fail_msg("%s cut at %zu bytes decoded",
				    sweeps[i].name, n);
			free(p);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hdr_plain_and_et),
		cmocka_unit_test(test_known_types),
		cmocka_unit_test(test_peer_index),
		cmocka_unit_test(test_peer_index_count_bounded),
		cmocka_unit_test(test_rib_addpath),
		cmocka_unit_test(test_rib_masks_host_bits),
		cmocka_unit_test(test_rib_generic_and_bad_length),
		cmocka_unit_test(test_td1),
		cmocka_unit_test(test_bgp4mp_state_and_message),
		cmocka_unit_test(test_bgp4mp_bad_marker),
		cmocka_unit_test(test_bgp5_state),
		cmocka_unit_test(test_truncation_sweep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
