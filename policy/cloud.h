/*
 * Cloud profile helpers (SPEC 1.6, 2.2, 2.4, 2.5): pure functions that edit
 * an attribute builder the way the two managed sides behave, so the RIB can
 * apply them around the user's policy chains. Gateway A (DXGW-like) derives
 * LOCAL_PREF from the 7224:7x00 communities; the "prefer / normal /
 * depreference" intent is translated per side; drain de-preferences one link
 * both ways; Cloud Router drops learned routes over quota in a fixed order.
 * No function takes a link: every link of an interconnect gets the same
 * edits, which keeps the four links equal for ECMP (SPEC 1.4).
 */
#ifndef XR_CLOUD_H
#define XR_CLOUD_H

#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"
#include "policy/region.h"

/* AWS Direct Connect local-preference communities (DX-UG). */
#define CLOUD_DX_ASN 7224u
#define CLOUD_DX_LOW ((CLOUD_DX_ASN << 16) | 7100u)
#define CLOUD_DX_MEDIUM ((CLOUD_DX_ASN << 16) | 7200u)
#define CLOUD_DX_HIGH ((CLOUD_DX_ASN << 16) | 7300u)

/* AWS public VIF scope communities, received (SPEC 2.2, DX-UG). */
#define CLOUD_PUB_SCOPE_REGION ((CLOUD_DX_ASN << 16) | 9100u)
#define CLOUD_PUB_SCOPE_CONTINENT ((CLOUD_DX_ASN << 16) | 9200u)
#define CLOUD_PUB_SCOPE_GLOBAL ((CLOUD_DX_ASN << 16) | 9300u)
/* And the origin tags it sends: same region, same continent. */
#define CLOUD_PUB_FROM_REGION ((CLOUD_DX_ASN << 16) | 8100u)
#define CLOUD_PUB_FROM_CONTINENT ((CLOUD_DX_ASN << 16) | 8200u)

/* SPEC 2.2 (D): numeric LOCAL_PREF of the three classes. */
#define CLOUD_LP_LOW 100u
#define CLOUD_LP_MEDIUM 200u
#define CLOUD_LP_HIGH 300u

/* SPEC 1.6 (D) drain numbers. */
#define CLOUD_DRAIN_PREPEND 3u
#define CLOUD_DRAIN_MED_ADD 10000u

/* SPEC 2.4: MED (priority) towards a Google-like peer per intent. */
#define CLOUD_MED_PREFER 0u
#define CLOUD_MED_DEPREF 10200u	/* worse than any in-region base <= 200 */
#define CLOUD_BASE_PRIORITY 100u	/* the Cloud Router's default base priority */

/* The kind of peer routes are sent towards. */
enum cloud_side {
	CLOUD_SIDE_DX = 0,		/* gateway A, DXGW-like */
	CLOUD_SIDE_GOOGLE = 1,		/* router B, Cloud Router-like */
};

enum cloud_intent {
	CLOUD_PREFER = 0,
	CLOUD_NORMAL = 1,
	CLOUD_DEPREF = 2,
};

/* How far a route learned on a public VIF may travel. */
enum cloud_scope {
	CLOUD_SCOPE_GLOBAL = 0,		/* 7224:9300 or untagged */
	CLOUD_SCOPE_CONTINENT = 1,	/* 7224:9200 */
	CLOUD_SCOPE_REGION = 2,		/* 7224:9100 */
};

enum cloud_method {
	CLOUD_BY_ATTR = 0,	/* 7224:7x00 towards DX, MED towards Google */
	CLOUD_BY_PREPEND = 1,	/* own AS prepended 0 / 1 / 2 times */
};

/*
 * LOCAL_PREF gateway A gives a route with communities comms (standard,
 * wire order): 7224:7100 -> 100, 7224:7200 -> 200, 7224:7300 -> 300,
 * untagged -> 200. The classes are meant to be exclusive; when several are
 * present the lowest wins, so an added 7224:7100 (drain) always takes
 * effect.
 */
uint32_t cloud_dx_local_pref(struct bytes comms);

/* Set LOCAL_PREF in b from its communities (gateway A import, SPEC 2.2). */
void cloud_dx_import(struct attr_builder *b);

/*
 * Express intent on export towards side. BY_ATTR towards DX: remove any
 * 7224:7100/7200/7300 and add 7224:7300 / 7224:7200 / 7224:7100; towards
 * Google: MED := 0 / base_priority / 10200. BY_PREPEND: prepend own_as
 * 0 / 1 / 2 times (either side).
 */
void cloud_intent_apply(enum cloud_intent intent, enum cloud_side side,
    enum cloud_method method, uint32_t own_as, uint32_t base_priority,
    struct attr_builder *b);

/* Drain, import side (SPEC 1.6): LOCAL_PREF := 0. */
void cloud_drain_import(struct attr_builder *b);

/*
 * Drain, export side (SPEC 1.6): prepend own_as three times, MED += 10000
 * (saturating; a missing MED counts 0), add GRACEFUL_SHUTDOWN 65535:0 (RFC
 * 8326) and, towards DX, replace any 7224:7x00 class by 7224:7100.
 */
void cloud_drain_export(enum cloud_side side, uint32_t own_as,
    struct attr_builder *b);

/*
 * Import from a dx session: remove every 7224:1..7224:65535 from b's
 * communities except 7224:7100/7200/7300. b is left untouched (no
 * allocation) when there is nothing to remove.
 */
void cloud_dx_strip(struct attr_builder *b);

/*
 * Import from a dx-public session: remove every 7224:1..7224:65535 except
 * the scope communities 7224:9100/9200/9300 (kept: they decide the scope
 * on export). Untouched when there is nothing to remove.
 */
void cloud_public_strip(struct attr_builder *b);

/*
 * The scope communities comms (standard, wire order) give a route learned
 * on a public VIF: 7224:9100 region, 7224:9200 continent, else global.
 * Several: the narrowest wins (a route never travels further than one of
 * its tags allows).
 */
enum cloud_scope cloud_scope_of(struct bytes comms);

/*
 * Whether a route of scope sc whose origin region relates to the
 * destination's as rel may be sent there: global always, continent when
 * rel is at least REGION_CONTINENT, region only for REGION_SAME.
 */
bool cloud_scope_allows(enum cloud_scope sc, enum region_rel rel);

/*
 * Export of a route learned on a public VIF: the 7224:9100/9200/9300 are
 * AWS's, consumed there, so they are removed from b (untouched when
 * absent).
 */
void cloud_scope_consume(struct attr_builder *b);

/*
 * Export towards a dx-public neighbour (SPEC 2.2): add NO_EXPORT (RFC
 * 1997), replace any 7224:8100/8200 by 7224:8100 when rel is REGION_SAME
 * (the route's origin is in the neighbour's region), 7224:8200 when
 * REGION_CONTINENT, none otherwise (global or origin unknown).
 */
void cloud_public_export(enum region_rel rel, struct attr_builder *b);

/* Drop order of SPEC 2.5: shorter prefix first, then IPv4 before IPv6,
 * then address bytes ascending. A total order: stable across restarts. */
int cloud_quota_cmp(const struct prefix *a, const struct prefix *b);

/*
 * Sort the n learned prefixes v in place by cloud_quota_cmp() and return
 * how many are kept: v[0 .. min(n, quota)) stay, the rest are dropped.
 */
size_t cloud_quota_keep(struct prefix *v, size_t n, size_t quota);

#endif
