/*
 * Aggregation wiring of crossrouted (SPEC 3.3, RFC 4271 9.2.2.2): the
 * global aggregates of the configuration drive one policy/aggregate.h
 * state machine. Every prefix that leaves the RIB's change list is fed
 * with its best learned path (never a summary of ours; the attachment
 * routes bgpd/originate.c originates count as learned); the summaries it
 * answers with are installed in the RIB as paths of the reserved local
 * peer DAEMON_LOCAL_PEER, so they are decided and exported like any other
 * route; summary-only suppression is a prefix set the export path treats
 * as "no route" (daemon_suppressed()). Summaries installed here change the
 * RIB again, so the drain loops until the change list is empty; it
 * converges because summaries are never fed back.
 *
 * A reload with changed aggregates withdraws every summary, lifts every
 * suppression and builds the state machine again from the whole Loc-RIB
 * (daemon_aggr_reload()); the Adj-RIB-Out keeps unchanged results quiet.
 * Export "summarize" actions (per attach point) are bgpd/export.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/daemon.h"
#include "bgpd/originate.h"
#include "lib/log.h"
#include "lib/xmalloc.h"
#include "policy/aggregate.h"

bool
daemon_suppressed(const struct daemon *d, const struct prefix *p)
{
	return d->agg != NULL &&
	    ptree_lookup(&d->suppressed[peer_af_index(p->afi)], p) != NULL;
}

/* Queue p for every export group. */
static void
aggr_pend(struct daemon *d, const struct prefix *p)
{
	export_log_add(d, p);
}

/* Apply the state machine's answers to the RIB and the suppressed set. */
static void
aggr_apply(struct daemon *d, struct aggregate_changes *ch)
{
	struct ptree *t;
	bool created;
	size_t i;

	for (i = 0; i < ch->n; i++) {
		const struct aggregate_change *c = &ch->v[i];

		t = &d->suppressed[peer_af_index(c->prefix.afi)];
		switch (c->kind) {
		case AGGREGATE_ADD:
		case AGGREGATE_CHANGE:
			rib_update(d->rib, DAEMON_LOCAL_PEER, &c->prefix, 0,
			    c->attrs);
			break;
		case AGGREGATE_REMOVE:
			rib_update(d->rib, DAEMON_LOCAL_PEER, &c->prefix, 0,
			    NULL);
			break;
		case AGGREGATE_SUPPRESS:
			ptree_add(t, &c->prefix, &created);
			aggr_pend(d, &c->prefix);
			break;
		case AGGREGATE_UNSUPPRESS:
			ptree_remove(t, &c->prefix);
			aggr_pend(d, &c->prefix);
			break;
		}
	}
	aggregate_changes_clear(d->agg, ch);
}

/* A new reference on a, or NULL. */
static const struct attrs *
aggr_ref(const struct attrs *a)
{
	return a != NULL ? attrs_ref(a) : NULL;
}

/* A usable path: accepted, no loop, a next hop. */
static bool
path_usable(const struct path *pa)
{
	return pa->attrs != NULL &&
	    !(pa->flags & (PATH_F_LOOP | PATH_F_NOHOP));
}

const struct attrs *
daemon_aggr_learned(const struct path *pa)
{
	const struct path *best = NULL;

	/*
	 * The entry's list starts with the best path: when it is learned it
	 * is the answer. Behind a local aggregate the remaining paths are in
	 * no particular order, so the learned ones are compared (decide_cmp:
	 * < 0 means preferred).
	 */
	if (pa != NULL && pa->peer->id != DAEMON_LOCAL_PEER)
		return path_usable(pa) ? pa->attrs : NULL;
	for (; pa != NULL; pa = pa->next)
		if ((pa->peer->id != DAEMON_LOCAL_PEER ||
		    daemon_originated(pa)) && path_usable(pa) &&
		    (best == NULL || decide_cmp(pa, best, NULL) < 0))
			best = pa;
	return best != NULL ? best->attrs : NULL;
}

int
daemon_aggr_init(struct daemon *d)
{
	const struct config_bgp *b = &d->cfg->bgp;
	const struct aggregate_opts o = { .own_as = d->local_as,
	    .router_id = d->router_id };
	struct aggregate_conf *confs;
	struct aggregate_changes ch = { 0 };
	int i;

	if (b->n_aggregates == 0)
		return 0;
	for (i = 0; i < 2; i++)
		ptree_init(&d->suppressed[i], i ? AFI_IPV6 : AFI_IPV4, 1);
	confs = xcalloc(b->n_aggregates, sizeof(*confs));
	aggregate_confs_from_config(b->aggregates, b->n_aggregates, confs);
	d->agg = aggregate_new(d->attrs, &o, confs, b->n_aggregates);
	free(confs);
	if (daemon_local_peer(d) != 0)
		return -1;
	aggregate_state(d->agg, &ch);
	aggr_apply(d, &ch);
	aggregate_changes_fini(d->agg, &ch);
	return 0;
}

void
daemon_aggr_fini(struct daemon *d)
{
	int i;

	if (d->agg == NULL)
		return;
	aggregate_free(d->agg);
	d->agg = NULL;
	for (i = 0; i < 2; i++)
		ptree_fini(&d->suppressed[i]);
}

void
daemon_aggr_feed(struct daemon *d, struct aggr_item *v, size_t n)
{
	struct aggregate_changes ch = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		aggregate_update(d->agg, &v[i].p, v[i].a, &ch);
	for (i = 0; i < n; i++)
		attrs_unref(d->attrs, v[i].a);
	aggr_apply(d, &ch);
	aggregate_changes_fini(d->agg, &ch);
}

void
daemon_aggr_reload(struct daemon *d)
{
	struct aggregate_changes ch = { 0 };
	struct aggr_item *v = NULL;
	const struct rib_entry *e;
	struct rib_iter it;
	size_t i, n = 0, cap = 0;
	int f;

	if (d->agg != NULL) {
		aggregate_state(d->agg, &ch);
		for (i = 0; i < ch.n; i++) {
			if (ch.v[i].kind == AGGREGATE_ADD)
				rib_update(d->rib, DAEMON_LOCAL_PEER,
				    &ch.v[i].prefix, 0, NULL);
			else
				aggr_pend(d, &ch.v[i].prefix);
		}
		aggregate_changes_fini(d->agg, &ch);
		daemon_aggr_fini(d);
	}
	if (daemon_aggr_init(d) != 0 || d->agg == NULL)
		return;
	for (f = 0; f < 2; f++) {
		rib_iter_init(&it, d->rib, f ? AFI_IPV6 : AFI_IPV4, NULL, NULL);
		for (;;) {
			if (n == cap) {
				cap = cap ? 2 * cap : DAEMON_BATCH;
				v = xrealloc(v, cap * sizeof(*v));
			}
			if ((e = rib_iter_next(&it, &v[n].p)) == NULL)
				break;
			v[n++].a = aggr_ref(daemon_aggr_learned(
			    rib_entry_best(e)));
		}
	}
	daemon_aggr_feed(d, v, n);
	free(v);
}
