/*
 * Export towards peers (RFC 4271 9.1.3, 9.2): what one path looks like when
 * sent to a peer of a given kind, and how a batch of (prefix, attributes)
 * becomes as few UPDATE messages as possible. Peers that share an export
 * key (local AS, eBGP/iBGP, next-hop-self address, side, export policy,
 * encoding capabilities) share one computation and one message stream
 * (bgpd/daemon.c keeps the groups); this file is the pure part: no
 * sockets, no event loop, no RIB walk, no logging.
 *
 * Export policy per destination: a chain that tests the neighbour or the
 * link (match-neighbor-set, match-link-set) tests the session the route is
 * sent to, so its result is specific to that session. Such peers do not
 * share a group: export_key_dest() puts the destination into the key, but
 * only what the chain tests (a link set: the link id and roles, shared by
 * the IPv4 and IPv6 sessions of one link; a neighbour set: the peer), so
 * peers whose chains test neither keep sharing one computation. Evaluating
 * per member inside a group instead would lose exactly that sharing for
 * every member and make the group's Adj-RIB-Out per member.
 *
 * Summarisation per attach point (SPEC 3.3, summarize, export only): the
 * summaries of a chain are computed for the destination (struct
 * export_sum), fed with the Loc-RIB best paths the group exports; a route
 * contributes to a summarize statement when that statement fires in its
 * export evaluation (its conditions hold and no earlier statement ended
 * the chain), whatever the final verdict, and the export rules below
 * allow it towards the key. The summary is a local route of that
 * destination only (RFC 4271 9.2.2.2 attributes from policy/aggregate.h,
 * computed from the contributors' attributes as the chain edits them for
 * that destination: what is advertised, before the eBGP rewrite; then
 * the eBGP rewrite; the chain does not run on the summary); summary-only
 * withholds the contributors from that destination only.
 *
 * Rules, in order: routes learned on an interconnect link never go to a
 * link (of that or another interconnect, SPEC.md 1.8); iBGP-learned routes
 * do not go to iBGP peers (no route reflection); NO_ADVERTISE, and towards
 * eBGP NO_EXPORT and NO_EXPORT_SUBCONFED, are honoured (RFC 1997); a route
 * is not sent back to the peer it came from; the export policy chain runs;
 * towards eBGP the own AS is prepended, the next hop becomes the session's
 * address (next-hop-self) and LOCAL_PREF and a received MED are removed
 * (RFC 4271 5.1.4, 5.1.5).
 *
 * AWS public VIF (SPEC 2.2, profile dx-public): a route learned from a
 * dx-public neighbour tagged 7224:9100 goes only to destinations of the
 * neighbour's region, 7224:9200 only to those of its continent (a
 * destination without a region is outside every region), 7224:9300 or
 * untagged wherever the rules above allow; after the chain its
 * 7224:9x00 are removed (AWS's, consumed). Towards a dx-public
 * neighbour every route gets NO_EXPORT and 7224:8100 when its origin
 * (source neighbour's region, or an originated route's attachment
 * region) is the neighbour's region, 7224:8200 when on its continent.
 * The key carries the destination's region and public flag; the source
 * its public flag and the relation of its origin region to the key's
 * (export_src_scope()), both part of export_src_kind(), so the memo and
 * the Adj-RIB-Out input check stay exact.
 */
#ifndef XR_BGPD_EXPORT_H
#define XR_BGPD_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"
#include "lib/attr.h"
#include "lib/prefix.h"
#include "policy/policy.h"
#include "policy/region.h"

/* Room for a region name (yang/config.h CONFIG_REGION_MAX) and its NUL. */
#define EXPORT_REGION_LEN 65

/*
 * What makes two peers receive identical UPDATEs. Peers that differ only
 * in their next-hop-self address share a key: the group computes with the
 * placeholder addresses (export_nh_placeholder()) and export_nh_patch()
 * writes each member's own address into its copy of the message.
 */
struct export_key {
	uint32_t local_as;
	bool ibgp;
	uint32_t side;		/* 0 plain neighbour, else interconnect id */
	struct addr nh4;	/* next-hop-self for IPv4 routes (afi 0 none) */
	struct addr nh6;	/* and for IPv6 routes (afi 0: IPv4-mapped) */
	uint32_t policy_id;	/* equal ids mean equal export chains */
	bool as4;
	uint32_t afs;		/* WIRE_AF_* negotiated */
	/*
	 * The destination as the export chain sees it (export_key_dest());
	 * 0 when the chain does not test it, so such peers stay grouped.
	 */
	uint32_t to_peer;	/* neighbour sets, summarize: rib peer id */
	uint32_t to_link;	/* link sets: link id (policy numbering) */
	uint32_t to_roles;	/* link sets: POL_LINK_* of that link */
	uint8_t dest_side;	/* POL_SIDE_* of the destination (set-intent) */
	bool drained;		/* the link is drained (SPEC 1.6) */
	bool public;		/* a dx-public neighbour (SPEC 2.2) */
	char region[EXPORT_REGION_LEN];	/* its region, "" none */
};

/* Where a path came from. */
struct export_src {
	uint32_t peer_id;	/* 0: originated locally */
	uint32_t side;
	bool ibgp;
	bool public;		/* learned on a dx-public session: scoped */
	uint8_t rel;		/* enum region_rel: origin to key region */
};

/*
 * Set src->rel for key k: how origin, the region of the route's origin
 * (the source neighbour's, or an originated route's attachment's; NULL
 * or "" unknown), relates to k's region. Without a region in k nothing
 * is compared (REGION_OTHER): the common path costs one test.
 */
void export_src_scope(struct export_src *src, const struct export_key *k,
    const char *origin);

/* True when peers with keys a and b can share one UPDATE stream. */
bool export_key_eq(const struct export_key *a, const struct export_key *b);

/*
 * Complete k for a peer with rib id peer, policy link id link and link
 * roles roles (POL_LINK_*) whose export chain is c (borrowed; NULL = none):
 * set to_link and to_roles when c tests a link set, to_peer when it tests
 * a neighbour set or has a summarize action (the summaries are computed
 * per destination), and clear what it does not test.
 */
void export_key_dest(struct export_key *k, const struct pol_chain *c,
    uint32_t peer, uint32_t link, uint32_t roles);
/*
 * True when export_key_dest() with these arguments leaves k as it is (a
 * reload that changes a link's roles or what the chain tests answers
 * false: the peer needs another group).
 */
bool export_key_dest_eq(const struct export_key *k, const struct pol_chain *c,
    uint32_t peer, uint32_t link, uint32_t roles);

/*
 * The attributes to send for prefix p with path attributes in (borrowed)
 * from src to a peer with key k and id to_peer, after the export policy
 * chain (borrowed; NULL = accept all). Returns a new reference from t, or
 * NULL when the route must not be sent (then send a withdrawal).
 */
const struct attrs *export_attrs(struct attr_table *t,
    const struct export_key *k, const struct pol_chain *chain,
    const struct prefix *p, const struct attrs *in,
    const struct export_src *src, uint32_t to_peer);

/*
 * What of the source src of a route for p an export result reads besides
 * the input set: the family, iBGP-learned, local (peer id 0), from a link
 * side, the daemon's local peer (UINT32_MAX): export_attrs() towards a
 * peer that is not src itself gives equal results for sources of equal
 * kind (a small number, below 32768), also public and the region relation
 * (export_src_scope()).
 */
uint32_t export_src_kind(const struct prefix *p, const struct export_src *src);

/*
 * Whether input sets a and b give equal export results towards k for
 * every chain and source kind: the same set, or towards eBGP sets that
 * differ in NEXT_HOP only (the eBGP rewrite replaces it and no policy
 * condition reads it).
 */
bool export_input_same(const struct export_key *k, const struct attrs *a,
    const struct attrs *b);

/*
 * The summaries of one export chain towards one export key (see the top
 * of this file): one policy/aggregate.h state per summarize statement.
 */
struct export_sum;

/*
 * Feed and answer in one step, for a group whose key is k (completed by
 * export_key_dest() for c: a chain with a summarize action always puts
 * the destination in the key, so a key without one skips the summary
 * work) and chain c (borrowed; NULL = accept all): the Loc-RIB best path
 * of p is now in
 * (NULL: none) from src. *sp is the group's state: created on the first
 * call whose chain has a summarize action (t borrowed, must outlive it;
 * router_id is the AGGREGATOR address), rebuilt when the chain's
 * summarize actions change (the old summaries and suppressed prefixes are
 * requeued; the caller requeues everything after a chain change anyway,
 * which refeeds the new state). Every prefix whose result towards k
 * changed because of this feed (a summary appearing, changing or going, a
 * contributor suppressed or released) is passed to requeue(ctx, prefix)
 * so the caller computes it again; p itself is not (its answer is the
 * return value).
 * Returns what to send for p to member to_peer (0: the whole group), a
 * new reference from t or NULL (withdraw): the summary when p is one that
 * exists, nothing while p is suppressed, else export_attrs(), where a
 * locally originated route (src peer id 0 or UINT32_MAX, the daemon's
 * local peer) keeps its own MED towards eBGP (RFC 4271 5.1.4 removes
 * only a received one).
 * Feeding the same path twice changes nothing (dumps may re-feed).
 */
const struct attrs *export_sum_route(struct export_sum **sp,
    struct attr_table *t, uint32_t router_id, const struct export_key *k,
    const struct pol_chain *c, const struct prefix *p,
    const struct attrs *in, const struct export_src *src, uint32_t to_peer,
    void (*requeue)(void *ctx, const struct prefix *p), void *ctx);

/*
 * Call fn(ctx, prefix, attrs, summary_only) for every summary of s that
 * exists now, statement by statement in chain order, each in prefix
 * order; attrs (borrowed for the call) are the summary's before the
 * protocol rewrite of the destination. For show; NULL s: nothing.
 */
void export_sum_walk(const struct export_sum *s,
    void (*fn)(void *ctx, const struct prefix *p, const struct attrs *a,
    bool summary_only), void *ctx);

/*
 * Whether s has summaries (a chain with a summarize action): then every
 * result depends on the feed history, not only on the route. NULL: false.
 */
bool export_sum_active(const struct export_sum *s);

/*
 * Forget the export results s memoises (export_sum_route() keeps, for a
 * chain that reads neither the prefix nor summarizes, the result per input
 * set and source kind): call when the chain or what it refers to changed
 * in place (export_group_requeue()). NULL is a no-op.
 */
void export_sum_forget(struct export_sum *s);

/* Release s and its references; NULL is a no-op. */
void export_sum_free(struct export_sum *s);

/* The placeholder next-hop-self of family afi: 0.0.0.0 or ::. */
void export_nh_placeholder(uint8_t afi, struct addr *a);

/*
 * Write the member's next-hop-self addresses into the complete UPDATE msg
 * (len bytes) where the group put a placeholder: the NEXT_HOP attribute
 * when it is 0.0.0.0 (nh4), the MP_REACH_NLRI global next hop when it is
 * :: (nh6) or ::ffff:0.0.0.0 (nh4, IPv4-mapped). A next hop set by policy
 * is left alone. Returns 0, or -1 when msg is not a well-formed UPDATE.
 */
int export_nh_patch(uint8_t *msg, size_t len, const struct addr *nh4,
    const struct addr *nh6);

/* One prefix to send: attributes (borrowed) or NULL for a withdrawal. */
struct export_item {
	struct prefix p;
	const struct attrs *a;
};

/*
 * Encode items v[0..n) (any order; reordered in place) as UPDATE messages
 * for a session with caps: withdrawals packed together, announcements
 * packed per identical attribute set (interned, so by pointer), as many
 * prefixes per message as fit (wire_update_pack_reach/unreach). Each
 * complete message is passed to emit(ctx, msg, len), borrowed for the
 * call. Returns the number of messages; prefixes that cannot be encoded
 * at all (a family the session does not carry) are skipped.
 */
size_t export_pack(struct export_item *v, size_t n,
    const struct wire_caps *caps,
    void (*emit)(void *ctx, const uint8_t *msg, size_t len), void *ctx);

#endif
