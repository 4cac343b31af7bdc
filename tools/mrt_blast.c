/*
 * `crossroute mrt blast`: open BGP sessions to one target and stream a RIB
 * dump into them (tools/mrt_blast.h). Each session fills its send queue
 * from its table only while less than BLAST_LOW bytes wait, and the queue
 * is written only when the socket polls writable, so the peer sets the
 * pace; KEEPALIVEs are read and answered meanwhile (tools/bgpio.h). Routes
 * are sent eBGP-style unless --as equals the peer's AS: NEXT_HOP is
 * rewritten to --next-hop (or the session's local address), the local AS is
 * prepended when the path does not already start with it, LOCAL_PREF,
 * ORIGINATOR_ID and CLUSTER_LIST are not sent (RFC 4271 5.1.5, RFC 4456 8).
 * The run ends when every session's table and End-of-RIB markers (--eor)
 * were written and acknowledged by the peer's TCP (SIOCOUTQ drained).
 * A ROUTE-REFRESH request (RFC 2918) is answered as a real peer would:
 * the table's routes of the requested family are sent again from the
 * start (also with --stay after the run); each request and each completed
 * re-send is reported on stdout.
 */
#include <errno.h>
#include <getopt.h>
#include <linux/sockios.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "bgpd/sock.h"
#include "bgpd/wire_notify.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/xmalloc.h"
#include "tools/bgpio.h"
#include "tools/mrt_blast.h"

#define BLAST_LOW (512u * 1024u)	/* refill below this many bytes */
#define BLAST_BATCH 4096		/* prefixes handed to one pack loop */
#define BLAST_MAX_LOCAL 64
#define BLAST_CONNECT_MS 30000		/* retry refused connects this long */

struct blast_opts {
	uint32_t as;
	uint32_t id;
	struct addr local[BLAST_MAX_LOCAL];
	size_t n_local;
	const char *md5;
	struct addr nh4, nh6;		/* afi 0: the session's own address */
	unsigned peers;
	bool per_peer, only_best, eor, stay, gate, no_ipv6, ext_msg, dry_run;
	uint32_t exclude[8];
	unsigned n_exclude;
	uint16_t hold;
	struct addr target;
	uint16_t port;
	const char *file;
};

/* One session and where it is in its table. */
struct blast_sess {
	struct bgpio io;
	const struct blast_table *tb;
	size_t next;			/* next route to send */
	bool eor_sent, done;
	bool initial_done;		/* the first full pass was written */
	uint32_t resend_afs;		/* re-send pass for these, 0 = all */
	uint64_t refreshes, resent;	/* requests answered, routes re-sent */
	uint64_t resend_ms;		/* when the current re-send began */
	struct addr src;
	uint64_t routes, skipped;
	uint64_t started_ms;		/* first connect attempt */
	uint64_t tried_ms;		/* latest connect attempt */
	struct attr_builder b;
	const struct attrs *b_for;	/* the set b was prepared from */
	uint8_t b_afi;
	struct wire_nlri *batch;
};

struct blast {
	struct blast_opts o;
	struct blast_sess *s;
	size_t n;
	int sigfd;
	bool released;
	uint64_t t_up, t_end;
	double cpu_up;			/* CPU seconds when sending began */
};

static int
usage(void)
{
	fprintf(stderr, "usage: crossroute mrt blast [--as N] [--router-id A] "
	    "[--local ADDR]... [--md5 KEY]\n    [--next-hop A] [--next-hop6 A] "
	    "[--peers K] [--mode per-peer|one-table] [--only-best]\n"
	    "    [--hold S] [--eor] [--stay] [--gate] [--no-ipv6] [--port P] "
	    "[--ext-msg]\n    [--exclude-as N]... [--dry-run] "
	    "PEER_ADDR[:PORT] FILE\n");
	return 2;
}

static int
parse_u32(const char *s, uint32_t max, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v > max)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* "A", "A:P" (IPv4), "[A]:P" or "A" (IPv6). */
static int
parse_target(const char *arg, struct addr *a, uint16_t *port)
{
	char buf[ADDR_STRLEN + 8], *colon;
	uint32_t p;

	snprintf(buf, sizeof(buf), "%s", arg);
	if (buf[0] == '[') {
		colon = strstr(buf, "]:");
		if (!colon)
			return -1;
		*colon = '\0';
		if (parse_u32(colon + 2, 65535, &p) < 0)
			return -1;
		*port = (uint16_t)p;
		return addr_parse(buf + 1, a);
	}
	colon = strchr(buf, ':');
	if (colon && !strchr(colon + 1, ':')) {
		*colon = '\0';
		if (parse_u32(colon + 1, 65535, &p) < 0)
			return -1;
		*port = (uint16_t)p;
	}
	return addr_parse(buf, a);
}

static int
opt_one(struct blast_opts *o, int c, const char *arg)
{
	uint32_t v;
	struct addr a;

	switch (c) {
	case 'a': return parse_u32(arg, UINT32_MAX, &o->as);
	case 'i':
		if (addr_parse(arg, &a) < 0 || a.afi != AFI_IPV4)
			return -1;
		o->id = addr_to_ipv4(&a);
		return 0;
	case 'l':
		if (o->n_local == BLAST_MAX_LOCAL)
			return -1;
		return addr_parse(arg, &o->local[o->n_local++]);
	case 'm': o->md5 = arg; return strlen(arg) > SOCK_MD5_KEY_MAX ? -1 : 0;
	case 'n':
		if (addr_parse(arg, &a) < 0)
			return -1;
		*(a.afi == AFI_IPV4 ? &o->nh4 : &o->nh6) = a;
		return 0;
	case 'k': return parse_u32(arg, 4096, &o->peers);
	case 'M':
		if (!strcmp(arg, "per-peer"))
			o->per_peer = true;
		else if (!strcmp(arg, "one-table"))
			o->per_peer = false;
		else
			return -1;
		return 0;
	case 'h':
		if (parse_u32(arg, 65535, &v) < 0 || v == 1 || v == 2)
			return -1;
		o->hold = (uint16_t)v;
		return 0;
	case 'p':
		if (parse_u32(arg, 65535, &v) < 0)
			return -1;
		o->port = (uint16_t)v;
		return 0;
	case 'b': o->only_best = true; return 0;
	case 'e': o->eor = true; return 0;
	case 's': o->stay = true; return 0;
	case 'g': o->gate = true; return 0;
	case '6': o->no_ipv6 = true; return 0;
	case 'x': o->ext_msg = true; return 0;
	case 'D': o->dry_run = true; return 0;
	case 'X':
		if (o->n_exclude == 8 ||
		    parse_u32(arg, UINT32_MAX, &o->exclude[o->n_exclude]) < 0)
			return -1;
		o->n_exclude++;
		return 0;
	default: return -1;
	}
}

static int
opts_parse(struct blast_opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "router-id", required_argument, NULL, 'i' },
		{ "local", required_argument, NULL, 'l' },
		{ "md5", required_argument, NULL, 'm' },
		{ "next-hop", required_argument, NULL, 'n' },
		{ "next-hop6", required_argument, NULL, 'n' },
		{ "peers", required_argument, NULL, 'k' },
		{ "mode", required_argument, NULL, 'M' },
		{ "hold", required_argument, NULL, 'h' },
		{ "port", required_argument, NULL, 'p' },
		{ "only-best", no_argument, NULL, 'b' },
		{ "eor", no_argument, NULL, 'e' },
		{ "stay", no_argument, NULL, 's' },
		{ "gate", no_argument, NULL, 'g' },
		{ "no-ipv6", no_argument, NULL, '6' },
		{ "ext-msg", no_argument, NULL, 'x' },
		{ "dry-run", no_argument, NULL, 'D' },
		{ "exclude-as", required_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->hold = 90;
	o->port = 179;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1)
		if (c == '?' || opt_one(o, c, optarg) < 0)
			return -1;
	if (argc - optind != 2 ||
	    parse_target(argv[optind], &o->target, &o->port) < 0)
		return -1;
	o->file = argv[optind + 1];
	return 0;
}

/* Rebuild ss->b from a for this session (next hop, eBGP rules). */
static void
builder_prepare(struct blast *bl, struct blast_sess *ss, const struct attrs *a,
    uint8_t afi)
{
	struct attr_builder *b = &ss->b;
	const struct wire_caps *caps = &ss->io.nego.caps;
	const struct addr *nh = afi == AFI_IPV4 ? &bl->o.nh4 : &bl->o.nh6;

	attr_builder_reset(b);
	attr_builder_from(b, a);
	if (nh->afi)
		b->a.nexthop = *nh;
	else if (ss->io.local.afi == afi)
		b->a.nexthop = ss->io.local;
	else {			/* IPv6 routes on an IPv4 session: ::ffff:a.b.c.d */
		memset(&b->a.nexthop, 0, sizeof(b->a.nexthop));
		b->a.nexthop.afi = AFI_IPV6;
		b->a.nexthop.a[10] = b->a.nexthop.a[11] = 0xff;
		memcpy(b->a.nexthop.a + 12, ss->io.local.a, 4);
	}
	b->a.flags |= ATTRS_HAS_NEXTHOP;
	b->a.flags &= ~(uint32_t)ATTRS_HAS_NEXTHOP_LL;
	if (!caps->ibgp) {
		b->a.flags &= ~(uint32_t)(ATTRS_HAS_LOCAL_PREF |
		    ATTRS_HAS_ORIGINATOR);
		b->clusters.p = NULL, b->clusters.len = 0;
		if (aspath_first_as(b->aspath) != caps->local_as ||
		    b->aspath.len == 0)
			b->aspath = aspath_prepend(b, b->aspath, caps->local_as,
			    1);
		b->a.flags |= ATTRS_HAS_ASPATH;
	}
	ss->b_for = a;
	ss->b_afi = afi;
}

/* Queue UPDATEs for the run of routes starting at ss->next. */
static void
sess_pack_run(struct blast *bl, struct blast_sess *ss)
{
	const struct blast_table *tb = ss->tb;
	const struct blast_route *r = &tb->v[ss->next];
	uint8_t buf[WIRE_MAX_LEN_EXT];
	size_t cnt = 0, k = 0, packed, len, cap;
	uint8_t afi = r->pfx.afi;

	while (ss->next + cnt < tb->n && cnt < BLAST_BATCH &&
	    r[cnt].a == r->a && r[cnt].pfx.afi == afi) {
		ss->batch[cnt].pfx = r[cnt].pfx;
		ss->batch[cnt].path_id = 0;
		cnt++;
	}
	ss->next += cnt;
	if (ss->resend_afs && !(ss->resend_afs & wire_af_bit(afi, SAFI_UNICAST)))
		return;		/* a re-send of other families only */
	if (!(ss->io.nego.caps.afs & wire_af_bit(afi, SAFI_UNICAST))) {
		ss->skipped += cnt;
		return;
	}
	if (ss->b_for != r->a || ss->b_afi != afi)
		builder_prepare(bl, ss, r->a, afi);
	cap = bgpio_max_msg(&ss->io);
	while (k < cnt) {
		packed = wire_update_pack_reach(&ss->b, afi, SAFI_UNICAST,
		    ss->batch + k, cnt - k, &ss->io.nego.caps, buf, cap, &len);
		if (packed == 0) {	/* attributes too large for a message */
			ss->skipped++;
			k++;
			continue;
		}
		bgpio_queue(&ss->io, buf, len);
		ss->routes += packed;
		if (ss->resend_afs)
			ss->resent += packed;
		k += packed;
	}
}

static void
sess_eor(struct blast_sess *ss)
{
	uint8_t buf[64];
	size_t len;
	uint8_t afi;

	for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++) {
		if (!(ss->io.nego.caps.afs & wire_af_bit(afi, SAFI_UNICAST)))
			continue;
		len = wire_update_encode_eor(afi, SAFI_UNICAST, buf,
		    sizeof(buf));
		if (len)
			bgpio_queue(&ss->io, buf, len);
	}
	ss->eor_sent = true;
}

/* Refill the send queue of an Established session. */
static void
sess_fill(struct blast *bl, struct blast_sess *ss)
{
	while (bgpio_pending(&ss->io) < BLAST_LOW && ss->next < ss->tb->n)
		sess_pack_run(bl, ss);
	if (ss->next == ss->tb->n && !ss->eor_sent) {
		if (bl->o.eor && !ss->initial_done)
			sess_eor(ss);
		else
			ss->eor_sent = true;
	}
}

/* True once everything queued was written and acknowledged. */
static bool
sess_drained(struct blast_sess *ss)
{
	int outq = 0;

	if (!ss->eor_sent || bgpio_pending(&ss->io) > 0)
		return false;
	if (ioctl(ss->io.fd, SIOCOUTQ, &outq) < 0)
		return true;
	return outq == 0;
}

static int
sess_connect(struct blast *bl, struct blast_sess *ss)
{
	struct sock_opts so;
	struct bgpio_conf conf;
	int fd;

	memset(&so, 0, sizeof(so));
	so.nodelay = false;
	if (bl->o.md5) {
		so.md5_key = (const uint8_t *)bl->o.md5;
		so.md5_len = strlen(bl->o.md5);
	}
	fd = sock_connect(ss->src.afi ? &ss->src : NULL, &bl->o.target,
	    bl->o.port, &so);
	if (fd < 0)
		return -1;
	memset(&conf, 0, sizeof(conf));
	conf.as = bl->o.as ? bl->o.as : ss->tb->peer_as;
	conf.id = bl->o.id ? bl->o.id : ss->tb->peer_id;
	if (conf.id == 0)
		conf.id = 0x0a000001;
	conf.hold = bl->o.hold;
	conf.afs = WIRE_AF_IPV4_UNICAST |
	    (bl->o.no_ipv6 ? 0 : WIRE_AF_IPV6_UNICAST);
	conf.ext_msg = bl->o.ext_msg;
	if (ss->io.rbuf)
		bgpio_fini(&ss->io);
	bgpio_init(&ss->io, fd, true, &conf);
	return 0;
}

/* Sessions for the loaded tables; per-peer: one each, else K on table 0. */
static void
sessions_make(struct blast *bl, const struct blast_table *tb, size_t ntb)
{
	size_t i, n;

	n = bl->o.per_peer ? ntb : (bl->o.peers ? bl->o.peers : 1);
	bl->s = xcalloc(n, sizeof(*bl->s));
	bl->n = n;
	for (i = 0; i < n; i++) {
		bl->s[i].tb = bl->o.per_peer ? &tb[i] : &tb[0];
		if (bl->o.n_local)
			bl->s[i].src = bl->o.local[i % bl->o.n_local];
		attr_builder_init(&bl->s[i].b);
		bl->s[i].batch = xmalloc(BLAST_BATCH * sizeof(*bl->s[i].batch));
		bl->s[i].io.fd = -1;
	}
}

static void
sessions_free(struct blast *bl)
{
	size_t i;

	for (i = 0; i < bl->n; i++) {
		bgpio_fini(&bl->s[i].io);
		attr_builder_fini(&bl->s[i].b);
		free(bl->s[i].batch);
	}
	free(bl->s);
}

static double
cpu_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void
stats_print(struct blast *bl)
{
	uint64_t routes = 0, msgs = 0, bytes = 0, skipped = 0;
	double secs, cpu;
	size_t i;

	for (i = 0; i < bl->n; i++) {
		routes += bl->s[i].routes;
		msgs += bl->s[i].io.msgs_tx;
		bytes += bl->s[i].io.bytes_tx;
		skipped += bl->s[i].skipped;
	}
	cpu = cpu_now();
	secs = (double)(bl->t_end - bl->t_up) / 1000.0;
	printf("blast: sessions %zu routes %llu skipped %llu messages %llu "
	    "bytes %llu seconds %.3f routes/s %.0f cpu_s %.2f send_cpu_s %.2f\n",
	    bl->n,
	    (unsigned long long)routes, (unsigned long long)skipped,
	    (unsigned long long)msgs, (unsigned long long)bytes, secs,
	    secs > 0 ? (double)routes / secs : 0.0, cpu, cpu - bl->cpu_up);
	fflush(stdout);
}

/* A session ended: retry a refused connect for a while, else fail. */
static int
sess_closed(struct blast *bl, struct blast_sess *ss, uint64_t now)
{
	if (!ss->io.up_ms && !ss->io.peer_notified &&
	    now - ss->started_ms < BLAST_CONNECT_MS &&
	    strncmp(ss->io.why, "connect:", 8) == 0) {
		if (now - ss->tried_ms < 500)
			return 0;
		ss->io.why[0] = '\0';
		ss->tried_ms = now;
		return sess_connect(bl, ss) < 0 ? -1 : 0;
	}
	fprintf(stderr, "crossroute: blast: session %zu to port %u: %s\n",
	    (size_t)(ss - bl->s), bl->o.port, ss->io.why);
	return -1;
}

/*
 * The peer sent ROUTE-REFRESH (RFC 2918 4): send the routes of the asked
 * families again from the start of the table. Before the release nothing
 * was sent yet and the release sends everything anyway.
 */
static void
sess_refresh(struct blast *bl, struct blast_sess *ss)
{
	uint32_t afs = ss->io.refresh_afs;

	ss->io.refresh_afs = 0;
	ss->refreshes++;
	printf("blast: session %zu route-refresh %llu (families 0x%x)%s\n",
	    (size_t)(ss - bl->s), (unsigned long long)ss->refreshes, afs,
	    bl->released ? ": re-sending" : " before the release");
	fflush(stdout);
	if (!bl->released)
		return;
	if (ss->initial_done) {		/* else the first pass restarts */
		ss->resend_afs |= afs;
		ss->resend_ms = bgpio_now_ms();
		ss->resent = 0;
	}
	ss->next = 0;
	ss->eor_sent = false;
	ss->done = false;
}

/* A pass over the table is written and acknowledged. */
static void
sess_pass_done(struct blast *bl, struct blast_sess *ss)
{
	ss->done = true;
	if (!ss->initial_done) {
		ss->initial_done = true;
		return;
	}
	printf("blast: session %zu re-sent %llu routes in %.3f s\n",
	    (size_t)(ss - bl->s), (unsigned long long)ss->resent,
	    (double)(bgpio_now_ms() - ss->resend_ms) / 1000.0);
	fflush(stdout);
	ss->resend_afs = 0;
}

static void
sess_step(struct blast *bl, struct blast_sess *ss, short rev)
{
	if (rev & (POLLIN | POLLERR | POLLHUP))
		bgpio_input(&ss->io, NULL, NULL);
	if (ss->io.state == BGPIO_ESTABLISHED && ss->io.refresh_afs)
		sess_refresh(bl, ss);
	if (ss->io.state == BGPIO_ESTABLISHED && bl->released && !ss->done)
		sess_fill(bl, ss);
	if (ss->io.state != BGPIO_CLOSED)
		bgpio_output(&ss->io);
	if (ss->io.state == BGPIO_ESTABLISHED && bl->released && !ss->done &&
	    ss->next == ss->tb->n && sess_drained(ss))
		sess_pass_done(bl, ss);
}

/* poll() events of session ss: also POLLOUT while its table is not queued. */
static short
sess_events(const struct blast *bl, const struct blast_sess *ss)
{
	short ev = bgpio_events(&ss->io);

	if (ss->io.state == BGPIO_ESTABLISHED && bl->released && !ss->done &&
	    ss->next < ss->tb->n)
		ev |= POLLOUT;
	return ev;
}

/* One poll round; returns 1 when all done, -1 on error or a signal. */
static int
loop_once(struct blast *bl, struct pollfd *pf)
{
	struct signalfd_siginfo si;
	size_t i, up = 0, done = 0;
	uint64_t now;

	for (i = 0; i < bl->n; i++) {
		pf[i].fd = bl->s[i].io.fd;
		pf[i].events = sess_events(bl, &bl->s[i]);
		pf[i].revents = 0;
	}
	pf[bl->n].fd = bl->sigfd;
	pf[bl->n].events = POLLIN;
	pf[bl->n].revents = 0;
	if (poll(pf, bl->n + 1, bl->released && !bl->t_end ? 5 : 100) < 0 && errno != EINTR)
		return -1;
	if (pf[bl->n].revents & POLLIN &&
	    read(bl->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo != SIGUSR1)
			return -1;
		bl->released = true;
	}
	now = bgpio_now_ms();
	for (i = 0; i < bl->n; i++) {
		sess_step(bl, &bl->s[i], pf[i].revents);
		bgpio_tick(&bl->s[i].io, now);
		if (bl->s[i].io.state == BGPIO_CLOSED &&
		    sess_closed(bl, &bl->s[i], now) < 0)
			return -1;
		up += bl->s[i].io.state == BGPIO_ESTABLISHED;
		done += bl->s[i].done;
	}
	if (up == bl->n && !bl->t_up) {
		bl->t_up = now;
		printf("blast: up %zu sessions\n", bl->n);
		fflush(stdout);
		if (!bl->o.gate)
			bl->released = true;
	}
	return done == bl->n ? 1 : 0;
}

static int
blast_run(struct blast *bl)
{
	struct pollfd *pf;
	uint64_t now = bgpio_now_ms(), t_rel = 0;
	size_t i;
	int rc = 0;

	pf = xcalloc(bl->n + 1, sizeof(*pf));
	for (i = 0; i < bl->n; i++) {
		bl->s[i].started_ms = bl->s[i].tried_ms = now;
		if (sess_connect(bl, &bl->s[i]) < 0) {
			fprintf(stderr, "crossroute: blast: connect: %s\n",
			    strerror(errno));
			free(pf);
			return 1;
		}
	}
	while ((rc = loop_once(bl, pf)) == 0)
		if (bl->released && !t_rel) {
			t_rel = bgpio_now_ms();
			bl->cpu_up = cpu_now();
		}
	bl->t_end = bgpio_now_ms();
	if (t_rel && t_rel > bl->t_up)
		bl->t_up = t_rel;
	if (bl->t_up)		/* also after a failure: what was sent */
		stats_print(bl);
	if (rc == 1) {
		while (bl->o.stay && (rc = loop_once(bl, pf)) >= 0)
			;
		for (i = 0; i < bl->n; i++)
			bgpio_notify_close(&bl->s[i].io, WIRE_ERR_CEASE,
			    WIRE_CEASE_ADMIN_SHUTDOWN, "done");
		rc = 1;
	}
	free(pf);
	return rc == 1 ? 0 : 1;
}

static int
signals_open(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGPIPE);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	sigdelset(&set, SIGPIPE);
	return signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

int
mrt_blast_main(int argc, char **argv)
{
	struct blast bl;
	struct blast_load_opts lo;
	struct blast_load_stats st;
	struct blast_table *tb = NULL;
	struct attr_table *t;
	size_t ntb = 0;
	char why[256] = "";
	int rc;

	memset(&bl, 0, sizeof(bl));
	if (opts_parse(&bl.o, argc, argv) < 0)
		return usage();
	if (!bl.o.per_peer && bl.o.as == 0) {
		fprintf(stderr, "crossroute: blast: one-table mode needs --as\n");
		return 2;
	}
	memset(&lo, 0, sizeof(lo));
	lo.per_peer = bl.o.per_peer;
	lo.only_best = bl.o.only_best;
	lo.max_tables = bl.o.per_peer ? bl.o.peers : 0;
	lo.no_ipv6 = bl.o.no_ipv6;
	memcpy(lo.exclude, bl.o.exclude, sizeof(lo.exclude));
	lo.n_exclude = bl.o.n_exclude;
	t = attr_table_new();
	if (blast_load(bl.o.file, &lo, t, &tb, &ntb, &st, why,
	    sizeof(why)) < 0 || ntb == 0) {
		fprintf(stderr, "crossroute: blast: %s: %s\n", bl.o.file,
		    ntb ? why : (why[0] ? why : "no routes"));
		blast_tables_free(t, tb, ntb);
		attr_table_free(t);
		return 1;
	}
	printf("blast: loaded %llu routes (%llu RIB entries, %llu attribute "
	    "sets, %llu rejected, %llu excluded) into %zu table(s)\n",
	    (unsigned long long)st.routes, (unsigned long long)st.rib_entries,
	    (unsigned long long)st.attr_sets,
	    (unsigned long long)st.bad_attrs,
	    (unsigned long long)st.excluded, ntb);
	fflush(stdout);
	if (bl.o.dry_run) {
		blast_tables_free(t, tb, ntb);
		attr_table_free(t);
		return 0;
	}
	bl.sigfd = signals_open();
	sessions_make(&bl, tb, ntb);
	rc = bl.sigfd < 0 ? 1 : blast_run(&bl);
	sessions_free(&bl);
	if (bl.sigfd >= 0)
		close(bl.sigfd);
	blast_tables_free(t, tb, ntb);
	attr_table_free(t);
	return rc;
}
