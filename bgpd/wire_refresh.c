/*
 * ROUTE-REFRESH codec (RFC 2918 3-4, RFC 7313 3, 5; RFC 5291 only to know
 * that a normal request may carry ORF entries, which we do not interpret).
 * Pure: the session layer decides whether route refresh was negotiated and
 * what to resend.
 */
#include <string.h>

#include "bgpd/wire_notify.h"
#include "bgpd/wire_refresh.h"
#include "lib/rd.h"
#include "lib/wr.h"

/* RFC 7313 5: Invalid Message Length, the complete message as data. */
static enum wire_verdict
refresh_bad_len(const uint8_t *buf, size_t len, struct wire_err *err)
{
	struct wr w;

	wire_err_set(err, WIRE_ERR_ROUTE_REFRESH, WIRE_RR_ERR_BAD_LEN, 16,
	    "ROUTE-REFRESH of invalid length");
	/* Rebuild the message; it is cut to fit err->data. */
	wr_init(&w, err->data, sizeof(err->data));
	wire_hdr_encode(&w, (uint16_t)(len + WIRE_HDR_LEN),
	    WIRE_ROUTE_REFRESH);
	if (len > sizeof(err->data) - wr_len(&w))
		len = sizeof(err->data) - wr_len(&w);
	wr_bytes(&w, buf, len);
	err->data_len = (uint16_t)wr_len(&w);
	return WIRE_RESET;
}

enum wire_verdict
wire_refresh_decode(const uint8_t *buf, size_t len,
    const struct wire_caps *caps, struct wire_refresh *out,
    struct wire_err *err)
{
	struct rd r;
	uint32_t bit;

	memset(out, 0, sizeof(*out));
	rd_init(&r, buf, len);
	if (!rd_u16(&r, &out->afi) || !rd_u8(&r, &out->subtype) ||
	    !rd_u8(&r, &out->safi))
		return refresh_bad_len(buf, len, err);
	switch (out->subtype) {
	case WIRE_RR_NORMAL:
		out->orf_len = rd_left(&r);
		break;
	case WIRE_RR_BORR:
	case WIRE_RR_EORR:
		if (!rd_is_empty(&r))
			return refresh_bad_len(buf, len, err);
		break;
	default:
		/* RFC 7313 5: other subtypes MUST be ignored. */
		out->ignore = true;
		return WIRE_OK;
	}
	bit = wire_af_bit(out->afi, out->safi);
	if (caps && !(caps->afs & bit))
		out->ignore = true;
	return WIRE_OK;
}

void
wire_refresh_encode(struct wr *w, const struct wire_refresh *rr)
{
	wire_hdr_encode(w, WIRE_HDR_LEN + WIRE_RR_BODY_LEN,
	    WIRE_ROUTE_REFRESH);
	wr_u16(w, rr->afi);
	wr_u8(w, rr->subtype);
	wr_u8(w, rr->safi);
}

void
wire_refresh_encode_len_err(struct wr *w, const uint8_t *body, size_t len)
{
	size_t msg = WIRE_HDR_LEN + len;
	size_t total = WIRE_HDR_LEN + 2 + msg;

	if (total > WIRE_MAX_LEN) {
		wr_fail(w);
		return;
	}
	wire_hdr_encode(w, (uint16_t)total, WIRE_NOTIFICATION);
	wr_u8(w, WIRE_ERR_ROUTE_REFRESH);
	wr_u8(w, WIRE_RR_ERR_BAD_LEN);
	wire_hdr_encode(w, (uint16_t)msg, WIRE_ROUTE_REFRESH);
	wr_bytes(w, body, len);
}
