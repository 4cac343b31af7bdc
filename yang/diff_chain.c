/*
 * What a configuration change does to one attach point's policy chain
 * (yang/diff.h, diff_chain()): the chain's policies are followed by name
 * through call-policy in the old and the new configuration side by side;
 * a policy must be equal (diff_eq_policy(): statements, conditions with
 * their set names, actions) and so must every set it names, except prefix
 * sets, whose differing entries are collected as prefix ranges. A route
 * whose membership in a prefix set changed matches an entry that is in one
 * version of the set and not in the other, so only routes covered by such
 * an entry's prefix can be treated differently by the new chain; and not
 * even those when the other version's entries match every route the entry
 * does (entry_covered()).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/diff.h"
#include "yang/diff_eq.h"

/* The walk: policy names met so far (borrowed from the new config). */
struct dc {
	const struct config *o, *n;
	const char **seen;
	size_t nseen;
	struct prefix **ranges;
	size_t *nranges;
	enum diff_chain_kind kind;
};

static bool
dc_seen(struct dc *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nseen; i++)
		if (strcmp(x->seen[i], name) == 0)
			return true;
	x->seen = xrealloc(x->seen, (x->nseen + 1) * sizeof(*x->seen));
	x->seen[x->nseen++] = name;
	return false;
}

static bool
entry_in(const struct config_prefix_entry *e, const struct config_prefix_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (prefix_eq(&e->prefix, &s->v[i].prefix) &&
		    e->len_lower == s->v[i].len_lower &&
		    e->len_upper == s->v[i].len_upper)
			return true;
	return false;
}

/* A mask length interval [lo, hi]. */
struct dc_len {
	uint8_t lo, hi;
};

static int
dc_len_cmp(const void *x, const void *y)
{
	const struct dc_len *a = x, *b = y;

	return (int)a->lo - (int)b->lo;
}

/*
 * Whether every route e matches (covered by e's prefix, length in
 * e's range) is matched by an entry of s as well. Exact for the entries
 * of s whose prefix covers e's (their length ranges must together cover
 * e's); entries more specific than e's prefix, which could cover it only
 * jointly, are not considered (false: sound, merely coarse).
 */
static bool
entry_covered(const struct config_prefix_entry *e,
    const struct config_prefix_set *s)
{
	struct dc_len *v;
	unsigned lo = e->len_lower > e->prefix.len ? e->len_lower :
	    e->prefix.len;
	size_t i, n = 0;

	v = xcalloc(s->n ? s->n : 1, sizeof(*v));
	for (i = 0; i < s->n; i++)
		if (prefix_contains(&s->v[i].prefix, &e->prefix) &&
		    s->v[i].len_upper >= lo &&
		    s->v[i].len_lower <= e->len_upper) {
			v[n].lo = s->v[i].len_lower;
			v[n++].hi = s->v[i].len_upper;
		}
	qsort(v, n, sizeof(*v), dc_len_cmp);
	for (i = 0; i < n && lo <= e->len_upper; i++) {
		if (v[i].lo > lo)
			break;		/* a gap: length lo is not covered */
		if (v[i].hi >= lo)
			lo = v[i].hi + 1u;
	}
	free(v);
	return lo > e->len_upper;
}

/* Above this many entry comparisons, a changed set is not refined. */
#define DC_REFINE_MAX (1u << 22)

/*
 * Append the prefixes of a's entries that b lacks, unless b matches every
 * route such an entry matches anyway (then no route leaves or joins the
 * set through it: an entry 10.0.0.0/8 le 32 added to a set holding
 * 0.0.0.0/0 le 32 changes nothing). A route whose membership changed is
 * in one version of the set and not the other, so it is matched by an
 * entry of that version that the other version does not cover: by one of
 * the prefixes appended by dc_ranges(a, b) or dc_ranges(b, a). Each
 * prefix is appended once.
 */
static void
dc_ranges(struct dc *x, const struct config_prefix_set *a,
    const struct config_prefix_set *b)
{
	bool refine = (uint64_t)a->n * b->n <= DC_REFINE_MAX;
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		if (entry_in(&a->v[i], b) ||
		    (refine && entry_covered(&a->v[i], b)))
			continue;
		for (j = 0; j < *x->nranges; j++)
			if (prefix_eq(&(*x->ranges)[j], &a->v[i].prefix))
				break;
		if (j < *x->nranges)
			continue;
		*x->ranges = xrealloc(*x->ranges, (*x->nranges + 1) *
		    sizeof(**x->ranges));
		(*x->ranges)[(*x->nranges)++] = a->v[i].prefix;
	}
}

/* A prefix set named in both versions: equal, or its ranges collected. */
static void
dc_pset(struct dc *x, const char *name)
{
	const struct config_prefix_set *a, *b;

	if (name == NULL)
		return;
	a = config_prefix_set_lookup(x->o, name);
	b = config_prefix_set_lookup(x->n, name);
	if (a == NULL || b == NULL || a->mode != b->mode) {
		x->kind = DIFF_CHAIN_ANY;
		return;
	}
	if (diff_eq_prefix_set(a, b))
		return;
	dc_ranges(x, a, b);
	dc_ranges(x, b, a);
	if (x->kind == DIFF_CHAIN_SAME)
		x->kind = DIFF_CHAIN_PSETS;
}

/* Whether the set name of kind refers to equal sets in both versions. */
static bool
dc_set_eq(const struct dc *x, enum diff_kind kind, const char *name)
{
	const void *a, *b;

	if (name == NULL)
		return true;
	switch (kind) {
	case DIFF_NEIGHBOR_SET:
		a = config_neighbor_set_lookup(x->o, name);
		b = config_neighbor_set_lookup(x->n, name);
		return a != NULL && b != NULL && diff_eq_neighbor_set(a, b);
	case DIFF_LINK_SET:
		a = config_link_set_lookup(x->o, name);
		b = config_link_set_lookup(x->n, name);
		return a != NULL && b != NULL && diff_eq_link_set(a, b);
	case DIFF_AS_PATH_SET:
		a = config_as_path_set_lookup(x->o, name);
		b = config_as_path_set_lookup(x->n, name);
		return a != NULL && b != NULL && diff_eq_as_path_set(a, b);
	default:
		break;
	}
	return false;
}

static bool
dc_comm_eq(const struct dc *x, enum config_comm_kind k, const char *name)
{
	const struct config_community_set *a, *b;

	if (name == NULL)
		return true;
	a = config_community_set_lookup(x->o, k, name);
	b = config_community_set_lookup(x->n, k, name);
	return a != NULL && b != NULL && diff_eq_community_set(a, b);
}

/* The sets one statement names (equal names in both versions). */
static void
dc_statement(struct dc *x, const struct config_statement *st)
{
	const struct config_conditions *c = &st->conditions;
	const struct config_actions *a = &st->actions;

	dc_pset(x, c->prefix_set.set);
	if (!dc_set_eq(x, DIFF_NEIGHBOR_SET, c->neighbor_set.set) ||
	    !dc_set_eq(x, DIFF_LINK_SET, c->link_set.set) ||
	    !dc_set_eq(x, DIFF_AS_PATH_SET, c->as_path_set.set) ||
	    !dc_comm_eq(x, CONFIG_COMM_STANDARD, c->community_set.set) ||
	    !dc_comm_eq(x, CONFIG_COMM_LARGE, c->large_community_set.set) ||
	    !dc_comm_eq(x, CONFIG_COMM_EXT, c->ext_community_set.set) ||
	    !dc_comm_eq(x, CONFIG_COMM_STANDARD, a->set_community.set_ref) ||
	    !dc_comm_eq(x, CONFIG_COMM_LARGE, a->set_large_community.set_ref) ||
	    !dc_comm_eq(x, CONFIG_COMM_EXT, a->set_ext_community.set_ref))
		x->kind = DIFF_CHAIN_ANY;
}

/* One policy of the chain and, depth first, the policies it calls. */
static void
dc_policy(struct dc *x, const char *name)
{
	const struct config_policy *a, *b;
	size_t i;

	if (x->kind == DIFF_CHAIN_ANY || dc_seen(x, name))
		return;
	a = config_policy_lookup(x->o, name);
	b = config_policy_lookup(x->n, name);
	if (a == NULL || b == NULL || !diff_eq_policy(a, b)) {
		x->kind = DIFF_CHAIN_ANY;
		return;
	}
	for (i = 0; i < b->n_statements && x->kind != DIFF_CHAIN_ANY; i++) {
		dc_statement(x, &b->statements[i]);
		if (b->statements[i].conditions.call_policy != NULL)
			dc_policy(x, b->statements[i].conditions.call_policy);
	}
}

static bool
chain_names_eq(const struct config_names *a, const struct config_names *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

enum diff_chain_kind
diff_chain(const struct diff_chain_side *o, const struct diff_chain_side *n,
    bool export, struct prefix **ranges, size_t *nranges)
{
	static const struct config_apply_policy empty;
	const struct config_apply_policy *ao = o->ap ? o->ap : &empty;
	const struct config_apply_policy *an = n->ap ? n->ap : &empty;
	const struct config_names *na = export ? &ao->export_policy :
	    &ao->import_policy;
	const struct config_names *nb = export ? &an->export_policy :
	    &an->import_policy;
	struct dc x = { .o = o->cfg, .n = n->cfg, .ranges = ranges,
	    .nranges = nranges, .kind = DIFF_CHAIN_SAME };
	size_t i, n0 = *nranges;

	if (o->profile != n->profile || !chain_names_eq(na, nb) ||
	    (export ? ao->default_export != an->default_export :
	    ao->default_import != an->default_import))
		return DIFF_CHAIN_ANY;
	for (i = 0; i < nb->n && x.kind != DIFF_CHAIN_ANY; i++)
		dc_policy(&x, nb->v[i]);
	free(x.seen);
	if (x.kind == DIFF_CHAIN_ANY)
		*nranges = n0;	/* what was collected means nothing */
	return x.kind;
}
