/*
 * Unit tests for policy/capfit.c: the Cloud Router side's subnets or
 * custom ranges towards the DX side under 100 per family, helped by the
 * summarize actions of the export policies of that side's sessions (link,
 * interconnect, gateway) and by the speaker's own global aggregates; the
 * error names the interconnect, side, family and the left-out prefixes,
 * deterministically; IPv6 counts only with ipv6 on; compile_policies()
 * refuses such a configuration.
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

#define NSUB 150

/* One interconnect ic1 between dxgw1 (64512) and cr1 (65000). */
struct tc {
	struct config c;
	struct config_gateway gw[2];
	struct config_attachment at[2];
	struct config_interconnect ic;
	struct config_link link[2];
	struct config_policy pol;
	struct config_statement st;
	struct config_aggregate agg;
	struct prefix sub4[NSUB], sub6[NSUB], ranges[2], allowed[1];
	char *names[1];
	char err[512];
};

static void
pfx(struct prefix *p, const char *text)
{
	assert_int_equal(prefix_parse(text, p, true), 0);
}

static void
fill(struct tc *t)
{
	char buf[64];
	int i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < NSUB; i++) {
		snprintf(buf, sizeof(buf), "10.1.%d.0/24", i);
		pfx(&t->sub4[i], buf);
		snprintf(buf, sizeof(buf), "fd20:%x::/48", i);
		pfx(&t->sub6[i], buf);
	}
	t->gw[0] = (struct config_gateway){ .name = "dxgw1",
	    .role = CONFIG_GW_DXGW, .asn = 64512, .attachments = &t->at[0],
	    .n_attachments = 1 };
	t->gw[1] = (struct config_gateway){ .name = "cr1",
	    .role = CONFIG_GW_CLOUD_ROUTER, .asn = 65000,
	    .attachments = &t->at[1], .n_attachments = 1 };
	pfx(&t->allowed[0], "10.200.0.0/16");
	t->at[0] = (struct config_attachment){ .name = "tgw",
	    .kind = CONFIG_ATTACH_TGW, .allowed_prefixes = t->allowed,
	    .n_allowed_prefixes = 1 };
	t->at[1] = (struct config_attachment){ .name = "vpc",
	    .kind = CONFIG_ATTACH_VPC, .prefixes = t->sub4,
	    .n_prefixes = NSUB };
	pfx(&t->ranges[0], "10.1.0.0/16");
	pfx(&t->ranges[1], "10.2.0.0/16");
	t->link[0].id = 1;
	t->link[1].id = 2;
	t->ic = (struct config_interconnect){ .name = "ic1",
	    .gateway_a = "dxgw1", .router_b = "cr1", .links = t->link,
	    .n_links = 2 };
	/* Policy "sum": summarize 10.1.0.0/16; applied nowhere yet. */
	t->st.name = "s";
	t->st.actions.summarize.present = true;
	pfx(&t->st.actions.summarize.prefix, "10.1.0.0/16");
	t->pol = (struct config_policy){ "sum", &t->st, 1 };
	t->c.policy.policies = &t->pol;
	t->c.policy.n_policies = 1;
	t->names[0] = "sum";
	t->c.gateways = t->gw;
	t->c.n_gateways = 2;
	t->c.interconnects = &t->ic;
	t->c.n_interconnects = 1;
}

static const struct config_names *
sum_names(struct tc *t)
{
	static struct config_names n;

	n.v = t->names;
	n.n = 1;
	return &n;
}

static void
test_capfit_over_and_named(void **state)
{
	struct tc t;
	char first[512];

	(void)state;
	fill(&t);
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), -1);
	/* 150 /24s, cap 100: the 50 highest addresses are left out. */
	assert_non_null(strstr(t.err, "interconnect ic1: cr1 advertises too "
	    "many IPv4 prefixes towards dxgw1 (cap 100 per session) even "
	    "after summarisation; left out (50): 10.1.100.0/24 "
	    "10.1.101.0/24"));
	assert_null(strstr(t.err, "10.1.99.0/24"));
	assert_non_null(strstr(t.err, " more)"));
	assert_true(strlen(t.err) < sizeof(t.err));
	snprintf(first, sizeof(first), "%s", t.err);
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), -1);
	assert_string_equal(first, t.err);
	/* Exactly the cap fits. */
	t.at[1].n_prefixes = 100;
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
}

/* The summarize of an export policy of B's sessions makes it fit. */
static void
test_capfit_summaries(void **state)
{
	struct tc t;

	(void)state;
	fill(&t);
	t.gw[1].apply_policy.export_policy = *sum_names(&t);
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
	/* On A's chain it does not help B. */
	memset(&t.gw[1].apply_policy, 0, sizeof(t.gw[1].apply_policy));
	t.gw[0].apply_policy.export_policy = *sum_names(&t);
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), -1);
	/* A link's and the interconnect's apply-policy count. */
	memset(&t.gw[0].apply_policy, 0, sizeof(t.gw[0].apply_policy));
	t.link[1].apply_policy.export_policy = *sum_names(&t);
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
	memset(&t.link[1].apply_policy, 0, sizeof(t.link[1].apply_policy));
	t.ic.apply_policy.export_policy = *sum_names(&t);
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
	/* A summary that covers only part: 10.1.0.0/17 (128 /24s) helps. */
	memset(&t.ic.apply_policy, 0, sizeof(t.ic.apply_policy));
	pfx(&t.agg.prefix, "10.1.0.0/17");
	t.agg.mode = CONFIG_AGG_SUMMARY_ONLY;
	t.c.bgp.present = true;
	t.c.bgp.aggregates = &t.agg;
	t.c.bgp.n_aggregates = 1;
	t.c.bgp.asn = 64512;		/* the speaker is A: not B's */
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), -1);
	t.c.bgp.asn = 65000;		/* the speaker is B */
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
	t.agg.mode = CONFIG_AGG_ORIGINATE;	/* no contributor tracking */
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), -1);
}

/* Custom mode advertises the ranges, not the subnets. */
static void
test_capfit_custom_ranges(void **state)
{
	struct tc t;

	(void)state;
	fill(&t);
	t.at[1].advertise_mode = CONFIG_ADV_CUSTOM;
	t.at[1].advertised_ranges = t.ranges;
	t.at[1].n_advertised_ranges = 2;
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
	t.at[1].advertised_ranges = t.sub4;
	t.at[1].n_advertised_ranges = NSUB;
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), -1);
}

/* IPv6 is counted per family and only with ipv6 on. */
static void
test_capfit_ipv6(void **state)
{
	struct tc t;

	(void)state;
	fill(&t);
	t.at[1].prefixes = t.sub6;
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
	t.ic.ipv6 = true;
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), -1);
	assert_non_null(strstr(t.err, "IPv6 prefixes towards dxgw1"));
	assert_non_null(strstr(t.err, "left out (50): fd20:64::/48"));
}

/* A's side: the TGW's allowed prefixes, far under the Google cap. */
static void
test_capfit_a_side(void **state)
{
	struct tc t;

	(void)state;
	fill(&t);
	t.at[1].n_prefixes = 1;
	t.at[0].allowed_prefixes = t.sub4;
	t.at[0].n_allowed_prefixes = NSUB;
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
	/* Unknown gateways are left to the YANG validation. */
	t.ic.router_b = "nope";
	t.at[1].n_prefixes = NSUB;
	assert_int_equal(capfit_check(&t.c, t.err, sizeof(t.err)), 0);
}

/* compile_policies() refuses the configuration with that message. */
static void
test_capfit_compile(void **state)
{
	struct compile_err err;
	struct policy_db *db;
	struct tc t;

	(void)state;
	fill(&t);
	db = compile_policies(&t.c, NULL, &err);
	assert_null(db);
	assert_non_null(strstr(err.msg, "interconnect ic1: cr1 advertises"));
	t.gw[1].apply_policy.export_policy = *sum_names(&t);
	db = compile_policies(&t.c, NULL, &err);
	assert_non_null(db);
	policy_db_free(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capfit_over_and_named),
		cmocka_unit_test(test_capfit_summaries),
		cmocka_unit_test(test_capfit_custom_ranges),
		cmocka_unit_test(test_capfit_ipv6),
		cmocka_unit_test(test_capfit_a_side),
		cmocka_unit_test(test_capfit_compile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
