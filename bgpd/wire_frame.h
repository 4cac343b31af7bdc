/*
 * Message framing over a TCP byte stream (RFC 4271 4.1): find the next
 * complete BGP message in a receive buffer, or say how many bytes are still
 * missing, or report the header error. Also the KEEPALIVE encoder, a message
 * that is nothing but a frame (RFC 4271 4.4). Pure: the caller owns the
 * buffer and the socket.
 */
#ifndef XR_BGPD_WIRE_FRAME_H
#define XR_BGPD_WIRE_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"

struct wr;

enum wire_frame_status {
	WIRE_FRAME_MSG,		/* a complete message is in out */
	WIRE_FRAME_MORE,	/* out->need bytes are needed in total */
	WIRE_FRAME_ERROR,	/* header error: err is the NOTIFICATION */
};

struct wire_frame {
	uint8_t type;		/* enum wire_type */
	size_t len;		/* whole message, header included */
	const uint8_t *msg;	/* borrowed: the message, header included */
	const uint8_t *body;	/* borrowed: the body, len - 19 bytes */
	size_t body_len;
	size_t need;		/* for WIRE_FRAME_MORE: bytes to have */
};

/*
 * Look at the n bytes at buf, the start of unconsumed stream data. max_len
 * is WIRE_MAX_LEN, or WIRE_MAX_LEN_EXT once extended messages were
 * negotiated (RFC 8654). On WIRE_FRAME_MSG the caller handles out and
 * consumes out->len bytes; on WIRE_FRAME_MORE it reads until it holds
 * out->need bytes; on WIRE_FRAME_ERROR it sends err and closes. Header
 * checks are those of wire_hdr_decode, plus the 4096-byte limit that
 * RFC 8654 keeps for OPEN.
 */
enum wire_frame_status wire_frame_next(const uint8_t *buf, size_t n,
    size_t max_len, struct wire_frame *out, struct wire_err *err);

/* Write a KEEPALIVE message (a 19-byte header alone). */
void wire_keepalive_encode(struct wr *w);

#endif
