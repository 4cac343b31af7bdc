/*
 * Validation beyond YANG (SPEC.md 1.3-1.8, 2.1-2.4, 3): references resolve
 * and policies do not call each other in a cycle, ASNs and addresses are
 * consistent (A and B ASNs differ, link addresses inside their subnets, no
 * overlapping link subnets, VLANs unique), at most 4 links per interconnect
 * over >= 2 facilities with <= 2 links per facility and distinct devices,
 * quotas (allowed prefixes and advertised ranges <= 200 per attachment,
 * VGWs and TGWs per DXGW, interconnects per gateway), no overlap between
 * the prefixes of the two sides. Pure: works on struct config alone.
 */
#ifndef XR_YANG_VALIDATE_H
#define XR_YANG_VALIDATE_H

#include "yang/cfgerr.h"
#include "yang/config.h"

/* Quotas (SPEC.md 1.3, 2.1, 2.2). */
#define VALIDATE_MAX_VGW_PER_DXGW 20
#define VALIDATE_MAX_TGW_PER_DXGW 6
#define VALIDATE_MAX_IC_PER_GATEWAY 10
#define VALIDATE_MAX_LINKS_PER_FACILITY 2
#define VALIDATE_MIN_FACILITIES 2

/*
 * Check c (borrowed). Each problem is appended to err with the YANG data
 * path of the offending node. Returns 0 when c is valid, -1 otherwise.
 */
int validate_config(const struct config *c, struct cfgerr *err);

/* The intent part of validate_config(), in yang/validate_intent.c. */
void validate_intent(const struct config *c, struct cfgerr *err);

#endif
