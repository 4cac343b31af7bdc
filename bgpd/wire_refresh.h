/*
 * ROUTE-REFRESH message codec (RFC 2918 3, RFC 7313 3 and 5): AFI, message
 * subtype (0 normal request, 1 BoRR, 2 EoRR) and SAFI. A length error gives
 * the ROUTE-REFRESH Message Error NOTIFICATION with the whole message as
 * data; unknown subtypes and address families not negotiated are reported
 * as "ignore", not as errors. Pure codec.
 */
#ifndef XR_BGPD_WIRE_REFRESH_H
#define XR_BGPD_WIRE_REFRESH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"

struct wr;

enum wire_rr_subtype {
	WIRE_RR_NORMAL = 0,
	WIRE_RR_BORR = 1,	/* Beginning of Route Refresh */
	WIRE_RR_EORR = 2,	/* End of Route Refresh */
};

#define WIRE_RR_BODY_LEN 4

struct wire_refresh {
	uint16_t afi;
	uint8_t subtype;	/* enum wire_rr_subtype, or unknown */
	uint8_t safi;
	bool ignore;		/* unknown subtype or AFI/SAFI: drop it */
	size_t orf_len;		/* RFC 5291 ORF bytes after a normal request,
				 * not interpreted */
};

/*
 * Decode the ROUTE-REFRESH body (len bytes after the header). caps, when
 * not NULL, marks a request for an AFI/SAFI outside caps->afs as ignore
 * (RFC 2918 4). A body shorter than 4 bytes, or a BoRR/EoRR whose body is
 * not exactly 4 bytes, is WIRE_RESET with ROUTE-REFRESH Message Error /
 * Invalid Message Length (RFC 7313 5); err->data holds the rebuilt message,
 * cut to WIRE_ERR_DATA_MAX bytes: send wire_refresh_encode_len_err for the
 * complete one. An unknown subtype is WIRE_OK with ignore set.
 */
enum wire_verdict wire_refresh_decode(const uint8_t *buf, size_t len,
    const struct wire_caps *caps, struct wire_refresh *out,
    struct wire_err *err);

/* Write a complete ROUTE-REFRESH message (no ORF entries) for rr. */
void wire_refresh_encode(struct wr *w, const struct wire_refresh *rr);

/*
 * Write the complete NOTIFICATION for a ROUTE-REFRESH of bad length whose
 * body is the len bytes at body: its data is the whole message, header
 * included (RFC 7313 5). Fails the writer when it cannot fit 4096 bytes.
 */
void wire_refresh_encode_len_err(struct wr *w, const uint8_t *body,
    size_t len);

#endif
