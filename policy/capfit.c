/*
 * Commit-time fit of the interconnect advertisements under the per-side
 * caps (policy/capfit.h): gathers what a side advertises (policy/origin.h,
 * the routes the daemon originates) and the summaries configured for it from the plain config structs, then summary_fit()
 * decides; the first failing (interconnect, side, family) is reported.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/capfit.h"
#include "policy/origin.h"
#include "policy/summary.h"
#include "yang/derive.h"

/* A growable prefix list. */
struct plist {
	struct prefix *v;
	size_t n, cap;
};

static void
plist_add(struct plist *l, const struct prefix *p)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *p;
}

static const struct config_gateway *
gw_find(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < c->n_gateways; i++)
		if (!strcmp(c->gateways[i].name, name))
			return &c->gateways[i];
	return NULL;
}

/* The summarize prefixes of family afi of the export policies names. */
static void
sums_of_names(const struct config *c, const struct config_names *names,
    uint8_t afi, struct plist *out)
{
	const struct config_policy *pol;
	const struct config_summarize *sm;
	size_t i, j, k;

	for (i = 0; i < names->n; i++)
		for (j = 0; j < c->policy.n_policies; j++) {
			pol = &c->policy.policies[j];
			if (strcmp(pol->name, names->v[i]) != 0)
				continue;
			for (k = 0; k < pol->n_statements; k++) {
				sm = &pol->statements[k].actions.summarize;
				if (sm->present && sm->prefix.afi == afi)
					plist_add(out, &sm->prefix);
			}
		}
}

/* Summaries configured for gateway g's sessions on ic, family afi. */
static void
sums_of_side(const struct config *c, const struct config_interconnect *ic,
    const struct config_gateway *g, uint8_t afi, struct plist *out)
{
	size_t i;

	for (i = 0; i < ic->n_links; i++)
		sums_of_names(c, &ic->links[i].apply_policy.export_policy, afi,
		    out);
	sums_of_names(c, &ic->apply_policy.export_policy, afi, out);
	sums_of_names(c, &g->apply_policy.export_policy, afi, out);
	if (!c->bgp.present || c->bgp.asn != g->asn)
		return;
	for (i = 0; i < c->bgp.n_aggregates; i++)
		if (c->bgp.aggregates[i].mode != CONFIG_AGG_ORIGINATE &&
		    c->bgp.aggregates[i].prefix.afi == afi)
			plist_add(out, &c->bgp.aggregates[i].prefix);
}

/* What g advertises to the other side, family afi (policy/origin.h). */
static void
routes_of_side(const struct config_gateway *g, uint8_t afi, struct plist *out)
{
	struct origin_list o = { NULL, 0, 0 };
	size_t i;

	origin_side(g, afi, &o);
	for (i = 0; i < o.n; i++)
		plist_add(out, &o.v[i].prefix);
	origin_list_fini(&o);
}

/* The error text: where, then the left-out prefixes that fit. */
static void
fit_error(const struct summary_fit_out *o, const char *ic,
    const struct config_gateway *from, const struct config_gateway *to,
    uint8_t afi, char *err, size_t errlen)
{
	char ps[PREFIX_STRLEN];
	size_t i, len, shown = 0;
	int n;

	n = snprintf(err, errlen, "interconnect %s: %s advertises too many "
	    "IPv%c prefixes towards %s (cap %zu per session) even after "
	    "summarisation; left out (%zu):", ic, from->name,
	    afi == AFI_IPV4 ? '4' : '6', to->name, o->cap, o->ndropped);
	len = n > 0 ? (size_t)n : 0;
	for (i = 0; i < o->nnotes && len < errlen; i++) {
		if (o->notes[i].why != SUMMARY_OVER_CAP)
			continue;
		prefix_print(&o->notes[i].prefix, ps, sizeof(ps));
		/* Keep room for the " (+N more)" tail. */
		if (len + strlen(ps) + 1 + 24 >= errlen)
			break;
		len += (size_t)snprintf(err + len, errlen - len, " %s", ps);
		shown++;
	}
	if (shown < o->ndropped && len < errlen)
		snprintf(err + len, errlen - len, " (+%zu more)",
		    o->ndropped - shown);
}

/* Fit from's advertisement towards to, family afi; -1 with err if over. */
static int
side_check(const struct config *c, const struct config_interconnect *ic,
    const struct config_gateway *from, const struct config_gateway *to,
    uint8_t afi, size_t cap, char *err, size_t errlen)
{
	struct plist r = { NULL, 0, 0 }, s = { NULL, 0, 0 };
	struct summary_fit_out o;
	int rc;

	memset(&o, 0, sizeof(o));
	routes_of_side(from, afi, &r);
	sums_of_side(c, ic, from, afi, &s);
	rc = summary_fit(r.v, r.n, s.v, s.n, cap, &o);
	if (rc != 0)
		fit_error(&o, ic->name, from, to, afi, err, errlen);
	summary_fit_fini(&o);
	free(r.v);
	free(s.v);
	return rc;
}

int
capfit_check(const struct config *c, char *err, size_t errlen)
{
	const struct config_interconnect *ic;
	const struct config_gateway *a, *b;
	uint8_t afi;
	size_t i;

	for (i = 0; i < c->n_interconnects; i++) {
		ic = &c->interconnects[i];
		a = gw_find(c, ic->gateway_a);
		b = gw_find(c, ic->router_b);
		if (a == NULL || b == NULL)
			continue;
		for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++) {
			if (afi == AFI_IPV6 && !ic->ipv6)
				break;
			/* The limits the derived sessions enforce. */
			if (side_check(c, ic, b, a, afi, DERIVE_MAXPFX_A, err,
			    errlen) != 0 || side_check(c, ic, a, b, afi,
			    DERIVE_MAXPFX_B, err, errlen) != 0)
				return -1;
		}
	}
	return 0;
}
