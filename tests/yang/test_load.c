/*
 * Unit tests for yang/load*.c, yang/tree.c and yang/schema.c: the example
 * configurations load into the expected struct values (explicit and YANG
 * defaults), JSON and XML agree, canonical text round-trips, and YANG errors
 * come back with the data path of the offending node.
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
#include "yang/diff.h"

#define PLAIN "yang/examples/plain-bgp.json"
#define IC "yang/examples/interconnect.json"


static void
test_load_bgp_values(void **state)
{
	struct config *c = yhelp_load(*state, PLAIN);
	const struct config_neighbor *a, *b;
	char buf[ADDR_STRLEN];

	assert_true(c->bgp.present);
	assert_int_equal(c->bgp.asn, 64496);
	assert_int_equal(c->bgp.router_id, 0xC6336401u);
	assert_int_equal(c->bgp.max_paths, 8);
	assert_int_equal(c->bgp.n_aggregates, 1);
	assert_int_equal(c->bgp.aggregates[0].mode, CONFIG_AGG_ORIGINATE);
	assert_int_equal(c->bgp.n_neighbors, 2);
	a = &c->bgp.neighbors[0];
	assert_string_equal(addr_print(&a->address, buf, sizeof(buf)),
	    "198.51.100.2");
	assert_int_equal(a->remote_as, 64497);
	assert_string_equal(a->md5_key, "s3cret");
	assert_string_equal(a->description, "transit A");
	assert_int_equal(a->hold_time, 90);
	assert_int_equal(a->keepalive, 30);
	assert_int_equal(a->connect_retry, 120);
	assert_int_equal(a->ttl, 1);
	assert_false(a->ttl_security);
	assert_true(a->admin_up);
	assert_int_equal(a->profile, CONFIG_PROFILE_GENERIC);
	assert_int_equal(a->n_afi_safis, 1);
	assert_int_equal(a->afi_safis[0].afi, AFI_IPV4);
	assert_int_equal(a->afi_safis[0].max_prefix, 1000000);
	assert_int_equal(a->afi_safis[0].max_prefix_action,
	    CONFIG_MAXPFX_RESTART);
	assert_int_equal(a->apply_policy.import_policy.n, 1);
	assert_string_equal(a->apply_policy.import_policy.v[0], "transit-in");
	assert_string_equal(a->apply_policy.export_policy.v[0], "own-out");
	assert_int_equal(a->apply_policy.default_import, CONFIG_REJECT_ROUTE);
	assert_true(a->graceful_restart);
	assert_int_equal(a->restart_time, 120);
	assert_int_equal(a->stale_time, 360);
	b = &c->bgp.neighbors[1];
	assert_int_equal(b->address.afi, AFI_IPV6);
	assert_int_equal(b->hold_time, 30);
	assert_int_equal(b->keepalive, 10);
	assert_int_equal(b->connect_retry, 5);
	assert_true(b->ttl_security);
	assert_true(b->passive);
	assert_null(b->md5_key);
	assert_int_equal(b->afi_safis[0].afi, AFI_IPV6);
	assert_int_equal(b->afi_safis[0].max_prefix, 100);
	assert_int_equal(b->afi_safis[0].max_prefix_action,
	    CONFIG_MAXPFX_IDLE);
	assert_int_equal(b->afi_safis[0].max_prefix_restart, 300);
	assert_int_equal(b->apply_policy.export_policy.n, 0);
	config_free(c);
}

static void
test_load_keepalive_clamped_to_hold_third(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c = yhelp_load_edit(*state, PLAIN,
	    "\"keepalive-interval\": 10", "\"keepalive-interval\": 25", &err);

	assert_non_null(c);
	assert_int_equal(c->bgp.neighbors[1].hold_time, 30);
	assert_int_equal(c->bgp.neighbors[1].keepalive, 10);
	config_free(c);
	cfgerr_fini(&err);
}

static void
test_load_strict_rejects_unknown(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c = yhelp_load_edit(*state, PLAIN,
	    "\"afi-safis\"", "\"unused-afi-safis\"", &err);

	/* Strict parsing: an unknown node is an error, not ignored. */
	assert_null(c);
	assert_non_null(cfgerr_lookup(&err, NULL, "unused-afi-safis"));
	cfgerr_fini(&err);
}

static void
test_load_default_afi_from_address(void **state)
{
	static const char text[] = "{\"crossroute-bgp:bgp\": {"
	    "\"global\": {\"as\": 65001, \"router-id\": \"10.0.0.1\"},"
	    "\"neighbors\": {\"neighbor\": ["
	    "{\"neighbor-address\": \"10.0.0.2\", \"peer-as\": 65002},"
	    "{\"neighbor-address\": \"fe80::2\", \"peer-as\": 65003}]}}}";
	struct cfgerr err = { 0 };
	struct config *c;

	assert_int_equal(load_text(*state, text, LOAD_JSON, &c, NULL, &err),
	    0);
	assert_int_equal(c->bgp.neighbors[0].n_afi_safis, 1);
	assert_int_equal(c->bgp.neighbors[0].afi_safis[0].afi, AFI_IPV4);
	assert_int_equal(c->bgp.neighbors[0].afi_safis[0].max_prefix, 0);
	assert_int_equal(c->bgp.neighbors[1].afi_safis[0].afi, AFI_IPV6);
	assert_int_equal(c->bgp.neighbors[1].afi_safis[0].safi, SAFI_UNICAST);
	assert_int_equal(c->bgp.neighbors[1].apply_policy.default_export,
	    CONFIG_REJECT_ROUTE);
	config_free(c);
}

static void
test_load_profile_defaults(void **state)
{
	static const char text[] = "{\"crossroute-bgp:bgp\": {"
	    "\"global\": {\"as\": 65001, \"router-id\": \"10.0.0.1\"},"
	    "\"neighbors\": {\"neighbor\": ["
	    "{\"neighbor-address\": \"10.0.0.2\", \"peer-as\": 65002,"
	    " \"profile\": \"dx\"},"
	    "{\"neighbor-address\": \"10.0.0.3\", \"peer-as\": 65003,"
	    " \"profile\": \"cloud-router\", \"timers\": {\"hold-time\": 90},"
	    " \"apply-policy\": {\"default-import-policy\": \"reject-route\"},"
	    " \"afi-safis\": {\"afi-safi\": [{\"afi-safi-name\": \"ipv4-unicast\","
	    " \"prefix-limit\": {\"max-prefixes\": 7}}]}}]}}}";
	const struct config_neighbor *a, *b;
	struct cfgerr err = { 0 };
	struct config *c;

	assert_int_equal(load_text(*state, text, LOAD_JSON, &c, NULL, &err),
	    0);
	a = &c->bgp.neighbors[0];
	assert_int_equal(a->hold_time, 60);
	assert_int_equal(a->keepalive, 20);
	assert_int_equal(a->connect_retry, 5);
	assert_int_equal(a->afi_safis[0].max_prefix, 100);
	assert_int_equal(a->afi_safis[0].max_prefix_action, CONFIG_MAXPFX_IDLE);
	assert_int_equal(a->apply_policy.default_import, CONFIG_ACCEPT_ROUTE);
	assert_int_equal(a->apply_policy.default_export, CONFIG_ACCEPT_ROUTE);
	/* Explicit values win, even when equal to the YANG default. */
	b = &c->bgp.neighbors[1];
	assert_int_equal(b->hold_time, 90);
	assert_int_equal(b->keepalive, 20);
	assert_int_equal(b->afi_safis[0].max_prefix, 7);
	assert_int_equal(b->afi_safis[0].max_prefix_action, CONFIG_MAXPFX_IDLE);
	assert_int_equal(b->apply_policy.default_import, CONFIG_REJECT_ROUTE);
	assert_int_equal(b->apply_policy.default_export, CONFIG_ACCEPT_ROUTE);
	config_free(c);
}

static void
test_load_policy_values(void **state)
{
	struct config *c = yhelp_load(*state, PLAIN);
	const struct config_policy *p = config_policy_lookup(c, "transit-in");
	const struct config_statement *st;

	assert_non_null(p);
	assert_int_equal(p->n_statements, 3);
	assert_string_equal(p->statements[0].name, "no-bogons");
	assert_string_equal(p->statements[1].name, "long-paths");
	assert_string_equal(p->statements[2].name, "accept");
	st = &p->statements[0];
	assert_string_equal(st->conditions.prefix_set.set, "bogons");
	assert_int_equal(st->conditions.prefix_set.opt, CONFIG_MATCH_ANY);
	assert_int_equal(st->actions.result, CONFIG_RESULT_REJECT);
	st = &p->statements[1];
	assert_true(st->conditions.has_as_path_length);
	assert_int_equal(st->conditions.as_path_length_op, CONFIG_CMP_GE);
	assert_int_equal(st->conditions.as_path_length, 50);
	st = &p->statements[2];
	assert_int_equal(st->actions.result, CONFIG_RESULT_ACCEPT);
	assert_true(st->actions.has_local_pref);
	assert_int_equal(st->actions.local_pref, 100);
	assert_int_equal(st->actions.set_community.op, CONFIG_COMM_OP_REMOVE);
	assert_string_equal(st->actions.set_community.set_ref, "blackhole");
	st = &config_policy_lookup(c, "own-out")->statements[0];
	assert_int_equal(st->actions.med_op, CONFIG_MED_SET);
	assert_int_equal(st->actions.med, 50);
	assert_true(st->actions.has_prepend);
	assert_int_equal(st->actions.prepend_asn, 64496);
	assert_int_equal(st->actions.prepend_repeat, 2);
	assert_int_equal(st->actions.next_hop_kind, CONFIG_NH_SELF);
	assert_int_equal(config_prefix_set_lookup(c, "bogons")->mode,
	    CONFIG_PSET_MIXED);
	assert_int_equal(config_prefix_set_lookup(c, "bogons")->v[3].prefix.afi,
	    AFI_IPV6);
	assert_int_equal(config_prefix_set_lookup(c, "bogons")->v[0].len_upper,
	    7);
	config_free(c);
}

static void
test_load_policy_sets_and_actions(void **state)
{
	static const uint8_t rt[8] = { 0x00, 0x02, 0xfc, 0x00, 0, 0, 0, 100 };
	struct config *c = yhelp_load(*state, IC);
	const struct config_community_set *cs;
	const struct config_statement *st;

	cs = config_community_set_lookup(c, CONFIG_COMM_STANDARD,
	    "private-tags");
	assert_int_equal(cs->n, 2);
	assert_true(cs->v[0].is_regex);
	assert_string_equal(cs->v[0].text, "^65000:.*$");
	assert_false(cs->v[1].is_regex);
	assert_int_equal(cs->v[1].val.std, 0xFFFFFF01u);
	cs = config_community_set_lookup(c, CONFIG_COMM_LARGE, "tenant");
	assert_int_equal(cs->v[0].val.large[0], 64512);
	assert_int_equal(cs->v[0].val.large[2], 100);
	cs = config_community_set_lookup(c, CONFIG_COMM_EXT, "rt-tenant");
	assert_memory_equal(cs->v[0].val.ext, rt, 8);
	assert_int_equal(config_link_set_lookup(c, "draining")->roles,
	    CONFIG_LINK_ROLE_DRAINING);
	assert_int_equal(config_link_set_lookup(c, "facility-1")->n_links, 2);
	assert_int_equal(
	    config_link_set_lookup(c, "facility-1")->links[1].link_id, 2);
	st = &config_policy_lookup(c, "drain")->statements[0];
	assert_string_equal(st->conditions.link_set.set, "draining");
	assert_int_equal(st->actions.med_op, CONFIG_MED_ADD);
	assert_int_equal(st->actions.med, 10000);
	assert_int_equal(st->actions.prepend_asn, 0);
	assert_int_equal(st->actions.prepend_repeat, 3);
	assert_int_equal(st->actions.set_community.n, 1);
	assert_int_equal(st->actions.set_community.v[0].val.std, 0xFFFF0000u);
	assert_int_equal(st->actions.result, CONFIG_RESULT_NONE);
	st = &config_policy_lookup(c, "import-gcp")->statements[0];
	assert_string_equal(st->conditions.as_path_set.set, "from-google");
	assert_int_equal(st->conditions.as_path_length_op, CONFIG_CMP_LE);
	assert_string_equal(st->actions.set_large_community.set_ref, "tenant");
	st = &config_policy_lookup(c, "export-aws")->statements[0];
	assert_string_equal(st->conditions.call_policy, "drain");
	assert_int_equal(st->conditions.afi_safi_in, CONFIG_AF_IPV4_UNICAST);
	assert_true(st->actions.summarize.present);
	assert_true(st->actions.summarize.summary_only);
	assert_false(st->actions.summarize.as_set);
	assert_int_equal(st->actions.summarize.prefix.len, 14);
	config_free(c);
}

static void
test_load_intent_values(void **state)
{
	struct config *c = yhelp_load(*state, IC);
	const struct config_gateway *a = config_gateway_lookup(c, "dxgw1");
	const struct config_gateway *b = config_gateway_lookup(c, "cr-use4");
	const struct config_interconnect *ic;
	char buf[ADDR_STRLEN];

	assert_int_equal(a->role, CONFIG_GW_DXGW);
	assert_int_equal(a->profile, CONFIG_PROFILE_DX);
	assert_int_equal(a->asn, 64512);
	assert_int_equal(a->n_attachments, 2);
	assert_int_equal(a->attachments[0].kind, CONFIG_ATTACH_TGW);
	assert_int_equal(a->attachments[0].n_allowed_prefixes, 2);
	assert_int_equal(a->apply_policy.default_import, CONFIG_ACCEPT_ROUTE);
	assert_int_equal(b->role, CONFIG_GW_CLOUD_ROUTER);
	assert_int_equal(b->profile, CONFIG_PROFILE_CLOUD_ROUTER);
	assert_int_equal(b->attachments[0].kind, CONFIG_ATTACH_VPC);
	assert_int_equal(b->attachments[0].advertise_mode, CONFIG_ADV_CUSTOM);
	assert_int_equal(b->attachments[0].n_advertised_ranges, 2);
	assert_int_equal(b->attachments[0].base_priority, 100);
	ic = config_interconnect_lookup(c, "ic1");
	assert_non_null(ic);
	assert_string_equal(ic->gateway_a, "dxgw1");
	assert_string_equal(ic->router_b, "cr-use4");
	assert_int_equal(ic->bandwidth_mbps, 10000);
	assert_true(ic->ipv6);
	assert_true(ic->admin_up);
	assert_int_equal(ic->n_links, 4);
	assert_int_equal(ic->links[2].id, 3);
	assert_string_equal(ic->links[2].facility, "iad-b");
	assert_int_equal(ic->links[2].vlan, 1027);
	assert_int_equal(ic->links[2].mtu, 8500);
	assert_int_equal(ic->links[2].ipv4_subnet.len, 30);
	assert_int_equal(ic->links[2].ipv4_a.afi, 0);
	assert_string_equal(addr_print(&ic->links[0].ipv4_b, buf, sizeof(buf)),
	    "169.254.10.2");
	assert_int_equal(ic->links[0].ipv6_subnet.len, 125);
	assert_true(ic->links[3].drained);
	assert_false(ic->links[2].drained);
	assert_false(c->bgp.present);
	config_free(c);
}

static void
test_load_xml_equals_json(void **state)
{
	struct config *j = yhelp_load(*state, PLAIN);
	struct config *x = yhelp_load(*state, "yang/examples/plain-bgp.xml");
	struct diff *d = diff_new(j, x);

	assert_int_equal(d->n, 0);
	diff_free(d);
	config_free(j);
	config_free(x);
}

static void
test_load_canonical_round_trip(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c, *c2;
	char *p = yhelp_path(IC), *canon, *canon2;
	struct diff *d;

	assert_int_equal(load_file(*state, p, &c, &canon, &err), 0);
	assert_int_equal(load_text(*state, canon, LOAD_JSON, &c2, &canon2,
	    &err), 0);
	assert_string_equal(canon, canon2);
	d = diff_new(c, c2);
	assert_int_equal(d->n, 0);
	diff_free(d);
	config_free(c);
	config_free(c2);
	free(canon);
	free(canon2);
	free(p);
}

static void
test_load_yang_error_names_path(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c = yhelp_load_edit(*state, IC, "\"vlan\": 1027",
	    "\"vlan\": 77", &err);

	assert_null(c);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.v[0].path,
	    "/crossroute-interconnect:interconnects/interconnect[name='ic1']/links/link[id='3']/vlan");
	assert_non_null(strstr(err.v[0].msg, "VLAN ids up to 1024 are reserved"));
	cfgerr_fini(&err);
}

static void
test_load_bad_input(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c = (struct config *)1;
	char *canon = (char *)1;

	assert_int_equal(load_file(*state, "/nonexistent/x.json", &c, &canon,
	    &err), -1);
	assert_null(c);
	assert_null(canon);
	assert_non_null(cfgerr_lookup(&err, "/nonexistent/x.json",
	    "cannot read"));
	cfgerr_fini(&err);
	/* libyang alone takes this for an empty configuration. */
	assert_int_equal(load_text(*state, "{ \"crossroute-bgp:bgp\": ",
	    LOAD_JSON, &c, NULL, &err), -1);
	assert_non_null(cfgerr_lookup(&err, NULL, "truncated"));
	cfgerr_fini(&err);
	assert_int_equal(load_text(*state, "{\"foo:bar\": 1}", LOAD_JSON, &c,
	    NULL, &err), -1);
	assert_int_equal(err.n, 1);
	assert_string_equal(err.v[0].path, "");
	assert_non_null(strstr(err.v[0].msg, "No module named \"foo\""));
	assert_non_null(strstr(err.v[0].msg, "(line 1)"));
	cfgerr_fini(&err);
	assert_int_equal(load_text(*state, "{} {}", LOAD_JSON, &c, NULL, &err),
	    -1);
	assert_non_null(cfgerr_lookup(&err, NULL, "truncated"));
	cfgerr_fini(&err);
	assert_int_equal(load_text(*state, "<bgp xmlns=\"urn:crossroute:yang:"
	    "crossroute-bgp\"><global><as>1</as>", LOAD_XML, &c, NULL, &err),
	    -1);
	assert_true(err.n >= 1);
	cfgerr_fini(&err);
	assert_int_equal(load_text(*state, "<bgp xmlns=\"urn:other\"/>",
	    LOAD_XML, &c, NULL, &err), -1);
	assert_true(err.n >= 1);
	cfgerr_fini(&err);
}

static void
test_load_empty(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c;
	char *canon;

	assert_int_equal(load_text(*state, "{}", LOAD_JSON, &c, &canon, &err),
	    0);
	assert_false(c->bgp.present);
	assert_int_equal(c->n_gateways + c->policy.n_policies, 0);
	config_free(c);
	free(canon);
}

static void
test_load_print_with_defaults(void **state)
{
	struct cfgerr err = { 0 };
	char *p = yhelp_path(PLAIN), *canon, *all, *xml;
	struct config *c;

	assert_int_equal(load_file(*state, p, &c, &canon, &err), 0);
	assert_null(strstr(canon, "\"connect-retry\": 120"));
	all = load_print(*state, canon, LOAD_JSON, true, &err);
	assert_non_null(all);
	assert_non_null(strstr(all, "\"connect-retry\": 120"));
	xml = load_print(*state, canon, LOAD_XML, false, &err);
	assert_non_null(strstr(xml, "<peer-as>64497</peer-as>"));
	free(xml);
	free(all);
	free(canon);
	free(p);
	config_free(c);
}

/*
 * Robustness: every truncation of an example and a few hundred single-byte
 * mutations either load or fail with at least one error; none may crash
 * (the sanitizer build checks memory). A truncated text never loads.
 */
static void
test_load_mutations(void **state)
{
	static const char charset[] = "{}[]\":,0123456789-./ abcxyz";
	char *p = yhelp_path(IC), *text = yhelp_read(p), *m;
	struct cfgerr err = { 0 };
	size_t len = strlen(text), i, ok = 0;
	uint32_t x = 0x1234567u;
	struct config *c;

	m = malloc(len + 1);
	assert_non_null(m);
	for (i = 1; i < len; i += 7) {
		memcpy(m, text, i);
		m[i] = '\0';
		assert_int_equal(load_text(*state, m, LOAD_JSON, &c, NULL,
		    &err), -1);
		assert_true(err.n > 0);
		cfgerr_fini(&err);
	}
	for (i = 0; i < 400; i++) {
		memcpy(m, text, len + 1);
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		m[x % len] = charset[(x >> 8) % (sizeof(charset) - 1)];
		if (load_text(*state, m, LOAD_JSON, &c, NULL, &err) == 0) {
			assert_int_equal(err.n, 0);
			config_free(c);
			ok++;
		} else
			assert_true(err.n > 0);
		cfgerr_fini(&err);
	}
	printf("# %zu of 400 mutations still valid\n", ok);
	free(m);
	free(text);
	free(p);
	/* XML goes to libyang unguarded: no cut before the last tag loads. */
	p = yhelp_path("yang/examples/plain-bgp.xml");
	text = yhelp_read(p);
	len = strlen(text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	for (i = 1; i < len; i += 5) {
		char keep = text[i];

		text[i] = '\0';
		assert_int_equal(load_text(*state, text, LOAD_XML, &c, NULL,
		    &err), -1);
		cfgerr_fini(&err);
		text[i] = keep;
	}
	free(text);
	free(p);
}

static void
test_schema_missing_dir(void **state)
{
	struct cfgerr err = { 0 };

	(void)state;
	assert_null(schema_new("/nonexistent-yang-dir", &err));
	assert_non_null(cfgerr_lookup(&err, "/nonexistent-yang-dir", NULL));
	cfgerr_fini(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_bgp_values),
		cmocka_unit_test(test_load_keepalive_clamped_to_hold_third),
		cmocka_unit_test(test_load_strict_rejects_unknown),
		cmocka_unit_test(test_load_default_afi_from_address),
		cmocka_unit_test(test_load_profile_defaults),
		cmocka_unit_test(test_load_policy_values),
		cmocka_unit_test(test_load_policy_sets_and_actions),
		cmocka_unit_test(test_load_intent_values),
		cmocka_unit_test(test_load_xml_equals_json),
		cmocka_unit_test(test_load_canonical_round_trip),
		cmocka_unit_test(test_load_yang_error_names_path),
		cmocka_unit_test(test_load_bad_input),
		cmocka_unit_test(test_load_empty),
		cmocka_unit_test(test_load_print_with_defaults),
		cmocka_unit_test(test_load_mutations),
		cmocka_unit_test(test_schema_missing_dir),
	};

	return cmocka_run_group_tests(tests, yhelp_setup, yhelp_teardown);
}
