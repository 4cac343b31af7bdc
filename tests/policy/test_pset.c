/*
 * Unit tests for policy/pset.c: mask-length ranges, exact entries, IPv4,
 * IPv6 and mixed sets, invalid ranges, and a randomised comparison of the
 * compressed trie against a linear reference matcher.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/prefix.h"
#include "policy/pset.h"

struct entry {
	const char *p;
	unsigned lo, hi;
};

struct probe {
	const char *p;
	bool match;
};

static struct pset *
set_of(const struct entry *e, size_t n)
{
	struct pset *s = pset_new();
	struct prefix p;
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(prefix_parse(e[i].p, &p, true), 0);
		assert_int_equal(pset_add(s, &p, e[i].lo, e[i].hi), 0);
	}
	pset_build(s);
	return s;
}

static void
check(const struct pset *s, const struct probe *pr, size_t n)
{
	struct prefix p;
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(prefix_parse(pr[i].p, &p, true), 0);
		if (pset_match(s, &p) != pr[i].match)
			fail_msg("%s: expected %d", pr[i].p, pr[i].match);
	}
}

static void
test_pset_ranges_v4(void **state)
{
	static const struct entry e[] = {
		{ "10.0.0.0/8", 8, 8 },		/* exact */
		{ "10.0.0.0/8", 16, 24 },	/* 10/8 ge 16 le 24 */
		{ "192.168.0.0/16", 16, 32 },	/* orlonger */
		{ "172.16.0.0/12", 20, 20 },
		{ "0.0.0.0/0", 0, 0 },		/* default only */
	};
	static const struct probe pr[] = {
		{ "10.0.0.0/8", true },
		{ "10.0.0.0/9", false },
		{ "10.1.0.0/16", true },
		{ "10.1.2.0/24", true },
		{ "10.1.2.0/25", false },
		{ "11.0.0.0/8", false },
		{ "192.168.0.0/16", true },
		{ "192.168.1.1/32", true },
		{ "192.169.0.0/16", false },
		{ "192.0.0.0/8", false },
		{ "172.16.16.0/20", true },
		{ "172.31.240.0/20", true },
		{ "172.32.0.0/20", false },
		{ "172.16.0.0/21", false },
		{ "0.0.0.0/0", true },
		{ "0.0.0.0/1", false },
	};
	struct pset *s = set_of(e, sizeof(e) / sizeof(e[0]));

	(void)state;
	check(s, pr, sizeof(pr) / sizeof(pr[0]));
	assert_int_equal(pset_count(s), 5);
	pset_free(s);
}

static void
test_pset_mixed_v6(void **state)
{
	static const struct entry e[] = {
		{ "2001:db8::/32", 48, 64 },
		{ "fd20::/16", 64, 64 },
		{ "10.0.0.0/8", 8, 32 },
		{ "2001:db8:1::1/128", 128, 128 },
	};
	static const struct probe pr[] = {
		{ "2001:db8:1::/48", true },
		{ "2001:db8:1:2::/64", true },
		{ "2001:db8::/32", false },
		{ "2001:db8:1::/65", false },
		{ "2001:db8:1::1/128", true },
		{ "2001:db8:1::2/128", false },
		{ "fd20:1:2:3::/64", true },
		{ "fd21::/64", false },
		{ "10.9.9.0/24", true },
		/* Same bits, other family: never matches across families. */
		{ "::/8", false },
		{ "a00::/8", false },
	};
	struct pset *s = set_of(e, sizeof(e) / sizeof(e[0]));

	(void)state;
	check(s, pr, sizeof(pr) / sizeof(pr[0]));
	pset_free(s);
}

static void
test_pset_empty_and_invalid(void **state)
{
	struct pset *s = pset_new();
	struct prefix p;

	(void)state;
	assert_int_equal(prefix_parse("10.0.0.0/8", &p, true), 0);
	assert_int_equal(pset_add(s, &p, 7, 8), -1);	/* lower < len */
	assert_int_equal(pset_add(s, &p, 9, 8), -1);	/* lower > upper */
	assert_int_equal(pset_add(s, &p, 8, 33), -1);	/* beyond /32 */
	pset_build(s);
	assert_false(pset_match(s, &p));
	assert_int_equal(pset_add(s, &p, 8, 8), -1);	/* frozen */
	assert_int_equal(pset_node_count(s), 0);
	pset_free(s);
	pset_free(NULL);
}

static void
random_prefix(struct prefix *p, uint8_t afi, unsigned seed_len)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	p->afi = afi;
	p->len = (uint8_t)seed_len;
	for (i = 0; i < addr_bytes(afi); i++)
		/* Dense values: many overlapping entries. */
		p->a[i] = (uint8_t)(rand() & 0x0f);
	prefix_mask(p);
}

static bool
linear_match(const struct prefix *v, const unsigned *lo, const unsigned *hi,
    size_t n, const struct prefix *q)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prefix_contains(&v[i], q) && q->len >= lo[i] &&
		    q->len <= hi[i])
			return true;
	return false;
}

static void
test_pset_random_vs_linear(void **state)
{
	enum { N = 400, Q = 20000 };
	struct prefix v[N], q;
	unsigned lo[N], hi[N], max;
	struct pset *s = pset_new();
	size_t i, hits = 0;
	uint8_t afi;
	bool m;

	(void)state;
	srand(7);
	for (i = 0; i < N; i++) {
		afi = i % 3 ? AFI_IPV4 : AFI_IPV6;
		max = prefix_maxlen(afi);
		random_prefix(&v[i], afi, (unsigned)rand() % (max / 2 + 1));
		lo[i] = v[i].len + (unsigned)rand() % 4;
		hi[i] = lo[i] + (unsigned)rand() % 6;
		if (hi[i] > max)
			hi[i] = max;
		if (lo[i] > hi[i])
			lo[i] = hi[i];
		assert_int_equal(pset_add(s, &v[i], lo[i], hi[i]), 0);
	}
	pset_build(s);
	for (i = 0; i < Q; i++) {
		afi = i % 3 ? AFI_IPV4 : AFI_IPV6;
		max = prefix_maxlen(afi);
		random_prefix(&q, afi, (unsigned)rand() % (max / 2 + 6));
		m = pset_match(s, &q);
		assert_int_equal(m, linear_match(v, lo, hi, N, &q));
		hits += m;
	}
	/* Both outcomes must be exercised for the comparison to mean much. */
	assert_true(hits > Q / 50 && hits < Q - Q / 50);
	assert_true(pset_node_count(s) > 0);
	pset_free(s);
}

/* A large sparse set (first-level index of 12+ bits, compact IPv4 nodes):
 * probes derived from entries, so both outcomes are frequent. */
static void
test_pset_large_vs_linear(void **state)
{
	enum { N = 3000, Q = 30000 };
	static struct prefix v[N];
	static unsigned lo[N], hi[N];
	struct prefix q;
	struct pset *s = pset_new();
	size_t i, j, hits = 0;
	bool m;

	(void)state;
	srand(11);
	for (i = 0; i < N; i++) {
		uint8_t afi = i % 4 ? AFI_IPV4 : AFI_IPV6;
		unsigned max = prefix_maxlen(afi);

		memset(&v[i], 0, sizeof(v[i]));
		v[i].afi = afi;
		for (j = 0; j < addr_bytes(afi); j++)
			v[i].a[j] = (uint8_t)rand();
		v[i].len = (uint8_t)(afi == AFI_IPV4 ? 8 + rand() % 17 :
		    16 + rand() % 49);
		prefix_mask(&v[i]);
		lo[i] = v[i].len + (unsigned)rand() % 3;
		hi[i] = lo[i] + (unsigned)rand() % 8;
		if (hi[i] > max)
			hi[i] = max;
		assert_int_equal(pset_add(s, &v[i], lo[i], hi[i]), 0);
	}
	pset_build(s);
	for (i = 0; i < Q; i++) {
		q = v[(size_t)rand() % N];
		q.len = (uint8_t)(q.len + (unsigned)rand() % 10);
		if (q.len > prefix_maxlen(q.afi))
			q.len = (uint8_t)prefix_maxlen(q.afi);
		for (j = 0; j < 16; j++)
			q.a[j] ^= (uint8_t)(rand() % 4 == 0 ? rand() : 0);
		prefix_mask(&q);
		m = pset_match(s, &q);
		assert_int_equal(m, linear_match(v, lo, hi, N, &q));
		hits += m;
	}
	assert_true(hits > Q / 20 && hits < Q - Q / 20);
	pset_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pset_ranges_v4),
		cmocka_unit_test(test_pset_mixed_v6),
		cmocka_unit_test(test_pset_empty_and_invalid),
		cmocka_unit_test(test_pset_random_vs_linear),
		cmocka_unit_test(test_pset_large_vs_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
