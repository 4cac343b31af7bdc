/*
 * Policy actions (SPEC 3.3) applied to an attribute builder, and the small
 * edit primitives the cloud profile helpers reuse. Edited variable-length
 * parts are written into storage from attr_builder_alloc() and the builder's
 * views are repointed at them; the input views are never written. Pure.
 */
#ifndef XR_ACTION_H
#define XR_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/policy.h"

/*
 * Apply the actions of a to out for the route in, in the order given at
 * struct pol_actions. set-local-pref is skipped on export to an eBGP peer.
 * The result member is not acted on here.
 */
void action_apply(const struct pol_actions *a, const struct route *in,
    struct attr_builder *out);

/* MED after op with operand n from cur, saturating at 0 and 2^32-1. */
uint32_t action_med(enum pol_med_op op, uint32_t cur, uint32_t n);

/* Return view plus the n values of width w at vals that it lacks, in order. */
struct bytes action_comm_add(struct attr_builder *b, struct bytes view,
    size_t w, const uint8_t *vals, size_t n);

/* Return view without the values for which drop(ctx, value) is true. */
struct bytes action_comm_filter(struct attr_builder *b, struct bytes view,
    size_t w, bool (*drop)(const void *ctx, const uint8_t *v),
    const void *ctx);

/* Return the path with every occurrence of the n ASNs removed; segments
 * left empty disappear. */
struct bytes action_aspath_remove(struct attr_builder *b, struct bytes path,
    const uint32_t *asns, size_t n);

/*
 * aspath_prepend() of lib/aspath.h with a fast path: when path starts with
 * an AS_SEQUENCE that can take n more ASNs, the result is built with one
 * copy instead of per-ASN writes. Same result in every case.
 */
struct bytes action_aspath_prepend(struct attr_builder *b, struct bytes path,
    uint32_t as, unsigned n);

/* Return a path made of the n ASNs as AS_SEQUENCE segments (<= 255 each). */
struct bytes action_aspath_make(struct attr_builder *b, const uint32_t *asns,
    size_t n);

#endif
