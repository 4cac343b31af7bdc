/*
 * UPDATE codec cross-check for `mrt dump --summary` (tools/mrt_check.h).
 * RFC 6396 4.4 records carry the BGP message as it was on the wire, so the
 * record subtype stands in for the negotiated capabilities (RFC 6793 AS4,
 * RFC 8050 / RFC 7911 ADD-PATH); every family is taken as negotiated and
 * the RFC 4271 6.3 neighbour-AS check is off (peer_as 0).
 */
#include <string.h>

#include "bgpd/wire.h"
#include "tools/mrt_check.h"

#define ALL_AFS (WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST | \
	WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST)

void
mrt_check_init(struct mrt_check *c)
{
	memset(c, 0, sizeof(*c));
	wire_update_init(&c->u);
}

void
mrt_check_fini(struct mrt_check *c)
{
	wire_update_fini(&c->u);
}

void
mrt_check_update(struct mrt_check *c, const struct mrt_bgp4mp *m)
{
	struct wire_caps caps;
	struct wire_err err;
	enum wire_verdict v;

	memset(&caps, 0, sizeof(caps));
	caps.as4 = m->as4;
	caps.ext_msg = true;
	caps.afs = ALL_AFS;
	caps.addpath_rx = m->addpath ? ALL_AFS : 0;
	caps.local_as = m->local_as;
	v = wire_update_decode(m->msg.p + WIRE_HDR_LEN,
	    m->msg.len - WIRE_HDR_LEN, &caps, &c->u, &err);
	c->verdicts[v]++;
	c->prefixes += c->u.withdrawn.n + c->u.nlri.n + c->u.reach.nlri.n +
	    c->u.unreach.nlri.n;
}
