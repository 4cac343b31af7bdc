/*
 * Offline MRT replay through the RIB (see bgpd/replay.h): the peer table
 * (MRT peers to RIB peers), the record dispatch, the attribute decoding of
 * RIB entries and BGP4MP UPDATEs with the engine's codec (RFC 7606
 * verdicts), and the import hook that runs the peer's policy chain.
 * Record decoding is bgpd/mrt*.c; the decision is rib/; printing and
 * argument handling are tools/mrt_replay.c. No I/O, no logging.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bgpd/replay.h"
#include "bgpd/replay_attr.h"
#include "bgpd/wire.h"
#include "bgpd/wire_attr.h"
#include "bgpd/wire_update.h"
#include "lib/xmalloc.h"

#define ALL_AFS (WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST | \
	WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST)

/* RFC 4271 8.2.2: the Established state as MRT STATE_CHANGE numbers it. */
#define FSM_STATE_ESTABLISHED 6

/* RIB entry attribute blocks have a 16-bit length (RFC 6396 4.2, 4.3.4). */
#define ABUF_LEN 65536

struct replay {
	struct attr_table *attrs;
	struct rib *rib;
	struct replay_opts o;
	struct replay_peer *peers;	/* RIB id = index + 1 */
	size_t npeers, cap;
	uint32_t *pi_map;		/* PEER_INDEX_TABLE index -> peers[] */
	size_t pi_n;
	bool have_pi;
	struct wire_update u;
	struct attr_builder b;		/* import policy edits */
	struct replay_counters c;
	char why[192];			/* composed warning text */
	struct aggregate *agg;		/* NULL: no summaries configured */
	struct aggregate_changes ach;
	uint8_t *abuf;			/* normalised RIB entry attributes */
	bool flags_warned;		/* in this file */
};

static enum rib_import_verdict import_hook(void *ctx, uint32_t peer_id,
    const struct rib_peer_info *peer, const struct prefix *p,
    const struct attrs *in, const struct attrs **out);

struct replay *
replay_new(const struct replay_opts *o)
{
	struct replay *r = xcalloc(1, sizeof(*r));
	struct rib_hooks h = { .import = import_hook, .ctx = r };

	r->o = *o;
	r->attrs = attr_table_new();
	r->rib = rib_new(r->attrs, &o->rib, &h);
	wire_update_init(&r->u);
	attr_builder_init(&r->b);
	r->abuf = xmalloc(ABUF_LEN);
	if (o->naggs > 0)
		r->agg = aggregate_new(r->attrs, &o->agg, o->aggs, o->naggs);
	r->o.aggs = NULL;
	return r;
}

void
replay_free(struct replay *r)
{
	if (r == NULL)
		return;
	if (r->agg != NULL) {
		aggregate_changes_fini(r->agg, &r->ach);
		aggregate_free(r->agg);
	}
	rib_free(r->rib);
	wire_update_fini(&r->u);
	attr_builder_fini(&r->b);
	attr_table_free(r->attrs);
	free(r->peers);
	free(r->pi_map);
	free(r->abuf);
	free(r);
}

void
replay_file_begin(struct replay *r)
{
	free(r->pi_map);
	r->pi_map = NULL;
	r->pi_n = 0;
	r->have_pi = false;
	r->flags_warned = false;
}

/* Import hook: the peer's chain on a builder loaded with the received set. */
static enum rib_import_verdict
import_hook(void *ctx, uint32_t peer_id, const struct rib_peer_info *info,
    const struct prefix *p, const struct attrs *in, const struct attrs **out)
{
	struct replay *r = ctx;
	const struct replay_peer *pe = replay_peer_lookup(r, peer_id);
	struct route rt;

	assert(pe != NULL);
	if (pe->pol.chain == NULL) {
		*out = attrs_ref(in);
		return RIB_IMPORT_ACCEPT;
	}
	memset(&rt, 0, sizeof(rt));
	rt.prefix = p;
	rt.attrs = in;
	rt.peer_id = pe->pol.pol_id;
	rt.afi = p->afi;
	rt.safi = SAFI_UNICAST;
	rt.dir = POL_IMPORT;
	rt.peer_type = info->ibgp ? POL_PEER_IBGP : POL_PEER_EBGP;
	rt.own_as = r->o.rib.local_as;
	attr_builder_reset(&r->b);
	attr_builder_from(&r->b, in);
	if (policy_chain_apply(pe->pol.chain, &rt, &r->b) != POL_ACCEPT)
		return RIB_IMPORT_REJECT;
	*out = attrs_intern(r->attrs, &r->b);
	return RIB_IMPORT_ACCEPT;
}

/* The peer for (ip, as[, bgp_id]), or NULL. */
static struct replay_peer *
peer_find(struct replay *r, const struct addr *ip, uint32_t as,
    const uint32_t *bgp_id)
{
	size_t i;

	for (i = 0; i < r->npeers; i++) {
		struct replay_peer *pe = &r->peers[i];

		if (pe->info.as != as || !addr_eq(&pe->info.addr, ip))
			continue;
		if (bgp_id == NULL || !pe->bgp_id_known ||
		    pe->info.router_id == *bgp_id)
			return pe;
	}
	return NULL;
}

/*
 * The peer for (ip, as), added when new. bgp_id NULL: unknown, the IPv4
 * session address stands in (0 for IPv6).
 */
static struct replay_peer *
peer_get(struct replay *r, const struct addr *ip, uint32_t as,
    const uint32_t *bgp_id)
{
	struct replay_peer *pe = peer_find(r, ip, as, bgp_id);

	if (pe != NULL)
		return pe;
	if (r->npeers == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->peers = xrealloc(r->peers, r->cap * sizeof(*r->peers));
	}
	pe = &r->peers[r->npeers];
	memset(pe, 0, sizeof(*pe));
	pe->id = (uint32_t)++r->npeers;
	pe->info.as = as;
	pe->info.addr = *ip;
	pe->bgp_id_known = bgp_id != NULL;
	if (bgp_id != NULL)
		pe->info.router_id = *bgp_id;
	else if (ip->afi == AFI_IPV4)
		pe->info.router_id = addr_to_ipv4(ip);
	pe->info.ibgp = r->o.rib.local_as != 0 && as == r->o.rib.local_as;
	if (r->o.peer_new != NULL)
		r->o.peer_new(r->o.ctx, &pe->info, &pe->pol);
	if (rib_peer_add(r->rib, pe->id, &pe->info) != 0)
		abort();	/* ids are ours and never reused */
	return pe;
}

static void
caps_init(struct wire_caps *caps, bool as4, bool ibgp, bool addpath)
{
	memset(caps, 0, sizeof(*caps));
	caps->as4 = as4;
	caps->ibgp = ibgp;
	caps->ext_msg = true;
	caps->afs = ALL_AFS;
	caps->addpath_rx = addpath ? ALL_AFS : 0;
}

static void
verdict_count(struct replay *r, enum wire_verdict v)
{
	switch (v) {
	case WIRE_OK:
		break;
	case WIRE_ATTR_DISCARD:
		r->c.attr_discard++;
		break;
	case WIRE_WITHDRAW:
		r->c.treat_as_withdraw++;
		break;
	case WIRE_AFI_DISABLE:
		r->c.afi_disable++;
		break;
	case WIRE_RESET:
		r->c.reset++;
		break;
	}
}

/*
 * Point *attrs at a copy with RFC flags when the dumper wrote others
 * (bgpd/replay_attr.h). Returns a warning for the first such entry of a
 * file, else NULL.
 */
static const char *
flags_fix(struct replay *r, struct bytes *attrs)
{
	unsigned changed;

	if (attrs->len > ABUF_LEN ||
	    !replay_attr_normalise(attrs->p, attrs->len, r->abuf, ABUF_LEN,
	    &changed) || changed == 0)
		return NULL;
	attrs->p = r->abuf;
	r->c.flags_fixed++;
	if (r->flags_warned)
		return NULL;
	r->flags_warned = true;
	return "RIB entry attribute flags differ from the RFC; normalised "
	    "(first in this file, see flags-normalised)";
}

/*
 * Decode one RIB entry's attribute block (TABLE_DUMP_V2 when td2, else
 * TABLE_DUMP with 2-octet ASNs unless as4) for prefix p and install or,
 * when the codec says the route cannot be used, withdraw the path.
 * Returns a warning text or NULL.
 */
static const char *
rib_entry_apply(struct replay *r, const struct replay_peer *pe,
    const struct prefix *p, uint32_t path_id, struct bytes attrs, bool td2,
    bool as4)
{
	struct wire_attrs_opts opts;
	struct wire_caps caps;
	struct wire_err werr;
	enum wire_verdict v;
	const struct attrs *a;
	bool mp;

	/* A RIB dump is the collector's own table: LOCAL_PREF belongs there
	 * (decoded as iBGP so the codec keeps it). */
	caps_init(&caps, as4, true, false);
	memset(&opts, 0, sizeof(opts));
	if (td2) {
		opts.flags = WIRE_ATTRS_MRT_RIB;
		opts.mrt_afi = p->afi;
		opts.mrt_safi = SAFI_UNICAST;
	}
	const char *note = flags_fix(r, &attrs);

	memset(&werr, 0, sizeof(werr));
	wire_update_reset(&r->u);
	v = wire_attrs_decode(attrs.p, attrs.len, &caps, &opts, &r->u,
	    WIRE_OK, &werr);
	/* Mandatory attributes as for the peer's session: LOCAL_PREF is
	 * required from iBGP peers only (RFC 4271 5.1.5). */
	caps.ibgp = pe->info.ibgp;
	v = wire_attrs_check(&r->u, &caps, p->afi == AFI_IPV4 &&
	    !r->u.reach.present, v, &werr);
	verdict_count(r, v);
	if (v != WIRE_OK)
		snprintf(r->why, sizeof(r->why), "RIB entry %s (RFC 7606): %s",
		    v == WIRE_ATTR_DISCARD ? "attribute discarded" :
		    "not installed", werr.reason ? werr.reason : "?");
	if (v == WIRE_WITHDRAW || v == WIRE_RESET || v == WIRE_AFI_DISABLE) {
		rib_update(r->rib, pe->id, p, path_id, NULL);
		return r->why;
	}
	mp = p->afi != AFI_IPV4 || (r->u.reach.present &&
	    !wire_update_has_attr(&r->u, ATTR_NEXT_HOP));
	a = wire_update_intern(&r->u, mp, r->attrs);
	rib_update(r->rib, pe->id, p, path_id, a);
	attrs_unref(r->attrs, a);
	r->c.rib_entries++;
	return v == WIRE_ATTR_DISCARD ? r->why : note;
}

static enum mrt_verdict
replay_peer_index(struct replay *r, const struct mrt_hdr *h,
    const uint8_t *body, struct mrt_err *err)
{
	struct mrt_peer_index t;
	enum mrt_verdict v;
	size_t i;

	v = mrt_peer_index_decode(body, h->len, &t, err);
	if (v != MRT_OK) {
		mrt_peer_index_fini(&t);
		return v;
	}
	replay_file_begin(r);
	r->pi_map = xcalloc(t.count ? t.count : 1, sizeof(*r->pi_map));
	for (i = 0; i < t.count; i++) {
		const struct mrt_peer *mp = &t.peers[i];

		r->pi_map[i] = peer_get(r, &mp->ip, mp->as, &mp->bgp_id)->id;
	}
	r->pi_n = t.count;
	r->have_pi = true;
	mrt_peer_index_fini(&t);
	return MRT_OK;
}

static bool
rib_is_unicast(const struct mrt_rib *rib)
{
	return rib->safi == SAFI_UNICAST &&
	    (rib->pfx.afi == AFI_IPV4 || rib->pfx.afi == AFI_IPV6);
}

static enum mrt_verdict
replay_td2_rib(struct replay *r, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_rib rib;
	struct mrt_rib_entry e;
	enum mrt_verdict v;
	const char *warn = NULL, *w;
	size_t warn_off = 0;

	v = mrt_rib_decode(body, h->len, h->subtype, &rib, err);
	if (v != MRT_OK)
		return v;
	if (!r->have_pi) {
		err->reason = "RIB record before any PEER_INDEX_TABLE";
		err->offset = 0;
		return MRT_ERR;
	}
	if (!rib_is_unicast(&rib)) {
		err->reason = "RIB record not IPv4/IPv6 unicast, skipped";
		err->offset = 0;
		return MRT_SKIP;
	}
	while ((v = mrt_rib_next(&rib, &e, err)) == MRT_OK) {
		size_t off = rib.body_len - rd_left(&rib.rest);

		if (e.peer_idx >= r->pi_n) {
			r->c.skipped++;
			w = "RIB entry peer index beyond the peer table";
		} else {
			w = rib_entry_apply(r,
			    &r->peers[r->pi_map[e.peer_idx] - 1], &rib.pfx,
			    e.path_id, e.attrs, true, true);
		}
		if (w != NULL && warn == NULL)
			warn = w, warn_off = off;
	}
	if (v == MRT_SKIP && err->reason == NULL && warn != NULL)
		err->reason = warn, err->offset = warn_off;
	return v == MRT_SKIP ? MRT_OK : v;
}

static enum mrt_verdict
replay_td1(struct replay *r, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_td1 t;
	struct replay_peer *pe;
	enum mrt_verdict v;
	const char *w;

	v = mrt_td1_decode(body, h->len, h->subtype, &t, err);
	if (v != MRT_OK)
		return v;
	pe = peer_get(r, &t.peer, t.peer_as, NULL);
	w = rib_entry_apply(r, pe, &t.pfx, 0, t.attrs, false, t.as4);
	if (w != NULL && err->reason == NULL)
		err->reason = w, err->offset = 0;
	return MRT_OK;
}

/* Withdraw (a NULL) or announce a prefix list of one family. */
static void
nlri_apply(struct replay *r, const struct replay_peer *pe,
    const struct wire_nlri_list *l, const struct attrs *a)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		rib_update(r->rib, pe->id, &l->v[i].pfx, l->v[i].path_id, a);
	if (a != NULL)
		r->c.announced += l->n;
	else
		r->c.withdrawn += l->n;
}

static bool
mp_is_unicast(const struct wire_mp *mp)
{
	return mp->present && mp->safi == SAFI_UNICAST &&
	    (mp->afi == AFI_IPV4 || mp->afi == AFI_IPV6);
}

/* Apply a decoded UPDATE by its RFC 7606 verdict v (not WIRE_RESET). */
static void
update_apply(struct replay *r, const struct replay_peer *pe,
    enum wire_verdict v)
{
	struct wire_update *u = &r->u;
	const struct attrs *a;

	nlri_apply(r, pe, &u->withdrawn, NULL);
	if (mp_is_unicast(&u->unreach))
		nlri_apply(r, pe, &u->unreach.nlri, NULL);
	if (v == WIRE_AFI_DISABLE) {
		/* RFC 4760 7: the family's routes from this peer go. */
		rib_peer_stale(r->rib, pe->id, (uint8_t)u->disable_afi);
		rib_peer_sweep(r->rib, pe->id, (uint8_t)u->disable_afi);
	}
	if (v == WIRE_WITHDRAW) {
		nlri_apply(r, pe, &u->nlri, NULL);
		if (mp_is_unicast(&u->reach))
			nlri_apply(r, pe, &u->reach.nlri, NULL);
		return;
	}
	if (u->nlri.n > 0) {
		a = wire_update_intern(u, false, r->attrs);
		nlri_apply(r, pe, &u->nlri, a);
		attrs_unref(r->attrs, a);
	}
	if (mp_is_unicast(&u->reach) && u->reach.nlri.n > 0) {
		a = wire_update_intern(u, true, r->attrs);
		nlri_apply(r, pe, &u->reach.nlri, a);
		attrs_unref(r->attrs, a);
	}
}

static enum mrt_verdict
replay_update(struct replay *r, const struct mrt_bgp4mp *m,
    const uint8_t *body, struct mrt_err *err)
{
	struct replay_peer *pe = peer_get(r, &m->peer_ip, m->peer_as, NULL);
	struct wire_caps caps;
	struct wire_err werr;
	enum wire_verdict v;

	caps_init(&caps, m->as4, m->peer_as == m->local_as, m->addpath);
	caps.local_as = m->local_as;
	memset(&werr, 0, sizeof(werr));
	v = wire_update_decode(m->msg.p + WIRE_HDR_LEN,
	    m->msg.len - WIRE_HDR_LEN, &caps, &r->u, &werr);
	verdict_count(r, v);
	r->c.updates++;
	if (v != WIRE_OK) {
		snprintf(r->why, sizeof(r->why), "UPDATE %s (RFC 7606): %s",
		    v == WIRE_RESET ? "would reset the session, ignored" :
		    v == WIRE_WITHDRAW ? "treated as withdraw" :
		    v == WIRE_AFI_DISABLE ? "disables a family" :
		    "attribute discarded", werr.reason ? werr.reason : "?");
		err->reason = r->why;
		err->offset = (size_t)(m->msg.p - body) + WIRE_HDR_LEN +
		    werr.offset;
	}
	if (v != WIRE_RESET)
		update_apply(r, pe, v);
	return MRT_OK;
}

static enum mrt_verdict
replay_bgp4mp(struct replay *r, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_bgp4mp m;
	struct replay_peer *pe;
	enum mrt_verdict v;

	v = mrt_bgp4mp_decode(body, h->len, h->subtype, &m, err);
	if (v != MRT_OK)
		return v;
	if (m.state) {
		if (m.zebra8 || m.old_state != FSM_STATE_ESTABLISHED ||
		    m.new_state == FSM_STATE_ESTABLISHED)
			return MRT_OK;
		pe = peer_find(r, &m.peer_ip, m.peer_as, NULL);
		if (pe != NULL && rib_peer_down(r->rib, pe->id) == 0)
			r->c.sessions_down++;
		return MRT_OK;
	}
	/* Messages we sent and non-UPDATE messages carry no routes for us. */
	if (m.local || m.msg.p[18] != WIRE_UPDATE)
		return MRT_OK;
	return replay_update(r, &m, body, err);
}

static void
changes_drain(struct replay *r)
{
	struct rib_change ch;

	while (rib_change_next(r->rib, &ch)) {
		r->c.changes++;
		if (r->agg == NULL)
			continue;
		aggregate_update(r->agg, &ch.prefix,
		    ch.best != NULL ? ch.best->attrs : NULL, &r->ach);
		aggregate_changes_clear(r->agg, &r->ach);
	}
}

enum mrt_verdict
replay_record(struct replay *r, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	enum mrt_verdict v;

	err->reason = NULL;
	err->offset = 0;
	r->c.records++;
	if (!mrt_is_replayable(h->type, h->subtype)) {
		err->reason = h->type <= 10 ? "deprecated MRT type, skipped" :
		    "MRT type/subtype not replayed, skipped";
		v = MRT_SKIP;
	} else if (h->type == MRT_TABLE_DUMP)
		v = replay_td1(r, h, body, err);
	else if (h->type == MRT_TABLE_DUMP_V2)
		v = h->subtype == MRT_TD2_PEER_INDEX ?
		    replay_peer_index(r, h, body, err) :
		    replay_td2_rib(r, h, body, err);
	else
		v = replay_bgp4mp(r, h, body, err);
	if (v == MRT_SKIP)
		r->c.skipped++;
	changes_drain(r);
	return v;
}

const struct rib *
replay_rib(const struct replay *r)
{
	return r->rib;
}

const struct attr_table *
replay_attrs(const struct replay *r)
{
	return r->attrs;
}

size_t
replay_npeers(const struct replay *r)
{
	return r->npeers;
}

const struct replay_peer *
replay_peer(const struct replay *r, size_t i)
{
	return i < r->npeers ? &r->peers[i] : NULL;
}

const struct replay_peer *
replay_peer_lookup(const struct replay *r, uint32_t id)
{
	return id >= 1 && id <= r->npeers ? &r->peers[id - 1] : NULL;
}

void
replay_counters(const struct replay *r, struct replay_counters *c)
{
	*c = r->c;
}

bool
replay_aggregate_state(struct replay *r, struct aggregate_changes *out)
{
	if (r->agg == NULL)
		return false;
	aggregate_state(r->agg, out);
	return true;
}

void
replay_aggregate_fini(struct replay *r, struct aggregate_changes *out)
{
	if (r->agg != NULL)
		aggregate_changes_fini(r->agg, out);
}
