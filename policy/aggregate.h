/*
 * Route aggregation (RFC 4271 9.2.2.2, 5.1.6, 5.1.7; SPEC 3.3 "Summarisation",
 * 2.2 TGW allowed prefixes, 2.4 custom ranges). An incremental state machine
 * over configured summaries, each {prefix, mode, as-set, optional attribute
 * policy}. The caller feeds it the Loc-RIB best paths as they come and go
 * (aggregate_update()); it answers with the changes that follow: a summary
 * route appears, changes attributes or disappears, and (summary-only) which
 * fed prefixes become suppressed or unsuppressed. Pure: no I/O, no clock, no
 * logging, no globals; it knows neither the RIB nor sessions.
 *
 * Semantics (the contract the tests check against a from-scratch model):
 *  - A contributor of summary S is a fed prefix strictly more specific than S
 *    (equal to S does not count). Summaries do not contribute to each other:
 *    a nested summary is computed from the fed prefixes inside it, like a
 *    covering one (FRR skips aggregate routes as contributors too). So the
 *    caller must feed learned best paths only, never the summaries it got
 *    from here.
 *  - AGGREGATE and SUMMARY_ONLY summaries exist while >= 1 contributor exists,
 *    their MEDs agree (med_match only) and the attribute policy (if any)
 *    accepts them; ORIGINATE summaries exist
 *    always (static origination from the gateway AS, no contributor tracking).
 *  - A fed prefix is suppressed while an existing SUMMARY_ONLY summary
 *    strictly contains it. Suppression of a withdrawn prefix ends (reported
 *    as UNSUPPRESS), so the caller's suppressed set is always a subset of
 *    what it fed.
 *  - Attributes of an aggregated summary (RFC 4271 9.2.2.2):
 *    ORIGIN the highest among contributors (INCOMPLETE > EGP > IGP);
 *    AGGREGATOR (own AS, router id) (5.1.7); no MED, NEXT_HOP, LOCAL_PREF
 *    (next hop self and LOCAL_PREF are set on export). Without as-set the
 *    AS_PATH is empty (our AS is prepended on export) and ATOMIC_AGGREGATE
 *    is set when a contributor's path is not empty, i.e. ASNs were left out
 *    (5.1.6). With as-set the AS_PATH is built by aggregate_aspath() and the
 *    communities (standard, extended, large) are the sorted union of the
 *    contributors' (as BIRD and FRR do); nothing is lost, so
 *    ATOMIC_AGGREGATE is only set when dropped confederation segments lost
 *    ASNs. In both modes a contributor carrying ATOMIC_AGGREGATE passes it
 *    on (9.2.2.2 "SHALL"). RFC 4271 9.2.2.2 forbids aggregating routes with
 *    different MEDs: with med_match a summary whose contributors' MEDs
 *    differ does not exist; without it (the default, as BIRD and FRR) MEDs
 *    are ignored.
 *  - ORIGINATE summaries carry ORIGIN IGP and an empty AS_PATH only (a
 *    static route, not an aggregate: no AGGREGATOR, no ATOMIC_AGGREGATE).
 *  - A summary's attributes are re-interned when its inputs change; a CHANGE
 *    is reported only when the interned set differs.
 *
 * Complexity: an update finds its covering summaries with one binary search
 * per distinct summary length; contributors sit in a hash keyed by prefix;
 * a summary's attributes are re-interned only when one of their inputs
 * changed; a summary-only summary that starts or stops existing while it
 * holds other contributors (MEDs, attribute policy) scans the hash; per
 * summary, ORIGIN and ATOMIC_AGGREGATE are counters and as-set inputs are
 * multisets of distinct interned AS paths and community blobs, so the path
 * is rebuilt only when the set of distinct paths changes.
 */
#ifndef XR_POLICY_AGGREGATE_H
#define XR_POLICY_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"
#include "policy/policy.h"
#include "yang/config.h"

enum aggregate_mode {
	AGGREGATE_AGGREGATE = 0,	/* RFC 4271 9.2.2.2, while contributed */
	AGGREGATE_SUMMARY_ONLY = 1,	/* also suppress the contributors */
	AGGREGATE_ORIGINATE = 2,	/* unconditional static origination */
};

/* One configured summary (yang/config.h struct config_aggregate plus the
 * summarize action's fields). */
struct aggregate_conf {
	struct prefix prefix;		/* host bits clear */
	uint8_t mode;			/* enum aggregate_mode */
	bool as_set;
	/*
	 * RFC 4271 9.2.2.2 to the letter: routes with different MEDs are not
	 * aggregated, so the summary exists only while all contributors carry
	 * the same MED (or all none); FRR's "matching-MED-only". Off: MEDs
	 * are ignored (BIRD and FRR default).
	 */
	bool med_match;
	/*
	 * Optional attribute policy run on the computed attributes (as an
	 * export of a locally originated route); reject means the summary
	 * does not exist (and suppresses nothing). Borrowed: must outlive
	 * the aggregate. NULL = none.
	 */
	const struct policy *pol;
};

struct aggregate_opts {
	uint32_t own_as;		/* AGGREGATOR AS, policy own_as */
	uint32_t router_id;		/* AGGREGATOR address, host order */
};

enum aggregate_change_kind {
	AGGREGATE_ADD = 0,		/* summary appears; attrs set */
	AGGREGATE_CHANGE = 1,		/* summary's attributes changed */
	AGGREGATE_SUPPRESS = 2,		/* fed prefix now suppressed */
	AGGREGATE_UNSUPPRESS = 3,	/* fed prefix no longer suppressed */
	AGGREGATE_REMOVE = 4,		/* summary disappears */
};

struct aggregate_change {
	uint8_t kind;			/* enum aggregate_change_kind */
	struct prefix prefix;
	const struct attrs *attrs;	/* ADD / CHANGE: a reference owned by
					 * the list; NULL otherwise */
};

/* A growing list of changes; zero-initialise, release with
 * aggregate_changes_fini(). */
struct aggregate_changes {
	struct aggregate_change *v;
	size_t n, cap;
};

struct aggregate;

/*
 * Create the state machine for the n summaries confs (copied; policies
 * borrowed) with interning table t (borrowed, must outlive it). Duplicate
 * summary prefixes keep the first. ORIGINATE summaries exist from the start:
 * aggregate_state() reports them. Free with aggregate_free().
 */
struct aggregate *aggregate_new(struct attr_table *t,
    const struct aggregate_opts *o, const struct aggregate_conf *confs,
    size_t n);
/* Release every reference and all memory; NULL is a no-op. */
void aggregate_free(struct aggregate *agg);

/*
 * The best path for p is now a (interned, borrowed; the aggregate takes its
 * own reference) or gone (a == NULL). Host bits of p are ignored. Appends
 * the resulting changes to out in a make-before-break order: ADD and CHANGE
 * (summary prefix order), then SUPPRESS and UNSUPPRESS (prefix order), then
 * REMOVE (prefix order). Returns the number of changes appended.
 */
size_t aggregate_update(struct aggregate *agg, const struct prefix *p,
    const struct attrs *a, struct aggregate_changes *out);

/*
 * Append the whole current state to out as changes from nothing: an ADD per
 * existing summary, then a SUPPRESS per suppressed prefix, each in prefix
 * order. For the initial sync (ORIGINATE summaries) and for show.
 */
void aggregate_state(const struct aggregate *agg,
    struct aggregate_changes *out);

/*
 * Fill out[0 .. n) from the n global aggregates of the BGP config
 * (yang/config.h; no attribute policy). Returns n.
 */
size_t aggregate_confs_from_config(const struct config_aggregate *v,
    size_t n, struct aggregate_conf *out);

/*
 * The summarize actions (SPEC 3.3, export only) of the policies of chain c
 * as summaries, in chain and statement order, at most max into out (no
 * attribute policy). Returns how many there are (may exceed max). Which
 * routes feed such a summary (the statement's conditions) is the caller's
 * business: it feeds one aggregate per export attach point.
 */
size_t aggregate_confs_from_chain(const struct pol_chain *c,
    struct aggregate_conf *out, size_t max);

/*
 * The current attributes (borrowed) of the summary with exactly prefix p
 * (host bits ignored), or NULL when there is none or it does not exist.
 */
const struct attrs *aggregate_summary(const struct aggregate *agg,
    const struct prefix *p);

/* True while fed prefix p is suppressed (a SUPPRESS not yet undone). */
bool aggregate_suppressed(const struct aggregate *agg,
    const struct prefix *p);

/* Number of fed prefixes held (those inside a non-ORIGINATE summary). */
size_t aggregate_count(const struct aggregate *agg);

/* Drop the references held by c's entries and empty it (storage kept). */
void aggregate_changes_clear(struct aggregate *agg,
    struct aggregate_changes *c);
/* aggregate_changes_clear() and free the storage. */
void aggregate_changes_fini(struct aggregate *agg,
    struct aggregate_changes *c);

/*
 * RFC 4271 9.2.2.2 AS_PATH aggregation of the n paths (normalised encoding
 * of lib/attr.h), written into storage of b: the longest leading run of
 * tuples <type, ASN> common to all paths, then every other ASN as one
 * AS_SET (ascending), then duplicates removed by deleting AS_SET tuples,
 * then adjacent tuples of one type merged into segments of at most 255.
 * Confederation tuples outside the common run are dropped (they must not
 * leave the confederation) and *lost is set; otherwise *lost is false.
 * Independent of the order of paths. n == 0 gives the empty path.
 */
struct bytes aggregate_aspath(struct attr_builder *b,
    const struct bytes *paths, size_t n, bool *lost);

/*
 * Sorted (bytewise), duplicate-free union of the n community views of
 * values w bytes wide (4, 8 or 12), written into storage of b.
 */
struct bytes aggregate_comm_union(struct attr_builder *b,
    const struct bytes *views, size_t n, size_t w);

#endif
