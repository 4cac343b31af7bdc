/*
 * Fitting an advertisement under a prefix cap with the configured summaries
 * (policy/summary.h; SPEC 2.1, 2.5, 3.3). Works on a pool of prefixes: the
 * deduplicated routes followed by the summaries it adds, each alive or
 * replaced. Quadratic in the worst case (summaries x pool), which the caps
 * (hundreds) keep small. Pure; the order it produces is the Cloud Router
 * drop order of policy/cloud.c.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/cloud.h"
#include "policy/summary.h"

struct fit_elem {
	struct prefix p;
	bool alive;
	bool applied;			/* a summary this fit added or kept */
};

struct fit_pool {
	struct fit_elem *v;
	size_t n, cap;
	size_t nroutes;			/* v[0 .. nroutes) are the routes */
	size_t alive;
};

struct fit_cand {
	struct prefix p;
	size_t cover;			/* routes strictly inside */
};

static int
prefix_qsort_cmp(const void *a, const void *b)
{
	return prefix_cmp(a, b);
}

static int
quota_qsort_cmp(const void *a, const void *b)
{
	return cloud_quota_cmp(a, b);
}

static int
cand_qsort_cmp(const void *a, const void *b)
{
	const struct fit_cand *x = a, *y = b;

	if (x->cover != y->cover)
		return x->cover > y->cover ? -1 : 1;
	return cloud_quota_cmp(&x->p, &y->p);
}

static bool
strictly_inside(const struct prefix *outer, const struct prefix *inner)
{
	return outer->len < inner->len && prefix_contains(outer, inner);
}

static void
pool_push(struct fit_pool *pool, const struct prefix *p)
{
	if (pool->n == pool->cap) {
		pool->cap = pool->cap ? pool->cap * 2 : 16;
		pool->v = xrealloc(pool->v, pool->cap * sizeof(*pool->v));
	}
	pool->v[pool->n].p = *p;
	pool->v[pool->n].alive = true;
	pool->v[pool->n].applied = false;
	pool->n++;
	pool->alive++;
}

/* The pool of the distinct routes, sorted by prefix_cmp(). */
static void
pool_init(struct fit_pool *pool, const struct prefix *routes, size_t n)
{
	struct prefix *v = xmemdup(routes, n * sizeof(*routes));
	size_t i;

	memset(pool, 0, sizeof(*pool));
	qsort(v, n, sizeof(*v), prefix_qsort_cmp);
	for (i = 0; i < n; i++)
		if (i == 0 || !prefix_eq(&v[i - 1], &v[i]))
			pool_push(pool, &v[i]);
	pool->nroutes = pool->n;
	free(v);
}

/* The summaries that cover at least one route, most-covering first. */
static struct fit_cand *
cands_build(const struct fit_pool *pool, const struct prefix *sums,
    size_t m, size_t *nc)
{
	struct fit_cand *c = xcalloc(m ? m : 1, sizeof(*c));
	size_t i, j, k = 0;

	for (i = 0; i < m; i++) {
		c[k].p = sums[i];
		prefix_mask(&c[k].p);
		for (j = 0; j < k; j++)
			if (prefix_eq(&c[j].p, &c[k].p))
				break;
		if (j < k)
			continue;
		c[k].cover = 0;
		for (j = 0; j < pool->nroutes; j++)
			if (strictly_inside(&c[k].p, &pool->v[j].p))
				c[k].cover++;
		if (c[k].cover > 0)
			k++;
	}
	qsort(c, k, sizeof(*c), cand_qsort_cmp);
	*nc = k;
	return c;
}

/* Apply summary s if that lowers the number of alive prefixes. */
static void
pool_apply(struct fit_pool *pool, const struct prefix *s)
{
	struct fit_elem *same = NULL;
	size_t i, inside = 0;

	for (i = 0; i < pool->n; i++) {
		if (!pool->v[i].alive)
			continue;
		if (prefix_eq(&pool->v[i].p, s))
			same = &pool->v[i];
		else if (strictly_inside(s, &pool->v[i].p))
			inside++;
	}
	if (inside < (same != NULL ? 1u : 2u))
		return;
	for (i = 0; i < pool->n; i++)
		if (pool->v[i].alive && strictly_inside(s, &pool->v[i].p)) {
			pool->v[i].alive = false;
			pool->alive--;
		}
	if (same == NULL) {
		pool_push(pool, s);
		same = &pool->v[pool->n - 1];
	}
	same->applied = true;
}

/* The applied alive summary covering route r (the longest one). */
static const struct prefix *
pool_cover(const struct fit_pool *pool, const struct prefix *r)
{
	const struct prefix *best = NULL;
	size_t i;

	for (i = 0; i < pool->n; i++)
		if (pool->v[i].alive && pool->v[i].applied &&
		    strictly_inside(&pool->v[i].p, r) &&
		    (best == NULL || pool->v[i].p.len > best->len))
			best = &pool->v[i].p;
	return best;
}

static void
note_push(struct summary_fit_out *out, const struct prefix *p, uint8_t why,
    const struct prefix *by)
{
	struct summary_note *nt;

	out->notes = xrealloc(out->notes,
	    (out->nnotes + 1) * sizeof(*out->notes));
	nt = &out->notes[out->nnotes++];
	memset(nt, 0, sizeof(*nt));
	nt->prefix = *p;
	nt->why = why;
	if (by != NULL)
		nt->by = *by;
	if (why == SUMMARY_COVERED)
		out->ncovered++;
	else
		out->ndropped++;
}

/* Fill out from the pool: covered notes, then the cut at cap. */
static void
pool_result(const struct fit_pool *pool, size_t cap,
    struct summary_fit_out *out)
{
	size_t i, k = 0;

	for (i = 0; i < pool->nroutes; i++)
		if (!pool->v[i].alive)
			note_push(out, &pool->v[i].p, SUMMARY_COVERED,
			    pool_cover(pool, &pool->v[i].p));
	out->v = xcalloc(pool->alive ? pool->alive : 1, sizeof(*out->v));
	for (i = 0; i < pool->n; i++)
		if (pool->v[i].alive)
			out->v[k++] = pool->v[i].p;
	qsort(out->v, k, sizeof(*out->v), quota_qsort_cmp);
	out->n = k < cap ? k : cap;
	for (i = out->n; i < k; i++)
		note_push(out, &out->v[i], SUMMARY_OVER_CAP, NULL);
}

int
summary_fit(const struct prefix *routes, size_t n,
    const struct prefix *summaries, size_t m, size_t cap,
    struct summary_fit_out *out)
{
	struct fit_pool pool;
	struct fit_cand *c;
	size_t nc, i;

	summary_fit_fini(out);
	out->cap = cap;
	if (n <= cap) {
		out->v = xcalloc(n ? n : 1, sizeof(*out->v));
		if (n)
			memcpy(out->v, routes, n * sizeof(*routes));
		out->n = n;
		return 0;
	}
	pool_init(&pool, routes, n);
	c = cands_build(&pool, summaries, m, &nc);
	for (i = 0; i < nc && pool.alive > cap; i++)
		pool_apply(&pool, &c[i].p);
	pool_result(&pool, cap, out);
	free(c);
	free(pool.v);
	return out->ndropped > 0 ? -1 : 0;
}

void
summary_fit_fini(struct summary_fit_out *out)
{
	free(out->v);
	free(out->notes);
	memset(out, 0, sizeof(*out));
}

size_t
summary_note_print(const struct summary_note *note, size_t cap,
    const char *peer, char *buf, size_t size)
{
	char p[PREFIX_STRLEN], by[PREFIX_STRLEN];
	int n;

	prefix_print(&note->prefix, p, sizeof(p));
	if (note->why == SUMMARY_COVERED)
		n = snprintf(buf, size, "%s covered by summary %s", p,
		    prefix_print(&note->by, by, sizeof(by)));
	else
		n = snprintf(buf, size,
		    "%s exceeds cap %zu of peer %s after summarisation", p,
		    cap, peer);
	return n < 0 ? 0 : (size_t)n;
}
