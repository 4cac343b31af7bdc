/*
 * Internals of the routing table shared by the files of rib/ only (rib.c,
 * reimport.c): the entry and table layout and the few steps every change
 * of a path goes through. Nothing outside rib/ includes this header.
 */
#ifndef XR_RIB_RIB_INT_H
#define XR_RIB_RIB_INT_H

#include "rib/pool.h"
#include "rib/rib.h"

#define ENTRY_F_QUEUED 0x01

struct rib_entry {
	struct path *paths;	/* ECMP set first, best at the head */
	uint8_t afi;
	uint8_t nbest;		/* ECMP set size; 0 = no best path */
	uint8_t why;		/* enum decide_step */
	uint8_t flags;		/* ENTRY_F_* */
};

struct rib {
	struct attr_table *attrs;
	struct rib_config cfg;
	struct rib_hooks hooks;
	struct ptree t4, t6;
	struct pool paths;
	struct rib_peer **peers;	/* sorted by id */
	/* The peer of the last rib_update(): a session's UPDATEs name one
	 * peer many times in a row (peer_find() looks here first). */
	struct rib_peer *hot;
	size_t npeers, peers_cap;
	struct rib_entry **queue;	/* changed prefixes, FIFO */
	size_t qhead, qlen, qcap;
	const struct path **scratch;
	size_t scratch_cap;
	uint32_t seq;
	/*
	 * path_has_loop()'s last answer, for the set loop_attrs (one
	 * reference held, so the pointer cannot name another set) under the
	 * own AS and router id it was computed with: the prefixes of one
	 * UPDATE share their set, so the AS_PATH is walked once per message.
	 */
	const struct attrs *loop_attrs;
	uint32_t loop_as, loop_id;
	bool loop_result;
};

/* The selected set of an entry before a change, to tell if it changed. */
struct snapshot {
	unsigned n;
	const struct path *p[DECIDE_MAX_PATHS];
	const struct attrs *a[DECIDE_MAX_PATHS];
};

/* The peer with id, or NULL. */
struct rib_peer *peer_find(const struct rib *r, uint32_t id);
/* Record e's selected set (paths and their sets) into s. */
void snapshot_take(const struct rib_entry *e, struct snapshot *s);
/*
 * Re-run the decision for e and relink its paths; queue e when the
 * selected set differs from s.
 */
void entry_commit(struct rib *r, struct rib_entry *e, const struct snapshot *s);
/*
 * Run the import hook on p's received set (prefix pfx) and set its
 * post-policy set and flags. Returns the previous post-policy set: the
 * caller drops that reference once e is committed.
 */
const struct attrs *path_import(struct rib *r, struct rib_peer *peer,
    struct path *p, const struct prefix *pfx);

#endif
