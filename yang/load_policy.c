/*
 * Converter of /crossroute-routing-policy:routing-policy into struct
 * config_routing_policy: defined sets (prefix, neighbour, link, community,
 * large and extended community, AS-path) and policy definitions with their
 * ordered statements, conditions and actions (SPEC.md 3). Community members
 * that do not parse as values are kept as regular expressions and must
 * compile; inline communities of actions must be values except for remove.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/comm.h"
#include "yang/ly.h"

static void
pset_parse(const struct lyd_node *n, struct config_prefix_set *ps,
    struct cfgerr *err)
{
	const struct lyd_node *pfx = tree_child(n, "prefixes");
	const struct lyd_node *e;
	const char *mode = tree_str(n, "mode");
	size_t k = tree_count(pfx, "prefix");
	uint32_t v;

	ps->name = tree_strdup(n, "name");
	ps->mode = CONFIG_PSET_IPV4;
	if (mode != NULL && !strcmp(mode, "ipv6"))
		ps->mode = CONFIG_PSET_IPV6;
	else if (mode != NULL && !strcmp(mode, "mixed"))
		ps->mode = CONFIG_PSET_MIXED;
	ps->v = k ? xcalloc(k, sizeof(*ps->v)) : NULL;
	for (e = tree_child(pfx, "prefix"); e != NULL; e = tree_next(e)) {
		struct config_prefix_entry *pe = &ps->v[ps->n];

		if (prefix_parse(tree_str(e, "ip-prefix"), &pe->prefix,
		    false) != 0) {
			tree_err(err, e, "ip-prefix", "invalid prefix");
			continue;
		}
		tree_u32(e, "mask-length-lower", &v);
		pe->len_lower = (uint8_t)v;
		tree_u32(e, "mask-length-upper", &v);
		pe->len_upper = (uint8_t)v;
		ps->n++;
	}
}

static void
nset_parse(const struct lyd_node *n, struct config_neighbor_set *ns,
    struct cfgerr *err)
{
	const struct lyd_node *a;
	size_t k = tree_count(n, "address");

	ns->name = tree_strdup(n, "name");
	ns->v = k ? xcalloc(k, sizeof(*ns->v)) : NULL;
	for (a = tree_child(n, "address"); a != NULL; a = tree_next(a)) {
		if (addr_parse(tree_val(a), &ns->v[ns->n]) != 0) {
			tree_err(err, a, NULL, "invalid address");
			continue;
		}
		ns->n++;
	}
}

static void
lset_parse(const struct lyd_node *n, struct config_link_set *ls)
{
	const struct lyd_node *m;
	size_t k = tree_count(n, "link");
	uint32_t v = 0;

	ls->name = tree_strdup(n, "name");
	ls->links = k ? xcalloc(k, sizeof(*ls->links)) : NULL;
	for (m = tree_child(n, "link"); m != NULL; m = tree_next(m)) {
		struct config_link_ref *r = &ls->links[ls->n_links++];

		r->interconnect = tree_strdup(m, "interconnect");
		tree_u32(m, "id", &v);
		r->link_id = (uint8_t)v;
	}
	for (m = tree_child(n, "role"); m != NULL; m = tree_next(m))
		ls->roles |= !strcmp(tree_val(m), "draining") ?
		    CONFIG_LINK_ROLE_DRAINING : CONFIG_LINK_ROLE_MAINTENANCE;
	tree_names(n, "facility", &ls->facilities);
}

/*
 * Parse the leaf-list name of parent into communities of kind; members may
 * be regular expressions when allow_regex.
 */
static void
comms_parse(const struct lyd_node *parent, const char *name,
    enum config_comm_kind kind, bool allow_regex,
    struct config_community **v, size_t *n, struct cfgerr *err)
{
	const struct lyd_node *m;
	size_t k = tree_count(parent, name);

	*n = 0;
	*v = k ? xcalloc(k, sizeof(**v)) : NULL;
	for (m = tree_child(parent, name); m != NULL; m = tree_next(m)) {
		struct config_community *c = &(*v)[*n];

		if (comm_parse(kind, tree_val(m), c) != 0) {
			if (!allow_regex) {
				tree_err(err, m, NULL,
				    "'%s' is not a community value",
				    tree_val(m));
				continue;
			}
			if (!comm_regex_is_valid(tree_val(m), false)) {
				tree_err(err, m, NULL,
				    "'%s' is neither a community nor a valid regular expression",
				    tree_val(m));
				continue;
			}
			c->is_regex = true;
		}
		c->text = xstrdup(tree_val(m));
		(*n)++;
	}
}

static void
csets_parse(const struct lyd_node *bds, const char *cont, const char *item,
    enum config_comm_kind kind, struct config_community_set **v, size_t *n,
    struct cfgerr *err)
{
	const struct lyd_node *sets = tree_child(bds, cont);
	const struct lyd_node *m;
	size_t k = tree_count(sets, item);

	*n = 0;
	*v = k ? xcalloc(k, sizeof(**v)) : NULL;
	for (m = tree_child(sets, item); m != NULL; m = tree_next(m)) {
		struct config_community_set *cs = &(*v)[(*n)++];

		cs->name = tree_strdup(m, "name");
		cs->kind = kind;
		comms_parse(m, "member", kind, true, &cs->v, &cs->n, err);
	}
}

static void
aspath_sets_parse(const struct lyd_node *bds, struct config_routing_policy *p,
    struct cfgerr *err)
{
	const struct lyd_node *sets = tree_child(bds, "as-path-sets");
	const struct lyd_node *m, *r;
	size_t k = tree_count(sets, "as-path-set");

	p->as_path_sets = k ? xcalloc(k, sizeof(*p->as_path_sets)) : NULL;
	for (m = tree_child(sets, "as-path-set"); m != NULL; m = tree_next(m)) {
		struct config_as_path_set *as =
		    &p->as_path_sets[p->n_as_path_sets++];

		as->name = tree_strdup(m, "name");
		tree_names(m, "member", &as->members);
		for (r = tree_child(m, "member"); r != NULL; r = tree_next(r))
			if (!comm_regex_is_valid(tree_val(r), true))
				tree_err(err, r, NULL,
				    "'%s' is not a valid regular expression",
				    tree_val(r));
	}
}

static void
sets_parse(const struct lyd_node *ds, struct config_routing_policy *p,
    struct cfgerr *err)
{
	const struct lyd_node *c, *m;
	const struct lyd_node *bds = tree_child(ds, "bgp-defined-sets");
	size_t k;

	c = tree_child(ds, "prefix-sets");
	k = tree_count(c, "prefix-set");
	p->prefix_sets = k ? xcalloc(k, sizeof(*p->prefix_sets)) : NULL;
	for (m = tree_child(c, "prefix-set"); m != NULL; m = tree_next(m))
		pset_parse(m, &p->prefix_sets[p->n_prefix_sets++], err);
	c = tree_child(ds, "neighbor-sets");
	k = tree_count(c, "neighbor-set");
	p->neighbor_sets = k ? xcalloc(k, sizeof(*p->neighbor_sets)) : NULL;
	for (m = tree_child(c, "neighbor-set"); m != NULL; m = tree_next(m))
		nset_parse(m, &p->neighbor_sets[p->n_neighbor_sets++], err);
	c = tree_child(ds, "link-sets");
	k = tree_count(c, "link-set");
	p->link_sets = k ? xcalloc(k, sizeof(*p->link_sets)) : NULL;
	for (m = tree_child(c, "link-set"); m != NULL; m = tree_next(m))
		lset_parse(m, &p->link_sets[p->n_link_sets++]);
	csets_parse(bds, "community-sets", "community-set",
	    CONFIG_COMM_STANDARD, &p->community_sets, &p->n_community_sets,
	    err);
	csets_parse(bds, "large-community-sets", "large-community-set",
	    CONFIG_COMM_LARGE, &p->large_community_sets,
	    &p->n_large_community_sets, err);
	csets_parse(bds, "ext-community-sets", "ext-community-set",
	    CONFIG_COMM_EXT, &p->ext_community_sets,
	    &p->n_ext_community_sets, err);
	aspath_sets_parse(bds, p, err);
}

static enum config_match_opt
opt_of(const char *s)
{
	if (s != NULL && !strcmp(s, "all"))
		return CONFIG_MATCH_ALL;
	if (s != NULL && !strcmp(s, "invert"))
		return CONFIG_MATCH_INVERT;
	return CONFIG_MATCH_ANY;
}

/* A match-*-set container: the set reference leaf and its options. */
static void
matchset_parse(const struct lyd_node *parent, const char *cont,
    const char *leaf, struct config_match_set *ms)
{
	const struct lyd_node *c = tree_child(parent, cont);

	ms->set = tree_strdup(c, leaf);
	ms->opt = opt_of(tree_str(c, "match-set-options"));
}

static void
bgpcond_parse(const struct lyd_node *bc, struct config_conditions *cd)
{
	const struct lyd_node *apl = tree_child(bc, "as-path-length");
	const struct lyd_node *m;
	const char *s;

	matchset_parse(bc, "match-community-set", "community-set",
	    &cd->community_set);
	matchset_parse(bc, "match-large-community-set",
	    "large-community-set", &cd->large_community_set);
	matchset_parse(bc, "match-ext-community-set", "ext-community-set",
	    &cd->ext_community_set);
	matchset_parse(bc, "match-as-path-set", "as-path-set",
	    &cd->as_path_set);
	if (apl != NULL) {
		cd->has_as_path_length = true;
		s = tree_str(apl, "operator");
		cd->as_path_length_op = s == NULL ? CONFIG_CMP_EQ :
		    !strcmp(s, "attribute-ge") ? CONFIG_CMP_GE :
		    !strcmp(s, "attribute-le") ? CONFIG_CMP_LE : CONFIG_CMP_EQ;
		tree_u32(apl, "value", &cd->as_path_length);
	}
	tree_asns(bc, "asn-in-as-path", &cd->asn_in_as_path,
	    &cd->n_asn_in_as_path);
	cd->has_med_eq = tree_u32(bc, "med-eq", &cd->med_eq);
	cd->has_local_pref_eq = tree_u32(bc, "local-pref-eq",
	    &cd->local_pref_eq);
	s = tree_str(bc, "origin-eq");
	if (s != NULL) {
		cd->has_origin_eq = true;
		cd->origin_eq = !strcmp(s, "igp") ? 0 : !strcmp(s, "egp") ? 1 : 2;
	}
	for (m = tree_child(bc, "afi-safi-in"); m != NULL; m = tree_next(m))
		cd->afi_safi_in |= !strcmp(tree_val(m), "ipv6-unicast") ?
		    CONFIG_AF_IPV6_UNICAST : CONFIG_AF_IPV4_UNICAST;
	s = tree_str(bc, "route-type");
	if (s != NULL)
		cd->route_type = !strcmp(s, "internal") ? CONFIG_ROUTE_INTERNAL :
		    !strcmp(s, "external") ? CONFIG_ROUTE_EXTERNAL :
		    CONFIG_ROUTE_LOCAL;
}

static void
conditions_parse(const struct lyd_node *c, struct config_conditions *cd)
{
	cd->call_policy = tree_strdup(c, "call-policy");
	matchset_parse(c, "match-prefix-set", "prefix-set", &cd->prefix_set);
	matchset_parse(c, "match-neighbor-set", "neighbor-set",
	    &cd->neighbor_set);
	matchset_parse(c, "match-link-set", "link-set", &cd->link_set);
	bgpcond_parse(tree_child(c, "bgp-conditions"), cd);
}

static void
setcomm_parse(const struct lyd_node *ba, const char *cont,
    enum config_comm_kind kind, struct config_set_community *sc,
    struct cfgerr *err)
{
	const struct lyd_node *c = tree_child(ba, cont);
	const char *op;

	if (c == NULL)
		return;
	op = tree_str(c, "options");
	sc->op = op == NULL || !strcmp(op, "add") ? CONFIG_COMM_OP_ADD :
	    !strcmp(op, "remove") ? CONFIG_COMM_OP_REMOVE :
	    CONFIG_COMM_OP_REPLACE;
	sc->set_ref = tree_strdup(c, "community-set-ref");
	comms_parse(c, "communities", kind, sc->op == CONFIG_COMM_OP_REMOVE,
	    &sc->v, &sc->n, err);
}

static void
med_parse(const char *s, struct config_actions *a)
{
	if (s == NULL)
		return;
	a->med_op = s[0] == '+' ? CONFIG_MED_ADD : s[0] == '-' ?
	    CONFIG_MED_SUB : CONFIG_MED_SET;
	a->med = (uint32_t)strtoul(s[0] == '+' || s[0] == '-' ? s + 1 : s,
	    NULL, 10);
}

static void
bgpact_parse(const struct lyd_node *ba, struct config_actions *a,
    struct cfgerr *err)
{
	const struct lyd_node *pp = tree_child(ba, "set-as-path-prepend");
	const struct lyd_node *si = tree_child(ba, "set-intent");
	const struct lyd_node *rp = tree_child(ba, "replace-as-path");
	const char *nh = tree_str(ba, "set-next-hop");
	uint32_t v = 1;

	a->has_local_pref = tree_u32(ba, "set-local-pref", &a->local_pref);
	med_parse(tree_str(ba, "set-med"), a);
	if (si != NULL) {
		const char *in = tree_str(si, "intent"), *m = tree_str(si,
		    "method");

		a->intent = 1 + (in == NULL ? CONFIG_INTENT_NORMAL :
		    !strcmp(in, "prefer") ? CONFIG_INTENT_PREFER :
		    !strcmp(in, "depreference") ? CONFIG_INTENT_DEPREF :
		    CONFIG_INTENT_NORMAL);
		a->intent_by_prepend = m != NULL && !strcmp(m, "prepend");
	}
	if (pp != NULL) {
		a->has_prepend = true;
		tree_u32(pp, "asn", &a->prepend_asn);
		tree_u32(pp, "repeat-n", &v);
		a->prepend_repeat = (uint8_t)v;
	}
	tree_asns(ba, "remove-as-path-asn", &a->remove_asns,
	    &a->n_remove_asns);
	if (rp != NULL) {
		a->has_replace_as_path = true;
		tree_asns(rp, "asn", &a->replace_as_path,
		    &a->n_replace_as_path);
	}
	setcomm_parse(ba, "set-community", CONFIG_COMM_STANDARD,
	    &a->set_community, err);
	setcomm_parse(ba, "set-large-community", CONFIG_COMM_LARGE,
	    &a->set_large_community, err);
	setcomm_parse(ba, "set-ext-community", CONFIG_COMM_EXT,
	    &a->set_ext_community, err);
	if (nh != NULL && !strcmp(nh, "self"))
		a->next_hop_kind = CONFIG_NH_SELF;
	else if (nh != NULL) {
		a->next_hop_kind = CONFIG_NH_ADDRESS;
		if (addr_parse(nh, &a->next_hop) != 0)
			tree_err(err, ba, "set-next-hop", "invalid address");
	}
}

static void
actions_parse(const struct lyd_node *c, struct config_actions *a,
    struct cfgerr *err)
{
	const struct lyd_node *sm = tree_child(c, "summarize");
	const char *r = tree_str(c, "policy-result");

	if (r != NULL)
		a->result = !strcmp(r, "accept-route") ?
		    CONFIG_RESULT_ACCEPT : CONFIG_RESULT_REJECT;
	bgpact_parse(tree_child(c, "bgp-actions"), a, err);
	if (sm != NULL) {
		a->summarize.present = true;
		if (prefix_parse(tree_str(sm, "prefix"), &a->summarize.prefix,
		    false) != 0)
			tree_err(err, sm, "prefix", "invalid prefix");
		a->summarize.summary_only = tree_bool(sm, "summary-only",
		    false);
		a->summarize.as_set = tree_bool(sm, "as-set", false);
	}
}

static void
policy_parse(const struct lyd_node *n, struct config_policy *pd,
    struct cfgerr *err)
{
	const struct lyd_node *sts = tree_child(n, "statements");
	const struct lyd_node *m;
	size_t k = tree_count(sts, "statement");

	pd->name = tree_strdup(n, "name");
	pd->statements = k ? xcalloc(k, sizeof(*pd->statements)) : NULL;
	for (m = tree_child(sts, "statement"); m != NULL; m = tree_next(m)) {
		struct config_statement *st =
		    &pd->statements[pd->n_statements++];

		st->name = tree_strdup(m, "name");
		conditions_parse(tree_child(m, "conditions"), &st->conditions);
		actions_parse(tree_child(m, "actions"), &st->actions, err);
	}
}

void
load_policy_tree(const struct lyd_node *rp, struct config *c,
    struct cfgerr *err)
{
	const struct lyd_node *pds = tree_child(rp, "policy-definitions");
	const struct lyd_node *m;
	struct config_routing_policy *p = &c->policy;
	size_t k = tree_count(pds, "policy-definition");

	sets_parse(tree_child(rp, "defined-sets"), p, err);
	p->policies = k ? xcalloc(k, sizeof(*p->policies)) : NULL;
	for (m = tree_child(pds, "policy-definition"); m != NULL;
	    m = tree_next(m))
		policy_parse(m, &p->policies[p->n_policies++], err);
}
