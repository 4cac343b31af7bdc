/*
 * Table tests for bgpd/wire_attr.c through wire_update_decode(): one row
 * per attribute and per RFC 7606 rule, {name, session, attribute bytes,
 * NLRI bytes, expected verdict, expected decoded value}. The decoded value
 * is compared as a one-line summary of what the codec produced, so a row
 * checks both the verdict and that nothing else changed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/wire_7606.h"
#include "bgpd/wire_attr.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/community.h"

enum sess { EBGP4, IBGP4, EBGP2, PEER4, PEER2 };

struct row {
	const char *name;
	enum sess s;
	const char *attrs;		/* hex */
	const char *nlri;		/* hex, "" for none */
	enum wire_verdict v;
	const char *want;		/* summary, NULL: not checked */
};

#define O "40 01 01 00 "			/* ORIGIN IGP */
#define P4 "40 02 06 02 01 00 00 fd e9 "	/* AS_PATH 65001, 4-octet */
#define P2 "40 02 04 02 01 fd e9 "		/* AS_PATH 65001, 2-octet */
#define NH "40 03 04 0a 00 00 01 "		/* NEXT_HOP 10.0.0.1 */
#define LP "40 05 04 00 00 00 64 "		/* LOCAL_PREF 100 */
#define BASE O P4 NH
#define N24 "18 c0 00 02"			/* 192.0.2.0/24 */
#define MPR6 "80 0e 1a 00 02 01 10 20 01 0d b8 00 00 00 00 00 00 00 00 " \
	"00 00 00 01 00 20 20 01 0d b8 "	/* 2001:db8::/32 via 2001:db8::1 */

#define S0 "o=0 p=65001 nh=10.0.0.1 nlri=1"

static const struct row rows[] = {
	{ "basic", EBGP4, BASE, N24, WIRE_OK, S0 },
	{ "basic 2-octet", EBGP2, O P2 NH, N24, WIRE_OK, S0 },
	{ "extended length flag accepted", EBGP4, "50 01 00 01 00 " P4 NH, N24,
	    WIRE_OK, S0 },
	{ "origin length 2", EBGP4, "40 01 02 00 00 " P4 NH, N24, WIRE_WITHDRAW,
	    "p=65001 nh=10.0.0.1 nlri=1" },
	{ "origin value 3", EBGP4, "40 01 01 03 " P4 NH, N24, WIRE_WITHDRAW,
	    NULL },
	{ "origin flagged optional", EBGP4, "c0 01 01 00 " P4 NH, N24,
	    WIRE_WITHDRAW, NULL },
	{ "origin incomplete", EBGP4, "40 01 01 02 " P4 NH, N24, WIRE_OK,
	    "o=2 p=65001 nh=10.0.0.1 nlri=1" },
	{ "aspath bad segment type", EBGP4, O "40 02 06 05 01 00 00 fd e9 " NH,
	    N24, WIRE_WITHDRAW, "o=0 nh=10.0.0.1 nlri=1" },
	{ "aspath zero count", EBGP4, O "40 02 02 02 00 " NH, N24,
	    WIRE_WITHDRAW, NULL },
	{ "aspath overrun", EBGP4, O "40 02 06 02 02 00 00 fd e9 " NH, N24,
	    WIRE_WITHDRAW, NULL },
	{ "aspath underrun", EBGP4, O "40 02 07 02 01 00 00 fd e9 02 " NH, N24,
	    WIRE_WITHDRAW, NULL },
	{ "aspath set and confed", EBGP4, O "40 02 16 03 01 00 00 fc 00 02 01 "
	    "00 00 fd e9 01 02 00 00 00 01 00 00 00 02 " NH, N24, WIRE_OK,
	    "o=0 p=(64512) 65001 {1,2} nh=10.0.0.1 nlri=1" },
	{ "ebgp leftmost is peer", PEER4, BASE, N24, WIRE_OK, S0 },
	{ "ebgp leftmost not peer", PEER4, O "40 02 06 02 01 00 00 fd ea " NH,
	    N24, WIRE_WITHDRAW, NULL },
	{ "ebgp empty aspath", PEER4, O "40 02 00 " NH, N24, WIRE_WITHDRAW,
	    NULL },
	{ "ebgp leftmost in a set", PEER4, O "40 02 06 01 01 00 00 fd e9 " NH,
	    N24, WIRE_WITHDRAW, NULL },
	{ "ebgp 2-octet peer 4-octet AS_TRANS", PEER2,
	    O "40 02 04 02 01 5b a0 " NH, N24, WIRE_OK,
	    "o=0 p=23456 nh=10.0.0.1 nlri=1" },
	{ "ebgp confed segment", PEER4, O "40 02 0c 02 01 00 00 fd e9 03 01 00 00 "
	    "fc 00 " NH, N24, WIRE_WITHDRAW, NULL },
	{ "ebgp confed segment, no peer check", EBGP4, O "40 02 0c 02 01 00 00 fd "
	    "e9 03 01 00 00 fc 00 " NH, N24, WIRE_OK,
	    "o=0 p=65001 (64512) nh=10.0.0.1 nlri=1" },
	{ "ibgp empty aspath", IBGP4, O "40 02 00 " NH LP, N24, WIRE_OK,
	    "o=0 p= nh=10.0.0.1 lp=100 nlri=1" },
	{ "nexthop length 5", EBGP4, O P4 "40 03 05 0a 00 00 01 00 ", N24,
	    WIRE_WITHDRAW, "o=0 p=65001 nlri=1" },
	{ "nexthop 0.0.0.0 kept, withdrawn", EBGP4, O P4 "40 03 04 00 00 00 00 ",
	    N24, WIRE_WITHDRAW, "o=0 p=65001 nh=0.0.0.0 nlri=1" },
	{ "nexthop loopback", EBGP4, O P4 "40 03 04 7f 00 00 01 ", N24,
	    WIRE_WITHDRAW, NULL },
	{ "nexthop multicast", EBGP4, O P4 "40 03 04 e0 00 00 01 ", N24,
	    WIRE_WITHDRAW, NULL },
	{ "nexthop class E", EBGP4, O P4 "40 03 04 f0 00 00 01 ", N24,
	    WIRE_WITHDRAW, NULL },
	{ "nexthop martian unused without ipv4 nlri", EBGP4,
	    MPR6 O P4 "40 03 04 00 00 00 00 ", "", WIRE_OK, NULL },
	{ "med", EBGP4, BASE "80 04 04 00 00 00 05 ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 med=5 nlri=1" },
	{ "med length 3", EBGP4, BASE "80 04 03 00 00 05 ", N24, WIRE_WITHDRAW,
	    S0 },
	{ "med flagged well-known", EBGP4, BASE "40 04 04 00 00 00 05 ", N24,
	    WIRE_WITHDRAW, S0 },
	{ "local_pref from ebgp discarded", EBGP4, BASE LP, N24,
	    WIRE_ATTR_DISCARD, S0 },
	{ "local_pref ibgp", IBGP4, BASE LP, N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 lp=100 nlri=1" },
	{ "local_pref ibgp length 3", IBGP4, BASE "40 05 03 00 00 64 ", N24,
	    WIRE_WITHDRAW, NULL },
	{ "atomic aggregate", EBGP4, BASE "40 06 00 ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 aa nlri=1" },
	{ "atomic aggregate length 1", EBGP4, BASE "40 06 01 00 ", N24,
	    WIRE_ATTR_DISCARD, S0 },
	{ "aggregator 4-octet", EBGP4, BASE "c0 07 08 00 01 11 70 c0 00 02 01 ",
	    N24, WIRE_OK, "o=0 p=65001 nh=10.0.0.1 agg=70000:192.0.2.1 nlri=1" },
	{ "aggregator length 6 on as4", EBGP4, BASE "c0 07 06 fd e9 c0 00 02 01 ",
	    N24, WIRE_ATTR_DISCARD, S0 },
	{ "aggregator 2-octet", EBGP2, O P2 NH "c0 07 06 fd e9 c0 00 02 01 ",
	    N24, WIRE_OK, "o=0 p=65001 nh=10.0.0.1 agg=65001:192.0.2.1 nlri=1" },
	{ "aggregator flagged non-transitive", EBGP4,
	    BASE "80 07 08 00 01 11 70 c0 00 02 01 ", N24, WIRE_ATTR_DISCARD,
	    S0 },
	{ "communities", EBGP4, BASE "c0 08 08 fd e8 00 64 ff ff ff 01 ", N24,
	    WIRE_OK, "o=0 p=65001 nh=10.0.0.1 c=65000:100,no-export nlri=1" },
	{ "communities length 0", EBGP4, BASE "c0 08 00 ", N24, WIRE_WITHDRAW,
	    S0 },
	{ "communities length 5", EBGP4, BASE "c0 08 05 fd e8 00 64 00 ", N24,
	    WIRE_WITHDRAW, S0 },
	{ "communities flagged non-transitive", EBGP4,
	    BASE "80 08 04 fd e8 00 64 ", N24, WIRE_WITHDRAW, S0 },
	{ "communities partial kept", EBGP4, BASE "e0 08 04 fd e8 00 64 ",
	    N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 c=65000:100 partial=2 nlri=1" },
	{ "otc and large partial kept", EBGP4, BASE "e0 20 0c 00 00 fd e8 00 00 "
	    "00 01 00 00 00 02 e0 23 04 00 00 fd e9 ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 lc=65000:1:2 otc=65001 partial=18 "
	    "nlri=1" },
	{ "originator from ebgp", EBGP4, BASE "80 09 04 0a 00 00 09 ", N24,
	    WIRE_ATTR_DISCARD, S0 },
	{ "originator ibgp", IBGP4, BASE LP "80 09 04 0a 00 00 09 ", N24,
	    WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 lp=100 oid=10.0.0.9 nlri=1" },
	{ "originator ibgp length 3", IBGP4, BASE LP "80 09 03 0a 00 00 ", N24,
	    WIRE_WITHDRAW, NULL },
	{ "cluster list from ebgp", EBGP4, BASE "80 0a 04 0a 00 00 09 ", N24,
	    WIRE_ATTR_DISCARD, S0 },
	{ "cluster list ibgp", IBGP4, BASE LP "80 0a 08 0a 00 00 09 0a 00 00 0a ",
	    N24, WIRE_OK, "o=0 p=65001 nh=10.0.0.1 lp=100 cl=8 nlri=1" },
	{ "cluster list ibgp length 6", IBGP4,
	    BASE LP "80 0a 06 0a 00 00 09 0a 00 ", N24, WIRE_WITHDRAW, NULL },
	{ "mp_reach ipv6", EBGP4, MPR6 O P4, "", WIRE_OK,
	    "o=0 p=65001 r=2/1 2001:db8::1 n=1" },
	{ "mp_reach ipv6 link-local", EBGP4, "80 0e 2a 00 02 01 20 20 01 0d b8 "
	    "00 00 00 00 00 00 00 00 00 00 00 01 fe 80 00 00 00 00 00 00 00 00 "
	    "00 00 00 00 00 02 00 20 20 01 0d b8 " O P4, "", WIRE_OK,
	    "o=0 p=65001 r=2/1 2001:db8::1 fe80::2 n=1" },
	{ "mp_reach twice", EBGP4, MPR6 MPR6 O P4, "", WIRE_RESET, NULL },
	{ "mp_unreach twice", EBGP4, "80 0f 03 00 02 01 80 0f 03 00 02 01 ", "",
	    WIRE_RESET, NULL },
	{ "mp_reach next hop length 15", EBGP4, "80 0e 19 00 02 01 0f 20 01 0d "
	    "b8 00 00 00 00 00 00 00 00 00 00 00 00 20 20 01 0d b8 " O P4, "",
	    WIRE_AFI_DISABLE, NULL },
	{ "mp_reach prefix length 129", EBGP4, "80 0e 1a 00 02 01 10 20 01 0d "
	    "b8 00 00 00 00 00 00 00 00 00 00 00 01 00 81 20 01 0d b8 " O P4, "",
	    WIRE_AFI_DISABLE, NULL },
	{ "mp_reach flagged transitive", EBGP4, "c0 0e 1a 00 02 01 10 20 01 0d "
	    "b8 00 00 00 00 00 00 00 00 00 00 00 01 00 20 20 01 0d b8 " O P4, "",
	    WIRE_AFI_DISABLE, NULL },
	{ "mp_reach too short for afi", EBGP4, "80 0e 02 00 02 " O P4, "",
	    WIRE_RESET, NULL },
	{ "mp_reach unknown safi ignored", EBGP4, "80 0e 05 00 02 80 00 00 " O P4,
	    "", WIRE_OK, "o=0 p=65001" },
	{ "mp_unreach", EBGP4, "80 0f 08 00 02 01 20 20 01 0d b8 ", "", WIRE_OK,
	    "u=2/1 n=1" },
	{ "mp_unreach prefix overrun", EBGP4, "80 0f 06 00 02 01 20 20 01 0d ",
	    "", WIRE_AFI_DISABLE, NULL },
	{ "ext communities", EBGP4, BASE "c0 10 08 00 02 fd e8 00 00 00 64 ",
	    N24, WIRE_OK, "o=0 p=65001 nh=10.0.0.1 ec=rt 65000:100 nlri=1" },
	{ "ext communities length 7", EBGP4, BASE "c0 10 07 00 02 fd e8 00 00 00 ",
	    N24, WIRE_WITHDRAW, S0 },
	{ "as4_path merged", EBGP2, O "40 02 06 02 02 fd e9 5b a0 " NH
	    "c0 11 0a 02 02 00 00 fd e9 00 01 11 70 ", N24, WIRE_OK,
	    "o=0 p=65001 70000 nh=10.0.0.1 nlri=1" },
	{ "as4_path malformed discarded", EBGP2, O "40 02 06 02 02 fd e9 5b a0 "
	    NH "c0 11 05 02 02 00 00 fd ", N24, WIRE_ATTR_DISCARD,
	    "o=0 p=65001 23456 nh=10.0.0.1 nlri=1" },
	{ "as4_path ignored on as4 session", EBGP4,
	    BASE "c0 11 06 02 01 00 01 11 70 ", N24, WIRE_OK, S0 },
	{ "as4_aggregator length 7", EBGP2, O P2 NH "c0 07 06 5b a0 c0 00 02 01 "
	    "c0 12 07 00 01 11 70 c0 00 02 ", N24, WIRE_ATTR_DISCARD,
	    "o=0 p=65001 nh=10.0.0.1 agg=23456:192.0.2.1 nlri=1" },
	{ "as4_aggregator merged", EBGP2, O P2 NH "c0 07 06 5b a0 c0 00 02 01 "
	    "c0 12 08 00 01 11 70 c0 00 02 01 ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 agg=70000:192.0.2.1 nlri=1" },
	{ "ipv6 ext communities length 19", EBGP4, BASE "c0 19 13 00 02 20 01 "
	    "0d b8 00 00 00 00 00 00 00 00 00 00 00 01 00 ", N24, WIRE_WITHDRAW,
	    S0 },
	{ "ipv6 ext communities kept", EBGP4, BASE "c0 19 14 00 02 20 01 0d b8 "
	    "00 00 00 00 00 00 00 00 00 00 00 01 00 07 ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 unk=c0.25.20 nlri=1" },
	{ "large community", EBGP4, BASE "c0 20 0c 00 00 fd e8 00 00 00 01 00 00 "
	    "00 02 ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 lc=65000:1:2 nlri=1" },
	{ "large community length 11", EBGP4, BASE "c0 20 0b 00 00 fd e8 00 00 00 "
	    "01 00 00 00 ", N24, WIRE_WITHDRAW, S0 },
	{ "large community length 0", EBGP4, BASE "c0 20 00 ", N24,
	    WIRE_WITHDRAW, S0 },
	{ "otc", EBGP4, BASE "c0 23 04 00 00 fd e9 ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 otc=65001 nlri=1" },
	{ "otc length 3", EBGP4, BASE "c0 23 03 00 fd e9 ", N24, WIRE_WITHDRAW,
	    S0 },
	{ "unknown optional transitive kept partial", EBGP4,
	    BASE "c0 63 02 ab cd ", N24, WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 unk=e0.99.2 nlri=1" },
	{ "unknown optional non-transitive dropped", EBGP4,
	    BASE "80 63 02 ab cd ", N24, WIRE_OK, S0 },
	{ "unknown well-known resets", EBGP4, BASE "40 63 02 ab cd ", N24,
	    WIRE_RESET, NULL },
	{ "duplicate origin keeps first", EBGP4, BASE "40 01 01 02 ", N24,
	    WIRE_ATTR_DISCARD, S0 },
	{ "duplicate unknown keeps first", EBGP4,
	    BASE "c0 63 01 01 c0 63 01 02 ", N24, WIRE_ATTR_DISCARD,
	    "o=0 p=65001 nh=10.0.0.1 unk=e0.99.1 nlri=1" },
	{ "missing origin", EBGP4, P4 NH, N24, WIRE_WITHDRAW, NULL },
	{ "missing aspath", EBGP4, O NH, N24, WIRE_WITHDRAW, NULL },
	{ "missing nexthop with ipv4 nlri", EBGP4, O P4, N24, WIRE_WITHDRAW,
	    NULL },
	{ "no nexthop needed for mp only", EBGP4, MPR6 O P4, "", WIRE_OK, NULL },
	{ "missing local_pref ibgp", IBGP4, BASE, N24, WIRE_WITHDRAW, NULL },
	{ "attributes without nlri need nothing", EBGP4, O, "", WIRE_OK,
	    "o=0" },
	{ "attribute overruns field", EBGP4, BASE "c0 08 08 fd e8 00 64 ", N24,
	    WIRE_WITHDRAW, S0 },
	{ "attribute header truncated", EBGP4, BASE "c0 ", N24, WIRE_WITHDRAW,
	    S0 },
	{ "mp_reach overruns field", EBGP4, BASE "80 0e 30 00 02 01 ", N24,
	    WIRE_RESET, NULL },
	{ "most severe wins", EBGP4, BASE "40 06 01 00 c0 08 00 ", N24,
	    WIRE_WITHDRAW, NULL },
	{ "nlri prefix length 33", EBGP4, BASE, "21 c0 00 02 00 00",
	    WIRE_RESET, NULL },
	{ "nlri overrun", EBGP4, BASE, "18 c0 00", WIRE_RESET, NULL },
	{ "host bits masked", EBGP4, BASE, "14 0a 01 0f 07 0b", WIRE_OK,
	    "o=0 p=65001 nh=10.0.0.1 nlri=2 masked=2" },
};

static const struct wire_caps *
caps_for(enum sess s)
{
	static struct wire_caps c[5];
	static const uint32_t all = WIRE_AF_IPV4_UNICAST |
	    WIRE_AF_IPV6_UNICAST | WIRE_AF_IPV4_MULTICAST |
	    WIRE_AF_IPV6_MULTICAST;

	memset(&c[s], 0, sizeof(c[s]));
	c[s].afs = all;
	c[s].as4 = s != EBGP2 && s != PEER2;
	c[s].ibgp = s == IBGP4;
	c[s].local_as = 65000;
	if (s == PEER4)
		c[s].peer_as = 65001;
	if (s == PEER2)
		c[s].peer_as = 70000;
	return &c[s];
}

static size_t
hex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	unsigned v;
	int k;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		assert_int_equal(sscanf(s, "%2x%n", &v, &k), 1);
		assert_true(n < cap);
		out[n++] = (uint8_t)v;
		s += k;
	}
	return n;
}

static size_t
body(const char *attrs, const char *nlri, uint8_t *b, size_t cap)
{
	size_t alen = hex(attrs, b + 4, cap - 4);

	b[0] = b[1] = 0;
	b[2] = (uint8_t)(alen >> 8);
	b[3] = (uint8_t)alen;
	return 4 + alen + hex(nlri, b + 4 + alen, cap - 4 - alen);
}

/* Append one "key=value" to s. */
static void
add(char *s, size_t size, const char *fmt, ...)
{
	size_t n = strlen(s);
	va_list ap;

	if (n > 0 && n + 1 < size)
		s[n++] = ' ';
	va_start(ap, fmt);
	vsnprintf(s + n, size - n, fmt, ap);
	va_end(ap);
}

static void
summary_mp(const struct wire_mp *m, char c, char *s, size_t size)
{
	char a[ADDR_STRLEN], ll[ADDR_STRLEN];

	if (!m->present)
		return;
	if (c == 'r') {
		addr_print(&m->nh, a, sizeof(a));
		if (m->nh_ll.afi)
			addr_print(&m->nh_ll, ll, sizeof(ll));
		add(s, size, "r=%u/%u %s%s%s n=%zu", m->afi, m->safi, a,
		    m->nh_ll.afi ? " " : "", m->nh_ll.afi ? ll : "",
		    m->nlri.n);
	} else {
		add(s, size, "u=%u/%u n=%zu", m->afi, m->safi, m->nlri.n);
	}
}

static void
summary_unknown(struct bytes u, char *s, size_t size)
{
	size_t i = 0, len;

	while (i + 4 <= u.len) {
		len = (size_t)u.p[i + 2] << 8 | u.p[i + 3];
		add(s, size, "unk=%02x.%u.%zu", u.p[i], u.p[i + 1], len);
		i += 4 + len;
	}
}

/* One line describing everything decoded into u. */
static void
summary(const struct wire_update *u, char *s, size_t size)
{
	const struct attr_builder *b = &u->attrs;
	const struct attr_vals *a = &b->a;
	char t[512], c[ADDR_STRLEN];
	struct addr id;

	s[0] = '\0';
	if (a->flags & ATTRS_HAS_ORIGIN)
		add(s, size, "o=%u", a->origin);
	if (a->flags & ATTRS_HAS_ASPATH) {
		aspath_print(b->aspath, t, sizeof(t));
		add(s, size, "p=%s", t);
	}
	if (a->flags & ATTRS_HAS_NEXTHOP)
		add(s, size, "nh=%s", addr_print(&a->nexthop, c, sizeof(c)));
	if (a->flags & ATTRS_HAS_MED)
		add(s, size, "med=%u", a->med);
	if (a->flags & ATTRS_HAS_LOCAL_PREF)
		add(s, size, "lp=%u", a->local_pref);
	if (a->flags & ATTRS_HAS_ATOMIC_AGG)
		add(s, size, "aa");
	if (a->flags & ATTRS_HAS_AGGREGATOR) {
		addr_from_ipv4(&id, a->aggr_id);
		add(s, size, "agg=%u:%s", a->aggr_as,
		    addr_print(&id, c, sizeof(c)));
	}
	if (b->comms.len) {
		community_print(b->comms, t, sizeof(t));
		for (char *q = t; *q; q++)
			if (*q == ' ')
				*q = ',';
		add(s, size, "c=%s", t);
	}
	if (a->flags & ATTRS_HAS_ORIGINATOR) {
		addr_from_ipv4(&id, a->originator_id);
		add(s, size, "oid=%s", addr_print(&id, c, sizeof(c)));
	}
	if (b->clusters.len)
		add(s, size, "cl=%zu", b->clusters.len);
	if (b->ecomms.len) {
		community_ext_print(b->ecomms, t, sizeof(t));
		add(s, size, "ec=%s", t);
	}
	if (b->lcomms.len) {
		community_large_print(b->lcomms, t, sizeof(t));
		add(s, size, "lc=%s", t);
	}
	if (a->flags & ATTRS_HAS_OTC)
		add(s, size, "otc=%u", a->otc);
	if (a->flags & (ATTRS_PARTIAL_AGGREGATOR | ATTRS_PARTIAL_COMMS |
	    ATTRS_PARTIAL_ECOMMS | ATTRS_PARTIAL_LCOMMS | ATTRS_PARTIAL_OTC))
		add(s, size, "partial=%x", a->flags >> 10);
	summary_unknown(b->unknown, s, size);
	summary_mp(&u->reach, 'r', s, size);
	summary_mp(&u->unreach, 'u', s, size);
	if (u->nlri.n)
		add(s, size, "nlri=%zu", u->nlri.n);
	if (u->withdrawn.n)
		add(s, size, "wd=%zu", u->withdrawn.n);
	if (u->host_bits_masked)
		add(s, size, "masked=%zu", u->host_bits_masked);
}

static void
test_rows(void **state)
{
	struct wire_update u;
	struct wire_err err;
	uint8_t b[1024];
	char s[1024];
	size_t i, n, bad = 0;
	enum wire_verdict v;

	(void)state;
	wire_update_init(&u);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		n = body(rows[i].attrs, rows[i].nlri, b, sizeof(b));
		v = wire_update_decode(b, n, caps_for(rows[i].s), &u, &err);
		summary(&u, s, sizeof(s));
		if (v != rows[i].v || (rows[i].want &&
		    strcmp(s, rows[i].want) != 0))
			print_error("%s: verdict %d (want %d) reason %s\n"
			    "  got  '%s'\n  want '%s'\n", rows[i].name, v,
			    rows[i].v, err.reason ? err.reason : "-", s,
			    rows[i].want ? rows[i].want : ""), bad++;
		if (v != WIRE_OK && err.reason == NULL)
			print_error("%s: no reason\n", rows[i].name), bad++;
	}
	wire_update_fini(&u);
	assert_int_equal(bad, 0);
}

/* The NOTIFICATION details of the session-reset rows. */
static void
test_reset_details(void **state)
{
	struct wire_update u;
	struct wire_err err;
	uint8_t b[256];
	size_t n;

	(void)state;
	wire_update_init(&u);
	n = body(BASE "40 63 02 ab cd", N24, b, sizeof(b));
	assert_int_equal(wire_update_decode(b, n, caps_for(EBGP4), &u, &err),
	    WIRE_RESET);
	assert_int_equal(err.code, WIRE_ERR_UPDATE);
	assert_int_equal(err.subcode, WIRE_UPD_UNRECOGNIZED_WK);
	assert_int_equal(err.data_len, 5);
	assert_int_equal(err.data[1], 0x63);
	assert_int_equal(err.attr_type, 0x63);
	n = body(BASE, "21 c0 00 02 00 00", b, sizeof(b));
	assert_int_equal(wire_update_decode(b, n, caps_for(EBGP4), &u, &err),
	    WIRE_RESET);
	assert_int_equal(err.subcode, WIRE_UPD_NETWORK);
	assert_int_equal(err.offset, 4 + 20);
	n = body(MPR6 MPR6 O P4, "", b, sizeof(b));
	assert_int_equal(wire_update_decode(b, n, caps_for(EBGP4), &u, &err),
	    WIRE_RESET);
	assert_int_equal(err.subcode, WIRE_UPD_MALFORMED_LIST);
	/* Lengths that cannot locate the fields. */
	b[0] = 0;
	b[1] = 9;
	assert_int_equal(wire_update_decode(b, 4, caps_for(EBGP4), &u, &err),
	    WIRE_RESET);
	assert_int_equal(wire_update_decode(b, 1, caps_for(EBGP4), &u, &err),
	    WIRE_RESET);
	n = body(BASE, N24, b, sizeof(b));
	b[3] += 1;
	assert_int_equal(wire_update_decode(b, n - 4, caps_for(EBGP4), &u,
	    &err), WIRE_RESET);
	/* A missing attribute names itself in the data. */
	n = body(O P4, N24, b, sizeof(b));
	assert_int_equal(wire_update_decode(b, n, caps_for(EBGP4), &u, &err),
	    WIRE_WITHDRAW);
	assert_int_equal(err.subcode, WIRE_UPD_MISSING_WK);
	assert_int_equal(err.data[0], ATTR_NEXT_HOP);
	/* AFI disable names the family. */
	n = body("80 0f 06 00 02 01 20 20 01 0d", "", b, sizeof(b));
	assert_int_equal(wire_update_decode(b, n, caps_for(EBGP4), &u, &err),
	    WIRE_AFI_DISABLE);
	assert_int_equal(u.disable_afi, AFI_IPV6);
	assert_int_equal(u.disable_safi, SAFI_UNICAST);
	/* A disabled family hands on nothing, not the prefixes before the bad one. */
	n = body("80 0f 0a 00 02 01 20 20 01 0d b8 81 20", "", b, sizeof(b));
	assert_int_equal(wire_update_decode(b, n, caps_for(EBGP4), &u, &err),
	    WIRE_AFI_DISABLE);
	assert_false(u.unreach.present);
	assert_int_equal(u.unreach.nlri.n, 0);
	wire_update_fini(&u);
}

/* MRT TABLE_DUMP_V2 attribute blocks: abbreviated MP_REACH_NLRI. */
static void
test_mrt_rib_mp_reach(void **state)
{
	struct wire_attrs_opts opts;
	struct wire_update u;
	struct wire_err err;
	uint8_t b[256];
	char s[512];
	size_t n;

	(void)state;
	wire_update_init(&u);
	memset(&opts, 0, sizeof(opts));
	opts.flags = WIRE_ATTRS_MRT_RIB;
	opts.mrt_afi = AFI_IPV6;
	opts.mrt_safi = SAFI_UNICAST;
	n = hex(O P4 "80 0e 21 20 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 "
	    "00 01 fe 80 00 00 00 00 00 00 00 00 00 00 00 00 00 02", b,
	    sizeof(b));
	memset(&err, 0, sizeof(err));
	assert_int_equal(wire_attrs_decode(b, n, caps_for(EBGP4), &opts, &u,
	    WIRE_OK, &err), WIRE_OK);
	summary(&u, s, sizeof(s));
	assert_string_equal(s, "o=0 p=65001 r=2/1 2001:db8::1 fe80::2 n=0");
	/* A writer that stored the full attribute is still understood. */
	wire_update_reset(&u);
	n = hex(MPR6 O P4, b, sizeof(b));
	assert_int_equal(wire_attrs_decode(b, n, caps_for(EBGP4), &opts, &u,
	    WIRE_OK, &err), WIRE_OK);
	summary(&u, s, sizeof(s));
	assert_string_equal(s, "o=0 p=65001 r=2/1 2001:db8::1 n=1");
	/* Bad next hop length: the family named by the caller is disabled. */
	wire_update_reset(&u);
	n = hex("80 0e 04 03 20 01 0d", b, sizeof(b));
	assert_int_equal(wire_attrs_decode(b, n, caps_for(EBGP4), &opts, &u,
	    WIRE_OK, &err), WIRE_AFI_DISABLE);
	assert_int_equal(u.disable_afi, AFI_IPV6);
	/*
	 * Next hop length 0: a one-byte value can only be the abbreviated
	 * form (a full attribute has at least 5 bytes), so the family is
	 * disabled for its next hop, not the session reset for a short
	 * MP attribute.
	 */
	wire_update_reset(&u);
	memset(&err, 0, sizeof(err));
	n = hex("80 0e 01 00", b, sizeof(b));
	assert_int_equal(wire_attrs_decode(b, n, caps_for(EBGP4), &opts, &u,
	    WIRE_OK, &err), WIRE_AFI_DISABLE);
	assert_int_equal(u.disable_afi, AFI_IPV6);
	assert_false(u.reach.present);
	wire_update_fini(&u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_reset_details),
		cmocka_unit_test(test_mrt_rib_mp_reach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
