/*
 * NOTIFICATION codec (RFC 4271 4.5, 6): code, subcode and data, plus the
 * data shapes of RFC 4486 4 (maximum prefixes), RFC 9003 2 (shutdown
 * communication, UTF-8 per RFC 3629) and RFC 8538 3 (Hard Reset). Names
 * follow the IANA BGP error registry. No logging: wire_notify_print only
 * builds the line the caller logs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bgpd/wire_notify.h"
#include "lib/rd.h"
#include "lib/wr.h"

#define NOTIFY_HEX_MAX 32	/* data bytes shown in a log line */

static const char *const notify_codes[] = {
	NULL,
	"Message Header Error",
	"OPEN Message Error",
	"UPDATE Message Error",
	"Hold Timer Expired",
	"Finite State Machine Error",
	"Cease",
	"ROUTE-REFRESH Message Error",
};

static const char *const notify_hdr[] = {
	"Unspecific",
	"Connection Not Synchronized",
	"Bad Message Length",
	"Bad Message Type",
};

static const char *const notify_open[] = {
	"Unspecific",
	"Unsupported Version Number",
	"Bad Peer AS",
	"Bad BGP Identifier",
	"Unsupported Optional Parameter",
	"Authentication Failure (deprecated)",
	"Unacceptable Hold Time",
	"Unsupported Capability",
	"Grouping Conflict (deprecated)",
	"Grouping Required (deprecated)",
	"Capability Value Mismatch (deprecated)",
	"Role Mismatch",
};

static const char *const notify_update[] = {
	"Unspecific",
	"Malformed Attribute List",
	"Unrecognized Well-known Attribute",
	"Missing Well-known Attribute",
	"Attribute Flags Error",
	"Attribute Length Error",
	"Invalid ORIGIN Attribute",
	"AS Routing Loop (deprecated)",
	"Invalid NEXT_HOP Attribute",
	"Optional Attribute Error",
	"Invalid Network Field",
	"Malformed AS_PATH",
};

static const char *const notify_fsm[] = {
	"Unspecified Error",
	"Receive Unexpected Message in OpenSent State",
	"Receive Unexpected Message in OpenConfirm State",
	"Receive Unexpected Message in Established State",
};

static const char *const notify_cease[] = {
	"Unspecific",
	"Maximum Number of Prefixes Reached",
	"Administrative Shutdown",
	"Peer De-configured",
	"Administrative Reset",
	"Connection Rejected",
	"Other Configuration Change",
	"Connection Collision Resolution",
	"Out of Resources",
	"Hard Reset",
	"BFD Down",
};

static const char *const notify_rr[] = {
	"Reserved",
	"Invalid Message Length",
};

#define NOTIFY_N(a) (sizeof(a) / sizeof((a)[0]))

const char *
wire_notify_code_name(uint8_t code)
{
	return code < NOTIFY_N(notify_codes) ? notify_codes[code] : NULL;
}

const char *
wire_notify_subcode_name(uint8_t code, uint8_t sub)
{
	switch (code) {
	case WIRE_ERR_HEADER:
		return sub < NOTIFY_N(notify_hdr) ? notify_hdr[sub] : NULL;
	case WIRE_ERR_OPEN:
		return sub < NOTIFY_N(notify_open) ? notify_open[sub] : NULL;
	case WIRE_ERR_UPDATE:
		return sub < NOTIFY_N(notify_update) ? notify_update[sub] :
		    NULL;
	case WIRE_ERR_FSM:
		return sub < NOTIFY_N(notify_fsm) ? notify_fsm[sub] : NULL;
	case WIRE_ERR_CEASE:
		return sub < NOTIFY_N(notify_cease) ? notify_cease[sub] : NULL;
	case WIRE_ERR_ROUTE_REFRESH:
		return sub < NOTIFY_N(notify_rr) ? notify_rr[sub] : NULL;
	default:
		return NULL;
	}
}

/* Consume one UTF-8 sequence from r; false when malformed. */
static bool
notify_utf8_seq(struct rd *r)
{
	uint8_t b;
	uint32_t cp;
	size_t len, i;

	if (!rd_u8(r, &b))
		return false;
	if (b < 0x80)
		return true;
	if (b >= 0xc2 && b <= 0xdf)
		len = 2, cp = b & 0x1f;
	else if (b >= 0xe0 && b <= 0xef)
		len = 3, cp = b & 0x0f;
	else if (b >= 0xf0 && b <= 0xf4)
		len = 4, cp = b & 0x07;
	else
		return false;
	for (i = 1; i < len; i++) {
		if (!rd_u8(r, &b) || (b & 0xc0) != 0x80)
			return false;
		cp = cp << 6 | (b & 0x3f);
	}
	/* RFC 3629 3: no overlong form, no surrogate, nothing past U+10FFFF. */
	return !((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff);
}

bool
wire_notify_is_utf8(const uint8_t *p, size_t len)
{
	struct rd r;

	rd_init(&r, p, len);
	while (!rd_is_empty(&r))
		if (!notify_utf8_seq(&r))
			return false;
	return true;
}

/* Shape the Cease data (RFC 4486 4, RFC 9003 2, RFC 8538 3). */
static void
notify_decode_cease(struct wire_notify *n)
{
	struct rd r;
	uint8_t len;

	rd_init(&r, n->data, n->data_len);
	switch (n->subcode) {
	case WIRE_CEASE_MAX_PREFIX:
		n->has_max_prefix = n->data_len == 7 && rd_u16(&r, &n->afi) &&
		    rd_u8(&r, &n->safi) && rd_u32(&r, &n->limit);
		break;
	case WIRE_CEASE_ADMIN_SHUTDOWN:
	case WIRE_CEASE_ADMIN_RESET:
		if (!rd_u8(&r, &len) || len == 0)
			break;
		n->has_shutdown = true;
		n->shutdown_len = len < rd_left(&r) ? len : rd_left(&r);
		rd_ptr(&r, n->shutdown_len, &n->shutdown);
		n->shutdown_valid = n->shutdown_len == len &&
		    wire_notify_is_utf8(n->shutdown, n->shutdown_len);
		break;
	case WIRE_CEASE_HARD_RESET:
		if (!rd_u8(&r, &n->inner_code) ||
		    !rd_u8(&r, &n->inner_subcode))
			break;
		n->has_inner = true;
		n->inner_data_len = rd_left(&r);
		if (n->inner_data_len > 0)
			rd_ptr(&r, n->inner_data_len, &n->inner_data);
		break;
	default:
		break;
	}
}

enum wire_verdict
wire_notify_decode(const uint8_t *buf, size_t len, struct wire_notify *out,
    struct wire_err *err)
{
	struct rd r;
	size_t total = len + WIRE_HDR_LEN;

	memset(out, 0, sizeof(*out));
	rd_init(&r, buf, len);
	if (!rd_u8(&r, &out->code) || !rd_u8(&r, &out->subcode)) {
		wire_err_set(err, WIRE_ERR_HEADER, WIRE_HDR_BAD_LEN, 16,
		    "NOTIFICATION without code and subcode");
		err->data_len = 2;
		err->data[0] = (uint8_t)(total >> 8);
		err->data[1] = (uint8_t)total;
		return WIRE_RESET;
	}
	out->data_len = rd_left(&r);
	if (out->data_len > 0)
		rd_ptr(&r, out->data_len, &out->data);
	if (out->code == WIRE_ERR_CEASE)
		notify_decode_cease(out);
	return WIRE_OK;
}

static void
notify_encode(struct wr *w, uint8_t code, uint8_t sub, const uint8_t *data,
    size_t len)
{
	size_t total = WIRE_HDR_LEN + 2 + len;

	/* A NOTIFICATION is sent before extended messages could matter. */
	if (total > WIRE_MAX_LEN) {
		wr_fail(w);
		return;
	}
	wire_hdr_encode(w, (uint16_t)total, WIRE_NOTIFICATION);
	wr_u8(w, code);
	wr_u8(w, sub);
	wr_bytes(w, data, len);
}

void
wire_notify_encode(struct wr *w, const struct wire_notify *n)
{
	notify_encode(w, n->code, n->subcode, n->data, n->data_len);
}

void
wire_notify_encode_err(struct wr *w, const struct wire_err *err)
{
	notify_encode(w, err->code, err->subcode, err->data, err->data_len);
}

void
wire_notify_max_prefix_data(struct wr *w, uint16_t afi, uint8_t safi,
    uint32_t limit)
{
	wr_u16(w, afi);
	wr_u8(w, safi);
	wr_u32(w, limit);
}

void
wire_notify_shutdown_data(struct wr *w, const char *text)
{
	size_t len = strlen(text);

	if (len > WIRE_SHUTDOWN_MAX) {
		len = WIRE_SHUTDOWN_MAX;
		/* Do not cut a multi-byte character in two. */
		while (len > 0 && ((uint8_t)text[len] & 0xc0) == 0x80)
			len--;
	}
	wr_u8(w, (uint8_t)len);
	wr_bytes(w, text, len);
}

void
wire_notify_hard_reset_data(struct wr *w, uint8_t code, uint8_t subcode,
    const uint8_t *data, size_t len)
{
	wr_u8(w, code);
	wr_u8(w, subcode);
	wr_bytes(w, data, len);
}

/* A bounded string builder for wire_notify_print. */
struct notify_out {
	char *buf;
	size_t size;
	size_t len;		/* length the full line needs */
};

static void notify_add(struct notify_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
notify_add(struct notify_out *o, const char *fmt, ...)
{
	va_list ap;
	size_t room = o->len < o->size ? o->size - o->len : 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void
notify_add_hex(struct notify_out *o, const uint8_t *p, size_t len)
{
	struct rd r;
	uint8_t b;
	size_t i;

	rd_init(&r, p, len);
	for (i = 0; i < NOTIFY_HEX_MAX && rd_u8(&r, &b); i++)
		notify_add(o, "%02x", b);
	if (len > NOTIFY_HEX_MAX)
		notify_add(o, "...");
}

/* Quote peer text: printable ASCII as is, other bytes as \xNN. */
static void
notify_add_text(struct notify_out *o, const uint8_t *p, size_t len)
{
	struct rd r;
	uint8_t b;

	rd_init(&r, p, len);
	notify_add(o, "\"");
	while (rd_u8(&r, &b)) {
		if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\')
			notify_add(o, "%c", b);
		else
			notify_add(o, "\\x%02x", b);
	}
	notify_add(o, "\"");
}

static void
notify_add_names(struct notify_out *o, uint8_t code, uint8_t sub)
{
	const char *cn = wire_notify_code_name(code);
	const char *sn = wire_notify_subcode_name(code, sub);

	if (cn)
		notify_add(o, "%s", cn);
	else
		notify_add(o, "code %u", code);
	if (code == WIRE_ERR_HOLD && sub == 0)
		return;		/* Hold Timer Expired has no subcodes. */
	if (sn)
		notify_add(o, "/%s", sn);
	else
		notify_add(o, "/subcode %u", sub);
}

static void
notify_add_data(struct notify_out *o, const struct wire_notify *n)
{
	if (n->has_max_prefix) {
		notify_add(o, " (AFI %u SAFI %u limit %u)", n->afi, n->safi,
		    n->limit);
	} else if (n->has_shutdown && n->shutdown_valid) {
		notify_add(o, ": ");
		notify_add_text(o, n->shutdown, n->shutdown_len);
	} else if (n->has_shutdown) {
		notify_add(o, ": invalid shutdown communication (data ");
		notify_add_hex(o, n->data, n->data_len);
		notify_add(o, ")");
	} else if (n->has_inner) {
		notify_add(o, ": ");
		notify_add_names(o, n->inner_code, n->inner_subcode);
		if (n->inner_data_len > 0) {
			notify_add(o, " (data ");
			notify_add_hex(o, n->inner_data, n->inner_data_len);
			notify_add(o, ")");
		}
	} else if (n->data_len > 0) {
		notify_add(o, " (data ");
		notify_add_hex(o, n->data, n->data_len);
		notify_add(o, ")");
	}
}

size_t
wire_notify_print(const struct wire_notify *n, char *buf, size_t size)
{
	struct notify_out o = { buf, size, 0 };

	if (size > 0)
		buf[0] = '\0';
	notify_add_names(&o, n->code, n->subcode);
	notify_add_data(&o, n);
	return o.len;
}
