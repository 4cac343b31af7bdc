/*
 * Routing policy: the immutable evaluation form and its application (SPEC
 * 3.1-3.3, OpenConfig / RFC 9067 semantics). A struct policy_db holds every
 * defined set and policy of one configuration commit; it is built once
 * (policy/compile.c from yang/config.h, or by hand in tests), never changed
 * afterwards, and shared by pointer: a commit builds a new one and the owner
 * swaps the pointer. policy_apply() is a pure function of (policy, route,
 * builder): it reads the route and the current attributes in the builder,
 * writes its edits into the builder and returns a verdict. No I/O, no
 * globals, no logging. This file does not know the RIB or sessions: struct
 * route is the plain description of one path the RIB hands in.
 */
#ifndef XR_POLICY_H
#define XR_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"
#include "policy/aset.h"
#include "policy/cset.h"
#include "policy/pset.h"
#include "policy/setopt.h"

enum pol_verdict {
	POL_ACCEPT = 0,
	POL_REJECT = 1,
	POL_NEXT = 2,		/* no statement decided: continue the chain */
};

enum pol_dir { POL_IMPORT = 0, POL_EXPORT = 1 };
enum pol_peer { POL_PEER_EBGP = 0, POL_PEER_IBGP = 1 };

/* Link roles a link set can name besides link ids (SPEC 3.2). */
enum {
	POL_LINK_DRAINING = 1u << 0,
	POL_LINK_MAINTENANCE = 1u << 1,
};

/*
 * One path as policy sees it. The attributes are NOT read from here: the
 * caller loads the builder with attr_builder_from(out, attrs) before the
 * first policy of a chain, and every condition reads the builder, so later
 * statements and policies see the edits of earlier ones.
 *
 * The neighbour and link a chain tests (match-neighbor-set, match-link-set)
 * are those of its attach point: on import the session the route came
 * from, on export the session it is sent to (the destination; SPEC 3.1,
 * as Junos and GoBGP export policies). peer_type is likewise the other
 * end of that session; from_ibgp says how an exported route was learned.
 */
/* The destination's side for set-intent (export). */
enum pol_side {
	POL_SIDE_NONE = 0,		/* plain neighbour: prepend only */
	POL_SIDE_DX,			/* a DX-like peer (7224:7x00) */
	POL_SIDE_GOOGLE,		/* a Cloud Router-like peer (MED) */
};

struct route {
	const struct prefix *prefix;
	const struct attrs *attrs;	/* as received; informational */
	uint32_t peer_id;		/* rib peer id (neighbor sets) */
	uint32_t link_id;		/* our link id (link sets) */
	uint32_t link_roles;		/* POL_LINK_* of that link */
	uint8_t afi, safi;		/* AFI_IPV4 / SAFI_UNICAST ... */
	uint8_t dir;			/* enum pol_dir */
	uint8_t peer_type;		/* enum pol_peer */
	bool from_ibgp;			/* export: learned over iBGP */
	bool local;			/* originated here (aggregate...) */
	uint32_t own_as;		/* our AS on this session */
	uint8_t dest_side;		/* export: POL_SIDE_* (set-intent) */
	struct addr self_nh;		/* next-hop self: local address */
	struct addr self_nh_ll;		/* its IPv6 link-local; afi 0: none */
};

/* A bitmap over small integer ids (peer ids, link ids) plus link roles. */
struct pol_idset {
	uint64_t *w;
	size_t nbits;
	uint32_t roles;			/* POL_LINK_* that also match */
};

enum pol_cond_type {
	POL_C_PREFIX_SET,
	POL_C_COMM_SET,
	POL_C_LCOMM_SET,
	POL_C_ECOMM_SET,
	POL_C_ASPATH_SET,
	POL_C_ASPATH_LEN,
	POL_C_ASN_IN_PATH,
	POL_C_NEIGHBOR_SET,
	POL_C_LINK_SET,
	POL_C_MED_EQ,
	POL_C_LOCAL_PREF_EQ,
	POL_C_ORIGIN_EQ,
	POL_C_AFI_SAFI_IN,
	POL_C_ROUTE_TYPE,
	POL_C_CALL,
};

/* Values of route-type conditions (pol_cond.value). */
enum pol_route_type {
	POL_RT_INTERNAL = 1,		/* learned over iBGP */
	POL_RT_EXTERNAL = 2,		/* learned over eBGP */
	POL_RT_LOCAL = 3,		/* originated here */
};

enum pol_cmp { POL_CMP_EQ = 0, POL_CMP_GE = 1, POL_CMP_LE = 2 };

struct policy;

/* One condition; sets and called policies are borrowed from the db. */
struct pol_cond {
	uint8_t type;			/* enum pol_cond_type */
	uint8_t opt;			/* enum pol_match_opt or pol_cmp */
	uint32_t value;			/* med, local-pref, origin, length,
					 * route type */
	const struct pset *pset;
	const struct cset *cset;
	const struct aset *aset;
	const struct pol_idset *ids;
	const uint32_t *asns;		/* asn-in-as-path: any of these */
	size_t nasns;
	uint32_t afisafi;		/* bits POL_AFISAFI_BIT(afi, safi) */
	const struct policy *call;
};

#define POL_AFISAFI_BIT(afi, safi) (1u << (((afi) & 3u) * 8u + ((safi) & 7u)))

enum pol_med_op { POL_MED_SET = 0, POL_MED_ADD = 1, POL_MED_SUB = 2 };
enum pol_comm_op {
	POL_COMM_ADD = 0,
	POL_COMM_REMOVE = 1,
	POL_COMM_REPLACE = 2,
};
enum pol_nh_mode { POL_NH_ADDR = 0, POL_NH_SELF = 1 };

/* Which members of struct pol_actions are set. */
enum {
	POL_A_LOCAL_PREF = 1u << 0,
	POL_A_MED = 1u << 1,
	POL_A_PREPEND = 1u << 2,
	POL_A_REMOVE_ASN = 1u << 3,
	POL_A_REPLACE_PATH = 1u << 4,
	POL_A_COMM = 1u << 5,
	POL_A_LCOMM = 1u << 6,
	POL_A_NEXTHOP = 1u << 7,
	POL_A_ECOMM = 1u << 8,
	POL_A_SUMMARIZE = 1u << 9,
	POL_A_INTENT = 1u << 10,
};

/*
 * The actions of one statement, applied in this fixed order: replace-as-path,
 * remove-as-path-asn, prepend, communities, large and extended communities,
 * MED, local-pref, next hop; then the result. summarize is not a per-route
 * edit: it is carried here for the RIB's aggregation (export only) and
 * ignored by policy_apply().
 */
struct pol_actions {
	uint32_t flags;			/* POL_A_* */
	uint8_t result;			/* enum pol_verdict; POL_NEXT = none */
	uint32_t local_pref;
	uint8_t med_op;			/* enum pol_med_op; a missing MED
					 * counts 0 for ADD and SUB */
	uint32_t med;
	uint32_t prepend_as;		/* 0 = the route's own_as */
	uint8_t prepend_n;		/* 1..10 */
	uint8_t intent;			/* POL_A_INTENT: enum cloud_intent */
	bool intent_by_prepend;		/* else by attribute (per side) */
	const uint32_t *asns;		/* remove-as-path-asn list */
	size_t nasns;
	const uint32_t *path;		/* replace-as-path sequence */
	size_t npath;
	uint8_t comm_op, lcomm_op, ecomm_op;	/* enum pol_comm_op */
	const struct cset *comm;	/* inline list or referenced set */
	const struct cset *lcomm;
	const struct cset *ecomm;
	uint8_t nh_mode;		/* enum pol_nh_mode */
	struct addr nh;
	struct prefix summary;		/* POL_A_SUMMARIZE */
	bool summary_only, summary_as_set;
};

struct pol_stmt {
	char *name;
	struct pol_cond *conds;
	size_t nconds;
	struct pol_actions act;
};

struct policy {
	char *name;
	struct pol_stmt *stmts;
	size_t nstmts;
};

/* Maximum call-policy nesting evaluated; deeper calls are false. */
#define POL_CALL_DEPTH 16

/*
 * Apply pol to the route in with the current attributes in out (see struct
 * route). Statements run in order; the first whose conditions all hold (an
 * empty list holds) applies its actions; an accept or reject result ends the
 * evaluation; otherwise the next statement runs. Returns POL_ACCEPT,
 * POL_REJECT, or POL_NEXT when no statement gave a result. Edits made by
 * statements without a result are kept in out in every case.
 */
enum pol_verdict policy_apply(const struct policy *pol, const struct route *in,
    struct attr_builder *out);

/*
 * What the result of a chain depends on besides the route itself: on
 * export these make the result specific to the destination session, so
 * sessions that differ in them must not share one export computation.
 */
enum {
	POL_DEP_NEIGHBOR = 1u << 0,	/* a match-neighbor-set */
	POL_DEP_LINK = 1u << 1,		/* a match-link-set (ids or roles) */
	POL_DEP_SUMMARIZE = 1u << 2,	/* a summarize action */
};

/* The summarize actions whose statements fired in one chain evaluation. */
#define POL_TRACE_MAX 16
struct pol_trace {
	const struct pol_actions *sum[POL_TRACE_MAX];
	size_t n;
};

/* An attach point's ordered import or export chain (SPEC 3.1). */
struct pol_chain {
	const struct policy **v;	/* borrowed from the db */
	size_t n;
	uint8_t dflt;			/* POL_ACCEPT or POL_REJECT */
};

/*
 * Run the chain c: each policy in order until one returns accept or reject;
 * falling off the end yields c->dflt (reject for plain eBGP, RFC 8212;
 * accept for cloud profiles). Never returns POL_NEXT. On POL_REJECT the
 * builder holds whatever edits ran before the decision: discard it.
 * A db is read-only after it is built, so one db and its chains may be
 * used from several threads at once, each with its own builder.
 */
enum pol_verdict policy_chain_apply(const struct pol_chain *c,
    const struct route *in, struct attr_builder *out);

/*
 * policy_chain_apply() that also records in tr (emptied first) the
 * summarize actions of the statements that fired, in evaluation order:
 * statements of the chain's own policies only (as
 * aggregate_confs_from_chain() lists them; a called policy's summarize is
 * not an attach point's), at most POL_TRACE_MAX.
 */
enum pol_verdict policy_chain_trace(const struct pol_chain *c,
    const struct route *in, struct attr_builder *out, struct pol_trace *tr);

/*
 * POL_DEP_* of chain c: the conditions of every statement of its policies
 * and of the policies they call (to POL_CALL_DEPTH), and summarize actions
 * of its own policies' statements. 0 for an empty chain.
 */
uint32_t policy_chain_deps(const struct pol_chain *c);

/* Everything one commit defines; owns all sets, policies and chains' arrays. */
struct policy_db {
	struct policy **pols;
	size_t npols;
	struct pset **psets;
	size_t npsets;
	struct cset **csets;		/* named and anonymous (inline lists) */
	size_t ncsets;
	struct aset **asets;
	size_t nasets;
	struct pol_idset **idsets;
	size_t nidsets;
	uint32_t **u32s;		/* ASN arrays of conds and actions */
	size_t nu32s;
};

/* Return an empty db owned by the caller (policy_db_free()). */
struct policy_db *policy_db_new(void);
/* Release db and all it owns; NULL is a no-op. Chains built on it dangle. */
void policy_db_free(struct policy_db *db);
/* The policy named name, borrowed from db, or NULL. */
const struct policy *policy_db_lookup(const struct policy_db *db,
    const char *name);

/*
 * Ownership helpers for builders of a db (the compiler, tests): each takes
 * ownership of its argument, records it in db and returns it.
 */
struct pset *policy_db_take_pset(struct policy_db *db, struct pset *s);
struct cset *policy_db_take_cset(struct policy_db *db, struct cset *s);
struct aset *policy_db_take_aset(struct policy_db *db, struct aset *s);
struct pol_idset *policy_db_take_idset(struct policy_db *db,
    struct pol_idset *s);
uint32_t *policy_db_take_u32s(struct policy_db *db, uint32_t *v);
/* Append an empty policy named name to db; returns it (owned by db). */
struct policy *policy_db_add_policy(struct policy_db *db, const char *name);
/* Append an empty statement named name to pol; returns it (owned by pol). */
struct pol_stmt *policy_add_stmt(struct policy *pol, const char *name);
/* Append a zeroed condition of type t to st; returns it (owned by st). */
struct pol_cond *policy_add_cond(struct pol_stmt *st, enum pol_cond_type t);

/* New empty id set (owned by the caller until taken by a db). */
struct pol_idset *policy_idset_new(void);
/* Release s; NULL is a no-op. */
void policy_idset_free(struct pol_idset *s);
/* Add id to s, growing the bitmap as needed. */
void policy_idset_add(struct pol_idset *s, uint32_t id);
/* True if id was added to s (roles are tested by the caller). */
bool policy_idset_has(const struct pol_idset *s, uint32_t id);

#endif
