/*
 * Fitting an advertisement under a peer's prefix cap (SPEC 2.1 caps, 2.5
 * drop order, 3.3 summarisation, 8.1): given the prefixes to advertise
 * towards one peer and the configured summaries, decide what is sent. If
 * the set fits, it is sent unchanged; otherwise summaries replace their
 * contributors, and if the result still exceeds the cap the first `cap`
 * prefixes in the Cloud Router drop order (cloud_quota_cmp(): shortest
 * prefix first, then IPv4 before IPv6, then address) are kept and every
 * other one is reported with the reason, deterministically. Pure: no I/O,
 * no logging; the caller logs or returns the report as a config error.
 * Caps are applied per call: the DX inbound cap is per AFI (call once per
 * family), the allowed-prefix and custom-range caps count both families.
 */
#ifndef XR_POLICY_SUMMARY_H
#define XR_POLICY_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"

/* SPEC 2.1: what the two sides accept. */
#define SUMMARY_CAP_DX_PER_AFI 100	/* DX private/transit VIF, inbound */
#define SUMMARY_CAP_ALLOWED 200		/* TGW allowed prefixes, v4 + v6 */
#define SUMMARY_CAP_CUSTOM 200		/* Cloud Router custom ranges */
#define SUMMARY_CAP_GOOGLE 5000		/* Cloud Router, per peer inbound */

enum summary_why {
	SUMMARY_COVERED = 0,		/* replaced by the summary `by` */
	SUMMARY_OVER_CAP = 1,		/* left out: over the cap */
};

/* One prefix not advertised as itself. */
struct summary_note {
	struct prefix prefix;
	uint8_t why;			/* enum summary_why */
	struct prefix by;		/* SUMMARY_COVERED: the summary */
};

/*
 * The result: the advertised prefixes, and the notes on those not
 * advertised as themselves (covered ones in prefix_cmp() order, then
 * left-out ones in drop order). Zero-initialise; summary_fit_fini().
 */
struct summary_fit_out {
	struct prefix *v;
	size_t n;
	struct summary_note *notes;
	size_t nnotes;
	size_t ncovered;		/* notes with SUMMARY_COVERED */
	size_t ndropped;		/* notes with SUMMARY_OVER_CAP */
	size_t cap;			/* the cap applied (for the text) */
};

/*
 * Fit the n prefixes routes (borrowed) under cap using the m summaries
 * (borrowed), filling out (any previous contents are released):
 *  - n <= cap: out->v is routes in input order, no notes.
 *  - else duplicates are merged and summaries are tried, most-covering
 *    first (the number of routes strictly inside, then cloud_quota_cmp());
 *    a summary is applied when it lowers the count (it replaces the routes
 *    strictly inside it, and is added unless already present); application
 *    stops as soon as the count fits.
 *  - if it still does not fit, the first cap in cloud_quota_cmp() order are
 *    kept and the others noted SUMMARY_OVER_CAP.
 * When anything changed, out->v is in cloud_quota_cmp() order.
 * Returns 0 if everything is advertised (possibly summarised), -1 if
 * prefixes were left out (see the notes).
 */
int summary_fit(const struct prefix *routes, size_t n,
    const struct prefix *summaries, size_t m, size_t cap,
    struct summary_fit_out *out);

/* Release out's arrays; out becomes empty. */
void summary_fit_fini(struct summary_fit_out *out);

/*
 * The reason text of note for a peer named peer, e.g.
 * "10.9.0.0/16 exceeds cap 100 of peer dx-1 after summarisation" or
 * "10.1.2.0/24 covered by summary 10.1.0.0/16". snprintf() contract.
 */
size_t summary_note_print(const struct summary_note *note, size_t cap,
    const char *peer, char *buf, size_t size);

#endif
