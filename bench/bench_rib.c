/*
 * RIB load benchmark (not a test): N peers each announce the same P
 * synthetic IPv4 /24 prefixes with one attribute set per peer, through
 * rib_update() with best-path computation; then the change queue is
 * drained, every prefix is looked up exactly and by longest match, and one
 * peer goes down. Prints time per operation and memory per
 * path, counted two ways: the RIB's own pools (rib_counters) and the heap
 * growth seen by mallinfo2(). Usage: bench_rib [prefixes [peers [mode]]]
 * where mode contains "random" (each peer announces in a different
 * scrambled order), "v6" (IPv6 /48s instead of IPv4 /24s) and/or "oneas"
 * (every peer in one neighbour AS, like the gateway benchmark's links: the
 * MED step then orders the paths totally).
 */
#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/attr.h"
#include "rib/rib.h"

/* CPU time of this process: the machine is shared, wall time is noise. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t
heap_used(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

/* One set per peer: AS_PATH "<as> 7", ORIGIN IGP, next hop. */
static const struct attrs *
peer_attrs(struct attr_table *t, uint32_t as, uint32_t nh)
{
	uint8_t path[] = { 2, 2, (uint8_t)(as >> 24), (uint8_t)(as >> 16),
	    (uint8_t)(as >> 8), (uint8_t)as, 0, 0, 0, 7 };
	struct attr_builder b;
	const struct attrs *a;

	attr_builder_init(&b);
	b.a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH | ATTRS_HAS_NEXTHOP;
	b.a.origin = ORIGIN_IGP;
	addr_from_ipv4(&b.a.nexthop, nh);
	b.aspath.p = path;
	b.aspath.len = sizeof(path);
	a = attrs_intern(t, &b);
	attr_builder_fini(&b);
	return a;
}

static bool use_ipv6;

/* The i-th synthetic prefix: 1.0.0.0/24 upwards, or 2001:db8::/48 up. */
static void
prefix_of(unsigned i, struct prefix *p)
{
	uint32_t v = (1u << 24) + ((uint32_t)i << 8);

	memset(p, 0, sizeof(*p));
	if (use_ipv6) {
		p->afi = AFI_IPV6;
		p->len = 48;
		p->a[0] = 0x20;
		p->a[1] = 0x01;
		p->a[2] = 0x0d;
		p->a[3] = (uint8_t)(0xb8 + (i >> 16));
		p->a[4] = (uint8_t)(i >> 8);
		p->a[5] = (uint8_t)i;
		return;
	}
	p->afi = AFI_IPV4;
	p->len = 24;
	p->a[0] = (uint8_t)(v >> 24);
	p->a[1] = (uint8_t)(v >> 16);
	p->a[2] = (uint8_t)(v >> 8);
}

/* Exact lookup of every announced prefix, in order, through rib_lookup(). */
static void
bench_lookup(const struct rib *r, unsigned n)
{
	struct prefix p;
	unsigned i, hits = 0;
	double t0 = now();

	for (i = 0; i < n; i++) {
		prefix_of(i, &p);
		hits += rib_lookup(r, &p) != NULL;
	}
	printf("exact lookup: %.1f ns per lookup (%u of %u found)\n",
	    (now() - t0) * 1e9 / n, hits, n);
}

/* Longest-prefix match of n host addresses inside the announced range. */
static void
bench_match(const struct rib *r, unsigned n)
{
	struct prefix p, f;
	unsigned i, hits = 0;
	double t0 = now();

	for (i = 0; i < n; i++) {
		prefix_of((i * 2654435761u) % n, &p);
		p.a[use_ipv6 ? 15 : 3] = (uint8_t)i;
		p.len = use_ipv6 ? 128 : 32;
		hits += rib_match(r, &p, &f) != NULL;
	}
	printf("longest match: %.1f ns per lookup (%u of %u found)\n",
	    (now() - t0) * 1e9 / n, hits, n);
}

int
main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 500000;
	unsigned npeers = argc > 2 ? (unsigned)atoi(argv[2]) : 4, i, k;
	bool shuffled = argc > 3 && strstr(argv[3], "random") != NULL, one_as;
	struct attr_table *t = attr_table_new();
	const struct attrs *a[64];
	struct rib_config cfg;
	struct rib_peer_info pi;
	struct rib_counters c;
	struct rib_change ch;
	struct prefix p;
	struct rib *r;
	size_t heap0, changes = 0;
	double t0, t1, t2, t3;

	if (npeers < 1 || npeers > 64 || n < 1 || n > (1u << 23))
		return 2;
	use_ipv6 = argc > 3 && strstr(argv[3], "v6") != NULL;
	one_as = argc > 3 && strstr(argv[3], "oneas") != NULL;
	heap0 = heap_used();
	rib_config_default(&cfg);
	cfg.local_as = 64512;
	r = rib_new(t, &cfg, NULL);
	for (k = 0; k < npeers; k++) {
		memset(&pi, 0, sizeof(pi));
		pi.as = one_as ? 65000 : 65001 + k;
		pi.router_id = 0x01010101u * (k + 1);
		addr_from_ipv4(&pi.addr, 0xc0000201u + k);
		pi.group = 1;
		rib_peer_add(r, k + 1, &pi);
		a[k] = peer_attrs(t, pi.as, 0xc0000201u + k);
	}
	t0 = now();
	for (k = 0; k < npeers; k++) {
		for (i = 0; i < n; i++) {
			/* Full-period permutation: random arrival order. */
			prefix_of(shuffled ? (unsigned)(((uint64_t)i *
			    2654435761u + k) % n) : i, &p);
			rib_update(r, k + 1, &p, 0, a[k]);
		}
	}
	t1 = now();
	rib_counters(r, &c);
	while (rib_change_next(r, &ch))
		changes++;
	t2 = now();
	printf("paths %zu prefixes %zu nodes %zu changes %zu\n", c.paths,
	    c.prefixes, c.nodes, changes);
	printf("insert: %.1f ns CPU per path (%.2f s)\n",
	    (t1 - t0) * 1e9 / c.paths, t1 - t0);
	printf("drain: %.1f ns per change\n", (t2 - t1) * 1e9 / changes);
	printf("memory: rib %zu bytes = %.1f bytes per path; heap growth "
	    "%.1f bytes per path (incl. change queue)\n", c.bytes,
	    (double)c.bytes / c.paths,
	    (double)(heap_used() - heap0) / c.paths);
	bench_lookup(r, n);
	bench_match(r, n);
	t2 = now();
	rib_peer_down(r, 1);
	t3 = now();
	changes = 0;
	while (rib_change_next(r, &ch))
		changes++;
	printf("peer down: %.1f ns per path, %zu changes\n",
	    (t3 - t2) * 1e9 / n, changes);
	rib_free(r);
	for (k = 0; k < npeers; k++)
		attrs_unref(t, a[k]);
	attr_table_free(t);
	return 0;
}
