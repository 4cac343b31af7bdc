/*
 * Tests for bgpd/intent.c (over yang/derive.c): an interconnect with four
 * links becomes four IPv4 neighbours (plus four IPv6 ones with ipv6) with
 * the link profile of SPEC.md 2.1, addresses from the subnets, the right
 * side's AS, limits and policy chain, grouped by interconnect; down links,
 * down interconnects and foreign ASes give none; the shipped example
 * configuration goes through the real YANG loader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bgpd/intent.h"
#include "lib/xmalloc.h"
#include "yang/load.h"

static struct config *
cfg_build(bool ipv6)
{
	struct config *c = config_new();
	struct config_interconnect *ic;
	unsigned i;

	c->n_gateways = 2;
	c->gateways = xcalloc(2, sizeof(*c->gateways));
	c->gateways[0].name = xstrdup("dxgw1");
	c->gateways[0].role = CONFIG_GW_DXGW;
	c->gateways[0].asn = 64512;
	c->gateways[0].profile = CONFIG_PROFILE_DX;
	c->gateways[1].name = xstrdup("cr1");
	c->gateways[1].role = CONFIG_GW_CLOUD_ROUTER;
	c->gateways[1].asn = 65000;
	c->gateways[1].profile = CONFIG_PROFILE_CLOUD_ROUTER;
	c->n_interconnects = 1;
	c->interconnects = ic = xcalloc(1, sizeof(*ic));
	ic->name = xstrdup("ic1");
	ic->gateway_a = xstrdup("dxgw1");
	ic->router_b = xstrdup("cr1");
	ic->admin_up = true;
	ic->ipv6 = ipv6;
	ic->n_links = 4;
	ic->links = xcalloc(4, sizeof(*ic->links));
	for (i = 0; i < 4; i++) {
		struct config_link *l = &ic->links[i];
		char buf[64];

		l->id = (uint8_t)(i + 1);
		l->admin_up = true;
		snprintf(buf, sizeof(buf), "169.254.%u.0/30", 10 + i);
		assert_int_equal(prefix_parse(buf, &l->ipv4_subnet, true), 0);
		snprintf(buf, sizeof(buf), "fd20::%x/125", i * 8);
		assert_int_equal(prefix_parse(buf, &l->ipv6_subnet, true), 0);
		snprintf(buf, sizeof(buf), "key-%u", i + 1);
		l->md5_key = xstrdup(buf);
	}
	return c;
}

static void
addr_is(const struct addr *a, const char *text)
{
	char buf[ADDR_STRLEN];

	assert_string_equal(addr_print(a, buf, sizeof(buf)), text);
}

static void
test_four_links_side_a(void **state)
{
	struct config *c = cfg_build(false);
	struct intent in;
	unsigned i;

	(void)state;
	assert_int_equal(intent_derive(c, 64512, &in), 0);
	assert_int_equal(in.n, 4);
	for (i = 0; i < 4; i++) {
		const struct config_neighbor *nb = in.v[i].nb;
		char want[32];

		snprintf(want, sizeof(want), "169.254.%u.2", 10 + i);
		addr_is(&nb->address, want);
		snprintf(want, sizeof(want), "169.254.%u.1", 10 + i);
		addr_is(&nb->local_address, want);
		assert_int_equal(nb->remote_as, 65000);
		assert_int_equal(nb->hold_time, 60);
		assert_int_equal(nb->keepalive, 20);
		assert_int_equal(nb->connect_retry, 5);
		assert_int_equal(nb->ttl, 1);
		assert_false(nb->ttl_security);
		assert_true(nb->graceful_restart);
		assert_int_equal(nb->profile, CONFIG_PROFILE_DX);
		assert_int_equal(nb->n_afi_safis, 1);
		assert_int_equal(nb->afi_safis[0].max_prefix, 100);
		assert_int_equal(nb->afi_safis[0].max_prefix_action,
		    CONFIG_MAXPFX_IDLE);
		assert_int_equal(nb->afi_safis[0].max_prefix_restart, 300);
		snprintf(want, sizeof(want), "key-%u", i + 1);
		assert_string_equal(nb->md5_key, want);
		assert_int_equal(in.v[i].group, 1);
		assert_int_equal(in.v[i].link_id, i + 1);
		assert_int_equal(in.v[i].policy->export_policy.n, 0);
	}
	intent_fini(&in);
	assert_int_equal(in.n, 0);
	config_free(c);
}

static void
test_side_b_and_ipv6(void **state)
{
	struct config *c = cfg_build(true);
	struct intent in;

	(void)state;
	c->interconnects[0].links[2].admin_up = false;
	c->gateways[1].apply_policy.export_policy.n = 1;
	c->gateways[1].apply_policy.export_policy.v = xcalloc(1, sizeof(char *));
	c->gateways[1].apply_policy.export_policy.v[0] = xstrdup("out-b");
	assert_int_equal(intent_derive(c, 65000, &in), 0);
	assert_int_equal(in.n, 6);
	addr_is(&in.v[0].nb->address, "169.254.10.1");
	addr_is(&in.v[0].nb->local_address, "169.254.10.2");
	addr_is(&in.v[1].nb->address, "fd20::1");
	addr_is(&in.v[1].nb->local_address, "fd20::2");
	assert_int_equal(in.v[1].nb->afi_safis[0].afi, AFI_IPV6);
	assert_int_equal(in.v[0].nb->remote_as, 64512);
	assert_int_equal(in.v[0].nb->profile, CONFIG_PROFILE_CLOUD_ROUTER);
	assert_int_equal(in.v[0].nb->afi_safis[0].max_prefix, 5000);
	assert_int_equal(in.v[0].nb->afi_safis[0].max_prefix_action,
	    CONFIG_MAXPFX_RESTART);
	/* The chain is the link's, the interconnect's, the gateway's. */
	assert_int_equal(in.v[0].policy->export_policy.n, 1);
	assert_string_equal(in.v[0].policy->export_policy.v[0], "out-b");
	/* Link 3 is down: links 1, 2, 4 remain. */
	assert_int_equal(in.v[4].link_id, 4);
	intent_fini(&in);
	config_free(c);
}

static void
test_foreign_and_down(void **state)
{
	struct config *c = cfg_build(false);
	struct intent in;

	(void)state;
	assert_int_equal(intent_derive(c, 65999, &in), 0);
	assert_int_equal(in.n, 0);
	intent_fini(&in);
	c->interconnects[0].admin_up = false;
	assert_int_equal(intent_derive(c, 64512, &in), 0);
	assert_int_equal(in.n, 0);
	intent_fini(&in);
	config_free(c);
}

/* The shipped example through the real YANG loader (yang/examples). */
static void
test_example_config(void **state)
{
	const char *src = getenv("XR_SRCDIR");
	char dir[512], path[600];
	struct cfgerr err = { 0 };
	struct config *c = NULL;
	struct schema *sc;
	struct intent in;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/yang", src != NULL ? src : "..");
	snprintf(path, sizeof(path), "%s/examples/interconnect.json", dir);
	sc = schema_new(dir, &err);
	assert_non_null(sc);
	assert_int_equal(load_file(sc, path, &c, NULL, &err), 0);
	assert_int_equal(intent_derive(c, 64512, &in), 0);
	/* Four links, IPv6 on: an IPv4 and an IPv6 session per link. */
	assert_int_equal(in.n, 8);
	addr_is(&in.v[0].nb->address, "169.254.10.2");
	addr_is(&in.v[0].nb->local_address, "169.254.10.1");
	assert_string_equal(in.v[0].nb->md5_key,
	    "k1-0123456789abcdef0123456789abcd");
	assert_int_equal(in.v[1].nb->address.afi, AFI_IPV6);
	assert_true(in.v[7].drained);
	assert_int_equal(in.v[0].nb->remote_as, 65000);
	/* The gateway's apply-policy is the attach point (export-aws). */
	assert_non_null(in.v[0].policy);
	assert_int_equal(in.v[0].policy->export_policy.n, 1);
	intent_fini(&in);
	config_free(c);
	schema_free(sc);
	cfgerr_fini(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_four_links_side_a),
		cmocka_unit_test(test_side_b_and_ipv6),
		cmocka_unit_test(test_foreign_and_down),
		cmocka_unit_test(test_example_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
