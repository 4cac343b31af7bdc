/*
 * Test helper: interned attribute sets from a short description (see
 * attr_util.h). AS paths are encoded in the normalised 4-octet segment form
 * of lib/attr.h by a small text parser.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tests/rib/attr_util.h"

static void
put_u32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Encode "1 2 {3,4} (5 6) [7]" into out; returns the length. */
static size_t
aspath_encode(const char *s, uint8_t *out, size_t cap)
{
	size_t len = 0, hdr = 0;
	uint8_t cur = 0;
	char *end;

	while (s != NULL && *s != '\0') {
		if (*s == ' ' || *s == ',') {
			s++;
			continue;
		}
		if (*s == '{' || *s == '(' || *s == '[' || cur == 0) {
			cur = *s == '{' ? 1 : *s == '(' ? 3 : *s == '[' ? 4 : 2;
			assert(len + 2 <= cap);
			hdr = len;
			out[len++] = cur;
			out[len++] = 0;
			if (cur != 2)
				s++;
			continue;
		}
		if (*s == '}' || *s == ')' || *s == ']') {
			cur = 0;
			s++;
			continue;
		}
		assert(len + 4 <= cap);
		put_u32(out + len, (uint32_t)strtoul(s, &end, 10));
		assert(end != s);
		s = end;
		len += 4;
		out[hdr + 1]++;
		if (cur == 2 && (*s == '{' || *s == '(' || *s == '['))
			cur = 0;
	}
	return len;
}

static size_t
comms_encode(const char *s, uint8_t *out, size_t cap)
{
	size_t len = 0;
	unsigned long hi, lo;
	char *end;

	while (s != NULL && *s != '\0') {
		if (*s == ' ') {
			s++;
			continue;
		}
		hi = strtoul(s, &end, 10);
		assert(*end == ':');
		lo = strtoul(end + 1, &end, 10);
		assert(len + 4 <= cap);
		put_u32(out + len, (uint32_t)(hi << 16 | lo));
		len += 4;
		s = end;
	}
	return len;
}

const struct attrs *
ta_intern(struct attr_table *t, const struct ta *s)
{
	struct attr_builder b;
	const struct attrs *a;
	uint8_t path[256], comms[256], clusters[64];
	unsigned i;

	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH;
	b.a.origin = (uint8_t)s->origin;
	if (s->lp != TA_NONE) {
		b.a.flags |= ATTRS_HAS_LOCAL_PREF;
		b.a.local_pref = (uint32_t)s->lp;
	}
	if (s->med != TA_NONE) {
		b.a.flags |= ATTRS_HAS_MED;
		b.a.med = (uint32_t)s->med;
	}
	if (s->nexthop != 0) {
		b.a.flags |= ATTRS_HAS_NEXTHOP;
		addr_from_ipv4(&b.a.nexthop, s->nexthop);
	}
	if (s->originator != 0) {
		b.a.flags |= ATTRS_HAS_ORIGINATOR;
		b.a.originator_id = s->originator;
	}
	assert(s->nclusters <= sizeof(clusters) / 4);
	for (i = 0; i < s->nclusters; i++)
		put_u32(clusters + 4 * i, s->cluster0 + i);
	b.clusters.p = clusters;
	b.clusters.len = 4 * s->nclusters;
	b.aspath.p = path;
	b.aspath.len = aspath_encode(s->aspath, path, sizeof(path));
	b.comms.p = comms;
	b.comms.len = comms_encode(s->comms, comms, sizeof(comms));
	a = attrs_intern(t, &b);
	attr_builder_fini(&b);
	return a;
}
