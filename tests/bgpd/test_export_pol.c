/*
 * Tests for the per-destination part of bgpd/export.c: export policy that
 * tests the link or neighbour the route is sent to (export_key_dest() and
 * export_attrs()), and summarize actions per destination
 * (export_sum_route()): the summary appears with the first contributor,
 * changes, and goes with the last; it carries ATOMIC_AGGREGATE and
 * AGGREGATOR; summary-only withholds the contributors from that destination
 * only; contributors are the routes whose summarize statement fires towards
 * that key; a changed chain drops the old summaries. The memo of results
 * per input set answers what the computation answers, per source kind,
 * and is not used for chains that read the prefix.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bgpd/export.h"
#include "lib/aspath.h"
#include "tests/policy/polfix.h"

#define ROUTER_ID 0xc0000201u	/* 192.0.2.1 */
#define MAXQ 32

static const uint8_t path_65000[] = { 2, 1, 0, 0, 0xfd, 0xe8 };

struct ctx {
	struct attr_table *t;
	struct policy_db *db;
	const struct attrs *in;
	struct export_src src;
	struct prefix q[MAXQ];		/* requeued prefixes */
	size_t nq;
};

static void
requeue(void *ctx, const struct prefix *p)
{
	struct ctx *c = ctx;

	assert_true(c->nq < MAXQ);
	c->q[c->nq++] = *p;
}

static bool
requeued(const struct ctx *c, const char *text)
{
	struct prefix p;
	size_t i;

	assert_int_equal(prefix_parse(text, &p, true), 0);
	for (i = 0; i < c->nq; i++)
		if (prefix_eq(&c->q[i], &p))
			return true;
	return false;
}

static const struct attrs *
in_make(struct attr_table *t, uint8_t origin)
{
	struct attr_builder b;
	const struct attrs *a;

	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP;
	b.a.origin = origin;
	addr_parse("10.255.0.2", &b.a.nexthop);
	b.aspath.p = path_65000;
	b.aspath.len = sizeof(path_65000);
	a = attrs_intern(t, &b);
	attr_builder_fini(&b);
	return a;
}

static void
key_make(struct export_key *k, const char *nh)
{
	memset(k, 0, sizeof(*k));
	k->local_as = 64512;
	k->as4 = true;
	k->afs = WIRE_AF_IPV4_UNICAST;
	k->side = 1;
	addr_parse(nh, &k->nh4);
}

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->t = attr_table_new();
	c->db = policy_db_new();
	c->in = in_make(c->t, ORIGIN_IGP);
	c->src.peer_id = 7;		/* a plain neighbour, not a link */
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	attrs_unref(c->t, c->in);
	policy_db_free(c->db);
	assert_int_equal(attr_table_count(c->t), 0);
	attr_table_free(c->t);
	free(c);
	return 0;
}

/* A policy whose one statement sets MED 77 on routes towards link 1. */
static const struct policy *
pol_link1_med(struct ctx *c)
{
	struct policy *pol = policy_db_add_policy(c->db, "to-link1");
	struct pol_stmt *st = policy_add_stmt(pol, "med");
	struct pol_cond *cd = policy_add_cond(st, POL_C_LINK_SET);
	struct pol_idset *ids = policy_idset_new();

	policy_idset_add(ids, 1);
	cd->ids = policy_db_take_idset(c->db, ids);
	st->act.flags = POL_A_MED;
	st->act.med = 77;
	st->act.result = POL_NEXT;
	return pol;
}

/* Destination-specific keys only for what the chain tests. */
static void
test_key_dest(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1] = { pol_link1_med(c) };
	struct pol_chain link = { v, 1, POL_ACCEPT }, none = { NULL, 0,
	    POL_ACCEPT };
	struct export_key a, b, a6;

	key_make(&a, "0.0.0.0");
	key_make(&b, "0.0.0.0");
	key_make(&a6, "0.0.0.0");
	export_key_dest(&a, &none, 1, 1, 0);
	export_key_dest(&b, &none, 2, 2, 0);
	assert_true(export_key_eq(&a, &b));
	assert_int_equal(a.to_peer + a.to_link + a.to_roles, 0);
	export_key_dest(&a, &link, 1, 1, 0);
	export_key_dest(&b, &link, 2, 2, 0);
	/* The IPv6 session of link 1 is another peer on the same link. */
	export_key_dest(&a6, &link, 3, 1, 0);
	assert_false(export_key_eq(&a, &b));
	assert_true(export_key_eq(&a, &a6));
	assert_int_equal(a.to_peer, 0);
	assert_int_equal(a.to_link, 1);
	/* A role change (draining) changes the key. */
	assert_true(export_key_dest_eq(&a6, &link, 3, 1, 0));
	assert_false(export_key_dest_eq(&a6, &link, 3, 1, POL_LINK_DRAINING));
	assert_false(export_key_dest_eq(&a6, &none, 3, 1, 0));
	export_key_dest(&a6, &link, 3, 1, POL_LINK_DRAINING);
	assert_false(export_key_eq(&a, &a6));
	/* NULL chain: nothing destination-specific. */
	export_key_dest(&a, NULL, 1, 1, POL_LINK_DRAINING);
	assert_int_equal(a.to_peer + a.to_link + a.to_roles, 0);
}

/* Two links of one side get different exports from one chain. */
static void
test_link_set_on_export(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1] = { pol_link1_med(c) };
	struct pol_chain ch = { v, 1, POL_ACCEPT };
	struct prefix p;
	struct export_key k1, k2;
	const struct attrs *a1, *a2;

	key_make(&k1, "169.254.1.1");
	key_make(&k2, "169.254.2.1");
	export_key_dest(&k1, &ch, 11, 1, 0);
	export_key_dest(&k2, &ch, 12, 2, 0);
	prefix_parse("10.1.0.0/16", &p, true);
	a1 = export_attrs(c->t, &k1, &ch, &p, c->in, &c->src, 0);
	a2 = export_attrs(c->t, &k2, &ch, &p, c->in, &c->src, 0);
	assert_non_null(a1);
	assert_non_null(a2);
	assert_true(a1->flags & ATTRS_HAS_MED);
	assert_int_equal(a1->med, 77);
	assert_false(a2->flags & ATTRS_HAS_MED);
	attrs_unref(c->t, a1);
	attrs_unref(c->t, a2);
}

/* A neighbour set on export tests the destination, not the source. */
static void
test_neighbor_set_on_export(void **state)
{
	struct ctx *c = *state;
	struct policy *pol = policy_db_add_policy(c->db, "not-to-9");
	struct pol_stmt *st = policy_add_stmt(pol, "deny");
	struct pol_cond *cd = policy_add_cond(st, POL_C_NEIGHBOR_SET);
	struct pol_idset *ids = policy_idset_new();
	const struct policy *v[1] = { pol };
	struct pol_chain ch = { v, 1, POL_ACCEPT };
	struct export_key k9, k8;
	const struct attrs *a;
	struct prefix p;

	policy_idset_add(ids, 9);
	policy_idset_add(ids, c->src.peer_id);	/* the source: no effect */
	cd->ids = policy_db_take_idset(c->db, ids);
	st->act.result = POL_REJECT;
	key_make(&k9, "169.254.9.1");
	key_make(&k8, "169.254.8.1");
	export_key_dest(&k9, &ch, 9, 0, 0);
	export_key_dest(&k8, &ch, 8, 0, 0);
	assert_int_equal(k9.to_peer, 9);
	assert_int_equal(k9.to_link, 0);
	prefix_parse("10.1.0.0/16", &p, true);
	assert_null(export_attrs(c->t, &k9, &ch, &p, c->in, &c->src, 0));
	assert_false(policy_idset_has(ids, 8));
	/* Peer 8 is not in the set although the source (7) is. */
	a = export_attrs(c->t, &k8, &ch, &p, c->in, &c->src, 0);
	assert_non_null(a);
	attrs_unref(c->t, a);
}

/* Route type on export: how the route was learned, not the destination. */
static void
test_route_type_on_export(void **state)
{
	struct ctx *c = *state;
	struct policy *pol = policy_db_add_policy(c->db, "no-internal");
	struct pol_stmt *st = policy_add_stmt(pol, "deny");
	struct pol_cond *cd = policy_add_cond(st, POL_C_ROUTE_TYPE);
	const struct policy *v[1] = { pol };
	struct pol_chain ch = { v, 1, POL_ACCEPT };
	struct export_key k;
	struct export_src ibgp = c->src;
	const struct attrs *a;
	struct prefix p;

	cd->value = POL_RT_INTERNAL;
	st->act.result = POL_REJECT;
	key_make(&k, "169.254.1.1");	/* an eBGP destination */
	k.side = 0;
	ibgp.ibgp = true;
	prefix_parse("10.1.0.0/16", &p, true);
	assert_null(export_attrs(c->t, &k, &ch, &p, c->in, &ibgp, 0));
	a = export_attrs(c->t, &k, &ch, &p, c->in, &c->src, 0);
	assert_non_null(a);
	attrs_unref(c->t, a);
}

/*
 * A chain with one statement: when the prefix is in 10.0.0.0/8 le 32 (and,
 * with link_only, the destination is link 1) summarize into 10.0.0.0/8.
 */
static struct pol_chain
chain_sum(struct ctx *c, const struct policy **v, bool only, bool as_set,
    bool link_only)
{
	struct policy *pol = policy_db_add_policy(c->db, "sum");
	struct pol_stmt *st = policy_add_stmt(pol, "ten");
	struct pol_cond *cd = policy_add_cond(st, POL_C_PREFIX_SET);
	struct pol_chain ch = { v, 1, POL_ACCEPT };

	cd->pset = fx_pset(c->db, "10.0.0.0/8 8 32");
	if (link_only) {
		struct pol_idset *ids = policy_idset_new();

		policy_idset_add(ids, 1);
		cd = policy_add_cond(st, POL_C_LINK_SET);
		cd->ids = policy_db_take_idset(c->db, ids);
	}
	st->act.flags = POL_A_SUMMARIZE;
	st->act.result = POL_NEXT;
	prefix_parse("10.0.0.0/8", &st->act.summary, true);
	st->act.summary_only = only;
	st->act.summary_as_set = as_set;
	v[0] = pol;
	return ch;
}

/* export_sum_route() for text prefix p with path in (may be NULL). */
static const struct attrs *
sum_route(struct ctx *c, struct export_sum **s, const struct export_key *k,
    const struct pol_chain *ch, const char *text, const struct attrs *in)
{
	struct prefix p;

	assert_int_equal(prefix_parse(text, &p, true), 0);
	return export_sum_route(s, c->t, ROUTER_ID, k, ch, &p, in, &c->src, 0,
	    requeue, c);
}

static void
test_summary_lifecycle(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1];
	struct pol_chain ch = chain_sum(c, v, false, false, false);
	const struct attrs *a, *incomplete = in_make(c->t, ORIGIN_INCOMPLETE);
	struct export_sum *s = NULL;
	struct export_key k;
	char buf[64];

	key_make(&k, "169.254.1.1");
	export_key_dest(&k, &ch, 11, 1, 0);
	assert_int_equal(k.to_peer, 11);
	/* Nothing fed: no summary. */
	assert_null(sum_route(c, &s, &k, &ch, "10.0.0.0/8", NULL));
	assert_int_equal(c->nq, 0);
	/* First contributor: the summary is requeued and exists. */
	a = sum_route(c, &s, &k, &ch, "10.1.0.0/16", c->in);
	assert_non_null(a);		/* plain aggregate: still sent */
	attrs_unref(c->t, a);
	assert_int_equal(c->nq, 1);
	assert_true(requeued(c, "10.0.0.0/8"));
	a = sum_route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_non_null(a);
	assert_true(a->flags & ATTRS_HAS_ATOMIC_AGG);
	assert_true(a->flags & ATTRS_HAS_AGGREGATOR);
	assert_int_equal(attrs_aggr_as(a), 64512);
	assert_int_equal(attrs_aggr_id(a), ROUTER_ID);
	assert_int_equal(a->origin, ORIGIN_IGP);
	aspath_print(blob_bytes(a->aspath), buf, sizeof(buf));
	assert_string_equal(buf, "64512");
	assert_string_equal(addr_print(attrs_nexthop(a), buf, sizeof(buf)),
	    "169.254.1.1");
	attrs_unref(c->t, a);
	/* Feeding the same path again changes nothing. */
	c->nq = 0;
	a = sum_route(c, &s, &k, &ch, "10.1.0.0/16", c->in);
	attrs_unref(c->t, a);
	assert_int_equal(c->nq, 0);
	/* A second contributor with ORIGIN INCOMPLETE changes the summary. */
	a = sum_route(c, &s, &k, &ch, "10.2.0.0/16", incomplete);
	attrs_unref(c->t, a);
	assert_true(requeued(c, "10.0.0.0/8"));
	a = sum_route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_int_equal(a->origin, ORIGIN_INCOMPLETE);
	attrs_unref(c->t, a);
	/* Outside the summary: no effect. */
	c->nq = 0;
	a = sum_route(c, &s, &k, &ch, "11.0.0.0/8", c->in);
	attrs_unref(c->t, a);
	assert_int_equal(c->nq, 0);
	/* The first one goes: the summary stays (and changes back). */
	assert_null(sum_route(c, &s, &k, &ch, "10.2.0.0/16", NULL));
	a = sum_route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_non_null(a);
	assert_int_equal(a->origin, ORIGIN_IGP);
	attrs_unref(c->t, a);
	/* The last one goes: the summary is requeued and withdrawn. */
	c->nq = 0;
	assert_null(sum_route(c, &s, &k, &ch, "10.1.0.0/16", NULL));
	assert_true(requeued(c, "10.0.0.0/8"));
	assert_null(sum_route(c, &s, &k, &ch, "10.0.0.0/8", NULL));
	attrs_unref(c->t, incomplete);
	export_sum_free(s);
}

/* summary-only: contributors are withheld from this destination only. */
static void
test_summary_only_per_destination(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1];
	struct pol_chain ch = chain_sum(c, v, true, false, true);
	struct pol_chain plain = { NULL, 0, POL_ACCEPT };
	struct export_sum *s1 = NULL, *s2 = NULL, *s3 = NULL;
	struct export_key k1, k2, k3;
	const struct attrs *a;

	key_make(&k1, "169.254.1.1");
	key_make(&k2, "169.254.2.1");
	key_make(&k3, "169.254.3.1");
	export_key_dest(&k1, &ch, 11, 1, 0);	/* link 1: fires */
	export_key_dest(&k2, &ch, 12, 2, 0);	/* link 2: does not */
	export_key_dest(&k3, &plain, 13, 3, 0);	/* no summarize at all */
	assert_null(sum_route(c, &s1, &k1, &ch, "10.1.0.0/16", c->in));
	assert_true(requeued(c, "10.0.0.0/8"));
	a = sum_route(c, &s1, &k1, &ch, "10.0.0.0/8", NULL);
	assert_non_null(a);
	attrs_unref(c->t, a);
	/* Link 2 gets the specific and no summary. */
	c->nq = 0;
	a = sum_route(c, &s2, &k2, &ch, "10.1.0.0/16", c->in);
	assert_non_null(a);
	attrs_unref(c->t, a);
	assert_int_equal(c->nq, 0);
	assert_null(sum_route(c, &s2, &k2, &ch, "10.0.0.0/8", NULL));
	a = sum_route(c, &s3, &k3, &plain, "10.1.0.0/16", c->in);
	assert_non_null(a);
	attrs_unref(c->t, a);
	assert_false(export_sum_active(s3));
	/* The last contributor goes: summary requeued, nothing suppressed. */
	c->nq = 0;
	assert_null(sum_route(c, &s1, &k1, &ch, "10.1.0.0/16", NULL));
	assert_true(requeued(c, "10.0.0.0/8"));
	assert_null(sum_route(c, &s1, &k1, &ch, "10.0.0.0/8", NULL));
	/* A new contributor brings the summary back and is withheld. */
	assert_null(sum_route(c, &s1, &k1, &ch, "10.9.0.0/16", c->in));
	export_sum_free(s1);
	export_sum_free(s2);
	export_sum_free(s3);
}

/* Routes the export rules keep from the key do not contribute. */
static void
test_summary_export_rules(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1];
	struct pol_chain ch = chain_sum(c, v, false, false, false);
	struct export_sum *s = NULL;
	struct export_key k;

	key_make(&k, "169.254.1.1");
	export_key_dest(&k, &ch, 11, 1, 0);
	c->src.side = 2;		/* learned on another interconnect */
	assert_null(sum_route(c, &s, &k, &ch, "10.1.0.0/16", c->in));
	assert_int_equal(c->nq, 0);
	assert_null(sum_route(c, &s, &k, &ch, "10.0.0.0/8", NULL));
	export_sum_free(s);
}

/* as-set: the AS_PATH carries the contributors' AS, no ATOMIC_AGGREGATE. */
static void
test_summary_as_set(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1];
	struct pol_chain ch = chain_sum(c, v, false, true, false);
	struct export_sum *s = NULL;
	struct export_key k;
	const struct attrs *a;
	char buf[64];

	key_make(&k, "169.254.1.1");
	export_key_dest(&k, &ch, 11, 1, 0);
	a = sum_route(c, &s, &k, &ch, "10.1.0.0/16", c->in);
	attrs_unref(c->t, a);
	a = sum_route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_non_null(a);
	aspath_print(blob_bytes(a->aspath), buf, sizeof(buf));
	assert_string_equal(buf, "64512 65000");
	assert_false(a->flags & ATTRS_HAS_ATOMIC_AGG);
	assert_true(a->flags & ATTRS_HAS_AGGREGATOR);
	attrs_unref(c->t, a);
	export_sum_free(s);
}

/* A chain whose summaries changed drops the old ones (requeued). */
static void
test_summary_chain_change(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1], *w[1];
	struct pol_chain ch = chain_sum(c, v, true, false, false);
	struct pol_chain ch2 = chain_sum(c, w, false, false, false);
	struct pol_chain none = { NULL, 0, POL_ACCEPT };
	struct export_sum *s = NULL;
	struct export_key k;
	const struct attrs *a;

	key_make(&k, "169.254.1.1");
	export_key_dest(&k, &ch, 11, 1, 0);
	assert_null(sum_route(c, &s, &k, &ch, "10.1.0.0/16", c->in));
	/* summary-only -> plain: old summary and suppressed one requeued. */
	c->nq = 0;
	a = sum_route(c, &s, &k, &ch2, "10.1.0.0/16", c->in);
	assert_non_null(a);
	attrs_unref(c->t, a);
	assert_true(requeued(c, "10.0.0.0/8"));
	/* No summarize left: the state goes, the summary is requeued. */
	c->nq = 0;
	a = sum_route(c, &s, &k, &none, "10.1.0.0/16", c->in);
	attrs_unref(c->t, a);
	assert_false(export_sum_active(s));
	assert_true(requeued(c, "10.0.0.0/8"));
	assert_null(sum_route(c, &s, &k, &none, "10.0.0.0/8", NULL));
	export_sum_free(s);
}

/* export_sum_route() of text prefix p, in from src towards to_peer. */
static const struct attrs *
memo_route(struct ctx *c, struct export_sum **s, const struct export_key *k,
    const struct pol_chain *ch, const char *text, const struct attrs *in,
    const struct export_src *src, uint32_t to_peer)
{
	struct prefix p;

	assert_int_equal(prefix_parse(text, &p, true), 0);
	return export_sum_route(s, c->t, ROUTER_ID, k, ch, &p, in, src,
	    to_peer, requeue, c);
}

/* Whether the memoised answer is the one computed without a memo. */
static void
memo_check(struct ctx *c, struct export_sum **s, const struct export_key *k,
    const struct pol_chain *ch, const char *text, const struct attrs *in,
    const struct export_src *src, uint32_t to_peer)
{
	struct export_sum *none = NULL;
	const struct attrs *a, *b;

	a = memo_route(c, s, k, ch, text, in, src, to_peer);
	b = memo_route(c, &none, k, ch, text, in, src, to_peer);
	assert_ptr_equal(a, b);
	attrs_unref(c->t, a);
	attrs_unref(c->t, b);
	export_sum_free(none);
}

/* A policy rejecting internal routes, and setting MED 55 on the rest. */
static const struct policy *
pol_memo(struct ctx *c, struct pol_stmt **med)
{
	struct policy *pol = policy_db_add_policy(c->db, "memo");
	struct pol_stmt *st = policy_add_stmt(pol, "deny");

	policy_add_cond(st, POL_C_ROUTE_TYPE)->value = POL_RT_INTERNAL;
	st->act.result = POL_REJECT;
	*med = st = policy_add_stmt(pol, "med");
	st->act.flags = POL_A_MED;
	st->act.med = 55;
	st->act.result = POL_ACCEPT;
	return pol;
}

/*
 * The memo answers what the computation answers for every source kind,
 * family and sender-side case, in any order (a memo keyed on the set
 * alone fails the iBGP and local cases), and forgets on request.
 */
static void
test_memo_source_kinds(void **state)
{
	struct ctx *c = *state;
	struct pol_stmt *med;
	const struct policy *v[1] = { pol_memo(c, &med) };
	struct pol_chain ch = { v, 1, POL_REJECT };
	struct export_src ibgp = c->src, local = c->src, dloc = c->src;
	struct export_src side = c->src;
	struct export_sum *s = NULL;
	struct export_key k;
	const struct attrs *a;
	int round;

	key_make(&k, "169.254.1.1");
	addr_parse("2001:db8::1", &k.nh6);
	k.afs |= WIRE_AF_IPV6_UNICAST;
	ibgp.ibgp = true;
	local.peer_id = 0;
	dloc.peer_id = UINT32_MAX;
	side.side = 2;
	for (round = 0; round < 2; round++) {
		memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &c->src, 0);
		memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &ibgp, 0);
		memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &local, 0);
		memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &dloc, 0);
		memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &side, 0);
		memo_check(c, &s, &k, &ch, "2001:db8::/32", c->in, &c->src, 0);
		/* Never back to its own source, whatever the memo holds. */
		memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &c->src, 7);
		memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &c->src, 8);
	}
	a = memo_route(c, &s, &k, &ch, "10.1.0.0/16", c->in, &c->src, 0);
	assert_int_equal(a->med, 55);
	attrs_unref(c->t, a);
	assert_null(memo_route(c, &s, &k, &ch, "10.1.0.0/16", c->in, &ibgp,
	    0));
	assert_null(memo_route(c, &s, &k, &ch, "10.1.0.0/16", c->in, &c->src,
	    7));
	/* The chain edited in place: stale until forgotten. */
	med->act.med = 66;
	export_sum_forget(s);
	a = memo_route(c, &s, &k, &ch, "10.1.0.0/16", c->in, &c->src, 0);
	assert_int_equal(a->med, 66);
	attrs_unref(c->t, a);
	/* Another chain (default accept, no policy): not the memo's. */
	ch.n = 0;
	ch.dflt = POL_ACCEPT;
	memo_check(c, &s, &k, &ch, "10.1.0.0/16", c->in, &ibgp, 0);
	a = memo_route(c, &s, &k, &ch, "10.1.0.0/16", c->in, &ibgp, 0);
	assert_non_null(a);
	attrs_unref(c->t, a);
	assert_false(export_sum_active(s));
	export_sum_free(s);
}

/* in with its NEXT_HOP replaced by nh (a new reference). */
static const struct attrs *
in_nh(struct ctx *c, const struct attrs *in, const char *nh)
{
	struct attr_builder b;
	const struct attrs *a;

	attr_builder_init(&b);
	attr_builder_from(&b, in);
	assert_int_equal(addr_parse(nh, &b.a.nexthop), 0);
	a = attrs_intern(c->t, &b);
	attr_builder_fini(&b);
	return a;
}

/*
 * Copies of one set that differ only in NEXT_HOP share a memo entry
 * towards eBGP (the rewrite replaces it) and not towards iBGP, where the
 * next hop passes: the second copy must come out with its own.
 */
static void
test_memo_next_hop(void **state)
{
	struct ctx *c = *state;
	struct pol_stmt *med;
	const struct policy *v[1] = { pol_memo(c, &med) };
	struct pol_chain ch = { v, 1, POL_REJECT };
	const struct attrs *in2 = in_nh(c, c->in, "10.255.0.3"), *a, *b;
	struct export_sum *se = NULL, *si = NULL;
	struct export_key ke, ki;
	struct addr nh;

	assert_ptr_not_equal(in2, c->in);
	key_make(&ke, "169.254.1.1");
	key_make(&ki, "169.254.1.1");
	ki.ibgp = true;
	ki.side = 0;
	memo_check(c, &se, &ke, &ch, "10.1.0.0/16", c->in, &c->src, 0);
	memo_check(c, &se, &ke, &ch, "10.1.0.0/16", in2, &c->src, 0);
	a = memo_route(c, &se, &ke, &ch, "10.1.0.0/16", c->in, &c->src, 0);
	b = memo_route(c, &se, &ke, &ch, "10.1.0.0/16", in2, &c->src, 0);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	attrs_unref(c->t, a);
	attrs_unref(c->t, b);
	memo_check(c, &si, &ki, &ch, "10.1.0.0/16", c->in, &c->src, 0);
	memo_check(c, &si, &ki, &ch, "10.1.0.0/16", in2, &c->src, 0);
	b = memo_route(c, &si, &ki, &ch, "10.1.0.0/16", in2, &c->src, 0);
	assert_non_null(b);
	addr_parse("10.255.0.3", &nh);
	assert_true(addr_eq(attrs_nexthop(b), &nh));
	attrs_unref(c->t, b);
	/* What the Adj-RIB-Out compares (export_group.c) agrees. */
	assert_true(export_input_same(&ke, c->in, in2));
	assert_false(export_input_same(&ki, c->in, in2));
	assert_true(export_input_same(&ki, in2, in2));
	attrs_unref(c->t, in2);
	export_sum_free(se);
	export_sum_free(si);
}

/* Source kinds: equal for plain neighbours, apart for what export reads. */
static void
test_src_kind(void **state)
{
	struct ctx *c = *state;
	struct export_src a = c->src, b = c->src, ibgp = c->src;
	struct export_src local = c->src, dloc = c->src, side = c->src;
	struct prefix p4, p6;

	prefix_parse("10.1.0.0/16", &p4, true);
	prefix_parse("2001:db8::/32", &p6, true);
	b.peer_id = 9;
	ibgp.ibgp = true;
	local.peer_id = 0;
	dloc.peer_id = UINT32_MAX;
	side.side = 1;
	assert_int_equal(export_src_kind(&p4, &a), export_src_kind(&p4, &b));
	assert_int_not_equal(export_src_kind(&p4, &a),
	    export_src_kind(&p6, &a));
	assert_int_not_equal(export_src_kind(&p4, &a),
	    export_src_kind(&p4, &ibgp));
	assert_int_not_equal(export_src_kind(&p4, &a),
	    export_src_kind(&p4, &local));
	assert_int_not_equal(export_src_kind(&p4, &a),
	    export_src_kind(&p4, &dloc));
	assert_int_not_equal(export_src_kind(&p4, &a),
	    export_src_kind(&p4, &side));
	assert_int_not_equal(export_src_kind(&p4, &local),
	    export_src_kind(&p4, &dloc));
	assert_true(export_src_kind(&p6, &dloc) < 4096);
}

/* A chain that reads the prefix is computed per prefix, never memoised. */
static void
test_memo_prefix_chain(void **state)
{
	struct ctx *c = *state;
	struct policy *pol = policy_db_add_policy(c->db, "p");
	struct pol_stmt *st = policy_add_stmt(pol, "ten");
	struct policy *top = policy_db_add_policy(c->db, "top");
	struct pol_stmt *call = policy_add_stmt(top, "call");
	const struct policy *v[1] = { top };
	struct pol_chain ch = { v, 1, POL_ACCEPT };
	struct export_sum *s = NULL;
	struct export_key k;
	const struct attrs *a;

	policy_add_cond(st, POL_C_PREFIX_SET)->pset =
	    fx_pset(c->db, "10.0.0.0/8 8 32");
	st->act.result = POL_ACCEPT;	/* the call is true within 10/8 */
	/* Behind a call: the memo must look into called policies. */
	policy_add_cond(call, POL_C_CALL)->call = pol;
	call->act.result = POL_REJECT;
	key_make(&k, "169.254.1.1");
	a = memo_route(c, &s, &k, &ch, "11.1.0.0/16", c->in, &c->src, 0);
	assert_non_null(a);
	attrs_unref(c->t, a);
	assert_null(memo_route(c, &s, &k, &ch, "10.1.0.0/16", c->in, &c->src,
	    0));
	a = memo_route(c, &s, &k, &ch, "11.2.0.0/16", c->in, &c->src, 0);
	assert_non_null(a);
	attrs_unref(c->t, a);
	export_sum_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_key_dest, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_link_set_on_export, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_neighbor_set_on_export,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_route_type_on_export,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_lifecycle, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_summary_only_per_destination, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_export_rules,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary_as_set, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_summary_chain_change,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_memo_source_kinds,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_memo_prefix_chain,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_memo_next_hop,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_src_kind, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
