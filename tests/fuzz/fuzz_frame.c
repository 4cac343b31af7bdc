/*
 * Fuzz target for bgpd/wire_frame.c and the ROUTE-REFRESH codec, with every
 * framed message handed to its decoder (OPEN, NOTIFICATION, ROUTE-REFRESH;
 * UPDATE belongs to another target). Input: one selector byte (bit 0:
 * extended messages; bits 1-4: negotiated address families) and then a
 * TCP byte stream.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bgpd/wire_frame.h"
#include "bgpd/wire_notify.h"
#include "bgpd/wire_open.h"
#include "bgpd/wire_refresh.h"
#include "lib/rd.h"
#include "lib/wr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_refresh(const struct wire_frame *f, const struct wire_caps *caps)
{
	static uint8_t buf[WIRE_MAX_LEN];
	struct wire_refresh rr, d;
	struct wire_err err;
	struct wr w;

	if (wire_refresh_decode(f->body, f->body_len, caps, &rr, &err) !=
	    WIRE_OK) {
		/* The NOTIFICATION carries the message; err holds its head. */
		if (err.code != WIRE_ERR_ROUTE_REFRESH || err.data_len == 0 ||
		    memcmp(err.data, f->msg, err.data_len) != 0)
			abort();
		wr_init(&w, buf, sizeof(buf));
		wire_refresh_encode_len_err(&w, f->body, f->body_len);
		if (wr_ok(&w) && memcmp(buf + WIRE_HDR_LEN + 2, f->msg,
		    f->len) != 0)
			abort();
		return;
	}
	if (rr.ignore || rr.orf_len)
		return;
	wr_init(&w, buf, sizeof(buf));
	wire_refresh_encode(&w, &rr);
	if (!wr_ok(&w) || wr_len(&w) != f->len ||
	    memcmp(buf, f->msg, f->len) != 0 ||
	    wire_refresh_decode(buf + WIRE_HDR_LEN, 4, caps, &d, &err) !=
	    WIRE_OK || d.afi != rr.afi || d.safi != rr.safi)
		abort();
}

static void
fuzz_message(const struct wire_frame *f, const struct wire_caps *caps)
{
	static struct wire_open o;
	struct wire_notify n;
	struct wire_err err;

	if (f->len != f->body_len + WIRE_HDR_LEN)
		abort();
	switch (f->type) {
	case WIRE_OPEN:
		wire_open_decode(f->body, f->body_len, &o, &err);
		break;
	case WIRE_NOTIFICATION:
		if (wire_notify_decode(f->body, f->body_len, &n, &err) !=
		    WIRE_OK)
			abort();	/* the header guarantees 2 bytes */
		break;
	case WIRE_ROUTE_REFRESH:
		fuzz_refresh(f, caps);
		break;
	case WIRE_KEEPALIVE:
		if (f->body_len != 0)
			abort();
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wire_caps caps;
	struct wire_frame f;
	struct wire_err err;
	enum wire_frame_status s;
	struct rd r;
	uint8_t sel;
	size_t max;

	rd_init(&r, data, size);
	if (!rd_u8(&r, &sel))
		return 0;
	memset(&caps, 0, sizeof(caps));
	caps.afs = (sel >> 1) & 0xf;
	max = (sel & 1) ? WIRE_MAX_LEN_EXT : WIRE_MAX_LEN;
	while ((s = wire_frame_next(r.p, rd_left(&r), max, &f, &err)) ==
	    WIRE_FRAME_MSG) {
		if (f.len < WIRE_HDR_LEN || f.len > max || f.len > rd_left(&r))
			abort();
		fuzz_message(&f, &caps);
		rd_skip(&r, f.len);
	}
	if (s == WIRE_FRAME_MORE && f.need <= rd_left(&r))
		abort();
	if (s == WIRE_FRAME_ERROR && err.code != WIRE_ERR_HEADER)
		abort();
	return 0;
}
