/*
 * Unit tests for policy/policy.c: statement flow (user order, first
 * matching statement with a result wins, result-less statements keep their
 * edits and fall through), chains and their defaults (RFC 8212 reject,
 * cloud accept), call-policy as a condition, the runtime depth guard, and
 * db ownership (ASan proves every set is freed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/policy/polfix.h"

/* import: 10/8 le 24 tagged 65000:1 -> lp 300, prepend; 10/8 -> reject. */
static struct policy *
make_import(struct policy_db *db)
{
	struct policy *p = policy_db_add_policy(db, "import");
	struct pol_stmt *st;
	struct pol_cond *c;

	st = policy_add_stmt(p, "tagged");
	c = policy_add_cond(st, POL_C_PREFIX_SET);
	c->pset = fx_pset(db, "10.0.0.0/8 8 24");
	c = policy_add_cond(st, POL_C_COMM_SET);
	c->cset = fx_cset(db, CTEXT_STD, "65000:1");
	st->act.flags = POL_A_LOCAL_PREF | POL_A_PREPEND;
	st->act.local_pref = 300;
	st->act.prepend_n = 2;
	st->act.result = POL_ACCEPT;
	st = policy_add_stmt(p, "untagged");
	c = policy_add_cond(st, POL_C_PREFIX_SET);
	c->pset = fx_pset(db, "10.0.0.0/8 8 32");
	st->act.result = POL_REJECT;
	return p;
}

static void
test_policy_statement_flow(void **state)
{
	struct policy_db *db = policy_db_new();
	const struct policy *p = make_import(db);
	struct fx f;

	(void)state;
	fx_init(&f, "10.1.0.0/16", "65000", "65000:1", NULL, NULL);
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_ACCEPT);
	assert_int_equal(f.b.a.local_pref, 300);
	assert_string_equal(fx_path(&f), "64512 64512 65000");
	fx_fini(&f);
	/* Too long for the first statement: the second rejects. */
	fx_init(&f, "10.1.2.0/25", "65000", "65000:1", NULL, NULL);
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_REJECT);
	assert_false(f.b.a.flags & ATTRS_HAS_LOCAL_PREF);
	fx_fini(&f);
	/* No statement matches: no result, nothing changed. */
	fx_init(&f, "192.0.2.0/24", "65000", "65000:1", NULL, NULL);
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_NEXT);
	assert_string_equal(fx_path(&f), "65000");
	fx_fini(&f);
	assert_ptr_equal(policy_db_lookup(db, "import"), p);
	assert_null(policy_db_lookup(db, "nope"));
	policy_db_free(db);
}

/* A statement without a result edits and falls through to the next. */
static void
test_policy_fallthrough_keeps_edits(void **state)
{
	struct policy_db *db = policy_db_new();
	struct policy *p = policy_db_add_policy(db, "p");
	struct pol_stmt *st;
	struct pol_cond *c;
	struct fx f;

	(void)state;
	st = policy_add_stmt(p, "med");
	st->act.flags = POL_A_MED;
	st->act.med = 5;
	st = policy_add_stmt(p, "sees-med");
	c = policy_add_cond(st, POL_C_MED_EQ);
	c->value = 5;
	st->act.flags = POL_A_MED;
	st->act.med_op = POL_MED_ADD;
	st->act.med = 10;
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_NEXT);
	assert_int_equal(f.b.a.med, 15);
	fx_fini(&f);
	policy_db_free(db);
}

static void
test_policy_chain_defaults(void **state)
{
	struct policy_db *db = policy_db_new();
	const struct policy *v[2];
	struct policy *tag;
	struct pol_stmt *st;
	struct pol_chain ch = { v, 2, POL_REJECT };
	struct fx f;

	(void)state;
	v[0] = make_import(db);
	tag = policy_db_add_policy(db, "tag");
	st = policy_add_stmt(tag, "all");
	st->act.flags = POL_A_COMM;
	st->act.comm = fx_cset(db, CTEXT_STD, "65000:1");
	st->act.comm_op = POL_COMM_ADD;
	v[1] = tag;
	/* First policy gives no result, the second tags, the default rejects
	 * (RFC 8212 for plain eBGP). */
	fx_init(&f, "192.0.2.0/24", "1", NULL, NULL, NULL);
	assert_int_equal(policy_chain_apply(&ch, &f.r, &f.b), POL_REJECT);
	assert_string_equal(fx_comms(&f, CTEXT_STD), "65000:1");
	fx_fini(&f);
	ch.dflt = POL_ACCEPT;			/* cloud profile */
	fx_init(&f, "192.0.2.0/24", "1", NULL, NULL, NULL);
	assert_int_equal(policy_chain_apply(&ch, &f.r, &f.b), POL_ACCEPT);
	fx_fini(&f);
	/* A decision in the first policy ends the chain: no tag. */
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	assert_int_equal(policy_chain_apply(&ch, &f.r, &f.b), POL_REJECT);
	assert_string_equal(fx_comms(&f, CTEXT_STD), "");
	fx_fini(&f);
	ch.n = 0;
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	assert_int_equal(policy_chain_apply(&ch, &f.r, &f.b), POL_ACCEPT);
	fx_fini(&f);
	policy_db_free(db);
}

static void
test_policy_call(void **state)
{
	struct policy_db *db = policy_db_new();
	struct policy *sub, *top, *loop;
	struct pol_stmt *st;
	struct pol_cond *c;
	struct fx f;

	(void)state;
	sub = policy_db_add_policy(db, "is-customer");
	st = policy_add_stmt(sub, "c");
	c = policy_add_cond(st, POL_C_COMM_SET);
	c->cset = fx_cset(db, CTEXT_STD, "65000:1");
	st->act.flags = POL_A_MED;	/* the subroutine's edits stay */
	st->act.med = 7;
	st->act.result = POL_ACCEPT;
	top = policy_db_add_policy(db, "top");
	st = policy_add_stmt(top, "customers");
	policy_add_cond(st, POL_C_CALL)->call = sub;
	st->act.flags = POL_A_LOCAL_PREF;
	st->act.local_pref = 200;
	st->act.result = POL_ACCEPT;
	st = policy_add_stmt(top, "others");
	st->act.result = POL_REJECT;
	fx_init(&f, "10.0.0.0/8", "1", "65000:1", NULL, NULL);
	assert_int_equal(policy_apply(top, &f.r, &f.b), POL_ACCEPT);
	assert_int_equal(f.b.a.local_pref, 200);
	assert_int_equal(f.b.a.med, 7);
	fx_fini(&f);
	/* Subroutine without a result: false. */
	fx_init(&f, "10.0.0.0/8", "1", "65000:2", NULL, NULL);
	assert_int_equal(policy_apply(top, &f.r, &f.b), POL_REJECT);
	fx_fini(&f);
	/* A self-call built by hand (the compiler refuses it) stops at the
	 * depth guard instead of recursing forever. */
	loop = policy_db_add_policy(db, "loop");
	st = policy_add_stmt(loop, "again");
	policy_add_cond(st, POL_C_CALL)->call = loop;
	st->act.result = POL_ACCEPT;
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	assert_int_equal(policy_apply(loop, &f.r, &f.b), POL_NEXT);
	fx_fini(&f);
	policy_db_free(db);
}

/*
 * A realistic import policy as a table of route in -> route out or reject:
 *   bogons      prefix-set {0/0 exact, 10/8 le 32, fc00::/7 le 128} -> reject
 *   too-long    as-path-length ge 6 -> reject
 *   from-dx     as-path "_7224$" -> local-pref 50, remove ASN 7224 (no result)
 *   big-tag     large-community "^64512:1:" -> add 65000:1, prepend x2, accept
 *   v6          afi-safi-in ipv6-unicast -> MED := 100, accept
 *   rest        remove communities "^65535:", accept
 */
static const struct policy *
make_table_policy(struct policy_db *db)
{
	struct policy *p = policy_db_add_policy(db, "import-table");
	struct pol_stmt *st;
	struct pol_cond *c;
	static const uint32_t dx[] = { 7224 };

	st = policy_add_stmt(p, "bogons");
	policy_add_cond(st, POL_C_PREFIX_SET)->pset = fx_pset(db,
	    "0.0.0.0/0 0 0, 10.0.0.0/8 8 32, fc00::/7 7 128");
	st->act.result = POL_REJECT;
	st = policy_add_stmt(p, "too-long");
	c = policy_add_cond(st, POL_C_ASPATH_LEN);
	c->opt = POL_CMP_GE;
	c->value = 6;
	st->act.result = POL_REJECT;
	st = policy_add_stmt(p, "from-dx");
	policy_add_cond(st, POL_C_ASPATH_SET)->aset = fx_aset(db, "_7224$");
	st->act.flags = POL_A_LOCAL_PREF | POL_A_REMOVE_ASN;
	st->act.local_pref = 50;
	st->act.asns = dx;
	st->act.nasns = 1;
	st = policy_add_stmt(p, "big-tag");
	policy_add_cond(st, POL_C_LCOMM_SET)->cset = fx_cset(db, CTEXT_LARGE,
	    "^64512:1:");
	st->act.flags = POL_A_COMM | POL_A_PREPEND;
	st->act.comm_op = POL_COMM_ADD;
	st->act.comm = fx_cset(db, CTEXT_STD, "65000:1");
	st->act.prepend_n = 2;
	st->act.result = POL_ACCEPT;
	st = policy_add_stmt(p, "v6");
	policy_add_cond(st, POL_C_AFI_SAFI_IN)->afisafi =
	    POL_AFISAFI_BIT(AFI_IPV6, SAFI_UNICAST);
	st->act.flags = POL_A_MED;
	st->act.med = 100;
	st->act.result = POL_ACCEPT;
	st = policy_add_stmt(p, "rest");
	st->act.flags = POL_A_COMM;
	st->act.comm_op = POL_COMM_REMOVE;
	st->act.comm = fx_cset(db, CTEXT_STD, "^65535:");
	st->act.result = POL_ACCEPT;
	return p;
}

struct table_row {
	const char *prefix, *path, *comms, *lcomms;
	enum pol_verdict v;
	const char *path_out, *comms_out;
	uint32_t lp, med;		/* 0 = attribute absent */
};

static const struct table_row table_rows[] = {
	{ "0.0.0.0/0", "1", NULL, NULL, POL_REJECT, NULL, NULL, 0, 0 },
	{ "10.9.9.0/24", "1", NULL, NULL, POL_REJECT, NULL, NULL, 0, 0 },
	{ "fd00:1::/48", "1", NULL, NULL, POL_REJECT, NULL, NULL, 0, 0 },
	{ "192.0.2.0/24", "1 2 3 4 5 6", NULL, NULL, POL_REJECT, NULL, NULL,
	    0, 0 },
	/* An AS_SET counts one: length 5, not too long. */
	{ "192.0.2.0/24", "1 2 3 4 {5,6,7}", "65535:0 1:1", NULL, POL_ACCEPT,
	    "1 2 3 4 {5,6,7}", "1:1", 0, 0 },
	/* Empty AS path (iBGP-originated): passes to "rest". */
	{ "192.0.2.0/24", "", NULL, NULL, POL_ACCEPT, "", "", 0, 0 },
	/* from-dx edits, then big-tag decides with the edited path. */
	{ "192.0.2.0/24", "64512 7224", NULL, "64512:1:99", POL_ACCEPT,
	    "64512 64512 64512", "65000:1", 50, 0 },
	/* 4-octet ASNs, IPv6 and large communities that do not match. */
	{ "2001:db8::/32", "4200000000 4200000001", "1:1", "64513:1:1",
	    POL_ACCEPT, "4200000000 4200000001", "1:1", 0, 100 },
	{ "2001:db8::/32", "4200000000 7224", NULL, NULL, POL_ACCEPT,
	    "4200000000", "", 50, 100 },
};

static void
test_policy_table(void **state)
{
	struct policy_db *db = policy_db_new();
	const struct policy *p = make_table_policy(db);
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table_rows) / sizeof(table_rows[0]); i++) {
		const struct table_row *r = &table_rows[i];

		fx_init(&f, r->prefix, r->path, r->comms, r->lcomms, NULL);
		if (policy_apply(p, &f.r, &f.b) != r->v)
			fail_msg("row %zu: verdict", i);
		if (r->v == POL_ACCEPT) {
			assert_string_equal(fx_path(&f), r->path_out);
			assert_string_equal(fx_comms(&f, CTEXT_STD),
			    r->comms_out);
			assert_int_equal(!!(f.b.a.flags & ATTRS_HAS_LOCAL_PREF),
			    r->lp != 0);
			assert_int_equal(f.b.a.local_pref, r->lp);
			assert_int_equal(!!(f.b.a.flags & ATTRS_HAS_MED),
			    r->med != 0);
			assert_int_equal(f.b.a.med, r->med);
		}
		fx_fini(&f);
	}
	policy_db_free(db);
}

/*
 * policy_chain_deps(): neighbour and link sets anywhere (also in called
 * policies), summarize in the chain's own statements; the trace records
 * the summarize statements that fired, in order, and none of the ones
 * that did not or sit in a called policy.
 */
static void
test_policy_deps_and_trace(void **state)
{
	struct policy_db *db = policy_db_new();
	struct policy *sub = policy_db_add_policy(db, "sub");
	struct policy *top = policy_db_add_policy(db, "top");
	const struct policy *v[2] = { top, sub };
	struct pol_chain c1 = { v, 1, POL_ACCEPT }, c0 = { v, 0, POL_REJECT };
	struct pol_chain c2 = { v + 1, 1, POL_ACCEPT };
	struct pol_idset *ids = policy_idset_new();
	struct pol_trace tr;
	struct pol_stmt *st, *s1, *s2;
	struct pol_cond *c;
	struct fx f;

	(void)state;
	policy_idset_add(ids, 2);
	st = policy_add_stmt(sub, "to-link2");
	c = policy_add_cond(st, POL_C_LINK_SET);
	c->ids = policy_db_take_idset(db, ids);
	st->act.flags = POL_A_SUMMARIZE;	/* not the attach point's */
	prefix_parse("10.0.0.0/8", &st->act.summary, true);
	st->act.result = POL_ACCEPT;
	s1 = policy_add_stmt(top, "sum16");
	c = policy_add_cond(s1, POL_C_PREFIX_SET);
	c->pset = fx_pset(db, "10.1.0.0/16 17 32");
	s1->act.flags = POL_A_SUMMARIZE;
	prefix_parse("10.1.0.0/16", &s1->act.summary, true);
	s1->act.result = POL_NEXT;
	/* Adding a statement moves the others: s1 is not used after. */
	s2 = policy_add_stmt(top, "sum8");
	c = policy_add_cond(s2, POL_C_CALL);
	c->call = sub;
	s2->act.flags = POL_A_SUMMARIZE;
	prefix_parse("10.0.0.0/8", &s2->act.summary, true);
	s2->act.result = POL_NEXT;
	assert_int_equal(policy_chain_deps(&c0), 0);
	assert_int_equal(policy_chain_deps(&c2),
	    POL_DEP_LINK | POL_DEP_SUMMARIZE);
	assert_int_equal(policy_chain_deps(&c1),
	    POL_DEP_LINK | POL_DEP_SUMMARIZE);
	fx_init(&f, "10.1.2.0/24", "65000", NULL, NULL, NULL);
	f.r.dir = POL_EXPORT;
	f.r.link_id = 2;
	assert_int_equal(policy_chain_trace(&c1, &f.r, &f.b, &tr), POL_ACCEPT);
	assert_int_equal(tr.n, 2);
	assert_ptr_equal(tr.sum[0], &top->stmts[0].act);
	assert_ptr_equal(tr.sum[1], &top->stmts[1].act);
	fx_fini(&f);
	/* Another link: the call is false, only the /16 fires. */
	fx_init(&f, "10.1.2.0/24", "65000", NULL, NULL, NULL);
	f.r.dir = POL_EXPORT;
	f.r.link_id = 3;
	assert_int_equal(policy_chain_trace(&c1, &f.r, &f.b, &tr), POL_ACCEPT);
	assert_int_equal(tr.n, 1);
	assert_ptr_equal(tr.sum[0], &top->stmts[0].act);
	fx_fini(&f);
	/* Outside both: nothing; the trace is emptied first. */
	fx_init(&f, "192.0.2.0/24", "65000", NULL, NULL, NULL);
	assert_int_equal(policy_chain_trace(&c1, &f.r, &f.b, &tr), POL_ACCEPT);
	assert_int_equal(tr.n, 0);
	fx_fini(&f);
	/* A neighbour set in the called policy counts too. */
	ids = policy_idset_new();
	st = policy_add_stmt(sub, "to-peer");
	c = policy_add_cond(st, POL_C_NEIGHBOR_SET);
	c->ids = policy_db_take_idset(db, ids);
	assert_int_equal(policy_chain_deps(&c1),
	    POL_DEP_NEIGHBOR | POL_DEP_LINK | POL_DEP_SUMMARIZE);
	policy_db_free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_statement_flow),
		cmocka_unit_test(test_policy_fallthrough_keeps_edits),
		cmocka_unit_test(test_policy_chain_defaults),
		cmocka_unit_test(test_policy_call),
		cmocka_unit_test(test_policy_table),
		cmocka_unit_test(test_policy_deps_and_trace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
