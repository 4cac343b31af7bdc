/*
 * Cloud profile helpers: the DX local-preference communities, intent and
 * drain edits per side, the reserved 7224:x strip of the DX and public VIF
 * profiles with the public VIF scope and origin tags, and the Cloud Router
 * quota drop order. Built on the
 * edit primitives of policy/action.c and lib/aspath.h; pure.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/community.h"
#include "policy/action.h"
#include "policy/cloud.h"
#include "policy/ctext.h"

uint32_t
cloud_dx_local_pref(struct bytes comms)
{
	uint32_t lp = 0, c;
	size_t off;

	for (off = 0; off + 4 <= comms.len; off += 4) {
		c = ctext_get32(comms.p + off);
		if (c == CLOUD_DX_LOW)
			return CLOUD_LP_LOW;
		if (c == CLOUD_DX_MEDIUM && (lp == 0 || lp > CLOUD_LP_MEDIUM))
			lp = CLOUD_LP_MEDIUM;
		if (c == CLOUD_DX_HIGH && lp == 0)
			lp = CLOUD_LP_HIGH;
	}
	return lp ? lp : CLOUD_LP_MEDIUM;
}

void
cloud_dx_import(struct attr_builder *b)
{
	b->a.local_pref = cloud_dx_local_pref(b->comms);
	b->a.flags |= ATTRS_HAS_LOCAL_PREF;
}

static bool
is_dx_class(const void *ctx, const uint8_t *v)
{
	uint32_t c = ctext_get32(v);

	(void)ctx;
	return c == CLOUD_DX_LOW || c == CLOUD_DX_MEDIUM || c == CLOUD_DX_HIGH;
}

/* Replace any 7224:7x00 class in b by the single community cls. */
static void
set_dx_class(struct attr_builder *b, uint32_t cls)
{
	uint8_t v[4];

	ctext_put32(v, cls);
	b->comms = action_comm_filter(b, b->comms, 4, is_dx_class, NULL);
	b->comms = action_comm_add(b, b->comms, 4, v, 1);
}

static void
prepend(struct attr_builder *b, uint32_t as, unsigned n)
{
	if (n == 0)
		return;
	b->aspath = action_aspath_prepend(b, b->aspath, as, n);
	b->a.flags |= ATTRS_HAS_ASPATH;
}

void
cloud_intent_apply(enum cloud_intent intent, enum cloud_side side,
    enum cloud_method method, uint32_t own_as, uint32_t base_priority,
    struct attr_builder *b)
{
	static const uint32_t dx[] = { CLOUD_DX_HIGH, CLOUD_DX_MEDIUM,
		CLOUD_DX_LOW };

	if (method == CLOUD_BY_PREPEND) {
		prepend(b, own_as, (unsigned)intent);
		return;
	}
	if (side == CLOUD_SIDE_DX) {
		set_dx_class(b, dx[intent]);
		return;
	}
	/* SPEC 2.4: the Cloud Router reads MED as priority, lower wins. */
	b->a.med = intent == CLOUD_PREFER ? CLOUD_MED_PREFER :
	    intent == CLOUD_NORMAL ? base_priority : CLOUD_MED_DEPREF;
	b->a.flags |= ATTRS_HAS_MED;
}

void
cloud_drain_import(struct attr_builder *b)
{
	b->a.local_pref = 0;
	b->a.flags |= ATTRS_HAS_LOCAL_PREF;
}

void
cloud_drain_export(enum cloud_side side, uint32_t own_as,
    struct attr_builder *b)
{
	uint8_t gshut[4];
	uint32_t med = (b->a.flags & ATTRS_HAS_MED) ? b->a.med : 0;

	prepend(b, own_as, CLOUD_DRAIN_PREPEND);
	b->a.med = action_med(POL_MED_ADD, med, CLOUD_DRAIN_MED_ADD);
	b->a.flags |= ATTRS_HAS_MED;
	ctext_put32(gshut, COMM_GRACEFUL_SHUTDOWN);
	b->comms = action_comm_add(b, b->comms, 4, gshut, 1);
	if (side == CLOUD_SIDE_DX)
		set_dx_class(b, CLOUD_DX_LOW);
}

/* A reserved AWS community (7224:1..7224:65535) outside the kept list. */
static bool
is_reserved_drop(const void *ctx, const uint8_t *v)
{
	const uint32_t *keep = ctx;
	uint32_t c = ctext_get32(v);

	if (c >> 16 != CLOUD_DX_ASN || (c & 0xffffu) == 0)
		return false;
	return c != keep[0] && c != keep[1] && c != keep[2];
}

/* Remove from b what drop(keep, value) says, allocating only if needed. */
static void
comm_strip(struct attr_builder *b, bool (*drop)(const void *, const uint8_t *),
    const uint32_t *keep)
{
	size_t off;

	for (off = 0; off + 4 <= b->comms.len; off += 4)
		if (drop(keep, b->comms.p + off)) {
			b->comms = action_comm_filter(b, b->comms, 4, drop,
			    keep);
			return;
		}
}

void
cloud_dx_strip(struct attr_builder *b)
{
	static const uint32_t keep[3] = { CLOUD_DX_LOW, CLOUD_DX_MEDIUM,
		CLOUD_DX_HIGH };

	comm_strip(b, is_reserved_drop, keep);
}

void
cloud_public_strip(struct attr_builder *b)
{
	static const uint32_t keep[3] = { CLOUD_PUB_SCOPE_REGION,
		CLOUD_PUB_SCOPE_CONTINENT, CLOUD_PUB_SCOPE_GLOBAL };

	comm_strip(b, is_reserved_drop, keep);
}

enum cloud_scope
cloud_scope_of(struct bytes comms)
{
	enum cloud_scope sc = CLOUD_SCOPE_GLOBAL;
	uint32_t c;
	size_t off;

	for (off = 0; off + 4 <= comms.len; off += 4) {
		c = ctext_get32(comms.p + off);
		if (c == CLOUD_PUB_SCOPE_REGION)
			return CLOUD_SCOPE_REGION;
		if (c == CLOUD_PUB_SCOPE_CONTINENT)
			sc = CLOUD_SCOPE_CONTINENT;
	}
	return sc;
}

bool
cloud_scope_allows(enum cloud_scope sc, enum region_rel rel)
{
	switch (sc) {
	case CLOUD_SCOPE_REGION:
		return rel == REGION_SAME;
	case CLOUD_SCOPE_CONTINENT:
		return rel == REGION_SAME || rel == REGION_CONTINENT;
	case CLOUD_SCOPE_GLOBAL:
		break;
	}
	return true;
}

/* A received scope community 7224:9100/9200/9300. */
static bool
is_scope_drop(const void *ctx, const uint8_t *v)
{
	uint32_t c = ctext_get32(v);

	(void)ctx;
	return c == CLOUD_PUB_SCOPE_REGION || c == CLOUD_PUB_SCOPE_CONTINENT ||
	    c == CLOUD_PUB_SCOPE_GLOBAL;
}

/* An origin tag 7224:8100/8200 (ours to set towards a public VIF). */
static bool
is_origin_tag_drop(const void *ctx, const uint8_t *v)
{
	uint32_t c = ctext_get32(v);

	(void)ctx;
	return c == CLOUD_PUB_FROM_REGION || c == CLOUD_PUB_FROM_CONTINENT;
}

void
cloud_scope_consume(struct attr_builder *b)
{
	comm_strip(b, is_scope_drop, NULL);
}

void
cloud_public_export(enum region_rel rel, struct attr_builder *b)
{
	uint8_t v[8];
	size_t n = 1;

	comm_strip(b, is_origin_tag_drop, NULL);
	ctext_put32(v, COMMUNITY_NO_EXPORT);
	if (rel != REGION_OTHER)
		ctext_put32(v + 4, rel == REGION_SAME ?
		    CLOUD_PUB_FROM_REGION : CLOUD_PUB_FROM_CONTINENT);
	n += rel != REGION_OTHER;
	b->comms = action_comm_add(b, b->comms, 4, v, n);
}

int
cloud_quota_cmp(const struct prefix *a, const struct prefix *b)
{
	int c;

	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if (a->afi != b->afi)
		return a->afi < b->afi ? -1 : 1;
	c = memcmp(a->a, b->a, sizeof(a->a));
	return c < 0 ? -1 : c > 0;
}

static int
quota_qsort_cmp(const void *a, const void *b)
{
	return cloud_quota_cmp(a, b);
}

size_t
cloud_quota_keep(struct prefix *v, size_t n, size_t quota)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), quota_qsort_cmp);
	return n < quota ? n : quota;
}
