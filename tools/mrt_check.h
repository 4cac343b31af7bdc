/*
 * `mrt dump --summary` cross-check: every BGP4MP UPDATE is also decoded by
 * the engine's UPDATE codec (bgpd/wire_update.c) with the capabilities the
 * record subtype implies (AS4 for *_AS4*, ADD-PATH receive for *_ADDPATH),
 * and its RFC 7606 verdicts are counted. This is how replay will see the
 * same bytes; the printed lines do not depend on it.
 */
#ifndef XR_TOOLS_MRT_CHECK_H
#define XR_TOOLS_MRT_CHECK_H

#include <stdint.h>

#include "bgpd/mrt.h"
#include "bgpd/wire_update.h"

struct mrt_check {
	struct wire_update u;
	uint64_t verdicts[WIRE_RESET + 1];	/* per enum wire_verdict */
	uint64_t prefixes;			/* announced + withdrawn */
};

/* Prepare c; release with mrt_check_fini(). */
void mrt_check_init(struct mrt_check *c);
void mrt_check_fini(struct mrt_check *c);
/* Decode the UPDATE in m (m->msg is a whole UPDATE message) and count. */
void mrt_check_update(struct mrt_check *c, const struct mrt_bgp4mp *m);

#endif
