/*
 * Converter of the interconnect intent (/crossroute-interconnect:gateways
 * and :interconnects) into struct config_gateway and struct
 * config_interconnect (SPEC.md 1.2-1.8). Derived per-link neighbours are
 * state, not configuration, and are not read here.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/ly.h"

static enum config_attach_kind
kind_of(const char *s)
{
	if (!strcmp(s, "tgw"))
		return CONFIG_ATTACH_TGW;
	if (!strcmp(s, "core-network"))
		return CONFIG_ATTACH_CORE_NETWORK;
	if (!strcmp(s, "vpc"))
		return CONFIG_ATTACH_VPC;
	return CONFIG_ATTACH_VGW;
}

static void
attachment_parse(const struct lyd_node *n, struct config_attachment *at,
    struct cfgerr *err)
{
	const char *mode = tree_str(n, "advertise-mode");
	uint32_t v = CONFIG_BASE_PRIORITY;

	at->name = tree_strdup(n, "name");
	at->kind = kind_of(tree_str(n, "kind"));
	at->region = tree_strdup(n, "region");
	tree_prefixes(n, "prefixes", &at->prefixes, &at->n_prefixes, err);
	tree_prefixes(n, "allowed-prefixes", &at->allowed_prefixes,
	    &at->n_allowed_prefixes, err);
	tree_prefixes(n, "advertised-ranges", &at->advertised_ranges,
	    &at->n_advertised_ranges, err);
	tree_u32(n, "base-priority", &v);
	at->base_priority = (uint16_t)v;
	at->advertise_mode = (mode != NULL && !strcmp(mode, "custom")) ?
	    CONFIG_ADV_CUSTOM : CONFIG_ADV_DEFAULT;
	tree_apply_policy(n, &at->apply_policy);
}

static void
gateway_parse(const struct lyd_node *n, struct config_gateway *g,
    struct cfgerr *err)
{
	const struct lyd_node *ats = tree_child(n, "attachments");
	const struct lyd_node *m;
	const char *role = tree_str(n, "role");
	const char *prof = tree_str(n, "profile");
	size_t k = tree_count(ats, "attachment");

	g->name = tree_strdup(n, "name");
	g->role = (role != NULL && !strcmp(role, "cloud-router")) ?
	    CONFIG_GW_CLOUD_ROUTER : CONFIG_GW_DXGW;
	tree_u32(n, "asn", &g->asn);
	g->router_id = tree_dotted_quad(n, "router-id");
	if (prof == NULL)
		g->profile = g->role == CONFIG_GW_DXGW ? CONFIG_PROFILE_DX :
		    CONFIG_PROFILE_CLOUD_ROUTER;
	else
		g->profile = !strcmp(prof, "dx") ? CONFIG_PROFILE_DX :
		    !strcmp(prof, "cloud-router") ?
		    CONFIG_PROFILE_CLOUD_ROUTER : CONFIG_PROFILE_GENERIC;
	g->attachments = k ? xcalloc(k, sizeof(*g->attachments)) : NULL;
	for (m = tree_child(ats, "attachment"); m != NULL; m = tree_next(m))
		attachment_parse(m, &g->attachments[g->n_attachments++], err);
	tree_apply_policy(n, &g->apply_policy);
}

void
load_gateways_tree(const struct lyd_node *gws, struct config *c,
    struct cfgerr *err)
{
	const struct lyd_node *m;
	size_t k = tree_count(gws, "gateway");

	c->gateways = k ? xcalloc(k, sizeof(*c->gateways)) : NULL;
	for (m = tree_child(gws, "gateway"); m != NULL; m = tree_next(m))
		gateway_parse(m, &c->gateways[c->n_gateways++], err);
}

/* Parse optional address leaf name into a (afi 0 when absent). */
static void
addr_leaf(const struct lyd_node *n, const char *name, struct addr *a,
    struct cfgerr *err)
{
	const char *s = tree_str(n, name);

	if (s != NULL && addr_parse(s, a) != 0)
		tree_err(err, n, name, "invalid address '%s'", s);
}

static void
prefix_leaf(const struct lyd_node *n, const char *name, struct prefix *p,
    struct cfgerr *err)
{
	const char *s = tree_str(n, name);

	if (s != NULL && prefix_parse(s, p, false) != 0)
		tree_err(err, n, name, "invalid prefix '%s'", s);
}

static void
link_parse(const struct lyd_node *n, struct config_link *l,
    struct cfgerr *err)
{
	const char *adm = tree_str(n, "admin-state");
	uint32_t v = 0;

	tree_u32(n, "id", &v);
	l->id = (uint8_t)v;
	l->facility = tree_strdup(n, "facility");
	l->device_a = tree_strdup(n, "device-a");
	l->device_b = tree_strdup(n, "device-b");
	tree_u32(n, "vlan", &v);
	l->vlan = (uint16_t)v;
	prefix_leaf(n, "ipv4-subnet", &l->ipv4_subnet, err);
	prefix_leaf(n, "ipv6-subnet", &l->ipv6_subnet, err);
	addr_leaf(n, "ipv4-address-a", &l->ipv4_a, err);
	addr_leaf(n, "ipv4-address-b", &l->ipv4_b, err);
	addr_leaf(n, "ipv6-address-a", &l->ipv6_a, err);
	addr_leaf(n, "ipv6-address-b", &l->ipv6_b, err);
	v = 8500;
	tree_u32(n, "mtu", &v);
	l->mtu = (uint16_t)v;
	l->md5_key = tree_strdup(n, "md5-key");
	l->admin_up = adm == NULL || strcmp(adm, "down") != 0;
	l->drained = tree_bool(n, "drained", false);
	l->maintenance = tree_bool(n, "maintenance", false);
	tree_apply_policy(n, &l->apply_policy);
}

/* custom-learned-routes/route[prefix] {priority}. */
static void
learned_parse(const struct lyd_node *n, struct config_interconnect *ic,
    struct cfgerr *err)
{
	const struct lyd_node *cl = tree_child(n, "custom-learned-routes");
	const struct lyd_node *m;
	size_t k = tree_count(cl, "route");
	uint32_t v;

	ic->custom_learned = k ? xcalloc(k, sizeof(*ic->custom_learned)) :
	    NULL;
	for (m = tree_child(cl, "route"); m != NULL; m = tree_next(m)) {
		struct config_learned *r =
		    &ic->custom_learned[ic->n_custom_learned++];

		prefix_leaf(m, "prefix", &r->prefix, err);
		v = 100;
		tree_u32(m, "priority", &v);
		r->priority = (uint16_t)v;
	}
}

static void
interconnect_parse(const struct lyd_node *n, struct config_interconnect *ic,
    struct cfgerr *err)
{
	const struct lyd_node *lks = tree_child(n, "links");
	const struct lyd_node *m;
	const char *adm = tree_str(n, "admin-state");
	size_t k = tree_count(lks, "link");

	ic->name = tree_strdup(n, "name");
	ic->gateway_a = tree_strdup(n, "gateway-a");
	ic->router_b = tree_strdup(n, "router-b");
	ic->environment = tree_strdup(n, "environment");
	ic->bandwidth_mbps = 1000;
	tree_u32(n, "bandwidth-mbps", &ic->bandwidth_mbps);
	ic->admin_up = adm == NULL || strcmp(adm, "down") != 0;
	ic->ipv6 = tree_bool(n, "ipv6", false);
	tree_apply_policy(n, &ic->apply_policy);
	learned_parse(n, ic, err);
	ic->links = k ? xcalloc(k, sizeof(*ic->links)) : NULL;
	for (m = tree_child(lks, "link"); m != NULL; m = tree_next(m))
		link_parse(m, &ic->links[ic->n_links++], err);
}

void
load_interconnects_tree(const struct lyd_node *ics, struct config *c,
    struct cfgerr *err)
{
	const struct lyd_node *m;
	size_t k = tree_count(ics, "interconnect");

	c->interconnects = k ? xcalloc(k, sizeof(*c->interconnects)) : NULL;
	for (m = tree_child(ics, "interconnect"); m != NULL; m = tree_next(m))
		interconnect_parse(m, &c->interconnects[c->n_interconnects++],
		    err);
}
