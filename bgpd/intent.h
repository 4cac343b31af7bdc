/*
 * Interconnect intent to BGP neighbours for the speaker (SPEC.md 1.2-1.7,
 * 2.1): an adapter over yang/derive.h, which derives the per-link sessions
 * of one gateway (an IPv4 and, with ipv6, an IPv6 session per link, the
 * link profile, the link's MD5 key, the side's prefix limit and the
 * concatenated policy chain). This file picks the gateway the speaker is
 * (by its AS), keeps the administratively up sessions and adds what bgpd
 * needs besides the neighbour: the ECMP group (the interconnect) and the
 * link facts for policy. Pure: no sockets, no event loop, no logging.
 */
#ifndef XR_BGPD_INTENT_H
#define XR_BGPD_INTENT_H

#include <stddef.h>
#include <stdint.h>

#include "yang/config.h"
#include "yang/derive.h"

/* One derived neighbour and where it comes from (borrowed from intent). */
struct intent_peer {
	const struct config_neighbor *nb;
	uint32_t group;			/* 1 + interconnect index: ECMP group */
	uint8_t link_id;		/* 1..4 */
	const char *interconnect;
	bool drained;
	const struct config_apply_policy *policy;	/* the chain to use */
};

struct intent {
	struct derive_list dl;		/* owns the neighbours */
	struct intent_peer *v;
	size_t n;
};

/*
 * Derive the neighbours that the speaker with AS local_as runs for the
 * interconnects of c (borrowed; out does not point into it): the sessions
 * of the first gateway with that AS whose interconnect and link are
 * administratively up. No gateway with that AS gives no neighbour.
 * Returns 0 and fills out (release with intent_fini()).
 */
int intent_derive(const struct config *c, uint32_t local_as,
    struct intent *out);

/* Release everything intent_derive() filled in; leaves out empty. */
void intent_fini(struct intent *out);

#endif
