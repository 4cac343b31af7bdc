/*
 * Shared vocabulary of the BGP wire codec (bgpd/wire_*.c): message types,
 * size limits, the verdict every decoder returns and the error detail that
 * comes with it. The codec is pure (STYLE.md section 2): bytes in, values and a
 * verdict out; no sockets, timers, logging or globals. What to do about an
 * error is the caller's decision. RFC 4271 section 4, RFC 8654, RFC 7606.
 */
#ifndef XR_BGPD_WIRE_H
#define XR_BGPD_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIRE_MARKER_LEN 16
#define WIRE_HDR_LEN 19
#define WIRE_MAX_LEN 4096		/* RFC 4271 4.1 */
#define WIRE_MAX_LEN_EXT 65535		/* RFC 8654 extended messages */

enum wire_type {
	WIRE_OPEN = 1,
	WIRE_UPDATE = 2,
	WIRE_NOTIFICATION = 3,
	WIRE_KEEPALIVE = 4,
	WIRE_ROUTE_REFRESH = 5,
};

/*
 * What the caller must do with a message, in increasing severity; of several
 * errors in one message the most severe wins (RFC 7606 section 3).
 */
enum wire_verdict {
	WIRE_OK,
	WIRE_ATTR_DISCARD,	/* an attribute was dropped; route stands */
	WIRE_WITHDRAW,		/* treat every announced prefix as withdrawn */
	WIRE_AFI_DISABLE,	/* disable the AFI/SAFI (RFC 4760 7, RFC 7606 3) */
	WIRE_RESET,		/* NOTIFICATION with err.code/subcode, close */
};

/*
 * Error detail: the NOTIFICATION to send when the verdict is WIRE_RESET
 * (code, subcode, data), plus where and why, for the caller's log line.
 */
#define WIRE_ERR_DATA_MAX 64
struct wire_err {
	uint8_t code;			/* NOTIFICATION error code, 0 if none */
	uint8_t subcode;
	uint16_t data_len;
	uint8_t data[WIRE_ERR_DATA_MAX];
	uint8_t attr_type;		/* attribute at fault, 0 if none */
	size_t offset;			/* byte offset in the message */
	const char *reason;		/* static text, never NULL after an error */
};

/* NOTIFICATION error codes (RFC 4271 4.5, RFC 6608, RFC 7313). */
enum wire_notify_code {
	WIRE_ERR_HEADER = 1,
	WIRE_ERR_OPEN = 2,
	WIRE_ERR_UPDATE = 3,
	WIRE_ERR_HOLD = 4,
	WIRE_ERR_FSM = 5,
	WIRE_ERR_CEASE = 6,
	WIRE_ERR_ROUTE_REFRESH = 7,
};

/* Message header error subcodes (RFC 4271 6.1). */
enum {
	WIRE_HDR_NOT_SYNC = 1,
	WIRE_HDR_BAD_LEN = 2,
	WIRE_HDR_BAD_TYPE = 3,
};

/* One bit per address family the codec knows (AFI/SAFI pair). */
enum wire_af {
	WIRE_AF_IPV4_UNICAST = 1u << 0,
	WIRE_AF_IPV6_UNICAST = 1u << 1,
	WIRE_AF_IPV4_MULTICAST = 1u << 2,
	WIRE_AF_IPV6_MULTICAST = 1u << 3,
};

/*
 * What a session negotiated that changes how messages are parsed and built.
 * Filled by the OPEN negotiation (bgpd/wire_open.c) or, for MRT, by the
 * record header; the codec only reads it.
 */
struct wire_caps {
	bool as4;		/* both sides sent capability 65 (RFC 6793) */
	bool ibgp;		/* peer AS equals local AS */
	bool ext_msg;		/* RFC 8654: messages up to 65535 bytes */
	uint32_t local_as;
	uint32_t peer_as;	/* 0 = skip the eBGP leftmost-AS check */
	uint32_t afs;		/* WIRE_AF_* negotiated (multiprotocol) */
	uint32_t addpath_rx;	/* WIRE_AF_* where NLRI carry path ids (RFC 7911) */
	uint32_t addpath_tx;	/* WIRE_AF_* where we send path ids */
};

/* The WIRE_AF_* bit for (afi, safi), or 0 if the codec does not know it. */
uint32_t wire_af_bit(uint16_t afi, uint8_t safi);

struct wire_hdr {
	uint16_t len;		/* whole message, header included */
	uint8_t type;
};

/*
 * Decode the 19-byte header at buf (n >= WIRE_HDR_LEN bytes available).
 * max_len is WIRE_MAX_LEN or WIRE_MAX_LEN_EXT once extended messages are
 * negotiated. Checks marker, length bounds and per-type minimum length
 * (RFC 4271 6.1). Returns WIRE_OK or WIRE_RESET with err filled.
 */
enum wire_verdict wire_hdr_decode(const uint8_t *buf, size_t n,
    size_t max_len, struct wire_hdr *out, struct wire_err *err);
/* Write a header for a message of total length len and type type. */
struct wr;
void wire_hdr_encode(struct wr *w, uint16_t len, uint8_t type);
/* Set err to a NOTIFICATION (code, subcode) with a reason; returns WIRE_RESET. */
enum wire_verdict wire_err_set(struct wire_err *err, uint8_t code,
    uint8_t subcode, size_t offset, const char *reason);

#endif
