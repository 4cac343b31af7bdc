/*
 * Unit tests for policy/ctext.c: community literals in standard, large and
 * extended form, well-known names, rejects, and print -> parse round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/ctext.h"

struct row {
	enum ctext_kind k;
	const char *in;
	int rc;
	const char *printed;	/* canonical text, when rc == 0 */
};

static const struct row rows[] = {
	{ CTEXT_STD, "65000:100", 0, "65000:100" },
	{ CTEXT_STD, "0:0", 0, "0:0" },
	{ CTEXT_STD, "65535:65535", 0, "65535:65535" },
	{ CTEXT_STD, "65536:1", -1, NULL },
	{ CTEXT_STD, "1:65536", -1, NULL },
	{ CTEXT_STD, "1:", -1, NULL },
	{ CTEXT_STD, ":1", -1, NULL },
	{ CTEXT_STD, "1:2:3", -1, NULL },
	{ CTEXT_STD, "^7224:.*$", -1, NULL },
	{ CTEXT_STD, "no-export", 0, "65535:65281" },
	{ CTEXT_STD, "NO_EXPORT", 0, "65535:65281" },
	{ CTEXT_STD, "graceful-shutdown", 0, "65535:0" },
	{ CTEXT_STD, "blackhole", 0, "65535:666" },
	{ CTEXT_STD, "NOPEER", 0, "65535:65284" },
	{ CTEXT_LARGE, "4200000000:1:2", 0, "4200000000:1:2" },
	{ CTEXT_LARGE, "4294967295:4294967295:4294967295", 0,
	    "4294967295:4294967295:4294967295" },
	{ CTEXT_LARGE, "4294967296:1:2", -1, NULL },
	{ CTEXT_LARGE, "1:2", -1, NULL },
	{ CTEXT_EXT, "rt:65000:100", 0, "rt:65000:100" },
	{ CTEXT_EXT, "rt:65000:4294967295", 0, "rt:65000:4294967295" },
	{ CTEXT_EXT, "soo:4200000000:7", 0, "soo:4200000000:7" },
	{ CTEXT_EXT, "rt:4200000000:65536", -1, NULL },
	{ CTEXT_EXT, "rt:192.0.2.1:5", 0, "rt:192.0.2.1:5" },
	{ CTEXT_EXT, "rt:192.0.2.1:65536", -1, NULL },
	{ CTEXT_EXT, "xx:1:2", -1, NULL },
	/* One parser with lib/community.c: its spelling is accepted too,
	 * bare numbers stay regular expressions. */
	{ CTEXT_EXT, "rt 65000:100", 0, "rt:65000:100" },
	{ CTEXT_EXT, "SOO 192.0.2.1:5", 0, "soo:192.0.2.1:5" },
	{ CTEXT_STD, "65000", -1, NULL },
	{ CTEXT_STD, "local-AS", 0, "65535:65283" },
	{ CTEXT_STD, "Accept_Own", 0, "65535:1" },
};

static void
test_ctext_table(void **state)
{
	uint8_t v[12];
	char buf[CTEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int rc = ctext_parse(rows[i].k, rows[i].in, v);

		if (rc != rows[i].rc)
			fail_msg("%s: rc %d", rows[i].in, rc);
		if (rc == 0)
			assert_string_equal(ctext_print(rows[i].k, v, buf,
			    sizeof(buf)), rows[i].printed);
	}
}

static void
test_ctext_wire_values(void **state)
{
	static const uint8_t rt[8] = { 0x00, 0x02, 0xfd, 0xe8, 0, 0, 0, 100 };
	static const uint8_t rt4[8] = { 0x02, 0x02, 0xfa, 0x56, 0xea, 0x00,
	    0, 7 };
	static const uint8_t opaque[8] = { 0x03, 0x0c, 0, 0, 0, 0, 0, 8 };
	uint8_t v[12];
	char buf[CTEXT_MAX];

	(void)state;
	assert_int_equal(ctext_parse(CTEXT_STD, "7224:7100", v), 0);
	assert_int_equal(ctext_get32(v), 7224u << 16 | 7100u);
	assert_int_equal(ctext_parse(CTEXT_EXT, "rt:65000:100", v), 0);
	assert_memory_equal(v, rt, 8);
	assert_int_equal(ctext_parse(CTEXT_EXT, "rt:4200000000:7", v), 0);
	assert_memory_equal(v, rt4, 8);
	assert_string_equal(ctext_print(CTEXT_EXT, opaque, buf, sizeof(buf)),
	    "0x030c000000000008");
	assert_int_equal(ctext_width(CTEXT_LARGE), 12);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctext_table),
		cmocka_unit_test(test_ctext_wire_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
