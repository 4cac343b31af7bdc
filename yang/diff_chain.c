/*
 * What a configuration change does to one attach point's policy chain
 * (yang/diff.h, diff_chain()): the chain's policies are followed by name
 * through call-policy in the old and the new configuration side by side;
 * a policy must be equal (diff_eq_policy(): statements, conditions with
 * their set names, actions) and so must every set it names, except prefix
 * sets, whose differing entries are collected as prefix ranges. A route
 * whose membership in a prefix set changed matches an entry that is in one
 * version of the set and not in the other, so only routes covered by such
 * an entry's prefix can be treated differently by the new chain.
 */
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

/* Append the prefixes of a's entries that b lacks. */
static void
dc_ranges(struct dc *x, const struct config_prefix_set *a,
    const struct config_prefix_set *b)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		if (entry_in(&a->v[i], b))
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
