/*
 * Condition evaluation for policy statements (SPEC 3.2): each condition
 * reads the route description and the current attributes in the builder.
 * Internal to policy/: policy.c runs statements, this file tests them.
 */
#ifndef XR_MATCH_H
#define XR_MATCH_H

#include <stdbool.h>

#include "policy/policy.h"

/*
 * State of one evaluation of a route (one chain): the call-policy depth and
 * the last prefix-set answer, since the prefix is the same for the whole
 * chain and statements often test the same set. Start zeroed.
 */
struct match_ctx {
	unsigned depth;
	const struct pset *ps;		/* last prefix set tested, or NULL */
	bool ps_match;
	struct pol_trace *tr;		/* NULL: summarize is not traced */
};

/*
 * True if condition c holds for the route in with attributes out. A
 * call-policy condition runs the called policy one level deeper (its
 * actions edit out) and holds when it returns POL_ACCEPT.
 */
bool match_cond(const struct pol_cond *c, const struct route *in,
    struct attr_builder *out, struct match_ctx *x);

/* True if every condition of st holds (true for none); stops at the first
 * that fails, so a later call-policy only runs when earlier ones held. */
bool match_stmt(const struct pol_stmt *st, const struct route *in,
    struct attr_builder *out, struct match_ctx *x);

/* policy_apply() within the evaluation x (policy.c); used by call-policy. */
enum pol_verdict policy_eval(const struct policy *pol, const struct route *in,
    struct attr_builder *out, struct match_ctx *x);

#endif
