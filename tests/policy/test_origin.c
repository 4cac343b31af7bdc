/*
 * Unit tests for policy/origin.c: what a gateway originates from its
 * attachments. SPEC 2.2 VGW filter cases (allowed /15 covers VPC /16: the
 * /16 is sent; allowed /24 inside it: nothing; no allowed list: every
 * CIDR), TGW allowed prefixes verbatim and never its VPC CIDRs, Cloud
 * Router default mode (subnets) and custom mode (ranges) with the base
 * priority as MED, IPv6 only when an interconnect of the gateway carries
 * it, nothing for a gateway without interconnect, duplicates merged to
 * the best MED, and the capfit count following the VGW filter.
 * origin_apply(), each attachment's import chain compiled from hand-built
 * config structs: a prefix-set reject drops one prefix only; set-med and
 * set-community edit the matching subset only; default-import-policy
 * reject-route drops what no statement accepts; one attachment's reject
 * leaves another attachment's copy of the prefix; the merge prefers
 * LOCAL_PREF, then the shorter AS_PATH, then configuration order; the
 * route is local (route-type local matches, external does not); a chain
 * naming an unknown policy fails that attachment only; no reference is
 * leaked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "policy/capfit.h"
#include "policy/compile.h"
#include "policy/origin.h"

/* gw[0] dxgw1 (64512), gw[1] cr1 (65000), one interconnect between. */
struct tc {
	struct config c;
	struct config_gateway gw[2];
	struct config_attachment at[4];
	struct config_interconnect ic;
	struct prefix p[16];
	struct origin_list out;
	/* origin_apply(): one-entry prefix sets, one-statement policies. */
	struct config_prefix_set ps[4];
	struct config_prefix_entry pe[4];
	struct config_policy pol[4];
	struct config_statement st[4];
	struct config_community comm[1];
	char *chain[4][2];
	struct policy_db *db;
	struct attr_table *attrs;
	struct origin_paths paths;
};

static struct prefix
pfx(const char *text)
{
	struct prefix p;

	assert_int_equal(prefix_parse(text, &p, true), 0);
	return p;
}

static void
fill(struct tc *t)
{
	memset(t, 0, sizeof(*t));
	t->gw[0] = (struct config_gateway){ .name = "dxgw1",
	    .role = CONFIG_GW_DXGW, .asn = 64512, .attachments = &t->at[0],
	    .n_attachments = 0 };
	t->gw[1] = (struct config_gateway){ .name = "cr1",
	    .role = CONFIG_GW_CLOUD_ROUTER, .asn = 65000,
	    .attachments = &t->at[2], .n_attachments = 0 };
	t->ic = (struct config_interconnect){ .name = "ic1",
	    .gateway_a = "dxgw1", .router_b = "cr1" };
	t->c.gateways = t->gw;
	t->c.n_gateways = 2;
	t->c.interconnects = &t->ic;
	t->c.n_interconnects = 1;
	t->c.policy.prefix_sets = t->ps;
	t->c.policy.policies = t->pol;
}

/* Attachment i of kind k: prefixes p[a..a+na), allowed p[b..b+nb). */
static void
attach(struct tc *t, int i, enum config_attach_kind k, int a, int na, int b,
    int nb)
{
	t->at[i].name = "at";
	t->at[i].kind = k;
	t->at[i].prefixes = &t->p[a];
	t->at[i].n_prefixes = (size_t)na;
	t->at[i].allowed_prefixes = &t->p[b];
	t->at[i].n_allowed_prefixes = (size_t)nb;
	t->at[i].base_priority = 100;
	t->at[i].apply_policy.default_import = CONFIG_ACCEPT_ROUTE;
	t->at[i].apply_policy.default_export = CONFIG_ACCEPT_ROUTE;
}

/* out holds exactly the prefixes texts[0..n), in order. */
static void
expect(const struct origin_list *out, const char *const *texts, size_t n)
{
	char buf[PREFIX_STRLEN];
	size_t i;

	assert_int_equal(out->n, n);
	for (i = 0; i < n; i++) {
		prefix_print(&out->v[i].prefix, buf, sizeof(buf));
		assert_string_equal(buf, texts[i]);
	}
}

static void
test_origin_vgw_filter(void **state)
{
	static const char *const want[] = { "10.0.0.0/16" };
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.0.0.0/16");		/* VPC CIDR */
	t.p[1] = pfx("10.0.0.0/15");		/* allowed: covers it */
	attach(&t, 0, CONFIG_ATTACH_VGW, 0, 1, 1, 1);
	t.gw[0].n_attachments = 1;
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, want, 1);
	assert_false(t.out.v[0].has_med);
	/* Allowed 10.0.0.0/24 is inside the CIDR: nothing is sent. */
	t.p[1] = pfx("10.0.0.0/24");
	origin_gateway(&t.c, &t.gw[0], &t.out);
	assert_int_equal(t.out.n, 0);
	/* Allowed equal to the CIDR: sent. A disjoint one: not. */
	t.p[1] = pfx("10.0.0.0/16");
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, want, 1);
	t.p[1] = pfx("10.1.0.0/16");
	origin_gateway(&t.c, &t.gw[0], &t.out);
	assert_int_equal(t.out.n, 0);
	origin_list_fini(&t.out);
}

static void
test_origin_vgw_some_cidrs(void **state)
{
	static const char *const want[] = { "10.0.0.0/16", "172.16.0.0/12" };
	static const char *const all[] = { "10.0.0.0/16", "10.8.0.0/16",
	    "172.16.0.0/12" };
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("172.16.0.0/12");
	t.p[1] = pfx("10.8.0.0/16");
	t.p[2] = pfx("10.0.0.0/16");
	t.p[3] = pfx("10.0.0.0/13");		/* covers 10.0/16 only */
	t.p[4] = pfx("172.16.0.0/12");
	attach(&t, 0, CONFIG_ATTACH_VGW, 0, 3, 3, 2);
	t.gw[0].n_attachments = 1;
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, want, 2);
	/* No allowed list: the VPC CIDRs (the AWS default). */
	t.at[0].n_allowed_prefixes = 0;
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, all, 3);
	origin_list_fini(&t.out);
}

static void
test_origin_tgw_verbatim(void **state)
{
	static const char *const want[] = { "10.0.0.0/8", "10.0.0.0/24",
	    "192.168.0.0/16" };
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.1.0.0/16");		/* VPC CIDR: never sent */
	t.p[1] = pfx("192.168.0.0/16");
	t.p[2] = pfx("10.0.0.0/8");
	t.p[3] = pfx("10.0.0.0/24");
	attach(&t, 0, CONFIG_ATTACH_TGW, 0, 1, 1, 3);
	t.gw[0].n_attachments = 1;
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, want, 3);
	assert_false(t.out.v[0].has_med);
	origin_list_fini(&t.out);
}

static void
test_origin_tgw_and_vgw(void **state)
{
	static const char *const want[] = { "10.0.0.0/16", "10.200.0.0/16" };
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.0.0.0/16");		/* VGW VPC, allowed /15 */
	t.p[1] = pfx("10.0.0.0/15");
	t.p[2] = pfx("10.200.0.0/16");		/* TGW allowed */
	attach(&t, 0, CONFIG_ATTACH_VGW, 0, 1, 1, 1);
	attach(&t, 1, CONFIG_ATTACH_TGW, 0, 0, 2, 1);
	t.gw[0].n_attachments = 2;
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, want, 2);
	origin_list_fini(&t.out);
}

static void
test_origin_cr_default_custom(void **state)
{
	static const char *const subnets[] = { "10.1.1.0/24", "10.1.2.0/24" };
	static const char *const ranges[] = { "10.1.0.0/16" };
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.1.2.0/24");
	t.p[1] = pfx("10.1.1.0/24");
	t.p[2] = pfx("10.1.0.0/16");
	attach(&t, 2, CONFIG_ATTACH_VPC, 0, 2, 0, 0);
	t.at[2].base_priority = 150;
	t.at[2].advertised_ranges = &t.p[2];
	t.at[2].n_advertised_ranges = 1;
	t.gw[1].n_attachments = 1;
	origin_gateway(&t.c, &t.gw[1], &t.out);
	expect(&t.out, subnets, 2);
	assert_true(t.out.v[0].has_med);
	assert_int_equal(t.out.v[0].med, 150);
	assert_int_equal(t.out.v[1].med, 150);
	t.at[2].advertise_mode = CONFIG_ADV_CUSTOM;
	origin_gateway(&t.c, &t.gw[1], &t.out);
	expect(&t.out, ranges, 1);
	assert_true(t.out.v[0].has_med);
	assert_int_equal(t.out.v[0].med, 150);
	origin_list_fini(&t.out);
}

static void
test_origin_merge_best_med(void **state)
{
	static const char *const want[] = { "10.1.0.0/24", "10.2.0.0/24" };
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.1.0.0/24");
	t.p[1] = pfx("10.2.0.0/24");
	attach(&t, 2, CONFIG_ATTACH_VPC, 0, 2, 0, 0);
	attach(&t, 3, CONFIG_ATTACH_VPC, 0, 1, 0, 0);
	t.at[2].base_priority = 300;
	t.at[3].base_priority = 20;
	t.gw[1].n_attachments = 2;
	origin_gateway(&t.c, &t.gw[1], &t.out);
	expect(&t.out, want, 2);
	assert_int_equal(t.out.v[0].med, 20);
	assert_int_equal(t.out.v[1].med, 300);
	assert_true(origin_route_eq(&t.out.v[0], &t.out.v[0]));
	assert_false(origin_route_eq(&t.out.v[0], &t.out.v[1]));
	origin_list_fini(&t.out);
}

static void
test_origin_ipv6_gating(void **state)
{
	static const char *const v4[] = { "10.200.0.0/16" };
	static const char *const both[] = { "10.200.0.0/16", "2001:db8::/32" };
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.200.0.0/16");
	t.p[1] = pfx("2001:db8::/32");
	attach(&t, 0, CONFIG_ATTACH_TGW, 0, 0, 0, 2);
	t.gw[0].n_attachments = 1;
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, v4, 1);
	t.ic.ipv6 = true;
	origin_gateway(&t.c, &t.gw[0], &t.out);
	expect(&t.out, both, 2);
	/* Per family, for the cap check: */
	t.out.n = 0;
	origin_side(&t.gw[0], AFI_IPV6, &t.out);
	assert_int_equal(t.out.n, 1);
	/* No interconnect names the gateway: nothing at all. */
	t.ic.gateway_a = "other";
	origin_gateway(&t.c, &t.gw[0], &t.out);
	assert_int_equal(t.out.n, 0);
	origin_list_fini(&t.out);
}

static void
test_origin_find(void **state)
{
	struct tc t;

	(void)state;
	fill(&t);
	assert_ptr_equal(origin_find(&t.c, 65000), &t.gw[1]);
	assert_ptr_equal(origin_find(&t.c, 64512), &t.gw[0]);
	assert_null(origin_find(&t.c, 1));
}

/* capfit counts what is originated: filtered-out VGW CIDRs do not count. */
static void
test_origin_capfit_counts_filter(void **state)
{
	static struct prefix many[6000];
	char err[512], buf[64];
	struct tc t;
	int i;

	(void)state;
	fill(&t);
	for (i = 0; i < 6000; i++) {
		snprintf(buf, sizeof(buf), "10.%d.%d.0/24", 64 + i / 256,
		    i % 256);
		many[i] = pfx(buf);
	}
	t.p[0] = pfx("10.0.0.0/24");		/* covers none of them */
	t.at[0] = (struct config_attachment){ .name = "vgw",
	    .kind = CONFIG_ATTACH_VGW, .prefixes = many, .n_prefixes = 6000,
	    .allowed_prefixes = &t.p[0], .n_allowed_prefixes = 1 };
	t.gw[0].n_attachments = 1;
	assert_int_equal(capfit_check(&t.c, err, sizeof(err)), 0);
	/* Allowed 10.0.0.0/1 covers all 6000: over the 5000 cap. */
	t.p[0] = pfx("0.0.0.0/1");
	assert_int_equal(capfit_check(&t.c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "dxgw1 advertises too many IPv4"));
}

/* Prefix set i named name: the one entry text, mask lengths lo..hi. */
static void
pset(struct tc *t, int i, char *name, const char *text, uint8_t lo,
    uint8_t hi)
{
	t->pe[i].prefix = pfx(text);
	t->pe[i].len_lower = lo;
	t->pe[i].len_upper = hi;
	t->ps[i].name = name;
	t->ps[i].v = &t->pe[i];
	t->ps[i].n = 1;
	if (t->c.policy.n_prefix_sets < (size_t)i + 1)
		t->c.policy.n_prefix_sets = (size_t)i + 1;
}

/* Policy i named name, one statement: returned for its conditions and
 * actions. */
static struct config_statement *
policy(struct tc *t, int i, char *name)
{
	t->st[i].name = "s";
	t->pol[i].name = name;
	t->pol[i].statements = &t->st[i];
	t->pol[i].n_statements = 1;
	if (t->c.policy.n_policies < (size_t)i + 1)
		t->c.policy.n_policies = (size_t)i + 1;
	return &t->st[i];
}

/* Attachment i's import chain: the one policy name (NULL: empty). */
static void
imports(struct tc *t, int i, char *name)
{
	t->chain[i][0] = name;
	t->at[i].apply_policy.import_policy.v = t->chain[i];
	t->at[i].apply_policy.import_policy.n = name != NULL;
}

/* Compile t's policies and run origin_apply() for gateway gw. */
static int
apply(struct tc *t, int gw)
{
	struct origin_env env;
	struct compile_err ce;

	if (t->attrs == NULL)
		t->attrs = attr_table_new();
	policy_db_free(t->db);
	t->db = compile_policies(&t->c, NULL, &ce);
	if (t->db == NULL)
		printf("# compile: %s\n", ce.msg);
	assert_non_null(t->db);
	env.db = t->db;
	env.attrs = t->attrs;
	env.peer_id = 7;
	env.own_as = t->gw[gw].asn;
	memset(&ce, 0, sizeof(ce));
	return origin_apply(&t->c, &t->gw[gw], &env, &t->paths, &ce);
}

/* t->paths holds exactly the prefixes texts[0..n), in order. */
static void
expect_paths(const struct tc *t, const char *const *texts, size_t n)
{
	char buf[PREFIX_STRLEN];
	size_t i;

	assert_int_equal(t->paths.n, n);
	for (i = 0; i < n; i++) {
		prefix_print(&t->paths.v[i].prefix, buf, sizeof(buf));
		assert_string_equal(buf, texts[i]);
	}
}

/* The set of prefix text in t->paths (it must be there). */
static const struct attrs *
path_attrs(const struct tc *t, const char *text)
{
	struct prefix p = pfx(text);
	size_t i;

	for (i = 0; i < t->paths.n; i++)
		if (prefix_eq(&t->paths.v[i].prefix, &p))
			return t->paths.v[i].attrs;
	fail_msg("%s is not originated", text);
	return NULL;
}

/* Release t's policy state; every interned set must be gone. */
static void
unapply(struct tc *t)
{
	origin_paths_fini(&t->paths, t->attrs);
	assert_int_equal(attr_table_count(t->attrs), 0);
	attr_table_free(t->attrs);
	policy_db_free(t->db);
}

static void
test_origin_policy_reject_pset(void **state)
{
	static const char *const all[] = { "10.200.0.0/16", "10.201.0.0/16",
	    "10.202.0.0/24" };
	static const char *const want[] = { "10.200.0.0/16", "10.202.0.0/24" };
	struct config_statement *st;
	const struct attrs *a;
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.200.0.0/16");
	t.p[1] = pfx("10.201.0.0/16");
	t.p[2] = pfx("10.202.0.0/24");
	attach(&t, 0, CONFIG_ATTACH_TGW, 0, 0, 0, 3);
	t.gw[0].n_attachments = 1;
	/* No chain: every allowed prefix, as origin_gateway() lists them. */
	assert_int_equal(apply(&t, 0), 0);
	expect_paths(&t, all, 3);
	pset(&t, 0, "deny", "10.201.0.0/16", 16, 16);
	st = policy(&t, 0, "drop");
	st->conditions.prefix_set.set = "deny";
	st->actions.result = CONFIG_RESULT_REJECT;
	imports(&t, 0, "drop");
	assert_int_equal(apply(&t, 0), 0);
	expect_paths(&t, want, 2);
	a = path_attrs(&t, "10.200.0.0/16");
	assert_int_equal(a->flags, ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH);
	assert_int_equal(a->origin, ORIGIN_IGP);
	assert_int_equal(blob_bytes(a->aspath).len, 0);
	assert_int_equal(t.paths.v[0].att, 0);
	unapply(&t);
}

static void
test_origin_policy_med_community(void **state)
{
	static const char *const want[] = { "10.128.0.0/20", "10.129.0.0/20",
	    "10.130.0.0/24" };
	struct config_statement *st;
	const struct attrs *a;
	struct bytes cb;
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.128.0.0/20");
	t.p[1] = pfx("10.129.0.0/20");
	t.p[2] = pfx("10.130.0.0/24");
	attach(&t, 2, CONFIG_ATTACH_VPC, 0, 3, 0, 0);
	t.gw[1].n_attachments = 1;
	/* 10.128.0.0/15 le 20: the two /20s, not the /24 (nor the /15). */
	pset(&t, 0, "some", "10.128.0.0/15", 15, 20);
	st = policy(&t, 0, "tag");
	st->conditions.prefix_set.set = "some";
	st->actions.med_op = CONFIG_MED_SET;
	st->actions.med = 50;
	t.comm[0].text = "65000:7";
	t.comm[0].val.std = 65000u << 16 | 7;
	st->actions.set_community.op = CONFIG_COMM_OP_ADD;
	st->actions.set_community.v = t.comm;
	st->actions.set_community.n = 1;
	t.chain[2][0] = "tag";
	t.at[2].apply_policy.import_policy.v = t.chain[2];
	t.at[2].apply_policy.import_policy.n = 1;
	assert_int_equal(apply(&t, 1), 0);
	expect_paths(&t, want, 3);
	a = path_attrs(&t, "10.128.0.0/20");
	assert_int_equal(a->med, 50);
	cb = blob_bytes(a->comms);
	assert_int_equal(cb.len, 4);
	assert_memory_equal(cb.p, "\xfd\xe8\x00\x07", 4);
	assert_ptr_equal(path_attrs(&t, "10.129.0.0/20"), a);
	a = path_attrs(&t, "10.130.0.0/24");
	assert_true(a->flags & ATTRS_HAS_MED);
	assert_int_equal(a->med, 100);		/* the base priority */
	assert_int_equal(blob_bytes(a->comms).len, 0);
	unapply(&t);
}

static void
test_origin_policy_default_reject(void **state)
{
	static const char *const want[] = { "10.200.0.0/16" };
	struct config_statement *st;
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.200.0.0/16");
	t.p[1] = pfx("10.201.0.0/16");
	attach(&t, 0, CONFIG_ATTACH_TGW, 0, 0, 0, 2);
	t.gw[0].n_attachments = 1;
	t.at[0].apply_policy.default_import = CONFIG_REJECT_ROUTE;
	/* Nothing accepts: nothing is originated. */
	assert_int_equal(apply(&t, 0), 0);
	assert_int_equal(t.paths.n, 0);
	/* A statement accepting 10.200.0.0/16; the rest falls off. */
	pset(&t, 0, "ok", "10.200.0.0/16", 16, 16);
	st = policy(&t, 0, "only");
	st->conditions.prefix_set.set = "ok";
	st->actions.result = CONFIG_RESULT_ACCEPT;
	imports(&t, 0, "only");
	assert_int_equal(apply(&t, 0), 0);
	expect_paths(&t, want, 1);
	/* A policy without a result does not accept: still the default. */
	st->actions.result = CONFIG_RESULT_NONE;
	assert_int_equal(apply(&t, 0), 0);
	assert_int_equal(t.paths.n, 0);
	unapply(&t);
}

/* Two attachments of gateway A send 10.0.0.0/16 (TGW and core network). */
static void
test_origin_policy_merge(void **state)
{
	static const char *const want[] = { "10.0.0.0/16" };
	struct config_statement *st;
	const struct attrs *a;
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.0.0.0/16");
	attach(&t, 0, CONFIG_ATTACH_TGW, 0, 0, 0, 1);
	attach(&t, 1, CONFIG_ATTACH_CORE_NETWORK, 0, 1, 0, 0);
	t.gw[0].n_attachments = 2;
	assert_int_equal(apply(&t, 0), 0);
	expect_paths(&t, want, 1);
	assert_int_equal(t.paths.v[0].att, 0);	/* equal: the first */
	/* Attachment 0 rejects it: attachment 1's copy stays. */
	st = policy(&t, 0, "drop");
	st->actions.result = CONFIG_RESULT_REJECT;
	imports(&t, 0, "drop");
	assert_int_equal(apply(&t, 0), 0);
	expect_paths(&t, want, 1);
	assert_int_equal(t.paths.v[0].att, 1);
	/* Attachment 1 prepends: the shorter path of attachment 0 wins. */
	st->actions.result = CONFIG_RESULT_NONE;
	st = policy(&t, 1, "prepend");
	st->actions.has_prepend = true;
	st->actions.prepend_repeat = 2;
	imports(&t, 1, "prepend");
	assert_int_equal(apply(&t, 0), 0);
	assert_int_equal(t.paths.v[0].att, 0);
	/* ...unless it also raises LOCAL_PREF (compared first). */
	st->actions.has_local_pref = true;
	st->actions.local_pref = 200;
	assert_int_equal(apply(&t, 0), 0);
	expect_paths(&t, want, 1);
	assert_int_equal(t.paths.v[0].att, 1);
	a = t.paths.v[0].attrs;
	assert_int_equal(a->local_pref, 200);
	assert_int_equal(a->aslen, 2);		/* own AS twice */
	unapply(&t);
}

static void
test_origin_policy_route_is_local(void **state)
{
	struct config_statement *st;
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.200.0.0/16");
	attach(&t, 0, CONFIG_ATTACH_TGW, 0, 0, 0, 1);
	t.gw[0].n_attachments = 1;
	st = policy(&t, 0, "local");
	st->conditions.route_type = CONFIG_ROUTE_LOCAL;
	st->actions.med_op = CONFIG_MED_SET;
	st->actions.med = 7;
	imports(&t, 0, "local");
	assert_int_equal(apply(&t, 0), 0);
	assert_int_equal(path_attrs(&t, "10.200.0.0/16")->med, 7);
	st->conditions.route_type = CONFIG_ROUTE_EXTERNAL;
	assert_int_equal(apply(&t, 0), 0);
	assert_false(path_attrs(&t, "10.200.0.0/16")->flags & ATTRS_HAS_MED);
	unapply(&t);
}

/* A chain naming an unknown policy fails its attachment, not the rest. */
static void
test_origin_policy_unknown(void **state)
{
	static const char *const want[] = { "10.2.0.0/16" };
	struct origin_env env;
	struct compile_err ce;
	struct tc t;

	(void)state;
	fill(&t);
	t.p[0] = pfx("10.1.0.0/16");
	t.p[1] = pfx("10.2.0.0/16");
	attach(&t, 0, CONFIG_ATTACH_TGW, 0, 0, 0, 1);
	attach(&t, 1, CONFIG_ATTACH_TGW, 0, 0, 1, 1);
	t.at[0].name = "bad";
	t.gw[0].n_attachments = 2;
	imports(&t, 0, "nope");
	t.attrs = attr_table_new();
	memset(&env, 0, sizeof(env));
	env.attrs = t.attrs;		/* no db at all */
	memset(&ce, 0, sizeof(ce));
	assert_int_equal(origin_apply(&t.c, &t.gw[0], &env, &t.paths, &ce),
	    -1);
	assert_string_equal(ce.msg,
	    "attachment bad: import-policy \"nope\" is not defined");
	expect_paths(&t, want, 1);
	/* The same against a compiled db that lacks it. */
	assert_int_equal(apply(&t, 0), -1);
	expect_paths(&t, want, 1);
	unapply(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_origin_vgw_filter),
		cmocka_unit_test(test_origin_vgw_some_cidrs),
		cmocka_unit_test(test_origin_tgw_verbatim),
		cmocka_unit_test(test_origin_tgw_and_vgw),
		cmocka_unit_test(test_origin_cr_default_custom),
		cmocka_unit_test(test_origin_merge_best_med),
		cmocka_unit_test(test_origin_ipv6_gating),
		cmocka_unit_test(test_origin_find),
		cmocka_unit_test(test_origin_capfit_counts_filter),
		cmocka_unit_test(test_origin_policy_reject_pset),
		cmocka_unit_test(test_origin_policy_med_community),
		cmocka_unit_test(test_origin_policy_default_reject),
		cmocka_unit_test(test_origin_policy_merge),
		cmocka_unit_test(test_origin_policy_route_is_local),
		cmocka_unit_test(test_origin_policy_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
