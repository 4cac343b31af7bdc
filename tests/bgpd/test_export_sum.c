/*
 * Tests for the summary functions of bgpd/export.c (export_sum_route()),
 * issue 6: a per-destination summary is built from its contributors'
 * attributes as the export chain edits them for that destination (an
 * export prepend reaches an as-set summary's AS_PATH and makes a
 * non-as-set summary ATOMIC_AGGREGATE), unedited contributors give the
 * same summary as before; a locally originated route keeps its own MED
 * towards eBGP (Cloud Router base priority, SPEC 2.4) while a MED learned
 * from a neighbour is still removed and a policy MED still wins;
 * export_sum_walk() lists the summaries that exist.
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
#define LOCAL_PEER UINT32_MAX	/* bgpd/daemon.h DAEMON_LOCAL_PEER */

static const uint8_t path_65000[] = { 2, 1, 0, 0, 0xfd, 0xe8 };

struct ctx {
	struct attr_table *t;
	struct policy_db *db;
	struct export_src src;
	size_t nq;
};

static void
requeue(void *ctx, const struct prefix *p)
{
	struct ctx *c = ctx;

	(void)p;
	c->nq++;
}

/* A set: ORIGIN IGP, the given AS_PATH (NULL empty), MED if med >= 0. */
static const struct attrs *
in_make(struct attr_table *t, const uint8_t *path, size_t len, long med)
{
	struct attr_builder b;
	const struct attrs *a;

	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH;
	b.a.origin = ORIGIN_IGP;
	b.aspath.p = path;
	b.aspath.len = len;
	if (med >= 0) {
		b.a.flags |= ATTRS_HAS_MED;
		b.a.med = (uint32_t)med;
	}
	a = attrs_intern(t, &b);
	attr_builder_fini(&b);
	return a;
}

static void
key_make(struct export_key *k)
{
	memset(k, 0, sizeof(*k));
	k->local_as = 64512;
	k->as4 = true;
	k->afs = WIRE_AF_IPV4_UNICAST;
	k->side = 1;
	addr_parse("169.254.1.1", &k->nh4);
}

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->t = attr_table_new();
	c->db = policy_db_new();
	c->src.peer_id = 7;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	policy_db_free(c->db);
	assert_int_equal(attr_table_count(c->t), 0);
	attr_table_free(c->t);
	free(c);
	return 0;
}

/* Summarize 10.0.0.0/8 (as_set as given); prepend 65099 when prepend. */
static struct pol_chain
chain_sum(struct ctx *c, const struct policy **v, bool as_set, bool prepend)
{
	struct policy *pol = policy_db_add_policy(c->db, "sum");
	struct pol_stmt *st = policy_add_stmt(pol, "ten");
	struct pol_cond *cd = policy_add_cond(st, POL_C_PREFIX_SET);
	struct pol_chain ch = { v, 1, POL_ACCEPT };

	cd->pset = fx_pset(c->db, "10.0.0.0/8 8 32");
	st->act.flags = POL_A_SUMMARIZE;
	if (prepend) {
		st->act.flags |= POL_A_PREPEND;
		st->act.prepend_as = 65099;
		st->act.prepend_n = 1;
	}
	st->act.result = POL_NEXT;
	prefix_parse("10.0.0.0/8", &st->act.summary, true);
	st->act.summary_as_set = as_set;
	v[0] = pol;
	return ch;
}

static const struct attrs *
route(struct ctx *c, struct export_sum **s, const struct export_key *k,
    const struct pol_chain *ch, const char *text, const struct attrs *in)
{
	struct prefix p;

	assert_int_equal(prefix_parse(text, &p, true), 0);
	return export_sum_route(s, c->t, ROUTER_ID, k, ch, &p, in, &c->src, 0,
	    requeue, c);
}

/* The summary's AS_PATH text and ATOMIC_AGGREGATE after one contributor. */
static void
summary_of(struct ctx *c, bool as_set, bool prepend, char *buf, size_t len,
    bool *atomic)
{
	const struct policy *v[1];
	struct pol_chain ch = chain_sum(c, v, as_set, prepend);
	const struct attrs *in = in_make(c->t, path_65000, sizeof(path_65000),
	    -1), *a;
	struct export_sum *s = NULL;
	struct export_key k;

	key_make(&k);
	export_key_dest(&k, &ch, 11, 1, 0);
	a = route(c, &s, &k, &ch, "10.1.0.0/16", in);
	assert_non_null(a);
	attrs_unref(c->t, a);
	a = route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_non_null(a);
	aspath_print(blob_bytes(a->aspath), buf, len);
	*atomic = (a->flags & ATTRS_HAS_ATOMIC_AGG) != 0;
	assert_true(a->flags & ATTRS_HAS_AGGREGATOR);
	attrs_unref(c->t, a);
	/* The contributor goes: so does the summary. */
	a = route(c, &s, &k, &ch, "10.1.0.0/16", NULL);
	assert_null(a);
	a = route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_null(a);
	attrs_unref(c->t, in);
	export_sum_free(s);
}

static void
test_sum_as_set_edited(void **state)
{
	struct ctx *c = *state;
	char buf[64];
	bool atomic;

	summary_of(c, true, false, buf, sizeof(buf), &atomic);
	assert_string_equal(buf, "64512 65000");
	assert_false(atomic);
	/* The export prepend is part of what the contributor advertises. */
	summary_of(c, true, true, buf, sizeof(buf), &atomic);
	assert_string_equal(buf, "64512 65099 65000");
	assert_false(atomic);
}

static void
test_sum_no_as_set_edited(void **state)
{
	struct ctx *c = *state;
	char buf[64];
	bool atomic;

	summary_of(c, false, true, buf, sizeof(buf), &atomic);
	assert_string_equal(buf, "64512");
	assert_true(atomic);
}

/* An empty-path contributor edited by a prepend: ATOMIC_AGGREGATE now. */
static void
test_sum_local_contributor_edited(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1];
	struct pol_chain ch = chain_sum(c, v, false, true);
	const struct attrs *in = in_make(c->t, NULL, 0, -1), *a;
	struct export_sum *s = NULL;
	struct export_key k;

	c->src.peer_id = LOCAL_PEER;
	key_make(&k);
	export_key_dest(&k, &ch, 11, 1, 0);
	a = route(c, &s, &k, &ch, "10.1.0.0/16", in);
	attrs_unref(c->t, a);
	a = route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_non_null(a);
	assert_true(a->flags & ATTRS_HAS_ATOMIC_AGG);
	attrs_unref(c->t, a);
	attrs_unref(c->t, in);
	export_sum_free(s);
	/* Without the prepend the contributor's path is empty: not atomic. */
	ch = chain_sum(c, v, false, false);
	in = in_make(c->t, NULL, 0, -1);
	s = NULL;
	a = route(c, &s, &k, &ch, "10.1.0.0/16", in);
	attrs_unref(c->t, a);
	a = route(c, &s, &k, &ch, "10.0.0.0/8", NULL);
	assert_non_null(a);
	assert_false(a->flags & ATTRS_HAS_ATOMIC_AGG);
	attrs_unref(c->t, a);
	attrs_unref(c->t, in);
	export_sum_free(s);
}

/* export_sum_walk() lists what exists now, with summary-only. */
struct seen {
	char text[4][64];
	bool only[4];
	size_t n;
};

static void
walk_cb(void *ctx, const struct prefix *p, const struct attrs *a, bool only)
{
	struct seen *sn = ctx;

	assert_non_null(a);
	assert_true(sn->n < 4);
	prefix_print(p, sn->text[sn->n], sizeof(sn->text[0]));
	sn->only[sn->n++] = only;
}

static void
test_sum_walk(void **state)
{
	struct ctx *c = *state;
	const struct policy *v[1];
	struct pol_chain ch = chain_sum(c, v, false, false);
	const struct attrs *in = in_make(c->t, path_65000,
	    sizeof(path_65000), -1), *a;
	struct export_sum *s = NULL;
	struct export_key k;
	struct seen sn;

	memset(&sn, 0, sizeof(sn));
	export_sum_walk(NULL, walk_cb, &sn);
	assert_int_equal(sn.n, 0);
	key_make(&k);
	export_key_dest(&k, &ch, 11, 1, 0);
	a = route(c, &s, &k, &ch, "10.1.0.0/16", in);
	attrs_unref(c->t, a);
	export_sum_walk(s, walk_cb, &sn);
	assert_int_equal(sn.n, 1);
	assert_string_equal(sn.text[0], "10.0.0.0/8");
	assert_false(sn.only[0]);
	a = route(c, &s, &k, &ch, "10.1.0.0/16", NULL);
	assert_null(a);
	sn.n = 0;
	export_sum_walk(s, walk_cb, &sn);
	assert_int_equal(sn.n, 0);
	attrs_unref(c->t, in);
	export_sum_free(s);
}

/* MED of a local route towards eBGP: kept; of a learned one: removed. */
static void
test_local_med(void **state)
{
	struct ctx *c = *state;
	const struct attrs *in = in_make(c->t, NULL, 0, 150), *a;
	struct export_sum *s = NULL;
	struct export_key k;
	char buf[64];

	key_make(&k);
	c->src.peer_id = LOCAL_PEER;
	a = route(c, &s, &k, NULL, "10.1.0.0/16", in);
	assert_non_null(a);
	assert_true(a->flags & ATTRS_HAS_MED);
	assert_int_equal(a->med, 150);
	aspath_print(blob_bytes(a->aspath), buf, sizeof(buf));
	assert_string_equal(buf, "64512");
	attrs_unref(c->t, a);
	c->src.peer_id = 0;
	a = route(c, &s, &k, NULL, "10.1.0.0/16", in);
	assert_true(a->flags & ATTRS_HAS_MED);
	attrs_unref(c->t, a);
	c->src.peer_id = 7;
	a = route(c, &s, &k, NULL, "10.1.0.0/16", in);
	assert_non_null(a);
	assert_false(a->flags & ATTRS_HAS_MED);
	attrs_unref(c->t, a);
	/* No summaries (only the memo, which kept the three apart). */
	assert_false(export_sum_active(s));
	attrs_unref(c->t, in);
	export_sum_free(s);
}

/* A policy MED on a local route wins over its own. */
static void
test_local_med_policy(void **state)
{
	struct ctx *c = *state;
	struct policy *pol = policy_db_add_policy(c->db, "med");
	struct pol_stmt *st = policy_add_stmt(pol, "m");
	const struct policy *v[1] = { pol };
	struct pol_chain ch = { v, 1, POL_ACCEPT };
	const struct attrs *in = in_make(c->t, NULL, 0, 150), *a;
	struct export_sum *s = NULL;
	struct export_key k;

	st->act.flags = POL_A_MED;
	st->act.med = 10200;
	st->act.result = POL_NEXT;
	key_make(&k);
	export_key_dest(&k, &ch, 11, 1, 0);
	c->src.peer_id = LOCAL_PEER;
	a = route(c, &s, &k, &ch, "10.1.0.0/16", in);
	assert_non_null(a);
	assert_int_equal(a->med, 10200);
	attrs_unref(c->t, a);
	attrs_unref(c->t, in);
	export_sum_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sum_as_set_edited, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sum_no_as_set_edited,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_sum_local_contributor_edited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sum_walk, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_local_med, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_local_med_policy, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
