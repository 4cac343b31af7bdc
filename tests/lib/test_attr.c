/*
 * Unit tests for lib/attr.c: interning identity, normalisation of absent
 * members, refcounts and allocation counters, table growth and deletion
 * (many sets inserted and removed in scrambled order), builder storage, and
 * the shared extension of rarely present members (sharing, accessors, and
 * random sets interning equal exactly when attr_builder_eq() says so), and
 * interned next hops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/attr.h"

static const uint8_t path1[] = { 2, 2, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1 };
static const uint8_t comms1[] = { 0xfd, 0xe8, 0, 100 };

static void
fill(struct attr_builder *b, uint32_t med)
{
	attr_builder_init(b);
	b->a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP |
	    ATTRS_HAS_MED;
	b->a.origin = ORIGIN_IGP;
	b->a.med = med;
	addr_from_ipv4(&b->a.nexthop, 0x0a000001);
	b->aspath.p = path1;
	b->aspath.len = sizeof(path1);
	b->comms.p = comms1;
	b->comms.len = sizeof(comms1);
}

static void
test_intern_same_set_same_pointer(void **state)
{
	struct attr_table *t = attr_table_new();
	struct attr_builder b1, b2;
	const struct attrs *a1, *a2, *a3;
	uint8_t copy[sizeof(path1)];

	(void)state;
	fill(&b1, 5);
	fill(&b2, 5);
	memcpy(copy, path1, sizeof(copy));
	b2.aspath.p = copy;		/* equal bytes, different storage */
	a1 = attrs_intern(t, &b1);
	a2 = attrs_intern(t, &b2);
	assert_ptr_equal(a1, a2);
	assert_int_equal(a1->refcnt, 2);
	assert_int_equal(attr_table_count(t), 1);
	assert_int_equal(attr_table_blob_count(t), 2);
	fill(&b2, 6);
	a3 = attrs_intern(t, &b2);
	assert_ptr_not_equal(a1, a3);
	/* Blobs are shared between the two sets. */
	assert_ptr_equal(a1->aspath, a3->aspath);
	assert_int_equal(attr_table_count(t), 2);
	assert_int_equal(attr_table_blob_count(t), 2);
	assert_true(bytes_eq(blob_bytes(a3->aspath), b1.aspath));
	attrs_unref(t, a1);
	attrs_unref(t, a2);
	assert_int_equal(attr_table_count(t), 1);
	attrs_unref(t, a3);
	assert_int_equal(attr_table_count(t), 0);
	assert_int_equal(attr_table_blob_count(t), 0);
	attrs_unref(t, NULL);
	attr_table_free(t);
}

static void
test_absent_members_ignored(void **state)
{
	struct attr_table *t = attr_table_new();
	struct attr_builder b1, b2;
	const struct attrs *a1, *a2;

	(void)state;
	fill(&b1, 5);
	fill(&b2, 5);
	b1.a.flags &= ~(uint32_t)ATTRS_HAS_MED;
	b2.a.flags &= ~(uint32_t)ATTRS_HAS_MED;
	b2.a.med = 99;			/* garbage in an absent member */
	b2.a.local_pref = 7;
	assert_true(attr_builder_eq(&b1, &b2));
	a1 = attrs_intern(t, &b1);
	a2 = attrs_intern(t, &b2);
	assert_ptr_equal(a1, a2);
	assert_int_equal(a1->med, 0);
	/* Present-but-empty AS path differs from an absent one. */
	b2.a.flags &= ~(uint32_t)ATTRS_HAS_ASPATH;
	b2.aspath.len = 0;
	assert_false(attr_builder_eq(&b1, &b2));
	attrs_unref(t, a1);
	attrs_unref(t, a2);
	attr_table_free(t);
}

static void
test_builder_from_round_trip(void **state)
{
	struct attr_table *t = attr_table_new();
	struct attr_builder b1, b2;
	const struct attrs *a1, *a2;

	(void)state;
	fill(&b1, 5);
	b1.a.flags |= ATTRS_HAS_OTC;
	b1.a.otc = 65001;
	a1 = attrs_intern(t, &b1);
	attr_builder_init(&b2);
	attr_builder_from(&b2, a1);
	assert_true(attr_builder_eq(&b1, &b2));
	a2 = attrs_intern(t, &b2);
	assert_ptr_equal(a1, a2);
	attr_builder_fini(&b2);
	attrs_unref(t, a2);
	attrs_unref(t, attrs_ref(a1));
	attrs_unref(t, a1);
	assert_int_equal(attr_table_count(t), 0);
	attr_table_free(t);
}

#define MANY 20000

static void
test_many_sets_grow_and_delete(void **state)
{
	static const struct attrs *v[MANY];
	struct attr_table *t = attr_table_new();
	struct attr_builder b;
	uint32_t i, j;
	uint8_t comm[4];

	(void)state;
	for (i = 0; i < MANY; i++) {
		fill(&b, i);
		comm[0] = (uint8_t)(i >> 8);
		comm[1] = (uint8_t)i;
		comm[2] = comm[3] = (uint8_t)(i % 7);
		b.comms.p = comm;
		b.comms.len = 4;
		v[i] = attrs_intern(t, &b);
		assert_int_equal(v[i]->med, i);
	}
	assert_int_equal(attr_table_count(t), MANY);
	/* Every set is found again after growth. */
	for (i = 0; i < MANY; i += 97) {
		fill(&b, i);
		comm[0] = (uint8_t)(i >> 8);
		comm[1] = (uint8_t)i;
		comm[2] = comm[3] = (uint8_t)(i % 7);
		b.comms.p = comm;
		b.comms.len = 4;
		assert_ptr_equal(attrs_intern(t, &b), v[i]);
		attrs_unref(t, v[i]);
	}
	/* Remove in a scrambled order; the rest must stay findable. */
	for (i = 0; i < MANY; i++) {
		j = (i * 7919u) % MANY;
		attrs_unref(t, v[j]);
		v[j] = NULL;
		if (i % 1000 == 0 && v[(j + 1) % MANY] != NULL) {
			fill(&b, (j + 1) % MANY);
			comm[0] = (uint8_t)(((j + 1) % MANY) >> 8);
			comm[1] = (uint8_t)((j + 1) % MANY);
			comm[2] = comm[3] = (uint8_t)(((j + 1) % MANY) % 7);
			b.comms.p = comm;
			b.comms.len = 4;
			assert_ptr_equal(attrs_intern(t, &b), v[(j + 1) % MANY]);
			attrs_unref(t, v[(j + 1) % MANY]);
		}
	}
	assert_int_equal(attr_table_count(t), 0);
	assert_int_equal(attr_table_blob_count(t), 0);
	attr_table_free(t);
}

/*
 * attrs->aslen is the RFC 4271 9.1.2.2 (a) length (AS_SET 1, confederation
 * segments 0), derived at interning; a freed slab set is reused with the
 * new contents and the table still finds every live set.
 */
static void
test_aslen_and_slab_reuse(void **state)
{
	/* SEQUENCE 65000 1, SET {2 3}, CONFED_SEQUENCE {4}. */
	static const uint8_t p[] = { 2, 2, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1,
	    1, 2, 0, 0, 0, 2, 0, 0, 0, 3, 3, 1, 0, 0, 0, 4 };
	static const struct attrs *v[2000];
	struct attr_table *t = attr_table_new();
	struct attr_builder b;
	const struct attrs *a;
	uint32_t i;

	(void)state;
	fill(&b, 1);
	b.aspath.p = p;
	b.aspath.len = sizeof(p);
	a = attrs_intern(t, &b);
	assert_int_equal(a->aslen, 3);
	attrs_unref(t, a);
	fill(&b, 1);
	b.aspath.len = 0;
	a = attrs_intern(t, &b);
	assert_int_equal(a->aslen, 0);
	attrs_unref(t, a);
	/* Fill several slab chunks, free every other set, refill. */
	for (i = 0; i < 2000; i++) {
		fill(&b, i);
		v[i] = attrs_intern(t, &b);
		assert_int_equal(v[i]->aslen, 2);
	}
	for (i = 0; i < 2000; i += 2)
		attrs_unref(t, v[i]);
	for (i = 0; i < 2000; i += 2) {
		fill(&b, 100000 + i);
		v[i] = attrs_intern(t, &b);
		assert_int_equal(v[i]->med, 100000 + i);
		assert_int_equal(v[i]->refcnt, 1);
	}
	assert_int_equal(attr_table_count(t), 2000);
	for (i = 0; i < 2000; i++) {
		fill(&b, i % 2 ? i : 100000 + i);
		a = attrs_intern(t, &b);
		assert_ptr_equal(a, v[i]);
		attrs_unref(t, a);
		attrs_unref(t, v[i]);
	}
	assert_int_equal(attr_table_count(t), 0);
	attr_table_free(t);
}

static void
test_builder_alloc_stable(void **state)
{
	struct attr_builder b;
	uint8_t *p[100];
	int i;

	(void)state;
	attr_builder_init(&b);
	for (i = 0; i < 100; i++) {
		p[i] = attr_builder_alloc(&b, 100 + (size_t)i * 10);
		memset(p[i], i, 100 + (size_t)i * 10);
	}
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i][99 + i * 10], i);
	attr_builder_reset(&b);
	assert_int_equal(b.a.flags, 0);
	assert_non_null(b.chunks);
	p[0] = attr_builder_alloc(&b, 5000);
	memset(p[0], 1, 5000);
	attr_builder_fini(&b);
	assert_null(b.chunks);
}

/*
 * reset clears every member (scalars, addresses, blob pointers, views)
 * exactly as a fresh builder has them, keeps its storage, and the builder
 * interns to the same set as a fresh one afterwards.
 */
static void
test_builder_reset_clears_all(void **state)
{
	static const uint8_t path[6] = { 2, 1, 0, 0, 0xfd, 0xe8 };
	struct attr_table *t = attr_table_new();
	struct attr_builder b, fresh;
	const struct attrs *x, *y;
	uint8_t *p;

	(void)state;
	attr_builder_init(&b);
	attr_builder_init(&fresh);
	p = attr_builder_alloc(&b, 16);
	memset(&b.a, 0x5a, sizeof(b.a));
	b.aspath = (struct bytes){ path, sizeof(path) };
	b.comms = b.ecomms = b.lcomms = (struct bytes){ p, 4 };
	b.clusters = b.unknown = (struct bytes){ p, 8 };
	attr_builder_reset(&b);
	assert_non_null(b.chunks);
	assert_int_equal(b.a.flags | b.a.origin, 0);
	assert_int_equal(b.a.med | b.a.local_pref | b.a.aggr_as, 0);
	assert_int_equal(b.a.aggr_id | b.a.originator_id | b.a.otc, 0);
	/* struct addr has no padding: every byte is compared. */
	assert_memory_equal(&b.a.nexthop, &fresh.a.nexthop,
	    sizeof(b.a.nexthop));
	assert_memory_equal(&b.a.nexthop_ll, &fresh.a.nexthop_ll,
	    sizeof(b.a.nexthop_ll));
	assert_null(b.aspath.p);
	assert_int_equal(b.aspath.len + b.comms.len + b.ecomms.len +
	    b.lcomms.len + b.clusters.len + b.unknown.len, 0);
	assert_null(b.unknown.p);
	assert_true(attr_builder_eq(&b, &fresh));
	b.a.flags = fresh.a.flags = ATTRS_HAS_ORIGIN;
	x = attrs_intern(t, &b);
	y = attrs_intern(t, &fresh);
	assert_ptr_equal(x, y);
	attrs_unref(t, x);
	attrs_unref(t, y);
	attr_builder_fini(&b);
	attr_table_free(t);
}

static const uint8_t ecomms1[] = { 0, 2, 0xfd, 0xe8, 0, 0, 0, 7 };
static const uint8_t lcomms1[] = { 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 0, 0, 0, 2 };
static const uint8_t clusters1[] = { 10, 0, 0, 9 };
static const uint8_t unknown1[] = { 0xc0, 99, 0, 2, 0xab, 0xcd };

/* fill() plus every rarely present member. */
static void
fill_rare(struct attr_builder *b, uint32_t nh)
{
	fill(b, 5);
	b->a.flags |= ATTRS_HAS_AGGREGATOR | ATTRS_HAS_ORIGINATOR |
	    ATTRS_HAS_OTC | ATTRS_HAS_NEXTHOP_LL;
	b->a.aggr_as = 70000;
	b->a.aggr_id = 0xc0000201;
	b->a.originator_id = 0x0a000009;
	b->a.otc = 65001;
	b->a.nexthop_ll.afi = AFI_IPV6;
	b->a.nexthop_ll.a[0] = 0xfe;
	b->a.nexthop_ll.a[1] = 0x80;
	b->a.nexthop_ll.a[15] = 9;
	addr_from_ipv4(&b->a.nexthop, nh);
	b->ecomms = (struct bytes){ ecomms1, sizeof(ecomms1) };
	b->lcomms = (struct bytes){ lcomms1, sizeof(lcomms1) };
	b->clusters = (struct bytes){ clusters1, sizeof(clusters1) };
	b->unknown = (struct bytes){ unknown1, sizeof(unknown1) };
}

/*
 * Sets that differ only by NEXT_HOP share one extension; the accessors read
 * it, and a builder loaded from a set interns back to the same set.
 */
static void
test_ext_shared_and_read(void **state)
{
	struct attr_table *t = attr_table_new();
	struct attr_builder b, back;
	const struct attrs *v[4], *a;
	struct addr ll;
	int i;

	(void)state;
	attr_builder_init(&back);
	for (i = 0; i < 4; i++) {
		fill_rare(&b, 0x0a000001 + (uint32_t)i);
		v[i] = attrs_intern(t, &b);
		assert_non_null(v[i]->ext);
		assert_ptr_equal(v[i]->ext, v[0]->ext);
	}
	assert_int_equal(attr_table_count(t), 4);
	assert_int_equal(attr_table_ext_count(t), 1);
	/* aspath, comms and the four rare blobs. */
	assert_int_equal(attr_table_blob_count(t), 6);
	a = v[2];
	assert_int_equal(attrs_aggr_as(a), 70000);
	assert_int_equal(attrs_aggr_id(a), 0xc0000201);
	assert_int_equal(attrs_originator_id(a), 0x0a000009);
	assert_int_equal(attrs_otc(a), 65001);
	ll = attrs_nexthop_ll(a);
	assert_true(addr_eq(&ll, &b.a.nexthop_ll));
	assert_true(bytes_eq(blob_bytes(attrs_ecomms(a)), b.ecomms));
	assert_true(bytes_eq(blob_bytes(attrs_lcomms(a)), b.lcomms));
	assert_true(bytes_eq(blob_bytes(attrs_clusters(a)), b.clusters));
	assert_true(bytes_eq(blob_bytes(attrs_unknown(a)), b.unknown));
	for (i = 0; i < 4; i++) {
		fill_rare(&b, 0x0a000001 + (uint32_t)i);
		attr_builder_reset(&back);
		attr_builder_from(&back, v[i]);
		assert_true(attr_builder_eq(&b, &back));
		a = attrs_intern(t, &back);
		assert_ptr_equal(a, v[i]);
		attrs_unref(t, a);
	}
	for (i = 0; i < 4; i++)
		attrs_unref(t, v[i]);
	assert_int_equal(attr_table_count(t), 0);
	assert_int_equal(attr_table_ext_count(t), 0);
	assert_int_equal(attr_table_blob_count(t), 0);
	attr_builder_fini(&back);
	attr_table_free(t);
}

/*
 * A set with no rare member (or only zero ones) has no extension and reads
 * zeros; garbage in absent rare members is ignored.
 */
static void
test_ext_absent(void **state)
{
	struct attr_table *t = attr_table_new();
	struct attr_builder b;
	const struct attrs *a, *z, *g;
	struct addr ll;

	(void)state;
	fill(&b, 5);
	a = attrs_intern(t, &b);
	assert_null(a->ext);
	assert_int_equal(attrs_aggr_as(a) | attrs_aggr_id(a) |
	    attrs_originator_id(a) | attrs_otc(a), 0);
	ll = attrs_nexthop_ll(a);
	assert_int_equal(ll.afi, 0);
	assert_null(attrs_ecomms(a));
	assert_null(attrs_lcomms(a));
	assert_null(attrs_clusters(a));
	assert_null(attrs_unknown(a));
	/* ORIGINATOR_ID 0.0.0.0 present: another set, still no extension. */
	b.a.flags |= ATTRS_HAS_ORIGINATOR;
	z = attrs_intern(t, &b);
	assert_ptr_not_equal(z, a);
	assert_null(z->ext);
	assert_int_equal(attr_table_ext_count(t), 0);
	/* Values of absent members do not count. */
	fill_rare(&b, 0x0a000001);
	b.a.flags &= ~(uint32_t)(ATTRS_HAS_AGGREGATOR | ATTRS_HAS_ORIGINATOR |
	    ATTRS_HAS_OTC | ATTRS_HAS_NEXTHOP_LL);
	b.ecomms.len = b.lcomms.len = b.clusters.len = b.unknown.len = 0;
	g = attrs_intern(t, &b);
	assert_ptr_equal(g, a);
	attrs_unref(t, a);
	attrs_unref(t, g);
	attrs_unref(t, z);
	assert_int_equal(attr_table_count(t), 0);
	attr_table_free(t);
}

/* A value for rare member m of b: 0 absent, 1 zero/empty, 2 or 3 values. */
static void
rare_set(struct attr_builder *b, unsigned m, unsigned c)
{
	static const uint16_t flag[] = { ATTRS_HAS_AGGREGATOR,
	    ATTRS_HAS_ORIGINATOR, ATTRS_HAS_OTC, ATTRS_HAS_NEXTHOP_LL };
	uint32_t v = c == 1 ? 0 : c == 2 ? 7 : 0x10000 + m;

	if (m < 4) {
		if (c != 0)
			b->a.flags |= flag[m];
		else
			v = 0xdead;	/* garbage in an absent member */
	}
	switch (m) {
	case 0:
		b->a.aggr_as = v;
		b->a.aggr_id = c == 3 ? v : 0;
		break;
	case 1:
		b->a.originator_id = v;
		break;
	case 2:
		b->a.otc = v;
		break;
	case 3:
		b->a.nexthop_ll.afi = (uint8_t)(c >= 2 ? AFI_IPV6 : 0);
		b->a.nexthop_ll.a[15] = (uint8_t)v;
		break;
	case 4:
		b->ecomms = (struct bytes){ ecomms1, c < 2 ? 0 : 4 * (c - 1) };
		break;
	case 5:
		b->lcomms = (struct bytes){ lcomms1, c < 2 ? 0 : 12 };
		break;
	case 6:
		b->clusters = (struct bytes){ clusters1, c < 2 ? 0 : c };
		break;
	default:
		b->unknown = (struct bytes){ unknown1, c < 2 ? 0 : c + 3 };
		break;
	}
}

#define RANDOM_SETS 3000
#define RARE_MEMBERS 8

/*
 * Random sets over small domains of every rare member (absent, zero,
 * values) and of the next hop: interning yields one pointer exactly when
 * attr_builder_eq() says the sets are equal, and a builder loaded from a set
 * is equal to the one that made it.
 */
static void
test_ext_random_equivalence(void **state)
{
	static const struct attrs *v[RANDOM_SETS];
	static struct attr_builder bs[RANDOM_SETS];
	struct attr_table *t = attr_table_new();
	struct attr_builder back;
	uint32_t x = 12345, i, j;
	unsigned m;

	(void)state;
	attr_builder_init(&back);
	for (i = 0; i < RANDOM_SETS; i++) {
		fill(&bs[i], 5);
		x = x * 1103515245 + 12345;
		addr_from_ipv4(&bs[i].a.nexthop, 0x0a000001 + (x >> 30));
		for (m = 0; m < RARE_MEMBERS; m++) {
			x = x * 1103515245 + 12345;
			/* Mostly absent, as on the wire. */
			rare_set(&bs[i], m, (x >> 28) < 10 ? 0 : (x >> 28) % 4);
		}
		v[i] = attrs_intern(t, &bs[i]);
		attr_builder_reset(&back);
		attr_builder_from(&back, v[i]);
		assert_true(attr_builder_eq(&bs[i], &back));
	}
	for (i = 0; i < RANDOM_SETS; i++)
		for (j = 0; j < RANDOM_SETS; j += 7)
			assert_int_equal(v[i] == v[j],
			    attr_builder_eq(&bs[i], &bs[j]));
	assert_true(attr_table_ext_count(t) > 10);
	for (i = 0; i < RANDOM_SETS; i++)
		attrs_unref(t, v[i]);
	assert_int_equal(attr_table_count(t), 0);
	assert_int_equal(attr_table_ext_count(t), 0);
	assert_int_equal(attr_table_blob_count(t), 0);
	attr_builder_fini(&back);
	attr_table_free(t);
}

/*
 * Next hops are interned: sets with one next hop share it, attrs_nexthop()
 * reads it, an absent one reads as all zero whatever the builder held.
 */
static void
test_nexthop_interned(void **state)
{
	struct attr_table *t = attr_table_new();
	struct attr_builder b;
	const struct attrs *a1, *a2, *a3, *n1, *n2;
	struct addr want;

	(void)state;
	fill(&b, 1);
	a1 = attrs_intern(t, &b);
	fill(&b, 2);
	a2 = attrs_intern(t, &b);
	addr_from_ipv4(&b.a.nexthop, 0x0a000002);
	a3 = attrs_intern(t, &b);
	assert_ptr_equal(a1->nh, a2->nh);
	assert_ptr_not_equal(a2, a3);
	assert_ptr_not_equal(a1->nh, a3->nh);
	addr_from_ipv4(&want, 0x0a000001);
	assert_true(addr_eq(attrs_nexthop(a1), &want));
	addr_from_ipv4(&want, 0x0a000002);
	assert_true(addr_eq(attrs_nexthop(a3), &want));
	b.a.flags &= ~(uint32_t)ATTRS_HAS_NEXTHOP;
	n1 = attrs_intern(t, &b);
	addr_from_ipv4(&b.a.nexthop, 0x0a000003);
	n2 = attrs_intern(t, &b);
	assert_ptr_equal(n1, n2);
	assert_int_equal(attrs_nexthop(n1)->afi, 0);
	attrs_unref(t, a1);
	attrs_unref(t, a2);
	attrs_unref(t, a3);
	attrs_unref(t, n1);
	attrs_unref(t, n2);
	assert_int_equal(attr_table_count(t), 0);
	attr_table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intern_same_set_same_pointer),
		cmocka_unit_test(test_absent_members_ignored),
		cmocka_unit_test(test_builder_from_round_trip),
		cmocka_unit_test(test_many_sets_grow_and_delete),
		cmocka_unit_test(test_aslen_and_slab_reuse),
		cmocka_unit_test(test_builder_alloc_stable),
		cmocka_unit_test(test_builder_reset_clears_all),
		cmocka_unit_test(test_ext_shared_and_read),
		cmocka_unit_test(test_ext_absent),
		cmocka_unit_test(test_ext_random_equivalence),
		cmocka_unit_test(test_nexthop_interned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
