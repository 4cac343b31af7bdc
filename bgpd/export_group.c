/*
 * Export groups of crossrouted (see daemon.h): peers whose export key is
 * equal share one UPDATE stream, built once per batch and written to every
 * member.
 *
 * Changes reach the groups through one shared change log (kept by
 * bgpd/export_log.c): the prefixes leaving the RIB's change queue with
 * their best path then (set, source), appended in order (duplicates
 * allowed: a later change of a prefix has a later entry, and the group's
 * Adj-RIB-Out suppresses a result equal to what was sent). The queue is
 * drained only when a group with work is idle and writable, so while every
 * group is blocked repeated changes of a prefix coalesce in the RIB. Every
 * group has its own read cursor; the log is compacted up to the slowest
 * one. Back-pressure: a group produces only while every member's output
 * buffer is below SESSION_OUT_HIWAT, so nothing is buffered beyond one
 * batch per member. A group lagging more than EXPORT_LOG_SLACK entries
 * beyond twice the Loc-RIB's size (or every group, after an export policy
 * change: export_group_requeue()) goes to resync: a resumable walk over
 * the whole Loc-RIB in batches, then over its own Adj-RIB-Out for prefixes
 * gone from the RIB, after which it reads the log from the point where the
 * resync started. An Adj-RIB-Out slot remembers the input it was computed
 * from, so a change that leaves the best path's set and source alone (an
 * ECMP set change) costs no export computation. A group whose chain
 * rejects everything and that has announced nothing skips the log at no
 * cost per prefix.
 *
 * Table dumps to one member (after Established and for ROUTE-REFRESH) walk
 * the Loc-RIB with a prefix cursor, End-of-RIB (RFC 4724 2) or BoRR/EoRR
 * (RFC 7313) around them; a dump step runs only while its group has read
 * the whole log, so what it sends may become the group's Adj-RIB-Out.
 * Bench hook: export_group_run() is where a per-batch timer goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bgpd/daemon.h"
#include "bgpd/export_int.h"
#include "bgpd/originate.h"
#include "bgpd/wire_refresh.h"
#include "lib/wr.h"
#include "lib/xmalloc.h"

/*
 * A group's Adj-RIB-Out entry (16 bytes, one per announced prefix, the
 * value of a 24-byte IPv4 / 40-byte IPv6 entry of g->adv, advmap.h): what
 * was announced (out), and the input it was computed from, so an
 * unchanged input skips the export computation: the best path's set in
 * the low ADV_IN_BITS bits of in, its source's kind above them
 * (export_src_kind(): the result towards the group reads nothing else of
 * the source). An input equal for the export (export_input_same(): the
 * same set, or towards eBGP a copy from another link) is unchanged, so a
 * best path moving within the ECMP set costs no computation. A chain
 * change forgets every input (group_forget_inputs()). One reference on
 * out and on the input set.
 */
struct adv_slot {
	const struct attrs *out;
	uint64_t in;
};

#define ADV_IN_BITS 48
#define ADV_IN_MASK ((UINT64_C(1) << ADV_IN_BITS) - 1)
#define ADV_SRC_NONE 0xffffu

/* The input set recorded in slot (NULL none). */
static const struct attrs *
slot_in(const struct adv_slot *slot)
{
	return (const struct attrs *)(uintptr_t)(slot->in & ADV_IN_MASK);
}

/* Record in (a reference the slot takes over; NULL none) of source kind. */
static void
slot_set_in(struct adv_slot *slot, const struct attrs *in, uint32_t src)
{
	uint64_t a = (uint64_t)(uintptr_t)in;

	if (src > ADV_SRC_NONE)
		src = ADV_SRC_NONE;
	/* User-space addresses fit 48 bits on every 64-bit ABI we run on. */
	if ((a & ~ADV_IN_MASK) != 0)
		abort();
	slot->in = in != NULL ? a | (uint64_t)src << ADV_IN_BITS : 0;
}

/* Whether slot's input gives what in (non-NULL) of source kind gives. */
static bool
slot_in_is(const struct adv_slot *slot, const struct export_key *k,
    const struct attrs *in, uint32_t kind)
{
	const struct attrs *a = slot_in(slot);

	if (a == NULL || kind >= ADV_SRC_NONE ||
	    slot->in >> ADV_IN_BITS != kind)
		return false;
	return a == in || export_input_same(k, a, in);
}

/* Drop the references slot holds (its out and input sets). */
static void
slot_release(struct attr_table *t, const struct adv_slot *slot)
{
	attrs_unref(t, slot->out);
	attrs_unref(t, slot_in(slot));
}

/* Send one UPDATE built for p's group, with p's own next hop. */
static void
emit_peer(void *ctx, const uint8_t *msg, size_t len)
{
	struct peer *p = ctx;
	uint8_t buf[WIRE_MAX_LEN_EXT];

	if (len > sizeof(buf))
		return;
	memcpy(buf, msg, len);
	if (export_nh_patch(buf, len, &p->nh4, &p->nh6) != 0)
		return;
	if (session_send(p->s, buf, len) == 0)
		p->upd_out++;
}

static void
emit_group(void *ctx, const uint8_t *msg, size_t len)
{
	struct export_group *g = ctx;
	size_t i;

	g->msgs++;
	for (i = 0; i < g->n; i++)
		emit_peer(g->members[i], msg, len);
}

static void
group_key(struct peer *p, struct export_key *k)
{
	const struct wire_nego *ng = session_nego(p->s);
	struct addr a;

	memset(k, 0, sizeof(*k));
	k->local_as = p->d->local_as;
	k->ibgp = p->ibgp;
	k->side = p->side;
	/* The interconnect's other side: router B of gateway A and back. */
	k->dest_side = p->side == 0 ? POL_SIDE_NONE :
	    p->profile == CONFIG_PROFILE_DX ? POL_SIDE_GOOGLE :
	    p->profile == CONFIG_PROFILE_CLOUD_ROUTER ? POL_SIDE_DX :
	    POL_SIDE_NONE;
	k->policy_id = p->policy_id;
	k->drained = p->drained;
	k->public = p->profile == CONFIG_PROFILE_DX_PUBLIC;
	snprintf(k->region, sizeof(k->region), "%s", p->region);
	export_key_dest(k, &p->exp, p->id, p->pol_link_id,
	    p->drained ? POL_LINK_DRAINING : 0);
	/* Members differ in their own address only: placeholders here. */
	session_local_addr(p->s, &a);
	memset(&p->nh4, 0, sizeof(p->nh4));
	memset(&p->nh6, 0, sizeof(p->nh6));
	if (a.afi == AFI_IPV4) {
		p->nh4 = a;
		export_nh_placeholder(AFI_IPV4, &k->nh4);
	} else if (a.afi == AFI_IPV6) {
		p->nh6 = a;
		export_nh_placeholder(AFI_IPV6, &k->nh6);
	}
	if (ng != NULL) {
		k->as4 = ng->caps.as4;
		k->afs = ng->caps.afs;
	}
}

void
export_group_join(struct daemon *d, struct peer *p)
{
	struct export_key k;
	struct export_group *g;

	group_key(p, &k);
	for (g = d->groups; g != NULL; g = g->next)
		if (export_key_eq(&g->key, &k))
			break;
	if (g == NULL) {
		g = xcalloc(1, sizeof(*g));
		g->key = k;
		g->d = d;
		g->chain = &p->exp;
		g->cur = d->log_base + d->log_n;
		advmap_init(&g->adv[0], AFI_IPV4, sizeof(struct adv_slot));
		advmap_init(&g->adv[1], AFI_IPV6, sizeof(struct adv_slot));
		g->next = d->groups;
		d->groups = g;
	}
	g->members = xrealloc(g->members, (g->n + 1) * sizeof(*g->members));
	g->members[g->n++] = p;
	p->grp = g;
	export_group_dump(d, p, (1u << AFI_IPV4) | (1u << AFI_IPV6), false);
	p->dump_eor = true;
}

/* Free g and drop the references its Adj-RIB-Out holds. */
static void
group_free(struct daemon *d, struct export_group *g)
{
	struct adv_slot *slot;
	size_t pos;
	int f;

	for (f = 0; f < 2; f++) {
		pos = 0;
		while ((slot = advmap_next(&g->adv[f], &pos, NULL)) != NULL)
			slot_release(d->attrs, slot);
		advmap_fini(&g->adv[f]);
	}
	export_sum_free(g->sum);
	free(g->members);
	free(g);
}

void
export_group_leave(struct daemon *d, struct peer *p)
{
	struct export_group *g = p->grp, **pp;
	size_t i;

	export_move_forget(p);
	if (g == NULL)
		return;
	p->grp = NULL;
	for (i = 0; i < g->n; i++)
		if (g->members[i] == p) {
			g->members[i] = g->members[--g->n];
			break;
		}
	/* The chain belongs to a peer: re-point it to a remaining member. */
	if (g->n > 0) {
		g->chain = &g->members[0]->exp;
		return;
	}
	for (pp = &d->groups; *pp != g; pp = &(*pp)->next)
		;
	*pp = g->next;
	group_free(d, g);
}

void
export_group_free_all(struct daemon *d)
{
	struct export_group *g;
	size_t i;

	while ((g = d->groups) != NULL) {
		d->groups = g->next;
		for (i = 0; i < g->n; i++)
			g->members[i]->grp = NULL;
		group_free(d, g);
	}
	export_log_drop(d, d->log_n);
	free(d->log);
	d->log = NULL;
	d->log_cap = 0;
}

/* Start (or restart) g's walk over the Loc-RIB; it then reads from here. */
void
export_group_resync(struct daemon *d, struct export_group *g)
{
	g->resync = true;
	g->rs_phase = 0;
	g->rs_after_set = false;
	g->cur = d->log_base + d->log_n;
	g->resyncs++;
}

/* Other chains: no recorded input determines a result any more. */
static void
group_forget_inputs(struct daemon *d, struct export_group *g)
{
	struct adv_slot *slot;
	size_t pos;
	int f;

	for (f = 0; f < 2; f++) {
		pos = 0;
		while ((slot = advmap_next(&g->adv[f], &pos, NULL)) != NULL) {
			attrs_unref(d->attrs, slot_in(slot));
			slot->in = 0;
		}
	}
	export_sum_forget(g->sum);
}

void
export_group_requeue(struct daemon *d)
{
	struct export_group *g;

	export_group_collect(d);
	for (g = d->groups; g != NULL; g = g->next) {
		group_forget_inputs(d, g);
		export_group_resync(d, g);
	}
	export_log_compact(d);
	daemon_kick(d);
}

/*
 * export_sum_route() callback: p's result towards group ctx changed (a
 * summary appeared or went, a contributor was suppressed or released).
 * p goes to the shared log (every group looks again; for the others the
 * Adj-RIB-Out suppresses an unchanged result).
 */
static void
group_requeue(void *ctx, const struct prefix *p)
{
	struct export_group *g = ctx;

	export_log_add(g->d, p);
}

/*
 * The source src of p's best path from peer id (RIB iBGP flag ibgp)
 * towards key k: side, public VIF, and the region relation.
 */
static void
src_fill(const struct daemon *d, const struct export_key *k,
    const struct prefix *p, uint32_t id, bool ibgp, struct export_src *src)
{
	const struct peer *from = daemon_peer(d, id);

	memset(src, 0, sizeof(*src));
	src->peer_id = id;
	src->ibgp = ibgp;
	if (from != NULL) {
		src->side = from->side;
		src->public = from->profile == CONFIG_PROFILE_DX_PUBLIC;
		export_src_scope(src, k, from->region);
	} else if (k->region[0] != '\0') {
		export_src_scope(src, k, daemon_originated_region(d, p));
	}
}

/* The source of the best path for p towards k, and its attributes; NULL
 * if none. */
static const struct attrs *
best_of(struct daemon *d, const struct export_key *k, const struct prefix *p,
    struct export_src *src)
{
	const struct rib_entry *e = rib_lookup(d->rib, p);
	const struct path *b = e != NULL ? rib_entry_best(e) : NULL;

	if (b == NULL || daemon_suppressed(d, p))
		return NULL;
	src_fill(d, k, p, b->peer->id, b->peer->info.ibgp, src);
	return b->attrs;
}

/* As best_of(), from a log entry's recorded best path. */
static const struct attrs *
logent_src(struct daemon *d, const struct export_key *k,
    const struct export_logent *le, struct export_src *src)
{
	if (le->a == NULL || daemon_suppressed(d, &le->p))
		return NULL;
	src_fill(d, k, &le->p, le->src, le->ibgp, src);
	return le->a;
}

static bool
group_writable(const struct export_group *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (!session_is_writable(g->members[i]->s))
			return false;
	return g->n > 0;
}

static struct peer *
group_member(const struct export_group *g, uint32_t id)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (g->members[i]->id == id)
			return g->members[i];
	return NULL;
}

/*
 * A route whose source is in the group: each member gets its own view
 * (the source itself nothing, RFC 4271 9.1.3 / export_is_allowed()). A
 * member is sent a withdrawal only if the group had announced p; the
 * Adj-RIB-Out then records that members hold per-member results (slot
 * with out and in NULL), so a later withdrawal or a group-wide result
 * reaches every member.
 */
static void
group_split(struct daemon *d, struct export_group *g, const struct prefix *p,
    const struct attrs *in, const struct export_src *src)
{
	struct advmap *t = &g->adv[peer_af_index(p->afi)];
	const struct wire_nego *ng;
	struct export_item it;
	struct adv_slot *slot;
	bool had = advmap_lookup(t, p) != NULL, sent = false, created;
	size_t i;

	for (i = 0; i < g->n; i++) {
		struct peer *m = g->members[i];

		ng = session_nego(m->s);
		if (ng == NULL)
			continue;
		it.p = *p;
		it.a = export_sum_route(&g->sum, d->attrs, d->router_id,
		    &g->key, g->chain, p, in, src, m->id, group_requeue, g);
		if (it.a != NULL || had)
			export_pack(&it, 1, &ng->caps, emit_peer, m);
		sent |= it.a != NULL;
		attrs_unref(d->attrs, it.a);
	}
	if (!sent && !had)
		return;
	slot = advmap_add(t, p, &created);
	if (!created)
		slot_release(d->attrs, slot);
	if (!sent) {
		advmap_remove_value(t, slot);
		return;
	}
	memset(slot, 0, sizeof(*slot));
}

/*
 * The group's Adj-RIB-Out: the attribute set last announced per prefix,
 * computed from in (the best path's set) of source kind src
 * (export_src_kind()). Returns whether the item must be sent: an
 * announcement that differs from what the members have, or a withdrawal
 * of something they have.
 */
static bool
group_adv_note(struct daemon *d, struct export_group *g,
    const struct export_item *it, const struct attrs *in, uint32_t src)
{
	struct advmap *t = &g->adv[peer_af_index(it->p.afi)];
	struct adv_slot *slot;
	bool created, same;

	if (it->a != NULL) {
		slot = advmap_add(t, &it->p, &created);
		same = !created && slot->out == it->a;
		if (!created)
			slot_release(d->attrs, slot);
		slot->out = attrs_ref(it->a);
		slot_set_in(slot, in != NULL ? attrs_ref(in) : NULL, src);
		return !same;
	}
	slot = advmap_lookup(t, &it->p);
	if (slot == NULL)
		return false;
	slot_release(d->attrs, slot);
	advmap_remove_value(t, slot);
	return true;
}

/*
 * Export p's route (set in from src) to g with one tree operation: find
 * or make p's Adj-RIB-Out slot, skip the computation when the input is
 * the one the slot was computed from, else compute and update the slot.
 * Returns whether it->a (a new reference, or NULL for a withdrawal) must
 * be sent.
 */
static bool
group_adv_export(struct daemon *d, struct export_group *g,
    const struct prefix *p, const struct attrs *in,
    const struct export_src *src, struct export_item *it)
{
	struct advmap *t = &g->adv[peer_af_index(p->afi)];
	struct adv_slot *slot;
	bool created, same;

	it->p = *p;
	it->a = NULL;
	slot = advmap_add(t, p, &created);
	if (!created && !export_sum_active(g->sum) &&
	    slot_in_is(slot, &g->key, in, export_src_kind(p, src)))
		return false;	/* e.g. only the ECMP set changed */
	it->a = export_sum_route(&g->sum, d->attrs, d->router_id, &g->key,
	    g->chain, p, in, src, 0, group_requeue, g);
	if (it->a == NULL) {
		/* Rejected: withdraw if announced; the slot goes. */
		if (!created)
			slot_release(d->attrs, slot);
		advmap_remove_value(t, slot);
		return !created;
	}
	same = !created && slot->out == it->a;
	if (!created)
		slot_release(d->attrs, slot);
	slot->out = attrs_ref(it->a);
	slot_set_in(slot, attrs_ref(in), export_src_kind(p, src));
	return !same;
}

static void
items_unref(struct daemon *d, struct export_item *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		attrs_unref(d->attrs, v[i].a);
}

/* True when g's chain rejects every route (nothing to compute). */
static bool
group_rejects_all(const struct export_group *g)
{
	return g->chain->n == 0 && g->chain->dflt == POL_REJECT;
}

static size_t
group_adv_count(const struct export_group *g)
{
	return advmap_count(&g->adv[0]) + advmap_count(&g->adv[1]);
}

/*
 * One page of the resync walk phase: the Loc-RIB (phases 0, 1: IPv4,
 * IPv6) in prefix order after the cursor rs_after, then the Adj-RIB-Out
 * (2, 3) for prefixes that left the RIB, whose withdrawal the walk over
 * the RIB cannot see: the map's own resumable walk (advmap.h), open while
 * rs_after_set (it returns everything announced from its start until
 * reached; the withdrawals it causes leave nothing behind its cursor).
 * The resync starts a new epoch of both maps, so an entry the walk over
 * the RIB updated is current and needs no RIB lookup: its prefix had a
 * route after the resync started, so any later withdrawal of it is in the
 * log the group reads next. Appends to pf[*n] (sets borrowed from the RIB:
 * valid for this batch).
 */
static bool
walk_page(struct daemon *d, struct export_group *g,
    struct export_logent *pf, size_t *n)
{
	const struct prefix *after = g->rs_after_set ? &g->rs_after : NULL;
	uint8_t afi = g->rs_phase % 2 ? AFI_IPV6 : AFI_IPV4;
	const struct rib_entry *e;
	struct advmap *m;
	const void *v;
	struct rib_iter it;
	struct prefix q;

	if (g->rs_phase < 2) {
		if (g->rs_phase == 0 && after == NULL) {
			/* A restarted resync: close an interrupted walk. */
			advmap_walk_stop(&g->adv[0]);
			advmap_walk_stop(&g->adv[1]);
			advmap_epoch_next(&g->adv[0]);
			advmap_epoch_next(&g->adv[1]);
		}
		rib_iter_init(&it, d->rib, afi, NULL, after);
		while (*n < DAEMON_BATCH &&
		    (e = rib_iter_next(&it, &q)) != NULL) {
			export_logent_set(&pf[(*n)++], &q, rib_entry_best(e));
			g->rs_after = q;
			g->rs_after_set = true;
		}
		return *n == DAEMON_BATCH;
	}
	m = &g->adv[g->rs_phase - 2];
	if (!g->rs_after_set) {
		advmap_walk_start(m);
		g->rs_after_set = true;
	}
	while (*n < DAEMON_BATCH && (v = advmap_walk_next(m, &q)) != NULL)
		if (!advmap_value_current(m, v) && rib_lookup(d->rib, &q) == NULL)
			export_logent_set(&pf[(*n)++], &q, NULL);
	return *n == DAEMON_BATCH;
}

/* Up to DAEMON_BATCH prefixes of g's resync walk into pf; ends it. */
static size_t
group_walk(struct daemon *d, struct export_group *g, struct export_logent *pf)
{
	size_t n = 0;

	while (g->resync && !walk_page(d, g, pf, &n)) {
		g->rs_after_set = false;
		if (++g->rs_phase == 4)
			g->resync = false;
	}
	return n;
}

/* The next prefixes g must look at, from its walk or the log. */
static size_t
group_next(struct daemon *d, struct export_group *g, struct export_logent *pf)
{
	uint64_t end = d->log_base + d->log_n;
	size_t n = 0;

	if (group_rejects_all(g) && group_adv_count(g) == 0) {
		/* Nothing announced, nothing to announce: skip it all. */
		g->resync = false;
		g->cur = end;
		return 0;
	}
	if (g->resync)
		return group_walk(d, g, pf);
	while (n < DAEMON_BATCH && g->cur < end)
		pf[n++] = d->log[g->cur++ - d->log_base];
	return n;
}

/* Items between an Adj-RIB-Out entry's prefetch and its use. */
#define ADV_PREFETCH 8

static void
adv_prefetch(const struct export_group *g, const struct prefix *p)
{
	advmap_prefetch(&g->adv[peer_af_index(p->afi)], p);
}

/* One batch of the group's changes; false when none is left. */
static bool
group_batch(struct daemon *d, struct export_group *g)
{
	struct export_item v[DAEMON_BATCH];
	struct export_logent le[DAEMON_BATCH];
	const struct wire_nego *ng = session_nego(g->members[0]->s);
	const struct attrs *in;
	struct export_src src;
	size_t n, k = 0, i;

	if (ng == NULL || (n = group_next(d, g, le)) == 0)
		return false;
	/* Adj-RIB-Out entries load ADV_PREFETCH items ahead of their use
	 * (a whole batch at once would stall on the CPU's miss buffers). */
	for (i = 0; i < n && i < ADV_PREFETCH; i++)
		adv_prefetch(g, &le[i].p);
	for (i = 0; i < n; i++) {
		if (i + ADV_PREFETCH < n)
			adv_prefetch(g, &le[i + ADV_PREFETCH].p);
		in = logent_src(d, &g->key, &le[i], &src);
		if (in != NULL && group_member(g, src.peer_id) != NULL) {
			group_split(d, g, &le[i].p, in, &src);
			continue;
		}
		if (in != NULL) {
			if (group_adv_export(d, g, &le[i].p, in, &src, &v[k]))
				k++;
			else
				attrs_unref(d->attrs, v[k].a);
			continue;
		}
		v[k].p = le[i].p;
		memset(&src, 0, sizeof(src));
		v[k].a = export_sum_route(&g->sum, d->attrs, d->router_id,
		    &g->key, g->chain, &le[i].p, NULL, &src, 0, group_requeue,
		    g);
		if (!group_adv_note(d, g, &v[k], NULL, 0)) {
			attrs_unref(d->attrs, v[k].a);
			continue;
		}
		k++;
	}
	export_pack(v, k, &ng->caps, emit_group, g);
	items_unref(d, v, k);
	g->built += k;
	return true;
}

/* Whether g has read everything: its Adj-RIB-Out is the RIB's view. */
static bool
group_caught_up(const struct daemon *d, const struct export_group *g)
{
	return !g->resync && g->cur == d->log_base + d->log_n;
}

static void
send_eor(struct peer *p, const struct wire_nego *ng, uint8_t afi)
{
	uint8_t buf[64];
	size_t len;

	if (!(ng->caps.afs & wire_af_bit(afi, SAFI_UNICAST)))
		return;
	len = wire_update_encode_eor(afi, SAFI_UNICAST, buf, sizeof(buf));
	if (len > 0)
		session_send(p->s, buf, len);
}

static void
send_rr(struct peer *p, uint8_t afi, uint8_t subtype)
{
	struct wire_refresh rr = { .afi = afi, .safi = SAFI_UNICAST,
	    .subtype = subtype };
	uint8_t buf[64];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wire_refresh_encode(&w, &rr);
	if (wr_ok(&w))
		session_send(p->s, buf, wr_len(&w));
}

/* The end of one family's dump: End-of-RIB, or EoRR after a refresh. */
static void
dump_afi_done(struct peer *p, const struct wire_nego *ng, uint8_t afi)
{
	p->dump_afis &= ~(1u << afi);
	p->dump_after_set = false;
	export_move_sweep(p, ng, afi);
	if (p->dump_eor)
		send_eor(p, ng, afi);
	if (p->dump_eorr & (1u << afi)) {
		p->dump_eorr &= ~(1u << afi);
		send_rr(p, afi, WIRE_RR_EORR);
	}
	if (p->dump_afis == 0) {
		p->dumping = false;
		p->dump_eor = false;
	}
}

/* One batch of a table dump to p. */
static void
dump_step(struct daemon *d, struct peer *p, const struct wire_nego *ng)
{
	struct export_item v[DAEMON_BATCH];
	uint8_t afi = (p->dump_afis & (1u << AFI_IPV4)) ? AFI_IPV4 : AFI_IPV6;
	const struct rib_entry *e;
	struct export_src src;
	const struct attrs *in;
	struct rib_iter it;
	struct prefix pf;
	size_t n = 0, seen = 0;

	if (!(ng->caps.afs & wire_af_bit(afi, SAFI_UNICAST)) ||
	    (group_rejects_all(p->grp) && group_adv_count(p->grp) == 0)) {
		dump_afi_done(p, ng, afi);
		return;
	}
	rib_iter_init(&it, d->rib, afi, NULL,
	    p->dump_after_set ? &p->dump_after : NULL);
	while (seen < DAEMON_BATCH && (e = rib_iter_next(&it, &pf)) != NULL) {
		seen++;
		p->dump_after = pf;
		p->dump_after_set = true;
		/* Loads while the route is computed (group_adv_note()). */
		advmap_prefetch(&p->grp->adv[peer_af_index(afi)], &pf);
		in = best_of(d, &p->grp->key, &pf, &src);
		if (in == NULL)
			continue;
		v[n].p = pf;
		v[n].a = export_sum_route(&p->grp->sum, d->attrs,
		    d->router_id, &p->grp->key, p->grp->chain, &pf, in, &src,
		    p->id, group_requeue, p->grp);
		if (v[n].a == NULL)
			continue;
		/*
		 * What the dump sends becomes the group's Adj-RIB-Out entry:
		 * the group has read the whole log (export_group_run()), so
		 * every other member has this state or gets it next.
		 */
		group_adv_note(d, p->grp, &v[n], in,
		    export_src_kind(&pf, &src));
		n++;
	}
	export_pack(v, n, &ng->caps, emit_peer, p);
	items_unref(d, v, n);
	if (seen < DAEMON_BATCH)
		dump_afi_done(p, ng, afi);
}

void
export_group_dump(struct daemon *d, struct peer *p, uint32_t afis, bool eorr)
{
	const struct wire_nego *ng = session_nego(p->s);
	uint8_t afi;

	if (ng == NULL)
		return;
	afis &= (1u << AFI_IPV4) | (1u << AFI_IPV6);
	for (afi = AFI_IPV4; eorr && afi <= AFI_IPV6; afi++) {
		if (!(afis & (1u << afi)))
			continue;
		/* RFC 7313 4: BoRR, the routes, then EoRR. */
		send_rr(p, afi, WIRE_RR_BORR);
		p->dump_eorr |= 1u << afi;
	}
	p->dump_afis |= afis;
	p->dump_after_set = false;
	p->dumping = p->dump_afis != 0;
	daemon_kick(d);
}

/*
 * Whether to drain the RIB's change queue into the log now: a group that
 * has work to do is idle and writable, a dump needs the log complete, or
 * no group reads it. Else the changes wait in the RIB's queue, where
 * repeated changes of one prefix coalesce (back-pressure for free).
 */
static bool
log_wanted(const struct daemon *d)
{
	const struct export_group *g;
	bool readers = false;
	size_t i;

	for (i = 0; i < d->npeers; i++)
		if (d->peers[i]->dumping)
			return true;
	for (g = d->groups; g != NULL; g = g->next) {
		if (group_rejects_all(g) && group_adv_count(g) == 0)
			continue;
		readers = true;
		if (group_caught_up(d, g) && group_writable(g))
			return true;
	}
	return !readers;
}

void
export_group_run(struct daemon *d, bool collect)
{
	struct export_group *g;
	const struct wire_nego *ng;
	bool progress;
	size_t i;

	do {
		if (collect && log_wanted(d))
			export_group_collect(d);
		progress = false;
		for (g = d->groups; g != NULL; g = g->next)
			while (group_writable(g) && group_batch(d, g))
				progress = true;
	} while (progress);
	export_log_compact(d);
	for (i = 0; i < d->npeers; i++) {
		struct peer *p = d->peers[i];

		while (p->dumping && p->grp != NULL &&
		    group_caught_up(d, p->grp) && session_is_writable(p->s) &&
		    (ng = session_nego(p->s)) != NULL)
			dump_step(d, p, ng);
	}
}
