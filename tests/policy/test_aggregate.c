/*
 * Unit tests for policy/aggregate.c. Scenario tables feed contributor
 * events and state the exact change list each one must produce: the first
 * contributor creates a summary and the last removes it, summary-only
 * suppress / unsuppress lists, as-set paths and community unions, the
 * ATOMIC_AGGREGATE and ORIGIN rules, attribute changes that do or do not
 * change the summary, nested summaries, IPv6 and 4-octet ASNs, a
 * contributor equal to the summary ignored, ORIGINATE summaries, an
 * attribute policy that rejects, and the make-before-break order. A
 * randomised run (fixed seed) checks after every event that the changes
 * replayed onto a mirror, the aggregate's own state dump and a from-scratch
 * computation agree. Every test ends with the interning counters at zero.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/aspath.h"
#include "policy/aggregate.h"
#include "tests/policy/aggfix.h"
#include "tests/policy/polfix.h"

#define OWN_AS 64512u
#define ROUTER_ID 0x01010101u		/* 1.1.1.1 */
#define AGG " agg=64512:1.1.1.1"

/* The attribute sets scenarios refer to by index. */
struct aspec {
	const char *path;
	uint8_t origin;
	const char *comms, *lcomms;
	unsigned flags;
	uint32_t med;
};

static const struct aspec aspecs[] = {
	/* 0 */ { "65001", ORIGIN_IGP, NULL, NULL, 0, 0 },
	/* 1 */ { "65002 65003", ORIGIN_EGP, "65002:1", NULL, 0, 0 },
	/* 2 */ { "65001", ORIGIN_INCOMPLETE, NULL, NULL, 0, 0 },
	/* 3 */ { NULL, ORIGIN_IGP, NULL, NULL, 0, 0 },
	/* 4 */ { "65001", ORIGIN_IGP, NULL, NULL, AF_ATOMIC, 0 },
	/* 5 */ { "65001", ORIGIN_IGP, NULL, NULL, AF_MED, 50 },
	/* 6 */ { "4200000001 65010", ORIGIN_IGP, "1:1", "4200000001:1:2", 0,
	    0 },
	/* 7 */ { "65001 65005", ORIGIN_IGP, "65001:7", NULL, 0, 0 },
	/* 8 */ { "(64600) 65001", ORIGIN_IGP, NULL, NULL, 0, 0 },
	/* 9 */ { "65002 65003", ORIGIN_IGP, NULL, NULL, AF_MED, 50 },
	/* 10 */ { "65001", ORIGIN_IGP, NULL, NULL, AF_MED, 7 },
};
#define NASPECS (sizeof(aspecs) / sizeof(aspecs[0]))

struct env {
	struct attr_table *t;
	const struct attrs *a[NASPECS];
	struct policy_db *db;
	const struct policy *pol;	/* rejects INCOMPLETE, adds 64512:99 */
};

static void
env_policy(struct env *e)
{
	struct policy *pol;
	struct pol_stmt *st;
	struct pol_cond *c;

	e->db = policy_db_new();
	pol = policy_db_add_policy(e->db, "summary-attrs");
	st = policy_add_stmt(pol, "no-incomplete");
	c = policy_add_cond(st, POL_C_ORIGIN_EQ);
	c->value = ORIGIN_INCOMPLETE;
	st->act.result = POL_REJECT;
	st = policy_add_stmt(pol, "tag");
	st->act.flags = POL_A_COMM;
	st->act.comm_op = POL_COMM_ADD;
	st->act.comm = fx_cset(e->db, CTEXT_STD, "64512:99");
	st->act.result = POL_ACCEPT;
	e->pol = pol;
}

static void
env_init(struct env *e)
{
	size_t i;

	e->t = attr_table_new();
	for (i = 0; i < NASPECS; i++)
		e->a[i] = af_attrs(e->t, aspecs[i].path, aspecs[i].origin,
		    aspecs[i].comms, aspecs[i].lcomms, aspecs[i].flags,
		    aspecs[i].med);
	env_policy(e);
}

/* Release everything; the interning table must be empty by then. */
static void
env_fini(struct env *e)
{
	size_t i;

	for (i = 0; i < NASPECS; i++)
		attrs_unref(e->t, e->a[i]);
	assert_int_equal(attr_table_count(e->t), 0);
	assert_int_equal(attr_table_blob_count(e->t), 0);
	attr_table_free(e->t);
	policy_db_free(e->db);
}

/*
 * Summaries from text: "10.0.0.0/8 only aset, 10.1.0.0/16 orig" with the
 * words only (summary-only), orig (originate), aset, med (med_match) and
 * pol.
 */
static size_t
confs_parse(const struct env *e, const char *text,
    struct aggregate_conf *v, size_t max)
{
	char *dup = strdup(text), *save = NULL, *tok, *w, *s2;
	size_t n = 0;

	for (tok = strtok_r(dup, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		assert_true(n < max);
		memset(&v[n], 0, sizeof(v[n]));
		w = strtok_r(tok, " ", &s2);
		assert_int_equal(prefix_parse(w, &v[n].prefix, true), 0);
		while ((w = strtok_r(NULL, " ", &s2)) != NULL) {
			if (strcmp(w, "only") == 0)
				v[n].mode = AGGREGATE_SUMMARY_ONLY;
			else if (strcmp(w, "orig") == 0)
				v[n].mode = AGGREGATE_ORIGINATE;
			else if (strcmp(w, "aset") == 0)
				v[n].as_set = true;
			else if (strcmp(w, "med") == 0)
				v[n].med_match = true;
			else if (strcmp(w, "pol") == 0)
				v[n].pol = e->pol;
			else
				fail_msg("bad word %s", w);
		}
		n++;
	}
	free(dup);
	return n;
}

static struct aggregate *
agg_make(const struct env *e, const char *sums)
{
	struct aggregate_conf confs[16];
	struct aggregate_opts o = { OWN_AS, ROUTER_ID };
	size_t n = confs_parse(e, sums, confs, 16);

	return aggregate_new(e->t, &o, confs, n);
}

/* One event: prefix, attribute set index or -1 (withdraw), expected. */
struct step {
	const char *prefix;
	int a;
	const char *expect;
};

struct scenario {
	const char *name;
	const char *sums;
	const char *initial;		/* aggregate_state() at start */
	struct step steps[12];		/* ends at prefix NULL */
};

static const struct scenario scenarios[] = {
	{ "come and go", "10.0.0.0/8", "", {
	    { "10.1.0.0/16", 0, "add 10.0.0.0/8 o=i p=[] aa" AGG },
	    { "10.2.0.0/16", 0, "" },
	    { "10.0.0.0/8", 1, "" },	/* equal to the summary */
	    { "11.0.0.0/8", 1, "" },	/* outside */
	    { "10.1.0.0/16", -1, "" },
	    { "10.9.0.0/16", -1, "" },	/* never announced */
	    { "10.2.0.0/16", -1, "remove 10.0.0.0/8" },
	    { "10.0.0.0/8", -1, "" },
	    { NULL, 0, NULL } } },
	{ "summary-only", "10.0.0.0/8 only", "", {
	    { "10.1.0.0/16", 3,
		"add 10.0.0.0/8 o=i p=[]" AGG "; suppress 10.1.0.0/16" },
	    { "10.2.0.0/16", 0, "change 10.0.0.0/8 o=i p=[] aa" AGG
		"; suppress 10.2.0.0/16" },
	    { "10.2.0.0/16", 5, "" },	/* MED is not carried */
	    { "10.2.0.0/16", 2, "change 10.0.0.0/8 o=c p=[] aa" AGG },
	    { "10.1.0.0/16", -1, "unsuppress 10.1.0.0/16" },
	    { "10.0.0.0/8", 0, "" },
	    { "10.2.0.0/16", -1,
		"unsuppress 10.2.0.0/16; remove 10.0.0.0/8" },
	    { NULL, 0, NULL } } },
	{ "as-set", "10.0.0.0/8 aset", "", {
	    { "10.1.0.0/16", 0, "add 10.0.0.0/8 o=i p=[65001]" AGG },
	    { "10.2.0.0/16", 7, "change 10.0.0.0/8 o=i p=[65001 {65005}]"
		AGG " c=[65001:7]" },
	    { "10.3.0.0/16", 1,
		"change 10.0.0.0/8 o=e p=[{65001,65002,65003,65005}]" AGG
		" c=[65001:7 65002:1]" },
	    { "10.3.0.0/16", -1, "change 10.0.0.0/8 o=i p=[65001 {65005}]"
		AGG " c=[65001:7]" },
	    { "10.4.0.0/16", 4, "change 10.0.0.0/8 o=i p=[65001 {65005}]"
		" aa" AGG " c=[65001:7]" },
	    { "10.2.0.0/16", -1, "change 10.0.0.0/8 o=i p=[65001] aa" AGG },
	    { "10.4.0.0/16", -1, "change 10.0.0.0/8 o=i p=[65001]" AGG },
	    { "10.5.0.0/16", 8, "change 10.0.0.0/8 o=i p=[{65001}] aa" AGG },
	    { "10.1.0.0/16", -1, "change 10.0.0.0/8 o=i p=[(64600) 65001]"
		AGG },
	    { "10.5.0.0/16", -1, "remove 10.0.0.0/8" },
	    { NULL, 0, NULL } } },
	{ "origin", "10.0.0.0/8", "", {
	    { "10.1.0.0/16", 0, "add 10.0.0.0/8 o=i p=[] aa" AGG },
	    { "10.2.0.0/16", 1, "change 10.0.0.0/8 o=e p=[] aa" AGG },
	    { "10.3.0.0/16", 2, "change 10.0.0.0/8 o=c p=[] aa" AGG },
	    { "10.4.0.0/16", 0, "" },
	    { "10.3.0.0/16", -1, "change 10.0.0.0/8 o=e p=[] aa" AGG },
	    { "10.2.0.0/16", -1, "change 10.0.0.0/8 o=i p=[] aa" AGG },
	    { "10.1.0.0/16", 2, "change 10.0.0.0/8 o=c p=[] aa" AGG },
	    { NULL, 0, NULL } } },
	{ "atomic without as-set", "10.0.0.0/8", "", {
	    { "10.1.0.0/16", 3, "add 10.0.0.0/8 o=i p=[]" AGG },
	    { "10.2.0.0/16", 3, "" },
	    { "10.3.0.0/16", 0, "change 10.0.0.0/8 o=i p=[] aa" AGG },
	    { "10.3.0.0/16", -1, "change 10.0.0.0/8 o=i p=[]" AGG },
	    { NULL, 0, NULL } } },
	{ "atomic with as-set", "10.0.0.0/8 aset", "", {
	    { "10.1.0.0/16", 3, "add 10.0.0.0/8 o=i p=[]" AGG },
	    { "10.2.0.0/16", 0, "change 10.0.0.0/8 o=i p=[{65001}]" AGG },
	    { "10.3.0.0/16", 4, "change 10.0.0.0/8 o=i p=[{65001}] aa"
		AGG },
	    { "10.3.0.0/16", 0, "change 10.0.0.0/8 o=i p=[{65001}]" AGG },
	    { NULL, 0, NULL } } },
	{ "nested", "10.0.0.0/8 only, 10.1.0.0/16", "", {
	    { "10.1.1.0/24", 0, "add 10.0.0.0/8 o=i p=[] aa" AGG
		"; add 10.1.0.0/16 o=i p=[] aa" AGG
		"; suppress 10.1.1.0/24" },
	    { "10.2.0.0/16", 3, "suppress 10.2.0.0/16" },
	    { "10.1.0.0/16", 1, "change 10.0.0.0/8 o=e p=[] aa" AGG
		"; suppress 10.1.0.0/16" },
	    { "10.1.1.0/24", -1,
		"unsuppress 10.1.1.0/24; remove 10.1.0.0/16" },
	    { "10.2.0.0/16", -1, "unsuppress 10.2.0.0/16" },
	    { "10.1.0.0/16", -1,
		"unsuppress 10.1.0.0/16; remove 10.0.0.0/8" },
	    { NULL, 0, NULL } } },
	{ "ipv6 and 4-octet", "2001:db8::/32 aset, 0.0.0.0/0 only", "", {
	    { "2001:db8:1::/48", 6, "add 2001:db8::/32 o=i"
		" p=[4200000001 65010]" AGG " c=[1:1]"
		" l=[4200000001:1:2]" },
	    { "10.0.0.0/8", 0, "add 0.0.0.0/0 o=i p=[] aa" AGG
		"; suppress 10.0.0.0/8" },
	    { "2001:db8:2::/48", 0, "change 2001:db8::/32 o=i"
		" p=[{65001,65010,4200000001}]" AGG " c=[1:1]"
		" l=[4200000001:1:2]" },
	    { "2001:db9::/48", 0, "" },
	    { "2001:db8:1::/48", -1, "change 2001:db8::/32 o=i p=[65001]"
		AGG },
	    { "10.0.0.0/8", -1, "unsuppress 10.0.0.0/8; remove 0.0.0.0/0" },
	    { "2001:db8:2::/48", -1, "remove 2001:db8::/32" },
	    { NULL, 0, NULL } } },
	{ "originate", "192.0.2.0/24 orig, 10.0.0.0/8 orig pol",
	    "add 10.0.0.0/8 o=i p=[] c=[64512:99]; add 192.0.2.0/24 o=i p=[]",
	    {
	    { "192.0.2.128/25", 0, "" },
	    { "10.1.0.0/16", 2, "" },
	    { NULL, 0, NULL } } },
	{ "make before break", "10.0.0.0/8 only, 10.0.0.0/16 only, "
	    "10.0.0.0/24", "", {
	    { "10.0.0.0/25", 3, "add 10.0.0.0/8 o=i p=[]" AGG
		"; add 10.0.0.0/16 o=i p=[]" AGG
		"; add 10.0.0.0/24 o=i p=[]" AGG "; suppress 10.0.0.0/25" },
	    { "10.0.0.0/25", -1, "unsuppress 10.0.0.0/25"
		"; remove 10.0.0.0/8; remove 10.0.0.0/16"
		"; remove 10.0.0.0/24" },
	    { NULL, 0, NULL } } },
	{ "attribute policy", "10.0.0.0/8 only pol", "", {
	    { "10.1.0.0/16", 0, "add 10.0.0.0/8 o=i p=[] aa" AGG
		" c=[64512:99]; suppress 10.1.0.0/16" },
	    { "10.2.0.0/16", 2,
		"unsuppress 10.1.0.0/16; remove 10.0.0.0/8" },
	    { "10.3.0.0/16", 0, "" },
	    { "10.2.0.0/16", 0, "add 10.0.0.0/8 o=i p=[] aa" AGG
		" c=[64512:99]; suppress 10.1.0.0/16"
		"; suppress 10.2.0.0/16; suppress 10.3.0.0/16" },
	    { "10.2.0.0/16", -1, "unsuppress 10.2.0.0/16" },
	    { "10.3.0.0/16", 2,
		"unsuppress 10.1.0.0/16; unsuppress 10.3.0.0/16"
		"; remove 10.0.0.0/8" },
	    { "10.3.0.0/16", -1, "add 10.0.0.0/8 o=i p=[] aa" AGG
		" c=[64512:99]; suppress 10.1.0.0/16" },
	    { "10.1.0.0/16", -1,
		"unsuppress 10.1.0.0/16; remove 10.0.0.0/8" },
	    { NULL, 0, NULL } } },
	{ "matching MED only", "10.0.0.0/8 only med", "", {
	    { "10.1.0.0/16", 0, "add 10.0.0.0/8 o=i p=[] aa" AGG
		"; suppress 10.1.0.0/16" },
	    { "10.2.0.0/16", 5,
		"unsuppress 10.1.0.0/16; remove 10.0.0.0/8" },
	    { "10.2.0.0/16", 0, "add 10.0.0.0/8 o=i p=[] aa" AGG
		"; suppress 10.1.0.0/16; suppress 10.2.0.0/16" },
	    { "10.1.0.0/16", -1, "unsuppress 10.1.0.0/16" },
	    { "10.2.0.0/16", 5, "" },
	    { "10.3.0.0/16", 9, "suppress 10.3.0.0/16" },	/* same MED */
	    { "10.4.0.0/16", 10, "unsuppress 10.2.0.0/16"
		"; unsuppress 10.3.0.0/16; remove 10.0.0.0/8" },
	    { "10.4.0.0/16", -1, "add 10.0.0.0/8 o=i p=[] aa" AGG
		"; suppress 10.2.0.0/16; suppress 10.3.0.0/16" },
	    { "10.2.0.0/16", -1, "unsuppress 10.2.0.0/16" },
	    { "10.3.0.0/16", -1,
		"unsuppress 10.3.0.0/16; remove 10.0.0.0/8" },
	    { NULL, 0, NULL } } },
	{ "duplicate summary keeps the first", "10.0.0.0/8 only, "
	    "10.0.0.0/8 orig", "", {
	    { "10.1.0.0/16", 3,
		"add 10.0.0.0/8 o=i p=[]" AGG "; suppress 10.1.0.0/16" },
	    { "10.1.0.0/16", -1,
		"unsuppress 10.1.0.0/16; remove 10.0.0.0/8" },
	    { NULL, 0, NULL } } },
};

static void
scenario_run(struct env *e, const struct scenario *sc)
{
	struct aggregate_changes ch = { NULL, 0, 0 };
	struct aggregate *agg = agg_make(e, sc->sums);
	const struct step *st;
	struct prefix p;
	char buf[8192];
	size_t n;

	aggregate_state(agg, &ch);
	if (strcmp(af_changes_print(&ch, 0, buf, sizeof(buf)), sc->initial))
		fail_msg("%s: initial \"%s\"", sc->name, buf);
	aggregate_changes_clear(agg, &ch);
	for (st = sc->steps; st->prefix != NULL; st++) {
		assert_int_equal(prefix_parse(st->prefix, &p, true), 0);
		n = aggregate_update(agg, &p, st->a < 0 ? NULL : e->a[st->a],
		    &ch);
		assert_int_equal(n, ch.n);
		af_changes_print(&ch, 0, buf, sizeof(buf));
		if (strcmp(buf, st->expect))
			fail_msg("%s step %zu (%s): \"%s\"", sc->name,
			    (size_t)(st - sc->steps), st->prefix, buf);
		aggregate_changes_clear(agg, &ch);
	}
	aggregate_changes_fini(agg, &ch);
	aggregate_free(agg);
}

static void
test_aggregate_scenarios(void **state)
{
	struct env e;
	size_t i;

	(void)state;
	env_init(&e);
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		scenario_run(&e, &scenarios[i]);
	env_fini(&e);
}

/* Host bits of the fed prefix are ignored; count tracks inside prefixes
 * only; freeing with contributors held releases them. */
static void
test_aggregate_count(void **state)
{
	struct aggregate_changes ch = { NULL, 0, 0 };
	struct aggregate *agg;
	struct prefix p;
	struct env e;

	(void)state;
	env_init(&e);
	agg = agg_make(&e, "10.0.0.0/8 aset");
	assert_int_equal(prefix_parse("10.1.2.3/16", &p, false), 0);
	p.a[2] = 2;			/* host bits set */
	assert_int_equal(aggregate_update(agg, &p, e.a[0], &ch), 1);
	assert_int_equal(prefix_parse("10.1.0.0/16", &p, true), 0);
	assert_int_equal(aggregate_update(agg, &p, e.a[0], &ch), 0);
	assert_int_equal(prefix_parse("12.0.0.0/16", &p, true), 0);
	assert_int_equal(aggregate_update(agg, &p, e.a[0], &ch), 0);
	assert_int_equal(aggregate_count(agg), 1);
	assert_int_equal(prefix_parse("10.7.0.0/16", &p, true), 0);
	assert_int_equal(aggregate_update(agg, &p, e.a[1], &ch), 1);
	assert_int_equal(aggregate_count(agg), 2);
	aggregate_changes_fini(agg, &ch);
	aggregate_free(agg);
	aggregate_free(NULL);
	env_fini(&e);
}

/* The queries: a summary's current attributes, a prefix's suppression. */
static void
test_aggregate_queries(void **state)
{
	struct aggregate_changes ch = { NULL, 0, 0 };
	struct aggregate *agg;
	struct prefix s, p, q;
	struct env e;

	(void)state;
	env_init(&e);
	agg = agg_make(&e, "10.0.0.0/8 only");
	assert_int_equal(prefix_parse("10.0.0.0/8", &s, true), 0);
	assert_int_equal(prefix_parse("10.1.0.0/16", &p, true), 0);
	assert_int_equal(prefix_parse("11.0.0.0/8", &q, true), 0);
	assert_null(aggregate_summary(agg, &s));
	assert_false(aggregate_suppressed(agg, &p));
	aggregate_update(agg, &p, e.a[0], &ch);
	assert_non_null(aggregate_summary(agg, &s));
	assert_ptr_equal(aggregate_summary(agg, &s), ch.v[0].attrs);
	assert_null(aggregate_summary(agg, &p));
	assert_null(aggregate_summary(agg, &q));
	assert_true(aggregate_suppressed(agg, &p));
	assert_false(aggregate_suppressed(agg, &q));
	s.a[3] = 1;			/* host bits are ignored */
	assert_non_null(aggregate_summary(agg, &s));
	aggregate_update(agg, &p, NULL, &ch);
	assert_null(aggregate_summary(agg, &s));
	assert_false(aggregate_suppressed(agg, &p));
	aggregate_changes_fini(agg, &ch);
	aggregate_free(agg);
	env_fini(&e);
}

/* Many contributors: the hash grows and shrinks, the summary stays. */
static void
test_aggregate_many(void **state)
{
	struct aggregate_changes ch = { NULL, 0, 0 };
	struct aggregate *agg;
	struct prefix p;
	struct env e;
	uint32_t i;

	(void)state;
	env_init(&e);
	agg = agg_make(&e, "10.0.0.0/8 only aset");
	memset(&p, 0, sizeof(p));
	p.afi = AFI_IPV4;
	p.len = 24;
	p.a[0] = 10;
	for (i = 0; i < 5000; i++) {
		p.a[1] = (uint8_t)(i >> 8);
		p.a[2] = (uint8_t)i;
		aggregate_update(agg, &p, e.a[i % 2 ? 0 : 7], &ch);
	}
	assert_int_equal(aggregate_count(agg), 5000);
	/* add + change + one suppress per prefix. */
	assert_int_equal(ch.n, 5002);
	aggregate_changes_clear(agg, &ch);
	for (i = 0; i < 5000; i++) {
		p.a[1] = (uint8_t)(i >> 8);
		p.a[2] = (uint8_t)i;
		aggregate_update(agg, &p, NULL, &ch);
	}
	assert_int_equal(aggregate_count(agg), 0);
	assert_int_equal(ch.n, 5002);
	assert_int_equal(ch.v[ch.n - 1].kind, AGGREGATE_REMOVE);
	aggregate_changes_fini(agg, &ch);
	aggregate_free(agg);
	env_fini(&e);
}

/* Summaries from the BGP config and from summarize actions of a chain. */
static void
test_aggregate_confs(void **state)
{
	struct config_aggregate cfg[3];
	struct aggregate_conf out[4];
	const struct policy *pols[2];
	struct pol_chain chain = { pols, 2, POL_ACCEPT };
	struct policy_db *db = policy_db_new();
	struct policy *pol;
	struct pol_stmt *st;
	size_t i;

	(void)state;
	memset(cfg, 0, sizeof(cfg));
	for (i = 0; i < 3; i++)
		assert_int_equal(prefix_parse(i == 2 ? "2001:db8::/32" :
		    i ? "192.0.2.0/24" : "10.0.0.0/8", &cfg[i].prefix, true), 0);
	cfg[0].mode = CONFIG_AGG_SUMMARY_ONLY;
	cfg[1].mode = CONFIG_AGG_ORIGINATE;
	cfg[2].mode = CONFIG_AGG_AGGREGATE;
	cfg[2].as_set = true;
	assert_int_equal(aggregate_confs_from_config(cfg, 3, out), 3);
	assert_int_equal(out[0].mode, AGGREGATE_SUMMARY_ONLY);
	assert_int_equal(out[1].mode, AGGREGATE_ORIGINATE);
	assert_int_equal(out[2].mode, AGGREGATE_AGGREGATE);
	assert_true(out[2].as_set && !out[0].as_set);
	assert_true(prefix_eq(&out[1].prefix, &cfg[1].prefix));
	assert_null(out[0].pol);

	pol = policy_db_add_policy(db, "a");
	st = policy_add_stmt(pol, "none");
	st = policy_add_stmt(pol, "sum");
	st->act.flags = POL_A_SUMMARIZE;
	st->act.summary = cfg[0].prefix;
	st->act.summary_only = true;
	pols[0] = pol;
	pol = policy_db_add_policy(db, "b");
	st = policy_add_stmt(pol, "sum6");
	st->act.flags = POL_A_SUMMARIZE | POL_A_MED;
	st->act.summary = cfg[2].prefix;
	st->act.summary_as_set = true;
	pols[1] = pol;
	assert_int_equal(aggregate_confs_from_chain(&chain, out, 1), 2);
	assert_int_equal(aggregate_confs_from_chain(&chain, out, 4), 2);
	assert_true(prefix_eq(&out[0].prefix, &cfg[0].prefix));
	assert_int_equal(out[0].mode, AGGREGATE_SUMMARY_ONLY);
	assert_false(out[0].as_set);
	assert_true(prefix_eq(&out[1].prefix, &cfg[2].prefix));
	assert_int_equal(out[1].mode, AGGREGATE_AGGREGATE);
	assert_true(out[1].as_set);
	policy_db_free(db);
}

/* ----- randomised run against a from-scratch computation ----- */

static const char *const universe[] = {
	"0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.1.0/24",
	"10.0.1.0/25", "10.0.1.128/25", "10.0.2.0/24", "10.1.0.0/16",
	"10.128.0.0/9", "10.128.0.0/16", "10.200.0.0/16", "10.200.1.0/24",
	"11.0.0.0/8", "172.16.0.0/12", "172.16.0.0/16", "172.17.0.0/16",
	"172.31.255.0/24", "192.0.2.0/24", "192.0.2.0/25",
	"::/0", "2001:db8::/32", "2001:db8:1::/48", "2001:db8:1:1::/64",
	"2001:db8:2::/48", "2001:db8:ffff::/48", "2001:db9::/32",
};
#define NUNI (sizeof(universe) / sizeof(universe[0]))

static const char rand_sums[] = "10.0.0.0/8 only aset, 10.0.0.0/16, "
    "10.0.1.0/24 aset med, 10.128.0.0/9 only pol, 2001:db8::/32 only aset med, "
    "172.16.0.0/12 only pol aset, "
    "2001:db8:1::/48, 192.0.2.0/24 orig, 0.0.0.0/0, 10.200.0.0/16 aset pol";

struct model {
	struct prefix p[NUNI];
	int a[NUNI];			/* aspecs index, -1 = absent */
	struct aggregate_conf confs[16];
	size_t nconfs;
	/* The mirror: changes replayed. */
	const struct attrs *sum[16];
	bool supp[NUNI];
};

static bool
inside(const struct prefix *outer, const struct prefix *inner)
{
	return outer->len < inner->len && prefix_contains(outer, inner);
}

/* RFC 4271 9.2.2.2 over every contributor (duplicates included). */
static void
naive_fill(const struct env *e, const struct model *m, size_t k,
    struct attr_builder *b)
{
	const struct aggregate_conf *c = &m->confs[k];
	struct bytes paths[NUNI], comms[NUNI], lcomms[NUNI], ecomms[NUNI];
	size_t i, n = 0;
	bool atomic = false, lost;
	const struct attrs *a;

	for (i = 0; i < NUNI; i++) {
		if (m->a[i] < 0 || !inside(&c->prefix, &m->p[i]))
			continue;
		a = e->a[m->a[i]];
		if (a->origin > b->a.origin)
			b->a.origin = a->origin;
		atomic = atomic || (a->flags & ATTRS_HAS_ATOMIC_AGG) ||
		    (!c->as_set && a->aspath != NULL);
		paths[n] = blob_bytes(a->aspath);
		comms[n] = blob_bytes(a->comms);
		lcomms[n] = blob_bytes(attrs_lcomms(a));
		ecomms[n] = blob_bytes(attrs_ecomms(a));
		n++;
	}
	b->a.flags |= ATTRS_HAS_AGGREGATOR;
	b->a.aggr_as = OWN_AS;
	b->a.aggr_id = ROUTER_ID;
	if (c->as_set) {
		b->aspath = aggregate_aspath(b, paths, n, &lost);
		atomic = atomic || lost;
		b->comms = aggregate_comm_union(b, comms, n, 4);
		b->lcomms = aggregate_comm_union(b, lcomms, n, 12);
		b->ecomms = aggregate_comm_union(b, ecomms, n, 8);
	}
	if (atomic)
		b->a.flags |= ATTRS_HAS_ATOMIC_AGG;
}

/* The attributes summary k should have: a new reference or NULL. */
static const struct attrs *
naive_sum(const struct env *e, const struct model *m, size_t k)
{
	const struct aggregate_conf *c = &m->confs[k];
	const struct attrs *res = NULL;
	struct attr_builder b;
	struct route r;
	const struct attrs *first = NULL, *a;
	bool med_differs = false;
	size_t i, n = 0;

	for (i = 0; i < NUNI; i++) {
		if (m->a[i] < 0 || !inside(&c->prefix, &m->p[i]))
			continue;
		a = e->a[m->a[i]];
		if (first == NULL)
			first = a;
		med_differs = med_differs ||
		    (a->flags & ATTRS_HAS_MED) != (first->flags & ATTRS_HAS_MED) ||
		    a->med != first->med;
		n++;
	}
	if (c->mode != AGGREGATE_ORIGINATE && n == 0)
		return NULL;
	if (c->med_match && med_differs)
		return NULL;
	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH;
	b.a.origin = ORIGIN_IGP;
	if (c->mode != AGGREGATE_ORIGINATE)
		naive_fill(e, m, k, &b);
	memset(&r, 0, sizeof(r));
	r.prefix = &c->prefix;
	r.afi = c->prefix.afi;
	r.safi = SAFI_UNICAST;
	r.peer_type = POL_PEER_IBGP;
	r.local = true;
	r.own_as = OWN_AS;
	if (c->pol == NULL || policy_apply(c->pol, &r, &b) != POL_REJECT)
		res = attrs_intern(e->t, &b);
	attr_builder_fini(&b);
	return res;
}

static size_t
model_conf(const struct model *m, const struct prefix *p)
{
	size_t k;

	for (k = 0; k < m->nconfs; k++)
		if (prefix_eq(&m->confs[k].prefix, p))
			return k;
	fail_msg("no summary");
	return 0;
}

static size_t
model_uni(const struct model *m, const struct prefix *p)
{
	size_t i;

	for (i = 0; i < NUNI; i++)
		if (prefix_eq(&m->p[i], p))
			return i;
	fail_msg("not in the universe");
	return 0;
}

/* Replay one change onto the mirror, checking it is a real change. */
static void
mirror_apply(const struct env *e, struct model *m,
    const struct aggregate_change *c)
{
	size_t k;

	switch (c->kind) {
	case AGGREGATE_ADD:
	case AGGREGATE_CHANGE:
		k = model_conf(m, &c->prefix);
		assert_true((m->sum[k] == NULL) == (c->kind == AGGREGATE_ADD));
		assert_ptr_not_equal(m->sum[k], c->attrs);
		attrs_unref(e->t, m->sum[k]);
		m->sum[k] = attrs_ref(c->attrs);
		break;
	case AGGREGATE_REMOVE:
		k = model_conf(m, &c->prefix);
		assert_non_null(m->sum[k]);
		attrs_unref(e->t, m->sum[k]);
		m->sum[k] = NULL;
		break;
	default:
		k = model_uni(m, &c->prefix);
		assert_true(m->supp[k] == (c->kind == AGGREGATE_UNSUPPRESS));
		m->supp[k] = c->kind == AGGREGATE_SUPPRESS;
		break;
	}
}

/* Mirror == from scratch == the aggregate's own state dump. */
static void
model_check(const struct env *e, struct model *m, struct aggregate *agg,
    size_t step)
{
	struct aggregate_changes st = { NULL, 0, 0 };
	const struct attrs *want;
	size_t k, i, j = 0;
	bool supp;

	for (k = 0; k < m->nconfs; k++) {
		want = naive_sum(e, m, k);
		if (want != m->sum[k])
			fail_msg("step %zu: summary %zu differs", step, k);
		attrs_unref(e->t, want);
	}
	for (i = 0; i < NUNI; i++) {
		supp = false;
		for (k = 0; k < m->nconfs; k++)
			supp = supp || (m->a[i] >= 0 && m->sum[k] != NULL &&
			    m->confs[k].mode == AGGREGATE_SUMMARY_ONLY &&
			    inside(&m->confs[k].prefix, &m->p[i]));
		if (supp != m->supp[i])
			fail_msg("step %zu: %s suppression", step, universe[i]);
	}
	aggregate_state(agg, &st);
	for (k = 0; k < m->nconfs; k++)
		if (m->sum[k] != NULL) {
			assert_true(j < st.n);
			assert_int_equal(st.v[j].kind, AGGREGATE_ADD);
			assert_ptr_equal(st.v[j++].attrs, m->sum[k]);
		}
	for (i = 0; i < NUNI; i++)
		if (m->supp[i])
			assert_true(j < st.n &&
			    prefix_eq(&st.v[j++].prefix, &m->p[i]));
	assert_int_equal(j, st.n);
	aggregate_changes_fini(agg, &st);
}

static uint32_t
xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static int
conf_qsort_cmp(const void *a, const void *b)
{
	const struct aggregate_conf *x = a, *y = b;

	return prefix_cmp(&x->prefix, &y->prefix);
}

static void
model_init(const struct env *e, struct model *m)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < NUNI; i++) {
		assert_int_equal(prefix_parse(universe[i], &m->p[i], true), 0);
		m->a[i] = -1;
	}
	m->nconfs = confs_parse(e, rand_sums, m->confs, 16);
	/* The state dump lists summaries in prefix order. */
	qsort(m->confs, m->nconfs, sizeof(m->confs[0]), conf_qsort_cmp);
}

static void
test_aggregate_random(void **state)
{
	struct aggregate_changes ch = { NULL, 0, 0 };
	struct aggregate *agg;
	struct model m;
	struct env e;
	uint32_t seed = 0x2545f491u;
	size_t step, i, u, first, kinds[5] = { 0 };
	int a;

	(void)state;
	env_init(&e);
	model_init(&e, &m);
	agg = agg_make(&e, rand_sums);
	aggregate_state(agg, &ch);
	for (i = 0; i < ch.n; i++)
		mirror_apply(&e, &m, &ch.v[i]);
	aggregate_changes_clear(agg, &ch);
	model_check(&e, &m, agg, 0);
	for (step = 1; step <= 4000; step++) {
		u = xorshift(&seed) % NUNI;
		a = xorshift(&seed) % 10 < 3 ? -1 :
		    (int)(xorshift(&seed) % NASPECS);
		m.a[u] = a;
		first = ch.n;
		aggregate_update(agg, &m.p[u], a < 0 ? NULL : e.a[a], &ch);
		for (i = first; i < ch.n; i++) {
			mirror_apply(&e, &m, &ch.v[i]);
			kinds[ch.v[i].kind]++;
		}
		aggregate_changes_clear(agg, &ch);
		model_check(&e, &m, agg, step);
	}
	/* The walk exercised every kind of change. */
	for (i = 0; i < 5; i++)
		if (kinds[i] < 50)
			fail_msg("kind %zu seen %zu times", i, kinds[i]);
	for (u = 0; u < NUNI; u++) {
		m.a[u] = -1;
		aggregate_update(agg, &m.p[u], NULL, &ch);
		for (i = 0; i < ch.n; i++)
			mirror_apply(&e, &m, &ch.v[i]);
		aggregate_changes_clear(agg, &ch);
	}
	model_check(&e, &m, agg, step);
	assert_int_equal(aggregate_count(agg), 0);
	aggregate_changes_fini(agg, &ch);
	aggregate_free(agg);
	for (i = 0; i < m.nconfs; i++)
		attrs_unref(e.t, m.sum[i]);
	env_fini(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregate_scenarios),
		cmocka_unit_test(test_aggregate_count),
		cmocka_unit_test(test_aggregate_many),
		cmocka_unit_test(test_aggregate_queries),
		cmocka_unit_test(test_aggregate_confs),
		cmocka_unit_test(test_aggregate_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
