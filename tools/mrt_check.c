/*
 * Codec cross-check for `mrt dump --summary` (tools/mrt_check.h). RFC 6396
 * 4.4 records carry the BGP message as it was on the wire, so the record
 * subtype stands in for the negotiated capabilities (RFC 6793 AS4, RFC 8050
 * / RFC 7911 ADD-PATH); every family is taken as negotiated and the RFC
 * 4271 6.3 neighbour-AS check is off (peer_as 0). A session is iBGP when
 * the record's peer and local AS agree; RIB entries are read as iBGP (a
 * collector's table legitimately holds LOCAL_PREF, RFC 4271 5.1.5).
 */
#include <string.h>

#include "bgpd/wire.h"
#include "bgpd/wire_attr.h"
#include "lib/aspath.h"
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

static void
caps_set(struct wire_caps *caps, bool as4, bool addpath)
{
	memset(caps, 0, sizeof(*caps));
	caps->as4 = as4;
	caps->ext_msg = true;
	caps->afs = ALL_AFS;
	caps->addpath_rx = addpath ? ALL_AFS : 0;
}

static void
path_compare(struct mrt_check *c, const char *path)
{
	char text[8192];

	aspath_print(c->u.attrs.aspath, text, sizeof(text));
	if (strcmp(text, path) == 0)
		c->path_same++;
	else
		c->path_differs++;
}

void
mrt_check_update(struct mrt_check *c, const struct mrt_bgp4mp *m,
    const char *path)
{
	struct wire_caps caps;
	struct wire_err err;
	enum wire_verdict v;

	caps_set(&caps, m->as4, m->addpath);
	caps.local_as = m->local_as;
	caps.ibgp = m->peer_as == m->local_as;
	v = wire_update_decode(m->msg.p + WIRE_HDR_LEN,
	    m->msg.len - WIRE_HDR_LEN, &caps, &c->u, &err);
	c->verdicts[v]++;
	c->prefixes += c->u.withdrawn.n + c->u.nlri.n + c->u.reach.nlri.n +
	    c->u.unreach.nlri.n;
	if (v != WIRE_RESET && wire_update_has_attr(&c->u, ATTR_AS_PATH))
		path_compare(c, path);
}

void
mrt_check_rib(struct mrt_check *c, const struct bytes *attrs, bool td2,
    uint16_t afi, uint8_t safi, const char *path)
{
	struct wire_attrs_opts opts;
	struct wire_caps caps;
	struct wire_err err;
	enum wire_verdict v;

	/* A RIB dump is the collector's own table: LOCAL_PREF belongs there. */
	caps_set(&caps, td2, false);
	caps.ibgp = true;
	memset(&opts, 0, sizeof(opts));
	if (td2) {
		opts.flags = WIRE_ATTRS_MRT_RIB;
		opts.mrt_afi = afi;
		opts.mrt_safi = safi;
	}
	memset(&err, 0, sizeof(err));
	wire_update_reset(&c->u);
	v = wire_attrs_decode(attrs->p, attrs->len, &caps, &opts, &c->u,
	    WIRE_OK, &err);
	c->rib_verdicts[v]++;
	if (v != WIRE_RESET && wire_update_has_attr(&c->u, ATTR_AS_PATH))
		path_compare(c, path);
}
