/*
 * Unit tests for rib/decide.c. A table of path pairs with the expected
 * winner and deciding step for every step of every profile (checked both
 * ways round), then decide_select(): ECMP set formation (width, groups,
 * AS-path identity), RFC 4271 9.1.2.2 (c) MED elimination independent of
 * arrival order, and the arrival-order mode when deterministic MED is off;
 * the fast path of decide_select() against decide_select_full().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "rib/decide.h"
#include "tests/rib/attr_util.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/* Peers used by the tables: index = peer id. */
struct tpeer {
	uint32_t as, rid, addr;
	bool ibgp;
	uint32_t group;
};

static const struct tpeer tpeers[] = {
	{ 65001, IP(1, 1, 1, 1), IP(10, 0, 0, 1), false, 1 },	/* 0 */
	{ 65001, IP(2, 2, 2, 2), IP(10, 0, 0, 2), false, 1 },	/* 1 */
	{ 65002, IP(3, 3, 3, 3), IP(10, 0, 0, 3), false, 2 },	/* 2 */
	{ 64512, IP(4, 4, 4, 4), IP(10, 0, 0, 4), true, 0 },	/* 3 */
	{ 65001, IP(1, 1, 1, 1), IP(10, 0, 0, 5), false, 1 },	/* 4: as 0 */
	{ 65003, IP(9, 9, 9, 9), IP(10, 0, 0, 9), false, 3 },	/* 5 */
	{ 65002, IP(5, 5, 5, 5), IP(10, 0, 0, 6), false, 2 },	/* 6 */
	{ 65002, IP(6, 6, 6, 6), IP(10, 0, 0, 7), false, 2 },	/* 7 */
	{ 65001, IP(8, 8, 8, 8), IP(10, 0, 0, 8), false, 1 },	/* 8 */
};
#define NPEERS (sizeof(tpeers) / sizeof(tpeers[0]))

struct tpath {
	unsigned peer;
	struct ta a;
	uint8_t flags;		/* PATH_F_*; PATH_F_REJECTED = no attrs */
	uint32_t seq, path_id;
};

struct fixture {
	struct attr_table *t;
	struct decide_opts o;
	struct rib_peer peers[NPEERS];
	struct path paths[16];
	unsigned npaths;
};

static struct fixture fx;

static void
fixture_setup(enum decide_profile profile)
{
	size_t i;

	memset(&fx, 0, sizeof(fx));
	fx.t = attr_table_new();
	decide_opts_default(&fx.o);
	fx.o.profile = profile;
	for (i = 0; i < NPEERS; i++) {
		fx.peers[i].id = (uint32_t)i;
		fx.peers[i].opts = &fx.o;
		fx.peers[i].info.as = tpeers[i].as;
		fx.peers[i].info.router_id = tpeers[i].rid;
		addr_from_ipv4(&fx.peers[i].info.addr, tpeers[i].addr);
		fx.peers[i].info.ibgp = tpeers[i].ibgp;
		fx.peers[i].info.group = tpeers[i].group;
	}
}

static void
fixture_teardown(void)
{
	unsigned i;

	for (i = 0; i < fx.npaths; i++)
		attrs_unref(fx.t, fx.paths[i].attrs);
	assert_int_equal(attr_table_count(fx.t), 0);
	attr_table_free(fx.t);
}

static struct path *
mkpath(const struct tpath *tp)
{
	struct path *p = &fx.paths[fx.npaths++];

	assert_true(fx.npaths <= sizeof(fx.paths) / sizeof(fx.paths[0]));
	p->peer = &fx.peers[tp->peer];
	p->flags = tp->flags;
	p->seq = tp->seq;
	p->path_id = tp->path_id;
	if (!(tp->flags & PATH_F_REJECTED))
		p->attrs = ta_intern(fx.t, &tp->a);
	p->in = p->attrs;
	decide_prepare(p);
	return p;
}

/* Attribute shorthands: local-pref, med, origin, aspath. */
#define A(lp, med, origin, path) { lp, med, origin, path, NULL, 0, 0, 0, 0 }
#define BASE A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7")
#define BASE2 A(TA_NONE, TA_NONE, ORIGIN_IGP, "65002 7")

struct pair {
	const char *name;
	enum decide_profile profile;
	bool always_med, oldest;
	struct tpath a, b;
	int winner;		/* -1: a, 1: b */
	enum decide_step why;
};

static const struct pair pairs[] = {
	{ "local-pref higher wins", DECIDE_GENERIC, false, false,
	    { 1, A(200, TA_NONE, ORIGIN_IGP, "65001 7 8 9"), 0, 0, 0 },
	    { 0, A(100, TA_NONE, ORIGIN_IGP, "65001"), 0, 0, 0 },
	    -1, DECIDE_LOCAL_PREF },
	{ "missing local-pref = 100", DECIDE_GENERIC, false, false,
	    { 1, BASE, 0, 0, 0 },
	    { 0, A(99, TA_NONE, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    -1, DECIDE_LOCAL_PREF },
	{ "shorter AS_PATH wins", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_INCOMPLETE, "65001 7"), 0, 0, 0 },
	    { 0, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7 8"), 0, 0, 0 },
	    -1, DECIDE_AS_PATH },
	{ "AS_SET counts one", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 {7,8,9,10}"), 0, 0,
		0 },
	    { 0, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7 8"), 0, 0, 0 },
	    -1, DECIDE_AS_PATH },
	{ "AS_SET equal length goes on", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 {7,8}"), 0, 0, 0 },
	    { 0, A(TA_NONE, TA_NONE, ORIGIN_EGP, "65001 9"), 0, 0, 0 },
	    -1, DECIDE_ORIGIN },
	{ "confederation segments count zero", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_IGP, "(64512 64513) 65001 7"), 0,
		0, 0 },
	    { 0, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7 8"), 0, 0, 0 },
	    -1, DECIDE_AS_PATH },
	{ "confed set counts zero", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_INCOMPLETE, "[64512] 65001 7"), 0,
		0, 0 },
	    { 0, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 8"), 0, 0, 0 },
	    1, DECIDE_ORIGIN },
	{ "IGP over EGP", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    { 0, A(TA_NONE, TA_NONE, ORIGIN_EGP, "65001 7"), 0, 0, 0 },
	    -1, DECIDE_ORIGIN },
	{ "EGP over INCOMPLETE", DECIDE_GENERIC, false, false,
	    { 0, A(TA_NONE, TA_NONE, ORIGIN_INCOMPLETE, "65001 7"), 0, 0, 0 },
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_EGP, "65001 7"), 0, 0, 0 },
	    1, DECIDE_ORIGIN },
	{ "MED same neighbour AS", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, 10, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    { 0, A(TA_NONE, 20, ORIGIN_IGP, "65001 8"), 0, 0, 0 },
	    -1, DECIDE_MED },
	{ "MED ignored across neighbour ASes", DECIDE_GENERIC, false, false,
	    { 1, A(TA_NONE, 5, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    { 2, A(TA_NONE, 50, ORIGIN_IGP, "65002 7"), 0, 0, 0 },
	    -1, DECIDE_ROUTER_ID },
	{ "MED ignored across ASes (lower MED loses)", DECIDE_GENERIC, false,
	    false,
	    { 1, A(TA_NONE, 50, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    { 2, A(TA_NONE, 5, ORIGIN_IGP, "65002 7"), 0, 0, 0 },
	    -1, DECIDE_ROUTER_ID },
	{ "always-compare-med", DECIDE_GENERIC, true, false,
	    { 1, A(TA_NONE, 50, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    { 2, A(TA_NONE, 5, ORIGIN_IGP, "65002 7"), 0, 0, 0 },
	    1, DECIDE_MED },
	{ "missing MED is 0 (best)", DECIDE_GENERIC, false, false,
	    { 1, BASE, 0, 0, 0 },
	    { 0, A(TA_NONE, 1, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    -1, DECIDE_MED },
	{ "missing MED equals MED 0", DECIDE_GENERIC, false, false,
	    { 1, BASE, 0, 0, 0 },
	    { 0, A(TA_NONE, 0, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    1, DECIDE_ROUTER_ID },
	{ "eBGP over iBGP", DECIDE_GENERIC, false, false,
	    { 3, BASE, 0, 0, 0 },
	    { 5, BASE, 0, 0, 0 },
	    1, DECIDE_EBGP },
	{ "oldest eBGP path when enabled", DECIDE_GENERIC, false, true,
	    { 5, BASE, 0, 1, 0 },
	    { 0, BASE, 0, 2, 0 },
	    -1, DECIDE_AGE },
	{ "oldest across the 28-bit stamp wrap", DECIDE_GENERIC, false, true,
	    { 5, BASE, 0, 0x0fffffffu, 0 },
	    { 0, BASE, 0, 0x10000001u, 0 },
	    -1, DECIDE_AGE },
	{ "age ignored by default", DECIDE_GENERIC, false, false,
	    { 5, BASE, 0, 1, 0 },
	    { 0, BASE, 0, 2, 0 },
	    1, DECIDE_ROUTER_ID },
	{ "lower router id", DECIDE_GENERIC, false, false,
	    { 1, BASE, 0, 0, 0 },
	    { 0, BASE, 0, 0, 0 },
	    1, DECIDE_ROUTER_ID },
	{ "ORIGINATOR_ID stands for router id", DECIDE_GENERIC, false, false,
	    { 5, { TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7", NULL, 0,
		IP(1, 0, 0, 1), 0, 0 }, 0, 0, 0 },
	    { 1, BASE, 0, 0, 0 },
	    -1, DECIDE_ROUTER_ID },
	{ "shorter CLUSTER_LIST", DECIDE_GENERIC, false, false,
	    { 1, { TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7", NULL, 0,
		IP(1, 0, 0, 1), 2, 100 }, 0, 0, 0 },
	    { 2, { TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7", NULL, 0,
		IP(1, 0, 0, 1), 1, 100 }, 0, 0, 0 },
	    1, DECIDE_CLUSTER_LEN },
	{ "lower peer address", DECIDE_GENERIC, false, false,
	    { 4, BASE, 0, 0, 0 },
	    { 0, BASE, 0, 0, 0 },
	    1, DECIDE_PEER_ADDR },
	{ "ADD-PATH id from one peer", DECIDE_GENERIC, false, false,
	    { 0, BASE, 0, 0, 1 },
	    { 0, BASE, 0, 0, 2 },
	    -1, DECIDE_PATH_ID },
	{ "loop is not eligible", DECIDE_GENERIC, false, false,
	    { 0, A(500, TA_NONE, ORIGIN_IGP, "65001"), PATH_F_LOOP, 0, 0 },
	    { 5, A(10, 99, ORIGIN_INCOMPLETE, "65003 1 2 3"), 0, 0, 0 },
	    1, DECIDE_ELIGIBLE },
	{ "unreachable next hop is not eligible", DECIDE_GENERIC, false, false,
	    { 5, A(10, 99, ORIGIN_INCOMPLETE, "65003 1 2 3"), 0, 0, 0 },
	    { 0, A(500, TA_NONE, ORIGIN_IGP, "65001"), PATH_F_NOHOP, 0, 0 },
	    -1, DECIDE_ELIGIBLE },
	{ "rejected is not eligible", DECIDE_GENERIC, false, false,
	    { 0, BASE, PATH_F_REJECTED, 0, 0 },
	    { 5, BASE, 0, 0, 0 },
	    1, DECIDE_ELIGIBLE },
	{ "two ineligible: peer address", DECIDE_GENERIC, false, false,
	    { 1, BASE, PATH_F_REJECTED, 0, 0 },
	    { 0, BASE, PATH_F_LOOP, 0, 0 },
	    1, DECIDE_PEER_ADDR },
	/* DX profile (SPEC.md 2.2). */
	{ "dx: 7224:7300 high over untagged", DECIDE_DX, false, false,
	    { 1, { TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7 8 9", "7224:7300",
		0, 0, 0, 0 }, 0, 0, 0 },
	    { 0, BASE, 0, 0, 0 },
	    -1, DECIDE_LOCAL_PREF },
	{ "dx: 7224:7100 low under untagged", DECIDE_DX, false, false,
	    { 0, { TA_NONE, TA_NONE, ORIGIN_IGP, "65001", "7224:7100", 0, 0,
		0, 0 }, 0, 0, 0 },
	    { 1, BASE, 0, 0, 0 },
	    1, DECIDE_LOCAL_PREF },
	{ "dx: 7224:7200 equals untagged", DECIDE_DX, false, false,
	    { 1, { TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7", "7224:7200", 0, 0,
		0, 0 }, 0, 0, 0 },
	    { 0, BASE, 0, 0, 0 },
	    1, DECIDE_ROUTER_ID },
	{ "dx: policy LOCAL_PREF overrides class", DECIDE_DX, false, false,
	    { 1, { 0, TA_NONE, ORIGIN_IGP, "65001", "7224:7300", 0, 0, 0, 0 },
		0, 0, 0 },
	    { 0, BASE, 0, 0, 0 },
	    1, DECIDE_LOCAL_PREF },
	{ "dx: AS_PATH length", DECIDE_DX, false, false,
	    { 1, A(TA_NONE, TA_NONE, ORIGIN_INCOMPLETE, "65001"), 0, 0, 0 },
	    { 0, BASE, 0, 0, 0 },
	    -1, DECIDE_AS_PATH },
	{ "dx: MED and ORIGIN ignored", DECIDE_DX, false, false,
	    { 1, A(TA_NONE, 1, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	    { 0, A(TA_NONE, 900, ORIGIN_INCOMPLETE, "65001 8"), 0, 0, 0 },
	    1, DECIDE_ROUTER_ID },
	{ "dx: address after router id", DECIDE_DX, false, false,
	    { 4, BASE, 0, 0, 0 },
	    { 0, BASE, 0, 0, 0 },
	    1, DECIDE_PEER_ADDR },
	/* Cloud Router profile (SPEC.md 2.5). */
	{ "cr: lower MED (priority) across ASes", DECIDE_CR, false, false,
	    { 2, A(TA_NONE, 100, ORIGIN_IGP, "65002 7 8 9"), 0, 0, 0 },
	    { 1, A(TA_NONE, 200, ORIGIN_IGP, "65001"), 0, 0, 0 },
	    -1, DECIDE_MED },
	{ "cr: missing MED is priority 0", DECIDE_CR, false, false,
	    { 2, BASE2, 0, 0, 0 },
	    { 1, A(TA_NONE, 1, ORIGIN_IGP, "65001"), 0, 0, 0 },
	    -1, DECIDE_MED },
	{ "cr: AS_PATH and ORIGIN ignored", DECIDE_CR, false, false,
	    { 1, A(TA_NONE, 100, ORIGIN_INCOMPLETE, "65001 1 2 3"), 0, 0, 0 },
	    { 2, A(TA_NONE, 100, ORIGIN_IGP, "65002"), 0, 0, 0 },
	    -1, DECIDE_ROUTER_ID },
	{ "cr: policy LOCAL_PREF first", DECIDE_CR, false, false,
	    { 1, A(0, 0, ORIGIN_IGP, "65001"), 0, 0, 0 },
	    { 2, A(TA_NONE, 900, ORIGIN_IGP, "65002"), 0, 0, 0 },
	    1, DECIDE_LOCAL_PREF },
};

static void
test_pairs(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct pair *t = &pairs[i];
		enum decide_step w1, w2;
		struct path *a, *b;
		int c1, c2;

		fixture_setup(t->profile);
		fx.o.always_compare_med = t->always_med;
		fx.o.prefer_oldest = t->oldest;
		a = mkpath(&t->a);
		b = mkpath(&t->b);
		c1 = decide_cmp(a, b, &w1);
		c2 = decide_cmp(b, a, &w2);
		print_message("# %-45s %s by %s\n", t->name,
		    c1 < 0 ? "a" : "b", decide_step_name(w1));
		assert_int_equal(c1 < 0 ? -1 : 1, t->winner);
		assert_true(c1 != 0 && (c1 < 0) == (c2 > 0));
		assert_int_equal(w1, t->why);
		assert_int_equal(w2, t->why);
		fixture_teardown();
	}
}

static void
test_same_path_is_equal(void **state)
{
	static const struct tpath tp = { 0, BASE, 0, 0, 0 };
	enum decide_step w;
	struct path *a;

	(void)state;
	fixture_setup(DECIDE_GENERIC);
	a = mkpath(&tp);
	assert_int_equal(decide_cmp(a, a, &w), 0);
	assert_int_equal(w, DECIDE_NONE);
	fixture_teardown();
}

static void
test_dx_class(void **state)
{
	static const struct {
		const char *comms;
		uint32_t class;
	} rows[] = {
		{ NULL, 200 }, { "65000:1", 200 }, { "7224:7100", 100 },
		{ "7224:7200", 200 }, { "7224:7300", 300 },
		{ "7224:7300 7224:7100", 100 }, { "7224:7300 7224:7200", 200 },
		{ "7224:7400 7224:9100", 200 },
	};
	struct ta s = BASE;
	const struct attrs *a;
	size_t i;

	(void)state;
	fixture_setup(DECIDE_DX);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		s.comms = rows[i].comms;
		a = ta_intern(fx.t, &s);
		assert_int_equal(decide_dx_class(a), rows[i].class);
		attrs_unref(fx.t, a);
	}
	fixture_teardown();
}

/* Run decide_select on paths[idx...] and return the set size. */
static unsigned
select_idx(const unsigned *idx, size_t n, const struct path **v,
    enum decide_step *why)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = &fx.paths[idx[i]];
	return decide_select(&fx.o, v, n, why);
}

static bool
set_has(const struct path **v, unsigned k, unsigned peer)
{
	unsigned i;

	for (i = 0; i < k; i++)
		if (v[i]->peer->id == peer)
			return true;
	return false;
}

static void
test_ecmp_interconnect(void **state)
{
	/* Four links of one interconnect: same AS, same attributes. */
	static const unsigned peers[] = { 1, 0, 4 };
	const unsigned idx[] = { 0, 1, 2 };
	const struct path *v[8];
	struct tpath tp = { 0, BASE, 0, 0, 0 };
	enum decide_step why;
	size_t i;

	(void)state;
	fixture_setup(DECIDE_GENERIC);
	for (i = 0; i < 3; i++) {
		tp.peer = peers[i];
		mkpath(&tp);
	}
	assert_int_equal(select_idx(idx, 3, v, &why), 3);
	assert_int_equal(v[0]->peer->id, 0);	/* lowest router id, address */
	assert_int_equal(v[1]->peer->id, 4);
	assert_int_equal(v[2]->peer->id, 1);
	assert_int_equal(why, DECIDE_PEER_ADDR);
	fx.o.max_paths = 2;
	assert_int_equal(select_idx(idx, 3, v, &why), 2);
	assert_int_equal(v[0]->peer->id, 0);
	fx.o.max_paths = 1;
	assert_int_equal(select_idx(idx, 3, v, &why), 1);
	assert_int_equal(select_idx(idx, 1, v, &why), 1);
	assert_int_equal(why, DECIDE_NONE);
	assert_int_equal(select_idx(idx, 0, v, &why), 0);
	fixture_teardown();
}

static void
test_ecmp_groups_kept_whole(void **state)
{
	/* Group 1 (peers 0, 4, 8) holds the best path; group 2 (2, 6, 7)
	 * has lower router ids than peer 8 but must not displace group 1. */
	static const unsigned peers[] = { 2, 6, 7, 8, 0, 4 };
	const unsigned idx[] = { 0, 1, 2, 3, 4, 5 };
	const struct path *v[8];
	struct tpath tp = { 0, A(TA_NONE, TA_NONE, ORIGIN_IGP, "7"), 0, 0, 0 };
	enum decide_step why;
	size_t i;

	(void)state;
	fixture_setup(DECIDE_DX);
	for (i = 0; i < 6; i++) {
		tp.peer = peers[i];
		mkpath(&tp);
	}
	fx.o.max_paths = 4;
	assert_int_equal(select_idx(idx, 6, v, &why), 4);
	assert_int_equal(v[0]->peer->id, 0);
	assert_true(set_has(v, 4, 4) && set_has(v, 4, 8));
	assert_int_equal(v[3]->peer->id, 2);	/* then lowest router id */
	fx.o.max_paths = 8;
	assert_int_equal(select_idx(idx, 6, v, &why), 6);
	fixture_teardown();
}

static void
test_ecmp_aspath_identity(void **state)
{
	static const struct tpath tps[] = {
		{ 0, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
		{ 2, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65002 7"), 0, 0, 0 },
		{ 1, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
		{ 3, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
	};
	const unsigned idx[] = { 0, 1, 2, 3 };
	const struct path *v[8];
	enum decide_step why;
	size_t i;

	(void)state;
	fixture_setup(DECIDE_GENERIC);
	for (i = 0; i < 4; i++)
		mkpath(&tps[i]);
	/* Generic: identical AS paths only; the iBGP path lost at (d). */
	assert_int_equal(select_idx(idx, 4, v, &why), 2);
	assert_true(set_has(v, 2, 0) && set_has(v, 2, 1));
	fx.o.multipath_relax = true;
	assert_int_equal(select_idx(idx, 4, v, &why), 3);
	assert_true(set_has(v, 3, 2));
	assert_false(set_has(v, 3, 3));
	fixture_teardown();
	/* DX: equal class and length share traffic whatever the path. */
	fixture_setup(DECIDE_DX);
	for (i = 0; i < 4; i++)
		mkpath(&tps[i]);
	assert_int_equal(select_idx(idx, 4, v, &why), 4);
	fixture_teardown();
}

static void
test_cr_equal_priority_ecmp(void **state)
{
	static const struct tpath tps[] = {
		{ 2, A(TA_NONE, 100, ORIGIN_IGP, "65002"), 0, 0, 0 },
		{ 6, A(TA_NONE, 100, ORIGIN_IGP, "65002"), 0, 0, 0 },
		{ 7, A(TA_NONE, 101, ORIGIN_IGP, "65002"), 0, 0, 0 },
	};
	const unsigned idx[] = { 0, 1, 2 };
	const struct path *v[8];
	enum decide_step why;
	size_t i;

	(void)state;
	fixture_setup(DECIDE_CR);
	for (i = 0; i < 3; i++)
		mkpath(&tps[i]);
	assert_int_equal(select_idx(idx, 3, v, &why), 2);
	assert_int_equal(v[0]->peer->id, 2);
	assert_int_equal(v[1]->peer->id, 6);
	assert_int_equal(why, DECIDE_ROUTER_ID);
	fixture_teardown();
}

/*
 * The classic MED cycle: a beats b by MED (same AS), b beats c by router
 * id (MED skipped across ASes), c beats a by router id. RFC 4271
 * 9.1.2.2 (c) removes b first, so c wins in every arrival order.
 */
static const struct tpath med_cycle[] = {
	{ 7, A(TA_NONE, 10, ORIGIN_IGP, "65002 7"), 0, 0, 0 },	/* a, rid 6 */
	{ 1, A(TA_NONE, 20, ORIGIN_IGP, "65002 8"), 0, 0, 0 },	/* b, rid 2 */
	{ 2, A(TA_NONE, 0, ORIGIN_IGP, "65003 7"), 0, 0, 0 },	/* c, rid 3 */
};

static void
test_med_elimination_order_free(void **state)
{
	static const unsigned perms[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	const struct path *v[8];
	enum decide_step why;
	size_t i;

	(void)state;
	fixture_setup(DECIDE_GENERIC);
	for (i = 0; i < 3; i++)
		mkpath(&med_cycle[i]);
	/* The pairwise comparison really is cyclic here. */
	assert_true(decide_cmp(&fx.paths[0], &fx.paths[1], NULL) < 0);
	assert_true(decide_cmp(&fx.paths[1], &fx.paths[2], NULL) < 0);
	assert_true(decide_cmp(&fx.paths[2], &fx.paths[0], NULL) < 0);
	for (i = 0; i < 6; i++) {
		assert_int_equal(select_idx(perms[i], 3, v, &why), 1);
		assert_ptr_equal(v[0], &fx.paths[2]);
		assert_int_equal(why, DECIDE_ROUTER_ID);
	}
	/* Arrival order matters once deterministic MED is off. */
	fx.o.deterministic_med = false;
	assert_int_equal(select_idx(perms[3], 3, v, &why), 1);
	assert_ptr_equal(v[0], &fx.paths[0]);
	assert_int_equal(select_idx(perms[0], 3, v, &why), 1);
	assert_ptr_equal(v[0], &fx.paths[2]);
	fixture_teardown();
}

static void
test_elimination_reports_step(void **state)
{
	static const struct tpath tps[] = {
		{ 0, A(100, TA_NONE, ORIGIN_IGP, "65001 7"), 0, 0, 0 },
		{ 1, A(200, TA_NONE, ORIGIN_EGP, "65001 7 8"), 0, 0, 0 },
		{ 5, A(200, TA_NONE, ORIGIN_IGP, "65003 7 8"), 0, 0, 0 },
		{ 6, A(TA_NONE, TA_NONE, ORIGIN_IGP, "65002"), PATH_F_LOOP, 0,
		    0 },
	};
	const unsigned idx[] = { 0, 1, 2 };
	const struct path *v[8];
	enum decide_step why;
	size_t i;

	(void)state;
	fixture_setup(DECIDE_GENERIC);
	for (i = 0; i < 4; i++)
		mkpath(&tps[i]);
	assert_false(decide_is_eligible(&fx.paths[3]));
	assert_int_equal(select_idx(idx, 3, v, &why), 1);
	assert_ptr_equal(v[0], &fx.paths[2]);
	assert_int_equal(why, DECIDE_ORIGIN);
	assert_string_equal(decide_step_name(why), "origin");
	fixture_teardown();
}

static uint64_t rng_state;

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(rng_state >> 33) % n;
}

/*
 * Reference selection straight from the definition: at each step before
 * the tie-breaks drop, all at once, every survivor another survivor beats
 * at that step (decide_cmp() names the first step two paths differ at);
 * then the best of the rest by decide_cmp().
 */
static const struct path *
ref_best(const struct path **in, size_t n)
{
	const struct path *v[16], *best;
	bool drop[16];
	size_t i, j, alive = n;
	enum decide_step w;
	int st;

	memcpy(v, in, n * sizeof(*v));
	for (st = DECIDE_ELIGIBLE; st < DECIDE_TIEBREAK; st++) {
		for (i = 0; i < alive; i++) {
			drop[i] = false;
			for (j = 0; j < alive && !drop[i]; j++)
				drop[i] = j != i && decide_cmp(v[j], v[i],
				    &w) < 0 && w == (enum decide_step)st;
		}
		for (i = 0, j = 0; i < alive; i++)
			if (!drop[i])
				v[j++] = v[i];
		alive = j;
	}
	for (best = v[0], i = 1; i < alive; i++)
		if (decide_cmp(v[i], best, NULL) < 0)
			best = v[i];
	return best;
}

/* A random path; the small value sets make ties and MED groups common. */
static void
random_path(void)
{
	static const long lps[] = { TA_NONE, 100, 200 };
	static const long meds[] = { TA_NONE, 0, 10, 20 };
	static const char *const paths[] = { "65001 7", "65001 7 8",
	    "65002 7", "65002 9", "65003 7", "65002 7 8" };
	struct tpath tp;

	memset(&tp, 0, sizeof(tp));
	tp.peer = rnd(NPEERS);
	tp.a.lp = lps[rnd(3)];
	tp.a.med = meds[rnd(4)];
	tp.a.origin = (int)rnd(2);
	tp.a.aspath = paths[rnd(6)];
	tp.seq = rnd(5);
	tp.path_id = (uint32_t)fx.npaths;
	mkpath(&tp);
}

/*
 * decide_select() on random path sets in every profile and MED mode:
 * the best path is the reference's, and the set size, the reported step
 * and the chosen set do not depend on the order of the input.
 */
static void
test_select_matches_reference(void **state)
{
	static const enum decide_profile profiles[] = { DECIDE_GENERIC,
	    DECIDE_DX, DECIDE_CR };
	const struct path *v[16], *first[16], *ref;
	enum decide_step why, why0 = DECIDE_NONE;
	unsigned k, k0 = 0;
	size_t round, n, i, j, perm;

	(void)state;
	rng_state = 42;
	for (round = 0; round < 600; round++) {
		fixture_setup(profiles[round % 3]);
		fx.o.always_compare_med = (round / 3) % 2;
		fx.o.prefer_oldest = (round / 6) % 2;
		n = 1 + rnd(12);
		for (i = 0; i < n; i++)
			random_path();
		for (perm = 0; perm < 4; perm++) {
			for (i = 0; i < n; i++)
				v[i] = &fx.paths[i];
			for (i = n; i > 1; i--) {
				j = rnd((unsigned)i);
				ref = v[i - 1];
				v[i - 1] = v[j];
				v[j] = ref;
			}
			ref = ref_best(v, n);
			k = decide_select(&fx.o, v, n, &why);
			assert_ptr_equal(v[0], ref);
			if (perm == 0) {
				k0 = k;
				why0 = why;
				memcpy(first, v, k * sizeof(*v));
			}
			assert_int_equal(k, k0);
			assert_int_equal(why, why0);
			for (i = 0; i < k; i++)
				assert_ptr_equal(v[i], first[i]);
		}
		fixture_teardown();
	}
}

/*
 * A random path for the differential test: mostly one neighbour AS (the
 * case decide_select() takes its fast path for), every attribute the steps
 * read varied over few values so that ties reach every step.
 */
static void
random_path_one_as(bool one_as)
{
	static const long lps[] = { TA_NONE, 100, 200 };
	static const long meds[] = { TA_NONE, 0, 10 };
	static const char *const paths[] = { "65001 7", "65001 7 8",
	    "65001 {7,8}", "65001 9", "(64512) 65001 7", "65002 7", "" };
	static const char *const comms[] = { NULL, "7224:7100", "7224:7300",
	    "7224:7200 7224:7300" };
	static const unsigned one_as_peers[] = { 0, 1, 3, 4, 8 };
	struct tpath tp;

	memset(&tp, 0, sizeof(tp));
	tp.peer = one_as ? one_as_peers[rnd(5)] : rnd(NPEERS);
	tp.a.lp = lps[rnd(3)];
	tp.a.med = meds[rnd(3)];
	tp.a.origin = (int)rnd(2);
	tp.a.aspath = paths[rnd(one_as ? 5 : 7)];
	tp.a.comms = comms[rnd(4)];
	tp.a.originator = rnd(4) == 0 ? IP(1, 1, 1, rnd(3)) : 0;
	tp.a.nclusters = rnd(3);
	tp.a.cluster0 = IP(10, 0, 0, 1);
	tp.seq = rnd(5);
	tp.path_id = (uint32_t)fx.npaths;
	mkpath(&tp);
}

/*
 * decide_select() (with its single-pass fast path) against
 * decide_select_full() (step-by-step elimination for every input) on random
 * path sets under random options: the same set size, the same deciding
 * step and the same ECMP set in the same order. Both the one-selected and
 * the tied outcome and every profile and MED mode occur.
 */
static void
test_select_fast_matches_full(void **state)
{
	const struct path *v[16], *w[16], *t;
	enum decide_step why, why_full;
	unsigned k, k_full, tied = 0, single = 0;
	size_t round, n, i, j;

	(void)state;
	rng_state = 7;
	for (round = 0; round < 3000; round++) {
		fixture_setup((enum decide_profile)rnd(3));
		fx.o.always_compare_med = rnd(4) == 0;
		fx.o.deterministic_med = rnd(4) != 0;
		fx.o.prefer_oldest = rnd(2);
		fx.o.multipath_relax = rnd(3) == 0;
		fx.o.max_paths = 1 + rnd(8);
		n = 1 + rnd(12);
		j = rnd(4) != 0;
		for (i = 0; i < n; i++)
			random_path_one_as(j);
		for (i = 0; i < n; i++)
			v[i] = &fx.paths[i];
		for (i = n; i > 1; i--) {
			j = rnd((unsigned)i);
			t = v[i - 1];
			v[i - 1] = v[j];
			v[j] = t;
		}
		memcpy(w, v, n * sizeof(*v));
		k = decide_select(&fx.o, v, n, &why);
		k_full = decide_select_full(&fx.o, w, n, &why_full);
		assert_int_equal(k, k_full);
		assert_int_equal(why, why_full);
		for (i = 0; i < k; i++)
			assert_ptr_equal(v[i], w[i]);
		/* The rest is a permutation of the unselected paths. */
		for (i = k; i < n; i++) {
			for (j = k; j < n && w[j] != v[i]; j++)
				;
			assert_true(j < n);
		}
		tied += k > 1;
		single += k == 1 && n > 1;
		fixture_teardown();
	}
	assert_true(tied > 100);
	assert_true(single > 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_same_path_is_equal),
		cmocka_unit_test(test_dx_class),
		cmocka_unit_test(test_ecmp_interconnect),
		cmocka_unit_test(test_ecmp_groups_kept_whole),
		cmocka_unit_test(test_ecmp_aspath_identity),
		cmocka_unit_test(test_cr_equal_priority_ecmp),
		cmocka_unit_test(test_med_elimination_order_free),
		cmocka_unit_test(test_elimination_reports_step),
		cmocka_unit_test(test_select_matches_reference),
		cmocka_unit_test(test_select_fast_matches_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
