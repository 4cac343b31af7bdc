/*
 * The RFC 7606 table (bgpd/wire_7606.h): per attribute type the expected
 * flags, the length rule and the action on error, exactly as SPEC.md 4.3
 * lists them, plus the lookup and flag/length check. Value checks (ORIGIN
 * value, AS_PATH segments, MP_REACH next hop, NLRI) are in bgpd/wire_attr.c
 * and use the same row's action. Pure data and two functions.
 */
#include <stddef.h>

#include "bgpd/wire_7606.h"
#include "lib/attr.h"

#define WK	ATTR_FLAG_TRANSITIVE			/* well-known */
#define ONT	ATTR_FLAG_OPTIONAL			/* optional non-transitive */
#define OT	(ATTR_FLAG_OPTIONAL | ATTR_FLAG_TRANSITIVE)

/* IPv6 Address Specific Extended Community (RFC 5701): kept opaque. */
#define ATTR_IPV6_EXT_COMMUNITIES 25

static const struct wire_7606_row rows[] = {
	/* RFC 7606 7.1: length != 1 or value > 2. */
	{ ATTR_ORIGIN, WK, WIRE_LEN_EXACT, 1, WIRE_WITHDRAW, false, false,
	    "ORIGIN" },
	/* 7.2: bad segment type, zero-length segment, over/underrun. */
	{ ATTR_AS_PATH, WK, WIRE_LEN_ANY, 0, WIRE_WITHDRAW, false, false,
	    "AS_PATH" },
	/* 7.3. */
	{ ATTR_NEXT_HOP, WK, WIRE_LEN_EXACT, 4, WIRE_WITHDRAW, false, false,
	    "NEXT_HOP" },
	/* 7.4. */
	{ ATTR_MED, ONT, WIRE_LEN_EXACT, 4, WIRE_WITHDRAW, false, false,
	    "MULTI_EXIT_DISC" },
	/* 7.5: from eBGP discarded; from iBGP length != 4. */
	{ ATTR_LOCAL_PREF, WK, WIRE_LEN_EXACT, 4, WIRE_WITHDRAW, true, false,
	    "LOCAL_PREF" },
	/* 7.6. */
	{ ATTR_ATOMIC_AGGREGATE, WK, WIRE_LEN_EXACT, 0, WIRE_ATTR_DISCARD,
	    false, false, "ATOMIC_AGGREGATE" },
	/* 7.7. */
	{ ATTR_AGGREGATOR, OT, WIRE_LEN_AGGR, 0, WIRE_ATTR_DISCARD, false,
	    false, "AGGREGATOR" },
	/* 7.8. */
	{ ATTR_COMMUNITIES, OT, WIRE_LEN_MULT, 4, WIRE_WITHDRAW, false, false,
	    "COMMUNITIES" },
	/* 7.9, 7.10 and SPEC.md 4.3: from eBGP discarded. */
	{ ATTR_ORIGINATOR_ID, ONT, WIRE_LEN_EXACT, 4, WIRE_WITHDRAW, true,
	    false, "ORIGINATOR_ID" },
	{ ATTR_CLUSTER_LIST, ONT, WIRE_LEN_MULT, 4, WIRE_WITHDRAW, true, false,
	    "CLUSTER_LIST" },
	/* 7.11 and 3(g): AFI/SAFI disable; twice: session reset. */
	{ ATTR_MP_REACH_NLRI, ONT, WIRE_LEN_MIN, 5, WIRE_AFI_DISABLE, false,
	    true, "MP_REACH_NLRI" },
	{ ATTR_MP_UNREACH_NLRI, ONT, WIRE_LEN_MIN, 3, WIRE_AFI_DISABLE, false,
	    true, "MP_UNREACH_NLRI" },
	/* 7.14. */
	{ ATTR_EXT_COMMUNITIES, OT, WIRE_LEN_MULT, 8, WIRE_WITHDRAW, false,
	    false, "EXTENDED_COMMUNITIES" },
	/* RFC 6793 6: malformed AS4_* are discarded. */
	{ ATTR_AS4_PATH, OT, WIRE_LEN_ANY, 0, WIRE_ATTR_DISCARD, false, false,
	    "AS4_PATH" },
	{ ATTR_AS4_AGGREGATOR, OT, WIRE_LEN_EXACT, 8, WIRE_ATTR_DISCARD, false,
	    false, "AS4_AGGREGATOR" },
	/* 7.15 (RFC 5701). */
	{ ATTR_IPV6_EXT_COMMUNITIES, OT, WIRE_LEN_MULT, 20, WIRE_WITHDRAW,
	    false, false, "IPV6_EXTENDED_COMMUNITIES" },
	/* RFC 8092 6. */
	{ ATTR_LARGE_COMMUNITY, OT, WIRE_LEN_MULT, 12, WIRE_WITHDRAW, false,
	    false, "LARGE_COMMUNITY" },
	/* RFC 9234 5. */
	{ ATTR_OTC, OT, WIRE_LEN_EXACT, 4, WIRE_WITHDRAW, false, false,
	    "OTC" },
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

const struct wire_7606_row *
wire_7606_lookup(uint8_t t)
{
	size_t i;

	for (i = 0; i < NROWS; i++)
		if (rows[i].type == t)
			return &rows[i];
	return NULL;
}

size_t
wire_7606_rows(void)
{
	return NROWS;
}

const struct wire_7606_row *
wire_7606_row_at(size_t i)
{
	return i < NROWS ? &rows[i] : NULL;
}

static bool
wire_7606_len_ok(const struct wire_7606_row *row, size_t len,
    const struct wire_caps *caps)
{
	switch (row->rule) {
	case WIRE_LEN_EXACT:
		return len == row->len;
	case WIRE_LEN_MULT:
		return len > 0 && len % row->len == 0;
	case WIRE_LEN_MIN:
		return len >= row->len;
	case WIRE_LEN_AGGR:
		return len == (caps->as4 ? 8u : 6u);
	default:
		return true;
	}
}

enum wire_verdict
wire_7606_check(const struct wire_7606_row *row, uint8_t flags, size_t len,
    const struct wire_caps *caps, uint8_t *subcode, const char **reason)
{
	/* RFC 7606 3(c): only the Optional and Transitive bits are checked. */
	if ((flags & (ATTR_FLAG_OPTIONAL | ATTR_FLAG_TRANSITIVE)) !=
	    row->flags) {
		*subcode = WIRE_UPD_FLAGS;
		*reason = "attribute flags conflict with its type";
		return (enum wire_verdict)row->on_error;
	}
	if (!wire_7606_len_ok(row, len, caps)) {
		*subcode = WIRE_UPD_LENGTH;
		*reason = "attribute length invalid for its type";
		return (enum wire_verdict)row->on_error;
	}
	return WIRE_OK;
}
