/*
 * Unit tests for bgpd/wire_caps.c: each capability decoded from its bytes
 * and encoded back, malformed lengths with their exact NOTIFICATION data,
 * FQDN tolerance, unknown capabilities kept verbatim, limits, layout replay,
 * canonical layout and the Unsupported Capability data encoder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bgpd/wire_caps.h"
#include "lib/rd.h"
#include "lib/wr.h"
#include "tests/bgpd/msg_util.h"

/* Decode the value of one capability parameter given in hex. */
static enum wire_verdict
caps_from_hex(const char *hex, struct wire_capset *c, struct wire_err *err)
{
	uint8_t buf[1024], *b;
	enum wire_verdict v;
	struct rd r;
	size_t n;

	n = hex_decode(hex, buf, sizeof(buf));
	b = dup_exact(buf, n);
	wire_caps_init(c);
	rd_init(&r, b, n);
	memset(err, 0, sizeof(*err));
	v = wire_caps_decode(&r, 0, 30, c, err);
	free(b);
	return v;
}

/* Encode c and compare with the expected parameters, in hex. */
static void
caps_expect_encoding(const struct wire_capset *c, bool ext, const char *hex)
{
	uint8_t want[1024], got[1024];
	struct wr w;
	size_t n;

	n = hex_decode(hex, want, sizeof(want));
	wr_init(&w, got, sizeof(got));
	wire_caps_encode(&w, c, ext);
	assert_true(wr_ok(&w));
	assert_int_equal(wr_len(&w), n);
	assert_memory_equal(got, want, n);
}

static void
test_caps_each_known(void **state)
{
	struct wire_capset c;
	struct wire_err err;

	(void)state;
	assert_int_equal(caps_from_hex("01 04 0002 00 01", &c, &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_MP);
	assert_int_equal(c.n_mp, 1);
	assert_int_equal(c.mp[0].afi, 2);
	assert_int_equal(c.mp[0].safi, 1);

	assert_int_equal(caps_from_hex("02 00", &c, &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_RR);
	assert_int_equal(caps_from_hex("06 00", &c, &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_EXT_MSG);
	assert_int_equal(caps_from_hex("46 00", &c, &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_ERR);

	assert_int_equal(caps_from_hex("41 04 fa56ea01", &c, &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_AS4);
	assert_int_equal(c.as4, 4200000001u);

	/* GR: R and N set, time 4095, IPv4 with F, IPv6 without. */
	assert_int_equal(caps_from_hex("40 0a cfff 0001 01 80 0002 01 00", &c,
	    &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_GR);
	assert_int_equal(c.gr_flags, WIRE_GR_R | WIRE_GR_N);
	assert_int_equal(c.gr_time, 4095);
	assert_int_equal(c.n_gr, 2);
	assert_int_equal(c.gr[0].flags, WIRE_GR_AF_F);
	assert_int_equal(c.gr[1].afi, 2);
	assert_int_equal(c.gr[1].flags, 0);
	caps_expect_encoding(&c, false,
	    "02 0c 40 0a cfff 0001 01 80 0002 01 00");

	assert_int_equal(caps_from_hex("45 08 0001 01 03 0002 01 01", &c,
	    &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_ADDPATH);
	assert_int_equal(c.n_addpath, 2);
	assert_int_equal(c.addpath[0].flags, WIRE_ADDPATH_RX | WIRE_ADDPATH_TX);
	assert_int_equal(c.addpath[1].flags, WIRE_ADDPATH_RX);

	/* FQDN: "r1" in "lab". */
	assert_int_equal(caps_from_hex("49 07 02 7231 03 6c6162", &c, &err),
	    WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_FQDN);
	assert_int_equal(c.hostname_len, 2);
	assert_memory_equal(c.hostname, "r1", 2);
	assert_int_equal(c.domain_len, 3);
	assert_memory_equal(c.domain, "lab", 3);
	caps_expect_encoding(&c, false, "02 09 49 07 02 7231 03 6c6162");
}

struct caps_bad_case {
	const char *name;
	const char *hex;
	const char *data;	/* expected NOTIFICATION data */
};

static const struct caps_bad_case caps_bad[] = {
	{ "mp empty", "01 00", "0100" },
	{ "mp 6", "01 06 000100010001", "0106000100010001" },
	{ "rr 1", "02 01 ff", "0201ff" },
	{ "ext msg 2", "06 02 0000", "06020000" },
	{ "err 1", "46 01 00", "460100" },
	{ "gr 3", "40 03 000000", "4003000000" },
	{ "gr 7", "40 07 0078 0001018000", "40070078 0001018000" },
	{ "as4 3", "41 03 000001", "4103000001" },
	{ "as4 0", "41 00", "4100" },
	{ "addpath 2", "45 02 0001", "45020001" },
	{ "addpath 6", "45 06 000101 030001", "4506000101030001" },
	{ "overrun", "02 00 41 04 0000", "" },
	{ "lone code", "02", "" },
};

static void
test_caps_malformed(void **state)
{
	struct wire_capset c;
	struct wire_err err;
	uint8_t want[64];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(caps_bad) / sizeof(caps_bad[0]); i++) {
		if (caps_from_hex(caps_bad[i].hex, &c, &err) != WIRE_RESET)
			fail_msg("%s: accepted", caps_bad[i].name);
		n = hex_decode(caps_bad[i].data, want, sizeof(want));
		assert_int_equal(err.code, WIRE_ERR_OPEN);
		assert_int_equal(err.subcode, 0);
		if (err.data_len != n || memcmp(err.data, want, n) != 0)
			fail_msg("%s: data differs", caps_bad[i].name);
		assert_true(err.offset >= 30);
	}
}

static void
test_caps_long_bad_value_data_is_cut(void **state)
{
	char hex[600];
	struct wire_capset c;
	struct wire_err err;
	size_t i;

	(void)state;
	/* AS4 with a 100-byte value: data is code, length, first 62 bytes. */
	strcpy(hex, "41 64");
	for (i = 0; i < 100; i++)
		strcat(hex, "ab");
	assert_int_equal(caps_from_hex(hex, &c, &err), WIRE_RESET);
	assert_int_equal(err.data_len, WIRE_ERR_DATA_MAX);
	assert_int_equal(err.data[0], 0x41);
	assert_int_equal(err.data[1], 100);
	assert_int_equal(err.data[WIRE_ERR_DATA_MAX - 1], 0xab);
}

static void
test_caps_fqdn_tolerated(void **state)
{
	static const char *const bad[] = {
		"49 00", "49 01 05", "49 03 05 6162", "49 04 01 61 05 62",
		"49 04 01 61 00 ff",
	};
	struct wire_capset c;
	struct wire_err err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(caps_from_hex(bad[i], &c, &err), WIRE_OK);
		assert_int_equal(c.has, 0);
		assert_int_equal(c.n_unknown, 1);
		assert_int_equal(c.unknown[0].code, WIRE_CAP_FQDN);
	}
	/* Kept verbatim, so it encodes back unchanged. */
	caps_expect_encoding(&c, false, "02 06 49 04 01 61 00 ff");
	/* Empty names are fine. */
	assert_int_equal(caps_from_hex("49 02 00 00", &c, &err), WIRE_OK);
	assert_int_equal(c.has, WIRE_CAPF_FQDN);
	assert_int_equal(c.hostname_len, 0);
}

static void
test_caps_unknown_kept(void **state)
{
	struct wire_capset c;
	struct wire_err err;

	(void)state;
	assert_int_equal(caps_from_hex("80 00 09 01 03 05 00 47 00", &c, &err),
	    WIRE_OK);
	assert_int_equal(c.has, 0);
	assert_int_equal(c.n_unknown, 4);
	assert_int_equal(c.unknown[0].code, 128);
	assert_int_equal(c.unknown[1].code, 9);
	assert_int_equal(c.unknown[1].len, 1);
	assert_int_equal(c.unknown[1].data[0], 3);
	assert_int_equal(c.unknown[3].code, 71);
	/* Same parameter, same order. */
	caps_expect_encoding(&c, false, "02 09 80 00 09 01 03 05 00 47 00");
	caps_expect_encoding(&c, true, "02 0009 80 00 09 01 03 05 00 47 00");
	assert_string_equal(wire_caps_name(9), "BGP role");
	assert_string_equal(wire_caps_name(65), "4-octet AS");
	assert_string_equal(wire_caps_name(250), "unknown");
}

static void
test_caps_layout_replayed(void **state)
{
	struct wire_capset c;
	struct wire_err err;
	struct rd r;
	uint8_t p1[] = { 0x02, 0x00, 0x01, 0x04, 0x00, 0x01, 0x00, 0x01 };
	uint8_t p2[] = { 0x41, 0x04, 0x00, 0x00, 0xfd, 0xe8 };

	(void)state;
	/* Two parameters: {RR, MP v4} and {AS4}; mixed order kept. */
	wire_caps_init(&c);
	rd_init(&r, p1, sizeof(p1));
	assert_int_equal(wire_caps_decode(&r, 0, 0, &c, &err), WIRE_OK);
	rd_init(&r, p2, sizeof(p2));
	assert_int_equal(wire_caps_decode(&r, 1, 0, &c, &err), WIRE_OK);
	assert_int_equal(c.n_slots, 3);
	caps_expect_encoding(&c, false,
	    "02 08 0200 0104 00010001 02 06 4104 0000fde8");
	/* A builder call drops the layout: canonical, one per parameter. */
	wire_caps_add_mp(&c, 2, 1);
	caps_expect_encoding(&c, false,
	    "02 06 0104 00010001 02 06 0104 00020001 02 02 0200 "
	    "02 06 4104 0000fde8");
}

static void
test_caps_canonical(void **state)
{
	struct wire_capset c;

	(void)state;
	wire_caps_init(&c);
	caps_expect_encoding(&c, false, "");
	wire_caps_set_flag(&c, WIRE_CAPF_EXT_MSG | WIRE_CAPF_ERR |
	    WIRE_CAPF_RR);
	wire_caps_set_as4(&c, 65001);
	wire_caps_set_gr(&c, WIRE_GR_N, 5000);	/* clamped to 4095 */
	assert_int_equal(c.gr_time, 4095);
	wire_caps_add_gr(&c, 1, 1, WIRE_GR_AF_F);
	wire_caps_add_addpath(&c, 1, 1, WIRE_ADDPATH_RX);
	caps_expect_encoding(&c, false,
	    "02 02 0200 02 02 4600 02 02 0600 02 06 4104 0000fde9 "
	    "02 08 4006 4fff 00010180 02 06 4504 00010101");
}

static void
test_caps_limits(void **state)
{
	char hex[4096];
	struct wire_capset c;
	struct wire_err err;
	uint8_t buf[4096];
	struct wr w;
	int i;

	(void)state;
	/* 40 multiprotocol capabilities: 32 kept, 8 counted as dropped. */
	hex[0] = '\0';
	for (i = 0; i < 40; i++)
		snprintf(hex + strlen(hex), sizeof(hex) - strlen(hex),
		    "0104 %04x 00 01 ", i + 1);
	assert_int_equal(caps_from_hex(hex, &c, &err), WIRE_OK);
	assert_int_equal(c.n_mp, WIRE_CAPS_MAX_AF);
	assert_int_equal(c.dropped, 8);
	assert_int_equal(c.mp[31].afi, 32);
	/* 20 unknown: 16 kept. */
	hex[0] = '\0';
	for (i = 0; i < 20; i++)
		snprintf(hex + strlen(hex), sizeof(hex) - strlen(hex),
		    "%02x 00 ", 100 + i);
	assert_int_equal(caps_from_hex(hex, &c, &err), WIRE_OK);
	assert_int_equal(c.n_unknown, WIRE_CAPS_MAX_UNKNOWN);
	assert_int_equal(c.dropped, 4);
	/* More slots than the layout holds: canonical layout instead. */
	hex[0] = '\0';
	for (i = 0; i < WIRE_CAPS_MAX_SLOTS + 1; i++)
		strcat(hex, "0200 ");
	assert_int_equal(caps_from_hex(hex, &c, &err), WIRE_OK);
	assert_true(c.lost_layout);
	caps_expect_encoding(&c, false, "02 02 0200");
	/* An unknown capability of 255 bytes cannot fit a parameter of
	 * one-byte length, but fits an RFC 9072 one. */
	wire_caps_init(&c);
	c.unknown[0].code = 200;
	c.unknown[0].len = 255;
	c.n_unknown = 1;
	wr_init(&w, buf, sizeof(buf));
	wire_caps_encode(&w, &c, false);
	assert_false(wr_ok(&w));
	wr_init(&w, buf, sizeof(buf));
	wire_caps_encode(&w, &c, true);
	assert_true(wr_ok(&w));
	assert_int_equal(wr_len(&w), 3 + 2 + 255);
}

static void
test_caps_fqdn_builder(void **state)
{
	char longname[400];
	struct wire_capset c;

	(void)state;
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	wire_caps_init(&c);
	wire_caps_set_fqdn(&c, longname, "example.net");
	assert_int_equal(c.hostname_len, 251);
	assert_int_equal(c.domain_len, 0);
	wire_caps_set_fqdn(&c, "r1", longname);
	assert_int_equal(c.hostname_len, 2);
	assert_int_equal(c.domain_len, 249);
	{
		uint8_t buf[600];
		struct wr w;

		wr_init(&w, buf, sizeof(buf));
		wire_caps_encode(&w, &c, false);
		assert_true(wr_ok(&w));
		assert_int_equal(wr_len(&w), 2 + 2 + 253);
	}
}

static void
test_caps_encode_code(void **state)
{
	uint8_t buf[256], want[64];
	struct wire_capset c;
	struct wr w;
	size_t n;

	(void)state;
	wire_caps_init(&c);
	wire_caps_add_mp(&c, 1, 1);
	wire_caps_add_mp(&c, 2, 1);
	wire_caps_set_as4(&c, 65001);
	wr_init(&w, buf, sizeof(buf));
	wire_caps_encode_code(&w, &c, WIRE_CAP_MP);
	n = hex_decode("0104 00010001 0104 00020001", want, sizeof(want));
	assert_int_equal(wr_len(&w), n);
	assert_memory_equal(buf, want, n);
	wr_init(&w, buf, sizeof(buf));
	wire_caps_encode_code(&w, &c, WIRE_CAP_AS4);
	n = hex_decode("4104 0000fde9", want, sizeof(want));
	assert_int_equal(wr_len(&w), n);
	assert_memory_equal(buf, want, n);
	wr_init(&w, buf, sizeof(buf));
	wire_caps_encode_code(&w, &c, WIRE_CAP_RR);
	assert_int_equal(wr_len(&w), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_each_known),
		cmocka_unit_test(test_caps_malformed),
		cmocka_unit_test(test_caps_long_bad_value_data_is_cut),
		cmocka_unit_test(test_caps_fqdn_tolerated),
		cmocka_unit_test(test_caps_unknown_kept),
		cmocka_unit_test(test_caps_layout_replayed),
		cmocka_unit_test(test_caps_canonical),
		cmocka_unit_test(test_caps_limits),
		cmocka_unit_test(test_caps_fqdn_builder),
		cmocka_unit_test(test_caps_encode_code),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
