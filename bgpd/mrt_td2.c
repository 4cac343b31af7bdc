/*
 * TABLE_DUMP_V2 decoders (RFC 6396 4.3, RFC 8050 4): PEER_INDEX_TABLE and
 * the RIB_* / RIB_GENERIC records with and without ADD-PATH path ids. The
 * peer table is copied into owned memory; RIB records are walked entry by
 * entry over the caller's bytes. Attributes stay undecoded byte views.
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/mrt.h"
#include "bgpd/mrt_err.h"
#include "lib/rd.h"
#include "lib/xmalloc.h"

/* Peer type bits (RFC 6396 4.3.1). */
#define PEER_TYPE_IPV6 0x01
#define PEER_TYPE_AS4 0x02
/* Smallest peer entry: type, BGP id, IPv4 address, 2-octet AS. */
#define PEER_MIN_LEN 11

static bool
peer_read(struct rd *r, struct mrt_peer *pe)
{
	uint8_t type;
	uint16_t as2;

	if (!rd_u8(r, &type) || !rd_u32(r, &pe->bgp_id) ||
	    !mrt_addr_read(r, (type & PEER_TYPE_IPV6) ? AFI_IPV6 : AFI_IPV4,
	    &pe->ip))
		return false;
	if (type & PEER_TYPE_AS4)
		return rd_u32(r, &pe->as);
	if (!rd_u16(r, &as2))
		return false;
	pe->as = as2;
	return true;
}

enum mrt_verdict
mrt_peer_index_decode(const uint8_t *p, size_t n, struct mrt_peer_index *t,
    struct mrt_err *err)
{
	struct rd r;
	uint16_t vlen, i;
	size_t keep;

	memset(t, 0, sizeof(*t));
	err->reason = NULL;
	rd_init(&r, p, n);
	if (!rd_u32(&r, &t->collector_id) || !rd_u16(&r, &vlen))
		return mrt_err_fail(err, n, &r, "truncated PEER_INDEX_TABLE header");
	keep = vlen < MRT_VIEW_MAX - 1 ? vlen : MRT_VIEW_MAX - 1;
	if (rd_left(&r) < vlen)
		return mrt_err_fail(err, n, &r, "truncated view name");
	rd_copy(&r, t->view, keep);
	rd_skip(&r, vlen - keep);
	if (!rd_u16(&r, &t->count))
		return mrt_err_fail(err, n, &r, "truncated peer count");
	/* Bound the allocation by what the record can hold. */
	if ((size_t)t->count * PEER_MIN_LEN > rd_left(&r))
		return mrt_err_fail(err, n, &r, "peer count exceeds record length");
	t->peers = xcalloc(t->count ? t->count : 1, sizeof(*t->peers));
	for (i = 0; i < t->count; i++)
		if (!peer_read(&r, &t->peers[i]))
			return mrt_err_fail(err, n, &r, "truncated peer entry");
	if (!rd_is_empty(&r))
		return mrt_err_warn(err, n, &r,
		    "trailing bytes after peer entries ignored");
	return MRT_OK;
}

void
mrt_peer_index_fini(struct mrt_peer_index *t)
{
	free(t->peers);
	t->peers = NULL;
	t->count = 0;
}

/* AFI/SAFI and ADD-PATH of the fixed-family RIB subtypes. */
static bool
rib_family(uint16_t subtype, struct mrt_rib *rib)
{
	rib->addpath = subtype >= MRT_TD2_RIB_IPV4_UNICAST_AP;
	switch (rib->addpath ? subtype - 6 : subtype) {
	case MRT_TD2_RIB_IPV4_UNICAST:
		rib->afi = AFI_IPV4, rib->safi = SAFI_UNICAST;
		return true;
	case MRT_TD2_RIB_IPV4_MULTICAST:
		rib->afi = AFI_IPV4, rib->safi = SAFI_MULTICAST;
		return true;
	case MRT_TD2_RIB_IPV6_UNICAST:
		rib->afi = AFI_IPV6, rib->safi = SAFI_UNICAST;
		return true;
	case MRT_TD2_RIB_IPV6_MULTICAST:
		rib->afi = AFI_IPV6, rib->safi = SAFI_MULTICAST;
		return true;
	default:
		return false;	/* RIB_GENERIC */
	}
}

/*
 * RFC 6396 4.3.3: RIB_GENERIC carries AFI, SAFI and one NLRI. Only plain
 * prefixes (SAFI 1/2 of IPv4/IPv6) have a length we can find; others skip.
 */
static enum mrt_verdict
rib_generic_head(struct rd *r, size_t n, struct mrt_rib *rib,
    struct mrt_err *err)
{
	const uint8_t *start;

	if (!rd_u16(r, &rib->afi) || !rd_u8(r, &rib->safi))
		return mrt_err_fail(err, n, r, "truncated RIB_GENERIC header");
	if ((rib->afi != AFI_IPV4 && rib->afi != AFI_IPV6) ||
	    (rib->safi != SAFI_UNICAST && rib->safi != SAFI_MULTICAST)) {
		err->reason = "RIB_GENERIC with an AFI/SAFI we cannot frame";
		err->offset = n - rd_left(r);
		return MRT_SKIP;
	}
	start = r->p;
	if (!mrt_prefix_read(r, (uint8_t)rib->afi, &rib->pfx, &rib->host_bits))
		return mrt_err_fail(err, n, r, "bad or truncated RIB_GENERIC NLRI");
	rib->nlri.p = start;
	rib->nlri.len = (size_t)(r->p - start);
	return MRT_OK;
}

enum mrt_verdict
mrt_rib_decode(const uint8_t *p, size_t n, uint16_t subtype,
    struct mrt_rib *rib, struct mrt_err *err)
{
	struct rd r;
	enum mrt_verdict v;
	const uint8_t *start;

	memset(rib, 0, sizeof(*rib));
	err->reason = NULL;
	rib->body_len = n;
	rd_init(&r, p, n);
	if (!rd_u32(&r, &rib->seq))
		return mrt_err_fail(err, n, &r, "truncated RIB sequence number");
	if (rib_family(subtype, rib)) {
		start = r.p;
		if (!mrt_prefix_read(&r, (uint8_t)rib->afi, &rib->pfx,
		    &rib->host_bits))
			return mrt_err_fail(err, n, &r, "bad or truncated RIB prefix");
		rib->nlri.p = start;
		rib->nlri.len = (size_t)(r.p - start);
	} else {
		rib->addpath = subtype == MRT_TD2_RIB_GENERIC_AP;
		v = rib_generic_head(&r, n, rib, err);
		if (v != MRT_OK)
			return v;
	}
	if (!rd_u16(&r, &rib->count))
		return mrt_err_fail(err, n, &r, "truncated RIB entry count");
	rib->rest = r;
	return MRT_OK;
}

enum mrt_verdict
mrt_rib_next(struct mrt_rib *rib, struct mrt_rib_entry *e,
    struct mrt_err *err)
{
	struct rd *r = &rib->rest;
	uint16_t alen;

	if (rib->next == rib->count) {
		if (!rd_is_empty(r)) {
			mrt_err_fail(err, rib->body_len, r,
			    "trailing bytes after RIB entries ignored");
			rd_skip(r, rd_left(r));
		}
		return MRT_SKIP;
	}
	memset(e, 0, sizeof(*e));
	if (!rd_u16(r, &e->peer_idx) || !rd_u32(r, &e->originated))
		return mrt_err_fail(err, rib->body_len, r, "truncated RIB entry");
	if (rib->addpath && !rd_u32(r, &e->path_id))
		return mrt_err_fail(err, rib->body_len, r, "truncated RIB path id");
	if (!rd_u16(r, &alen))
		return mrt_err_fail(err, rib->body_len, r,
		    "truncated RIB attribute length");
	if (!rd_ptr(r, alen, &e->attrs.p))
		return mrt_err_fail(err, rib->body_len, r,
		    "RIB attributes longer than the record");
	e->attrs.len = alen;
	rib->next++;
	return MRT_OK;
}
