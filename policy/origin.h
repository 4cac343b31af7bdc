/*
 * What a gateway of the interconnect intent advertises by itself to the
 * other side (SPEC 1.8, 2.2, 2.4, 3.3 "originate"): the routes of its
 * attachments, computed from the plain config structs. Shared by the
 * commit-time cap check (policy/capfit.c) and the daemon's origination
 * (bgpd/originate.c), so both start from the same routes (the cap check
 * counts them before the attachments' import policies: a route such a
 * policy rejects still counts, which can only over-count).
 *  - gateway A (DXGW-like): a TGW association's allowed prefixes,
 *    verbatim (its VPC CIDRs never); a VGW association's VPC CIDRs that
 *    an allowed prefix covers (the allowed list is a filter: VPC
 *    10.0.0.0/16 with allowed 10.0.0.0/15 is sent, with allowed
 *    10.0.0.0/24 not; an empty list allows every CIDR, the AWS default of
 *    the VPC CIDR); core-network and VPC attachments their prefixes. No
 *    MED (the DX profile does not use it).
 *  - router B (Cloud Router-like): advertise-mode default its subnets
 *    (the attachment prefixes), custom its advertised-ranges; each with
 *    MED = the attachment's base priority (SPEC 2.4; no inter-region cost
 *    is modelled, so cost 0).
 * origin_apply() then runs each route through the import chain of its
 * attachment (SPEC 3.1: every attachment is an attach point): reject
 * drops it, actions edit it, and the survivors are interned attribute
 * sets ready for the RIB. The gateway's own apply-policy is not applied
 * here: it belongs to the link sessions' chains (yang/derive.c).
 * Pure: no I/O, no globals.
 */
#ifndef XR_POLICY_ORIGIN_H
#define XR_POLICY_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"
#include "policy/compile.h"
#include "policy/policy.h"
#include "yang/config.h"

/*
 * One originated route: the prefix, the MED to carry, if any, and the
 * index in the gateway's attachments of the attachment it comes from.
 */
struct origin_route {
	struct prefix prefix;
	bool has_med;
	uint32_t med;
	size_t att;
};

/* A growable list of routes; zero it to start, origin_list_fini(). */
struct origin_list {
	struct origin_route *v;
	size_t n, cap;
};

/*
 * Append to out what g (borrowed) advertises of family afi, attachment
 * by attachment, in configuration order (a prefix two attachments send
 * appears twice: the caller counts or merges).
 */
void origin_side(const struct config_gateway *g, uint8_t afi,
    struct origin_list *out);

/*
 * The routes the speaker playing g (borrowed, a gateway of c) originates:
 * origin_side() for IPv4 when an interconnect of c names g, for IPv6 when
 * one of them carries IPv6 (SPEC 2.1: IPv6 only over interconnects that
 * do). out (emptied first) is sorted by prefix_cmp() and holds each
 * prefix once; two attachments sending one prefix merge to the lowest
 * MED (the best Cloud Router priority; a route without MED wins).
 */
void origin_gateway(const struct config *c, const struct config_gateway *g,
    struct origin_list *out);

/* The first gateway of c with AS asn (the one bgpd/intent.c runs), or
 * NULL. */
const struct config_gateway *origin_find(const struct config *c,
    uint32_t asn);

/* True when a and b carry the same prefix and MED. */
bool origin_route_eq(const struct origin_route *a,
    const struct origin_route *b);

/* Release out's storage; it is left empty. */
void origin_list_fini(struct origin_list *out);

/*
 * What policy sees of an originated route besides the route itself. The
 * route of struct route is: the prefix, its afi, SAFI unicast, direction
 * import, peer_id (the RIB peer the routes are installed under; a
 * neighbour set never holds it), link 0 and no link role (a link set
 * never matches), eBGP, local (route-type local matches), own_as. Its
 * attributes before the chain: ORIGIN IGP, an empty AS_PATH and the MED
 * of struct origin_route, if any.
 */
struct origin_env {
	const struct policy_db *db;	/* the commit's policies; may be NULL
					 * when no attachment names one */
	struct attr_table *attrs;	/* where the results are interned */
	uint32_t peer_id;
	uint32_t own_as;		/* the gateway's AS */
};

/* An originated route after its attachment's import chain. */
struct origin_path {
	struct prefix prefix;
	const struct attrs *attrs;	/* one reference, the set's */
	size_t att;			/* its attachment's index */
};

/* A growable list of them; zero it to start, origin_paths_fini(). */
struct origin_paths {
	struct origin_path *v;
	size_t n, cap;
};

/*
 * The routes origin_gateway() lists for g (borrowed, a gateway of c),
 * each through the import chain of its attachment before the merge: the
 * attachment's import-policy list, then its default-import-policy
 * (compiled with the generic profile, so the configured default decides:
 * accept-route unless the operator set reject-route). A rejected route
 * is dropped; an accepted one is interned in env->attrs with the chain's
 * edits (MED, communities, prepend, local-pref...). out (emptied first,
 * its references released) is sorted by prefix_cmp() with each prefix
 * once; when several attachments send one prefix, the survivor is the
 * best by: highest LOCAL_PREF (absent counts 100), shortest AS_PATH, no
 * MED, lowest MED, first attachment in configuration order. Returns 0,
 * or -1 with err when an attachment's chain names a policy env->db does
 * not hold (validation prevents it): that attachment's routes are left
 * out, the others are kept.
 */
int origin_apply(const struct config *c, const struct config_gateway *g,
    const struct origin_env *env, struct origin_paths *out,
    struct compile_err *err);

/* Release out's storage and its references on sets of t; out is emptied. */
void origin_paths_fini(struct origin_paths *out, struct attr_table *t);

#endif
