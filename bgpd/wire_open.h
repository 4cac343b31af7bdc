/*
 * OPEN message codec (RFC 4271 4.2 and 6.2): version, My AS, hold time, BGP
 * identifier and optional parameters, of which only capabilities (type 2,
 * RFC 5492) are supported; RFC 9072 extended optional-parameter lengths are
 * parsed and, when asked for, written. Capabilities themselves live in
 * bgpd/wire_caps.c, negotiation in bgpd/wire_nego.c. Pure codec.
 */
#ifndef XR_BGPD_WIRE_OPEN_H
#define XR_BGPD_WIRE_OPEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"
#include "bgpd/wire_caps.h"

struct wr;

#define WIRE_OPEN_VERSION 4
#define WIRE_AS_TRANS 23456		/* RFC 6793 */
#define WIRE_OPEN_MIN_BODY 10		/* fixed fields after the header */

/* OPEN error subcodes (RFC 4271 6.2, RFC 5492, IANA). */
enum wire_open_sub {
	WIRE_OPEN_UNSPECIFIC = 0,
	WIRE_OPEN_BAD_VERSION = 1,
	WIRE_OPEN_BAD_PEER_AS = 2,
	WIRE_OPEN_BAD_ID = 3,
	WIRE_OPEN_BAD_OPT_PARAM = 4,
	WIRE_OPEN_BAD_HOLD = 6,
	WIRE_OPEN_BAD_CAP = 7,
	WIRE_OPEN_ROLE_MISMATCH = 11,
};

struct wire_open {
	uint8_t version;
	uint16_t my_as;		/* 2-octet field; AS_TRANS for larger ASes */
	uint16_t hold;		/* seconds: 0 or >= 3 */
	uint32_t bgp_id;	/* host order */
	bool ext_params;	/* RFC 9072 format was (or is to be) used */
	struct wire_capset caps;
};

/*
 * Start a local OPEN: version 4, My AS (AS_TRANS when as > 65535, in which
 * case nothing else is possible, so capability 65 is always set), hold time
 * and identifier; other capabilities are added with wire_caps_add_*.
 */
void wire_open_init(struct wire_open *o, uint32_t as, uint16_t hold,
    uint32_t bgp_id);

/*
 * Decode the OPEN body (len bytes after the 19-byte header) into out.
 * Checks version (subcode 1, data: 2-octet version 4), hold time (subcode 6),
 * BGP identifier 0 (subcode 3), optional parameter structure (subcode 0),
 * unknown parameter types (subcode 4) and capability lengths. Peer-AS and
 * capability policy are wire_nego_open's job. Returns WIRE_OK, or
 * WIRE_RESET with err set to the NOTIFICATION to send.
 */
enum wire_verdict wire_open_decode(const uint8_t *buf, size_t len,
    struct wire_open *out, struct wire_err *err);

/*
 * Write o as a complete OPEN message, header included. The writer fails
 * (sticky) when the message or a parameter does not fit.
 */
void wire_open_encode(struct wr *w, const struct wire_open *o);

/* The peer's AS: capability 65 when present, else the My AS field. */
uint32_t wire_open_as(const struct wire_open *o);

#endif
