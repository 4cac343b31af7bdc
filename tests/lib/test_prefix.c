/* Unit tests for lib/prefix.c: masking, ordering, containment, text forms. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/prefix.h"

static void
test_prefix_mask_reports_host_bits(void **state)
{
	static const uint8_t b[] = { 11, 13, 255 };
	struct prefix p;
	char buf[PREFIX_STRLEN];

	(void)state;
	assert_true(prefix_from_bytes(&p, AFI_IPV4, 13, b));
	assert_string_equal(prefix_print(&p, buf, sizeof(buf)), "11.8.0.0/13");
	assert_false(prefix_from_bytes(&p, AFI_IPV4, 16, b));
}

static void
test_prefix_parse_print_v6(void **state)
{
	struct prefix p;
	char buf[PREFIX_STRLEN];

	(void)state;
	assert_int_equal(prefix_parse("2001:db8::/32", &p, true), 0);
	assert_int_equal(p.afi, AFI_IPV6);
	assert_string_equal(prefix_print(&p, buf, sizeof(buf)), "2001:db8::/32");
	assert_int_equal(prefix_parse("2001:db8::1/32", &p, true), -1);
	assert_int_equal(prefix_parse("2001:db8::1/32", &p, false), 0);
	assert_int_equal(prefix_parse("10.0.0.0/33", &p, false), -1);
	assert_int_equal(prefix_parse("10.0.0.0", &p, false), -1);
	assert_int_equal(prefix_parse("10.0.0.0/", &p, false), -1);
}

static void
test_prefix_contains_and_cmp(void **state)
{
	struct prefix a, b, c;

	(void)state;
	prefix_parse("10.0.0.0/8", &a, true);
	prefix_parse("10.1.0.0/16", &b, true);
	prefix_parse("11.0.0.0/8", &c, true);
	assert_true(prefix_contains(&a, &b));
	assert_false(prefix_contains(&b, &a));
	assert_false(prefix_contains(&a, &c));
	assert_true(prefix_cmp(&a, &b) < 0);
	assert_true(prefix_cmp(&b, &c) < 0);
	assert_int_equal(prefix_cmp(&a, &a), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix_mask_reports_host_bits),
		cmocka_unit_test(test_prefix_parse_print_v6),
		cmocka_unit_test(test_prefix_contains_and_cmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
