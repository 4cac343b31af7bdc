/*
 * Unit tests for rib/advmap.c: randomised inserts, lookups and removals
 * (both by prefix and by value; fixed seed) for IPv4 and IPv6 checked
 * against a naive array after every step (count, lookup of the prefix
 * touched) and periodically in full (every stored value, the unordered
 * iteration returns each prefix exactly once, the load bounds), with
 * resumable walks open across random modifications (every prefix stored
 * from the walk's start until reached is returned; nothing returned is
 * absent); growth to 200k entries and shrinking back to nothing; the
 * resync pattern (remove each prefix just returned); a walk restarted by
 * growth; host bits; value layout and sizes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rib/advmap.h"
#include "tests/rib/rtest.h"

#define REF_MAX 4096

struct val {
	uint64_t tag;
	uint64_t pad;
};

struct ref {
	struct prefix p[REF_MAX];
	uint64_t tag[REF_MAX];
	/* For the open walk: stored since it started, not yet returned. */
	bool owed[REF_MAX];
	size_t n;
};

static uint64_t rng_state;

static uint32_t
rng(void)
{
	return rtest_next(&rng_state);
}

/* A random prefix from a small space so that repeats and clusters occur. */
static void
rand_prefix(uint8_t afi, struct prefix *p, unsigned space)
{
	uint32_t x = rng() % space;

	memset(p, 0, sizeof(*p));
	p->afi = afi;
	p->len = (uint8_t)(afi == AFI_IPV4 ? 16 + x % 17 : 32 + x % 97);
	p->a[0] = afi == AFI_IPV4 ? 10 : 0x20;
	p->a[1] = (uint8_t)(x >> 5);
	p->a[2] = (uint8_t)(x >> 13);
	p->a[3] = (uint8_t)x;
	if (afi == AFI_IPV6)
		p->a[9] = (uint8_t)(x * 7);
	prefix_mask(p);
}

/* p with random bits beyond its length, which the map must ignore. */
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

static void
ref_del(struct ref *r, size_t i)
{
	r->n--;
	r->p[i] = r->p[r->n];
	r->tag[i] = r->tag[r->n];
	r->owed[i] = r->owed[r->n];
}

/* Everything the reference holds is found with its tag, and the unordered
 * iteration returns each stored prefix exactly once. */
static void
check_full(const struct advmap *m, const struct ref *r)
{
	static bool seen[REF_MAX];
	const struct val *v;
	struct prefix q;
	size_t i, pos = 0, n = 0;
	long k;

	assert_int_equal(advmap_count(m), r->n);
	assert_true(4 * (m->count + m->tombs) <= 3 * m->cap || m->cap == 0);
	assert_true(m->walking || m->tombs == 0);
	for (i = 0; i < r->n; i++) {
		v = advmap_lookup(m, &r->p[i]);
		assert_non_null(v);
		assert_int_equal(v->tag, r->tag[i]);
		seen[i] = false;
	}
	while ((v = advmap_next(m, &pos, &q)) != NULL) {
		k = ref_find(r, &q);
		assert_true(k >= 0);
		assert_false(seen[k]);
		seen[k] = true;
		assert_int_equal(v->tag, r->tag[k]);
		n++;
	}
	assert_int_equal(n, r->n);
}

/* One step of the open walk: what it returns is stored; at its end every
 * prefix owed has been returned. Opens a new walk sometimes. */
static void
walk_step(struct advmap *m, struct ref *r)
{
	const struct val *v;
	struct prefix q;
	size_t i;
	long k;

	if (!m->walking) {
		if (rng() % 8 != 0)
			return;
		advmap_walk_start(m);
		for (i = 0; i < r->n; i++)
			r->owed[i] = true;
		return;
	}
	v = advmap_walk_next(m, &q);
	if (v == NULL) {
		for (i = 0; i < r->n; i++)
			assert_false(r->owed[i]);
		assert_false(m->walking);
		assert_int_equal(m->tombs, 0);
		return;
	}
	k = ref_find(r, &q);
	assert_true(k >= 0);
	assert_int_equal(v->tag, r->tag[k]);
	r->owed[k] = false;
	if (rng() % 3 == 0) {	/* the resync pattern: drop what was seen */
		advmap_remove_value(m, (void *)(uintptr_t)v);
		ref_del(r, (size_t)k);
	}
}

/* One random insert, update, lookup or removal, checked. */
static void
random_op(struct advmap *m, struct ref *r, uint8_t afi, unsigned space,
    uint64_t tag)
{
	struct prefix p, q;
	struct val *v;
	bool created;
	long k;

	rand_prefix(afi, &p, space);
	q = with_host_bits(&p);
	k = ref_find(r, &p);
	switch (rng() % 5) {
	case 0:
	case 1:
		v = advmap_add(m, &q, &created);
		assert_non_null(v);
		assert_int_equal(created, k < 0);
		if (k < 0) {
			assert_int_equal(v->tag, 0);
			assert_true(r->n < REF_MAX);
			k = (long)r->n++;
			r->p[k] = p;
			r->owed[k] = false;
		} else
			assert_int_equal(v->tag, r->tag[k]);
		v->tag = r->tag[k] = tag;
		break;
	case 2:
		assert_int_equal(advmap_remove(m, &q), k >= 0);
		if (k >= 0)
			ref_del(r, (size_t)k);
		break;
	case 3:
		v = advmap_lookup(m, &q);
		if (k >= 0) {
			advmap_value_prefix(m, v, &q);
			assert_true(prefix_eq(&q, &p));
			advmap_remove_value(m, v);
			ref_del(r, (size_t)k);
		} else
			assert_null(v);
		break;
	default:
		v = advmap_lookup(m, &q);
		if (k >= 0)
			assert_int_equal(v->tag, r->tag[k]);
		else
			assert_null(v);
	}
	assert_int_equal(advmap_count(m), r->n);
}

static void
random_run(uint8_t afi, unsigned space, unsigned steps)
{
	static struct ref r;
	struct advmap m;
	unsigned i;

	rng_state = 0x9e3779b97f4a7c15ull ^ afi ^ space;
	memset(&r, 0, sizeof(r));
	advmap_init(&m, afi, sizeof(struct val));
	for (i = 0; i < steps; i++) {
		random_op(&m, &r, afi, space, i + 1);
		walk_step(&m, &r);
		if (i % 997 == 0)
			check_full(&m, &r);
	}
	check_full(&m, &r);
	advmap_fini(&m);
	assert_int_equal(advmap_bytes(&m), 0);
}

static void
test_random_ipv4(void **state)
{
	(void)state;
	random_run(AFI_IPV4, 64, 20000);	/* tiny: wrap-around runs */
	random_run(AFI_IPV4, 3000, 200000);
}

static void
test_random_ipv6(void **state)
{
	(void)state;
	random_run(AFI_IPV6, 64, 20000);
	random_run(AFI_IPV6, 3000, 200000);
}

static void
nth_prefix(uint8_t afi, uint32_t i, struct prefix *p)
{
	memset(p, 0, sizeof(*p));
	p->afi = afi;
	p->len = afi == AFI_IPV4 ? 24 : 48;
	p->a[0] = (uint8_t)(afi == AFI_IPV4 ? 1 + (i >> 16) : 0x20);
	p->a[1] = (uint8_t)(i >> 8);
	p->a[2] = (uint8_t)i;
	if (afi == AFI_IPV6)
		p->a[3] = (uint8_t)(i >> 16);
}

/* Growth to n entries in order, the load bound, then removal to empty. */
static void
grow_shrink(uint8_t afi, uint32_t n)
{
	struct advmap m;
	struct prefix p;
	struct val *v;
	bool created;
	uint32_t i;

	advmap_init(&m, afi, sizeof(struct val));
	assert_int_equal(m.esize, afi == AFI_IPV4 ? 24 : 40);
	for (i = 0; i < n; i++) {
		nth_prefix(afi, i, &p);
		v = advmap_add(&m, &p, &created);
		assert_true(created);
		v->tag = i;
	}
	assert_int_equal(advmap_count(&m), n);
	/* Growing only: at most 3/4 full; at least 1/2 full from
	 * ADVMAP_FAST (2^18) entries on, at least 1/4 below. */
	assert_true(m.cap <= (n < (1u << 18) ? 4 : 2) * n);
	assert_true(4 * n <= 3 * m.cap);
	assert_int_equal(advmap_bytes(&m), m.cap * m.esize);
	for (i = 0; i < n; i++) {
		nth_prefix(afi, i, &p);
		v = advmap_lookup(&m, &p);
		assert_non_null(v);
		assert_int_equal(v->tag, i);
	}
	for (i = 0; i < n; i++) {
		nth_prefix(afi, i, &p);
		assert_true(advmap_remove(&m, &p));
		assert_false(advmap_remove(&m, &p));
		/* Shrinks: never below 1/8 full (16 entries at least). */
		assert_true(m.cap <= 16 || 8 * m.count >= m.cap);
	}
	assert_int_equal(advmap_count(&m), 0);
	assert_int_equal(advmap_bytes(&m), 0);
	advmap_fini(&m);
}

static void
test_grow_shrink(void **state)
{
	(void)state;
	grow_shrink(AFI_IPV4, 200000);
	grow_shrink(AFI_IPV6, 50000);
}

/* Remove every prefix the walk returns: each comes exactly once. */
static void
test_walk_remove_all(void **state)
{
	struct advmap m;
	struct prefix p;
	struct val *v;
	bool created, *seen = calloc(30000, 1);
	uint32_t i, n = 0;

	(void)state;
	assert_non_null(seen);
	advmap_init(&m, AFI_IPV4, sizeof(struct val));
	for (i = 0; i < 30000; i++) {
		nth_prefix(AFI_IPV4, i, &p);
		v = advmap_add(&m, &p, &created);
		v->tag = i;
	}
	advmap_walk_start(&m);
	while ((v = advmap_walk_next(&m, &p)) != NULL) {
		assert_false(seen[v->tag]);
		seen[v->tag] = true;
		n++;
		if (v->tag % 2 == 0)
			assert_true(advmap_remove(&m, &p));
	}
	assert_int_equal(n, 30000);
	assert_int_equal(advmap_count(&m), 15000);
	assert_int_equal(m.tombs, 0);
	for (i = 0; i < 30000; i++) {
		nth_prefix(AFI_IPV4, i, &p);
		assert_int_equal(advmap_lookup(&m, &p) != NULL, i % 2 == 1);
	}
	advmap_fini(&m);
	free(seen);
}

/* Growth during a walk restarts it: nothing stored before is missed. */
static void
test_walk_restart(void **state)
{
	struct advmap m;
	struct prefix p;
	struct val *v;
	bool created, *seen = calloc(5000, 1);
	uint32_t i;
	uint64_t rh;

	(void)state;
	assert_non_null(seen);
	advmap_init(&m, AFI_IPV6, sizeof(struct val));
	for (i = 0; i < 1000; i++) {
		nth_prefix(AFI_IPV6, i, &p);
		v = advmap_add(&m, &p, &created);
		v->tag = i;
	}
	advmap_walk_start(&m);
	for (i = 0; i < 500; i++) {
		v = advmap_walk_next(&m, NULL);
		assert_non_null(v);
		seen[v->tag] = true;
	}
	rh = m.rehashes;
	for (i = 1000; i < 5000; i++) {
		nth_prefix(AFI_IPV6, i, &p);
		v = advmap_add(&m, &p, &created);
		v->tag = i;
	}
	assert_true(m.rehashes > rh);
	assert_true(m.walking);
	while ((v = advmap_walk_next(&m, NULL)) != NULL)
		seen[v->tag] = true;
	for (i = 0; i < 1000; i++)
		assert_true(seen[i]);
	/* Stopping early reclaims tombstones, at the same size. */
	advmap_walk_start(&m);
	v = advmap_walk_next(&m, &p);
	advmap_remove_value(&m, v);
	assert_int_equal(m.tombs, 1);
	i = (uint32_t)m.cap;
	advmap_walk_stop(&m);
	assert_int_equal(m.tombs, 0);
	assert_int_equal(m.cap, i);
	assert_null(advmap_lookup(&m, &p));
	assert_int_equal(advmap_count(&m), 4999);
	advmap_fini(&m);
	free(seen);
}

/* Default route, host routes, host bits ignored, lengths distinguished. */
static void
test_edges(void **state)
{
	struct advmap m;
	struct prefix a, b;
	bool created;

	(void)state;
	memset(&a, 0, sizeof(a));
	advmap_init(&m, AFI_IPV4, 8);
	assert_int_equal(m.esize, 16);
	assert_null(advmap_lookup(&m, &a));
	assert_int_equal(prefix_parse("0.0.0.0/0", &a, true), 0);
	assert_int_equal(prefix_parse("10.1.2.3/32", &b, true), 0);
	*(uint64_t *)advmap_add(&m, &a, &created) = 1;
	*(uint64_t *)advmap_add(&m, &b, &created) = 2;
	assert_true(created);
	assert_int_equal(prefix_parse("10.1.2.3/8", &b, false), 0);
	assert_null(advmap_lookup(&m, &b));
	advmap_add(&m, &b, &created);
	assert_true(created);
	assert_int_equal(prefix_parse("10.0.0.0/8", &a, true), 0);
	assert_non_null(advmap_lookup(&m, &a));
	assert_int_equal(advmap_count(&m), 3);
	assert_false(advmap_remove(&m, &(struct prefix){ .afi = AFI_IPV4,
	    .len = 9, .a = { 10 } }));
	advmap_fini(&m);
}

/* Epochs: advmap_add() makes an entry current, lookups do not, a new
 * epoch forgets, growth keeps the stamps, the wrap at 256 clears them. */
static void
test_epochs(void **state)
{
	struct advmap m;
	struct prefix p;
	struct val *v;
	bool created;
	uint32_t i;
	unsigned e;

	(void)state;
	advmap_init(&m, AFI_IPV4, sizeof(struct val));
	for (i = 0; i < 1000; i++) {
		nth_prefix(AFI_IPV4, i, &p);
		v = advmap_add(&m, &p, &created);
		assert_true(advmap_value_current(&m, v));
	}
	for (i = 5000; i < 5010; i++) {	/* never touched again */
		nth_prefix(AFI_IPV4, i, &p);
		advmap_add(&m, &p, &created);
	}
	for (e = 0; e < 600; e++) {
		advmap_epoch_next(&m);
		assert_int_not_equal(m.epoch, 0);
		/* Touch one prefix in 7 (a shifting selection), then grow. */
		for (i = 0; i < 1000; i++)
			if ((i + e) % 7 == 0) {
				nth_prefix(AFI_IPV4, i, &p);
				advmap_add(&m, &p, &created);
			}
		if (e == 300)
			for (i = 1000; i < 3000; i++) {
				nth_prefix(AFI_IPV4, i, &p);
				advmap_add(&m, &p, &created);
			}
		for (i = 0; i < 1000; i++) {
			nth_prefix(AFI_IPV4, i, &p);
			v = advmap_lookup(&m, &p);
			assert_int_equal(advmap_value_current(&m, v),
			    (i + e) % 7 == 0);
		}
		for (i = 5000; i < 5010; i++) {
			nth_prefix(AFI_IPV4, i, &p);
			assert_false(advmap_value_current(&m,
			    advmap_lookup(&m, &p)));
		}
	}
	advmap_fini(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_ipv4),
		cmocka_unit_test(test_random_ipv6),
		cmocka_unit_test(test_grow_shrink),
		cmocka_unit_test(test_walk_remove_all),
		cmocka_unit_test(test_walk_restart),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_epochs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
