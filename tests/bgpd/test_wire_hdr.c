/*
 * Unit tests for bgpd/wire_hdr.c: header decode of every error path with
 * its exact NOTIFICATION data, minimum lengths per type, the extended
 * maximum, encode round trip, wire_err_set and wire_af_bit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bgpd/wire.h"
#include "lib/wr.h"
#include "tests/bgpd/msg_util.h"

#define MARKER "ffffffffffffffffffffffffffffffff"

static void
test_hdr_min_lengths(void **state)
{
	static const struct {
		uint8_t type;
		uint16_t min;
	} mins[] = { { 1, 29 }, { 2, 23 }, { 3, 21 }, { 4, 19 }, { 5, 23 } };
	uint8_t buf[19];
	struct wire_hdr h;
	struct wire_err err;
	struct wr w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(mins) / sizeof(mins[0]); i++) {
		wr_init(&w, buf, sizeof(buf));
		wire_hdr_encode(&w, mins[i].min, mins[i].type);
		assert_true(wr_ok(&w));
		assert_int_equal(wire_hdr_decode(buf, 19, WIRE_MAX_LEN, &h,
		    &err), WIRE_OK);
		assert_int_equal(h.len, mins[i].min);
		assert_int_equal(h.type, mins[i].type);
		wr_init(&w, buf, sizeof(buf));
		wire_hdr_encode(&w, (uint16_t)(mins[i].min - 1), mins[i].type);
		assert_int_equal(wire_hdr_decode(buf, 19, WIRE_MAX_LEN, &h,
		    &err), WIRE_RESET);
		assert_int_equal(err.code, WIRE_ERR_HEADER);
		assert_int_equal(err.subcode, WIRE_HDR_BAD_LEN);
		assert_int_equal(err.data_len, 2);
		assert_int_equal(err.data[1], mins[i].min - 1);
	}
}

static void
test_hdr_errors(void **state)
{
	static const struct {
		const char *hex;
		size_t max;
		uint8_t sub;
		const char *data;
	} rows[] = {
		{ "00ffffffffffffffffffffffffffffff 0013 04", 4096, 1, "" },
		{ MARKER "0013 07", 4096, 3, "07" },
		{ MARKER "0013 ff", 4096, 3, "ff" },
		{ MARKER "1001 02", 4096, 2, "1001" },
		{ MARKER "0000 02", 4096, 2, "0000" },
		{ MARKER "0014 04", 65535, 2, "0014" },
		{ MARKER "ffff ff", 4096, 3, "ff" },
		{ MARKER "0013", 4096, 2, "" },
	};
	uint8_t buf[32], want[8], *b;
	struct wire_hdr h;
	struct wire_err err;
	size_t i, n, wn;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		n = hex_decode(rows[i].hex, buf, sizeof(buf));
		b = dup_exact(buf, n);
		assert_int_equal(wire_hdr_decode(b, n, rows[i].max, &h, &err),
		    WIRE_RESET);
		free(b);
		assert_int_equal(err.code, WIRE_ERR_HEADER);
		assert_int_equal(err.subcode, rows[i].sub);
		wn = hex_decode(rows[i].data, want, sizeof(want));
		assert_int_equal(err.data_len, wn);
		assert_memory_equal(err.data, want, wn);
		assert_non_null(err.reason);
	}
	n = hex_decode(MARKER "ffff 02", buf, sizeof(buf));
	assert_int_equal(wire_hdr_decode(buf, n, WIRE_MAX_LEN_EXT, &h, &err),
	    WIRE_OK);
	assert_int_equal(h.len, 65535);
}

static void
test_hdr_err_set_and_af_bit(void **state)
{
	struct wire_err err;

	(void)state;
	memset(&err, 0xaa, sizeof(err));
	assert_int_equal(wire_err_set(&err, 6, 2, 19, "why"), WIRE_RESET);
	assert_int_equal(err.code, 6);
	assert_int_equal(err.subcode, 2);
	assert_int_equal(err.data_len, 0);
	assert_int_equal(err.offset, 19);
	assert_string_equal(err.reason, "why");
	assert_int_equal(wire_af_bit(1, 1), WIRE_AF_IPV4_UNICAST);
	assert_int_equal(wire_af_bit(2, 1), WIRE_AF_IPV6_UNICAST);
	assert_int_equal(wire_af_bit(1, 2), WIRE_AF_IPV4_MULTICAST);
	assert_int_equal(wire_af_bit(2, 2), WIRE_AF_IPV6_MULTICAST);
	assert_int_equal(wire_af_bit(1, 128), 0);
	assert_int_equal(wire_af_bit(25, 65), 0);
	assert_int_equal(wire_af_bit(3, 1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hdr_min_lengths),
		cmocka_unit_test(test_hdr_errors),
		cmocka_unit_test(test_hdr_err_set_and_af_bit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
