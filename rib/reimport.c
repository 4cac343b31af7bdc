/*
 * Re-running the import hooks over the stored Adj-RIB-In (see rib.h):
 * per peer (rib_reimport_step(), path by path, resumable inside one
 * prefix's ADD-PATH paths) and for a scope of peers and prefix ranges
 * (rib_reimport_scope_step(): one walk of the tree under each range, every
 * path of the scope's peers in a prefix re-imported, then one decision for
 * that prefix, skipped when no path's result changed). Both are resumable
 * from a cursor of plain values, so the RIB may change between steps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rib/rib.h"
#include "rib/rib_int.h"

/* Prefixes a re-import step may visit per unit of budget. */
#define REIMPORT_SCAN 16

/* Re-run the hooks on one path of entry e (prefix pfx) and re-decide. */
static void
path_reimport(struct rib *r, struct rib_peer *peer, struct rib_entry *e,
    struct path *p, const struct prefix *pfx)
{
	const struct attrs *old;
	struct snapshot s;

	snapshot_take(e, &s);
	old = path_import(r, peer, p, pfx);
	entry_commit(r, e, &s);
	attrs_unref(r->attrs, old);
}

/* The peer's path in e with the lowest path id above after (any id when
 * all), or NULL. */
static struct path *
entry_next_path(const struct rib_entry *e, const struct rib_peer *peer,
    bool all, uint32_t after)
{
	struct path *p, *best = NULL;

	for (p = e->paths; p != NULL; p = p->next) {
		if (p->peer == peer && (all || p->path_id > after) &&
		    (best == NULL || p->path_id < best->path_id))
			best = p;
	}
	return best;
}

/*
 * Re-import the peer's paths of e (prefix pfx) that c has not reached,
 * spending *budget. Returns true when e is finished (c then points at it),
 * false when the budget ran out first (c at the last path done, if any).
 */
static bool
entry_reimport(struct rib *r, struct rib_peer *peer, struct rib_entry *e,
    const struct prefix *pfx, struct rib_cursor *c, size_t *budget)
{
	bool all = !c->partial || !prefix_eq(&c->last, pfx);
	struct path *p;

	while ((p = entry_next_path(e, peer, all, c->path_id)) != NULL) {
		if (*budget == 0)
			return false;
		c->last = *pfx;
		c->path_id = p->path_id;
		c->partial = true;
		all = false;
		path_reimport(r, peer, e, p, pfx);
		(*budget)--;
	}
	c->last = *pfx;
	c->partial = false;
	return true;
}

int
rib_reimport_step(struct rib *r, uint32_t peer_id, struct rib_cursor *c,
    size_t budget)
{
	struct rib_peer *peer = peer_find(r, peer_id);
	struct rib_entry *e;
	struct ptree_iter it;
	struct ptree *t;
	struct prefix pfx;
	size_t scan;

	if (peer == NULL)
		return -1;
	if (budget == 0)
		budget = 1;
	scan = budget > SIZE_MAX / REIMPORT_SCAN ? SIZE_MAX :
	    budget * REIMPORT_SCAN;
	for (; c->phase < 2; c->phase++) {
		t = c->phase == 0 ? &r->t4 : &r->t6;
		if (c->last.afi != t->afi) {
			memset(&c->last, 0, sizeof(c->last));
			c->partial = false;
		}
		/* Finish the prefix a previous step stopped in, if it is left. */
		if (c->partial && (e = ptree_lookup(t, &c->last)) != NULL &&
		    !entry_reimport(r, peer, e, &c->last, c, &budget))
			return 1;
		c->partial = false;
		ptree_iter_init(&it, t, NULL, c->last.afi != 0 ? &c->last :
		    NULL);
		while ((e = ptree_iter_next(&it, &pfx)) != NULL) {
			if (scan-- == 0 ||
			    !entry_reimport(r, peer, e, &pfx, c, &budget))
				return 1;
		}
	}
	return 0;
}

int
rib_reimport(struct rib *r, uint32_t peer_id)
{
	struct rib_cursor c;
	int rc;

	memset(&c, 0, sizeof(c));
	while ((rc = rib_reimport_step(r, peer_id, &c, SIZE_MAX)) == 1)
		;
	return rc;
}

static int
ranges_cmp(const void *a, const void *b)
{
	return prefix_cmp(a, b);
}

/* Whether peer id is in the scope (s->peers sorted; none = every peer). */
static bool
scope_has_peer(const struct rib_scope *s, uint32_t id)
{
	size_t lo = 0, hi = s->npeers, mid;

	if (s->npeers == 0)
		return true;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->peers[mid] < id)
			lo = mid + 1;
		else if (s->peers[mid] > id)
			hi = mid;
		else
			return true;
	}
	return false;
}

/*
 * Re-run the hooks on the paths of e (prefix pfx) whose peer is in s, and
 * decide once if any result changed (always when decide: the decision
 * options may have changed). The selected sets stay referenced
 * until the comparison, so a set freed and interned again at the same
 * address cannot hide a change. Returns the paths visited (the cost).
 */
static size_t
entry_reimport_scope(struct rib *r, const struct rib_scope *s,
    struct rib_entry *e, const struct prefix *pfx, bool decide)
{
	const struct attrs *old;
	struct snapshot snap;
	struct path *p;
	bool changed = decide;
	size_t n = 0;
	unsigned i, flags;

	snapshot_take(e, &snap);
	for (i = 0; i < snap.n; i++)
		attrs_ref(snap.a[i]);
	for (p = e->paths; p != NULL; p = p->next) {
		n++;
		if (!scope_has_peer(s, p->peer->id))
			continue;
		flags = p->flags;
		/* The RIB owns its peers: the path only shows them const. */
		old = path_import(r, (struct rib_peer *)(uintptr_t)p->peer, p,
		    pfx);
		changed |= old != p->attrs || flags != p->flags;
		attrs_unref(r->attrs, old);
	}
	if (changed)
		entry_commit(r, e, &snap);
	for (i = 0; i < snap.n; i++)
		attrs_unref(r->attrs, snap.a[i]);
	return n;
}

/* The tree and the range (NULL: the whole tree) of walk number k of s. */
static struct ptree *
scope_range(struct rib *r, const struct rib_scope *s, uint32_t k,
    const struct prefix **range)
{
	uint8_t afi;

	if (s->nranges == 0) {
		*range = NULL;
		afi = k == 0 ? AFI_IPV4 : AFI_IPV6;
	} else {
		*range = &s->ranges[k];
		afi = (*range)->afi;
	}
	return afi == AFI_IPV4 ? &r->t4 : afi == AFI_IPV6 ? &r->t6 : NULL;
}

/* rib_reimport_scope_step(), every prefix reached decided when decide. */
static int
scope_step(struct rib *r, const struct rib_scope *s, struct rib_cursor *c,
    size_t budget, bool decide)
{
	uint32_t nwalks = s->nranges != 0 ? (uint32_t)s->nranges : 2;
	const struct prefix *range;
	struct ptree_iter it;
	struct rib_entry *e;
	struct prefix pfx;
	struct ptree *t;
	size_t n;

	if (budget == 0)
		budget = 1;
	for (; c->range < nwalks; c->range++) {
		t = scope_range(r, s, c->range, &range);
		if (t == NULL)
			continue;
		if (c->last.afi != t->afi || (range != NULL &&
		    !prefix_contains(range, &c->last)))
			memset(&c->last, 0, sizeof(c->last));
		ptree_iter_init(&it, t, range, c->last.afi != 0 ? &c->last :
		    NULL);
		while ((e = ptree_iter_next(&it, &pfx)) != NULL) {
			if (budget == 0)
				return 1;
			c->last = pfx;
			n = entry_reimport_scope(r, s, e, &pfx, decide);
			budget -= n < budget ? (n > 0 ? n : 1) : budget;
		}
		memset(&c->last, 0, sizeof(c->last));
	}
	c->phase = 2;
	return 0;
}

int
rib_reimport_scope_step(struct rib *r, const struct rib_scope *s,
    struct rib_cursor *c, size_t budget)
{
	return scope_step(r, s, c, budget, false);
}

/*
 * One walk of the tables, not one per peer, in budgeted steps; every
 * prefix is decided again (rib_config_set() changes the options).
 */
int
rib_reimport_all_step(struct rib *r, struct rib_cursor *c, size_t budget)
{
	static const struct rib_scope all;

	return scope_step(r, &all, c, budget, true);
}

void
rib_reimport_all(struct rib *r)
{
	struct rib_cursor c;

	memset(&c, 0, sizeof(c));
	while (rib_reimport_all_step(r, &c, SIZE_MAX) == 1)
		;
}

size_t
rib_scope_ranges_normalize(struct prefix *v, size_t n)
{
	size_t i, k = 0;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), ranges_cmp);
	for (i = 0; i < n; i++) {
		if (k > 0 && prefix_contains(&v[k - 1], &v[i]))
			continue;
		v[k++] = v[i];
	}
	return k;
}
