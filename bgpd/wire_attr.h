/*
 * Path attribute codec (RFC 4271 4.3 and 5, RFC 1997, 4360, 4456, 4760,
 * 6793, 8092, 9234): the Path Attributes field of an UPDATE to an attribute
 * builder plus MP_REACH_NLRI / MP_UNREACH_NLRI contents, and back. Each
 * attribute's flag and length rules and the action on failure come from
 * the RFC 7606 table in bgpd/wire_7606.c; this file applies them. Also used
 * by the MRT reader for TABLE_DUMP / TABLE_DUMP_V2 attribute blocks.
 */
#ifndef XR_BGPD_WIRE_ATTR_H
#define XR_BGPD_WIRE_ATTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"

struct wire_update;
struct attr_builder;
struct wr;

/* Options for wire_attrs_decode(). */
enum {
	/*
	 * MRT TABLE_DUMP_V2 RIB entries (RFC 6396 4.3.4): MP_REACH_NLRI holds
	 * only {next hop length, next hop}; AFI/SAFI come from the caller
	 * (mrt_afi / mrt_safi) and there is no NLRI in it.
	 */
	WIRE_ATTRS_MRT_RIB = 1u << 0,
};

/* How to decode an attribute block (defaults: zero). */
struct wire_attrs_opts {
	unsigned flags;			/* WIRE_ATTRS_* */
	uint16_t mrt_afi;		/* with WIRE_ATTRS_MRT_RIB */
	uint8_t mrt_safi;
	size_t base;			/* offset of the block in the message */
};

/*
 * MRT RIB entries (TABLE_DUMP, TABLE_DUMP_V2) carry an attribute block
 * without the UPDATE around it. Decode one with:
 *	wire_update_reset(u);
 *	memset(&err, 0, sizeof(err));
 *	v = wire_attrs_decode(p, len, caps, &opts, u, WIRE_OK, &err);
 *	v = wire_attrs_check(u, caps, afi == AFI_IPV4 && safi == 1, v, &err);
 * with opts.flags = WIRE_ATTRS_MRT_RIB and mrt_afi/mrt_safi for V2 entries,
 * caps->as4 true for V2 (false for TABLE_DUMP), caps->ibgp from peer AS ==
 * local AS, caps->peer_as 0, caps->afs all families; then
 * wire_update_intern(u, afi != IPv4 unicast, table).
 */

/*
 * Decode the Path Attributes field (len bytes at p) into u->attrs,
 * u->reach, u->unreach, u->seen and u->discarded, classifying every error
 * with the RFC 7606 table and AS4_PATH / AS4_AGGREGATOR merged (RFC 6793
 * 4.2.3) when !caps->as4. Does not check for missing mandatory attributes
 * (that depends on the NLRI; see wire_attrs_check()). err is updated only
 * when an error more severe than v already recorded is found. Returns the
 * most severe verdict, starting from v. u must have been reset.
 */
enum wire_verdict wire_attrs_decode(const uint8_t *p, size_t len,
    const struct wire_caps *caps, const struct wire_attrs_opts *opts,
    struct wire_update *u, enum wire_verdict v, struct wire_err *err);

/*
 * Post-decode checks that depend on the NLRI (RFC 4271 6.3, RFC 7606 3(d),
 * 7.3): mandatory attributes present when routes are announced (ipv4_nlri:
 * the NLRI field is not empty; or MP_REACH_NLRI present), and a NEXT_HOP
 * that is a host address when IPv4 NLRI use it (0/8, 127/8, 224/3 are
 * not; the value is kept, the verdict is WITHDRAW). Returns the most severe
 * of v and the new verdict; err is set only when the verdict rises.
 */
enum wire_verdict wire_attrs_check(struct wire_update *u,
    const struct wire_caps *caps, bool ipv4_nlri, enum wire_verdict v,
    struct wire_err *err);

/*
 * Encode the attributes of b (everything but MP_*; NEXT_HOP only when
 * with_nexthop) in type order with canonical flags for a session with caps:
 * 2-octet AS_PATH plus AS4_PATH / AS4_AGGREGATOR when !caps->as4 (RFC 6793
 * 4.2.2). Errors are the writer's sticky error.
 */
void wire_attrs_encode(struct wr *w, const struct attr_builder *b,
    const struct wire_caps *caps, bool with_nexthop);

/* Write one attribute header and value with the Extended Length bit set as needed. */
void wire_attr_put(struct wr *w, uint8_t flags, uint8_t type,
    const uint8_t *val, size_t len);

#endif
