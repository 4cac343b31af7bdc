/*
 * Unit tests for policy/aggpath.c: the RFC 4271 9.2.2.2 AS_PATH aggregation
 * (identical paths, common leading sequence plus AS_SET, duplicate removal
 * by deleting AS_SET tuples, prepends, sets inside the common run, empty
 * paths, confederation segments, 4-octet ASNs, splitting at 255 ASNs,
 * independence of input order) and the sorted community unions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/aspath.h"
#include "lib/community.h"
#include "policy/aggregate.h"
#include "tests/policy/polfix.h"

#define MAXP 4

struct path_row {
	const char *in[MAXP];		/* NULL-terminated */
	const char *out;
	bool lost;
};

static const struct path_row path_rows[] = {
	/* RFC 4271 9.2.2.2: identical paths are kept as they are. */
	{ { "65001 65002", "65001 65002" }, "65001 65002", false },
	{ { "7 8 {9,10}" }, "7 8 {9,10}", false },
	/* Longest common leading sequence, the rest as one AS_SET. */
	{ { "1 2 3", "1 2 4 5" }, "1 2 {3,4,5}", false },
	{ { "1 2 3", "1 2 4 5", "1 2 3 6" }, "1 2 {3,4,5,6}", false },
	{ { "1 2 3", "4 5" }, "{1,2,3,4,5}", false },
	{ { "100 200", "100" }, "100 {200}", false },
	/* A value in the leading sequence is not repeated in the set. */
	{ { "1 2 1", "1 3" }, "1 {2,3}", false },
	{ { "1 2", "1 3 2" }, "1 {2,3}", false },
	/* Prepends stay in the common run. */
	{ { "1 1 1 2", "1 1 3" }, "1 1 {2,3}", false },
	/* Sets: order inside a set does not matter for the result. */
	{ { "1 {3,2}", "1 {2,3}" }, "1 {2,3}", false },
	{ { "1 {2,3}", "1 {2,4}" }, "1 {2,3,4}", false },
	/* Of an AS_SET and an AS_SEQUENCE tuple with one value, the set goes. */
	{ { "1 {2} 2", "1 {2} 2" }, "1 2", false },
	/* A locally originated (empty) path shares no leading tuple. */
	{ { "", "1 2" }, "{1,2}", false },
	{ { "", "" }, "", false },
	/* 4-octet ASNs (RFC 6793). */
	{ { "4200000001 65001", "4200000001 4200000002" },
	    "4200000001 {65001,4200000002}", false },
	/* Confederation tuples: kept in the common run, dropped after it. */
	{ { "(64600) 1 2", "(64600) 1 3" }, "(64600) 1 {2,3}", false },
	{ { "(64600 64601) 1", "(64600) 1" }, "(64600) {1}", true },
	{ { "[64600] 1", "2" }, "{1,2}", true },
};

static const char *
print_path(struct bytes v)
{
	static char buf[8192];

	aspath_print(v, buf, sizeof(buf));
	return buf;
}

/* Aggregate the row's paths rotated by rot, reversed if rev. */
static struct bytes
row_aggregate(struct attr_builder *b, const struct path_row *r, size_t rot,
    bool rev, bool *lost)
{
	uint8_t (*enc)[1200] = (void *)attr_builder_alloc(b, MAXP * 1200);
	struct bytes v[MAXP];
	size_t n = 0, i, j;

	while (n < MAXP && r->in[n] != NULL)
		n++;
	for (i = 0; i < n; i++) {
		j = (i + rot) % n;
		if (rev)
			j = n - 1 - j;
		v[i].p = enc[i];
		v[i].len = fx_path_encode(r->in[j], enc[i], 1200);
	}
	return aggregate_aspath(b, v, n, lost);
}

/* Every row, in every rotation of its inputs and reversed. */
static void
test_aggpath_rfc(void **state)
{
	struct attr_builder b;
	struct bytes v;
	size_t i, k;
	bool lost;

	(void)state;
	for (i = 0; i < sizeof(path_rows) / sizeof(path_rows[0]); i++) {
		for (k = 0; k < 2 * MAXP; k++) {
			attr_builder_init(&b);
			v = row_aggregate(&b, &path_rows[i], k / 2, k & 1,
			    &lost);
			assert_true(v.len == 0 || aspath_is_valid(v));
			if (strcmp(print_path(v), path_rows[i].out))
				fail_msg("row %zu order %zu: \"%s\"", i, k,
				    print_path(v));
			assert_int_equal(lost, path_rows[i].lost);
			attr_builder_fini(&b);
		}
	}
}

static void
test_aggpath_empty(void **state)
{
	struct attr_builder b;
	struct bytes v;
	bool lost = true;

	(void)state;
	attr_builder_init(&b);
	v = aggregate_aspath(&b, NULL, 0, &lost);
	assert_int_equal(v.len, 0);
	assert_false(lost);
	attr_builder_fini(&b);
}

/* 300 distinct ASNs after the common run: sets of 255 and 45. */
static void
test_aggpath_split(void **state)
{
	uint8_t enc[300][10];
	struct bytes in[300], v;
	struct aspath_iter it;
	struct aspath_seg seg;
	struct attr_builder b;
	unsigned counts[4] = { 0 }, nseg = 0;
	bool lost;
	size_t i;

	(void)state;
	for (i = 0; i < 300; i++) {
		uint32_t as = 1000 + (uint32_t)i;

		enc[i][0] = ASPATH_SEQUENCE;
		enc[i][1] = 2;
		memcpy(&enc[i][2], "\0\0\0\x07", 4);
		enc[i][6] = 0;
		enc[i][7] = 0;
		enc[i][8] = (uint8_t)(as >> 8);
		enc[i][9] = (uint8_t)as;
		in[i].p = enc[i];
		in[i].len = 10;
	}
	attr_builder_init(&b);
	v = aggregate_aspath(&b, in, 300, &lost);
	assert_true(aspath_is_valid(v));
	aspath_iter_init(&it, v);
	while (aspath_iter_next(&it, &seg) && nseg < 4)
		counts[nseg++] = seg.count;
	assert_int_equal(nseg, 3);
	assert_int_equal(counts[0], 1);		/* 7 */
	assert_int_equal(counts[1], 255);
	assert_int_equal(counts[2], 45);
	/* RFC 4271 9.1.2.2 (a): each AS_SET counts 1. */
	assert_int_equal(aspath_length(v), 3);
	attr_builder_fini(&b);
}

static void
test_aggpath_comm_union(void **state)
{
	struct fx f[3];
	struct bytes v[3];
	struct attr_builder b;
	char buf[256];

	(void)state;
	fx_init(&f[0], "10.0.0.0/8", NULL, "2:2 1:1", "1:2:3", NULL);
	fx_init(&f[1], "10.0.0.0/8", NULL, "2:2 0:5 no-export", "1:2:1",
	    NULL);
	fx_init(&f[2], "10.0.0.0/8", NULL, NULL, "1:2:3 0:0:9", NULL);
	attr_builder_init(&b);
	v[0] = f[0].b.comms;
	v[1] = f[1].b.comms;
	v[2] = f[2].b.comms;
	community_print(aggregate_comm_union(&b, v, 3, 4), buf, sizeof(buf));
	assert_string_equal(buf, "0:5 1:1 2:2 no-export");
	v[0] = f[0].b.lcomms;
	v[1] = f[1].b.lcomms;
	v[2] = f[2].b.lcomms;
	community_large_print(aggregate_comm_union(&b, v, 3, 12), buf,
	    sizeof(buf));
	assert_string_equal(buf, "0:0:9 1:2:1 1:2:3");
	assert_int_equal(aggregate_comm_union(&b, v, 0, 12).len, 0);
	attr_builder_fini(&b);
	fx_fini(&f[0]);
	fx_fini(&f[1]);
	fx_fini(&f[2]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggpath_rfc),
		cmocka_unit_test(test_aggpath_empty),
		cmocka_unit_test(test_aggpath_split),
		cmocka_unit_test(test_aggpath_comm_union),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
