/*
 * Policy conditions (SPEC 3.2). One flat dispatch over the condition type;
 * every test reads the builder, never the interned input set, so the edits
 * of earlier statements are visible. Missing attributes: a missing MED
 * compares as 0 (RFC 4271 9.1.2.2 c, SPEC 2.5 (D)); a missing LOCAL_PREF or
 * ORIGIN never equals anything. as-path-length is the RFC 4271 9.1.2.2 (a)
 * length (an AS_SET counts 1, confederation segments 0).
 */
#include <stdlib.h>

#include "lib/aspath.h"
#include "lib/xmalloc.h"
#include "policy/match.h"

static bool
match_aspath_set(const struct pol_cond *c, const struct attr_builder *out)
{
	char buf[1024], *text = buf;
	size_t need;
	bool m;

	need = aspath_print(out->aspath, buf, sizeof(buf));
	if (need >= sizeof(buf)) {
		text = xmalloc(need + 1);
		aspath_print(out->aspath, text, need + 1);
	}
	m = aset_match(c->aset, text, (enum pol_match_opt)c->opt);
	if (text != buf)
		free(text);
	return m;
}

static bool
match_len(const struct pol_cond *c, const struct attr_builder *out)
{
	unsigned n = aspath_length(out->aspath);

	switch (c->opt) {
	case POL_CMP_GE:
		return n >= c->value;
	case POL_CMP_LE:
		return n <= c->value;
	default:
		return n == c->value;
	}
}

static bool
match_asn_in_path(const struct pol_cond *c, const struct attr_builder *out)
{
	size_t i;

	for (i = 0; i < c->nasns; i++)
		if (aspath_has_as(out->aspath, c->asns[i]))
			return true;
	return false;
}

static bool
match_ids(const struct pol_cond *c, uint32_t id, uint32_t roles)
{
	bool m = policy_idset_has(c->ids, id) || (c->ids->roles & roles);

	return c->opt == POL_MATCH_INVERT ? !m : m;
}

static bool
match_attr(const struct pol_cond *c, const struct attr_builder *out)
{
	const struct attr_vals *a = &out->a;

	switch (c->type) {
	case POL_C_MED_EQ:
		return ((a->flags & ATTRS_HAS_MED) ? a->med : 0) == c->value;
	case POL_C_LOCAL_PREF_EQ:
		return (a->flags & ATTRS_HAS_LOCAL_PREF) &&
		    a->local_pref == c->value;
	default:
		return (a->flags & ATTRS_HAS_ORIGIN) && a->origin == c->value;
	}
}

static bool
match_call(const struct pol_cond *c, const struct route *in,
    struct attr_builder *out, struct match_ctx *x)
{
	enum pol_verdict v;

	/* RFC 9067 leaves a result-less subroutine open: false. */
	if (x->depth >= POL_CALL_DEPTH)
		return false;
	x->depth++;
	v = policy_eval(c->call, in, out, x);
	x->depth--;
	return v == POL_ACCEPT;
}

bool
match_cond(const struct pol_cond *c, const struct route *in,
    struct attr_builder *out, struct match_ctx *x)
{
	enum pol_match_opt opt = (enum pol_match_opt)c->opt;

	switch (c->type) {
	case POL_C_PREFIX_SET:
		if (x->ps != c->pset) {
			x->ps = c->pset;
			x->ps_match = pset_match(c->pset, in->prefix);
		}
		return opt == POL_MATCH_INVERT ? !x->ps_match : x->ps_match;
	case POL_C_COMM_SET:
		return cset_match(c->cset, out->comms, opt);
	case POL_C_LCOMM_SET:
		return cset_match(c->cset, out->lcomms, opt);
	case POL_C_ECOMM_SET:
		return cset_match(c->cset, out->ecomms, opt);
	case POL_C_ASPATH_SET:
		return match_aspath_set(c, out);
	case POL_C_ASPATH_LEN:
		return match_len(c, out);
	case POL_C_ASN_IN_PATH:
		return match_asn_in_path(c, out);
	case POL_C_NEIGHBOR_SET:
		return match_ids(c, in->peer_id, 0);
	case POL_C_LINK_SET:
		return match_ids(c, in->link_id, in->link_roles);
	case POL_C_MED_EQ:
	case POL_C_LOCAL_PREF_EQ:
	case POL_C_ORIGIN_EQ:
		return match_attr(c, out);
	case POL_C_AFI_SAFI_IN:
		return (c->afisafi & POL_AFISAFI_BIT(in->afi, in->safi)) != 0;
	case POL_C_ROUTE_TYPE:
		return c->value == (in->local ? POL_RT_LOCAL :
		    (in->dir == POL_EXPORT ? in->from_ibgp :
		    in->peer_type == POL_PEER_IBGP) ? POL_RT_INTERNAL :
		    POL_RT_EXTERNAL);
	case POL_C_CALL:
		return match_call(c, in, out, x);
	}
	return false;
}

bool
match_stmt(const struct pol_stmt *st, const struct route *in,
    struct attr_builder *out, struct match_ctx *x)
{
	size_t i;

	for (i = 0; i < st->nconds; i++)
		if (!match_cond(&st->conds[i], in, out, x))
			return false;
	return true;
}
