/*
 * Origination of the gateway's attachment routes (see originate.h). The
 * installed set is never stored: it is what policy/origin.h computes from
 * the running configuration, so a reload recomputes the previous set from
 * the previous configuration and applies the difference to the RIB.
 */
#include <string.h>

#include "bgpd/daemon.h"
#include "bgpd/originate.h"
#include "lib/log.h"
#include "policy/origin.h"

int
daemon_local_peer(struct daemon *d)
{
	struct rib_peer_info info;

	if (rib_peer_lookup(d->rib, DAEMON_LOCAL_PEER) != NULL)
		return 0;
	memset(&info, 0, sizeof(info));
	info.as = d->local_as;
	info.router_id = d->router_id;
	return rib_peer_add(d->rib, DAEMON_LOCAL_PEER, &info);
}

/* The routes c makes the speaker with AS as originate (sorted). */
static void
originate_routes(const struct config *c, uint32_t as, struct origin_list *out)
{
	const struct config_gateway *g = origin_find(c, as);

	out->n = 0;
	if (g != NULL)
		origin_gateway(c, g, out);
}

/* Put r in the RIB: ORIGIN IGP, empty AS_PATH, r's MED if any. */
static void
originate_add(struct daemon *d, const struct origin_route *r)
{
	const struct attrs *a;
	struct attr_builder b;

	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH;
	b.a.origin = ORIGIN_IGP;
	if (r->has_med) {
		b.a.flags |= ATTRS_HAS_MED;
		b.a.med = r->med;
	}
	a = attrs_intern(d->attrs, &b);
	attr_builder_fini(&b);
	rib_update(d->rib, DAEMON_LOCAL_PEER, &r->prefix, ORIGINATE_PATH_ID, a);
	attrs_unref(d->attrs, a);
}

static void
originate_del(struct daemon *d, const struct origin_route *r)
{
	rib_update(d->rib, DAEMON_LOCAL_PEER, &r->prefix, ORIGINATE_PATH_ID,
	    NULL);
}

int
daemon_originate_init(struct daemon *d)
{
	struct origin_list l = { NULL, 0, 0 };
	size_t i;

	originate_routes(d->cfg, d->local_as, &l);
	if (l.n > 0 && daemon_local_peer(d) != 0) {
		log_error("originate: the local RIB peer cannot be added");
		origin_list_fini(&l);
		return -1;
	}
	for (i = 0; i < l.n; i++)
		originate_add(d, &l.v[i]);
	if (l.n > 0)
		log_info("originate: %zu attachment routes", l.n);
	origin_list_fini(&l);
	return 0;
}

/* Walk the sorted lists o (old) and n (new): apply the difference. */
static size_t
originate_diff(struct daemon *d, const struct origin_list *o,
    const struct origin_list *n)
{
	size_t i = 0, j = 0, changed = 0;
	int c;

	while (i < o->n || j < n->n) {
		if (i == o->n)
			c = 1;
		else if (j == n->n)
			c = -1;
		else
			c = prefix_cmp(&o->v[i].prefix, &n->v[j].prefix);
		if (c < 0) {
			originate_del(d, &o->v[i++]);
			changed++;
		} else if (c > 0) {
			originate_add(d, &n->v[j++]);
			changed++;
		} else {
			if (!origin_route_eq(&o->v[i], &n->v[j])) {
				originate_add(d, &n->v[j]);
				changed++;
			}
			i++;
			j++;
		}
	}
	return changed;
}

size_t
daemon_originate_reload(struct daemon *d, const struct config *old)
{
	struct origin_list o = { NULL, 0, 0 }, n = { NULL, 0, 0 };
	size_t changed = 0;

	originate_routes(old, d->local_as, &o);
	originate_routes(d->cfg, d->local_as, &n);
	if ((o.n > 0 || n.n > 0) && daemon_local_peer(d) == 0)
		changed = originate_diff(d, &o, &n);
	if (changed > 0) {
		log_info("reload: %zu originated routes changed (%zu now)",
		    changed, n.n);
		daemon_kick(d);
	}
	origin_list_fini(&o);
	origin_list_fini(&n);
	return changed;
}

bool
daemon_originated(const struct path *pa)
{
	return pa->peer->id == DAEMON_LOCAL_PEER &&
	    pa->path_id == ORIGINATE_PATH_ID;
}
