/*
 * The routing table (see rib.h). A prefix's tree value is a struct
 * rib_entry: its list of paths (ECMP set first, best at the head), the set
 * size and the deciding step. Every change of one path (announce, replace,
 * withdraw, peer down, re-import) goes through entry_commit(): snapshot the
 * selected set, re-run the decision for that prefix only, queue the prefix
 * if the set (paths or their attributes) differs. A queued prefix whose
 * last path went stays in the tree until drained, so the consumer sees its
 * withdrawal.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/xmalloc.h"
#include "rib/pool.h"
#include "rib/rib.h"
#include "rib/rib_int.h"

static enum rib_import_verdict
import_accept(void *ctx, uint32_t peer_id, const struct rib_peer_info *peer,
    const struct prefix *p, const struct attrs *in, const struct attrs **out)
{
	(void)ctx;
	(void)peer_id;
	(void)peer;
	(void)p;
	*out = attrs_ref(in);
	return RIB_IMPORT_ACCEPT;
}

static bool
nexthop_any(void *ctx, const struct addr *nh)
{
	(void)ctx;
	(void)nh;
	return true;
}

void
rib_config_default(struct rib_config *c)
{
	memset(c, 0, sizeof(*c));
	decide_opts_default(&c->decide);
}

void
rib_hooks_set(struct rib *r, const struct rib_hooks *h)
{
	memset(&r->hooks, 0, sizeof(r->hooks));
	if (h != NULL)
		r->hooks = *h;
	if (r->hooks.import == NULL)
		r->hooks.import = import_accept;
	if (r->hooks.nexthop_ok == NULL)
		r->hooks.nexthop_ok = nexthop_any;
}

struct rib *
rib_new(struct attr_table *attrs, const struct rib_config *c,
    const struct rib_hooks *h)
{
	struct rib *r = xcalloc(1, sizeof(*r));

	assert(attrs != NULL && c != NULL);
	r->attrs = attrs;
	r->cfg = *c;
	rib_hooks_set(r, h);
	ptree_init(&r->t4, AFI_IPV4, sizeof(struct rib_entry));
	ptree_init(&r->t6, AFI_IPV6, sizeof(struct rib_entry));
	pool_init(&r->paths, sizeof(struct path));
	return r;
}

/*
 * Tear down without deciding anything: drop each path's references, then
 * free the pools and trees wholesale (nothing is queued for anyone).
 */
void
rib_free(struct rib *r)
{
	struct ptree_iter it;
	struct rib_entry *e;
	struct path *p;
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < 2; i++) {
		ptree_iter_init(&it, i == 0 ? &r->t4 : &r->t6, NULL, NULL);
		while ((e = ptree_iter_next(&it, NULL)) != NULL) {
			for (p = e->paths; p != NULL; p = p->next) {
				attrs_unref(r->attrs, p->attrs);
				attrs_unref(r->attrs, p->in);
			}
		}
	}
	attrs_unref(r->attrs, r->loop_attrs);
	for (i = 0; i < r->npeers; i++)
		free(r->peers[i]);
	ptree_fini(&r->t4);
	ptree_fini(&r->t6);
	pool_fini(&r->paths);
	free(r->peers);
	free(r->queue);
	free(r->scratch);
	free(r);
}

static struct ptree *
tree_for(struct rib *r, uint8_t afi)
{
	return afi == AFI_IPV4 ? &r->t4 : afi == AFI_IPV6 ? &r->t6 : NULL;
}

static const struct ptree *
tree_for_const(const struct rib *r, uint8_t afi)
{
	return afi == AFI_IPV4 ? &r->t4 : afi == AFI_IPV6 ? &r->t6 : NULL;
}

/* Index of the first peer with id >= id. */
static size_t
peer_index(const struct rib *r, uint32_t id)
{
	size_t lo = 0, hi = r->npeers, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->peers[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct rib_peer *
peer_find(const struct rib *r, uint32_t id)
{
	size_t i;

	if (r->hot != NULL && r->hot->id == id)
		return r->hot;
	i = peer_index(r, id);

	return i < r->npeers && r->peers[i]->id == id ? r->peers[i] : NULL;
}

const struct rib_peer *
rib_peer_lookup(const struct rib *r, uint32_t id)
{
	return peer_find(r, id);
}

int
rib_peer_add(struct rib *r, uint32_t id, const struct rib_peer_info *info)
{
	size_t i = peer_index(r, id);
	struct rib_peer *peer;

	if (i < r->npeers && r->peers[i]->id == id)
		return -1;
	if (r->npeers == r->peers_cap) {
		r->peers_cap = r->peers_cap ? r->peers_cap * 2 : 8;
		r->peers = xrealloc(r->peers, r->peers_cap * sizeof(*r->peers));
	}
	peer = xcalloc(1, sizeof(*peer));
	peer->id = id;
	peer->info = *info;
	peer->opts = &r->cfg.decide;
	memmove(&r->peers[i + 1], &r->peers[i],
	    (r->npeers - i) * sizeof(*r->peers));
	r->peers[i] = peer;
	r->npeers++;
	return 0;
}

void
snapshot_take(const struct rib_entry *e, struct snapshot *s)
{
	const struct path *p = e->paths;

	for (s->n = 0; s->n < e->nbest; s->n++, p = p->next) {
		s->p[s->n] = p;
		s->a[s->n] = p->attrs;
	}
}

static bool
snapshot_same(const struct snapshot *s, const struct rib_entry *e)
{
	const struct path *p = e->paths;
	unsigned i;

	if (s->n != e->nbest)
		return false;
	for (i = 0; i < s->n; i++, p = p->next) {
		if (s->p[i] != p || s->a[i] != p->attrs)
			return false;
	}
	return true;
}

static void
queue_add(struct rib *r, struct rib_entry *e)
{
	if (e->flags & ENTRY_F_QUEUED)
		return;
	if (r->qlen == r->qcap) {
		r->qcap = r->qcap ? r->qcap * 2 : 64;
		r->queue = xrealloc(r->queue, r->qcap * sizeof(*r->queue));
	}
	r->queue[r->qlen++] = e;
	e->flags |= ENTRY_F_QUEUED;
}

/* Room for n paths in the scratch vector. */
static void
scratch_reserve(struct rib *r, size_t n)
{
	if (n <= r->scratch_cap)
		return;
	while (r->scratch_cap < n)
		r->scratch_cap = r->scratch_cap ? r->scratch_cap * 2 : 16;
	r->scratch = xrealloc(r->scratch, r->scratch_cap * sizeof(*r->scratch));
}

/*
 * Re-run the decision for e and relink its paths: selected set, other
 * eligible paths, ineligible ones. Queue e if the selected set differs
 * from the snapshot s taken before the change.
 */
void
entry_commit(struct rib *r, struct rib_entry *e, const struct snapshot *s)
{
	struct path *p, **link;
	size_t n = 0, nelig = 0, i;
	enum decide_step why;

	for (p = e->paths; p != NULL; p = p->next)
		n++;
	scratch_reserve(r, n);
	for (p = e->paths; p != NULL; p = p->next)
		if (decide_is_eligible(p))
			r->scratch[nelig++] = p;
	i = nelig;
	for (p = e->paths; p != NULL; p = p->next)
		if (!decide_is_eligible(p))
			r->scratch[i++] = p;
	e->nbest = (uint8_t)decide_select(&r->cfg.decide, r->scratch, nelig,
	    &why);
	e->why = (uint8_t)why;
	link = &e->paths;
	for (i = 0; i < n; i++) {
		/* The scratch vector only reorders the entry's own paths. */
		p = (struct path *)(uintptr_t)r->scratch[i];
		*link = p;
		link = &p->next;
	}
	*link = NULL;
	if (!snapshot_same(s, e))
		queue_add(r, e);
}

/* Remove e from its tree if it has no path and no pending change. */
static void
entry_gc(struct rib *r, struct rib_entry *e)
{
	struct ptree *t = tree_for(r, e->afi);
	struct prefix p;

	if (e->paths != NULL || (e->flags & ENTRY_F_QUEUED))
		return;
	ptree_value_prefix(t, e, &p);
	ptree_remove(t, &p);
}

static struct path *
path_find(const struct rib_entry *e, const struct rib_peer *peer,
    uint32_t path_id)
{
	struct path *p;

	for (p = e->paths; p != NULL; p = p->next) {
		if (p->peer == peer && p->path_id == path_id)
			return p;
	}
	return NULL;
}

/* RFC 4271 9.1.2 and RFC 4456 8: routes that looped back are unusable. */
static bool
attrs_have_loop(const struct rib *r, const struct attrs *a)
{
	struct bytes cl;
	size_t i;

	if (r->cfg.local_as != 0 &&
	    aspath_has_as(blob_bytes(a->aspath), r->cfg.local_as))
		return true;
	if (r->cfg.router_id == 0)
		return false;
	if ((a->flags & ATTRS_HAS_ORIGINATOR) &&
	    attrs_originator_id(a) == r->cfg.router_id)
		return true;
	cl = blob_bytes(attrs_clusters(a));
	for (i = 0; i + 4 <= cl.len; i += 4) {
		if (((uint32_t)cl.p[i] << 24 | (uint32_t)cl.p[i + 1] << 16 |
		    (uint32_t)cl.p[i + 2] << 8 | cl.p[i + 3]) ==
		    r->cfg.router_id)
			return true;
	}
	return false;
}

/* attrs_have_loop(), remembered for the last set asked about. */
static bool
path_has_loop(struct rib *r, const struct attrs *a)
{
	if (a == r->loop_attrs && r->loop_as == r->cfg.local_as &&
	    r->loop_id == r->cfg.router_id)
		return r->loop_result;
	attrs_unref(r->attrs, r->loop_attrs);
	r->loop_attrs = attrs_ref(a);
	r->loop_as = r->cfg.local_as;
	r->loop_id = r->cfg.router_id;
	r->loop_result = attrs_have_loop(r, a);
	return r->loop_result;
}

/*
 * Run the hooks on p's received set: set its post-policy set and flags.
 * Returns the previous post-policy set, whose reference the caller drops
 * once the entry is committed.
 */
const struct attrs *
path_import(struct rib *r, struct rib_peer *peer, struct path *p,
    const struct prefix *pfx)
{
	const struct attrs *old = p->attrs, *out = NULL;
	const struct attrs *a;

	if (old != NULL)
		peer->naccepted--;
	p->flags &= PATH_F_STALE;
	p->attrs = NULL;
	if (r->hooks.import(r->hooks.ctx, peer->id, &peer->info, pfx, p->in,
	    &out) != RIB_IMPORT_ACCEPT) {
		p->flags |= PATH_F_REJECTED;
		return old;
	}
	assert(out != NULL);
	p->attrs = a = out;
	decide_prepare(p);
	peer->naccepted++;
	if (path_has_loop(r, a))
		p->flags |= PATH_F_LOOP;
	if (attrs_nexthop(a)->afi != 0 &&
	    !r->hooks.nexthop_ok(r->hooks.ctx, attrs_nexthop(a)))
		p->flags |= PATH_F_NOHOP;
	return old;
}

static struct path *
path_new(struct rib *r, struct rib_peer *peer, struct rib_entry *e,
    uint32_t path_id)
{
	struct path *p = pool_alloc(&r->paths);

	p->peer = peer;
	p->path_id = path_id;
	p->next = e->paths;
	e->paths = p;
	peer->npaths++;
	return p;
}

/* Take p out of its entry e and its peer's counts (not freed yet). */
static void
path_unlink(struct rib_peer *peer, struct rib_entry *e, struct path *p)
{
	struct path **link;

	for (link = &e->paths; *link != p; link = &(*link)->next)
		assert(*link != NULL);
	*link = p->next;
	peer->npaths--;
	if (p->attrs != NULL)
		peer->naccepted--;
}

static void
path_release(struct rib *r, struct path *p)
{
	attrs_unref(r->attrs, p->attrs);
	attrs_unref(r->attrs, p->in);
	pool_free(&r->paths, p);
}

/* Withdraw one path: unlink, re-decide, then free (after the comparison). */
static void
path_withdraw(struct rib *r, struct rib_peer *peer, struct rib_entry *e,
    struct path *p)
{
	struct snapshot s;

	snapshot_take(e, &s);
	path_unlink(peer, e, p);
	entry_commit(r, e, &s);
	path_release(r, p);
	entry_gc(r, e);
}

static int
rib_announce(struct rib *r, struct rib_peer *peer, struct ptree *t,
    const struct prefix *pfx, uint32_t path_id, const struct attrs *a)
{
	const struct attrs *old_in = NULL, *old;
	struct rib_entry *e;
	struct path *p;
	struct snapshot s;
	bool created;

	e = ptree_add(t, pfx, &created);
	if (created)
		e->afi = pfx->afi;
	p = path_find(e, peer, path_id);
	if (p != NULL)
		p->flags &= (uint8_t)~PATH_F_STALE;	/* refreshed */
	if (p != NULL && p->in == a)
		return 0;	/* the same set again: nothing changes */
	snapshot_take(e, &s);
	if (p == NULL)
		p = path_new(r, peer, e, path_id);
	else
		old_in = p->in;
	p->in = attrs_ref(a);
	p->seq = r->seq++;
	old = path_import(r, peer, p, pfx);
	entry_commit(r, e, &s);
	attrs_unref(r->attrs, old);
	attrs_unref(r->attrs, old_in);
	return 0;
}

int
rib_update(struct rib *r, uint32_t peer_id, const struct prefix *p,
    uint32_t path_id, const struct attrs *a)
{
	struct rib_peer *peer = peer_find(r, peer_id);
	struct ptree *t = tree_for(r, p->afi);
	struct rib_entry *e;
	struct path *path;

	if (peer == NULL || t == NULL || p->len > prefix_maxlen(p->afi))
		return -1;
	r->hot = peer;
	if (a != NULL)
		return rib_announce(r, peer, t, p, path_id, a);
	e = ptree_lookup(t, p);
	if (e == NULL || (path = path_find(e, peer, path_id)) == NULL)
		return 0;
	path_withdraw(r, peer, e, path);
	return 0;
}

void
rib_config_set(struct rib *r, const struct rib_config *c)
{
	/* Peers point at r->cfg.decide, so they see the new options. */
	r->cfg = *c;
	rib_reimport_all(r);
}

/*
 * Withdraw the peer's paths of e (only the stale ones if stale) with one
 * decision for the entry. May remove e from its tree.
 */
static void
entry_withdraw_peer(struct rib *r, struct rib_peer *peer, struct rib_entry *e,
    bool stale)
{
	struct path **link, *p, *gone = NULL;
	struct snapshot s;

	snapshot_take(e, &s);
	for (link = &e->paths; (p = *link) != NULL;) {
		if (p->peer != peer || (stale && !(p->flags & PATH_F_STALE))) {
			link = &p->next;
			continue;
		}
		*link = p->next;
		p->next = gone;
		gone = p;
		peer->npaths--;
		if (p->attrs != NULL)
			peer->naccepted--;
	}
	if (gone == NULL)
		return;
	entry_commit(r, e, &s);
	while ((p = gone) != NULL) {
		gone = p->next;
		path_release(r, p);
	}
	entry_gc(r, e);
}

/*
 * Walk the prefixes of afi (0 = both families) for the peer's paths:
 * withdraw them (only the stale ones if stale) when withdraw, else mark
 * them stale. Stops once the peer has no path left. Removing the entry
 * just returned keeps a tree walk valid (ptree.h).
 */
static void
peer_walk(struct rib *r, struct rib_peer *peer, uint8_t afi, bool withdraw,
    bool stale)
{
	struct ptree_iter it;
	struct rib_entry *e;
	struct ptree *t;
	struct path *p;
	unsigned k;

	for (k = 0; k < 2; k++) {
		t = k == 0 ? &r->t4 : &r->t6;
		if (afi != 0 && afi != t->afi)
			continue;
		ptree_iter_init(&it, t, NULL, NULL);
		while (peer->npaths > 0 &&
		    (e = ptree_iter_next(&it, NULL)) != NULL) {
			if (withdraw) {
				entry_withdraw_peer(r, peer, e, stale);
				continue;
			}
			for (p = e->paths; p != NULL; p = p->next)
				if (p->peer == peer)
					p->flags |= PATH_F_STALE;
		}
	}
}

int
rib_peer_down(struct rib *r, uint32_t id)
{
	struct rib_peer *peer = peer_find(r, id);

	if (peer == NULL)
		return -1;
	peer_walk(r, peer, 0, true, false);
	assert(peer->npaths == 0 && peer->naccepted == 0);
	return 0;
}

int
rib_peer_stale(struct rib *r, uint32_t id, uint8_t afi)
{
	struct rib_peer *peer = peer_find(r, id);

	if (peer == NULL)
		return -1;
	peer_walk(r, peer, afi, false, true);
	return 0;
}

int
rib_peer_sweep(struct rib *r, uint32_t id, uint8_t afi)
{
	struct rib_peer *peer = peer_find(r, id);

	if (peer == NULL)
		return -1;
	peer_walk(r, peer, afi, true, true);
	return 0;
}

size_t
rib_peer_count(const struct rib *r, uint32_t id, uint8_t afi, bool stale)
{
	const struct rib_peer *peer = peer_find(r, id);
	const struct rib_entry *e;
	const struct path *p;
	struct ptree_iter it;
	size_t n = 0;
	unsigned k;

	for (k = 0; k < 2 && peer != NULL && peer->npaths > 0; k++) {
		if (afi != 0 && afi != (k == 0 ? AFI_IPV4 : AFI_IPV6))
			continue;
		ptree_iter_init(&it, k == 0 ? &r->t4 : &r->t6, NULL, NULL);
		while ((e = ptree_iter_next(&it, NULL)) != NULL) {
			for (p = e->paths; p != NULL; p = p->next)
				if (p->peer == peer &&
				    (!stale || (p->flags & PATH_F_STALE)))
					n++;
		}
	}
	return n;
}

int
rib_peer_remove(struct rib *r, uint32_t id)
{
	size_t i = peer_index(r, id);

	if (rib_peer_down(r, id) != 0)
		return -1;
	if (r->hot == r->peers[i])
		r->hot = NULL;
	free(r->peers[i]);
	memmove(&r->peers[i], &r->peers[i + 1],
	    (r->npeers - i - 1) * sizeof(*r->peers));
	r->npeers--;
	return 0;
}

size_t
rib_queued(const struct rib *r)
{
	return r->qlen - r->qhead;
}

bool
rib_change_next(struct rib *r, struct rib_change *c)
{
	struct rib_entry *e;

	if (r->qhead == r->qlen) {
		r->qhead = r->qlen = 0;
		return false;
	}
	e = r->queue[r->qhead++];
	e->flags &= (uint8_t)~ENTRY_F_QUEUED;
	ptree_value_prefix(tree_for(r, e->afi), e, &c->prefix);
	c->best = rib_entry_best(e);
	c->npaths = e->nbest;
	c->why = (enum decide_step)e->why;
	entry_gc(r, e);
	return true;
}

const struct rib_entry *
rib_lookup(const struct rib *r, const struct prefix *p)
{
	const struct ptree *t = tree_for_const(r, p->afi);
	const struct rib_entry *e;

	if (t == NULL)
		return NULL;
	e = ptree_lookup(t, p);
	return e != NULL && e->paths != NULL ? e : NULL;
}

const struct rib_entry *
rib_match(const struct rib *r, const struct prefix *p, struct prefix *found)
{
	const struct ptree *t = tree_for_const(r, p->afi);
	const struct rib_entry *e;
	struct prefix q = *p, f;

	if (t == NULL)
		return NULL;
	/* Skip covering prefixes without a best path, shortest last. */
	while ((e = ptree_match(t, &q, &f)) != NULL && e->nbest == 0) {
		if (f.len == 0)
			return NULL;
		q.len = (uint8_t)(f.len - 1);
	}
	if (e != NULL && found != NULL)
		*found = f;
	return e;
}

const struct path *
rib_entry_best(const struct rib_entry *e)
{
	return e->nbest > 0 ? e->paths : NULL;
}

const struct path *
rib_entry_paths(const struct rib_entry *e)
{
	return e->paths;
}

unsigned
rib_entry_npaths(const struct rib_entry *e)
{
	return e->nbest;
}

enum decide_step
rib_entry_why(const struct rib_entry *e)
{
	return (enum decide_step)e->why;
}

void
rib_iter_init(struct rib_iter *it, const struct rib *r, uint8_t afi,
    const struct prefix *within, const struct prefix *after)
{
	const struct ptree *t = tree_for_const(r, afi);

	assert(t != NULL);
	ptree_iter_init(&it->it, t, within, after);
}

const struct rib_entry *
rib_iter_next(struct rib_iter *it, struct prefix *p)
{
	const struct rib_entry *e;

	while ((e = ptree_iter_next(&it->it, p)) != NULL) {
		if (e->paths != NULL)
			return e;
	}
	return NULL;
}

void
rib_counters(const struct rib *r, struct rib_counters *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->peers = r->npeers;
	for (i = 0; i < r->npeers; i++) {
		c->paths += r->peers[i]->npaths;
		c->accepted += r->peers[i]->naccepted;
	}
	c->prefixes = ptree_count(&r->t4) + ptree_count(&r->t6);
	c->nodes = ptree_nodes(&r->t4) + ptree_nodes(&r->t6);
	c->queued = rib_queued(r);
	c->bytes = sizeof(*r) + ptree_bytes(&r->t4) + ptree_bytes(&r->t6) +
	    pool_bytes(&r->paths) + r->npeers * sizeof(struct rib_peer) +
	    r->peers_cap * sizeof(*r->peers) + r->qcap * sizeof(*r->queue) +
	    r->scratch_cap * sizeof(*r->scratch);
}
