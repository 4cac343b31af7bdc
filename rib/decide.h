/*
 * The BGP decision process (RFC 4271 9.1.2.2 in the order of SPEC.md 4.1)
 * and the cloud profiles' step lists (SPEC.md 2.2 gateway A / DX, 2.5
 * router B / Cloud Router), as one pairwise comparison built from one helper
 * per step, plus the per-prefix selection of the best path and its ECMP set.
 * Pure: reads paths, peers and options; allocates nothing, logs nothing.
 *
 * Steps, in enum order; a profile uses a subsequence:
 *   generic  eligible, local-pref, AS_PATH length, ORIGIN, MED, eBGP>iBGP,
 *            IGP cost, [oldest], router id, CLUSTER_LIST length, peer address
 *   dx       eligible, local-pref (LOCAL_PREF if policy set it, else the
 *            7224:7100/7200/7300 class 100/200/300, untagged 200),
 *            AS_PATH length, router id, peer address (MED ignored)
 *   cr       eligible, local-pref (policy only, default), MED as priority
 *            (lower wins, always compared, missing 0), router id, address
 * and every profile ends with ADD-PATH id and peer id so the order is total.
 * Steps from DECIDE_TIEBREAK on only break ties: paths equal up to there
 * form the multipath (ECMP) set.
 */
#ifndef XR_RIB_DECIDE_H
#define XR_RIB_DECIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rib/path.h"

enum decide_profile {
	DECIDE_GENERIC = 0,	/* RFC 4271 */
	DECIDE_DX = 1,		/* gateway A, SPEC.md 2.2 */
	DECIDE_CR = 2,		/* router B, SPEC.md 2.5 */
};

enum decide_step {
	DECIDE_NONE = 0,	/* no difference (or a single candidate) */
	DECIDE_ELIGIBLE,	/* loop-free, next hop reachable, accepted */
	DECIDE_LOCAL_PREF,
	DECIDE_AS_PATH,
	DECIDE_ORIGIN,
	DECIDE_MED,
	DECIDE_EBGP,
	DECIDE_IGP_COST,
	DECIDE_AGE,		/* first tie-break step */
	DECIDE_ROUTER_ID,
	DECIDE_CLUSTER_LEN,
	DECIDE_PEER_ADDR,
	DECIDE_PATH_ID,
	DECIDE_PEER_ID,
};
#define DECIDE_TIEBREAK DECIDE_AGE

/* Largest ECMP set the RIB keeps. */
#define DECIDE_MAX_PATHS 64

/* DX local-preference classes (SPEC.md 2.2, numbers (D)). */
#define DECIDE_DX_LOW 100
#define DECIDE_DX_MEDIUM 200
#define DECIDE_DX_HIGH 300

struct decide_opts {
	enum decide_profile profile;
	unsigned max_paths;		/* ECMP width, 1..DECIDE_MAX_PATHS */
	uint32_t default_local_pref;	/* when LOCAL_PREF is absent */
	bool always_compare_med;	/* MED across neighbour ASes */
	bool deterministic_med;		/* RFC 9.1.2.2 set elimination */
	bool prefer_oldest;		/* RFC 5004 among eBGP paths */
	bool multipath_relax;		/* ECMP across different AS paths */
};

/* Defaults: generic, max_paths 8, local-pref 100, deterministic MED. */
void decide_opts_default(struct decide_opts *o);

/*
 * Compare two paths of one prefix whose peers share one decide_opts.
 * Returns < 0 if a is preferred, > 0 if b is, 0 only for the same
 * (peer, path id); *why (may be NULL) receives the deciding step. Between
 * paths from different neighbour ASes the generic MED step is skipped, so
 * this is not transitive over three paths: use decide_select() to choose.
 */
int decide_cmp(const struct path *a, const struct path *b,
    enum decide_step *why);

/*
 * Choose among the n eligible paths at v (borrowed; reordered in place):
 * afterwards v[0] is the best path and v[0..k-1] its ECMP set (at most
 * max_paths, the best path's interconnect group kept whole first). Returns
 * k (0 when n is 0); *why receives the step that decided v[0] over the
 * last competitor (DECIDE_NONE when n is 1).
 */
unsigned decide_select(const struct decide_opts *o, const struct path **v,
    size_t n, enum decide_step *why);

/*
 * decide_select() without its fast path: every input goes through RFC 4271
 * 9.1.2.2 as step-by-step set elimination. Same contract; v[0..k-1] and *why
 * are the same as decide_select()'s (only the order of the paths after the
 * ECMP set may differ). The reference the fast path is tested against.
 */
unsigned decide_select_full(const struct decide_opts *o,
    const struct path **v, size_t n, enum decide_step *why);

/*
 * Fill p's cached decision inputs from p->attrs; call whenever p->attrs is
 * set. Currently none: the AS_PATH length is cached in the set itself
 * (attrs->aslen) and the rest is read when needed. No-op for NULL attrs.
 */
void decide_prepare(struct path *p);
/* True if p may be chosen: accepted by policy, no loop, next hop usable. */
bool decide_is_eligible(const struct path *p);
/* The local preference p is compared with under o. p must be accepted. */
uint32_t decide_local_pref(const struct decide_opts *o, const struct path *p);
/* DX class of a set: lowest of 7224:7100/7200/7300 present, else medium. */
uint32_t decide_dx_class(const struct attrs *a);
/* Short name of a step for show output and tests ("local-pref", ...). */
const char *decide_step_name(enum decide_step s);

#endif
