/*
 * BGP message header (RFC 4271 4.1, 6.1): marker, length, type. Pure codec; the
 * session layer decides what to do with a WIRE_RESET.
 */
#include <string.h>

#include "bgpd/wire.h"
#include "lib/rd.h"
#include "lib/wr.h"

static const uint8_t ones[WIRE_MARKER_LEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/* Minimum total length per type: RFC 4271 4.2-4.5, RFC 2918 3. */
static size_t
wire_min_len(uint8_t type)
{
	switch (type) {
	case WIRE_OPEN:
		return 29;
	case WIRE_UPDATE:
		return 23;
	case WIRE_NOTIFICATION:
		return 21;
	case WIRE_KEEPALIVE:
		return 19;
	case WIRE_ROUTE_REFRESH:
		return 23;
	default:
		return 0;
	}
}

enum wire_verdict
wire_err_set(struct wire_err *err, uint8_t code, uint8_t subcode,
    size_t offset, const char *reason)
{
	memset(err, 0, sizeof(*err));
	err->code = code;
	err->subcode = subcode;
	err->offset = offset;
	err->reason = reason;
	return WIRE_RESET;
}

static enum wire_verdict
wire_bad_len(struct wire_err *err, uint16_t len)
{
	/* RFC 4271 6.1: the data field carries the erroneous length. */
	wire_err_set(err, WIRE_ERR_HEADER, WIRE_HDR_BAD_LEN, 16,
	    "bad message length");
	err->data_len = 2;
	err->data[0] = (uint8_t)(len >> 8);
	err->data[1] = (uint8_t)len;
	return WIRE_RESET;
}

enum wire_verdict
wire_hdr_decode(const uint8_t *buf, size_t n, size_t max_len,
    struct wire_hdr *out, struct wire_err *err)
{
	struct rd r;
	const uint8_t *marker;
	size_t min;

	rd_init(&r, buf, n);
	if (!rd_ptr(&r, WIRE_MARKER_LEN, &marker) || !rd_u16(&r, &out->len) ||
	    !rd_u8(&r, &out->type))
		return wire_err_set(err, WIRE_ERR_HEADER, WIRE_HDR_BAD_LEN, 0,
		    "short header");
	if (memcmp(marker, ones, WIRE_MARKER_LEN) != 0)
		return wire_err_set(err, WIRE_ERR_HEADER, WIRE_HDR_NOT_SYNC, 0,
		    "marker is not all ones");
	min = wire_min_len(out->type);
	if (min == 0) {
		wire_err_set(err, WIRE_ERR_HEADER, WIRE_HDR_BAD_TYPE, 18,
		    "unknown message type");
		err->data_len = 1;
		err->data[0] = out->type;
		return WIRE_RESET;
	}
	if (out->len < min || out->len > max_len ||
	    (out->type == WIRE_KEEPALIVE && out->len != WIRE_HDR_LEN))
		return wire_bad_len(err, out->len);
	return WIRE_OK;
}

uint32_t
wire_af_bit(uint16_t afi, uint8_t safi)
{
	if (safi != 1 && safi != 2)
		return 0;
	if (afi == 1)
		return safi == 1 ? WIRE_AF_IPV4_UNICAST : WIRE_AF_IPV4_MULTICAST;
	if (afi == 2)
		return safi == 1 ? WIRE_AF_IPV6_UNICAST : WIRE_AF_IPV6_MULTICAST;
	return 0;
}

void
wire_hdr_encode(struct wr *w, uint16_t len, uint8_t type)
{
	wr_bytes(w, ones, sizeof(ones));
	wr_u16(w, len);
	wr_u8(w, type);
}
