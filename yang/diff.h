/*
 * Configuration diff: given the running and a candidate struct config, the
 * exact set of objects added, removed or changed - BGP global, neighbours,
 * defined sets, policies, gateways and interconnects - and, per neighbour,
 * what the change demands of its session (SPEC.md 3.1, 4.4):
 *   RESET  Cease/6 "Other Configuration Change" and reconnect: the change
 *          cannot be soft-applied (peer AS, MD5 key, AFI/SAFI set, and the
 *          other values fixed when the session opens: local address, TTL /
 *          GTSM, hold and keepalive time, graceful-restart parameters);
 *   SOFT   keep the session, re-evaluate Adj-RIB-In / Adj-RIB-Out (a policy
 *          in its chain changed, directly or through a set or call-policy;
 *          prefix limit; profile);
 *   NONE   nothing to do on the wire (description, passive, connect-retry).
 * A neighbour whose address changes is one removal (Cease/3) and one
 * addition. Administrative state changes carry DIFF_F_ADMIN.
 *
 * A changed gateway carries what differs in it: DIFF_F_ASN (AS or
 * router-id), DIFF_F_PROFILE, DIFF_F_OTHER (role), DIFF_F_POLICY (its own
 * apply-policy, or a policy or set its chain reaches) and DIFF_F_ATTACH
 * (an attachment's fields - prefixes, allowed prefixes, advertised
 * ranges, base priority, advertise mode, region, kind - or its
 * apply-policy, or a policy or set reached only from attachment chains).
 * Attachments feed only the routes the gateway originates, never a
 * session's chains: a gateway changed in DIFF_F_ATTACH alone is not
 * diff_sessions_global(). Pure: plain structs in, plain structs out.
 */
#ifndef XR_YANG_DIFF_H
#define XR_YANG_DIFF_H

#include <stdbool.h>
#include <stdint.h>

#include "yang/config.h"

enum diff_kind {
	DIFF_BGP_GLOBAL = 0,		/* name "global" */
	DIFF_NEIGHBOR,			/* name = address text */
	DIFF_AGGREGATE,			/* name = prefix text */
	DIFF_PREFIX_SET,
	DIFF_NEIGHBOR_SET,
	DIFF_LINK_SET,
	DIFF_COMMUNITY_SET,
	DIFF_LARGE_COMMUNITY_SET,
	DIFF_EXT_COMMUNITY_SET,
	DIFF_AS_PATH_SET,
	DIFF_POLICY,
	DIFF_GATEWAY,
	DIFF_INTERCONNECT,
};

enum diff_op {
	DIFF_ADDED = 0,
	DIFF_REMOVED,
	DIFF_CHANGED,
};

enum diff_action {
	DIFF_ACT_NONE = 0,
	DIFF_ACT_SOFT,
	DIFF_ACT_RESET,
};

/* What changed in a neighbour (or, for DIFF_F_POLICY, any attach point). */
enum {
	DIFF_F_ASN = 1u << 0,
	DIFF_F_MD5 = 1u << 1,
	DIFF_F_AFI = 1u << 2,		/* the AFI/SAFI set */
	DIFF_F_TRANSPORT = 1u << 3,	/* local address, TTL, GTSM */
	DIFF_F_TIMERS = 1u << 4,	/* hold / keepalive */
	DIFF_F_GR = 1u << 5,
	DIFF_F_POLICY = 1u << 6,	/* chain, defaults, or a policy in it */
	DIFF_F_PREFIX_LIMIT = 1u << 7,
	DIFF_F_PROFILE = 1u << 8,
	DIFF_F_ADMIN = 1u << 9,
	DIFF_F_OTHER = 1u << 10,	/* description, passive, connect-retry */
	DIFF_F_ATTACH = 1u << 11,	/* gateways: attachments, their chains */
};

struct diff_entry {
	enum diff_kind kind;
	enum diff_op op;
	char *name;
	enum diff_action action;	/* neighbours; SOFT for others */
	uint32_t what;			/* DIFF_F_* bits, for CHANGED */
};

struct diff {
	struct diff_entry *v;		/* in enum diff_kind order */
	size_t n;
};

/*
 * Compare old and new (both borrowed; either may be NULL = empty). Returns
 * an owned diff; an empty one (n == 0) when they are equivalent.
 */
struct diff *diff_new(const struct config *old, const struct config *new);

/*
 * Whether d may change what the sessions' chains do beyond what
 * diff_chain() compares, so that every kept session must be taken as
 * changed: the BGP global, an interconnect added, removed or changed, a
 * gateway added or removed, or changed in anything but its attachments
 * (a what of more than DIFF_F_ATTACH). A change confined to attachments,
 * to their chains or to policies and sets only they reach moves only the
 * originated routes (bgpd/originate.h).
 */
bool diff_sessions_global(const struct diff *d);

/* Release d; diff_free(NULL) is a no-op. */
void diff_free(struct diff *d);

/* The entry for (kind, name), or NULL. Borrowed. */
const struct diff_entry *diff_lookup(const struct diff *d, enum diff_kind kind,
    const char *name);

/*
 * The action a change from a to b of one neighbour (same address) needs,
 * with its DIFF_F_* bits in *what (may be NULL). For sessions that are not
 * configured as neighbours, such as those derived from links
 * (yang/derive.h); sets and called policies are not followed here.
 */
enum diff_action diff_neighbor_action(const struct config_neighbor *a,
    const struct config_neighbor *b, uint32_t *what);

/* What a change does to one attach point's chain (diff_chain()). */
enum diff_chain_kind {
	DIFF_CHAIN_SAME = 0,	/* evaluates every route as before */
	DIFF_CHAIN_PSETS,	/* only prefix-set members changed */
	DIFF_CHAIN_ANY,		/* anything else: every route may change */
};

/* One side of the comparison: a configuration and an attach point in it. */
struct diff_chain_side {
	const struct config *cfg;
	const struct config_apply_policy *ap;	/* NULL: empty */
	enum config_profile profile;
};

/*
 * Compare the import (export false) or export chain of attach point o->ap
 * in o->cfg with that of n->ap in n->cfg: the policy names, the default,
 * the profile, every policy reached through the chain and call-policy
 * (statements, conditions, actions) and every set they name. For
 * DIFF_CHAIN_PSETS the prefixes of the entries that are in one version of
 * a changed prefix set and not in the other are appended to *ranges
 * (xrealloc'd array of *nranges, the caller's to free): every route the two
 * chains treat differently is covered by one of them. Things a chain
 * depends on outside the routing policy (interconnect and link ids, drain
 * state) are not compared here.
 */
enum diff_chain_kind diff_chain(const struct diff_chain_side *o,
    const struct diff_chain_side *n, bool export, struct prefix **ranges,
    size_t *nranges);

/* Static lower-case names for printing. */
const char *diff_kind_name(enum diff_kind kind);
const char *diff_op_name(enum diff_op op);
const char *diff_action_name(enum diff_action a);

#endif
