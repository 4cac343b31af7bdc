/*
 * Export computation and UPDATE packing (see export.h). Pure: reads the
 * path and the key, interns the result in the caller's table, encodes into
 * a stack buffer and hands messages to the caller. RFC 4271 5.1, 9.1.3,
 * RFC 1997, RFC 4760 (MP_REACH next hops), SPEC.md 1.8, SPEC 2.2 public
 * VIF scope (policy/cloud.h does the edits). The summaries per
 * destination (struct export_sum) keep one policy/aggregate.h state per
 * summarize statement of the chain; the caller owns the state and its
 * requeue, this file feeds and answers (SPEC 3.3).
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/export.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/community.h"
#include "lib/rd.h"
#include "lib/xmalloc.h"
#include "policy/aggregate.h"
#include "policy/cloud.h"

/* Largest batch export_pack() handles in one pass over one family. */
#define EXPORT_PACK_CHUNK 1024

bool
export_key_eq(const struct export_key *a, const struct export_key *b)
{
	return a->local_as == b->local_as && a->ibgp == b->ibgp &&
	    a->side == b->side && addr_eq(&a->nh4, &b->nh4) &&
	    addr_eq(&a->nh6, &b->nh6) && a->policy_id == b->policy_id &&
	    a->as4 == b->as4 && a->afs == b->afs && a->to_peer == b->to_peer &&
	    a->to_link == b->to_link && a->to_roles == b->to_roles &&
	    a->dest_side == b->dest_side && a->drained == b->drained &&
	    a->public == b->public && !strcmp(a->region, b->region);
}

void
export_src_scope(struct export_src *src, const struct export_key *k,
    const char *origin)
{
	src->rel = REGION_OTHER;
	if (k->region[0] != '\0' && origin != NULL && origin[0] != '\0')
		src->rel = (uint8_t)region_relate(origin, k->region);
}

void
export_key_dest(struct export_key *k, const struct pol_chain *c,
    uint32_t peer, uint32_t link, uint32_t roles)
{
	uint32_t m = c != NULL ? policy_chain_deps(c) : 0;

	k->to_peer = (m & (POL_DEP_NEIGHBOR | POL_DEP_SUMMARIZE)) ? peer : 0;
	k->to_link = (m & POL_DEP_LINK) ? link : 0;
	k->to_roles = (m & POL_DEP_LINK) ? roles : 0;
}

bool
export_key_dest_eq(const struct export_key *k, const struct pol_chain *c,
    uint32_t peer, uint32_t link, uint32_t roles)
{
	struct export_key n = *k;

	export_key_dest(&n, c, peer, link, roles);
	return export_key_eq(&n, k);
}

/* RFC 1997 well-known communities and the side rules. */
static bool
export_is_allowed(const struct export_key *k, const struct attrs *in,
    const struct export_src *src, uint32_t to_peer)
{
	struct bytes c = blob_bytes(in->comms);

	if (src->peer_id != 0 && src->peer_id == to_peer)
		return false;
	if (src->side != 0 && k->side != 0)
		return false;
	if (src->ibgp && k->ibgp)
		return false;
	if (community_has(c, COMMUNITY_NO_ADVERTISE))
		return false;
	if (!k->ibgp && (community_has(c, COMMUNITY_NO_EXPORT) ||
	    community_has(c, COMMUNITY_NO_EXPORT_SUBCONFED)))
		return false;
	/* SPEC 2.2: a public VIF's regional routes stay in their scope. */
	if (src->public && !cloud_scope_allows(cloud_scope_of(c),
	    (enum region_rel)src->rel))
		return false;
	return true;
}

/* The next-hop-self address for a route of family afi; false if none. */
static bool
export_nh(const struct export_key *k, uint8_t afi, struct addr *nh)
{
	if (afi == AFI_IPV4 && k->nh4.afi == AFI_IPV4) {
		*nh = k->nh4;
		return true;
	}
	if (afi == AFI_IPV6 && k->nh6.afi == AFI_IPV6) {
		*nh = k->nh6;
		return true;
	}
	if (afi == AFI_IPV6 && k->nh4.afi == AFI_IPV4) {
		/* IPv6 over an IPv4 session: IPv4-mapped (RFC 4291 2.5.5.2). */
		memset(nh, 0, sizeof(*nh));
		nh->afi = AFI_IPV6;
		nh->a[10] = 0xff;
		nh->a[11] = 0xff;
		memcpy(nh->a + 12, k->nh4.a, 4);
		return true;
	}
	return false;
}

/* RFC 4271 5.1.3-5.1.5 towards an external peer. */
static bool
export_ebgp(struct attr_builder *b, const struct export_key *k,
    const struct attrs *in, uint8_t afi)
{
	struct addr nh;

	if (!export_nh(k, afi, &nh))
		return false;
	b->aspath = aspath_prepend(b, b->aspath, k->local_as, 1);
	b->a.flags |= ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP;
	b->a.nexthop = nh;
	b->a.flags &= ~(uint32_t)(ATTRS_HAS_NEXTHOP_LL | ATTRS_HAS_LOCAL_PREF);
	memset(&b->a.nexthop_ll, 0, sizeof(b->a.nexthop_ll));
	b->a.local_pref = 0;
	/* A MED received from a neighbour AS is not passed on; one set by
	 * the export policy is. */
	if ((in->flags & ATTRS_HAS_MED) && (b->a.flags & ATTRS_HAS_MED) &&
	    b->a.med == in->med) {
		b->a.flags &= ~(uint32_t)ATTRS_HAS_MED;
		b->a.med = 0;
	}
	return true;
}

/* The route an export chain sees: p from src towards the key's peer. */
static void
export_route(struct route *r, const struct export_key *k,
    const struct prefix *p, const struct attrs *in,
    const struct export_src *src)
{
	memset(r, 0, sizeof(*r));
	r->prefix = p;
	r->attrs = in;
	r->peer_id = k->to_peer;
	r->link_id = k->to_link;
	r->link_roles = k->to_roles;
	r->afi = p->afi;
	r->safi = SAFI_UNICAST;
	r->dir = POL_EXPORT;
	r->peer_type = k->ibgp ? POL_PEER_IBGP : POL_PEER_EBGP;
	r->from_ibgp = src->ibgp;
	r->local = src->peer_id == 0;
	r->own_as = k->local_as;
	r->dest_side = k->dest_side;
	export_nh(k, p->afi, &r->self_nh);
}

/*
 * The protocol part of an export: eBGP rewrite, or LOCAL_PREF for iBGP;
 * towards a public VIF NO_EXPORT and the origin tag for rel (SPEC 2.2).
 */
static const struct attrs *
export_finish(struct attr_table *t, struct attr_builder *b,
    const struct export_key *k, const struct attrs *in, uint8_t afi,
    enum region_rel rel)
{
	if (k->public)
		cloud_public_export(rel, b);
	if (!k->ibgp && !export_ebgp(b, k, in, afi))
		return NULL;
	if (k->ibgp && !(b->a.flags & ATTRS_HAS_LOCAL_PREF)) {
		b->a.flags |= ATTRS_HAS_LOCAL_PREF;
		b->a.local_pref = 100;
	}
	return attrs_intern(t, b);
}

const struct attrs *
export_attrs(struct attr_table *t, const struct export_key *k,
    const struct pol_chain *chain, const struct prefix *p,
    const struct attrs *in, const struct export_src *src, uint32_t to_peer)
{
	struct attr_builder b;
	const struct attrs *out = NULL;
	struct route r;

	if (!export_is_allowed(k, in, src, to_peer))
		return NULL;
	attr_builder_init(&b);
	attr_builder_from(&b, in);
	if (chain != NULL) {
		export_route(&r, k, p, in, src);
		if (policy_chain_apply(chain, &r, &b) != POL_ACCEPT)
			goto out_fini;
	}
	/* The scope tags were for us (SPEC 2.2): not passed on. */
	if (src->public)
		cloud_scope_consume(&b);
	/* SPEC 1.6 drain, export half: de-preferenced by every mechanism. */
	if (k->drained)
		cloud_drain_export(k->dest_side == POL_SIDE_DX ?
		    CLOUD_SIDE_DX : CLOUD_SIDE_GOOGLE, k->local_as, &b);
	out = export_finish(t, &b, k, in, p->afi, (enum region_rel)src->rel);
out_fini:
	attr_builder_fini(&b);
	return out;
}

/* Summaries per destination. */

/* One summarize statement of the chain and its aggregation state. */
struct export_sum_one {
	const struct pol_actions *act;	/* in the chain's current db */
	struct aggregate *agg;
};

/*
 * The export memo: results of export_attrs() + sum_local_med() by
 * (input set, source kind), a direct-mapped cache. For a chain whose
 * conditions never read the prefix (no prefix-set match, no summarize),
 * the result towards one key is a pure function of the input set, the
 * family and what of the source the export reads (export_src_kind()),
 * once the sender-side check (src == to_peer) is out of the way. A chain
 * that does read the prefix is computed every time. Towards eBGP not
 * even of the input's NEXT_HOP: no condition reads it and the eBGP
 * rewrite replaces it (export_ebgp()), so the copies of one set that the
 * links' paths carry, which differ only there, share an entry: sets are
 * compared member by member with the next hop left out (members are
 * interned, so by pointer). Each entry holds a reference on an input set
 * and on out (NULL: rejected), so no member pointer compared can be
 * reused for another value while it is in the memo. The chain is
 * identified by its address, policy array, length and default: any
 * change empties the memo (and export_sum_forget() does on a requeue).
 */
#define MEMO_BITS 12
#define MEMO_SIZE (1u << MEMO_BITS)

struct memo_ent {
	const struct attrs *in;		/* NULL: empty */
	const struct attrs *out;
	uint32_t kind;
};

struct export_memo {
	const struct pol_chain *c;	/* identity of the chain memoised */
	const struct policy **cv;
	size_t cn;
	uint8_t cdflt;
	bool pure;			/* the chain allows a memo */
	struct memo_ent v[MEMO_SIZE];
};

struct export_sum {
	struct aggregate_opts o;
	struct aggregate_conf *confs;	/* one per statement, chain order */
	struct export_sum_one *v;
	size_t n;			/* 0: only the memo */
	struct attr_table *t;
	struct export_memo *memo;	/* NULL until first used */
};

/* The summarize actions of c into *acts (malloc'd); returns how many. */
static size_t
sum_actions(const struct pol_chain *c, const struct pol_actions ***acts)
{
	const struct pol_actions *a;
	size_t i, j, n = 0;

	*acts = NULL;
	for (i = 0; c != NULL && i < c->n; i++)
		for (j = 0; j < c->v[i]->nstmts; j++) {
			a = &c->v[i]->stmts[j].act;
			if (!(a->flags & POL_A_SUMMARIZE))
				continue;
			*acts = xrealloc(*acts, (n + 1) * sizeof(**acts));
			(*acts)[n++] = a;
		}
	return n;
}

static bool
sum_conf_eq(const struct aggregate_conf *a, const struct aggregate_conf *b)
{
	return prefix_eq(&a->prefix, &b->prefix) && a->mode == b->mode &&
	    a->as_set == b->as_set;
}

/* Requeue what s answers for now (summaries, suppressed), then free it. */
static void
sum_drop(struct export_sum *s,
    void (*requeue)(void *, const struct prefix *), void *ctx)
{
	struct aggregate_changes ch = { 0 };
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		aggregate_state(s->v[i].agg, &ch);
		for (j = 0; j < ch.n; j++)
			requeue(ctx, &ch.v[j].prefix);
		aggregate_changes_clear(s->v[i].agg, &ch);
	}
	if (s->n > 0)
		aggregate_changes_fini(s->v[0].agg, &ch);
	export_sum_free(s);
}

/* A new state for the n summarize actions acts (taken). */
static struct export_sum *
sum_new(struct attr_table *t, uint32_t own_as, uint32_t router_id,
    const struct pol_actions **acts, size_t n)
{
	struct export_sum *s = xcalloc(1, sizeof(*s));
	size_t i;

	s->o.own_as = own_as;
	s->o.router_id = router_id;
	s->t = t;
	s->n = n;
	s->v = xcalloc(n, sizeof(*s->v));
	s->confs = xcalloc(n, sizeof(*s->confs));
	for (i = 0; i < n; i++) {
		s->confs[i].prefix = acts[i]->summary;
		prefix_mask(&s->confs[i].prefix);
		s->confs[i].mode = acts[i]->summary_only ?
		    AGGREGATE_SUMMARY_ONLY : AGGREGATE_AGGREGATE;
		s->confs[i].as_set = acts[i]->summary_as_set;
		s->v[i].act = acts[i];
		s->v[i].agg = aggregate_new(t, &s->o, &s->confs[i], 1);
	}
	return s;
}

/*
 * Make *sp follow the summarize actions of c: kept (with the current
 * action pointers) while they are the same summaries, else dropped and
 * built again empty (the caller's requeue of a changed chain refeeds it).
 */
static void
sum_sync(struct export_sum **sp, struct attr_table *t, uint32_t router_id,
    const struct export_key *k, const struct pol_chain *c,
    void (*requeue)(void *, const struct prefix *), void *ctx)
{
	const struct pol_actions **acts;
	struct export_sum *s = *sp;
	struct aggregate_conf conf;
	size_t n = sum_actions(c, &acts), i;
	bool same = s != NULL && s->n == n && s->o.own_as == k->local_as &&
	    s->o.router_id == router_id;

	for (i = 0; same && i < n; i++) {
		memset(&conf, 0, sizeof(conf));
		conf.prefix = acts[i]->summary;
		prefix_mask(&conf.prefix);
		conf.mode = acts[i]->summary_only ? AGGREGATE_SUMMARY_ONLY :
		    AGGREGATE_AGGREGATE;
		conf.as_set = acts[i]->summary_as_set;
		same = sum_conf_eq(&conf, &s->confs[i]);
	}
	if (same) {
		for (i = 0; i < n; i++)
			s->v[i].act = acts[i];
	} else {
		if (s != NULL)
			sum_drop(s, requeue, ctx);
		*sp = n > 0 ? sum_new(t, k->local_as, router_id, acts, n) :
		    NULL;
	}
	free(acts);
}

static bool
sum_fired(const struct pol_trace *tr, const struct pol_actions *a)
{
	size_t i;

	for (i = 0; i < tr->n; i++)
		if (tr->sum[i] == a)
			return true;
	return false;
}

/*
 * The export-edited attributes of p (path in from src) towards k: the
 * chain's result before the protocol rewrite (a new reference: in itself
 * when the chain changed nothing), and in tr the summarize statements
 * that fired. NULL (tr empty) when the export rules keep p from k.
 */
static const struct attrs *
sum_edited(struct attr_table *t, const struct export_key *k,
    const struct pol_chain *c, const struct prefix *p,
    const struct attrs *in, const struct export_src *src,
    struct pol_trace *tr)
{
	struct attr_builder b, orig;
	const struct attrs *ed = NULL;
	struct route r;

	tr->n = 0;
	if (in == NULL || !export_is_allowed(k, in, src, 0))
		return NULL;
	attr_builder_init(&b);
	attr_builder_from(&b, in);
	export_route(&r, k, p, in, src);
	(void)policy_chain_trace(c, &r, &b, tr);
	if (tr->n > 0) {
		/* orig only views in: no storage, no init, no fini. */
		orig.chunks = NULL;
		attr_builder_from(&orig, in);
		ed = attr_builder_eq(&b, &orig) ? attrs_ref(in) :
		    attrs_intern(t, &b);
	}
	attr_builder_fini(&b);
	return ed;
}

/*
 * Feed p (path in or none) to every summary of s as its statement says,
 * with the contributor's attributes as the chain edits them for k (RFC
 * 4271 9.2.2.2 aggregates what is advertised: an export prepend or
 * community edit reaches the summary's AS_SET, ATOMIC_AGGREGATE, ORIGIN).
 */
static void
sum_feed(struct export_sum *s, struct attr_table *t,
    const struct export_key *k, const struct pol_chain *c,
    const struct prefix *p, const struct attrs *in,
    const struct export_src *src,
    void (*requeue)(void *, const struct prefix *), void *ctx)
{
	struct aggregate_changes ch = { 0 };
	struct pol_trace tr = { .n = 0 };
	const struct attrs *ed;
	size_t i, j;

	ed = sum_edited(t, k, c, p, in, src, &tr);
	for (i = 0; i < s->n; i++) {
		aggregate_update(s->v[i].agg, p,
		    sum_fired(&tr, s->v[i].act) ? ed : NULL, &ch);
		for (j = 0; j < ch.n; j++)
			if (!prefix_eq(&ch.v[j].prefix, p))
				requeue(ctx, &ch.v[j].prefix);
		aggregate_changes_clear(s->v[i].agg, &ch);
	}
	if (s->n > 0)
		aggregate_changes_fini(s->v[0].agg, &ch);
	attrs_unref(t, ed);
}

/* The summary p of s towards k, a new reference; NULL if none. */
static const struct attrs *
sum_export(const struct export_sum *s, struct attr_table *t,
    const struct export_key *k, const struct prefix *p, bool *is_sum)
{
	static const struct export_src local;
	const struct attrs *sa = NULL, *out = NULL;
	struct attr_builder b;
	size_t i;

	for (i = 0; sa == NULL && i < s->n; i++)
		sa = aggregate_summary(s->v[i].agg, p);
	*is_sum = sa != NULL;
	if (sa == NULL || !export_is_allowed(k, sa, &local, 0))
		return NULL;
	attr_builder_init(&b);
	attr_builder_from(&b, sa);
	out = export_finish(t, &b, k, sa, p->afi, REGION_OTHER);
	attr_builder_fini(&b);
	return out;
}

/* Whether pol (and what it calls) never reads the prefix or summarizes. */
static bool
memo_pure_pol(const struct policy *pol, unsigned depth)
{
	const struct pol_stmt *st;
	size_t i, j;

	for (i = 0; i < pol->nstmts; i++) {
		st = &pol->stmts[i];
		if (st->act.flags & POL_A_SUMMARIZE)
			return false;
		for (j = 0; j < st->nconds; j++) {
			if (st->conds[j].type == POL_C_PREFIX_SET)
				return false;
			if (st->conds[j].type == POL_C_CALL &&
			    st->conds[j].call != NULL &&
			    (depth >= POL_CALL_DEPTH ||
			    !memo_pure_pol(st->conds[j].call, depth + 1)))
				return false;
		}
	}
	return true;
}

static bool
memo_pure(const struct pol_chain *c)
{
	size_t i;

	for (i = 0; c != NULL && i < c->n; i++)
		if (!memo_pure_pol(c->v[i], 0))
			return false;
	return true;
}

/* Drop every entry of m and the references they hold. */
static void
memo_clear(struct attr_table *t, struct export_memo *m)
{
	size_t i;

	for (i = 0; i < MEMO_SIZE; i++) {
		if (m->v[i].in == NULL)
			continue;
		attrs_unref(t, m->v[i].in);
		attrs_unref(t, m->v[i].out);
		m->v[i].in = NULL;
		m->v[i].out = NULL;
	}
}

/* s's memo for chain c, emptied when c is not the chain it holds. */
static struct export_memo *
memo_get(struct export_sum **sp, struct attr_table *t, uint32_t router_id,
    const struct export_key *k, const struct pol_chain *c)
{
	struct export_sum *s = *sp;
	struct export_memo *m;

	if (s == NULL) {
		/* A state without summaries: only the memo. */
		s = *sp = xcalloc(1, sizeof(*s));
		s->o.own_as = k->local_as;
		s->o.router_id = router_id;
		s->t = t;
	}
	if (s->memo == NULL) {
		s->memo = xcalloc(1, sizeof(*s->memo));
		s->memo->pure = memo_pure(c);
		s->memo->c = c;
		if (c != NULL) {
			s->memo->cv = c->v;
			s->memo->cn = c->n;
			s->memo->cdflt = c->dflt;
		}
	}
	m = s->memo;
	if (m->c != c || (c != NULL && (m->cv != c->v || m->cn != c->n ||
	    m->cdflt != c->dflt))) {
		memo_clear(s->t, m);
		m->c = c;
		m->cv = c != NULL ? c->v : NULL;
		m->cn = c != NULL ? c->n : 0;
		m->cdflt = c != NULL ? c->dflt : 0;
		m->pure = memo_pure(c);
	}
	return m;
}

uint32_t
export_src_kind(const struct prefix *p, const struct export_src *src)
{
	return (uint32_t)p->afi | (uint32_t)src->ibgp << 8 |
	    (uint32_t)(src->peer_id == 0) << 9 |
	    (uint32_t)(src->side != 0) << 10 |
	    (uint32_t)(src->peer_id == UINT32_MAX) << 11 |
	    (uint32_t)src->public << 12 | (uint32_t)(src->rel & 3u) << 13;
}

/* The memo slot of in (next hop only with_nh) from a source of kind. */
static size_t
memo_hash(const struct attrs *in, uint32_t kind, bool with_nh)
{
	uint64_t h = (uint64_t)(uintptr_t)in->aspath;

	h = h * 31 + (uint64_t)(uintptr_t)in->comms;
	h = h * 31 + (uint64_t)(uintptr_t)in->ext;
	h = h * 31 + ((uint64_t)in->med << 32 | in->local_pref);
	h = h * 31 + ((uint64_t)in->flags << 16 | (uint64_t)in->origin << 8);
	h = h * 31 + kind;
	if (with_nh)
		h = h * 31 + (uint64_t)(uintptr_t)in->nh;
	return (size_t)((h * UINT64_C(0x9e3779b97f4a7c15)) >> (64 - MEMO_BITS));
}

/* Whether a and b are equal sets, their next hops only when with_nh. */
static bool
memo_same(const struct attrs *a, const struct attrs *b, bool with_nh)
{
	if (a == b)
		return true;
	return a->aspath == b->aspath && a->comms == b->comms &&
	    a->ext == b->ext && a->med == b->med &&
	    a->local_pref == b->local_pref && a->flags == b->flags &&
	    a->origin == b->origin && (!with_nh || a->nh == b->nh);
}

bool
export_input_same(const struct export_key *k, const struct attrs *a,
    const struct attrs *b)
{
	return memo_same(a, b, k->ibgp);
}

static const struct attrs *sum_local_med(struct attr_table *,
    const struct attrs *, const struct attrs *, const struct export_src *);

/*
 * export_attrs() + sum_local_med() of p (in from src, not towards src
 * itself) through the memo of *sp when the chain allows one. A new
 * reference or NULL.
 */
static const struct attrs *
memo_route(struct export_sum **sp, struct attr_table *t, uint32_t router_id,
    const struct export_key *k, const struct pol_chain *c,
    const struct prefix *p, const struct attrs *in,
    const struct export_src *src)
{
	struct export_memo *m = memo_get(sp, t, router_id, k, c);
	uint32_t kind = export_src_kind(p, src);
	const struct attrs *out;
	struct memo_ent *e;

	if (!m->pure)
		return sum_local_med(t, export_attrs(t, k, c, p, in, src, 0),
		    in, src);
	e = &m->v[memo_hash(in, kind, k->ibgp)];
	if (e->in != NULL && e->kind == kind && memo_same(e->in, in, k->ibgp))
		return e->out != NULL ? attrs_ref(e->out) : NULL;
	out = sum_local_med(t, export_attrs(t, k, c, p, in, src, 0), in, src);
	if (e->in != NULL) {
		attrs_unref(t, e->in);
		attrs_unref(t, e->out);
	}
	e->in = attrs_ref(in);
	e->out = out != NULL ? attrs_ref(out) : NULL;
	e->kind = kind;
	return out;
}

/*
 * A route we originate keeps its own MED towards eBGP (a Cloud Router's
 * base priority, SPEC 2.4): RFC 4271 5.1.4 only forbids passing on a MED
 * received from a neighbouring AS, which export_attrs() removes when the
 * chain left it unchanged. Local sources: peer id 0 or the daemon's
 * reserved local peer (UINT32_MAX, bgpd/daemon.h DAEMON_LOCAL_PEER).
 * Takes out, returns the set to send (a new reference, or NULL).
 */
static const struct attrs *
sum_local_med(struct attr_table *t, const struct attrs *out,
    const struct attrs *in, const struct export_src *src)
{
	const struct attrs *res;
	struct attr_builder b;

	if (out == NULL || (src->peer_id != 0 && src->peer_id != UINT32_MAX) ||
	    !(in->flags & ATTRS_HAS_MED) || (out->flags & ATTRS_HAS_MED))
		return out;
	attr_builder_init(&b);
	attr_builder_from(&b, out);
	b.a.flags |= ATTRS_HAS_MED;
	b.a.med = in->med;
	res = attrs_intern(t, &b);
	attr_builder_fini(&b);
	attrs_unref(t, out);
	return res;
}

const struct attrs *
export_sum_route(struct export_sum **sp, struct attr_table *t,
    uint32_t router_id, const struct export_key *k,
    const struct pol_chain *c, const struct prefix *p,
    const struct attrs *in, const struct export_src *src, uint32_t to_peer,
    void (*requeue)(void *ctx, const struct prefix *p), void *ctx)
{
	const struct attrs *out;
	bool is_sum;
	size_t i;

	/* No destination in the key: the chain has no summarize action. */
	if (export_sum_active(*sp) || k->to_peer != 0)
		sum_sync(sp, t, router_id, k, c, requeue, ctx);
	if (export_sum_active(*sp)) {
		sum_feed(*sp, t, k, c, p, in, src, requeue, ctx);
		out = sum_export(*sp, t, k, p, &is_sum);
		if (is_sum)
			return out;
		for (i = 0; i < (*sp)->n; i++)
			if (aggregate_suppressed((*sp)->v[i].agg, p))
				return NULL;
	}
	if (in == NULL)
		return NULL;
	/* Towards its own source a route is never sent: no memo needed. */
	if (to_peer == 0 || src->peer_id != to_peer)
		return memo_route(sp, t, router_id, k, c, p, in, src);
	return sum_local_med(t, export_attrs(t, k, c, p, in, src, to_peer), in,
	    src);
}

void
export_sum_walk(const struct export_sum *s,
    void (*fn)(void *ctx, const struct prefix *p, const struct attrs *a,
    bool summary_only), void *ctx)
{
	struct aggregate_changes ch = { 0 };
	size_t i, j;

	for (i = 0; s != NULL && i < s->n; i++) {
		aggregate_state(s->v[i].agg, &ch);
		for (j = 0; j < ch.n; j++)
			if (ch.v[j].kind == AGGREGATE_ADD)
				fn(ctx, &ch.v[j].prefix, ch.v[j].attrs,
				    s->confs[i].mode == AGGREGATE_SUMMARY_ONLY);
		aggregate_changes_clear(s->v[i].agg, &ch);
	}
	if (s != NULL && s->n > 0)
		aggregate_changes_fini(s->v[0].agg, &ch);
}

bool
export_sum_active(const struct export_sum *s)
{
	return s != NULL && s->n > 0;
}

void
export_sum_forget(struct export_sum *s)
{
	if (s != NULL && s->memo != NULL)
		memo_clear(s->t, s->memo);
}

void
export_sum_free(struct export_sum *s)
{
	size_t i;

	if (s == NULL)
		return;
	if (s->memo != NULL) {
		memo_clear(s->t, s->memo);
		free(s->memo);
	}
	for (i = 0; i < s->n; i++)
		aggregate_free(s->v[i].agg);
	free(s->v);
	free(s->confs);
	free(s);
}

static int
item_cmp(const void *x, const void *y)
{
	const struct export_item *a = x, *b = y;

	if (a->p.afi != b->p.afi)
		return a->p.afi < b->p.afi ? -1 : 1;
	if (a->a != b->a) {
		if (a->a == NULL || b->a == NULL)
			return a->a == NULL ? -1 : 1;
		return (uintptr_t)a->a < (uintptr_t)b->a ? -1 : 1;
	}
	return prefix_cmp(&a->p, &b->p);
}

/* Pack the run v[0..n) of one family and one attribute set (or NULL). */
static size_t
pack_run(const struct export_item *v, size_t n, const struct wire_caps *caps,
    void (*emit)(void *, const uint8_t *, size_t), void *ctx)
{
	struct wire_nlri nl[EXPORT_PACK_CHUNK];
	uint8_t buf[WIRE_MAX_LEN];
	struct attr_builder b;
	size_t i, k, done = 0, msgs = 0, len, m;
	uint8_t afi = v[0].p.afi;

	attr_builder_init(&b);
	if (v[0].a != NULL)
		attr_builder_from(&b, v[0].a);
	while (done < n) {
		k = n - done < EXPORT_PACK_CHUNK ? n - done : EXPORT_PACK_CHUNK;
		for (i = 0; i < k; i++) {
			nl[i].pfx = v[done + i].p;
			nl[i].path_id = 0;
		}
		if (v[0].a != NULL)
			m = wire_update_pack_reach(&b, afi, SAFI_UNICAST, nl, k,
			    caps, buf, sizeof(buf), &len);
		else
			m = wire_update_pack_unreach(afi, SAFI_UNICAST, nl, k,
			    caps, buf, sizeof(buf), &len);
		if (m == 0)
			break;
		emit(ctx, buf, len);
		msgs++;
		done += m;
	}
	attr_builder_fini(&b);
	return msgs;
}

size_t
export_pack(struct export_item *v, size_t n, const struct wire_caps *caps,
    void (*emit)(void *ctx, const uint8_t *msg, size_t len), void *ctx)
{
	size_t i = 0, j, msgs = 0;
	uint32_t af;

	qsort(v, n, sizeof(*v), item_cmp);
	while (i < n) {
		for (j = i + 1; j < n && v[j].p.afi == v[i].p.afi &&
		    v[j].a == v[i].a; j++)
			;
		af = wire_af_bit(v[i].p.afi, SAFI_UNICAST);
		if (af != 0 && (caps->afs & af))
			msgs += pack_run(v + i, j - i, caps, emit, ctx);
		i = j;
	}
	return msgs;
}

void
export_nh_placeholder(uint8_t afi, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	a->afi = afi;
}

/* The value to write over a placeholder next hop of len bytes at v. */
static const uint8_t *
nh_patch_value(const uint8_t *v, size_t len, const struct addr *nh4,
    const struct addr *nh6, uint8_t *mapped)
{
	static const uint8_t zero[16];
	static const uint8_t v4map[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };

	if (len == 4)
		return !memcmp(v, zero, 4) && nh4 != NULL &&
		    nh4->afi == AFI_IPV4 ? nh4->a : NULL;
	if (!memcmp(v, zero, 16))
		return nh6 != NULL && nh6->afi == AFI_IPV6 ? nh6->a : NULL;
	if (!memcmp(v, v4map, 12) && !memcmp(v + 12, zero, 4) &&
	    nh4 != NULL && nh4->afi == AFI_IPV4) {
		memcpy(mapped, v4map, 12);
		memcpy(mapped + 12, nh4->a, 4);
		return mapped;
	}
	return NULL;
}

int
export_nh_patch(uint8_t *msg, size_t len, const struct addr *nh4,
    const struct addr *nh6)
{
	uint8_t flags, type, nhlen, mapped[16];
	uint16_t wlen, alen, vlen, afi;
	const uint8_t *val;
	struct rd r, attrs;
	size_t at;

	rd_init(&r, msg, len);
	if (!rd_skip(&r, WIRE_HDR_LEN) || !rd_u16(&r, &wlen) ||
	    !rd_skip(&r, wlen) || !rd_u16(&r, &alen) ||
	    !rd_sub(&r, alen, &attrs))
		return -1;
	while (attrs.left > 0) {
		uint8_t l8;

		if (!rd_u8(&attrs, &flags) || !rd_u8(&attrs, &type))
			return -1;
		if (flags & ATTR_FLAG_EXTLEN) {
			if (!rd_u16(&attrs, &vlen))
				return -1;
		} else {
			if (!rd_u8(&attrs, &l8))
				return -1;
			vlen = l8;
		}
		/* Offset of the value in msg: what the readers consumed. */
		at = len - r.left - attrs.left;
		if (type == ATTR_NEXT_HOP && vlen == 4) {
			val = nh_patch_value(msg + at, 4, nh4, nh6, mapped);
			if (val != NULL)
				memcpy(msg + at, val, 4);
		} else if (type == ATTR_MP_REACH_NLRI && vlen >= 20) {
			afi = (uint16_t)(msg[at] << 8 | msg[at + 1]);
			nhlen = msg[at + 3];
			val = afi == AFI_IPV6 && (nhlen == 16 || nhlen == 32) ?
			    nh_patch_value(msg + at + 4, 16, nh4, nh6, mapped) :
			    NULL;
			if (val != NULL)
				memcpy(msg + at + 4, val, 16);
		}
		if (!rd_skip(&attrs, vlen))
			return -1;
	}
	return 0;
}
