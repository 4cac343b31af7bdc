/*
 * The RIB's route objects, shared by the decision process (decide.c) and
 * the table (rib.c): what the RIB knows about a peer, copied in when the peer
 * is added (never a session), and one path = one (peer, prefix, path id)
 * with its received attributes (Adj-RIB-In) and its post-import-policy
 * attributes (the Loc-RIB candidate). Plain data; no functions here.
 */
#ifndef XR_RIB_PATH_H
#define XR_RIB_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"

struct decide_opts;

/* What the decision needs about a peer: by id, never by session. */
struct rib_peer_info {
	uint32_t as;		/* the peer's AS */
	uint32_t router_id;	/* its BGP identifier, host order */
	struct addr addr;	/* its session address */
	bool ibgp;		/* same AS as ours (RFC 4271 9.1.2.2 d) */
	uint32_t group;		/* interconnect (link group); 0 = none */
	uint8_t profile;	/* session profile, for hooks and show; the
				 * RIB's decide_opts.profile picks the steps */
};

struct rib_peer {
	uint32_t id;
	struct rib_peer_info info;
	const struct decide_opts *opts;	/* the owning RIB's decision options */
	size_t npaths;		/* paths received and kept (Adj-RIB-In) */
	size_t naccepted;	/* of those, accepted by import policy */
};

/* Why a path cannot be chosen; PATH_F_STALE does not prevent it. */
enum {
	PATH_F_REJECTED = 1u << 0,	/* import policy rejected it */
	PATH_F_LOOP = 1u << 1,		/* own AS / router id / cluster in it */
	PATH_F_NOHOP = 1u << 2,		/* next hop unreachable */
	PATH_F_STALE = 1u << 3,		/* kept over a restart (RFC 4724) */
};

/*
 * 40 bytes (a full table has millions). A path is reached only through its
 * prefix (the tree walk serves per-peer operations), so it keeps no peer
 * list links and no pointer back to its entry. What the decision derives
 * from attrs is not kept here: the AS_PATH length is cached in the set
 * (attrs->aslen), the neighbour AS and the DX class are read when a step
 * needs them. The arrival stamp is 28 bits: the oldest-path step compares
 * stamps modulo 2^28, right while two paths of one prefix arrived within
 * 2^27 updates of each other.
 */
struct path {
	struct path *next;		/* in its entry: ECMP set first */
	const struct rib_peer *peer;
	const struct attrs *in;		/* as received; one reference */
	const struct attrs *attrs;	/* post-policy; NULL = rejected */
	uint32_t path_id;		/* ADD-PATH id (RFC 7911), 0 without */
	uint32_t seq : 28;		/* arrival stamp (oldest-path step) */
	uint32_t flags : 4;		/* PATH_F_* */
};
_Static_assert(sizeof(void *) != 8 || sizeof(struct path) == 40,
    "struct path is 40 bytes on LP64");

#endif
