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
 * True if condition c holds for the route in with attributes out. depth is
 * the current call-policy nesting; a call-policy condition runs the called
 * policy (whose actions edit out) and holds when it returns POL_ACCEPT.
 */
bool match_cond(const struct pol_cond *c, const struct route *in,
    struct attr_builder *out, unsigned depth);

/* True if every condition of st holds (true for none); stops at the first
 * that fails, so a later call-policy only runs when earlier ones held. */
bool match_stmt(const struct pol_stmt *st, const struct route *in,
    struct attr_builder *out, unsigned depth);

/* policy_apply() at call depth depth (policy.c); used by call-policy. */
enum pol_verdict policy_eval(const struct policy *pol, const struct route *in,
    struct attr_builder *out, unsigned depth);

#endif
