/*
 * UPDATE message codec (RFC 4271 4.3, RFC 4760, RFC 4724 2, RFC 6793, RFC
 * 7606, RFC 7911): the message body as values and back. Decoding fills a
 * reusable struct wire_update (withdrawn and announced IPv4 prefixes, the
 * MP_REACH_NLRI and MP_UNREACH_NLRI contents, the path attributes in an
 * attribute builder, End-of-RIB) and classifies errors per RFC 7606 into one
 * verdict. Encoding mirrors it, and packs many prefixes with identical
 * attributes into one message. Pure: no sockets, no logging, no globals.
 * The attribute codec is bgpd/wire_attr.c, the RFC 7606 table
 * bgpd/wire_7606.c, prefix lists bgpd/wire_nlri.c.
 */
#ifndef XR_BGPD_WIRE_UPDATE_H
#define XR_BGPD_WIRE_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"
#include "bgpd/wire_nlri.h"
#include "lib/attr.h"

/* The contents of an MP_REACH_NLRI or MP_UNREACH_NLRI attribute. */
struct wire_mp {
	bool present;
	uint16_t afi;
	uint8_t safi;
	struct addr nh;			/* reach only: global next hop */
	struct addr nh_ll;		/* reach only: IPv6 link-local, afi 0 if none */
	struct wire_nlri_list nlri;
};

/*
 * A decoded UPDATE. Lists and builder storage are reused across
 * wire_update_decode() calls. The attribute views in attrs point into the
 * decoded message body or into attrs' own storage: keep the body alive and
 * unchanged while using them (attrs_intern() copies what it keeps).
 *
 * attrs.a.nexthop is the NEXT_HOP attribute (IPv4 NLRI field); the
 * MP_REACH_NLRI next hops are in reach.nh / reach.nh_ll. Use
 * wire_update_intern() to get the set for either kind of route.
 *
 * With verdict WIRE_WITHDRAW every prefix in nlri and reach.nlri must be
 * handled as withdrawn (RFC 7606 2); with WIRE_AFI_DISABLE the AFI/SAFI in
 * disable_afi/disable_safi is to be disabled (its MP attribute is reported
 * not present) and the rest of the message stands for other families; with
 * WIRE_RESET nothing in it is usable. Of several errors the most severe
 * verdict is returned (RFC 7606 3(j)).
 */
struct wire_update {
	struct wire_nlri_list withdrawn;	/* Withdrawn Routes (IPv4 unicast) */
	struct wire_nlri_list nlri;		/* NLRI field (IPv4 unicast) */
	struct wire_mp reach;			/* MP_REACH_NLRI */
	struct wire_mp unreach;			/* MP_UNREACH_NLRI */
	struct attr_builder attrs;		/* path attributes */
	size_t attr_len;		/* Total Path Attribute Length */
	uint32_t eor;			/* WIRE_AF_* bit if End-of-RIB, else 0 */
	size_t host_bits_masked;	/* prefixes whose host bits were cleared */
	unsigned discarded;		/* attributes dropped (attribute discard) */
	uint16_t disable_afi;		/* with WIRE_AFI_DISABLE */
	uint8_t disable_safi;
	uint8_t seen[32];		/* bitmap of attribute types received */
};

/* Prepare an empty update; free it with wire_update_fini(). */
void wire_update_init(struct wire_update *u);
/* Free the lists and the builder storage. */
void wire_update_fini(struct wire_update *u);
/* Empty u for the next message, keeping its memory. */
void wire_update_reset(struct wire_update *u);

/* True if attribute type t was present in the decoded message. */
bool wire_update_has_attr(const struct wire_update *u, uint8_t t);

/*
 * Decode an UPDATE body: the len bytes after the 19-byte message header
 * (Withdrawn Routes Length onwards). u is reset first. caps says how the
 * session parses (as4, iBGP/eBGP, peer AS for the RFC 4271 6.3 neighbour
 * check, negotiated families, ADD-PATH receive families). Returns the most
 * severe RFC 7606 verdict; err describes that error (code and subcode are
 * the NOTIFICATION to send when the verdict is WIRE_RESET). u remains valid
 * until the next reset or decode and borrows body (see struct wire_update).
 */
enum wire_verdict wire_update_decode(const uint8_t *body, size_t len,
    const struct wire_caps *caps, struct wire_update *u,
    struct wire_err *err);

/*
 * Intern the attribute set of one kind of route of u: mp false for the
 * IPv4 NLRI field (NEXT_HOP), true for MP_REACH_NLRI prefixes (its next
 * hops replace NEXT_HOP). Returns a new reference from t.
 */
const struct attrs *wire_update_intern(struct wire_update *u, bool mp,
    struct attr_table *t);

/*
 * Encode u as one complete UPDATE message (header included) into buf of
 * cap bytes, for a session with caps (as4: AS_PATH width and AS4_PATH;
 * addpath_tx: path ids; ext_msg: 65535-byte limit). IPv4 unicast NLRI go in
 * the NLRI field; NEXT_HOP is written when attrs has an IPv4 one (mirroring
 * the decoder, which keeps it even without NLRI); reach and unreach are
 * encoded when present, first among the attributes (RFC 7606 5.1), the rest
 * in type order with canonical flags. Returns the message length, or 0 if
 * it does not fit in cap or in the maximum message size.
 */
size_t wire_update_encode(const struct wire_update *u,
    const struct wire_caps *caps, uint8_t *buf, size_t cap);

/*
 * Build one UPDATE announcing the longest prefix of nlri[0..n) (all of
 * afi/safi) that fits, with attributes b (next hop from b->a.nexthop and
 * nexthop_ll). IPv4 unicast uses the NLRI field, other families
 * MP_REACH_NLRI. Returns how many prefixes were packed (0 if not even one
 * fits) and the message length in *len.
 */
size_t wire_update_pack_reach(const struct attr_builder *b, uint16_t afi,
    uint8_t safi, const struct wire_nlri *nlri, size_t n,
    const struct wire_caps *caps, uint8_t *buf, size_t cap, size_t *len);

/*
 * Build one UPDATE withdrawing the longest prefix of nlri[0..n) that fits
 * (Withdrawn Routes for IPv4 unicast, MP_UNREACH_NLRI otherwise). Returns
 * how many were packed and the message length in *len.
 */
size_t wire_update_pack_unreach(uint16_t afi, uint8_t safi,
    const struct wire_nlri *nlri, size_t n, const struct wire_caps *caps,
    uint8_t *buf, size_t cap, size_t *len);

/* Build the End-of-RIB marker for afi/safi (RFC 4724 2); returns length. */
size_t wire_update_encode_eor(uint16_t afi, uint8_t safi, uint8_t *buf,
    size_t cap);

#endif
