/*
 * Unit tests for policy/summary.c: a set under the cap is advertised
 * unchanged; over the cap, summaries replace their contributors most-
 * covering first and only while needed (net-zero replacements skipped);
 * when that is not enough the cut follows the Cloud Router drop order and
 * the report names every left-out prefix with its reason; duplicates,
 * input order and reuse of the result do not change the outcome; the DX
 * per-AFI cap with a realistic set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "policy/summary.h"

#define MAXV 16

/* Parse a comma-separated prefix list into v; returns the count. */
static size_t
plist(const char *text, struct prefix *v)
{
	char buf[1024], *save = NULL, *tok;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, ", ", &save); tok;
	    tok = strtok_r(NULL, ", ", &save)) {
		assert_true(n < MAXV);
		assert_int_equal(prefix_parse(tok, &v[n++], true), 0);
	}
	return n;
}

static const char *
out_print(const struct summary_fit_out *o, char *buf, size_t size)
{
	char p[PREFIX_STRLEN];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < o->n && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
		    i ? " " : "", prefix_print(&o->v[i], p, sizeof(p)));
	return buf;
}

static const char *
notes_print(const struct summary_fit_out *o, const char *peer, char *buf,
    size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < o->nnotes && n < size; i++) {
		if (i && n < size)
			n += (size_t)snprintf(buf + n, size - n, "; ");
		if (n < size)
			n += summary_note_print(&o->notes[i], o->cap, peer,
			    buf + n, size - n);
	}
	return buf;
}

struct fit_row {
	const char *routes;
	const char *sums;
	size_t cap;
	int ret;
	const char *out;
	const char *notes;
};

static const struct fit_row fit_rows[] = {
	/* Fits: unchanged, input order kept. */
	{ "192.0.2.0/24, 10.0.0.0/8", "10.0.0.0/7", 2, 0,
	    "192.0.2.0/24 10.0.0.0/8", "" },
	{ "", "10.0.0.0/8", 0, 0, "", "" },
	/* Fixed by one summary; the most-covering one goes first. */
	{ "10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, "
	    "10.1.0.0/16, 192.0.2.0/24", "10.0.0.0/16, 10.0.0.0/8", 4, 0,
	    "10.0.0.0/8 192.0.2.0/24",
	    "10.0.0.0/24 covered by summary 10.0.0.0/8; "
	    "10.0.1.0/24 covered by summary 10.0.0.0/8; "
	    "10.0.2.0/24 covered by summary 10.0.0.0/8; "
	    "10.0.3.0/24 covered by summary 10.0.0.0/8; "
	    "10.0.4.0/24 covered by summary 10.0.0.0/8; "
	    "10.1.0.0/16 covered by summary 10.0.0.0/8" },
	/* Only as many summaries as needed. */
	{ "10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, 172.16.0.0/16, "
	    "172.17.0.0/16, 192.0.2.0/24", "172.16.0.0/12, 10.0.0.0/22", 4, 0,
	    "172.16.0.0/16 172.17.0.0/16 10.0.0.0/22 192.0.2.0/24",
	    "10.0.0.0/24 covered by summary 10.0.0.0/22; "
	    "10.0.1.0/24 covered by summary 10.0.0.0/22; "
	    "10.0.2.0/24 covered by summary 10.0.0.0/22" },
	/* A summary already advertised absorbs even one contributor. */
	{ "10.0.0.0/16, 10.0.1.0/24, 192.0.2.0/24", "10.0.0.0/16", 2, 0,
	    "10.0.0.0/16 192.0.2.0/24",
	    "10.0.1.0/24 covered by summary 10.0.0.0/16" },
	/* Replacing one route by one summary gains nothing: skipped. */
	{ "10.0.1.0/24, 192.0.2.0/24, 198.51.100.0/24", "10.0.0.0/16", 2, -1,
	    "10.0.1.0/24 192.0.2.0/24",
	    "198.51.100.0/24 exceeds cap 2 of peer dx-1 after summarisation" },
	/* Still over the cap: shortest first, IPv4 before IPv6, exact report. */
	{ "192.0.2.0/24, 10.0.0.0/24, 10.0.1.0/24, 2001:db8::/48, "
	    "10.9.0.0/16, 198.51.100.0/24, 2001:db9::/32", "10.0.0.0/23", 3, -1,
	    "10.9.0.0/16 10.0.0.0/23 192.0.2.0/24",
	    "10.0.0.0/24 covered by summary 10.0.0.0/23; "
	    "10.0.1.0/24 covered by summary 10.0.0.0/23; "
	    "198.51.100.0/24 exceeds cap 3 of peer dx-1 after summarisation; "
	    "2001:db9::/32 exceeds cap 3 of peer dx-1 after summarisation; "
	    "2001:db8::/48 exceeds cap 3 of peer dx-1 after summarisation" },
	/* No summaries at all. */
	{ "2001:db8::/48, 10.0.0.0/8", "", 1, -1, "10.0.0.0/8",
	    "2001:db8::/48 exceeds cap 1 of peer dx-1 after summarisation" },
	/* Duplicates count once when the set is over the cap. */
	{ "10.0.0.0/8, 10.0.0.0/8, 11.0.0.0/8", "", 2, 0,
	    "10.0.0.0/8 11.0.0.0/8", "" },
};

static void
test_summary_fit_rows(void **state)
{
	struct summary_fit_out o;
	struct prefix r[MAXV], s[MAXV];
	char buf[4096];
	size_t i, n, m;
	int ret;

	(void)state;
	memset(&o, 0, sizeof(o));
	for (i = 0; i < sizeof(fit_rows) / sizeof(fit_rows[0]); i++) {
		n = plist(fit_rows[i].routes, r);
		m = plist(fit_rows[i].sums, s);
		/* o is reused: summary_fit() releases the previous result. */
		ret = summary_fit(r, n, s, m, fit_rows[i].cap, &o);
		if (ret != fit_rows[i].ret)
			fail_msg("row %zu: ret %d", i, ret);
		if (strcmp(out_print(&o, buf, sizeof(buf)), fit_rows[i].out))
			fail_msg("row %zu: out \"%s\"", i, buf);
		if (strcmp(notes_print(&o, "dx-1", buf, sizeof(buf)),
		    fit_rows[i].notes))
			fail_msg("row %zu: notes \"%s\"", i, buf);
		assert_int_equal(o.ncovered + o.ndropped, o.nnotes);
	}
	summary_fit_fini(&o);
	summary_fit_fini(&o);
}

static uint32_t
xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Input order does not matter once the cap is exceeded. */
static void
test_summary_fit_order(void **state)
{
	static const char routes[] = "192.0.2.0/24, 10.0.0.0/24, 10.0.1.0/24, "
	    "2001:db8::/48, 10.9.0.0/16, 198.51.100.0/24, 2001:db9::/32, "
	    "172.16.0.0/24, 172.16.1.0/24, 172.16.2.0/24, 203.0.113.0/24";
	struct summary_fit_out ref, o;
	struct prefix r[MAXV], s[MAXV], t;
	uint32_t seed = 12345;
	char a[4096], b[4096];
	size_t n, m, i, j, k;

	(void)state;
	memset(&ref, 0, sizeof(ref));
	memset(&o, 0, sizeof(o));
	n = plist(routes, r);
	m = plist("172.16.0.0/22, 10.0.0.0/23, 10.0.0.0/8", s);
	assert_int_equal(summary_fit(r, n, s, m, 4, &ref), -1);
	notes_print(&ref, "b", a, sizeof(a));
	for (k = 0; k < 50; k++) {
		for (i = n - 1; i > 0; i--) {
			j = xorshift(&seed) % (i + 1);
			t = r[i];
			r[i] = r[j];
			r[j] = t;
		}
		assert_int_equal(summary_fit(r, n, s, m, 4, &o), -1);
		assert_int_equal(o.n, ref.n);
		assert_memory_equal(o.v, ref.v, o.n * sizeof(*o.v));
		assert_string_equal(notes_print(&o, "b", b, sizeof(b)), a);
	}
	summary_fit_fini(&o);
	summary_fit_fini(&ref);
}

/* SPEC 2.1: 150 /24s towards a DX peer (100 per AFI) with two /16s. */
static void
test_summary_fit_dx(void **state)
{
	struct prefix r[150], s[2];
	struct summary_fit_out o;
	char p[PREFIX_STRLEN];
	size_t i;

	(void)state;
	memset(&o, 0, sizeof(o));
	memset(r, 0, sizeof(r));
	for (i = 0; i < 150; i++) {
		r[i].afi = AFI_IPV4;
		r[i].len = 24;
		r[i].a[0] = 10;
		r[i].a[1] = (uint8_t)(i % 2);
		r[i].a[2] = (uint8_t)(i / 2);
	}
	assert_int_equal(prefix_parse("10.1.0.0/16", &s[0], true), 0);
	assert_int_equal(prefix_parse("10.0.0.0/16", &s[1], true), 0);
	assert_int_equal(summary_fit(r, 150, s, 2, SUMMARY_CAP_DX_PER_AFI,
	    &o), 0);
	/* Equal cover: the first in drop order (10.0.0.0/16) is enough. */
	assert_int_equal(o.n, 76);
	assert_string_equal(prefix_print(&o.v[0], p, sizeof(p)),
	    "10.0.0.0/16");
	assert_string_equal(prefix_print(&o.v[1], p, sizeof(p)),
	    "10.1.0.0/24");
	assert_int_equal(o.ncovered, 75);
	assert_int_equal(o.ndropped, 0);
	summary_fit_fini(&o);
}

static bool
in_list(const struct prefix *v, size_t n, const struct prefix *p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prefix_eq(&v[i], p))
			return true;
	return false;
}

/* True if p was left out over the cap. */
static bool
cut(const struct summary_fit_out *o, const struct prefix *p)
{
	size_t i;

	for (i = 0; i < o->nnotes; i++)
		if (o->notes[i].why == SUMMARY_OVER_CAP &&
		    prefix_eq(&o->notes[i].prefix, p))
			return true;
	return false;
}

/* A random IPv4 (3 in 4) or IPv6 prefix inside 10/6 (0a00::/6), of
 * length lo .. lo + span - 1. */
static struct prefix
rand_prefix(uint32_t *seed, unsigned lo, unsigned span)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	p.afi = xorshift(seed) % 4 ? AFI_IPV4 : AFI_IPV6;
	p.len = (uint8_t)(lo + xorshift(seed) % span);
	p.a[0] = 10;
	p.a[1] = (uint8_t)(xorshift(seed) % 4);
	p.a[2] = (uint8_t)xorshift(seed);
	prefix_mask(&p);
	return p;
}

/* Route r is advertised, or covered by a summary that is advertised or
 * itself left out, or left out; exactly one note or none. */
static void
route_check(const struct summary_fit_out *o, const struct prefix *r)
{
	bool adv = in_list(o->v, o->n, r), note = false;
	const struct summary_note *nt;
	size_t j;

	for (j = 0; j < o->nnotes; j++) {
		nt = &o->notes[j];
		if (!prefix_eq(&nt->prefix, r))
			continue;
		assert_false(note);
		note = true;
		if (nt->why != SUMMARY_COVERED)
			continue;
		assert_true(nt->by.len < r->len &&
		    prefix_contains(&nt->by, r));
		assert_true(in_list(o->v, o->n, &nt->by) || cut(o, &nt->by));
	}
	assert_true(adv != note);
}

/* Random sets (fixed seed): what the contract promises, every time. */
static void
test_summary_fit_random(void **state)
{
	struct prefix r[64], s[8];
	struct summary_fit_out o;
	uint32_t seed = 777;
	size_t k, i, n, m, cap, ncov = 0, ndrop = 0;

	(void)state;
	memset(&o, 0, sizeof(o));
	for (k = 0; k < 500; k++) {
		n = xorshift(&seed) % 64;
		m = xorshift(&seed) % 8;
		cap = xorshift(&seed) % 40;
		for (i = 0; i < n; i++)
			r[i] = rand_prefix(&seed, 16, 9);
		for (i = 0; i < m; i++)
			s[i] = rand_prefix(&seed, 8, 12);
		summary_fit(r, n, s, m, cap, &o);
		assert_true(o.n <= cap || o.n == n);
		/* Every advertised prefix is a route or a summary. */
		for (i = 0; i < o.n; i++)
			assert_true(in_list(r, n, &o.v[i]) ||
			    in_list(s, m, &o.v[i]));
		for (i = 0; i < n; i++)
			route_check(&o, &r[i]);
		assert_int_equal(o.ncovered + o.ndropped, o.nnotes);
		ncov += o.ncovered > 0;
		ndrop += o.ndropped > 0;
	}
	/* Both paths were exercised often. */
	assert_true(ncov > 100 && ndrop > 100);
	summary_fit_fini(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_fit_rows),
		cmocka_unit_test(test_summary_fit_order),
		cmocka_unit_test(test_summary_fit_dx),
		cmocka_unit_test(test_summary_fit_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
