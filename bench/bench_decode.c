/*
 * Decode throughput of the UPDATE codec: loads the BGP4MP UPDATE messages
 * of an MRT file (plain or gzip), then decodes all of them repeatedly,
 * interning the attribute set of each update (one reference held per
 * update slot, as a RIB would) and counting every announced or withdrawn
 * prefix as one path. Prints paths/s on one core. Not part of make check.
 * Build by hand:
 *   cc -O2 -std=c11 -D_GNU_SOURCE -I. bench/bench_decode.c bgpd/wire_*.c \
 *     lib/attr.c lib/aspath.c lib/prefix.c lib/rd.c lib/wr.c \
 *     lib/xmalloc.c lib/log.c -lz -o bench_decode
 *   ./bench_decode [file.mrt[.gz]] [seconds]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "bgpd/wire_update.h"
#include "lib/rd.h"
#include "lib/xmalloc.h"

#define DEFAULT_FILE \
	"/work/shared/data/mrt/DevQps_bgp-rs/updates.20190101.0000.gz"

struct upd {
	const uint8_t *body;
	size_t len;
	struct wire_caps caps;
};

struct set {
	struct upd *v;
	size_t n, cap;
};

static uint8_t *
slurp(const char *path, size_t *len)
{
	gzFile f = gzopen(path, "rb");
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf = xmalloc(cap);
	int r;

	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(1);
	}
	while ((r = gzread(f, buf + n, (unsigned)(cap - n))) > 0) {
		n += (size_t)r;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	gzclose(f);
	*len = n;
	return buf;
}

/* Pick the UPDATE out of one BGP4MP record body; false if not one. */
static bool
record_update(struct rd r, uint16_t type, uint16_t sub, struct upd *u)
{
	bool as4 = sub == 4 || sub == 7 || sub == 9 || sub == 11;
	bool ap = sub >= 8 && sub <= 11;
	uint32_t pas = 0, las = 0;
	uint16_t p2, l2, afi, mlen;
	uint8_t mtype;

	if (type == 17 && !rd_skip(&r, 4))
		return false;
	if (!(sub == 1 || sub == 4 || sub == 6 || sub == 7 || ap))
		return false;
	if (as4 ? !rd_u32(&r, &pas) || !rd_u32(&r, &las) :
	    !rd_u16(&r, &p2) || !rd_u16(&r, &l2))
		return false;
	if (!as4)
		pas = p2, las = l2;
	if (!rd_skip(&r, 2) || !rd_u16(&r, &afi) ||
	    !rd_skip(&r, afi == 1 ? 8 : 32) || !rd_skip(&r, 16) ||
	    !rd_u16(&r, &mlen) || !rd_u8(&r, &mtype) || mtype != 2 ||
	    mlen < 23 || !rd_ptr(&r, mlen - 19u, &u->body))
		return false;
	u->len = mlen - 19u;
	memset(&u->caps, 0, sizeof(u->caps));
	u->caps.as4 = as4;
	u->caps.ibgp = pas == las;
	u->caps.ext_msg = true;
	u->caps.afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST |
	    WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST;
	if (ap)
		u->caps.addpath_rx = u->caps.afs;
	return true;
}

static void
load(const uint8_t *buf, size_t len, struct set *s)
{
	struct rd r, rec;
	uint32_t ts, rlen;
	uint16_t type, sub;
	struct upd u;

	rd_init(&r, buf, len);
	while (rd_u32(&r, &ts) && rd_u16(&r, &type) && rd_u16(&r, &sub) &&
	    rd_u32(&r, &rlen) && rd_sub(&r, rlen, &rec)) {
		if ((type != 16 && type != 17) ||
		    !record_update(rec, type, sub, &u))
			continue;
		if (s->n == s->cap)
			s->v = xrealloc(s->v, (s->cap = s->cap * 2 + 1024) *
			    sizeof(*s->v));
		s->v[s->n++] = u;
	}
}

/* CPU time of this process: the machine is shared, wall time is not ours. */
static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : DEFAULT_FILE;
	double secs = argc > 2 ? atof(argv[2]) : 5.0, t0, t;
	struct set s = { NULL, 0, 0 };
	struct attr_table *tab = attr_table_new();
	const struct attrs **held;
	struct wire_update u;
	struct wire_err err;
	size_t len, i, rounds = 0, bad = 0, nonok = 0;
	uint64_t paths = 0, msgs = 0;
	uint8_t *buf = slurp(path, &len);
	enum wire_verdict v;

	load(buf, len, &s);
	if (s.n == 0) {
		fprintf(stderr, "no BGP4MP UPDATE messages in %s\n", path);
		return 1;
	}
	held = xcalloc(s.n, sizeof(*held));
	wire_update_init(&u);
	t0 = now();
	do {
		for (i = 0; i < s.n; i++) {
			v = wire_update_decode(s.v[i].body, s.v[i].len,
			    &s.v[i].caps, &u, &err);
			msgs++;
			if (v != WIRE_OK && rounds == 0) {
				nonok++;
				if (nonok <= 5)
					fprintf(stderr, "update %zu: verdict %d: "
					    "%s (attribute %u)\n", i, v,
					    err.reason, err.attr_type);
			}
			if (v == WIRE_RESET) {
				bad++;
				continue;
			}
			paths += u.nlri.n + u.withdrawn.n + u.reach.nlri.n +
			    u.unreach.nlri.n;
			if (u.nlri.n + u.reach.nlri.n == 0)
				continue;
			const struct attrs *a = wire_update_intern(&u,
			    u.reach.nlri.n > 0, tab);
			attrs_unref(tab, held[i]);
			held[i] = a;
		}
		rounds++;
		t = now() - t0;
	} while (t < secs);
	printf("%s\n%zu updates loaded (%zu not OK), %zu rounds, "
	    "%llu messages, %llu paths in %.2f CPU s\n", path, s.n, nonok,
	    rounds, (unsigned long long)msgs, (unsigned long long)paths, t);
	printf("%.0f messages/s, %.0f paths/s per core (%zu resets per "
	    "round, %zu interned sets)\n", (double)msgs / t,
	    (double)paths / t, bad / rounds, attr_table_count(tab));
	for (i = 0; i < s.n; i++)
		attrs_unref(tab, held[i]);
	attr_table_free(tab);
	wire_update_fini(&u);
	free(held);
	free(s.v);
	free(buf);
	return 0;
}
