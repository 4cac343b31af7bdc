/*
 * Unit tests for policy/origin.c: what a gateway originates from its
 * attachments. SPEC 2.2 VGW filter cases (allowed /15 covers VPC /16: the
 * /16 is sent; allowed /24 inside it: nothing; no allowed list: every
 * CIDR), TGW allowed prefixes verbatim and never its VPC CIDRs, Cloud
 * Router default mode (subnets) and custom mode (ranges) with the base
 * priority as MED, IPv6 only when an interconnect of the gateway carries
 * it, nothing for a gateway without interconnect, duplicates merged to
 * the best MED, and the capfit count following the VGW filter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "policy/capfit.h"
#include "policy/origin.h"

/* gw[0] dxgw1 (64512), gw[1] cr1 (65000), one interconnect between. */
struct tc {
	struct config c;
	struct config_gateway gw[2];
	struct config_attachment at[4];
	struct config_interconnect ic;
	struct prefix p[16];
	struct origin_list out;
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
