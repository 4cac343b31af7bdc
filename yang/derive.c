/*
 * Per-link BGP sessions from the interconnect intent (yang/derive.h):
 * which side the gateway is on, the host addresses of each link, the link
 * profile of SPEC.md 2.1, and the concatenated policy chain. Knows nothing
 * of sockets or sessions; bgpd turns the result into peers.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/derive.h"

void
derive_host(const struct prefix *p, unsigned n, struct addr *out)
{
	unsigned max = prefix_maxlen(p->afi), add, i;
	unsigned carry;

	memset(out, 0, sizeof(*out));
	out->afi = p->afi;
	memcpy(out->a, p->a, sizeof(out->a));
	add = n + (p->len + 1u >= max ? 0 : 1);
	/* Add to the big-endian address from its last byte. */
	for (i = (unsigned)addr_bytes(p->afi); i-- > 0 && add != 0;) {
		carry = out->a[i] + (add & 0xff);
		out->a[i] = (uint8_t)carry;
		add = (add >> 8) + (carry >> 8);
	}
}

static void
names_cat(struct config_names *out, const struct config_names *a)
{
	size_t i;

	if (a->n == 0)
		return;
	out->v = xrealloc(out->v, (out->n + a->n) * sizeof(*out->v));
	for (i = 0; i < a->n; i++)
		out->v[out->n++] = xstrdup(a->v[i]);
}

static void
chain_build(struct config_apply_policy *ap, const struct config_link *l,
    const struct config_interconnect *ic, const struct config_gateway *g)
{
	names_cat(&ap->import_policy, &l->apply_policy.import_policy);
	names_cat(&ap->import_policy, &ic->apply_policy.import_policy);
	names_cat(&ap->import_policy, &g->apply_policy.import_policy);
	names_cat(&ap->export_policy, &l->apply_policy.export_policy);
	names_cat(&ap->export_policy, &ic->apply_policy.export_policy);
	names_cat(&ap->export_policy, &g->apply_policy.export_policy);
	ap->default_import = l->apply_policy.default_import;
	ap->default_export = l->apply_policy.default_export;
}

/* One session of gateway g (side A when is_a) on link l for afi. */
static void
session_fill(struct derive_neighbor *d, const struct config_gateway *g,
    const struct config_gateway *peer, const struct config_interconnect *ic,
    const struct config_link *l, uint8_t afi, bool is_a)
{
	const struct prefix *sub = afi == AFI_IPV4 ? &l->ipv4_subnet :
	    &l->ipv6_subnet;
	const struct addr *ha = afi == AFI_IPV4 ? &l->ipv4_a : &l->ipv6_a;
	const struct addr *hb = afi == AFI_IPV4 ? &l->ipv4_b : &l->ipv6_b;
	struct config_neighbor *nb = &d->nb;
	struct addr a, b;

	a = *ha;
	b = *hb;
	if (a.afi == 0)
		derive_host(sub, 0, &a);
	if (b.afi == 0)
		derive_host(sub, 1, &b);
	nb->address = is_a ? b : a;
	nb->local_address = is_a ? a : b;
	nb->remote_as = peer->asn;
	nb->admin_up = ic->admin_up && l->admin_up;
	nb->hold_time = CONFIG_LINK_HOLD_TIME;
	nb->keepalive = CONFIG_LINK_KEEPALIVE;
	nb->connect_retry = CONFIG_LINK_CONNECT_RETRY;
	nb->md5_key = l->md5_key != NULL ? xstrdup(l->md5_key) : NULL;
	nb->ttl = 1;
	nb->graceful_restart = true;
	nb->restart_time = CONFIG_GR_RESTART_TIME;
	nb->stale_time = CONFIG_GR_STALE_TIME;
	nb->profile = g->profile;
	nb->afi_safis = xcalloc(1, sizeof(*nb->afi_safis));
	nb->n_afi_safis = 1;
	nb->afi_safis[0].afi = afi;
	nb->afi_safis[0].safi = SAFI_UNICAST;
	nb->afi_safis[0].max_prefix = is_a ? DERIVE_MAXPFX_A : DERIVE_MAXPFX_B;
	nb->afi_safis[0].max_prefix_action = is_a ? CONFIG_MAXPFX_IDLE :
	    CONFIG_MAXPFX_RESTART;
	nb->afi_safis[0].max_prefix_restart = CONFIG_MAXPFX_RESTART_TIME;
	chain_build(&nb->apply_policy, l, ic, g);
	d->interconnect = xstrdup(ic->name);
	d->link_id = l->id;
	d->local_as = g->asn;
	d->router_id = g->router_id;
	d->drained = l->drained;
	d->maintenance = l->maintenance;
}

static struct derive_neighbor *
list_grow(struct derive_list *out)
{
	struct derive_neighbor *d;

	out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
	d = &out->v[out->n++];
	memset(d, 0, sizeof(*d));
	return d;
}

int
derive_links(const struct config *c, const char *gateway,
    struct derive_list *out)
{
	const struct config_gateway *g = config_gateway_lookup(c, gateway);
	const struct config_gateway *peer;
	size_t i, j;
	bool is_a;

	out->v = NULL;
	out->n = 0;
	if (g == NULL)
		return -1;
	for (i = 0; i < c->n_interconnects; i++) {
		const struct config_interconnect *ic = &c->interconnects[i];

		is_a = !strcmp(ic->gateway_a, gateway);
		if (!is_a && strcmp(ic->router_b, gateway) != 0)
			continue;
		peer = config_gateway_lookup(c, is_a ? ic->router_b :
		    ic->gateway_a);
		if (peer == NULL)
			continue;
		for (j = 0; j < ic->n_links; j++) {
			const struct config_link *l = &ic->links[j];

			session_fill(list_grow(out), g, peer, ic, l, AFI_IPV4,
			    is_a);
			if (ic->ipv6 && l->ipv6_subnet.afi == AFI_IPV6)
				session_fill(list_grow(out), g, peer, ic, l,
				    AFI_IPV6, is_a);
		}
	}
	return 0;
}

void
derive_list_fini(struct derive_list *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		struct config_neighbor *nb = &l->v[i].nb;

		free(nb->description);
		free(nb->md5_key);
		free(nb->afi_safis);
		for (j = 0; j < nb->apply_policy.import_policy.n; j++)
			free(nb->apply_policy.import_policy.v[j]);
		free(nb->apply_policy.import_policy.v);
		for (j = 0; j < nb->apply_policy.export_policy.n; j++)
			free(nb->apply_policy.export_policy.v[j]);
		free(nb->apply_policy.export_policy.v);
		free(l->v[i].interconnect);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
