/*
 * Unit tests for yang/derive.c: the sessions each side derives from the
 * example interconnect (count, addresses, link profile of SPEC.md 2.1,
 * per-side prefix limits, policy chain order) and subnet host numbering.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/yang/yhelp.h"
#include "yang/derive.h"

#define IC "yang/examples/interconnect.json"

static const char *
addr_text(const struct addr *a, char *buf)
{
	return addr_print(a, buf, ADDR_STRLEN);
}

static void
test_derive_side_a(void **state)
{
	struct schema *s = yhelp_schema();
	struct config *c = yhelp_load(s, IC);
	struct derive_list l;
	const struct derive_neighbor *d;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(derive_links(c, "dxgw1", &l), 0);
	/* 4 links, IPv4 and IPv6 sessions each (no MP-BGP on the A side). */
	assert_int_equal(l.n, 8);
	d = &l.v[0];
	assert_string_equal(addr_text(&d->nb.address, buf), "169.254.10.2");
	assert_string_equal(addr_text(&d->nb.local_address, buf),
	    "169.254.10.1");
	assert_int_equal(d->nb.remote_as, 65000);
	assert_int_equal(d->local_as, 64512);
	assert_int_equal(d->nb.hold_time, 60);
	assert_int_equal(d->nb.keepalive, 20);
	assert_int_equal(d->nb.connect_retry, 5);
	assert_int_equal(d->nb.ttl, 1);
	assert_false(d->nb.ttl_security);
	assert_string_equal(d->nb.md5_key, "k1-0123456789abcdef0123456789abcd");
	assert_int_equal(d->nb.profile, CONFIG_PROFILE_DX);
	assert_int_equal(d->nb.afi_safis[0].max_prefix, 100);
	assert_int_equal(d->nb.afi_safis[0].max_prefix_action,
	    CONFIG_MAXPFX_IDLE);
	assert_string_equal(d->interconnect, "ic1");
	assert_int_equal(d->link_id, 1);
	assert_int_equal(d->nb.apply_policy.export_policy.n, 1);
	assert_string_equal(d->nb.apply_policy.export_policy.v[0],
	    "export-aws");
	assert_int_equal(d->nb.apply_policy.default_import,
	    CONFIG_ACCEPT_ROUTE);
	d = &l.v[1];
	assert_int_equal(d->nb.afi_safis[0].afi, AFI_IPV6);
	assert_string_equal(addr_text(&d->nb.address, buf), "fd20::2");
	assert_string_equal(addr_text(&d->nb.local_address, buf), "fd20::1");
	d = &l.v[6];
	assert_int_equal(d->link_id, 4);
	assert_true(d->drained);
	assert_string_equal(addr_text(&d->nb.address, buf), "169.254.10.14");
	derive_list_fini(&l);
	assert_int_equal(derive_links(c, "nope", &l), -1);
	assert_int_equal(l.n, 0);
	config_free(c);
	schema_free(s);
}

static void
test_derive_side_b(void **state)
{
	struct schema *s = yhelp_schema();
	struct config *c = yhelp_load(s, IC);
	struct derive_list l;
	const struct derive_neighbor *d;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(derive_links(c, "cr-use4", &l), 0);
	assert_int_equal(l.n, 8);
	d = &l.v[2];
	assert_int_equal(d->link_id, 2);
	assert_string_equal(addr_text(&d->nb.address, buf), "169.254.10.5");
	assert_string_equal(addr_text(&d->nb.local_address, buf),
	    "169.254.10.6");
	assert_int_equal(d->nb.remote_as, 64512);
	assert_int_equal(d->nb.profile, CONFIG_PROFILE_CLOUD_ROUTER);
	assert_int_equal(d->nb.afi_safis[0].max_prefix, 5000);
	assert_int_equal(d->nb.afi_safis[0].max_prefix_action,
	    CONFIG_MAXPFX_RESTART);
	assert_string_equal(d->nb.apply_policy.import_policy.v[0],
	    "import-gcp");
	derive_list_fini(&l);
	config_free(c);
	schema_free(s);
}

static void
test_derive_host(void **state)
{
	struct prefix p;
	struct addr a;
	char buf[ADDR_STRLEN];

	(void)state;
	prefix_parse("169.254.1.252/30", &p, true);
	derive_host(&p, 1, &a);
	assert_string_equal(addr_text(&a, buf), "169.254.1.254");
	prefix_parse("10.0.0.254/31", &p, true);
	derive_host(&p, 1, &a);
	assert_string_equal(addr_text(&a, buf), "10.0.0.255");
	prefix_parse("10.0.0.0/24", &p, true);
	derive_host(&p, 255, &a);
	assert_string_equal(addr_text(&a, buf), "10.0.1.0");
	prefix_parse("fd20::ff:fff8/125", &p, true);
	derive_host(&p, 0, &a);
	assert_string_equal(addr_text(&a, buf), "fd20::ff:fff9");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derive_side_a),
		cmocka_unit_test(test_derive_side_b),
		cmocka_unit_test(test_derive_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
