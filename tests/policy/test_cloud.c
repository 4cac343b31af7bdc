/*
 * Unit tests for policy/cloud.c: DX local-pref classes, intent per side and
 * method (and identical results on the four links), drain on import and
 * export towards both sides, the reserved 7224:x strip of the DX and public
 * VIF profiles, public VIF scope and origin tags, and the Cloud Router
 * quota drop order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/cloud.h"
#include "tests/policy/polfix.h"

static void
test_cloud_dx_local_pref(void **state)
{
	static const struct {
		const char *comms;
		uint32_t lp;
	} rows[] = {
		{ NULL, 200 },
		{ "1:1 2:2", 200 },
		{ "7224:7100", 100 },
		{ "7224:7200", 200 },
		{ "7224:7300", 300 },
		{ "7224:7300 7224:7200", 200 },
		{ "7224:7300 1:1 7224:7100", 100 },
		{ "7224:7400 7224:9100", 200 },
	};
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fx_init(&f, "10.0.0.0/8", "65000", rows[i].comms, NULL, NULL);
		cloud_dx_import(&f.b);
		assert_true(f.b.a.flags & ATTRS_HAS_LOCAL_PREF);
		if (f.b.a.local_pref != rows[i].lp)
			fail_msg("row %zu: %u", i, f.b.a.local_pref);
		fx_fini(&f);
	}
}

struct intent_row {
	uint8_t intent, side, method;
	const char *comms_out;
	const char *path_out;
	bool has_med;
	uint32_t med;
};

static const struct intent_row intent_rows[] = {
	{ CLOUD_PREFER, CLOUD_SIDE_DX, CLOUD_BY_ATTR, "1:1 7224:7300",
	    "65000", false, 0 },
	{ CLOUD_NORMAL, CLOUD_SIDE_DX, CLOUD_BY_ATTR, "1:1 7224:7200",
	    "65000", false, 0 },
	{ CLOUD_DEPREF, CLOUD_SIDE_DX, CLOUD_BY_ATTR, "1:1 7224:7100",
	    "65000", false, 0 },
	{ CLOUD_PREFER, CLOUD_SIDE_GOOGLE, CLOUD_BY_ATTR, "1:1 7224:7300",
	    "65000", true, 0 },
	{ CLOUD_NORMAL, CLOUD_SIDE_GOOGLE, CLOUD_BY_ATTR, "1:1 7224:7300",
	    "65000", true, 150 },
	{ CLOUD_DEPREF, CLOUD_SIDE_GOOGLE, CLOUD_BY_ATTR, "1:1 7224:7300",
	    "65000", true, 10200 },
	{ CLOUD_PREFER, CLOUD_SIDE_DX, CLOUD_BY_PREPEND, "1:1 7224:7300",
	    "65000", false, 0 },
	{ CLOUD_NORMAL, CLOUD_SIDE_GOOGLE, CLOUD_BY_PREPEND, "1:1 7224:7300",
	    "64512 65000", false, 0 },
	{ CLOUD_DEPREF, CLOUD_SIDE_DX, CLOUD_BY_PREPEND, "1:1 7224:7300",
	    "64512 64512 65000", false, 0 },
};

static void
test_cloud_intent(void **state)
{
	struct fx f[4];
	size_t i, l;

	(void)state;
	for (i = 0; i < sizeof(intent_rows) / sizeof(intent_rows[0]); i++) {
		const struct intent_row *r = &intent_rows[i];

		/* The same edit on each of the four links. */
		for (l = 0; l < 4; l++) {
			fx_init(&f[l], "10.0.0.0/8", "65000", "1:1 7224:7300",
			    NULL, NULL);
			f[l].r.link_id = (uint32_t)l;
			cloud_intent_apply(r->intent, r->side, r->method,
			    64512, 150, &f[l].b);
			assert_string_equal(fx_comms(&f[l], CTEXT_STD),
			    r->comms_out);
			assert_string_equal(fx_path(&f[l]), r->path_out);
			assert_int_equal(!!(f[l].b.a.flags & ATTRS_HAS_MED),
			    r->has_med);
			if (r->has_med)
				assert_int_equal(f[l].b.a.med, r->med);
		}
		for (l = 1; l < 4; l++)
			assert_true(attr_builder_eq(&f[0].b, &f[l].b));
		for (l = 0; l < 4; l++)
			fx_fini(&f[l]);
	}
}

static void
test_cloud_drain(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f, "10.0.0.0/8", "65000", "7224:7300", NULL, NULL);
	f.b.a.local_pref = 300;
	f.b.a.flags |= ATTRS_HAS_LOCAL_PREF;
	cloud_drain_import(&f.b);
	assert_int_equal(f.b.a.local_pref, 0);
	fx_fini(&f);

	fx_init(&f, "10.0.0.0/8", "65000", "1:1 7224:7300", NULL, NULL);
	cloud_drain_export(CLOUD_SIDE_DX, 64512, &f.b);
	assert_string_equal(fx_path(&f), "64512 64512 64512 65000");
	assert_int_equal(f.b.a.med, 10000);
	assert_string_equal(fx_comms(&f, CTEXT_STD),
	    "1:1 65535:0 7224:7100");
	/* Gateway A then sees the low class. */
	assert_int_equal(cloud_dx_local_pref(f.b.comms), CLOUD_LP_LOW);
	fx_fini(&f);

	fx_init(&f, "2001:db8::/32", "", "65535:0", NULL, NULL);
	f.b.a.flags |= ATTRS_HAS_MED;
	f.b.a.med = 4294967000u;
	cloud_drain_export(CLOUD_SIDE_GOOGLE, 4200000000u, &f.b);
	assert_string_equal(fx_path(&f),
	    "4200000000 4200000000 4200000000");
	assert_int_equal(f.b.a.med, 4294967295u);	/* saturated */
	assert_string_equal(fx_comms(&f, CTEXT_STD), "65535:0");
	fx_fini(&f);
}

/* Reserved 7224:x strip per profile: what stays, and no edit if clean. */
static void
test_cloud_strip(void **state)
{
	static const struct {
		bool pub;
		const char *in, *out;
	} rows[] = {
		{ false, "7224:7100 7224:1234 65000:1 7224:9100 7224:0",
		    "7224:7100 65000:1 7224:0" },
		{ false, "7224:7300 7224:7200 7224:65535 7224:1",
		    "7224:7300 7224:7200" },
		{ true, "7224:9100 7224:1234 65000:1 7224:7100 7224:9300",
		    "7224:9100 65000:1 7224:9300" },
		{ true, "7224:9200 7225:1 65535:65281",
		    "7224:9200 7225:1 65535:65281" },
		{ true, "7224:8100", "" },
	};
	struct fx f;
	const uint8_t *before;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fx_init(&f, "10.0.0.0/8", "65000", rows[i].in, NULL, NULL);
		before = f.b.comms.p;
		if (rows[i].pub)
			cloud_public_strip(&f.b);
		else
			cloud_dx_strip(&f.b);
		assert_string_equal(fx_comms(&f, CTEXT_STD), rows[i].out);
		/* Nothing to strip: the builder's view is not replaced. */
		if (!strcmp(rows[i].in, rows[i].out))
			assert_ptr_equal(f.b.comms.p, before);
		fx_fini(&f);
	}
}

/* Scope of the received tags, and where each scope may go. */
static void
test_cloud_scope(void **state)
{
	static const struct {
		const char *comms;
		enum cloud_scope sc;
	} rows[] = {
		{ NULL, CLOUD_SCOPE_GLOBAL },
		{ "65000:1", CLOUD_SCOPE_GLOBAL },
		{ "7224:9300", CLOUD_SCOPE_GLOBAL },
		{ "7224:9200", CLOUD_SCOPE_CONTINENT },
		{ "1:1 7224:9100", CLOUD_SCOPE_REGION },
		{ "7224:9300 7224:9200", CLOUD_SCOPE_CONTINENT },
		{ "7224:9100 7224:9200", CLOUD_SCOPE_REGION },
	};
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fx_init(&f, "10.0.0.0/8", "65000", rows[i].comms, NULL, NULL);
		assert_int_equal(cloud_scope_of(f.b.comms), rows[i].sc);
		fx_fini(&f);
	}
	assert_true(cloud_scope_allows(CLOUD_SCOPE_GLOBAL, REGION_OTHER));
	assert_true(cloud_scope_allows(CLOUD_SCOPE_CONTINENT,
	    REGION_CONTINENT));
	assert_true(cloud_scope_allows(CLOUD_SCOPE_CONTINENT, REGION_SAME));
	assert_false(cloud_scope_allows(CLOUD_SCOPE_CONTINENT, REGION_OTHER));
	assert_true(cloud_scope_allows(CLOUD_SCOPE_REGION, REGION_SAME));
	assert_false(cloud_scope_allows(CLOUD_SCOPE_REGION,
	    REGION_CONTINENT));
	assert_false(cloud_scope_allows(CLOUD_SCOPE_REGION, REGION_OTHER));

	fx_init(&f, "10.0.0.0/8", "65000", "7224:9100 65000:1 7224:9300",
	    NULL, NULL);
	cloud_scope_consume(&f.b);
	assert_string_equal(fx_comms(&f, CTEXT_STD), "65000:1");
	fx_fini(&f);
}

/* Towards a public VIF: NO_EXPORT always, the origin tag by relation. */
static void
test_cloud_public_export(void **state)
{
	static const struct {
		enum region_rel rel;
		const char *in, *out;
	} rows[] = {
		{ REGION_SAME, "65000:1", "65000:1 65535:65281 7224:8100" },
		{ REGION_CONTINENT, "65000:1",
		    "65000:1 65535:65281 7224:8200" },
		{ REGION_OTHER, "65000:1", "65000:1 65535:65281" },
		{ REGION_OTHER, NULL, "65535:65281" },
		/* A received origin tag is replaced by ours. */
		{ REGION_CONTINENT, "7224:8100 65535:65281",
		    "65535:65281 7224:8200" },
		{ REGION_OTHER, "7224:8200", "65535:65281" },
	};
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fx_init(&f, "10.0.0.0/8", "65000", rows[i].in, NULL, NULL);
		cloud_public_export(rows[i].rel, &f.b);
		assert_string_equal(fx_comms(&f, CTEXT_STD), rows[i].out);
		fx_fini(&f);
	}
}

static void
test_cloud_quota(void **state)
{
	static const char *const in[] = {
		"10.1.0.0/16", "2001:db8::/48", "10.0.0.0/16", "192.0.2.0/24",
		"10.0.0.0/8", "2001:db8:1::/48", "198.51.100.0/24", "::/0",
		"172.16.0.0/12",
	};
	static const char *const want[] = {
		"::/0", "10.0.0.0/8", "172.16.0.0/12", "10.0.0.0/16",
		"10.1.0.0/16", "192.0.2.0/24", "198.51.100.0/24",
		"2001:db8::/48", "2001:db8:1::/48",
	};
	enum { N = sizeof(in) / sizeof(in[0]) };
	struct prefix v[N], w[N];
	char buf[PREFIX_STRLEN];
	size_t i;

	(void)state;
	for (i = 0; i < N; i++)
		prefix_parse(in[i], &v[i], true);
	assert_int_equal(cloud_quota_keep(v, N, 5), 5);
	for (i = 0; i < N; i++)
		assert_string_equal(prefix_print(&v[i], buf, sizeof(buf)),
		    want[i]);
	/* Another arrival order gives the same result (restart-stable). */
	for (i = 0; i < N; i++)
		prefix_parse(in[N - 1 - i], &w[i], true);
	assert_int_equal(cloud_quota_keep(w, N, 100), N);
	assert_memory_equal(v, w, sizeof(v));
	assert_int_equal(cloud_quota_keep(w, 0, 3), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cloud_dx_local_pref),
		cmocka_unit_test(test_cloud_intent),
		cmocka_unit_test(test_cloud_drain),
		cmocka_unit_test(test_cloud_strip),
		cmocka_unit_test(test_cloud_scope),
		cmocka_unit_test(test_cloud_public_export),
		cmocka_unit_test(test_cloud_quota),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
