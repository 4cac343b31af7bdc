/*
 * MRT routing information export format (RFC 6396, ADD-PATH RFC 8050):
 * record framing and pure decoders for TABLE_DUMP, TABLE_DUMP_V2 and
 * BGP4MP / BGP4MP_ET records. Bytes in, plain values and views out; every
 * read goes through lib/rd.h; no logging, no I/O, no globals. Path
 * attributes and BGP messages are returned as byte views for the UPDATE codec
 * (bgpd/wire_update.c) or a printer to decode. File input (decompression,
 * streaming) lives in bgpd/mrt_file.c; text output never lives here.
 */
#ifndef XR_BGPD_MRT_H
#define XR_BGPD_MRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"
#include "lib/rd.h"

#define MRT_HDR_LEN 12
#define MRT_HDR_ET_LEN 16
/* Largest record body accepted in memory (the corpus peaks near 70 KB). */
#define MRT_REC_MAX (16u * 1024u * 1024u)

/* MRT types (RFC 6396 4, IANA). */
enum mrt_type {
	MRT_BGP = 5,			/* deprecated "BGP" (RFC 6396 B.2.2) */
	MRT_TABLE_DUMP = 12,
	MRT_TABLE_DUMP_V2 = 13,
	MRT_BGP4MP = 16,
	MRT_BGP4MP_ET = 17,
	MRT_ISIS = 32,
	MRT_ISIS_ET = 33,
	MRT_OSPFV3 = 48,
	MRT_OSPFV3_ET = 49,
};

/* TABLE_DUMP_V2 subtypes (RFC 6396 4.3, RFC 6397, RFC 8050). */
enum mrt_td2_subtype {
	MRT_TD2_PEER_INDEX = 1,
	MRT_TD2_RIB_IPV4_UNICAST = 2,
	MRT_TD2_RIB_IPV4_MULTICAST = 3,
	MRT_TD2_RIB_IPV6_UNICAST = 4,
	MRT_TD2_RIB_IPV6_MULTICAST = 5,
	MRT_TD2_RIB_GENERIC = 6,
	MRT_TD2_GEO_PEER_TABLE = 7,
	MRT_TD2_RIB_IPV4_UNICAST_AP = 8,
	MRT_TD2_RIB_IPV4_MULTICAST_AP = 9,
	MRT_TD2_RIB_IPV6_UNICAST_AP = 10,
	MRT_TD2_RIB_IPV6_MULTICAST_AP = 11,
	MRT_TD2_RIB_GENERIC_AP = 12,
};

/* BGP4MP subtypes (RFC 6396 4.4, RFC 8050). */
enum mrt_bgp4mp_subtype {
	MRT_BGP4MP_STATE_CHANGE = 0,
	MRT_BGP4MP_MESSAGE = 1,
	MRT_BGP4MP_ENTRY = 2,		/* deprecated */
	MRT_BGP4MP_SNAPSHOT = 3,	/* deprecated */
	MRT_BGP4MP_MESSAGE_AS4 = 4,
	MRT_BGP4MP_STATE_CHANGE_AS4 = 5,
	MRT_BGP4MP_MESSAGE_LOCAL = 6,
	MRT_BGP4MP_MESSAGE_AS4_LOCAL = 7,
	MRT_BGP4MP_MESSAGE_AP = 8,
	MRT_BGP4MP_MESSAGE_AS4_AP = 9,
	MRT_BGP4MP_MESSAGE_LOCAL_AP = 10,
	MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP = 11,
};

/*
 * What the caller should do with a record. With MRT_OK, err->reason is
 * NULL or a warning about a contained problem (e.g. trailing bytes).
 */
enum mrt_verdict {
	MRT_OK,			/* decoded */
	MRT_SKIP,		/* deprecated or unknown type/subtype: count, warn */
	MRT_ERR,		/* malformed: err says where and why */
};

/* Why a decoder failed: a static reason and the offset in the record body. */
struct mrt_err {
	const char *reason;
	size_t offset;
};

/* The common header (RFC 6396 2); for _ET types len excludes the usec field. */
struct mrt_hdr {
	uint32_t ts;
	uint32_t usec;		/* BGP4MP_ET / *_ET microseconds, else 0 */
	uint16_t type;
	uint16_t subtype;
	uint32_t len;		/* body length following the (extended) header */
	bool et;		/* extended-timestamp type: header is 16 bytes */
};

/* One TABLE_DUMP_V2 peer (RFC 6396 4.3.1). */
struct mrt_peer {
	uint32_t bgp_id;	/* host order */
	uint32_t as;
	struct addr ip;
};

/* A PEER_INDEX_TABLE; peers is owned (free with mrt_peer_index_fini). */
#define MRT_VIEW_MAX 256
struct mrt_peer_index {
	uint32_t collector_id;	/* host order */
	char view[MRT_VIEW_MAX];	/* NUL-terminated, truncated if longer */
	uint16_t count;
	struct mrt_peer *peers;
};

/*
 * A TABLE_DUMP_V2 RIB record (RIB_* and RIB_GENERIC, with or without
 * ADD-PATH). The entries are read one by one with mrt_rib_next().
 */
struct mrt_rib {
	uint32_t seq;
	uint16_t afi;
	uint8_t safi;
	bool addpath;
	bool host_bits;		/* the prefix had bits set beyond its length */
	struct prefix pfx;	/* masked; unset (afi 0) for unknown GENERIC AFIs */
	struct bytes nlri;	/* GENERIC: the raw NLRI; else the prefix bytes */
	uint16_t count;		/* entries announced in the header */
	uint16_t next;		/* entries read so far */
	struct rd rest;		/* the entries not read yet */
	size_t body_len;	/* record body length, for error offsets */
};

/* One RIB entry: attributes in RFC 6396 4.3.4 form (4-octet AS_PATH). */
struct mrt_rib_entry {
	uint16_t peer_idx;
	uint32_t originated;
	uint32_t path_id;	/* ADD-PATH only, else 0 */
	struct bytes attrs;
};

/* Subtypes of the deprecated type 5 "BGP" that carry routes or states. */
enum mrt_bgp_subtype {
	MRT_BGP_UPDATE = 1,
	MRT_BGP_STATE_CHANGE = 3,
	MRT_BGP_KEEPALIVE = 7,		/* 0, 2, 4-7: no routes, not decoded */
};

/*
 * A deprecated type 5 record: BGP_UPDATE (update is the UPDATE body after
 * the BGP header: withdrawn, attributes with 2-octet ASNs, NLRI) or
 * BGP_STATE_CHANGE (peer and old/new state).
 */
struct mrt_bgp {
	uint16_t subtype;
	uint32_t peer_as;
	struct addr peer_ip;
	uint32_t local_as;
	struct addr local_ip;
	uint16_t old_state;
	uint16_t new_state;
	struct bytes update;
};

/* A legacy TABLE_DUMP record (RFC 6396 4.2): 2-octet ASNs only. */
struct mrt_td1 {
	uint16_t view;
	uint16_t seq;
	bool host_bits;
	struct prefix pfx;
	uint8_t status;
	uint32_t originated;
	struct addr peer;
	uint32_t peer_as;
	bool as4;		/* nonstandard subtypes 3/4 (4-octet peer AS) */
	struct bytes attrs;
};

/*
 * A BGP4MP / BGP4MP_ET record (RFC 6396 4.4). For STATE_CHANGE* old/new
 * state are set; for MESSAGE* msg is the whole BGP message, marker included.
 * peer/local are the remote and local side whatever the direction; local
 * tells which one sent the message (MESSAGE_LOCAL*).
 */
struct mrt_bgp4mp {
	uint16_t subtype;
	bool state;		/* STATE_CHANGE or STATE_CHANGE_AS4 */
	bool as4;		/* 4-octet AS fields and AS_PATH */
	bool addpath;		/* NLRI carry path identifiers */
	bool local;		/* the message was sent by the local side */
	bool zebra8;		/* 8-byte Zebra STATE_CHANGE without addresses */
	uint32_t peer_as;
	uint32_t local_as;
	uint16_t ifindex;
	uint16_t afi;
	struct addr peer_ip;
	struct addr local_ip;
	uint16_t old_state;
	uint16_t new_state;
	struct bytes msg;
};

/*
 * Decode the common header from n bytes at p. Returns MRT_OK, or MRT_ERR
 * when fewer than MRT_HDR_LEN (MRT_HDR_ET_LEN for _ET types) bytes are given
 * or an _ET length is below 4. Does not judge type or length.
 */
enum mrt_verdict mrt_hdr_decode(const uint8_t *p, size_t n,
    struct mrt_hdr *h, struct mrt_err *err);
/* Header length for this record (12 or 16). */
size_t mrt_hdr_len(const struct mrt_hdr *h);
/*
 * True for (type, subtype) pairs this module decodes (including the
 * deprecated type 5 BGP_UPDATE / BGP_STATE_CHANGE); false for the rest,
 * which the caller skips with a counted warning.
 */
bool mrt_is_known(uint16_t type, uint16_t subtype);
/*
 * True for the pairs replay consumers use (SPEC 4.5): mrt_is_known() minus
 * the deprecated type 5, which they skip with a counted warning.
 */
bool mrt_is_replayable(uint16_t type, uint16_t subtype);
/* Static names for messages ("TABLE_DUMP_V2", "RIB_IPV4_UNICAST"); never NULL. */
const char *mrt_type_name(uint16_t type);
const char *mrt_subtype_name(uint16_t type, uint16_t subtype);

/* Read an address of afi (4 or 16 bytes) into a; false on short data. */
bool mrt_addr_read(struct rd *r, uint8_t afi, struct addr *a);
/*
 * Read a {length u8, ceil(length/8) bytes} prefix of afi into p, masked;
 * host_bits tells whether bits beyond the length were set. False on short
 * data or a length beyond the family's maximum.
 */
bool mrt_prefix_read(struct rd *r, uint8_t afi, struct prefix *p,
    bool *host_bits);

/*
 * Decode a PEER_INDEX_TABLE body into t (peers allocated, owned by t even on
 * MRT_ERR; release with mrt_peer_index_fini). The peer count is bounded by
 * the record length before allocating.
 */
enum mrt_verdict mrt_peer_index_decode(const uint8_t *p, size_t n,
    struct mrt_peer_index *t, struct mrt_err *err);
void mrt_peer_index_fini(struct mrt_peer_index *t);

/*
 * Decode the head of a TABLE_DUMP_V2 RIB_* / RIB_GENERIC body of the given
 * subtype. The result borrows p. Entries follow with mrt_rib_next().
 */
enum mrt_verdict mrt_rib_decode(const uint8_t *p, size_t n, uint16_t subtype,
    struct mrt_rib *rib, struct mrt_err *err);
/*
 * Read the next RIB entry. Returns MRT_OK with e filled, MRT_SKIP when all
 * count entries were read (err->reason then warns about left-over bytes),
 * or MRT_ERR on a truncated entry (err->offset relative to the body).
 */
enum mrt_verdict mrt_rib_next(struct mrt_rib *rib, struct mrt_rib_entry *e,
    struct mrt_err *err);

/* Decode a TABLE_DUMP body of the given subtype (1 IPv4, 2 IPv6, 3/4 AS4). */
enum mrt_verdict mrt_td1_decode(const uint8_t *p, size_t n, uint16_t subtype,
    struct mrt_td1 *out, struct mrt_err *err);

/*
 * Decode a deprecated type 5 body: BGP_UPDATE or BGP_STATE_CHANGE; the
 * other subtypes (OPEN, KEEPALIVE, ...) return MRT_OK with nothing filled.
 */
enum mrt_verdict mrt_bgp_decode(const uint8_t *p, size_t n, uint16_t subtype,
    struct mrt_bgp *out, struct mrt_err *err);

/*
 * Decode a BGP4MP / BGP4MP_ET body of the given subtype (STATE_CHANGE*,
 * MESSAGE*); out borrows p. The BGP message is only located, not decoded.
 */
enum mrt_verdict mrt_bgp4mp_decode(const uint8_t *p, size_t n,
    uint16_t subtype, struct mrt_bgp4mp *out, struct mrt_err *err);

#endif
