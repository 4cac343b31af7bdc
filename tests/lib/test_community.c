/*
 * Unit tests for lib/community.c: membership, add/remove into builder
 * storage without touching the input, bgpdump text form of standard
 * communities, parse/print round trips for all three kinds.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_bgpdump_style),
		cmocka_unit_test(test_has_add_remove),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_ext),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
