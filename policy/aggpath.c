/*
 * The attribute algorithms of route aggregation (policy/aggregate.h): the
 * RFC 4271 9.2.2.2 AS_PATH aggregation (the minimum algorithm the RFC makes
 * mandatory: common leading tuples, the rest as an AS_SET, AS_SET
 * duplicates deleted, adjacent tuples of one type merged) and the sorted
 * union of community lists used with as-set. Pure functions over the
 * normalised encodings of lib/attr.h; results live in builder storage.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/xmalloc.h"
#include "policy/aggregate.h"

#define AGG_SEG_MAX 255			/* ASNs per segment (count is a u8) */

/* One <type, value> tuple of RFC 4271 9.2.2.2. */
struct agg_tuple {
	uint8_t type;			/* enum aspath_seg_type */
	uint32_t as;
};

struct agg_tuples {
	struct agg_tuple *v;
	size_t n, cap;
};

static void
tuples_push(struct agg_tuples *t, uint8_t type, uint32_t as)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].type = type;
	t->v[t->n].as = as;
	t->n++;
}

/* Replace t's contents by the tuples of path. */
static void
tuples_load(struct agg_tuples *t, struct bytes path)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	unsigned i;

	t->n = 0;
	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg))
		for (i = 0; i < seg.count; i++)
			tuples_push(t, seg.type, aspath_seg_as(&seg, i));
}

static bool
type_is_confed(uint8_t type)
{
	return type == ASPATH_CONFED_SEQUENCE || type == ASPATH_CONFED_SET;
}

static int
u32_qsort_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The common leading run of all paths (into lead, its length returned)
 * and the ASNs after it (into rest, sorted, duplicate-free); confed tuples
 * after the run are dropped and reported through *lost.
 */
static void
path_split(const struct bytes *paths, size_t n, struct agg_tuples *lead,
    uint32_t **rest, size_t *nrest, bool *lost)
{
	struct agg_tuples t = { NULL, 0, 0 };
	size_t i, j, cap = 0, k = 0;

	tuples_load(lead, paths[0]);
	for (i = 1; i < n; i++) {
		tuples_load(&t, paths[i]);
		for (j = 0; j < lead->n && j < t.n; j++)
			if (lead->v[j].type != t.v[j].type ||
			    lead->v[j].as != t.v[j].as)
				break;
		lead->n = j;
	}
	*rest = NULL;
	for (i = 0; i < n; i++) {
		tuples_load(&t, paths[i]);
		for (j = lead->n; j < t.n; j++) {
			if (type_is_confed(t.v[j].type)) {
				*lost = true;
				continue;
			}
			if (k == cap) {
				cap = cap ? cap * 2 : 32;
				*rest = xrealloc(*rest, cap * sizeof(**rest));
			}
			(*rest)[k++] = t.v[j].as;
		}
	}
	free(t.v);
	if (k > 1)
		qsort(*rest, k, sizeof(**rest), u32_qsort_cmp);
	for (i = 0, j = 0; i < k; i++)
		if (j == 0 || (*rest)[j - 1] != (*rest)[i])
			(*rest)[j++] = (*rest)[i];
	*nrest = j;
}

/* True if as is the value of a kept non-confed tuple of out. */
static bool
tuples_has(const struct agg_tuples *out, uint32_t as)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		if (out->v[i].as == as && !type_is_confed(out->v[i].type))
			return true;
	return false;
}

/* True if a later AS_SEQUENCE tuple of lead (from index i on) has as. */
static bool
lead_seq_has(const struct agg_tuples *lead, size_t i, uint32_t as)
{
	for (; i < lead->n; i++)
		if (lead->v[i].type == ASPATH_SEQUENCE && lead->v[i].as == as)
			return true;
	return false;
}

/* Write the tuples as segments, merging adjacent ones of one type. */
static struct bytes
tuples_encode(struct attr_builder *b, const struct agg_tuples *t)
{
	struct bytes v = { NULL, 0 };
	uint8_t *p, *cnt = NULL;
	uint32_t as;
	size_t i;

	if (t->n == 0)
		return v;
	p = attr_builder_alloc(b, t->n * 6);
	v.p = p;
	for (i = 0; i < t->n; i++) {
		if (cnt == NULL || t->v[i].type != t->v[i - 1].type ||
		    *cnt == AGG_SEG_MAX) {
			*p++ = t->v[i].type;
			cnt = p++;
			*cnt = 0;
		}
		as = t->v[i].as;
		p[0] = (uint8_t)(as >> 24);
		p[1] = (uint8_t)(as >> 16);
		p[2] = (uint8_t)(as >> 8);
		p[3] = (uint8_t)as;
		p += 4;
		(*cnt)++;
	}
	v.len = (size_t)(p - v.p);
	return v;
}

struct bytes
aggregate_aspath(struct attr_builder *b, const struct bytes *paths,
    size_t n, bool *lost)
{
	struct agg_tuples lead = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct bytes v = { NULL, 0 };
	uint32_t *rest;
	size_t nrest, i;

	*lost = false;
	if (n == 0)
		return v;
	path_split(paths, n, &lead, &rest, &nrest, lost);
	/* Of tuples sharing a value keep one, deleting AS_SET tuples. */
	for (i = 0; i < lead.n; i++) {
		if (lead.v[i].type == ASPATH_SET &&
		    (tuples_has(&out, lead.v[i].as) ||
		    lead_seq_has(&lead, i + 1, lead.v[i].as)))
			continue;
		tuples_push(&out, lead.v[i].type, lead.v[i].as);
	}
	for (i = 0; i < nrest; i++)
		if (!tuples_has(&out, rest[i]))
			tuples_push(&out, ASPATH_SET, rest[i]);
	v = tuples_encode(b, &out);
	free(lead.v);
	free(out.v);
	free(rest);
	return v;
}

static int
comm4_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 4);
}

static int
comm8_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 8);
}

static int
comm12_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 12);
}

struct bytes
aggregate_comm_union(struct attr_builder *b, const struct bytes *views,
    size_t n, size_t w)
{
	int (*cmp)(const void *, const void *) = w == 4 ? comm4_cmp :
	    w == 8 ? comm8_cmp : comm12_cmp;
	struct bytes v = { NULL, 0 };
	size_t i, total = 0, k;
	uint8_t *p;

	for (i = 0; i < n; i++)
		total += views[i].len - views[i].len % w;
	if (total == 0)
		return v;
	p = attr_builder_alloc(b, total);
	for (i = 0, total = 0; i < n; i++) {
		k = views[i].len - views[i].len % w;
		if (k)
			memcpy(p + total, views[i].p, k);
		total += k;
	}
	qsort(p, total / w, w, cmp);
	for (i = 0, k = 0; i < total; i += w)
		if (k == 0 || memcmp(p + k - w, p + i, w) != 0) {
			memmove(p + k, p + i, w);
			k += w;
		}
	v.p = p;
	v.len = k;
	return v;
}
