/*
 * What a gateway of the interconnect intent advertises by itself to the
 * other side (SPEC 1.8, 2.2, 2.4, 3.3 "originate"): the routes of its
 * attachments, computed from the plain config structs. Shared by the
 * commit-time cap check (policy/capfit.c) and the daemon's origination
 * (bgpd/originate.c), so both count exactly what is sent.
 *  - gateway A (DXGW-like): a TGW association's allowed prefixes,
 *    verbatim (its VPC CIDRs never); a VGW association's VPC CIDRs that
 *    an allowed prefix covers (the allowed list is a filter: VPC
 *    10.0.0.0/16 with allowed 10.0.0.0/15 is sent, with allowed
 *    10.0.0.0/24 not; an empty list allows every CIDR, the AWS default of
 *    the VPC CIDR); core-network and VPC attachments their prefixes. No
 *    MED (the DX profile does not use it).
 *  - router B (Cloud Router-like): advertise-mode default its subnets
 *    (the attachment prefixes), custom its advertised-ranges; each with
 *    MED = the attachment's base priority (SPEC 2.4; no inter-region cost
 *    is modelled, so cost 0).
 * Pure: no I/O, no globals.
 */
#ifndef XR_POLICY_ORIGIN_H
#define XR_POLICY_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"
#include "yang/config.h"

/* One originated route: the prefix and the MED to carry, if any. */
struct origin_route {
	struct prefix prefix;
	bool has_med;
	uint32_t med;
};

/* A growable list of routes; zero it to start, origin_list_fini(). */
struct origin_list {
	struct origin_route *v;
	size_t n, cap;
};

/*
 * Append to out what g (borrowed) advertises of family afi, attachment
 * by attachment, in configuration order (a prefix two attachments send
 * appears twice: the caller counts or merges).
 */
void origin_side(const struct config_gateway *g, uint8_t afi,
    struct origin_list *out);

/*
 * The routes the speaker playing g (borrowed, a gateway of c) originates:
 * origin_side() for IPv4 when an interconnect of c names g, for IPv6 when
 * one of them carries IPv6 (SPEC 2.1: IPv6 only over interconnects that
 * do). out (emptied first) is sorted by prefix_cmp() and holds each
 * prefix once; two attachments sending one prefix merge to the lowest
 * MED (the best Cloud Router priority; a route without MED wins).
 */
void origin_gateway(const struct config *c, const struct config_gateway *g,
    struct origin_list *out);

/* The first gateway of c with AS asn (the one bgpd/intent.c runs), or
 * NULL. */
const struct config_gateway *origin_find(const struct config *c,
    uint32_t asn);

/* True when a and b carry the same prefix and MED. */
bool origin_route_eq(const struct origin_route *a,
    const struct origin_route *b);

/* Release out's storage; it is left empty. */
void origin_list_fini(struct origin_list *out);

#endif
