/*
 * Unit tests for policy/match.c: every condition type against routes built
 * from text, including IPv6 prefixes, large and extended communities, empty
 * AS paths, AS_SET segments and 4-octet ASNs, missing attributes, and the
 * invert options of prefix, neighbor and link sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/match.h"
#include "tests/policy/polfix.h"

static bool
eval(const struct pol_cond *c, const char *prefix, const char *path,
    const char *comms, const char *lcomms, const char *ecomms)
{
	struct match_ctx x = { 0, NULL, false, NULL };
	struct fx f;
	bool m;

	fx_init(&f, prefix, path, comms, lcomms, ecomms);
	m = match_cond(c, &f.r, &f.b, &x);
	fx_fini(&f);
	return m;
}

static void
test_match_prefix_set(void **state)
{
	struct policy_db *db = policy_db_new();
	struct pol_cond c = { .type = POL_C_PREFIX_SET };

	(void)state;
	c.pset = fx_pset(db, "10.0.0.0/8 16 24, 2001:db8::/32 48 48");
	assert_true(eval(&c, "10.1.0.0/16", "", NULL, NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "", NULL, NULL, NULL));
	assert_true(eval(&c, "2001:db8:7::/48", "", NULL, NULL, NULL));
	assert_false(eval(&c, "2001:db8:7::/49", "", NULL, NULL, NULL));
	c.opt = POL_MATCH_INVERT;
	assert_false(eval(&c, "10.1.0.0/16", "", NULL, NULL, NULL));
	assert_true(eval(&c, "2001:db9::/48", "", NULL, NULL, NULL));
	policy_db_free(db);
}

static void
test_match_community_sets(void **state)
{
	struct policy_db *db = policy_db_new();
	struct pol_cond c = { .type = POL_C_COMM_SET };

	(void)state;
	c.cset = fx_cset(db, CTEXT_STD, "7224:7100 ^65000:");
	assert_true(eval(&c, "10.0.0.0/8", "1", "1:1 65000:9", NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "1", NULL, NULL, NULL));
	c.opt = POL_MATCH_ALL;
	assert_false(eval(&c, "10.0.0.0/8", "1", "1:1 65000:9", NULL, NULL));
	assert_true(eval(&c, "10.0.0.0/8", "1", "7224:7100 65000:9", NULL,
	    NULL));
	c.opt = POL_MATCH_INVERT;
	assert_true(eval(&c, "10.0.0.0/8", "1", NULL, NULL, NULL));
	c.type = POL_C_LCOMM_SET;
	c.opt = POL_MATCH_ANY;
	c.cset = fx_cset(db, CTEXT_LARGE, "4200000000:0:1");
	assert_true(eval(&c, "2001:db8::/32", "1", "4200:1", "4200000000:0:1",
	    NULL));
	/* A standard community with the same digits is no large one. */
	assert_false(eval(&c, "2001:db8::/32", "1", NULL, "4200000000:0:2",
	    NULL));
	c.type = POL_C_ECOMM_SET;
	c.cset = fx_cset(db, CTEXT_EXT, "rt:65000:1");
	assert_true(eval(&c, "10.0.0.0/8", "1", NULL, NULL,
	    "soo:1:1 rt:65000:1"));
	assert_false(eval(&c, "10.0.0.0/8", "1", NULL, NULL, "rt:65000:2"));
	policy_db_free(db);
}

static void
test_match_aspath(void **state)
{
	struct policy_db *db = policy_db_new();
	struct pol_cond c = { .type = POL_C_ASPATH_SET };
	static const uint32_t asns[] = { 4200000000u, 7 };

	(void)state;
	c.aset = fx_aset(db, "_7224$ ^$");
	assert_true(eval(&c, "10.0.0.0/8", "1 7224", NULL, NULL, NULL));
	assert_true(eval(&c, "10.0.0.0/8", "", NULL, NULL, NULL));
	assert_true(eval(&c, "10.0.0.0/8", NULL, NULL, NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "7224 {1,2}", NULL, NULL, NULL));
	c.aset = fx_aset(db, "_4200000000_");
	assert_true(eval(&c, "10.0.0.0/8", "1 {9,4200000000}", NULL, NULL,
	    NULL));
	c.type = POL_C_ASPATH_LEN;
	c.opt = POL_CMP_EQ;
	c.value = 3;		/* an AS_SET counts one (RFC 4271 9.1.2.2 a) */
	assert_true(eval(&c, "10.0.0.0/8", "1 2 {3,4,5}", NULL, NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "1 2", NULL, NULL, NULL));
	c.opt = POL_CMP_GE;
	assert_true(eval(&c, "10.0.0.0/8", "1 2 3 4", NULL, NULL, NULL));
	assert_true(eval(&c, "10.0.0.0/8", "1 2 3", NULL, NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "1 2", NULL, NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "", NULL, NULL, NULL));
	c.opt = POL_CMP_LE;
	assert_true(eval(&c, "10.0.0.0/8", "", NULL, NULL, NULL));
	assert_true(eval(&c, "10.0.0.0/8", "1 2 3", NULL, NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "1 2 3 4", NULL, NULL, NULL));
	assert_true(eval(&c, "10.0.0.0/8", "(1 2 3) 4", NULL, NULL, NULL));
	c.type = POL_C_ASN_IN_PATH;
	c.asns = asns;
	c.nasns = 2;
	assert_true(eval(&c, "10.0.0.0/8", "1 {4200000000}", NULL, NULL,
	    NULL));
	assert_true(eval(&c, "10.0.0.0/8", "7", NULL, NULL, NULL));
	assert_false(eval(&c, "10.0.0.0/8", "", NULL, NULL, NULL));
	policy_db_free(db);
}

static void
test_match_ids(void **state)
{
	struct pol_idset *ids = policy_idset_new();
	struct pol_cond c = { .type = POL_C_NEIGHBOR_SET, .ids = ids };
	struct match_ctx x = { 0, NULL, false, NULL };
	struct fx f;

	(void)state;
	policy_idset_add(ids, 1);
	policy_idset_add(ids, 700);
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	f.r.peer_id = 700;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	f.r.peer_id = 2;
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	f.r.peer_id = 100000;
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	c.opt = POL_MATCH_INVERT;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	c.type = POL_C_LINK_SET;
	c.opt = POL_MATCH_ANY;
	f.r.link_id = 3;
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	ids->roles = POL_LINK_DRAINING;
	f.r.link_roles = POL_LINK_DRAINING;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	fx_fini(&f);
	policy_idset_free(ids);
}

static void
test_match_attrs(void **state)
{
	struct pol_cond c = { .type = POL_C_MED_EQ, .value = 0 };
	struct match_ctx x = { 0, NULL, false, NULL };
	struct fx f;

	(void)state;
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	assert_true(match_cond(&c, &f.r, &f.b, &x));	/* missing MED = 0 */
	f.b.a.flags |= ATTRS_HAS_MED;
	f.b.a.med = 50;
	c.value = 50;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	c.type = POL_C_LOCAL_PREF_EQ;
	c.value = 0;
	assert_false(match_cond(&c, &f.r, &f.b, &x));	/* missing LP */
	f.b.a.flags |= ATTRS_HAS_LOCAL_PREF;
	f.b.a.local_pref = 0;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	c.type = POL_C_ORIGIN_EQ;
	c.value = ORIGIN_IGP;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	c.value = ORIGIN_INCOMPLETE;
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	c.type = POL_C_AFI_SAFI_IN;
	c.afisafi = POL_AFISAFI_BIT(AFI_IPV6, SAFI_UNICAST);
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	c.afisafi |= POL_AFISAFI_BIT(AFI_IPV4, SAFI_UNICAST);
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	f.r.safi = SAFI_MULTICAST;
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	fx_fini(&f);
}

/*
 * route-type: on import the session the route came on; on export how it
 * was learned (from_ibgp), not the type of the destination session.
 */
static void
test_match_route_type(void **state)
{
	struct pol_cond c = { .type = POL_C_ROUTE_TYPE,
	    .value = POL_RT_INTERNAL };
	struct match_ctx x = { 0, NULL, false, NULL };
	struct fx f;

	(void)state;
	fx_init(&f, "10.1.0.0/16", "65000", NULL, NULL, NULL);
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	f.r.peer_type = POL_PEER_IBGP;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	/* Export of an eBGP-learned route to an iBGP peer: external. */
	f.r.dir = POL_EXPORT;
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	f.r.from_ibgp = true;
	f.r.peer_type = POL_PEER_EBGP;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	c.value = POL_RT_LOCAL;
	assert_false(match_cond(&c, &f.r, &f.b, &x));
	f.r.local = true;
	assert_true(match_cond(&c, &f.r, &f.b, &x));
	fx_fini(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_prefix_set),
		cmocka_unit_test(test_match_community_sets),
		cmocka_unit_test(test_match_aspath),
		cmocka_unit_test(test_match_ids),
		cmocka_unit_test(test_match_attrs),
		cmocka_unit_test(test_match_route_type),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
