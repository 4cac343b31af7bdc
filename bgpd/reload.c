/*
 * Configuration reload of crossrouted (issue 6): apply a new, already
 * validated struct config to the running daemon without resetting the
 * sessions that do not need it (SPEC 3.1, 4.4; yang/diff.h decides).
 *
 * Everything that can fail runs first, aside: intent derivation, peer id
 * assignment, policy compilation and every neighbour's chains. Only then
 * is anything swapped, so a refused configuration leaves the daemon as it
 * was. The swap: removed neighbours get Cease/3 (Peer De-configured),
 * their paths leave the RIB and the peer stays as an inert slot (ids are
 * RIB ids, never reused); neighbours whose change needs a reset get
 * Cease/6 (Other Configuration Change) and a new session with the new
 * settings; the others keep their session and get the new chains in
 * place. Soft changes then re-run the import chains over the stored
 * Adj-RIB-In (no ROUTE-REFRESH), but only where they can change a result:
 * each kept neighbour's chains are compared across the two configurations
 * (diff_chain()); an unchanged import chain skips the peer, one that
 * differs only in prefix-set members re-imports only under the prefixes of
 * the entries in one version and not the other, anything else everything.
 * The re-import runs in slices of RL_REIMPORT_BUDGET paths, one per loop
 * turn, so timers and sockets (keepalives, exports) keep being served
 * during a re-import of millions of paths; a newer reload restarts the
 * walk with the union of both scopes. When some export chain changed,
 * every export group re-walks the Loc-RIB (export_group_requeue()); the
 * group's Adj-RIB-Out sends only the prefixes whose exported attributes
 * changed. Schedule: the re-import waits (up to RL_HOLD_MAX) while a group
 * walks, so the new exports reach the neighbours first; a re-import that
 * changes a best path then costs one more UPDATE for that prefix. Past
 * the wait, it runs extra slices while a walk is ahead of it.
 *
 * A change of the BGP global, of an interconnect or of a gateway's own
 * settings takes every kept neighbour's chains as changed. A change
 * confined to a gateway's attachments (yang/diff.h DIFF_F_ATTACH: their
 * prefixes, ranges, modes, import chains, or the policies and sets only
 * those chains reach) re-imports nothing and resyncs no export group:
 * daemon_originate_reload(), which runs on every reload, moves the
 * originated routes that changed, and those reach the export groups, their
 * summaries and the aggregates through the RIB's change log like any
 * route; the cap fit (policy/capfit.c) runs in compile_policies().
 * rl_scope_log() says what a reload re-evaluates.
 *
 * Changed global aggregates rebuild the aggregation state (bgpd/aggr.c).
 * daemon_reload_file() is the entry of SIGHUP and the control socket.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "bgpd/custom.h"
#include "bgpd/daemon.h"
#include "bgpd/originate.h"
#include "bgpd/wire_notify.h"
#include "lib/log.h"
#include "lib/xmalloc.h"
#include "policy/compile.h"
#include "yang/diff.h"
#include "yang/load.h"

/* Adj-RIB-In paths re-imported per slice, one slice per loop turn... */
#define RL_REIMPORT_BUDGET 20000
/* ...or up to this many while an export resync is on its heels. */
#define RL_REIMPORT_CATCHUP 4
/*
 * The re-import waits while an export group walks the Loc-RIB after an
 * export policy change, for at most RL_HOLD_MAX seconds, looking again
 * every RL_HOLD_POLL_US: the neighbours get the new exports first (on the
 * gateway bench 1.1 s to the last prefix instead of 1.8 s interleaved).
 */
#define RL_HOLD_MAX 2.0
#define RL_HOLD_POLL_US 2000

/*
 * The sliced re-import after a reload: one walk of the RIB under the
 * scope's ranges (none: all of it) for the scope's peers (none: every
 * peer). The arrays are owned; the scope points into them.
 */
struct rl_job {
	struct daemon *d;
	struct event *ev;
	struct rib_cursor c;
	struct rib_scope scope;
	uint32_t *peers;
	struct prefix *ranges;
	bool running;
	double t0;
	double hold_until;		/* waits for export walks until then */
	size_t slices;
	size_t catchups;		/* slices run because a walk caught up */
};

/* What a reload must re-evaluate, gathered per kept neighbour. */
struct rl_scope {
	uint32_t *peers;		/* import chain changed */
	size_t npeers;
	struct prefix *ranges;		/* where, when only prefix sets did */
	size_t nranges;
	bool all_prefixes;		/* some chain changed otherwise */
	bool export;			/* some export chain changed */
};

/* One neighbour of the new configuration and what it will become. */
struct rl_nb {
	const struct config_neighbor *nb;
	const struct intent_peer *ip;	/* NULL: plain neighbour */
	uint32_t id;			/* RIB peer id, kept or new */
	struct peer *old;		/* the running peer, NULL: added */
	struct pol_chain imp, exp;	/* compiled against the new db */
};

struct rl {
	struct daemon *d;
	struct config *cfg;		/* new, owned until swapped */
	struct intent intent;
	struct policy_db *pdb;
	struct rl_nb *v;
	size_t n;
	struct rl_scope sc;
};

static struct peer *
rl_live_peer(const struct daemon *d, const struct addr *a)
{
	size_t i;

	for (i = 0; i < d->npeers; i++)
		if (!d->peers[i]->removed && addr_eq(&d->peers[i]->addr, a))
			return d->peers[i];
	return NULL;
}

static bool
rl_peer_id(void *ctx, const struct addr *a, uint32_t *id)
{
	const struct rl *r = ctx;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (addr_eq(&r->v[i].nb->address, a)) {
			*id = r->v[i].id;
			return true;
		}
	return false;
}

static int
rl_add_nb(struct rl *r, const struct config_neighbor *nb,
    const struct intent_peer *ip, uint32_t *next_id, char *err, size_t errlen)
{
	struct rl_nb *e;
	char a[ADDR_STRLEN];
	size_t i;

	for (i = 0; i < r->n; i++)
		if (addr_eq(&r->v[i].nb->address, &nb->address)) {
			snprintf(err, errlen, "neighbor %s configured twice",
			    addr_print(&nb->address, a, sizeof(a)));
			return -1;
		}
	r->v = xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	e = &r->v[r->n++];
	memset(e, 0, sizeof(*e));
	e->nb = nb;
	e->ip = ip;
	e->old = rl_live_peer(r->d, &nb->address);
	e->id = e->old != NULL ? e->old->id : (*next_id)++;
	return 0;
}

/* Compile every chain against the new db; nothing is swapped yet. */
static int
rl_chains(struct rl *r, char *err, size_t errlen)
{
	static const struct config_apply_policy empty;
	const struct config_apply_policy *ap;
	struct compile_err ce;
	char a[ADDR_STRLEN];
	size_t i;

	for (i = 0; i < r->n; i++) {
		struct rl_nb *e = &r->v[i];

		ap = e->ip != NULL ? e->ip->policy : &e->nb->apply_policy;
		if (ap == NULL)
			ap = &empty;
		if (compile_chain(r->pdb, ap, POL_IMPORT, e->nb->profile,
		    &e->imp, &ce) != 0 || compile_chain(r->pdb, ap,
		    POL_EXPORT, e->nb->profile, &e->exp, &ce) != 0) {
			snprintf(err, errlen, "neighbor %s: %s",
			    addr_print(&e->nb->address, a, sizeof(a)), ce.msg);
			return -1;
		}
	}
	return 0;
}

/* Everything that can fail, with nothing of the daemon touched. */
static int
rl_prepare(struct rl *r, char *err, size_t errlen)
{
	const struct compile_env env = { .ctx = r, .peer_id = rl_peer_id };
	struct compile_err ce;
	uint32_t next_id = (uint32_t)r->d->npeers + 1;
	size_t i;

	if (r->cfg->bgp.asn != r->d->local_as ||
	    r->cfg->bgp.router_id != r->d->router_id) {
		snprintf(err, errlen, "changing the global as or router-id "
		    "needs a restart");
		return -1;
	}
	if (intent_derive(r->cfg, r->d->local_as, &r->intent) != 0) {
		snprintf(err, errlen, "interconnect intent cannot be derived");
		return -1;
	}
	for (i = 0; i < r->cfg->bgp.n_neighbors; i++)
		if (rl_add_nb(r, &r->cfg->bgp.neighbors[i], NULL, &next_id,
		    err, errlen) != 0)
			return -1;
	for (i = 0; i < r->intent.n; i++)
		if (rl_add_nb(r, r->intent.v[i].nb, &r->intent.v[i], &next_id,
		    err, errlen) != 0)
			return -1;
	r->pdb = compile_policies(r->cfg, &env, &ce);
	if (r->pdb == NULL) {
		snprintf(err, errlen, "policy: %s", ce.msg);
		return -1;
	}
	return rl_chains(r, err, errlen);
}

static void
rl_fini(struct rl *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		compile_chain_fini(&r->v[i].imp);
		compile_chain_fini(&r->v[i].exp);
	}
	free(r->v);
	free(r->sc.peers);
	free(r->sc.ranges);
	intent_fini(&r->intent);
	policy_db_free(r->pdb);
	config_free(r->cfg);
}

/*
 * The running configuration's neighbour at address a (plain or intent),
 * and in *ap (may be NULL) the attach point of its chains.
 */
static const struct config_neighbor *
rl_old_nb(const struct config *c, const struct intent *in,
    const struct addr *a, const struct config_apply_policy **ap)
{
	size_t i;

	for (i = 0; i < c->bgp.n_neighbors; i++)
		if (addr_eq(&c->bgp.neighbors[i].address, a)) {
			if (ap != NULL)
				*ap = &c->bgp.neighbors[i].apply_policy;
			return &c->bgp.neighbors[i];
		}
	for (i = 0; i < in->n; i++)
		if (addr_eq(&in->v[i].nb->address, a)) {
			if (ap != NULL)
				*ap = in->v[i].policy;
			return in->v[i].nb;
		}
	return NULL;
}

/*
 * Compare e's chains with those of the running neighbour (before the swap)
 * and add to r->sc what they change: the peer to re-import, and where.
 */
static void
rl_scope_nb(struct rl *r, const struct rl_nb *e, bool global)
{
	struct rl_scope *sc = &r->sc;
	struct diff_chain_side o = { .cfg = r->d->cfg }, n = { .cfg = r->cfg };
	const struct config_neighbor *onb;
	enum diff_chain_kind ki, ke;
	struct prefix *xr = NULL;	/* export ranges: unused */
	size_t nxr = 0;

	onb = rl_old_nb(r->d->cfg, &r->d->intent, &e->nb->address, &o.ap);
	n.ap = e->ip != NULL ? e->ip->policy : &e->nb->apply_policy;
	n.profile = e->nb->profile;
	if (onb == NULL || global) {
		ki = ke = DIFF_CHAIN_ANY;
	} else {
		o.profile = onb->profile;
		ki = diff_chain(&o, &n, false, &sc->ranges, &sc->nranges);
		ke = diff_chain(&o, &n, true, &xr, &nxr);
		free(xr);
	}
	if (ke != DIFF_CHAIN_SAME)
		sc->export = true;
	if (ki == DIFF_CHAIN_SAME)
		return;
	if (ki == DIFF_CHAIN_ANY)
		sc->all_prefixes = true;
	sc->peers = xrealloc(sc->peers, (sc->npeers + 1) *
	    sizeof(*sc->peers));
	sc->peers[sc->npeers++] = e->id;
}

/* r->sc for every kept neighbour; the daemon still runs the old config. */
static void
rl_scope(struct rl *r, const struct diff *df)
{
	bool global = diff_sessions_global(df);
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].old != NULL)
			rl_scope_nb(r, &r->v[i], global);
	/* Export ranges are not used: a changed export chain resyncs all. */
	if (r->sc.all_prefixes || r->sc.npeers == 0)
		r->sc.nranges = 0;
	r->sc.nranges = rib_scope_ranges_normalize(r->sc.ranges,
	    r->sc.nranges);
}

/*
 * Say what the reload re-evaluates: the peers whose Adj-RIB-In the import
 * chains re-run over (where) and whether the export groups resync; and
 * each gateway changed only in its attachments (its originated routes,
 * daemon_originate_reload(), are all that moves for it).
 */
static void
rl_scope_log(const struct rl_scope *sc, const struct diff *df)
{
	const struct diff_entry *e;
	char where[48];
	size_t i;

	for (i = 0; i < df->n; i++) {
		e = &df->v[i];
		if (e->kind == DIFF_GATEWAY && e->op == DIFF_CHANGED &&
		    e->what == DIFF_F_ATTACH)
			log_info("reload: gateway %s: only its attachments "
			    "changed, no session affected", e->name);
	}
	if (sc->npeers == 0)
		snprintf(where, sizeof(where), "none");
	else if (sc->nranges == 0)
		snprintf(where, sizeof(where), "all prefixes");
	else
		snprintf(where, sizeof(where), "%zu ranges", sc->nranges);
	log_info("reload: re-import %zu peers (%s), export resync %s",
	    sc->npeers, where, sc->export ? "yes" : "no");
}

/* Cease/3 and the peer's paths out; the slot stays, inert. */
static void
rl_remove(struct daemon *d, struct peer *p)
{
	log_info("neighbor %s: de-configured", p->name);
	session_stop(p->s, WIRE_CEASE_PEER_DECONFIGURED, NULL, 0, 0);
	export_group_leave(d, p);
	if (p->rib_added)
		rib_peer_remove(d->rib, p->id);
	p->rib_added = false;
	p->removed = true;
	compile_chain_fini(&p->imp);
	compile_chain_fini(&p->exp);
	memset(&p->imp, 0, sizeof(p->imp));
	memset(&p->exp, 0, sizeof(p->exp));
}

/* Keep p, give it the new chains and settings; reset when diff says so. */
static void
rl_keep(struct rl *r, struct rl_nb *e, const struct config_neighbor *onb)
{
	struct peer *p = e->old;
	enum diff_action act = DIFF_ACT_RESET;
	uint32_t what = 0, old_pid = p->policy_id;

	if (onb != NULL)
		act = diff_neighbor_action(onb, e->nb, &what);
	peer_reconf(p, e->nb, e->ip, &e->imp, &e->exp);
	memset(&e->imp, 0, sizeof(e->imp));
	memset(&e->exp, 0, sizeof(e->exp));
	if (act == DIFF_ACT_RESET) {
		log_info("neighbor %s: configuration change needs a reset",
		    p->name);
		session_stop(p->s, WIRE_CEASE_CONFIG_CHANGE, NULL, 0, 0);
		peer_session_renew(p, e->nb);
		if (e->nb->admin_up)
			session_start(p->s);
		return;
	}
	if ((what & DIFF_F_ADMIN) != 0) {
		if (e->nb->admin_up)
			session_start(p->s);
		else
			session_stop(p->s, WIRE_CEASE_ADMIN_SHUTDOWN, NULL, 0,
			    0);
	}
	/* Another export chain or destination: another group, a full dump. */
	if (p->grp != NULL && (p->policy_id != old_pid ||
	    p->grp->key.drained != p->drained ||
	    !export_key_dest_eq(&p->grp->key, &p->exp, p->id, p->pol_link_id,
	    p->drained ? POL_LINK_DRAINING : 0))) {
		export_group_move(r->d, p);
	}
}

static double
rl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run the next slice at the next loop turn, after pending I/O. */
static void
rl_job_arm(struct rl_job *j)
{
	static const struct timeval now = { 0, 0 };

	if (evtimer_add(j->ev, &now) != 0)
		log_error("reload: cannot schedule the import re-run");
}

/*
 * Whether an export group's resync walk over the Loc-RIB has reached the
 * re-import's position c: it then exports prefixes whose import result is
 * still the old one and must export them again once they are re-imported.
 */
static bool
rl_export_caught_up(const struct daemon *d, const struct rib_cursor *c)
{
	const struct export_group *g;
	uint8_t afi = c->last.afi != 0 ? c->last.afi : AFI_IPV4;

	for (g = d->groups; g != NULL; g = g->next) {
		if (!g->resync)
			continue;
		if (g->rs_phase >= 2 || (g->rs_phase == 1 && afi == AFI_IPV4))
			return true;
		if (g->rs_phase == (afi == AFI_IPV4 ? 0 : 1) &&
		    g->rs_after_set && c->last.afi != 0 &&
		    prefix_cmp(&g->rs_after, &c->last) >= 0)
			return true;
	}
	return false;
}

/*
 * One turn's share of the re-import: a slice, and more (up to
 * RL_REIMPORT_CATCHUP) while an export group's resync has caught up with
 * it, so that the groups meet prefixes already re-imported and export
 * each once. Returns what the last step returned.
 */
static int
rl_job_turn(struct rl_job *j)
{
	struct daemon *d = j->d;
	unsigned k = 0;
	int rc;

	for (;;) {
		rc = rib_reimport_scope_step(d->rib, &j->scope, &j->c,
		    RL_REIMPORT_BUDGET);
		j->slices++;
		if (rc != 1 || ++k == RL_REIMPORT_CATCHUP ||
		    !rl_export_caught_up(d, &j->c))
			break;
		j->catchups++;
	}
	return rc;
}

/* The walk is over. */
static void
rl_job_done(struct rl_job *j)
{
	j->running = false;
	log_info("reload: import policy re-run over the Adj-RIB-In of %zu "
	    "peers, %zu ranges, in %.3f s (%zu slices, %zu to keep ahead of "
	    "the export)", j->scope.npeers, j->scope.nranges, rl_now() - j->t0,
	    j->slices, j->catchups);
}

/* Whether an export group is still walking the Loc-RIB (resync). */
static bool
rl_export_walking(const struct daemon *d)
{
	const struct export_group *g;

	for (g = d->groups; g != NULL; g = g->next)
		if (g->resync && g->rs_phase < 2)
			return true;
	return false;
}

/* One turn of the re-import, then yield. */
static void
rl_job_cb(evutil_socket_t fd, short what, void *arg)
{
	struct rl_job *j = arg;
	struct daemon *d = j->d;
	int rc;

	(void)fd;
	(void)what;
	if (rl_now() < j->hold_until && rl_export_walking(d)) {
		static const struct timeval poll = { 0, RL_HOLD_POLL_US };

		if (evtimer_add(j->ev, &poll) != 0)
			log_error("reload: cannot schedule the import re-run");
		return;
	}
	rc = rl_job_turn(j);
	daemon_kick(d);
	if (rc == 1)
		rl_job_arm(j);
	else
		rl_job_done(j);
}

/* Sort v[0..n) and drop duplicates; returns the number kept. */
static size_t
rl_ids_unique(uint32_t *v, size_t n)
{
	size_t i, k = 0, m;
	uint32_t t;

	for (i = 1; i < n; i++)	/* a handful of peers: insertion sort */
		for (m = i; m > 0 && v[m - 1] > v[m]; m--) {
			t = v[m];
			v[m] = v[m - 1];
			v[m - 1] = t;
		}
	for (i = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	return k;
}

/*
 * Give j the scope sc (taken over: sc's arrays are cleared), merged with
 * what j had not finished: peers and ranges add up, "all" wins.
 */
static void
rl_job_scope(struct rl_job *j, struct rl_scope *sc)
{
	struct rib_scope *o = &j->scope;
	bool allp = sc->all_prefixes, allr;

	if (j->running && o->npeers > 0) {
		allp |= o->nranges == 0;
		sc->peers = xrealloc(sc->peers, (sc->npeers + o->npeers) *
		    sizeof(*sc->peers));
		memcpy(sc->peers + sc->npeers, o->peers, o->npeers *
		    sizeof(*o->peers));
		sc->npeers += o->npeers;
	}
	if (j->running && o->nranges > 0) {
		sc->ranges = xrealloc(sc->ranges, (sc->nranges + o->nranges) *
		    sizeof(*sc->ranges));
		memcpy(sc->ranges + sc->nranges, o->ranges, o->nranges *
		    sizeof(*o->ranges));
		sc->nranges += o->nranges;
	}
	allr = allp || sc->nranges == 0;
	free(j->peers);
	free(j->ranges);
	j->peers = sc->peers;
	j->ranges = sc->ranges;
	o->peers = j->peers;
	o->npeers = rl_ids_unique(j->peers, sc->npeers);
	o->ranges = j->ranges;
	o->nranges = allr ? 0 : rib_scope_ranges_normalize(j->ranges,
	    sc->nranges);
	sc->peers = NULL;
	sc->ranges = NULL;
	sc->npeers = sc->nranges = 0;
}

/* Start (or restart from the first prefix) the sliced re-import of sc. */
static void
rl_job_start(struct daemon *d, struct rl_scope *sc)
{
	struct rl_job *j = d->reimport;

	if (j == NULL) {
		j = xcalloc(1, sizeof(*j));
		j->d = d;
		j->ev = evtimer_new(d->eb, rl_job_cb, j);
		d->reimport = j;
	}
	rl_job_scope(j, sc);
	j->slices = j->catchups = 0;
	memset(&j->c, 0, sizeof(j->c));
	j->t0 = rl_now();
	j->hold_until = j->t0 + RL_HOLD_MAX;
	j->running = true;
	if (j->ev == NULL) {
		/* No event: do it all now rather than not at all. */
		while (rib_reimport_scope_step(d->rib, &j->scope, &j->c,
		    SIZE_MAX) == 1)
			;
		rl_job_done(j);
		return;
	}
	rl_job_arm(j);
}

void
daemon_reload_fini(struct daemon *d)
{
	struct rl_job *j = d->reimport;

	if (j == NULL)
		return;
	if (j->ev != NULL)
		event_free(j->ev);
	free(j->peers);
	free(j->ranges);
	free(j);
	d->reimport = NULL;
}

/* Swap: nothing below fails (peer_new() cannot, the chains compiled). */
static void
rl_commit(struct rl *r, const struct diff *df)
{
	struct daemon *d = r->d;
	struct config *ocfg = d->cfg;
	struct policy_db *opdb = d->pdb;
	struct intent oint = d->intent;
	char err[256];
	size_t i, k, nold = d->npeers;

	for (i = 0; i < nold; i++) {
		struct peer *p = d->peers[i];

		for (k = 0; k < r->n && r->v[k].old != p; k++)
			;
		if (!p->removed && k == r->n)
			rl_remove(d, p);
	}
	d->cfg = r->cfg;
	d->pdb = r->pdb;
	d->intent = r->intent;
	for (i = 0; i < r->n; i++)
		if (r->v[i].old != NULL)
			rl_keep(r, &r->v[i], rl_old_nb(ocfg, &oint,
			    &r->v[i].nb->address, NULL));
	for (i = 0; i < r->n; i++) {
		struct rl_nb *e = &r->v[i];
		struct peer *p;

		if (e->old != NULL)
			continue;
		p = peer_new(d, e->id, e->nb, e->ip, err, sizeof(err));
		if (p == NULL) {
			log_error("reload: %s", err);
			continue;
		}
		d->peers = xrealloc(d->peers, (d->npeers + 1) *
		    sizeof(*d->peers));
		d->peers[d->npeers++] = p;
		daemon_md5_add(d, p);
		log_info("neighbor %s: configured", p->name);
		if (e->nb->admin_up)
			session_start(p->s);
	}
	daemon_gtsm_guard(d);
	r->cfg = NULL;
	r->pdb = NULL;
	memset(&r->intent, 0, sizeof(r->intent));
	for (i = 0; i < df->n; i++)
		if (df->v[i].kind == DIFF_AGGREGATE) {
			daemon_aggr_reload(d);
			break;
		}
	daemon_originate_reload(d, ocfg);
	daemon_custom_reload(d);
	if (r->sc.npeers > 0)
		rl_job_start(d, &r->sc);
	if (r->sc.export)
		export_group_requeue(d);
	if (df->n > 0)
		daemon_kick(d);
	intent_fini(&oint);
	policy_db_free(opdb);
	config_free(ocfg);
}

int
daemon_reload(struct daemon *d, struct config *cfg, char *err, size_t errlen)
{
	struct rl r;
	struct diff *df;

	memset(&r, 0, sizeof(r));
	r.d = d;
	r.cfg = cfg;
	if (rl_prepare(&r, err, errlen) != 0) {
		rl_fini(&r);
		return -1;
	}
	df = diff_new(d->cfg, cfg);
	log_info("reload: %zu configuration changes", df->n);
	rl_scope(&r, df);
	rl_scope_log(&r.sc, df);
	rl_commit(&r, df);
	diff_free(df);
	rl_fini(&r);
	return 0;
}

struct config *
daemon_config_read(const char *path)
{
	struct cfgerr err = { 0 };
	struct config *cfg = NULL;
	struct schema *s;
	size_t i;

	s = schema_new(NULL, &err);
	if (s != NULL)
		load_file(s, path, &cfg, NULL, &err);
	for (i = 0; i < err.n; i++)
		log_error("config %s: %s: %s", path, err.v[i].path,
		    err.v[i].msg);
	cfgerr_fini(&err);
	schema_free(s);
	return cfg;
}

int
daemon_reload_file(struct daemon *d, char *err, size_t errlen)
{
	const char *path = d->opts.config_path;
	struct config *cfg;
	double t0, t1;

	if (path == NULL) {
		snprintf(err, errlen, "no configuration file");
		return -1;
	}
	t0 = rl_now();
	cfg = daemon_config_read(path);
	t1 = rl_now();
	if (cfg == NULL)
		snprintf(err, errlen, "the configuration is invalid");
	if (cfg == NULL || daemon_reload(d, cfg, err, errlen) != 0) {
		log_error("reload of %s refused: %s; the running configuration "
		    "stays", path, err);
		return -1;
	}
	log_info("reload of %s applied (read %.3f s, applied %.3f s)", path,
	    t1 - t0, rl_now() - t1);
	return 0;
}
