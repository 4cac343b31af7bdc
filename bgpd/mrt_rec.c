/*
 * MRT record framing (RFC 6396 2, 3): the common header, the extended
 * timestamp header of the _ET types, the table of (type, subtype) pairs we
 * decode and their names for diagnostics. Pure; knows nothing about files.
 */
#include <stddef.h>
#include <string.h>

#include "bgpd/mrt.h"
#include "lib/rd.h"

static enum mrt_verdict
fail(struct mrt_err *err, size_t off, const char *reason)
{
	err->reason = reason;
	err->offset = off;
	return MRT_ERR;
}

static bool
type_is_et(uint16_t type)
{
	return type == MRT_BGP4MP_ET || type == MRT_ISIS_ET ||
	    type == MRT_OSPFV3_ET;
}

enum mrt_verdict
mrt_hdr_decode(const uint8_t *p, size_t n, struct mrt_hdr *h,
    struct mrt_err *err)
{
	struct rd r;

	rd_init(&r, p, n);
	if (!rd_u32(&r, &h->ts) || !rd_u16(&r, &h->type) ||
	    !rd_u16(&r, &h->subtype) || !rd_u32(&r, &h->len))
		return fail(err, 0, "truncated MRT header");
	h->et = type_is_et(h->type);
	h->usec = 0;
	if (!h->et)
		return MRT_OK;
	/* RFC 6396 3: the microseconds are counted in the length field. */
	if (h->len < 4)
		return fail(err, 8, "extended-timestamp record shorter than 4");
	if (!rd_u32(&r, &h->usec))
		return fail(err, 12, "truncated MRT extended header");
	h->len -= 4;
	return MRT_OK;
}

size_t
mrt_hdr_len(const struct mrt_hdr *h)
{
	return h->et ? MRT_HDR_ET_LEN : MRT_HDR_LEN;
}

bool
mrt_is_known(uint16_t type, uint16_t subtype)
{
	switch (type) {
	case MRT_BGP:
		return subtype <= MRT_BGP_KEEPALIVE;
	case MRT_TABLE_DUMP:
		return subtype >= 1 && subtype <= 4;
	case MRT_TABLE_DUMP_V2:
		return subtype >= MRT_TD2_PEER_INDEX &&
		    subtype <= MRT_TD2_RIB_GENERIC_AP &&
		    subtype != MRT_TD2_GEO_PEER_TABLE;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		return subtype <= MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP &&
		    subtype != MRT_BGP4MP_ENTRY &&
		    subtype != MRT_BGP4MP_SNAPSHOT;
	default:
		return false;
	}
}

bool
mrt_is_replayable(uint16_t type, uint16_t subtype)
{
	return type != MRT_BGP && mrt_is_known(type, subtype);
}

const char *
mrt_type_name(uint16_t type)
{
	switch (type) {
	case 0: return "NULL";
	case 1: return "START";
	case 2: return "DIE";
	case 3: return "I_AM_DEAD";
	case 4: return "PEER_DOWN";
	case MRT_BGP: return "BGP";
	case 6: return "RIP";
	case 7: return "IDRP";
	case 8: return "RIPNG";
	case 9: return "BGP4PLUS";
	case 10: return "BGP4PLUS_01";
	case 11: return "OSPFV2";
	case MRT_TABLE_DUMP: return "TABLE_DUMP";
	case MRT_TABLE_DUMP_V2: return "TABLE_DUMP_V2";
	case MRT_BGP4MP: return "BGP4MP";
	case MRT_BGP4MP_ET: return "BGP4MP_ET";
	case MRT_ISIS: return "ISIS";
	case MRT_ISIS_ET: return "ISIS_ET";
	case MRT_OSPFV3: return "OSPFV3";
	case MRT_OSPFV3_ET: return "OSPFV3_ET";
	default: return "UNKNOWN";
	}
}

static const char *const td2_names[] = {
	"0", "PEER_INDEX_TABLE", "RIB_IPV4_UNICAST", "RIB_IPV4_MULTICAST",
	"RIB_IPV6_UNICAST", "RIB_IPV6_MULTICAST", "RIB_GENERIC",
	"GEO_PEER_TABLE", "RIB_IPV4_UNICAST_ADDPATH",
	"RIB_IPV4_MULTICAST_ADDPATH", "RIB_IPV6_UNICAST_ADDPATH",
	"RIB_IPV6_MULTICAST_ADDPATH", "RIB_GENERIC_ADDPATH",
};

static const char *const bgp4mp_names[] = {
	"STATE_CHANGE", "MESSAGE", "ENTRY", "SNAPSHOT", "MESSAGE_AS4",
	"STATE_CHANGE_AS4", "MESSAGE_LOCAL", "MESSAGE_AS4_LOCAL",
	"MESSAGE_ADDPATH", "MESSAGE_AS4_ADDPATH", "MESSAGE_LOCAL_ADDPATH",
	"MESSAGE_AS4_LOCAL_ADDPATH",
};

static const char *const bgp_names[] = {
	"NULL", "UPDATE", "PREF_UPDATE", "STATE_CHANGE", "SYNC", "OPEN",
	"NOTIFY", "KEEPALIVE",
};

static const char *const td1_names[] = {
	"0", "AFI_IPv4", "AFI_IPv6", "AFI_IPv4_AS4", "AFI_IPv6_AS4",
};

const char *
mrt_subtype_name(uint16_t type, uint16_t subtype)
{
	switch (type) {
	case MRT_BGP:
		if (subtype < sizeof(bgp_names) / sizeof(bgp_names[0]))
			return bgp_names[subtype];
		break;
	case MRT_TABLE_DUMP:
		if (subtype < sizeof(td1_names) / sizeof(td1_names[0]))
			return td1_names[subtype];
		break;
	case MRT_TABLE_DUMP_V2:
		if (subtype < sizeof(td2_names) / sizeof(td2_names[0]))
			return td2_names[subtype];
		break;
	case MRT_BGP4MP:
	case MRT_BGP4MP_ET:
		if (subtype < sizeof(bgp4mp_names) / sizeof(bgp4mp_names[0]))
			return bgp4mp_names[subtype];
		break;
	default:
		break;
	}
	return "?";
}

bool
mrt_addr_read(struct rd *r, uint8_t afi, struct addr *a)
{
	size_t n = addr_bytes(afi);

	memset(a, 0, sizeof(*a));
	if (n == 0 || !rd_copy(r, a->a, n))
		return false;
	a->afi = afi;
	return true;
}

bool
mrt_prefix_read(struct rd *r, uint8_t afi, struct prefix *p, bool *host_bits)
{
	const uint8_t *b;
	uint8_t len;

	if (!rd_u8(r, &len) || len > prefix_maxlen(afi) ||
	    !rd_ptr(r, (len + 7u) / 8u, &b))
		return false;
	*host_bits = prefix_from_bytes(p, afi, len, b);
	return true;
}
