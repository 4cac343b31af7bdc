/*
 * `crossroute mrt blast`: replay a TABLE_DUMP_V2 RIB dump into live BGP
 * sessions as fast as the peer takes it, one session per MRT peer
 * (per-peer mode) or the same table on K sessions (one-table mode); and the
 * table loader it uses, exposed for tests. Routes with identical attributes
 * are grouped and packed many per UPDATE (wire_update_pack_reach).
 */
#ifndef XR_TOOLS_MRT_BLAST_H
#define XR_TOOLS_MRT_BLAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"

/* One route to send: an interned attribute set and a prefix. */
struct blast_route {
	const struct attrs *a;
	struct prefix pfx;
};

/* The routes one session sends, sorted by (attributes, family, prefix). */
struct blast_table {
	struct blast_route *v;
	size_t n, cap;
	uint32_t peer_as;	/* per-peer mode: the MRT peer */
	uint32_t peer_id;
	struct addr peer_ip;
};

/* How to read the dump. */
struct blast_load_opts {
	bool per_peer;		/* one table per MRT peer, else one table */
	bool only_best;		/* only the first RIB entry of each prefix */
	unsigned max_tables;	/* per-peer: keep at most this many, 0 = all */
	bool no_ipv6;		/* skip IPv6 RIB records */
	uint32_t exclude[8];	/* skip routes whose AS_PATH holds one of */
	unsigned n_exclude;
};

/* What the loader saw. */
struct blast_load_stats {
	uint64_t records, rib_entries, routes, skipped_records, bad_attrs;
	uint64_t excluded;	/* by blast_load_opts.exclude */
	uint64_t attr_sets;
};

/*
 * Read the TABLE_DUMP_V2 RIB file path into tables (*tables allocated, *n
 * of them, sorted for packing; per-peer tables without routes are dropped),
 * interning attribute sets in t. Returns 0, or -1 with a message in why.
 */
int blast_load(const char *path, const struct blast_load_opts *o,
    struct attr_table *t, struct blast_table **tables, size_t *n,
    struct blast_load_stats *st, char *why, size_t whylen);
/* Drop the references of and free n tables. */
void blast_tables_free(struct attr_table *t, struct blast_table *v, size_t n);

/*
 * The command: argv[0] = "blast". Returns 0 when every session sent its
 * table (and, with --stay, on SIGTERM), 1 on a session or input error,
 * 2 on usage errors.
 */
int mrt_blast_main(int argc, char **argv);

#endif
