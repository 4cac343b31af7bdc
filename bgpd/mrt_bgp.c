/*
 * Decoder for the deprecated MRT type 5 "BGP" (RFC 6396 appendix B.2.2,
 * the pre-BGP4MP format of RIPE RIS archives from 1999-2000): subtypes
 * BGP_UPDATE (UPDATE body without marker and header, 2-octet ASNs, IPv4
 * only) and BGP_STATE_CHANGE. Replay consumers skip type 5 as SPEC 4.5
 * asks (mrt_is_replayable); the dump tool prints it as bgpdump does.
 */
#include <string.h>

#include "bgpd/mrt.h"
#include "bgpd/mrt_err.h"
#include "lib/rd.h"

static bool
side_read(struct rd *r, uint32_t *as, struct addr *ip)
{
	uint16_t as2;

	if (!rd_u16(r, &as2))
		return false;
	*as = as2;
	return mrt_addr_read(r, AFI_IPV4, ip);
}

enum mrt_verdict
mrt_bgp_decode(const uint8_t *p, size_t n, uint16_t subtype,
    struct mrt_bgp *out, struct mrt_err *err)
{
	struct rd r;

	memset(out, 0, sizeof(*out));
	err->reason = NULL;
	out->subtype = subtype;
	rd_init(&r, p, n);
	if (subtype == MRT_BGP_STATE_CHANGE) {
		if (!side_read(&r, &out->peer_as, &out->peer_ip) ||
		    !rd_u16(&r, &out->old_state) ||
		    !rd_u16(&r, &out->new_state))
			return mrt_err_fail(err, n, &r, "truncated BGP STATE_CHANGE");
		return MRT_OK;
	}
	if (subtype != MRT_BGP_UPDATE)
		return MRT_OK;	/* OPEN, KEEPALIVE, ...: nothing we use */
	if (!side_read(&r, &out->peer_as, &out->peer_ip) ||
	    !side_read(&r, &out->local_as, &out->local_ip))
		return mrt_err_fail(err, n, &r, "truncated BGP_UPDATE header");
	out->update.p = r.p;
	out->update.len = rd_left(&r);
	return MRT_OK;
}
