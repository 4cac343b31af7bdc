/*
 * Offline replay of MRT recordings (RFC 6396, RFC 8050) through the RIB:
 * TABLE_DUMP_V2 and TABLE_DUMP RIB snapshots and BGP4MP update streams, fed
 * record by record in file order. Each MRT peer (address, AS, BGP
 * identifier from the PEER_INDEX_TABLE) becomes one RIB peer; each RIB
 * entry or UPDATE prefix becomes an Adj-RIB-In path whose attributes are
 * decoded by the engine's codec (bgpd/wire_attr.c, RFC 7606 verdicts) and
 * interned; the import chain the caller chooses per peer runs as the RIB's
 * import hook (policy/policy.h). Glue only: no I/O, no libevent, no text
 * output (tools/mrt_replay.c prints), no logging; problems come back as
 * verdicts, counters and a reason with the offset in the record body.
 *
 * Choices where a recording is not a session (documented, tested):
 *  - RIB entries are the collector's table: LOCAL_PREF is kept (decoded as
 *    iBGP, RFC 4271 5.1.5); BGP4MP UPDATEs are decoded as their session
 *    was (iBGP when peer AS equals the record's local AS).
 *  - The flags of recognised attributes in RIB entries are set to their RFC
 *    values before decoding (bgpd/replay_attr.h): a dumper's mistake is not
 *    a peer's, and RFC 7606 judges what a peer sent.
 *  - A peer without a known BGP identifier (TABLE_DUMP, BGP4MP only) uses
 *    its IPv4 session address as router id, 0 for IPv6 sessions.
 *  - An UPDATE whose verdict is session reset is ignored with a warning
 *    (the recorded session went on); treat-as-withdraw withdraws its
 *    prefixes (RFC 7606 2); AFI/SAFI disable withdraws the peer's routes of
 *    that family (RFC 4760 7) and the rest of the UPDATE stands.
 *  - A STATE_CHANGE leaving Established withdraws the peer's routes.
 *  - Multicast RIB records and NLRI are skipped (the RIB is unicast).
 *  - Summaries, when configured, follow the Loc-RIB best paths
 *    (policy/aggregate.h); they are reported, not put into the RIB.
 */
#ifndef XR_BGPD_REPLAY_H
#define XR_BGPD_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/mrt.h"
#include "policy/aggregate.h"
#include "policy/policy.h"
#include "rib/rib.h"

struct replay;

/* What the caller decides for a new peer. */
struct replay_peer_pol {
	const struct pol_chain *chain;	/* borrowed; NULL = accept unchanged */
	uint32_t pol_id;		/* route.peer_id (neighbour sets) */
};

struct replay_opts {
	struct rib_config rib;		/* decision, own AS, router id */
	/*
	 * Called once per new peer (info is the RIB's copy to be); fills out.
	 * NULL: every peer accepts unchanged.
	 */
	void (*peer_new)(void *ctx, const struct rib_peer_info *info,
	    struct replay_peer_pol *out);
	void *ctx;
	/*
	 * Summaries (RFC 4271 9.2.2.2) fed with every Loc-RIB best path
	 * change; confs are copied by replay_new(). naggs 0: none.
	 */
	const struct aggregate_conf *aggs;
	size_t naggs;
	struct aggregate_opts agg;
};

/* One replay peer: RIB id, what the RIB knows, its import chain. */
struct replay_peer {
	uint32_t id;
	struct rib_peer_info info;
	struct replay_peer_pol pol;
	bool bgp_id_known;		/* from a PEER_INDEX_TABLE */
};

struct replay_counters {
	uint64_t records;
	uint64_t rib_entries;		/* TABLE_DUMP / _V2 entries installed */
	uint64_t updates;		/* BGP4MP UPDATEs applied */
	uint64_t announced;		/* UPDATE prefixes announced */
	uint64_t withdrawn;		/* UPDATE prefixes withdrawn */
	uint64_t sessions_down;		/* STATE_CHANGE out of Established */
	uint64_t skipped;		/* records or entries not replayed */
	uint64_t attr_discard;		/* RFC 7606 verdicts */
	uint64_t treat_as_withdraw;
	uint64_t afi_disable;
	uint64_t reset;
	uint64_t flags_fixed;		/* RIB entries with normalised flags */
	uint64_t changes;		/* Loc-RIB changes drained */
};

/* Create a replay with an empty RIB; o is copied. Free with replay_free(). */
struct replay *replay_new(const struct replay_opts *o);
/* Free the RIB, the peers and the attribute table; NULL is a no-op. */
void replay_free(struct replay *r);

/*
 * Start a new input file: forget the current PEER_INDEX_TABLE (RIB records
 * refer to the table of their own file). Peers and routes stay.
 */
void replay_file_begin(struct replay *r);

/*
 * Apply one record (header h, body of h->len bytes, borrowed). Returns
 * MRT_OK (err->reason NULL, or a warning about a contained problem such as
 * an entry naming an unknown peer or an attribute block treated as
 * withdrawn), MRT_SKIP for records replay does not use (err->reason says
 * why), or MRT_ERR for a malformed record; entries before the damage stay
 * applied. err->offset is relative to the body; err->reason is static text
 * or a buffer of r valid until the next call.
 */
enum mrt_verdict replay_record(struct replay *r, const struct mrt_hdr *h,
    const uint8_t *body, struct mrt_err *err);

/* The RIB (borrowed; valid until replay_free()). */
const struct rib *replay_rib(const struct replay *r);
/* The attribute table (interned set counts for statistics). */
const struct attr_table *replay_attrs(const struct replay *r);
/* Number of peers and the i-th in creation order (borrowed), or NULL. */
size_t replay_npeers(const struct replay *r);
const struct replay_peer *replay_peer(const struct replay *r, size_t i);
/* The peer with RIB id, or NULL. */
const struct replay_peer *replay_peer_lookup(const struct replay *r,
    uint32_t id);
/* Copy the counters. */
void replay_counters(const struct replay *r, struct replay_counters *c);

/*
 * Append the aggregation state (an ADD per existing summary with its
 * attributes, then a SUPPRESS per suppressed Loc-RIB prefix; see
 * aggregate_state()) to out, zero-initialised by the caller. Returns false,
 * appending nothing, when no summaries are configured. Release out with
 * replay_aggregate_fini().
 */
bool replay_aggregate_state(struct replay *r, struct aggregate_changes *out);
void replay_aggregate_fini(struct replay *r, struct aggregate_changes *out);

#endif
