/*
 * Unit tests for the resumable re-import of rib/reimport.c
 * (rib_reimport_step()): every step stays within its budget, every path of
 * the peer is re-imported exactly once when nothing changes, a step may stop
 * between the ADD-PATH paths of one prefix, and a walk with announcements,
 * withdrawals and a peer reset between its steps ends in exactly the state
 * of a second RIB given the same updates and one-shot rib_reimport();
 * rib_reimport_all() agrees with re-importing every peer; a scoped walk
 * (rib_reimport_scope_step()) touches only its peers and ranges and ends
 * in the state of re-importing everything when the change lies inside.
 * Every test ends with both RIBs' and the attribute table's counters at 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rib/rib.h"
#include "tests/rib/attr_util.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define NPEERS 3
#define NSETS 4
#define NPFX 400	/* IPv4 /24s; every fourth index also an IPv6 /48 */
#define SC_LO 64	/* the scoped rules' prefixes: 10.0.64.0/18 */
#define SC_HI 127	/* and 2001:db8:40::/42 */

/* The import policy: old = accept all; new depends on the prefix. */
struct policy {
	struct attr_table *t;
	bool new_rules;
	bool scoped;		/* new rules only for peer 2 on SC_LO..SC_HI */
	size_t calls;		/* for peer 1 */
	size_t calls_out;	/* for peer 2 outside SC_LO..SC_HI */
	unsigned per_pfx[NPFX];	/* calls for peer 1 per prefix index */
};

struct fixture {
	struct attr_table *t;
	struct rib *a, *b;	/* stepped, one-shot */
	struct policy pol;
	const struct attrs *sets[NSETS];
	uint64_t rnd;
};

static struct fixture fx;

static unsigned
pfx_index(const struct prefix *p)
{
	return p->afi == AFI_IPV4 ? (unsigned)p->a[1] << 8 | p->a[2] :
	    (unsigned)p->a[4] << 8 | p->a[5];
}

static enum rib_import_verdict
policy(void *ctx, uint32_t peer_id, const struct rib_peer_info *peer,
    const struct prefix *p, const struct attrs *in, const struct attrs **out)
{
	struct policy *pol = ctx;
	struct attr_builder b;
	unsigned i = pfx_index(p);
	bool new;

	(void)peer;
	if (peer_id == 1) {
		pol->calls++;
		pol->per_pfx[i % NPFX]++;
	}
	if (peer_id == 2 && (i < SC_LO || i > SC_HI))
		pol->calls_out++;
	new = pol->new_rules && (!pol->scoped || (peer_id == 2 &&
	    i >= SC_LO && i <= SC_HI));
	if (new && i % 3 == 0)
		return RIB_IMPORT_REJECT;
	if (!new || i % 3 == 2) {
		*out = attrs_ref(in);
		return RIB_IMPORT_ACCEPT;
	}
	attr_builder_init(&b);
	attr_builder_from(&b, in);
	b.a.flags |= ATTRS_HAS_LOCAL_PREF;
	b.a.local_pref = 300 + peer_id;
	*out = attrs_intern(pol->t, &b);
	attr_builder_fini(&b);
	return RIB_IMPORT_ACCEPT;
}

static uint32_t
rnd(void)
{
	fx.rnd ^= fx.rnd << 13;
	fx.rnd ^= fx.rnd >> 7;
	fx.rnd ^= fx.rnd << 17;
	return (uint32_t)(fx.rnd >> 11);
}

/* Prefix number i: 10.i/24, or 2001:db8:0:i::/48 when v6. */
static struct prefix
pfx(unsigned i, bool v6)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	if (v6) {
		p.afi = AFI_IPV6;
		p.len = 48;
		p.a[0] = 0x20;
		p.a[1] = 0x01;
		p.a[2] = 0x0d;
		p.a[3] = 0xb8;
		p.a[4] = (uint8_t)(i >> 8);
		p.a[5] = (uint8_t)i;
	} else {
		p.afi = AFI_IPV4;
		p.len = 24;
		p.a[0] = 10;
		p.a[1] = (uint8_t)(i >> 8);
		p.a[2] = (uint8_t)i;
	}
	return p;
}

static struct rib *
rib_make(void)
{
	struct rib_hooks h = { policy, NULL, &fx.pol };
	struct rib_peer_info pi;
	struct rib_config cfg;
	struct rib *r;
	uint32_t id;

	rib_config_default(&cfg);
	cfg.local_as = 64512;
	r = rib_new(fx.t, &cfg, &h);
	for (id = 1; id <= NPEERS; id++) {
		memset(&pi, 0, sizeof(pi));
		pi.as = 65000 + id;
		pi.router_id = IP(id, id, id, id);
		addr_from_ipv4(&pi.addr, IP(192, 0, 2, id));
		assert_int_equal(rib_peer_add(r, id, &pi), 0);
	}
	return r;
}

static int
setup(void **state)
{
	static const char *const paths[NSETS] = {
		"65001 7", "65002 7 8", "65003", "65001 9 9 9",
	};
	struct ta s = { TA_NONE, TA_NONE, ORIGIN_IGP, NULL, NULL, 0, 0, 0, 0 };
	unsigned i;

	(void)state;
	memset(&fx, 0, sizeof(fx));
	fx.t = attr_table_new();
	fx.pol.t = fx.t;
	fx.rnd = 0x9e3779b97f4a7c15ull;
	for (i = 0; i < NSETS; i++) {
		s.aspath = paths[i];
		s.nexthop = IP(192, 0, 2, i + 1);
		fx.sets[i] = ta_intern(fx.t, &s);
	}
	fx.a = rib_make();
	fx.b = rib_make();
	return 0;
}

static void
drain(struct rib *r)
{
	struct rib_change c;

	while (rib_change_next(r, &c))
		;
}

static void
rib_empty_free(struct rib *r)
{
	struct rib_counters c;
	uint32_t id;

	for (id = 1; id <= NPEERS; id++)
		assert_int_equal(rib_peer_remove(r, id), 0);
	drain(r);
	rib_counters(r, &c);
	assert_int_equal(c.paths, 0);
	assert_int_equal(c.accepted, 0);
	assert_int_equal(c.prefixes, 0);
	assert_int_equal(c.nodes, 0);
	rib_free(r);
}

static int
teardown(void **state)
{
	unsigned i;

	(void)state;
	rib_empty_free(fx.a);
	rib_empty_free(fx.b);
	for (i = 0; i < NSETS; i++)
		attrs_unref(fx.t, fx.sets[i]);
	assert_int_equal(attr_table_count(fx.t), 0);
	attr_table_free(fx.t);
	return 0;
}

/* The same update to both RIBs. */
static void
upd2(uint32_t peer, const struct prefix *p, uint32_t path_id,
    const struct attrs *a)
{
	assert_int_equal(rib_update(fx.a, peer, p, path_id, a), 0);
	assert_int_equal(rib_update(fx.b, peer, p, path_id, a), 0);
}

/* One random announcement or withdrawal to both RIBs. */
static void
random_update(void)
{
	unsigned i = rnd() % NPFX, op = rnd() % 100;
	uint32_t peer = 1 + rnd() % NPEERS, id = rnd() % 3;
	struct prefix p = pfx(i, i % 4 == 0 && rnd() % 2);

	upd2(peer, &p, id, op < 60 ? fx.sets[rnd() % NSETS] : NULL);
}

/* Peers' paths on every prefix, peer 1 with ADD-PATH ids 0..2 on some. */
static void
load(void)
{
	struct prefix p4, p6;
	unsigned i, k, n;
	uint32_t peer;

	for (i = 0; i < NPFX; i++) {
		p4 = pfx(i, false);
		p6 = pfx(i, true);
		for (peer = 1; peer <= NPEERS; peer++) {
			n = peer == 1 && i % 5 == 0 ? 3 : 1;
			for (k = 0; k < n; k++) {
				upd2(peer, &p4, k,
				    fx.sets[(i + peer + k) % NSETS]);
				if (i % 4 == 0)
					upd2(peer, &p6, k,
					    fx.sets[(i + k) % NSETS]);
			}
		}
	}
	drain(fx.a);
	drain(fx.b);
}

/* One path as compared between the two RIBs. */
struct pv {
	uint32_t peer, path_id;
	const struct attrs *in, *attrs;
	uint8_t flags;
};

static int
pv_cmp(const void *x, const void *y)
{
	const struct pv *a = x, *b = y;

	if (a->peer != b->peer)
		return a->peer < b->peer ? -1 : 1;
	return a->path_id < b->path_id ? -1 : a->path_id > b->path_id;
}

static size_t
pv_collect(const struct rib_entry *e, struct pv *v, size_t cap)
{
	const struct path *p;
	size_t n = 0;

	for (p = rib_entry_paths(e); p != NULL; p = p->next) {
		assert_true(n < cap);
		v[n].peer = p->peer->id;
		v[n].path_id = p->path_id;
		v[n].in = p->in;
		v[n].attrs = p->attrs;
		v[n].flags = p->flags;
		n++;
	}
	qsort(v, n, sizeof(*v), pv_cmp);
	return n;
}

/* Both RIBs hold the same prefixes, paths, attributes and selections. */
static void
same_state(void)
{
	static const uint8_t afis[] = { AFI_IPV4, AFI_IPV6 };
	struct pv va[16], vb[16];
	const struct rib_entry *ea, *eb;
	struct rib_counters ca, cb;
	struct rib_iter it;
	struct prefix p;
	size_t i, k, na;

	for (k = 0; k < 2; k++) {
		rib_iter_init(&it, fx.a, afis[k], NULL, NULL);
		while ((ea = rib_iter_next(&it, &p)) != NULL) {
			eb = rib_lookup(fx.b, &p);
			assert_non_null(eb);
			na = pv_collect(ea, va, 16);
			assert_int_equal(na, pv_collect(eb, vb, 16));
			for (i = 0; i < na; i++) {
				assert_int_equal(va[i].peer, vb[i].peer);
				assert_int_equal(va[i].path_id, vb[i].path_id);
				assert_ptr_equal(va[i].in, vb[i].in);
				assert_ptr_equal(va[i].attrs, vb[i].attrs);
				assert_int_equal(va[i].flags, vb[i].flags);
			}
			assert_int_equal(rib_entry_npaths(ea),
			    rib_entry_npaths(eb));
			assert_int_equal(rib_entry_why(ea), rib_entry_why(eb));
			if (rib_entry_best(ea) != NULL) {
				assert_int_equal(rib_entry_best(ea)->peer->id,
				    rib_entry_best(eb)->peer->id);
				assert_int_equal(rib_entry_best(ea)->path_id,
				    rib_entry_best(eb)->path_id);
			}
		}
	}
	drain(fx.a);
	drain(fx.b);
	rib_counters(fx.a, &ca);
	rib_counters(fx.b, &cb);
	assert_int_equal(ca.paths, cb.paths);
	assert_int_equal(ca.accepted, cb.accepted);
	assert_int_equal(ca.prefixes, cb.prefixes);
}

/* No change between steps: budget kept, each path exactly once. */
static void
test_step_budget(void **state)
{
	struct rib_cursor c;
	size_t before, steps = 0, budget = 4;
	unsigned i;
	int rc;

	(void)state;
	load();
	fx.pol.new_rules = true;
	fx.pol.calls = 0;
	memset(fx.pol.per_pfx, 0, sizeof(fx.pol.per_pfx));
	memset(&c, 0, sizeof(c));
	do {
		before = fx.pol.calls;
		rc = rib_reimport_step(fx.a, 1, &c, budget);
		assert_true(rc == 0 || rc == 1);
		assert_true(fx.pol.calls - before <= budget);
		steps++;
	} while (rc == 1);
	assert_int_equal(fx.pol.calls,
	    rib_peer_lookup(fx.a, 1)->npaths);
	for (i = 0; i < NPFX; i++)
		assert_int_equal(fx.pol.per_pfx[i],
		    (i % 5 == 0 ? 3u : 1u) * (i % 4 == 0 ? 2u : 1u));
	assert_true(steps >= fx.pol.calls / budget);
	/* Finished cursors stay finished. */
	assert_int_equal(rib_reimport_step(fx.a, 1, &c, budget), 0);
	assert_int_equal(rib_reimport(fx.b, 1), 0);
	same_state();
	assert_int_equal(rib_reimport_step(fx.a, 99, &c, 1), -1);
	assert_int_equal(rib_reimport(fx.a, 99), -1);
}

/* Budget 1 stops between the ADD-PATH paths of one prefix. */
static void
test_step_inside_prefix(void **state)
{
	struct prefix p = pfx(5, false);
	struct rib_cursor c;

	(void)state;
	upd2(1, &p, 7, fx.sets[0]);
	upd2(1, &p, 3, fx.sets[1]);
	upd2(1, &p, 5, fx.sets[2]);
	upd2(2, &p, 0, fx.sets[3]);
	fx.pol.new_rules = true;
	fx.pol.calls = 0;
	memset(&c, 0, sizeof(c));
	assert_int_equal(rib_reimport_step(fx.a, 1, &c, 1), 1);
	assert_int_equal(fx.pol.calls, 1);
	/* Path 3 done; withdraw 5 and re-announce 3 behind the cursor. */
	upd2(1, &p, 5, NULL);
	upd2(1, &p, 3, fx.sets[3]);
	fx.pol.calls = 0;
	assert_int_equal(rib_reimport_step(fx.a, 1, &c, 1), 0);
	assert_int_equal(fx.pol.calls, 1);	/* path 7, nothing after */
	assert_int_equal(rib_reimport_step(fx.a, 1, &c, 1), 0);
	assert_int_equal(fx.pol.calls, 1);
	/* Withdraw the prefix a partial cursor points at: it moves on. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(rib_reimport_step(fx.a, 1, &c, 1), 1);
	upd2(1, &p, 3, NULL);
	upd2(1, &p, 7, NULL);
	upd2(2, &p, 0, NULL);
	assert_int_equal(rib_reimport_step(fx.a, 1, &c, 1), 0);
	assert_int_equal(rib_reimport(fx.b, 1), 0);
	same_state();
}

/*
 * Random updates (and once a peer reset) between steps of random
 * budgets. The one-shot RIB gets the same updates and re-imports at the
 * end; both must agree, and a full re-import of the stepped one must
 * change nothing.
 */
static void
test_step_mutation(void **state)
{
	struct rib_cursor c;
	unsigned round, k, step;
	int rc;

	(void)state;
	for (round = 0; round < 6; round++) {
		load();
		fx.pol.new_rules = round % 2 == 0;
		memset(&c, 0, sizeof(c));
		step = 0;
		do {
			rc = rib_reimport_step(fx.a, 1, &c, 1 + rnd() % 9);
			assert_true(rc == 0 || rc == 1);
			for (k = rnd() % 4; k > 0; k--)
				random_update();
			/* Once, mid-walk: the peer resets and re-sends. */
			if (round == 3 && ++step == 40) {
				assert_int_equal(rib_peer_down(fx.a, 1), 0);
				assert_int_equal(rib_peer_down(fx.b, 1), 0);
				load();
			}
		} while (rc == 1);
		assert_int_equal(rib_reimport(fx.b, 1), 0);
		same_state();
		/* Nothing left for a full re-import of the stepped RIB. */
		assert_int_equal(rib_reimport(fx.a, 1), 0);
		same_state();
	}
}

/* rib_reimport_all() (one walk) ends where re-importing each peer does. */
static void
test_reimport_all(void **state)
{
	uint32_t id;
	unsigned k;

	(void)state;
	load();
	for (k = 0; k < 200; k++)
		random_update();
	drain(fx.a);
	drain(fx.b);
	fx.pol.new_rules = true;
	rib_reimport_all(fx.a);
	for (id = 1; id <= NPEERS; id++)
		assert_int_equal(rib_reimport(fx.b, id), 0);
	same_state();
	fx.pol.new_rules = false;
	rib_reimport_all(fx.a);
	for (id = 1; id <= NPEERS; id++)
		assert_int_equal(rib_reimport(fx.b, id), 0);
	same_state();
}

/* rib_reimport_all_step() with updates between steps ends as one walk. */
static void
test_reimport_all_step(void **state)
{
	struct rib_cursor c;
	unsigned round, k, steps;
	int rc;

	(void)state;
	for (round = 0; round < 4; round++) {
		load();
		fx.pol.new_rules = round % 2 == 0;
		memset(&c, 0, sizeof(c));
		steps = 0;
		do {
			rc = rib_reimport_all_step(fx.a, &c, 1 + rnd() % 7);
			assert_true(rc == 0 || rc == 1);
			steps++;
			for (k = rnd() % 3; k > 0; k--)
				random_update();
		} while (rc == 1);
		assert_true(steps > 10);
		assert_int_equal(rib_reimport_all_step(fx.a, &c, 5), 0);
		rib_reimport_all(fx.b);
		same_state();
	}
}

/* Parse a range for a scope. */
static struct prefix
range(const char *s)
{
	struct prefix p;

	assert_int_equal(prefix_parse(s, &p, true), 0);
	return p;
}

/*
 * A scope of peer 2 under the ranges where its results change (plus a
 * nested and an unaffected range): the same state as re-importing
 * everything, with updates between the steps; no path of another peer
 * and none outside the ranges is re-imported (10.1.0.0/16 holds prefixes
 * 256..NPFX-1).
 */
static void
test_scope_step(void **state)
{
	static const uint32_t peers[] = { 2 };
	struct prefix rg[4], want;
	struct rib_scope sc = { peers, 1, rg, 0 };
	struct rib_cursor c;
	unsigned round, k, steps;
	int rc;

	(void)state;
	rg[0] = range("10.1.0.0/16");
	rg[1] = range("10.0.64.0/20");
	rg[2] = range("2001:db8:40::/42");
	rg[3] = range("10.0.64.0/18");
	sc.nranges = rib_scope_ranges_normalize(rg, 4);
	assert_int_equal(sc.nranges, 3);
	want = range("10.0.64.0/18");
	assert_true(prefix_eq(&rg[0], &want));
	want = range("10.1.0.0/16");
	assert_true(prefix_eq(&rg[1], &want));
	fx.pol.scoped = true;
	for (round = 0; round < 4; round++) {
		load();
		fx.pol.new_rules = round % 2 == 0;
		fx.pol.calls = fx.pol.calls_out = 0;
		memset(&c, 0, sizeof(c));
		steps = 0;
		do {
			rc = rib_reimport_scope_step(fx.a, &sc, &c,
			    1 + rnd() % 7);
			assert_true(rc == 0 || rc == 1);
			steps++;
			for (k = round < 2 ? 0 : rnd() % 3; k > 0; k--)
				random_update();
		} while (rc == 1);
		assert_true(steps > 10);
		if (round < 2) {
			/* Peer 2 once on each of 10.1/16's IPv4 prefixes. */
			assert_int_equal(fx.pol.calls, 0);
			assert_int_equal(fx.pol.calls_out, NPFX - 256);
		}
		assert_int_equal(rib_reimport_scope_step(fx.a, &sc, &c, 5), 0);
		rib_reimport_all(fx.b);
		same_state();
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_step_budget, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_step_inside_prefix, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_step_mutation, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reimport_all, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scope_step, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reimport_all_step, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
