/*
 * NOTIFICATION message codec (RFC 4271 4.5, 6): error code, subcode and
 * data, with the data decoded where an RFC gives it a shape: Cease/Maximum
 * Number of Prefixes Reached (RFC 4486 4), the shutdown communication of
 * Cease/Administrative Shutdown and Reset (RFC 9003 2) and the encapsulated
 * error of Cease/Hard Reset (RFC 8538 3). Names for every code and subcode
 * and a one-line description for log lines; the codec itself never logs.
 */
#ifndef XR_BGPD_WIRE_NOTIFY_H
#define XR_BGPD_WIRE_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"

struct wr;

/* Cease subcodes (RFC 4486, RFC 8538, RFC 9384; SPEC.md 4.4). */
enum wire_cease_sub {
	WIRE_CEASE_MAX_PREFIX = 1,
	WIRE_CEASE_ADMIN_SHUTDOWN = 2,
	WIRE_CEASE_PEER_DECONFIGURED = 3,
	WIRE_CEASE_ADMIN_RESET = 4,
	WIRE_CEASE_CONN_REJECTED = 5,
	WIRE_CEASE_CONFIG_CHANGE = 6,
	WIRE_CEASE_COLLISION = 7,
	WIRE_CEASE_OUT_OF_RESOURCES = 8,
	WIRE_CEASE_HARD_RESET = 9,
	WIRE_CEASE_BFD_DOWN = 10,
};

/* ROUTE-REFRESH Message Error subcode (RFC 7313 5). */
#define WIRE_RR_ERR_BAD_LEN 1

#define WIRE_SHUTDOWN_MAX 255		/* RFC 9003 2 */

struct wire_notify {
	uint8_t code;
	uint8_t subcode;
	const uint8_t *data;		/* borrowed; NULL when data_len is 0 */
	size_t data_len;
	/* Cease/1 with 7 bytes of data (RFC 4486 4). */
	bool has_max_prefix;
	uint16_t afi;
	uint8_t safi;
	uint32_t limit;
	/* Cease/2 and Cease/4 with a non-empty communication (RFC 9003). */
	bool has_shutdown;
	bool shutdown_valid;		/* length fits and text is UTF-8 */
	const uint8_t *shutdown;	/* borrowed, not NUL-terminated */
	size_t shutdown_len;		/* bytes present, at most the length */
	/* Cease/9: the error that caused the Hard Reset (RFC 8538 3). */
	bool has_inner;
	uint8_t inner_code;
	uint8_t inner_subcode;
	const uint8_t *inner_data;	/* borrowed */
	size_t inner_data_len;
};

/*
 * Decode the NOTIFICATION body (len bytes after the header) into out, whose
 * pointers then borrow from buf. A body shorter than code and subcode gives
 * WIRE_RESET with a header length error (for the log: no NOTIFICATION is
 * ever sent in reply to one); anything else is WIRE_OK, malformed data
 * included (reported through the has_ and _valid flags).
 */
enum wire_verdict wire_notify_decode(const uint8_t *buf, size_t len,
    struct wire_notify *out, struct wire_err *err);

/* Write a complete NOTIFICATION (header included) with n's code, subcode
 * and data; the decoded fields are ignored. */
void wire_notify_encode(struct wr *w, const struct wire_notify *n);

/* Write a complete NOTIFICATION for err (code, subcode, data). */
void wire_notify_encode_err(struct wr *w, const struct wire_err *err);

/*
 * Data builders, written to w for use as wire_notify.data:
 * Maximum Number of Prefixes Reached (AFI, SAFI, limit);
 * a shutdown communication (text cut to 255 bytes on a UTF-8 boundary);
 * a Hard Reset encapsulating (code, subcode, data).
 */
void wire_notify_max_prefix_data(struct wr *w, uint16_t afi, uint8_t safi,
    uint32_t limit);
void wire_notify_shutdown_data(struct wr *w, const char *text);
void wire_notify_hard_reset_data(struct wr *w, uint8_t code, uint8_t subcode,
    const uint8_t *data, size_t len);

/* True when the len bytes at p are well-formed UTF-8 (RFC 3629). */
bool wire_notify_is_utf8(const uint8_t *p, size_t len);

/* Name of an error code ("Cease"), or NULL when unknown. */
const char *wire_notify_code_name(uint8_t code);
/* Name of a subcode ("Maximum Number of Prefixes Reached"), or NULL. */
const char *wire_notify_subcode_name(uint8_t code, uint8_t subcode);

/*
 * Print a one-line description of n into buf (size bytes, always
 * NUL-terminated when size > 0), such as "Cease/Administrative Shutdown:
 * \"maintenance\"". Peer text is escaped; data without a known shape is
 * shown in hex. Returns the length the full line needs, like snprintf.
 */
size_t wire_notify_print(const struct wire_notify *n, char *buf, size_t size);

#endif
