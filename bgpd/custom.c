/*
 * Cloud Router custom learned routes (SPEC.md 2.5, "custom learned routes:
 * <= 10 per session, priority 0-65535 default 100"). When the speaker is
 * router B of an interconnect, each link session of that interconnect gets
 * the interconnect's custom-learned-routes as paths of its peer while it is
 * Established: ORIGIN IGP, AS_PATH the peer's AS, NEXT_HOP the peer's
 * address, MED the priority (the Cloud Router learned-route priority), path
 * id CUSTOM_PATH_ID, through the session's import policy like any received
 * route. Only prefixes of the session's own address family (a next hop of
 * that family exists). They leave with the session (the peer-down walk
 * removes every path of the peer); a reload changes only the difference.
 * Owns the copy of the injected routes on each peer (p->custom).
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/custom.h"
#include "bgpd/daemon.h"
#include "bgpd/session.h"
#include "lib/log.h"
#include "lib/xmalloc.h"
#include "policy/action.h"
#include "policy/origin.h"

/* The interconnect whose router B the speaker is and p a link of, or NULL. */
static const struct config_interconnect *
custom_ic(const struct daemon *d, const struct peer *p)
{
	const struct config_interconnect *ic;
	const struct config_gateway *g;

	if (p->removed || p->side == 0 || p->side > d->cfg->n_interconnects ||
	    session_state(p->s) != FSM_ESTABLISHED)
		return NULL;
	ic = &d->cfg->interconnects[p->side - 1];
	g = origin_find(d->cfg, d->local_as);
	if (g == NULL || g->role != CONFIG_GW_CLOUD_ROUTER ||
	    ic->router_b == NULL || strcmp(ic->router_b, g->name) != 0)
		return NULL;
	return ic;
}

/* The route r of p: into the RIB through p's import policy. */
static void
custom_add(struct daemon *d, struct peer *p, const struct config_learned *r)
{
	const struct attrs *a;
	struct attr_builder b;

	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP |
	    ATTRS_HAS_MED;
	b.a.origin = ORIGIN_IGP;
	b.a.nexthop = p->addr;
	b.a.med = r->priority;
	b.aspath = action_aspath_make(&b, &p->remote_as, 1);
	a = attrs_intern(d->attrs, &b);
	attr_builder_fini(&b);
	rib_update(d->rib, p->id, &r->prefix, CUSTOM_PATH_ID, a);
	attrs_unref(d->attrs, a);
}

/* The entry of v[0..n) for prefix pfx, or NULL. */
static const struct config_learned *
custom_find(const struct config_learned *v, size_t n,
    const struct prefix *pfx)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prefix_eq(&v[i].prefix, pfx))
			return &v[i];
	return NULL;
}

/* What p should hold now: the configured routes of its family. */
static size_t
custom_wanted(const struct daemon *d, const struct peer *p,
    struct config_learned **out)
{
	const struct config_interconnect *ic = custom_ic(d, p);
	size_t i, n = 0;

	*out = NULL;
	if (ic == NULL || ic->n_custom_learned == 0)
		return 0;
	*out = xcalloc(ic->n_custom_learned, sizeof(**out));
	for (i = 0; i < ic->n_custom_learned; i++)
		if (ic->custom_learned[i].prefix.afi == p->addr.afi)
			(*out)[n++] = ic->custom_learned[i];
	return n;
}

size_t
daemon_custom_apply(struct daemon *d, struct peer *p)
{
	struct config_learned *want;
	const struct config_learned *o;
	size_t i, n = custom_wanted(d, p, &want), changed = 0;

	for (i = 0; i < p->ncustom; i++)
		if (custom_find(want, n, &p->custom[i].prefix) == NULL) {
			rib_update(d->rib, p->id, &p->custom[i].prefix,
			    CUSTOM_PATH_ID, NULL);
			changed++;
		}
	for (i = 0; i < n; i++) {
		o = custom_find(p->custom, p->ncustom, &want[i].prefix);
		if (o != NULL && o->priority == want[i].priority)
			continue;
		custom_add(d, p, &want[i]);
		changed++;
	}
	free(p->custom);
	p->custom = want;
	p->ncustom = n;
	if (changed > 0) {
		log_info("neighbor %s: %zu custom learned routes changed "
		    "(%zu now)", p->name, changed, n);
		daemon_kick(d);
	}
	return changed;
}

void
daemon_custom_reload(struct daemon *d)
{
	size_t i;

	for (i = 0; i < d->npeers; i++)
		daemon_custom_apply(d, d->peers[i]);
}

void
daemon_custom_forget(struct peer *p)
{
	free(p->custom);
	p->custom = NULL;
	p->ncustom = 0;
}
