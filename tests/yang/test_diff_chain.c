/*
 * Unit tests for yang/diff_chain.c: an unchanged configuration leaves both
 * chains of a neighbour the same; a changed prefix-set entry makes only
 * the chain using it DIFF_CHAIN_PSETS, with exactly the old and the new
 * entry's prefixes as ranges; a changed action, community set or policy
 * list makes the chain DIFF_CHAIN_ANY with no ranges left behind. Ranges
 * are exact where cheap: an entry the other version matches anyway (a new
 * 10.1.0.0/16 le 32 beside 10.0.0.0/8 le 32, a narrowed upper bound)
 * yields no range, a prefix is listed once. Differential: random prefix
 * sets and random edits of them, a Loc-RIB of routes (accepted unless the
 * set matches them; membership by a reference matcher written here) re-
 * evaluated only on the prefixes under the computed ranges equals the one
 * re-evaluated in full.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/xmalloc.h"
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
	/* Only the range of an entry changes: its prefix covers both, and
	 * the narrower new entry adds nothing the old one did not match. */
	check(*state, "\"mask-length-upper\": 7", "\"mask-length-upper\": 6",
	    DIFF_CHAIN_PSETS, DIFF_CHAIN_SAME, "0.0.0.0/0");
}

static void
test_pset_nested(void **state)
{
	/* The new 10.1.0.0/16 le 32 is inside the unchanged 10.0.0.0/8 le
	 * 32: only the old entry's prefix is a range. */
	check(*state, "\"ip-prefix\": \"192.168.0.0/16\"",
	    "\"ip-prefix\": \"10.1.0.0/16\"", DIFF_CHAIN_PSETS,
	    DIFF_CHAIN_SAME, "192.168.0.0/16");
	/* Widened: the old entry is inside the new one; the new one's
	 * prefix is the range. */
	check(*state, "\"mask-length-lower\": 0, \"mask-length-upper\": 7",
	    "\"mask-length-lower\": 0, \"mask-length-upper\": 8",
	    DIFF_CHAIN_PSETS, DIFF_CHAIN_SAME, "0.0.0.0/0");
}

/* ----- differential: random sets, reference matcher ----- */

#define DF_ROUTES 3000
#define DF_ROUNDS 300
#define DF_ENTRIES 12

static uint64_t df_seed = 0x9e3779b97f4a7c15ull;

static uint32_t
df_rnd(void)
{
	df_seed ^= df_seed >> 12;
	df_seed ^= df_seed << 25;
	df_seed ^= df_seed >> 27;
	return (uint32_t)((df_seed * 0x2545f4914f6cdd1dull) >> 32);
}

/* An IPv4 prefix of length len in a small universe (overlaps likely). */
static struct prefix
df_prefix(unsigned len)
{
	static const uint8_t first[] = { 10, 10, 10, 11, 128 };
	static const uint8_t second[] = { 0, 1, 2, 3, 128, 129 };
	struct prefix p;
	char buf[32];

	snprintf(buf, sizeof(buf), "%u.%u.%u.0/%u", first[df_rnd() % 5],
	    second[df_rnd() % 6], df_rnd() % 4, len);
	assert_int_equal(prefix_parse(buf, &p, false), 0);
	return p;
}

static void
df_entry(struct config_prefix_entry *e)
{
	unsigned len = df_rnd() % 17, lo = len + df_rnd() % 3;

	e->prefix = df_prefix(len);
	e->len_lower = (uint8_t)lo;
	e->len_upper = (uint8_t)(lo + df_rnd() % 6);
}

/* The reference: does an entry of s match route r? */
static bool
df_match(const struct config_prefix_set *s, const struct prefix *r)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (prefix_contains(&s->v[i].prefix, r) &&
		    r->len >= s->v[i].len_lower && r->len <= s->v[i].len_upper)
			return true;
	return false;
}

/* One to three edits of s (remove, add, re-range, re-prefix). */
static void
df_edit(struct config_prefix_set *s)
{
	unsigned k, i, ops = 1 + df_rnd() % 3;
	struct config_prefix_entry *e;

	for (k = 0; k < ops; k++) {
		i = s->n ? df_rnd() % (unsigned)s->n : 0;
		e = &s->v[i];
		switch (s->n == 0 ? 1 : df_rnd() % 4) {
		case 0:
			s->v[i] = s->v[--s->n];
			break;
		case 1:
			if (s->n < DF_ENTRIES)
				df_entry(&s->v[s->n++]);
			break;
		case 2:
			e->len_upper = (uint8_t)(e->len_lower + df_rnd() % 6);
			break;
		default:
			e->prefix.len = (uint8_t)(df_rnd() % 17);
			prefix_mask(&e->prefix);
			if (e->len_lower < e->prefix.len)
				e->len_lower = e->prefix.len;
			if (e->len_upper < e->len_lower)
				e->len_upper = e->len_lower;
			break;
		}
	}
}

static bool
df_covered(const struct prefix *v, size_t n, const struct prefix *r)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prefix_contains(&v[i], r))
			return true;
	return false;
}

static bool
df_entry_in(const struct config_prefix_entry *e,
    const struct config_prefix_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (prefix_eq(&e->prefix, &s->v[i].prefix) &&
		    e->len_lower == s->v[i].len_lower &&
		    e->len_upper == s->v[i].len_upper)
			return true;
	return false;
}

/* A route of length len inside e's prefix (random host bits). */
static struct prefix
df_inside(const struct config_prefix_entry *e, unsigned len)
{
	struct prefix p = e->prefix;
	uint32_t x = df_rnd();
	unsigned i;

	if (len > 32)
		len = 32;
	for (i = p.len; i < len; i++)
		if (x >> (i % 32) & 1u)
			p.a[i / 8] |= (uint8_t)(0x80u >> (i % 8));
	p.len = (uint8_t)len;
	return p;
}

/*
 * The routes of a round: random ones, and for every entry of both sets
 * routes at the edges of its range (its own prefix, lengths lower - 1,
 * lower, upper, upper + 1 inside it).
 */
static size_t
df_routes(struct prefix *r, const struct config_prefix_set *ps)
{
	const struct config_prefix_entry *e;
	size_t n = 0, i, k;

	for (i = 0; i < DF_ROUTES; i++)
		r[n++] = df_prefix(df_rnd() % 25);
	for (k = 0; k < 2; k++)
		for (i = 0; i < ps[k].n; i++) {
			e = &ps[k].v[i];
			r[n++] = e->prefix;
			r[n++] = df_inside(e, e->len_lower ? e->len_lower - 1u :
			    0u);
			r[n++] = df_inside(e, e->len_lower);
			r[n++] = df_inside(e, e->len_upper);
			r[n++] = df_inside(e, e->len_upper + 1u);
		}
	return n;
}

#define DF_MAXR (DF_ROUTES + 2 * DF_ENTRIES * 5)

/*
 * One round: the chain "drop" (statement: match-prefix-set s, reject;
 * default accept) in configurations o and n that differ only in s. Adds
 * to *nrange the ranges diff_chain() gave and to *ncoarse the entries in
 * one version only (what an entry-by-entry diff lists).
 */
static void
df_round(size_t *nrange, size_t *ncoarse)
{
	static struct config_prefix_entry ev[2][DF_ENTRIES];
	static struct prefix routes[DF_MAXR];
	struct config_prefix_set ps[2] = { { .name = "s", .v = ev[0] },
	    { .name = "s", .v = ev[1] } };
	struct config_statement st = { .name = "st" };
	struct config_policy pol = { .name = "drop", .statements = &st,
	    .n_statements = 1 };
	char *chain[] = { "drop" };
	struct config_apply_policy ap = { .import_policy = { chain, 1 },
	    .default_import = CONFIG_ACCEPT_ROUTE };
	struct config c[2];
	struct diff_chain_side o, n;
	struct prefix *v = NULL;
	bool rib[DF_MAXR];
	size_t nv = 0, nr, i, k;
	char b[PREFIX_STRLEN];

	st.conditions.prefix_set.set = "s";
	st.actions.result = CONFIG_RESULT_REJECT;
	ps[0].n = 1 + df_rnd() % DF_ENTRIES;
	for (i = 0; i < ps[0].n; i++)
		df_entry(&ev[0][i]);
	memcpy(ev[1], ev[0], sizeof(ev[0]));
	ps[1].n = ps[0].n;
	df_edit(&ps[1]);
	for (k = 0; k < 2; k++) {
		memset(&c[k], 0, sizeof(c[k]));
		c[k].policy.prefix_sets = &ps[k];
		c[k].policy.n_prefix_sets = 1;
		c[k].policy.policies = &pol;
		c[k].policy.n_policies = 1;
	}
	o = (struct diff_chain_side){ .cfg = &c[0], .ap = &ap };
	n = (struct diff_chain_side){ .cfg = &c[1], .ap = &ap };
	assert_int_not_equal(diff_chain(&o, &n, false, &v, &nv),
	    DIFF_CHAIN_ANY);
	/* The Loc-RIB under o; re-evaluated under n on the ranges only. */
	nr = df_routes(routes, ps);
	for (i = 0; i < nr; i++)
		rib[i] = !df_match(&ps[0], &routes[i]);
	for (i = 0; i < nr; i++)
		if (df_covered(v, nv, &routes[i]))
			rib[i] = !df_match(&ps[1], &routes[i]);
	for (i = 0; i < nr; i++)
		if (rib[i] != !df_match(&ps[1], &routes[i]))
			fail_msg("route %s differs from a full re-import",
			    prefix_print(&routes[i], b, sizeof(b)));
	*nrange += nv;
	for (k = 0; k < 2; k++)
		for (i = 0; i < ps[k].n; i++)
			*ncoarse += !df_entry_in(&ps[k].v[i], &ps[1 - k]);
	free(v);
}

static void
test_differential(void **state)
{
	size_t nrange = 0, ncoarse = 0;
	unsigned round;

	(void)state;
	for (round = 0; round < DF_ROUNDS; round++)
		df_round(&nrange, &ncoarse);
	printf("# %u rounds: %zu ranges (entry by entry: %zu)\n", DF_ROUNDS,
	    nrange, ncoarse);
	assert_true(nrange < ncoarse);
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
		cmocka_unit_test(test_pset_nested),
		cmocka_unit_test(test_differential),
	};

	return cmocka_run_group_tests(tests, yhelp_setup, yhelp_teardown);
}
