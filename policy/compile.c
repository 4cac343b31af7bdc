/*
 * Configuration -> evaluation form. Three passes over struct
 * config_routing_policy: (1) every defined set is compiled into its matcher
 * (prefix trie, community hash + regex, AS-path regex, id bitmap) in arrays
 * parallel to the config's; (2) every policy is created empty, so call-policy
 * can point at any of them; (3) statements are translated condition by
 * condition and action by action. A depth-first walk over the call graph then
 * refuses cycles. The first error stops compilation and frees everything.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/capfit.h"
#include "policy/compile.h"

struct cctx {
	const struct config *c;
	const struct config_routing_policy *rp;
	const struct compile_env *env;
	struct policy_db *db;
	struct compile_err *err;
	struct pset **ps;
	struct cset **cs[3];		/* indexed by enum config_comm_kind */
	struct aset **as;
	struct pol_idset **ns, **ls;
	const char *pol, *stmt;		/* where we are, for messages */
};

static int
cerr(struct cctx *x, const char *fmt, ...)
{
	va_list ap;
	size_t n = 0;

	if (x->pol)
		n = (size_t)snprintf(x->err->msg, sizeof(x->err->msg),
		    "policy \"%s\" statement \"%s\": ", x->pol,
		    x->stmt ? x->stmt : "");
	if (n >= sizeof(x->err->msg))
		return -1;
	va_start(ap, fmt);
	vsnprintf(x->err->msg + n, sizeof(x->err->msg) - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* ----- pass 1: defined sets ----- */

static int
compile_pset(struct cctx *x, const struct config_prefix_set *cs,
    struct pset **out)
{
	struct pset *s = policy_db_take_pset(x->db, pset_new());
	const struct config_prefix_entry *e;
	char buf[PREFIX_STRLEN];
	size_t i;

	*out = s;
	for (i = 0; i < cs->n; i++) {
		e = &cs->v[i];
		if ((cs->mode == CONFIG_PSET_IPV4 &&
		    e->prefix.afi != AFI_IPV4) ||
		    (cs->mode == CONFIG_PSET_IPV6 &&
		    e->prefix.afi != AFI_IPV6))
			return cerr(x, "prefix-set \"%s\": %s does not fit "
			    "its mode", cs->name, prefix_print(&e->prefix, buf,
			    sizeof(buf)));
		if (pset_add(s, &e->prefix, e->len_lower, e->len_upper) < 0)
			return cerr(x, "prefix-set \"%s\": %s bad mask-length "
			    "range %u..%u", cs->name, prefix_print(&e->prefix,
			    buf, sizeof(buf)), e->len_lower, e->len_upper);
	}
	pset_build(s);
	return 0;
}

static enum ctext_kind
ckind(enum config_comm_kind k)
{
	return k == CONFIG_COMM_LARGE ? CTEXT_LARGE : k == CONFIG_COMM_EXT ?
	    CTEXT_EXT : CTEXT_STD;
}

/* Add one config community (literal or regex) to s. */
static int
cset_add_config(struct cctx *x, struct cset *s,
    const struct config_community *m, const char *what)
{
	uint8_t v[12];
	char re[128];

	if (m->is_regex) {
		if (cset_add_text(s, m->text, re, sizeof(re)) < 0)
			return cerr(x, "%s: regex \"%s\": %s", what, m->text,
			    re);
		return 0;
	}
	switch (cset_kind(s)) {
	case CTEXT_STD:
		ctext_put32(v, m->val.std);
		break;
	case CTEXT_LARGE:
		ctext_put32(v, m->val.large[0]);
		ctext_put32(v + 4, m->val.large[1]);
		ctext_put32(v + 8, m->val.large[2]);
		break;
	default:
		memcpy(v, m->val.ext, 8);
		break;
	}
	cset_add(s, v);
	return 0;
}

static int
compile_csets(struct cctx *x, const struct config_community_set *v, size_t n,
    enum config_comm_kind k)
{
	char what[160];
	size_t i, j;

	x->cs[k] = xcalloc(n ? n : 1, sizeof(*x->cs[k]));
	for (i = 0; i < n; i++) {
		x->cs[k][i] = policy_db_take_cset(x->db, cset_new(ckind(k)));
		snprintf(what, sizeof(what), "community-set \"%s\"", v[i].name);
		for (j = 0; j < v[i].n; j++)
			if (cset_add_config(x, x->cs[k][i], &v[i].v[j], what))
				return -1;
	}
	return 0;
}

static int
compile_aset(struct cctx *x, const struct config_as_path_set *cs,
    struct aset **out)
{
	struct aset *s = policy_db_take_aset(x->db, aset_new());
	char re[128];
	size_t i;

	*out = s;
	for (i = 0; i < cs->members.n; i++)
		if (aset_add(s, cs->members.v[i], re, sizeof(re)) < 0)
			return cerr(x, "as-path-set \"%s\": regex \"%s\": %s",
			    cs->name, cs->members.v[i], re);
	return 0;
}

static bool
default_peer_id(const struct config *c, const struct addr *a, uint32_t *id)
{
	size_t i;

	for (i = 0; i < c->bgp.n_neighbors; i++) {
		if (addr_eq(&c->bgp.neighbors[i].address, a)) {
			*id = (uint32_t)i;
			return true;
		}
	}
	return false;
}

static struct pol_idset *
compile_nset(struct cctx *x, const struct config_neighbor_set *cs)
{
	struct pol_idset *s = policy_db_take_idset(x->db, policy_idset_new());
	uint32_t id;
	size_t i;
	bool ok;

	for (i = 0; i < cs->n; i++) {
		ok = x->env && x->env->peer_id ?
		    x->env->peer_id(x->env->ctx, &cs->v[i], &id) :
		    default_peer_id(x->c, &cs->v[i], &id);
		if (ok)
			policy_idset_add(s, id);
	}
	return s;
}

static bool
link_id(struct cctx *x, const char *ic, uint8_t link, uint32_t *id)
{
	if (x->env && x->env->link_id)
		return x->env->link_id(x->env->ctx, ic, link, id);
	return compile_link_id(x->c, ic, link, id);
}

static int
compile_lset(struct cctx *x, const struct config_link_set *cs,
    struct pol_idset **out)
{
	struct pol_idset *s = policy_db_take_idset(x->db, policy_idset_new());
	const struct config_interconnect *ic;
	uint32_t id;
	size_t i, j, k;

	*out = s;
	for (i = 0; i < cs->n_links; i++) {
		if (!link_id(x, cs->links[i].interconnect, cs->links[i].link_id,
		    &id))
			return cerr(x, "link-set \"%s\": no link %u on "
			    "interconnect \"%s\"", cs->name,
			    cs->links[i].link_id, cs->links[i].interconnect);
		policy_idset_add(s, id);
	}
	for (i = 0; i < x->c->n_interconnects; i++) {
		ic = &x->c->interconnects[i];
		for (j = 0; j < ic->n_links; j++)
			for (k = 0; k < cs->facilities.n; k++)
				if (ic->links[j].facility && strcmp(
				    ic->links[j].facility,
				    cs->facilities.v[k]) == 0 &&
				    link_id(x, ic->name, ic->links[j].id, &id))
					policy_idset_add(s, id);
	}
	s->roles = (cs->roles & CONFIG_LINK_ROLE_DRAINING ?
	    POL_LINK_DRAINING : 0) | (cs->roles & CONFIG_LINK_ROLE_MAINTENANCE ?
	    POL_LINK_MAINTENANCE : 0);
	return 0;
}

static int
compile_sets(struct cctx *x)
{
	const struct config_routing_policy *rp = x->rp;
	size_t i;

	x->ps = xcalloc(rp->n_prefix_sets + 1, sizeof(*x->ps));
	x->as = xcalloc(rp->n_as_path_sets + 1, sizeof(*x->as));
	x->ns = xcalloc(rp->n_neighbor_sets + 1, sizeof(*x->ns));
	x->ls = xcalloc(rp->n_link_sets + 1, sizeof(*x->ls));
	for (i = 0; i < rp->n_prefix_sets; i++)
		if (compile_pset(x, &rp->prefix_sets[i], &x->ps[i]))
			return -1;
	if (compile_csets(x, rp->community_sets, rp->n_community_sets,
	    CONFIG_COMM_STANDARD) || compile_csets(x, rp->large_community_sets,
	    rp->n_large_community_sets, CONFIG_COMM_LARGE) ||
	    compile_csets(x, rp->ext_community_sets, rp->n_ext_community_sets,
	    CONFIG_COMM_EXT))
		return -1;
	for (i = 0; i < rp->n_as_path_sets; i++)
		if (compile_aset(x, &rp->as_path_sets[i], &x->as[i]))
			return -1;
	for (i = 0; i < rp->n_neighbor_sets; i++)
		x->ns[i] = compile_nset(x, &rp->neighbor_sets[i]);
	for (i = 0; i < rp->n_link_sets; i++)
		if (compile_lset(x, &rp->link_sets[i], &x->ls[i]))
			return -1;
	return 0;
}

/* ----- pass 3: statements ----- */

/* Index of the element named name in an array of structs whose first member
 * is the char *name; -1 when absent. */
static long
find_name(const void *v, size_t n, size_t size, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(*(char *const *)(const void *)((const char *)v +
		    i * size), name) == 0)
			return (long)i;
	return -1;
}

#define FIND(arr, n, name) find_name((arr), (n), sizeof(*(arr)), (name))

static int
set_opt(struct cctx *x, const struct config_match_set *m, bool all_ok,
    const char *what, struct pol_cond *c)
{
	if (m->opt == CONFIG_MATCH_ALL && !all_ok)
		return cerr(x, "%s \"%s\": match-set-options ALL is not "
		    "allowed", what, m->set);
	c->opt = m->opt == CONFIG_MATCH_ALL ? POL_MATCH_ALL :
	    m->opt == CONFIG_MATCH_INVERT ? POL_MATCH_INVERT : POL_MATCH_ANY;
	return 0;
}

/* Resolve a set reference of a condition; -1 (error set) when unknown. */
static long
ref(struct cctx *x, long i, const char *what, const char *name)
{
	if (i < 0)
		cerr(x, "%s \"%s\" is not defined", what, name);
	return i;
}

static int
cond_comm(struct cctx *x, struct pol_stmt *st, const struct config_match_set *m,
    enum config_comm_kind k)
{
	static const char *const what[] = { "community-set",
		"large-community-set", "ext-community-set" };
	static const uint8_t type[] = { POL_C_COMM_SET, POL_C_LCOMM_SET,
		POL_C_ECOMM_SET };
	const struct config_community_set *v[] = { x->rp->community_sets,
		x->rp->large_community_sets, x->rp->ext_community_sets };
	const size_t n[] = { x->rp->n_community_sets,
		x->rp->n_large_community_sets, x->rp->n_ext_community_sets };
	struct pol_cond *c;
	long i;

	if (m->set == NULL)
		return 0;
	if ((i = ref(x, FIND(v[k], n[k], m->set), what[k], m->set)) < 0)
		return -1;
	c = policy_add_cond(st, (enum pol_cond_type)type[k]);
	c->cset = x->cs[k][i];
	return set_opt(x, m, true, what[k], c);
}

static int
cond_sets(struct cctx *x, struct pol_stmt *st,
    const struct config_conditions *cc)
{
	const struct config_routing_policy *rp = x->rp;
	struct pol_cond *c;
	long i;

	if (cond_comm(x, st, &cc->community_set, CONFIG_COMM_STANDARD) ||
	    cond_comm(x, st, &cc->large_community_set, CONFIG_COMM_LARGE) ||
	    cond_comm(x, st, &cc->ext_community_set, CONFIG_COMM_EXT))
		return -1;
	if (cc->prefix_set.set) {
		if ((i = ref(x, FIND(rp->prefix_sets, rp->n_prefix_sets,
		    cc->prefix_set.set), "prefix-set", cc->prefix_set.set)) < 0)
			return -1;
		c = policy_add_cond(st, POL_C_PREFIX_SET);
		c->pset = x->ps[i];
		if (set_opt(x, &cc->prefix_set, false, "prefix-set", c))
			return -1;
	}
	if (cc->neighbor_set.set) {
		if ((i = ref(x, FIND(rp->neighbor_sets, rp->n_neighbor_sets,
		    cc->neighbor_set.set), "neighbor-set",
		    cc->neighbor_set.set)) < 0)
			return -1;
		c = policy_add_cond(st, POL_C_NEIGHBOR_SET);
		c->ids = x->ns[i];
		if (set_opt(x, &cc->neighbor_set, false, "neighbor-set", c))
			return -1;
	}
	if (cc->link_set.set) {
		if ((i = ref(x, FIND(rp->link_sets, rp->n_link_sets,
		    cc->link_set.set), "link-set", cc->link_set.set)) < 0)
			return -1;
		c = policy_add_cond(st, POL_C_LINK_SET);
		c->ids = x->ls[i];
		if (set_opt(x, &cc->link_set, false, "link-set", c))
			return -1;
	}
	return 0;
}

static uint32_t *
dup_u32s(struct cctx *x, const uint32_t *v, size_t n)
{
	uint32_t *d = xcalloc(n ? n : 1, sizeof(*d));

	if (n)
		memcpy(d, v, n * sizeof(*d));
	return policy_db_take_u32s(x->db, d);
}

static int
cond_bgp(struct cctx *x, struct pol_stmt *st,
    const struct config_conditions *cc)
{
	struct pol_cond *c;
	long i;

	if (cc->as_path_set.set) {
		if ((i = ref(x, FIND(x->rp->as_path_sets, x->rp->n_as_path_sets,
		    cc->as_path_set.set), "as-path-set",
		    cc->as_path_set.set)) < 0)
			return -1;
		c = policy_add_cond(st, POL_C_ASPATH_SET);
		c->aset = x->as[i];
		if (set_opt(x, &cc->as_path_set, true, "as-path-set", c))
			return -1;
	}
	if (cc->has_as_path_length) {
		c = policy_add_cond(st, POL_C_ASPATH_LEN);
		c->opt = cc->as_path_length_op == CONFIG_CMP_GE ? POL_CMP_GE :
		    cc->as_path_length_op == CONFIG_CMP_LE ? POL_CMP_LE :
		    POL_CMP_EQ;
		c->value = cc->as_path_length;
	}
	if (cc->n_asn_in_as_path) {
		c = policy_add_cond(st, POL_C_ASN_IN_PATH);
		c->asns = dup_u32s(x, cc->asn_in_as_path, cc->n_asn_in_as_path);
		c->nasns = cc->n_asn_in_as_path;
	}
	if (cc->has_med_eq)
		policy_add_cond(st, POL_C_MED_EQ)->value = cc->med_eq;
	if (cc->has_local_pref_eq)
		policy_add_cond(st, POL_C_LOCAL_PREF_EQ)->value =
		    cc->local_pref_eq;
	if (cc->has_origin_eq)
		policy_add_cond(st, POL_C_ORIGIN_EQ)->value = cc->origin_eq;
	return 0;
}

static void
cond_misc(struct pol_stmt *st, const struct config_conditions *cc)
{
	struct pol_cond *c;

	if (cc->afi_safi_in) {
		c = policy_add_cond(st, POL_C_AFI_SAFI_IN);
		if (cc->afi_safi_in & CONFIG_AF_IPV4_UNICAST)
			c->afisafi |= POL_AFISAFI_BIT(AFI_IPV4, SAFI_UNICAST);
		if (cc->afi_safi_in & CONFIG_AF_IPV6_UNICAST)
			c->afisafi |= POL_AFISAFI_BIT(AFI_IPV6, SAFI_UNICAST);
	}
	if (cc->route_type != CONFIG_ROUTE_ANY)
		policy_add_cond(st, POL_C_ROUTE_TYPE)->value =
		    cc->route_type == CONFIG_ROUTE_INTERNAL ? POL_RT_INTERNAL :
		    cc->route_type == CONFIG_ROUTE_EXTERNAL ? POL_RT_EXTERNAL :
		    POL_RT_LOCAL;
}

/*
 * Conditions, cheapest first: attribute tests, community sets (a few hash
 * probes in a small, cache-hot table), the prefix set (a trie walk), id
 * sets, AS-path tests (regexec is the costliest), and call-policy last,
 * since it edits the route. Conditions are an AND, so the order changes no
 * result, only how soon a statement fails.
 */
static int
compile_conds(struct cctx *x, struct pol_stmt *st,
    const struct config_conditions *cc)
{
	const struct policy *called;

	cond_misc(st, cc);
	if (cond_sets(x, st, cc) || cond_bgp(x, st, cc))
		return -1;
	if (cc->call_policy) {
		called = policy_db_lookup(x->db, cc->call_policy);
		if (called == NULL)
			return cerr(x, "call-policy \"%s\" is not defined",
			    cc->call_policy);
		policy_add_cond(st, POL_C_CALL)->call = called;
	}
	return 0;
}

/* ----- actions ----- */

/* The cset of a set-community action: the referenced set or an anonymous
 * one holding the inline list. */
static int
act_comm_set(struct cctx *x, const struct config_set_community *sc,
    enum config_comm_kind k, const struct cset **out)
{
	static const char *const what[] = { "set-community",
		"set-large-community", "set-ext-community" };
	const struct config_community_set *v[] = { x->rp->community_sets,
		x->rp->large_community_sets, x->rp->ext_community_sets };
	const size_t n[] = { x->rp->n_community_sets,
		x->rp->n_large_community_sets, x->rp->n_ext_community_sets };
	struct cset *s;
	long i;
	size_t j;

	if (sc->set_ref) {
		if ((i = ref(x, FIND(v[k], n[k], sc->set_ref), "community set",
		    sc->set_ref)) < 0)
			return -1;
		*out = s = x->cs[k][i];
	} else {
		*out = s = policy_db_take_cset(x->db, cset_new(ckind(k)));
		for (j = 0; j < sc->n; j++)
			if (cset_add_config(x, s, &sc->v[j], what[k]))
				return -1;
	}
	if (sc->op != CONFIG_COMM_OP_REMOVE && cset_regex_count(s))
		return cerr(x, "%s: a regex member can only remove", what[k]);
	return 0;
}

static int
act_comms(struct cctx *x, struct pol_actions *a,
    const struct config_actions *ca)
{
	const struct config_set_community *sc[] = { &ca->set_community,
		&ca->set_large_community, &ca->set_ext_community };
	static const uint32_t flag[] = { POL_A_COMM, POL_A_LCOMM, POL_A_ECOMM };
	uint8_t *op[] = { &a->comm_op, &a->lcomm_op, &a->ecomm_op };
	const struct cset **set[] = { &a->comm, &a->lcomm, &a->ecomm };
	int k;

	for (k = 0; k < 3; k++) {
		if (sc[k]->op == CONFIG_COMM_OP_NONE)
			continue;
		if (act_comm_set(x, sc[k], (enum config_comm_kind)k, set[k]))
			return -1;
		a->flags |= flag[k];
		*op[k] = sc[k]->op == CONFIG_COMM_OP_ADD ? POL_COMM_ADD :
		    sc[k]->op == CONFIG_COMM_OP_REMOVE ? POL_COMM_REMOVE :
		    POL_COMM_REPLACE;
	}
	return 0;
}

static int
act_path(struct cctx *x, struct pol_actions *a,
    const struct config_actions *ca)
{
	if (ca->intent != 0) {
		a->flags |= POL_A_INTENT;
		a->intent = (uint8_t)(ca->intent - 1);
		a->intent_by_prepend = ca->intent_by_prepend;
	}
	if (ca->has_prepend) {
		if (ca->prepend_repeat < 1 ||
		    ca->prepend_repeat > CONFIG_PREPEND_MAX)
			return cerr(x, "set-as-path-prepend repeat-n %u is not "
			    "in 1..%u", ca->prepend_repeat, CONFIG_PREPEND_MAX);
		a->flags |= POL_A_PREPEND;
		a->prepend_as = ca->prepend_asn;
		a->prepend_n = ca->prepend_repeat;
	}
	if (ca->n_remove_asns) {
		a->flags |= POL_A_REMOVE_ASN;
		a->asns = dup_u32s(x, ca->remove_asns, ca->n_remove_asns);
		a->nasns = ca->n_remove_asns;
	}
	if (ca->has_replace_as_path) {
		a->flags |= POL_A_REPLACE_PATH;
		a->path = dup_u32s(x, ca->replace_as_path,
		    ca->n_replace_as_path);
		a->npath = ca->n_replace_as_path;
	}
	return 0;
}

static void
act_scalars(struct pol_actions *a, const struct config_actions *ca)
{
	a->result = ca->result == CONFIG_RESULT_ACCEPT ? POL_ACCEPT :
	    ca->result == CONFIG_RESULT_REJECT ? POL_REJECT : POL_NEXT;
	if (ca->has_local_pref) {
		a->flags |= POL_A_LOCAL_PREF;
		a->local_pref = ca->local_pref;
	}
	if (ca->med_op != CONFIG_MED_NONE) {
		a->flags |= POL_A_MED;
		a->med = ca->med;
		a->med_op = ca->med_op == CONFIG_MED_ADD ? POL_MED_ADD :
		    ca->med_op == CONFIG_MED_SUB ? POL_MED_SUB : POL_MED_SET;
	}
	if (ca->next_hop_kind != CONFIG_NH_NONE) {
		a->flags |= POL_A_NEXTHOP;
		a->nh_mode = ca->next_hop_kind == CONFIG_NH_SELF ? POL_NH_SELF :
		    POL_NH_ADDR;
		a->nh = ca->next_hop;
	}
	if (ca->summarize.present) {
		a->flags |= POL_A_SUMMARIZE;
		a->summary = ca->summarize.prefix;
		a->summary_only = ca->summarize.summary_only;
		a->summary_as_set = ca->summarize.as_set;
	}
}

/* ----- pass 2 and 3: policies ----- */

static int
compile_policy(struct cctx *x, const struct config_policy *cp,
    struct policy *p)
{
	const struct config_statement *cs;
	struct pol_stmt *st;
	size_t i;

	x->pol = cp->name;
	for (i = 0; i < cp->n_statements; i++) {
		cs = &cp->statements[i];
		x->stmt = cs->name;
		st = policy_add_stmt(p, cs->name);
		act_scalars(&st->act, &cs->actions);
		if (compile_conds(x, st, &cs->conditions) ||
		    act_path(x, &st->act, &cs->actions) ||
		    act_comms(x, &st->act, &cs->actions))
			return -1;
	}
	x->pol = x->stmt = NULL;
	return 0;
}

/* Colours of the depth-first walk: 0 unseen, 1 on the stack, 2 done. */
static int
check_calls(struct cctx *x, const struct policy *p, uint8_t *colour)
{
	long me = FIND(x->rp->policies, x->rp->n_policies, p->name);
	size_t i, j;

	if (colour[me] == 2)
		return 0;
	if (colour[me] == 1)
		return cerr(x, "policy \"%s\": call-policy cycle", p->name);
	colour[me] = 1;
	for (i = 0; i < p->nstmts; i++)
		for (j = 0; j < p->stmts[i].nconds; j++)
			if (p->stmts[i].conds[j].type == POL_C_CALL &&
			    check_calls(x, p->stmts[i].conds[j].call, colour))
				return -1;
	colour[me] = 2;
	return 0;
}

static int
compile_all(struct cctx *x)
{
	const struct config_routing_policy *rp = x->rp;
	uint8_t *colour;
	size_t i;
	int rc = 0;

	if (compile_sets(x))
		return -1;
	for (i = 0; i < rp->n_policies; i++) {
		if (policy_db_lookup(x->db, rp->policies[i].name))
			return cerr(x, "policy \"%s\" defined twice",
			    rp->policies[i].name);
		policy_db_add_policy(x->db, rp->policies[i].name);
	}
	for (i = 0; i < rp->n_policies; i++)
		if (compile_policy(x, &rp->policies[i], x->db->pols[i]))
			return -1;
	colour = xcalloc(rp->n_policies + 1, 1);
	for (i = 0; i < rp->n_policies && rc == 0; i++)
		rc = check_calls(x, x->db->pols[i], colour);
	free(colour);
	return rc;
}

struct policy_db *
compile_policies(const struct config *c, const struct compile_env *env,
    struct compile_err *err)
{
	struct cctx x = { .c = c, .rp = &c->policy, .env = env, .err = err };
	int k;

	err->msg[0] = '\0';
	x.db = policy_db_new();
	if (compile_all(&x) || capfit_check(c, err->msg, sizeof(err->msg))) {
		policy_db_free(x.db);
		x.db = NULL;
	}
	free(x.ps);
	for (k = 0; k < 3; k++)
		free(x.cs[k]);
	free(x.as);
	free(x.ns);
	free(x.ls);
	return x.db;
}

bool
compile_link_id(const struct config *c, const char *ic, uint8_t link,
    uint32_t *id)
{
	long i = FIND(c->interconnects, c->n_interconnects, ic);

	if (i < 0 || link < 1 || link > CONFIG_MAX_LINKS)
		return false;
	*id = (uint32_t)i * CONFIG_MAX_LINKS + link;
	return true;
}

int
compile_chain(const struct policy_db *db, const struct config_apply_policy *ap,
    enum pol_dir dir, enum config_profile profile, struct pol_chain *out,
    struct compile_err *err)
{
	const struct config_names *names = dir == POL_IMPORT ?
	    &ap->import_policy : &ap->export_policy;
	enum config_default_policy d = dir == POL_IMPORT ?
	    ap->default_import : ap->default_export;
	size_t i;

	out->v = xcalloc(names->n ? names->n : 1, sizeof(*out->v));
	out->n = names->n;
	out->dflt = d == CONFIG_ACCEPT_ROUTE ||
	    profile != CONFIG_PROFILE_GENERIC ? POL_ACCEPT : POL_REJECT;
	for (i = 0; i < names->n; i++) {
		out->v[i] = policy_db_lookup(db, names->v[i]);
		if (out->v[i] == NULL) {
			snprintf(err->msg, sizeof(err->msg), "%s-policy \"%s\" "
			    "is not defined", dir == POL_IMPORT ? "import" :
			    "export", names->v[i]);
			compile_chain_fini(out);
			return -1;
		}
	}
	return 0;
}

void
compile_chain_fini(struct pol_chain *c)
{
	free(c->v);
	c->v = NULL;
	c->n = 0;
}
