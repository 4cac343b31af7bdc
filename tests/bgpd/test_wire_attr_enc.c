/*
 * Unit tests for bgpd/wire_attr_enc.c: the exact bytes of every attribute
 * with canonical flags in type order, unknown attributes interleaved by
 * type, AS_TRANS / AS4_PATH / AS4_AGGREGATOR towards 2-octet speakers (RFC
 * 6793 4.2.2, confederation segments left out of AS4_PATH), the Extended
 * Length threshold, and oversize values failing the writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/wire_attr.h"
#include "lib/attr.h"
#include "lib/wr.h"
#include "tests/bgpd/msg_util.h"

/* Hex text to bytes; the callers' buffers are sized for their tables. */
static size_t
hex(const char *s, uint8_t *out)
{
	return hex_decode(s, out, SIZE_MAX);
}

static void
assert_encodes(const struct attr_builder *b, bool as4, bool nh,
    const char *want)
{
	struct wire_caps c;
	uint8_t got[2048], exp[2048];
	size_t n;
	struct wr w;

	memset(&c, 0, sizeof(c));
	c.as4 = as4;
	wr_init(&w, got, sizeof(got));
	wire_attrs_encode(&w, b, &c, nh);
	assert_true(wr_ok(&w));
	n = hex(want, exp);
	assert_int_equal(wr_len(&w), n);
	assert_memory_equal(got, exp, n);
}

static const uint8_t path4[] = { 2, 1, 0, 0, 0xfd, 0xe9 };
static const uint8_t comms[] = { 0xfd, 0xe8, 0, 100 };
static const uint8_t ecomms[] = { 0, 2, 0xfd, 0xe8, 0, 0, 0, 100 };
static const uint8_t lcomms[] = { 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 0, 0, 0, 2 };
static const uint8_t clusters[] = { 10, 0, 0, 9 };
static const uint8_t unknown[] = { 0xe0, 30, 0, 2, 0xab, 0xcd,
	0xf0, 99, 0, 1, 0xef };

static void
every_attr(struct attr_builder *b)
{
	attr_builder_init(b);
	b->a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP |
	    ATTRS_HAS_MED | ATTRS_HAS_LOCAL_PREF | ATTRS_HAS_ATOMIC_AGG |
	    ATTRS_HAS_AGGREGATOR | ATTRS_HAS_ORIGINATOR | ATTRS_HAS_OTC;
	b->a.med = 5;
	b->a.local_pref = 100;
	b->a.aggr_as = 65001;
	b->a.aggr_id = 0xc0000201;
	b->a.originator_id = 0x0a000009;
	b->a.otc = 65001;
	addr_from_ipv4(&b->a.nexthop, 0x0a000001);
	b->aspath.p = path4, b->aspath.len = sizeof(path4);
	b->comms.p = comms, b->comms.len = sizeof(comms);
	b->ecomms.p = ecomms, b->ecomms.len = sizeof(ecomms);
	b->lcomms.p = lcomms, b->lcomms.len = sizeof(lcomms);
	b->clusters.p = clusters, b->clusters.len = sizeof(clusters);
	b->unknown.p = unknown, b->unknown.len = sizeof(unknown);
}

static void
test_every_attribute_canonical(void **state)
{
	struct attr_builder b;

	(void)state;
	every_attr(&b);
	assert_encodes(&b, true, true,
	    "40 01 01 00 "
	    "40 02 06 02 01 00 00 fd e9 "
	    "40 03 04 0a 00 00 01 "
	    "80 04 04 00 00 00 05 "
	    "40 05 04 00 00 00 64 "
	    "40 06 00 "
	    "c0 07 08 00 00 fd e9 c0 00 02 01 "
	    "c0 08 04 fd e8 00 64 "
	    "80 09 04 0a 00 00 09 "
	    "80 0a 04 0a 00 00 09 "
	    "c0 10 08 00 02 fd e8 00 00 00 64 "
	    "e0 1e 02 ab cd "
	    "c0 20 0c 00 00 fd e8 00 00 00 01 00 00 00 02 "
	    "c0 23 04 00 00 fd e9 "
	    "e0 63 01 ef");
	/* Partial survives on recognised optional transitive attributes. */
	b.a.flags = ATTRS_HAS_AGGREGATOR | ATTRS_PARTIAL_AGGREGATOR |
	    ATTRS_PARTIAL_COMMS | ATTRS_PARTIAL_ECOMMS | ATTRS_PARTIAL_LCOMMS |
	    ATTRS_HAS_OTC | ATTRS_PARTIAL_OTC;
	b.unknown.len = 0;
	b.clusters.len = 0;
	assert_encodes(&b, true, true,
	    "e0 07 08 00 00 fd e9 c0 00 02 01 "
	    "e0 08 04 fd e8 00 64 "
	    "e0 10 08 00 02 fd e8 00 00 00 64 "
	    "e0 20 0c 00 00 fd e8 00 00 00 01 00 00 00 02 "
	    "e0 23 04 00 00 fd e9");
	/* Without NEXT_HOP (MP-only message). */
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_NEXTHOP;
	b.comms.len = b.ecomms.len = b.lcomms.len = b.clusters.len = 0;
	b.unknown.len = 0;
	assert_encodes(&b, true, false, "40 01 01 00");
}

static void
test_two_octet_session(void **state)
{
	/* (64512) 65001 70000 */
	static const uint8_t wide[] = { 3, 1, 0, 0, 0xfc, 0, 2, 2, 0, 0, 0xfd,
		0xe9, 0, 1, 0x11, 0x70 };
	struct attr_builder b;

	(void)state;
	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ASPATH | ATTRS_HAS_AGGREGATOR;
	b.a.aggr_as = 70000;
	b.a.aggr_id = 0xc0000201;
	b.aspath.p = wide, b.aspath.len = sizeof(wide);
	assert_encodes(&b, false, true,
	    "40 02 0a 03 01 fc 00 02 02 fd e9 5b a0 "
	    "c0 07 06 5b a0 c0 00 02 01 "
	    "c0 11 0a 02 02 00 00 fd e9 00 01 11 70 "
	    "c0 12 08 00 01 11 70 c0 00 02 01");
	/* Nothing wide: no AS4_* at all. */
	b.a.aggr_as = 65001;
	b.aspath.p = path4, b.aspath.len = sizeof(path4);
	assert_encodes(&b, false, true,
	    "40 02 04 02 01 fd e9 c0 07 06 fd e9 c0 00 02 01");
}

static void
test_extended_length_threshold(void **state)
{
	static uint8_t big[70000], sink[70000];
	struct attr_builder b;
	uint8_t out[600];
	struct wr w;

	(void)state;
	attr_builder_init(&b);
	b.comms.p = big;
	b.comms.len = 252;
	wr_init(&w, out, sizeof(out));
	wire_attrs_encode(&w, &b, &(struct wire_caps){ .as4 = true }, true);
	assert_int_equal(wr_len(&w), 3 + 252);
	assert_int_equal(out[0], 0xc0);
	assert_int_equal(out[2], 252);
	b.comms.len = 256;
	wr_init(&w, out, sizeof(out));
	wire_attrs_encode(&w, &b, &(struct wire_caps){ .as4 = true }, true);
	assert_int_equal(wr_len(&w), 4 + 256);
	assert_int_equal(out[0], 0xd0);
	assert_int_equal(out[2], 1);
	assert_int_equal(out[3], 0);
	/* A value longer than 16 bits can say fails the writer. */
	wr_init(&w, sink, sizeof(sink));
	wire_attr_put(&w, 0xc0, 99, big, 65536);
	assert_false(wr_ok(&w));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_attribute_canonical),
		cmocka_unit_test(test_two_octet_session),
		cmocka_unit_test(test_extended_length_threshold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
