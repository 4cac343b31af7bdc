/*
 * Unit tests for yang/comm.c: community text forms (RFC 1997 and
 * well-known names, RFC 8092 large, RFC 4360 / 5668 extended) and the
 * regular-expression checks, including the '_' boundary of AS-path sets.
 */
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "yang/comm.h"

static void
test_comm_standard(void **state)
{
	static const struct {
		const char *text;
		int ret;
		uint32_t val;
	} cases[] = {
		{ "65000:100", 0, 0xFDE80064u },
		{ "0:0", 0, 0 },
		{ "65535:65535", 0, 0xFFFFFFFFu },
		{ "NO_EXPORT", 0, 0xFFFFFF01u },
		{ "NO_ADVERTISE", 0, 0xFFFFFF02u },
		{ "GRACEFUL_SHUTDOWN", 0, 0xFFFF0000u },
		{ "BLACKHOLE", 0, 0xFFFF029Au },
		{ "65536:1", -1, 0 },
		{ "1:65536", -1, 0 },
		{ "1:2:3", -1, 0 },
		{ "1:", -1, 0 },
		{ ":1", -1, 0 },
		{ "a:1", -1, 0 },
		{ "no_export", -1, 0 },
		{ "^65000:.*$", -1, 0 },
	};
	struct config_community c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&c, 0, sizeof(c));
		assert_int_equal(comm_parse(CONFIG_COMM_STANDARD, cases[i].text,
		    &c), cases[i].ret);
		if (cases[i].ret == 0)
			assert_int_equal(c.val.std, cases[i].val);
	}
}

static void
test_comm_large(void **state)
{
	struct config_community c;

	(void)state;
	assert_int_equal(comm_parse(CONFIG_COMM_LARGE, "4200000000:1:4294967295",
	    &c), 0);
	assert_int_equal(c.val.large[0], 4200000000u);
	assert_int_equal(c.val.large[1], 1);
	assert_int_equal(c.val.large[2], 4294967295u);
	assert_int_equal(comm_parse(CONFIG_COMM_LARGE, "1:2", &c), -1);
	assert_int_equal(comm_parse(CONFIG_COMM_LARGE, "1:2:3:4", &c), -1);
	assert_int_equal(comm_parse(CONFIG_COMM_LARGE, "4294967296:1:1", &c),
	    -1);
}

static void
test_comm_extended(void **state)
{
	static const uint8_t rt2[8] = { 0x00, 0x02, 0xFD, 0xE8, 0, 0, 0x01,
		0x00 };
	static const uint8_t soo4[8] = { 0x02, 0x03, 0xFA, 0x56, 0xEA, 0x00,
		0x00, 0x07 };
	static const uint8_t rtip[8] = { 0x01, 0x02, 192, 0, 2, 1, 0x00,
		0x2A };
	struct config_community c;

	(void)state;
	assert_int_equal(comm_parse(CONFIG_COMM_EXT, "rt:65000:256", &c), 0);
	assert_memory_equal(c.val.ext, rt2, 8);
	assert_int_equal(comm_parse(CONFIG_COMM_EXT, "soo:4200000000:7", &c),
	    0);
	assert_memory_equal(c.val.ext, soo4, 8);
	assert_int_equal(comm_parse(CONFIG_COMM_EXT, "rt:192.0.2.1:42", &c), 0);
	assert_memory_equal(c.val.ext, rtip, 8);
	/* A 4-octet AS leaves only 16 bits of local administrator. */
	assert_int_equal(comm_parse(CONFIG_COMM_EXT, "rt:4200000000:65536",
	    &c), -1);
	assert_int_equal(comm_parse(CONFIG_COMM_EXT, "xx:1:1", &c), -1);
	assert_int_equal(comm_parse(CONFIG_COMM_EXT, "rt:1.2.3:1", &c), -1);
	assert_int_equal(comm_parse(CONFIG_COMM_EXT, "rt:1", &c), -1);
}

static void
test_comm_regex(void **state)
{
	char *re = comm_aspath_regex("^65000_");
	regex_t rx;

	(void)state;
	assert_string_equal(re, "^65000(^| |$)");
	assert_int_equal(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
	assert_int_equal(regexec(&rx, "65000 7224", 0, NULL, 0), 0);
	assert_int_equal(regexec(&rx, "65000", 0, NULL, 0), 0);
	assert_int_not_equal(regexec(&rx, "650001 7224", 0, NULL, 0), 0);
	regfree(&rx);
	free(re);
	assert_true(comm_regex_is_valid("_7224$", true));
	assert_true(comm_regex_is_valid("^65000:(1|2)00$", false));
	assert_false(comm_regex_is_valid("^65000_(", true));
	assert_false(comm_regex_is_valid("[", false));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comm_standard),
		cmocka_unit_test(test_comm_large),
		cmocka_unit_test(test_comm_extended),
		cmocka_unit_test(test_comm_regex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
