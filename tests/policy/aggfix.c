/* Test fixture for the aggregation tests; see aggfix.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/aspath.h"
#include "lib/community.h"
#include "tests/policy/aggfix.h"
#include "tests/policy/polfix.h"

const struct attrs *
af_attrs(struct attr_table *t, const char *path, uint8_t origin,
    const char *comms, const char *lcomms, unsigned flags, uint32_t med)
{
	const struct attrs *a;
	struct fx f;

	fx_init(&f, "10.0.0.0/8", path, comms, lcomms, NULL);
	f.b.a.origin = origin;
	f.b.a.flags |= ATTRS_HAS_NEXTHOP;
	addr_from_ipv4(&f.b.a.nexthop, 0xc0000201u);
	if (flags & AF_ATOMIC)
		f.b.a.flags |= ATTRS_HAS_ATOMIC_AGG;
	if (flags & AF_MED) {
		f.b.a.flags |= ATTRS_HAS_MED;
		f.b.a.med = med;
	}
	a = attrs_intern(t, &f.b);
	fx_fini(&f);
	return a;
}

const char *
af_attrs_print(const struct attrs *a, char *buf, size_t size)
{
	static const char origin[] = "iec";
	char path[2048], comms[1024], lcomms[1024];
	size_t n;

	aspath_print(blob_bytes(a->aspath), path, sizeof(path));
	n = (size_t)snprintf(buf, size, "o=%c p=[%s]",
	    origin[a->origin % 3], path);
	if ((a->flags & ATTRS_HAS_ATOMIC_AGG) && n < size)
		n += (size_t)snprintf(buf + n, size - n, " aa");
	if ((a->flags & ATTRS_HAS_AGGREGATOR) && n < size)
		n += (size_t)snprintf(buf + n, size - n, " agg=%u:%u.%u.%u.%u",
		    attrs_aggr_as(a), attrs_aggr_id(a) >> 24,
		    (attrs_aggr_id(a) >> 16) & 255,
		    (attrs_aggr_id(a) >> 8) & 255, attrs_aggr_id(a) & 255);
	if (a->comms != NULL && n < size) {
		community_print(blob_bytes(a->comms), comms, sizeof(comms));
		n += (size_t)snprintf(buf + n, size - n, " c=[%s]", comms);
	}
	if (attrs_lcomms(a) != NULL && n < size) {
		community_large_print(blob_bytes(attrs_lcomms(a)), lcomms,
		    sizeof(lcomms));
		n += (size_t)snprintf(buf + n, size - n, " l=[%s]", lcomms);
	}
	if ((a->flags & ATTRS_HAS_MED) && n < size)
		snprintf(buf + n, size - n, " med=%u", a->med);
	return buf;
}

const char *
af_changes_print(const struct aggregate_changes *c, size_t from, char *buf,
    size_t size)
{
	static const char *const kind[] = { "add", "change", "suppress",
	    "unsuppress", "remove" };
	char p[PREFIX_STRLEN], a[4096];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = from; i < c->n && n < size; i++) {
		prefix_print(&c->v[i].prefix, p, sizeof(p));
		n += (size_t)snprintf(buf + n, size - n, "%s%s %s",
		    i > from ? "; " : "", kind[c->v[i].kind], p);
		if (c->v[i].attrs != NULL && n < size)
			n += (size_t)snprintf(buf + n, size - n, " %s",
			    af_attrs_print(c->v[i].attrs, a, sizeof(a)));
	}
	return buf;
}
