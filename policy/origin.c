/*
 * The routes a gateway originates from its attachments (policy/origin.h):
 * SPEC 2.2 VGW filter and TGW verbatim origination, SPEC 2.4 Cloud Router
 * subnets or custom ranges with the base priority as MED.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/origin.h"

static void
list_add(struct origin_list *l, const struct prefix *p, bool has_med,
    uint32_t med)
{
	struct origin_route *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->prefix = *p;
	prefix_mask(&r->prefix);
	r->has_med = has_med;
	r->med = has_med ? med : 0;
}

/* Append v[0..n) of family afi. */
static void
list_add_afi(struct origin_list *l, const struct prefix *v, size_t n,
    uint8_t afi, bool has_med, uint32_t med)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].afi == afi)
			list_add(l, &v[i], has_med, med);
}

/* True when an allowed prefix of the VGW association at covers cidr. */
static bool
vgw_allows(const struct config_attachment *at, const struct prefix *cidr)
{
	size_t i;

	if (at->n_allowed_prefixes == 0)
		return true;
	for (i = 0; i < at->n_allowed_prefixes; i++)
		if (prefix_contains(&at->allowed_prefixes[i], cidr))
			return true;
	return false;
}

/* Gateway A: one attachment's routes of family afi. */
static void
side_dx(const struct config_attachment *at, uint8_t afi,
    struct origin_list *out)
{
	size_t i;

	switch (at->kind) {
	case CONFIG_ATTACH_TGW:
		list_add_afi(out, at->allowed_prefixes,
		    at->n_allowed_prefixes, afi, false, 0);
		break;
	case CONFIG_ATTACH_VGW:
		for (i = 0; i < at->n_prefixes; i++)
			if (at->prefixes[i].afi == afi &&
			    vgw_allows(at, &at->prefixes[i]))
				list_add(out, &at->prefixes[i], false, 0);
		break;
	case CONFIG_ATTACH_CORE_NETWORK:
	case CONFIG_ATTACH_VPC:
		list_add_afi(out, at->prefixes, at->n_prefixes, afi, false,
		    0);
		break;
	}
}

void
origin_side(const struct config_gateway *g, uint8_t afi,
    struct origin_list *out)
{
	const struct config_attachment *at;
	size_t i;

	for (i = 0; i < g->n_attachments; i++) {
		at = &g->attachments[i];
		if (g->role != CONFIG_GW_CLOUD_ROUTER)
			side_dx(at, afi, out);
		else if (at->advertise_mode == CONFIG_ADV_CUSTOM)
			list_add_afi(out, at->advertised_ranges,
			    at->n_advertised_ranges, afi, true,
			    at->base_priority);
		else
			list_add_afi(out, at->prefixes, at->n_prefixes, afi,
			    true, at->base_priority);
	}
}

static int
route_cmp(const void *x, const void *y)
{
	const struct origin_route *a = x, *b = y;
	int c = prefix_cmp(&a->prefix, &b->prefix);

	if (c != 0)
		return c;
	/* No MED first, then the lowest: the one kept. */
	if (a->has_med != b->has_med)
		return a->has_med ? 1 : -1;
	return a->med < b->med ? -1 : a->med > b->med;
}

/* Sort and keep the first route of every prefix. */
static void
list_merge(struct origin_list *l)
{
	size_t i, n = 0;

	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(*l->v), route_cmp);
	for (i = 1; i < l->n; i++)
		if (!prefix_eq(&l->v[i].prefix, &l->v[n].prefix))
			l->v[++n] = l->v[i];
	l->n = n + 1;
}

void
origin_gateway(const struct config *c, const struct config_gateway *g,
    struct origin_list *out)
{
	const struct config_interconnect *ic;
	bool v4 = false, v6 = false;
	size_t i;

	out->n = 0;
	for (i = 0; i < c->n_interconnects; i++) {
		ic = &c->interconnects[i];
		if ((ic->gateway_a == NULL || strcmp(ic->gateway_a, g->name)) &&
		    (ic->router_b == NULL || strcmp(ic->router_b, g->name)))
			continue;
		v4 = true;
		v6 = v6 || ic->ipv6;
	}
	if (v4)
		origin_side(g, AFI_IPV4, out);
	if (v6)
		origin_side(g, AFI_IPV6, out);
	list_merge(out);
}

const struct config_gateway *
origin_find(const struct config *c, uint32_t asn)
{
	size_t i;

	for (i = 0; i < c->n_gateways; i++)
		if (c->gateways[i].asn == asn)
			return &c->gateways[i];
	return NULL;
}

bool
origin_route_eq(const struct origin_route *a, const struct origin_route *b)
{
	return prefix_eq(&a->prefix, &b->prefix) && a->has_med == b->has_med &&
	    a->med == b->med;
}

void
origin_list_fini(struct origin_list *out)
{
	free(out->v);
	memset(out, 0, sizeof(*out));
}
