/*
 * Unit tests for rib/rib.c: update sequences (announce, duplicate,
 * implicit withdraw, withdraw, peer down, peer remove) checked by the
 * exact change list they emit; change coalescing; the four links of one
 * interconnect as one ECMP set; the import hook (reject, modify, swap and
 * re-import from the kept Adj-RIB-In); loop and next-hop eligibility;
 * ADD-PATH ids; ordered walks, subtree walks, paging and longest match.
 * Every test ends with the RIB's and the attribute table's counters at 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "rib/rib.h"
#include "tests/rib/rtest.h"
#include "tests/rib/attr_util.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define ANY_STEP (-1)
#define WITHDRAWN (-1)

struct fixture {
	struct attr_table *t;
	struct rib *r;
	struct rib_config cfg;
};

static struct fixture fx;

struct exp {
	const char *prefix;
	int best;		/* peer id of the best path, or WITHDRAWN */
	unsigned npaths;
	int why;		/* enum decide_step or ANY_STEP */
};

static void
add_peer(uint32_t id, uint32_t as, uint32_t rid, bool ibgp, uint32_t group)
{
	struct rib_peer_info pi;

	memset(&pi, 0, sizeof(pi));
	pi.as = as;
	pi.router_id = rid;
	addr_from_ipv4(&pi.addr, IP(192, 0, 2, id));
	pi.ibgp = ibgp;
	pi.group = group;
	assert_int_equal(rib_peer_add(fx.r, id, &pi), 0);
}

static void
setup_with(const struct rib_hooks *h)
{
	memset(&fx, 0, sizeof(fx));
	fx.t = attr_table_new();
	rib_config_default(&fx.cfg);
	fx.cfg.local_as = 64512;
	fx.cfg.router_id = IP(9, 9, 9, 9);
	fx.r = rib_new(fx.t, &fx.cfg, h);
	add_peer(1, 65001, IP(1, 1, 1, 1), false, 0);
	add_peer(2, 65002, IP(2, 2, 2, 2), false, 0);
	add_peer(3, 64512, IP(3, 3, 3, 3), true, 0);
}

static int
setup(void **state)
{
	(void)state;
	setup_with(NULL);
	return 0;
}

/* Remove every peer, drain, and check that nothing is left anywhere. */
static int
teardown(void **state)
{
	struct rib_counters c;
	struct rib_change ch;
	uint32_t id;

	(void)state;
	for (id = 0; id < 16; id++)
		rib_peer_remove(fx.r, id);
	while (rib_change_next(fx.r, &ch))
		;
	rib_counters(fx.r, &c);
	assert_int_equal(c.peers, 0);
	assert_int_equal(c.paths, 0);
	assert_int_equal(c.accepted, 0);
	assert_int_equal(c.prefixes, 0);
	assert_int_equal(c.nodes, 0);
	assert_int_equal(c.queued, 0);
	rib_free(fx.r);
	assert_int_equal(attr_table_count(fx.t), 0);
	assert_int_equal(attr_table_blob_count(fx.t), 0);
	attr_table_free(fx.t);
	return 0;
}

static struct prefix
P(const char *s)
{
	struct prefix p;

	assert_int_equal(prefix_parse(s, &p, true), 0);
	return p;
}

/* Announce (s != NULL) or withdraw p from a peer; the caller's ref drops. */
static void
upd(uint32_t peer, const char *p, uint32_t path_id, const struct ta *s)
{
	const struct attrs *a = s != NULL ? ta_intern(fx.t, s) : NULL;
	struct prefix pfx = P(p);

	assert_int_equal(rib_update(fx.r, peer, &pfx, path_id, a), 0);
	attrs_unref(fx.t, a);
}

static void
expect(const struct exp *e, size_t n)
{
	struct rib_change c;
	char buf[PREFIX_STRLEN];
	size_t i = 0;

	while (rib_change_next(fx.r, &c)) {
		prefix_print(&c.prefix, buf, sizeof(buf));
		print_message("# change %s best %d n %u why %s\n", buf,
		    c.best ? (int)c.best->peer->id : -1, c.npaths,
		    decide_step_name(c.why));
		assert_true(i < n);
		assert_string_equal(buf, e[i].prefix);
		if (e[i].best == WITHDRAWN) {
			assert_null(c.best);
			assert_int_equal(c.npaths, 0);
		} else {
			assert_non_null(c.best);
			assert_int_equal(c.best->peer->id, e[i].best);
			assert_int_equal(c.npaths, e[i].npaths);
		}
		if (e[i].why != ANY_STEP)
			assert_int_equal(c.why, e[i].why);
		i++;
	}
	assert_int_equal(i, n);
}

static void
expect_none(void)
{
	expect(NULL, 0);
}

#define TA(path) \
	{ TA_NONE, TA_NONE, ORIGIN_IGP, path, NULL, IP(192, 0, 2, 99), 0, 0, 0 }

static void
test_update_sequence(void **state)
{
	const struct ta a1 = TA("65001 7"), a2long = TA("65002 7 8");
	const struct ta a2short = TA("65002"), a2longer = TA("65002 7 8 9");
	struct prefix p;

	(void)state;
	upd(1, "10.0.0.0/24", 0, &a1);
	expect((struct exp[]){ { "10.0.0.0/24", 1, 1, DECIDE_NONE } }, 1);
	upd(1, "10.0.0.0/24", 0, &a1);		/* duplicate */
	expect_none();
	upd(2, "10.0.0.0/24", 0, &a2long);	/* worse: no change */
	expect_none();
	upd(2, "10.0.0.0/24", 0, &a2short);	/* implicit withdraw, better */
	expect((struct exp[]){ { "10.0.0.0/24", 2, 1, DECIDE_AS_PATH } }, 1);
	upd(2, "10.0.0.0/24", 0, &a2longer);	/* implicit withdraw, worse */
	expect((struct exp[]){ { "10.0.0.0/24", 1, 1, DECIDE_AS_PATH } }, 1);
	upd(1, "10.0.0.0/24", 0, NULL);
	expect((struct exp[]){ { "10.0.0.0/24", 2, 1, DECIDE_NONE } }, 1);
	upd(1, "10.0.0.0/24", 0, NULL);		/* nothing to withdraw */
	upd(1, "10.9.0.0/24", 0, NULL);
	expect_none();
	upd(2, "10.0.0.0/24", 0, NULL);
	expect((struct exp[]){ { "10.0.0.0/24", WITHDRAWN, 0, ANY_STEP } }, 1);
	p = P("10.0.0.0/24");
	assert_null(rib_lookup(fx.r, &p));
	assert_int_equal(rib_update(fx.r, 77, &p, 0, NULL), -1);
	p.afi = 9;
	assert_int_equal(rib_update(fx.r, 1, &p, 0, NULL), -1);
}

static void
test_attribute_change_of_best(void **state)
{
	struct ta a = TA("65001 7");

	(void)state;
	upd(1, "2001:db8::/32", 0, &a);
	upd(2, "2001:db8::/32", 0, &(struct ta)TA("65002 7 8"));
	expect((struct exp[]){ { "2001:db8::/32", 1, 1, ANY_STEP } }, 1);
	/* Same best path object, new attributes: consumers must hear it. */
	a.med = 5;
	upd(1, "2001:db8::/32", 0, &a);
	expect((struct exp[]){ { "2001:db8::/32", 1, 1, DECIDE_AS_PATH } },
	    1);
	/* A change to the losing path alone is silent. */
	upd(2, "2001:db8::/32", 0, &(struct ta)TA("65002 7 8 9"));
	expect_none();
}

static void
test_coalescing(void **state)
{
	const struct ta a1 = TA("65001 7"), a2 = TA("65002");

	(void)state;
	upd(1, "10.1.0.0/16", 0, &a1);
	upd(1, "10.2.0.0/16", 0, &a1);
	upd(2, "10.1.0.0/16", 0, &a2);
	upd(1, "10.2.0.0/16", 0, NULL);
	upd(1, "10.3.0.0/16", 0, &a1);
	/* First-change order; each prefix once, in its state now. */
	expect((struct exp[]){
		{ "10.1.0.0/16", 2, 1, DECIDE_AS_PATH },
		{ "10.2.0.0/16", WITHDRAWN, 0, ANY_STEP },
		{ "10.3.0.0/16", 1, 1, DECIDE_NONE },
	}, 3);
}

static void
test_peer_down(void **state)
{
	const struct ta a1 = TA("65001 7"), a2 = TA("65002 7 8");
	struct rib_counters c;
	struct exp e[100];
	static char names[100][PREFIX_STRLEN];
	char buf[PREFIX_STRLEN];
	unsigned i;

	(void)state;
	for (i = 0; i < 100; i++) {
		snprintf(buf, sizeof(buf), "10.0.%u.0/24", i);
		upd(1, buf, 0, &a1);
		if (i % 2 == 0)
			upd(2, buf, 0, &a2);
	}
	while (rib_change_next(fx.r, &(struct rib_change){ 0 }))
		;
	rib_counters(fx.r, &c);
	assert_int_equal(c.paths, 150);
	assert_int_equal(c.prefixes, 100);
	assert_int_equal(rib_peer_down(fx.r, 1), 0);
	/* Withdrawn in prefix order (a walk of the tree). */
	for (i = 0; i < 100; i++) {
		snprintf(names[i], sizeof(names[i]), "10.0.%u.0/24", i);
		e[i].prefix = names[i];
		e[i].best = i % 2 == 0 ? 2 : WITHDRAWN;
		e[i].npaths = 1;
		e[i].why = ANY_STEP;
	}
	expect(e, 100);
	rib_counters(fx.r, &c);
	assert_int_equal(c.paths, 50);
	assert_int_equal(c.prefixes, 50);
	assert_non_null(rib_peer_lookup(fx.r, 1));
	assert_int_equal(rib_peer_remove(fx.r, 2), 0);
	assert_null(rib_peer_lookup(fx.r, 2));
	rib_counters(fx.r, &c);
	assert_int_equal(c.queued, 50);
	assert_int_equal(rib_peer_down(fx.r, 2), -1);
	assert_int_equal(rib_peer_add(fx.r, 1, &(struct rib_peer_info){ 0 }),
	    -1);
}

static void
test_interconnect_ecmp(void **state)
{
	const struct ta a = TA("65010");
	const struct path *p;
	struct prefix q;
	uint32_t id;
	unsigned n;

	(void)state;
	for (id = 10; id < 14; id++)
		add_peer(id, 65010, IP(10, 10, 10, id), false, 7);
	for (id = 10; id < 14; id++)
		upd(id, "172.16.0.0/16", 0, &a);
	expect((struct exp[]){ { "172.16.0.0/16", 10, 4, DECIDE_ROUTER_ID } },
	    1);
	q = P("172.16.0.0/16");
	p = rib_entry_best(rib_lookup(fx.r, &q));
	for (n = 0, id = 10; p != NULL && n < 4; p = p->next, n++, id++)
		assert_int_equal(p->peer->id, id);
	assert_int_equal(n, 4);
	assert_int_equal(rib_peer_down(fx.r, 12), 0);
	expect((struct exp[]){ { "172.16.0.0/16", 10, 3, DECIDE_ROUTER_ID } },
	    1);
	/* A narrower max-paths from config applies to stored routes. */
	fx.cfg.decide.max_paths = 2;
	rib_config_set(fx.r, &fx.cfg);
	expect((struct exp[]){ { "172.16.0.0/16", 10, 2, DECIDE_ROUTER_ID } },
	    1);
	fx.cfg.decide.max_paths = 8;
	rib_config_set(fx.r, &fx.cfg);
	expect((struct exp[]){ { "172.16.0.0/16", 10, 3, DECIDE_ROUTER_ID } },
	    1);
	assert_int_equal(rib_peer_down(fx.r, 10), 0);
	expect((struct exp[]){ { "172.16.0.0/16", 11, 2, DECIDE_ROUTER_ID } },
	    1);
}

/* Import policy for the hook tests: reject 65000:666, peer 2 gets LP 300. */
static enum rib_import_verdict
policy(void *ctx, uint32_t peer_id, const struct rib_peer_info *peer,
    const struct prefix *p, const struct attrs *in, const struct attrs **out)
{
	struct attr_table *t = ctx;
	struct attr_builder b;
	struct bytes c = blob_bytes(in->comms);
	size_t i;

	(void)peer;
	(void)p;
	for (i = 0; i + 4 <= c.len; i += 4)
		if (c.p[i] == 0xfd && c.p[i + 1] == 0xe8 && c.p[i + 2] == 2 &&
		    c.p[i + 3] == 0x9a)
			return RIB_IMPORT_REJECT;
	if (peer_id != 2) {
		*out = attrs_ref(in);
		return RIB_IMPORT_ACCEPT;
	}
	attr_builder_init(&b);
	attr_builder_from(&b, in);
	b.a.flags |= ATTRS_HAS_LOCAL_PREF;
	b.a.local_pref = 300;
	*out = attrs_intern(t, &b);
	attr_builder_fini(&b);
	return RIB_IMPORT_ACCEPT;
}

static void
test_import_hook(void **state)
{
	struct ta bad = TA("65001"), a2 = TA("65002 7 8 9");
	struct rib_hooks h = { policy, NULL, NULL };
	struct prefix p = P("10.7.0.0/16");
	const struct rib_entry *e;
	struct rib_counters c;

	(void)state;
	h.ctx = fx.t;
	rib_hooks_set(fx.r, &h);
	bad.comms = "65000:666";
	upd(1, "10.7.0.0/16", 0, &bad);
	expect_none();
	rib_counters(fx.r, &c);
	assert_int_equal(c.paths, 1);
	assert_int_equal(c.accepted, 0);
	e = rib_lookup(fx.r, &p);
	assert_non_null(e);
	assert_null(rib_entry_best(e));
	assert_non_null(rib_entry_paths(e)->in);
	assert_null(rib_entry_paths(e)->attrs);
	/* Peer 2's longer path wins on its policy-set LOCAL_PREF. */
	upd(2, "10.7.0.0/16", 0, &a2);
	expect((struct exp[]){ { "10.7.0.0/16", 2, 1, DECIDE_NONE } }, 1);
	assert_int_equal(decide_local_pref(&fx.cfg.decide,
	    rib_entry_best(rib_lookup(fx.r, &p))), 300);
	/* New policy (accept all): re-evaluate from Adj-RIB-In. */
	rib_hooks_set(fx.r, NULL);
	assert_int_equal(rib_reimport(fx.r, 1), 0);
	expect_none();		/* peer 1 is back but still loses */
	assert_int_equal(rib_entry_why(rib_lookup(fx.r, &p)),
	    DECIDE_LOCAL_PREF);
	assert_int_equal(rib_reimport(fx.r, 2), 0);
	expect((struct exp[]){ { "10.7.0.0/16", 1, 1, DECIDE_AS_PATH } }, 1);
	rib_counters(fx.r, &c);
	assert_int_equal(c.accepted, 2);
	assert_int_equal(rib_reimport(fx.r, 99), -1);
}

static bool nh_up;

static bool
nexthop_ok(void *ctx, const struct addr *nh)
{
	(void)ctx;
	return nh_up || addr_to_ipv4(nh) != IP(192, 0, 2, 99);
}

static void
test_loops_and_nexthop(void **state)
{
	struct ta loop = TA("65001 64512 7"), orig = TA("7");
	struct ta cl = TA("7"), ok = TA("65001 7");
	struct rib_hooks h = { NULL, nexthop_ok, NULL };
	struct prefix p = P("10.8.0.0/16"), f;

	(void)state;
	upd(1, "10.8.0.0/16", 0, &loop);
	/* The loop check follows the configured AS. */
	fx.cfg.local_as = 64999;
	rib_config_set(fx.r, &fx.cfg);
	expect((struct exp[]){ { "10.8.0.0/16", 1, 1, DECIDE_NONE } }, 1);
	fx.cfg.local_as = 64512;
	rib_config_set(fx.r, &fx.cfg);
	expect((struct exp[]){ { "10.8.0.0/16", WITHDRAWN, 0, ANY_STEP } }, 1);
	orig.originator = IP(9, 9, 9, 9);
	upd(3, "10.8.0.0/16", 0, &orig);
	cl.nclusters = 3;
	cl.cluster0 = IP(9, 9, 9, 8);
	upd(3, "10.8.0.0/16", 1, &cl);
	expect_none();
	assert_null(rib_entry_best(rib_lookup(fx.r, &p)));
	assert_int_equal(rib_entry_paths(rib_lookup(fx.r, &p))->flags,
	    PATH_F_LOOP);
	/* No usable path: longest match falls back to a covering prefix. */
	upd(2, "10.0.0.0/8", 0, &ok);
	expect((struct exp[]){ { "10.0.0.0/8", 2, 1, DECIDE_NONE } }, 1);
	p = P("10.8.1.0/24");
	assert_non_null(rib_match(fx.r, &p, &f));
	assert_int_equal(f.len, 8);
	/* Next hop down: the path stays in Adj-RIB-In but is not used. */
	nh_up = false;
	rib_hooks_set(fx.r, &h);
	rib_reimport_all(fx.r);
	expect((struct exp[]){ { "10.0.0.0/8", WITHDRAWN, 0, ANY_STEP } }, 1);
	assert_null(rib_match(fx.r, &p, &f));
	nh_up = true;
	rib_reimport_all(fx.r);
	expect((struct exp[]){ { "10.0.0.0/8", 2, 1, DECIDE_NONE } }, 1);
}

/* The flags of peer's path for prefix text p. */
static unsigned
path_flags(uint32_t peer, const char *p)
{
	struct prefix pfx = P(p);
	const struct path *q = rib_entry_paths(rib_lookup(fx.r, &pfx));

	for (; q != NULL; q = q->next)
		if (q->peer->id == peer)
			return q->flags;
	fail();
	return 0;
}

/*
 * The loop check remembers its last set: prefixes alternating between a
 * looping and a clean set, or sharing one, are each judged right, and a
 * change of the own AS or router id is seen for the very set remembered.
 */
static void
test_loop_check_per_set(void **state)
{
	struct ta loop = TA("65001 64512 7"), ok = TA("65001 7");
	struct ta orig = TA("65001 8");
	static const char *const pfx[] = { "10.1.0.0/16", "10.2.0.0/16",
	    "10.3.0.0/16", "10.4.0.0/16", "10.5.0.0/16" };
	static const bool loops[] = { true, false, false, true, true };
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		upd(1, pfx[i], 0, loops[i] ? &loop : &ok);
	for (i = 0; i < 5; i++)
		assert_int_equal(path_flags(1, pfx[i]),
		    loops[i] ? PATH_F_LOOP : 0);
	orig.originator = IP(7, 7, 7, 7);
	upd(1, "10.6.0.0/16", 0, &orig);
	assert_int_equal(path_flags(1, "10.6.0.0/16"), 0);
	/* Same set last asked about, new router id: now a loop. */
	fx.cfg.router_id = IP(7, 7, 7, 7);
	rib_config_set(fx.r, &fx.cfg);
	assert_int_equal(path_flags(1, "10.6.0.0/16"), PATH_F_LOOP);
	upd(1, "10.7.0.0/16", 0, &orig);
	assert_int_equal(path_flags(1, "10.7.0.0/16"), PATH_F_LOOP);
	/* And a new own AS: the AS_PATH sets swap roles. */
	fx.cfg.router_id = IP(9, 9, 9, 9);
	fx.cfg.local_as = 65001;
	rib_config_set(fx.r, &fx.cfg);
	for (i = 0; i < 5; i++)
		assert_int_equal(path_flags(1, pfx[i]), PATH_F_LOOP);
	fx.cfg.local_as = 64512;
	rib_config_set(fx.r, &fx.cfg);
	for (i = 0; i < 5; i++)
		assert_int_equal(path_flags(1, pfx[i]),
		    loops[i] ? PATH_F_LOOP : 0);
	assert_int_equal(path_flags(1, "10.6.0.0/16"), 0);
	while (rib_change_next(fx.r, &(struct rib_change){ 0 }))
		;
}

static void
test_add_path_ids(void **state)
{
	const struct ta a = TA("65001 7");
	struct rib_counters c;
	struct prefix p;

	(void)state;
	upd(1, "10.9.0.0/16", 1, &a);
	upd(1, "10.9.0.0/16", 2, &a);
	upd(1, "10.9.0.0/16", 3, &(struct ta)TA("65001 7 7"));
	expect((struct exp[]){ { "10.9.0.0/16", 1, 2, DECIDE_PATH_ID } }, 1);
	rib_counters(fx.r, &c);
	assert_int_equal(c.paths, 3);
	upd(1, "10.9.0.0/16", 1, NULL);
	expect((struct exp[]){ { "10.9.0.0/16", 1, 1, ANY_STEP } }, 1);
	p = P("10.9.0.0/16");
	assert_int_equal(rib_entry_best(rib_lookup(fx.r, &p))->path_id, 2);
}

static void
walk_expect(uint8_t afi, const char *within, const char *after,
    const char *const *want, size_t n)
{
	struct rib_iter it;
	struct prefix w, a, p;
	char buf[PREFIX_STRLEN];
	size_t i = 0;

	if (within != NULL)
		w = P(within);
	if (after != NULL)
		a = P(after);
	rib_iter_init(&it, fx.r, afi, within ? &w : NULL, after ? &a : NULL);
	while (rib_iter_next(&it, &p) != NULL) {
		assert_true(i < n);
		assert_string_equal(prefix_print(&p, buf, sizeof(buf)),
		    want[i]);
		i++;
	}
	assert_int_equal(i, n);
}

static void
test_walks(void **state)
{
	static const char *const v4[] = {
		"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.1.0/24",
		"10.128.0.0/9", "192.0.2.0/24",
	};
	static const char *const v6[] = { "2001:db8::/32", "2001:db8:1::/48" };
	const struct ta a = TA("65001 7");
	struct prefix p, f;
	size_t i;

	(void)state;
	for (i = 6; i-- > 0;)
		upd(1, v4[i], 0, &a);
	for (i = 0; i < 2; i++)
		upd(1, v6[i], 0, &a);
	upd(1, "10.0.1.0/24", 0, NULL);		/* queued withdraw: skipped */
	walk_expect(AFI_IPV4, NULL, NULL,
	    (const char *const[]){ v4[0], v4[1], v4[2], v4[4], v4[5] }, 5);
	walk_expect(AFI_IPV4, "10.0.0.0/8", NULL,
	    (const char *const[]){ v4[1], v4[2], v4[4] }, 3);
	walk_expect(AFI_IPV4, "10.0.0.0/8", "10.0.0.0/16",
	    (const char *const[]){ v4[4] }, 1);
	walk_expect(AFI_IPV4, NULL, "10.0.0.0/8",
	    (const char *const[]){ v4[2], v4[4], v4[5] }, 3);
	walk_expect(AFI_IPV4, "172.16.0.0/12", NULL, NULL, 0);
	walk_expect(AFI_IPV6, NULL, NULL, v6, 2);
	walk_expect(AFI_IPV6, NULL, "2001:db8::/32", v6 + 1, 1);
	p = P("10.0.1.7/32");
	assert_non_null(rib_match(fx.r, &p, &f));
	assert_int_equal(f.len, 16);
	p = P("2001:db8:1:2::/64");
	assert_non_null(rib_match(fx.r, &p, &f));
	assert_int_equal(f.len, 48);
	p = P("2001:db9::/32");
	assert_null(rib_match(fx.r, &p, &f));
}

/*
 * Randomised sequence (fixed seed) of announces, replacements, withdraws,
 * peer downs and next-hop flips over a few prefixes and peers. After each
 * step every touched prefix's best path and ECMP set must equal a fresh
 * decide_select() over its eligible paths; the drained change stream,
 * applied to a shadow table as an Adj-RIB-Out would, must always end equal
 * to the Loc-RIB (no lost and no stale change). The decision options
 * change every few thousand steps (generic, always-compare-med with relaxed
 * multipath and oldest path, DX with two paths, Cloud Router).
 */
#define RND_PREFIXES 24
#define RND_SETS 8
#define RND_PEERS 6

struct shadow {
	unsigned n;
	uint32_t peer[DECIDE_MAX_PATHS], path_id[DECIDE_MAX_PATHS];
	const struct attrs *a[DECIDE_MAX_PATHS];
};

static uint64_t rnd_state;
static bool nh_down[RND_SETS];

static uint32_t
rnd(void)
{
	return rtest_next(&rnd_state);
}

static bool
rnd_nexthop_ok(void *ctx, const struct addr *nh)
{
	(void)ctx;
	return !nh_down[addr_to_ipv4(nh) & 7];
}

static void
shadow_set(struct shadow *s, const struct path *best, unsigned n)
{
	for (s->n = 0; s->n < n; s->n++, best = best->next) {
		s->peer[s->n] = best->peer->id;
		s->path_id[s->n] = best->path_id;
		s->a[s->n] = best->attrs;
	}
}

static bool
shadow_eq(const struct shadow *x, const struct shadow *y)
{
	unsigned i;

	if (x->n != y->n)
		return false;
	for (i = 0; i < x->n; i++)
		if (x->peer[i] != y->peer[i] || x->path_id[i] !=
		    y->path_id[i] || x->a[i] != y->a[i])
			return false;
	return true;
}

/* The entry's selection equals decide_select() on its eligible paths. */
static void
check_entry(const struct prefix *p)
{
	const struct rib_entry *e = rib_lookup(fx.r, p);
	const struct path *v[64], *q;
	enum decide_step why;
	size_t n = 0, i, j;
	unsigned k;

	if (e == NULL)
		return;
	for (q = rib_entry_paths(e); q != NULL; q = q->next)
		if (decide_is_eligible(q))
			v[n++] = q;
	for (i = n; i > 1; i--) {	/* arrival order must not matter */
		j = rnd() % i;
		q = v[i - 1];
		v[i - 1] = v[j];
		v[j] = q;
	}
	k = decide_select(&fx.cfg.decide, v, n, &why);
	assert_int_equal(rib_entry_npaths(e), k);
	assert_int_equal(rib_entry_why(e), why);
	for (i = 0, q = rib_entry_paths(e); i < k; i++, q = q->next)
		assert_ptr_equal(q, v[i]);
}

static void
rnd_prefix(unsigned i, struct prefix *p)
{
	memset(p, 0, sizeof(*p));
	p->afi = i % 3 == 2 ? AFI_IPV6 : AFI_IPV4;
	p->len = (uint8_t)(16 + i % 4 * 4);
	p->a[0] = p->afi == AFI_IPV4 ? 10 : 0x20;
	p->a[1] = (uint8_t)i;
	prefix_mask(p);
}

static void
drain_to(struct shadow *sh)
{
	struct rib_change c;
	struct prefix p;
	unsigned i;

	while (rib_change_next(fx.r, &c)) {
		for (i = 0; i < RND_PREFIXES; i++) {
			rnd_prefix(i, &p);
			if (prefix_eq(&p, &c.prefix))
				break;
		}
		assert_true(i < RND_PREFIXES);
		shadow_set(&sh[i], c.best, c.best ? c.npaths : 0);
	}
}

static void
check_shadow(const struct shadow *sh)
{
	const struct rib_entry *e;
	struct shadow now;
	struct prefix p;
	unsigned i;

	for (i = 0; i < RND_PREFIXES; i++) {
		rnd_prefix(i, &p);
		e = rib_lookup(fx.r, &p);
		now.n = 0;
		if (e != NULL && rib_entry_best(e) != NULL)
			shadow_set(&now, rib_entry_best(e),
			    rib_entry_npaths(e));
		assert_true(shadow_eq(&now, &sh[i]));
	}
}

static void
rnd_step(const struct attrs *const *sets, struct shadow *sh)
{
	uint32_t peer = 1 + rnd() % RND_PEERS, op = rnd() % 100;
	unsigned i = rnd() % RND_PREFIXES;
	struct prefix p;

	rnd_prefix(i, &p);
	if (op < 60)
		rib_update(fx.r, peer, &p, rnd() % 2, sets[rnd() % RND_SETS]);
	else if (op < 90)
		rib_update(fx.r, peer, &p, rnd() % 2, NULL);
	else if (op < 92)
		rib_peer_down(fx.r, peer);
	else if (op < 96) {
		nh_down[rnd() % RND_SETS] ^= true;
		rib_reimport_all(fx.r);
	} else {
		drain_to(sh);
		check_shadow(sh);
	}
	for (i = 0; i < RND_PREFIXES; i++) {
		rnd_prefix(i, &p);
		check_entry(&p);
	}
}

static void
rnd_config(unsigned n)
{
	decide_opts_default(&fx.cfg.decide);
	switch (n) {
	case 1:
		fx.cfg.decide.always_compare_med = true;
		fx.cfg.decide.multipath_relax = true;
		fx.cfg.decide.prefer_oldest = true;
		break;
	case 2:
		fx.cfg.decide.profile = DECIDE_DX;
		fx.cfg.decide.max_paths = 2;
		break;
	case 3:
		fx.cfg.decide.profile = DECIDE_CR;
		break;
	default:
		break;
	}
	rib_config_set(fx.r, &fx.cfg);
}

static void
test_random_consistency(void **state)
{
	static const char *const paths[RND_SETS] = {
		"65001 7", "65001 8", "65002 7", "65001 7 8", "65003 {1,2}",
		"65001 7", "64512 9", "65002 7",
	};
	static struct shadow sh[RND_PREFIXES];
	struct rib_hooks h = { NULL, rnd_nexthop_ok, NULL };
	const struct attrs *sets[RND_SETS];
	struct ta s = TA("");
	unsigned i;

	(void)state;
	rnd_state = 0x2545f4914f6cdd1dull;
	memset(sh, 0, sizeof(sh));
	memset(nh_down, 0, sizeof(nh_down));
	rib_hooks_set(fx.r, &h);
	for (i = 4; i <= RND_PEERS; i++)
		add_peer(i, i == 4 ? 65001 : 65002, IP(4, 0, 0, i), false,
		    i == 6 ? 5 : 0);
	for (i = 0; i < RND_SETS; i++) {
		s.aspath = paths[i];
		s.med = i % 3 == 0 ? TA_NONE : (long)(i % 3) * 10;
		s.lp = i == 7 ? 50 : TA_NONE;
		s.origin = i == 2 ? ORIGIN_EGP : ORIGIN_IGP;
		s.nexthop = IP(192, 0, 2, i);
		sets[i] = ta_intern(fx.t, &s);
	}
	for (i = 0; i < 20000; i++) {
		/* Switch decision options mid-run every 4000 steps. */
		if (i % 4000 == 0)
			rnd_config(i / 4000);
		rnd_step(sets, sh);
	}
	drain_to(sh);
	check_shadow(sh);
	for (i = 0; i < RND_SETS; i++)
		attrs_unref(fx.t, sets[i]);
}

static void
test_graceful_restart_stale(void **state)
{
	const struct ta a = TA("65001 7"), b = TA("65001 8");

	(void)state;
	upd(1, "10.1.0.0/16", 0, &a);
	upd(1, "10.2.0.0/16", 0, &a);
	upd(1, "10.3.0.0/16", 0, &a);
	upd(1, "2001:db8::/32", 0, &a);
	while (rib_change_next(fx.r, &(struct rib_change){ 0 }))
		;
	/* Session lost with GR: paths stay and stay in use. */
	assert_int_equal(rib_peer_stale(fx.r, 1, AFI_IPV4), 0);
	expect_none();
	assert_int_equal(rib_peer_count(fx.r, 1, 0, false), 4);
	assert_int_equal(rib_peer_count(fx.r, 1, AFI_IPV6, false), 1);
	assert_int_equal(rib_peer_count(fx.r, 1, 0, true), 3);
	assert_int_equal(rib_peer_count(fx.r, 1, AFI_IPV6, true), 0);
	assert_int_equal(rib_peer_count(fx.r, 99, 0, false), 0);
	assert_int_equal(rib_entry_paths(rib_lookup(fx.r,
	    &(struct prefix){ .afi = AFI_IPV4, .len = 16, .a = { 10, 1 } }))
	    ->flags, PATH_F_STALE);
	/* After restart: one path re-sent unchanged, one changed. */
	upd(1, "10.1.0.0/16", 0, &a);
	upd(1, "10.2.0.0/16", 0, &b);
	rib_reimport(fx.r, 1);		/* re-import keeps the marks */
	expect((struct exp[]){ { "10.2.0.0/16", 1, 1, DECIDE_NONE } }, 1);
	/* End-of-RIB for IPv4: what was not re-sent goes. */
	assert_int_equal(rib_peer_sweep(fx.r, 1, AFI_IPV4), 0);
	expect((struct exp[]){ { "10.3.0.0/16", WITHDRAWN, 0, ANY_STEP } }, 1);
	assert_int_equal(rib_peer_lookup(fx.r, 1)->npaths, 3);
	assert_int_equal(rib_peer_count(fx.r, 1, AFI_IPV4, true), 0);
	assert_int_equal(rib_peer_count(fx.r, 1, AFI_IPV4, false), 2);
	assert_int_equal(rib_peer_stale(fx.r, 99, 0), -1);
	assert_int_equal(rib_peer_sweep(fx.r, 99, 0), -1);
}

static void
test_free_with_routes(void **state)
{
	const struct ta a = TA("65001 7");
	char buf[PREFIX_STRLEN];
	unsigned i;

	(void)state;
	for (i = 0; i < 50; i++) {
		snprintf(buf, sizeof(buf), "10.%u.0.0/16", i);
		upd(1 + i % 3, buf, 0, &a);
	}
	upd(2, "2001:db8::/32", 0, &a);
	/* rib_free() releases every reference without draining anything. */
	rib_free(fx.r);
	assert_int_equal(attr_table_count(fx.t), 0);
	fx.r = rib_new(fx.t, &fx.cfg, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_update_sequence, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_attribute_change_of_best,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_coalescing, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_peer_down, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_interconnect_ecmp, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_import_hook, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_loop_check_per_set, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_loops_and_nexthop, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_add_path_ids, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_walks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_consistency, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_free_with_routes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_graceful_restart_stale,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
