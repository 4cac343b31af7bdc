/*
 * BGP sessions derived from the interconnect intent (SPEC.md 1.7, 2.1): for
 * one gateway, every link of every interconnect it belongs to yields an
 * IPv4 session and, when the interconnect has ipv6 set, a separate IPv6
 * session (the DX shape: no MP-BGP), with the link profile of SPEC.md 2.1:
 * hold 60 s, keepalive 20 s, connect-retry 5 s, TTL 1 without GTSM, the
 * link's MD5 key, graceful restart 120 s / stale 360 s, and the inbound
 * prefix limit of the side (A: 100 per AFI then Idle 300 s; B: 5000 then
 * restart). Host addresses default to the first (side A) and second (side
 * B) host of the link subnet. The policy chain is the link's, then the
 * interconnect's, then the gateway's, with the link's defaults. These are
 * the read-only bgp-neighbors of crossroute-interconnect. Pure.
 */
#ifndef XR_YANG_DERIVE_H
#define XR_YANG_DERIVE_H

#include "yang/config.h"

#define DERIVE_MAXPFX_A 100	/* SPEC.md 2.1, per AFI */
#define DERIVE_MAXPFX_B 5000	/* SPEC.md 2.1, per peer */

struct derive_neighbor {
	struct config_neighbor nb;	/* owns its strings and arrays */
	char *interconnect;
	uint8_t link_id;
	uint32_t local_as;
	uint32_t router_id;		/* host byte order */
	bool drained;
	bool maintenance;
};

struct derive_list {
	struct derive_neighbor *v;
	size_t n;
};

/*
 * Derive the sessions of gateway (borrowed name) from c (borrowed) into
 * out (owned by the caller; release with derive_list_fini()). Returns 0,
 * or -1 when no gateway has that name.
 */
int derive_links(const struct config *c, const char *gateway,
    struct derive_list *out);

/* Release every session of l and leave it empty. */
void derive_list_fini(struct derive_list *l);

/*
 * Host n (0-based) of subnet p: the network address plus n + 1 for
 * subnets with a network/broadcast pair, plus n for /31 and /127.
 */
void derive_host(const struct prefix *p, unsigned n, struct addr *out);

#endif
