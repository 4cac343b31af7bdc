/*
 * Unit tests for yang/config.c and yang/cfgerr.c: defaults of a new
 * configuration, free of NULL, lookups by name and address, and the error
 * list (append, search by path suffix and text, reset).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/yang/yhelp.h"

static void
test_config_new_free(void **state)
{
	struct config *c = config_new();

	(void)state;
	assert_false(c->bgp.present);
	assert_int_equal(c->bgp.max_paths, CONFIG_MAX_PATHS);
	assert_null(config_policy_lookup(c, "x"));
	config_free(c);
	config_free(NULL);
}

static void
test_config_lookups(void **state)
{
	struct schema *s = yhelp_schema();
	struct config *c = yhelp_load(s, "yang/examples/plain-bgp.json");
	struct config *ic = yhelp_load(s, "yang/examples/interconnect.json");
	struct addr a;

	(void)state;
	assert_int_equal(addr_parse("2001:db8::2", &a), 0);
	assert_int_equal(config_neighbor_lookup(c, &a)->remote_as, 64498);
	assert_int_equal(addr_parse("2001:db8::3", &a), 0);
	assert_null(config_neighbor_lookup(c, &a));
	assert_string_equal(config_policy_lookup(c, "own-out")->name,
	    "own-out");
	assert_non_null(config_prefix_set_lookup(c, "own"));
	assert_null(config_prefix_set_lookup(c, "none"));
	assert_non_null(config_community_set_lookup(c, CONFIG_COMM_STANDARD,
	    "blackhole"));
	assert_null(config_community_set_lookup(c, CONFIG_COMM_LARGE,
	    "blackhole"));
	assert_non_null(config_neighbor_set_lookup(ic, "link1-peers"));
	assert_non_null(config_as_path_set_lookup(ic, "from-google"));
	assert_non_null(config_link_set_lookup(ic, "facility-1"));
	assert_int_equal(config_gateway_lookup(ic, "cr-use4")->asn, 65000);
	assert_int_equal(config_interconnect_lookup(ic, "ic1")->n_links, 4);
	assert_null(config_interconnect_lookup(ic, "ic2"));
	config_free(c);
	config_free(ic);
	schema_free(s);
}

static void
test_cfgerr(void **state)
{
	struct cfgerr e = { 0 };

	(void)state;
	cfgerr_add(&e, "/a/b[name='x']/vlan", "VLAN %u is reserved", 7u);
	cfgerr_add(&e, NULL, "no path");
	assert_int_equal(e.n, 2);
	assert_string_equal(e.v[0].msg, "VLAN 7 is reserved");
	assert_string_equal(e.v[1].path, "");
	assert_ptr_equal(cfgerr_lookup(&e, "[name='x']/vlan", "reserved"),
	    &e.v[0]);
	assert_null(cfgerr_lookup(&e, "/vlan", "absent"));
	assert_null(cfgerr_lookup(&e, "/longer/a/b[name='x']/vlan", NULL));
	assert_ptr_equal(cfgerr_lookup(&e, NULL, "no path"), &e.v[1]);
	cfgerr_fini(&e);
	assert_int_equal(e.n, 0);
	assert_null(e.v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_new_free),
		cmocka_unit_test(test_config_lookups),
		cmocka_unit_test(test_cfgerr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
