/*
 * Unit tests for yang/diff.c and yang/diff_eq.c: each edit of an example
 * produces exactly the expected entries, and each neighbour change carries
 * the session action of SPEC.md 4.4 (reset for peer AS, MD5, AFI set and
 * OPEN-time values; soft for policy, including a change reached only
 * through a set or call-policy; none for cosmetic fields).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests/yang/yhelp.h"
#include "yang/derive.h"
#include "yang/diff.h"

#define PLAIN "yang/examples/plain-bgp.json"
#define IC "yang/examples/interconnect.json"
#define NB1 "198.51.100.2"
#define NB2 "2001:db8::2"


static void
diff_dump(const struct diff *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		printf("# %s %s %s action=%s what=%#x\n",
		    diff_op_name(d->v[i].op), diff_kind_name(d->v[i].kind),
		    d->v[i].name, diff_action_name(d->v[i].action),
		    d->v[i].what);
}

/* Diff the example rel against itself with from replaced by to. */
static struct diff *
edit_diff(struct schema *s, const char *rel, const char *from, const char *to)
{
	struct cfgerr err = { 0 };
	struct config *a = yhelp_load(s, rel);
	struct config *b = yhelp_load_edit(s, rel, from, to, &err);
	struct diff *d;

	yhelp_errs_dump(&err);
	assert_non_null(b);
	d = diff_new(a, b);
	diff_dump(d);
	config_free(a);
	config_free(b);
	return d;
}

/* Exactly one entry, a changed neighbour with this action and these bits. */
static void
expect_one_neighbor(const struct diff *d, const char *addr,
    enum diff_action act, uint32_t what)
{
	const struct diff_entry *e = diff_lookup(d, DIFF_NEIGHBOR, addr);

	assert_int_equal(d->n, 1);
	assert_non_null(e);
	assert_int_equal(e->op, DIFF_CHANGED);
	assert_int_equal(e->action, act);
	assert_int_equal(e->what, what);
}

static void
test_diff_identical_is_empty(void **state)
{
	struct config *a = yhelp_load(*state, IC);
	struct config *b = yhelp_load(*state, IC);
	struct diff *d = diff_new(a, b);

	assert_int_equal(d->n, 0);
	diff_free(d);
	config_free(a);
	config_free(b);
}

static void
test_diff_reset_fields(void **state)
{
	struct diff *d;

	d = edit_diff(*state, PLAIN, "\"peer-as\": 64497", "\"peer-as\": 64499");
	expect_one_neighbor(d, NB1, DIFF_ACT_RESET, DIFF_F_ASN);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"s3cret\"", "\"other-key\"");
	expect_one_neighbor(d, NB1, DIFF_ACT_RESET, DIFF_F_MD5);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"afi-safi-name\": \"ipv4-unicast\"",
	    "\"afi-safi-name\": \"ipv6-unicast\"");
	expect_one_neighbor(d, NB1, DIFF_ACT_RESET, DIFF_F_AFI);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"hold-time\": 30", "\"hold-time\": 60");
	expect_one_neighbor(d, NB2, DIFF_ACT_RESET, DIFF_F_TIMERS);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"ttl-security\": true",
	    "\"ttl-security\": false");
	expect_one_neighbor(d, NB2, DIFF_ACT_RESET, DIFF_F_TRANSPORT);
	diff_free(d);
}

/*
 * SPEC 2.2: a region is part of the session's export group and of its
 * routes' scope everywhere: a new, changed or removed region resets.
 */
static void
test_diff_region_resets(void **state)
{
	struct diff *d;

	d = edit_diff(*state, "yang/examples/public-vif.json",
	    "\"region\": \"us-east-1\",\n          \"auth",
	    "\"region\": \"us-east-2\",\n          \"auth");
	expect_one_neighbor(d, "198.51.100.2", DIFF_ACT_RESET,
	    DIFF_F_TRANSPORT);
	diff_free(d);
	d = edit_diff(*state, "yang/examples/public-vif.json",
	    "\"region\": \"eu-west-1\",", "");
	expect_one_neighbor(d, "192.0.2.14", DIFF_ACT_RESET,
	    DIFF_F_TRANSPORT);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"peer-as\": 64497",
	    "\"peer-as\": 64497, \"region\": \"eu-west-1\"");
	expect_one_neighbor(d, NB1, DIFF_ACT_RESET, DIFF_F_TRANSPORT);
	diff_free(d);
}

static void
test_diff_soft_and_none_fields(void **state)
{
	struct diff *d;

	d = edit_diff(*state, PLAIN,
	    "\"import-policy\": [\"transit-in\"],\n            \"default-export",
	    "\"import-policy\": [\"own-out\"],\n            \"default-export");
	expect_one_neighbor(d, NB2, DIFF_ACT_SOFT, DIFF_F_POLICY);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"max-prefixes\": 100,",
	    "\"max-prefixes\": 200,");
	expect_one_neighbor(d, NB2, DIFF_ACT_SOFT, DIFF_F_PREFIX_LIMIT);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"transit A\"", "\"transit B\"");
	expect_one_neighbor(d, NB1, DIFF_ACT_NONE, DIFF_F_OTHER);
	diff_free(d);
}

static void
test_diff_set_change_reaches_neighbors(void **state)
{
	const struct diff_entry *e;
	struct diff *d;

	/* bogons is used by transit-in, imported by both neighbours. */
	d = edit_diff(*state, PLAIN,
	    "\"ip-prefix\": \"fc00::/7\", \"mask-length-lower\": 7",
	    "\"ip-prefix\": \"fc00::/7\", \"mask-length-lower\": 8");
	assert_int_equal(d->n, 3);
	e = diff_lookup(d, DIFF_PREFIX_SET, "bogons");
	assert_non_null(e);
	assert_int_equal(e->op, DIFF_CHANGED);
	assert_null(diff_lookup(d, DIFF_POLICY, "transit-in"));
	e = diff_lookup(d, DIFF_NEIGHBOR, NB1);
	assert_non_null(e);
	assert_int_equal(e->action, DIFF_ACT_SOFT);
	assert_int_equal(e->what, DIFF_F_POLICY);
	assert_non_null(diff_lookup(d, DIFF_NEIGHBOR, NB2));
	diff_free(d);
}

static void
test_diff_call_policy_reaches_gateway(void **state)
{
	const struct diff_entry *e;
	struct diff *d;

	/* drain is called by export-aws, dxgw1's export policy. */
	d = edit_diff(*state, IC, "\"set-med\": \"+10000\"",
	    "\"set-med\": \"+20000\"");
	assert_int_equal(d->n, 2);
	assert_non_null(diff_lookup(d, DIFF_POLICY, "drain"));
	e = diff_lookup(d, DIFF_GATEWAY, "dxgw1");
	assert_non_null(e);
	assert_int_equal(e->op, DIFF_CHANGED);
	assert_int_equal(e->what, DIFF_F_POLICY);
	assert_null(diff_lookup(d, DIFF_GATEWAY, "cr-use4"));
	diff_free(d);
}

static void
test_diff_unused_set_touches_nothing_else(void **state)
{
	struct diff *d = edit_diff(*state, IC, "\"7224:7100\"", "\"7224:7200\"");

	assert_int_equal(d->n, 1);
	assert_non_null(diff_lookup(d, DIFF_COMMUNITY_SET, "dx-low"));
	diff_free(d);
}

static void
test_diff_intent(void **state)
{
	struct diff *d;

	d = edit_diff(*state, IC, "\"vlan\": 1027", "\"vlan\": 1030");
	assert_int_equal(d->n, 1);
	assert_int_equal(diff_lookup(d, DIFF_INTERCONNECT, "ic1")->op,
	    DIFF_CHANGED);
	diff_free(d);
	d = edit_diff(*state, IC, "\"asn\": 65000", "\"asn\": 65001");
	assert_int_equal(d->n, 1);
	assert_int_equal(diff_lookup(d, DIFF_GATEWAY, "cr-use4")->op,
	    DIFF_CHANGED);
	diff_free(d);
}

static void
test_diff_global(void **state)
{
	const struct diff_entry *e;
	struct diff *d;

	d = edit_diff(*state, PLAIN, "\"router-id\": \"198.51.100.1\"",
	    "\"router-id\": \"198.51.100.9\"");
	assert_int_equal(d->n, 1);
	e = diff_lookup(d, DIFF_BGP_GLOBAL, "global");
	assert_int_equal(e->action, DIFF_ACT_RESET);
	diff_free(d);
	d = edit_diff(*state, PLAIN, "\"mode\": \"originate\"",
	    "\"mode\": \"summary-only\"");
	assert_int_equal(d->n, 1);
	assert_non_null(diff_lookup(d, DIFF_AGGREGATE, "203.0.113.0/24"));
	diff_free(d);
}

static void
test_diff_add_remove_sorted(void **state)
{
	struct config *a = yhelp_load(*state, PLAIN);
	struct diff *d = diff_new(NULL, a);
	size_t i;

	/* global, 2 neighbours, 1 aggregate, 2 prefix sets, 1 community set, 2 policies */
	assert_int_equal(d->n, 9);
	for (i = 0; i < d->n; i++) {
		assert_int_equal(d->v[i].op, DIFF_ADDED);
		if (i > 0)
			assert_true(d->v[i - 1].kind <= d->v[i].kind);
	}
	assert_int_equal(d->v[0].kind, DIFF_BGP_GLOBAL);
	diff_free(d);
	d = diff_new(a, NULL);
	assert_int_equal(d->n, 9);
	assert_int_equal(diff_lookup(d, DIFF_NEIGHBOR, NB2)->op, DIFF_REMOVED);
	diff_free(d);
	config_free(a);
}

static void
test_diff_derived_sessions(void **state)
{
	struct cfgerr err = { 0 };
	struct config *a = yhelp_load(*state, IC);
	struct config *b = yhelp_load_edit(*state, IC,
	    "k2-0123456789abcdef0123456789abcd", "k2-rotated", &err);
	struct derive_list la, lb;
	uint32_t what;
	size_t i;

	assert_int_equal(derive_links(a, "dxgw1", &la), 0);
	assert_int_equal(derive_links(b, "dxgw1", &lb), 0);
	assert_int_equal(la.n, lb.n);
	for (i = 0; i < la.n; i++) {
		enum diff_action act = diff_neighbor_action(&la.v[i].nb,
		    &lb.v[i].nb, &what);

		/* Link 2's two sessions reset for the new key; the rest stay. */
		if (la.v[i].link_id == 2) {
			assert_int_equal(act, DIFF_ACT_RESET);
			assert_int_equal(what, DIFF_F_MD5);
		} else {
			assert_int_equal(act, DIFF_ACT_NONE);
			assert_int_equal(what, 0);
		}
	}
	derive_list_fini(&la);
	derive_list_fini(&lb);
	config_free(a);
	config_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_identical_is_empty),
		cmocka_unit_test(test_diff_reset_fields),
		cmocka_unit_test(test_diff_region_resets),
		cmocka_unit_test(test_diff_soft_and_none_fields),
		cmocka_unit_test(test_diff_set_change_reaches_neighbors),
		cmocka_unit_test(test_diff_call_policy_reaches_gateway),
		cmocka_unit_test(test_diff_unused_set_touches_nothing_else),
		cmocka_unit_test(test_diff_intent),
		cmocka_unit_test(test_diff_global),
		cmocka_unit_test(test_diff_add_remove_sorted),
		cmocka_unit_test(test_diff_derived_sessions),
	};

	return cmocka_run_group_tests(tests, yhelp_setup, yhelp_teardown);
}
