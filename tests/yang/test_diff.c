/*
 * Unit tests for yang/diff.c and yang/diff_eq.c: each edit of an example
 * produces exactly the expected entries, and each neighbour change carries
 * the session action of SPEC.md 4.4 (reset for peer AS, MD5, AFI set and
 * OPEN-time values; soft for policy, including a change reached only
 * through a set or call-policy; none for cosmetic fields). Attachments
 * (issue 6): every kind of attachment-only edit - a field, the
 * attachment's chain, a policy or set reached only from it, an attachment
 * added or removed - is a gateway change with DIFF_F_ATTACH alone, not
 * diff_sessions_global(), and leaves every derived session's action,
 * import and export chain as they were (what bgpd/reload.c re-imports and
 * resyncs: nothing); a gateway's own AS, router-id, role, profile or
 * apply-policy (or a policy it reaches) still is global.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* One text edit of an example: the first occurrence of from becomes to. */
struct edit {
	const char *from;
	const char *to;
};

/* The example rel with edits ed[0..n) applied in order; must be valid. */
static struct config *
load_edits(struct schema *s, const char *rel, const struct edit *ed,
    size_t n)
{
	struct cfgerr err = { 0 };
	struct config *c = NULL;
	char *p = yhelp_path(rel);
	char *text = yhelp_read(p), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		assert_non_null(strstr(text, ed[i].from));
		t = yhelp_edit(text, ed[i].from, ed[i].to);
		free(text);
		text = t;
	}
	load_text(s, text, LOAD_JSON, &c, NULL, &err);
	yhelp_errs_dump(&err);
	cfgerr_fini(&err);
	assert_non_null(c);
	free(text);
	free(p);
	return c;
}

/*
 * Every session gateway gw derives in a and in b: same addresses, no
 * session action, import and export chains evaluating every route as
 * before (bgpd/reload.c's rl_scope_nb() questions, without the global
 * shortcut). Returns how many sessions were compared.
 */
static size_t
sessions_untouched(const struct config *a, const struct config *b,
    const char *gw)
{
	struct derive_list la, lb;
	struct diff_chain_side o = { .cfg = a }, n = { .cfg = b };
	struct prefix *rg = NULL;
	size_t nrg = 0, i, cnt;

	assert_int_equal(derive_links(a, gw, &la), 0);
	assert_int_equal(derive_links(b, gw, &lb), 0);
	assert_int_equal(la.n, lb.n);
	for (i = 0; i < la.n; i++) {
		assert_true(addr_eq(&la.v[i].nb.address, &lb.v[i].nb.address));
		assert_int_equal(diff_neighbor_action(&la.v[i].nb,
		    &lb.v[i].nb, NULL), DIFF_ACT_NONE);
		o.ap = &la.v[i].nb.apply_policy;
		o.profile = la.v[i].nb.profile;
		n.ap = &lb.v[i].nb.apply_policy;
		n.profile = lb.v[i].nb.profile;
		assert_int_equal(diff_chain(&o, &n, false, &rg, &nrg),
		    DIFF_CHAIN_SAME);
		assert_int_equal(diff_chain(&o, &n, true, &rg, &nrg),
		    DIFF_CHAIN_SAME);
	}
	assert_int_equal(nrg, 0);
	free(rg);
	cnt = la.n;
	derive_list_fini(&la);
	derive_list_fini(&lb);
	return cnt;
}

/*
 * a -> b is an attachment-only change of gateway gw: gw changed with
 * DIFF_F_ATTACH alone, no other gateway, interconnect, neighbour or the
 * global in the diff (policies and sets may be), not global, and no
 * derived session of either gateway touched.
 */
static void
expect_attach_only(const struct config *a, const struct config *b,
    const char *gw)
{
	struct diff *d = diff_new(a, b);
	const struct diff_entry *e = diff_lookup(d, DIFF_GATEWAY, gw);
	size_t i;

	diff_dump(d);
	assert_non_null(e);
	assert_int_equal(e->op, DIFF_CHANGED);
	assert_int_equal(e->what, DIFF_F_ATTACH);
	for (i = 0; i < d->n; i++)
		if (d->v[i].kind != DIFF_GATEWAY)
			assert_true(d->v[i].kind >= DIFF_PREFIX_SET &&
			    d->v[i].kind <= DIFF_POLICY);
		else
			assert_string_equal(d->v[i].name, gw);
	assert_false(diff_sessions_global(d));
	diff_free(d);
	/* Both gateways derive sessions: the example's links of ic1. */
	assert_true(sessions_untouched(a, b, "dxgw1") > 0);
	assert_true(sessions_untouched(a, b, "cr-use4") > 0);
}

/* The example and the example with one edit: attachment only. */
static void
edit_attach_only(struct schema *s, const char *from, const char *to,
    const char *gw)
{
	const struct edit ed = { from, to };
	struct config *a = yhelp_load(s, IC);
	struct config *b = load_edits(s, IC, &ed, 1);

	expect_attach_only(a, b, gw);
	expect_attach_only(b, a, gw);
	config_free(a);
	config_free(b);
}

static void
test_diff_attachment_fields(void **state)
{
	edit_attach_only(*state, "\"prefixes\": [\"10.4.0.0/16\"]",
	    "\"prefixes\": [\"10.5.0.0/16\"]", "dxgw1");
	edit_attach_only(*state, "[\"10.0.0.0/14\", \"fd00:a5::/48\"]",
	    "[\"10.0.0.0/14\", \"10.8.0.0/16\", \"fd00:a5::/48\"]", "dxgw1");
	edit_attach_only(*state, "\"10.150.0.0/16\"]", "\"10.151.0.0/16\"]",
	    "cr-use4");
	edit_attach_only(*state, "\"base-priority\": 100",
	    "\"base-priority\": 200", "cr-use4");
	edit_attach_only(*state, "\"advertise-mode\": \"custom\",\n"
	    "              \"advertised-ranges\": [\"10.128.0.0/16\", "
	    "\"10.150.0.0/16\"]", "\"advertise-mode\": \"default\"",
	    "cr-use4");
	edit_attach_only(*state, "\"region\": \"us-east4\"",
	    "\"region\": \"us-west1\"", "cr-use4");
	/* Added (and, the other way round, removed). */
	edit_attach_only(*state, "\"attachment\": [",
	    "\"attachment\": [ { \"name\": \"vgw-new\", \"kind\": \"vgw\", "
	    "\"prefixes\": [\"10.2.0.0/16\"], "
	    "\"allowed-prefixes\": [\"10.2.0.0/16\"] },", "dxgw1");
}

/*
 * The edits giving vgw-prod an import chain att-in (reject att-pfx, then
 * call att-tag: set-community from att-comm, LOCAL_PREF 77) reached from
 * nothing else.
 */
static const struct edit att_base[] = {
	{ "\"prefix-set\": [", "\"prefix-set\": [ { \"name\": \"att-pfx\", "
	    "\"prefixes\": { \"prefix\": [ { \"ip-prefix\": \"10.4.0.0/16\", "
	    "\"mask-length-lower\": 16, \"mask-length-upper\": 16 } ] } }," },
	{ "\"community-set\": [", "\"community-set\": [ { \"name\": "
	    "\"att-comm\", \"member\": [\"65010:77\"] }," },
	{ "\"policy-definition\": [", "\"policy-definition\": [ "
	    "{ \"name\": \"att-in\", \"statements\": { \"statement\": [ "
	    "{ \"name\": \"own\", \"conditions\": { \"match-prefix-set\": "
	    "{ \"prefix-set\": \"att-pfx\" } }, \"actions\": "
	    "{ \"policy-result\": \"reject-route\" } }, "
	    "{ \"name\": \"tag\", \"conditions\": { \"call-policy\": "
	    "\"att-tag\" } } ] } }, "
	    "{ \"name\": \"att-tag\", \"statements\": { \"statement\": [ "
	    "{ \"name\": \"all\", \"actions\": { \"bgp-actions\": { "
	    "\"set-local-pref\": 77, \"set-community\": { \"options\": "
	    "\"add\", \"community-set-ref\": \"att-comm\" } } } } ] } }," },
	{ "\"allowed-prefixes\": [\"10.4.0.0/15\"]",
	    "\"allowed-prefixes\": [\"10.4.0.0/15\"], \"apply-policy\": "
	    "{ \"import-policy\": [\"att-in\"] }" },
};
#define NATT (sizeof(att_base) / sizeof(att_base[0]))

/* att_base and then one more edit against att_base alone: attach only. */
static void
edit_att_policy(struct schema *s, const char *from, const char *to,
    enum diff_kind kind, const char *name)
{
	struct edit ed[NATT + 1];
	struct config *a, *b;
	struct diff *d;

	memcpy(ed, att_base, sizeof(att_base));
	ed[NATT].from = from;
	ed[NATT].to = to;
	a = load_edits(s, IC, ed, NATT);
	b = load_edits(s, IC, ed, NATT + 1);
	expect_attach_only(a, b, "dxgw1");
	d = diff_new(a, b);
	assert_int_equal(d->n, kind == DIFF_GATEWAY ? 1 : 2);
	assert_non_null(diff_lookup(d, kind, name));
	diff_free(d);
	config_free(a);
	config_free(b);
}

static void
test_diff_attachment_policies(void **state)
{
	struct config *a = yhelp_load(*state, IC);
	struct config *b = load_edits(*state, IC, att_base, NATT);

	/* The chain, its policies and their sets appear together. */
	expect_attach_only(a, b, "dxgw1");
	expect_attach_only(b, a, "dxgw1");
	config_free(a);
	config_free(b);
	/* The attachment's own chain: its default. */
	edit_att_policy(*state, "{ \"import-policy\": [\"att-in\"] }",
	    "{ \"import-policy\": [\"att-in\"], \"default-import-policy\": "
	    "\"reject-route\" }", DIFF_GATEWAY, "dxgw1");
	/* A policy, a called policy and sets reached only from it. */
	edit_att_policy(*state, "\"name\": \"own\"", "\"name\": \"own2\"",
	    DIFF_POLICY, "att-in");
	edit_att_policy(*state, "\"set-local-pref\": 77",
	    "\"set-local-pref\": 78", DIFF_POLICY, "att-tag");
	edit_att_policy(*state, "\"ip-prefix\": \"10.4.0.0/16\"",
	    "\"ip-prefix\": \"10.5.0.0/16\"", DIFF_PREFIX_SET, "att-pfx");
	edit_att_policy(*state, "\"65010:77\"", "\"65010:78\"",
	    DIFF_COMMUNITY_SET, "att-comm");
}

/* a -> b changes gateway gw with exactly the bits what; global. */
static void
expect_gateway_global(const struct config *a, const struct config *b,
    const char *gw, uint32_t what)
{
	struct diff *d = diff_new(a, b);
	const struct diff_entry *e = diff_lookup(d, DIFF_GATEWAY, gw);

	diff_dump(d);
	assert_non_null(e);
	assert_int_equal(e->op, DIFF_CHANGED);
	assert_int_equal(e->what, what);
	assert_true(diff_sessions_global(d));
	diff_free(d);
}

static void
test_diff_gateway_own_is_global(void **state)
{
	static const struct edit asn = { "\"asn\": 65000", "\"asn\": 65001" };
	static const struct edit rid = { "\"router-id\": \"192.0.2.1\"",
		"\"router-id\": \"192.0.2.9\"" };
	static const struct edit exp = { "\"export-policy\": [\"export-aws\"]",
		"\"export-policy\": []" };
	static const struct edit med = { "\"set-med\": \"+10000\"",
		"\"set-med\": \"+20000\"" };
	const struct edit both[2] = { exp, { "\"prefixes\": [\"10.4.0.0/16\"]",
		"\"prefixes\": [\"10.5.0.0/16\"]" } };
	/* import-gcp on cr-use4 and on its attachment; tenant in it. */
	const struct edit shared[2] = { { "\"advertised-ranges\": "
		"[\"10.128.0.0/16\", \"10.150.0.0/16\"]", "\"advertised-ranges\""
		": [\"10.128.0.0/16\", \"10.150.0.0/16\"], \"apply-policy\": "
		"{ \"import-policy\": [\"import-gcp\"] }" },
		{ "\"64512:1:100\"", "\"64512:1:101\"" } };
	struct config *a = yhelp_load(*state, IC), *b;

	b = load_edits(*state, IC, &asn, 1);
	expect_gateway_global(a, b, "cr-use4", DIFF_F_ASN);
	config_free(b);
	b = load_edits(*state, IC, &rid, 1);
	expect_gateway_global(a, b, "dxgw1", DIFF_F_ASN);
	config_free(b);
	b = load_edits(*state, IC, &exp, 1);
	expect_gateway_global(a, b, "dxgw1", DIFF_F_POLICY);
	config_free(b);
	b = load_edits(*state, IC, &med, 1);	/* drain, via export-aws */
	expect_gateway_global(a, b, "dxgw1", DIFF_F_POLICY);
	config_free(b);
	b = load_edits(*state, IC, both, 2);
	expect_gateway_global(a, b, "dxgw1", DIFF_F_POLICY | DIFF_F_ATTACH);
	config_free(b);
	config_free(a);
	a = load_edits(*state, IC, shared, 1);
	b = load_edits(*state, IC, shared, 2);
	expect_gateway_global(a, b, "cr-use4", DIFF_F_POLICY | DIFF_F_ATTACH);
	config_free(b);
	/* Role and profile: the structs edited (the model ties them). */
	b = load_edits(*state, IC, shared, 1);
	b->gateways[0].profile = CONFIG_PROFILE_GENERIC;
	expect_gateway_global(a, b, "dxgw1", DIFF_F_PROFILE);
	b->gateways[0].profile = a->gateways[0].profile;
	b->gateways[0].role = CONFIG_GW_CLOUD_ROUTER;
	expect_gateway_global(a, b, "dxgw1", DIFF_F_OTHER);
	config_free(b);
	config_free(a);
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
		cmocka_unit_test(test_diff_attachment_fields),
		cmocka_unit_test(test_diff_attachment_policies),
		cmocka_unit_test(test_diff_gateway_own_is_global),
	};

	return cmocka_run_group_tests(tests, yhelp_setup, yhelp_teardown);
}
