/*
 * Tests for bgpd/intent.c: an interconnect with four links becomes four
 * IPv4 neighbours (plus four IPv6 ones with ipv6) with the link profile of
 * SPEC.md 2.1, addresses from the subnets, the right side's AS, limits and
 * policy attach point; down links and foreign interconnects give none.
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
	c->gateways[1].name = xstrdup("cr1");
	c->gateways[1].role = CONFIG_GW_CLOUD_ROUTER;
	c->gateways[1].asn = 65000;
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
		const struct config_neighbor *nb = &in.v[i].nb;
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
		assert_null(in.v[i].policy);
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
	c->gateways[1].apply_policy.default_export = CONFIG_ACCEPT_ROUTE;
	assert_int_equal(intent_derive(c, 65000, &in), 0);
	assert_int_equal(in.n, 6);
	addr_is(&in.v[0].nb.address, "169.254.10.1");
	addr_is(&in.v[0].nb.local_address, "169.254.10.2");
	addr_is(&in.v[1].nb.address, "fd20::1");
	addr_is(&in.v[1].nb.local_address, "fd20::2");
	assert_int_equal(in.v[1].nb.afi_safis[0].afi, AFI_IPV6);
	assert_int_equal(in.v[0].nb.remote_as, 64512);
	assert_int_equal(in.v[0].nb.profile, CONFIG_PROFILE_CLOUD_ROUTER);
	assert_int_equal(in.v[0].nb.afi_safis[0].max_prefix, 5000);
	assert_int_equal(in.v[0].nb.afi_safis[0].max_prefix_action,
	    CONFIG_MAXPFX_RESTART);
	assert_ptr_equal(in.v[0].policy, &c->gateways[1].apply_policy);
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
	c->interconnects[0].admin_up = false;
	assert_int_equal(intent_derive(c, 64512, &in), 0);
	assert_int_equal(in.n, 0);
	free(c->interconnects[0].router_b);
	c->interconnects[0].router_b = xstrdup("nope");
	assert_int_equal(intent_derive(c, 64512, &in), -1);
	config_free(c);
}

static void
test_host(void **state)
{
	struct prefix p;
	struct addr a;

	(void)state;
	assert_int_equal(prefix_parse("169.254.1.252/30", &p, true), 0);
	assert_int_equal(intent_host(&p, 2, &a), 0);
	addr_is(&a, "169.254.1.254");
	assert_int_equal(intent_host(&p, 4, &a), -1);
	assert_int_equal(prefix_parse("10.0.0.255/32", &p, true), 0);
	assert_int_equal(intent_host(&p, 1, &a), -1);
	assert_int_equal(prefix_parse("10.0.0.0/24", &p, true), 0);
	assert_int_equal(intent_host(&p, 255, &a), 0);
	addr_is(&a, "10.0.0.255");
	assert_int_equal(prefix_parse("fd20::ff:fff8/125", &p, true), 0);
	assert_int_equal(intent_host(&p, 7, &a), 0);
	addr_is(&a, "fd20::ff:ffff");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_four_links_side_a),
		cmocka_unit_test(test_side_b_and_ipv6),
		cmocka_unit_test(test_foreign_and_down),
		cmocka_unit_test(test_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
