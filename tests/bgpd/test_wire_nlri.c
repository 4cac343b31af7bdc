/*
 * Unit tests for bgpd/wire_nlri.c: prefix lists with and without RFC 7911
 * path ids, host-bit masking and counting, the error kinds and their
 * offsets, the WIRE_NLRI_MAX bound, and encode/size agreeing with decode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/wire_nlri.h"
#include "lib/rd.h"
#include "lib/wr.h"

static enum wire_nlri_res
dec(const uint8_t *b, size_t n, uint8_t afi, bool ap,
    struct wire_nlri_list *l, size_t *masked, size_t *where)
{
	struct rd r;

	rd_init(&r, b, n);
	*masked = 0;
	*where = 0;
	l->n = 0;
	return wire_nlri_decode(&r, afi, ap, l, masked, where);
}

static void
test_decode_ipv4_and_mask(void **state)
{
	/* 0/0, 192.0.2.0/24, 10.1.15.0/20 (host bits), 10.0.0.1/32. */
	static const uint8_t b[] = { 0, 24, 192, 0, 2, 20, 10, 1, 15,
		32, 10, 0, 0, 1 };
	struct wire_nlri_list l;
	char txt[PREFIX_STRLEN];
	size_t masked, where;

	(void)state;
	wire_nlri_list_init(&l);
	assert_int_equal(dec(b, sizeof(b), AFI_IPV4, false, &l, &masked,
	    &where), WIRE_NLRI_OK);
	assert_int_equal(l.n, 4);
	assert_int_equal(masked, 1);
	assert_string_equal(prefix_print(&l.v[0].pfx, txt, sizeof(txt)),
	    "0.0.0.0/0");
	assert_string_equal(prefix_print(&l.v[2].pfx, txt, sizeof(txt)),
	    "10.1.0.0/20");
	assert_string_equal(prefix_print(&l.v[3].pfx, txt, sizeof(txt)),
	    "10.0.0.1/32");
	wire_nlri_list_fini(&l);
}

static void
test_decode_errors(void **state)
{
	static const uint8_t too_long[] = { 24, 192, 0, 2, 33, 1, 2, 3, 4, 5 };
	static const uint8_t overrun[] = { 24, 192, 0, 2, 16, 10 };
	static const uint8_t v6_129[] = { 129 };
	static const uint8_t ap_short[] = { 0, 0, 0, 1, 8, 10, 0, 0 };
	struct wire_nlri_list l;
	size_t masked, where;

	(void)state;
	wire_nlri_list_init(&l);
	assert_int_equal(dec(too_long, sizeof(too_long), AFI_IPV4, false, &l,
	    &masked, &where), WIRE_NLRI_BAD_LEN);
	assert_int_equal(where, 4);
	assert_int_equal(l.n, 1);
	assert_int_equal(dec(overrun, sizeof(overrun), AFI_IPV4, false, &l,
	    &masked, &where), WIRE_NLRI_OVERRUN);
	assert_int_equal(where, 4);
	assert_int_equal(dec(v6_129, sizeof(v6_129), AFI_IPV6, false, &l,
	    &masked, &where), WIRE_NLRI_BAD_LEN);
	/* A path id followed by too little. */
	assert_int_equal(dec(ap_short, sizeof(ap_short), AFI_IPV4, true, &l,
	    &masked, &where), WIRE_NLRI_OVERRUN);
	assert_int_equal(where, 6);
	wire_nlri_list_fini(&l);
}

static void
test_bound(void **state)
{
	static uint8_t zeros[WIRE_NLRI_MAX + 1];
	struct wire_nlri_list l;
	size_t masked, where;

	(void)state;
	/* Every byte a /0: one more than any message can hold. */
	wire_nlri_list_init(&l);
	assert_int_equal(dec(zeros, WIRE_NLRI_MAX, AFI_IPV4, false, &l,
	    &masked, &where), WIRE_NLRI_OK);
	assert_int_equal(l.n, WIRE_NLRI_MAX);
	assert_int_equal(l.cap, WIRE_NLRI_MAX);
	assert_int_equal(dec(zeros, sizeof(zeros), AFI_IPV4, false, &l,
	    &masked, &where), WIRE_NLRI_TOO_MANY);
	assert_false(wire_nlri_list_add(&l, &l.v[0].pfx, 0));
	wire_nlri_list_fini(&l);
	assert_null(l.v);
}

static void
test_encode_matches_decode(void **state)
{
	static const char *const v[] = { "2001:db8::/32", "::/0",
		"2001:db8:1:2:3:4:5:6/128", "2001:db8:8000::/33" };
	struct wire_nlri_list in, out;
	struct prefix p;
	uint8_t buf[256];
	size_t i, size = 0, masked, where;
	struct wr w;
	int ap;

	(void)state;
	wire_nlri_list_init(&in);
	wire_nlri_list_init(&out);
	for (i = 0; i < 4; i++) {
		assert_int_equal(prefix_parse(v[i], &p, true), 0);
		assert_true(wire_nlri_list_add(&in, &p, (uint32_t)i * 1000));
	}
	for (ap = 0; ap < 2; ap++) {
		wr_init(&w, buf, sizeof(buf));
		for (i = 0, size = 0; i < in.n; i++) {
			wire_nlri_encode(&w, &in.v[i], ap);
			size += wire_nlri_size(&in.v[i].pfx, ap);
		}
		assert_true(wr_ok(&w));
		assert_int_equal(wr_len(&w), size);
		assert_int_equal(dec(buf, size, AFI_IPV6, ap, &out, &masked,
		    &where), WIRE_NLRI_OK);
		assert_int_equal(out.n, in.n);
		for (i = 0; i < in.n; i++) {
			assert_true(prefix_eq(&out.v[i].pfx, &in.v[i].pfx));
			assert_int_equal(out.v[i].path_id,
			    ap ? in.v[i].path_id : 0);
		}
	}
	assert_int_equal(masked, 0);
	wire_nlri_list_fini(&in);
	wire_nlri_list_fini(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_ipv4_and_mask),
		cmocka_unit_test(test_decode_errors),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_encode_matches_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
