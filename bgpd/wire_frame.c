/*
 * Stream framing (RFC 4271 4.1, 6.1; RFC 8654 for the larger maximum) and
 * the KEEPALIVE encoder (RFC 4271 4.4). Splits a receive buffer into whole
 * messages without copying; header validation is wire_hdr_decode's.
 */
#include <string.h>

#include "bgpd/wire_frame.h"
#include "lib/rd.h"
#include "lib/wr.h"

enum wire_frame_status
wire_frame_next(const uint8_t *buf, size_t n, size_t max_len,
    struct wire_frame *out, struct wire_err *err)
{
	struct wire_hdr h;
	struct rd r, m;

	memset(out, 0, sizeof(*out));
	if (n < WIRE_HDR_LEN) {
		out->need = WIRE_HDR_LEN;
		return WIRE_FRAME_MORE;
	}
	if (wire_hdr_decode(buf, n, max_len, &h, err) != WIRE_OK)
		return WIRE_FRAME_ERROR;
	/* RFC 8654 3: OPEN stays within 4096 bytes even when extended. */
	if (h.type == WIRE_OPEN && h.len > WIRE_MAX_LEN) {
		wire_err_set(err, WIRE_ERR_HEADER, WIRE_HDR_BAD_LEN, 16,
		    "OPEN longer than 4096 bytes");
		err->data_len = 2;
		err->data[0] = (uint8_t)(h.len >> 8);
		err->data[1] = (uint8_t)h.len;
		return WIRE_FRAME_ERROR;
	}
	rd_init(&r, buf, n);
	if (!rd_sub(&r, h.len, &m)) {
		out->need = h.len;
		return WIRE_FRAME_MORE;
	}
	out->type = h.type;
	out->len = h.len;
	out->msg = m.p;
	rd_skip(&m, WIRE_HDR_LEN);
	out->body = m.p;
	out->body_len = rd_left(&m);
	return WIRE_FRAME_MSG;
}

void
wire_keepalive_encode(struct wr *w)
{
	wire_hdr_encode(w, WIRE_HDR_LEN, WIRE_KEEPALIVE);
}
