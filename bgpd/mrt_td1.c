/*
 * Legacy TABLE_DUMP decoder (RFC 6396 4.2): one RIB entry per record, peer
 * AS in two octets (4-octet peers appear as AS_TRANS, RFC 6793), attributes
 * in their 2-octet-AS form. Subtypes 3 and 4 (4-octet peer AS) are a
 * nonstandard extension some collectors wrote; we read them too.
 */
#include <string.h>

#include "bgpd/mrt.h"
#include "bgpd/mrt_err.h"
#include "lib/rd.h"

enum mrt_verdict
mrt_td1_decode(const uint8_t *p, size_t n, uint16_t subtype,
    struct mrt_td1 *out, struct mrt_err *err)
{
	struct rd r;
	uint8_t afi, plen;
	uint16_t as2, alen;
	const uint8_t *pb;

	memset(out, 0, sizeof(*out));
	err->reason = NULL;
	if (subtype < 1 || subtype > 4) {
		err->reason = "unknown TABLE_DUMP subtype";
		err->offset = 0;
		return MRT_SKIP;
	}
	afi = (subtype == 2 || subtype == 4) ? AFI_IPV6 : AFI_IPV4;
	out->as4 = subtype >= 3;
	rd_init(&r, p, n);
	if (!rd_u16(&r, &out->view) || !rd_u16(&r, &out->seq) ||
	    !rd_ptr(&r, addr_bytes(afi), &pb) || !rd_u8(&r, &plen))
		return mrt_err_fail(err, n, &r, "truncated TABLE_DUMP prefix");
	if (plen > prefix_maxlen(afi))
		return mrt_err_fail(err, n, &r, "TABLE_DUMP prefix length too long");
	out->host_bits = prefix_from_bytes(&out->pfx, afi, plen, pb);
	if (!rd_u8(&r, &out->status) || !rd_u32(&r, &out->originated) ||
	    !mrt_addr_read(&r, afi, &out->peer))
		return mrt_err_fail(err, n, &r, "truncated TABLE_DUMP entry");
	if (out->as4 ? !rd_u32(&r, &out->peer_as) : !rd_u16(&r, &as2))
		return mrt_err_fail(err, n, &r, "truncated TABLE_DUMP peer AS");
	if (!out->as4)
		out->peer_as = as2;
	if (!rd_u16(&r, &alen) || !rd_ptr(&r, alen, &out->attrs.p))
		return mrt_err_fail(err, n, &r, "TABLE_DUMP attributes truncated");
	out->attrs.len = alen;
	if (!rd_is_empty(&r))
		return mrt_err_warn(err, n, &r,
		    "trailing bytes after TABLE_DUMP entry ignored");
	return MRT_OK;
}
