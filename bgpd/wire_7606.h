/*
 * The RFC 7606 error table of the UPDATE codec: one row per known path
 * attribute type giving its expected Optional/Transitive flags, its length
 * rule, the action when it is malformed (flags conflict, bad length, bad
 * value) and whether it is discarded when received over eBGP. The decoder
 * (bgpd/wire_attr.c) looks rows up and applies them; the policy lives here
 * as data, not as special cases in code (STYLE.md section 3). RFC 7606
 * sections 3, 4 and 7, RFC 4271 6.3, RFC 6793 6, RFC 8092 6, RFC 9234 5.
 */
#ifndef XR_BGPD_WIRE_7606_H
#define XR_BGPD_WIRE_7606_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"

/* UPDATE message error subcodes (RFC 4271 6.3). */
enum {
	WIRE_UPD_MALFORMED_LIST = 1,
	WIRE_UPD_UNRECOGNIZED_WK = 2,
	WIRE_UPD_MISSING_WK = 3,
	WIRE_UPD_FLAGS = 4,
	WIRE_UPD_LENGTH = 5,
	WIRE_UPD_ORIGIN = 6,
	WIRE_UPD_NEXT_HOP = 8,
	WIRE_UPD_OPTIONAL = 9,
	WIRE_UPD_NETWORK = 10,
	WIRE_UPD_AS_PATH = 11,
};

/* How an attribute's length is checked. */
enum wire_len_rule {
	WIRE_LEN_ANY,		/* the value decoder checks it */
	WIRE_LEN_EXACT,		/* == len */
	WIRE_LEN_MULT,		/* non-zero multiple of len */
	WIRE_LEN_MIN,		/* >= len */
	WIRE_LEN_AGGR,		/* 6, or 8 with 4-octet ASNs (RFC 6793) */
};

struct wire_7606_row {
	uint8_t type;		/* enum attr_type */
	uint8_t flags;		/* expected Optional|Transitive bits */
	uint8_t rule;		/* enum wire_len_rule */
	uint8_t len;
	uint8_t on_error;	/* enum wire_verdict when malformed */
	bool ebgp_discard;	/* attribute discard when from eBGP */
	bool dup_reset;		/* present twice: session reset (else keep first) */
	const char *name;
};

/* The row for attribute type t, or NULL when the codec does not know t. */
const struct wire_7606_row *wire_7606_lookup(uint8_t t);

/*
 * Check the flags and length of one attribute against its row for a
 * session with caps. Returns WIRE_OK, or row->on_error with *subcode (RFC
 * 4271 6.3) and *reason (static text) set.
 */
enum wire_verdict wire_7606_check(const struct wire_7606_row *row,
    uint8_t flags, size_t len, const struct wire_caps *caps,
    uint8_t *subcode, const char **reason);

/* Number of rows and the i-th row (for tests that cover every row). */
size_t wire_7606_rows(void);
const struct wire_7606_row *wire_7606_row_at(size_t i);

#endif
