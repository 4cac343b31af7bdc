/*
 * One configured neighbour of crossrouted: its session callbacks turned
 * into RIB operations. Received UPDATEs become rib_update() calls with the
 * RFC 7606 verdict applied (treat-as-withdraw, AFI/SAFI disable; session
 * resets happen in the session layer) and counted per peer with
 * rate-limited log lines; per-family prefix limits with their action
 * (RFC 4486 Cease/1); graceful restart helper mode (RFC 4724 4.2: paths kept
 * stale across a session loss, swept at End-of-RIB or timeout); route
 * refresh answered by a table dump (RFC 2918, RFC 7313 BoRR/EoRR). Owns the
 * peer's session and its compiled chains. The Adj-RIB-In is the RIB's: a
 * peer keeps only its per-family path counts (kept in step with the RIB
 * peer's npaths around each rib_update(), recounted after sweeps); stale
 * marks live on the RIB's paths (rib_peer_stale() / rib_peer_sweep()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "bgpd/custom.h"
#include "bgpd/daemon.h"
#include "bgpd/wire_notify.h"
#include "lib/log.h"
#include "lib/wr.h"
#include "lib/xmalloc.h"
#include "policy/compile.h"


static const char *const verdict_name[PEER_VERDICTS] = {
	"ok", "attribute discard", "treat-as-withdraw", "AFI/SAFI disable",
	"session reset",
};

int
peer_af_index(uint8_t afi)
{
	return afi == AFI_IPV6 ? 1 : 0;
}

static uint8_t
peer_af_afi(int i)
{
	return i ? AFI_IPV6 : AFI_IPV4;
}

size_t
peer_af_count(const struct peer *p, int i)
{
	return p->af[i].count;
}

/* Re-read both families' path counts from the RIB (after a sweep). */
static void
peer_recount(struct peer *p)
{
	int i;

	for (i = 0; i < 2; i++)
		p->af[i].count = rib_peer_count(p->d->rib, p->id,
		    peer_af_afi(i), false);
}

/*
 * rib_update() for p; returns how p's number of paths in the RIB moved:
 * +1 a new path, -1 one withdrawn, 0 replaced or nothing.
 */
static int
peer_rib_update(struct peer *p, const struct prefix *pfx, uint32_t path_id,
    const struct attrs *a)
{
	const struct rib_peer *rp = rib_peer_lookup(p->d->rib, p->id);
	size_t before;

	if (rp == NULL)
		return 0;
	before = rp->npaths;
	rib_update(p->d->rib, p->id, pfx, path_id, a);
	return rp->npaths > before ? 1 : rp->npaths < before ? -1 : 0;
}

static int64_t
peer_now(const struct peer *p)
{
	struct timeval tv;

	event_base_gettimeofday_cached(p->d->eb, &tv);
	return tv.tv_sec;
}

/*
 * RFC 7606 8 / SPEC 4.3: count every applied row (verdict and attribute)
 * and log it at most once a minute per (peer, row).
 */
static void
peer_verdict(struct peer *p, enum wire_verdict v, const struct wire_err *e)
{
	int64_t now = peer_now(p);
	unsigned row = e->attr_type < PEER_ROWS - 1 ? e->attr_type :
	    PEER_ROWS - 1;

	p->verdicts[v]++;
	if (v == WIRE_OK)
		return;
	p->rows[row]++;
	if (p->log_last[row] != 0 &&
	    now - p->log_last[row] < PEER_LOG_INTERVAL_S)
		return;
	p->log_last[row] = now;
	log_warn("neighbor %s: malformed UPDATE, %s (%s, attribute %u), "
	    "%llu so far", p->name, verdict_name[v],
	    e->reason ? e->reason : "?", e->attr_type,
	    (unsigned long long)p->rows[row]);
}

/* Withdraw one path of this peer from the RIB. */
static void
peer_withdraw(struct peer *p, const struct prefix *pfx, uint32_t path_id)
{
	if (peer_rib_update(p, pfx, path_id, NULL) < 0) {
		p->pfx_withdrawn++;
		p->af[peer_af_index(pfx->afi)].count--;
	}
}

static void
peer_withdraw_list(struct peer *p, const struct wire_nlri_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		peer_withdraw(p, &l->v[i].pfx, l->v[i].path_id);
}

/* SPEC 2.1, 4.4, 8.2: Cease/1 with AFI, SAFI, limit (RFC 4486 4). */
static bool
peer_maxpfx(struct peer *p, int i)
{
	struct peer_af *af = &p->af[i];
	uint8_t data[8];
	struct wr w;

	if (af->max_prefix == 0)
		return false;
	if (af->warn_pct > 0 && !af->warned_pct && af->count *
	    100 >= (size_t)af->max_prefix * af->warn_pct) {
		af->warned_pct = true;
		log_warn("neighbor %s: %zu prefixes, %u%% of the limit %u",
		    p->name, af->count, af->warn_pct,
		    af->max_prefix);
	}
	if (af->count <= af->max_prefix)
		return false;
	p->maxpfx_hits++;
	if (af->max_action == CONFIG_MAXPFX_WARN) {
		if (!af->warned)
			log_warn("neighbor %s: %zu prefixes exceed the limit "
			    "%u", p->name, af->count,
			    af->max_prefix);
		af->warned = true;
		return false;
	}
	log_error("neighbor %s: maximum prefix limit %u exceeded, session "
	    "closed", p->name, af->max_prefix);
	wr_init(&w, data, sizeof(data));
	wire_notify_max_prefix_data(&w, i ? AFI_IPV6 : AFI_IPV4,
	    SAFI_UNICAST, af->max_prefix);
	session_stop(p->s, WIRE_CEASE_MAX_PREFIX, data, wr_len(&w),
	    af->max_action == CONFIG_MAXPFX_IDLE ? af->max_restart : 1);
	return true;
}

/* Announce the prefixes of l with set a; false once the session closed. */
static bool
peer_announce_list(struct peer *p, const struct wire_nlri_list *l,
    const struct attrs *a)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct prefix *pfx = &l->v[i].pfx;

		if (p->afs_disabled & wire_af_bit(pfx->afi, SAFI_UNICAST))
			continue;
		p->pfx_in++;
		if (peer_rib_update(p, pfx, l->v[i].path_id, a) <= 0)
			continue;
		p->af[peer_af_index(pfx->afi)].count++;
		if (peer_maxpfx(p, peer_af_index(pfx->afi)))
			return false;
	}
	return true;
}

static void peer_stale_sweep(struct peer *p, int i);

/* RFC 4760 7 / RFC 7606 3 (i): drop the family's routes, ignore it. */
static void
peer_af_disable(struct peer *p, uint16_t afi, uint8_t safi)
{
	uint32_t bit = wire_af_bit(afi, safi);
	int i = peer_af_index((uint8_t)afi);

	if (bit == 0 || (p->afs_disabled & bit))
		return;
	p->afs_disabled |= bit;
	rib_peer_stale(p->d->rib, p->id, peer_af_afi(i));
	peer_stale_sweep(p, i);
}

static void
peer_update_cb(void *ctx, struct session *s, struct wire_update *u,
    enum wire_verdict v, const struct wire_err *err)
{
	struct peer *p = ctx;
	const struct attrs *a;
	int i;

	(void)s;
	p->upd_in++;
	peer_verdict(p, v, err);
	if (v == WIRE_AFI_DISABLE)
		peer_af_disable(p, u->disable_afi, u->disable_safi);
	peer_withdraw_list(p, &u->withdrawn);
	if (u->unreach.present)
		peer_withdraw_list(p, &u->unreach.nlri);
	if (v == WIRE_WITHDRAW) {
		/* RFC 7606 2: every announcement becomes a withdrawal. */
		peer_withdraw_list(p, &u->nlri);
		peer_withdraw_list(p, &u->reach.nlri);
	} else {
		if (u->nlri.n > 0) {
			a = wire_update_intern(u, false, p->d->attrs);
			i = peer_announce_list(p, &u->nlri, a);
			attrs_unref(p->d->attrs, a);
			if (!i)
				goto out_kick;
		}
		if (u->reach.present && u->reach.nlri.n > 0) {
			a = wire_update_intern(u, true, p->d->attrs);
			peer_announce_list(p, &u->reach.nlri, a);
			attrs_unref(p->d->attrs, a);
		}
	}
	if (u->eor != 0 && p->gr_stale) {
		/* RFC 4724 4.2: End-of-RIB ends the stale period. */
		for (i = 0; i < 2; i++)
			if (u->eor & wire_af_bit(i ? AFI_IPV6 : AFI_IPV4,
			    SAFI_UNICAST))
				peer_stale_sweep(p, i);
	}
out_kick:
	daemon_kick_input(p->d);
}

/* Withdraw every path of family index i still marked stale. */
static void
peer_stale_sweep(struct peer *p, int i)
{
	size_t before = p->af[i].count, n;

	if (p->rib_added)
		rib_peer_sweep(p->d->rib, p->id, peer_af_afi(i));
	peer_recount(p);
	n = before > p->af[i].count ? before - p->af[i].count : 0;
	p->pfx_withdrawn += n;
	if (n > 0)
		log_info("neighbor %s: %zu stale paths removed", p->name, n);
	p->gr_stale = rib_peer_count(p->d->rib, p->id, 0, true) > 0;
	if (!p->gr_stale && p->t_gr != NULL)
		evtimer_del(p->t_gr);
	daemon_kick(p->d);
}

static void
t_gr_cb(evutil_socket_t fd, short what, void *arg)
{
	struct peer *p = arg;

	(void)fd;
	(void)what;
	log_info("neighbor %s: graceful restart timer expired", p->name);
	peer_stale_sweep(p, 0);
	peer_stale_sweep(p, 1);
}

static void
peer_gr_arm(struct peer *p, uint16_t secs)
{
	struct timeval tv = { secs, 0 };

	if (p->t_gr == NULL)
		p->t_gr = evtimer_new(p->d->eb, t_gr_cb, p);
	if (p->t_gr == NULL || evtimer_add(p->t_gr, &tv) != 0)
		log_error("neighbor %s: cannot arm the restart timer", p->name);
}

/*
 * RFC 4724 4.2: on a session loss keep the paths of the families the peer
 * listed in its Graceful Restart capability, marked stale; the others go
 * now. Returns the number of paths kept.
 */
static size_t
peer_gr_keep(struct peer *p)
{
	size_t kept = 0;
	int i;

	for (i = 0; i < 2; i++) {
		rib_peer_stale(p->d->rib, p->id, peer_af_afi(i));
		if (p->gr_afs & wire_af_bit(peer_af_afi(i), SAFI_UNICAST))
			kept += p->af[i].count;
		else
			peer_stale_sweep(p, i);
	}
	p->gr_stale = kept > 0;
	return kept;
}

static void
peer_down_cb(void *ctx, struct session *s, const struct session_down *why)
{
	struct peer *p = ctx;
	size_t n = peer_af_count(p, 0) + peer_af_count(p, 1);
	int i;

	(void)s;
	/* RFC 7606 session reset: decided and sent by the session layer. */
	if (why->sent && why->code == WIRE_ERR_UPDATE)
		p->verdicts[WIRE_RESET]++;
	export_group_leave(p->d, p);
	daemon_custom_forget(p);
	p->dumping = false;
	p->afs_disabled = 0;
	if (why->gr_keep && p->gr_enabled && p->gr_peer_time > 0 &&
	    !p->d->shutting_down) {
		n = peer_gr_keep(p);
		if (p->gr_stale)
			peer_gr_arm(p, p->gr_peer_time);
		log_info("neighbor %s: graceful restart, %zu paths kept stale "
		    "for %u s", p->name, n, p->gr_peer_time);
	} else {
		if (p->rib_added)
			rib_peer_down(p->d->rib, p->id);
		for (i = 0; i < 2; i++) {
			p->af[i].count = 0;
			p->af[i].warned = false;
			p->af[i].warned_pct = false;
		}
		p->gr_stale = false;
		if (p->t_gr != NULL)
			evtimer_del(p->t_gr);
	}
	daemon_kick(p->d);
}

static uint8_t
peer_decide_profile(enum config_profile pr)
{
	switch (pr) {
	case CONFIG_PROFILE_DX:
	case CONFIG_PROFILE_DX_PUBLIC:
		return DECIDE_DX;
	case CONFIG_PROFILE_CLOUD_ROUTER:
		return DECIDE_CR;
	case CONFIG_PROFILE_GENERIC:
		break;
	}
	return DECIDE_GENERIC;
}

static void
peer_up_cb(void *ctx, struct session *s)
{
	struct peer *p = ctx;
	const struct wire_nego *ng = session_nego(s);
	struct rib_peer_info info;
	int i;

	memset(&info, 0, sizeof(info));
	info.as = p->remote_as;
	info.router_id = ng->peer_id;
	info.addr = p->addr;
	info.ibgp = p->ibgp;
	info.group = p->side;
	info.profile = peer_decide_profile(p->profile);
	p->gr_peer_time = ng->gr ? ng->gr_time : 0;
	p->gr_afs = ng->gr ? ng->gr_afs : 0;
	/* RFC 4724 4.2: without the F bit the old paths go at once. */
	for (i = 0; p->gr_stale && i < 2; i++)
		if (!(ng->gr_fwd & wire_af_bit(i ? AFI_IPV6 : AFI_IPV4,
		    SAFI_UNICAST)))
			peer_stale_sweep(p, i);
	if (p->rib_added && !p->gr_stale) {
		rib_peer_remove(p->d->rib, p->id);
		p->rib_added = false;
	}
	if (!p->rib_added && rib_peer_add(p->d->rib, p->id, &info) == 0)
		p->rib_added = true;
	/* The stale paths kept, or a new RIB peer: none (and no walk). */
	if (p->gr_stale)
		peer_recount(p);
	else
		p->af[0].count = p->af[1].count = 0;
	if (p->gr_stale)
		peer_gr_arm(p, p->stale_time);
	export_group_join(p->d, p);
	daemon_custom_apply(p->d, p);
}

static void
peer_refresh_cb(void *ctx, struct session *s, const struct wire_refresh *rr)
{
	struct peer *p = ctx;
	const struct wire_nego *ng = session_nego(s);
	int i = peer_af_index((uint8_t)rr->afi);

	switch (rr->subtype) {
	case WIRE_RR_NORMAL:
		log_info("neighbor %s: route refresh requested for AFI %u",
		    p->name, rr->afi);
		export_group_dump(p->d, p, 1u << rr->afi,
		    ng != NULL && ng->enhanced_rr);
		break;
	case WIRE_RR_BORR:
		/* RFC 7313 4.2: routes not re-sent before EoRR are stale. */
		rib_peer_stale(p->d->rib, p->id, peer_af_afi(i));
		break;
	case WIRE_RR_EORR:
		peer_stale_sweep(p, i);
		break;
	default:
		break;
	}
}

static void
peer_drain_cb(void *ctx, struct session *s)
{
	struct peer *p = ctx;

	(void)s;
	daemon_resume(p->d);
}

/* FNV-1a over the export chain's names and default: the group identity. */
static uint32_t
peer_policy_id(const struct config_apply_policy *ap, const struct pol_chain *c)
{
	uint32_t h = 2166136261u;
	size_t i;
	const char *q;

	for (i = 0; ap != NULL && i < ap->export_policy.n; i++) {
		for (q = ap->export_policy.v[i]; *q; q++)
			h = (h ^ (uint8_t)*q) * 16777619u;
		h = (h ^ 0xff) * 16777619u;
	}
	return (h ^ c->dflt) * 16777619u;
}

static void
peer_session_conf(const struct peer *p, const struct config_neighbor *nb,
    struct session_conf *sc)
{
	const struct daemon *d = p->d;
	size_t i;

	memset(sc, 0, sizeof(*sc));
	snprintf(sc->name, sizeof(sc->name), "%s", p->name);
	sc->peer = nb->address;
	sc->local = nb->local_address;
	sc->port = d->opts.port;
	sc->local_as = d->local_as;
	sc->local_id = d->router_id;
	sc->peer_as = nb->remote_as;
	sc->hold = nb->hold_time;
	sc->keepalive = nb->keepalive;
	sc->connect_retry = nb->connect_retry;
	sc->passive = nb->passive;
	if (nb->md5_key != NULL) {
		sc->md5_len = strlen(nb->md5_key);
		if (sc->md5_len > SOCK_MD5_KEY_MAX)
			sc->md5_len = SOCK_MD5_KEY_MAX;
		memcpy(sc->md5, nb->md5_key, sc->md5_len);
	}
	sc->ttl = nb->ttl;
	sc->gtsm = nb->ttl_security;
	for (i = 0; i < nb->n_afi_safis; i++)
		sc->afs |= wire_af_bit(nb->afi_safis[i].afi,
		    nb->afi_safis[i].safi);
	if (sc->afs == 0)
		sc->afs = WIRE_AF_IPV4_UNICAST;
	sc->gr = nb->graceful_restart;
	sc->gr_time = nb->restart_time;
}

static int
peer_chains(struct peer *p, const struct config_apply_policy *ap,
    char *err, size_t errlen)
{
	static const struct config_apply_policy empty;
	struct compile_err ce;

	if (ap == NULL)
		ap = &empty;
	if (compile_chain(p->d->pdb, ap, POL_IMPORT, p->profile, &p->imp,
	    &ce) != 0 || compile_chain(p->d->pdb, ap, POL_EXPORT, p->profile,
	    &p->exp, &ce) != 0) {
		snprintf(err, errlen, "neighbor %s: %s", p->name, ce.msg);
		return -1;
	}
	p->policy_id = peer_policy_id(ap, &p->exp);
	return 0;
}

/* The per neighbour values a reload may change without a reset. */
static void
peer_settings(struct peer *p, const struct config_neighbor *nb,
    const struct intent_peer *ip)
{
	size_t i;

	p->profile = nb->profile;
	/* A copy: routes of a removed peer may still be in the change log. */
	snprintf(p->region, sizeof(p->region), "%s",
	    nb->region != NULL ? nb->region : "");
	for (i = 0; i < nb->n_afi_safis; i++) {
		struct peer_af *af = &p->af[peer_af_index(
		    nb->afi_safis[i].afi)];

		af->max_prefix = nb->afi_safis[i].max_prefix;
		af->max_action = (uint8_t)nb->afi_safis[i].max_prefix_action;
		af->warn_pct = nb->afi_safis[i].max_prefix_warn_pct;
		af->max_restart = nb->afi_safis[i].max_prefix_restart ?
		    nb->afi_safis[i].max_prefix_restart :
		    CONFIG_MAXPFX_RESTART_TIME;
	}
	p->gr_enabled = nb->graceful_restart;
	p->restart_time = nb->restart_time;
	p->stale_time = nb->stale_time ? nb->stale_time : CONFIG_GR_STALE_TIME;
	if (ip != NULL) {
		p->side = ip->group;
		p->link_id = ip->link_id;
		p->drained = ip->drained;
		if (!compile_link_id(p->d->cfg, ip->interconnect, ip->link_id,
		    &p->pol_link_id))
			p->pol_link_id = UINT32_MAX;
	}
}

void
peer_reconf(struct peer *p, const struct config_neighbor *nb,
    const struct intent_peer *ip, struct pol_chain *imp, struct pol_chain *exp)
{
	static const struct config_apply_policy empty;
	const struct config_apply_policy *ap;

	peer_settings(p, nb, ip);
	compile_chain_fini(&p->imp);
	compile_chain_fini(&p->exp);
	p->imp = *imp;
	p->exp = *exp;
	ap = ip != NULL ? ip->policy : &nb->apply_policy;
	p->policy_id = peer_policy_id(ap != NULL ? ap : &empty, &p->exp);
}

static const struct session_cbs peer_cbs = { .up = peer_up_cb,
    .down = peer_down_cb, .update = peer_update_cb,
    .refresh = peer_refresh_cb, .drain = peer_drain_cb };

void
peer_session_renew(struct peer *p, const struct config_neighbor *nb)
{
	struct session_conf sc;
	struct session_cbs cb = peer_cbs;
	char a[ADDR_STRLEN];

	session_free(p->s);
	p->addr = nb->address;
	p->remote_as = nb->remote_as;
	p->ibgp = nb->remote_as == p->d->local_as;
	snprintf(p->name, sizeof(p->name), "%s AS%u",
	    addr_print(&nb->address, a, sizeof(a)), nb->remote_as);
	peer_session_conf(p, nb, &sc);
	cb.ctx = p;
	p->s = session_new(p->d->eb, &sc, &cb);
}

struct peer *
peer_new(struct daemon *d, uint32_t id, const struct config_neighbor *nb,
    const struct intent_peer *ip, char *err, size_t errlen)
{
	struct peer *p = xcalloc(1, sizeof(*p));
	struct session_conf sc;
	struct session_cbs cb = peer_cbs;
	char a[ADDR_STRLEN];

	p->id = id;
	p->d = d;
	p->addr = nb->address;
	p->remote_as = nb->remote_as;
	p->ibgp = nb->remote_as == d->local_as;
	snprintf(p->name, sizeof(p->name), "%s AS%u",
	    addr_print(&nb->address, a, sizeof(a)), nb->remote_as);
	peer_settings(p, nb, ip);
	if (peer_chains(p, ip != NULL ? ip->policy : &nb->apply_policy, err,
	    errlen) != 0) {
		peer_free(p);
		return NULL;
	}
	peer_session_conf(p, nb, &sc);
	cb.ctx = p;
	p->s = session_new(d->eb, &sc, &cb);
	return p;
}

void
peer_free(struct peer *p)
{
	if (p == NULL)
		return;
	session_free(p->s);
	if (p->t_gr != NULL)
		event_free(p->t_gr);
	compile_chain_fini(&p->imp);
	compile_chain_fini(&p->exp);
	export_move_forget(p);
	daemon_custom_forget(p);
	free(p);
}
