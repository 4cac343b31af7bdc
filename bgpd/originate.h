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
 * the gateway AS once. The decision, the export groups and their policies
 * treat them like any other route; they contribute to aggregates.
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
 * (nothing when no gateway has that AS). Returns 0, or -1 (logged) when
 * the local peer cannot be registered.
 */
int daemon_originate_init(struct daemon *d);

/*
 * After a reload swapped d->cfg: compare what old (the previous
 * configuration, borrowed) originated with what d->cfg does and announce
 * or withdraw only the difference (a changed MED is an announcement);
 * kicks the export when anything changed. Returns the number of changed
 * prefixes.
 */
size_t daemon_originate_reload(struct daemon *d, const struct config *old);

/* True when pa (a path of an entry) is one of our originated routes. */
bool daemon_originated(const struct path *pa);

#endif
