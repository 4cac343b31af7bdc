/*
 * Flag normalisation of MRT RIB attribute blocks (see bgpd/replay_attr.h).
 * The table of expected flags follows the attribute definitions: RFC 4271
 * 5 (well-known ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE;
 * optional non-transitive MULTI_EXIT_DISC; optional transitive AGGREGATOR),
 * RFC 1997, 4360, 8092 (communities: optional transitive), RFC 4456
 * (ORIGINATOR_ID, CLUSTER_LIST: optional non-transitive), RFC 4760
 * (MP_REACH_NLRI, MP_UNREACH_NLRI: optional non-transitive), RFC 6793
 * (AS4_PATH, AS4_AGGREGATOR: optional transitive), RFC 9234 (OTC: optional
 * transitive).
 */
#include "bgpd/replay_attr.h"
#include "lib/attr.h"
#include "lib/rd.h"
#include "lib/wr.h"

#define OPT ATTR_FLAG_OPTIONAL
#define TRANS ATTR_FLAG_TRANSITIVE

/* Expected Optional and Transitive bits of type t; -1 when unknown. */
static int
flags_expected(uint8_t t)
{
	switch (t) {
	case ATTR_ORIGIN:
	case ATTR_AS_PATH:
	case ATTR_NEXT_HOP:
	case ATTR_LOCAL_PREF:
	case ATTR_ATOMIC_AGGREGATE:
		return TRANS;
	case ATTR_MED:
	case ATTR_ORIGINATOR_ID:
	case ATTR_CLUSTER_LIST:
	case ATTR_MP_REACH_NLRI:
	case ATTR_MP_UNREACH_NLRI:
		return OPT;
	case ATTR_AGGREGATOR:
	case ATTR_COMMUNITIES:
	case ATTR_EXT_COMMUNITIES:
	case ATTR_AS4_PATH:
	case ATTR_AS4_AGGREGATOR:
	case ATTR_LARGE_COMMUNITY:
	case ATTR_OTC:
		return OPT | TRANS;
	default:
		return -1;
	}
}

bool
replay_attr_normalise(const uint8_t *p, size_t n, uint8_t *buf, size_t cap,
    unsigned *changed)
{
	struct rd r;
	struct wr w;
	uint8_t flags, type, len8;
	uint16_t len;
	const uint8_t *val;
	int want;

	*changed = 0;
	rd_init(&r, p, n);
	wr_init(&w, buf, cap);
	while (rd_left(&r) > 0) {
		if (!rd_u8(&r, &flags) || !rd_u8(&r, &type))
			return false;
		if (flags & ATTR_FLAG_EXTLEN) {
			if (!rd_u16(&r, &len))
				return false;
		} else {
			if (!rd_u8(&r, &len8))
				return false;
			len = len8;
		}
		if (!rd_ptr(&r, len, &val))
			return false;
		want = flags_expected(type);
		if (want >= 0 && (flags & (OPT | TRANS)) != want) {
			flags = (uint8_t)((flags & ~(OPT | TRANS)) | want);
			/* RFC 4271 4.3: Partial is 0 for well-known and
			 * optional non-transitive attributes. */
			if (!(want & OPT) || !(want & TRANS))
				flags &= (uint8_t)~ATTR_FLAG_PARTIAL;
			(*changed)++;
		}
		wr_u8(&w, flags);
		wr_u8(&w, type);
		if (flags & ATTR_FLAG_EXTLEN)
			wr_u16(&w, len);
		else
			wr_u8(&w, (uint8_t)len);
		wr_bytes(&w, val, len);
	}
	return wr_ok(&w) && wr_len(&w) == n;
}
