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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_statement_flow),
		cmocka_unit_test(test_policy_fallthrough_keeps_edits),
		cmocka_unit_test(test_policy_chain_defaults),
		cmocka_unit_test(test_policy_call),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
