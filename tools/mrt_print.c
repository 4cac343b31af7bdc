/*
 * `bgpdump -m` line printer for decoded MRT records (see tools/mrt_print.h).
 * Record bodies are framed by bgpd/mrt_*.c; every UPDATE and RIB attribute
 * block is decoded by the engine's codec (bgpd/wire_update.c,
 * bgpd/wire_attr.c) and printed from its values, AS paths with
 * lib/aspath.h and communities with lib/community.h. Field order follows
 * bgpdump 1.6.2: peer|AS|prefix|[path id|]AS path|origin|next hop|
 * local-pref|MED|communities|AG or NAG|aggregator|. Absent values are
 * shown with the format's conventions: ORIGIN as INCOMPLETE, the next hop
 * as 255.255.255.255, LOCAL_PREF and MED as 0, texts empty.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bgpd/wire.h"
#include "bgpd/wire_attr.h"
#include "lib/aspath.h"
#include "lib/community.h"
#include "lib/rd.h"
#include "lib/xmalloc.h"
#include "tools/mrt_print.h"

#define OUT_CAP (1u << 20)
#define LINE_FIXED 512u		/* a line without its AS path and communities */
#define TEXT_MIN 4096u

/*
 * RFC 6396 4.4 records carry the message as it was on the wire, so the
 * subtype stands in for the negotiated capabilities: every family is taken
 * as negotiated, and the RFC 4271 6.3 neighbour-AS check is off.
 */
#define ALL_AFS (WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST | \
	WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST)

/* What every line of one record shares. */
struct line {
	const char *fmt;		/* "BGP4MP", "TABLE_DUMP2_AP", ... */
	char time[32];
	size_t time_len;
	const struct addr *peer;
	uint32_t peer_as;
	bool addpath;
	bool bgp5;			/* type 5 quirk: no '|' before communities */
};

void
mrt_out_init(struct mrt_out *o, int fd)
{
	o->fd = fd;
	o->cap = OUT_CAP;
	o->buf = xmalloc(o->cap);
	o->len = 0;
	o->err = false;
}

int
mrt_out_flush(struct mrt_out *o)
{
	size_t off = 0;
	ssize_t n;

	if (o->fd < 0)
		o->len = 0;	/* a counting-only writer discards */
	while (off < o->len && !o->err) {
		n = write(o->fd, o->buf + off, o->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			o->err = true;
		else
			off += (size_t)n;
	}
	o->len = 0;
	return o->err ? -1 : 0;
}

int
mrt_out_fini(struct mrt_out *o)
{
	int r = mrt_out_flush(o);

	free(o->buf);
	o->buf = NULL;
	return r;
}

/* Make room for need bytes, flushing and growing as needed. */
static void
o_reserve(struct mrt_out *o, size_t need)
{
	if (o->cap - o->len >= need)
		return;
	mrt_out_flush(o);
	if (o->cap < need) {
		o->cap = need;
		o->buf = xrealloc(o->buf, o->cap);
	}
}

static void
o_mem(struct mrt_out *o, const char *s, size_t n)
{
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
o_str(struct mrt_out *o, const char *s)
{
	o_mem(o, s, strlen(s));
}

static void
o_c(struct mrt_out *o, char c)
{
	o->buf[o->len++] = c;
}

static size_t
fmt_u32(char *p, uint32_t v)
{
	char t[10];
	size_t n = 0, i;

	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	for (i = 0; i < n; i++)
		p[i] = t[n - 1 - i];
	return n;
}

static void
o_u32(struct mrt_out *o, uint32_t v)
{
	o->len += fmt_u32(o->buf + o->len, v);
}

/* Dotted quad, the same text as inet_ntop() without its cost. */
static void
o_ipv4(struct mrt_out *o, const uint8_t *a)
{
	o_u32(o, a[0]);
	o_c(o, '.');
	o_u32(o, a[1]);
	o_c(o, '.');
	o_u32(o, a[2]);
	o_c(o, '.');
	o_u32(o, a[3]);
}

/* RFC 5952 text (lib/prefix.c); IPv4 through the fast path. */
static void
o_addr(struct mrt_out *o, const struct addr *a)
{
	char buf[ADDR_STRLEN];

	if (a->afi == AFI_IPV4) {
		o_ipv4(o, a->a);
		return;
	}
	o_str(o, addr_print(a, buf, sizeof(buf)));
}

static void
o_prefix(struct mrt_out *o, const struct prefix *p)
{
	struct addr a;

	a.afi = p->afi;
	memcpy(a.a, p->a, sizeof(a.a));
	o_addr(o, &a);
	o_c(o, '/');
	o_u32(o, p->len);
}

static void
line_time(struct line *l, const struct mrt_hdr *h)
{
	char *p = l->time, us[10];
	size_t n, i;

	p += fmt_u32(p, h->ts);
	if (h->et) {
		/* bgpdump: ".%06ld" of the raw field, even beyond 999999. */
		*p++ = '.';
		n = fmt_u32(us, h->usec);
		for (i = n; i < 6; i++)
			*p++ = '0';
		memcpy(p, us, n);
		p += n;
	}
	l->time_len = (size_t)(p - l->time);
}

static void
line_head(struct mrt_out *o, const struct line *l, const char *kind,
    size_t need)
{
	o_reserve(o, LINE_FIXED + need);
	o_str(o, l->fmt);
	o_c(o, '|');
	o_mem(o, l->time, l->time_len);
	o_c(o, '|');
	o_str(o, kind);
	o_c(o, '|');
	o_addr(o, l->peer);
	o_c(o, '|');
	o_u32(o, l->peer_as);
	o_c(o, '|');
}

static const char *
origin_name(const struct attr_vals *a)
{
	if (!(a->flags & ATTRS_HAS_ORIGIN))
		return "INCOMPLETE";	/* the format's "absent" */
	if (a->origin == ORIGIN_IGP)
		return "IGP";
	if (a->origin == ORIGIN_EGP)
		return "EGP";
	return "INCOMPLETE";
}

/*
 * Text of the decoded AS path and communities into pr's buffers, grown to
 * what aspath_print() / community_print() say they need.
 */
static size_t
text_put(char **buf, size_t *cap, struct bytes v,
    size_t (*print)(struct bytes, char *, size_t))
{
	size_t n;

	if (*cap == 0) {
		*cap = TEXT_MIN;
		*buf = xmalloc(*cap);
	}
	n = print(v, *buf, *cap);
	if (n >= *cap) {
		*cap = n + 1;
		*buf = xrealloc(*buf, *cap);
		n = print(v, *buf, *cap);
	}
	return n;
}

static void
text_prepare(struct mrt_print *pr)
{
	const struct attr_builder *b = &pr->u.attrs;

	pr->path_len = text_put(&pr->path, &pr->path_cap, b->aspath,
	    aspath_print);
	pr->comm_len = text_put(&pr->comm, &pr->comm_cap, b->comms,
	    community_print);
}

/* "comm|AG|aggregator|\n"; lead writes the '|' that ends the MED field. */
static void
line_end(struct mrt_print *pr, const struct line *l, bool lead)
{
	const struct attr_vals *a = &pr->u.attrs.a;
	struct mrt_out *o = pr->out;
	uint8_t id[4];

	if (lead && !l->bgp5)
		o_c(o, '|');
	o_mem(o, pr->comm, pr->comm_len);
	o_c(o, '|');
	o_str(o, (a->flags & ATTRS_HAS_ATOMIC_AGG) ? "AG" : "NAG");
	o_c(o, '|');
	if (a->flags & ATTRS_HAS_AGGREGATOR) {
		id[0] = (uint8_t)(a->aggr_id >> 24);
		id[1] = (uint8_t)(a->aggr_id >> 16);
		id[2] = (uint8_t)(a->aggr_id >> 8);
		id[3] = (uint8_t)a->aggr_id;
		o_u32(o, a->aggr_as);
		o_c(o, ' ');
		o_ipv4(o, id);
	}
	o_mem(o, "|\n", 2);
}

/* One A or B line; nh is the next hop to print, or NULL for none. */
static const struct addr nh_none = { AFI_IPV4, { 255, 255, 255, 255 } };

static void
line_announce(struct mrt_print *pr, const struct line *l, const char *kind,
    const struct wire_nlri *n, const struct addr *nh)
{
	const struct attr_vals *a = &pr->u.attrs.a;
	struct mrt_out *o = pr->out;

	line_head(o, l, kind, pr->path_len + pr->comm_len);
	o_prefix(o, &n->pfx);
	o_c(o, '|');
	if (l->addpath) {
		o_u32(o, n->path_id);
		o_c(o, '|');
	}
	o_mem(o, pr->path, pr->path_len);
	o_c(o, '|');
	o_str(o, origin_name(a));
	o_c(o, '|');
	o_addr(o, nh ? nh : &nh_none);
	o_c(o, '|');
	o_u32(o, (a->flags & ATTRS_HAS_LOCAL_PREF) ? a->local_pref : 0);
	o_c(o, '|');
	o_u32(o, (a->flags & ATTRS_HAS_MED) ? a->med : 0);
	line_end(pr, l, true);
	pr->st.lines++;
}

static void
line_withdraw(struct mrt_print *pr, const struct line *l,
    const struct wire_nlri *n)
{
	struct mrt_out *o = pr->out;

	line_head(o, l, "W", 0);
	o_prefix(o, &n->pfx);
	if (l->addpath) {
		o_c(o, '|');
		o_u32(o, n->path_id);
	}
	o_c(o, '\n');
	pr->st.lines++;
	pr->st.withdraw++;
}

const char *
mrt_print_verdict_name(enum wire_verdict v)
{
	switch (v) {
	case WIRE_OK:
		return "ok";
	case WIRE_ATTR_DISCARD:
		return "attribute discard";
	case WIRE_WITHDRAW:
		return "treat-as-withdraw";
	case WIRE_AFI_DISABLE:
		return "AFI/SAFI disable";
	default:
		return "session reset";
	}
}

/*
 * Keep the first RFC 7606 verdict of a record as its warning: what, the
 * verdict, the attribute at fault and the codec's reason; off is where
 * the decoded bytes start in the record body.
 */
static void
verdict_note(struct mrt_print *pr, enum wire_verdict v,
    const struct wire_err *e, size_t off, const char *what)
{
	char attr[24] = "";

	if (v == WIRE_OK || pr->warn[0] != '\0')
		return;
	if (e->attr_type)
		snprintf(attr, sizeof(attr), "attribute %u: ", e->attr_type);
	snprintf(pr->warn, sizeof(pr->warn), "%s%s (RFC 7606): %s%s",
	    what, mrt_print_verdict_name(v), attr,
	    e->reason ? e->reason : "?");
	pr->warn_off = off + e->offset;
}

static void
caps_set(struct wire_caps *caps, bool as4, bool addpath, uint32_t peer_as,
    uint32_t local_as)
{
	memset(caps, 0, sizeof(*caps));
	caps->as4 = as4;
	caps->ext_msg = true;
	caps->afs = ALL_AFS;
	caps->addpath_rx = addpath ? ALL_AFS : 0;
	caps->local_as = local_as;
	caps->ibgp = peer_as == local_as;
}

/*
 * Decode and print one UPDATE body (after the 19-byte header) of len
 * bytes found at off in the record body: W lines, then A lines, IPv4
 * fields before MP attributes (bgpdump's order).
 */
static void
print_update(struct mrt_print *pr, const struct line *l, const uint8_t *p,
    size_t len, const struct wire_caps *caps, size_t off)
{
	struct wire_update *u = &pr->u;
	struct wire_err e;
	enum wire_verdict v;
	size_t i, before;

	v = wire_update_decode(p, len, caps, u, &e);
	pr->st.verdicts[v]++;
	verdict_note(pr, v, &e, off, "UPDATE ");
	if (v == WIRE_RESET)
		return;
	pr->st.host_bits += u->host_bits_masked;
	text_prepare(pr);
	for (i = 0; i < u->withdrawn.n; i++)
		line_withdraw(pr, l, &u->withdrawn.v[i]);
	for (i = 0; u->unreach.present && i < u->unreach.nlri.n; i++)
		line_withdraw(pr, l, &u->unreach.nlri.v[i]);
	before = pr->st.lines;
	for (i = 0; i < u->nlri.n; i++)
		line_announce(pr, l, "A", &u->nlri.v[i],
		    (u->attrs.a.flags & ATTRS_HAS_NEXTHOP) ?
		    &u->attrs.a.nexthop : NULL);
	for (i = 0; u->reach.present && i < u->reach.nlri.n; i++)
		line_announce(pr, l, "A", &u->reach.nlri.v[i], &u->reach.nh);
	pr->st.announce += pr->st.lines - before;
}

/*
 * Decode one RIB entry's attribute block (RFC 6396 4.2 / 4.3.4) found at
 * off in the record body and print its B line. The block is the
 * collector's own view, read as iBGP so LOCAL_PREF, ORIGINATOR_ID and
 * CLUSTER_LIST are kept; LOCAL_PREF is not required (routes learnt over
 * eBGP lack it). An abbreviated MP_REACH_NLRI carries the next hop, and
 * then no NEXT_HOP is needed even for IPv4 (RFC 8950 next hops). An
 * AFI/SAFI disable verdict disables the entry's own family: no line.
 */
static void
print_rib_entry(struct mrt_print *pr, const struct line *l,
    const struct bytes *attrs, bool as4, const struct wire_nlri *n,
    size_t off)
{
	struct wire_update *u = &pr->u;
	struct wire_attrs_opts opts;
	struct wire_caps caps;
	struct wire_err e;
	enum wire_verdict v;
	bool v4 = n->pfx.afi == AFI_IPV4;

	caps_set(&caps, as4, false, 0, 0);
	memset(&opts, 0, sizeof(opts));
	opts.flags = WIRE_ATTRS_MRT_RIB;
	opts.mrt_afi = n->pfx.afi;
	opts.mrt_safi = SAFI_UNICAST;
	memset(&e, 0, sizeof(e));
	wire_update_reset(u);
	v = wire_attrs_decode(attrs->p, attrs->len, &caps, &opts, u, WIRE_OK,
	    &e);
	caps.ibgp = false;
	if (v != WIRE_RESET)
		v = wire_attrs_check(u, &caps, v4 && !u->reach.present, v, &e);
	pr->st.rib_verdicts[v]++;
	verdict_note(pr, v, &e, off, "RIB entry ");
	/* The entry's own family disabled: like a reset, nothing usable. */
	if (v == WIRE_RESET ||
	    (v == WIRE_AFI_DISABLE && u->disable_afi == n->pfx.afi))
		return;
	text_prepare(pr);
	line_announce(pr, l, "B", n, u->reach.present ? &u->reach.nh :
	    (u->attrs.a.flags & ATTRS_HAS_NEXTHOP) ? &u->attrs.a.nexthop :
	    NULL);
	pr->st.rib_entries++;
}

/* Offset of a view into the record body. */
static size_t
body_off(const uint8_t *body, const uint8_t *p)
{
	return (size_t)(p - body);
}

static enum mrt_verdict
print_td1(struct mrt_print *pr, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_td1 t;
	struct line l = { .fmt = "TABLE_DUMP" };
	struct wire_nlri n;
	enum mrt_verdict v;

	v = mrt_td1_decode(body, h->len, h->subtype, &t, err);
	if (v != MRT_OK)
		return v;
	line_time(&l, h);
	l.peer = &t.peer;
	l.peer_as = t.peer_as;
	pr->st.host_bits += t.host_bits;
	n.pfx = t.pfx;
	n.path_id = 0;
	print_rib_entry(pr, &l, &t.attrs, t.as4, &n,
	    body_off(body, t.attrs.p));
	return MRT_OK;
}

static enum mrt_verdict
print_rib(struct mrt_print *pr, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_rib rib;
	struct mrt_rib_entry e;
	struct line l = { 0 };
	struct wire_nlri n;
	enum mrt_verdict v;

	v = mrt_rib_decode(body, h->len, h->subtype, &rib, err);
	if (v != MRT_OK)
		return v;
	if (!pr->have_pi) {
		err->reason = "RIB record before any PEER_INDEX_TABLE";
		err->offset = 0;
		return MRT_ERR;
	}
	l.fmt = rib.addpath ? "TABLE_DUMP2_AP" : "TABLE_DUMP2";
	l.addpath = rib.addpath;
	line_time(&l, h);
	pr->st.host_bits += rib.host_bits;
	/* The line format has no SAFI: only unicast RIB subtypes print. */
	if (rib.safi != SAFI_UNICAST || h->subtype == MRT_TD2_RIB_GENERIC ||
	    h->subtype == MRT_TD2_RIB_GENERIC_AP)
		pr->st.not_printed++;
	n.pfx = rib.pfx;
	while ((v = mrt_rib_next(&rib, &e, err)) == MRT_OK) {
		if (e.peer_idx >= pr->pi.count) {
			err->reason = "RIB entry peer index beyond the peer table";
			err->offset = rib.body_len - rd_left(&rib.rest);
			return MRT_ERR;
		}
		if (rib.safi != SAFI_UNICAST ||
		    h->subtype == MRT_TD2_RIB_GENERIC ||
		    h->subtype == MRT_TD2_RIB_GENERIC_AP)
			continue;
		l.peer = &pr->pi.peers[e.peer_idx].ip;
		l.peer_as = pr->pi.peers[e.peer_idx].as;
		n.path_id = e.path_id;
		print_rib_entry(pr, &l, &e.attrs, true, &n,
		    body_off(body, e.attrs.p));
	}
	return v == MRT_SKIP ? MRT_OK : v;
}

static enum mrt_verdict
print_peer_index(struct mrt_print *pr, const struct mrt_hdr *h,
    const uint8_t *body, struct mrt_err *err)
{
	struct mrt_peer_index t;
	enum mrt_verdict v;

	v = mrt_peer_index_decode(body, h->len, &t, err);
	if (v != MRT_OK) {
		mrt_peer_index_fini(&t);
		return v;
	}
	mrt_peer_index_fini(&pr->pi);
	pr->pi = t;
	pr->have_pi = true;
	return MRT_OK;
}

static void
print_state(struct mrt_print *pr, const struct line *l, uint16_t old_state,
    uint16_t new_state)
{
	line_head(pr->out, l, "STATE", 0);
	o_u32(pr->out, old_state);
	o_c(pr->out, '|');
	o_u32(pr->out, new_state);
	o_c(pr->out, '\n');
	pr->st.state++;
	pr->st.lines++;
}

/*
 * The name of a BGP4MP message line: _ET for the extended timestamp,
 * _LOCAL for messages the local side sent (RFC 6396 4.4.6, RFC 8050 4),
 * _AP when the NLRI carry path identifiers.
 */
static const char *
bgp4mp_format(const struct mrt_hdr *h, const struct mrt_bgp4mp *m)
{
	static const char *const names[2][2][2] = {
		{ { "BGP4MP", "BGP4MP_AP" },
		    { "BGP4MP_LOCAL", "BGP4MP_LOCAL_AP" } },
		{ { "BGP4MP_ET", "BGP4MP_ET_AP" },
		    { "BGP4MP_ET_LOCAL", "BGP4MP_ET_LOCAL_AP" } },
	};

	return names[h->et][m->local][m->addpath];
}

/* Deprecated type 5 BGP_UPDATE / BGP_STATE_CHANGE (2-octet AS paths). */
static enum mrt_verdict
print_bgp(struct mrt_print *pr, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_bgp b;
	struct line l = { .fmt = "BGP", .bgp5 = true };
	struct wire_caps caps;
	enum mrt_verdict v;

	v = mrt_bgp_decode(body, h->len, h->subtype, &b, err);
	if (v != MRT_OK)
		return v;
	line_time(&l, h);
	l.peer = &b.peer_ip;
	l.peer_as = b.peer_as;
	if (b.subtype == MRT_BGP_STATE_CHANGE) {
		print_state(pr, &l, b.old_state, b.new_state);
		return MRT_OK;
	}
	if (b.subtype != MRT_BGP_UPDATE) {
		pr->st.not_printed++;
		return MRT_OK;
	}
	caps_set(&caps, false, false, b.peer_as, b.local_as);
	print_update(pr, &l, b.update.p, b.update.len, &caps,
	    body_off(body, b.update.p));
	return MRT_OK;
}

static enum mrt_verdict
print_bgp4mp(struct mrt_print *pr, const struct mrt_hdr *h,
    const uint8_t *body, struct mrt_err *err)
{
	struct mrt_bgp4mp m;
	struct line l = { 0 };
	struct wire_caps caps;
	enum mrt_verdict v;

	v = mrt_bgp4mp_decode(body, h->len, h->subtype, &m, err);
	if (v != MRT_OK)
		return v;
	line_time(&l, h);
	l.peer = &m.peer_ip;
	l.peer_as = m.peer_as;
	if (m.state) {
		l.fmt = h->et ? "BGP4MP_ET" : "BGP4MP";
		print_state(pr, &l, m.old_state, m.new_state);
		return MRT_OK;
	}
	l.addpath = m.addpath;
	l.fmt = bgp4mp_format(h, &m);
	if (m.msg.p[18] != WIRE_UPDATE) {
		pr->st.not_printed++;
		return MRT_OK;
	}
	caps_set(&caps, m.as4, m.addpath, m.peer_as, m.local_as);
	print_update(pr, &l, m.msg.p + WIRE_HDR_LEN, m.msg.len - WIRE_HDR_LEN,
	    &caps, body_off(body, m.msg.p) + WIRE_HDR_LEN);
	return MRT_OK;
}

void
mrt_print_init(struct mrt_print *pr, struct mrt_out *out)
{
	memset(pr, 0, sizeof(*pr));
	pr->out = out;
	wire_update_init(&pr->u);
}

void
mrt_print_fini(struct mrt_print *pr)
{
	mrt_peer_index_fini(&pr->pi);
	pr->have_pi = false;
	wire_update_fini(&pr->u);
	free(pr->path);
	free(pr->comm);
	pr->path = pr->comm = NULL;
	pr->path_cap = pr->comm_cap = 0;
}

enum mrt_verdict
mrt_print_record(struct mrt_print *pr, const struct mrt_hdr *h,
    const uint8_t *body, struct mrt_err *err)
{
	enum mrt_verdict v;

	pr->st.records++;
	if (h->type < sizeof(pr->st.by_type) / sizeof(pr->st.by_type[0]))
		pr->st.by_type[h->type]++;
	err->reason = NULL;
	err->offset = 0;
	pr->warn[0] = '\0';
	if (!mrt_is_known(h->type, h->subtype)) {
		err->reason = h->type <= 10 ? "deprecated MRT type, skipped" :
		    "MRT type/subtype not decoded, skipped";
		v = MRT_SKIP;
	} else if (h->type == MRT_BGP) {
		v = print_bgp(pr, h, body, err);
	} else if (h->type == MRT_TABLE_DUMP) {
		v = print_td1(pr, h, body, err);
	} else if (h->type == MRT_TABLE_DUMP_V2) {
		v = h->subtype == MRT_TD2_PEER_INDEX ?
		    print_peer_index(pr, h, body, err) :
		    print_rib(pr, h, body, err);
	} else {
		v = print_bgp4mp(pr, h, body, err);
	}
	if (v == MRT_OK && !err->reason && pr->warn[0] != '\0') {
		err->reason = pr->warn;
		err->offset = pr->warn_off;
	}
	if (v == MRT_OK && err->reason)
		pr->st.warnings++;
	else if (v == MRT_SKIP)
		pr->st.skipped++;
	else if (v == MRT_ERR)
		pr->st.errors++;
	return v;
}
