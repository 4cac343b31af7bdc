/*
 * Validation beyond YANG, policy and BGP part (yang/validate.h): every
 * policy chain and set reference resolves (YANG leafrefs already ensure it
 * for loaded data; this keeps hand-built configs honest), no import chain
 * holds a summarize action (export only), call-policy never forms a
 * cycle, prefix-set entries are consistent, and BGP neighbours agree with
 * the global instance; a dx-public neighbour (an AWS public VIF, SPEC 2.2)
 * has a region and is external. Gateway attachments: their import chain
 * runs on the routes the gateway originates from them (policy/origin.h),
 * so it is checked like any import chain; there is no BGP session to an
 * attachment, so an export-policy or a default-export-policy reject-route
 * there would do nothing and is refused. The intent part is
 * validate_intent.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/derive.h"
#include "yang/validate.h"

#define PATH_MAX_LEN 512
#define RP_PATH "/crossroute-routing-policy:routing-policy"
#define PD_PATH RP_PATH "/policy-definitions/policy-definition[name='%s']"
#define ST_PATH PD_PATH "/statements/statement[name='%s']"
#define NB_PATH "/crossroute-bgp:bgp/neighbors/neighbor[neighbor-address='%s']"

static void
chain_check(const struct config *c, const struct config_names *chain,
    const char *base, const char *leaf, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i;

	for (i = 0; i < chain->n; i++) {
		if (config_policy_lookup(c, chain->v[i]) != NULL)
			continue;
		snprintf(p, sizeof(p), "%s/apply-policy/%s", base, leaf);
		cfgerr_add(err, p, "policy '%s' is not defined", chain->v[i]);
	}
}

/*
 * SPEC 3.3: summarize and set-intent are export actions (what we send);
 * refuse them in an import chain.
 */
static void
import_summarize_check(const struct config *c, const struct config_names *chain,
    const char *base, struct cfgerr *err)
{
	const struct config_policy *pol;
	const struct config_actions *a;
	char p[PATH_MAX_LEN];
	size_t i, j;

	for (i = 0; i < chain->n; i++) {
		pol = config_policy_lookup(c, chain->v[i]);
		for (j = 0; pol != NULL && j < pol->n_statements; j++) {
			a = &pol->statements[j].actions;
			if (!a->summarize.present && a->intent == 0)
				continue;
			snprintf(p, sizeof(p), "%s/apply-policy/import-policy",
			    base);
			cfgerr_add(err, p, "policy '%s' statement '%s' has a "
			    "%s action, which is export only",
			    pol->name, pol->statements[j].name,
			    a->summarize.present ? "summarize" : "set-intent");
			break;
		}
	}
}

static void
apply_check(const struct config *c, const struct config_apply_policy *ap,
    const char *base, struct cfgerr *err)
{
	chain_check(c, &ap->import_policy, base, "import-policy", err);
	chain_check(c, &ap->export_policy, base, "export-policy", err);
	import_summarize_check(c, &ap->import_policy, base, err);
}

/*
 * An attachment's export side: nothing is ever sent to an attachment
 * (policy/origin.h), so a policy there would silently do nothing.
 */
static void
attachment_export_check(const struct config_apply_policy *ap,
    const char *base, struct cfgerr *err)
{
	char p[PATH_MAX_LEN + 192];

	if (ap->export_policy.n > 0) {
		snprintf(p, sizeof(p), "%s/apply-policy/export-policy", base);
		cfgerr_add(err, p, "an attachment has no BGP session: an "
		    "export-policy here would have no effect (attach export "
		    "policies to the gateway, the interconnect or a link)");
	}
	if (ap->default_export != CONFIG_ACCEPT_ROUTE) {
		snprintf(p, sizeof(p), "%s/apply-policy/default-export-policy",
		    base);
		cfgerr_add(err, p, "an attachment has no BGP session: "
		    "reject-route here would have no effect");
	}
}

/*
 * Every attachment of g: its import chain (applied to the routes the
 * gateway originates from it) like any import chain; its export side
 * refused.
 */
static void
attachments_check(const struct config *c, const struct config_gateway *g,
    const char *gbase, struct cfgerr *err)
{
	char base[PATH_MAX_LEN + 128];
	size_t i;

	for (i = 0; i < g->n_attachments; i++) {
		const struct config_attachment *at = &g->attachments[i];

		snprintf(base, sizeof(base),
		    "%s/attachments/attachment[name='%s']", gbase, at->name);
		chain_check(c, &at->apply_policy.import_policy, base,
		    "import-policy", err);
		import_summarize_check(c, &at->apply_policy.import_policy,
		    base, err);
		attachment_export_check(&at->apply_policy, base, err);
	}
}

/* Depth-first walk of call-policy edges; state 1 = on stack, 2 = done. */
static bool
call_cycle(const struct config *c, size_t i, unsigned char *state)
{
	const struct config_policy *pd = &c->policy.policies[i];
	const struct config_policy *callee;
	size_t j;

	if (state[i] == 1)
		return true;
	if (state[i] == 2)
		return false;
	state[i] = 1;
	for (j = 0; j < pd->n_statements; j++) {
		const char *cp = pd->statements[j].conditions.call_policy;

		if (cp == NULL || (callee = config_policy_lookup(c, cp)) == NULL)
			continue;
		if (call_cycle(c, (size_t)(callee - c->policy.policies), state))
			return true;
	}
	state[i] = 2;
	return false;
}

static void
cycles_check(const struct config *c, struct cfgerr *err)
{
	size_t n = c->policy.n_policies, i;
	unsigned char *state;
	char p[PATH_MAX_LEN];

	for (i = 0; i < n; i++) {
		state = xcalloc(n ? n : 1, 1);
		if (call_cycle(c, i, state)) {
			snprintf(p, sizeof(p), PD_PATH,
			    c->policy.policies[i].name);
			cfgerr_add(err, p, "call-policy forms a cycle through policy '%s'",
			    c->policy.policies[i].name);
		}
		free(state);
	}
}

/* One set reference of a statement; ok says whether it resolved. */
static void
ref_check(bool ok, const char *name, const char *what, const char *stpath,
    const char *leaf, struct cfgerr *err)
{
	char p[PATH_MAX_LEN + 128];

	if (name == NULL || ok)
		return;
	snprintf(p, sizeof(p), "%s/%s", stpath, leaf);
	cfgerr_add(err, p, "%s '%s' is not defined", what, name);
}

/* Does the set of kind (a config_comm_kind, or -1 for as-path) exist? */
static bool
cset_is_defined(const struct config *c, int kind, const char *name)
{
	if (name == NULL)
		return true;
	if (kind < 0)
		return config_as_path_set_lookup(c, name) != NULL;
	return config_community_set_lookup(c, (enum config_comm_kind)kind,
	    name) != NULL;
}

static void
conditions_refs(const struct config *c, const struct config_conditions *cd,
    const char *stpath, struct cfgerr *err)
{
	const char *cp = cd->call_policy;
	const char *ps = cd->prefix_set.set, *ns = cd->neighbor_set.set;
	const char *ls = cd->link_set.set;

	ref_check(cp == NULL || config_policy_lookup(c, cp) != NULL, cp,
	    "policy", stpath, "conditions/call-policy", err);
	ref_check(ps == NULL || config_prefix_set_lookup(c, ps) != NULL, ps,
	    "prefix-set", stpath, "conditions/match-prefix-set/prefix-set",
	    err);
	ref_check(ns == NULL || config_neighbor_set_lookup(c, ns) != NULL, ns,
	    "neighbor-set", stpath,
	    "conditions/match-neighbor-set/neighbor-set", err);
	ref_check(ls == NULL || config_link_set_lookup(c, ls) != NULL, ls,
	    "link-set", stpath,
	    "conditions/crossroute-interconnect:match-link-set/link-set", err);
	ref_check(cset_is_defined(c, CONFIG_COMM_STANDARD,
	    cd->community_set.set), cd->community_set.set, "community-set",
	    stpath, "conditions/bgp-conditions/match-community-set/community-set",
	    err);
	ref_check(cset_is_defined(c, CONFIG_COMM_LARGE,
	    cd->large_community_set.set), cd->large_community_set.set,
	    "large-community-set", stpath,
	    "conditions/bgp-conditions/match-large-community-set/large-community-set",
	    err);
	ref_check(cset_is_defined(c, CONFIG_COMM_EXT,
	    cd->ext_community_set.set), cd->ext_community_set.set,
	    "ext-community-set", stpath,
	    "conditions/bgp-conditions/match-ext-community-set/ext-community-set",
	    err);
	ref_check(cset_is_defined(c, -1, cd->as_path_set.set),
	    cd->as_path_set.set, "as-path-set", stpath,
	    "conditions/bgp-conditions/match-as-path-set/as-path-set", err);
}

static void
actions_refs(const struct config *c, const struct config_actions *a,
    const char *stpath, struct cfgerr *err)
{
	const char *r1 = a->set_community.set_ref;
	const char *r2 = a->set_large_community.set_ref;
	const char *r3 = a->set_ext_community.set_ref;

	ref_check(cset_is_defined(c, CONFIG_COMM_STANDARD, r1), r1,
	    "community-set", stpath,
	    "actions/bgp-actions/set-community/community-set-ref", err);
	ref_check(cset_is_defined(c, CONFIG_COMM_LARGE, r2), r2,
	    "large-community-set", stpath,
	    "actions/bgp-actions/set-large-community/community-set-ref", err);
	ref_check(cset_is_defined(c, CONFIG_COMM_EXT, r3), r3,
	    "ext-community-set", stpath,
	    "actions/bgp-actions/set-ext-community/community-set-ref", err);
}

/* Every link of every link-set names an existing interconnect link. */
static void
link_sets_check(const struct config *c, struct cfgerr *err)
{
	const struct config_interconnect *ic;
	char p[PATH_MAX_LEN];
	size_t i, j, k;

	for (i = 0; i < c->policy.n_link_sets; i++) {
		const struct config_link_set *ls = &c->policy.link_sets[i];

		for (j = 0; j < ls->n_links; j++) {
			const struct config_link_ref *r = &ls->links[j];

			ic = config_interconnect_lookup(c, r->interconnect);
			for (k = 0; ic != NULL && k < ic->n_links; k++)
				if (ic->links[k].id == r->link_id)
					break;
			if (ic != NULL && k < ic->n_links)
				continue;
			snprintf(p, sizeof(p), RP_PATH "/defined-sets/crossroute-interconnect:link-sets/link-set[name='%s']/link[interconnect='%s'][id='%u']",
			    ls->name, r->interconnect, r->link_id);
			cfgerr_add(err, p, "interconnect '%s' has no link %u",
			    r->interconnect, r->link_id);
		}
	}
}

static void
policies_check(const struct config *c, struct cfgerr *err)
{
	char p[PATH_MAX_LEN];
	size_t i, j;

	for (i = 0; i < c->policy.n_policies; i++) {
		const struct config_policy *pd = &c->policy.policies[i];

		for (j = 0; j < pd->n_statements; j++) {
			snprintf(p, sizeof(p), ST_PATH, pd->name,
			    pd->statements[j].name);
			conditions_refs(c, &pd->statements[j].conditions, p,
			    err);
			actions_refs(c, &pd->statements[j].actions, p, err);
		}
	}
	cycles_check(c, err);
}

static void
psets_check(const struct config *c, struct cfgerr *err)
{
	char p[PATH_MAX_LEN], buf[PREFIX_STRLEN];
	size_t i, j;

	for (i = 0; i < c->policy.n_prefix_sets; i++) {
		const struct config_prefix_set *ps = &c->policy.prefix_sets[i];

		for (j = 0; j < ps->n; j++) {
			const struct config_prefix_entry *e = &ps->v[j];

			if (e->len_lower >= e->prefix.len &&
			    e->len_lower <= e->len_upper &&
			    e->len_upper <= prefix_maxlen(e->prefix.afi))
				continue;
			snprintf(p, sizeof(p), RP_PATH "/defined-sets/prefix-sets/prefix-set[name='%s']/prefixes/prefix[ip-prefix='%s'][mask-length-lower='%u'][mask-length-upper='%u']",
			    ps->name, prefix_print(&e->prefix, buf, sizeof(buf)),
			    e->len_lower, e->len_upper);
			cfgerr_add(err, p, "mask length range %u..%u is not within %u..%u",
			    e->len_lower, e->len_upper, e->prefix.len,
			    prefix_maxlen(e->prefix.afi));
		}
	}
}

/* Is a one of the two hosts (explicit or derived) of subnet sub? */
static bool
is_link_host(const struct addr *a, const struct prefix *sub,
    const struct addr *ha, const struct addr *hb)
{
	struct addr h;

	if (sub->afi != a->afi)
		return false;
	if (ha->afi != 0)
		h = *ha;
	else
		derive_host(sub, 0, &h);
	if (addr_eq(a, &h))
		return true;
	if (hb->afi != 0)
		h = *hb;
	else
		derive_host(sub, 1, &h);
	return addr_eq(a, &h);
}

/*
 * The link whose session uses address a (a configured neighbour must not
 * collide with a derived one), or NULL; *ic_out names its interconnect.
 */
static const struct config_link *
link_of_addr(const struct config *c, const struct addr *a,
    const struct config_interconnect **ic_out)
{
	size_t i, j;

	for (i = 0; i < c->n_interconnects; i++) {
		const struct config_interconnect *ic = &c->interconnects[i];

		for (j = 0; j < ic->n_links; j++) {
			const struct config_link *l = &ic->links[j];

			if (!is_link_host(a, &l->ipv4_subnet, &l->ipv4_a,
			    &l->ipv4_b) && !is_link_host(a, &l->ipv6_subnet,
			    &l->ipv6_a, &l->ipv6_b))
				continue;
			*ic_out = ic;
			return l;
		}
	}
	return NULL;
}

static void
neighbors_check(const struct config *c, struct cfgerr *err)
{
	const struct config_interconnect *ic;
	const struct config_link *l;
	char p[PATH_MAX_LEN + 32], a[ADDR_STRLEN], base[PATH_MAX_LEN];
	size_t i;

	for (i = 0; i < c->bgp.n_neighbors; i++) {
		const struct config_neighbor *nb = &c->bgp.neighbors[i];

		snprintf(base, sizeof(base), NB_PATH,
		    addr_print(&nb->address, a, sizeof(a)));
		apply_check(c, &nb->apply_policy, base, err);
		if (nb->local_address.afi != 0 &&
		    nb->local_address.afi != nb->address.afi) {
			snprintf(p, sizeof(p), "%s/local-address", base);
			cfgerr_add(err, p, "local-address family differs from the neighbor address");
		}
		if (nb->ttl_security && nb->ttl != 1) {
			snprintf(p, sizeof(p), "%s/ttl/ttl", base);
			cfgerr_add(err, p, "ttl cannot be set together with ttl-security");
		}
		if ((l = link_of_addr(c, &nb->address, &ic)) != NULL)
			cfgerr_add(err, base, "address belongs to link %u of interconnect '%s'",
			    l->id, ic->name);
	}
}

/*
 * SPEC 2.2 public VIF: its scope communities and the 7224:8x00 it is sent
 * are relative to its region, so a dx-public neighbour without one is an
 * error (every regional route would go nowhere), not a warning; a region
 * on another profile is fine (it is a destination of scoped routes). A
 * public VIF is an eBGP session with AWS.
 */
static void
public_check(const struct config *c, struct cfgerr *err)
{
	char p[PATH_MAX_LEN + 32], a[ADDR_STRLEN], base[PATH_MAX_LEN];
	size_t i;

	for (i = 0; i < c->bgp.n_neighbors; i++) {
		const struct config_neighbor *nb = &c->bgp.neighbors[i];

		if (nb->profile != CONFIG_PROFILE_DX_PUBLIC)
			continue;
		snprintf(base, sizeof(base), NB_PATH,
		    addr_print(&nb->address, a, sizeof(a)));
		if (nb->region == NULL) {
			snprintf(p, sizeof(p), "%s/region", base);
			cfgerr_add(err, p, "a dx-public neighbor needs the region of its location (its 7224:9100/9200 scope and the 7224:8100/8200 it is sent are relative to it)");
		}
		if (nb->remote_as == c->bgp.asn) {
			snprintf(p, sizeof(p), "%s/peer-as", base);
			cfgerr_add(err, p, "a dx-public neighbor is an external peer: peer-as must differ from the global as");
		}
	}
}

static void
intent_refs_check(const struct config *c, struct cfgerr *err)
{
	char base[PATH_MAX_LEN];
	size_t i, j;

	for (i = 0; i < c->n_gateways; i++) {
		const struct config_gateway *g = &c->gateways[i];

		snprintf(base, sizeof(base),
		    "/crossroute-interconnect:gateways/gateway[name='%s']",
		    g->name);
		apply_check(c, &g->apply_policy, base, err);
		attachments_check(c, g, base, err);
	}
	for (i = 0; i < c->n_interconnects; i++) {
		const struct config_interconnect *ic = &c->interconnects[i];

		snprintf(base, sizeof(base),
		    "/crossroute-interconnect:interconnects/interconnect[name='%s']",
		    ic->name);
		apply_check(c, &ic->apply_policy, base, err);
		for (j = 0; j < ic->n_links; j++) {
			char lb[PATH_MAX_LEN + 32];

			snprintf(lb, sizeof(lb), "%s/links/link[id='%u']", base,
			    ic->links[j].id);
			apply_check(c, &ic->links[j].apply_policy, lb, err);
		}
	}
}

int
validate_config(const struct config *c, struct cfgerr *err)
{
	size_t before = err->n;

	psets_check(c, err);
	link_sets_check(c, err);
	policies_check(c, err);
	neighbors_check(c, err);
	public_check(c, err);
	intent_refs_check(c, err);
	validate_intent(c, err);
	return err->n == before ? 0 : -1;
}
