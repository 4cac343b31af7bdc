/*
 * BGP4MP and BGP4MP_ET decoders (RFC 6396 4.4, RFC 8050 3): STATE_CHANGE
 * and STATE_CHANGE_AS4, and every MESSAGE subtype (AS4, LOCAL, ADDPATH and
 * their combinations). The BGP message is located and its header checked
 * (marker, length); decoding it is the UPDATE codec's job. Also accepts the
 * 8-byte STATE_CHANGE without interface and addresses that old Zebra wrote.
 */
#include <string.h>

#include "bgpd/mrt.h"
#include "bgpd/mrt_err.h"
#include "bgpd/wire.h"
#include "lib/rd.h"

static void
subtype_flags(uint16_t st, struct mrt_bgp4mp *m)
{
	m->subtype = st;
	m->state = st == MRT_BGP4MP_STATE_CHANGE ||
	    st == MRT_BGP4MP_STATE_CHANGE_AS4;
	m->as4 = st == MRT_BGP4MP_MESSAGE_AS4 ||
	    st == MRT_BGP4MP_STATE_CHANGE_AS4 ||
	    st == MRT_BGP4MP_MESSAGE_AS4_LOCAL ||
	    st == MRT_BGP4MP_MESSAGE_AS4_AP ||
	    st == MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP;
	m->local = st == MRT_BGP4MP_MESSAGE_LOCAL ||
	    st == MRT_BGP4MP_MESSAGE_AS4_LOCAL ||
	    st == MRT_BGP4MP_MESSAGE_LOCAL_AP ||
	    st == MRT_BGP4MP_MESSAGE_AS4_LOCAL_AP;
	m->addpath = st >= MRT_BGP4MP_MESSAGE_AP;
}

static bool
as_read(struct rd *r, bool as4, uint32_t *as)
{
	uint16_t as2;

	if (as4)
		return rd_u32(r, as);
	if (!rd_u16(r, &as2))
		return false;
	*as = as2;
	return true;
}

/* Zebra once wrote STATE_CHANGE as {peer AS, local AS, old, new} only. */
static enum mrt_verdict
zebra8_decode(struct rd *r, struct mrt_bgp4mp *m)
{
	m->zebra8 = true;
	m->afi = AFI_IPV4;
	m->peer_ip.afi = m->local_ip.afi = AFI_IPV4;
	rd_u16(r, &m->old_state);
	rd_u16(r, &m->new_state);
	return MRT_OK;
}

static enum mrt_verdict
message_locate(struct rd *r, size_t n, struct mrt_bgp4mp *m,
    struct mrt_err *err)
{
	const uint8_t *msg;
	uint16_t len;
	struct rd h = *r;
	unsigned i;
	uint8_t b;

	for (i = 0; i < WIRE_MARKER_LEN; i++)
		if (!rd_u8(&h, &b) || b != 0xff)
			return mrt_err_fail(err, n, &h, "bad BGP marker");
	if (!rd_u16(&h, &len) || len < WIRE_HDR_LEN)
		return mrt_err_fail(err, n, &h, "bad BGP message length");
	if (!rd_ptr(r, len, &msg))
		return mrt_err_fail(err, n, &h, "BGP message longer than the record");
	m->msg.p = msg;
	m->msg.len = len;
	return MRT_OK;
}

enum mrt_verdict
mrt_bgp4mp_decode(const uint8_t *p, size_t n, uint16_t subtype,
    struct mrt_bgp4mp *m, struct mrt_err *err)
{
	struct rd r;

	memset(m, 0, sizeof(*m));
	err->reason = NULL;
	if (!mrt_is_known(MRT_BGP4MP, subtype)) {
		err->reason = "BGP4MP subtype not decoded";
		err->offset = 0;
		return MRT_SKIP;
	}
	subtype_flags(subtype, m);
	rd_init(&r, p, n);
	if (!as_read(&r, m->as4, &m->peer_as) ||
	    !as_read(&r, m->as4, &m->local_as))
		return mrt_err_fail(err, n, &r, "truncated BGP4MP AS numbers");
	if (m->state && !m->as4 && n == 8)
		return zebra8_decode(&r, m);
	if (!rd_u16(&r, &m->ifindex) || !rd_u16(&r, &m->afi))
		return mrt_err_fail(err, n, &r, "truncated BGP4MP header");
	if (m->afi != AFI_IPV4 && m->afi != AFI_IPV6)
		return mrt_err_fail(err, n, &r, "BGP4MP address family not IPv4/IPv6");
	if (!mrt_addr_read(&r, (uint8_t)m->afi, &m->peer_ip) ||
	    !mrt_addr_read(&r, (uint8_t)m->afi, &m->local_ip))
		return mrt_err_fail(err, n, &r, "truncated BGP4MP addresses");
	if (!m->state)
		return message_locate(&r, n, m, err);
	if (!rd_u16(&r, &m->old_state) || !rd_u16(&r, &m->new_state))
		return mrt_err_fail(err, n, &r, "truncated STATE_CHANGE states");
	if (!rd_is_empty(&r))
		return mrt_err_fail(err, n, &r, "trailing bytes after STATE_CHANGE");
	return MRT_OK;
}
