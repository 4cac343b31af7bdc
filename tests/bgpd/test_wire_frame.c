/*
 * Unit tests for bgpd/wire_frame.c: splitting a byte stream into messages
 * (whole buffers, byte-by-byte arrival, every split point), "need more"
 * counts, header errors, the extended-message maximum, and KEEPALIVE.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bgpd/wire_frame.h"
#include "bgpd/wire_refresh.h"
#include "lib/wr.h"
#include "tests/bgpd/msg_util.h"

#define MARKER "ffffffffffffffffffffffffffffffff"

/* KEEPALIVE, ROUTE-REFRESH, NOTIFICATION Cease/4, KEEPALIVE. */
#define STREAM MARKER "0013 04" MARKER "0017 05 00010001" \
	MARKER "0015 03 0604" MARKER "0013 04"

static const uint8_t stream_types[] = { 4, 5, 3, 4 };
static const size_t stream_lens[] = { 19, 23, 21, 19 };

/* Feed buf in chunks of step bytes, as a receive loop would. */
static void
frame_feed(const uint8_t *all, size_t total, size_t step)
{
	uint8_t buf[256];
	struct wire_frame f;
	struct wire_err err;
	size_t have = 0, fed = 0, got = 0, used;
	enum wire_frame_status s;

	while (got < sizeof(stream_types)) {
		used = 0;
		while ((s = wire_frame_next(buf + used, have - used,
		    WIRE_MAX_LEN, &f, &err)) == WIRE_FRAME_MSG) {
			assert_int_equal(f.type, stream_types[got]);
			assert_int_equal(f.len, stream_lens[got]);
			assert_int_equal(f.body_len, f.len - 19);
			assert_ptr_equal(f.msg, buf + used);
			assert_ptr_equal(f.body, buf + used + 19);
			used += f.len;
			got++;
		}
		assert_int_equal(s, WIRE_FRAME_MORE);
		assert_true(f.need > have - used);
		memmove(buf, buf + used, have - used);
		have -= used;
		if (fed == total)
			break;
		used = total - fed < step ? total - fed : step;
		memcpy(buf + have, all + fed, used);
		have += used;
		fed += used;
	}
	assert_int_equal(got, sizeof(stream_types));
	assert_int_equal(have, 0);
}

static void
test_frame_stream(void **state)
{
	uint8_t all[256];
	size_t n, step;

	(void)state;
	n = hex_decode(STREAM, all, sizeof(all));
	for (step = 1; step <= n; step++)
		frame_feed(all, n, step);
}

static void
test_frame_need(void **state)
{
	uint8_t all[64];
	struct wire_frame f;
	struct wire_err err;
	size_t n, k;

	(void)state;
	n = hex_decode(MARKER "0017 05 00010001", all, sizeof(all));
	for (k = 0; k < n; k++) {
		uint8_t *b = dup_exact(all, k);

		assert_int_equal(wire_frame_next(b, k, WIRE_MAX_LEN, &f,
		    &err), WIRE_FRAME_MORE);
		assert_int_equal(f.need, k < 19 ? 19 : 23);
		free(b);
	}
	assert_int_equal(wire_frame_next(all, n, WIRE_MAX_LEN, &f, &err),
	    WIRE_FRAME_MSG);
	assert_int_equal(f.len, 23);
}

struct frame_err_case {
	const char *name;
	const char *hex;
	size_t max;
	uint8_t sub;
	const char *data;
};

static const struct frame_err_case frame_errs[] = {
	{ "marker", "ffffffffffffffffffffffffffff7fff 0013 04", 4096, 1, "" },
	{ "type 0", MARKER "0013 00", 4096, 3, "00" },
	{ "type 6", MARKER "0013 06", 4096, 3, "06" },
	{ "len 18", MARKER "0012 04", 4096, 2, "0012" },
	{ "keepalive 20", MARKER "0014 04", 4096, 2, "0014" },
	{ "open 28", MARKER "001c 01", 4096, 2, "001c" },
	{ "update 22", MARKER "0016 02", 4096, 2, "0016" },
	{ "notification 20", MARKER "0014 03", 4096, 2, "0014" },
	{ "refresh 22", MARKER "0016 05", 4096, 2, "0016" },
	{ "update 4097", MARKER "1001 02", 4096, 2, "1001" },
	{ "update 65535 std", MARKER "ffff 02", 4096, 2, "ffff" },
	{ "open 4097 ext", MARKER "1001 01", 65535, 2, "1001" },
};

static void
test_frame_header_errors(void **state)
{
	uint8_t buf[64], want[8];
	struct wire_frame f;
	struct wire_err err;
	size_t i, n, wn;

	(void)state;
	for (i = 0; i < sizeof(frame_errs) / sizeof(frame_errs[0]); i++) {
		const struct frame_err_case *c = &frame_errs[i];

		n = hex_decode(c->hex, buf, sizeof(buf));
		if (wire_frame_next(buf, n, c->max, &f, &err) !=
		    WIRE_FRAME_ERROR)
			fail_msg("%s: not an error", c->name);
		assert_int_equal(err.code, WIRE_ERR_HEADER);
		assert_int_equal(err.subcode, c->sub);
		wn = hex_decode(c->data, want, sizeof(want));
		assert_int_equal(err.data_len, wn);
		assert_memory_equal(err.data, want, wn);
	}
}

static void
test_frame_extended(void **state)
{
	static uint8_t big[WIRE_MAX_LEN_EXT];
	struct wire_frame f;
	struct wire_err err;
	struct wr w;

	(void)state;
	wr_init(&w, big, sizeof(big));
	wire_hdr_encode(&w, WIRE_MAX_LEN_EXT, WIRE_UPDATE);
	assert_int_equal(wire_frame_next(big, sizeof(big), WIRE_MAX_LEN, &f,
	    &err), WIRE_FRAME_ERROR);
	assert_int_equal(wire_frame_next(big, sizeof(big), WIRE_MAX_LEN_EXT,
	    &f, &err), WIRE_FRAME_MSG);
	assert_int_equal(f.len, WIRE_MAX_LEN_EXT);
	assert_int_equal(f.body_len, WIRE_MAX_LEN_EXT - 19);
	assert_int_equal(wire_frame_next(big, 5000, WIRE_MAX_LEN_EXT, &f,
	    &err), WIRE_FRAME_MORE);
	assert_int_equal(f.need, WIRE_MAX_LEN_EXT);
}

static void
test_keepalive_encode(void **state)
{
	uint8_t buf[19], want[19];
	struct wire_frame f;
	struct wire_err err;
	struct wr w;

	(void)state;
	wr_init(&w, buf, sizeof(buf));
	wire_keepalive_encode(&w);
	assert_true(wr_ok(&w));
	hex_decode(MARKER "0013 04", want, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
	assert_int_equal(wire_frame_next(buf, sizeof(buf), WIRE_MAX_LEN, &f,
	    &err), WIRE_FRAME_MSG);
	assert_int_equal(f.type, WIRE_KEEPALIVE);
	assert_int_equal(f.body_len, 0);
	wr_init(&w, buf, 18);
	wire_keepalive_encode(&w);
	assert_false(wr_ok(&w));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frame_stream),
		cmocka_unit_test(test_frame_need),
		cmocka_unit_test(test_frame_header_errors),
		cmocka_unit_test(test_frame_extended),
		cmocka_unit_test(test_keepalive_encode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
