/*
 * Unit tests for policy/compile.c: a configuration built as plain structs
 * (yang/config.h) is compiled and its chains evaluated end to end; every
 * compile error names its policy, statement or set; call-policy cycles are
 * refused; ids of neighbour and link sets come from the resolver.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/compile.h"
#include "tests/policy/polfix.h"

/* Storage for one test configuration; fill() links it together. */
struct tc {
	struct config c;
	struct config_prefix_set ps[2];
	struct config_prefix_entry pe[3];
	struct config_community_set cs[2];
	struct config_community cm[3];
	struct config_as_path_set as[1];
	char *as_members[1];
	struct config_neighbor nb[2];
	struct config_neighbor_set ns[1];
	struct addr ns_addr[1];
	struct config_link_set ls[1];
	struct config_link_ref lref[1];
	char *facilities[1];
	struct config_interconnect ic[1];
	struct config_link links[4];
	struct config_policy pol[3];
	struct config_statement st[4];
	struct config_community inline_cm[1];
	char *chain[2];
};

static void
fill_sets(struct tc *t)
{
	struct config_routing_policy *rp = &t->c.policy;

	prefix_parse("10.0.0.0/8", &t->pe[0].prefix, true);
	t->pe[0].len_lower = 16, t->pe[0].len_upper = 24;
	prefix_parse("2001:db8::/32", &t->pe[1].prefix, true);
	t->pe[1].len_lower = 48, t->pe[1].len_upper = 48;
	t->ps[0] = (struct config_prefix_set){ "customers", CONFIG_PSET_MIXED,
		t->pe, 2 };
	prefix_parse("192.0.2.0/24", &t->pe[2].prefix, true);
	t->pe[2].len_lower = t->pe[2].len_upper = 24;
	t->ps[1] = (struct config_prefix_set){ "v4only", CONFIG_PSET_IPV4,
		t->pe + 2, 1 };
	rp->prefix_sets = t->ps, rp->n_prefix_sets = 2;
	t->cm[0] = (struct config_community){ "65000:1", false,
		{ .std = 65000u << 16 | 1 } };
	t->cm[1] = (struct config_community){ "^7224:", true, { 0 } };
	t->cs[0] = (struct config_community_set){ "tagged",
		CONFIG_COMM_STANDARD, t->cm, 2 };
	t->cm[2] = (struct config_community){ "4200000000:1:2", false,
		{ .large = { 4200000000u, 1, 2 } } };
	t->cs[1] = (struct config_community_set){ "big", CONFIG_COMM_LARGE,
		t->cm + 2, 1 };
	rp->community_sets = t->cs, rp->n_community_sets = 1;
	rp->large_community_sets = t->cs + 1, rp->n_large_community_sets = 1;
	t->as_members[0] = "^65000_";
	t->as[0] = (struct config_as_path_set){ "from-65000",
		{ t->as_members, 1 } };
	rp->as_path_sets = t->as, rp->n_as_path_sets = 1;
}

static void
fill_ids(struct tc *t)
{
	struct config_routing_policy *rp = &t->c.policy;
	unsigned i;

	addr_parse("192.0.2.1", &t->nb[0].address);
	addr_parse("192.0.2.5", &t->nb[1].address);
	t->c.bgp.neighbors = t->nb, t->c.bgp.n_neighbors = 2;
	t->ns_addr[0] = t->nb[1].address;
	t->ns[0] = (struct config_neighbor_set){ "peer-b", t->ns_addr, 1 };
	rp->neighbor_sets = t->ns, rp->n_neighbor_sets = 1;
	for (i = 0; i < 4; i++) {
		t->links[i].id = (uint8_t)(i + 1);
		t->links[i].facility = i < 2 ? "F1" : "F2";
	}
	t->ic[0] = (struct config_interconnect){ .name = "ic1",
		.links = t->links, .n_links = 4 };
	t->c.interconnects = t->ic, t->c.n_interconnects = 1;
	t->lref[0] = (struct config_link_ref){ "ic1", 1 };
	t->facilities[0] = "F2";
	t->ls[0] = (struct config_link_set){ "l1-and-f2", t->lref, 1,
		CONFIG_LINK_ROLE_DRAINING, { t->facilities, 1 } };
	rp->link_sets = t->ls, rp->n_link_sets = 1;
}

/*
 * Policies: "import" = [customers+tagged -> lp 300, prepend x2, accept;
 * from-65000 -> call "tagger"; else reject]; "tagger" = [add 65000:9,
 * accept]; "links" = [link-set and neighbor-set -> accept].
 */
static void
fill_policies(struct tc *t)
{
	struct config_statement *s = t->st;

	memset(t->st, 0, sizeof(t->st));
	s[0].name = "tagged";
	s[0].conditions.prefix_set.set = "customers";
	s[0].conditions.community_set.set = "tagged";
	s[0].actions.has_local_pref = true;
	s[0].actions.local_pref = 300;
	s[0].actions.has_prepend = true;
	s[0].actions.prepend_repeat = 2;
	s[0].actions.result = CONFIG_RESULT_ACCEPT;
	s[1].name = "via-65000";
	s[1].conditions.as_path_set.set = "from-65000";
	s[1].conditions.call_policy = "tagger";
	s[1].actions.result = CONFIG_RESULT_ACCEPT;
	s[2].name = "add";
	t->inline_cm[0] = (struct config_community){ "65000:9", false,
		{ .std = 65000u << 16 | 9 } };
	s[2].actions.set_community = (struct config_set_community){
		CONFIG_COMM_OP_ADD, NULL, t->inline_cm, 1 };
	s[2].actions.result = CONFIG_RESULT_ACCEPT;
	s[3].name = "ours";
	s[3].conditions.link_set.set = "l1-and-f2";
	s[3].conditions.neighbor_set.set = "peer-b";
	s[3].actions.result = CONFIG_RESULT_ACCEPT;
	t->pol[0] = (struct config_policy){ "import", s, 2 };
	t->pol[1] = (struct config_policy){ "tagger", s + 2, 1 };
	t->pol[2] = (struct config_policy){ "links", s + 3, 1 };
	t->c.policy.policies = t->pol, t->c.policy.n_policies = 3;
}

static void
fill(struct tc *t)
{
	memset(t, 0, sizeof(*t));
	fill_sets(t);
	fill_ids(t);
	fill_policies(t);
}

static enum pol_verdict
run(const struct pol_chain *ch, struct fx *f)
{
	return policy_chain_apply(ch, &f->r, &f->b);
}

static void
test_compile_end_to_end(void **state)
{
	struct tc t;
	struct compile_err err;
	struct policy_db *db;
	struct config_apply_policy ap = { { t.chain, 1 }, { NULL, 0 },
		CONFIG_REJECT_ROUTE, CONFIG_REJECT_ROUTE };
	struct pol_chain ch;
	struct fx f;

	(void)state;
	fill(&t);
	t.chain[0] = "import";
	db = compile_policies(&t.c, NULL, &err);
	assert_non_null(db);
	assert_int_equal(compile_chain(db, &ap, POL_IMPORT,
	    CONFIG_PROFILE_GENERIC, &ch, &err), 0);
	fx_init(&f, "10.1.0.0/16", "65001", "7224:7100", NULL, NULL);
	assert_int_equal(run(&ch, &f), POL_ACCEPT);
	assert_int_equal(f.b.a.local_pref, 300);
	assert_string_equal(fx_path(&f), "64512 64512 65001");
	fx_fini(&f);
	fx_init(&f, "2001:db8:1::/48", "65000 1", NULL, NULL, NULL);
	assert_int_equal(run(&ch, &f), POL_ACCEPT);	/* via tagger */
	assert_string_equal(fx_comms(&f, CTEXT_STD), "65000:9");
	fx_fini(&f);
	fx_init(&f, "192.0.2.0/24", "1", NULL, NULL, NULL);
	assert_int_equal(run(&ch, &f), POL_REJECT);	/* RFC 8212 */
	fx_fini(&f);
	compile_chain_fini(&ch);
	/* A cloud profile falls off the chain into accept. */
	assert_int_equal(compile_chain(db, &ap, POL_IMPORT, CONFIG_PROFILE_DX,
	    &ch, &err), 0);
	fx_init(&f, "192.0.2.0/24", "1", NULL, NULL, NULL);
	assert_int_equal(run(&ch, &f), POL_ACCEPT);
	fx_fini(&f);
	compile_chain_fini(&ch);
	policy_db_free(db);
}

static bool
peer_id_x10(void *ctx, const struct addr *a, uint32_t *id)
{
	(void)ctx;
	*id = (addr_to_ipv4(a) & 0xff) * 10;
	return true;
}

static void
test_compile_ids(void **state)
{
	struct tc t;
	struct compile_err err;
	struct compile_env env = { NULL, peer_id_x10, NULL };
	struct policy_db *db;
	const struct policy *p;
	struct fx f;
	uint32_t id;

	(void)state;
	fill(&t);
	assert_true(compile_link_id(&t.c, "ic1", 4, &id));
	assert_int_equal(id, 4);
	assert_false(compile_link_id(&t.c, "ic1", 5, &id));
	assert_false(compile_link_id(&t.c, "ic9", 1, &id));
	db = compile_policies(&t.c, &env, &err);
	assert_non_null(db);
	p = policy_db_lookup(db, "links");
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	f.r.peer_id = 50;			/* 192.0.2.5 -> 50 */
	f.r.link_id = 1;			/* ic1 link 1 */
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_ACCEPT);
	f.r.link_id = 2;			/* link 2: F1, not listed */
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_NEXT);
	f.r.link_roles = POL_LINK_DRAINING;	/* but draining */
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_ACCEPT);
	f.r.link_roles = 0;
	f.r.link_id = 4;			/* link 4 in F2 */
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_ACCEPT);
	f.r.peer_id = 1;		/* neighbour index without env */
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_NEXT);
	fx_fini(&f);
	policy_db_free(db);
	db = compile_policies(&t.c, NULL, &err);
	p = policy_db_lookup(db, "links");
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	f.r.link_id = 1;
	assert_int_equal(policy_apply(p, &f.r, &f.b), POL_ACCEPT);
	fx_fini(&f);
	policy_db_free(db);
}

/* Break one thing in a good config and expect this message. */
static void
expect_error(struct tc *t, const char *msg)
{
	struct compile_err err;
	struct policy_db *db = compile_policies(&t->c, NULL, &err);

	assert_null(db);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", err.msg, msg);
}

static void
test_compile_errors(void **state)
{
	struct tc t;

	(void)state;
	fill(&t);
	t.st[0].conditions.prefix_set.set = "nope";
	expect_error(&t, "policy \"import\" statement \"tagged\": prefix-set "
	    "\"nope\" is not defined");
	fill(&t);
	t.ps[1].v = t.pe + 1;			/* a v6 entry in a v4 set */
	expect_error(&t, "prefix-set \"v4only\": 2001:db8::/32 does not fit");
	fill(&t);
	t.pe[0].len_lower = 7;
	expect_error(&t, "prefix-set \"customers\": 10.0.0.0/8 bad "
	    "mask-length range 7..24");
	fill(&t);
	t.as_members[0] = "(65000";
	expect_error(&t, "as-path-set \"from-65000\": regex \"(65000\"");
	fill(&t);
	t.cm[1].text = "[";
	expect_error(&t, "community-set \"tagged\": regex \"[\"");
	fill(&t);
	t.st[2].actions.set_community.set_ref = "tagged";
	expect_error(&t, "policy \"tagger\" statement \"add\": set-community: "
	    "a regex member can only remove");
	fill(&t);
	t.st[0].conditions.prefix_set.opt = CONFIG_MATCH_ALL;
	expect_error(&t, "prefix-set \"customers\": match-set-options ALL");
	fill(&t);
	t.st[0].actions.prepend_repeat = 11;
	expect_error(&t, "statement \"tagged\": set-as-path-prepend repeat-n "
	    "11");
	fill(&t);
	t.st[1].conditions.call_policy = "missing";
	expect_error(&t, "call-policy \"missing\" is not defined");
	fill(&t);
	t.lref[0].link_id = 9;
	expect_error(&t, "link-set \"l1-and-f2\": no link 9");
}

static void
test_compile_call_cycles(void **state)
{
	struct tc t;

	(void)state;
	fill(&t);
	/* import -> tagger -> import */
	t.st[2].conditions.call_policy = "import";
	expect_error(&t, "call-policy cycle");
	fill(&t);
	t.st[2].conditions.call_policy = "tagger";	/* self */
	expect_error(&t, "policy \"tagger\": call-policy cycle");
	fill(&t);
	t.st[3].conditions.call_policy = "tagger";	/* a DAG is fine */
	{
		struct compile_err err;
		struct policy_db *db = compile_policies(&t.c, NULL, &err);

		assert_non_null(db);
		policy_db_free(db);
	}
}

static void
test_compile_chain_unknown(void **state)
{
	struct tc t;
	struct compile_err err;
	struct policy_db *db;
	struct config_apply_policy ap = { { NULL, 0 }, { t.chain, 2 },
		CONFIG_REJECT_ROUTE, CONFIG_ACCEPT_ROUTE };
	struct pol_chain ch;

	(void)state;
	fill(&t);
	t.chain[0] = "tagger";
	t.chain[1] = "ghost";
	db = compile_policies(&t.c, NULL, &err);
	assert_int_equal(compile_chain(db, &ap, POL_EXPORT,
	    CONFIG_PROFILE_GENERIC, &ch, &err), -1);
	assert_string_equal(err.msg, "export-policy \"ghost\" is not defined");
	ap.export_policy.n = 1;
	assert_int_equal(compile_chain(db, &ap, POL_EXPORT,
	    CONFIG_PROFILE_GENERIC, &ch, &err), 0);
	assert_int_equal(ch.dflt, POL_ACCEPT);
	assert_int_equal(ch.n, 1);
	compile_chain_fini(&ch);
	policy_db_free(db);
}

/* Compile one statement with actions ca and conditions cc; apply it. */
static enum pol_verdict
run_one(const struct config_conditions *cc, const struct config_actions *ca,
    struct config_community_set *ext, struct fx *f)
{
	struct tc t;
	struct compile_err err;
	struct policy_db *db;
	enum pol_verdict v;

	fill(&t);
	t.st[2].conditions = *cc;
	t.st[2].actions = *ca;
	if (ext) {
		t.c.policy.ext_community_sets = ext;
		t.c.policy.n_ext_community_sets = 1;
	}
	db = compile_policies(&t.c, NULL, &err);
	if (db == NULL)
		fail_msg("%s", err.msg);
	v = policy_apply(policy_db_lookup(db, "tagger"), &f->r, &f->b);
	policy_db_free(db);
	return v;
}

static void
test_compile_actions(void **state)
{
	struct config_conditions cc = { 0 };
	struct config_actions ca = { 0 };
	struct config_community lc = { "64512:9:9", false,
		{ .large = { 64512, 9, 9 } } };
	uint32_t rm[] = { 7224 }, rep[] = { 65001, 4200000000u };
	struct fx f;

	(void)state;
	/* MED subtract saturates, next-hop self, remove then prepend. */
	ca.result = CONFIG_RESULT_ACCEPT;
	ca.med_op = CONFIG_MED_SUB;
	ca.med = 10;
	ca.next_hop_kind = CONFIG_NH_SELF;
	ca.remove_asns = rm;
	ca.n_remove_asns = 1;
	ca.has_prepend = true;
	ca.prepend_asn = 65009;
	ca.prepend_repeat = 1;
	fx_init(&f, "10.0.0.0/8", "7224 1 7224", NULL, NULL, NULL);
	f.b.a.flags |= ATTRS_HAS_MED;
	f.b.a.med = 4;
	addr_parse("169.254.0.1", &f.r.self_nh);
	assert_int_equal(run_one(&cc, &ca, NULL, &f), POL_ACCEPT);
	assert_int_equal(f.b.a.med, 0);
	assert_true(addr_eq(&f.b.a.nexthop, &f.r.self_nh));
	assert_string_equal(fx_path(&f), "65009 1");
	fx_fini(&f);
	/* MED add, replace-as-path, replace large communities, reject. */
	memset(&ca, 0, sizeof(ca));
	ca.result = CONFIG_RESULT_REJECT;
	ca.med_op = CONFIG_MED_ADD;
	ca.med = 10;
	ca.has_replace_as_path = true;
	ca.replace_as_path = rep;
	ca.n_replace_as_path = 2;
	ca.set_large_community = (struct config_set_community){
		CONFIG_COMM_OP_REPLACE, NULL, &lc, 1 };
	fx_init(&f, "2001:db8::/32", "1 2 3", NULL, "1:2:3 4:5:6", NULL);
	assert_int_equal(run_one(&cc, &ca, NULL, &f), POL_REJECT);
	assert_int_equal(f.b.a.med, 10);
	assert_string_equal(fx_path(&f), "65001 4200000000");
	assert_string_equal(fx_comms(&f, CTEXT_LARGE), "64512:9:9");
	fx_fini(&f);
}

static void
test_compile_conditions(void **state)
{
	struct config_conditions cc = { 0 };
	struct config_actions ca = { .result = CONFIG_RESULT_ACCEPT };
	struct config_community ec = { "rt:65000:1", false,
		{ .ext = { 0x00, 0x02, 0xfd, 0xe8, 0, 0, 0, 1 } } };
	struct config_community_set ext = { "rt", CONFIG_COMM_EXT, &ec, 1 };
	uint32_t asn[] = { 4200000000u };
	struct fx f;

	(void)state;
	cc.ext_community_set.set = "rt";
	cc.large_community_set.set = "big";
	cc.has_as_path_length = true;
	cc.as_path_length_op = CONFIG_CMP_LE;
	cc.as_path_length = 2;
	cc.asn_in_as_path = asn;
	cc.n_asn_in_as_path = 1;
	cc.has_med_eq = true;
	cc.med_eq = 0;
	cc.has_origin_eq = true;
	cc.origin_eq = ORIGIN_IGP;
	cc.afi_safi_in = CONFIG_AF_IPV6_UNICAST;
	cc.route_type = CONFIG_ROUTE_EXTERNAL;
	fx_init(&f, "2001:db8::/32", "1 {4200000000}", NULL, "4200000000:1:2",
	    "rt:65000:1");
	assert_int_equal(run_one(&cc, &ca, &ext, &f), POL_ACCEPT);
	fx_fini(&f);
	/* Each condition alone can fail the statement. */
	fx_init(&f, "10.0.0.0/8", "1 {4200000000}", NULL, "4200000000:1:2",
	    "rt:65000:1");
	assert_int_equal(run_one(&cc, &ca, &ext, &f), POL_NEXT);
	fx_fini(&f);
	fx_init(&f, "2001:db8::/32", "1 2 {4200000000}", NULL,
	    "4200000000:1:2", "rt:65000:1");
	assert_int_equal(run_one(&cc, &ca, &ext, &f), POL_NEXT);
	fx_fini(&f);
	fx_init(&f, "2001:db8::/32", "1 {4200000000}", NULL, "4200000000:1:2",
	    "rt:65000:2");
	assert_int_equal(run_one(&cc, &ca, &ext, &f), POL_NEXT);
	fx_fini(&f);
	fx_init(&f, "2001:db8::/32", "1 {4200000000}", NULL, "4200000000:1:2",
	    "rt:65000:1");
	f.r.peer_type = POL_PEER_IBGP;
	assert_int_equal(run_one(&cc, &ca, &ext, &f), POL_NEXT);
	fx_fini(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compile_end_to_end),
		cmocka_unit_test(test_compile_ids),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_compile_call_cycles),
		cmocka_unit_test(test_compile_chain_unknown),
		cmocka_unit_test(test_compile_actions),
		cmocka_unit_test(test_compile_conditions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
