/*
 * `mrt dump --summary` cross-check against the engine's codec: every
 * BGP4MP UPDATE is decoded by bgpd/wire_update.c with the capabilities the
 * record subtype implies (AS4 for *_AS4*, ADD-PATH receive for *_ADDPATH),
 * every TABLE_DUMP / TABLE_DUMP_V2 attribute block by bgpd/wire_attrs_decode
 * (RFC 6396 4.3.4 abbreviated MP_REACH_NLRI for TABLE_DUMP_V2), and the
 * RFC 7606 verdicts are counted. The AS path the codec decoded (AS4_PATH
 * merged per RFC 6793) is printed with aspath_print() and compared with the
 * bgpdump-compatible text on the printed line; differences are counted.
 * This is how replay will see the same bytes; printed lines never depend
 * on it.
 */
#ifndef XR_TOOLS_MRT_CHECK_H
#define XR_TOOLS_MRT_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "bgpd/mrt.h"
#include "bgpd/wire_update.h"

struct mrt_check {
	struct wire_update u;
	uint64_t verdicts[WIRE_RESET + 1];	/* UPDATEs per enum wire_verdict */
	uint64_t rib_verdicts[WIRE_RESET + 1];	/* RIB attribute blocks */
	uint64_t prefixes;			/* UPDATE prefixes decoded */
	uint64_t path_same;			/* AS path text agrees */
	uint64_t path_differs;			/* ... differs from bgpdump's */
};

/* Prepare c; release with mrt_check_fini(). */
void mrt_check_init(struct mrt_check *c);
void mrt_check_fini(struct mrt_check *c);
/*
 * Decode the UPDATE in m (m->msg is a whole UPDATE message), count its
 * verdict and compare its AS path with path (the printed text).
 */
void mrt_check_update(struct mrt_check *c, const struct mrt_bgp4mp *m,
    const char *path);
/*
 * Decode one RIB entry's attribute block: as4 false for TABLE_DUMP (2-octet
 * AS_PATH), true with the abbreviated MP_REACH_NLRI of afi/safi for
 * TABLE_DUMP_V2. Counts the verdict and compares the AS path with path.
 */
void mrt_check_rib(struct mrt_check *c, const struct bytes *attrs, bool td2,
    uint16_t afi, uint8_t safi, const char *path);

#endif
