/*
 * The UPDATE decoder and the bgpdump-style text of lib/aspath.c and
 * lib/community.c against the bgpdump 1.6.2 -m oracles of the shared MRT
 * corpus: every BGP4MP UPDATE of a few update files is decoded and each
 * announcement is projected onto the fields the codec owns (AS path,
 * origin, LOCAL_PREF, MED, communities, atomic aggregate, aggregator),
 * each withdrawal onto "W"; the multisets must be equal to the oracle's.
 * Peer and prefix text are left out (lib/prefix.c prints IPv6 per RFC
 * 5952, bgpdump per glibc inet_ntop). The MRT record walk here is the
 * minimum needed to reach the messages; the real reader is bgpd/mrt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/community.h"
#include "lib/rd.h"
#include "lib/xmalloc.h"

struct lines {
	char **v;
	size_t n, cap;
};

static void
lines_add(struct lines *l, const char *s)
{
	if (l->n == l->cap)
		l->v = xrealloc(l->v, (l->cap = l->cap * 2 + 1024) *
		    sizeof(*l->v));
	l->v[l->n++] = xstrdup(s);
}

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The shared corpus; a test that needs it must fail without it. */
static void
corpus_path(const char *rel, char *buf, size_t size)
{
	const char *top = getenv("XR_SRCDIR");
	FILE *f;

	snprintf(buf, size, "%s/../shared/data/mrt/%s", top ? top : "..", rel);
	if ((f = fopen(buf, "r")) != NULL) {
		fclose(f);
		return;
	}
	snprintf(buf, size, "/work/shared/data/mrt/%s", rel);
	if ((f = fopen(buf, "r")) == NULL)
		fail_msg("MRT corpus file %s not found", rel);
	fclose(f);
}

static uint8_t *
slurp(const char *path, size_t *len)
{
	gzFile f = gzopen(path, "rb");
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf = xmalloc(cap);
	int r;

	assert_non_null(f);
	while ((r = gzread(f, buf + n, (unsigned)(cap - n))) > 0) {
		n += (size_t)r;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	gzclose(f);
	*len = n;
	return buf;
}

/* Project one decoded update onto oracle-comparable lines. */
static void
project(const struct wire_update *u, struct lines *out)
{
	const struct attr_vals *a = &u->attrs.a;
	static const char *const origin[] = { "IGP", "EGP", "INCOMPLETE" };
	char path[8192], comm[8192], aggr[64], line[16800];
	size_t i, n;

	n = u->withdrawn.n + u->unreach.nlri.n;
	for (i = 0; i < n; i++)
		lines_add(out, "W");
	aspath_print(u->attrs.aspath, path, sizeof(path));
	community_print(u->attrs.comms, comm, sizeof(comm));
	aggr[0] = '\0';
	if (a->flags & ATTRS_HAS_AGGREGATOR)
		snprintf(aggr, sizeof(aggr), "%u %u.%u.%u.%u", a->aggr_as,
		    a->aggr_id >> 24, (a->aggr_id >> 16) & 0xff,
		    (a->aggr_id >> 8) & 0xff, a->aggr_id & 0xff);
	snprintf(line, sizeof(line), "A|%s|%s|%u|%u|%s|%s|%s", path,
	    origin[a->origin % 3], a->local_pref, a->med, comm,
	    a->flags & ATTRS_HAS_ATOMIC_AGG ? "AG" : "NAG", aggr);
	n = u->nlri.n + u->reach.nlri.n;
	for (i = 0; i < n; i++)
		lines_add(out, line);
}

/* One BGP4MP record; decode its UPDATE, if it is one. */
static void
record(struct rd r, uint16_t type, uint16_t sub, struct wire_update *u,
    struct lines *out)
{
	bool as4 = sub == 4 || sub == 7;
	uint32_t pas, las;
	uint16_t p2, l2, afi, mlen;
	struct wire_caps c;
	struct wire_err err;
	const uint8_t *m;
	uint8_t mtype;

	if (type == 17)
		rd_skip(&r, 4);
	if (sub != 1 && sub != 4 && sub != 6 && sub != 7)
		return;
	if (as4 ? !rd_u32(&r, &pas) || !rd_u32(&r, &las) :
	    !rd_u16(&r, &p2) || !rd_u16(&r, &l2))
		return;
	if (!as4)
		pas = p2, las = l2;
	if (!rd_skip(&r, 2) || !rd_u16(&r, &afi) ||
	    !rd_skip(&r, afi == 1 ? 8 : 32) || !rd_skip(&r, 16) ||
	    !rd_u16(&r, &mlen) || !rd_u8(&r, &mtype) || mtype != WIRE_UPDATE ||
	    mlen < 23 || !rd_ptr(&r, mlen - 19u, &m))
		return;
	memset(&c, 0, sizeof(c));
	c.as4 = as4;
	c.ibgp = pas == las;
	c.afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST |
	    WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST;
	if (wire_update_decode(m, mlen - 19u, &c, u, &err) == WIRE_RESET)
		fail_msg("reset: %s", err.reason);
	project(u, out);
}

static void
decode_file(const char *path, struct lines *out)
{
	struct wire_update u;
	struct rd r, rec;
	uint32_t ts, rlen;
	uint16_t type, sub;
	size_t len;
	uint8_t *buf = slurp(path, &len);

	wire_update_init(&u);
	rd_init(&r, buf, len);
	while (rd_u32(&r, &ts) && rd_u16(&r, &type) && rd_u16(&r, &sub) &&
	    rd_u32(&r, &rlen) && rd_sub(&r, rlen, &rec))
		if (type == 16 || type == 17)
			record(rec, type, sub, &u, out);
	wire_update_fini(&u);
	free(buf);
}

/* Oracle lines: "BGP4MP|t|A|peer|as|prefix|path|origin|nh|lp|med|comm|AG|aggr|". */
static void
read_oracle(const char *path, struct lines *out)
{
	gzFile f = gzopen(path, "rb");
	char line[20000], proj[20000], *fld[16], *p;
	int n;

	assert_non_null(f);
	while (gzgets(f, line, sizeof(line)) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		for (n = 0, p = line; n < 16 && p != NULL; n++)
			fld[n] = strsep(&p, "|");
		if (n < 6 || strncmp(fld[0], "BGP4MP", 6) != 0)
			continue;
		if (strcmp(fld[2], "W") == 0) {
			lines_add(out, "W");
		} else if (strcmp(fld[2], "A") == 0 && n >= 14) {
			snprintf(proj, sizeof(proj), "A|%s|%s|%s|%s|%s|%s|%s",
			    fld[6], fld[7], fld[9], fld[10], fld[11], fld[12],
			    fld[13]);
			lines_add(out, proj);
		}
	}
	gzclose(f);
}

static void
compare(const char *rel)
{
	struct lines ours = { NULL, 0, 0 }, theirs = { NULL, 0, 0 };
	char path[1024], oracle[1100];
	size_t i;

	corpus_path(rel, path, sizeof(path));
	snprintf(oracle, sizeof(oracle), "%s.bgpdump-m.txt.gz", path);
	decode_file(path, &ours);
	read_oracle(oracle, &theirs);
	qsort(ours.v, ours.n, sizeof(*ours.v), cmp_str);
	qsort(theirs.v, theirs.n, sizeof(*theirs.v), cmp_str);
	assert_true(theirs.n > 1000);
	assert_int_equal(ours.n, theirs.n);
	for (i = 0; i < ours.n; i++)
		if (strcmp(ours.v[i], theirs.v[i]) != 0)
			fail_msg("%s: first difference\n  ours   %s\n"
			    "  bgpdump %s", rel, ours.v[i], theirs.v[i]);
	lines_free(&ours);
	lines_free(&theirs);
}

/* 2002: 2-octet sessions (BGP4MP_MESSAGE), AS sets, communities. */
static void
test_ripe_2002(void **state)
{
	(void)state;
	compare("RIPE-NCC_bgpdump/updates.20020722.2238.gz");
}

/* 2007: AS4_PATH reconstruction, aggregators, well-known communities. */
static void
test_ripe_2007(void **state)
{
	(void)state;
	compare("RIPE-NCC_bgpdump/updates.20070211.0141.gz");
}

/* 2016: 4-octet sessions, IPv6 MP_REACH/MP_UNREACH. */
static void
test_ripe_2016(void **state)
{
	(void)state;
	compare("RIPE-NCC_bgpdump/updates.20160811.1600.gz");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ripe_2002),
		cmocka_unit_test(test_ripe_2007),
		cmocka_unit_test(test_ripe_2016),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
