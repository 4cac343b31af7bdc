/*
 * Configuration diff (yang/diff.h). Named objects are matched by name,
 * compared with yang/diff_eq.c, and reported added, removed or changed.
 * A policy is "affected" when it changed, references a changed set, or
 * calls an affected policy (to a fixed point); every neighbour, gateway or
 * interconnect whose policy chain holds an affected policy is reported
 * changed with DIFF_F_POLICY so that the speaker re-evaluates its routes;
 * a gateway whose attachment chains hold one, with DIFF_F_ATTACH (only
 * its originated routes are re-evaluated).
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/diff.h"
#include "yang/diff_eq.h"

static enum diff_action neighbor_action(uint32_t what);

/* A named array: every named config struct starts with char *name. */
struct named {
	const void *base;
	size_t n;
	size_t size;
};

static const char *
named_name(const struct named *a, size_t i)
{
	const char *p = (const char *)a->base + i * a->size;

	return *(const char *const *)(const void *)p;
}

static const void *
named_find(const struct named *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!strcmp(named_name(a, i), name))
			return (const char *)a->base + i * a->size;
	return NULL;
}

static struct diff_entry *
entry_add(struct diff *d, enum diff_kind kind, enum diff_op op,
    const char *name)
{
	struct diff_entry *e;

	d->v = xrealloc(d->v, (d->n + 1) * sizeof(*d->v));
	e = &d->v[d->n++];
	e->kind = kind;
	e->op = op;
	e->name = xstrdup(name);
	e->action = DIFF_ACT_SOFT;
	e->what = 0;
	return e;
}

static void
named_diff(struct diff *d, enum diff_kind kind, const struct named *o,
    const struct named *n, bool (*eq)(const void *, const void *))
{
	const void *x;
	size_t i;

	for (i = 0; i < o->n; i++) {
		x = named_find(n, named_name(o, i));
		if (x == NULL)
			entry_add(d, kind, DIFF_REMOVED, named_name(o, i));
		else if (!eq((const char *)o->base + i * o->size, x))
			entry_add(d, kind, DIFF_CHANGED, named_name(o, i));
	}
	for (i = 0; i < n->n; i++)
		if (named_find(o, named_name(n, i)) == NULL)
			entry_add(d, kind, DIFF_ADDED, named_name(n, i));
}

#define NAMED(arr, cnt) \
	{ (arr), (cnt), sizeof(*(arr)) }

static void
sets_diff(struct diff *d, const struct config_routing_policy *o,
    const struct config_routing_policy *n)
{
	struct named a, b;

	a = (struct named)NAMED(o->prefix_sets, o->n_prefix_sets);
	b = (struct named)NAMED(n->prefix_sets, n->n_prefix_sets);
	named_diff(d, DIFF_PREFIX_SET, &a, &b, diff_eq_prefix_set);
	a = (struct named)NAMED(o->neighbor_sets, o->n_neighbor_sets);
	b = (struct named)NAMED(n->neighbor_sets, n->n_neighbor_sets);
	named_diff(d, DIFF_NEIGHBOR_SET, &a, &b, diff_eq_neighbor_set);
	a = (struct named)NAMED(o->link_sets, o->n_link_sets);
	b = (struct named)NAMED(n->link_sets, n->n_link_sets);
	named_diff(d, DIFF_LINK_SET, &a, &b, diff_eq_link_set);
	a = (struct named)NAMED(o->community_sets, o->n_community_sets);
	b = (struct named)NAMED(n->community_sets, n->n_community_sets);
	named_diff(d, DIFF_COMMUNITY_SET, &a, &b, diff_eq_community_set);
	a = (struct named)NAMED(o->large_community_sets,
	    o->n_large_community_sets);
	b = (struct named)NAMED(n->large_community_sets,
	    n->n_large_community_sets);
	named_diff(d, DIFF_LARGE_COMMUNITY_SET, &a, &b,
	    diff_eq_community_set);
	a = (struct named)NAMED(o->ext_community_sets,
	    o->n_ext_community_sets);
	b = (struct named)NAMED(n->ext_community_sets,
	    n->n_ext_community_sets);
	named_diff(d, DIFF_EXT_COMMUNITY_SET, &a, &b, diff_eq_community_set);
	a = (struct named)NAMED(o->as_path_sets, o->n_as_path_sets);
	b = (struct named)NAMED(n->as_path_sets, n->n_as_path_sets);
	named_diff(d, DIFF_AS_PATH_SET, &a, &b, diff_eq_as_path_set);
	a = (struct named)NAMED(o->policies, o->n_policies);
	b = (struct named)NAMED(n->policies, n->n_policies);
	named_diff(d, DIFF_POLICY, &a, &b, diff_eq_policy);
}

static bool
set_changed(const struct diff *d, enum diff_kind kind, const char *name)
{
	return name != NULL && diff_lookup(d, kind, name) != NULL;
}

/* Does statement st reference a changed set or an affected policy? */
static bool
statement_affected(const struct diff *d, const struct config *n,
    const bool *aff, const struct config_statement *st)
{
	const struct config_conditions *c = &st->conditions;
	const struct config_actions *a = &st->actions;
	const struct config_policy *cp;

	if (c->call_policy != NULL) {
		cp = config_policy_lookup(n, c->call_policy);
		if (cp == NULL || aff[cp - n->policy.policies])
			return true;
	}
	return set_changed(d, DIFF_PREFIX_SET, c->prefix_set.set) ||
	    set_changed(d, DIFF_NEIGHBOR_SET, c->neighbor_set.set) ||
	    set_changed(d, DIFF_LINK_SET, c->link_set.set) ||
	    set_changed(d, DIFF_COMMUNITY_SET, c->community_set.set) ||
	    set_changed(d, DIFF_LARGE_COMMUNITY_SET,
	    c->large_community_set.set) ||
	    set_changed(d, DIFF_EXT_COMMUNITY_SET, c->ext_community_set.set) ||
	    set_changed(d, DIFF_AS_PATH_SET, c->as_path_set.set) ||
	    set_changed(d, DIFF_COMMUNITY_SET, a->set_community.set_ref) ||
	    set_changed(d, DIFF_LARGE_COMMUNITY_SET,
	    a->set_large_community.set_ref) ||
	    set_changed(d, DIFF_EXT_COMMUNITY_SET,
	    a->set_ext_community.set_ref);
}

/* Mark every policy of n that is affected; returns an owned flag array. */
static bool *
affected_policies(const struct diff *d, const struct config *n)
{
	size_t np = n->policy.n_policies, i, j;
	bool *aff = xcalloc(np ? np : 1, sizeof(*aff));
	bool more = true;

	while (more) {
		more = false;
		for (i = 0; i < np; i++) {
			const struct config_policy *pd = &n->policy.policies[i];

			if (aff[i])
				continue;
			aff[i] = diff_lookup(d, DIFF_POLICY, pd->name) != NULL;
			for (j = 0; !aff[i] && j < pd->n_statements; j++)
				aff[i] = statement_affected(d, n, aff,
				    &pd->statements[j]);
			more |= aff[i];
		}
	}
	return aff;
}

static bool
names_affected(const struct config *n, const bool *aff,
    const struct config_names *chain)
{
	const struct config_policy *pd;
	size_t i;

	for (i = 0; i < chain->n; i++) {
		pd = config_policy_lookup(n, chain->v[i]);
		if (pd == NULL || aff[pd - n->policy.policies])
			return true;
	}
	return false;
}

static bool
apply_affected(const struct config *n, const bool *aff,
    const struct config_apply_policy *ap)
{
	return names_affected(n, aff, &ap->import_policy) ||
	    names_affected(n, aff, &ap->export_policy);
}

/*
 * What of gateway g holds an affected policy: DIFF_F_POLICY for its own
 * chain (the sessions'), DIFF_F_ATTACH for an attachment's (originated
 * routes only); 0 for none.
 */
static uint32_t
gateway_affected(const struct config *n, const bool *aff,
    const struct config_gateway *g)
{
	uint32_t w = 0;
	size_t i;

	if (apply_affected(n, aff, &g->apply_policy))
		w |= DIFF_F_POLICY;
	for (i = 0; i < g->n_attachments; i++)
		if (apply_affected(n, aff, &g->attachments[i].apply_policy)) {
			w |= DIFF_F_ATTACH;
			break;
		}
	return w;
}

static bool
interconnect_affected(const struct config *n, const bool *aff,
    const struct config_interconnect *ic)
{
	size_t i;

	if (apply_affected(n, aff, &ic->apply_policy))
		return true;
	for (i = 0; i < ic->n_links; i++)
		if (apply_affected(n, aff, &ic->links[i].apply_policy))
			return true;
	return false;
}

/* Record a policy-only change of an attach point (SOFT), bits what. */
static void
policy_touch(struct diff *d, enum diff_kind kind, const char *name,
    uint32_t what)
{
	struct diff_entry *e;
	size_t i;

	for (i = 0; i < d->n; i++) {
		e = &d->v[i];
		if (e->kind == kind && !strcmp(e->name, name)) {
			e->what |= what;
			return;
		}
	}
	entry_add(d, kind, DIFF_CHANGED, name)->what = what;
}

enum diff_action
diff_neighbor_action(const struct config_neighbor *a,
    const struct config_neighbor *b, uint32_t *what)
{
	uint32_t w = diff_eq_neighbor(a, b);

	if (what != NULL)
		*what = w;
	return neighbor_action(w);
}

static enum diff_action
neighbor_action(uint32_t what)
{
	if (what & (DIFF_F_ASN | DIFF_F_MD5 | DIFF_F_AFI | DIFF_F_TRANSPORT |
	    DIFF_F_TIMERS | DIFF_F_GR))
		return DIFF_ACT_RESET;
	if (what & (DIFF_F_POLICY | DIFF_F_PREFIX_LIMIT | DIFF_F_PROFILE))
		return DIFF_ACT_SOFT;
	return DIFF_ACT_NONE;
}

static void
neighbors_diff(struct diff *d, const struct config *o, const struct config *n,
    const bool *aff)
{
	const struct config_neighbor *x, *y;
	char buf[ADDR_STRLEN];
	struct diff_entry *e;
	uint32_t w;
	size_t i;

	for (i = 0; i < o->bgp.n_neighbors; i++) {
		x = &o->bgp.neighbors[i];
		addr_print(&x->address, buf, sizeof(buf));
		y = config_neighbor_lookup(n, &x->address);
		if (y == NULL) {
			entry_add(d, DIFF_NEIGHBOR, DIFF_REMOVED, buf);
			continue;
		}
		w = diff_eq_neighbor(x, y);
		if (apply_affected(n, aff, &y->apply_policy))
			w |= DIFF_F_POLICY;
		if (w == 0)
			continue;
		e = entry_add(d, DIFF_NEIGHBOR, DIFF_CHANGED, buf);
		e->what = w;
		e->action = neighbor_action(w);
	}
	for (i = 0; i < n->bgp.n_neighbors; i++) {
		y = &n->bgp.neighbors[i];
		if (config_neighbor_lookup(o, &y->address) == NULL)
			entry_add(d, DIFF_NEIGHBOR, DIFF_ADDED,
			    addr_print(&y->address, buf, sizeof(buf)));
	}
}

static void
global_diff(struct diff *d, const struct config_bgp *o,
    const struct config_bgp *n)
{
	struct diff_entry *e;

	if (o->present != n->present) {
		entry_add(d, DIFF_BGP_GLOBAL, n->present ? DIFF_ADDED :
		    DIFF_REMOVED, "global")->action = DIFF_ACT_RESET;
		return;
	}
	if (o->asn == n->asn && o->router_id == n->router_id &&
	    o->max_paths == n->max_paths)
		return;
	e = entry_add(d, DIFF_BGP_GLOBAL, DIFF_CHANGED, "global");
	if (o->asn != n->asn || o->router_id != n->router_id) {
		/* Both are sent in every OPEN: all sessions restart. */
		e->what = DIFF_F_ASN;
		e->action = DIFF_ACT_RESET;
	} else
		e->what = DIFF_F_OTHER;
}

static const struct config_aggregate *
aggregate_find(const struct config_bgp *b, const struct prefix *p)
{
	size_t i;

	for (i = 0; i < b->n_aggregates; i++)
		if (prefix_eq(&b->aggregates[i].prefix, p))
			return &b->aggregates[i];
	return NULL;
}

static void
aggregates_diff(struct diff *d, const struct config_bgp *o,
    const struct config_bgp *n)
{
	const struct config_aggregate *x, *y;
	char buf[PREFIX_STRLEN];
	size_t i;

	for (i = 0; i < o->n_aggregates; i++) {
		x = &o->aggregates[i];
		y = aggregate_find(n, &x->prefix);
		prefix_print(&x->prefix, buf, sizeof(buf));
		if (y == NULL)
			entry_add(d, DIFF_AGGREGATE, DIFF_REMOVED, buf);
		else if (x->mode != y->mode || x->as_set != y->as_set)
			entry_add(d, DIFF_AGGREGATE, DIFF_CHANGED, buf);
	}
	for (i = 0; i < n->n_aggregates; i++) {
		y = &n->aggregates[i];
		if (aggregate_find(o, &y->prefix) == NULL)
			entry_add(d, DIFF_AGGREGATE, DIFF_ADDED,
			    prefix_print(&y->prefix, buf, sizeof(buf)));
	}
}

/* Gateways by name, a changed one with what differs in it. */
static void
gateways_diff(struct diff *d, const struct config *o, const struct config *n,
    const bool *aff)
{
	const struct config_gateway *x, *y;
	uint32_t w;
	size_t i;

	for (i = 0; i < o->n_gateways; i++) {
		x = &o->gateways[i];
		y = config_gateway_lookup(n, x->name);
		if (y == NULL) {
			entry_add(d, DIFF_GATEWAY, DIFF_REMOVED, x->name);
			continue;
		}
		w = diff_eq_gateway_what(x, y) | gateway_affected(n, aff, y);
		if (w != 0)
			policy_touch(d, DIFF_GATEWAY, y->name, w);
	}
	for (i = 0; i < n->n_gateways; i++)
		if (config_gateway_lookup(o, n->gateways[i].name) == NULL)
			entry_add(d, DIFF_GATEWAY, DIFF_ADDED,
			    n->gateways[i].name);
}

static void
intent_diff(struct diff *d, const struct config *o, const struct config *n,
    const bool *aff)
{
	struct named a, b;
	size_t i;

	gateways_diff(d, o, n, aff);
	a = (struct named)NAMED(o->interconnects, o->n_interconnects);
	b = (struct named)NAMED(n->interconnects, n->n_interconnects);
	named_diff(d, DIFF_INTERCONNECT, &a, &b, diff_eq_interconnect);
	for (i = 0; i < n->n_interconnects; i++)
		if (config_interconnect_lookup(o,
		    n->interconnects[i].name) != NULL &&
		    interconnect_affected(n, aff, &n->interconnects[i]))
			policy_touch(d, DIFF_INTERCONNECT,
			    n->interconnects[i].name, DIFF_F_POLICY);
}

static int
entry_cmp(const void *va, const void *vb)
{
	const struct diff_entry *a = va, *b = vb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->name, b->name);
}

struct diff *
diff_new(const struct config *old, const struct config *new)
{
	struct diff *d = xcalloc(1, sizeof(*d));
	struct config *empty = config_new();
	bool *aff;

	if (old == NULL)
		old = empty;
	if (new == NULL)
		new = empty;
	global_diff(d, &old->bgp, &new->bgp);
	aggregates_diff(d, &old->bgp, &new->bgp);
	sets_diff(d, &old->policy, &new->policy);
	aff = affected_policies(d, new);
	neighbors_diff(d, old, new, aff);
	intent_diff(d, old, new, aff);
	free(aff);
	config_free(empty);
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), entry_cmp);
	return d;
}

bool
diff_sessions_global(const struct diff *d)
{
	const struct diff_entry *e;
	size_t i;

	for (i = 0; i < d->n; i++) {
		e = &d->v[i];
		if (e->kind == DIFF_BGP_GLOBAL || e->kind == DIFF_INTERCONNECT)
			return true;
		if (e->kind == DIFF_GATEWAY && (e->op != DIFF_CHANGED ||
		    e->what == 0 || (e->what & ~DIFF_F_ATTACH) != 0))
			return true;
	}
	return false;
}

void
diff_free(struct diff *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->v[i].name);
	free(d->v);
	free(d);
}

const struct diff_entry *
diff_lookup(const struct diff *d, enum diff_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i].kind == kind && !strcmp(d->v[i].name, name))
			return &d->v[i];
	return NULL;
}

const char *
diff_kind_name(enum diff_kind kind)
{
	static const char *const names[] = {
		"bgp-global", "neighbor", "aggregate", "prefix-set",
		"neighbor-set", "link-set", "community-set",
		"large-community-set", "ext-community-set", "as-path-set",
		"policy", "gateway", "interconnect",
	};

	return (unsigned)kind < sizeof(names) / sizeof(names[0]) ?
	    names[kind] : "?";
}

const char *
diff_op_name(enum diff_op op)
{
	return op == DIFF_ADDED ? "added" : op == DIFF_REMOVED ? "removed" :
	    "changed";
}

const char *
diff_action_name(enum diff_action a)
{
	return a == DIFF_ACT_RESET ? "reset" : a == DIFF_ACT_SOFT ? "soft" :
	    "none";
}
