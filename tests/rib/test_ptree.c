/*
 * Unit tests for rib/ptree.c: randomised inserts and deletes (fixed seed)
 * for IPv4 and IPv6 checked against a naive array after every step (count,
 * exact lookup) and periodically in full (ordered walk, longest-prefix
 * match, subtree walks, paging by cursor, node count bound, stored values),
 * removal of the prefix just returned during a walk; long runs of
 * insertions in order and at random (the insertion finger); plus edge cases
 * (default route, host routes, glue replacement).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rib/ptree.h"
#include "tests/rib/rtest.h"

#define REF_MAX 8192

struct ref {
	struct prefix p[REF_MAX];
	int val[REF_MAX];
	size_t n;
};

static uint64_t rng_state;

static uint32_t
rng(void)
{
	return rtest_next(&rng_state);
}

/* A random prefix from a small space so that nesting and repeats happen. */
static void
rand_prefix(uint8_t afi, struct prefix *p)
{
	unsigned max = prefix_maxlen(afi), i;

	memset(p, 0, sizeof(*p));
	p->afi = afi;
	p->len = (uint8_t)(rng() % (max + 1));
	if (rng() % 4 != 0)	/* favour lengths around the middle */
		p->len = (uint8_t)(max / 4 + rng() % (max / 2 + 1));
	for (i = 0; i < addr_bytes(afi); i++)
		p->a[i] = (uint8_t)rng();
	p->a[0] = afi == AFI_IPV4 ? (uint8_t)(10 + rng() % 2) : 0x20;
	p->a[1] &= 0x83;
	prefix_mask(p);
}

/* p with random bits beyond its length, which the tree must ignore. */
static struct prefix
with_host_bits(const struct prefix *p)
{
	return rtest_host_bits(&rng_state, p);
}

static long
ref_find(const struct ref *r, const struct prefix *p)
{
	return rtest_find(r->p, r->n, p);
}

static int
cmp_prefix_qsort(const void *a, const void *b)
{
	return prefix_cmp(a, b);
}

/* The reference prefixes in prefix_cmp order, filtered. */
static size_t
ref_sorted(const struct ref *r, struct prefix *out,
    const struct prefix *within, const struct prefix *after)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++) {
		if (within != NULL && !prefix_contains(within, &r->p[i]))
			continue;
		if (after != NULL && prefix_cmp(&r->p[i], after) <= 0)
			continue;
		out[n++] = r->p[i];
	}
	qsort(out, n, sizeof(*out), cmp_prefix_qsort);
	return n;
}

static void
check_walk(const struct ptree *t, const struct ref *r,
    const struct prefix *within, const struct prefix *after)
{
	static struct prefix want[REF_MAX];
	struct ptree_iter it;
	struct prefix p;
	size_t n = ref_sorted(r, want, within, after), i = 0;
	int *v;

	ptree_iter_init(&it, t, within, after);
	while ((v = ptree_iter_next(&it, &p)) != NULL) {
		assert_true(i < n);
		assert_true(prefix_eq(&p, &want[i]));
		assert_int_equal(*v, r->val[ref_find(r, &p)]);
		i++;
	}
	assert_int_equal(i, n);
}

/* Walk everything in pages of 7, resuming after the last prefix seen. */
static void
check_paging(const struct ptree *t, const struct ref *r)
{
	static struct prefix want[REF_MAX];
	struct ptree_iter it;
	struct prefix p, last;
	size_t n = ref_sorted(r, want, NULL, NULL), i = 0, k;
	bool first = true;

	for (;;) {
		ptree_iter_init(&it, t, NULL, first ? NULL : &last);
		for (k = 0; k < 7 && ptree_iter_next(&it, &p) != NULL; k++) {
			assert_true(i < n && prefix_eq(&p, &want[i]));
			i++;
			last = p;
			first = false;
		}
		if (k < 7)
			break;
	}
	assert_int_equal(i, n);
}

static void
check_match(const struct ptree *t, const struct ref *r,
    const struct prefix *q)
{
	long best = -1;
	size_t i;
	struct prefix f;
	int *v;

	for (i = 0; i < r->n; i++) {
		if (prefix_contains(&r->p[i], q) &&
		    (best < 0 || r->p[i].len > r->p[best].len))
			best = (long)i;
	}
	v = ptree_match(t, q, &f);
	if (best < 0) {
		assert_null(v);
		return;
	}
	assert_non_null(v);
	assert_true(prefix_eq(&f, &r->p[best]));
	assert_int_equal(*v, r->val[best]);
}

static void
check_full(const struct ptree *t, const struct ref *r)
{
	struct prefix q;
	unsigned i;

	assert_int_equal(ptree_count(t), r->n);
	/* Glue nodes have two children, so there are fewer than values. */
	assert_true(ptree_nodes(t) <= (r->n ? 2 * r->n - 1 : 0));
	check_walk(t, r, NULL, NULL);
	check_paging(t, r);
	for (i = 0; i < 12; i++) {
		rand_prefix(t->afi, &q);
		check_match(t, r, &q);
		check_walk(t, r, &q, NULL);
		check_walk(t, r, NULL, &q);
		if (r->n > 0) {
			struct prefix w = r->p[rng() % r->n];

			check_walk(t, r, &w, &q);
			check_walk(t, r, &q, &w);
			check_walk(t, r, &w, NULL);
		}
	}
}

/* Remove every other prefix while walking: the walk must not notice. */
static void
walk_remove_half(struct ptree *t, struct ref *r)
{
	static struct prefix want[REF_MAX];
	size_t n = ref_sorted(r, want, NULL, NULL), i = 0;
	struct ptree_iter it;
	struct prefix p;
	long k;

	ptree_iter_init(&it, t, NULL, NULL);
	while (ptree_iter_next(&it, &p) != NULL) {
		assert_true(i < n && prefix_eq(&p, &want[i]));
		if (i++ % 2 == 0) {
			assert_true(ptree_remove(t, &p));
			k = ref_find(r, &p);
			r->p[k] = r->p[--r->n];
			r->val[k] = r->val[r->n];
		}
	}
	assert_int_equal(i, n);
	check_full(t, r);
}

static void
random_ops(uint8_t afi, unsigned ops)
{
	static struct ref r;
	struct ptree t;
	struct prefix p, q;
	unsigned i;
	bool created;
	long k;
	int *v;

	rng_state = 0x9e3779b97f4a7c15ull + afi;
	memset(&r, 0, sizeof(r));
	ptree_init(&t, afi, sizeof(int));
	for (i = 0; i < ops; i++) {
		if (rng() % 8 < 3 && r.n > 0)
			p = r.p[rng() % r.n];
		else
			rand_prefix(afi, &p);
		k = ref_find(&r, &p);
		if (rng() % 8 < 5) {
			q = with_host_bits(&p);
			v = ptree_add(&t, &q, &created);
			assert_int_equal(created, k < 0);
			if (k < 0) {
				assert_int_equal(*v, 0);
				assert_true(r.n < REF_MAX);
				k = (long)r.n++;
				r.p[k] = p;
			}
			*v = r.val[k] = (int)i + 1;
		} else {
			assert_int_equal(ptree_remove(&t, &p), k >= 0);
			if (k >= 0) {
				r.p[k] = r.p[--r.n];
				r.val[k] = r.val[r.n];
			}
		}
		assert_int_equal(ptree_count(&t), r.n);
		q = with_host_bits(&p);
		v = ptree_lookup(&t, &q);
		if ((k = ref_find(&r, &p)) < 0)
			assert_null(v);
		else
			assert_int_equal(*v, r.val[k]);
		if (i % 2500 == 2499)
			check_full(&t, &r);
	}
	check_full(&t, &r);
	print_message("# %zu prefixes, %zu nodes\n", r.n, ptree_nodes(&t));
	walk_remove_half(&t, &r);
	/* Remove everything: the tree must come back to no nodes at all. */
	while (r.n > 0) {
		assert_true(ptree_remove(&t, &r.p[r.n - 1]));
		r.n--;
	}
	assert_int_equal(ptree_count(&t), 0);
	assert_int_equal(ptree_nodes(&t), 0);
	ptree_fini(&t);
}

static void
test_random_ipv4(void **state)
{
	(void)state;
	random_ops(AFI_IPV4, 20000);
}

static void
test_random_ipv6(void **state)
{
	(void)state;
	random_ops(AFI_IPV6, 20000);
}

static void
pfx(const char *s, struct prefix *p)
{
	assert_int_equal(prefix_parse(s, p, false), 0);
}

static void
test_edges(void **state)
{
	static const char *const in[] = {
		"10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32", "0.0.0.0/0",
		"10.128.0.0/9", "255.255.255.255/32",
	};
	struct ptree t;
	struct prefix p, f;
	bool created;
	size_t i;
	int *v;

	(void)state;
	ptree_init(&t, AFI_IPV4, sizeof(int));
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		pfx(in[i], &p);
		v = ptree_add(&t, &p, &created);
		assert_true(created);
		*v = (int)i + 1;
	}
	/* Host bits beyond the length are ignored. */
	pfx("10.1.9.9/16", &p);
	assert_int_equal(*(int *)ptree_lookup(&t, &p), 2);
	pfx("10.1.2.3/32", &p);
	assert_int_equal(*(int *)ptree_match(&t, &p, &f), 3);
	pfx("10.1.2.4/32", &p);
	assert_int_equal(*(int *)ptree_match(&t, &p, &f), 2);
	pfx("10.200.0.0/16", &p);
	assert_int_equal(*(int *)ptree_match(&t, &p, &f), 5);
	pfx("11.0.0.0/8", &p);
	assert_int_equal(*(int *)ptree_match(&t, &p, &f), 4);
	assert_int_equal(f.len, 0);
	/* Deleting an inner value node keeps its subtree reachable. */
	pfx("10.0.0.0/8", &p);
	assert_true(ptree_remove(&t, &p));
	assert_false(ptree_remove(&t, &p));
	assert_null(ptree_lookup(&t, &p));
	pfx("10.1.2.3/32", &p);
	assert_int_equal(*(int *)ptree_lookup(&t, &p), 3);
	pfx("10.130.0.0/16", &p);
	assert_int_equal(*(int *)ptree_match(&t, &p, NULL), 5);
	/* A glue node becomes a value node when its prefix is added. */
	pfx("10.0.0.0/8", &p);
	v = ptree_add(&t, &p, &created);
	assert_true(created);
	assert_int_equal(*v, 0);
	ptree_fini(&t);
}

static void
test_ipv6_host_and_default(void **state)
{
	struct ptree t;
	struct prefix p, f;
	bool created;
	int *v;

	(void)state;
	ptree_init(&t, AFI_IPV6, sizeof(int));
	pfx("::/0", &p);
	*(int *)ptree_add(&t, &p, &created) = 1;
	pfx("2001:db8::1/128", &p);
	*(int *)ptree_add(&t, &p, &created) = 2;
	pfx("2001:db8::/32", &p);
	*(int *)ptree_add(&t, &p, &created) = 3;
	pfx("2001:db8::1/128", &p);
	v = ptree_match(&t, &p, &f);
	assert_int_equal(*v, 2);
	pfx("2001:db8::2/128", &p);
	assert_int_equal(*(int *)ptree_match(&t, &p, &f), 3);
	pfx("fe80::/10", &p);
	assert_int_equal(*(int *)ptree_match(&t, &p, &f), 1);
	assert_int_equal(ptree_count(&t), 3);
	ptree_fini(&t);
}

/*
 * Long runs of insertions with no removal, in prefix order and then in
 * random order, then every prefix again: the insertion finger is used
 * across whole runs. Checked in full against the reference.
 */
static void
add_runs(uint8_t afi)
{
	static struct ref r;
	static struct prefix batch[3000];
	struct ptree t;
	bool created;
	size_t i, n = 0;
	long k;
	int *v;

	rng_state = 0x2545f4914f6cdd1dull + afi;
	memset(&r, 0, sizeof(r));
	ptree_init(&t, afi, sizeof(int));
	for (i = 0; i < 3000; i++)
		rand_prefix(afi, &batch[i]);
	qsort(batch, 1500, sizeof(batch[0]), cmp_prefix_qsort);
	for (i = 0; i < 3000 + 3000; i++) {
		const struct prefix *p = &batch[i % 3000];

		k = ref_find(&r, p);
		v = ptree_add(&t, p, &created);
		assert_int_equal(created, k < 0);
		if (k < 0) {
			k = (long)r.n++;
			r.p[k] = *p;
			r.val[k] = (int)i + 1;
			*v = r.val[k];
			n++;
		}
		assert_int_equal(*v, r.val[k]);
		if (i % 1000 == 999)
			check_full(&t, &r);
	}
	assert_int_equal(ptree_count(&t), n);
	walk_remove_half(&t, &r);
	while (r.n > 0)
		assert_true(ptree_remove(&t, &r.p[--r.n]));
	assert_int_equal(ptree_nodes(&t), 0);
	ptree_fini(&t);
}

static void
test_add_runs(void **state)
{
	(void)state;
	add_runs(AFI_IPV4);
	add_runs(AFI_IPV6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_ipv4),
		cmocka_unit_test(test_random_ipv6),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_ipv6_host_and_default),
		cmocka_unit_test(test_add_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
