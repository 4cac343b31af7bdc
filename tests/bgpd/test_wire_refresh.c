/*
 * Unit tests for bgpd/wire_refresh.c: the three RFC 7313 subtypes, unknown
 * subtypes and AFI/SAFIs ignored, Invalid Message Length with the whole
 * message as data, ORF bytes, round trips, a truncation sweep and the real
 * ROUTE-REFRESH messages of the Quagga and OpenBGPD MRT fixtures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bgpd/wire_notify.h"
#include "bgpd/wire_refresh.h"
#include "lib/wr.h"
#include "tests/bgpd/msg_util.h"

#define MARKER "ffffffffffffffffffffffffffffffff"

struct rr_case {
	const char *name;
	const char *body;
	enum wire_verdict v;
	uint16_t afi;
	uint8_t subtype, safi;
	bool ignore;
	const char *data;	/* NOTIFICATION data for WIRE_RESET */
};

static const struct rr_case rr_cases[] = {
	{ "normal v4", "0001 00 01", WIRE_OK, 1, 0, 1, false, "" },
	{ "borr v6", "0002 01 01", WIRE_OK, 2, 1, 1, false, "" },
	{ "eorr v6", "0002 02 01", WIRE_OK, 2, 2, 1, false, "" },
	{ "unknown subtype", "0001 03 01", WIRE_OK, 1, 3, 1, true, "" },
	{ "unknown subtype long", "0001 ff 01 0000", WIRE_OK, 1, 255, 1,
	  true, "" },
	{ "vpn not negotiated", "0001 00 80", WIRE_OK, 1, 0, 128, true, "" },
	{ "multicast not negotiated", "0001 00 02", WIRE_OK, 1, 0, 2, true,
	  "" },
	{ "orf bytes", "0001 00 01 40 0100", WIRE_OK, 1, 0, 1, false, "" },
	{ "borr long", "0001 01 01 00", WIRE_RESET, 0, 0, 0, false,
	  MARKER "0018 05 0001010100" },
	{ "eorr long", "0002 02 01 0000", WIRE_RESET, 0, 0, 0, false,
	  MARKER "0019 05 000202010000" },
	{ "short 3", "0001 00", WIRE_RESET, 0, 0, 0, false,
	  MARKER "0016 05 000100" },
	{ "empty", "", WIRE_RESET, 0, 0, 0, false, MARKER "0013 05" },
};

static void
test_refresh_table(void **state)
{
	struct wire_caps caps = { .afs = WIRE_AF_IPV4_UNICAST |
	    WIRE_AF_IPV6_UNICAST };
	uint8_t body[64], want[64], *b;
	struct wire_refresh rr;
	struct wire_err err;
	size_t i, n, wn;

	(void)state;
	for (i = 0; i < sizeof(rr_cases) / sizeof(rr_cases[0]); i++) {
		const struct rr_case *c = &rr_cases[i];

		n = hex_decode(c->body, body, sizeof(body));
		b = dup_exact(body, n);
		memset(&err, 0, sizeof(err));
		if (wire_refresh_decode(b, n, &caps, &rr, &err) != c->v)
			fail_msg("%s: wrong verdict", c->name);
		free(b);
		if (c->v == WIRE_RESET) {
			wn = hex_decode(c->data, want, sizeof(want));
			assert_int_equal(err.code, WIRE_ERR_ROUTE_REFRESH);
			assert_int_equal(err.subcode, WIRE_RR_ERR_BAD_LEN);
			assert_int_equal(err.data_len, wn);
			assert_memory_equal(err.data, want, wn);
			continue;
		}
		assert_int_equal(rr.afi, c->afi);
		assert_int_equal(rr.subtype, c->subtype);
		assert_int_equal(rr.safi, c->safi);
		if (rr.ignore != c->ignore)
			fail_msg("%s: ignore is %d", c->name, rr.ignore);
	}
	/* Without caps, an AFI/SAFI is never grounds to ignore. */
	n = hex_decode("0001 00 80", body, sizeof(body));
	assert_int_equal(wire_refresh_decode(body, n, NULL, &rr, &err),
	    WIRE_OK);
	assert_false(rr.ignore);
	n = hex_decode("0001 00 01 40 0100", body, sizeof(body));
	assert_int_equal(wire_refresh_decode(body, n, NULL, &rr, &err),
	    WIRE_OK);
	assert_int_equal(rr.orf_len, 3);
}

static void
test_refresh_roundtrip(void **state)
{
	static const uint8_t subs[] = { WIRE_RR_NORMAL, WIRE_RR_BORR,
	    WIRE_RR_EORR };
	struct wire_refresh rr = { 0 }, d;
	struct wire_hdr h;
	struct wire_err err;
	uint8_t buf[64];
	struct wr w;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(subs); i++) {
		rr.afi = 2;
		rr.safi = 1;
		rr.subtype = subs[i];
		wr_init(&w, buf, sizeof(buf));
		wire_refresh_encode(&w, &rr);
		assert_true(wr_ok(&w));
		assert_int_equal(wr_len(&w), 23);
		assert_int_equal(wire_hdr_decode(buf, 23, WIRE_MAX_LEN, &h,
		    &err), WIRE_OK);
		assert_int_equal(h.type, WIRE_ROUTE_REFRESH);
		assert_int_equal(wire_refresh_decode(buf + 19, 4, NULL, &d,
		    &err), WIRE_OK);
		assert_int_equal(d.afi, 2);
		assert_int_equal(d.safi, 1);
		assert_int_equal(d.subtype, subs[i]);
		assert_false(d.ignore);
		/* Truncation sweep. */
		for (k = 0; k < 4; k++) {
			uint8_t *b = dup_exact(buf + 19, k);

			assert_int_equal(wire_refresh_decode(b, k, NULL, &d,
			    &err), WIRE_RESET);
			free(b);
		}
	}
}

static void
test_refresh_len_err_full_message(void **state)
{
	uint8_t body[100], buf[256];
	struct wire_notify n;
	struct wire_refresh rr;
	struct wire_err err;
	struct wr w;

	(void)state;
	memset(body, 0, sizeof(body));
	body[1] = 1;
	body[2] = WIRE_RR_BORR;
	body[3] = 1;
	assert_int_equal(wire_refresh_decode(body, sizeof(body), NULL, &rr,
	    &err), WIRE_RESET);
	/* err carries what fits; the encoder sends the whole message. */
	assert_int_equal(err.data_len, WIRE_ERR_DATA_MAX);
	assert_int_equal(err.data[16], 0);
	assert_int_equal(err.data[17], 119);
	wr_init(&w, buf, sizeof(buf));
	wire_refresh_encode_len_err(&w, body, sizeof(body));
	assert_true(wr_ok(&w));
	assert_int_equal(wr_len(&w), 19 + 2 + 119);
	assert_int_equal(wire_notify_decode(buf + 19, wr_len(&w) - 19, &n,
	    &err), WIRE_OK);
	assert_int_equal(n.code, WIRE_ERR_ROUTE_REFRESH);
	assert_int_equal(n.subcode, WIRE_RR_ERR_BAD_LEN);
	assert_int_equal(n.data_len, 119);
	assert_int_equal(n.data[18], WIRE_ROUTE_REFRESH);
	assert_memory_equal(n.data + 19, body, sizeof(body));
	/* Its first bytes are exactly what err held. */
	assert_memory_equal(n.data, err.data, WIRE_ERR_DATA_MAX);
	wr_init(&w, buf, sizeof(buf));
	wire_refresh_encode_len_err(&w, buf, WIRE_MAX_LEN);
	assert_false(wr_ok(&w));
}

/* ROUTE-REFRESH bodies recorded in the Quagga and OpenBGPD MRT dumps. */
static void
test_refresh_recorded(void **state)
{
	static const char *const bodies[] = {
		"00010001", "00010002", "00010080", "00020001", "00020002",
	};
	struct wire_caps caps = { .afs = WIRE_AF_IPV4_UNICAST |
	    WIRE_AF_IPV6_UNICAST | WIRE_AF_IPV4_MULTICAST |
	    WIRE_AF_IPV6_MULTICAST };
	uint8_t body[8];
	struct wire_refresh rr;
	struct wire_err err;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		n = hex_decode(bodies[i], body, sizeof(body));
		assert_int_equal(wire_refresh_decode(body, n, &caps, &rr, &err),
		    WIRE_OK);
		assert_int_equal(rr.subtype, WIRE_RR_NORMAL);
		assert_int_equal(rr.ignore, rr.safi == 128);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refresh_table),
		cmocka_unit_test(test_refresh_roundtrip),
		cmocka_unit_test(test_refresh_len_err_full_message),
		cmocka_unit_test(test_refresh_recorded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
