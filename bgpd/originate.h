/*
 * Origination of the attachment routes of the gateway crossrouted plays
 * (issue 6, SPEC 1.8, 2.2, 2.4, 3.3 "originate"): the routes
 * policy/origin.h computes from the intent (TGW allowed prefixes
 * verbatim, VGW CIDRs the allowed prefixes cover, Cloud Router subnets or
 * custom ranges with the base priority as MED; IPv6 only with an IPv6
 * interconnect) enter the RIB as paths of the reserved local peer
 * DAEMON_LOCAL_PEER with path id ORIGINATE_PATH_ID (the global aggregates
 * of bgpd/aggr.c use path id 0 of that peer, so one prefix may be both).
 * They carry ORIGIN IGP and an empty AS_PATH: the eBGP export prepends
 * the gateway AS once. Before they enter the RIB, each runs through the
 * import chain of its attachment (policy/origin.h origin_apply(): the
 * attachment's import-policy list, then its default-import-policy; the
 * route is seen as a local route of the local peer, no link): a reject
 * keeps it out, actions edit it. The RIB's import hook passes local paths
 * unchanged, so that chain is the only import policy they meet. The
 * decision, the export groups and their policies treat them like any
 * other route; they contribute to aggregates.
 */
#ifndef XR_BGPD_ORIGINATE_H
#define XR_BGPD_ORIGINATE_H

#include <stdbool.h>

#include "rib/path.h"
#include "yang/config.h"

struct daemon;

/* The path id of the originated routes under DAEMON_LOCAL_PEER. */
#define ORIGINATE_PATH_ID 1u

/*
 * Register the local RIB peer of d when it is not yet (shared with the
 * aggregates). Returns 0, or -1 when the RIB refuses it.
 */
int daemon_local_peer(struct daemon *d);

/*
 * Install the routes the gateway of d->cfg with AS d->local_as originates
 * (nothing when no gateway has that AS), through their attachments'
 * import chains compiled against d->pdb (NULL: only attachments with an
 * empty import-policy list originate). Returns 0, or -1 (logged) when
 * the local peer cannot be registered. An attachment whose chain names
 * an unknown policy (validation refuses it) originates nothing (logged).
 */
int daemon_originate_init(struct daemon *d);

/*
 * After a reload swapped d->cfg and d->pdb: compute what d->cfg
 * originates under its attachments' import chains and announce or
 * withdraw only what differs from the originated paths in the RIB (a
 * changed attribute set, e.g. a MED or a community an attachment policy
 * sets, is an announcement; an unchanged one costs no RIB update), so a
 * change of an attachment's chain, or of a policy or set it names, moves
 * exactly the prefixes whose result changed. old (the previous
 * configuration, borrowed) bounds the withdrawals: the prefixes it
 * originated before policy. Kicks the export when anything changed.
 * Returns the number of changed prefixes.
 */
size_t daemon_originate_reload(struct daemon *d, const struct config *old);

/*
 * The region of the attachment whose route for exactly p we originate
 * (SPEC 2.2 origin tag towards a public VIF), or NULL (not ours, or the
 * attachment has none). Borrowed from d->cfg.
 */
const char *daemon_originated_region(const struct daemon *d,
    const struct prefix *p);

/* True when pa (a path of an entry) is one of our originated routes. */
bool daemon_originated(const struct path *pa);

#endif
