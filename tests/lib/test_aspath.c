/*
 * Unit tests for lib/aspath.c: RFC 4271 9.1.2.2 length with sets and
 * confederation segments, first/origin AS, has_as, validity, prepend
 * (including the 255 split) and the bgpdump 1.6.2 text form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/aspath.h"

/* Build a path from {type, count, asns...} groups terminated by 0. */
static size_t
mk(uint8_t *buf, const uint32_t *spec)
{
	size_t n = 0;
	unsigned i, c;

	while (*spec) {
		buf[n++] = (uint8_t)*spec++;
		c = *spec++;
		buf[n++] = (uint8_t)c;
		for (i = 0; i < c; i++, spec++) {
			buf[n++] = (uint8_t)(*spec >> 24);
			buf[n++] = (uint8_t)(*spec >> 16);
			buf[n++] = (uint8_t)(*spec >> 8);
			buf[n++] = (uint8_t)*spec;
		}
	}
	return n;
}

struct case_ {
	const char *name;
	uint32_t spec[24];
	unsigned length;
	uint32_t first, origin;
	const char *text;
};

static const struct case_ cases[] = {
	{ "empty", { 0 }, 0, 0, 0, "" },
	{ "sequence", { 2, 3, 1, 2, 3, 0 }, 3, 1, 3, "1 2 3" },
	{ "seq+set", { 2, 2, 3333, 286, 1, 3, 13408, 5752, 7955, 0 }, 3, 3333,
	    0, "3333 286 {13408,5752,7955}" },
	{ "set only", { 1, 2, 65530, 65531, 0 }, 1, 0, 0, "{65530,65531}" },
	{ "confed first", { 3, 2, 64512, 64513, 2, 2, 1, 4200000000u, 0 }, 2,
	    1, 4200000000u, "(64512 64513) 1 4200000000" },
	{ "confed set", { 4, 2, 64512, 64513, 2, 1, 7, 0 }, 1, 7, 7,
	    "[64512,64513] 7" },
	{ "set then seq", { 2, 1, 1, 1, 1, 2, 2, 1, 3, 0 }, 3, 1, 3,
	    "1 {2} 3" },
};

static void
test_table(void **state)
{
	uint8_t buf[256];
	char txt[128];
	struct bytes v;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v.p = buf;
		v.len = mk(buf, cases[i].spec);
		assert_true(aspath_is_valid(v));
		assert_int_equal(aspath_length(v), cases[i].length);
		assert_int_equal(aspath_first_as(v), cases[i].first);
		assert_int_equal(aspath_origin_as(v), cases[i].origin);
		n = aspath_print(v, txt, sizeof(txt));
		assert_string_equal(txt, cases[i].text);
		assert_int_equal(n, strlen(cases[i].text));
	}
}

static void
test_has_as_and_print_truncation(void **state)
{
	static const uint32_t spec[] = { 2, 3, 100, 200, 300, 1, 1, 400, 0 };
	uint8_t buf[64];
	char txt[8];
	struct bytes v = { buf, 0 };

	(void)state;
	v.len = mk(buf, spec);
	assert_true(aspath_has_as(v, 400));
	assert_true(aspath_has_as(v, 100));
	assert_false(aspath_has_as(v, 500));
	assert_int_equal(aspath_print(v, txt, sizeof(txt)), 17);
	assert_string_equal(txt, "100 200");
}

static void
test_invalid(void **state)
{
	static const uint8_t bad_type[] = { 5, 1, 0, 0, 0, 1 };
	static const uint8_t zero_count[] = { 2, 0 };
	static const uint8_t overrun[] = { 2, 2, 0, 0, 0, 1 };
	static const uint8_t underrun[] = { 2, 1, 0, 0, 0, 1, 2 };
	struct bytes v;
	struct aspath_iter it;
	struct aspath_seg seg;

	(void)state;
	v.p = bad_type, v.len = sizeof(bad_type);
	assert_false(aspath_is_valid(v));
	v.p = zero_count, v.len = sizeof(zero_count);
	assert_false(aspath_is_valid(v));
	v.p = overrun, v.len = sizeof(overrun);
	assert_false(aspath_is_valid(v));
	aspath_iter_init(&it, v);
	assert_false(aspath_iter_next(&it, &seg));
	assert_int_equal(aspath_length(v), 0);
	v.p = underrun, v.len = sizeof(underrun);
	assert_false(aspath_is_valid(v));
	assert_int_equal(aspath_length(v), 1);
}

static void
test_prepend(void **state)
{
	static const uint32_t seq[] = { 2, 2, 1, 2, 0 };
	static const uint32_t set[] = { 1, 2, 1, 2, 0 };
	struct attr_builder b;
	uint8_t buf[64];
	char txt[4096];
	struct bytes v = { buf, 0 }, r;
	struct aspath_iter it;
	struct aspath_seg seg;

	(void)state;
	attr_builder_init(&b);
	v.len = mk(buf, seq);
	r = aspath_prepend(&b, v, 65000, 2);
	aspath_print(r, txt, sizeof(txt));
	assert_string_equal(txt, "65000 65000 1 2");
	assert_int_equal(r.len, 2 + 4 * 4);
	v.len = mk(buf, set);
	r = aspath_prepend(&b, v, 65000, 1);
	aspath_print(r, txt, sizeof(txt));
	assert_string_equal(txt, "65000 {1,2}");
	v.len = 0;
	r = aspath_prepend(&b, v, 7, 1);
	aspath_print(r, txt, sizeof(txt));
	assert_string_equal(txt, "7");
	/* 300 prepends onto a 2-AS sequence: segments of 255 and 47. */
	v.len = mk(buf, seq);
	r = aspath_prepend(&b, v, 9, 300);
	assert_true(aspath_is_valid(r));
	assert_int_equal(aspath_length(r), 302);
	aspath_iter_init(&it, r);
	assert_true(aspath_iter_next(&it, &seg));
	assert_int_equal(seg.count, 255);
	assert_true(aspath_iter_next(&it, &seg));
	assert_int_equal(seg.count, 47);
	assert_int_equal(aspath_seg_as(&seg, 46), 2);
	assert_false(aspath_iter_next(&it, &seg));
	attr_builder_fini(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_has_as_and_print_truncation),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_prepend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
