/*
 * The routes a gateway originates from its attachments (policy/origin.h):
 * SPEC 2.2 VGW filter and TGW verbatim origination, SPEC 2.4 Cloud Router
 * subnets or custom ranges with the base priority as MED; then, for the
 * daemon, each attachment's import chain (origin_apply()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/origin.h"

static void
list_add(struct origin_list *l, const struct prefix *p, bool has_med,
    uint32_t med)
{
	struct origin_route *r;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->prefix = *p;
	prefix_mask(&r->prefix);
	r->has_med = has_med;
	r->med = has_med ? med : 0;
}

/* Append v[0..n) of family afi. */
static void
list_add_afi(struct origin_list *l, const struct prefix *v, size_t n,
    uint8_t afi, bool has_med, uint32_t med)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].afi == afi)
			list_add(l, &v[i], has_med, med);
}

/* True when an allowed prefix of the VGW association at covers cidr. */
static bool
vgw_allows(const struct config_attachment *at, const struct prefix *cidr)
{
	size_t i;

	if (at->n_allowed_prefixes == 0)
		return true;
	for (i = 0; i < at->n_allowed_prefixes; i++)
		if (prefix_contains(&at->allowed_prefixes[i], cidr))
			return true;
	return false;
}

/* Gateway A: one attachment's routes of family afi. */
static void
side_dx(const struct config_attachment *at, uint8_t afi,
    struct origin_list *out)
{
	size_t i;

	switch (at->kind) {
	case CONFIG_ATTACH_TGW:
		list_add_afi(out, at->allowed_prefixes,
		    at->n_allowed_prefixes, afi, false, 0);
		break;
	case CONFIG_ATTACH_VGW:
		for (i = 0; i < at->n_prefixes; i++)
			if (at->prefixes[i].afi == afi &&
			    vgw_allows(at, &at->prefixes[i]))
				list_add(out, &at->prefixes[i], false, 0);
		break;
	case CONFIG_ATTACH_CORE_NETWORK:
	case CONFIG_ATTACH_VPC:
		list_add_afi(out, at->prefixes, at->n_prefixes, afi, false,
		    0);
		break;
	}
}

void
origin_side(const struct config_gateway *g, uint8_t afi,
    struct origin_list *out)
{
	const struct config_attachment *at;
	size_t i, k, first;

	for (i = 0; i < g->n_attachments; i++) {
		at = &g->attachments[i];
		first = out->n;
		if (g->role != CONFIG_GW_CLOUD_ROUTER)
			side_dx(at, afi, out);
		else if (at->advertise_mode == CONFIG_ADV_CUSTOM)
			list_add_afi(out, at->advertised_ranges,
			    at->n_advertised_ranges, afi, true,
			    at->base_priority);
		else
			list_add_afi(out, at->prefixes, at->n_prefixes, afi,
			    true, at->base_priority);
		for (k = first; k < out->n; k++)
			out->v[k].att = i;
	}
}

static int
route_cmp(const void *x, const void *y)
{
	const struct origin_route *a = x, *b = y;
	int c = prefix_cmp(&a->prefix, &b->prefix);

	if (c != 0)
		return c;
	/* No MED first, then the lowest: the one kept. */
	if (a->has_med != b->has_med)
		return a->has_med ? 1 : -1;
	return a->med < b->med ? -1 : a->med > b->med;
}

/* Sort and keep the first route of every prefix. */
static void
list_merge(struct origin_list *l)
{
	size_t i, n = 0;

	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(*l->v), route_cmp);
	for (i = 1; i < l->n; i++)
		if (!prefix_eq(&l->v[i].prefix, &l->v[n].prefix))
			l->v[++n] = l->v[i];
	l->n = n + 1;
}

/*
 * Append to out (unsorted) what g sends: IPv4 when an interconnect of c
 * names g, IPv6 when one of them carries it.
 */
static void
gateway_routes(const struct config *c, const struct config_gateway *g,
    struct origin_list *out)
{
	const struct config_interconnect *ic;
	bool v4 = false, v6 = false;
	size_t i;

	for (i = 0; i < c->n_interconnects; i++) {
		ic = &c->interconnects[i];
		if ((ic->gateway_a == NULL || strcmp(ic->gateway_a, g->name)) &&
		    (ic->router_b == NULL || strcmp(ic->router_b, g->name)))
			continue;
		v4 = true;
		v6 = v6 || ic->ipv6;
	}
	if (v4)
		origin_side(g, AFI_IPV4, out);
	if (v6)
		origin_side(g, AFI_IPV6, out);
}

void
origin_gateway(const struct config *c, const struct config_gateway *g,
    struct origin_list *out)
{
	out->n = 0;
	gateway_routes(c, g, out);
	list_merge(out);
}

const struct config_gateway *
origin_find(const struct config *c, uint32_t asn)
{
	size_t i;

	for (i = 0; i < c->n_gateways; i++)
		if (c->gateways[i].asn == asn)
			return &c->gateways[i];
	return NULL;
}

bool
origin_route_eq(const struct origin_route *a, const struct origin_route *b)
{
	return prefix_eq(&a->prefix, &b->prefix) && a->has_med == b->has_med &&
	    a->med == b->med;
}

void
origin_list_fini(struct origin_list *out)
{
	free(out->v);
	memset(out, 0, sizeof(*out));
}

/* The set an originated route starts with: ORIGIN IGP, empty AS_PATH. */
static void
base_attrs(const struct origin_route *r, struct attr_builder *b)
{
	b->a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH;
	b->a.origin = ORIGIN_IGP;
	if (r->has_med) {
		b->a.flags |= ATTRS_HAS_MED;
		b->a.med = r->med;
	}
}

/*
 * The import chain of attachment at into *out; false with err (the first
 * error only) when it names a policy db lacks.
 */
static bool
chain_compile(const struct config_attachment *at, const struct policy_db *db,
    struct pol_chain *out, struct compile_err *err, int *rc)
{
	const struct config_names *names = &at->apply_policy.import_policy;
	struct compile_err ce;

	memset(out, 0, sizeof(*out));
	if (db == NULL && names->n > 0)
		snprintf(ce.msg, sizeof(ce.msg), "import-policy \"%s\" is not "
		    "defined", names->v[0]);
	else if (compile_chain(db, &at->apply_policy, POL_IMPORT,
	    CONFIG_PROFILE_GENERIC, out, &ce) == 0)
		return true;
	if (*rc == 0)
		snprintf(err->msg, sizeof(err->msg), "attachment %.64s: %.160s",
		    at->name, ce.msg);
	*rc = -1;
	return false;
}

static void
paths_add(struct origin_paths *l, const struct prefix *p,
    const struct attrs *a, size_t att)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n].prefix = *p;
	l->v[l->n].attrs = a;
	l->v[l->n].att = att;
	l->n++;
}

/* Run r through chain ch; append the result to out unless rejected. */
static void
route_apply(const struct origin_route *r, const struct pol_chain *ch,
    const struct origin_env *env, struct origin_paths *out)
{
	struct attr_builder b;
	struct route rt;

	memset(&rt, 0, sizeof(rt));
	rt.prefix = &r->prefix;
	rt.peer_id = env->peer_id;
	rt.afi = r->prefix.afi;
	rt.safi = SAFI_UNICAST;
	rt.dir = POL_IMPORT;
	rt.peer_type = POL_PEER_EBGP;
	rt.local = true;
	rt.own_as = env->own_as;
	attr_builder_init(&b);
	base_attrs(r, &b);
	if (policy_chain_apply(ch, &rt, &b) == POL_ACCEPT)
		paths_add(out, &r->prefix, attrs_intern(env->attrs, &b),
		    r->att);
	attr_builder_fini(&b);
}

static uint32_t
path_local_pref(const struct attrs *a)
{
	return (a->flags & ATTRS_HAS_LOCAL_PREF) ? a->local_pref : 100;
}

/* By prefix, then the one origin_apply() keeps first. */
static int
path_cmp(const void *x, const void *y)
{
	const struct origin_path *a = x, *b = y;
	const struct attrs *p = a->attrs, *q = b->attrs;
	bool pm = p->flags & ATTRS_HAS_MED, qm = q->flags & ATTRS_HAS_MED;
	int c = prefix_cmp(&a->prefix, &b->prefix);

	if (c != 0)
		return c;
	if (path_local_pref(p) != path_local_pref(q))
		return path_local_pref(p) > path_local_pref(q) ? -1 : 1;
	if (p->aslen != q->aslen)
		return p->aslen < q->aslen ? -1 : 1;
	if (pm != qm)
		return pm ? 1 : -1;
	if (pm && p->med != q->med)
		return p->med < q->med ? -1 : 1;
	return a->att < b->att ? -1 : a->att > b->att;
}

/* Sort and keep the best path of every prefix; drop the others' sets. */
static void
paths_merge(struct origin_paths *l, struct attr_table *t)
{
	size_t i, n = 0;

	if (l->n == 0)
		return;
	qsort(l->v, l->n, sizeof(*l->v), path_cmp);
	for (i = 1; i < l->n; i++) {
		if (prefix_eq(&l->v[i].prefix, &l->v[n].prefix))
			attrs_unref(t, l->v[i].attrs);
		else
			l->v[++n] = l->v[i];
	}
	l->n = n + 1;
}

int
origin_apply(const struct config *c, const struct config_gateway *g,
    const struct origin_env *env, struct origin_paths *out,
    struct compile_err *err)
{
	struct origin_list l = { NULL, 0, 0 };
	struct pol_chain *ch;
	bool *ok;
	size_t i;
	int rc = 0;

	origin_paths_fini(out, env->attrs);
	gateway_routes(c, g, &l);
	ch = xcalloc(g->n_attachments ? g->n_attachments : 1, sizeof(*ch));
	ok = xcalloc(g->n_attachments ? g->n_attachments : 1, sizeof(*ok));
	for (i = 0; i < g->n_attachments; i++)
		ok[i] = chain_compile(&g->attachments[i], env->db, &ch[i],
		    err, &rc);
	for (i = 0; i < l.n; i++)
		if (ok[l.v[i].att])
			route_apply(&l.v[i], &ch[l.v[i].att], env, out);
	paths_merge(out, env->attrs);
	for (i = 0; i < g->n_attachments; i++)
		if (ok[i])
			compile_chain_fini(&ch[i]);
	free(ok);
	free(ch);
	origin_list_fini(&l);
	return rc;
}

void
origin_paths_fini(struct origin_paths *out, struct attr_table *t)
{
	size_t i;

	for (i = 0; i < out->n; i++)
		attrs_unref(t, out->v[i].attrs);
	free(out->v);
	memset(out, 0, sizeof(*out));
}
