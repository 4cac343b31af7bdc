/*
 * Life cycle and lookups of the plain configuration structs of yang/config.h:
 * allocation with defaults, the recursive free, and lookups by key. Knows
 * nothing of libyang or of the store; the conversion from a data tree lives
 * in yang/load.c.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/config.h"

static void names_fini(struct config_names *n);
static void apply_fini(struct config_apply_policy *ap);

struct config *
config_new(void)
{
	struct config *c = xcalloc(1, sizeof(*c));

	c->bgp.max_paths = CONFIG_MAX_PATHS;
	return c;
}

static void
names_fini(struct config_names *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		free(n->v[i]);
	free(n->v);
}

static void
apply_fini(struct config_apply_policy *ap)
{
	names_fini(&ap->import_policy);
	names_fini(&ap->export_policy);
}

static void
comms_free(struct config_community *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}

static void
bgp_fini(struct config_bgp *b)
{
	size_t i;

	for (i = 0; i < b->n_neighbors; i++) {
		struct config_neighbor *nb = &b->neighbors[i];

		free(nb->description);
		free(nb->md5_key);
		free(nb->region);
		free(nb->afi_safis);
		apply_fini(&nb->apply_policy);
	}
	free(b->neighbors);
	free(b->aggregates);
}

static void
commsets_free(struct config_community_set *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		comms_free(v[i].v, v[i].n);
	}
	free(v);
}

static void
setcomm_fini(struct config_set_community *s)
{
	free(s->set_ref);
	comms_free(s->v, s->n);
}

static void
statement_fini(struct config_statement *st)
{
	struct config_conditions *c = &st->conditions;
	struct config_actions *a = &st->actions;

	free(st->name);
	free(c->call_policy);
	free(c->prefix_set.set);
	free(c->neighbor_set.set);
	free(c->link_set.set);
	free(c->community_set.set);
	free(c->large_community_set.set);
	free(c->ext_community_set.set);
	free(c->as_path_set.set);
	free(c->asn_in_as_path);
	free(a->remove_asns);
	free(a->replace_as_path);
	setcomm_fini(&a->set_community);
	setcomm_fini(&a->set_large_community);
	setcomm_fini(&a->set_ext_community);
}

static void
sets_fini(struct config_routing_policy *p)
{
	size_t i, j;

	for (i = 0; i < p->n_prefix_sets; i++) {
		free(p->prefix_sets[i].name);
		free(p->prefix_sets[i].v);
	}
	free(p->prefix_sets);
	for (i = 0; i < p->n_neighbor_sets; i++) {
		free(p->neighbor_sets[i].name);
		free(p->neighbor_sets[i].v);
	}
	free(p->neighbor_sets);
	for (i = 0; i < p->n_link_sets; i++) {
		struct config_link_set *ls = &p->link_sets[i];

		free(ls->name);
		for (j = 0; j < ls->n_links; j++)
			free(ls->links[j].interconnect);
		free(ls->links);
		names_fini(&ls->facilities);
	}
	free(p->link_sets);
	commsets_free(p->community_sets, p->n_community_sets);
	commsets_free(p->large_community_sets, p->n_large_community_sets);
	commsets_free(p->ext_community_sets, p->n_ext_community_sets);
	for (i = 0; i < p->n_as_path_sets; i++) {
		free(p->as_path_sets[i].name);
		names_fini(&p->as_path_sets[i].members);
	}
	free(p->as_path_sets);
}

static void
policy_fini(struct config_routing_policy *p)
{
	size_t i, j;

	sets_fini(p);
	for (i = 0; i < p->n_policies; i++) {
		struct config_policy *pd = &p->policies[i];

		for (j = 0; j < pd->n_statements; j++)
			statement_fini(&pd->statements[j]);
		free(pd->statements);
		free(pd->name);
	}
	free(p->policies);
}

static void
gateway_fini(struct config_gateway *g)
{
	size_t i;

	for (i = 0; i < g->n_attachments; i++) {
		struct config_attachment *at = &g->attachments[i];

		free(at->name);
		free(at->region);
		free(at->prefixes);
		free(at->allowed_prefixes);
		free(at->advertised_ranges);
		apply_fini(&at->apply_policy);
	}
	free(g->attachments);
	apply_fini(&g->apply_policy);
	free(g->name);
}

static void
interconnect_fini(struct config_interconnect *ic)
{
	size_t i;

	for (i = 0; i < ic->n_links; i++) {
		struct config_link *l = &ic->links[i];

		free(l->facility);
		free(l->device_a);
		free(l->device_b);
		free(l->md5_key);
		apply_fini(&l->apply_policy);
	}
	free(ic->links);
	free(ic->custom_learned);
	apply_fini(&ic->apply_policy);
	free(ic->name);
	free(ic->gateway_a);
	free(ic->router_b);
	free(ic->environment);
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	bgp_fini(&c->bgp);
	policy_fini(&c->policy);
	for (i = 0; i < c->n_gateways; i++)
		gateway_fini(&c->gateways[i]);
	free(c->gateways);
	for (i = 0; i < c->n_interconnects; i++)
		interconnect_fini(&c->interconnects[i]);
	free(c->interconnects);
	free(c);
}

/*
 * Find the element named name in an array of n structs of size sz whose
 * first member is the char *name. Every named config struct is laid out so.
 */
static const void *
byname(const void *base, size_t n, size_t sz, const char *name)
{
	const char *p = base;
	size_t i;

	for (i = 0; i < n; i++, p += sz) {
		const char *const *nm = (const char *const *)(const void *)p;

		if (*nm != NULL && name != NULL && !strcmp(*nm, name))
			return p;
	}
	return NULL;
}

const struct config_policy *
config_policy_lookup(const struct config *c, const char *name)
{
	return byname(c->policy.policies, c->policy.n_policies,
	    sizeof(struct config_policy), name);
}

const struct config_gateway *
config_gateway_lookup(const struct config *c, const char *name)
{
	return byname(c->gateways, c->n_gateways,
	    sizeof(struct config_gateway), name);
}

const struct config_interconnect *
config_interconnect_lookup(const struct config *c, const char *name)
{
	return byname(c->interconnects, c->n_interconnects,
	    sizeof(struct config_interconnect), name);
}

const struct config_neighbor *
config_neighbor_lookup(const struct config *c, const struct addr *a)
{
	size_t i;

	for (i = 0; i < c->bgp.n_neighbors; i++)
		if (addr_eq(&c->bgp.neighbors[i].address, a))
			return &c->bgp.neighbors[i];
	return NULL;
}

const struct config_prefix_set *
config_prefix_set_lookup(const struct config *c, const char *name)
{
	return byname(c->policy.prefix_sets, c->policy.n_prefix_sets,
	    sizeof(struct config_prefix_set), name);
}

const struct config_neighbor_set *
config_neighbor_set_lookup(const struct config *c, const char *name)
{
	return byname(c->policy.neighbor_sets, c->policy.n_neighbor_sets,
	    sizeof(struct config_neighbor_set), name);
}

const struct config_link_set *
config_link_set_lookup(const struct config *c, const char *name)
{
	return byname(c->policy.link_sets, c->policy.n_link_sets,
	    sizeof(struct config_link_set), name);
}

const struct config_community_set *
config_community_set_lookup(const struct config *c, enum config_comm_kind kind,
    const char *name)
{
	const struct config_routing_policy *p = &c->policy;

	switch (kind) {
	case CONFIG_COMM_STANDARD:
		return byname(p->community_sets, p->n_community_sets,
		    sizeof(struct config_community_set), name);
	case CONFIG_COMM_LARGE:
		return byname(p->large_community_sets,
		    p->n_large_community_sets,
		    sizeof(struct config_community_set), name);
	case CONFIG_COMM_EXT:
		return byname(p->ext_community_sets, p->n_ext_community_sets,
		    sizeof(struct config_community_set), name);
	}
	return NULL;
}

const struct config_as_path_set *
config_as_path_set_lookup(const struct config *c, const char *name)
{
	return byname(c->policy.as_path_sets, c->policy.n_as_path_sets,
	    sizeof(struct config_as_path_set), name);
}
