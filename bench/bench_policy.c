/*
 * Policy evaluation benchmark (not part of make check). A typical import
 * chain: prefix set of 10,000 entries with mask-length ranges, a community
 * set match, set-local-pref and an AS-path prepend, default reject, run over
 * 1,000,000 routes (about half match the prefix set, half of those carry the
 * community). Prints CPU ns per route on one core (and wall time, which
 * on a shared machine includes time the thread was not running), then the
 * parts: prefix-set walk, builder setup, and one aspath_prepend(). The load
 * of a shared machine moves these by +-20%: run it several times and take
 * the median. Build by hand:
 *   cc -O2 -std=c11 -D_GNU_SOURCE -I. bench/bench_policy.c policy/[a-z]*.c \
 *       lib/[a-z]*.c -o bench_policy && ./bench_policy
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/aspath.h"
#include "lib/xmalloc.h"
#include "policy/policy.h"

enum { NSET = 10000, NROUTES = 1000000, NTPL = 64 };

static uint32_t
rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(*s >> 33);
}

static struct prefix
v4(uint32_t a, unsigned len)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	p.afi = AFI_IPV4;
	p.len = (uint8_t)len;
	p.a[0] = (uint8_t)(a >> 24);
	p.a[1] = (uint8_t)(a >> 16);
	p.a[2] = (uint8_t)(a >> 8);
	p.a[3] = (uint8_t)a;
	prefix_mask(&p);
	return p;
}

static const struct policy *
build(struct policy_db *db, struct prefix *setp, uint64_t *seed)
{
	struct pset *ps = policy_db_take_pset(db, pset_new());
	struct cset *cs = policy_db_take_cset(db, cset_new(CTEXT_STD));
	struct policy *p = policy_db_add_policy(db, "import");
	struct pol_stmt *st;
	char err[64];
	size_t i;

	for (i = 0; i < NSET; i++) {
		setp[i] = v4(rnd(seed), 16 + rnd(seed) % 9);
		pset_add(ps, &setp[i], setp[i].len, 24);
	}
	pset_build(ps);
	cset_add_text(cs, "65000:100", err, sizeof(err));
	cset_add_text(cs, "65000:200", err, sizeof(err));
	st = policy_add_stmt(p, "tagged");
	/* In the order policy/compile.c emits them. */
	policy_add_cond(st, POL_C_COMM_SET)->cset = cs;
	policy_add_cond(st, POL_C_PREFIX_SET)->pset = ps;
	st->act.flags = POL_A_LOCAL_PREF | POL_A_PREPEND;
	st->act.local_pref = 200;
	st->act.prepend_n = 1;
	st->act.result = POL_ACCEPT;
	st = policy_add_stmt(p, "customers");
	policy_add_cond(st, POL_C_PREFIX_SET)->pset = ps;
	st->act.flags = POL_A_LOCAL_PREF;
	st->act.local_pref = 100;
	st->act.result = POL_ACCEPT;
	return p;
}

/* Attribute templates: a 3-ASN path and three communities each. */
struct tpl {
	uint8_t path[14];
	uint8_t comms[12];
};

static void
make_tpl(struct tpl *t, size_t i, uint64_t *seed)
{
	uint32_t c[3] = { 65000u << 16 | 100u, 64512u << 16 | 1u,
		(rnd(seed) & 0xffff) << 16 | 7u };
	size_t k;

	if (i % 2)
		c[0] = 65001u << 16 | 100u;
	t->path[0] = 2;
	t->path[1] = 3;
	for (k = 0; k < 3; k++) {
		uint32_t as = 64496 + rnd(seed) % 1000;

		t->path[2 + k * 4] = (uint8_t)(as >> 24);
		t->path[3 + k * 4] = (uint8_t)(as >> 16);
		t->path[4 + k * 4] = (uint8_t)(as >> 8);
		t->path[5 + k * 4] = (uint8_t)as;
		t->comms[k * 4] = (uint8_t)(c[k] >> 24);
		t->comms[k * 4 + 1] = (uint8_t)(c[k] >> 16);
		t->comms[k * 4 + 2] = (uint8_t)(c[k] >> 8);
		t->comms[k * 4 + 3] = (uint8_t)c[k];
	}
}

/* The per-route builder setup the RIB pays with or without policy. */
static inline void
load(struct attr_builder *b, struct route *r, const struct tpl *t,
    const struct prefix *p)
{
	attr_builder_reset(b);
	b->a.flags = ATTRS_HAS_ORIGIN | ATTRS_HAS_ASPATH;
	b->aspath = (struct bytes){ t->path, sizeof(t->path) };
	b->comms = (struct bytes){ t->comms, sizeof(t->comms) };
	r->prefix = p;
}

/* CPU ns per route between two clock readings. */
static double
span(const struct timespec *a, const struct timespec *b)
{
	return ((double)(b->tv_sec - a->tv_sec) * 1e9 +
	    (double)(b->tv_nsec - a->tv_nsec)) / NROUTES;
}

int
main(void)
{
	struct policy_db *db = policy_db_new();
	struct prefix *setp = xcalloc(NSET, sizeof(*setp));
	struct prefix *rt = xcalloc(NROUTES, sizeof(*rt));
	struct tpl tpl[NTPL];
	const struct policy *v[1];
	struct pol_chain ch = { v, 1, POL_REJECT };
	struct attr_builder b;
	struct route r;
	struct timespec t0, t1, c0, c1;
	uint64_t seed = 42;
	size_t i, acc = 0, lp200 = 0;
	double ns, cpu, setup;

	v[0] = build(db, setp, &seed);
	for (i = 0; i < NTPL; i++)
		make_tpl(&tpl[i], i, &seed);
	for (i = 0; i < NROUTES; i++) {
		const struct prefix *s = &setp[rnd(&seed) % NSET];
		uint32_t a = (uint32_t)s->a[0] << 24 | (uint32_t)s->a[1] << 16 |
		    (uint32_t)s->a[2] << 8 | rnd(&seed) % 256;

		rt[i] = i % 2 ? v4(a, 24) : v4(rnd(&seed), 24);
	}
	memset(&r, 0, sizeof(r));
	r.afi = AFI_IPV4;
	r.safi = SAFI_UNICAST;
	r.own_as = 64512;
	attr_builder_init(&b);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (i = 0; i < NROUTES; i++) {
		load(&b, &r, &tpl[(i / 2) % NTPL], &rt[i]);
		if (policy_chain_apply(&ch, &r, &b) == POL_ACCEPT) {
			acc++;
			lp200 += b.a.local_pref == 200;
		}
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	    (double)(t1.tv_nsec - t0.tv_nsec)) / NROUTES;
	cpu = span(&c0, &c1);
	printf("routes %d prefix-set %d nodes %zu accepted %zu tagged %zu: "
	    "%.1f ns/route CPU (%.1f wall)\n", NROUTES, NSET,
	    pset_node_count(db->psets[0]), acc, lp200, cpu, ns);
	/* Parts: the prefix-set walk alone, and the per-route builder setup
	 * (reset and views, lib/attr.c) that the RIB pays with or without
	 * policy; chain cost = full loop - setup. */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (i = 0; i < NROUTES; i++)
		acc += pset_match(db->psets[0], &rt[i]);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	printf("  prefix-set match alone: %.1f ns/route CPU\n", span(&c0, &c1));
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (i = 0; i < NROUTES; i++) {
		load(&b, &r, &tpl[(i / 2) % NTPL], &rt[i]);
		acc += b.aspath.len + r.prefix->len;
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	setup = span(&c0, &c1);
	printf("  builder setup alone: %.1f ns/route CPU; chain: %.1f ns/route "
	    "(%zu)\n", setup, cpu - setup, acc % 10);
	/* The prepend action's AS-path edit (lib/aspath.c), setup included. */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	for (i = 0; i < NROUTES; i++) {
		load(&b, &r, &tpl[(i / 2) % NTPL], &rt[i]);
		b.aspath = aspath_prepend(&b, b.aspath, r.own_as, 1);
		acc += b.aspath.len;
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	printf("  setup + aspath_prepend: %.1f ns/route CPU; prepend %.1f "
	    "(%zu)\n", span(&c0, &c1), span(&c0, &c1) - setup, acc % 10);
	attr_builder_fini(&b);
	policy_db_free(db);
	free(setp);
	free(rt);
	return 0;
}
