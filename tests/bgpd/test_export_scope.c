/*
 * Tests for the AWS public VIF part of bgpd/export.c (SPEC 2.2): a route
 * learned on a dx-public session reaches only destinations in the scope
 * its 7224:9100 / 9200 / 9300 give (a destination without a region is
 * outside every region), loses those tags on the way out, and a route of
 * any other source is not scoped; towards a dx-public neighbour every
 * route gets NO_EXPORT and 7224:8100 / 8200 by the origin's region; the
 * export memo and the Adj-RIB-Out source kind tell sources apart by the
 * region relation (a memo keyed without it would answer for the wrong
 * destination), and keys differ by region and public flag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bgpd/export.h"
#include "lib/community.h"
#include "tests/policy/polfix.h"

struct ctx {
	struct attr_table *t;
};

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->t = attr_table_new();
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(attr_table_count(c->t), 0);
	attr_table_free(c->t);
	free(c);
	return 0;
}

/* An interned set with AS_PATH 65000, next hop 10.255.0.2 and comms. */
static const struct attrs *
in_make(struct ctx *c, const char *comms)
{
	const struct attrs *a;
	struct fx f;

	fx_init(&f, "198.51.100.0/24", "65000", comms, NULL, NULL);
	f.b.a.flags |= ATTRS_HAS_NEXTHOP;
	addr_parse("10.255.0.2", &f.b.a.nexthop);
	a = attrs_intern(c->t, &f.b);
	fx_fini(&f);
	return a;
}

/* An eBGP key towards a plain neighbour of region (NULL none). */
static void
key_make(struct export_key *k, const char *region, bool public)
{
	memset(k, 0, sizeof(*k));
	k->local_as = 64512;
	k->as4 = true;
	k->afs = WIRE_AF_IPV4_UNICAST;
	k->public = public;
	addr_parse("192.0.2.1", &k->nh4);
	if (region != NULL)
		snprintf(k->region, sizeof(k->region), "%s", region);
}

/* The communities of out as text, "withdrawn" for NULL. */
static const char *
comms_text(const struct attrs *out)
{
	static char buf[256];

	if (out == NULL)
		return "withdrawn";
	community_print(blob_bytes(out->comms), buf, sizeof(buf));
	return buf;
}

/* export_attrs() of comms from src (origin region from) towards k. */
static const char *
export_text(struct ctx *c, const struct export_key *k, const char *comms,
    bool public, const char *from)
{
	struct export_src src = { .peer_id = 5, .public = public };
	const struct attrs *in = in_make(c, comms), *out;
	struct prefix p;
	const char *s;

	prefix_parse("198.51.100.0/24", &p, true);
	export_src_scope(&src, k, from);
	out = export_attrs(c->t, k, NULL, &p, in, &src, 0);
	s = comms_text(out);
	attrs_unref(c->t, out);
	attrs_unref(c->t, in);
	return s;
}

static void
test_scope_rows(void **state)
{
	static const struct {
		const char *comms;
		bool public;
		const char *to;		/* destination region */
		const char *want;
	} rows[] = {
		/* 9100: the source's region only. */
		{ "7224:9100 65000:1", true, "us-east-1", "65000:1" },
		{ "7224:9100 65000:1", true, "us-west-2", "withdrawn" },
		{ "7224:9100 65000:1", true, "eu-west-1", "withdrawn" },
		{ "7224:9100 65000:1", true, NULL, "withdrawn" },
		/* 9200: its continent. */
		{ "7224:9200", true, "us-east-1", "" },
		{ "7224:9200", true, "ca-central-1", "" },
		{ "7224:9200", true, "eu-west-1", "withdrawn" },
		{ "7224:9200", true, NULL, "withdrawn" },
		/* 9300 and untagged: everywhere. */
		{ "7224:9300 65000:1", true, "eu-west-1", "65000:1" },
		{ "7224:9300", true, NULL, "" },
		{ "65000:1", true, "ap-south-1", "65000:1" },
		{ NULL, true, NULL, "" },
		/* Not from a public VIF: not scoped, tags passed on. */
		{ "7224:9100", false, NULL, "7224:9100" },
		{ "7224:9100", false, "eu-west-1", "7224:9100" },
	};
	struct ctx *c = *state;
	struct export_key k;
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got;

		key_make(&k, rows[i].to, false);
		got = export_text(c, &k, rows[i].comms, rows[i].public,
		    "us-east-1");
		if (strcmp(got, rows[i].want))
			fail_msg("row %zu: \"%s\", want \"%s\"", i, got,
			    rows[i].want);
	}
}

/* Towards a public VIF: NO_EXPORT and the origin tag by region. */
static void
test_scope_to_public(void **state)
{
	static const struct {
		const char *from;	/* the origin's region */
		const char *comms, *want;
	} rows[] = {
		{ "us-east-1", "65000:1", "65000:1 no-export 7224:8100" },
		{ "us-west-2", "65000:1", "65000:1 no-export 7224:8200" },
		{ "eu-west-1", "65000:1", "65000:1 no-export" },
		{ NULL, NULL, "no-export" },
		{ "", "7224:8100", "no-export" },
	};
	struct ctx *c = *state;
	struct export_key k;
	size_t i;

	key_make(&k, "us-east-1", true);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *got = export_text(c, &k, rows[i].comms, false,
		    rows[i].from);

		if (strcmp(got, rows[i].want))
			fail_msg("row %zu: \"%s\", want \"%s\"", i, got,
			    rows[i].want);
	}
	/* A route that already carries NO_EXPORT is not sent at all. */
	assert_string_equal(export_text(c, &k, "no-export", false,
	    "us-east-1"), "withdrawn");
}

static void
noop_requeue(void *ctx, const struct prefix *p)
{
	(void)ctx;
	(void)p;
}

/*
 * One input set from sources in different regions, through one memo:
 * each answer is the one computed without a memo.
 */
static void
test_scope_memo(void **state)
{
	static const char *const from[] = { "us-east-1", "eu-west-1",
		"us-west-2", "us-east-1", NULL, "eu-west-1" };
	struct ctx *c = *state;
	const struct attrs *in = in_make(c, "7224:9100 65000:1"), *a, *b;
	struct export_sum *memo = NULL, *none;
	struct export_key k;
	struct export_src src = { .peer_id = 5, .public = true };
	struct prefix p;
	uint32_t kinds[3];
	size_t i;

	prefix_parse("198.51.100.0/24", &p, true);
	key_make(&k, "us-east-1", false);
	for (i = 0; i < sizeof(from) / sizeof(from[0]); i++) {
		none = NULL;
		export_src_scope(&src, &k, from[i]);
		a = export_sum_route(&memo, c->t, 1, &k, NULL, &p, in, &src,
		    0, noop_requeue, NULL);
		b = export_sum_route(&none, c->t, 1, &k, NULL, &p, in, &src,
		    0, noop_requeue, NULL);
		assert_ptr_equal(a, b);
		assert_int_equal(a != NULL, from[i] != NULL &&
		    !strcmp(from[i], "us-east-1"));
		attrs_unref(c->t, a);
		attrs_unref(c->t, b);
		export_sum_free(none);
	}
	export_sum_free(memo);
	/* Source kinds: distinct per relation and public flag, 16 bits. */
	for (i = 0; i < 3; i++) {
		src.rel = (uint8_t)i;
		kinds[i] = export_src_kind(&p, &src);
		assert_true(kinds[i] < 0xffffu);
	}
	assert_true(kinds[0] != kinds[1] && kinds[1] != kinds[2] &&
	    kinds[0] != kinds[2]);
	src.public = false;
	src.rel = 0;
	assert_true(export_src_kind(&p, &src) != kinds[0]);
	attrs_unref(c->t, in);
}

static void
test_scope_key(void **state)
{
	struct export_key a, b;
	struct export_src src = { .peer_id = 5 };

	(void)state;
	key_make(&a, "us-east-1", false);
	key_make(&b, "us-east-1", false);
	assert_true(export_key_eq(&a, &b));
	key_make(&b, "eu-west-1", false);
	assert_false(export_key_eq(&a, &b));
	key_make(&b, "us-east-1", true);
	assert_false(export_key_eq(&a, &b));
	key_make(&b, NULL, false);
	assert_false(export_key_eq(&a, &b));
	/* No region in the key: nothing compared, relation "other". */
	export_src_scope(&src, &b, "us-east-1");
	assert_int_equal(src.rel, REGION_OTHER);
	export_src_scope(&src, &a, "us-east-1");
	assert_int_equal(src.rel, REGION_SAME);
	export_src_scope(&src, &a, "");
	assert_int_equal(src.rel, REGION_OTHER);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scope_rows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scope_to_public, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scope_memo, setup,
		    teardown),
		cmocka_unit_test(test_scope_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
