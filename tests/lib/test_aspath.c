/*
 * Unit tests for lib/aspath.c: RFC 4271 9.1.2.2 length with sets and
 * confederation segments, first/origin AS, has_as, validity, prepend
 * (including the 255 split, the one-copy cases and a random comparison with
 * a one-ASN-at-a-time oracle) and the bgpdump 1.6.2 text form.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/aspath.h"
#include "lib/community.h"

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

/* aspath_first_as() as the segment loop alone computes it. */
static uint32_t
ref_first_as(struct bytes v)
{
	struct aspath_iter it;
	struct aspath_seg seg;

	aspath_iter_init(&it, v);
	while (aspath_iter_next(&it, &seg))
		if (seg.type == ASPATH_SEQUENCE && seg.count > 0)
			return aspath_seg_as(&seg, 0);
	return 0;
}

/* aspath_has_as() as a per-ASN loop computes it. */
static bool
ref_has_as(struct bytes v, uint32_t as)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	unsigned i;

	aspath_iter_init(&it, v);
	while (aspath_iter_next(&it, &seg))
		for (i = 0; i < seg.count; i++)
			if (aspath_seg_as(&seg, i) == as)
				return true;
	return false;
}

/*
 * The direct reads of aspath_first_as() (leading AS_SEQUENCE) and of
 * aspath_has_as() agree with the segment loop on every table path cut at
 * every length (malformed tails included) and on a leading sequence whose
 * count overruns the value, a zero count and a leading confed segment.
 */
static void
test_first_as_and_has_as_truncated(void **state)
{
	static const uint8_t overrun[] = { 2, 3, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t zero[] = { 2, 0, 2, 1, 0, 0, 0, 5 };
	uint8_t buf[256];
	struct bytes v;
	size_t i, n, cut;
	uint32_t as;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = mk(buf, cases[i].spec);
		for (cut = 0; cut <= n; cut++) {
			v.p = buf;
			v.len = cut;
			assert_int_equal(aspath_first_as(v), ref_first_as(v));
			for (as = 0; as < 8; as++) {
				uint32_t probe = as < 4 ? cases[i].spec[2 + as] :
				    64510 + as;

				assert_int_equal(aspath_has_as(v, probe),
				    ref_has_as(v, probe));
			}
		}
	}
	v.p = overrun, v.len = sizeof(overrun);
	assert_int_equal(aspath_first_as(v), 0);
	assert_int_equal(ref_first_as(v), 0);
	v.p = zero, v.len = sizeof(zero);
	assert_int_equal(aspath_first_as(v), ref_first_as(v));
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

/*
 * Oracle written from the contract, one ASN at a time: n copies of as, then
 * the ASNs of a well-formed leading AS_SEQUENCE, as sequences of <= 255;
 * then the rest of the path byte for byte.
 */
static size_t
ref_prepend(const uint8_t *path, size_t len, uint32_t as, unsigned n,
    uint8_t *out)
{
	uint32_t asns[1024];
	unsigned total = 0, i, c;
	size_t skip = 0, o = 0;

	for (i = 0; i < n; i++)
		asns[total++] = as;
	if (len >= 2 && path[0] == ASPATH_SEQUENCE &&
	    len - 2 >= (size_t)path[1] * 4) {
		for (i = 0; i < path[1]; i++)
			asns[total++] = community_decode(path + 2 + i * 4);
		skip = 2 + (size_t)path[1] * 4;
	}
	for (i = 0; i < total; i += c) {
		c = total - i > 255 ? 255 : total - i;
		out[o++] = ASPATH_SEQUENCE;
		out[o++] = (uint8_t)c;
		for (unsigned k = 0; k < c; k++, o += 4)
			community_encode(out + o, asns[i + k]);
	}
	if (len > skip)
		memcpy(out + o, path + skip, len - skip);
	return o + len - skip;
}

/* Prepend to path (len bytes) and compare with the oracle byte for byte. */
static struct bytes
check_prepend(struct attr_builder *b, const uint8_t *path, size_t len,
    uint32_t as, unsigned n)
{
	static uint8_t want[8192];
	struct bytes r = aspath_prepend(b, (struct bytes){ path, len }, as, n);
	size_t wlen = ref_prepend(path, len, as, n, want);

	assert_int_equal(r.len, wlen);
	if (wlen)
		assert_memory_equal(r.p, want, wlen);
	return r;
}

/* The one-copy cases and the general one, each against exact bytes. */
static void
test_prepend_fast_cases(void **state)
{
	static const uint8_t seq[] = { 2, 2, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t room[] = { 2, 4, 0, 0, 0, 9, 0, 0, 0, 9, 0, 0, 0,
	    1, 0, 0, 0, 2 };
	static const uint8_t set[] = { 1, 2, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t newseg[] = { 2, 1, 0, 0, 0, 9, 1, 2, 0, 0, 0, 1,
	    0, 0, 0, 2 };
	static const uint8_t confed[] = { 3, 1, 0, 0, 0xfc, 0, 2, 1, 0, 0, 0,
	    5 };
	static const uint8_t overrun[] = { 2, 2, 0, 0, 0, 1 };
	static const uint8_t empty3[] = { 2, 3, 0, 0, 0, 9, 0, 0, 0, 9, 0, 0,
	    0, 9 };
	uint8_t big[2 + 254 * 4];
	struct attr_builder b;
	struct aspath_iter it;
	struct aspath_seg seg;
	struct bytes r;
	unsigned i;

	(void)state;
	attr_builder_init(&b);
	/* Room in the leading sequence: the ASNs join it. */
	r = check_prepend(&b, seq, sizeof(seq), 9, 2);
	assert_int_equal(r.len, sizeof(room));
	assert_memory_equal(r.p, room, sizeof(room));
	/* AS_SET first: a new sequence in front, the set unchanged. */
	r = check_prepend(&b, set, sizeof(set), 9, 1);
	assert_memory_equal(r.p, newseg, sizeof(newseg));
	/* Confederation sequence first: new sequence too (RFC 5065 5.3). */
	r = check_prepend(&b, confed, sizeof(confed), 9, 1);
	assert_int_equal(r.p[0], ASPATH_SEQUENCE);
	assert_memory_equal(r.p + 6, confed, sizeof(confed));
	/* Empty path: one sequence of n; n = 0 keeps it empty. */
	r = check_prepend(&b, NULL, 0, 9, 3);
	assert_memory_equal(r.p, empty3, sizeof(empty3));
	r = check_prepend(&b, NULL, 0, 9, 0);
	assert_int_equal(r.len, 0);
	/* n = 0 copies the path; a malformed one gets a sequence in front. */
	check_prepend(&b, seq, sizeof(seq), 9, 0);
	r = check_prepend(&b, overrun, sizeof(overrun), 9, 1);
	assert_memory_equal(r.p + 6, overrun, sizeof(overrun));
	/* 255 overflow: 254 + 1 fits one segment, 254 + 2 splits 255 / 1. */
	big[0] = ASPATH_SEQUENCE;
	big[1] = 254;
	for (i = 0; i < 254; i++)
		community_encode(big + 2 + i * 4, 100 + i);
	r = check_prepend(&b, big, sizeof(big), 9, 1);
	assert_int_equal(r.p[1], 255);
	r = check_prepend(&b, big, sizeof(big), 9, 2);
	aspath_iter_init(&it, r);
	assert_true(aspath_iter_next(&it, &seg));
	assert_int_equal(seg.count, 255);
	assert_true(aspath_iter_next(&it, &seg));
	assert_int_equal(seg.count, 1);
	assert_int_equal(aspath_seg_as(&seg, 0), 100 + 253);
	assert_false(aspath_iter_next(&it, &seg));
	/* More than 255 in front of an AS_SET: 255, 45, then the set. */
	r = check_prepend(&b, set, sizeof(set), 9, 300);
	assert_int_equal(aspath_length(r), 301);
	attr_builder_fini(&b);
}

/* Random valid and truncated paths, n from 0 to 300, against the oracle. */
static void
test_prepend_random(void **state)
{
	static const uint8_t types[] = { 1, 2, 2, 3, 4 };
	uint8_t path[4096];
	struct attr_builder b;
	size_t len, k;
	unsigned i, nseg, c, n;
	uint64_t x = 7;

	(void)state;
	attr_builder_init(&b);
	for (i = 0; i < 3000; i++) {
		len = 0;
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		nseg = (unsigned)(x >> 60) % 4;
		while (nseg--) {
			x = x * 6364136223846793005ull + 1;
			path[len++] = types[(x >> 40) % 5];
			c = 1 + (unsigned)(x >> 20) % (x >> 63 ? 255 : 4);
			path[len++] = (uint8_t)c;
			for (k = 0; k < c; k++, len += 4)
				community_encode(path + len,
				    (uint32_t)(x >> 8) + (uint32_t)k);
		}
		if (len > 0 && (x >> 33) % 8 == 0)
			len -= 1 + (x >> 36) % len;	/* truncated tail */
		n = (unsigned)(x >> 45) % 8 == 0 ? (unsigned)(x >> 24) % 301 :
		    (unsigned)(x >> 24) % 4;
		check_prepend(&b, path, len, 64512 + i, n);
		attr_builder_reset(&b);
	}
	attr_builder_fini(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_has_as_and_print_truncation),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_first_as_and_has_as_truncated),
		cmocka_unit_test(test_prepend),
		cmocka_unit_test(test_prepend_fast_cases),
		cmocka_unit_test(test_prepend_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
