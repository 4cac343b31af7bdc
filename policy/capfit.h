/*
 * Commit-time check of the capped advertisements of the interconnect
 * intent (SPEC 2.1 caps, 2.4, 8.1, 3.3), with summary_fit() of
 * policy/summary.h. Per interconnect and address family:
 *  - router B (Cloud Router) towards gateway A: every attachment's
 *    advertised-ranges (advertise-mode custom) or else its subnets, under
 *    the DX side's inbound cap (one session per AFI on the A side; above
 *    it the DX session goes down, SPEC 2.1): DERIVE_MAXPFX_A, the limit
 *    yang/derive.c puts on A's sessions (= SUMMARY_CAP_DX_PER_AFI);
 *  - gateway A towards B: TGW allowed prefixes (originated verbatim) and
 *    the other attachments' CIDRs (VGW ones filtered by their allowed
 *    prefixes; policy/origin.h), under DERIVE_MAXPFX_B per peer.
 * The summaries tried are the summarize prefixes of the export policies
 * that apply to the sender's link sessions (link, interconnect and
 * gateway apply-policy, as yang/derive.c concatenates them) and, when
 * the BGP speaker of c is the sender (same AS), its global aggregates
 * (not originate). IPv6 counts only when the interconnect carries IPv6.
 * Pure: reads config structs, no I/O.
 */
#ifndef XR_POLICY_CAPFIT_H
#define XR_POLICY_CAPFIT_H

#include <stddef.h>

#include "yang/config.h"

/*
 * Check every interconnect of c (borrowed). Returns 0 when every
 * advertisement fits (possibly summarised); else -1 and err (errlen
 * bytes) says which interconnect, sender, family and cap, and names the
 * prefixes left out in the Cloud Router drop order (the first ones that
 * fit, then how many more), the same for the same configuration.
 * Gateways that do not exist are skipped (the YANG validation names them).
 */
int capfit_check(const struct config *c, char *err, size_t errlen);

#endif
