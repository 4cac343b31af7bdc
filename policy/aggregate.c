/*
 * Incremental route aggregation (policy/aggregate.h; RFC 4271 9.2.2.2, 5.1.6,
 * 5.1.7; SPEC 3.3). Owns the configured summaries (sorted by prefix), a hash
 * of the fed prefixes that lie inside at least one tracking summary (each
 * with a reference on its attributes and the number of existing
 * summary-only summaries covering it), and per summary the counters and
 * multisets its attributes are computed from. The AS_PATH and community
 * algorithms are in policy/aggpath.c. Pure: no I/O, no logging, no globals;
 * it does not know the RIB.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/aggregate.h"

#define AGG_HASH_MIN 16			/* initial slots, a power of two */

/* A multiset of keys (interned blob addresses, NULL allowed, or MEDs). */
struct agg_cnt {
	uint64_t key;
	size_t cnt;
};

struct agg_mset {
	struct agg_cnt *v;
	size_t n, cap;
	bool dirty;			/* distinct keys changed since built */
};

/* A cached byte string computed from a multiset. */
struct agg_buf {
	uint8_t *p;
	size_t len;
};

enum { AGG_M_PATH, AGG_M_COMM, AGG_M_ECOMM, AGG_M_LCOMM, AGG_NMSET };

/* What a summary's attributes depend on besides the multisets. */
struct agg_sig {
	bool any;			/* >= 1 contributor */
	uint8_t origin;			/* highest ORIGIN */
	bool atomic;			/* a contributor has ATOMIC_AGGREGATE */
	bool nonempty;			/* a contributor has a non-empty path */
	bool med_differs;		/* med_match: MEDs differ */
};

struct agg_sum {
	struct aggregate_conf c;
	size_t ncontrib;
	size_t origin[3];		/* contributors per ORIGIN value */
	size_t atomic;			/* contributors with ATOMIC_AGGREGATE */
	size_t nonempty;		/* contributors with a non-empty path */
	struct agg_mset m[AGG_NMSET];	/* as-set only */
	struct agg_mset meds;		/* med_match only: MED keys */
	struct agg_buf buf[AGG_NMSET];	/* built from m */
	bool lost;			/* confed ASNs dropped building buf */
	const struct attrs *attrs;	/* current; NULL = does not exist */
	struct agg_sig sig;		/* inputs attrs was computed from */
	bool have_sig;
};

/* A fed prefix inside at least one tracking summary. */
struct agg_ent {
	struct prefix p;
	const struct attrs *a;		/* NULL while being withdrawn */
	uint32_t nsupp;			/* existing summary-only covering it */
	bool used;
	bool mark;			/* in the touched list */
	bool was;			/* suppressed before this update */
};

struct aggregate {
	struct attr_table *t;
	struct aggregate_opts o;
	struct agg_sum *sums;		/* sorted by prefix_cmp() */
	size_t nsums;
	uint8_t lens[2][129];		/* per AFI: distinct lengths of the
					 * tracking summaries, ascending */
	size_t nlens[2];
	struct agg_ent *ents;		/* open addressing, linear probing */
	size_t cap, n;
	size_t *hit;			/* scratch: summaries containing p */
	struct agg_ent **touched;	/* scratch: suppression candidates */
	size_t ntouched, captouched;
	struct prefix *gone;		/* scratch: summaries removed */
	size_t ngone;
};

/* Multisets. */

static size_t
mset_find(const struct agg_mset *m, uint64_t key, bool *found)
{
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < m->n && m->v[lo].key == key;
	return lo;
}

static void
mset_add(struct agg_mset *m, uint64_t key)
{
	bool found;
	size_t i = mset_find(m, key, &found);

	if (found) {
		m->v[i].cnt++;
		return;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 4;
		m->v = xrealloc(m->v, m->cap * sizeof(*m->v));
	}
	memmove(&m->v[i + 1], &m->v[i], (m->n - i) * sizeof(*m->v));
	m->v[i].key = key;
	m->v[i].cnt = 1;
	m->n++;
	m->dirty = true;
}

static void
mset_sub(struct agg_mset *m, uint64_t key)
{
	bool found;
	size_t i = mset_find(m, key, &found);

	assert(found);
	if (--m->v[i].cnt > 0)
		return;
	memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof(*m->v));
	m->n--;
	m->dirty = true;
}

/* Views of the distinct blobs of m, in an array the caller frees. */
static struct bytes *
mset_views(const struct agg_mset *m)
{
	struct bytes *v = xcalloc(m->n ? m->n : 1, sizeof(*v));
	size_t i;

	for (i = 0; i < m->n; i++)
		v[i] = blob_bytes((const struct blob *)(uintptr_t)m->v[i].key);
	return v;
}

/* Contributor hash. */

static size_t
ent_hash(const struct prefix *p)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ ((uint64_t)p->afi << 8 | p->len);
	size_t i, n = addr_bytes(p->afi);

	for (i = 0; i < n; i++) {
		h ^= p->a[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 31;
	return (size_t)h;
}

static struct agg_ent *
ent_lookup(const struct aggregate *agg, const struct prefix *p)
{
	size_t mask = agg->cap - 1, i = ent_hash(p) & mask;

	for (; agg->ents[i].used; i = (i + 1) & mask)
		if (prefix_eq(&agg->ents[i].p, p))
			return &agg->ents[i];
	return NULL;
}

static struct agg_ent *
ent_put(struct aggregate *agg, const struct prefix *p)
{
	size_t mask = agg->cap - 1, i = ent_hash(p) & mask;

	while (agg->ents[i].used)
		i = (i + 1) & mask;
	memset(&agg->ents[i], 0, sizeof(agg->ents[i]));
	agg->ents[i].used = true;
	agg->ents[i].p = *p;
	agg->n++;
	return &agg->ents[i];
}

/* Insert p (absent) with no attributes; keeps the load at most 1/2. */
static struct agg_ent *
ent_insert(struct aggregate *agg, const struct prefix *p)
{
	struct agg_ent *old = agg->ents, *e;
	size_t oldcap = agg->cap, i;

	if ((agg->n + 1) * 2 > agg->cap) {
		agg->cap *= 2;
		agg->n = 0;
		agg->ents = xcalloc(agg->cap, sizeof(*agg->ents));
		for (i = 0; i < oldcap; i++) {
			if (!old[i].used)
				continue;
			e = ent_put(agg, &old[i].p);
			*e = old[i];
		}
		free(old);
	}
	return ent_put(agg, p);
}

/* Remove e and shift the following run back (no tombstones). */
static void
ent_delete(struct aggregate *agg, struct agg_ent *e)
{
	size_t mask = agg->cap - 1, i = (size_t)(e - agg->ents), j, home;

	agg->ents[i].used = false;
	agg->n--;
	for (j = (i + 1) & mask; agg->ents[j].used; j = (j + 1) & mask) {
		home = ent_hash(&agg->ents[j].p) & mask;
		/* Move j into the hole at i unless its home lies in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			agg->ents[i] = agg->ents[j];
			agg->ents[j].used = false;
			i = j;
		}
	}
}

/* Summaries: inputs. */

/* MED as a multiset key: a missing MED differs from every value. */
static uint64_t
med_key(const struct attrs *a)
{
	return (a->flags & ATTRS_HAS_MED) ? (1ULL << 32) | a->med : 0;
}

static void
sum_account(struct agg_sum *s, const struct attrs *a, bool add)
{
	const struct blob *keys[AGG_NMSET] = { a->aspath, a->comms,
	    attrs_ecomms(a), attrs_lcomms(a) };
	size_t d = add ? 1 : (size_t)-1;
	unsigned k, o = a->origin <= ORIGIN_INCOMPLETE ? a->origin :
	    ORIGIN_INCOMPLETE;

	s->ncontrib += d;
	s->origin[o] += d;
	if (a->flags & ATTRS_HAS_ATOMIC_AGG)
		s->atomic += d;
	if (a->aspath != NULL)
		s->nonempty += d;
	if (s->c.med_match) {
		if (add)
			mset_add(&s->meds, med_key(a));
		else
			mset_sub(&s->meds, med_key(a));
	}
	if (!s->c.as_set)
		return;
	for (k = 0; k < AGG_NMSET; k++) {
		if (add)
			mset_add(&s->m[k], (uintptr_t)keys[k]);
		else
			mset_sub(&s->m[k], (uintptr_t)keys[k]);
	}
}

static void
buf_set(struct agg_buf *b, struct bytes v)
{
	b->p = xrealloc(b->p, v.len ? v.len : 1);
	if (v.len)
		memcpy(b->p, v.p, v.len);
	b->len = v.len;
}

/* Rebuild the cached path and community unions whose inputs changed. */
static void
sum_refresh(struct agg_sum *s)
{
	static const size_t width[AGG_NMSET] = { 0, 4, 8, 12 };
	struct attr_builder b;
	struct bytes *views, v;
	unsigned k;

	attr_builder_init(&b);
	for (k = 0; k < AGG_NMSET; k++) {
		if (!s->m[k].dirty)
			continue;
		views = mset_views(&s->m[k]);
		if (k == AGG_M_PATH)
			v = aggregate_aspath(&b, views, s->m[k].n, &s->lost);
		else
			v = aggregate_comm_union(&b, views, s->m[k].n,
			    width[k]);
		buf_set(&s->buf[k], v);
		free(views);
		s->m[k].dirty = false;
	}
	attr_builder_fini(&b);
}

static struct bytes
buf_view(const struct agg_buf *b)
{
	struct bytes v = { b->p, b->len };

	return v;
}

/* Summaries: attributes. */

static struct agg_sig
sum_sig(const struct agg_sum *s)
{
	struct agg_sig g;

	g.any = s->ncontrib > 0;
	g.origin = s->origin[ORIGIN_INCOMPLETE] ? ORIGIN_INCOMPLETE :
	    s->origin[ORIGIN_EGP] ? ORIGIN_EGP : ORIGIN_IGP;
	g.atomic = s->atomic > 0;
	g.nonempty = s->nonempty > 0;
	g.med_differs = s->meds.n > 1;
	return g;
}

/* True if the attributes of s may differ from those last computed. */
static bool
sum_is_stale(struct agg_sum *s)
{
	struct agg_sig g = sum_sig(s);
	bool stale = !s->have_sig || g.any != s->sig.any ||
	    g.origin != s->sig.origin || g.atomic != s->sig.atomic ||
	    g.nonempty != s->sig.nonempty ||
	    g.med_differs != s->sig.med_differs;
	unsigned k;

	for (k = 0; k < AGG_NMSET; k++)
		stale = stale || s->m[k].dirty;
	s->sig = g;
	s->have_sig = true;
	return stale;
}

/* Fill b with the RFC 4271 9.2.2.2 attributes of an aggregating s. */
static void
sum_fill(const struct aggregate *agg, struct agg_sum *s,
    struct attr_builder *b)
{
	bool atomic = s->atomic > 0;

	b->a.origin = sum_sig(s).origin;
	b->a.flags |= ATTRS_HAS_AGGREGATOR;
	b->a.aggr_as = agg->o.own_as;
	b->a.aggr_id = agg->o.router_id;
	if (s->c.as_set) {
		sum_refresh(s);
		b->aspath = buf_view(&s->buf[AGG_M_PATH]);
		b->comms = buf_view(&s->buf[AGG_M_COMM]);
		b->ecomms = buf_view(&s->buf[AGG_M_ECOMM]);
		b->lcomms = buf_view(&s->buf[AGG_M_LCOMM]);
		atomic = atomic || s->lost;
	} else {
		/* RFC 4271 5.1.6: the empty path leaves ASNs out. */
		atomic = atomic || s->nonempty > 0;
	}
	if (atomic)
		b->a.flags |= ATTRS_HAS_ATOMIC_AGG;
}

/*
 * The attributes s should have now: a new reference, or NULL when it
 * does not exist (no contributor, or the attribute policy rejects it).
 */
static const struct attrs *
sum_attrs(const struct aggregate *agg, struct agg_sum *s)
{
	const struct attrs *res = NULL;
	struct attr_builder b;
	struct route r;

	if (s->c.mode != AGGREGATE_ORIGINATE && s->ncontrib == 0)
		return NULL;
	/* RFC 4271 9.2.2.2: different MEDs are not aggregated. */
	if (s->c.med_match && s->meds.n > 1)
		return NULL;
	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH;
	b.a.origin = ORIGIN_IGP;
	if (s->c.mode != AGGREGATE_ORIGINATE)
		sum_fill(agg, s, &b);
	if (s->c.pol != NULL) {
		/* Run as the import of a locally originated route. */
		memset(&r, 0, sizeof(r));
		r.prefix = &s->c.prefix;
		r.afi = s->c.prefix.afi;
		r.safi = SAFI_UNICAST;
		r.dir = POL_IMPORT;
		r.peer_type = POL_PEER_IBGP;
		r.local = true;
		r.own_as = agg->o.own_as;
		if (policy_apply(s->c.pol, &r, &b) == POL_REJECT)
			goto out_fini;
	}
	res = attrs_intern(agg->t, &b);
out_fini:
	attr_builder_fini(&b);
	return res;
}

/* Change lists. */

static void
changes_push(struct aggregate_changes *c, uint8_t kind,
    const struct prefix *p, const struct attrs *a)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	c->v[c->n].kind = kind;
	c->v[c->n].prefix = *p;
	c->v[c->n].attrs = a != NULL ? attrs_ref(a) : NULL;
	c->n++;
}

void
aggregate_changes_clear(struct aggregate *agg, struct aggregate_changes *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		attrs_unref(agg->t, c->v[i].attrs);
	c->n = 0;
}

void
aggregate_changes_fini(struct aggregate *agg, struct aggregate_changes *c)
{
	aggregate_changes_clear(agg, c);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* Creation. */

static int
sum_qsort_cmp(const void *a, const void *b)
{
	const struct agg_sum *x = a, *y = b;

	return prefix_cmp(&x->c.prefix, &y->c.prefix);
}

/* Record the length of a tracking summary (kept sorted, distinct). */
static void
lens_add(struct aggregate *agg, const struct prefix *p)
{
	unsigned f = p->afi == AFI_IPV6;
	uint8_t *v = agg->lens[f];
	size_t i = agg->nlens[f];

	if (p->afi != AFI_IPV4 && p->afi != AFI_IPV6)
		return;
	while (i > 0 && v[i - 1] > p->len)
		i--;
	if (i > 0 && v[i - 1] == p->len)
		return;
	memmove(&v[i + 1], &v[i], agg->nlens[f] - i);
	v[i] = p->len;
	agg->nlens[f]++;
}

struct aggregate *
aggregate_new(struct attr_table *t, const struct aggregate_opts *o,
    const struct aggregate_conf *confs, size_t n)
{
	struct aggregate *agg = xcalloc(1, sizeof(*agg));
	size_t i, k = 0;

	agg->t = t;
	agg->o = *o;
	agg->sums = xcalloc(n ? n : 1, sizeof(*agg->sums));
	for (i = 0; i < n; i++) {
		agg->sums[i].c = confs[i];
		prefix_mask(&agg->sums[i].c.prefix);
	}
	/* Drop later duplicates before sorting (qsort is not stable). */
	for (i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < k; j++)
			if (prefix_eq(&agg->sums[j].c.prefix,
			    &agg->sums[i].c.prefix))
				break;
		if (j == k)
			agg->sums[k++] = agg->sums[i];
	}
	agg->nsums = k;
	if (k > 1)
		qsort(agg->sums, k, sizeof(*agg->sums), sum_qsort_cmp);
	for (i = 0; i < k; i++)
		if (agg->sums[i].c.mode == AGGREGATE_ORIGINATE)
			agg->sums[i].attrs = sum_attrs(agg, &agg->sums[i]);
		else
			lens_add(agg, &agg->sums[i].c.prefix);
	agg->cap = AGG_HASH_MIN;
	agg->ents = xcalloc(agg->cap, sizeof(*agg->ents));
	agg->hit = xcalloc(k ? k : 1, sizeof(*agg->hit));
	agg->gone = xcalloc(k ? k : 1, sizeof(*agg->gone));
	return agg;
}

void
aggregate_free(struct aggregate *agg)
{
	size_t i;
	unsigned k;

	if (agg == NULL)
		return;
	for (i = 0; i < agg->cap; i++)
		if (agg->ents[i].used)
			attrs_unref(agg->t, agg->ents[i].a);
	for (i = 0; i < agg->nsums; i++) {
		attrs_unref(agg->t, agg->sums[i].attrs);
		free(agg->sums[i].meds.v);
		for (k = 0; k < AGG_NMSET; k++) {
			free(agg->sums[i].m[k].v);
			free(agg->sums[i].buf[k].p);
		}
	}
	free(agg->sums);
	free(agg->ents);
	free(agg->hit);
	free(agg->touched);
	free(agg->gone);
	free(agg);
}

size_t
aggregate_confs_from_config(const struct config_aggregate *v, size_t n,
    struct aggregate_conf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].prefix = v[i].prefix;
		out[i].mode = v[i].mode == CONFIG_AGG_SUMMARY_ONLY ?
		    AGGREGATE_SUMMARY_ONLY : v[i].mode == CONFIG_AGG_ORIGINATE ?
		    AGGREGATE_ORIGINATE : AGGREGATE_AGGREGATE;
		out[i].as_set = v[i].as_set;
	}
	return n;
}

size_t
aggregate_confs_from_chain(const struct pol_chain *c,
    struct aggregate_conf *out, size_t max)
{
	const struct pol_actions *a;
	size_t i, j, k = 0;

	for (i = 0; i < c->n; i++)
		for (j = 0; j < c->v[i]->nstmts; j++) {
			a = &c->v[i]->stmts[j].act;
			if (!(a->flags & POL_A_SUMMARIZE))
				continue;
			if (k < max) {
				memset(&out[k], 0, sizeof(out[k]));
				out[k].prefix = a->summary;
				out[k].mode = a->summary_only ?
				    AGGREGATE_SUMMARY_ONLY :
				    AGGREGATE_AGGREGATE;
				out[k].as_set = a->summary_as_set;
			}
			k++;
		}
	return k;
}

size_t
aggregate_count(const struct aggregate *agg)
{
	return agg->n;
}

/* Updates. */

static bool
sum_tracks(const struct agg_sum *s, const struct prefix *p)
{
	return s->c.mode != AGGREGATE_ORIGINATE && s->c.prefix.len < p->len &&
	    prefix_contains(&s->c.prefix, p);
}

static bool
sum_suppresses(const struct agg_sum *s)
{
	return s->c.mode == AGGREGATE_SUMMARY_ONLY && s->attrs != NULL;
}

/* Index of the summary with exactly p, or nsums. */
static size_t
sums_find(const struct aggregate *agg, const struct prefix *p)
{
	size_t lo = 0, hi = agg->nsums, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = prefix_cmp(&agg->sums[mid].c.prefix, p);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return agg->nsums;
}

/*
 * Put the indexes of the tracking summaries strictly containing p into
 * agg->hit, ascending (= prefix order); returns how many. One binary
 * search per distinct summary length, not a scan of every summary.
 */
static size_t
sums_covering(struct aggregate *agg, const struct prefix *p)
{
	unsigned f = p->afi == AFI_IPV6;
	struct prefix q;
	size_t i, j, k, n = 0;

	if (p->afi != AFI_IPV4 && p->afi != AFI_IPV6)
		return 0;
	for (i = 0; i < agg->nlens[f] && agg->lens[f][i] < p->len; i++) {
		q = *p;
		q.len = agg->lens[f][i];
		prefix_mask(&q);
		k = sums_find(agg, &q);
		if (k == agg->nsums || !sum_tracks(&agg->sums[k], p))
			continue;
		for (j = n; j > 0 && agg->hit[j - 1] > k; j--)
			agg->hit[j] = agg->hit[j - 1];
		agg->hit[j] = k;
		n++;
	}
	return n;
}

/* Remember e's suppression state before this update, once. */
static void
touch(struct aggregate *agg, struct agg_ent *e)
{
	if (e->mark)
		return;
	if (agg->ntouched == agg->captouched) {
		agg->captouched = agg->captouched ? agg->captouched * 2 : 16;
		agg->touched = xrealloc(agg->touched,
		    agg->captouched * sizeof(*agg->touched));
	}
	e->mark = true;
	e->was = e->a != NULL && e->nsupp > 0;
	agg->touched[agg->ntouched++] = e;
}

static void
ent_adjust(struct aggregate *agg, struct agg_ent *e, int d)
{
	touch(agg, e);
	assert(d > 0 || e->nsupp > 0);
	e->nsupp += (uint32_t)d;
}

/*
 * s started (d = 1) or stopped (d = -1) suppressing: adjust the present fed
 * prefixes strictly inside it. The common transitions, first contributor
 * in and last one out, concern only the updated prefix u (or nothing), so
 * only changes caused by MEDs or the attribute policy scan the hash.
 */
static void
sum_spread(struct aggregate *agg, const struct agg_sum *s,
    struct agg_ent *u, int d)
{
	struct agg_ent *e;
	size_t i;

	if (s->ncontrib == 0)
		return;
	if (s->ncontrib == 1 && u->a != NULL) {
		ent_adjust(agg, u, d);
		return;
	}
	for (i = 0; i < agg->cap; i++) {
		e = &agg->ents[i];
		if (e->used && e->a != NULL && sum_tracks(s, &e->p))
			ent_adjust(agg, e, d);
	}
}

/* Recompute s after the update of u; report ADD / CHANGE now and REMOVE
 * later (agg->gone). */
static void
sum_settle(struct aggregate *agg, struct agg_sum *s, struct agg_ent *u,
    struct aggregate_changes *out)
{
	const struct attrs *now, *before = s->attrs;
	bool supp_before = sum_suppresses(s);

	/* Same inputs, same result (the policy is a pure function too). */
	if (!sum_is_stale(s))
		return;
	now = sum_attrs(agg, s);

	if (now != NULL && now != before)
		changes_push(out, before == NULL ? AGGREGATE_ADD :
		    AGGREGATE_CHANGE, &s->c.prefix, now);
	if (now == NULL && before != NULL)
		agg->gone[agg->ngone++] = s->c.prefix;
	s->attrs = now;
	attrs_unref(agg->t, before);
	if (supp_before != sum_suppresses(s))
		sum_spread(agg, s, u, supp_before ? -1 : 1);
}

static int
ent_qsort_cmp(const void *a, const void *b)
{
	const struct agg_ent *const *x = a, *const *y = b;

	return prefix_cmp(&(*x)->p, &(*y)->p);
}

/* Report suppression changes of the touched prefixes, in prefix order. */
static void
touched_flush(struct aggregate *agg, struct aggregate_changes *out)
{
	struct agg_ent *e;
	bool now;
	size_t i;

	if (agg->ntouched > 1)
		qsort(agg->touched, agg->ntouched, sizeof(*agg->touched),
		    ent_qsort_cmp);
	for (i = 0; i < agg->ntouched; i++) {
		e = agg->touched[i];
		now = e->a != NULL && e->nsupp > 0;
		if (now != e->was)
			changes_push(out, now ? AGGREGATE_SUPPRESS :
			    AGGREGATE_UNSUPPRESS, &e->p, NULL);
		e->mark = false;
	}
	agg->ntouched = 0;
}

/* Move p's entry from old to a in every summary listed in agg->hit. */
static void
ent_move(struct aggregate *agg, struct agg_ent *e, size_t nhit,
    const struct attrs *a)
{
	const struct attrs *old = e->a;
	struct agg_sum *s;
	size_t i;

	for (i = 0; i < nhit; i++) {
		s = &agg->sums[agg->hit[i]];
		if (old != NULL)
			sum_account(s, old, false);
		if (a != NULL)
			sum_account(s, a, true);
		/* A new prefix joins the summary-only summaries that exist. */
		if (old == NULL && sum_suppresses(s))
			e->nsupp++;
	}
	e->a = a != NULL ? attrs_ref(a) : NULL;
	attrs_unref(agg->t, old);
}

const struct attrs *
aggregate_summary(const struct aggregate *agg, const struct prefix *p0)
{
	struct prefix p = *p0;
	size_t i;

	prefix_mask(&p);
	i = sums_find(agg, &p);
	return i < agg->nsums ? agg->sums[i].attrs : NULL;
}

bool
aggregate_suppressed(const struct aggregate *agg, const struct prefix *p0)
{
	struct prefix p = *p0;
	const struct agg_ent *e;

	prefix_mask(&p);
	e = ent_lookup(agg, &p);
	return e != NULL && e->nsupp > 0;
}

size_t
aggregate_update(struct aggregate *agg, const struct prefix *p0,
    const struct attrs *a, struct aggregate_changes *out)
{
	struct prefix p = *p0;
	struct agg_ent *e;
	size_t nhit, first = out->n, i;

	prefix_mask(&p);
	nhit = sums_covering(agg, &p);
	if (nhit == 0)
		return 0;
	e = ent_lookup(agg, &p);
	if ((e != NULL ? e->a : NULL) == a)
		return 0;
	if (e == NULL)
		e = ent_insert(agg, &p);
	touch(agg, e);
	ent_move(agg, e, nhit, a);
	for (i = 0; i < nhit; i++)
		sum_settle(agg, &agg->sums[agg->hit[i]], e, out);
	touched_flush(agg, out);
	for (i = 0; i < agg->ngone; i++)
		changes_push(out, AGGREGATE_REMOVE, &agg->gone[i], NULL);
	agg->ngone = 0;
	if (e->a == NULL)
		ent_delete(agg, e);
	return out->n - first;
}

void
aggregate_state(const struct aggregate *agg, struct aggregate_changes *out)
{
	struct agg_ent **v = xcalloc(agg->n ? agg->n : 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < agg->nsums; i++)
		if (agg->sums[i].attrs != NULL)
			changes_push(out, AGGREGATE_ADD, &agg->sums[i].c.prefix,
			    agg->sums[i].attrs);
	for (i = 0; i < agg->cap; i++)
		if (agg->ents[i].used && agg->ents[i].nsupp > 0)
			v[n++] = &agg->ents[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), ent_qsort_cmp);
	for (i = 0; i < n; i++)
		changes_push(out, AGGREGATE_SUPPRESS, &v[i]->p, NULL);
	free(v);
}
