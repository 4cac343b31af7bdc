/*
 * NLRI prefix lists of the UPDATE codec (RFC 4271 4.3, RFC 4760 5, RFC 7911
 * 3): {length in bits, ceil(length/8) bytes}, optionally preceded by a 4-byte
 * path identifier. Decoded prefixes go into growable arrays that are reused
 * across messages, so steady-state decoding allocates nothing. Pure codec:
 * bytes in, values out; the caller decides what an error means (RESET for
 * the NLRI and Withdrawn Routes fields, AFI/SAFI disable inside MP_*).
 */
#ifndef XR_BGPD_WIRE_NLRI_H
#define XR_BGPD_WIRE_NLRI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"

struct rd;
struct wr;

/*
 * Upper bound on prefixes in one list: every prefix takes at least one byte
 * of a message of at most 65535 bytes (RFC 8654), so no valid list is longer.
 */
#define WIRE_NLRI_MAX 65535

/* One announced or withdrawn prefix and its RFC 7911 path id (0 if none). */
struct wire_nlri {
	struct prefix pfx;
	uint32_t path_id;
};

/* A reusable array of prefixes; v is owned, n used, cap allocated. */
struct wire_nlri_list {
	struct wire_nlri *v;
	size_t n;
	size_t cap;
};

void wire_nlri_list_init(struct wire_nlri_list *l);
/* Free the array. */
void wire_nlri_list_fini(struct wire_nlri_list *l);
/* Append one prefix (growing up to WIRE_NLRI_MAX); false when full. */
bool wire_nlri_list_add(struct wire_nlri_list *l, const struct prefix *p,
    uint32_t path_id);

/* Outcome of decoding one prefix list. */
enum wire_nlri_res {
	WIRE_NLRI_OK,
	WIRE_NLRI_BAD_LEN,	/* prefix length above 32 / 128 */
	WIRE_NLRI_OVERRUN,	/* prefix or path id runs past the field */
	WIRE_NLRI_TOO_MANY,	/* more than WIRE_NLRI_MAX prefixes */
};

/*
 * Decode every prefix left in r (afi AFI_IPV4 or AFI_IPV6; path ids first
 * when addpath) and append them to out. Host bits beyond the length are
 * cleared and counted in *masked. On error out holds the prefixes decoded
 * before the bad one and *where is the offset of the bad one within r.
 */
enum wire_nlri_res wire_nlri_decode(struct rd *r, uint8_t afi, bool addpath,
    struct wire_nlri_list *out, size_t *masked, size_t *where);

/* Bytes one prefix takes on the wire. */
size_t wire_nlri_size(const struct prefix *p, bool addpath);
/* Write one prefix (with its path id when addpath). */
void wire_nlri_encode(struct wr *w, const struct wire_nlri *n, bool addpath);

#endif
