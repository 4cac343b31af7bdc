/*
 * Unit tests for the `mrt dump` printer (tools/mrt_print.c) and its
 * bgpdump-compatible attribute reader (tools/mrt_attr.c): crafted records
 * in, exact bgpdump -m lines out. Covers bgpdump's IPv6 text, its AS4_PATH
 * merge and AGGREGATOR rules, community names, signed MP IPv4 local-pref,
 * the type 5 community quirk, and damaged NLRI warnings. Every expected
 * line was checked against bgpdump 1.6.2 run on the same records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bgpd/mrt.h"
#include "tools/mrt_print.h"

/* Print one record and return the text written (static buffer). */
static const char *
print_one(uint16_t type, uint16_t subtype, uint32_t usec, const uint8_t *b,
    size_t n, struct mrt_err *err, enum mrt_verdict *v)
{
	static char text[8192];
	struct mrt_out out;
	struct mrt_print pr;
	struct mrt_hdr h = { .ts = 1000, .type = type, .subtype = subtype,
	    .len = (uint32_t)n, .usec = usec, .et = type == MRT_BGP4MP_ET };
	FILE *f = tmpfile();
	size_t got;

	assert_non_null(f);
	mrt_out_init(&out, fileno(f));
	mrt_print_init(&pr, &out);
	*v = mrt_print_record(&pr, &h, b, err);
	mrt_print_fini(&pr);
	assert_int_equal(mrt_out_fini(&out), 0);
	rewind(f);
	got = fread(text, 1, sizeof(text) - 1, f);
	text[got] = '\0';
	fclose(f);
	return text;
}

/* An IPv6 STATE_CHANGE whose peer address is a. */
static const char *
state6(const uint8_t a[16])
{
	uint8_t b[44] = { 0, 1, 0, 2, 0, 0, 0, 2 };
	struct mrt_err err;
	enum mrt_verdict v;

	memcpy(b + 8, a, 16);
	b[41] = 1, b[43] = 6;
	return print_one(MRT_BGP4MP, MRT_BGP4MP_STATE_CHANGE, 0, b, sizeof(b),
	    &err, &v);
}

static void
test_ipv6_text_like_bgpdump(void **state)
{
	static const uint8_t fe80[16] = { 0xfe, 0x80 };
	static const uint8_t one_zero[16] = { 0x20, 0x01, 0x07, 0xf8, 0, 0x30,
		0, 0, 0, 2, 0, 1, 0, 0, 0x84, 0x47 };
	static const uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff,
		[12] = 192, [13] = 168, [14] = 2, [15] = 1 };
	static const uint8_t compat[16] = { [12] = 192, [13] = 168, [14] = 1,
		[15] = 2 };
	static const uint8_t loop[16] = { [15] = 1 };

	(void)state;
	assert_string_equal(state6(fe80), "BGP4MP|1000|STATE|fe80::|1|1|6\n");
	/* A single zero group is shortened too (RFC 5952 would not). */
	assert_string_equal(state6(one_zero),
	    "BGP4MP|1000|STATE|2001:7f8:30::2:1:0:8447|1|1|6\n");
	assert_string_equal(state6(mapped),
	    "BGP4MP|1000|STATE|::ffff:192.168.2.1|1|1|6\n");
	assert_string_equal(state6(compat),
	    "BGP4MP|1000|STATE|::192.168.1.2|1|1|6\n");
	assert_string_equal(state6(loop), "BGP4MP|1000|STATE|::1|1|1|6\n");
}

static void
test_et_timestamp(void **state)
{
	static const uint8_t b[] = { 0, 1, 0, 2, 0, 0, 0, 1, 10, 0, 0, 1,
		10, 0, 0, 2, 0, 1, 0, 2 };
	struct mrt_err err;
	enum mrt_verdict v;

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP_ET, MRT_BGP4MP_STATE_CHANGE,
	    42, b, sizeof(b), &err, &v),
	    "BGP4MP_ET|1000.000042|STATE|10.0.0.1|1|1|2\n");
}

/* A BGP4MP MESSAGE (2-octet) UPDATE record with attrs and IPv4 NLRI. */
static size_t
update_rec(uint8_t *b, const uint8_t *attrs, size_t alen, const uint8_t *nlri,
    size_t nlen)
{
	static const uint8_t head[] = { 0xfd, 0xe8, 0xfd, 0xe9, 0, 0, 0, 1,
		192, 0, 2, 1, 192, 0, 2, 2 };
	size_t n = 0, mlen = 19 + 4 + alen + nlen;

	memcpy(b, head, sizeof(head));
	n = sizeof(head);
	memset(b + n, 0xff, 16);
	n += 16;
	b[n++] = (uint8_t)(mlen >> 8), b[n++] = (uint8_t)mlen;
	b[n++] = 2;			/* UPDATE */
	b[n++] = 0, b[n++] = 0;		/* no withdrawn routes */
	b[n++] = (uint8_t)(alen >> 8), b[n++] = (uint8_t)alen;
	memcpy(b + n, attrs, alen);
	n += alen;
	if (nlen)
		memcpy(b + n, nlri, nlen);
	return n + nlen;
}

static void
test_as4_merge_and_aggregator(void **state)
{
	static const uint8_t attrs[] = {
		0x40, 1, 1, 0,				/* ORIGIN IGP */
		0x40, 2, 14, 2, 4, 0, 1, 0, 2, 0x5b, 0xa0, 0x5b, 0xa0,
		1, 1, 0, 5,				/* 1 2 T T {5} */
		0x40, 3, 4, 192, 0, 2, 1,
		0xc0, 7, 6, 0x5b, 0xa0, 10, 0, 0, 9,	/* AGGREGATOR AS_TRANS */
		0xc0, 8, 12, 0xff, 0xff, 0xff, 0x01, 0xff, 0xff, 0xff, 0x03,
		0xfd, 0xe8, 0, 100,			/* COMMUNITIES */
		0xc0, 17, 10, 2, 2, 0, 1, 0x11, 0x70, 0, 1, 0x38, 0x80,
		0xc0, 18, 8, 0, 1, 0x11, 0x70, 10, 0, 0, 9,
	};
	static const uint8_t nlri[] = { 24, 198, 51, 100 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|198.51.100.0/24|"
	    "1 2 23456 70000 80000|IGP|192.0.2.1|0|0|"
	    "no-export local-AS 65000:100|NAG|70000 10.0.0.9|\n");
	assert_int_equal(v, MRT_OK);
}

static void
test_aggregator_blocks_as4_path(void **state)
{
	/* bgpdump: an AGGREGATOR other than AS_TRANS stops the AS4 merge. */
	static const uint8_t attrs[] = {
		0x40, 1, 1, 2,
		0x40, 2, 4, 2, 1, 0x5b, 0xa0,
		0x40, 6, 0,				/* ATOMIC_AGGREGATE */
		0xc0, 7, 6, 0, 100, 10, 0, 0, 9,
		0xc0, 17, 6, 2, 1, 0, 1, 0x11, 0x70,
		0xc0, 18, 8, 0, 1, 0x11, 0x70, 10, 0, 0, 9,
	};
	static const uint8_t nlri[] = { 8, 10 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|10.0.0.0/8|23456|INCOMPLETE|"
	    "255.255.255.255|0|0||AG|100 10.0.0.9|\n");
}

static void
test_mp_ipv4_signed_pref(void **state)
{
	/* MP_REACH IPv4 unicast: bgpdump prints local-pref with %d. */
	static const uint8_t attrs[] = {
		0x40, 5, 4, 0x80, 0, 0, 0,
		0x80, 14, 12, 0, 1, 1, 4, 10, 9, 9, 9, 0, 16, 172, 16,
	};
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), NULL, 0);

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|172.16.0.0/16||INCOMPLETE|"
	    "10.9.9.9|-2147483648|0||NAG||\n");
}

static void
test_bad_nlri_warns(void **state)
{
	static const uint8_t attrs[] = { 0x40, 1, 1, 0 };
	static const uint8_t nlri[] = { 16, 10, 1, 33, 1, 2, 3, 4, 5 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|10.1.0.0/16||IGP|"
	    "255.255.255.255|0|0||NAG||\n");
	assert_int_equal(v, MRT_OK);
	assert_non_null(err.reason);
}

static void
test_bgp5_community_glued(void **state)
{
	/* Type 5 lines have no '|' between MED and communities (bgpdump). */
	static const uint8_t b[] = {
		0x0d, 0x05, 193, 0, 0, 56, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 11,
		0x40, 1, 1, 0, 0xc0, 8, 4, 0x0b, 0x62, 0x01, 0xa4,
		16, 10, 1,
	};
	struct mrt_err err;
	enum mrt_verdict v;

	(void)state;
	assert_string_equal(print_one(MRT_BGP, MRT_BGP_UPDATE, 0, b, sizeof(b),
	    &err, &v),
	    "BGP|1000|A|193.0.0.56|3333|10.1.0.0/16||IGP|255.255.255.255|0|"
	    "02914:420|NAG||\n");
}

static void
test_rib_without_peer_table(void **state)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 8, 10, 0, 0 };
	struct mrt_err err;
	enum mrt_verdict v;

	(void)state;
	assert_string_equal(print_one(MRT_TABLE_DUMP_V2,
	    MRT_TD2_RIB_IPV4_UNICAST, 0, b, sizeof(b), &err, &v), "");
	assert_int_equal(v, MRT_ERR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv6_text_like_bgpdump),
		cmocka_unit_test(test_et_timestamp),
		cmocka_unit_test(test_as4_merge_and_aggregator),
		cmocka_unit_test(test_aggregator_blocks_as4_path),
		cmocka_unit_test(test_mp_ipv4_signed_pref),
		cmocka_unit_test(test_bad_nlri_warns),
		cmocka_unit_test(test_bgp5_community_glued),
		cmocka_unit_test(test_rib_without_peer_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
