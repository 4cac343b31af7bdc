/*
 * Unit tests for tools/blast_load.c on the shared quagga_rib dump (9 RIB
 * entries, 6 prefixes, 2 MRT peers: 3 IPv4 and 6 IPv6 entries): one table
 * with and without --only-best, per-peer tables, IPv6 skipped, an AS
 * excluded, routes sorted by attribute set, a missing file. The corpus is
 * found from XR_SRCDIR (or /work/shared/data/mrt); without it the tests fail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tools/mrt_blast.h"

static char path[4096];

static int
setup(void **state)
{
	const char *src = getenv("XR_SRCDIR");

	(void)state;
	snprintf(path, sizeof(path), "%s/../shared/data/mrt/t2mune_mrtparse/"
	    "quagga_rib", src ? src : ".");
	if (access(path, R_OK) != 0)
		snprintf(path, sizeof(path), "/work/shared/data/mrt/"
		    "t2mune_mrtparse/quagga_rib");
	return access(path, R_OK) == 0 ? 0 : -1;
}

/* Load with o; returns the number of tables and fills st. */
static size_t
load(const struct blast_load_opts *o, struct blast_load_stats *st,
    size_t *routes0)
{
	struct attr_table *t = attr_table_new();
	struct blast_table *tb;
	size_t n, i;
	char why[256];

	assert_int_equal(blast_load(path, o, t, &tb, &n, st, why,
	    sizeof(why)), 0);
	*routes0 = n ? tb[0].n : 0;
	for (i = 0; n && i + 1 < tb[0].n; i++)	/* grouped by attribute set */
		assert_true((uintptr_t)tb[0].v[i].a <= (uintptr_t)tb[0].v[i + 1].a);
	blast_tables_free(t, tb, n);
	attr_table_free(t);
	return n;
}

static void
test_one_table(void **state)
{
	struct blast_load_opts o = { 0 };
	struct blast_load_stats st;
	size_t r0;

	(void)state;
	assert_int_equal(load(&o, &st, &r0), 1);
	assert_int_equal(st.rib_entries, 9);
	assert_int_equal(r0, 9);
	assert_int_equal(st.bad_attrs, 0);
	o.only_best = true;
	assert_int_equal(load(&o, &st, &r0), 1);
	assert_int_equal(r0, 6);
	o.no_ipv6 = true;
	assert_int_equal(load(&o, &st, &r0), 1);
	assert_int_equal(r0, 3);
}

static void
test_per_peer(void **state)
{
	struct blast_load_opts o = { 0 };
	struct blast_load_stats st;
	size_t r0;

	(void)state;
	o.per_peer = true;
	assert_int_equal(load(&o, &st, &r0), 2);
	assert_int_equal(st.routes, 9);
	o.max_tables = 1;
	assert_int_equal(load(&o, &st, &r0), 1);
}

static void
test_exclude(void **state)
{
	struct blast_load_opts o = { 0 };
	struct blast_load_stats st;
	size_t r0;

	(void)state;
	o.exclude[0] = 64512;
	o.n_exclude = 1;
	assert_int_equal(load(&o, &st, &r0), 0);
	assert_int_equal(st.excluded, 9);
	o.exclude[0] = 64999;
	assert_int_equal(load(&o, &st, &r0), 1);
	assert_int_equal(st.excluded, 0);
}

static void
test_missing_file(void **state)
{
	struct blast_load_opts o = { 0 };
	struct blast_load_stats st;
	struct attr_table *t = attr_table_new();
	struct blast_table *tb;
	size_t n;
	char why[256] = "";

	(void)state;
	assert_int_equal(blast_load("/nonexistent/rib", &o, t, &tb, &n, &st,
	    why, sizeof(why)), -1);
	assert_true(why[0] != '\0');
	blast_tables_free(t, tb, n);
	attr_table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_table),
		cmocka_unit_test(test_per_peer),
		cmocka_unit_test(test_exclude),
		cmocka_unit_test(test_missing_file),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
