/*
 * Validation of the interconnect intent (yang/validate.h): gateway roles
 * and ASNs, link placement and addressing, VLAN uniqueness, quotas, and
 * the rule that the two sides' prefixes never overlap (SPEC.md 1.4, 1.7,
 * 2.1, 2.2). Every error names the data path of the node at fault.
 */
#include <stdio.h>
#include <string.h>

#include "yang/validate.h"

#define GW_PATH "/crossroute-interconnect:gateways/gateway[name='%s']"
#define IC_PATH "/crossroute-interconnect:interconnects/interconnect[name='%s']"
#define PATH_MAX_LEN 512

static void
link_path(char *buf, const struct config_interconnect *ic,
    const struct config_link *l, const char *leaf)
{
	snprintf(buf, PATH_MAX_LEN, IC_PATH "/links/link[id='%u']%s%s",
	    ic->name, l->id, leaf ? "/" : "", leaf ? leaf : "");
}

static void
ic_path(char *buf, const struct config_interconnect *ic, const char *leaf)
{
	snprintf(buf, PATH_MAX_LEN, IC_PATH "/%s", ic->name, leaf);
}

static void
at_path(char *buf, const struct config_gateway *g,
    const struct config_attachment *at, const char *leaf)
{
	snprintf(buf, PATH_MAX_LEN, GW_PATH "/attachments/attachment[name='%s']/%s",
	    g->name, at->name, leaf);
}

/* Gateway roles and the A/B ASN rule (SPEC.md 2.1: must differ). */
static void
ic_ends_check(const struct config *c, const struct config_interconnect *ic,
    struct cfgerr *err)
{
	const struct config_gateway *a, *b;
	char p[PATH_MAX_LEN];

	a = config_gateway_lookup(c, ic->gateway_a);
	b = config_gateway_lookup(c, ic->router_b);
	if (a == NULL || a->role != CONFIG_GW_DXGW) {
		ic_path(p, ic, "gateway-a");
		cfgerr_add(err, p, "gateway-a '%s' is not a dxgw gateway",
		    ic->gateway_a ? ic->gateway_a : "");
	}
	if (b == NULL || b->role != CONFIG_GW_CLOUD_ROUTER) {
		ic_path(p, ic, "router-b");
		cfgerr_add(err, p, "router-b '%s' is not a cloud-router gateway",
		    ic->router_b ? ic->router_b : "");
	}
	if (a != NULL && b != NULL && a->asn == b->asn) {
		ic_path(p, ic, "router-b");
		cfgerr_add(err, p,
		    "router-b ASN %u equals the gateway-a ASN; the two sides must differ",
		    b->asn);
	}
}

/* The last address of an IPv4 subnet shorter than /31. */
static bool
is_broadcast(const struct prefix *sub, const struct addr *a)
{
	uint32_t host;

	if (sub->afi != AFI_IPV4 || a->afi != AFI_IPV4 || sub->len >= 31)
		return false;
	host = addr_to_ipv4(a) & (0xffffffffu >> sub->len);
	return host == (0xffffffffu >> sub->len);
}

/* Both hosts inside the subnet, distinct, not its network or broadcast. */
static void
hosts_check(const struct config_interconnect *ic, const struct config_link *l,
    const struct prefix *sub, const struct addr *a, const struct addr *b,
    const char *leaf_a, const char *leaf_b, struct cfgerr *err)
{
	const struct addr *h[2] = { a, b };
	const char *leaf[2] = { leaf_a, leaf_b };
	char p[PATH_MAX_LEN];
	struct prefix hp;
	unsigned i;

	for (i = 0; i < 2; i++) {
		if (h[i]->afi == 0)
			continue;
		hp.afi = h[i]->afi;
		hp.len = (uint8_t)prefix_maxlen(h[i]->afi);
		memcpy(hp.a, h[i]->a, sizeof(hp.a));
		link_path(p, ic, l, leaf[i]);
		if (sub->afi == 0 || !prefix_contains(sub, &hp))
			cfgerr_add(err, p, "address is not inside the link subnet");
		else if (sub->len < hp.len - 1 && !memcmp(sub->a, hp.a, 16))
			cfgerr_add(err, p, "address is the subnet's network address");
		else if (is_broadcast(sub, h[i]))
			cfgerr_add(err, p, "address is the subnet's broadcast address");
	}
	if (a->afi != 0 && addr_eq(a, b)) {
		link_path(p, ic, l, leaf_b);
		cfgerr_add(err, p, "side A and side B addresses are equal");
	}
}

static void
link_addr_check(const struct config_interconnect *ic,
    const struct config_link *l, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];

	if (l->ipv4_subnet.afi != AFI_IPV4 || l->ipv4_subnet.len > 30) {
		link_path(p, ic, l, "ipv4-subnet");
		cfgerr_add(err, p, "the IPv4 link subnet must be a /30 or shorter");
	}
	hosts_check(ic, l, &l->ipv4_subnet, &l->ipv4_a, &l->ipv4_b,
	    "ipv4-address-a", "ipv4-address-b", err);
	if (ic->ipv6 && l->ipv6_subnet.afi == 0) {
		link_path(p, ic, l, "ipv6-subnet");
		cfgerr_add(err, p, "ipv6 is enabled but the link has no IPv6 subnet");
	}
	if (l->ipv6_subnet.afi != 0 && l->ipv6_subnet.len > 126) {
		link_path(p, ic, l, "ipv6-subnet");
		cfgerr_add(err, p, "the IPv6 link subnet must be a /126 or shorter");
	}
	if (l->ipv6_a.afi != 0 || l->ipv6_b.afi != 0)
		hosts_check(ic, l, &l->ipv6_subnet, &l->ipv6_a, &l->ipv6_b,
		    "ipv6-address-a", "ipv6-address-b", err);
}

/* Custom learned routes: IPv6 ones need an interconnect carrying IPv6. */
static void
learned_check(const struct config_interconnect *ic, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	char ps[PREFIX_STRLEN];
	size_t i;

	for (i = 0; i < ic->n_custom_learned; i++) {
		const struct config_learned *r = &ic->custom_learned[i];

		if (r->prefix.afi != AFI_IPV6 || ic->ipv6)
			continue;
		prefix_print(&r->prefix, ps, sizeof(ps));
		snprintf(p, PATH_MAX_LEN, IC_PATH
		    "/custom-learned-routes/route[prefix='%s']", ic->name, ps);
		cfgerr_add(err, p, "an IPv6 custom learned route needs ipv6 "
		    "on the interconnect");
	}
}

/* SPEC.md 1.4 (D): >= 2 facilities, <= 2 links each, distinct devices. */
static void
placement_check(const struct config_interconnect *ic, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i, j, same, facilities = 0;

	for (i = 0; i < ic->n_links; i++) {
		const struct config_link *l = &ic->links[i];

		same = 0;
		for (j = 0; j < i; j++) {
			const struct config_link *o = &ic->links[j];

			same += !strcmp(o->facility, l->facility);
			link_path(p, ic, l, "vlan");
			if (o->vlan == l->vlan)
				cfgerr_add(err, p, "VLAN %u is already used by link %u",
				    l->vlan, o->id);
			link_path(p, ic, l, "device-a");
			if (!strcmp(o->device_a, l->device_a))
				cfgerr_add(err, p, "device-a '%s' already carries link %u",
				    l->device_a, o->id);
			link_path(p, ic, l, "device-b");
			if (!strcmp(o->device_b, l->device_b))
				cfgerr_add(err, p, "device-b '%s' already carries link %u",
				    l->device_b, o->id);
		}
		facilities += same == 0;
		link_path(p, ic, l, "facility");
		if (same + 1 > VALIDATE_MAX_LINKS_PER_FACILITY)
			cfgerr_add(err, p, "more than %d links in facility '%s'",
			    VALIDATE_MAX_LINKS_PER_FACILITY, l->facility);
	}
	if (ic->n_links > CONFIG_MAX_LINKS) {
		ic_path(p, ic, "links");
		cfgerr_add(err, p, "%zu links; an interconnect has at most %d",
		    ic->n_links, CONFIG_MAX_LINKS);
	}
	if (ic->n_links >= 2 && facilities < VALIDATE_MIN_FACILITIES) {
		ic_path(p, ic, "links");
		cfgerr_add(err, p, "links must span at least %d facilities",
		    VALIDATE_MIN_FACILITIES);
	}
}

/*
 * Across all interconnects: link subnets never overlap, and a VLAN is used
 * once per device (same-interconnect VLANs are placement_check's).
 */
static void
cross_check(const struct config *c, const struct config_interconnect *ic,
    const struct config_link *l, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i, j;

	for (i = 0; i < c->n_interconnects; i++) {
		const struct config_interconnect *o = &c->interconnects[i];

		for (j = 0; j < o->n_links; j++) {
			const struct config_link *ol = &o->links[j];

			if (ol == l)
				return;
			if (o != ic && ol->vlan == l->vlan &&
			    !strcmp(ol->device_a, l->device_a)) {
				link_path(p, ic, l, "vlan");
				cfgerr_add(err, p, "VLAN %u is already used on device '%s' by interconnect '%s'",
				    l->vlan, l->device_a, o->name);
			}
			if (!prefix_contains(&ol->ipv4_subnet, &l->ipv4_subnet) &&
			    !prefix_contains(&l->ipv4_subnet, &ol->ipv4_subnet))
				continue;
			link_path(p, ic, l, "ipv4-subnet");
			cfgerr_add(err, p, "subnet overlaps link %u of interconnect '%s'",
			    ol->id, o->name);
		}
	}
}

/* SPEC.md 2.1 outbound caps, 2.2 VGW/TGW quotas and Cloud WAN exclusivity. */
static void
attachments_check(const struct config_gateway *g, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i, nk[4] = { 0, 0, 0, 0 };

	for (i = 0; i < g->n_attachments; i++) {
		const struct config_attachment *at = &g->attachments[i];

		nk[at->kind]++;
		if (at->n_allowed_prefixes > CONFIG_MAX_ALLOWED_PREFIXES) {
			at_path(p, g, at, "allowed-prefixes");
			cfgerr_add(err, p, "%zu allowed prefixes; the quota is %d",
			    at->n_allowed_prefixes, CONFIG_MAX_ALLOWED_PREFIXES);
		}
		if (at->n_advertised_ranges > CONFIG_MAX_ADVERTISED_RANGES) {
			at_path(p, g, at, "advertised-ranges");
			cfgerr_add(err, p, "%zu advertised ranges; the quota is %d",
			    at->n_advertised_ranges,
			    CONFIG_MAX_ADVERTISED_RANGES);
		}
		if (at->n_advertised_ranges > 0 &&
		    at->advertise_mode != CONFIG_ADV_CUSTOM) {
			at_path(p, g, at, "advertised-ranges");
			cfgerr_add(err, p, "advertised-ranges need advertise-mode custom");
		}
		if (at->kind == CONFIG_ATTACH_CORE_NETWORK &&
		    (nk[CONFIG_ATTACH_VGW] || nk[CONFIG_ATTACH_TGW])) {
			at_path(p, g, at, "kind");
			cfgerr_add(err, p, "a gateway attached to a core network cannot also have vgw or tgw attachments");
		} else if (at->kind != CONFIG_ATTACH_CORE_NETWORK &&
		    nk[CONFIG_ATTACH_CORE_NETWORK]) {
			at_path(p, g, at, "kind");
			cfgerr_add(err, p, "a gateway attached to a core network cannot also have vgw or tgw attachments");
		}
		if (at->kind == CONFIG_ATTACH_VGW &&
		    nk[at->kind] == VALIDATE_MAX_VGW_PER_DXGW + 1) {
			at_path(p, g, at, "kind");
			cfgerr_add(err, p, "more than %d vgw attachments", VALIDATE_MAX_VGW_PER_DXGW);
		}
		if (at->kind == CONFIG_ATTACH_TGW &&
		    nk[at->kind] == VALIDATE_MAX_TGW_PER_DXGW + 1) {
			at_path(p, g, at, "kind");
			cfgerr_add(err, p, "more than %d tgw attachments", VALIDATE_MAX_TGW_PER_DXGW);
		}
	}
}

/* Does any prefix of v[0..n) overlap q? Returns the index or -1. */
static long
overlap_find(const struct prefix *v, size_t n, const struct prefix *q)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prefix_contains(&v[i], q) || prefix_contains(q, &v[i]))
			return (long)i;
	return -1;
}

/* DX-UG: allowed prefixes of two TGW associations of one DXGW never overlap. */
static void
tgw_overlap_check(const struct config_gateway *g, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i, j, k;

	for (i = 0; i < g->n_attachments; i++) {
		const struct config_attachment *a = &g->attachments[i];

		for (j = 0; a->kind == CONFIG_ATTACH_TGW && j < i; j++) {
			const struct config_attachment *b = &g->attachments[j];

			if (b->kind != CONFIG_ATTACH_TGW)
				continue;
			for (k = 0; k < a->n_allowed_prefixes; k++) {
				if (overlap_find(b->allowed_prefixes,
				    b->n_allowed_prefixes,
				    &a->allowed_prefixes[k]) < 0)
					continue;
				at_path(p, g, a, "allowed-prefixes");
				cfgerr_add(err, p, "allowed prefix overlaps tgw attachment '%s'",
				    b->name);
				break;
			}
		}
	}
}

/* Does a prefix of side A's attachments overlap q? */
static bool
side_overlaps(const struct config_gateway *g, const struct prefix *q)
{
	size_t i;

	for (i = 0; i < g->n_attachments; i++) {
		const struct config_attachment *at = &g->attachments[i];

		if (overlap_find(at->prefixes, at->n_prefixes, q) >= 0 ||
		    overlap_find(at->allowed_prefixes,
		    at->n_allowed_prefixes, q) >= 0)
			return true;
	}
	return false;
}

/* SPEC.md 1.7: prefixes of the two sides must not overlap. */
static void
sides_overlap_check(const struct config_gateway *a,
    const struct config_gateway *b, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i, k;

	for (i = 0; i < b->n_attachments; i++) {
		const struct config_attachment *at = &b->attachments[i];

		for (k = 0; k < at->n_prefixes; k++)
			if (side_overlaps(a, &at->prefixes[k])) {
				at_path(p, b, at, "prefixes");
				cfgerr_add(err, p, "prefix overlaps a prefix of gateway '%s'",
				    a->name);
				break;
			}
		for (k = 0; k < at->n_advertised_ranges; k++)
			if (side_overlaps(a, &at->advertised_ranges[k])) {
				at_path(p, b, at, "advertised-ranges");
				cfgerr_add(err, p, "advertised range overlaps a prefix of gateway '%s'",
				    a->name);
				break;
			}
	}
}

static void
ic_count_check(const struct config *c, const struct config_interconnect *ic,
    struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i, na = 0, nb = 0;

	for (i = 0; i < c->n_interconnects && &c->interconnects[i] != ic; i++) {
		na += !strcmp(c->interconnects[i].gateway_a, ic->gateway_a);
		nb += !strcmp(c->interconnects[i].router_b, ic->router_b);
	}
	ic_path(p, ic, "gateway-a");
	if (na == VALIDATE_MAX_IC_PER_GATEWAY)
		cfgerr_add(err, p, "more than %d interconnects on gateway '%s'",
		    VALIDATE_MAX_IC_PER_GATEWAY, ic->gateway_a);
	ic_path(p, ic, "router-b");
	if (nb == VALIDATE_MAX_IC_PER_GATEWAY)
		cfgerr_add(err, p, "more than %d interconnects on gateway '%s'",
		    VALIDATE_MAX_IC_PER_GATEWAY, ic->router_b);
}

void
validate_intent(const struct config *c, struct cfgerr *err)
{
	const struct config_gateway *a, *b;
	size_t i, j;

	for (i = 0; i < c->n_gateways; i++) {
		attachments_check(&c->gateways[i], err);
		tgw_overlap_check(&c->gateways[i], err);
	}
	for (i = 0; i < c->n_interconnects; i++) {
		const struct config_interconnect *ic = &c->interconnects[i];

		ic_ends_check(c, ic, err);
		ic_count_check(c, ic, err);
		placement_check(ic, err);
		learned_check(ic, err);
		for (j = 0; j < ic->n_links; j++) {
			link_addr_check(ic, &ic->links[j], err);
			cross_check(c, ic, &ic->links[j], err);
		}
		a = config_gateway_lookup(c, ic->gateway_a);
		b = config_gateway_lookup(c, ic->router_b);
		if (a != NULL && b != NULL)
			sides_overlap_check(a, b, err);
	}
}
