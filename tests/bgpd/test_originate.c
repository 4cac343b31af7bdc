/*
 * Tests for bgpd/originate.c over a real RIB (no event loop, no sockets:
 * a struct daemon with only the configuration, the attribute table and
 * the RIB; daemon_kick() is a counting stub here). The gateway's routes
 * enter the RIB as local paths with ORIGINATE_PATH_ID, ORIGIN IGP, an
 * empty AS_PATH and the Cloud Router MED; a speaker whose AS no gateway
 * has originates nothing; a reload applies only the difference (removed
 * allowed prefix withdrawn, changed base priority re-announced, nothing
 * changed: no RIB change and no kick; IPv6 once the interconnect carries
 * it); aggregates of path id 0 and
 * originated routes of one prefix live side by side. Attachment import
 * policy (compiled into d->pdb as the daemon does): a rejected prefix
 * never enters the RIB; a reload that changes only the policy (rejecting
 * one prefix, tagging another) re-announces or withdraws exactly those
 * prefixes and leaves the third's path untouched; a reload that removes
 * the policy brings both back; a reload with nothing changed is silent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bgpd/daemon.h"
#include "bgpd/originate.h"
#include "policy/compile.h"

static int kicks;

/* The stub of bgpd/daemon.c's daemon_kick(). */
void
daemon_kick(struct daemon *d)
{
	(void)d;
	kicks++;
}

struct tc {
	struct daemon d;
	struct config c;
	struct config_gateway gw[2];
	struct config_attachment at[2];
	struct config_interconnect ic;
	struct prefix p[8];
	/* An attachment import policy: one prefix set, two statements. */
	struct config_prefix_set ps[2];
	struct config_prefix_entry pe[2];
	struct config_policy pol;
	struct config_statement st[2];
	struct config_community comm;
	char *chain[1];
};

/* What the YANG defaults give an attachment: accept-route both ways. */
#define ACCEPT ((struct config_apply_policy){ \
	.default_import = CONFIG_ACCEPT_ROUTE, \
	.default_export = CONFIG_ACCEPT_ROUTE })

static struct prefix
pfx(const char *text)
{
	struct prefix p;

	assert_int_equal(prefix_parse(text, &p, true), 0);
	return p;
}

/* dxgw1 64512: TGW allowed p[0..2), VGW 10.0.0.0/16 allowed /15;
 * cr1 65000: one VPC subnet p[4], base priority 150. */
static void
fill(struct tc *t, uint32_t local_as)
{
	struct rib_config rc;

	memset(t, 0, sizeof(*t));
	t->p[0] = pfx("10.200.0.0/16");
	t->p[1] = pfx("10.201.0.0/16");
	t->p[2] = pfx("10.0.0.0/16");
	t->p[3] = pfx("10.0.0.0/15");
	t->p[4] = pfx("10.128.0.0/20");
	t->at[0] = (struct config_attachment){ .name = "tgw",
	    .kind = CONFIG_ATTACH_TGW, .allowed_prefixes = &t->p[0],
	    .n_allowed_prefixes = 2, .apply_policy = ACCEPT };
	t->at[1] = (struct config_attachment){ .name = "vpc",
	    .kind = CONFIG_ATTACH_VPC, .prefixes = &t->p[4],
	    .n_prefixes = 1, .base_priority = 150, .apply_policy = ACCEPT };
	t->gw[0] = (struct config_gateway){ .name = "dxgw1",
	    .role = CONFIG_GW_DXGW, .asn = 64512, .attachments = &t->at[0],
	    .n_attachments = 1 };
	t->gw[1] = (struct config_gateway){ .name = "cr1",
	    .role = CONFIG_GW_CLOUD_ROUTER, .asn = 65000,
	    .attachments = &t->at[1], .n_attachments = 1 };
	t->ic = (struct config_interconnect){ .name = "ic1",
	    .gateway_a = "dxgw1", .router_b = "cr1" };
	t->c.gateways = t->gw;
	t->c.n_gateways = 2;
	t->c.interconnects = &t->ic;
	t->c.n_interconnects = 1;
	t->d.cfg = &t->c;
	t->d.local_as = local_as;
	t->d.router_id = 0xc0000201u;
	t->d.attrs = attr_table_new();
	rib_config_default(&rc);
	rc.local_as = local_as;
	rc.router_id = t->d.router_id;
	t->d.rib = rib_new(t->d.attrs, &rc, NULL);
	kicks = 0;
}

static void
fini(struct tc *t)
{
	policy_db_free(t->d.pdb);
	origin_paths_fini(&t->d.orig, t->d.attrs);	/* as daemon_free() */
	rib_free(t->d.rib);
	assert_int_equal(attr_table_count(t->d.attrs), 0);
	attr_table_free(t->d.attrs);
}

/* The originated path of prefix text, or NULL. */
static const struct path *
orig_path(const struct tc *t, const char *text)
{
	struct prefix p = pfx(text);
	const struct rib_entry *e = rib_lookup(t->d.rib, &p);
	const struct path *pa;

	for (pa = e != NULL ? rib_entry_paths(e) : NULL; pa != NULL;
	    pa = pa->next)
		if (daemon_originated(pa))
			return pa;
	return NULL;
}

static void
test_originate_dxgw(void **state)
{
	const struct path *pa;
	struct tc t;

	(void)state;
	fill(&t, 64512);
	t.at[0].region = "us-west-2";
	assert_int_equal(daemon_originate_init(&t.d), 0);
	/* The originating attachment's region, for originated prefixes only
	 * (SPEC 2.2 origin tags towards a public VIF). */
	assert_string_equal(daemon_originated_region(&t.d, &t.p[1]),
	    "us-west-2");
	{
		struct prefix inside = pfx("10.200.1.0/24");

		assert_null(daemon_originated_region(&t.d, &inside));
		assert_null(daemon_originated_region(&t.d, &t.p[4]));
	}
	pa = orig_path(&t, "10.200.0.0/16");
	assert_non_null(pa);
	assert_int_equal(pa->peer->id, DAEMON_LOCAL_PEER);
	assert_int_equal(pa->path_id, ORIGINATE_PATH_ID);
	assert_int_equal(pa->attrs->origin, ORIGIN_IGP);
	assert_int_equal(blob_bytes(pa->attrs->aspath).len, 0);
	assert_false(pa->attrs->flags & ATTRS_HAS_MED);
	assert_ptr_equal(rib_entry_best(rib_lookup(t.d.rib, &t.p[0])), pa);
	assert_non_null(orig_path(&t, "10.201.0.0/16"));
	assert_null(orig_path(&t, "10.128.0.0/20"));	/* B's, not ours */
	assert_int_equal(rib_peer_count(t.d.rib, DAEMON_LOCAL_PEER, AFI_IPV4,
	    false), 2);
	fini(&t);
}

static void
test_originate_cr_med(void **state)
{
	const struct path *pa;
	struct tc t;

	(void)state;
	fill(&t, 65000);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	pa = orig_path(&t, "10.128.0.0/20");
	assert_non_null(pa);
	assert_true(pa->attrs->flags & ATTRS_HAS_MED);
	assert_int_equal(pa->attrs->med, 150);
	assert_null(orig_path(&t, "10.200.0.0/16"));
	fini(&t);
}

static void
test_originate_no_gateway(void **state)
{
	struct tc t;

	(void)state;
	fill(&t, 65123);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	assert_null(rib_peer_lookup(t.d.rib, DAEMON_LOCAL_PEER));
	fini(&t);
}

/* Count and drain the RIB's queued changes. */
static size_t
changes(struct tc *t)
{
	struct rib_change c;
	size_t n = 0;

	while (rib_change_next(t->d.rib, &c))
		n++;
	return n;
}

static void
test_originate_reload_diff(void **state)
{
	struct config_attachment old_at[2];
	struct config_gateway old_gw[2];
	struct config old;
	struct tc t;

	(void)state;
	fill(&t, 64512);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	(void)changes(&t);
	/* Nothing changed: no RIB change, no kick. */
	assert_int_equal(daemon_originate_reload(&t.d, &t.c), 0);
	assert_int_equal(changes(&t), 0);
	assert_int_equal(kicks, 0);
	/* Remove 10.201.0.0/16, add a VGW whose CIDR the /15 covers. */
	old = t.c;
	memcpy(old_gw, t.gw, sizeof(old_gw));
	memcpy(old_at, t.at, sizeof(old_at));
	old.gateways = old_gw;
	old_gw[0].attachments = &old_at[0];
	old_gw[1].attachments = &old_at[1];
	t.at[0].n_allowed_prefixes = 1;
	t.at[1] = (struct config_attachment){ .name = "vgw",
	    .kind = CONFIG_ATTACH_VGW, .prefixes = &t.p[2], .n_prefixes = 1,
	    .allowed_prefixes = &t.p[3], .n_allowed_prefixes = 1,
	    .apply_policy = ACCEPT };
	t.gw[0].attachments = t.at;
	t.gw[0].n_attachments = 2;
	t.gw[1].n_attachments = 0;
	assert_int_equal(daemon_originate_reload(&t.d, &old), 2);
	assert_int_equal(changes(&t), 2);
	assert_int_equal(kicks, 1);
	assert_null(orig_path(&t, "10.201.0.0/16"));
	assert_non_null(orig_path(&t, "10.200.0.0/16"));
	assert_non_null(orig_path(&t, "10.0.0.0/16"));
	fini(&t);
}

static void
test_originate_reload_med(void **state)
{
	struct config_interconnect old_ic;
	struct config_attachment old_at[2];
	struct config_gateway old_gw[2];
	struct config old;
	struct tc t;

	(void)state;
	fill(&t, 65000);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	(void)changes(&t);
	old = t.c;
	memcpy(old_gw, t.gw, sizeof(old_gw));
	memcpy(old_at, t.at, sizeof(old_at));
	old.gateways = old_gw;
	old_gw[1].attachments = &old_at[1];
	t.at[1].base_priority = 10200;
	assert_int_equal(daemon_originate_reload(&t.d, &old), 1);
	assert_int_equal(orig_path(&t, "10.128.0.0/20")->attrs->med, 10200);
	/* An IPv6 subnet appears only when the interconnect carries IPv6. */
	t.p[5] = pfx("fd20:10:1::/64");
	t.at[1].n_prefixes = 2;
	old = t.c;
	old_ic = t.ic;
	old.interconnects = &old_ic;
	assert_int_equal(daemon_originate_reload(&t.d, &old), 0);
	assert_null(orig_path(&t, "fd20:10:1::/64"));
	t.ic.ipv6 = true;
	assert_int_equal(daemon_originate_reload(&t.d, &old), 1);
	assert_int_equal(orig_path(&t, "fd20:10:1::/64")->attrs->med, 10200);
	fini(&t);
}

/* A global aggregate (path id 0) and an originated route of one prefix. */
static void
test_originate_beside_aggregate(void **state)
{
	struct attr_builder b;
	const struct attrs *a;
	const struct rib_entry *e;
	const struct path *pa;
	struct tc t;
	int n = 0;

	(void)state;
	fill(&t, 64512);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_ATOMIC_AGG;
	a = attrs_intern(t.d.attrs, &b);
	attr_builder_fini(&b);
	assert_int_equal(rib_update(t.d.rib, DAEMON_LOCAL_PEER, &t.p[0], 0, a),
	    0);
	attrs_unref(t.d.attrs, a);
	e = rib_lookup(t.d.rib, &t.p[0]);
	for (pa = rib_entry_paths(e); pa != NULL; pa = pa->next, n++)
		;
	assert_int_equal(n, 2);
	assert_non_null(orig_path(&t, "10.200.0.0/16"));
	fini(&t);
}

/*
 * Policy "pol" on dxgw1's TGW attachment: reject 10.201.0.0/16 (set
 * "deny"), add community 65000:7 to 10.200.0.0/16 (set "tag").
 */
static void
policy_fill(struct tc *t)
{
	t->pe[0].prefix = t->p[1];
	t->pe[1].prefix = t->p[0];
	t->pe[0].len_lower = t->pe[0].len_upper = 16;
	t->pe[1].len_lower = t->pe[1].len_upper = 16;
	t->ps[0] = (struct config_prefix_set){ .name = "deny", .v = &t->pe[0],
	    .n = 1 };
	t->ps[1] = (struct config_prefix_set){ .name = "tag", .v = &t->pe[1],
	    .n = 1 };
	t->st[0].name = "deny";
	t->st[0].conditions.prefix_set.set = "deny";
	t->st[0].actions.result = CONFIG_RESULT_REJECT;
	t->st[1].name = "tag";
	t->st[1].conditions.prefix_set.set = "tag";
	t->comm.text = "65000:7";
	t->comm.val.std = 65000u << 16 | 7;
	t->st[1].actions.set_community.op = CONFIG_COMM_OP_ADD;
	t->st[1].actions.set_community.v = &t->comm;
	t->st[1].actions.set_community.n = 1;
	t->pol = (struct config_policy){ .name = "pol", .statements = t->st,
	    .n_statements = 2 };
	t->c.policy.prefix_sets = t->ps;
	t->c.policy.n_prefix_sets = 2;
	t->c.policy.policies = &t->pol;
	t->c.policy.n_policies = 1;
	t->chain[0] = "pol";
}

/* The TGW attachment's import chain: pol, or none. */
static void
policy_attach(struct tc *t, bool on)
{
	t->at[0].apply_policy.import_policy.v = t->chain;
	t->at[0].apply_policy.import_policy.n = on;
}

/* What a reload does: compile the running config, swap the db. */
static void
policy_compile(struct tc *t)
{
	struct compile_err ce;

	policy_db_free(t->d.pdb);
	t->d.pdb = compile_policies(&t->c, NULL, &ce);
	assert_non_null(t->d.pdb);
}

static void
test_originate_policy_init(void **state)
{
	const struct path *pa;
	struct tc t;

	(void)state;
	fill(&t, 64512);
	policy_fill(&t);
	policy_attach(&t, true);
	policy_compile(&t);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	assert_null(orig_path(&t, "10.201.0.0/16"));
	assert_null(rib_lookup(t.d.rib, &t.p[1]));
	pa = orig_path(&t, "10.200.0.0/16");
	assert_non_null(pa);
	assert_int_equal(blob_bytes(pa->attrs->comms).len, 4);
	assert_int_equal(rib_peer_count(t.d.rib, DAEMON_LOCAL_PEER, AFI_IPV4,
	    false), 1);
	fini(&t);
}

/* A reload that changes only the attachment's policy. */
static void
test_originate_policy_reload(void **state)
{
	struct config_attachment old_at[2];
	struct config_gateway old_gw[2];
	const struct path *keep;
	struct config old;
	struct tc t;
	uint32_t seq;

	(void)state;
	fill(&t, 64512);
	t.p[2] = pfx("10.202.0.0/24");
	t.at[0].n_allowed_prefixes = 3;		/* p[0..3) */
	policy_fill(&t);
	policy_compile(&t);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	assert_int_equal(changes(&t), 3);
	keep = orig_path(&t, "10.202.0.0/24");
	seq = keep->seq;
	old = t.c;
	memcpy(old_gw, t.gw, sizeof(old_gw));
	memcpy(old_at, t.at, sizeof(old_at));
	old.gateways = old_gw;
	old_gw[0].attachments = &old_at[0];
	/* The policy attached: one withdrawn, one re-announced tagged. */
	policy_attach(&t, true);
	policy_compile(&t);
	assert_int_equal(daemon_originate_reload(&t.d, &old), 2);
	assert_int_equal(changes(&t), 2);
	assert_int_equal(kicks, 1);
	assert_null(orig_path(&t, "10.201.0.0/16"));
	assert_int_equal(blob_bytes(orig_path(&t,
	    "10.200.0.0/16")->attrs->comms).len, 4);
	keep = orig_path(&t, "10.202.0.0/24");
	assert_int_equal(keep->seq, seq);	/* never re-announced */
	/* The same again: nothing. */
	old_at[0] = t.at[0];
	assert_int_equal(daemon_originate_reload(&t.d, &old), 0);
	assert_int_equal(changes(&t), 0);
	assert_int_equal(kicks, 1);
	/* The policy removed: both come back as they were. */
	policy_attach(&t, false);
	policy_compile(&t);
	assert_int_equal(daemon_originate_reload(&t.d, &old), 2);
	assert_int_equal(changes(&t), 2);
	assert_non_null(orig_path(&t, "10.201.0.0/16"));
	assert_int_equal(blob_bytes(orig_path(&t,
	    "10.200.0.0/16")->attrs->comms).len, 0);
	assert_int_equal(orig_path(&t, "10.202.0.0/24")->seq, seq);
	fini(&t);
}

/* A change of the prefix set alone (the chain is the same) re-evaluates. */
static void
test_originate_policy_set_change(void **state)
{
	struct tc t;

	(void)state;
	fill(&t, 64512);
	policy_fill(&t);
	policy_attach(&t, true);
	policy_compile(&t);
	assert_int_equal(daemon_originate_init(&t.d), 0);
	(void)changes(&t);
	/* "deny" now names 10.200.0.0/16 and "tag" 10.201.0.0/16. */
	t.pe[0].prefix = t.p[0];
	t.pe[1].prefix = t.p[1];
	policy_compile(&t);
	assert_int_equal(daemon_originate_reload(&t.d, &t.c), 2);
	assert_null(orig_path(&t, "10.200.0.0/16"));
	assert_int_equal(blob_bytes(orig_path(&t,
	    "10.201.0.0/16")->attrs->comms).len, 4);
	fini(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_originate_dxgw),
		cmocka_unit_test(test_originate_cr_med),
		cmocka_unit_test(test_originate_no_gateway),
		cmocka_unit_test(test_originate_reload_diff),
		cmocka_unit_test(test_originate_reload_med),
		cmocka_unit_test(test_originate_beside_aggregate),
		cmocka_unit_test(test_originate_policy_init),
		cmocka_unit_test(test_originate_policy_reload),
		cmocka_unit_test(test_originate_policy_set_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
