/*
 * Interconnect intent to BGP neighbours (SPEC.md 1.2-1.7, 2.1): every
 * administratively up link of every interconnect that involves the local
 * gateway becomes one IPv4 neighbour (and, with ipv6, one IPv6 neighbour,
 * since the DX side runs one session per AFI without MP-BGP), with the
 * link profile's numbers: hold 60 s, keepalive 20 s, ConnectRetry 5 s,
 * TTL 1, the link's MD5 key, graceful restart on, and the inbound prefix
 * limit of the side we play (A: 100 per AFI, Cease/1 then Idle 300 s;
 * B: 5,000, Cease/1 then reconnect). A pure function of the plain config
 * structs (yang/config.h): no sockets, no event loop, no logging.
 */
#ifndef XR_BGPD_INTENT_H
#define XR_BGPD_INTENT_H

#include <stddef.h>
#include <stdint.h>

#include "yang/config.h"

/* SPEC.md 2.1 inbound limits per side (D). */
#define INTENT_MAXPFX_A 100
#define INTENT_MAXPFX_B 5000

/* One derived neighbour and where it comes from. */
struct intent_peer {
	struct config_neighbor nb;	/* owned strings and arrays */
	uint32_t group;			/* 1 + interconnect index: ECMP group */
	uint8_t link_id;		/* 1..4 */
	const char *interconnect;	/* borrowed from the config */
	bool drained;
	/* Most specific apply-policy: link, interconnect, local gateway
	 * (borrowed from the config; NULL when all are empty). */
	const struct config_apply_policy *policy;
};

struct intent {
	struct intent_peer *v;
	size_t n;
};

/*
 * Derive the neighbours that the speaker with AS local_as must run for the
 * interconnects of c (borrowed; it must outlive out, whose policy and
 * interconnect pointers borrow from it). An interconnect is ours when its
 * gateway-a or router-b gateway has AS local_as; interconnects or links
 * that are administratively down give no neighbour. Link host addresses
 * default to the first (side A) and second (side B) host of the subnet.
 * Returns 0 and fills out (release with intent_fini()), or -1 when a
 * referenced gateway is missing (the config validator prevents that).
 */
int intent_derive(const struct config *c, uint32_t local_as,
    struct intent *out);

/* Release everything intent_derive() filled in; leaves out empty. */
void intent_fini(struct intent *out);

/*
 * Host number n (1 = first) of subnet p into a: the network address plus
 * n. Returns 0, or -1 when that host is outside the subnet.
 */
int intent_host(const struct prefix *p, unsigned n, struct addr *a);

#endif
