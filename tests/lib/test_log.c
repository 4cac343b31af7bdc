/* Unit tests for lib/log.c: debug category lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/log.h"

static void
test_debug_parse_lists(void **state)
{
	unsigned v = 12345;

	(void)state;
	assert_int_equal(log_debug_parse("fsm", &v), 0);
	assert_int_equal(v, LOG_CAT_FSM);
	assert_int_equal(log_debug_parse("update,rib,policy", &v), 0);
	assert_int_equal(v, LOG_CAT_UPDATE | LOG_CAT_RIB | LOG_CAT_POLICY);
	assert_int_equal(log_debug_parse("none", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(log_debug_parse("all", &v), 0);
	assert_int_equal(v, ~0u);
}

static void
test_debug_parse_rejects_unknown(void **state)
{
	unsigned v = 7;

	(void)state;
	assert_int_equal(log_debug_parse("fsm,bogus", &v), -1);
	assert_int_equal(v, 7);
	assert_int_equal(log_debug_parse("fs", &v), -1);
	assert_int_equal(log_debug_parse("fsmx", &v), -1);
	assert_int_equal(log_debug_parse("fsm,,rib", &v), -1);
	assert_int_equal(v, 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debug_parse_lists),
		cmocka_unit_test(test_debug_parse_rejects_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
