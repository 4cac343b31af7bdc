/*
 * BGP capabilities (RFC 5492) carried in OPEN optional parameters of type 2:
 * multiprotocol (1, RFC 4760), route refresh (2, RFC 2918), extended message
 * (6, RFC 8654), graceful restart (64, RFC 4724 and the RFC 8538 N bit),
 * 4-octet AS (65, RFC 6793), ADD-PATH (69, RFC 7911), enhanced route refresh
 * (70, RFC 7313) and the FQDN capability (73, draft-walton-bgp-hostname).
 * Unknown capabilities are kept as code and bytes for show output. The set
 * also records the order and parameter grouping it was received in, so a
 * decoded OPEN encodes back to the same bytes. Pure codec: no negotiation
 * (bgpd/wire_nego.c), no logging, no allocation.
 */
#ifndef XR_BGPD_WIRE_CAPS_H
#define XR_BGPD_WIRE_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"

struct rd;
struct wr;

enum wire_cap_code {
	WIRE_CAP_MP = 1,
	WIRE_CAP_RR = 2,
	WIRE_CAP_EXT_MSG = 6,
	WIRE_CAP_GR = 64,
	WIRE_CAP_AS4 = 65,
	WIRE_CAP_ADDPATH = 69,
	WIRE_CAP_ERR = 70,
	WIRE_CAP_FQDN = 73,
};

/* Presence bits in wire_capset.has, one per known capability. */
enum wire_capf {
	WIRE_CAPF_MP = 1u << 0,
	WIRE_CAPF_RR = 1u << 1,
	WIRE_CAPF_EXT_MSG = 1u << 2,
	WIRE_CAPF_GR = 1u << 3,
	WIRE_CAPF_AS4 = 1u << 4,
	WIRE_CAPF_ADDPATH = 1u << 5,
	WIRE_CAPF_ERR = 1u << 6,
	WIRE_CAPF_FQDN = 1u << 7,
};

/* Graceful restart flags (RFC 4724 3, RFC 8538 2) and per-AF flag. */
#define WIRE_GR_R 0x8		/* Restart State */
#define WIRE_GR_N 0x4		/* Notification (Hard Reset) support */
#define WIRE_GR_AF_F 0x80	/* Forwarding State preserved */
#define WIRE_GR_TIME_MAX 4095

/* ADD-PATH Send/Receive field (RFC 7911 4). */
#define WIRE_ADDPATH_RX 1
#define WIRE_ADDPATH_TX 2

#define WIRE_CAPS_MAX_AF 32
#define WIRE_CAPS_MAX_UNKNOWN 16
#define WIRE_CAPS_MAX_SLOTS 96
#define WIRE_CAPS_NAME_MAX 255

/*
 * One AFI/SAFI entry. flags is the MP Reserved byte (kept so re-encoding is
 * byte-identical), the GR per-AF flags, or the ADD-PATH Send/Receive value.
 */
struct wire_cap_af {
	uint16_t afi;
	uint8_t safi;
	uint8_t flags;
};

/* A capability this codec does not interpret, kept verbatim. */
struct wire_cap_raw {
	uint8_t code;
	uint8_t len;
	uint8_t data[255];
};

/*
 * Wire layout of one capability: its code, the optional parameter it came in
 * (consecutive slots with the same param share one parameter) and, for list
 * capabilities, which entries of the matching array it carried.
 */
struct wire_cap_slot {
	uint8_t code;
	uint8_t param;
	uint8_t first;		/* for raw slots: index in unknown[] */
	uint8_t count;
	bool raw;		/* kept verbatim in unknown[] */
};

/* The capabilities of one OPEN, decoded. */
struct wire_capset {
	uint32_t has;			/* WIRE_CAPF_* present */
	uint32_t as4;			/* capability 65 value */
	uint8_t gr_flags;		/* WIRE_GR_R | WIRE_GR_N | reserved */
	uint16_t gr_time;		/* restart time, seconds, <= 4095 */
	uint8_t n_mp, n_gr, n_addpath, n_unknown;
	struct wire_cap_af mp[WIRE_CAPS_MAX_AF];
	struct wire_cap_af gr[WIRE_CAPS_MAX_AF];
	struct wire_cap_af addpath[WIRE_CAPS_MAX_AF];
	uint8_t hostname_len, domain_len;	/* FQDN, bytes as received */
	uint8_t hostname[WIRE_CAPS_NAME_MAX];
	uint8_t domain[WIRE_CAPS_NAME_MAX];
	struct wire_cap_raw unknown[WIRE_CAPS_MAX_UNKNOWN];
	uint16_t dropped;		/* entries past the limits, not kept */
	bool lost_layout;		/* more slots than fit: canonical */
	uint8_t n_slots;		/* 0: encode in canonical layout */
	struct wire_cap_slot slot[WIRE_CAPS_MAX_SLOTS];
};

/* Empty set: no capability, canonical layout. */
void wire_caps_init(struct wire_capset *c);

/*
 * Builders for the local OPEN. Each marks the capability present; list
 * entries beyond WIRE_CAPS_MAX_AF are ignored and return -1. They clear the
 * recorded layout, so the set is encoded in canonical order.
 */
int wire_caps_add_mp(struct wire_capset *c, uint16_t afi, uint8_t safi);
int wire_caps_add_gr(struct wire_capset *c, uint16_t afi, uint8_t safi,
    uint8_t flags);
int wire_caps_add_addpath(struct wire_capset *c, uint16_t afi, uint8_t safi,
    uint8_t mode);
/* Mark a capability without value (2, 6, 70) present. */
void wire_caps_set_flag(struct wire_capset *c, uint32_t capf);
/* Set capability 65 to as. */
void wire_caps_set_as4(struct wire_capset *c, uint32_t as);
/* Set the GR header (flags WIRE_GR_*, time clamped to 4095). */
void wire_caps_set_gr(struct wire_capset *c, uint8_t flags, uint16_t time);
/* Set the FQDN capability; names are copied, cut to 251 bytes together. */
void wire_caps_set_fqdn(struct wire_capset *c, const char *host,
    const char *domain);

/*
 * Decode the capabilities in the value of one optional parameter of type 2
 * (r covers exactly that value) and append them to c, recording their layout
 * under parameter number param. off is the message offset of r, for err.
 * A capability whose length does not fit its code, or that overruns the
 * parameter, is an OPEN error, subcode 0 (Unspecific), with the capability
 * as data. Returns WIRE_OK or WIRE_RESET.
 */
enum wire_verdict wire_caps_decode(struct rd *r, uint8_t param, size_t off,
    struct wire_capset *c, struct wire_err *err);

/*
 * Write the capabilities of c as optional parameters of type 2, in the
 * recorded layout or the canonical one (one capability per parameter, known
 * codes first). ext selects RFC 9072 two-octet parameter lengths. A
 * parameter that does not fit its length field fails the writer.
 */
void wire_caps_encode(struct wr *w, const struct wire_capset *c, bool ext);

/*
 * Write every instance of capability code held by c as (code, length,
 * value) tuples, without the parameter header: the Data of an Unsupported
 * Capability NOTIFICATION (RFC 5492 5). Writes nothing if c lacks it.
 */
void wire_caps_encode_code(struct wr *w, const struct wire_capset *c,
    uint8_t code);

/* The name of capability code ("4-octet AS"), or "unknown". */
const char *wire_caps_name(uint8_t code);

#endif
