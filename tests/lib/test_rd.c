/* Unit tests for lib/rd.c and lib/wr.c: bounds, sub-readers, sticky errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lib/rd.h"
#include "lib/wr.h"

static void
test_rd_reads_in_order(void **state)
{
	static const uint8_t b[] = { 1, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef };
	struct rd r;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	(void)state;
	rd_init(&r, b, sizeof(b));
	assert_true(rd_u8(&r, &u8));
	assert_int_equal(u8, 1);
	assert_true(rd_u16(&r, &u16));
	assert_int_equal(u16, 0x1234);
	assert_true(rd_u32(&r, &u32));
	assert_int_equal(u32, 0xdeadbeef);
	assert_true(rd_is_empty(&r));
	assert_false(rd_u8(&r, &u8));
}

static void
test_rd_short_read_does_not_move(void **state)
{
	static const uint8_t b[] = { 1, 2, 3 };
	struct rd r;
	uint32_t u32;
	uint16_t u16;

	(void)state;
	rd_init(&r, b, sizeof(b));
	assert_false(rd_u32(&r, &u32));
	assert_int_equal(rd_left(&r), 3);
	assert_true(rd_u16(&r, &u16));
	assert_false(rd_u16(&r, &u16));
	assert_int_equal(rd_left(&r), 1);
}

static void
test_rd_sub_is_bounded(void **state)
{
	static const uint8_t b[] = { 9, 8, 7, 6, 5 };
	struct rd r, s;
	uint16_t u16;
	uint8_t u8;

	(void)state;
	rd_init(&r, b, sizeof(b));
	assert_true(rd_sub(&r, 3, &s));
	assert_true(rd_u16(&s, &u16));
	assert_false(rd_u16(&s, &u16));
	assert_true(rd_u8(&s, &u8));
	assert_int_equal(u8, 7);
	assert_int_equal(rd_left(&r), 2);
	assert_false(rd_sub(&r, 3, &s));
}

static void
test_wr_sticky_error(void **state)
{
	uint8_t buf[5];
	struct wr w;
	size_t at;

	(void)state;
	wr_init(&w, buf, sizeof(buf));
	at = wr_mark(&w);
	wr_u16(&w, 0);
	wr_u16(&w, 0xabcd);
	wr_patch_u16(&w, at, 4);
	assert_true(wr_ok(&w));
	assert_int_equal(buf[1], 4);
	assert_int_equal(buf[2], 0xab);
	wr_u16(&w, 1);
	assert_false(wr_ok(&w));
	wr_u8(&w, 1);
	assert_false(wr_ok(&w));
	assert_int_equal(wr_len(&w), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rd_reads_in_order),
		cmocka_unit_test(test_rd_short_read_does_not_move),
		cmocka_unit_test(test_rd_sub_is_bounded),
		cmocka_unit_test(test_wr_sticky_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
