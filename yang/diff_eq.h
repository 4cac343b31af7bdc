/*
 * Internal to yang/diff.c: deep equality of configuration objects, one
 * function per object type, each taking two borrowed objects (as const void *
 * so that the diff can drive them from a table).
 */
#ifndef XR_YANG_DIFF_EQ_H
#define XR_YANG_DIFF_EQ_H

#include <stdbool.h>
#include <stdint.h>

#include "yang/config.h"

bool diff_eq_apply(const struct config_apply_policy *a,
    const struct config_apply_policy *b);
bool diff_eq_prefix_set(const void *a, const void *b);
bool diff_eq_neighbor_set(const void *a, const void *b);
bool diff_eq_link_set(const void *a, const void *b);
bool diff_eq_community_set(const void *a, const void *b);
bool diff_eq_as_path_set(const void *a, const void *b);
bool diff_eq_policy(const void *a, const void *b);
/*
 * DIFF_F_* bits of what differs between two gateways with one name:
 * DIFF_F_ASN (AS or router-id), DIFF_F_PROFILE, DIFF_F_POLICY (its own
 * apply-policy), DIFF_F_OTHER (role), DIFF_F_ATTACH (an attachment added,
 * removed, moved or changed in any field, its apply-policy included).
 * 0: equal.
 */
uint32_t diff_eq_gateway_what(const struct config_gateway *a,
    const struct config_gateway *b);
bool diff_eq_interconnect(const void *a, const void *b);

/* DIFF_F_* bits of what differs between two neighbours with one address. */
uint32_t diff_eq_neighbor(const struct config_neighbor *a,
    const struct config_neighbor *b);

#endif
