/*
 * The routing table: per-peer Adj-RIB-In and the Loc-RIB with best path and
 * ECMP set per prefix, for IPv4 and IPv6 unicast. Input is
 * rib_update(peer id, prefix, path id, interned attrs or NULL); each call
 * re-runs the decision for that one prefix and queues the prefix when its
 * best path or multipath set changed; an Adj-RIB-Out consumer drains the
 * queue with rib_change_next(). Peers are known by id with a copied
 * struct rib_peer_info, never by session.
 *
 * Adj-RIB-In is kept: every path holds the attributes as received and the
 * result of the import hook (a function pointer supplied by the caller,
 * accept-all by default), so a policy change re-evaluates with
 * rib_reimport() without a route refresh. Loop checks (own AS in AS_PATH,
 * own router id as ORIGINATOR_ID or in CLUSTER_LIST; RFC 4271 9.1.2,
 * RFC 4456 8) and next-hop reachability (another hook, default reachable)
 * make a path ineligible without dropping it. Graceful restart marks a
 * peer's paths stale and sweeps what was not re-sent (RFC 4724 4.2).
 *
 * Memory: prefixes live in one Patricia tree per family (ptree.h), paths in
 * a fixed-size pool; a path is 48 bytes (no per-peer list: per-peer
 * operations walk the tree), an IPv4 prefix 40 bytes plus at most one
 * 24-byte glue node. Attribute sets are shared (lib/attr.h).
 * Must not know sockets, the event loop, YANG or bgpd/; it does not log.
 */
#ifndef XR_RIB_RIB_H
#define XR_RIB_RIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"
#include "rib/decide.h"
#include "rib/path.h"
#include "rib/ptree.h"

struct rib;
struct rib_entry;

struct rib_config {
	struct decide_opts decide;
	uint32_t local_as;	/* own AS for the AS_PATH loop check; 0 none */
	uint32_t router_id;	/* own id: ORIGINATOR_ID / CLUSTER_LIST check */
};

enum rib_import_verdict {
	RIB_IMPORT_ACCEPT,
	RIB_IMPORT_REJECT,
};

/*
 * Hooks into the RIB; any member may be NULL for the default.
 * import: run import policy on the received set in for prefix p from a
 *   peer; on RIB_IMPORT_ACCEPT store a new reference in *out (the RIB owns
 *   it; attrs_ref(in) when unchanged). Default: accept unchanged.
 * nexthop_ok: whether a next hop is reachable. Default: always.
 * Hooks must not call back into the RIB.
 */
struct rib_hooks {
	enum rib_import_verdict (*import)(void *ctx, uint32_t peer_id,
	    const struct rib_peer_info *peer, const struct prefix *p,
	    const struct attrs *in, const struct attrs **out);
	bool (*nexthop_ok)(void *ctx, const struct addr *nh);
	void *ctx;
};

/* One queued change: the prefix's current best path and ECMP set. */
struct rib_change {
	struct prefix prefix;
	const struct path *best;	/* NULL: no usable path (withdraw) */
	unsigned npaths;		/* ECMP set: best + next npaths-1 */
	enum decide_step why;		/* step that chose best */
};

struct rib_iter {
	struct ptree_iter it;
};

struct rib_counters {
	size_t peers;
	size_t prefixes;	/* in the tree, withdrawn ones until drained */
	size_t paths;		/* Adj-RIB-In paths */
	size_t accepted;	/* of those, accepted by import policy */
	size_t nodes;		/* tree nodes (prefixes and glue) */
	size_t queued;		/* changes not yet drained */
	size_t bytes;		/* memory held by the RIB itself */
};

/* Defaults: decide_opts_default(), no own AS or router id. */
void rib_config_default(struct rib_config *c);

/*
 * Create an empty RIB. attrs is the interning table the sets given to
 * rib_update() come from (borrowed; must outlive the RIB); c and h are
 * copied (h may be NULL). Free with rib_free().
 */
struct rib *rib_new(struct attr_table *attrs, const struct rib_config *c,
    const struct rib_hooks *h);
/* Drop every path and peer, release every reference, free r. NULL ok. */
void rib_free(struct rib *r);
/*
 * Replace the configuration (decision options, own AS, router id) and
 * re-evaluate every path under it; changed prefixes are queued.
 */
void rib_config_set(struct rib *r, const struct rib_config *c);
/* Replace the hooks (a new compiled policy); call rib_reimport() after. */
void rib_hooks_set(struct rib *r, const struct rib_hooks *h);

/* Add a peer with a copy of info. Returns 0, or -1 if id exists. */
int rib_peer_add(struct rib *r, uint32_t id, const struct rib_peer_info *info);
/* The peer with id (borrowed), or NULL. */
const struct rib_peer *rib_peer_lookup(const struct rib *r, uint32_t id);
/*
 * Per-peer operations (down, stale, sweep, count, re-import) walk the
 * prefix tree: their cost grows with the table, not with the peer's share
 * of it (a path keeps no per-peer list links).
 */
/* Withdraw every path of the peer (session down); the peer stays. 0 / -1. */
int rib_peer_down(struct rib *r, uint32_t id);
/*
 * Graceful restart (RFC 4724 4.2) and enhanced route refresh (RFC 7313):
 * rib_peer_stale() marks the peer's paths of afi (0 = all) stale, keeping
 * them in use; a later announcement of a path clears its mark;
 * rib_peer_sweep() withdraws the paths of afi still marked (End-of-RIB,
 * EoRR, or the stale timer). Both return 0, or -1 for an unknown peer.
 */
int rib_peer_stale(struct rib *r, uint32_t id, uint8_t afi);
int rib_peer_sweep(struct rib *r, uint32_t id, uint8_t afi);
/* rib_peer_down(), then forget the peer. Returns 0, or -1 if unknown. */
int rib_peer_remove(struct rib *r, uint32_t id);
/*
 * The peer's paths of afi (0 = both families), only the stale ones if
 * stale; 0 for an unknown peer. A walk of the tree: for rare events
 * (session up, sweeps), not per update; rib_peer_lookup()->npaths is the
 * total at no cost.
 */
size_t rib_peer_count(const struct rib *r, uint32_t id, uint8_t afi,
    bool stale);

/*
 * Announce (a != NULL; the RIB takes its own reference, a stays the
 * caller's) or withdraw (a == NULL) the path (peer, p, path_id). An
 * announcement of a known path replaces it (implicit withdraw). Host bits
 * of p are ignored. Returns 0, or -1 for an unknown peer or a bad prefix.
 * Invalidates paths borrowed from the RIB and any iterator.
 */
int rib_update(struct rib *r, uint32_t peer_id, const struct prefix *p,
    uint32_t path_id, const struct attrs *a);
/* Re-run the hooks over the peer's Adj-RIB-In. Returns 0 or -1. */
int rib_reimport(struct rib *r, uint32_t peer_id);
/* rib_reimport() for every peer (next-hop or policy change): one walk,
 * one decision per prefix. */
void rib_reimport_all(struct rib *r);

/*
 * Position of a resumable re-import: plain values, no pointer into the
 * RIB, so paths and prefixes may come and go between steps. Zero it to
 * start; the members are the RIB's.
 */
struct rib_cursor {
	struct prefix last;	/* last prefix reached; afi 0 = none yet */
	uint32_t path_id;	/* partial: last's paths with ids <= done */
	uint32_t range;		/* scope walks: the range being walked */
	uint8_t phase;		/* 0 IPv4, 1 IPv6, 2 finished */
	bool partial;		/* last is only done up to path_id */
};

/*
 * One slice of rib_reimport(): re-run the hooks on at most budget (0 counts
 * as 1) of the peer's paths not yet reached by c, in prefix order (IPv4,
 * then IPv6; by path id within a prefix), and on no more than 16 * budget
 * prefixes visited. Between steps the RIB may change freely: a path added
 * behind the cursor was imported under the current hooks anyway, one
 * withdrawn ahead of it is simply not met. Changes are queued as by
 * rib_update(). Returns 1 while the walk is not finished, 0 when it is
 * (and for every later call with c), -1 for an unknown peer.
 */
int rib_reimport_step(struct rib *r, uint32_t peer_id, struct rib_cursor *c,
    size_t budget);
/*
 * rib_reimport_all() in steps of about budget paths (a prefix is never
 * split), resuming from c (zeroed = start; plain values, so the RIB may
 * change between steps: what arrives meanwhile is imported under the
 * current hooks anyway). Returns 1 while more is left, 0 when done.
 */
int rib_reimport_all_step(struct rib *r, struct rib_cursor *c, size_t budget);

/*
 * What a partial re-import covers (after a policy change that can only
 * alter some peers' results, or only those of some prefixes): the paths of
 * the peers listed (ascending ids; npeers 0 = every peer) on the prefixes
 * covered by one of the ranges (nranges 0 = every prefix of both
 * families). The ranges must be disjoint and in prefix_cmp() order:
 * rib_scope_ranges_normalize() makes them so.
 */
struct rib_scope {
	const uint32_t *peers;
	size_t npeers;
	const struct prefix *ranges;
	size_t nranges;
};

/*
 * Sort v[0..n) by prefix_cmp() and drop every range covered by another
 * one (a range is its prefix and everything more specific). Returns the
 * number kept, in place.
 */
size_t rib_scope_ranges_normalize(struct prefix *v, size_t n);

/*
 * rib_reimport_all_step() restricted to scope s (borrowed for this step;
 * the same s for every step of one walk): the hooks run on the scope's
 * paths of each prefix reached, then the prefix is decided once, and only
 * when some path's result (set or eligibility) changed. A step costs the
 * paths of the prefixes it visits, about budget of them (a prefix is never
 * split). Resumes from c (zeroed = start). Returns 1 while more is left,
 * 0 when done.
 */
int rib_reimport_scope_step(struct rib *r, const struct rib_scope *s,
    struct rib_cursor *c, size_t budget);

/*
 * Take the next queued change (prefixes in the order they first changed
 * since the last drain; several changes of one prefix coalesce into its
 * state now). Returns false when none is left. Paths in *c are borrowed
 * until the next call that modifies r.
 */
bool rib_change_next(struct rib *r, struct rib_change *c);
/* Changes queued and not yet taken by rib_change_next(). */
size_t rib_queued(const struct rib *r);

/* The entry for exactly p, or NULL (borrowed until r is modified). */
const struct rib_entry *rib_lookup(const struct rib *r, const struct prefix *p);
/* Longest stored prefix covering p that has a best path, or NULL; its
 * prefix goes to found if not NULL. */
const struct rib_entry *rib_match(const struct rib *r, const struct prefix *p,
    struct prefix *found);
/* Best path of e, or NULL if none is eligible. */
const struct path *rib_entry_best(const struct rib_entry *e);
/* Every path of e (follow ->next): the ECMP set first, best at the head. */
const struct path *rib_entry_paths(const struct rib_entry *e);
/* Size of e's ECMP set (0 when there is no best path). */
unsigned rib_entry_npaths(const struct rib_entry *e);
/* The step that chose e's best path. */
enum decide_step rib_entry_why(const struct rib_entry *e);

/*
 * Ordered walk over the prefixes of one family that have paths; within
 * and after as for ptree_iter_init() (subtree and paging cursor).
 * Invalidated by any modification of r.
 */
void rib_iter_init(struct rib_iter *it, const struct rib *r, uint8_t afi,
    const struct prefix *within, const struct prefix *after);
/* Next entry or NULL; its prefix goes to p if not NULL. */
const struct rib_entry *rib_iter_next(struct rib_iter *it, struct prefix *p);

/* Allocation counters and memory (operational state; tests check zero). */
void rib_counters(const struct rib *r, struct rib_counters *c);

#endif
