/*
 * Unit tests for yang/validate.c and yang/validate_intent.c: every file in
 * yang/examples/invalid/ is refused with exactly the data path and message
 * its .expect file names; the valid examples pass; and checks that YANG
 * cannot reach (references in hand-built configs, link count, gateway
 * roles) still hold on the plain structs.
 */
#include <dirent.h>
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
#include "yang/validate.h"

#define IC "yang/examples/interconnect.json"
#define PV "yang/examples/public-vif.json"
#define PVN "/crossroute-bgp:bgp/neighbors/neighbor[neighbor-address=" \
	"'198.51.100.2']"
#define ICP "/crossroute-interconnect:interconnects/interconnect[name='ic1']"


/* True when err holds an item whose path is path and msg contains text. */
static bool
has_error(const struct cfgerr *err, const char *path, const char *text)
{
	size_t i;

	for (i = 0; i < err->n; i++)
		if (!strcmp(err->v[i].path, path) &&
		    strstr(err->v[i].msg, text) != NULL)
			return true;
	return false;
}

static void
invalid_one(struct schema *s, const char *dir, const char *name)
{
	struct cfgerr err = { 0 };
	char *json, *exp, *text, *nl, *path, *msg;
	struct config *c = (struct config *)1;

	assert_true(asprintf(&json, "%s/%s", dir, name) > 0);
	assert_true(asprintf(&exp, "%s/%.*s.expect", dir,
	    (int)(strlen(name) - 5), name) > 0);
	text = yhelp_read(exp);
	path = text;
	nl = strchr(path, '\n');
	assert_non_null(nl);
	*nl = '\0';
	msg = nl + 1;
	nl = strchr(msg, '\n');
	assert_non_null(nl);
	*nl = '\0';
	assert_int_equal(load_file(s, json, &c, NULL, &err), -1);
	assert_null(c);
	if (!has_error(&err, path, msg)) {
		printf("# %s: expected %s: %s\n", name, path, msg);
		yhelp_errs_dump(&err);
		fail();
	}
	cfgerr_fini(&err);
	free(text);
	free(exp);
	free(json);
}

static void
test_validate_invalid_examples(void **state)
{
	char *dir = yhelp_path("yang/examples/invalid");
	struct dirent *e;
	DIR *d = opendir(dir);
	size_t n = 0, len;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json"))
			continue;
		invalid_one(*state, dir, e->d_name);
		n++;
	}
	closedir(d);
	free(dir);
	/* The corpus must not silently shrink. */
	assert_true(n >= 31);
}

static void
test_validate_valid_examples(void **state)
{
	static const char *const ex[] = { IC, "yang/examples/plain-bgp.json",
		"yang/examples/plain-bgp.xml", PV };
	struct cfgerr err = { 0 };
	struct config *c;
	size_t i;

	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		c = yhelp_load(*state, ex[i]);
		assert_int_equal(validate_config(c, &err), 0);
		assert_int_equal(err.n, 0);
		config_free(c);
	}
}

static void
names_push(struct config_names *n, const char *s)
{
	n->v = xrealloc(n->v, (n->n + 1) * sizeof(*n->v));
	n->v[n->n++] = xstrdup(s);
}

static void
test_validate_struct_references(void **state)
{
	struct config *c = yhelp_load(*state, IC);
	struct cfgerr err = { 0 };
	struct config_statement *st;

	names_push(&c->gateways[0].apply_policy.export_policy, "ghost");
	c->policy.link_sets[1].links[1].link_id = 9;
	st = &c->policy.policies[1].statements[0];
	free(st->actions.set_large_community.set_ref);
	st->actions.set_large_community.set_ref = xstrdup("ghost-large");
	st = &c->policy.policies[1].statements[0];
	free(st->conditions.prefix_set.set);
	st->conditions.prefix_set.set = xstrdup("no-set");
	assert_int_equal(validate_config(c, &err), -1);
	assert_true(has_error(&err,
	    "/crossroute-interconnect:gateways/gateway[name='dxgw1']/apply-policy/export-policy",
	    "policy 'ghost' is not defined"));
	assert_true(has_error(&err,
	    "/crossroute-routing-policy:routing-policy/policy-definitions/policy-definition[name='import-gcp']/statements/statement[name='subnets']/conditions/match-prefix-set/prefix-set",
	    "prefix-set 'no-set' is not defined"));
	assert_true(has_error(&err,
	    "/crossroute-routing-policy:routing-policy/policy-definitions/policy-definition[name='import-gcp']/statements/statement[name='subnets']/actions/bgp-actions/set-large-community/community-set-ref",
	    "large-community-set 'ghost-large' is not defined"));
	assert_true(has_error(&err,
	    "/crossroute-routing-policy:routing-policy/defined-sets/crossroute-interconnect:link-sets/link-set[name='facility-1']/link[interconnect='ic1'][id='9']",
	    "interconnect 'ic1' has no link 9"));
	assert_int_equal(err.n, 4);
	cfgerr_fini(&err);
	config_free(c);
}

static void
test_validate_struct_roles_swapped(void **state)
{
	struct config *c = yhelp_load(*state, IC);
	struct config_interconnect *ic = &c->interconnects[0];
	struct cfgerr err = { 0 };
	char *t = ic->gateway_a;

	ic->gateway_a = ic->router_b;
	ic->router_b = t;
	assert_int_equal(validate_config(c, &err), -1);
	assert_true(has_error(&err, ICP "/gateway-a",
	    "gateway-a 'cr-use4' is not a dxgw gateway"));
	assert_true(has_error(&err, ICP "/router-b",
	    "router-b 'dxgw1' is not a cloud-router gateway"));
	cfgerr_fini(&err);
	config_free(c);
}

static void
test_validate_struct_five_links(void **state)
{
	struct config *c = yhelp_load(*state, IC);
	struct config_interconnect *ic = &c->interconnects[0];
	struct config_link *l;
	struct cfgerr err = { 0 };

	ic->links = xrealloc(ic->links, 5 * sizeof(*ic->links));
	l = &ic->links[4];
	memset(l, 0, sizeof(*l));
	l->id = 5;
	l->facility = xstrdup("iad-c");
	l->device_a = xstrdup("aws-r5");
	l->device_b = xstrdup("gcp-r5");
	l->vlan = 1099;
	prefix_parse("169.254.10.16/30", &l->ipv4_subnet, true);
	prefix_parse("fd20::20/125", &l->ipv6_subnet, true);
	ic->n_links = 5;
	assert_int_equal(validate_config(c, &err), -1);
	assert_int_equal(err.n, 1);
	assert_true(has_error(&err, ICP "/links",
	    "5 links; an interconnect has at most 4"));
	cfgerr_fini(&err);
	config_free(c);
}

static void
test_validate_collects_every_error(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c = yhelp_load_edit(*state, IC, "\"vlan\": 1028",
	    "\"vlan\": 1025, \"ipv4-address-a\": \"169.254.10.1\"", &err);

	/* Link 4: duplicate VLAN and an address outside its subnet. */
	assert_null(c);
	assert_int_equal(err.n, 2);
	assert_true(has_error(&err, ICP "/links/link[id='4']/vlan",
	    "VLAN 1025 is already used by link 1"));
	assert_true(has_error(&err, ICP "/links/link[id='4']/ipv4-address-a",
	    "not inside the link subnet"));
	cfgerr_fini(&err);
}

/*
 * Custom learned routes: loaded with their priority (default 100); an IPv6
 * one on an interconnect without ipv6 is refused at its path; more than 10
 * are refused by the model.
 */
static void
test_validate_custom_learned(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c = yhelp_load_edit(*state, IC, "\"ipv6\": true",
	    "\"ipv6\": true, \"custom-learned-routes\": { \"route\": ["
	    "{ \"prefix\": \"10.77.0.0/16\", \"priority\": 300 },"
	    "{ \"prefix\": \"2001:db8::/32\" } ] }", &err);
	char ps[PREFIX_STRLEN];
	char *many = xstrdup("");
	int i;

	assert_non_null(c);
	assert_int_equal(c->interconnects[0].n_custom_learned, 2);
	prefix_print(&c->interconnects[0].custom_learned[0].prefix, ps,
	    sizeof(ps));
	assert_string_equal(ps, "10.77.0.0/16");
	assert_int_equal(c->interconnects[0].custom_learned[0].priority, 300);
	assert_int_equal(c->interconnects[0].custom_learned[1].priority, 100);
	config_free(c);
	c = yhelp_load_edit(*state, IC, "\"ipv6\": true",
	    "\"ipv6\": false, \"custom-learned-routes\": { \"route\": ["
	    "{ \"prefix\": \"2001:db8::/32\" } ] }", &err);
	assert_null(c);
	assert_true(has_error(&err, ICP "/custom-learned-routes/route"
	    "[prefix='2001:db8::/32']", "needs ipv6"));
	cfgerr_fini(&err);
	for (i = 0; i < 11; i++) {
		char *n;

		assert_true(asprintf(&n, "%s%s{ \"prefix\": \"10.%d.0.0/16\" }",
		    many, i ? ", " : "", 100 + i) > 0);
		free(many);
		many = n;
	}
	{
		char *rep;

		assert_true(asprintf(&rep, "\"ipv6\": true, "
		    "\"custom-learned-routes\": { \"route\": [%s] }",
		    many) > 0);
		c = yhelp_load_edit(*state, IC, "\"ipv6\": true", rep, &err);
		free(rep);
	}
	assert_null(c);
	assert_true(err.n > 0);
	yhelp_errs_dump(&err);
	cfgerr_fini(&err);
	free(many);
}

/*
 * SPEC 2.2 public VIF: dx-public takes the link timers, 1000 prefixes then
 * idle and accept-route; the region is loaded; a dx-public neighbour
 * needs a region and an external peer-as (both at their leaf's path).
 */
static void
test_validate_public_vif(void **state)
{
	struct cfgerr err = { 0 };
	struct config *c = yhelp_load(*state, PV);
	const struct config_neighbor *nb = &c->bgp.neighbors[0];

	assert_int_equal(nb->profile, CONFIG_PROFILE_DX_PUBLIC);
	assert_string_equal(nb->region, "us-east-1");
	assert_int_equal(nb->hold_time, CONFIG_LINK_HOLD_TIME);
	assert_int_equal(nb->keepalive, CONFIG_LINK_KEEPALIVE);
	assert_int_equal(nb->connect_retry, CONFIG_LINK_CONNECT_RETRY);
	assert_int_equal(nb->n_afi_safis, 1);
	assert_int_equal(nb->afi_safis[0].max_prefix, 1000);
	assert_int_equal(nb->afi_safis[0].max_prefix_action,
	    CONFIG_MAXPFX_IDLE);
	assert_int_equal(nb->apply_policy.default_import, CONFIG_ACCEPT_ROUTE);
	assert_int_equal(nb->apply_policy.default_export, CONFIG_ACCEPT_ROUTE);
	assert_string_equal(c->bgp.neighbors[2].region, "eu-west-1");
	assert_int_equal(c->bgp.neighbors[2].profile, CONFIG_PROFILE_GENERIC);
	config_free(c);
	c = yhelp_load_edit(*state, PV, "\"peer-as\": 65101",
	    "\"peer-as\": 7224", &err);
	assert_null(c);
	assert_true(has_error(&err, PVN "/peer-as", "external peer"));
	cfgerr_fini(&err);
	c = yhelp_load_edit(*state, PV, "\"region\": \"us-east-1\",\n"
	    "          \"auth", "\"auth", &err);
	assert_null(c);
	assert_true(has_error(&err, PVN "/region", "needs the region"));
	cfgerr_fini(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate_invalid_examples),
		cmocka_unit_test(test_validate_valid_examples),
		cmocka_unit_test(test_validate_struct_references),
		cmocka_unit_test(test_validate_struct_roles_swapped),
		cmocka_unit_test(test_validate_struct_five_links),
		cmocka_unit_test(test_validate_collects_every_error),
		cmocka_unit_test(test_validate_custom_learned),
		cmocka_unit_test(test_validate_public_vif),
	};

	return cmocka_run_group_tests(tests, yhelp_setup, yhelp_teardown);
}
