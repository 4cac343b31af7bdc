/*
 * Unit tests for policy/action.c: every action as route in -> route out,
 * including empty AS paths, AS_SET and confederation segments, 4-octet
 * ASNs, large communities, MED saturation, local-pref on eBGP export and
 * next-hop self on IPv6.
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
#include "policy/action.h"
#include "tests/policy/polfix.h"

struct path_row {
	const char *in;
	uint32_t flags;		/* POL_A_PREPEND / REMOVE_ASN / REPLACE_PATH */
	uint32_t as;		/* prepend AS (0 = own AS 64512) */
	uint8_t n;
	uint32_t list[3];
	size_t nlist;
	const char *out;
};

static const struct path_row path_rows[] = {
	{ "", POL_A_PREPEND, 0, 1, { 0 }, 0, "64512" },
	{ "", POL_A_PREPEND, 4200000000u, 3, { 0 }, 0,
	    "4200000000 4200000000 4200000000" },
	{ "65000 7224", POL_A_PREPEND, 0, 2, { 0 }, 0,
	    "64512 64512 65000 7224" },
	{ "{1,2} 3", POL_A_PREPEND, 9, 1, { 0 }, 0, "9 {1,2} 3" },
	{ "1 2 1 3 {1,4}", POL_A_REMOVE_ASN, 0, 0, { 1 }, 1, "2 3 {4}" },
	{ "{1} 2", POL_A_REMOVE_ASN, 0, 0, { 1, 2 }, 2, "" },
	{ "(65001 65002) 1 4200000001", POL_A_REMOVE_ASN, 0, 0,
	    { 65002, 4200000001u }, 2, "(65001) 1" },
	{ "", POL_A_REMOVE_ASN, 0, 0, { 1 }, 1, "" },
	{ "1 2 3", POL_A_REPLACE_PATH, 0, 0, { 7, 4200000000u }, 2,
	    "7 4200000000" },
	{ "1 2 3", POL_A_REPLACE_PATH, 0, 0, { 0 }, 0, "" },
	/* Replace, then remove, then prepend: the fixed order. */
	{ "5 5", POL_A_REPLACE_PATH | POL_A_REMOVE_ASN | POL_A_PREPEND, 8, 1,
	    { 6, 7, 6 }, 3, "8" },
};

static void
test_action_aspath_table(void **state)
{
	struct pol_actions a;
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(path_rows) / sizeof(path_rows[0]); i++) {
		const struct path_row *r = &path_rows[i];

		fx_init(&f, "10.0.0.0/8", r->in, NULL, NULL, NULL);
		memset(&a, 0, sizeof(a));
		a.flags = r->flags;
		a.prepend_as = r->as;
		a.prepend_n = r->n;
		a.asns = a.path = r->list;
		a.nasns = a.npath = r->nlist;
		action_apply(&a, &f.r, &f.b);
		if (strcmp(fx_path(&f), r->out) != 0)
			fail_msg("row %zu: \"%s\" != \"%s\"", i, fx_path(&f),
			    r->out);
		assert_true(f.b.a.flags & ATTRS_HAS_ASPATH);
		fx_fini(&f);
	}
}

static void
test_action_prepend_long_path(void **state)
{
	struct pol_actions a = { .flags = POL_A_PREPEND, .prepend_n = 10 };
	struct fx f;
	unsigned i;
	char path[255 * 6 + 1] = "";

	(void)state;
	for (i = 0; i < 250; i++)
		strcat(path, "1 ");
	fx_init(&f, "10.0.0.0/8", path, NULL, NULL, NULL);
	action_apply(&a, &f.r, &f.b);
	/* 260 ASNs no longer fit one segment; the length still counts all. */
	assert_int_equal(aspath_length(f.b.aspath), 260);
	assert_int_equal(strncmp(fx_path(&f), "64512 64512", 11), 0);
	fx_fini(&f);
}

struct comm_row {
	const char *in;
	uint8_t op;
	const char *set;
	const char *out;
};

static const struct comm_row comm_rows[] = {
	{ "", POL_COMM_ADD, "65000:1 no-export", "65000:1 65535:65281" },
	{ "65000:1", POL_COMM_ADD, "65000:1 65000:2", "65000:1 65000:2" },
	{ "1:1 7224:7100 2:2 7224:7300", POL_COMM_REMOVE, "^7224:", "1:1 2:2" },
	{ "1:1 2:2", POL_COMM_REMOVE, "2:2 3:3", "1:1" },
	{ "", POL_COMM_REMOVE, "1:1", "" },
	{ "1:1 2:2", POL_COMM_REPLACE, "3:3", "3:3" },
};

static void
test_action_communities(void **state)
{
	struct policy_db *db = policy_db_new();
	struct pol_actions a;
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(comm_rows) / sizeof(comm_rows[0]); i++) {
		fx_init(&f, "10.0.0.0/8", "1", comm_rows[i].in, NULL, NULL);
		memset(&a, 0, sizeof(a));
		a.flags = POL_A_COMM;
		a.comm_op = comm_rows[i].op;
		a.comm = fx_cset(db, CTEXT_STD, comm_rows[i].set);
		action_apply(&a, &f.r, &f.b);
		assert_string_equal(fx_comms(&f, CTEXT_STD), comm_rows[i].out);
		fx_fini(&f);
	}
	policy_db_free(db);
}

static void
test_action_large_communities(void **state)
{
	struct policy_db *db = policy_db_new();
	struct pol_actions a = { .flags = POL_A_LCOMM };
	struct fx f;

	(void)state;
	fx_init(&f, "2001:db8::/32", "1", "1:1", "4200000000:1:1 64512:2:2",
	    NULL);
	a.lcomm_op = POL_COMM_ADD;
	a.lcomm = fx_cset(db, CTEXT_LARGE, "64512:2:2 64512:3:3");
	action_apply(&a, &f.r, &f.b);
	assert_string_equal(fx_comms(&f, CTEXT_LARGE),
	    "4200000000:1:1 64512:2:2 64512:3:3");
	a.lcomm_op = POL_COMM_REMOVE;
	a.lcomm = fx_cset(db, CTEXT_LARGE, "^4200000000:");
	action_apply(&a, &f.r, &f.b);
	assert_string_equal(fx_comms(&f, CTEXT_LARGE), "64512:2:2 64512:3:3");
	/* Standard communities are untouched by a large-community action. */
	assert_string_equal(fx_comms(&f, CTEXT_STD), "1:1");
	fx_fini(&f);
	policy_db_free(db);
}

static void
test_action_med(void **state)
{
	static const struct {
		bool has;
		uint32_t cur;
		uint8_t op;
		uint32_t n, out;
	} rows[] = {
		{ false, 0, POL_MED_SET, 50, 50 },
		{ true, 10, POL_MED_ADD, 10000, 10010 },
		{ false, 0, POL_MED_ADD, 7, 7 },
		{ true, 4294967290u, POL_MED_ADD, 10, 4294967295u },
		{ true, 5, POL_MED_SUB, 10, 0 },
		{ true, 15, POL_MED_SUB, 10, 5 },
	};
	struct pol_actions a = { .flags = POL_A_MED };
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
		if (rows[i].has) {
			f.b.a.flags |= ATTRS_HAS_MED;
			f.b.a.med = rows[i].cur;
		}
		a.med_op = rows[i].op;
		a.med = rows[i].n;
		action_apply(&a, &f.r, &f.b);
		assert_true(f.b.a.flags & ATTRS_HAS_MED);
		assert_int_equal(f.b.a.med, rows[i].out);
		fx_fini(&f);
	}
}

/*
 * set-intent on export: per destination side the side's mechanism (DX:
 * one 7224:7x00 class replacing any other; Cloud Router: MED 0 / 100 /
 * 10200; plain neighbour or method prepend: own AS 0 / 1 / 2 times); on
 * import nothing.
 */
static void
test_action_intent(void **state)
{
	static const struct {
		uint8_t side, intent;
		bool prepend;
		const char *comms, *path;
		bool has_med;
		uint32_t med;
	} rows[] = {
		{ POL_SIDE_DX, 0, false, "65000:1 7224:7300", "65001", false, 0 },
		{ POL_SIDE_DX, 1, false, "65000:1 7224:7200", "65001", false, 0 },
		{ POL_SIDE_DX, 2, false, "65000:1 7224:7100", "65001", false, 0 },
		{ POL_SIDE_GOOGLE, 0, false, "7224:7200 65000:1", "65001", true,
		    0 },
		{ POL_SIDE_GOOGLE, 1, false, "7224:7200 65000:1", "65001", true,
		    100 },
		{ POL_SIDE_GOOGLE, 2, false, "7224:7200 65000:1", "65001", true,
		    10200 },
		{ POL_SIDE_GOOGLE, 2, true, "7224:7200 65000:1",
		    "64512 64512 65001", false, 0 },
		{ POL_SIDE_NONE, 1, false, "7224:7200 65000:1", "64512 65001",
		    false, 0 },
	};
	struct pol_actions a = { .flags = POL_A_INTENT };
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		fx_init(&f, "10.0.0.0/8", "65001", "7224:7200 65000:1", NULL,
		    NULL);
		f.r.dir = POL_EXPORT;
		f.r.dest_side = rows[i].side;
		a.intent = rows[i].intent;
		a.intent_by_prepend = rows[i].prepend;
		action_apply(&a, &f.r, &f.b);
		assert_string_equal(fx_comms(&f, CTEXT_STD), rows[i].comms);
		assert_string_equal(fx_path(&f), rows[i].path);
		assert_int_equal(!!(f.b.a.flags & ATTRS_HAS_MED),
		    rows[i].has_med);
		if (rows[i].has_med)
			assert_int_equal(f.b.a.med, rows[i].med);
		fx_fini(&f);
	}
	fx_init(&f, "10.0.0.0/8", "65001", "7224:7200", NULL, NULL);
	f.r.dest_side = POL_SIDE_DX;
	a.intent = 2;
	action_apply(&a, &f.r, &f.b);
	assert_string_equal(fx_comms(&f, CTEXT_STD), "7224:7200");
	fx_fini(&f);
}

static void
test_action_local_pref(void **state)
{
	struct pol_actions a = { .flags = POL_A_LOCAL_PREF, .local_pref = 300 };
	struct fx f;

	(void)state;
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	action_apply(&a, &f.r, &f.b);		/* eBGP import: applied */
	assert_int_equal(f.b.a.local_pref, 300);
	assert_true(f.b.a.flags & ATTRS_HAS_LOCAL_PREF);
	fx_fini(&f);
	fx_init(&f, "10.0.0.0/8", "1", NULL, NULL, NULL);
	f.r.dir = POL_EXPORT;
	action_apply(&a, &f.r, &f.b);		/* eBGP export: ignored */
	assert_false(f.b.a.flags & ATTRS_HAS_LOCAL_PREF);
	f.r.peer_type = POL_PEER_IBGP;
	action_apply(&a, &f.r, &f.b);		/* iBGP export: applied */
	assert_int_equal(f.b.a.local_pref, 300);
	fx_fini(&f);
}

static void
test_action_nexthop(void **state)
{
	struct pol_actions a = { .flags = POL_A_NEXTHOP };
	struct fx f;

	(void)state;
	fx_init(&f, "2001:db8::/32", "1", NULL, NULL, NULL);
	addr_parse("fe80::9", &f.b.a.nexthop_ll);
	f.b.a.flags |= ATTRS_HAS_NEXTHOP_LL;
	assert_int_equal(addr_parse("2001:db8::1", &a.nh), 0);
	action_apply(&a, &f.r, &f.b);
	assert_true(addr_eq(&f.b.a.nexthop, &a.nh));
	assert_false(f.b.a.flags & ATTRS_HAS_NEXTHOP_LL);
	a.nh_mode = POL_NH_SELF;
	addr_parse("2001:db8::ff", &f.r.self_nh);
	addr_parse("fe80::ff", &f.r.self_nh_ll);
	action_apply(&a, &f.r, &f.b);
	assert_true(addr_eq(&f.b.a.nexthop, &f.r.self_nh));
	assert_true(addr_eq(&f.b.a.nexthop_ll, &f.r.self_nh_ll));
	assert_true(f.b.a.flags & ATTRS_HAS_NEXTHOP_LL);
	fx_fini(&f);
}

/* Random paths of all segment types: edits keep the encoding valid, remove
 * every listed ASN, and prepend adds exactly n to the length. */
static void
test_action_aspath_random(void **state)
{
	static const char *const open_close[] = { "", "{}", "()", "[]" };
	struct attr_builder b;
	char text[512];
	uint8_t path[1200];
	uint32_t rm[2];
	struct bytes v, r;
	size_t len, i, k;
	unsigned nseg, cnt, before;

	(void)state;
	srand(5);
	attr_builder_init(&b);
	for (i = 0; i < 2000; i++) {
		len = 0;
		nseg = (unsigned)rand() % 4;
		for (k = 0; k < nseg; k++) {
			const char *oc = open_close[rand() % 4];

			cnt = 1 + (unsigned)rand() % 4;
			len += (size_t)snprintf(text + len, sizeof(text) - len,
			    "%.1s", oc);
			while (cnt--)
				len += (size_t)snprintf(text + len,
				    sizeof(text) - len, "%u%s",
				    rand() % 4 ? (unsigned)(rand() % 6 + 1) :
				    4200000000u, cnt ? " " : "");
			len += (size_t)snprintf(text + len, sizeof(text) - len,
			    "%.1s ", *oc ? oc + 1 : "");
		}
		v.p = path;
		v.len = fx_path_encode(text, path, sizeof(path));
		assert_true(aspath_is_valid(v));
		rm[0] = (uint32_t)(rand() % 6 + 1);
		rm[1] = 4200000000u;
		r = action_aspath_remove(&b, v, rm, 1 + (size_t)(rand() % 2));
		assert_true(r.len == 0 || aspath_is_valid(r));
		assert_false(aspath_has_as(r, rm[0]));
		before = aspath_length(r);
		/* Prepend goes through lib/aspath.c (whose tests compare
		 * it with an oracle byte for byte): k more ASNs, 7 first. */
		k = 1 + (size_t)(rand() % 10);
		v = r;
		r = aspath_prepend(&b, v, 7, (unsigned)k);
		assert_int_equal(r.len, v.len + k * 4 +
		    (v.len && v.p[0] == ASPATH_SEQUENCE && v.p[1] + k <= 255 ?
		    0 : 2));
		assert_int_equal(aspath_first_as(r), 7);
		assert_true(aspath_is_valid(r));
		assert_int_equal(aspath_length(r), before + k);
		attr_builder_reset(&b);
	}
	attr_builder_fini(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_action_aspath_table),
		cmocka_unit_test(test_action_aspath_random),
		cmocka_unit_test(test_action_prepend_long_path),
		cmocka_unit_test(test_action_communities),
		cmocka_unit_test(test_action_large_communities),
		cmocka_unit_test(test_action_med),
		cmocka_unit_test(test_action_intent),
		cmocka_unit_test(test_action_local_pref),
		cmocka_unit_test(test_action_nexthop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
