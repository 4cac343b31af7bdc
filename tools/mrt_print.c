/*
 * `bgpdump -m` line printer for decoded MRT records (see tools/mrt_print.h).
 * Record bodies are framed by bgpd/mrt_*.c; path attributes are read by the
 * compatibility adapter tools/mrt_attr.c. Field order and defaults follow
 * bgpdump 1.6.2: peer|AS|prefix|[path id|]AS path|origin|next hop|
 * local-pref|MED|communities|AG or NAG|aggregator|, absent values as 0 or
 * empty, NEXT_HOP 255.255.255.255 when absent.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bgpd/wire.h"
#include "lib/rd.h"
#include "lib/xmalloc.h"
#include "tools/mrt_attr.h"
#include "tools/mrt_print.h"

#define OUT_CAP (1u << 20)
#define LINE_MAX_LEN 32768u	/* AS path and community text are capped at 8 KB */
#define TEXT_MAX 8192

/* What every line of one record shares. */
struct line {
	const char *fmt;		/* "BGP4MP", "TABLE_DUMP2_AP", ... */
	char time[32];
	size_t time_len;
	const struct addr *peer;
	uint32_t peer_as;
	bool addpath;
	bool bgp5;			/* type 5 quirk: no '|' before communities */
	const struct mrt_attrs *a;
	const char *path, *comm;
	size_t path_len, comm_len;
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

static void
o_reserve(struct mrt_out *o)
{
	if (o->cap - o->len < LINE_MAX_LEN)
		mrt_out_flush(o);
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

/* bgpdump prints MP IPv4 local-pref and MED with %d. */
static void
o_i32(struct mrt_out *o, uint32_t v)
{
	if (v & 0x80000000u) {
		o_c(o, '-');
		v = ~v + 1;
	}
	o_u32(o, v);
}

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

/* One group in lower-case hex without leading zeros. */
static void
o_hex16(struct mrt_out *o, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	int shift = 12;

	while (shift > 0 && ((v >> shift) & 0xf) == 0)
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		o_c(o, hex[(v >> shift) & 0xf]);
}

/*
 * IPv6 text as bgpdump's fmt_ipv6 writes it: IPv4-mapped and -compatible
 * addresses in dotted form, else the first longest run of zero groups
 * (even a single one) shortened to "::".
 */
static void
o_ipv6(struct mrt_out *o, const uint8_t *a)
{
	unsigned g[8], i, run = 0, best = 0, at = 8;
	static const uint8_t zero[12];

	bool mapped = memcmp(a, zero, 10) == 0 && a[10] == 0xff &&
	    a[11] == 0xff;
	bool compat = memcmp(a, zero, 12) == 0 &&
	    (a[12] | a[13] | a[14] || a[15] > 1);

	if (mapped || compat) {
		o_mem(o, "::", 2);
		if (mapped)
			o_mem(o, "ffff:", 5);
		o_ipv4(o, a + 12);
		return;
	}
	for (i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (i = 8; i-- > 0;) {
		run = g[i] == 0 ? run + 1 : 0;
		if (run >= best && run > 0)
			best = run, at = i;
	}
	for (i = 0; i < 8; i++) {
		if (i == at) {
			if (i == 0)
				o_c(o, ':');
			o_c(o, ':');
			i += best - 1;
			continue;
		}
		o_hex16(o, g[i]);
		if (i != 7)
			o_c(o, ':');
	}
}

static void
o_addr(struct mrt_out *o, const struct addr *a)
{
	if (a->afi == AFI_IPV6)
		o_ipv6(o, a->a);
	else
		o_ipv4(o, a->a);
}

static void
o_prefix(struct mrt_out *o, const struct prefix *p)
{
	if (p->afi == AFI_IPV6)
		o_ipv6(o, p->a);
	else
		o_ipv4(o, p->a);
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
line_head(struct mrt_out *o, const struct line *l, const char *kind)
{
	o_reserve(o);
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
origin_name(int origin)
{
	if (origin == 0)
		return "IGP";
	if (origin == 1)
		return "EGP";
	return "INCOMPLETE";
}

/*
 * How an announcement line shows its next hop. bgpdump picks the text by
 * the next-hop length (4: IPv4, 16 or 32: IPv6) and, for MP_REACH_NLRI
 * lengths it does not know, leaves fields out: "nh|lp|med|" for IPv4
 * families, "path|origin|nh|lp|med|" for IPv6 ones.
 */
enum nh_shape {
	NH_PLAIN,		/* NEXT_HOP or RIB next hop, always printed */
	NH_MP4,			/* IPv4 MP_REACH: lp/med with %d */
	NH_MP6,			/* IPv6 MP_REACH */
};

struct nh {
	const uint8_t *a;	/* 4 or 16 bytes */
	uint8_t afi;		/* AFI_IPV4, AFI_IPV6, 0 = not printable */
	enum nh_shape shape;
};

/* The next hop of an MP_REACH_NLRI by its length, as bgpdump prints it. */
static struct nh
nh_of_mp(const struct mrt_mp *mp, enum nh_shape shape)
{
	struct nh n = { mp->nh, 0, shape };

	if (mp->nh_len == 4)
		n.afi = AFI_IPV4;
	else if (mp->nh_len == 16 || mp->nh_len == 32)
		n.afi = AFI_IPV6;
	return n;
}

/* "nh|lp|med" (no trailing '|'). */
static void
line_nh(struct mrt_out *o, const struct line *l, const struct nh *nh)
{
	const struct mrt_attrs *a = l->a;
	uint32_t lp = (a->flag & MRT_ATTR_BIT(ATTR_LOCAL_PREF)) ?
	    a->local_pref : 0;
	uint32_t med = (a->flag & MRT_ATTR_BIT(ATTR_MED)) ? a->med : 0;
	bool sgn = nh->shape == NH_MP4;

	if (nh->afi == AFI_IPV6)
		o_ipv6(o, nh->a);
	else if (nh->afi == AFI_IPV4)
		o_ipv4(o, nh->a);
	o_c(o, '|');
	sgn ? o_i32(o, lp) : o_u32(o, lp);
	o_c(o, '|');
	sgn ? o_i32(o, med) : o_u32(o, med);
}

/*
 * "comm|AG|aggregator|\n", after a '|' that ends the MED field when lead
 * (type 5 lines lack that one).
 */
static void
line_end(struct mrt_out *o, const struct line *l, bool lead)
{
	const struct mrt_attrs *a = l->a;
	static const uint8_t none[4] = { 0xff, 0xff, 0xff, 0xff };

	if (lead && !l->bgp5)
		o_c(o, '|');
	o_mem(o, l->comm, l->comm_len);
	o_c(o, '|');
	o_str(o, (a->flag & MRT_ATTR_BIT(ATTR_ATOMIC_AGGREGATE)) ? "AG" : "NAG");
	o_c(o, '|');
	if (memcmp(a->aggr_addr, none, 4) != 0) {
		o_u32(o, a->aggr_as);
		o_c(o, ' ');
		o_ipv4(o, a->aggr_addr);
	}
	o_mem(o, "|\n", 2);
}

/* One A or B line. */
static void
line_announce(struct mrt_out *o, const struct line *l, const char *kind,
    const struct prefix *p, uint32_t path_id, const struct nh *nh)
{
	line_head(o, l, kind);
	o_prefix(o, p);
	o_c(o, '|');
	if (l->addpath) {
		o_u32(o, path_id);
		o_c(o, '|');
	}
	if (nh->afi == 0 && nh->shape == NH_MP6) {
		line_end(o, l, false);
		return;
	}
	o_mem(o, l->path, l->path_len);
	o_c(o, '|');
	o_str(o, origin_name(l->a->origin));
	o_c(o, '|');
	if (nh->afi == 0 && nh->shape == NH_MP4) {
		line_end(o, l, false);
		return;
	}
	line_nh(o, l, nh);
	line_end(o, l, true);
}

static void
line_withdraw(struct mrt_out *o, const struct line *l, const struct prefix *p,
    uint32_t path_id)
{
	line_head(o, l, "W");
	o_prefix(o, p);
	if (l->addpath) {
		o_c(o, '|');
		o_u32(o, path_id);
	}
	o_c(o, '\n');
}

/* Decode attributes and their text once for all lines of a record. */
static void
line_attrs(struct line *l, struct mrt_attrs *a, const struct bytes *b,
    uint8_t asn_len, char *path, char *comm)
{
	mrt_attrs_decode(b->p, b->len, asn_len, a);
	l->a = a;
	l->path = path;
	l->path_len = mrt_attrs_aspath(a, path, TEXT_MAX);
	l->comm = comm;
	l->comm_len = a->has_comms ? mrt_attrs_comms(a, comm, TEXT_MAX) : 0;
}

/*
 * Next hop of a RIB line. TABLE_DUMP: an (abbreviated) IPv6 MP_REACH next
 * hop as IPv6 whatever its length, else NEXT_HOP. TABLE_DUMP_V2: the IPv6,
 * then the IPv4 unicast MP_REACH next hop by its length (bgpdump prints
 * stack garbage for other lengths; we print nothing), else NEXT_HOP.
 */
static struct nh
rib_nh(const struct mrt_attrs *a, bool td2)
{
	const struct mrt_mp *v6 = &a->reach[AFI_IPV6][SAFI_UNICAST];
	const struct mrt_mp *v4 = &a->reach[AFI_IPV4][SAFI_UNICAST];
	struct nh n = { a->nexthop, AFI_IPV4, NH_PLAIN };
	bool mp = (a->flag & MRT_ATTR_BIT(ATTR_MP_REACH_NLRI)) != 0;

	if (mp && v6->set && !td2) {
		n.a = v6->nh;
		n.afi = AFI_IPV6;
	} else if (mp && (v6->set || v4->set) && td2) {
		n = nh_of_mp(v6->set ? v6 : v4, NH_PLAIN);
	}
	return n;
}

static void
rib_line(struct mrt_print *pr, const struct line *l, const struct prefix *p,
    uint32_t path_id, bool td2)
{
	struct nh nh = rib_nh(l->a, td2);

	line_announce(pr->out, l, "B", p, path_id, &nh);
	pr->st.lines++;
	pr->st.rib_entries++;
}

static enum mrt_verdict
print_td1(struct mrt_print *pr, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_td1 t;
	struct line l = { .fmt = "TABLE_DUMP" };
	struct mrt_attrs a;
	char path[TEXT_MAX], comm[TEXT_MAX];
	enum mrt_verdict v;

	v = mrt_td1_decode(body, h->len, h->subtype, &t, err);
	if (v != MRT_OK)
		return v;
	line_time(&l, h);
	l.peer = &t.peer;
	l.peer_as = t.peer_as;
	line_attrs(&l, &a, &t.attrs, t.as4 ? 4 : 2, path, comm);
	pr->st.host_bits += t.host_bits;
	if (pr->check)
		mrt_check_rib(pr->check, &t.attrs, false, t.pfx.afi,
		    SAFI_UNICAST, path);
	rib_line(pr, &l, &t.pfx, 0, false);
	return MRT_OK;
}

static enum mrt_verdict
print_rib(struct mrt_print *pr, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_rib rib;
	struct mrt_rib_entry e;
	struct line l = { 0 };
	struct mrt_attrs a;
	char path[TEXT_MAX], comm[TEXT_MAX];
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
	/* bgpdump 1.6.2 decodes only the unicast RIB subtypes. */
	if (rib.safi != SAFI_UNICAST || h->subtype == MRT_TD2_RIB_GENERIC ||
	    h->subtype == MRT_TD2_RIB_GENERIC_AP)
		pr->st.not_printed++;
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
		line_attrs(&l, &a, &e.attrs, 4, path, comm);
		rib_line(pr, &l, &rib.pfx, e.path_id, true);
		if (pr->check)
			mrt_check_rib(pr->check, &e.attrs, true, rib.afi,
			    rib.safi, path);
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
	line_head(pr->out, l, "STATE");
	o_u32(pr->out, old_state);
	o_c(pr->out, '|');
	o_u32(pr->out, new_state);
	o_c(pr->out, '\n');
	pr->st.state++;
	pr->st.lines++;
}

/* An NLRI list that did not parse to its end: warn once per record. */
static void
nlri_check(struct mrt_print *pr, const struct rd *r)
{
	if (!rd_is_empty(r))
		pr->warn = "invalid or truncated prefix in NLRI, rest of the "
		    "list ignored";
}

/* Carve min(n, left) bytes, like bgpdump's mstream_copy. */
static void
sub_upto(struct rd *r, size_t n, struct rd *sub)
{
	rd_sub(r, n < rd_left(r) ? n : rd_left(r), sub);
}

static uint16_t
get_u16_pad(struct rd *r)
{
	uint16_t v = 0;
	uint8_t b = 0;

	if (!rd_u16(r, &v) && rd_u8(r, &b))
		v = (uint16_t)(b << 8);
	return v;
}

/* W lines: IPv4 NLRI, then MP_UNREACH per (afi, safi) in bgpdump's order. */
static void
update_withdraw(struct mrt_print *pr, const struct line *l, struct rd w)
{
	const struct mrt_attrs *a = l->a;
	struct prefix p;
	uint32_t id;
	uint16_t afi;
	uint8_t safi;
	struct rd r;

	while (mrt_nlri_next(&w, AFI_IPV4, l->addpath, &p, &id))
		line_withdraw(pr->out, l, &p, id), pr->st.withdraw++;
	nlri_check(pr, &w);
	for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++)
		for (safi = 1; safi <= MRT_ATTR_SAFI_MAX; safi++) {
			if (!a->unreach[afi][safi].set)
				continue;
			rd_init(&r, a->unreach[afi][safi].nlri.p,
			    a->unreach[afi][safi].nlri.len);
			while (mrt_nlri_next(&r, (uint8_t)afi, l->addpath, &p,
			    &id))
				line_withdraw(pr->out, l, &p, id),
				    pr->st.withdraw++;
			nlri_check(pr, &r);
		}
}

static void
update_announce(struct mrt_print *pr, const struct line *l, struct rd n)
{
	const struct mrt_attrs *a = l->a;
	const struct mrt_mp *mp;
	struct prefix p;
	uint32_t id;
	uint16_t afi;
	uint8_t safi;
	struct rd r;

	struct nh nh = { a->nexthop, AFI_IPV4, NH_PLAIN };

	while (mrt_nlri_next(&n, AFI_IPV4, l->addpath, &p, &id))
		line_announce(pr->out, l, "A", &p, id, &nh), pr->st.announce++;
	nlri_check(pr, &n);
	for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++)
		for (safi = 1; safi <= MRT_ATTR_SAFI_MAX; safi++) {
			mp = &a->reach[afi][safi];
			if (!mp->set)
				continue;
			nh = nh_of_mp(mp, afi == AFI_IPV4 ? NH_MP4 : NH_MP6);
			rd_init(&r, mp->nlri.p, mp->nlri.len);
			while (mrt_nlri_next(&r, (uint8_t)afi, l->addpath, &p,
			    &id))
				line_announce(pr->out, l, "A", &p, id, &nh),
				    pr->st.announce++;
			nlri_check(pr, &r);
		}
}

static void
print_update(struct mrt_print *pr, struct line *l, const struct mrt_bgp4mp *m)
{
	struct rd r, w, at;
	struct mrt_attrs a;
	char comm[TEXT_MAX];
	struct bytes ab;
	uint64_t before;

	rd_init(&r, m->msg.p + WIRE_HDR_LEN, m->msg.len - WIRE_HDR_LEN);
	sub_upto(&r, get_u16_pad(&r), &w);
	sub_upto(&r, get_u16_pad(&r), &at);
	ab.p = at.p;
	ab.len = rd_left(&at);
	line_attrs(l, &a, &ab, m->as4 ? 4 : 2, pr->path, comm);
	before = pr->st.withdraw + pr->st.announce;
	if (!rd_is_empty(&w) || (a.flag & MRT_ATTR_BIT(ATTR_MP_UNREACH_NLRI)))
		update_withdraw(pr, l, w);
	if (!rd_is_empty(&r) || (a.flag & MRT_ATTR_BIT(ATTR_MP_REACH_NLRI)))
		update_announce(pr, l, r);
	pr->st.lines += pr->st.withdraw + pr->st.announce - before;
}

/* bgpdump's name for a BGP4MP message line (get_bgp4mp_format). */
static const char *
bgp4mp_format(const struct mrt_hdr *h, const struct mrt_bgp4mp *m)
{
	bool sent = m->local && !m->addpath;

	if (h->et)
		return sent ? "BGP4MP_ET_LOCAL" :
		    m->addpath ? "BGP4MP_ET_AP" : "BGP4MP_ET";
	return sent ? "BGP4MP_LOCAL" : m->addpath ? "BGP4MP_AP" : "BGP4MP";
}

/* Deprecated type 5 BGP_UPDATE / BGP_STATE_CHANGE, printed as bgpdump does. */
static enum mrt_verdict
print_bgp(struct mrt_print *pr, const struct mrt_hdr *h, const uint8_t *body,
    struct mrt_err *err)
{
	struct mrt_bgp b;
	struct line l = { .fmt = "BGP", .bgp5 = true };
	struct rd r, w, at;
	struct mrt_attrs a;
	char path[TEXT_MAX], comm[TEXT_MAX];
	struct bytes ab;
	struct prefix p;
	uint32_t id;
	struct nh nh = { NULL, AFI_IPV4, NH_PLAIN };
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
	rd_init(&r, b.update.p, b.update.len);
	sub_upto(&r, get_u16_pad(&r), &w);
	sub_upto(&r, get_u16_pad(&r), &at);
	ab.p = at.p;
	ab.len = rd_left(&at);
	line_attrs(&l, &a, &ab, 2, path, comm);
	while (mrt_nlri_next(&w, AFI_IPV4, false, &p, &id))
		line_withdraw(pr->out, &l, &p, 0), pr->st.withdraw++,
		    pr->st.lines++;
	nlri_check(pr, &w);
	nh.a = a.nexthop;
	while (mrt_nlri_next(&r, AFI_IPV4, false, &p, &id))
		line_announce(pr->out, &l, "A", &p, 0, &nh), pr->st.announce++,
		    pr->st.lines++;
	nlri_check(pr, &r);
	return MRT_OK;
}

static enum mrt_verdict
print_bgp4mp(struct mrt_print *pr, const struct mrt_hdr *h,
    const uint8_t *body, struct mrt_err *err)
{
	struct mrt_bgp4mp m;
	struct line l = { 0 };
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
	/*
	 * bgpdump 1.6.2 reads the LOCAL subtypes' AS and address pairs in
	 * swapped order but takes only MESSAGE_LOCAL and MESSAGE_AS4_LOCAL as
	 * sent: the LOCAL_ADDPATH lines show the local side, as "received".
	 */
	if (m.local && m.addpath) {
		l.peer = &m.local_ip;
		l.peer_as = m.local_as;
	}
	if (m.msg.p[18] == WIRE_UPDATE) {
		print_update(pr, &l, &m);
		if (pr->check)
			mrt_check_update(pr->check, &m, pr->path);
	} else
		pr->st.not_printed++;
	return MRT_OK;
}

void
mrt_print_init(struct mrt_print *pr, struct mrt_out *out)
{
	memset(pr, 0, sizeof(*pr));
	pr->out = out;
}

void
mrt_print_fini(struct mrt_print *pr)
{
	mrt_peer_index_fini(&pr->pi);
	pr->have_pi = false;
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
	pr->warn = NULL;
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
	if (v == MRT_OK && !err->reason && pr->warn)
		err->reason = pr->warn;
	if (v == MRT_OK && err->reason)
		pr->st.warnings++;
	else if (v == MRT_SKIP)
		pr->st.skipped++;
	else if (v == MRT_ERR)
		pr->st.errors++;
	return v;
}
