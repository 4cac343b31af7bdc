/*
 * Output of `crossroute mrt replay`: the peer table, the Loc-RIB (per prefix
 * the best path, its multipath set size, the number of candidate paths and
 * the decision step that chose it) and the counters, as text for people or
 * as JSON for scripts. The JSON document puts one peer or route object per
 * line so a consumer can stream it; that layout is part of the contract:
 *   {"peers":[ {id, address, as, router-id, router-id-known, ibgp,
 *              import-policy, paths, accepted} per line ],
 *    "routes":[ {prefix, peer-id, peer, peer-as, router-id, as-path,
 *              next-hop, local-pref (the value compared), med (null when
 *              absent), origin, communities, large-communities, paths (all
 *              Adj-RIB-In paths of the prefix, accepted or not), multipath
 *              (ECMP set size), step (decide_step_name())} per line ],
 *    "aggregates":[ {prefix, as-path, origin, atomic-aggregate,
 *              aggregator, communities} per line ],
 *    "suppressed":[ prefix per line ],	(both only with summaries)
 *    "counters":{...}, "files":[ {path, records, errors, warnings} ]}
 * Only prefixes with a usable best path are printed.
 * Reads the replay and RIB through their public accessors only.
 */
#ifndef XR_TOOLS_REPLAY_PRINT_H
#define XR_TOOLS_REPLAY_PRINT_H

#include <stdbool.h>
#include <stdio.h>

#include "bgpd/replay.h"

/* Where one input file stood at the end (for the counters section). */
struct replay_print_file {
	const char *path;
	unsigned long long records;
	unsigned long long errors;
	unsigned long long warnings;
};

/*
 * Print the peers and the Loc-RIB of r to f, as JSON when json, then the
 * aggregation state agg (replay_aggregate_state(); NULL: no summaries),
 * the counters and the per-file results (files[0..nfiles)). Returns 0, or
 * -1 when writing to f failed.
 */
int replay_print(FILE *f, const struct replay *r, bool json,
    const struct aggregate_changes *agg,
    const struct replay_print_file *files, size_t nfiles);

/*
 * Print the counters as "name value" lines (the replay's, the RIB's and the
 * attribute table's, with RIB bytes per path) to f.
 */
void replay_print_stats(FILE *f, const struct replay *r);

#endif
