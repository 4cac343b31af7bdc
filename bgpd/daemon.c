/*
 * The crossrouted context (see daemon.h): builds peers from the plain BGP
 * neighbours and the interconnect intent of the configuration, compiles
 * policies and attaches the import chain to the RIB's import hook, runs the
 * BGP listeners (IPv4 and IPv6 wildcard, so late interfaces are no
 * problem; TCP MD5 keys per peer on both) and schedules export passes.
 * Owns everything it creates; frees all of it in daemon_free().
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "bgpd/ctl.h"
#include "bgpd/daemon.h"
#include "bgpd/gr.h"
#include "bgpd/originate.h"
#include "bgpd/wire_notify.h"
#include "lib/log.h"
#include "lib/wr.h"
#include "lib/xmalloc.h"
#include "policy/cloud.h"
#include "policy/compile.h"

struct peer *
daemon_peer(const struct daemon *d, uint32_t id)
{
	if (id == 0 || id > d->npeers)
		return NULL;
	return d->peers[id - 1];
}

/*
 * True if the builder b still holds exactly what orig, the received set it
 * was copied from, held: same scalars and the same views (an edited view
 * points into the builder's own storage). Equal bytes imply equal sets;
 * any difference (even padding) only sends the caller to the full
 * comparison, so this never calls an edited set unchanged.
 */
static bool
import_untouched(const struct attr_builder *b, const struct attr_builder *orig)
{
	return memcmp(b, orig, offsetof(struct attr_builder, chunks)) == 0;
}

/* RIB import hook: the peer's import chain (RFC 8212 default inside). */
static enum rib_import_verdict
daemon_import(void *ctx, uint32_t peer_id, const struct rib_peer_info *info,
    const struct prefix *p, const struct attrs *in, const struct attrs **out)
{
	struct daemon *d = ctx;
	struct peer *pr = daemon_peer(d, peer_id);
	struct attr_builder b, orig;
	struct route r;
	enum pol_verdict v;

	if (peer_id == DAEMON_LOCAL_PEER) {
		*out = attrs_ref(in);
		return RIB_IMPORT_ACCEPT;
	}
	if (pr == NULL || pr->removed)
		return RIB_IMPORT_REJECT;
	memset(&r, 0, sizeof(r));
	r.prefix = p;
	r.attrs = in;
	r.peer_id = peer_id;
	r.link_id = pr->pol_link_id;
	r.link_roles = pr->drained ? POL_LINK_DRAINING : 0;
	r.afi = p->afi;
	r.safi = SAFI_UNICAST;
	r.dir = POL_IMPORT;
	r.peer_type = info->ibgp ? POL_PEER_IBGP : POL_PEER_EBGP;
	r.own_as = d->local_as;
	/*
	 * orig only views in (no storage of its own: no init, no fini); b
	 * starts as a copy of it, so a builder needs no init (a memset of the
	 * whole builder per path) and only a fini if an action allocated.
	 */
	orig.chunks = NULL;
	attr_builder_from(&orig, in);
	b = orig;
	/* SPEC 2.2: AWS's reserved 7224:x, before the chain sees them. */
	if (pr->profile == CONFIG_PROFILE_DX)
		cloud_dx_strip(&b);
	else if (pr->profile == CONFIG_PROFILE_DX_PUBLIC)
		cloud_public_strip(&b);
	v = policy_chain_apply(&pr->imp, &r, &b);
	/* SPEC 1.6 drain, import half: LOCAL_PREF 0 for the link's routes. */
	if (v == POL_ACCEPT && pr->drained)
		cloud_drain_import(&b);
	if (v == POL_ACCEPT) {
		/* Most routes pass unchanged: no interning for them. */
		*out = import_untouched(&b, &orig) ||
		    attr_builder_eq(&b, &orig) ? attrs_ref(in) :
		    attrs_intern(d->attrs, &b);
	}
	if (b.chunks != NULL)
		attr_builder_fini(&b);
	return v == POL_ACCEPT ? RIB_IMPORT_ACCEPT : RIB_IMPORT_REJECT;
}

/*
 * The time left until DAEMON_EXPORT_BATCH_MS have passed since the last
 * full export pass, at most that window (a clock stepped back must not
 * hold the export longer); false when they have passed.
 */
static bool
batch_wait(const struct daemon *d, const struct timeval *now,
    struct timeval *wait)
{
	const struct timeval win = { 0, DAEMON_EXPORT_BATCH_MS * 1000 };
	struct timeval due;

	timeradd(&d->export_last, &win, &due);
	if (!timercmp(now, &due, <))
		return false;
	timersub(&due, now, wait);
	if (timercmp(wait, &win, >))
		*wait = win;
	return true;
}

static void
export_cb(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;
	struct timeval now, wait;
	bool full;

	(void)fd;
	(void)what;
	if (gr_defers(d))
		return;
	event_base_gettimeofday_cached(d->eb, &now);
	full = d->kick_full || !batch_wait(d, &now, &wait);
	if (full) {
		/* This pass takes every change so far: no batch wait. */
		d->kick_full = false;
		d->export_last = now;
		evtimer_del(d->ev_batch);
	}
	export_group_run(d, full);
	if (!full && rib_queued(d->rib) > 0)
		daemon_kick_input(d);	/* what is left gets its batch */
}

void
daemon_kick(struct daemon *d)
{
	d->kick_full = true;
	daemon_resume(d);
}

void
daemon_resume(struct daemon *d)
{
	if (d->ev_export != NULL && !event_pending(d->ev_export, EV_TIMEOUT,
	    NULL))
		event_active(d->ev_export, EV_TIMEOUT, 0);
}

static void
batch_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	daemon_kick(arg);
}

void
daemon_kick_input(struct daemon *d)
{
	struct timeval now, wait;

	if (d->ev_batch == NULL || d->kick_full ||
	    evtimer_pending(d->ev_batch, NULL))
		return;
	event_base_gettimeofday_cached(d->eb, &now);
	if (batch_wait(d, &now, &wait))
		evtimer_add(d->ev_batch, &wait);
	else
		daemon_kick(d);
}

static struct peer *
peer_by_addr(const struct daemon *d, const struct addr *a)
{
	size_t i;

	for (i = 0; i < d->npeers; i++)
		if (!d->peers[i]->removed && addr_eq(&d->peers[i]->addr, a))
			return d->peers[i];
	return NULL;
}

static void
accept_cb(evutil_socket_t lfd, short what, void *arg)
{
	struct daemon *d = arg;
	struct addr a;
	struct peer *p;
	char buf[ADDR_STRLEN];
	int fd;

	(void)what;
	while ((fd = sock_accept(lfd, &a, NULL)) >= 0) {
		if (a.afi == AFI_IPV6 && a.a[10] == 0xff && a.a[11] == 0xff &&
		    !memcmp(a.a, "\0\0\0\0\0\0\0\0\0\0", 10))
			addr_from_ipv4(&a, ((uint32_t)a.a[12] << 24) |
			    ((uint32_t)a.a[13] << 16) |
			    ((uint32_t)a.a[14] << 8) | a.a[15]);
		p = peer_by_addr(d, &a);
		if (p == NULL || d->shutting_down) {
			log_info("connection from unknown peer %s refused",
			    addr_print(&a, buf, sizeof(buf)));
			close(fd);
			continue;
		}
		session_accept(p->s, fd);
	}
}

void
daemon_md5_add(struct daemon *d, const struct peer *p)
{
	const struct session_conf *sc = session_conf(p->s);
	int i;

	for (i = 0; i < 2; i++)
		if (d->lfd[i] >= 0 && sc->md5_len > 0 &&
		    sc->peer.afi == (i ? AFI_IPV6 : AFI_IPV4) &&
		    sock_md5_set(d->lfd[i], &sc->peer, sc->md5, sc->md5_len))
			log_error("neighbor %s: TCP MD5 on the listener: %s",
			    sc->name, strerror(errno));
}

void
daemon_gtsm_guard(struct daemon *d)
{
	struct addr *v = xcalloc(d->npeers + 1, sizeof(*v));
	size_t k, n = 0;
	int i;

	for (k = 0; k < d->npeers; k++)
		if (!d->peers[k]->removed && session_conf(d->peers[k]->s)->gtsm)
			v[n++] = d->peers[k]->addr;
	for (i = 0; i < 2; i++)
		if (d->lfd[i] >= 0 && sock_gtsm_filter_set(d->lfd[i],
		    i ? AFI_IPV6 : AFI_IPV4, v, n) != 0)
			log_error("GTSM filter on the IPv%c listener: %s "
			    "(GTSM still holds on each session, but SYNs from "
			    "GTSM peers with a low TTL are answered)",
			    i ? '6' : '4', strerror(errno));
	free(v);
}

/* A wildcard listener of family afi with every peer's MD5 key on it. */
static int
daemon_listen(struct daemon *d, int i, uint8_t afi)
{
	struct addr any;
	size_t k;

	memset(&any, 0, sizeof(any));
	any.afi = afi;
	d->lfd[i] = sock_listen(&any, d->opts.port);
	if (d->lfd[i] < 0)
		return -1;
	for (k = 0; k < d->npeers; k++)
		daemon_md5_add(d, d->peers[k]);
	daemon_gtsm_guard(d);
	d->lev[i] = event_new(d->eb, d->lfd[i], EV_READ | EV_PERSIST,
	    accept_cb, d);
	if (d->lev[i] == NULL || event_add(d->lev[i], NULL) != 0)
		return -1;
	return 0;
}

static int
daemon_add_peer(struct daemon *d, const struct config_neighbor *nb,
    const struct intent_peer *ip, char *err, size_t errlen)
{
	struct peer *p;
	char a[ADDR_STRLEN];

	if (peer_by_addr(d, &nb->address) != NULL) {
		snprintf(err, errlen, "neighbor %s configured twice",
		    addr_print(&nb->address, a, sizeof(a)));
		return -1;
	}
	p = peer_new(d, (uint32_t)d->npeers + 1, nb, ip, err, errlen);
	if (p == NULL)
		return -1;
	d->peers = xrealloc(d->peers, (d->npeers + 1) * sizeof(*d->peers));
	d->peers[d->npeers++] = p;
	return 0;
}

/*
 * Neighbour sets name addresses; policy matches RIB peer ids. Peers get
 * ids in creation order: plain neighbours first, then intent ones.
 */
static bool
daemon_peer_id(void *ctx, const struct addr *a, uint32_t *id)
{
	const struct daemon *d = ctx;
	size_t i, n = d->cfg->bgp.n_neighbors;

	for (i = 0; i < n; i++)
		if (addr_eq(&d->cfg->bgp.neighbors[i].address, a)) {
			*id = (uint32_t)i + 1;
			return true;
		}
	for (i = 0; i < d->intent.n; i++)
		if (addr_eq(&d->intent.v[i].nb->address, a)) {
			*id = (uint32_t)(n + i) + 1;
			return true;
		}
	return false;
}

/* The decision profile of the gateway we are, when intent names one. */
static enum decide_profile
daemon_profile(const struct daemon *d)
{
	size_t i;

	for (i = 0; i < d->cfg->n_gateways; i++) {
		const struct config_gateway *g = &d->cfg->gateways[i];

		if (g->asn != d->local_as)
			continue;
		if (g->profile == CONFIG_PROFILE_DX)
			return DECIDE_DX;
		if (g->profile == CONFIG_PROFILE_CLOUD_ROUTER)
			return DECIDE_CR;
	}
	return DECIDE_GENERIC;
}

static int
daemon_build(struct daemon *d, char *err, size_t errlen)
{
	struct compile_err ce;
	struct rib_config rc;
	struct rib_hooks h = { .import = daemon_import, .ctx = d };
	const struct compile_env env = { .ctx = d, .peer_id = daemon_peer_id };
	size_t i;

	intent_derive(d->cfg, d->local_as, &d->intent);
	d->pdb = compile_policies(d->cfg, &env, &ce);
	if (d->pdb == NULL) {
		snprintf(err, errlen, "policy: %s", ce.msg);
		return -1;
	}
	d->attrs = attr_table_new();
	rib_config_default(&rc);
	rc.local_as = d->local_as;
	rc.router_id = d->router_id;
	rc.decide.profile = daemon_profile(d);
	if (d->cfg->bgp.max_paths > 0)
		rc.decide.max_paths = d->cfg->bgp.max_paths;
	d->rib = rib_new(d->attrs, &rc, &h);
	for (i = 0; i < d->cfg->bgp.n_neighbors; i++)
		if (daemon_add_peer(d, &d->cfg->bgp.neighbors[i], NULL, err,
		    errlen) != 0)
			return -1;
	for (i = 0; i < d->intent.n; i++)
		if (daemon_add_peer(d, d->intent.v[i].nb, &d->intent.v[i],
		    err, errlen) != 0)
			return -1;
	if (daemon_aggr_init(d) != 0) {
		snprintf(err, errlen, "aggregates cannot be set up");
		return -1;
	}
	if (daemon_originate_init(d) != 0) {
		snprintf(err, errlen, "attachment routes cannot be originated");
		return -1;
	}
	return 0;
}

struct daemon *
daemon_new(struct event_base *eb, struct config *cfg,
    const struct daemon_opts *o, char *err, size_t errlen)
{
	struct daemon *d = xcalloc(1, sizeof(*d));

	d->eb = eb;
	d->opts = *o;
	d->cfg = cfg;
	d->lfd[0] = d->lfd[1] = -1;
	d->local_as = cfg->bgp.asn;
	d->router_id = cfg->bgp.router_id;
	if (!cfg->bgp.present || d->local_as == 0 || d->router_id == 0) {
		snprintf(err, errlen, "bgp global as and router-id are required");
		goto out_free;
	}
	if (daemon_build(d, err, errlen) != 0)
		goto out_free;
	d->ev_export = event_new(eb, -1, 0, export_cb, d);
	d->ev_batch = evtimer_new(eb, batch_cb, d);
	if (d->ev_export == NULL || d->ev_batch == NULL) {
		snprintf(err, errlen, "event_new failed");
		goto out_free;
	}
	if (o->listen && (daemon_listen(d, 0, AFI_IPV4) != 0 ||
	    daemon_listen(d, 1, AFI_IPV6) != 0)) {
		snprintf(err, errlen, "cannot listen on port %u: %s", o->port,
		    strerror(errno));
		goto out_free;
	}
	if (o->ctl_path != NULL) {
		d->ctl = ctl_new(d, o->ctl_path);
		if (d->ctl == NULL) {
			snprintf(err, errlen, "control socket %s: %s",
			    o->ctl_path, strerror(errno));
			goto out_free;
		}
	}
	return d;
out_free:
	daemon_free(d);
	return NULL;
}

void
daemon_start(struct daemon *d)
{
	size_t i;

	for (i = 0; i < d->npeers; i++)
		session_start(d->peers[i]->s);
	log_info("crossrouted AS%u started with %zu neighbors", d->local_as,
	    d->npeers);
}

void
daemon_shutdown(struct daemon *d, const char *text)
{
	uint8_t data[WIRE_SHUTDOWN_MAX + 1];
	struct wr w;
	size_t i;

	d->shutting_down = true;
	wr_init(&w, data, sizeof(data));
	wire_notify_shutdown_data(&w, text);
	for (i = 0; i < d->npeers; i++)
		session_stop(d->peers[i]->s, WIRE_CEASE_ADMIN_SHUTDOWN, data,
		    wr_ok(&w) ? wr_len(&w) : 0, 0);
	event_base_loopbreak(d->eb);
}

void
daemon_free(struct daemon *d)
{
	size_t i;

	if (d == NULL)
		return;
	ctl_free(d->ctl);
	daemon_reload_fini(d);
	export_group_free_all(d);
	for (i = 0; i < 2; i++) {
		if (d->lev[i] != NULL)
			event_free(d->lev[i]);
		if (d->lfd[i] >= 0)
			close(d->lfd[i]);
	}
	for (i = 0; i < d->npeers; i++)
		peer_free(d->peers[i]);
	free(d->peers);
	if (d->ev_export != NULL)
		event_free(d->ev_export);
	if (d->ev_batch != NULL)
		event_free(d->ev_batch);
	daemon_aggr_fini(d);
	free(d->aggq);
	origin_paths_fini(&d->orig, d->attrs);
	rib_free(d->rib);
	if (d->attrs != NULL)
		attr_table_free(d->attrs);
	intent_fini(&d->intent);
	policy_db_free(d->pdb);
	config_free(d->cfg);
	free(d);
}
