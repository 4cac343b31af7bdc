/*
 * Interconnect intent to neighbours (see intent.h): the gateway of the
 * speaker's AS, its derived sessions (yang/derive.c), filtered to the
 * administratively up ones, with the interconnect as ECMP group. Owns the
 * derived list and the index array. Pure. SPEC.md 1.4, 1.8, 2.1.
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/intent.h"
#include "lib/xmalloc.h"

/* 1 + the index of interconnect name in c, the peers' ECMP group. */
static uint32_t
intent_group(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n_interconnects; i++)
		if (!strcmp(c->interconnects[i].name, name))
			return (uint32_t)i + 1;
	return 0;
}

int
intent_derive(const struct config *c, uint32_t local_as, struct intent *out)
{
	const struct config_gateway *g = NULL;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < c->n_gateways && g == NULL; i++)
		if (c->gateways[i].asn == local_as)
			g = &c->gateways[i];
	if (g == NULL || derive_links(c, g->name, &out->dl) != 0)
		return 0;
	out->v = out->dl.n ? xcalloc(out->dl.n, sizeof(*out->v)) : NULL;
	for (i = 0; i < out->dl.n; i++) {
		const struct derive_neighbor *dn = &out->dl.v[i];
		struct intent_peer *ip;

		if (!dn->nb.admin_up)
			continue;
		ip = &out->v[out->n++];
		ip->nb = &dn->nb;
		ip->group = intent_group(c, dn->interconnect);
		ip->link_id = dn->link_id;
		ip->interconnect = dn->interconnect;
		ip->drained = dn->drained;
		ip->policy = &dn->nb.apply_policy;
	}
	return 0;
}

void
intent_fini(struct intent *out)
{
	derive_list_fini(&out->dl);
	free(out->v);
	memset(out, 0, sizeof(*out));
}
