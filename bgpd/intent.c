/*
 * Interconnect intent to per-link BGP neighbours (see intent.h). Owns the
 * derived neighbour array and its strings; borrows everything else from the
 * configuration. Pure: no I/O, no logging. SPEC.md 1.4, 1.7, 2.1, 8.2.
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/intent.h"
#include "lib/xmalloc.h"

struct side {
	const struct config_gateway *local;
	const struct config_gateway *remote;
	bool is_a;
};

static const struct config_apply_policy *policy_pick(
    const struct config_link *l, const struct config_interconnect *ic,
    const struct config_gateway *gw);
static void peer_fill(struct intent_peer *ip, const struct side *sd,
    const struct addr *local, const struct addr *remote, uint8_t afi,
    const struct config_link *l);
static void link_derive(struct intent *out, const struct side *sd,
    const struct config_interconnect *ic, const struct config_link *l,
    uint32_t group);

int
intent_host(const struct prefix *p, unsigned n, struct addr *a)
{
	unsigned max = prefix_maxlen(p->afi), i;
	unsigned carry = n;

	if (max == 0 || p->len >= max || (max - p->len < 32 &&
	    n >= (1u << (max - p->len))))
		return -1;
	memset(a, 0, sizeof(*a));
	a->afi = p->afi;
	memcpy(a->a, p->a, sizeof(a->a));
	for (i = addr_bytes(p->afi); i > 0 && carry > 0; i--) {
		carry += a->a[i - 1];
		a->a[i - 1] = (uint8_t)(carry & 0xff);
		carry >>= 8;
	}
	return 0;
}

static bool
apply_is_empty(const struct config_apply_policy *ap)
{
	return ap->import_policy.n == 0 && ap->export_policy.n == 0 &&
	    ap->default_import == CONFIG_REJECT_ROUTE &&
	    ap->default_export == CONFIG_REJECT_ROUTE;
}

/* SPEC.md 3.1: the link attach point is the most specific. */
static const struct config_apply_policy *
policy_pick(const struct config_link *l, const struct config_interconnect *ic,
    const struct config_gateway *gw)
{
	if (!apply_is_empty(&l->apply_policy))
		return &l->apply_policy;
	if (!apply_is_empty(&ic->apply_policy))
		return &ic->apply_policy;
	if (!apply_is_empty(&gw->apply_policy))
		return &gw->apply_policy;
	return NULL;
}

/* The link profile of SPEC.md 2.1, last column. */
static void
peer_fill(struct intent_peer *ip, const struct side *sd,
    const struct addr *local, const struct addr *remote, uint8_t afi,
    const struct config_link *l)
{
	struct config_neighbor *nb = &ip->nb;
	struct config_afi_safi *as = xcalloc(1, sizeof(*as));

	nb->address = *remote;
	nb->local_address = *local;
	nb->remote_as = sd->remote->asn;
	nb->admin_up = true;
	nb->hold_time = CONFIG_LINK_HOLD_TIME;
	nb->keepalive = CONFIG_LINK_KEEPALIVE;
	nb->connect_retry = CONFIG_LINK_CONNECT_RETRY;
	nb->md5_key = l->md5_key != NULL ? xstrdup(l->md5_key) : NULL;
	nb->ttl = 1;
	nb->graceful_restart = true;
	nb->restart_time = CONFIG_GR_RESTART_TIME;
	nb->stale_time = CONFIG_GR_STALE_TIME;
	nb->profile = sd->is_a ? CONFIG_PROFILE_DX :
	    CONFIG_PROFILE_CLOUD_ROUTER;
	as->afi = afi;
	as->safi = SAFI_UNICAST;
	if (sd->is_a) {
		as->max_prefix = INTENT_MAXPFX_A;
		as->max_prefix_action = CONFIG_MAXPFX_IDLE;
	} else {
		as->max_prefix = INTENT_MAXPFX_B;
		as->max_prefix_action = CONFIG_MAXPFX_RESTART;
	}
	as->max_prefix_restart = CONFIG_MAXPFX_RESTART_TIME;
	nb->afi_safis = as;
	nb->n_afi_safis = 1;
}

static struct intent_peer *
intent_grow(struct intent *out)
{
	struct intent_peer *ip;

	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	ip = &out->v[out->n++];
	memset(ip, 0, sizeof(*ip));
	return ip;
}

static void
link_derive(struct intent *out, const struct side *sd,
    const struct config_interconnect *ic, const struct config_link *l,
    uint32_t group)
{
	struct addr a, b;
	struct intent_peer *ip;
	int fam;

	for (fam = 0; fam < 2; fam++) {
		const struct prefix *sub = fam ? &l->ipv6_subnet :
		    &l->ipv4_subnet;
		const struct addr *ca = fam ? &l->ipv6_a : &l->ipv4_a;
		const struct addr *cb = fam ? &l->ipv6_b : &l->ipv4_b;

		if (sub->afi == 0 || (fam && !ic->ipv6))
			continue;
		if (ca->afi != 0)
			a = *ca;
		else if (intent_host(sub, 1, &a) != 0)
			continue;
		if (cb->afi != 0)
			b = *cb;
		else if (intent_host(sub, 2, &b) != 0)
			continue;
		ip = intent_grow(out);
		peer_fill(ip, sd, sd->is_a ? &a : &b, sd->is_a ? &b : &a,
		    sub->afi, l);
		ip->group = group;
		ip->link_id = l->id;
		ip->interconnect = ic->name;
		ip->drained = l->drained;
		ip->policy = policy_pick(l, ic, sd->local);
	}
}

int
intent_derive(const struct config *c, uint32_t local_as, struct intent *out)
{
	size_t i, j;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < c->n_interconnects; i++) {
		const struct config_interconnect *ic = &c->interconnects[i];
		const struct config_gateway *ga, *gb;
		struct side sd;

		ga = config_gateway_lookup(c, ic->gateway_a);
		gb = config_gateway_lookup(c, ic->router_b);
		if (ga == NULL || gb == NULL) {
			intent_fini(out);
			return -1;
		}
		if (ga->asn == local_as)
			sd = (struct side){ ga, gb, true };
		else if (gb->asn == local_as)
			sd = (struct side){ gb, ga, false };
		else
			continue;
		if (!ic->admin_up)
			continue;
		for (j = 0; j < ic->n_links; j++)
			if (ic->links[j].admin_up)
				link_derive(out, &sd, ic, &ic->links[j],
				    (uint32_t)i + 1);
	}
	return 0;
}

void
intent_fini(struct intent *out)
{
	size_t i;

	for (i = 0; i < out->n; i++) {
		free(out->v[i].nb.md5_key);
		free(out->v[i].nb.afi_safis);
	}
	free(out->v);
	out->v = NULL;
	out->n = 0;
}
