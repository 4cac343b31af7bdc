/*
 * Unit tests for lib/community.c: membership, add/remove into builder
 * storage without touching the input, bgpdump text form of standard
 * communities, parse/print round trips for all three kinds, both text
 * forms (bgpdump and config) and both route-target spellings, names in any
 * case, and the literal parse without bare numbers that policy uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/community.h"

static const uint8_t comms[] = {
	0xfd, 0xe8, 0x00, 0x64,		/* 65000:100 */
	0xff, 0xff, 0xff, 0x01,		/* no-export */
	0xff, 0xff, 0xff, 0x02,		/* no-advertise */
	0xff, 0xff, 0xff, 0x03,		/* local-AS */
	0xff, 0xff, 0x00, 0x00,		/* graceful shutdown */
	0x00, 0x00, 0x00, 0x00,
};

static void
test_print_bgpdump_style(void **state)
{
	struct bytes v = { comms, sizeof(comms) };
	char buf[128], small[10];

	(void)state;
	community_print(v, buf, sizeof(buf));
	assert_string_equal(buf,
	    "65000:100 no-export no-advertise local-AS 65535:0 0:0");
	assert_int_equal(community_print(v, small, sizeof(small)),
	    strlen(buf));
	assert_string_equal(small, "65000:100");
	v.len = 0;
	community_print(v, buf, sizeof(buf));
	assert_string_equal(buf, "");
}

static void
test_has_add_remove(void **state)
{
	struct attr_builder b;
	struct bytes v = { comms, sizeof(comms) }, r;
	uint8_t copy[sizeof(comms)];
	char buf[128];

	(void)state;
	memcpy(copy, comms, sizeof(comms));
	attr_builder_init(&b);
	assert_true(community_has(v, COMMUNITY_NO_EXPORT));
	assert_false(community_has(v, 0x00010002));
	r = community_add(&b, v, COMMUNITY_NO_EXPORT);
	assert_ptr_equal(r.p, v.p);
	r = community_add(&b, v, 0x00010002);
	assert_int_equal(r.len, sizeof(comms) + 4);
	assert_true(community_has(r, 0x00010002));
	r = community_remove(&b, r, COMMUNITY_NO_ADVERTISE);
	r = community_remove(&b, r, 0);
	community_print(r, buf, sizeof(buf));
	assert_string_equal(buf, "65000:100 no-export local-AS 65535:0 1:2");
	assert_memory_equal(copy, comms, sizeof(comms));
	attr_builder_fini(&b);
}

static void
test_parse(void **state)
{
	static const struct {
		const char *s;
		int rc;
		uint32_t v;
	} t[] = {
		{ "65000:100", 0, 0xfde80064 }, { "no-export", 0, 0xffffff01 },
		{ "local-AS", 0, 0xffffff03 }, { "graceful-shutdown", 0,
		0xffff0000 }, { "4294967295", 0, 0xffffffff },
		{ "65536:1", -1, 0 }, { "1:65536", -1, 0 }, { "1:", -1, 0 },
		{ ":1", -1, 0 }, { "1:2x", -1, 0 }, { "", -1, 0 },
		{ "-1:2", -1, 0 },
	};
	uint32_t c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		c = 0;
		assert_int_equal(community_parse(t[i].s, &c), t[i].rc);
		if (t[i].rc == 0)
			assert_int_equal(c, t[i].v);
	}
}

static void
test_large(void **state)
{
	struct community_large c, d;
	struct attr_builder b;
	struct bytes v = { NULL, 0 };
	char buf[128];

	(void)state;
	attr_builder_init(&b);
	assert_int_equal(community_large_parse("4200000000:1:2", &c), 0);
	assert_int_equal(community_large_parse("1:2", &d), -1);
	assert_int_equal(community_large_parse("1:2:4294967296", &d), -1);
	assert_int_equal(community_large_parse("65000:0:7", &d), 0);
	v = community_large_add(&b, v, &c);
	v = community_large_add(&b, v, &d);
	v = community_large_add(&b, v, &c);
	assert_int_equal(v.len, 24);
	community_large_print(v, buf, sizeof(buf));
	assert_string_equal(buf, "4200000000:1:2 65000:0:7");
	v = community_large_remove(&b, v, &c);
	assert_false(community_large_has(v, &c));
	assert_true(community_large_has(v, &d));
	attr_builder_fini(&b);
}

static void
test_ext(void **state)
{
	static const char *const ok[] = {
		"rt 65000:100", "soo 192.0.2.1:7", "rt 4200000000:5",
	};
	struct attr_builder b;
	struct bytes v = { NULL, 0 };
	uint8_t ec[8], odd[8] = { 0x80, 0x06, 0, 0, 0, 0, 0, 0 };
	char buf[256];
	size_t i;

	(void)state;
	attr_builder_init(&b);
	for (i = 0; i < 3; i++) {
		assert_int_equal(community_ext_parse(ok[i], ec), 0);
		v = community_ext_add(&b, v, ec);
		assert_true(community_ext_has(v, ec));
	}
	v = community_ext_add(&b, v, odd);
	community_ext_print(v, buf, sizeof(buf));
	assert_string_equal(buf, "rt 65000:100 soo 192.0.2.1:7 "
	    "rt 4200000000:5 0x8006:000000000000");
	assert_int_equal(community_ext_parse("rt 4200000000:65536", ec), -1);
	assert_int_equal(community_ext_parse("xx 1:1", ec), -1);
	assert_int_equal(community_ext_parse("rt 300.1.1.1:1", ec), -1);
	v = community_ext_remove(&b, v, odd);
	assert_int_equal(v.len, 24);
	attr_builder_fini(&b);
}

/* Both spellings of route targets / origins parse to the same value. */
static void
test_ext_spellings(void **state)
{
	static const char *const pairs[][2] = {
		{ "rt 65000:100", "rt:65000:100" },
		{ "soo 192.0.2.1:7", "soo:192.0.2.1:7" },
		{ "rt 4200000000:5", "RT:4200000000:5" },
		{ "soo 1:4294967295", "SOO:1:4294967295" },
	};
	uint8_t a[8], c[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		assert_int_equal(community_ext_parse(pairs[i][0], a), 0);
		assert_int_equal(community_ext_parse(pairs[i][1], c), 0);
		assert_memory_equal(a, c, 8);
	}
	assert_int_equal(community_ext_parse("rt:4200000000:65536", a), -1);
	assert_int_equal(community_ext_parse("rt-1:2", a), -1);
	assert_int_equal(community_ext_parse("rt:", a), -1);
	assert_int_equal(community_ext_parse("rt:1.2.3.4:65536", a), -1);
	assert_int_equal(community_ext_parse("rtx1:2", a), -1);
}

/* One value in each form; the config form parses back to the value. */
static void
test_format_forms(void **state)
{
	static const struct {
		uint8_t ec[8];
		const char *dump, *config;
	} t[] = {
		{ { 0x00, 0x02, 0xfd, 0xe8, 0, 0, 0, 100 }, "rt 65000:100",
		    "rt:65000:100" },
		{ { 0x01, 0x03, 192, 0, 2, 1, 0, 7 }, "soo 192.0.2.1:7",
		    "soo:192.0.2.1:7" },
		{ { 0x02, 0x02, 0xfa, 0x56, 0xea, 0x00, 0, 5 },
		    "rt 4200000000:5", "rt:4200000000:5" },
		{ { 0x03, 0x0c, 0, 0, 0, 0, 0, 8 }, "0x030c:000000000008",
		    "0x030c000000000008" },
		{ { 0x40, 0x02, 0, 1, 0, 0, 0, 2 }, "0x4002:000100000002",
		    "0x4002000100000002" },
	};
	char buf[COMMUNITY_TEXT_MAX];
	uint8_t back[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(community_ext_value_print(t[i].ec,
		    COMMUNITY_FORM_BGPDUMP, buf, sizeof(buf)),
		    strlen(t[i].dump));
		assert_string_equal(buf, t[i].dump);
		community_ext_value_print(t[i].ec, COMMUNITY_FORM_CONFIG, buf,
		    sizeof(buf));
		assert_string_equal(buf, t[i].config);
		if (t[i].config[0] != '0') {
			assert_int_equal(community_ext_parse(buf, back), 0);
			assert_memory_equal(back, t[i].ec, 8);
		}
	}
	community_value_print(COMMUNITY_NO_EXPORT, COMMUNITY_FORM_BGPDUMP, buf,
	    sizeof(buf));
	assert_string_equal(buf, "no-export");
	community_value_print(COMMUNITY_NO_EXPORT, COMMUNITY_FORM_CONFIG, buf,
	    sizeof(buf));
	assert_string_equal(buf, "65535:65281");
	assert_int_equal(community_value_print(0xfde80064,
	    COMMUNITY_FORM_CONFIG, buf, 4), 9);
	assert_string_equal(buf, "650");
}

/* Names in any case and with "_"; the literal form has no bare number. */
static void
test_parse_names_and_literal(void **state)
{
	uint32_t c = 0;

	(void)state;
	assert_int_equal(community_parse("NO_EXPORT", &c), 0);
	assert_int_equal(c, COMMUNITY_NO_EXPORT);
	assert_int_equal(community_parse("nopeer", &c), 0);
	assert_int_equal(c, COMMUNITY_NO_PEER);
	assert_int_equal(community_parse("Accept-Own", &c), 0);
	assert_int_equal(c, COMMUNITY_ACCEPT_OWN);
	assert_int_equal(community_parse("no-export-", &c), -1);
	assert_int_equal(community_parse("no-expor", &c), -1);
	assert_int_equal(community_literal_parse("4294967295", &c), -1);
	assert_int_equal(community_literal_parse("7224:7300", &c), 0);
	assert_int_equal(c, 7224u << 16 | 7300u);
	assert_int_equal(community_literal_parse("local-AS", &c), 0);
	assert_int_equal(c, COMMUNITY_NO_EXPORT_SUBCONFED);
	assert_int_equal(community_literal_parse("^7224:.*$", &c), -1);
	community_encode((uint8_t *)&c, 0x01020304);
	assert_memory_equal(&c, "\x01\x02\x03\x04", 4);
	assert_int_equal(community_decode((const uint8_t *)&c), 0x01020304);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_bgpdump_style),
		cmocka_unit_test(test_has_add_remove),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_ext),
		cmocka_unit_test(test_ext_spellings),
		cmocka_unit_test(test_format_forms),
		cmocka_unit_test(test_parse_names_and_literal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
