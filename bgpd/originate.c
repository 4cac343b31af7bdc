/*
 * Origination of the gateway's attachment routes (see originate.h). The
 * installed set is never stored apart from the RIB: it is what
 * policy/origin.h computes from the running configuration and policies,
 * so a reload computes the new set and compares it, prefix by prefix,
 * with the originated path the RIB holds (interned sets: one pointer
 * comparison); the prefixes the previous configuration sent before any
 * policy bound what may have to be withdrawn.
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

/* The plain routes c makes the speaker with AS as originate (sorted). */
static void
originate_routes(const struct config *c, uint32_t as, struct origin_list *out)
{
	const struct config_gateway *g = origin_find(c, as);

	out->n = 0;
	if (g != NULL)
		origin_gateway(c, g, out);
}

/*
 * What the running configuration makes d originate, through the
 * attachments' import chains (sorted, interned in d->attrs).
 */
static void
originate_paths(struct daemon *d, struct origin_paths *out)
{
	const struct config_gateway *g = origin_find(d->cfg, d->local_as);
	struct origin_env env;
	struct compile_err ce;

	origin_paths_fini(out, d->attrs);
	if (g == NULL)
		return;
	env.db = d->pdb;
	env.attrs = d->attrs;
	env.peer_id = DAEMON_LOCAL_PEER;
	env.own_as = d->local_as;
	if (origin_apply(d->cfg, g, &env, out, &ce) != 0)
		log_error("originate: %s: its routes are not originated",
		    ce.msg);
}

/* The set of our originated route of p in the RIB, or NULL. */
static const struct attrs *
originate_installed(const struct daemon *d, const struct prefix *p)
{
	const struct rib_entry *e = rib_lookup(d->rib, p);
	const struct path *pa;

	for (pa = e != NULL ? rib_entry_paths(e) : NULL; pa != NULL;
	    pa = pa->next)
		if (daemon_originated(pa))
			return pa->in;
	return NULL;
}

/* Make the RIB's originated route of p carry a (NULL: none). */
static size_t
originate_set(struct daemon *d, const struct prefix *p, const struct attrs *a)
{
	if (originate_installed(d, p) == a)
		return 0;
	rib_update(d->rib, DAEMON_LOCAL_PEER, p, ORIGINATE_PATH_ID, a);
	return 1;
}

/*
 * Walk the sorted lists o (prefixes that may be installed: what the
 * previous configuration originated before any policy) and n (what is to
 * be): install n, withdraw what of o n lacks. The RIB holds the truth of
 * what is installed, so only a real difference reaches it.
 */
static size_t
originate_sync(struct daemon *d, const struct origin_list *o,
    const struct origin_paths *n)
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
			changed += originate_set(d, &o->v[i++].prefix, NULL);
		} else {
			changed += originate_set(d, &n->v[j].prefix,
			    n->v[j].attrs);
			i += c == 0;
			j++;
		}
	}
	return changed;
}

int
daemon_originate_init(struct daemon *d)
{
	struct origin_list o = { NULL, 0, 0 };
	struct origin_paths n = { NULL, 0, 0 };

	originate_paths(d, &n);
	if (n.n > 0 && daemon_local_peer(d) != 0) {
		log_error("originate: the local RIB peer cannot be added");
		origin_paths_fini(&n, d->attrs);
		return -1;
	}
	(void)originate_sync(d, &o, &n);
	if (n.n > 0)
		log_info("originate: %zu attachment routes", n.n);
	origin_paths_fini(&d->orig, d->attrs);
	d->orig = n;
	return 0;
}

size_t
daemon_originate_reload(struct daemon *d, const struct config *old)
{
	struct origin_list o = { NULL, 0, 0 };
	struct origin_paths n = { NULL, 0, 0 };
	size_t changed = 0;

	originate_routes(old, d->local_as, &o);
	originate_paths(d, &n);
	if ((o.n > 0 || n.n > 0) && daemon_local_peer(d) == 0)
		changed = originate_sync(d, &o, &n);
	if (changed > 0) {
		log_info("reload: %zu originated routes changed (%zu now)",
		    changed, n.n);
		daemon_kick(d);
	}
	origin_list_fini(&o);
	origin_paths_fini(&d->orig, d->attrs);
	d->orig = n;
	return changed;
}

bool
daemon_originated(const struct path *pa)
{
	return pa->peer->id == DAEMON_LOCAL_PEER &&
	    pa->path_id == ORIGINATE_PATH_ID;
}

const char *
daemon_originated_region(const struct daemon *d, const struct prefix *p)
{
	const struct config_gateway *g = origin_find(d->cfg, d->local_as);
	size_t lo = 0, hi = d->orig.n, mid;
	int c;

	while (g != NULL && lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = prefix_cmp(&d->orig.v[mid].prefix, p);
		if (c == 0)
			return d->orig.v[mid].att < g->n_attachments ?
			    g->attachments[d->orig.v[mid].att].region : NULL;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
