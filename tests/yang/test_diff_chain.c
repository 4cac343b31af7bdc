/*
 * Unit tests for yang/diff_chain.c: an unchanged configuration leaves both
 * chains of a neighbour the same; a changed prefix-set entry makes only
 * the chain using it DIFF_CHAIN_PSETS, with exactly the old and the new
 * entry's prefixes as ranges; a changed action, community set or policy
 * list makes the chain DIFF_CHAIN_ANY with no ranges left behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/yang/yhelp.h"
#include "yang/diff.h"

#define PLAIN "yang/examples/plain-bgp.json"
#define NB1 "198.51.100.2"


static void
side(struct diff_chain_side *s, const struct config *c)
{
	const struct config_neighbor *nb;
	struct addr a;

	assert_int_equal(addr_parse(NB1, &a), 0);
	nb = config_neighbor_lookup(c, &a);
	assert_non_null(nb);
	s->cfg = c;
	s->ap = &nb->apply_policy;
	s->profile = nb->profile;
}

/*
 * Edit the example (from -> to), compare NB1's import and export chains:
 * the kinds, and the ranges of the import chain as text (sorted, "," ).
 */
static void
check(struct schema *s, const char *from, const char *to,
    enum diff_chain_kind imp, enum diff_chain_kind exp, const char *ranges)
{
	struct cfgerr err = { 0 };
	struct config *a = yhelp_load(s, PLAIN);
	struct config *b = from != NULL ? yhelp_load_edit(s, PLAIN, from, to,
	    &err) : yhelp_load(s, PLAIN);
	struct diff_chain_side o, n;
	struct prefix *v = NULL, *x = NULL;
	size_t nv = 0, nx = 0, i;
	char buf[256] = "", p[PREFIX_STRLEN];

	yhelp_errs_dump(&err);
	assert_non_null(b);
	side(&o, a);
	side(&n, b);
	assert_int_equal(diff_chain(&o, &n, false, &v, &nv), imp);
	assert_int_equal(diff_chain(&o, &n, true, &x, &nx), exp);
	assert_int_equal(nx, 0);	/* NB1's export set is not edited */
	for (i = 0; i < nv; i++) {
		if (i > 0)
			strcat(buf, ",");
		strcat(buf, prefix_print(&v[i], p, sizeof(p)));
	}
	assert_string_equal(buf, ranges);
	free(v);
	free(x);
	config_free(a);
	config_free(b);
	cfgerr_fini(&err);
}

static void
test_same(void **state)
{
	check(*state, NULL, NULL, DIFF_CHAIN_SAME, DIFF_CHAIN_SAME, "");
}

static void
test_pset_entry(void **state)
{
	check(*state, "\"ip-prefix\": \"10.0.0.0/8\"",
	    "\"ip-prefix\": \"11.0.0.0/8\"", DIFF_CHAIN_PSETS,
	    DIFF_CHAIN_SAME, "10.0.0.0/8,11.0.0.0/8");
	/* Only the range of an entry changes: its prefix covers both. */
	check(*state, "\"mask-length-upper\": 7", "\"mask-length-upper\": 6",
	    DIFF_CHAIN_PSETS, DIFF_CHAIN_SAME, "0.0.0.0/0,0.0.0.0/0");
}

static void
test_action(void **state)
{
	check(*state, "\"set-local-pref\": 100", "\"set-local-pref\": 200",
	    DIFF_CHAIN_ANY, DIFF_CHAIN_SAME, "");
	check(*state, "\"repeat-n\": 2", "\"repeat-n\": 3", DIFF_CHAIN_SAME,
	    DIFF_CHAIN_ANY, "");
}

static void
test_other_set(void **state)
{
	check(*state, "\"65535:666\"", "\"65535:667\"", DIFF_CHAIN_ANY,
	    DIFF_CHAIN_SAME, "");
}

static void
test_chain_list(void **state)
{
	check(*state, "\"import-policy\": [\"transit-in\"]",
	    "\"import-policy\": []", DIFF_CHAIN_ANY, DIFF_CHAIN_SAME, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_pset_entry),
		cmocka_unit_test(test_action),
		cmocka_unit_test(test_other_set),
		cmocka_unit_test(test_chain_list),
	};

	return cmocka_run_group_tests(tests, yhelp_setup, yhelp_teardown);
}
