/*
 * OPEN message codec (RFC 4271 4.2, 6.2; RFC 5492 optional parameters;
 * RFC 9072 extended optional-parameter length; RFC 6286 identifier).
 * Decoding checks everything that can be judged from the message alone;
 * what depends on configuration (peer AS, required capabilities) is
 * bgpd/wire_nego.c. Capabilities are delegated to bgpd/wire_caps.c. Pure.
 */
#include <string.h>

#include "bgpd/wire_open.h"
#include "lib/rd.h"
#include "lib/wr.h"

#define OPEN_PARAM_CAPS 2
#define OPEN_EXT_MARK 255		/* RFC 9072 2: Non-Ext OP Type */

static enum wire_verdict open_decode_params(struct rd *r, bool ext,
    size_t off, struct wire_open *out, struct wire_err *err);

void
wire_open_init(struct wire_open *o, uint32_t as, uint16_t hold,
    uint32_t bgp_id)
{
	memset(o, 0, sizeof(*o));
	wire_caps_init(&o->caps);
	o->version = WIRE_OPEN_VERSION;
	o->my_as = as > 0xffff ? WIRE_AS_TRANS : (uint16_t)as;
	o->hold = hold;
	o->bgp_id = bgp_id;
	wire_caps_set_as4(&o->caps, as);
}

uint32_t
wire_open_as(const struct wire_open *o)
{
	if (o->caps.has & WIRE_CAPF_AS4)
		return o->caps.as4;
	return o->my_as;
}

/* Body shorter than the fixed fields: a header length error (RFC 4271 6.1). */
static enum wire_verdict
open_short(size_t len, struct wire_err *err)
{
	size_t total = len + WIRE_HDR_LEN;

	wire_err_set(err, WIRE_ERR_HEADER, WIRE_HDR_BAD_LEN, 16,
	    "OPEN shorter than its fixed fields");
	err->data_len = 2;
	err->data[0] = (uint8_t)(total >> 8);
	err->data[1] = (uint8_t)total;
	return WIRE_RESET;
}

/* Checks on the fixed fields, in RFC 4271 6.2 order. */
static enum wire_verdict
open_check_fixed(const struct wire_open *o, struct wire_err *err)
{
	if (o->version != WIRE_OPEN_VERSION) {
		/* Data: the largest supported version below theirs, or our
		 * smallest; we support 4 only, so 4 either way. */
		wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_VERSION,
		    WIRE_HDR_LEN, "unsupported BGP version");
		err->data_len = 2;
		err->data[0] = 0;
		err->data[1] = WIRE_OPEN_VERSION;
		return WIRE_RESET;
	}
	if (o->hold == 1 || o->hold == 2)
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_HOLD,
		    WIRE_HDR_LEN + 3, "hold time must be 0 or at least 3");
	if (o->bgp_id == 0)	/* RFC 6286 2.2 */
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_ID,
		    WIRE_HDR_LEN + 5, "BGP identifier is zero");
	return WIRE_OK;
}

enum wire_verdict
wire_open_decode(const uint8_t *buf, size_t len, struct wire_open *out,
    struct wire_err *err)
{
	struct rd r, params;
	uint8_t optlen, mark;
	uint16_t plen;
	bool ext = false;

	memset(out, 0, sizeof(*out));
	wire_caps_init(&out->caps);
	rd_init(&r, buf, len);
	if (!rd_u8(&r, &out->version) || !rd_u16(&r, &out->my_as) ||
	    !rd_u16(&r, &out->hold) || !rd_u32(&r, &out->bgp_id) ||
	    !rd_u8(&r, &optlen))
		return open_short(len, err);
	if (open_check_fixed(out, err) != WIRE_OK)
		return WIRE_RESET;
	plen = optlen;
	/* RFC 9072 2: length 255 and type 255 announce the extended form. */
	if (optlen == 255 && rd_peek_u8(&r, &mark) && mark == OPEN_EXT_MARK) {
		ext = true;
		if (!rd_skip(&r, 1) || !rd_u16(&r, &plen))
			return wire_err_set(err, WIRE_ERR_OPEN,
			    WIRE_OPEN_UNSPECIFIC, WIRE_HDR_LEN + 10,
			    "truncated extended optional parameter length");
	}
	out->ext_params = ext;
	if (!rd_sub(&r, plen, &params))
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_UNSPECIFIC,
		    WIRE_HDR_LEN + 9,
		    "optional parameters overrun the message");
	if (!rd_is_empty(&r))
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_UNSPECIFIC,
		    WIRE_HDR_LEN + len - rd_left(&r),
		    "bytes after the optional parameters");
	return open_decode_params(&params, ext,
	    WIRE_HDR_LEN + len - plen, out, err);
}

/* Walk the optional parameters; only capabilities are known. */
static enum wire_verdict
open_decode_params(struct rd *r, bool ext, size_t off, struct wire_open *out,
    struct wire_err *err)
{
	size_t total = rd_left(r), at = off;
	uint8_t type, len8, n = 0;
	uint16_t len;
	struct rd v;

	while (!rd_is_empty(r)) {
		at = off + (total - rd_left(r));
		if (!rd_u8(r, &type) ||
		    !(ext ? rd_u16(r, &len) : rd_u8(r, &len8)))
			goto overrun;
		if (!ext)
			len = len8;
		if (!rd_sub(r, len, &v))
			goto overrun;
		if (type != OPEN_PARAM_CAPS)
			return wire_err_set(err, WIRE_ERR_OPEN,
			    WIRE_OPEN_BAD_OPT_PARAM, at,
			    "unsupported optional parameter");
		if (wire_caps_decode(&v, n++, at + (ext ? 3 : 2), &out->caps,
		    err) != WIRE_OK)
			return WIRE_RESET;
	}
	return WIRE_OK;
overrun:
	return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_UNSPECIFIC, at,
	    "optional parameter overruns the parameter field");
}

void
wire_open_encode(struct wr *w, const struct wire_open *o)
{
	size_t start = wr_mark(w), optmark, plen, total;

	wire_hdr_encode(w, 0, WIRE_OPEN);
	wr_u8(w, o->version);
	wr_u16(w, o->my_as);
	wr_u16(w, o->hold);
	wr_u32(w, o->bgp_id);
	if (o->ext_params) {
		wr_u8(w, 255);
		wr_u8(w, OPEN_EXT_MARK);
	}
	optmark = wr_mark(w);
	if (o->ext_params)
		wr_u16(w, 0);
	else
		wr_u8(w, 0);
	wire_caps_encode(w, &o->caps, o->ext_params);
	if (!wr_ok(w))
		return;
	plen = wr_len(w) - optmark - (o->ext_params ? 2 : 1);
	total = wr_len(w) - start;
	/* RFC 8654 2: an OPEN never exceeds 4096 bytes. */
	if ((!o->ext_params && plen > 255) || total > WIRE_MAX_LEN) {
		wr_fail(w);
		return;
	}
	if (o->ext_params)
		wr_patch_u16(w, optmark, (uint16_t)plen);
	else
		wr_patch_u8(w, optmark, (uint8_t)plen);
	wr_patch_u16(w, start + WIRE_MARKER_LEN, (uint16_t)total);
}
