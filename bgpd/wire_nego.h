/*
 * OPEN negotiation: from the OPEN we sent, the OPEN the peer sent and the
 * local configuration, either the NOTIFICATION that refuses the peer or what
 * the session runs with: struct wire_caps for the codec plus hold time,
 * keepalive, route refresh and graceful restart state. RFC 4271 6.2,
 * RFC 5492 5, RFC 6793 4, RFC 4760 8, RFC 7911 4, RFC 4724, RFC 8538,
 * RFC 2918, RFC 7313, RFC 8654, RFC 6286, RFC 7607. A pure function.
 */
#ifndef XR_BGPD_WIRE_NEGO_H
#define XR_BGPD_WIRE_NEGO_H

#include <stdbool.h>
#include <stdint.h>

#include "bgpd/wire.h"
#include "bgpd/wire_open.h"

struct wire_nego_conf {
	uint32_t local_as;
	uint32_t local_id;	/* our BGP identifier (RFC 6286 iBGP check) */
	uint32_t peer_as;	/* expected peer AS; 0 accepts any */
	uint32_t require;	/* WIRE_CAPF_* the peer must advertise */
	uint16_t min_hold;	/* smallest non-zero peer hold accepted, or 0 */
	bool reject_zero_hold;	/* refuse hold time 0 (DX profile) */
};

struct wire_nego {
	struct wire_caps caps;	/* as4, ibgp, ext_msg, afs, addpath */
	uint32_t peer_id;	/* the peer's BGP identifier */
	uint16_t hold;		/* min of both; 0: no keepalives */
	uint16_t keepalive;	/* hold / 3 */
	bool rr;		/* both sent route refresh (RFC 2918) */
	bool enhanced_rr;	/* both sent enhanced RR (RFC 7313) */
	bool gr;		/* the peer sent graceful restart (RFC 4724) */
	bool gr_restarting;	/* the peer's R bit: it is restarting */
	bool gr_notification;	/* both sent the N bit (RFC 8538) */
	uint16_t gr_time;	/* the peer's restart time */
	uint32_t gr_afs;	/* WIRE_AF_* the peer lists for GR */
	uint32_t gr_fwd;	/* of those, forwarding state kept (F bit) */
};

/*
 * Negotiate a session from local (the OPEN we sent), peer (the OPEN we
 * received, already decoded) and conf. Refuses with an OPEN error: Bad Peer
 * AS (subcode 2) when the peer's AS, taken from capability 65 when present,
 * is 0 or differs from conf->peer_as; Bad BGP Identifier (3) for an iBGP
 * peer using our identifier; Unacceptable Hold Time (6) by conf; and
 * Unsupported Capability (7) with the missing capabilities as we sent them
 * as data when the peer lacks one in conf->require. Otherwise fills out and
 * returns WIRE_OK. Without any multiprotocol capability a side is taken to
 * speak IPv4 unicast only (RFC 4760 8).
 */
enum wire_verdict wire_nego_open(const struct wire_open *local,
    const struct wire_open *peer, const struct wire_nego_conf *conf,
    struct wire_nego *out, struct wire_err *err);

/* The WIRE_AF_* bits a capability set offers (IPv4 unicast without MP). */
uint32_t wire_nego_afs(const struct wire_capset *c);

#endif
